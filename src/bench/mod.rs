//! `acta bench`: frame times of the real window (headless), opening, scrolling, edits, project
//! load/save, export and memory, on generated documents from 10 KB to 10 MB. Prints a table, or
//! one JSON object per measure with `--json`; `--quick` runs fewer frames and smaller projects.

pub mod agree;
pub mod exports;
pub mod frame;
pub mod import_ui;
pub mod memory;
pub mod model_ops;
pub mod report;
pub mod synthetic;

pub use report::{Record, Samples};

use crate::formats::project;
use std::io::Write;
use synthetic::Layout;

/// One span per this many bytes of text: 200k spans on 10 MB, as the targets assume.
pub const BYTES_PER_SPAN: usize = 50;
const KB: usize = 1000;
const MB: usize = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub quick: bool,
    pub json: bool,
    /// Run only the measures with these names (all when empty).
    pub only: Vec<String>,
}

impl Options {
    /// Whether a group of measures that makes any of `names` is to run.
    fn wants(&self, names: &[&str]) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| names.contains(&o.as_str()))
    }
}

/// The measures on the 10 MB document (see `big_document`).
const ON_BIG_DOCUMENT: &[&str] = &[
    "peak_memory",
    "open_first_frame",
    "frame_middle",
    "frame_middle_ratio",
    "add_span_frame",
    "undo_frame",
    "scroll_top_bottom",
    "add_span",
    "undo_add_span",
    "review_places",
    "add_span_while_saving",
    "find_plain",
    "find_all_forms",
    "suggest_dates",
    "suggest_actors",
];

/// The measures on the many-documents project.
const ON_MANY_DOCUMENTS: &[&str] = &[
    "project_load",
    "project_save",
    "export_jsonl",
    "disk_write_atomic",
    "export_conll",
    "export_hf",
    "export_spacy",
];

const ON_IMPORT: &[&str] = &["import_ui_frames", "import_total", "import_landing_frame"];

/// Every measure's name, for `--only` (checked before anything runs), group by group.
pub const MEASURES: &[&[&str]] = &[ON_BIG_DOCUMENT, ON_MANY_DOCUMENTS, &["agree"], ON_IMPORT];

fn measure_names() -> impl Iterator<Item = &'static str> {
    MEASURES.iter().flat_map(|group| group.iter().copied())
}

/// How much of each measure to run.
struct Plan {
    frames: usize,
    open_runs: usize,
    scroll_cap: Option<usize>,
    edits: usize,
    edit_frames: usize,
    save_edits: usize,
    docs: usize,
    file_runs: usize,
    import_bytes: usize,
}

impl Plan {
    fn new(quick: bool) -> Self {
        if quick {
            Plan {
                frames: 60,
                open_runs: 3,
                scroll_cap: Some(300),
                edits: 2_000,
                edit_frames: 30,
                save_edits: 3,
                docs: 1_000,
                file_runs: 3,
                import_bytes: 100 * MB,
            }
        } else {
            Plan {
                frames: 300,
                open_runs: 5,
                scroll_cap: None,
                edits: 20_000,
                edit_frames: 200,
                save_edits: 10,
                docs: model_ops::FULL_DOCS,
                file_runs: 3,
                import_bytes: 100 * MB,
            }
        }
    }
}

/// Collects records, printing each JSON line as it comes (and progress on stderr).
struct Report<'a> {
    json: bool,
    out: &'a mut dyn FnMut(&str) -> anyhow::Result<()>,
    records: Vec<Record>,
}

impl Report<'_> {
    fn add(&mut self, record: Record) -> anyhow::Result<()> {
        let _ = writeln!(std::io::stderr(), "bench: {} {} done", record.name, record.size);
        if self.json {
            (self.out)(&format!("{}\n", serde_json::to_string(&record)?))?;
        }
        self.records.push(record);
        Ok(())
    }

    fn median(&self, name: &str, size: &str) -> Option<f64> {
        self.records.iter().find(|r| r.name == name && r.size == size)?.median_ms
    }
}

fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "bench: {text}");
}

