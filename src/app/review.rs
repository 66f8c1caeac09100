//! Review mode: the reviewer walks the places where the annotators' layers differ and builds the
//! gold layer: take a proposal (A, B…), take them all, reject, nudge boundaries, accept agreed
//! places in bulk. The places are recomputed only when the document or its annotations change.

use super::{AppState, Mode};
use crate::formats::export::GOLD_LAYER;
use crate::model::{AnnId, Document, Edit};
use crate::review::adjudicate::{self, Item, Kind, Planner, Resolution, Summary};
use std::collections::HashMap;

/// How an annotator's span is drawn in review mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Look {
    /// Agreed, or settled in gold: in the background.
    Quiet,
    /// Part of a disagreement gold has not settled.
    Loud,
    /// Part of the place under review.
    Current,
}

/// How many annotators a proposal needs for bulk accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Votes {
    /// Every layer of the document.
    All,
    AtLeast(usize),
}

/// Which proposals of the current place go to gold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    One(usize),
    All,
}

pub struct ReviewState {
    /// (document, history state, document revision) the places were computed for.
    key: Option<(usize, u64, u64)>,
    pub items: Vec<Item>,
    pub summary: Summary,
    /// The document's annotator layers (gold aside).
    pub layers: usize,
    /// The place under review, an index into `items`.
    pub cursor: Option<usize>,
    looks: HashMap<AnnId, Look>,
    /// Votes a proposal needs for "Accept majority".
    pub min_votes: usize,
    /// Bulk accept covers every document, not only the one shown.
    pub whole_project: bool,
}

impl ReviewState {
    fn new() -> Self {
        Self {
            key: None,
            items: Vec::new(),
            summary: Summary::default(),
            layers: 0,
            cursor: None,
            looks: HashMap::new(),
            min_votes: 2,
            whole_project: false,
        }
    }

    /// A new project: nothing computed applies to it.
    pub(super) fn forget(&mut self) {
        self.key = None;
        self.cursor = None;
        self.items.clear();
        self.looks.clear();
    }

    pub fn current(&self) -> Option<&Item> {
        self.cursor.and_then(|k| self.items.get(k))
    }

    /// How an annotator's span is drawn; `None` for gold spans and spans in no place.
    pub fn look(&self, id: AnnId) -> Option<Look> {
        self.looks.get(&id).copied()
    }

    /// Spans draw as their place stands; an event place speaks through its triggers, when it
    /// says more than the trigger's own place (current over loud over quiet).
    fn refresh_looks(&mut self, doc: &Document) {
        self.looks.clear();
        let mut triggers = Vec::new();
        for (k, item) in self.items.iter().enumerate() {
            let look = if Some(k) == self.cursor {
                Look::Current
            } else if item.is_open_disagreement() {
                Look::Loud
            } else {
                Look::Quiet
            };
            match item.kind {
                Kind::Span => self.looks.extend(item.members().map(|id| (id, look))),
                Kind::Event => triggers
                    .extend(item.members().filter_map(|e| doc.event(e)).map(|e| (e.trigger, look))),
            }
        }
        for (id, look) in triggers {
            let entry = self.looks.entry(id).or_insert(look);
            *entry = (*entry).max(look);
        }
    }
}

impl AppState {
    /// In review mode a click on an annotator's annotation shows its place rather than
    /// selecting it, so nothing but gold can be edited there. True when it did so.
    pub(super) fn review_click(&mut self, id: AnnId) -> bool {
        self.refresh_review();
        let Some(review) = self.review.as_ref() else { return false };
        let is_gold = self.doc().is_some_and(|d| {
            d.span(id)
                .map(|s| s.annotator == GOLD_LAYER)
                .or_else(|| d.event(id).map(|e| e.annotator == GOLD_LAYER))
                .unwrap_or(true)
        });
        if is_gold {
            return false;
        }
        match review.items.iter().position(|i| i.members().any(|m| m == id)) {
            Some(k) => self.review_go(k),
            None => self.info("That annotation belongs to an annotator's layer"),
        }
        true
    }

