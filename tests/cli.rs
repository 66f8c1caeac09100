//! The `acta` binary run for real on projects built in temporary folders: exit codes, the lines
//! it prints, and the files it writes. Inputs are made through the library (or as plain text) so
//! each test shows exactly what it feeds in; broken projects are saved ones with one thing changed.

mod common;

use acta::formats::project::{load_file, save_file};
use acta::model::{AnnId, DocMeta, Document, Edit, Project, Span};
use common::cli::{acta, find, s};
use std::path::{Path, PathBuf};
use std::sync::Arc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Cyrillic with a no-break space, CRLF, and an emoji (a ZWJ sequence) before the spans, so
/// code points, UTF-16 units and bytes all disagree.
const RU: &str = "👩\u{200d}👩\u{200d}👧 Южная\u{a0}Осетия признала ЛНР 28 апреля.\r\nКонец.";
const UK: &str = "Росія визнала незалежність 🇺🇦";

/// Two documents, five spans: Actor ×3, Event ×1, Date ×1; annotators "anna" ×4, "bohdan" ×1.
fn sample() -> Result<Project, Box<dyn std::error::Error>> {
    let mut p = two_documents();
    let spans = [
        (0, "Южная\u{a0}Осетия", "Actor", "anna"),
        (0, "признала", "Event", "anna"),
        (0, "ЛНР", "Actor", "anna"),
        (0, "28 апреля", "Date", "anna"),
        (1, "Росія", "Actor", "bohdan"),
    ];
    for (n, (doc, needle, label, annotator)) in spans.into_iter().enumerate() {
        let text = if doc == 0 { RU } else { UK };
        let (start, end) = find(text, needle);
        let span = Span::new(AnnId(n as u64 + 1), start, end, label, annotator);
        Edit::AddSpan { doc, span }.apply(&mut p)?;
    }
    Ok(p)
}

/// The sample's documents, `ru1` (RU) and `uk1` (UK), with no annotations.
fn two_documents() -> Project {
    let mut p = Project::new("Образец");
    for (id, lang, text) in [("ru1", "ru", RU), ("uk1", "uk", UK)] {
        let meta =
            DocMeta { id: id.into(), title: id.into(), lang: lang.into(), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, text)));
    }
    p
}

/// The sample saved as `p.ron` in `dir`.
fn saved_sample(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let path = dir.join("p.ron");
    save_file(&sample()?, &path)?;
    Ok(path)
}

/// The sample saved with one textual change, which must apply.
fn broken_sample(dir: &Path, from: &str, to: &str) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let path = saved_sample(dir)?;
    let text = std::fs::read_to_string(&path)?;
    assert!(text.contains(from), "`{from}` is not in the saved project:\n{text}");
    std::fs::write(&path, text.replacen(from, to, 1))?;
    Ok(path)
}

/// `validate` fails with exit 1 and prints `expected` as (part of) one line of its stdout.
fn assert_invalid(path: &Path, expected: &str) {
    let run = acta(&["validate", s(path)]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.lines().any(|l| l.contains(expected)),
        "want `{expected}` in:\n{}",
        run.stdout
    );
}

// --- validate ----------------------------------------------------------------------------------

#[test]
fn validate_accepts_a_valid_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let run = acta(&["validate", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{}: valid, 2 documents, 5 spans\n", s(&path)));
    Ok(())
}

#[test]
fn validate_reports_an_offset_past_the_end() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (start, end) = find(UK, "Росія");
    let path =
        broken_sample(dir.path(), &format!("start: {start}, end: {end},"), "start: 0, end: 99,")?;
    assert_invalid(&path, "error: document `uk1`, span #5: offsets 0..99 run past the end");
    Ok(())
}

#[test]
fn validate_reports_a_duplicate_span_id() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(dir.path(), "(id: 2, start:", "(id: 1, start:")?;
    assert_invalid(&path, "error: document `ru1`, span #1: this id is used twice");
    Ok(())
}

#[test]
fn validate_reports_an_unknown_label() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(dir.path(), "label: \"Event\"", "label: \"Evnt\"")?;
    assert_invalid(&path, "warning: document `ru1`, span #2: label `Evnt` is not in the schema");
    Ok(())
}

