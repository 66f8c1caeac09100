//! Dataset export: one `Exporter` per format, chosen by name. `run` selects what to export
//! (layer, `--only-done`), lets the exporter write into a `Staging`, and commits only when the
//! export is complete, not cancelled and — under `--strict` — nothing had to be left out. Every
//! annotation a format cannot hold is listed in the report, so nothing is dropped silently.

use super::progress::Progress;
use super::staging::Staging;
use crate::model::{AnnId, DocStatus, Document, Event, Project, Schema, Span};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The annotator name of the adjudicated (gold) layer.
pub const GOLD_LAYER: &str = "gold";

/// Whose annotations to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Layer {
    /// The gold layer once the project has one, else every annotator's work.
    #[default]
    Default,
    /// Everything, whoever made it.
    All,
    /// One annotator's layer (`--annotator NAME`; `--layer gold` is `Annotator("gold")`).
    Annotator(String),
}

/// How JSON formats count offsets. Acta's own unit is the code point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OffsetUnit {
    #[default]
    Codepoints,
    /// UTF-16 code units (JavaScript, doccano's web UI).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

/// What token formats (CoNLL, HF) do with overlapping spans, which they cannot hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Overlap {
    /// Keep the outermost (longest first) span; report the ones inside or crossing it.
    #[default]
    Outer,
    /// Keep the innermost spans; report the ones around them.
    Inner,
    /// Report every overlap and fail the export.
    Error,
}

/// doccano's two JSONL shapes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DoccanoMode {
    /// Sequence labelling: `"label": [[start, end, "Label"], ...]`.
    Seq,
    /// Relation extraction: `entities` and `relations` with ids (events become relations).
    #[default]
    Relation,
}

#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Fail instead of reporting annotations the format cannot hold; nothing is written.
    pub strict: bool,
    pub layer: Layer,
    /// Only documents whose status is `done`.
    pub only_done: bool,
    pub offsets: OffsetUnit,
    pub overlap: Overlap,
    /// spaCy: write spaCy v2 JSON (`raw` + BILUO) instead of Prodigy-style JSONL.
    pub v2_json: bool,
    pub doccano: DoccanoMode,
}

/// An annotation a format could not hold, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub doc: String,
    pub ann: AnnId,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub documents: usize,
    pub spans: usize,
    pub events: usize,
    pub skipped: Vec<Skipped>,
    /// Things worth saying that lose nothing (a text rewritten with LF for brat...).
    pub notes: Vec<String>,
    /// The files written, once committed.
    pub files: Vec<PathBuf>,
}

impl ExportReport {
    pub fn skip(&mut self, doc: &str, ann: AnnId, reason: impl Into<String>) {
        self.skipped.push(Skipped { doc: doc.to_string(), ann, reason: reason.into() });
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format `{0}` (known: {known})", known = names().join(", "))]
    UnknownFormat(String),
    #[error("cannot write {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("{} annotation(s) cannot be exported in this format (--strict); nothing written", .0.len())]
    Strict(Vec<Skipped>),
    #[error("{0}")]
    Unsupported(String),
    #[error("export cancelled; nothing written")]
    Cancelled,
}

impl ExportError {
    pub fn io(path: &Path, cause: std::io::Error) -> Self {
        ExportError::Io { path: path.display().to_string(), cause }
    }
}

/// One document as exported: the annotations of the chosen layer. Event arguments pointing to
/// spans outside the layer are removed here (and reported), so exporters never meet them.
pub struct DocView<'a> {
    pub doc: &'a Document,
    /// In reading order (start, then end, then id).
    pub spans: Vec<&'a Span>,
    pub events: Vec<Cow<'a, Event>>,
}

impl DocView<'_> {
    pub fn id(&self) -> &str {
        &self.doc.meta.id
    }
    pub fn text(&self) -> &str {
        self.doc.text()
    }
}

/// What an exporter is given.
pub struct ExportJob<'a> {
    pub project: &'a Project,
    pub schema: &'a Schema,
    pub docs: Vec<DocView<'a>>,
    pub options: &'a ExportOptions,
    pub progress: &'a Progress,
}

