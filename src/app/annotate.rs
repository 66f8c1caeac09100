//! Annotation actions: tag the selection with a label, relabel, delete, undo, redo, and the
//! selection moves that go with them. Each change is one `Edit` through the history.

use super::{AppState, TextSelection};
use crate::model::words::snap_to_words;
use crate::model::{AnnId, Edit, Span};

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
        }
    }

    /// Selects a span of the current document and scrolls to it.
    pub fn select_span(&mut self, id: AnnId) {
        if let Some(span) = self.doc().and_then(|d| d.span(id)) {
            self.reveal = Some(span.start);
            self.selected = Some(id);
            self.selection = None;
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

    /// The label key or button: tags the selected text, or relabels the selected span.
    pub fn tag(&mut self, label: &str) {
        if self.project.schema.label(label).is_none() {
            self.error(format!("label `{label}` is not in the schema"));
            return;
        }
        if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
            self.tag_range(sel.range().start, sel.range().end, label);
        } else if let Some(id) = self.selected {
            self.relabel(id, label);
        } else {
            self.info("Select some text first (drag, double-click, or shift+click)");
        }
    }

    fn tag_range(&mut self, start: usize, end: usize, label: &str) {
        let Some(doc) = self.doc() else { return };
        let range = if self.settings.snap_to_words {
            snap_to_words(doc.text(), doc.offsets(), start, end)
        } else {
            (start < end).then_some((start, end))
        };
        let Some((start, end)) = range else {
            self.info("Only white space is selected");
            return;
        };
        let existing = doc
            .spans_overlapping(start..end)
            .find(|s| s.start == start && s.end == end && s.label == label)
            .map(|s| s.id);
        if let Some(id) = existing {
            self.info(format!("Already annotated as {label}"));
            self.select_span(id);
            return;
        }
        let span = Span {
            id: doc.next_id(),
            start,
            end,
            label: label.to_string(),
            text: String::new(),
            annotator: self.settings.annotator_name(),
        };
        let id = span.id;
        if self.apply(Edit::AddSpan { doc: self.current, span }) {
            self.selected = Some(id);
            self.selection = None;
            self.status = None;
        }
    }

    pub fn relabel(&mut self, id: AnnId, label: &str) {
        let Some(span) = self.doc().and_then(|d| d.span(id)) else { return };
        if span.label != label {
            self.apply(Edit::Relabel { doc: self.current, id, label: label.to_string() });
        }
    }

    pub fn delete_selected(&mut self) {
        let Some(id) = self.selected else {
            self.info("Click an annotation to select it, then press Delete");
            return;
        };
        if self.apply(Edit::RemoveSpan { doc: self.current, id }) {
            self.selected = None;
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
        let id = match edit {
            Edit::AddSpan { span, .. } => Some(span.id),
            Edit::Relabel { id, .. } | Edit::Resize { id, .. } => Some(*id),
            Edit::Batch(edits) => edits.iter().rev().find_map(|e| match e {
                Edit::AddSpan { span, .. } => Some(span.id),
                _ => None,
            }),
            Edit::RemoveSpan { .. } | Edit::SetMeta { .. } => None,
        };
        self.selection = None;
        self.selected = None;
        if let Some(id) = id {
            self.select_span(id);
        }
        self.status = None;
    }

    /// Moves the selection head (shift+arrows); starts a selection at `from` if there is none.
    pub fn extend_selection_to(&mut self, head: usize, from: usize) {
        let len = self.doc().map_or(0, |d| d.char_len());
        let anchor = self.selection.map_or(from, |s| s.anchor);
        self.selection = Some(TextSelection::new(anchor.min(len), head.min(len)));
        self.selected = None;
    }
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
    fn snapping_can_be_turned_off() {
        let mut s = state();
        s.run(Command::ToggleSnap);
        s.selection = Some(TextSelection::new(2, 5));
        s.tag("Date");
        assert_eq!(labels(&s), vec![(2, 5, "Date".into())]);
    }
}
