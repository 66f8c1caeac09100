//! What adjudication keeps per document: its review status, the reviewers' comments (author and
//! time), and the places where the reviewer rejected every annotator's proposal (so they no
//! longer count as open disagreements). All live in `DocMeta`, so `Edit::SetMeta` undoes them.

use serde::{Deserialize, Serialize};

/// Where a document stands in review (separate from the annotation status `DocStatus`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    #[default]
    NotStarted,
    InReview,
    Adjudicated,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] =
        [ReviewStatus::NotStarted, ReviewStatus::InReview, ReviewStatus::Adjudicated];

    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::NotStarted => "not started",
            ReviewStatus::InReview => "in review",
            ReviewStatus::Adjudicated => "adjudicated",
        }
    }

    pub fn is_default(&self) -> bool {
        *self == ReviewStatus::NotStarted
    }
}

/// A reviewer's comment on a document. `time` is RFC 3339 in UTC (`2026-11-23T10:04:00Z`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Comment {
    pub author: String,
    pub time: String,
    pub text: String,
}

/// A place (code points `start..end`) where the reviewer decided none of the annotators'
/// proposals belongs in the gold layer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub start: usize,
    pub end: usize,
    /// Which place at that range: its proposals' labels and ranges (event types for events,
    /// after `event `), as `review::adjudicate::Item::label_key` makes them: `Date 22-27|Date 22-37`.
    #[serde(default)]
    pub label: String,
    /// The reviewer who rejected.
    #[serde(default)]
    pub by: String,
}
