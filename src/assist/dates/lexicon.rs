//! The words one language uses for dates, in every inflected form the rules should meet: months
//! (full and abbreviated), weekdays, seasons, year words, relative days and years, day ordinals,
//! prepositions and "early/late" qualifiers. Built once per language from stems and endings.

use std::collections::HashMap;

/// A season as date_value writes it.
pub(super) type Season = &'static str;

#[derive(Debug, Default)]
pub(super) struct Lexicon {
    /// "ru", "uk", "en": the prefix of every rule name.
    pub lang: &'static str,
    pub months: HashMap<String, u32>,
    /// Abbreviations, taken only right after a day number: «28 апр», «06 вер», "5 Sept".
    pub month_abbr: HashMap<String, u32>,
    /// Weekday (0 = Monday) and whether the form needs a preposition before it, because alone it
    /// is another word (Russian «среду» is also "environment").
    pub weekdays: HashMap<String, (u32, bool)>,
    /// Short weekdays, taken only before a date: "Wed, 25/05/2022".
    pub weekday_abbr: HashMap<String, u32>,
    pub seasons: HashMap<String, Season>,
    /// Year words; `true` for abbreviations that take their full stop along («г.», «р.»).
    pub year_words: HashMap<String, bool>,
    pub relative_days: HashMap<String, i64>,
    /// Two-word relative years: («прошлого», «года») → -1.
    pub relative_years: Vec<([&'static str; 2], i32)>,
    /// Day numbers written as ordinal words: «второго» → 2.
    pub ordinals: HashMap<String, u32>,
    /// Tens that start a compound ordinal: «двадцать» (второго) → 20.
    pub ordinal_tens: HashMap<String, u32>,
    pub prepositions: Vec<&'static str>,
    /// «начале» (апреля), "early" (April): kept in the span, the value stays the month's.
    pub qualifiers: Vec<&'static str>,
    /// Prepositions taken before a qualifier only: Ukrainian «на початку» (a bare «на 2000»
    /// is a count more often than a year).
    pub qualifier_prepositions: Vec<&'static str>,
    /// Whether a preposition before the date belongs to the span (Russian and Ukrainian
    /// annotators take «в апреле»; English ones take "April", not "in April").
    pub keep_preposition: bool,
    /// Whether month and weekday names must be capitalised (English: "may" is a verb).
    pub capitalised_names: bool,
    /// English "May 25, 2022": the month may come before the day.
    pub month_first: bool,
}

impl Lexicon {
    pub fn new(lang: &'static str) -> Self {
        Self { lang, ..Self::default() }
    }
}

/// Adds `stem + ending` for every ending, all with the same value.
pub(super) fn forms<V: Copy>(map: &mut HashMap<String, V>, stem: &str, endings: &[&str], v: V) {
    for e in endings {
        map.insert(format!("{stem}{e}"), v);
    }
}

/// Adds each word with its value.
pub(super) fn words<V: Copy>(map: &mut HashMap<String, V>, list: &[(&str, V)]) {
    for (w, v) in list {
        map.insert((*w).to_string(), *v);
    }
}
