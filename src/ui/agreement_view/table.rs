//! The agreement table: one row per annotator pair (span F1s, token κ, event F1s), or per pair
//! and label, or per pair and document (exact and overlap precision, recall, F1). Every cell of
//! a row is clickable and lists that row's differences below; a second click lists all again.

use super::num;
use crate::app::agreement::{AgreementWindow, BreakDown, DiffFilter};
use crate::review::agreement::{Agreement, Counts, Pair};
use eframe::egui::{self, Grid, Ui};
use std::collections::BTreeMap;

pub(super) fn table_ui(ui: &mut Ui, window: &mut AgreementWindow) {
    let mut clicked = None;
    let (report, chosen) = (&window.report, window.filter.as_ref());
    egui::ScrollArea::vertical().id_salt("agreement-table").max_height(260.0).show(ui, |ui| {
        Grid::new("agreement-table-grid").striped(true).show(ui, |ui| match window.by {
            BreakDown::AnnotatorPair => clicked = pairs(ui, report, chosen),
            BreakDown::Label => {
                clicked = groups(ui, report, chosen, "Label", by_label, DiffFilter::label);
            }
            BreakDown::Document => {
                clicked = groups(ui, report, chosen, "Document", by_document, DiffFilter::document);
            }
        });
    });
    if let Some(filter) = clicked {
        window.toggle(filter);
    }
}

/// A row of clickable cells, highlighted when it is the row whose differences are listed.
fn row(ui: &mut Ui, selected: bool, cells: &[String]) -> bool {
    let mut clicked = false;
    for cell in cells {
        clicked |= ui.selectable_label(selected, cell).clicked();
    }
    ui.end_row();
    clicked
}

fn header(ui: &mut Ui, names: &[&str]) {
    for name in names {
        ui.strong(*name);
    }
    ui.end_row();
}

fn f1_with_counts(c: &Counts) -> String {
    format!("{} ({}/{}·{})", num(c.f1()), c.matched, c.a, c.b)
}

fn pairs(ui: &mut Ui, report: &Agreement, chosen: Option<&DiffFilter>) -> Option<DiffFilter> {
    header(
        ui,
        &["A", "B", "exact F1", "overlap F1", "Cohen's κ", "κ not O", "triggers", "arguments"],
    );
    let mut clicked = None;
    for (i, p) in report.pairs.iter().enumerate() {
        let filter = DiffFilter::pair(i);
        let cells = [
            p.a.clone(),
            p.b.clone(),
            f1_with_counts(&p.exact),
            num(p.overlap.f1()),
            num(p.token_kappa),
            num(p.token_kappa_without_o),
            num(p.triggers.f1()),
            num(p.arguments.f1()),
        ];
        if row(ui, chosen == Some(&filter), &cells) {
            clicked = Some(filter);
        }
    }
    clicked
}

type Groups<'a> = (&'a BTreeMap<String, Counts>, &'a BTreeMap<String, Counts>);

fn by_label(p: &Pair) -> Groups<'_> {
    (&p.exact_by_label, &p.overlap_by_label)
}

fn by_document(p: &Pair) -> Groups<'_> {
    (&p.exact_by_document, &p.overlap_by_document)
}

/// Rows per pair and label (or document): both annotators' counts, then exact and overlap
/// precision, recall and F1.
fn groups(
    ui: &mut Ui,
    report: &Agreement,
    chosen: Option<&DiffFilter>,
    what: &str,
    of: fn(&Pair) -> Groups<'_>,
    filter_of: fn(usize, &str) -> DiffFilter,
) -> Option<DiffFilter> {
    header(ui, &["A", "B", what, "A's", "B's", "exact P", "R", "F1", "overlap P", "R", "F1"]);
    let mut clicked = None;
    for (i, p) in report.pairs.iter().enumerate() {
        let (exact, overlap) = of(p);
        for (name, c) in exact {
            let o = overlap.get(name).copied().unwrap_or_default();
            let filter = filter_of(i, name);
            let cells = [
                p.a.clone(),
                p.b.clone(),
                name.clone(),
                c.a.to_string(),
                c.b.to_string(),
                num(c.precision()),
                num(c.recall()),
                num(c.f1()),
                num(o.precision()),
                num(o.recall()),
                num(o.f1()),
            ];
            if row(ui, chosen == Some(&filter), &cells) {
                clicked = Some(filter);
            }
        }
    }
    clicked
}
