//! Tests of schema migrations: renames reach every document, deletions cascade and undo, unsound
//! schemas are refused with the reason, and (a property) any mix of renames, swaps and
//! deletions applies, leaves every reference resolving, and its inverse restores the project.

use super::*;
use crate::model::schema::{
    AttrKind, AttributeDef, EventTypeDef, LabelDef, LabelKind, Rgb, RoleDef,
};
use crate::model::validate::check_project;
use crate::model::{Cardinality, DocMeta, Event, Span};
use proptest::prelude::*;
use std::sync::Arc;

const TEXT: &str = "Лавров встретился с Блинкеном 5 мая; Kyiv said nothing. Ще одне речення тут.";

fn project(docs: usize) -> Project {
    let mut p = Project::new("t");
    for i in 0..docs {
        let meta = DocMeta { id: format!("d{i}"), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, TEXT)));
    }
    p
}

fn apply(p: &mut Project, edit: Edit) {
    if let Err(e) = edit.apply(p) {
        panic!("setup edit failed: {e}");
    }
}

fn span(p: &mut Project, doc: usize, id: u64, (start, end): (usize, usize), label: &str) {
    apply(p, Edit::AddSpan { doc, span: Span::new(AnnId(id), start, end, label, "t") });
}

fn event(p: &mut Project, doc: usize, id: u64, trigger: u64, kind: &str, args: &[(&str, u64)]) {
    let mut e = Event::new(AnnId(id), AnnId(trigger), kind, "t");
    e.arguments =
        args.iter().map(|(r, t)| Argument { role: r.to_string(), target: AnnId(*t) }).collect();
    apply(p, Edit::AddEvent { doc, event: e });
}

/// Two documents of the default schema: Actors, a Date, Statement and Meeting events.
fn sample() -> Project {
    let mut p = project(2);
    for doc in 0..2 {
        span(&mut p, doc, 1, (0, 6), "Actor"); // Лавров
        span(&mut p, doc, 2, (7, 17), "Event"); // встретился
        span(&mut p, doc, 3, (20, 29), "Actor"); // Блинкеном
        span(&mut p, doc, 4, (30, 35), "Date"); // 5 мая
        span(&mut p, doc, 5, (37, 41), "Actor"); // Kyiv
        span(&mut p, doc, 6, (42, 46), "Event"); // said
        event(&mut p, doc, 7, 2, "Meeting", &[("Agent", 1), ("Participant", 3), ("Time", 4)]);
        event(&mut p, doc, 8, 6, "Statement", &[("Agent", 5), ("Theme", 3)]);
        let set = |id, name: &str, value: &str| Edit::SetAttribute {
            doc,
            id: AnnId(id),
            name: name.into(),
            value: Some(value.into()),
        };
        apply(&mut p, set(1, "kind", "person"));
        apply(&mut p, set(5, "kind", "state"));
        apply(&mut p, set(4, "value", "2024-05-05"));
        apply(&mut p, set(8, "polarity", "negated"));
    }
    p
}

/// The schema with one label renamed everywhere it is named.
fn rename_label(schema: &Schema, old: &str, new: &str) -> Schema {
    let mut s = schema.clone();
    let swap = |n: &mut String| {
        if n == old {
            *n = new.to_string();
        }
    };
    s.labels.iter_mut().for_each(|l| swap(&mut l.name));
    s.event_types.iter_mut().flat_map(|t| &mut t.roles).flat_map(|r| &mut r.targets).for_each(swap);
    s.attributes.iter_mut().flat_map(|a| &mut a.on).for_each(swap);
    s
}

fn labels(p: &Project) -> Vec<String> {
    p.documents.iter().flat_map(|d| d.spans().map(|s| s.label.clone())).collect()
}

/// No event refers to an annotation that does not exist, in any document.
fn references_resolve(p: &Project) -> bool {
    p.documents.iter().all(|d| {
        d.events().all(|e| {
            d.span(e.trigger).is_some() && e.arguments.iter().all(|a| d.has_annotation(a.target))
        })
    })
}

fn migrate_ok(p: &Project, schema: Schema, renames: &Renames) -> Migration {
    migrate(p, schema, renames).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn renaming_a_label_relabels_every_document_and_undo_restores() {
    let mut p = sample();
    let before = p.clone();
    let schema = rename_label(&p.schema, "Actor", "Person");
    let renames = Renames {
        labels: [("Actor".to_string(), "Person".to_string())].into(),
        ..Default::default()
    };
    let m = migrate_ok(&p, schema.clone(), &renames);
    assert!(!m.summary.deletes_anything(), "{:?}", m.summary);
    assert_eq!(m.summary.annotations_migrated, 6, "three Actors in each of two documents");
    let inverse = m.edit.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.schema, schema);
    assert_eq!(labels(&p).iter().filter(|l| *l == "Person").count(), 6);
    assert!(!labels(&p).iter().any(|l| l == "Actor"));
    // Attribute values and arguments are untouched, and nothing new is wrong.
    assert_eq!(
        p.documents[1].span(AnnId(5)).and_then(|s| s.attributes.get("kind")).cloned(),
        Some("state".to_string())
    );
    assert_eq!(check_project(&p), check_project(&before));
    let _ = inverse.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p, before);
}

