//! Settling places in gold: take one or more proposals, reject a place, or accept in bulk every
//! place enough annotators agree on. A `Planner` collects one `Edit::Batch` (one undo step) that
//! copies the chosen annotations into the gold layer (an event with its trigger and arguments,
//! reusing gold spans already there) and reshapes or removes what gold held at the place before.

use super::{Item, Kind, Resolution, Version};
use crate::formats::export::GOLD_LAYER;
use crate::model::{
    AnnId, Argument, DocMeta, Document, Edit, Event, Rejection, ReviewStatus, Span, cascade,
};
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};

pub struct Planner<'a> {
    doc: &'a Document,
    doc_index: usize,
    reviewer: String,
    next: u64,
    edits: Vec<Edit>,
    /// Gold spans by place and label, the planned ones included.
    gold_spans: HashMap<(usize, usize, String), AnnId>,
    /// Gold events by trigger place and type, the planned ones included.
    gold_events: HashMap<(usize, usize, String), AnnId>,
    /// Event places an event taken here needs as arguments but gold does not hold yet: gold is
    /// built inside out, so such a take waits until the reviewer settles them.
    pub blocked: Vec<(usize, usize)>,
    /// Gold annotations planned for removal.
    removed: HashSet<AnnId>,
    /// Annotators' events to the gold event settling their place: planned here, and (computed
    /// when first needed) as the document stands.
    planned_places: HashMap<AnnId, AnnId>,
    settled_places: OnceCell<HashMap<AnnId, AnnId>>,
    meta: DocMeta,
}

impl<'a> Planner<'a> {
    pub fn new(doc: &'a Document, doc_index: usize, reviewer: &str) -> Self {
        let gold_spans = doc
            .spans()
            .filter(|s| s.annotator == GOLD_LAYER)
            .map(|s| ((s.start, s.end, s.label.clone()), s.id))
            .collect();
        let gold_events = doc
            .events()
            .filter(|e| e.annotator == GOLD_LAYER)
            .filter_map(|e| {
                doc.span(e.trigger).map(|t| ((t.start, t.end, e.event_type.clone()), e.id))
            })
            .collect();
        Self {
            doc,
            doc_index,
            reviewer: reviewer.to_string(),
            next: doc.next_id().0,
            edits: Vec::new(),
            gold_spans,
            gold_events,
            blocked: Vec::new(),
            removed: HashSet::new(),
            planned_places: HashMap::new(),
            settled_places: OnceCell::new(),
            meta: doc.meta.clone(),
        }
    }

    /// Gold at `item` becomes exactly the proposals `chosen` (indexes into `item.versions`).
    /// False (nothing planned) when an event chosen needs events gold does not hold yet; their
    /// places are in `blocked`.
    pub fn take(&mut self, item: &Item, chosen: &[usize]) -> bool {
        let chosen: Vec<&Version> = chosen.iter().filter_map(|&i| item.versions.get(i)).collect();
        match item.kind {
            Kind::Span => self.take_spans(item, &chosen),
            Kind::Event => {
                let missing = self.missing_event_arguments(&chosen);
                if !missing.is_empty() {
                    self.blocked.extend(missing);
                    return false;
                }
                self.take_events(item, &chosen)
            }
        }
        let key = item.label_key();
        self.meta.rejected.retain(|r| (r.start, r.end, &r.label) != (item.start, item.end, &key));
        self.start_review();
        true
    }

    /// Places of the events the chosen events point at that have no gold counterpart.
    fn missing_event_arguments(&self, chosen: &[&Version]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for v in chosen {
            let Some(source) = v.by.first().and_then(|(_, id)| self.doc.event(*id)) else {
                continue;
            };
            for a in &source.arguments {
                if let Some(e) = self.doc.event(a.target)
                    && e.annotator != GOLD_LAYER
                    && self.gold_event_like(e).is_none()
                    && let Some(t) = self.doc.span(e.trigger)
                {
                    out.push((t.start, t.end));
                }
            }
        }
        out
    }

    /// Nothing of `item` belongs in gold: what gold held there goes, and the place is marked.
    pub fn reject(&mut self, item: &Item) {
        for id in self.gold_at(item) {
            self.remove(item.kind, id);
        }
        let label = item.label_key();
        if !self
            .meta
            .rejected
            .iter()
            .any(|r| (r.start, r.end, &r.label) == (item.start, item.end, &label))
        {
            let by = self.reviewer.clone();
            self.meta.rejected.push(Rejection { start: item.start, end: item.end, label, by });
            self.meta.rejected.sort();
        }
        self.start_review();
    }

    /// The batch, or `None` when nothing changes.
    pub fn finish(mut self) -> Option<Edit> {
        if self.meta != self.doc.meta {
            self.edits.push(Edit::SetMeta { doc: self.doc_index, meta: self.meta });
        }
        (!self.edits.is_empty()).then_some(Edit::Batch(self.edits))
    }

    fn start_review(&mut self) {
        if self.meta.review == ReviewStatus::NotStarted {
            self.meta.review = ReviewStatus::InReview;
        }
    }

