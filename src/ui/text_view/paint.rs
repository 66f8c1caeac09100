//! Geometry of highlights inside one laid-out block: which rectangles a character range covers,
//! and how deep each span sits among the spans that overlap it. Nested spans are drawn as nested
//! boxes (inner ones inset), so every span of a stack stays visible and has its own place to click.

use eframe::egui::{Galley, Pos2, Rect, pos2};
use std::ops::Range;

/// Rectangles (galley coordinates) covering a non-empty `range`, one per row it touches;
/// `range` counts code points from the start of the block (egui makes one glyph per char).
pub fn range_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let row_end = row_start + row.glyphs.len();
        let a = range.start.max(row_start);
        let b = range.end.min(row_end);
        if a < b {
            let x0 = row.pos.x + row.x_offset((a - row_start).into());
            let x1 = row.pos.x + row.x_offset((b - row_start).into());
            rects.push(Rect::from_min_max(pos2(x0, row.min_y()), pos2(x1, row.max_y())));
        }
        row_start = row_end + usize::from(row.ends_with_newline);
        if row_start >= range.end {
            break;
        }
    }
    rects
}

/// Nesting levels for spans that overlap one another: outer spans get 0, a span inside (or
/// crossing) another gets the lowest level not used by a span still open at its start.
/// `spans` are (start, end) in reading order (start ascending, then end ascending).
pub fn nesting_levels(spans: &[(usize, usize)]) -> Vec<u8> {
    // Outer spans first: at the same start, the longer one encloses the shorter.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, std::cmp::Reverse(spans[i].1)));
    let mut levels = vec![0u8; spans.len()];
    let mut open: Vec<(usize, u8)> = Vec::new(); // (end, level)
    for i in order {
        let (start, end) = spans[i];
        open.retain(|&(e, _)| e > start);
        let mut level = 0u8;
        while open.iter().any(|&(_, l)| l == level) {
            level = level.saturating_add(1);
        }
        levels[i] = level;
        open.push((end, level));
    }
    levels
}

/// The box of a span at `level` within a row rectangle: each level is inset a little more, so
/// nested spans show as boxes inside boxes. Deep stacks share the innermost inset.
pub fn inset_for_level(rect: Rect, level: u8, row_padding: f32) -> Rect {
    const MAX_VISIBLE_LEVEL: u8 = 3;
    let step = (row_padding / f32::from(MAX_VISIBLE_LEVEL)).max(1.0);
    let k = f32::from(level.min(MAX_VISIBLE_LEVEL));
    // The outermost box stands 2 points clear of the glyphs so its border never touches them.
    let side = 2.0 - k;
    Rect::from_min_max(
        Pos2::new(rect.min.x - side, rect.min.y + 1.0 + k * step),
        Pos2::new(rect.max.x + side, rect.max.y - 1.0 - k * step),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_spans_get_deeper_levels() {
        // Actor 0..27 containing ЛНР 24..27, a separate span after, and a crossing one.
        let spans = [(0, 27), (24, 27), (30, 40), (35, 45)];
        assert_eq!(nesting_levels(&spans), vec![0, 1, 0, 1]);
        // Same start: the longer one is outside.
        assert_eq!(nesting_levels(&[(0, 3), (0, 10)]), vec![1, 0]);
    }

    #[test]
    fn insets_shrink_with_level() {
        let r = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 30.0));
        let a = inset_for_level(r, 0, 6.0);
        let b = inset_for_level(r, 1, 6.0);
        assert!(a.contains_rect(b) && a != b);
        assert_eq!(inset_for_level(r, 9, 6.0), inset_for_level(r, 3, 6.0));
    }
}
