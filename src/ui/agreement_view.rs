//! Project → Agreement…: the `acta agree` numbers in a window beside the text — per annotator
//! pair the span F1s, token κ and event F1s, then Fleiss' κ and Krippendorff's α — and, per
//! pair, the spans only one of them has; a click opens that span in its document.

use crate::app::AppState;
use crate::review::agreement::{Agreement, Counts};
use eframe::egui::{self, Grid, RichText};

fn num(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.3}"))
}

fn f1(c: &Counts) -> String {
    format!("{} ({}/{}·{})", num(c.f1()), c.matched, c.a, c.b)
}

/// Draws the window; false once the user closed it.
pub fn agreement_ui(ctx: &egui::Context, state: &mut AppState, report: &Agreement) -> bool {
    let mut open = true;
    let mut go_to: Option<(String, crate::model::AnnId)> = None;
    egui::Window::new("Agreement")
        .open(&mut open)
        .default_width(620.0)
        .default_pos([300.0, 120.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "{} annotators ({}), {} shared documents, {} tokens",
                report.annotators.len(),
                report.annotators.join(", "),
                report.documents.len(),
                report.tokens
            ));
            if report.pairs.is_empty() {
                ui.label("Agreement needs at least two annotators on the same documents.");
                return;
            }
            Grid::new("agreement-pairs").striped(true).show(ui, |ui| {
                for h in [
                    "A",
                    "B",
                    "exact F1",
                    "overlap F1",
                    "Cohen's κ",
                    "κ not O",
                    "triggers",
                    "arguments",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for p in &report.pairs {
                    ui.label(&p.a);
                    ui.label(&p.b);
                    ui.label(f1(&p.exact));
                    ui.label(num(p.overlap.f1()));
                    ui.label(num(p.token_kappa));
                    ui.label(num(p.token_kappa_without_o));
                    ui.label(num(p.triggers.f1()));
                    ui.label(num(p.arguments.f1()));
                    ui.end_row();
                }
            });
            ui.label(format!(
                "All annotators: Fleiss' κ {} (not O: {}), Krippendorff's α {} (not O: {})",
                num(report.fleiss_kappa),
                num(report.fleiss_kappa_without_o),
                num(report.krippendorff_alpha),
                num(report.krippendorff_alpha_without_o)
            ));
            ui.separator();
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                for p in &report.pairs {
                    let title = format!("{} vs {}: {} differences", p.a, p.b, p.differences.len());
                    egui::CollapsingHeader::new(title).show(ui, |ui| {
                        for d in &p.differences {
                            let who = if d.only_in == "a" { &p.a } else { &p.b };
                            let line = format!("{} · only {who}: {} «{}»", d.doc, d.label, d.text);
                            if ui.link(RichText::new(line)).clicked() {
                                go_to = Some((d.doc.clone(), d.ann));
                            }
                        }
                    });
                }
            });
        });
    if let Some((doc, ann)) = go_to
        && let Some(index) = state.project.doc_index(&doc)
    {
        state.set_document(index);
        state.select_span(ann);
    }
    open
}
