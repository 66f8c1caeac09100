//! Plain-text tables for the command line: cells cleaned of control characters and cut to a
//! width, columns padded by terminal width (CJK and emoji count two).

/// A value made safe for one table cell: no line breaks or tabs, at most 40 characters.
pub(super) fn cell(s: &str) -> String {
    let clean = s.chars().map(|c| if c.is_control() { ' ' } else { c });
    let mut out: String = clean.clone().take(40).collect();
    if clean.count() > 40 {
        out.pop();
        out.push('…');
    }
    out
}

/// Terminal columns a string takes. A rough rule instead of a width table: a grapheme is two
/// columns when it starts with a CJK or emoji code point, one otherwise (Cyrillic, Latin, marks).
fn width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let wide = |c: char| {
        matches!(u32::from(c),
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F1E6..=0x1F1FF
            | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1FAFF | 0x20000..=0x3FFFD)
    };
    s.graphemes(true).map(|g| if g.chars().next().is_some_and(wide) { 2 } else { 1 }).sum()
}

/// Plain-text columns, numbers right-aligned, padded to terminal width (see `width`).
pub(crate) fn table(header: &[&str], right: &[bool], rows: Vec<Vec<String>>) -> String {
    let header: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, c) in row.iter().enumerate() {
            let (w, r) = (widths.get(i).copied().unwrap_or(0), right.get(i) == Some(&true));
            let pad = " ".repeat(w.saturating_sub(width(c)));
            if i > 0 {
                line.push_str("  ");
            }
            if r {
                line.push_str(&pad);
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
