//! Label Studio round trips, the config both ways, the validator's examples, and what Label
//! Studio's own exports hold (predictions, per-region attributes, authors).

use super::*;
use crate::formats::export::{ExportOptions, run};
use crate::formats::import::{ImportOptions, Importer, add_to_project};
use crate::formats::progress::Progress;
use crate::formats::testgen::{self, Keep, assert_same_annotations};
use crate::model::{
    AnnId, Argument, AttrKind, DocMeta, Document, Event, LabelKind, Project, Schema, Span,
};
use proptest::prelude::*;
use std::path::Path;
use std::sync::Arc;

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/label_studio").join(name)
}

fn import(
    paths: &[PathBuf],
) -> Result<(Project, Vec<String>), crate::formats::import::ImportError> {
    let batch = LabelStudioImport.import(paths, &ImportOptions::default(), &Progress::default())?;
    let mut p = Project::new("back");
    let added = add_to_project(&mut p, batch);
    Ok((p, added.notes))
}

/// Exports `p`, reads tasks and config back; also returns the tasks as JSON.
fn round_trip(p: &Project) -> Res<(Project, serde_json::Value)> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("tasks.json");
    let report = run(p, "label-studio", &ExportOptions::default(), &out, &Progress::default())?;
    assert_eq!(report.files, [out.clone(), dir.path().join("tasks.config.xml")]);
    let tasks = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    Ok((import(&[out])?.0, tasks))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn tasks_round_trip_everything(p in testgen::project()) {
        let (back, _) = round_trip(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
        assert_same_annotations(&p, &back, Keep::ALL);
    }
}

/// Two annotators who never meet, a third whose event uses another's span, a second event on
/// one trigger, an event as argument, a note, and an emoji before everything.
fn layered() -> Res<Project> {
    let text = "😀 Путин встретил Южная Осетия";
    let meta = DocMeta { id: "d".into(), lang: "ru".into(), ..Default::default() };
    let mut spans = vec![
        Span::new(AnnId(1), 2, 7, "Actor", "anna"),
        Span::new(AnnId(2), 8, 16, "Event", "anna"),
        Span::new(AnnId(3), 17, 29, "Actor", "bob"),
        Span::new(AnnId(4), 17, 22, "Actor", "carl"),
    ];
    spans[0].note = Some("кто?".into());
    spans[2].attributes.insert("kind".into(), "state".into());
    let mut meeting = Event::new(AnnId(5), AnnId(2), "Meeting", "anna");
    meeting.arguments.push(Argument { role: "Agent".into(), target: AnnId(1) });
    let mut statement = Event::new(AnnId(6), AnnId(2), "Statement", "anna");
    statement.arguments.push(Argument { role: "Theme".into(), target: AnnId(5) });
    statement.arguments.push(Argument { role: "Place".into(), target: AnnId(3) });
    let doc = Document::from_annotations(meta, text, spans, vec![meeting, statement])
        .map_err(|p| format!("{p:?}"))?;
    let mut p = Project::new("t");
    p.documents.push(Arc::new(doc));
    Ok(p)
}

#[test]
fn annotations_follow_annotators_and_events_tie_them() -> Res {
    let p = layered()?;
    let (back, tasks) = round_trip(&p)?;
    assert_same_annotations(&p, &back, Keep::ALL);
    let annotations = tasks[0]["annotations"].as_array().ok_or("no annotations")?;
    let authors: Vec<&str> =
        annotations.iter().filter_map(|a| a["created_username"].as_str()).collect();
    assert_eq!(
        authors,
        ["anna", "carl"],
        "bob's span is an argument of anna's event: one annotation"
    );
    let region = &annotations[0]["result"][0];
    assert_eq!(
        region["value"],
        serde_json::json!({"start": 2, "end": 7, "text": "Путин", "labels": ["Actor"]})
    );
    assert_eq!(region["meta"]["text"][0], "кто?");
    let acta = &tasks[0]["data"]["acta"]["regions"];
    assert_eq!(acta["3"]["annotator"], "bob");
    assert_eq!(acta["6"]["of"], "2", "the second event shares the trigger's span");
    assert_eq!(tasks[0]["data"]["doc_id"], "d");
    Ok(())
}

