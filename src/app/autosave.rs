//! Autosave: unsaved work goes to this session's recovery file (see `recovery.rs`) at most
//! `interval` after it was made, and at once when the window loses focus; a panic writes an
//! emergency copy (`crash.rs` says when). At start, recoveries that outlived their session are
//! offered for restore.

use super::jobs::JobOutput;
use super::recovery::{self, Recovery};
use super::{AppState, Dialog};
use crate::formats::project::Loaded;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Autosave {
    /// The recovery folder; `None` turns autosave off (tests, benchmarks).
    pub dir: Option<PathBuf>,
    pub interval: Duration,
    /// This session's recovery file, once written, and the history state it holds.
    file: Option<PathBuf>,
    written: Option<u64>,
    /// Since when there is work the recovery file does not hold.
    pending_since: Option<Instant>,
    pub(super) in_flight: bool,
    /// Offer recoveries of never-saved projects too (set at start).
    pub(super) offer_untitled: bool,
    /// Recoveries waiting for the dialog to be free, newest first.
    offers: Vec<Recovery>,
    /// A panic's emergency copy is written: the unwinding that follows must not write another.
    pub(super) emergency_written: bool,
}

impl Default for Autosave {
    fn default() -> Self {
        Self {
            dir: None,
            interval: DEFAULT_INTERVAL,
            file: None,
            written: None,
            pending_since: None,
            in_flight: false,
            offer_untitled: false,
            offers: Vec::new(),
            emergency_written: false,
        }
    }
}

impl Autosave {
    /// This session's recovery file, if one was written.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

impl AppState {
    /// Called every frame: writes the recovery copy when unsaved work has waited `interval`,
    /// and shows a pending recovery offer once no dialog is up. Returns how long until it
    /// wants to be called again (the UI asks for a repaint then).
    pub fn autosave_tick(&mut self, now: Instant) -> Option<Duration> {
        if self.dialog.is_none() && !self.autosave.offers.is_empty() {
            let r = self.autosave.offers.remove(0);
            self.offer(r);
        }
        self.autosave.dir.as_ref()?;
        let serial = self.history.state();
        if !self.is_dirty() {
            // Saved, or undone back to the saved state: the copy is not needed any more.
            self.autosave.pending_since = None;
            if !self.autosave.in_flight {
                self.drop_own_recovery();
            }
            return None;
        }
        if self.autosave.written == Some(serial) || self.loading {
            self.autosave.pending_since = None;
            return None;
        }
        let since = *self.autosave.pending_since.get_or_insert(now);
        let due = since + self.autosave.interval;
        if now >= due && !self.autosave.in_flight {
            self.write_recovery();
            return None;
        }
        Some(due.saturating_duration_since(now).max(Duration::from_millis(50)))
    }

    /// Writes the recovery copy now if there is unsaved work it lacks (focus lost).
    pub fn autosave_now(&mut self) {
        if self.autosave.dir.is_some()
            && self.is_dirty()
            && !self.loading
            && !self.autosave.in_flight
            && self.autosave.written != Some(self.history.state())
        {
            self.write_recovery();
        }
    }

    fn recovery_file(&mut self) -> Option<PathBuf> {
        let dir = self.autosave.dir.as_ref()?;
        let file = self.autosave.file.get_or_insert_with(|| {
            recovery::new_file(dir, self.path.as_deref(), &self.project.name)
        });
        Some(file.clone())
    }

    fn write_recovery(&mut self) {
        let Some(file) = self.recovery_file() else { return };
        self.autosave.in_flight = true;
        self.autosave.pending_since = None;
        let snapshot = self.project.clone();
        let serial = self.history.state();
        let meta = recovery::meta_for(&snapshot, self.path.as_deref());
        self.jobs.spawn("autosaving", move || {
            let result = recovery::write(&file, &snapshot, &meta)
                .map_err(|e| format!("cannot write the recovery copy {}: {e}", file.display()));
            JobOutput::Autosaved { serial, file, result }
        });
    }

    pub(super) fn finish_autosave(
        &mut self,
        serial: u64,
        file: PathBuf,
        result: Result<(), String>,
    ) {
        self.autosave.in_flight = false;
        match result {
            Ok(()) if self.autosave.file.as_ref() == Some(&file) => {
                self.autosave.written = Some(serial)
            }
            // The project was replaced meanwhile: that copy belongs to nobody.
            Ok(()) => recovery::remove(&file),
            Err(message) => {
                // Retried after the next interval; the user should know it is not safe yet.
                self.error(format!("Autosave failed: {message}"));
            }
        }
    }

