//! Several output files that appear together or not at all: a brat folder, tasks JSON with its
//! labeling config. Each file is written to a temporary file beside its target and fsynced;
//! `commit` renames them all. Dropping an uncommitted `Staging` (an error, a cancel, `--strict`)
//! removes the temporary files and any folder it created, so no half-written dataset is left.

use super::atomic::{sync_dir, temp_path};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Staging {
    /// (temporary file, target) in the order written.
    files: Vec<(PathBuf, PathBuf)>,
    /// Folders this staging created, outermost first, removed again if nothing is committed.
    created_dirs: Vec<PathBuf>,
    committed: bool,
}

impl Staging {
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes sure `dir` exists (creating it and its parents), for folder-shaped outputs.
    pub fn dir(&mut self, dir: &Path) -> io::Result<()> {
        let mut missing = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at {
            if d.as_os_str().is_empty() || d.exists() {
                break;
            }
            missing.push(d.to_path_buf());
            at = d.parent();
        }
        fs::create_dir_all(dir)?;
        missing.reverse();
        self.created_dirs.extend(missing);
        Ok(())
    }

    /// Writes what `fill` writes to a temporary file that becomes `target` on `commit`.
    pub fn file(
        &mut self,
        target: &Path,
        fill: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
    ) -> io::Result<()> {
        let tmp = temp_path(target);
        let result = (|| {
            let file = File::create(&tmp)?;
            let mut w = BufWriter::with_capacity(1 << 16, &file);
            fill(&mut w)?;
            w.flush()?;
            drop(w);
            file.sync_all()
        })();
        match result {
            Ok(()) => {
                self.files.push((tmp, target.to_path_buf()));
                Ok(())
            }
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// The targets written so far.
    pub fn targets(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(_, t)| t.as_path())
    }

    /// Renames every temporary file over its target.
    pub fn commit(mut self) -> io::Result<Vec<PathBuf>> {
        self.committed = true;
        let mut done = Vec::with_capacity(self.files.len());
        for (tmp, target) in std::mem::take(&mut self.files) {
            if let Err(e) = fs::rename(&tmp, &target) {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
            done.push(target);
        }
        let mut dirs: Vec<&Path> = done.iter().filter_map(|t| t.parent()).collect();
        dirs.dedup();
        for dir in dirs {
            sync_dir(&dir.join("x"));
        }
        Ok(done)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for (tmp, _) in &self.files {
            let _ = fs::remove_file(tmp);
        }
        // Innermost first; `remove_dir` refuses a folder someone else put files in.
        for dir in self.created_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_appear_on_commit_only() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let out = root.path().join("набор/brat");
        let mut s = Staging::new();
        s.dir(&out)?;
        s.file(&out.join("a.txt"), |w| w.write_all(b"a"))?;
        s.file(&out.join("a.ann"), |w| w.write_all(b"T1"))?;
        assert!(!out.join("a.txt").exists());
        let written = s.commit()?;
        assert_eq!(written.len(), 2);
        assert_eq!(fs::read_to_string(out.join("a.ann"))?, "T1");
        assert_eq!(fs::read_dir(&out)?.count(), 2, "no temporary files left");
        Ok(())
    }

    #[test]
    fn dropping_uncommitted_leaves_nothing_behind() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let out = root.path().join("new/deeper");
        let mut s = Staging::new();
        s.dir(&out)?;
        s.file(&out.join("a.txt"), |w| w.write_all(b"a"))?;
        let failed = s.file(&out.join("b.txt"), |_| Err(io::Error::other("disk full")));
        assert!(failed.is_err());
        drop(s);
        assert_eq!(fs::read_dir(root.path())?.count(), 0, "created folders removed too");
        Ok(())
    }

    #[test]
    fn an_existing_file_survives_a_cancelled_export() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let target = root.path().join("out.jsonl");
        fs::write(&target, "old")?;
        let mut s = Staging::new();
        s.file(&target, |w| w.write_all(b"new"))?;
        drop(s);
        assert_eq!(fs::read_to_string(&target)?, "old");
        assert_eq!(fs::read_dir(root.path())?.count(), 1);
        Ok(())
    }
}
