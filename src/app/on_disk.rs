//! The project file on disk as this session knows it, and what to do when someone else changed
//! it (a teammate's save, a `git pull`): reload theirs, merge it into this work with the
//! team-review three-way merge (as one undoable step), save elsewhere, or overwrite it (theirs
//! is then kept as `NAME.ron.bak`). Nothing is ever overwritten unasked.

use super::jobs::JobOutput;
use super::{AppState, Dialog, PathPurpose};
use crate::formats::SaveError;
use crate::formats::safe_save::{self, DiskStamp, Expected};
use crate::model::{Edit, Project};
use std::path::PathBuf;
use std::sync::Arc;

/// The file as last read or written: its stamp and the project it held then (sharing its
/// documents with the open project, so keeping it costs little).
#[derive(Clone, Debug)]
pub struct OnDisk {
    pub stamp: DiskStamp,
    pub project: Project,
}

/// A save that landed.
#[derive(Debug)]
pub struct SaveDone {
    pub stamp: Option<DiskStamp>,
    /// What was saved, which is now what the file holds.
    pub snapshot: Project,
    pub kept_original: Option<PathBuf>,
}

/// A save that did not land.
#[derive(Debug)]
pub enum SaveFailure {
    ChangedOnDisk { theirs: Option<Box<Project>> },
    Failed(String),
}

impl AppState {
    /// Writes a snapshot to `path` on a thread. Saving over the file this session opened checks
    /// first that nobody changed it, unless `overwrite`.
    pub(super) fn spawn_save(&mut self, path: PathBuf, overwrite: bool) {
        self.saving = true;
        let snapshot: Project = self.project.clone();
        let serial = self.history.state();
        let expected = match (&self.on_disk, &self.path) {
            (Some(d), Some(p)) if *p == path && !overwrite => Some(d.clone()),
            _ => None,
        };
        self.jobs.spawn("saving", move || {
            let expected =
                expected.as_ref().map(|d| Expected { stamp: &d.stamp, base: &d.project });
            let result = match safe_save::save_project(&snapshot, &path, expected) {
                Ok(saved) => Ok(SaveDone {
                    stamp: saved.stamp,
                    snapshot,
                    kept_original: saved.kept_original,
                }),
                Err(SaveError::ChangedOnDisk { theirs, .. }) => {
                    Err(SaveFailure::ChangedOnDisk { theirs })
                }
                Err(e) => Err(SaveFailure::Failed(e.to_string())),
            };
            JobOutput::Saved { path, serial, result }
        });
    }

    /// The file changed on disk: "Overwrite" saves over it anyway (theirs goes to `.bak`).
    pub fn overwrite_disk(&mut self, path: PathBuf) {
        self.dialog = None;
        self.spawn_save(path, true);
    }

    /// "Reload": the file as it is now replaces this session's work.
    pub fn reload_from_disk(&mut self, path: PathBuf) {
        self.dialog = None;
        self.open(path);
    }

    /// "Save as…" from a failed or refused save.
    pub fn save_elsewhere(&mut self) {
        let text = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        self.dialog = Some(Dialog::Path { purpose: PathPurpose::SaveAs, text });
    }

    /// "Merge": their version and this work merged against the version this session opened,
    /// applied as one undoable edit; conflicts stay as review notes (`merge conflict:`). The
    /// project is then unsaved, and the next save writes over their version.
    pub fn merge_with_disk(&mut self, path: PathBuf, theirs: &Project) {
        self.dialog = None;
        let Some(base) = self.on_disk.as_ref().map(|d| d.project.clone()) else {
            return self.error("Nothing to merge against: the project was not opened from a file");
        };
        let (merged, report) =
            match crate::review::three_way::three_way(&base, &self.project, theirs) {
                Ok(done) => done,
                Err(e) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Cannot merge".into(),
                        message: format!(
                            "{e}\n\nYour work is still open here: use File → Save as… to keep it."
                        ),
                    });
                    return;
                }
            };
        let stamp = match DiskStamp::of(&path) {
            Ok(Some(stamp)) => stamp,
            _ => return self.error(format!("{} vanished while merging", path.display())),
        };
        let mut edits = Vec::new();
        if merged.schema != self.project.schema {
            edits.push(Edit::SetSchema { schema: Box::new(merged.schema.clone()) });
        }
        edits.push(Edit::SetDocuments { docs: merged.documents.clone() });
        self.apply(Edit::Batch(edits));
        self.on_disk = Some(OnDisk { stamp, project: theirs.clone() });
        let n = report.conflicts.len();
        self.info(if n == 0 {
            format!("Merged the changes in {}; save to write the result", path.display())
        } else {
            format!(
                "Merged the changes in {}: {n} conflict(s) kept as review notes (“merge \
                 conflict:”); save to write the result",
                path.display()
            )
        });
    }

    /// A save job reported back: the file is now what was saved, or the user is asked.
    pub(super) fn finish_save(
        &mut self,
        path: PathBuf,
        serial: u64,
        result: Result<SaveDone, SaveFailure>,
    ) {
        self.saving = false;
        match result {
            Ok(done) => {
                self.history.mark_saved(serial);
                self.on_disk = done.stamp.map(|stamp| OnDisk { stamp, project: done.snapshot });
                let mut text = format!("Saved {}", path.display());
                if let Some(copy) = done.kept_original {
                    text.push_str(&format!(
                        "; it was in an older format, the original is kept as {}",
                        copy.display()
                    ));
                }
                self.info(text);
                self.path = Some(path.clone());
                self.remember_project(path);
                if !self.is_dirty() {
                    self.drop_own_recovery();
                }
                if self.save_again {
                    self.save_again = false;
                    self.save();
                } else if let Some(then) = self.after_save.take()
                    && !self.is_dirty()
                {
                    self.proceed(then);
                }
            }
            Err(failure) => {
                self.save_again = false;
                self.after_save = None;
                self.dialog = Some(match failure {
                    SaveFailure::ChangedOnDisk { theirs } => {
                        Dialog::ChangedOnDisk { path, theirs: theirs.map(|p| Arc::new(*p)) }
                    }
                    SaveFailure::Failed(message) => Dialog::SaveFailed { path, message },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
