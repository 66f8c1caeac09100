//! brat import: folders or `.ann`/`.txt` files become documents; `annotation.conf` (found in
//! the folder or above it, as brat looks for it) becomes the batch schema. Sidecars written by
//! the exporter restore what brat cannot hold; without them the data is read as brat means it.

use super::build::Build;
use super::conf;
use super::sidecar::{self, DocSidecar, NameMaps, SchemaSidecar};
use super::{Brat, DEFAULT_TRIGGER_LABEL, DOC_SIDECAR_SUFFIX, LineEnds, SCHEMA_SIDECAR};
use crate::formats::import::{Batch, ImportError, ImportOptions, Importer, merge_schema};
use crate::formats::progress::Progress;
use crate::model::{LabelKind, Schema};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

impl Importer for Brat {
    fn name(&self) -> &'static str {
        "brat"
    }

    fn describe(&self) -> &'static str {
        "brat standoff: folders or .ann/.txt files; annotation.conf becomes the schema"
    }

    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError> {
        let docs = collect(inputs)?;
        let mut collections: HashMap<PathBuf, Collection> = HashMap::new();
        let mut batch = Batch::default();
        for files in &docs {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled);
            }
            if !collections.contains_key(&files.dir) {
                let c = Collection::load(&files.dir, &mut batch.notes)?;
                collections.insert(files.dir.clone(), c);
            }
            let Some(coll) = collections.get(&files.dir) else { continue };
            let (doc, bytes) = read_document(files, coll, options, &mut batch.notes)?;
            progress.advance(bytes);
            batch.documents.push(doc);
        }
        // Folders sharing one annotation.conf give one schema; different ones are merged.
        let mut seen = HashSet::new();
        let mut dirs: Vec<&PathBuf> = collections.keys().collect();
        dirs.sort();
        for dir in dirs {
            let Some(c) = collections.get(dir) else { continue };
            if let Some(schema) = &c.schema
                && seen.insert(c.source.clone())
            {
                match &mut batch.schema {
                    None => batch.schema = Some(schema.clone()),
                    Some(have) => merge_schema(have, schema, &mut Vec::new()),
                }
            }
        }
        Ok(batch)
    }
}

/// One document's files.
struct DocFiles {
    dir: PathBuf,
    stem: String,
    txt: PathBuf,
    ann: Option<PathBuf>,
}

/// The documents named by `inputs`: `.ann` or `.txt` files as given, folders searched (not
/// recursively), each stem once, in name order.
fn collect(inputs: &[PathBuf]) -> Result<Vec<DocFiles>, ImportError> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    let is_brat = |p: &Path| p.extension().is_some_and(|x| x == "ann" || x == "txt");
    let stem_of = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned());
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| ImportError::io(input, e))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_brat(p))
                .collect();
            if files.is_empty() {
                let what = "no .ann or .txt files".to_string();
                return Err(ImportError::Empty { path: input.display().to_string(), what });
            }
            files.sort();
            found.extend(files.iter().filter_map(|f| Some((input.clone(), stem_of(f)?))));
        } else {
            std::fs::metadata(input).map_err(|e| ImportError::io(input, e))?;
            let stem = stem_of(input).filter(|_| is_brat(input)).ok_or_else(|| {
                ImportError::bad(
                    input,
                    None,
                    "not a brat file: give .ann or .txt files, or folders",
                )
            })?;
            let dir = input.parent().map(Path::to_path_buf).unwrap_or_default();
            found.push((dir, stem));
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (dir, stem) in found {
        if !seen.insert((dir.clone(), stem.clone())) {
            continue;
        }
        let txt = dir.join(format!("{stem}.txt"));
        let ann = dir.join(format!("{stem}.ann"));
        if !txt.is_file() {
            return Err(ImportError::bad(&ann, None, format!("no text file {stem}.txt beside it")));
        }
        let ann = ann.is_file().then_some(ann);
        out.push(DocFiles { dir, stem, txt, ann });
    }
    Ok(out)
}

/// What a folder's configuration says, in the terms the documents need.
pub(crate) struct Collection {
    /// The annotation.conf read, if any (schemas are merged once per file).
    source: Option<PathBuf>,
    pub schema: Option<Schema>,
    pub names: NameMaps,
    /// The label brat's event triggers get.
    pub trigger_label: String,
    /// brat event types, and the roles each declares (numbered roles are stripped otherwise).
    pub event_types: HashSet<String>,
    pub roles: HashMap<String, HashSet<String>>,
}

