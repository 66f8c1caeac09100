//! Annotation ids: stable numbers that are never reused within a document.
//! Spans and (later) events share one counter per document, so a reference to either is one
//! number, and two annotators editing different documents never collide.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnId(pub u64);

impl fmt::Display for AnnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}
