//! Capped posting lists over article vectors, shared by similar articles
//! ([`super::similar`]) and the neighbours of tag suggestions
//! (`tags::suggest::index`): for each stem, the articles whose vector
//! holds it, as (article, weight), the `cap` heaviest at most, in article
//! order. One flat array of exact size instead of a vector per stem (the
//! weight is stored, not looked up: a lookup is a cache miss per entry on
//! a large corpus).
//!
//! A list is filled in article order into room for at most twice the
//! cap; when a long list's room is full it is cut to its `cap` heaviest.
//! Heaviest first, ties to the lower article, is a total order (a list
//! holds each article once), so an entry dropped at a cut has `cap`
//! entries before it and is in no final top `cap` either: the kept lists
//! are those of cutting whole lists at once, in memory bounded by the cap
//! instead of by the corpus.

use std::cmp::Ordering;

/// Article vectors as [`Postings::build`] reads them: each article's
/// (stem, weight) pairs, in stem order.
pub(crate) trait Vectors {
    /// How many articles.
    fn articles(&self) -> usize;

    /// Calls `f` with each (stem, weight) of article `a`'s vector.
    fn each(&self, a: usize, f: impl FnMut(u32, f64));

    /// Calls `f` with each stem of article `a`'s vector.
    #[inline]
    fn each_stem(&self, a: usize, mut f: impl FnMut(u32)) {
        self.each(a, |s, _| f(s));
    }
}

impl Vectors for [Box<[(u32, f64)]>] {
    fn articles(&self) -> usize {
        self.len()
    }

    #[inline]
    fn each(&self, a: usize, mut f: impl FnMut(u32, f64)) {
        for &(s, w) in self[a].iter() {
            f(s, w);
        }
    }
}

/// `entries[starts[s]..starts[s + 1]]` is stem `s`'s list.
#[derive(Debug)]
pub(crate) struct Postings {
    starts: Vec<u32>,
    entries: Vec<(u32, f64)>,
}

impl Postings {
    /// The lists of `vectors` (article `i` is `vectors[i]`; stems below
    /// `stems`), each cut to its `cap` heaviest, holding only the stems
    /// `keep` accepts.
    pub(crate) fn build(
        vectors: &(impl Vectors + ?Sized),
        stems: usize,
        cap: usize,
        keep: impl Fn(u32) -> bool,
    ) -> Postings {
        assert!(cap > 0, "a posting cap of 0 keeps nothing");
        let mut count = vec![0u32; stems];
        for a in 0..vectors.articles() {
            vectors.each_stem(a, |s| {
                if keep(s) {
                    count[s as usize] += 1;
                }
            });
        }
        // Room for the whole list, or for twice the cap when longer.
        let mut room = vec![0u32; stems + 1];
        for s in 0..stems {
            room[s + 1] = room[s] + count[s].min(2 * cap as u32);
        }
        let mut entries = vec![(0u32, 0f64); room[stems] as usize];
        // Where each list's next entry goes.
        let mut next = room.clone();
        // Per list, once cut: the weight of its `cap`-th heaviest. A later
        // entry no heavier comes from a later article, so it ranks after
        // that one and can never be kept: it is dropped at once.
        let mut bar = vec![f64::NEG_INFINITY; stems];
        for a in 0..vectors.articles() {
            vectors.each(a, |s, w| {
                if !keep(s) {
                    return;
                }
                let s = s as usize;
                if w <= bar[s] {
                    return;
                }
                if next[s] == room[s + 1] {
                    // Full: the heaviest stay at the front, in any order
                    // (the final cut below sorts the list).
                    let list =
                        &mut entries[room[s] as usize..next[s] as usize];
                    list.select_nth_unstable_by(cap - 1, heaviest);
                    bar[s] = list[cap - 1].1;
                    next[s] = room[s] + cap as u32;
                    if w <= bar[s] {
                        return;
                    }
                }
                entries[next[s] as usize] = (a as u32, w);
                next[s] += 1;
            });
        }
        // Cut the lists still over the cap, compacting in place. A list
        // never cut is in article order already; one cut as it filled is
        // sorted back, whether or not an entry came after the cut.
        let mut write = 0usize;
        let mut starts = vec![0u32; stems + 1];
        for s in 0..stems {
            let (from, to) = (room[s] as usize, next[s] as usize);
            let list = &mut entries[from..to];
            if list.len() > cap {
                list.select_nth_unstable_by(cap - 1, heaviest);
            }
            let n = list.len().min(cap);
            if list.len() > cap || bar[s] > f64::NEG_INFINITY {
                list[..n].sort_unstable_by_key(|&(a, _)| a);
            }
            entries.copy_within(from..from + n, write);
            write += n;
            starts[s + 1] = write as u32;
        }
        entries.truncate(write);
        entries.shrink_to_fit();
        Postings { starts, entries }
    }

