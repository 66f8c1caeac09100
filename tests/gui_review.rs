//! Adjudication from the keyboard: two annotators' copies of the sample project merged into
//! layers, review mode on, agreed places accepted in bulk, every disagreement settled with
//! N/A/B/X/E and Alt+arrows, the document marked adjudicated; the export then takes gold.

mod common;

use acta::formats::export::{ExportOptions, ExportReport, GOLD_LAYER, select};
use acta::formats::project::parse;
use acta::model::{Document, Project, ReviewStatus, Span};
use acta::review::merge::merge;
use common::harness_on;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

type R = Result<(), Box<dyn std::error::Error>>;

fn sample() -> Result<Project, Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    Ok(parse("sample.ron", &std::fs::read_to_string(path)?)?.project)
}

/// The sample's first document as `who` annotated it; `change` edits the spans first.
fn copy_by(
    who: &str,
    change: impl Fn(&mut Vec<Span>),
) -> Result<Project, Box<dyn std::error::Error>> {
    let mut p = sample()?;
    p.documents.truncate(1);
    let d = &p.documents[0];
    let mut spans: Vec<Span> = d.spans_by_position().cloned().collect();
    let mut events: Vec<_> = d.events().cloned().collect();
    change(&mut spans);
    let mut kept: std::collections::HashSet<_> = spans.iter().map(|s| s.id).collect();
    events.retain(|e| kept.contains(&e.trigger));
    kept.extend(events.iter().map(|e| e.id));
    for e in &mut events {
        e.arguments.retain(|a| kept.contains(&a.target));
        e.annotator = who.to_string();
    }
    for s in &mut spans {
        s.annotator = who.to_string();
    }
    let doc = Document::from_annotations(d.meta.clone(), d.shared_text(), spans, events)
        .map_err(|p| format!("{p:?}"))?;
    p.documents[0] = Arc::new(doc);
    Ok(p)
}

fn gold_spans(p: &Project) -> Vec<(String, String)> {
    p.documents[0]
        .spans_by_position()
        .filter(|s| s.annotator == GOLD_LAYER)
        .map(|s| (s.label.clone(), s.text.clone()))
        .collect()
}