/// Runs every measure (or those `options.only` names); `out` receives what goes to standard
/// output.
pub fn run(
    options: Options,
    out: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if let Some(bad) = options.only.iter().find(|o| !measure_names().any(|m| m == o.as_str())) {
        let all: Vec<&str> = measure_names().collect();
        anyhow::bail!("no measure is called `{bad}`; the measures: {}", all.join(", "));
    }
    let plan = Plan::new(options.quick);
    let mut report = Report { json: options.json, out, records: Vec::new() };

    big_document(&options, &plan, &mut report)?;

    let on_many = ON_MANY_DOCUMENTS;
    if options.wants(on_many) {
        note(&format!("generating {} documents of 3 KB", plan.docs));
        let many = model_ops::many_docs(plan.docs, 3 * KB)?;
        if options.wants(&on_many[..2]) {
            for record in model_ops::load_and_save(&many, plan.file_runs, plan.docs)? {
                report.add(record)?;
            }
        }
        if options.wants(&on_many[2..4]) {
            for record in exports::export_jsonl(&many, plan.file_runs)? {
                report.add(record)?;
            }
        }
        if options.wants(&on_many[4..]) {
            for record in exports::export_tokens(&many, plan.file_runs)? {
                report.add(record)?;
            }
        }
    }

    if options.wants(&["agree"]) {
        note(&format!("generating {} documents of 3 KB × {} annotators", plan.docs, 3));
        let layered = agree::project(plan.docs, 3 * KB)?;
        report.add(agree::agree(&layered, plan.file_runs)?)?;
    }

    if options.wants(ON_IMPORT) {
        note(&format!("importing {} MB behind the window", plan.import_bytes / MB));
        let size = format!("{} MB text", plan.import_bytes / MB);
        for record in import_ui::import_while_drawing(plan.import_bytes, &size)? {
            report.add(record)?;
        }
    }

    if !options.json {
        let text = report::table(&report.records);
        (report.out)(&text)?;
    }
    Ok(())
}

/// The measures on the 10 MB document: memory, opening, frames, scrolling, edits.
fn big_document(options: &Options, plan: &Plan, report: &mut Report) -> anyhow::Result<()> {
    if !options.wants(ON_BIG_DOCUMENT) {
        return Ok(());
    }
    // Memory first, before the other measures have grown and fragmented the heap.
    note("generating the 10 MB document");
    let big = frame::one_doc(10 * MB, Layout::Paragraphs, 1)?;
    let big_file = project::to_ron(&big)?;
    if options.wants(&["peak_memory"]) {
        let small_file = project::to_ron(&frame::one_doc(10 * KB, Layout::Paragraphs, 1)?)?;
        for (file, size, budgeted) in [(&small_file, "10KB", false), (&big_file, "10MB", true)] {
            match memory::open_peak(file, size, budgeted)? {
                Some(record) => report.add(record)?,
                None => note("peak memory skipped: /proc/self/status cannot be read here"),
            }
        }
    }
    if options.wants(&["open_first_frame"]) {
        report.add(frame::open_first_frame(&big_file, "10MB", plan.open_runs)?)?;
    }
    drop(big_file);

    let one_line = frame::one_doc(10 * MB, Layout::OneLine, 1)?;
    if options.wants(&["frame_middle", "frame_middle_ratio"]) {
        let mut projects = vec![("sample.ron doc 1".to_string(), frame::sample()?)];
        for (size, bytes) in [("10KB", 10 * KB), ("100KB", 100 * KB), ("1MB", MB)] {
            projects.push((size.to_string(), frame::one_doc(bytes, Layout::Paragraphs, 1)?));
        }
        projects.push(("10MB".to_string(), big.clone()));
        projects.push(("10MB one line".to_string(), one_line.clone()));
        for record in frame::middle_frames(projects, plan.frames)? {
            report.add(record)?;
        }
        for size in ["10MB", "10MB one line"] {
            if let (Some(large), Some(small)) =
                (report.median("frame_middle", size), report.median("frame_middle", "10KB"))
            {
                let record = Record::new("frame_middle_ratio", &format!("{size} vs 10KB"));
                report.add(record.with_ratio(large / small, 1.5))?;
            }
        }
    }

    if options.wants(&["add_span_frame", "undo_frame"]) {
        for record in frame::edit_frames(big.clone(), "10MB, 200k spans", plan.edit_frames)? {
            report.add(record)?;
        }
    }
    if options.wants(&["scroll_top_bottom"]) {
        report.add(frame::scroll(big.clone(), "10MB", plan.scroll_cap)?)?;
        report.add(frame::scroll(one_line, "10MB one line", plan.scroll_cap)?)?;
    }

    let size = format!("10MB, {}k spans", big.span_count() / 1000);
    if options.wants(&["add_span", "undo_add_span"]) {
        // A deep copy, so the document is not shared and edits do not copy it.
        let mut own = big.clone();
        own.documents = big.documents.iter().map(|d| std::sync::Arc::new((**d).clone())).collect();
        for record in model_ops::add_and_undo(own, &size, plan.edits)? {
            report.add(record)?;
        }
    }
    if options.wants(&["review_places"]) {
        report.add(model_ops::review_places(&big, &size, plan.file_runs)?)?;
    }
    if options.wants(&["find_plain", "find_all_forms"]) {
        for record in model_ops::find(&big, &size, plan.file_runs)? {
            report.add(record)?;
        }
    }
    if options.wants(&["suggest_dates", "suggest_actors"]) {
        for record in model_ops::suggest(&big, &size, plan.file_runs.min(3))? {
            report.add(record)?;
        }
    }
    if options.wants(&["add_span_while_saving"]) {
        report.add(model_ops::add_during_save(big, &size, plan.save_edits)?)?;
    }
    Ok(())
}
