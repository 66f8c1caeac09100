//! Chance-corrected agreement on nominal labels: Cohen's κ for a pair of annotators, Scott's π,
//! Fleiss' κ and Krippendorff's α for any number. The formulas are those of sklearn, nltk and
//! the `krippendorff` package (see `../shared/validators/iaa_reference.py`); tests hold them to it.

use std::collections::HashMap;

/// Cohen's κ of two label sequences of the same length; `None` when empty or when chance
/// agreement is total (both annotators used one and the same label throughout).
pub fn cohen_kappa(a: &[&str], b: &[&str]) -> Option<f64> {
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
pub fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
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
pub fn krippendorff_alpha(items: &[Vec<&str>]) -> Option<f64> {
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
}
