//! File → Export and File → Import driven through the real UI: the dialogs, the background
//! job, the report, and an import that one Ctrl+Z takes back.

mod common;

use acta::app::Dialog;
use common::harness;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn replace_text(h: &mut egui_kittest::Harness<'_, acta::ui::Acta>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn export_dialog_writes_the_dataset_and_reports() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("набор.jsonl");
    let mut h = harness(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(matches!(h.state().state.dialog, Some(Dialog::Export(_))));
    replace_text(&mut h, "Output file", &out.display().to_string());
    h.get_by_label("Export").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    let status = h.state().state.status.clone().map(|m| m.text).unwrap_or_default();
    assert!(status.starts_with("Exported 5 documents, 186 spans, 38 events"), "{status}");
    assert_eq!(std::fs::read_to_string(&out)?.lines().count(), 5);
    assert!(h.state().state.task().is_none(), "the progress bar is gone");
    Ok(())
}

#[test]
fn import_adds_documents_as_one_undo_step() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("a.txt"), "Київ заявив про переговори.\r\n")?;
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("Министр иностранных дел России заявил, что переговоры продолжатся.")
        .0;
    std::fs::write(dir.path().join("b.txt"), &cp1251)?;
    let mut h = harness(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert!(matches!(h.state().state.dialog, Some(Dialog::Import(_))));
    replace_text(&mut h, "Files or folders, one per line", &dir.path().display().to_string());
    h.get_by_label("Import").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    let state = &h.state().state;
    let status = state.status.clone().map(|m| m.text).unwrap_or_default();
    assert_eq!(state.project.documents.len(), 7, "{status} {:?}", state.dialog);
    assert!(status.contains("decoded as windows-1251"), "{status}");
    assert_eq!(state.current, 5, "the first imported document is shown");
    assert_eq!(state.doc().map(|d| d.text()), Some("Київ заявив про переговори.\r\n"));
    assert!(state.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project.documents.len(), 5);
    assert_eq!(h.state().state.current, 4);
    Ok(())
}

#[test]
fn a_bad_import_changes_nothing_and_says_where() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"text\n\x00\x01binary")?;
    let mut h = harness(0);
    h.state_mut().state.run(acta::app::Command::Import);
    h.run();
    replace_text(&mut h, "Files or folders, one per line", &bad.display().to_string());
    h.get_by_label("Import").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.project.documents.len(), 5);
    assert!(!state.is_dirty());
    match &state.dialog {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("bad.txt:2: not text"), "{message}")
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_cancelled_import_or_export_changes_and_writes_nothing()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let big = dir.path().join("big.txt");
    // 62 MB: as big as a text may be (64 MB), so the import is still running when cancelled.
    std::fs::write(&big, "Южная Осетия признала независимость. ".repeat(900_000))?;
    let mut h = harness(0);
    h.state_mut().state.run(acta::app::Command::Import);
    h.run();
    replace_text(&mut h, "Files or folders, one per line", &big.display().to_string());
    // Single frames while the import runs: `run` would step until the progress bar, which
    // repaints every 100 ms, stopped asking.
    h.get_by_label("Import").click();
    h.step();
    h.step();
    assert!(h.state().state.task().is_some(), "the status bar shows the import");
    // The status bar's Cancel (the dialog is gone, so this is the only one).
    h.get_by_label("Cancel").click();
    h.step();
    h.state_mut().state.wait_for_jobs();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.project.documents.len(), 5);
    assert!(!state.is_dirty());
    let status = state.status.clone().map(|m| m.text).unwrap_or_default();
    assert_eq!(status, "Import cancelled; the project is unchanged");

    // An export cancelled as soon as it starts (a click would let it finish first).
    let state = &mut h.state_mut().state;
    state.run(acta::app::Command::Export);
    let Some(Dialog::Export(mut draft)) = state.dialog.take() else { panic!("no export dialog") };
    draft.set_format("brat");
    draft.path = dir.path().join("brat").display().to_string();
    state.start_export(*draft);
    state.cancel_task();
    h.state_mut().state.wait_for_jobs();
    h.run();
    let status = h.state().state.status.clone().map(|m| m.text).unwrap_or_default();
    assert!(status.starts_with("Export cancelled"), "{status}");
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "only big.txt: nothing written");
    Ok(())
}
