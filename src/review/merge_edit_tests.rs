//! `as_edit` against real merges of generated projects: applying it to the project before the
//! merge gives exactly the merged project (ids and id counters included), and its inverse gives
//! back the project before, its id counters left where the merge took them (ids are never
//! handed out twice).

use super::merge::merge;
use super::merge_edit::as_edit;
use crate::formats::testgen;
use crate::model::{DocMeta, Document, Edit, LabelDef, LabelKind, Project, Rgb};
use proptest::prelude::*;
use std::sync::Arc;

/// `p` as another annotator would have it: the spans and events `mask` picks are Bohdan's
/// (so new to `p`), the rest as they were (so shared); events pointing at Bohdan's spans
/// must be renumbered along with them.
fn restamped(p: &Project, mask: &[bool]) -> Project {
    let mut out = p.clone();
    let mut bit = mask.iter().copied().cycle();
    for doc in &mut out.documents {
        let mut spans: Vec<_> = doc.spans().cloned().collect();
        for s in &mut spans {
            if bit.next().unwrap_or_default() {
                s.annotator = "Bohdan".into();
            }
        }
        let mut events: Vec<_> = doc.events().cloned().collect();
        for e in &mut events {
            if bit.next().unwrap_or_default() {
                e.annotator = "Bohdan".into();
            }
        }
        let counter = doc.next_id_counter();
        let rebuilt =
            Document::from_parts(doc.meta.clone(), doc.shared_text(), spans, events, counter);
        *doc = Arc::new(rebuilt.unwrap_or_else(|p| panic!("restamping broke a document: {p:?}")));
    }
    out
}

/// Documents of `q` under new ids, so a merge adds them.
fn renamed(q: &Project) -> Vec<Arc<Document>> {
    let docs = q.documents.iter().enumerate();
    docs.map(|(i, d)| {
        let mut d = (**d).clone();
        d.meta.id = format!("extra-{i}");
        Arc::new(d)
    })
    .collect()
}

/// Everything but the id counters, which undo leaves where they were.
fn same_but_counters(a: &Project, b: &Project) -> bool {
    let doc = |d: &Document| {
        (d.meta.clone(), d.text().to_string(), d.spans().cloned().collect::<Vec<_>>())
    };
    let events = |d: &Document| d.events().cloned().collect::<Vec<_>>();
    a.schema == b.schema
        && a.name == b.name
        && a.documents.len() == b.documents.len()
        && a.documents
            .iter()
            .zip(&b.documents)
            .all(|(x, y)| doc(x) == doc(y) && events(x) == events(y))
}

fn check(before: &Project, after: &Project) -> Result<(), TestCaseError> {
    let mut p = before.clone();
    let inverse = as_edit(before, after).apply(&mut p);
    prop_assert!(inverse.is_ok(), "{inverse:?}");
    prop_assert!(&p == after, "applying the edit does not give the merged project");
    if let Ok(inverse) = inverse {
        prop_assert!(inverse.apply(&mut p).is_ok());
        prop_assert!(same_but_counters(&p, before), "undo does not give the project back");
        for (undone, merged) in p.documents.iter().zip(&after.documents) {
            prop_assert_eq!(undone.next_id_counter(), merged.next_id_counter());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn the_edit_of_a_merge_gives_the_merge_and_undoes_it(
        before in testgen::project(),
        extra in testgen::project(),
        mask in prop::collection::vec(any::<bool>(), 1..8),
        add_docs in any::<bool>(),
        new_label in any::<bool>(),
    ) {
        let mut other = restamped(&before, &mask);
        if add_docs {
            other.documents.extend(renamed(&extra));
        }
        if new_label {
            other.schema.labels.push(LabelDef {
                name: "Place".into(),
                color: Rgb([10, 120, 60]),
                hotkey: Some("4".into()),
                kind: LabelKind::Entity,
            });
        }
        let mut after = before.clone();
        let merged = merge(&mut after, &other, "other.ron");
        prop_assert!(merged.is_ok(), "{merged:?}");
        check(&before, &after)?;
    }
}

#[test]
fn new_metadata_is_a_set_meta_and_nothing_new_is_an_empty_batch() {
    let mut before = Project::new("p");
    let meta = DocMeta { id: "d".into(), title: "old".into(), ..Default::default() };
    before.documents.push(Arc::new(Document::new(meta, "текст")));
    assert_eq!(as_edit(&before, &before.clone()), Edit::Batch(vec![]));
    let mut after = before.clone();
    Arc::make_mut(&mut after.documents[0]).meta.title = "new".into();
    let edit = as_edit(&before, &after);
    assert!(matches!(&edit, Edit::Batch(e) if matches!(e[..], [Edit::SetMeta { doc: 0, .. }])));
    let mut p = before.clone();
    assert!(edit.apply(&mut p).is_ok());
    assert_eq!(p, after);
}

#[test]
fn an_event_is_added_after_the_event_it_points_at() -> Result<(), Box<dyn std::error::Error>> {
    use crate::model::{AnnId, Argument, Event, Span};
    let mut before = Project::new("p");
    let meta = DocMeta { id: "d".into(), ..Default::default() };
    before.documents.push(Arc::new(Document::new(meta, "Київ заявив про переговори")));
    let mut after = before.clone();
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), 5, 11, "Event", "b") }.apply(&mut after)?;
    // Event 3 is made first; event 2, made later under a smaller id, points at it.
    let inner = Event::new(AnnId(3), AnnId(1), "Statement", "b");
    Edit::AddEvent { doc: 0, event: inner }.apply(&mut after)?;
    let mut outer = Event::new(AnnId(2), AnnId(1), "Other", "b");
    outer.arguments.push(Argument { role: "Theme".into(), target: AnnId(3) });
    Edit::AddEvent { doc: 0, event: outer }.apply(&mut after)?;
    let mut p = before.clone();
    as_edit(&before, &after).apply(&mut p)?;
    assert_eq!(p, after);
    Ok(())
}
