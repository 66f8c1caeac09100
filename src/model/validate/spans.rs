//! Checks of spans: label known, covered text matching its offsets, no identical twin in one
//! annotator's layer, and attribute values that fit the schema (shared with events).

use super::{Problem, ProblemKind};
use crate::model::date_value;
use crate::model::document::{Document, Span};
use crate::model::project::Project;
use crate::model::schema::AttrKind;
use std::collections::BTreeMap;

pub(super) fn check(project: &Project, doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    let warn = |id, kind| Problem::warning(&doc.meta.id, Some(id), kind);
    // Reading order puts identical ranges next to each other: compare within each run.
    let mut same_range: Vec<&Span> = Vec::new();
    for span in doc.spans_by_position() {
        if same_range.first().is_some_and(|p| (p.start, p.end) != (span.start, span.end)) {
            same_range.clear();
        }
        // Two annotators marking the same thing is agreement between layers, not a twin.
        if let Some(p) =
            same_range.iter().find(|p| p.label == span.label && p.annotator == span.annotator)
        {
            problems.push(warn(span.id, ProblemKind::DuplicateSpan(p.id)));
        }
        same_range.push(span);
        if project.schema.label(&span.label).is_none() {
            problems.push(warn(span.id, ProblemKind::UnknownLabel(span.label.clone())));
        }
        let actual = doc.slice(span.start, span.end);
        if actual != span.text {
            let kind = ProblemKind::TextMismatch {
                start: span.start,
                end: span.end,
                stored: span.text.clone(),
                actual: actual.to_string(),
            };
            problems.push(warn(span.id, kind));
        }
        for kind in attribute_problems(project, doc, &span.label, &span.attributes) {
            problems.push(warn(span.id, kind));
        }
    }
    problems
}

/// What is wrong with the attributes of an annotation whose label or event type is `owner`.
pub(super) fn attribute_problems(
    project: &Project,
    doc: &Document,
    owner: &str,
    attributes: &BTreeMap<String, String>,
) -> Vec<ProblemKind> {
    let mut out = Vec::new();
    for (name, value) in attributes {
        let Some(def) = project.schema.attribute(owner, name) else {
            out.push(ProblemKind::UnknownAttribute {
                name: name.clone(),
                owner: owner.to_string(),
            });
            continue;
        };
        if let Err(reason) = check_value(&def.kind, value, doc.meta.dateline.as_deref()) {
            out.push(ProblemKind::BadAttributeValue {
                name: name.clone(),
                value: value.clone(),
                reason,
            });
        }
    }
    out
}

/// Whether `value` is a stored value of an attribute of this kind (dates must be normalised).
pub fn check_value(kind: &AttrKind, value: &str, dateline: Option<&str>) -> Result<(), String> {
    match kind {
        AttrKind::Choice(options) if !options.iter().any(|o| o == value) => {
            Err(format!("not one of {}", options.join(", ")))
        }
        AttrKind::Date => match date_value::normalize(value, dateline) {
            Ok(normal) if normal == value => Ok(()),
            Ok(normal) => Err(format!("write it as {normal}")),
            Err(e) => Err(e),
        },
        _ => Ok(()),
    }
}
