//! Project → Timeline: every dated event of the project on one time axis, a bar over the days
//! its date covers, coloured by event type, with its trigger and actors; a click opens the event
//! in the text. Computed again only when the project changes.

use super::toolbar::label_color32;
use crate::app::AppState;
use crate::assist::timeline::{Timeline, timeline};
use crate::model::date_interval::day_name;
use eframe::egui::{self, Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

const ROW: f32 = 22.0;
const DATE_COLUMN: f32 = 96.0;
const AXIS_SHARE: f32 = 0.35;

#[derive(Default)]
pub struct TimelineCache {
    key: Option<(u64, Vec<usize>)>,
    timeline: Timeline,
}

impl TimelineCache {
    fn get(&mut self, state: &AppState) -> &Timeline {
        let docs = state.project.documents.iter().map(|d| std::sync::Arc::as_ptr(d) as usize);
        let key = (state.history.state(), docs.collect());
        if self.key.as_ref() != Some(&key) {
            self.timeline = timeline(&state.project);
            self.key = Some(key);
        }
        &self.timeline
    }
}

pub fn timeline_window(ctx: &egui::Context, state: &mut AppState, cache: &mut TimelineCache) {
    if !state.show_timeline {
        return;
    }
    let mut open = true;
    let mut clicked = None;
    egui::Window::new("Timeline").open(&mut open).default_size([760.0, 420.0]).show(ctx, |ui| {
        let t = cache.get(state);
        let Some((first, last)) = t.range() else {
            ui.label(format!(
                "No event has a dated argument yet ({} events without one): fill an event's Time \
                 role with a Date that has a value.",
                t.undated
            ));
            return;
        };
        ui.label(format!(
            "{} events from {} to {}{}",
            t.events.len(),
            day_name(first),
            day_name(last),
            if t.undated > 0 { format!(" · {} without a date", t.undated) } else { String::new() }
        ));
        let width = ui.available_width();
        let axis_left = DATE_COLUMN;
        let axis_width = (width * AXIS_SHARE).max(160.0);
        let span = (last - first + 1).max(1) as f32;
        let x_of = move |day: i64| axis_left + axis_width * (day - first) as f32 / span;
        egui::ScrollArea::vertical().auto_shrink(false).show_rows(
            ui,
            ROW,
            t.events.len(),
            |ui, rows| {
                for i in rows {
                    let e = &t.events[i];
                    let actors: Vec<String> =
                        e.actors.iter().map(|(role, text)| format!("{role}: {text}")).collect();
                    let caption =
                        format!("{} «{}» — {}", e.event_type, e.trigger, actors.join(", "));
                    let (rect, response) = ui.allocate_exact_size(vec2(width, ROW), Sense::click());
                    let response = response.on_hover_text(format!(
                        "{}\n{} · {}",
                        caption,
                        e.value,
                        state.project.doc(e.doc).map_or("", |d| d.meta.title.as_str())
                    ));
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &caption)
                    });
                    let painter = ui.painter_at(rect);
                    if response.hovered() {
                        painter.rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
                    }
                    let color = state
                        .project
                        .schema
                        .event_type(&e.event_type)
                        .map_or(Color32::DARK_GRAY, |t| label_color32(t.color));
                    let y = rect.center().y;
                    let text_color = ui.visuals().text_color();
                    let font = FontId::proportional(12.5);
                    painter.text(
                        pos2(rect.left() + 2.0, y),
                        Align2::LEFT_CENTER,
                        &e.value,
                        font.clone(),
                        text_color,
                    );
                    painter.line_segment(
                        [
                            pos2(rect.left() + axis_left, y),
                            pos2(rect.left() + axis_left + axis_width, y),
                        ],
                        Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.4)),
                    );
                    let (x0, x1) = (rect.left() + x_of(e.start), rect.left() + x_of(e.end + 1));
                    let bar =
                        Rect::from_min_max(pos2(x0, y - 6.0), pos2(x1.max(x0 + 6.0), y + 6.0));
                    painter.rect_filled(bar, 3.0, color);
                    painter.text(
                        pos2(rect.left() + axis_left + axis_width + 8.0, y),
                        Align2::LEFT_CENTER,
                        &caption,
                        font,
                        text_color,
                    );
                    if response.clicked() {
                        clicked = Some((e.doc, e.event));
                    }
                }
            },
        );
    });
    if let Some((doc, event)) = clicked {
        state.set_document(doc);
        state.select_span(event);
    }
    state.show_timeline = open;
}
