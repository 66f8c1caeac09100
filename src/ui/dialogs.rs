//! Modal dialogs: a path (typed, or picked with the system's file dialog), the unsaved-changes
//! question, and errors. Typing a path always works, even where the system dialog cannot open
//! (no desktop portal), and it is what the headless tests use.

use crate::app::files::parse_path_field;
use crate::app::{AppState, Command, Dialog, PathPurpose};
use eframe::egui::{self, Id, Key, Modal, RichText};
use std::path::PathBuf;

pub fn dialogs_ui(ctx: &egui::Context, state: &mut AppState) {
    if matches!(state.dialog, Some(Dialog::SchemaEditor(_))) {
        // Its draft is edited in place rather than cloned every frame.
        return super::schema_editor::schema_editor_ui(ctx, state);
    }
    if matches!(state.dialog, Some(Dialog::Agreement(_))) {
        // The report can be long: it is lent to the window, not cloned every frame.
        if let Some(Dialog::Agreement(mut window)) = state.dialog.take()
            && super::agreement_view::agreement_ui(ctx, state, &mut window)
            && state.dialog.is_none()
        {
            state.dialog = Some(Dialog::Agreement(window));
        }
        return;
    }
    let Some(dialog) = state.dialog.clone() else { return };
    match dialog {
        Dialog::Path { purpose, text } => path_dialog(ctx, state, purpose, text),
        Dialog::ConfirmDiscard { then } => confirm_dialog(ctx, state, then),
        Dialog::Error { title, message } => error_dialog(ctx, state, &title, &message),
        Dialog::ConfirmDelete { summary, edit } => confirm_delete(ctx, state, &summary, *edit),
        Dialog::Export(draft) => super::dataset_dialogs::export_dialog(ctx, state, *draft),
        Dialog::Import(draft) => super::dataset_dialogs::import_dialog(ctx, state, *draft),
        Dialog::Annotator { name, first } => annotator_dialog(ctx, state, name, first),
        Dialog::SaveFailed { path, message } => {
            super::safety_dialogs::save_failed(ctx, state, path, &message)
        }
        Dialog::ChangedOnDisk { path, theirs } => {
            super::safety_dialogs::changed_on_disk(ctx, state, path, theirs)
        }
        Dialog::AnnotateAll(plan) => super::find_bar::annotate_all_dialog(ctx, state, *plan),
        Dialog::Recover { recovery, summary } => {
            super::safety_dialogs::recover(ctx, state, *recovery, &summary)
        }
        Dialog::Agreement(_) | Dialog::SchemaEditor(_) => {}
    }
}

fn purpose_text(purpose: PathPurpose) -> (&'static str, &'static str, &'static str) {
    match purpose {
        PathPurpose::Open => ("Open project", "Project file", "Open"),
        PathPurpose::SaveAs => ("Save project as", "Project file", "Save"),
        PathPurpose::NewFromFiles => {
            ("New project from text files", "Text files, one per line", "Create")
        }
        PathPurpose::NewFromFolder => {
            ("New project from a folder of .txt files", "Folder", "Create")
        }
        PathPurpose::MergeProjects => {
            ("Merge projects into this one", "Project files, one per line", "Merge")
        }
        PathPurpose::Gazetteer => ("Gazetteer for actor suggestions", "CSV file", "Load"),
    }
}

/// The system's file dialog; `None` when cancelled or unavailable.
fn browse(purpose: PathPurpose, current: &str) -> Option<Vec<PathBuf>> {
    let start = PathBuf::from(current.lines().next().unwrap_or_default());
    let dir = if start.is_dir() { Some(start.clone()) } else { start.parent().map(PathBuf::from) };
    let mut dialog = rfd::FileDialog::new();
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    match purpose {
        PathPurpose::Open => {
            dialog.add_filter("Acta project", &["ron"]).pick_file().map(|p| vec![p])
        }
        PathPurpose::SaveAs => dialog
            .add_filter("Acta project", &["ron"])
            .set_file_name("project.ron")
            .save_file()
            .map(|p| vec![p]),
        PathPurpose::NewFromFiles => dialog.add_filter("Text", &["txt"]).pick_files(),
        PathPurpose::NewFromFolder => dialog.pick_folder().map(|p| vec![p]),
        PathPurpose::MergeProjects => dialog.add_filter("Acta project", &["ron"]).pick_files(),
        PathPurpose::Gazetteer => {
            dialog.add_filter("CSV", &["csv", "txt"]).pick_file().map(|p| vec![p])
        }
    }
}

