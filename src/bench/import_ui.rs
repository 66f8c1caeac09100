//! An import running behind the window, as a user starts it from File → Import: a generated
//! text file of 100 MB read by a background job while the window, showing the sample project, keeps
//! drawing. Measures the frames drawn meanwhile (the UI must stay responsive), whether the
//! progress bar moved, the whole import, and the frame that takes the new document in.

use super::frame::Headless;
use super::synthetic::{self, Layout};
use super::{Record, Samples};
use crate::app::datasets::ImportDraft;
use crate::formats::export::OffsetUnit;
use std::time::{Duration, Instant};

/// Frames are paced as a 60 Hz display would ask for them.
const PACE: Duration = Duration::from_millis(16);

pub fn import_while_drawing(bytes: usize, size: &str) -> anyhow::Result<Vec<Record>> {
    let dir = std::env::temp_dir().join(format!("acta-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("big.txt");
    let result = (|| {
        std::fs::write(&path, synthetic::text(bytes, Layout::Paragraphs, 7))?;
        measure(&path, size)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn measure(path: &std::path::Path, size: &str) -> anyhow::Result<Vec<Record>> {
    // The sample project is open and drawn, as when a user imports into their project.
    let mut h = Headless::new(super::frame::sample()?);
    h.frames(2);
    let start = Instant::now();
    h.app.state.start_import(ImportDraft {
        format: "txt",
        paths: path.display().to_string(),
        annotator: String::new(),
        offsets: OffsetUnit::Codepoints,
    });
    let mut during = Vec::new();
    let mut fractions = Vec::new();
    let landing = loop {
        let fraction = h.app.state.task().and_then(|t| t.progress.fraction());
        let took = h.frame(Vec::new());
        if h.app.state.task().is_none() {
            break took;
        }
        during.push(took);
        fractions.extend(fraction);
        std::thread::sleep(PACE.saturating_sub(took));
        if start.elapsed() > Duration::from_secs(120) {
            anyhow::bail!("import {size}: still running after two minutes");
        }
    };
    let total = start.elapsed();
    if h.app.state.project.documents.len() != 6 {
        let status = h.app.state.status.as_ref().map(|m| m.text.clone()).unwrap_or_default();
        anyhow::bail!("import {size}: the document did not arrive ({status})");
    }
    // The progress bar showed at least one value strictly between empty and full.
    let moved = fractions.iter().any(|&f| f > 0.0 && f < 1.0);
    let frames = Samples::from_durations(&during);
    let mut drawing = Record::timed("import_ui_frames", size, &frames).target_p99(33.0);
    drawing.target = Some(format!(
        "p99 ≤ 33 ms while importing; progress bar moved: {}",
        if moved { "yes" } else { "no" }
    ));
    drawing.ok = drawing.ok.map(|ok| ok && moved);
    Ok(vec![
        drawing,
        Record::timed("import_total", size, &Samples::from_durations(&[total])),
        Record::timed("import_landing_frame", size, &Samples::from_durations(&[landing])),
    ])
}