    pub fn in_review(&self) -> bool {
        self.review.is_some()
    }

    /// The layer new annotations go to: gold while reviewing, the annotator's own otherwise.
    pub fn layer_name(&self) -> String {
        if self.in_review() { GOLD_LAYER.to_string() } else { self.settings.annotator_name() }
    }

    /// Enters or leaves review mode.
    pub fn toggle_review(&mut self) {
        if self.review.take().is_some() {
            self.info(format!("Review mode off: annotating as {}", self.settings.annotator_name()));
            return;
        }
        self.mode = Mode::Normal;
        let mut review = ReviewState::new();
        // A majority of the layers (gold is not one): 2 of 2, 2 of 3, 3 of 4…
        let layers = self.project.annotators().into_iter().filter(|a| *a != GOLD_LAYER).count();
        review.min_votes = layers.max(2) / 2 + 1;
        self.review = Some(review);
        self.refresh_review();
        let open = self.review.as_ref().map_or(0, |r| r.summary.open);
        self.info(format!(
            "Review mode, building gold: {open} open disagreement(s); N for the next"
        ));
    }

    /// The review state, brought up to date with the document shown.
    pub fn review(&mut self) -> Option<&ReviewState> {
        self.refresh_review();
        self.review.as_ref()
    }

    pub fn refresh_review(&mut self) {
        let Some(doc) = self.project.doc(self.current) else { return };
        let key = Some((self.current, self.history.state(), doc.revision()));
        let Some(review) = self.review.as_mut() else { return };
        if review.key == key {
            return;
        }
        let place = review.key.filter(|k| k.0 == self.current).and(review.current()).map(place_of);
        review.items = adjudicate::items(doc);
        review.summary = adjudicate::summary(&review.items);
        review.layers = adjudicate::layers(doc).len();
        review.cursor = place.and_then(|p| review.items.iter().position(|i| place_of(i) == p));
        review.key = key;
        review.refresh_looks(doc);
    }

    /// Moves to the next (or previous) open disagreement, wrapping around the document.
    pub fn review_step(&mut self, forward: bool) {
        self.refresh_review();
        let Some(review) = self.review.as_mut() else { return };
        let n = review.items.len();
        let open: Vec<usize> = (0..n).filter(|&k| review.items[k].is_open_disagreement()).collect();
        let next = match (review.cursor, forward) {
            (None, true) => open.first(),
            (None, false) => open.last(),
            (Some(c), true) => open.iter().find(|&&k| k > c).or(open.first()),
            (Some(c), false) => open.iter().rev().find(|&&k| k < c).or(open.last()),
        }
        .copied();
        match next {
            Some(k) => self.review_go(k),
            None => self.info("No open disagreements in this document"),
        }
    }

    /// Makes place `k` the one under review and shows it (its gold annotation selected).
    pub fn review_go(&mut self, k: usize) {
        let Some(review) = self.review.as_mut() else { return };
        let Some(item) = review.items.get(k) else { return };
        review.cursor = Some(k);
        let start = item.start;
        let gold = self.gold_of(k);
        if let (Some(review), Some(doc)) = (self.review.as_mut(), self.project.doc(self.current)) {
            review.refresh_looks(doc);
        }
        self.selection = None;
        self.selected = gold;
        self.mode = Mode::Normal;
        self.reveal = Some(start);
    }

    /// The gold span settling place `k` (an event place: its gold event's trigger).
    fn gold_of(&self, k: usize) -> Option<AnnId> {
        let item = self.review.as_ref()?.items.get(k)?;
        let Resolution::Gold(ids) = &item.resolution else { return None };
        let doc = self.doc()?;
        ids.iter().find_map(|id| match item.kind {
            Kind::Span => doc.span(*id).map(|s| s.id),
            Kind::Event => doc.event(*id).map(|e| e.trigger),
        })
    }

