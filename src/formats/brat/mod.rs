//! brat standoff (https://brat.nlplab.org/standoff.html): a folder of `ID.txt` + `ID.ann` with
//! `annotation.conf` and `visual.conf`. brat cannot hold CRs, annotators, document metadata or
//! names outside `[A-Za-z0-9_-]`, so `ID.acta.json` and `annotation.acta.json` keep them.

mod ann;
mod build;
mod conf;
mod declare;
mod export;
mod import;
#[cfg(test)]
mod import_tests;
mod refs;
mod sidecar;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashSet};

/// The brat format, both ways.
pub struct Brat;

/// The trigger label of imported events when nothing says otherwise (Acta's default schema).
pub(crate) const DEFAULT_TRIGGER_LABEL: &str = "Event";
/// The project-level sidecar, beside `annotation.conf`.
pub(crate) const SCHEMA_SIDECAR: &str = "annotation.acta.json";
/// Document sidecars are `ID` + this.
pub(crate) const DOC_SIDECAR_SUFFIX: &str = ".acta.json";

/// brat's storage form of Acta names: type, role and attribute names must match
/// `[A-Za-z0-9_-]+` in annotation.conf, and a role ending in a digit cannot repeat (`Theme2` is
/// the second Theme). Each Acta name gets one brat name, unique within its namespace.
#[derive(Debug, Default)]
pub(crate) struct Names {
    to_brat: BTreeMap<String, String>,
    taken: HashSet<String>,
    roles: bool,
}

impl Names {
    pub fn for_roles() -> Self {
        Self { roles: true, ..Self::default() }
    }

    /// The brat name of `acta`, chosen on first use.
    pub fn get(&mut self, acta: &str) -> String {
        if let Some(b) = self.to_brat.get(acta) {
            return b.clone();
        }
        let base = storage_form(acta, self.roles);
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}-{n}");
            if self.roles {
                name.push('_');
            }
            n += 1;
        }
        self.to_brat.insert(acta.to_string(), name.clone());
        name
    }

    /// brat name → Acta name, for the names brat could not keep as they are.
    pub fn changed(&self) -> BTreeMap<String, String> {
        self.to_brat.iter().filter(|(a, b)| a != b).map(|(a, b)| (b.clone(), a.clone())).collect()
    }
}

fn storage_form(name: &str, role: bool) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' => s.push(c),
            // Combining accents: `é` written as e + U+0301 keeps its e.
            '\u{300}'..='\u{36f}' => {}
            c => match ascii_of(c) {
                // Upper case: the first letter only (Щ → Shch).
                Some(latin) if c.is_uppercase() => {
                    let mut l = latin.chars();
                    s.extend(l.next().map(|f| f.to_ascii_uppercase()));
                    s.extend(l);
                }
                Some(latin) => s.push_str(latin),
                None => s.push('_'),
            },
        }
    }
    // A line of hyphens is a separator in brat's configuration files.
    if s.is_empty() || s.chars().all(|c| c == '-') {
        s.insert(0, '_');
    }
    if role && s.ends_with(|c: char| c.is_ascii_digit()) {
        s.push('_');
    }
    s
}

/// Latin letters for Cyrillic (Russian and Ukrainian, as passports spell them) and accented
/// Latin, so brat names of a Russian schema stay readable: `Место` is `Mesto`.
const FROM: &str = "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюяàáâãäåçèéêëìíîïñòóôõöøùúûüýÿß";
const TO: [&str; 66] = [
    "a", "b", "v", "g", "g", "d", "e", "e", "ye", "zh", "z", "i", "i", "yi", "y", "k", "l", "m",
    "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu",
    "ya", "a", "a", "a", "a", "a", "a", "c", "e", "e", "e", "e", "i", "i", "i", "i", "n", "o", "o",
    "o", "o", "o", "o", "u", "u", "u", "u", "y", "y", "ss",
];

fn ascii_of(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    FROM.chars().position(|f| f == lower).and_then(|i| TO.get(i).copied())
}

/// Where the CRs of a text were, in its code points: brat reads `.txt` in Python's text mode,
/// which turns `\r\n` and a lone `\r` into `\n`, so brat offsets count the text without them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineEnds {
    /// CRs followed by LF, dropped from the brat text.
    pub crlf: Vec<usize>,
    /// Lone CRs, written as LF.
    pub lone: Vec<usize>,
}

