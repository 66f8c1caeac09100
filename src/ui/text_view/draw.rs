//! Painting one frame of the text view: highlight boxes under the text (nested ones inset),
//! the text itself, the selection, the dots that mark triggers, and the arcs that tie the open
//! (or hovered) event to its arguments.

use super::paint::{inset_for_level, nesting_levels, range_rects};
use super::{Hit, Placed, ROW_PAD, TextViewState, arcs};
use crate::app::AppState;
use crate::app::review::Look;
use crate::model::{AnnId, Document};
use eframe::egui::{Color32, Pos2, Stroke, StrokeKind, Ui, Vec2};
use std::sync::Arc;

/// The colour of differences still to settle in review mode.
const LOUD: Color32 = Color32::from_rgb(220, 38, 38);

pub(super) fn label_color(app: &AppState, label: &str) -> Color32 {
    app.project.schema.label(label).map_or(Color32::GRAY, |l| {
        let [r, g, b] = l.color.0;
        Color32::from_rgb(r, g, b)
    })
}

pub(super) fn event_color(app: &AppState, event_type: &str) -> Color32 {
    app.project.schema.event_type(event_type).map_or(Color32::DARK_GRAY, |t| {
        let [r, g, b] = t.color.0;
        Color32::from_rgb(r, g, b)
    })
}

/// Spans to draw strongly: the selected one, and the trigger and arguments of the open event.
fn emphasised(app: &AppState, doc: &Document) -> Vec<AnnId> {
    let mut out: Vec<AnnId> = app.selected.into_iter().collect();
    if let Some(e) = app.open_event() {
        out.push(e.trigger);
        for a in &e.arguments {
            out.push(doc.event(a.target).map_or(a.target, |nested| nested.trigger));
        }
    }
    out
}

/// The colour of find matches (a highlighter's yellow).
const FOUND: Color32 = Color32::from_rgb(255, 214, 0);

