//! Deleting something other annotations depend on, as one undoable edit: a span that triggers
//! events takes those events with it; a span or event used as an argument is removed from the
//! events that use it. The caller shows `Cascade`'s summary and asks before applying it.

use super::document::Document;
use super::edit::Edit;
use super::ids::AnnId;
use std::collections::BTreeSet;

/// The edit that deletes an annotation and everything hanging on it, with what it touches.
#[derive(Clone, Debug, PartialEq)]
pub struct Cascade {
    pub edit: Edit,
    /// Events deleted because their trigger goes.
    pub deleted_events: Vec<AnnId>,
    /// Events that keep living but lose arguments.
    pub detached_from: Vec<AnnId>,
}

impl Cascade {
    /// Whether deleting touches anything beyond the annotation itself.
    pub fn is_simple(&self) -> bool {
        self.deleted_events.is_empty() && self.detached_from.is_empty()
    }
}

/// Deleting span `id` of document `doc_index`.
pub fn remove_span(doc: &Document, doc_index: usize, id: AnnId) -> Cascade {
    let deleted_events: Vec<AnnId> = doc.events_triggered_by(id).map(|e| e.id).collect();
    let mut removed: BTreeSet<AnnId> = deleted_events.iter().copied().collect();
    removed.insert(id);
    let (mut edits, detached_from) = strip_references(doc, doc_index, &removed);
    edits.extend(deleted_events.iter().map(|&e| Edit::RemoveEvent { doc: doc_index, id: e }));
    edits.push(Edit::RemoveSpan { doc: doc_index, id });
    Cascade { edit: Edit::Batch(edits), deleted_events, detached_from }
}

/// Deleting event `id` (its trigger span stays).
pub fn remove_event(doc: &Document, doc_index: usize, id: AnnId) -> Cascade {
    let removed = BTreeSet::from([id]);
    let (mut edits, detached_from) = strip_references(doc, doc_index, &removed);
    edits.push(Edit::RemoveEvent { doc: doc_index, id });
    Cascade { edit: Edit::Batch(edits), deleted_events: Vec::new(), detached_from }
}

/// Edits removing every argument that points at something in `removed`; events that are
/// themselves going are stripped too (so they can be removed in any order), but not reported.
fn strip_references(
    doc: &Document,
    doc_index: usize,
    removed: &BTreeSet<AnnId>,
) -> (Vec<Edit>, Vec<AnnId>) {
    let mut edits = Vec::new();
    let mut detached = Vec::new();
    for event in doc.events() {
        if !event.arguments.iter().any(|a| removed.contains(&a.target)) {
            continue;
        }
        let arguments =
            event.arguments.iter().filter(|a| !removed.contains(&a.target)).cloned().collect();
        edits.push(Edit::SetArguments { doc: doc_index, id: event.id, arguments });
        if !removed.contains(&event.id) {
            detached.push(event.id);
        }
    }
    (edits, detached)
}
