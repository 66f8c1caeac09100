//! `acta adjudicate`: where a project's annotators' layers agree, differ or are settled in gold,
//! per document (a table, or JSON listing every open disagreement), and `--accept` to copy every
//! place enough annotators agree on into the gold layer, as review mode's bulk accept does.

use super::table::{cell, table};
use super::{OK, eprint_lines, open, print, same_file};
use crate::model::{Document, Project};
use crate::review::adjudicate::{self, Item, Kind, Resolution};
use anyhow::Context;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many annotators a proposal needs to be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Accept {
    /// Every layer of the document made it.
    Agreed,
    /// At least --min-votes layers (default: more than half) made it, and no other proposal did.
    Majority,
}

/// `acta adjudicate` options.
#[derive(clap::Args, Debug)]
pub struct AdjudicateArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// Copy the places with enough votes into the gold layer and save (without it: a report).
    #[arg(long, value_enum)]
    pub accept: Option<Accept>,
    /// With `--accept majority`: the votes a proposal needs (default: more than half the
    /// document's layers, at least 2).
    #[arg(long, value_name = "N", requires = "accept", value_parser = at_least_one())]
    pub min_votes: Option<usize>,
    /// With --accept: write the result here instead of over PROJECT.
    #[arg(long, value_name = "OUT", requires = "accept")]
    pub out: Option<PathBuf>,
    /// The report as one JSON object, with every open disagreement.
    #[arg(long, conflicts_with = "accept")]
    pub json: bool,
}

fn at_least_one() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(1..)
}

pub fn adjudicate(args: AdjudicateArgs) -> anyhow::Result<u8> {
    match args.accept {
        None => report(&args.project, args.json),
        Some(how) => {
            if how == Accept::Agreed && args.min_votes.is_some() {
                anyhow::bail!("--min-votes goes with --accept majority");
            }
            let out = args.out.as_deref().unwrap_or(&args.project);
            accept(&args.project, out, how, args.min_votes)
        }
    }
}

/// Votes for a majority of `layers`: more than half, and never a single annotator's word.
fn majority(layers: usize) -> usize {
    (layers / 2 + 1).max(2)
}

/// A document with one layer (or none) has nobody to agree or disagree with.
fn adjudicable(layers: &[String]) -> bool {
    layers.len() >= 2
}

// --- report ------------------------------------------------------------------------------------

#[derive(Debug, Default, Serialize)]
struct Counts {
    places: usize,
    agreed: usize,
    open: usize,
    gold: usize,
    rejected: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.places += o.places;
        self.agreed += o.agreed;
        self.open += o.open;
        self.gold += o.gold;
        self.rejected += o.rejected;
    }
}

#[derive(Debug, Serialize)]
struct DocReport {
    id: String,
    layers: usize,
    #[serde(flatten)]
    counts: Counts,
    review: &'static str,
    disagreements: Vec<Disagreement>,
}

#[derive(Debug, Serialize)]
struct Disagreement {
    kind: &'static str,
    start: usize,
    end: usize,
    text: String,
    difference: &'static str,
    /// Layers with nothing here.
    missing: Vec<String>,
    proposals: Vec<Proposal>,
}

#[derive(Debug, Serialize)]
struct Proposal {
    /// The span's label or the event's type.
    label: String,
    start: usize,
    end: usize,
    annotators: Vec<String>,
    /// Shown because proposals may differ in nothing else.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, String>,
    /// Events: `role: label start-end`, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    arguments: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Report {
    documents: Vec<DocReport>,
    total: Counts,
}

fn doc_report(doc: &Document) -> DocReport {
    let layers = adjudicate::layers(doc);
    let items = if adjudicable(&layers) { adjudicate::items(doc) } else { Vec::new() };
    let s = adjudicate::summary(&items);
    let rejected = items.iter().filter(|i| i.resolution == Resolution::Rejected).count();
    DocReport {
        id: doc.meta.id.clone(),
        layers: layers.len(),
        counts: Counts {
            places: s.places,
            agreed: s.agreed,
            open: s.open,
            gold: s.settled - rejected,
            rejected,
        },
        review: doc.meta.review.label(),
        disagreements: items
            .iter()
            .filter(|i| i.is_open_disagreement())
            .map(|i| disagreement(doc, i))
            .collect(),
    }
}

fn disagreement(doc: &Document, item: &Item) -> Disagreement {
    let proposals = item.versions.iter().map(|v| {
        let mut annotators: Vec<String> = v.by.iter().map(|(a, _)| a.clone()).collect();
        annotators.dedup();
        Proposal {
            label: v.label.clone(),
            start: v.start,
            end: v.end,
            annotators,
            attributes: v.attributes.clone(),
            arguments: v
                .arguments
                .iter()
                .map(|a| format!("{}: {} {}-{}", a.role, a.label, a.start, a.end))
                .collect(),
        }
    });
    Disagreement {
        kind: if item.kind == Kind::Span { "span" } else { "event" },
        start: item.start,
        end: item.end,
        text: doc.slice(item.start, item.end).to_string(),
        difference: item.difference.describe(),
        missing: item.missing.clone(),
        proposals: proposals.collect(),
    }
}

fn report(path: &Path, json: bool) -> anyhow::Result<u8> {
    let project = open(path)?;
    let documents: Vec<DocReport> = project.documents.iter().map(|d| doc_report(d)).collect();
    let mut total = Counts::default();
    documents.iter().for_each(|d| total.add(&d.counts));
    let report = Report { documents, total };
    if json {
        print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        print(&text(&report))?;
    }
    Ok(OK)
}

