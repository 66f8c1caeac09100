//! A merge as one undoable edit: what `merge::merge` changed, written as `SetSchema`,
//! `AddDocuments`, and per matched document `SetMeta` and the new spans and events, so one undo
//! takes a whole File → Merge back.

use crate::model::{Document, Edit, Event, Project};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The edit that turns `before` into `after`, where `after` is what a merge made of `before`:
/// the same documents in the same order (their annotations kept, new ones added, maybe new
/// metadata), then the documents it added. Ids are kept, so `next_id` ends where `after` has it
/// (adding an annotation moves the counter past its id). An empty `Batch` when nothing changed.
pub fn as_edit(before: &Project, after: &Project) -> Edit {
    let mut edits = Vec::new();
    if after.schema != before.schema {
        edits.push(Edit::SetSchema { schema: Box::new(after.schema.clone()) });
    }
    let index: HashMap<&str, usize> =
        before.documents.iter().enumerate().map(|(i, d)| (d.meta.id.as_str(), i)).collect();
    let mut added = Vec::new();
    for doc in &after.documents {
        match index.get(doc.meta.id.as_str()) {
            // Untouched documents are still shared with `before`.
            Some(&i) if Arc::ptr_eq(&before.documents[i], doc) => {}
            Some(&i) => document_edits(i, &before.documents[i], doc, &mut edits),
            None => added.push(Arc::clone(doc)),
        }
    }
    if !added.is_empty() {
        edits.push(Edit::AddDocuments { docs: added });
    }
    Edit::Batch(edits)
}

/// Document `doc`'s new metadata, spans and events. Events come after the spans, each after the
/// events it points at, because `AddEvent` wants its trigger and targets to exist.
fn document_edits(doc: usize, before: &Document, after: &Document, edits: &mut Vec<Edit>) {
    if after.meta != before.meta {
        edits.push(Edit::SetMeta { doc, meta: after.meta.clone() });
    }
    for span in after.spans().filter(|s| !before.has_annotation(s.id)) {
        edits.push(Edit::AddSpan { doc, span: span.clone() });
    }
    let mut waiting: Vec<&Event> =
        after.events().filter(|e| !before.has_annotation(e.id)).collect();
    let mut pending: HashSet<_> = waiting.iter().map(|e| e.id).collect();
    while !waiting.is_empty() {
        let (ready, later): (Vec<&Event>, Vec<&Event>) = waiting
            .into_iter()
            .partition(|e| e.arguments.iter().all(|a| !pending.contains(&a.target)));
        if ready.is_empty() {
            // A cycle of events pointing at each other: added in id order, `apply` refuses the
            // first that points at one not there yet and the whole batch with it.
            edits.extend(later.into_iter().map(|e| Edit::AddEvent { doc, event: e.clone() }));
            break;
        }
        for e in ready {
            pending.remove(&e.id);
            edits.push(Edit::AddEvent { doc, event: e.clone() });
        }
        waiting = later;
    }
}