fn path_dialog(ctx: &egui::Context, state: &mut AppState, purpose: PathPurpose, mut text: String) {
    let (title, field, action) = purpose_text(purpose);
    let multi = matches!(purpose, PathPurpose::NewFromFiles | PathPurpose::MergeProjects);
    let mut outcome: Option<Option<Vec<PathBuf>>> = None;
    let modal = Modal::new(Id::unique("path-dialog")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(title);
        let label = ui.label(field);
        let edit = if multi {
            egui::TextEdit::multiline(&mut text).desired_rows(4)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        let response = ui.add(edit.desired_width(f32::INFINITY)).labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) && !multi;
        focus_once(ui, &response, enter);
        ui.horizontal(|ui| {
            if ui.button("Browse…").clicked()
                && let Some(paths) = browse(purpose, &text)
            {
                text = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("\n");
            }
            if ui.button(action).clicked() || enter {
                outcome = Some(Some(parse_path_field(&text)));
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(None);
            }
        });
    });
    if modal.should_close() && outcome.is_none() {
        outcome = Some(None);
    }
    match outcome {
        Some(Some(paths)) if !paths.is_empty() => {
            state.dialog = None;
            state.path_chosen(purpose, paths);
        }
        Some(Some(_)) => state.dialog = Some(Dialog::Path { purpose, text }),
        Some(None) => state.dialog = None,
        None => state.dialog = Some(Dialog::Path { purpose, text }),
    }
}

/// Puts the cursor in a dialog's field while nothing else has focus, but not in the frame its
/// Enter gave focus up (taking it back would hide that Enter was pressed).
fn focus_once(ui: &egui::Ui, field: &egui::Response, enter: bool) {
    if !enter && !field.has_focus() && ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
}

fn confirm_dialog(ctx: &egui::Context, state: &mut AppState, then: Command) {
    let name = state
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or_else(|| state.project.name.clone(), |n| n.to_string_lossy().into_owned());
    let mut choice = None;
    let modal = Modal::new(Id::unique("confirm-discard")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Unsaved changes");
        ui.label(format!(
            "Save the changes to {name} before you {}?",
            then.label().to_lowercase().trim_end_matches('…')
        ));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(0);
            }
            if ui.button("Don't save").clicked() {
                choice = Some(1);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(2);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(2);
    }
    match choice {
        Some(0) => {
            state.dialog = None;
            state.save_then(then);
        }
        Some(1) => {
            state.dialog = None;
            state.proceed(then);
        }
        Some(_) => state.dialog = None,
        None => {}
    }
}

fn confirm_delete(
    ctx: &egui::Context,
    state: &mut AppState,
    summary: &str,
    edit: crate::model::Edit,
) {
    let mut choice = None;
    let modal = Modal::new(Id::unique("confirm-delete")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Delete with what depends on it");
        ui.label(summary);
        ui.horizontal(|ui| {
            if ui.button("Delete").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                choice = Some(true);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(false);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(false);
    }
    match choice {
        Some(true) => {
            state.dialog = None;
            state.apply_deletion(edit);
        }
        Some(false) => state.dialog = None,
        None => {}
    }
}

/// Who is annotating. At first start it explains why the name matters; an empty name is not
/// taken. Closing it without OK at first start asks again next time.
fn annotator_dialog(ctx: &egui::Context, state: &mut AppState, mut name: String, first: bool) {
    let mut outcome = None;
    let modal = Modal::new(Id::unique("annotator")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading(if first { "Who is annotating?" } else { "Annotator name" });
        ui.label(
            "Your name is stamped on every annotation you make, so a team's layers can be \
             told apart, compared and merged. Annotations already made keep their names.",
        );
        let label = ui.label("Your name");
        let field = ui.add(egui::TextEdit::singleline(&mut name)).labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        focus_once(ui, &field, enter);
        ui.horizontal(|ui| {
            let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("OK"));
            if ok.clicked() || (enter && !name.trim().is_empty()) {
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
    match outcome {
        Some(true) => {
            state.dialog = None;
            state.set_annotator(&name);
        }
        Some(false) => state.dialog = None,
        None => state.dialog = Some(Dialog::Annotator { name, first }),
    }
}

fn error_dialog(ctx: &egui::Context, state: &mut AppState, title: &str, message: &str) {
    let mut close = false;
    let modal = Modal::new(Id::unique("error")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(RichText::new(title).color(ui.visuals().error_fg_color));
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(message).monospace()).wrap());
        });
        if ui.button("OK").clicked() {
            close = true;
        }
    });
    if close || modal.should_close() {
        state.dialog = None;
    }
}