    fn gold_at(&self, item: &Item) -> Vec<AnnId> {
        match &item.resolution {
            Resolution::Gold(ids) => {
                ids.iter().copied().filter(|id| !self.removed.contains(id)).collect()
            }
            _ => Vec::new(),
        }
    }

    fn alloc(&mut self) -> AnnId {
        let id = AnnId(self.next);
        self.next += 1;
        id
    }

    fn take_spans(&mut self, item: &Item, chosen: &[&Version]) {
        let mut free: Vec<Span> =
            self.gold_at(item).iter().filter_map(|id| self.doc.span(*id)).cloned().collect();
        let mut todo = Vec::new();
        for v in chosen {
            let same = |s: &Span| {
                (s.start, s.end) == (v.start, v.end)
                    && s.label == v.label
                    && s.attributes == v.attributes
            };
            match free.iter().position(same) {
                Some(k) => {
                    free.remove(k);
                }
                None => todo.push(*v),
            }
        }
        for v in todo {
            if free.is_empty() {
                self.gold_span(v.start, v.end, &v.label, &v.attributes);
            } else {
                let s = free.remove(0);
                self.reshape(&s, v);
            }
        }
        for s in free {
            self.remove(Kind::Span, s.id);
        }
    }

    /// Turns gold span `s` into version `v` in place, so events using it keep it.
    fn reshape(&mut self, s: &Span, v: &Version) {
        let doc = self.doc_index;
        if (s.start, s.end) != (v.start, v.end) {
            self.edits.push(Edit::Resize { doc, id: s.id, start: v.start, end: v.end });
        }
        if s.label != v.label {
            self.edits.push(Edit::Relabel { doc, id: s.id, label: v.label.clone() });
        }
        self.set_attributes(s.id, &s.attributes, &v.attributes);
        self.gold_spans.remove(&(s.start, s.end, s.label.clone()));
        self.gold_spans.insert((v.start, v.end, v.label.clone()), s.id);
    }

    fn set_attributes(
        &mut self,
        id: AnnId,
        old: &BTreeMap<String, String>,
        new: &BTreeMap<String, String>,
    ) {
        for name in old.keys().filter(|k| !new.contains_key(*k)) {
            let (doc, name) = (self.doc_index, name.clone());
            self.edits.push(Edit::SetAttribute { doc, id, name, value: None });
        }
        for (name, value) in new.iter().filter(|(k, v)| old.get(*k) != Some(*v)) {
            let (doc, name, value) = (self.doc_index, name.clone(), Some(value.clone()));
            self.edits.push(Edit::SetAttribute { doc, id, name, value });
        }
    }

    /// The gold span at this place with this label, planned now if gold has none.
    fn gold_span(
        &mut self,
        start: usize,
        end: usize,
        label: &str,
        attributes: &BTreeMap<String, String>,
    ) -> AnnId {
        if let Some(id) = self.gold_spans.get(&(start, end, label.to_string())) {
            return *id;
        }
        let id = self.alloc();
        let mut span = Span::new(id, start, end, label, GOLD_LAYER);
        span.attributes = attributes.clone();
        self.edits.push(Edit::AddSpan { doc: self.doc_index, span });
        self.gold_spans.insert((start, end, label.to_string()), id);
        id
    }

    fn remove(&mut self, kind: Kind, id: AnnId) {
        if !self.removed.insert(id) {
            return;
        }
        let c = match kind {
            Kind::Span => cascade::remove_span(self.doc, self.doc_index, id),
            Kind::Event => cascade::remove_event(self.doc, self.doc_index, id),
        };
        self.removed.extend(c.deleted_events.iter().copied());
        self.gold_spans.retain(|_, v| *v != id);
        let removed = &self.removed;
        self.gold_events.retain(|_, v| !removed.contains(v));
        self.edits.push(c.edit);
    }

    fn take_events(&mut self, item: &Item, chosen: &[&Version]) {
        let mut free: Vec<Event> =
            self.gold_at(item).iter().filter_map(|id| self.doc.event(*id)).cloned().collect();
        let doc = self.doc;
        for v in chosen {
            let Some(source) = v.by.first().and_then(|(_, id)| doc.event(*id)) else {
                continue;
            };
            let on_same_trigger = |e: &Event| {
                doc.span(e.trigger).is_some_and(|t| {
                    (t.start, t.end, t.label.as_str()) == (v.start, v.end, v.trigger_label.as_str())
                })
            };
            let same_type = free.iter().position(|e| on_same_trigger(e) && e.event_type == v.label);
            let gold = match same_type.or_else(|| free.iter().position(on_same_trigger)) {
                Some(k) => {
                    let e = free.remove(k);
                    self.update_event(&e, source);
                    Some(e.id)
                }
                None => self.copy_event(source),
            };
            // Events elsewhere that point at any proposal of this place now find this gold.
            if let Some(g) = gold {
                self.planned_places.extend(item.members().map(|m| (m, g)));
            }
        }
        for e in free {
            self.remove(Kind::Event, e.id);
        }
    }