#[test]
fn config_round_trips_the_schema() -> Res {
    let schema = Schema::default();
    let xml = config::write(&schema, &["Unknown & <odd>"], &["Extra"]);
    let back = config::parse(&xml).map_err(|e| format!("{e:?}"))?;
    assert_eq!(back.text_key, "text");
    let names: Vec<&str> = back.schema.labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Actor", "Date", "Event", "Unknown & <odd>"]);
    assert_eq!(back.schema.label("Event").map(|l| l.kind), Some(LabelKind::Event));
    assert_eq!(back.schema.label("Actor").map(|l| l.color), schema.label("Actor").map(|l| l.color));
    let types: Vec<&str> = back.schema.event_types.iter().map(|t| t.name.as_str()).collect();
    let want: Vec<&str> = schema.event_types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, want);
    let roles = |s: &Schema| -> Vec<String> {
        s.event_type("Statement")
            .map(|t| t.roles.iter().map(|r| r.name.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(roles(&back.schema), roles(&schema));
    assert!(xml.contains("<Relation value=\"Extra\"/>"), "{xml}");
    Ok(())
}

#[test]
fn per_region_controls_of_a_label_studio_config() -> Res {
    let xml = r#"<View>
      <Labels name="ner" toName="body"><Label value="PER" background="red"/><Label value="ORG"/></Labels>
      <HyperText name="body" value="$html"/>
      <Choices name="kind" toName="body" perRegion="true" whenLabelValue="PER">
        <Choice value="politician"/><Choice value="diplomat"/>
      </Choices>
      <TextArea name="comment" toName="body" perRegion="true"/>
      <Choices name="sentiment" toName="body"><Choice value="pos"/></Choices>
    </View>"#;
    let c = config::parse(xml).map_err(|e| format!("{e:?}"))?;
    assert_eq!(c.text_key, "html");
    assert_eq!(c.schema.labels.len(), 2);
    let kind = c.schema.attributes.iter().find(|a| a.name == "kind").ok_or("no kind")?;
    assert_eq!(
        (kind.on.clone(), kind.kind.clone()),
        (vec!["PER".to_string()], AttrKind::Choice(vec!["politician".into(), "diplomat".into()]))
    );
    let comment = c.schema.attributes.iter().find(|a| a.name == "comment").ok_or("no comment")?;
    assert_eq!((comment.on.len(), comment.kind.clone()), (2, AttrKind::Text));
    assert_eq!(c.schema.attributes.len(), 2, "a task-level Choices is no attribute");
    let err = config::parse("<View>\n<Labels>\n</View>").err().ok_or("accepted broken XML")?;
    assert_eq!(err.line, 3, "{err:?}");
    Ok(())
}

#[test]
fn the_validator_examples_import() -> Res {
    let (p, notes) = import(&[data("tasks.json"), data("config.xml")])?;
    let doc = &p.documents[0];
    // The annotation and the prediction share region ids; both are kept, by their authors.
    assert_eq!((doc.span_count(), doc.event_count()), (10, 2));
    let mut authors: Vec<&str> = doc.spans().map(|s| s.annotator.as_str()).collect();
    authors.dedup();
    assert_eq!(authors, ["user 1", "rust-export-0.1"]);
    let event = doc.events().next().ok_or("no event")?;
    assert_eq!(event.event_type, "EVENT");
    assert_eq!(event.arguments.len(), 4);
    assert!(p.schema.label("ACTOR").is_some());
    assert!(notes.iter().any(|n| n.contains("label `ACTOR` added")), "{notes:?}");
    let problems = crate::model::validate::check_project(&p);
    let errors: Vec<_> =
        problems.iter().filter(|p| p.severity == crate::model::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        p.schema.label("EVENT").map(|l| l.kind),
        Some(LabelKind::Event),
        "it anchors events"
    );
    let wrong = problems.iter().filter(|p| p.to_string().contains("not an event label")).count();
    assert_eq!(wrong, 0, "{problems:?}");

    let bad = import(&[data("tasks_bad.json")]).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        bad.contains("tasks_bad.json: task 1: predictions[0]") && bad.contains("differs"),
        "{bad}"
    );
    Ok(())
}

#[test]
fn label_studio_exports_with_per_region_results() -> Res {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("export.json");
    let task = serde_json::json!([{
        "id": 42,
        "data": {"text": "Путин и ЛНР"},
        "annotations": [{
            "created_username": "olena@example.org, 3",
            "result": [
                {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 5, "text": "Путин", "labels": ["PER"]}},
                {"id": "a", "from_name": "kind", "to_name": "text", "type": "choices",
                 "value": {"start": 0, "end": 5, "choices": ["politician"]}},
                {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 8, "end": 11, "labels": ["ORG", "GPE"]}},
                {"from_id": "b", "to_id": "a", "type": "relation", "direction": "left", "labels": []},
                {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
                 "value": {"choices": ["pos"]}}
            ]
        }, {"was_cancelled": true, "result": []}]
    }]);
    std::fs::write(&path, task.to_string())?;
    let (p, notes) = import(&[path])?;
    let doc = &p.documents[0];
    assert_eq!(doc.meta.id, "42");
    let labels: Vec<(&str, &str)> =
        doc.spans().map(|s| (s.label.as_str(), s.annotator.as_str())).collect();
    assert_eq!(
        labels,
        [("PER", "olena@example.org"), ("ORG", "olena@example.org"), ("GPE", "olena@example.org")]
    );
    assert_eq!(
        doc.spans().next().and_then(|s| s.attributes.get("kind")).map(String::as_str),
        Some("politician")
    );
    let event = doc.events().next().ok_or("no event")?;
    assert_eq!(
        doc.span(event.trigger).map(|s| s.label.as_str()),
        Some("PER"),
        "direction left: from a to b"
    );
    assert_eq!(event.arguments[0].role, "relation");
    assert!(notes.iter().any(|n| n.contains("1 `choices` result(s) not kept")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("was_cancelled")), "{notes:?}");
    Ok(())
}

