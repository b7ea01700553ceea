//! Similar articles: cosine similarity of log-tf × idf vectors over each
//! article's top terms, found through an inverted index with capped
//! posting lists instead of comparing all pairs.

use rayon::prelude::*;

use super::postings::Postings;
use super::score::{by_score_then_text, keep_top_scores};
use super::vectors::{LogTf, encode_terms};
use super::{CorpusStats, Doc, TermVectors};
use crate::output::round4;

/// Terms per article that take part in the similarity index.
pub const SIMILAR_TERMS: usize = 32;
/// Longest posting list kept in the similarity index (the entries where
/// the term weighs most): past this, a term is so common that it says
/// little about which articles are alike, and keeping every entry would
/// make the pass quadratic. Cost: at most articles × SIMILAR_TERMS ×
/// MAX_POSTINGS multiply-adds.
const MAX_POSTINGS: usize = 128;
/// Similar articles kept per article.
const SIMILAR_KEPT: usize = 5;
/// Similarity below this is not worth listing.
const MIN_SIMILARITY: f64 = 0.05;
/// The articles most similar to one article: (index into the corpus's
/// articles, score), best first. Ids are looked up when the article is
/// written, so that the corpus pass does not hold five id strings per
/// article.
pub type SimilarTo = Box<[(u32, f64)]>;

/// A weighed term (or article) as one integer key whose natural order is
/// "weight descending, then id": weights are positive and finite, so
/// their bits order as their values do (as `total_cmp` orders them), and
/// keys select and sort with no comparator call.
#[inline]
pub fn rank_key(id: u32, weight: f64) -> u128 {
    (u128::from(u64::MAX - weight.to_bits()) << 32) | u128::from(id)
}

/// The id and weight of a [`rank_key`].
#[inline]
pub fn key_term(key: u128) -> (u32, f64) {
    (key as u32, f64::from_bits(u64::MAX - (key >> 32) as u64))
}

/// What similar's vector of an article is, given the article's keys
/// ([`rank_key`], log-tf × idf): the norm of its [`SIMILAR_TERMS`]
/// heaviest terms, and the last of them (a term is in the vector when
/// its key is at most this one). `keys` must hold the article's
/// [`SIMILAR_TERMS`] heaviest terms at least; they are reordered, those
/// of the vector first, heaviest first.
pub fn vector_bounds(keys: &mut [u128]) -> (f64, u128) {
    let kept = if keys.len() > SIMILAR_TERMS {
        keys.select_nth_unstable(SIMILAR_TERMS - 1);
        &mut keys[..SIMILAR_TERMS]
    } else {
        keys
    };
    // Summed heaviest first, as `SimilarIndex::vector` sums.
    kept.sort_unstable();
    let norm = kept
        .iter()
        .map(|&k| {
            let w = key_term(k).1;
            w * w
        })
        .sum::<f64>()
        .sqrt();
    (norm, kept.last().copied().unwrap_or(0))
}

/// Similar's vectors as another pass over every article's terms found
/// them: each article's heaviest terms that two articles use, as
/// (stem, count) by stem, of which those whose bit is set in
/// `norms[a].1` make similar's vector, each weight (log-tf × idf)
/// divided by `norms[a].0`. Its terms of one article are left out: they
/// link it to no other, so they take no part in any score (their weight
/// is in the norm).
#[derive(Debug, Default)]
pub struct SimilarSeed {
    /// Per article: (stem, count), by stem (its weights and norms are
    /// not read).
    pub terms: TermVectors,
    /// Per article: the norm of similar's vector ([`vector_bounds`]) and
    /// which of `terms[a]` that vector holds (bit i for entry i).
    pub norms: Vec<(f64, u64)>,
}

/// Up to `SIMILAR_KEPT` (5) similar articles per article, by cosine
/// similarity of log-tf × idf vectors restricted to each article's top
/// terms.
pub fn similar(docs: &[Doc], stats: &CorpusStats) -> Vec<SimilarTo> {
    let all: Vec<usize> = (0..docs.len()).collect();
    similar_of(docs, stats, &all)
}

/// [`similar`] from the vectors another pass over every article's terms
/// already found ([`SimilarSeed`]; tagging's), instead of a pass of its
/// own: the same articles and scores, bit for bit. An article the seed
/// cannot give exactly (none in practice) is read from its terms.
pub fn similar_seeded(
    docs: &[Doc],
    stats: &CorpusStats,
    seed: SimilarSeed,
) -> Vec<SimilarTo> {
    let index = SimilarIndex::seeded(docs, stats, seed);
    (0..docs.len())
        .into_par_iter()
        .map(|a| index.of(docs, a))
        .collect()
}

