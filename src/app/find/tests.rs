use super::*;
use crate::app::Command;
use crate::app::files::EMBEDDED_SAMPLE;
use crate::app::settings::Settings;
use crate::formats::project::parse;

fn sample() -> AppState {
    let project = parse("s", EMBEDDED_SAMPLE).map(|l| l.project).unwrap_or_default();
    AppState::with_project(project, None, Settings::default())
}

fn search(s: &mut AppState, text: &str, inflected: bool, all: bool) {
    s.run(Command::Find);
    if let Some(f) = s.find.as_mut() {
        f.query.text = text.into();
        f.query.inflected = inflected;
        f.whole_project = all;
    }
    s.refresh_find();
}

fn covered(s: &AppState, label: &str) -> usize {
    let Some(f) = &s.find else { return 0 };
    f.hits
        .iter()
        .filter(|h| {
            s.project.documents[h.doc]
                .spans_overlapping(h.start..h.end)
                .any(|sp| sp.label == label && sp.start == h.start && sp.end == h.end)
        })
        .count()
}

#[test]
fn annotate_all_tags_every_case_form_in_one_undo_step() {
    let mut s = sample();
    search(&mut s, "Южная Осетия", true, true);
    let hits = s.find.as_ref().map_or(0, |f| f.hits.len());
    let texts: Vec<String> = s.find.as_ref().map_or(Vec::new(), |f| {
        f.hits
            .iter()
            .map(|h| s.project.documents[h.doc].slice(h.start, h.end).to_string())
            .collect()
    });
    assert!(texts.iter().any(|t| t.starts_with("Южной")), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Южная")), "{texts:?}");
    let spans_before = s.project.span_count();
    let tagged_before = covered(&s, "Actor");
    if let Some(f) = s.find.as_mut() {
        f.label = "Actor".into();
    }
    s.preview_annotate_all();
    let Some(Dialog::AnnotateAll(mut plan)) = s.dialog.clone() else {
        panic!("no preview: {:?}", s.status);
    };
    assert_eq!(plan.candidates.len() + plan.already, hits);
    assert_eq!(plan.already, tagged_before, "those already tagged are left out");
    // Untick one: it stays untagged.
    plan.candidates[0].ticked = false;
    s.annotate_all(&plan);
    assert_eq!(covered(&s, "Actor"), hits - 1);
    assert!(s.is_dirty());
    s.run(Command::Undo);
    // (Ids are never reused, so the id counters stay where the tags moved them.)
    assert_eq!(s.project.span_count(), spans_before, "one undo takes all of them back");
    assert_eq!(covered(&s, "Actor"), tagged_before);
    s.run(Command::Redo);
    assert_eq!(covered(&s, "Actor"), hits - 1);
}

#[test]
fn next_and_previous_select_matches_across_documents() {
    let mut s = sample();
    search(&mut s, "ЛНР", false, true);
    let n = s.find.as_ref().map_or(0, |f| f.hits.len());
    assert!(n > 3);
    s.run(Command::FindNext);
    let first = s.selection.map(|x| x.range());
    assert!(first.is_some());
    assert_eq!(s.find.as_ref().and_then(|f| f.current), Some(0));
    s.run(Command::FindPrevious);
    assert_eq!(s.find.as_ref().and_then(|f| f.current), Some(n - 1), "wraps around");
    let last = s.find.as_ref().map(|f| f.hits[n - 1].clone());
    assert_eq!(last.map(|h| h.doc), Some(s.current), "the document of the match is shown");
    s.run(Command::FindNext);
    assert_eq!(s.selection.map(|x| x.range()), first);
    // A label key now tags the match.
    let spans = s.project.span_count();
    s.tag("Actor");
    assert_eq!(s.project.span_count(), spans + 1);
}

#[test]
fn this_document_only_and_the_selection_as_query() {
    let mut s = sample();
    s.selection = Some(TextSelection::new(0, 7));
    s.run(Command::Find);
    let q = s.find.as_ref().map(|f| f.query.text.clone()).unwrap_or_default();
    assert_eq!(q, s.project.documents[0].slice(0, 7));
    assert!(s.find.as_ref().is_some_and(|f| f.hits.iter().all(|h| h.doc == 0)));
    s.close_find();
    assert!(s.find.is_none());
}
