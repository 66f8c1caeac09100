//! Suggestions in the text: the document's suggested annotations (dates, for now) drawn dashed,
//! one of them current; `Enter` accepts it (a span with its label and value, one undo step),
//! `Backspace` rejects it for the session; either moves on to the next. Nothing enters the
//! project until accepted.

use super::jobs::JobOutput;
use super::{AppState, Mode};
use crate::assist::actors::{Gazetteer, read_gazetteer};
use crate::assist::{Kind, Suggestion, suggest_with};
use crate::model::{AnnId, Edit, Span};
use std::collections::HashSet;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SuggestState {
    /// Suggestions are shown.
    pub on: bool,
    /// The current document's suggestions, in reading order.
    pub items: Vec<Suggestion>,
    pub current: Option<usize>,
    /// What they were computed for: document index, its text's address and its revision.
    key: Option<(usize, usize, u64)>,
    /// Rejected in this session: (document id, start, end, label).
    rejected: HashSet<(String, usize, usize, String)>,
    /// The gazetteer actor suggestions use, if one is loaded.
    pub gazetteer: Option<Gazetteer>,
    /// The key a background search is running for (large documents).
    pub(super) pending: Option<(usize, usize, u64)>,
}

/// Documents longer than this (code points) get their suggestions on a background job, so an
/// edit never waits for them (a 10 MB document takes seconds).
const IN_BACKGROUND: usize = 200_000;

impl AppState {
    /// View → Suggestions: shows or hides them; showing makes the first one current.
    pub fn toggle_suggestions(&mut self) {
        self.suggest.on = !self.suggest.on;
        self.suggest.key = None;
        self.refresh_suggestions();
        if self.suggest.on {
            let n = self.suggest.items.len();
            self.info(format!(
                "{n} suggestion(s) in this document: Enter accepts the current one, Backspace \
                 rejects it, a click on another makes it current"
            ));
            if n > 0 {
                self.focus_suggestion(0);
            }
        }
    }

    /// Recomputes the current document's suggestions when it or its annotations changed.
    pub fn refresh_suggestions(&mut self) {
        if !self.suggest.on {
            self.suggest.items.clear();
            self.suggest.current = None;
            return;
        }
        let Some(doc) = self.project.doc(self.current) else { return };
        let key = (self.current, doc.text().as_ptr() as usize, doc.revision());
        if self.suggest.key == Some(key) {
            return;
        }
        if doc.char_len() > IN_BACKGROUND {
            if self.suggest.pending != Some(key) {
                self.suggest.pending = Some(key);
                let (project, current) = (self.project.clone(), self.current);
                let gazetteer = self.suggest.gazetteer.clone();
                self.jobs.spawn("suggesting", move || JobOutput::Suggested {
                    key,
                    items: suggest_with(&project, current, &Kind::ALL, gazetteer.as_ref()),
                });
            }
            return;
        }
        let gazetteer = self.suggest.gazetteer.as_ref();
        let items = suggest_with(&self.project, self.current, &Kind::ALL, gazetteer);
        self.take_suggestions(key, items);
    }

    /// A background search came back: kept if it is still for the document as it is.
    pub(super) fn finish_suggest(&mut self, key: (usize, usize, u64), items: Vec<Suggestion>) {
        if self.suggest.pending == Some(key) {
            self.suggest.pending = None;
        }
        let current = self.project.doc(self.current);
        let now = current.map(|d| (self.current, d.text().as_ptr() as usize, d.revision()));
        if self.suggest.on && now == Some(key) {
            self.take_suggestions(key, items);
        }
    }

    /// Keeps the suggestions not rejected and not answered by a span already there.
    fn take_suggestions(&mut self, key: (usize, usize, u64), items: Vec<Suggestion>) {
        let Some(doc) = self.project.doc(self.current) else { return };
        let id = doc.meta.id.clone();
        let rejected = &self.suggest.rejected;
        let items: Vec<Suggestion> = items
            .into_iter()
            .filter(|s| !rejected.contains(&(id.clone(), s.start, s.end, s.label.clone())))
            // A span of the label already there (even a little shorter or longer) answers it.
            .filter(|s| !doc.spans_overlapping(s.start..s.end).any(|x| x.label == s.label))
            .collect();
        let same_doc = self.suggest.key.is_some_and(|k| k.0 == self.current);
        self.suggest.current = match self.suggest.current {
            Some(i) if same_doc && !items.is_empty() => Some(i.min(items.len() - 1)),
            _ => None,
        };
        self.suggest.items = items;
        self.suggest.key = Some(key);
    }