    /// Gold event `gold` (on the right trigger already) takes `source`'s type and arguments.
    fn update_event(&mut self, gold: &Event, source: &Event) {
        let doc = self.doc_index;
        if gold.event_type != source.event_type {
            let event_type = source.event_type.clone();
            self.edits.push(Edit::SetEventType { doc, id: gold.id, event_type });
        }
        if let Some(t) = self.doc.span(gold.trigger) {
            self.gold_events.retain(|_, v| *v != gold.id);
            self.gold_events.insert((t.start, t.end, source.event_type.clone()), gold.id);
        }
        let arguments = self.gold_arguments(&source.arguments);
        if arguments != gold.arguments {
            self.edits.push(Edit::SetArguments { doc, id: gold.id, arguments });
        }
        self.set_attributes(gold.id, &gold.attributes, &source.attributes);
    }

    /// Copies an annotator's event into gold with its trigger and arguments; returns the copy.
    fn copy_event(&mut self, source: &Event) -> Option<AnnId> {
        let t = self.doc.span(source.trigger)?;
        let (start, end) = (t.start, t.end);
        let trigger = self.gold_span(start, end, &t.label, &t.attributes);
        let id = self.alloc();
        let mut event = Event::new(id, trigger, &source.event_type, GOLD_LAYER);
        event.arguments = self.gold_arguments(&source.arguments);
        event.attributes = source.attributes.clone();
        self.edits.push(Edit::AddEvent { doc: self.doc_index, event });
        self.gold_events.insert((start, end, source.event_type.clone()), id);
        Some(id)
    }

    /// An annotator's arguments pointed at gold: gold targets as they are, spans through
    /// `gold_span`, events through the gold event on the same place with the same type (a take
    /// checks first that there is one).
    fn gold_arguments(&mut self, arguments: &[Argument]) -> Vec<Argument> {
        let mut out = Vec::new();
        for a in arguments {
            let target = if let Some(e) = self.doc.event(a.target) {
                if e.annotator == GOLD_LAYER {
                    (!self.removed.contains(&e.id)).then_some(e.id)
                } else {
                    self.gold_event_like(e)
                }
            } else if let Some(s) = self.doc.span(a.target) {
                if s.annotator == GOLD_LAYER {
                    (!self.removed.contains(&s.id)).then_some(s.id)
                } else {
                    Some(self.gold_span(s.start, s.end, &s.label, &s.attributes))
                }
            } else {
                None
            };
            if let Some(target) = target {
                out.push(Argument { role: a.role.clone(), target });
            }
        }
        out
    }

    /// The gold event standing for annotator event `e`: one on its trigger's range with its type
    /// (existing or planned), else the one settling its place (which the reviewer may have
    /// resized or retyped).
    fn gold_event_like(&self, e: &Event) -> Option<AnnId> {
        let t = self.doc.span(e.trigger)?;
        let exact = self.gold_events.get(&(t.start, t.end, e.event_type.clone())).copied();
        exact
            .or_else(|| self.planned_places.get(&e.id).copied())
            .or_else(|| {
                let settled = self.settled_places.get_or_init(|| settled_places(self.doc));
                settled.get(&e.id).copied()
            })
            .filter(|g| !self.removed.contains(g))
    }
}

/// Each annotator's event to the gold event settling its place.
fn settled_places(doc: &Document) -> HashMap<AnnId, AnnId> {
    let mut out = HashMap::new();
    for item in super::items(doc).iter().filter(|i| i.kind == Kind::Event) {
        if let Resolution::Gold(ids) = &item.resolution
            && let Some(g) = ids.first()
        {
            out.extend(item.members().map(|m| (m, *g)));
        }
    }
    out
}

/// Accepts every open place where one proposal has at least `min_votes` annotators (all of
/// them: the number of layers; a majority: more than half). Spans first, so accepted events
/// reuse the gold spans accepted with them. Returns the edit and how many places it settles.
pub fn accept(
    doc: &Document,
    doc_index: usize,
    items: &[Item],
    min_votes: usize,
    reviewer: &str,
) -> (Option<Edit>, usize) {
    let mut planner = Planner::new(doc, doc_index, reviewer);
    let mut settled = 0;
    let mut open: Vec<&Item> = items.iter().filter(|i| i.resolution == Resolution::Open).collect();
    open.sort_by_key(|i| i.kind);
    // Events whose argument events are not in gold yet wait for a later round, so nested
    // events accepted in this batch count (inside out).
    loop {
        let before = open.len();
        open.retain(|item| {
            let winners: Vec<usize> = (0..item.versions.len())
                .filter(|&k| item.versions[k].votes() >= min_votes.max(1))
                .collect();
            let [only] = winners[..] else { return false };
            if planner.take(item, &[only]) {
                settled += 1;
                return false;
            }
            true
        });
        if open.len() == before || open.is_empty() {
            break;
        }
    }
    planner.blocked.clear();
    (planner.finish(), settled)
}
