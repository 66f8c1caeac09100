use super::*;
use crate::app::files::EMBEDDED_SAMPLE;
use crate::app::settings::Settings;
use crate::app::{Command, TextSelection};
use crate::formats::project::{load_file, save_file};
use crate::formats::safe_save::backup_path;
use std::path::Path;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn opened(path: &Path) -> AppState {
    let mut s = AppState::new(Settings::default(), None);
    s.open(path.to_path_buf());
    s.wait_for_jobs();
    s
}

fn tag(s: &mut AppState, doc: usize, at: usize) {
    s.current = doc;
    s.selection = Some(TextSelection::new(at, at + 3));
    s.tag("Actor");
}

/// A teammate opens the same file, tags something in document 2 and saves.
fn teammate_saves(path: &Path) -> Result<Project, Box<dyn std::error::Error>> {
    let mut t = opened(path);
    tag(&mut t, 2, 0);
    t.run(Command::Save);
    t.wait_for_jobs();
    assert!(!t.is_dirty(), "{:?}", t.dialog);
    Ok(t.project.clone())
}

/// The sample in `dir`, opened, with one tag of ours in document 0, and the teammate's save.
fn conflict(dir: &Path) -> Result<(AppState, PathBuf, Project), Box<dyn std::error::Error>> {
    let path = dir.join("team.ron");
    std::fs::write(&path, EMBEDDED_SAMPLE)?;
    let mut s = opened(&path);
    tag(&mut s, 0, 0);
    let theirs = teammate_saves(&path)?;
    let on_disk = std::fs::read(&path)?;
    s.run(Command::Save);
    s.wait_for_jobs();
    assert!(s.is_dirty());
    assert_eq!(std::fs::read(&path)?, on_disk, "their save is not overwritten");
    match &s.dialog {
        Some(Dialog::ChangedOnDisk { theirs: Some(found), .. }) => assert_eq!(**found, theirs),
        other => return Err(format!("expected the changed-on-disk question, got {other:?}").into()),
    }
    Ok((s, path, theirs))
}

#[test]
fn merge_takes_both_changes_in_one_undo_step_and_then_saves() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, path, theirs) = conflict(dir.path())?;
    let mine = s.project.clone();
    s.merge_with_disk(path.clone(), &theirs);
    assert!(s.dialog.is_none(), "{:?}", s.dialog);
    let spans = |p: &Project, d: usize| p.documents[d].span_count();
    assert_eq!(spans(&s.project, 0), spans(&mine, 0), "ours kept");
    assert_eq!(spans(&s.project, 2), spans(&theirs, 2), "theirs taken");
    s.run(Command::Undo);
    assert_eq!(s.project, mine, "one undo takes the merge back");
    s.run(Command::Redo);
    s.run(Command::Save);
    s.wait_for_jobs();
    assert!(!s.is_dirty(), "the merged project saves over theirs: {:?}", s.dialog);
    let saved = load_file(&path)?.project;
    assert_eq!(spans(&saved, 0), spans(&mine, 0));
    assert_eq!(spans(&saved, 2), spans(&theirs, 2));
    assert_eq!(load_file(&backup_path(&path))?.project, theirs, "their version is the .bak");
    Ok(())
}

#[test]
fn overwrite_keeps_theirs_as_bak_and_reload_takes_theirs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, path, theirs) = conflict(dir.path())?;
    let mine = s.project.clone();
    s.overwrite_disk(path.clone());
    s.wait_for_jobs();
    assert!(!s.is_dirty());
    assert_eq!(load_file(&path)?.project, mine);
    assert_eq!(load_file(&backup_path(&path))?.project, theirs);

    let (mut s, path, theirs) = conflict(dir.path())?;
    s.reload_from_disk(path);
    s.wait_for_jobs();
    assert_eq!(s.project, theirs);
    assert!(!s.is_dirty());
    Ok(())
}

#[test]
fn save_as_from_the_question_writes_elsewhere_and_leaves_theirs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, path, theirs) = conflict(dir.path())?;
    s.save_elsewhere();
    assert!(matches!(s.dialog, Some(Dialog::Path { purpose: PathPurpose::SaveAs, .. })));
    let other = dir.path().join("mine.ron");
    s.path_chosen(PathPurpose::SaveAs, vec![other.clone()]);
    s.wait_for_jobs();
    assert!(!s.is_dirty(), "{:?}", s.dialog);
    assert_eq!(load_file(&path)?.project, theirs);
    assert_eq!(
        load_file(&other)?.project.documents[0].span_count(),
        s.project.documents[0].span_count()
    );
    Ok(())
}

#[test]
fn a_save_onto_an_untouched_or_merely_touched_file_goes_through() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    std::fs::write(&path, EMBEDDED_SAMPLE)?;
    let mut s = opened(&path);
    // Rewritten with the same project (a checkout, a formatter): not a change.
    let same = load_file(&path)?.project;
    save_file(&same, &path)?;
    std::fs::write(&path, std::fs::read_to_string(&path)?.replace("\n  ", "\n   "))?;
    tag(&mut s, 0, 0);
    s.run(Command::Save);
    s.wait_for_jobs();
    assert!(!s.is_dirty(), "{:?}", s.dialog);
    assert_eq!(load_file(&path)?.project, s.project);
    Ok(())
}

#[test]
fn a_failed_save_keeps_the_work_and_offers_save_as() {
    let mut s = AppState::with_project(
        crate::formats::project::parse("s", EMBEDDED_SAMPLE).map(|l| l.project).unwrap_or_default(),
        None,
        Settings::default(),
    );
    tag(&mut s, 0, 0);
    for target in ["/sys/acta-read-only.ron", "/nonexistent-acta/vanished/p.ron"] {
        s.save_to(PathBuf::from(target));
        s.wait_for_jobs();
        assert!(s.is_dirty());
        match &s.dialog {
            Some(Dialog::SaveFailed { message, .. }) => {
                assert!(message.contains(target), "{message}");
                assert!(
                    message.contains("permission denied") || message.contains("does not exist"),
                    "{message}"
                );
            }
            other => panic!("{target}: {other:?}"),
        }
        s.save_elsewhere();
        assert!(matches!(s.dialog, Some(Dialog::Path { purpose: PathPurpose::SaveAs, .. })));
    }
}