pub(super) fn paint_blocks(ui: &Ui, app: &AppState, view: &mut TextViewState, doc: &Document) {
    let painter = ui.painter();
    view.hits.clear();
    let selection = app.selection.filter(|s| !s.is_empty()).map(|s| s.range());
    let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
    let strong = emphasised(app, doc);
    let found = app.find_hits_in(app.current);
    for placed in &view.visible {
        let Placed { block, origin, galley, .. } = placed;
        // Find matches: a marker-pen band under the text, stronger on the current one.
        for &(start, end, current) in found.iter().filter(|m| m.0 < block.end && m.1 > block.start)
        {
            let local = start.max(block.start) - block.start..end.min(block.end) - block.start;
            let fill = FOUND.gamma_multiply(if current { 0.75 } else { 0.35 });
            for r in range_rects(galley, local) {
                painter.rect_filled(r.translate(origin.to_vec2()), 2.0, fill);
            }
        }
        if block.char_len() > 0 {
            let spans: Vec<_> = doc.spans_overlapping(block.start..block.end).collect();
            let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
            let levels = nesting_levels(&ranges);
            let mut order: Vec<usize> = (0..spans.len()).collect();
            order.sort_by_key(|&k| levels[k]);
            for k in order {
                let span = spans[k];
                let selected = strong.contains(&span.id);
                let color = label_color(app, &span.label);
                let event_type =
                    doc.events_triggered_by(span.id).next().map(|e| e.event_type.clone());
                let local = span.start.max(block.start) - block.start
                    ..span.end.min(block.end) - block.start;
                let look = app.review.as_ref().and_then(|r| r.look(span.id));
                for r in range_rects(galley, local) {
                    let rect = inset_for_level(r.translate(origin.to_vec2()), levels[k], ROW_PAD);
                    let (fill, stroke) = match look {
                        // Review mode: annotators' spans quiet where they agree or gold has
                        // settled them, loud where they differ; gold spans drawn as usual.
                        Some(Look::Quiet) => {
                            (Color32::TRANSPARENT, Stroke::new(1.0, color.gamma_multiply(0.3)))
                        }
                        Some(Look::Loud) => (LOUD.gamma_multiply(0.10), Stroke::new(1.5, color)),
                        Some(Look::Current) => (LOUD.gamma_multiply(0.22), Stroke::new(2.5, color)),
                        None if selected => (color.gamma_multiply(0.45), Stroke::new(2.0, color)),
                        None => (
                            color.gamma_multiply(0.16),
                            Stroke::new(1.0, color.gamma_multiply(0.8)),
                        ),
                    };
                    painter.rect(rect, 3.0, fill, stroke, StrokeKind::Inside);
                    if matches!(look, Some(Look::Loud | Look::Current)) {
                        // A red tick under the box: a difference to settle.
                        let y = rect.bottom() - 1.0;
                        painter.line_segment(
                            [Pos2::new(rect.left() + 1.0, y), Pos2::new(rect.right() - 1.0, y)],
                            Stroke::new(2.0, LOUD),
                        );
                    }
                    if let Some(t) = &event_type {
                        // A trigger with an event: a dot in the event type's colour.
                        painter.circle_filled(
                            rect.left_top() + Vec2::splat(3.5),
                            3.0,
                            event_color(app, t),
                        );
                    }
                    view.hits.push(Hit { rect, id: span.id, level: levels[k] });
                }
            }
        }
        // Suggestions: dashed boxes in their label's colour; the current one stronger.
        for (i, sug) in app.suggest.items.iter().enumerate() {
            if sug.end <= block.start || sug.start >= block.end {
                continue;
            }
            let current = app.suggest.current == Some(i);
            let color = label_color(app, &sug.label);
            let local =
                sug.start.max(block.start) - block.start..sug.end.min(block.end) - block.start;
            for r in range_rects(galley, local) {
                let r = r.translate(origin.to_vec2()).shrink(1.0);
                if current {
                    painter.rect_filled(r, 3.0, color.gamma_multiply(0.18));
                }
                let corners =
                    [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom(), r.left_top()];
                let stroke = Stroke::new(if current { 2.0 } else { 1.2 }, color);
                painter.extend(eframe::egui::Shape::dashed_line(&corners, stroke, 4.0, 3.0));
            }
        }
        painter.galley(*origin, Arc::clone(galley), ui.visuals().text_color());
        if let Some(sel) = &selection
            && sel.start < block.end
            && sel.end > block.start
        {
            let local =
                sel.start.max(block.start) - block.start..sel.end.min(block.end) - block.start;
            for r in range_rects(galley, local) {
                painter.rect_filled(r.translate(origin.to_vec2()), 0.0, selection_color);
            }
        }
    }
}

/// Curves from the open event's trigger to its arguments, and fainter ones for the event under
/// the pointer.
pub(super) fn paint_event_links(
    ui: &Ui,
    app: &AppState,
    view: &TextViewState,
    doc: &Document,
    hover: Option<Pos2>,
) {
    let mut events: Vec<(AnnId, f32)> = app.open_event().map(|e| (e.id, 1.0)).into_iter().collect();
    if let Some(pos) = hover
        && !view.dragging
        && let Some(e) =
            view.spans_at(pos).iter().find_map(|id| doc.events_triggered_by(*id).next())
        && !events.iter().any(|(id, _)| *id == e.id)
    {
        events.push((e.id, 0.55));
    }
    let first_rect = |id: AnnId| view.hits.iter().find(|h| h.id == id).map(|h| h.rect);
    let (top, bottom) = match (view.visible.first(), view.visible.last()) {
        (Some(f), Some(l)) => (f.block.start, l.block.end),
        _ => return,
    };
    let painter = ui.painter();
    for (id, alpha) in events {
        let Some(event) = doc.event(id) else { continue };
        let Some(from) = first_rect(event.trigger) else { continue };
        let color = event_color(app, &event.event_type).gamma_multiply(alpha);
        for (nth, a) in event.arguments.iter().enumerate() {
            let target_span = doc.event(a.target).map_or(a.target, |nested| nested.trigger);
            let target = match (first_rect(target_span), doc.span(target_span)) {
                (Some(r), _) => arcs::Target::Visible(r),
                (None, Some(s)) if s.end <= top => arcs::Target::Above,
                (None, Some(s)) if s.start >= bottom => arcs::Target::Below,
                _ => continue,
            };
            arcs::draw(painter, from, target, &a.role, color, nth);
        }
    }
}
