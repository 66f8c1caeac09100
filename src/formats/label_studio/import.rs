//! Reading Label Studio tasks: every annotation and prediction of a task goes into one document
//! (each region keeps its author as annotator), `labels` regions become spans, relations become
//! event arguments, and per-region results become attributes. A labeling config given as a
//! `.xml` input, or found beside the tasks as `TASKS.config.xml`, supplies the schema.

use super::config::{self, Config};
use super::{Acta, TEXT, config_path};
use crate::formats::export::OffsetUnit;
use crate::formats::import::{Batch, ImportError, ImportOptions, Importer};
use crate::formats::progress::Progress;
use crate::formats::span_graph::fields::{doc_meta, id_of, str_of};
use crate::formats::span_graph::{InRelation, InUnit, Reading};
use crate::model::{DocMeta, Document};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct LabelStudioImport;

impl Importer for LabelStudioImport {
    fn name(&self) -> &'static str {
        "label-studio"
    }

    fn describe(&self) -> &'static str {
        "Label Studio tasks JSON (annotations and predictions), with its config XML if given"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError> {
        let mut batch = Batch::default();
        if options.offsets != OffsetUnit::Codepoints {
            batch.notes.push("Label Studio counts code points; --offsets was ignored".into());
        }
        let is_xml = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        let mut config = None;
        for path in inputs.iter().filter(|p| is_xml(p)) {
            config = Some(read_config(path, progress)?);
        }
        let tasks: Vec<&PathBuf> = inputs.iter().filter(|p| !is_xml(p)).collect();
        if tasks.is_empty() {
            let path = inputs.first().map(|p| p.display().to_string()).unwrap_or_default();
            return Err(ImportError::Empty { path, what: "no tasks JSON among the inputs".into() });
        }
        for path in tasks {
            let beside = config_path(path);
            if config.is_none() && beside.is_file() {
                batch.notes.push(format!("labeling config read from {}", beside.display()));
                config = Some(read_config(&beside, progress)?);
            }
            read_tasks(path, config.as_ref(), options, progress, &mut batch)?;
        }
        batch.schema = config.map(|mut c| {
            // A config from Label Studio does not say which labels anchor events; the tasks do.
            let triggers: std::collections::HashSet<&str> = batch
                .documents
                .iter()
                .flat_map(|d| d.events().filter_map(|e| d.span(e.trigger)))
                .map(|s| s.label.as_str())
                .collect();
            for label in &mut c.schema.labels {
                if triggers.contains(label.name.as_str()) {
                    label.kind = crate::model::LabelKind::Event;
                }
            }
            c.schema
        });
        Ok(batch)
    }
}

fn read_config(path: &Path, progress: &Progress) -> Result<Config, ImportError> {
    let xml = std::fs::read_to_string(path).map_err(|e| ImportError::io(path, e))?;
    progress.advance(xml.len() as u64);
    config::parse(&xml).map_err(|e| ImportError::bad(path, Some(e.line), e.message))
}

fn read_tasks(
    path: &Path,
    config: Option<&Config>,
    options: &ImportOptions,
    progress: &Progress,
    batch: &mut Batch,
) -> Result<(), ImportError> {
    let json = std::fs::read_to_string(path).map_err(|e| ImportError::io(path, e))?;
    let value: Value = serde_json::from_str(json.trim_start_matches('\u{feff}'))
        .map_err(|e| ImportError::bad(path, Some(e.line()), format!("not JSON: {e}")))?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => return Err(ImportError::bad(path, Some(1), "expected a list of tasks")),
    };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let text_key = config.map_or(TEXT, |c| c.text_key.as_str());
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    for (n, task) in tasks.iter().enumerate() {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        let name = task.get("id").map_or(format!("{}", n + 1), Value::to_string);
        let doc = document(task, &format!("{stem}-{}", n + 1), text_key, options, &mut ignored)
            .map_err(|m| ImportError::bad(path, None, format!("task {name}: {m}")))?;
        progress.advance(doc.text().len() as u64);
        batch.documents.push(doc);
    }
    for (kind, count) in ignored {
        batch.notes.push(format!("{}: {count} `{kind}` result(s) not kept", path.display()));
    }
    Ok(())
}

