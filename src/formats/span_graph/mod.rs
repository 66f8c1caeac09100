//! The shared middle of the doccano and Label Studio formats: spans and events seen as labelled
//! units joined by relations. A trigger's unit shows its event's type as the label and each
//! argument is a relation named by its role; what those tools cannot show travels as `Extras`.

pub mod fields;
mod reading;

pub use reading::{InRelation, InUnit, Reading};

use super::export::{DocView, ExportReport, Overlap};
use crate::model::{AnnId, Document, Event, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One labelled range as the other tool sees it.
pub struct Unit<'a> {
    /// The span's id, or the event's for a second event on the same trigger.
    pub id: AnnId,
    pub span: &'a Span,
    /// The event whose type this unit shows, if it anchors one.
    pub event: Option<&'a Event>,
    /// The label shown: the event's type for a trigger, else the span's label.
    pub label: &'a str,
    /// For a second event on one trigger: the unit whose span it shares.
    pub shares: Option<usize>,
}

/// An argument as a relation between two units.
pub struct Relation<'a> {
    pub from: usize,
    pub to: usize,
    pub role: &'a str,
    /// The target is the span itself, not the event that span's unit shows.
    pub span_target: bool,
}

pub struct Graph<'a> {
    pub units: Vec<Unit<'a>>,
    pub relations: Vec<Relation<'a>>,
}

impl<'a> Graph<'a> {
    /// The units and relations of one document. Without `events` (sequence labelling) every
    /// event is reported and units show span labels. Arguments whose target was not exported
    /// are reported.
    pub fn of(view: &'a DocView<'a>, events: bool, report: &mut ExportReport) -> Self {
        let mut by_trigger: HashMap<AnnId, Vec<&'a Event>> = HashMap::new();
        for event in &view.events {
            if events {
                by_trigger.entry(event.trigger).or_default().push(event.as_ref());
            } else {
                report.skip(
                    view.id(),
                    event.id,
                    "doccano sequence labelling holds no events (use --doccano-mode relation)",
                );
            }
        }
        let mut units = Vec::with_capacity(view.spans.len());
        for &span in &view.spans {
            let mut anchored = by_trigger.remove(&span.id).unwrap_or_default();
            anchored.sort_by_key(|e| e.id);
            let first = units.len();
            let mut anchored = anchored.into_iter();
            let event = anchored.next();
            let label = event.map_or(span.label.as_str(), |e| e.event_type.as_str());
            units.push(Unit { id: span.id, span, event, label, shares: None });
            for more in anchored {
                let label = more.event_type.as_str();
                units.push(Unit {
                    id: more.id,
                    span,
                    event: Some(more),
                    label,
                    shares: Some(first),
                });
            }
        }
        for events in by_trigger.values() {
            for event in events {
                report.skip(view.id(), event.id, "its trigger span is not exported");
            }
        }
        let mut span_unit = HashMap::new();
        let mut event_unit = HashMap::new();
        for (i, unit) in units.iter().enumerate() {
            if unit.shares.is_none() {
                span_unit.insert(unit.span.id, i);
            }
            if let Some(event) = unit.event {
                event_unit.insert(event.id, i);
            }
        }
        let mut relations = Vec::new();
        for (from, unit) in units.iter().enumerate() {
            let Some(event) = unit.event else { continue };
            for arg in &event.arguments {
                let (to, span_target) =
                    match (event_unit.get(&arg.target), span_unit.get(&arg.target)) {
                        (Some(&to), _) => (to, false),
                        (None, Some(&to)) => (to, units[to].event.is_some()),
                        (None, None) => {
                            report.skip(
                                view.id(),
                                event.id,
                                format!(
                                    "argument {} → {} points to nothing exported",
                                    arg.role, arg.target
                                ),
                            );
                            continue;
                        }
                    };
                relations.push(Relation { from, to, role: &arg.role, span_target });
            }
        }
        Graph { units, relations }
    }

    /// Which units to show when the format holds no overlapping ranges, by the `--overlap`
    /// policy; the others are reported (with the unit each overlaps). `Error` reports every
    /// overlapping unit and returns `false`.
    pub fn visible(
        &self,
        doc: &Document,
        policy: Overlap,
        report: &mut ExportReport,
    ) -> (Vec<bool>, bool) {
        let n = self.units.len();
        let range = |i: usize| (self.units[i].span.start, self.units[i].span.end);
        let mut order: Vec<usize> = (0..n).collect();
        let len = |i: usize| range(i).1 - range(i).0;
        match policy {
            Overlap::Outer => order.sort_by_key(|&i| (std::cmp::Reverse(len(i)), range(i).0, i)),
            Overlap::Inner => order.sort_by_key(|&i| (len(i), range(i).0, i)),
            Overlap::Error => {
                order.sort_by_key(|&i| (range(i), i));
                let mut clashes = BTreeSet::new();
                let mut reach: Option<usize> = None;
                for pair in order.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    let holder = match reach {
                        Some(r) if range(r).1 > range(a).1 => r,
                        _ => a,
                    };
                    reach = Some(holder);
                    if range(b).0 < range(holder).1 {
                        clashes.insert(holder);
                        clashes.insert(b);
                    }
                }
                for &i in &clashes {
                    report.skip(
                        &doc.meta.id,
                        self.units[i].id,
                        "overlaps another span (--overlap error)",
                    );
                }
                return (vec![true; n], clashes.is_empty());
            }
        }
        let mut kept: BTreeMap<usize, usize> = BTreeMap::new(); // start → unit, disjoint ranges
        let mut shown = vec![false; n];
        for i in order {
            let (start, end) = range(i);
            // Kept ranges are disjoint, so only the last one starting before `end` can overlap.
            let clash =
                kept.range(..end).next_back().map(|(_, &k)| k).filter(|&k| range(k).1 > start);
            match clash {
                None => {
                    kept.insert(start, i);
                    shown[i] = true;
                }
                Some(k) => {
                    let (ks, ke) = range(k);
                    report.skip(
                        &doc.meta.id,
                        self.units[i].id,
                        format!(
                            "overlaps {} «{}», which is shown (--overlap {}); doccano shows no \
                             overlapping spans, so this one is kept only in the `acta` metadata",
                            self.units[k].id,
                            doc.slice(ks, ke),
                            if policy == Overlap::Outer { "outer" } else { "inner" },
                        ),
                    );
                }
            }
        }
        (shown, true)
    }

    /// The extras of unit `i`: what the other tool shows nothing of. `default_annotator` is the
    /// name the format already carries for the whole document or annotation.
    pub fn extras(&self, i: usize, keys: &[String], default_annotator: &str) -> Option<UnitExtras> {
        let unit = &self.units[i];
        let who = |name: &str| (name != default_annotator).then(|| name.to_string());
        let mut extras = UnitExtras::default();
        if let Some(k) = unit.shares {
            extras.of = Some(keys[k].clone());
        } else {
            let span = unit.span;
            if span.label != unit.label {
                extras.label = Some(span.label.clone());
            }
            extras.annotator = who(&span.annotator);
            extras.attributes = span.attributes.clone();
            extras.note = span.note.clone();
        }
        if let Some(event) = unit.event {
            extras.event = Some(EventExtras {
                annotator: who(&event.annotator),
                attributes: event.attributes.clone(),
                note: event.note.clone(),
            });
        }
        (extras != UnitExtras::default()).then_some(extras)
    }
}

