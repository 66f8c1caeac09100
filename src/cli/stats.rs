//! `acta stats`: documents, spans per label, events per type, statuses, review statuses and
//! reviewers' comments, annotators and per document counts, as aligned tables or one JSON object.

use super::table::{cell, table};
use super::{OK, open, print};
use crate::model::stats::{Stats, collect_stats};
use crate::model::{LabelKind, Project};
use std::path::Path;

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
        "{}: project {:?}, {} documents, {} spans, {} events\n",
        path.display(),
        project.name,
        stats.documents,
        stats.spans,
        stats.events
    );
    let percent = (stats.done * 100).checked_div(stats.documents).unwrap_or(0);
    out.push_str(&format!(
        "documents done: {} of {} ({percent} %)\n\n",
        stats.done, stats.documents
    ));
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
