//! Sentences for the formats that have them (CoNLL's blank lines, one Hugging Face record per
//! sentence, spaCy v2's `sentences`): Unicode sentence boundaries (UAX #29, which also breaks
//! after every line break), moved to token starts so that no token is ever cut in two.

use super::Token;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text` as ranges of token indices, covering every token in order. A token
/// starts a sentence when a boundary falls after the previous token's start and no later than
/// its own start, so a boundary inside a token (`\n\n` is one token) moves to the next token.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let bounds: Vec<usize> = text.split_sentence_bound_indices().map(|(b, _)| b).collect();
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

#[cfg(test)]
mod tests {
    use super::super::tokenize;
    use super::*;

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
}
