//! The Agreement window's state: the report computed when it opened, how its table is broken
//! down, and which row's differences are listed. Plain data kept in `Dialog::Agreement` and lent
//! to `ui/agreement_view/` each frame, so the report is never cloned per frame.

use crate::review::agreement::{Agreement, Difference, Pair};

/// What the rows of the agreement table are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BreakDown {
    #[default]
    AnnotatorPair,
    Label,
    Document,
}

impl BreakDown {
    pub const ALL: [BreakDown; 3] =
        [BreakDown::AnnotatorPair, BreakDown::Label, BreakDown::Document];

    pub fn label(self) -> &'static str {
        match self {
            BreakDown::AnnotatorPair => "annotator pair",
            BreakDown::Label => "label",
            BreakDown::Document => "document",
        }
    }
}

/// Which differences are listed: one pair's, narrowed to a label or a document when the row
/// clicked was one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffFilter {
    /// Index into `Agreement::pairs`.
    pub pair: usize,
    pub label: Option<String>,
    pub doc: Option<String>,
}

impl DiffFilter {
    pub fn pair(pair: usize) -> Self {
        Self { pair, label: None, doc: None }
    }

    pub fn label(pair: usize, label: &str) -> Self {
        Self { pair, label: Some(label.to_string()), doc: None }
    }

    pub fn document(pair: usize, doc: &str) -> Self {
        Self { pair, label: None, doc: Some(doc.to_string()) }
    }

    fn lets_through(&self, d: &Difference) -> bool {
        self.label.as_ref().is_none_or(|l| *l == d.label)
            && self.doc.as_ref().is_none_or(|doc| *doc == d.doc)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgreementWindow {
    pub report: Agreement,
    pub by: BreakDown,
    /// `None`: every pair's differences.
    pub filter: Option<DiffFilter>,
}

impl AgreementWindow {
    pub fn new(report: Agreement) -> Self {
        Self { report, by: BreakDown::default(), filter: None }
    }

    /// Another breakdown keeps the pair chosen but not a label or document of the old rows.
    pub fn set_by(&mut self, by: BreakDown) {
        self.by = by;
        if let Some(f) = &mut self.filter {
            f.label = None;
            f.doc = None;
        }
    }

    /// A click on a row: its differences, or all of them again when it was already chosen.
    pub fn toggle(&mut self, filter: DiffFilter) {
        self.filter = if self.filter.as_ref() == Some(&filter) { None } else { Some(filter) };
    }

    /// The differences the filter lets through, with their pair, in the report's order.
    pub fn differences(&self) -> Vec<(&Pair, &Difference)> {
        let pairs = self.report.pairs.iter().enumerate();
        pairs
            .filter(|(i, _)| self.filter.as_ref().is_none_or(|f| f.pair == *i))
            .flat_map(|(_, p)| p.differences.iter().map(move |d| (p, d)))
            .filter(|(_, d)| self.filter.as_ref().is_none_or(|f| f.lets_through(d)))
            .collect()
    }

    /// What the list shows, in words: "A vs B, label Date" or "all pairs".
    pub fn filter_title(&self) -> String {
        let Some(f) = &self.filter else { return "all pairs".into() };
        let Some(p) = self.report.pairs.get(f.pair) else { return "no pair".into() };
        let mut out = format!("{} vs {}", p.a, p.b);
        if let Some(label) = &f.label {
            out.push_str(&format!(", label {label}"));
        }
        if let Some(doc) = &f.doc {
            out.push_str(&format!(", document {doc}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnnId;

    fn diff(doc: &str, label: &str, only_in: &str) -> Difference {
        Difference {
            doc: doc.into(),
            start: 0,
            end: 1,
            label: label.into(),
            text: "x".into(),
            only_in: only_in.into(),
            ann: AnnId(1),
        }
    }

    fn window() -> AgreementWindow {
        let pair = |a: &str, b: &str, differences| Pair {
            a: a.into(),
            b: b.into(),
            differences,
            ..Default::default()
        };
        AgreementWindow::new(Agreement {
            pairs: vec![
                pair("A", "B", vec![diff("d1", "Actor", "a"), diff("d2", "Date", "b")]),
                pair("A", "C", vec![diff("d1", "Date", "a")]),
            ],
            ..Default::default()
        })
    }

    fn labels(w: &AgreementWindow) -> Vec<(String, String, String)> {
        w.differences()
            .iter()
            .map(|(p, d)| (format!("{}{}", p.a, p.b), d.doc.clone(), d.label.clone()))
            .collect()
    }

    #[test]
    fn rows_filter_the_differences() {
        let mut w = window();
        assert_eq!(w.differences().len(), 3, "no filter: every pair's");
        w.toggle(DiffFilter::pair(1));
        assert_eq!(labels(&w), [("AC".into(), "d1".into(), "Date".into())]);
        w.toggle(DiffFilter::label(0, "Date"));
        assert_eq!(labels(&w), [("AB".into(), "d2".into(), "Date".into())]);
        assert_eq!(w.filter_title(), "A vs B, label Date");
        w.toggle(DiffFilter::document(0, "d2"));
        assert_eq!(labels(&w), [("AB".into(), "d2".into(), "Date".into())]);
        w.toggle(DiffFilter::label(0, "Event"));
        assert!(w.differences().is_empty());
        w.toggle(DiffFilter::label(0, "Event"));
        assert_eq!(w.filter, None, "a second click shows everything again");
    }

    #[test]
    fn another_breakdown_keeps_the_pair_only() {
        let mut w = window();
        w.toggle(DiffFilter::label(1, "Date"));
        w.set_by(BreakDown::Document);
        assert_eq!(w.filter, Some(DiffFilter::pair(1)));
    }
}
