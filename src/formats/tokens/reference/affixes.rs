//! The affix rules as first written (a search of the generated ranges per class test, lists of
//! strings compared char by char), unchanged: the reference the fast `../affixes.rs` is held to.

use super::super::classes::{ALPHA, ALPHA_LOWER, ALPHA_UPPER, ICONS};

/// `LIST_PUNCT`, in spaCy's order (`……` is shadowed by `…` among prefixes, as in spaCy).
#[rustfmt::skip]
const PUNCT: &[&str] = &[
    "\u{2026}", "\u{2026}\u{2026}", ",", ":", ";", "!", "?", "\u{bf}", "\u{61f}", "\u{a1}", "(", ")",
    "[", "]", "{", "}", "<", ">", "_", "#", "*", "&", "\u{3002}", "\u{ff1f}", "\u{ff01}", "\u{ff0c}",
    "\u{3001}", "\u{ff1b}", "\u{ff1a}", "\u{ff5e}", "\u{b7}", "\u{964}", "\u{60c}", "\u{6d4}",
    "\u{61b}", "\u{66a}",
];

/// `LIST_QUOTES` (each a single character).
const QUOTES: &str = "'\"\u{201d}\u{201c}`\u{2018}\u{b4}\u{2019}\u{201a},\u{201e}\u{bb}\u{ab}\
    \u{300c}\u{300d}\u{300e}\u{300f}\u{ff08}\u{ff09}\u{3014}\u{3015}\u{3010}\u{3011}\u{300a}\
    \u{300b}\u{3008}\u{3009}\u{2329}\u{232a}\u{27e6}\u{27e7}";

/// `LIST_CURRENCY`.
#[rustfmt::skip]
const CURRENCY: &[&str] = &[
    "$", "\u{a3}", "\u{20ac}", "\u{a5}", "\u{e3f}", "US$", "C$", "A$", "\u{20bd}", "\u{fdfc}",
    "\u{20b4}", "\u{20a0}", "\u{20a1}", "\u{20a2}", "\u{20a3}", "\u{20a4}", "\u{20a5}", "\u{20a6}",
    "\u{20a7}", "\u{20a8}", "\u{20a9}", "\u{20aa}", "\u{20ab}", "\u{20ad}", "\u{20ae}", "\u{20af}",
    "\u{20b0}", "\u{20b1}", "\u{20b2}", "\u{20b3}", "\u{20b5}", "\u{20b6}", "\u{20b7}", "\u{20b8}",
    "\u{20b9}", "\u{20ba}", "\u{20bb}", "\u{20bc}", "\u{20be}", "\u{20bf}",
];

/// `UNITS`, split after a number. spaCy's list glues `тб` to the first Arabic unit (a missing
/// space in its source); kept, since agreement is the point.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "km",
    "km²",
    "km³",
    "m",
    "m²",
    "m³",
    "dm",
    "dm²",
    "dm³",
    "cm",
    "cm²",
    "cm³",
    "mm",
    "mm²",
    "mm³",
    "ha",
    "\u{b5}m",
    "nm",
    "yd",
    "in",
    "ft",
    "kg",
    "g",
    "mg",
    "\u{b5}g",
    "t",
    "lb",
    "oz",
    "m/s",
    "km/h",
    "kmh",
    "mph",
    "hPa",
    "Pa",
    "mbar",
    "mb",
    "MB",
    "kb",
    "KB",
    "gb",
    "GB",
    "tb",
    "TB",
    "T",
    "G",
    "M",
    "K",
    "%",
    "км",
    "км²",
    "км³",
    "м",
    "м²",
    "м³",
    "дм",
    "дм²",
    "дм³",
    "см",
    "см²",
    "см³",
    "мм",
    "мм²",
    "мм³",
    "нм",
    "кг",
    "г",
    "мг",
    "м/с",
    "км/ч",
    "кПа",
    "Па",
    "мбар",
    "Кб",
    "КБ",
    "кб",
    "Мб",
    "МБ",
    "мб",
    "Гб",
    "ГБ",
    "гб",
    "Тб",
    "ТБ",
    "тб\u{643}\u{645}",
    "\u{643}\u{645}²",
    "\u{643}\u{645}³",
    "\u{645}",
    "\u{645}²",
    "\u{645}³",
    "\u{633}\u{645}",
    "\u{633}\u{645}²",
    "\u{633}\u{645}³",
    "\u{645}\u{645}",
    "\u{645}\u{645}²",
    "\u{645}\u{645}³",
    "\u{643}\u{645}",
    "\u{63a}\u{631}\u{627}\u{645}",
    "\u{62c}\u{631}\u{627}\u{645}",
    "\u{62c}\u{645}",
    "\u{643}\u{63a}",
    "\u{645}\u{644}\u{63a}",
    "\u{643}\u{648}\u{628}",
    "\u{627}\u{643}\u{648}\u{627}\u{628}",
];

