//! Generated news-like documents for the benchmarks: mostly Cyrillic (Russian and Ukrainian
//! words, some Latin, digits, «quotes», no-break spaces) in paragraphs of varied length, or one
//! line with no breaks; spans on whole words, nested and overlapping. Seeded: always the same text.

use crate::model::{AnnId, Argument, DocMeta, Document, Event, Project, Span};
use std::sync::Arc;

/// splitmix64: tiny, fast, and good enough to vary text; no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn word(&mut self, list: &[&'static str]) -> &'static str {
        list.get(self.below(list.len())).copied().unwrap_or("слово")
    }
}

const RU: &str = "\
    министр иностранных дел республики заявил сообщил агентству государств отношений \
    развитию готовы установить переговоры президент правительство совета безопасности \
    области города жителей в на и с по что об этом после встречи делегации представители \
    соглашение подписали вооружённых сил обстрел населённого пункта гуманитарной помощи \
    граждан рамках договора заседании парламента решение поддержку экономического \
    сотрудничества Луганской Народной Республикой Москве Донецке Киеве";

const UK: &str = "\
    міністр закордонних справ України заявив повідомив уряд президента переговори щодо \
    припинення вогню області мешканців у на та і з що після зустрічі делегацій представники \
    угоду підписали збройних сил обстріл населеного пункту гуманітарної допомоги громадян \
    Верховної Ради засіданні рішення підтримку економічного співробітництва Києві Львові \
    Харкові їхні ґрунтовно єдність";

const LATIN: &str = "\
    OSCE NATO Reuters TASS EU UN Minsk Brussels Associated Press Bloomberg G7 IMF COVID-19 \
    Twitter Interfax";

const MONTHS: &str = "\
    января февраля марта апреля мая червня липня";

/// Paragraphs separated by line breaks, or the same text as one line with no break at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Paragraphs,
    OneLine,
}

/// The word lists, split once.
struct Words {
    ru: Vec<&'static str>,
    uk: Vec<&'static str>,
    latin: Vec<&'static str>,
    months: Vec<&'static str>,
}

impl Words {
    fn new() -> Self {
        let split = |list: &'static str| list.split_whitespace().collect();
        Words { ru: split(RU), uk: split(UK), latin: split(LATIN), months: split(MONTHS) }
    }
}

/// About `bytes` bytes of UTF-8 (never more; cut at a character boundary).
pub fn text(bytes: usize, layout: Layout, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let words = Words::new();
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        paragraph(&mut rng, &words, &mut out);
        match layout {
            Layout::Paragraphs if rng.percent(35) => out.push_str("\n\n"),
            Layout::Paragraphs => out.push('\n'),
            Layout::OneLine => out.push(' '),
        }
    }
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// A headline, a one-liner, an ordinary paragraph or a long one.
fn paragraph(rng: &mut Rng, words: &Words, out: &mut String) {
    let ukrainian = rng.percent(40);
    let kind = rng.below(10);
    if kind == 0 {
        // A headline: a few words, no full stop.
        let n = rng.between(3, 10);
        sentence(rng, words, out, ukrainian, n);
        return;
    }
    let sentences = match kind {
        1..=2 => rng.between(1, 2),
        3..=7 => rng.between(3, 6),
        _ => rng.between(8, 20),
    };
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        let n = rng.between(5, 25);
        sentence(rng, words, out, ukrainian, n);
        out.push(if rng.percent(8) { '!' } else { '.' });
    }
}