#[test]
fn a_reviewer_builds_gold_from_the_keyboard() -> R {
    let mut anna = copy_by("anna", |_| {})?;
    // boris: his first Actor is a Date, his second Actor is cut to its first word, and he
    // never tagged the last Actor that is no event's argument.
    let sample_doc = sample()?.documents.swap_remove(0);
    let unused = sample_doc
        .spans_by_position()
        .filter(|s| s.label == "Actor" && sample_doc.events_referring_to(s.id).next().is_none())
        .last()
        .map(|s| s.id)
        .ok_or("no unused Actor")?;
    let boris = copy_by("boris", |spans| {
        let actors: Vec<usize> = (0..spans.len()).filter(|&k| spans[k].label == "Actor").collect();
        if let [first, second, ..] = actors[..] {
            spans[first].label = "Date".into();
            let cut = spans[second].text.find(' ').map_or(spans[second].end, |b| {
                spans[second].start + spans[second].text[..b].chars().count()
            });
            spans[second].end = cut;
        }
        spans.retain(|s| s.id != unused);
    })?;
    let merged = merge(&mut anna, &boris, "boris.ron")?;
    assert!(merged.added_spans > 0);
    let doc = &anna.documents[0];
    let actors: Vec<&Span> =
        doc.spans_by_position().filter(|s| s.annotator == "anna" && s.label == "Actor").collect();
    let (first, second) = (actors[0].text.clone(), actors[1].text.clone());
    let last = sample_doc.span(unused).map(|s| s.text.clone()).unwrap_or_default();
    let anna_spans = doc.spans().filter(|s| s.annotator == "anna").count();
    let mut h = harness_on(anna, 0);

    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    assert!(h.state().state.in_review());
    h.get_by_label("Adjudication");
    h.get_by_label("Accept agreed (all layers)").click();
    h.run();
    let agreed = gold_spans(&h.state().state.project).len();

    assert_eq!(agreed, anna_spans - 3, "everything but the three differences");

    // 1st disagreement (reading order): the first Actor, which boris calls a Date → take A
    // (anna's), then edit its boundaries: E selects the gold span, Alt+Shift+→ drops the first
    // word, Alt+Shift+← puts it back.
    h.key_press(Key::N);
    h.run();
    h.get_by_label_contains("labels differ");
    h.key_press(Key::A);
    h.run();
    h.key_press(Key::E);
    h.run();
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    let cut = gold_spans(&h.state().state.project);
    assert!(!cut.iter().any(|(_, t)| *t == first), "the start moved: {cut:?}");
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    // 2nd: the event whose arguments are those two Actors: anna's version brings her longer
    // second Actor into gold, which settles the boundary difference too.
    h.key_press(Key::N);
    h.run();
    h.get_by_label_contains("arguments differ");
    let key_of = |h: &egui_kittest::Harness<'_, acta::ui::Acta>, who: &str| {
        let item = h.state().state.review.as_ref().and_then(|r| r.current().cloned());
        let versions = item.map(|i| i.versions).unwrap_or_default();
        let k = versions.iter().position(|v| v.by.iter().any(|(a, _)| a == who));
        [Key::A, Key::B][k.unwrap_or(0).min(1)]
    };
    let key = key_of(&h, "anna");
    h.key_press(key);
    h.run();
    // 3rd: the Actor only anna tagged → reject it.
    h.key_press(Key::N);
    h.run();
    h.get_by_label_contains("missing in some layers");
    h.key_press(Key::X);
    h.run();
    // An agreed event that points at the event settled above could not go in with the first
    // bulk accept (gold is built inside out); now it can.
    h.get_by_label("Accept agreed (all layers)").click();
    h.run();
    h.key_press(Key::M);
    h.run();

    let state = &h.state().state;
    let review = state.review.as_ref().ok_or("review mode off")?;
    assert_eq!(review.summary.open, 0, "every disagreement settled");
    let gold = gold_spans(&state.project);
    assert_eq!(gold.len(), agreed + 2, "{gold:?}");
    assert!(gold.contains(&("Actor".into(), first.clone())), "anna's label, boundaries back");
    assert!(gold.contains(&("Actor".into(), second.clone())), "anna's boundaries: {gold:?}");
    assert!(review.items.iter().all(|i| i.is_settled()), "every place settled");
    let rejected = gold.iter().filter(|(_, t)| *t == last).count();
    let shared = sample_doc.spans().filter(|s| s.text == last).count() - 1;
    assert_eq!(rejected, shared, "«{last}» rejected (its namesakes elsewhere stay)");
    let meta = &state.project.documents[0].meta;
    assert_eq!(meta.review, ReviewStatus::Adjudicated);
    assert_eq!(meta.rejected.len(), 1);
    assert_eq!(meta.rejected[0].by, "tester");

    // The export now takes the gold layer by default, events included.
    let mut report = ExportReport::default();
    let views = select(&state.project, &ExportOptions::default(), &mut report);
    assert_eq!(views[0].spans.len(), gold.len());
    assert!(views[0].events.iter().all(|e| e.annotator == GOLD_LAYER));
    assert_eq!(
        views[0].events.len(),
        state.project.documents[0].events().filter(|e| e.annotator == "anna").count(),
        "the events both layers share came with the agreed places"
    );
    Ok(())
}

#[test]
fn clicking_an_annotators_highlight_opens_its_place_and_leaves_the_layer_alone() -> R {
    let mut anna = copy_by("anna", |_| {})?;
    let boris = copy_by("boris", |spans| spans.truncate(1))?;
    merge(&mut anna, &boris, "boris.ron")?;
    let target = anna.documents[0]
        .spans_by_position()
        .find(|s| s.annotator == "anna")
        .map(|s| (s.id, s.start))
        .ok_or("no span")?;
    let mut h = harness_on(anna, 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    h.state_mut().state.select_span(target.0);
    h.run();
    let state = &h.state().state;
    assert_eq!(state.selected, None, "an annotator's span is not selected for editing");
    let current = state.review.as_ref().and_then(|r| r.current()).ok_or("no place")?;
    assert_eq!(current.start, target.1);
    // Delete now has nothing to delete: anna's layer is untouched.
    let before = state.project.documents[0].span_count();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().state.project.documents[0].span_count(), before);
    // Leaving review mode: new spans are the annotator's again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run();
    assert_eq!(h.state().state.layer_name(), "tester");
    Ok(())
}
