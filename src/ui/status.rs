//! The status line: the last message (errors in red), background work (a progress bar with
//! Cancel for imports and exports), and where you are.

use crate::app::AppState;
use eframe::egui::{self, Ui};

/// Draws the status line; true when the user asked to cancel the running import or export.
pub fn status_bar_ui(ui: &mut Ui, state: &AppState) -> bool {
    let mut cancel = false;
    ui.horizontal(|ui| {
        if let Some(task) = state.task() {
            let bar = match task.progress.fraction() {
                Some(f) => egui::ProgressBar::new(f).show_percentage(),
                None => egui::ProgressBar::new(0.0).animate(true),
            };
            ui.label(format!("{}…", capitalised(&task.what)));
            ui.add(bar.desired_width(160.0));
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
            ui.separator();
            // Progress moves without input events: keep the frames coming while it runs.
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        } else if let Some(busy) = state.busy() {
            ui.spinner();
            ui.label(busy);
            ui.separator();
        }
        let hint = match &state.mode {
            crate::app::Mode::Normal => None,
            crate::app::Mode::PickType { .. } => Some("New event: type its type, ↑ ↓ Enter or 1–9; Esc keeps the span"),
            crate::app::Mode::EditEvent { .. } => {
                Some("Event open: a role key (or ↑ ↓ Enter) fills a role; select text first to tag it; Esc closes")
            }
            crate::app::Mode::PickArgument { .. } => {
                Some("Choose the argument: type to filter, ↑ ↓ Enter or 1–9, or click it in the text; Esc goes back")
            }
        };
        if let Some(hint) = hint {
            ui.strong(hint);
            ui.separator();
        }
        if let Some(msg) = &state.status {
            if msg.is_error {
                ui.colored_label(ui.visuals().error_fg_color, &msg.text);
            } else {
                ui.label(&msg.text);
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // The selection is reported here, not above the text, so the text never moves while
            // a selection is being dragged.
            if let Some(sel) = state.selection.filter(|s| !s.is_empty()) {
                let r = sel.range();
                ui.weak(format!("selected {}–{} ({} characters)", r.start, r.end, r.end - r.start));
                ui.separator();
            }
            let docs = state.project.documents.len();
            let spans = state.doc().map_or(0, |d| d.span_count());
            let who = if state.in_review() {
                format!("reviewing as {} → gold layer", state.settings.annotator_name())
            } else {
                format!("annotator {}", state.settings.annotator_name())
            };
            ui.weak(format!(
                "document {} of {docs} · {spans} annotations · {} · {who}",
                (state.current + 1).min(docs),
                if state.settings.snap_to_words { "snap to words" } else { "no snapping" },
            ));
        });
    });
    cancel
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