/// Who made an annotation or prediction, as Label Studio's exports name them.
fn author(obj: &Map<String, Value>, prediction: bool) -> Option<String> {
    if prediction {
        return str_of(obj, "model_version").filter(|m| !m.is_empty()).map(str::to_string);
    }
    if let Some(name) = str_of(obj, "created_username").filter(|n| !n.is_empty()) {
        // Label Studio writes "email, user id".
        let name = match name.rsplit_once(", ") {
            Some((who, id)) if id.chars().all(|c| c.is_ascii_digit()) => who,
            _ => name,
        };
        return Some(name.to_string());
    }
    match obj.get("completed_by")? {
        Value::Object(user) => str_of(user, "email").map(str::to_string),
        Value::Number(id) => Some(format!("user {id}")),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn document(
    task: &Value,
    fallback_id: &str,
    text_key: &str,
    options: &ImportOptions,
    ignored: &mut BTreeMap<String, usize>,
) -> Result<Document, String> {
    let task = task.as_object().ok_or("a task must be an object")?;
    // Label Studio reads a task without `data` as the data itself.
    let data = match task.get("data") {
        Some(Value::Object(data)) => data,
        Some(_) => return Err("\"data\" must be an object".into()),
        None => task,
    };
    let text: Arc<str> =
        str_of(data, text_key).ok_or_else(|| format!("no data.{text_key} string"))?.into();
    let meta = doc_meta(data, task.get("id"), fallback_id);
    let acta: Acta = match data.get("acta") {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("data.acta: {e}"))?,
        None => Acta::default(),
    };
    let plain = Document::new(DocMeta::default(), Arc::clone(&text));
    let mut reading = Reading::default();
    let mut relation_keys: Vec<InRelation> = Vec::new();
    for (kind, prediction) in [("annotations", false), ("predictions", true)] {
        let Some(list) = task.get(kind) else { continue };
        let list = list.as_array().ok_or_else(|| format!("\"{kind}\" must be a list"))?;
        for (k, obj) in list.iter().enumerate() {
            let at = |m: String| format!("{kind}[{k}]: {m}");
            let obj = obj.as_object().ok_or_else(|| at("must be an object".into()))?;
            if obj.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                *ignored.entry("was_cancelled annotation".into()).or_default() += 1;
                continue;
            }
            let who = author(obj, prediction);
            let result = obj
                .get("result")
                .and_then(Value::as_array)
                .ok_or_else(|| at("no \"result\" list".into()))?;
            read_result(result, who, &plain, &mut reading, &mut relation_keys, ignored)
                .map_err(at)?;
        }
    }
    reading.relations = relation_keys;
    reading.span_args = acta
        .span_args
        .iter()
        .map(|[from, to, role]| InRelation {
            from: from.clone(),
            to: to.clone(),
            role: role.clone(),
        })
        .collect();
    for (key, mut extras) in acta.regions {
        // The region's own meta text is its note; data.acta says the rest.
        if let Some(found) = reading.extras.remove(&key) {
            extras.note = extras.note.or(found.note);
        }
        reading.extras.insert(key, extras);
    }
    reading.into_document(meta, text, &|who| options.annotator_for(who))
}

