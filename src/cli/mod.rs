//! The command line: `acta [PROJECT]` opens the GUI; `validate`, `stats`, `new`, `export`,
//! `import`, `agree`, `merge`, `merge-driver`, `adjudicate` and `suggest` work on project files
//! without it; `bench` measures speed and memory on generated documents. Exit codes: 0 ok, 1 the
//! data has problems, 2 usage, cannot read or cannot write. Handlers return the code; every
//! error is printed once, in `main`, naming its file.

use crate::formats::export::ExportError;
use crate::formats::import;
use crate::formats::project::{self, LoadError, Loaded};
use crate::formats::text_import::{self, ImportError};
use crate::model::{Problem, Project};
use anyhow::Context;
use clap::{Parser, Subcommand};
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
    /// Export the annotations as a dataset (files are written only when the export succeeds).
    Export(datasets::ExportArgs),
    /// Import documents and annotations; creates PROJECT when missing, changes nothing on error.
    Import(datasets::ImportArgs),
    /// Agreement between annotators: spans (exact/overlap P/R/F1), tokens (Cohen's κ per pair,
    /// Fleiss' κ and Krippendorff's α), events (triggers, arguments).
    Agree {
        /// The project file (.ron).
        project: PathBuf,
        /// One JSON object with every number instead of tables.
        #[arg(long)]
        json: bool,
        /// Break the span table down by annotator pair, label or document.
        #[arg(long, value_enum, default_value_t)]
        by: agree::By,
    },
    /// Combine projects that annotate the same documents: each annotator's work stays a layer;
    /// a document whose text differs refuses the merge.
    Merge {
        /// The project file to write.
        out: PathBuf,
        /// Projects to merge, the first one's documents and schema leading.
        #[arg(required = true, num_args = 2..)]
        inputs: Vec<PathBuf>,
        /// Replace OUT if it exists and is not one of the inputs.
        #[arg(long)]
        force: bool,
    },
    /// Adjudication per document: places where the layers agree, open disagreements, what gold
    /// settles; `--accept` copies every place with enough votes into the gold layer and saves.
    Adjudicate(adjudicate::AdjudicateArgs),
    /// Print suggested annotations (dates with their normalised value) for every document,
    /// without changing the project.
    Suggest(suggest::SuggestArgs),
    /// git's merge driver for project files (`acta merge-driver %O %A %B`): a three-way merge
    /// whose conflicts become review notes, never text markers. See the README for the set-up.
    MergeDriver {
        /// The common ancestor (%O).
        base: PathBuf,
        /// This branch's version (%A), overwritten with the result.
        ours: PathBuf,
        /// The other branch's version (%B).
        theirs: PathBuf,
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
        /// Run only these measures (comma-separated or repeated), e.g. `--only agree` or
        /// `--only project_load,project_save`; an unknown name lists them all.
        #[arg(long, value_name = "NAME", value_delimiter = ',')]
        only: Vec<String>,
    },
}

mod adjudicate;
mod agree;
mod datasets;
mod merge;
mod stats;
mod suggest;
mod table;

use stats::stats;
use table::cell;
pub(crate) use table::table;

/// Saves a project the way the app does: the previous file kept as `NAME.ron.bak`, a file of an
/// older format kept as `NAME.vN.ron` (said on stderr).
pub(crate) fn save_over(project: &Project, path: &Path) -> anyhow::Result<()> {
    let saved = crate::formats::safe_save::save_project(project, path, None)?;
    if let Some(copy) = saved.kept_original {
        eprint_lines(&format!(
            "{} was in an older format; the original is kept as {}",
            path.display(),
            copy.display()
        ));
    }
    Ok(())
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
        Some(Command::Export(args)) => datasets::export(args),
        Some(Command::Import(args)) => datasets::import(args),
        Some(Command::Agree { project, json, by }) => agree::agree(&project, json, by),
        Some(Command::Merge { out, inputs, force }) => merge::merge_files(&out, &inputs, force),
        Some(Command::Adjudicate(args)) => adjudicate::adjudicate(args),
        Some(Command::Suggest(args)) => suggest::suggest(args),
        Some(Command::MergeDriver { base, ours, theirs }) => {
            merge::merge_driver(&base, &ours, &theirs)
        }
        Some(Command::Bench { quick, json, only }) => {
            let options = crate::bench::Options { quick, json, only };
            crate::bench::run(options, &mut |text| print(text)).map(|()| OK)
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
        Some(ImportError::NotText { .. } | ImportError::TooBig { .. }) => return DATA,
        Some(ImportError::AllEmpty { .. }) => return DATA,
        Some(_) => return USAGE,
        None => {}
    }
    match err.downcast_ref::<import::ImportError>() {
        Some(import::ImportError::Bad { .. } | import::ImportError::Empty { .. }) => return DATA,
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
    crate::cli::save_over(&project, path)?;
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

/// Exporting over the project would destroy the annotations it exports.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
