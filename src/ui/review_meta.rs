//! The right panel's Review section: where the document stands in review (a combo), the
//! reviewers' comments in time order with author and time, and a field to add one (the button
//! or Ctrl+Enter). Changes go through `AppState`, so each is one undo step.

use crate::app::AppState;
use crate::app::clock::brief_time;
use crate::app::review_meta::comments_in_time_order;
use crate::model::ReviewStatus;
use eframe::egui::{self, Key, Modifiers, RichText, Ui};

/// The comment being written, and for which document (a switch starts afresh, so a comment
/// never lands on a document it was not written for).
#[derive(Default)]
pub struct ReviewDraft {
    doc: usize,
    text: String,
}

pub fn review_ui(ui: &mut Ui, state: &mut AppState, draft: &mut ReviewDraft) {
    let current = state.current;
    let Some(doc) = state.project.documents.get(current).cloned() else { return };
    if draft.doc != current {
        *draft = ReviewDraft { doc: current, text: String::new() };
    }
    let meta = &doc.meta;
    let title = match meta.comments.len() {
        0 => "Review".to_string(),
        n => format!("Review · {n} comment{}", if n == 1 { "" } else { "s" }),
    };
    egui::CollapsingHeader::new(title).id_salt("review").default_open(true).show(ui, |ui| {
        ui.horizontal(|ui| {
            let name = ui.label("Review status");
            let mut status = meta.review;
            egui::ComboBox::from_id_salt("review-status")
                .selected_text(status.label())
                .show_ui(ui, |ui| {
                    for s in ReviewStatus::ALL {
                        ui.selectable_value(&mut status, s, s.label());
                    }
                })
                .response
                .labelled_by(name.id);
            if status != meta.review {
                state.set_review_status(current, status);
            }
        });
        let mut remove = None;
        for i in comments_in_time_order(&meta.comments) {
            let Some(c) = meta.comments.get(i) else { continue };
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let author = if c.author.is_empty() { "unknown" } else { &c.author };
                ui.label(RichText::new(format!("{author} · {}", brief_time(&c.time))).weak());
                if ui.small_button("✕").on_hover_text("Delete this comment").clicked() {
                    remove = Some(i);
                }
            });
            ui.add(egui::Label::new(&c.text).wrap());
        }
        if let Some(i) = remove {
            state.remove_comment(current, i);
        }
        ui.add_space(4.0);
        let name = ui.label("New comment");
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut draft.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("Ctrl+Enter adds it"),
            )
            .labelled_by(name.id);
        // Plain Enter is a new line in the comment; Ctrl+Enter (not a newline in egui) adds it.
        let ctrl_enter =
            field.has_focus() && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
        if (ui.button("Add comment").clicked() || ctrl_enter)
            && state.add_comment(current, &draft.text)
        {
            draft.text.clear();
        }
    });
    ui.separator();
}
