//! The two inverted indexes of the suggestion model: every article's
//! vector (for the neighbours) and the tags' sums per fold (for the
//! centroid feature).

use rayon::prelude::*;

use super::{FOLDS, MAX_POSTINGS, TOP_SIMS, TagData};
use crate::corpus::{Postings, key_term, rank_key};
use crate::tags::smallest::Smallest;

/// Per tag: what the centroid feature needs besides the dots. `norm2`
/// = ‖S_t‖², `norm2_without[f]` = ‖S_t − F_ft‖² (summed from the other
/// folds' sums, so it does not depend on fold f's tags in any bit);
/// `count` and `fold_count[f]` the articles carrying the tag.
#[derive(Clone, Debug, Default)]
pub(super) struct TagSums {
    pub(super) norm2: f64,
    pub(super) norm2_without: [f64; FOLDS],
    pub(super) count: u32,
    pub(super) fold_count: [u32; FOLDS],
}

/// Inverted index over the tags' sums per fold: for each stem, the tags
/// whose articles use it, with F_ft's weight of the stem for every fold
/// f. An article's dot with every tag's centroid, per fold, is one walk
/// over the postings of its own terms: the cost grows with the tags
/// sharing its words, not with the number of articles.
pub(super) struct TagIndex {
    pub(super) starts: Vec<u32>,
    pub(super) tags: Vec<u32>,
    /// Where each posting's weights per fold lie in its tag's list of
    /// `per_tag`: the lists as the tags' sums made them, read in place
    /// (the walks that hide a fold read them for touched tags only).
    pub(super) at: Vec<u32>,
    /// Per tag, its stems in stem order, each with F_ft's weight for
    /// every fold f.
    pub(super) per_tag: Vec<Vec<(u32, [f64; FOLDS])>>,
    /// S_t's weight of the stem (the folds' weights summed in order),
    /// for the walks that hide no fold.
    pub(super) totals: Vec<f64>,
}

impl TagIndex {
    /// The weights per fold of the posting at `i`, of tag `t`.
    pub(super) fn weights(&self, t: u32, i: usize) -> &[f64; FOLDS] {
        &self.per_tag[t as usize][self.at[i] as usize].1
    }
}

impl TagIndex {
    /// Where stem `s`'s list lies in `tags`, `at` and `totals`;
    /// `None` for a stem past those indexed.
    pub(super) fn range(&self, s: u32) -> Option<std::ops::Range<usize>> {
        let s = s as usize;
        let to = *self.starts.get(s + 1)?;
        Some(self.starts[s] as usize..to as usize)
    }
}

/// Inverted index over every article's vector, for the neighbours:
/// posting lists capped over all articles, then holding the tagged ones
/// only (an untagged article is never a neighbour).
pub(super) struct Index {
    postings: Postings,
}

impl Index {
    pub(super) fn build(data: &TagData<'_>, stems: usize) -> Index {
        // Every article, tagged or not: which articles are in the index
        // must not depend on tags (an article's own tags would otherwise
        // move others past the posting cap).
        let mut postings =
            Postings::build(data.vectors, stems, MAX_POSTINGS, |_| true);
        // Untagged articles are left out once the cap has chosen: `top`
        // would skip them, so the scores of the others are the same sums,
        // and the index is the smaller (half the entries when half the
        // corpus is tagged).
        postings.retain_articles(|a| !data.tags[a as usize].is_empty());
        Index { postings }
    }

    /// The [`TOP_SIMS`] tagged articles most similar to `vector` (article
    /// `skip` left out), best first: as many as the neighbours' votes of
    /// any fold configuration may need.
    pub(super) fn top(
        &self,
        data: &TagData<'_>,
        vector: &[(u32, f64)],
        skip: usize,
    ) -> Vec<(u32, f64)> {
        SIMS.with_borrow_mut(|(acc, touched, smallest)| {
            if acc.len() < data.vectors.len() {
                acc.resize(data.vectors.len(), 0.0);
            }
            let n = self.postings.accumulate(vector, acc, touched);
            rank(acc, &touched[..n], skip, smallest);
            let mut keys: Vec<u128> = smallest.drain().collect();
            keys.sort_unstable();
            keys.into_iter().map(key_term).collect()
        })
    }
}

