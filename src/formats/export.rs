//! Dataset export: one `Exporter` per format, chosen by name. Each writes atomically and
//! returns a report that lists everything the format could not hold, so nothing is dropped
//! silently (`--strict` turns such a report into an error).

use crate::model::{AnnId, Project};
use std::path::Path;

/// What to export. More options (layers, offsets in UTF-16 or bytes, `--only-done`) arrive with
/// the formats that need them.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Fail instead of reporting annotations the format cannot hold.
    pub strict: bool,
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
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format `{0}` (known: {known})", known = names().join(", "))]
    UnknownFormat(String),
    #[error("cannot write {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("{} annotation(s) cannot be exported in this format (--strict)", .0.len())]
    Strict(Vec<Skipped>),
}

pub trait Exporter {
    /// The name used on the command line (`--format NAME`).
    fn name(&self) -> &'static str;
    fn export(
        &self,
        project: &Project,
        options: &ExportOptions,
        out: &Path,
    ) -> Result<ExportReport, ExportError>;
}

fn all() -> Vec<Box<dyn Exporter>> {
    vec![Box::new(super::jsonl::Jsonl)]
}

/// Names of the formats this build can export.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|e| e.name()).collect()
}

pub fn exporter(name: &str) -> Result<Box<dyn Exporter>, ExportError> {
    all()
        .into_iter()
        .find(|e| e.name() == name)
        .ok_or_else(|| ExportError::UnknownFormat(name.to_string()))
}
