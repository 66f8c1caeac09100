//! The fast reader against the `ron` crate: what Acta writes reads the same through both, and
//! whatever the fast reader accepts of a damaged file, `ron` accepts too and reads the same.

use super::from_str;
use crate::formats::project::{self, ProjectIn};
use crate::formats::testgen;
use crate::model::{Schema, Span};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn both<T>(text: &str) -> (Result<T, super::Refused>, Result<T, ron::error::SpannedError>)
where
    T: serde::de::DeserializeOwned,
{
    (from_str(text), ron::from_str(text))
}

fn same_as_ron(text: &str) -> Result<(), String> {
    match both::<ProjectIn>(text) {
        (Ok(fast), Ok(slow)) if format!("{fast:?}") == format!("{slow:?}") => Ok(()),
        (Ok(fast), Ok(slow)) => Err(format!("read differently:\n{fast:?}\n{slow:?}")),
        (Ok(fast), Err(e)) => Err(format!("fast reader accepted what ron refuses ({e}): {fast:?}")),
        (Err(_), _) => Ok(()),
    }
}

#[test]
fn the_sample_project_is_read_fast_and_the_same() -> Result<(), Box<dyn std::error::Error>> {
    let text = crate::app::files::EMBEDDED_SAMPLE;
    let (fast, slow) = both::<ProjectIn>(text);
    assert_eq!(format!("{:?}", fast?), format!("{:?}", slow?));
    Ok(())
}

#[test]
fn the_small_project_reads_through_both() -> Result<(), Box<dyn std::error::Error>> {
    let (fast, slow) = both::<ProjectIn>(SMALL);
    assert_eq!(format!("{:?}", fast?), format!("{:?}", slow?));
    Ok(())
}

#[test]
fn escapes_and_odd_strings_read_as_ron_reads_them() {
    let texts = [
        r#""plain""#,
        r#""a\nb\tc\r\"q\" \\ \0 \'""#,
        r#""\u{a0}\u{1F600}\x41""#,
        "\"raw\nnewline and Юж\u{a0}ная\"",
    ];
    for text in texts {
        let (fast, slow) = both::<String>(text);
        assert_eq!(fast.ok(), slow.ok(), "{text}");
    }
}

#[test]
fn what_ron_reads_differently_is_refused_not_misread() {
    // Comments, raw strings, extensions, hex and floats are left to the `ron` crate.
    let refused = [
        "// note\n\"x\"",
        r##"r#"x"#"##,
        "0x10",
        "1_000",
        "1.5",
        "+1",
        "Some(1",
        r#""\x80""#,
        r#""\u{110000}""#,
    ];
    for text in refused {
        assert!(from_str::<serde::de::IgnoredAny>(text).is_err(), "{text}");
    }
    assert!(from_str::<u8>("256").is_err());
    assert!(from_str::<u32>("-1").is_err());
    assert_eq!(from_str::<i64>("-9223372036854775808").ok(), Some(i64::MIN));
    assert_eq!(from_str::<Option<u32>>("Some( 7 ,)").ok(), Some(Some(7)));
    assert_eq!(from_str::<Vec<u32>>("[1, 2,]").ok(), Some(vec![1, 2]));
}

#[test]
fn maps_options_and_variants() -> Result<(), Box<dyn std::error::Error>> {
    let text = r#"{"kind": "state", "b": "x"}"#;
    let (fast, slow) = both::<BTreeMap<String, String>>(text);
    assert_eq!(fast?, slow?);
    let schema = "(labels: [(name: \"A\", color: \"#3b82f6\", hotkey: Some(\"1\"), kind: Entity)], \
                  attributes: [(name: \"k\", on: [\"A\"], kind: Choice([\"x\", \"y\"])), \
                  (name: \"d\", on: [], kind: Date)])";
    let (fast, slow) = both::<Schema>(schema);
    assert_eq!(fast?, slow?);
    let span = "(id: 3, start: 0, end: 2, label: \"A\", text: \"Юж\", unknown: [1, {\"a\": None}])";
    let (fast, slow) = both::<Span>(span);
    assert_eq!(fast?, slow?);
    Ok(())
}

/// A whole project, small enough that damaged copies often still parse.
const SMALL: &str = r##"(
  format_version: 2,
  name: "Small",
  schema: (
    labels: [(name: "Actor", color: "#3b82f6", hotkey: Some("1"), kind: Entity), (name: "Event", color: "#f59e0b", kind: Event)],
    event_types: [(name: "Statement", color: "#f59e0b", roles: [(name: "Agent", targets: ["Actor"], cardinality: "+", hotkey: Some("a"))])],
    attributes: [(name: "kind", on: ["Actor"], kind: Choice(["state", "person"]))],
  ),
  documents: [
    (
      id: "d1",
      title: "Т\u{a0}1",
      lang: "ru",
      source: "",
      dateline: None,
      status: in_progress,
      notes: "",
      review: in_review,
      comments: [(author: "a", time: "2026-01-01T00:00:00Z", text: "ok")],
      next_id: 4,
      text: "Лавров заявил\nвчера.",
      spans: [
        (id: 1, start: 0, end: 6, label: "Actor", text: "Лавров", annotator: "x", attributes: {"kind": "person"}),
        (id: 2, start: 7, end: 13, label: "Event", text: "заявил", annotator: "x", note: Some("n")),
      ],
      events: [
        (id: 3, trigger: 2, type: "Statement", arguments: [(role: "Agent", target: 1)], annotator: "x", attributes: {"polarity": "asserted"}),
      ],
    ),
  ],
)
"##;

/// Characters that matter to the grammar, to damage files with.
const DAMAGE: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ",", ":", "\"", "\\", "a", "1", "-", "_", " ", "\n", "/", "#",
    "r", "Some", "None", "0", "u{", "x4", "Span", "\u{2028}", "é",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn projects_acta_writes_read_the_same(project in testgen::project()) {
        let text = project::to_ron(&project).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (fast, slow) = both::<ProjectIn>(&text);
        let slow = slow.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fast = fast.map_err(|e| TestCaseError::fail(format!("fast reader refused: {e}")))?;
        prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    }

    #[test]
    fn damaged_files_are_refused_or_read_as_ron_reads_them(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..4usize, 0..DAMAGE.len()), 1..4),
    ) {
        let mut text = SMALL.to_string();
        for (at, cut, with) in edits {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = (i + cut).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            text.replace_range(i..j, DAMAGE[with]);
        }
        same_as_ron(&text).map_err(TestCaseError::fail)?;
    }
}
