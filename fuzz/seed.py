#!/usr/bin/env python3
"""Seeds for the fuzz corpora: the test data of every format, the sample project one document
at a time, and the sample's exports split per document (see fuzz/run.sh). Usage:
    python3 fuzz/seed.py EXPORTS OUT
EXPORTS holds `acta export projects/sample.ron` outputs (jsonl.out, brat.out/, conll.out,
doccano.out, doccano-seq.out, label-studio.out + label-studio.config.xml); OUT (fuzz/seeds)
gets one folder per target."""
import json, os, sys, glob

exp, out = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
data = os.path.join(root, "tests", "data")
count = {}


def seed(target, content):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    n = count.get(target, 0)
    count[target] = n + 1
    if isinstance(content, str):
        content = content.encode()
    with open(os.path.join(out, target, f"seed-{n:03}"), "wb") as f:
        f.write(content)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# project_load: the sample's header and schema with each of its documents alone.
lines = read(os.path.join(root, "projects", "sample.ron")).decode().split("\n")
start = lines.index("  documents: [")
head, docs, cur = lines[: start + 1], [], None
for line in lines[start + 1 :]:
    if line == "    (":
        cur = [line]
    elif cur is not None:
        cur.append(line)
        if line == "    ),":
            docs.append(cur)
            cur = None
for i, doc in enumerate(docs):
    body = list(doc)
    if i == len(docs) - 1:
        # Review data, comments and rejections, which the sample lacks.
        at = next(k for k, l in enumerate(body) if l.startswith("      next_id:"))
        body[at:at] = [
            "      review: in_review,",
            '      comments: [(author: "Оля", time: "2026-11-23T10:04:00Z", text: "«ЛНР» — actor?\\nask")],',
            '      rejected: [(start: 0, end: 5, label: "Actor", by: "Оля")],',
        ]
    seed("project_load", "\n".join(head + body + ["  ],", ")", ""]))
seed("project_load", '(format_version: 2, name: "x", schema: (labels: [], event_types: [], attributes: []))\n')
# Small projects with one of everything: the fuzzer mutates small inputs much faster.
SMALL = r"""(
  format_version: 2,
  name: "Тест",
  schema: (
    labels: [
      (name: "Actor", color: "#3b82f6", hotkey: Some("1"), kind: Entity),
      (name: "Event", color: "#f59e0b", hotkey: None, kind: Event),
    ],
    event_types: [
      (name: "Statement", color: "#f59e0b", roles: [(name: "Agent", targets: ["Actor"], cardinality: "+", hotkey: Some("a")), (name: "Theme", targets: ["<EVENT>"], cardinality: "?", hotkey: None)]),
    ],
    attributes: [
      (name: "kind", on: ["Actor"], kind: Choice(["person", "state"])),
      (name: "note", on: ["Actor"], kind: Text),
      (name: "value", on: ["Actor"], kind: Date),
      (name: "polarity", on: ["Statement"], kind: Choice(["asserted", "negated"])),
    ],
  ),
  documents: [
    (
      id: "d1",
      title: "Южная Осетия",
      lang: "ru",
      source: "seed.txt",
      dateline: Some("2015-04-28"),
      status: in_progress,
      notes: "check «ЛНР»",
      review: in_review,
      comments: [(author: "Оля", time: "2026-11-23T10:04:00Z", text: "«ЛНР» — actor?\nask")],
      rejected: [(start: 13, end: 21, label: "Event", by: "Оля")],
      next_id: 5,
      text: "Южная\u{a0}Осетия признала ЛНР.\r\n«Ми» — 👩‍👩‍👧 далі́\n",
      spans: [
        (id: 1, start: 0, end: 12, label: "Actor", text: "Южная\u{a0}Осетия", annotator: "ann", attributes: {"kind": "state", "value": "2015-04-28"}),
        (id: 3, start: 13, end: 21, label: "Event", text: "признала", annotator: "ann", note: Some("да")),
        (id: 2, start: 22, end: 25, label: "Actor", text: "ЛНР", annotator: "ann"),
      ],
      events: [
        (id: 4, trigger: 3, type: "Statement", arguments: [(role: "Agent", target: 1), (role: "Theme", target: 2)], annotator: "ann", attributes: {"polarity": "asserted"}),
      ],
    ),
    (id: "d2", text: "x\r\ny"),
  ],
)
"""
seed("project_load", SMALL)
seed("project_load", SMALL.replace("format_version: 2", "format_version: 1").replace("      status: in_progress,\n", ""))

