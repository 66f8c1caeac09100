//! The text view's unit of layout: a paragraph (one line of the text), or a fixed-size piece of
//! a very long line, so that no block is expensive to lay out and a 10 MB document with no line
//! breaks still scrolls block by block. Splitting is one pass over the text, done once per document.

/// A run of text laid out as one galley. Offsets are absolute, in code points and bytes; the
/// line break after a paragraph (`\n` or `\r\n`) belongs to no block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Block {
    pub fn char_len(&self) -> usize {
        self.end - self.start
    }
}

/// Splits `text` into blocks of at most `max_chars` code points, cutting long lines after a
/// space where one is near, so words stay whole.
pub fn split_blocks(text: &str, max_chars: usize) -> Vec<Block> {
    let max_chars = max_chars.max(16);
    let mut blocks = Vec::new();
    let mut cp = 0;
    let mut byte = 0;
    while byte < text.len() {
        let rest = &text[byte..];
        let (line, brk) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (&rest[..i - 1], 2),
            Some(i) => (&rest[..i], 1),
            None => (rest, 0),
        };
        let (line_cps, pieces) = split_line(line, max_chars);
        let mut piece_cp = cp;
        let mut piece_byte = byte;
        for (bytes, cps) in pieces {
            blocks.push(Block {
                start: piece_cp,
                end: piece_cp + cps,
                byte_start: piece_byte,
                byte_end: piece_byte + bytes,
            });
            piece_cp += cps;
            piece_byte += bytes;
        }
        cp += line_cps + brk;
        byte += line.len() + brk;
    }
    blocks
}

/// Pieces of one line as (bytes, code points); an empty line is one empty piece.
fn split_line(line: &str, max_chars: usize) -> (usize, Vec<(usize, usize)>) {
    // Most lines fit in one block: count their characters by their first bytes, which is
    // several times faster than decoding them (opening a 10 MB document splits it all).
    let chars = line.bytes().filter(|&b| (b as i8) >= -0x40).count();
    if chars <= max_chars {
        return (chars, vec![(line.len(), chars)]);
    }
    let mut pieces = Vec::new();
    let mut total = 0;
    let (mut start_byte, mut count) = (0, 0);
    // Last place after a space in the current piece: (byte, code points before it).
    let mut last_break: Option<(usize, usize)> = None;
    for (b, c) in line.char_indices() {
        if count == max_chars {
            let (cut_byte, cut_count) = match last_break {
                Some((lb, lc)) if lc >= max_chars / 2 => (lb, lc),
                _ => (b, count),
            };
            pieces.push((cut_byte - start_byte, cut_count));
            start_byte = cut_byte;
            count -= cut_count;
            last_break = None;
        }
        count += 1;
        total += 1;
        if c.is_whitespace() {
            last_break = Some((b + c.len_utf8(), count));
        }
    }
    pieces.push((line.len() - start_byte, count));
    (total, pieces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn paragraphs_crlf_and_empty_lines() {
        let text = "Южная Осетия\r\n\r\nДНР\nЛНР";
        let b = split_blocks(text, 100);
        let spans: Vec<_> = b.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(spans, vec![(0, 12), (14, 14), (16, 19), (20, 23)]);
        assert_eq!(&text[b[2].byte_start..b[2].byte_end], "ДНР");
    }

    #[test]
    fn long_lines_are_cut_after_spaces() {
        let text = "слово ".repeat(100);
        let b = split_blocks(&text, 64);
        assert!(b.len() >= 10);
        for w in &b[..b.len() - 1] {
            assert!(w.char_len() <= 64);
            assert!(text[w.byte_start..w.byte_end].ends_with(' '));
        }
    }

    proptest! {
        // Blocks tile every character that is not a line break, in order, within the limit.
        #[test]
        fn blocks_tile_the_text(text in "[a-zа-я \u{a0}\r\n😀]{0,400}", max in 16usize..80) {
            let blocks = split_blocks(&text, max);
            let chars: Vec<char> = text.chars().collect();
            let mut covered = vec![false; chars.len()];
            let mut prev_end = 0;
            for b in &blocks {
                prop_assert!(b.start >= prev_end && b.end >= b.start);
                prop_assert!(b.char_len() <= max);
                let s: String = chars[b.start..b.end].iter().collect();
                prop_assert_eq!(&text[b.byte_start..b.byte_end], s.as_str());
                for c in covered.iter_mut().take(b.end).skip(b.start) { *c = true; }
                prev_end = b.end;
            }
            for (i, c) in chars.iter().enumerate() {
                if !covered[i] {
                    prop_assert!(*c == '\n' || (*c == '\r' && chars.get(i + 1) == Some(&'\n')));
                }
            }
        }
    }
}
