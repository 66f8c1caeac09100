//! doccano round trips (relation mode losslessly, UTF-16 offsets, sequence mode without events),
//! the validator's examples, the overlap policies and the errors that name file and line.

use super::*;
use crate::formats::export::{DoccanoMode, ExportError, ExportOptions, OffsetUnit, Overlap, run};
use crate::formats::import::{ImportOptions, Importer, add_to_project};
use crate::formats::progress::Progress;
use crate::formats::testgen::{self, Keep, assert_same_annotations};
use crate::model::{AnnId, Argument, DocMeta, Document, Event, Project, Span};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/doccano").join(name)
}

fn import(
    paths: &[PathBuf],
    offsets: OffsetUnit,
) -> Result<Project, crate::formats::import::ImportError> {
    let options = ImportOptions { offsets, ..Default::default() };
    let batch = DoccanoImport.import(paths, &options, &Progress::default())?;
    let mut p = Project::new("back");
    add_to_project(&mut p, batch);
    Ok(p)
}

/// Exports `p` with `options` and reads the file back with the same offset unit.
fn round_trip(p: &Project, options: &ExportOptions) -> Res<(Project, String)> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.jsonl");
    run(p, "doccano", options, &out, &Progress::default())?;
    let text = std::fs::read_to_string(&out)?;
    Ok((import(&[out], options.offsets)?, text))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn relation_mode_round_trips_everything(p in testgen::project()) {
        let (back, _) = round_trip(&p, &ExportOptions::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_same_annotations(&p, &back, Keep::ALL);
    }

    #[test]
    fn utf16_offsets_round_trip(p in testgen::project()) {
        let options = ExportOptions { offsets: OffsetUnit::Utf16, ..Default::default() };
        let (back, _) = round_trip(&p, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_same_annotations(&p, &back, Keep::ALL);
    }

    #[test]
    fn sequence_mode_keeps_all_but_events(p in testgen::project()) {
        let options = ExportOptions { doccano: DoccanoMode::Seq, ..Default::default() };
        let (back, _) = round_trip(&p, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_same_annotations(&p, &back, Keep { events: false, ..Keep::ALL });
    }
}

/// "😀 Путин и Южная Осетия": a nested Actor, an event on «и» with two events on one trigger,
/// an event as argument, and an argument naming a trigger span itself.
fn tricky() -> Res<Project> {
    let text = "😀 Путин встретил Южная Осетия";
    let meta = DocMeta {
        id: "d".into(),
        title: "T".into(),
        dateline: Some("2022".into()),
        ..Default::default()
    };
    let mut spans = vec![
        Span::new(AnnId(1), 2, 7, "Actor", "anna"),
        Span::new(AnnId(2), 8, 16, "Event", "anna"),
        Span::new(AnnId(3), 17, 29, "Actor", "bob"),
        Span::new(AnnId(4), 17, 22, "Actor", "anna"),
    ];
    spans[0].attributes.insert("kind".into(), "person".into());
    spans[2].note = Some("«спорно»\n2".into());
    let mut meeting = Event::new(AnnId(5), AnnId(2), "Meeting", "anna");
    meeting.arguments.push(Argument { role: "Agent".into(), target: AnnId(1) });
    meeting.arguments.push(Argument { role: "Participant".into(), target: AnnId(3) });
    meeting.arguments.push(Argument { role: "Participant".into(), target: AnnId(4) });
    let mut statement = Event::new(AnnId(6), AnnId(2), "Statement", "bob");
    statement.arguments.push(Argument { role: "Theme".into(), target: AnnId(5) });
    statement.arguments.push(Argument { role: "Place".into(), target: AnnId(2) });
    statement.attributes.insert("polarity".into(), "negated".into());
    let doc = Document::from_annotations(meta, text, spans, vec![meeting, statement])
        .map_err(|p| format!("{p:?}"))?;
    let mut p = Project::new("t");
    p.documents.push(Arc::new(doc));
    Ok(p)
}

#[test]
fn hard_cases_round_trip_and_stay_valid_for_doccano() -> Res {
    let p = tricky()?;
    for offsets in [OffsetUnit::Codepoints, OffsetUnit::Utf16, OffsetUnit::Bytes] {
        let (back, text) = round_trip(&p, &ExportOptions { offsets, ..Default::default() })?;
        assert_same_annotations(&p, &back, Keep::ALL);
        let line: serde_json::Value = serde_json::from_str(text.trim_end())?;
        // The nested Actor and the second event's unit overlap what is shown: both hidden.
        assert_eq!(line["entities"].as_array().map(Vec::len), Some(3), "{line}");
        assert_eq!(line["acta"]["hidden"].as_array().map(Vec::len), Some(2), "{line}");
        for e in line["entities"].as_array().into_iter().flatten() {
            let keys: Vec<&String> = e.as_object().map(|o| o.keys().collect()).unwrap_or_default();
            assert_eq!(
                keys,
                ["end_offset", "id", "label", "start_offset"],
                "medkit wants exactly these"
            );
        }
        let first = &line["entities"][0];
        let expected = match offsets {
            OffsetUnit::Utf16 => 3,
            OffsetUnit::Bytes => 5,
            OffsetUnit::Codepoints => 2,
        };
        assert_eq!(first["start_offset"], expected, "{offsets:?}");
    }
    Ok(())
}

#[test]
fn events_are_relations_from_a_trigger_labelled_with_the_type() -> Res {
    let (_, text) = round_trip(&tricky()?, &ExportOptions::default())?;
    let line: serde_json::Value = serde_json::from_str(text.trim_end())?;
    assert_eq!(line["entities"][1]["label"], "Meeting");
    assert_eq!(line["acta"]["entities"]["8:16:Meeting"]["label"], "Event");
    let rel = &line["relations"][0];
    assert_eq!(
        (rel["id"].as_u64(), rel["from_id"].as_u64(), rel["type"].as_str()),
        (Some(1), Some(2), Some("Agent"))
    );
    assert_eq!(line["annotator"], "anna");
    let dir = tempfile::tempdir()?;
    let report = run(
        &tricky()?,
        "doccano",
        &ExportOptions::default(),
        &dir.path().join("x"),
        &Progress::default(),
    )?;
    assert!(report.notes.iter().any(|n| n.contains("--offsets utf16")), "{:?}", report.notes);
    assert_eq!(line["acta"]["entities"]["17:29:Actor"]["annotator"], "bob");
    Ok(())
}

#[test]
fn overlap_policies() -> Res {
    let p = tricky()?;
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("o.jsonl");
    let inner = ExportOptions { overlap: Overlap::Inner, ..Default::default() };
    let report = run(&p, "doccano", &inner, &out, &Progress::default())?;
    let line: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&out)?.trim_end())?;
    let shown: Vec<u64> = line["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_u64())
        .collect();
    assert_eq!(shown, [1, 2, 4], "the inner Actor wins");
    assert!(report.skipped.iter().any(|s| s.ann == AnnId(3) && s.reason.contains("«Южная»")));

    let error = ExportOptions { overlap: Overlap::Error, ..Default::default() };
    let out2 = dir.path().join("e.jsonl");
    let r = run(&p, "doccano", &error, &out2, &Progress::default());
    assert!(
        matches!(&r, Err(ExportError::Unsupported(m)) if m.contains("--overlap error")),
        "{r:?}"
    );
    assert!(!out2.exists(), "nothing written");

    let strict = ExportOptions { strict: true, ..Default::default() };
    let r = run(&p, "doccano", &strict, &out2, &Progress::default());
    assert!(matches!(&r, Err(ExportError::Strict(s)) if s.len() == 3), "{r:?}");
    Ok(())
}

#[test]
fn sequence_mode_reports_every_event() -> Res {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("s.jsonl");
    let seq = ExportOptions { doccano: DoccanoMode::Seq, ..Default::default() };
    let report = run(&tricky()?, "doccano", &seq, &out, &Progress::default())?;
    let events: Vec<AnnId> =
        report.skipped.iter().filter(|s| s.reason.contains("no events")).map(|s| s.ann).collect();
    assert_eq!(events, [AnnId(5), AnnId(6)]);
    let line: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&out)?.trim_end())?;
    assert_eq!(line["label"][0], serde_json::json!([2, 7, "Actor"]));
    assert!(line.get("entities").is_none());
    Ok(())
}