#[test]
fn renaming_a_role_rewrites_only_that_types_arguments() {
    let mut p = sample();
    let before = p.clone();
    let mut schema = p.schema.clone();
    let Some(statement) = schema.event_types.iter_mut().find(|t| t.name == "Statement") else {
        panic!("no Statement")
    };
    statement.roles[0].name = "Speaker".into();
    let renames = Renames {
        roles: [("Statement".into(), [("Agent".into(), "Speaker".into())].into())].into(),
        ..Default::default()
    };
    let m = migrate_ok(&p, schema, &renames);
    assert_eq!(m.summary.annotations_migrated, 2, "one Statement per document");
    let inverse = m.edit.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    for d in &p.documents {
        let roles = |id| d.event(AnnId(id)).map(|e| e.arguments.clone()).unwrap_or_default();
        assert_eq!(roles(8)[0], Argument { role: "Speaker".into(), target: AnnId(5) });
        assert_eq!(roles(7)[0].role, "Agent", "Meeting's Agent stays");
    }
    assert!(check_project(&p).is_empty(), "{:?}", check_project(&p));
    let _ = inverse.apply(&mut p);
    assert_eq!(p, before);
}

#[test]
fn deleting_a_label_in_use_deletes_its_spans_and_their_events_and_undo_restores() {
    let mut p = sample();
    let before = p.clone();
    let mut schema = p.schema.clone();
    schema.labels.retain(|l| l.name != "Event");
    // Statement's Theme may point at Events; the label goes, so does the target.
    for role in schema.event_types.iter_mut().flat_map(|t| &mut t.roles) {
        role.targets.retain(|t| t != "Event");
    }
    let m = migrate_ok(&p, schema, &Renames::default());
    let s = &m.summary;
    assert_eq!((s.spans_deleted, s.events_deleted), (4, 4), "{s:?}");
    assert_eq!(s.deleted_in_use.len(), 1);
    assert_eq!(s.deleted_in_use[0].to_string(), "Label Event is used by 4 annotations");
    assert_eq!(s.arguments_removed, 0, "the only argument on an event went with its event");
    let inverse = m.edit.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.documents.iter().all(|d| d.event_count() == 0 && d.span_count() == 4));
    assert!(references_resolve(&p));
    let _ = inverse.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p, before);
}

#[test]
fn deleting_an_argument_label_detaches_it_from_events_that_stay() {
    let mut p = sample();
    let mut schema = p.schema.clone();
    schema.labels.retain(|l| l.name != "Date");
    for role in schema.event_types.iter_mut().flat_map(|t| &mut t.roles) {
        role.targets.retain(|t| t != "Date");
        if role.targets.is_empty() {
            role.targets.push("Actor".into());
        }
    }
    schema.attributes.retain(|a| !a.on.iter().any(|o| o == "Date"));
    let m = migrate_ok(&p, schema, &Renames::default());
    let s = &m.summary;
    assert_eq!((s.spans_deleted, s.events_deleted, s.arguments_removed), (2, 0, 2), "{s:?}");
    assert_eq!(s.values_removed, 0, "the values went with their spans");
    assert!(m.edit.apply(&mut p).is_ok());
    for d in &p.documents {
        let meeting = d.event(AnnId(7)).map(|e| e.arguments.len());
        assert_eq!(meeting, Some(2), "Time is gone, Agent and Participant stay");
    }
    assert!(references_resolve(&p));
}

#[test]
fn deleting_a_role_and_an_attribute_counts_what_goes() {
    let mut p = sample();
    let mut schema = p.schema.clone();
    for t in schema.event_types.iter_mut().filter(|t| t.name == "Meeting") {
        t.roles.retain(|r| r.name != "Participant");
    }
    schema.attributes.retain(|a| a.name != "kind");
    let m = migrate_ok(&p, schema, &Renames::default());
    let s = &m.summary;
    assert_eq!((s.arguments_removed, s.values_removed), (2, 4), "{s:?}");
    let said: Vec<String> = s.deleted_in_use.iter().map(|u| u.to_string()).collect();
    assert_eq!(
        said,
        ["Role Participant of Meeting is used by 2 arguments", "Attribute kind has 4 values"]
    );
    assert!(m.edit.apply(&mut p).is_ok());
    assert!(p.documents.iter().flat_map(|d| d.spans()).all(|s| !s.attributes.contains_key("kind")));
}

