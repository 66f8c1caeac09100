//! Hostile and odd input, through every door a user has: `acta validate`, `acta new`, `acta
//! import`, and opening or creating in the app. Each case checks the message names the file and
//! the place and says what is wrong, and that nothing on disk (or in the open app) changed.
//! The table in docs/RELIABILITY.md ("Hostile and odd input") names these tests.

mod common;

use acta::app::files::EMBEDDED_SAMPLE;
use acta::app::settings::Settings;
use acta::app::{AppState, Dialog};
use acta::formats::project::{load_file, parse};
use common::cli::{acta, s};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The text of cp1251.txt, koi8r.txt and the UTF-16 files, as decoded.
const RU: &str = "Южная Осетия признала независимость ДНР.\r\nМинистр иностранных дел заявил, что \
                  решение было принято ещё в феврале.\r\n";

/// A temporary folder holding copies of the named files from tests/data/hostile, so that
/// nothing a command does can touch the originals, and everything it does can be seen.
fn copies(names: &[&str]) -> Result<tempfile::TempDir, std::io::Error> {
    let dir = tempfile::tempdir()?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile");
    for name in names {
        std::fs::copy(data.join(name), dir.path().join(name))?;
    }
    Ok(dir)
}

/// Everything under `dir`: the bytes of each file (size and time for big ones).
#[derive(Debug, PartialEq)]
enum Content {
    Bytes(Vec<u8>),
    Big(u64, Option<SystemTime>),
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Content> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let meta = entry.metadata().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if meta.is_dir() {
                stack.push(path);
            } else if meta.len() > 1 << 20 {
                out.insert(path, Content::Big(meta.len(), meta.modified().ok()));
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.insert(path, Content::Bytes(bytes));
            }
        }
    }
    out
}

/// Runs `acta` and asserts it failed with `code` and changed nothing under `dir`.
fn refused(dir: &Path, code: i32, args: &[&str]) -> String {
    let before = snapshot(dir);
    let run = acta(args);
    assert_eq!(run.code, code, "acta {args:?}:\n{}", run.said());
    assert_eq!(snapshot(dir), before, "acta {args:?} changed files on disk");
    run.said()
}

/// The app with the sample open, as a user has it before opening something else.
fn app() -> AppState {
    let project = parse("sample", EMBEDDED_SAMPLE).map(|l| l.project).unwrap_or_default();
    AppState::with_project(project, None, Settings::default())
}

/// The error dialog's message; panics when there is none.
fn error_dialog(s: &AppState) -> String {
    match &s.dialog {
        Some(Dialog::Error { title, message }) => format!("{title}\n{message}"),
        other => panic!("no error dialog: {other:?}; status {:?}", s.status),
    }
}

/// Opens `path` in the app: it must refuse, keep the sample open, and change nothing on disk.
fn app_refuses_to_open(path: &Path) -> String {
    let dir = path.parent().unwrap_or(Path::new("."));
    let before = snapshot(dir);
    let mut s = app();
    let project = s.project.clone();
    s.open(path.to_path_buf());
    s.wait_for_jobs();
    assert_eq!(s.project, project, "a failed open replaced the open project");
    assert_eq!(snapshot(dir), before, "opening changed files on disk");
    error_dialog(&s)
}

/// Opens `path` in the app, which must open it and list its problems; nothing on disk changes.
fn app_opens_with_problems(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let before = snapshot(dir);
    let mut s = app();
    s.open(path.to_path_buf());
    s.wait_for_jobs();
    assert!(s.dialog.is_none(), "{:?}", s.dialog);
    assert_eq!(s.path.as_deref(), Some(path));
    s.problems();
    s.wait_for_jobs();
    let problems = s.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(snapshot(dir), before, "opening changed files on disk");
    problems
}

/// A new project from `inputs` in the app: it must refuse and keep the sample open.
fn app_refuses_to_create(inputs: Vec<PathBuf>) -> String {
    let mut s = app();
    let project = s.project.clone();
    s.new_from_texts(inputs);
    s.wait_for_jobs();
    assert_eq!(s.project, project, "a failed import replaced the open project");
    error_dialog(&s)
}

