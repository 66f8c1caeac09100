//! The text view's input: drag to select (scrolling past the edges), double-click a word,
//! shift+click to extend, click a box (again to walk out of a stack), drag from an open event's
//! trigger to link an argument, hover tooltips, and Shift+arrows to move the selection's head.

use super::draw::{event_color, label_color};
use super::{MARGIN, TextViewState};
use crate::app::{AppState, TextSelection};
use crate::model::Document;
use crate::model::words::{snap_to_words, word_at};
use eframe::egui::{self, CursorIcon, Stroke, Ui, Vec2};

pub(super) fn handle_pointer(
    ui: &Ui,
    app: &mut AppState,
    view: &mut TextViewState,
    doc: &Document,
    response: &egui::Response,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    if response.hovered() && !view.dragging {
        let over_span = response.hover_pos().is_some_and(|p| !view.spans_at(p).is_empty());
        ui.ctx().set_cursor_icon(if over_span {
            CursorIcon::PointingHand
        } else {
            CursorIcon::Text
        });
    }
    let trigger_of_open = app.open_event().map(|e| (e.id, e.trigger));
    if response.drag_started()
        && let (Some((event, trigger)), Some(origin)) =
            (trigger_of_open, ui.input(|i| i.pointer.press_origin()))
        && view.spans_at(origin).contains(&trigger)
    {
        // Dragging from the open event's trigger links an argument instead of selecting text.
        view.linking = Some(event);
    } else if response.drag_started() {
        let origin = ui.input(|i| i.pointer.press_origin());
        if let Some(cp) = origin.and_then(|p| view.cp_at(p)) {
            let anchor = match app.selection {
                Some(s) if shift => s.anchor,
                _ => cp,
            };
            app.selection = Some(TextSelection::new(anchor, cp));
            app.selected = None;
            view.dragging = true;
        }
    }
    if view.dragging
        && response.dragged()
        && let Some(pos) = response.interact_pointer_pos()
    {
        if let (Some(cp), Some(sel)) = (view.cp_at(pos), app.selection.as_mut()) {
            sel.head = cp;
        }
        // Past the top or bottom edge the text scrolls, so a drag can cross pages.
        let clip = ui.clip_rect();
        let max_offset = view.heights.total() + 2.0 * MARGIN - view.viewport_height;
        let speed = if pos.y < clip.top() + 4.0 && view.offset > 0.0 {
            clip.top() + 4.0 - pos.y
        } else if pos.y > clip.bottom() - 4.0 && view.offset < max_offset {
            clip.bottom() - 4.0 - pos.y
        } else {
            0.0
        };
        if speed != 0.0 {
            ui.scroll_with_delta(Vec2::new(0.0, speed.clamp(-40.0, 40.0)));
            ui.ctx().request_repaint();
        }
    }
    if let Some(event) = view.linking {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let from =
            trigger_of_open.and_then(|(_, t)| view.hits.iter().find(|h| h.id == t)).map(|h| h.rect);
        if let (Some(from), Some(to)) = (from, pointer) {
            let color = ui.visuals().selection.stroke.color;
            ui.painter().arrow(from.center_top(), to - from.center_top(), Stroke::new(2.0, color));
        }
        if response.drag_stopped() {
            view.linking = None;
            let target = pointer.and_then(|p| {
                view.spans_at(p).into_iter().find(|id| Some(*id) != trigger_of_open.map(|t| t.1))
            });
            match target {
                Some(id) => app.link_argument(event, id),
                None => app.info("Drop on an annotation to make it an argument"),
            }
        }
        return;
    }
    if response.drag_stopped() && view.dragging {
        view.dragging = false;
        finish_selection(app, doc);
    }
    let Some(pos) = response.interact_pointer_pos() else { return };
    if response.double_clicked() {
        if let Some((a, b)) = view.cp_at(pos).and_then(|cp| word_at(doc.text(), doc.offsets(), cp))
        {
            app.selection = Some(TextSelection::new(a, b));
            app.selected = None;
        }
    } else if response.clicked() {
        let Some(cp) = view.cp_at(pos) else { return };
        if shift {
            let anchor = app
                .selection
                .map(|s| s.anchor)
                .or_else(|| app.selected.and_then(|id| doc.span(id)).map(|s| s.start))
                .unwrap_or(cp);
            app.selection = Some(TextSelection::new(anchor, cp));
            app.selected = None;
            finish_selection(app, doc);
            return;
        }
        let under = view.spans_at(pos);
        // Clicking again on a stack of spans walks outwards through it.
        let next = match app.selected.and_then(|id| under.iter().position(|&x| x == id)) {
            Some(k) => under.get(k + 1).or(under.first()).copied(),
            None => under.first().copied(),
        };
        match next {
            Some(id) => app.click_span(id),
            // A click on a suggestion makes it the current one.
            None if let Some(i) = app.suggestion_at(cp) => app.focus_suggestion(i),
            None => {
                if !matches!(app.mode, crate::app::Mode::PickArgument { .. }) {
                    app.selected = None;
                    app.mode = crate::app::Mode::Normal;
                }
                app.selection = Some(TextSelection::new(cp, cp));
            }
        }
    }
}

