use super::*;
use crate::formats::project::{load_file, to_ron};
use crate::model::{AnnId, DocMeta, Document, Edit, Span};
use std::sync::Arc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn project(spans: u64) -> Project {
    let mut p = Project::new("Проект");
    let meta = DocMeta { id: "d1".into(), ..Default::default() };
    p.documents.push(Arc::new(Document::new(meta, "Южная Осетия признала ЛНР.")));
    for i in 0..spans {
        let span = Span::new(AnnId(i + 1), 0, 5, "Actor", "ann");
        let _ = Edit::AddSpan { doc: 0, span }.apply(&mut p);
    }
    p
}

fn stamp(path: &Path) -> Result<DiskStamp, Box<dyn std::error::Error>> {
    DiskStamp::of(path)?.ok_or_else(|| "no file".into())
}

#[test]
fn the_previous_version_is_kept_as_bak_and_an_unchanged_save_writes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("мой проект.ron");
    let first = save_project(&project(1), &path, None)?;
    assert!(!first.unchanged && first.kept_original.is_none());
    assert!(!backup_path(&path).exists(), "a new file has no previous version");
    let old = std::fs::read(&path)?;
    save_project(&project(2), &path, None)?;
    assert_eq!(std::fs::read(backup_path(&path))?, old);
    let new = std::fs::read(&path)?;
    let again = save_project(&project(2), &path, None)?;
    assert!(again.unchanged);
    assert_eq!(std::fs::read(backup_path(&path))?, old, "the backup still holds the old version");
    assert_eq!(std::fs::read(&path)?, new);
    assert_eq!(load_file(&backup_path(&path))?.project, project(1), "the backup opens");
    let names: Vec<_> = std::fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary files are left: {names:?}");
    Ok(())
}

#[test]
fn an_older_format_is_kept_once_beside_the_new_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("old.ron");
    let v1 = to_ron(&project(1))?.replace("format_version: 2", "format_version: 1");
    std::fs::write(&path, &v1)?;
    let saved = save_project(&project(1), &path, None)?;
    let copy = dir.path().join("old.v1.ron");
    assert_eq!(saved.kept_original.as_deref(), Some(copy.as_path()));
    assert_eq!(std::fs::read_to_string(&copy)?, v1);
    assert!(std::fs::read_to_string(&path)?.starts_with("(\n  format_version: 2,"));
    let again = save_project(&project(2), &path, None)?;
    assert_eq!(again.kept_original, None);
    assert_eq!(std::fs::read_to_string(&copy)?, v1, "the kept original is never replaced");
    Ok(())
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("team.ron");
    let base = project(1);
    save_project(&base, &path, None)?;
    let opened = stamp(&path)?;
    // A teammate's version lands (with a size that differs, so the stamp surely does).
    let theirs = project(3);
    std::fs::write(&path, to_ron(&theirs)?)?;
    let on_disk = std::fs::read(&path)?;
    let expected = Expected { stamp: &opened, base: &base };
    match save_project(&project(2), &path, Some(expected)) {
        Err(SaveError::ChangedOnDisk { theirs: Some(found), .. }) => assert_eq!(*found, theirs),
        other => panic!("expected ChangedOnDisk, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path)?, on_disk, "their file is untouched");

    // A file that no longer opens is a change too, and is left as it is.
    std::fs::write(&path, "(format_version: 2, name: ")?;
    let expected = Expected { stamp: &opened, base: &base };
    let result = save_project(&project(2), &path, Some(expected));
    assert!(matches!(result, Err(SaveError::ChangedOnDisk { theirs: None, .. })), "{result:?}");
    assert_eq!(std::fs::read_to_string(&path)?, "(format_version: 2, name: ");
    Ok(())
}

#[test]
fn a_file_rewritten_with_the_same_project_is_not_a_change() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    let base = project(1);
    save_project(&base, &path, None)?;
    let opened = stamp(&path)?;
    // Same project, written by hand with different layout (a reformat, a checkout).
    let text = to_ron(&base)?.replace("\n  ", "\n    ");
    std::fs::write(&path, text)?;
    assert_ne!(stamp(&path)?, opened);
    let saved = save_project(&project(2), &path, Some(Expected { stamp: &opened, base: &base }))?;
    assert!(!saved.unchanged);
    assert_eq!(load_file(&path)?.project, project(2));
    Ok(())
}

#[test]
fn write_errors_say_what_to_do_and_change_nothing() {
    let vanished = Path::new("/nonexistent-acta-folder/p.ron");
    let err = save_project(&project(1), vanished, None).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("cannot write /nonexistent-acta-folder/p.ron: the folder does not exist (any more?)")
    );
    // /sys refuses new files even to root, like a read-only folder.
    let read_only = Path::new("/sys/acta-test.ron");
    let err = save_project(&project(1), read_only, None).err().map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("permission denied") || e.contains("read-only")),
        "{err:?}"
    );
    let full = io::Error::from(io::ErrorKind::StorageFull);
    assert!(explain(&full).starts_with("the disk is full"));
}

#[test]
fn temporaries_of_killed_saves_are_cleared() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("p.ron");
    // Process ids are below 2^22 on Linux: this one cannot be alive.
    let stale = dir.path().join(".p.ron.tmp-4294967295-0");
    let stale_bak = dir.path().join(".p.ron.bak.tmp-4294967295-3");
    let ours = dir.path().join(format!(".p.ron.tmp-{}-99", std::process::id()));
    for f in [&stale, &stale_bak, &ours] {
        std::fs::write(f, "half a proj")?;
    }
    save_project(&project(1), &path, None)?;
    assert!(!stale.exists() && !stale_bak.exists());
    assert!(ours.exists(), "a save of this process may still be writing it");
    Ok(())
}
