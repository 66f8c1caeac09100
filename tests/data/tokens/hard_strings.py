#!/usr/bin/env python3
"""Writes tricky.golden.jsonl (hand-picked hard strings) and fuzz.golden.jsonl (random strings
from a hard alphabet, fixed seed) with spaCy's tokens: {"lang","text","tokens":[[start,end,ws]]}.

usage (from the repository root): $V/core/bin/python tests/data/tokens/hard_strings.py
"""
import json
import random
import spacy

WORDS = ["Южная", "Осетия", "Київ", "заявив", "NATO", "Lavrov", "2014-го",
         "👨\u200d👩\u200d👧", "😀", "е\u0301сли", "cafe\u0301", "שלום", "مرحبا", "«Газпром»",
         "ЛНР,", "года."]
GAPS = [" ", " ", " ", "\u00a0", "\r\n", "\n", "\n\n", " — "]

TRICKY = [
    "в 2014-го года.", "у 2014-го року", "in 2014-го", "т.е. в г. Москве", "don't", "Don't stop",
    "«Газпром» — 1,5 млн. (ЛНР)...", "3.14 и 2+2", "Южная\u00a0Осетия  и\r\nЛНР",
    "👨\u200d👩\u200d👧", "е\u0301сли cafe\u0301.", "שלום, مرحبا!", "😀 Южная",
    "People's Republic", "the LPR's head", "Mr. Smith met Dr. Jones at 10a.m. today.",
    "U.S. and U.K.", "e.g. this", "It's 5pm.", "I'm here, aren't you?", "can't won't shan't",
    "https://tass.ru/politika/14783155", "см. tass.ru и www.kremlin.ru/events.", "mail@mid.ru!",
    "(https://example.com/a?b=c).", "Hi:) there", "(:)", ":-) :( <3", "#тег @user C++",
    "$100 100$ US$5 5€ ₽10", "5км 10kg 100% 20°C. 30°F.", "1-2 1--2 a--b a---b a—b a~b",
    "Київ—Москва", "1990-х XX-XXI", "слово.Слово слово.слово ЛНР.ДНР", "ЛНР,ДНР a,b 1,2",
    "a/b 1/2 a:b 10:30 a=b x<y a>b", "«ТАСС».", "\"Нет\", - сказал он.", "‘quoted’ “double”",
    "„Так“", "Он...Она", "Он…Она……", "ii) (1) [2] {3}", "* & _ § = +a +5", "...начало",
    "конец...", "А. Б. Пушкин", "ул. Ленина, д. 5", "и т.д. и т.п.", "до н.э.", "1 млрд. руб.",
    "Вт, 25/05/2022 - 21:37", "Wed, 25/05/2022 - 21:37", "13.05.2022", "2022-05-13",
    "№ 5", "т. е.", "г.Москва", "ст.ст.", "ДНР/ЛНР", "ЛНР:", "Луганск-Донецк",
    "  leading", "trailing  ", "a \n b", "\tTab\tbetween", "x\u2028y\u2029z", "\u3000全角",
    "Ａ．Ｂ", "don’t", "rock'n'roll", "'90s", "O'Neil", "y'all", "gonna", "Let's go!",
    "a.m. p.m.", "No. 1", "vs. them", "Jan. 5", "St. Petersburg", "Inc.", "Ltd.", "etc.",
    "е́сли.", "А́.Б", "ру́сский-язык", "о́,а", "е́:а", "naïve café", "São Paulo",
    "«Лавров: „нет“»", "(«Газпром»)", "[ЛНР]", "{ДНР}", "<b>bold</b>", "a&b", "1^2 3*4",
    "2022г.", "2022 г.", "10 млн", "5-летний", "30-40%", "±5", "≈10", "→", "©2022", "™",
    "1,000,000", "1.000.000", "0.5%", "-5", "−5", "—Нет", "–Да", "…", "……", "………",
    "?!", "!!!", "?..", "Что?!", "Ура!!!", "Кто?..", "ЛНР.»", "»,", "».",
    "Cafe\u0301.Bar", "ЕС.", "ЕСЛИ.", "СНГ.", "А.", "Я.", "Ё.", "ё.", "Ї.", "ї.", "Є.",
    "україн.", "Україна.", "Ґ.", "ґрунт.", "Ў.", "ӘӨ.", "ΑΒ.", "αβ.",
]


def tokens(nlp, text):
    return [[t.idx, t.idx + len(t), int(bool(t.whitespace_))] for t in nlp(text)]


def write(path, pairs):
    nlps = {}
    with open(path, "w", encoding="utf-8") as f:
        for lang, text in pairs:
            nlp = nlps.setdefault(lang, spacy.blank(lang))
            rec = {"lang": lang, "text": text, "tokens": tokens(nlp, text)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


langs = ["ru", "uk", "en", "xx"]
write("tests/data/tokens/tricky.golden.jsonl", [(l, t) for t in TRICKY for l in langs])

rng = random.Random(20240613)
ALPHABET = list("aZжЖЁїЄ5.,-—–:;!?'\"«»„“()[]/+%$€°²…@#&*_~^=<>|{}§±") + [
    " ", " ", " ", "\u00a0", "\n", "\r\n", "\u0301", "😀", "\u200d", "’", "s", "S", "км", "kg",
    "US$", "..", "'s", "’s", "n't", "т.е.", "г.", "Mr.", ":)", ":-)", "o.O", "C++", "'em", "http://",
    ".ru", ".com", "www.", "@", "10", "2014", "го", "Осетия", "ЛНР", "NATO", "до н.э.", "и др.",
    "т.д.", "см.", "a.m.", "1.2.3.4", "192.168.1.1", "x.io:80/", "Ꮳ", "ǅ", "ﬁ", "٣", "²", "Ⅻ",
]
fuzz = []
for i in range(1200):
    n = rng.randint(1, 12)
    fuzz.append((langs[i % 4], "".join(rng.choice(ALPHABET) for _ in range(n))))
for i in range(100):
    n = rng.randint(3, 20)
    text = rng.choice(WORDS)
    for _ in range(n):
        text += rng.choice(GAPS) + rng.choice(WORDS)
    fuzz.append((langs[i % 4], text))
write("tests/data/tokens/fuzz.golden.jsonl", fuzz)
