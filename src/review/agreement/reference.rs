//! The straightforward agreement, as it was before `agreement` was made fast (test only): every
//! layer exported and tagged on its own, tags as strings, places as sets of owned strings, and
//! the coefficients over hash maps. The property tests hold the fast code to it.

use super::{Agreement, Counts, Difference, Pair};
use crate::formats::export::{self, DocView, ExportOptions, ExportReport, Layer, Overlap};
use crate::formats::tokens;
use crate::model::{AnnId, Project};
use std::collections::{BTreeMap, BTreeSet, HashMap};

type Place = (usize, usize, String);

/// One annotator's view of one document.
struct Layered<'a> {
    view: DocView<'a>,
    tags: Vec<String>,
}

/// Agreement between every pair of annotators of `project` on the documents they share.
pub fn agreement(project: &Project) -> Agreement {
    let annotators: Vec<String> = project.annotators().into_iter().map(String::from).collect();
    let mut out = Agreement { annotators: annotators.clone(), ..Default::default() };
    // Each text is tokenized once; every layer of it is tagged on those tokens.
    let tokens: Vec<Vec<tokens::Token>> = project
        .documents
        .iter()
        .map(|d| tokens::tokenize(d.text(), tokens::rules_lang(&d.meta.lang)))
        .collect();
    // Each annotator's layer of each document, with the words' tags as CoNLL writes them.
    let layers: Vec<Vec<Layered>> = annotators
        .iter()
        .map(|name| {
            let options = ExportOptions {
                layer: Layer::Annotator(name.clone()),
                overlap: Overlap::Outer,
                ..Default::default()
            };
            let mut report = ExportReport::default();
            export::select(project, &options, &mut report)
                .into_iter()
                .zip(&tokens)
                .map(|(view, tokens)| {
                    let tags = word_tags(&view, tokens.clone());
                    Layered { view, tags }
                })
                .collect()
        })
        .collect();
    let shared: Vec<usize> = (0..project.documents.len())
        .filter(|&d| layers.iter().all(|l| l[d].view.spans.len() + l[d].view.events.len() > 0))
        .collect();
    out.documents = shared.iter().map(|&d| project.documents[d].meta.id.clone()).collect();
    for (i, a) in annotators.iter().enumerate() {
        for (j, b) in annotators.iter().enumerate().skip(i + 1) {
            let mut pair = Pair { a: a.clone(), b: b.clone(), ..Default::default() };
            let (mut ta, mut tb) = (Vec::new(), Vec::new());
            for &d in &shared {
                compare(&layers[i][d].view, &layers[j][d].view, &mut pair);
                ta.extend(layers[i][d].tags.iter().map(String::as_str));
                tb.extend(layers[j][d].tags.iter().map(String::as_str));
            }
            pair.token_kappa = cohen_kappa(&ta, &tb);
            let (a2, b2): (Vec<&str>, Vec<&str>) =
                ta.iter().zip(&tb).filter(|(x, y)| !(**x == "O" && **y == "O")).unzip();
            pair.token_kappa_without_o = cohen_kappa(&a2, &b2);
            out.pairs.push(pair);
        }
    }
    let mut items: Vec<Vec<&str>> = Vec::new();
    for &d in &shared {
        let n = layers.first().map_or(0, |l| l[d].tags.len());
        for t in 0..n {
            items.push(layers.iter().map(|l| l[d].tags[t].as_str()).collect());
        }
    }
    out.tokens = items.len();
    out.fleiss_kappa = fleiss_kappa(&items);
    out.krippendorff_alpha = krippendorff_alpha(&items);
    let tagged: Vec<Vec<&str>> =
        items.into_iter().filter(|i| i.iter().any(|t| *t != "O")).collect();
    out.fleiss_kappa_without_o = fleiss_kappa(&tagged);
    out.krippendorff_alpha_without_o = krippendorff_alpha(&tagged);
    out
}

/// The tag of every word of the document, as the CoNLL export writes them (`B-Actor`, `O`).
fn word_tags(view: &DocView, tokens: Vec<tokens::Token>) -> Vec<String> {
    let mut report = ExportReport::default();
    let doc =
        tokens::prepare_with(view, tokens, Some(Overlap::Outer), &mut report, &mut Vec::new());
    let tags = tokens::iob2(&doc);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        for word in tokens::words(&doc, view.text(), sentence.clone(), &tags) {
            out.push(match word.tag {
                None => "O".to_string(),
                Some((p, label)) => format!("{p}-{label}"),
            });
        }
    }
    out
}

