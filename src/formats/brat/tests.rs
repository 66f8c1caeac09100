//! brat both ways: property round trips with and without the sidecars, a golden export of a
//! hard document (CRLF, a lone CR, a name over a line break, a trigger of two event types, an
//! event as argument, names brat cannot spell), the validator's own samples, and bad files.

use super::LineEnds;
use crate::formats::export::{self, ExportOptions};
use crate::formats::import::{self, ImportError, ImportOptions};
use crate::formats::progress::Progress;
use crate::formats::testgen::{self, Keep};
use crate::model::{
    AnnId, Argument, AttrKind, AttributeDef, DocMeta, DocStatus, Document, Event, LabelDef,
    LabelKind, Project, Rgb, Span,
};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(super) type Res = Result<(), Box<dyn std::error::Error>>;

pub(super) fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat").join(dir)
}

fn export_to(p: &Project, out: &Path) -> Result<export::ExportReport, export::ExportError> {
    export::run(p, "brat", &ExportOptions::default(), out, &Progress::default())
}

pub(super) fn import_from(inputs: &[PathBuf]) -> Result<(Project, import::Added), ImportError> {
    let mut p = Project::new("imported");
    let added =
        import::run(&mut p, "brat", inputs, &ImportOptions::default(), &Progress::default())?;
    Ok((p, added))
}