// --- project files -----------------------------------------------------------------------------

#[test]
fn truncated_project_says_where_it_was_cut_short() -> TestResult {
    let dir = copies(&["truncated.ron", "cp1251.txt"])?;
    let path = dir.path().join("truncated.ron");
    let want = format!("{}:30:92: the file ends here, in the middle of the project", s(&path));
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&want) && said.contains("cut short"), "{said}");
    // Importing into it must not save over what is left of it.
    let text = dir.path().join("cp1251.txt");
    let said = refused(dir.path(), 1, &["import", s(&path), "--format", "txt", s(&text)]);
    assert!(said.contains(&want), "{said}");
    let message = app_refuses_to_open(&path);
    assert!(message.contains(&want), "{message}");
    Ok(())
}

#[test]
fn syntax_error_names_line_and_column_in_plain_words() -> TestResult {
    let dir = copies(&["valid.ron"])?;
    let path = dir.path().join("broken.ron");
    let valid = std::fs::read_to_string(dir.path().join("valid.ron"))?;
    std::fs::write(&path, valid.replacen("label: \"Actor\", text", "label: \"Actor\" text", 1))?;
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}:30:51: Expected comma", s(&path))), "{said}");
    std::fs::write(&path, valid.replacen("(id: 1, start", "[id: 1, start", 1))?;
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(":30:9: Expected opening `(` for a span"), "{said}");
    assert!(!said.contains("Span`"), "the reader's type names are not the user's words: {said}");
    let message = app_refuses_to_open(&path);
    assert!(message.contains(":30:9:"), "{message}");
    Ok(())
}

#[test]
fn newer_format_says_made_by_a_newer_acta() -> TestResult {
    let dir = copies(&["newer_version.ron", "cp1251.txt"])?;
    let path = dir.path().join("newer_version.ron");
    let want = format!("{} was made by a newer Acta (project format 9", s(&path));
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&want) && said.contains("update Acta"), "{said}");
    let text = dir.path().join("cp1251.txt");
    let said = refused(dir.path(), 1, &["import", s(&path), "--format", "txt", s(&text)]);
    assert!(said.contains(&want), "{said}");
    assert!(app_refuses_to_open(&path).contains(&want));
    Ok(())
}

#[test]
fn offsets_past_the_end_name_document_span_and_offsets() -> TestResult {
    let dir = copies(&["offsets_past_end.ron"])?;
    let path = dir.path().join("offsets_past_end.ron");
    let want =
        "document `d1`, span #3: offsets 22..250 run past the end of the text (27 characters)";
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}: error: {want}", s(&path))), "{said}");
    let message = app_refuses_to_open(&path);
    assert!(message.contains(s(&path)) && message.contains(want), "{message}");
    Ok(())
}

#[test]
fn covered_text_mismatch_opens_with_the_problem_listed() -> TestResult {
    let dir = copies(&["text_mismatch.ron"])?;
    let path = dir.path().join("text_mismatch.ron");
    let want = "document `d1`, span #3: covered text \"ДНР\" does not match the text at 22..25, \
                which is \"ЛНР\"";
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}: warning: {want}", s(&path))), "{said}");
    let problems = app_opens_with_problems(&path);
    assert!(problems.iter().any(|p| p.contains(want)), "{problems:?}");
    Ok(())
}

#[test]
fn unknown_label_opens_with_the_problem_listed() -> TestResult {
    let dir = copies(&["unknown_label.ron"])?;
    let path = dir.path().join("unknown_label.ron");
    let want = "document `d1`, span #3: label `Actr` is not in the schema";
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}: warning: {want}", s(&path))), "{said}");
    let problems = app_opens_with_problems(&path);
    assert!(problems.iter().any(|p| p.contains(want)), "{problems:?}");
    Ok(())
}

