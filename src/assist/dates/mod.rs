//! Date expressions in Russian, Ukrainian and English with their normalised values: the text is
//! cut into tokens (`tokens.rs`), each language's words (`ru.rs`, `uk.rs`, `en.rs`, in a
//! `Lexicon`) feed the shared rules (`rules.rs`), and `resolve.rs` turns them into values.

mod en;
mod lexicon;
mod resolve;
mod ru;
mod rules;
#[cfg(test)]
mod tests;
mod tokens;
mod uk;

use lexicon::Lexicon;
use std::sync::LazyLock;

/// One date expression: code point range, normalised value (when the document can date it) and
/// the rule that found it, e.g. "ru: day month year".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
    pub rule: String,
}

static LEXICONS: LazyLock<[Lexicon; 3]> =
    LazyLock::new(|| [ru::lexicon(), uk::lexicon(), en::lexicon()]);

/// The date expressions of a text in language `lang` (a BCP 47 tag; any other language tries
/// all three and keeps the longest of overlapping finds), `dateline` as `YYYY-MM-DD`.
pub fn find_dates(text: &str, lang: &str, dateline: Option<&str>) -> Vec<DateMatch> {
    let primary = lang.split(['-', '_']).next().unwrap_or_default().to_lowercase();
    let chosen: Vec<&Lexicon> = match LEXICONS.iter().find(|l| l.lang == primary) {
        Some(l) => vec![l],
        None => LEXICONS.iter().collect(),
    };
    let dateline = dateline.and_then(crate::model::date_value::parse_ymd);
    let mut cx = resolve::Context { dateline, year: None };
    let mut out = Vec::new();
    // A date never runs across a line break, so lines are matched one at a time: the tokens of
    // one line are all there is in memory, whatever the size of the document.
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let tokens = tokens::tokenize(line, line_start);
        line_start += line.chars().count();
        let mut found: Vec<rules::Found> =
            chosen.iter().flat_map(|l| rules::find(&tokens, l)).collect();
        found.sort_by_key(|f| (f.first, std::cmp::Reverse(f.last)));
        let mut free_from = 0;
        for f in found {
            if f.first < free_from {
                continue;
            }
            let Ok(value) = resolve::value(f.when, f.time, &cx) else {
                continue;
            };
            cx.saw(f.when);
            free_from = f.last + 1;
            out.push(DateMatch {
                start: tokens[f.first].start,
                end: tokens[f.last].end,
                value,
                rule: f.rule,
            });
        }
    }
    out
}
