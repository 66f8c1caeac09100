//! House rules the compiler cannot enforce in one crate: the model and the formats know nothing
//! of the UI, so the CLI, tests and later review tools can use them without a window.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[test]
fn model_and_formats_do_not_use_the_ui() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["model", "formats", "review", "assist"] {
        rust_files(&root.join(dir), &mut files)?;
    }
    assert!(files.len() >= 10, "found only {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            assert!(
                !code.contains("egui") && !code.contains("eframe") && !code.contains("crate::ui"),
                "{}:{}: the model and formats must not use the UI: {line}",
                file.display(),
                n + 1
            );
        }
    }
    Ok(())
}