/// One annotation's results: regions, relations and per-region values, added to `reading`.
/// Region ids are kept as keys; one a former annotation already used (a prediction accepted
/// as an annotation keeps its ids) is made unique within the task.
fn read_result(
    result: &[Value],
    who: Option<String>,
    doc: &Document,
    reading: &mut Reading,
    relations: &mut Vec<InRelation>,
    ignored: &mut BTreeMap<String, usize>,
) -> Result<(), String> {
    let mut keys: HashMap<String, String> = HashMap::new();
    let len = doc.char_len();
    let mut later = Vec::new();
    for (i, r) in result.iter().enumerate() {
        let at = |m: &str| format!("result {}: {m}", i + 1);
        let r = r.as_object().ok_or_else(|| at("must be an object"))?;
        let kind = str_of(r, "type").unwrap_or_default();
        if kind != "labels" {
            later.push(r);
            continue;
        }
        let id = id_of(r.get("id")).unwrap_or_else(|| format!("r{}", reading.units.len() + 1));
        let value = r.get("value").and_then(Value::as_object).ok_or_else(|| at("no \"value\""))?;
        let offset = |k: &str| {
            value
                .get(k)
                .and_then(Value::as_u64)
                .map(|v| v as usize)
                .ok_or_else(|| at(&format!("value.{k} must be a non-negative integer")))
        };
        let (start, end) = (offset("start")?, offset("end")?);
        if start >= end || end > len {
            return Err(at(&format!(
                "region {id}: offsets {start}..{end} do not fit the text ({len} code points)"
            )));
        }
        if let Some(shown) = value.get("text").and_then(Value::as_str)
            && shown != doc.slice(start, end)
        {
            return Err(at(&format!(
                "region {id}: text «{shown}» differs from the document's «{}» at {start}..{end} \
                 (offsets must count code points)",
                doc.slice(start, end)
            )));
        }
        let labels: Vec<&str> = value
            .get("labels")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if labels.is_empty() {
            *ignored.entry("labels region without a label".into()).or_default() += 1;
            continue;
        }
        let key = if reading.units.iter().any(|u| u.key == id) {
            format!("{}/{id}", reading.units.len())
        } else {
            id.clone()
        };
        keys.insert(id.clone(), key.clone());
        // A region with several labels becomes one span per label; relations attach to the first.
        for (n, label) in labels.iter().enumerate() {
            let key = if n == 0 { key.clone() } else { format!("{key}+{n}") };
            reading.units.push(InUnit {
                key,
                start,
                end,
                label: label.to_string(),
                annotator: who.clone(),
            });
        }
        if let Some(note) = r.get("meta").and_then(|m| m.get("text")).and_then(Value::as_array) {
            let note: Vec<&str> = note.iter().filter_map(Value::as_str).collect();
            let extras = reading.extras.entry(key.clone()).or_default();
            extras.note = Some(note.join("\n"));
        }
    }
    for r in later {
        let kind = str_of(r, "type").unwrap_or_default();
        let key = |k: &str| {
            let id = id_of(r.get(k)).ok_or_else(|| format!("a relation without \"{k}\""))?;
            keys.get(&id).cloned().ok_or_else(|| format!("a relation's {k} {id} names no region"))
        };
        if kind == "relation" {
            let (mut from, mut to) = (key("from_id")?, key("to_id")?);
            if str_of(r, "direction") == Some("left") {
                std::mem::swap(&mut from, &mut to);
            }
            let labels: Vec<&str> = r
                .get("labels")
                .and_then(Value::as_array)
                .map(|l| l.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let roles = if labels.is_empty() { vec!["relation"] } else { labels };
            for role in roles {
                relations.push(InRelation {
                    from: from.clone(),
                    to: to.clone(),
                    role: role.to_string(),
                });
            }
            continue;
        }
        // Per-region values share their region's id; the control's name is the attribute.
        let region = id_of(r.get("id")).and_then(|id| keys.get(&id).cloned());
        let name = str_of(r, "from_name").unwrap_or_default();
        let value = r.get("value").and_then(Value::as_object);
        let text = |k: &str, sep: &str| {
            value.and_then(|v| v.get(k)).map(|v| match v {
                Value::Array(items) => items
                    .iter()
                    .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(sep),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        };
        let got = match kind {
            "choices" => text("choices", ", "),
            "textarea" => text("text", "\n"),
            "rating" => text("rating", ""),
            "number" => text("number", ""),
            _ => None,
        };
        match (region, got) {
            (Some(key), Some(v)) if !name.is_empty() => {
                reading.attributes.entry(key).or_default().insert(name.to_string(), v);
            }
            _ => *ignored.entry(kind.to_string()).or_default() += 1,
        }
    }
    Ok(())
}
