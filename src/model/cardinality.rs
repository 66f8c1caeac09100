//! How many arguments a role takes, written as in brat's annotation.conf: `1`, `?`, `*`, `+`,
//! `{n-m}` (also `{n}` and `{n-}`). Stored as that text in project files so people can read it.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cardinality {
    pub min: u32,
    /// `None`: no upper bound.
    pub max: Option<u32>,
}

impl Cardinality {
    pub const ONE: Cardinality = Cardinality { min: 1, max: Some(1) };
    pub const OPTIONAL: Cardinality = Cardinality { min: 0, max: Some(1) };
    pub const ANY: Cardinality = Cardinality { min: 0, max: None };
    pub const ONE_OR_MORE: Cardinality = Cardinality { min: 1, max: None };

    pub fn parse(text: &str) -> Result<Cardinality, String> {
        let t = text.trim();
        let bad = || format!("`{t}` is not a cardinality (use 1, ?, *, +, {{n}} or {{n-m}})");
        match t {
            "1" => return Ok(Self::ONE),
            "?" => return Ok(Self::OPTIONAL),
            "*" => return Ok(Self::ANY),
            "+" => return Ok(Self::ONE_OR_MORE),
            _ => {}
        }
        let inner = t.strip_prefix('{').and_then(|s| s.strip_suffix('}')).ok_or_else(bad)?;
        let num = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
        let (min, max) = match inner.split_once('-') {
            None => {
                let n = num(inner)?;
                (n, Some(n))
            }
            Some((a, "")) => (num(a)?, None),
            Some((a, b)) => (num(a)?, Some(num(b)?)),
        };
        if max.is_some_and(|m| m < min) || max == Some(0) {
            return Err(bad());
        }
        Ok(Cardinality { min, max })
    }

    pub fn is_mandatory(&self) -> bool {
        self.min > 0
    }

    pub fn allows(&self, count: usize) -> bool {
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        count >= self.min && self.max.is_none_or(|m| count <= m)
    }

    /// Whether one more argument still fits.
    pub fn has_room(&self, count: usize) -> bool {
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        self.max.is_none_or(|m| count < m)
    }
}

impl fmt::Display for Cardinality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (1, Some(1)) => f.write_str("1"),
            (0, Some(1)) => f.write_str("?"),
            (0, None) => f.write_str("*"),
            (1, None) => f.write_str("+"),
            (n, Some(m)) if n == m => write!(f, "{{{n}}}"),
            (n, Some(m)) => write!(f, "{{{n}-{m}}}"),
            (n, None) => write!(f, "{{{n}-}}"),
        }
    }
}

impl Serialize for Cardinality {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cardinality {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Cardinality::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_notation_round_trips() {
        for text in ["1", "?", "*", "+", "{2}", "{2-4}", "{3-}"] {
            assert_eq!(Cardinality::parse(text).map(|c| c.to_string()), Ok(text.to_string()));
        }
        assert_eq!(Cardinality::parse("{1-1}"), Ok(Cardinality::ONE));
        for bad in ["", "2", "{4-2}", "{0}", "{a}", "{1-2", "**"] {
            assert!(Cardinality::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts() {
        let plus = Cardinality::ONE_OR_MORE;
        assert!(!plus.allows(0) && plus.allows(1) && plus.allows(9) && plus.is_mandatory());
        let opt = Cardinality::OPTIONAL;
        assert!(opt.allows(0) && opt.allows(1) && !opt.allows(2));
        assert!(opt.has_room(0) && !opt.has_room(1));
        let range = Cardinality { min: 2, max: Some(3) };
        assert!(!range.allows(1) && range.allows(3) && !range.allows(4));
    }
}
