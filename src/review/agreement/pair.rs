//! One pair of annotators over a run of documents: spans exact (sorted places merged) and
//! overlapping (first come first matched), events, the differences, and the word tags tallied
//! for Cohen's κ. Counts are kept by name id and turned into the report's maps at the end.

use super::layer::{Key, Layer, Names, O};
use super::{Counts, Difference, Pair};
use crate::model::Project;
use crate::review::coefficients::PairTally;
use std::cmp::Ordering;

/// What one run of documents contributes to a pair.
pub struct PairPart {
    exact: Counts,
    overlap: Counts,
    /// By name id.
    exact_by_label: Vec<Counts>,
    overlap_by_label: Vec<Counts>,
    /// (document index, exact, overlap), in document order.
    by_document: Vec<(usize, Counts, Counts)>,
    triggers: Counts,
    arguments: Counts,
    differences: Vec<Difference>,
    /// Every word, and the words not `O` for both.
    words: PairTally,
    tagged: PairTally,
}

impl PairPart {
    pub fn new(names: &Names) -> Self {
        PairPart {
            exact: Counts::default(),
            overlap: Counts::default(),
            exact_by_label: vec![Counts::default(); names.list.len()],
            overlap_by_label: vec![Counts::default(); names.list.len()],
            by_document: Vec::new(),
            triggers: Counts::default(),
            arguments: Counts::default(),
            differences: Vec::new(),
            words: PairTally::new(names.tags()),
            tagged: PairTally::new(names.tags()),
        }
    }

    /// Adds document `d`'s comparison of A's layer with B's.
    pub fn compare(&mut self, d: usize, a: &Layer, b: &Layer) {
        let exact = self.exact_places(&a.places, &b.places);
        let overlap = overlap(&a.spans, &b.spans, &mut self.overlap_by_label);
        self.exact.add(exact);
        self.overlap.add(overlap);
        self.by_document.push((d, exact, overlap));
        for (layer, side, other) in [(a, "a", b), (b, "b", a)] {
            for (s, key) in layer.view.spans.iter().zip(&layer.spans) {
                if other.places.binary_search(key).is_err() {
                    self.differences.push(Difference {
                        doc: layer.view.id().to_string(),
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
        let triggers = common(&a.triggers, &b.triggers);
        self.triggers.add(Counts { matched: triggers, a: a.triggers.len(), b: b.triggers.len() });
        let arguments = common(&a.arguments, &b.arguments);
        let (na, nb) = (a.arguments.len(), b.arguments.len());
        self.arguments.add(Counts { matched: arguments, a: na, b: nb });
        for (&x, &y) in a.tags.iter().zip(&b.tags) {
            self.words.add(x, y);
            if x != O || y != O {
                self.tagged.add(x, y);
            }
        }
    }

    /// Places in both sorted sets, counted whole and by label.
    fn exact_places(&mut self, a: &[Key], b: &[Key]) -> Counts {
        for p in a {
            self.exact_by_label[p.2 as usize].a += 1;
        }
        for p in b {
            self.exact_by_label[p.2 as usize].b += 1;
        }
        let (mut i, mut j, mut matched) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    self.exact_by_label[a[i].2 as usize].matched += 1;
                    matched += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        Counts { matched, a: a.len(), b: b.len() }
    }
}

/// How many items two sorted lists without repeats share.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Overlapping matches: each of A's spans (reading order) takes the first span of B (reading
/// order) not yet taken with its label that overlaps it. B's spans are walked by label; one
/// taken, or ending before an A span starts (so before every later one too), is skipped for
/// good, which keeps this near linear on documents with many spans.
fn overlap(a: &[Key], b: &[Key], by_label: &mut [Counts]) -> Counts {
    let mut order: Vec<usize> = (0..b.len()).collect();
    order.sort_by_key(|&k| b[k].2); // stable: reading order within a label
    // next[i]: where to look on from position i of `order` (i itself while it is live).
    let mut next: Vec<usize> = (0..=b.len()).collect();
    let mut total = Counts { matched: 0, a: a.len(), b: b.len() };
    for s in a {
        let c = &mut by_label[s.2 as usize];
        c.a += 1;
        let lo = order.partition_point(|&k| b[k].2 < s.2);
        let hi = order.partition_point(|&k| b[k].2 <= s.2);
        let mut i = live(&mut next, lo);
        while i < hi {
            let t = b[order[i]];
            if t.0 >= s.1 {
                break; // it and every later one start after `s` ends
            }
            next[i] = i + 1;
            if t.1 > s.0 {
                c.matched += 1;
                total.matched += 1;
                break;
            }
            i = live(&mut next, i + 1);
        }
    }
    for t in b {
        by_label[t.2 as usize].b += 1;
    }
    total
}

/// The first live position from `i` on, shortening the paths walked.
fn live(next: &mut [usize], mut i: usize) -> usize {
    while next[i] != i {
        next[i] = next[next[i]];
        i = next[i];
    }
    i
}

/// The pair's report from its parts, in document order.
pub fn finish(mut pair: Pair, parts: Vec<PairPart>, project: &Project, names: &Names) -> Pair {
    let mut words = PairTally::new(names.tags());
    let mut tagged = PairTally::new(names.tags());
    let mut exact_by_label = vec![Counts::default(); names.list.len()];
    let mut overlap_by_label = vec![Counts::default(); names.list.len()];
    for part in parts {
        pair.exact.add(part.exact);
        pair.overlap.add(part.overlap);
        for (all, c) in exact_by_label.iter_mut().zip(part.exact_by_label) {
            all.add(c);
        }
        for (all, c) in overlap_by_label.iter_mut().zip(part.overlap_by_label) {
            all.add(c);
        }
        for (d, exact, overlap) in part.by_document {
            let id = &project.documents[d].meta.id;
            pair.exact_by_document.entry(id.clone()).or_default().add(exact);
            pair.overlap_by_document.entry(id.clone()).or_default().add(overlap);
        }
        pair.triggers.add(part.triggers);
        pair.arguments.add(part.arguments);
        pair.differences.extend(part.differences);
        words.merge(&part.words);
        tagged.merge(&part.tagged);
    }
    // A label is listed once either annotator used it in a shared document.
    let named = |by: Vec<Counts>| {
        by.into_iter()
            .enumerate()
            .filter(|(_, c)| c.a + c.b > 0)
            .map(|(i, c)| (names.list[i].to_string(), c))
            .collect()
    };
    pair.exact_by_label = named(exact_by_label);
    pair.overlap_by_label = named(overlap_by_label);
    pair.token_kappa = words.kappa();
    pair.token_kappa_without_o = tagged.kappa();
    pair
}
