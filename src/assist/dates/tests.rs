//! Each rule in each language on the examples and their neighbours: the span found (as
//! text) and its value.

use super::find_dates;

/// (covered text, value) of every date in `text`.
fn dates(text: &str, lang: &str, dateline: Option<&str>) -> Vec<(String, Option<String>)> {
    find_dates(text, lang, dateline)
        .into_iter()
        .map(|m| (text.chars().skip(m.start).take(m.end - m.start).collect(), m.value))
        .collect()
}

fn one(text: &str, lang: &str, dateline: Option<&str>) -> (String, String) {
    let found = dates(text, lang, dateline);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    let (span, value) = found.into_iter().next().unwrap_or_default();
    (span, value.unwrap_or_default())
}

fn check(lang: &str, dateline: Option<&str>, cases: &[(&str, &str, &str)]) {
    for (text, span, value) in cases {
        assert_eq!(one(text, lang, dateline), (span.to_string(), value.to_string()), "{text}");
    }
}

#[test]
fn russian() {
    check(
        "ru",
        Some("2024-10-04"),
        &[
            ("Путин 21 февраля 2022 года признал", "21 февраля 2022 года", "2022-02-21"),
            ("В апреле 2015 года открыты", "В апреле 2015 года", "2015-04"),
            ("04 октября 2024 г. 17:25", "04 октября 2024 г. 17:25", "2024-10-04T17:25"),
            ("04 октября 2024 г.", "04 октября 2024 г.", "2024-10-04"),
            ("Участники с осени 2014 года", "с осени 2014 года", "2014-FA"),
            ("Об этом 4 октября заявил", "4 октября", "2024-10-04"),
            // Later than the dateline: last year's.
            ("уже 20 мая", "20 мая", "2024-05-20"),
            ("ещё в декабре", "в декабре", "2023-12"),
            ("решения 2008 г. пересмотру", "2008 г.", "2008"),
            ("ЦХИНВАЛ, 28 апр — РИА", "28 апр", "2024-04-28"),
            ("Второго ноября прошли", "Второго ноября", "2023-11-02"),
            ("двадцать второго сентября", "двадцать второго сентября", "2024-09-22"),
            ("вчера", "вчера", "2024-10-03"),
            ("Сегодня открыли", "Сегодня", "2024-10-04"),
            ("завтра", "завтра", "2024-10-05"),
            // 2024-10-04 was a Friday.
            ("открылись во\u{a0}вторник", "во\u{a0}вторник", "2024-10-01"),
            ("в среду", "в среду", "2024-10-02"),
            ("в пятницу", "в пятницу", "2024-10-04"),
            ("в\u{a0}начале апреля 2014 года", "в\u{a0}начале апреля 2014 года", "2014-04"),
            ("в прошлом году", "в прошлом году", "2023"),
            ("с 2014 года", "с 2014 года", "2014"),
            ("на 25.05.2022", "25.05.2022", "2022-05-25"),
            ("на 2022-05-25", "2022-05-25", "2022-05-25"),
            ("с 1 января", "с 1 января", "2024-01-01"),
            ("летом 2015 года", "летом 2015 года", "2015-SU"),
        ],
    );
}

#[test]
fn ukrainian() {
    check(
        "uk",
        Some("2022-02-20"),
        &[
            ("15 лютого Росія оголосила", "15 лютого", "2022-02-15"),
            ("до кордонів 1997 року.", "1997 року", "1997"),
            ("у грудні влада РФ", "у грудні", "2021-12"),
            ("23:15 06 вер 2025.", "23:15 06 вер 2025", "2025-09-06T23:15"),
            ("лютому", "", ""),
            ("у середу", "у середу", "2022-02-16"),
            ("в п'ятницю", "в п'ятницю", "2022-02-18"),
            ("вчора", "вчора", "2022-02-19"),
            ("сьогодні", "сьогодні", "2022-02-20"),
            ("завтра", "завтра", "2022-02-21"),
            ("восени 2014 року", "восени 2014 року", "2014-FA"),
            ("у квітні 2015 р.", "у квітні 2015 р.", "2015-04"),
            ("24 лютого 2022 р.", "24 лютого 2022 р.", "2022-02-24"),
            ("минулого року", "минулого року", "2021"),
            ("25/05/2022", "25/05/2022", "2022-05-25"),
        ]
        .into_iter()
        .filter(|c| !c.1.is_empty())
        .collect::<Vec<_>>(),
    );
    // A month alone, with no preposition, is not taken.
    assert!(dates("дякуємо лютому", "uk", None).is_empty());
}

