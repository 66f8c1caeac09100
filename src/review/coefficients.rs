//! Chance-corrected agreement on nominal labels: Cohen's κ for a pair of annotators, Scott's π,
//! Fleiss' κ and Krippendorff's α for any number. The formulas are those of sklearn, nltk and
//! the `krippendorff` package (see `../shared/validators/iaa_reference.py`); tests hold them to it.

use std::collections::HashMap;

/// Cohen's κ of two label sequences of the same length; `None` when empty or when chance
/// agreement is total (both annotators used one and the same label throughout).
pub fn cohen_kappa(a: &[&str], b: &[&str]) -> Option<f64> {
    if a.len() != b.len() {
        return None;
    }
    let mut ids = Ids::default();
    let (a, b) = (ids.of_all(a), ids.of_all(b));
    let mut tally = PairTally::new(ids.len());
    for (&x, &y) in a.iter().zip(&b) {
        tally.add(x, y);
    }
    tally.kappa()
}

/// Fleiss' κ: `items[i]` holds each annotator's label for item `i` (the same number for every
/// item). With two annotators it is Scott's π.
pub fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
    let raters = items.first()?.len();
    if items.iter().any(|i| i.len() != raters) {
        return None;
    }
    let (items, labels) = numbered(items);
    tally(items.iter(), raters, labels).fleiss_kappa()
}

/// Krippendorff's α for nominal data, from the coincidence matrix; every item's labels count
/// (units with fewer than two labels carry no pairable values and are skipped).
pub fn krippendorff_alpha(items: &[Vec<&str>]) -> Option<f64> {
    let (items, labels) = numbered(items);
    // Items of each size tallied apart: α adds up their coincidences, each with its weight.
    let mut sizes: Vec<usize> = items.iter().map(Vec::len).filter(|&n| n >= 2).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let tallies: Vec<ItemTally> = sizes
        .into_iter()
        .map(|n| tally(items.iter().filter(|i| i.len() == n), n, labels))
        .collect();
    ItemTally::alpha_of(&tallies)
}

/// The items with their labels numbered, and how many labels there are.
fn numbered(items: &[Vec<&str>]) -> (Vec<Vec<u32>>, usize) {
    let mut ids = Ids::default();
    let items = items.iter().map(|i| ids.of_all(i)).collect();
    (items, ids.len())
}

fn tally<'a>(items: impl Iterator<Item = &'a Vec<u32>>, raters: usize, labels: usize) -> ItemTally {
    let mut tally = ItemTally::new(raters, labels);
    for item in items {
        tally.add(item);
    }
    tally
}

/// Labels numbered in order of appearance.
#[derive(Default)]
struct Ids<'a>(HashMap<&'a str, u32>);

