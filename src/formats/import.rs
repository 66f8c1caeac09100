//! Dataset import: one `Importer` per format, chosen by name. An importer reads its inputs into a
//! `Batch` of new documents (and, when the format carries one, a schema); `add_to_project` then
//! merges the batch into the project in one step. An importer that meets a bad file returns an
//! error naming file, line and problem before anything is added, so a bad file changes nothing.

use super::export::OffsetUnit;
use super::progress::Progress;
use crate::model::{
    AttrKind, AttributeDef, Cardinality, Document, EventTypeDef, LabelDef, LabelKind, Project, Rgb,
    RoleDef, Schema,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Stamped on every imported annotation, replacing what the file says (`--annotator`).
    pub annotator: Option<String>,
    /// The offset unit of JSON inputs (`--offsets`).
    pub offsets: OffsetUnit,
}

impl ImportOptions {
    /// The annotator for an imported annotation: the stamp if given, else the file's, else
    /// `import`.
    pub fn annotator_for(&self, from_file: Option<&str>) -> String {
        match (&self.annotator, from_file) {
            (Some(name), _) => name.clone(),
            (None, Some(name)) if !name.is_empty() => name.to_string(),
            _ => "import".to_string(),
        }
    }
}

/// What an importer read.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    /// The schema the inputs declare (brat's annotation.conf, a Label Studio config), if any.
    pub schema: Option<Schema>,
    /// Things the user should know that lose nothing (an encoding detected, a file skipped).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("unknown import format `{0}` (known: {known})", known = names().join(", "))]
    UnknownFormat(String),
    #[error("cannot read {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
    /// The file is readable but wrong; `line` is 1-based when the format has lines.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Bad { path: String, line: Option<usize>, message: String },
    #[error("{path}: nothing to import ({what})")]
    Empty { path: String, what: String },
    #[error("import cancelled; the project is unchanged")]
    Cancelled,
}

impl ImportError {
    pub fn io(path: &Path, cause: std::io::Error) -> Self {
        ImportError::Io { path: path.display().to_string(), cause }
    }

    pub fn bad(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        ImportError::Bad { path: path.display().to_string(), line, message: message.into() }
    }
}

pub trait Importer {
    /// The name used on the command line (`--format NAME`).
    fn name(&self) -> &'static str;
    /// One line for menus and `--help`.
    fn describe(&self) -> &'static str;
    /// Reads `inputs` (files, or folders the format knows how to walk). Calls
    /// `progress.advance` with bytes read and returns `Cancelled` when asked to stop.
    fn import(
        &self,
        inputs: &[PathBuf],
        options: &ImportOptions,
        progress: &Progress,
    ) -> Result<Batch, ImportError>;
}

fn all() -> Vec<Box<dyn Importer>> {
    vec![
        Box::new(super::text_import::Txt),
        Box::new(super::jsonl_import::JsonlImport),
        Box::new(super::brat::Brat),
        Box::new(super::conll::ConllImport),
        Box::new(super::doccano::DoccanoImport),
        Box::new(super::label_studio::LabelStudioImport),
    ]
}

/// Names of the formats this build can import.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|e| e.name()).collect()
}

/// (name, description) of every format, for menus.
pub fn formats() -> Vec<(&'static str, &'static str)> {
    all().iter().map(|e| (e.name(), e.describe())).collect()
}

pub fn importer(name: &str) -> Result<Box<dyn Importer>, ImportError> {
    all()
        .into_iter()
        .find(|e| e.name() == name)
        .ok_or_else(|| ImportError::UnknownFormat(name.to_string()))
}

/// Total size of the inputs (files, and the files directly inside folders), for progress.
pub fn input_bytes(inputs: &[PathBuf]) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    inputs
        .iter()
        .map(|p| match std::fs::read_dir(p) {
            Ok(entries) => entries.filter_map(Result::ok).map(|e| size(&e.path())).sum(),
            Err(_) => size(p),
        })
        .sum()
}

/// What `add_to_project` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub documents: usize,
    pub spans: usize,
    pub events: usize,
    pub notes: Vec<String>,
}

