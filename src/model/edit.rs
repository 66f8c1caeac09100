//! Every change to a project is an `Edit` value; applying one returns its inverse.
//! Undo, redo, the dirty flag and (later) autosave and review history all come from this log.
//! `apply` checks the structure (document exists, offsets fit, ids unique) and changes nothing
//! when it fails; whether a label is allowed is the caller's business (see `app`).

use super::document::{DocMeta, Span};
use super::ids::AnnId;
use super::project::Project;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a span; its `text` is taken from the document, whatever the value says.
    AddSpan {
        doc: usize,
        span: Span,
    },
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
    /// Several edits as one undo step (a drag, "annotate all"). All or nothing.
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
    #[error("a document id cannot be empty")]
    EmptyDocId,
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        match self {
            Edit::AddSpan { doc, mut span } => {
                let d = project.doc(doc).ok_or(EditError::NoDocument(doc))?;
                check_range(span.start, span.end, d.char_len())?;
                if d.span(span.id).is_some() {
                    return Err(EditError::IdTaken(span.id));
                }
                span.text = d.slice(span.start, span.end).to_string();
                let id = span.id;
                doc_mut(project, doc)?.insert_span(span);
                Ok(Edit::RemoveSpan { doc, id })
            }
            Edit::RemoveSpan { doc, id } => {
                let d = doc_mut(project, doc)?;
                let span = d.remove_span(id).ok_or_else(|| no_span(&d.meta.id, id))?;
                Ok(Edit::AddSpan { doc, span })
            }
            Edit::Relabel { doc, id, label } => {
                let d = doc_mut(project, doc)?;
                let doc_id = d.meta.id.clone();
                let span = d.span_mut(id).ok_or_else(|| no_span(&doc_id, id))?;
                let old = std::mem::replace(&mut span.label, label);
                Ok(Edit::Relabel { doc, id, label: old })
            }
            Edit::Resize { doc, id, start, end } => {
                let d = project.doc(doc).ok_or(EditError::NoDocument(doc))?;
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
            Edit::SetMeta { doc, meta } => {
                if meta.id.trim().is_empty() {
                    return Err(EditError::EmptyDocId);
                }
                if let Some(other) = project.doc_index(&meta.id)
                    && other != doc
                {
                    return Err(EditError::DocIdTaken(meta.id));
                }
                let d = doc_mut(project, doc)?;
                let old = std::mem::replace(&mut d.meta, meta);
                Ok(Edit::SetMeta { doc, meta: old })
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
            Edit::Batch(edits) if edits.len() == 1 => edits[0].describe(),
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
            | Edit::SetMeta { doc, .. } => Some(*doc),
            Edit::Batch(edits) => {
                let first = edits.first()?.document()?;
                edits.iter().all(|e| e.document() == Some(first)).then_some(first)
            }
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

fn check_range(start: usize, end: usize, len: usize) -> Result<(), EditError> {
    if start < end && end <= len { Ok(()) } else { Err(EditError::BadRange { start, end, len }) }
}

fn no_span(doc: &str, id: AnnId) -> EditError {
    EditError::NoSpan { doc: doc.to_string(), id }
}

fn doc_mut(project: &mut Project, doc: usize) -> Result<&mut super::document::Document, EditError> {
    project.doc_mut(doc).ok_or(EditError::NoDocument(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, Document};
    use proptest::prelude::*;
    use std::sync::Arc;

    const TEXT: &str = "Министр иностранных дел ЛНР Владислав Дейнего\u{a0}— 👩‍👩‍👧 ok\r\nдалі́";

    fn project() -> Project {
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d0".into(), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, TEXT)));
        p
    }

    fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
        Span {
            id: AnnId(id),
            start,
            end,
            label: label.into(),
            text: String::new(),
            annotator: "ann".into(),
        }
    }

    #[test]
    fn add_fills_covered_text_and_undo_removes() {
        let mut p = project();
        let inverse = Edit::AddSpan { doc: 0, span: span(1, 0, 27, "Actor") }.apply(&mut p);
        assert_eq!(
            p.documents[0].span(AnnId(1)).map(|s| s.text.as_str()),
            Some("Министр иностранных дел ЛНР")
        );
        assert_eq!(inverse, Ok(Edit::RemoveSpan { doc: 0, id: AnnId(1) }));
        let _ = Edit::RemoveSpan { doc: 0, id: AnnId(1) }.apply(&mut p);
        assert_eq!(p.documents[0].span_count(), 0);
        // The id is never handed out again.
        assert_eq!(p.documents[0].next_id(), AnnId(2));
    }

    #[test]
    fn failing_edits_change_nothing() {
        let mut p = project();
        let before = p.clone();
        let len = p.documents[0].char_len();
        assert!(
            Edit::AddSpan { doc: 0, span: span(1, 5, len + 1, "Actor") }.apply(&mut p).is_err()
        );
        assert!(Edit::AddSpan { doc: 3, span: span(1, 0, 2, "Actor") }.apply(&mut p).is_err());
        assert!(Edit::RemoveSpan { doc: 0, id: AnnId(9) }.apply(&mut p).is_err());
        let batch = Edit::Batch(vec![
            Edit::AddSpan { doc: 0, span: span(1, 0, 3, "Actor") },
            Edit::AddSpan { doc: 0, span: span(1, 4, 6, "Actor") },
        ]);
        assert_eq!(batch.apply(&mut p), Err(EditError::IdTaken(AnnId(1))));
        assert_eq!(p.documents[0].span_count(), 0);
        assert_eq!(p.documents[0].meta, before.documents[0].meta);
    }

    fn arb_edit(len: usize) -> impl Strategy<Value = Edit> {
        let range = (0..len, 1..12usize).prop_map(move |(s, l)| (s, (s + l).min(len)));
        prop_oneof![
            (1..20u64, range.clone(), 0..3usize).prop_map(|(id, (s, e), l)| Edit::AddSpan {
                doc: 0,
                span: span(id, s, e, ["Actor", "Date", "Event"][l]),
            }),
            (1..20u64).prop_map(|id| Edit::RemoveSpan { doc: 0, id: AnnId(id) }),
            (1..20u64, 0..3usize).prop_map(|(id, l)| Edit::Relabel {
                doc: 0,
                id: AnnId(id),
                label: ["Actor", "Date", "Event"][l].into(),
            }),
            (1..20u64, range).prop_map(|(id, (s, e))| Edit::Resize {
                doc: 0,
                id: AnnId(id),
                start: s,
                end: e
            }),
            "[a-z]{1,5}".prop_map(|t| Edit::SetMeta {
                doc: 0,
                meta: DocMeta { id: "d0".into(), title: t, ..Default::default() },
            }),
        ]
    }

    proptest! {
        // apply then its inverse is the identity, for any edit on any reachable state.
        #[test]
        fn inverse_restores_the_project(
            setup in proptest::collection::vec(arb_edit(TEXT.chars().count()), 0..30),
            edits in proptest::collection::vec(arb_edit(TEXT.chars().count()), 1..10),
        ) {
            let mut p = project();
            for e in setup {
                let _ = e.apply(&mut p);
            }
            let edit = Edit::Batch(edits);
            let before = p.clone();
            match edit.clone().apply(&mut p) {
                Ok(inverse) => {
                    let after = p.clone();
                    let redo = inverse.apply(&mut p);
                    prop_assert!(redo.is_ok());
                    prop_assert_eq!(&p.documents[0].meta, &before.documents[0].meta);
                    prop_assert_eq!(
                        p.documents[0].spans().collect::<Vec<_>>(),
                        before.documents[0].spans().collect::<Vec<_>>()
                    );
                    // and the inverse of the inverse redoes the edit
                    if let Ok(redo) = redo {
                        prop_assert!(redo.apply(&mut p).is_ok());
                        prop_assert_eq!(
                            p.documents[0].spans().collect::<Vec<_>>(),
                            after.documents[0].spans().collect::<Vec<_>>()
                        );
                    }
                }
                Err(_) => {
                    prop_assert_eq!(&p.documents[0].meta, &before.documents[0].meta);
                    prop_assert_eq!(
                        p.documents[0].spans().collect::<Vec<_>>(),
                        before.documents[0].spans().collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}
