//! The document list: title, language and number of annotations of each document, its status,
//! review status and comments; a click shows it. Only the visible rows are drawn, so 10,000
//! documents cost what 20 do.

use crate::app::AppState;
use crate::model::{DocStatus, Document, ReviewStatus};
use eframe::egui::{self, Align2, FontId, Sense, Ui, WidgetInfo, vec2};

/// A row's second line: `ru · 12 annotations · 3 events · done · in review · 2 comments`
/// (what is at its default, new and not started, is left out).
pub fn row_meta(doc: &Document) -> String {
    let status = match doc.meta.status {
        DocStatus::New => String::new(),
        other => format!(" · {}", other.label()),
    };
    let events = match doc.event_count() {
        0 => String::new(),
        1 => " · 1 event".to_string(),
        n => format!(" · {n} events"),
    };
    let review = match doc.meta.review {
        ReviewStatus::NotStarted => "",
        ReviewStatus::InReview => " · in review",
        ReviewStatus::Adjudicated => " · adjudicated ✔",
    };
    let comments = match doc.meta.comments.len() {
        0 => String::new(),
        1 => " · 1 comment".to_string(),
        n => format!(" · {n} comments"),
    };
    format!(
        "{} · {} annotations{events}{status}{review}{comments}",
        doc.meta.lang,
        doc.span_count()
    )
}

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
            let meta = row_meta(doc);
            let selected = i == state.current;
            let (rect, response) =
                ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::click());
            response
                .widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &title));
            // The second line is painted, not a widget: screen readers get it as the row's
            // description (only built when accessibility is on).
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_description(meta.as_str()));
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
                &meta,
                FontId::proportional(12.0),
                ui.visuals().weak_text_color(),
            );
            // A narrow panel clips the second line: the tooltip has all of it.
            let response = response.on_hover_ui(|ui| {
                ui.label(&title);
                ui.weak(&meta);
            });
            if response.clicked() {
                state.set_document(i);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::row_meta;
    use crate::model::{Comment, DocMeta, DocStatus, Document, ReviewStatus};

    #[test]
    fn rows_show_review_status_and_comments_when_there_are_any() {
        let meta = DocMeta { id: "d".into(), lang: "uk".into(), ..Default::default() };
        let doc = Document::new(meta.clone(), "Київ заявив.");
        assert_eq!(row_meta(&doc), "uk · 0 annotations");
        let comment = Comment { author: "a".into(), time: "t".into(), text: "x".into() };
        let meta = DocMeta {
            status: DocStatus::Done,
            review: ReviewStatus::Adjudicated,
            comments: vec![comment.clone(), comment],
            ..meta
        };
        let doc = Document::new(meta.clone(), "Київ заявив.");
        assert_eq!(row_meta(&doc), "uk · 0 annotations · done · adjudicated ✔ · 2 comments");
        let meta = DocMeta { review: ReviewStatus::InReview, comments: vec![], ..meta };
        let doc = Document::new(meta, "Київ заявив.");
        assert_eq!(row_meta(&doc), "uk · 0 annotations · done · in review");
    }
}