# import_jsonl: the sample's documents one line each, and the agreement test data.
for line in read(os.path.join(exp, "jsonl.out")).splitlines():
    seed("import_jsonl", line + b"\n")
seed("import_jsonl", read(os.path.join(data, "agreement", "two_annotators.jsonl")))
seed("import_jsonl", '{"text": "Київ, 1 травня\\r\\n"}\n')

# import_doccano: both modes of the sample, and the test data.
for name in ["doccano.out", "doccano-seq.out"]:
    for line in read(os.path.join(exp, name)).splitlines():
        seed("import_doccano", line + b"\n")
for path in sorted(glob.glob(os.path.join(data, "doccano", "*.jsonl"))):
    seed("import_doccano", read(path))

# import_conll: the sample per -DOCSTART-, and the test data.
text = read(os.path.join(exp, "conll.out")).decode()
for part in text.split("-DOCSTART-")[1:]:
    seed("import_conll", "-DOCSTART-" + part)
for path in sorted(glob.glob(os.path.join(data, "conll", "*.conll"))):
    seed("import_conll", read(path))

# import_brat: TXT \0 ANN \0 annotation.conf, with and without the conf.
def brat_dir(d):
    conf = os.path.join(d, "annotation.conf")
    for ann in sorted(glob.glob(os.path.join(d, "*.ann"))):
        txt = read(ann[:-4] + ".txt")
        seed("import_brat", txt + b"\0" + read(ann) + b"\0" + read(conf))
        seed("import_brat", txt + b"\0" + read(ann))


brat_dir(os.path.join(exp, "brat.out"))
for d in ["golden", "validator/brat", "validator/brat_disc"]:
    brat_dir(os.path.join(data, "brat", d))

# import_label_studio: TASKS \0 config, one task at a time for the sample.
config = read(os.path.join(exp, "label-studio.config.xml"))
for task in json.loads(read(os.path.join(exp, "label-studio.out"))):
    seed("import_label_studio", json.dumps([task], ensure_ascii=False).encode() + b"\0" + config)
ls = os.path.join(data, "label_studio")
seed("import_label_studio", read(os.path.join(ls, "tasks.json")) + b"\0" + read(os.path.join(ls, "config.xml")))
seed("import_label_studio", read(os.path.join(ls, "layered.json")) + b"\0" + read(os.path.join(ls, "layered.config.xml")))
seed("import_label_studio", read(os.path.join(ls, "tasks_bad.json")))

# txt_decode: the sample's texts in the encodings the importer detects, and a binary.
texts = [read(p).decode() for p in sorted(glob.glob(os.path.join(exp, "brat.out", "*.txt")))]
for t in texts:
    seed("txt_decode", t.encode())
ru = texts[0][:600]
seed("txt_decode", ru.encode("cp1251", "replace"))
seed("txt_decode", ru.encode("koi8_r", "replace"))
seed("txt_decode", "Київ і Львів, ґанок, їжа, є\r\n".encode("koi8_u"))
seed("txt_decode", b"\xef\xbb\xbf" + ru.encode())
seed("txt_decode", b"\xff\xfe" + ru.encode("utf-16-le"))
seed("txt_decode", b"\xfe\xff" + ru.encode("utf-16-be"))
seed("txt_decode", b"text\0binary")
print(count)
