//! The events of a project on a time axis: each event is placed by the normalised value of the
//! date its Time argument points at (any argument whose span carries a date `value`, the
//! role called Time first), with its type, its trigger and its actors. Events without such a
//! date are counted, not placed.

use crate::model::date_interval::interval;
use crate::model::{AnnId, Document, Project};

/// An event on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub doc: usize,
    pub event: AnnId,
    pub event_type: String,
    pub trigger: String,
    /// (role, text) of the arguments that are not the date.
    pub actors: Vec<(String, String)>,
    /// The date's normalised value and the days it covers (since 1970-01-01).
    pub value: String,
    pub start: i64,
    pub end: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// In time order (then document order).
    pub events: Vec<Placed>,
    /// Events with no dated argument.
    pub undated: usize,
}

impl Timeline {
    /// First and last day on the axis.
    pub fn range(&self) -> Option<(i64, i64)> {
        let first = self.events.iter().map(|e| e.start).min()?;
        let last = self.events.iter().map(|e| e.end).max()?;
        Some((first, last))
    }
}

pub fn timeline(project: &Project) -> Timeline {
    let mut out = Timeline::default();
    for (i, doc) in project.documents.iter().enumerate() {
        for event in doc.events() {
            match place(i, doc, event) {
                Some(p) => out.events.push(p),
                None => out.undated += 1,
            }
        }
    }
    out.events.sort_by_key(|e| (e.start, e.end, e.doc, e.event));
    out
}

fn place(i: usize, doc: &Document, event: &crate::model::Event) -> Option<Placed> {
    let dated = |role: &str, target: AnnId| {
        let span = doc.span(target)?;
        let value = span.attributes.get("value")?;
        let (start, end) = interval(value)?;
        Some((role.to_string(), target, value.clone(), start, end))
    };
    let mut dates: Vec<_> =
        event.arguments.iter().filter_map(|a| dated(&a.role, a.target)).collect();
    // The role called Time wins over any other dated argument.
    dates.sort_by_key(|d| d.0 != "Time");
    let (_, date_id, value, start, end) = dates.into_iter().next()?;
    let text = |id: AnnId| {
        doc.span(id)
            .map(|s| doc.slice(s.start, s.end).to_string())
            .or_else(|| doc.event(id).map(|e| format!("event #{}", e.id.0)))
    };
    let actors = event
        .arguments
        .iter()
        .filter(|a| a.target != date_id)
        .filter_map(|a| Some((a.role.clone(), text(a.target)?)))
        .collect();
    Some(Placed {
        doc: i,
        event: event.id,
        event_type: event.event_type.clone(),
        trigger: text(event.trigger).unwrap_or_default(),
        actors,
        value,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date_interval::day_name;

    #[test]
    fn the_sample_events_in_time_order_with_their_actors() -> Result<(), Box<dyn std::error::Error>>
    {
        let project =
            crate::formats::project::parse("s", crate::app::files::EMBEDDED_SAMPLE)?.project;
        let t = timeline(&project);
        let total: usize = project.documents.iter().map(|d| d.event_count()).sum();
        assert_eq!(t.events.len() + t.undated, total);
        assert!(!t.events.is_empty());
        assert!(t.events.windows(2).all(|w| w[0].start <= w[1].start), "in time order");
        // Putin recognised the LNR on 21 February 2022.
        let recognition = t
            .events
            .iter()
            .find(|e| e.trigger == "признал суверенитет")
            .ok_or("the recognition is not placed")?;
        assert_eq!(day_name(recognition.start), "2022-02-21");
        assert_eq!(recognition.event_type, "Recognition");
        assert!(recognition.actors.iter().any(|(r, a)| r == "Agent" && a.contains("Путин")));
        Ok(())
    }
}
