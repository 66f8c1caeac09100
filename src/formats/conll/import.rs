//! CoNLL import: the text is rebuilt from the words (one space between words, a line break
//! between sentences; the original spacing is not in the file), one document per `-DOCSTART-`,
//! spans read from IOB2, IOB1 or BIOES tags alike. A bad line stops the import with file:line.

use crate::formats::import::{Batch, ImportError, ImportOptions, Importer, unique_id};
use crate::formats::progress::Progress;
use crate::formats::text_import::{self, guess_language, guess_title};
use crate::model::{AnnId, DocMeta, Document, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub struct ConllImport;

/// One document being rebuilt.
#[derive(Default)]
struct Builder {
    text: String,
    len: usize,
    spans: Vec<Span>,
    /// The entity still open: start, end (code points) and label.
    open: Option<(usize, usize, String)>,
    /// A sentence ended since the last word: the next word starts a line.
    new_line: bool,
}

/// What a tag says: `O`, or a position in an entity (`B`, `I`, `E`, `S`; `L` and `U` are
/// BILUO's names for `E` and `S`) and the label.
fn parse_tag(tag: &str) -> Option<Option<(char, &str)>> {
    if tag == "O" {
        return Some(None);
    }
    let (prefix, label) = tag.split_once(['-', '_'])?;
    let kind = match prefix {
        "B" | "I" | "E" | "S" => prefix.chars().next()?,
        "L" => 'E',
        "U" => 'S',
        _ => return None,
    };
    (!label.is_empty()).then_some(Some((kind, label)))
}

impl Builder {
    fn close(&mut self, annotator: &str) {
        if let Some((start, end, label)) = self.open.take() {
            let id = AnnId(self.spans.len() as u64 + 1);
            self.spans.push(Span::new(id, start, end, &label, annotator));
        }
    }

    fn word(&mut self, word: &str, tag: Option<(char, &str)>, annotator: &str) {
        if !self.text.is_empty() {
            self.text.push(if self.new_line { '\n' } else { ' ' });
            self.len += 1;
        }
        self.new_line = false;
        let start = self.len;
        self.text.push_str(word);
        self.len += word.chars().count();
        let end = self.len;
        let continues = |label: &str, open: &Option<(usize, usize, String)>| {
            open.as_ref().is_some_and(|(_, _, l)| l == label)
        };
        match tag {
            None => self.close(annotator),
            Some(('I', label)) | Some(('E', label)) if continues(label, &self.open) => {
                if let Some(open) = &mut self.open {
                    open.1 = end;
                }
            }
            Some((_, label)) => {
                self.close(annotator);
                self.open = Some((start, end, label.to_string()));
            }
        }
        if matches!(tag, Some(('E' | 'S', _))) {
            self.close(annotator);
        }
    }

    fn end_sentence(&mut self, annotator: &str) {
        self.close(annotator);
        self.new_line = !self.text.is_empty();
    }
}

/// The documents of one file, in order, each still without an id.
fn parse(path: &Path, text: &str, annotator: &str) -> Result<Vec<Builder>, ImportError> {
    let mut docs = Vec::new();
    let mut doc = Builder::default();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let Some(&first) = cols.first() else {
            doc.end_sentence(annotator);
            continue;
        };
        if first == "-DOCSTART-" {
            doc.close(annotator);
            docs.push(std::mem::take(&mut doc));
            continue;
        }
        let bad = |message: String| ImportError::bad(path, Some(i + 1), message);
        let [_, .., last] = cols.as_slice() else {
            return Err(bad(format!("expected a word and a tag, found `{line}`")));
        };
        let tag = parse_tag(last).ok_or_else(|| {
            bad(format!("`{last}` is not a tag (O, B-X, I-X, E-X, S-X, L-X or U-X)"))
        })?;
        doc.word(first, tag, annotator);
    }
    doc.close(annotator);
    docs.push(doc);
    docs.retain(|d| !d.text.is_empty());
    Ok(docs)
}

/// Files as given; folders give their `.conll`, `.iob` and `.bio` files in name order.
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(input).map_err(|e| ImportError::io(input, e))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|x| x == "conll" || x == "iob" || x == "bio")
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

impl Importer for ConllImport {
    fn name(&self) -> &'static str {
        "conll"
    }

    fn describe(&self) -> &'static str {
        "CoNLL (IOB2, IOB1 or BIOES tags): one document per -DOCSTART-, text rebuilt from the words"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError> {
        let annotator = options.annotator_for(None);
        let mut batch = Batch::default();
        let mut ids = HashSet::new();
        for path in files(inputs)? {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled);
            }
            let decoded = text_import::read_text(&path)?;
            if let Some(name) = decoded.encoding {
                batch.notes.push(format!("{}: not UTF-8, decoded as {name}", path.display()));
            }
            let text = decoded.text;
            progress.advance(text.len() as u64);
            let docs = parse(&path, &text, &annotator)?;
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let stem = stem.unwrap_or_default();
            let several = docs.len() > 1;
            for (n, doc) in docs.into_iter().enumerate() {
                let base = if several { format!("{stem}-{}", n + 1) } else { stem.clone() };
                let meta = DocMeta {
                    id: unique_id(&base, &mut ids),
                    title: guess_title(&doc.text),
                    lang: guess_language(&doc.text).to_string(),
                    source: path.display().to_string(),
                    ..Default::default()
                };
                let document = Document::from_annotations(meta, doc.text, doc.spans, Vec::new())
                    .map_err(|problems| ImportError::bad(&path, None, format!("{problems:?}")))?;
                batch.documents.push(document);
            }
        }
        if batch.documents.is_empty() {
            let path = inputs.first().map(|p| p.display().to_string()).unwrap_or_default();
            return Err(ImportError::Empty { path, what: "no words".into() });
        }
        batch.notes.push(
            "conll keeps words, not spacing: texts are rebuilt with one space between words and \
             a line break between sentences"
                .into(),
        );
        Ok(batch)
    }
}
