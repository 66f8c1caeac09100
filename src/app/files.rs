//! Opening, saving, importing and exporting, each as a background job; and what happens when
//! a job reports back. A failed save keeps the work in memory and says what to do next.

use super::jobs::JobOutput;
use super::on_disk::OnDisk;
use super::{AppState, Dialog, PathPurpose};
use crate::formats::project::{self, Loaded};
use crate::formats::safe_save::DiskStamp;
use crate::formats::text_import;
use std::path::{Path, PathBuf};

/// The sample project compiled into the binary, so the app always has something to show.
pub const EMBEDDED_SAMPLE: &str = include_str!("../../projects/sample.ron");

impl AppState {
    /// The project to show at start: the given file, else the last one opened, else
    /// `projects/sample.ron`, else the sample compiled into the binary.
    pub fn open_at_start(&mut self, arg: Option<PathBuf>) {
        // Work of sessions that never saved their project is offered at start too.
        self.autosave.offer_untitled = true;
        let sample = PathBuf::from("projects/sample.ron");
        let last = self.settings.last_project.clone().filter(|p| p.is_file());
        match arg.or(last).or_else(|| sample.is_file().then_some(sample)) {
            Some(path) => self.open(path),
            None => match project::parse("sample.ron", EMBEDDED_SAMPLE) {
                Ok(Loaded { project, .. }) => {
                    self.replace_project(project, None);
                    self.history.mark_unsaved();
                    self.info("The built-in sample project: Save As to keep your work");
                    self.look_for_recovery(None);
                }
                Err(e) => self.error(e.to_string()),
            },
        }
    }

    /// Opens a project file in the background; the current project stays until it has loaded.
    pub fn open(&mut self, path: PathBuf) {
        self.loading = true;
        self.jobs.spawn("opening", move || {
            // The stamp before the read: a change in between shows as a change at save time.
            let stamp = DiskStamp::of(&path).ok().flatten();
            let result = project::load_file(&path).map_err(|e| e.to_string());
            JobOutput::Loaded { path, stamp, result }
        });
    }

    /// Save: to the project's file, or ask where.
    pub fn save(&mut self) {
        match self.path.clone() {
            Some(path) => self.save_to(path),
            None => {
                self.dialog =
                    Some(Dialog::Path { purpose: PathPurpose::SaveAs, text: String::new() })
            }
        }
    }

    /// Writes a snapshot of the project to `path` on a thread. Editing goes on meanwhile; the
    /// project is clean afterwards only if nothing changed since the snapshot.
    pub fn save_to(&mut self, path: PathBuf) {
        if self.saving {
            self.save_again = true;
            return;
        }
        let path = with_extension_if_missing(path, "ron");
        self.spawn_save(path, false);
    }

    pub fn new_from_texts(&mut self, inputs: Vec<PathBuf>) {
        self.loading = true;
        self.jobs.spawn("importing", move || {
            let name = inputs
                .first()
                .and_then(|p| if p.is_dir() { p.file_name() } else { p.parent()?.file_name() })
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Untitled".into());
            let result = text_import::project_from_texts(&name, &inputs).map_err(|e| e.to_string());
            JobOutput::Imported { result }
        });
    }

    /// What the path dialog does with the path(s) it was given.
    pub fn path_chosen(&mut self, purpose: PathPurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else { return };
        match purpose {
            PathPurpose::Open => self.open(first),
            PathPurpose::SaveAs => self.save_to(first),
            PathPurpose::NewFromFiles | PathPurpose::NewFromFolder => self.new_from_texts(paths),
            PathPurpose::MergeProjects => self.start_merge(paths),
            PathPurpose::Gazetteer => self.load_gazetteer(first),
        }
    }

    /// Takes in finished background jobs. Called every frame.
    pub fn poll_jobs(&mut self) {
        for output in self.jobs.poll() {
            self.finish(output);
        }
    }

    /// Waits for the jobs in flight and takes them in (tests; the last save before quitting).
    pub fn wait_for_jobs(&mut self) {
        while self.jobs.running() > 0 {
            for output in self.jobs.wait_all() {
                self.finish(output);
            }
        }
    }

