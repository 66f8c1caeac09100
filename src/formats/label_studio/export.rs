//! Writing Label Studio tasks and their labeling config. Each document is a task; its
//! annotations are split by annotator (layers stay apart), except where an event ties
//! annotators together, since a relation must stay inside one annotation.

use super::{Acta, LABELS, TEXT, config, config_path};
use crate::formats::export::{DocView, ExportError, ExportJob, ExportReport, Exporter, OffsetUnit};
use crate::formats::span_graph::{Graph, main_annotator};
use crate::formats::staging::Staging;
use crate::model::DocStatus;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

pub struct LabelStudio;

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    annotations: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    /// Label Studio's own export names the author here; `completed_by` must be a user of the
    /// receiving server, so it is left for Label Studio to fill.
    #[serde(skip_serializing_if = "String::is_empty")]
    created_username: String,
    result: Vec<Item<'a>>,
}

/// A result: a `labels` region or a relation.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Region {
        id: &'a str,
        from_name: &'static str,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: Value<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        meta: Option<Meta>,
    },
    Relation {
        from_id: &'a str,
        to_id: &'a str,
        #[serde(rename = "type")]
        kind: &'static str,
        direction: &'static str,
        labels: [&'a str; 1],
    },
}

#[derive(Serialize)]
struct Value<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

/// A region's meta: Label Studio shows its `text` as the region's note.
#[derive(Serialize)]
struct Meta {
    text: [String; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    doc_id: &'a str,
    title: &'a str,
    lang: &'a str,
    source: &'a str,
    dateline: &'a Option<String>,
    status: DocStatus,
    notes: &'a str,
    #[serde(skip_serializing_if = "Acta::is_empty")]
    acta: Acta,
}

/// Groups of units that must share an annotation: one per annotator, merged where an event of
/// one annotator uses another's span. Returns each unit's group, groups in reading order.
fn groups(graph: &Graph) -> Vec<usize> {
    let n = graph.units.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut union = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, unit) in graph.units.iter().enumerate() {
        let names = unit.event.map(|e| e.annotator.as_str()).into_iter();
        for name in names.chain(unit.shares.is_none().then_some(unit.span.annotator.as_str())) {
            let at = *first_of.entry(name).or_insert(i);
            union(at, i);
        }
        if let Some(owner) = unit.shares {
            union(owner, i);
        }
    }
    for rel in &graph.relations {
        union(rel.from, rel.to);
    }
    let roots: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
    let mut order: Vec<usize> = roots.clone();
    order.sort_unstable();
    order.dedup();
    roots.iter().map(|r| order.binary_search(r).unwrap_or_default()).collect()
}

/// One task, and the labels and roles it uses.
fn task<'a>(
    number: usize,
    view: &'a DocView<'a>,
    report: &mut ExportReport,
    labels: &mut BTreeSet<String>,
    roles: &mut BTreeSet<String>,
) -> Result<String, serde_json::Error> {
    let graph = Graph::of(view, true, report);
    let units = &graph.units;
    let keys: Vec<String> = units.iter().map(|u| u.id.0.to_string()).collect();
    let group = groups(&graph);
    let count = group.iter().max().map_or(0, |g| g + 1);
    let mut acta = Acta::default();
    let mut annotations = Vec::with_capacity(count);
    for g in 0..count {
        let members: Vec<usize> = (0..units.len()).filter(|&i| group[i] == g).collect();
        let main = main_annotator(members.iter().map(|&i| &units[i]));
        let mut result = Vec::new();
        for &i in &members {
            let unit = &units[i];
            labels.insert(unit.label.to_string());
            let mut meta = None;
            if let Some(mut extras) = graph.extras(i, &keys, &main) {
                // A span's note goes where Label Studio shows one: the region's meta text.
                meta = extras.note.take().map(|note| Meta { text: [note] });
                if extras != Default::default() {
                    acta.regions.insert(keys[i].clone(), extras);
                }
            }
            let (start, end) = (unit.span.start, unit.span.end);
            result.push(Item::Region {
                id: &keys[i],
                from_name: LABELS,
                to_name: TEXT,
                kind: "labels",
                value: Value { start, end, text: view.doc.slice(start, end), labels: [unit.label] },
                meta,
            });
        }
        for rel in graph.relations.iter().filter(|r| group[r.from] == g) {
            roles.insert(rel.role.to_string());
            if rel.span_target {
                let (from, to) = (keys[rel.from].clone(), keys[rel.to].clone());
                acta.span_args.push([from, to, rel.role.to_string()]);
            }
            result.push(Item::Relation {
                from_id: &keys[rel.from],
                to_id: &keys[rel.to],
                kind: "relation",
                direction: "right",
                labels: [rel.role],
            });
        }
        annotations.push(Annotation { created_username: main, result });
    }
    report.documents += 1;
    report.spans += units.iter().filter(|u| u.shares.is_none()).count();
    report.events += units.iter().filter(|u| u.event.is_some()).count();
    let meta = &view.doc.meta;
    let data = Data {
        text: view.text(),
        doc_id: &meta.id,
        title: &meta.title,
        lang: &meta.lang,
        source: &meta.source,
        dateline: &meta.dateline,
        status: meta.status,
        notes: &meta.notes,
        acta,
    };
    serde_json::to_string(&Task { id: number, data, annotations })
}

impl Exporter for LabelStudio {
    fn name(&self) -> &'static str {
        "label-studio"
    }

    fn describe(&self) -> &'static str {
        "Label Studio tasks JSON with its labeling config (TASKS.config.xml beside it)"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        if job.options.offsets != OffsetUnit::Codepoints {
            report.notes.push(
                "Label Studio counts code points; --offsets does not apply and was ignored".into(),
            );
        }
        let mut labels = BTreeSet::new();
        let mut roles = BTreeSet::new();
        let written = staging.file(out, |w| {
            w.write_all(b"[")?;
            for (i, view) in job.docs.iter().enumerate() {
                w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                let task = task(i + 1, view, report, &mut labels, &mut roles)?;
                w.write_all(task.as_bytes())?;
                job.step_io(view)?;
            }
            w.write_all(b"\n]\n")
        });
        job.finish(out, written)?;
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let roles: Vec<&str> = roles.iter().map(String::as_str).collect();
        let xml = config::write(job.schema, &labels, &roles);
        let path = config_path(out);
        let written = staging.file(&path, |w| w.write_all(xml.as_bytes()));
        job.finish(&path, written)?;
        report.notes.push(format!(
            "labeling config written to {}; attributes and annotators are kept in each task's \
             data.acta",
            path.display()
        ));
        Ok(())
    }
}