    /// The suggestion covering code point `cp` of the current document.
    pub fn suggestion_at(&self, cp: usize) -> Option<usize> {
        self.suggest.items.iter().position(|s| s.start <= cp && cp < s.end)
    }

    /// Makes suggestion `i` current and says what it is and where it came from.
    pub fn focus_suggestion(&mut self, i: usize) {
        let Some(s) = self.suggest.items.get(i).cloned() else { return };
        self.suggest.current = Some(i);
        self.reveal = Some(s.start);
        self.selected = None;
        self.selection = None;
        let value = s.value.as_deref().map(|v| format!(" = {v}")).unwrap_or_default();
        self.info(format!(
            "Suggestion {} of {}: {} «{}»{value} ({}) — Enter accepts, Backspace rejects",
            i + 1,
            self.suggest.items.len(),
            s.label,
            s.text,
            s.source
        ));
    }

    /// Loads a gazetteer for actor suggestions and remembers it for the next start.
    pub fn load_gazetteer(&mut self, path: std::path::PathBuf) {
        match read_gazetteer(&path) {
            Ok(g) => {
                let n = g.entries.len();
                self.suggest.gazetteer = Some(g);
                self.suggest.key = None;
                self.settings.gazetteer = Some(std::path::absolute(&path).unwrap_or(path.clone()));
                self.save_settings();
                self.info(format!(
                    "Gazetteer {}: {n} entries for actor suggestions",
                    path.display()
                ));
            }
            Err(e) => self.error(format!("Gazetteer not loaded: {e}")),
        }
    }

    /// Whether Enter and Backspace belong to the current suggestion now.
    pub fn suggestion_keys_active(&self) -> bool {
        self.suggest.on
            && self.suggest.current.is_some()
            && self.selected.is_none()
            && self.dialog.is_none()
            && self.mode == Mode::Normal
    }

    /// `Enter`: the current suggestion becomes a span (with its value), as one undo step.
    pub fn accept_suggestion(&mut self) {
        self.refresh_suggestions();
        let Some(i) = self.suggest.current else { return };
        let Some(s) = self.suggest.items.get(i).cloned() else { return };
        if self.project.schema.label(&s.label).is_none() {
            return self.error(format!("label `{}` is not in the schema", s.label));
        }
        let Some(doc) = self.project.doc(s.doc) else { return };
        let mut span = Span::new(doc.next_id(), s.start, s.end, &s.label, &self.layer_name());
        let takes_value = self
            .project
            .schema
            .attributes
            .iter()
            .any(|a| a.name == "value" && a.on.iter().any(|l| l == &s.label));
        if let (Some(value), true, true) = (&s.value, takes_value, s.attributes.is_empty()) {
            span.attributes.insert("value".into(), value.clone());
        }
        // An actor's canonical name and kind, where the schema has those attributes.
        for (name, value) in &s.attributes {
            let allowed = self
                .project
                .schema
                .attributes
                .iter()
                .any(|a| a.name == *name && a.on.iter().any(|l| l == &s.label));
            if allowed {
                span.attributes.insert(name.clone(), value.clone());
            }
        }
        let id: AnnId = span.id;
        if self.apply(Edit::AddSpan { doc: s.doc, span }) {
            // Gone at once, even while a large document's suggestions are being found again.
            self.suggest.items.retain(|x| (x.start, x.end, &x.label) != (s.start, s.end, &s.label));
            self.refresh_suggestions();
            self.next_suggestion(i, format!("Accepted {} «{}» (#{})", s.label, s.text, id.0));
        }
    }

    /// `Backspace`: the current suggestion is dropped for this session.
    pub fn reject_suggestion(&mut self) {
        self.refresh_suggestions();
        let Some(i) = self.suggest.current else { return };
        let Some(s) = self.suggest.items.get(i).cloned() else { return };
        let id = self.project.doc(s.doc).map(|d| d.meta.id.clone()).unwrap_or_default();
        self.suggest.rejected.insert((id, s.start, s.end, s.label.clone()));
        self.suggest.items.retain(|x| (x.start, x.end, &x.label) != (s.start, s.end, &s.label));
        if self.project.doc(self.current).is_some_and(|d| d.char_len() <= IN_BACKGROUND) {
            self.suggest.key = None;
            self.refresh_suggestions();
        }
        self.next_suggestion(i, format!("Rejected {} «{}»", s.label, s.text));
    }

