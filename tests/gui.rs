//! The real UI driven headless with egui_kittest: drags, clicks, double-clicks and keys on the
//! sample project, checked against the model. kittest also fails on any missing glyph, so these
//! tests double as a check that Russian, Ukrainian and English text render completely.

mod common;

use acta::app::Dialog;
use acta::formats::project::parse;
use acta::ui::Acta;
use common::{at, click, drag, find, harness, left_of};
use eframe::egui::{self, Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const DOC_RU: usize = 0; // 000: «министр иностранных дел ЛНР Владислав Дейнего» ⊃ «ЛНР»
const DOC_UK: usize = 2;
const DOC_EN: usize = 4;

fn spans(h: &Harness<'_, Acta>) -> Vec<(usize, usize, String, String)> {
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    doc.spans_by_position()
        .map(|s| (s.start, s.end, s.label.clone(), s.annotator.clone()))
        .collect()
}

fn has_span(h: &Harness<'_, Acta>, start: usize, end: usize, label: &str) -> bool {
    spans(h).iter().any(|(s, e, l, _)| (*s, *e, l.as_str()) == (start, end, label))
}

fn selected_text(h: &Harness<'_, Acta>) -> Option<String> {
    let state = &h.state().state;
    let doc = state.doc()?;
    state.selected.and_then(|id| doc.span(id)).map(|s| s.text.clone())
}

#[test]
fn drag_and_key_1_makes_an_actor_with_the_dragged_offsets() {
    let mut h = harness(DOC_RU);
    let (start, end) = find(&h, "готовы установить", 0);
    let before = spans(&h).len();
    // From inside the first word to inside the last: snapping completes both words.
    let (from, to) = (at(&h, start + 2), at(&h, end - 3));
    drag(&mut h, from, to);
    assert_eq!(h.state().state.selection.map(|s| s.range()), Some(start..end));
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(spans(&h).len(), before + 1);
    assert!(has_span(&h, start, end, "Actor"), "{:?}", spans(&h));
    assert!(spans(&h).iter().any(|(s, _, _, a)| *s == start && a == "tester"));
    assert!(h.state().state.is_dirty());
}

#[test]
fn drag_across_paragraphs_and_label_buttons() {
    let mut h = harness(DOC_EN);
    let (start, _) = find(&h, "Wed, 25/05/2022", 0);
    let (_, end) = find(&h, "President of South Ossetia Alan", 0);
    let (from, to) = (left_of(&h, start), at(&h, end - 1));
    drag(&mut h, from, to);
    assert_eq!(h.state().state.selection.map(|s| s.range()), Some(start..end));
    h.get_by_label("Event").click();
    h.run();
    assert!(has_span(&h, start, end, "Event"), "{:?}", spans(&h));
}

#[test]
fn click_selects_delete_removes_undo_and_redo() {
    let mut h = harness(DOC_EN);
    let (start, end) = find(&h, "Dmitry Medoev", 0);
    let outer = spans(&h).into_iter().find(|(s, e, _, _)| *s < start && *e >= end);
    let Some((os, oe, label, _)) = outer else { panic!("the sample annotates Medoev's title") };
    let pos = at(&h, start + 1);
    click(&mut h, pos, Modifiers::NONE);
    assert!(selected_text(&h).is_some_and(|t| t.ends_with("Dmitry Medoev")));
    h.key_press(Key::Delete);
    h.run();
    assert!(!has_span(&h, os, oe, &label));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(has_span(&h, os, oe, &label), "undo brings it back");
    assert!(selected_text(&h).is_some(), "and selects it");
    assert!(!h.state().state.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(!has_span(&h, os, oe, &label), "redo deletes it again");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(!has_span(&h, os, oe, &label), "Ctrl+Y redoes too");
}

#[test]
fn a_label_key_relabels_the_selected_span() {
    let mut h = harness(DOC_EN);
    let (start, end) = find(&h, "Wednesday", 0);
    assert!(has_span(&h, start, end, "Date"));
    let pos = at(&h, start + 3);
    click(&mut h, pos, Modifiers::NONE);
    assert_eq!(selected_text(&h).as_deref(), Some("Wednesday"));
    h.key_press(Key::Num3);
    h.run();
    assert!(has_span(&h, start, end, "Event"));
    assert!(!has_span(&h, start, end, "Date"));
}

#[test]
fn nested_spans_are_each_clickable() {
    let mut h = harness(DOC_RU);
    let (start, end) = find(&h, "министр иностранных дел ЛНР Владислав Дейнего", 0);
    let (inner, _) = find(&h, "ЛНР Владислав", 0);
    assert!(has_span(&h, start, end, "Actor") && has_span(&h, inner, inner + 3, "Actor"));
    let pos = at(&h, inner + 1);
    click(&mut h, pos, Modifiers::NONE);
    assert_eq!(selected_text(&h).as_deref(), Some("ЛНР"), "the innermost span first");
    let pos = at(&h, inner + 1);
    click(&mut h, pos, Modifiers::NONE);
    assert_eq!(
        selected_text(&h).as_deref(),
        Some("министр иностранных дел ЛНР Владислав Дейнего"),
        "a second click walks out to the enclosing span"
    );
    // Outside the inner box, the outer span is hit directly.
    let pos = at(&h, start + 2);
    click(&mut h, pos, Modifiers::NONE);
    assert_eq!(selected_text(&h).as_deref(), Some("министр иностранных дел ЛНР Владислав Дейнего"));
}

#[test]
fn double_click_selects_a_word_and_shift_click_extends() {
    let mut h = harness(DOC_UK);
    let (start, end) = find(&h, "несподіваною", 0);
    let pos = at(&h, start + 4);
    h.hover_at(pos);
    h.run();
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().state.selection.map(|s| s.range()), Some(start..end));
    h.run_steps(12);
    let (_, end2) = find(&h, "рішучістю", 0);
    let pos = at(&h, end2 - 2);
    click(&mut h, pos, Modifiers::SHIFT);
    assert_eq!(h.state().state.selection.map(|s| s.range()), Some(start..end2));
    h.key_press(Key::Num2);
    h.run();
    assert!(has_span(&h, start, end2, "Date"));
}

#[test]
fn documents_and_annotation_list_navigate() {
    let mut h = harness(DOC_RU);
    let title = "President of South Ossetia held a meeting with the Foreign Minister of the LPR";
    h.get_all_by_label(title).next().unwrap_or_else(|| panic!("document list row")).click();
    h.run();
    assert_eq!(h.state().state.current, DOC_EN);
    h.get_by_label_contains("Actor  «Acting Minister").click();
    h.run();
    assert_eq!(
        selected_text(&h).as_deref(),
        Some("Acting Minister of Foreign Affairs of the Republic of South Ossetia Dmitry Medoev")
    );
}

#[test]
fn escape_clears_and_snapping_can_be_switched_off() {
    let mut h = harness(DOC_RU);
    let (start, _) = find(&h, "готовы установить", 0);
    h.get_by_label("Snap to words").click();
    h.run();
    assert!(!h.state().state.settings.snap_to_words);
    let (from, to) = (at(&h, start + 2), at(&h, start + 5));
    drag(&mut h, from, to);
    let sel = h.state().state.selection.map(|s| s.range());
    assert!(sel.as_ref().is_some_and(|r| r.start > start && r.end <= start + 6), "{sel:?}");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().state.selection, None);
}

