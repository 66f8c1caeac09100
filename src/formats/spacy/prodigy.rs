//! Prodigy-style JSONL, one document per line: `text`, `meta` (`id`, `lang` = the spaCy rules
//! used, `title`), every token, `spans` (overlaps kept: span groups hold them), `relations` (per
//! argument: head = trigger's last token, child = argument's, label = role) and `events`.

use crate::formats::export::{DocView, ExportError, ExportJob, ExportReport, UnitMap};
use crate::formats::staging::Staging;
use crate::formats::tokens::{Placed, TokenDoc, prepare};
use crate::model::{AnnId, Event};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Record<'a> {
    text: &'a str,
    meta: Meta<'a>,
    tokens: Vec<TokenOut<'a>>,
    spans: Vec<SpanOut<'a>>,
    relations: Vec<Relation<'a>>,
    events: Vec<EventOut<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    id: &'a str,
    lang: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

/// A span's place, as relations repeat it (`head_span`, `child_span`).
#[derive(Serialize, Clone, Copy)]
struct Place<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    text: &'a str,
    id: AnnId,
    annotator: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
}

#[derive(Serialize)]
struct Relation<'a> {
    head: usize,
    child: usize,
    head_span: Place<'a>,
    child_span: Place<'a>,
    label: &'a str,
    event: AnnId,
    event_type: &'a str,
    /// Set when the argument is another event (the child is then that event's trigger).
    #[serde(skip_serializing_if = "Option::is_none")]
    child_event: Option<AnnId>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: AnnId,
    #[serde(rename = "type")]
    event_type: &'a str,
    trigger: AnnId,
    annotator: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
}

fn place<'a>(p: &Placed<'a>, map: &UnitMap) -> Place<'a> {
    Place {
        start: map.of(p.span.start),
        end: map.of(p.span.end),
        token_start: p.first,
        token_end: p.last,
        label: &p.span.label,
    }
}

/// Relations of one event; arguments that cannot be placed are reported.
fn arguments<'a>(
    view: &DocView<'a>,
    event: &'a Event,
    placed: &HashMap<AnnId, Placed<'a>>,
    map: &UnitMap,
    report: &mut ExportReport,
) -> Vec<Relation<'a>> {
    let Some(trigger) = placed.get(&event.trigger) else { return Vec::new() };
    let mut out = Vec::new();
    for arg in &event.arguments {
        let child_event = view.doc.event(arg.target).map(|e| e.id);
        let target = view.doc.event(arg.target).map_or(arg.target, |e| e.trigger);
        let Some(child) = placed.get(&target) else {
            let reason = format!(
                "argument {} → {} left out: its span is not on token boundaries",
                arg.role, arg.target
            );
            report.skip(view.id(), event.id, reason);
            continue;
        };
        out.push(Relation {
            head: trigger.last,
            child: child.last,
            head_span: place(trigger, map),
            child_span: place(child, map),
            label: &arg.role,
            event: event.id,
            event_type: &event.event_type,
            child_event,
        });
    }
    out
}

fn record<'a>(
    view: &'a DocView<'a>,
    doc: &'a TokenDoc<'a>,
    unit: crate::formats::export::OffsetUnit,
    report: &mut ExportReport,
) -> Record<'a> {
    let text = view.text();
    let map = UnitMap::new(view.doc, unit);
    let tokens = doc.tokens.iter().enumerate();
    let tokens = tokens
        .map(|(id, t)| TokenOut {
            text: t.text(text),
            start: map.of(t.start),
            end: map.of(t.end),
            id,
            ws: t.ws,
        })
        .collect();
    let spans = doc
        .spans
        .iter()
        .map(|p| SpanOut {
            place: place(p, &map),
            text: &text[doc.tokens[p.first].byte_start..doc.tokens[p.last].byte_end],
            id: p.span.id,
            annotator: &p.span.annotator,
            attributes: &p.span.attributes,
            note: &p.span.note,
        })
        .collect();
    let placed: HashMap<AnnId, Placed> = doc.spans.iter().map(|p| (p.span.id, *p)).collect();
    let (mut relations, mut events) = (Vec::new(), Vec::new());
    for event in &view.events {
        if !placed.contains_key(&event.trigger) {
            let reason = "its trigger is not on token boundaries, so spacy cannot hold the event";
            report.skip(view.id(), event.id, reason);
            continue;
        }
        relations.extend(arguments(view, event, &placed, &map, report));
        events.push(EventOut {
            id: event.id,
            event_type: &event.event_type,
            trigger: event.trigger,
            annotator: &event.annotator,
            attributes: &event.attributes,
            note: &event.note,
        });
    }
    report.events += events.len();
    let meta = Meta { id: view.id(), lang: doc.lang, title: &view.doc.meta.title };
    Record { text, meta, tokens, spans, relations, events }
}

pub(super) fn export(
    job: &ExportJob,
    out: &Path,
    staging: &mut Staging,
    report: &mut ExportReport,
) -> Result<(), ExportError> {
    let mut other_langs = BTreeMap::new();
    let written = staging.file(out, |w| {
        for view in &job.docs {
            let doc = prepare(view, None, report, &mut Vec::new());
            if doc.lang != view.doc.meta.lang {
                other_langs.insert(view.doc.meta.lang.clone(), doc.lang);
            }
            serde_json::to_writer(&mut *w, &record(view, &doc, job.options.offsets, report))?;
            w.write_all(b"\n")?;
            report.documents += 1;
            report.spans += doc.spans.len();
            job.step_io(view)?;
        }
        Ok(())
    });
    job.finish(out, written)?;
    for (lang, used) in other_langs {
        report.notes.push(format!(
            "documents in language `{lang}` are tokenized with spaCy's `{used}` rules \
             (meta.lang says so)"
        ));
    }
    Ok(())
}
