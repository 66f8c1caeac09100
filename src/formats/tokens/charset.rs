//! Character classes for the tokenizer's hot loops: one lookup in a table of the code points
//! below U+2100 (Latin, Greek, Cyrillic, general punctuation, currency signs: nearly all news
//! text) instead of a search of the generated ranges per test; rarer code points search.

use super::classes::{ALPHA, ALPHA_LOWER, ALPHA_UPPER, ICONS};
use std::sync::OnceLock;

/// `LIST_PUNCT`'s one-character entries (`……`, its only longer one, starts with `…`, so it
/// never decides a prefix; the suffix rule tests it on its own).
#[rustfmt::skip]
pub(super) const PUNCT: &[char] = &[
    '\u{2026}', ',', ':', ';', '!', '?', '\u{bf}', '\u{61f}', '\u{a1}', '(', ')', '[', ']', '{',
    '}', '<', '>', '_', '#', '*', '&', '\u{3002}', '\u{ff1f}', '\u{ff01}', '\u{ff0c}', '\u{3001}',
    '\u{ff1b}', '\u{ff1a}', '\u{ff5e}', '\u{b7}', '\u{964}', '\u{60c}', '\u{6d4}', '\u{61b}',
    '\u{66a}',
];

/// `LIST_QUOTES` (each a single character).
#[rustfmt::skip]
pub(super) const QUOTES: &[char] = &[
    '\'', '"', '\u{201d}', '\u{201c}', '`', '\u{2018}', '\u{b4}', '\u{2019}', '\u{201a}', ',',
    '\u{201e}', '\u{bb}', '\u{ab}', '\u{300c}', '\u{300d}', '\u{300e}', '\u{300f}', '\u{ff08}',
    '\u{ff09}', '\u{3014}', '\u{3015}', '\u{3010}', '\u{3011}', '\u{300a}', '\u{300b}', '\u{3008}',
    '\u{3009}', '\u{2329}', '\u{232a}', '\u{27e6}', '\u{27e7}',
];

/// Every character some prefix, suffix, infix or URL rule looks for, beyond the classes above:
/// a word made only of letters outside this list is one token (see `plain`).
const RULE_CHARS: &str = "§%=+-*^~.,:;<>/?#@_$\u{2013}\u{2014}\u{2026}0123456789";

const LIMIT: usize = 0x2100;

const IS_ALPHA: u8 = 1;
const IS_LOWER: u8 = 2;
const IS_UPPER: u8 = 4;
const IS_ICON: u8 = 8;
const IS_QUOTE: u8 = 16;
const IS_PUNCT: u8 = 32;
/// Starts an entry of `LIST_CURRENCY`: the prefix rule compares the entries only then.
const IS_CURRENCY_START: u8 = 64;
/// A letter no affix, infix or URL rule reacts to.
const IS_PLAIN: u8 = 128;

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

/// The class bits of `c` found the slow way; `currencies` are `LIST_CURRENCY`.
fn bits_of(c: char, currencies: &[&str]) -> u8 {
    let mut bits = 0;
    for (set, bit) in [
        (in_table(ALPHA, c), IS_ALPHA),
        (in_table(ALPHA_LOWER, c), IS_LOWER),
        (in_table(ALPHA_UPPER, c), IS_UPPER),
        (in_table(ICONS, c), IS_ICON),
        (QUOTES.contains(&c), IS_QUOTE),
        (PUNCT.contains(&c), IS_PUNCT),
        (currencies.iter().any(|cur| cur.starts_with(c)), IS_CURRENCY_START),
    ] {
        if set {
            bits |= bit;
        }
    }
    // Currencies are matched whole; each holds a sign that is not a letter (`US$`), so a
    // currency's letters may stay plain.
    let sign = currencies.iter().any(|cur| cur.contains(c)) && !c.is_ascii_alphabetic();
    let reacts = IS_ICON | IS_QUOTE | IS_PUNCT;
    if bits & IS_ALPHA != 0 && bits & reacts == 0 && !sign && !RULE_CHARS.contains(c) {
        bits |= IS_PLAIN;
    }
    bits
}

fn table() -> &'static [u8; LIMIT] {
    static TABLE: OnceLock<Box<[u8; LIMIT]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u8; LIMIT]);
        for (i, slot) in table.iter_mut().enumerate() {
            *slot = char::from_u32(i as u32).map_or(0, |c| bits_of(c, super::affixes::CURRENCY));
        }
        table
    })
}

fn has(c: char, bit: u8, slow: impl FnOnce(char) -> bool) -> bool {
    match table().get(c as usize) {
        Some(bits) => bits & bit != 0,
        None => slow(c),
    }
}

pub(super) fn alpha(c: char) -> bool {
    has(c, IS_ALPHA, |c| in_table(ALPHA, c))
}
pub(super) fn lower(c: char) -> bool {
    has(c, IS_LOWER, |c| in_table(ALPHA_LOWER, c))
}
pub(super) fn upper(c: char) -> bool {
    has(c, IS_UPPER, |c| in_table(ALPHA_UPPER, c))
}
pub(super) fn icon(c: char) -> bool {
    has(c, IS_ICON, |c| in_table(ICONS, c))
}
pub(super) fn quote(c: char) -> bool {
    has(c, IS_QUOTE, |c| QUOTES.contains(&c))
}
pub(super) fn punct(c: char) -> bool {
    has(c, IS_PUNCT, |c| PUNCT.contains(&c))
}
/// Whether some entry of `LIST_CURRENCY` may start with `c` (always, past the table).
pub(super) fn currency_start(c: char) -> bool {
    has(c, IS_CURRENCY_START, |_| true)
}

/// A non-empty run of letters none of the rules reacts to: no prefix, suffix or infix applies
/// and it is no URL, so unless it is an exception it is exactly one token. Only letters of the
/// table count, so the answer is one lookup per character.
pub(super) fn plain(s: &[char]) -> bool {
    let table = table();
    !s.is_empty() && s.iter().all(|&c| table.get(c as usize).is_some_and(|b| b & IS_PLAIN != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_as_the_searches_do_for_every_code_point() {
        use super::super::reference::affixes as old;
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(alpha(c), old::alpha(c), "{c:?}");
            assert_eq!(lower(c), old::lower(c), "{c:?}");
            assert_eq!(upper(c), old::upper(c), "{c:?}");
            assert_eq!(icon(c), old::icon(c), "{c:?}");
            assert_eq!(quote(c), old::quote(c), "{c:?}");
            assert_eq!(punct(c), old::punct(c), "{c:?}");
            let starts = super::super::affixes::CURRENCY.iter().any(|cur| cur.starts_with(c));
            assert!(currency_start(c) || !starts, "{c:?} starts a currency");
        }
        assert!(plain(&['Ж', 'ё', 'a', 'Z', 'ї', 'ґ']) && !plain(&[]));
        for c in ['.', '-', '\u{301}', '5', '\u{aa}', '\u{2014}', '«', '\u{6d4}', '\u{2e80}'] {
            assert!(!plain(&[c]), "{c:?} is something a rule reacts to, or no letter");
        }
    }

    #[test]
    fn every_currency_holds_a_sign_that_is_not_plain() {
        for cur in super::super::affixes::CURRENCY {
            let chars: Vec<char> = cur.chars().collect();
            assert!(chars.iter().any(|&c| !plain(&[c])), "{cur}");
        }
    }
}
