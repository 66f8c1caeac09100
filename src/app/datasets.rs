//! File → Export and File → Import: the choices the dialogs edit, the background jobs that run
//! them with a progress bar and a Cancel button, and what happens when they finish. An import
//! lands as one undoable edit (schema additions + new documents); a cancelled or failed export
//! writes nothing.

use super::jobs::JobOutput;
use super::{AppState, Dialog};
use crate::formats::export::{self, DoccanoMode, ExportOptions, Layer, OffsetUnit, Overlap};
use crate::formats::import::{self, ImportOptions};
use crate::formats::progress::Progress;
use crate::model::Edit;
use std::path::PathBuf;

/// The export dialog's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDraft {
    pub format: &'static str,
    pub path: String,
    /// `None`: the default layer (gold once it exists, else everyone); `Some("")` everyone.
    pub layer: Option<String>,
    pub only_done: bool,
    pub offsets: OffsetUnit,
    pub overlap: Overlap,
    pub v2_json: bool,
    pub doccano: DoccanoMode,
    pub strict: bool,
    /// The project's annotators, for the layer choice (listed once, when the dialog opens).
    pub annotators: Vec<String>,
}

/// The import dialog's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportDraft {
    pub format: &'static str,
    /// One path per line.
    pub paths: String,
    pub annotator: String,
    pub offsets: OffsetUnit,
}

/// A long job the status bar shows with a progress bar and a Cancel button.
#[derive(Clone, Debug)]
pub struct Task {
    pub what: String,
    pub progress: Progress,
}

/// The file name each format suggests, beside the project.
fn default_out(format: &str) -> &'static str {
    match format {
        "brat" => "brat",
        "conll" => "dataset.conll",
        "label-studio" => "tasks.json",
        _ => "dataset.jsonl",
    }
}

impl ExportDraft {
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            strict: self.strict,
            layer: match self.layer.as_deref() {
                None => Layer::Default,
                Some("") => Layer::All,
                Some(name) => Layer::Annotator(name.to_string()),
            },
            only_done: self.only_done,
            offsets: self.offsets,
            overlap: self.overlap,
            v2_json: self.v2_json,
            doccano: self.doccano,
        }
    }

    /// Points the output at the format's usual file name, in the folder already chosen.
    pub fn set_format(&mut self, format: &'static str) {
        let old = default_out(self.format);
        self.format = format;
        let path = PathBuf::from(&self.path);
        if path.file_name().is_none_or(|n| n == old) {
            let dir = path.parent().map(PathBuf::from).unwrap_or_default();
            self.path = dir.join(default_out(format)).display().to_string();
        }
    }
}

impl AppState {
    pub fn ask_export(&mut self) {
        let dir = self.path.as_ref().and_then(|p| p.parent()).map(PathBuf::from);
        let path = dir.unwrap_or_default().join(default_out("jsonl"));
        self.dialog = Some(Dialog::Export(Box::new(ExportDraft {
            format: "jsonl",
            path: path.display().to_string(),
            layer: None,
            only_done: false,
            offsets: OffsetUnit::Codepoints,
            overlap: Overlap::Outer,
            v2_json: false,
            doccano: DoccanoMode::Relation,
            strict: false,
            annotators: self.project.annotators().into_iter().map(String::from).collect(),
        })));
    }

    pub fn ask_import(&mut self) {
        self.dialog = Some(Dialog::Import(Box::new(ImportDraft {
            format: "txt",
            paths: String::new(),
            annotator: self.settings.annotator_name(),
            offsets: OffsetUnit::Codepoints,
        })));
    }

    /// The long job in flight, if any.
    pub fn task(&self) -> Option<&Task> {
        self.task.as_ref()
    }

    pub fn cancel_task(&mut self) {
        if let Some(task) = &self.task {
            task.progress.cancel();
            self.info(format!("Cancelling {}…", task.what));
        }
    }

    fn start_task(&mut self, what: &str) -> Option<Progress> {
        if let Some(task) = &self.task {
            self.error(format!("Wait until {} has finished", task.what));
            return None;
        }
        let progress = Progress::default();
        self.task = Some(Task { what: what.to_string(), progress: progress.clone() });
        Some(progress)
    }

