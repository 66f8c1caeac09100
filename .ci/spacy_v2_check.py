"""After `spacy convert FILE.json OUTDIR -c json`: the .spacy DocBin must hold the exact texts of
Acta's native export and a non-zero number of entities (IOB tags in v2 JSON give 0 silently).
usage: spacy_v2_check.py DOCBIN.spacy NATIVE.jsonl"""
import json
import sys

import spacy
from spacy.tokens import DocBin

docs = list(DocBin().from_disk(sys.argv[1]).get_docs(spacy.blank("xx").vocab))
with open(sys.argv[2], encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f if line.strip()]
entities = sum(len(d.ents) for d in docs)
same = [d.text for d in docs] == texts
print(f"{len(docs)} docs, {entities} entities, texts {'identical' if same else 'DIFFERENT'}")
sys.exit(0 if entities > 0 and same else 1)
