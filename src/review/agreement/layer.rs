//! One document as agreement reads it: tokenized once, then each annotator's layer as numbers
//! (places and event tuples on name ids, sorted for merging; word tags as the CoNLL export
//! writes them, `B-`/`I-` of a label id), so pairs compare integers, never strings.

use super::in_parallel;
use crate::formats::export::{self, DocView, ExportReport, Overlap};
use crate::formats::tokens::{self, Token};
use crate::model::{AnnId, Document, Project};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// (start, end, name id): a span's place, or an event's (its trigger's range and its type).
pub type Key = (usize, usize, u32);

/// The tag of a word outside every span. `B-` of name `n` is `2n + 1`, `I-` is `2n + 2`.
pub const O: u32 = 0;

/// The annotators, and every label, event type and role of the project numbered in sorted
/// order (one numbering: a place's name is a label or an event type, and they compare).
pub struct Names<'a> {
    pub annotators: Vec<&'a str>,
    pub list: Vec<&'a str>,
    ids: HashMap<&'a str, u32, Fnv>,
}

/// FNV-1a for the names: every span and event looks its names up, and they are short and
/// few, so SipHash's guard against crafted keys costs more than it buys here.
type Fnv = BuildHasherDefault<FnvHasher>;

struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// Inserts `name` unless it is the one inserted last (neighbouring spans mostly share their
/// label and annotator), so most spans cost a comparison, not a hash.
fn note<'a>(set: &mut HashSet<&'a str, Fnv>, last: &mut Option<&'a str>, name: &'a str) {
    if *last != Some(name) {
        set.insert(name);
        *last = Some(name);
    }
}

impl<'a> Names<'a> {
    /// Read from every document, a thread per run.
    pub fn of(project: &'a Project, runs: &[Range<usize>]) -> Self {
        let sets = in_parallel(runs, |run| {
            let (mut annotators, mut names) = (HashSet::default(), HashSet::default());
            let (mut annotator, mut name, mut kind, mut role) = (None, None, None, None);
            for doc in &project.documents[run.clone()] {
                for s in doc.spans() {
                    note(&mut annotators, &mut annotator, &s.annotator);
                    note(&mut names, &mut name, &s.label);
                }
                for e in doc.events() {
                    note(&mut annotators, &mut annotator, &e.annotator);
                    note(&mut names, &mut kind, &e.event_type);
                    for a in &e.arguments {
                        note(&mut names, &mut role, &a.role);
                    }
                }
            }
            (annotators, names)
        });
        let mut annotators: HashSet<&str, Fnv> = HashSet::default();
        let mut list: HashSet<&str, Fnv> = HashSet::default();
        for (a, n) in sets {
            annotators.extend(a);
            list.extend(n);
        }
        let mut annotators: Vec<&str> = annotators.into_iter().collect();
        let mut list: Vec<&str> = list.into_iter().collect();
        annotators.sort_unstable();
        list.sort_unstable();
        let ids = list.iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
        Names { annotators, list, ids }
    }

    /// The id of a name of the project (every one is listed, so the fallback is never taken).
    pub fn id(&self, name: &str) -> u32 {
        self.ids.get(name).copied().unwrap_or_default()
    }

    /// How many word tags there can be: `O`, and `B-`/`I-` of every name.
    pub fn tags(&self) -> usize {
        2 * self.list.len() + 1
    }
}

/// One annotator's layer of one document.
pub struct Layer<'a> {
    pub view: DocView<'a>,
    /// The view's spans' places, in its (reading) order.
    pub spans: Vec<Key>,
    /// The same as a set: sorted, each once.
    pub places: Vec<Key>,
    /// (trigger place, type) and (trigger place, type, role, target place), sorted, each once.
    pub triggers: Vec<(Key, u32)>,
    pub arguments: Vec<(Key, u32, u32, Key)>,
    /// Every word's tag.
    pub tags: Vec<u32>,
}

