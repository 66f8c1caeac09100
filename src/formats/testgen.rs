//! Test support for format round trips: a proptest strategy for projects whose texts mix
//! Cyrillic, no-break spaces, CRLF, emoji with ZWJ, combining accents and right-to-left
//! scripts, with overlapping spans, events, attributes and notes; and a structural comparison
//! that ignores annotation ids (importers may renumber them) but nothing else asked for.

use crate::model::{AnnId, Argument, DocMeta, DocStatus, Document, Event, Project, Span};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Words of the generated texts: the hard cases sit among ordinary ones.
pub const WORDS: &[&str] = &[
    "Южная",
    "Осетия",
    "Київ",
    "заявив",
    "NATO",
    "Lavrov",
    "2014-го",
    "👨\u{200d}👩\u{200d}👧",
    "😀",
    "е\u{301}сли",
    "cafe\u{301}",
    "שלום",
    "مرحبا",
    "«Газпром»",
    "ЛНР,",
    "года.",
];

/// What separates words: spaces of several kinds and both line endings.
pub const GAPS: &[&str] = &[" ", " ", " ", "\u{a0}", "\r\n", "\n", "\n\n", " — "];

const LABELS: &[&str] = &["Actor", "Date", "Event"];
const TYPES: &[&str] = &["Statement", "Meeting", "Recognition", "Other"];
const ROLES: &[&str] = &["Agent", "Theme", "Participant", "Time"];
const KINDS: &[&str] = &["person", "organization", "state"];

/// A text and the code point range of each of its words.
fn text_of(words: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(words.len());
    let mut at = 0;
    for (i, &(w, g)) in words.iter().enumerate() {
        if i > 0 {
            let gap = GAPS[g % GAPS.len()];
            text.push_str(gap);
            at += gap.chars().count();
        }
        let word = WORDS[w % WORDS.len()];
        text.push_str(word);
        let len = word.chars().count();
        ranges.push((at, at + len));
        at += len;
    }
    (text, ranges)
}

/// One generated document: spans on whole words (1–3 of them, overlaps allowed), events on
/// Event spans with arguments to other spans, attributes and notes here and there.
fn document(index: usize) -> impl Strategy<Value = Document> {
    let words = prop::collection::vec((0..WORDS.len(), 0..GAPS.len()), 1..40);
    let spans = prop::collection::vec((0..64usize, 1..4usize, 0..3usize, 0..8usize), 0..16);
    let events = prop::collection::vec(
        (0..64usize, 0..4usize, prop::collection::vec((0..4usize, 0..64usize), 0..4)),
        0..4,
    );
    let status =
        prop_oneof![Just(DocStatus::New), Just(DocStatus::InProgress), Just(DocStatus::Done)];
    (words, spans, events, status).prop_map(move |(words, spans, events, status)| {
        let (text, ranges) = text_of(&words);
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, &(first, n, label, extra)) in spans.iter().enumerate() {
            let first = first % ranges.len();
            let last = (first + n - 1).min(ranges.len() - 1);
            let (start, end) = (ranges[first].0, ranges[last].1);
            if !seen.insert((start, end, label)) {
                continue;
            }
            let annotator = if extra % 4 == 3 { "Олена" } else { "anna" };
            let mut span = Span::new(AnnId(i as u64 + 1), start, end, LABELS[label], annotator);
            if LABELS[label] == "Actor" && extra % 2 == 0 {
                span.attributes.insert("kind".into(), KINDS[extra % KINDS.len()].into());
            }
            if extra == 5 {
                span.note = Some("проверить: «спорно»\tтаб".into());
            }
            out.push(span);
        }
        let triggers: Vec<AnnId> =
            out.iter().filter(|s| s.label == "Event").map(|s| s.id).collect();
        let others: Vec<AnnId> = out.iter().filter(|s| s.label != "Event").map(|s| s.id).collect();
        let mut evs = Vec::new();
        let mut next = 100;
        for (t, ty, args) in events {
            let Some(&trigger) = triggers.get(t % triggers.len().max(1)) else { continue };
            if evs.iter().any(|e: &Event| e.trigger == trigger) {
                continue;
            }
            let mut event = Event::new(AnnId(next), trigger, TYPES[ty], "anna");
            next += 1;
            for (role, target) in args {
                let Some(&target) = others.get(target % others.len().max(1)) else { continue };
                let arg = Argument { role: ROLES[role].into(), target };
                if !event.arguments.contains(&arg) {
                    event.arguments.push(arg);
                }
            }
            if ty == 1 {
                event.attributes.insert("polarity".into(), "negated".into());
            }
            evs.push(event);
        }
        let meta = DocMeta {
            id: format!("doc-{index}"),
            title: format!("Документ {index}"),
            lang: "ru".into(),
            status,
            ..Default::default()
        };
        Document::from_annotations(meta, text, out, evs).unwrap_or_else(|problems| {
            panic!("the generator made an invalid document: {problems:?}")
        })
    })
}

