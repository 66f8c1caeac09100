//! Project → Agreement…: the `acta agree` numbers in a window beside the text, broken down by
//! annotator pair, label or document (`table.rs`); a click on a row lists where that pair
//! differs there (`differences.rs`), and a click on a difference opens its span.

mod differences;
mod table;

use crate::app::AppState;
use crate::app::agreement::{AgreementWindow, BreakDown};
use eframe::egui;

fn num(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.3}"))
}

/// Draws the window; false once the user closed it.
pub fn agreement_ui(
    ctx: &egui::Context,
    state: &mut AppState,
    window: &mut AgreementWindow,
) -> bool {
    let mut open = true;
    let mut go_to: Option<(String, crate::model::AnnId)> = None;
    egui::Window::new("Agreement")
        .open(&mut open)
        .default_width(760.0)
        .default_pos([260.0, 100.0])
        .show(ctx, |ui| {
            let report = &window.report;
            ui.label(report.headline());
            if report.pairs.is_empty() {
                ui.label("Agreement needs at least two annotators on the same documents.");
                return;
            }
            let all = format!(
                "All annotators: Fleiss' κ {} (not O: {}), Krippendorff's α {} (not O: {})",
                num(report.fleiss_kappa),
                num(report.fleiss_kappa_without_o),
                num(report.krippendorff_alpha),
                num(report.krippendorff_alpha_without_o)
            );
            ui.horizontal(|ui| {
                ui.label("Break down by");
                for by in BreakDown::ALL {
                    if ui.selectable_label(window.by == by, by.label()).clicked() {
                        window.set_by(by);
                    }
                }
            });
            table::table_ui(ui, window);
            ui.label(all);
            ui.separator();
            go_to = differences::differences_ui(ui, window);
        });
    if let Some((doc, ann)) = go_to
        && let Some(index) = state.project.doc_index(&doc)
    {
        state.set_document(index);
        state.select_span(ann);
    }
    open
}
