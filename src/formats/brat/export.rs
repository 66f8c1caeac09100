//! brat export: per document an LF-only `ID.txt`, `ID.ann` (T, E, A and AnnotatorNotes lines)
//! and the sidecar `ID.acta.json`; then `annotation.conf` and `visual.conf` (see `declare.rs`),
//! which declare the schema plus whatever the data uses, so brat's own checks accept every line.

use super::declare::Ctx;
use super::sidecar::{self, DocSidecar, EventExtra, SpanExtra};
use super::{Brat, DOC_SIDECAR_SUFFIX, LineEnds, SCHEMA_SIDECAR};
use crate::formats::export::{DocView, ExportError, ExportJob, ExportReport, Exporter, OffsetUnit};
use crate::formats::staging::Staging;
use crate::model::AnnId;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

impl Exporter for Brat {
    fn name(&self) -> &'static str {
        "brat"
    }

    fn describe(&self) -> &'static str {
        "brat standoff: a folder of ID.txt + ID.ann with annotation.conf and visual.conf \
         (ID.acta.json sidecars keep what brat cannot)"
    }

    fn export(
        &self,
        job: &ExportJob,
        out: &Path,
        staging: &mut Staging,
        report: &mut ExportReport,
    ) -> Result<(), ExportError> {
        let io = |e| ExportError::io(out, e);
        staging.dir(out).map_err(io)?;
        if job.options.offsets != OffsetUnit::Codepoints {
            report.notes.push("brat counts code points; --offsets does not apply".into());
        }
        let mut ctx = Ctx::new(job.schema, &job.docs);
        // brat finds documents by file name; the sidecar of the schema takes `annotation`.
        let mut stems: HashSet<String> = HashSet::from(["annotation".to_string()]);
        for view in &job.docs {
            let stem = file_stem(view.id(), &mut stems);
            if stem != view.id() {
                report.notes.push(format!("document `{}` is written as {stem}.txt", view.id()));
            }
            let files = ctx.document(view, report)?;
            for (ext, bytes) in [
                (".txt", files.txt.as_bytes()),
                (".ann", files.ann.as_bytes()),
                (DOC_SIDECAR_SUFFIX, &files.sidecar),
            ] {
                let path = out.join(format!("{stem}{ext}"));
                staging
                    .file(&path, |w| w.write_all(bytes))
                    .map_err(|e| ExportError::io(&path, e))?;
            }
            report.documents += 1;
            job.step(view)?;
        }
        ctx.notes(report);
        let (annotation, visual, schema_sidecar) = ctx.finish(report)?;
        for (name, bytes) in [
            ("annotation.conf", annotation.into_bytes()),
            ("visual.conf", visual.into_bytes()),
            (SCHEMA_SIDECAR, schema_sidecar),
        ] {
            let path = out.join(name);
            staging.file(&path, |w| w.write_all(&bytes)).map_err(|e| ExportError::io(&path, e))?;
        }
        stale_files(out, staging, report);
        Ok(())
    }
}

/// brat reads every document in a folder: say so when an earlier export left others there
/// (they are not deleted; they are the user's).
fn stale_files(out: &Path, staging: &Staging, report: &mut ExportReport) {
    let written: HashSet<&Path> = staging.targets().collect();
    let Ok(entries) = std::fs::read_dir(out) else { return };
    let mut stale: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !written.contains(p.as_path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann" || x == "txt"))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    if !stale.is_empty() {
        stale.sort();
        report.notes.push(format!(
            "{} also holds {} brat file(s) this export did not write ({}); brat and `acta import` \
             read them too",
            out.display(),
            stale.len(),
            stale.join(", ")
        ));
    }
}

/// A file name for a document id: no path separators or characters Windows refuses, unique
/// even on case-insensitive file systems.
fn file_stem(id: &str, taken: &mut HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c })
        .collect();
    if stem.starts_with('.') || stem.ends_with(['.', ' ']) {
        stem = format!("_{}_", stem.trim_matches(['.', ' ']));
    }
    if stem.is_empty() {
        stem = "doc".into();
    }
    let mut name = stem.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    name
}

