//! The dialogs that keep work from being lost: a save that failed (Save as… offered), a project
//! file changed on disk (merge, reload, save as, overwrite), and unsaved work recovered from a
//! session that ended (restore, discard, later).

use crate::app::AppState;
use crate::app::recovery::Recovery;
use crate::model::Project;
use eframe::egui::{self, Id, Modal, RichText};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn message_box(ui: &mut egui::Ui, text: &str) {
    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
        ui.add(egui::Label::new(text).wrap());
    });
}

pub fn save_failed(ctx: &egui::Context, state: &mut AppState, path: PathBuf, message: &str) {
    let mut choice = None;
    let modal = Modal::new(Id::unique("save-failed")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(RichText::new("Not saved").color(ui.visuals().error_fg_color));
        message_box(
            ui,
            &format!(
                "{message}\n\nYour work is still open here and nothing is lost. Save it \
                 somewhere else, or fix the problem and try again."
            ),
        );
        ui.horizontal(|ui| {
            if ui.button("Save as…").clicked() {
                choice = Some(0);
            }
            if ui.button("Try again").clicked() {
                choice = Some(1);
            }
            if ui.button("Close").clicked() {
                choice = Some(2);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(2);
    }
    match choice {
        Some(0) => state.save_elsewhere(),
        Some(1) => {
            state.dialog = None;
            state.save_to(path);
        }
        Some(_) => state.dialog = None,
        None => {}
    }
}

pub fn changed_on_disk(
    ctx: &egui::Context,
    state: &mut AppState,
    path: PathBuf,
    theirs: Option<Arc<Project>>,
) {
    let name = file_name(&path);
    let mut choice = None;
    let modal = Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
        ui.set_width(580.0);
        ui.heading("The file changed on disk");
        let mut text = format!(
            "{} was changed since you opened it (a teammate's save, a git pull?). Your changes \
             are still here, and nothing was written.",
            path.display()
        );
        if theirs.is_none() {
            text.push_str(
                "\n\nThe file on disk does not open as a project now (damaged, or a merge in \
                 progress?): save your work under another name, or overwrite it.",
            );
        }
        message_box(ui, &text);
        ui.horizontal_wrapped(|ui| {
            if theirs.is_some() {
                if ui
                    .button("Merge theirs into mine")
                    .on_hover_text("Three-way merge; conflicts become review notes")
                    .clicked()
                {
                    choice = Some(0);
                }
                if ui.button("Reload theirs (drop my changes)").clicked() {
                    choice = Some(1);
                }
            }
            if ui.button("Save mine as…").clicked() {
                choice = Some(2);
            }
            if ui.button(format!("Overwrite (theirs kept as {name}.bak)")).clicked() {
                choice = Some(3);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(4);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(4);
    }
    match (choice, &theirs) {
        (Some(0), Some(theirs)) => state.merge_with_disk(path, theirs),
        (Some(1), _) => state.reload_from_disk(path),
        (Some(2), _) => state.save_elsewhere(),
        (Some(3), _) => state.overwrite_disk(path),
        (Some(_), _) => state.dialog = None,
        (None, _) => {}
    }
}

pub fn recover(ctx: &egui::Context, state: &mut AppState, recovery: Recovery, summary: &str) {
    let mut choice = None;
    Modal::new(Id::unique("recover")).show(ctx, |ui| {
        ui.set_width(580.0);
        ui.heading("Recover unsaved work?");
        message_box(ui, summary);
        ui.horizontal(|ui| {
            if ui
                .button("Restore")
                .on_hover_text("Open the recovered work; save to keep it")
                .clicked()
            {
                choice = Some(0);
            }
            if ui.button("Discard it").on_hover_text("Delete the recovery file").clicked() {
                choice = Some(1);
            }
            if ui.button("Later").on_hover_text("Keep it; it is offered again next time").clicked()
            {
                choice = Some(2);
            }
        });
    });
    // No close on Escape or a click outside: the choice matters too much to be made by accident.
    match choice {
        Some(0) => state.restore(recovery),
        Some(1) => state.discard_recovery(&recovery),
        Some(_) => state.dialog = None,
        None => {}
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
