//! Building events in the real UI, headless: the seed-003 event («Южная Осетия признала
//! независимость ДНР и ЛНР в июне 2014 года») from the keyboard alone once its trigger is
//! clicked, a new argument tagged straight from a selection, the validation panel flagging a
//! missing Agent, cascading deletion with undo, and all of it surviving save and load.

mod common;

use acta::app::{Dialog, Mode};
use acta::formats::project::{parse, to_ron};
use acta::ui::Acta;
use common::{at, click, drag, harness};
use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const DOC_003: usize = 3;
const DOC_004: usize = 4;

fn span_id(h: &Harness<'_, Acta>, text: &str) -> acta::model::AnnId {
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    let span = doc.spans_by_position().find(|s| s.text == text);
    span.unwrap_or_else(|| panic!("no span «{text}»")).id
}

fn key(h: &mut Harness<'_, Acta>, k: Key) {
    h.key_press(k);
    h.run();
}

fn type_text(h: &mut Harness<'_, Acta>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run();
}

/// The open event as (type, [(role, covered text)]).
fn open_event(h: &Harness<'_, Acta>) -> (String, Vec<(String, String)>) {
    let state = &h.state().state;
    let doc = state.doc().unwrap_or_else(|| panic!("no document"));
    let e = state.open_event().unwrap_or_else(|| panic!("no open event; mode {:?}", state.mode));
    let args = e
        .arguments
        .iter()
        .map(|a| (a.role.clone(), doc.span(a.target).map(|s| s.text.clone()).unwrap_or_default()))
        .collect();
    (e.event_type.clone(), args)
}

/// Clicks the trigger span with `trigger_text`, presses the Event key and picks the type
/// matching `type_filter`: the one mouse action, then the keyboard.
fn start_event(
    h: &mut Harness<'_, Acta>,
    trigger_text: &str,
    type_filter: &str,
) -> acta::model::AnnId {
    let trigger = span_id(h, trigger_text);
    let start = h.state().state.doc().and_then(|d| d.span(trigger)).map_or(0, |s| s.start);
    let pos = at(h, start + 1);
    click(h, pos, Modifiers::NONE);
    assert_eq!(h.state().state.selected, Some(trigger));
    key(h, Key::Num3); // the Event key on a trigger asks for the event's type
    assert!(matches!(h.state().state.mode, Mode::PickType { .. }), "{:?}", h.state().state.mode);
    type_text(h, type_filter);
    key(h, Key::Enter);
    trigger
}

fn problems(h: &mut Harness<'_, Acta>) -> Vec<String> {
    h.state_mut().state.problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_seed_003_event_from_the_keyboard() {
    let mut h = harness(DOC_003);
    start_event(&mut h, "признала независимость", "Reco");
    assert_eq!(open_event(&h).0, "Recognition");

    key(&mut h, Key::A); // Agent: the nearest Actor is offered first
    assert!(matches!(&h.state().state.mode, Mode::PickArgument { role, .. } if role == "Agent"));
    key(&mut h, Key::Enter);
    key(&mut h, Key::T); // Theme, by type-ahead
    type_text(&mut h, "ДНР");
    key(&mut h, Key::Enter);
    key(&mut h, Key::T);
    type_text(&mut h, "лнр"); // case does not matter
    key(&mut h, Key::Enter);
    key(&mut h, Key::W); // Time, by number
    key(&mut h, Key::Num1);
    let want = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(r, t)| (r.to_string(), t.to_string())).collect()
    };
    assert_eq!(
        open_event(&h),
        (
            "Recognition".into(),
            want(&[
                ("Agent", "Южная Осетия"),
                ("Theme", "ДНР"),
                ("Theme", "ЛНР"),
                ("Time", "в июне 2014 года")
            ])
        )
    );
    key(&mut h, Key::Escape);
    assert_eq!(h.state().state.mode, Mode::Normal);
    assert!(!problems(&mut h).iter().any(|p| p.contains("event")), "{:?}", problems(&mut h));

    // Removing the Agent is flagged by the validation panel, which also shows it.
    let event = h.state().state.open_event().map(|e| e.id);
    let Some(event) = event else { panic!("the event stays selected") };
    h.state_mut().state.remove_argument(event, 0);
    h.run();
    let flagged = problems(&mut h);
    assert!(
        flagged.iter().any(|p| p.contains(&format!("event {event}: missing mandatory role Agent"))),
        "{flagged:?}"
    );
    h.get_by_label_contains("missing mandatory role Agent");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!problems(&mut h).iter().any(|p| p.contains("missing mandatory role")));

    // Save and load: the event and its arguments survive, byte for byte on a second save.
    let text = to_ron(&h.state().state.project).unwrap_or_default();
    let loaded = parse("saved", &text).map(|l| l.project);
    assert_eq!(loaded.as_ref().ok(), Some(&h.state().state.project));
    assert_eq!(loaded.ok().and_then(|p| to_ron(&p).ok()), Some(text));
}

