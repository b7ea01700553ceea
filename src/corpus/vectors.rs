//! Every article's vector, for tag suggestions and similar articles,
//! held as (stem, count) pairs: each weight is recomputed when read, by
//! the same operations that first made it (log-tf × idf over the
//! article's norm), so to the same bits. The pairs of every article lie
//! in one byte array as varints, each stem as its step from the one
//! before: two or three bytes a term instead of the 8 of a (u32, u32)
//! pair in a box of its own (tagging's 48 terms an article took 70 MB
//! on a corpus of 183,000 articles, 18 MB so).

use super::CorpusStats;
use super::postings::Vectors as PostingVectors;
use super::varint::{put_u32, take_u32};

/// The vectors, in article order.
#[derive(Debug, Default)]
pub struct TermVectors {
    /// Every article's (stem, count) pairs, one article after the other,
    /// each pair as two LEB128 varints: the stem less the one before it
    /// (wrapping; the first less 0), then the count.
    bytes: Vec<u8>,
    /// Where each article's pairs end in `bytes`.
    ends: Vec<usize>,
    /// Per article: what its weights are divided by (0: nothing, for an
    /// empty vector).
    norms: Vec<f64>,
    /// Each stem's idf; a stem past the end weighs `idf_beyond`.
    idf: Box<[f64]>,
    idf_beyond: f64,
    tf: LogTf,
}

/// An article's (stem, count) pairs, decoded as they are read.
pub struct Pairs<'a> {
    bytes: &'a [u8],
    at: usize,
    stem: u32,
}

impl Iterator for Pairs<'_> {
    type Item = (u32, u32);

    #[inline]
    fn next(&mut self) -> Option<(u32, u32)> {
        if self.at == self.bytes.len() {
            return None;
        }
        self.stem = self.stem.wrapping_add(take_u32(self.bytes, &mut self.at));
        Some((self.stem, take_u32(self.bytes, &mut self.at)))
    }
}

/// Appends `terms` to `out` as [`TermVectors`] holds an article's pairs
/// ([`TermVectors::push_window`]).
pub(crate) fn encode_terms(terms: &[(u32, u32)], out: &mut Vec<u8>) {
    let mut before = 0u32;
    for &(s, c) in terms {
        put_u32(out, s.wrapping_sub(before));
        put_u32(out, c);
        before = s;
    }
}

impl TermVectors {
    /// No vectors yet, weighing stem `s` by `idf[s]` (`idf_beyond` past
    /// the end).
    pub fn new(idf: Box<[f64]>, idf_beyond: f64) -> TermVectors {
        TermVectors {
            bytes: Vec::new(),
            ends: Vec::new(),
            norms: Vec::new(),
            idf,
            idf_beyond,
            tf: LogTf::new(),
        }
    }

    /// No vectors yet, weighing stems by `stats`'s idf.
    pub fn for_stats(stats: &CorpusStats) -> TermVectors {
        let idf = (0..stats.df.len() as u32).map(|s| stats.idf(s)).collect();
        TermVectors::new(idf, stats.idf(u32::MAX))
    }

    /// The weight of `count` times stem `s`, before the norm.
    #[inline]
    pub fn raw_weight(&self, s: u32, count: u32) -> f64 {
        let idf = match self.idf.get(s as usize) {
            Some(&idf) => idf,
            None => self.idf_beyond,
        };
        self.tf.of(count) * idf
    }

    /// The norm of `terms` (by stem) as [`TermVectors::push`] wants it.
    pub fn norm_of(&self, terms: &[(u32, u32)]) -> f64 {
        terms
            .iter()
            .map(|&(s, c)| {
                let w = self.raw_weight(s, c);
                w * w
            })
            .sum::<f64>()
            .sqrt()
    }

    /// Adds the next article's vector: `terms` by stem, `norm` the norm
    /// of their raw weights summed in that order.
    pub fn push(&mut self, terms: &[(u32, u32)], norm: f64) {
        encode_terms(terms, &mut self.bytes);
        self.ends.push(self.bytes.len());
        self.norms.push(norm);
    }

    /// Adds a window of articles' vectors at once (made in the crate on
    /// the workers, no box per article): `encoded` holds their pairs one
    /// article after the other, as `encode_terms` writes them, and
    /// `ends` gives each article's end in it and its norm.
    pub fn push_window(
        &mut self,
        encoded: &[u8],
        ends: impl IntoIterator<Item = (usize, f64)>,
    ) {
        let base = self.bytes.len();
        self.bytes.extend_from_slice(encoded);
        for (end, norm) in ends {
            self.ends.push(base + end);
            self.norms.push(norm);
        }
        debug_assert_eq!(
            self.ends.last().copied().unwrap_or(0),
            self.bytes.len()
        );
    }

    /// Room for `articles` more vectors of `bytes` encoded bytes in
    /// all, made at once: arrays of a large corpus grown by doubling
    /// left each smaller copy resident a moment longer, tens of MB over
    /// the heap's top.
    pub fn reserve_exact(&mut self, articles: usize, bytes: usize) {
        self.bytes.reserve_exact(bytes);
        self.ends.reserve_exact(articles);
        self.norms.reserve_exact(articles);
    }

