//! The Export and Import dialogs: a format chosen from the registries, a path typed or picked
//! (rfd), and the options that format understands — options a format ignores are not shown.

use crate::app::datasets::{ExportDraft, ImportDraft};
use crate::app::{AppState, Dialog};
use crate::formats::export::{self, DoccanoMode, OffsetUnit, Overlap};
use crate::formats::import;
use eframe::egui::{self, Id, Modal, Ui};
use std::path::PathBuf;

const JSON_FORMATS: [&str; 4] = ["jsonl", "spacy", "doccano", "label-studio"];
const TOKEN_FORMATS: [&str; 3] = ["conll", "hf", "spacy"];

fn offsets_combo(ui: &mut Ui, id: &str, offsets: &mut OffsetUnit) {
    ui.horizontal(|ui| {
        let label = ui.label("Offsets");
        egui::ComboBox::from_id_salt(id)
            .selected_text(match offsets {
                OffsetUnit::Codepoints => "code points",
                OffsetUnit::Utf16 => "UTF-16 units",
                OffsetUnit::Bytes => "UTF-8 bytes",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(offsets, OffsetUnit::Codepoints, "code points");
                ui.selectable_value(offsets, OffsetUnit::Utf16, "UTF-16 units");
                ui.selectable_value(offsets, OffsetUnit::Bytes, "UTF-8 bytes");
            })
            .response
            .labelled_by(label.id);
    });
}

fn path_row(ui: &mut Ui, label: &str, text: &mut String, pick: impl FnOnce() -> Option<String>) {
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let field = egui::TextEdit::singleline(text).desired_width(400.0);
        ui.add(field).labelled_by(label.id);
        if ui.button("Browse…").clicked()
            && let Some(p) = pick()
        {
            *text = p;
        }
    });
}

/// A modal with `body` above the `action` and Cancel buttons: `Some(true)` for the action,
/// `Some(false)` for Cancel (or Esc, or a click outside), `None` while it stays open.
fn modal_with_buttons(
    ctx: &egui::Context,
    id: &str,
    action: &str,
    body: impl FnOnce(&mut Ui),
) -> Option<bool> {
    let mut outcome = None;
    let modal = Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_width(560.0);
        body(ui);
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(action).clicked() {
                outcome = Some(true);
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(false);
            }
        });
    });
    if modal.should_close() && outcome.is_none() {
        outcome = Some(false);
    }
    outcome
}

fn start_dir(text: &str) -> Option<PathBuf> {
    let p = PathBuf::from(text.lines().next().unwrap_or_default());
    if p.is_dir() { Some(p) } else { p.parent().filter(|d| d.is_dir()).map(PathBuf::from) }
}

