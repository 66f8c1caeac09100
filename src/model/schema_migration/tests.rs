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

fn old_schema() -> Schema {
    let label = |i: usize| LabelDef {
        name: LABELS[i].into(),
        color: Rgb([i as u8, 0, 0]),
        hotkey: Some((i + 1).to_string()),
        kind: if i < 2 { LabelKind::Entity } else { LabelKind::Event },
    };
    let role = |i: usize, targets: &[&str]| RoleDef {
        name: ROLES[i].into(),
        targets: targets.iter().map(|t| t.to_string()).collect(),
        cardinality: Cardinality::ANY,
        hotkey: Some(["a", "b", "c"][i].into()),
    };
    let kind =
        |i: usize, roles| EventTypeDef { name: TYPES[i].into(), color: Rgb([0, 0, 0]), roles };
    let attr = |i: usize, on: &[&str]| AttributeDef {
        name: ATTRS[i].into(),
        on: on.iter().map(|t| t.to_string()).collect(),
        kind: AttrKind::Text,
    };
    Schema {
        labels: (0..4).map(label).collect(),
        event_types: vec![
            kind(0, vec![role(0, &["L0", "L1"]), role(1, &["L0", "T1"]), role(2, &["L1"])]),
            kind(1, vec![role(0, &["L1"]), role(1, &["T0", "L0"])]),
            kind(2, vec![role(0, &["L0"])]),
        ],
        attributes: vec![
            attr(0, &["L0", "T0"]),
            attr(1, &["L1", "T1"]),
            attr(2, &["L0", "L2", "T2"]),
        ],
    }
}

/// One document's annotations, built so that most events and arguments can be placed: spans
/// (start, length, label), events (trigger, type, [(role, target)]) whose targets are earlier
/// annotations, values (annotation, attribute). Known names and strays alike.
type DocPlan =
    (Vec<(usize, usize, usize)>, Vec<(usize, usize, Vec<(usize, usize)>)>, Vec<(usize, usize)>);

fn arb_doc() -> impl Strategy<Value = DocPlan> {
    let len = TEXT.chars().count();
    let spans = proptest::collection::vec((0..len - 1, 1..8usize, 0..5usize), 1..14);
    let args = proptest::collection::vec((0..4usize, any::<usize>()), 0..4);
    let events = proptest::collection::vec((any::<usize>(), 0..4usize, args), 0..8);
    let values = proptest::collection::vec((any::<usize>(), 0..4usize), 0..10);
    (spans, events, values)
}

fn build(p: &mut Project, doc: usize, (spans, events, values): DocPlan) {
    let labels = ["L0", "L1", "L2", "L3", "Stray"];
    let types = ["T0", "T1", "T2", "StrayT"];
    let roles = ["R0", "R1", "R2", "StrayR"];
    let attrs = ["A0", "A1", "A2", "stray"];
    let len = TEXT.chars().count();
    let n = spans.len() as u64;
    for (i, (start, l, label)) in spans.into_iter().enumerate() {
        let s = Span::new(AnnId(i as u64 + 1), start, (start + l).min(len), labels[label], "t");
        apply(p, Edit::AddSpan { doc, span: s });
    }
    for (i, (trigger, kind, args)) in events.into_iter().enumerate() {
        let id = n + 1 + i as u64;
        let mut e = Event::new(AnnId(id), AnnId(trigger as u64 % n + 1), types[kind], "t");
        e.arguments = args
            .into_iter()
            .map(|(r, t)| Argument {
                role: roles[r].into(),
                target: AnnId(t as u64 % (id - 1) + 1),
            })
            .collect();
        apply(p, Edit::AddEvent { doc, event: e });
    }
    let all: Vec<AnnId> = p.documents[doc]
        .spans()
        .map(|s| s.id)
        .chain(p.documents[doc].events().map(|e| e.id))
        .collect();
    for (k, (who, a)) in values.into_iter().enumerate() {
        let id = all[who % all.len()];
        let value = Some(format!("v{k}"));
        apply(p, Edit::SetAttribute { doc, id, name: attrs[a].into(), value });
    }
}

