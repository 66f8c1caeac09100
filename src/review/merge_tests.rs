//! Merging two annotators' copies of the sample project: their layers side by side, the shared
//! base once, a differing text refusing the whole merge, merging a project into itself a no-op.

use super::merge::{MergeError, merge};
use crate::formats::project::parse;
use crate::model::{AnnId, Argument, DocMeta, Document, Edit, Event, Project, Span};
use std::sync::Arc;

fn sample() -> Result<Project, Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    Ok(parse("sample.ron", &std::fs::read_to_string(path)?)?.project)
}

/// The sample with a span by `who` on the first occurrence of `word` in document 0, and an
/// event on the sample's first trigger pointing at it.
fn annotated_by(who: &str, word: &str) -> Result<Project, Box<dyn std::error::Error>> {
    let mut p = sample()?;
    let doc = &p.documents[0];
    let byte = doc.text().find(word).ok_or("word not in the text")?;
    let start = doc.cp_of(byte);
    let id = doc.next_id();
    let trigger = doc.spans().find(|s| s.label == "Event").map(|s| s.id).ok_or("no trigger")?;
    let span = Span::new(id, start, start + word.chars().count(), "Actor", who);
    Edit::AddSpan { doc: 0, span }.apply(&mut p)?;
    let mut event = Event::new(AnnId(id.0 + 1), trigger, "Statement", who);
    event.arguments.push(Argument { role: "Agent".into(), target: id });
    Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
    Ok(p)
}

#[test]
fn two_annotators_merge_into_layers_with_the_base_once() -> Result<(), Box<dyn std::error::Error>> {
    let base = sample()?;
    let mut a = annotated_by("Олена", "ЛНР")?;
    let b = annotated_by("Bohdan", "Дейнего")?;
    // The same id was given to both new spans: merging must renumber B's.
    assert_eq!(a.documents[0].next_id(), b.documents[0].next_id());
    let merged = merge(&mut a, &b, "b.ron")?;
    assert_eq!((merged.matched, merged.added_documents), (5, 0));
    assert_eq!((merged.added_spans, merged.added_events), (1, 1));
    assert_eq!(
        merged.shared,
        base.span_count() + base.documents.iter().map(|d| d.event_count()).sum::<usize>()
    );
    let doc = &a.documents[0];
    assert_eq!(doc.span_count(), base.documents[0].span_count() + 2);
    let bohdan: Vec<&Event> = doc.events().filter(|e| e.annotator == "Bohdan").collect();
    assert_eq!(bohdan.len(), 1);
    let agent = doc.span(bohdan[0].arguments[0].target).map(|s| s.text.as_str());
    assert_eq!(agent, Some("Дейнего"), "B's event points at B's span under its new id");
    assert!(
        crate::model::validate::check_project(&a)
            .iter()
            .all(|p| p.severity != crate::model::Severity::Error)
    );
    Ok(())
}

#[test]
fn merging_a_project_into_itself_adds_nothing() -> Result<(), Box<dyn std::error::Error>> {
    let mut p = annotated_by("Олена", "ЛНР")?;
    let before = p.clone();
    let merged = merge(&mut p, &before, "same.ron")?;
    assert_eq!((merged.added_spans, merged.added_events, merged.added_documents), (0, 0, 0));
    assert!(p == before, "merging a project into itself changed it");
    Ok(())
}

#[test]
fn a_different_text_refuses_everything() -> Result<(), Box<dyn std::error::Error>> {
    let mut a = sample()?;
    let mut b = annotated_by("Bohdan", "Дейнего")?;
    let meta = b.documents[4].meta.clone();
    b.documents[4] = Arc::new(Document::new(meta, "другой текст"));
    let meta = DocMeta { id: "new".into(), ..Default::default() };
    b.documents.push(Arc::new(Document::new(meta, "новый документ")));
    let before = a.clone();
    let err = merge(&mut a, &b, "b.ron").err();
    assert!(
        matches!(&err, Some(MergeError::TextDiffers { doc, file, .. }) if doc == &before.documents[4].meta.id && file == "b.ron"),
        "{err:?}"
    );
    assert!(a == before, "nothing half-merged");
    // Without the changed document, the new one is added.
    b.documents.remove(4);
    let merged = merge(&mut a, &b, "b.ron")?;
    assert_eq!(merged.added_documents, 1);
    assert_eq!(a.documents.len(), 6);
    Ok(())
}

#[test]
fn three_way_takes_one_sided_changes_and_shared_additions_once()
-> Result<(), Box<dyn std::error::Error>> {
    use super::three_way::three_way;
    let base = sample()?;
    // Both branches add the same span (same annotator, place, label) and one event on it.
    let a = annotated_by("Олена", "ЛНР")?;
    let mut b = annotated_by("Олена", "ЛНР")?;
    Edit::Relabel { doc: 1, id: AnnId(1), label: "Date".into() }.apply(&mut b)?;
    let (merged, report) = three_way(&base, &a, &b)?;
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(merged.documents[0].span_count(), base.documents[0].span_count() + 1);
    assert_eq!(merged.documents[0].event_count(), base.documents[0].event_count() + 1);
    assert_eq!(merged.documents[1].span(AnnId(1)).map(|s| s.label.as_str()), Some("Date"));
    // A text that differs is refused.
    let mut c = base.clone();
    let meta = c.documents[2].meta.clone();
    c.documents[2] = Arc::new(Document::new(meta, "иной текст"));
    assert!(matches!(three_way(&base, &a, &c), Err(MergeError::TextDiffers { .. })));
    Ok(())
}

