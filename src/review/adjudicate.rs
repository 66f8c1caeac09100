//! Adjudication: the reviewer builds the gold layer out of the annotators' layers. `items`
//! groups one document's spans and events into places (at most one proposal per annotator) and
//! says how the proposals differ and whether gold settles them; `plan.rs` turns take, reject and
//! bulk accept into the one `Edit` that settles places in gold.

mod plan;
#[cfg(test)]
mod tests;

pub use plan::{Planner, accept};

use crate::formats::export::GOLD_LAYER;
use crate::model::{AnnId, Document};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Span,
    Event,
}

/// An event argument as compared across layers: ids differ between layers, places do not.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArgumentPlace {
    pub role: String,
    pub start: usize,
    pub end: usize,
    /// The target span's label, or the target event's type.
    pub label: String,
}

/// One proposal for a place, made identically by one or more annotators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub start: usize,
    pub end: usize,
    /// The span's label, or the event's type.
    pub label: String,
    /// Events only: the trigger span's label.
    pub trigger_label: String,
    pub attributes: BTreeMap<String, String>,
    /// Events only, sorted.
    pub arguments: Vec<ArgumentPlace>,
    /// Who proposed it, with the id of their span or event, in annotator order.
    pub by: Vec<(String, AnnId)>,
}

impl Version {
    fn annotators(&self) -> BTreeSet<&str> {
        self.by.iter().map(|(a, _)| a.as_str()).collect()
    }

    /// How many annotators proposed it.
    pub fn votes(&self) -> usize {
        // `by` is sorted, so an annotator's twins sit together.
        let mut n = 0;
        let mut last: Option<&str> = None;
        for (a, _) in &self.by {
            if last != Some(a.as_str()) {
                n += 1;
                last = Some(a);
            }
        }
        n
    }

    fn key(&self) -> impl Ord + '_ {
        (self.start, self.end, &self.label, &self.trigger_label, &self.attributes, &self.arguments)
    }
}

/// How the proposals for a place differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Difference {
    /// Every annotator proposed the same thing.
    Agreed,
    /// One proposal, but some annotators have nothing here.
    Missing,
    Label,
    Boundary,
    LabelAndBoundary,
    Attributes,
    Arguments,
}

impl Difference {
    pub fn describe(self) -> &'static str {
        match self {
            Difference::Agreed => "all agree",
            Difference::Missing => "missing in some layers",
            Difference::Label => "labels differ",
            Difference::Boundary => "boundaries differ",
            Difference::LabelAndBoundary => "labels and boundaries differ",
            Difference::Attributes => "attributes differ",
            Difference::Arguments => "arguments differ",
        }
    }
}

/// Whether gold settles a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    Open,
    /// Gold holds these spans (span places) or events (event places) here.
    Gold(Vec<AnnId>),
    /// The reviewer decided nothing of it belongs in gold.
    Rejected,
}

/// A place in the text and every layer's proposal for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// The union of the proposals' ranges (the trigger's, for events).
    pub start: usize,
    pub end: usize,
    /// Distinct proposals, most votes first.
    pub versions: Vec<Version>,
    /// Annotators of the document with nothing here.
    pub missing: Vec<String>,
    pub difference: Difference,
    pub resolution: Resolution,
}

impl Item {
    /// A disagreement gold has not settled yet: what next/previous walk through.
    pub fn is_open_disagreement(&self) -> bool {
        self.difference != Difference::Agreed && self.resolution == Resolution::Open
    }

    /// Names this place among places on the same range, for rejections: its proposals' labels
    /// (event types after `event `) with their ranges, e.g. `Date 22-27|Date 22-37`. Every
    /// proposal belongs to one place, so no two places share a key.
    pub fn label_key(&self) -> String {
        let mut parts: Vec<String> =
            self.versions.iter().map(|v| format!("{} {}-{}", v.label, v.start, v.end)).collect();
        parts.sort();
        parts.dedup();
        let prefix = if self.kind == Kind::Event { "event " } else { "" };
        format!("{prefix}{}", parts.join("|"))
    }

    pub fn is_settled(&self) -> bool {
        self.resolution != Resolution::Open
    }

    /// Every annotator's annotation proposed here.
    pub fn members(&self) -> impl Iterator<Item = AnnId> + '_ {
        self.versions.iter().flat_map(|v| v.by.iter().map(|(_, id)| *id))
    }
}

/// The annotators' layers of a document (everyone but gold), in name order.
pub fn layers(doc: &Document) -> Vec<String> {
    let mut names: BTreeSet<&str> = doc.spans().map(|s| s.annotator.as_str()).collect();
    names.extend(doc.events().map(|e| e.annotator.as_str()));
    names.remove(GOLD_LAYER);
    names.into_iter().map(str::to_string).collect()
}