fn text(r: &Report) -> String {
    let header = ["document", "layers", "places", "agreed", "open", "gold", "rejected", "review"];
    let right = [false, true, true, true, true, true, true, false];
    let row = |name: String, layers: String, c: &Counts, review: &str| {
        let n = [c.places, c.agreed, c.open, c.gold, c.rejected].map(|n| n.to_string());
        [vec![name, layers], n.to_vec(), vec![review.to_string()]].concat()
    };
    let mut rows: Vec<Vec<String>> = r
        .documents
        .iter()
        .map(|d| row(cell(&d.id), d.layers.to_string(), &d.counts, d.review))
        .collect();
    let docs = r.documents.len();
    rows.push(row(format!("total ({docs} documents)"), String::new(), &r.total, ""));
    let mut out = table(&header, &right, rows);
    let alone: Vec<&str> =
        r.documents.iter().filter(|d| d.layers < 2).map(|d| d.id.as_str()).collect();
    if !alone.is_empty() {
        let more = if alone.len() > 5 { ", …" } else { "" };
        out.push_str(&format!(
            "nothing to adjudicate in {} document(s) with fewer than two layers: {}{more}\n",
            alone.len(),
            alone[..alone.len().min(5)].join(", ")
        ));
    }
    if r.total.open > 0 {
        out.push_str(&format!(
            "{} open disagreement(s): --json lists them; settle them in review mode (Ctrl+R)\n",
            r.total.open
        ));
    }
    out
}

// --- accept ------------------------------------------------------------------------------------

/// Accepts into gold in every document, applies it all, and writes `out` when anything changed.
fn accept(path: &Path, out: &Path, how: Accept, min_votes: Option<usize>) -> anyhow::Result<u8> {
    let mut project = open(path)?;
    let mut lines = Vec::new();
    let mut edits = Vec::new();
    let mut total = 0;
    for (d, doc) in project.documents.iter().enumerate() {
        let layers = adjudicate::layers(doc);
        let id = &doc.meta.id;
        if !adjudicable(&layers) {
            lines.push(format!("{id}: {} layer(s), nothing to adjudicate", layers.len()));
            continue;
        }
        let votes = match how {
            Accept::Agreed => layers.len(),
            Accept::Majority => min_votes.unwrap_or_else(|| majority(layers.len())),
        };
        let (edit, n) = adjudicate::accept(doc, d, &adjudicate::items(doc), votes, "acta");
        let of = layers.len();
        lines.push(format!(
            "{id}: accepted {n} place(s) (at least {votes} of {of} layers agreeing)"
        ));
        edits.extend(edit);
        total += n;
    }
    if edits.is_empty() {
        lines.push(format!("nothing accepted; {} not written", out.display()));
        eprint_lines(&lines.join("\n"));
        return Ok(OK);
    }
    apply(&mut project, edits)?;
    let over = out == path || same_file(out, path);
    crate::cli::save_over(&project, out)?;
    let how = if over { "saved over" } else { "wrote" };
    lines.push(format!(
        "accepted {total} place(s) into the gold layer; {how} {} (atomically)",
        out.display()
    ));
    eprint_lines(&lines.join("\n"));
    Ok(OK)
}

/// Edits planned on the unchanged project: each names its own document, so order is free.
fn apply(project: &mut Project, edits: Vec<crate::model::Edit>) -> anyhow::Result<()> {
    for edit in edits {
        edit.apply(project).context("cannot apply the accepted places; nothing written")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{doc_report, majority};
    use crate::model::{AnnId, Argument, DocMeta, Document, Edit, Event, Project, Span};
    use std::sync::Arc;

    /// Events that differ only in their arguments list them, or the two proposals would read
    /// the same.
    #[test]
    fn event_proposals_show_their_arguments() -> Result<(), Box<dyn std::error::Error>> {
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d".into(), ..Default::default() };
        p.documents.push(Arc::new(Document::new(meta, "Путин заявил")));
        for (n, who) in [(0, "anna"), (10, "boris")] {
            let span = |id, s, e, label| Span::new(AnnId(n + id), s, e, label, who);
            Edit::AddSpan { doc: 0, span: span(1, 0, 5, "Actor") }.apply(&mut p)?;
            Edit::AddSpan { doc: 0, span: span(2, 6, 12, "Event") }.apply(&mut p)?;
            let mut event = Event::new(AnnId(n + 3), AnnId(n + 2), "Statement", who);
            if who == "anna" {
                event.arguments.push(Argument { role: "Agent".into(), target: AnnId(n + 1) });
            }
            Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
        }
        let r = doc_report(&p.documents[0]);
        assert_eq!((r.layers, r.counts.places, r.counts.agreed, r.counts.open), (2, 3, 2, 1));
        let [d] = &r.disagreements[..] else { panic!("{:?}", r.disagreements) };
        assert_eq!(
            (d.kind, d.text.as_str(), d.difference),
            ("event", "заявил", "arguments differ")
        );
        let args: Vec<(String, Vec<String>)> =
            d.proposals.iter().map(|p| (p.annotators.join(","), p.arguments.clone())).collect();
        let want = [("boris", vec![]), ("anna", vec!["Agent: Actor 0-5".to_string()])];
        assert_eq!(args, want.map(|(a, v)| (a.to_string(), v)));
        Ok(())
    }

    #[test]
    fn a_majority_is_more_than_half_and_at_least_two() {
        let got: Vec<usize> = (0..=6).map(majority).collect();
        assert_eq!(got, [2, 2, 2, 2, 3, 3, 4]);
    }
}