#[test]
fn dangling_argument_opens_with_the_problem_listed() -> TestResult {
    let dir = copies(&["dangling_argument.ron"])?;
    let path = dir.path().join("dangling_argument.ron");
    let want = "document `d1`, event #4: argument Theme points at #7, which does not exist";
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}: warning: {want}", s(&path))), "{said}");
    let problems = app_opens_with_problems(&path);
    assert!(problems.iter().any(|p| p.contains(want)), "{problems:?}");
    Ok(())
}

#[test]
fn duplicate_span_and_document_ids_are_refused_by_name() -> TestResult {
    let dir = copies(&["duplicate_ids.ron"])?;
    let path = dir.path().join("duplicate_ids.ron");
    let span = "document `d1`, span #1: this id is used twice in the document";
    let doc = "document `d1`: this document id is used twice in the project";
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&format!("{}: error: {span}", s(&path))), "{said}");
    assert!(said.contains(&format!("{}: error: {doc}", s(&path))), "{said}");
    let message = app_refuses_to_open(&path);
    assert!(message.contains(span) && message.contains(doc), "{message}");
    Ok(())
}

#[test]
fn empty_project_file_says_it_is_empty() -> TestResult {
    let dir = copies(&["empty.ron", "cp1251.txt"])?;
    let path = dir.path().join("empty.ron");
    let want = format!("{} is empty (0 bytes): there is no project in it", s(&path));
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&want), "{said}");
    // `import` creates a missing project, but an empty file is not a missing one.
    let text = dir.path().join("cp1251.txt");
    let said = refused(dir.path(), 1, &["import", s(&path), "--format", "txt", s(&text)]);
    assert!(said.contains(&want), "{said}");
    assert!(app_refuses_to_open(&path).contains(&want));
    let blank = dir.path().join("blank.ron");
    std::fs::write(&blank, "\n  \n")?;
    let said = refused(dir.path(), 1, &["validate", s(&blank)]);
    assert!(said.contains("blank.ron holds only white space (4 bytes)"), "{said}");
    Ok(())
}

#[test]
fn project_file_with_a_utf8_bom_opens_and_utf16_is_named() -> TestResult {
    let dir = copies(&["utf8_bom.ron", "utf16le_bom.ron"])?;
    let bom = dir.path().join("utf8_bom.ron");
    let run = acta(&["validate", s(&bom)]);
    assert_eq!(run.code, 0, "{}", run.said());
    assert!(app_opens_with_problems(&bom).is_empty());
    let utf16 = dir.path().join("utf16le_bom.ron");
    let said = refused(dir.path(), 1, &["validate", s(&utf16)]);
    let want = format!("{} is UTF-16 text, but project files are UTF-8", s(&utf16));
    assert!(said.contains(&want), "{said}");
    assert!(app_refuses_to_open(&utf16).contains(&want));
    Ok(())
}

#[test]
fn binary_file_offered_as_a_project_names_the_byte() -> TestResult {
    let dir = copies(&["binary.txt"])?;
    let path = dir.path().join("binary.txt");
    let want = format!(
        "{} is not UTF-8 text (invalid byte at line 1, column 1), at byte offset 0: is it a \
         project file?",
        s(&path)
    );
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(said.contains(&want), "{said}");
    assert!(app_refuses_to_open(&path).contains(&want));
    Ok(())
}

// --- texts -------------------------------------------------------------------------------------

#[test]
fn binary_file_offered_as_text_is_refused_with_its_nul_byte() -> TestResult {
    let dir = copies(&["binary.txt"])?;
    let path = dir.path().join("binary.txt");
    let out = dir.path().join("p.ron");
    let said = refused(dir.path(), 1, &["new", s(&out), s(&path)]);
    let want = "not text (a NUL byte at offset 8";
    assert!(said.contains(s(&path)) && said.contains(want) && said.contains("line 3"), "{said}");
    let said = refused(dir.path(), 1, &["import", s(&out), "--format", "txt", s(&path)]);
    assert!(said.contains(&format!("{}:3: {want}", s(&path))), "{said}");
    let message = app_refuses_to_create(vec![path.clone()]);
    assert!(message.contains(s(&path)) && message.contains(want), "{message}");
    Ok(())
}