#[test]
fn english() {
    check(
        "en",
        Some("2022-05-25"),
        &[
            ("Wed, 25/05/2022 - 21:37", "Wed, 25/05/2022 - 21:37", "2022-05-25T21:37"),
            ("has met on Wednesday with", "Wednesday", "2022-05-25"),
            ("on Monday", "Monday", "2022-05-23"),
            ("relations developed today will", "today", "2022-05-25"),
            ("yesterday", "yesterday", "2022-05-24"),
            ("tomorrow", "tomorrow", "2022-05-26"),
            ("on 24 February 2022", "24 February 2022", "2022-02-24"),
            ("on February 24, 2022,", "February 24, 2022", "2022-02-24"),
            ("on the 5th Sept", "5th Sept", "2021-09-05"),
            ("in April 2014", "April 2014", "2014-04"),
            ("in early April 2014", "early April 2014", "2014-04"),
            ("since autumn 2014", "autumn 2014", "2014-FA"),
            ("in 2014", "2014", "2014"),
            ("last year", "last year", "2021"),
            ("in May", "May", "2022-05"),
        ],
    );
    // "may" the verb, a year without a preposition, a number and a score are not dates.
    assert!(dates("we may go; 2014 people; 4,4%; 12:30 in G20", "en", None).is_empty());
}

#[test]
fn ranges_are_two_dates() {
    // «с 2014 по 2015 год»: each end is a date of its own; a range value is the annotator's call.
    assert_eq!(
        dates("с 2014 по 2015 год", "ru", None),
        [
            ("с 2014".to_string(), Some("2014".to_string())),
            ("по 2015 год".into(), Some("2015".into()))
        ]
    );
    assert_eq!(
        dates("з 1 по 15 лютого 2022 року", "uk", None).last().map(|d| d.0.as_str()),
        Some("по 15 лютого 2022 року")
    );
}

#[test]
fn qualifiers_and_their_prepositions() {
    check(
        "uk",
        Some("2022-02-20"),
        &[
            ("на початку травня", "на початку травня", "2021-05"),
            ("по лютому 2022 року", "по лютому 2022 року", "2022-02"),
            ("наприкінці 2014 року", "наприкінці 2014 року", "2014"),
        ],
    );
    check("ru", None, &[("до конца 2015 года", "до конца 2015 года", "2015")]);
    // «на» alone does not make a number a year.
    assert!(dates("на 2000 людей", "uk", None).is_empty());
}

#[test]
fn offsets_are_code_points_across_lines() {
    let text = "👩\u{200d}👩\u{200d}👧 строка\r\n\nПутин 21 февраля 2022 года.\nВчера";
    let found = find_dates(text, "ru", Some("2022-02-22"));
    let starts: Vec<usize> = found.iter().map(|m| m.start).collect();
    let at = |needle: &str| text[..text.find(needle).unwrap_or_default()].chars().count();
    assert_eq!(starts, [at("21 февраля"), at("Вчера")]);
    assert_eq!(found[1].value.as_deref(), Some("2022-02-21"));
}

#[test]
fn without_a_dateline() {
    // The year of the last full date before it; nothing to count weekdays or «вчера» from.
    let found =
        dates("21 февраля 2022 года признал. Россия с 22 февраля установила. Вчера", "ru", None);
    let values: Vec<Option<&str>> = found.iter().map(|(_, v)| v.as_deref()).collect();
    assert_eq!(values, [Some("2022-02-21"), Some("2022-02-22"), None]);
    assert_eq!(dates("15 лютого", "uk", None), [("15 лютого".to_string(), None)]);
}

#[test]
fn unknown_language_tries_all_three() {
    let found = dates("21 февраля 2022 года; 15 лютого 2022 р.; 25 May 2022", "", None);
    let values: Vec<&str> = found.iter().filter_map(|(_, v)| v.as_deref()).collect();
    assert_eq!(values, ["2022-02-21", "2022-02-15", "2022-05-25"]);
    assert_eq!(find_dates("вчера", "ru-RU", Some("2022-05-25"))[0].rule, "ru: relative day");
}

#[test]
fn impossible_days_and_odd_text_are_skipped() {
    assert!(dates("31 февраля 2022 года", "ru", None).is_empty());
    assert!(dates("1.2.2022.5", "ru", None).is_empty());
    // Never across a line break; any text, however odd, does not panic.
    assert!(dates("21 февраля\n2022 года", "ru", None).iter().all(|(s, _)| !s.contains('\n')));
    for text in ["", " ", "\u{0301}", "'", "31", "в", "г.", "12:", "25/", "2022-05-"] {
        let _ = dates(text, "", Some("2022-05-25"));
    }
}

#[test]
fn every_value_passes_the_checker() {
    let text = "21 февраля 2022 года, в апреле 2015 года, с осени 2014 года, вчера, во вторник, \
                у грудні, 1997 року, Wed, 25/05/2022 - 21:37, last year";
    for m in find_dates(text, "", Some("2022-05-25")) {
        if let Some(v) = &m.value {
            assert_eq!(crate::model::date_value::normalize(v, None).as_deref(), Ok(v.as_str()));
        }
    }
}