/// Adds one document's span and event comparison to the pair.
fn compare(a: &DocView, b: &DocView, pair: &mut Pair) {
    let id = a.id().to_string();
    let place = |s: &crate::model::Span| (s.start, s.end, s.label.clone());
    let pa: BTreeSet<Place> = a.spans.iter().map(|s| place(s)).collect();
    let pb: BTreeSet<Place> = b.spans.iter().map(|s| place(s)).collect();
    let exact = Counts { matched: pa.intersection(&pb).count(), a: pa.len(), b: pb.len() };
    pair.exact.add(exact);
    pair.exact_by_document.entry(id.clone()).or_default().add(exact);
    let labels: BTreeSet<&String> = pa.iter().chain(&pb).map(|p| &p.2).collect();
    for label in labels {
        let of = |s: &BTreeSet<Place>| s.iter().filter(|p| &p.2 == label).count();
        let matched = pa.intersection(&pb).filter(|p| &p.2 == label).count();
        let c = Counts { matched, a: of(&pa), b: of(&pb) };
        pair.exact_by_label.entry(label.clone()).or_default().add(c);
    }
    // Overlap: each of A's spans takes the first unmatched span of B with its label that
    // overlaps it.
    let mut taken = vec![false; b.spans.len()];
    let mut by_label: BTreeMap<&str, Counts> = BTreeMap::new();
    for s in &a.spans {
        let hit = b.spans.iter().enumerate().position(|(k, t)| {
            !taken[k] && t.label == s.label && t.start < s.end && s.start < t.end
        });
        let c = by_label.entry(&s.label).or_default();
        c.a += 1;
        if let Some(k) = hit {
            taken[k] = true;
            c.matched += 1;
        }
    }
    for t in &b.spans {
        by_label.entry(&t.label).or_default().b += 1;
    }
    let mut overlap = Counts::default();
    for (label, c) in by_label {
        overlap.add(c);
        pair.overlap_by_label.entry(label.to_string()).or_default().add(c);
    }
    pair.overlap.add(overlap);
    pair.overlap_by_document.entry(id.clone()).or_default().add(overlap);
    for (view, side, other) in [(a, "a", &pb), (b, "b", &pa)] {
        for s in &view.spans {
            if !other.contains(&place(s)) {
                pair.differences.push(Difference {
                    doc: id.clone(),
                    start: s.start,
                    end: s.end,
                    label: s.label.clone(),
                    text: s.text.clone(),
                    only_in: side.to_string(),
                    ann: s.id,
                });
            }
        }
    }
    let (ta, aa) = events(a);
    let (tb, ab) = events(b);
    pair.triggers.add(Counts { matched: ta.intersection(&tb).count(), a: ta.len(), b: tb.len() });
    pair.arguments.add(Counts { matched: aa.intersection(&ab).count(), a: aa.len(), b: ab.len() });
}

/// Triggers as (place, type) and arguments as (trigger place, type, role, target place).
#[allow(clippy::type_complexity)]
fn events(view: &DocView) -> (BTreeSet<(Place, String)>, BTreeSet<(Place, String, String, Place)>) {
    let doc = view.doc;
    let place_of = |id: AnnId| -> Option<Place> {
        doc.span(id).map(|s| (s.start, s.end, s.label.clone())).or_else(|| {
            let e = doc.event(id)?;
            let t = doc.span(e.trigger)?;
            Some((t.start, t.end, e.event_type.clone()))
        })
    };
    let (mut triggers, mut arguments) = (BTreeSet::new(), BTreeSet::new());
    for e in &view.events {
        let Some(trigger) = place_of(e.trigger) else { continue };
        triggers.insert((trigger.clone(), e.event_type.clone()));
        for arg in &e.arguments {
            if let Some(target) = place_of(arg.target) {
                arguments.insert((trigger.clone(), e.event_type.clone(), arg.role.clone(), target));
            }
        }
    }
    (triggers, arguments)
}

pub(in crate::review) fn cohen_kappa(a: &[&str], b: &[&str]) -> Option<f64> {
    let n = a.len();
    if n == 0 || n != b.len() {
        return None;
    }
    let observed = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let (ca, cb) = (counts(a), counts(b));
    let expected = ca.iter().map(|(k, &v)| v * cb.get(k).copied().unwrap_or(0.0)).sum::<f64>()
        / (n * n) as f64;
    ratio(observed, expected)
}

/// Fleiss' κ: `items[i]` holds each annotator's label for item `i` (the same number for every
/// item). With two annotators it is Scott's π.
pub(in crate::review) fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
    let raters = items.first()?.len();
    if raters < 2 || items.iter().any(|i| i.len() != raters) {
        return None;
    }
    let mut totals: HashMap<&str, f64> = HashMap::new();
    let mut agreement = 0.0;
    for item in items {
        let c = counts(item);
        agreement += (c.values().map(|v| v * v).sum::<f64>() - raters as f64)
            / (raters * (raters - 1)) as f64;
        for (k, v) in c {
            *totals.entry(k).or_default() += v;
        }
    }
    let n = items.len() as f64;
    let all = n * raters as f64;
    let expected = totals.values().map(|v| (v / all) * (v / all)).sum::<f64>();
    ratio(agreement / n, expected)
}

/// Krippendorff's α for nominal data, from the coincidence matrix; every item's labels count
/// (units with fewer than two labels carry no pairable values and are skipped).
pub(in crate::review) fn krippendorff_alpha(items: &[Vec<&str>]) -> Option<f64> {
    let mut coincidences: HashMap<(&str, &str), f64> = HashMap::new();
    for item in items.iter().filter(|i| i.len() >= 2) {
        let weight = 1.0 / (item.len() - 1) as f64;
        for (i, c) in item.iter().enumerate() {
            for (j, k) in item.iter().enumerate() {
                if i != j {
                    *coincidences.entry((c, k)).or_default() += weight;
                }
            }
        }
    }
    let mut marginals: HashMap<&str, f64> = HashMap::new();
    for (&(c, _), v) in &coincidences {
        *marginals.entry(c).or_default() += v;
    }
    let n: f64 = marginals.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = coincidences.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let squares: f64 = marginals.values().map(|v| v * v).sum();
    let expected_pairs = n * n - squares;
    if expected_pairs == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected_pairs)
}

fn counts<'a>(labels: &[&'a str]) -> HashMap<&'a str, f64> {
    let mut out = HashMap::new();
    for l in labels {
        *out.entry(*l).or_default() += 1.0;
    }
    out
}

/// (p_o − p_e) / (1 − p_e), undefined when chance agreement is total.
fn ratio(observed: f64, expected: f64) -> Option<f64> {
    (expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
}
