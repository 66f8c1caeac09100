use super::*;
use crate::app::files::EMBEDDED_SAMPLE;
use crate::app::settings::Settings;
use crate::app::{Command, TextSelection};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A session on a copy of the sample in `dir`, autosaving to `dir/recovery`.
fn session(dir: &Path) -> Result<(AppState, PathBuf), Box<dyn std::error::Error>> {
    let path = dir.join("проект.ron");
    if !path.exists() {
        std::fs::write(&path, EMBEDDED_SAMPLE)?;
        // Saved a while ago: a recovery written in the same millisecond would tie with it.
        let saved = std::time::SystemTime::now() - Duration::from_secs(10);
        std::fs::File::options().write(true).open(&path)?.set_modified(saved)?;
    }
    let mut s = AppState::new(Settings::default(), None);
    s.autosave.dir = Some(dir.join("recovery"));
    s.open(path.clone());
    s.wait_for_jobs();
    assert!(!matches!(s.dialog, Some(Dialog::Error { .. })), "{:?}", s.dialog);
    Ok((s, path))
}

fn tag(s: &mut AppState, at: usize) {
    s.selection = Some(TextSelection::new(at, at + 3));
    s.tag("Actor");
}

/// What a recovery looks like once the session that wrote it has ended.
fn end_session(s: &AppState) -> TestResult {
    let file = s.autosave.file().ok_or("no recovery file")?;
    let meta = file.with_extension("meta.ron");
    let text = std::fs::read_to_string(&meta)?;
    let text = text.replace(&format!("pid: {},", std::process::id()), "pid: 0,");
    std::fs::write(&meta, text)?;
    Ok(())
}

#[test]
fn unsaved_work_is_autosaved_after_the_interval_and_restored_after_a_crash() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, path) = session(dir.path())?;
    let on_disk = std::fs::read(&path)?;
    let t0 = Instant::now();
    assert_eq!(s.autosave_tick(t0), None, "nothing unsaved, nothing to do");
    tag(&mut s, 0);
    let wait = s.autosave_tick(t0);
    assert!(wait.is_some_and(|w| w > Duration::from_secs(29)), "{wait:?}");
    assert!(s.autosave.file().is_none(), "not before the interval");
    tag(&mut s, 10);
    s.autosave_tick(t0 + Duration::from_secs(31));
    s.wait_for_jobs();
    let file = s.autosave.file().ok_or("no recovery written")?.to_path_buf();
    assert!(file.starts_with(dir.path().join("recovery")), "never beside the project");
    assert_eq!(std::fs::read(&path)?, on_disk, "the project file is not touched");
    let spans = s.project.span_count();
    assert_eq!(crate::formats::project::load_file(&file)?.project.span_count(), spans);
    assert_eq!(s.autosave_tick(t0 + Duration::from_secs(32)), None, "nothing new to write");

    // The process dies here (no save, no quit). The next session opens the project...
    end_session(&s)?;
    drop(s);
    let (mut next, _) = session(dir.path())?;
    let Some(Dialog::Recover { recovery, summary }) = next.dialog.clone() else {
        return Err(format!("no recovery offered: {:?}", next.dialog).into());
    };
    assert!(summary.contains(&format!("{spans} annotation(s)")), "{summary}");
    assert!(
        summary.contains(&format!("the file has 5 document(s), {} annotation(s)", spans - 2)),
        "{summary}"
    );
    next.restore(*recovery);
    next.wait_for_jobs();
    assert_eq!(next.project.span_count(), spans, "both tags are back");
    assert!(next.is_dirty());
    assert_eq!(next.path.as_deref(), Some(std::path::absolute(&path)?.as_path()));
    next.run(Command::Save);
    next.wait_for_jobs();
    assert!(!next.is_dirty(), "{:?}", next.dialog);
    next.autosave_tick(Instant::now());
    assert!(!file.exists(), "saved: the recovery is gone");
    assert!(recovery::list(&dir.path().join("recovery")).is_empty());
    Ok(())
}

#[test]
fn losing_focus_autosaves_at_once_and_a_save_or_undo_clears_the_copy() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, _) = session(dir.path())?;
    tag(&mut s, 0);
    s.autosave_now();
    s.wait_for_jobs();
    let file = s.autosave.file().ok_or("focus loss wrote nothing")?.to_path_buf();
    assert!(file.exists());
    s.run(Command::Undo);
    assert_eq!(s.autosave_tick(Instant::now()), None);
    assert!(!file.exists(), "back to the saved state: no copy needed");

    tag(&mut s, 0);
    s.autosave_now();
    s.wait_for_jobs();
    let file = s.autosave.file().ok_or("no copy")?.to_path_buf();
    s.run(Command::Save);
    s.wait_for_jobs();
    assert!(!file.exists());
    Ok(())
}

#[test]
fn discarding_or_postponing_a_recovery() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (mut s, _) = session(dir.path())?;
    tag(&mut s, 0);
    s.autosave_now();
    s.wait_for_jobs();
    end_session(&s)?;
    let file = s.autosave.file().ok_or("no copy")?.to_path_buf();
    drop(s);
    let (mut later, _) = session(dir.path())?;
    assert!(matches!(later.dialog, Some(Dialog::Recover { .. })));
    later.dialog = None; // "Later"
    assert!(file.exists(), "kept for next time");
    let (mut next, _) = session(dir.path())?;
    let Some(Dialog::Recover { recovery, .. }) = next.dialog.clone() else {
        return Err("not offered again".into());
    };
    next.discard_recovery(&recovery);
    assert!(!file.exists());
    let (third, _) = session(dir.path())?;
    assert!(third.dialog.is_none());
    drop(later);
    Ok(())
}
