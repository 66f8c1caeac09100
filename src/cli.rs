//! The command line: `acta [PROJECT]` opens the GUI; `validate`, `stats`, `new` and `export` work
//! on project files without it; `bench` measures speed and memory on generated documents. Exit
//! codes: 0 ok, 1 the data has problems, 2 usage, cannot read or cannot write. Handlers return the
//! code; every error is printed once, in `main`, naming its file.

use crate::formats::export::{self, ExportError, ExportOptions, ExportReport, Skipped};
use crate::formats::project::{self, LoadError, Loaded};
use crate::formats::text_import::{self, ImportError};
use crate::model::{DocStatus, LabelKind, Problem, Project};
use anyhow::Context;
use clap::{Parser, Subcommand};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const OK: u8 = 0;
const DATA: u8 = 1;
const USAGE: u8 = 2;

/// The arguments; `about` is the crate description, shared with Cargo.toml.
#[derive(Parser, Debug)]
#[command(name = "acta", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Project file to open in the annotation window.
    project: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a project file; print one line per problem (exit 1) or a summary (exit 0).
    Validate {
        /// The project file (.ron).
        project: PathBuf,
    },
    /// Count documents and spans by label, annotator and document.
    Stats {
        /// The project file (.ron).
        project: PathBuf,
        /// One JSON object instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Create a project from .txt files and folders of them.
    New {
        /// The project file to write.
        project: PathBuf,
        /// Text files, or folders whose .txt files are imported in name order.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Project name (default: the project file's stem).
        #[arg(long)]
        name: Option<String>,
        /// Replace PROJECT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export the annotations as a dataset.
    Export {
        /// The project file (.ron).
        project: PathBuf,
        /// Dataset format, e.g. jsonl.
        #[arg(long)]
        format: String,
        /// File to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Exit 1 when the format cannot hold some annotation.
        #[arg(long)]
        strict: bool,
    },
    /// Measure frame times, opening, scrolling, edits, load/save, export and memory on
    /// generated documents (10 KB to 10 MB); build with --release for meaningful numbers.
    Bench {
        /// Fewer frames and runs and a smaller project: done in under a minute.
        #[arg(long)]
        quick: bool,
        /// One JSON object per line per measure instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // Help and --version come through here too, with code 0.
            return ExitCode::from(if e.use_stderr() { USAGE } else { OK });
        }
    };
    let result = match cli.command {
        None => crate::ui::run(cli.project).map(|()| OK),
        Some(Command::Validate { project }) => validate(&project),
        Some(Command::Stats { project, json }) => stats(&project, json),
        Some(Command::New { project, inputs, name, force }) => {
            new(&project, &inputs, name.as_deref(), force)
        }
        Some(Command::Export { project, format, out, strict }) => {
            export(&project, &format, &out, strict)
        }
        Some(Command::Bench { quick, json }) => {
            crate::bench::run(crate::bench::Options { quick, json }, &mut |text| print(text))
                .map(|()| OK)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprint_lines(&format!("error: {}", message(&err)));
            ExitCode::from(exit_code(&err))
        }
    }
}

/// The error and its causes on one line. Library errors often repeat their cause in their own
/// message (`cannot read x: No such file`), so a cause already said is not said again.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Bad data is 1; anything else that stops a command (usage, reading, writing) is 2.
fn exit_code(err: &anyhow::Error) -> u8 {
    if let Some(e) = err.downcast_ref::<LoadError>() {
        return if matches!(e, LoadError::Io { .. }) { USAGE } else { DATA };
    }
    match err.downcast_ref::<ImportError>() {
        Some(ImportError::NotUtf8 { .. }) => return DATA,
        Some(_) => return USAGE,
        None => {}
    }
    match err.downcast_ref::<ExportError>() {
        Some(ExportError::Strict(_)) => DATA,
        _ => USAGE,
    }
}

// --- output ------------------------------------------------------------------------------------

