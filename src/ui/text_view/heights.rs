//! Block heights in a Fenwick tree: the y of any block and the block at any y in O(log n), and
//! a height update in O(log n), so scrolling a 100k-block document costs nothing per frame.

#[derive(Clone, Debug, Default)]
pub struct Heights {
    tree: Vec<f64>,
    values: Vec<f32>,
}

impl Heights {
    pub fn new(values: Vec<f32>) -> Self {
        let n = values.len();
        let mut tree = vec![0.0; n + 1];
        for (i, v) in values.iter().enumerate() {
            let k = i + 1;
            tree[k] += f64::from(*v);
            let parent = k + (k & k.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[k];
            }
        }
        Self { tree, values }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn get(&self, i: usize) -> f32 {
        self.values.get(i).copied().unwrap_or(0.0)
    }

    pub fn set(&mut self, i: usize, height: f32) {
        let Some(old) = self.values.get_mut(i) else { return };
        let delta = f64::from(height) - f64::from(*old);
        *old = height;
        let mut k = i + 1;
        while k < self.tree.len() {
            self.tree[k] += delta;
            k += k & k.wrapping_neg();
        }
    }

    /// Sum of the heights of blocks `0..i`: the top of block `i`.
    pub fn prefix(&self, i: usize) -> f32 {
        let mut k = i.min(self.values.len());
        let mut sum = 0.0;
        while k > 0 {
            sum += self.tree[k];
            k -= k & k.wrapping_neg();
        }
        sum as f32
    }

    pub fn total(&self) -> f32 {
        self.prefix(self.values.len())
    }

    /// The block at height `y` (the last one for `y` past the end; 0 for negative `y`).
    pub fn find(&self, y: f32) -> usize {
        let n = self.values.len();
        if n == 0 {
            return 0;
        }
        let mut pos = 0;
        let mut rem = f64::from(y.max(0.0));
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= rem {
                pos = next;
                rem -= self.tree[next];
            }
            step /= 2;
        }
        pos.min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_linear_sums(
            values in proptest::collection::vec(0.0f32..100.0, 1..200),
            updates in proptest::collection::vec((0usize..200, 0.0f32..100.0), 0..50),
            probes in proptest::collection::vec(-10.0f32..20000.0, 1..20),
        ) {
            let mut h = Heights::new(values.clone());
            let mut v = values;
            for (i, x) in updates {
                let i = i % v.len();
                h.set(i, x);
                v[i] = x;
            }
            for i in 0..=v.len() {
                let want: f32 = v[..i].iter().sum();
                prop_assert!((h.prefix(i) - want).abs() < 0.05);
            }
            for y in probes {
                let b = h.find(y);
                let top: f32 = v[..b].iter().sum();
                // `b` starts at or above y, and y is before the end of b, unless y is past the end
                // or b is empty-height at the boundary.
                prop_assert!(top <= y.max(0.0) + 0.05);
                if y < h.total() - 0.05 {
                    prop_assert!(y < top + v[b] + 0.05);
                }
            }
        }
    }
}
