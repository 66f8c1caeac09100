//! One language's tokenizer as spaCy's `Tokenizer` runs it: exceptions (`specials/LANG.txt`,
//! from `tests/data/tokens/spacy_tables.py`), affixes peeled off each whitespace-free chunk, then
//! infixes, then the pass that merges exceptions the rules had split (`Hi:)`, `до н.э.`).
//! Every chunk and token is looked at, so nothing here allocates per token.

use super::Token;
use super::affixes::{Flavour, infixes, prefix, suffix};
use super::charset::plain;
use super::lookup::{Chars, Shapes, Table};
use super::url::is_url;
use std::sync::OnceLock;

pub(super) struct Rules {
    flavour: Flavour,
    /// Exception → lengths (in chars) of its pieces.
    specials: Table<Vec<usize>>,
    /// The shapes of every exception: most chunks are rejected by this without hashing.
    shapes: Shapes,
    /// First token → the tokens the rules alone make of an exception.
    merges: Table<Vec<Vec<Chars>>>,
    /// Shapes of the merges' first tokens, for the same quick rejection.
    merge_shapes: Shapes,
}

/// UTF-8 length of `chars`, without `len_utf8`'s branches: the sum runs many chars at once.
fn utf8_len(chars: &[char]) -> usize {
    let one = |c: &char| 1 + usize::from(*c >= '\u{80}') + usize::from(*c >= '\u{800}');
    chars.iter().map(|c| one(c) + usize::from(*c >= '\u{10000}')).sum()
}

/// The languages with rules of their own; anything else gets spaCy's multi-language `xx`.
pub(super) const LANGS: [&str; 3] = ["ru", "uk", "en"];

pub(super) fn for_lang(lang: &str) -> &'static Rules {
    static RU: OnceLock<Rules> = OnceLock::new();
    static UK: OnceLock<Rules> = OnceLock::new();
    static EN: OnceLock<Rules> = OnceLock::new();
    static XX: OnceLock<Rules> = OnceLock::new();
    let cyrillic = Flavour { diacritics: true, digit_hyphen: false };
    match lang {
        "ru" => RU.get_or_init(|| Rules::new(include_str!("specials/ru.txt"), cyrillic)),
        "uk" => UK.get_or_init(|| Rules::new(include_str!("specials/uk.txt"), cyrillic)),
        "en" => EN.get_or_init(|| {
            let flavour = Flavour { diacritics: false, digit_hyphen: true };
            Rules::new(include_str!("specials/en.txt"), flavour)
        }),
        _ => XX.get_or_init(|| {
            let flavour = Flavour { diacritics: false, digit_hyphen: false };
            Rules::new(include_str!("specials/xx.txt"), flavour)
        }),
    }
}

/// Python's `str.isspace`, which spaCy splits on: Unicode White_Space plus the four ASCII
/// information separators.
pub fn is_space(c: char) -> bool {
    // Answered without Unicode's table for the code points of most text (it runs per character).
    match c as u32 {
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 => true,
        0x00..=0x84 | 0x86..=0x9f | 0xa1..=0x167f => false,
        _ => c.is_whitespace(),
    }
}

impl Rules {
    fn new(table: &str, flavour: Flavour) -> Self {
        let mut rules = Rules {
            flavour,
            specials: Table::default(),
            shapes: Shapes::new(),
            merges: Table::default(),
            merge_shapes: Shapes::new(),
        };
        for line in table.lines().filter(|l| !l.is_empty()) {
            let key: Chars = line.split('\t').flat_map(str::chars).collect();
            rules.shapes.insert(&key);
            let pieces = line.split('\t').map(|p| p.chars().count()).collect();
            rules.specials.insert(key, pieces);
        }
        // spaCy merges only the exceptions that hold a space or that affix rules would cut,
        // and finds them as the tokens the rules alone make of them.
        let keys: Vec<Chars> = rules.specials.keys().cloned().collect();
        for chars in keys {
            if !chars.contains(&' ')
                && prefix(&chars) == 0
                && suffix(&chars, flavour) == 0
                && infixes(&chars, flavour).is_empty()
            {
                continue;
            }
            let pattern: Vec<Chars> =
                rules.split(&chars, false).iter().map(|p| chars[p.start..p.end].into()).collect();
            if let Some(first) = pattern.first() {
                rules.merge_shapes.insert(first);
                rules.merges.entry(first.clone()).or_default().push(pattern);
            }
        }
        rules
    }

    fn special(&self, s: &[char]) -> Option<&Vec<usize>> {
        if !self.shapes.may_hold(s) {
            return None;
        }
        self.specials.get(s)
    }

