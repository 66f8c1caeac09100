//! What a brat export declares: every name gets its brat spelling, and annotation.conf and
//! visual.conf grow from the schema and from what the documents use (a role the schema lacks,
//! an attribute value of free text), so brat's checks accept every line written.

use super::conf::{self, AttrDecl, Conf, EventDecl, RoleDecl, Visual};
use super::export::conf_value;
use super::sidecar::{self, NameMaps, SchemaSidecar};
use super::{DEFAULT_TRIGGER_LABEL, Names};
use crate::formats::export::{DocView, ExportError, ExportReport};
use crate::model::{AttrKind, Cardinality, LabelKind, Rgb, Schema};
use std::collections::{BTreeMap, HashMap};

/// What the whole export declares and counts, built document by document.
pub(crate) struct Ctx<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) types: Names,
    pub(crate) roles: Names,
    pub(crate) attrs: Names,
    pub(crate) trigger_label: String,
    pub(crate) trigger_labels: Vec<String>,
    pub(crate) conf: Conf,
    /// Acta attribute name → its index in `conf.attributes`.
    pub(crate) attr_index: HashMap<String, usize>,
    pub(crate) colors: BTreeMap<String, Rgb>,
    pub(crate) split: usize,
    pub(crate) simplified_values: usize,
    pub(crate) one_line_notes: usize,
    pub(crate) cardinality: usize,
    /// Attributes and notes of trigger spans written on their event.
    pub(crate) moved: usize,
    /// `T`s with the same offsets as an earlier one (pybrat refuses them; brat does not).
    pub(crate) identical: usize,
    pub(crate) crs: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(schema: &'a Schema, docs: &[DocView]) -> Self {
        let trigger_label = schema
            .labels
            .iter()
            .find(|l| l.kind == LabelKind::Event)
            .map_or(DEFAULT_TRIGGER_LABEL.to_string(), |l| l.name.clone());
        let mut ctx = Ctx {
            schema,
            types: Names::default(),
            roles: Names::for_roles(),
            attrs: Names::default(),
            trigger_label,
            trigger_labels: Vec::new(),
            conf: Conf::default(),
            attr_index: HashMap::new(),
            colors: BTreeMap::new(),
            split: 0,
            simplified_values: 0,
            one_line_notes: 0,
            cardinality: 0,
            moved: 0,
            identical: 0,
            crs: Vec::new(),
        };
        for label in &schema.labels {
            let b = ctx.entity(&label.name);
            ctx.colors.insert(b.clone(), label.color);
            if label.kind == LabelKind::Event {
                ctx.trigger_labels.push(b);
            }
        }
        for ty in &schema.event_types {
            let b = ctx.event_type(&ty.name);
            ctx.colors.insert(b.clone(), ty.color);
            let roles: Vec<RoleDecl> = ty
                .roles
                .iter()
                .map(|role| RoleDecl {
                    name: ctx.roles.get(&role.name),
                    cardinality: role.cardinality,
                    targets: role.targets.iter().map(|t| ctx.target_name(t)).collect(),
                })
                .collect();
            if let Some(ev) = ctx.conf.events.iter_mut().find(|e| e.name == b) {
                ev.roles.extend(roles);
            }
        }
        for attr in &schema.attributes {
            // Free text and dates have no list brat could hold: the data's values are declared.
            let values = match &attr.kind {
                AttrKind::Choice(v) if is_binary(&attr.name, v, docs) => None,
                AttrKind::Choice(values) => Some(values.iter().map(|v| conf_value(v)).collect()),
                AttrKind::Text | AttrKind::Date => Some(Vec::new()),
            };
            let on = attr.on.iter().map(|o| ctx.types.get(o)).collect();
            let name = ctx.attrs.get(&attr.name);
            ctx.attr_index.insert(attr.name.clone(), ctx.conf.attributes.len());
            ctx.conf.attributes.push(AttrDecl { name, on, values: values.map(dedup) });
        }
        ctx
    }

    pub(crate) fn target_name(&mut self, t: &str) -> String {
        if t.starts_with('<') { t.to_string() } else { self.types.get(t) }
    }

    /// Declares an entity type; its brat name.
    pub(crate) fn entity(&mut self, label: &str) -> String {
        let b = self.types.get(label);
        if !self.conf.entities.contains(&b) && !self.is_event_type(&b) {
            self.conf.entities.push(b.clone());
        }
        b
    }

    pub(crate) fn event_type(&mut self, ty: &str) -> String {
        let b = self.types.get(ty);
        if !self.is_event_type(&b) {
            self.conf.entities.retain(|e| *e != b);
            self.conf.events.push(EventDecl { name: b.clone(), roles: Vec::new() });
        }
        b
    }

    pub(crate) fn is_event_type(&self, b: &str) -> bool {
        self.conf.events.iter().any(|e| e.name == b)
    }

    /// Makes annotation.conf let `role` of event type `ty` point at brat type `target`.
    pub(crate) fn allow(&mut self, ty: &str, role: &str, target: &str) {
        let target_is_event = self.is_event_type(target);
        let target_is_entity = self.conf.entities.iter().any(|e| e == target);
        let Some(ev) = self.conf.events.iter_mut().find(|e| e.name == ty) else { return };
        match ev.roles.iter_mut().find(|r| r.name == role) {
            Some(r) => {
                let ok = r.targets.is_empty()
                    || r.targets.iter().any(|t| {
                        t == target
                            || t == "<ANY>"
                            || (t == "<EVENT>" && target_is_event)
                            || (t == "<ENTITY>" && target_is_entity)
                    });
                if !ok {
                    r.targets.push(target.to_string());
                }
            }
            None => ev.roles.push(RoleDecl {
                name: role.to_string(),
                cardinality: Cardinality::ANY,
                targets: vec![target.to_string()],
            }),
        }
    }

    /// Declares `value` of attribute `name` on brat type `owner`: (brat name, value as written,
    /// `None` for a binary attribute, which is there or not).
    pub(crate) fn attribute(
        &mut self,
        name: &str,
        owner: &str,
        value: &str,
    ) -> (String, Option<String>) {
        let written = conf_value(value);
        let b = self.attrs.get(name);
        let next = self.conf.attributes.len();
        let i = *self.attr_index.entry(name.to_string()).or_insert(next);
        if i == next {
            self.conf.attributes.push(AttrDecl {
                name: b.clone(),
                on: Vec::new(),
                values: Some(Vec::new()),
            });
        }
        let decl = &mut self.conf.attributes[i];
        if !decl.on.iter().any(|o| o == owner) {
            decl.on.push(owner.to_string());
        }
        match &mut decl.values {
            None => (b, None),
            Some(values) => {
                if !values.contains(&written) {
                    values.push(written.clone());
                }
                (b, Some(written))
            }
        }
    }
}

