//! Annotation actions: tag the selection with a label, relabel, delete, undo, redo, and the
//! selection moves that go with them. Each change is one `Edit` through the history.

use super::{AppState, Mode, TextSelection};
use crate::model::words::{segment_at, snap_to_words};
use crate::model::{AnnId, Document, Edit, Span};

impl AppState {
    /// Shows document `index` (clamped), with nothing selected.
    pub fn set_document(&mut self, index: usize) {
        let last = self.project.documents.len().saturating_sub(1);
        let index = index.min(last);
        if index != self.current {
            self.current = index;
            self.selection = None;
            self.selected = None;
            self.reveal = None;
            self.mode = Mode::Normal;
        }
    }

    /// Selects a span of the current document and scrolls to it; an event id opens the event.
    /// While an argument is being picked, the span becomes that argument instead.
    pub fn select_span(&mut self, id: AnnId) {
        if self.review_click(id) {
            return;
        }
        if matches!(self.mode, Mode::PickArgument { .. }) {
            self.choose_argument(id);
            return;
        }
        if self.doc().is_some_and(|d| d.event(id).is_some()) {
            self.edit_event(id);
            return;
        }
        if let Some(span) = self.doc().and_then(|d| d.span(id)) {
            self.reveal = Some(span.start);
            self.selected = Some(id);
            self.selection = None;
            self.mode = Mode::Normal;
        }
    }

    /// A click on a span in the text: an argument while picking one, the event it triggers,
    /// or the span itself.
    pub fn click_span(&mut self, id: AnnId) {
        if !matches!(self.mode, Mode::PickArgument { .. }) && self.review_click(id) {
            return;
        }
        let event = self.doc().and_then(|d| d.events_triggered_by(id).next()).map(|e| e.id);
        match (&self.mode, event) {
            (Mode::PickArgument { .. }, _) => self.choose_argument(id),
            (_, Some(event)) if self.selected != Some(event) => self.edit_event(event),
            _ => {
                self.selected = Some(id);
                self.selection = None;
                self.mode = Mode::Normal;
            }
        }
    }

