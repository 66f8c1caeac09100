//! CoNLL export. Words are spaCy's tokens (see `formats/tokens`) split at whitespace, so no
//! column ever holds a space or a no-break space; whitespace tokens are left out. Spans off
//! token boundaries, overlaps the policy drops and every event are reported.

use super::DOCSTART;
use crate::formats::export::{ExportError, ExportJob, ExportReport, Exporter};
use crate::formats::staging::Staging;
use crate::formats::tokens::{
    self, Walked, for_each_tagged_sentence, labels_only_note, refuse_overlaps,
};
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::Path;

pub struct Conll;

/// The tag as written: whitespace in a label would split the column, so it becomes `_`.
pub(crate) fn tag_text(tag: Option<(char, &str)>, renamed: &mut BTreeSet<String>) -> String {
    match tag {
        None => "O".to_string(),
        Some((prefix, label)) => {
            let safe: String =
                label.chars().map(|c| if tokens::is_space(c) { '_' } else { c }).collect();
            if safe != label {
                renamed.insert(format!("`{label}` is written `{safe}`"));
            }
            format!("{prefix}-{safe}")
        }
    }
}

/// Writes what `tag_text` makes of `tag` without a `String` per word: the prefix and the label
/// as they are, unless the label holds whitespace (rare), which goes through `tag_text`.
pub(crate) fn write_tag(
    w: &mut impl Write,
    tag: Option<(char, &str)>,
    renamed: &mut BTreeSet<String>,
) -> io::Result<()> {
    match tag {
        None => w.write_all(b"O"),
        Some((prefix, label)) if !label.contains(tokens::is_space) => {
            w.write_all(prefix.encode_utf8(&mut [0; 4]).as_bytes())?;
            w.write_all(b"-")?;
            w.write_all(label.as_bytes())
        }
        tag => w.write_all(tag_text(tag, renamed).as_bytes()),
    }
}

impl Exporter for Conll {
    fn name(&self) -> &'static str {
        "conll"
    }

    fn describe(&self) -> &'static str {
        "CoNLL IOB2: a word and its tag per line, sentences and documents separated (spans only)"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        let mut clashes = Vec::new();
        let mut renamed = BTreeSet::new();
        let written = staging.file(out, |w| {
            for_each_tagged_sentence(job, "conll", report, &mut clashes, |walked| match walked {
                Walked::Document => writeln!(w, "{DOCSTART}\n"),
                Walked::Sentence(_, _, words) => {
                    for word in words {
                        w.write_all(word.text.as_bytes())?;
                        w.write_all(b" ")?;
                        write_tag(w, word.tag, &mut renamed)?;
                        w.write_all(b"\n")?;
                    }
                    w.write_all(b"\n")
                }
            })
        });
        job.finish(out, written)?;
        refuse_overlaps(clashes)?;
        report
            .notes
            .extend(renamed.into_iter().map(|r| format!("label {r} (no spaces in columns)")));
        report.notes.extend(labels_only_note("conll", &job.docs));
        Ok(())
    }
}
