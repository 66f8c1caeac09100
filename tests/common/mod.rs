//! What the GUI tests share: a headless window on the embedded sample project, as a person at a
//! 1280×800 screen at 30 frames a second would see it, and the pointer actions they use.
#![allow(dead_code)] // each test file uses its own share of these

pub mod cli;

use acta::app::AppState;
use acta::app::files::EMBEDDED_SAMPLE;
use acta::app::settings::Settings;
use acta::formats::project::parse;
use acta::ui::{Acta, acta_ui};
use eframe::egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;

/// The app on the sample project, showing document `doc`, annotating as "tester".
pub fn harness(doc: usize) -> Harness<'static, Acta> {
    let project = match parse("sample", EMBEDDED_SAMPLE) {
        Ok(loaded) => loaded.project,
        Err(e) => panic!("the embedded sample does not load: {e}"),
    };
    harness_on(project, doc)
}

/// The app on `project`, showing document `doc`, annotating as "tester".
pub fn harness_on(project: acta::model::Project, doc: usize) -> Harness<'static, Acta> {
    let settings = Settings { annotator: Some("tester".into()), ..Settings::default() };
    let mut state = AppState::with_project(project, None, settings);
    state.set_document(doc);
    harness_with(state)
}

/// The app on a session already set up.
pub fn harness_with(state: AppState) -> Harness<'static, Acta> {
    let mut h = Harness::builder()
        .with_size(vec2(1280.0, 800.0))
        // Tooltips and modal fades take a few frames to settle.
        .with_max_steps(200)
        // Frames 1/30 s apart, so two clicks in a row are a double-click, as for a person.
        .with_step_dt(1.0 / 30.0)
        .with_context_setup(acta::ui::setup_context)
        .build_ui_state(|ui, app: &mut Acta| acta_ui(ui, app), Acta::new(state));
    h.run();
    h
}

/// Where character `cp` of the current document was drawn (its centre).
pub fn at(h: &Harness<'_, Acta>, cp: usize) -> Pos2 {
    let rect = h.state().text_view.char_rect(cp);
    rect.unwrap_or_else(|| panic!("character {cp} is not on screen")).center()
}

/// A point just inside the left edge of character `cp`.
pub fn left_of(h: &Harness<'_, Acta>, cp: usize) -> Pos2 {
    let rect = h.state().text_view.char_rect(cp);
    let r = rect.unwrap_or_else(|| panic!("character {cp} is not on screen"));
    Pos2::new(r.left() + 1.0, r.center().y)
}

/// Code point range of the `nth` occurrence of `needle` in the current document.
pub fn find(h: &Harness<'_, Acta>, needle: &str, nth: usize) -> (usize, usize) {
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    let text = doc.text();
    let byte = text.match_indices(needle).nth(nth).map(|(b, _)| b);
    let byte = byte.unwrap_or_else(|| panic!("{needle:?} #{nth} not in the document"));
    let start = doc.cp_of(byte);
    (start, start + needle.chars().count())
}

/// A mouse drag in a few frames, as egui needs to tell it from a click.
pub fn drag(h: &mut Harness<'_, Acta>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + (to - from) * 0.5);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// A click, then long enough for egui's double-click window (0.3 s) to pass.
pub fn click(h: &mut Harness<'_, Acta>, pos: Pos2, modifiers: Modifiers) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        let event =
            Event::PointerButton { pos, button: PointerButton::Primary, pressed, modifiers };
        h.event_modifiers(event, modifiers);
    }
    h.run();
    h.run_steps(12);
}