    pub fn start_export(&mut self, draft: ExportDraft) {
        let Some(path) = super::files::parse_path_field(&draft.path).into_iter().next() else {
            self.error("Choose where to export to");
            return;
        };
        let Some(progress) = self.start_task("exporting") else { return };
        let snapshot = self.project.clone();
        let (format, options) = (draft.format, draft.options());
        self.jobs.spawn("exporting", move || {
            let result = export::run(&snapshot, format, &options, &path, &progress);
            JobOutput::Exported { path, result: result.map_err(|e| e.to_string()) }
        });
    }

    pub fn start_import(&mut self, draft: ImportDraft) {
        let inputs = super::files::parse_path_field(&draft.paths);
        if inputs.is_empty() {
            self.error("Choose the files or folders to import");
            return;
        }
        let Some(progress) = self.start_task("importing") else { return };
        let annotator = Some(draft.annotator.trim().to_string()).filter(|a| !a.is_empty());
        let options = ImportOptions { annotator, offsets: draft.offsets };
        let format = draft.format;
        self.jobs.spawn("importing", move || {
            progress.set_total(import::input_bytes(&inputs));
            let result = import::importer(format)
                .and_then(|i| i.import(&inputs, &options, &progress))
                .map_err(|e| e.to_string());
            JobOutput::ImportedBatch { result: result.map(Box::new) }
        });
    }

    /// A finished import: one undoable edit adds the schema's new names and the documents.
    pub(super) fn finish_import(&mut self, result: Result<Box<import::Batch>, String>) {
        if self.task.take().is_some_and(|t| t.progress.is_cancelled()) {
            return self.info("Import cancelled; the project is unchanged");
        }
        let batch = match result {
            Ok(batch) => *batch,
            Err(message) => {
                let title = "Import failed; the project is unchanged".into();
                self.dialog = Some(Dialog::Error { title, message });
                return;
            }
        };
        let mut merged = self.project.clone();
        let before = merged.documents.len();
        let added = import::add_to_project(&mut merged, batch);
        if added.documents == 0 {
            self.error("Nothing to import");
            return;
        }
        let docs: Vec<_> = merged.documents.drain(before..).collect();
        let mut edits = Vec::new();
        if merged.schema != self.project.schema {
            edits.push(Edit::SetSchema { schema: Box::new(merged.schema) });
        }
        edits.push(Edit::AddDocuments { docs });
        if self.apply(Edit::Batch(edits)) {
            self.set_document(before);
            let mut text = format!(
                "Imported {} documents, {} spans, {} events",
                added.documents, added.spans, added.events
            );
            for note in added.notes.iter().take(3) {
                text.push_str("; ");
                text.push_str(note);
            }
            if added.notes.len() > 3 {
                text.push_str(&format!("; and {} more notes", added.notes.len() - 3));
            }
            self.info(text);
        }
    }

    /// A finished export: a short status, or a report listing what was left out.
    pub(super) fn finish_export(
        &mut self,
        path: PathBuf,
        result: Result<export::ExportReport, String>,
    ) {
        if self.task.take().is_some_and(|t| t.progress.is_cancelled()) {
            return self.info("Export cancelled; nothing was written");
        }
        match result {
            Ok(r) if r.skipped.is_empty() => self.info(format!(
                "Exported {} documents, {} spans, {} events to {}",
                r.documents,
                r.spans,
                r.events,
                path.display()
            )),
            Ok(r) => {
                let mut message = format!(
                    "Exported {} documents, {} spans, {} events to {}.\n\n\
                     The format cannot hold {} annotation(s); they were left out:\n",
                    r.documents,
                    r.spans,
                    r.events,
                    path.display(),
                    r.skipped.len()
                );
                for s in &r.skipped {
                    message.push_str(&format!("• {} {}: {}\n", s.doc, s.ann, s.reason));
                }
                self.dialog = Some(Dialog::Error { title: "Export report".into(), message });
            }
            Err(message) => {
                self.dialog = Some(Dialog::Error { title: "Export failed".into(), message })
            }
        }
    }
}
