//! Agreement between annotators (layers) on the same documents: spans pairwise (exact and
//! overlapping matches, precision/recall/F1 per label), tokens (the CoNLL export's words and
//! IOB2 tags: Cohen's κ per pair, Fleiss' κ and Krippendorff's α across all), and events
//! (triggers by place and type; arguments by role and target place). Each document is read once
//! (`layer.rs`: tokens, each layer's places and word tags on label ids), every pair compared on it
//! (`pair.rs`), and the documents split between threads whose tallies add up in order.

mod layer;
mod pair;
#[cfg(test)]
pub(super) mod reference;
#[cfg(test)]
mod tests;

use super::coefficients::ItemTally;
use crate::model::{AnnId, Project};
use layer::Names;
use pair::PairPart;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

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

/// Agreement between every pair of annotators of `project` on the documents they share.
pub fn agreement(project: &Project) -> Agreement {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    // Threads pay off only on a project of some size (the window computes small ones).
    let text: usize = project.documents.iter().map(|d| d.text().len()).sum();
    agreement_in(project, if text < 256 * 1024 { 1 } else { threads })
}

/// `agreement` with the documents split into `parts` runs, each but the first on a thread of
/// its own.
fn agreement_in(project: &Project, parts: usize) -> Agreement {
    let runs = split(project, parts);
    let names = Names::of(project, &runs);
    let partials = in_parallel(&runs, |run| Partial::of(project, run, &names));
    let raters = names.annotators.len();
    let mut out = Agreement {
        annotators: names.annotators.iter().map(|a| a.to_string()).collect(),
        ..Default::default()
    };
    let (mut items, mut tagged) =
        (ItemTally::new(raters, names.tags()), ItemTally::new(raters, names.tags()));
    let mut pairs: Vec<Vec<PairPart>> = Vec::new();
    for part in partials {
        out.documents.extend(part.shared.iter().map(|&d| project.documents[d].meta.id.clone()));
        items.merge(&part.items);
        tagged.merge(&part.tagged);
        pairs.resize_with(part.pairs.len(), Vec::new);
        for (all, p) in pairs.iter_mut().zip(part.pairs) {
            all.push(p);
        }
    }
    let mut parts = pairs.into_iter();
    for (i, a) in out.annotators.iter().enumerate() {
        for b in out.annotators.iter().skip(i + 1) {
            let pair = Pair { a: a.clone(), b: b.clone(), ..Default::default() };
            out.pairs.push(pair::finish(pair, parts.next().unwrap_or_default(), project, &names));
        }
    }
    out.tokens = items.items();
    out.fleiss_kappa = items.fleiss_kappa();
    out.krippendorff_alpha = items.krippendorff_alpha();
    out.fleiss_kappa_without_o = tagged.fleiss_kappa();
    out.krippendorff_alpha_without_o = tagged.krippendorff_alpha();
    out
}

/// What one run of documents contributes.
struct Partial {
    /// The documents every annotator worked on.
    shared: Vec<usize>,
    /// One per pair of annotators, in the order of `Agreement::pairs`.
    pairs: Vec<PairPart>,
    /// Every word's tags (one per annotator), and those of the words not `O` for everyone.
    items: ItemTally,
    tagged: ItemTally,
}

impl Partial {
    fn of(project: &Project, run: &Range<usize>, names: &Names) -> Self {
        let raters = names.annotators.len();
        let mut out = Partial {
            shared: Vec::new(),
            pairs: Vec::new(),
            items: ItemTally::new(raters, names.tags()),
            tagged: ItemTally::new(raters, names.tags()),
        };
        for i in 0..raters {
            for _ in i + 1..raters {
                out.pairs.push(PairPart::new(names));
            }
        }
        let mut item = vec![0; raters];
        for d in run.clone() {
            let Some(layers) = layer::layers(&project.documents[d], names) else { continue };
            out.shared.push(d);
            let mut p = 0;
            for i in 0..raters {
                for j in i + 1..raters {
                    out.pairs[p].compare(d, &layers[i], &layers[j]);
                    p += 1;
                }
            }
            let words = layers.first().map_or(0, |l| l.tags.len());
            for w in 0..words {
                for (tag, l) in item.iter_mut().zip(&layers) {
                    *tag = l.tags[w];
                }
                out.items.add(&item);
                if item.iter().any(|&t| t != layer::O) {
                    out.tagged.add(&item);
                }
            }
        }
        out
    }
}

/// The documents in at most `parts` consecutive runs of about as much text each.
fn split(project: &Project, parts: usize) -> Vec<Range<usize>> {
    let docs = project.documents.len();
    let total: usize = project.documents.iter().map(|d| d.text().len() + 1).sum();
    let per = total.div_ceil(parts.max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut sum) = (0, 0);
    for (i, d) in project.documents.iter().enumerate() {
        sum += d.text().len() + 1;
        if sum >= per * (out.len() + 1) && i + 1 < docs {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..docs);
    out
}

/// `f` of every run, the first on this thread and the others on threads of their own; the
/// results in the order of `runs`.
fn in_parallel<T: Send>(runs: &[Range<usize>], f: impl Fn(&Range<usize>) -> T + Sync) -> Vec<T> {
    let Some((first, rest)) = runs.split_first() else { return Vec::new() };
    std::thread::scope(|scope| {
        let f = &f;
        let others: Vec<_> = rest.iter().map(|run| scope.spawn(move || f(run))).collect();
        let mut out = vec![f(first)];
        for handle in others {
            // A panic in a worker is a bug here; it goes on as if it had happened on this thread.
            out.push(handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}
