//! Find and annotate all through the real UI: Ctrl+F, a query typed, every case form of
//! «Южная Осетия» across the project tagged in one step after the preview, one Ctrl+Z back.

mod common;

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn actor_spans(h: &egui_kittest::Harness<'_, acta::ui::Acta>) -> usize {
    h.state()
        .state
        .project
        .documents
        .iter()
        .flat_map(|d| d.spans_by_position())
        .filter(|s| s.label == "Actor")
        .count()
}

#[test]
fn ctrl_f_then_annotate_all_tags_every_case_form_in_one_step() {
    let mut h = common::harness(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:");
    h.get_by_label("Find:").click();
    h.run();
    h.get_by_label("Find:").type_text("Южная Осетия");
    h.run();
    h.get_by_label("All case forms").click();
    h.get_by_label("All documents").click();
    h.run();
    let hits = h.state().state.find.as_ref().map_or(0, |f| f.hits.len());
    assert!(hits >= 6, "every form in every document: {hits}");
    let texts: Vec<String> = h.state().state.find.as_ref().map_or(Vec::new(), |f| {
        f.hits
            .iter()
            .map(|x| h.state().state.project.documents[x.doc].slice(x.start, x.end).to_string())
            .collect()
    });
    for form in ["Южная", "Южной"] {
        assert!(texts.iter().any(|t| t.starts_with(form)), "{form}: {texts:?}");
    }

    let before = actor_spans(&h);
    h.get_by_label("Annotate all…").click();
    h.run();
    h.get_by_label_contains("Annotate all as Actor");
    let plan = match &h.state().state.dialog {
        Some(acta::app::Dialog::AnnotateAll(plan)) => plan.clone(),
        other => panic!("no preview: {other:?}"),
    };
    let to_tag = plan.candidates.len();
    h.get_by_label(&format!("Tag {to_tag} match(es)")).click();
    h.run();
    assert_eq!(actor_spans(&h), before + to_tag);
    assert_eq!(to_tag + plan.already, hits);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(actor_spans(&h), before, "one undo step");
}

#[test]
fn enter_moves_through_matches_and_escape_closes() {
    let mut h = common::harness(0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("ЛНР");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let first = h.state().state.selection.map(|s| s.range());
    assert!(first.is_some(), "the first match is selected");
    h.key_press(Key::Enter);
    h.run();
    assert_ne!(h.state().state.selection.map(|s| s.range()), first, "Enter goes to the next");
    assert_eq!(h.state().state.find.as_ref().and_then(|f| f.current), Some(1));
    assert!(h.get_all_by_label_contains("2 of").next().is_some(), "the bar says where we are");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().state.find.is_none());
}

#[test]
fn date_suggestions_accepted_with_enter_and_rejected_with_backspace() {
    let mut h = common::harness(1);
    let spans = h.state().state.project.span_count();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Suggestions (dates, actors)").click();
    h.run();
    let n = h.state().state.suggest.items.len();
    assert!(n >= 2, "the article's untagged dates are suggested");
    assert_eq!(h.state().state.project.span_count(), spans, "nothing enters by itself");
    assert!(h.get_all_by_label_contains("Suggestion 1 of").next().is_some(), "says which");
    h.key_press(Key::Escape); // closes the menu
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.project.span_count(), spans + 1, "Enter accepts");
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().state.project.span_count(), spans + 1, "Backspace rejects");
    assert_eq!(h.state().state.suggest.items.len(), n - 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project.span_count(), spans);
}
