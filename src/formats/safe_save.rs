//! Saving a project so that no version is ever lost: the previous file is kept as `NAME.ron.bak`,
//! a file from an older format version is kept once as `NAME.vN.ron`, a save that changes nothing
//! writes nothing, and a file changed on disk since Acta read it is never overwritten unasked.

use super::SaveError;
use super::atomic;
use super::project;
use crate::model::{FORMAT_VERSION, Project};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a project file looked like when Acta last read or wrote it: size and modification time,
/// which change whenever anyone writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl DiskStamp {
    /// The stamp of `path` now; `None` when there is no file.
    pub fn of(path: &Path) -> io::Result<Option<DiskStamp>> {
        match std::fs::metadata(path) {
            Ok(m) => Ok(Some(DiskStamp { len: m.len(), modified: m.modified().ok() })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The version of the file a save expects to replace: its stamp and the project it held.
pub struct Expected<'a> {
    pub stamp: &'a DiskStamp,
    pub base: &'a Project,
}

/// What a save did.
#[derive(Debug)]
pub struct Saved {
    /// The file's stamp after the save.
    pub stamp: Option<DiskStamp>,
    /// Where the file of an older format version was kept before being rewritten.
    pub kept_original: Option<PathBuf>,
    /// The file already held exactly these bytes, so nothing was written.
    pub unchanged: bool,
}

/// `NAME.ron.bak`, the previous version of `NAME.ron`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `project` to `path`. With `expected`, refuses (`SaveError::ChangedOnDisk`, with the
/// project now on disk when it reads) if someone changed the file since; a file touched but
/// holding the same project is not a change.
pub fn save_project(
    project: &Project,
    path: &Path,
    expected: Option<Expected>,
) -> Result<Saved, SaveError> {
    let io_err = |cause| SaveError::Io { path: path.display().to_string(), cause };
    let text = project::to_ron(project).map_err(|e| SaveError::Serialize(e.to_string()))?;
    let now = DiskStamp::of(path).map_err(io_err)?;
    if let (Some(expected), Some(now)) = (&expected, &now)
        && *now != *expected.stamp
    {
        let theirs = project::load_file(path);
        match theirs {
            Ok(loaded) if loaded.project == *expected.base => {}
            Ok(loaded) => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.display().to_string(),
                    theirs: Some(Box::new(loaded.project)),
                });
            }
            Err(_) => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.display().to_string(),
                    theirs: None,
                });
            }
        }
    }
    let mut kept_original = None;
    if let Some(now) = &now {
        if now.len == text.len() as u64 && std::fs::read(path).is_ok_and(|b| b == text.as_bytes()) {
            return Ok(Saved { stamp: Some(now.clone()), kept_original, unchanged: true });
        }
        kept_original = keep_older_format(path).map_err(io_err)?;
        keep_backup(path).map_err(io_err)?;
    }
    atomic::write_atomic(path, text.as_bytes()).map_err(io_err)?;
    remove_stale_temporaries(path);
    Ok(Saved { stamp: DiskStamp::of(path).ok().flatten(), kept_original, unchanged: false })
}

/// Makes `NAME.ron.bak` a copy of the current file, atomically (a hard link renamed over it, or
/// a full copy where links are refused), so a crash leaves the old backup or the new one.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let tmp = atomic::temp_path(&bak);
    if std::fs::hard_link(path, &tmp).is_ok() {
        if let Err(e) = std::fs::rename(&tmp, &bak) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        atomic::sync_dir(&bak);
        return Ok(());
    }
    let bytes = std::fs::read(path)?;
    atomic::write_atomic(&bak, &bytes)
}

/// A file of an older format version is about to be rewritten in the current one: keep it as
/// `NAME.vN.ron` (once; an existing copy is never replaced) so older Acta builds can still read it.
fn keep_older_format(path: &Path) -> io::Result<Option<PathBuf>> {
    let Some(version) = format_version_on_disk(path) else { return Ok(None) };
    if version >= FORMAT_VERSION {
        return Ok(None);
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let copy = path.with_file_name(format!("{stem}.v{version}{ext}"));
    if copy.exists() {
        return Ok(None);
    }
    let bytes = std::fs::read(path)?;
    atomic::write_atomic(&copy, &bytes)?;
    Ok(Some(copy))
}

/// The `format_version` a project file starts with, read from its first bytes.
fn format_version_on_disk(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut head = [0u8; 256];
    let mut file = std::fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    let head = String::from_utf8_lossy(&head[..n]);
    let rest = &head[head.find("format_version")? + "format_version".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Temporary files that a killed save left beside `path` (their process is gone).
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let name = name.to_string_lossy();
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.bak.tmp-")];
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = prefixes.iter().find_map(|p| file.strip_prefix(p.as_str())) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && !process_alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs. Where that cannot be known, it is assumed to (keeping a
/// stray temporary file is harmless; deleting a live save's is not).
pub fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new("/proc").join(pid.to_string()).exists() } else { true }
}

/// An I/O error in words a user can act on.
pub fn explain(cause: &io::Error) -> String {
    match cause.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full (free some space, or save somewhere else)".into()
        }
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::PermissionDenied => {
            "permission denied (the folder or the file is read-only, or belongs to someone else)"
                .into()
        }
        io::ErrorKind::NotFound => "the folder does not exist (any more?)".into(),
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".into(),
        io::ErrorKind::FileTooLarge => {
            "the file is too large for this disk, or for the file size limit set for you".into()
        }
        _ => cause.to_string(),
    }
}

#[cfg(test)]
mod tests;