    /// Applies an edit as one undo step; a refused edit becomes a status message.
    pub fn apply(&mut self, edit: Edit) -> bool {
        if self.is_loading() {
            // The project on screen is about to be replaced: an edit now would be lost.
            self.error("Wait until the project has opened");
            return false;
        }
        match self.history.apply(&mut self.project, edit) {
            Ok(()) => true,
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// The label key or button: tags the selected text, or relabels the selected span. A
    /// trigger label (kind Event) then asks for the event's type.
    pub fn tag(&mut self, label: &str) {
        if self.project.schema.label(label).is_none() {
            self.error(format!("label `{label}` is not in the schema"));
            return;
        }
        let trigger = self.project.schema.is_trigger_label(label);
        if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
            if let Some(id) = self.tag_range(sel.range().start, sel.range().end, label)
                && trigger
            {
                self.begin_event(id);
            }
        } else if let Some(id) =
            self.selected.filter(|id| self.doc().is_some_and(|d| d.span(*id).is_some()))
        {
            self.relabel(id, label);
            if trigger {
                self.begin_event(id);
            }
        } else {
            self.info("Select some text first (drag, double-click, or shift+click)");
        }
    }

    /// `start..end` snapped to words when snapping is on; `None` for white space only.
    pub(super) fn snapped(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let doc = self.doc()?;
        if self.settings.snap_to_words {
            snap_to_words(doc.text(), doc.offsets(), start, end)
        } else {
            (start < end).then_some((start, end))
        }
    }

    /// Tags a range; returns the span (new, or the identical one already there).
    fn tag_range(&mut self, start: usize, end: usize, label: &str) -> Option<AnnId> {
        let Some((start, end)) = self.snapped(start, end) else {
            self.info("Only white space is selected");
            return None;
        };
        let doc = self.doc()?;
        let layer = self.layer_name();
        let existing = doc
            .spans_overlapping(start..end)
            .find(|s| s.start == start && s.end == end && s.label == label && s.annotator == layer)
            .map(|s| s.id);
        if let Some(id) = existing {
            self.info(format!("Already annotated as {label}"));
            self.select_span(id);
            return Some(id);
        }
        let span = Span::new(doc.next_id(), start, end, label, &layer);
        let id = span.id;
        if !self.apply(Edit::AddSpan { doc: self.current, span }) {
            return None;
        }
        self.selected = Some(id);
        self.selection = None;
        self.status = None;
        // A span tagged while an event is open stays with that event's card.
        if !matches!(self.mode, Mode::EditEvent { .. }) {
            self.mode = Mode::Normal;
        }
        Some(id)
    }

    pub fn relabel(&mut self, id: AnnId, label: &str) {
        let Some(span) = self.doc().and_then(|d| d.span(id)) else { return };
        if span.label != label {
            self.apply(Edit::Relabel { doc: self.current, id, label: label.to_string() });
        }
    }

    pub fn undo(&mut self) {
        if self.is_loading() {
            return self.error("Wait until the project has opened");
        }
        match self.history.undo(&mut self.project) {
            Ok(Some(edit)) => self.show_edit(&edit),
            Ok(None) => self.info("Nothing to undo"),
            Err(e) => self.error(format!("cannot undo: {e}")),
        }
    }

    pub fn redo(&mut self) {
        if self.is_loading() {
            return self.error("Wait until the project has opened");
        }
        match self.history.redo(&mut self.project) {
            Ok(Some(edit)) => self.show_edit(&edit),
            Ok(None) => self.info("Nothing to redo"),
            Err(e) => self.error(format!("cannot redo: {e}")),
        }
    }

    /// After undo or redo: go to the document that changed and select what the edit left.
    fn show_edit(&mut self, edit: &Edit) {
        if let Some(doc) = edit.document() {
            self.set_document(doc);
        }
        // Undoing an import removes documents, perhaps the one shown.
        let last = self.project.documents.len().saturating_sub(1);
        if self.current > last {
            self.set_document(last);
        }
        self.selection = None;
        self.selected = None;
        self.mode = Mode::Normal;
        if let Some(id) =
            edit.annotation().filter(|id| self.doc().is_some_and(|d| d.has_annotation(*id)))
        {
            self.select_span(id);
        }
        self.status = None;
    }

    /// Moves one end of the selected span (an open event's trigger) by a word, or by a
    /// character when snapping is off: Alt+←/→ the end, Alt+Shift+←/→ the start.
    pub fn nudge_boundary(&mut self, edge: Edge, forward: bool) {
        let id = self.open_event().map(|e| e.trigger).or(self.selected);
        let Some(span) = id.and_then(|id| self.doc().and_then(|d| d.span(id))) else {
            return self.info("Select a span to move its boundaries");
        };
        let Some(doc) = self.doc() else { return };
        let by_word = self.settings.snap_to_words;
        let (mut start, mut end) = (span.start, span.end);
        match edge {
            Edge::Start => start = step(doc, start, forward, by_word, true),
            Edge::End => end = step(doc, end, forward, by_word, false),
        }
        if start >= end {
            return self.info("A span cannot be empty");
        }
        if (start, end) != (span.start, span.end) {
            let edit = Edit::Resize { doc: self.current, id: span.id, start, end };
            self.apply(edit);
        }
    }

    /// Moves the selection head (shift+arrows); starts a selection at `from` if there is none.
    pub fn extend_selection_to(&mut self, head: usize, from: usize) {
        let len = self.doc().map_or(0, |d| d.char_len());
        let anchor = self.selection.map_or(from, |s| s.anchor);
        self.selection = Some(TextSelection::new(anchor.min(len), head.min(len)));
        self.selected = None;
    }
}

/// Which end of a span a boundary key moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// A boundary moved one step: by a character, or to the next word's edge, skipping spaces and
/// punctuation so a start lands on a word's first character and an end after a word's last.
fn step(doc: &Document, pos: usize, forward: bool, by_word: bool, is_start: bool) -> usize {
    let len = doc.char_len();
    if !by_word {
        return if forward { (pos + 1).min(len) } else { pos.saturating_sub(1) };
    }
    let seg = |p: usize| segment_at(doc.text(), doc.offsets(), p);
    let mut p = pos;
    // The word itself, then (for a start moving right or an end moving left) the gap after it.
    let cross = |p: &mut usize, want_word: bool| {
        loop {
            let s = if forward { seg(*p) } else { p.checked_sub(1).and_then(seg) };
            let Some(s) = s else { break };
            if !want_word && s.is_word {
                break;
            }
            *p = if forward { s.end } else { s.start };
            if want_word && s.is_word {
                break;
            }
        }
    };
    cross(&mut p, true);
    if is_start == forward {
        cross(&mut p, false);
    }
    p.min(len)
}

#[cfg(test)]
mod tests {
    use crate::app::settings::Settings;
    use crate::app::{AppState, Command, TextSelection};
    use crate::model::{DocMeta, Document, Project};
    use std::sync::Arc;

