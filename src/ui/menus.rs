//! The menu bar. Every entry is a `Command`, so its label and shortcut come from the one table.

use crate::app::{AppState, Command};
use eframe::egui::{self, Button, Ui};

fn command_button(ui: &mut Ui, state: &mut AppState, command: Command, text: &str, enabled: bool) {
    let mut button = Button::new(text);
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        state.run(command);
        ui.close();
    }
}

pub fn menu_bar_ui(ui: &mut Ui, state: &mut AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in
                [Command::NewProject, Command::NewFromFiles, Command::NewFromFolder, Command::Open]
            {
                command_button(ui, state, command, command.label(), true);
            }
            ui.separator();
            command_button(ui, state, Command::Save, Command::Save.label(), true);
            command_button(ui, state, Command::SaveAs, Command::SaveAs.label(), true);
            ui.separator();
            command_button(ui, state, Command::Import, Command::Import.label(), true);
            command_button(ui, state, Command::MergeProjects, Command::MergeProjects.label(), true);
            command_button(ui, state, Command::Export, Command::Export.label(), true);
            ui.separator();
            command_button(ui, state, Command::Quit, Command::Quit.label(), true);
        });
        ui.menu_button("Edit", |ui| {
            let undo = state.history.undo_label().map_or("Undo".into(), |l| format!("Undo {l}"));
            let redo = state.history.redo_label().map_or("Redo".into(), |l| format!("Redo {l}"));
            let (can_undo, can_redo) = (state.history.can_undo(), state.history.can_redo());
            command_button(ui, state, Command::Undo, &undo, can_undo);
            command_button(ui, state, Command::Redo, &redo, can_redo);
            ui.separator();
            let selected = state.selected.is_some();
            command_button(
                ui,
                state,
                Command::DeleteAnnotation,
                Command::DeleteAnnotation.label(),
                selected,
            );
            command_button(
                ui,
                state,
                Command::ClearSelection,
                Command::ClearSelection.label(),
                true,
            );
            ui.separator();
            command_button(ui, state, Command::Find, Command::Find.label(), true);
            let finding = state.find.as_ref().is_some_and(|f| !f.hits.is_empty());
            command_button(ui, state, Command::FindNext, Command::FindNext.label(), finding);
            command_button(
                ui,
                state,
                Command::FindPrevious,
                Command::FindPrevious.label(),
                finding,
            );
        });
        ui.menu_button("Project", |ui| {
            command_button(ui, state, Command::EditSchema, Command::EditSchema.label(), true);
            let who =
                format!("{} ({})", Command::SetAnnotator.label(), state.settings.annotator_name());
            command_button(ui, state, Command::SetAnnotator, &who, true);
            command_button(ui, state, Command::ShowAgreement, Command::ShowAgreement.label(), true);
            command_button(
                ui,
                state,
                Command::ShowStatistics,
                Command::ShowStatistics.label(),
                true,
            );
            command_button(ui, state, Command::ShowTimeline, Command::ShowTimeline.label(), true);
            let mut reviewing = state.in_review();
            if ui.checkbox(&mut reviewing, Command::ToggleReview.label()).changed() {
                state.run(Command::ToggleReview);
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            let mut snap = state.settings.snap_to_words;
            if ui.checkbox(&mut snap, Command::ToggleSnap.label()).changed() {
                state.run(Command::ToggleSnap);
            }
            let mut suggesting = state.suggest.on;
            if ui
                .checkbox(&mut suggesting, Command::ToggleSuggestions.label())
                .on_hover_text(
                    "Dates found by rules and actors tagged elsewhere or in the gazetteer, dashed: Enter accepts, Backspace rejects (Ctrl+Shift+D)",
                )
                .changed()
            {
                state.run(Command::ToggleSuggestions);
            }
            command_button(ui, state, Command::LoadGazetteer, Command::LoadGazetteer.label(), true);
            ui.separator();
            command_button(ui, state, Command::NextDocument, Command::NextDocument.label(), true);
            command_button(
                ui,
                state,
                Command::PreviousDocument,
                Command::PreviousDocument.label(),
                true,
            );
        });
    });
}