/// `HYPHENS`, in the order the regex tries them.
const HYPHENS: &[&str] = &["-", "\u{2013}", "\u{2014}", "--", "---", "\u{2014}\u{2014}", "~"];

/// The longest fixed suffix (`اكواب`); only the dot run is longer.
const LONGEST_SUFFIX: usize = 5;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

pub(in crate::formats::tokens) fn alpha(c: char) -> bool {
    in_table(ALPHA, c)
}
pub(in crate::formats::tokens) fn lower(c: char) -> bool {
    in_table(ALPHA_LOWER, c)
}
pub(in crate::formats::tokens) fn upper(c: char) -> bool {
    in_table(ALPHA_UPPER, c)
}
pub(in crate::formats::tokens) fn icon(c: char) -> bool {
    in_table(ICONS, c)
}
pub(in crate::formats::tokens) fn quote(c: char) -> bool {
    QUOTES.contains(c)
}
/// Python's `[0-9]`.
fn digit(c: char) -> bool {
    c.is_ascii_digit()
}
fn diacritic(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}
pub(in crate::formats::tokens) fn punct(c: char) -> bool {
    // Every entry but `……` is one character; that one starts with `…`, itself an entry.
    let mut buf = [0u8; 4];
    PUNCT.contains(&&*c.encode_utf8(&mut buf))
}

fn is(s: &[char], text: &str) -> bool {
    s.iter().copied().eq(text.chars())
}

fn starts(s: &[char], text: &str) -> bool {
    let n = text.chars().count();
    s.len() >= n && is(&s[..n], text)
}

/// What the language changes in the shared rules.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flavour {
    /// ru, uk: the extra rules for a letter carrying a combining accent (`е́.`).
    pub diacritics: bool,
    /// en: a hyphen after a digit splits (`2014-го` is three tokens in English, one in Russian).
    pub digit_hyphen: bool,
}

/// Length of the prefix spaCy splits off `s`, 0 if none.
pub(super) fn prefix(s: &[char]) -> usize {
    let Some(&c) = s.first() else { return 0 };
    let next = s.get(1).copied();
    if "§%=\u{2014}\u{2013}".contains(c) {
        return 1;
    }
    if c == '+' {
        return usize::from(!next.is_some_and(digit));
    }
    if punct(c) {
        return 1;
    }
    if c == '.' && next == Some('.') {
        return s.iter().take_while(|&&d| d == '.').count();
    }
    if quote(c) {
        return 1;
    }
    if let Some(cur) = CURRENCY.iter().find(|cur| starts(s, cur)) {
        return cur.chars().count();
    }
    usize::from(icon(c))
}