/// Projects of 1–3 generated documents with the default schema.
pub fn project() -> impl Strategy<Value = Project> {
    (document(0), prop::option::of(document(1)), prop::option::of(document(2))).prop_map(
        |(a, b, c)| {
            let mut p = Project::new("round trip");
            for doc in [Some(a), b, c].into_iter().flatten() {
                p.documents.push(Arc::new(doc));
            }
            p
        },
    )
}

/// What a round trip must keep; formats that cannot carry a field say so here.
#[derive(Clone, Copy, Debug)]
pub struct Keep {
    pub annotators: bool,
    pub attributes: bool,
    pub notes: bool,
    pub events: bool,
    pub meta: bool,
}

impl Keep {
    pub const ALL: Keep =
        Keep { annotators: true, attributes: true, notes: true, events: true, meta: true };
}

/// A span as compared: position, label and, when kept, who and what else.
type SpanKey = (usize, usize, String, String, BTreeMap<String, String>, Option<String>);

fn span_key(s: &Span, keep: Keep) -> SpanKey {
    (
        s.start,
        s.end,
        s.label.clone(),
        if keep.annotators { s.annotator.clone() } else { String::new() },
        if keep.attributes { s.attributes.clone() } else { BTreeMap::new() },
        if keep.notes { s.note.clone() } else { None },
    )
}

/// A document with ids replaced by positions, so renumbered imports compare equal.
fn canonical(doc: &Document, keep: Keep) -> String {
    let mut spans: Vec<SpanKey> = doc.spans().map(|s| span_key(s, keep)).collect();
    spans.sort();
    let place = |id: AnnId| {
        doc.span(id).map(|s| format!("{}..{} {}", s.start, s.end, s.label)).unwrap_or_default()
    };
    let mut events: Vec<String> = Vec::new();
    if keep.events {
        for e in doc.events() {
            let mut args: Vec<String> =
                e.arguments.iter().map(|a| format!("{}={}", a.role, place(a.target))).collect();
            args.sort();
            events.push(format!(
                "{} [{}] {} {:?} {} {:?}",
                e.event_type,
                place(e.trigger),
                args.join(", "),
                if keep.attributes { e.attributes.clone() } else { BTreeMap::new() },
                if keep.annotators { e.annotator.as_str() } else { "" },
                if keep.notes { e.note.clone() } else { None },
            ));
        }
        events.sort();
    }
    let meta = if keep.meta { format!("{:?}", doc.meta) } else { String::new() };
    format!("{} {meta}\n{:?}\n{spans:#?}\n{events:#?}", doc.meta.id, doc.text())
}

/// Fails with both sides when the projects' documents differ in anything `keep` keeps.
pub fn assert_same_annotations(before: &Project, after: &Project, keep: Keep) {
    let a: Vec<String> = before.documents.iter().map(|d| canonical(d, keep)).collect();
    let b: Vec<String> = after.documents.iter().map(|d| canonical(d, keep)).collect();
    assert_eq!(a, b, "the round trip changed the project");
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #[test]
        fn generated_projects_are_valid(p in project()) {
            let problems = crate::model::validate::check_project(&p);
            let errors: Vec<_> = problems.iter().filter(|p| p.severity == crate::model::Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
            assert_same_annotations(&p, &p.clone(), Keep::ALL);
        }
    }
}