    fn state() -> AppState {
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d".into(), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, "Министр иностранных дел ЛНР Владислав")));
        AppState::with_project(p, None, Settings::default())
    }

    fn labels(s: &AppState) -> Vec<(usize, usize, String)> {
        s.doc()
            .map(|d| d.spans_by_position().map(|x| (x.start, x.end, x.label.clone())).collect())
            .unwrap_or_default()
    }

    #[test]
    fn tag_snaps_relabels_deletes_and_undoes() {
        let mut s = state();
        s.selection = Some(TextSelection::new(26, 2)); // "нистр … ЛН", dragged backwards
        s.tag("Actor");
        assert_eq!(labels(&s), vec![(0, 27, "Actor".into())]);
        assert!(s.is_dirty());
        s.tag("Event"); // the new span is selected: a label key relabels it
        assert_eq!(labels(&s), vec![(0, 27, "Event".into())]);
        s.run(Command::DeleteAnnotation);
        assert!(labels(&s).is_empty());
        s.run(Command::Undo);
        assert_eq!(labels(&s), vec![(0, 27, "Event".into())]);
        assert!(s.selected.is_some(), "undo selects what came back");
        s.run(Command::Undo);
        s.run(Command::Undo);
        assert!(labels(&s).is_empty());
        assert!(!s.is_dirty());
        s.run(Command::Redo);
        assert_eq!(labels(&s), vec![(0, 27, "Actor".into())]);
    }

    #[test]
    fn unknown_labels_and_empty_selections_change_nothing() {
        let mut s = state();
        s.selection = Some(TextSelection::new(7, 8)); // a space
        s.tag("Actor");
        s.selection = Some(TextSelection::new(0, 5));
        s.tag("Nope");
        assert!(labels(&s).is_empty());
        assert!(!s.is_dirty());
    }

    #[test]
    fn boundaries_move_by_words_or_characters() {
        use super::Edge::{End, Start};
        let mut s = state(); // "Министр иностранных дел ЛНР Владислав"
        s.selection = Some(TextSelection::new(8, 19)); // «иностранных»
        s.tag("Actor");
        let steps = [
            (End, true, (8, 23)),    // + «дел»
            (End, true, (8, 27)),    // + «ЛНР»
            (Start, false, (0, 27)), // + «Министр»
            (Start, true, (8, 27)),
            (End, false, (8, 23)),
            (End, false, (8, 19)),
            (End, false, (8, 19)), // would be empty: refused
        ];
        for (edge, forward, want) in steps {
            s.nudge_boundary(edge, forward);
            let got = labels(&s).first().map(|l| (l.0, l.1));
            assert_eq!(got, Some(want), "{edge:?} {forward}");
        }
        s.run(Command::ToggleSnap);
        s.nudge_boundary(Start, false);
        s.nudge_boundary(End, true);
        assert_eq!(labels(&s).first().map(|l| (l.0, l.1)), Some((7, 20)));
        s.run(Command::Undo);
        assert_eq!(labels(&s).first().map(|l| (l.0, l.1)), Some((7, 19)));
    }

    #[test]
    fn snapping_can_be_turned_off() {
        let mut s = state();
        s.run(Command::ToggleSnap);
        s.selection = Some(TextSelection::new(2, 5));
        s.tag("Date");
        assert_eq!(labels(&s), vec![(2, 5, "Date".into())]);
    }
}
