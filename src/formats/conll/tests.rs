//! CoNLL tests: the file written (NBSP, events, overlaps, strict), the importer on every tag
//! scheme and on bad lines, and a property test of export then import. CoNLL cannot keep the
//! original whitespace, so the round trip compares spans by their place in the squeezed text.

use crate::formats::export::{self, ExportError, ExportOptions, Overlap};
use crate::formats::import::{self, ImportError, ImportOptions};
use crate::formats::progress::Progress;
use crate::formats::testgen;
use crate::model::{AnnId, Argument, DocMeta, Document, Edit, Event, Project, Span};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// «Южная Осетия» with an NBSP, an overlap inside it, an event, a span cut inside a word.
pub(crate) fn small() -> Result<Project> {
    let mut p = Project::new("t");
    let meta = DocMeta { id: "d1".into(), lang: "ru".into(), ..Default::default() };
    let text = "Южная\u{a0}Осетия признала ЛНР. «Газпром» заявил.";
    p.documents.push(Arc::new(Document::new(meta, text)));
    for (id, s, e, label) in [(1, 0, 12, "Actor"), (2, 13, 21, "Event"), (3, 22, 25, "Actor")] {
        Edit::AddSpan { doc: 0, span: Span::new(AnnId(id), s, e, label, "a") }.apply(&mut p)?;
    }
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(4), 6, 12, "Actor", "a") }.apply(&mut p)?;
    Edit::AddSpan { doc: 0, span: Span::new(AnnId(5), 27, 33, "Actor", "a") }.apply(&mut p)?;
    let mut event = Event::new(AnnId(6), AnnId(2), "Recognition", "a");
    event.arguments.push(Argument { role: "Agent".into(), target: AnnId(1) });
    Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
    Ok(p)
}

fn export_to(p: &Project, options: &ExportOptions, out: &Path) -> Result<export::ExportReport> {
    Ok(export::run(p, "conll", options, out, &Progress::default())?)
}

#[test]
fn writes_words_and_iob2_tags_and_reports_the_rest() -> Result {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.conll");
    let report = export_to(&small()?, &ExportOptions::default(), &out)?;
    let text = std::fs::read_to_string(&out)?;
    let expected = "-DOCSTART- -X- O O\n\nЮжная B-Actor\nОсетия I-Actor\nпризнала B-Event\n\
                    ЛНР B-Actor\n. O\n\n« O\nГазпром O\n» O\nзаявил O\n. O\n\n";
    assert_eq!(text, expected, "the NBSP token is left out; one blank line per sentence");
    let reasons: Vec<(AnnId, &str)> =
        report.skipped.iter().map(|s| (s.ann, s.reason.as_str())).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    let nearest = "does not fall on token boundaries; nearest aligned: [27,35) ««Газпром»";
    assert_eq!(reasons[0], (AnnId(5), nearest));
    assert!(reasons[1].1.starts_with("overlaps #1 Actor") && reasons[1].0 == AnnId(4));
    assert_eq!(reasons[2], (AnnId(6), "events cannot be held by conll"));
    assert_eq!((report.documents, report.spans, report.events), (1, 3, 0));
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-")) {
        assert_eq!(line.split_whitespace().count(), 2, "{line:?}");
    }
    Ok(())
}

#[test]
fn overlap_error_and_strict_write_nothing() -> Result {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("out.conll");
    let error = ExportOptions { overlap: Overlap::Error, ..Default::default() };
    let r = export_to(&small()?, &error, &out);
    let message = r.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("2 overlapping span(s)"), "{message}");
    assert!(message.contains("#1 Actor [0,12) «Южная\u{a0}Осетия»"), "{message}");
    let strict = ExportOptions { strict: true, ..Default::default() };
    let r = export::run(&small()?, "conll", &strict, &out, &Progress::default());
    assert!(matches!(r, Err(ExportError::Strict(ref s)) if s.len() == 3), "{r:?}");
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
    Ok(())
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/conll").join(name)
}

fn import_files(files: &[PathBuf]) -> std::result::Result<Project, ImportError> {
    let mut p = Project::new("in");
    let options = ImportOptions { annotator: Some("Олена".into()), ..Default::default() };
    import::run(&mut p, "conll", files, &options, &Progress::default())?;
    Ok(p)
}

fn spans_of(doc: &Document) -> Vec<(usize, usize, String, String)> {
    let mut spans: Vec<_> =
        doc.spans().map(|s| (s.start, s.end, s.label.clone(), s.text.clone())).collect();
    spans.sort();
    spans
}

#[test]
fn iob2_iob1_and_bioes_read_the_same() -> Result {
    let p = import_files(&[data("schemes.conll")])?;
    assert_eq!(p.documents.len(), 3);
    let first = &p.documents[0];
    assert_eq!(first.text(), "Южная Осетия признала ДНР ЛНР .\nВ июне 2014 года .");
    assert_eq!(first.meta.id, "schemes-1");
    let spans = spans_of(first);
    let texts: Vec<&str> = spans.iter().map(|s| s.3.as_str()).collect();
    assert_eq!(texts, ["Южная Осетия", "признала", "ДНР", "ЛНР", "июне 2014 года"]);
    for doc in &p.documents[1..] {
        assert_eq!(doc.text(), first.text());
        assert_eq!(spans_of(doc), spans, "{}", doc.meta.id);
    }
    assert!(first.spans().all(|s| s.annotator == "Олена"));
    let four = import_files(&[data("four_columns.conll")])?;
    assert_eq!(four.documents[0].span_count(), 5, "first column the word, last the tag");
    Ok(())
}

