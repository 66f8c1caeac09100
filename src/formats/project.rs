//! The project file: RON, deterministic, so a save that changes nothing writes the same bytes
//! and a git diff shows exactly the annotations that changed. Spans are written one per line in
//! reading order; texts are escaped so CRLF and no-break spaces survive any editor or git setting.

use crate::model::validate::{Problem, check_project};
use crate::model::{
    Comment, DocMeta, DocStatus, Document, Event, FORMAT_VERSION, Project, Rejection, ReviewStatus,
    Schema, Span,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    #[error(
        "{path} is not UTF-8 text (invalid byte at line {line}, column {col}), at byte offset \
         {offset}: is it a project file?"
    )]
    NotUtf8 { path: String, line: usize, col: usize, offset: usize },
    #[error(
        "{path} is UTF-16 text, but project files are UTF-8: save it again as UTF-8 in your editor"
    )]
    Utf16 { path: String },
    #[error("{path} {}: there is no project in it", emptiness(*.bytes))]
    Empty { path: String, bytes: usize },
    #[error("{path}:{line}:{col}: {message}")]
    Syntax { path: String, line: usize, col: usize, message: String },
    #[error(
        "{path}:{line}:{col}: the file ends here, in the middle of the project: it was cut short \
         (an interrupted copy, download or save?) and cannot be opened as it is; Acta keeps          the previous version of a project it saves as {path}.bak"
    )]
    Truncated { path: String, line: usize, col: usize },
    #[error(
        "{path} was made by a newer Acta (project format {found}; this build reads up to {FORMAT_VERSION}): \
         update Acta to open it"
    )]
    NewerVersion { path: String, found: u32 },
    #[error("{path} has {} annotation(s) that cannot be placed:\n{}", .problems.len(), list(.problems))]
    Invalid { path: String, problems: Vec<Problem> },
}

/// How empty a file is: "is empty (0 bytes)", or only white space.
pub(crate) fn emptiness(bytes: usize) -> String {
    match bytes {
        0 => "is empty (0 bytes)".to_string(),
        n => format!("holds only white space ({n} bytes)"),
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
}

/// A project that opened, with the warnings found in it (kept, not dropped).
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub warnings: Vec<Problem>,
}

// --- file shapes -------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct ProjectIn {
    format_version: u32,
    name: String,
    schema: Schema,
    #[serde(default)]
    documents: Vec<DocumentIn>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DocumentIn {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    status: DocStatus,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    review: ReviewStatus,
    #[serde(default)]
    comments: Vec<Comment>,
    #[serde(default)]
    rejected: Vec<Rejection>,
    #[serde(default)]
    next_id: u64,
    text: String,
    #[serde(default)]
    spans: Chunked<Span>,
    #[serde(default)]
    events: Chunked<Event>,
}

/// A list read in chunks of 4,096, so that moving 200k spans (or events) into the document frees
/// the file's copy as it goes instead of holding one 30 MB vector until the end (peak memory of opening).
#[derive(Debug)]
pub(crate) struct Chunked<T>(Vec<Vec<T>>);

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().flatten()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Chunked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Chunked<T>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                const CHUNK: usize = 4096;
                let mut chunks = Vec::new();
                let mut chunk = Vec::with_capacity(CHUNK);
                while let Some(item) = seq.next_element()? {
                    chunk.push(item);
                    if chunk.len() == CHUNK {
                        chunks.push(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)));
                    }
                }
                if !chunk.is_empty() {
                    chunks.push(chunk);
                }
                Ok(Chunked(chunks))
            }
        }
        d.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    format_version: u32,
    name: &'a str,
    schema: &'a Schema,
    documents: Vec<DocumentOut<'a>>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'a str,
    source: &'a str,
    dateline: &'a Option<String>,
    status: DocStatus,
    notes: &'a str,
    #[serde(skip_serializing_if = "ReviewStatus::is_default")]
    review: ReviewStatus,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    comments: &'a [Comment],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rejected: &'a [Rejection],
    next_id: u64,
    text: &'a str,
    spans: Vec<&'a Span>,
    events: Vec<&'a Event>,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

// --- reading -----------------------------------------------------------------------------------

/// Reads a project file. Nothing on disk is touched, whatever happens.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|cause| LoadError::Io { path: shown.clone(), cause })?;
    let text = decode_utf8(&shown, bytes)?;
    parse(&shown, &text)
}

fn decode_utf8(path: &str, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    // Editors on Windows may add a byte order mark to a hand-edited file; it is not text.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(LoadError::Utf16 { path: path.to_string() });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..offset];
        // `good` is valid UTF-8 by construction.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let (line, col) = line_col(good);
        LoadError::NotUtf8 { path: path.to_string(), line, col, offset }
    })
}

/// The 1-based line and column just after `before`.
fn line_col(before: &str) -> (usize, usize) {
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, col)
}

/// Whether a file that failed to parse was cut short: the parser ran out of text, or the text
/// does not end the way every project does, with the closing parenthesis.
fn cut_short(text: &str, code: &ron::Error) -> bool {
    matches!(code, ron::Error::Eof) || !text.trim_end().ends_with(')')
}

/// ron names the reader's structs; a user knows them as the project, a document, a span.
fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("ProjectIn", "the project"),
        ("DocumentIn", "a document"),
        ("Span", "a span"),
        ("Event", "an event"),
        ("Argument", "an event argument"),
        ("Schema", "the schema"),
        ("LabelDef", "a label"),
        ("EventTypeDef", "an event type"),
        ("RoleDef", "a role"),
    ];
    let mut out = message.to_string();
    for (name, words) in WORDS {
        out = out.replace(&format!("struct `{name}`"), words);
    }
    out
}

