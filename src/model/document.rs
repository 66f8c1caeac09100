//! A document: verbatim text that never changes, its metadata, its spans and its events.
//! The text is shared (`Arc<str>`) so snapshots for saving cost nothing; spans live in a map by id
//! beside an index by position. Only edits (`edit.rs`) change annotations, through the
//! crate-private API.

use super::event::{Argument, DocStatus, Event};
use super::ids::AnnId;
use super::offsets::OffsetTable;
use super::review::{Comment, Rejection, ReviewStatus};
use super::span_index::{IndexEntry, SpanIndex};
use super::span_store::{Referrers, SpanStore, Store};
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
    #[serde(default)]
    pub status: DocStatus,
    /// Free notes on the document (questions for the team, doubts).
    #[serde(default)]
    pub notes: String,
    /// Adjudication: where the review stands, comments, rejected places (see `review.rs`).
    #[serde(default, skip_serializing_if = "ReviewStatus::is_default")]
    pub review: ReviewStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejection>,
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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Span {
    /// A span without attributes; `text` is filled in from the document when it is added.
    pub fn new(id: AnnId, start: usize, end: usize, label: &str, annotator: &str) -> Self {
        Self {
            id,
            start,
            end,
            label: label.to_string(),
            text: String::new(),
            annotator: annotator.to_string(),
            attributes: BTreeMap::new(),
            note: None,
        }
    }

    fn entry(&self) -> IndexEntry {
        IndexEntry { start: self.start, end: self.end, id: self.id }
    }
}