impl LineEnds {
    /// The text as brat reads it (LF only), and where the CRs were.
    pub fn split(text: &str) -> (String, LineEnds) {
        if !text.contains('\r') {
            return (text.to_string(), LineEnds::default());
        }
        let mut out = String::with_capacity(text.len());
        let mut ends = LineEnds::default();
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => ends.crlf.push(i),
                '\r' => {
                    ends.lone.push(i);
                    out.push('\n');
                }
                c => out.push(c),
            }
        }
        (out, ends)
    }

    pub fn is_empty(&self) -> bool {
        self.crlf.is_empty() && self.lone.is_empty()
    }

    /// brat offset of an Acta offset.
    pub fn to_brat(&self, cp: usize) -> usize {
        cp - self.crlf.partition_point(|&p| p < cp)
    }

    /// Acta offset of a brat offset. At a line break a start takes the CR in and an end leaves
    /// it out, so `\r\n` stays one unit.
    pub fn to_acta(&self, b: usize) -> usize {
        // The k-th dropped CR sat just before brat position crlf[k] - k.
        let mut lo = 0;
        let mut hi = self.crlf.len();
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.crlf[mid] - mid < b { lo = mid + 1 } else { hi = mid }
        }
        b + lo
    }

    /// The original text from the brat text, or `None` when the CRs do not fit it.
    pub fn restore(&self, brat: &str) -> Option<String> {
        if self.is_empty() {
            return Some(brat.to_string());
        }
        let mut out = String::with_capacity(brat.len() + self.crlf.len());
        let (mut crlf, mut lone) = (self.crlf.iter().peekable(), self.lone.iter().peekable());
        let mut at = 0;
        for c in brat.chars() {
            if crlf.peek() == Some(&&at) {
                if c != '\n' {
                    return None;
                }
                crlf.next();
                out.push('\r');
                at += 1;
            }
            if lone.peek() == Some(&&at) {
                if c != '\n' {
                    return None;
                }
                lone.next();
                out.push('\r');
            } else {
                out.push(c);
            }
            at += 1;
        }
        (crlf.next().is_none() && lone.next().is_none()).then_some(out)
    }
}

/// A fingerprint of a brat text, so a sidecar is only trusted for the text it was written for.
pub(crate) fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", text.chars().count())
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn storage_forms_are_unique_and_roles_never_end_in_a_digit() {
        let mut types = Names::default();
        assert_eq!(types.get("Actor"), "Actor");
        assert_eq!(types.get("Военная акция"), "Voennaya_aktsiya");
        assert_eq!(types.get("Щит Їжака"), "Shchit_Yizhaka");
        assert_eq!(types.get("café"), "cafe");
        assert_eq!(types.get("cafe\u{301}"), "cafe-2");
        assert_eq!(types.get("😀"), "_");
        assert_eq!(FROM.chars().count(), TO.len());
        assert_eq!(types.get("a b"), "a_b");
        assert_eq!(types.get("a:b"), "a_b-2");
        assert_eq!(types.get("---"), "_---");
        assert_eq!(types.get("a b"), "a_b", "stable");
        let mut roles = Names::for_roles();
        assert_eq!(roles.get("Arg1"), "Arg1_");
        assert_eq!(roles.get("Theme"), "Theme");
        assert_eq!(types.changed().get("a_b-2").map(String::as_str), Some("a:b"));
        assert!(!types.changed().contains_key("Actor"));
    }

    #[test]
    fn line_ends_map_offsets_both_ways() {
        let text = "ab\r\ncd\re\r\n\r\nf";
        let (brat, ends) = LineEnds::split(text);
        assert_eq!(brat, "ab\ncd\ne\n\nf");
        assert_eq!(ends, LineEnds { crlf: vec![2, 8, 10], lone: vec![6] });
        assert_eq!(ends.restore(&brat).as_deref(), Some(text));
        let chars: Vec<char> = text.chars().collect();
        let brat_chars: Vec<char> = brat.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let lf_of_crlf = c == '\n' && i > 0 && chars[i - 1] == '\r';
            if c != '\r' && !lf_of_crlf {
                let b = ends.to_brat(i);
                assert_eq!(ends.to_acta(b), i, "offset {i}");
                assert_eq!(brat_chars[b], c, "offset {i}");
            }
        }
        // A start at the CR of a CRLF is kept; an end between CR and LF moves before the CR.
        assert_eq!(ends.to_acta(ends.to_brat(2)), 2);
        assert_eq!(ends.to_acta(ends.to_brat(3)), 2);
        assert_eq!(ends.to_acta(ends.to_brat(chars.len())), chars.len());
        assert_eq!(ends.restore("ab\ncd\ne\n"), None, "a CR past the end");
        assert_eq!(ends.restore("abXcd\ne\n\nf"), None);
    }

    #[test]
    fn fingerprints_differ_with_the_text() {
        assert_ne!(fingerprint("Южная Осетия"), fingerprint("Южная Осетия "));
        assert!(fingerprint("ab").ends_with("-2"));
    }
}