#[test]
fn validate_reports_a_covered_text_mismatch() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(dir.path(), "text: \"ЛНР\"", "text: \"ДНР\"")?;
    assert_invalid(&path, "span #3: covered text \"ДНР\" does not match");
    Ok(())
}

#[test]
fn validate_names_line_and_column_of_a_syntax_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(dir.path(), "  name: \"Образец\",", "  name: \"Образец\" \"x\",")?;
    let text = std::fs::read_to_string(&path)?;
    let line = text.lines().position(|l| l.contains("\"x\"")).map_or(0, |i| i + 1);
    // Columns count characters from 1; the stray string is what is wrong.
    let col = find("  name: \"Образец\" \"x\",", "\"x\"").0 + 1;
    assert_eq!(col, 19);
    assert_invalid(&path, &format!("{}:{line}:{col}: Expected comma", s(&path)));
    Ok(())
}

#[test]
fn validate_refuses_a_newer_format_by_name() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(
        dir.path(),
        &format!("format_version: {},", acta::model::FORMAT_VERSION),
        "format_version: 99,",
    )?;
    assert_invalid(&path, "was made by a newer Acta (project format 99");
    Ok(())
}

#[test]
fn validate_names_the_place_of_a_non_utf8_byte() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("cp1251.ron");
    std::fs::write(&path, b"(\n  name: \"\xcf\xf0\xee\xe5\xea\xf2\",\n)")?;
    assert_invalid(&path, "is not UTF-8 text (invalid byte at line 2, column 10)");
    Ok(())
}

