//! CoNLL: one word per line, `WORD TAG` (IOB2), a blank line after each sentence and
//! `-DOCSTART- -X- O O` before each document — the shape seqeval and `spacy convert -c ner` read.
//! Import also takes IOB1 and BIOES tags and any number of columns (the first and the last count).

mod export;
mod import;

pub use export::Conll;
pub use import::ConllImport;

/// The document separator spaCy 3 recognises (it splits on this exact line).
const DOCSTART: &str = "-DOCSTART- -X- O O";

#[cfg(test)]
pub(crate) mod tests;