fn comment(author: &str, time: &str, text: &str) -> crate::model::Comment {
    crate::model::Comment { author: author.into(), time: time.into(), text: text.into() }
}

/// `p` with document `doc`'s review status set and `comments` added (as the window would).
fn reviewed(
    mut p: Project,
    doc: usize,
    status: crate::model::ReviewStatus,
    comments: &[&crate::model::Comment],
) -> Result<Project, Box<dyn std::error::Error>> {
    let mut meta = p.documents[doc].meta.clone();
    meta.review = status;
    meta.comments.extend(comments.iter().map(|&c| c.clone()));
    Edit::SetMeta { doc, meta }.apply(&mut p)?;
    Ok(p)
}

#[test]
fn merge_keeps_both_copies_comments_and_the_more_advanced_status()
-> Result<(), Box<dyn std::error::Error>> {
    use crate::model::ReviewStatus;
    let shared = comment("Оля", "2026-11-20T09:00:00Z", "Проверить дату");
    let mine = comment("Оля", "2026-11-23T10:04:00Z", "ok");
    let yours = comment("Bohdan", "2026-11-22T08:00:00Z", "Дейнего — Actor?");
    let mut a = reviewed(sample()?, 0, ReviewStatus::InReview, &[&shared, &mine])?;
    let b = reviewed(sample()?, 0, ReviewStatus::Adjudicated, &[&shared, &yours])?;
    let merged = merge(&mut a, &b, "b.ron")?;
    let meta = &a.documents[0].meta;
    assert_eq!(meta.comments, [shared, yours, mine], "each once, in time order");
    assert_eq!(meta.review, ReviewStatus::Adjudicated);
    let note = merged.notes.iter().find(|n| n.contains("review status"));
    assert!(
        note.is_some_and(|n| n.contains("in review here, adjudicated in b.ron; kept adjudicated")),
        "{:?}",
        merged.notes
    );
    assert_eq!(a.documents[1].meta.review, ReviewStatus::NotStarted, "others untouched");
    Ok(())
}

#[test]
fn three_way_keeps_a_comment_from_each_branch() -> Result<(), Box<dyn std::error::Error>> {
    use super::three_way::{CONFLICT, three_way};
    use crate::model::ReviewStatus;
    let old = comment("Оля", "2026-11-20T09:00:00Z", "old");
    let base = reviewed(sample()?, 0, ReviewStatus::NotStarted, &[&old])?;
    let mine = comment("Оля", "2026-11-23T10:04:00Z", "mine");
    let yours = comment("Bohdan", "2026-11-22T08:00:00Z", "yours");
    // Ours also edits the title: the rest of the properties still merge as a whole.
    let mut ours = reviewed(base.clone(), 0, ReviewStatus::Adjudicated, &[&mine])?;
    let mut meta = ours.documents[0].meta.clone();
    meta.title = "Новый заголовок".into();
    Edit::SetMeta { doc: 0, meta }.apply(&mut ours)?;
    let theirs = reviewed(base.clone(), 0, ReviewStatus::InReview, &[&yours])?;
    let (merged, report) = three_way(&base, &ours, &theirs)?;
    let meta = &merged.documents[0].meta;
    assert_eq!(meta.comments, [old.clone(), yours.clone(), mine.clone()]);
    assert_eq!(meta.title, "Новый заголовок");
    assert_eq!(meta.review, ReviewStatus::Adjudicated, "the more advanced");
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert!(report.conflicts[0].contains("review status changed on both branches"));
    assert!(meta.notes.starts_with(CONFLICT), "{}", meta.notes);
    // A comment removed on one branch stays removed; a status changed on one side is taken.
    let mut removed = base.clone();
    let mut meta = removed.documents[0].meta.clone();
    meta.comments.clear();
    Edit::SetMeta { doc: 0, meta }.apply(&mut removed)?;
    let (merged, report) = three_way(&base, &removed, &theirs)?;
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(merged.documents[0].meta.comments, [yours]);
    assert_eq!(merged.documents[0].meta.review, ReviewStatus::InReview);
    Ok(())
}

#[test]
fn three_way_unions_comments_of_a_document_both_branches_added()
-> Result<(), Box<dyn std::error::Error>> {
    use super::three_way::three_way;
    use crate::model::ReviewStatus;
    let mut base = sample()?;
    base.documents.pop();
    let mine = comment("Оля", "2026-11-23T10:04:00Z", "mine");
    let yours = comment("Bohdan", "2026-11-22T08:00:00Z", "yours");
    let ours = reviewed(sample()?, 4, ReviewStatus::InReview, &[&mine])?;
    let theirs = reviewed(sample()?, 4, ReviewStatus::NotStarted, &[&yours])?;
    let (merged, report) = three_way(&base, &ours, &theirs)?;
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(merged.documents[4].meta.comments, [yours, mine]);
    assert_eq!(merged.documents[4].meta.review, ReviewStatus::InReview);
    Ok(())
}
