//! The reading side of the span graph: units and relations as a doccano or Label Studio file
//! gives them, with their extras, turned back into spans and events. Ids are given afresh; a
//! unit showing an event type becomes the trigger span (with its own label from the extras).

use super::UnitExtras;
use crate::model::{AnnId, DocMeta, Document, Event, Span};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A unit as read back: its key (how relations and extras name it), code point range, label.
#[derive(Clone, Debug)]
pub struct InUnit {
    pub key: String,
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// Whose it is when the extras do not say (a Label Studio annotation's author).
    pub annotator: Option<String>,
}

/// A relation as read back, between unit keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InRelation {
    pub from: String,
    pub to: String,
    pub role: String,
}

/// Everything one document's file side says, ready to become a `Document`.
#[derive(Default)]
pub struct Reading {
    pub units: Vec<InUnit>,
    pub relations: Vec<InRelation>,
    pub extras: HashMap<String, UnitExtras>,
    /// Relations whose target is the span rather than the event its unit shows.
    pub span_args: HashSet<InRelation>,
    /// Attributes read from the format's own per-region results, by unit key.
    pub attributes: HashMap<String, BTreeMap<String, String>>,
}

impl Reading {
    /// Builds the document: a span per unit (a unit that only carries a further event shares its
    /// span), an event per unit with outgoing relations or event extras, whose type is the unit's
    /// label, and an argument per relation. `annotator` turns what the file says into the name.
    pub fn into_document(
        self,
        meta: DocMeta,
        text: std::sync::Arc<str>,
        annotator: &dyn Fn(Option<&str>) -> String,
    ) -> Result<Document, String> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, unit) in self.units.iter().enumerate() {
            if index.insert(unit.key.as_str(), i).is_some() {
                return Err(format!("the id `{}` is used by two entities", unit.key));
            }
        }
        let find = |key: &str| {
            index
                .get(key)
                .copied()
                .ok_or_else(|| format!("a relation points to `{key}`, which is no entity"))
        };
        let none = UnitExtras::default();
        let extras = |i: usize| self.extras.get(&self.units[i].key).unwrap_or(&none);
        let mut next = 1u64;
        let mut fresh = || {
            next += 1;
            AnnId(next - 1)
        };
        // Spans first, for units that are not a further event on another unit's span.
        let mut span_of: Vec<Option<AnnId>> = vec![None; self.units.len()];
        let mut spans = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            let x = extras(i);
            if x.of.as_deref().is_some_and(|k| index.contains_key(k)) {
                continue;
            }
            let label = x.label.as_deref().unwrap_or(&unit.label);
            let who = annotator(x.annotator.as_deref().or(unit.annotator.as_deref()));
            let mut span = Span::new(fresh(), unit.start, unit.end, label, &who);
            span.attributes = x.attributes.clone();
            if let Some(more) = self.attributes.get(&unit.key) {
                span.attributes.extend(more.clone());
            }
            span.note = x.note.clone();
            span_of[i] = Some(span.id);
            spans.push(span);
        }
        for (i, unit) in self.units.iter().enumerate() {
            if span_of[i].is_none() {
                let owner = extras(i).of.as_deref().map(&find).transpose()?;
                span_of[i] = owner.and_then(|o| span_of[o]);
                if span_of[i].is_none() {
                    return Err(format!(
                        "`{}` shares the span of an event that has none",
                        unit.key
                    ));
                }
            }
        }
        // Events: units with outgoing relations or marked in the extras.
        let mut carriers: Vec<bool> = (0..self.units.len())
            .map(|i| extras(i).event.is_some() || extras(i).of.is_some())
            .collect();
        let mut resolved = Vec::with_capacity(self.relations.len());
        for rel in &self.relations {
            let (from, to) = (find(&rel.from)?, find(&rel.to)?);
            carriers[from] = true;
            resolved.push((from, to, rel));
        }
        let mut event_of: Vec<Option<usize>> = vec![None; self.units.len()];
        let mut events: Vec<Event> = Vec::new();
        for (i, unit) in self.units.iter().enumerate() {
            if !carriers[i] {
                continue;
            }
            let x = extras(i).event.clone().unwrap_or_default();
            let trigger = span_of[i].ok_or("an event without a trigger")?;
            let who = annotator(x.annotator.as_deref().or(unit.annotator.as_deref()));
            let mut event = Event::new(fresh(), trigger, &unit.label, &who);
            event.attributes = x.attributes;
            event.note = x.note;
            event_of[i] = Some(events.len());
            events.push(event);
        }
        for (from, to, rel) in resolved {
            let target = match event_of[to] {
                Some(e) if !self.span_args.contains(rel) => events[e].id,
                _ => span_of[to].ok_or("an argument without a span")?,
            };
            let Some(e) = event_of[from] else { continue };
            events[e].arguments.push(crate::model::Argument { role: rel.role.clone(), target });
        }
        Document::from_annotations(meta, text, spans, events).map_err(|problems| {
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
        })
    }
}
