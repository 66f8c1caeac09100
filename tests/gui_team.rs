//! Who is annotating: the name asked at first start and kept in the settings, changed from the
//! Project menu, and stamped on the annotations made afterwards.

mod common;

use acta::app::Dialog;
use acta::app::settings::Settings;
use common::{at, drag, find, harness};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn first_start_asks_the_name_and_new_spans_carry_it() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let settings_path = dir.path().join("settings.ron");
    let mut h = harness(0);
    {
        let state = &mut h.state_mut().state;
        // As `ui::run` finds it on a first start: no name yet, settings kept on disk.
        let first = Settings { annotator: None, ..Settings::default() };
        let mut fresh = acta::app::AppState::new(first, Some(settings_path.clone()));
        fresh.replace_project(state.project.clone(), None);
        fresh.ask_annotator(true);
        *state = fresh;
    }
    h.run();
    h.get_by_label("Who is annotating?");
    h.get_by_label("Your name").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Your name").type_text("Олена Коваль");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().state.dialog.is_none());
    assert_eq!(h.state().state.settings.annotator.as_deref(), Some("Олена Коваль"));
    let (saved, problem) = Settings::load(&settings_path);
    assert_eq!((saved.annotator.as_deref(), problem), (Some("Олена Коваль"), None));

    let (start, end) = find(&h, "государств", 0);
    let (from, to) = (at(&h, start), at(&h, end - 1));
    drag(&mut h, from, to);
    h.key_press(Key::Num1);
    h.run();
    let doc = h.state().state.doc().ok_or("no document")?;
    let newest = doc.spans().max_by_key(|s| s.id).ok_or("no span")?;
    assert_eq!(newest.annotator, "Олена Коваль");
    Ok(())
}

#[test]
fn the_project_menu_changes_the_name_and_refuses_an_empty_one() {
    let mut h = harness(0);
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label_contains("Annotator name…").click();
    h.run();
    assert!(
        matches!(&h.state().state.dialog, Some(Dialog::Annotator { name, first: false }) if name == "tester")
    );
    h.get_by_label("Your name").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().state.dialog.is_some(), "an empty name is not taken");
    h.get_by_label("Your name").type_text("reviewer");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.settings.annotator.as_deref(), Some("reviewer"), "Enter is OK");
}

/// The two annotators of the reference example (`tests/data/agreement/`) in one project.
fn two_annotators() -> Result<acta::model::Project, Box<dyn std::error::Error>> {
    use acta::formats::import::{ImportOptions, add_to_project, importer};
    use acta::formats::progress::Progress;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/agreement/two_annotators.jsonl");
    let batch =
        importer("jsonl")?.import(&[fixture], &ImportOptions::default(), &Progress::default())?;
    let mut project = acta::model::Project::new("iaa");
    add_to_project(&mut project, batch);
    Ok(project)
}

/// The selected span's annotator and text.
fn selected(h: &egui_kittest::Harness<'_, acta::ui::Acta>) -> Option<(String, String)> {
    let state = &h.state().state;
    let span = state.selected.and_then(|id| state.doc()?.span(id))?;
    Some((span.annotator.clone(), span.text.clone()))
}

#[test]
fn the_agreement_window_shows_kappa_and_opens_a_difference()
-> Result<(), Box<dyn std::error::Error>> {
    let mut h = common::harness_on(two_annotators()?, 0);
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Agreement…").click();
    h.run();
    h.get_by_label_contains("2 annotators (A, B), 1 shared documents, 12 tokens");
    h.get_by_label("0.681");
    h.get_by_label_contains("Krippendorff's α 0.693");
    // Until a row is clicked, every pair's differences are listed.
    h.get_by_label("Differences, all pairs: 3");
    h.get_by_label_contains("only B: Date «в июне 2014 года»").click();
    h.run();
    assert_eq!(selected(&h), Some(("B".into(), "в июне 2014 года".into())), "B's date is selected");
    Ok(())
}

#[test]
fn a_label_row_lists_that_labels_differences() -> Result<(), Box<dyn std::error::Error>> {
    use eframe::egui::accesskit::Role;
    let mut h = common::harness_on(two_annotators()?, 0);
    h.state_mut().state.run(acta::app::Command::ShowAgreement);
    h.run();
    h.get_by_label("label").click();
    h.run();
    // Exact and overlap per label: the dates differ by «в», so exact F1 0 but overlap F1 1.
    h.get_by_label("overlap P");
    // "Actor" is also a toolbar button: the row is the one in the window.
    h.get_by_role_and_label(Role::Window, "Agreement").get_by_label("Actor").click();
    h.run();
    h.get_by_label("Differences, A vs B, label Actor: 1");
    assert!(h.query_by_label_contains("Date «").is_none(), "only Actor's differences listed");
    h.get_by_label_contains("only A: Actor «ЛНР»").click();
    h.run();
    assert_eq!(selected(&h), Some(("A".into(), "ЛНР".into())), "the click selects A's ЛНР");
    // Both have the same trigger: the Event row has nothing to list, and says so.
    h.get_by_role_and_label(Role::Window, "Agreement").get_by_label("Event").click();
    h.run();
    h.get_by_label("Differences, A vs B, label Event: 0");
    h.get_by_label_contains("No differences here");
    // The document row of the pair lists all three again.
    h.get_by_label("document").click();
    h.run();
    h.get_by_role_and_label(Role::Window, "Agreement").get_by_label("iaa").click();
    h.run();
    h.get_by_label("Differences, A vs B, document iaa: 3");
    Ok(())
}
