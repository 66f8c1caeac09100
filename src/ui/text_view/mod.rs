//! The article text with its highlights: the heart of the product.
//! Only visible blocks are laid out (each galley cached until the wrap width changes; highlights
//! are painted under the text, so annotations never invalidate a galley), block heights live in a
//! Fenwick tree, and selection is our own: pointer → block → galley cursor → code point.

pub mod arcs;
pub mod blocks;
mod draw;
pub mod heights;
mod interact;
pub mod paint;

use crate::app::AppState;
use crate::model::{AnnId, Document};
use blocks::{Block, split_blocks};
use draw::{paint_blocks, paint_event_links};
use eframe::egui::{
    self, Color32, FontId, Galley, Id, Pos2, Rect, ScrollArea, Sense, TextFormat, Ui,
    text::LayoutJob, vec2,
};
use heights::Heights;
use interact::{handle_keys, handle_pointer, hover_tooltip};
use paint::range_rects;
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