/// After a drag or shift+click: snap to words if asked, and drop empty selections to a caret.
fn finish_selection(app: &mut AppState, doc: &Document) {
    let Some(sel) = app.selection else { return };
    if sel.is_empty() || !app.settings.snap_to_words {
        return;
    }
    let r = sel.range();
    if let Some((a, b)) = snap_to_words(doc.text(), doc.offsets(), r.start, r.end) {
        let backwards = sel.head < sel.anchor;
        app.selection =
            Some(if backwards { TextSelection::new(b, a) } else { TextSelection::new(a, b) });
    }
}

pub(super) fn hover_tooltip(
    app: &AppState,
    view: &TextViewState,
    doc: &Document,
    response: egui::Response,
) {
    if view.dragging {
        return;
    }
    let Some(pos) = response.hover_pos() else { return };
    let ids = view.spans_at(pos);
    let suggestion = view.cp_at(pos).and_then(|cp| app.suggestion_at(cp));
    if ids.is_empty() && suggestion.is_none() {
        return;
    }
    response.on_hover_ui_at_pointer(|ui| {
        // A suggestion says what it would add and where it came from.
        if let Some(s) = suggestion.and_then(|i| app.suggest.items.get(i)) {
            ui.horizontal(|ui| {
                ui.colored_label(label_color(app, &s.label), format!("suggested {}", s.label));
                ui.label(format!("«{}»", s.text));
            });
            if let Some(value) = &s.value {
                ui.weak(format!("    {value}"));
            }
            ui.weak(format!("    from {}", s.source));
            ui.weak("    click, then Enter accepts, Backspace rejects");
        }
        for id in ids {
            let Some(span) = doc.span(id) else { continue };
            ui.horizontal(|ui| {
                ui.colored_label(label_color(app, &span.label), &span.label);
                ui.label(format!("«{}»", span.text));
                if app.in_review() {
                    ui.weak(if span.annotator.is_empty() { "(unnamed)" } else { &span.annotator });
                }
            });
            for (name, value) in &span.attributes {
                ui.weak(format!("    {name}: {value}"));
            }
            for event in doc.events_triggered_by(id) {
                let args: Vec<String> = event
                    .arguments
                    .iter()
                    .map(|a| {
                        format!("{} {}", a.role, crate::ui::event_panel::describe(doc, a.target))
                    })
                    .collect();
                ui.colored_label(
                    event_color(app, &event.event_type),
                    format!("    {} event: {}", event.event_type, args.join("; ")),
                );
            }
        }
    });
}

/// Shift+arrows move the selection's head by a character; with Ctrl by a word.
pub(super) fn handle_keys(ui: &Ui, app: &mut AppState, doc: &Document) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    let Some(sel) = app.selection else { return };
    let word = egui::Modifiers::SHIFT.plus(egui::Modifiers::COMMAND);
    let (left_word, right_word, left, right) = ui.input_mut(|i| {
        (
            i.consume_key(word, egui::Key::ArrowLeft),
            i.consume_key(word, egui::Key::ArrowRight),
            i.consume_key(egui::Modifiers::SHIFT, egui::Key::ArrowLeft),
            i.consume_key(egui::Modifiers::SHIFT, egui::Key::ArrowRight),
        )
    });
    let len = doc.char_len();
    let head = sel.head;
    let new_head = if right_word {
        crate::model::words::segment_at(doc.text(), doc.offsets(), head).map_or(len, |s| s.end)
    } else if left_word {
        crate::model::words::segment_at(doc.text(), doc.offsets(), head.saturating_sub(1))
            .map_or(0, |s| s.start)
    } else if right {
        (head + 1).min(len)
    } else if left {
        head.saturating_sub(1)
    } else {
        return;
    };
    app.extend_selection_to(new_head, sel.anchor);
}
