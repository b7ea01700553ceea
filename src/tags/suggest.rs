//! Suggested tags: the corpus's tagged articles → for every article, the
//! tags of the corpus's own vocabulary that fit it, each with a
//! calibrated probability.
//!
//! Seven features per (article, candidate tag), each computed without the
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
//!   the tag (among its [`TOP_SIMS`] nearest);
//! - `salience`: weight in the article's vector of the stems naming the
//!   tag's words, per word (a tag it names in passing weighs little).
//!
//! A logistic regression over them, fitted on the corpus's own tagged
//! articles (eight weights, nothing tuned by hand), turns them into the
//! probability that the tag is right. The weights an article's score
//! comes from are fitted without its own tags too: articles fall into
//! [`FOLDS`] folds by a hash of their id, and the weights for fold `f`
//! are fitted on features computed as if fold `f` had no tags at all.
//! So an article's suggestions are a function of the texts and of the
//! *other* articles' tags only (docs/tags.md, issue 14).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Tagged neighbours whose tags vote.
pub const NEIGHBOURS: usize = 20;
/// Folds of the cross-fitting of the weights.
pub const FOLDS: usize = 5;
/// Suggestions kept per article.
pub const SUGGESTED: usize = 5;
/// Longest posting list of the index over all articles (heaviest
/// entries kept), which bounds the cost of finding an article's
/// neighbours on huge corpora.
const MAX_POSTINGS: usize = 64;
/// Rows (article, candidate tag) fitting one fold's weights, at most:
/// every positive one, and weighted negative ones ([`sample_rows`]).
const MAX_ROWS: usize = 2048;
/// Tagged articles whose rows fit one fold's weights, at most.
const MAX_ROW_ARTICLES: usize = 128;
/// Tags of the [`TOP_SIMS`] most similar articles that are scored for
/// an article besides its neighbours' tags and the tags it names: the
/// nearest by centroid.
const CENTROID_CANDIDATES: usize = 20;
/// L2 penalty of the logistic regression's weights (not the intercept).
const L2: f64 = 1.0;

/// Number of features.
pub const FEATURES: usize = 7;

/// What the model needs of the corpus; indexes are article numbers.
#[derive(Debug)]
pub struct TagData<'a> {
    /// Each article's fold, from a hash of its id ([`fold_of`]).
    pub folds: &'a [u8],
    /// Each article's vector, (stem, weight) sorted by stem, unit norm.
    pub vectors: &'a [Box<[(u32, f64)]>],
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
    /// Neighbours (of [`NEIGHBOURS`]) carrying the tag.
    pub voters: u32,
}

/// The fitted model: logistic weights per fold.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Per fold: intercept then one weight per feature.
    pub folds: Vec<[f64; FEATURES + 1]>,
}

/// Per tag: what the centroid feature needs besides the dots. `norm2`
/// = ‖S_t‖², `norm2_without[f]` = ‖S_t − F_ft‖² (summed from the other
/// folds' sums, so it does not depend on fold f's tags in any bit);
/// `count` and `fold_count[f]` the articles carrying the tag.
#[derive(Clone, Debug, Default)]
struct TagSums {
    norm2: f64,
    norm2_without: [f64; FOLDS],
    count: u32,
    fold_count: [u32; FOLDS],
}

/// Inverted index over the tags' sums per fold: for each stem, the tags
/// whose articles use it, with F_ft's weight of the stem for every fold
/// f. An article's dot with every tag's centroid, per fold, is one walk
/// over the postings of its own terms: the cost grows with the tags
/// sharing its words, not with the number of articles.
struct TagIndex {
    starts: Vec<u32>,
    tags: Vec<u32>,
    weights: Vec<[f64; FOLDS]>,
    /// S_t's weight of the stem (the folds' weights summed in order),
    /// for the walks that hide no fold.
    totals: Vec<f64>,
}

/// Inverted index over every article's vector, for the neighbours:
/// posting lists capped over all articles, then holding the tagged ones
/// only (an untagged article is never a neighbour).
struct Index {
    starts: Vec<u32>,
    entries: Vec<(u32, f64)>,
}

