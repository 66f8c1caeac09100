//! A document's review status and reviewers' comments, as the user changes them. Each change is
//! one `Edit::SetMeta` through the history, so undo takes back a status or a comment like any
//! annotation; comments carry the annotator's name and the time they were written.

use super::AppState;
use super::clock::now_rfc3339;
use crate::model::{Comment, DocMeta, Edit, ReviewStatus};

impl AppState {
    /// Document `doc`'s properties, or a status error naming it.
    fn meta_of(&mut self, doc: usize) -> Option<DocMeta> {
        let meta = self.project.doc(doc).map(|d| d.meta.clone());
        if meta.is_none() {
            self.error(format!("There is no document {}", doc + 1));
        }
        meta
    }

    /// Sets where document `doc` stands in review; true if something changed.
    pub fn set_review_status(&mut self, doc: usize, status: ReviewStatus) -> bool {
        let Some(mut meta) = self.meta_of(doc) else { return false };
        if meta.review == status {
            return false;
        }
        meta.review = status;
        self.apply(Edit::SetMeta { doc, meta })
    }

    /// Adds a comment by the annotator, stamped now, in time order; empty text is refused.
    pub fn add_comment(&mut self, doc: usize, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            self.error("Write the comment first: an empty comment is not added");
            return false;
        }
        let Some(mut meta) = self.meta_of(doc) else { return false };
        let comment = Comment {
            author: self.settings.annotator_name(),
            time: now_rfc3339(),
            text: text.to_string(),
        };
        // After every comment of the same second or earlier, so the list stays in time order
        // (RFC 3339 UTC strings sort as times) and two quick comments keep the order written.
        let at = meta.comments.partition_point(|c| c.time <= comment.time);
        meta.comments.insert(at, comment);
        self.apply(Edit::SetMeta { doc, meta })
    }

    /// Removes comment `index` (as stored) of document `doc`, whoever wrote it: undo brings it
    /// back, and the file's history says who removed it.
    pub fn remove_comment(&mut self, doc: usize, index: usize) -> bool {
        let Some(mut meta) = self.meta_of(doc) else { return false };
        if index >= meta.comments.len() {
            self.error("That comment is no longer there");
            return false;
        }
        meta.comments.remove(index);
        self.apply(Edit::SetMeta { doc, meta })
    }
}

/// Stored indices of `comments` in the order to show them: by time, then author (stable, so
/// equal ones keep the order they were written in).
pub fn comments_in_time_order(comments: &[Comment]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..comments.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&comments[a], &comments[b]);
        (&a.time, &a.author).cmp(&(&b.time, &b.author))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::comments_in_time_order;
    use crate::app::clock::is_rfc3339;
    use crate::app::settings::Settings;
    use crate::app::{AppState, Command};
    use crate::model::{Comment, DocMeta, Document, Project, ReviewStatus};
    use std::sync::Arc;

    fn state() -> AppState {
        let mut p = Project::new("t");
        for id in ["a", "b"] {
            let meta = DocMeta { id: id.into(), ..Default::default() };
            p.documents.push(Arc::new(Document::new(meta, "Киев заявил о переговорах.")));
        }
        let settings = Settings { annotator: Some("Олена".into()), ..Settings::default() };
        AppState::with_project(p, None, settings)
    }

    fn meta(s: &AppState, doc: usize) -> DocMeta {
        s.project.doc(doc).map(|d| d.meta.clone()).unwrap_or_default()
    }

    #[test]
    fn status_is_set_once_and_undone() {
        let mut s = state();
        assert!(s.set_review_status(1, ReviewStatus::InReview));
        assert!(!s.set_review_status(1, ReviewStatus::InReview), "no edit for no change");
        assert_eq!(meta(&s, 1).review, ReviewStatus::InReview);
        assert_eq!(meta(&s, 0).review, ReviewStatus::NotStarted);
        s.run(Command::Undo);
        assert_eq!(meta(&s, 1).review, ReviewStatus::NotStarted);
        assert!(!s.is_dirty());
        assert!(!s.set_review_status(7, ReviewStatus::Adjudicated));
        assert!(s.status.as_ref().is_some_and(|m| m.is_error));
    }

    #[test]
    fn comments_carry_author_and_time_and_undo() {
        let mut s = state();
        assert!(s.add_comment(0, "  Проверить дату.\n"));
        assert!(s.add_comment(0, "Second thought"));
        let comments = meta(&s, 0).comments;
        assert_eq!(comments.len(), 2);
        assert_eq!(
            (comments[0].author.as_str(), comments[0].text.as_str()),
            ("Олена", "Проверить дату.")
        );
        assert!(is_rfc3339(&comments[0].time), "{}", comments[0].time);
        assert_eq!(comments[1].text, "Second thought", "written later, listed later");
        assert!(s.remove_comment(0, 0));
        assert_eq!(meta(&s, 0).comments.len(), 1);
        s.run(Command::Undo);
        assert_eq!(meta(&s, 0).comments, comments);
        s.run(Command::Undo);
        s.run(Command::Undo);
        assert!(meta(&s, 0).comments.is_empty());
        assert!(!s.is_dirty());
    }

    #[test]
    fn empty_comments_and_missing_ones_are_refused() {
        let mut s = state();
        assert!(!s.add_comment(0, " \n\t"));
        assert!(s.status.as_ref().is_some_and(|m| m.is_error));
        assert!(!s.remove_comment(0, 0));
        assert!(!s.add_comment(5, "nowhere"));
        assert!(!s.is_dirty());
    }

    #[test]
    fn comments_are_shown_by_time_then_author() {
        let c = |author: &str, time: &str| Comment {
            author: author.into(),
            time: time.into(),
            text: String::new(),
        };
        let comments = [
            c("b", "2026-11-23T10:04:00Z"),
            c("a", "2026-11-23T10:04:00Z"),
            c("z", "2025-01-01T00:00:00Z"),
        ];
        assert_eq!(comments_in_time_order(&comments), [2, 1, 0]);
    }
}
