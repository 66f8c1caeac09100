"""`acta agree --json` against the reference implementations on the same tags: runs
iaa_reference.py on the two annotators' CoNLL exports and compares every number to 1e-6.
usage: agreement_check.py IAA_REFERENCE.py A.conll B.conll ACTA_AGREE.json"""
import json
import re
import subprocess
import sys

ref_script, a, b, acta_json = sys.argv[1:5]
out = subprocess.run([sys.executable, ref_script, a, b], check=True, capture_output=True,
                     text=True).stdout
def ref(pattern):
    m = re.search(pattern + r"\s*=\s*(-?[0-9.]+)", out)
    if not m:
        sys.exit(f"reference output lacks {pattern!r}:\n{out}")
    return float(m.group(1))
acta = json.load(open(acta_json, encoding="utf-8"))
pair = acta["pairs"][0]
checks = [
    ("Cohen's κ (sklearn)", ref(r"cohen_kappa_score"), pair["token_kappa"]),
    ("κ without O/O (sklearn)", ref(r"kappa without O/O tokens"), pair["token_kappa_without_o"]),
    ("Scott's π = Fleiss' κ (nltk)", ref(r"AnnotationTask\.pi\(\)"), acta["fleiss_kappa"]),
    ("Krippendorff's α (krippendorff)", ref(r"krippendorff alpha\(nominal\)"),
     acta["krippendorff_alpha"]),
    ("Krippendorff's α (nltk)", ref(r"AnnotationTask\.alpha\(\)"), acta["krippendorff_alpha"]),
]
bad = 0
for name, want, got in checks:
    ok = got is not None and abs(want - got) < 1e-6
    bad += not ok
    print(f"{'ok ' if ok else 'BAD'} {name}: reference {want:.6f}, acta {got}")
sys.exit(1 if bad else 0)
