//! Date suggestions measured against the hand-made gold set of the five seed articles
//! (`tests/data/dates/gold.tsv`): precision and recall of the spans (exact range) and of the
//! values, printed (`cargo test --test dates_gold -- --nocapture`) and held to floors.

use acta::assist::suggest_dates;
use acta::formats::project::load_file;
use acta::model::{Document, Project};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[derive(Debug)]
struct Gold {
    doc: String,
    start: usize,
    end: usize,
    text: String,
    value: Option<String>,
}

fn read_gold() -> Result<Vec<Gold>, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dates/gold.tsv");
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [doc, start, end, text, value] = cols[..] else {
            return Err(format!("not five columns: {line}").into());
        };
        out.push(Gold {
            doc: doc.to_string(),
            start: start.parse()?,
            end: end.parse()?,
            text: text.replace("\\u{a0}", "\u{a0}"),
            value: (!value.is_empty()).then(|| value.to_string()),
        });
    }
    Ok(out)
}

/// The sample project's documents without their annotations, so nothing is skipped as done.
fn bare_sample() -> Result<Project, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    let mut project = load_file(&path)?.project;
    for doc in &mut project.documents {
        *doc = Arc::new(Document::new(doc.meta.clone(), doc.shared_text()));
    }
    Ok(project)
}

fn ratio(hit: usize, all: usize) -> f64 {
    if all == 0 { 1.0 } else { hit as f64 / all as f64 }
}

#[test]
fn date_suggestions_on_the_seed_articles() -> TestResult {
    let gold = read_gold()?;
    let project = bare_sample()?;
    assert!(gold.len() >= 40, "the gold set shrank to {}", gold.len());
    // The gold set itself: every row names a document and the text at its offsets.
    for g in &gold {
        let doc = project.doc(project.doc_index(&g.doc).ok_or(g.doc.clone())?).ok_or("doc")?;
        assert_eq!(doc.slice(g.start, g.end), g.text, "{g:?}");
    }
    type Key = (String, usize, usize);
    let mut found: Vec<(Key, Option<String>, String)> = Vec::new();
    for (i, doc) in project.documents.iter().enumerate() {
        for s in suggest_dates(&project, i) {
            found.push(((doc.meta.id.clone(), s.start, s.end), s.value, s.source.to_string()));
        }
    }
    let gold_spans: BTreeSet<Key> = gold.iter().map(|g| (g.doc.clone(), g.start, g.end)).collect();
    let gold_values: BTreeSet<(Key, &str)> = gold
        .iter()
        .filter_map(|g| Some(((g.doc.clone(), g.start, g.end), g.value.as_deref()?)))
        .collect();
    let span_hits = found.iter().filter(|(k, _, _)| gold_spans.contains(k)).count();
    let valued: Vec<_> =
        found.iter().filter_map(|(k, v, _)| Some((k.clone(), v.as_deref()?))).collect();
    let value_hits = valued.iter().filter(|kv| gold_values.contains(kv)).count();
    let (sp, sr) = (ratio(span_hits, found.len()), ratio(span_hits, gold_spans.len()));
    let (vp, vr) = (ratio(value_hits, valued.len()), ratio(value_hits, gold_values.len()));
    println!(
        "date suggestions on the seeds: {} found, {} in the gold set",
        found.len(),
        gold.len()
    );
    println!(
        "spans:  precision {sp:.3} ({span_hits}/{}), recall {sr:.3} ({span_hits}/{})",
        found.len(),
        gold_spans.len()
    );
    println!(
        "values: precision {vp:.3} ({value_hits}/{}), recall {vr:.3} ({value_hits}/{})",
        valued.len(),
        gold_values.len()
    );
    for (k, v, rule) in &found {
        if !gold_spans.contains(k) {
            println!("  not in the gold set: {k:?} {v:?} ({rule})");
        }
    }
    for g in &gold {
        let key = (g.doc.clone(), g.start, g.end);
        match found.iter().find(|(k, _, _)| *k == key) {
            None => println!("  missed: {} {:?} {:?}", g.doc, g.text, g.value),
            Some((_, v, _)) if *v != g.value => {
                println!("  other value: {} {:?} gold {:?} found {v:?}", g.doc, g.text, g.value)
            }
            _ => {}
        }
    }
    // The aim is 0.9 recall. Precision: the seeds hold one near miss the rules cannot
    // avoid without rules written for it («за 9 месяцев 2024 г.» found as «2024 г.»); 0.9
    // leaves room for about three wrong suggestions in the forty.
    assert!(sr >= 0.9, "span recall {sr:.3}");
    assert!(sp >= 0.9, "span precision {sp:.3}");
    assert!(vr >= 0.9, "value recall {vr:.3}");
    assert!(vp >= 0.9, "value precision {vp:.3}");
    Ok(())
}

#[test]
fn spans_already_there_are_not_suggested_again() -> TestResult {
    // The sample project as shipped has some dates annotated; those ranges are not suggested.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    let project = load_file(&path)?.project;
    let mut annotated = 0;
    for (i, doc) in project.documents.iter().enumerate() {
        let suggested = suggest_dates(&project, i);
        for span in doc.spans().filter(|s| s.label == "Date") {
            annotated += 1;
            assert!(
                !suggested.iter().any(|s| s.start == span.start && s.end == span.end),
                "{span:?}"
            );
        }
        assert!(suggested.iter().all(|s| s.doc == i && s.label == "Date"));
    }
    assert!(annotated >= 10);
    // And the bare documents do get them.
    let bare = bare_sample()?;
    let total: usize = (0..bare.documents.len()).map(|i| suggest_dates(&bare, i).len()).sum();
    assert!(total >= annotated);
    assert!(suggest_dates(&bare, 99).is_empty());
    Ok(())
}