#[test]
fn the_config_beside_the_tasks_is_read() -> Res {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("t.json");
    run(&layered()?, "label-studio", &ExportOptions::default(), &out, &Progress::default())?;
    let batch =
        LabelStudioImport.import(&[out], &ImportOptions::default(), &Progress::default())?;
    assert!(batch.notes.iter().any(|n| n.contains("t.config.xml")), "{:?}", batch.notes);
    let schema = batch.schema.ok_or("no schema")?;
    assert_eq!(schema.label("Event").map(|l| l.kind), Some(LabelKind::Event));
    assert!(schema.event_type("Meeting").is_some());
    Ok(())
}

#[test]
fn the_sample_project_round_trips() -> Res {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    let p = crate::formats::project::load_file(&path)?.project;
    let (back, tasks) = round_trip(&p)?;
    assert_same_annotations(&p, &back, Keep::ALL);
    assert_eq!(tasks.as_array().map(Vec::len), Some(5));
    Ok(())
}

/// The exact bytes of tasks and config for the layered document. Regenerate with
/// `ACTA_WRITE_GOLDEN=1 cargo test --lib formats::label_studio`.
#[test]
fn golden_files() -> Res {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("layered.json");
    run(&layered()?, "label-studio", &ExportOptions::default(), &out, &Progress::default())?;
    for name in ["layered.json", "layered.config.xml"] {
        let got = std::fs::read_to_string(dir.path().join(name))?;
        if std::env::var_os("ACTA_WRITE_GOLDEN").is_some() {
            std::fs::write(data(name), &got)?;
        }
        assert_eq!(got, std::fs::read_to_string(data(name))?, "{name} changed");
    }
    Ok(())
}
