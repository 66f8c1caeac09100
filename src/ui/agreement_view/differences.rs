//! Below the table: where the chosen row's annotators differ (every pair's until a row is
//! clicked), one line per span only one of them has; a click opens the span. Only the visible
//! lines are laid out, so a report with thousands of differences costs what a short one does.

use crate::app::agreement::AgreementWindow;
use crate::model::AnnId;
use eframe::egui::{self, TextStyle, TextWrapMode, Ui};

/// Draws the list; the document and span to open when a line was clicked.
pub(super) fn differences_ui(ui: &mut Ui, window: &mut AgreementWindow) -> Option<(String, AnnId)> {
    let list = window.differences();
    // Lines name the pair only when several pairs' differences are listed together.
    let several = window.filter.is_none() && window.report.pairs.len() > 1;
    let (mut go_to, mut show_all) = (None, false);
    ui.horizontal(|ui| {
        ui.strong(format!("Differences, {}: {}", window.filter_title(), list.len()));
        if window.filter.is_some() && ui.button("Show all").clicked() {
            show_all = true;
        }
    });
    if list.is_empty() {
        ui.label("No differences here: both annotated exactly the same spans.");
    } else {
        let height = ui.text_style_height(&TextStyle::Body);
        egui::ScrollArea::vertical()
            .id_salt("agreement-differences")
            .max_height(320.0)
            .auto_shrink([false, true])
            .show_rows(ui, height, list.len(), |ui, rows| {
                // One line each, or `show_rows` would misplace the rows after a long one.
                ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
                for (p, d) in &list[rows] {
                    let who = if d.only_in == "a" { &p.a } else { &p.b };
                    let pair =
                        if several { format!("{} vs {} · ", p.a, p.b) } else { String::new() };
                    let text = d.text.replace(['\n', '\r', '\t'], " ");
                    let line = format!("{pair}{} · only {who}: {} «{text}»", d.doc, d.label);
                    if ui.link(line).clicked() {
                        go_to = Some((d.doc.clone(), d.ann));
                    }
                }
            });
    }
    if show_all {
        window.filter = None;
    }
    go_to
}
