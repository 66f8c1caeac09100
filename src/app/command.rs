//! Every action the user can take, with its menu label and keyboard shortcut, in one table.
//! Menus and the shortcut handler both read from here, and a test checks that no two
//! shortcuts clash (label hotkeys come from the schema and are checked against these too).

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewProject,
    NewFromFiles,
    NewFromFolder,
    Open,
    Save,
    SaveAs,
    Import,
    MergeProjects,
    Export,
    Quit,
    Undo,
    Redo,
    DeleteAnnotation,
    ClearSelection,
    ToggleSnap,
    EditSchema,
    SetAnnotator,
    ShowAgreement,
    ToggleReview,
    NextDocument,
    PreviousDocument,
    Find,
    FindNext,
    FindPrevious,
    ShowStatistics,
    ShowTimeline,
    ToggleSuggestions,
    LoadGazetteer,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Command {
    pub const ALL: [Command; 28] = [
        Command::NewProject,
        Command::NewFromFiles,
        Command::NewFromFolder,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Import,
        Command::MergeProjects,
        Command::Export,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::DeleteAnnotation,
        Command::ClearSelection,
        Command::ToggleSnap,
        Command::EditSchema,
        Command::SetAnnotator,
        Command::ShowAgreement,
        Command::ToggleReview,
        Command::NextDocument,
        Command::PreviousDocument,
        Command::Find,
        Command::FindNext,
        Command::FindPrevious,
        Command::ShowStatistics,
        Command::ShowTimeline,
        Command::ToggleSuggestions,
        Command::LoadGazetteer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::NewProject => "New project",
            Command::NewFromFiles => "New from text files…",
            Command::NewFromFolder => "New from folder…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Import => "Import…",
            Command::MergeProjects => "Merge projects…",
            Command::Export => "Export dataset…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::DeleteAnnotation => "Delete annotation",
            Command::ClearSelection => "Clear selection",
            Command::ToggleSnap => "Snap selection to words",
            Command::EditSchema => "Schema…",
            Command::SetAnnotator => "Annotator name…",
            Command::ShowAgreement => "Agreement…",
            Command::ToggleReview => "Review mode (build gold)",
            Command::NextDocument => "Next document",
            Command::PreviousDocument => "Previous document",
            Command::Find => "Find and annotate all…",
            Command::FindNext => "Find next",
            Command::FindPrevious => "Find previous",
            Command::ShowStatistics => "Statistics…",
            Command::ShowTimeline => "Timeline…",
            Command::ToggleSuggestions => "Suggestions (dates, actors)",
            Command::LoadGazetteer => "Gazetteer for suggestions…",
        }
    }

    /// Shortcuts; the first one is shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [cmd(Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [cmd(Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [cmd(Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [cmd_shift(Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [cmd(Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [cmd(Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [cmd_shift(Key::Z), cmd(Key::Y)];
        const DELETE: [KeyboardShortcut; 2] = [plain(Key::Delete), plain(Key::Backspace)];
        const ESCAPE: [KeyboardShortcut; 1] = [plain(Key::Escape)];
        const SCHEMA: [KeyboardShortcut; 1] = [cmd_shift(Key::E)];
        const EXPORT: [KeyboardShortcut; 1] = [cmd(Key::E)];
        const IMPORT: [KeyboardShortcut; 1] = [cmd(Key::I)];
        const NEXT: [KeyboardShortcut; 1] = [cmd(Key::PageDown)];
        const PREVIOUS: [KeyboardShortcut; 1] = [cmd(Key::PageUp)];
        const REVIEW: [KeyboardShortcut; 1] = [cmd(Key::R)];
        const FIND: [KeyboardShortcut; 1] = [cmd(Key::F)];
        const SUGGEST: [KeyboardShortcut; 1] = [cmd_shift(Key::D)];
        const FIND_NEXT: [KeyboardShortcut; 2] = [plain(Key::F3), cmd(Key::G)];
        const FIND_PREVIOUS: [KeyboardShortcut; 2] =
            [KeyboardShortcut::new(Modifiers::SHIFT, Key::F3), cmd_shift(Key::G)];
        match self {
            Command::NewProject => &NEW,
            Command::Open => &OPEN,
            Command::Save => &SAVE,
            Command::SaveAs => &SAVE_AS,
            Command::Quit => &QUIT,
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::DeleteAnnotation => &DELETE,
            Command::ClearSelection => &ESCAPE,
            Command::EditSchema => &SCHEMA,
            Command::Export => &EXPORT,
            Command::Import => &IMPORT,
            Command::NextDocument => &NEXT,
            Command::PreviousDocument => &PREVIOUS,
            Command::ToggleReview => &REVIEW,
            Command::Find => &FIND,
            Command::ToggleSuggestions => &SUGGEST,
            Command::FindNext => &FIND_NEXT,
            Command::FindPrevious => &FIND_PREVIOUS,
            Command::NewFromFiles
            | Command::NewFromFolder
            | Command::MergeProjects
            | Command::ToggleSnap
            | Command::SetAnnotator
            | Command::ShowAgreement
            | Command::ShowStatistics
            | Command::ShowTimeline
            | Command::LoadGazetteer => &[],
        }
    }

    /// Every (shortcut, command) pair, Shift combinations first so that Ctrl+Shift+Z is not
    /// taken for Ctrl+Z.
    pub fn shortcut_table() -> Vec<(KeyboardShortcut, Command)> {
        let mut all: Vec<_> =
            Command::ALL.iter().flat_map(|&c| c.shortcuts().iter().map(move |&s| (s, c))).collect();
        all.sort_by_key(|(s, _)| std::cmp::Reverse(s.modifiers.shift as u8));
        all
    }

    /// A shortcut without modifiers: ignored while a text field has focus.
    pub fn is_single_key(shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<(Modifiers, Key), Command> = HashMap::new();
        for (s, c) in Command::shortcut_table() {
            if let Some(other) = seen.insert((s.modifiers, s.logical_key), c) {
                panic!("{c:?} and {other:?} share {s:?}");
            }
        }
    }

    #[test]
    fn default_label_keys_do_not_shadow_commands() {
        let schema = crate::model::Schema::default();
        for label in &schema.labels {
            let Some(key) = label.hotkey.as_deref().and_then(Key::from_name) else {
                panic!("label {} has no usable hotkey", label.name);
            };
            assert!(
                !Command::shortcut_table()
                    .iter()
                    .any(|(s, _)| s.modifiers.is_none() && s.logical_key == key),
                "{} clashes",
                label.name
            );
        }
    }

    #[test]
    fn every_command_is_listed_once() {
        let unique: std::collections::HashSet<_> = Command::ALL.iter().collect();
        assert_eq!(unique.len(), Command::ALL.len());
    }
}