fn sentence(rng: &mut Rng, words: &Words, out: &mut String, ukrainian: bool, n: usize) {
    let list = if ukrainian { &words.uk } else { &words.ru };
    for i in 0..n {
        if i > 0 {
            match rng.below(20) {
                0 => out.push_str(", "),
                1 => out.push_str("\u{a0}— "),
                _ => out.push(' '),
            }
        }
        match rng.below(100) {
            0..=7 => out.push_str(rng.word(&words.latin)),
            8..=11 => out.push_str(&rng.between(1, 2024).to_string()),
            12..=13 => {
                let (d, m) = (rng.between(1, 28), rng.word(&words.months));
                out.push_str(&format!("{d}\u{a0}{m} {}\u{a0}года", rng.between(1991, 2024)));
            }
            14 => out.push_str(&format!("{}\u{a0}{:03}", rng.between(1, 99), rng.below(1000))),
            15..=18 => {
                out.push('«');
                out.push_str(rng.word(list));
                out.push(' ');
                out.push_str(rng.word(list));
                out.push('»');
            }
            _ if i == 0 => capitalised(out, rng.word(list)),
            _ => out.push_str(rng.word(list)),
        }
    }
}

fn capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// A word of the text: code points and bytes.
#[derive(Clone, Copy)]
pub(super) struct Word {
    pub cp: (u32, u32),
    pub byte: (u32, u32),
}

/// The runs of alphanumeric characters of `text`, in order.
pub(super) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 12);
    let mut start: Option<(u32, u32)> = None;
    let mut cp = 0u32;
    for (b, c) in text.char_indices() {
        let b = b as u32;
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some((cp, b)),
            (false, Some((scp, sb))) => {
                out.push(Word { cp: (scp, cp), byte: (sb, b) });
                start = None;
            }
            _ => {}
        }
        cp += 1;
    }
    if let Some((scp, sb)) = start {
        out.push(Word { cp: (scp, cp), byte: (sb, text.len() as u32) });
    }
    out
}

/// About one span per `bytes_per_span` bytes of text, on whole words: mostly one to four words,
/// with a nested span inside one in five of the longer ones and a crossing span after one in ten.
pub fn spans(text: &str, bytes_per_span: usize, seed: u64) -> Vec<Span> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let words = words(text);
    let per = bytes_per_span.max(1);
    let want = (text.len() + per / 2) / per;
    // Each anchor gives 1.25 spans on average: about as many anchors as needed, evenly spread
    // (with jitter); the list stops at `want`.
    let anchors = (want * 41 / 50).max(1);
    let stride = (words.len() / anchors).max(1);
    let mut spans = Vec::with_capacity(want + 16);
    // Identical spans (same range and label) are annotation mistakes that validation reports.
    let mut seen = std::collections::HashSet::new();
    let mut make = |a: usize, b: usize, rng: &mut Rng, spans: &mut Vec<Span>| {
        let (Some(first), Some(last)) = (words.get(a), words.get(b)) else { return };
        let label = match rng.below(20) {
            0..=8 => "Actor",
            9..=11 => "Date",
            _ => "Event",
        };
        if !seen.insert((first.cp.0, last.cp.1, label)) {
            return;
        }
        let id = AnnId(spans.len() as u64 + 1);
        spans.push(Span {
            text: text[first.byte.0 as usize..last.byte.1 as usize].to_string(),
            ..Span::new(
                id,
                first.cp.0 as usize,
                last.cp.1 as usize,
                label,
                if rng.percent(50) { "ann1" } else { "ann2" },
            )
        });
    };
    for k in 0..anchors {
        let i = k * words.len() / anchors + rng.below(stride);
        if i >= words.len() || spans.len() >= want {
            break;
        }
        let len = rng.between(1, 4);
        let end = (i + len - 1).min(words.len() - 1);
        make(i, end, &mut rng, &mut spans);
        if end > i && rng.percent(20) {
            // Nested: a word or two inside.
            let a = rng.between(i, end);
            make(a, rng.between(a, end), &mut rng, &mut spans);
        }
        if rng.percent(10) {
            // Crossing: starts inside, ends after.
            make(
                rng.between(i, end),
                (end + rng.between(1, 3)).min(words.len() - 1),
                &mut rng,
                &mut spans,
            );
        }
    }
    // Random noise may leave a few short: single words anywhere make up the count.
    while spans.len() < want && !words.is_empty() {
        let i = rng.below(words.len());
        make(i, i, &mut rng, &mut spans);
    }
    spans.truncate(want);
    spans
}

