//! The span index: answers "which spans touch this range" without scanning every span.
//! Entries are kept sorted by (start, end, id) in chunks of bounded size, each chunk knowing the
//! furthest end inside it, so a query skips whole chunks and an edit moves at most one chunk.

use super::ids::AnnId;
use std::ops::Range;
use std::sync::Arc;

/// Chunks split when they grow past this; small enough that an insert is a short memmove,
/// large enough that a query over 200k spans checks only a few hundred chunk headers.
const MAX_CHUNK: usize = 512;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndexEntry {
    pub start: usize,
    pub end: usize,
    pub id: AnnId,
}

#[derive(Clone, Debug, Default)]
struct Chunk {
    entries: Vec<IndexEntry>,
    max_end: usize,
}

impl Chunk {
    fn recompute_max(&mut self) {
        self.max_end = self.entries.iter().map(|e| e.end).max().unwrap_or(0);
    }
}

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// Shared between clones of a document; an edit copies the one chunk it changes.
    chunks: Vec<Arc<Chunk>>,
    len: usize,
}

impl SpanIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the index in one pass from unsorted entries.
    pub fn from_entries(mut entries: Vec<IndexEntry>) -> Self {
        entries.sort_unstable();
        let len = entries.len();
        let chunks = entries
            .chunks(MAX_CHUNK / 2)
            .map(|c| {
                let mut chunk = Chunk { entries: c.to_vec(), max_end: 0 };
                chunk.recompute_max();
                Arc::new(chunk)
            })
            .collect();
        Self { chunks, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chunk an entry belongs in: the last chunk whose first entry is not after it.
    fn chunk_for(&self, e: &IndexEntry) -> usize {
        self.chunks.partition_point(|c| c.entries.first().is_some_and(|f| f <= e)).saturating_sub(1)
    }

    pub fn insert(&mut self, entry: IndexEntry) {
        if self.chunks.is_empty() {
            self.chunks.push(Arc::default());
        }
        let ci = self.chunk_for(&entry);
        let chunk = Arc::make_mut(&mut self.chunks[ci]);
        let pos = chunk.entries.partition_point(|x| x < &entry);
        chunk.entries.insert(pos, entry);
        chunk.max_end = chunk.max_end.max(entry.end);
        self.len += 1;
        if chunk.entries.len() > MAX_CHUNK {
            let tail = chunk.entries.split_off(MAX_CHUNK / 2);
            chunk.recompute_max();
            let mut next = Chunk { entries: tail, max_end: 0 };
            next.recompute_max();
            self.chunks.insert(ci + 1, Arc::new(next));
        }
    }

    /// Removes an entry; returns whether it was there.
    pub fn remove(&mut self, entry: &IndexEntry) -> bool {
        if self.chunks.is_empty() {
            return false;
        }
        let ci = self.chunk_for(entry);
        let Ok(pos) = self.chunks[ci].entries.binary_search(entry) else {
            return false;
        };
        let chunk = Arc::make_mut(&mut self.chunks[ci]);
        chunk.entries.remove(pos);
        self.len -= 1;
        if chunk.entries.is_empty() {
            self.chunks.remove(ci);
        } else if entry.end >= chunk.max_end {
            chunk.recompute_max();
        }
        true
    }

    /// Entries with `start < range.end && end > range.start`, in (start, end, id) order.
    /// An empty range `p..p` asks for the spans containing position `p`.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = IndexEntry> + '_ {
        let (a, b) = if range.start == range.end {
            (range.start, range.start + 1)
        } else {
            (range.start, range.end)
        };
        // Chunks whose first entry starts at or after `b` hold nothing that can touch the range.
        let hi = self.chunks.partition_point(|c| c.entries.first().is_some_and(|f| f.start < b));
        self.chunks[..hi].iter().filter(move |c| c.max_end > a).flat_map(move |c| {
            let n = c.entries.partition_point(|e| e.start < b);
            c.entries[..n].iter().copied().filter(move |e| e.end > a)
        })
    }

    /// Every entry in (start, end, id) order.
    pub fn iter(&self) -> impl Iterator<Item = IndexEntry> + '_ {
        self.chunks.iter().flat_map(|c| c.entries.iter().copied())
    }

    /// The `n`th entry in (start, end, id) order, for virtualised lists of annotations.
    pub fn nth(&self, mut n: usize) -> Option<IndexEntry> {
        for c in &self.chunks {
            if n < c.entries.len() {
                return Some(c.entries[n]);
            }
            n -= c.entries.len();
        }
        None
    }

    /// Position of an entry in (start, end, id) order.
    pub fn rank(&self, entry: &IndexEntry) -> Option<usize> {
        let ci = self.chunk_for(entry);
        let chunk = self.chunks.get(ci)?;
        let pos = chunk.entries.binary_search(entry).ok()?;
        Some(self.chunks[..ci].iter().map(|c| c.entries.len()).sum::<usize>() + pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn e(start: usize, end: usize, id: u64) -> IndexEntry {
        IndexEntry { start, end, id: AnnId(id) }
    }

    #[test]
    fn nested_and_overlapping() {
        let mut ix = SpanIndex::new();
        ix.insert(e(0, 27, 1)); // "Министр иностранных дел ЛНР"
        ix.insert(e(24, 27, 2)); // "ЛНР"
        ix.insert(e(30, 40, 3));
        let at =
            |ix: &SpanIndex, p: usize| ix.overlapping(p..p).map(|x| x.id.0).collect::<Vec<_>>();
        assert_eq!(at(&ix, 25), vec![1, 2]);
        assert_eq!(at(&ix, 27), Vec::<u64>::new());
        assert_eq!(at(&ix, 30), vec![3]);
        let all: Vec<_> = ix.overlapping(0..100).map(|x| x.id.0).collect();
        assert_eq!(all, vec![1, 2, 3]);
        assert!(ix.remove(&e(0, 27, 1)));
        assert!(!ix.remove(&e(0, 27, 1)));
        assert_eq!(at(&ix, 25), vec![2]);
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.nth(1), Some(e(30, 40, 3)));
        assert_eq!(ix.rank(&e(30, 40, 3)), Some(1));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(usize, usize),
        Remove(usize),
        Query(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..2000usize, 1..300usize).prop_map(|(s, l)| Op::Insert(s, s + l)),
            2 => any::<usize>().prop_map(Op::Remove),
            2 => (0..2300usize, 0..200usize).prop_map(|(s, l)| Op::Query(s, s + l)),
        ]
    }

    proptest! {
        // The index answers exactly what a scan of all spans would, through any edit sequence.
        #[test]
        fn agrees_with_a_linear_scan(ops in proptest::collection::vec(op(), 1..1500)) {
            let mut ix = SpanIndex::new();
            let mut all: Vec<IndexEntry> = Vec::new();
            let mut next = 0;
            for o in ops {
                match o {
                    Op::Insert(s, t) => {
                        next += 1;
                        ix.insert(e(s, t, next));
                        all.push(e(s, t, next));
                    }
                    Op::Remove(k) if !all.is_empty() => {
                        let x = all.swap_remove(k % all.len());
                        prop_assert!(ix.remove(&x));
                    }
                    Op::Remove(_) => {}
                    Op::Query(a, b) => {
                        let got: Vec<_> = ix.overlapping(a..b).collect();
                        let (qa, qb) = if a == b { (a, a + 1) } else { (a, b) };
                        let mut want: Vec<_> =
                            all.iter().copied().filter(|x| x.start < qb && x.end > qa).collect();
                        want.sort();
                        prop_assert_eq!(got, want);
                    }
                }
                prop_assert_eq!(ix.len(), all.len());
            }
            let mut sorted = all.clone();
            sorted.sort();
            prop_assert_eq!(ix.iter().collect::<Vec<_>>(), sorted.clone());
            prop_assert_eq!(SpanIndex::from_entries(all).iter().collect::<Vec<_>>(), sorted);
        }
    }
}
