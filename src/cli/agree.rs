//! `acta agree`: agreement between the annotators of a project, as tables (per annotator pair,
//! per label or per document) or one JSON object with every number.

use super::table::{cell, table};
use super::{OK, open, print};
use crate::review::agreement::{Agreement, Counts, agreement};
use std::path::Path;

/// How the span table is broken down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    #[default]
    AnnotatorPair,
    Label,
    Document,
}

fn num(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |x| format!("{x:.4}"))
}

fn prf(c: &Counts) -> [String; 4] {
    [c.matched.to_string(), num(c.precision()), num(c.recall()), num(c.f1())]
}

pub fn agree(path: &Path, json: bool, by: By) -> anyhow::Result<u8> {
    let project = open(path)?;
    let report = agreement(&project);
    if json {
        print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        return Ok(OK);
    }
    print(&text(&report, by))?;
    Ok(OK)
}

fn text(r: &Agreement, by: By) -> String {
    let mut out = format!("{}\n", r.headline());
    if r.pairs.is_empty() {
        out.push_str("agreement needs at least two annotators on the same documents\n");
        return out;
    }
    out.push('\n');
    let right = [false, false, true, true, true, true, true, true, true, true, true];
    match by {
        By::AnnotatorPair => {
            let header = [
                "A",
                "B",
                "exact",
                "P",
                "R",
                "F1",
                "overlap F1",
                "token κ",
                "κ (not O)",
                "trigger F1",
                "argument F1",
            ];
            let rows = r.pairs.iter().map(|p| {
                let [m, pr, re, f1] = prf(&p.exact);
                vec![
                    cell(&p.a),
                    cell(&p.b),
                    m,
                    pr,
                    re,
                    f1,
                    num(p.overlap.f1()),
                    num(p.token_kappa),
                    num(p.token_kappa_without_o),
                    num(p.triggers.f1()),
                    num(p.arguments.f1()),
                ]
            });
            out.push_str(&table(&header, &right, rows.collect()));
        }
        By::Label | By::Document => {
            let what = if by == By::Label { "label" } else { "document" };
            // Exact matches, then overlapping ones, each with its precision, recall and F1.
            let header =
                ["A", "B", what, "A's", "B's", "exact", "P", "R", "F1", "overlap", "P", "R", "F1"];
            let mut rows = Vec::new();
            for p in &r.pairs {
                let (exact, overlap) = if by == By::Label {
                    (&p.exact_by_label, &p.overlap_by_label)
                } else {
                    (&p.exact_by_document, &p.overlap_by_document)
                };
                for (name, c) in exact {
                    let (a, b) = (c.a.to_string(), c.b.to_string());
                    let mut row = vec![cell(&p.a), cell(&p.b), cell(name), a, b];
                    row.extend(prf(c));
                    row.extend(prf(&overlap.get(name).copied().unwrap_or_default()));
                    rows.push(row);
                }
            }
            let mut right = vec![false, false, false];
            right.resize(header.len(), true);
            out.push_str(&table(&header, &right, rows));
        }
    }
    out.push_str(&format!(
        "\nall annotators, every token:    Fleiss κ {}, Krippendorff α {}\n\
         all annotators, tokens not O:   Fleiss κ {}, Krippendorff α {}\n",
        num(r.fleiss_kappa),
        num(r.krippendorff_alpha),
        num(r.fleiss_kappa_without_o),
        num(r.krippendorff_alpha_without_o)
    ));
    out
}