/// What happens to each old name: 0 keep, 1 rename, 2 delete.
#[derive(Clone, Debug)]
struct Change {
    labels: [u8; 4],
    swap_labels: bool,
    types: [u8; 3],
    swap_types: bool,
    roles: [[u8; 3]; 3],
    swap_roles: bool,
    attrs: [u8; 3],
    drop_owner: [bool; 3],
}

fn arb_change() -> impl Strategy<Value = Change> {
    (
        proptest::array::uniform4(0..3u8),
        any::<bool>(),
        proptest::array::uniform3(0..3u8),
        any::<bool>(),
        proptest::array::uniform3(proptest::array::uniform3(0..3u8)),
        any::<bool>(),
        proptest::array::uniform3(0..3u8),
        proptest::array::uniform3(any::<bool>()),
    )
        .prop_map(
            |(labels, swap_labels, types, swap_types, roles, swap_roles, attrs, drop_owner)| {
                Change {
                    labels,
                    swap_labels,
                    types,
                    swap_types,
                    roles,
                    swap_roles,
                    attrs,
                    drop_owner,
                }
            },
        )
}

/// Fates of `names` under `actions`, with the first two swapped when asked and both kept.
fn fates(names: &[&str], actions: &[u8], swap: bool) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = names
        .iter()
        .zip(actions)
        .map(|(n, a)| {
            let to = match a {
                0 => Some(n.to_string()),
                1 => Some(format!("{n}x")),
                _ => None,
            };
            (n.to_string(), to)
        })
        .collect();
    if swap && actions[0] == 0 && actions[1] == 0 {
        out.insert(names[0].into(), Some(names[1].into()));
        out.insert(names[1].into(), Some(names[0].into()));
    }
    out
}

fn renames_of(fates: &BTreeMap<String, Option<String>>) -> BTreeMap<String, String> {
    fates
        .iter()
        .filter_map(|(o, n)| n.as_ref().filter(|n| *n != o).map(|n| (o.clone(), n.clone())))
        .collect()
}

