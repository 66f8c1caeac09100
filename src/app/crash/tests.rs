use super::*;
use crate::app::files::EMBEDDED_SAMPLE;
use crate::app::settings::Settings;
use crate::app::{Dialog, TextSelection};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Stands for the app: what its `Drop` does with the session.
struct App(AppState);

impl Drop for App {
    fn drop(&mut self) {
        while_unwinding(&mut self.0);
    }
}

/// The sample, never saved, autosaving to `dir/recovery`.
fn session(dir: &Path) -> Result<AppState, Box<dyn std::error::Error>> {
    let project = crate::formats::project::parse("sample", EMBEDDED_SAMPLE)?.project;
    let settings = Settings { annotator: Some("tester".into()), ..Settings::default() };
    let mut s = AppState::with_project(project, None, settings);
    s.autosave.dir = Some(dir.join("recovery"));
    Ok(s)
}

fn tag(s: &mut AppState, at: usize) {
    s.selection = Some(TextSelection::new(at, at + 3));
    s.tag("Actor");
    assert!(!matches!(s.dialog, Some(Dialog::Error { .. })), "{:?}", s.dialog);
}

#[test]
fn a_panic_in_a_frame_writes_one_emergency_copy_and_says_where() -> TestResult {
    install_panic_hook();
    let dir = tempfile::tempdir()?;
    let app = App(session(dir.path())?);
    let spans = app.0.project.span_count();
    let ended = catch_unwind(AssertUnwindSafe(move || {
        let mut app = app;
        let frame = catch_unwind(AssertUnwindSafe(|| {
            tag(&mut app.0, 0);
            tag(&mut app.0, 10);
            panic!("index out of bounds: the len is 3 but the index is 7");
        }));
        let Err(payload) = frame;
        after_panic(&mut app.0, payload);
    }));
    let payload = ended.err().ok_or("the panic did not go on after the copy")?;
    assert_eq!(
        panic_message(payload.as_ref()),
        "index out of bounds: the len is 3 but the index is 7"
    );
    // The frame wrote its copy; the unwinding through the app's Drop did not write another.
    let found = recovery::list(&dir.path().join("recovery"));
    let [r] = &found[..] else { return Err(format!("{} copies", found.len()).into()) };
    assert_eq!(
        r.meta.crash.as_deref(),
        Some("index out of bounds: the len is 3 but the index is 7")
    );
    assert_eq!(crate::formats::project::load_file(&r.file)?.project.span_count(), spans + 2);
    let summary = recovery::summary(r, None);
    assert!(summary.contains("stopped on an internal error"), "{summary}");
    Ok(())
}

#[test]
fn a_panic_outside_the_frame_writes_the_copy_while_unwinding() -> TestResult {
    install_panic_hook();
    let dir = tempfile::tempdir()?;
    let mut app = App(session(dir.path())?);
    tag(&mut app.0, 0);
    let ended = catch_unwind(AssertUnwindSafe(move || {
        let _app = app;
        panic!("painting failed");
    }));
    assert!(ended.is_err());
    let found = recovery::list(&dir.path().join("recovery"));
    let [r] = &found[..] else { return Err(format!("{} copies", found.len()).into()) };
    let said = r.meta.crash.as_deref().unwrap_or_default();
    // The hook's record: the message and the line that panicked.
    assert!(said.starts_with("painting failed at src/app/crash/tests.rs:"), "{said}");
    Ok(())
}

#[test]
fn no_copy_without_a_panic_or_without_unsaved_work() -> TestResult {
    install_panic_hook();
    let dir = tempfile::tempdir()?;
    let mut app = App(session(dir.path())?);
    tag(&mut app.0, 0);
    // A normal close: the window asks about unsaved work; Drop writes nothing.
    drop(app);
    let app = App(session(dir.path())?);
    let ended = catch_unwind(AssertUnwindSafe(move || {
        let _app = app;
        panic!("nothing to lose");
    }));
    assert!(ended.is_err());
    assert!(recovery::list(&dir.path().join("recovery")).is_empty());
    Ok(())
}
