//! The article text with its highlights: the heart of the product.
//! Only visible blocks are laid out (each galley cached until the wrap width changes; highlights
//! are painted under the text, so annotations never invalidate a galley), block heights live in a
//! Fenwick tree, and selection is our own: pointer → block → galley cursor → code point.

pub mod arcs;
pub mod blocks;
pub mod heights;
pub mod paint;

use crate::app::{AppState, TextSelection};
use crate::model::words::{snap_to_words, word_at};
use crate::model::{AnnId, Document};
use blocks::{Block, split_blocks};
use eframe::egui::{
    self, Color32, CursorIcon, FontId, Galley, Id, Pos2, Rect, ScrollArea, Sense, Stroke,
    StrokeKind, TextFormat, Ui, Vec2, text::LayoutJob, vec2,
};
use heights::Heights;
use paint::{inset_for_level, nesting_levels, range_rects};
use std::collections::HashMap;
use std::sync::Arc;

/// Longest block in code points: a block's layout must stay well under a millisecond.
const MAX_BLOCK_CHARS: usize = 1500;
const FONT_SIZE: f32 = 16.0;
/// Space above and below the glyphs in each row, where nested boxes are inset.
const ROW_PAD: f32 = 5.0;
/// Margin around the text (room above the first line for argument arcs).
const MARGIN: f32 = 28.0;
/// Galleys kept beyond the visible ones before old ones are dropped.
const GALLEY_CACHE: usize = 300;

/// A block as placed on screen this frame.
#[derive(Clone)]
pub struct Placed {
    pub block: Block,
    pub index: usize,
    pub origin: Pos2,
    pub galley: Arc<Galley>,
}

/// A highlight box on screen, for clicks and hovers.
#[derive(Clone, Copy, Debug)]
struct Hit {
    rect: Rect,
    id: AnnId,
    level: u8,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct LayoutKey {
    wrap: f32,
    pixels_per_point: f32,
    text_color: Color32,
}

/// What the text view remembers between frames. Nothing in here is part of the project.
#[derive(Default)]
pub struct TextViewState {
    /// (document index, text pointer, text length): a different document means new blocks.
    doc_key: Option<(usize, usize, usize)>,
    blocks: Vec<Block>,
    heights: Heights,
    galleys: HashMap<usize, Arc<Galley>>,
    layout: Option<LayoutKey>,
    row_height: f32,
    char_width: f32,
    /// Blocks drawn in the last frame, top to bottom.
    pub visible: Vec<Placed>,
    hits: Vec<Hit>,
    dragging: bool,
    /// A drag from the open event's trigger: the event being linked to what the drag ends on.
    linking: Option<AnnId>,
    /// Scroll correction for blocks above the viewport whose real height differed from the
    /// estimate, so the text under the reader's eyes does not jump.
    scroll_fix: f32,
    offset: f32,
    viewport_height: f32,
}

impl TextViewState {
    /// Screen rectangle of the character at `cp`, if it was drawn in the last frame.
    pub fn char_rect(&self, cp: usize) -> Option<Rect> {
        let p = self.visible.iter().find(|p| p.block.start <= cp && cp < p.block.end)?;
        let local = cp - p.block.start;
        range_rects(&p.galley, local..local + 1).first().map(|r| r.translate(p.origin.to_vec2()))
    }

    /// Number of blocks of the current document (for tests and benchmarks).
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    fn prepare_document(&mut self, doc: &Document, index: usize) {
        let text = doc.text();
        let key = (index, text.as_ptr() as usize, text.len());
        if self.doc_key != Some(key) {
            self.doc_key = Some(key);
            self.blocks = split_blocks(text, MAX_BLOCK_CHARS);
            self.galleys.clear();
            self.layout = None;
            self.visible.clear();
            self.hits.clear();
            self.dragging = false;
        }
    }

    fn prepare_layout(&mut self, ui: &Ui, wrap: f32) {
        let key = LayoutKey {
            wrap: wrap.round(),
            pixels_per_point: ui.ctx().pixels_per_point(),
            text_color: ui.visuals().text_color(),
        };
        if self.layout == Some(key) {
            return;
        }
        self.layout = Some(key);
        self.galleys.clear();
        let font = FontId::proportional(FONT_SIZE);
        let (font_row, char_width) =
            ui.fonts_mut(|f| (f.row_height(&font), f.glyph_width(&font, 'о')));
        self.row_height = (font_row + 2.0 * ROW_PAD).round();
        self.char_width = char_width.max(1.0);
        let per_row = (key.wrap / self.char_width).max(1.0);
        let row = self.row_height;
        self.heights = Heights::new(
            self.blocks
                .iter()
                .map(|b| ((b.char_len() as f32 / per_row).ceil().max(1.0)) * row)
                .collect(),
        );
    }

