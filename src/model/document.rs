//! A document: verbatim text that never changes, its metadata, and its spans.
//! The text is shared (`Arc<str>`) so snapshots for saving cost nothing; spans live in a map by id
//! beside an index by position. Only edits (`edit.rs`) change spans, through the crate-private API.

use super::ids::AnnId;
use super::offsets::OffsetTable;
use super::span_index::{IndexEntry, SpanIndex};
use super::validate::{Problem, ProblemKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a document is, apart from its text and annotations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Stable id, unique in the project (the file stem for imported texts).
    pub id: String,
    pub title: String,
    /// BCP 47 language tag: "ru", "uk", "en".
    pub lang: String,
    /// Where the text came from (file name, URL).
    #[serde(default)]
    pub source: String,
    /// Publication date, ISO 8601, the reference for relative dates.
    #[serde(default)]
    pub dateline: Option<String>,
}

/// A labelled range of the text. `start..end` counts code points; `text` is the covered text,
/// stored so that drift between offsets and text is caught on load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub id: AnnId,
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub annotator: String,
}

impl Span {
    fn entry(&self) -> IndexEntry {
        IndexEntry { start: self.start, end: self.end, id: self.id }
    }
}

#[derive(Clone, Debug)]
pub struct Document {
    pub meta: DocMeta,
    text: Arc<str>,
    offsets: OffsetTable,
    spans: BTreeMap<AnnId, Span>,
    index: SpanIndex,
    /// The next id to hand out; only ever grows, so ids are never reused.
    next_id: u64,
    /// Bumped on every annotation change, for caches that depend on the annotations.
    revision: u64,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta
            && self.text == other.text
            && self.spans == other.spans
            && self.next_id == other.next_id
    }
}

impl Document {
    /// A document with no annotations.
    pub fn new(meta: DocMeta, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        Self {
            meta,
            offsets: OffsetTable::new(&text),
            text,
            spans: BTreeMap::new(),
            index: SpanIndex::new(),
            next_id: 1,
            revision: 0,
        }
    }

    /// A document with the given spans. Refuses spans that cannot be placed in the text
    /// (offsets past the end, empty or reversed ranges, duplicate ids) and lists every one.
    /// Softer problems (a covered text that differs, an unknown label) are kept for `validate`.
    pub fn from_parts(
        meta: DocMeta,
        text: impl Into<Arc<str>>,
        spans: Vec<Span>,
        next_id: u64,
    ) -> Result<Self, Vec<Problem>> {
        let mut doc = Self::new(meta, text);
        let len = doc.char_len();
        let mut problems = Vec::new();
        let mut entries = Vec::with_capacity(spans.len());
        for span in spans {
            let kind = if span.start >= span.end {
                Some(ProblemKind::EmptyOrReversed { start: span.start, end: span.end })
            } else if span.end > len {
                Some(ProblemKind::OffsetPastEnd { start: span.start, end: span.end, len })
            } else if doc.spans.contains_key(&span.id) {
                Some(ProblemKind::DuplicateAnnId)
            } else {
                None
            };
            if let Some(kind) = kind {
                problems.push(Problem::error(&doc.meta.id, Some(span.id), kind));
                continue;
            }
            entries.push(span.entry());
            doc.next_id = doc.next_id.max(span.id.0 + 1);
            doc.spans.insert(span.id, span);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        doc.next_id = doc.next_id.max(next_id);
        doc.index = SpanIndex::from_entries(entries);
        Ok(doc)
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn shared_text(&self) -> Arc<str> {
        Arc::clone(&self.text)
    }

    pub fn offsets(&self) -> &OffsetTable {
        &self.offsets
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.offsets.char_len()
    }

    /// The text between two code point offsets (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.offsets.slice(&self.text, start, end)
    }

    pub fn byte_of(&self, cp: usize) -> usize {
        self.offsets.byte_of(&self.text, cp)
    }

    pub fn cp_of(&self, byte: usize) -> usize {
        self.offsets.cp_of(&self.text, byte)
    }

    pub fn span(&self, id: AnnId) -> Option<&Span> {
        self.spans.get(&id)
    }

    pub fn span_count(&self) -> usize {
        self.spans.len()
    }

    /// Spans by id order.
    pub fn spans(&self) -> impl Iterator<Item = &Span> + '_ {
        self.spans.values()
    }

    /// Spans in reading order: by start, then end, then id.
    pub fn spans_by_position(&self) -> impl Iterator<Item = &Span> + '_ {
        self.index.iter().filter_map(|e| self.spans.get(&e.id))
    }

    /// Spans with `start < range.end && end > range.start`; an empty range `p..p` gives the spans
    /// containing position `p`. In reading order.
    pub fn spans_overlapping(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Span> + '_ {
        self.index.overlapping(range).filter_map(|e| self.spans.get(&e.id))
    }

    /// The `n`th span in reading order, for virtualised lists.
    pub fn nth_span_by_position(&self, n: usize) -> Option<&Span> {
        self.index.nth(n).and_then(|e| self.spans.get(&e.id))
    }

    /// Position of a span in reading order.
    pub fn rank_of(&self, id: AnnId) -> Option<usize> {
        self.spans.get(&id).and_then(|s| self.index.rank(&s.entry()))
    }

    /// The id the next new annotation gets.
    pub fn next_id(&self) -> AnnId {
        AnnId(self.next_id)
    }

    /// Stored value of the id counter (for writers).
    pub fn next_id_counter(&self) -> u64 {
        self.next_id
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    // --- changes, for edits only -------------------------------------------------------------

    pub(crate) fn insert_span(&mut self, span: Span) {
        self.next_id = self.next_id.max(span.id.0 + 1);
        self.index.insert(span.entry());
        self.spans.insert(span.id, span);
        self.revision += 1;
    }

    pub(crate) fn remove_span(&mut self, id: AnnId) -> Option<Span> {
        let span = self.spans.remove(&id)?;
        self.index.remove(&span.entry());
        self.revision += 1;
        Some(span)
    }

    pub(crate) fn span_mut(&mut self, id: AnnId) -> Option<&mut Span> {
        self.revision += 1;
        self.spans.get_mut(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: u64, start: usize, end: usize) -> Span {
        Span {
            id: AnnId(id),
            start,
            end,
            label: "Actor".into(),
            text: String::new(),
            annotator: String::new(),
        }
    }

    #[test]
    fn from_parts_lists_every_unplaceable_span() {
        let meta = DocMeta { id: "d1".into(), ..Default::default() };
        let err = Document::from_parts(
            meta,
            "ЛНР и ДНР",
            vec![span(1, 0, 3), span(2, 5, 99), span(3, 4, 4), span(1, 6, 9)],
            1,
        )
        .err()
        .unwrap_or_default();
        let kinds: Vec<_> = err.iter().map(|p| p.to_string()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert!(kinds[0].contains("#2") && kinds[0].contains("past the end"), "{kinds:?}");
        assert!(kinds[1].contains("#3") && kinds[1].contains("cover no text"), "{kinds:?}");
        assert!(kinds[2].contains("#1") && kinds[2].contains("twice"), "{kinds:?}");
    }

    #[test]
    fn counter_never_goes_below_existing_ids() {
        let meta = DocMeta::default();
        let doc = Document::from_parts(meta, "ЛНР и ДНР", vec![span(7, 0, 3)], 2).ok();
        assert_eq!(doc.map(|d| d.next_id()), Some(AnnId(8)));
    }
}