/// The most common annotator of a set of units, written once per document or annotation.
pub fn main_annotator<'a>(units: impl Iterator<Item = &'a Unit<'a>>) -> String {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for unit in units {
        if unit.shares.is_none() {
            *count.entry(unit.span.annotator.as_str()).or_default() += 1;
        }
        if let Some(e) = unit.event {
            *count.entry(e.annotator.as_str()).or_default() += 1;
        }
    }
    count
        .into_iter()
        .max_by_key(|&(name, n)| (n, std::cmp::Reverse(name)))
        .map(|(n, _)| n.to_string())
        .unwrap_or_default()
}

/// What doccano or Label Studio cannot show of a unit, kept in their metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitExtras {
    /// The span's own label when the unit shows an event type instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// This unit is a further event on the span of the unit named here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Present when the unit anchors an event, even one with no arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventExtras>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventExtras {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocMeta;
    use std::borrow::Cow;

    /// "aaaa bbbb cccc dddd" with spans 0..9, 5..9, 5..14, 15..19 and an event on 15..19.
    fn doc() -> Result<Document, String> {
        let spans = vec![
            Span::new(AnnId(1), 0, 9, "A", "x"),
            Span::new(AnnId(2), 5, 9, "A", "y"),
            Span::new(AnnId(3), 5, 14, "A", "y"),
            Span::new(AnnId(4), 15, 19, "T", "y"),
        ];
        let mut event = Event::new(AnnId(5), AnnId(4), "Go", "y");
        event.arguments.push(crate::model::Argument { role: "R".into(), target: AnnId(2) });
        Document::from_annotations(DocMeta::default(), "aaaa bbbb cccc dddd", spans, vec![event])
            .map_err(|p| format!("{p:?}"))
    }

    fn view(doc: &Document) -> DocView<'_> {
        DocView {
            doc,
            spans: doc.spans_by_position().collect(),
            events: doc.events().map(Cow::Borrowed).collect(),
        }
    }

    #[test]
    fn overlap_policies_choose_disjoint_units() -> Result<(), String> {
        let doc = doc()?;
        let view = view(&doc);
        let mut report = ExportReport::default();
        let graph = Graph::of(&view, true, &mut report);
        assert_eq!(graph.units[3].label, "Go", "a trigger shows its event's type");
        assert_eq!((graph.relations[0].from, graph.relations[0].to), (3, 1));
        let shown = |policy| {
            let mut report = ExportReport::default();
            let (shown, ok) = graph.visible(&doc, policy, &mut report);
            let ids: Vec<u64> =
                (0..shown.len()).filter(|&i| shown[i]).map(|i| graph.units[i].id.0).collect();
            let skipped: Vec<u64> = report.skipped.iter().map(|s| s.ann.0).collect();
            (ids, skipped, ok)
        };
        assert_eq!(shown(Overlap::Outer), (vec![1, 4], vec![3, 2], true));
        assert_eq!(shown(Overlap::Inner), (vec![2, 4], vec![1, 3], true));
        assert_eq!(shown(Overlap::Error), (vec![1, 2, 3, 4], vec![1, 2, 3], false));
        assert_eq!(main_annotator(graph.units.iter()), "y");
        Ok(())
    }

    #[test]
    fn readings_refuse_dangling_and_repeated_keys() {
        let unit = |key: &str| InUnit {
            key: key.into(),
            start: 0,
            end: 1,
            label: "A".into(),
            annotator: None,
        };
        let who = |_: Option<&str>| "z".to_string();
        let build = |r: Reading| r.into_document(DocMeta::default(), "ab".into(), &who).err();
        let twice = Reading { units: vec![unit("1"), unit("1")], ..Default::default() };
        assert!(build(twice).is_some_and(|e| e.contains("used by two")));
        let rel = InRelation { from: "1".into(), to: "9".into(), role: "R".into() };
        let dangling =
            Reading { units: vec![unit("1")], relations: vec![rel], ..Default::default() };
        assert!(build(dangling).is_some_and(|e| e.contains("`9`")));
    }
}
