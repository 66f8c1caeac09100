//! Headless frames of the real window: `acta_ui` through a bare `egui::Context` at 1280×800,
//! then tessellation, timed together (what a frame costs before the GPU). Measures a still frame
//! scrolled to the middle, opening a project up to its first frame, and a wheel scroll to the end.

use super::{Record, Samples, synthetic};
use crate::app::AppState;
use crate::app::settings::Settings;
use crate::formats::project;
use crate::model::Project;
use crate::ui::{Acta, acta_ui};
use eframe::egui::{
    self, Event, FullOutput, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect,
    TouchPhase, vec2,
};
use std::time::{Duration, Instant};

pub const WIDTH: f32 = 1280.0;
pub const HEIGHT: f32 = 800.0;
/// Frames are 1/60 s apart in egui's clock.
const DT: f64 = 1.0 / 60.0;
/// Over the text, between the documents panel and the annotation panel.
const TEXT_POINT: Pos2 = Pos2::new(600.0, 420.0);

/// The window without a window.
pub struct Headless {
    ctx: egui::Context,
    pub app: Acta,
    time: f64,
}

impl Headless {
    pub fn new(project: Project) -> Self {
        let settings = Settings { annotator: Some("bench".into()), ..Settings::default() };
        let ctx = egui::Context::default();
        crate::ui::setup_context(&ctx);
        let state = AppState::with_project(project, None, settings);
        Self { ctx, app: Acta::new(state), time: 0.0 }
    }

    /// One frame with these input events: UI, then tessellation. Returns its duration.
    pub fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += DT;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(WIDTH, HEIGHT))),
            time: Some(self.time),
            predicted_dt: DT as f32,
            focused: true,
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let output = self.ctx.run_ui(input, |ui| acta_ui(ui, &mut self.app));
        let FullOutput { shapes, pixels_per_point, mut textures_delta, .. } = output;
        let primitives = self.ctx.tessellate(shapes, pixels_per_point);
        let elapsed = start.elapsed();
        // No GPU to upload to: the deltas are dropped on purpose (egui asserts otherwise).
        textures_delta.clear();
        drop(std::hint::black_box(primitives));
        elapsed
    }

    pub fn frames(&mut self, n: usize) {
        for _ in 0..n {
            self.frame(Vec::new());
        }
    }

    /// Whether the block holding code point `cp` was drawn in the last frame.
    fn shows(&self, cp: usize) -> bool {
        self.app.text_view.visible.iter().any(|p| p.block.start <= cp && cp <= p.block.end)
    }

    /// Whether the last block of the document was drawn in the last frame.
    fn at_end(&self) -> bool {
        let last = self.app.text_view.block_count().saturating_sub(1);
        self.app.text_view.visible.iter().any(|p| p.index == last)
    }
}

/// Frames timed per project in turn: a slow spell of a shared machine then hits every size
/// alike, so their ratio holds, while consecutive frames of one window keep its caches warm.
const ROUND: usize = 10;

/// A still frame scrolled to the middle of each project's first document, once settled; the
/// projects take turns (see `ROUND`). One record per project, named by its size.
pub fn middle_frames(
    projects: Vec<(String, Project)>,
    frames: usize,
) -> anyhow::Result<Vec<Record>> {
    let mut windows = Vec::with_capacity(projects.len());
    for (size, project) in projects {
        let mut h = Headless::new(project);
        h.frames(3);
        let middle = h.app.state.doc().map_or(0, |d| d.char_len() / 2);
        h.app.state.reveal = Some(middle);
        h.frames(6);
        if !h.shows(middle) {
            anyhow::bail!("frame {size}: the middle of the document did not come into view");
        }
        windows.push((size, h, Vec::with_capacity(frames)));
    }
    let mut done = 0;
    while done < frames {
        let n = ROUND.min(frames - done);
        for (_, h, times) in &mut windows {
            times.extend((0..n).map(|_| h.frame(Vec::new())));
        }
        done += n;
    }
    Ok(windows
        .into_iter()
        .map(|(size, _, times)| {
            let s = Samples::from_durations(&times);
            Record::timed("frame_middle", &size, &s).target_ms(4.0)
        })
        .collect())
}

/// Parse a one-document project file, put it in a running window, draw the first frame.
/// The window has drawn frames before (fonts loaded), as when a user opens a file.
pub fn open_first_frame(file: &str, size: &str, runs: usize) -> anyhow::Result<Record> {
    let mut h = Headless::new(Project::default());
    h.frames(2);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = project::parse("bench.ron", file)?;
        h.app.state.replace_loaded(loaded, None);
        h.frame(Vec::new());
        times.push(start.elapsed());
        if h.app.text_view.visible.is_empty() {
            anyhow::bail!("open {size}: the first frame drew no text");
        }
        // Dropping a large project is not part of opening the next one.
        h.app.state.replace_project(Project::default(), None);
        h.frames(2);
    }
    Ok(Record::timed("open_first_frame", size, &Samples::from_durations(&times)).target_ms(300.0))
}