    /// Settles the current place in gold with the chosen proposals.
    pub fn review_take(&mut self, take: Take) {
        self.settle(|item, plan| {
            let chosen: Vec<usize> = match take {
                Take::One(k) if k < item.versions.len() => vec![k],
                Take::One(_) => return false,
                Take::All => (0..item.versions.len()).collect(),
            };
            plan.take(item, &chosen);
            true
        });
    }

    /// Selects the gold span of the current place (taking proposal A first if gold has none)
    /// so Alt+arrows move its boundaries.
    pub fn review_edit_boundaries(&mut self) {
        let Some(k) = self.review.as_ref().and_then(|r| r.cursor) else {
            return self.info("No place under review: press N for the next disagreement");
        };
        if self.gold_of(k).is_none() {
            self.review_take(Take::One(0));
        }
        let Some(k) = self.review.as_ref().and_then(|r| r.cursor) else { return };
        if let Some(id) = self.gold_of(k) {
            self.selected = Some(id);
            self.info(
                "Alt+←/→ move the end, Alt+Shift+←/→ the start (by word; by character with \
                 snapping off)",
            );
        }
    }

    /// Nothing of the current place goes to gold.
    pub fn review_reject(&mut self) {
        self.settle(|item, plan| {
            plan.reject(item);
            true
        });
    }

    fn settle(&mut self, f: impl FnOnce(&Item, &mut Planner) -> bool) {
        self.refresh_review();
        let reviewer = self.settings.annotator_name();
        let Some(k) = self.review.as_ref().and_then(|r| r.cursor) else {
            return self.info("No place under review: press N for the next disagreement");
        };
        let (Some(doc), Some(item)) =
            (self.project.doc(self.current), self.review.as_ref().and_then(|r| r.items.get(k)))
        else {
            return;
        };
        let mut plan = Planner::new(doc, self.current, &reviewer);
        if !f(item, &mut plan) {
            return self.info("There is no such proposal here");
        }
        if let Some(&(start, end)) = plan.blocked.first() {
            let text = doc.slice(start, end).to_string();
            let place = self.review.as_ref().and_then(|r| {
                r.items.iter().position(|i| (i.kind, i.start, i.end) == (Kind::Event, start, end))
            });
            if let Some(p) = place {
                self.review_go(p);
            }
            return self.info(format!(
                "This event points at the event «{text}», which is not in gold yet: settle it \
                 first (shown now), then come back with P"
            ));
        }
        match plan.finish() {
            Some(edit) => {
                if self.apply(edit) {
                    self.status = None;
                    self.refresh_review();
                    self.review_go(k);
                }
            }
            None => self.info("Gold already holds exactly that"),
        }
    }

    /// Accepts every unsettled place where one proposal has enough votes, in the document
    /// shown or (with `whole_project`) in every document, as one undo step.
    pub fn review_accept(&mut self, votes: Votes) {
        let reviewer = self.settings.annotator_name();
        let whole = self.review.as_ref().is_some_and(|r| r.whole_project);
        let docs: Vec<usize> =
            if whole { (0..self.project.documents.len()).collect() } else { vec![self.current] };
        let mut edits = Vec::new();
        let mut settled = 0;
        for d in docs {
            let Some(doc) = self.project.doc(d) else { continue };
            let items = adjudicate::items(doc);
            let min_votes = match votes {
                Votes::All => adjudicate::layers(doc).len(),
                Votes::AtLeast(n) => n,
            };
            let (edit, n) = adjudicate::accept(doc, d, &items, min_votes, &reviewer);
            edits.extend(edit);
            settled += n;
        }
        if edits.is_empty() {
            return self.info("No unsettled place has enough votes");
        }
        if self.apply(Edit::Batch(edits)) {
            self.refresh_review();
            self.info(format!("Accepted {settled} place(s) into gold"));
        }
    }
}

fn place_of(item: &Item) -> (Kind, usize, usize) {
    (item.kind, item.start, item.end)
}
