//! Events: a trigger span plus arguments, each a (role, target) where the target is a span or
//! another event of the same document (they share one id space). Also the per-document review
//! status. Integrity (triggers and targets exist) is kept by the edits, checked on load.

use super::ids::AnnId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    pub role: String,
    pub target: AnnId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: AnnId,
    /// The span that anchors the event (its label is of kind Event).
    pub trigger: AnnId,
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub arguments: Vec<Argument>,
    #[serde(default)]
    pub annotator: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    pub fn new(id: AnnId, trigger: AnnId, event_type: &str, annotator: &str) -> Self {
        Self {
            id,
            trigger,
            event_type: event_type.to_string(),
            arguments: Vec::new(),
            annotator: annotator.to_string(),
            attributes: BTreeMap::new(),
            note: None,
        }
    }

    /// Arguments in `role`.
    pub fn in_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Argument> + 'a {
        self.arguments.iter().filter(move |a| a.role == role)
    }

    /// Whether the event refers to `id` as its trigger or an argument.
    pub fn refers_to(&self, id: AnnId) -> bool {
        self.trigger == id || self.arguments.iter().any(|a| a.target == id)
    }
}

/// Where a document stands in the annotation work.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    #[default]
    New,
    InProgress,
    Done,
}

impl DocStatus {
    pub const ALL: [DocStatus; 3] = [DocStatus::New, DocStatus::InProgress, DocStatus::Done];

    pub fn label(self) -> &'static str {
        match self {
            DocStatus::New => "new",
            DocStatus::InProgress => "in progress",
            DocStatus::Done => "done",
        }
    }
}
