//! The live list of problems in the open project, for the validation panel: recomputed only
//! for documents whose annotations changed (and for everything when the schema changes), so it
//! stays current after every edit without rechecking 10,000 documents each time.

use crate::model::validate::{Problem, check_document, check_schema};
use crate::model::{Project, Schema};

#[derive(Default)]
pub struct ProblemCache {
    schema: Option<Schema>,
    schema_problems: Vec<Problem>,
    /// Per document: (text pointer, revision) it was checked at, and what was found.
    docs: Vec<((usize, u64), Vec<Problem>)>,
    all: Vec<Problem>,
}

impl ProblemCache {
    /// Brings the list up to date with `project`.
    pub fn refresh(&mut self, project: &Project) {
        let schema_changed = self.schema.as_ref() != Some(&project.schema);
        if schema_changed {
            self.schema = Some(project.schema.clone());
            self.schema_problems = check_schema(project);
            self.docs.clear();
        }
        self.docs.truncate(project.documents.len());
        let mut changed = schema_changed;
        for (i, doc) in project.documents.iter().enumerate() {
            let key = (doc.text().as_ptr() as usize, doc.revision());
            if self.docs.get(i).is_some_and(|(k, _)| *k == key) {
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
            self.all = self.schema_problems.clone();
            self.all.extend(self.docs.iter().flat_map(|(_, p)| p.iter().cloned()));
        }
    }

    pub fn all(&self) -> &[Problem] {
        &self.all
    }
}
