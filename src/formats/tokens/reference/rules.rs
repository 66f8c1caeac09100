//! The rules as first written (a `String` per exception looked up, per token in the merge pass),
//! unchanged but for paths: the reference the fast `../rules.rs` is held to.

use super::super::is_space;
use super::super::url::is_url;
use super::affixes::{Flavour, infixes, prefix, suffix};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub(super) struct Rules {
    flavour: Flavour,
    /// Exception → lengths (in chars) of its pieces.
    specials: HashMap<String, Vec<usize>>,
    /// (first char, last char, length) of every exception: most chunks are rejected by this
    /// without building a `String` to look up.
    shapes: HashSet<(char, char, usize)>,
    /// First token → the tokens the rules alone make of an exception.
    merges: HashMap<String, Vec<Vec<String>>>,
    /// Shapes of the merges' first tokens, for the same quick rejection.
    merge_shapes: HashSet<(char, char, usize)>,
}

fn shape(s: &[char]) -> Option<(char, char, usize)> {
    Some((*s.first()?, *s.last()?, s.len()))
}

/// A token as char positions: `ws` is a single space after it, `space` a whitespace token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    pub start: usize,
    pub end: usize,
    pub ws: bool,
    pub space: bool,
}

pub(super) fn for_lang(lang: &str) -> &'static Rules {
    static RU: OnceLock<Rules> = OnceLock::new();
    static UK: OnceLock<Rules> = OnceLock::new();
    static EN: OnceLock<Rules> = OnceLock::new();
    static XX: OnceLock<Rules> = OnceLock::new();
    let cyrillic = Flavour { diacritics: true, digit_hyphen: false };
    match lang {
        "ru" => RU.get_or_init(|| Rules::new(include_str!("../specials/ru.txt"), cyrillic)),
        "uk" => UK.get_or_init(|| Rules::new(include_str!("../specials/uk.txt"), cyrillic)),
        "en" => EN.get_or_init(|| {
            let flavour = Flavour { diacritics: false, digit_hyphen: true };
            Rules::new(include_str!("../specials/en.txt"), flavour)
        }),
        _ => XX.get_or_init(|| {
            let flavour = Flavour { diacritics: false, digit_hyphen: false };
            Rules::new(include_str!("../specials/xx.txt"), flavour)
        }),
    }
}

impl Rules {
    fn new(table: &str, flavour: Flavour) -> Self {
        let mut rules = Rules {
            flavour,
            specials: HashMap::new(),
            shapes: HashSet::new(),
            merges: HashMap::new(),
            merge_shapes: HashSet::new(),
        };
        for line in table.lines().filter(|l| !l.is_empty()) {
            let key: String = line.split('\t').collect();
            let chars: Vec<char> = key.chars().collect();
            rules.shapes.extend(shape(&chars));
            let pieces = line.split('\t').map(|p| p.chars().count()).collect();
            rules.specials.insert(key, pieces);
        }
        // spaCy merges only the exceptions that hold a space or that affix rules would cut,
        // and finds them as the tokens the rules alone make of them.
        let keys: Vec<String> = rules.specials.keys().cloned().collect();
        for key in keys {
            let chars: Vec<char> = key.chars().collect();
            if !chars.contains(&' ')
                && prefix(&chars) == 0
                && suffix(&chars, flavour) == 0
                && infixes(&chars, flavour).is_empty()
            {
                continue;
            }
            let pattern: Vec<String> = rules
                .split(&chars, false)
                .iter()
                .map(|p| String::from_iter(&chars[p.start..p.end]))
                .collect();
            if let Some(first) = pattern.first() {
                let first_chars: Vec<char> = first.chars().collect();
                rules.merge_shapes.extend(shape(&first_chars));
                rules.merges.entry(first.clone()).or_default().push(pattern);
            }
        }
        rules
    }

    fn special(&self, s: &[char]) -> Option<&Vec<usize>> {
        if !shape(s).is_some_and(|k| self.shapes.contains(&k)) {
            return None;
        }
        self.specials.get(&String::from_iter(s))
    }

    /// spaCy's `_tokenize_affixes`, then (with exceptions) `_apply_special_cases`: runs of
    /// whitespace split the text; a single space after a token is its `ws`, any other run is a
    /// token; each chunk between goes through the exceptions and the affix rules.
    pub(super) fn split(&self, chars: &[char], specials: bool) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut lens = Vec::new();
        let mut push = |start: usize, end: usize, space: bool, out: &mut Vec<Piece>| {
            lens.clear();
            if space {
                lens.push(end - start);
            } else {
                self.chunk(&chars[start..end], specials, &mut lens);
            }
            let mut from = start;
            for &n in &lens {
                out.push(Piece { start: from, end: from + n, ws: false, space });
                from += n;
            }
        };
        let Some(&first) = chars.first() else { return out };
        let mut in_ws = is_space(first);
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            if is_space(c) == in_ws {
                continue;
            }
            if start < i {
                push(start, i, in_ws, &mut out);
            }
            if c == ' ' {
                if let Some(last) = out.last_mut() {
                    last.ws = true;
                }
                start = i + 1;
            } else {
                start = i;
            }
            in_ws = !in_ws;
        }
        if start < chars.len() {
            push(start, chars.len(), in_ws, &mut out);
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
        } else if is_url(rest) {
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
    fn merge(&self, chars: &[char], out: &mut Vec<Piece>) {
        let texts: Vec<String> =
            out.iter().map(|p| String::from_iter(&chars[p.start..p.end])).collect();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            for pattern in self.merges.get(text).into_iter().flatten() {
                let end = i + pattern.len();
                if end <= texts.len() && texts[i..end] == pattern[..] {
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
            let Some(lens) = self.specials.get(&String::from_iter(&chars[from..to])) else {
                continue; // spaCy copies the tokens when the text is not an exception
            };
            out.extend_from_slice(&old[next..i]);
            let mut at = from;
            for &n in lens {
                out.push(Piece { start: at, end: at + n, ws: false, space: false });
                at += n;
            }
            if let Some(last) = out.last_mut() {
                last.ws = old[end - 1].ws;
            }
            next = end;
        }
        out.extend_from_slice(&old[next..]);
    }
}
