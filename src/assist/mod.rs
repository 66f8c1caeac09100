//! Assisted annotation: finding text again (`search`, inflection-aware over `stem`), and
//! suggestions, annotations the program proposes and the annotator accepts or rejects. They
//! never enter the project by themselves; each says where it came from (`Source`). Pure: no
//! egui, no files; the GUI and `acta suggest` both read them from here.

pub mod actors;
pub mod dates;
pub mod search;
pub mod stem;
pub mod timeline;

use crate::model::Project;

/// The label date suggestions carry.
pub const DATE_LABEL: &str = "Date";

/// Where a suggestion came from, shown to the annotator beside it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A built-in date rule, named with its language: "ru: day month year".
    DateRule { rule: String },
    /// The same text (in any case form) tagged elsewhere: which label, text and document.
    Propagation { from: String },
    /// A gazetteer entry, by its surface form.
    Gazetteer { surface: String },
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::DateRule { rule } => write!(f, "date rule {rule}"),
            Source::Propagation { from } => write!(f, "tagged elsewhere: {from}"),
            Source::Gazetteer { surface } => write!(f, "gazetteer: {surface}"),
        }
    }
}

/// A proposed span. `start..end` count code points, like spans; `value` is the normalised value
/// (for dates, in `model::date_value`'s forms) when there is one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Suggestion {
    /// Index of the document in the project.
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
    pub value: Option<String>,
    /// Attributes the span gets when accepted (an actor's `canonical` and `kind`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attributes: std::collections::BTreeMap<String, String>,
    pub source: Source,
}

/// The kinds of suggestion there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dates,
    /// Propagated from what is tagged, and from the gazetteer if there is one.
    Actors,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Dates, Kind::Actors];
}

/// Suggestions of the given kinds for one document, in reading order.
pub fn suggest(project: &Project, doc_index: usize, kinds: &[Kind]) -> Vec<Suggestion> {
    suggest_with(project, doc_index, kinds, None)
}

/// `suggest`, with a gazetteer for actors.
pub fn suggest_with(
    project: &Project,
    doc_index: usize,
    kinds: &[Kind],
    gazetteer: Option<&actors::Gazetteer>,
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for kind in kinds {
        match kind {
            Kind::Dates => out.extend(suggest_dates(project, doc_index)),
            Kind::Actors => out.extend(actors::suggest_actors(project, doc_index, gazetteer)),
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// Date suggestions for one document (none for an index out of range), leaving out those a
/// `Date` span already covers exactly.
pub fn suggest_dates(project: &Project, doc_index: usize) -> Vec<Suggestion> {
    let Some(doc) = project.doc(doc_index) else {
        return Vec::new();
    };
    let meta = &doc.meta;
    dates::find_dates(doc.text(), &meta.lang, meta.dateline.as_deref())
        .into_iter()
        .filter(|m| {
            !doc.spans_overlapping(m.start..m.end)
                .any(|s| s.label == DATE_LABEL && s.start == m.start && s.end == m.end)
        })
        .map(|m| Suggestion {
            doc: doc_index,
            start: m.start,
            end: m.end,
            text: doc.slice(m.start, m.end).to_string(),
            label: DATE_LABEL.to_string(),
            value: m.value,
            attributes: Default::default(),
            source: Source::DateRule { rule: m.rule },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnId, DocMeta, Document, Edit, Span};
    use std::sync::Arc;

    #[test]
    fn suggestions_skip_exact_date_spans_only() -> Result<(), crate::model::EditError> {
        let text = "Вчера, 21 февраля 2022 года, и в апреле 2015 года";
        let meta = DocMeta { id: "d".into(), lang: "ru".into(), ..Default::default() };
        let mut p = Project::new("p");
        p.documents.push(Arc::new(Document::new(meta, text)));
        // The same range as an Actor, and a Date over part of the April date: both still suggested.
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), 7, 27, "Actor", "a") }.apply(&mut p)?;
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(2), 32, 38, "Date", "a") }.apply(&mut p)?;
        let texts = |p: &Project| -> Vec<String> {
            suggest(p, 0, &Kind::ALL).into_iter().map(|s| s.text).collect()
        };
        assert_eq!(texts(&p), ["Вчера", "21 февраля 2022 года", "в апреле 2015 года"]);
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(3), 7, 27, "Date", "a") }.apply(&mut p)?;
        assert_eq!(texts(&p), ["Вчера", "в апреле 2015 года"]);
        let first = &suggest_dates(&p, 0)[0];
        assert_eq!((first.doc, first.start, first.end, first.value.as_deref()), (0, 0, 5, None));
        assert_eq!(first.source.to_string(), "date rule ru: relative day");
        assert!(suggest(&p, 0, &[]).is_empty());
        assert!(suggest(&p, 1, &Kind::ALL).is_empty());
        Ok(())
    }
}
