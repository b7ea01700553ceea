//! Suggested tags: the corpus's tagged articles → for every article, the
//! tags of the corpus's own vocabulary that fit it, each with a
//! calibrated probability.
//!
//! Nine features per (article, candidate tag), each computed without the
//! article's own tags:
//! - `centroid`: cosine of the article's vector with the sum of the
//!   vectors of the other articles carrying the tag;
//! - `neighbours`: similarity-weighted share of its [`NEIGHBOURS`] most
//!   similar tagged articles that carry the tag;
//! - `name`: share of the tag's words found among the article's stems
//!   (French tags and English slugs alike: `network-bgp` → `bgp`);
//! - `title`: the same share over the title's stems;
//! - `prior`: ln((other articles carrying the tag + ½) / tagged
//!   articles);
//! - `nearest`: similarity of the most similar tagged article carrying
//!   the tag (among its `TOP_SIMS` nearest);
//! - `salience`: weight in the article's vector of the stems naming the
//!   tag's words, per word (a tag it names in passing weighs little);
//! - `centroid rank`, `neighbours rank`: 1 / (1 + the tag's rank among
//!   the article's candidates by `centroid`, by `neighbours`; ties share
//!   the best rank): how it fares against the other candidates.
//!
//! A logistic regression over them, fitted on the corpus's own tagged
//! articles (ten weights, nothing tuned by hand), turns them into the
//! probability that the tag is right. The weights an article's score
//! comes from are fitted without its own tags too: articles fall into
//! [`FOLDS`] folds by a hash of their id, and the weights for fold `f`
//! are fitted on features computed as if fold `f` had no tags at all.
//! So an article's suggestions are a function of the texts and of the
//! *other* articles' tags only (docs/tags.md, issue 14).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::TermVectors;

use self::candidates::Candidate;
pub use self::fit::fit_logistic;
use self::fit::{fit_logistic_from, log_odds, probability, sample_rows};
use self::index::{Index, TagIndex, TagSums, tag_sums};

/// Tagged neighbours whose tags vote.
pub const NEIGHBOURS: usize = 20;
/// Folds of the cross-fitting of the weights.
pub const FOLDS: usize = 5;
/// Suggestions kept per article.
pub const SUGGESTED: usize = 5;
/// Probability under which a tag is not suggested: fewer than one in
/// twenty such suggestions would be right, and a list padded with them
/// only gives the reader more to skip (and the output more to write).
pub const MIN_SCORE: f64 = 0.05;
/// Log-odds under which the probability is below [`MIN_SCORE`] with a
/// wide margin (ln(0.05 / 0.95) = −2.9444; the probability at −2.95 is
/// 0.0497), so a candidate under it needs no exponential to be dropped.
const MIN_LOG_ODDS: f64 = -2.95;

/// Longest posting list of the index over all articles (heaviest
/// entries kept), which bounds the cost of finding an article's
/// neighbours: at most 48 × 16 multiply-adds, whatever the corpus size.
/// A stem in more articles than that links an article to its neighbours
/// through the articles where it weighs most only, as search engines cut
/// frequent terms' lists; the neighbours come mostly from rarer shared
/// stems. Held-out quality is flat from 12 to 64 (docs/performance/tagging.md).
const MAX_POSTINGS: usize = 16;
/// Rows (article, candidate tag) fitting one fold's weights, at most:
/// every positive one, and weighted negative ones (`fit::sample_rows`).
/// Newton's cost is linear in it; held-out quality is flat from 1,280
/// to 4,096 rows (docs/tags.md).
const MAX_ROWS: usize = 1536;
/// Tagged articles whose rows fit one fold's weights, at most.
const MAX_ROW_ARTICLES: usize = 128;
/// Tags of the [`TOP_SIMS`] most similar articles that are scored for
/// an article besides its neighbours' tags and the tags it names: the
/// nearest by centroid.
const CENTROID_CANDIDATES: usize = 20;
/// Most similar articles kept for the neighbours' votes: enough for
/// [`NEIGHBOURS`] once any one fold is hidden (a fold holds about a
/// fifth of them). Held-out quality is the same with 40 or 60
/// (docs/tags.md).
const TOP_SIMS: usize = 3 * NEIGHBOURS / 2;
// Every configuration's votes need NEIGHBOURS of them at least.
const _: () = assert!(TOP_SIMS >= NEIGHBOURS);
/// L2 penalty of the logistic regression's weights (not the intercept).
const L2: f64 = 1.0;
/// Articles besides the row articles whose candidates are found while
/// the weights are fitted: Newton's first fold is one thread's work
/// (~4 M instructions at [`MAX_ROWS`] rows), about the candidates of a
/// hundred articles, and the other folds start from it. Their
/// candidates do not depend on the weights, so the other thread finds
/// them meanwhile; their memory is bounded by this count.
const EARLY: usize = 256;

/// Number of features.
pub const FEATURES: usize = 9;

