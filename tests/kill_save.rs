//! The kill test: a process saving a project over and over is killed (SIGKILL) at random
//! moments, hundreds of times; the project file must always be the complete old or the complete
//! new project, and so must its `.bak`. The saving process is this test binary run again.

use acta::formats::safe_save::{backup_path, save_project};
use acta::model::{AnnId, DocMeta, Document, Edit, Project, Span};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const CHILD: &str = "ACTA_KILL_TEST_DIR";
const RUNS: usize = 300;

/// A project big enough that a save takes a few milliseconds.
fn project(name: &str, spans: u64) -> Project {
    let mut p = Project::new(name);
    let text = "Южная Осетия признала ЛНР. Сергей Лавров заявил 21 февраля 2022 года. ".repeat(60);
    for d in 0..4 {
        let meta = DocMeta { id: format!("d{d}"), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, text.as_str())));
        for i in 0..spans {
            let start = (i as usize * 7) % 4_000;
            let span = Span::new(AnnId(i + 1), start, start + 5, "Actor", name);
            let _ = Edit::AddSpan { doc: d, span }.apply(&mut p);
        }
    }
    p
}

/// The child: saves `b` and `a` in turn onto `p.ron` until killed.
#[test]
fn kill_child() -> TestResult {
    let Some(dir) = std::env::var_os(CHILD) else { return Ok(()) };
    let dir = Path::new(&dir);
    let a = acta::formats::project::load_file(&dir.join("a.ron"))?.project;
    let b = acta::formats::project::load_file(&dir.join("b.ron"))?.project;
    println!("ready");
    loop {
        for p in [&b, &a] {
            save_project(p, &dir.join("p.ron"), None)?;
        }
    }
}

/// A small random generator (xorshift), seeded from the clock; the seed is printed on failure.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_project() -> TestResult {
    if std::env::var_os(CHILD).is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    let a = project("a", 300);
    let b = project("b", 320);
    let a_bytes = acta::formats::project::to_ron(&a)?;
    let b_bytes = acta::formats::project::to_ron(&b)?;
    std::fs::write(root.join("a.ron"), &a_bytes)?;
    std::fs::write(root.join("b.ron"), &b_bytes)?;

    // How long one save takes here, so the kills spread over a few saves.
    let probe = root.join("probe.ron");
    let started = Instant::now();
    save_project(&b, &probe, None)?;
    let save_ms = started.elapsed().as_millis().max(1) as u64;
    std::fs::remove_file(&probe)?;

    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_nanos() as u64 | 1;
    let mut rng = Rng(seed);
    let exe = std::env::current_exe()?;
    let (mut old, mut new, mut interrupted) = (0, 0, 0);
    for run in 0..RUNS {
        let target = root.join("p.ron");
        std::fs::write(&target, &a_bytes)?;
        let _ = std::fs::remove_file(backup_path(&target));
        let mut child = Command::new(&exe)
            .args(["kill_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut ready = String::new();
        if let Some(out) = child.stdout.as_mut() {
            let mut lines = BufReader::new(out);
            while !ready.contains("ready") && lines.read_line(&mut ready)? > 0 {}
        }
        assert!(ready.contains("ready"), "the child did not start: {ready:?}");
        std::thread::sleep(Duration::from_micros(rng.below(save_ms * 4000)));
        child.kill()?;
        child.wait()?;

        let content = std::fs::read_to_string(&target)?;
        let what = |bytes: &str| match bytes {
            b if b == a_bytes => Some("old"),
            b if b == b_bytes => Some("new"),
            _ => None,
        };
        match what(&content) {
            Some("old") => old += 1,
            Some(_) => new += 1,
            None => panic!(
                "run {run} (seed {seed}): p.ron is neither project ({} bytes)",
                content.len()
            ),
        }
        if let Ok(bak) = std::fs::read_to_string(backup_path(&target)) {
            assert!(what(&bak).is_some(), "run {run} (seed {seed}): p.ron.bak is broken");
        }
        for entry in std::fs::read_dir(root)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".p.ron.") {
                // A save was cut off between creating its temporary file and renaming it.
                interrupted += 1;
                std::fs::remove_file(entry.path())?;
            } else {
                assert!(
                    ["a.ron", "b.ron", "p.ron", "p.ron.bak"].contains(&name.as_str()),
                    "run {run}: unexpected file {name}"
                );
            }
        }
    }
    eprintln!(
        "{RUNS} kills (seed {seed}, one save ≈ {save_ms} ms): {old} left the old project, {new} \
         the new one, {interrupted} cut a save in the middle"
    );
    // Without kills inside saves the test would prove nothing.
    assert!(interrupted >= RUNS / 100, "only {interrupted} kills landed inside a save");
    assert!(old > 0 && new > 0);
    Ok(())
}

/// A write that fails in the middle (here the file size limit, `ulimit -f`, which fails writes as
/// a full disk does): the old project is untouched, no temporary file is left, and the message
/// says what happened.
#[test]
fn a_write_that_fails_midway_leaves_the_old_project() -> TestResult {
    if std::env::var_os(CHILD).is_some() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let project = dir.path().join("p.ron");
    let text = dir.path().join("статья.txt");
    std::fs::write(&text, "Короткий текст.")?;
    let acta = env!("CARGO_BIN_EXE_acta");
    let made = Command::new(acta).arg("new").arg(&project).arg(&text).output()?;
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let old = std::fs::read(&project)?;
    // A new version of 200 KB, written under a limit of 8 or 16 KB (`ulimit -f` counts blocks of
    // 512 or 1024 bytes, by shell; SIGXFSZ is ignored, so the write
    // returns an error as on a full disk instead of killing the process).
    std::fs::write(&text, "Длинный текст статьи. ".repeat(5_000))?;
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16; trap '' XFSZ; exec \"$0\" \"$@\"")
        .arg(acta)
        .arg("new")
        .arg("--force")
        .arg(&project)
        .arg(&text)
        .output()?;
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains(&format!("cannot write {}", project.display())), "{said}");
    assert!(said.contains("too large"), "{said}");
    assert_eq!(std::fs::read(&project)?, old, "the old project is untouched");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["p.ron", "p.ron.bak", "статья.txt"], "no temporary file is left");
    Ok(())
}
