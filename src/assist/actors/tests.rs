use super::*;
use crate::formats::project::parse;

fn sample() -> Project {
    parse("s", crate::app::files::EMBEDDED_SAMPLE).map(|l| l.project).unwrap_or_default()
}

#[test]
fn tagged_actors_are_found_again_in_other_case_forms_with_their_attributes() {
    let p = sample();
    // «Южная Осетия» is tagged in the first article; the second says «Южной Осетии».
    let found: Vec<Suggestion> =
        (0..p.documents.len()).flat_map(|d| suggest_actors(&p, d, None)).collect();
    let south = found.iter().find(|s| s.text.starts_with("Южной") && s.text.contains("Осетии"));
    let south = south.unwrap_or_else(|| panic!("not propagated: {found:#?}"));
    assert_eq!(south.label, "Actor");
    assert_eq!(south.attributes.get("kind").map(String::as_str), Some("state"));
    assert!(matches!(&south.source, Source::Propagation { from } if from.contains("Южная Осетия")));
    for s in &found {
        let doc = &p.documents[s.doc];
        assert!(
            !doc.spans_overlapping(s.start..s.end).any(|x| x.label == s.label),
            "already tagged: {s:?}"
        );
        assert_eq!(doc.slice(s.start, s.end), s.text);
    }
}

#[test]
fn gazetteer_entries_fill_canonical_and_kind() -> Result<(), GazetteerError> {
    let g = parse_gazetteer(
        "g.csv",
        "surface,canonical,kind\n# ministers\nЛавров,Сергей Лавров,person\n\"Дейнего\",\"Владислав Дейнего, МИД ЛНР\",person\n",
    )?;
    assert_eq!(g.entries.len(), 2);
    assert_eq!(g.entries[1].canonical, "Владислав Дейнего, МИД ЛНР", "quoted commas kept");
    let p = sample();
    let found: Vec<Suggestion> =
        (0..p.documents.len()).flat_map(|d| suggest_actors(&p, d, Some(&g))).collect();
    let lavrov = found
        .iter()
        .find(|s| matches!(&s.source, Source::Gazetteer { surface } if surface == "Лавров"))
        .unwrap_or_else(|| panic!("Лавров not suggested: {found:#?}"));
    assert_eq!(lavrov.value.as_deref(), Some("Сергей Лавров"));
    assert_eq!(lavrov.attributes.get("kind").map(String::as_str), Some("person"));
    Ok(())
}

#[test]
fn a_bad_gazetteer_row_names_its_line() {
    let err = parse_gazetteer("g.csv", "Лавров,Сергей Лавров\n,no surface\n").err();
    let text = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(text.starts_with("g.csv:2:"), "{text}");
}
