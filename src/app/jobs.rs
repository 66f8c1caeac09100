//! Background jobs: file IO, parsing and writing run on threads and report back over a channel,
//! so the window never freezes on a big project. The UI polls every frame; a waker asks egui to
//! repaint when a job finishes.

use crate::formats::export::ExportReport;
use crate::formats::import::Batch;
use crate::formats::project::Loaded;
use crate::formats::text_import::Imported;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a finished job hands back. Errors are already user-facing messages.
#[derive(Debug)]
pub enum JobOutput {
    Loaded {
        path: PathBuf,
        /// The file's stamp, taken before it was read.
        stamp: Option<crate::formats::safe_save::DiskStamp>,
        result: Result<Loaded, String>,
    },
    Saved {
        path: PathBuf,
        serial: u64,
        result: Result<super::on_disk::SaveDone, super::on_disk::SaveFailure>,
    },
    /// A recovery copy was written (or not, with why).
    Autosaved {
        serial: u64,
        file: PathBuf,
        result: Result<(), String>,
    },
    /// A recovery file read back for restoring.
    Recovered {
        recovery: Box<super::recovery::Recovery>,
        result: Result<Loaded, String>,
    },
    Imported {
        result: Result<Imported, String>,
    },
    Exported {
        path: PathBuf,
        result: Result<ExportReport, String>,
    },
    /// Documents read by an importer, to be added to the open project.
    ImportedBatch {
        result: Result<Box<Batch>, String>,
    },
    /// Project files read for File → Merge, in the order chosen, to be merged into the open
    /// project.
    MergeRead {
        result: Result<Vec<(PathBuf, crate::model::Project)>, String>,
    },
    /// Suggestions for a large document, found away from the frame (see `suggest.rs`).
    Suggested {
        key: (usize, usize, u64),
        items: Vec<crate::assist::Suggestion>,
    },
    /// Problems of a large document, checked away from the frame (see `problems.rs`).
    Checked {
        index: usize,
        key: super::problems::DocKey,
        problems: Vec<crate::model::validate::Problem>,
    },
    /// The job panicked; `what` says which job ("saving", "opening" ...).
    Crashed {
        what: &'static str,
    },
}

type Waker = Arc<dyn Fn() + Send + Sync>;

pub struct Jobs {
    tx: Sender<JobOutput>,
    rx: Receiver<JobOutput>,
    running: usize,
    waker: Option<Waker>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self { tx, rx, running: 0, waker: None }
    }
}

impl Jobs {
    /// Called when a job finishes, from its thread (egui: `ctx.request_repaint()`).
    pub fn set_waker(&mut self, waker: impl Fn() + Send + Sync + 'static) {
        self.waker = Some(Arc::new(waker));
    }

    pub fn spawn(&mut self, what: &'static str, job: impl FnOnce() -> JobOutput + Send + 'static) {
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        self.running += 1;
        std::thread::spawn(move || {
            // A panicking job must still report, or the app would wait for it forever.
            let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            let output = output.unwrap_or(JobOutput::Crashed { what });
            let _ = tx.send(output);
            if let Some(w) = waker {
                w();
            }
        });
    }

    pub fn running(&self) -> usize {
        self.running
    }

    /// Finished jobs, without waiting.
    pub fn poll(&mut self) -> Vec<JobOutput> {
        let out: Vec<JobOutput> = self.rx.try_iter().collect();
        self.running -= out.len().min(self.running);
        out
    }

    /// Waits for every running job (tests, and the last save before quitting).
    pub fn wait_all(&mut self) -> Vec<JobOutput> {
        let mut out = Vec::new();
        while self.running > 0 {
            match self.rx.recv() {
                Ok(o) => {
                    out.push(o);
                    self.running -= 1;
                }
                Err(_) => break,
            }
        }
        out
    }
}
