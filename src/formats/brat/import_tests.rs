//! brat import against files made elsewhere: the validator's own samples, bad files (every
//! error names file:line), discontinuous spans, CRLF texts, and sidecars that do not fit.

use super::tests::{Res, data, import_from};
use crate::formats::import::{self, ImportError, ImportOptions};
use crate::formats::progress::Progress;
use std::path::Path;

#[test]
fn the_validators_samples() -> Res {
    let (p, added) = import_from(&[data("validator/brat"), data("validator/brat_disc")])?;
    assert_eq!(p.documents.len(), 2);
    let doc = &p.documents[0];
    assert_eq!((doc.span_count(), doc.event_count()), (5, 1));
    let event = doc.events().next().ok_or("no event")?;
    assert_eq!(event.event_type, "Recognition");
    let roles: Vec<&str> = event.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["Agent", "Recognized", "Recognized", "Date"]);
    assert_eq!(event.attributes.get("Certainty").map(String::as_str), Some("Confirmed"));
    assert_eq!(event.attributes.get("Negated").map(String::as_str), Some("true"));
    assert_eq!(doc.span(event.trigger).map(|s| s.label.as_str()), Some("Event"));
    let notes: Vec<&str> = doc.spans().filter_map(|s| s.note.as_deref()).collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("brat relation R1 Ally") && n.contains("T4 «ЛНР»")));
    assert!(notes.iter().any(|n| n.contains("Wikidata:Q23427")));
    assert!(notes.contains(&"день не указан"));
    let disc = &p.documents[1];
    assert_eq!(disc.meta.id, "doc1-2");
    assert_eq!(disc.spans().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["Южная Осетия"]);
    let said = added.notes.join("\n");
    assert!(said.contains("Ally") && said.contains("before 1.3"), "{said}");
    let schema = &p.schema;
    assert!(schema.event_type("Recognition").is_some_and(|t| t.role("Recognized").is_some()));
    assert!(schema.attributes.iter().any(|a| a.name == "Certainty"));
    Ok(())
}

/// Writes `ann` beside the text of the validator's sample and imports it.
fn import_ann(ann: &str) -> Result<import::Added, ImportError> {
    let dir = tempfile::tempdir().map_err(|e| ImportError::io(Path::new("tmp"), e))?;
    let txt = "Южная Осетия признала независимость ДНР и ЛНР в июне 2014 года.";
    std::fs::write(dir.path().join("doc.txt"), txt).map_err(|e| ImportError::io(dir.path(), e))?;
    std::fs::write(dir.path().join("doc.ann"), ann).map_err(|e| ImportError::io(dir.path(), e))?;
    import_from(&[dir.path().join("doc.txt")]).map(|(_, added)| added)
}

#[test]
fn bad_files_name_file_line_and_problem() {
    let cases = [
        ("T1\tActor 0 12\tЮжная Осетия\nT2\tActor 0 99\tx\n", 2, "past the end"),
        ("T1\tActor 0 23\tЮжная Осетия\n", 1, "does not match"),
        ("T1\tActor 12 0\tx\n", 1, "after end"),
        ("T1\tActor 0 12\tЮжная Осетия\nE1\tRecognition:T9 Agent:T1\n", 2, "T9 does not exist"),
        (
            "T1\tActor 0 12\tЮжная Осетия\nT2\tRec 13 21\tпризнала\nE1\tRec:T2 Agent:T7\n",
            3,
            "T7 does not exist",
        ),
        ("T1\tActor 0 12\tЮжная Осетия\nA1\tkind T3 state\n", 2, "T3 does not exist"),
        ("T1\tActor 0 12\tЮжная Осетия\nT1\tActor 0 5\tЮжная\n", 2, "used twice"),
        ("T1\tActor 0 5;3 12\tЮжная Осетия\n", 1, "overlap"),
    ];
    for (ann, line, what) in cases {
        match import_ann(ann) {
            Err(e @ ImportError::Bad { line: Some(l), .. }) => {
                let msg = e.to_string();
                assert!(msg.contains(&format!("doc.ann:{line}")) && l == line, "{msg}");
                assert!(msg.contains(what), "{what} not in {msg}");
            }
            other => panic!("{ann:?} gave {other:?}"),
        }
    }
}

