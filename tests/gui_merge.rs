//! File → Merge projects… driven through the real UI: two annotators' copies of the sample
//! merge into layers as one undo step, and a copy whose text differs is refused with nothing
//! changed.

mod common;

use acta::app::Dialog;
use acta::app::files::EMBEDDED_SAMPLE;
use acta::formats::project::{parse, save_file};
use acta::model::{AnnId, Document, Edit, Event, Project, Span};
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn sample() -> Result<Project, Box<dyn std::error::Error>> {
    Ok(parse("sample", EMBEDDED_SAMPLE)?.project)
}

/// The sample with a span by `who` on `word` in document 0 and an event on it, under the ids
/// the document hands out next (the same in every copy, so a merge must renumber).
fn annotated_by(who: &str, word: &str) -> Result<Project, Box<dyn std::error::Error>> {
    let mut p = sample()?;
    let doc = &p.documents[0];
    let start = doc.cp_of(doc.text().find(word).ok_or("word not in the text")?);
    let id = doc.next_id();
    let trigger = doc.spans().find(|s| s.label == "Event").map(|s| s.id).ok_or("no trigger")?;
    let span = Span::new(id, start, start + word.chars().count(), "Actor", who);
    Edit::AddSpan { doc: 0, span }.apply(&mut p)?;
    let mut event = Event::new(AnnId(id.0 + 1), trigger, "Statement", who);
    event.arguments.push(acta::model::Argument { role: "Agent".into(), target: id });
    Edit::AddEvent { doc: 0, event }.apply(&mut p)?;
    Ok(p)
}

/// File → Merge projects…, `path` typed into the field, Merge, and the job waited for.
fn merge_through_the_menu(h: &mut Harness<'_, acta::ui::Acta>, path: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge projects…").click();
    h.run();
    assert!(matches!(h.state().state.dialog, Some(Dialog::Path { .. })));
    h.get_by_label("Project files, one per line").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Project files, one per line").type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    h.state_mut().state.wait_for_jobs();
    h.run();
}

/// Who made the spans of document 0, with how many each.
fn layers(p: &Project) -> Vec<(String, usize)> {
    let mut out = std::collections::BTreeMap::new();
    for s in p.documents[0].spans() {
        *out.entry(s.annotator.clone()).or_insert(0) += 1;
    }
    out.into_iter().collect()
}

fn same_annotations(a: &Project, b: &Project) -> bool {
    a.documents.len() == b.documents.len()
        && a.documents
            .iter()
            .zip(&b.documents)
            .all(|(x, y)| x.meta == y.meta && x.spans().eq(y.spans()) && x.events().eq(y.events()))
}

#[test]
fn merge_adds_the_other_layer_and_one_undo_takes_it_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (olena, bohdan) = (dir.path().join("олена.ron"), dir.path().join("bohdan.ron"));
    let mine = annotated_by("Олена", "ЛНР")?;
    save_file(&mine, &olena)?;
    save_file(&annotated_by("Bohdan", "Дейнего")?, &bohdan)?;
    let mut h = common::harness_on(mine.clone(), 0);
    h.state_mut().state.path = Some(olena);
    merge_through_the_menu(&mut h, &bohdan);

    let state = &h.state().state;
    let status = state.status.clone().map(|m| m.text).unwrap_or_default();
    assert_eq!(status, "Merged 1 file(s): 1 spans, 1 events added, 0 documents added");
    assert!(state.dialog.is_none(), "no notes: {:?}", state.dialog);
    let doc = &state.project.documents[0];
    let theirs = doc.spans().find(|s| s.annotator == "Bohdan").ok_or("Bohdan's span is missing")?;
    assert_eq!(theirs.text, "Дейнего");
    assert!(doc.spans().any(|s| s.annotator == "Олена" && s.text == "ЛНР"));
    let event = doc.events().find(|e| e.annotator == "Bohdan").ok_or("Bohdan's event")?;
    assert_eq!(event.arguments[0].target, theirs.id, "the event points at the renumbered span");
    assert!(state.is_dirty());
    assert_eq!(layers(&state.project).len(), layers(&mine).len() + 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let state = &h.state().state;
    assert!(same_annotations(&state.project, &mine), "undo gives the project back");
    assert!(!state.is_dirty());
    Ok(())
}

#[test]
fn a_copy_whose_text_differs_is_refused_and_nothing_changes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let changed = dir.path().join("changed.ron");
    let mut theirs = annotated_by("Bohdan", "Дейнего")?;
    let meta = theirs.documents[2].meta.clone();
    let doc_id = meta.id.clone();
    theirs.documents[2] = Arc::new(Document::new(meta, "Совсем другой текст."));
    save_file(&theirs, &changed)?;
    let mine = annotated_by("Олена", "ЛНР")?;
    let mut h = common::harness_on(mine.clone(), 0);
    merge_through_the_menu(&mut h, &changed);

    let state = &h.state().state;
    match &state.dialog {
        Some(Dialog::Error { title, message }) => {
            assert_eq!(title, "Not merged; the project is unchanged");
            assert!(message.contains(&format!("`{doc_id}`")), "{message}");
            assert!(message.contains("changed.ron"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert!(state.project == mine, "nothing merged, not even document 0's new layer");
    assert!(!state.history.can_undo() && !state.is_dirty());
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().state.dialog.is_none());
    Ok(())
}
