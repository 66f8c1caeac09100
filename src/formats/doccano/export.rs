//! Writing doccano JSONL: one line per document, entities in reading order, overlapping spans
//! resolved by `--overlap` (the rest kept in the `acta` metadata and reported), events as
//! relations from their trigger entity in relation mode and reported in sequence mode.

use super::{Acta, Keys};
use crate::formats::export::{
    DocView, DoccanoMode, ExportError, ExportJob, ExportReport, Exporter, OffsetUnit, Overlap,
    UnitMap,
};
use crate::formats::span_graph::{Graph, main_annotator};
use crate::formats::staging::Staging;
use crate::model::DocStatus;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub struct Doccano;

#[derive(Serialize)]
struct Entity<'a> {
    id: u64,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct Relation<'a> {
    id: usize,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// The document's own fields, which doccano keeps as metadata.
#[derive(Serialize)]
struct DocFields<'a> {
    title: &'a str,
    lang: &'a str,
    source: &'a str,
    dateline: &'a Option<String>,
    status: DocStatus,
    notes: &'a str,
    /// Whose annotations these mostly are; others are named in `acta`.
    #[serde(skip_serializing_if = "String::is_empty")]
    annotator: String,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<Entity<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relations: Option<Vec<Relation<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Vec<(usize, usize, &'a str)>>,
    #[serde(flatten)]
    doc: DocFields<'a>,
    #[serde(skip_serializing_if = "Acta::is_empty")]
    acta: Acta,
}

/// One document's line, and whether it obeyed `--overlap error`.
fn line<'a>(view: &'a DocView<'a>, job: &ExportJob, report: &mut ExportReport) -> (Line<'a>, bool) {
    let relation_mode = job.options.doccano == DoccanoMode::Relation;
    let graph = Graph::of(view, relation_mode, report);
    let (shown, ok) = graph.visible(view.doc, job.options.overlap, report);
    let map = UnitMap::new(view.doc, job.options.offsets);
    let units = &graph.units;
    let offsets = |i: usize| (map.of(units[i].span.start), map.of(units[i].span.end));
    // Visible entities are named first, in file order, exactly as the importer will name them.
    let mut keys = vec![String::new(); units.len()];
    let mut namer = Keys::default();
    for pass in [true, false] {
        for i in (0..units.len()).filter(|&i| shown[i] == pass) {
            let (s, e) = offsets(i);
            keys[i] = namer.next(s, e, units[i].label);
        }
    }
    let main = main_annotator(units.iter());
    let mut acta = Acta::default();
    for i in 0..units.len() {
        if let Some(extras) = graph.extras(i, &keys, &main) {
            acta.entities.insert(keys[i].clone(), extras);
        }
        if !shown[i] {
            let (s, e) = offsets(i);
            acta.hidden.push((keys[i].clone(), s, e, units[i].label.to_string()));
        }
    }
    let mut relations = Vec::new();
    for rel in &graph.relations {
        let triple = || [keys[rel.from].clone(), keys[rel.to].clone(), rel.role.to_string()];
        if rel.span_target {
            acta.span_args.push(triple());
        }
        if shown[rel.from] && shown[rel.to] {
            let (from_id, to_id) = (units[rel.from].id.0, units[rel.to].id.0);
            relations.push(Relation { id: relations.len() + 1, from_id, to_id, kind: rel.role });
        } else {
            if shown[rel.from] {
                let event = units[rel.from].event.map_or(units[rel.from].id, |e| e.id);
                let target = units[rel.to].id;
                report.skip(
                    view.id(),
                    event,
                    format!("argument {} → {target} is to a span left out above", rel.role),
                );
            }
            acta.hidden_relations.push(triple());
        }
    }
    let visible = || (0..units.len()).filter(|&i| shown[i]);
    let (entities, relations, label) = if relation_mode {
        let entities = visible()
            .map(|i| {
                let (start_offset, end_offset) = offsets(i);
                Entity { id: units[i].id.0, label: units[i].label, start_offset, end_offset }
            })
            .collect();
        (Some(entities), Some(relations), None)
    } else {
        let label = visible()
            .map(|i| {
                let (s, e) = offsets(i);
                (s, e, units[i].label)
            })
            .collect();
        (None, None, Some(label))
    };
    report.documents += 1;
    report.spans += visible().filter(|&i| units[i].shares.is_none()).count();
    report.events += visible().filter(|&i| units[i].event.is_some()).count();
    let meta = &view.doc.meta;
    let doc = DocFields {
        title: &meta.title,
        lang: &meta.lang,
        source: &meta.source,
        dateline: &meta.dateline,
        status: meta.status,
        notes: &meta.notes,
        annotator: main,
    };
    (Line { id: &meta.id, text: view.text(), entities, relations, label, doc, acta }, ok)
}

impl Exporter for Doccano {
    fn name(&self) -> &'static str {
        "doccano"
    }

    fn describe(&self) -> &'static str {
        "doccano JSONL: relation extraction (events as relations from their trigger), or \
         sequence labelling with --doccano-mode seq"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        let mut clean = true;
        let written = staging.file(out, |w| {
            for view in &job.docs {
                let (line, ok) = line(view, job, report);
                clean &= ok;
                serde_json::to_writer(&mut *w, &line)?;
                w.write_all(b"\n")?;
                job.step_io(view)?;
            }
            Ok(())
        });
        job.finish(out, written)?;
        if !clean {
            return Err(ExportError::Unsupported(format!(
                "overlapping spans (--overlap {}); nothing written:\n{}",
                match job.options.overlap {
                    Overlap::Error => "error",
                    Overlap::Outer => "outer",
                    Overlap::Inner => "inner",
                },
                report
                    .skipped
                    .iter()
                    .map(|s| format!("  document `{}`, annotation {}: {}", s.doc, s.ann, s.reason))
                    .collect::<Vec<_>>()
                    .join("\n")
            )));
        }
        let astral = job.docs.iter().filter(|v| v.text().chars().any(|c| c.len_utf16() == 2));
        let astral = astral.count();
        if astral > 0 && job.options.offsets == OffsetUnit::Codepoints {
            report.notes.push(format!(
                "offsets count code points; {astral} document(s) have characters beyond U+FFFF \
                 (emoji), where doccano's web UI counts two UTF-16 units: export with --offsets \
                 utf16 for a doccano project"
            ));
        }
        if job.options.doccano == DoccanoMode::Relation && report.events > 0 {
            report.notes.push(
                "events are relations from their trigger entity, which is labelled with the \
                 event type; the trigger's own label is in the `acta` metadata"
                    .into(),
            );
        }
        Ok(())
    }
}