#[test]
fn fragments_apart_by_words_become_several_spans_and_say_so() -> Res {
    let added = import_ann("T1\tActor 0 5;36 39\tЮжная ДНР\nA1\tkind T1 state\n")?;
    assert_eq!(added.spans, 2);
    assert!(
        added
            .notes
            .iter()
            .any(|n| n.contains("discontinuous span (0 5;36 39); imported as 2 spans")),
        "{:?}",
        added.notes
    );
    let added = import_ann("T1\tActor 0 5;6 12\tЮжная Осетия\n")?;
    assert_eq!(added.spans, 1, "only a space apart: one span");
    Ok(())
}

#[test]
fn a_crlf_text_keeps_its_crs_and_brat_offsets_move() -> Res {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("w.txt"), "Киев\r\nЛНР\r\n")?;
    std::fs::write(dir.path().join("w.ann"), "T1\tActor 5 8\tЛНР\n")?;
    let (p, _) = import_from(&[dir.path().to_path_buf()])?;
    let doc = &p.documents[0];
    assert_eq!(doc.text(), "Киев\r\nЛНР\r\n");
    let span = doc.spans().next().ok_or("no span")?;
    assert_eq!((span.start, span.end, span.text.as_str()), (6, 9, "ЛНР"));
    Ok(())
}

/// A copy of the golden export in a temporary folder.
fn golden_copy() -> Result<tempfile::TempDir, std::io::Error> {
    let dir = tempfile::tempdir()?;
    for entry in std::fs::read_dir(data("golden"))? {
        let path = entry?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, dir.path().join(name))?;
        }
    }
    Ok(dir)
}

#[test]
fn a_sidecar_for_another_text_is_ignored_and_a_newer_one_refused() -> Res {
    let dir = golden_copy()?;
    let txt = dir.path().join("d1.txt");
    let text = std::fs::read_to_string(&txt)?;
    std::fs::write(&txt, text.replace("Лавров", "Шойгу"))?;
    std::fs::write(dir.path().join("d1.ann"), "T1\tActor 0 5\tЮжная\n")?;
    let (p, added) = import_from(&[dir.path().to_path_buf()])?;
    assert!(
        added.notes.iter().any(|n| n.contains("written for another version")),
        "{:?}",
        added.notes
    );
    assert_eq!(p.documents[0].meta.id, "d1");
    assert_eq!(p.documents[0].spans().next().map(|s| s.annotator.as_str()), Some("import"));
    let side = dir.path().join("d1.acta.json");
    let newer = std::fs::read_to_string(&side)?.replace("\"acta_brat\": 1", "\"acta_brat\": 9");
    std::fs::write(&side, newer)?;
    let r = import_from(&[dir.path().to_path_buf()]);
    assert!(matches!(&r, Err(e) if e.to_string().contains("newer Acta")), "{r:?}");
    Ok(())
}

#[test]
fn the_annotator_stamp_wins_over_the_sidecar() -> Res {
    let stamp = ImportOptions { annotator: Some("Олена".into()), ..Default::default() };
    let mut p = crate::model::Project::new("p");
    import::run(&mut p, "brat", &[data("golden")], &stamp, &Progress::default())?;
    let doc = &p.documents[0];
    assert!(
        doc.spans().all(|s| s.annotator == "Олена") && doc.events().all(|e| e.annotator == "Олена")
    );
    Ok(())
}

#[test]
fn inputs_that_are_not_brat() {
    let r = import_from(&[data("golden").join("annotation.conf")]);
    assert!(matches!(&r, Err(e) if e.to_string().contains("not a brat file")), "{r:?}");
    let r = import_from(&[data("nowhere")]);
    assert!(matches!(r, Err(ImportError::Io { .. })), "{r:?}");
}

#[test]
fn foreign_brat_goes_back_to_brat_unchanged_where_acta_can_hold_it() -> Res {
    let (p, _) = import_from(&[data("validator/brat")])?;
    let dir = tempfile::tempdir()?;
    crate::formats::export::run(&p, "brat", &Default::default(), dir.path(), &Progress::default())?;
    let ann = std::fs::read_to_string(dir.path().join("doc1.ann"))?;
    assert!(
        ann.contains("E1\tRecognition:T2 Agent:T1 Recognized:T3 Recognized2:T4 Date:T5\n"),
        "{ann}"
    );
    assert!(ann.contains("\tNegated E1\n"), "binary stays binary: {ann}");
    assert!(ann.contains("\tCertainty E1 Confirmed\n"), "{ann}");
    let conf = std::fs::read_to_string(dir.path().join("annotation.conf"))?;
    assert!(conf.contains("Negated\tArg:Recognition\n"), "{conf}");
    Ok(())
}
