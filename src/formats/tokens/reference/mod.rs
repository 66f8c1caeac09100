//! The tokenizer as first written, before it was made fast (a `String` per token in the merge
//! pass, a range search per character class, affix lists compared char by char), kept for tests
//! only: a property test holds `tokens::tokenize` to it token for token on random text.

pub(super) mod affixes;
mod rules;

use super::{Token, rules_lang};

/// `tokens::tokenize` as it was.
pub(super) fn tokenize(text: &str, lang: &str) -> Vec<Token> {
    let rules = rules::for_lang(rules_lang(lang));
    let chars: Vec<char> = text.chars().collect();
    let mut bytes = Vec::with_capacity(chars.len() + 1);
    let mut at = 0;
    for c in &chars {
        bytes.push(at);
        at += c.len_utf8();
    }
    bytes.push(at);
    rules
        .split(&chars, true)
        .into_iter()
        .map(|p| Token {
            start: p.start,
            end: p.end,
            byte_start: bytes[p.start],
            byte_end: bytes[p.end],
            ws: p.ws,
            space: p.space,
        })
        .collect()
}