/// [`similar`] for the articles `which` only (indexes into `docs`, which
/// still all take part), in that order: a shard's articles among the
/// whole corpus.
pub fn similar_of(
    docs: &[Doc],
    stats: &CorpusStats,
    which: &[usize],
) -> Vec<SimilarTo> {
    let index = SimilarIndex::build(docs, stats);
    which.par_iter().map(|&a| index.of(docs, a)).collect()
}

/// One article's vector as [`TermVectors`] takes it: its terms'
/// (stem, count) by stem, and the norm their weights are divided by.
type Counted = (Box<[(u32, u32)]>, f64);

/// How many articles a worker encodes into one buffer at a time.
const WINDOW: usize = 256;

/// The vectors of a window of articles, their pairs encoded as
/// [`TermVectors`] holds them (two or three bytes a term instead of
/// eight) into one buffer, with each article's end in it and its norm:
/// what the workers hand over, no box per article (copied into the
/// index, the buffers leave whole pages free).
type Window = (Vec<u8>, Vec<(usize, f64)>);

/// The [`Window`] of `vectors`.
fn window(vectors: impl Iterator<Item = Counted>) -> Window {
    let mut bytes = Vec::new();
    let ends = vectors
        .map(|(terms, norm)| {
            encode_terms(&terms, &mut bytes);
            (bytes.len(), norm)
        })
        .collect();
    (bytes, ends)
}

/// What [`similar`] needs to answer for one article: each article's
/// kept vector and the posting lists. Built once (in parallel); then
/// [`SimilarIndex::of`] answers for any article, on any thread.
struct SimilarIndex {
    vectors: TermVectors,
    postings: Postings,
}

impl SimilarIndex {
    /// The index of `docs`, each article's vector read from its terms
    /// ([`vector_of`]).
    fn build(docs: &[Doc], stats: &CorpusStats) -> SimilarIndex {
        let tf = LogTf::new();
        let windows: Vec<Window> = docs
            .par_chunks(WINDOW)
            .map(|w| window(w.iter().map(|d| counted_vector(d, stats, &tf))))
            .collect();
        Self::of_vectors(windows, stats)
    }

    /// The index of `docs` from `seed`'s vectors.
    fn seeded(
        docs: &[Doc],
        stats: &CorpusStats,
        seed: SimilarSeed,
    ) -> SimilarIndex {
        let tf = LogTf::new();
        let windows: Vec<Window> = seed
            .norms
            .par_chunks(WINDOW)
            .enumerate()
            .map(|(w, norms)| {
                window(norms.iter().enumerate().map(|(i, &norms)| {
                    let a = w * WINDOW + i;
                    seeded_vector(seed.terms.pairs(a), norms).unwrap_or_else(
                        || counted_vector(&docs[a], stats, &tf),
                    )
                }))
            })
            .collect();
        drop(seed);
        Self::of_vectors(windows, stats)
    }

    /// The index over the articles' vectors, window after window (one
    /// article for each of `stats`'s corpus).
    fn of_vectors(windows: Vec<Window>, stats: &CorpusStats) -> SimilarIndex {
        let mut vectors = TermVectors::for_stats(stats);
        let articles = windows.iter().map(|w| w.1.len()).sum();
        let bytes = windows.iter().map(|w| w.0.len()).sum();
        vectors.reserve_exact(articles, bytes);
        for (encoded, ends) in windows {
            vectors.push_window(&encoded, ends);
        }
        // A term of one article links it to no other.
        let postings =
            Postings::build(&vectors, stats.df.len(), MAX_POSTINGS, |s| {
                stats.df[s as usize] > 1
            });
        SimilarIndex { vectors, postings }
    }

