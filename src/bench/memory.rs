//! Peak memory of opening a document in a running window, from the kernel's own counters
//! (`VmHWM` and `VmRSS` in /proc/self/status). Linux only: elsewhere the measure is skipped.
//! The peak is reset first (`/proc/self/clear_refs`), so earlier measures do not hide it.

use super::Record;
use super::frame::Headless;
use crate::formats::project;
use crate::model::Project;

/// A `kB` field of /proc/self/status, in bytes.
fn status_bytes(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?;
    let kb: f64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024.0)
}

/// Sets the peak back to the current resident size; false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak and held memory of parsing `file` (a one-document project) into a window that is
/// already up and drawing three frames of it. The file text itself is not counted. With
/// `budgeted`, the peak is held to 4× the text plus 200 bytes an annotation (span or event: the
/// issue's "one span per 50 characters, events included"). `None` where the counters
/// cannot be read.
pub fn open_peak(file: &str, size: &str, budgeted: bool) -> anyhow::Result<Option<Record>> {
    let mut h = Headless::new(Project::default());
    h.frames(2);
    let reset = reset_peak();
    let (Some(before), Some(peak_before)) = (status_bytes("VmRSS"), status_bytes("VmHWM")) else {
        return Ok(None);
    };
    let loaded = project::parse("bench.ron", file)?;
    let budget = loaded.project.doc(0).map_or(0.0, |d| {
        4.0 * d.text().len() as f64 + 200.0 * (d.span_count() + d.event_count()) as f64
    });
    h.app.state.replace_loaded(loaded, None);
    h.frames(3);
    let (Some(peak), Some(after)) = (status_bytes("VmHWM"), status_bytes("VmRSS")) else {
        return Ok(None);
    };
    if !reset && peak <= peak_before {
        // The peak was set earlier and could not be reset: nothing can be said.
        return Ok(None);
    }
    let mb = |x: f64| x / 1e6;
    let record = Record::new("peak_memory", size).with_memory(
        mb(peak - before),
        mb(after - before),
        budgeted.then_some(mb(budget)),
    );
    drop(h);
    Ok(Some(record))
}