/// The project as brat alone sees it: LF-only text, offsets shifted, only the document id, and
/// a trigger span's attributes and note on its first event (the event's own attributes win).
fn as_brat_reads_it(p: &Project) -> Result<Project, String> {
    let mut out = Project::new("brat");
    for doc in &p.documents {
        let (text, ends) = LineEnds::split(doc.text());
        let mut events: Vec<Event> = doc.events().cloned().collect();
        let mut spans: Vec<Span> = Vec::new();
        for s in doc.spans() {
            let mut s = s.clone();
            (s.start, s.end) = (ends.to_brat(s.start), ends.to_brat(s.end));
            if let Some(event) = events.iter_mut().find(|e| e.trigger == s.id) {
                for (k, v) in std::mem::take(&mut s.attributes) {
                    event.attributes.entry(k).or_insert(v);
                }
                if let Some(note) = s.note.take() {
                    event.note = Some(match event.note.take() {
                        Some(own) => format!("{own}\n{note}"),
                        None => note,
                    });
                }
            }
            spans.push(s);
        }
        let meta = DocMeta { id: doc.meta.id.clone(), ..Default::default() };
        let doc =
            Document::from_annotations(meta, text, spans, events).map_err(|e| format!("{e:?}"))?;
        out.documents.push(Arc::new(doc));
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_then_import_gives_the_project_back(p in testgen::project()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let report = export_to(&p, dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let (back, _) = import_from(&[dir.path().to_path_buf()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        testgen::assert_same_annotations(&p, &back, Keep::ALL);
    }

    #[test]
    fn without_sidecars_brat_alone_keeps_every_annotation(p in testgen::project()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        export_to(&p, dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for entry in std::fs::read_dir(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))? {
            let path = entry.map_err(|e| TestCaseError::fail(e.to_string()))?.path();
            if path.to_string_lossy().ends_with(".acta.json") {
                std::fs::remove_file(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
        }
        let (back, _) = import_from(&[dir.path().to_path_buf()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected = as_brat_reads_it(&p).map_err(TestCaseError::fail)?;
        let keep = Keep { annotators: false, meta: false, ..Keep::ALL };
        testgen::assert_same_annotations(&expected, &back, keep);
    }
}

/// One document with every hard case of the format, and a schema with names brat cannot spell.
fn hard_project() -> Result<Project, String> {
    let mut p = Project::new("golden");
    p.schema.labels.push(LabelDef {
        name: "Место".into(),
        color: Rgb([0x0e, 0xa5, 0xe9]),
        hotkey: Some("4".into()),
        kind: LabelKind::Entity,
    });
    p.schema.attributes.push(AttributeDef {
        name: "уверенность".into(),
        on: vec!["Место".into()],
        kind: AttrKind::Choice(vec!["высокая".into(), "низкая".into()]),
    });
    let text = "Южная\r\nОсетия признала ЛНР.\rЛавров заявил об этом.";
    let span =
        |id, start, end, label: &str, who: &str| Span::new(AnnId(id), start, end, label, who);
    let mut name = span(1, 0, 13, "Actor", "anna");
    name.attributes.insert("kind".into(), "state".into());
    let mut lnr = span(3, 23, 26, "Actor", "anna");
    lnr.attributes.insert("canonical".into(), "Луганская Народная Республика".into());
    let mut place = span(10, 23, 26, "Место", "anna");
    place.attributes.insert("уверенность".into(), "высокая".into());
    let mut orphan = span(6, 45, 49, "Event", "anna");
    orphan.note = Some("две\nстроки".into());
    // A trigger's attributes and note go on its event in brat; polarity clashes with the event's.
    let mut recognised = span(2, 14, 22, "Event", "anna");
    recognised.attributes.insert("polarity".into(), "negated".into());
    recognised.attributes.insert("kind".into(), "other".into());
    let mut said = span(5, 35, 41, "Event", "anna");
    said.note = Some("глагол речи".into());
    let spans = vec![
        name,
        recognised,
        lnr,
        span(4, 28, 34, "Actor", "Олена"),
        said,
        orphan,
        place,
        // Starts at the LF of a CRLF: brat cannot say so, the sidecar can.
        span(12, 6, 13, "Date", "anna"),
    ];
    let arg = |role: &str, target| Argument { role: role.into(), target: AnnId(target) };
    let mut recognition = Event::new(AnnId(7), AnnId(2), "Recognition", "anna");
    recognition.arguments = vec![arg("Agent", 1), arg("Theme", 3)];
    recognition.attributes.insert("polarity".into(), "asserted".into());
    let mut statement = Event::new(AnnId(8), AnnId(5), "Statement", "Олена");
    statement.arguments = vec![arg("Agent", 4), arg("Theme", 7)];
    statement.note = Some("цитата".into());
    let mut other = Event::new(AnnId(9), AnnId(5), "Other", "anna");
    other.arguments = vec![arg("Participant", 4), arg("Participant", 1)];
    let meta = DocMeta {
        id: "d1".into(),
        title: "Признание".into(),
        lang: "ru".into(),
        source: "https://example.org/1".into(),
        dateline: Some("2014-06-01".into()),
        status: DocStatus::Done,
        notes: "проверить\tдату".into(),
        ..Default::default()
    };
    // Covered texts filled in, and an id counter past the ids (deleted ones are never reused).
    let events = vec![recognition, statement, other];
    let filled = Document::from_annotations(meta.clone(), text, spans, events)
        .map_err(|e| format!("{e:?}"))?;
    let doc = Document::from_parts(
        meta,
        text,
        filled.spans().cloned().collect(),
        filled.events().cloned().collect(),
        20,
    )
    .map_err(|e| format!("{e:?}"))?;
    p.documents.push(Arc::new(doc));
    Ok(p)
}

#[test]
fn golden_export_and_back() -> Res {
    let p = hard_project()?;
    let dir = tempfile::tempdir()?;
    let report = export_to(&p, dir.path())?;
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!((report.documents, report.spans, report.events), (1, 8, 3));
    let notes = report.notes.join("\n");
    for said in [
        "CR line ends (d1)",
        "1 span(s) cross a line break",
        "1 attribute value(s)",
        "1 note(s)",
        "`Место` → Mesto",
        "2 T line(s) cover exactly",
        "3 attribute(s) or note(s) of trigger spans",
    ] {
        assert!(notes.contains(said), "{said} not in {notes}");
    }
    let golden = data("golden");
    let files = [
        "d1.txt",
        "d1.ann",
        "d1.acta.json",
        "annotation.conf",
        "visual.conf",
        "annotation.acta.json",
    ];
    for name in files {
        let got = std::fs::read_to_string(dir.path().join(name))?;
        if std::env::var_os("ACTA_WRITE_GOLDEN").is_some() {
            std::fs::create_dir_all(&golden)?;
            std::fs::write(golden.join(name), &got)?;
        }
        assert_eq!(
            got,
            std::fs::read_to_string(golden.join(name))?,
            "{name} differs from the golden file"
        );
    }
    let batch = import::importer("brat")?.import(
        std::slice::from_ref(&golden),
        &ImportOptions::default(),
        &Progress::default(),
    )?;
    assert_eq!(batch.schema.as_ref(), Some(&p.schema), "the schema sidecar gives the schema back");
    let (back, added) = import_from(&[golden])?;
    testgen::assert_same_annotations(&p, &back, Keep::ALL);
    assert_eq!(back.documents[0].next_id(), AnnId(20));
    let said = added.notes.join("\n");
    assert!(!said.contains(".acta.json"), "the sidecars fit: {said}");
    Ok(())
}

#[test]
fn golden_without_sidecars_reads_as_brat_means_it() -> Res {
    let dir = tempfile::tempdir()?;
    for name in ["d1.txt", "d1.ann", "annotation.conf", "visual.conf"] {
        std::fs::copy(data("golden").join(name), dir.path().join(name))?;
    }
    let (back, _) = import_from(&[dir.path().join("d1.ann")])?;
    let doc = &back.documents[0];
    assert_eq!(doc.text(), "Южная\nОсетия признала ЛНР.\nЛавров заявил об этом.");
    assert_eq!((doc.span_count(), doc.event_count()), (8, 3));
    let name = doc.spans().find(|s| s.text == "Южная\nОсетия" && s.label == "Actor");
    assert!(name.is_some(), "the fragments over the line break are one span again");
    let canonical = doc.spans().find_map(|s| s.attributes.get("canonical"));
    assert_eq!(canonical.map(String::as_str), Some("Луганская_Народная_Республика"));
    let place = doc.spans().find(|s| s.label == "Mesto").map(|s| s.attributes.clone());
    assert_eq!(place.and_then(|a| a.get("uverennost").cloned()).as_deref(), Some("высокая"));
    let other = doc.events().find(|e| e.event_type == "Other").map(|e| e.arguments.len());
    assert_eq!(other, Some(2), "Participant2 is a second Participant");
    let types: Vec<_> =
        doc.events().map(|e| doc.span(e.trigger).map(|s| s.label.clone())).collect();
    assert!(types.iter().all(|l| l.as_deref() == Some("Event")), "{types:?}");
    Ok(())
}

#[test]
fn what_brat_cannot_show_is_reported_and_strict_refuses() -> Res {
    let mut p = Project::new("t");
    let meta = DocMeta { id: "a/b".into(), ..Default::default() };
    let spans =
        vec![Span::new(AnnId(1), 0, 4, "Actor", "a"), Span::new(AnnId(2), 4, 6, "Event", "a")];
    let mut event = Event::new(AnnId(3), AnnId(2), "Meeting", "a");
    event.arguments.push(Argument { role: "Agent".into(), target: AnnId(1) });
    p.documents.push(Arc::new(
        Document::from_annotations(meta, "Киев\r\n", spans, vec![event])
            .map_err(|e| format!("{e:?}"))?,
    ));
    let dir = tempfile::tempdir()?;
    let report = export_to(&p, dir.path())?;
    let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("line breaks") && reasons[1].contains("trigger"), "{reasons:?}");
    assert!(dir.path().join("a_b.txt").exists(), "a path separator is no file name");
    p.documents
        .push(Arc::new(Document::new(DocMeta { id: "z".into(), ..Default::default() }, "z")));
    export_to(&p, dir.path())?;
    p.documents.pop();
    let report = export_to(&p, dir.path())?;
    assert!(report.notes.iter().any(|n| n.contains("z.ann, z.txt")), "{:?}", report.notes);
    let strict = ExportOptions { strict: true, ..Default::default() };
    let out = dir.path().join("strict");
    let r = export::run(&p, "brat", &strict, &out, &Progress::default());
    assert!(matches!(r, Err(export::ExportError::Strict(ref s)) if s.len() == 2), "{r:?}");
    assert!(!out.exists(), "nothing written");
    Ok(())
}
