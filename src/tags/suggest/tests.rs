//! Unit tests of the logistic fit, its row sample, the folds and the
//! candidates' walks.

use super::fit::{Sample, predict, uniform};
use super::*;

#[test]
fn logistic_fit_finds_the_informative_feature() {
    // Feature 1 decides the label (with noise); the others do not.
    let mut rows = Vec::new();
    let mut next = uniform(12345);
    for _ in 0..2000 {
        let x: [f64; FEATURES] = std::array::from_fn(|_| next());
        let y = x[1] + 0.2 * (next() - 0.5) > 0.5;
        rows.push((x, y));
    }
    let w = fit_logistic(&rows, 1.0);
    assert!(w[2] > 5.0, "{w:?}");
    for i in [1, 3, 4, 5, 6, 7, 8, 9] {
        assert!(w[i].abs() < 1.0, "{w:?}");
    }
    assert!(predict(&w, &[0.5, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]) > 0.9);
    assert!(predict(&w, &[0.5, 0.1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]) < 0.1);
    assert_eq!(fit_logistic(&[], 1.0), [0.0; FEATURES + 1]);
}

#[test]
fn a_fit_from_other_weights_reaches_the_same_optimum() {
    // Two row sets that share most rows, as two folds' do: the second
    // fitted from the first one's weights gives the weights of its own
    // fit from the base rate, to far below what 4 decimals show.
    let mut next = uniform(99);
    let mut rows = Vec::new();
    for _ in 0..1500 {
        let x: [f64; FEATURES] = std::array::from_fn(|_| next());
        let y = 0.7 * x[1] + 0.3 * x[4] + 0.3 * (next() - 0.5) > 0.6;
        rows.push((x, y));
    }
    let first = fit_logistic(&rows[..1200], 2.0);
    let fresh = fit_logistic(&rows[300..], 2.0);
    let later = Sample::from_rows(&rows[300..]);
    let warm = super::fit::fit_logistic_from(&later, 2.0, Some(first));
    assert!(first.iter().zip(&fresh).any(|(a, b)| (a - b).abs() > 1e-3));
    for (a, b) in fresh.iter().zip(&warm) {
        assert!((a - b).abs() < 1e-9, "{fresh:?} vs {warm:?}");
    }
    // A start far off (every weight 30) still gets there.
    let far =
        super::fit::fit_logistic_from(&later, 2.0, Some([30.0; FEATURES + 1]));
    for (a, b) in fresh.iter().zip(&far) {
        assert!((a - b).abs() < 1e-9, "{fresh:?} vs {far:?}");
    }
}

