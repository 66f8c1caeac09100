//! `acta merge OUT IN...`: combines projects annotating the same documents into OUT, each
//! annotator's work a layer of its own. Written only when every input merged; a document whose
//! text differs refuses the whole merge and OUT is not touched.

use super::{DATA, OK, eprint_lines, open, same_file};
use crate::formats::project;
use crate::review::merge::{MergeError, merge};
use std::path::{Path, PathBuf};

pub fn merge_files(out: &Path, inputs: &[PathBuf], force: bool) -> anyhow::Result<u8> {
    let (first, rest) = inputs.split_first().ok_or_else(|| anyhow::anyhow!("no input"))?;
    let is_input = inputs.iter().any(|i| same_file(i, out));
    if !force && !is_input && out.symlink_metadata().is_ok() {
        anyhow::bail!("{} already exists (use --force to replace it)", out.display());
    }
    let mut merged = open(first)?;
    let mut lines = Vec::new();
    for input in rest {
        let other = open(input)?;
        let shown = input.display().to_string();
        match merge(&mut merged, &other, &shown) {
            Ok(m) => {
                lines.push(format!(
                    "{shown}: {} documents matched, {} added; {} spans and {} events added, \
                     {} annotations already there",
                    m.matched, m.added_documents, m.added_spans, m.added_events, m.shared
                ));
                lines.extend(m.notes.iter().map(|n| format!("note: {n}")));
            }
            Err(e @ MergeError::TextDiffers { .. }) | Err(e @ MergeError::Broken { .. }) => {
                eprint_lines(&format!("error: {e}; {} not written", out.display()));
                return Ok(DATA);
            }
        }
    }
    crate::cli::save_over(&merged, out)?;
    lines.push(format!(
        "{}: {} documents, {} spans, {} annotators",
        out.display(),
        merged.documents.len(),
        merged.span_count(),
        merged.annotators().len()
    ));
    eprint_lines(&lines.join("\n"));
    Ok(OK)
}

/// `acta merge-driver %O %A %B`: git's merge driver for project files. Writes the merged
/// project over %A and exits 0, listing on stderr the conflicts left as review items; exits 1
/// (git then reports a conflict and keeps %A) only when a file cannot be read or a text differs.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> anyhow::Result<u8> {
    let (b, o, t) = (open(base)?, open(ours)?, open(theirs)?);
    match crate::review::three_way::three_way(&b, &o, &t) {
        Ok((merged, report)) => {
            project::save_file(&merged, ours)?;
            for line in &report.conflicts {
                eprint_lines(&format!("acta: {line}"));
            }
            if !report.conflicts.is_empty() {
                eprint_lines(&format!(
                    "acta: {} conflict(s) left as review items (notes starting \"merge \
                     conflict:\"); the merge itself succeeded",
                    report.conflicts.len()
                ));
            }
            Ok(OK)
        }
        Err(e) => {
            eprint_lines(&format!("acta: cannot merge: {e}"));
            Ok(DATA)
        }
    }
}