    /// The articles most similar to `docs[a]` (`docs` as given to
    /// [`SimilarIndex::build`]).
    fn of(&self, docs: &[Doc], a: usize) -> SimilarTo {
        ACCUMULATOR.with_borrow_mut(|(acc, touched)| {
            if acc.len() < docs.len() {
                acc.resize(docs.len(), 0.0);
            }
            // The article itself is scored too (no test per entry) and
            // dropped below.
            let x = self.vectors.of(a);
            let n = self.postings.accumulate(&x, acc, touched);
            let mut found = Vec::new();
            contenders(acc, &touched[..n], a, &mut found);
            // The best SIMILAR_KEPT by score, ties broken by id. Ids
            // are read only for the candidates at or above the
            // SIMILAR_KEPT-th score (each is a cache miss on a large
            // corpus).
            keep_top_scores(&mut found, SIMILAR_KEPT);
            let mut found: Vec<(f64, &str, u32)> = found
                .into_iter()
                .map(|(s, b)| (s, docs[b as usize].id.as_str(), b))
                .collect();
            found.sort_by(|x, y| by_score_then_text((x.0, x.1), (y.0, y.1)));
            found.truncate(SIMILAR_KEPT);
            found.iter().map(|&(score, _, b)| (b, score)).collect()
        })
    }
}

/// Reads the scores of the articles `touched` (each once), setting them
/// back to 0 in `acc`, and pushes onto `found` as (rounded score,
/// article) each article but `a` scored at least [`MIN_SIMILARITY`]
/// once rounded that could still rank among the best [`SIMILAR_KEPT`]:
/// [`keep_top_scores`] then keeps what it would keep of all of them.
/// Hundreds of articles an article meets pass the threshold on a large
/// corpus and five are kept: a score more than 2e-4 below the
/// [`SIMILAR_KEPT`]-th best raw score met so far rounds below that
/// one's rounded score (1e-4 apart, two scores can still round to the
/// same four decimals), so it is dropped with one comparison instead of
/// being rounded, pushed and selected.
fn contenders(
    acc: &mut [f64],
    touched: &[u32],
    a: usize,
    found: &mut Vec<(f64, u32)>,
) {
    // The best raw scores pushed so far, and the lowest of them.
    let mut best = [f64::NEG_INFINITY; SIMILAR_KEPT];
    let mut low = 0;
    // Most articles met score far below the threshold, even once
    // rounded: no need to round them.
    let mut floor = MIN_SIMILARITY - 1e-4;
    for &b in touched {
        let raw = std::mem::take(&mut acc[b as usize]);
        if raw < floor || b as usize == a {
            continue;
        }
        let score = round4(raw);
        if score < MIN_SIMILARITY {
            continue;
        }
        found.push((score, b));
        if raw > best[low] {
            best[low] = raw;
            low = (0..SIMILAR_KEPT)
                .min_by(|&i, &j| best[i].total_cmp(&best[j]))
                .unwrap_or(0);
            floor = floor.max(best[low] - 2e-4);
        }
    }
}

/// An article's vector for similar articles: (stem, weight) of its
/// [`SIMILAR_TERMS`] heaviest terms by log-tf × idf, unit length, by
/// stem.
pub fn vector_of(doc: &Doc, stats: &CorpusStats) -> Box<[(u32, f64)]> {
    vector(doc, stats, &LogTf::new())
}

/// [`vector_of`] from a seed's terms and norms (as in [`SimilarSeed`]),
/// its terms of one article left out; `None` when the seed has no norm
/// for a vector that has terms.
pub fn vector_from_seed(
    terms: &[(u32, u32)],
    norms: (f64, u64),
    stats: &CorpusStats,
) -> Option<Box<[(u32, f64)]>> {
    let (terms, norm) = seeded_vector(terms.iter().copied(), norms)?;
    Some(decoded(terms, norm, stats))
}

/// What `counted_vector` gives `doc`, as [`vector_of`] gives it.
pub fn counted_vector_of(doc: &Doc, stats: &CorpusStats) -> Box<[(u32, f64)]> {
    let (terms, norm) = counted_vector(doc, stats, &LogTf::new());
    decoded(terms, norm, stats)
}

/// One article's (terms, norm) as (stem, weight) pairs.
fn decoded(
    terms: Box<[(u32, u32)]>,
    norm: f64,
    stats: &CorpusStats,
) -> Box<[(u32, f64)]> {
    let mut one = TermVectors::for_stats(stats);
    one.push(&terms, norm);
    one.of(0).into_boxed_slice()
}

fn vector(doc: &Doc, stats: &CorpusStats, tf: &LogTf) -> Box<[(u32, f64)]> {
    let mut keys: Vec<u128> = doc
        .packed
        .terms()
        .map(|t| rank_key(t.stem, tf.of(t.count) * stats.idf(t.stem)))
        .collect();
    // The cosine of the kept vectors: normalised over the kept terms, so
    // that two articles about the same thing score near 1 whatever the
    // length of their long tails.
    let (norm, _) = vector_bounds(&mut keys);
    keys.truncate(SIMILAR_TERMS);
    let mut v: Vec<(u32, f64)> = keys
        .iter()
        .map(|&k| {
            let (s, w) = key_term(k);
            (s, if norm > 0.0 { w / norm } else { w })
        })
        .collect();
    v.sort_by_key(|&(s, _)| s);
    v.into_boxed_slice()
}

