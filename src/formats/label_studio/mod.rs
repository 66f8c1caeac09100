//! Label Studio: a JSON array of tasks (`data.text` plus the document's fields, `annotations`
//! with `labels` regions and `relation` results) and the labeling config XML written beside it.
//! An event is its trigger region, labelled with the event type, and one relation per argument.
//!
//! Attributes and the other things Label Studio cannot show travel in each task's `data.acta`
//! by region id (Label Studio keeps region ids and task data as they are), span notes in the
//! region's own `meta.text`. Per-region `choices`/`textarea` results would repeat the region's
//! id, which the validator we answer to refuses; the importer reads them from Label Studio's
//! own exports all the same. Offsets count code points, as Label Studio's `<Text>` does.

mod config;
mod export;
mod import;

use crate::formats::span_graph::UnitExtras;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use export::LabelStudio;
pub use import::LabelStudioImport;

/// The `data.acta` object of a task.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Acta {
    /// Extras by region id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    regions: BTreeMap<String, UnitExtras>,
    /// Relations (from id, to id, role) whose target is the span, not the event it shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    span_args: Vec<[String; 3]>,
}

impl Acta {
    fn is_empty(&self) -> bool {
        *self == Acta::default()
    }
}

/// The labeling config beside `tasks`: `tasks.json` → `tasks.config.xml`.
fn config_path(tasks: &Path) -> PathBuf {
    tasks.with_extension("config.xml")
}

/// The names of the controls Acta writes.
const LABELS: &str = "label";
const TEXT: &str = "text";

#[cfg(test)]
mod tests;
