//! The fast agreement against the straightforward one (`reference.rs`) on generated projects of
//! one to four annotators whose layers mostly agree: relabels, shifted and off-token boundaries,
//! repeated places, overlapping and touching spans, multi-word tokens, events across layers and
//! on events. Splitting the documents into one, two or three runs must not change a thing.

use super::{Agreement, agreement, agreement_in, reference};
use crate::formats::testgen::{GAPS, WORDS};
use crate::model::{AnnId, Argument, DocMeta, Document, Event, Project, Span};
use proptest::prelude::*;
use std::sync::Arc;

const LABELS: &[&str] = &["Actor", "Date", "Event"];
const TYPES: &[&str] = &["Statement", "Meeting", "Event"];
const ROLES: &[&str] = &["Agent", "Time", "Theme"];
const ANNOTATORS: &[&str] = &["anna", "boris", "Олена", "dmytro"];
const SAMPLE: &str = include_str!("../../../projects/sample.ron");

/// A base span (first word, words, label) and what each annotator does with it.
type Base = (usize, usize, usize, Vec<usize>);
/// A base event: trigger (a base span), type, arguments (role, a base span or an earlier event,
/// which), and what each annotator does with it.
type Ev = (usize, usize, Vec<(usize, usize, bool)>, Vec<usize>);

/// The round-trip tests' words, and a multi-word token (`до н.э.` is one token, two words).
fn word(i: usize) -> &'static str {
    WORDS.get(i).copied().unwrap_or("до н.э.")
}

fn text_of(words: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let (mut text, mut ranges, mut at) = (String::new(), Vec::new(), 0);
    for (i, &(w, g)) in words.iter().enumerate() {
        if i > 0 {
            let gap = GAPS[g % GAPS.len()];
            text.push_str(gap);
            at += gap.chars().count();
        }
        let word = word(w);
        text.push_str(word);
        let len = word.chars().count();
        ranges.push((at, at + len));
        at += len;
    }
    (text, ranges)
}

fn document(
    index: usize,
    annotators: usize,
    words: Vec<(usize, usize)>,
    base: Vec<Base>,
    events: Vec<Ev>,
) -> Document {
    let (text, ranges) = text_of(&words);
    let (mut spans, mut copies) = (Vec::new(), Vec::new());
    let mut id = 1;
    for (first, n, label, what) in base {
        // Each annotator's copy of this span, if they made one.
        let mut copy = vec![None; annotators];
        for (k, name) in ANNOTATORS.iter().enumerate().take(annotators) {
            let first = first % ranges.len();
            let last = (first + n - 1).min(ranges.len() - 1);
            let (mut start, mut end, mut label) = (ranges[first].0, ranges[last].1, label);
            match what[k] {
                0 => continue,
                1 => label += 1,
                2 if end - start > 1 => start += 1, // off the token boundary
                3 => end = ranges[(last + 1).min(ranges.len() - 1)].1,
                4 if first > 0 => start = ranges[first - 1].0,
                5 => end = start + 1, // touches the one that starts a character later
                _ => {}
            }
            spans.push(Span::new(AnnId(id), start, end, LABELS[label % LABELS.len()], name));
            copy[k] = Some(AnnId(id));
            id += 1;
        }
        copies.push(copy);
    }
    // An annotator's copy of base span `b`, else someone else's (an annotation in another layer).
    let copy_of = |b: usize, k: usize| -> Option<AnnId> {
        let copy = copies.get(b % copies.len().max(1))?;
        copy[k].or_else(|| copy.iter().flatten().next().copied())
    };
    let mut evs: Vec<Event> = Vec::new();
    let mut theirs: Vec<Vec<AnnId>> = vec![Vec::new(); annotators];
    for (trigger, kind, args, what) in events {
        for (k, name) in ANNOTATORS.iter().enumerate().take(annotators) {
            let (kind, trigger) = match what[k] {
                0 => continue,
                1 => (kind + 1, copy_of(trigger, k)),
                2 => (kind, copy_of(trigger, (k + 1) % annotators)),
                _ => (kind, copy_of(trigger, k)),
            };
            let Some(trigger) = trigger else { continue };
            let mut event = Event::new(AnnId(id), trigger, TYPES[kind % TYPES.len()], name);
            for (n, &(role, target, on_event)) in args.iter().enumerate() {
                let earlier = &theirs[k];
                let target = if on_event {
                    (!earlier.is_empty()).then(|| earlier[target % earlier.len()])
                } else if what[k] == 3 && n == 0 {
                    None // this annotator left the first argument out
                } else {
                    copy_of(target, k)
                };
                if let Some(target) = target {
                    event
                        .arguments
                        .push(Argument { role: ROLES[role % ROLES.len()].into(), target });
                }
            }
            theirs[k].push(event.id);
            evs.push(event);
            id += 1;
        }
    }
    let meta = DocMeta {
        id: format!("doc-{}", index % 3),
        lang: if index.is_multiple_of(2) { "ru" } else { "en" }.into(),
        ..Default::default()
    };
    Document::from_annotations(meta, text, spans, evs)
        .unwrap_or_else(|problems| panic!("the generator made an invalid document: {problems:?}"))
}

