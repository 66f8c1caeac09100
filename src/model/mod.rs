//! The annotation model: pure data and the edits that change it. No egui, no file system.
//! Offsets are Unicode code points throughout; see `offsets.rs` for the conversions.

pub mod document;
pub mod edit;
pub mod history;
pub mod ids;
pub mod offsets;
pub mod project;
pub mod schema;
pub mod span_index;
pub mod validate;
pub mod words;

pub use document::{DocMeta, Document, Span};
pub use edit::{Edit, EditError};
pub use history::History;
pub use ids::AnnId;
pub use project::{FORMAT_VERSION, Project};
pub use schema::{LabelDef, LabelKind, Rgb, Schema};
pub use validate::{Problem, ProblemKind, Severity};
