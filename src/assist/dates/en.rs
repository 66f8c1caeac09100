//! English date words: months and weekdays (capitalised, so the verb "may" is not May),
//! abbreviations ("Sept", "Wed"), seasons, "today/yesterday/tomorrow", "last year".

use super::lexicon::{Lexicon, words};

pub(super) fn lexicon() -> Lexicon {
    let mut l = Lexicon::new("en");
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (m, name) in (1..).zip(months) {
        l.months.insert(name.to_string(), m);
        l.month_abbr.insert(name[..3].to_string(), m);
    }
    l.month_abbr.insert("sept".into(), 9);
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    for (d, name) in (0..).zip(days) {
        l.weekdays.insert(name.to_string(), (d, false));
        l.weekday_abbr.insert(name[..3].to_string(), d);
    }
    words(&mut l.weekday_abbr, &[("tues", 1), ("thur", 3), ("thurs", 3)]);
    words(
        &mut l.seasons,
        &[("spring", "SP"), ("summer", "SU"), ("autumn", "FA"), ("fall", "FA"), ("winter", "WI")],
    );
    words(&mut l.relative_days, &[("today", 0), ("yesterday", -1), ("tomorrow", 1)]);
    l.relative_years = vec![(["last", "year"], -1), (["this", "year"], 0), (["next", "year"], 1)];
    l.prepositions = vec!["in", "on", "since", "from", "until", "till", "by", "before", "after"];
    l.qualifiers = vec!["early", "mid", "late"];
    l.keep_preposition = false;
    l.capitalised_names = true;
    l.month_first = true;
    l
}
