//! Sentences for the formats that have them (CoNLL's blank lines, one Hugging Face record per
//! sentence, spaCy v2's `sentences`): Unicode sentence boundaries (UAX #29, which also breaks
//! after every line break), moved to token starts so that no token is ever cut in two. The
//! boundaries are found on the text with its phrases cut to their first letter (`bounds`).

use super::Token;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text` as ranges of token indices, covering every token in order. A token
/// starts a sentence when a boundary falls after the previous token's start and no later than
/// its own start, so a boundary inside a token (`\n\n` is one token) moves to the next token.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let bounds = bounds(text);
    let mut out = Vec::new();
    let mut first = 0;
    let mut next = 0; // the first boundary not yet passed
    for (i, pair) in tokens.windows(2).enumerate() {
        let (prev, tok) = (&pair[0], &pair[1]);
        while next < bounds.len() && bounds[next] <= prev.byte_start {
            next += 1;
        }
        if next < bounds.len() && bounds[next] <= tok.byte_start {
            out.push(first..i + 1);
            first = i + 1;
        }
    }
    if first < tokens.len() {
        out.push(first..tokens.len());
    }
    out
}

/// The length of the Latin or Cyrillic letter starting `bytes` (its sentence break class is
/// Upper or Lower for certain: A–Z, a–z, U+0400–U+047F, Ґ and ґ), or 0.
fn letter(bytes: &[u8]) -> usize {
    match bytes {
        [b'A'..=b'Z' | b'a'..=b'z', ..] => 1,
        [0xd0 | 0xd1, _, ..] | [0xd2, 0x90 | 0x91, ..] => 2,
        _ => 0,
    }
}

/// The starts of `split_sentence_bound_indices`, for a fraction of its work: of a phrase
/// (letters and digits, with single spaces between them, from a letter to a letter) only the
/// first letter is given to it. No
/// boundary falls inside a phrase after its first letter, and what the rules look back at after
/// it stops at its last letter (every rule reads back only through spaces, closing punctuation
/// and paragraph breaks), so the boundaries of the shorter text are those of the text, moved by
/// the bytes left out before them; the look-ahead after a full stop stops at a phrase's first
/// letter, which is kept. Bytes are read directly: the letters and the space are all the test
/// needs, and no other character has a byte that looks like them.
fn bounds(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut short = String::with_capacity(text.len() / 4);
    // (length of `short` where bytes were left out, bytes left out up to there)
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    let (mut copied, mut dropped) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let first = letter(&bytes[i..]);
        if first == 0 {
            // Any other byte, a continuation byte included: none is a letter's first byte.
            i += 1;
            continue;
        }
        // Digits (Numeric) may come inside a phrase too: they end the rules' look-back as
        // letters do. But the look-ahead after a full stop passes over them, so no phrase
        // starts with one, and the rules tell a letter from a digit just before a full stop,
        // so none ends with one either.
        let more = |at: usize| match bytes.get(at) {
            Some(b'0'..=b'9') => (1, false),
            Some(_) => (letter(&bytes[at..]), true),
            None => (0, false),
        };
        let (mut at, mut end) = (i + first, i + first);
        loop {
            let (n, is_letter) = more(at);
            if n > 0 {
                at += n;
                if is_letter {
                    end = at;
                }
            } else if bytes.get(at) == Some(&b' ') && more(at + 1).0 > 0 {
                at += 1;
            } else {
                break;
            }
        }
        let from = i + first;
        if end > from {
            short.push_str(&text[copied..from]);
            dropped += end - from;
            gaps.push((short.len(), dropped));
            copied = end;
        }
        i = end;
    }
    short.push_str(&text[copied..]);
    let mut gap = 0;
    let mut moved = 0;
    short
        .split_sentence_bound_indices()
        .map(|(b, _)| {
            while gap < gaps.len() && gaps[gap].0 <= b {
                moved = gaps[gap].1;
                gap += 1;
            }
            b + moved
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tokenize;
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<String> {
        let tokens = tokenize(text, "ru");
        sentences(text, &tokens)
            .into_iter()
            .map(|r| tokens[r].iter().map(|t| t.text(text)).collect::<Vec<_>>().join("|"))
            .collect()
    }

    #[test]
    fn boundaries_after_full_stops_and_line_breaks() {
        assert_eq!(
            split("Заголовок\n\nПервое. Второе!\r\nТретье"),
            ["Заголовок|\n\n", "Первое|.", "Второе|!|\r\n", "Третье"]
        );
        assert_eq!(
            split("Он сказал: «Нет». Потом ушёл."),
            ["Он|сказал|:|«|Нет|»|.", "Потом|ушёл|."]
        );
        assert_eq!(split(""), Vec::<String>::new());
        assert_eq!(split("\n\nТекст"), ["\n\n", "Текст"]);
    }

    /// Letters of every sentence break class around the ones left out, terminators, closing
    /// punctuation, spaces, paragraph breaks, combining marks and format characters.
    const PIECES: &[&str] = &[
        "Москва",
        "слово",
        "ЛНР",
        "ґрунт",
        "Їжак",
        "Ѣѣѳ",
        "\u{47f}",
        "\u{482}",
        "ғ",
        "NATO",
        "word",
        "e",
        "Ж",
        "é",
        "É",
        "ǅ",
        "ª",
        "שלום",
        "中文",
        "ß",
        "\u{301}",
        "\u{483}",
        "\u{ad}",
        "\u{200d}",
        ".",
        "!",
        "?",
        "...",
        "…",
        "։",
        "。",
        "\"",
        "'",
        "»",
        "«",
        ")",
        "(",
        "]",
        ",",
        ";",
        ":",
        "-",
        "—",
        "1",
        "2014",
        " ",
        " ",
        "  ",
        " a",
        " б ",
        "a1",
        " 5 мая",
        "5",
        " 7",
        "\u{a0}",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "😀",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn bounds_are_those_of_the_whole_text(
            pieces in proptest::collection::vec(
                prop_oneof![
                    4 => proptest::sample::select(PIECES).prop_map(str::to_string),
                    1 => any::<char>().prop_map(String::from),
                ],
                0..40,
            ),
        ) {
            let text = pieces.concat();
            let whole: Vec<usize> = text.split_sentence_bound_indices().map(|(b, _)| b).collect();
            prop_assert_eq!(bounds(&text), whole, "{:?}", text);
        }
    }
}
