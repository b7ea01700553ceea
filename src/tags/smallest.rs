//! The `k` smallest of a stream of ranking keys, kept as they come.
//!
//! The neighbours' ranking packs each article met as one `u128` whose
//! natural order is the ranking's (score descending, then article), and
//! keeps 30 of the several hundred an article meets. Entries go to a
//! buffer of `2k`; when it is full it is cut to its `k` smallest, and
//! the largest of those becomes the bar
//! every later entry must pass. Most entries are then dropped with one
//! comparison, and a selection never runs over more than `2k` (a third
//! fewer instructions than selecting among all of them at the end,
//! docs/performance/tagging.md).

/// The `k` smallest keys pushed so far. Keys are distinct (each holds
/// its entry's id), so the set is the same whatever the order pushed.
#[derive(Debug)]
pub(crate) struct Smallest {
    keys: Vec<u128>,
    k: usize,
    /// Keys at or above it cannot be among the `k` smallest.
    bar: u128,
}

impl Smallest {
    /// Keeps the `k` smallest.
    pub(crate) const fn new(k: usize) -> Smallest {
        Smallest {
            keys: Vec::new(),
            k,
            bar: Self::no_bar(k),
        }
    }

    const fn no_bar(k: usize) -> u128 {
        if k == 0 { 0 } else { u128::MAX }
    }

    /// Offers `key`; returns whether the bar moved.
    #[inline]
    pub(crate) fn push(&mut self, key: u128) -> bool {
        if key < self.bar {
            self.keys.push(key);
            if self.keys.len() >= 2 * self.k {
                self.cut();
                return true;
            }
        }
        false
    }

    /// Keys at or above it cannot be among the `k` smallest.
    pub(crate) fn bar(&self) -> u128 {
        self.bar
    }

    /// Cuts the buffer to its `k` smallest (when longer) and raises the
    /// bar to the largest of them.
    fn cut(&mut self) {
        if self.keys.len() > self.k {
            self.keys.select_nth_unstable(self.k - 1);
            self.keys.truncate(self.k);
            self.bar = self.keys[self.k - 1];
        }
    }

    /// The kept keys, in no particular order; empties it for reuse.
    pub(crate) fn drain(&mut self) -> std::vec::Drain<'_, u128> {
        self.cut();
        self.bar = Self::no_bar(self.k);
        self.keys.drain(..)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Smallest;

    proptest! {
        #[test]
        fn keeps_what_a_selection_over_all_keys_keeps(
            keys in prop::collection::hash_set(any::<u128>(), 0..200),
            k in 0usize..60,
        ) {
            let keys: Vec<u128> = keys.into_iter().collect();
            let mut smallest = Smallest::new(k);
            // Twice: a drained one is empty and keeps the same again.
            for _ in 0..2 {
                for &key in &keys {
                    smallest.push(key);
                }
                let mut kept: Vec<u128> = smallest.drain().collect();
                kept.sort_unstable();
                let mut all = keys.clone();
                all.sort_unstable();
                all.truncate(k);
                prop_assert_eq!(kept, all);
            }
        }
    }
}
