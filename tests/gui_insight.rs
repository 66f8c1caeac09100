//! The Statistics window through the real UI: opened from the Project menu, it shows documents
//! done against all, counts per label (as a chart) and per annotator, follows edits, and a
//! document's title goes to it.

mod common;

use acta::app::TextSelection;
use egui_kittest::kittest::Queryable;

#[test]
fn statistics_window_counts_follow_edits_and_lead_to_documents() {
    let mut h = common::harness(0);
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Statistics…").click();
    h.run();
    assert!(h.state().state.show_stats);
    h.get_by_label("3 of 5 done");
    h.get_by_label_contains("5 documents, 3 done · 186 spans · 38 events");
    h.get_by_label("sample");

    h.state_mut().state.selection = Some(TextSelection::new(0, 7));
    h.state_mut().state.tag("Actor");
    h.run();
    h.get_by_label_contains("187 spans");

    let title = h.state().state.project.documents[3].meta.title.clone();
    // The window's link (the document list has a button of the same name).
    let link = h.get_all_by_label(&title).last();
    link.unwrap_or_else(|| panic!("no row for {title}")).click();
    h.run();
    assert_eq!(h.state().state.current, 3);
}

#[test]
fn timeline_shows_dated_events_in_order_and_opens_one() {
    let mut h = common::harness(0);
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Timeline…").click();
    h.run();
    assert!(h.state().state.show_timeline);
    h.get_by_label_contains(" events from 20");
    // Putin's recognition of the LNR (21 February 2022) is a row; a click opens it in the text.
    let row = h.get_all_by_label_contains("Recognition «признал суверенитет»").next();
    row.unwrap_or_else(|| panic!("no row for the recognition")).click();
    h.run();
    let state = &h.state().state;
    assert_eq!(state.current, 0);
    let open = state.open_event().map(|e| e.event_type.clone());
    assert_eq!(open.as_deref(), Some("Recognition"));
}