/// Whether `s[p..]` is one of the suffix alternatives (other than the dot run).
fn suffix_at(s: &[char], p: usize, flavour: Flavour) -> bool {
    let t = &s[p..];
    let before = |k: usize| if p >= k { Some(s[p - k]) } else { None };
    let after_digit = before(1).is_some_and(digit);
    if let [c] = t {
        let c = *c;
        if punct(c) || c == '\u{2026}' || quote(c) || icon(c) || c == '\u{2014}' || c == '\u{2013}'
        {
            return true;
        }
        if c == '+' && after_digit {
            return true;
        }
        if c == '.' {
            let (b2, b1) = (before(2), before(1));
            if b2 == Some('°') && b1.is_some_and(|b| "FfCcKk".contains(b)) {
                return true;
            }
            if b1.is_some_and(|b| {
                digit(b) || lower(b) || "%²-+|(?:)".contains(b) || punct(b) || quote(b)
            }) {
                return true;
            }
            if b2.is_some_and(upper) && b1.is_some_and(upper) {
                return true;
            }
            if flavour.diacritics && b2.is_some_and(alpha) && b1.is_some_and(diacritic) {
                return true;
            }
        }
    }
    if is(t, "\u{2026}\u{2026}") || ["'s", "'S", "\u{2019}s", "\u{2019}S"].iter().any(|x| is(t, x))
    {
        return true;
    }
    after_digit && (CURRENCY.iter().any(|x| is(t, x)) || UNITS.iter().any(|x| is(t, x)))
}

/// Length of the suffix spaCy splits off `s`, 0 if none.
pub(super) fn suffix(s: &[char], flavour: Flavour) -> usize {
    let n = s.len();
    let dots = s.iter().rev().take_while(|&&c| c == '.').count();
    let mut best = if dots >= 2 { Some(n - dots) } else { None };
    for p in n.saturating_sub(LONGEST_SUFFIX)..n {
        if best.is_some_and(|b| b <= p) {
            break;
        }
        if suffix_at(s, p, flavour) {
            best = Some(p);
            break;
        }
    }
    best.map_or(0, |p| n - p)
}

/// The infix matched at `p`, as its length.
fn infix_at(s: &[char], p: usize, flavour: Flavour) -> Option<usize> {
    let c = s[p];
    let at = |i: usize| s.get(i).copied();
    let b1 = p.checked_sub(1).map(|i| s[i]);
    let b2 = p.checked_sub(2).map(|i| s[i]);
    let next = at(p + 1);
    if c == '.' && next == Some('.') {
        return Some(s[p..].iter().take_while(|&&d| d == '.').count());
    }
    if c == '\u{2026}' || icon(c) {
        return Some(1);
    }
    if b1.is_some_and(digit) && "+-*^".contains(c) && next.is_some_and(|n| digit(n) || n == '-') {
        return Some(1);
    }
    let up_or_quote = |n: Option<char>| n.is_some_and(|n| upper(n) || quote(n));
    if c == '.' && b1.is_some_and(|b| lower(b) || quote(b)) && up_or_quote(next) {
        return Some(1);
    }
    if c == ',' && b1.is_some_and(alpha) && next.is_some_and(alpha) {
        return Some(1);
    }
    let hyphen = || {
        HYPHENS.iter().find_map(|h| {
            let n = h.chars().count();
            (starts(&s[p..], h) && at(p + n).is_some_and(alpha)).then_some(n)
        })
    };
    if b1.is_some_and(|b| alpha(b) || (flavour.digit_hyphen && digit(b)))
        && let Some(n) = hyphen()
    {
        return Some(n);
    }
    if ":<>=/".contains(c) && b1.is_some_and(|b| alpha(b) || digit(b)) && next.is_some_and(alpha) {
        return Some(1);
    }
    if flavour.diacritics && b1.is_some_and(diacritic) {
        if c == '.' && b2.is_some_and(lower) && up_or_quote(next) {
            return Some(1);
        }
        if b2.is_some_and(alpha) {
            if c == ',' && next.is_some_and(alpha) {
                return Some(1);
            }
            if let Some(n) = hyphen() {
                return Some(n);
            }
            if ":<>=/".contains(c) && next.is_some_and(alpha) {
                return Some(1);
            }
        }
    }
    None
}

/// The infixes of `s` as (start, end), scanned left to right without overlaps like `finditer`.
pub(super) fn infixes(s: &[char], flavour: Flavour) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut p = 0;
    while p < s.len() {
        match infix_at(s, p, flavour) {
            Some(n) => {
                out.push((p, p + n));
                p += n;
            }
            None => p += 1,
        }
    }
    out
}
