//! doccano JSONL, one document a line, in its two shapes: relation extraction (`entities` with
//! ids and `relations`; an event is its trigger entity, labelled with the event type, and one
//! relation per argument named by role) and sequence labelling (`"label": [[start, end, "L"]]`).
//!
//! doccano keeps every other key of a line as the example's metadata, so what it cannot show
//! travels there: the document's fields at the top level and an `acta` object holding each
//! entity's own label, annotator, attributes and note, the events' extras, and the spans left
//! out of `entities` because they overlap (doccano shows no overlapping spans by default). Acta
//! reads all of it back, so `import(export(P)) == P`; doccano renumbers entity ids, so the
//! `acta` object names entities by position (`start:end:label`, `#2` for a repeat), not by id.
//!
//! Offsets count code points by default (Python's `str`, medkit); doccano's web UI counts UTF-16
//! code units (doccano issue #2290), the same for Cyrillic and Latin text but not after an
//! emoji: export with `--offsets utf16` for a doccano project and import its files the same way.

mod export;
mod import;

use crate::formats::span_graph::UnitExtras;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use export::Doccano;
pub use import::DoccanoImport;

/// The `acta` metadata object of a line.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Acta {
    /// Extras by entity key (`start:end:label`, in the file's offset unit).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    entities: BTreeMap<String, UnitExtras>,
    /// Relations (from key, to key, role) whose target is the span, not the event it shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    span_args: Vec<[String; 3]>,
    /// Entities left out of the visible list: (key, start, end, label).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hidden: Vec<(String, usize, usize, String)>,
    /// Relations with an end among the hidden entities: (from key, to key, role).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hidden_relations: Vec<[String; 3]>,
}

impl Acta {
    fn is_empty(&self) -> bool {
        *self == Acta::default()
    }
}

/// Names entities by position and label, numbering repeats: doccano keeps metadata verbatim
/// but gives entities new ids, so ids cannot tie the two together.
#[derive(Default)]
struct Keys(BTreeMap<(usize, usize, String), usize>);

impl Keys {
    fn next(&mut self, start: usize, end: usize, label: &str) -> String {
        let n = self.0.entry((start, end, label.to_string())).or_default();
        *n += 1;
        if *n == 1 {
            format!("{start}:{end}:{label}")
        } else {
            format!("{start}:{end}:{label}#{n}")
        }
    }
}

/// The top-level keys Acta writes besides the annotations (the document's fields).
const DOC_KEYS: [&str; 8] =
    ["id", "title", "lang", "source", "dateline", "status", "notes", "annotator"];

#[cfg(test)]
mod tests;
