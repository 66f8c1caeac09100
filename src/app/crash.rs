//! A panic in the GUI keeps the work: a panic inside a frame is caught there (`after_panic`),
//! one anywhere else on the GUI thread (eframe's painting, winit) is met by the app's `Drop`
//! while the stack unwinds (`while_unwinding`). Either writes one emergency copy and says where.

use super::AppState;
use super::recovery;
use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    /// What this thread's last panic said and where, as the hook saw it: `Drop` gets no
    /// payload. Per thread, because the unwinding that reads it runs on the panicking thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Chains a hook in front of the current one that remembers each panic's message and place
/// (once per process).
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info.payload_as_str().unwrap_or("an internal error");
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line()));
            let said = format!("{message}{}", place.unwrap_or_default());
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(said));
            previous(info);
        }));
    });
}

/// What a panic's payload says.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into())
}

/// Writes the emergency copy and returns what to tell the user.
pub fn emergency_report(state: &mut AppState, message: &str) -> String {
    match state.emergency_copy(message) {
        Ok(file) => format!(
            "Acta stopped on an internal error ({message}). Your work was saved to {}; \
             Acta offers it back when it starts again.",
            file.display()
        ),
        Err(e) => format!(
            "Acta stopped on an internal error ({message}), and the emergency copy failed: {e}. \
             The last autosave, if any, is in {}.",
            state.autosave.dir.clone().unwrap_or_else(recovery::default_dir).display()
        ),
    }
}

/// The frame panicked: keep the work, say where, and let the panic end the process.
pub fn after_panic(state: &mut AppState, payload: Box<dyn std::any::Any + Send>) -> ! {
    let message = panic_message(payload.as_ref());
    // One attempt only: were it to panic, a second try from `Drop` would abort the process.
    state.autosave.emergency_written = true;
    // The state may be what made the frame panic: a second panic must not hide the first.
    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        emergency_report(state, &message)
    }));
    let report = report.unwrap_or_else(|_| {
        format!("Acta stopped on an internal error ({message}); the emergency copy failed too")
    });
    eprintln!("acta: {report}");
    std::panic::resume_unwind(payload)
}

/// Called from the app's `Drop`: if a panic outside the frame is unwinding the GUI thread and
/// there is unsaved work not yet copied, write the copy now. Returns the report, if any.
/// Sessions without a recovery folder (tests, benchmarks) write nothing.
pub fn while_unwinding(state: &mut AppState) -> Option<String> {
    let copied = state.autosave.emergency_written;
    if !std::thread::panicking() || copied || !state.is_dirty() || state.autosave.dir.is_none() {
        return None;
    }
    // A second panic here would abort the process (it is already unwinding), so this only
    // writes a file, as an autosave does every few minutes.
    let said = LAST_PANIC.with(|last| last.borrow_mut().take());
    let message = said.unwrap_or_else(|| "an internal error".into());
    let report = emergency_report(state, &message);
    eprintln!("acta: {report}");
    Some(report)
}

#[cfg(test)]
mod tests;