/// Adds a batch to the project: documents get ids unique in the project (renamed ones are
/// noted), and the schema grows by what the batch declares or uses and it lacks (noted too).
pub fn add_to_project(project: &mut Project, batch: Batch) -> Added {
    let mut added = Added { notes: batch.notes, ..Default::default() };
    if let Some(schema) = &batch.schema {
        merge_schema(&mut project.schema, schema, &mut added.notes);
    }
    let mut taken: HashSet<String> = project.documents.iter().map(|d| d.meta.id.clone()).collect();
    for mut doc in batch.documents {
        grow_schema_for(&mut project.schema, &doc, &mut added.notes);
        let id = unique_id(&doc.meta.id, &mut taken);
        if id != doc.meta.id {
            added.notes.push(format!(
                "document `{}` is already in the project; imported as `{id}`",
                doc.meta.id
            ));
            let mut meta = doc.meta.clone();
            meta.id = id;
            doc.replace_meta(meta);
        }
        added.documents += 1;
        added.spans += doc.span_count();
        added.events += doc.event_count();
        project.documents.push(Arc::new(doc));
    }
    added
}

/// `base`, or `base-2`, `base-3`... whichever is free.
pub fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "doc" } else { base };
    let mut id = base.to_string();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Colours for labels and types the project did not know, after the built-in ones.
const PALETTE: [[u8; 3]; 8] = [
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
    [0x7f, 0x7f, 0x7f],
    [0xbc, 0xbd, 0x22],
    [0x17, 0xbe, 0xcf],
    [0x94, 0x67, 0xbd],
    [0xd6, 0x27, 0x28],
    [0x2c, 0xa0, 0x2c],
];

fn next_color(schema: &Schema) -> Rgb {
    Rgb(PALETTE[(schema.labels.len() + schema.event_types.len()) % PALETTE.len()])
}

/// Adds the labels, event types, roles and attributes of `from` that `into` lacks.
pub fn merge_schema(into: &mut Schema, from: &Schema, notes: &mut Vec<String>) {
    for label in &from.labels {
        if into.label(&label.name).is_none() {
            notes.push(format!("label `{}` added to the schema", label.name));
            let mut label = label.clone();
            // A hotkey another label already uses would make the key ambiguous.
            if into.labels.iter().any(|l| l.hotkey.is_some() && l.hotkey == label.hotkey) {
                label.hotkey = None;
            }
            into.labels.push(label);
        }
    }
    for ty in &from.event_types {
        match into.event_types.iter_mut().find(|t| t.name == ty.name) {
            None => {
                notes.push(format!("event type `{}` added to the schema", ty.name));
                into.event_types.push(ty.clone());
            }
            Some(have) => {
                for role in &ty.roles {
                    if have.role(&role.name).is_none() {
                        notes.push(format!("role `{}` added to `{}`", role.name, ty.name));
                        have.roles.push(role.clone());
                    }
                }
            }
        }
    }
    for attr in &from.attributes {
        match into.attributes.iter_mut().find(|a| a.name == attr.name) {
            None => {
                notes.push(format!("attribute `{}` added to the schema", attr.name));
                into.attributes.push(attr.clone());
            }
            Some(have) => {
                for owner in &attr.on {
                    if !have.on.contains(owner) {
                        have.on.push(owner.clone());
                    }
                }
                if let (AttrKind::Choice(have), AttrKind::Choice(more)) =
                    (&mut have.kind, &attr.kind)
                {
                    for v in more {
                        if !have.contains(v) {
                            have.push(v.clone());
                        }
                    }
                }
            }
        }
    }
}

/// Adds whatever the document uses that the schema lacks, so nothing imported is "unknown".
fn grow_schema_for(schema: &mut Schema, doc: &Document, notes: &mut Vec<String>) {
    let triggers: HashSet<_> = doc.events().map(|e| e.trigger).collect();
    for span in doc.spans() {
        if schema.label(&span.label).is_none() {
            let kind =
                if triggers.contains(&span.id) { LabelKind::Event } else { LabelKind::Entity };
            let color = next_color(schema);
            schema.labels.push(LabelDef { name: span.label.clone(), color, hotkey: None, kind });
            notes.push(format!("label `{}` added to the schema", span.label));
        }
        for (name, value) in &span.attributes {
            add_attribute(schema, &span.label, name, value, notes);
        }
    }
    for event in doc.events() {
        if schema.event_type(&event.event_type).is_none() {
            let color = next_color(schema);
            let name = event.event_type.clone();
            schema.event_types.push(EventTypeDef { name: name.clone(), color, roles: Vec::new() });
            notes.push(format!("event type `{name}` added to the schema"));
        }
        for arg in &event.arguments {
            let target = doc
                .span(arg.target)
                .map(|s| s.label.clone())
                .or_else(|| doc.event(arg.target).map(|e| e.event_type.clone()));
            let Some(ty) = schema.event_types.iter_mut().find(|t| t.name == event.event_type)
            else {
                continue;
            };
            match ty.roles.iter_mut().find(|r| r.name == arg.role) {
                Some(role) => {
                    if let Some(t) = target
                        && !role.targets.contains(&t)
                        && !role.targets.iter().any(|x| x.starts_with('<'))
                    {
                        role.targets.push(t);
                    }
                }
                None => {
                    notes.push(format!("role `{}` added to `{}`", arg.role, ty.name));
                    ty.roles.push(RoleDef {
                        name: arg.role.clone(),
                        targets: target.into_iter().collect(),
                        cardinality: Cardinality::ANY,
                        hotkey: None,
                    });
                }
            }
        }
        for (name, value) in &event.attributes {
            add_attribute(schema, &event.event_type, name, value, notes);
        }
    }
}

