//! Word stems for inflection-aware search: Snowball for Russian and English (`rust-stemmers`),
//! and for Ukrainian, which Snowball lacks, the longest common noun and adjective ending cut off
//! («Південної Осетії» and «Південна Осетія» both give «південн осет»).

use rust_stemmers::{Algorithm, Stemmer};

/// Ukrainian case endings, longest first so the longest one that fits is cut.
const UK_ENDINGS: &[&str] = &[
    "ією", "ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми", "ій", "ої", "ою", "ею",
    "єю", "ів", "їв", "ах", "ях", "ам", "ям", "им", "их", "ий", "ія", "ії", "ію", "ая", "ее", "а",
    "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь", "й",
];

/// Stems a word, keeping at least this many letters (shorter words are compared whole).
const MIN_STEM: usize = 3;

/// The stemmer of a language code (`ru`, `uk`, `en`, …); other languages compare words whole.
pub struct WordStemmer {
    kind: Kind,
}

enum Kind {
    Snowball(Box<Stemmer>),
    Ukrainian,
    Whole,
}

impl WordStemmer {
    pub fn for_lang(lang: &str) -> Self {
        let code = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let kind = match code.as_str() {
            "ru" => Kind::Snowball(Box::new(Stemmer::create(Algorithm::Russian))),
            "en" => Kind::Snowball(Box::new(Stemmer::create(Algorithm::English))),
            "uk" => Kind::Ukrainian,
            _ => Kind::Whole,
        };
        Self { kind }
    }

    /// The stem of `word`, lower-cased. «ё» is read as «е», as Russian writers mostly do.
    pub fn stem(&self, word: &str) -> String {
        let lower = word.to_lowercase().replace('ё', "е");
        if lower.chars().count() <= MIN_STEM {
            return lower;
        }
        match &self.kind {
            Kind::Snowball(s) => {
                let stem = s.stem(&lower).into_owned();
                if stem.chars().count() < MIN_STEM { lower } else { stem }
            }
            Kind::Ukrainian => ukrainian(&lower),
            Kind::Whole => lower,
        }
    }
}

fn ukrainian(lower: &str) -> String {
    let letters = lower.chars().count();
    for ending in UK_ENDINGS {
        if let Some(stem) = lower.strip_suffix(ending)
            && letters - ending.chars().count() >= MIN_STEM
        {
            return stem.to_string();
        }
    }
    lower.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: &str, words: &str) -> Vec<String> {
        let s = WordStemmer::for_lang(lang);
        words.split(' ').map(|w| s.stem(w)).collect()
    }

    #[test]
    fn russian_cases_share_a_stem() {
        let forms = ["Южная Осетия", "Южной Осетии", "Южную Осетию", "Южной Осетией"];
        let first = stems("ru", forms[0]);
        for f in forms {
            assert_eq!(stems("ru", f), first, "{f}");
        }
        assert_ne!(stems("ru", "Осетия"), stems("ru", "Абхазия"));
    }

    #[test]
    fn ukrainian_cases_share_a_stem() {
        let forms = ["Південна Осетія", "Південної Осетії", "Південну Осетію", "Південною Осетією"];
        let first = stems("uk", forms[0]);
        for f in forms {
            assert_eq!(stems("uk", f), first, "{f}");
        }
        assert_eq!(stems("uk", "України Україною Україні"), ["україн"; 3]);
        assert_eq!(stems("uk", "ЛНР"), ["лнр"], "short words stay whole");
    }

    #[test]
    fn english_and_unknown_languages() {
        assert_eq!(stems("en", "recognises recognised"), ["recognis", "recognis"]);
        assert_eq!(stems("de", "Ossetien"), ["ossetien"]);
        assert_eq!(stems("en-GB", "talks"), ["talk"]);
    }
}