/// Parses project text; `path` only names the source in messages.
pub fn parse(path: &str, text: &str) -> Result<Loaded, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.to_string(), bytes: text.len() });
    }
    // The fast reader takes what Acta writes, five times faster; anything else (comments, a
    // hand edit in unusual RON, a damaged file) goes to the `ron` crate, which also words errors.
    let fast = super::ron_read::from_str::<ProjectIn>(text);
    let file: ProjectIn = match fast.or_else(|_| ron::from_str(text)) {
        Ok(file) => file,
        Err(e) => {
            // A file from a newer Acta may fail to parse for reasons a newer build understands:
            // say so rather than report a syntax error.
            if let Ok(probe) = ron::from_str::<VersionProbe>(text)
                && probe.format_version > FORMAT_VERSION
            {
                return Err(LoadError::NewerVersion {
                    path: path.to_string(),
                    found: probe.format_version,
                });
            }
            if cut_short(text, &e.code) {
                let (line, col) = line_col(text.trim_end());
                return Err(LoadError::Truncated { path: path.to_string(), line, col });
            }
            return Err(LoadError::Syntax {
                path: path.to_string(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: plain_words(&e.code.to_string()),
            });
        }
    };
    if file.format_version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion { path: path.to_string(), found: file.format_version });
    }
    let mut problems = Vec::new();
    let mut documents = Vec::with_capacity(file.documents.len());
    let mut ids = std::collections::HashSet::new();
    for d in file.documents {
        if !ids.insert(d.id.clone()) {
            problems.push(Problem::error(&d.id, None, crate::model::ProblemKind::DuplicateDocId));
            continue;
        }
        let meta = DocMeta {
            id: d.id,
            title: d.title,
            lang: d.lang,
            source: d.source,
            dateline: d.dateline,
            status: d.status,
            notes: d.notes,
            review: d.review,
            comments: d.comments,
            rejected: d.rejected,
        };
        match Document::new(meta, d.text).place(d.spans, d.events, d.next_id) {
            Ok(doc) => documents.push(Arc::new(doc)),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid { path: path.to_string(), problems });
    }
    let project =
        Project { format_version: FORMAT_VERSION, name: file.name, schema: file.schema, documents };
    let warnings = check_project(&project);
    Ok(Loaded { project, warnings })
}

// --- writing -----------------------------------------------------------------------------------

/// The project as RON text. Deterministic: the same project always gives the same bytes.
/// Document texts are escaped by `ron_write` and spliced in, which gives the bytes `ron` would
/// write several times faster (`to_ron_plain` is the reference, and the fallback).
pub fn to_ron(project: &Project) -> Result<String, ron::Error> {
    // A prefix no field is likely to hold; if one does, the splice refuses and ron writes all.
    const PREFIX: &str = "\u{1}acta-text-";
    let marks: Vec<String> =
        (0..project.documents.len()).map(|i| super::ron_write::placeholder(PREFIX, i)).collect();
    let written = write(project, Some(&marks))?;
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text()).collect();
    // ron escapes the \u{1} of the placeholders: look for them as written.
    let written_prefix = PREFIX.replace('\u{1}', "\\u{1}");
    match super::ron_write::splice(&written, &written_prefix, &texts) {
        Some(text) => Ok(text),
        None => to_ron_plain(project),
    }
}

/// The project as RON text, every string escaped by the `ron` crate.
pub fn to_ron_plain(project: &Project) -> Result<String, ron::Error> {
    write(project, None)
}

/// `texts`: what to write in place of each document's text.
fn write(project: &Project, texts: Option<&[String]>) -> Result<String, ron::Error> {
    let out = ProjectOut {
        format_version: FORMAT_VERSION,
        name: &project.name,
        schema: &project.schema,
        documents: project
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| DocumentOut {
                id: &d.meta.id,
                title: &d.meta.title,
                lang: &d.meta.lang,
                source: &d.meta.source,
                dateline: &d.meta.dateline,
                status: d.meta.status,
                notes: &d.meta.notes,
                review: d.meta.review,
                comments: &d.meta.comments,
                rejected: &d.meta.rejected,
                next_id: d.next_id_counter(),
                text: texts.and_then(|t| t.get(i)).map_or(d.text(), String::as_str),
                spans: d.spans_by_position().collect(),
                events: d.events().collect(),
            })
            .collect(),
    };
    // Depth 4 is a span or an event: one per line keeps files short and diffs to a line per
    // change.
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .indentor("  ")
        .struct_names(false)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(&out, config)?;
    text.push('\n');
    Ok(text)
}

/// Writes the project to `path` atomically (see `atomic.rs`), keeping no backup: for files git
/// versions (the merge driver) and new files. Saving over a user's project goes through
/// `safe_save::save_project`, which keeps the previous version.
pub fn save_file(project: &Project, path: &Path) -> Result<(), super::SaveError> {
    let text = to_ron(project).map_err(|e| super::SaveError::Serialize(e.to_string()))?;
    super::atomic::write_atomic(path, text.as_bytes())
        .map_err(|cause| super::SaveError::Io { path: path.display().to_string(), cause })
}

#[cfg(test)]
mod tests;
