//! The right panel: the selected annotation or the open event (with attributes and note), the
//! live list of problems in the project (a click goes there), the document's properties and
//! status, its review (`review_meta.rs`), its events, and its annotations in reading order
//! (virtualised; a click selects one).

use super::attributes::{ExtrasDrafts, annotation_extras_ui};
use super::event_panel::{event_card_ui, event_list_ui};
use super::review_meta::{ReviewDraft, review_ui};
use super::toolbar::label_color32;
use crate::app::AppState;
use crate::model::{AnnId, DocMeta, DocStatus, Edit};
use eframe::egui::{self, RichText, Sense, Ui, vec2};

/// Drafts and scroll state of the panel between frames.
#[derive(Default)]
pub struct PanelState {
    /// Document properties being edited: (document index, draft).
    meta_draft: Option<(usize, DocMeta)>,
    /// The selection the list last scrolled to, so it follows clicks in the text.
    list_followed: Option<AnnId>,
    extras: ExtrasDrafts,
    review: ReviewDraft,
}

pub fn annotation_panel_ui(ui: &mut Ui, state: &mut AppState, panel: &mut PanelState) {
    egui::ScrollArea::vertical()
        .id_salt("panel-top")
        .max_height(ui.available_height() * 0.62)
        .show(ui, |ui| {
            if state.in_review() {
                super::review_panel::review_card_ui(ui, state);
                ui.separator();
            }
            if !event_card_ui(ui, state, &mut panel.extras) {
                selected_annotation_ui(ui, state, panel);
            }
            ui.separator();
            problems_ui(ui, state);
            document_properties_ui(ui, state, panel);
            review_ui(ui, state, &mut panel.review);
            event_list_ui(ui, state);
        });
    ui.separator();
    annotation_list_ui(ui, state, panel);
}

fn selected_annotation_ui(ui: &mut Ui, state: &mut AppState, panel: &mut PanelState) {
    ui.heading("Annotation");
    let Some(doc) = state.doc() else { return };
    let Some(span) = state.selected.and_then(|id| doc.span(id)).cloned() else {
        if let Some(sel) = state.selection.filter(|s| !s.is_empty()) {
            let r = sel.range();
            ui.label(format!("Selected text {}–{}:", r.start, r.end));
            ui.label(RichText::new(format!("«{}»", doc.slice(r.start, r.end))).italics());
            ui.weak("Press a label key (1, 2, 3…) or click a label button to tag it.");
        } else {
            ui.weak("Select text and press a label key, or click a highlight.");
        }
        return;
    };
    let events: Vec<(AnnId, String)> =
        doc.events_triggered_by(span.id).map(|e| (e.id, e.event_type.clone())).collect();
    ui.horizontal(|ui| {
        let mut chosen = span.label.clone();
        let name = ui.label("Label");
        let combo = egui::ComboBox::from_id_salt("relabel").selected_text(&span.label);
        combo
            .show_ui(ui, |ui| {
                for label in &state.project.schema.labels {
                    let text = RichText::new(&label.name).color(label_color32(label.color));
                    ui.selectable_value(&mut chosen, label.name.clone(), text);
                }
            })
            .response
            .labelled_by(name.id);
        if chosen != span.label {
            state.relabel(span.id, &chosen);
        }
    });
    ui.label(RichText::new(format!("«{}»", span.text)).size(15.0));
    ui.weak(format!(
        "offsets {}–{} · {} characters · id {} · by {}",
        span.start,
        span.end,
        span.end - span.start,
        span.id,
        if span.annotator.is_empty() { "unknown" } else { &span.annotator }
    ));
    for (id, event_type) in events {
        if ui.link(format!("Open its {event_type} event")).clicked() {
            state.edit_event(id);
        }
    }
    if state.project.schema.is_trigger_label(&span.label)
        && ui.button("New event on this trigger").clicked()
    {
        state.begin_event(span.id);
    }
    annotation_extras_ui(ui, state, span.id, &span.label, &mut panel.extras);
    if ui.button("Delete annotation").on_hover_text("Delete or Backspace").clicked() {
        state.delete_selected();
    }
}

fn problems_ui(ui: &mut Ui, state: &mut AppState) {
    let count = state.problems().len();
    if count == 0 {
        return;
    }
    let title = format!("⚠ {count} problem(s) in this project");
    egui::CollapsingHeader::new(RichText::new(title).color(ui.visuals().warn_fg_color))
        .id_salt("problems")
        .default_open(true)
        .show(ui, |ui| {
            let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
            let mut go = None;
            egui::ScrollArea::vertical().id_salt("problem-list").max_height(150.0).show_rows(
                ui,
                row,
                count,
                |ui, rows| {
                    for p in state.known_problems().get(rows).unwrap_or_default() {
                        if ui.link(p.to_string()).clicked() {
                            go = Some((p.doc.clone(), p.ann));
                        }
                    }
                },
            );
            if let Some((Some(doc), ann)) = go
                && let Some(i) = state.project.doc_index(&doc)
            {
                state.set_document(i);
                if let Some(id) = ann {
                    state.select_span(id);
                }
            }
        });
    ui.separator();
}