#[test]
fn renaming_an_attribute_and_a_type_moves_values_and_events() {
    let mut p = sample();
    let before = p.clone();
    let mut schema = p.schema.clone();
    for a in schema.attributes.iter_mut() {
        if a.name == "polarity" {
            a.name = "modality".into();
        }
        for owner in a.on.iter_mut().filter(|o| *o == "Statement") {
            *owner = "Claim".into();
        }
    }
    for t in schema.event_types.iter_mut().filter(|t| t.name == "Statement") {
        t.name = "Claim".into();
    }
    let renames = Renames {
        event_types: [("Statement".into(), "Claim".into())].into(),
        attributes: [("polarity".into(), "modality".into())].into(),
        ..Default::default()
    };
    let m = migrate_ok(&p, schema, &renames);
    assert_eq!(m.summary.annotations_migrated, 2);
    let inverse = m.edit.apply(&mut p).unwrap_or_else(|e| panic!("{e}"));
    let e = p.documents[0].event(AnnId(8)).cloned().unwrap_or_else(|| panic!("event 8"));
    assert_eq!(e.event_type, "Claim");
    assert_eq!(
        e.attributes.into_iter().collect::<Vec<_>>(),
        [("modality".into(), "negated".into())]
    );
    assert!(check_project(&p).is_empty(), "{:?}", check_project(&p));
    let _ = inverse.apply(&mut p);
    assert_eq!(p, before);
}

#[test]
fn swapping_two_label_names_swaps_the_spans() {
    let mut p = sample();
    let mut schema = p.schema.clone();
    schema.labels[0].name = "Date".into();
    schema.labels[1].name = "Actor".into();
    let renames = Renames {
        labels: [("Actor".into(), "Date".into()), ("Date".into(), "Actor".into())].into(),
        ..Default::default()
    };
    // Role targets and attribute owners are left as they were: the schema is taken as given.
    let m = migrate_ok(&p, schema, &renames);
    assert!(m.edit.apply(&mut p).is_ok());
    let doc = &p.documents[0];
    assert_eq!(doc.span(AnnId(1)).map(|s| s.label.as_str()), Some("Date"));
    assert_eq!(doc.span(AnnId(4)).map(|s| s.label.as_str()), Some("Actor"));
}

#[test]
fn unsound_schemas_are_refused_with_the_reason() {
    let p = sample();
    let refused = |schema: Schema, renames: Renames| match migrate(&p, schema, &renames) {
        Err(MigrationError::Refused(problems)) => problems,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let mut clash = p.schema.clone();
    clash.labels[1].hotkey = Some("1".into());
    assert!(!clash.hotkey_clashes().is_empty(), "the model's own rule agrees");
    assert_eq!(refused(clash, Renames::default()), ["hotkey 1 is used by Actor and Date"]);

    let mut roles = p.schema.clone();
    roles.event_types[0].roles[1].hotkey = Some("a".into());
    roles.event_types[0].roles[0].cardinality = Cardinality { min: 3, max: Some(2) };
    roles.event_types[0].roles[2].targets = vec!["Nobody".into()];
    assert_eq!(
        refused(roles, Renames::default()),
        [
            "hotkey a is used by Agent and Theme (roles of Statement)",
            "role Agent of Statement has an impossible cardinality {3-2}",
            "role Addressee of Statement may point at `Nobody`, which is neither a label nor an event type",
        ]
    );

    let mut names = p.schema.clone();
    names.labels[0].name = " ".into();
    names.labels[2].name = "Date".into();
    names.event_types[1].name = "Date".into();
    let problems = refused(names, Renames::default());
    assert!(problems.contains(&"a label has no name".to_string()), "{problems:?}");
    assert!(problems.contains(&"two of the labels are called Date".to_string()), "{problems:?}");
    assert!(problems.contains(&"`Date` is both a label and an event type".to_string()));

    let renames =
        Renames { labels: [("Actor".into(), "Person".into())].into(), ..Default::default() };
    assert_eq!(
        refused(p.schema.clone(), renames),
        ["label Actor is renamed to Person, which the new schema lacks"]
    );
    let mut choice = p.schema.clone();
    choice.attributes[0].kind = AttrKind::Choice(vec![]);
    assert_eq!(
        refused(choice, Renames::default()),
        ["attribute kind offers no choice: give it some values"]
    );
}

#[test]
fn an_unchanged_schema_changes_nothing() {
    let mut p = sample();
    let before = p.clone();
    let m = migrate_ok(&p, p.schema.clone(), &Renames::default());
    assert_eq!(m.summary, MigrationSummary::default());
    assert_eq!(m.edit, Edit::Batch(vec![Edit::SetSchema { schema: Box::new(p.schema.clone()) }]));
    assert!(m.edit.apply(&mut p).is_ok());
    assert_eq!(p, before);
}

// --- the property ------------------------------------------------------------------------------

const LABELS: [&str; 4] = ["L0", "L1", "L2", "L3"];
const TYPES: [&str; 3] = ["T0", "T1", "T2"];
const ROLES: [&str; 3] = ["R0", "R1", "R2"];
const ATTRS: [&str; 3] = ["A0", "A1", "A2"];

mod property;
