//! Changing the schema as one undoable edit: the new schema, plus every annotation moved along
//! with it. Renamed labels, event types, roles and attributes are rewritten in every document;
//! deleting one that is in use deletes what uses it (spans with their events, events, arguments,
//! values), and `MigrationSummary` counts that so the editor can ask first.

mod check;
#[cfg(test)]
mod tests;

pub use check::{rename_problems, schema_problems};

use super::cascade;
use super::document::Document;
use super::edit::{Edit, EditError};
use super::event::Argument;
use super::ids::AnnId;
use super::project::Project;
use super::schema::Schema;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What the user renamed, old name → new name. Names that are neither renamed nor in the new
/// schema are deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    pub labels: BTreeMap<String, String>,
    pub event_types: BTreeMap<String, String>,
    /// Per event type, by its old name: role old → new.
    pub roles: BTreeMap<String, BTreeMap<String, String>>,
    pub attributes: BTreeMap<String, String>,
}

/// The schema edit and what it does to the annotations.
#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    /// `SetSchema` first, then the deletions of each document, then the renames: one undo step.
    pub edit: Edit,
    pub summary: MigrationSummary,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MigrationSummary {
    pub spans_deleted: usize,
    /// Events deleted with their type or with their trigger span.
    pub events_deleted: usize,
    /// Arguments removed from events that stay (role deleted, or target deleted).
    pub arguments_removed: usize,
    /// Attribute values removed from annotations that stay.
    pub values_removed: usize,
    /// Annotations that stay and follow a rename (label, type, role or attribute).
    pub annotations_migrated: usize,
    /// What was deleted while annotations used it, for the question before applying.
    pub deleted_in_use: Vec<InUse>,
}

impl MigrationSummary {
    /// Whether applying loses annotations or parts of them, so the user must be asked.
    pub fn deletes_anything(&self) -> bool {
        self.spans_deleted + self.events_deleted + self.arguments_removed + self.values_removed > 0
    }
}

/// Something deleted from the schema and how much of the project used it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InUse {
    pub item: Item,
    pub name: String,
    pub uses: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Label,
    EventType,
    Role { event_type: String },
    Attribute,
}

impl fmt::Display for InUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.uses;
        let s = if n == 1 { "" } else { "s" };
        match &self.item {
            Item::Label => write!(f, "Label {} is used by {n} annotation{s}", self.name),
            Item::EventType => write!(f, "Event type {} is used by {n} event{s}", self.name),
            Item::Role { event_type } => {
                write!(f, "Role {} of {event_type} is used by {n} argument{s}", self.name)
            }
            Item::Attribute => write!(f, "Attribute {} has {n} value{s}", self.name),
        }
    }
}

/// Why a schema cannot be applied: every problem, each a sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("the schema cannot be applied: {}", .0.join("; "))]
    Refused(Vec<String>),
    #[error("the annotations cannot follow the schema: {0}")]
    Edit(#[from] EditError),
}

/// Where each name of the old schema goes: `Some(new name)`, or `None` when it is deleted.
/// Names the old schema never had are not in the map: annotations using them are left alone
/// (validation already reports them; nobody asked to change them).
#[derive(Debug, Default)]
struct NameMap(BTreeMap<String, Option<String>>);

impl NameMap {
    fn new<'a>(
        old: impl Iterator<Item = &'a str>,
        new: impl Iterator<Item = &'a str>,
        renames: Option<&BTreeMap<String, String>>,
    ) -> Self {
        let empty = BTreeMap::new();
        let renames = renames.unwrap_or(&empty);
        let new: BTreeSet<&str> = new.collect();
        // A name another item was renamed to belongs to that item now; its old owner is gone.
        let taken: BTreeSet<&str> =
            renames.iter().filter(|(o, n)| o != n).map(|(_, n)| n.as_str()).collect();
        let map = old
            .map(|o| {
                let to = match renames.get(o) {
                    Some(n) => Some(n.clone()),
                    None if taken.contains(o) || !new.contains(o) => None,
                    None => Some(o.to_string()),
                };
                (o.to_string(), to)
            })
            .collect();
        NameMap(map)
    }

    /// `None`: not an old name; `Some(None)`: deleted; `Some(Some(n))`: now called `n`.
    fn get(&self, name: &str) -> Option<Option<&str>> {
        self.0.get(name).map(|n| n.as_deref())
    }

    fn is_deleted(&self, name: &str) -> bool {
        self.get(name) == Some(None)
    }
}

/// The old and new schema with every name's fate.
struct Plan<'a> {
    old: &'a Schema,
    new: &'a Schema,
    labels: NameMap,
    types: NameMap,
    /// By old event type.
    roles: BTreeMap<String, NameMap>,
    attributes: NameMap,
}

