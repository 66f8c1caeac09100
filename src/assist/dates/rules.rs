//! The date rules over tokens, shared by the languages (their words come from a `Lexicon`): a
//! core (day month year, month year, season year, year word, numeric date, weekday, relative day)
//! and what may stand around it (a time, a weekday before a date, «в начале», a preposition).

use super::lexicon::Lexicon;
use super::tokens::{Gap, Kind, Token};

/// What a date expression says, before the dateline and the context give it a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum When {
    Day { year: Option<i32>, month: u32, day: u32 },
    Month { year: Option<i32>, month: u32 },
    Year(i32),
    Season { year: i32, season: &'static str },
    RelativeDay(i64),
    Weekday(u32),
    RelativeYear(i32),
}

/// One expression: tokens `first..=last`, what it says, an optional time and the rule's name.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub first: usize,
    pub last: usize,
    pub when: When,
    pub time: Option<(u32, u32)>,
    pub rule: String,
}

/// A core match: its last token, what it says, the rule.
type Core = (usize, When, &'static str);

struct Matcher<'a> {
    t: &'a [Token],
    lex: &'a Lexicon,
}

/// Every date expression in the tokens, left to right, none overlapping.
pub(super) fn find(tokens: &[Token], lex: &Lexicon) -> Vec<Found> {
    let m = Matcher { t: tokens, lex };
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let free_from = out.last().map_or(0, |f| f.last + 1);
        if let Some(found) = m.at(i, free_from) {
            i = found.last + 1;
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

impl Matcher<'_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        self.t.get(i)
    }

    /// Token `i` follows the previous one on the same line (with or without spaces).
    fn same_line(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap != Gap::Break)
    }

    /// Token `i` touches the previous one.
    fn tight(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::None)
    }

    fn starts_word(&self, i: usize) -> bool {
        i == 0 || self.t[i].gap != Gap::None || self.t[i - 1].kind == Kind::Punct
    }

    fn ends_word(&self, last: usize) -> bool {
        self.tok(last + 1).is_none_or(|n| n.gap != Gap::None || n.kind == Kind::Punct)
    }

    /// A name (month, weekday) in the lexicon's table; capitalised when the language wants it.
    fn name<V: Copy>(&self, i: usize, table: &std::collections::HashMap<String, V>) -> Option<V> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Word)?;
        if self.lex.capitalised_names && !t.capitalised() {
            return None;
        }
        table.get(&t.lower).copied()
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word && list.contains(&t.lower.as_str()))
    }

    /// A month, full or abbreviated (with its full stop); abbreviations only when `abbr`.
    fn month(&self, i: usize, abbr: bool) -> Option<(usize, u32)> {
        if let Some(m) = self.name(i, &self.lex.months) {
            return Some((i, m));
        }
        let m = self.name(i, &self.lex.month_abbr).filter(|_| abbr)?;
        let dot = self.tok(i + 1).is_some_and(|t| t.is_punct('.')) && self.tight(i + 1);
        Some((if dot { i + 1 } else { i }, m))
    }

    /// A four-digit year, with its year word («года», «г.», «року») if one follows.
    fn year(&self, i: usize) -> Option<(usize, i32, bool)> {
        let y = self.tok(i)?.num(4).filter(|y| (1000..=2999).contains(y))?;
        if self.tok(i)?.text.len() != 4 {
            return None;
        }
        let word = self
            .same_line(i + 1)
            .then(|| self.tok(i + 1))
            .flatten()
            .filter(|t| t.kind == Kind::Word)
            .and_then(|t| self.lex.year_words.get(&t.lower).copied());
        Some(match word {
            Some(true) if self.tok(i + 2).is_some_and(|t| t.is_punct('.')) && self.tight(i + 2) => {
                (i + 2, y as i32, true)
            }
            Some(_) => (i + 1, y as i32, true),
            None => (i, y as i32, false),
        })
    }

    /// A day of the month: `25`, `25th`, «второго», «двадцать второго».
    fn day(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if let Some(d) = t.num(2).filter(|d| (1..=31).contains(d)) {
            let suffix = self.tight(i + 1)
                && self.word_in(i + 1, &["st", "nd", "rd", "th"])
                && self.lex.lang == "en";
            return Some((if suffix { i + 1 } else { i }, d));
        }
        if t.kind != Kind::Word {
            return None;
        }
        if let Some(&tens) = self.lex.ordinal_tens.get(&t.lower) {
            let unit = self.tok(i + 1).filter(|_| self.same_line(i + 1))?;
            let d = self.lex.ordinals.get(&unit.lower).filter(|d| **d < 10)?;
            return Some((i + 1, tens + d));
        }
        self.lex.ordinals.get(&t.lower).map(|d| (i, *d))
    }

    /// `HH:MM` at `i`.
    fn time(&self, i: usize) -> Option<(usize, (u32, u32))> {
        let h = self.tok(i)?.num(2).filter(|h| *h <= 23)?;
        let colon = self.tok(i + 1).is_some_and(|t| t.is_punct(':')) && self.tight(i + 1);
        let m = self.tok(i + 2).filter(|t| t.text.len() == 2)?.num(2).filter(|m| *m <= 59)?;
        (colon && self.tight(i + 2) && self.ends_word(i + 2)).then_some((i + 2, (h, m)))
    }

    /// `25/05/2022`, `25.05.2022` (day first unless the second number cannot be a month),
    /// `2022-05-25`.
    fn numeric(&self, i: usize) -> Option<Core> {
        let num = |k: usize, len: std::ops::RangeInclusive<usize>| {
            self.tok(k).filter(|t| t.kind == Kind::Num && len.contains(&t.text.len()))?.num(4)
        };
        let sep = |k: usize, c: char| {
            self.tok(k).is_some_and(|t| t.is_punct(c)) && self.tight(k) && self.tight(k + 1)
        };
        if let (Some(y), Some(m), Some(d)) = (num(i, 4..=4), num(i + 2, 2..=2), num(i + 4, 2..=2))
            && sep(i + 1, '-')
            && sep(i + 3, '-')
        {
            return Some((i + 4, When::Day { year: Some(y as i32), month: m, day: d }, "ISO date"));
        }
        let (a, b, y) = (num(i, 1..=2)?, num(i + 2, 1..=2)?, num(i + 4, 4..=4)?);
        let c = ['/', '.'].into_iter().find(|c| sep(i + 1, *c) && sep(i + 3, *c))?;
        // 1.2.2022.5 is a version number, not a date.
        if self.tok(i + 5).is_some_and(|t| t.is_punct(c)) && self.tight(i + 6) {
            return None;
        }
        let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        Some((i + 4, When::Day { year: Some(y as i32), month, day }, "numeric date"))
    }

    /// «21 февраля 2022 года», «15 лютого», «28 апр», "25 May 2022".
    fn day_month(&self, i: usize) -> Option<Core> {
        let (j, day) = self.day(i)?;
        let (k, month) = self.month(j + 1, true).filter(|_| self.same_line(j + 1))?;
        if let Some((l, year, _)) = self.year(k + 1).filter(|_| self.same_line(k + 1)) {
            return Some((l, When::Day { year: Some(year), month, day }, "day month year"));
        }
        Some((k, When::Day { year: None, month, day }, "day month"))
    }

    /// "May 25, 2022", "May 25".
    fn month_day(&self, i: usize) -> Option<Core> {
        if !self.lex.month_first {
            return None;
        }
        let (j, month) = self.month(i, true)?;
        let (k, day) = self.day(j + 1).filter(|_| self.same_line(j + 1))?;
        if self.tok(k).is_some_and(|t| t.kind == Kind::Word) {
            return None; // an ordinal word is not an English day
        }
        let comma = self.tok(k + 1).is_some_and(|t| t.is_punct(',')) && self.tight(k + 1);
        let at = if comma { k + 2 } else { k + 1 };
        if let Some((l, year, _)) = self.year(at).filter(|_| self.same_line(at)) {
            return Some((l, When::Day { year: Some(year), month, day }, "month day year"));
        }
        Some((k, When::Day { year: None, month, day }, "month day"))
    }

    /// «в апреле 2015 года», "April 2014".
    fn month_year(&self, i: usize) -> Option<Core> {
        let (j, month) = self.month(i, self.lex.month_first)?;
        let at = if self.word_in(j + 1, &["of"]) { j + 2 } else { j + 1 };
        let (k, year, _) = self.year(at).filter(|_| self.same_line(at))?;
        Some((k, When::Month { year: Some(year), month }, "month year"))
    }

    /// «с осени 2014 года», "autumn of 2014".
    fn season_year(&self, i: usize) -> Option<Core> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Word)?;
        let season = *self.lex.seasons.get(&t.lower)?;
        let at = if self.word_in(i + 1, &["of"]) { i + 2 } else { i + 1 };
        let (k, year, _) = self.year(at).filter(|_| self.same_line(at))?;
        Some((k, When::Season { year, season }, "season year"))
    }

    /// «2008 г.», «1997 року», or a bare year after a preposition («с 2014», "in 2014").
    fn year_alone(&self, i: usize) -> Option<Core> {
        let (k, year, word) = self.year(i)?;
        if word {
            return Some((k, When::Year(year), "year"));
        }
        let plausible = (1900..=2099).contains(&year);
        (plausible && self.preposition_before(i)).then_some((
            k,
            When::Year(year),
            "year after preposition",
        ))
    }

    fn relative(&self, i: usize) -> Option<Core> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Word)?;
        if let Some(&n) = self.lex.relative_days.get(&t.lower) {
            return Some((i, When::RelativeDay(n), "relative day"));
        }
        let next = self.tok(i + 1).filter(|_| self.same_line(i + 1))?;
        let &(_, n) =
            self.lex.relative_years.iter().find(|(w, _)| w[0] == t.lower && w[1] == next.lower)?;
        Some((i + 1, When::RelativeYear(n), "relative year"))
    }

    /// «во вторник», «в среду», "Wednesday".
    fn weekday(&self, i: usize) -> Option<Core> {
        let (day, needs_preposition) = self.name(i, &self.lex.weekdays)?;
        if needs_preposition && !self.preposition_before(i) {
            return None;
        }
        Some((i, When::Weekday(day), "weekday"))
    }

    /// «в мае», «у грудні», «в начале апреля», "in May": a month alone needs something before it.
    fn month_alone(&self, i: usize) -> Option<Core> {
        let month = self.name(i, &self.lex.months)?;
        let qualified = i > 0 && self.word_in(i - 1, &self.lex.qualifiers);
        (qualified || self.preposition_before(i)).then_some((
            i,
            When::Month { year: None, month },
            "month",
        ))
    }

    fn preposition_before(&self, i: usize) -> bool {
        i > 0 && self.same_line(i) && self.word_in(i - 1, &self.lex.prepositions)
    }

    /// The longest core at `i`.
    fn core(&self, i: usize) -> Option<Core> {
        let tries = [
            self.numeric(i),
            self.day_month(i),
            self.month_day(i),
            self.month_year(i),
            self.season_year(i),
            self.year_alone(i),
            self.relative(i),
            self.weekday(i),
            self.month_alone(i),
        ];
        let mut best: Option<Core> = None;
        for c in tries.into_iter().flatten() {
            if best.is_none_or(|b| c.0 > b.0) && self.ends_word(c.0) {
                best = Some(c);
            }
        }
        best
    }

    /// A core that names a day, with what may stand around it: a time after it (`17:25`,
    /// `- 21:37`), or a time or a weekday before it (`23:15 06 вер 2025`, `Wed, 25/05/2022`).
    fn at(&self, i: usize, free_from: usize) -> Option<Found> {
        if !self.starts_word(i) {
            return None;
        }
        let mut time = None;
        let mut prefix = None;
        let mut core = self.core(i);
        // A time or a weekday before a full date.
        let lead = self.time(i).map(|(j, hm)| (j, Some(hm), "time")).or_else(|| {
            let wd = self
                .name(i, &self.lex.weekday_abbr)
                .or(self.name(i, &self.lex.weekdays).map(|w| w.0));
            wd.map(|_| {
                let comma = self.tok(i + 1).is_some_and(|t| t.is_punct(',')) && self.tight(i + 1);
                (if comma { i + 1 } else { i }, None, "weekday")
            })
        });
        if let Some((j, hm, what)) = lead
            && self.same_line(j + 1)
            && let Some(c @ (_, When::Day { .. }, _)) = self.core(j + 1)
        {
            core = Some(c);
            time = hm;
            prefix = Some(what);
        }
        let (mut last, when, rule) = core?;
        if matches!(when, When::Day { .. }) && time.is_none() {
            // A time after the date, maybe behind a dash or a comma.
            let sep = self
                .tok(last + 1)
                .is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is_punct(','));
            let at = if sep && self.same_line(last + 1) { last + 2 } else { last + 1 };
            if self.same_line(at)
                && self.tok(at).is_some_and(|t| t.gap != Gap::None || sep)
                && let Some((k, hm)) = self.time(at)
            {
                last = k;
                time = Some(hm);
            }
        }
        let mut first = i;
        // «в начале апреля»: the qualifier joins; then a preposition, for the languages that
        // keep it.
        let mut qualified = false;
        if first > free_from
            && self.same_line(first)
            && self.word_in(first - 1, &self.lex.qualifiers)
        {
            first -= 1;
            qualified = true;
        }
        if self.lex.keep_preposition
            && first > free_from
            && self.same_line(first)
            && (self.word_in(first - 1, &self.lex.prepositions)
                || (qualified && self.word_in(first - 1, &self.lex.qualifier_prepositions)))
        {
            first -= 1;
        }
        let mut name = format!("{}: ", self.lex.lang);
        if let Some(p) = prefix {
            name.push_str(p);
            name.push_str(", ");
        }
        name.push_str(rule);
        if time.is_some() && prefix != Some("time") {
            name.push_str(", time");
        }
        Some(Found { first, last, when, time, rule: name })
    }
}
