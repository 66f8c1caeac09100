//! Find (`Ctrl+F`) and annotate all: the query and its matches in the document or the project,
//! moving through them (each match becomes the selection, so a label key tags it), and tagging
//! every match with a label in one undo step after a preview where single matches can be
//! unticked. Matches already tagged with that label (a span of it on exactly that text) are
//! left out.

use super::{AppState, Dialog, TextSelection};
use crate::assist::search::{Hit, Query, find_in_project};
use crate::model::{AnnId, Edit, Span};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindState {
    pub query: Query,
    /// Search every document rather than the one shown.
    pub whole_project: bool,
    pub hits: Vec<Hit>,
    /// The match last moved to.
    pub current: Option<usize>,
    /// The label "Annotate all" tags with.
    pub label: String,
    /// What `hits` were found for: query, the one document searched (if not all), how many
    /// documents.
    key: Option<(Query, Option<usize>, usize)>,
    /// Put the keyboard in the search field next frame.
    pub focus: bool,
    /// The search field had the keyboard last frame.
    pub typing: bool,
}

/// One row of the annotate-all preview.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub hit: Hit,
    /// The document's title and the match with some words around it.
    pub context: String,
    pub ticked: bool,
}

/// The annotate-all preview: what will be tagged, and what was left out as already tagged.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotateAll {
    pub label: String,
    pub candidates: Vec<Candidate>,
    pub already: usize,
}

impl AppState {
    /// `Ctrl+F`: opens the find bar, with the selected text as the query.
    pub fn open_find(&mut self) {
        let selected = self.selection.filter(|s| !s.is_empty()).and_then(|s| {
            let doc = self.doc()?;
            let r = s.range();
            let text: String = doc.slice(r.start, r.end).to_string();
            (!text.contains('\n')).then_some(text)
        });
        let default_label =
            self.project.schema.labels.first().map(|l| l.name.clone()).unwrap_or_default();
        let find = self
            .find
            .get_or_insert_with(|| FindState { label: default_label, ..Default::default() });
        if let Some(text) = selected {
            find.query.text = text;
        }
        find.focus = true;
        self.refresh_find();
    }

    pub fn close_find(&mut self) {
        self.find = None;
    }

    /// Recomputes the matches if the query, the scope or the document shown changed (texts never
    /// change, so matches stay right across edits).
    pub fn refresh_find(&mut self) {
        let current = self.current;
        let docs = self.project.documents.len();
        let Some(find) = self.find.as_mut() else { return };
        let only = (!find.whole_project).then_some(current);
        let key = (find.query.clone(), only, docs);
        if find.key.as_ref() == Some(&key) {
            return;
        }
        find.hits = find_in_project(&self.project, only, &find.query);
        find.current = None;
        find.key = Some(key);
    }

    /// Moves to the next (or previous) match, wrapping around, and selects it.
    pub fn find_next(&mut self, forward: bool) {
        self.refresh_find();
        let (doc, cursor) = (self.current, self.selection.map(|s| s.range().start));
        let Some(find) = self.find.as_mut() else { return };
        let n = find.hits.len();
        if n == 0 {
            return self.info("No matches");
        }
        let next = match find.current {
            Some(i) if find.hits.get(i).is_some_and(|h| h.doc == doc) => {
                if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }
            }
            // From where the user is: the first match after the cursor in the document shown.
            _ => {
                let from = cursor.unwrap_or(0);
                let after = find.hits.iter().position(|h| (h.doc, h.start) >= (doc, from));
                match (forward, after) {
                    (true, Some(i)) => i,
                    (true, None) => 0,
                    (false, Some(i)) => (i + n - 1) % n,
                    (false, None) => n - 1,
                }
            }
        };
        find.current = Some(next);
        let hit = find.hits[next].clone();
        let status = format!("Match {} of {n}", next + 1);
        self.set_document(hit.doc);
        self.selection = Some(TextSelection::new(hit.start, hit.end));
        self.selected = None;
        self.reveal = Some(hit.start);
        self.info(status);
        if let Some(find) = self.find.as_mut() {
            find.current = Some(next);
        }
    }

    /// The matches in document `doc` (for drawing), and which of them is the current one.
    pub fn find_hits_in(&self, doc: usize) -> Vec<(usize, usize, bool)> {
        let Some(find) = &self.find else { return Vec::new() };
        find.hits
            .iter()
            .enumerate()
            .filter(|(_, h)| h.doc == doc)
            .map(|(i, h)| (h.start, h.end, find.current == Some(i)))
            .collect()
    }

    /// "Annotate all…": the preview of tagging every match with the find bar's label.
    pub fn preview_annotate_all(&mut self) {
        self.refresh_find();
        let Some(find) = &self.find else { return };
        let label = find.label.clone();
        if self.project.schema.label(&label).is_none() {
            return self.error(format!("label `{label}` is not in the schema"));
        }
        let mut candidates = Vec::new();
        let mut already = 0;
        for hit in &find.hits {
            let Some(doc) = self.project.doc(hit.doc) else { continue };
            // Exactly this text with this label; a longer span around it («министр Южной
            // Осетии») does not count: the nested mention is a mention of its own.
            let covered = doc
                .spans_overlapping(hit.start..hit.end)
                .any(|s| s.label == label && s.start == hit.start && s.end == hit.end);
            if covered {
                already += 1;
                continue;
            }
            let before = doc.slice(hit.start.saturating_sub(30), hit.start);
            let end = (hit.end + 30).min(doc.char_len());
            let context = format!(
                "{}: …{}[{}]{}…",
                doc.meta.title,
                before.trim_start(),
                doc.slice(hit.start, hit.end),
                doc.slice(hit.end, end).trim_end()
            )
            .replace(['\n', '\r'], " ");
            candidates.push(Candidate { hit: hit.clone(), context, ticked: true });
        }
        if candidates.is_empty() {
            return self.info(if already > 0 {
                format!("All {already} match(es) are already tagged {label}")
            } else {
                "No matches to tag".to_string()
            });
        }
        self.dialog =
            Some(Dialog::AnnotateAll(Box::new(AnnotateAll { label, candidates, already })));
    }

    /// Tags the ticked matches of the preview, as one undo step.
    pub fn annotate_all(&mut self, plan: &AnnotateAll) {
        self.dialog = None;
        let layer = self.layer_name();
        let mut next: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
        let mut edits = Vec::new();
        for c in plan.candidates.iter().filter(|c| c.ticked) {
            let Some(doc) = self.project.doc(c.hit.doc) else { continue };
            let id = next.entry(c.hit.doc).or_insert(doc.next_id().0);
            let span = Span::new(AnnId(*id), c.hit.start, c.hit.end, &plan.label, &layer);
            *id += 1;
            edits.push(Edit::AddSpan { doc: c.hit.doc, span });
        }
        let n = edits.len();
        if n > 0 && self.apply(Edit::Batch(edits)) {
            let docs = next.len();
            self.info(format!(
                "Tagged {n} match(es) as {} in {docs} document(s); one undo takes them back",
                plan.label
            ));
        }
    }
}

#[cfg(test)]
mod tests;
