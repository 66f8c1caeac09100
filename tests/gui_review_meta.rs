//! The Review section of the right panel driven through the real UI: the review status combo,
//! a comment typed and added (button and Ctrl+Enter) with its author and time, deleted, undone,
//! and the document list row that says where the document stands.

mod common;

use acta::app::clock::is_rfc3339;
use acta::model::ReviewStatus;
use common::harness;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn meta(h: &Harness<'_, acta::ui::Acta>) -> acta::model::DocMeta {
    h.state().state.doc().map(|d| d.meta.clone()).unwrap_or_default()
}

/// The document list row whose painted second line (its accessible description) has `text`.
fn row_says(h: &Harness<'_, acta::ui::Acta>, text: &str) -> bool {
    h.query_by(|n| n.description().is_some_and(|d| d.contains(text))).is_some()
}

fn write_comment(h: &mut Harness<'_, acta::ui::Acta>, text: &str) {
    h.get_by_label("New comment").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("New comment").type_text(text);
    h.run();
}

#[test]
fn status_and_comments_through_the_review_section() -> TestResult {
    let mut h = harness(1);
    assert!(!row_says(&h, "in review"));

    h.get_by_label("Review status").click();
    h.run();
    h.get_by_label("in review").click();
    h.run();
    assert_eq!(meta(&h).review, ReviewStatus::InReview);
    assert!(row_says(&h, "· in review"), "the document list row shows the status");

    write_comment(&mut h, "Дата «в июне» — проверить");
    h.get_by_label("Add comment").click();
    h.run();
    let comments = meta(&h).comments;
    assert_eq!(comments.len(), 1);
    let c = &comments[0];
    assert_eq!((c.author.as_str(), c.text.as_str()), ("tester", "Дата «в июне» — проверить"));
    assert!(is_rfc3339(&c.time), "{}", c.time);
    h.get_by_label_contains("tester · ");
    h.get_by_label("Дата «в июне» — проверить");
    assert!(row_says(&h, "· in review · 1 comment"));
    assert_eq!(h.get_by_label("New comment").accesskit_node().value().as_deref(), Some(""));

    // Undo takes the comment back, and only it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(meta(&h).comments.is_empty());
    assert_eq!(meta(&h).review, ReviewStatus::InReview);
    assert!(h.query_by_label_contains("tester · ").is_none());
    Ok(())
}

#[test]
fn ctrl_enter_adds_empty_is_refused_and_delete_removes() -> TestResult {
    let mut h = harness(0);
    write_comment(&mut h, "   ");
    h.get_by_label("Add comment").click();
    h.run();
    assert!(meta(&h).comments.is_empty());
    assert!(h.state().state.status.as_ref().is_some_and(|m| m.is_error), "said why");

    write_comment(&mut h, "first line");
    h.key_press(Key::Enter); // a new line inside the comment, not "add"
    h.get_by_label("New comment").type_text("second line");
    h.run();
    assert!(meta(&h).comments.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let comments = meta(&h).comments;
    assert_eq!(
        comments.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["first line\nsecond line"]
    );

    h.get_by_label("✕").click();
    h.run();
    assert!(meta(&h).comments.is_empty(), "deleted");
    h.state_mut().state.run(acta::app::Command::Undo);
    h.run();
    assert_eq!(meta(&h).comments, comments, "undo brings it back");
    Ok(())
}

#[test]
fn applying_other_properties_keeps_the_review() -> TestResult {
    let mut h = harness(0);
    h.get_by_label("Document properties").click();
    h.run();
    write_comment(&mut h, "before the title");
    h.get_by_label("Add comment").click();
    h.run();
    assert!(h.query_by_label("Apply").is_none(), "a comment is no unapplied property change");
    h.get_by_label("Title").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Title").type_text("Новый заголовок");
    h.run();
    // A comment added while the title is still a draft, then the draft applied.
    write_comment(&mut h, "while editing");
    h.get_by_label("Add comment").click();
    h.run();
    h.get_by_label("Review status").click();
    h.run();
    h.get_by_label("adjudicated").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let m = meta(&h);
    assert_eq!(m.title, "Новый заголовок");
    let texts: Vec<&str> = m.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["before the title", "while editing"]);
    assert_eq!(m.review, ReviewStatus::Adjudicated);
    assert!(row_says(&h, "· adjudicated ✔ · 2 comments"));
    Ok(())
}
