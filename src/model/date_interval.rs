//! The stretch of days a normalised date value stands for (`2014` is a year, `2014-FA` three
//! months, `2022-W08` a week), as day numbers since 1970-01-01: what a timeline places events by.

use super::date_value::{Ymd, from_days, to_days};

/// First and last day of `value` (a value `date_value::normalize` accepts, absolute only).
pub fn interval(value: &str) -> Option<(i64, i64)> {
    let date = value.split(['T', 't']).next()?;
    let parts: Vec<&str> = date.split('-').collect();
    let year: i32 = parts.first().filter(|y| y.len() == 4)?.parse().ok()?;
    let day = |month: u32, day: u32| to_days(Ymd { year, month, day });
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        to_days(Ymd { year: ny, month: nm, day: 1 }) - 1
    };
    match parts.as_slice() {
        [_] => Some((day(1, 1), day(12, 31))),
        [_, m] => {
            let upper = m.to_ascii_uppercase();
            if let Ok(month) = m.parse::<u32>() {
                return (1..=12).contains(&month).then(|| (day(month, 1), month_end(year, month)));
            }
            if let Some(w) = upper.strip_prefix('W').and_then(|w| w.parse::<i64>().ok()) {
                // ISO week 1 holds 4 January; weeks start on Monday.
                let jan4 = day(1, 4);
                let monday = jan4 - (jan4 + 3).rem_euclid(7);
                let start = monday + (w - 1) * 7;
                return Some((start, start + 6));
            }
            if let Some(q) = upper.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
                let first = 3 * q.checked_sub(1)? + 1;
                return (1..=4).contains(&q).then(|| (day(first, 1), month_end(year, first + 2)));
            }
            let (first, last_year, last) = match upper.as_str() {
                "SP" => (3, year, 5),
                "SU" => (6, year, 8),
                "FA" => (9, year, 11),
                "WI" => (12, year + 1, 2),
                _ => return None,
            };
            Some((day(first, 1), month_end(last_year, last)))
        }
        [_, m, d] => {
            let (month, d) = (m.parse().ok()?, d.parse().ok()?);
            let start = day(month, d);
            (from_days(start) == Ymd { year, month, day: d }).then_some((start, start))
        }
        _ => None,
    }
}

/// A day number as `YYYY-MM-DD`.
pub fn day_name(day: i64) -> String {
    let d = from_days(day);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(value: &str) -> Option<(String, String)> {
        interval(value).map(|(a, b)| (day_name(a), day_name(b)))
    }

    #[test]
    fn every_form_of_value() {
        let n = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(named("2022-02-21"), n("2022-02-21", "2022-02-21"));
        assert_eq!(named("2024-10-04T17:25"), n("2024-10-04", "2024-10-04"));
        assert_eq!(named("2014-04"), n("2014-04-01", "2014-04-30"));
        assert_eq!(named("2024-02"), n("2024-02-01", "2024-02-29"));
        assert_eq!(named("2014"), n("2014-01-01", "2014-12-31"));
        assert_eq!(named("2022-W08"), n("2022-02-21", "2022-02-27"));
        assert_eq!(named("2020-W01"), n("2019-12-30", "2020-01-05"));
        assert_eq!(named("2014-Q2"), n("2014-04-01", "2014-06-30"));
        assert_eq!(named("2014-FA"), n("2014-09-01", "2014-11-30"));
        assert_eq!(named("2014-WI"), n("2014-12-01", "2015-02-28"));
        for bad in ["", "yesterday", "2014-13", "2023-02-29", "14", "2014-XX"] {
            assert_eq!(interval(bad), None, "{bad}");
        }
    }
}
