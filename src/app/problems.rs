//! The live list of problems in the open project, for the validation panel: recomputed only
//! for documents whose annotations changed (and for everything when the schema changes), so it
//! stays current after every edit without rechecking 10,000 documents each time. A large
//! document is rechecked on a background job, so an edit never waits for 200k spans' checks.

use crate::model::validate::{Problem, check_document, check_schema};
use crate::model::{Document, Project, Schema};
use std::collections::HashMap;
use std::sync::Arc;

/// Documents with more annotations than this are checked in the background (about 5 ms).
pub const BACKGROUND_CHECK: usize = 20_000;

/// What a document was checked at: its text's address and its revision.
pub type DocKey = (usize, u64);

fn key(doc: &Document) -> DocKey {
    (doc.text().as_ptr() as usize, doc.revision())
}

/// A large document to check away from the frame; its result goes to `ProblemCache::store`.
pub struct CheckJob {
    pub index: usize,
    pub key: DocKey,
    /// The schema alone, for `check_document`: the other documents are not needed.
    pub project: Project,
    pub doc: Arc<Document>,
}

impl CheckJob {
    pub fn run(&self) -> Vec<Problem> {
        check_document(&self.project, &self.doc)
    }
}

#[derive(Default)]
pub struct ProblemCache {
    schema: Option<Schema>,
    schema_problems: Vec<Problem>,
    /// Per document: the key it was checked at, and what was found.
    docs: Vec<(DocKey, Vec<Problem>)>,
    all: Vec<Problem>,
    /// The background check under way, if any.
    pending: Option<(usize, DocKey)>,
}

impl ProblemCache {
    /// Takes the problems a loader found (`check_project` of this very project), so opening a
    /// project does not check it a second time.
    pub fn seed(&mut self, project: &Project, found: Vec<Problem>) {
        let mut by_doc: HashMap<String, Vec<Problem>> = HashMap::new();
        let mut schema_problems = Vec::new();
        for p in found {
            match &p.doc {
                Some(id) => by_doc.entry(id.clone()).or_default().push(p),
                None => schema_problems.push(p),
            }
        }
        self.schema = Some(project.schema.clone());
        self.schema_problems = schema_problems;
        self.docs = project
            .documents
            .iter()
            .map(|d| (key(d), by_doc.remove(&d.meta.id).unwrap_or_default()))
            .collect();
        self.pending = None;
        self.gather();
    }

    /// Brings the list up to date with `project`. Small documents are checked here; the first
    /// large one that changed is returned to be checked on a job (its old problems stay listed
    /// until then).
    pub fn refresh(&mut self, project: &Project) -> Option<CheckJob> {
        let schema_changed = self.schema.as_ref() != Some(&project.schema);
        if schema_changed {
            self.schema = Some(project.schema.clone());
            self.schema_problems = check_schema(project);
            self.docs.clear();
            self.pending = None;
        }
        self.docs.truncate(project.documents.len());
        let mut changed = schema_changed;
        let mut job = None;
        for (i, doc) in project.documents.iter().enumerate() {
            let key = key(doc);
            if self.docs.get(i).is_some_and(|(k, _)| *k == key) {
                continue;
            }
            if doc.span_count() + doc.event_count() > BACKGROUND_CHECK {
                // One check at a time: edits in a row do not pile up checks of stale states;
                // the one under way reports, is found stale, and the next refresh starts anew.
                if self.pending.is_none() && job.is_none() {
                    self.pending = Some((i, key));
                    let light = Project { schema: project.schema.clone(), ..Project::default() };
                    job = Some(CheckJob { index: i, key, project: light, doc: Arc::clone(doc) });
                }
                if i >= self.docs.len() {
                    // A placeholder that never matches a key, until the job reports.
                    self.docs.push(((0, u64::MAX), Vec::new()));
                }
                continue;
            }
            let found = check_document(project, doc);
            if i < self.docs.len() {
                self.docs[i] = (key, found);
            } else {
                self.docs.push((key, found));
            }
            changed = true;
        }
        if changed {
            self.gather();
        }
        job
    }

    /// The result of a background check; dropped if the document changed meanwhile (the next
    /// refresh starts another).
    pub fn store(&mut self, project: &Project, index: usize, at: DocKey, found: Vec<Problem>) {
        self.pending = None;
        let current = project.documents.get(index).map(|d| key(d));
        if current == Some(at) && index < self.docs.len() {
            self.docs[index] = (at, found);
            self.gather();
        }
    }

    /// The background check died (it panicked): let the next refresh start another.
    pub fn job_lost(&mut self) {
        self.pending = None;
    }

    fn gather(&mut self) {
        self.all = self.schema_problems.clone();
        self.all.extend(self.docs.iter().flat_map(|(_, p)| p.iter().cloned()));
    }

    pub fn all(&self) -> &[Problem] {
        &self.all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::check_project;
    use crate::model::{DocMeta, Span};

    fn big_project(spans: usize) -> Result<Project, Box<dyn std::error::Error>> {
        let text = "ab ".repeat(spans + 1);
        let list = (0..spans)
            .map(|i| {
                let mut s =
                    Span::new(crate::model::AnnId(i as u64 + 1), 3 * i, 3 * i + 2, "X", "a");
                s.text = "ab".into();
                s
            })
            .collect();
        let doc = Document::from_parts(
            DocMeta { id: "d".into(), ..DocMeta::default() },
            text,
            list,
            Vec::new(),
            0,
        )
        .map_err(|p| format!("{p:?}"))?;
        Ok(Project { documents: vec![Arc::new(doc)], ..Project::default() })
    }

    #[test]
    fn seeded_from_the_loader_lists_what_a_check_finds() -> Result<(), Box<dyn std::error::Error>> {
        let project = big_project(10)?;
        let found = check_project(&project);
        assert!(!found.is_empty(), "label X is not in the schema");
        let mut seeded = ProblemCache::default();
        seeded.seed(&project, found.clone());
        assert!(seeded.refresh(&project).is_none());
        let mut checked = ProblemCache::default();
        assert!(checked.refresh(&project).is_none());
        assert_eq!(seeded.all(), checked.all());
        assert_eq!(seeded.all(), &found[..]);
        Ok(())
    }

    #[test]
    fn a_large_document_is_checked_once_on_a_job() -> Result<(), Box<dyn std::error::Error>> {
        let project = big_project(BACKGROUND_CHECK + 1)?;
        let mut cache = ProblemCache::default();
        let job = cache.refresh(&project).ok_or("a job for the large document")?;
        assert!(cache.all().is_empty(), "nothing listed before the job reports");
        assert!(cache.refresh(&project).is_none(), "one job at a time");
        let found = job.run();
        assert_eq!(found.len(), BACKGROUND_CHECK + 1);
        cache.store(&project, job.index, job.key, found);
        assert_eq!(cache.all(), &check_project(&project)[..]);
        assert!(cache.refresh(&project).is_none());
        Ok(())
    }
}
