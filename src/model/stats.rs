//! Counting what a project holds: documents, spans per label, events per type, annotations per
//! annotator, documents per status and review status, and the same per document. `acta stats`
//! prints it, the Statistics window draws it.

use crate::model::{DocStatus, Project, ReviewStatus};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Counts in a chosen order (schema labels first), written as a JSON object in that order.
#[derive(Debug, Default)]
pub struct Counts(pub Vec<(String, usize)>);

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What a project holds, counted: for `acta stats` and the Statistics window.
#[derive(Debug, Serialize)]
pub struct Stats {
    pub documents: usize,
    /// Documents whose status is done.
    pub done: usize,
    pub spans: usize,
    pub events: usize,
    pub by_label: Counts,
    pub by_event_type: Counts,
    pub by_annotator: Counts,
    pub by_status: Counts,
    /// Documents per review status: not started, in review, adjudicated.
    pub by_review: Counts,
    /// Reviewers' comments on all documents.
    pub comments: usize,
    pub by_document: Vec<DocStats>,
}

#[derive(Debug, Serialize)]
pub struct DocStats {
    pub id: String,
    pub title: String,
    pub lang: String,
    pub status: String,
    pub review: String,
    pub comments: usize,
    pub spans: usize,
    pub events: usize,
    pub by_label: Counts,
}

/// The schema's names in schema order (zero counts included), then names found in the
/// annotations that the schema lacks, sorted.
fn names_with_unknown<'a>(
    known: impl Iterator<Item = &'a str>,
    found: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in known {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    let unknown: BTreeSet<&str> = found.filter(|f| !names.iter().any(|n| n == f)).collect();
    names.extend(unknown.into_iter().map(String::from));
    names
}

fn label_names(project: &Project) -> Vec<String> {
    let known = project.schema.labels.iter().map(|l| l.name.as_str());
    let found = project.documents.iter().flat_map(|d| d.spans()).map(|s| s.label.as_str());
    names_with_unknown(known, found)
}

fn event_type_names(project: &Project) -> Vec<String> {
    let known = project.schema.event_types.iter().map(|t| t.name.as_str());
    let found = project.documents.iter().flat_map(|d| d.events()).map(|e| e.event_type.as_str());
    names_with_unknown(known, found)
}

fn count_labels<'a>(names: &[String], labels: impl Iterator<Item = &'a str>) -> Counts {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for l in labels {
        *n.entry(l).or_default() += 1;
    }
    Counts(names.iter().map(|l| (l.clone(), n.get(l.as_str()).copied().unwrap_or(0))).collect())
}

/// Counts everything in `project` (schema names first, zero counts included).
pub fn collect_stats(project: &Project) -> Stats {
    let names = label_names(project);
    let all_spans = || project.documents.iter().flat_map(|d| d.spans());
    let all_events = || project.documents.iter().flat_map(|d| d.events());
    let mut by_annotator: BTreeMap<String, usize> = BTreeMap::new();
    for a in all_spans().map(|s| &s.annotator).chain(all_events().map(|e| &e.annotator)) {
        *by_annotator.entry(a.clone()).or_default() += 1;
    }
    let statuses: Vec<String> = DocStatus::ALL.iter().map(|s| s.label().to_string()).collect();
    let reviews: Vec<String> = ReviewStatus::ALL.iter().map(|s| s.label().to_string()).collect();
    let by_document = project
        .documents
        .iter()
        .map(|d| DocStats {
            id: d.meta.id.clone(),
            title: d.meta.title.clone(),
            lang: d.meta.lang.clone(),
            status: d.meta.status.label().to_string(),
            review: d.meta.review.label().to_string(),
            comments: d.meta.comments.len(),
            spans: d.span_count(),
            events: d.event_count(),
            by_label: count_labels(&names, d.spans().map(|s| s.label.as_str())),
        })
        .collect();
    Stats {
        documents: project.documents.len(),
        done: project.documents.iter().filter(|d| d.meta.status == DocStatus::Done).count(),
        spans: project.span_count(),
        events: project.documents.iter().map(|d| d.event_count()).sum(),
        by_label: count_labels(&names, all_spans().map(|s| s.label.as_str())),
        by_event_type: count_labels(
            &event_type_names(project),
            all_events().map(|e| e.event_type.as_str()),
        ),
        by_annotator: Counts(by_annotator.into_iter().collect()),
        by_status: count_labels(&statuses, project.documents.iter().map(|d| d.meta.status.label())),
        by_review: count_labels(&reviews, project.documents.iter().map(|d| d.meta.review.label())),
        comments: project.documents.iter().map(|d| d.meta.comments.len()).sum(),
        by_document,
    }
}
