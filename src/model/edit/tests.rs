//! Tests of edits: each kind, failures that change nothing, cascades, and the property that an
//! edit followed by its inverse restores the project.

use super::*;
use crate::model::{Argument, DocMeta, Document, Event};
use proptest::prelude::*;
use std::sync::Arc;

const TEXT: &str = "Министр иностранных дел ЛНР Владислав Дейнего\u{a0}— 👩‍👩‍👧 ok\r\nдалі́";

fn project() -> Project {
    let mut p = Project::new("t");
    let meta = DocMeta { id: "d0".into(), ..Default::default() };
    p.documents.push(Arc::new(Document::new(meta, TEXT)));
    p
}

fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
    Span::new(AnnId(id), start, end, label, "ann")
}

#[test]
fn add_fills_covered_text_and_undo_removes() {
    let mut p = project();
    let inverse = Edit::AddSpan { doc: 0, span: span(1, 0, 27, "Actor") }.apply(&mut p);
    assert_eq!(
        p.documents[0].span(AnnId(1)).map(|s| s.text.as_str()),
        Some("Министр иностранных дел ЛНР")
    );
    assert_eq!(inverse, Ok(Edit::RemoveSpan { doc: 0, id: AnnId(1) }));
    let _ = Edit::RemoveSpan { doc: 0, id: AnnId(1) }.apply(&mut p);
    assert_eq!(p.documents[0].span_count(), 0);
    // The id is never handed out again.
    assert_eq!(p.documents[0].next_id(), AnnId(2));
}

#[test]
fn failing_edits_change_nothing() {
    let mut p = project();
    let before = p.clone();
    let len = p.documents[0].char_len();
    assert!(Edit::AddSpan { doc: 0, span: span(1, 5, len + 1, "Actor") }.apply(&mut p).is_err());
    assert!(Edit::AddSpan { doc: 3, span: span(1, 0, 2, "Actor") }.apply(&mut p).is_err());
    assert!(Edit::RemoveSpan { doc: 0, id: AnnId(9) }.apply(&mut p).is_err());
    let batch = Edit::Batch(vec![
        Edit::AddSpan { doc: 0, span: span(1, 0, 3, "Actor") },
        Edit::AddSpan { doc: 0, span: span(1, 4, 6, "Actor") },
    ]);
    assert_eq!(batch.apply(&mut p), Err(EditError::IdTaken(AnnId(1))));
    assert_eq!(p.documents[0].span_count(), 0);
    assert_eq!(p.documents[0].meta, before.documents[0].meta);
}

fn arb_args() -> impl Strategy<Value = Vec<Argument>> {
    proptest::collection::vec(
        (0..3usize, 1..20u64).prop_map(|(r, t)| Argument {
            role: ["Agent", "Theme", "Time"][r].into(),
            target: AnnId(t),
        }),
        0..4,
    )
}

