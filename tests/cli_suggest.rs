//! `acta suggest` run for real (as in `tests/cli.rs`): the table and the JSON lines, `--kind`,
//! what it skips, its errors, and that the project file is byte for byte the same afterwards.

mod common;

use acta::formats::project::save_file;
use acta::model::{AnnId, DocMeta, Document, Edit, Project, Span};
use common::cli::{acta, find, s};
use std::sync::Arc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Emoji and a no-break space before the dates, so code points and bytes disagree.
const RU: &str =
    "👩\u{200d}👩\u{200d}👧 Путин 21\u{a0}февраля 2022 года признал ЛНР, а 28 апреля — вчера.";
const EN: &str = "The minister met on Wednesday; talks go on today.";

/// `ru1` (dateline 2022-05-25, «28 апреля» already annotated) and `en1` (dateline 2022-05-25).
fn project() -> Result<Project, Box<dyn std::error::Error>> {
    let mut p = Project::new("suggest");
    for (id, lang, text) in [("ru1", "ru", RU), ("en1", "en", EN)] {
        let meta = DocMeta {
            id: id.into(),
            title: id.into(),
            lang: lang.into(),
            dateline: Some("2022-05-25".into()),
            ..Default::default()
        };
        p.documents.push(Arc::new(Document::new(meta, text)));
    }
    let (start, end) = find(RU, "28 апреля");
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(1), start, end, "Date", "anna") }
        .apply(&mut p)?;
    Ok(p)
}

#[test]
fn suggest_prints_json_lines_and_leaves_the_file_alone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_file(&project()?, &path)?;
    let before = std::fs::read(&path)?;
    let run = acta(&["suggest", s(&path), "--kind", "dates", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    let brief: Vec<(String, u64, u64, String, String)> = lines
        .iter()
        .map(|l| {
            (
                l["document"].as_str().unwrap_or_default().to_string(),
                l["start"].as_u64().unwrap_or_default(),
                l["end"].as_u64().unwrap_or_default(),
                l["text"].as_str().unwrap_or_default().to_string(),
                l["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let at = |text: &str, needle: &str| {
        let (a, b) = find(text, needle);
        (a as u64, b as u64)
    };
    let row = |doc: &str, text: &str, needle: &str, value: &str| {
        let (a, b) = at(text, needle);
        (doc.to_string(), a, b, needle.to_string(), value.to_string())
    };
    // «28 апреля» is annotated already, so it is not suggested.
    assert_eq!(
        brief,
        [
            row("ru1", RU, "21\u{a0}февраля 2022 года", "2022-02-21"),
            row("ru1", RU, "вчера", "2022-05-24"),
            row("en1", EN, "Wednesday", "2022-05-25"),
            row("en1", EN, "today", "2022-05-25"),
        ]
    );
    assert!(lines.iter().all(|l| l["label"] == "Date"));
    assert_eq!(lines[0]["source"]["kind"], "date_rule");
    assert_eq!(lines[0]["source"]["rule"], "ru: day month year");
    assert_eq!(std::fs::read(&path)?, before, "suggest must not change the project");
    let entries: Vec<_> = std::fs::read_dir(dir.path())?.collect();
    assert_eq!(entries.len(), 1, "suggest wrote files: {entries:?}");
    Ok(())
}

#[test]
fn suggest_prints_a_table_of_every_kind() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_file(&project()?, &path)?;
    let before = std::fs::read(&path)?;
    let run = acta(&["suggest", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split_whitespace().collect();
    assert_eq!(header, ["document", "start", "end", "text", "label", "value", "source"]);
    assert!(run.stdout.contains("date rule en: weekday"), "{}", run.stdout);
    assert!(run.stdout.contains("2022-02-21"));
    assert!(run.stdout.ends_with("4 suggestion(s)\n"), "{}", run.stdout);
    assert_eq!(std::fs::read(&path)?, before);
    Ok(())
}

#[test]
fn suggest_refuses_an_unknown_kind_and_a_missing_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    save_file(&project()?, &path)?;
    let run = acta(&["suggest", s(&path), "--kind", "weather"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dates"), "{}", run.stderr);
    let run = acta(&["suggest", s(&dir.path().join("missing.ron"))]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.ron"), "{}", run.stderr);
    Ok(())
}

#[test]
fn actors_propagate_and_come_from_a_gazetteer_with_their_source()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("sample.ron");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/projects/sample.ron"), &project)?;
    let gazetteer = dir.path().join("actors.csv");
    std::fs::write(&gazetteer, "surface,canonical,kind\nЛавров,Сергей Лавров,person\n")?;
    let before = std::fs::read(&project)?;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_acta"))
        .args(["suggest", "--kind", "actors", "--json", "--gazetteer"])
        .arg(&gazetteer)
        .arg(&project)
        .output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let lavrov = lines.iter().find(|l| l["text"] == "Лавров").ok_or("no Лавров")?;
    assert_eq!(lavrov["attributes"]["canonical"], "Сергей Лавров");
    assert_eq!(lavrov["source"]["kind"], "gazetteer");
    let propagated = lines.iter().find(|l| l["source"]["kind"] == "propagation").ok_or("none")?;
    assert_eq!(propagated["label"], "Actor");
    assert!(lines.iter().all(|l| l["label"] != "Date"), "--kind actors only");
    assert_eq!(std::fs::read(&project)?, before, "the project is not written");
    Ok(())
}