    /// Leaves out the entries of the articles `keep` refuses, each list
    /// keeping its order.
    pub(crate) fn retain_articles(&mut self, keep: impl Fn(u32) -> bool) {
        let mut write = 0usize;
        // Lists move left as they shrink: `from` is the list's place
        // before this pass, `starts[s]` its place after.
        let mut from = 0usize;
        for s in 0..self.starts.len() - 1 {
            let to = self.starts[s + 1] as usize;
            for i in from..to {
                let e = self.entries[i];
                if keep(e.0) {
                    self.entries[write] = e;
                    write += 1;
                }
            }
            self.starts[s + 1] = write as u32;
            from = to;
        }
        self.entries.truncate(write);
        self.entries.shrink_to_fit();
    }

    /// Adds `w × wb` to `acc[b]` for each posting `(b, wb)` of each stem
    /// `(s, w)` of `vector`, and leaves in `touched[..n]`, `n` returned,
    /// each article whose score left 0 (once each; `acc` must be 0 but
    /// for those of earlier calls the caller has not reset; `touched`
    /// beyond `n` holds leftovers). Stems in the vector's order, each
    /// list in article order: the same sums, bit for bit, in one run or
    /// in shards. An article met is noted without a branch: its slot is
    /// always written and kept only when its score was 0 (whether an
    /// article is new is not predictable). A function of its own, never
    /// inlined, so that the slices stay in registers: the loop runs
    /// hundreds of times per article.
    #[inline(never)]
    pub(crate) fn accumulate(
        &self,
        vector: &[(u32, f64)],
        acc: &mut [f64],
        touched: &mut Vec<u32>,
    ) -> usize {
        let most: usize =
            vector.iter().map(|&(s, _)| self.list(s).len()).sum();
        // Room for every posting; grown, never cleared (each slot is
        // written before it is read).
        if touched.len() < most {
            touched.resize(most, 0);
        }
        let mut n = 0;
        for &(s, w) in vector {
            for &(b, wb) in self.list(s) {
                let score = &mut acc[b as usize];
                touched[n] = b;
                n += usize::from(*score == 0.0);
                *score += w * wb;
            }
        }
        n
    }

    /// Stem `stem`'s list; empty for a stem past those built.
    #[inline]
    pub(crate) fn list(&self, stem: u32) -> &[(u32, f64)] {
        let s = stem as usize;
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&from), Some(&to)) => {
                &self.entries[from as usize..to as usize]
            }
            _ => &[],
        }
    }
}

