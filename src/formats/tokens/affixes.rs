//! spaCy's prefix, suffix and infix rules (`spacy/lang/punctuation.py`) written out by hand, with
//! the regex semantics kept: prefixes are the first alternative matching at the start, suffixes
//! the leftmost position from which some alternative reaches the end, infixes `finditer`'s scan.

use super::charset::{alpha, currency_start, icon, lower, punct, quote, upper};

/// `LIST_CURRENCY`.
#[rustfmt::skip]
pub(super) const CURRENCY: &[&str] = &[
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
const HYPHENS: &[&[char]] = &[
    &['-'],
    &['\u{2013}'],
    &['\u{2014}'],
    &['-', '-'],
    &['-', '-', '-'],
    &['\u{2014}'; 2],
    &['~'],
];

/// The longest fixed suffix (`اكواب`); only the dot run is longer.
const LONGEST_SUFFIX: usize = 5;

/// Python's `[0-9]`.
fn digit(c: char) -> bool {
    c.is_ascii_digit()
}
fn diacritic(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}
fn is(s: &[char], text: &str) -> bool {
    s.iter().copied().eq(text.chars())
}

/// `s` starts with `text` (compared as it goes: no counting of `text` first).
fn starts(s: &[char], text: &str) -> bool {
    let mut s = s.iter();
    text.chars().all(|t| s.next() == Some(&t))
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
    if matches!(c, '§' | '%' | '=' | '\u{2014}' | '\u{2013}') {
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
    if currency_start(c)
        && let Some(cur) = CURRENCY.iter().find(|cur| starts(s, cur))
    {
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
    if let [a, b] = t
        && matches!((a, b), ('\u{2026}', '\u{2026}') | ('\'' | '\u{2019}', 's' | 'S'))
    {
        return true;
    }
    // No currency or unit starts with a digit: the digits of a number skip the lists.
    after_digit
        && !t.first().is_some_and(|c| digit(*c))
        && (CURRENCY.iter().any(|x| is(t, x)) || UNITS.iter().any(|x| is(t, x)))
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
    if b1.is_some_and(digit)
        && matches!(c, '+' | '-' | '*' | '^')
        && next.is_some_and(|n| digit(n) || n == '-')
    {
        return Some(1);
    }
    let up_or_quote = |n: Option<char>| n.is_some_and(|n| upper(n) || quote(n));
    if c == '.' && b1.is_some_and(|b| lower(b) || quote(b)) && up_or_quote(next) {
        return Some(1);
    }
    if c == ',' && b1.is_some_and(alpha) && next.is_some_and(alpha) {
        return Some(1);
    }
    // Every hyphen starts with one of these: most characters are rejected without the list.
    let hyphen = || {
        if !matches!(c, '-' | '\u{2013}' | '\u{2014}' | '~') {
            return None;
        }
        HYPHENS.iter().find_map(|h| {
            (s[p..].starts_with(h) && at(p + h.len()).is_some_and(alpha)).then_some(h.len())
        })
    };
    if b1.is_some_and(|b| alpha(b) || (flavour.digit_hyphen && digit(b)))
        && let Some(n) = hyphen()
    {
        return Some(n);
    }
    if matches!(c, ':' | '<' | '>' | '=' | '/')
        && b1.is_some_and(|b| alpha(b) || digit(b))
        && next.is_some_and(alpha)
    {
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
            if matches!(c, ':' | '<' | '>' | '=' | '/') && next.is_some_and(alpha) {
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

#[cfg(test)]
mod tests {
    use super::*;

    const RU: Flavour = Flavour { diacritics: true, digit_hyphen: false };
    const EN: Flavour = Flavour { diacritics: false, digit_hyphen: true };

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn prefixes_follow_the_alternatives_in_order() {
        assert_eq!(prefix(&chars("«Газпром")), 1);
        assert_eq!(prefix(&chars("...да")), 3);
        assert_eq!(prefix(&chars(".5")), 0);
        assert_eq!(prefix(&chars("US$5")), 3);
        assert_eq!(prefix(&chars("+5")), 0);
        assert_eq!(prefix(&chars("+a")), 1);
        assert_eq!(prefix(&chars("😀x")), 1);
        assert_eq!(prefix(&chars("Ж")), 0);
    }

    #[test]
    fn suffixes_take_the_leftmost_match() {
        assert_eq!(suffix(&chars("года."), RU), 1);
        assert_eq!(suffix(&chars("ЛНР."), RU), 1, "two capitals before the dot");
        assert_eq!(suffix(&chars("Р."), RU), 0, "one capital: an initial");
        assert_eq!(suffix(&chars("да..."), RU), 3);
        assert_eq!(suffix(&chars("5км"), RU), 2);
        assert_eq!(suffix(&chars("100%"), RU), 1);
        assert_eq!(suffix(&chars("People's"), EN), 2);
        assert_eq!(suffix(&chars("е\u{301}."), RU), 1);
        assert_eq!(suffix(&chars("е\u{301}."), EN), 0);
    }

    #[test]
    fn no_currency_or_unit_starts_with_a_digit() {
        let lists = CURRENCY.iter().chain(UNITS);
        assert!(lists.clone().all(|x| !x.starts_with(|c: char| c.is_ascii_digit())));
        assert!(lists.clone().all(|x| !x.is_empty()));
    }

    #[test]
    fn infixes_differ_by_language() {
        assert_eq!(infixes(&chars("2014-го"), RU), vec![]);
        assert_eq!(infixes(&chars("2014-го"), EN), vec![(4, 5)]);
        assert_eq!(infixes(&chars("Южно-Сахалинск"), RU), vec![(4, 5)]);
        assert_eq!(infixes(&chars("1-2"), RU), vec![(1, 2)]);
        assert_eq!(infixes(&chars("a--b"), EN), vec![(1, 3)]);
        assert_eq!(infixes(&chars("слово.Слово"), RU), vec![(5, 6)]);
        assert_eq!(infixes(&chars("1,5"), RU), vec![]);
    }
}