    fn finish(&mut self, output: JobOutput) {
        match output {
            JobOutput::Loaded { path, stamp, result } => {
                self.loading = false;
                match result {
                    Ok(loaded) => {
                        let summary = format!(
                            "Opened {}: {} documents, {} annotations{}",
                            path.display(),
                            loaded.project.documents.len(),
                            loaded.project.span_count(),
                            match loaded.warnings.len() {
                                0 => String::new(),
                                n => format!(", {n} problem(s) listed in the right panel"),
                            }
                        );
                        let file_project = loaded.project.clone();
                        self.replace_loaded(loaded, Some(path.clone()));
                        self.on_disk = stamp.map(|stamp| OnDisk { stamp, project: file_project });
                        self.remember_project(path.clone());
                        self.info(summary);
                        self.look_for_recovery(Some(&path));
                    }
                    Err(message) => {
                        let title = format!("Cannot open {}", path.display());
                        self.dialog = Some(Dialog::Error { title, message });
                        if self.autosave.offer_untitled {
                            self.look_for_recovery(None);
                        }
                    }
                }
            }
            JobOutput::Saved { path, serial, result } => self.finish_save(path, serial, result),
            JobOutput::Autosaved { serial, file, result } => {
                self.finish_autosave(serial, file, result)
            }
            JobOutput::Recovered { recovery, result } => self.finish_restore(*recovery, result),
            JobOutput::Imported { result } => {
                self.loading = false;
                match result {
                    Ok(imported) => {
                        let n = imported.project.documents.len();
                        self.replace_project(imported.project, None);
                        self.history.mark_unsaved();
                        let mut text = format!("New project with {n} document(s); not saved yet");
                        for note in &imported.notes {
                            text.push_str("; ");
                            text.push_str(note);
                        }
                        self.info(text);
                    }
                    Err(message) => {
                        self.dialog = Some(Dialog::Error {
                            title: "Cannot create the project".into(),
                            message,
                        })
                    }
                }
            }
            JobOutput::Exported { path, result } => self.finish_export(path, result),
            JobOutput::ImportedBatch { result } => self.finish_import(result),
            JobOutput::MergeRead { result } => self.finish_merge(result),
            JobOutput::Suggested { key, items } => self.finish_suggest(key, items),
            JobOutput::Checked { index, key, problems } => {
                self.problems.store(&self.project, index, key, problems);
            }
            JobOutput::Crashed { what } => {
                if what == "checking" {
                    self.problems.job_lost();
                }
                if what == "autosaving" {
                    self.autosave.in_flight = false;
                }
                if what == "suggesting" {
                    self.suggest.pending = None;
                }
                self.loading = false;
                self.saving = false;
                self.task = None;
                self.dialog = Some(Dialog::Error {
                    title: "Internal error".into(),
                    message: format!(
                        "An internal error stopped {what}. Your work is still open here; \
                         please save it under another name."
                    ),
                });
            }
        }
    }

    pub(super) fn remember_project(&mut self, path: PathBuf) {
        let absolute = std::path::absolute(&path).unwrap_or(path);
        if self.settings.last_project.as_deref() != Some(absolute.as_path()) {
            self.settings.last_project = Some(absolute);
            self.save_settings();
        }
    }
}

fn with_extension_if_missing(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() { path.with_extension(ext) } else { path }
}