/// `acta new` on one text: the project it made and what it said.
fn new_from(dir: &Path, text: &Path) -> Result<(acta::model::Project, String), String> {
    let out = dir.join("new.ron");
    let run = acta(&["new", s(&out), s(text)]);
    if run.code != 0 {
        return Err(run.said());
    }
    let project = load_file(&out).map_err(|e| e.to_string())?.project;
    std::fs::remove_file(&out).map_err(|e| e.to_string())?;
    Ok((project, run.said()))
}

#[test]
fn utf16_and_legacy_encodings_are_decoded_and_reported() -> TestResult {
    let files = [
        ("utf16le_bom.txt", "UTF-16LE"),
        ("utf16be_bom.txt", "UTF-16BE"),
        ("cp1251.txt", "windows-1251"),
        ("koi8r.txt", "KOI8-R"),
    ];
    let dir = copies(&files.map(|(name, _)| name))?;
    for (name, encoding) in files {
        let path = dir.path().join(name);
        let before = std::fs::read(&path)?;
        let (project, said) = new_from(dir.path(), &path)?;
        assert_eq!(project.documents.len(), 1, "{name}");
        assert_eq!(project.documents[0].text(), RU, "{name}");
        let note = format!("{}: not UTF-8, decoded as {encoding}", s(&path));
        assert!(said.contains(&note), "{said}");
        let into = dir.path().join("import.ron");
        let run = acta(&["import", s(&into), "--format", "txt", s(&path)]);
        assert_eq!(run.code, 0, "{}", run.said());
        assert!(run.said().contains(&note), "{}", run.said());
        assert_eq!(load_file(&into)?.project.documents[0].text(), RU);
        std::fs::remove_file(&into)?;
        assert_eq!(std::fs::read(&path)?, before, "{name} was changed");
        let mut state = app();
        state.new_from_texts(vec![path.clone()]);
        state.wait_for_jobs();
        assert_eq!(state.project.documents.len(), 1, "{:?}", state.dialog);
        assert_eq!(state.project.documents[0].text(), RU);
        let status = state.status.map(|m| m.text).unwrap_or_default();
        assert!(status.contains(&note), "{status}");
    }
    Ok(())
}

#[test]
fn utf8_with_a_stray_byte_or_cut_mid_character_keeps_its_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "Южная Осетия признала ДНР.\nМинистр заявил";
    // One stray byte on line 2, and a file cut in the middle of its last letter.
    let stray = dir.path().join("stray.txt");
    let (head, tail) = text.split_at(text.find("Министр").unwrap_or_default());
    std::fs::write(&stray, [head.as_bytes(), b"\xFF", tail.as_bytes()].concat())?;
    let cut = dir.path().join("cut.txt");
    std::fs::write(&cut, &text.as_bytes()[..text.len() - 1])?;
    for (path, offset, line, want) in [
        (&stray, head.len(), 2, format!("{head}\u{FFFD}{tail}")),
        (&cut, text.len() - 2, 2, format!("{}\u{FFFD}", text.trim_end_matches('л'))),
    ] {
        let (project, said) = new_from(dir.path(), path)?;
        assert_eq!(project.documents[0].text(), want, "not read as a legacy encoding");
        let note = format!(
            "{}: UTF-8 with 1 invalid byte(s), the first at byte offset {offset} (line {line})",
            s(path)
        );
        assert!(said.contains(&note), "{said}");
    }
    Ok(())
}

#[test]
fn deeply_nested_project_is_refused_without_a_crash() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("deep.ron");
    let deep =
        format!("(format_version: 2, name: \"x\", schema: (labels: {}))", "[".repeat(200_000));
    std::fs::write(&path, deep)?;
    let said = refused(dir.path(), 1, &["validate", s(&path)]);
    assert!(
        said.contains(&format!("{}:1:50: Expected opening `(` for a label", s(&path))),
        "{said}"
    );
    assert!(app_refuses_to_open(&path).contains(":1:50:"));
    Ok(())
}

