//! Reading JSON Lines back: Acta's own export (everything: meta, spans, events, attributes,
//! annotators) and the plainest dataset there is, one `{"text": ...}` per line. Lines are read
//! one at a time, so a 100 MB file never sits in memory twice; errors name file and line.

use super::export::{OffsetUnit, UnitMap};
use super::import::{Batch, ImportError, ImportOptions, Importer, unique_id};
use super::progress::Progress;
use super::text_import::{guess_language, guess_title};
use crate::model::{AnnId, DocMeta, DocStatus, Document, Event, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

pub struct JsonlImport;

/// One line; everything but `text` may be missing.
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    status: DocStatus,
    #[serde(default)]
    notes: String,
    text: String,
    #[serde(default)]
    spans: Vec<InSpan>,
    #[serde(default)]
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct InSpan {
    #[serde(default)]
    id: Option<AnnId>,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
}

impl Importer for JsonlImport {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn describe(&self) -> &'static str {
        "Acta JSON Lines (as exported), or one {\"text\": ...} object per line"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError> {
        let mut batch = Batch::default();
        let mut ids = HashSet::new();
        for path in inputs {
            read_file(path, options, progress, &mut ids, &mut batch)?;
        }
        Ok(batch)
    }
}

fn read_file(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
    ids: &mut HashSet<String>,
    batch: &mut Batch,
) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut buf = Vec::new();
    let mut number = 0;
    let before = batch.documents.len();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| ImportError::io(path, e))?;
        if n == 0 {
            break;
        }
        number += 1;
        progress.advance(n as u64);
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        let bytes =
            if number == 1 { buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf) } else { &buf };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line: Line = serde_json::from_slice(bytes).map_err(|e| {
            ImportError::bad(path, Some(number), format!("column {}: {e}", e.column()))
        })?;
        let fallback = format!("{stem}-{number}");
        let doc = document(line, &fallback, options, ids)
            .map_err(|message| ImportError::bad(path, Some(number), message))?;
        batch.documents.push(doc);
    }
    if batch.documents.len() == before {
        let what = "no JSON lines".into();
        return Err(ImportError::Empty { path: path.display().to_string(), what });
    }
    Ok(())
}

fn document(
    line: Line,
    fallback_id: &str,
    options: &ImportOptions,
    ids: &mut HashSet<String>,
) -> Result<Document, String> {
    let id = unique_id(line.id.as_deref().unwrap_or(fallback_id), ids);
    let meta = DocMeta {
        title: line.title.unwrap_or_else(|| guess_title(&line.text)),
        lang: line.lang.unwrap_or_else(|| guess_language(&line.text).to_string()),
        id,
        source: line.source,
        dateline: line.dateline,
        status: line.status,
        notes: line.notes,
        ..Default::default()
    };
    // The document is made first: its offset table converts and checks the spans' offsets.
    let doc = Document::new(meta, line.text);
    let map = UnitMap::new(&doc, options.offsets);
    let unit = match options.offsets {
        OffsetUnit::Codepoints => "code point",
        OffsetUnit::Utf16 => "UTF-16",
        OffsetUnit::Bytes => "byte",
    };
    let mut used: HashSet<AnnId> = line.spans.iter().filter_map(|s| s.id).collect();
    used.extend(line.events.iter().map(|e| e.id));
    let mut next = used.iter().map(|id| id.0).max().unwrap_or(0) + 1;
    let mut spans = Vec::with_capacity(line.spans.len());
    for (i, s) in line.spans.into_iter().enumerate() {
        let (Some(start), Some(end)) = (map.back(s.start), map.back(s.end)) else {
            return Err(format!(
                "span {} ({} {}..{}): {unit} offset past the end or inside a character \
                 (text is {} {unit}s long)",
                i + 1,
                s.label,
                s.start,
                s.end,
                map.of(doc.char_len())
            ));
        };
        let id = s.id.unwrap_or_else(|| {
            next += 1;
            AnnId(next - 1)
        });
        if let Some(stored) = &s.text
            && start < end
            && doc.slice(start, end) != stored
        {
            return Err(format!(
                "span {} ({}): its text {stored:?} is not the text at {}..{} ({:?}); \
                 are the offsets in another unit (--offsets)?",
                i + 1,
                s.label,
                s.start,
                s.end,
                doc.slice(start, end)
            ));
        }
        let mut span =
            Span::new(id, start, end, &s.label, &options.annotator_for(s.annotator.as_deref()));
        span.attributes = s.attributes;
        span.note = s.note;
        spans.push(span);
    }
    let events = line
        .events
        .into_iter()
        .map(|mut e| {
            e.annotator = options.annotator_for(Some(&e.annotator));
            e
        })
        .collect();
    drop(map);
    doc.with_annotations(spans, events)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::export::{ExportOptions, run};
    use crate::formats::import::add_to_project;
    use crate::formats::testgen::{self, Keep};
    use crate::model::Project;
    use proptest::prelude::*;

    fn import(path: &Path, options: &ImportOptions) -> Result<Batch, ImportError> {
        JsonlImport.import(&[path.to_path_buf()], options, &Progress::default())
    }

    fn round_trip(p: &Project, unit: OffsetUnit) -> Result<Project, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("d.jsonl");
        let options = ExportOptions { offsets: unit, ..Default::default() };
        run(p, "jsonl", &options, &out, &Progress::default())?;
        let batch = import(&out, &ImportOptions { offsets: unit, ..Default::default() })?;
        let mut back = Project::new("back");
        add_to_project(&mut back, batch);
        Ok(back)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn export_then_import_is_the_same_project(p in testgen::project(), unit in 0..3usize) {
            let unit = [OffsetUnit::Codepoints, OffsetUnit::Utf16, OffsetUnit::Bytes][unit];
            let back = round_trip(&p, unit).map_err(|e| TestCaseError::fail(e.to_string()))?;
            testgen::assert_same_annotations(&p, &back, Keep::ALL);
        }
    }

    #[test]
    fn plain_text_lines_and_errors_with_their_line() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("texts.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"Київ заявив\\r\\nдругий рядок\"}\n\n{\"text\": \"Two\"}\n",
        )?;
        let batch = import(&path, &ImportOptions::default())?;
        let ids: Vec<&str> = batch.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(ids, ["texts-1", "texts-3"]);
        assert_eq!(batch.documents[0].text(), "Київ заявив\r\nдругий рядок");
        assert_eq!(batch.documents[0].meta.lang, "uk");

        std::fs::write(
            &path,
            "{\"text\": \"ok\"}\n{\"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"A\"}]}\n",
        )?;
        let err = import(&path, &ImportOptions::default()).err().map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.contains("texts.jsonl:2: span 1 (A 0..5)"), "{err}");

        std::fs::write(&path, "{\"text\": \"ok\"}\n{\"text\": \"x\",}\n")?;
        let err = import(&path, &ImportOptions::default()).err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("texts.jsonl:2: column"));
        Ok(())
    }

    #[test]
    fn the_stamp_replaces_annotators() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"d\",\"text\":\"Южная Осетия\",\"spans\":[{\"start\":0,\"end\":12,\"label\":\"Actor\",\"annotator\":\"bob\",\"text\":\"Южная Осетия\"}]}\n",
        )?;
        let stamped = ImportOptions { annotator: Some("Олена".into()), ..Default::default() };
        let batch = import(&path, &stamped)?;
        let span = batch.documents[0].spans().next().map(|s| s.annotator.clone());
        assert_eq!(span.as_deref(), Some("Олена"));
        Ok(())
    }
}
