//! A new project from plain text files or folders of them. The text is kept verbatim (CRLF,
//! no-break spaces); a byte order mark is dropped, since it is not part of the text. UTF-16 with
//! a BOM and legacy encodings (CP1251, KOI8-R...) are decoded and reported; binary files are
//! refused. Titles and languages are guessed and can be corrected in the GUI.

use super::progress::Progress;
use crate::model::{DocMeta, Document, Project};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error("{path} is not text (a NUL byte at offset {offset}, line {line}): a binary file?")]
    NotText { path: String, offset: usize, line: usize },
    #[error("{path}: no .txt files found")]
    NoTexts { path: String },
    #[error("{path}: {}", too_big(*.bytes))]
    TooBig { path: String, bytes: u64 },
    /// Every text given was empty: a project without documents would be of no use.
    #[error("{path} {what}: there is no text to make a document of")]
    AllEmpty { path: String, what: String },
}

/// The largest text taken as one document. Documents of 10 MB are comfortable
/// (docs/PERFORMANCE.md); one of 200 MB would need gigabytes of memory, so a bigger text is
/// refused from its size on disk, before a byte of it is read.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

/// `bytes` in megabytes, as a user reads sizes ("200.0 MB").
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
}

fn too_big(bytes: u64) -> String {
    format!(
        "{} is over the limit of {} for one document: split it into smaller files (by article \
         or chapter) and import those",
        megabytes(bytes),
        megabytes(MAX_TEXT_BYTES)
    )
}

/// Refuses a text over `MAX_TEXT_BYTES`, from its size on disk (also for importers that read
/// one text per file, such as brat's `.txt`).
pub fn check_size(path: &Path) -> Result<(), ImportError> {
    let meta = std::fs::metadata(path)
        .map_err(|cause| ImportError::Io { path: path.display().to_string(), cause })?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooBig { path: path.display().to_string(), bytes: meta.len() });
    }
    Ok(())
}

/// What is wrong with a text that is empty once decoded, from its size on disk.
fn emptiness(path: &Path) -> String {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    super::project::emptiness(bytes as usize)
}

/// The error for inputs that were all empty, naming the only one, or the first of several.
fn all_empty(empty: &[PathBuf]) -> ImportError {
    let first = empty.first().map(|p| p.display().to_string()).unwrap_or_default();
    let what = match empty {
        [one] => emptiness(one),
        [_, _] => "is empty, and so is the other text given".to_string(),
        more => format!("is empty, and so are the {} other texts given", more.len() - 1),
    };
    ImportError::AllEmpty { path: first, what }
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

/// A text file's content and, when it was not UTF-8, the encoding it was decoded from.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Option<&'static str>,
    /// UTF-8 with a few bad bytes (a file cut mid-character, one stray byte), each replaced
    /// by U+FFFD rather than the whole text read as some legacy encoding.
    pub damaged: Option<Damage>,
}

/// Where a mostly-UTF-8 text had invalid bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Damage {
    pub bytes: usize,
    /// The first bad byte: its offset in the file and its 1-based line.
    pub offset: usize,
    pub line: usize,
}

impl Decoded {
    fn utf8(text: String) -> Self {
        Decoded { text, encoding: None, damaged: None }
    }

    /// What the user should be told about how the text was read, if anything.
    pub fn note(&self, path: &Path) -> Option<String> {
        if let Some(d) = &self.damaged {
            return Some(format!(
                "{}: UTF-8 with {} invalid byte(s), the first at byte offset {} (line {}); each \
                 was replaced by U+FFFD (�)",
                path.display(),
                d.bytes,
                d.offset,
                d.line
            ));
        }
        let name = self.encoding?;
        Some(format!("{}: not UTF-8, decoded as {name}", path.display()))
    }
}

/// Reads one text file: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy encoding
/// guessed from the bytes. A NUL byte outside UTF-16 means a binary file, refused with its place.
pub fn read_text(path: &Path) -> Result<Decoded, ImportError> {
    read_text_with(path, &Progress::default())
}

/// `read_text` in chunks of 4 MB, advancing `progress` by each, so a single huge file shows
/// progress; on a cancel it stops reading early (the caller checks `is_cancelled`).
pub fn read_text_with(path: &Path, progress: &Progress) -> Result<Decoded, ImportError> {
    use std::io::Read;
    let shown = path.display().to_string();
    let io = |cause| ImportError::Io { path: shown.clone(), cause };
    check_size(path)?;
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map(|m| m.len() as usize).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size + 1);
    let mut chunk = vec![0u8; 4 << 20];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        progress.advance(n as u64);
        if progress.is_cancelled() {
            break;
        }
    }
    decode_owned(bytes).map_err(|(offset, bytes)| {
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        ImportError::NotText { path: shown, offset, line }
    })
}

/// `decode` without copying valid UTF-8; on error the offset and the bytes back.
fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, (usize, Vec<u8>)> {
    if encoding_rs::Encoding::for_bom(&bytes).is_none() && memchr_nul(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(Decoded::utf8(text)),
            Err(e) => {
                let bytes = e.into_bytes();
                return decode(&bytes).map_err(|at| (at, bytes));
            }
        }
    }
    decode(&bytes).map_err(|at| (at, bytes))
}