/// brat's own way (annotator.py) with a span over line breaks or tabs: one fragment per piece
/// between them, trimmed of white space. `None` when nothing visible is left.
pub(crate) fn fragments(text: &[char], start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
    if start >= end {
        return None;
    }
    if !text[start..end].iter().any(|&c| c == '\n' || c == '\t') {
        return Some(vec![(start, end)]);
    }
    let mut out = Vec::new();
    let mut seg = start;
    for i in start..=end {
        if i == end || text[i] == '\n' || text[i] == '\t' {
            let (mut s, mut e) = (seg, i);
            while s < e && text[s].is_whitespace() {
                s += 1;
            }
            while e > s && text[e - 1].is_whitespace() {
                e -= 1;
            }
            if s < e {
                out.push((s, e));
            }
            seg = i + 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// An attribute value as annotation.conf can list it: no white space, `,`, `|` or brackets.
pub(crate) fn conf_value(value: &str) -> String {
    let v: String = value
        .chars()
        .map(|c| if c.is_whitespace() || matches!(c, ',' | '|' | '<' | '>') { '_' } else { c })
        .collect();
    if v.is_empty() { "_".into() } else { v }
}

struct DocFiles {
    txt: String,
    ann: String,
    sidecar: Vec<u8>,
}

/// One document's `.ann` lines and sidecar, as they are written.
#[derive(Default)]
struct DocOut {
    side: DocSidecar,
    t: String,
    e: String,
    a: String,
    n: String,
    /// The `T` of each written span (the first, for a trigger of several event types) and its
    /// brat type; the `E` of each written event and its type.
    spans: HashMap<AnnId, (String, String)>,
    events: HashMap<AnnId, (String, String)>,
    /// The first event written on each trigger span: (its `E`, its brat type, its Acta id).
    first_event: HashMap<AnnId, (String, String, AnnId)>,
    n_a: usize,
    n_n: usize,
}

impl Ctx<'_> {
    fn document(
        &mut self,
        view: &DocView,
        report: &mut ExportReport,
    ) -> Result<DocFiles, ExportError> {
        let doc = view.doc;
        let (txt, ends) = LineEnds::split(doc.text());
        if !ends.is_empty() {
            self.crs.push(view.id().to_string());
        }
        let mut out = DocOut {
            side: DocSidecar {
                acta_brat: sidecar::VERSION,
                text: super::fingerprint(&txt),
                meta: doc.meta.clone(),
                next_id: doc.next_id_counter(),
                annotator: usual_annotator(view),
                crlf: ends.crlf.clone(),
                cr: ends.lone.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        let chars: Vec<char> = txt.chars().collect();
        let triggers = self.spans(view, &chars, &ends, &mut out, report);
        self.events(view, &triggers, &mut out, report);
        let by_id: HashMap<AnnId, &crate::model::Event> =
            view.events.iter().map(|e| (e.id, e.as_ref())).collect();
        for span in &view.spans {
            let Some((tid, b)) = out.spans.get(&span.id).cloned() else { continue };
            match out.first_event.get(&span.id).cloned() {
                // In brat an event and its trigger are one annotation, and nothing else may
                // point at the trigger: the span's attributes and note go on the event.
                Some((eid, ty, event)) => {
                    let own = by_id.get(&event).map(|e| e.attributes.clone());
                    let moved = Some((tid.as_str(), own.unwrap_or_default()));
                    self.extras(&mut out, &eid, &ty, &span.attributes, &span.note, moved);
                }
                None => self.extras(&mut out, &tid, &b, &span.attributes, &span.note, None),
            }
        }
        let ann = [out.t, out.e, out.a, out.n].concat();
        let sidecar = serde_json::to_vec_pretty(&out.side)
            .map_err(|e| ExportError::Unsupported(format!("cannot write the sidecar: {e}")))?;
        Ok(DocFiles { txt, ann, sidecar })
    }

    /// T lines: one per span, or one per event type for a trigger. Returns the `T` of each
    /// (trigger, event type).
    fn spans(
        &mut self,
        view: &DocView,
        chars: &[char],
        ends: &LineEnds,
        out: &mut DocOut,
        report: &mut ExportReport,
    ) -> HashMap<(AnnId, String), String> {
        let mut by_trigger: HashMap<AnnId, Vec<String>> = HashMap::new();
        for e in &view.events {
            let types = by_trigger.entry(e.trigger).or_default();
            if !types.contains(&e.event_type) {
                types.push(e.event_type.clone());
            }
        }
        let mut triggers = HashMap::new();
        let mut places = HashSet::new();
        for span in &view.spans {
            let (bs, be) = (ends.to_brat(span.start), ends.to_brat(span.end));
            let Some(frags) = fragments(chars, bs, be) else {
                report.skip(
                    view.id(),
                    span.id,
                    "covers only line breaks and spaces, which brat cannot show",
                );
                continue;
            };
            report.spans += 1;
            self.split += usize::from(frags.len() > 1);
            let at: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
            let text: Vec<String> =
                frags.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect();
            let from = [frags[0].0, frags[frags.len() - 1].1];
            let exact = [ends.to_acta(from[0]), ends.to_acta(from[1])] != [span.start, span.end];
            let types: Vec<Option<String>> = match by_trigger.get(&span.id) {
                Some(types) => types.iter().cloned().map(Some).collect(),
                None => vec![None],
            };
            for ty in types {
                let b = match &ty {
                    Some(ty) => self.event_type(ty),
                    None => self.entity(&span.label),
                };
                let tid = format!("T{}", out.side.spans.len() + 1);
                self.identical += usize::from(!places.insert(at.join(";")));
                let _ = writeln!(out.t, "{tid}\t{b} {}\t{}", at.join(";"), text.join(" "));
                let inferred =
                    if self.is_event_type(&b) { &self.trigger_label } else { &span.label };
                let extra = SpanExtra {
                    id: span.id.0,
                    annotator: (span.annotator != out.side.annotator)
                        .then(|| span.annotator.clone()),
                    label: (span.label != *inferred).then(|| span.label.clone()),
                    at: exact.then_some([span.start, span.end]),
                    from: exact.then_some(from),
                };
                out.side.spans.insert(tid.clone(), extra);
                if let Some(ty) = ty {
                    triggers.insert((span.id, ty), tid.clone());
                }
                out.spans.entry(span.id).or_insert((tid, b));
            }
        }
        triggers
    }

    /// E lines, with repeated roles numbered (`Theme`, `Theme2`), and their attributes and notes.
    fn events(
        &mut self,
        view: &DocView,
        triggers: &HashMap<(AnnId, String), String>,
        out: &mut DocOut,
        report: &mut ExportReport,
    ) {
        // Ids first: an argument may point at an event written later.
        let mut written = Vec::new();
        for e in &view.events {
            match triggers.get(&(e.trigger, e.event_type.clone())) {
                Some(t) => {
                    let eid = format!("E{}", out.events.len() + 1);
                    let ty = self.types.get(&e.event_type);
                    out.events.insert(e.id, (eid.clone(), ty.clone()));
                    written.push((e, eid, ty, t.clone()));
                }
                None => report.skip(view.id(), e.id, "its trigger span cannot be written to brat"),
            }
        }
        report.events += written.len();
        for (e, eid, ty, trigger) in written {
            let mut line = format!("{eid}\t{ty}:{trigger}");
            let mut seen: HashMap<String, usize> = HashMap::new();
            for arg in &e.arguments {
                let Some((target, target_type)) =
                    out.spans.get(&arg.target).or_else(|| out.events.get(&arg.target)).cloned()
                else {
                    let why =
                        format!("argument {} → {} cannot be written to brat", arg.role, arg.target);
                    report.skip(view.id(), e.id, why);
                    continue;
                };
                let role = self.roles.get(&arg.role);
                let n = seen.entry(role.clone()).or_default();
                *n += 1;
                let numbered = if *n == 1 { role.clone() } else { format!("{role}{n}") };
                let _ = write!(line, " {numbered}:{target}");
                self.allow(&ty, &role, &target_type);
            }
            let _ = writeln!(out.e, "{line}");
            let annotator = (e.annotator != out.side.annotator).then(|| e.annotator.clone());
            out.side.events.insert(eid.clone(), EventExtra { id: e.id.0, annotator });
            out.first_event.entry(e.trigger).or_insert((eid.clone(), ty.clone(), e.id));
            let breaks = self.schema.event_type(&e.event_type).is_some_and(|t| {
                t.roles.iter().any(|r| !r.cardinality.allows(e.in_role(&r.name).count()))
            });
            self.cardinality += usize::from(breaks);
            self.extras(out, &eid, &ty, &e.attributes, &e.note, None);
        }
    }

    /// A lines and an AnnotatorNotes line for `target`; exact values in the sidecar when brat
    /// has to show them simplified. `moved`: these belong to the trigger span `T` written on
    /// its event, whose own attributes win a clash (the span's value stays in the sidecar).
    fn extras(
        &mut self,
        out: &mut DocOut,
        target: &str,
        owner: &str,
        attributes: &BTreeMap<String, String>,
        note: &Option<String>,
        moved: Option<(&str, BTreeMap<String, String>)>,
    ) {
        let key = moved.as_ref().map_or(target, |(t, _)| t).to_string();
        for (name, value) in attributes {
            if let Some((_, own)) = &moved {
                self.moved += 1;
                if own.contains_key(name) {
                    out.side
                        .attributes
                        .entry(key.clone())
                        .or_default()
                        .insert(name.clone(), value.clone());
                    continue;
                }
            }
            let (b, written) = self.attribute(name, owner, value);
            out.n_a += 1;
            let _ = match &written {
                Some(v) => writeln!(out.a, "A{}\t{b} {target} {v}", out.n_a),
                None => writeln!(out.a, "A{}\t{b} {target}", out.n_a),
            };
            let written = written.unwrap_or_else(|| value.clone());
            if moved.is_some() {
                out.side.moved.insert(format!("A{}", out.n_a), key.clone());
            }
            if written != *value {
                self.simplified_values += 1;
                out.side
                    .attributes
                    .entry(key.clone())
                    .or_default()
                    .insert(name.clone(), value.clone());
            }
        }
        if let Some(note) = note {
            let one_line = note.replace(['\r', '\n'], " ");
            out.n_n += 1;
            let _ = writeln!(out.n, "#{}\tAnnotatorNotes {target}\t{one_line}", out.n_n);
            if moved.is_some() {
                self.moved += 1;
                out.side.moved.insert(format!("#{}", out.n_n), key.clone());
            }
            if one_line != *note {
                self.one_line_notes += 1;
                out.side.notes.insert(key, note.clone());
            }
        }
    }
}

/// The annotator most of a document's annotations have (the first of equals): the sidecar
/// names only the others.
fn usual_annotator(view: &DocView) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let names = view.spans.iter().map(|s| s.annotator.as_str());
    for name in names.chain(view.events.iter().map(|e| e.annotator.as_str())) {
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    let best = counts.iter().map(|&(_, c)| c).max().unwrap_or(0);
    counts.iter().find(|&&(_, c)| c == best).map(|(n, _)| n.to_string()).unwrap_or_default()
}