#[test]
fn the_seed_004_meeting_completely_with_a_new_place_tagged_from_the_selection() {
    let mut h = harness(DOC_004);
    start_event(&mut h, "has met", "Meet");
    key(&mut h, Key::A);
    type_text(&mut h, "Alan Gagloev");
    key(&mut h, Key::Enter);
    key(&mut h, Key::P);
    type_text(&mut h, "Deinego");
    key(&mut h, Key::Enter);
    key(&mut h, Key::W);
    key(&mut h, Key::Num1); // the nearest Date: «Wednesday»
    // Select «Tskhinval» (not annotated in the sample) and press l for Place.
    let doc = h.state().state.doc().map(|d| d.text().to_string()).unwrap_or_default();
    let byte = doc.find("Tskhinval").unwrap_or_else(|| panic!("Tskhinval"));
    let cp = doc[..byte].chars().count();
    h.state_mut().state.selection = Some(acta::app::TextSelection::new(cp, cp + 9));
    key(&mut h, Key::L);
    let (kind, args) = open_event(&h);
    assert_eq!(kind, "Meeting");
    let roles: Vec<(&str, &str)> = args.iter().map(|(r, t)| (r.as_str(), t.as_str())).collect();
    assert_eq!(
        roles,
        vec![
            ("Agent", "President of South Ossetia Alan Gagloev"),
            (
                "Participant",
                "Minister of Foreign Affairs of the Lugansk People's Republic Vladislav Deinego"
            ),
            ("Time", "Wednesday"),
            ("Place", "Tskhinval"),
        ]
    );
    assert!(!problems(&mut h).iter().any(|p| p.contains("event")), "{:?}", problems(&mut h));
    let span = span_id(&h, "Tskhinval");
    assert_eq!(
        h.state().state.doc().and_then(|d| d.span(span)).map(|s| s.label.clone()),
        Some("Actor".into())
    );
    // One undo removes both the new span and the argument.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    assert!(doc.spans().all(|s| s.text != "Tskhinval"));
}

#[test]
fn dragging_from_the_trigger_to_a_span_attaches_it_in_a_fitting_role() {
    let mut h = harness(DOC_003);
    let trigger = span_id(&h, "признала независимость");
    let agent = span_id(&h, "Южная Осетия");
    let date = span_id(&h, "в июне 2014 года");
    let span_start = |h: &Harness<'_, Acta>, id| {
        h.state().state.doc().and_then(|d| d.span(id)).map_or(0, |s| s.start)
    };
    let pos = at(&h, span_start(&h, trigger) + 2);
    click(&mut h, pos, Modifiers::NONE);
    key(&mut h, Key::Num3);
    key(&mut h, Key::Num3);
    for (target, role) in [(agent, "Agent"), (date, "Time")] {
        let from = at(&h, span_start(&h, trigger) + 4);
        let to = at(&h, span_start(&h, target) + 2);
        drag(&mut h, from, to);
        let (_, args) = open_event(&h);
        assert!(args.iter().any(|(r, _)| r == role), "{role} not filled: {args:?}");
    }
    assert_eq!(h.state().state.selection.filter(|s| !s.is_empty()), None, "no text got selected");
}