pub fn export_dialog(ctx: &egui::Context, state: &mut AppState, mut draft: ExportDraft) {
    let outcome = modal_with_buttons(ctx, "export-dialog", "Export", |ui| {
        ui.heading("Export dataset");
        ui.horizontal(|ui| {
            let label = ui.label("Format");
            egui::ComboBox::from_id_salt("export-format")
                .selected_text(draft.format)
                .show_ui(ui, |ui| {
                    for (name, describe) in export::formats() {
                        if ui
                            .selectable_label(draft.format == name, name)
                            .on_hover_text(describe)
                            .clicked()
                        {
                            draft.set_format(name);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let folder = draft.format == "brat";
        let current = draft.path.clone();
        path_row(ui, if folder { "Output folder" } else { "Output file" }, &mut draft.path, || {
            let mut d = rfd::FileDialog::new();
            if let Some(dir) = start_dir(&current) {
                d = d.set_directory(dir);
            }
            let picked = if folder { d.pick_folder() } else { d.save_file() };
            picked.map(|p| p.display().to_string())
        });
        ui.horizontal(|ui| {
            let label = ui.label("Annotations of");
            let shown = match draft.layer.as_deref() {
                None => "gold, else everyone".to_string(),
                Some("") => "everyone".to_string(),
                Some(name) => name.to_string(),
            };
            egui::ComboBox::from_id_salt("export-layer")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.layer, None, "gold, else everyone");
                    ui.selectable_value(&mut draft.layer, Some(String::new()), "everyone");
                    for name in &draft.annotators {
                        ui.selectable_value(&mut draft.layer, Some(name.clone()), name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.checkbox(&mut draft.only_done, "Only documents marked done");
        if JSON_FORMATS.contains(&draft.format) {
            offsets_combo(ui, "export-offsets", &mut draft.offsets);
        }
        if TOKEN_FORMATS.contains(&draft.format) {
            ui.horizontal(|ui| {
                ui.label("Overlapping spans");
                ui.selectable_value(&mut draft.overlap, Overlap::Outer, "keep outer");
                ui.selectable_value(&mut draft.overlap, Overlap::Inner, "keep inner");
                ui.selectable_value(&mut draft.overlap, Overlap::Error, "refuse");
            });
        }
        if draft.format == "spacy" {
            ui.checkbox(&mut draft.v2_json, "spaCy v2 JSON (raw text + BILUO) for spacy convert");
        }
        if draft.format == "doccano" {
            ui.horizontal(|ui| {
                ui.label("doccano project");
                ui.selectable_value(
                    &mut draft.doccano,
                    DoccanoMode::Relation,
                    "relation extraction",
                );
                ui.selectable_value(&mut draft.doccano, DoccanoMode::Seq, "sequence labelling");
            });
        }
        ui.checkbox(&mut draft.strict, "Strict: write nothing if any annotation would be left out");
    });
    match outcome {
        Some(true) => {
            state.dialog = None;
            state.start_export(draft);
        }
        Some(false) => state.dialog = None,
        None => state.dialog = Some(Dialog::Export(Box::new(draft))),
    }
}

pub fn import_dialog(ctx: &egui::Context, state: &mut AppState, mut draft: ImportDraft) {
    let outcome = modal_with_buttons(ctx, "import-dialog", "Import", |ui| {
        ui.heading("Import into this project");
        ui.horizontal(|ui| {
            let label = ui.label("Format");
            egui::ComboBox::from_id_salt("import-format")
                .selected_text(draft.format)
                .show_ui(ui, |ui| {
                    for (name, describe) in import::formats() {
                        ui.selectable_value(&mut draft.format, name, name).on_hover_text(describe);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let label = ui.label("Files or folders, one per line");
        ui.horizontal(|ui| {
            let field = egui::TextEdit::multiline(&mut draft.paths).desired_rows(3);
            ui.add(field.desired_width(400.0)).labelled_by(label.id);
            ui.vertical(|ui| {
                let start = start_dir(&draft.paths);
                let dialog = || {
                    let d = rfd::FileDialog::new();
                    if let Some(dir) = start.clone() { d.set_directory(dir) } else { d }
                };
                let join = |paths: Vec<PathBuf>| {
                    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("\n")
                };
                if ui.button("Files…").clicked()
                    && let Some(paths) = dialog().pick_files()
                {
                    draft.paths = join(paths);
                }
                if ui.button("Folder…").clicked()
                    && let Some(path) = dialog().pick_folder()
                {
                    draft.paths = join(vec![path]);
                }
            });
        });
        ui.horizontal(|ui| {
            let label = ui.label("Annotator");
            ui.add(egui::TextEdit::singleline(&mut draft.annotator).desired_width(200.0))
                .labelled_by(label.id)
                .on_hover_text(
                    "Stamped on every imported annotation; empty keeps the file's names",
                );
        });
        if JSON_FORMATS.contains(&draft.format) {
            offsets_combo(ui, "import-offsets", &mut draft.offsets);
        }
    });
    match outcome {
        Some(true) => {
            state.dialog = None;
            state.start_import(draft);
        }
        Some(false) => state.dialog = None,
        None => state.dialog = Some(Dialog::Import(Box::new(draft))),
    }
}