fn add_attribute(
    schema: &mut Schema,
    owner: &str,
    name: &str,
    value: &str,
    notes: &mut Vec<String>,
) {
    match schema.attributes.iter_mut().find(|a| a.name == name) {
        None => {
            notes.push(format!("attribute `{name}` added to the schema"));
            schema.attributes.push(AttributeDef {
                name: name.to_string(),
                on: vec![owner.to_string()],
                kind: AttrKind::Text,
            });
        }
        Some(attr) => {
            if !attr.on.iter().any(|o| o == owner) {
                attr.on.push(owner.to_string());
            }
            if let AttrKind::Choice(values) = &mut attr.kind
                && !values.iter().any(|v| v == value)
            {
                values.push(value.to_string());
                notes.push(format!("value `{value}` added to attribute `{name}`"));
            }
        }
    }
}

/// Imports `inputs` as `format` into `project`. On error the project is untouched.
pub fn run(
    project: &mut Project,
    format: &str,
    inputs: &[PathBuf],
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Added, ImportError> {
    let importer = importer(format)?;
    progress.set_total(input_bytes(inputs));
    let batch = importer.import(inputs, options, progress)?;
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    Ok(add_to_project(project, batch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnId, Argument, DocMeta, Event, Span};

    fn doc(id: &str) -> Result<Document, Box<dyn std::error::Error>> {
        let meta = DocMeta { id: id.into(), ..Default::default() };
        let spans =
            vec![Span::new(AnnId(1), 0, 5, "Person", "a"), Span::new(AnnId(2), 6, 10, "Said", "a")];
        let mut event = Event::new(AnnId(3), AnnId(2), "Quote", "a");
        event.arguments.push(Argument { role: "Speaker".into(), target: AnnId(1) });
        Document::from_annotations(meta, "Ivan said so", spans, vec![event])
            .map_err(|p| format!("{p:?}").into())
    }

    #[test]
    fn unknown_names_grow_the_schema_and_ids_stay_unique() -> Result<(), Box<dyn std::error::Error>>
    {
        let mut p = Project::new("p");
        let batch = Batch { documents: vec![doc("d")?, doc("d")?], ..Default::default() };
        let added = add_to_project(&mut p, batch);
        assert_eq!((added.documents, added.spans, added.events), (2, 4, 2));
        let ids: Vec<&str> = p.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(ids, ["d", "d-2"]);
        assert_eq!(p.schema.label("Person").map(|l| l.kind), Some(LabelKind::Entity));
        assert_eq!(p.schema.label("Said").map(|l| l.kind), Some(LabelKind::Event));
        let quote = p.schema.event_type("Quote").ok_or("no Quote")?;
        assert_eq!(quote.role("Speaker").map(|r| r.targets.clone()), Some(vec!["Person".into()]));
        assert!(added.notes.iter().any(|n| n.contains("imported as `d-2`")), "{:?}", added.notes);
        let problems = crate::model::validate::check_project(&p);
        assert!(problems.is_empty(), "{problems:?}");
        Ok(())
    }

    #[test]
    fn the_stamp_wins_over_the_file() {
        let stamp = ImportOptions { annotator: Some("Олена".into()), ..Default::default() };
        assert_eq!(stamp.annotator_for(Some("bob")), "Олена");
        assert_eq!(ImportOptions::default().annotator_for(Some("bob")), "bob");
        assert_eq!(ImportOptions::default().annotator_for(Some("")), "import");
    }
}
