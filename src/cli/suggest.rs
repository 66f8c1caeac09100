//! `acta suggest`: the suggestions for every document (dates; actors, with a gazetteer if given)
//! as a table or JSON lines, read-only: the project file is opened and never written.

use super::table::{cell, table};
use super::{OK, open, print};
use crate::assist::{self, Kind, Source};
use serde::Serialize;
use std::path::PathBuf;

/// The kinds `--kind` takes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestKind {
    /// Date expressions with their normalised value (Russian, Ukrainian, English rules).
    Dates,
    /// Actors: what is tagged, found again in any case form, and the gazetteer's entries.
    Actors,
}

impl From<SuggestKind> for Kind {
    fn from(k: SuggestKind) -> Self {
        match k {
            SuggestKind::Dates => Kind::Dates,
            SuggestKind::Actors => Kind::Actors,
        }
    }
}

/// `acta suggest` options.
#[derive(clap::Args, Debug)]
pub struct SuggestArgs {
    /// The project file (.ron); it is not changed.
    pub project: PathBuf,
    /// Only this kind of suggestion (default: all kinds).
    #[arg(long, value_enum)]
    pub kind: Option<SuggestKind>,
    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub json: bool,
    /// A gazetteer for actors: CSV rows `surface,canonical[,kind]`.
    #[arg(long, value_name = "FILE.csv")]
    pub gazetteer: Option<PathBuf>,
}

/// One line of `--json`.
#[derive(Serialize)]
struct Line<'a> {
    document: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    label: &'a str,
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    attributes: &'a std::collections::BTreeMap<String, String>,
    source: &'a Source,
}

pub(super) fn suggest(args: SuggestArgs) -> anyhow::Result<u8> {
    let project = open(&args.project)?;
    let gazetteer = match &args.gazetteer {
        Some(path) => Some(assist::actors::read_gazetteer(path)?),
        None => None,
    };
    let kinds: Vec<Kind> = match args.kind {
        Some(k) => vec![k.into()],
        None => Kind::ALL.to_vec(),
    };
    let mut out = String::new();
    let mut rows = Vec::new();
    for (i, doc) in project.documents.iter().enumerate() {
        for s in assist::suggest_with(&project, i, &kinds, gazetteer.as_ref()) {
            let line = Line {
                document: &doc.meta.id,
                start: s.start,
                end: s.end,
                text: &s.text,
                label: &s.label,
                value: s.value.as_deref(),
                attributes: &s.attributes,
                source: &s.source,
            };
            if args.json {
                out.push_str(&serde_json::to_string(&line)?);
                out.push('\n');
            } else {
                rows.push(vec![
                    cell(line.document),
                    s.start.to_string(),
                    s.end.to_string(),
                    cell(line.text),
                    cell(line.label),
                    cell(line.value.unwrap_or("")),
                    cell(&s.source.to_string()),
                ]);
            }
        }
    }
    if !args.json {
        let count = rows.len();
        let header = ["document", "start", "end", "text", "label", "value", "source"];
        let right = [false, true, true, false, false, false, false];
        out = table(&header, &right, rows);
        out.push_str(&format!("{count} suggestion(s)\n"));
    }
    print(&out)?;
    Ok(OK)
}