#[test]
fn empty_text_alone_is_refused_and_among_others_skipped() -> TestResult {
    let dir = copies(&["empty.txt", "cp1251.txt"])?;
    let (empty, text) = (dir.path().join("empty.txt"), dir.path().join("cp1251.txt"));
    let out = dir.path().join("p.ron");
    let want = format!("{} is empty (0 bytes): there is no text to make a document of", s(&empty));
    let said = refused(dir.path(), 1, &["new", s(&out), s(&empty)]);
    assert!(said.contains(&want), "{said}");
    let said = refused(dir.path(), 1, &["import", s(&out), "--format", "txt", s(&empty)]);
    let want_import = format!("{}: nothing to import (the text is empty (0 bytes))", s(&empty));
    assert!(said.contains(&want_import), "{said}");
    assert!(app_refuses_to_create(vec![empty.clone()]).contains(&want));

    let (project, said) = new_from(dir.path(), dir.path())?;
    assert_eq!(project.documents.len(), 1);
    assert_eq!(project.documents[0].meta.id, "cp1251");
    assert!(said.contains(&format!("note: {} is empty (0 bytes): skipped", s(&empty))), "{said}");
    let run = acta(&["import", s(&out), "--format", "txt", s(&empty), s(&text)]);
    assert_eq!(run.code, 0, "{}", run.said());
    assert!(run.said().contains("is empty (0 bytes): skipped"), "{}", run.said());
    Ok(())
}

#[test]
fn text_over_64_mb_is_refused_before_it_is_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let huge = dir.path().join("huge.txt");
    // Sparse: 200 MB on paper, nothing on disk. Its bytes are NULs, so a reader that read it
    // would call it binary: the size message proves it was refused from its size alone.
    std::fs::File::create(&huge)?.set_len(200 << 20)?;
    std::fs::write(dir.path().join("huge.ann"), "T1\tActor 0 3\tabc\n")?;
    let out = dir.path().join("p.ron");
    let want = format!(
        "{}: 200.0 MB is over the limit of 64.0 MB for one document: split it into smaller files",
        s(&huge)
    );
    let started = Instant::now();
    let said = refused(dir.path(), 1, &["new", s(&out), s(&huge)]);
    assert!(said.contains(&want), "{said}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    for format in ["txt", "brat"] {
        let said = refused(dir.path(), 1, &["import", s(&out), "--format", format, s(&huge)]);
        assert!(said.contains(&want), "{format}: {said}");
    }
    assert!(app_refuses_to_create(vec![huge.clone()]).contains(&want));
    Ok(())
}

/// A 1 MB paragraph with no line break: Cyrillic words, spaces, no newline.
fn one_mb_line() -> String {
    let words = ["Южная", "Осетия", "признала", "независимость", "ЛНР", "и", "ДНР", "news"];
    let mut text = String::new();
    let mut i = 0usize;
    while text.chars().count() < 1 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    text.chars().take(1 << 20).collect()
}

#[test]
fn one_mb_line_without_a_break_imports_opens_and_is_laid_out() -> TestResult {
    let dir = tempfile::tempdir()?;
    let line = one_mb_line();
    let text = dir.path().join("line.txt");
    std::fs::write(&text, &line)?;
    let (project, _) = new_from(dir.path(), &text)?;
    assert_eq!(project.documents[0].text(), line);
    let jsonl = dir.path().join("line.jsonl");
    std::fs::write(&jsonl, format!("{}\n", serde_json::json!({ "text": line })))?;
    let out = dir.path().join("p.ron");
    let run = acta(&["import", s(&out), "--format", "jsonl", s(&jsonl)]);
    assert_eq!(run.code, 0, "{}", run.said());
    assert_eq!(acta(&["validate", s(&out)]).code, 0);
    let loaded = load_file(&out)?;
    assert_eq!(loaded.project.documents[0].text(), line);

    // The window: the paragraph is cut into blocks, and both its ends can be shown.
    let mut h = common::harness_on(loaded.project, 0);
    let blocks = h.state().text_view.block_count();
    assert!(blocks >= (1 << 20) / 1500, "{blocks} blocks");
    assert!(h.state().text_view.char_rect(0).is_some(), "the start is not drawn");
    let last = (1 << 20) - 1;
    h.state_mut().state.reveal = Some(last);
    h.run();
    assert!(h.state().text_view.char_rect(last).is_some(), "the end is not drawn");
    Ok(())
}

