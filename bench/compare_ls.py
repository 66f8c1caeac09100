"""bench/compare.py's Label Studio side, run with the `labelstudio` validators' Python: the
`label-studio-converter` command itself (its `main()`, as the installed entry-point script calls
it), with the CONLL2003 conversion timed inside. Prints one JSON line after the converter's output.

usage: compare_ls.py TASKS.json CONFIG.xml OUTDIR
"""
import json
import sys
import time

START = time.perf_counter()

from label_studio_sdk.converter import Converter  # noqa: E402
from label_studio_sdk.converter.main import main  # noqa: E402

CONVERT = {}
original = Converter.convert_to_conll2003


def timed(self, *args, **kwargs):
    # Only the conversion proper: the tasks read and tokenised, result.conll written.
    t = time.perf_counter()
    try:
        return original(self, *args, **kwargs)
    finally:
        CONVERT["convert_s"] = time.perf_counter() - t


Converter.convert_to_conll2003 = timed

if __name__ == "__main__":
    tasks, config, out = sys.argv[1:4]
    # --heartex-format: the input is one JSON file of tasks (not a folder of them)
    sys.argv = ["label-studio-converter", "export", "-i", tasks, "-c", config, "-o", out,
                "-f", "CONLL2003", "--heartex-format"]
    imported = time.perf_counter()
    main()
    print(json.dumps({"import_s": imported - START, **CONVERT}))