impl<'a> Plan<'a> {
    fn new(old: &'a Schema, new: &'a Schema, renames: &Renames) -> Self {
        let labels = NameMap::new(
            old.labels.iter().map(|l| l.name.as_str()),
            new.labels.iter().map(|l| l.name.as_str()),
            Some(&renames.labels),
        );
        let types = NameMap::new(
            old.event_types.iter().map(|t| t.name.as_str()),
            new.event_types.iter().map(|t| t.name.as_str()),
            Some(&renames.event_types),
        );
        let roles = old
            .event_types
            .iter()
            .map(|t| {
                let new_def = types.get(&t.name).flatten().and_then(|n| new.event_type(n));
                let new_roles = new_def.into_iter().flat_map(|d| d.roles.iter());
                let map = NameMap::new(
                    t.roles.iter().map(|r| r.name.as_str()),
                    new_roles.map(|r| r.name.as_str()),
                    renames.roles.get(&t.name),
                );
                (t.name.clone(), map)
            })
            .collect();
        let attributes = NameMap::new(
            old.attributes.iter().map(|a| a.name.as_str()),
            new.attributes.iter().map(|a| a.name.as_str()),
            Some(&renames.attributes),
        );
        Plan { old, new, labels, types, roles, attributes }
    }

    /// What an annotation's attribute values become when its owner (label or type) goes from
    /// `owner` to `new_owner`. Values the old schema did not define stay as they are, unless
    /// a renamed value takes their name.
    fn attributes(
        &self,
        owner: &str,
        new_owner: &str,
        values: &BTreeMap<String, String>,
    ) -> (BTreeMap<String, String>, bool) {
        let mut out = BTreeMap::new();
        let mut strays = Vec::new();
        let mut renamed = false;
        for (name, value) in values {
            if self.old.attribute(owner, name).is_none() {
                strays.push((name, value));
                continue;
            }
            if let Some(Some(new_name)) = self.attributes.get(name)
                && self.new.attribute(new_owner, new_name).is_some()
            {
                renamed |= new_name != name;
                out.insert(new_name.to_string(), value.clone());
            }
        }
        for (name, value) in strays {
            out.entry(name.clone()).or_insert_with(|| value.clone());
        }
        (out, renamed)
    }

    /// An event's arguments after its roles are renamed or deleted (roles its old type did not
    /// define stay as they are).
    fn arguments(&self, event_type: &str, arguments: &[Argument]) -> (Vec<Argument>, bool) {
        let Some(roles) = self.roles.get(event_type) else {
            return (arguments.to_vec(), false);
        };
        let mut renamed = false;
        let out = arguments
            .iter()
            .filter_map(|a| match roles.get(&a.role) {
                None => Some(a.clone()),
                Some(None) => None,
                Some(Some(role)) => {
                    renamed |= role != a.role;
                    Some(Argument { role: role.to_string(), target: a.target })
                }
            })
            .collect();
        (out, renamed)
    }
}

/// The edit that replaces the project's schema with `schema` and moves every annotation along,
/// with a summary of what it deletes. Refuses a schema that is not sound or renames that do not
/// lead from the old schema to the new one.
pub fn migrate(
    project: &Project,
    schema: Schema,
    renames: &Renames,
) -> Result<Migration, MigrationError> {
    let mut problems = schema_problems(&schema);
    problems.extend(rename_problems(&project.schema, &schema, renames));
    if !problems.is_empty() {
        return Err(MigrationError::Refused(problems));
    }
    let plan = Plan::new(&project.schema, &schema, renames);
    let mut summary =
        MigrationSummary { deleted_in_use: in_use(project, &plan), ..Default::default() };

    // Deletions first, each cascade built against the project as the earlier ones left it, so
    // cascades that touch the same events compose. Only documents with deletions are copied.
    let mut scratch = project.clone();
    let mut edits = vec![Edit::SetSchema { schema: Box::new(schema.clone()) }];
    for (i, doc) in project.documents.iter().enumerate() {
        let events = doc.events().filter(|e| plan.types.is_deleted(&e.event_type)).map(|e| e.id);
        let events: Vec<AnnId> = events.collect();
        let spans: Vec<AnnId> =
            doc.spans().filter(|s| plan.labels.is_deleted(&s.label)).map(|s| s.id).collect();
        for id in events {
            if let Some(d) = scratch.doc(i).filter(|d| d.event(id).is_some()) {
                let edit = cascade::remove_event(d, i, id).edit;
                edit.clone().apply(&mut scratch)?;
                edits.push(edit);
            }
        }
        for id in spans {
            if let Some(d) = scratch.doc(i) {
                let edit = cascade::remove_span(d, i, id).edit;
                edit.clone().apply(&mut scratch)?;
                edits.push(edit);
            }
        }
    }
    // Then the renames, read from what the deletions left.
    for (i, (before, after)) in project.documents.iter().zip(&scratch.documents).enumerate() {
        summary.spans_deleted += before.span_count() - after.span_count();
        summary.events_deleted += before.event_count() - after.event_count();
        follow_renames(&plan, i, before, after, &mut edits, &mut summary);
    }
    Ok(Migration { edit: Edit::Batch(edits), summary })
}

