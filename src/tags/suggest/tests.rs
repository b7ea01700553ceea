//! Unit tests of the logistic fit, its row sample and the folds.

use super::*;

#[test]
fn logistic_fit_finds_the_informative_feature() {
    // Feature 1 decides the label (with noise); the others do not.
    let mut rows = Vec::new();
    let mut state = 12345u64;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for _ in 0..2000 {
        let x = [next(), next(), next(), next(), next(), next(), next()];
        let y = x[1] + 0.2 * (next() - 0.5) > 0.5;
        rows.push((x, y));
    }
    let w = fit_logistic(&rows, 1.0);
    assert!(w[2] > 5.0, "{w:?}");
    for i in [1, 3, 4, 5, 6, 7] {
        assert!(w[i].abs() < 1.0, "{w:?}");
    }
    assert!(predict(&w, &[0.5, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5]) > 0.9);
    assert!(predict(&w, &[0.5, 0.1, 0.5, 0.5, 0.5, 0.5, 0.5]) < 0.1);
    assert_eq!(fit_logistic(&[], 1.0), [0.0; FEATURES + 1]);
}

#[test]
fn sampled_negatives_keep_the_fit_calibrated() {
    // Rare positives (~5 %) driven by feature 1: the fit on every
    // positive and a weighted share of the negatives predicts like
    // the fit on all rows.
    let mut rows = Vec::new();
    let mut state = 777u64;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for _ in 0..3 * MAX_ROWS {
        let x = [next(), next(), next(), next(), next(), next(), next()];
        let y = x[1] + 0.1 * next() > 0.97;
        rows.push((x, y));
    }
    let positive = rows.iter().filter(|r| r.1).count();
    let full = fit_logistic(&rows, 1.0);
    let (sample, weight) = sample_rows([rows.as_slice()].into_iter());
    assert!(sample.len() <= MAX_ROWS, "{}", sample.len());
    assert_eq!(sample.iter().filter(|r| r.1).count(), positive);
    assert!(weight > 2.0, "{weight}");
    // Every positive row, and exactly the negatives the budget allows,
    // each standing for its share of all the negatives.
    let negative = rows.len() - positive;
    let kept = sample.len() - positive;
    assert_eq!(kept, MAX_ROWS.saturating_sub(positive).max(MAX_ROWS / 4));
    assert_eq!(weight, negative as f64 / kept as f64);
    let sampled = fit_logistic(&sample, weight);
    for x1 in [0.5, 0.9, 0.95, 1.0] {
        let x = [0.5, x1, 0.5, 0.5, 0.5, 0.5, 0.5];
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
