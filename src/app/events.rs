//! Building events from the keyboard: pick a type for a trigger, then fill role slots by role
//! key (choosing among candidate spans by type-ahead, digits or a click), or by selecting new
//! text and pressing the role key. Each step is one undoable edit; `Mode` says where we are.

use super::{AppState, Mode};
use crate::model::cascade;
use crate::model::{AnnId, Argument, Edit, Event, EventTypeDef, RoleDef, Span};

/// Something an argument can point at, as offered in the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: AnnId,
    /// The span's label or the event's type.
    pub kind: String,
    pub text: String,
    pub start: usize,
}

fn matches(filter: &str, text: &str) -> bool {
    filter.is_empty() || text.to_lowercase().contains(&filter.to_lowercase())
}

impl AppState {
    /// The event shown in the event card, if any.
    pub fn open_event(&self) -> Option<&Event> {
        let id = match &self.mode {
            Mode::EditEvent { event, .. } | Mode::PickArgument { event, .. } => *event,
            _ => self.selected?,
        };
        self.doc()?.event(id)
    }

    /// Starts an event on trigger span `trigger`: asks for its type, or opens the event it
    /// already anchors.
    pub fn begin_event(&mut self, trigger: AnnId) {
        if self.project.schema.event_types.is_empty() {
            self.info("The schema has no event types: add some in Schema → Event types");
            return;
        }
        let existing = self.doc().and_then(|d| d.events_triggered_by(trigger).next()).map(|e| e.id);
        match existing {
            Some(event) => self.edit_event(event),
            None => {
                self.selected = Some(trigger);
                self.selection = None;
                self.mode = Mode::PickType { trigger, filter: String::new(), cursor: 0 };
            }
        }
    }

    /// Opens an event in the card; role keys fill its slots.
    pub fn edit_event(&mut self, event: AnnId) {
        if let Some(e) = self.doc().and_then(|d| d.event(event)) {
            let trigger = e.trigger;
            if let Some(start) = self.doc().and_then(|d| d.span(trigger)).map(|s| s.start) {
                self.reveal = Some(start);
            }
            self.selected = Some(event);
            self.selection = None;
            self.mode = Mode::EditEvent { event, slot: 0 };
        }
    }

