//! Tests of the draft: an untouched draft is the schema itself, a renamed row carries its
//! targets and owners along, bad keys and cardinalities are named, and a deletion in use asks
//! before it applies as one undo step.

use super::*;
use crate::app::settings::Settings;
use crate::app::{AppState, Command, Dialog};

fn state() -> AppState {
    let project = match crate::formats::project::parse("s", crate::app::files::EMBEDDED_SAMPLE) {
        Ok(loaded) => loaded.project,
        Err(e) => panic!("{e}"),
    };
    AppState::with_project(project, None, Settings::default())
}

fn draft(s: &AppState) -> Box<SchemaDraft> {
    Box::new(SchemaDraft::new(&s.project))
}

#[test]
fn an_untouched_draft_is_the_schema_itself() {
    let s = state();
    let d = draft(&s);
    assert_eq!(d.build(), Ok((s.project.schema.clone(), Renames::default())));
    assert!(d.warnings().is_empty());
}

#[test]
fn renaming_a_label_row_renames_its_targets_and_owners_too() {
    let s = state();
    let mut d = draft(&s);
    d.labels[0].name = "Person".into();
    let Ok((schema, renames)) = d.build() else { panic!("{:?}", d.build()) };
    assert_eq!(renames.labels, BTreeMap::from([("Actor".into(), "Person".into())]));
    assert_eq!(schema.event_types[0].roles[0].targets, ["Person"]);
    assert!(schema.attribute("Person", "kind").is_some());
}

#[test]
fn bad_keys_and_cardinalities_are_named() {
    let s = state();
    let mut d = draft(&s);
    d.labels[1].hotkey = "1".into();
    d.labels[2].hotkey = "Escape".into();
    d.event_types[0].roles[0].cardinality = "{3-2}".into();
    d.event_types[0].roles[1].hotkey = "A".into();
    let problems = d.build().err().unwrap_or_default();
    for expected in [
        "hotkey 1 is used by Actor and Date",
        "hotkey Escape of Event is kept for Clear selection",
        "role Agent of Statement: `{3-2}` is not a cardinality (use 1, ?, *, +, {n} or {n-m})",
        "hotkeys a and A are one key, used by Agent and Theme (roles of Statement)",
    ] {
        assert!(problems.iter().any(|p| p == expected), "{expected}: {problems:?}");
    }
}

#[test]
fn deleting_a_label_in_use_asks_then_applies_as_one_step() {
    let mut s = state();
    let dates = |s: &AppState| {
        s.project.documents.iter().flat_map(|d| d.spans()).filter(|x| x.label == "Date").count()
    };
    let before = dates(&s);
    assert!(before > 0);
    let mut d = draft(&s);
    d.labels.retain(|l| l.name != "Date");
    s.apply_schema_draft(d, false);
    let Some(Dialog::SchemaEditor(d)) = s.dialog.take() else { panic!("{:?}", s.dialog) };
    let question = d.confirm.clone().unwrap_or_default();
    assert_eq!(
        question.first().map(String::as_str),
        Some(format!("Label Date is used by {before} annotations.").as_str())
    );
    assert!(
        question.iter().any(|l| l.contains(&format!("deletes {before} spans"))),
        "{question:?}"
    );
    assert_eq!(dates(&s), before, "nothing changes before the answer");
    s.apply_schema_draft(d, true);
    assert_eq!(dates(&s), 0);
    assert!(s.project.schema.label("Date").is_none());
    assert_eq!(s.history.undo_label().as_deref(), Some("schema change"));
    s.run(Command::Undo);
    assert_eq!(dates(&s), before);
    assert!(s.project.schema.label("Date").is_some());
}