/// Offers each `touched` article but `skip` with a positive score to
/// `smallest` as its [`rank_key`] ("score descending, then article"),
/// its score reset to 0. The index holds tagged articles only.
#[inline(never)]
fn rank(
    acc: &mut [f64],
    touched: &[u32],
    skip: usize,
    smallest: &mut Smallest,
) {
    // A score under the bar's cannot enter (its key is the larger):
    // most are dropped by one float comparison, before their key is
    // made. The bar's score is 0 until the bar is first set.
    let mut floor = key_term(smallest.bar()).1;
    for &b in touched {
        let score = std::mem::take(&mut acc[b as usize]);
        if score >= floor
            && b as usize != skip
            && score > 0.0
            && smallest.push(rank_key(b, score))
        {
            floor = key_term(smallest.bar()).1;
        }
    }
}

thread_local! {
    /// Score accumulator, touched list and the best kept, reused per
    /// worker thread.
    static SIMS: std::cell::RefCell<(Vec<f64>, Vec<u32>, Smallest)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new(), Smallest::new(TOP_SIMS)))
    };
}

/// One tag's sums being added up: a dense weight row per stem, the
/// stems used, and the same stems as bits (to list them in stem order
/// without sorting), reused per worker thread.
struct Scratch {
    dense: Vec<[f64; FOLDS]>,
    used: Vec<u32>,
    bits: Vec<u64>,
}

impl Scratch {
    /// The used stems and their rows, in stem order, every row and bit
    /// back to zero. A tag of few stems sorts them; one of many reads
    /// the bits, one word per 64 stems, instead.
    fn drain_sorted(&mut self) -> Vec<(u32, [f64; FOLDS])> {
        let n = self.used.len();
        let mut list = Vec::with_capacity(n);
        if n * (usize::BITS - n.leading_zeros()) as usize <= self.bits.len() {
            self.used.sort_unstable();
            for &s in &self.used {
                self.bits[s as usize / 64] = 0;
                list.push((s, std::mem::take(&mut self.dense[s as usize])));
            }
        } else {
            let dense = &mut self.dense;
            drain_bits(&mut self.bits, |s| {
                list.push((s as u32, std::mem::take(&mut dense[s])));
            });
        }
        self.used.clear();
        list
    }
}

/// Calls `f` with the index of each set bit of `bits`, in order, and
/// clears them.
pub(super) fn drain_bits(bits: &mut [u64], mut f: impl FnMut(usize)) {
    for (i, word) in bits.iter_mut().enumerate() {
        let mut w = std::mem::take(word);
        while w != 0 {
            f(i * 64 + w.trailing_zeros() as usize);
            w &= w - 1;
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch {
            dense: Vec::new(),
            used: Vec::new(),
            bits: Vec::new(),
        })
    };
}

