//! Atomic file replacement: write a temporary file beside the target, flush and fsync it, then
//! rename it over the target. Readers (and a crash) see the complete old file or the complete
//! new one, never a mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A temporary file in the target's folder (a rename is only atomic within one file system).
pub(crate) fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Replaces `target` with `bytes`, atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, |w| w.write_all(bytes))
}

/// Replaces `target` with whatever `fill` writes, atomically. When `fill` fails the target is
/// untouched and the temporary file removed.
pub fn write_atomic_with(
    target: &Path,
    fill: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_path(target);
    let result = (|| {
        let file = File::create(&tmp)?;
        let mut w = io::BufWriter::new(&file);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        file.sync_all()?;
        fs::rename(&tmp, target)?;
        sync_dir(target);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Makes the rename itself durable. Best effort: some file systems refuse to fsync a folder.
pub(crate) fn sync_dir(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary_files() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("проект.ron");
        write_atomic(&target, b"old")?;
        write_atomic(&target, "новый".as_bytes())?;
        assert_eq!(fs::read_to_string(&target)?, "новый");
        let failed = write_atomic_with(&target, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&target)?, "новый");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let target = Path::new("/nonexistent-acta-dir/x.ron");
        assert!(write_atomic(target, b"x").is_err());
    }
}
