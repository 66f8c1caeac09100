//! Three-way merge of one project file edited on two branches (the git merge driver): what one
//! side changed is taken, what both changed alike is taken once, and what they changed
//! differently is kept as this branch has it with a review item — a note on the annotation and
//! a line in the document's notes, both starting `merge conflict:` — never text markers. Review
//! data merges on its own (`meta_merge.rs`), so each branch's new comments survive.

use super::merge::MergeError;
use super::meta_merge::{three_way_review, without_review};
use crate::formats::import::merge_schema;
use crate::model::{AnnId, DocMeta, Document, Event, Project, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub const CONFLICT: &str = "merge conflict:";

/// The conflicts the merge left for review, one line each.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ThreeWay {
    pub conflicts: Vec<String>,
}

enum Pick<T> {
    Take(Option<T>),
    Conflict(Option<T>, Option<T>),
}

/// One thing as base, ours and theirs have it (`None`: absent or deleted).
fn pick<T: Clone + PartialEq>(base: Option<&T>, ours: Option<&T>, theirs: Option<&T>) -> Pick<T> {
    if ours == theirs || theirs == base {
        Pick::Take(ours.cloned())
    } else if ours == base {
        Pick::Take(theirs.cloned())
    } else {
        Pick::Conflict(ours.cloned(), theirs.cloned())
    }
}

