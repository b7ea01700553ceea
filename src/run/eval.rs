//! `billet eval-tags`: the whole analysis with the tags of some tagged
//! articles hidden, then their suggested tags scored against the hidden
//! ones beside two baselines of the same run ([`crate::tags::eval`]).

use std::path::PathBuf;

use rustc_hash::FxHashMap;

use super::pass::{Analysed, CacheLink, LineTexts, analyze_files};
use super::progress::Progress;
use super::read::{Caching, boilerplate_lines, read_inputs};
use super::score::score_alone;
use crate::corpus::{self, key_terms};
use crate::error::FatalError;
use crate::normalize::{DEFAULT_STOPWORDS, Stopwords};
use crate::tags::eval::{self, Scores};
use crate::tags::{SUGGESTION_THRESHOLD, tag_slug};

/// Key terms and phrases per article in the no-tags path: `billet
/// analyze`'s default `--top`.
const KEYS: usize = 10;

/// What `billet eval-tags` does.
#[derive(Clone, Debug)]
pub struct EvalTagsOptions {
    /// Files or folders to analyse, as for `billet analyze`.
    pub inputs: Vec<PathBuf>,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The stopword list in force.
    pub stopwords: Stopwords,
    /// Share of the tagged articles whose tags are hidden (0 to 1; at 1
    /// no tag is visible and every article takes the no-tags path).
    pub hide: f64,
    /// Seed of the choice of hidden articles.
    pub seed: u64,
    /// Hide each tagged article in turn instead (for small blogs): the
    /// suggestions of a normal run, which never read an article's own
    /// tags, scored against them.
    pub leave_one_out: bool,
}

impl EvalTagsOptions {
    /// Options with the defaults of the command line: 30 % hidden, seed
    /// 1, the built-in stopwords.
    pub fn new(inputs: Vec<PathBuf>) -> Self {
        EvalTagsOptions {
            inputs,
            jobs: 0,
            stopwords: Stopwords::parse(DEFAULT_STOPWORDS),
            hide: 0.3,
            seed: 1,
            leave_one_out: false,
        }
    }
}

/// The figures of `billet eval-tags`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TagEvaluation {
    /// Articles analysed.
    pub articles: usize,
    /// Articles with tags.
    pub tagged: usize,
    /// Articles whose tags were hidden (scored).
    pub hidden: usize,
    /// Distinct tags (slugs) of the corpus.
    pub tags: usize,
    /// The most frequent visible tags, for every hidden article (none
    /// when no tag is visible: `--hide 1`).
    pub most_frequent: Option<Scores>,
    /// The visible tags of its similar articles, weighted by similarity
    /// (none when no tag is visible).
    pub neighbours: Option<Scores>,
    /// The article's first three key terms, the naive baseline of a run
    /// where no tag is visible (none otherwise).
    pub key_terms: Option<Scores>,
    /// billet's suggested tags.
    pub suggested: Scores,
    /// Suggestions (of the hidden articles) scored at or above
    /// [`SUGGESTION_THRESHOLD`], and how many of them are right.
    pub above_threshold: (usize, usize),
}

