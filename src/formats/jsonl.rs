//! The native dataset: JSON Lines, one document per line, code point offsets:
//! `{"id","title","lang","source","dateline","status","notes","text","spans":[{"id","start","end",
//! "label","text","annotator","attributes"?,"note"?}],"events":[{"id","trigger","type",
//! "arguments":[{"role","target"}],"annotator","attributes"?,"note"?}]}`. Everything the project
//! holds, in a shape any pipeline can read.

use super::atomic::write_atomic_with;
use super::export::{ExportError, ExportOptions, ExportReport, Exporter};
use crate::model::{DocStatus, Document, Event, Project, Span};
use serde::Serialize;
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
    spans: Vec<&'a Span>,
    events: Vec<&'a Event>,
}

fn line(doc: &Document) -> Line<'_> {
    Line {
        id: &doc.meta.id,
        title: &doc.meta.title,
        lang: &doc.meta.lang,
        source: &doc.meta.source,
        dateline: &doc.meta.dateline,
        status: doc.meta.status,
        notes: &doc.meta.notes,
        text: doc.text(),
        spans: doc.spans_by_position().collect(),
        events: doc.events().collect(),
    }
}

impl Exporter for Jsonl {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn export(
        &self,
        project: &Project,
        _options: &ExportOptions,
        out: &Path,
    ) -> Result<ExportReport, ExportError> {
        let mut report = ExportReport::default();
        write_atomic_with(out, |w| {
            for doc in &project.documents {
                serde_json::to_writer(&mut *w, &line(doc))?;
                w.write_all(b"\n")?;
                report.documents += 1;
                report.spans += doc.span_count();
            }
            Ok(())
        })
        .map_err(|cause| ExportError::Io { path: out.display().to_string(), cause })?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnId, DocMeta, Edit};
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
        let report = Jsonl.export(&p, &ExportOptions::default(), &out)?;
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
