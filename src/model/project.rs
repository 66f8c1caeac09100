//! A project: the schema and the documents an annotation team works on.
//! Documents sit behind `Arc` so a save can take a snapshot in O(documents) and write it on
//! another thread while the annotator keeps editing (copy on write, per document).

use super::document::Document;
use super::schema::Schema;
use std::sync::Arc;

/// The project file format this build writes. Files with a larger number were made by a newer
/// Acta and are refused; smaller ones are migrated on load. 2 added events, attributes, notes
/// and document status (1 files load unchanged: every new field has a default).
pub const FORMAT_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub format_version: u32,
    pub name: String,
    pub schema: Schema,
    pub documents: Vec<Arc<Document>>,
}

impl Default for Project {
    fn default() -> Self {
        Self::new("Untitled")
    }
}

impl Project {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            schema: Schema::default(),
            documents: Vec::new(),
        }
    }

    pub fn doc(&self, index: usize) -> Option<&Document> {
        self.documents.get(index).map(|d| &**d)
    }

    /// Index of the document with this id.
    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.meta.id == id)
    }

    /// Everyone who made a span or an event, in name order: the project's layers.
    pub fn annotators(&self) -> std::collections::BTreeSet<&str> {
        let mut names = std::collections::BTreeSet::new();
        for d in &self.documents {
            names.extend(d.spans().map(|s| s.annotator.as_str()));
            names.extend(d.events().map(|e| e.annotator.as_str()));
        }
        names
    }

    pub fn span_count(&self) -> usize {
        self.documents.iter().map(|d| d.span_count()).sum()
    }

    /// A mutable document; clones it first only if a snapshot (a save in flight) shares it.
    pub(crate) fn doc_mut(&mut self, index: usize) -> Option<&mut Document> {
        self.documents.get_mut(index).map(Arc::make_mut)
    }
}
