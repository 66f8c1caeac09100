//! Tokens for the token formats (CoNLL, Hugging Face, spaCy): a tokenizer that agrees with
//! `spacy.blank(lang)` token for token (the spaCy validators check spans against it), sentences,
//! and the placing of spans on tokens with the overlap policy (`place.rs`).

mod affixes;
mod charset;
mod classes;
mod lookup;
mod place;
#[cfg(test)]
mod reference;
mod rules;
mod sentences;
#[cfg(test)]
mod tests;
mod url;

pub use place::{
    Placed, TokenDoc, Walked, Word, biluo, events_left_out, for_each_tagged_sentence, iob2, kept,
    labels_only_note, prepare, prepare_with, refuse_overlaps, words,
};
pub use rules::is_space;
pub use sentences::sentences;

/// One token. Offsets are code points, with the byte range beside for slicing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Followed by one ASCII space that belongs to no token (spaCy's `whitespace_`).
    pub ws: bool,
    /// Whitespace only: spaCy keeps runs of whitespace other than a single space as tokens
    /// (`\n`, `\u{a0}`, `  `); column formats leave them out.
    pub space: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.byte_start..self.byte_end]
    }
}

/// The language whose spaCy rules tokenize a document: its own if Acta has them, else the
/// multi-language `xx` (write that in files, so a spaCy reader tokenizes the same way).
pub fn rules_lang(lang: &str) -> &'static str {
    rules::LANGS.into_iter().find(|l| *l == lang).unwrap_or("xx")
}

/// Tokens of `text` as `spacy.blank(lang)` makes them (`rules.rs` says how). Tokens are
/// whitespace-free except whitespace tokens and a few multi-word exceptions (`до н.э.`).
pub fn tokenize(text: &str, lang: &str) -> Vec<Token> {
    let rules = rules::for_lang(rules_lang(lang));
    // Sized for the worst case at once: collecting grows it (and copies it) on Cyrillic.
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    rules.split(&chars, true)
}
