#!/usr/bin/env python3
"""Acta side by side with the tools it replaces, in one run on the same generated data (issue 6):
`acta export --format conll` against label-studio-converter's CONLL2003 export of the same tasks,
and `acta import --format brat` against brat's own parser (`bratsubset`) reading the same folder.

usage: python3 bench/compare.py [--mb 10] [--runs 3] [--json] [--keep DIR] [--acta PATH]
The validators' venvs come from $VALIDATORS_HOME or ~/.cache/acta-validators
(installed by ../shared/validators/setup.sh). Needs a release build: cargo build --release.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # leave no __pycache__ in the work tree
sys.path.insert(0, str(HERE))
import compare_gen  # noqa: E402

ROOT = HERE.parent


class Failed(Exception):
    """A tool failed or is missing: said in one message, exit non-zero, no traceback."""


def say(msg):
    # progress on stderr, so that --json leaves stdout to the JSON lines
    print(msg, file=sys.stderr, flush=True)


def run(cmd):
    """Run a command to completion; (wall seconds, stdout and stderr, CPU seconds). Output is
    captured so that no terminal drawing is timed (acta's export report lists every event CoNLL
    cannot hold). CPU time (user + system) is the steadier number on a shared, busy machine."""
    before = cpu_of_children()
    t = time.perf_counter()
    p = subprocess.run([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    cpu = cpu_of_children() - before
    if p.returncode != 0:
        tail = "\n".join((p.stderr or p.stdout).strip().splitlines()[-10:])
        raise Failed(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n{tail}")
    return elapsed, p.stdout + p.stderr, cpu


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def find_tools(args):
    acta = Path(args.acta or os.environ.get("ACTA") or ROOT / "target" / "release" / "acta")
    if not acta.is_file():
        raise Failed(f"no Acta binary at {acta}: run `cargo build --release` first (or pass --acta PATH)")
    home = Path(os.environ.get("VALIDATORS_HOME") or Path.home() / ".cache" / "acta-validators")
    pythons = {"core": home / "core" / "bin" / "python", "labelstudio": home / "labelstudio" / "bin" / "python"}
    probes = {"core": "import bratsubset.annotation", "labelstudio": "import label_studio_sdk.converter"}
    for venv, python in pythons.items():
        ok = python.is_file() and subprocess.run([str(python), "-c", probes[venv]],
                                                  capture_output=True).returncode == 0
        if not ok:
            raise Failed(f"validators missing: {python} cannot `{probes[venv]}`.\n"
                         f"Install them with `../shared/validators/setup.sh all` (see its README.md), "
                         f"or point $VALIDATORS_HOME at an existing install (now {home}).")
    return acta, pythons


def median_run(cmd, runs, before=None):
    times, cpus, out = [], [], ""
    for _ in range(runs):
        if before:
            before()
        t, out, cpu = run(cmd)
        times.append(t)
        cpus.append(cpu)
    return statistics.median(times), out, statistics.median(cpus)


def last_json(out):
    # the helpers print their JSON line last on stdout; warnings, if any, come on stderr
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise Failed(f"no JSON line in the helper's output:\n{out[-500:]}")


def count_b_tags(conll):
    # an entity starts at every B- tag (IOB2), whatever the number of columns
    with open(conll, encoding="utf-8") as f:
        return sum(1 for line in f if line.rstrip("\n").rsplit(" ", 1)[-1].startswith("B-"))


def dir_mb(path):
    return sum(p.stat().st_size for p in Path(path).iterdir()) / 1e6


def prepare(work, acta, mb):
    say(f"generating {mb:g} MB of documents in {work} ...")
    n_docs, n_bytes, n_spans, n_events = compare_gen.write_jsonl(work / "gen.jsonl", int(mb * 1e6))
    project = work / "project.ron"
    run([acta, "import", project, "--format", "jsonl", work / "gen.jsonl"])
    run([acta, "validate", project])
    run([acta, "export", project, "--format", "label-studio", "--out", work / "tasks.json"])
    run([acta, "export", project, "--format", "brat", "--out", work / "brat"])
    say(f"  {n_docs} documents, {n_bytes / 1e6:.1f} MB of text, {n_spans} spans, {n_events} events; "
        f"tasks.json {(work / 'tasks.json').stat().st_size / 1e6:.1f} MB, brat/ {dir_mb(work / 'brat'):.1f} MB")
    return project, n_bytes


def compare_conll(work, acta, pythons, project, runs):
    say(f"CoNLL: acta export ({runs} runs) ...")
    acta_s, _, acta_cpu = median_run([acta, "export", project, "--format", "conll", "--out", work / "acta.conll"], runs)
    say("CoNLL: label-studio-converter export -f CONLL2003 ...")
    other_s, out, other_cpu = run([pythons["labelstudio"], HERE / "compare_ls.py", work / "tasks.json",
                        work / "tasks.config.xml", work / "ls"])
    inner = last_json(out)
    return {"acta_s": acta_s, "other_s": other_s, "acta_cpu_s": acta_cpu, "other_cpu_s": other_cpu,
            "other_inproc_s": inner["convert_s"],
            "acta_entities": count_b_tags(work / "acta.conll"),
            "other_entities": count_b_tags(work / "ls" / "result.conll")}


def compare_brat(work, acta, pythons, runs):
    target = work / "from_brat.ron"

    def fresh():
        # acta import adds to an existing project: start from none each run
        target.unlink(missing_ok=True)

    say(f"brat: acta import ({runs} runs) ...")
    acta_s, out, acta_cpu = median_run([acta, "import", target, "--format", "brat", work / "brat"], runs, fresh)
    m = re.search(r"imported (\d+) documents, (\d+) spans, (\d+) events", out)
    if not m:
        raise Failed(f"acta import printed no summary:\n{out[-500:]}")
    say("brat: bratsubset over every .ann/.txt ...")
    other_s, out, other_cpu = run([pythons["core"], HERE / "compare_brat.py", work / "brat"])
    inner = last_json(out)
    return {"acta_s": acta_s, "other_s": other_s, "acta_cpu_s": acta_cpu, "other_cpu_s": other_cpu,
            "other_inproc_s": inner["parse_s"],
            "acta_entities": int(m.group(2)), "other_entities": inner["entities"],
            "acta_events": int(m.group(3)), "other_events": inner["events"]}


def rows(name, other, size, mb, r, runs):
    """Two lines per comparison: the other tool end to end (process start, imports), and only its
    work once loaded; Acta is end to end in both, so the second ratio is the conservative one.
    The first also compares CPU seconds of the whole processes."""
    common = {"size": size, "acta_s": round(r["acta_s"], 3), "acta_mb_s": round(mb / r["acta_s"], 2),
              "acta_runs": runs, "other_runs": 1, "acta_entities": r["acta_entities"],
              "other_entities": r["other_entities"]}
    cpu = {"acta_cpu_s": round(r["acta_cpu_s"], 3), "other_cpu_s": round(r["other_cpu_s"], 3),
           "cpu_ratio": round(r["other_cpu_s"] / r["acta_cpu_s"], 2)}
    for suffix, key, what, extra in (("", "other_s", "end to end", cpu), ("_inproc", "other_inproc_s", "work only", {})):
        o = r[key]
        yield {"name": name + suffix, "other": f"{other} ({what})", **common, "other_s": round(o, 3),
               "other_mb_s": round(mb / o, 2), "ratio": round(o / r["acta_s"], 2), **extra}


def table(records, mb):
    print(f"Same data: {mb:.1f} MB of document text (MB/s over that text for both sides); "
          f"ratio = other_s / acta_s (how many times faster Acta is), cpu ratio the same over CPU seconds. "
          f"Acta: median of its runs, end to end.")
    head = ("comparison", "other tool", "acta s", "acta MB/s", "other s", "other MB/s", "ratio", "cpu ratio",
            "entities acta/other")
    lines = [head] + [(r["name"], r["other"], f"{r['acta_s']:.3f}", f"{r['acta_mb_s']:.1f}", f"{r['other_s']:.3f}",
                       f"{r['other_mb_s']:.1f}", f"{r['ratio']:.1f}x",
                       f"{r['cpu_ratio']:.1f}x" if "cpu_ratio" in r else "-",
                       f"{r['acta_entities']}/{r['other_entities']}")
                      for r in records]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for line in lines:
        print("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10, help="MB of document text to generate (default 10)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each acta command; the median counts (default 3)")
    ap.add_argument("--json", action="store_true", help="one JSON object per comparison instead of a table")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep the generated files")
    ap.add_argument("--acta", metavar="PATH", help="the acta binary (default $ACTA or target/release/acta)")
    args = ap.parse_args()
    try:
        acta, pythons = find_tools(args)
        work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="acta-compare-"))
        if args.keep and work.exists() and any(work.iterdir()):
            raise Failed(f"{work} is not empty: give an empty or new folder to --keep")
        work.mkdir(parents=True, exist_ok=True)
        try:
            project, n_bytes = prepare(work, acta, args.mb)
            mb = n_bytes / 1e6
            size = f"{mb:.1f}".removesuffix(".0") + "MB"  # as acta bench names sizes: "10MB"
            conll = compare_conll(work, acta, pythons, project, args.runs)
            brat = compare_brat(work, acta, pythons, args.runs)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    except Failed as e:
        print(f"compare.py: {e}", file=sys.stderr)
        return 2
    records = list(rows("conll_export_vs_label_studio_converter", "label-studio-converter CONLL2003",
                        size, mb, conll, args.runs))
    records += list(rows("brat_import_vs_bratsubset", "bratsubset", size, mb, brat, args.runs))
    if args.json:
        for r in records:
            print(json.dumps(r, ensure_ascii=False))
    else:
        table(records, mb)
        print(f"brat events: acta {brat['acta_events']}, bratsubset {brat['other_events']}. CoNLL holds no events "
              f"(their trigger spans stay as entities on both sides). The generator puts spans on whole words, so "
              f"both tokenisers see the same entities; Acta would report and leave out a span off spaCy's token "
              f"boundaries, where the converter tags every token the span touches.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
