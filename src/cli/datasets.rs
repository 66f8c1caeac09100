//! `acta export` and `acta import`: the dataset commands. The work runs on a thread while this
//! one draws an indicatif progress bar on stderr (hidden when stderr is not a terminal) and
//! turns Ctrl+C into a clean cancel; the report lists every annotation a format could not hold,
//! and what an import added.

use super::{DATA, OK, eprint_lines, open};
use crate::formats::export::{
    self, DoccanoMode, ExportError, ExportOptions, ExportReport, Layer, OffsetUnit, Overlap,
    Skipped,
};
use crate::formats::import::{self, ImportOptions};
use crate::formats::progress::Progress;
use crate::model::Project;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `acta export` options, as clap reads them.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// Dataset format: jsonl, brat, conll, spacy, doccano, label-studio, hf.
    #[arg(long)]
    pub format: String,
    /// File (or, for brat, folder) to write.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Exit 1 and write nothing when the format cannot hold some annotation.
    #[arg(long)]
    pub strict: bool,
    /// Export only this annotator's annotations.
    #[arg(long, value_name = "NAME", conflicts_with = "layer")]
    pub annotator: Option<String>,
    /// `gold` (the adjudicated layer) or `all` (everyone's); default: gold once it exists.
    #[arg(long, value_name = "LAYER")]
    pub layer: Option<String>,
    /// Only documents whose status is done.
    #[arg(long)]
    pub only_done: bool,
    /// Offset unit of the JSON formats.
    #[arg(long, value_enum, default_value_t)]
    pub offsets: OffsetUnit,
    /// What token formats (conll, hf) keep of overlapping spans.
    #[arg(long, value_enum, default_value_t)]
    pub overlap: Overlap,
    /// spacy: write spaCy v2 JSON (raw text + BILUO) for `spacy convert -c json`.
    #[arg(long)]
    pub v2_json: bool,
    /// doccano: sequence labelling or relation extraction.
    #[arg(long, value_enum, default_value_t)]
    pub doccano_mode: DoccanoMode,
}

/// `acta import` options.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The project file (.ron); created when missing.
    pub project: PathBuf,
    /// Input format: txt, jsonl, brat, conll, doccano, label-studio.
    #[arg(long)]
    pub format: String,
    /// Files or folders to import.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Stamp every imported annotation with this annotator name.
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
    /// Offset unit of JSON inputs.
    #[arg(long, value_enum, default_value_t)]
    pub offsets: OffsetUnit,
}

pub fn export(args: ExportArgs) -> anyhow::Result<u8> {
    export::exporter(&args.format)?;
    if super::same_file(&args.project, &args.out) {
        anyhow::bail!("--out {} is the project file itself", args.out.display());
    }
    let layer = match (args.annotator, args.layer.as_deref()) {
        (Some(name), _) => Layer::Annotator(name),
        (None, None) => Layer::Default,
        (None, Some("all")) => Layer::All,
        (None, Some(name)) => Layer::Annotator(name.to_string()),
    };
    let options = ExportOptions {
        strict: args.strict,
        layer,
        only_done: args.only_done,
        offsets: args.offsets,
        overlap: args.overlap,
        v2_json: args.v2_json,
        doccano: args.doccano_mode,
    };
    let project = open(&args.project)?;
    let (format, out) = (args.format.as_str(), args.out.as_path());
    let result = with_progress("exporting", |progress| {
        export::run(&project, format, &options, out, progress)
    });
    let report = match result {
        Ok(report) => report,
        Err(ExportError::Strict(skipped)) => {
            eprint_lines(skipped_lines(&skipped).trim_end());
            return Err(ExportError::Strict(skipped).into());
        }
        Err(e) => return Err(e.into()),
    };
    eprint_lines(&summary(&report, format, out));
    Ok(OK)
}

pub fn import(args: ImportArgs) -> anyhow::Result<u8> {
    import::importer(&args.format)?;
    let (mut project, created) = if args.project.exists() {
        (open(&args.project)?, false)
    } else {
        let stem = args.project.file_stem().map(|s| s.to_string_lossy().into_owned());
        (Project::new(stem.as_deref().unwrap_or("Untitled")), true)
    };
    let options = ImportOptions { annotator: args.annotator, offsets: args.offsets };
    let (format, inputs) = (args.format.as_str(), &args.inputs);
    let added = with_progress("importing", |progress| {
        import::run(&mut project, format, inputs, &options, progress)
    })?;
    for note in &added.notes {
        eprint_lines(&format!("note: {note}"));
    }
    if added.documents == 0 {
        eprint_lines("nothing imported; the project is unchanged");
        return Ok(DATA);
    }
    crate::cli::save_over(&project, &args.project)?;
    eprint_lines(&format!(
        "{} {}: imported {} documents, {} spans, {} events ({format})",
        if created { "created" } else { "updated" },
        args.project.display(),
        added.documents,
        added.spans,
        added.events,
    ));
    Ok(OK)
}

/// Runs `job` on a scoped thread and draws its progress until it ends. Ctrl+C cancels the job
/// rather than killing the process, so the export's temporary files are removed and an import
/// saves nothing.
fn with_progress<T: Send>(what: &str, job: impl FnOnce(&Progress) -> T + Send) -> T {
    let progress = Progress::default();
    let on_interrupt = progress.clone();
    // Fails only if a handler is already set (a second job in one process): that one cancels.
    let _ = ctrlc::set_handler(move || on_interrupt.cancel());
    let bar = indicatif::ProgressBar::with_draw_target(
        None,
        indicatif::ProgressDrawTarget::stderr_with_hz(10),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    let result = std::thread::scope(|scope| {
        let handle = scope.spawn(|| job(&progress));
        while !handle.is_finished() {
            let (done, total) = progress.position();
            bar.set_length(total);
            bar.set_position(done);
            std::thread::sleep(Duration::from_millis(50));
        }
        handle.join()
    });
    bar.finish_and_clear();
    match result {
        Ok(value) => value,
        // The job's panic message is already on stderr; end the same way it would have.
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn summary(report: &ExportReport, format: &str, out: &Path) -> String {
    let mut text = format!(
        "exported {} documents, {} spans, {} events to {} ({format})",
        report.documents,
        report.spans,
        report.events,
        out.display()
    );
    for note in &report.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    if !report.skipped.is_empty() {
        text.push_str(&format!(
            "\nleft out {} (the format cannot hold them):\n",
            report.skipped.len()
        ));
        text.push_str(&skipped_lines(&report.skipped));
    }
    text.trim_end().to_string()
}

fn skipped_lines(skipped: &[Skipped]) -> String {
    skipped
        .iter()
        .map(|s| format!("  document `{}`, annotation {}: {}\n", s.doc, s.ann, s.reason))
        .collect()
}