    /// Article `a`'s (stem, count) pairs, by stem.
    #[inline]
    pub fn pairs(&self, a: usize) -> Pairs<'_> {
        let from = if a == 0 { 0 } else { self.ends[a - 1] };
        Pairs {
            bytes: &self.bytes[from..self.ends[a]],
            at: 0,
            stem: 0,
        }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// One past the largest stem of any vector.
    pub fn stems(&self) -> usize {
        (0..self.len())
            .flat_map(|a| self.pairs(a).map(|e| e.0 as usize + 1))
            .max()
            .unwrap_or(0)
    }

    /// Article `a`'s vector: (stem, weight) by stem, unit norm.
    pub fn of(&self, a: usize) -> Vec<(u32, f64)> {
        let norm = self.divisor(a);
        self.pairs(a)
            .map(|(s, c)| (s, self.raw_weight(s, c) / norm))
            .collect()
    }

    /// Calls `f` with each (stem, weight) of article `a`'s vector.
    #[inline]
    pub fn each(&self, a: usize, mut f: impl FnMut(u32, f64)) {
        let norm = self.divisor(a);
        for (s, c) in self.pairs(a) {
            f(s, self.raw_weight(s, c) / norm);
        }
    }

    /// What article `a`'s raw weights are divided by: its norm, or 1
    /// (which leaves every bit of a weight as it is) when it has none.
    #[inline]
    fn divisor(&self, a: usize) -> f64 {
        let norm = self.norms[a];
        if norm > 0.0 { norm } else { 1.0 }
    }
}

impl PostingVectors for TermVectors {
    fn articles(&self) -> usize {
        self.len()
    }

    #[inline]
    fn each(&self, a: usize, f: impl FnMut(u32, f64)) {
        TermVectors::each(self, a, f);
    }

    #[inline]
    fn each_stem(&self, a: usize, mut f: impl FnMut(u32)) {
        for (s, _) in self.pairs(a) {
            f(s);
        }
    }
}

/// A term's weight for its count in the article: sublinear, 1 + ln tf
/// (a count of 0 never reaches it; it counts as 1).
pub(crate) fn log_tf(count: u32) -> f64 {
    1.0 + f64::from(count.max(1)).ln()
}

/// [`log_tf`], from a table for the small counts, which are nearly all:
/// tagging's and similar's vectors weigh terms with it alike, so that
/// similar's can be rebuilt from tagging's
/// ([`SimilarSeed`](super::SimilarSeed)).
#[derive(Debug, Default)]
pub(crate) struct LogTf(Vec<f64>);

impl LogTf {
    pub(crate) fn new() -> LogTf {
        LogTf((0..256u32).map(log_tf).collect())
    }

    #[inline]
    pub(crate) fn of(&self, count: u32) -> f64 {
        match self.0.get(count as usize) {
            Some(&w) => w,
            None => log_tf(count),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_log_tf_times_idf_over_the_norm() {
        let mut v = TermVectors::new(vec![1.0, 2.0, 0.5].into(), 3.0);
        let terms = [(0, 1), (2, 7), (5, 2)];
        let raw = [1.0, (1.0 + 7f64.ln()) * 0.5, (1.0 + 2f64.ln()) * 3.0];
        let norm = v.norm_of(&terms);
        assert!(v.is_empty());
        assert_eq!(norm, raw.iter().map(|w| w * w).sum::<f64>().sqrt());
        v.push(&terms, norm);
        v.push(&[], 0.0);
        let want: Vec<(u32, f64)> =
            [0, 2, 5].into_iter().zip(raw.map(|w| w / norm)).collect();
        assert_eq!(v.of(0), want);
        assert_eq!(v.of(1), vec![]);
        assert_eq!((v.len(), v.is_empty(), v.stems()), (2, false, 6));
        let mut stems = Vec::new();
        v.each_stem(0, |s| stems.push(s));
        assert_eq!(stems, [0, 2, 5]);
    }

    proptest::proptest! {
        /// Every article gives back its pairs as pushed, whatever their
        /// order (stems that go down wrap), their size (varints of one
        /// to five bytes) or the articles before it, by either push.
        #[test]
        fn pairs_come_back_as_pushed(
            articles in proptest::collection::vec(
                proptest::collection::vec(
                    (
                        proptest::prop_oneof![0u32..300, proptest::num::u32::ANY],
                        proptest::prop_oneof![1u32..200, proptest::num::u32::ANY],
                    ),
                    0..60,
                ),
                0..12,
            ),
        ) {
            let mut v = TermVectors::new(Box::default(), 1.0);
            let mut encoded = Vec::new();
            for (a, terms) in articles.iter().enumerate() {
                if a % 2 == 0 {
                    v.push(terms, 1.0);
                } else {
                    encoded.clear();
                    encode_terms(terms, &mut encoded);
                    v.push_window(&encoded, [(encoded.len(), 1.0)]);
                }
            }
            proptest::prop_assert_eq!(v.len(), articles.len());
            for (a, terms) in articles.iter().enumerate() {
                proptest::prop_assert_eq!(&v.pairs(a).collect::<Vec<_>>(), terms);
                let mut stems = Vec::new();
                v.each_stem(a, |s| stems.push(s));
                proptest::prop_assert!(stems.iter().eq(terms.iter().map(|e| &e.0)));
            }
        }
    }
}