/// An annotator's edit as the window lives it: a span added in the middle of the screen (or
/// undone), then the frame that shows it, timed together; `runs` of each. Whatever an edit
/// makes the window redo (problem checks, block layout, review places) shows up here.
pub fn edit_frames(project: Project, size: &str, runs: usize) -> anyhow::Result<[Record; 2]> {
    let mut h = Headless::new(project);
    h.frames(3);
    let middle = h.app.state.doc().map_or(0, |d| d.char_len() / 2);
    h.app.state.reveal = Some(middle);
    h.frames(6);
    let mut rng = synthetic::Rng::new(44);
    let (mut add, mut undo) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        // Somewhere on the screen, so the frame has to lay out the changed block again.
        let Some(shown) = h.app.text_view.visible.get(rng.below(h.app.text_view.visible.len()))
        else {
            anyhow::bail!("edit frames {size}: no text on screen");
        };
        let block = shown.block;
        let start = block.start + rng.below(block.char_len().saturating_sub(10).max(1));
        let end = (start + rng.between(1, 10)).min(block.end.max(start + 1));
        let Some(doc) = h.app.state.doc() else { anyhow::bail!("edit frames {size}: no document") };
        let span = crate::model::Span::new(doc.next_id(), start, end, "Actor", "bench");
        let t = Instant::now();
        if !h.app.state.apply(crate::model::Edit::AddSpan { doc: 0, span }) {
            anyhow::bail!("edit frames {size}: the span was refused");
        }
        h.frame(Vec::new());
        add.push(t.elapsed());
        let t = Instant::now();
        h.app.state.undo();
        h.frame(Vec::new());
        undo.push(t.elapsed());
    }
    // Let a background check started by the edits finish before the window goes.
    h.frames(2);
    Ok([
        Record::timed("add_span_frame", size, &Samples::from_durations(&add)).target_ms(16.7),
        Record::timed("undo_frame", size, &Samples::from_durations(&undo)).target_ms(16.7),
    ])
}

/// Mouse-wheel scrolling from the top to the end of the first document, `step` points a frame
/// (or, with `max_frames`, as much as reaches the end in that many frames); every frame timed.
pub fn scroll(project: Project, size: &str, max_frames: Option<usize>) -> anyhow::Result<Record> {
    let mut h = Headless::new(project);
    h.frame(vec![Event::PointerMoved(TEXT_POINT)]);
    h.frames(2);
    // About a screen a frame, so every frame lays out new text: the worst case for a scroll.
    let mut step = 600.0;
    if let Some(n) = max_frames {
        step = f32::max(step, estimated_height(&h) / n as f32 * 1.15);
    }
    let cap = max_frames.unwrap_or(100_000);
    let mut times = Vec::new();
    while !h.at_end() && times.len() < cap {
        let wheel = Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -step),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        };
        times.push(h.frame(vec![wheel]));
    }
    let reached = if h.at_end() { "" } else { " (did not reach the end)" };
    let size = format!("{size}, {step:.0} pt/frame{reached}");
    Ok(Record::timed("scroll_top_bottom", &size, &Samples::from_durations(&times)).target_p99(8.0))
}

/// Height of the whole text, from how much of it the first screen showed.
fn estimated_height(h: &Headless) -> f32 {
    let view = &h.app.text_view;
    let (Some(first), Some(last)) = (view.visible.first(), view.visible.last()) else {
        return 0.0;
    };
    let chars = (last.block.end - first.block.start).max(1) as f32;
    let height = last.origin.y + last.galley.size().y - first.origin.y;
    let total = h.app.state.doc().map_or(0, |d| d.char_len()) as f32;
    total * height / chars
}

/// The sample project that ships with Acta, to compare generated text with real articles.
pub fn sample() -> anyhow::Result<Project> {
    Ok(project::parse("sample.ron", crate::app::files::EMBEDDED_SAMPLE)?.project)
}

/// A project with one generated document.
pub fn one_doc(bytes: usize, layout: synthetic::Layout, seed: u64) -> anyhow::Result<Project> {
    let doc = synthetic::document("bench", bytes, layout, super::BYTES_PER_SPAN, seed)?;
    Ok(synthetic::project("bench", vec![doc]))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only that the harness runs (and drops egui's texture deltas cleanly): no timings asserted.
    #[test]
    fn frames_open_and_scroll_headless() -> anyhow::Result<()> {
        let project = one_doc(10_000, synthetic::Layout::Paragraphs, 3)?;
        let file = project::to_ron(&project)?;
        let middle =
            middle_frames(vec![("10KB".into(), project.clone()), ("s".into(), sample()?)], 13)?;
        let runs: Vec<_> = middle.iter().map(|r| (r.size.as_str(), r.runs)).collect();
        assert_eq!(runs, vec![("10KB", Some(13)), ("s", Some(13))]);
        assert_eq!(open_first_frame(&file, "10KB", 1)?.runs, Some(1));
        let [add, undo] = edit_frames(project.clone(), "10KB", 3)?;
        assert_eq!((add.runs, undo.runs), (Some(3), Some(3)));
        let scrolled = scroll(project, "10KB", Some(40))?;
        assert!(!scrolled.size.contains("did not reach"), "{}", scrolled.size);
        assert!(scrolled.p99_ms.is_some_and(|p| p > 0.0));
        Ok(())
    }
}
