//! Recovery files: copies of unsaved work in the user's data folder (never beside or over the
//! project), one per session, each a project file plus a small `.meta.ron` saying whose project
//! it is, when it was written and what it holds. Autosave and the panic copy write them; the
//! start of the next session offers them back.

use crate::formats::{atomic, project, safe_save};
use crate::model::Project;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Recoveries nobody restored, older than their project, are deleted after this long.
const KEEP_STALE: Duration = Duration::from_secs(30 * 24 * 3600);

/// What a recovery file holds, written beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The project file the work belongs to (absolute); `None` for a project never saved.
    pub project_path: Option<PathBuf>,
    pub project_name: String,
    /// When it was written: RFC 3339 UTC for people, milliseconds since 1970 for comparing.
    pub written: String,
    pub written_ms: u64,
    pub documents: usize,
    pub annotations: usize,
    pub events: usize,
    /// The process that wrote it; a live one's recovery is its own business.
    pub pid: u32,
    /// Set when Acta stopped on an internal error: what the error said.
    #[serde(default)]
    pub crash: Option<String>,
}

/// A recovery file found on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub file: PathBuf,
    pub meta: RecoveryMeta,
}

/// `$ACTA_DATA_DIR/recovery`, else the platform's data folder: `$XDG_DATA_HOME/acta/recovery`,
/// `~/.local/share/acta/recovery`, `%LOCALAPPDATA%\acta\recovery`; the temporary folder when
/// none of these is known.
pub fn default_dir() -> PathBuf {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    env("ACTA_DATA_DIR")
        .or_else(|| env("XDG_DATA_HOME").map(|d| d.join("acta")))
        .or_else(|| env("LOCALAPPDATA").map(|d| d.join("acta")))
        .or_else(|| env("HOME").map(|d| d.join(".local").join("share").join("acta")))
        .unwrap_or_else(|| std::env::temp_dir().join("acta"))
        .join("recovery")
}

/// A new, session-unique recovery file name for the project at `project_path`.
pub fn new_file(dir: &Path, project_path: Option<&Path>, name: &str) -> PathBuf {
    let stem = project_path
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let safe: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(60)
        .collect();
    dir.join(format!("{safe}-{}-{}.ron", std::process::id(), now_ms()))
}

fn meta_path(file: &Path) -> PathBuf {
    file.with_extension("meta.ron")
}

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The meta of a copy of `project` written now.
pub fn meta_for(project: &Project, project_path: Option<&Path>) -> RecoveryMeta {
    let ms = now_ms();
    RecoveryMeta {
        project_path: project_path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.into())),
        project_name: project.name.clone(),
        written: super::clock::rfc3339_from_secs(ms / 1000),
        written_ms: ms,
        documents: project.documents.len(),
        annotations: project.span_count(),
        events: project.documents.iter().map(|d| d.event_count()).sum(),
        pid: std::process::id(),
        crash: None,
    }
}

/// Writes the recovery: the project first, then its meta, both atomically, so a meta always
/// names a complete project file.
pub fn write(file: &Path, project: &Project, meta: &RecoveryMeta) -> io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = project::to_ron(project).map_err(io::Error::other)?;
    atomic::write_atomic(file, text.as_bytes())?;
    let meta = ron::ser::to_string_pretty(meta, ron::ser::PrettyConfig::new())
        .map_err(io::Error::other)?;
    atomic::write_atomic(&meta_path(file), meta.as_bytes())
}

/// Deletes a recovery (its project file and its meta).
pub fn remove(file: &Path) {
    let _ = std::fs::remove_file(meta_path(file));
    let _ = std::fs::remove_file(file);
}

/// Every readable recovery in `dir`, newest first. Unreadable metas are skipped, never deleted.
pub fn list(dir: &Path) -> Vec<Recovery> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<Recovery> = entries
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?;
            let stem = name.strip_suffix(".meta.ron")?;
            let file = path.with_file_name(format!("{stem}.ron"));
            let meta = ron::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            file.is_file().then_some(Recovery { file, meta })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.meta.written_ms));
    found
}

/// The recoveries to offer for `project_path` (`None`: projects never saved): left by a
/// process that has ended and newer than the project file. Those older than their project
/// and a month old are deleted.
pub fn offers(dir: &Path, project_path: Option<&Path>) -> Vec<Recovery> {
    let wanted = project_path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.into()));
    let mut out = Vec::new();
    for r in list(dir) {
        if r.meta.project_path != wanted
            || r.meta.pid == std::process::id()
            || (r.meta.pid != 0 && safe_save::process_alive(r.meta.pid) && !is_stale_pid(&r))
        {
            continue;
        }
        let project_ms = wanted
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok()?.modified().ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_millis() as u64);
        match project_ms {
            Some(ms) if ms >= r.meta.written_ms => {
                if now_ms().saturating_sub(r.meta.written_ms) > KEEP_STALE.as_millis() as u64 {
                    remove(&r.file);
                }
            }
            _ => out.push(r),
        }
    }
    out
}

