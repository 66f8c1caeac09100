"""bench/compare.py's brat side, run with the `core` validators' Python: brat's own parser
(`bratsubset`, shipped in `bratiaa`) reads every `.ann` of a folder with its `.txt`, as
validate_brat.py does, plus `annotation.conf` once. Prints one JSON line: counts and seconds.

usage: compare_brat.py DIR
"""
import json
import sys
import time

START = time.perf_counter()

from pathlib import Path  # noqa: E402  (imports are part of what a user's run pays for)

from bratsubset.annotation import EventAnnotation, TextAnnotations, TextBoundAnnotation  # noqa: E402
from bratsubset.projectconfig import ProjectConfiguration  # noqa: E402
from bratsubset.realmessage import Messager  # noqa: E402


def main(folder):
    imported = time.perf_counter()
    d = Path(folder)
    ProjectConfiguration(str(d))  # Acta reads annotation.conf too: it becomes the schema
    docs = entities = events = chars = 0
    for ann_file in sorted(d.glob("*.ann")):
        # brat collects messages in a class-level list; clear it per document as validate_brat.py does
        Messager._Messager__pending_messages.clear()
        ann = TextAnnotations(str(ann_file.with_suffix("")), read_only=True)
        chars += len(ann.get_document_text())
        for a in ann:
            if isinstance(a, EventAnnotation):
                events += 1
            elif isinstance(a, TextBoundAnnotation):
                entities += 1
        docs += 1
    done = time.perf_counter()
    print(json.dumps({"docs": docs, "entities": entities, "events": events, "chars": chars,
                      "import_s": imported - START, "parse_s": done - imported}))


if __name__ == "__main__":
    main(sys.argv[1])
