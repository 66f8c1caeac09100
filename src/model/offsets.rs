//! Code point ↔ byte conversions for one immutable text.
//! Inside Acta every offset counts Unicode code points (what Python, spaCy and brat count); Rust
//! slices by bytes, so each document keeps a sampled table and converts only at the edges.

/// One checkpoint every this many code points: memory stays at ~1/8 byte per character while a
/// conversion scans at most this many characters.
const STRIDE: usize = 64;

/// Whether a UTF-8 byte begins a character (is not a continuation byte `10xxxxxx`).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// Byte positions of every `STRIDE`th code point of a text, plus its length in code points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetTable {
    char_len: usize,
    byte_len: usize,
    /// `checkpoints[k]` is the byte offset of code point `k * STRIDE`. Empty for ASCII text,
    /// where both units coincide.
    checkpoints: Vec<usize>,
}

impl OffsetTable {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { char_len: text.len(), byte_len: text.len(), checkpoints: Vec::new() };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        // Bytes rather than `char_indices`: a character starts at every byte that does not
        // continue one, and counting those is several times faster than decoding.
        for (byte, &b) in text.as_bytes().iter().enumerate() {
            if starts_char(b) {
                if char_len % STRIDE == 0 {
                    checkpoints.push(byte);
                }
                char_len += 1;
            }
        }
        Self { char_len, byte_len: text.len(), checkpoints }
    }

    /// Length of the text in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    fn is_ascii(&self) -> bool {
        self.char_len == self.byte_len
    }

    /// Byte offset of code point `cp`; `cp` past the end clamps to the end.
    pub fn byte_of(&self, text: &str, cp: usize) -> usize {
        if cp >= self.char_len {
            return self.byte_len;
        }
        if self.is_ascii() {
            return cp;
        }
        let base = self.checkpoints.get(cp / STRIDE).copied().unwrap_or(self.byte_len);
        let mut skip = cp % STRIDE;
        for (i, &b) in text.as_bytes().get(base..).unwrap_or_default().iter().enumerate() {
            if starts_char(b) {
                if skip == 0 {
                    return base + i;
                }
                skip -= 1;
            }
        }
        self.byte_len
    }

    /// Code point offset of byte `byte`. A byte inside a character counts as that character's
    /// start; past the end clamps to the end.
    pub fn cp_of(&self, text: &str, byte: usize) -> usize {
        if byte >= self.byte_len {
            return self.char_len;
        }
        if self.is_ascii() {
            return byte;
        }
        let k = self.checkpoints.partition_point(|&b| b <= byte).saturating_sub(1);
        let base = self.checkpoints[k];
        // Characters of this stretch that start at or before `byte`; the last of them holds it.
        let started = text[base..].char_indices().take_while(|(b, _)| base + b <= byte).count();
        k * STRIDE + started - 1
    }

    /// The text between two code point offsets (clamped to the text).
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let end = end.max(start);
        &text[self.byte_of(text, start)..self.byte_of(text, end)]
    }

    /// UTF-16 code units before code point `cp`, for formats that count them (doccano's web UI,
    /// JavaScript consumers).
    pub fn utf16_of(&self, text: &str, cp: usize) -> usize {
        let byte = self.byte_of(text, cp);
        text[..byte].chars().map(char::len_utf16).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive_byte_of(text: &str, cp: usize) -> usize {
        text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
    }

    #[test]
    fn cyrillic_nbsp_emoji_crlf() {
        // «Южная Осетия» is 0..12 in code points, 0..23 in bytes.
        let text = "Южная Осетия\u{a0}— 👩‍👩‍👧 ok\r\nдалі́";
        let t = OffsetTable::new(text);
        assert_eq!(t.char_len(), text.chars().count());
        assert_eq!(t.slice(text, 0, 12), "Южная Осетия");
        assert_eq!(t.byte_of(text, 12), "Южная Осетия".len());
        assert_eq!(t.slice(text, 12, 13), "\u{a0}");
        // The family emoji is five code points joined by ZWJ.
        assert_eq!(t.slice(text, 15, 20), "👩‍👩‍👧");
        assert_eq!(t.slice(text, 23, 25), "\r\n");
        assert_eq!(t.slice(text, 25, 30), "далі́");
        assert_eq!(t.cp_of(text, text.len()), t.char_len());
        assert_eq!(t.utf16_of(text, 20), 15 + 8);
    }

    #[test]
    fn ascii_fast_path_and_clamping() {
        let t = OffsetTable::new("hello");
        assert_eq!(t.byte_of("hello", 3), 3);
        assert_eq!(t.byte_of("hello", 99), 5);
        assert_eq!(t.cp_of("hello", 99), 5);
        assert_eq!(t.slice("hello", 4, 2), "");
        let e = OffsetTable::new("");
        assert_eq!(e.char_len(), 0);
        assert_eq!(e.slice("", 0, 3), "");
    }

    #[test]
    fn byte_inside_a_character_maps_to_its_start() {
        let text = "аб";
        let t = OffsetTable::new(text);
        assert_eq!(t.cp_of(text, 1), 0);
        assert_eq!(t.cp_of(text, 2), 1);
        assert_eq!(t.cp_of(text, 3), 1);
    }

    proptest! {
        #[test]
        fn matches_naive_conversion(text in "[a-zа-яіїєґ \u{a0}\r\n😀\u{301}\u{200d}]{0,300}") {
            let t = OffsetTable::new(&text);
            let n = text.chars().count();
            prop_assert_eq!(t.char_len(), n);
            for cp in 0..=n {
                let b = t.byte_of(&text, cp);
                prop_assert_eq!(b, naive_byte_of(&text, cp));
                prop_assert_eq!(t.cp_of(&text, b), cp);
            }
        }
    }
}
