//! The sidecars: `ID.acta.json` beside each document (metadata, CR positions, annotators, ids,
//! exact values brat had to simplify) and `annotation.acta.json` (the Acta schema and the names
//! brat could not keep). brat and pybrat read only `.txt`, `.ann` and `.conf`, so they ignore them.

use super::LineEnds;
use crate::formats::import::ImportError;
use crate::model::{DocMeta, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The sidecar layout this build writes; a larger number was written by a newer Acta.
pub const VERSION: u32 = 1;

/// What one document's brat files cannot say. Keys are the brat ids (`T3`, `E1`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocSidecar {
    pub acta_brat: u32,
    /// `fingerprint` of the `.txt`: the rest is only trusted for that text.
    pub text: String,
    pub meta: DocMeta,
    pub next_id: u64,
    /// The annotator of every span and event that does not name another.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annotator: String,
    /// Code points where the original text had a CR before an LF.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crlf: Vec<usize>,
    /// Code points where the original text had a lone CR (an LF in the `.txt`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cr: Vec<usize>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spans: BTreeMap<String, SpanExtra>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, EventExtra>,
    /// Attribute values brat shows simplified (spaces, `|`, `,`): brat id → Acta name → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, BTreeMap<String, String>>,
    /// Notes brat shows on one line: brat id → the note as written in Acta.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// A and # lines written on an event that belong to its trigger span (brat lets nothing but
    /// events point at a trigger): line id → the trigger's `T`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub moved: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanExtra {
    /// The Acta id; several `T`s of one trigger span (one per event type) share it.
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// The label, when it is not what the `T` type says (trigger spans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Exact Acta offsets, when the brat fragments `from` do not give them back (a span starting
    /// with white space before a line break, or between CR and LF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<[usize; 2]>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventExtra {
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
}

impl DocSidecar {
    pub fn line_ends(&self) -> LineEnds {
        LineEnds { crlf: self.crlf.clone(), lone: self.cr.clone() }
    }
}

/// brat name → Acta name, for the names brat could not keep as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameMaps {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl NameMaps {
    pub fn type_name(&self, brat: &str) -> String {
        self.types.get(brat).cloned().unwrap_or_else(|| brat.to_string())
    }
    pub fn role(&self, brat: &str) -> String {
        self.roles.get(brat).cloned().unwrap_or_else(|| brat.to_string())
    }
    pub fn attribute(&self, brat: &str) -> String {
        self.attributes.get(brat).cloned().unwrap_or_else(|| brat.to_string())
    }
}

/// The project-level sidecar: the schema as Acta has it (hotkeys, label kinds, free-text and
/// date attributes, open cardinalities) and the brat names of renamed things.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemaSidecar {
    pub acta_brat: u32,
    /// `fingerprint` of the annotation.conf written beside: while it is unchanged, `schema` is
    /// the whole truth; once edited in brat, the two are merged.
    #[serde(default)]
    pub conf: String,
    pub schema: Schema,
    #[serde(default)]
    pub names: NameMaps,
}

/// Reads a sidecar; a broken or newer one is an error naming the file and line.
pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ImportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::io(path, e))?;
    let version: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| ImportError::bad(path, Some(e.line()), format!("not JSON: {e}")))?;
    let found = version.get("acta_brat").and_then(serde_json::Value::as_u64);
    if found.is_some_and(|v| v > u64::from(VERSION)) {
        return Err(ImportError::bad(
            path,
            None,
            "written by a newer Acta; update Acta to read it",
        ));
    }
    serde_json::from_str(&text).map_err(|e| {
        ImportError::bad(path, Some(e.line()), format!("not an Acta brat sidecar: {e}"))
    })
}