/// The new schema and the renames that `change` makes of `old_schema()`.
fn changed(c: &Change) -> (Schema, Renames, BTreeMap<String, Option<String>>) {
    let old = old_schema();
    let labels = fates(&LABELS, &c.labels, c.swap_labels);
    let types = fates(&TYPES, &c.types, c.swap_types);
    let attrs = fates(&ATTRS, &c.attrs, false);
    let owner = |n: &String| labels.get(n).or_else(|| types.get(n)).cloned().flatten();
    let mut new = Schema { labels: vec![], event_types: vec![], attributes: vec![] };
    for l in &old.labels {
        if let Some(Some(name)) = labels.get(&l.name) {
            new.labels.push(LabelDef { name: name.clone(), ..l.clone() });
        }
    }
    // Always one label left, so every role can point somewhere.
    new.labels.push(LabelDef {
        name: "Fresh".into(),
        color: Rgb([9, 9, 9]),
        hotkey: Some("9".into()),
        kind: LabelKind::Entity,
    });
    let mut renames = Renames {
        labels: renames_of(&labels),
        event_types: renames_of(&types),
        attributes: renames_of(&attrs),
        ..Default::default()
    };
    for (i, t) in old.event_types.iter().enumerate() {
        let Some(Some(name)) = types.get(&t.name) else { continue };
        let names: Vec<&str> = t.roles.iter().map(|r| r.name.as_str()).collect();
        let role_fates = fates(&names, &c.roles[i][..names.len()], c.swap_roles && i == 0);
        let mut roles = Vec::new();
        for r in &t.roles {
            let Some(Some(role)) = role_fates.get(&r.name) else { continue };
            let mut targets: Vec<String> = r.targets.iter().filter_map(owner).collect();
            if targets.is_empty() {
                targets.push("Fresh".into());
            }
            roles.push(RoleDef { name: role.clone(), targets, ..r.clone() });
        }
        new.event_types.push(EventTypeDef { name: name.clone(), roles, color: t.color });
        let role_renames = renames_of(&role_fates);
        if !role_renames.is_empty() {
            renames.roles.insert(t.name.clone(), role_renames);
        }
    }
    for (i, a) in old.attributes.iter().enumerate() {
        let Some(Some(name)) = attrs.get(&a.name) else { continue };
        let mut on: Vec<String> = a.on.iter().filter_map(owner).collect();
        if c.drop_owner[i] && !on.is_empty() {
            on.remove(0);
        }
        new.attributes.push(AttributeDef { name: name.clone(), on, kind: a.kind.clone() });
    }
    let mut all = labels;
    all.extend(types);
    (new, renames, all)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // Any mix of renames, swaps and deletions on any project: the migration applies, every
    // reference resolves afterwards, spans and events follow their names, and the inverse
    // restores the project exactly (and redoes it exactly).
    #[test]
    fn migration_applies_resolves_and_undoes_exactly(
        d0 in arb_doc(),
        d1 in arb_doc(),
        change in arb_change(),
    ) {
        let mut p = project(2);
        p.schema = old_schema();
        build(&mut p, 0, d0);
        build(&mut p, 1, d1);
        let before = p.clone();
        let (schema, renames, fate) = changed(&change);
        let m = migrate(&p, schema.clone(), &renames);
        prop_assert!(m.is_ok(), "{m:?}");
        let Ok(m) = m else { return Ok(()) };
        let inverse = m.edit.apply(&mut p);
        prop_assert!(inverse.is_ok(), "{inverse:?}");
        let Ok(inverse) = inverse else { return Ok(()) };
        prop_assert_eq!(&p.schema, &schema);
        prop_assert!(references_resolve(&p));
        let mut spans_deleted = 0;
        for (old, new) in before.documents.iter().zip(&p.documents) {
            for s in old.spans() {
                match fate.get(&s.label) {
                    Some(None) => {
                        spans_deleted += 1;
                        prop_assert!(new.span(s.id).is_none());
                    }
                    Some(Some(label)) => {
                        prop_assert_eq!(new.span(s.id).map(|x| &x.label), Some(label));
                    }
                    None => prop_assert_eq!(new.span(s.id), Some(s), "strays stay"),
                }
            }
            for e in old.events() {
                let trigger_gone = old.span(e.trigger).is_some_and(|t| new.span(t.id).is_none());
                match fate.get(&e.event_type) {
                    Some(None) => prop_assert!(new.event(e.id).is_none()),
                    _ if trigger_gone => prop_assert!(new.event(e.id).is_none()),
                    Some(Some(t)) => prop_assert_eq!(new.event(e.id).map(|x| &x.event_type), Some(t)),
                    None => prop_assert_eq!(new.event(e.id).map(|x| &x.event_type), Some(&e.event_type)),
                }
            }
            for e in new.events() {
                // No argument keeps a role its type no longer has, unless its old type did not
                // have it either (a stray, left alone).
                let old_def = old.event(e.id).and_then(|o| before.schema.event_type(&o.event_type));
                if let Some(def) = schema.event_type(&e.event_type) {
                    for a in &e.arguments {
                        let stray = old_def.is_none_or(|d| d.role(&a.role).is_none());
                        prop_assert!(def.role(&a.role).is_some() || stray, "{a:?}");
                    }
                }
            }
        }
        prop_assert_eq!(m.summary.spans_deleted, spans_deleted);
        let after = p.clone();
        let redo = inverse.apply(&mut p);
        prop_assert!(redo.is_ok(), "{redo:?}");
        prop_assert_eq!(&p, &before);
        if let Ok(redo) = redo {
            prop_assert!(redo.apply(&mut p).is_ok());
            prop_assert_eq!(&p, &after);
        }
    }
}
