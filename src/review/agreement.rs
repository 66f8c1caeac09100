//! Agreement between annotators (layers) on the same documents: spans pairwise (exact and
//! overlapping matches, precision/recall/F1 per label), tokens (the CoNLL export's words and
//! IOB2 tags: Cohen's κ per pair, Fleiss' κ and Krippendorff's α across all), and events
//! (triggers by place and type; arguments by role and target place).

use super::coefficients::{cohen_kappa, fleiss_kappa, krippendorff_alpha};
use crate::formats::export::{self, DocView, ExportOptions, ExportReport, Layer, Overlap};
use crate::formats::tokens;
use crate::model::{AnnId, Project};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Matches of B's items against A's: precision is over B's, recall over A's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Items of A matched by one of B.
    pub matched: usize,
    pub a: usize,
    pub b: usize,
}

impl Counts {
    pub fn precision(&self) -> Option<f64> {
        (self.b > 0).then(|| self.matched as f64 / self.b as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        (self.a > 0).then(|| self.matched as f64 / self.a as f64)
    }
    pub fn f1(&self) -> Option<f64> {
        (self.a + self.b > 0).then(|| 2.0 * self.matched as f64 / (self.a + self.b) as f64)
    }
    fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.a += other.a;
        self.b += other.b;
    }
}

/// In JSON the counts come with their precision, recall and F1 (`null` when undefined).
impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Counts", 6)?;
        st.serialize_field("matched", &self.matched)?;
        st.serialize_field("a", &self.a)?;
        st.serialize_field("b", &self.b)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.end()
    }
}

/// Agreement of one pair of annotators.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// Same start, end and label.
    pub exact: Counts,
    /// Same label and overlapping ranges (one-to-one, first come first matched).
    pub overlap: Counts,
    /// Exact matches per label, then per document.
    pub exact_by_label: BTreeMap<String, Counts>,
    pub exact_by_document: BTreeMap<String, Counts>,
    /// Overlapping matches per label, then per document (matching never crosses labels, so
    /// the per-label counts add up to `overlap`).
    pub overlap_by_label: BTreeMap<String, Counts>,
    pub overlap_by_document: BTreeMap<String, Counts>,
    /// Cohen's κ on every token, and on the tokens not `O` for both.
    pub token_kappa: Option<f64>,
    pub token_kappa_without_o: Option<f64>,
    /// Events with the same trigger place and type.
    pub triggers: Counts,
    /// (trigger place, type, role, target place) tuples.
    pub arguments: Counts,
    /// Where they differ: (document, A's annotation or B's, what), for review.
    pub differences: Vec<Difference>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The covered text.
    pub text: String,
    /// Who has it ("a" or "b" of the pair); the other has no exact match.
    pub only_in: String,
    pub ann: AnnId,
}

/// The whole agreement report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agreement {
    pub annotators: Vec<String>,
    /// Documents every annotator worked on (at least one span or event each).
    pub documents: Vec<String>,
    pub tokens: usize,
    pub pairs: Vec<Pair>,
    /// Across all annotators, on every token / on the tokens not `O` for everyone.
    pub fleiss_kappa: Option<f64>,
    pub fleiss_kappa_without_o: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    pub krippendorff_alpha_without_o: Option<f64>,
}

impl Agreement {
    /// Who and what was compared, for the head of a report.
    pub fn headline(&self) -> String {
        format!(
            "{} annotators ({}), {} shared documents, {} tokens",
            self.annotators.len(),
            self.annotators.join(", "),
            self.documents.len(),
            self.tokens
        )
    }
}

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
