//! Span and document-metadata edits.

use super::{Edit, EditError, doc_mut, doc_ref, no_span};
use crate::model::document::{DocMeta, Span};
use crate::model::ids::AnnId;
use crate::model::project::Project;

fn check_range(start: usize, end: usize, len: usize) -> Result<(), EditError> {
    if start < end && end <= len { Ok(()) } else { Err(EditError::BadRange { start, end, len }) }
}

pub(super) fn add(project: &mut Project, doc: usize, mut span: Span) -> Result<Edit, EditError> {
    let d = doc_ref(project, doc)?;
    check_range(span.start, span.end, d.char_len())?;
    if d.has_annotation(span.id) {
        return Err(EditError::IdTaken(span.id));
    }
    span.text = d.slice(span.start, span.end).to_string();
    let id = span.id;
    doc_mut(project, doc)?.insert_span(span);
    Ok(Edit::RemoveSpan { doc, id })
}

pub(super) fn remove(project: &mut Project, doc: usize, id: AnnId) -> Result<Edit, EditError> {
    let d = doc_ref(project, doc)?;
    if d.span(id).is_none() {
        return Err(no_span(&d.meta.id, id));
    }
    let users: Vec<AnnId> = d.events_referring_to(id).map(|e| e.id).collect();
    if !users.is_empty() {
        return Err(EditError::InUse { id, events: users });
    }
    let d = doc_mut(project, doc)?;
    let span = d.remove_span(id).ok_or_else(|| no_span(&d.meta.id, id))?;
    Ok(Edit::AddSpan { doc, span })
}

pub(super) fn relabel(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    label: String,
) -> Result<Edit, EditError> {
    let d = doc_mut(project, doc)?;
    let doc_id = d.meta.id.clone();
    let span = d.span_mut(id).ok_or_else(|| no_span(&doc_id, id))?;
    let old = std::mem::replace(&mut span.label, label);
    Ok(Edit::Relabel { doc, id, label: old })
}

pub(super) fn resize(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    start: usize,
    end: usize,
) -> Result<Edit, EditError> {
    let d = doc_ref(project, doc)?;
    check_range(start, end, d.char_len())?;
    let mut span = d.span(id).cloned().ok_or_else(|| no_span(&d.meta.id, id))?;
    let inverse = Edit::Resize { doc, id, start: span.start, end: span.end };
    span.start = start;
    span.end = end;
    span.text = d.slice(start, end).to_string();
    let d = doc_mut(project, doc)?;
    d.remove_span(id);
    d.insert_span(span);
    Ok(inverse)
}

pub(super) fn set_meta(
    project: &mut Project,
    doc: usize,
    meta: DocMeta,
) -> Result<Edit, EditError> {
    if meta.id.trim().is_empty() {
        return Err(EditError::EmptyDocId);
    }
    if let Some(other) = project.doc_index(&meta.id)
        && other != doc
    {
        return Err(EditError::DocIdTaken(meta.id));
    }
    let d = doc_mut(project, doc)?;
    let old = d.replace_meta(meta);
    Ok(Edit::SetMeta { doc, meta: old })
}
