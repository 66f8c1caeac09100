//! Reading doccano JSONL: each line's shape is read from its keys (`entities`/`relations`, the
//! `label` list of `[start, end, "L"]`, or `text` alone); Acta's `acta` metadata, when present,
//! brings back what doccano cannot show. Errors name the file and line.

use super::{Acta, DOC_KEYS, Keys};
use crate::formats::export::{OffsetUnit, UnitMap};
use crate::formats::import::{Batch, ImportError, ImportOptions, Importer};
use crate::formats::progress::Progress;
use crate::formats::span_graph::fields::{doc_meta, id_of, str_of};
use crate::formats::span_graph::{InRelation, InUnit, Reading};
use crate::model::{DocMeta, Document};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct DoccanoImport;

/// Keys doccano itself writes that carry nothing Acta keeps.
const DOCCANO_KEYS: [&str; 4] = ["Comments", "comments", "cats", "meta"];

impl Importer for DoccanoImport {
    fn name(&self) -> &'static str {
        "doccano"
    }

    fn describe(&self) -> &'static str {
        "doccano JSONL: relation extraction (entities, relations) or sequence labelling (label)"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError> {
        let mut batch = Batch::default();
        for path in inputs {
            read_file(path, options, progress, &mut batch)?;
        }
        if batch.documents.is_empty() {
            let path = inputs.first().map(|p| p.display().to_string()).unwrap_or_default();
            return Err(ImportError::Empty { path, what: "no lines with a text".into() });
        }
        Ok(batch)
    }
}

fn read_file(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
    batch: &mut Batch,
) -> Result<(), ImportError> {
    let content = std::fs::read_to_string(path).map_err(|e| ImportError::io(path, e))?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut unknown = BTreeSet::new();
    let mut categories = 0;
    for (n, line) in content.lines().enumerate() {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        progress.advance(line.len() as u64 + 1);
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| ImportError::bad(path, Some(n + 1), message);
        let value: Value = serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
        let Value::Object(obj) = value else {
            return Err(bad("a line must be a JSON object".into()));
        };
        for key in obj.keys() {
            let known = ["text", "entities", "relations", "label", "labels", "acta", "doc_id"];
            if !known.contains(&key.as_str())
                && !DOC_KEYS.contains(&key.as_str())
                && !DOCCANO_KEYS.contains(&key.as_str())
            {
                unknown.insert(key.clone());
            }
        }
        let doc =
            document(&obj, &format!("{stem}-{}", n + 1), options, &mut categories).map_err(bad)?;
        batch.documents.push(doc);
    }
    if categories > 0 {
        batch.notes.push(format!(
            "{}: {categories} line(s) have document categories (text classification), which \
             Acta does not keep",
            path.display()
        ));
    }
    if !unknown.is_empty() {
        let keys: Vec<String> = unknown.into_iter().collect();
        batch.notes.push(format!("{}: keys not kept: {}", path.display(), keys.join(", ")));
    }
    Ok(())
}

/// A non-negative integer offset, or a message naming what is wrong.
fn offset(v: Option<&Value>, what: &str) -> Result<usize, String> {
    v.and_then(Value::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what} must be a non-negative integer, not {}", shown(v)))
}

fn shown(v: Option<&Value>) -> String {
    v.map_or("nothing".to_string(), |v| v.to_string())
}