    /// spaCy's `_tokenize_affixes`, then (with exceptions) `_apply_special_cases`: runs of
    /// whitespace split the text; a single space after a token is its `ws`, any other run is a
    /// token; each chunk between goes through the exceptions and the affix rules.
    pub(super) fn split(&self, chars: &[char], specials: bool) -> Vec<Token> {
        // About one token per five characters of news text.
        let mut out: Vec<Token> = Vec::with_capacity(chars.len() / 4);
        let mut lens = Vec::new();
        // Byte offsets are counted here, in the one pass over the text, rather than after.
        let mut push = |start: (usize, usize), end: (usize, usize), space, out: &mut Vec<Token>| {
            lens.clear();
            if space {
                lens.push(end.0 - start.0);
            } else {
                self.chunk(&chars[start.0..end.0], specials, &mut lens);
            }
            let (mut from, mut byte) = start;
            for (k, &n) in lens.iter().enumerate() {
                let to = if k + 1 == lens.len() {
                    end.1
                } else {
                    byte + utf8_len(&chars[from..from + n])
                };
                out.push(Token {
                    start: from,
                    end: from + n,
                    byte_start: byte,
                    byte_end: to,
                    ws: false,
                    space,
                });
                (from, byte) = (from + n, to);
            }
        };
        let Some(&first) = chars.first() else { return out };
        let mut in_ws = is_space(first);
        let mut start = (0, 0); // (char, byte)
        let mut byte = 0;
        for (i, &c) in chars.iter().enumerate() {
            let at = byte;
            byte += utf8_len(&[c]);
            if is_space(c) == in_ws {
                continue;
            }
            if start.0 < i {
                push(start, (i, at), in_ws, &mut out);
            }
            if c == ' ' {
                if let Some(last) = out.last_mut() {
                    last.ws = true;
                }
                start = (i + 1, at + 1);
            } else {
                start = (i, at);
            }
            in_ws = !in_ws;
        }
        if start.0 < chars.len() {
            push(start, (chars.len(), byte), in_ws, &mut out);
        }
        if specials && !self.merges.is_empty() {
            self.merge(chars, &mut out);
        }
        out
    }

    /// spaCy's `_split_affixes` and `_attach_tokens` on one chunk, as token lengths.
    fn chunk(&self, s: &[char], specials: bool, out: &mut Vec<usize>) {
        let special = |s: &[char]| if specials { self.special(s) } else { None };
        if let Some(pieces) = special(s) {
            out.extend(pieces);
            return;
        }
        // Most chunks are plain words: no rule below would cut them (`charset::plain`).
        if plain(s) {
            out.push(s.len());
            return;
        }
        let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
        let (mut a, mut b) = (0, s.len());
        let mut last = 0;
        while a < b && b - a != last {
            if special(&s[a..b]).is_some() {
                break;
            }
            last = b - a;
            let pre = prefix(&s[a..b]);
            if pre != 0 && a + pre < b && special(&s[a + pre..b]).is_some() {
                prefixes.push(pre);
                a += pre;
                break;
            }
            let suf = suffix(&s[a + pre..b], self.flavour);
            if suf != 0 && a < b - suf && special(&s[a..b - suf]).is_some() {
                suffixes.push(suf);
                b -= suf;
                break;
            }
            if pre != 0 && suf != 0 && pre + suf <= b - a {
                prefixes.push(pre);
                suffixes.push(suf);
                a += pre;
                b -= suf;
            } else if pre != 0 {
                prefixes.push(pre);
                a += pre;
            } else if suf != 0 {
                suffixes.push(suf);
                b -= suf;
            }
        }
        out.extend(prefixes);
        let rest = &s[a..b];
        if let Some(pieces) = special(rest) {
            out.extend(pieces);
        } else if plain(rest) || is_url(rest) {
            // A plain word is no URL and has no infix: one token either way, found sooner.
            out.push(rest.len());
        } else if !rest.is_empty() {
            let mut start = 0;
            for (from, to) in infixes(rest, self.flavour) {
                if from == 0 {
                    continue; // spaCy ignores an infix at the very start
                }
                if from != start {
                    out.push(from - start);
                }
                out.push(to - from);
                start = to;
            }
            if start < rest.len() {
                out.push(rest.len() - start);
            }
        }
        out.extend(suffixes.iter().rev());
    }

    /// spaCy's `_apply_special_cases`: runs of tokens that are an exception's rule-made tokens
    /// are claimed longest first, then leftmost (a run touching a claimed token is dropped);
    /// a claimed run whose text, spaces included, is an exception becomes that exception's
    /// tokens. This is how `до н.э.` becomes one token with a space inside.
    fn merge(&self, chars: &[char], out: &mut Vec<Token>) {
        let text = |p: &Token| &chars[p.start..p.end];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, piece) in out.iter().enumerate() {
            if !self.merge_shapes.may_hold(text(piece)) {
                continue;
            }
            for pattern in self.merges.get(text(piece)).into_iter().flatten() {
                let end = i + pattern.len();
                if end <= out.len()
                    && out[i..end].iter().zip(pattern).all(|(p, t)| text(p) == &t[..])
                {
                    found.push((i, end));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        found.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
        found.dedup();
        let mut seen = vec![false; out.len()];
        let mut kept = Vec::new();
        for (i, end) in found {
            if !seen[i] && !seen[end - 1] {
                kept.push((i, end));
            }
            seen[i..end].iter_mut().for_each(|s| *s = true);
        }
        kept.sort_unstable();
        let old = std::mem::take(out);
        let mut next = 0;
        for (i, end) in kept {
            let (from, to) = (old[i].start, old[end - 1].end);
            let Some(lens) = self.specials.get(&chars[from..to]) else {
                continue; // spaCy copies the tokens when the text is not an exception
            };
            out.extend_from_slice(&old[next..i]);
            let (mut at, mut byte) = (from, old[i].byte_start);
            for &n in lens {
                let len = utf8_len(&chars[at..at + n]);
                out.push(Token {
                    start: at,
                    end: at + n,
                    byte_start: byte,
                    byte_end: byte + len,
                    ws: false,
                    space: false,
                });
                (at, byte) = (at + n, byte + len);
            }
            if let Some(last) = out.last_mut() {
                last.ws = old[end - 1].ws;
            }
            next = end;
        }
        out.extend_from_slice(&old[next..]);
    }
}
