//! Normalised date values for Date spans, ISO 8601 / TIMEX3-like: `2022-02-21`, `2014-06`, `2024`,
//! `2022-W08`, `2014-Q2`, `2014-FA` (seasons SP SU FA WI), with an optional `THH:MM`. Relative
//! input (`today`, `yesterday`, `tomorrow`, `MM-DD`, `+3d`) is resolved against the dateline.

/// A calendar date, for the relative forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), and back: for `+3d` and `yesterday`.
pub(crate) fn to_days(d: Ymd) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Ymd { year, month, day }
}

/// The day `n` days after `d` (before, for negative `n`).
pub fn add_days(d: Ymd, n: i64) -> Ymd {
    from_days(to_days(d) + n)
}

/// Day of the week, 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
pub fn weekday(d: Ymd) -> u32 {
    (to_days(d) + 3).rem_euclid(7) as u32
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Parses `YYYY-MM-DD` (the dateline's form).
pub fn parse_ymd(s: &str) -> Option<Ymd> {
    let mut parts = s.trim().splitn(3, '-');
    let year = digits(parts.next()?, 4)? as i32;
    let month = digits(parts.next()?, 2)?;
    let day = digits(parts.next()?.get(..2)?, 2)?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Ymd {
        year,
        month,
        day,
    })
}

fn fmt_ymd(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Checks and normalises a date value; relative forms need the document's dateline.
pub fn normalize(input: &str, dateline: Option<&str>) -> Result<String, String> {
    let s = input.trim();
    let reference = dateline.and_then(parse_ymd);
    let need_ref = || {
        reference
            .ok_or_else(|| format!("`{s}` is relative: the document needs a dateline (YYYY-MM-DD)"))
    };
    let lower = s.to_lowercase();
    let shift = match lower.as_str() {
        "today" | "сегодня" | "сьогодні" => Some(0),
        "yesterday" | "вчера" | "вчора" => Some(-1),
        "tomorrow" | "завтра" => Some(1),
        _ => lower
            .strip_prefix('+')
            .or_else(|| lower.strip_prefix('-').filter(|r| r.ends_with('d')))
            .and_then(|r| r.strip_suffix('d'))
            .and_then(|n| n.parse::<i64>().ok())
            .map(|n| if lower.starts_with('-') { -n } else { n }),
    };
    if let Some(days) = shift {
        return Ok(fmt_ymd(from_days(to_days(need_ref()?) + days)));
    }
    // MM-DD: a day of the dateline's year.
    if let Some((m, d)) = s.split_once('-')
        && let (Some(month), Some(day)) = (digits(m, 2), digits(d, 2))
    {
        let year = need_ref()?.year;
        return check_date(year, month, day, None).map_err(|e| format!("`{s}`: {e}"));
    }
    absolute(s).map_err(|e| format!("`{s}` is not a date value ({e}); use e.g. 2022-02-21, 2014-06, 2024, 2022-W08, 2014-Q2, 2014-FA"))
}

fn check_date(year: i32, month: u32, day: u32, time: Option<&str>) -> Result<String, String> {
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} does not exist"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(format!("{year}-{month:02} has no day {day}"));
    }
    let mut out = fmt_ymd(Ymd { year, month, day });
    if let Some(t) = time {
        let (h, m) = t.split_once(':').ok_or("time must be HH:MM")?;
        let (h, m) = (digits(h, 2).ok_or("bad hour")?, digits(m, 2).ok_or("bad minute")?);
        if h > 23 || m > 59 {
            return Err(format!("{h:02}:{m:02} is not a time"));
        }
        out.push_str(&format!("T{h:02}:{m:02}"));
    }
    Ok(out)
}

fn absolute(s: &str) -> Result<String, String> {
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let year =
        parts.first().and_then(|y| digits(y, 4)).ok_or("the year must have 4 digits")? as i32;
    match parts.as_slice() {
        [_] if time.is_none() => Ok(format!("{year:04}")),
        [_, m] if time.is_none() => {
            let upper = m.to_uppercase();
            if let Some(month) = digits(m, 2) {
                return if (1..=12).contains(&month) {
                    Ok(format!("{year:04}-{month:02}"))
                } else {
                    Err(format!("month {month} does not exist"))
                };
            }
            if let Some(w) = upper.strip_prefix('W').and_then(|w| digits(w, 2)) {
                return if (1..=53).contains(&w) {
                    Ok(format!("{year:04}-W{w:02}"))
                } else {
                    Err(format!("week {w} does not exist"))
                };
            }
            if let Some(q) = upper.strip_prefix('Q').and_then(|q| digits(q, 1)) {
                return if (1..=4).contains(&q) {
                    Ok(format!("{year:04}-Q{q}"))
                } else {
                    Err(format!("quarter {q} does not exist"))
                };
            }
            match upper.as_str() {
                "SP" | "SU" | "FA" | "WI" => Ok(format!("{year:04}-{upper}")),
                _ => Err(format!("`{m}` is not a month, week, quarter or season")),
            }
        }
        [_, m, d] => {
            let month = digits(m, 2).ok_or("the month must have 2 digits")?;
            let day = digits(d, 2).ok_or("the day must have 2 digits")?;
            check_date(year, month, day, time)
        }
        _ => Err("too many parts".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_values() {
        let ok = |s: &str, want: &str| assert_eq!(normalize(s, None).as_deref(), Ok(want), "{s}");
        ok("2022-02-21", "2022-02-21");
        ok(" 2014-06 ", "2014-06");
        ok("2024", "2024");
        ok("2022-w08", "2022-W08");
        ok("2014-q2", "2014-Q2");
        ok("2014-fa", "2014-FA");
        ok("2024-10-04T17:25", "2024-10-04T17:25");
        ok("2024-02-29", "2024-02-29");
        for bad in [
            "2023-02-29",
            "2014-13",
            "2022-W54",
            "14-06",
            "2014-06-1",
            "June 2014",
            "2024-10-04T25:00",
            "",
        ] {
            assert!(normalize(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn relative_values_use_the_dateline() {
        let d = Some("2022-05-25");
        assert_eq!(normalize("yesterday", d).as_deref(), Ok("2022-05-24"));
        assert_eq!(normalize("вчера", d).as_deref(), Ok("2022-05-24"));
        assert_eq!(normalize("+10d", d).as_deref(), Ok("2022-06-04"));
        assert_eq!(normalize("-25d", d).as_deref(), Ok("2022-04-30"));
        assert_eq!(normalize("02-15", d).as_deref(), Ok("2022-02-15"));
        assert_eq!(normalize("today", Some("2024-03-01")).as_deref(), Ok("2024-03-01"));
        assert_eq!(normalize("yesterday", Some("2024-03-01")).as_deref(), Ok("2024-02-29"));
        assert!(normalize("today", None).is_err_and(|e| e.contains("dateline")));
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 19_000, 60_000] {
            assert_eq!(to_days(from_days(days)), days);
        }
        assert_eq!(to_days(Ymd { year: 1970, month: 1, day: 1 }), 0);
        // 2022-05-25 and 2015-04-28 were a Wednesday and a Tuesday.
        assert_eq!(weekday(Ymd { year: 2022, month: 5, day: 25 }), 2);
        assert_eq!(weekday(Ymd { year: 2015, month: 4, day: 28 }), 1);
        assert_eq!(
            add_days(Ymd { year: 2024, month: 3, day: 1 }, -1),
            Ymd { year: 2024, month: 2, day: 29 }
        );
    }
}
