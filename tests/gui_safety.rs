//! The dialogs that keep work from being lost, driven through the real UI: a recovery offered
//! at start and restored, a save onto a file a teammate changed (merged), a save that fails
//! (Save as offered).

mod common;

use acta::app::files::EMBEDDED_SAMPLE;
use acta::app::recovery;
use acta::app::settings::Settings;
use acta::app::{AppState, Command, TextSelection};
use acta::formats::project::{load_file, parse};
use common::harness_with;
use egui_kittest::kittest::Queryable;
use std::path::Path;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn session(recovery_dir: &Path) -> AppState {
    let settings = Settings { annotator: Some("tester".into()), ..Settings::default() };
    let mut s = AppState::new(settings, None);
    s.autosave.dir = Some(recovery_dir.to_path_buf());
    s
}

#[test]
fn a_recovery_is_offered_at_start_and_restored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sample.ron");
    std::fs::write(&path, EMBEDDED_SAMPLE)?;
    // Saved a while ago: a recovery written in the same millisecond would tie with it.
    let saved = std::time::SystemTime::now() - std::time::Duration::from_secs(10);
    std::fs::File::options().write(true).open(&path)?.set_modified(saved)?;
    // What a session that crashed left: the sample plus one tag, autosaved after the file.
    let mut crashed = parse("s", EMBEDDED_SAMPLE)?.project;
    let mut tmp = AppState::with_project(crashed.clone(), None, Settings::default());
    tmp.selection = Some(TextSelection::new(0, 3));
    tmp.tag("Actor");
    crashed = tmp.project.clone();
    let rdir = dir.path().join("recovery");
    let file = recovery::new_file(&rdir, Some(&path), "sample");
    let mut meta = recovery::meta_for(&crashed, Some(&path));
    meta.pid = 0;
    recovery::write(&file, &crashed, &meta)?;

    let mut state = session(&rdir);
    state.open_at_start(Some(path.clone()));
    state.wait_for_jobs();
    let mut h = harness_with(state);
    h.get_by_label_contains("Recover unsaved work?");
    h.get_by_label_contains("187 annotation(s)");
    h.get_by_label("Restore").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    assert_eq!(h.state().state.project, crashed);
    assert!(h.state().state.title().contains('*'), "restored work is unsaved");
    h.state_mut().state.run(Command::Save);
    h.state_mut().state.wait_for_jobs();
    h.run();
    assert_eq!(load_file(&path)?.project, crashed);
    assert!(!file.exists(), "saved: the recovery is gone");
    Ok(())
}

#[test]
fn saving_over_a_teammates_change_asks_and_merges() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("team.ron");
    std::fs::write(&path, EMBEDDED_SAMPLE)?;
    let mut state = session(&dir.path().join("recovery"));
    state.open(path.clone());
    state.wait_for_jobs();
    let mut h = harness_with(state);
    h.state_mut().state.selection = Some(TextSelection::new(0, 3));
    h.state_mut().state.tag("Actor");

    let mut teammate = session(&dir.path().join("recovery2"));
    teammate.open(path.clone());
    teammate.wait_for_jobs();
    teammate.set_document(2);
    teammate.selection = Some(TextSelection::new(0, 3));
    teammate.tag("Actor");
    teammate.run(Command::Save);
    teammate.wait_for_jobs();
    assert!(!teammate.is_dirty());

    h.state_mut().state.run(Command::Save);
    h.state_mut().state.wait_for_jobs();
    h.run();
    h.get_by_label("The file changed on disk");
    h.get_by_label("Merge theirs into mine").click();
    h.run();
    let merged = h.state().state.project.clone();
    assert_eq!(merged.span_count(), teammate.project.span_count() + 1, "both tags");
    h.state_mut().state.run(Command::Save);
    h.state_mut().state.wait_for_jobs();
    h.run();
    assert_eq!(load_file(&path)?.project, merged);
    Ok(())
}

#[test]
fn a_save_that_fails_offers_save_as() {
    let mut h = common::harness(0);
    h.state_mut().state.selection = Some(TextSelection::new(0, 3));
    h.state_mut().state.tag("Actor");
    h.state_mut().state.save_to("/sys/acta-gui-test.ron".into());
    h.state_mut().state.wait_for_jobs();
    h.run();
    h.get_by_label("Not saved");
    h.get_by_label_contains("nothing is lost");
    h.get_by_label("Save as…").click();
    h.run();
    h.get_by_label("Project file");
    assert!(h.state().state.is_dirty());
}

#[test]
fn a_panic_outside_the_frame_still_leaves_an_emergency_copy() -> TestResult {
    // eframe paints after our frame returns; a panic there unwinds through the app's Drop.
    acta::app::crash::install_panic_hook();
    let dir = tempfile::tempdir()?;
    let project = parse("sample", EMBEDDED_SAMPLE)?.project;
    let settings = Settings { annotator: Some("tester".into()), ..Settings::default() };
    let mut state = AppState::with_project(project, None, settings);
    state.autosave.dir = Some(dir.path().join("recovery"));
    let mut h = harness_with(state);
    h.state_mut().state.selection = Some(TextSelection::new(0, 3));
    h.state_mut().state.tag("Actor");
    h.run();
    let spans = h.state().state.project.span_count();
    let ended = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let _window = h;
        panic!("the painter lost its surface");
    }));
    assert!(ended.is_err());
    let found = recovery::list(&dir.path().join("recovery"));
    let [r] = &found[..] else { return Err(format!("{} copies", found.len()).into()) };
    let said = r.meta.crash.as_deref().unwrap_or_default();
    assert!(said.starts_with("the painter lost its surface at tests/gui_safety.rs:"), "{said}");
    assert_eq!(load_file(&r.file)?.project.span_count(), spans);
    Ok(())
}
