//! Above the text: the document's title and metadata, one button per label (with its hotkey),
//! the snapping toggle and what is selected.

use crate::app::{AppState, Command};
use eframe::egui::{self, Color32, RichText, Ui};

pub fn label_color32(rgb: crate::model::Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

pub fn toolbar_ui(ui: &mut Ui, state: &mut AppState) {
    if let Some(doc) = state.doc() {
        ui.heading(&doc.meta.title);
        let mut meta = vec![doc.meta.lang.clone()];
        if let Some(d) = &doc.meta.dateline {
            meta.push(d.clone());
        }
        if !doc.meta.source.is_empty() {
            meta.push(doc.meta.source.clone());
        }
        meta.push(format!("{} characters", doc.char_len()));
        ui.weak(meta.join(" · "));
    }
    ui.horizontal_wrapped(|ui| {
        let labels = state.project.schema.labels.clone();
        for label in labels {
            let color = label_color32(label.color);
            if let Some(key) = &label.hotkey {
                ui.label(RichText::new(key).monospace().weak());
            }
            let button = egui::Button::new(RichText::new(&label.name).strong())
                .fill(color.gamma_multiply(0.25))
                .stroke(egui::Stroke::new(1.0, color));
            let hint = match &label.hotkey {
                Some(key) => format!("Tag the selection as {} (key {key})", label.name),
                None => format!("Tag the selection as {}", label.name),
            };
            if ui.add(button).on_hover_text(hint).clicked() {
                state.tag(&label.name);
            }
        }
        ui.separator();
        let mut snap = state.settings.snap_to_words;
        if ui.checkbox(&mut snap, "Snap to words").changed() {
            state.run(Command::ToggleSnap);
        }
    });
    ui.separator();
}