/// What the model needs of the corpus; indexes are article numbers.
#[derive(Debug)]
pub struct TagData<'a> {
    /// Each article's fold, from a hash of its id ([`fold_of`]).
    pub folds: &'a [u8],
    /// Each article's vector, (stem, weight) sorted by stem, unit norm.
    pub vectors: &'a TermVectors,
    /// Each article's tags (tag numbers, sorted, distinct); empty for
    /// untagged (or hidden) articles.
    pub tags: &'a [Vec<u32>],
    /// Each article's stems that some tag word matches, sorted.
    pub stems: &'a [Box<[u32]>],
    /// Those of them in its title, sorted.
    pub title_stems: &'a [Box<[u32]>],
    /// Each tag's words, each as the stems it matches (sorted).
    pub tag_words: &'a [Box<[Box<[u32]>]>],
}

/// The fold of an article id: FNV-1a of its bytes, stable across runs
/// and platforms.
pub fn fold_of(id: &str) -> u8 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % FOLDS as u64) as u8
}

/// One suggestion: a tag, its probability and its features.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Tag number.
    pub tag: u32,
    /// Probability that the tag is right.
    pub score: f64,
    /// The features, in the order of the module doc.
    pub features: [f64; FEATURES],
    /// Neighbours carrying the tag, of the article's `voting` ones.
    pub voters: u32,
    /// The article's neighbours that voted: [`NEIGHBOURS`], or fewer
    /// when fewer tagged articles share a term with it.
    pub voting: u32,
}

/// The fitted model: logistic weights per fold.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Per fold: intercept then one weight per feature.
    pub folds: Vec<[f64; FEATURES + 1]>,
}

/// Everything fitted once per corpus.
pub struct Model<'a> {
    data: TagData<'a>,
    index: Index,
    tag_index: TagIndex,
    sums: Vec<TagSums>,
    tagged: u32,
    fold_tagged: [u32; FOLDS],
    /// Stem → (tag, word) pairs, for the name features.
    words_of_stem: FxHashMap<u32, Vec<(u32, u16)>>,
    /// ln(count + ½) for every count a tag can have: the prior's
    /// numerator, computed once (the same bits as computed each time).
    ln_counts: Vec<f64>,
    weights: Weights,
    /// Articles whose own candidates were found while fitting, sorted:
    /// those whose rows fitted the weights (in the same walk) and the
    /// first [`EARLY`] others (beside Newton).
    fitted: Vec<(usize, Vec<Candidate>)>,
}

