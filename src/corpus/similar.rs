//! Similar articles: cosine similarity of log-tf × idf vectors over each
//! article's top terms, found through an inverted index with capped
//! posting lists instead of comparing all pairs.

use rayon::prelude::*;

use super::postings::Postings;
use super::score::{by_score_then_text, keep_top_scores};
use super::{CorpusStats, Doc};
use crate::output::round4;

/// Terms per article that take part in the similarity index.
const SIMILAR_TERMS: usize = 32;
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

/// Up to `SIMILAR_KEPT` (5) similar articles per article, by cosine
/// similarity of log-tf × idf vectors restricted to each article's top
/// terms.
pub fn similar(docs: &[Doc], stats: &CorpusStats) -> Vec<SimilarTo> {
    let all: Vec<usize> = (0..docs.len()).collect();
    similar_of(docs, stats, &all)
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

/// What [`similar`] needs to answer for one article: each article's
/// kept vector and the posting lists. Built once (in parallel); then
/// [`SimilarIndex::of`] answers for any article, on any thread.
struct SimilarIndex {
    vectors: Vec<Box<[(u32, f64)]>>,
    postings: Postings,
}

impl SimilarIndex {
    /// The index of `docs`.
    fn build(docs: &[Doc], stats: &CorpusStats) -> SimilarIndex {
        // 1 + ln(count) for the small counts, which are nearly all.
        let log_tf: Vec<f64> =
            (0..256u32).map(|c| 1.0 + f64::from(c).ln()).collect();
        let tf = |count: u32| match log_tf.get(count as usize) {
            Some(&w) => w,
            None => 1.0 + f64::from(count).ln(),
        };
        // Each article's top weighted terms, normalised.
        let vectors: Vec<Box<[(u32, f64)]>> = docs
            .par_iter()
            .map(|doc| {
                let mut v: Vec<(u32, f64)> =
                    Vec::with_capacity(doc.packed.term_count());
                doc.packed.terms().for_each(|t| {
                    v.push((t.stem, tf(t.count) * stats.idf(t.stem)));
                });
                // Heaviest first, then by stem: a total order, so the
                // top SIMILAR_TERMS are selected, then sorted alone.
                let order = |a: &(u32, f64), b: &(u32, f64)| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                };
                if v.len() > SIMILAR_TERMS {
                    v.select_nth_unstable_by(SIMILAR_TERMS - 1, order);
                    v.truncate(SIMILAR_TERMS);
                }
                v.sort_by(order);
                // The cosine of the kept vectors: normalised over the
                // kept terms, so that two articles about the same thing
                // score near 1 whatever the length of their long tails.
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut v {
                        *w /= norm;
                    }
                }
                v.sort_by_key(|&(s, _)| s);
                v.into_boxed_slice()
            })
            .collect();
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
            self.postings.accumulate(&self.vectors[a], acc, touched);
            let mut found: Vec<(f64, u32)> = Vec::new();
            for &b in touched.iter() {
                let raw = acc[b as usize];
                acc[b as usize] = 0.0;
                if b as usize == a {
                    continue;
                }
                // Most articles met score far below the threshold, even
                // once rounded: no need to round them.
                if raw < MIN_SIMILARITY - 1e-4 {
                    continue;
                }
                let score = round4(raw);
                if score >= MIN_SIMILARITY {
                    found.push((score, b));
                }
            }
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

thread_local! {
    /// One dense score accumulator per worker thread, reused for every
    /// article. (rayon's `map_init` would build one per split: thousands
    /// of corpus-sized arrays, and the allocator kept them all.)
    static ACCUMULATOR: std::cell::RefCell<(Vec<f64>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}