/// Event types of the default schema the generated events use.
const EVENT_TYPES: [&str; 4] = ["Statement", "Meeting", "MilitaryAction", "Agreement"];

/// Events on most `Event` spans (nine in ten of those with an Actor near), by the same
/// annotator: the nearest Actor before the trigger as Agent and the nearest Date after it as Time, when they are close. Ids follow
/// the spans'.
pub fn events(spans: &[Span], seed: u64) -> Vec<Event> {
    let mut rng = Rng::new(seed ^ 0xe7e7);
    let mut out = Vec::new();
    let mut next = spans.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
    for (j, trigger) in spans.iter().enumerate() {
        if trigger.label != "Event" || rng.percent(10) {
            continue;
        }
        let near = |n: &usize, label: &str| {
            spans[*n].label == label && spans[*n].annotator == trigger.annotator
        };
        // Every type wants an Agent: no Actor near, no event.
        let Some(before) = (j.saturating_sub(6)..j).rev().find(|n| near(n, "Actor")) else {
            continue;
        };
        let after = (j + 1..spans.len().min(j + 7)).find(|n| near(n, "Date"));
        let kind = EVENT_TYPES[rng.below(EVENT_TYPES.len())];
        let mut event = Event::new(AnnId(next), trigger.id, kind, &trigger.annotator);
        next += 1;
        for (role, target) in [("Agent", Some(before)), ("Time", after)] {
            if let Some(n) = target {
                event.arguments.push(Argument { role: role.to_string(), target: spans[n].id });
            }
        }
        out.push(event);
    }
    out
}

/// A document of about `bytes` bytes with one span per `bytes_per_span` bytes, and events.
pub fn document(
    id: &str,
    bytes: usize,
    layout: Layout,
    bytes_per_span: usize,
    seed: u64,
) -> anyhow::Result<Document> {
    let text = text(bytes, layout, seed);
    let spans = spans(&text, bytes_per_span, seed);
    let events = events(&spans, seed);
    let meta = DocMeta {
        id: id.into(),
        title: format!("Синтетическая статья {id}"),
        lang: "ru".into(),
        source: format!("{id}.txt"),
        dateline: Some("2015-04-28".into()),
        ..Default::default()
    };
    Document::from_parts(meta, text, spans, events, 0).map_err(|problems| {
        anyhow::anyhow!("generated document {id} is invalid: {} problem(s)", problems.len())
    })
}

/// A project holding `docs`.
pub fn project(name: &str, docs: Vec<Document>) -> Project {
    let mut p = Project::new(name);
    p.documents = docs.into_iter().map(Arc::new).collect();
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_sized_and_valid() {
        let a = text(10_000, Layout::Paragraphs, 7);
        assert_eq!(a, text(10_000, Layout::Paragraphs, 7));
        assert!(a.len() <= 10_000 && a.len() > 9_900);
        assert!(a.contains('\n') && a.contains('\u{a0}') && a.contains('«'));
        let cyrillic = a.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
        assert!(cyrillic * 2 > a.chars().count(), "mostly Cyrillic");
        assert!(!text(10_000, Layout::OneLine, 7).contains('\n'));
        let doc = document("d", 10_000, Layout::Paragraphs, 50, 7).ok();
        let n = doc.as_ref().map_or(0, |d| d.span_count());
        assert_eq!(n, 10_000 / 50);
        let events = doc.as_ref().map_or(0, |d| d.event_count());
        assert!(events > n / 10, "{events} events");
        // Covered texts match, and some spans nest or cross.
        let d =
            doc.as_ref().map(|d| crate::model::validate::check_document(&Project::default(), d));
        assert_eq!(d.map(|p| p.len()), Some(0));
        let by_pos: Vec<_> = doc.iter().flat_map(|d| d.spans_by_position()).collect();
        assert!(by_pos.windows(2).any(|w| w[1].start < w[0].end));
    }
}