/// Merges `theirs` into `ours`, both descended from `base`. Refuses only a document whose text
/// differs between versions (Acta never edits text; such a file is not one to merge).
pub fn three_way(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Result<(Project, ThreeWay), MergeError> {
    let mut report = ThreeWay::default();
    let mut out = ours.clone();
    match pick(Some(&base.schema), Some(&ours.schema), Some(&theirs.schema)) {
        Pick::Take(schema) => out.schema = schema.unwrap_or_default(),
        Pick::Conflict(..) => {
            let mut notes = Vec::new();
            merge_schema(&mut out.schema, &theirs.schema, &mut notes);
            report.conflicts.push(format!(
                "{CONFLICT} the schema changed on both branches; this branch's, plus: {}",
                if notes.is_empty() { "nothing".to_string() } else { notes.join("; ") }
            ));
        }
    }
    let find = |p: &Project, id: &str| p.documents.iter().find(|d| d.meta.id == id).cloned();
    let order: Vec<String> =
        ours.documents.iter().chain(&theirs.documents).map(|d| d.meta.id.clone()).collect();
    let mut seen = BTreeSet::new();
    out.documents.clear();
    for id in order {
        if !seen.insert(id.clone()) {
            continue;
        }
        let (b, o, t) = (find(base, &id), find(ours, &id), find(theirs, &id));
        let texts: BTreeSet<&str> = [&b, &o, &t].into_iter().flatten().map(|d| d.text()).collect();
        if texts.len() > 1 {
            return Err(MergeError::TextDiffers {
                doc: id,
                file: "the other branch".into(),
                ours: o.as_ref().map_or(0, |d| d.char_len()),
                theirs: t.as_ref().map_or(0, |d| d.char_len()),
            });
        }
        match (b, o, t) {
            (b, Some(o), Some(t)) => {
                out.documents.push(Arc::new(merge_doc(b.as_deref(), &o, &t, &mut report)?));
            }
            // Deleted on one branch: gone, unless the other branch changed it meanwhile.
            (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) if kept != b => {
                report.conflicts.push(format!(
                    "{CONFLICT} document `{id}` was deleted on one branch and changed on the \
                     other; kept"
                ));
                out.documents.push(kept);
            }
            (None, Some(added), None) | (None, None, Some(added)) => out.documents.push(added),
            _ => {}
        }
    }
    Ok((out, report))
}

fn describe(s: &Span) -> String {
    format!("{} {}..{}", s.label, s.start, s.end)
}

fn add_note(note: &mut Option<String>, line: &str) {
    *note = Some(match note.take() {
        Some(n) if !n.is_empty() => format!("{n}\n{line}"),
        _ => line.to_string(),
    });
}

fn merge_doc(
    base: Option<&Document>,
    ours: &Document,
    theirs: &Document,
    report: &mut ThreeWay,
) -> Result<Document, MergeError> {
    // A document both branches added: review data is then the union of theirs (an empty
    // base), while the rest of the properties compare against ours as before.
    let no_review = DocMeta::default();
    let review_base = base.map_or(&no_review, |b| &b.meta);
    let empty = Document::new(ours.meta.clone(), ours.shared_text());
    let base = base.unwrap_or(&empty);
    let doc_id = ours.meta.id.clone();
    let mut lines: Vec<String> = Vec::new();
    // The properties as a whole, apart from the review data, which merges item by item.
    let plain = [&base.meta, &ours.meta, &theirs.meta].map(without_review);
    let mut meta = match pick(Some(&plain[0]), Some(&plain[1]), Some(&plain[2])) {
        Pick::Take(m) => m.unwrap_or_else(|| plain[1].clone()),
        Pick::Conflict(..) => {
            lines.push(format!(
                "{CONFLICT} the document's properties changed on both branches; kept this \
                 branch's"
            ));
            plain[1].clone()
        }
    };
    if let Some((here, there)) = three_way_review(&mut meta, review_base, &ours.meta, &theirs.meta)
    {
        lines.push(format!(
            "{CONFLICT} review status changed on both branches ({} here, {} on the other); \
             kept {}",
            here.label(),
            there.label(),
            meta.review.label()
        ));
    }
    // Ids the base had are the same thing on both branches; ids new on their branch are
    // renumbered after everything ours uses, unless ours added the very same span.
    let known: BTreeSet<AnnId> =
        base.spans().map(|s| s.id).chain(base.events().map(|e| e.id)).collect();
    let mut next = ours.next_id_counter().max(theirs.next_id_counter()).max(base.next_id_counter());
    let mut renumbered: BTreeMap<AnnId, AnnId> = BTreeMap::new();
    let mut spans: BTreeMap<AnnId, Span> = BTreeMap::new();
    let ids: BTreeSet<AnnId> = base.spans().map(|s| s.id).collect();
    for id in ids {
        match pick(base.span(id), ours.span(id), theirs.span(id)) {
            Pick::Take(Some(s)) => {
                spans.insert(id, s);
            }
            Pick::Take(None) => {}
            Pick::Conflict(o, t) => {
                let line = match (&o, &t) {
                    (Some(o), Some(t))
                        if o.label != t.label || (o.start, o.end) != (t.start, t.end) =>
                    {
                        format!(
                            "{CONFLICT} {id} «{}» is {} here, {} on the other branch; kept this branch's",
                            o.text,
                            describe(o),
                            describe(t)
                        )
                    }
                    (Some(o), Some(_)) => format!(
                        "{CONFLICT} {id} «{}»: attributes or note changed on both branches; kept this branch's",
                        o.text
                    ),
                    (Some(k), None) | (None, Some(k)) => format!(
                        "{CONFLICT} {id} «{}» was deleted on one branch and changed on the other; kept",
                        k.text
                    ),
                    (None, None) => continue,
                };
                if let Some(mut kept) = o.or(t) {
                    add_note(&mut kept.note, &line);
                    spans.insert(id, kept);
                }
                lines.push(line);
            }
        }
    }
    for s in ours.spans().filter(|s| !known.contains(&s.id)) {
        spans.insert(s.id, s.clone());
    }
    let ours_new: Vec<&Span> = ours.spans().filter(|s| !known.contains(&s.id)).collect();
    for s in theirs.spans().filter(|s| !known.contains(&s.id)) {
        let same = ours_new.iter().find(|o| {
            (o.annotator.as_str(), o.start, o.end, o.label.as_str())
                == (s.annotator.as_str(), s.start, s.end, s.label.as_str())
        });
        let id = match same {
            Some(o) => o.id,
            None => {
                let mut span = s.clone();
                span.id = AnnId(next);
                next += 1;
                let id = span.id;
                spans.insert(id, span);
                id
            }
        };
        renumbered.insert(s.id, id);
    }
    for e in theirs.events().filter(|e| !known.contains(&e.id)) {
        renumbered.insert(e.id, AnnId(next));
        next += 1;
    }
    let remap = |e: &Event| {
        let mut e = e.clone();
        let map = |id: AnnId| renumbered.get(&id).copied().unwrap_or(id);
        e.id = map(e.id);
        e.trigger = map(e.trigger);
        for a in &mut e.arguments {
            a.target = map(a.target);
        }
        e
    };
    let mut events: BTreeMap<AnnId, Event> = BTreeMap::new();
    let event_ids: BTreeSet<AnnId> = base.events().map(|e| e.id).collect();
    for id in event_ids {
        match pick(base.event(id), ours.event(id), theirs.event(id)) {
            Pick::Take(Some(e)) => {
                events.insert(id, e);
            }
            Pick::Take(None) => {}
            Pick::Conflict(o, t) => {
                let line = format!(
                    "{CONFLICT} event {id} ({}) changed differently on the two branches; kept \
                     this branch's",
                    o.as_ref().or(t.as_ref()).map_or("", |e| e.event_type.as_str())
                );
                if let Some(mut kept) = o.or(t) {
                    add_note(&mut kept.note, &line);
                    events.insert(id, kept);
                }
                lines.push(line);
            }
        }
    }
    for e in ours.events().filter(|e| !known.contains(&e.id)) {
        events.insert(e.id, e.clone());
    }
    let ours_new: Vec<Event> = ours.events().filter(|e| !known.contains(&e.id)).cloned().collect();
    for e in theirs.events().filter(|e| !known.contains(&e.id)) {
        let mut event = remap(e);
        let same = ours_new.iter().any(|o| {
            let mut o = o.clone();
            o.id = event.id;
            o == event
        });
        if !same {
            event.id = renumbered.get(&e.id).copied().unwrap_or(event.id);
            events.insert(event.id, event);
        }
    }
    // What points at something the other branch deleted cannot stay as it is.
    let exists = |id: AnnId, events: &BTreeMap<AnnId, Event>| {
        spans.contains_key(&id) || events.contains_key(&id)
    };
    let all: Vec<AnnId> = events.keys().copied().collect();
    for id in all {
        let Some(event) = events.get(&id).cloned() else { continue };
        if !exists(event.trigger, &events) {
            lines.push(format!(
                "{CONFLICT} event {id} lost its trigger (deleted on one branch); removed"
            ));
            events.remove(&id);
            continue;
        }
        let kept: Vec<_> =
            event.arguments.iter().filter(|a| exists(a.target, &events)).cloned().collect();
        if kept.len() != event.arguments.len() {
            let line = format!("{CONFLICT} event {id} lost an argument deleted on one branch");
            if let Some(e) = events.get_mut(&id) {
                e.arguments = kept;
                add_note(&mut e.note, &line);
            }
            lines.push(line);
        }
    }
    for line in &lines {
        meta.notes =
            if meta.notes.is_empty() { line.clone() } else { format!("{}\n{line}", meta.notes) };
        report.conflicts.push(format!("document `{doc_id}`: {line}"));
    }
    Document::from_parts(
        meta,
        ours.shared_text(),
        spans.into_values().collect(),
        events.into_values().collect(),
        next,
    )
    .map_err(|problems| MergeError::Broken {
        doc: doc_id,
        file: "the merge".into(),
        problem: problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
    })
}
