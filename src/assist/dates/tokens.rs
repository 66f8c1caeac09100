//! The text cut into words, numbers and single punctuation marks with their code point ranges,
//! so the date rules match whole words on any script and never split a character. Each token
//! knows what separates it from the previous one (nothing, spaces, a line break).

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters (any script), with apostrophes inside: «п'ятниця».
    Word,
    /// ASCII digits.
    Num,
    /// One character that is neither: `.`, `/`, `:`, `,`, quotes, dashes.
    Punct,
}

/// What lies between a token and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    None,
    /// Spaces or tabs (no-break spaces included), no line break.
    Space,
    /// Whitespace with a line break: a date never runs across it.
    Break,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub gap: Gap,
}

impl Token {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// The number, for a run of at most `max` digits.
    pub fn num(&self, max: usize) -> Option<u32> {
        (self.kind == Kind::Num && self.text.len() <= max).then(|| self.text.parse().ok())?
    }

    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The tokens of `text`, their offsets counted from `base` (the code point where `text` starts).
pub(super) fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut gap = Gap::None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let line_break = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
            gap = if line_break || gap == Gap::Break { Gap::Break } else { Gap::Space };
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Num
        } else if c.is_alphabetic() {
            // Marks (accents) belong to the word; an apostrophe only between letters.
            while i < chars.len() {
                let d = chars[i];
                let inner_apostrophe =
                    is_apostrophe(d) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
                if d.is_alphabetic() || inner_apostrophe || is_mark(d) {
                    i += 1;
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        let text: String = chars[start..i].iter().collect();
        let lower = text.to_lowercase().replace(['’', 'ʼ'], "'").replace('ё', "е");
        out.push(Token { kind, start: base + start, end: base + i, text, lower, gap });
        gap = Gap::None;
    }
    out
}

/// Combining marks (the stress accent of teaching texts, decomposed letters).
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_gaps() {
        let t = tokenize("Wed, 25/05/2022\u{a0}п’ятниця G20\nдо", 0);
        let kinds: Vec<(&str, Kind, Gap)> =
            t.iter().map(|t| (t.lower.as_str(), t.kind, t.gap)).collect();
        assert_eq!(
            kinds,
            [
                ("wed", Kind::Word, Gap::None),
                (",", Kind::Punct, Gap::None),
                ("25", Kind::Num, Gap::Space),
                ("/", Kind::Punct, Gap::None),
                ("05", Kind::Num, Gap::None),
                ("/", Kind::Punct, Gap::None),
                ("2022", Kind::Num, Gap::None),
                ("п'ятниця", Kind::Word, Gap::Space),
                ("g", Kind::Word, Gap::Space),
                ("20", Kind::Num, Gap::None),
                ("до", Kind::Word, Gap::Break),
            ]
        );
        // Code points, not bytes.
        assert_eq!((t[7].start, t[7].end), (16, 24));
        assert_eq!(tokenize("  ab", 10)[0].start, 12);
    }
}