#[derive(Clone, Debug)]
pub struct Document {
    pub meta: DocMeta,
    text: Arc<str>,
    offsets: OffsetTable,
    spans: SpanStore,
    index: SpanIndex,
    events: Store<Event>,
    /// Events by trigger span (a trigger never changes once the event exists).
    /// Per annotation, the events naming it as trigger or argument.
    referrers: Store<Referrers>,
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
            && self.events == other.events
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
            spans: SpanStore::default(),
            index: SpanIndex::new(),
            events: Store::default(),
            referrers: Store::default(),
            next_id: 1,
            revision: 0,
        }
    }

    /// A document with the given spans and events. Refuses what cannot be placed (offsets past
    /// the end, empty or reversed ranges, ids used twice) and lists every one. Softer problems
    /// (a covered text that differs, an unknown label, an argument pointing nowhere) are kept for
    /// `validate`, so nothing is dropped.
    pub fn from_parts(
        meta: DocMeta,
        text: impl Into<Arc<str>>,
        spans: Vec<Span>,
        events: Vec<Event>,
        next_id: u64,
    ) -> Result<Self, Vec<Problem>> {
        Self::new(meta, text).place(spans, events, next_id)
    }

    /// Adds spans and events to a document that has none yet (see `from_parts`).
    pub(crate) fn place(
        self,
        spans: impl IntoIterator<Item = Span>,
        events: impl IntoIterator<Item = Event>,
        next_id: u64,
    ) -> Result<Self, Vec<Problem>> {
        let spans = spans.into_iter();
        let mut doc = self;
        let len = doc.char_len();
        let mut problems = Vec::new();
        // In file order, which is reading order: the index then has little left to sort.
        let mut entries = Vec::with_capacity(spans.size_hint().0);
        let mut next = doc.next_id;
        let doc_id = doc.meta.id.clone();
        // Streamed into the store's shards: the file's list is freed as it is read (peak memory).
        let placed = spans.filter_map(|span| {
            let kind = if span.start >= span.end {
                Some(ProblemKind::EmptyOrReversed { start: span.start, end: span.end })
            } else if span.end > len {
                Some(ProblemKind::OffsetPastEnd { start: span.start, end: span.end, len })
            } else {
                None
            };
            if let Some(kind) = kind {
                problems.push(Problem::error(&doc_id, Some(span.id), kind));
                return None;
            }
            entries.push(span.entry());
            next = next.max(span.id.0 + 1);
            Some(span)
        });
        let (store, duplicates) = SpanStore::from_spans(placed);
        doc.next_id = next;
        for id in duplicates {
            problems.push(Problem::error(&doc.meta.id, Some(id), ProblemKind::DuplicateAnnId));
        }
        doc.spans = store;
        for event in events {
            if doc.spans.contains_key(&event.id) || doc.events.contains_key(&event.id) {
                problems.push(Problem::error(
                    &doc.meta.id,
                    Some(event.id),
                    ProblemKind::DuplicateAnnId,
                ));
                continue;
            }
            doc.insert_event(event);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        doc.next_id = doc.next_id.max(next_id);
        doc.index = SpanIndex::from_entries(entries);
        Ok(doc)
    }

    /// `from_parts` for annotations made outside Acta (imports): each span's covered text is
    /// taken from the document rather than trusted, and ids continue after the largest one.
    pub fn from_annotations(
        meta: DocMeta,
        text: impl Into<Arc<str>>,
        spans: Vec<Span>,
        events: Vec<Event>,
    ) -> Result<Self, Vec<Problem>> {
        Self::new(meta, text).with_annotations(spans, events)
    }

    /// `from_annotations` on a document already made (an importer that needed its offset
    /// table to convert offsets first), so the text is indexed once.
    pub fn with_annotations(
        self,
        mut spans: Vec<Span>,
        events: Vec<Event>,
    ) -> Result<Self, Vec<Problem>> {
        let len = self.char_len();
        for span in &mut spans {
            if span.start < span.end && span.end <= len {
                span.text = self.slice(span.start, span.end).to_string();
            }
        }
        self.place(spans, events, 1)
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

    pub fn event(&self, id: AnnId) -> Option<&Event> {
        self.events.get(&id)
    }

    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// Events by id order.
    pub fn events(&self) -> impl Iterator<Item = &Event> + '_ {
        self.events.values()
    }

    /// Events anchored on span `trigger`, in id order.
    pub fn events_triggered_by(&self, trigger: AnnId) -> impl Iterator<Item = &Event> + '_ {
        self.events_referring_to(trigger).filter(move |e| e.trigger == trigger)
    }

    /// Events that point at `id` (span or event) as trigger or argument.
    pub fn events_referring_to(&self, id: AnnId) -> impl Iterator<Item = &Event> + '_ {
        let ids = self.referrers.get(&id).map_or(&[][..], |r| &r.events[..]);
        ids.iter().filter_map(|e| self.events.get(e)).filter(move |e| e.refers_to(id))
    }

    /// Whether `id` names a span or an event of this document.
    pub fn has_annotation(&self, id: AnnId) -> bool {
        self.spans.contains_key(&id) || self.events.contains_key(&id)
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
        self.spans.insert(span);
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

    /// New metadata (the dateline changes how dates validate, so it counts as a revision).
    pub(crate) fn replace_meta(&mut self, meta: DocMeta) -> DocMeta {
        self.revision += 1;
        std::mem::replace(&mut self.meta, meta)
    }

    pub(crate) fn insert_event(&mut self, event: Event) {
        self.next_id = self.next_id.max(event.id.0 + 1);
        self.add_referrer(&event);
        self.events.insert(event);
        self.revision += 1;
    }

    pub(crate) fn remove_event(&mut self, id: AnnId) -> Option<Event> {
        self.revision += 1;
        let event = self.events.remove(&id)?;
        self.drop_referrer(&event);
        Some(event)
    }

    /// Replaces an event's arguments, keeping who-refers-to-what in step.
    pub(crate) fn set_event_arguments(
        &mut self,
        id: AnnId,
        arguments: Vec<Argument>,
    ) -> Option<Vec<Argument>> {
        let old = self.events.get(&id)?.clone();
        self.drop_referrer(&old);
        let event = self.events.get_mut(&id)?;
        let previous = std::mem::replace(&mut event.arguments, arguments);
        let event = event.clone();
        self.add_referrer(&event);
        self.revision += 1;
        Some(previous)
    }

    /// What `event` names: its trigger and its arguments' targets, each once.
    fn named_by(event: &Event) -> Vec<AnnId> {
        let mut ids: Vec<AnnId> = std::iter::once(event.trigger)
            .chain(event.arguments.iter().map(|a| a.target))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn add_referrer(&mut self, event: &Event) {
        for target in Self::named_by(event) {
            match self.referrers.get_mut(&target) {
                Some(r) => {
                    if let Err(at) = r.events.binary_search(&event.id) {
                        r.events.insert(at, event.id);
                    }
                }
                None => {
                    self.referrers.insert(Referrers { target, events: vec![event.id] });
                }
            }
        }
    }

    fn drop_referrer(&mut self, event: &Event) {
        for target in Self::named_by(event) {
            let Some(r) = self.referrers.get_mut(&target) else { continue };
            r.events.retain(|&e| e != event.id);
            if r.events.is_empty() {
                self.referrers.remove(&target);
            }
        }
    }

    pub(crate) fn event_mut(&mut self, id: AnnId) -> Option<&mut Event> {
        self.revision += 1;
        self.events.get_mut(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: u64, start: usize, end: usize) -> Span {
        Span::new(AnnId(id), start, end, "Actor", "")
    }

    #[test]
    fn from_parts_lists_every_unplaceable_span() {
        let meta = DocMeta { id: "d1".into(), ..Default::default() };
        let err = Document::from_parts(
            meta,
            "ЛНР и ДНР",
            vec![span(1, 0, 3), span(2, 5, 99), span(3, 4, 4), span(1, 6, 9)],
            vec![Event::new(AnnId(1), AnnId(1), "Meeting", "")],
            1,
        )
        .err()
        .unwrap_or_default();
        let kinds: Vec<_> = err.iter().map(|p| p.to_string()).collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
        assert!(kinds[0].contains("#2") && kinds[0].contains("past the end"), "{kinds:?}");
        assert!(kinds[1].contains("#3") && kinds[1].contains("cover no text"), "{kinds:?}");
        assert!(kinds[2].contains("#1") && kinds[2].contains("twice"), "{kinds:?}");
        assert!(
            kinds[3].contains("#1") && kinds[3].contains("twice"),
            "an event may not reuse a span's id"
        );
    }

    #[test]
    fn counter_never_goes_below_existing_ids() {
        let meta = DocMeta::default();
        let events = vec![Event::new(AnnId(9), AnnId(7), "Meeting", "")];
        let doc = Document::from_parts(meta, "ЛНР и ДНР", vec![span(7, 0, 3)], events, 2).ok();
        assert_eq!(doc.map(|d| d.next_id()), Some(AnnId(10)));
    }
}
