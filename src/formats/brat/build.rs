//! One brat document into an Acta `Document`: T lines checked as brat checks them (offsets,
//! covered text; errors name file:line), fragments only white space apart joined into one span,
//! sidecar ids, labels and exact offsets applied. The lines that point at others are `refs.rs`.

use super::LineEnds;
use super::ann::Ann;
use super::import::Collection;
use super::sidecar::DocSidecar;
use crate::formats::import::{ImportError, ImportOptions};
use crate::formats::text_import::{guess_language, guess_title};
use crate::model::{AnnId, DocMeta, Document, Event, Span};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub(crate) struct Build<'a> {
    pub path: &'a Path,
    pub stem: &'a str,
    pub txt_name: String,
    /// The text as brat counts it (LF only).
    pub chars: Vec<char>,
    pub ends: &'a LineEnds,
    pub coll: &'a Collection,
    pub side: Option<&'a DocSidecar>,
    pub options: &'a ImportOptions,
    pub notes: &'a mut Vec<String>,
}

/// Spans and events as they are built, with the brat id → Acta id maps.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) spans: Vec<Span>,
    pub(crate) span_at: HashMap<AnnId, usize>,
    pub(crate) events: Vec<Event>,
    pub(crate) event_at: HashMap<AnnId, usize>,
    pub(crate) t: HashMap<String, AnnId>,
    pub(crate) e: HashMap<String, AnnId>,
    /// A `T`'s covered text, for notes that quote it.
    pub(crate) quotes: HashMap<String, String>,
    /// Trigger spans by (start, end, label) when no sidecar says which span a `T` is: the `T`s
    /// of one trigger with events of several types become one span again.
    pub(crate) triggers: HashMap<(usize, usize, String), AnnId>,
    /// The other spans a discontinuous `T` became.
    pub(crate) more: Vec<(AnnId, AnnId)>,
    pub(crate) used: HashSet<u64>,
    pub(crate) next: u64,
}

impl State {
    pub(crate) fn fresh(&mut self) -> AnnId {
        while !self.used.insert(self.next) {
            self.next += 1;
        }
        AnnId(self.next)
    }

    pub(crate) fn claim(&mut self, wanted: Option<u64>) -> AnnId {
        match wanted {
            Some(id) if id > 0 && self.used.insert(id) => AnnId(id),
            _ => self.fresh(),
        }
    }

    pub(crate) fn attributes_of(&mut self, id: AnnId) -> Option<&mut BTreeMap<String, String>> {
        match (self.span_at.get(&id), self.event_at.get(&id)) {
            (Some(&i), _) => Some(&mut self.spans[i].attributes),
            (None, Some(&i)) => Some(&mut self.events[i].attributes),
            _ => None,
        }
    }

    pub(crate) fn note_of(&mut self, id: AnnId) -> Option<&mut Option<String>> {
        match (self.span_at.get(&id), self.event_at.get(&id)) {
            (Some(&i), _) => Some(&mut self.spans[i].note),
            (None, Some(&i)) => Some(&mut self.events[i].note),
            _ => None,
        }
    }

    /// Adds a line to the note of a span or event.
    pub(crate) fn note_on(&mut self, id: AnnId, text: &str) {
        let Some(note) = self.note_of(id) else { return };
        match note {
            Some(n) => {
                n.push('\n');
                n.push_str(text);
            }
            None => *note = Some(text.to_string()),
        }
    }
}