/// The places of a document in reading order (spans before events at the same place).
pub fn items(doc: &Document) -> Vec<Item> {
    let layers = layers(doc);
    let mut out = Vec::new();
    for (kind, versions) in [(Kind::Span, span_versions(doc)), (Kind::Event, event_versions(doc))] {
        let groups = cluster(&versions);
        let mut versions: Vec<Option<Version>> = versions.into_iter().map(Some).collect();
        for group in groups {
            let group: Vec<Version> =
                group.into_iter().filter_map(|i| versions[i].take()).collect();
            out.push(item(doc, kind, group, &layers));
        }
    }
    out.sort_by_key(|i| (i.start, i.end, i.kind));
    assign_gold(doc, &mut out);
    out
}

fn item(doc: &Document, kind: Kind, mut versions: Vec<Version>, layers: &[String]) -> Item {
    if versions.len() > 1 {
        versions.sort_by(|a, b| b.votes().cmp(&a.votes()).then_with(|| a.key().cmp(&b.key())));
    }
    let start = versions.iter().map(|v| v.start).min().unwrap_or(0);
    let end = versions.iter().map(|v| v.end).max().unwrap_or(0);
    let present: BTreeSet<&str> = versions.iter().flat_map(|v| v.annotators()).collect();
    let missing: Vec<String> =
        layers.iter().filter(|l| !present.contains(l.as_str())).cloned().collect();
    let difference = difference(&versions, !missing.is_empty());
    let mut item =
        Item { kind, start, end, versions, missing, difference, resolution: Resolution::Open };
    let rejected = doc.meta.rejected.iter().filter(|r| (r.start, r.end) == (start, end));
    let key = rejected.clone().next().map(|_| item.label_key());
    if rejected.clone().any(|r| Some(&r.label) == key.as_ref()) {
        item.resolution = Resolution::Rejected;
    }
    item
}

fn difference(versions: &[Version], missing: bool) -> Difference {
    let [first, rest @ ..] = versions else { return Difference::Missing };
    if rest.is_empty() {
        return if missing { Difference::Missing } else { Difference::Agreed };
    }
    let same_range = rest.iter().all(|v| (v.start, v.end) == (first.start, first.end));
    let same_label =
        rest.iter().all(|v| (&v.label, &v.trigger_label) == (&first.label, &first.trigger_label));
    match (same_range, same_label) {
        (true, true) if rest.iter().all(|v| v.attributes == first.attributes) => {
            Difference::Arguments
        }
        (true, true) => Difference::Attributes,
        (true, false) => Difference::Label,
        (false, true) => Difference::Boundary,
        (false, false) => Difference::LabelAndBoundary,
    }
}

/// Gold settles a place when it holds something there with one of the proposals' labels (event
/// types): a gold span or event counts for the one place it fits best (a proposal identical to
/// it, then one on the same range, then the largest overlap; among equals a place gold has not
/// settled yet), so places on the same text never share a gold annotation.
fn assign_gold(doc: &Document, items: &mut [Item]) {
    let mut owner: HashMap<AnnId, usize> = HashMap::new();
    for (k, item) in items.iter().enumerate() {
        owner.extend(item.members().map(|id| (id, k)));
    }
    let mut taken = vec![0usize; items.len()];
    let mut found: Vec<(usize, AnnId)> = Vec::new();
    for g in doc.spans().filter(|s| s.annotator == GOLD_LAYER) {
        let candidates: Vec<usize> = doc
            .spans_overlapping(g.start..g.end)
            .filter_map(|s| owner.get(&s.id))
            .copied()
            .collect();
        let fit = |v: &Version| {
            let same = (v.start, v.end, &v.label) == (g.start, g.end, &g.label);
            (v.label == g.label).then_some(if !same {
                0
            } else if v.attributes == g.attributes {
                2
            } else {
                1
            })
        };
        if let Some(k) = best_place(items, &candidates, &taken, g.start, g.end, fit) {
            taken[k] += 1;
            found.push((k, g.id));
        }
    }
    for e in doc.events().filter(|e| e.annotator == GOLD_LAYER) {
        let Some(t) = doc.span(e.trigger) else { continue };
        let candidates: Vec<usize> = doc
            .spans_overlapping(t.start..t.end)
            .flat_map(|s| doc.events_triggered_by(s.id))
            .filter_map(|x| owner.get(&x.id))
            .copied()
            .collect();
        let mut arguments: Vec<ArgumentPlace> =
            e.arguments.iter().filter_map(|a| place_of(doc, &a.role, a.target)).collect();
        arguments.sort();
        let fit = |v: &Version| {
            let same = (v.start, v.end, &v.label) == (t.start, t.end, &e.event_type);
            let identical = same && v.arguments == arguments && v.attributes == e.attributes;
            (v.label == e.event_type).then_some(if identical { 2 } else { u8::from(same) })
        };
        if let Some(k) = best_place(items, &candidates, &taken, t.start, t.end, fit) {
            taken[k] += 1;
            found.push((k, e.id));
        }
    }
    for (k, id) in found {
        match &mut items[k].resolution {
            Resolution::Gold(ids) => ids.push(id),
            // A gold annotation outweighs an old rejection of the place.
            other => *other = Resolution::Gold(vec![id]),
        }
    }
}