impl<'a> Model<'a> {
    /// Builds the indexes and the tag sums, and fits the weights.
    pub fn fit(data: TagData<'a>) -> Model<'a> {
        let stems = data.vectors.stems();
        let n_tags = data.tag_words.len();
        // The neighbours' index is built on one thread: the tags' sums
        // fill the other.
        let (index, (sums, tag_index)) = rayon::join(
            || Index::build(&data, stems),
            || tag_sums(&data, n_tags, stems),
        );

        let mut tagged = 0;
        let mut fold_tagged = [0u32; FOLDS];
        for (a, t) in data.tags.iter().enumerate() {
            if !t.is_empty() {
                tagged += 1;
                fold_tagged[data.folds[a] as usize] += 1;
            }
        }
        let mut words_of_stem: FxHashMap<u32, Vec<(u32, u16)>> =
            FxHashMap::default();
        for (t, words) in data.tag_words.iter().enumerate() {
            for (w, stems) in words.iter().enumerate() {
                for &s in stems.iter() {
                    words_of_stem
                        .entry(s)
                        .or_default()
                        .push((t as u32, w as u16));
                }
            }
        }
        let most = sums.iter().map(|s| s.count).max().unwrap_or(0);
        let ln_counts =
            (0..=most).map(|c| (f64::from(c) + 0.5).ln()).collect();
        let mut model = Model {
            data,
            index,
            tag_index,
            sums,
            tagged,
            fold_tagged,
            words_of_stem,
            ln_counts,
            weights: Weights { folds: Vec::new() },
            fitted: Vec::new(),
        };
        let (folds, fitted) = model.fit_folds();
        model.weights = Weights { folds };
        model.fitted = fitted;
        model
    }

    /// The fitted weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Whether the corpus has any tag to learn from.
    pub fn has_tags(&self) -> bool {
        self.tagged > 0
    }

    /// The [`SUGGESTED`] best tags of article `a`, best first.
    pub fn suggest(&self, a: usize) -> Vec<Suggestion> {
        if !self.has_tags() {
            return Vec::new();
        }
        let w = &self.weights.folds[self.data.folds[a] as usize];
        let computed;
        let candidates = match self.fitted.binary_search_by_key(&a, |e| e.0) {
            Ok(i) => &self.fitted[i].1,
            Err(_) => {
                computed = self.candidates(a, &[None]).swap_remove(0);
                &computed
            }
        };
        // Most candidates fall far below MIN_SCORE: their log-odds say
        // so without the exponential.
        let mut out: Vec<Suggestion> = candidates
            .iter()
            .filter_map(|c| {
                let z = log_odds(w, &c.features);
                if z < MIN_LOG_ODDS {
                    return None;
                }
                let score = probability(z);
                (score >= MIN_SCORE).then_some(Suggestion {
                    tag: c.tag,
                    score,
                    features: c.features,
                    voters: u32::from(c.voters),
                    voting: u32::from(c.voting),
                })
            })
            .collect();
        let best = |x: &Suggestion, y: &Suggestion| {
            y.score.total_cmp(&x.score).then(x.tag.cmp(&y.tag))
        };
        if out.len() > SUGGESTED {
            out.select_nth_unstable_by(SUGGESTED - 1, best);
            out.truncate(SUGGESTED);
        }
        out.sort_unstable_by(best);
        out
    }

    /// The weights of every fold `f`: rows from tagged articles of the
    /// other folds, with fold `f`'s tags hidden from every feature.
    /// Also returns the row articles' own candidates (nothing hidden but
    /// their own tags), found in the same walk, and the
    /// [`early_candidates`](Model::early_candidates), found beside
    /// Newton.
    #[allow(clippy::type_complexity)]
    fn fit_folds(
        &self,
    ) -> (Vec<[f64; FEATURES + 1]>, Vec<(usize, Vec<Candidate>)>) {
        // Row articles are chosen fold by fold, an even spread over each
        // fold's tagged articles in article order: which articles of
        // fold g give rows depends on fold g's tags only, and their rows
        // fit the other folds' weights only.
        let mut by_fold: [Vec<usize>; FOLDS] = Default::default();
        for (b, tags) in self.data.tags.iter().enumerate() {
            if !tags.is_empty() {
                by_fold[self.data.folds[b] as usize].push(b);
            }
        }
        let per_fold = MAX_ROW_ARTICLES / FOLDS;
        let mut row_articles: Vec<usize> = Vec::new();
        for list in &by_fold {
            if list.len() > per_fold {
                let step = list.len() as f64 / per_fold as f64;
                row_articles.extend(
                    (0..per_fold).map(|i| list[(i as f64 * step) as usize]),
                );
            } else {
                row_articles.extend(list);
            }
        }
        row_articles.sort_unstable();
        type Row = ([f64; FEATURES], bool);
        let walked: Vec<([Vec<Row>; FOLDS], (usize, Vec<Candidate>))> =
            row_articles
                .par_iter()
                .map(|&b| {
                    // The other folds hidden in turn, then nothing hidden.
                    let mut configs: Vec<Option<u8>> = (0..FOLDS as u8)
                        .filter(|&f| f != self.data.folds[b])
                        .map(Some)
                        .collect();
                    configs.push(None);
                    let mut lists = self.candidates(b, &configs);
                    let own = lists.pop().expect("the last configuration");
                    let mut per_fold: [Vec<Row>; FOLDS] = Default::default();
                    for (f, list) in configs.iter().zip(lists) {
                        let f = f.expect("a fold") as usize;
                        per_fold[f] = list
                            .into_iter()
                            .map(|c| {
                                let right = self.data.tags[b]
                                    .binary_search(&c.tag)
                                    .is_ok();
                                (c.features, right)
                            })
                            .collect();
                    }
                    (per_fold, (b, own))
                })
                .collect();
        let (rows, fitted): (Vec<[Vec<Row>; FOLDS]>, Vec<_>) =
            walked.into_iter().unzip();
        let fit = || {
            let samples: Vec<_> = (0..FOLDS)
                .into_par_iter()
                .map(|f| sample_rows(rows.iter().map(|r| r[f].as_slice())))
                .collect();
            // The folds' rows are four fifths the same articles: the
            // other folds start from the first one's weights.
            let first = fit_logistic_from(&samples[0].0, samples[0].1, None);
            let mut weights = vec![first];
            weights.par_extend(samples[1..].par_iter().map(|(sample, w)| {
                fit_logistic_from(sample, *w, Some(first))
            }));
            weights
        };
        let (weights, early) =
            rayon::join(fit, || self.early_candidates(&row_articles));
        let mut fitted = fitted;
        fitted.extend(early);
        fitted.sort_unstable_by_key(|e| e.0);
        (weights, fitted)
    }

    /// The own candidates of the first [`EARLY`] articles that are not
    /// in `row_articles` (sorted): what [`Model::suggest`] would find
    /// for them, found while the weights are fitted.
    fn early_candidates(
        &self,
        row_articles: &[usize],
    ) -> Vec<(usize, Vec<Candidate>)> {
        if !self.has_tags() {
            return Vec::new();
        }
        let early: Vec<usize> = (0..self.data.folds.len())
            .filter(|a| row_articles.binary_search(a).is_err())
            .take(EARLY)
            .collect();
        early
            .par_iter()
            .map(|&a| (a, self.candidates(a, &[None]).swap_remove(0)))
            .collect()
    }
}

mod candidates;
mod fit;
mod index;

#[cfg(test)]
mod tests;
