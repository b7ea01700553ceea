//! The logistic regression that turns features into probabilities:
//! the row sample and Newton's method.

use super::{FEATURES, L2, MAX_ROWS};

pub(super) fn predict(w: &[f64; FEATURES + 1], x: &[f64; FEATURES]) -> f64 {
    let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// At most [`MAX_ROWS`] of `rows`: every positive row (few, and they
/// carry most of what the weights learn), then an even spread of the
/// negative ones, each standing for `weight` of them (the returned
/// weight), so that the fit stays calibrated.
pub(super) fn sample_rows(
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
        // The upper triangle of the Hessian, summed in pairs of columns
        // (two products and two sums in one vector instruction each: the
        // same operations on each element, in the same row order, so the
        // same bits); the padding column takes the odd rows' last pair.
        let mut upper = [[0.0; D + 1]; D];
        // The loss is −ln of the products of the rows' likelihoods
        // (positive rows, negative ones): one logarithm per 1e-200 of
        // product, not one per row.
        let (mut loss, mut products) = (0.0, [1.0f64; 2]);
        let weights = [1.0, negative_weight];
        for (x, y) in rows {
            let mut v = [1.0; D + 1];
            v[1..D].copy_from_slice(x);
            v[D] = 0.0;
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
                let row = &mut upper[i];
                for j in (i..D).step_by(2) {
                    row[j] += qv * v[j];
                    row[j + 1] += qv * v[j + 1];
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
        let mut hess = [[0.0; D]; D];
        for i in 0..D {
            for j in 0..D {
                hess[i][j] = if j < i { upper[j][i] } else { upper[i][j] };
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