#[test]
fn sampled_negatives_keep_the_fit_calibrated() {
    // Rare positives (~5 %) driven by feature 1: the fit on every
    // positive and a weighted share of the negatives predicts like
    // the fit on all rows.
    let mut rows = Vec::new();
    let mut next = uniform(777);
    for _ in 0..3 * MAX_ROWS {
        let x: [f64; FEATURES] = std::array::from_fn(|_| next());
        let y = x[1] + 0.1 * next() > 0.97;
        rows.push((x, y));
    }
    let positive = rows.iter().filter(|r| r.1).count();
    let full = fit_logistic(&rows, 1.0);
    let (sample, weight) = sample_rows([rows.as_slice()].into_iter());
    assert!(sample.len() <= MAX_ROWS, "{}", sample.len());
    assert_eq!(sample.labels().iter().filter(|&&y| y).count(), positive);
    assert!(weight > 2.0, "{weight}");
    // Every positive row, and exactly the negatives the budget allows,
    // each standing for its share of all the negatives.
    let negative = rows.len() - positive;
    let kept = sample.len() - positive;
    assert_eq!(kept, MAX_ROWS.saturating_sub(positive).max(MAX_ROWS / 4));
    assert_eq!(weight, negative as f64 / kept as f64);
    let sampled = super::fit::fit_logistic_from(&sample, weight, None);
    for x1 in [0.5, 0.9, 0.95, 1.0] {
        let x = [0.5, x1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
        let (a, b) = (predict(&full, &x), predict(&sampled, &x));
        assert!((a - b).abs() < 0.05, "{x1}: {a} vs {b}");
    }
}

#[test]
fn folds_are_stable() {
    assert_eq!(fold_of("a"), fold_of("a"));
    let spread: std::collections::BTreeSet<u8> =
        (0..100).map(|i| fold_of(&format!("article-{i}"))).collect();
    assert_eq!(spread.len(), FOLDS);
}

/// A corpus of articles, each with its vector, its tags and the stems
/// it names (all of its stems; the title names the same).
struct Synthetic {
    folds: Vec<u8>,
    vectors: TermVectors,
    tagged: Vec<Vec<u32>>,
    named: Vec<Box<[u32]>>,
    words: Vec<Box<[Box<[u32]>]>>,
}

impl Synthetic {
    /// `n` articles over `stems` stems and `tags` tags, from a fixed
    /// seed: vectors of 3 to 10 stems (counts 1 to 9, every idf 1), 1 to
    /// 3 tags each, tag `t` named
    /// by stem `t % stems`.
    fn new(n: usize, stems: u32, tags: u32) -> Synthetic {
        let mut state = 99u64;
        let mut next = |m: u32| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            ((state >> 33) % u64::from(m)) as u32
        };
        let mut corpus = Synthetic {
            folds: Vec::new(),
            vectors: TermVectors::new(vec![1.0; stems as usize].into(), 1.0),
            tagged: Vec::new(),
            named: Vec::new(),
            words: (0..tags)
                .map(|t| vec![vec![t % stems].into_boxed_slice()].into())
                .collect(),
        };
        for a in 0..n {
            corpus.folds.push(fold_of(&format!("a{a}")));
            let mut v: Vec<(u32, u32)> = (0..3 + next(8))
                .map(|_| (next(stems), 1 + next(9)))
                .collect();
            v.sort_unstable_by_key(|e| e.0);
            v.dedup_by_key(|e| e.0);
            corpus.named.push(v.iter().map(|e| e.0).collect());
            let norm = corpus.vectors.norm_of(&v);
            corpus.vectors.push(&v, norm);
            let mut t: Vec<u32> =
                (0..1 + next(3)).map(|_| next(tags)).collect();
            t.sort_unstable();
            t.dedup();
            corpus.tagged.push(t);
        }
        corpus
    }

    /// The model fitted on it.
    fn model(&self) -> Model<'_> {
        Model::fit(TagData {
            folds: &self.folds,
            vectors: &self.vectors,
            tags: &self.tagged,
            stems: &self.named,
            title_stems: &self.named,
            tag_words: &self.words,
        })
    }
}

#[test]
fn the_walk_hiding_nothing_scores_as_the_walks_hiding_a_fold() {
    // With few tags the dense row of centroid dots is cleared at once;
    // with many more tags than the lists an article crosses, list by
    // list. Either way the walk that hides nothing alone must give the
    // features the same walk gives beside a fold-hiding one, bit for bit.
    for tags in [6, 400] {
        let corpus = Synthetic::new(80, 40, tags);
        let model = corpus.model();
        let bits =
            |c: &Candidate| (c.tag, c.voters, c.features.map(f64::to_bits));
        let mut compared = 0;
        for (a, &fold) in corpus.folds.iter().enumerate() {
            let alone: Vec<_> =
                model.candidates(a, &[None])[0].iter().map(bits).collect();
            let other = (fold + 1) % FOLDS as u8;
            let beside: Vec<_> = model.candidates(a, &[Some(other), None])[1]
                .iter()
                .map(bits)
                .collect();
            assert_eq!(alone, beside, "{tags} tags, article {a}");
            compared += alone.len();
        }
        assert!(compared > 100, "{tags} tags: {compared} candidates");
    }
}

