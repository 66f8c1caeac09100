//! spaCy v2 JSON: `[{"id","paragraphs":[{"raw","sentences":[{"tokens":[{"id","orth","space",
//! "ner"}]}]}]}]`, one paragraph per document, every token with its `space` flag so `spacy convert
//! -c json` rebuilds the exact text; BILUO tags (IOB there silently gives no entities).

use crate::formats::export::{ExportError, ExportJob, ExportReport};
use crate::formats::staging::Staging;
use crate::formats::tokens::{biluo, events_left_out, labels_only_note, prepare, refuse_overlaps};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Doc<'a> {
    id: usize,
    paragraphs: [Paragraph<'a>; 1],
}

#[derive(Serialize)]
struct Paragraph<'a> {
    raw: &'a str,
    sentences: Vec<Sentence<'a>>,
}

#[derive(Serialize)]
struct Sentence<'a> {
    tokens: Vec<TokenOut<'a>>,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    id: usize,
    orth: &'a str,
    space: bool,
    ner: String,
}

pub(super) fn export(
    job: &ExportJob,
    out: &Path,
    staging: &mut Staging,
    report: &mut ExportReport,
) -> Result<(), ExportError> {
    let mut clashes = Vec::new();
    let written = staging.file(out, |w| {
        w.write_all(b"[")?;
        for (n, view) in job.docs.iter().enumerate() {
            let doc = prepare(view, Some(job.options.overlap), report, &mut clashes);
            events_left_out(view, "spaCy v2 JSON", report);
            let tags = biluo(&doc);
            let text = view.text();
            let sentences = doc
                .sentences
                .iter()
                .map(|s| Sentence {
                    tokens: s
                        .clone()
                        .map(|i| TokenOut {
                            id: i,
                            orth: doc.tokens[i].text(text),
                            space: doc.tokens[i].ws,
                            ner: match tags[i] {
                                None => "O".to_string(),
                                Some((p, label)) => format!("{p}-{label}"),
                            },
                        })
                        .collect(),
                })
                .collect();
            let entry = Doc { id: n, paragraphs: [Paragraph { raw: text, sentences }] };
            w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *w, &entry)?;
            report.documents += 1;
            report.spans += doc.spans.len();
            job.step_io(view)?;
        }
        w.write_all(b"\n]\n")
    });
    job.finish(out, written)?;
    refuse_overlaps(clashes)?;
    report.notes.extend(labels_only_note("spaCy v2 JSON", &job.docs));
    Ok(())
}