/// Every annotator's layer of `doc` (in the order of `names.annotators`), or `None` when one
/// of them has neither a span nor an event there.
pub fn layers<'a>(doc: &'a Document, names: &Names) -> Option<Vec<Layer<'a>>> {
    // What a layer leaves out (events triggered in another layer) is the exports' concern.
    let mut report = ExportReport::default();
    let views = export::views(doc, &names.annotators, &mut report);
    if views.iter().any(|v| v.spans.is_empty() && v.events.is_empty()) {
        return None;
    }
    if views.is_empty() {
        return Some(Vec::new());
    }
    let tokens = tokens::tokenize(doc.text(), tokens::rules_lang(&doc.meta.lang));
    let parts = word_parts(doc.text(), &tokens);
    Some(views.into_iter().map(|v| Layer::new(v, &tokens, &parts, names)).collect())
}

/// How many words each token makes in the column formats (`tokens::words`): its parts between
/// whitespace (none for a whitespace token).
fn word_parts(text: &str, tokens: &[Token]) -> Vec<u32> {
    let parts = |t: &Token| t.text(text).split(tokens::is_space).filter(|w| !w.is_empty()).count();
    tokens.iter().map(|t| parts(t) as u32).collect()
}

impl<'a> Layer<'a> {
    fn new(view: DocView<'a>, tokens: &[Token], parts: &[u32], names: &Names) -> Self {
        let spans: Vec<Key> =
            view.spans.iter().map(|s| (s.start, s.end, names.id(&s.label))).collect();
        let mut places = spans.clone();
        places.sort_unstable();
        places.dedup();
        let (triggers, arguments) = events(&view, names);
        let tags = tags(&view, tokens, parts, names);
        Layer { view, spans, places, triggers, arguments, tags }
    }
}

/// The words' tags: IOB2 on the spans the CoNLL export keeps (`--overlap outer`), a token's
/// later words continuing its entity (`B` becomes `I`), as `tokens::words` does.
fn tags(view: &DocView, tokens: &[Token], parts: &[u32], names: &Names) -> Vec<u32> {
    let mut by_token = vec![O; tokens.len()];
    for p in tokens::kept(view, tokens, Overlap::Outer) {
        let b = 2 * names.id(&p.span.label) + 1;
        by_token[p.first] = b;
        for t in &mut by_token[p.first + 1..=p.last] {
            *t = b + 1;
        }
    }
    let mut out = Vec::with_capacity(parts.iter().sum::<u32>() as usize);
    for (&tag, &n) in by_token.iter().zip(parts) {
        for k in 0..n {
            let begins = tag % 2 == 1;
            out.push(if k > 0 && begins { tag + 1 } else { tag });
        }
    }
    out
}

/// Triggers as (place, type) and arguments as (trigger place, type, role, target place), where
/// a target event's place is its trigger's range with the event's type.
#[allow(clippy::type_complexity)]
fn events(view: &DocView, names: &Names) -> (Vec<(Key, u32)>, Vec<(Key, u32, u32, Key)>) {
    let doc = view.doc;
    let place_of = |id: AnnId| -> Option<Key> {
        doc.span(id).map(|s| (s.start, s.end, names.id(&s.label))).or_else(|| {
            let e = doc.event(id)?;
            let t = doc.span(e.trigger)?;
            Some((t.start, t.end, names.id(&e.event_type)))
        })
    };
    let (mut triggers, mut arguments) = (Vec::new(), Vec::new());
    for e in &view.events {
        let Some(trigger) = place_of(e.trigger) else { continue };
        let kind = names.id(&e.event_type);
        triggers.push((trigger, kind));
        for arg in &e.arguments {
            if let Some(target) = place_of(arg.target) {
                arguments.push((trigger, kind, names.id(&arg.role), target));
            }
        }
    }
    triggers.sort_unstable();
    triggers.dedup();
    arguments.sort_unstable();
    arguments.dedup();
    (triggers, arguments)
}
