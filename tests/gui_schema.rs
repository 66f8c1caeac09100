//! The schema editor in the real UI, headless: renaming a label through its field relabels every
//! span of every document as one undo step; a hotkey clash disables Apply and says who clashes;
//! deleting a label in use asks with the count before anything is deleted.

mod common;

use acta::app::Dialog;
use acta::ui::Acta;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Opens Project → Schema… from the menu bar.
fn open_editor(h: &mut Harness<'_, Acta>) {
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label_contains("Schema…").click();
    h.run();
    assert!(matches!(h.state().state.dialog, Some(Dialog::SchemaEditor(_))), "the editor is open");
}

/// Replaces the text of the field named `field` with `text`, as a person would.
fn retype(h: &mut Harness<'_, Acta>, field: &str, text: &str) {
    h.get_by_label(field).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(field).type_text(text);
    h.run();
}

fn count(h: &Harness<'_, Acta>, label: &str) -> usize {
    let p = &h.state().state.project;
    p.documents.iter().flat_map(|d| d.spans()).filter(|s| s.label == label).count()
}

fn apply_is_enabled(h: &Harness<'_, Acta>) -> bool {
    !h.get_by_label("Apply").accesskit_node().is_disabled()
}

#[test]
fn renaming_actor_to_person_relabels_every_span_and_undo_restores() {
    let mut h = common::harness(0);
    let actors = count(&h, "Actor");
    let documents_with_actors = {
        let p = &h.state().state.project;
        p.documents.iter().filter(|d| d.spans().any(|s| s.label == "Actor")).count()
    };
    assert!(actors > 50 && documents_with_actors > 1, "{actors} in {documents_with_actors}");
    open_editor(&mut h);
    retype(&mut h, "Label 1 name", "Person");
    assert!(apply_is_enabled(&h));
    h.get_by_label("Apply").click();
    h.run();
    assert!(h.state().state.dialog.is_none(), "a rename deletes nothing, so nothing is asked");
    assert_eq!(count(&h, "Person"), actors);
    assert_eq!(count(&h, "Actor"), 0);
    let schema = &h.state().state.project.schema;
    assert!(schema.label("Person").is_some() && schema.label("Actor").is_none());
    assert!(schema.attribute("Person", "kind").is_some(), "attributes follow the rename");
    // The toolbar shows the new label at once.
    h.get_by_label("Person");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count(&h, "Actor"), actors, "one undo step brings every span back");
    assert_eq!(count(&h, "Person"), 0);
    assert!(h.state().state.project.schema.label("Actor").is_some());
    assert!(!h.state().state.is_dirty());
}

#[test]
fn a_hotkey_clash_disables_apply_and_names_it() {
    let mut h = common::harness(0);
    open_editor(&mut h);
    assert!(apply_is_enabled(&h));
    retype(&mut h, "Date hotkey", "1");
    assert!(!apply_is_enabled(&h), "Apply waits until the clash is gone");
    h.get_by_label("hotkey 1 is used by Actor and Date");
    // Clicking the disabled button changes nothing.
    let before = h.state().state.project.schema.clone();
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(h.state().state.project.schema, before);
    retype(&mut h, "Date hotkey", "4");
    assert!(apply_is_enabled(&h));
    assert!(h.query_by_label("hotkey 1 is used by Actor and Date").is_none());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().state.dialog.is_none());
    assert_eq!(h.state().state.project.schema, before, "Cancel drops the draft");
}

#[test]
fn deleting_a_label_in_use_asks_with_the_count() {
    let mut h = common::harness(0);
    let dates = count(&h, "Date");
    assert!(dates > 0);
    open_editor(&mut h);
    h.get_by_label(&format!("{dates} spans"));
    h.get_by_label("Delete label Date").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let question = format!("Label Date is used by {dates} annotations.");
    h.get_by_label(&question);
    assert_eq!(count(&h, "Date"), dates, "nothing is deleted before the answer");

    // Back to the editor keeps the draft; asking again and saying yes deletes them.
    h.get_by_label("Back to the editor").click();
    h.run();
    assert!(h.query_by_label("Delete label Date").is_none(), "the draft still lacks Date");
    h.get_by_label("Apply").click();
    h.run();
    h.get_by_label("Delete and apply").click();
    h.run();
    assert!(h.state().state.dialog.is_none());
    assert_eq!(count(&h, "Date"), 0);
    assert!(h.state().state.project.schema.label("Date").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count(&h, "Date"), dates);
}

#[test]
fn renaming_a_role_on_the_event_types_tab_rewrites_the_arguments() {
    use acta::model::{Argument, Edit, Event};
    let mut h = common::harness(0);
    // A Statement on the first document: its trigger an Event span, its Agent an Actor.
    let (trigger, agent, id) = {
        let doc = h.state().state.doc().unwrap_or_else(|| panic!("no document"));
        let of = |label: &str| doc.spans().find(|s| s.label == label).map(|s| s.id);
        let (Some(t), Some(a)) = (of("Event"), of("Actor")) else { panic!("sample spans") };
        (t, a, doc.next_id())
    };
    let mut event = Event::new(id, trigger, "Statement", "tester");
    event.arguments.push(Argument { role: "Agent".into(), target: agent });
    assert!(h.state_mut().state.apply(Edit::AddEvent { doc: 0, event }));
    h.run();

    open_editor(&mut h);
    h.get_by_label("Event types").click();
    h.run();
    let statements: usize = h
        .state()
        .state
        .project
        .documents
        .iter()
        .map(|d| d.events().filter(|e| e.event_type == "Statement").count())
        .sum();
    h.get_by_label(&format!("{statements} events")); // Statement, shown first, with its count
    retype(&mut h, "Role 1 name", "Speaker");
    retype(&mut h, "Speaker cardinality", "{3-2}");
    assert!(!apply_is_enabled(&h), "a cardinality no count satisfies is refused");
    h.get_by_label_contains("role Speaker of Statement: `{3-2}` is not a cardinality");
    retype(&mut h, "Speaker cardinality", "{1-2}");
    // Speakers may now be Dates too: tick it in the targets menu.
    h.get_by_label("Speaker may point at").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Date").click();
    h.run();
    h.get_by_label("Attributes").click(); // every widget of every tab is named (kittest checks)
    h.run();
    assert!(apply_is_enabled(&h));
    h.get_by_label("Apply").click();
    h.run();
    assert!(h.state().state.dialog.is_none());
    let state = &h.state().state;
    let role = state.project.schema.event_type("Statement").and_then(|t| t.role("Speaker"));
    let role = role.unwrap_or_else(|| panic!("no Speaker role"));
    assert_eq!(role.targets, ["Actor", "Date"]);
    assert_eq!(role.cardinality.to_string(), "{1-2}");
    let args = state.doc().and_then(|d| d.event(id)).map(|e| e.arguments.clone());
    assert_eq!(args, Some(vec![Argument { role: "Speaker".into(), target: agent }]));
    let meeting = state.project.schema.event_type("Meeting").and_then(|t| t.role("Agent"));
    assert!(meeting.is_some(), "other types keep their Agent");
}