#[test]
fn save_as_through_the_path_dialog_then_ctrl_s() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let target = dir.path().join("мой проект.ron");
    let mut h = harness(DOC_RU);
    let (start, end) = find(&h, "готовы", 0);
    let (from, to) = (at(&h, start), at(&h, end - 1));
    drag(&mut h, from, to);
    h.key_press(Key::Num1);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        matches!(h.state().state.dialog, Some(Dialog::Path { .. })),
        "unsaved project asks where"
    );
    h.get_by_label("Project file").type_text(&target.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    assert!(!h.state().state.is_dirty(), "{:?}", h.state().state.dialog);
    assert!(h.state().state.title().starts_with("мой проект.ron — "));
    let saved = parse("saved", &std::fs::read_to_string(&target)?)?;
    assert_eq!(saved.project, h.state().state.project);
    // Another edit, then Ctrl+S writes to the same file without asking.
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().state.title().contains('*'));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
    assert!(h.state().state.dialog.is_none());
    assert!(!h.state().state.is_dirty());
    let resaved = parse("saved", &std::fs::read_to_string(&target)?)?;
    assert_eq!(resaved.project.span_count(), saved.project.span_count() - 1);
    Ok(())
}

#[test]
fn every_document_renders_without_missing_glyphs() {
    let mut h = harness(DOC_RU);
    for doc in 0..5 {
        h.state_mut().state.set_document(doc);
        h.run();
        assert!(!h.state().text_view.visible.is_empty(), "document {doc} shows text");
    }
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = harness(DOC_EN);
    let close = |h: &mut Harness<'_, Acta>| {
        let root = h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default();
        root.events.push(egui::ViewportEvent::Close);
        h.step();
        // The harness keeps viewport events until they are taken away.
        if let Some(root) = h.input_mut().viewports.get_mut(&egui::ViewportId::ROOT) {
            root.events.clear();
        }
        h.run();
    };
    // Clean: nothing to ask, the window may close.
    close(&mut h);
    assert!(h.state().state.dialog.is_none());
    let (start, end) = find(&h, "Tskhinval", 0);
    let (from, to) = (at(&h, start + 1), at(&h, end - 2));
    drag(&mut h, from, to);
    h.key_press(Key::Num1);
    h.run();
    close(&mut h);
    assert_eq!(
        h.state().state.dialog,
        Some(Dialog::ConfirmDiscard { then: acta::app::Command::Quit })
    );
    assert!(!h.state().state.quit_confirmed);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().state.dialog.is_none() && !h.state().state.quit_confirmed);
    close(&mut h);
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().state.quit_confirmed);
}
