//! Undo and redo over `Edit`s, as far back as the session goes, and the dirty flag.
//! Each state of the project gets a serial number; the project is clean when the current state
//! is the one last saved, however the user got there (edits, undos, redos).

use super::edit::{Edit, EditError};
use super::project::Project;

#[derive(Debug, Clone)]
struct Entry {
    /// The edit that moves across this step.
    edit: Edit,
    /// Serial of the state on the newer side of the step.
    serial: u64,
}

#[derive(Debug, Default, Clone)]
pub struct History {
    /// Inverses of applied edits; `serial` is the state that existed *after* the edit.
    undo: Vec<Entry>,
    /// Edits undone, to reapply; `serial` is the state reapplying them gives.
    redo: Vec<Entry>,
    next_serial: u64,
    saved: Option<u64>,
}

impl History {
    pub fn new() -> Self {
        Self { undo: Vec::new(), redo: Vec::new(), next_serial: 1, saved: Some(0) }
    }

    /// Serial of the current state (0 is the state the project was opened in).
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.serial)
    }

    /// Applies an edit as a new undo step; the redo branch is dropped.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(project)?;
        let serial = self.next_serial.max(1);
        self.next_serial = serial + 1;
        self.undo.push(Entry { edit: inverse, serial });
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step; returns the edit that was applied to do so (`None`: nothing to undo).
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Edit>, EditError> {
        let Some(entry) = self.undo.pop() else { return Ok(None) };
        match entry.edit.clone().apply(project) {
            Ok(redo) => {
                self.redo.push(Entry { edit: redo, serial: entry.serial });
                Ok(Some(entry.edit))
            }
            Err(e) => {
                self.undo.push(entry);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; returns the edit that was applied (`None`: nothing to redo).
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Edit>, EditError> {
        let Some(entry) = self.redo.pop() else { return Ok(None) };
        match entry.edit.clone().apply(project) {
            Ok(undo) => {
                self.undo.push(Entry { edit: undo, serial: entry.serial });
                Ok(Some(entry.edit))
            }
            Err(e) => {
                self.redo.push(entry);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo, for the menu.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|e| e.edit.describe())
    }

    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|e| e.edit.describe())
    }

    /// Records that the project as it was in state `serial` is now on disk.
    pub fn mark_saved(&mut self, serial: u64) {
        self.saved = Some(serial);
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.state())
    }

    /// Forgets the saved state (a project that has never been written anywhere).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnId, DocMeta, Document, Span};
    use std::sync::Arc;

    fn setup() -> (Project, History) {
        let mut p = Project::new("t");
        p.documents.push(Arc::new(Document::new(DocMeta::default(), "Южная Осетия и ЛНР")));
        (p, History::new())
    }

    fn add(id: u64, start: usize, end: usize) -> Edit {
        let span = Span::new(AnnId(id), start, end, "Actor", "");
        Edit::AddSpan { doc: 0, span }
    }

    #[test]
    fn undo_redo_and_dirty_flag() {
        let (mut p, mut h) = setup();
        assert!(!h.is_dirty());
        h.apply(&mut p, add(1, 0, 12)).ok();
        h.apply(&mut p, add(2, 15, 18)).ok();
        assert!(h.is_dirty());
        h.mark_saved(h.state());
        assert!(!h.is_dirty());
        assert_eq!(h.undo(&mut p).ok().flatten().and_then(|e| e.document()), Some(0));
        assert_eq!(p.documents[0].span_count(), 1);
        assert!(h.is_dirty());
        assert_eq!(h.redo(&mut p).ok().flatten().and_then(|e| e.document()), Some(0));
        assert!(!h.is_dirty(), "redo back to the saved state is clean");
        h.undo(&mut p).ok();
        h.undo(&mut p).ok();
        assert_eq!(p.documents[0].span_count(), 0);
        assert_eq!(h.undo(&mut p), Ok(None));
        // A new edit after undoing drops the redo branch, and the saved state is gone with it.
        h.apply(&mut p, add(3, 0, 5)).ok();
        assert!(!h.can_redo());
        assert!(h.is_dirty());
        h.undo(&mut p).ok();
        assert!(h.is_dirty());
    }

    #[test]
    fn failed_edit_leaves_history_alone() {
        let (mut p, mut h) = setup();
        assert!(h.apply(&mut p, add(1, 0, 99)).is_err());
        assert!(!h.can_undo());
        assert!(!h.is_dirty());
    }
}
