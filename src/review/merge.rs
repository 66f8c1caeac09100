//! Merging projects that annotate the same documents: each annotator's work stays their layer,
//! annotations both inputs already share (the same annotator, place and label) are kept once,
//! schemas are unioned with conflicts reported, reviewers' comments and rejections unioned
//! (`meta_merge.rs`). A document whose text differs between inputs refuses the whole merge:
//! nothing is half-merged.

use super::meta_merge::merge_review;
use crate::formats::import::merge_schema;
use crate::model::{AnnId, Document, Event, LabelKind, Project, Span};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Documents found in both (matched by id, or by identical text under another id).
    pub matched: usize,
    /// Documents only the other input had, added.
    pub added_documents: usize,
    pub added_spans: usize,
    pub added_events: usize,
    /// Annotations both inputs had, kept once.
    pub shared: usize,
    /// Schema additions, conflicts, and differences kept from the first input.
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MergeError {
    #[error(
        "document `{doc}` has a different text in {file} ({theirs} characters, not {ours}); \
         nothing was merged"
    )]
    TextDiffers { doc: String, file: String, ours: usize, theirs: usize },
    #[error("document `{doc}` from {file} cannot be rebuilt: {problem}")]
    Broken { doc: String, file: String, problem: String },
}

/// Merges `other` (read from `source`, for messages) into `into`. On error `into` is unchanged.
pub fn merge(into: &mut Project, other: &Project, source: &str) -> Result<Merged, MergeError> {
    let mut out = Merged::default();
    let mut result = into.clone();
    schema_conflicts(&result, other, source, &mut out.notes);
    merge_schema(&mut result.schema, &other.schema, &mut out.notes);
    let by_id: HashMap<String, usize> =
        result.documents.iter().enumerate().map(|(i, d)| (d.meta.id.clone(), i)).collect();
    let by_text: HashMap<&str, usize> =
        into.documents.iter().enumerate().map(|(i, d)| (d.text(), i)).collect();
    for theirs in &other.documents {
        let found = match by_id.get(&theirs.meta.id) {
            Some(&i) if result.documents[i].text() != theirs.text() => {
                return Err(MergeError::TextDiffers {
                    doc: theirs.meta.id.clone(),
                    file: source.to_string(),
                    ours: result.documents[i].char_len(),
                    theirs: theirs.char_len(),
                });
            }
            Some(&i) => Some(i),
            None => by_text.get(theirs.text()).copied().inspect(|&i| {
                out.notes.push(format!(
                    "document `{}` of {source} is `{}` here (same text)",
                    theirs.meta.id, into.documents[i].meta.id
                ))
            }),
        };
        let Some(i) = found else {
            out.added_documents += 1;
            out.added_spans += theirs.span_count();
            out.added_events += theirs.event_count();
            result.documents.push(Arc::clone(theirs));
            continue;
        };
        out.matched += 1;
        let merged = merge_document(&result.documents[i], theirs, source, &mut out)?;
        result.documents[i] = Arc::new(merged);
    }
    *into = result;
    Ok(out)
}

/// Same-named labels of different kinds would make one side's triggers the other's entities.
fn schema_conflicts(ours: &Project, theirs: &Project, source: &str, notes: &mut Vec<String>) {
    for label in &theirs.schema.labels {
        if let Some(have) = ours.schema.label(&label.name)
            && have.kind != label.kind
        {
            let kind = |k: LabelKind| if k == LabelKind::Event { "trigger" } else { "entity" };
            notes.push(format!(
                "conflict: label `{}` is an {} here but {} in {source}; kept as here",
                label.name,
                kind(have.kind),
                kind(label.kind)
            ));
        }
    }
}

type SpanKey = (String, usize, usize, String);

fn span_key(s: &Span) -> SpanKey {
    (s.annotator.clone(), s.start, s.end, s.label.clone())
}

