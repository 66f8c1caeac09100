//! The fuzzers' entry points (`fuzz/`, cargo-fuzz): one function per parser, taking raw bytes.
//! Parser errors are fine; a panic, or an `Err(Broken)` (a loaded or imported project that does
//! not save and load back equal), is a finding. The normal suite replays the committed corpora.
//!
//! Importers that take several files (brat, Label Studio) read them from one input split at NUL
//! bytes; importers that take paths are given scratch files under /dev/shm (or the temp folder).

use super::import::{Batch, ImportOptions, Importer, add_to_project};
use super::progress::Progress;
use super::project::{parse, to_ron};
use crate::model::validate::{ProblemKind, check_project};
use crate::model::{DocMeta, Document, Project};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the parser made of an input that broke nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Parsed, and passed the checks.
    Read,
    /// Refused with an error, which is fine.
    Refused,
}

/// An input that parsed but broke a promise: what is loaded or imported can be saved and loaded
/// back unchanged.
#[derive(Debug, thiserror::Error)]
pub enum Broken {
    #[error("the project cannot be written: {0}")]
    Unsavable(String),
    #[error("the written project does not load back: {0}\n--- written:\n{1}")]
    Unloadable(String, String),
    #[error("the written project loads back different\n--- written:\n{0}")]
    Changed(String),
    #[error("writing the loaded-back project gives other bytes\n--- first:\n{0}\n--- second:\n{1}")]
    Unstable(String, String),
    #[error("the imported project names what its schema lacks: {0}")]
    Unknown(String),
    #[error("cannot write the scratch file {path}: {cause}")]
    Scratch { path: String, cause: std::io::Error },
}

/// The RON project loader, from bytes as `load_file` reads them.
pub fn project_load(data: &[u8]) -> Result<Outcome, Broken> {
    let Ok(text) = std::str::from_utf8(data) else { return Ok(Outcome::Refused) };
    match parse("fuzz.ron", text) {
        Ok(loaded) => round_trip(&loaded.project),
        Err(_) => Ok(Outcome::Refused),
    }
}

/// Text decoding of the `txt` importer; decoded text becomes a document that must save and load.
pub fn txt_decode(data: &[u8]) -> Result<Outcome, Broken> {
    let Ok(decoded) = super::text_import::decode(data) else { return Ok(Outcome::Refused) };
    let mut project = Project::new("fuzz");
    let meta = DocMeta { id: "doc".into(), ..Default::default() };
    project.documents.push(Arc::new(Document::new(meta, decoded.text)));
    round_trip(&project)
}

/// The `jsonl` importer, the input as one `.jsonl` file.
pub fn import_jsonl(data: &[u8]) -> Result<Outcome, Broken> {
    import_one(&super::jsonl_import::JsonlImport, "in.jsonl", data)
}

/// The `conll` importer, the input as one `.conll` file.
pub fn import_conll(data: &[u8]) -> Result<Outcome, Broken> {
    import_one(&super::conll::ConllImport, "in.conll", data)
}

/// The `doccano` importer, the input as one `.jsonl` file.
pub fn import_doccano(data: &[u8]) -> Result<Outcome, Broken> {
    import_one(&super::doccano::DoccanoImport, "in.jsonl", data)
}

/// The `brat` importer: `doc.txt`, NUL, `doc.ann`, NUL, `annotation.conf` (each part after the
/// first optional; no conf part, no `annotation.conf`).
pub fn import_brat(data: &[u8]) -> Result<Outcome, Broken> {
    let mut parts = data.splitn(3, |&b| b == 0);
    let txt = parts.next().unwrap_or_default();
    let ann = parts.next().unwrap_or_default();
    let scratch = Scratch::new()?;
    scratch.write("doc.txt", txt)?;
    let ann_path = scratch.write("doc.ann", ann)?;
    if let Some(conf) = parts.next() {
        scratch.write("annotation.conf", conf)?;
    }
    import_and_check(&super::brat::Brat, &[ann_path])
}

/// The `label-studio` importer: `tasks.json`, NUL, its labeling config `tasks.config.xml`
/// (optional: no config part, no config file).
pub fn import_label_studio(data: &[u8]) -> Result<Outcome, Broken> {
    let mut parts = data.splitn(2, |&b| b == 0);
    let tasks = parts.next().unwrap_or_default();
    let scratch = Scratch::new()?;
    let tasks_path = scratch.write("tasks.json", tasks)?;
    if let Some(config) = parts.next() {
        scratch.write("tasks.config.xml", config)?;
    }
    import_and_check(&super::label_studio::LabelStudioImport, &[tasks_path])
}

fn import_one(importer: &dyn Importer, name: &str, data: &[u8]) -> Result<Outcome, Broken> {
    let scratch = Scratch::new()?;
    let path = scratch.write(name, data)?;
    import_and_check(importer, &[path])
}

/// Imports, adds the batch to an empty project and checks the result: everything it uses is in
/// its schema, and it saves and loads back unchanged.
fn import_and_check(importer: &dyn Importer, inputs: &[PathBuf]) -> Result<Outcome, Broken> {
    let batch: Batch =
        match importer.import(inputs, &ImportOptions::default(), &Progress::default()) {
            Ok(batch) => batch,
            Err(_) => return Ok(Outcome::Refused),
        };
    let mut project = Project::new("fuzz");
    add_to_project(&mut project, batch);
    // add_to_project grows the schema by whatever the documents use.
    let unknown: Vec<String> = check_project(&project)
        .into_iter()
        .filter(|p| {
            matches!(
                p.kind,
                ProblemKind::UnknownLabel(_)
                    | ProblemKind::UnknownEventType(_)
                    | ProblemKind::UnknownRole { .. }
                    | ProblemKind::UnknownAttribute { .. }
            )
        })
        .map(|p| p.to_string())
        .collect();
    if !unknown.is_empty() {
        return Err(Broken::Unknown(unknown.join("; ")));
    }
    round_trip(&project)
}

/// Save, load, compare; and the loaded copy saves to the same bytes.
fn round_trip(project: &Project) -> Result<Outcome, Broken> {
    let written = to_ron(project).map_err(|e| Broken::Unsavable(e.to_string()))?;
    let back = match parse("fuzz.ron", &written) {
        Ok(loaded) => loaded.project,
        Err(e) => return Err(Broken::Unloadable(e.to_string(), written)),
    };
    if back != *project {
        return Err(Broken::Changed(written));
    }
    let again = to_ron(&back).map_err(|e| Broken::Unsavable(e.to_string()))?;
    if again != written {
        return Err(Broken::Unstable(written, again));
    }
    Ok(Outcome::Read)
}

/// A scratch folder of its own for one input (tests call these functions from many threads),
/// removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, Broken> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("acta-fuzz-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|cause| Broken::Scratch { path: dir.display().to_string(), cause })?;
        Ok(Scratch(dir))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, Broken> {
        let path = self.0.join(name);
        std::fs::write(&path, bytes)
            .map_err(|cause| Broken::Scratch { path: path.display().to_string(), cause })?;
        Ok(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // A leftover scratch folder costs a few bytes of /dev/shm; nothing to report.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests;