#[test]
fn the_validator_examples_import() -> Res {
    let p = import(&[data("re.jsonl"), data("seq.jsonl")], OffsetUnit::Codepoints)?;
    assert_eq!(p.documents.len(), 2);
    let re = &p.documents[0];
    assert_eq!((re.meta.id.as_str(), re.span_count(), re.event_count()), ("doc1", 5, 1));
    let event = re.events().next().ok_or("no event")?;
    assert_eq!(event.event_type, "EVENT");
    let roles: Vec<&str> = event.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["Agent", "Recognized", "Recognized", "Date"]);
    assert_eq!(re.span(event.trigger).map(|s| s.text.as_str()), Some("признала"));
    assert_eq!(p.documents[1].span_count(), 5);
    assert_eq!(p.documents[1].spans().next().map(|s| s.annotator.as_str()), Some("import"));
    let problems = crate::model::validate::check_project(&p);
    assert!(problems.is_empty(), "{problems:?}");

    let bad = import(&[data("re_bad.jsonl")], OffsetUnit::Codepoints).err().map(|e| e.to_string());
    let bad = bad.unwrap_or_default();
    assert!(bad.contains("re_bad.jsonl:1:") && bad.contains("to_id 9 names no entity"), "{bad}");
    Ok(())
}

#[test]
fn errors_name_file_and_line() -> Res {
    let dir = tempfile::tempdir()?;
    let cases = [
        ("{\"text\": \"ok\"}\n\n{\"text\": 5}\n", "x.jsonl:3: no \"text\" string"),
        ("{\"text\": \"ok\"}\n{oops\n", "x.jsonl:2: not JSON"),
        (
            "{\"text\": \"ab\", \"label\": [[0, 9, \"A\"]]}\n",
            "x.jsonl:1: offset 9 splits a character or lies past the end",
        ),
        (
            "{\"text\": \"ab\", \"entities\": [{\"id\": 1, \"start_offset\": -1, \"end_offset\": 1, \"label\": \"A\"}]}\n",
            "x.jsonl:1: entity 1: start_offset must be",
        ),
        ("{\"text\": \"ab\", \"label\": [[1, 1, \"A\"]]}\n", "cover no text"),
    ];
    for (content, expected) in cases {
        let path = dir.path().join("x.jsonl");
        std::fs::write(&path, content)?;
        let msg = import(&[path], OffsetUnit::Codepoints)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains(expected), "{msg} should contain {expected}");
    }
    // UTF-16 offsets inside a surrogate pair are refused rather than guessed.
    let path = dir.path().join("x.jsonl");
    std::fs::write(&path, "{\"text\": \"😀 a\", \"label\": [[1, 4, \"A\"]]}\n")?;
    let msg = import(&[path], OffsetUnit::Utf16).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("offset 1 splits a character") && msg.contains("UTF-16"), "{msg}");
    Ok(())
}