/// Paths typed into a path field: one per line, blank lines ignored, `~/` expanded.
pub fn parse_path_field(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match (l.strip_prefix("~/"), std::env::var_os("HOME")) {
            (Some(rest), Some(home)) => Path::new(&home).join(rest),
            _ => PathBuf::from(l),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::Settings;
    use crate::app::{Command, TextSelection};

    fn open_sample() -> AppState {
        let loaded = project::parse("sample", EMBEDDED_SAMPLE);
        let project = loaded.map(|l| l.project).unwrap_or_default();
        AppState::with_project(project, None, Settings::default())
    }

    #[test]
    fn save_open_and_dirty_flag() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("проект.ron");
        let mut s = open_sample();
        s.selection = Some(TextSelection::new(0, 3));
        s.tag("Actor");
        assert!(s.is_dirty());
        s.save_to(path.clone());
        s.wait_for_jobs();
        assert!(!s.is_dirty(), "{:?}", s.dialog);
        assert_eq!(s.path.as_deref(), Some(path.as_path()));
        let first = std::fs::read(&path)?;
        s.run(Command::Save);
        s.wait_for_jobs();
        assert_eq!(
            std::fs::read(&path)?,
            first,
            "a save that changes nothing writes the same bytes"
        );

        let spans = s.project.span_count();
        let mut t = AppState::new(Settings::default(), None);
        t.open(path.clone());
        t.wait_for_jobs();
        assert_eq!(t.project.span_count(), spans);
        assert_eq!(t.path.as_deref(), Some(path.as_path()));
        Ok(())
    }

    #[test]
    fn older_format_is_migrated_and_the_old_file_kept() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("старый.ron");
        let v1 = EMBEDDED_SAMPLE.replace("format_version: 2", "format_version: 1");
        assert_ne!(v1, EMBEDDED_SAMPLE);
        std::fs::write(&path, &v1)?;
        let mut s = AppState::new(Settings::default(), None);
        s.open(path.clone());
        s.wait_for_jobs();
        assert!(s.dialog.is_none(), "a format-1 file opens: {:?}", s.dialog);
        assert_eq!(std::fs::read_to_string(&path)?, v1, "opening changes nothing");
        s.selection = Some(TextSelection::new(0, 3));
        s.tag("Actor");
        s.run(Command::Save);
        s.wait_for_jobs();
        assert!(!s.is_dirty(), "{:?}", s.dialog);
        let kept = dir.path().join("старый.v1.ron");
        assert_eq!(std::fs::read_to_string(&kept)?, v1, "the original is kept as it was");
        assert!(s.status.as_ref().is_some_and(|m| m.text.contains("старый.v1.ron")));
        let now = std::fs::read_to_string(&path)?;
        assert!(now.contains("format_version: 2"));
        assert_eq!(project::parse("x", &now)?.project, s.project);
        Ok(())
    }

    #[test]
    fn unsaved_changes_are_guarded() {
        let mut s = open_sample();
        s.selection = Some(TextSelection::new(0, 3));
        s.tag("Actor");
        s.run(Command::Open);
        assert_eq!(s.dialog, Some(Dialog::ConfirmDiscard { then: Command::Open }));
        s.run(Command::Quit);
        assert!(!s.quit_confirmed);
    }

    #[test]
    fn broken_file_opens_nothing_and_names_the_place() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("broken.ron");
        std::fs::write(&path, "(format_version: 1, name: \"x\",\n  schema: (labels: [)")?;
        let mut s = open_sample();
        let before = s.project.clone();
        s.open(path);
        s.wait_for_jobs();
        assert_eq!(s.project, before);
        assert!(
            matches!(&s.dialog, Some(Dialog::Error { message, .. }) if message.contains("broken.ron:2:"))
        );
        Ok(())
    }

    #[test]
    fn no_edits_while_another_project_is_opening() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("other.ron");
        std::fs::write(&path, EMBEDDED_SAMPLE)?;
        let mut s = open_sample();
        s.open(path);
        s.selection = Some(TextSelection::new(0, 3));
        s.tag("Actor");
        assert!(!s.is_dirty(), "an edit made now would vanish when the other project lands");
        assert!(s.status.as_ref().is_some_and(|m| m.is_error));
        s.wait_for_jobs();
        s.selection = Some(TextSelection::new(0, 3));
        s.tag("Actor");
        assert!(s.is_dirty());
        Ok(())
    }

    #[test]
    fn path_field_takes_one_path_per_line() {
        let paths = parse_path_field(" a.txt \n\n b/c.txt\n");
        assert_eq!(paths, vec![PathBuf::from("a.txt"), PathBuf::from("b/c.txt")]);
    }
}
