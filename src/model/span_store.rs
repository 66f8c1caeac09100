//! A document's spans (and events, and who refers to what) by id, in shards of copy-on-write
//! sorted vectors: cloning a document (a save's snapshot, a background check) shares them all,
//! and the first edit afterwards copies one shard of at most 1,024 ids instead of every one of
//! 200k spans. Vectors, not maps: packed, they hold a span in its own 144 bytes where a map
//! built in id order keeps its nodes half empty.

use super::document::Span;
use super::event::Event;
use super::ids::AnnId;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Ids `k << SHARD_BITS ..` share a shard. Ids are handed out in order, so shards fill up.
const SHARD_BITS: u32 = 10;

/// What a store holds: anything with an id.
pub trait Keyed: Clone {
    fn key(&self) -> AnnId;
}

impl Keyed for Span {
    fn key(&self) -> AnnId {
        self.id
    }
}

impl Keyed for Event {
    fn key(&self) -> AnnId {
        self.id
    }
}

/// The events that name an annotation as trigger or argument, sorted by id.
#[derive(Clone, Debug, PartialEq)]
pub struct Referrers {
    pub target: AnnId,
    pub events: Vec<AnnId>,
}

impl Keyed for Referrers {
    fn key(&self) -> AnnId {
        self.target
    }
}

pub type SpanStore = Store<Span>;

#[derive(Clone, Debug)]
pub struct Store<T> {
    /// Sparse, so an odd id in a file (`u64::MAX`) costs one shard, not a huge table. Each
    /// shard is sorted by id.
    shards: BTreeMap<u64, Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Self { shards: BTreeMap::new(), len: 0 }
    }
}

fn shard_of(id: AnnId) -> u64 {
    id.0 >> SHARD_BITS
}

impl<T: Keyed> Store<T> {
    /// Builds the store in one go, whatever the order of `spans`; returns it with the ids met
    /// more than once (each duplicate after the first is left out).
    pub fn from_spans(items: impl IntoIterator<Item = T>) -> (Self, Vec<AnnId>) {
        let mut staged: BTreeMap<u64, Vec<T>> = BTreeMap::new();
        for item in items {
            staged.entry(shard_of(item.key())).or_default().push(item);
        }
        let mut duplicates = Vec::new();
        let mut store = Self::default();
        for (key, mut shard) in staged {
            shard.sort_by_key(|s| s.key());
            shard.dedup_by(|later, first| {
                let same = later.key() == first.key();
                if same {
                    duplicates.push(later.key());
                }
                same
            });
            shard.shrink_to_fit();
            store.len += shard.len();
            store.shards.insert(key, Arc::new(shard));
        }
        (store, duplicates)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn find(shard: &[T], id: &AnnId) -> Result<usize, usize> {
        shard.binary_search_by_key(id, |s| s.key())
    }

    pub fn get(&self, id: &AnnId) -> Option<&T> {
        let shard = self.shards.get(&shard_of(*id))?;
        Self::find(shard, id).ok().map(|i| &shard[i])
    }

    pub fn contains_key(&self, id: &AnnId) -> bool {
        self.get(id).is_some()
    }

    /// Copies the span's shard first if a clone of the document still shares it.
    pub fn get_mut(&mut self, id: &AnnId) -> Option<&mut T> {
        let shard = self.shards.get_mut(&shard_of(*id))?;
        let i = Self::find(shard, id).ok()?;
        Arc::make_mut(shard).get_mut(i)
    }

    pub fn insert(&mut self, item: T) -> Option<T> {
        let id = item.key();
        let shard = Arc::make_mut(self.shards.entry(shard_of(id)).or_default());
        match Self::find(shard, &id) {
            Ok(i) => Some(std::mem::replace(&mut shard[i], item)),
            Err(i) => {
                shard.insert(i, item);
                self.len += 1;
                None
            }
        }
    }

    pub fn remove(&mut self, id: &AnnId) -> Option<T> {
        let key = shard_of(*id);
        let shard = self.shards.get_mut(&key)?;
        let i = Self::find(shard, id).ok()?;
        let shard = Arc::make_mut(shard);
        let span = shard.remove(i);
        if shard.is_empty() {
            self.shards.remove(&key);
        }
        self.len -= 1;
        Some(span)
    }

    /// In id order.
    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.shards.values().flat_map(|s| s.iter())
    }
}

impl<T: Keyed + PartialEq> PartialEq for Store<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.values().eq(other.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(id: u64) -> Span {
        Span::new(AnnId(id), 0, 1, "A", "x")
    }

    proptest! {
        // The store behaves as one map, whatever clones share its shards.
        #[test]
        fn behaves_as_a_btreemap(ops in prop::collection::vec((0..3u8, 0..5_000u64), 0..300)) {
            let mut store = SpanStore::default();
            let mut model: BTreeMap<AnnId, Span> = BTreeMap::new();
            let mut snapshots = Vec::new();
            for (op, id) in ops {
                let id = if id == 4_999 { u64::MAX } else { id };
                match op {
                    0 => prop_assert_eq!(store.insert(span(id)), model.insert(AnnId(id), span(id))),
                    1 => prop_assert_eq!(store.remove(&AnnId(id)), model.remove(&AnnId(id))),
                    _ => {
                        if let Some(s) = store.get_mut(&AnnId(id)) {
                            s.label.push('!');
                        }
                        if let Some(s) = model.get_mut(&AnnId(id)) {
                            s.label.push('!');
                        }
                        snapshots.push((store.clone(), model.clone()));
                    }
                }
                prop_assert_eq!(store.len(), model.len());
            }
            prop_assert!(store.values().eq(model.values()));
            // Built in one go from the same spans in any order: the same store.
            let mut shuffled: Vec<Span> = model.values().cloned().collect();
            shuffled.reverse();
            let twice = shuffled.first().cloned();
            shuffled.extend(twice.clone());
            let (built, duplicates) = SpanStore::from_spans(shuffled);
            prop_assert!(built == store);
            prop_assert_eq!(duplicates, twice.map(|s| s.id).into_iter().collect::<Vec<_>>());
            // Edits after a clone never show through in it.
            for (snapshot, expected) in snapshots {
                prop_assert!(snapshot.values().eq(expected.values()));
                prop_assert_eq!(snapshot.len(), expected.len());
            }
        }
    }
}