/// Heaviest first, ties to the lower article.
fn heaviest(a: &(u32, f64), b: &(u32, f64)) -> Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: usize = 8;

    /// Each article met once in `touched[..n]`, its score the sum of its
    /// products, whatever `touched` held from a longer call before.
    #[test]
    fn accumulate_notes_each_article_once_over_leftovers() {
        let vectors: Vec<Box<[(u32, f64)]>> = vec![
            vec![(0, 1.0), (1, 2.0)].into(),
            vec![(0, 3.0), (2, 1.0)].into(),
            vec![(1, 4.0), (2, 5.0)].into(),
            vec![(0, 0.5)].into(),
        ];
        let postings = Postings::build(vectors.as_slice(), 3, CAP, |_| true);
        let mut acc = vec![0.0; 4];
        let mut touched = Vec::new();
        let n = postings.accumulate(
            &[(0, 1.0), (1, 1.0), (2, 1.0)],
            &mut acc,
            &mut touched,
        );
        let mut met = touched[..n].to_vec();
        met.sort_unstable();
        assert_eq!(met, [0, 1, 2, 3]);
        assert_eq!(acc, [3.0, 4.0, 9.0, 0.5]);
        acc.fill(0.0);
        // A shorter query after a longer one: the leftovers stay out.
        let n = postings.accumulate(&[(2, 2.0)], &mut acc, &mut touched);
        assert_eq!(&touched[..n], &[1, 2]);
        assert_eq!(acc, [0.0, 2.0, 10.0, 0.0]);
    }

    /// The lists as the cap defines them: every linked entry, each list
    /// cut at once to its heaviest.
    fn capped_at_once(
        vectors: &[Box<[(u32, f64)]>],
        stems: usize,
    ) -> Vec<Vec<(u32, f64)>> {
        let mut lists = vec![Vec::new(); stems];
        for (i, v) in vectors.iter().enumerate() {
            for &(stem, w) in v.iter() {
                lists[stem as usize].push((i as u32, w));
            }
        }
        for list in &mut lists {
            if list.len() == 1 {
                list.clear();
            }
            list.sort_by(heaviest);
            list.truncate(CAP);
            list.sort_by_key(|&(i, _)| i);
        }
        lists
    }

    #[test]
    fn lists_cut_as_they_fill_keep_the_heaviest_of_the_whole() {
        // Stem 0 in every article (cut many times), stem 1 in just over
        // the room (cut once), stem 2 in exactly the room, stem 3 in
        // one article (links none), stem 4 under the cap, stem 5 cut
        // once with no entry kept after the cut; weights with ties,
        // rising, falling and scattered.
        let n = 5 * CAP + 3;
        let vectors: Vec<Box<[(u32, f64)]>> = (0..n)
            .map(|i| {
                let mut v = vec![(0, ((i * 7919) % 97) as f64 / 97.0)];
                if i <= 2 * CAP {
                    v.push((1, i as f64));
                }
                if i < 2 * CAP {
                    v.push((2, (n - i) as f64));
                }
                if i == 5 {
                    v.push((3, 1.0));
                }
                if i % 9 == 0 {
                    v.push((4, 0.5));
                }
                if i < 2 * CAP + 3 {
                    let light = 0.25;
                    v.push((5, if i < 2 * CAP { i as f64 } else { light }));
                }
                v.into_boxed_slice()
            })
            .collect();
        let expected = capped_at_once(&vectors, 6);
        let mut df = [0u32; 6];
        for v in &vectors {
            for &(s, _) in v.iter() {
                df[s as usize] += 1;
            }
        }
        // Similar articles' rule: a stem of one article links none.
        let postings =
            Postings::build(vectors.as_slice(), df.len(), CAP, |s| {
                df[s as usize] > 1
            });
        for (stem, list) in expected.iter().enumerate() {
            assert_eq!(postings.list(stem as u32), &list[..], "stem {stem}");
        }
        assert_eq!(postings.list(0).len(), CAP);
        assert!(postings.list(3).is_empty());
    }

    #[test]
    fn retained_lists_keep_their_order_and_move_left() {
        let vectors: Vec<Box<[(u32, f64)]>> = (0..6u32)
            .map(|i| vec![(0, f64::from(i)), (2, 1.0)].into_boxed_slice())
            .collect();
        let mut postings = Postings::build(vectors.as_slice(), 3, 4, |_| true);
        // Stem 0: the four heaviest (articles 2 to 5); stem 1: none;
        // stem 2: ties, the four lowest articles.
        assert_eq!(
            postings.list(0),
            &[(2, 2.0), (3, 3.0), (4, 4.0), (5, 5.0)]
        );
        assert!(postings.list(1).is_empty());
        assert_eq!(
            postings.list(2),
            &[(0, 1.0), (1, 1.0), (2, 1.0), (3, 1.0)]
        );
        postings.retain_articles(|a| a % 2 == 1);
        assert_eq!(postings.list(0), &[(3, 3.0), (5, 5.0)]);
        assert!(postings.list(1).is_empty());
        assert_eq!(postings.list(2), &[(1, 1.0), (3, 1.0)]);
        assert!(postings.list(3).is_empty(), "past the stems built");
    }
}