impl<'a> Ids<'a> {
    fn of_all(&mut self, labels: &[&'a str]) -> Vec<u32> {
        labels
            .iter()
            .map(|l| {
                let next = self.0.len() as u32;
                *self.0.entry(l).or_insert(next)
            })
            .collect()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Two annotators' labels (ids below `labels`) token by token, tallied for Cohen's κ: tallies
/// of parts of the data add up, so they can be made in parallel.
#[derive(Clone, Debug, PartialEq)]
pub struct PairTally {
    n: u64,
    same: u64,
    a: Vec<u64>,
    b: Vec<u64>,
}

impl PairTally {
    pub fn new(labels: usize) -> Self {
        Self { n: 0, same: 0, a: vec![0; labels], b: vec![0; labels] }
    }

    pub fn add(&mut self, x: u32, y: u32) {
        self.n += 1;
        self.same += u64::from(x == y);
        self.a[x as usize] += 1;
        self.b[y as usize] += 1;
    }

    pub fn merge(&mut self, other: &PairTally) {
        self.n += other.n;
        self.same += other.same;
        add_all(&mut self.a, &other.a);
        add_all(&mut self.b, &other.b);
    }

    /// Cohen's κ; `None` when empty or when chance agreement is total.
    pub fn kappa(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let n = self.n as f64;
        let observed = self.same as f64 / n;
        // Products and sums of counts are whole numbers, exact in f64 (below 2^53).
        let chance: f64 = self.a.iter().zip(&self.b).map(|(&x, &y)| x as f64 * y as f64).sum();
        ratio(observed, chance / (self.n * self.n) as f64)
    }
}

/// Items of `raters` labels each (ids below `labels`), tallied for Fleiss' κ and Krippendorff's
/// α without keeping the items. Tallies of consecutive runs of items merge in order.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemTally {
    raters: usize,
    labels: usize,
    /// Per item, in item order, the number of ordered rater pairs (self-pairs included) that
    /// agree: Σ count². Fleiss' per-item agreement is added up item by item from it, in order,
    /// so the sum rounds as the textbook loop does.
    agreeing: Vec<u32>,
    /// Labels given, by label.
    totals: Vec<u64>,
    /// `coincidences[c * labels + k]`: ordered pairs of different raters of one item that gave
    /// `c` and `k`.
    coincidences: Vec<u64>,
}

impl ItemTally {
    pub fn new(raters: usize, labels: usize) -> Self {
        Self {
            raters,
            labels,
            agreeing: Vec::new(),
            totals: vec![0; labels],
            coincidences: vec![0; labels * labels],
        }
    }

    /// One item: `raters` label ids.
    pub fn add(&mut self, item: &[u32]) {
        let r = item.len() as u64;
        if let Some(&c) = item.first()
            && item.iter().all(|&k| k == c)
        {
            // Everyone gave the same label (most words, `O`): the loops below in one step.
            let c = c as usize;
            self.totals[c] += r;
            self.coincidences[c * self.labels + c] += r * (r - 1);
            self.agreeing.push((r * r) as u32);
            return;
        }
        let mut agreeing = 0;
        for &c in item {
            self.totals[c as usize] += 1;
            for &k in item {
                agreeing += u32::from(c == k);
                self.coincidences[c as usize * self.labels + k as usize] += 1;
            }
            // The pair of a rater with itself is not a coincidence.
            self.coincidences[c as usize * self.labels + c as usize] -= 1;
        }
        self.agreeing.push(agreeing);
    }

    /// Appends the items of `other`, which came after these.
    pub fn merge(&mut self, other: &ItemTally) {
        self.agreeing.extend_from_slice(&other.agreeing);
        add_all(&mut self.totals, &other.totals);
        add_all(&mut self.coincidences, &other.coincidences);
    }

    pub fn items(&self) -> usize {
        self.agreeing.len()
    }

    /// Fleiss' κ; `None` with no items, fewer than two raters, or total chance agreement.
    pub fn fleiss_kappa(&self) -> Option<f64> {
        let raters = self.raters;
        if self.agreeing.is_empty() || raters < 2 {
            return None;
        }
        let pairs = (raters * (raters - 1)) as f64;
        let mut agreement = 0.0;
        for &a in &self.agreeing {
            agreement += (a as f64 - raters as f64) / pairs;
        }
        let n = self.agreeing.len() as f64;
        let all = n * raters as f64;
        let expected = self
            .totals
            .iter()
            .filter(|&&v| v > 0)
            .map(|&v| (v as f64 / all) * (v as f64 / all))
            .sum::<f64>();
        ratio(agreement / n, expected)
    }

    /// Krippendorff's α of these items.
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        Self::alpha_of(std::slice::from_ref(self))
    }

    /// Krippendorff's α of the items of all `tallies` together (each may have its own number
    /// of raters; items of fewer than two carry nothing).
    fn alpha_of(tallies: &[ItemTally]) -> Option<f64> {
        let labels = tallies.iter().map(|t| t.labels).max().unwrap_or(0);
        let mut cells = vec![0.0; labels * labels];
        for t in tallies.iter().filter(|t| t.raters >= 2) {
            let weight = 1.0 / (t.raters - 1) as f64;
            for c in 0..t.labels {
                for k in 0..t.labels {
                    let count = t.coincidences[c * t.labels + k];
                    cells[c * labels + k] += repeated(weight, count, t.raters - 1);
                }
            }
        }
        let mut marginals = vec![0.0; labels];
        for c in 0..labels {
            marginals[c] = cells[c * labels..(c + 1) * labels].iter().sum::<f64>();
        }
        let n: f64 = marginals.iter().sum();
        if n <= 1.0 {
            return None;
        }
        let observed: f64 =
            (0..labels * labels).filter(|i| i / labels != i % labels).map(|i| cells[i]).sum();
        let squares: f64 = marginals.iter().map(|v| v * v).sum();
        let expected_pairs = n * n - squares;
        if expected_pairs == 0.0 {
            return None;
        }
        Some(1.0 - (n - 1.0) * observed / expected_pairs)
    }
}

/// `weight` (= 1 / `others`) added `count` times, as a coincidence matrix filled item by item
/// gets it: a product when the weight is a power of two (two or three raters), exact either way.
fn repeated(weight: f64, count: u64, others: usize) -> f64 {
    if others.is_power_of_two() {
        count as f64 * weight
    } else {
        (0..count).fold(0.0, |sum, _| sum + weight)
    }
}

fn add_all(into: &mut [u64], from: &[u64]) {
    for (x, y) in into.iter_mut().zip(from) {
        *x += y;
    }
}

/// (p_o − p_e) / (1 − p_e), undefined when chance agreement is total.
fn ratio(observed: f64, expected: f64) -> Option<f64> {
    (expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in example of `iaa_reference.py` and the values it prints (sklearn, nltk,
    /// krippendorff agree on them).
    const A: &str = "B-ACTOR I-ACTOR B-EVENT O B-ACTOR O B-ACTOR O B-DATE I-DATE I-DATE O";
    const B: &str = "B-ACTOR I-ACTOR B-EVENT O B-ACTOR O O B-DATE I-DATE I-DATE I-DATE O";

    fn close(x: Option<f64>, want: f64) {
        let x = x.unwrap_or(f64::NAN);
        assert!((x - want).abs() < 1e-6, "{x} != {want}");
    }

    #[test]
    fn equal_to_the_reference_implementations() {
        let a: Vec<&str> = A.split(' ').collect();
        let b: Vec<&str> = B.split(' ').collect();
        close(cohen_kappa(&a, &b), 0.681416);
        let items: Vec<Vec<&str>> = a.iter().zip(&b).map(|(x, y)| vec![*x, *y]).collect();
        close(fleiss_kappa(&items), 0.680000);
        close(krippendorff_alpha(&items), 0.693333);
        let (a2, b2): (Vec<&str>, Vec<&str>) =
            a.iter().zip(&b).filter(|(x, y)| !(**x == "O" && **y == "O")).unzip();
        close(cohen_kappa(&a2, &b2), 0.584615);
    }

    #[test]
    fn three_annotators_and_degenerate_cases() {
        // Fleiss' worked example shape: perfect agreement gives 1, and one label everywhere
        // leaves chance agreement total (undefined, not a division by zero).
        let same = vec![vec!["X", "X", "X"], vec!["Y", "Y", "Y"]];
        close(fleiss_kappa(&same), 1.0);
        close(krippendorff_alpha(&same), 1.0);
        assert_eq!(fleiss_kappa(&[vec!["O", "O"], vec!["O", "O"]]), None);
        assert_eq!(cohen_kappa(&[], &[]), None);
        // Three coders; `krippendorff.alpha` gives 1/9 and nltk's `pi()` (Fleiss) 0 here.
        let items = vec![vec!["X", "X", "Y"], vec!["X", "Y", "Y"], vec!["X", "X", "X"]];
        close(krippendorff_alpha(&items), 1.0 / 9.0);
        close(fleiss_kappa(&items), 0.0);
    }

    mod against_the_straightforward_formulas {
        use super::super::*;
        use crate::review::agreement::reference;
        use proptest::prelude::*;

        const TAGS: &[&str] = &["O", "B-Actor", "I-Actor", "B-Date", "I-Date"];

        /// Items of 1–5 raters, mostly `O` for everyone as words are, and where to cut them.
        fn items() -> impl Strategy<Value = (usize, Vec<Vec<&'static str>>, usize)> {
            (1..=5usize, 0..60usize)
                .prop_flat_map(|(raters, n)| {
                    let tag = prop_oneof![3 => Just(0usize), 2 => 0..TAGS.len()];
                    let item = prop::collection::vec(tag, raters);
                    let items = prop::collection::vec((any::<bool>(), item), n);
                    (Just(raters), items, 0..=n)
                })
                .prop_map(|(raters, items, cut)| {
                    let items = items
                        .into_iter()
                        .map(|(all_o, item)| {
                            item.into_iter().map(|t| TAGS[if all_o { 0 } else { t }]).collect()
                        })
                        .collect();
                    (raters, items, cut)
                })
        }

        fn near(x: Option<f64>, y: Option<f64>) -> bool {
            match (x, y) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-12,
                (x, y) => x == y,
            }
        }

        proptest! {
            #[test]
            fn tallies_give_the_formulas_values_and_merge((raters, items, cut) in items()) {
                if raters >= 2 {
                    let a: Vec<&str> = items.iter().map(|i| i[0]).collect();
                    let b: Vec<&str> = items.iter().map(|i| i[1]).collect();
                    prop_assert_eq!(cohen_kappa(&a, &b), reference::cohen_kappa(&a, &b));
                }
                // Fleiss' expected agreement adds label shares in hash-map order there, as does
                // α's with weights that are not powers of two: the last bits may differ.
                let fleiss = (fleiss_kappa(&items), reference::fleiss_kappa(&items));
                prop_assert!(near(fleiss.0, fleiss.1), "{:?}", fleiss);
                let alpha = (krippendorff_alpha(&items), reference::krippendorff_alpha(&items));
                if (raters - 1).is_power_of_two() {
                    prop_assert_eq!(alpha.0, alpha.1);
                } else {
                    prop_assert!(near(alpha.0, alpha.1), "{:?}", alpha);
                }
                // Tallies of the two halves, merged, are the tally of the whole.
                let (ids, labels) = numbered(&items);
                let whole = tally(ids.iter(), raters, labels);
                let mut merged = tally(ids[..cut].iter(), raters, labels);
                merged.merge(&tally(ids[cut..].iter(), raters, labels));
                prop_assert_eq!(&merged, &whole);
                let pair = |range: std::ops::Range<usize>| {
                    let mut t = PairTally::new(labels);
                    for i in &ids[range] {
                        t.add(i[0], i[raters - 1]);
                    }
                    t
                };
                let mut halves = pair(0..cut);
                halves.merge(&pair(cut..ids.len()));
                prop_assert_eq!(halves, pair(0..ids.len()));
            }

            #[test]
            fn alpha_of_items_of_different_sizes(
                items in prop::collection::vec(prop::collection::vec(0..TAGS.len(), 0..5), 0..40)
            ) {
                let items: Vec<Vec<&str>> =
                    items.into_iter().map(|i| i.into_iter().map(|t| TAGS[t]).collect()).collect();
                let alpha = (krippendorff_alpha(&items), reference::krippendorff_alpha(&items));
                prop_assert!(near(alpha.0, alpha.1), "{:?}", alpha);
            }
        }
    }
}
