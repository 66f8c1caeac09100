//! Event, attribute and note edits. References are checked here so the model never holds an
//! argument that points nowhere (files can; validation reports those).

use super::{Edit, EditError, doc_mut, doc_ref, no_span};
use crate::model::document::Document;
use crate::model::event::{Argument, Event};
use crate::model::ids::AnnId;
use crate::model::project::Project;

fn check_arguments(d: &Document, event: AnnId, arguments: &[Argument]) -> Result<(), EditError> {
    for a in arguments {
        if a.target == event {
            return Err(EditError::SelfReference);
        }
        if !d.has_annotation(a.target) {
            return Err(no_span(&d.meta.id, a.target));
        }
    }
    Ok(())
}

pub(super) fn add(project: &mut Project, doc: usize, event: Event) -> Result<Edit, EditError> {
    let d = doc_ref(project, doc)?;
    if d.has_annotation(event.id) {
        return Err(EditError::IdTaken(event.id));
    }
    if d.span(event.trigger).is_none() {
        return Err(no_span(&d.meta.id, event.trigger));
    }
    check_arguments(d, event.id, &event.arguments)?;
    let id = event.id;
    doc_mut(project, doc)?.insert_event(event);
    Ok(Edit::RemoveEvent { doc, id })
}

pub(super) fn remove(project: &mut Project, doc: usize, id: AnnId) -> Result<Edit, EditError> {
    let d = doc_ref(project, doc)?;
    if d.event(id).is_none() {
        return Err(no_span(&d.meta.id, id));
    }
    let users: Vec<AnnId> = d.events_referring_to(id).map(|e| e.id).collect();
    if !users.is_empty() {
        return Err(EditError::InUse { id, events: users });
    }
    let d = doc_mut(project, doc)?;
    let event = d.remove_event(id).ok_or_else(|| no_span(&d.meta.id, id))?;
    Ok(Edit::AddEvent { doc, event })
}

fn event_mut(project: &mut Project, doc: usize, id: AnnId) -> Result<&mut Event, EditError> {
    let d = doc_mut(project, doc)?;
    let doc_id = d.meta.id.clone();
    d.event_mut(id).ok_or_else(|| no_span(&doc_id, id))
}

pub(super) fn set_type(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    event_type: String,
) -> Result<Edit, EditError> {
    let event = event_mut(project, doc, id)?;
    let old = std::mem::replace(&mut event.event_type, event_type);
    Ok(Edit::SetEventType { doc, id, event_type: old })
}

pub(super) fn set_arguments(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    arguments: Vec<Argument>,
) -> Result<Edit, EditError> {
    check_arguments(doc_ref(project, doc)?, id, &arguments)?;
    let d = doc_mut(project, doc)?;
    let doc_id = d.meta.id.clone();
    let old = d.set_event_arguments(id, arguments).ok_or_else(|| no_span(&doc_id, id))?;
    Ok(Edit::SetArguments { doc, id, arguments: old })
}

/// The attribute map and note of a span or an event, whichever `id` is.
fn annotation_parts(
    project: &mut Project,
    doc: usize,
    id: AnnId,
) -> Result<(&mut std::collections::BTreeMap<String, String>, &mut Option<String>), EditError> {
    let d = doc_mut(project, doc)?;
    if d.span(id).is_some() {
        let s = d.span_mut(id).ok_or_else(|| no_span("", id))?;
        return Ok((&mut s.attributes, &mut s.note));
    }
    let doc_id = d.meta.id.clone();
    let e = d.event_mut(id).ok_or_else(|| no_span(&doc_id, id))?;
    Ok((&mut e.attributes, &mut e.note))
}

pub(super) fn set_attribute(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    name: String,
    value: Option<String>,
) -> Result<Edit, EditError> {
    let (attributes, _) = annotation_parts(project, doc, id)?;
    let old = match value {
        Some(v) => attributes.insert(name.clone(), v),
        None => attributes.remove(&name),
    };
    Ok(Edit::SetAttribute { doc, id, name, value: old })
}

pub(super) fn set_note(
    project: &mut Project,
    doc: usize,
    id: AnnId,
    note: Option<String>,
) -> Result<Edit, EditError> {
    let (_, slot) = annotation_parts(project, doc, id)?;
    let old = std::mem::replace(slot, note.filter(|n| !n.trim().is_empty()));
    Ok(Edit::SetNote { doc, id, note: old })
}
