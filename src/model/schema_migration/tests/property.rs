//! The property test: any mix of kept, renamed, swapped and deleted labels, types, roles and
//! attributes over generated documents applies, leaves every reference resolving, and undoes
//! and redoes exactly.

use super::*;

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