#[test]
fn validate_cannot_read_a_missing_file_or_a_folder() -> TestResult {
    let dir = tempfile::tempdir()?;
    let missing = dir.path().join("missing.ron");
    for path in [missing.as_path(), dir.path()] {
        let run = acta(&["validate", s(path)]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(run.stderr.contains(&format!("cannot read {}", s(path))), "{}", run.stderr);
    }
    Ok(())
}

// --- stats -------------------------------------------------------------------------------------

#[test]
fn stats_json_counts_by_label_annotator_and_document() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = broken_sample(dir.path(), "label: \"Date\"", "label: \"Datum\"")?;
    let run = acta(&["stats", s(&path), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("label `Datum` is not in the schema"), "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)?;
    assert_eq!(v["documents"], 2);
    assert_eq!(v["spans"], 5);
    let by_label = serde_json::json!({"Actor": 3, "Date": 0, "Event": 1, "Datum": 1});
    assert_eq!(v["by_label"], by_label);
    assert_eq!(v["by_annotator"], serde_json::json!({"anna": 4, "bohdan": 1}));
    let uk = &v["by_document"][1];
    assert_eq!((&uk["id"], &uk["lang"], &uk["spans"]), (&"uk1".into(), &"uk".into(), &1.into()));
    assert_eq!(uk["by_label"]["Actor"], 1);
    assert_eq!(v["by_document"][0]["by_label"]["Datum"], 1);
    Ok(())
}

#[test]
fn stats_tables_mention_every_label() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let run = acta(&["stats", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for label in ["Actor", "Date", "Event"] {
        assert!(run.stdout.lines().any(|l| l.starts_with(label)), "{label}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("2 documents, 5 spans"), "{}", run.stdout);
    assert!(run.stdout.contains("documents done: 0 of 2 (0 %)"), "{}", run.stdout);
    Ok(())
}

#[test]
fn stats_count_review_statuses_and_comments() -> TestResult {
    use acta::model::{Comment, ReviewStatus};
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let mut p = sample()?;
    let mut meta = p.documents[1].meta.clone();
    meta.review = ReviewStatus::Adjudicated;
    meta.comments = ["Дата?", "ok"]
        .map(|text| Comment {
            author: "Оля".into(),
            time: "2026-11-23T10:04:00Z".into(),
            text: text.into(),
        })
        .to_vec();
    Edit::SetMeta { doc: 1, meta }.apply(&mut p)?;
    save_file(&p, &path)?;
    let run = acta(&["stats", s(&path), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)?;
    let want = serde_json::json!({"not started": 1, "in review": 0, "adjudicated": 1});
    assert_eq!(v["by_review"], want);
    assert_eq!(v["comments"], 2);
    let uk = &v["by_document"][1];
    assert_eq!((&uk["review"], &uk["comments"]), (&"adjudicated".into(), &2.into()));
    let run = acta(&["stats", s(&path)]);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("adjudicated") && l.ends_with(" 1")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("comments by reviewers: 2"), "{}", run.stdout);
    Ok(())
}

// --- new ---------------------------------------------------------------------------------------

#[test]
fn new_imports_a_folder_verbatim_and_validates() -> TestResult {
    let dir = tempfile::tempdir()?;
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts)?;
    let crlf = "Заголовок\r\nТекст\u{a0}статьи 😀\r\n";
    std::fs::write(texts.join("a.txt"), crlf)?;
    std::fs::write(texts.join("b.txt"), UK)?;
    let path = dir.path().join("новый.ron");
    let run = acta(&["new", s(&path), s(&texts)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("created project \"новый\" with 2 documents"), "{}", run.stdout);

    assert_eq!(acta(&["validate", s(&path)]).code, 0);
    let project = load_file(&path)?.project;
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text()).collect();
    assert_eq!(texts, [crlf, UK]);
    Ok(())
}

#[test]
fn new_refuses_to_overwrite_without_force() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = dir.path().join("one.txt");
    std::fs::write(&text, RU)?;
    let path = dir.path().join("p.ron");
    std::fs::write(&path, "keep me")?;

    let run = acta(&["new", s(&path), s(&text)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists (use --force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path)?, "keep me");

    assert_eq!(acta(&["new", s(&path), s(&text), "--force", "--name", "X"]).code, 0);
    assert_eq!(load_file(&path)?.project.name, "X");
    Ok(())
}

// --- export ------------------------------------------------------------------------------------

#[test]
fn export_jsonl_writes_code_point_offsets() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let out = dir.path().join("out.jsonl");
    let run = acta(&["export", s(&path), "--format", "jsonl", "--out", s(&out), "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("exported 2 documents, 5 spans"), "{}", run.stderr);

    let written = std::fs::read_to_string(&out)?;
    assert_eq!(written.lines().count(), 2);
    let mut checked = 0;
    for line in written.lines() {
        let doc: serde_json::Value = serde_json::from_str(line)?;
        let chars: Vec<char> = doc["text"].as_str().unwrap_or_default().chars().collect();
        for span in doc["spans"].as_array().into_iter().flatten() {
            let start = span["start"].as_u64().unwrap_or(u64::MAX) as usize;
            let end = span["end"].as_u64().unwrap_or(u64::MAX) as usize;
            let covered: String = chars.get(start..end).unwrap_or_default().iter().collect();
            assert_eq!(covered, span["text"].as_str().unwrap_or_default(), "{span}");
            checked += 1;
        }
    }
    assert_eq!(checked, 5);
    Ok(())
}

#[test]
fn export_of_one_annotator_in_utf16_then_import_into_a_new_project() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let out = dir.path().join("anna.jsonl");
    let args = ["--format", "jsonl", "--out", s(&out), "--annotator", "anna", "--offsets", "utf16"];
    let run = acta(&[&["export", s(&path)], &args[..]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("exported 2 documents, 4 spans"), "{}", run.stderr);

    // Without --offsets the UTF-16 numbers do not match the texts: refused, naming the line.
    let new = dir.path().join("нові.ron");
    let run = acta(&["import", s(&new), "--format", "jsonl", s(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("anna.jsonl:1: span 1"), "{}", run.stderr);
    assert!(!new.exists(), "a refused import writes no project");

    let run = acta(&[
        "import",
        s(&new),
        "--format",
        "jsonl",
        s(&out),
        "--offsets",
        "utf16",
        "--annotator",
        "olena",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("created"), "{}", run.stderr);
    let back = load_file(&new)?.project;
    let original = sample()?;
    let spans = |p: &Project| -> Vec<(usize, usize, String)> {
        p.documents[0].spans().map(|s| (s.start, s.end, s.label.clone())).collect()
    };
    assert_eq!(spans(&back), spans(&original));
    assert!(back.documents.iter().flat_map(|d| d.spans()).all(|s| s.annotator == "olena"));

    // Importing again into the same project keeps both, under new ids.
    let run = acta(&["import", s(&new), "--format", "jsonl", s(&out), "--offsets", "utf16"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("imported as `ru1-2`"), "{}", run.stderr);
    assert_eq!(load_file(&new)?.project.documents.len(), 4);
    Ok(())
}

#[test]
fn a_bad_input_leaves_an_existing_project_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let before = std::fs::read(&path)?;
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Новый текст.")?;
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x00\x00")?;
    let run = acta(&["import", s(&path), "--format", "txt", s(&good), s(&binary)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("binary.txt:2: not text"), "{}", run.stderr);
    assert_eq!(std::fs::read(&path)?, before);
    let run = acta(&["import", s(&path), "--format", "txt", s(&good)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(load_file(&path)?.project.documents.len(), 3);
    Ok(())
}

#[test]
fn agree_gives_the_reference_kappa_as_table_and_json() -> TestResult {
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("iaa.ron");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/agreement/two_annotators.jsonl");
    let run = acta(&["import", s(&project), "--format", "jsonl", s(&fixture)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = acta(&["agree", s(&project), "--by", "label"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("2 annotators (A, B), 1 shared documents, 12 tokens"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Krippendorff α 0.6933"), "{}", run.stdout);
    assert!(
        // Date: no exact match (F1 0), but the two dates overlap (overlap F1 1).
        run.stdout
            .lines()
            .any(|l| l.contains("Date") && l.contains(" 0.0000 ") && l.ends_with("1.0000")),
        "{}",
        run.stdout
    );
    let run = acta(&["agree", s(&project), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)?;
    let kappa = v["pairs"][0]["token_kappa"].as_f64().unwrap_or(f64::NAN);
    assert!((kappa - 0.681416).abs() < 1e-6, "{kappa}");
    assert_eq!(v["pairs"][0]["exact"]["matched"], 3);
    Ok(())
}

/// The sample with one more span, by `who`, on `needle` in the Russian document.
fn copy_annotated_by(
    dir: &Path,
    who: &str,
    needle: &str,
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = sample()?;
    let (start, end) = find(RU, needle);
    let span = Span::new(AnnId(40), start, end, "Date", who);
    Edit::AddSpan { doc: 0, span }.apply(&mut p)?;
    let path = dir.join(format!("{who}.ron"));
    save_file(&p, &path)?;
    Ok(path)
}

#[test]
fn merge_keeps_each_annotators_layer_and_refuses_a_changed_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let a = copy_annotated_by(dir.path(), "olena", "28 апреля")?;
    let b = copy_annotated_by(dir.path(), "petro", "апреля")?;
    let out = dir.path().join("merged.ron");
    let run = acta(&["merge", s(&out), s(&a), s(&b)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 spans and 0 events added, 5 annotations already there"),
        "{}",
        run.stderr
    );
    let merged = load_file(&out)?.project;
    assert_eq!(merged.span_count(), 7);
    let dates: Vec<(String, String)> = merged.documents[0]
        .spans()
        .filter(|s| s.label == "Date" && s.annotator != "anna")
        .map(|s| (s.annotator.clone(), s.text.clone()))
        .collect();
    assert_eq!(
        dates,
        [("olena".to_string(), "28 апреля".to_string()), ("petro".into(), "апреля".into())]
    );
    let run = acta(&["agree", s(&out), "--json"]);
    assert!(run.stdout.contains("\"olena\""), "{}", run.stdout);

    // Someone edited the text of a document in their copy: nothing is merged or written.
    let text = std::fs::read_to_string(&b)?;
    std::fs::write(&b, text.replacen("Конец.", "Конец!", 1))?;
    let again = dir.path().join("again.ron");
    let run = acta(&["merge", s(&again), s(&a), s(&b)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("document `ru1` has a different text"), "{}", run.stderr);
    assert!(!again.exists());
    let run = acta(&["merge", s(&out), s(&a), s(&a)]);
    assert_eq!(run.code, 2, "an existing OUT needs --force: {}", run.stderr);
    Ok(())
}

#[test]
fn export_to_an_unknown_format_lists_the_known_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = saved_sample(dir.path())?;
    let out = dir.path().join("out.xyz");
    let run = acta(&["export", s(&path), "--format", "xyz", "--out", s(&out)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown export format `xyz` (known: jsonl"), "{}", run.stderr);
    assert!(!out.exists());
    Ok(())
}

// --- adjudicate --------------------------------------------------------------------------------

/// Spans both annotators make identically in `adjudicate_*` tests: (document, text, label).
const AGREED: [(usize, &str, &str); 4] = [
    (0, "Южная\u{a0}Осетия", "Actor"),
    (0, "признала", "Event"),
    (0, "ЛНР", "Actor"),
    (1, "Росія", "Actor"),
];

/// `who`'s copy of the two documents with these (document, text, label) spans, as `who.ron`.
fn copy_with(
    dir: &Path,
    who: &str,
    spans: &[(usize, &str, &str)],
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut p = two_documents();
    for (n, &(doc, needle, label)) in spans.iter().enumerate() {
        let (start, end) = find(if doc == 0 { RU } else { UK }, needle);
        let span = Span::new(AnnId(n as u64 + 1), start, end, label, who);
        Edit::AddSpan { doc, span }.apply(&mut p)?;
    }
    let path = dir.join(format!("{who}.ron"));
    save_file(&p, &path)?;
    Ok(path)
}

/// `acta merge` of olena's and petro's copies into `merged.ron`.
fn merged(
    dir: &Path,
    olena: &[(usize, &str, &str)],
    petro: &[(usize, &str, &str)],
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let (a, b) = (copy_with(dir, "olena", olena)?, copy_with(dir, "petro", petro)?);
    let out = dir.join("merged.ron");
    let run = acta(&["merge", s(&out), s(&a), s(&b)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Ok(out)
}

/// (document id, covered text, label).
type Placed = (String, String, String);

/// The gold layer's spans of a project file, sorted.
fn gold_spans(path: &Path) -> Result<Vec<Placed>, Box<dyn std::error::Error>> {
    let p = load_file(path)?.project;
    let mut out: Vec<Placed> = p
        .documents
        .iter()
        .flat_map(|d| d.spans().map(move |s| (d, s)))
        .filter(|(_, s)| s.annotator == acta::formats::export::GOLD_LAYER)
        .map(|(d, s)| (d.meta.id.clone(), s.text.clone(), s.label.clone()))
        .collect();
    out.sort();
    Ok(out)
}

/// `spans` as `gold_spans` gives them.
fn expected_gold(spans: &[(usize, &str, &str)]) -> Vec<Placed> {
    let mut out: Vec<Placed> = spans
        .iter()
        .map(|&(d, t, l)| (["ru1", "uk1"][d].to_string(), t.to_string(), l.to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn adjudicate_reports_the_one_open_disagreement_and_accepts_the_agreed_rest() -> TestResult {
    let dir = tempfile::tempdir()?;
    let olena = [&AGREED[..], &[(0, "28 апреля", "Date")]].concat();
    let petro = [&AGREED[..], &[(0, "апреля", "Date")]].concat();
    let merged = merged(dir.path(), &olena, &petro)?;

    let run = acta(&["adjudicate", s(&merged), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)?;
    let want = serde_json::json!({"places": 5, "agreed": 4, "open": 1, "gold": 0, "rejected": 0});
    assert_eq!(v["total"], want);
    let ru = &v["documents"][0];
    assert_eq!((&ru["id"], &ru["layers"], &ru["places"]), (&"ru1".into(), &2.into(), &4.into()));
    assert_eq!(ru["review"], "not started");
    assert_eq!(v["documents"][1]["disagreements"], serde_json::json!([]));
    let (start, end) = find(RU, "28 апреля");
    let (late, _) = find(RU, "апреля");
    let want = serde_json::json!([{
        "kind": "span", "start": start, "end": end, "text": "28 апреля",
        "difference": "boundaries differ", "missing": [],
        "proposals": [
            {"label": "Date", "start": start, "end": end, "annotators": ["olena"]},
            {"label": "Date", "start": late, "end": end, "annotators": ["petro"]},
        ],
    }]);
    assert_eq!(ru["disagreements"], want);

    let run = acta(&["adjudicate", s(&merged)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = |id: &str| run.stdout.lines().find(|l| l.starts_with(id)).map(str::split_whitespace);
    let ru: Vec<&str> = row("ru1").into_iter().flatten().collect();
    assert_eq!(ru, ["ru1", "2", "4", "3", "1", "0", "0", "not", "started"], "{}", run.stdout);

    let before = std::fs::read(&merged)?;
    let gold = dir.path().join("gold.ron");
    let run = acta(&["adjudicate", s(&merged), "--accept", "agreed", "--out", s(&gold)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("ru1: accepted 3 place(s)"), "{}", run.stderr);
    assert!(run.stderr.contains("accepted 4 place(s) into the gold layer"), "{}", run.stderr);
    assert_eq!(std::fs::read(&merged)?, before, "--out leaves PROJECT alone");
    assert_eq!(gold_spans(&gold)?, expected_gold(&AGREED));
    let review = load_file(&gold)?.project.documents[0].meta.review;
    assert_eq!(review, acta::model::ReviewStatus::InReview);

    // The export takes the gold layer by default: the four agreed spans, not the eleven.
    let jsonl = dir.path().join("gold.jsonl");
    let run = acta(&["export", s(&gold), "--format", "jsonl", "--out", s(&jsonl)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut spans = Vec::new();
    for line in std::fs::read_to_string(&jsonl)?.lines() {
        let doc: serde_json::Value = serde_json::from_str(line)?;
        spans.extend(doc["spans"].as_array().cloned().unwrap_or_default());
    }
    assert_eq!(spans.len(), 4, "{spans:?}");
    assert!(spans.iter().all(|s| s["annotator"] == "gold"), "{spans:?}");

    // Now gold settles the agreed places; the disputed date is still open, and accepting
    // again changes nothing, so nothing is written.
    let run = acta(&["adjudicate", s(&gold), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout)?;
    assert_eq!((&v["total"]["gold"], &v["total"]["open"]), (&4.into(), &1.into()));
    let again = dir.path().join("again.ron");
    let run = acta(&["adjudicate", s(&gold), "--accept", "agreed", "--out", s(&again)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("nothing accepted"), "{}", run.stderr);
    assert!(!again.exists());
    Ok(())
}

#[test]
fn adjudicate_majority_of_one_vote_takes_single_proposals_but_not_ties() -> TestResult {
    let dir = tempfile::tempdir()?;
    // olena alone marks «Конец»; the dates tie one vote to one; uk1 is only olena's.
    let olena = [&AGREED[..], &[(0, "28 апреля", "Date"), (0, "Конец", "Event")]].concat();
    let petro = [&AGREED[..3], &[(0, "апреля", "Date")]].concat();
    let merged = merged(dir.path(), &olena, &petro)?;

    let run = acta(&["adjudicate", s(&merged)]);
    assert!(run.stdout.contains("nothing to adjudicate in 1 document(s)"), "{}", run.stdout);

    let copy = dir.path().join("copy.ron");
    std::fs::copy(&merged, &copy)?;
    let run = acta(&["adjudicate", s(&copy), "--accept", "majority"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("uk1: 1 layer(s), nothing to adjudicate"), "{}", run.stderr);
    assert_eq!(gold_spans(&copy)?, expected_gold(&AGREED[..3]));

    let run = acta(&["adjudicate", s(&merged), "--accept", "majority", "--min-votes", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("saved over {}", s(&merged))), "{}", run.stderr);
    let want = [&AGREED[..3], &[(0, "Конец", "Event")]].concat();
    assert_eq!(gold_spans(&merged)?, expected_gold(&want));

    // --min-votes only means something for a majority; a missing project is a usage error.
    assert_eq!(acta(&["adjudicate", s(&merged), "--accept", "agreed", "--min-votes", "1"]).code, 2);
    assert_eq!(acta(&["adjudicate", s(&dir.path().join("none.ron"))]).code, 2);
    Ok(())
}

// --- usage -------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(acta(&["export", "p.ron"]).code, 2);
    assert_eq!(acta(&["frobnicate", "p.ron", "extra"]).code, 2);
    let help = acta(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("validate") && help.stdout.contains("export"), "{}", help.stdout);
}