impl Ctx<'_> {
    /// Lossless remarks for the report.
    pub(crate) fn notes(&self, report: &mut ExportReport) {
        let mut say = |n: usize, what: String| {
            if n > 0 {
                report.notes.push(what);
            }
        };
        say(
            self.crs.len(),
            format!(
                "{} document(s) had CR line ends ({}): their .txt is LF-only, as brat reads it, with \
                 offsets shifted to match; the CR positions are kept in ID.acta.json",
                self.crs.len(),
                self.crs.join(", ")
            ),
        );
        say(
            self.split,
            format!(
                "{} span(s) cross a line break or tab: written as discontinuous fragments, as brat \
                 does",
                self.split
            ),
        );
        say(
            self.simplified_values,
            format!(
                "{} attribute value(s) hold spaces or , | < > that annotation.conf cannot list: \
                 written with _, exact in ID.acta.json",
                self.simplified_values
            ),
        );
        say(
            self.one_line_notes,
            format!(
                "{} note(s) span several lines: written on one line, exact in ID.acta.json",
                self.one_line_notes
            ),
        );
        say(
            self.cardinality,
            format!(
                "{} event(s) break their type's role cardinalities (`acta validate` lists them); \
                 annotation.conf keeps the schema's, so brat flags them too",
                self.cardinality
            ),
        );
        say(
            self.moved,
            format!(
                "{} attribute(s) or note(s) of trigger spans are written on their event: brat \
                 lets nothing but events point at a trigger (ID.acta.json says they belong to \
                 the trigger)",
                self.moved
            ),
        );
        say(
            self.identical,
            format!(
                "{} T line(s) cover exactly the text of another (two labels on one span, or a \
                 trigger of two event types): brat accepts that, pybrat refuses it",
                self.identical
            ),
        );
        for attr in &self.schema.attributes {
            let used = self.attr_index.get(&attr.name).is_some_and(|&i| {
                self.conf.attributes[i].values.as_ref().is_some_and(|v| !v.is_empty())
            });
            if used && matches!(attr.kind, AttrKind::Text | AttrKind::Date) {
                let what = if attr.kind == AttrKind::Date { "dates" } else { "free text" };
                report.notes.push(format!(
                    "attribute `{}` takes {what}, which brat cannot declare: annotation.conf lists \
                     the values the data uses",
                    attr.name
                ));
            }
        }
        for ty in &self.schema.event_types {
            for role in
                ty.roles.iter().filter(|r| r.cardinality.max.is_none() && r.cardinality.min > 1)
            {
                report.notes.push(format!(
                    "role {} of `{}` takes {}, which brat cannot write: declared as {}+ \
                     (annotation.acta.json keeps it)",
                    role.name, ty.name, role.cardinality, role.name
                ));
            }
        }
        let renamed: Vec<String> = [&self.types, &self.roles, &self.attrs]
            .iter()
            .flat_map(|n| n.changed())
            .map(|(b, a)| format!("`{a}` → {b}"))
            .collect();
        if !renamed.is_empty() {
            report.notes.push(format!(
                "brat names allow only A-Z, a-z, 0-9, _ and -: {} (visual.conf shows the Acta \
                 names; annotation.acta.json maps them back)",
                renamed.join(", ")
            ));
        }
    }

    /// annotation.conf, visual.conf and the schema sidecar.
    pub(crate) fn finish(
        mut self,
        report: &mut ExportReport,
    ) -> Result<(String, String, Vec<u8>), ExportError> {
        // An empty value list would read as binary in brat, and no owners is an error.
        let names: Vec<(String, String)> = self
            .attr_index
            .iter()
            .map(|(a, &i)| (self.conf.attributes[i].name.clone(), a.clone()))
            .collect();
        let acta_name = |b: &str| names.iter().find(|(x, _)| x == b).map(|(_, a)| a.clone());
        let mut dropped = Vec::new();
        self.conf.attributes.retain(|a| {
            let keep = !a.on.is_empty() && a.values.as_ref().is_none_or(|v| !v.is_empty());
            if !keep {
                dropped.push(acta_name(&a.name).unwrap_or_else(|| a.name.clone()));
            }
            keep
        });
        if !dropped.is_empty() {
            report.notes.push(format!(
                "attribute(s) {} not declared in annotation.conf: brat needs a value list and an \
                 owner, and the data gives none (annotation.acta.json keeps them)",
                dropped.join(", ")
            ));
        }
        let names = NameMaps {
            types: self.types.changed(),
            roles: self.roles.changed(),
            attributes: self.attrs.changed(),
        };
        let mut labels = BTreeMap::new();
        for map in [&names.types, &names.roles, &names.attributes] {
            for (b, a) in map {
                labels.entry(b.clone()).or_insert_with(|| a.clone());
            }
        }
        let visual = conf::write_visual_conf(&Visual { labels, colors: self.colors });
        let annotation = conf::write_annotation_conf(&self.conf, &self.trigger_labels);
        let side = SchemaSidecar {
            acta_brat: sidecar::VERSION,
            conf: super::fingerprint(&annotation),
            schema: self.schema.clone(),
            names,
        };
        let side = serde_json::to_vec_pretty(&side)
            .map_err(|e| ExportError::Unsupported(format!("cannot write the sidecar: {e}")))?;
        Ok((annotation, visual, side))
    }
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// A brat binary attribute read into Acta is `Choice(["true"])`: it goes back binary while the
/// data gives it no other value.
fn is_binary(name: &str, values: &[String], docs: &[DocView]) -> bool {
    let other = |attrs: &BTreeMap<String, String>| attrs.get(name).is_some_and(|v| v != "true");
    values == ["true"]
        && !docs.iter().any(|d| {
            d.spans.iter().any(|s| other(&s.attributes))
                || d.events.iter().any(|e| other(&e.attributes))
        })
}
