//! Tokenizer tests: agreement with spaCy's own tokens (golden files made by spaCy, see
//! `tests/data/tokens/README.md`) on the five sample articles and on hard strings, and the
//! cases that matter to the formats: Cyrillic, NBSP, emoji with ZWJ, combining accents, RTL, CRLF.

use super::*;
use serde::Deserialize;
use std::path::Path;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

#[derive(Deserialize)]
struct Golden {
    #[serde(default)]
    id: String,
    lang: String,
    #[serde(default)]
    text: Option<String>,
    /// `[start, end, ws]` in code points, as spaCy made them.
    tokens: Vec<(usize, usize, u8)>,
}

fn goldens(name: &str) -> Result<Vec<Golden>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tokens").join(name);
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().map(serde_json::from_str).collect::<std::result::Result<_, _>>()?)
}

/// (language, text, spaCy's tokens).
type Record = (String, String, Vec<(usize, usize, u8)>);

fn ours(text: &str, lang: &str) -> Vec<(usize, usize, u8)> {
    tokenize(text, lang).iter().map(|t| (t.start, t.end, u8::from(t.ws))).collect()
}

/// Tokens spaCy made that we made too (same start, end and trailing space), over all records;
/// the disagreements are printed with their text.
fn agreement(records: &[Record]) -> (usize, usize) {
    let (mut same, mut total) = (0, 0);
    for (lang, text, golden) in records {
        let got = ours(text, lang);
        let mine: std::collections::HashSet<_> = got.iter().collect();
        let chars: Vec<char> = text.chars().collect();
        for t in golden {
            total += 1;
            if mine.contains(t) {
                same += 1;
            } else {
                let around: String =
                    chars[t.0.saturating_sub(12)..(t.1 + 12).min(chars.len())].iter().collect();
                let ours_near: Vec<String> = got
                    .iter()
                    .filter(|o| o.1 > t.0.saturating_sub(3) && o.0 < t.1 + 3)
                    .map(|o| format!("{:?}", chars[o.0..o.1].iter().collect::<String>()))
                    .collect();
                let theirs: String = chars[t.0..t.1].iter().collect();
                println!("{lang}: spaCy {theirs:?} in {around:?}; ours {}", ours_near.join(" "));
            }
        }
    }
    (same, total)
}

#[test]
fn agrees_with_spacy_on_the_sample_articles() -> Result {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = crate::formats::project::load_file(&root.join("projects/sample.ron"))?.project;
    let mut records = Vec::new();
    for g in goldens("seeds.golden.jsonl")? {
        let doc = sample.documents.iter().find(|d| d.meta.id == g.id).ok_or("no such document")?;
        assert_eq!(doc.meta.lang, g.lang, "{}", g.id);
        records.push((g.lang, doc.text().to_string(), g.tokens));
    }
    assert_eq!(records.len(), 5);
    let (same, total) = agreement(&records);
    println!("seed agreement: {same}/{total} tokens");
    assert_eq!(same, total, "tokens differ from spaCy's on the seeds");
    Ok(())
}

#[test]
fn agrees_with_spacy_on_hard_strings() -> Result {
    for name in ["tricky.golden.jsonl", "fuzz.golden.jsonl"] {
        let records: Vec<_> = goldens(name)?
            .into_iter()
            .map(|g| (g.lang, g.text.unwrap_or_default(), g.tokens))
            .collect();
        let (same, total) = agreement(&records);
        println!("{name}: {same}/{total} tokens agree");
        assert_eq!(same, total, "tokens differ from spaCy's in {name}");
    }
    Ok(())
}

fn texts(text: &str, lang: &str) -> Vec<String> {
    tokenize(text, lang).iter().map(|t| t.text(text).to_string()).collect()
}

#[test]
fn language_decides_hyphens_after_numbers() {
    assert_eq!(texts("в 2014-го года.", "ru"), ["в", "2014-го", "года", "."]);
    assert_eq!(texts("у 2014-го року", "uk"), ["у", "2014-го", "року"]);
    assert_eq!(texts("in 2014-го", "en"), ["in", "2014", "-", "го"]);
    assert_eq!(texts("т.е. в г. Москве", "ru"), ["т.е.", "в", "г.", "Москве"]);
    assert_eq!(texts("до н.э. и до\u{a0}н.э.", "ru"), ["до н.э.", "и", "до", "\u{a0}", "н.э", "."]);
    assert_eq!(texts("don't", "en"), ["do", "n't"]);
    assert_eq!(texts("don't", "ru"), ["don't"]);
}

#[test]
fn cyrillic_quotes_dashes_and_numbers() {
    assert_eq!(
        texts("«Газпром» — 1,5 млн. (ЛНР)...", "ru"),
        ["«", "Газпром", "»", "—", "1,5", "млн", ".", "(", "ЛНР", ")", "..."]
    );
    assert_eq!(texts("3.14 и 2+2", "ru"), ["3.14", "и", "2", "+", "2"]);
}