/// The text in `bytes`, or the offset of the NUL byte that makes it binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded, usize> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Ok(Decoded { text: text.into_owned(), encoding: name, damaged: None });
    }
    if let Some(nul) = memchr_nul(bytes) {
        return Err(nul);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::utf8(text.to_string()));
    }
    if let Some(damage) = damaged_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok(Decoded { text, encoding: None, damaged: Some(damage) });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let mut encoding = detector.guess(None, false);
    let (mut text, _, _) = encoding.decode(bytes);
    // KOI8-U is KOI8-R plus Ukrainian letters where KOI8-R has box drawing: without those
    // letters the text is Russian KOI8-R, which is what its users call it.
    if encoding == encoding_rs::KOI8_U && !text.contains(['і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ'])
    {
        encoding = encoding_rs::KOI8_R;
        text = encoding.decode(bytes).0;
    }
    Ok(Decoded { text: text.into_owned(), encoding: Some(encoding.name()), damaged: None })
}

/// UTF-8 with a few invalid bytes, told from a legacy encoding by its many valid multi-byte
/// characters: a CP1251 or KOI8-R text has next to none, since its letters are single bytes
/// that UTF-8 cannot start with and continue alike.
fn damaged_utf8(bytes: &[u8]) -> Option<Damage> {
    let (mut good, mut bad, mut first) = (0usize, 0usize, None);
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(at);
            bad += chunk.invalid().len();
        }
        at += chunk.invalid().len();
    }
    let offset = first?;
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    (good >= 8 * bad).then_some(Damage { bytes: bad, offset, line })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Builds a project named `name` from text files and folders.
pub fn project_from_texts(name: &str, inputs: &[PathBuf]) -> Result<Imported, ImportError> {
    let mut project = Project::new(name);
    let mut notes = Vec::new();
    let mut ids = HashSet::new();
    let mut empty = Vec::new();
    for path in collect_inputs(inputs)? {
        let decoded = read_text(&path)?;
        notes.extend(decoded.note(&path));
        let text = decoded.text;
        if text.trim().is_empty() {
            notes.push(format!("{} {}: skipped", path.display(), emptiness(&path)));
            empty.push(path);
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
    if project.documents.is_empty() {
        return Err(all_empty(&empty));
    }
    Ok(Imported { project, notes })
}

impl From<ImportError> for super::import::ImportError {
    fn from(e: ImportError) -> Self {
        use super::import::ImportError as E;
        match e {
            ImportError::Io { path, cause } => E::Io { path, cause },
            ImportError::NotText { path, offset, line } => E::Bad {
                path,
                line: Some(line),
                message: format!("not text (a NUL byte at offset {offset}): a binary file?"),
            },
            ImportError::NoTexts { path } => E::Empty { path, what: "no .txt files".into() },
            ImportError::TooBig { path, bytes } => {
                E::Bad { path, line: None, message: too_big(bytes) }
            }
            ImportError::AllEmpty { path, what } => {
                E::Empty { path, what: format!("the text {what}") }
            }
        }
    }
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
        let convert = E::from;
        let mut batch = super::import::Batch::default();
        let mut ids = HashSet::new();
        let mut empty = Vec::new();
        for path in collect_inputs(inputs).map_err(convert)? {
            if progress.is_cancelled() {
                return Err(E::Cancelled);
            }
            let decoded = read_text_with(&path, progress).map_err(convert)?;
            if progress.is_cancelled() {
                return Err(E::Cancelled);
            }
            batch.notes.extend(decoded.note(&path));
            let text = decoded.text;
            if text.trim().is_empty() {
                batch.notes.push(format!("{} {}: skipped", path.display(), emptiness(&path)));
                empty.push(path);
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
        if batch.documents.is_empty() {
            return Err(convert(all_empty(&empty)));
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
    fn legacy_encodings_are_detected_and_binaries_refused() -> Result<(), Box<dyn std::error::Error>>
    {
        let text = "Южная Осетия признала независимость ДНР.\r\nМинистр иностранных дел \
                    заявил, что решение было принято ещё в феврале.";
        for (encoding, name) in [
            (encoding_rs::WINDOWS_1251, "windows-1251"),
            (encoding_rs::KOI8_R, "KOI8-R"),
            (encoding_rs::UTF_16LE, "UTF-16LE"),
            (encoding_rs::UTF_16BE, "UTF-16BE"),
        ] {
            let mut bytes = match name {
                "UTF-16LE" => vec![0xFF, 0xFE],
                "UTF-16BE" => vec![0xFE, 0xFF],
                _ => Vec::new(),
            };
            if name.starts_with("UTF-16") {
                let units = text.encode_utf16();
                let le = name == "UTF-16LE";
                bytes
                    .extend(units.flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }));
            } else {
                bytes.extend_from_slice(&encoding.encode(text).0);
            }
            let decoded = decode(&bytes).map_err(|at| format!("{name}: NUL at {at}"))?;
            assert_eq!(decoded.text, text, "{name}");
            assert_eq!(decoded.encoding, Some(name));
        }
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("image.txt");
        std::fs::write(&path, b"PNG\r\n\x1a\n\x00\x00\x00\rIHDR")?;
        let msg = read_text(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("not text (a NUL byte at offset 7, line 3)"), "{msg}");
        Ok(())
    }
}
