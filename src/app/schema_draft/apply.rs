//! Applying the schema editor's draft: refused while invalid, a question first when the
//! migration deletes annotations, then the migration as one undo step, and a status line
//! saying what followed.

use super::SchemaDraft;
use crate::app::{AppState, Dialog, Mode};
use crate::model::schema_migration::{self, MigrationSummary, Renames};

/// One line per deleted thing in use, then the totals.
fn question(summary: &MigrationSummary) -> Vec<String> {
    let mut lines: Vec<String> = summary.deleted_in_use.iter().map(|u| format!("{u}.")).collect();
    let count = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 {what}")),
        n => Some(format!("{n} {what}s")),
    };
    let deleted: Vec<String> =
        [count(summary.spans_deleted, "span"), count(summary.events_deleted, "event")]
            .into_iter()
            .flatten()
            .collect();
    let removed: Vec<String> = [
        count(summary.arguments_removed, "argument"),
        count(summary.values_removed, "attribute value"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut total = Vec::new();
    if !deleted.is_empty() {
        total.push(format!("deletes {}", deleted.join(" and ")));
    }
    if !removed.is_empty() {
        total.push(format!("removes {}", removed.join(" and ")));
    }
    lines
        .push(format!("Applying the schema {}. Undo brings everything back.", total.join(" and ")));
    lines
}

impl AppState {
    /// Opens the schema editor on a draft of the current schema.
    pub fn open_schema_editor(&mut self) {
        if self.is_loading() {
            return self.error("Wait until the project has opened");
        }
        self.dialog = Some(Dialog::SchemaEditor(Box::new(SchemaDraft::new(&self.project))));
    }

    /// "Apply" in the editor (`confirmed`: the user already said yes to the deletions). The
    /// editor stays open, with the question, when the migration deletes annotations and the
    /// user has not confirmed; otherwise the schema and every annotation change in one step.
    pub fn apply_schema_draft(&mut self, mut draft: Box<SchemaDraft>, confirmed: bool) {
        if draft.original != self.project.schema {
            return self.error("The schema changed while the editor was open: open it again");
        }
        let Ok((schema, renames)) = draft.build() else {
            self.dialog = Some(Dialog::SchemaEditor(draft));
            return;
        };
        if schema == self.project.schema && renames == Renames::default() {
            return self.info("The schema is unchanged");
        }
        let migration = match schema_migration::migrate(&self.project, schema, &renames) {
            Ok(m) => m,
            Err(e) => {
                self.error(e.to_string());
                self.dialog = Some(Dialog::SchemaEditor(draft));
                return;
            }
        };
        let summary = migration.summary;
        if summary.deletes_anything() && !confirmed {
            draft.confirm = Some(question(&summary));
            self.dialog = Some(Dialog::SchemaEditor(draft));
            return;
        }
        if self.apply(migration.edit) {
            if self.selected.is_some_and(|id| !self.doc().is_some_and(|d| d.has_annotation(id))) {
                self.selected = None;
            }
            self.mode = Mode::Normal;
            let mut done = vec!["Schema applied".to_string()];
            let gone = summary.spans_deleted + summary.events_deleted;
            if summary.annotations_migrated > 0 {
                done.push(format!(
                    "{} annotations follow the renames",
                    summary.annotations_migrated
                ));
            }
            if gone > 0 {
                done.push(format!("{gone} annotations deleted (Undo brings them back)"));
            }
            self.info(done.join("; "));
        }
    }
}
