//! The model and file measures: adding a span and undoing it on a large document (also while a
//! save holds a snapshot), project load and save (parse and `to_ron`), review places. Exports are
//! in `exports.rs`. No UI here.

use super::synthetic::{self, Layout, Rng};
use super::{Record, Samples};
use crate::formats::project;
use crate::model::{Edit, History, Project, Span};
use std::time::{Duration, Instant};

/// A one-to-thirty-character span at a random place of the first document.
fn random_span(project: &Project, rng: &mut Rng) -> Option<Span> {
    let doc = project.doc(0)?;
    let start = rng.below(doc.char_len().checked_sub(40)?);
    Some(Span::new(doc.next_id(), start, start + rng.between(1, 30), "Actor", "bench"))
}

/// `History::apply` of a new span, then `History::undo` of it, each timed, `runs` times.
pub fn add_and_undo(mut project: Project, size: &str, runs: usize) -> anyhow::Result<[Record; 2]> {
    let mut history = History::new();
    let mut rng = Rng::new(42);
    let (mut add, mut undo) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let span = random_span(&project, &mut rng)
            .ok_or_else(|| anyhow::anyhow!("add span {size}: the document is too short"))?;
        let edit = Edit::AddSpan { doc: 0, span };
        let start = Instant::now();
        history.apply(&mut project, edit)?;
        add.push(start.elapsed());
        let start = Instant::now();
        history.undo(&mut project)?;
        undo.push(start.elapsed());
    }
    Ok([
        Record::timed("add_span", size, &Samples::from_durations(&add)).target_ms(1.0),
        Record::timed("undo_add_span", size, &Samples::from_durations(&undo)).target_ms(1.0),
    ])
}

/// The first edit after a save took its snapshot (`AppState::save_to` clones the project and
/// writes on a thread): the document is shared, so `Arc::make_mut` copies it whole.
pub fn add_during_save(mut project: Project, size: &str, runs: usize) -> anyhow::Result<Record> {
    let mut history = History::new();
    let mut rng = Rng::new(43);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let snapshot = project.clone();
        let span = random_span(&project, &mut rng)
            .ok_or_else(|| anyhow::anyhow!("add span {size}: the document is too short"))?;
        let start = Instant::now();
        history.apply(&mut project, Edit::AddSpan { doc: 0, span })?;
        times.push(start.elapsed());
        drop(snapshot);
        history.undo(&mut project)?;
    }
    let s = Samples::from_durations(&times);
    Ok(Record::timed("add_span_while_saving", size, &s).target_ms(1.0))
}

/// `docs` documents of `bytes` each, one span per 100 bytes (10,000 × 3 KB: 30 MB, 300k spans).
pub fn many_docs(docs: usize, bytes: usize) -> anyhow::Result<Project> {
    let docs = (0..docs)
        .map(|i| {
            synthetic::document(&format!("doc{i:05}"), bytes, Layout::Paragraphs, 100, i as u64)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(synthetic::project("bench", docs))
}

/// "10000 docs, 30MB text, 300k spans, 67MB file".
pub(super) fn describe(project: &Project, file_bytes: usize) -> String {
    let text: usize = project.documents.iter().map(|d| d.text().len()).sum();
    format!(
        "{} docs, {:.0}MB text, {}k spans, {:.0}MB file",
        project.documents.len(),
        text as f64 / 1e6,
        project.span_count() / 1000,
        file_bytes as f64 / 1e6
    )
}

/// Documents in the project the load and save targets are set for.
pub const FULL_DOCS: usize = 10_000;

/// `project::parse` and `project::to_ron` of the whole project, in memory. The 1 s targets are
/// for `FULL_DOCS` documents; a smaller project (`--quick`) is held to a proportional share.
pub fn load_and_save(project: &Project, runs: usize, docs: usize) -> anyhow::Result<[Record; 2]> {
    let mut save = Vec::with_capacity(runs);
    let mut text = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        text = project::to_ron(project)?;
        save.push(start.elapsed());
    }
    let mut load = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = project::parse("bench.ron", &text)?;
        load.push(start.elapsed());
        if loaded.project.span_count() != project.span_count() {
            anyhow::bail!("project load: spans went missing");
        }
        // Freeing 300k spans is not part of loading.
        drop(loaded);
    }
    let size = describe(project, text.len());
    let share = docs as f64 / FULL_DOCS as f64;
    let record = |name, times: &[Duration]| {
        Record::timed(name, &size, &Samples::from_durations(times)).target_ms_scaled(1000.0, share)
    };
    Ok([record("project_load", &load), record("project_save", &save)])
}

/// Review mode recomputes a document's places (`adjudicate::items`) after every edit: on a large
/// document with two annotators' layers that must stay far below a frame's worth of a pause.
pub fn review_places(project: &Project, size: &str, runs: usize) -> anyhow::Result<Record> {
    let doc = project.doc(0).ok_or_else(|| anyhow::anyhow!("review places {size}: no document"))?;
    let mut times = Vec::with_capacity(runs);
    let mut places = 0;
    for _ in 0..runs {
        let start = Instant::now();
        places = crate::review::adjudicate::items(doc).len();
        times.push(start.elapsed());
    }
    let size = format!("{size}, {}k places", places / 1000);
    Ok(Record::timed("review_places", &size, &Samples::from_durations(&times)).target_ms(100.0))
}

/// Find over the whole 10 MB document: plain (any case) and all case forms, for a word taken
/// from the text itself. Our target: 200 ms, quick enough to search as one types.
pub fn find(project: &Project, size: &str, runs: usize) -> anyhow::Result<Vec<Record>> {
    use crate::assist::search::{Query, find};
    let doc = project.doc(0).ok_or_else(|| anyhow::anyhow!("find {size}: no document"))?;
    let words: Vec<&str> = doc
        .text()
        .split_whitespace()
        .skip(1000)
        .filter(|w| w.chars().all(char::is_alphabetic))
        .take(1)
        .collect();
    let text = words.join(" ");
    let mut out = Vec::new();
    for (name, inflected) in [("find_plain", false), ("find_all_forms", true)] {
        let q = Query { text: text.clone(), inflected, ..Default::default() };
        let mut times = Vec::with_capacity(runs);
        let mut hits = 0;
        for _ in 0..runs {
            let start = Instant::now();
            hits = find(doc.text(), &doc.meta.lang, &q).len();
            times.push(start.elapsed());
        }
        let size = format!("{size}, {hits} matches");
        out.push(Record::timed(name, &size, &Samples::from_durations(&times)).target_ms(200.0));
    }
    Ok(out)
}

/// Suggestions (dates and actors) for the whole 10 MB document, as the app computes them when
/// suggestions are on and the document changes.
pub fn suggest(project: &Project, size: &str, runs: usize) -> anyhow::Result<Vec<Record>> {
    use crate::assist::{Kind, suggest};
    let mut out = Vec::new();
    for (name, kind) in [("suggest_dates", Kind::Dates), ("suggest_actors", Kind::Actors)] {
        let mut times = Vec::with_capacity(runs);
        let mut found = 0;
        for _ in 0..runs {
            let start = Instant::now();
            found = suggest(project, 0, &[kind]).len();
            times.push(start.elapsed());
        }
        let size = format!("{size}, {found} suggestions");
        out.push(Record::timed(name, &size, &Samples::from_durations(&times)));
    }
    Ok(out)
}
