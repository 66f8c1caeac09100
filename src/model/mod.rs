//! The annotation model: pure data and the edits that change it. No egui, no file system.
//! Offsets are Unicode code points throughout; see `offsets.rs` for the conversions.

pub mod cardinality;
pub mod cascade;
pub mod date_interval;
pub mod date_value;
pub mod document;
pub mod edit;
pub mod event;
pub mod history;
pub mod ids;
pub mod offsets;
pub mod project;
pub mod review;
pub mod schema;
pub mod schema_migration;
pub mod span_index;
pub mod span_store;
pub mod stats;
pub mod validate;
pub mod words;

pub use cardinality::Cardinality;
pub use document::{DocMeta, Document, Span};
pub use edit::{Edit, EditError};
pub use event::{Argument, DocStatus, Event};
pub use history::History;
pub use ids::AnnId;
pub use project::{FORMAT_VERSION, Project};
pub use review::{Comment, Rejection, ReviewStatus};
pub use schema::{AttrKind, AttributeDef, EventTypeDef, LabelDef, LabelKind, Rgb, RoleDef, Schema};
pub use validate::{Problem, ProblemKind, Severity};
