//! spaCy: Prodigy-style JSON Lines (`prodigy.rs`: text, tokens, spans, relations for events)
//! by default, or with `--v2-json` spaCy v2's JSON training format (`v2.rs`: raw text and
//! BILUO tags) for `spacy convert -c json`. Tokens agree with `spacy.blank(lang)`.

mod prodigy;
mod v2;

use super::export::{ExportError, ExportJob, ExportReport, Exporter};
use super::staging::Staging;
use std::path::Path;

pub struct Spacy;

impl Exporter for Spacy {
    fn name(&self) -> &'static str {
        "spacy"
    }

    fn describe(&self) -> &'static str {
        "spaCy/Prodigy JSONL (tokens, spans, events as relations); --v2-json: spaCy v2 JSON"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        if job.options.v2_json {
            v2::export(job, out, staging, report)
        } else {
            prodigy::export(job, out, staging, report)
        }
    }
}

#[cfg(test)]
mod tests;