/// A process id can be reused after a reboot: a recovery older than the machine's uptime was
/// written before it, whatever now runs under that id.
fn is_stale_pid(r: &Recovery) -> bool {
    let Ok(uptime) = std::fs::read_to_string("/proc/uptime") else { return false };
    let secs: f64 = uptime.split_whitespace().next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let boot_ms = now_ms().saturating_sub((secs * 1000.0) as u64);
    r.meta.written_ms < boot_ms
}

/// What the recovery holds, in a sentence or two, against the project as the file has it.
pub fn summary(r: &Recovery, file_project: Option<&Project>) -> String {
    let m = &r.meta;
    let what = match &m.project_path {
        Some(p) => format!("unsaved work on {}", p.display()),
        None => format!("unsaved work on the project “{}” (never saved)", m.project_name),
    };
    let when = match &m.crash {
        Some(message) => {
            format!("Acta stopped on an internal error at {} ({message})", m.written)
        }
        None => format!("it was autosaved at {} and the session ended before a save", m.written),
    };
    let mut text = format!(
        "Acta kept {what}: {when}.\n\nIt holds {} document(s), {} annotation(s) and {} event(s)",
        m.documents, m.annotations, m.events
    );
    if let Some(p) = file_project {
        let events: usize = p.documents.iter().map(|d| d.event_count()).sum();
        text.push_str(&format!(
            "; the file has {} document(s), {} annotation(s) and {} event(s)",
            p.documents.len(),
            p.span_count(),
            events
        ));
    }
    text.push_str(&format!(".\n\nRecovery file: {}", r.file.display()));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_recoveries_are_listed_and_offered_only_when_newer_and_orphaned()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let project_file = dir.path().join("проект.ron");
        std::fs::write(&project_file, "x")?;
        // Saved ten seconds ago (the same millisecond as the recovery would be a tie).
        let saved = SystemTime::now() - Duration::from_secs(10);
        std::fs::File::options().write(true).open(&project_file)?.set_modified(saved)?;
        let project = Project::new("Проект");
        let file = new_file(dir.path(), Some(&project_file), "Проект");
        let mut meta = meta_for(&project, Some(&project_file));
        write(&file, &project, &meta)?;
        assert_eq!(list(dir.path()).len(), 1);
        assert!(offers(dir.path(), Some(&project_file)).is_empty(), "this session's own");

        // As if another process, now ended, had written it.
        meta.pid = 0;
        write(&file, &project, &meta)?;
        assert_eq!(offers(dir.path(), Some(&project_file)).len(), 1);
        assert!(offers(dir.path(), None).is_empty(), "it belongs to a saved project");

        // The project was saved after the recovery was written: not offered, not deleted.
        meta.written_ms -= 60_000;
        write(&file, &project, &meta)?;
        assert!(offers(dir.path(), Some(&project_file)).is_empty());
        assert!(file.exists());
        // ...until it is a month old.
        meta.written_ms = 1_000;
        write(&file, &project, &meta)?;
        assert!(offers(dir.path(), Some(&project_file)).is_empty());
        assert!(!file.exists() && list(dir.path()).is_empty());
        Ok(())
    }

    #[test]
    fn summary_says_what_when_and_where() {
        let meta = RecoveryMeta {
            project_path: Some("/p/a.ron".into()),
            project_name: "A".into(),
            written: "2026-11-23T15:00:00Z".into(),
            written_ms: 0,
            documents: 5,
            annotations: 192,
            events: 40,
            pid: 0,
            crash: Some("index out of bounds".into()),
        };
        let r = Recovery { file: "/data/a-1-2.ron".into(), meta };
        let text = summary(&r, Some(&Project::new("A")));
        assert!(text.contains("unsaved work on /p/a.ron"), "{text}");
        assert!(text.contains("internal error at 2026-11-23T15:00:00Z (index out of bounds)"));
        assert!(text.contains("5 document(s), 192 annotation(s) and 40 event(s)"));
        assert!(text.contains("the file has 0 document(s)"));
        assert!(text.contains("/data/a-1-2.ron"));
    }
}