fn document_properties_ui(ui: &mut Ui, state: &mut AppState, panel: &mut PanelState) {
    let Some(doc) = state.doc() else { return };
    let current = state.current;
    if panel.meta_draft.as_ref().is_none_or(|(i, _)| *i != current) {
        panel.meta_draft = Some((current, doc.meta.clone()));
    }
    let saved = doc.meta.clone();
    let Some((_, draft)) = panel.meta_draft.as_mut() else { return };
    ui.horizontal(|ui| {
        let name = ui.label("Status");
        let mut status = saved.status;
        egui::ComboBox::from_id_salt("doc-status")
            .selected_text(status.label())
            .show_ui(ui, |ui| {
                for s in DocStatus::ALL {
                    ui.selectable_value(&mut status, s, s.label());
                }
            })
            .response
            .labelled_by(name.id);
        if status != saved.status {
            let meta = DocMeta { status, ..saved.clone() };
            draft.status = status;
            state.apply(Edit::SetMeta { doc: current, meta });
        }
    });
    let Some(doc) = state.doc() else { return };
    let saved = doc.meta.clone();
    let Some((_, draft)) = panel.meta_draft.as_mut() else { return };
    // Review status, comments and rejections are edited elsewhere (the Review section,
    // adjudication): the draft follows them, so Apply never writes back stale ones.
    if (draft.review, &draft.comments, &draft.rejected)
        != (saved.review, &saved.comments, &saved.rejected)
    {
        draft.review = saved.review;
        draft.comments.clone_from(&saved.comments);
        draft.rejected.clone_from(&saved.rejected);
    }
    egui::CollapsingHeader::new("Document properties").show(ui, |ui| {
        egui::Grid::new("meta").num_columns(2).show(ui, |ui| {
            let field = |ui: &mut Ui, name: &str, value: &mut String| {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(value).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();
            };
            field(ui, "Title", &mut draft.title);
            field(ui, "Language", &mut draft.lang);
            let mut dateline = draft.dateline.clone().unwrap_or_default();
            field(ui, "Dateline", &mut dateline);
            draft.dateline = Some(dateline.trim().to_string()).filter(|d| !d.is_empty());
            field(ui, "Source", &mut draft.source);
            field(ui, "Id", &mut draft.id);
            let label = ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut draft.notes).desired_rows(2).desired_width(200.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
        if *draft != saved {
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    let edit = Edit::SetMeta { doc: current, meta: draft.clone() };
                    state.apply(edit);
                }
                if ui.button("Revert").clicked() {
                    *draft = saved.clone();
                }
            });
        }
    });
    // An undo may change the properties under the draft: follow it when not being edited.
    if let Some(doc) = state.doc()
        && panel.meta_draft.as_ref().is_some_and(|(_, d)| *d == saved)
    {
        panel.meta_draft = Some((current, doc.meta.clone()));
    }
    ui.separator();
}

fn annotation_list_ui(ui: &mut Ui, state: &mut AppState, panel: &mut PanelState) {
    let Some(doc) = state.project.documents.get(state.current).cloned() else { return };
    ui.heading(format!("Annotations ({})", doc.span_count()));
    let row_height = 22.0;
    let mut area =
        egui::ScrollArea::vertical().id_salt(("annotations", state.current)).auto_shrink(false);
    if state.selected != panel.list_followed {
        panel.list_followed = state.selected;
        if let Some(rank) = state.selected.and_then(|id| doc.rank_of(id)) {
            let spacing = ui.spacing().item_spacing.y;
            area = area
                .vertical_scroll_offset(((rank as f32) * (row_height + spacing) - 60.0).max(0.0));
        }
    }
    let mut clicked = None;
    area.show_rows(ui, row_height, doc.span_count(), |ui, rows| {
        for i in rows {
            let Some(span) = doc.nth_span_by_position(i) else { continue };
            let selected = state.selected == Some(span.id);
            let color = state.project.schema.label(&span.label).map(|l| label_color32(l.color));
            let (rect, response) =
                ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::click());
            let text = format!("{}  «{}»  {}–{}", span.label, span.text, span.start, span.end);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &text)
            });
            let visuals = ui.style().interact_selectable(&response, selected);
            if selected || response.hovered() {
                ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
            }
            let chip =
                egui::Rect::from_min_size(rect.left_center() - vec2(-4.0, 5.0), vec2(10.0, 10.0));
            ui.painter().rect_filled(chip, 2.0, color.unwrap_or(egui::Color32::GRAY));
            ui.painter().with_clip_rect(rect).text(
                rect.left_center() + vec2(20.0, 0.0),
                egui::Align2::LEFT_CENTER,
                &text,
                egui::FontId::proportional(13.0),
                visuals.text_color(),
            );
            if response.clicked() {
                clicked = Some(span.id);
            }
        }
    });
    if let Some(id) = clicked {
        state.select_span(id);
        panel.list_followed = Some(id);
    }
}
