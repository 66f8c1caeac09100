//! Progress and cancellation shared between a long job (import, export) and whoever watches it:
//! the GUI's progress bar, the CLI's indicatif bar. Plain atomics, so the job never waits on
//! the watcher and a cancel is seen at the next document.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

#[derive(Clone, Debug, Default)]
pub struct Progress {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// The amount of work (bytes of text, usually); 0 means unknown.
    pub fn set_total(&self, total: u64) {
        self.inner.total.store(total, Ordering::Relaxed);
    }

    pub fn add_total(&self, more: u64) {
        self.inner.total.fetch_add(more, Ordering::Relaxed);
    }

    pub fn advance(&self, amount: u64) {
        self.inner.done.fetch_add(amount, Ordering::Relaxed);
    }

    /// (done, total) in the job's unit.
    pub fn position(&self) -> (u64, u64) {
        (self.inner.done.load(Ordering::Relaxed), self.inner.total.load(Ordering::Relaxed))
    }

    /// Done / total in 0..=1, or `None` while the total is unknown.
    pub fn fraction(&self) -> Option<f32> {
        let (done, total) = self.position();
        (total > 0).then(|| (done as f64 / total as f64).min(1.0) as f32)
    }

    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_position_and_cancel() {
        let p = Progress::default();
        assert_eq!(p.fraction(), None);
        let job = p.clone();
        job.set_total(200);
        job.advance(50);
        assert_eq!(p.fraction(), Some(0.25));
        job.advance(500);
        assert_eq!(p.fraction(), Some(1.0));
        p.cancel();
        assert!(job.is_cancelled());
    }
}