/// Runs the evaluation.
pub fn eval_tags(
    options: &EvalTagsOptions,
    progress: &dyn Progress,
) -> Result<TagEvaluation, FatalError> {
    let mut front = read_inputs(
        &options.inputs,
        options.jobs,
        &options.stopwords,
        None,
        None,
        progress,
        Caching::Off,
    )?;
    let boilerplate = boilerplate_lines(&front.line_docs, front.n_loaded);
    front.line_docs = FxHashMap::default();
    let line_texts = LineTexts::default();
    let Analysed { mut docs, .. } = analyze_files(
        &mut front,
        &boilerplate,
        &line_texts,
        CacheLink::default(),
        None,
    )?;
    let vocab = std::mem::take(&mut front.ctx.vocab).freeze();
    corpus::stabilize_in(&front.pool, &mut docs, &vocab);
    let mut scored = score_alone(&front.pool, &mut docs, &vocab, None);

    // Every article's true tags, as slugs.
    let truth: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            let mut s: Vec<String> = d
                .meta
                .tags
                .iter()
                .map(|t| tag_slug(t))
                .filter(|s| !s.is_empty())
                .collect();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    let mut tagged: Vec<usize> =
        (0..docs.len()).filter(|&i| !truth[i].is_empty()).collect();
    tagged.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let hidden: Vec<usize> = if options.leave_one_out {
        let mut all = tagged.clone();
        all.sort_unstable();
        all
    } else {
        eval::hidden(&tagged, options.hide, options.seed)
    };
    let is_hidden = {
        let mut flags = vec![false; docs.len()];
        if !options.leave_one_out {
            for &i in &hidden {
                flags[i] = true;
            }
        }
        flags
    };
    scored.tag_alone(&front.pool, &docs, &vocab, &options.stopwords, |i| {
        is_hidden[i]
    });
    let tagging = &scored.tagging;
    let names = &tagging.vocab.slugs;
    // What the baselines may see: the visible tags, and with leave-one-
    // out every article's but the one scored.
    let visible = &tagging.vocab.of_article;
    let slugs = |ts: &[u32]| -> Vec<String> {
        ts.iter().map(|&t| names[t as usize].clone()).collect()
    };
    // With no visible tag at all (`--hide 1`), suggestions come from
    // each article's key phrases and terms, as `billet analyze` makes
    // them for a corpus without tags, and the tag baselines have
    // nothing to use.
    let no_tags = visible.iter().all(Vec::is_empty);
    let frequent = eval::most_frequent(visible, names.len());
    let mut mf = Vec::with_capacity(hidden.len());
    let mut nb = Vec::with_capacity(hidden.len());
    let mut kt = Vec::with_capacity(hidden.len());
    let mut ours = Vec::with_capacity(hidden.len());
    let mut truths = Vec::with_capacity(hidden.len());
    let mut above = (0, 0);
    for &i in &hidden {
        truths.push(truth[i].clone());
        let own = &visible[i];
        // Leave-one-out: the article's own tags leave the counts.
        let top: Vec<u32> = if own.is_empty() {
            frequent.iter().take(3).copied().collect()
        } else {
            eval::most_frequent_but(visible, names.len(), own)
                .into_iter()
                .take(3)
                .collect()
        };
        mf.push(slugs(&top));
        let similar: Vec<(u32, f64)> = scored.similar_of(i).to_vec();
        // `similar` never lists the article itself.
        nb.push(slugs(&eval::neighbours_tags(&similar, visible)));
        if tagging.vocab.tagged_besides(i) {
            let suggested = &tagging.suggestions[i];
            ours.push(slugs(
                &suggested.iter().map(|s| s.tag).collect::<Vec<_>>(),
            ));
            for s in suggested {
                if s.score >= SUGGESTION_THRESHOLD {
                    above.0 += 1;
                    if truth[i].binary_search(&names[s.tag as usize]).is_ok() {
                        above.1 += 1;
                    }
                }
            }
            continue;
        }
        let packed = &docs[i].packed;
        let key_terms = key_terms(packed, &scored.stats, &vocab, KEYS);
        kt.push(
            key_terms
                .iter()
                .map(|t| tag_slug(&t.term))
                .filter(|s| !s.is_empty())
                .take(3)
                .collect(),
        );
        let suggested = scored.suggest_from_keys(&docs[i], &key_terms, &vocab);
        for s in &suggested {
            if s.score >= SUGGESTION_THRESHOLD {
                above.0 += 1;
                if truth[i].binary_search(&s.slug).is_ok() {
                    above.1 += 1;
                }
            }
        }
        ours.push(suggested.into_iter().map(|s| s.slug).collect());
    }
    Ok(TagEvaluation {
        articles: docs.len(),
        tagged: tagged.len(),
        hidden: hidden.len(),
        tags: {
            let mut all: Vec<&String> = truth.iter().flatten().collect();
            all.sort_unstable();
            all.dedup();
            all.len()
        },
        most_frequent: (!no_tags).then(|| eval::score(&mf, &truths)),
        neighbours: (!no_tags).then(|| eval::score(&nb, &truths)),
        key_terms: no_tags.then(|| eval::score(&kt, &truths)),
        suggested: eval::score(&ours, &truths),
        above_threshold: above,
    })
}
