//! Problems in a project, each naming the document, the annotation and what is wrong.
//! Errors stop a file from opening (nothing could be placed); warnings keep every annotation
//! and are shown to the user, who decides. `spans.rs` checks spans and attributes, `events.rs`
//! events against their types' roles and cardinalities.

mod events;
mod spans;

pub use spans::check_value;

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
    #[error("hotkey `{0}` is given twice")]
    HotkeyClash(String),
    #[error("event type `{0}` is defined twice in the schema")]
    DuplicateEventType(String),
    #[error(
        "role {role} of `{event_type}` may point at `{target}`, which is neither a label nor an event type"
    )]
    UnknownRoleTarget { event_type: String, role: String, target: String },
    #[error("event type `{0}` is not in the schema")]
    UnknownEventType(String),
    #[error("its trigger {0} does not exist")]
    MissingTrigger(AnnId),
    #[error("its trigger is labelled `{0}`, which is not an event label")]
    TriggerNotEventLabel(String),
    #[error("argument {role} points at {target}, which does not exist")]
    DanglingArgument { role: String, target: AnnId },
    #[error("role {role} is not a role of `{event_type}`")]
    UnknownRole { role: String, event_type: String },
    #[error("role {role} cannot point at a `{found}` (allowed: {allowed})")]
    WrongTarget { role: String, found: String, allowed: String },
    #[error("missing mandatory role {0}")]
    MissingRole(String),
    #[error("{count} arguments in role {role}, which takes {cardinality}")]
    TooManyArguments { role: String, count: usize, cardinality: String },
    #[error("attribute `{name}` is not defined for `{owner}`")]
    UnknownAttribute { name: String, owner: String },
    #[error("attribute `{name}` has value {value:?}: {reason}")]
    BadAttributeValue { name: String, value: String, reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The document's id; `None` for problems of the project or schema.
    pub doc: Option<String>,
    pub ann: Option<AnnId>,
    /// Whether `ann` is an event (else a span).
    pub on_event: bool,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(doc: &str, ann: Option<AnnId>, kind: ProblemKind) -> Self {
        Self { severity: Severity::Error, doc: Some(doc.to_string()), ann, on_event: false, kind }
    }

    pub fn warning(doc: &str, ann: Option<AnnId>, kind: ProblemKind) -> Self {
        Self { severity: Severity::Warning, doc: Some(doc.to_string()), ann, on_event: false, kind }
    }

    pub fn event_warning(doc: &str, event: AnnId, kind: ProblemKind) -> Self {
        Self { on_event: true, ..Self::warning(doc, Some(event), kind) }
    }

    fn schema(kind: ProblemKind) -> Self {
        Self { severity: Severity::Warning, doc: None, ann: None, on_event: false, kind }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.doc, self.ann) {
            (Some(doc), Some(ann)) => {
                let what = if self.on_event { "event" } else { "span" };
                write!(f, "document `{doc}`, {what} {ann}: {}", self.kind)
            }
            (Some(doc), None) => write!(f, "document `{doc}`: {}", self.kind),
            (None, _) => write!(f, "schema: {}", self.kind),
        }
    }
}

/// Warnings about a project that opened: the schema itself, then every document.
pub fn check_project(project: &Project) -> Vec<Problem> {
    let mut problems = check_schema(project);
    for doc in &project.documents {
        problems.extend(check_document(project, doc));
    }
    problems
}

/// Problems of the schema alone: names defined twice, hotkey clashes, roles pointing at
/// nothing.
pub fn check_schema(project: &Project) -> Vec<Problem> {
    let schema = &project.schema;
    let mut problems = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for label in &schema.labels {
        if !names.insert(label.name.as_str()) {
            problems.push(Problem::schema(ProblemKind::DuplicateLabel(label.name.clone())));
        }
    }
    let mut types = std::collections::BTreeSet::new();
    for t in &schema.event_types {
        if !types.insert(t.name.as_str()) {
            problems.push(Problem::schema(ProblemKind::DuplicateEventType(t.name.clone())));
        }
        for role in &t.roles {
            for target in &role.targets {
                let known = schema.label(target).is_some()
                    || schema.event_type(target).is_some()
                    || target == crate::model::schema::ANY_EVENT
                    || target == crate::model::schema::ANY_ENTITY;
                if !known {
                    problems.push(Problem::schema(ProblemKind::UnknownRoleTarget {
                        event_type: t.name.clone(),
                        role: role.name.clone(),
                        target: target.clone(),
                    }));
                }
            }
        }
    }
    for key in schema.hotkey_clashes() {
        problems.push(Problem::schema(ProblemKind::HotkeyClash(key)));
    }
    problems
}

/// Problems of one document: its spans and their attributes, its events and their arguments.
pub fn check_document(project: &Project, doc: &Document) -> Vec<Problem> {
    // A large document's events are checked on a second thread beside its spans (opening a
    // 10 MB document is held to 300 ms); small ones are not worth a thread.
    if doc.event_count() < 4096 {
        let mut problems = spans::check(project, doc);
        problems.extend(events::check(project, doc));
        return problems;
    }
    std::thread::scope(|scope| {
        let events = scope.spawn(|| events::check(project, doc));
        let mut problems = spans::check(project, doc);
        match events.join() {
            Ok(found) => problems.extend(found),
            // The checks do not panic; if they ever did, the panic goes on as it would have.
            Err(panic) => std::panic::resume_unwind(panic),
        }
        problems
    })
}
