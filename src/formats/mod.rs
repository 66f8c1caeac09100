//! Files in and out: the project (RON), datasets, imported texts. No egui here.
//! Every write goes through `atomic::write_atomic` or a `staging::Staging`, so a crash leaves the
//! old file or the new one.

pub mod atomic;
pub mod brat;
pub mod conll;
pub mod doccano;
pub mod export;
pub mod fuzz_entry;
pub mod hf;
pub mod import;
pub mod jsonl;
pub mod jsonl_import;
pub mod label_studio;
pub mod progress;
pub mod project;
#[cfg(test)]
mod robustness_tests;
pub mod ron_read;
pub mod ron_write;
pub mod safe_save;
pub mod spacy;
pub mod span_graph;
pub mod staging;
#[cfg(test)]
pub mod testgen;
pub mod text_import;
pub mod tokens;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write {path}: {}", safe_save::explain(.cause))]
    Io { path: String, cause: std::io::Error },
    #[error("cannot serialise the project: {0}")]
    Serialize(String),
    /// Someone changed the file since Acta read it; `theirs` is what it holds now (`None`: it
    /// does not open as a project).
    #[error("{path} was changed on disk since it was opened (by a teammate, a git pull?)")]
    ChangedOnDisk { path: String, theirs: Option<Box<crate::model::Project>> },
}