impl Collection {
    fn load(dir: &Path, notes: &mut Vec<String>) -> Result<Collection, ImportError> {
        let conf_dir = dir.ancestors().find(|d| d.join("annotation.conf").is_file());
        let base = conf_dir.unwrap_or(dir);
        let side_path = base.join(SCHEMA_SIDECAR);
        let side: Option<SchemaSidecar> =
            if side_path.is_file() { Some(sidecar::read(&side_path)?) } else { None };
        let trigger_label = side
            .as_ref()
            .and_then(|s| s.schema.labels.iter().find(|l| l.kind == LabelKind::Event))
            .map_or(DEFAULT_TRIGGER_LABEL.to_string(), |l| l.name.clone());
        let mut c = Collection {
            source: None,
            schema: None,
            names: side.as_ref().map(|s| s.names.clone()).unwrap_or_default(),
            trigger_label,
            event_types: HashSet::new(),
            roles: HashMap::new(),
        };
        let Some(conf_dir) = conf_dir else {
            c.schema = side.map(|s| s.schema);
            return Ok(c);
        };
        let path = conf_dir.join("annotation.conf");
        if conf_dir != dir {
            notes.push(format!(
                "{}: its schema is {}, as brat finds it",
                dir.display(),
                path.display()
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| ImportError::io(&path, e))?;
        let parsed = conf::parse_annotation_conf(&text)
            .map_err(|(line, m)| ImportError::bad(&path, Some(line), m))?;
        let visual_path = conf_dir.join("visual.conf");
        let visual = match std::fs::read_to_string(&visual_path) {
            Ok(text) => conf::parse_visual_conf(&text),
            Err(_) => conf::Visual::default(),
        };
        if !parsed.relations.is_empty() {
            notes.push(format!(
                "{}: relation types {} are not in the schema: Acta has no relations yet (their R \
                 lines become notes)",
                path.display(),
                parsed.relations.join(", ")
            ));
        }
        for ev in &parsed.events {
            c.event_types.insert(ev.name.clone());
            c.roles.insert(ev.name.clone(), ev.roles.iter().map(|r| r.name.clone()).collect());
        }
        let from_conf = conf::to_schema(&parsed, &visual, &c.names, &c.trigger_label);
        c.schema = Some(match side {
            // The sidecar knows hotkeys, kinds, free-text attributes, and what the schema
            // declares rather than what the data needed.
            Some(side) if side.conf == super::fingerprint(&text) => side.schema,
            // The conf was edited in brat since: what it added counts too.
            Some(side) => {
                let mut schema = side.schema;
                merge_schema(&mut schema, &from_conf, &mut Vec::new());
                schema
            }
            None => from_conf,
        });
        c.source = Some(path);
        Ok(c)
    }
}

/// Reads UTF-8 (a byte order mark is not text), naming the line of the first bad byte.
fn read_utf8(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        ImportError::bad(path, Some(line), format!("not UTF-8 (invalid byte at offset {at})"))
    })
}

fn read_document(
    files: &DocFiles,
    coll: &Collection,
    options: &ImportOptions,
    notes: &mut Vec<String>,
) -> Result<(crate::model::Document, u64), ImportError> {
    crate::formats::text_import::check_size(&files.txt)?;
    let raw = read_utf8(&files.txt)?;
    let mut bytes = raw.len() as u64;
    // brat offsets count the text as Python's text mode reads it: LF only.
    let (brat, raw_ends) = LineEnds::split(&raw);
    let ann_path =
        files.ann.clone().unwrap_or_else(|| files.dir.join(format!("{}.ann", files.stem)));
    let ann_text = match &files.ann {
        Some(p) => read_utf8(p)?,
        None => {
            notes.push(format!(
                "{}: no .ann beside it; imported without annotations",
                files.txt.display()
            ));
            String::new()
        }
    };
    bytes += ann_text.len() as u64;
    let lines =
        super::ann::parse(&ann_text).map_err(|(l, m)| ImportError::bad(&ann_path, Some(l), m))?;
    let side_path = files.dir.join(format!("{}{DOC_SIDECAR_SUFFIX}", files.stem));
    let mut side: Option<DocSidecar> = None;
    if side_path.is_file() {
        let s: DocSidecar = sidecar::read(&side_path)?;
        if s.text == super::fingerprint(&brat) {
            side = Some(s);
        } else {
            notes.push(format!(
                "{}: written for another version of {}; ignored",
                side_path.display(),
                files.txt.display()
            ));
        }
    }
    let mut ends = raw_ends;
    if ends.is_empty()
        && let Some(s) = &side
    {
        ends = s.line_ends();
    }
    let text = match ends.restore(&brat) {
        Some(text) => text,
        None => {
            notes.push(format!(
                "{}: its CR positions do not fit the text; ignored",
                side_path.display()
            ));
            ends = LineEnds::default();
            brat.clone()
        }
    };
    let build = Build {
        path: &ann_path,
        stem: &files.stem,
        txt_name: files
            .txt
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        chars: brat.chars().collect(),
        ends: &ends,
        coll,
        side: side.as_ref(),
        options,
        notes,
    };
    Ok((build.document(&lines, text)?, bytes))
}
