//! Whether a schema can be applied: names present and unique, hotkeys without clashes, every
//! cardinality possible, every role target and attribute owner a label or an event type, and
//! renames that lead from the old schema to the new one. Each problem is one sentence the
//! schema editor shows as it is.

use super::{NameMap, Renames};
use crate::model::cardinality::Cardinality;
use crate::model::schema::{ANY_ENTITY, ANY_EVENT, AttrKind, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// Everything that stops `schema` from being applied; empty when it can be.
pub fn schema_problems(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    names(&mut out, ("label", "labels"), schema.labels.iter().map(|l| l.name.as_str()));
    names(
        &mut out,
        ("event type", "event types"),
        schema.event_types.iter().map(|t| t.name.as_str()),
    );
    names(&mut out, ("attribute", "attributes"), schema.attributes.iter().map(|a| a.name.as_str()));
    for label in &schema.labels {
        // Role targets and attribute owners are plain names: they could not tell these apart.
        if schema.event_type(&label.name).is_some() {
            out.push(format!("`{}` is both a label and an event type", label.name));
        }
    }
    hotkeys(&mut out, schema.labels.iter().map(|l| (l.name.as_str(), l.hotkey.as_deref())), "");
    let owner_known = |n: &str| schema.label(n).is_some() || schema.event_type(n).is_some();
    for t in &schema.event_types {
        let what = (format!("role of {}", t.name), format!("roles of {}", t.name));
        names(&mut out, (&what.0, &what.1), t.roles.iter().map(|r| r.name.as_str()));
        let keys = t.roles.iter().map(|r| (r.name.as_str(), r.hotkey.as_deref()));
        hotkeys(&mut out, keys, &format!(" (roles of {})", t.name));
        for role in &t.roles {
            let who = format!("role {} of {}", role.name, t.name);
            if !possible(role.cardinality) {
                out.push(format!("{who} has an impossible cardinality {}", role.cardinality));
            }
            let target_known = |n: &&String| owner_known(n) || *n == ANY_EVENT || *n == ANY_ENTITY;
            for target in role.targets.iter().filter(|n| !target_known(n)) {
                out.push(format!(
                    "{who} may point at `{target}`, which is neither a label nor an event type"
                ));
            }
        }
    }
    for a in &schema.attributes {
        for owner in a.on.iter().filter(|n| !owner_known(n)) {
            out.push(format!(
                "attribute {} is on `{owner}`, which is neither a label nor an event type",
                a.name
            ));
        }
        if let AttrKind::Choice(values) = &a.kind {
            if values.is_empty() {
                out.push(format!("attribute {} offers no choice: give it some values", a.name));
            }
            if values.iter().any(|v| v.trim().is_empty()) {
                out.push(format!("attribute {} has an empty choice", a.name));
            }
            for v in duplicates(values.iter().map(String::as_str)) {
                out.push(format!("attribute {} offers `{v}` twice", a.name));
            }
        }
    }
    out
}

/// Renames that do not lead from `old` to `new`: a name the old schema lacks, a new name the
/// new schema lacks, two names merged into one.
pub fn rename_problems(old: &Schema, new: &Schema, renames: &Renames) -> Vec<String> {
    let mut out = Vec::new();
    let label_names =
        |s: &Schema| -> Vec<String> { s.labels.iter().map(|l| l.name.clone()).collect() };
    let type_names =
        |s: &Schema| -> Vec<String> { s.event_types.iter().map(|t| t.name.clone()).collect() };
    let attr_names =
        |s: &Schema| -> Vec<String> { s.attributes.iter().map(|a| a.name.clone()).collect() };
    renamed(&mut out, ("label", "labels"), &label_names(old), &label_names(new), &renames.labels);
    renamed(
        &mut out,
        ("event type", "event types"),
        &type_names(old),
        &type_names(new),
        &renames.event_types,
    );
    renamed(
        &mut out,
        ("attribute", "attributes"),
        &attr_names(old),
        &attr_names(new),
        &renames.attributes,
    );
    let types = NameMap::new(
        old.event_types.iter().map(|t| t.name.as_str()),
        new.event_types.iter().map(|t| t.name.as_str()),
        Some(&renames.event_types),
    );
    for (old_type, roles) in &renames.roles {
        let Some(old_def) = old.event_type(old_type) else {
            out.push(format!("there is no event type {old_type} whose roles could be renamed"));
            continue;
        };
        let new_def = types.get(old_type).flatten().and_then(|n| new.event_type(n));
        let Some(new_def) = new_def else {
            continue; // the type is deleted, and its events with it: its roles do not matter
        };
        let old_roles: Vec<String> = old_def.roles.iter().map(|r| r.name.clone()).collect();
        let new_roles: Vec<String> = new_def.roles.iter().map(|r| r.name.clone()).collect();
        let what = (format!("role of {old_type}"), format!("roles of {old_type}"));
        renamed(&mut out, (&what.0, &what.1), &old_roles, &new_roles, roles);
    }
    out
}

/// A cardinality some number of arguments can satisfy.
fn possible(c: Cardinality) -> bool {
    c.max.is_none_or(|max| max >= c.min && max > 0)
}

/// Singular and plural of what is named: ("label", "labels").
type What<'w> = (&'w str, &'w str);

fn names<'a>(
    out: &mut Vec<String>,
    (what, whats): What,
    names: impl Iterator<Item = &'a str> + Clone,
) {
    for name in names.clone() {
        if name.trim().is_empty() {
            out.push(format!("a {what} has no name"));
        } else if name.trim() != name {
            out.push(format!("{what} `{name}` starts or ends with a space"));
        }
    }
    for name in duplicates(names.filter(|n| !n.trim().is_empty())) {
        out.push(format!("two of the {whats} are called {name}"));
    }
}

/// Hotkeys given twice, named by who uses them: "hotkey 1 is used by Actor and Date". The same
/// rule as `Schema::hotkey_clashes`, said so that the user knows what to change.
fn hotkeys<'a>(
    out: &mut Vec<String>,
    keys: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    of: &str,
) {
    let mut users = BTreeMap::<&str, Vec<&str>>::new();
    for (name, key) in keys {
        match key {
            Some(k) if k.trim().is_empty() => out.push(format!("{name} has an empty hotkey")),
            Some(k) => users.entry(k).or_default().push(name),
            None => {}
        }
    }
    for (key, names) in users.into_iter().filter(|(_, n)| n.len() > 1) {
        out.push(format!("hotkey {key} is used by {}{of}", and_list(&names)));
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn duplicates<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    let mut twice = BTreeSet::new();
    for item in items {
        if !seen.insert(item) {
            twice.insert(item);
        }
    }
    twice.into_iter().collect()
}

fn renamed(
    out: &mut Vec<String>,
    (what, whats): What,
    old: &[String],
    new: &[String],
    renames: &BTreeMap<String, String>,
) {
    let mut into = BTreeMap::<&str, Vec<&str>>::new();
    for (from, to) in renames {
        if !old.contains(from) {
            out.push(format!("there is no {what} {from} to rename"));
        } else if !new.contains(to) {
            out.push(format!("{what} {from} is renamed to {to}, which the new schema lacks"));
        }
        into.entry(to.as_str()).or_default().push(from.as_str());
    }
    for (to, from) in into.into_iter().filter(|(_, f)| f.len() > 1) {
        out.push(format!("{whats} {} are all renamed to {to}", and_list(&from)));
    }
}
