//! Running the real `acta` binary from the command-line tests, and the small helpers they share.

use std::path::Path;
use std::process::Command;

/// What a run of `acta` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// What the user reads, stdout then stderr.
    pub fn said(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `acta` and checks what every run must satisfy: it finished and did not panic.
pub fn acta(args: &[&str]) -> Run {
    let out = match Command::new(env!("CARGO_BIN_EXE_acta")).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run acta: {e}"),
    };
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "acta {args:?} panicked:\n{}", run.stderr);
    run
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

/// Code point offsets of `needle` in `text`, counted independently of the library.
pub fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap_or_default();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}
