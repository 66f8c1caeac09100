//! A document's review data (status, comments, rejected places) from two or three versions of
//! it. Comments and rejections are sets: every side's additions are kept once, and in a
//! three-way merge what one branch removed stays removed; the review status goes the more
//! advanced way (adjudicated > in review > not started) when the versions disagree.

use crate::model::{Comment, DocMeta, Rejection, ReviewStatus};
use std::collections::HashSet;
use std::hash::Hash;

/// Comments in time order, then author (RFC 3339 UTC strings sort as times), each once.
fn tidy_comments(mut comments: Vec<Comment>) -> Vec<Comment> {
    comments.sort_by(|a, b| (&a.time, &a.author, &a.text).cmp(&(&b.time, &b.author, &b.text)));
    comments.dedup();
    comments
}

fn tidy_rejections(mut rejected: Vec<Rejection>) -> Vec<Rejection> {
    rejected.sort();
    rejected.dedup();
    rejected
}

/// Two review statuses that differ (this side's, the other's), for the caller's note.
pub type StatusClash = (ReviewStatus, ReviewStatus);

/// `acta merge`: `theirs`' review data joins `into`'s. Returns the two statuses if they
/// differed (the more advanced one is kept).
pub fn merge_review(into: &mut DocMeta, theirs: &DocMeta) -> Option<StatusClash> {
    let comments = into.comments.iter().chain(&theirs.comments).cloned().collect();
    into.comments = tidy_comments(comments);
    let rejected = into.rejected.iter().chain(&theirs.rejected).cloned().collect();
    into.rejected = tidy_rejections(rejected);
    let clash = (into.review != theirs.review).then_some((into.review, theirs.review));
    into.review = into.review.max(theirs.review);
    clash
}

/// What both versions have, plus what one of them added since `base` (what either removed is
/// gone).
fn three_way_set<T: Clone + Eq + Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let (base, in_ours, in_theirs): (HashSet<&T>, HashSet<&T>, HashSet<&T>) =
        (base.iter().collect(), ours.iter().collect(), theirs.iter().collect());
    let kept = |x: &&T| !base.contains(x) || (in_ours.contains(x) && in_theirs.contains(x));
    ours.iter().chain(theirs).filter(kept).cloned().collect()
}

/// The git merge driver: `into` (this branch's properties) gets the three-way merge of the
/// review data. Returns the two statuses when both branches changed it differently (the more
/// advanced one is kept).
pub fn three_way_review(
    into: &mut DocMeta,
    base: &DocMeta,
    ours: &DocMeta,
    theirs: &DocMeta,
) -> Option<StatusClash> {
    into.comments = tidy_comments(three_way_set(&base.comments, &ours.comments, &theirs.comments));
    into.rejected =
        tidy_rejections(three_way_set(&base.rejected, &ours.rejected, &theirs.rejected));
    let (b, o, t) = (base.review, ours.review, theirs.review);
    let (status, clash) = if o == t || t == b {
        (o, None)
    } else if o == b {
        (t, None)
    } else {
        (o.max(t), Some((o, t)))
    };
    into.review = status;
    clash
}

/// `meta` without its review data: the properties the three-way merge picks as a whole.
pub fn without_review(meta: &DocMeta) -> DocMeta {
    DocMeta {
        review: ReviewStatus::default(),
        comments: Vec::new(),
        rejected: Vec::new(),
        ..meta.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(author: &str, time: &str, text: &str) -> Comment {
        Comment { author: author.into(), time: time.into(), text: text.into() }
    }

    fn r(start: usize, by: &str) -> Rejection {
        Rejection { start, end: start + 3, label: "Actor".into(), by: by.into() }
    }

    fn meta(review: ReviewStatus, comments: &[Comment], rejected: &[Rejection]) -> DocMeta {
        DocMeta {
            id: "d".into(),
            review,
            comments: comments.to_vec(),
            rejected: rejected.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn two_way_unions_in_time_order_and_keeps_the_more_advanced_status() {
        let shared = c("Оля", "2026-11-23T10:04:00Z", "Дата?");
        let late = c("Bohdan", "2026-11-24T08:00:00Z", "ok");
        let early_b = c("b", "2026-11-01T00:00:00Z", "first");
        let early_a = c("a", "2026-11-01T00:00:00Z", "first");
        let mut ours = meta(ReviewStatus::InReview, &[late.clone(), shared.clone()], &[r(5, "x")]);
        let theirs = meta(
            ReviewStatus::Adjudicated,
            &[shared.clone(), early_b.clone(), early_a.clone()],
            &[r(5, "x"), r(1, "y")],
        );
        let clash = merge_review(&mut ours, &theirs);
        assert_eq!(clash, Some((ReviewStatus::InReview, ReviewStatus::Adjudicated)));
        assert_eq!(ours.review, ReviewStatus::Adjudicated);
        assert_eq!(ours.comments, [early_a, early_b, shared, late]);
        assert_eq!(ours.rejected, [r(1, "y"), r(5, "x")]);
        let before = ours.clone();
        assert_eq!(merge_review(&mut ours, &before), None, "a merge with itself is a no-op");
        assert_eq!(ours, before);
    }

    #[test]
    fn three_way_keeps_both_branches_additions_and_removals() {
        let old = c("Оля", "2026-11-20T09:00:00Z", "old");
        let gone = c("Оля", "2026-11-21T09:00:00Z", "removed on one branch");
        let mine = c("a", "2026-11-23T10:00:00Z", "this branch");
        let yours = c("b", "2026-11-22T10:00:00Z", "other branch");
        let base = meta(ReviewStatus::NotStarted, &[old.clone(), gone.clone()], &[r(1, "x")]);
        let ours = meta(ReviewStatus::InReview, &[old.clone(), mine.clone()], &[r(1, "x")]);
        let theirs = meta(
            ReviewStatus::NotStarted,
            &[old.clone(), gone.clone(), yours.clone()],
            &[r(9, "y")],
        );
        let mut out = ours.clone();
        assert_eq!(three_way_review(&mut out, &base, &ours, &theirs), None);
        assert_eq!(out.comments, [old, yours, mine]);
        assert_eq!(out.rejected, [r(9, "y")], "their un-rejection and rejection both count");
        assert_eq!(out.review, ReviewStatus::InReview, "one side changed it");
    }

    #[test]
    fn three_way_status_changed_differently_keeps_the_more_advanced() {
        let base = meta(ReviewStatus::NotStarted, &[], &[]);
        let ours = meta(ReviewStatus::Adjudicated, &[], &[]);
        let theirs = meta(ReviewStatus::InReview, &[], &[]);
        let mut out = ours.clone();
        let clash = three_way_review(&mut out, &base, &ours, &theirs);
        assert_eq!(clash, Some((ReviewStatus::Adjudicated, ReviewStatus::InReview)));
        assert_eq!(out.review, ReviewStatus::Adjudicated);
        let mut out = theirs.clone();
        three_way_review(&mut out, &base, &theirs, &ours);
        assert_eq!(out.review, ReviewStatus::Adjudicated, "whichever side has it");
        // Back to not started on one side only: taken.
        let mut out = ours.clone();
        assert_eq!(three_way_review(&mut out, &ours, &ours, &base), None);
        assert_eq!(out.review, ReviewStatus::NotStarted);
    }
}