    fn galley(&mut self, ui: &Ui, doc: &Document, index: usize) -> Arc<Galley> {
        if let Some(g) = self.galleys.get(&index) {
            return Arc::clone(g);
        }
        let block = self.blocks[index];
        let Some(key) = self.layout else {
            return ui.fonts_mut(|f| f.layout_job(LayoutJob::default()));
        };
        let format = TextFormat {
            font_id: FontId::proportional(FONT_SIZE),
            color: key.text_color,
            line_height: Some(self.row_height),
            ..Default::default()
        };
        let text = &doc.text()[block.byte_start..block.byte_end];
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = key.wrap;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        self.galleys.insert(index, Arc::clone(&galley));
        galley
    }

    /// Drops galleys far from the visible blocks once the cache is large.
    fn evict(&mut self, visible: std::ops::Range<usize>) {
        if self.galleys.len() > GALLEY_CACHE + visible.len() {
            let keep = visible.start.saturating_sub(50)..visible.end + 50;
            self.galleys.retain(|k, _| keep.contains(k));
        }
    }

    /// Top of the block holding `cp` plus the row's offset inside it, in content coordinates.
    fn y_of(&mut self, ui: &Ui, doc: &Document, cp: usize) -> Option<f32> {
        let i = self.blocks.partition_point(|b| b.end <= cp).min(self.blocks.len().checked_sub(1)?);
        let block = self.blocks[i];
        let galley = self.galley(ui, doc, i);
        self.fix_height(i, galley.size().y.max(self.row_height), self.offset - MARGIN);
        let local = cp.saturating_sub(block.start).min(block.char_len().saturating_sub(1));
        let row_y = range_rects(&galley, local..local + 1).first().map_or(0.0, |r| r.min.y);
        Some(self.heights.prefix(i) + row_y)
    }

    /// Records a block's real height; returns how much it grew.
    fn fix_height(&mut self, i: usize, height: f32, viewport_top: f32) -> f32 {
        let old = self.heights.get(i);
        if (old - height).abs() < 0.5 {
            return 0.0;
        }
        self.heights.set(i, height);
        if self.heights.prefix(i) + old <= viewport_top {
            // Entirely above the viewport: keep the visible text where it is.
            self.scroll_fix += height - old;
        }
        height - old
    }

    /// The code point under a screen position, from the blocks drawn this frame. Positions above
    /// or below them clamp to the first or last drawn character.
    fn cp_at(&self, pos: Pos2) -> Option<usize> {
        let first = self.visible.first()?;
        let placed = self
            .visible
            .iter()
            .find(|p| pos.y < p.origin.y + p.galley.size().y.max(self.row_height))
            .unwrap_or_else(|| self.visible.last().unwrap_or(first));
        if pos.y < first.origin.y {
            return Some(first.block.start);
        }
        let cursor = placed.galley.cursor_from_pos(pos - placed.origin);
        Some((placed.block.start + cursor.index.0).min(placed.block.end))
    }

    /// Spans under a screen position, innermost first.
    fn spans_at(&self, pos: Pos2) -> Vec<AnnId> {
        let mut hits: Vec<&Hit> = self.hits.iter().filter(|h| h.rect.contains(pos)).collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.level));
        let mut ids: Vec<AnnId> = Vec::new();
        for h in hits {
            if !ids.contains(&h.id) {
                ids.push(h.id);
            }
        }
        ids
    }
}

fn label_color(app: &AppState, label: &str) -> Color32 {
    app.project.schema.label(label).map_or(Color32::GRAY, |l| {
        let [r, g, b] = l.color.0;
        Color32::from_rgb(r, g, b)
    })
}