    /// Leaves event editing (Esc), one level at a time.
    pub fn leave_mode(&mut self) {
        self.mode = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::PickArgument { event, .. } => Mode::EditEvent { event, slot: 0 },
            _ => Mode::Normal,
        };
    }

    /// Event types matching the type-ahead filter, in schema order.
    pub fn type_candidates(&self) -> Vec<EventTypeDef> {
        let filter = match &self.mode {
            Mode::PickType { filter, .. } => filter.as_str(),
            _ => "",
        };
        self.project
            .schema
            .event_types
            .iter()
            .filter(|t| matches(filter, &t.name))
            .cloned()
            .collect()
    }

    /// Creates the event of the type being picked and opens it.
    pub fn choose_type(&mut self, event_type: &str) {
        let Mode::PickType { trigger, .. } = self.mode else { return };
        let Some(doc) = self.doc() else { return };
        let event = Event::new(doc.next_id(), trigger, event_type, &self.layer_name());
        let id = event.id;
        if self.apply(Edit::AddEvent { doc: self.current, event }) {
            self.edit_event(id);
        }
    }

    pub fn set_event_type(&mut self, event: AnnId, event_type: &str) {
        self.apply(Edit::SetEventType {
            doc: self.current,
            id: event,
            event_type: event_type.to_string(),
        });
    }

    /// The roles of the open event's type.
    pub fn open_roles(&self) -> Vec<RoleDef> {
        self.open_event()
            .and_then(|e| self.project.schema.event_type(&e.event_type))
            .map(|t| t.roles.clone())
            .unwrap_or_default()
    }

    /// A role key or slot: with new text selected, tags it and makes it the argument; else
    /// opens the picker for that role.
    pub fn fill_role(&mut self, role: &str) {
        let Some(event) = self.open_event().map(|e| e.id) else { return };
        let Some(def) = self.open_roles().into_iter().find(|r| r.name == role) else { return };
        if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
            let Some(label) =
                def.targets.iter().find(|t| self.project.schema.label(t).is_some()).cloned()
            else {
                self.info(format!("{role} points at events, not text: choose one from the list"));
                return;
            };
            self.tag_as_argument(event, role, &label, sel.range());
            return;
        }
        self.mode =
            Mode::PickArgument { event, role: role.to_string(), filter: String::new(), cursor: 0 };
    }

    /// New span over `range` with `label`, attached to `event` in `role`: one undo step.
    fn tag_as_argument(
        &mut self,
        event: AnnId,
        role: &str,
        label: &str,
        range: std::ops::Range<usize>,
    ) {
        let Some(doc) = self.doc() else { return };
        let Some((start, end)) = self.snapped(range.start, range.end) else {
            self.info("Only white space is selected");
            return;
        };
        let layer = self.layer_name();
        let existing = doc
            .spans_overlapping(start..end)
            .find(|s| s.start == start && s.end == end && s.label == label && s.annotator == layer)
            .map(|s| s.id);
        let Some(mut arguments) = doc.event(event).map(|e| e.arguments.clone()) else { return };
        let mut edits = Vec::new();
        let target = match existing {
            Some(id) => id,
            None => {
                let span = Span::new(doc.next_id(), start, end, label, &layer);
                let id = span.id;
                edits.push(Edit::AddSpan { doc: self.current, span });
                id
            }
        };
        arguments.push(Argument { role: role.to_string(), target });
        edits.push(Edit::SetArguments { doc: self.current, id: event, arguments });
        if self.apply(Edit::Batch(edits)) {
            self.selection = None;
            self.mode = Mode::EditEvent { event, slot: 0 };
        }
    }

    /// What the picker offers for the role being filled, filtered by the typed text.
    pub fn argument_candidates(&self) -> Vec<Candidate> {
        match &self.mode {
            Mode::PickArgument { event, role, filter, .. } => {
                self.candidates_for(*event, role, filter)
            }
            _ => Vec::new(),
        }
    }

    /// Spans and events `role` of `event` allows, not already in that role, nearest to the
    /// trigger first.
    fn candidates_for(&self, event: AnnId, role: &str, filter: &str) -> Vec<Candidate> {
        let Some(doc) = self.doc() else { return Vec::new() };
        let Some(ev) = doc.event(event) else { return Vec::new() };
        let Some(def) = self.project.schema.event_type(&ev.event_type).and_then(|t| t.role(role))
        else {
            return Vec::new();
        };
        let taken: Vec<AnnId> = ev.in_role(role).map(|a| a.target).collect();
        let anchor = doc.span(ev.trigger).map_or(0, |s| s.start);
        let allowed = |kind: &str| def.targets.iter().any(|t| t == kind);
        let mut out: Vec<Candidate> = doc
            .spans()
            .filter(|s| allowed(&s.label) && !taken.contains(&s.id) && matches(filter, &s.text))
            .map(|s| Candidate {
                id: s.id,
                kind: s.label.clone(),
                text: s.text.clone(),
                start: s.start,
            })
            .collect();
        for e in doc
            .events()
            .filter(|e| e.id != event && allowed(&e.event_type) && !taken.contains(&e.id))
        {
            let trigger = doc.span(e.trigger);
            let text = trigger.map(|s| s.text.clone()).unwrap_or_default();
            if matches(filter, &text) || matches(filter, &e.event_type) {
                let start = trigger.map_or(0, |s| s.start);
                out.push(Candidate { id: e.id, kind: e.event_type.clone(), text, start });
            }
        }
        out.sort_by_key(|c| (c.start.abs_diff(anchor), c.start, c.id));
        out
    }

    /// Attaches `target` in the role being picked and goes back to the event card.
    pub fn choose_argument(&mut self, target: AnnId) {
        let Mode::PickArgument { event, role, .. } = self.mode.clone() else { return };
        if !self.candidates_for(event, &role, "").iter().any(|c| c.id == target) {
            self.info(format!("That annotation cannot be the {role} of this event"));
            return;
        }
        let Some(mut arguments) = self.open_event().map(|e| e.arguments.clone()) else { return };
        arguments.push(Argument { role, target });
        if self.apply(Edit::SetArguments { doc: self.current, id: event, arguments }) {
            self.mode = Mode::EditEvent { event, slot: 0 };
        }
    }

    /// A drag from the trigger onto `target`: attaches it in the role that fits, preferring a
    /// mandatory role still empty, then any role with room.
    pub fn link_argument(&mut self, event: AnnId, target: AnnId) {
        match self.fitting_role(event, target) {
            Ok((role, mut arguments)) => {
                arguments.push(Argument { role, target });
                if self.apply(Edit::SetArguments { doc: self.current, id: event, arguments }) {
                    self.mode = Mode::EditEvent { event, slot: 0 };
                }
            }
            Err(message) => self.info(message),
        }
    }

    /// The role `target` would fill in `event`, with the event's current arguments.
    fn fitting_role(&self, event: AnnId, target: AnnId) -> Result<(String, Vec<Argument>), String> {
        let doc = self.doc().ok_or("no document")?;
        let ev = doc.event(event).ok_or("no such event")?;
        let schema = &self.project.schema;
        let roles = schema.event_type(&ev.event_type).map(|t| t.roles.clone()).unwrap_or_default();
        let (kind, allowed): (String, Vec<&RoleDef>) = match (doc.span(target), doc.event(target)) {
            (Some(s), _) => (
                s.label.clone(),
                roles.iter().filter(|r| schema.role_allows_span(r, &s.label)).collect(),
            ),
            (_, Some(e)) if e.id != event => (
                e.event_type.clone(),
                roles.iter().filter(|r| schema.role_allows_event(r, &e.event_type)).collect(),
            ),
            _ => return Err("An event cannot be its own argument".into()),
        };
        let count = |r: &RoleDef| ev.in_role(&r.name).count();
        let open: Vec<&RoleDef> = allowed
            .into_iter()
            .filter(|r| {
                r.cardinality.has_room(count(r)) && !ev.in_role(&r.name).any(|a| a.target == target)
            })
            .collect();
        let role = open
            .iter()
            .find(|r| r.cardinality.is_mandatory() && count(r) == 0)
            .or(open.first())
            .map(|r| r.name.clone())
            .ok_or_else(|| {
                format!("No role of {} takes a {kind} (or they are full)", ev.event_type)
            })?;
        Ok((role, ev.arguments.clone()))
    }

    pub fn remove_argument(&mut self, event: AnnId, index: usize) {
        let Some(mut arguments) =
            self.doc().and_then(|d| d.event(event)).map(|e| e.arguments.clone())
        else {
            return;
        };
        if index < arguments.len() {
            arguments.remove(index);
            self.apply(Edit::SetArguments { doc: self.current, id: event, arguments });
        }
    }

    /// Deletes the selected span or event and what hangs on it, asking first when that is
    /// more than the annotation itself.
    pub fn delete_selected(&mut self) {
        let Some(id) = self.selected else {
            self.info("Click an annotation to select it, then press Delete");
            return;
        };
        let Some(doc) = self.doc() else { return };
        let cascade = if doc.span(id).is_some() {
            cascade::remove_span(doc, self.current, id)
        } else if doc.event(id).is_some() {
            cascade::remove_event(doc, self.current, id)
        } else {
            return;
        };
        if cascade.is_simple() {
            self.apply_deletion(cascade.edit);
        } else {
            let summary = self.describe_cascade(id, &cascade);
            self.dialog =
                Some(super::Dialog::ConfirmDelete { summary, edit: Box::new(cascade.edit) });
        }
    }

    /// Applies a confirmed deletion.
    pub fn apply_deletion(&mut self, edit: Edit) {
        if self.apply(edit) {
            self.selected = None;
            self.mode = Mode::Normal;
        }
    }

    fn describe_cascade(&self, id: AnnId, cascade: &cascade::Cascade) -> String {
        let Some(doc) = self.doc() else { return String::new() };
        let name = |id: AnnId| match (doc.span(id), doc.event(id)) {
            (Some(s), _) => format!("{} «{}»", s.label, s.text),
            (_, Some(e)) => {
                let trigger = doc.span(e.trigger).map(|s| s.text.clone()).unwrap_or_default();
                format!("{} event «{trigger}»", e.event_type)
            }
            _ => id.to_string(),
        };
        let mut lines = vec![format!("Delete {}?", name(id))];
        for e in &cascade.deleted_events {
            lines.push(format!("• its {} is deleted with it", name(*e)));
        }
        for e in &cascade.detached_from {
            lines.push(format!("• it is removed from the arguments of {}", name(*e)));
        }
        lines.push("Undo brings everything back.".into());
        lines.join("\n")
    }
}