#[test]
fn text_only_lines_and_doccano_exports_import() -> Res {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("d.jsonl");
    // doccano's own export: integer ids, a Comments key, categories in another project type.
    std::fs::write(
        &path,
        "{\"text\": \"Только текст\"}\n{\"id\": 7, \"text\": \"Путин и ЛНР\", \"label\": [[0, 5, \"PER\"], [8, 11, \"ORG\"]], \"Comments\": []}\n{\"text\": \"c\", \"label\": [\"positive\"], \"extra\": 1}\n",
    )?;
    let batch = DoccanoImport.import(&[path], &ImportOptions::default(), &Progress::default())?;
    let ids: Vec<&str> = batch.documents.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["d-1", "7", "d-3"]);
    assert_eq!(batch.documents[1].span_count(), 2);
    assert!(batch.notes.iter().any(|n| n.contains("document categories")), "{:?}", batch.notes);
    assert!(batch.notes.iter().any(|n| n.contains("keys not kept: extra")), "{:?}", batch.notes);
    Ok(())
}

#[test]
fn the_sample_project_round_trips() -> Res {
    let p = crate::formats::project::load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron"),
    )?
    .project;
    let (back, text) = round_trip(&p, &ExportOptions::default())?;
    assert_same_annotations(&p, &back, Keep::ALL);
    assert_eq!(text.lines().count(), 5);
    Ok(())
}

/// The exact bytes for the hard cases, so a change of shape is a visible diff. Regenerate with
/// `ACTA_WRITE_GOLDEN=1 cargo test --lib formats::doccano`.
#[test]
fn golden_files() -> Res {
    let dir = tempfile::tempdir()?;
    for (mode, name) in
        [(DoccanoMode::Relation, "tricky.re.jsonl"), (DoccanoMode::Seq, "tricky.seq.jsonl")]
    {
        let out = dir.path().join(name);
        run(
            &tricky()?,
            "doccano",
            &ExportOptions { doccano: mode, ..Default::default() },
            &out,
            &Progress::default(),
        )?;
        let got = std::fs::read_to_string(&out)?;
        if std::env::var_os("ACTA_WRITE_GOLDEN").is_some() {
            std::fs::write(data(name), &got)?;
        }
        assert_eq!(got, std::fs::read_to_string(data(name))?, "{name} changed");
    }
    Ok(())
}