/// Relabels, retypes, role and attribute moves for document `i` (`after` is it once the
/// deletions are done; `before` as it was, for counting what was removed).
fn follow_renames(
    plan: &Plan,
    i: usize,
    before: &Document,
    after: &Document,
    edits: &mut Vec<Edit>,
    summary: &mut MigrationSummary,
) {
    for span in after.spans() {
        let Some(Some(label)) = plan.labels.get(&span.label) else { continue };
        let mut migrated = false;
        if label != span.label {
            edits.push(Edit::Relabel { doc: i, id: span.id, label: label.to_string() });
            migrated = true;
        }
        let (values, renamed) = plan.attributes(&span.label, label, &span.attributes);
        summary.values_removed += span.attributes.len().saturating_sub(values.len());
        attribute_edits(i, span.id, &span.attributes, values, edits);
        summary.annotations_migrated += usize::from(migrated || renamed);
    }
    for event in after.events() {
        let Some(Some(event_type)) = plan.types.get(&event.event_type) else { continue };
        let mut migrated = false;
        if event_type != event.event_type {
            edits.push(Edit::SetEventType {
                doc: i,
                id: event.id,
                event_type: event_type.to_string(),
            });
            migrated = true;
        }
        let (arguments, renamed) = plan.arguments(&event.event_type, &event.arguments);
        let had = before.event(event.id).map_or(arguments.len(), |e| e.arguments.len());
        summary.arguments_removed += had.saturating_sub(arguments.len());
        migrated |= renamed;
        if arguments != event.arguments {
            edits.push(Edit::SetArguments { doc: i, id: event.id, arguments });
        }
        let (values, renamed) = plan.attributes(&event.event_type, event_type, &event.attributes);
        summary.values_removed += event.attributes.len().saturating_sub(values.len());
        attribute_edits(i, event.id, &event.attributes, values, edits);
        summary.annotations_migrated += usize::from(migrated || renamed);
    }
}

/// Clears the names that go, then sets the values that are new or moved, so a swap of two
/// attribute names needs no order.
fn attribute_edits(
    doc: usize,
    id: AnnId,
    old: &BTreeMap<String, String>,
    new: BTreeMap<String, String>,
    edits: &mut Vec<Edit>,
) {
    for name in old.keys().filter(|n| !new.contains_key(*n)) {
        edits.push(Edit::SetAttribute { doc, id, name: name.clone(), value: None });
    }
    for (name, value) in new {
        if old.get(&name) != Some(&value) {
            edits.push(Edit::SetAttribute { doc, id, name, value: Some(value) });
        }
    }
}

/// How much of the project uses each label, type, role and attribute that is deleted (or, for
/// an attribute, no longer carried by an owner that has values of it).
fn in_use(project: &Project, plan: &Plan) -> Vec<InUse> {
    let mut labels = BTreeMap::<&str, usize>::new();
    let mut types = BTreeMap::<&str, usize>::new();
    let mut roles = BTreeMap::<(&str, &str), usize>::new();
    let mut attributes = BTreeMap::<&str, usize>::new();
    for doc in &project.documents {
        let mut values = |owner: &str, new_owner: &str, map: &BTreeMap<String, String>| {
            for name in map.keys().filter(|n| plan.old.attribute(owner, n).is_some()) {
                let kept = plan.attributes.get(name).flatten();
                // Keyed by the schema's own name, which outlives this document's borrow.
                if kept.is_none_or(|n| plan.new.attribute(new_owner, n).is_none())
                    && let Some(def) = plan.old.attributes.iter().find(|a| a.name == *name)
                {
                    *attributes.entry(def.name.as_str()).or_default() += 1;
                }
            }
        };
        for span in doc.spans() {
            match plan.labels.get(&span.label) {
                Some(None) => *labels.entry(span.label.as_str()).or_default() += 1,
                Some(Some(new)) => values(&span.label, new, &span.attributes),
                None => {}
            }
        }
        for event in doc.events() {
            match plan.types.get(&event.event_type) {
                Some(None) => *types.entry(event.event_type.as_str()).or_default() += 1,
                Some(Some(new)) => {
                    values(&event.event_type, new, &event.attributes);
                    let Some(map) = plan.roles.get(&event.event_type) else { continue };
                    for a in event.arguments.iter().filter(|a| map.is_deleted(&a.role)) {
                        let key = (event.event_type.as_str(), a.role.as_str());
                        *roles.entry(key).or_default() += 1;
                    }
                }
                None => {}
            }
        }
    }
    let mut out = Vec::new();
    let mut push = |item: Item, name: &str, uses: usize| {
        out.push(InUse { item, name: name.to_string(), uses });
    };
    for (name, n) in labels {
        push(Item::Label, name, n);
    }
    for (name, n) in types {
        push(Item::EventType, name, n);
    }
    for ((event_type, name), n) in roles {
        push(Item::Role { event_type: event_type.to_string() }, name, n);
    }
    for (name, n) in attributes {
        push(Item::Attribute, name, n);
    }
    out
}