/// Writes to stdout; a reader that went away (`acta stats | head`) is not an error, but a full
/// disk is, so failures other than a broken pipe are reported.
fn print(text: &str) -> anyhow::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Diagnostics on stderr; if even stderr is gone there is nobody left to tell.
fn eprint_lines(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

fn problem_line(path: &Path, p: &Problem) -> String {
    format!("{}: {}: {p}\n", path.display(), p.severity)
}

/// Opens a project for a command that reads it; warnings go to stderr and do not stop it.
fn open(path: &Path) -> anyhow::Result<Project> {
    let Loaded { project, warnings } = project::load_file(path)?;
    for w in &warnings {
        eprint_lines(problem_line(path, w).trim_end());
    }
    Ok(project)
}

// --- validate ----------------------------------------------------------------------------------

fn validate(path: &Path) -> anyhow::Result<u8> {
    let mut out = String::new();
    let code = match project::load_file(path) {
        Ok(Loaded { project, warnings }) if warnings.is_empty() => {
            let (docs, spans) = (project.documents.len(), project.span_count());
            out = format!("{}: valid, {docs} documents, {spans} spans\n", path.display());
            OK
        }
        Ok(Loaded { warnings, .. }) => {
            warnings.iter().for_each(|p| out.push_str(&problem_line(path, p)));
            DATA
        }
        Err(LoadError::Invalid { problems, .. }) => {
            problems.iter().for_each(|p| out.push_str(&problem_line(path, p)));
            DATA
        }
        // A file that cannot be read says nothing about the data: that is an error, not a finding.
        Err(e @ LoadError::Io { .. }) => return Err(e.into()),
        Err(e) => {
            out = format!("{e}\n");
            DATA
        }
    };
    print(&out)?;
    Ok(code)
}

// --- stats -------------------------------------------------------------------------------------

/// Counts in a chosen order (schema labels first), written as a JSON object in that order.
#[derive(Debug, Default)]
struct Counts(Vec<(String, usize)>);

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Debug, Serialize)]
struct Stats {
    documents: usize,
    spans: usize,
    events: usize,
    by_label: Counts,
    by_event_type: Counts,
    by_annotator: Counts,
    by_status: Counts,
    by_document: Vec<DocStats>,
}

#[derive(Debug, Serialize)]
struct DocStats {
    id: String,
    title: String,
    lang: String,
    status: String,
    spans: usize,
    events: usize,
    by_label: Counts,
}

/// Every schema label (zero included), then labels found in spans but missing from the schema.
fn label_names(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for l in &project.schema.labels {
        if !names.contains(&l.name) {
            names.push(l.name.clone());
        }
    }
    let unknown: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(|d| d.spans())
        .map(|s| s.label.as_str())
        .filter(|l| project.schema.label(l).is_none())
        .collect();
    names.extend(unknown.into_iter().map(String::from));
    names
}

fn count_labels<'a>(names: &[String], labels: impl Iterator<Item = &'a str>) -> Counts {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for l in labels {
        *n.entry(l).or_default() += 1;
    }
    Counts(names.iter().map(|l| (l.clone(), n.get(l.as_str()).copied().unwrap_or(0))).collect())
}

/// Every schema event type (zero included), then types found in events but not in the schema.
fn event_type_names(project: &Project) -> Vec<String> {
    let mut names: Vec<String> =
        project.schema.event_types.iter().map(|t| t.name.clone()).collect();
    let unknown: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(|d| d.events())
        .map(|e| e.event_type.as_str())
        .filter(|t| project.schema.event_type(t).is_none())
        .collect();
    names.extend(unknown.into_iter().map(String::from));
    names
}

