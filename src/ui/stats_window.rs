//! Project → Statistics: documents done against all, a bar chart of annotations per label, and
//! tables per event type, per annotator and per document. Counted again only when the project
//! changes, so an open window costs nothing while annotating.

use super::toolbar::label_color32;
use crate::app::AppState;
use crate::model::stats::{Stats, collect_stats};
use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

/// The counts and what they were counted for: the history state, the documents' addresses.
#[derive(Default)]
pub struct StatsCache {
    key: Option<(u64, Vec<usize>)>,
    stats: Option<Stats>,
}

impl StatsCache {
    fn get(&mut self, state: &AppState) -> &Stats {
        let docs = state.project.documents.iter().map(|d| std::sync::Arc::as_ptr(d) as usize);
        let key = (state.history.state(), docs.collect());
        if self.key.as_ref() != Some(&key) || self.stats.is_none() {
            self.stats = Some(collect_stats(&state.project));
            self.key = Some(key);
        }
        self.stats.get_or_insert_with(|| collect_stats(&state.project))
    }
}

pub fn stats_window(ctx: &egui::Context, state: &mut AppState, cache: &mut StatsCache) {
    if !state.show_stats {
        return;
    }
    let mut open = true;
    let mut go_to = None;
    egui::Window::new("Statistics").open(&mut open).default_width(520.0).show(ctx, |ui| {
        let stats = cache.get(state);
        let fraction =
            if stats.documents == 0 { 0.0 } else { stats.done as f32 / stats.documents as f32 };
        ui.label(format!(
            "{} documents, {} done · {} spans · {} events",
            stats.documents, stats.done, stats.spans, stats.events
        ));
        ui.add(
            egui::ProgressBar::new(fraction)
                .text(format!("{} of {} done", stats.done, stats.documents)),
        );
        ui.separator();
        label_chart(ui, state, stats);
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            ui.label(RichText::new("Documents").strong());
            egui::Grid::new("stats-documents").striped(true).num_columns(4).show(ui, |ui| {
                for h in ["document", "status", "spans", "events"] {
                    ui.label(RichText::new(h).small().strong());
                }
                ui.end_row();
                for (i, d) in stats.by_document.iter().enumerate() {
                    if ui.link(&d.title).on_hover_text(&d.id).clicked() {
                        go_to = Some(i);
                    }
                    ui.label(&d.status);
                    ui.label(d.spans.to_string());
                    ui.label(d.events.to_string());
                    ui.end_row();
                }
            });
            ui.add_space(6.0);
            ui.horizontal_top(|ui| {
                counts_grid(ui, "annotators", ("annotator", "annotations"), &stats.by_annotator.0);
                ui.add_space(24.0);
                counts_grid(ui, "event-types", ("event type", "events"), &stats.by_event_type.0);
            });
        });
    });
    if let Some(i) = go_to {
        state.set_document(i);
    }
    state.show_stats = open;
}

fn label_chart(ui: &mut Ui, state: &AppState, stats: &Stats) {
    ui.label(RichText::new("Annotations per label").strong());
    let names: Vec<String> = stats.by_label.0.iter().map(|(l, _)| l.clone()).collect();
    let bars: Vec<Bar> = stats
        .by_label
        .0
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let color =
                state.project.schema.label(label).map_or(Color32::GRAY, |l| label_color32(l.color));
            Bar::new(i as f64, *n as f64).name(label).fill(color).width(0.7)
        })
        .collect();
    Plot::new("stats-labels")
        .height(150.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([false, true])
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| plot.bar_chart(BarChart::new("spans", bars)));
}

fn counts_grid(ui: &mut Ui, id: &str, header: (&str, &str), rows: &[(String, usize)]) {
    if rows.is_empty() {
        return;
    }
    egui::Grid::new(id).striped(true).num_columns(2).show(ui, |ui| {
        ui.label(RichText::new(header.0).small().strong());
        ui.label(RichText::new(header.1).small().strong());
        ui.end_row();
        for (name, n) in rows {
            ui.label(if name.is_empty() { "(none)" } else { name });
            ui.label(n.to_string());
            ui.end_row();
        }
    });
}
