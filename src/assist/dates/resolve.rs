//! Values for what the rules found, in date_value's forms: a date without a year takes the
//! dateline's (last year's when it would fall after the dateline: news report the past), or
//! without a dateline the year of the last full date before it; weekdays and «вчера» count back
//! from the dateline. Every value is checked by `date_value::normalize`.

use super::rules::When;
use crate::model::date_value::{self, Ymd};

/// What the document says about time so far.
pub(super) struct Context {
    pub dateline: Option<Ymd>,
    /// The year of the last expression that named a month and a year.
    pub year: Option<i32>,
}

impl Context {
    /// The year of a day or month given without one.
    fn year_for(&self, month: u32, day: u32) -> Option<i32> {
        match self.dateline {
            Some(d) => Some(d.year - i32::from((month, day) > (d.month, d.day))),
            None => self.year,
        }
    }

    /// Remembers the year of an expression that names one with its month.
    pub fn saw(&mut self, when: When) {
        match when {
            When::Day { year: Some(y), .. }
            | When::Month { year: Some(y), .. }
            | When::Season { year: y, .. } => self.year = Some(y),
            _ => {}
        }
    }
}

fn ymd(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The value, `None` when the document cannot date it; `Err` when the expression names a day
/// that does not exist (31 февраля), which is then no date at all.
pub(super) fn value(
    when: When,
    time: Option<(u32, u32)>,
    cx: &Context,
) -> Result<Option<String>, ()> {
    let day = |d: Ymd| {
        let mut s = ymd(d);
        if let Some((h, m)) = time {
            s.push_str(&format!("T{h:02}:{m:02}"));
        }
        s
    };
    let raw = match when {
        When::Day { year, month, day: d } => match year.or_else(|| cx.year_for(month, d)) {
            Some(y) => {
                let v = day(Ymd { year: y, month, day: d });
                // The day must exist: the checker says so.
                date_value::normalize(&v, None).map_err(|_| ())?;
                Some(v)
            }
            None => None,
        },
        When::Month { year, month } => {
            year.or_else(|| cx.year_for(month, 0)).map(|y| format!("{y:04}-{month:02}"))
        }
        When::Year(y) => Some(format!("{y:04}")),
        When::Season { year, season } => Some(format!("{year:04}-{season}")),
        When::RelativeDay(n) => cx.dateline.map(|d| day(date_value::add_days(d, n))),
        When::Weekday(w) => cx.dateline.map(|d| {
            let back = (date_value::weekday(d) + 7 - w) % 7;
            day(date_value::add_days(d, -i64::from(back)))
        }),
        When::RelativeYear(n) => cx.dateline.map(|d| format!("{:04}", d.year + n)),
    };
    // Whatever is suggested must be what the checker accepts, unchanged.
    Ok(raw.filter(|v| date_value::normalize(v, None).as_deref() == Ok(v.as_str())))
}