fn event_color(app: &AppState, event_type: &str) -> Color32 {
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

/// Draws the current document and handles selection, clicks and hovers.
pub fn text_view_ui(ui: &mut Ui, app: &mut AppState, view: &mut TextViewState) {
    // An `Arc` clone: the document stays readable while `app` changes below.
    let Some(doc) = app.project.documents.get(app.current).cloned() else {
        ui.centered_and_justified(|ui| ui.label("No document. File → New from text files…"));
        return;
    };
    view.prepare_document(&doc, app.current);
    let wrap = (ui.available_width() - 2.0 * MARGIN - ui.spacing().scroll.bar_width).max(120.0);
    view.prepare_layout(ui, wrap);

    let mut scroll = ScrollArea::vertical()
        .id_salt(("text", app.current))
        .auto_shrink(false)
        .content_margin(0.0)
        .scroll_source(egui::containers::scroll_area::ScrollSource {
            drag: egui::containers::scroll_area::DragScroll::Never,
            ..Default::default()
        });
    if let Some(cp) = app.reveal.take()
        && let Some(y) = view.y_of(ui, &doc, cp)
    {
        let visible = view.offset + view.row_height
            ..view.offset + view.viewport_height - 2.0 * view.row_height;
        if !visible.contains(&(y + MARGIN)) {
            scroll =
                scroll.vertical_scroll_offset((y + MARGIN - view.viewport_height / 3.0).max(0.0));
            view.scroll_fix = 0.0;
        }
    } else if view.scroll_fix != 0.0 {
        scroll = scroll.vertical_scroll_offset((view.offset + view.scroll_fix).max(0.0));
        view.scroll_fix = 0.0;
    }

    let output = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(view.heights.total() + 2.0 * MARGIN);
        let origin = ui.max_rect().min + vec2(MARGIN, MARGIN);
        place_visible_blocks(ui, &doc, view, origin, viewport);
        paint_blocks(ui, app, view, &doc);
        let response = ui.interact(
            ui.clip_rect(),
            Id::unique(("text-view", app.current)),
            Sense::click_and_drag(),
        );
        paint_event_links(ui, app, view, &doc, response.hover_pos());
        handle_pointer(ui, app, view, &doc, &response);
        hover_tooltip(app, view, &doc, response);
    });
    view.offset = output.state.clamped_offset().y;
    view.viewport_height = output.inner_rect.height();
    handle_keys(ui, app, &doc);
}

fn place_visible_blocks(
    ui: &Ui,
    doc: &Document,
    view: &mut TextViewState,
    origin: Pos2,
    viewport: Rect,
) {
    view.visible.clear();
    if view.blocks.is_empty() {
        return;
    }
    let top = viewport.min.y - MARGIN;
    let bottom = viewport.max.y - MARGIN;
    let first = view.heights.find(top);
    let mut i = first;
    while i < view.blocks.len() {
        let y = view.heights.prefix(i);
        if y > bottom {
            break;
        }
        let galley = view.galley(ui, doc, i);
        view.fix_height(i, galley.size().y.max(view.row_height), top);
        view.visible.push(Placed {
            block: view.blocks[i],
            index: i,
            origin: origin + vec2(0.0, y),
            galley,
        });
        i += 1;
    }
    view.evict(first..i);
}

fn paint_blocks(ui: &Ui, app: &AppState, view: &mut TextViewState, doc: &Document) {
    let painter = ui.painter();
    view.hits.clear();
    let selection = app.selection.filter(|s| !s.is_empty()).map(|s| s.range());
    let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
    let strong = emphasised(app, doc);
    for placed in &view.visible {
        let Placed { block, origin, galley, .. } = placed;
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
                for r in range_rects(galley, local) {
                    let rect = inset_for_level(r.translate(origin.to_vec2()), levels[k], ROW_PAD);
                    let (fill, stroke) = if selected {
                        (color.gamma_multiply(0.45), Stroke::new(2.0, color))
                    } else {
                        (color.gamma_multiply(0.16), Stroke::new(1.0, color.gamma_multiply(0.8)))
                    };
                    painter.rect(rect, 3.0, fill, stroke, StrokeKind::Inside);
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
fn paint_event_links(
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

fn handle_pointer(
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

fn hover_tooltip(app: &AppState, view: &TextViewState, doc: &Document, response: egui::Response) {
    if view.dragging {
        return;
    }
    let Some(pos) = response.hover_pos() else { return };
    let ids = view.spans_at(pos);
    if ids.is_empty() {
        return;
    }
    response.on_hover_ui_at_pointer(|ui| {
        for id in ids {
            let Some(span) = doc.span(id) else { continue };
            ui.horizontal(|ui| {
                ui.colored_label(label_color(app, &span.label), &span.label);
                ui.label(format!("«{}»", span.text));
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
fn handle_keys(ui: &Ui, app: &mut AppState, doc: &Document) {
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
