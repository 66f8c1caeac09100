//! Hugging Face token classification: JSONL `{"id","tokens","ner_tags"}`, one record per sentence
//! (models take a few hundred tokens at most; CoNLL-2003 and kin are per sentence), tags indexing
//! `OUT.labels.json` written beside. Words and IOB2 tags are CoNLL's.

use super::export::{ExportError, ExportJob, ExportReport, Exporter};
use super::staging::Staging;
use super::tokens::{Walked, for_each_tagged_sentence, labels_only_note, refuse_overlaps};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Hf;

#[derive(Serialize)]
struct Record<'a> {
    id: String,
    tokens: Vec<&'a str>,
    ner_tags: Vec<usize>,
}

/// `out` with `.labels.json` for its extension: `train.jsonl` → `train.labels.json`.
pub fn labels_path(out: &Path) -> PathBuf {
    out.with_extension("labels.json")
}

/// `O`, then `B-` and `I-` of every schema label in schema order, then those of labels the
/// documents use that the schema lacks, in order of first use. Schema labels are listed even
/// when unused, so the indices stay the same from one export to the next.
fn label_list(job: &ExportJob) -> Vec<String> {
    let mut labels: Vec<&str> = job.schema.labels.iter().map(|l| l.name.as_str()).collect();
    for span in job.docs.iter().flat_map(|v| v.spans.iter()) {
        if !labels.contains(&span.label.as_str()) {
            labels.push(&span.label);
        }
    }
    let mut out = vec!["O".to_string()];
    for label in labels {
        out.push(format!("B-{label}"));
        out.push(format!("I-{label}"));
    }
    out
}

impl Exporter for Hf {
    fn name(&self) -> &'static str {
        "hf"
    }

    fn describe(&self) -> &'static str {
        "Hugging Face token classification JSONL, one sentence per line, with its label list"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        let names = label_list(job);
        // Keyed by (prefix, label) as the words carry them, so no name is formatted per word.
        let index: HashMap<(char, &str), usize> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let (prefix, label) = n.split_once('-')?;
                let mut chars = prefix.chars();
                Some(((chars.next()?, label), i)).filter(|_| chars.next().is_none())
            })
            .collect();
        let mut clashes = Vec::new();
        let tag = |t: Option<(char, &str)>| match t {
            None => 0,
            Some(key) => index.get(&key).copied().unwrap_or(0),
        };
        let written = staging.file(out, |w| {
            for_each_tagged_sentence(job, "hf", report, &mut clashes, |walked| {
                let Walked::Sentence(view, n, words) = walked else { return Ok(()) };
                let record = Record {
                    id: format!("{}:{n}", view.id()),
                    tokens: words.iter().map(|w| w.text).collect(),
                    ner_tags: words.iter().map(|w| tag(w.tag)).collect(),
                };
                serde_json::to_writer(&mut *w, &record)?;
                w.write_all(b"\n")
            })
        });
        job.finish(out, written)?;
        refuse_overlaps(clashes)?;
        let labels = labels_path(out);
        let written = staging.file(&labels, |w| {
            serde_json::to_writer_pretty(&mut *w, &names)?;
            w.write_all(b"\n")
        });
        job.finish(&labels, written)?;
        report.notes.push(format!("label list (ner_tags index into it): {}", labels.display()));
        report.notes.extend(labels_only_note("hf", &job.docs));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::conll::tests::small;
    use crate::formats::export::{ExportOptions, run};
    use crate::formats::progress::Progress;

    #[test]
    fn one_record_per_sentence_and_the_label_list_beside() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("train.jsonl");
        let report = run(&small()?, "hf", &ExportOptions::default(), &out, &Progress::default())?;
        assert_eq!(report.files, [out.clone(), dir.path().join("train.labels.json")]);
        let labels: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("train.labels.json"))?)?;
        assert_eq!(labels[..3], ["O", "B-Actor", "I-Actor"], "schema order, O first");
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)?
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            serde_json::json!({"id": "d1:0", "tokens": ["Южная", "Осетия", "признала", "ЛНР", "."],
                "ner_tags": [1, 2, 5, 1, 0]})
        );
        assert_eq!(lines[1]["id"], "d1:1");
        assert_eq!(report.skipped.len(), 3, "the same as conll: cut span, overlap, event");
        Ok(())
    }

    #[test]
    fn tags_index_the_names_of_labels_with_hyphens() -> Result<(), Box<dyn std::error::Error>> {
        use crate::model::{AnnId, DocMeta, Document, Edit, Project, Span};
        let mut p = Project::new("t");
        let meta = DocMeta { id: "d".into(), lang: "ru".into(), ..Default::default() };
        p.documents.push(std::sync::Arc::new(Document::new(meta, "Южная Осетия признала ЛНР")));
        for (id, s, e, label) in [(1, 0, 12, "Named-Entity"), (2, 22, 25, "B-I")] {
            Edit::AddSpan { doc: 0, span: Span::new(AnnId(id), s, e, label, "a") }.apply(&mut p)?;
        }
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("t.jsonl");
        run(&p, "hf", &ExportOptions::default(), &out, &Progress::default())?;
        let labels: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("t.labels.json"))?)?;
        let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
        let tags: Vec<&str> = record["ner_tags"]
            .as_array()
            .ok_or("no tags")?
            .iter()
            .filter_map(|t| labels.get(t.as_u64()? as usize).map(String::as_str))
            .collect();
        assert_eq!(tags, ["B-Named-Entity", "I-Named-Entity", "O", "B-B-I"]);
        Ok(())
    }
}
