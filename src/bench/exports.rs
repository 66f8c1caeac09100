//! The export measures: each format writing the many-documents project to a file in the
//! temporary folder through `export::run` (buffered writes, fsync and rename included, as a
//! user's export does), and the bare disk write of the same bytes for comparison.

use super::Record;
use super::model_ops::describe;
use crate::formats::atomic::write_atomic;
use crate::formats::export::{self, ExportOptions};
use crate::formats::hf::labels_path;
use crate::formats::progress::Progress;
use crate::model::Project;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A file of the temporary folder only this process writes.
fn temp_path(ext: &str) -> PathBuf {
    std::env::temp_dir().join(format!("acta-bench-{}.{ext}", std::process::id()))
}

/// `format`'s export of the whole project to `path`, `runs` times: the time of each run and the
/// size of the file written. The files are left for the caller to read or remove.
fn timed_export(
    project: &Project,
    format: &str,
    path: &Path,
    runs: usize,
) -> anyhow::Result<(Vec<Duration>, usize)> {
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let options = ExportOptions::default();
        let result = export::run(project, format, &options, path, &Progress::default());
        times.push(start.elapsed());
        result?;
        bytes = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    }
    Ok((times, bytes))
}

/// The jsonl exporter; then, for comparison, the same bytes written by `atomic::write_atomic`
/// alone: what the disk allows, with no serialising.
pub fn export_jsonl(project: &Project, runs: usize) -> anyhow::Result<[Record; 2]> {
    let path = temp_path("jsonl");
    let result = jsonl_and_disk(project, runs, &path);
    let _ = std::fs::remove_file(&path);
    result
}

fn jsonl_and_disk(project: &Project, runs: usize, path: &Path) -> anyhow::Result<[Record; 2]> {
    let (times, bytes) = timed_export(project, "jsonl", path, runs)?;
    let written = std::fs::read(path)?;
    let mut disk = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        write_atomic(path, &written)?;
        disk.push(start.elapsed());
    }
    let size = describe(project, bytes);
    let disk_size = format!("{:.0}MB", bytes as f64 / 1e6);
    Ok([
        Record::throughput("export_jsonl", &size, bytes, &times).target_mb_s(100.0),
        Record::throughput("disk_write_atomic", &disk_size, bytes, &disk),
    ])
}

/// The token formats, which share the tokenizer, sentences and tag computation: CoNLL (held to
/// the 30 MB/s), Hugging Face and spaCy (Prodigy JSONL), the last two for information.
/// Throughput is MB of the output file per second, the unit `export_jsonl` uses, so the issue's
/// pair of targets is read on one scale; the size names the text too. Per MB of text the rate is
/// lower by the file's growth: a CoNLL file of this project is 1.3 times its text (a tag per
/// word), a Hugging Face one 1.5 times, a spaCy one 8 times (every token with its offsets).
pub fn export_tokens(project: &Project, runs: usize) -> anyhow::Result<Vec<Record>> {
    let mut out = Vec::new();
    for (format, ext, target) in
        [("conll", "conll", Some(30.0)), ("hf", "jsonl", None), ("spacy", "jsonl", None)]
    {
        let path = temp_path(ext);
        let result = timed_export(project, format, &path, runs);
        let _ = std::fs::remove_file(&path);
        if format == "hf" {
            let _ = std::fs::remove_file(labels_path(&path));
        }
        let (times, bytes) = result?;
        let record = Record::throughput(
            &format!("export_{format}"),
            &describe(project, bytes),
            bytes,
            &times,
        );
        out.push(match target {
            Some(min) => record.target_mb_s(min),
            None => record,
        });
    }
    Ok(out)
}