/// [`vector`] as [`TermVectors`] holds it: the kept terms' (stem,
/// count) by stem, and the norm their weights are divided by.
fn counted_vector(doc: &Doc, stats: &CorpusStats, tf: &LogTf) -> Counted {
    COUNTS.with_borrow_mut(|count| {
        let mut keys: Vec<u128> = Vec::with_capacity(doc.packed.term_count());
        doc.packed.each_weighed(|stem, c, _| {
            let i = stem as usize;
            if count.len() <= i {
                count.resize(i + 1, 0);
            }
            count[i] = c;
            keys.push(rank_key(stem, tf.of(c) * stats.idf(stem)));
        });
        let (norm, _) = vector_bounds(&mut keys);
        keys.truncate(SIMILAR_TERMS);
        let mut v: Vec<(u32, u32)> = keys
            .iter()
            .map(|&k| (k as u32, count[k as u32 as usize]))
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        (v.into_boxed_slice(), norm)
    })
}

/// Similar's vector from a seed: its kept terms and their norm.
fn seeded_vector(
    terms: impl Iterator<Item = (u32, u32)>,
    (own_norm, members): (f64, u64),
) -> Option<Counted> {
    let has_norm = own_norm > 0.0;
    if members != 0 && !has_norm {
        return None;
    }
    let mut kept = Vec::with_capacity(members.count_ones() as usize);
    for (i, e) in terms.enumerate() {
        if i < 64 && members & (1 << i) != 0 {
            kept.push(e);
        }
    }
    Some((kept.into_boxed_slice(), own_norm))
}

thread_local! {
    /// One dense score accumulator per worker thread, reused for every
    /// article. (rayon's `map_init` would build one per split: thousands
    /// of corpus-sized arrays, and the allocator kept them all.)
    static ACCUMULATOR: std::cell::RefCell<(Vec<f64>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    /// Per worker thread: each stem's count in the article being read
    /// (written for that article's stems only, read for them only).
    static COUNTS: std::cell::RefCell<Vec<u32>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What `contenders` must leave to `keep_top_scores`: every article
    /// but `a` at or over the threshold once rounded.
    fn all_over(acc: &[f64], touched: &[u32], a: usize) -> Vec<(f64, u32)> {
        touched
            .iter()
            .filter(|&&b| b as usize != a)
            .map(|&b| (round4(acc[b as usize]), b))
            .filter(|&(score, _)| score >= MIN_SIMILARITY)
            .collect()
    }

    fn kept(mut items: Vec<(f64, u32)>) -> Vec<(u64, u32)> {
        keep_top_scores(&mut items, SIMILAR_KEPT);
        let mut kept: Vec<(u64, u32)> =
            items.iter().map(|&(s, b)| (s.to_bits(), b)).collect();
        kept.sort_unstable();
        kept
    }

    proptest! {
        /// The contenders keep what all the articles over the threshold
        /// keep, ties and scores a rounding apart included, and leave
        /// every score at 0.
        #[test]
        fn contenders_keep_what_all_keep(
            raws in prop::collection::vec((0u32..60, 0u32..5), 0..400),
            order in 1u64..1009,
            a in 0usize..400,
        ) {
            // Scores near the threshold, on and beside the roundings'
            // halves, equal ones, and far above.
            let acc: Vec<f64> = raws
                .iter()
                .map(|&(step, nudge)| {
                    let base = 0.0499 + f64::from(step) * 0.00005;
                    base + [0.0, 1e-9, -1e-9, 0.4, 0.00025][nudge as usize]
                })
                .collect();
            let mut touched: Vec<u32> = (0..acc.len() as u32).collect();
            // Some order other than the articles'.
            touched.sort_by_key(|&b| (u64::from(b) * order) % 1009);
            let expected = kept(all_over(&acc, &touched, a));
            let mut scores = acc.clone();
            let mut found = Vec::new();
            contenders(&mut scores, &touched, a, &mut found);
            prop_assert!(scores.iter().all(|&s| s == 0.0));
            prop_assert!(found.len() <= all_over(&acc, &touched, a).len());
            prop_assert_eq!(kept(found), expected);
        }
    }
}
