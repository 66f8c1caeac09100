//! The wall clock for comments: now as RFC 3339 UTC (`2026-11-23T10:04:00Z`), and a stored time
//! shown briefly (`2026-11-23 10:04 UTC`). Civil dates by hand (Howard Hinnant's algorithm), so
//! no date crate; a clock set before 1970 gives the epoch rather than a panic.

use std::time::{SystemTime, UNIX_EPOCH};

/// What a clock before 1970 reads as: a time no comment will sort before, not a crash.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

/// Now, to the second, in UTC.
pub fn now_rfc3339() -> String {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => rfc3339_from_secs(since.as_secs()),
        Err(_) => EPOCH.to_string(),
    }
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339_from_secs(secs: u64) -> String {
    let days = secs / 86_400;
    let rest = secs % 86_400;
    // u64 seconds give fewer than 2^48 days: the cast to i64 cannot wrap.
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
/// <https://howardhinnant.github.io/date_algorithms.html#civil_from_days>
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // counted from 0000-03-01, so leap days end each 4-year cycle
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of the 400-year era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    let mp = (5 * doy + 2) / 153; // month from March, 0..=11
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The parts of an RFC 3339 time a person needs: date, hour, minute and the offset.
struct Stamp<'a> {
    date: &'a str,
    hour: &'a str,
    minute: &'a str,
    /// `Z`, `+03:00`…
    offset: &'a str,
}

fn digits(s: &str, max: u32) -> Option<u32> {
    let n: u32 = s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok())??;
    (n <= max).then_some(n)
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, checked field by field (`t` and `z` accepted, as
/// RFC 3339 allows).
fn parse(s: &str) -> Option<Stamp<'_>> {
    let (date, time) = s.split_once(['T', 't'])?;
    let d: Vec<&str> = date.split('-').collect();
    let [y, m, day] = d.as_slice() else { return None };
    if y.len() != 4 || m.len() != 2 || day.len() != 2 {
        return None;
    }
    digits(y, 9999)?;
    if digits(m, 12)? == 0 || digits(day, 31)? == 0 {
        return None;
    }
    let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => return None,
    };
    let valid_offset = match offset {
        "Z" | "z" => true,
        o => {
            o.len() == 6
                && o.as_bytes()[3] == b':'
                && digits(&o[1..3], 23).is_some()
                && digits(&o[4..6], 59).is_some()
        }
    };
    let whole = match clock.split_once('.') {
        Some((_, frac)) if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) => {
            return None;
        }
        Some((whole, _)) => whole,
        None => clock,
    };
    let t: Vec<&str> = whole.split(':').collect();
    let [hour, minute, second] = t.as_slice() else { return None };
    let two = |p: &str, max| p.len() == 2 && digits(p, max).is_some();
    // 60 seconds: a leap second, which RFC 3339 allows.
    if !(valid_offset && two(hour, 23) && two(minute, 59) && two(second, 60)) {
        return None;
    }
    Some(Stamp { date, hour, minute, offset })
}

/// Whether `s` is an RFC 3339 date and time (what comments store).
pub fn is_rfc3339(s: &str) -> bool {
    parse(s).is_some()
}

/// A stored time as a person reads it: `2026-11-23 10:04 UTC` (another offset is shown as
/// written, `+03:00`); something unparsable is shown as it is.
pub fn brief_time(stored: &str) -> String {
    match parse(stored) {
        Some(t) if matches!(t.offset, "Z" | "z" | "+00:00") => {
            format!("{} {}:{} UTC", t.date, t.hour, t.minute)
        }
        Some(t) => format!("{} {}:{} {}", t.date, t.hour, t.minute, t.offset),
        None => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_timestamps() {
        assert_eq!(rfc3339_from_secs(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_secs(951_782_400), "2000-02-29T00:00:00Z"); // a 400-year leap day
        assert_eq!(rfc3339_from_secs(951_868_799), "2000-02-29T23:59:59Z");
        assert_eq!(rfc3339_from_secs(1_795_428_240), "2026-11-23T10:04:00Z");
        assert_eq!(rfc3339_from_secs(4_107_542_400), "2100-03-01T00:00:00Z"); // 2100: no leap day
        assert_eq!(rfc3339_from_secs(1_709_164_800), "2024-02-29T00:00:00Z");
        assert_eq!(rfc3339_from_secs(1_735_689_599), "2024-12-31T23:59:59Z");
    }

    #[test]
    fn every_day_follows_the_one_before() {
        // 1970..2100 day by day: the date only ever moves to the next day of a valid calendar.
        let mut last = civil_from_days(0);
        for day in 1..47_482 {
            let (y, m, d) = civil_from_days(day);
            let next = if d == 1 {
                (m == 1 && y == last.0 + 1 && last.1 == 12) || (y == last.0 && m == last.1 + 1)
            } else {
                (y, m) == (last.0, last.1) && d == last.2 + 1
            };
            assert!(next && d <= 31, "day {day}: {last:?} → {:?}", (y, m, d));
            last = (y, m, d);
        }
    }

    #[test]
    fn now_is_a_valid_time_after_2020() {
        let now = now_rfc3339();
        assert!(is_rfc3339(&now), "{now}");
        assert!(now.as_str() > "2020", "{now}");
    }

    #[test]
    fn times_are_shown_briefly() {
        assert_eq!(brief_time("2026-11-23T10:04:59Z"), "2026-11-23 10:04 UTC");
        assert_eq!(brief_time("2026-11-23T10:04:59.123Z"), "2026-11-23 10:04 UTC");
        assert_eq!(brief_time("2026-11-23t10:04:59+03:00"), "2026-11-23 10:04 +03:00");
        assert_eq!(brief_time("вчера"), "вчера");
        assert_eq!(brief_time(""), "");
    }

    #[test]
    fn malformed_times_are_refused() {
        for bad in [
            "2026-11-23",
            "2026-13-01T00:00:00Z",
            "2026-11-00T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T10:04Z",
            "2026-11-23T10:04:00",
            "2026-11-23T10:04:00+3:00",
            "2026-11-23T10:04:00.Z",
            "26-11-23T10:04:00Z",
            "2026-1a-23T10:04:00Z",
            "2026-11-23T10:04:00ZZ",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
        assert!(is_rfc3339("1970-01-01T00:00:00Z"));
        assert!(is_rfc3339("2016-12-31T23:59:60Z"), "a leap second");
    }
}