fn project() -> impl Strategy<Value = Project> {
    let what = prop::collection::vec(prop_oneof![2 => 0..8usize, 3 => Just(7)], 4);
    let base = (0..40usize, 1..4usize, 0..3usize, what.clone());
    let arg = (0..3usize, 0..64usize, prop::bool::weighted(0.2));
    let event = (0..64usize, 0..3usize, prop::collection::vec(arg, 0..3), what);
    let doc = (
        prop::collection::vec((0..=WORDS.len(), 0..GAPS.len()), 1..40),
        prop::collection::vec(base, 0..14),
        prop::collection::vec(event, 0..5),
    );
    (1..=4usize, prop::collection::vec(doc, 1..5)).prop_map(|(annotators, docs)| {
        let mut p = Project::new("agreement");
        for (i, (words, base, events)) in docs.into_iter().enumerate() {
            p.documents.push(Arc::new(document(i, annotators, words, base, events)));
        }
        p
    })
}

/// Equal in everything, except that the reference adds Fleiss' label shares (and, with four
/// annotators, Krippendorff's weighted coincidences) in hash-map order, so their last bits
/// may differ.
fn assert_same(mut fast: Agreement, slow: &Agreement) {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12,
        (x, y) => x == y,
    };
    let loose = [
        (&mut fast.fleiss_kappa, slow.fleiss_kappa),
        (&mut fast.fleiss_kappa_without_o, slow.fleiss_kappa_without_o),
    ];
    for (x, y) in loose {
        assert!(close(*x, y), "{x:?} != {y:?}");
        *x = y;
    }
    if slow.annotators.len() > 3 {
        for (x, y) in [
            (&mut fast.krippendorff_alpha, slow.krippendorff_alpha),
            (&mut fast.krippendorff_alpha_without_o, slow.krippendorff_alpha_without_o),
        ] {
            assert!(close(*x, y), "{x:?} != {y:?}");
            *x = y;
        }
    }
    assert_eq!(&fast, slow);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fast_agreement_equals_the_straightforward_one(p in project()) {
        let slow = reference::agreement(&p);
        let fast = agreement_in(&p, 1);
        for parts in [2, 3] {
            assert_eq!(agreement_in(&p, parts), fast, "split in {parts}");
        }
        assert_same(fast, &slow);
    }
}

#[test]
fn the_sample_project_and_a_generated_one_agree_with_the_reference() -> anyhow::Result<()> {
    let sample = crate::formats::project::parse("sample.ron", SAMPLE)?.project;
    assert_same(agreement(&sample), &reference::agreement(&sample));
    let layered = crate::bench::agree::project(40, 3000)?;
    let slow = reference::agreement(&layered);
    assert!(slow.pairs.iter().all(|p| p.arguments.matched > 0 && !p.differences.is_empty()));
    assert_same(agreement_in(&layered, 2), &slow);
    Ok(())
}
