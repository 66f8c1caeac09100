//! Problems in a project, each naming the document, the annotation and what is wrong.
//! Errors stop a file from opening (nothing could be placed); warnings keep every annotation
//! and are shown to the user, who decides.

use super::document::Document;
use super::ids::AnnId;
use super::project::Project;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("offsets {start}..{end} run past the end of the text ({len} characters)")]
    OffsetPastEnd { start: usize, end: usize, len: usize },
    #[error("offsets {start}..{end} cover no text (start must be before end)")]
    EmptyOrReversed { start: usize, end: usize },
    #[error("this id is used twice in the document")]
    DuplicateAnnId,
    #[error("this document id is used twice in the project")]
    DuplicateDocId,
    #[error(
        "covered text {stored:?} does not match the text at {start}..{end}, which is {actual:?}"
    )]
    TextMismatch { start: usize, end: usize, stored: String, actual: String },
    #[error("label `{0}` is not in the schema")]
    UnknownLabel(String),
    #[error("same label and offsets as annotation {0}")]
    DuplicateSpan(AnnId),
    #[error("label `{0}` is defined twice in the schema")]
    DuplicateLabel(String),
    #[error("hotkey `{0}` is given to more than one label")]
    HotkeyClash(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The document's id; `None` for problems of the project or schema.
    pub doc: Option<String>,
    pub ann: Option<AnnId>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(doc: &str, ann: Option<AnnId>, kind: ProblemKind) -> Self {
        Self { severity: Severity::Error, doc: Some(doc.to_string()), ann, kind }
    }

    pub fn warning(doc: &str, ann: Option<AnnId>, kind: ProblemKind) -> Self {
        Self { severity: Severity::Warning, doc: Some(doc.to_string()), ann, kind }
    }

    fn schema(kind: ProblemKind) -> Self {
        Self { severity: Severity::Warning, doc: None, ann: None, kind }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.doc, self.ann) {
            (Some(doc), Some(ann)) => write!(f, "document `{doc}`, span {ann}: {}", self.kind),
            (Some(doc), None) => write!(f, "document `{doc}`: {}", self.kind),
            (None, _) => write!(f, "schema: {}", self.kind),
        }
    }
}

/// Warnings about a project that opened: the schema itself, unknown labels, covered text that
/// no longer matches its offsets.
pub fn check_project(project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for label in &project.schema.labels {
        if !names.insert(label.name.as_str()) {
            problems.push(Problem::schema(ProblemKind::DuplicateLabel(label.name.clone())));
        }
    }
    for key in project.schema.hotkey_clashes() {
        problems.push(Problem::schema(ProblemKind::HotkeyClash(key)));
    }
    for doc in &project.documents {
        problems.extend(check_document(project, doc));
    }
    problems
}

pub fn check_document(project: &Project, doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Reading order puts identical ranges next to each other: compare within each run.
    let mut same_range: Vec<&crate::model::Span> = Vec::new();
    for span in doc.spans_by_position() {
        if same_range.first().is_some_and(|p| (p.start, p.end) != (span.start, span.end)) {
            same_range.clear();
        }
        if let Some(p) = same_range.iter().find(|p| p.label == span.label) {
            let kind = ProblemKind::DuplicateSpan(p.id);
            problems.push(Problem::warning(&doc.meta.id, Some(span.id), kind));
        }
        same_range.push(span);
        if project.schema.label(&span.label).is_none() {
            let kind = ProblemKind::UnknownLabel(span.label.clone());
            problems.push(Problem::warning(&doc.meta.id, Some(span.id), kind));
        }
        let actual = doc.slice(span.start, span.end);
        if actual != span.text {
            let kind = ProblemKind::TextMismatch {
                start: span.start,
                end: span.end,
                stored: span.text.clone(),
                actual: actual.to_string(),
            };
            problems.push(Problem::warning(&doc.meta.id, Some(span.id), kind));
        }
    }
    problems
}
