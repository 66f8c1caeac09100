//! File → Merge projects…: the chosen project files are read on a background job, then merged
//! into a copy of the open project and applied as one undoable edit (`review::merge_edit`). A
//! file that cannot be read, or a document whose text differs, changes nothing.

use super::jobs::JobOutput;
use super::{AppState, Dialog};
use crate::formats::project;
use crate::model::{Edit, Project};
use crate::review::merge::{Merged, merge};
use crate::review::merge_edit::as_edit;
use std::path::PathBuf;

const REFUSED: &str = "Not merged; the project is unchanged";

impl AppState {
    /// Reads `paths` on a thread; `finish_merge` merges them when they are all read.
    pub fn start_merge(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return self.error("Choose the project files to merge");
        }
        self.info(format!("Reading {} project file(s) to merge…", paths.len()));
        self.jobs.spawn("merging", move || {
            let mut read = Vec::with_capacity(paths.len());
            for path in paths {
                match project::load_file(&path) {
                    Ok(loaded) => read.push((path, loaded.project)),
                    // The error names the file (and line and column for a broken one).
                    Err(e) => return JobOutput::MergeRead { result: Err(e.to_string()) },
                }
            }
            JobOutput::MergeRead { result: Ok(read) }
        });
    }

    /// Merges the files read into the open project as it is now (edits made while they were
    /// read included), all of them or none.
    pub(super) fn finish_merge(&mut self, result: Result<Vec<(PathBuf, Project)>, String>) {
        let inputs = match result {
            Ok(inputs) => inputs,
            Err(message) => return self.refuse_merge(message),
        };
        let mut merged = self.project.clone();
        let mut total = Merged::default();
        for (path, other) in &inputs {
            match merge(&mut merged, other, &path.display().to_string()) {
                Ok(m) => {
                    total.added_documents += m.added_documents;
                    total.added_spans += m.added_spans;
                    total.added_events += m.added_events;
                    total.notes.extend(m.notes);
                }
                Err(e) => return self.refuse_merge(e.to_string()),
            }
        }
        let edit = as_edit(&self.project, &merged);
        let files = inputs.len();
        if matches!(&edit, Edit::Batch(edits) if edits.is_empty()) {
            return self.info(format!("Merged {files} file(s): nothing new"));
        }
        if !self.apply(edit) {
            return;
        }
        let summary = format!(
            "Merged {files} file(s): {} spans, {} events added, {} documents added",
            total.added_spans, total.added_events, total.added_documents
        );
        if total.notes.is_empty() {
            self.info(summary);
        } else {
            // Schema conflicts and differences kept as here are worth reading in full.
            self.info(format!("{summary}; {} note(s)", total.notes.len()));
            let notes: Vec<String> = total.notes.iter().map(|n| format!("• {n}")).collect();
            self.dialog = Some(Dialog::Error {
                title: "Merge notes".into(),
                message: format!("{summary}.\n\n{}", notes.join("\n")),
            });
        }
    }

    fn refuse_merge(&mut self, message: String) {
        self.error(REFUSED);
        self.dialog = Some(Dialog::Error { title: REFUSED.into(), message });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::Settings;
    use crate::model::Span;

    fn sample() -> Project {
        let loaded = project::parse("sample", crate::app::files::EMBEDDED_SAMPLE);
        loaded.map(|l| l.project).unwrap_or_default()
    }

    /// The sample with one more span by `who` on the first `len` characters of document 0.
    fn annotated(who: &str, len: usize) -> Result<Project, Box<dyn std::error::Error>> {
        let mut p = sample();
        let id = p.documents[0].next_id();
        Edit::AddSpan { doc: 0, span: Span::new(id, 0, len, "Actor", who) }.apply(&mut p)?;
        Ok(p)
    }

    #[test]
    fn a_merge_is_one_undo_step() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let theirs = dir.path().join("b.ron");
        project::save_file(&annotated("Bohdan", 5)?, &theirs)?;
        let mine = annotated("Олена", 3)?;
        let mut s = AppState::with_project(mine.clone(), None, Settings::default());
        s.start_merge(vec![theirs]);
        s.wait_for_jobs();
        let status = s.status.clone().map(|m| m.text).unwrap_or_default();
        assert_eq!(status, "Merged 1 file(s): 1 spans, 0 events added, 0 documents added");
        let doc = &s.project.documents[0];
        let bohdan: Vec<&Span> = doc.spans().filter(|x| x.annotator == "Bohdan").collect();
        assert_eq!(bohdan.len(), 1);
        let olena = doc.spans().find(|x| x.annotator == "Олена").map(|x| x.id);
        assert_ne!(Some(bohdan[0].id), olena, "both got the same id in their copies");
        assert!(s.is_dirty());
        s.undo();
        assert!(s.project.documents[0].spans().eq(mine.documents[0].spans()));
        assert!(!s.is_dirty());
        Ok(())
    }

    #[test]
    fn an_unreadable_file_changes_nothing() {
        let mut s = AppState::with_project(sample(), None, Settings::default());
        let before = s.project.clone();
        s.start_merge(vec![PathBuf::from("/nonexistent-acta/b.ron")]);
        s.wait_for_jobs();
        assert_eq!(s.project, before);
        assert!(!s.history.can_undo());
        assert!(
            matches!(&s.dialog, Some(Dialog::Error { message, .. }) if message.contains("/nonexistent-acta/b.ron"))
        );
    }
}
