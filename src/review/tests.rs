//! Agreement on `tests/data/agreement/two_annotators.jsonl`: the 12-token example of
//! `../shared/validators/iaa_reference.py` annotated by A and B in one document, so the token
//! numbers must be the reference's (sklearn, nltk, krippendorff), to 1e-6.

use super::agreement::{Agreement, agreement};
use crate::formats::import::{ImportOptions, add_to_project, importer};
use crate::formats::progress::Progress;
use crate::model::Project;
use std::path::PathBuf;

fn fixture() -> Result<Project, Box<dyn std::error::Error>> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/agreement/two_annotators.jsonl");
    let batch =
        importer("jsonl")?.import(&[path], &ImportOptions::default(), &Progress::default())?;
    let mut project = Project::new("iaa");
    add_to_project(&mut project, batch);
    Ok(project)
}

fn two_annotators() -> Result<Agreement, Box<dyn std::error::Error>> {
    Ok(agreement(&fixture()?))
}

fn close(x: Option<f64>, want: f64) {
    let x = x.unwrap_or(f64::NAN);
    assert!((x - want).abs() < 1e-6, "{x} != {want}");
}

#[test]
fn token_agreement_equals_the_reference() -> Result<(), Box<dyn std::error::Error>> {
    let r = two_annotators()?;
    assert_eq!(r.annotators, ["A", "B"]);
    assert_eq!((r.documents.len(), r.tokens), (1, 12));
    let pair = &r.pairs[0];
    close(pair.token_kappa, 0.681416);
    close(pair.token_kappa_without_o, 0.584615);
    close(r.fleiss_kappa, 0.680000);
    close(r.krippendorff_alpha, 0.693333);
    Ok(())
}

#[test]
fn spans_and_events_pairwise() -> Result<(), Box<dyn std::error::Error>> {
    let r = two_annotators()?;
    let pair = &r.pairs[0];
    // A: 5 spans, B: 4; the dates differ by «в», and only A has ЛНР.
    assert_eq!((pair.exact.matched, pair.exact.a, pair.exact.b), (3, 5, 4));
    assert_eq!(pair.overlap.matched, 4);
    close(pair.exact.f1(), 6.0 / 9.0);
    let date = pair.exact_by_label.get("Date").copied().unwrap_or_default();
    assert_eq!((date.matched, date.a, date.b), (0, 1, 1));
    assert_eq!(pair.differences.len(), 3, "{:?}", pair.differences);
    // Same trigger and type; arguments: Agent and Theme ДНР agree, A's extra Theme and the two
    // different Time targets do not.
    assert_eq!((pair.triggers.matched, pair.triggers.a, pair.triggers.b), (1, 1, 1));
    assert_eq!((pair.arguments.matched, pair.arguments.a, pair.arguments.b), (2, 4, 3));
    Ok(())
}

#[test]
fn the_same_span_in_two_layers_is_no_problem() -> Result<(), Box<dyn std::error::Error>> {
    let problems = crate::model::validate::check_project(&fixture()?);
    assert!(problems.is_empty(), "{problems:?}");
    Ok(())
}

#[test]
fn overlap_is_broken_down_by_label_and_document() -> Result<(), Box<dyn std::error::Error>> {
    let r = two_annotators()?;
    let pair = &r.pairs[0];
    let of = |m: &std::collections::BTreeMap<String, super::agreement::Counts>, k: &str| {
        m.get(k).map(|c| (c.matched, c.a, c.b))
    };
    // The dates overlap though they differ by «в»; ЛНР is A's alone.
    assert_eq!(of(&pair.overlap_by_label, "Date"), Some((1, 1, 1)));
    assert_eq!(of(&pair.overlap_by_label, "Actor"), Some((2, 3, 2)));
    assert_eq!(of(&pair.overlap_by_label, "Event"), Some((1, 1, 1)));
    assert_eq!(of(&pair.overlap_by_document, "iaa"), Some((4, 5, 4)));
    let mut sum = super::agreement::Counts::default();
    for c in pair.overlap_by_label.values() {
        sum = super::agreement::Counts {
            matched: sum.matched + c.matched,
            a: sum.a + c.a,
            b: sum.b + c.b,
        };
    }
    assert_eq!(sum, pair.overlap, "the labels add up to the whole");
    Ok(())
}