    /// After an accept or a reject at index `i`: the one that now sits there is current.
    fn next_suggestion(&mut self, i: usize, done: String) {
        if self.suggest.items.is_empty() {
            self.suggest.current = None;
            self.info(format!("{done}; no suggestions left in this document"));
        } else {
            self.focus_suggestion(i.min(self.suggest.items.len() - 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;
    use crate::app::files::EMBEDDED_SAMPLE;
    use crate::app::settings::Settings;

    fn sample_on(doc: usize) -> AppState {
        let project = crate::formats::project::parse("s", EMBEDDED_SAMPLE)
            .map(|l| l.project)
            .unwrap_or_default();
        let mut s = AppState::with_project(project, None, Settings::default());
        s.set_document(doc);
        s
    }

    #[test]
    fn enter_accepts_with_the_value_backspace_rejects_and_undo_takes_back() {
        let mut s = sample_on(1);
        let spans = s.project.span_count();
        s.run(Command::ToggleSuggestions);
        let n = s.suggest.items.len();
        assert!(n >= 2, "{:?}", s.suggest.items);
        assert_eq!(s.suggest.current, Some(0));
        assert!(s.project.span_count() == spans, "showing suggestions changes nothing");
        let first = s.suggest.items[0].clone();
        s.accept_suggestion();
        assert_eq!(s.project.span_count(), spans + 1);
        let doc = &s.project.documents[1];
        let made = doc.spans_overlapping(first.start..first.end).find(|x| x.label == first.label);
        assert_eq!(made.and_then(|x| x.attributes.get("value")).cloned(), first.value);
        assert_eq!(s.suggest.items.len(), n - 1, "an accepted suggestion is no longer one");
        let second = s.suggest.items[0].clone();
        s.reject_suggestion();
        assert_eq!(s.project.span_count(), spans + 1, "a rejection adds nothing");
        assert!(!s.suggest.items.contains(&second));
        s.run(Command::Undo);
        s.refresh_suggestions();
        assert_eq!(s.project.span_count(), spans);
        assert!(s.suggest.items.iter().any(|x| x.start == first.start), "undone: suggested again");
        assert!(!s.suggest.items.contains(&second), "still rejected");
        s.run(Command::ToggleSuggestions);
        assert!(s.suggest.items.is_empty());
    }

    #[test]
    fn a_gazetteer_actor_is_accepted_with_its_canonical_name_and_kind()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let csv = dir.path().join("g.csv");
        std::fs::write(&csv, "surface,canonical,kind\nЛавров,Сергей Лавров,person\n")?;
        let mut s = sample_on(1);
        s.load_gazetteer(csv);
        s.run(Command::ToggleSuggestions);
        let i = s
            .suggest
            .items
            .iter()
            .position(|x| x.text == "Лавров")
            .ok_or("Лавров is not suggested")?;
        s.focus_suggestion(i);
        s.accept_suggestion();
        let doc = &s.project.documents[1];
        let made =
            doc.spans().find(|x| doc.slice(x.start, x.end) == "Лавров" && x.label == "Actor");
        let made = made.ok_or("not accepted")?;
        assert_eq!(made.attributes.get("canonical").map(String::as_str), Some("Сергей Лавров"));
        assert_eq!(made.attributes.get("kind").map(String::as_str), Some("person"));
        Ok(())
    }

    #[test]
    fn a_large_document_is_searched_in_the_background() {
        use crate::model::{DocMeta, Document};
        let mut project = crate::model::Project::new("big");
        let meta = DocMeta { id: "big".into(), lang: "ru".into(), ..Default::default() };
        let text = "Южная Осетия признала ЛНР. ".repeat(8_000);
        project.documents.push(std::sync::Arc::new(Document::new(meta, text.as_str())));
        let mut s = AppState::with_project(project, None, Settings::default());
        s.selection = Some(crate::app::TextSelection::new(0, 12));
        s.tag("Actor");
        s.run(Command::ToggleSuggestions);
        assert!(s.suggest.items.is_empty(), "not found on the frame");
        s.wait_for_jobs();
        let n = s.suggest.items.len();
        assert_eq!(n, 7_999, "every other «Южная Осетия»");
        s.focus_suggestion(0);
        s.accept_suggestion();
        assert_eq!(s.suggest.items.len(), n - 1, "the accepted one goes at once");
        s.wait_for_jobs();
        s.refresh_suggestions();
        s.wait_for_jobs();
        assert_eq!(s.suggest.items.len(), n - 1);
    }
}
