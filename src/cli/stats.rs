//! `acta stats`: documents, spans per label, events per type, statuses, review statuses and
//! reviewers' comments, annotators and per document counts, as aligned tables or one JSON object.

use super::table::{cell, table};
use super::{OK, open, print};
use crate::model::{DocStatus, LabelKind, Project, ReviewStatus};
use serde::Serialize;
use serde::ser::SerializeMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Counts in a chosen order (schema labels first), written as a JSON object in that order.
#[derive(Debug, Default)]
struct Counts(Vec<(String, usize)>);

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Debug, Serialize)]
struct Stats {
    documents: usize,
    spans: usize,
    events: usize,
    by_label: Counts,
    by_event_type: Counts,
    by_annotator: Counts,
    by_status: Counts,
    /// Documents per review status: not started, in review, adjudicated.
    by_review: Counts,
    /// Reviewers' comments on all documents.
    comments: usize,
    by_document: Vec<DocStats>,
}

#[derive(Debug, Serialize)]
struct DocStats {
    id: String,
    title: String,
    lang: String,
    status: String,
    review: String,
    comments: usize,
    spans: usize,
    events: usize,
    by_label: Counts,
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

fn collect_stats(project: &Project) -> Stats {
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

pub(super) fn stats(path: &Path, json: bool) -> anyhow::Result<u8> {
    let project = open(path)?;
    let stats = collect_stats(&project);
    let out = if json {
        let mut text = serde_json::to_string_pretty(&stats)?;
        text.push('\n');
        text
    } else {
        stats_tables(path, &project, &stats)
    };
    print(&out)?;
    Ok(OK)
}

fn stats_tables(path: &Path, project: &Project, stats: &Stats) -> String {
    let mut out = format!(
        "{}: project {:?}, {} documents, {} spans, {} events\n\n",
        path.display(),
        project.name,
        stats.documents,
        stats.spans,
        stats.events
    );
    let kind = |label: &str| match project.schema.label(label).map(|l| l.kind) {
        Some(LabelKind::Entity) => "entity",
        Some(LabelKind::Event) => "event",
        None => "not in schema",
    };
    let rows = stats.by_label.0.iter().map(|(l, n)| vec![cell(l), kind(l).into(), n.to_string()]);
    out.push_str(&table(&["label", "kind", "spans"], &[false, false, true], rows.collect()));
    out.push('\n');
    if !stats.by_event_type.0.is_empty() {
        let rows = stats.by_event_type.0.iter().map(|(t, n)| vec![cell(t), n.to_string()]);
        out.push_str(&table(&["event type", "events"], &[false, true], rows.collect()));
        out.push('\n');
    }
    let rows = stats.by_status.0.iter().map(|(s, n)| vec![s.clone(), n.to_string()]);
    out.push_str(&table(&["status", "documents"], &[false, true], rows.collect()));
    out.push('\n');
    let rows = stats.by_review.0.iter().map(|(s, n)| vec![s.clone(), n.to_string()]);
    out.push_str(&table(&["review", "documents"], &[false, true], rows.collect()));
    out.push_str(&format!("comments by reviewers: {}\n\n", stats.comments));
    let rows = stats.by_annotator.0.iter().map(|(a, n)| {
        let who = if a.is_empty() { "(none)".to_string() } else { cell(a) };
        vec![who, n.to_string()]
    });
    out.push_str(&table(&["annotator", "annotations"], &[false, true], rows.collect()));
    out.push('\n');
    let labels: Vec<&str> = stats.by_label.0.iter().map(|(l, _)| l.as_str()).collect();
    let header: Vec<&str> =
        ["id", "title", "lang", "status", "review", "comments", "events", "spans"]
            .into_iter()
            .chain(labels)
            .collect();
    let right: Vec<bool> = (0..header.len()).map(|i| i >= 5).collect();
    let rows = stats.by_document.iter().map(|d| {
        let mut row = vec![
            cell(&d.id),
            cell(&d.title),
            cell(&d.lang),
            d.status.clone(),
            d.review.clone(),
            d.comments.to_string(),
            d.events.to_string(),
            d.spans.to_string(),
        ];
        row.extend(d.by_label.0.iter().map(|(_, n)| n.to_string()));
        row
    });
    out.push_str(&table(&header, &right, rows.collect()));
    out
}
