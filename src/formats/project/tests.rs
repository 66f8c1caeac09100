use super::*;
use crate::model::{AnnId, Argument, Edit};

fn sample() -> Project {
    let mut p = Project::new("Тест");
    let meta = DocMeta {
        id: "d1".into(),
        title: "Южная Осетия".into(),
        lang: "ru".into(),
        source: "seed.txt".into(),
        dateline: Some("2015-04-28".into()),
        status: DocStatus::InProgress,
        notes: "check «ЛНР»".into(),
        review: ReviewStatus::InReview,
        comments: vec![Comment {
            author: "Оля".into(),
            time: "2026-11-23T10:04:00Z".into(),
            text: "«ЛНР» — actor?\nask".into(),
        }],
        rejected: vec![Rejection {
            start: 13, end: 21, label: "Event".into(), by: "Оля".into()
        }],
    };
    let text = "Южная\u{a0}Осетия признала ЛНР.\r\n«Ми» — 👩‍👩‍👧 далі́\n";
    p.documents.push(Arc::new(Document::new(meta, text)));
    for (id, s, e, l) in [(1, 0, 12, "Actor"), (2, 22, 25, "Actor"), (3, 13, 21, "Event")] {
        let _ = Edit::AddSpan { doc: 0, span: Span::new(AnnId(id), s, e, l, "ann") }.apply(&mut p);
    }
    let mut event = Event::new(AnnId(4), AnnId(3), "Recognition", "ann");
    event.arguments = vec![
        Argument { role: "Agent".into(), target: AnnId(1) },
        Argument { role: "Theme".into(), target: AnnId(2) },
    ];
    event.attributes.insert("polarity".into(), "asserted".into());
    let _ = Edit::AddEvent { doc: 0, event }.apply(&mut p);
    let set = Edit::SetAttribute {
        doc: 0,
        id: AnnId(1),
        name: "kind".into(),
        value: Some("state".into()),
    };
    let _ = set.apply(&mut p);
    p
}

#[test]
fn round_trip_is_equal_and_byte_stable() {
    let p = sample();
    let first = to_ron(&p).unwrap_or_default();
    let loaded = parse("mem", &first).map(|l| l.project);
    assert_eq!(loaded.as_ref().ok(), Some(&p));
    let second = loaded.ok().and_then(|l| to_ron(&l).ok()).unwrap_or_default();
    assert_eq!(first, second);
    assert_eq!(Some(&first), to_ron_plain(&p).ok().as_ref(), "the splice writes ron's bytes");
    assert!(first.contains("\\r\\n"), "CR LF is escaped: {first}");
    assert!(first.contains("(id: 1, start: 0, end: 12, label: \"Actor\""), "{first}");
    assert!(
        first.contains(
            "(id: 4, trigger: 3, type: \"Recognition\", arguments: [(role: \"Agent\", target: 1)"
        ),
        "{first}"
    );
    assert_eq!(loaded_events(&first), 1);
    assert!(first.contains("review: in_review,"), "{first}");
    assert!(
        first.contains("rejected: [\n        (start: 13, end: 21, label: \"Event\", by: \"Оля\"),"),
        "{first}"
    );
}

fn loaded_events(text: &str) -> usize {
    parse("mem", text).map_or(0, |l| l.project.documents[0].event_count())
}

#[test]
fn version_1_files_still_open() {
    let v1 = to_ron(&sample())
        .unwrap_or_default()
        .replace("format_version: 2", "format_version: 1")
        .replace("status: in_progress,", "");
    let loaded = parse("old.ron", &v1);
    assert!(loaded.is_ok(), "{:?}", loaded.err());
}

#[test]
fn syntax_errors_name_line_and_column() {
    let mut text = to_ron(&sample()).unwrap_or_default();
    text = text.replacen("start: 0,", "start: 0,,", 1);
    let err = parse("p.ron", &text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("p.ron:"), "{err}");
    let line = text.lines().position(|l| l.contains(",,")).map_or(0, |i| i + 1);
    assert!(err.contains(&format!(":{line}:")), "{err} (line {line})");
}

#[test]
fn newer_format_is_refused_by_name() {
    let text = to_ron(&sample())
        .unwrap_or_default()
        .replace("format_version: 2", "format_version: 9")
        .replace("spans:", "spans_v9:");
    let err = parse("p.ron", &text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("newer Acta"), "{err}");
}

#[test]
fn unplaceable_spans_are_listed_not_dropped() {
    let text = to_ron(&sample()).unwrap_or_default().replace("end: 25", "end: 2500");
    let err = parse("p.ron", &text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("document `d1`, span #2: offsets 22..2500 run past the end"), "{err}");
}

#[test]
fn soft_problems_open_with_warnings() {
    let text = to_ron(&sample())
        .unwrap_or_default()
        .replace("label: \"Event\"", "label: \"Evnt\"")
        .replace("text: \"ЛНР\"", "text: \"ДНР\"");
    let loaded = parse("p.ron", &text);
    let warnings: Vec<String> =
        loaded.map(|l| l.warnings.iter().map(|w| w.to_string()).collect()).unwrap_or_default();
    // The relabelled trigger also no longer anchors its event properly.
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    let duplicated = to_ron(&sample()).unwrap_or_default().replace(
        "(id: 3, start: 13, end: 21, label: \"Event\"",
        "(id: 3, start: 0, end: 12, label: \"Actor\"",
    );
    let dup: Vec<String> = parse("p.ron", &duplicated)
        .map(|l| l.warnings.iter().map(|w| w.to_string()).collect())
        .unwrap_or_default();
    assert!(
        dup.iter().any(|w| w.contains("span #3: same label and offsets as annotation #1")),
        "{dup:?}"
    );
    assert!(warnings.iter().any(|w| w.contains("label `Evnt` is not in the schema")));
    assert!(warnings.iter().any(|w| w.contains("covered text \"ДНР\" does not match")));
}

#[test]
fn invalid_utf8_names_the_place() {
    let err = decode_utf8("x.ron", b"(\n  name: \"\xff\"".to_vec()).err();
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("line 2, column 10"), "{msg}");
}
