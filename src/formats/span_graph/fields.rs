//! Reading the document's fields from a JSON object, as doccano lines and Label Studio task data
//! carry them (Acta writes them there on export): id, title, language, source, dateline, status,
//! notes. Missing or mistyped fields fall back to defaults; the text is read by the caller.

use crate::model::{DocMeta, DocStatus};
use serde_json::{Map, Value};

pub fn str_of<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// An id written as a number or a string.
pub fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The document's metadata from `fields`; `doc_id` names the document, else `id` (the tool's
/// own task or example number, from `ids`), else `fallback`.
pub fn doc_meta(fields: &Map<String, Value>, id: Option<&Value>, fallback: &str) -> DocMeta {
    let text = |key| str_of(fields, key).unwrap_or_default().to_string();
    DocMeta {
        id: id_of(fields.get("doc_id")).or_else(|| id_of(id)).unwrap_or_else(|| fallback.into()),
        title: text("title"),
        lang: text("lang"),
        source: text("source"),
        dateline: str_of(fields, "dateline").map(str::to_string),
        status: fields
            .get("status")
            .and_then(|s| serde_json::from_value::<DocStatus>(s.clone()).ok())
            .unwrap_or_default(),
        notes: text("notes"),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_id_wins_and_bad_fields_fall_back() {
        let fields = serde_json::json!({"doc_id": 7, "title": "Т", "status": "done", "lang": 3});
        let Value::Object(fields) = fields else { return };
        let meta = doc_meta(&fields, Some(&Value::from("task-1")), "f");
        assert_eq!((meta.id.as_str(), meta.title.as_str()), ("7", "Т"));
        assert_eq!((meta.status, meta.lang.as_str()), (DocStatus::Done, ""));
        let empty = Map::new();
        assert_eq!(doc_meta(&empty, Some(&Value::from(12)), "f").id, "12");
        assert_eq!(doc_meta(&empty, None, "f").id, "f");
    }
}