fn collect_stats(project: &Project) -> Stats {
    let names = label_names(project);
    let all_spans = || project.documents.iter().flat_map(|d| d.spans());
    let all_events = || project.documents.iter().flat_map(|d| d.events());
    let mut by_annotator: BTreeMap<String, usize> = BTreeMap::new();
    for a in all_spans().map(|s| &s.annotator).chain(all_events().map(|e| &e.annotator)) {
        *by_annotator.entry(a.clone()).or_default() += 1;
    }
    let statuses: Vec<String> = DocStatus::ALL.iter().map(|s| s.label().to_string()).collect();
    let by_document = project
        .documents
        .iter()
        .map(|d| DocStats {
            id: d.meta.id.clone(),
            title: d.meta.title.clone(),
            lang: d.meta.lang.clone(),
            status: d.meta.status.label().to_string(),
            spans: d.span_count(),
            events: d.event_count(),
            by_label: count_labels(&names, d.spans().map(|s| s.label.as_str())),
        })
        .collect();
    Stats {
        documents: project.documents.len(),
        spans: project.span_count(),
        events: project.documents.iter().map(|d| d.event_count()).sum(),
        by_label: count_labels(&names, all_spans().map(|s| s.label.as_str())),
        by_event_type: count_labels(
            &event_type_names(project),
            all_events().map(|e| e.event_type.as_str()),
        ),
        by_annotator: Counts(by_annotator.into_iter().collect()),
        by_status: count_labels(&statuses, project.documents.iter().map(|d| d.meta.status.label())),
        by_document,
    }
}

fn stats(path: &Path, json: bool) -> anyhow::Result<u8> {
    let project = open(path)?;
    let stats = collect_stats(&project);
    let out = if json {
        let mut text = serde_json::to_string_pretty(&stats)?;
        text.push('\n');
        text
    } else {
        stats_tables(path, &project, &stats)
    };
    print(&out)?;
    Ok(OK)
}

fn stats_tables(path: &Path, project: &Project, stats: &Stats) -> String {
    let mut out = format!(
        "{}: project {:?}, {} documents, {} spans, {} events\n\n",
        path.display(),
        project.name,
        stats.documents,
        stats.spans,
        stats.events
    );
    let kind = |label: &str| match project.schema.label(label).map(|l| l.kind) {
        Some(LabelKind::Entity) => "entity",
        Some(LabelKind::Event) => "event",
        None => "not in schema",
    };
    let rows = stats.by_label.0.iter().map(|(l, n)| vec![cell(l), kind(l).into(), n.to_string()]);
    out.push_str(&table(&["label", "kind", "spans"], &[false, false, true], rows.collect()));
    out.push('\n');
    if !stats.by_event_type.0.is_empty() {
        let rows = stats.by_event_type.0.iter().map(|(t, n)| vec![cell(t), n.to_string()]);
        out.push_str(&table(&["event type", "events"], &[false, true], rows.collect()));
        out.push('\n');
    }
    let rows = stats.by_status.0.iter().map(|(s, n)| vec![s.clone(), n.to_string()]);
    out.push_str(&table(&["status", "documents"], &[false, true], rows.collect()));
    out.push('\n');
    let rows = stats.by_annotator.0.iter().map(|(a, n)| {
        let who = if a.is_empty() { "(none)".to_string() } else { cell(a) };
        vec![who, n.to_string()]
    });
    out.push_str(&table(&["annotator", "annotations"], &[false, true], rows.collect()));
    out.push('\n');
    let labels: Vec<&str> = stats.by_label.0.iter().map(|(l, _)| l.as_str()).collect();
    let header: Vec<&str> =
        ["id", "title", "lang", "status", "events", "spans"].into_iter().chain(labels).collect();
    let right: Vec<bool> = (0..header.len()).map(|i| i >= 4).collect();
    let rows = stats.by_document.iter().map(|d| {
        let mut row = vec![
            cell(&d.id),
            cell(&d.title),
            cell(&d.lang),
            d.status.clone(),
            d.events.to_string(),
            d.spans.to_string(),
        ];
        row.extend(d.by_label.0.iter().map(|(_, n)| n.to_string()));
        row
    });
    out.push_str(&table(&header, &right, rows.collect()));
    out
}

/// A value made safe for one table cell: no line breaks or tabs, at most 40 characters.
fn cell(s: &str) -> String {
    let clean = s.chars().map(|c| if c.is_control() { ' ' } else { c });
    let mut out: String = clean.clone().take(40).collect();
    if clean.count() > 40 {
        out.pop();
        out.push('…');
    }
    out
}