impl Index {
    fn build(data: &TagData<'_>, stems: usize) -> Index {
        // Every article, tagged or not: which articles are in the index
        // must not depend on tags (an article's own tags would otherwise
        // move others past the posting cap).
        let mut starts = vec![0u32; stems + 1];
        for v in data.vectors.iter() {
            for &(s, _) in v.iter() {
                starts[s as usize + 1] += 1;
            }
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let mut entries = vec![(0u32, 0f64); starts[stems] as usize];
        let mut next = starts.clone();
        for (a, v) in data.vectors.iter().enumerate() {
            for &(s, w) in v.iter() {
                let at = &mut next[s as usize];
                entries[*at as usize] = (a as u32, w);
                *at += 1;
            }
        }
        let mut write = 0usize;
        let mut kept = vec![0u32; starts.len()];
        for s in 0..stems {
            let (from, to) = (starts[s] as usize, starts[s + 1] as usize);
            let list = &mut entries[from..to];
            if list.len() > MAX_POSTINGS {
                list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                list[..MAX_POSTINGS].sort_by_key(|e| e.0);
            }
            let n = list.len().min(MAX_POSTINGS);
            // Untagged articles are left out once the cap has chosen:
            // `top` would skip them, so the scores of the others are the
            // same sums, and the index is the smaller (half the entries
            // when half the corpus is tagged).
            for i in from..from + n {
                let e = entries[i];
                if !data.tags[e.0 as usize].is_empty() {
                    entries[write] = e;
                    write += 1;
                }
            }
            kept[s + 1] = write as u32;
        }
        entries.truncate(write);
        entries.shrink_to_fit();
        Index {
            starts: kept,
            entries,
        }
    }

    /// The [`TOP_SIMS`] tagged articles most similar to `vector` (article
    /// `skip` left out), best first: as many as the neighbours' votes of
    /// any fold configuration may need.
    fn top(
        &self,
        data: &TagData<'_>,
        vector: &[(u32, f64)],
        skip: usize,
    ) -> Vec<(u32, f64)> {
        SIMS.with_borrow_mut(|(acc, touched)| {
            if acc.len() < data.vectors.len() {
                acc.resize(data.vectors.len(), 0.0);
            }
            // Stems in stem order, each list in article order: the same
            // sums, bit for bit, in one run or in shards.
            for &(s, w) in vector {
                let s = s as usize;
                if s + 1 >= self.starts.len() {
                    continue;
                }
                let list = &self.entries
                    [self.starts[s] as usize..self.starts[s + 1] as usize];
                for &(b, wb) in list {
                    let score = &mut acc[b as usize];
                    if *score == 0.0 {
                        touched.push(b);
                    }
                    *score += w * wb;
                }
            }
            let mut top = Vec::with_capacity(touched.len().min(256));
            for &b in touched.iter() {
                let score = std::mem::take(&mut acc[b as usize]);
                let b_ = b as usize;
                if b_ != skip && score > 0.0 && !data.tags[b_].is_empty() {
                    top.push((b, score));
                }
            }
            touched.clear();
            let best = |x: &(u32, f64), y: &(u32, f64)| {
                y.1.total_cmp(&x.1).then(x.0.cmp(&y.0))
            };
            if top.len() > TOP_SIMS {
                top.select_nth_unstable_by(TOP_SIMS - 1, best);
                top.truncate(TOP_SIMS);
            }
            top.sort_unstable_by(best);
            top
        })
    }
}

/// Most similar articles kept for the neighbours' votes: enough for
/// [`NEIGHBOURS`] once any one fold is hidden.
const TOP_SIMS: usize = 3 * NEIGHBOURS;

thread_local! {
    /// Score accumulator and touched list, reused per worker thread.
    static SIMS: std::cell::RefCell<(Vec<f64>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
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
    weights: Weights,
    /// The articles whose rows fitted the weights (sorted) and their own
    /// candidates, found in the same walk.
    fitted: Vec<(usize, Vec<Candidate>)>,
}

impl<'a> Model<'a> {
    /// Builds the indexes and the tag sums, and fits the weights.
    pub fn fit(data: TagData<'a>) -> Model<'a> {
        let stems = data
            .vectors
            .iter()
            .flat_map(|v| v.iter().map(|e| e.0 as usize + 1))
            .max()
            .unwrap_or(0);
        let index = Index::build(&data, stems);
        let n_tags = data.tag_words.len();
        let (sums, tag_index) = tag_sums(&data, n_tags, stems);

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
        let mut model = Model {
            data,
            index,
            tag_index,
            sums,
            tagged,
            fold_tagged,
            words_of_stem,
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
        let mut out: Vec<Suggestion> = candidates
            .iter()
            .map(|c| Suggestion {
                tag: c.tag,
                score: predict(w, &c.features),
                features: c.features,
                voters: c.voters,
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
    /// their own tags), found in the same walk.
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
        let weights = (0..FOLDS)
            .into_par_iter()
            .map(|f| {
                let fold_rows: Vec<Row> =
                    rows.iter().flat_map(|r| r[f].iter().copied()).collect();
                let (sample, negative_weight) = sample_rows(fold_rows);
                fit_logistic(&sample, negative_weight)
            })
            .collect();
        (weights, fitted)
    }

    /// The candidate tags of article `a` and their features, once per
    /// configuration of `hides` (each hides one fold's tags, or none;
    /// `a`'s own tags are always hidden), in one walk. Candidates: the
    /// tags of its [`NEIGHBOURS`] nearest tagged articles, the tags it
    /// names, and of the other tags of its [`TOP_SIMS`] nearest, the
    /// [`CENTROID_CANDIDATES`] nearest by centroid; the centroid is
    /// computed for candidates only. (Not "the most frequent tags" too:
    /// which those are depends on `a`'s own tags.)
    fn candidates(
        &self,
        a: usize,
        hides: &[Option<u8>],
    ) -> Vec<Vec<Candidate>> {
        let data = &self.data;
        let nc = hides.len();
        debug_assert!(nc <= FOLDS);
        let top = self.index.top(data, &data.vectors[a], a);
        let x = &data.vectors[a];
        ACCS.with_borrow_mut(|(accs, touched)| {
            if accs.len() < self.sums.len() {
                accs.resize(self.sums.len(), Acc::default());
            }
            let mut touch = |t: u32, accs: &mut Vec<Acc>| {
                let e = &mut accs[t as usize];
                if !e.touched {
                    e.touched = true;
                    touched.push(t);
                }
            };
            // Votes: the NEIGHBOURS most similar each configuration sees;
            // the tags of all of them are candidates.
            let mut taken = [0usize; FOLDS];
            let mut vote_total = [0f64; FOLDS];
            for &(b, s) in &top {
                let fb = Some(data.folds[b as usize]);
                for c in 0..nc {
                    if hides[c] == fb {
                        continue;
                    }
                    let votes = taken[c] < NEIGHBOURS;
                    if votes {
                        taken[c] += 1;
                        vote_total[c] += s;
                    }
                    for &t in &data.tags[b as usize] {
                        touch(t, accs);
                        let e = &mut accs[t as usize];
                        if e.near & (1 << c) == 0 {
                            e.nearest[c] = s;
                        }
                        e.near |= 1 << c;
                        if votes {
                            e.vote[c] += s;
                            e.voters[c] += 1;
                        }
                    }
                }
            }
            // Name matches: each (tag, word) once.
            let mut hits: Vec<(u32, u16, bool, u32)> = Vec::new();
            for &s in data.stems[a].iter() {
                if let Some(list) = self.words_of_stem.get(&s) {
                    let in_title =
                        data.title_stems[a].binary_search(&s).is_ok();
                    hits.extend(
                        list.iter().map(|&(t, w)| (t, w, in_title, s)),
                    );
                }
            }
            hits.sort_unstable();
            hits.dedup_by_key(|h| (h.0, h.1, h.2));
            let mut last: Option<(u32, u16)> = None;
            for &(t, w, in_title, stem) in &hits {
                let words = data.tag_words[t as usize].len().max(1) as f64;
                touch(t, accs);
                let e = &mut accs[t as usize];
                if last != Some((t, w)) {
                    e.name += 1.0 / words;
                    if let Ok(i) = x.binary_search_by_key(&stem, |e| e.0) {
                        e.salience += x[i].1 / words;
                    }
                }
                if in_title {
                    e.title += 1.0 / words;
                }
                last = Some((t, w));
            }
            // Centroid numerators of the candidates, per fold: x_a · F_ft,
            // the article's stems in stem order.
            let tix = &self.tag_index;
            let per_fold = hides.iter().any(Option::is_some);
            let mut self2 = 0.0;
            for &(s, w) in x.iter() {
                self2 += w * w;
                let s = s as usize;
                if s + 1 >= tix.starts.len() {
                    continue;
                }
                let from = tix.starts[s] as usize;
                let to = tix.starts[s + 1] as usize;
                for (i, t) in tix.tags[from..to].iter().enumerate() {
                    let e = &mut accs[*t as usize];
                    if !e.touched {
                        continue;
                    }
                    e.all += w * tix.totals[from + i];
                    if per_fold {
                        for (d, fw) in
                            e.dot.iter_mut().zip(&tix.weights[from + i])
                        {
                            *d += w * fw;
                        }
                    }
                }
            }
            let own = &data.tags[a];
            let out = (0..nc)
                .map(|c| {
                    let hidden_fold = hides[c];
                    let a_fold_hidden = hidden_fold == Some(data.folds[a]);
                    let mut tagged = i64::from(self.tagged);
                    if let Some(f) = hidden_fold {
                        tagged -= i64::from(self.fold_tagged[f as usize]);
                    }
                    if !own.is_empty() && !a_fold_hidden {
                        tagged -= 1;
                    }
                    // (tag, count, centroid) of every tag met.
                    let mut kept: Vec<(u32, i64, f64)> = Vec::new();
                    let mut rest: Vec<(u32, i64, f64)> = Vec::new();
                    for &t in touched.iter() {
                        let e = &accs[t as usize];
                        let voted = e.vote[c] > 0.0 || e.name > 0.0;
                        if !voted && e.near & (1 << c) == 0 {
                            continue;
                        }
                        let sums = &self.sums[t as usize];
                        let mut count = i64::from(sums.count);
                        let mut norm2 = sums.norm2;
                        let mut dot = 0.0;
                        match hidden_fold {
                            Some(h) => {
                                let h = h as usize;
                                count -= i64::from(sums.fold_count[h]);
                                norm2 = sums.norm2_without[h];
                                for (f, d) in e.dot.iter().enumerate() {
                                    if f != h {
                                        dot += d;
                                    }
                                }
                            }
                            None => dot = e.all,
                        }
                        if !a_fold_hidden && own.binary_search(&t).is_ok() {
                            // S' = S − x_a: x_a·S' = x_a·S − ‖x_a‖²;
                            // ‖S'‖² = ‖S‖² − 2 x_a·S' − ‖x_a‖².
                            count -= 1;
                            dot -= self2;
                            norm2 -= 2.0 * dot + self2;
                        }
                        if count <= 0 {
                            continue;
                        }
                        let centroid = if norm2 > 1e-12 {
                            (dot / norm2.sqrt()).clamp(0.0, 1.0)
                        } else {
                            0.0
                        };
                        if voted {
                            kept.push((t, count, centroid));
                        } else if centroid > MIN_CENTROID {
                            rest.push((t, count, centroid));
                        }
                    }
                    // Past the neighbours' tags and the named ones, only
                    // the tags nearest by centroid are worth scoring.
                    let by_centroid =
                        |x: &(u32, i64, f64), y: &(u32, i64, f64)| {
                            y.2.total_cmp(&x.2).then(x.0.cmp(&y.0))
                        };
                    if rest.len() > CENTROID_CANDIDATES {
                        rest.select_nth_unstable_by(
                            CENTROID_CANDIDATES - 1,
                            by_centroid,
                        );
                        rest.truncate(CENTROID_CANDIDATES);
                    }
                    // Tag order, whatever the order met: rows (and so
                    // the weights) must not depend on the hidden fold.
                    kept.extend(rest);
                    kept.sort_unstable_by_key(|m| m.0);
                    let ln_tagged = (tagged.max(1) as f64).ln();
                    let kept: Vec<Candidate> = kept
                        .into_iter()
                        .map(|(t, count, centroid)| {
                            let e = &accs[t as usize];
                            let vote = if vote_total[c] > 0.0 {
                                e.vote[c] / vote_total[c]
                            } else {
                                0.0
                            };
                            let prior = (count as f64 + 0.5).ln() - ln_tagged;
                            Candidate {
                                tag: t,
                                features: [
                                    centroid,
                                    vote,
                                    e.name,
                                    e.title,
                                    prior,
                                    e.nearest[c],
                                    e.salience,
                                ],
                                voters: e.voters[c],
                            }
                        })
                        .collect();
                    kept
                })
                .collect();
            for &t in touched.iter() {
                accs[t as usize] = Acc::default();
            }
            touched.clear();
            out
        })
    }
}

/// Centroid cosine below which a tag neither voted for nor named is not
/// a candidate: far below any real similarity, far above the rounding
/// left by taking the article's own vector out of a sum (so a tag the
/// article alone brings never shows up).
const MIN_CENTROID: f64 = 1e-9;

/// A candidate tag of an article, with its features.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    tag: u32,
    features: [f64; FEATURES],
    voters: u32,
}

/// What one walk gathers about a tag: its dot per fold, then per
/// configuration its votes.
#[derive(Clone, Debug, Default)]
struct Acc {
    touched: bool,
    /// Configurations for which one of the most similar articles
    /// carries the tag (bit c).
    near: u8,
    dot: [f64; FOLDS],
    /// The dot with S_t, every fold's tags seen.
    all: f64,
    vote: [f64; FOLDS],
    voters: [u32; FOLDS],
    /// Per configuration: similarity of the most similar article
    /// carrying the tag.
    nearest: [f64; FOLDS],
    name: f64,
    title: f64,
    /// Weight in the article's vector of the stems naming the tag's
    /// words, per word.
    salience: f64,
}

thread_local! {
    /// Per-tag accumulators and the tags touched, reused per worker.
    static ACCS: std::cell::RefCell<(Vec<Acc>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

thread_local! {
    /// Per-stem weight rows of one tag's sums and the stems used,
    /// reused per worker thread.
    static SCRATCH: std::cell::RefCell<(Vec<[f64; FOLDS]>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Each tag's [`TagSums`], and the [`TagIndex`] of the sums F_ft of the
/// vectors of the articles of fold f carrying tag t.
fn tag_sums(
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
            let mut list: Vec<(u32, Weights)> = SCRATCH.with_borrow_mut(
                |(dense, used): &mut (Vec<Weights>, Vec<u32>)| {
                    if dense.len() < stems {
                        dense.resize(stems, [0.0; FOLDS]);
                    }
                    for &a in arts {
                        let f = data.folds[a as usize] as usize;
                        sums.fold_count[f] += 1;
                        for &(s, w) in data.vectors[a as usize].iter() {
                            let row = &mut dense[s as usize];
                            if *row == [0.0; FOLDS] {
                                used.push(s);
                            }
                            row[f] += w;
                        }
                    }
                    used.sort_unstable();
                    used.dedup();
                    let list = used
                        .iter()
                        .map(|&s| (s, std::mem::take(&mut dense[s as usize])))
                        .collect();
                    used.clear();
                    list
                },
            );
            // A stem whose weights all cancelled is no posting (weights
            // are positive: none does).
            list.retain(|e| e.1 != [0.0; FOLDS]);
            for (_, fw) in &list {
                let total: f64 = fw.iter().sum();
                sums.norm2 += total * total;
                for h in 0..FOLDS {
                    let mut without = 0.0;
                    for (f, w) in fw.iter().enumerate() {
                        if f != h {
                            without += w;
                        }
                    }
                    sums.norm2_without[h] += without * without;
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
    let mut tags = vec![0u32; starts[stems] as usize];
    let mut weights = vec![[0.0; FOLDS]; starts[stems] as usize];
    let mut totals = vec![0.0; starts[stems] as usize];
    let mut next = starts.clone();
    for (t, (_, list)) in per_tag.iter().enumerate() {
        for &(s, fw) in list {
            let at = &mut next[s as usize];
            tags[*at as usize] = t as u32;
            weights[*at as usize] = fw;
            totals[*at as usize] = fw.iter().sum();
            *at += 1;
        }
    }
    let sums = per_tag.into_iter().map(|(s, _)| s).collect();
    (
        sums,
        TagIndex {
            starts,
            tags,
            weights,
            totals,
        },
    )
}

fn predict(w: &[f64; FEATURES + 1], x: &[f64; FEATURES]) -> f64 {
    let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// At most [`MAX_ROWS`] of `rows`: every positive row (few, and they
/// carry most of what the weights learn), then an even spread of the
/// negative ones, each standing for `weight` of them (the returned
/// weight), so that the fit stays calibrated.
fn sample_rows(
    rows: Vec<([f64; FEATURES], bool)>,
) -> (Vec<([f64; FEATURES], bool)>, f64) {
    let positive = rows.iter().filter(|r| r.1).count();
    let negative = rows.len() - positive;
    let keep = MAX_ROWS.saturating_sub(positive).max(MAX_ROWS / 4);
    if negative <= keep {
        return (rows, 1.0);
    }
    let step = negative as f64 / keep as f64;
    let (mut next, mut seen, mut kept) = (0.0f64, 0usize, 0usize);
    let mut sample = Vec::with_capacity(positive + keep);
    for row in rows {
        if row.1 {
            sample.push(row);
            continue;
        }
        if seen == next as usize && kept < keep {
            sample.push(row);
            kept += 1;
            next += step;
        }
        seen += 1;
    }
    (sample, negative as f64 / kept as f64)
}

/// Logistic regression by Newton's method: intercept then weights, the
/// weights under an L2 penalty of [`L2`]; each negative row counts
/// `negative_weight` times. Rows are summed in order, so the fit is
/// deterministic.
pub fn fit_logistic(
    rows: &[([f64; FEATURES], bool)],
    negative_weight: f64,
) -> [f64; FEATURES + 1] {
    let mut w = [0.0; FEATURES + 1];
    if rows.is_empty() {
        return w;
    }
    // Start from the base rate's log-odds (the optimum without
    // features): a step or two fewer than from zero.
    let positive = rows.iter().filter(|r| r.1).count() as f64;
    let negative = (rows.len() as f64 - positive) * negative_weight;
    let rate = ((positive + 0.5) / (positive + negative + 1.0))
        .clamp(1e-6, 1.0 - 1e-6);
    w[0] = (rate / (1.0 - rate)).ln();
    newton(rows, negative_weight, w, L2)
}

/// Newton's method from `w` for the logistic loss plus `l2`·‖w‖²/2 (not
/// the intercept), with the step halved while it raises the loss: a
/// full Newton step can overshoot and cycle when a feature nearly
/// separates the rows (seen: the title feature swinging ±21 for 50
/// steps).
#[allow(clippy::needless_range_loop)] // matrix indices read clearer
fn newton(
    rows: &[([f64; FEATURES], bool)],
    negative_weight: f64,
    mut w: [f64; FEATURES + 1],
    l2: f64,
) -> [f64; FEATURES + 1] {
    const D: usize = FEATURES + 1;
    // The point the last step left from, the step and the loss there.
    let mut from: Option<([f64; D], [f64; D], f64)> = None;
    let mut halvings = 0;
    for _ in 0..100 {
        let mut grad = [0.0; D];
        let mut hess = [[0.0; D]; D];
        // The loss is −ln of the products of the rows' likelihoods
        // (positive rows, negative ones): one logarithm per 1e-200 of
        // product, not one per row.
        let (mut loss, mut products) = (0.0, [1.0f64; 2]);
        let weights = [1.0, negative_weight];
        for (x, y) in rows {
            let mut v = [1.0; D];
            v[1..].copy_from_slice(x);
            let p = predict(&w, x);
            let (right, k) = if *y { (p, 0) } else { (1.0 - p, 1) };
            let product = &mut products[k];
            *product *= right.max(1e-300);
            if *product < 1e-200 {
                loss -= weights[k] * product.ln();
                *product = 1.0;
            }
            let r = weights[k] * (p - f64::from(u8::from(*y)));
            let q = weights[k] * (p * (1.0 - p)).max(1e-12);
            for i in 0..D {
                grad[i] += r * v[i];
                let qv = q * v[i];
                for j in i..D {
                    hess[i][j] += qv * v[j];
                }
            }
        }
        loss -= products[0].ln() + negative_weight * products[1].ln();
        for i in 1..D {
            loss += 0.5 * l2 * w[i] * w[i];
        }
        if let Some((w0, step, loss0)) = from
            && loss > loss0
            && halvings < 30
        {
            // Back to half the step.
            halvings += 1;
            for i in 0..D {
                w[i] = w0[i] - step[i] * 0.5f64.powi(halvings);
            }
            continue;
        }
        halvings = 0;
        for i in 0..D {
            for j in 0..i {
                hess[i][j] = hess[j][i];
            }
        }
        for i in 1..D {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        hess[0][0] += 1e-9;
        let step = solve(hess, grad);
        let mut change = 0.0f64;
        let w0 = w;
        for i in 0..D {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-7 {
            break;
        }
        from = Some((w0, step, loss));
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> [f64; D] {
    for c in 0..D {
        let p = (c..D)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .expect("a row");
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-300 {
            continue;
        }
        let pivot = a[c];
        for r in c + 1..D {
            let k = a[r][c] / d;
            for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                *x -= k * p;
            }
            b[r] -= k * b[c];
        }
    }
    let mut x = [0.0; D];
    for c in (0..D).rev() {
        let s: f64 = (c + 1..D).map(|j| a[c][j] * x[j]).sum();
        x[c] = if a[c][c].abs() < 1e-300 {
            0.0
        } else {
            (b[c] - s) / a[c][c]
        };
    }
    x
}

#[cfg(test)]
mod tests;
