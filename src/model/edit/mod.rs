//! Every change to a project is an `Edit` value; applying one returns its inverse.
//! Undo, redo, the dirty flag and (later) autosave and review history all come from this log.
//! `apply` checks the structure (document exists, offsets fit, ids unique, references resolve)
//! and changes nothing when it fails; whether a label is allowed is the caller's business.
//! `spans.rs` and `events.rs` apply the two families; cascades are built in `cascade.rs`.

mod events;
mod spans;
#[cfg(test)]
mod tests;

use super::document::{DocMeta, Document, Span};
use super::event::{Argument, Event};
use super::ids::AnnId;
use super::project::Project;
use super::schema::Schema;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a span; its `text` is taken from the document, whatever the value says.
    AddSpan {
        doc: usize,
        span: Span,
    },
    /// Removes a span no event refers to (see `cascade::remove_span` for the rest).
    RemoveSpan {
        doc: usize,
        id: AnnId,
    },
    Relabel {
        doc: usize,
        id: AnnId,
        label: String,
    },
    Resize {
        doc: usize,
        id: AnnId,
        start: usize,
        end: usize,
    },
    SetMeta {
        doc: usize,
        meta: DocMeta,
    },
    /// Adds an event whose trigger and argument targets exist.
    AddEvent {
        doc: usize,
        event: Event,
    },
    /// Removes an event no other event refers to.
    RemoveEvent {
        doc: usize,
        id: AnnId,
    },
    SetEventType {
        doc: usize,
        id: AnnId,
        event_type: String,
    },
    SetArguments {
        doc: usize,
        id: AnnId,
        arguments: Vec<Argument>,
    },
    /// Sets (`Some`) or clears (`None`) an attribute of a span or an event.
    SetAttribute {
        doc: usize,
        id: AnnId,
        name: String,
        value: Option<String>,
    },
    /// Sets or clears the note on a span or an event.
    SetNote {
        doc: usize,
        id: AnnId,
        note: Option<String>,
    },
    SetSchema {
        schema: Box<Schema>,
    },
    /// Appends documents (an import); their ids must be new to the project.
    AddDocuments {
        docs: Vec<std::sync::Arc<Document>>,
    },
    /// Removes documents by id (undoing an import); the inverse appends them again.
    RemoveDocuments {
        ids: Vec<String>,
    },
    /// Replaces the whole list of documents (a merge with the file on disk); the inverse puts
    /// the old list back.
    SetDocuments {
        docs: Vec<std::sync::Arc<Document>>,
    },
    /// Several edits as one undo step (a drag, "annotate all", a cascade). All or nothing.
    Batch(Vec<Edit>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no document number {0}")]
    NoDocument(usize),
    #[error("document `{doc}` has no annotation {id}")]
    NoSpan { doc: String, id: AnnId },
    #[error("offsets {start}..{end} do not fit the text ({len} characters)")]
    BadRange { start: usize, end: usize, len: usize },
    #[error("annotation id {0} is already taken")]
    IdTaken(AnnId),
    #[error("document id `{0}` is already taken")]
    DocIdTaken(String),
    #[error("there is no document `{0}`")]
    NoDocumentId(String),
    #[error("a document id cannot be empty")]
    EmptyDocId,
    #[error("{id} is used by event(s) {}: remove it from them first", list(.events))]
    InUse { id: AnnId, events: Vec<AnnId> },
    #[error("an event cannot be its own argument")]
    SelfReference,
}