/// Terminal columns a string takes. A rough rule instead of a width table: a grapheme is two
/// columns when it starts with a CJK or emoji code point, one otherwise (Cyrillic, Latin, marks).
fn width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let wide = |c: char| {
        matches!(u32::from(c),
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F1E6..=0x1F1FF
            | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1FAFF | 0x20000..=0x3FFFD)
    };
    s.graphemes(true).map(|g| if g.chars().next().is_some_and(wide) { 2 } else { 1 }).sum()
}

/// Plain-text columns, numbers right-aligned, padded to terminal width (see `width`).
pub(crate) fn table(header: &[&str], right: &[bool], rows: Vec<Vec<String>>) -> String {
    let header: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, c) in row.iter().enumerate() {
            let (w, r) = (widths.get(i).copied().unwrap_or(0), right.get(i) == Some(&true));
            let pad = " ".repeat(w.saturating_sub(width(c)));
            if i > 0 {
                line.push_str("  ");
            }
            if r {
                line.push_str(&pad);
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

// --- new ---------------------------------------------------------------------------------------

fn new(path: &Path, inputs: &[PathBuf], name: Option<&str>, force: bool) -> anyhow::Result<u8> {
    // `exists` is false for a dangling symlink, which would then be replaced: check the link.
    if !force && path.symlink_metadata().is_ok() {
        anyhow::bail!("{} already exists (use --force to replace it)", path.display());
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = name.map(str::to_string).or(stem).unwrap_or_else(|| "Untitled".into());
    let imported = text_import::project_from_texts(&name, inputs)?;
    for note in &imported.notes {
        eprint_lines(&format!("note: {note}"));
    }
    let project = imported.project;
    if project.documents.is_empty() {
        anyhow::bail!("every text was empty; {} not written", path.display());
    }
    project::save_file(&project, path)?;
    let mut out = format!(
        "{}: created project {:?} with {} documents\n",
        path.display(),
        project.name,
        project.documents.len()
    );
    let rows = project.documents.iter().map(|d| {
        vec![cell(&d.meta.id), cell(&d.meta.lang), d.char_len().to_string(), cell(&d.meta.title)]
    });
    out.push_str(&table(&["id", "lang", "chars", "title"], &[false, false, true], rows.collect()));
    print(&out)?;
    Ok(OK)
}

// --- export ------------------------------------------------------------------------------------

fn export(path: &Path, format: &str, out: &Path, strict: bool) -> anyhow::Result<u8> {
    let exporter = export::exporter(format)?;
    if same_file(path, out) {
        anyhow::bail!("--out {} is the project file itself", out.display());
    }
    let project = open(path)?;
    let report = match exporter.export(&project, &ExportOptions { strict }, out) {
        Ok(report) => report,
        Err(ExportError::Strict(skipped)) => {
            eprint_lines(skipped_lines(&skipped).trim_end());
            return Err(ExportError::Strict(skipped).into());
        }
        Err(e) => return Err(e.into()),
    };
    eprint_lines(&summary(&report, format, out));
    if strict && !report.skipped.is_empty() {
        let n = report.skipped.len();
        eprint_lines(&format!("error: {n} annotation(s) could not be exported (--strict)"));
        return Ok(DATA);
    }
    Ok(OK)
}

fn summary(report: &ExportReport, format: &str, out: &Path) -> String {
    let mut text = format!(
        "exported {} documents, {} spans to {} ({format})",
        report.documents,
        report.spans,
        out.display()
    );
    if !report.skipped.is_empty() {
        text.push_str(&format!("; skipped {}:\n", report.skipped.len()));
        text.push_str(&skipped_lines(&report.skipped));
    }
    text.trim_end().to_string()
}

fn skipped_lines(skipped: &[Skipped]) -> String {
    skipped
        .iter()
        .map(|s| format!("  document `{}`, span {}: {}\n", s.doc, s.ann, s.reason))
        .collect()
}

/// Exporting over the project would destroy the annotations it exports.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
