//! Actor suggestions: what the annotator already tagged, found again in any case form (the same
//! stems, the same label, its `canonical` and `kind` carried over), and a gazetteer, a CSV of
//! surface forms with their canonical name and kind («Лавров» → «Сергей Лавров», person).

use super::stem::WordStemmer;
use super::{DATE_LABEL, Source, Suggestion};
use crate::model::{Document, Project};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The label gazetteer entries are suggested as.
pub const ACTOR_LABEL: &str = "Actor";

/// One gazetteer row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub surface: String,
    pub canonical: String,
    /// The actor's kind (`person`, `state`...), empty when the row has none.
    pub kind: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Bad { path: String, line: usize, message: String },
}

/// Reads a gazetteer: CSV (UTF-8) with the columns `surface,canonical[,kind]`, a header row
/// naming them optional, `#` lines ignored.
pub fn read_gazetteer(path: &Path) -> Result<Gazetteer, GazetteerError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|cause| GazetteerError::Io { path: shown.clone(), cause })?;
    let text = String::from_utf8(bytes).map_err(|e| GazetteerError::Bad {
        path: shown.clone(),
        line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "not UTF-8 text: save the gazetteer as UTF-8 CSV".into(),
    })?;
    parse_gazetteer(&shown, &text)
}

/// Parses gazetteer text; `path` only names it in messages.
pub fn parse_gazetteer(path: &str, text: &str) -> Result<Gazetteer, GazetteerError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut entries = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = |r: &csv::StringRecord| r.position().map_or(i + 1, |p| p.line() as usize);
        let record = record.map_err(|e| GazetteerError::Bad {
            path: path.into(),
            line: e.position().map_or(i + 1, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        let field = |k: usize| record.get(k).unwrap_or("").to_string();
        let (surface, canonical, kind) = (field(0), field(1), field(2));
        if entries.is_empty() && surface.eq_ignore_ascii_case("surface") {
            continue; // the header
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        if surface.is_empty() || canonical.is_empty() {
            return Err(GazetteerError::Bad {
                path: path.into(),
                line: line(&record),
                message:
                    "a row needs a surface form and a canonical name: surface,canonical[,kind]"
                        .into(),
            });
        }
        entries.push(Entry { surface, canonical, kind });
    }
    Ok(Gazetteer { entries })
}

/// A document's words with their stems, indexed by stem for phrase lookups.
struct Words<'a> {
    chars: &'a [char],
    words: &'a [(usize, usize)],
    stems: &'a [String],
    by_stem: HashMap<&'a str, Vec<usize>>,
}

/// The words of `chars` as (start, end) code points (the same words Find sees).
fn split_words(chars: &[char]) -> Vec<(usize, usize)> {
    super::search::words(chars).into_iter().map(|r| (r.start, r.end)).collect()
}

fn phrase_stems(stemmer: &WordStemmer, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    split_words(&chars)
        .into_iter()
        .map(|(a, b)| stemmer.stem(&chars[a..b].iter().collect::<String>()))
        .collect()
}

/// Where the phrase with these stems occurs in `w` (consecutive words, only white space between).
fn occurrences(w: &Words, stems: &[String]) -> Vec<(usize, usize)> {
    let Some(first) = stems.first() else { return Vec::new() };
    let Some(starts) = w.by_stem.get(first.as_str()) else { return Vec::new() };
    let mut out = Vec::new();
    'next: for &i in starts {
        for (k, stem) in stems.iter().enumerate().skip(1) {
            let j = i + k;
            if j >= w.words.len() || w.stems[j] != *stem {
                continue 'next;
            }
            let gap = &w.chars[w.words[j - 1].1..w.words[j].0];
            if !gap.iter().all(|c| c.is_whitespace()) {
                continue 'next;
            }
        }
        out.push((w.words[i].0, w.words[i + stems.len() - 1].1));
    }
    out
}

/// Actor suggestions for document `doc_index`: propagation of the project's tagged entities
/// (every label but dates) and, with a gazetteer, its entries.
pub fn suggest_actors(
    project: &Project,
    doc_index: usize,
    gazetteer: Option<&Gazetteer>,
) -> Vec<Suggestion> {
    let Some(doc) = project.doc(doc_index) else { return Vec::new() };
    let stemmer = WordStemmer::for_lang(&doc.meta.lang);
    let chars: Vec<char> = doc.text().chars().collect();
    let words = split_words(&chars);
    let stems: Vec<String> =
        words.iter().map(|&(a, b)| stemmer.stem(&chars[a..b].iter().collect::<String>())).collect();
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in stems.iter().enumerate() {
        by_stem.entry(s.as_str()).or_default().push(i);
    }
    let w = Words { chars: &chars, words: &words, stems: &stems, by_stem };

    let mut out: Vec<Suggestion> = Vec::new();
    let mut taken: std::collections::HashSet<(usize, usize, String)> = Default::default();
    let mut push =
        |start: usize, end: usize, label: &str, attrs: BTreeMap<String, String>, source: Source| {
            if taken.contains(&(start, end, label.to_string()))
                || doc.spans_overlapping(start..end).any(|s| s.label == label)
            {
                return;
            }
            taken.insert((start, end, label.to_string()));
            let value = attrs.get("canonical").cloned();
            out.push(Suggestion {
                doc: doc_index,
                start,
                end,
                text: doc.slice(start, end).to_string(),
                label: label.to_string(),
                value,
                attributes: attrs,
                source,
            });
        };

    // Propagation: each distinct (label, text) tagged anywhere in the project.
    let mut seen: HashMap<(String, String), ()> = HashMap::new();
    for (di, d) in project.documents.iter().enumerate() {
        let source_stemmer = WordStemmer::for_lang(&d.meta.lang);
        for span in d.spans() {
            if span.label == DATE_LABEL || !is_entity(project, &span.label) {
                continue;
            }
            let text = d.slice(span.start, span.end).to_string();
            if seen.insert((span.label.clone(), text.clone()), ()).is_some() {
                continue;
            }
            let attrs: BTreeMap<String, String> = span
                .attributes
                .iter()
                .filter(|(k, _)| *k == "canonical" || *k == "kind")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let from = format!("{} «{}» in {}", span.label, text, doc_name(d, di));
            for (a, b) in occurrences(&w, &phrase_stems(&source_stemmer, &text)) {
                push(a, b, &span.label, attrs.clone(), Source::Propagation { from: from.clone() });
            }
        }
    }
    if let Some(g) = gazetteer {
        for e in &g.entries {
            let mut attrs = BTreeMap::from([("canonical".to_string(), e.canonical.clone())]);
            if !e.kind.is_empty() {
                attrs.insert("kind".into(), e.kind.clone());
            }
            let source = Source::Gazetteer { surface: e.surface.clone() };
            for (a, b) in occurrences(&w, &phrase_stems(&stemmer, &e.surface)) {
                push(a, b, ACTOR_LABEL, attrs.clone(), source.clone());
            }
        }
    }
    out.sort_by_key(|s| (s.start, s.end));
    out
}

fn is_entity(project: &Project, label: &str) -> bool {
    project.schema.label(label).is_some_and(|l| l.kind == crate::model::LabelKind::Entity)
}

fn doc_name(d: &Document, i: usize) -> String {
    if d.meta.id.is_empty() { format!("document {}", i + 1) } else { d.meta.id.clone() }
}

#[cfg(test)]
mod tests;