fn list(ids: &[AnnId]) -> String {
    ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        match self {
            Edit::AddSpan { doc, span } => spans::add(project, doc, span),
            Edit::RemoveSpan { doc, id } => spans::remove(project, doc, id),
            Edit::Relabel { doc, id, label } => spans::relabel(project, doc, id, label),
            Edit::Resize { doc, id, start, end } => spans::resize(project, doc, id, start, end),
            Edit::SetMeta { doc, meta } => spans::set_meta(project, doc, meta),
            Edit::AddEvent { doc, event } => events::add(project, doc, event),
            Edit::RemoveEvent { doc, id } => events::remove(project, doc, id),
            Edit::SetEventType { doc, id, event_type } => {
                events::set_type(project, doc, id, event_type)
            }
            Edit::SetArguments { doc, id, arguments } => {
                events::set_arguments(project, doc, id, arguments)
            }
            Edit::SetAttribute { doc, id, name, value } => {
                events::set_attribute(project, doc, id, name, value)
            }
            Edit::SetNote { doc, id, note } => events::set_note(project, doc, id, note),
            Edit::SetSchema { schema } => {
                let old = std::mem::replace(&mut project.schema, *schema);
                Ok(Edit::SetSchema { schema: Box::new(old) })
            }
            Edit::AddDocuments { docs } => {
                let mut seen: std::collections::HashSet<&str> =
                    project.documents.iter().map(|d| d.meta.id.as_str()).collect();
                if let Some(taken) = docs.iter().find(|d| !seen.insert(&d.meta.id)) {
                    return Err(EditError::DocIdTaken(taken.meta.id.clone()));
                }
                let ids = docs.iter().map(|d| d.meta.id.clone()).collect();
                project.documents.extend(docs);
                Ok(Edit::RemoveDocuments { ids })
            }
            Edit::RemoveDocuments { ids } => {
                let wanted: std::collections::HashSet<&str> =
                    ids.iter().map(String::as_str).collect();
                let have: std::collections::HashSet<&str> =
                    project.documents.iter().map(|d| d.meta.id.as_str()).collect();
                if let Some(missing) = ids.iter().find(|id| !have.contains(id.as_str())) {
                    return Err(EditError::NoDocumentId(missing.clone()));
                }
                let (removed, kept) = std::mem::take(&mut project.documents)
                    .into_iter()
                    .partition(|d| wanted.contains(d.meta.id.as_str()));
                project.documents = kept;
                Ok(Edit::AddDocuments { docs: removed })
            }
            Edit::SetDocuments { docs } => {
                let mut seen = std::collections::HashSet::new();
                if let Some(taken) = docs.iter().find(|d| !seen.insert(d.meta.id.as_str())) {
                    return Err(EditError::DocIdTaken(taken.meta.id.clone()));
                }
                let old = std::mem::replace(&mut project.documents, docs);
                Ok(Edit::SetDocuments { docs: old })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(project) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(project);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// A short description for the Undo/Redo menu items.
    pub fn describe(&self) -> String {
        match self {
            Edit::AddSpan { span, .. } => format!("add {} “{}”", span.label, short(&span.text)),
            Edit::RemoveSpan { id, .. } => format!("delete {id}"),
            Edit::Relabel { label, .. } => format!("relabel as {label}"),
            Edit::Resize { .. } => "change boundaries".into(),
            Edit::SetMeta { .. } => "document properties".into(),
            Edit::AddEvent { event, .. } => format!("add {} event", event.event_type),
            Edit::RemoveEvent { id, .. } => format!("delete event {id}"),
            Edit::SetEventType { event_type, .. } => format!("event type {event_type}"),
            Edit::SetArguments { .. } => "event arguments".into(),
            Edit::SetAttribute { name, .. } => format!("attribute {name}"),
            Edit::SetNote { .. } => "note".into(),
            Edit::SetSchema { .. } => "schema".into(),
            Edit::AddDocuments { docs } => format!("import of {} documents", docs.len()),
            Edit::RemoveDocuments { ids } => format!("import of {} documents", ids.len()),
            Edit::SetDocuments { .. } => "merge with the file on disk".into(),
            Edit::Batch(edits) if edits.len() == 1 => edits[0].describe(),
            Edit::Batch(edits)
                if let Some(docs) = edits.iter().find(|e| {
                    matches!(e, Edit::AddDocuments { .. } | Edit::RemoveDocuments { .. })
                }) =>
            {
                docs.describe()
            }
            // A schema migration (and its inverse) is one thing to the user, however many
            // annotations follow it.
            Edit::Batch(edits) if edits.iter().any(|e| matches!(e, Edit::SetSchema { .. })) => {
                "schema change".into()
            }
            Edit::Batch(edits) => format!("{} changes", edits.len()),
        }
    }

    /// The document an edit touches, when it touches exactly one.
    pub fn document(&self) -> Option<usize> {
        match self {
            Edit::AddSpan { doc, .. }
            | Edit::RemoveSpan { doc, .. }
            | Edit::Relabel { doc, .. }
            | Edit::Resize { doc, .. }
            | Edit::SetMeta { doc, .. }
            | Edit::AddEvent { doc, .. }
            | Edit::RemoveEvent { doc, .. }
            | Edit::SetEventType { doc, .. }
            | Edit::SetArguments { doc, .. }
            | Edit::SetAttribute { doc, .. }
            | Edit::SetNote { doc, .. } => Some(*doc),
            Edit::SetSchema { .. }
            | Edit::AddDocuments { .. }
            | Edit::RemoveDocuments { .. }
            | Edit::SetDocuments { .. } => None,
            Edit::Batch(edits) => {
                let docs: Vec<usize> = edits.iter().filter_map(|e| e.document()).collect();
                let first = *docs.first()?;
                docs.iter().all(|&d| d == first).then_some(first)
            }
        }
    }

    /// The annotation an edit is about, for selecting it after undo or redo.
    pub fn annotation(&self) -> Option<AnnId> {
        match self {
            Edit::AddSpan { span, .. } => Some(span.id),
            Edit::AddEvent { event, .. } => Some(event.id),
            Edit::Relabel { id, .. }
            | Edit::Resize { id, .. }
            | Edit::SetEventType { id, .. }
            | Edit::SetArguments { id, .. }
            | Edit::SetAttribute { id, .. }
            | Edit::SetNote { id, .. } => Some(*id),
            Edit::Batch(edits) => edits.iter().rev().find_map(|e| match e {
                Edit::AddSpan { .. } | Edit::AddEvent { .. } => e.annotation(),
                _ => None,
            }),
            Edit::RemoveSpan { .. }
            | Edit::RemoveEvent { .. }
            | Edit::SetMeta { .. }
            | Edit::SetSchema { .. }
            | Edit::AddDocuments { .. }
            | Edit::RemoveDocuments { .. }
            | Edit::SetDocuments { .. } => None,
        }
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(24).collect();
    if text.chars().nth(24).is_some() {
        out.push('…');
    }
    out
}

fn no_span(doc: &str, id: AnnId) -> EditError {
    EditError::NoSpan { doc: doc.to_string(), id }
}

fn doc_ref(project: &Project, doc: usize) -> Result<&Document, EditError> {
    project.doc(doc).ok_or(EditError::NoDocument(doc))
}

fn doc_mut(project: &mut Project, doc: usize) -> Result<&mut Document, EditError> {
    project.doc_mut(doc).ok_or(EditError::NoDocument(doc))
}
