//! A new project from plain text files or folders of them. The text is kept verbatim (CRLF,
//! no-break spaces); only a UTF-8 byte order mark is dropped, since it is not part of the text.
//! Titles and languages are guessed and can be corrected in the GUI.

use crate::model::{DocMeta, Document, Project};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error(
        "{path} is not UTF-8 text (invalid byte at offset {offset}, line {line}); \
         convert it to UTF-8 first"
    )]
    NotUtf8 { path: String, offset: usize, line: usize },
    #[error("{path}: no .txt files found")]
    NoTexts { path: String },
}

/// A project built from texts, with notes on files that were skipped or changed.
#[derive(Debug)]
pub struct Imported {
    pub project: Project,
    pub notes: Vec<String>,
}

/// The `.txt` files named by `inputs`: files as given, folders searched (not recursively),
/// in name order so the same folder always gives the same project.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    for input in inputs {
        let io = |cause| ImportError::Io { path: input.display().to_string(), cause };
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
                .collect();
            if found.is_empty() {
                return Err(ImportError::NoTexts { path: input.display().to_string() });
            }
            found.sort();
            files.extend(found);
        } else {
            std::fs::metadata(input).map_err(io)?;
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Reads one text file as UTF-8, naming the place of the first invalid byte.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|cause| ImportError::Io { path: shown.clone(), cause })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
        ImportError::NotUtf8 { path: shown, offset, line }
    })
}

/// Builds a project named `name` from text files and folders.
pub fn project_from_texts(name: &str, inputs: &[PathBuf]) -> Result<Imported, ImportError> {
    let mut project = Project::new(name);
    let mut notes = Vec::new();
    let mut ids = HashSet::new();
    for path in collect_inputs(inputs)? {
        let text = read_text(&path)?;
        if text.trim().is_empty() {
            notes.push(format!("{}: empty, skipped", path.display()));
            continue;
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let id = unique_id(&stem, &mut ids);
        let meta = DocMeta {
            id,
            title: guess_title(&text),
            lang: guess_language(&text).to_string(),
            source: path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            dateline: None,
            ..Default::default()
        };
        project.documents.push(Arc::new(Document::new(meta, text)));
    }
    Ok(Imported { project, notes })
}

/// The `txt` importer: one document per text file, no annotations.
pub struct Txt;

impl super::import::Importer for Txt {
    fn name(&self) -> &'static str {
        "txt"
    }

    fn describe(&self) -> &'static str {
        "Plain text files, or folders of .txt files: one document each"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        _options: &super::import::ImportOptions,
        progress: &super::progress::Progress,
    ) -> Result<super::import::Batch, super::import::ImportError> {
        use super::import::ImportError as E;
        let convert = |e: ImportError| match e {
            ImportError::Io { path, cause } => E::Io { path, cause },
            ImportError::NotUtf8 { path, offset, line } => E::Bad {
                path,
                line: Some(line),
                message: format!("not UTF-8 text (invalid byte at offset {offset})"),
            },
            ImportError::NoTexts { path } => E::Empty { path, what: "no .txt files".into() },
        };
        let mut batch = super::import::Batch::default();
        let mut ids = HashSet::new();
        for path in collect_inputs(inputs).map_err(convert)? {
            if progress.is_cancelled() {
                return Err(E::Cancelled);
            }
            let text = read_text(&path).map_err(convert)?;
            progress.advance(text.len() as u64);
            if text.trim().is_empty() {
                batch.notes.push(format!("{}: empty, skipped", path.display()));
                continue;
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let meta = DocMeta {
                id: unique_id(stem.as_deref().unwrap_or_default(), &mut ids),
                title: guess_title(&text),
                lang: guess_language(&text).to_string(),
                source: path.display().to_string(),
                ..Default::default()
            };
            batch.documents.push(Document::new(meta, text));
        }
        Ok(batch)
    }
}

fn unique_id(stem: &str, taken: &mut HashSet<String>) -> String {
    let base = if stem.is_empty() { "doc" } else { stem };
    let mut id = base.to_string();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The first non-empty line, shortened to 100 characters.
pub fn guess_title(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let mut title: String = line.chars().take(100).collect();
    if line.chars().nth(100).is_some() {
        title.push('…');
    }
    title
}

/// "uk", "ru" or "en" from the letters used; "und" when the text gives no clue.
/// Ukrainian and Russian share most Cyrillic letters: the letters only one of them has decide.
pub fn guess_language(text: &str) -> &'static str {
    let (mut cyrillic, mut latin, mut uk, mut ru) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(20_000) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                uk += 1;
                cyrillic += 1;
            }
            'ы' | 'э' | 'ъ' | 'ё' | 'Ы' | 'Э' | 'Ъ' | 'Ё' => {
                ru += 1;
                cyrillic += 1;
            }
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            'a'..='z' | 'A'..='Z' => latin += 1,
            _ => {}
        }
    }
    if cyrillic == 0 && latin == 0 {
        "und"
    } else if cyrillic >= latin {
        if uk > ru { "uk" } else { "ru" }
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_the_seeds() {
        assert_eq!(guess_language("Росія, зіткнувшись із несподіваною рішучістю"), "uk");
        assert_eq!(guess_language("Южная Осетия признала независимость ДНР"), "ru");
        assert_eq!(guess_language("President of South Ossetia held a meeting"), "en");
        assert_eq!(guess_language("12345 — …"), "und");
    }

    #[test]
    fn folder_import_keeps_text_and_reports() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("b.txt"), "\u{feff}Заголовок\r\nТекст\u{a0}статьи")?;
        std::fs::write(dir.path().join("a.txt"), "  \n")?;
        std::fs::write(dir.path().join("c.md"), "ignored")?;
        let imported = project_from_texts("p", &[dir.path().to_path_buf()])?;
        assert_eq!(imported.project.documents.len(), 1);
        let doc = &imported.project.documents[0];
        assert_eq!(doc.text(), "Заголовок\r\nТекст\u{a0}статьи");
        assert_eq!(doc.meta.id, "b");
        assert_eq!(doc.meta.title, "Заголовок");
        assert_eq!(imported.notes.len(), 1);
        Ok(())
    }

    #[test]
    fn non_utf8_is_refused_with_its_place() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("cp1251.txt");
        std::fs::write(&path, b"ok\n\xc0\xe1")?;
        let msg = read_text(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("offset 3, line 2"), "{msg}");
        Ok(())
    }
}