fn arb_edit(len: usize) -> impl Strategy<Value = Edit> {
    let range = (0..len, 1..12usize).prop_map(move |(s, l)| (s, (s + l).min(len)));
    prop_oneof![
        (1..20u64, range.clone(), 0..3usize).prop_map(|(id, (s, e), l)| Edit::AddSpan {
            doc: 0,
            span: span(id, s, e, ["Actor", "Date", "Event"][l]),
        }),
        (1..20u64).prop_map(|id| Edit::RemoveSpan { doc: 0, id: AnnId(id) }),
        (1..20u64, 0..3usize).prop_map(|(id, l)| Edit::Relabel {
            doc: 0,
            id: AnnId(id),
            label: ["Actor", "Date", "Event"][l].into(),
        }),
        (1..20u64, range).prop_map(|(id, (s, e))| Edit::Resize {
            doc: 0,
            id: AnnId(id),
            start: s,
            end: e
        }),
        "[a-z]{1,5}".prop_map(|t| Edit::SetMeta {
            doc: 0,
            meta: DocMeta { id: "d0".into(), title: t, ..Default::default() },
        }),
        (1..20u64, 1..20u64, arb_args()).prop_map(|(id, trigger, arguments)| {
            let mut event = Event::new(AnnId(id), AnnId(trigger), "Meeting", "ann");
            event.arguments = arguments;
            Edit::AddEvent { doc: 0, event }
        }),
        (1..20u64).prop_map(|id| Edit::RemoveEvent { doc: 0, id: AnnId(id) }),
        (1..20u64, arb_args()).prop_map(|(id, arguments)| Edit::SetArguments {
            doc: 0,
            id: AnnId(id),
            arguments
        }),
        (1..20u64).prop_map(|id| Edit::SetEventType {
            doc: 0,
            id: AnnId(id),
            event_type: "Statement".into()
        }),
        (1..20u64, proptest::option::of("[a-z]{1,4}")).prop_map(|(id, value)| Edit::SetAttribute {
            doc: 0,
            id: AnnId(id),
            name: "kind".into(),
            value
        }),
        (1..20u64, proptest::option::of("[a-z ]{0,4}")).prop_map(|(id, note)| Edit::SetNote {
            doc: 0,
            id: AnnId(id),
            note
        }),
    ]
}

/// Everything about the document an edit can change, comparable.
fn state(p: &Project) -> (DocMeta, Vec<Span>, Vec<Event>) {
    let d = &p.documents[0];
    (d.meta.clone(), d.spans().cloned().collect(), d.events().cloned().collect())
}

/// No event refers to an annotation that does not exist.
fn references_resolve(p: &Project) -> bool {
    let d = &p.documents[0];
    // The referrer index agrees with a scan of every event, for every id in play.
    let index_agrees = (0..25).map(AnnId).all(|id| {
        let indexed: Vec<AnnId> = d.events_referring_to(id).map(|e| e.id).collect();
        let scanned: Vec<AnnId> = d.events().filter(|e| e.refers_to(id)).map(|e| e.id).collect();
        let triggered: Vec<AnnId> = d.events_triggered_by(id).map(|e| e.id).collect();
        let by_trigger: Vec<AnnId> = d.events().filter(|e| e.trigger == id).map(|e| e.id).collect();
        indexed == scanned && triggered == by_trigger
    });
    index_agrees
        && d.events().all(|e| {
            d.span(e.trigger).is_some() && e.arguments.iter().all(|a| d.has_annotation(a.target))
        })
}

proptest! {
    // apply then its inverse is the identity, for any edit on any reachable state; and no
    // sequence of edits leaves an argument pointing nowhere.
    #[test]
    fn inverse_restores_the_project(
        setup in proptest::collection::vec(arb_edit(TEXT.chars().count()), 0..40),
        edits in proptest::collection::vec(arb_edit(TEXT.chars().count()), 1..10),
    ) {
        let mut p = project();
        for e in setup {
            let _ = e.apply(&mut p);
            prop_assert!(references_resolve(&p));
        }
        let edit = Edit::Batch(edits);
        let before = state(&p);
        match edit.clone().apply(&mut p) {
            Ok(inverse) => {
                let after = state(&p);
                prop_assert!(references_resolve(&p));
                let redo = inverse.apply(&mut p);
                prop_assert!(redo.is_ok());
                prop_assert_eq!(&state(&p), &before);
                // and the inverse of the inverse redoes the edit
                if let Ok(redo) = redo {
                    prop_assert!(redo.apply(&mut p).is_ok());
                    prop_assert_eq!(&state(&p), &after);
                }
            }
            Err(_) => prop_assert_eq!(&state(&p), &before),
        }
    }

    // Deleting any span or event through its cascade always works, removes it, leaves every
    // reference resolving, and undoes exactly.
    #[test]
    fn cascades_always_apply_and_undo(
        setup in proptest::collection::vec(arb_edit(TEXT.chars().count()), 0..60),
        victim in 1..20u64,
    ) {
        let mut p = project();
        for e in setup {
            let _ = e.apply(&mut p);
        }
        let d = p.documents[0].clone();
        let id = AnnId(victim);
        let cascade = if d.span(id).is_some() {
            crate::model::cascade::remove_span(&d, 0, id)
        } else if d.event(id).is_some() {
            crate::model::cascade::remove_event(&d, 0, id)
        } else {
            return Ok(());
        };
        let before = state(&p);
        let inverse = cascade.edit.apply(&mut p);
        prop_assert!(inverse.is_ok(), "{inverse:?}");
        prop_assert!(!p.documents[0].has_annotation(id));
        prop_assert!(references_resolve(&p));
        for e in &cascade.deleted_events {
            prop_assert!(p.documents[0].event(*e).is_none());
        }
        if let Ok(inverse) = inverse {
            prop_assert!(inverse.apply(&mut p).is_ok());
            prop_assert_eq!(&state(&p), &before);
        }
    }
}

