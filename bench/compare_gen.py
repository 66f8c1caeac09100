"""Synthetic news-like documents for bench/compare.py, as Acta's native JSONL (one document per line).

The same style as `acta bench` (src/bench/synthetic.rs): mostly Russian and Ukrainian words, some
Latin, numbers, «quotes» and no-break spaces. Standard library only; seeded, so always the same data.
"""
import json
import random

RU = """министр иностранных дел республики заявил сообщил агентству государств отношений
развитию готовы установить переговоры президент правительство совета безопасности
области города жителей в на и с по что об этом после встречи делегации представители
соглашение подписали вооружённых сил обстрел населённого пункта гуманитарной помощи
граждан рамках договора заседании парламента решение поддержку экономического
сотрудничества Луганской Народной Республикой Москве Донецке Киеве""".split()

UK = """міністр закордонних справ України заявив повідомив уряд президента переговори щодо
припинення вогню області мешканців у на та і з що після зустрічі делегацій представники
угоду підписали збройних сил обстріл населеного пункту гуманітарної допомоги громадян
Верховної Ради засіданні рішення підтримку економічного співробітництва Києві Львові
Харкові їхні ґрунтовно єдність""".split()

LATIN = "OSCE NATO Reuters TASS EU UN Minsk Brussels Associated Press Bloomberg G7 IMF COVID-19 Twitter Interfax".split()
MONTHS = "января февраля марта апреля мая червня липня".split()

LABELS = ["Actor", "Place", "Organization", "Date"]
EVENT_TYPES = ["Statement", "Recognition", "Agreement", "Other"]  # each takes Agent and Theme
ROLES = ["Agent", "Theme"]


class Doc:
    """A text being written, with the words a span may cover: letters only, two or more (spaCy
    reads `у.` at a sentence end as one token), so that every tool (spaCy's tokens in Acta, NLTK's
    Treebank tokenizer in Label Studio) sees them as whole tokens."""

    def __init__(self):
        self.parts, self.len, self.words = [], 0, []

    def put(self, s, word=False):
        if word:
            self.words.append((self.len, self.len + len(s)))
        self.parts.append(s)
        self.len += len(s)

    def text(self):
        return "".join(self.parts)


def sentence(rng, doc, words, n):
    for i in range(n):
        if i:
            k = rng.randrange(20)
            doc.put(", " if k == 0 else "\u00a0— " if k == 1 else " ")
        k = rng.randrange(100)
        if k < 8:
            w = rng.choice(LATIN)
            doc.put(w, word=w.isalpha() and len(w) > 1)
        elif k < 12:
            doc.put(str(rng.randint(1, 2024)))
        elif k < 14:
            doc.put(f"{rng.randint(1, 28)}\u00a0{rng.choice(MONTHS)} {rng.randint(1991, 2024)}\u00a0года")
        elif k < 19:
            doc.put("«")
            w = rng.choice(words)
            doc.put(w, word=len(w) > 1)
            doc.put(" ")
            w = rng.choice(words)
            doc.put(w, word=len(w) > 1)
            doc.put("»")
        else:
            w = rng.choice(words)
            doc.put(w[0].upper() + w[1:] if i == 0 else w, word=len(w) > 1)


def paragraph(rng, doc):
    words = UK if rng.random() < 0.4 else RU
    kind = rng.randrange(10)
    if kind == 0:  # a headline: a few words, no full stop
        sentence(rng, doc, words, rng.randint(3, 10))
        return
    count = rng.randint(1, 2) if kind <= 2 else rng.randint(3, 6) if kind <= 7 else rng.randint(8, 20)
    for i in range(count):
        if i:
            doc.put(" ")
        sentence(rng, doc, words, rng.randint(5, 25))
        doc.put("!" if rng.random() < 0.08 else ".")


def annotate(rng, doc, text):
    """About one span per 50 characters, on 1-3 adjacent words, never overlapping; one span in
    eight is an event trigger with an Agent (the Actor before) and a Theme (the Actor after)."""
    spans, i, nxt = [], 0, 0
    while i < len(doc.words):
        s = doc.words[i][0]
        if s < nxt:
            i += 1
            continue
        j = i
        for _ in range(rng.randint(0, 2)):
            if j + 1 < len(doc.words) and doc.words[j + 1][0] == doc.words[j][1] + 1 and text[doc.words[j][1]] == " ":
                j += 1
        e = doc.words[j][1]
        spans.append({"id": len(spans) + 1, "start": s, "end": e, "label": rng.choice(LABELS), "text": text[s:e]})
        nxt, i = e + rng.randint(10, 60), j + 1
    events, next_id = [], len(spans) + 1
    for k in range(1, len(spans) - 1, 8):
        spans[k]["label"] = "Event"
        spans[k - 1]["label"] = spans[k + 1]["label"] = "Actor"  # what Agent and Theme may point at
        args = [{"role": ROLES[0], "target": spans[k - 1]["id"]}, {"role": ROLES[1], "target": spans[k + 1]["id"]}]
        events.append({"id": next_id, "trigger": spans[k]["id"], "type": rng.choice(EVENT_TYPES), "arguments": args})
        next_id += 1
    return spans, events


def write_jsonl(path, total_bytes, seed=6):
    """Documents of 1-8 KB of UTF-8 until `total_bytes`; returns (documents, text bytes, spans, events)."""
    rng = random.Random(seed)
    n_docs = n_bytes = n_spans = n_events = 0
    with open(path, "w", encoding="utf-8") as out:
        while n_bytes < total_bytes:
            doc, size, want = Doc(), 0, rng.randint(1000, 8000)
            while size < want:
                before = len(doc.parts)
                paragraph(rng, doc)
                size += sum(len(p.encode()) for p in doc.parts[before:])
                doc.put("\n\n" if rng.random() < 0.35 else "\n")
            text = doc.text()
            spans, events = annotate(rng, doc, text)
            title = text.split("\n", 1)[0][:80]
            line = {"id": f"doc{n_docs:05}", "title": title, "lang": "ru", "text": text, "spans": spans, "events": events}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            n_docs += 1
            n_bytes += len(text.encode())
            n_spans += len(spans)
            n_events += len(events)
    return n_docs, n_bytes, n_spans, n_events