/// The candidate place a gold annotation at `start..end` fits best; `fit` rates one proposal
/// (`None`: another label; higher is closer).
fn best_place(
    items: &[Item],
    candidates: &[usize],
    taken: &[usize],
    start: usize,
    end: usize,
    fit: impl Fn(&Version) -> Option<u8>,
) -> Option<usize> {
    let score = |k: usize| {
        let item = &items[k];
        let tier = item.versions.iter().filter_map(&fit).max()?;
        let overlap = end.min(item.end).saturating_sub(start.max(item.start));
        Some((tier, overlap, std::cmp::Reverse(taken[k]), std::cmp::Reverse(k)))
    };
    candidates.iter().filter_map(|&k| score(k)).max().map(|(.., std::cmp::Reverse(k))| k)
}

fn span_versions(doc: &Document) -> Vec<Version> {
    type Key<'a> = (usize, usize, &'a str, &'a BTreeMap<String, String>);
    let mut by_key: BTreeMap<Key, Version> = BTreeMap::new();
    for s in doc.spans().filter(|s| s.annotator != GOLD_LAYER) {
        by_key
            .entry((s.start, s.end, &s.label, &s.attributes))
            .or_insert_with(|| Version {
                start: s.start,
                end: s.end,
                label: s.label.clone(),
                trigger_label: String::new(),
                attributes: s.attributes.clone(),
                arguments: Vec::new(),
                by: Vec::new(),
            })
            .by
            .push((s.annotator.clone(), s.id));
    }
    finish(by_key.into_values())
}

fn event_versions(doc: &Document) -> Vec<Version> {
    type Key = (usize, usize, String, String, BTreeMap<String, String>, Vec<ArgumentPlace>);
    let mut by_key: BTreeMap<Key, Version> = BTreeMap::new();
    for e in doc.events().filter(|e| e.annotator != GOLD_LAYER) {
        let Some(trigger) = doc.span(e.trigger) else { continue };
        let mut arguments: Vec<ArgumentPlace> =
            e.arguments.iter().filter_map(|a| place_of(doc, &a.role, a.target)).collect();
        arguments.sort();
        let key = (
            trigger.start,
            trigger.end,
            e.event_type.clone(),
            trigger.label.clone(),
            e.attributes.clone(),
            arguments,
        );
        let version = by_key.entry(key.clone()).or_insert_with(|| Version {
            start: key.0,
            end: key.1,
            label: key.2,
            trigger_label: key.3,
            attributes: key.4,
            arguments: key.5,
            by: Vec::new(),
        });
        version.by.push((e.annotator.clone(), e.id));
    }
    finish(by_key.into_values())
}

fn place_of(doc: &Document, role: &str, target: AnnId) -> Option<ArgumentPlace> {
    let (span, label) = match doc.event(target) {
        Some(e) => (doc.span(e.trigger)?, e.event_type.clone()),
        None => {
            let s = doc.span(target)?;
            (s, s.label.clone())
        }
    };
    Some(ArgumentPlace { role: role.to_string(), start: span.start, end: span.end, label })
}

fn finish(versions: impl Iterator<Item = Version>) -> Vec<Version> {
    let mut v: Vec<Version> = versions.collect();
    for version in &mut v {
        version.by.sort();
    }
    v.sort_by(|a, b| (a.start, a.end).cmp(&(b.start, b.end)).then_with(|| a.key().cmp(&b.key())));
    v
}

/// Groups versions into places, each annotator at most once per place: first versions on the
/// same range (label or attribute differences), then overlapping ones with the same label
/// (boundary differences), then any overlap (both differ).
fn cluster(versions: &[Version]) -> Vec<Vec<usize>> {
    let n = versions.len();
    let mut pairs = Vec::new();
    // `versions` are sorted by start: j overlaps i iff it starts before i ends.
    for i in 0..n {
        for j in i + 1..n {
            if versions[j].start >= versions[i].end {
                break;
            }
            pairs.push((i, j));
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let mut who: Vec<BTreeSet<&str>> = versions.iter().map(Version::annotators).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for pass in 0..3 {
        for &(i, j) in &pairs {
            let (a, b) = (&versions[i], &versions[j]);
            let joins = match pass {
                0 => (a.start, a.end) == (b.start, b.end),
                1 => a.label == b.label,
                _ => true,
            };
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            if joins && ri != rj && who[ri].is_disjoint(&who[rj]) {
                parent[rj] = ri;
                let moved = std::mem::take(&mut who[rj]);
                who[ri].extend(moved);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort();
    out
}

/// Counts for a document's review: places, open disagreements, settled places.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub places: usize,
    pub agreed: usize,
    pub open: usize,
    pub settled: usize,
}

pub fn summary(items: &[Item]) -> Summary {
    Summary {
        places: items.len(),
        agreed: items.iter().filter(|i| i.difference == Difference::Agreed).count(),
        open: items.iter().filter(|i| i.is_open_disagreement()).count(),
        settled: items.iter().filter(|i| i.is_settled()).count(),
    }
}