impl Build<'_> {
    pub(crate) fn bad(&self, line: usize, message: impl Into<String>) -> ImportError {
        ImportError::bad(self.path, Some(line), message)
    }

    pub(crate) fn where_(&self, line: usize) -> String {
        format!("{}:{line}", self.path.display())
    }

    pub fn document(
        mut self,
        lines: &[(usize, Ann)],
        text: String,
    ) -> Result<Document, ImportError> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (n, ann) in lines {
            if let Some(id) = ann.id()
                && let Some(first) = ids.insert(id, *n)
            {
                return Err(self.bad(*n, format!("{id} is used twice (first on line {first})")));
            }
        }
        let mut st = State::default();
        if let Some(side) = self.side {
            let wanted =
                side.spans.values().map(|s| s.id).chain(side.events.values().map(|e| e.id));
            st.next = wanted.max().unwrap_or(0) + 1;
        } else {
            st.next = 1;
        }
        let triggers: HashSet<&str> = lines
            .iter()
            .filter_map(|(_, a)| match a {
                Ann::Event { trigger, .. } => Some(trigger.as_str()),
                _ => None,
            })
            .collect();
        for (n, ann) in lines {
            if let Ann::Text { id, ty, frags, text } = ann {
                self.text_bound(
                    &mut st,
                    *n,
                    id,
                    ty,
                    frags,
                    text.as_deref(),
                    triggers.contains(id.as_str()),
                )?;
            }
        }
        for (_, ann) in lines {
            if let Ann::Event { id, .. } = ann {
                let wanted = self.side.and_then(|s| s.events.get(id)).map(|x| x.id);
                let wanted = wanted.filter(|w| !st.span_at.contains_key(&AnnId(*w)));
                let eid = st.claim(wanted);
                st.e.insert(id.clone(), eid);
            }
        }
        for (n, ann) in lines {
            if let Ann::Event { id, ty, trigger, args } = ann {
                self.event(&mut st, &ids, *n, id, ty, trigger, args)?;
            }
        }
        for (n, ann) in lines {
            match ann {
                Ann::Attribute { id, name, target, value } => {
                    self.attribute(&mut st, &ids, *n, id, name, target, value.as_deref())?;
                }
                Ann::Note { id, kind, target, text } => {
                    self.note(&mut st, &ids, *n, id, kind, target, text)?
                }
                _ => {}
            }
        }
        self.exact(&mut st);
        self.links(&mut st, &ids, lines)?;
        for (first, more) in std::mem::take(&mut st.more) {
            if let (Some(&a), Some(&b)) = (st.span_at.get(&first), st.span_at.get(&more)) {
                st.spans[b].attributes = st.spans[a].attributes.clone();
            }
        }
        let meta = match self.side {
            Some(side) => side.meta.clone(),
            None => DocMeta {
                id: self.stem.to_string(),
                title: guess_title(&text),
                lang: guess_language(&text).to_string(),
                source: self.txt_name.clone(),
                ..Default::default()
            },
        };
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        for span in &mut st.spans {
            if let (Some(&s), Some(&e)) = (bytes.get(span.start), bytes.get(span.end)) {
                span.text = text.get(s..e).unwrap_or_default().to_string();
            }
        }
        let next_id = self.side.map_or(1, |s| s.next_id);
        Document::from_parts(meta, text, st.spans, st.events, next_id).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            ImportError::bad(self.path, None, list.join("; "))
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn text_bound(
        &mut self,
        st: &mut State,
        n: usize,
        id: &str,
        ty: &str,
        frags: &[(usize, usize)],
        written: Option<&str>,
        is_trigger: bool,
    ) -> Result<(), ImportError> {
        let len = self.chars.len();
        for &(s, e) in frags {
            if s > e {
                return Err(self.bad(n, format!("{id}: start {s} is after end {e}")));
            }
            if e > len {
                let txt = &self.txt_name;
                return Err(self.bad(
                    n,
                    format!("{id}: offset {e} is past the end of {txt} ({len} characters)"),
                ));
            }
        }
        let mut sorted = frags.to_vec();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(self.bad(n, format!("{id}: its fragments overlap")));
        }
        let pieces: Vec<String> =
            frags.iter().map(|&(s, e)| self.chars[s..e].iter().collect()).collect();
        let reference = pieces.join(" ");
        let shown = frags.iter().map(|(s, e)| format!("{s} {e}")).collect::<Vec<_>>().join(";");
        match written {
            None => self.notes.push(format!(
                "{}: {id} has no text field; its text is taken from {}",
                self.where_(n),
                self.txt_name
            )),
            Some(w) => {
                let count = reference.chars().count();
                let head: String = w.chars().take(count).collect();
                let after = w.chars().nth(count);
                if head == reference && after.is_none_or(char::is_whitespace) {
                } else if frags.len() > 1 && w.starts_with(&pieces.concat()) {
                    // brat before 1.3 joined fragments with nothing; brat reads it still.
                    self.notes.push(format!(
                        "{}: {id} has its fragments' text joined without a space (brat before 1.3)",
                        self.where_(n)
                    ));
                } else {
                    return Err(self.bad(
                        n,
                        format!(
                            "{id}: the text {w:?} does not match {} at {shown}, which is {reference:?}",
                            self.txt_name
                        ),
                    ));
                }
            }
        }
        st.quotes.insert(id.to_string(), reference);
        // Fragments only white space apart are one span (a name over a line break).
        let joined =
            sorted.windows(2).all(|w| self.chars[w[0].1..w[1].0].iter().all(|c| c.is_whitespace()));
        let ranges = match (joined, sorted.first(), sorted.last()) {
            (true, Some(first), Some(last)) => vec![(first.0, last.1)],
            _ => sorted.clone(),
        };
        if ranges.len() > 1 {
            self.notes.push(format!(
                "{}: {id} is a discontinuous span ({shown}); imported as {} spans",
                self.where_(n),
                ranges.len()
            ));
        }
        let extra = self.side.and_then(|s| s.spans.get(id));
        let label = match extra.and_then(|x| x.label.clone()) {
            Some(label) => label,
            None if is_trigger || self.coll.event_types.contains(ty) => {
                self.coll.trigger_label.clone()
            }
            None => self.coll.names.type_name(ty),
        };
        let from_file =
            self.side.map(|s| extra.and_then(|x| x.annotator.as_deref()).unwrap_or(&s.annotator));
        let annotator = self.options.annotator_for(from_file);
        let mut first = None;
        for &(bs, be) in &ranges {
            let (mut s, mut e) = (self.ends.to_acta(bs), self.ends.to_acta(be));
            if let Some(x) = extra
                && ranges.len() == 1
                && x.from == Some([bs, be])
                && let Some([a, b]) = x.at
                && a < b
            {
                (s, e) = (a, b);
            }
            if s >= e {
                return Err(self.bad(n, format!("{id} covers no text ({bs} {be}); an Acta span covers at least one character")));
            }
            let span_id = match first {
                Some(_) => st.fresh(),
                None => self.span_id(st, n, id, extra.map(|x| x.id), (s, e, &label), is_trigger),
            };
            if !st.span_at.contains_key(&span_id) {
                st.span_at.insert(span_id, st.spans.len());
                st.spans.push(Span::new(span_id, s, e, &label, &annotator));
            }
            match first {
                None => {
                    st.t.insert(id.to_string(), span_id);
                    first = Some(span_id);
                }
                Some(f) => st.more.push((f, span_id)),
            }
        }
        Ok(())
    }

    /// The Acta id of a `T`: the sidecar's, shared by the `T`s of one trigger; else a new one.
    fn span_id(
        &mut self,
        st: &mut State,
        n: usize,
        id: &str,
        wanted: Option<u64>,
        (s, e, label): (usize, usize, &str),
        is_trigger: bool,
    ) -> AnnId {
        if let Some(w) = wanted {
            let Some(&i) = st.span_at.get(&AnnId(w)) else { return st.claim(Some(w)) };
            let same = &st.spans[i];
            if (same.start, same.end, same.label.as_str()) == (s, e, label) {
                return AnnId(w);
            }
            self.notes.push(format!(
                "{}: the sidecar gives {id} the id of another span; it gets a new one",
                self.where_(n)
            ));
            return st.fresh();
        }
        if !is_trigger {
            return st.fresh();
        }
        let key = (s, e, label.to_string());
        if let Some(&same) = st.triggers.get(&key) {
            return same;
        }
        let fresh = st.fresh();
        st.triggers.insert(key, fresh);
        fresh
    }
}