/// Each tag's [`TagSums`], and the [`TagIndex`] of the sums F_ft of the
/// vectors of the articles of fold f carrying tag t.
pub(super) fn tag_sums(
    data: &TagData<'_>,
    n_tags: usize,
    stems: usize,
) -> (Vec<TagSums>, TagIndex) {
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n_tags];
    for (a, tags) in data.tags.iter().enumerate() {
        for &t in tags {
            members[t as usize].push(a as u32);
        }
    }
    type Weights = [f64; FOLDS];
    let per_tag: Vec<(TagSums, Vec<(u32, Weights)>)> = members
        .par_iter()
        .map(|arts| {
            let mut sums = TagSums {
                count: arts.len() as u32,
                ..TagSums::default()
            };
            // Articles in article order: the same bits in one run or in
            // shards. A dense scratch row per stem, reused per worker.
            let mut list: Vec<(u32, Weights)> =
                SCRATCH.with_borrow_mut(|scratch| {
                    if scratch.dense.len() < stems {
                        scratch.dense.resize(stems, [0.0; FOLDS]);
                        scratch.bits.resize(stems.div_ceil(64), 0);
                    }
                    for &a in arts {
                        let f = data.folds[a as usize] as usize;
                        sums.fold_count[f] += 1;
                        data.vectors.each(a as usize, |s, w| {
                            let bit = 1u64 << (s % 64);
                            let word = &mut scratch.bits[s as usize / 64];
                            if *word & bit == 0 {
                                *word |= bit;
                                scratch.used.push(s);
                            }
                            scratch.dense[s as usize][f] += w;
                        });
                    }
                    scratch.drain_sorted()
                });
            // A stem whose weights all cancelled is no posting (weights
            // are positive: none does).
            list.retain(|e| e.1 != [0.0; FOLDS]);
            for (_, fw) in &list {
                let total: f64 = fw.iter().sum();
                sums.norm2 += total * total;
                // Each sum without fold h adds the folds in order, h
                // left out: the folds before h (a running sum), then
                // those after it.
                let mut before = 0.0;
                for h in 0..FOLDS {
                    let mut without = before;
                    for w in &fw[h + 1..] {
                        without += w;
                    }
                    sums.norm2_without[h] += without * without;
                    before += fw[h];
                }
            }
            (sums, list)
        })
        .collect();
    let mut starts = vec![0u32; stems + 1];
    for (_, list) in &per_tag {
        for (s, _) in list {
            starts[*s as usize + 1] += 1;
        }
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    // The weights per fold stay in the tags' lists, where the postings
    // point: no copy of them (40 bytes a posting) in fresh memory.
    let mut tags = vec![0u32; starts[stems] as usize];
    let mut at = vec![0u32; starts[stems] as usize];
    let mut totals = vec![0.0; starts[stems] as usize];
    let mut next = starts.clone();
    for (t, (_, list)) in per_tag.iter().enumerate() {
        for (i, &(s, fw)) in list.iter().enumerate() {
            let to = &mut next[s as usize];
            tags[*to as usize] = t as u32;
            at[*to as usize] = i as u32;
            totals[*to as usize] = fw.iter().sum();
            *to += 1;
        }
    }
    let (sums, per_tag) = per_tag.into_iter().unzip();
    (
        sums,
        TagIndex {
            starts,
            tags,
            at,
            per_tag,
            totals,
        },
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{FOLDS, Scratch, rank};
    use crate::corpus::rank_key;
    use crate::tags::smallest::Smallest;

    proptest! {
        /// The ranking keeps what a sort of every touched article's key
        /// keeps (ties of score included: scores come from a few values),
        /// leaves the scores at zero, and skips the article itself.
        #[test]
        fn rank_keeps_the_best_keys_of_all(
            scores in prop::collection::vec(0u8..6, 0..300),
            k in 1usize..40,
            skip in 0usize..300,
        ) {
            let acc: Vec<f64> =
                scores.iter().map(|&s| f64::from(s) * 0.25).collect();
            let touched: Vec<u32> = (0..acc.len() as u32).rev().collect();
            let mut expected: Vec<u128> = touched
                .iter()
                .filter(|&&b| b as usize != skip && acc[b as usize] > 0.0)
                .map(|&b| rank_key(b, acc[b as usize]))
                .collect();
            expected.sort_unstable();
            expected.truncate(k);
            let mut smallest = Smallest::new(k);
            for _ in 0..2 {
                let mut a = acc.clone();
                rank(&mut a, &touched, skip, &mut smallest);
                prop_assert!(a.iter().all(|&s| s == 0.0));
                let mut kept: Vec<u128> = smallest.drain().collect();
                kept.sort_unstable();
                prop_assert_eq!(&kept, &expected);
            }
        }

        /// Whichever way it lists them (sorting few stems, reading the
        /// bits of many), the scratch gives every stem used once, in
        /// stem order, with its row, and is all zeros again after.
        #[test]
        fn drain_lists_used_stems_in_order_and_clears(
            adds in prop::collection::vec((0u32..700, 0usize..FOLDS, 1u32..9), 0..400),
            rounds in 1usize..3,
            few in any::<bool>(),
        ) {
            // 700 stems: 11 words of bits, so up to 3 stems are sorted.
            let stems = 700;
            let mut adds = adds;
            if few {
                adds.truncate(3);
            }
            let mut scratch = Scratch {
                dense: vec![[0.0; FOLDS]; stems],
                used: Vec::new(),
                bits: vec![0; stems.div_ceil(64)],
            };
            for _ in 0..rounds {
                let mut expected = std::collections::BTreeMap::new();
                for &(s, f, w) in &adds {
                    let bit = 1u64 << (s % 64);
                    if scratch.bits[s as usize / 64] & bit == 0 {
                        scratch.bits[s as usize / 64] |= bit;
                        scratch.used.push(s);
                    }
                    scratch.dense[s as usize][f] += f64::from(w);
                    let row: &mut [f64; FOLDS] =
                        expected.entry(s).or_insert([0.0; FOLDS]);
                    row[f] += f64::from(w);
                }
                let got = scratch.drain_sorted();
                let expected: Vec<(u32, [f64; FOLDS])> =
                    expected.into_iter().collect();
                prop_assert_eq!(got, expected);
                prop_assert!(scratch.used.is_empty());
                prop_assert!(scratch.bits.iter().all(|&w| w == 0));
                prop_assert!(scratch.dense.iter().all(|r| *r == [0.0; FOLDS]));
            }
        }
    }
}
