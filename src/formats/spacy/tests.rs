//! spaCy tests: the Prodigy-style record (whitespace tokens with their ids, spans on token
//! indices, events as relations and in `events`), offsets in UTF-16, and v2 JSON whose tokens
//! give back the exact text with BILUO tags.

use crate::formats::conll::tests::small;
use crate::formats::export::{ExportOptions, OffsetUnit, run};
use crate::formats::progress::Progress;
use crate::model::{AnnId, Argument, DocMeta, Document, Edit, Event, Project, Span};
use serde_json::{Value, json};
use std::sync::Arc;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn lines(path: &std::path::Path) -> Result<Vec<Value>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().map(serde_json::from_str).collect::<std::result::Result<_, _>>()?)
}

/// `small()` plus a statement whose theme is the recognition event.
fn with_nested_event() -> Result<Project> {
    let mut p = small()?;
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(7), 37, 43, "Event", "a") }.apply(&mut p)?;
    let mut event = Event::new(AnnId(8), AnnId(7), "Statement", "a");
    event.arguments.push(Argument { role: "Theme".into(), target: AnnId(6) });
    Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
    Ok(p)
}

#[test]
fn prodigy_record_with_tokens_spans_and_relations() -> Result {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.jsonl");
    let p = with_nested_event()?;
    let report = run(&p, "spacy", &ExportOptions::default(), &out, &Progress::default())?;
    let rec = &lines(&out)?[0];
    assert_eq!(rec["meta"], json!({"id": "d1", "lang": "ru", "title": ""}));
    assert_eq!(
        rec["tokens"][1],
        json!({"text": "\u{a0}", "start": 5, "end": 6, "id": 1, "ws": false})
    );
    assert_eq!(rec["tokens"][2]["ws"], true);
    let spans = rec["spans"].as_array().ok_or("no spans")?;
    let ids: Vec<&Value> = spans.iter().map(|s| &s["id"]).collect();
    assert_eq!(ids, [1, 4, 2, 3, 7], "overlaps kept, the cut span left out");
    assert_eq!(
        spans[0],
        json!({"start": 0, "end": 12, "token_start": 0, "token_end": 2, "label": "Actor",
            "text": "Южная\u{a0}Осетия", "id": 1, "annotator": "a"})
    );
    let agent = &rec["relations"][0];
    assert_eq!(
        (&agent["head"], &agent["child"], &agent["label"]),
        (&json!(3), &json!(2), &json!("Agent"))
    );
    assert_eq!((&agent["event"], &agent["event_type"]), (&json!(6), &json!("Recognition")));
    let theme = &rec["relations"][1];
    assert_eq!(
        (&theme["head"], &theme["child"], &theme["child_event"]),
        (&json!(9), &json!(3), &json!(6))
    );
    assert_eq!(
        rec["events"][1],
        json!({"id": 8, "type": "Statement", "trigger": 7, "annotator": "a"})
    );
    assert_eq!((report.spans, report.events, report.skipped.len()), (5, 2, 1));
    Ok(())
}

#[test]
fn offsets_in_utf16_and_other_languages_as_xx() -> Result {
    let mut p = Project::new("t");
    let meta = DocMeta { id: "e".into(), lang: "de".into(), ..Default::default() };
    p.documents.push(Arc::new(Document::new(meta, "😀 Südossetien")));
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), 2, 13, "Actor", "a") }.apply(&mut p)?;
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.jsonl");
    let utf16 = ExportOptions { offsets: OffsetUnit::Utf16, ..Default::default() };
    let report = run(&p, "spacy", &utf16, &out, &Progress::default())?;
    let rec = &lines(&out)?[0];
    assert_eq!((&rec["spans"][0]["start"], &rec["spans"][0]["end"]), (&json!(3), &json!(14)));
    assert_eq!(rec["tokens"][1]["start"], 3);
    assert_eq!(rec["meta"]["lang"], "xx");
    assert!(
        report.notes[0].contains("`de` are tokenized with spaCy's `xx` rules"),
        "{:?}",
        report.notes
    );
    Ok(())
}

#[test]
fn v2_json_keeps_the_text_and_tags_biluo() -> Result {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.json");
    let v2 = ExportOptions { v2_json: true, ..Default::default() };
    let report = run(&with_nested_event()?, "spacy", &v2, &out, &Progress::default())?;
    let docs: Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    let para = &docs[0]["paragraphs"][0];
    let mut rebuilt = String::new();
    let mut tags = Vec::new();
    for sentence in para["sentences"].as_array().ok_or("no sentences")? {
        for t in sentence["tokens"].as_array().ok_or("no tokens")? {
            rebuilt.push_str(t["orth"].as_str().unwrap_or_default());
            if t["space"] == true {
                rebuilt.push(' ');
            }
            tags.push(t["ner"].as_str().unwrap_or_default().to_string());
        }
    }
    assert_eq!(rebuilt, para["raw"].as_str().unwrap_or_default());
    assert_eq!(tags[..6], ["B-Actor", "I-Actor", "L-Actor", "U-Event", "U-Actor", "O"]);
    assert_eq!(para["sentences"].as_array().map(Vec::len), Some(2));
    let events: Vec<_> = report.skipped.iter().filter(|s| s.reason.contains("events")).collect();
    assert_eq!(events.len(), 2, "{:?}", report.skipped);
    Ok(())
}
