use super::*;
use proptest::prelude::*;

fn q(text: &str) -> Query {
    Query { text: text.into(), ..Default::default() }
}

fn texts(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    ranges.iter().map(|r| chars[r.clone()].iter().collect()).collect()
}

const RU: &str = "Южная Осетия признала ЛНР. Президент Южной\u{a0}Осетии и послы Южную Осетию \
                  поддержали; южноосетинский министр. Осетия.";

#[test]
fn plain_search_ignores_case_and_matches_any_white_space() {
    let found = find(RU, "ru", &q("южной осетии"));
    assert_eq!(texts(RU, &found), ["Южной\u{a0}Осетии"]);
    let case = Query { match_case: true, ..q("осетия") };
    assert!(find(RU, "ru", &case).is_empty());
    assert_eq!(find(RU, "ru", &q("Осет")).len(), 5, "южноосетинский too");
}

#[test]
fn whole_words_only() {
    let whole = Query { whole_word: true, ..q("Южн") };
    assert!(find(RU, "ru", &whole).is_empty());
    let whole = Query { whole_word: true, ..q("ЛНР") };
    assert_eq!(texts(RU, &find(RU, "ru", &whole)), ["ЛНР"]);
}

#[test]
fn inflected_search_finds_every_case_form_and_nothing_else() {
    let q = Query { inflected: true, ..q("Южная Осетия") };
    let found = find(RU, "ru", &q);
    assert_eq!(texts(RU, &found), ["Южная Осетия", "Южной\u{a0}Осетии", "Южную Осетию"]);
    let uk = "Південна Осетія і Абхазія. Визнання Південної Осетії, про Південну Осетію.";
    let q = Query {
        inflected: true, text: "Південна Осетія".into(), ..Default::default()
    };
    assert_eq!(texts(uk, &find(uk, "uk", &q)).len(), 3);
}

#[test]
fn offsets_are_code_points() {
    let text = "👩‍👩‍👧 Осетия";
    let found = find(text, "ru", &q("осетия"));
    assert_eq!(found, vec![Range { start: 6, end: 12 }]);
}

#[test]
fn regular_expressions_with_code_point_offsets_and_errors() {
    let text = "👩 ЛНР и ДНР, 21 февраля 2022 года";
    let re = Query { regex: true, ..q(r"[ЛД]НР") };
    assert_eq!(texts(text, &find(text, "ru", &re)), ["ЛНР", "ДНР"]);
    assert_eq!(find(text, "ru", &re)[0], Range { start: 2, end: 5 });
    let dates = Query { regex: true, ..q(r"\d+ \w+ \d{4}") };
    assert_eq!(texts(text, &find(text, "ru", &dates)), ["21 февраля 2022"]);
    let bad = Query { regex: true, ..q("([") };
    assert!(problem(&bad).is_some());
    assert!(find(text, "ru", &bad).is_empty());
    assert_eq!(problem(&re), None);
}

proptest! {
    /// Every plain match is where the text holds the query (ignoring case), and none overlap.
    #[test]
    fn plain_matches_are_real_and_disjoint(text in "[аб Аб\u{a0}x]{0,40}", needle in "[абx]{1,3}") {
        let found = find(&text, "ru", &q(&needle));
        let chars: Vec<char> = text.chars().collect();
        let mut last = 0;
        for r in &found {
            prop_assert!(r.start >= last && r.end <= chars.len());
            let got: String = chars[r.clone()].iter().flat_map(|c| c.to_lowercase()).collect();
            prop_assert_eq!(got, needle.to_lowercase());
            last = r.end;
        }
        let expected = text.to_lowercase().matches(&needle.to_lowercase()).count();
        prop_assert_eq!(found.len(), expected);
    }
}