    /// Deletes this session's recovery copy (the work was saved, or knowingly dropped).
    pub(super) fn drop_own_recovery(&mut self) {
        if let Some(file) = self.autosave.file.take() {
            recovery::remove(&file);
        }
        self.autosave.written = None;
        self.autosave.pending_since = None;
    }

    /// A panic is ending the process: write the work to a recovery file now, on this thread,
    /// and return where. It will be offered at the next start.
    pub fn emergency_copy(&mut self, message: &str) -> Result<PathBuf, String> {
        let dir = self.autosave.dir.clone().unwrap_or_else(recovery::default_dir);
        let file =
            self.autosave.file.clone().unwrap_or_else(|| {
                recovery::new_file(&dir, self.path.as_deref(), &self.project.name)
            });
        let mut meta = recovery::meta_for(&self.project, self.path.as_deref());
        meta.crash = Some(message.to_string());
        recovery::write(&file, &self.project, &meta)
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        // It must survive this session's end: no longer "ours" to delete.
        self.autosave.file = None;
        self.autosave.emergency_written = true;
        Ok(file)
    }

    /// Queues the recoveries to offer for the project at `path` (and, at start, those of
    /// projects never saved).
    pub(super) fn look_for_recovery(&mut self, path: Option<&Path>) {
        let Some(dir) = self.autosave.dir.clone() else { return };
        let mut found = recovery::offers(&dir, path);
        if path.is_some() && std::mem::take(&mut self.autosave.offer_untitled) {
            found.extend(recovery::offers(&dir, None));
        }
        self.autosave.offer_untitled = false;
        for r in found {
            if !self.autosave.offers.iter().any(|o| o.file == r.file) {
                self.autosave.offers.push(r);
            }
        }
        if self.dialog.is_none() && !self.autosave.offers.is_empty() {
            let r = self.autosave.offers.remove(0);
            self.offer(r);
        }
    }

    fn offer(&mut self, r: Recovery) {
        let same_project = r.meta.project_path.is_some()
            && r.meta
                .project_path
                .as_deref()
                .zip(self.path.as_deref())
                .is_some_and(|(a, b)| std::path::absolute(b).is_ok_and(|b| a == b));
        let file_project = same_project.then_some(&self.project);
        let summary = recovery::summary(&r, file_project);
        self.dialog = Some(Dialog::Recover { recovery: Box::new(r), summary });
    }

    /// "Restore": reads the recovery file on a thread; `finish_restore` puts it in place.
    pub fn restore(&mut self, r: Recovery) {
        self.dialog = None;
        self.loading = true;
        self.jobs.spawn("restoring", move || {
            let result = crate::formats::project::load_file(&r.file).map_err(|e| e.to_string());
            JobOutput::Recovered { recovery: Box::new(r), result }
        });
    }

    /// "Discard": the recovery is deleted for good.
    pub fn discard_recovery(&mut self, r: &Recovery) {
        self.dialog = None;
        recovery::remove(&r.file);
        self.info("The recovered work was discarded");
    }

    pub(super) fn finish_restore(&mut self, r: Recovery, result: Result<Loaded, String>) {
        self.loading = false;
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(message) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot restore".into(),
                    message: format!("{message}\n\nThe recovery file is left where it is."),
                });
                return;
            }
        };
        // Restoring onto the project it belongs to keeps what is known of the file on disk,
        // so a save still notices a teammate's change.
        let same = r.meta.project_path.is_some()
            && self.path.as_deref().and_then(|p| std::path::absolute(p).ok())
                == r.meta.project_path;
        let on_disk = if same { self.on_disk.take() } else { None };
        let path = r.meta.project_path.clone().filter(|p| p.parent().is_some_and(Path::is_dir));
        self.replace_loaded(loaded, path);
        self.on_disk = on_disk;
        self.history.mark_unsaved();
        // The restored copy stays this session's recovery until the work is saved.
        self.autosave.file = Some(r.file.clone());
        self.info(format!(
            "Restored the work of {}: save to keep it (the recovery file stays until then)",
            r.meta.written
        ));
    }
}

#[cfg(test)]
mod tests;
