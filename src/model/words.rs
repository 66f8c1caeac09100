//! Word boundaries (Unicode word segmentation, UAX #29) for snapping selections and
//! double-click word selection. Works on a small window around a position, so the cost does not
//! depend on the length of the document or of the selection.

use super::offsets::OffsetTable;
use unicode_segmentation::UnicodeSegmentation;

/// Characters either side of a position that are segmented to find its word. Words longer than
/// this (long URLs) snap to the window's edge, which is harmless.
const WINDOW: usize = 128;

/// A segment of the text around a position: `start..end` in code points, and whether it is a
/// word (holds a letter or digit) rather than spaces or punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub is_word: bool,
}

/// The word-boundary segment holding the character at `pos`.
pub fn segment_at(text: &str, offsets: &OffsetTable, pos: usize) -> Option<Segment> {
    let len = offsets.char_len();
    if pos >= len {
        return None;
    }
    let w_start = pos.saturating_sub(WINDOW);
    let w_end = (pos + WINDOW).min(len);
    let window = offsets.slice(text, w_start, w_end);
    let mut cp = w_start;
    for (_, seg) in window.split_word_bound_indices() {
        let n = seg.chars().count();
        if pos < cp + n {
            let is_word = seg.chars().any(char::is_alphanumeric);
            return Some(Segment { start: cp, end: cp + n, is_word });
        }
        cp += n;
    }
    None
}

/// The word under `pos` for a double-click (or the run of spaces/punctuation there).
pub fn word_at(text: &str, offsets: &OffsetTable, pos: usize) -> Option<(usize, usize)> {
    let seg = segment_at(text, offsets, pos)?;
    Some((seg.start, seg.end))
}

/// Grows a selection so it does not cut a word, then trims white space at both ends.
/// `None` when nothing but white space was selected.
pub fn snap_to_words(
    text: &str,
    offsets: &OffsetTable,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let (mut start, mut end) = (start.min(end), start.max(end).min(offsets.char_len()));
    if start >= end {
        return None;
    }
    if let Some(seg) = segment_at(text, offsets, start)
        && seg.is_word
    {
        start = seg.start;
    }
    if let Some(seg) = segment_at(text, offsets, end - 1)
        && seg.is_word
    {
        end = seg.end;
    }
    trim_whitespace(text, offsets, start, end)
}

/// Drops white space (no-break spaces and line breaks included) from both ends of a range.
pub fn trim_whitespace(
    text: &str,
    offsets: &OffsetTable,
    mut start: usize,
    mut end: usize,
) -> Option<(usize, usize)> {
    let slice = offsets.slice(text, start, end);
    for c in slice.chars() {
        if !c.is_whitespace() {
            break;
        }
        start += 1;
    }
    for c in slice.chars().rev() {
        if start >= end || !c.is_whitespace() {
            break;
        }
        end -= 1;
    }
    (start < end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(text: &str, s: usize, e: usize) -> Option<String> {
        let t = OffsetTable::new(text);
        snap_to_words(text, &t, s, e).map(|(a, b)| t.slice(text, a, b).to_string())
    }

    #[test]
    fn snapping_completes_cut_words() {
        let text = "заявил министр иностранных дел ЛНР Владислав\u{a0}Дейнего.";
        // "нистр иностр" → "министр иностранных"
        assert_eq!(snap(text, 9, 21).as_deref(), Some("министр иностранных"));
        // Spaces at the ends are trimmed; a no-break space inside is kept, and so is
        // punctuation the annotator chose to include.
        assert_eq!(snap(text, 34, 52).as_deref(), Some("Владислав\u{a0}Дейнего"));
        assert_eq!(snap(text, 34, 99).as_deref(), Some("Владислав\u{a0}Дейнего."));
        assert_eq!(snap(text, 6, 7), None);
    }

    #[test]
    fn apostrophes_digits_and_ukrainian_letters() {
        let text = "у м'ясі 2014-го року ґанок їжак";
        assert_eq!(snap(text, 3, 5).as_deref(), Some("м'ясі"));
        assert_eq!(snap(text, 9, 10).as_deref(), Some("2014"));
        assert_eq!(snap(text, 22, 23).as_deref(), Some("ґанок"));
    }

    #[test]
    fn word_under_a_double_click() {
        let text = "Южная Осетия признала";
        let t = OffsetTable::new(text);
        assert_eq!(word_at(text, &t, 8), Some((6, 12)));
        assert_eq!(word_at(text, &t, 5), Some((5, 6)));
        assert_eq!(word_at(text, &t, 99), None);
    }
}