#[test]
fn folder_of_10000_texts_imports_in_seconds() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("many");
    std::fs::create_dir(&folder)?;
    for i in 0..10_000 {
        let text = format!("Документ {i}. Южная Осетия признала ЛНР 28 апреля.\n");
        std::fs::write(folder.join(format!("{i:05}.txt")), text)?;
    }
    let out = dir.path().join("new.ron");
    let started = Instant::now();
    let run = acta(&["new", s(&out), s(&folder)]);
    let new_took = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let into = dir.path().join("import.ron");
    let started = Instant::now();
    let run = acta(&["import", s(&into), "--format", "txt", s(&folder)]);
    let import_took = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    eprintln!("10,000 files: acta new {new_took:?}, acta import {import_took:?}");
    // Generous for a debug build on a shared machine; it takes about a second.
    assert!(new_took < Duration::from_secs(60), "{new_took:?}");
    assert!(import_took < Duration::from_secs(60), "{import_took:?}");
    for path in [&out, &into] {
        let project = load_file(path)?.project;
        assert_eq!(project.documents.len(), 10_000);
        assert_eq!(project.documents[0].meta.id, "00000");
        assert_eq!(project.documents[9_999].meta.id, "09999");
    }
    let mut state = app();
    state.open(out.clone());
    state.wait_for_jobs();
    assert!(state.dialog.is_none(), "{:?}", state.dialog);
    assert_eq!(state.project.documents.len(), 10_000);
    Ok(())
}

#[test]
fn cyrillic_paths_with_spaces_work_and_are_named_as_they_are() -> TestResult {
    let dir = tempfile::tempdir()?;
    let projects = dir.path().join("Проекты");
    let texts = projects.join("тексты статей");
    std::fs::create_dir_all(&texts)?;
    let text = texts.join("статья один.txt");
    std::fs::write(&text, "Южная Осетия признала ЛНР.\n")?;
    let project = projects.join("мой проект.ron");
    let run = acta(&["new", s(&project), s(&texts)]);
    assert_eq!(run.code, 0, "{}", run.said());
    assert!(
        run.stdout.contains("мой проект.ron: created project \"мой проект\""),
        "{}",
        run.stdout
    );
    let run = acta(&["import", s(&project), "--format", "txt", s(&text)]);
    assert_eq!(run.code, 0, "{}", run.said());
    let run = acta(&["validate", s(&project)]);
    assert_eq!(
        (run.code, run.stdout.trim()),
        (0, &*format!("{}: valid, 2 documents, 0 spans", s(&project)))
    );
    let loaded = load_file(&project)?.project;
    assert_eq!(loaded.documents[0].meta.id, "статья один");
    assert!(app_opens_with_problems(&project).is_empty());

    // A broken file there is named with its path as it is.
    let broken = projects.join("сломанный проект.ron");
    let valid = std::fs::read_to_string(&project)?;
    std::fs::write(&broken, &valid[..valid.len() / 2])?;
    let said = refused(dir.path(), 1, &["validate", s(&broken)]);
    assert!(said.contains(&format!("{}:", s(&broken))) && said.contains("cut short"), "{said}");
    assert!(app_refuses_to_open(&broken).contains(s(&broken)));
    Ok(())
}