#[test]
fn deleting_an_argument_asks_and_undo_restores_both() {
    let mut h = harness(DOC_003);
    let trigger = span_id(&h, "признала независимость");
    let start = h.state().state.doc().and_then(|d| d.span(trigger)).map_or(0, |s| s.start);
    let pos = at(&h, start + 2);
    click(&mut h, pos, Modifiers::NONE);
    key(&mut h, Key::Num3);
    key(&mut h, Key::Num3); // third type in the list: Recognition
    assert_eq!(open_event(&h).0, "Recognition");
    key(&mut h, Key::T);
    type_text(&mut h, "ДНР");
    key(&mut h, Key::Enter);
    key(&mut h, Key::Escape);
    // Select the ДНР span itself and delete it.
    let dnr = span_id(&h, "ДНР");
    h.state_mut().state.mode = Mode::Normal;
    h.state_mut().state.select_span(dnr);
    h.run();
    key(&mut h, Key::Delete);
    let summary = match &h.state().state.dialog {
        Some(Dialog::ConfirmDelete { summary, .. }) => summary.clone(),
        other => panic!("expected a question, got {other:?}"),
    };
    assert!(
        summary
            .contains("removed from the arguments of Recognition event «признала независимость»"),
        "{summary}"
    );
    h.get_by_label("Delete").click();
    h.run();
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    assert!(doc.span(dnr).is_none());
    assert!(doc.events().all(|e| e.arguments.is_empty()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
    assert!(doc.span(dnr).is_some());
    assert!(
        doc.events().any(|e| e.arguments.iter().any(|a| a.target == dnr)),
        "undo restores both"
    );
}

#[test]
fn attributes_are_edited_in_the_panel_and_dates_normalised() {
    let mut h = harness(DOC_003); // dateline 2015-04-28
    let date = span_id(&h, "Сегодня");
    h.state_mut().state.select_span(date);
    h.run();
    h.get_by_label("value").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A); // replace the sample's value
    h.run();
    h.get_by_label("value").type_text("yesterday");
    h.run();
    h.get_by_label_contains("→ 2015-04-27");
    h.key_press(Key::Enter);
    h.run();
    let value = |h: &Harness<'_, Acta>| {
        h.state()
            .state
            .doc()
            .and_then(|d| d.span(date))
            .and_then(|s| s.attributes.get("value").cloned())
    };
    assert_eq!(value(&h).as_deref(), Some("2015-04-27"));
    // A choice attribute on an Actor, through its combo box.
    let actor = span_id(&h, "Южная Осетия");
    h.state_mut().state.select_span(actor);
    h.run();
    let kind = |h: &Harness<'_, Acta>| {
        let doc = h.state().state.doc();
        doc.and_then(|d| d.span(actor)).and_then(|s| s.attributes.get("kind").cloned())
    };
    let before = kind(&h);
    h.get_by_label("kind").click();
    h.run();
    h.get_by_label("group").click();
    h.run();
    assert_eq!(kind(&h).as_deref(), Some("group"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(kind(&h), before, "undo restores it");
}

#[test]
fn tab_moves_between_role_slots_and_enter_opens_the_picker() {
    let mut h = harness(DOC_003);
    start_event(&mut h, "признала независимость", "Recog");
    // Recognition: Agent, Theme, Time, Place. Two Tabs reach Time.
    key(&mut h, Key::Tab);
    key(&mut h, Key::Tab);
    assert!(
        matches!(h.state().state.mode, Mode::EditEvent { slot: 2, .. }),
        "{:?}",
        h.state().state.mode
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    h.key_press(Key::Tab);
    h.run();
    key(&mut h, Key::Enter);
    assert!(
        matches!(&h.state().state.mode, Mode::PickArgument { role, .. } if role == "Time"),
        "{:?}",
        h.state().state.mode
    );
    key(&mut h, Key::Enter);
    let (_, args) = open_event(&h);
    assert_eq!(args, vec![("Time".to_string(), "в июне 2014 года".to_string())]);
}