#[test]
fn candidates_come_from_votes_names_and_centroids() {
    // Many tags: an article meets tags its neighbours carry (a vote, a
    // share of the similarity), tags it names, and tags neither of them
    // brings whose centroid is near.
    let corpus = Synthetic::new(80, 40, 400);
    let model = corpus.model();
    let (mut voted, mut centroid_only) = (0, 0);
    for a in 0..corpus.vectors.len() {
        let list = model.candidates(a, &[None]).swap_remove(0);
        for c in &list {
            let [centroid, vote, name, ..] = c.features;
            assert!((0.0..=1.0).contains(&vote), "article {a}: vote {vote}");
            assert_eq!(vote > 0.0, c.voters > 0, "article {a}, tag {}", c.tag);
            voted += usize::from(vote > 0.0);
            centroid_only += usize::from(vote == 0.0 && name == 0.0);
            if vote == 0.0 && name == 0.0 {
                assert!(centroid > 0.0, "article {a}, tag {}", c.tag);
            }
        }
    }
    assert!(voted > 100, "{voted} voted candidates");
    assert!(
        centroid_only > 100,
        "{centroid_only} centroid-only candidates"
    );
}

#[test]
fn log_odds_under_the_floor_never_reach_the_minimum_score() {
    // The floor and the floats just under it, then down to far below.
    let mut z = MIN_LOG_ODDS;
    for _ in 0..1000 {
        assert!(probability(z) < MIN_SCORE, "{z}");
        z = f64::from_bits(z.to_bits() + 1);
    }
    let mut z = MIN_LOG_ODDS;
    while z > -800.0 {
        assert!(probability(z) < MIN_SCORE, "{z}");
        z -= 0.01;
    }
    // And the floor is close: a little above it the score is kept.
    assert!(probability(MIN_LOG_ODDS + 0.01) >= MIN_SCORE);
}

#[test]
fn rank_puts_the_best_first_shares_ties_and_puts_zeros_last() {
    // Feature 0's values; feature 7 gets 1 / (1 + rank).
    let values = [0.2, 0.5, 0.0, 0.5 + 1e-12, 0.3, 0.0];
    let mut out: Vec<candidates::Candidate> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let mut features = [0.0; FEATURES];
            features[0] = v;
            candidates::Candidate {
                tag: i as u32,
                features,
                voters: 0,
                voting: 0,
            }
        })
        .collect();
    let mut order = Vec::new();
    candidates::rank(&mut out, &mut order, 0, 7);
    let got: Vec<f64> = out.iter().map(|c| c.features[7]).collect();
    // 0.5 and 0.5 + 1e-12 tie first; 0.3 is third, 0.2 fourth; the
    // zeros share the rank after every value.
    let want = [3.0, 0.0, 4.0, 0.0, 2.0, 4.0].map(|r: f64| 1.0 / (1.0 + r));
    assert_eq!(got, want);
    // Alone, zeros rank first; the feature ranked is left as it was.
    let mut zeros = out.clone();
    zeros.iter_mut().for_each(|c| c.features[0] = 0.0);
    candidates::rank(&mut zeros, &mut order, 0, 8);
    assert!(zeros.iter().all(|c| c.features[8] == 1.0));
    assert_eq!(out[1].features[0], 0.5);
}

#[test]
fn tag_sums_leave_each_fold_out_exactly() {
    // Per tag, ‖S‖² and ‖S without fold h‖², S the sum of the vectors of
    // the articles carrying the tag, against the same sums taken
    // directly, stem by stem.
    let corpus = Synthetic::new(80, 40, 6);
    let model = corpus.model();
    for (t, sums) in model.sums.iter().enumerate() {
        let mut per_fold = vec![[0.0f64; FOLDS]; 40];
        let mut count = 0;
        for (a, tags) in corpus.tagged.iter().enumerate() {
            if tags.binary_search(&(t as u32)).is_ok() {
                count += 1;
                let f = corpus.folds[a] as usize;
                corpus.vectors.each(a, |s, w| per_fold[s as usize][f] += w);
            }
        }
        assert_eq!(sums.count, count, "tag {t}");
        let norm2 = |skip: Option<usize>| -> f64 {
            per_fold
                .iter()
                .map(|fw| {
                    let s: f64 = (0..FOLDS)
                        .filter(|&f| Some(f) != skip)
                        .map(|f| fw[f])
                        .sum();
                    s * s
                })
                .sum()
        };
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * y.max(1.0);
        assert!(close(sums.norm2, norm2(None)), "tag {t}");
        for h in 0..FOLDS {
            let want = norm2(Some(h));
            let got = sums.norm2_without[h];
            assert!(close(got, want), "tag {t}, fold {h}: {got} / {want}");
        }
    }
}