fn document(
    obj: &Map<String, Value>,
    fallback_id: &str,
    options: &ImportOptions,
    categories: &mut usize,
) -> Result<Document, String> {
    let text: Arc<str> = str_of(obj, "text").ok_or("no \"text\" string")?.into();
    // `doc_id` names the document where `id` is doccano's example number.
    let meta = doc_meta(obj, obj.get("id"), fallback_id);
    let acta: Acta = match obj.get("acta") {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("\"acta\": {e}"))?,
        None => Acta::default(),
    };
    let plain = Document::new(DocMeta::default(), Arc::clone(&text));
    let map = UnitMap::new(&plain, options.offsets);
    let back = |o: usize| {
        map.back(o).ok_or_else(|| {
            let unit = match options.offsets {
                OffsetUnit::Codepoints => "code points",
                OffsetUnit::Utf16 => "UTF-16 units",
                OffsetUnit::Bytes => "bytes",
            };
            format!("offset {o} splits a character or lies past the end ({unit})")
        })
    };
    let mut reading = Reading::default();
    let mut namer = Keys::default();
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut unit = |start: usize, end: usize, label: &str, reading: &mut Reading| {
        let key = namer.next(start, end, label);
        let (start, end) = (back(start)?, back(end)?);
        let label = label.to_string();
        reading.units.push(InUnit { key: key.clone(), start, end, label, annotator: None });
        Ok::<String, String>(key)
    };
    if let Some(entities) = obj.get("entities") {
        let entities = entities.as_array().ok_or("\"entities\" must be a list")?;
        for (i, e) in entities.iter().enumerate() {
            let at = |m: String| format!("entity {}: {m}", i + 1);
            let (start, end, label, id) = match e {
                Value::Object(e) => (
                    offset(e.get("start_offset"), "start_offset").map_err(at)?,
                    offset(e.get("end_offset"), "end_offset").map_err(at)?,
                    str_of(e, "label").ok_or_else(|| at("no \"label\" string".into()))?,
                    id_of(e.get("id")).unwrap_or_else(|| format!("#{i}")),
                ),
                Value::Array(t) => {
                    let (start, end, label) = triple(t).map_err(at)?;
                    (start, end, label, format!("#{i}"))
                }
                _ => return Err(at("must be an object".into())),
            };
            let key = unit(start, end, label, &mut reading).map_err(at)?;
            if ids.insert(id.clone(), key).is_some() {
                return Err(format!("entity id {id} is used twice"));
            }
        }
        let relations = obj.get("relations").map(Value::as_array);
        for (i, r) in relations.flatten().into_iter().flatten().enumerate() {
            let at = |m: &str| format!("relation {}: {m}", i + 1);
            let key = |k: &str| {
                let id = id_of(r.get(k)).ok_or_else(|| at(&format!("no \"{k}\"")))?;
                ids.get(&id).cloned().ok_or_else(|| at(&format!("{k} {id} names no entity")))
            };
            let role = r.get("type").and_then(Value::as_str).ok_or_else(|| at("no \"type\""))?;
            let (from, to) = (key("from_id")?, key("to_id")?);
            reading.relations.push(InRelation { from, to, role: role.to_string() });
        }
    } else if let Some(labels) = obj.get("label").or_else(|| obj.get("labels")) {
        let labels = labels.as_array().ok_or("\"label\" must be a list")?;
        for (i, l) in labels.iter().enumerate() {
            match l {
                Value::Array(t) => {
                    let (start, end, label) =
                        triple(t).map_err(|m| format!("label {}: {m}", i + 1))?;
                    unit(start, end, label, &mut reading)?;
                }
                Value::String(_) => *categories += 1,
                _ => return Err(format!("label {}: not [start, end, \"label\"]", i + 1)),
            }
        }
    }
    for (key, start, end, label) in &acta.hidden {
        // A key the visible entities already use means the file was edited since: theirs wins.
        if !reading.units.iter().any(|u| &u.key == key) {
            let (start, end) = (back(*start)?, back(*end)?);
            let label = label.clone();
            reading.units.push(InUnit { key: key.clone(), start, end, label, annotator: None });
        }
    }
    let triple_of = |[from, to, role]: &[String; 3]| InRelation {
        from: from.clone(),
        to: to.clone(),
        role: role.clone(),
    };
    // Metadata naming entities deleted in doccano since the export no longer applies.
    let known: std::collections::HashSet<String> =
        reading.units.iter().map(|u| u.key.clone()).collect();
    let both = |r: &InRelation| known.contains(&r.from) && known.contains(&r.to);
    reading.relations.extend(acta.hidden_relations.iter().map(triple_of).filter(both));
    reading.span_args = acta.span_args.iter().map(triple_of).collect();
    reading.extras = acta.entities.into_iter().collect();
    let main = str_of(obj, "annotator");
    reading.into_document(meta, text, &|who| options.annotator_for(who.or(main)))
}

/// `[start, end, "label"]`.
fn triple(t: &[Value]) -> Result<(usize, usize, &str), String> {
    match t {
        [s, e, Value::String(l)] => Ok((offset(Some(s), "start")?, offset(Some(e), "end")?, l)),
        _ => Err("not [start, end, \"label\"]".into()),
    }
}