impl ExportJob<'_> {
    /// Exporters call this once per document: counts it and answers a cancel.
    pub fn step(&self, doc: &DocView) -> Result<(), ExportError> {
        self.progress.advance(doc.text().len() as u64);
        if self.progress.is_cancelled() { Err(ExportError::Cancelled) } else { Ok(()) }
    }

    /// `step` inside a `Staging::file` closure, where errors are `io::Error`s; `finish` turns
    /// the interruption back into `Cancelled`.
    pub fn step_io(&self, doc: &DocView) -> std::io::Result<()> {
        self.step(doc).map_err(|_| std::io::Error::other("cancelled"))
    }

    /// The result of a `Staging::file` call: a cancel wins over the error it caused.
    pub fn finish(&self, out: &Path, written: std::io::Result<()>) -> Result<(), ExportError> {
        if self.progress.is_cancelled() {
            return Err(ExportError::Cancelled);
        }
        written.map_err(|cause| ExportError::io(out, cause))
    }
}

pub trait Exporter {
    /// The name used on the command line (`--format NAME`).
    fn name(&self) -> &'static str;
    /// One line for menus and `--help`.
    fn describe(&self) -> &'static str;
    /// Writes into `out` (a file or, for folder formats, a folder) through `staging`, and
    /// fills `report` with what was written and what could not be.
    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError>;
}

fn all() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(super::jsonl::Jsonl),
        Box::new(super::brat::Brat),
        Box::new(super::conll::Conll),
        Box::new(super::spacy::Spacy),
        Box::new(super::doccano::Doccano),
        Box::new(super::label_studio::LabelStudio),
        Box::new(super::hf::Hf),
    ]
}

/// Names of the formats this build can export.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|e| e.name()).collect()
}

/// (name, description) of every format, for menus.
pub fn formats() -> Vec<(&'static str, &'static str)> {
    all().iter().map(|e| (e.name(), e.describe())).collect()
}

pub fn exporter(name: &str) -> Result<Box<dyn Exporter>, ExportError> {
    all()
        .into_iter()
        .find(|e| e.name() == name)
        .ok_or_else(|| ExportError::UnknownFormat(name.to_string()))
}

/// Exports `project` as `format` to `out`. Nothing is written unless the whole export succeeds.
pub fn run(
    project: &Project,
    format: &str,
    options: &ExportOptions,
    out: &Path,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    let exporter = exporter(format)?;
    let mut report = ExportReport::default();
    let docs = select(project, options, &mut report);
    progress.set_total(docs.iter().map(|d| d.text().len() as u64).sum());
    let job = ExportJob { project, schema: &project.schema, docs, options, progress };
    let mut staging = Staging::new();
    exporter.export(&job, out, &mut staging, &mut report)?;
    if progress.is_cancelled() {
        return Err(ExportError::Cancelled);
    }
    if options.strict && !report.skipped.is_empty() {
        return Err(ExportError::Strict(report.skipped));
    }
    report.files = staging.commit().map_err(|cause| ExportError::io(out, cause))?;
    Ok(report)
}

/// The documents and annotations the options ask for, each as `view` gives it.
pub fn select<'a>(
    project: &'a Project,
    options: &ExportOptions,
    report: &mut ExportReport,
) -> Vec<DocView<'a>> {
    let has_gold = || {
        project.documents.iter().any(|d| {
            d.spans().any(|s| s.annotator == GOLD_LAYER)
                || d.events().any(|e| e.annotator == GOLD_LAYER)
        })
    };
    let only: Option<&str> = match &options.layer {
        Layer::All => None,
        Layer::Annotator(name) => Some(name),
        Layer::Default => has_gold().then_some(GOLD_LAYER),
    };
    let mut out = Vec::new();
    for doc in &project.documents {
        if options.only_done && doc.meta.status != DocStatus::Done {
            continue;
        }
        out.push(view(doc, only, report));
    }
    out
}

/// One document's annotations of one layer (`only`: that annotator's; `None`: everyone's), as
/// `select` gives them.
pub fn view<'a>(doc: &'a Document, only: Option<&str>, report: &mut ExportReport) -> DocView<'a> {
    let keep = |annotator: &str| only.is_none_or(|o| o == annotator);
    let spans: Vec<&Span> = doc.spans_by_position().filter(|s| keep(&s.annotator)).collect();
    let events = doc
        .events()
        .filter(|e| keep(&e.annotator))
        .filter_map(|e| in_layer(doc, e, keep, report))
        .collect();
    DocView { doc, spans, events }
}

