//! A document's spans by id, in shards of copy-on-write maps: cloning a document (a save's
//! snapshot, a background check) shares them all, and the first edit afterwards copies one shard
//! of at most 1,024 ids instead of every one of 200k spans.

use super::document::Span;
use super::ids::AnnId;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Ids `k << SHARD_BITS ..` share a shard. Ids are handed out in order, so shards fill up.
const SHARD_BITS: u32 = 10;

type Shard = BTreeMap<AnnId, Span>;

#[derive(Clone, Debug, Default)]
pub struct SpanStore {
    /// Sparse, so an odd id in a file (`u64::MAX`) costs one shard, not a huge table.
    shards: BTreeMap<u64, Arc<Shard>>,
    len: usize,
}

fn shard_of(id: AnnId) -> u64 {
    id.0 >> SHARD_BITS
}

impl SpanStore {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, id: &AnnId) -> Option<&Span> {
        self.shards.get(&shard_of(*id))?.get(id)
    }

    pub fn contains_key(&self, id: &AnnId) -> bool {
        self.get(id).is_some()
    }

    /// Copies the span's shard first if a clone of the document still shares it.
    pub fn get_mut(&mut self, id: &AnnId) -> Option<&mut Span> {
        let shard = self.shards.get_mut(&shard_of(*id))?;
        if !shard.contains_key(id) {
            return None;
        }
        Arc::make_mut(shard).get_mut(id)
    }

    pub fn insert(&mut self, span: Span) -> Option<Span> {
        let shard = Arc::make_mut(self.shards.entry(shard_of(span.id)).or_default());
        let old = shard.insert(span.id, span);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    pub fn remove(&mut self, id: &AnnId) -> Option<Span> {
        let key = shard_of(*id);
        let shard = self.shards.get_mut(&key)?;
        if !shard.contains_key(id) {
            return None;
        }
        let shard = Arc::make_mut(shard);
        let span = shard.remove(id)?;
        if shard.is_empty() {
            self.shards.remove(&key);
        }
        self.len -= 1;
        Some(span)
    }

    /// In id order.
    pub fn values(&self) -> impl Iterator<Item = &Span> + '_ {
        self.shards.values().flat_map(|s| s.values())
    }
}

impl PartialEq for SpanStore {
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
            // Edits after a clone never show through in it.
            for (snapshot, expected) in snapshots {
                prop_assert!(snapshot.values().eq(expected.values()));
                prop_assert_eq!(snapshot.len(), expected.len());
            }
        }
    }
}
