//! Finding text in a document or the whole project: plain or case-sensitive, whole words,
//! regular expressions, and inflection-aware (every query word matched by its stem, so «Южная Осетия» finds «Южной
//! Осетии» and «Южную Осетию»). Any run of white space, no-break spaces included, matches any
//! other. Offsets are code points, like spans.

use super::stem::WordStemmer;
use crate::model::Project;
use std::ops::Range;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub match_case: bool,
    pub whole_word: bool,
    /// Match each word by its stem in the document's language (implies whole words, any case).
    pub inflected: bool,
    /// The text is a regular expression (Rust `regex` syntax; Unicode classes like `\p{Lu}`).
    pub regex: bool,
}

/// Why a query cannot run (a regular expression that does not compile), for the find bar.
pub fn problem(q: &Query) -> Option<String> {
    (q.regex && !q.text.is_empty()).then(|| compile(q).err()).flatten()
}

fn compile(q: &Query) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&q.text)
        .case_insensitive(!q.match_case)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            e.to_string().lines().last().unwrap_or("not a regular expression").trim().to_string()
        })
}

/// A match in a project: document index and code point range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
}

/// Every match in `text` (a document in language `lang`), in order, not overlapping.
pub fn find(text: &str, lang: &str, q: &Query) -> Vec<Range<usize>> {
    if q.text.trim().is_empty() {
        return Vec::new();
    }
    if q.regex {
        find_regex(text, q)
    } else if q.inflected {
        find_inflected(text, lang, q)
    } else {
        find_plain(text, q)
    }
}

/// Regular expression matches (empty ones skipped), with byte offsets turned into code points
/// in one pass, since matches come in order.
fn find_regex(text: &str, q: &Query) -> Vec<Range<usize>> {
    let Ok(re) = compile(q) else { return Vec::new() };
    let mut out = Vec::new();
    let (mut byte, mut cp) = (0, 0);
    let mut to_cp = |b: usize| {
        cp += text[byte..b].chars().count();
        byte = b;
        cp
    };
    for m in re.find_iter(text).filter(|m| !m.is_empty()) {
        let start = to_cp(m.start());
        let end = to_cp(m.end());
        let whole = !q.whole_word || {
            let before = text[..m.start()].chars().next_back().is_some_and(is_word_char);
            let after = text[m.end()..].chars().next().is_some_and(is_word_char);
            !before && !after
        };
        if whole {
            out.push(start..end);
        }
    }
    out
}

/// Matches in document `only`, or in every document.
pub fn find_in_project(project: &Project, only: Option<usize>, q: &Query) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (doc, d) in project.documents.iter().enumerate() {
        if only.is_some_and(|o| o != doc) {
            continue;
        }
        hits.extend(find(d.text(), &d.meta.lang, q).into_iter().map(|r| Hit {
            doc,
            start: r.start,
            end: r.end,
        }));
    }
    hits
}

fn fold(c: char, match_case: bool) -> char {
    if c.is_whitespace() {
        ' '
    } else if match_case {
        c
    } else {
        // One char for one, so positions stay code points (the rare letters that lower-case to
        // two keep their first).
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn find_plain(text: &str, q: &Query) -> Vec<Range<usize>> {
    let hay: Vec<char> = text.chars().map(|c| fold(c, q.match_case)).collect();
    let mut needle: Vec<char> = Vec::new();
    for c in q.text.trim().chars().map(|c| fold(c, q.match_case)) {
        // Runs of white space in the query match a single space...
        if !(c == ' ' && needle.last() == Some(&' ')) {
            needle.push(c);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < hay.len() {
        if let Some(end) = match_at(&hay, i, &needle)
            && (!q.whole_word || at_word_edges(&hay, i, end))
        {
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Where `needle` matching at `i` ends; a space in it matches a run of white space.
fn match_at(hay: &[char], i: usize, needle: &[char]) -> Option<usize> {
    let mut h = i;
    for &c in needle {
        if hay.get(h) != Some(&c) {
            return None;
        }
        h += 1;
        if c == ' ' {
            while hay.get(h) == Some(&' ') {
                h += 1;
            }
        }
    }
    Some(h)
}

fn at_word_edges(hay: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|b| hay.get(b)).is_some_and(|&c| is_word_char(c));
    let after = hay.get(end).is_some_and(|&c| is_word_char(c));
    !before && !after
}

/// Words of `text` as code point ranges.
pub(crate) fn words(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..chars.len());
    }
    out
}

fn find_inflected(text: &str, lang: &str, q: &Query) -> Vec<Range<usize>> {
    let stemmer = WordStemmer::for_lang(lang);
    let qchars: Vec<char> = q.text.chars().collect();
    let wanted: Vec<String> = words(&qchars)
        .into_iter()
        .map(|r| stemmer.stem(&qchars[r].iter().collect::<String>()))
        .collect();
    let Some(first) = wanted.first() else { return Vec::new() };
    // Stems are (nearly always) prefixes of the lower-cased word: words that do not start like
    // the first stem are skipped without stemming, which keeps a 10 MB document fast.
    let prefix: Vec<char> = first.chars().take(2).collect();
    let chars: Vec<char> = text.chars().collect();
    let lower = |r: &Range<usize>| -> String {
        chars[r.clone()].iter().flat_map(|c| c.to_lowercase()).collect::<String>().replace('ё', "е")
    };
    let all = words(&chars);
    let mut out = Vec::new();
    let mut i = 0;
    'scan: while i + wanted.len() <= all.len() {
        for (k, stem) in wanted.iter().enumerate() {
            let w = &all[i + k];
            if k > 0 && !chars[all[i + k - 1].end..w.start].iter().all(|c| c.is_whitespace()) {
                i += 1;
                continue 'scan;
            }
            if k == 0 && !starts_like(&chars[w.clone()], &prefix) {
                i += 1;
                continue 'scan;
            }
            if stemmer.stem(&lower(w)) != *stem {
                i += 1;
                continue 'scan;
            }
        }
        out.push(all[i].start..all[i + wanted.len() - 1].end);
        i += wanted.len();
    }
    out
}

/// Whether `word` begins with `prefix` (lower case; «ё» as «е»), without allocating.
fn starts_like(word: &[char], prefix: &[char]) -> bool {
    word.len() >= prefix.len()
        && word.iter().zip(prefix).all(|(&c, &p)| {
            let c = c.to_lowercase().next().unwrap_or(c);
            c == p || (c == 'ё' && p == 'е')
        })
}

#[cfg(test)]
mod tests;
