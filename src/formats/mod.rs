//! Files in and out: the project (RON), datasets, imported texts. No egui here.
//! Every write goes through `atomic::write_atomic`, so a crash leaves the old file or the new one.

pub mod atomic;
pub mod export;
pub mod import;
pub mod jsonl;
pub mod jsonl_import;
pub mod progress;
pub mod project;
pub mod staging;
#[cfg(test)]
pub mod testgen;
pub mod text_import;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("cannot serialise the project: {0}")]
    Serialize(String),
}