/// `view` of each of `annotators`' layers, in one pass over the document (agreement compares
/// every layer of every document).
pub fn views<'a>(
    doc: &'a Document,
    annotators: &[&str],
    report: &mut ExportReport,
) -> Vec<DocView<'a>> {
    let mut out: Vec<DocView> =
        annotators.iter().map(|_| DocView { doc, spans: Vec::new(), events: Vec::new() }).collect();
    let layer = |annotator: &str| annotators.iter().position(|a| *a == annotator);
    // In id order, then sorted: cheaper than walking the index, which looks every span up.
    for span in doc.spans() {
        if let Some(k) = layer(&span.annotator) {
            out[k].spans.push(span);
        }
    }
    for view in &mut out {
        view.spans.sort_unstable_by_key(|s| (s.start, s.end, s.id));
    }
    for event in doc.events() {
        let Some(k) = layer(&event.annotator) else { continue };
        if let Some(e) = in_layer(doc, event, |a| a == annotators[k], report) {
            out[k].events.push(e);
        }
    }
    out
}

/// `event` of the layer `keep` says yes to: left out (and reported) if its trigger is in
/// another layer, its arguments into other layers removed (and reported).
fn in_layer<'a>(
    doc: &'a Document,
    event: &'a Event,
    keep: impl Fn(&str) -> bool,
    report: &mut ExportReport,
) -> Option<Cow<'a, Event>> {
    if !doc.span(event.trigger).is_some_and(|s| keep(&s.annotator)) {
        report.skip(&doc.meta.id, event.id, "its trigger is in another layer");
        return None;
    }
    // An argument may point to an event, or to a span of another layer.
    let outside = |a: &crate::model::Argument| {
        doc.span(a.target).is_some_and(|s| !keep(&s.annotator))
            || doc.event(a.target).is_some_and(|e| !keep(&e.annotator))
    };
    if !event.arguments.iter().any(outside) {
        return Some(Cow::Borrowed(event));
    }
    let mut trimmed = event.clone();
    trimmed.arguments.retain(|a| {
        let out = outside(a);
        if out {
            report.skip(
                &doc.meta.id,
                event.id,
                format!("argument {} → {} is in another layer", a.role, a.target),
            );
        }
        !out
    });
    Some(Cow::Owned(trimmed))
}

/// Converts code point offsets of one document to another unit, in O(1) per offset after an
/// O(n) table built only for UTF-16 (bytes come from the document's own offset table).
pub struct UnitMap<'a> {
    doc: &'a Document,
    unit: OffsetUnit,
    utf16: Vec<u32>,
}

impl<'a> UnitMap<'a> {
    pub fn new(doc: &'a Document, unit: OffsetUnit) -> Self {
        let mut utf16 = Vec::new();
        if unit == OffsetUnit::Utf16 && doc.text().len() != doc.char_len() {
            utf16.reserve(doc.char_len() + 1);
            let mut at = 0u32;
            utf16.push(0);
            for c in doc.text().chars() {
                at += c.len_utf16() as u32;
                utf16.push(at);
            }
        }
        Self { doc, unit, utf16 }
    }

    pub fn of(&self, cp: usize) -> usize {
        match self.unit {
            OffsetUnit::Codepoints => cp,
            OffsetUnit::Bytes => self.doc.byte_of(cp),
            OffsetUnit::Utf16 => self.utf16.get(cp).map_or(cp, |&u| u as usize),
        }
    }

