//! The document list: title, language and number of annotations of each document; a click
//! shows it. Only the visible rows are drawn, so 10,000 documents cost what 20 do.

use crate::app::AppState;
use eframe::egui::{self, Align2, FontId, Sense, Ui, WidgetInfo, vec2};

pub fn documents_ui(ui: &mut Ui, state: &mut AppState) {
    let n = state.project.documents.len();
    ui.heading("Documents");
    ui.weak(format!("{} · {n} documents", state.project.name));
    ui.separator();
    let row_height = 44.0;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(ui, row_height, n, |ui, rows| {
        for i in rows {
            let Some(doc) = state.project.doc(i) else { continue };
            let title = if doc.meta.title.is_empty() {
                doc.meta.id.clone()
            } else {
                doc.meta.title.clone()
            };
            let status = match doc.meta.status {
                crate::model::DocStatus::New => String::new(),
                other => format!(" · {}", other.label()),
            };
            let events = match doc.event_count() {
                0 => String::new(),
                1 => " · 1 event".to_string(),
                n => format!(" · {n} events"),
            };
            let meta =
                format!("{} · {} annotations{events}{status}", doc.meta.lang, doc.span_count());
            let selected = i == state.current;
            let (rect, response) =
                ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::click());
            response
                .widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &title));
            let visuals = ui.style().interact_selectable(&response, selected);
            if selected || response.hovered() {
                ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
            }
            let painter = ui.painter().with_clip_rect(rect.shrink(2.0));
            let text_color = visuals.text_color();
            painter.text(
                rect.left_top() + vec2(6.0, 5.0),
                Align2::LEFT_TOP,
                &title,
                FontId::proportional(14.0),
                text_color,
            );
            painter.text(
                rect.left_top() + vec2(6.0, 25.0),
                Align2::LEFT_TOP,
                meta,
                FontId::proportional(12.0),
                ui.visuals().weak_text_color(),
            );
            if response.on_hover_text(&title).clicked() {
                state.set_document(i);
            }
        }
    });
}
