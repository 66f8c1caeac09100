//! Lookups in the exception tables, made for the tokenizer's inner loop: a bit set that turns
//! away nearly every chunk by its shape before any hashing, and a cheap hash for the rest (the
//! keys are the program's own tables, so there is no flooding to fear).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Text as chars, the key of the exception tables: looked up with a slice of the text.
pub(super) type Chars = Box<[char]>;

/// The exception tables, hashed by `Fx`: common tokens (`.`, `в`, `до`) start merges and are
/// looked up once per occurrence, and the keys are the program's own, so no flooding to fear.
pub(super) type Table<V> = HashMap<Chars, V, BuildHasherDefault<Fx>>;

/// The multiply-rotate hash of rustc (`FxHasher`), a few instructions per character.
#[derive(Default)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of (first char, last char, length) that may answer "maybe" for a shape it lacks but
/// never "no" for one it holds: a bit per hash, 64 Kbit, a few thousand shapes in it.
pub(super) struct Shapes(Vec<u64>);

impl Shapes {
    const BITS: usize = 1 << 16;

    pub(super) fn new() -> Self {
        Shapes(vec![0; Self::BITS / 64])
    }

    fn bit(s: &[char]) -> Option<usize> {
        let (first, last) = (*s.first()? as u32, *s.last()? as u32);
        let h = first.wrapping_mul(0x9e37_79b1)
            ^ last.wrapping_mul(0x85eb_ca77).rotate_left(13)
            ^ (s.len() as u32).wrapping_mul(0xc2b2_ae3d);
        Some((h >> 16) as usize % Self::BITS)
    }

    pub(super) fn insert(&mut self, s: &[char]) {
        if let Some(b) = Self::bit(s) {
            self.0[b / 64] |= 1 << (b % 64);
        }
    }

    pub(super) fn may_hold(&self, s: &[char]) -> bool {
        Self::bit(s).is_some_and(|b| self.0[b / 64] & (1 << (b % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_never_turn_away_one_they_hold() {
        let tables = [
            include_str!("specials/ru.txt"),
            include_str!("specials/uk.txt"),
            include_str!("specials/en.txt"),
            include_str!("specials/xx.txt"),
        ];
        let keys: Vec<Vec<char>> = tables
            .iter()
            .flat_map(|t| t.lines())
            .map(|l| l.replace('\t', "").chars().collect())
            .collect();
        let mut shapes = Shapes::new();
        keys.iter().for_each(|k| shapes.insert(k));
        assert!(keys.iter().all(|k| shapes.may_hold(k)));
        assert!(!shapes.may_hold(&[]), "nothing is empty");
        let mut table: Table<usize> = Table::default();
        table.insert(['д', 'о'].into(), 1);
        assert_eq!(table.get(&['д', 'о'][..]), Some(&1), "found by a slice of the text");
    }
}
