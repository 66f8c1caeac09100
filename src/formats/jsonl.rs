//! The native dataset: JSON Lines, one document per line, code point offsets:
//! `{"id","title","lang","source","dateline","status","notes","text","spans":[{"id","start","end",
//! "label","text","annotator","attributes"?,"note"?}],"events":[{"id","trigger","type",
//! "arguments":[{"role","target"}],"annotator","attributes"?,"note"?}]}`. Everything the project
//! holds, in a shape any pipeline can read.

use super::export::{DocView, ExportError, ExportJob, ExportReport, Exporter, OffsetUnit, UnitMap};
use super::staging::Staging;
use crate::model::{AnnId, DocStatus, Event};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub struct Jsonl;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'a str,
    source: &'a str,
    dateline: &'a Option<String>,
    status: DocStatus,
    notes: &'a str,
    text: &'a str,
    spans: Vec<OutSpan<'a>>,
    events: &'a [Cow<'a, Event>],
}

/// A span with its covered text, offsets in the unit asked for.
#[derive(Serialize)]
struct OutSpan<'a> {
    id: AnnId,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    annotator: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
}

fn line<'a>(view: &'a DocView<'a>, unit: OffsetUnit) -> Line<'a> {
    let doc = view.doc;
    let map = UnitMap::new(doc, unit);
    let spans = view
        .spans
        .iter()
        .map(|s| OutSpan {
            id: s.id,
            start: map.of(s.start),
            end: map.of(s.end),
            label: &s.label,
            text: doc.slice(s.start, s.end),
            annotator: &s.annotator,
            attributes: &s.attributes,
            note: &s.note,
        })
        .collect();
    Line {
        id: &doc.meta.id,
        title: &doc.meta.title,
        lang: &doc.meta.lang,
        source: &doc.meta.source,
        dateline: &doc.meta.dateline,
        status: doc.meta.status,
        notes: &doc.meta.notes,
        text: doc.text(),
        spans,
        events: &view.events,
    }
}

impl Exporter for Jsonl {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn describe(&self) -> &'static str {
        "Acta JSON Lines: everything (spans, events, attributes, statuses, annotators)"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        let written = staging.file(out, |w| {
            for view in &job.docs {
                serde_json::to_writer(&mut *w, &line(view, job.options.offsets))?;
                w.write_all(b"\n")?;
                report.documents += 1;
                report.spans += view.spans.len();
                report.events += view.events.len();
                job.step_io(view)?;
            }
            Ok(())
        });
        job.finish(out, written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::{ExportOptions, run};
    use crate::formats::progress::Progress;
    use crate::model::{DocMeta, Document, Edit, Project, Span};
    use std::sync::Arc;

    #[test]
    fn one_line_per_document_with_code_point_offsets() -> Result<(), Box<dyn std::error::Error>> {
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d1".into(), lang: "ru".into(), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, "😀 Южная Осетия\u{a0}и ЛНР")));
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), 2, 14, "Actor", "a") }.apply(&mut p)?;
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(2), 0, 1, "Event", "a") }.apply(&mut p)?;
        let mut event = Event::new(AnnId(3), AnnId(2), "Statement", "a");
        event.arguments.push(crate::model::Argument { role: "Agent".into(), target: AnnId(1) });
        Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out.jsonl");
        let report = run(&p, "jsonl", &ExportOptions::default(), &out, &Progress::default())?;
        assert_eq!((report.documents, report.spans), (1, 2));
        let text = std::fs::read_to_string(&out)?;
        assert_eq!(text.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(text.trim_end())?;
        assert_eq!(v["spans"][1]["start"], 2);
        assert_eq!(v["spans"][1]["end"], 14);
        assert_eq!(v["spans"][1]["text"], "Южная Осетия");
        assert_eq!(
            v["events"],
            serde_json::json!([{"id": 3, "trigger": 2, "type": "Statement", "annotator": "a",
                "arguments": [{"role": "Agent", "target": 1}]}])
        );
        assert_eq!(v["status"], "new");
        let chars: Vec<char> = v["text"].as_str().unwrap_or_default().chars().collect();
        assert_eq!(chars[2..14].iter().collect::<String>(), "Южная Осетия");
        Ok(())
    }
}