#[test]
fn spans_in_use_are_refused_until_detached() {
    let mut p = project();
    for e in [
        Edit::AddSpan { doc: 0, span: span(1, 0, 7, "Event") },
        Edit::AddSpan { doc: 0, span: span(2, 24, 27, "Actor") },
    ] {
        assert!(e.apply(&mut p).is_ok());
    }
    let mut event = Event::new(AnnId(3), AnnId(1), "Statement", "ann");
    event.arguments.push(Argument { role: "Agent".into(), target: AnnId(2) });
    assert!(Edit::AddEvent { doc: 0, event: event.clone() }.apply(&mut p).is_ok());
    let mut dangling = event.clone();
    dangling.id = AnnId(4);
    dangling.arguments[0].target = AnnId(99);
    assert!(matches!(
        Edit::AddEvent { doc: 0, event: dangling }.apply(&mut p),
        Err(EditError::NoSpan { .. })
    ));
    let refused = Edit::RemoveSpan { doc: 0, id: AnnId(2) }.apply(&mut p);
    assert_eq!(refused, Err(EditError::InUse { id: AnnId(2), events: vec![AnnId(3)] }));
    let cascade = crate::model::cascade::remove_span(&p.documents[0], 0, AnnId(1));
    assert_eq!(cascade.deleted_events, vec![AnnId(3)]);
    assert!(cascade.edit.apply(&mut p).is_ok());
    assert_eq!(p.documents[0].event_count(), 0);
    assert!(p.documents[0].span(AnnId(2)).is_some(), "the argument span stays");
}

#[test]
fn adding_documents_is_undone_by_removing_them() -> Result<(), EditError> {
    use crate::model::{DocMeta, Document, Project};
    use std::sync::Arc;
    let mut p = Project::new("p");
    let doc =
        |id: &str| Arc::new(Document::new(DocMeta { id: id.into(), ..Default::default() }, "x"));
    p.documents.push(doc("a"));
    let inverse = Edit::AddDocuments { docs: vec![doc("b"), doc("c")] }.apply(&mut p)?;
    assert_eq!(p.documents.len(), 3);
    assert_eq!(inverse, Edit::RemoveDocuments { ids: vec!["b".into(), "c".into()] });
    let taken = Edit::AddDocuments { docs: vec![doc("d"), doc("a")] }.apply(&mut p);
    assert_eq!(taken, Err(EditError::DocIdTaken("a".into())));
    assert_eq!(p.documents.len(), 3, "a refused edit changes nothing");
    let missing = Edit::RemoveDocuments { ids: vec!["zz".into()] }.apply(&mut p);
    assert_eq!(missing, Err(EditError::NoDocumentId("zz".into())));
    inverse.apply(&mut p)?;
    let ids: Vec<&str> = p.documents.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["a"]);
    Ok(())
}