#[test]
fn bad_lines_are_named_with_file_and_line() -> Result {
    let dir = tempfile::tempdir()?;
    let bad = dir.path().join("bad.conll");
    std::fs::write(&bad, "-DOCSTART- -X- O O\n\nЮжная B-Actor\nОсетия X-Actor\n")?;
    let message =
        import_files(std::slice::from_ref(&bad)).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        format!("{}:4: `X-Actor` is not a tag (O, B-X, I-X, E-X, S-X, L-X or U-X)", bad.display())
    );
    std::fs::write(&bad, "\u{feff}Южная B-Actor\r\nОсетия\r\n")?;
    let message =
        import_files(std::slice::from_ref(&bad)).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.ends_with("bad.conll:2: expected a word and a tag, found `Осетия`"),
        "{message}"
    );
    std::fs::write(&bad, "\n\n")?;
    assert!(matches!(import_files(&[bad]), Err(ImportError::Empty { .. })));
    Ok(())
}

/// The project with every whitespace run turned into one ASCII space, spans moved along.
fn ascii_spaced(p: &Project) -> Project {
    let mut out = Project::new("spaced");
    for doc in &p.documents {
        let (mut text, mut at) = (String::new(), Vec::new());
        let mut last_space = false;
        for c in doc.text().chars() {
            at.push(text.chars().count());
            let space = c.is_whitespace();
            if !(space && last_space) {
                text.push(if space { ' ' } else { c });
            }
            last_space = space;
        }
        at.push(text.chars().count());
        let spans =
            doc.spans().map(|s| Span { start: at[s.start], end: at[s.end], ..s.clone() }).collect();
        let events = doc.events().cloned().collect();
        let moved = Document::from_annotations(doc.meta.clone(), text, spans, events);
        out.documents.push(Arc::new(moved.unwrap_or_else(|e| panic!("{e:?}"))));
    }
    out
}

/// A span by its place in the text with all whitespace taken out, and its label.
fn squeezed(doc: &Document, s: &Span) -> (usize, usize, String) {
    let mut at = Vec::new();
    let mut n = 0;
    for c in doc.text().chars() {
        at.push(n);
        n += usize::from(!c.is_whitespace());
    }
    at.push(n);
    (at[s.start], at[s.end], s.label.clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn export_then_import_keeps_every_exported_span(p in testgen::project()) {
        let before = ascii_spaced(&p);
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let out = dir.path().join("round.conll");
        let report = export::run(&before, "conll", &ExportOptions::default(), &out, &Progress::default())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let after = import_files(std::slice::from_ref(&out)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(after.documents.len(), before.documents.len());
        for (b, a) in before.documents.iter().zip(&after.documents) {
            let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(squeeze(b.text()), squeeze(a.text()), "no character is lost");
            let skipped: HashSet<AnnId> = report.skipped.iter()
                .filter(|s| s.doc == b.meta.id).map(|s| s.ann).collect();
            let kept: BTreeSet<_> = b.spans().filter(|s| !skipped.contains(&s.id))
                .map(|s| squeezed(b, s)).collect();
            let back: BTreeSet<_> = a.spans().map(|s| squeezed(a, s)).collect();
            prop_assert_eq!(kept, back);
            for e in b.events() {
                prop_assert!(skipped.contains(&e.id), "event {} reported", e.id);
            }
        }
    }
}

#[test]
fn labels_with_spaces_keep_the_columns() {
    let mut renamed = BTreeSet::new();
    let tag = super::export::tag_text(Some(('B', "Named\u{a0}Entity x")), &mut renamed);
    assert_eq!(tag, "B-Named_Entity_x");
    assert_eq!(super::export::tag_text(None, &mut renamed), "O");
    assert_eq!(renamed.len(), 1, "noted once");
}

#[test]
fn tags_are_written_as_tag_text_makes_them() -> Result {
    let tags = [
        None,
        Some(('B', "Actor")),
        Some(('I', "Дата")),
        Some(('B', "Named\u{a0}Entity x")),
        Some(('I', "")),
        Some(('B', "a\u{1f}b")),
    ];
    let (mut made, mut written) = (BTreeSet::new(), BTreeSet::new());
    for tag in tags {
        let mut out = Vec::new();
        super::export::write_tag(&mut out, tag, &mut written)?;
        assert_eq!(String::from_utf8(out)?, super::export::tag_text(tag, &mut made), "{tag:?}");
    }
    assert_eq!(written, made, "the same renames are noted");
    assert_eq!(made.len(), 2);
    Ok(())
}