#[test]
fn whitespace_other_than_one_space_is_a_token() {
    let text = "Южная\u{a0}Осетия  и\r\nЛНР";
    let tokens = tokenize(text, "ru");
    let shown: Vec<(&str, bool, bool)> =
        tokens.iter().map(|t| (t.text(text), t.ws, t.space)).collect();
    assert_eq!(
        shown,
        [
            ("Южная", false, false),
            ("\u{a0}", false, true),
            ("Осетия", true, false),
            (" ", false, true),
            ("и", false, false),
            ("\r\n", false, true),
            ("ЛНР", false, false),
        ]
    );
    assert!(is_space('\u{1f}') && !'\u{1f}'.is_whitespace(), "Python's isspace is wider");
    for c in (0..0x11_0000).filter_map(char::from_u32) {
        let python = c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
        assert_eq!(is_space(c), python, "{c:?}");
    }
}

#[test]
fn byte_offsets_count_every_width_of_character() {
    let text = "a ж € 😀 Южная\u{a0}𝔘";
    for t in tokenize(text, "ru") {
        let chars: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(t.text(text), chars);
    }
}

#[test]
fn emoji_accents_and_right_to_left() {
    let family = "👨\u{200d}👩\u{200d}👧";
    // spaCy splits emoji off as symbols, one code point each, and the joiners between them.
    assert_eq!(texts(family, "ru"), ["👨", "\u{200d}", "👩", "\u{200d}", "👧"]);
    assert_eq!(texts("е\u{301}сли cafe\u{301}.", "ru"), ["е\u{301}сли", "cafe\u{301}", "."]);
    assert_eq!(texts("שלום, مرحبا!", "ru"), ["שלום", ",", "مرحبا", "!"]);
    let text = "😀 Южная";
    let t = tokenize(text, "ru");
    assert_eq!((t[1].start, t[1].end, t[1].byte_start), (2, 7, 5), "code points and bytes");
}

mod same_as_reference {
    //! The fast tokenizer (a class table, plain words taken whole, no string per token) against
    //! the one first written (`reference/`), on random text built from the pieces that matter.
    use super::super::reference;
    use super::tokenize;
    use proptest::prelude::*;

    /// Words, affixes, exceptions, URLs, numbers with units, whitespace of every kind.
    const PIECES: &[&str] = &[
        "Москва",
        "ЛНР",
        "Южно-Сахалинск",
        "г.",
        "т.е.",
        "до н.э.",
        "н.э.",
        "млн.",
        "ї",
        "ґрунт",
        "NATO",
        "don't",
        "People's",
        "U.S.",
        "Hi:)",
        "cafe\u{301}",
        "е\u{301}",
        "2014-го",
        "3.14",
        "1,5",
        "5км",
        "100%",
        "US$5",
        "+7",
        "2+2",
        "°C.",
        "https://tass.ru/a?b#c",
        "tass.ru",
        "user@example.org",
        "192.168.1.1",
        "8.8.8.8",
        "президент.рф",
        "слово.Слово",
        "a--b",
        "«",
        "»",
        "„",
        "“",
        "”",
        "’",
        "'",
        "\"",
        "(",
        ")",
        "[",
        "—",
        "–",
        "-",
        "~",
        "...",
        "…",
        "……",
        ".",
        ",",
        ":",
        ";",
        "!",
        "?",
        "/",
        "=",
        "<",
        "§",
        "#",
        "@",
        "_",
        "😀",
        "\u{200d}",
        "שלום",
        "مرحبا",
        "\u{6d4}",
        "\u{2e80}",
        " ",
        " ",
        " ",
        "  ",
        "\u{a0}",
        "\n",
        "\r\n",
        "\t",
        "\u{1f}",
        "\u{2009}",
    ];

    /// A piece, an exception of the language tables, or any character of the scripts seen.
    fn piece() -> impl Strategy<Value = String> {
        let tables = [
            include_str!("specials/ru.txt"),
            include_str!("specials/uk.txt"),
            include_str!("specials/en.txt"),
        ];
        let exceptions: Vec<String> = tables
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.is_empty())
            .map(|l| l.replace('\t', ""))
            .collect();
        let any_char = prop_oneof![
            proptest::char::range('\u{20}', '\u{7e}'),
            proptest::char::range('\u{a0}', '\u{3ff}'),
            proptest::char::range('\u{400}', '\u{4ff}'),
            proptest::char::range('\u{2000}', '\u{20cf}'),
            any::<char>(),
        ];
        prop_oneof![
            4 => proptest::sample::select(PIECES).prop_map(str::to_string),
            2 => proptest::sample::select(exceptions),
            2 => any_char.prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn tokens_are_those_of_the_reference_tokenizer(
            pieces in proptest::collection::vec(piece(), 0..40),
            lang in proptest::sample::select(&["ru", "uk", "en", "de"][..]),
        ) {
            let text = pieces.concat();
            prop_assert_eq!(tokenize(&text, lang), reference::tokenize(&text, lang), "{:?}", text);
        }
    }
}