    /// The code point at a unit offset, or `None` when the offset splits a character or lies
    /// past the end (importers report that).
    pub fn back(&self, unit_offset: usize) -> Option<usize> {
        match self.unit {
            OffsetUnit::Codepoints => (unit_offset <= self.doc.char_len()).then_some(unit_offset),
            OffsetUnit::Bytes => (unit_offset <= self.doc.text().len()
                && self.doc.text().is_char_boundary(unit_offset))
            .then(|| self.doc.cp_of(unit_offset)),
            OffsetUnit::Utf16 if self.utf16.is_empty() => {
                (unit_offset <= self.doc.char_len()).then_some(unit_offset)
            }
            OffsetUnit::Utf16 => self.utf16.binary_search(&(unit_offset as u32)).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Edit};
    use std::sync::Arc;

    fn project() -> Result<Project, Box<dyn std::error::Error>> {
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d1".into(), status: DocStatus::Done, ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, "😀 Южная Осетия и ЛНР")));
        p.documents.push(Arc::new(Document::new(DocMeta { id: "d2".into(), ..meta_of() }, "x")));
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), 2, 14, "Actor", "ann") }.apply(&mut p)?;
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(2), 0, 1, "Event", "gold") }.apply(&mut p)?;
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(4), 17, 20, "Actor", "gold") }
            .apply(&mut p)?;
        let mut event = Event::new(AnnId(3), AnnId(2), "Statement", "gold");
        event.arguments.push(crate::model::Argument { role: "Agent".into(), target: AnnId(1) });
        event.arguments.push(crate::model::Argument { role: "Theme".into(), target: AnnId(4) });
        Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
        Ok(p)
    }

    fn meta_of() -> DocMeta {
        DocMeta::default()
    }

    #[test]
    fn gold_is_the_default_layer_once_it_exists() -> Result<(), Box<dyn std::error::Error>> {
        let p = project()?;
        let mut report = ExportReport::default();
        let docs = select(&p, &ExportOptions::default(), &mut report);
        assert_eq!(docs.len(), 2);
        let ids: Vec<AnnId> = docs[0].spans.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![AnnId(2), AnnId(4)]);
        assert_eq!(docs[0].events[0].arguments.len(), 1, "the Agent is another annotator's");
        assert_eq!(report.skipped.len(), 1);
        assert!(report.skipped[0].reason.contains("Agent"), "{:?}", report.skipped);

        let all = ExportOptions { layer: Layer::All, only_done: true, ..Default::default() };
        let mut report = ExportReport::default();
        let docs = select(&p, &all, &mut report);
        assert_eq!((docs.len(), docs[0].spans.len()), (1, 3));
        assert!(report.skipped.is_empty());

        let one = ExportOptions { layer: Layer::Annotator("ann".into()), ..Default::default() };
        let docs = select(&p, &one, &mut ExportReport::default());
        assert_eq!((docs[0].spans.len(), docs[0].events.len()), (1, 0));
        Ok(())
    }

    #[test]
    fn offsets_in_every_unit_and_back() {
        let doc = Document::new(DocMeta::default(), "a😀é\u{301}Ж");
        let cps = [0, 1, 2, 3, 4, 5];
        let utf16 = UnitMap::new(&doc, OffsetUnit::Utf16);
        let bytes = UnitMap::new(&doc, OffsetUnit::Bytes);
        assert_eq!(cps.map(|c| utf16.of(c)), [0, 1, 3, 4, 5, 6]);
        assert_eq!(cps.map(|c| bytes.of(c)), [0, 1, 5, 7, 9, 11]);
        for c in cps {
            assert_eq!(utf16.back(utf16.of(c)), Some(c));
            assert_eq!(bytes.back(bytes.of(c)), Some(c));
        }
        assert_eq!(utf16.back(2), None, "inside the surrogate pair");
        assert_eq!(bytes.back(3), None, "inside the emoji");
        assert_eq!(utf16.back(7), None, "past the end");
    }

    #[test]
    fn strict_and_cancel_write_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let p = project()?;
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out.jsonl");
        let progress = Progress::default();
        progress.cancel();
        let r = run(&p, "jsonl", &ExportOptions::default(), &out, &progress);
        assert!(matches!(r, Err(ExportError::Cancelled)), "{r:?}");
        let strict = ExportOptions { strict: true, ..Default::default() };
        let r = run(&p, "jsonl", &strict, &out, &Progress::default());
        assert!(matches!(r, Err(ExportError::Strict(ref s)) if s.len() == 1), "{r:?}");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        let report = run(&p, "jsonl", &ExportOptions::default(), &out, &Progress::default())?;
        assert_eq!(report.files, vec![out.clone()]);
        Ok(())
    }
}
