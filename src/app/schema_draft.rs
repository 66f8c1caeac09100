//! The schema editor's draft: the schema as editable rows, each remembering the name it had, so
//! renames are known when it is applied. Nothing touches the project until "Apply", which turns
//! the draft into one migration edit (`model::schema_migration`): one undo step.

mod apply;
#[cfg(test)]
mod tests;

use super::Command;
use crate::model::schema::{ANY_ENTITY, ANY_EVENT};
use crate::model::schema_migration::{self, Renames};
use crate::model::{
    AttrKind, AttributeDef, Cardinality, EventTypeDef, LabelDef, LabelKind, Project, Rgb, RoleDef,
    Schema,
};
use eframe::egui::Key;
use std::collections::BTreeMap;

/// Rows of labels and event types get keys from one counter, so role targets and attribute
/// owners can point at a row and follow it when it is renamed.
pub type RowKey = u64;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SchemaTab {
    #[default]
    Labels,
    EventTypes,
    Attributes,
}

/// A role target or an attribute owner: a row of the draft, "any event" / "any entity"
/// (`<EVENT>`, `<ENTITY>`, role targets only), or a name the schema already had that is neither
/// a label nor an event type (kept so the user sees it and can untick it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    Row(RowKey),
    Any(String),
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LabelRow {
    pub key: RowKey,
    /// The name in the project's schema; `None` for a label added in this draft.
    pub original: Option<String>,
    pub name: String,
    pub color: [u8; 3],
    pub hotkey: String,
    pub kind: LabelKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleRow {
    pub original: Option<String>,
    pub name: String,
    pub targets: Vec<Owner>,
    /// As typed: `1`, `?`, `*`, `+`, `{n-m}`; checked with `Cardinality::parse`.
    pub cardinality: String,
    pub hotkey: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeRow {
    pub key: RowKey,
    pub original: Option<String>,
    pub name: String,
    pub color: [u8; 3],
    pub roles: Vec<RoleRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKindDraft {
    Choice,
    Text,
    Date,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttrRow {
    pub original: Option<String>,
    pub name: String,
    pub on: Vec<Owner>,
    pub kind: AttrKindDraft,
    /// The choices, comma-separated.
    pub choices: String,
}

/// How many annotations used each name when the editor opened (the editor is modal, so the
/// counts stay true while it is up).
#[derive(Clone, Debug, Default, PartialEq)]
struct Usage {
    labels: BTreeMap<String, usize>,
    types: BTreeMap<String, usize>,
    roles: BTreeMap<(String, String), usize>,
    attributes: BTreeMap<String, usize>,
}

impl Usage {
    fn of(project: &Project) -> Self {
        let schema = &project.schema;
        let mut u = Usage::default();
        for doc in &project.documents {
            for s in doc.spans() {
                *u.labels.entry(s.label.clone()).or_default() += 1;
                u.count_values(schema, &s.label, &s.attributes);
            }
            for e in doc.events() {
                *u.types.entry(e.event_type.clone()).or_default() += 1;
                u.count_values(schema, &e.event_type, &e.attributes);
                for a in &e.arguments {
                    *u.roles.entry((e.event_type.clone(), a.role.clone())).or_default() += 1;
                }
            }
        }
        u
    }

    /// Values of attributes the schema defines for `owner` (strays are not this editor's).
    fn count_values(&mut self, schema: &Schema, owner: &str, values: &BTreeMap<String, String>) {
        for name in values.keys().filter(|n| schema.attribute(owner, n).is_some()) {
            *self.attributes.entry(name.clone()).or_default() += 1;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SchemaDraft {
    pub tab: SchemaTab,
    pub labels: Vec<LabelRow>,
    pub event_types: Vec<TypeRow>,
    /// The event type shown on the Event types tab.
    pub type_shown: usize,
    pub attributes: Vec<AttrRow>,
    /// Set when Apply would delete annotations: what goes, for the question.
    pub confirm: Option<Vec<String>>,
    /// The project's schema when the editor opened.
    original: Schema,
    usage: Usage,
    next_key: RowKey,
}

impl SchemaDraft {
    pub fn new(project: &Project) -> Self {
        let schema = &project.schema;
        let mut next_key = 0;
        let mut key = || {
            next_key += 1;
            next_key
        };
        let labels: Vec<LabelRow> = schema
            .labels
            .iter()
            .map(|l| LabelRow {
                key: key(),
                original: Some(l.name.clone()),
                name: l.name.clone(),
                color: l.color.0,
                hotkey: l.hotkey.clone().unwrap_or_default(),
                kind: l.kind,
            })
            .collect();
        let type_keys: Vec<RowKey> = schema.event_types.iter().map(|_| key()).collect();
        // Names resolve to labels first, as `Schema::attribute` and validation read them.
        let owner = |name: &String| {
            let label = labels.iter().find(|l| &l.name == name).map(|l| l.key);
            let kind = schema.event_types.iter().position(|t| &t.name == name);
            match label.or_else(|| kind.map(|i| type_keys[i])) {
                Some(k) => Owner::Row(k),
                None if name == ANY_EVENT || name == ANY_ENTITY => Owner::Any(name.clone()),
                None => Owner::Unknown(name.clone()),
            }
        };
        let event_types = schema
            .event_types
            .iter()
            .zip(&type_keys)
            .map(|(t, &k)| TypeRow {
                key: k,
                original: Some(t.name.clone()),
                name: t.name.clone(),
                color: t.color.0,
                roles: t
                    .roles
                    .iter()
                    .map(|r| RoleRow {
                        original: Some(r.name.clone()),
                        name: r.name.clone(),
                        targets: r.targets.iter().map(owner).collect(),
                        cardinality: r.cardinality.to_string(),
                        hotkey: r.hotkey.clone().unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();
        let attributes = schema
            .attributes
            .iter()
            .map(|a| {
                let (kind, choices) = match &a.kind {
                    AttrKind::Choice(values) => (AttrKindDraft::Choice, values.join(", ")),
                    AttrKind::Text => (AttrKindDraft::Text, String::new()),
                    AttrKind::Date => (AttrKindDraft::Date, String::new()),
                };
                AttrRow {
                    original: Some(a.name.clone()),
                    name: a.name.clone(),
                    on: a.on.iter().map(owner).collect(),
                    kind,
                    choices,
                }
            })
            .collect();
        SchemaDraft {
            tab: SchemaTab::Labels,
            labels,
            event_types,
            type_shown: 0,
            attributes,
            confirm: None,
            original: schema.clone(),
            usage: Usage::of(project),
            next_key,
        }
    }

    fn key(&mut self) -> RowKey {
        self.next_key += 1;
        self.next_key
    }

    pub fn add_label(&mut self) {
        let key = self.key();
        let name = fresh_name("Label", self.labels.iter().map(|l| l.name.as_str()));
        let color = [0x64, 0x74, 0x8b];
        let row = LabelRow {
            key,
            original: None,
            name,
            color,
            hotkey: String::new(),
            kind: LabelKind::Entity,
        };
        self.labels.push(row);
    }

    pub fn add_event_type(&mut self) {
        let key = self.key();
        let name = fresh_name("EventType", self.event_types.iter().map(|t| t.name.as_str()));
        let color = [0x64, 0x74, 0x8b];
        self.event_types.push(TypeRow { key, original: None, name, color, roles: Vec::new() });
        self.type_shown = self.event_types.len() - 1;
    }

    pub fn add_role(&mut self, type_index: usize) {
        let Some(t) = self.event_types.get_mut(type_index) else { return };
        let name = fresh_name("Role", t.roles.iter().map(|r| r.name.as_str()));
        t.roles.push(RoleRow {
            original: None,
            name,
            targets: Vec::new(),
            cardinality: Cardinality::ANY.to_string(),
            hotkey: String::new(),
        });
    }

    pub fn add_attribute(&mut self) {
        let name = fresh_name("attribute", self.attributes.iter().map(|a| a.name.as_str()));
        let row = AttrRow {
            original: None,
            name,
            on: Vec::new(),
            kind: AttrKindDraft::Text,
            choices: String::new(),
        };
        self.attributes.push(row);
    }

    /// Labels and event types a target or owner can be, as (row, current name).
    pub fn owners(&self) -> Vec<(RowKey, String)> {
        let labels = self.labels.iter().map(|l| (l.key, l.name.clone()));
        labels.chain(self.event_types.iter().map(|t| (t.key, t.name.clone()))).collect()
    }

    /// The current name of a target or owner; `None` when its row was deleted.
    pub fn owner_name(&self, owner: &Owner) -> Option<String> {
        match owner {
            Owner::Row(k) => self.owners().into_iter().find(|(key, _)| key == k).map(|(_, n)| n),
            Owner::Any(n) | Owner::Unknown(n) => Some(n.clone()),
        }
    }

    pub fn label_uses(&self, row: &LabelRow) -> usize {
        row.original.as_ref().and_then(|n| self.usage.labels.get(n)).copied().unwrap_or(0)
    }

    pub fn type_uses(&self, row: &TypeRow) -> usize {
        row.original.as_ref().and_then(|n| self.usage.types.get(n)).copied().unwrap_or(0)
    }

    pub fn role_uses(&self, t: &TypeRow, role: &RoleRow) -> usize {
        let (Some(t), Some(r)) = (&t.original, &role.original) else { return 0 };
        self.usage.roles.get(&(t.clone(), r.clone())).copied().unwrap_or(0)
    }

    pub fn attribute_uses(&self, row: &AttrRow) -> usize {
        row.original.as_ref().and_then(|n| self.usage.attributes.get(n)).copied().unwrap_or(0)
    }

    /// The schema and renames the draft stands for, or every reason it cannot be applied.
    pub fn build(&self) -> Result<(Schema, Renames), Vec<String>> {
        let mut problems = Vec::new();
        let names = |owners: &[Owner]| -> Vec<String> {
            owners.iter().filter_map(|o| self.owner_name(o)).collect()
        };
        let mut renames = Renames::default();
        let rename = |map: &mut BTreeMap<String, String>, original: &Option<String>, name: &str| {
            if let Some(o) = original.as_ref().filter(|o| *o != name) {
                map.insert(o.clone(), name.to_string());
            }
        };
        let mut label_keys = Vec::new();
        let labels = self
            .labels
            .iter()
            .map(|l| {
                rename(&mut renames.labels, &l.original, &l.name);
                label_keys.push((l.name.as_str(), l.hotkey.trim()));
                LabelDef {
                    name: l.name.clone(),
                    color: Rgb(l.color),
                    hotkey: hotkey(&l.hotkey),
                    kind: l.kind,
                }
            })
            .collect();
        key_problems(&mut problems, &label_keys, "");
        let mut event_types = Vec::new();
        for t in &self.event_types {
            rename(&mut renames.event_types, &t.original, &t.name);
            let mut role_renames = BTreeMap::new();
            let mut role_keys = Vec::new();
            let roles = t
                .roles
                .iter()
                .map(|r| {
                    rename(&mut role_renames, &r.original, &r.name);
                    role_keys.push((r.name.as_str(), r.hotkey.trim()));
                    let cardinality = Cardinality::parse(&r.cardinality).unwrap_or_else(|e| {
                        problems.push(format!("role {} of {}: {e}", r.name, t.name));
                        Cardinality::ANY
                    });
                    RoleDef {
                        name: r.name.clone(),
                        targets: names(&r.targets),
                        cardinality,
                        hotkey: hotkey(&r.hotkey),
                    }
                })
                .collect();
            key_problems(&mut problems, &role_keys, &format!(" (roles of {})", t.name));
            if let (Some(o), false) = (&t.original, role_renames.is_empty()) {
                renames.roles.insert(o.clone(), role_renames);
            }
            event_types.push(EventTypeDef { name: t.name.clone(), color: Rgb(t.color), roles });
        }
        let attributes = self
            .attributes
            .iter()
            .map(|a| {
                rename(&mut renames.attributes, &a.original, &a.name);
                let kind = match a.kind {
                    AttrKindDraft::Choice => AttrKind::Choice(
                        a.choices
                            .split(',')
                            .map(|c| c.trim().to_string())
                            .filter(|c| !c.is_empty())
                            .collect(),
                    ),
                    AttrKindDraft::Text => AttrKind::Text,
                    AttrKindDraft::Date => AttrKind::Date,
                };
                AttributeDef { name: a.name.clone(), on: names(&a.on), kind }
            })
            .collect();
        let schema = Schema { labels, event_types, attributes };
        problems.extend(schema_migration::schema_problems(&schema));
        problems.extend(schema_migration::rename_problems(&self.original, &schema, &renames));
        if problems.is_empty() { Ok((schema, renames)) } else { Err(problems) }
    }

    /// Things worth a second look that do not stop Apply (a role or attribute left pointing at
    /// nothing, typically after deleting the label it named), one line per role name.
    pub fn warnings(&self) -> Vec<String> {
        let unset = |owners: &[Owner]| owners.iter().all(|o| self.owner_name(o).is_none());
        let mut roles: Vec<(&str, Vec<&str>)> = Vec::new();
        for t in &self.event_types {
            for r in t.roles.iter().filter(|r| unset(&r.targets)) {
                match roles.iter_mut().find(|(name, _)| *name == r.name) {
                    Some((_, types)) => types.push(&t.name),
                    None => roles.push((&r.name, vec![&t.name])),
                }
            }
        }
        let mut out: Vec<String> = roles
            .into_iter()
            .map(|(role, types)| {
                format!("role {role} of {} may point at nothing yet", types.join(", "))
            })
            .collect();
        for a in self.attributes.iter().filter(|a| unset(&a.on)) {
            out.push(format!("attribute {} is on nothing yet", a.name));
        }
        out
    }
}

fn hotkey(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `base`, or `base2`, `base3`… whichever is free.
fn fresh_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let free = |n: &str| !taken.clone().any(|t| t == n);
    (1..)
        .map(|i| if i == 1 { base.to_string() } else { format!("{base}{i}") })
        .find(|n| free(n))
        .unwrap_or_default()
}

/// Hotkeys that are not keys, keys the app keeps for itself, and different spellings of one key
/// ("a" and "A"); plain clashes are the model's to report.
fn key_problems(out: &mut Vec<String>, keys: &[(&str, &str)], of: &str) {
    let mut by_key = BTreeMap::<&str, Vec<(&str, &str)>>::new();
    for &(owner, text) in keys.iter().filter(|(_, t)| !t.is_empty()) {
        let Some(key) = Key::from_name(text) else {
            out.push(format!("hotkey `{text}` of {owner}{of} is not a key"));
            continue;
        };
        if let Some(taken) = reserved(key) {
            out.push(format!("hotkey {text} of {owner}{of} is kept for {taken}"));
        }
        by_key.entry(key.name()).or_default().push((owner, text));
    }
    for users in by_key.values().filter(|u| u.len() > 1) {
        if users.iter().any(|(_, t)| *t != users[0].1) {
            let owners: Vec<&str> = users.iter().map(|(o, _)| *o).collect();
            let texts: Vec<&str> = users.iter().map(|(_, t)| *t).collect();
            out.push(format!(
                "hotkeys {} are one key, used by {}{of}",
                texts.join(" and "),
                owners.join(" and ")
            ));
        }
    }
}

/// What the app does with a key pressed on its own, if anything.
fn reserved(key: Key) -> Option<&'static str> {
    let command = Command::shortcut_table()
        .into_iter()
        .find(|(s, _)| Command::is_single_key(s) && s.logical_key == key)
        .map(|(_, c)| c.label());
    command.or(match key {
        Key::Tab | Key::Enter | Key::ArrowUp | Key::ArrowDown => Some("moving through an event"),
        _ => None,
    })
}
