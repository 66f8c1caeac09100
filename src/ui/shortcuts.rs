//! Keyboard shortcuts: the command table plus the schema's label hotkeys. Single keys (labels,
//! Delete, Esc) and undo/redo are left to a text field while one has focus.

use crate::app::{AppState, Command};
use eframe::egui::{self, Key, Modifiers};

/// Commands a focused text field keeps for itself (it has its own undo and delete).
fn belongs_to_text_field(command: Command) -> bool {
    matches!(
        command,
        Command::Undo | Command::Redo | Command::DeleteAnnotation | Command::ClearSelection
    )
}

pub fn handle(ctx: &egui::Context, state: &mut AppState) {
    if state.dialog.is_some() {
        return; // dialogs take their own keys
    }
    let typing = ctx.text_edit_focused();
    for (shortcut, command) in Command::shortcut_table() {
        if typing && (Command::is_single_key(&shortcut) || belongs_to_text_field(command)) {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            state.run(command);
        }
    }
    if typing {
        return;
    }
    let keys: Vec<(Key, String)> = state
        .project
        .schema
        .labels
        .iter()
        .filter_map(|l| Some((Key::from_name(l.hotkey.as_deref()?)?, l.name.clone())))
        .collect();
    for (key, label) in keys {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            state.tag(&label);
        }
    }
}

/// `Enter` and `Backspace` on the current suggestion, before the commands see them (Backspace
/// otherwise deletes the selected annotation; with a suggestion current, none is selected).
pub fn suggestion_keys(ctx: &egui::Context, state: &mut AppState) {
    if !state.suggestion_keys_active() || ctx.text_edit_focused() {
        return;
    }
    if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)) {
        state.accept_suggestion();
    } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Backspace)) {
        state.reject_suggestion();
    }
}