/// An event as both inputs would write it: annotator, trigger, type and arguments, in ids of
/// the merged document.
fn event_key(e: &Event) -> (String, AnnId, String, Vec<(String, AnnId)>) {
    let mut args: Vec<(String, AnnId)> =
        e.arguments.iter().map(|a| (a.role.clone(), a.target)).collect();
    args.sort();
    (e.annotator.clone(), e.trigger, e.event_type.clone(), args)
}

fn merge_document(
    ours: &Document,
    theirs: &Document,
    source: &str,
    out: &mut Merged,
) -> Result<Document, MergeError> {
    let doc_id = &ours.meta.id;
    let mut spans: Vec<Span> = ours.spans().cloned().collect();
    let mut events: Vec<Event> = ours.events().cloned().collect();
    let existing: HashMap<SpanKey, AnnId> = spans.iter().map(|s| (span_key(s), s.id)).collect();
    let mut next = ours.next_id_counter().max(1);
    let mut fresh = || {
        next += 1;
        AnnId(next - 1)
    };
    // Their ids → ids here: shared spans map to ours, new ones get fresh ids.
    let mut ids: BTreeMap<AnnId, AnnId> = BTreeMap::new();
    for s in theirs.spans() {
        match existing.get(&span_key(s)) {
            Some(&here) => {
                out.shared += 1;
                ids.insert(s.id, here);
                let mine = ours.span(here);
                if mine.is_some_and(|m| m.attributes != s.attributes || m.note != s.note) {
                    out.notes.push(format!(
                        "document `{doc_id}`, {here}: attributes or note differ in {source}; \
                         kept as here"
                    ));
                }
            }
            None => {
                let mut span = s.clone();
                span.id = fresh();
                ids.insert(s.id, span.id);
                spans.push(span);
                out.added_spans += 1;
            }
        }
    }
    // Events next. An argument may point at another event, so every event first gets an id
    // here (fresh, or the one of the same event here), settled in a few rounds because an
    // event is only recognised once the events it points at are.
    let known: HashMap<_, AnnId> = events.iter().map(|e| (event_key(e), e.id)).collect();
    let theirs_events: Vec<&Event> = theirs.events().collect();
    for e in &theirs_events {
        ids.insert(e.id, fresh());
    }
    let remapped = |e: &Event, ids: &BTreeMap<AnnId, AnnId>| {
        let mut event = e.clone();
        event.id = ids.get(&e.id).copied().unwrap_or(e.id);
        event.trigger = ids.get(&e.trigger).copied().unwrap_or(e.trigger);
        for arg in &mut event.arguments {
            arg.target = ids.get(&arg.target).copied().unwrap_or(arg.target);
        }
        event
    };
    for _ in 0..4 {
        let mut changed = false;
        for e in &theirs_events {
            if let Some(&here) = known.get(&event_key(&remapped(e, &ids)))
                && ids.insert(e.id, here) != Some(here)
            {
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let ours_ids: std::collections::HashSet<AnnId> = known.values().copied().collect();
    for e in &theirs_events {
        let event = remapped(e, &ids);
        if ours_ids.contains(&event.id) {
            out.shared += 1;
        } else {
            events.push(event);
            out.added_events += 1;
        }
    }
    if ours.meta.status != theirs.meta.status {
        out.notes.push(format!(
            "document `{doc_id}`: status {} here, {} in {source}; kept as here",
            ours.meta.status.label(),
            theirs.meta.status.label()
        ));
    }
    let mut meta = ours.meta.clone();
    if let Some((here, there)) = merge_review(&mut meta, &theirs.meta) {
        out.notes.push(format!(
            "document `{doc_id}`: review status {} here, {} in {source}; kept {}",
            here.label(),
            there.label(),
            meta.review.label()
        ));
    }
    // Ids handed out to events that turned out to be shared stay unused: the counter only
    // grows past the ids actually placed.
    let counter = ours.next_id_counter();
    Document::from_parts(meta, ours.shared_text(), spans, events, counter).map_err(|problems| {
        MergeError::Broken {
            doc: doc_id.clone(),
            file: source.to_string(),
            problem: problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        }
    })
}
