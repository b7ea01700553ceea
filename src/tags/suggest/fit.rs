//! The logistic regression that turns features into probabilities:
//! the row sample and Newton's method.

use super::{FEATURES, L2, MAX_ROWS};

/// A seeded generator of numbers in [0, 1) (a 64-bit LCG's high bits),
/// for the fit's tests: the same rows on every run and every machine.
#[cfg(test)]
pub(super) fn uniform(seed: u64) -> impl FnMut() -> f64 {
    let mut state = seed;
    move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        (state >> 33) as f64 / (1u64 << 31) as f64
    }
}

#[cfg(test)]
pub(super) fn predict(w: &[f64; FEATURES + 1], x: &[f64; FEATURES]) -> f64 {
    probability(log_odds(w, x))
}

/// The log-odds the weights give features `x`.
pub(super) fn log_odds(w: &[f64; FEATURES + 1], x: &[f64; FEATURES]) -> f64 {
    w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f64>()
}

/// The probability of log-odds `z`.
pub(super) fn probability(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Rows of a fit held by column, as Newton's method reads them: each
/// feature's values, and each row's label (positive or not).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Sample {
    columns: [Vec<f64>; FEATURES],
    labels: Vec<bool>,
}

impl Sample {
    /// An empty sample with room for `n` rows.
    fn with_capacity(n: usize) -> Sample {
        Sample {
            columns: std::array::from_fn(|_| Vec::with_capacity(n)),
            labels: Vec::with_capacity(n),
        }
    }

    /// Every row of `rows`, in order.
    pub(super) fn from_rows(rows: &[([f64; FEATURES], bool)]) -> Sample {
        let mut sample = Sample::with_capacity(rows.len());
        for row in rows {
            sample.push(row);
        }
        sample
    }

    fn push(&mut self, (x, y): &([f64; FEATURES], bool)) {
        for (column, &v) in self.columns.iter_mut().zip(x) {
            column.push(v);
        }
        self.labels.push(*y);
    }

    /// Rows.
    pub(super) fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether it has no row.
    pub(super) fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Each row's label.
    #[cfg(test)]
    pub(super) fn labels(&self) -> &[bool] {
        &self.labels
    }

    /// Every fourth row, from the first.
    fn every_fourth(&self) -> Sample {
        Sample {
            columns: std::array::from_fn(|i| {
                self.columns[i].iter().step_by(4).copied().collect()
            }),
            labels: self.labels.iter().step_by(4).copied().collect(),
        }
    }
}

/// At most [`MAX_ROWS`] of the rows of `lists`, taken in order: every
/// positive row (few, and they carry most of what the weights learn),
/// then an even spread of the negative ones, each standing for `weight`
/// of them (the returned weight), so that the fit stays calibrated.
/// The lists are read in place (a fold's rows come from many
/// articles): only the kept rows are copied, straight into the columns
/// Newton reads (no row copy, and no column copy per Newton run).
pub(super) fn sample_rows<'r>(
    lists: impl Iterator<Item = &'r [([f64; FEATURES], bool)]> + Clone,
) -> (Sample, f64) {
    let rows = || lists.clone().flatten();
    let (mut positive, mut total) = (0, 0);
    for row in rows() {
        positive += usize::from(row.1);
        total += 1;
    }
    let negative = total - positive;
    let keep = MAX_ROWS.saturating_sub(positive).max(MAX_ROWS / 4);
    if negative <= keep {
        let mut sample = Sample::with_capacity(total);
        for row in rows() {
            sample.push(row);
        }
        return (sample, 1.0);
    }
    let step = negative as f64 / keep as f64;
    let (mut next, mut seen, mut kept) = (0.0f64, 0usize, 0usize);
    let mut sample = Sample::with_capacity(positive + keep);
    for row in rows() {
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
/// weights under an L2 penalty of `L2`; each negative row counts
/// `negative_weight` times. Rows are summed in order, so the fit is
/// deterministic.
pub fn fit_logistic(
    rows: &[([f64; FEATURES], bool)],
    negative_weight: f64,
) -> [f64; FEATURES + 1] {
    fit_logistic_from(&Sample::from_rows(rows), negative_weight, None)
}

/// [`fit_logistic`] from the weights `start` (another fit of like rows)
/// when given, else from the base rate. Newton reaches the same optimum
/// from either, to far below the 4 decimals scores are written with,
/// in fewer steps from a near start.
pub(super) fn fit_logistic_from(
    rows: &Sample,
    negative_weight: f64,
    start: Option<[f64; FEATURES + 1]>,
) -> [f64; FEATURES + 1] {
    let mut w = [0.0; FEATURES + 1];
    if rows.is_empty() {
        return w;
    }
    // A start Newton does not converge from (a saturated one: every
    // probability near 0 or 1, no curvature to steer by) is dropped for
    // the base rate's.
    if let Some((w, true)) =
        start.map(|s| newton(rows, negative_weight, s, L2, TOLERANCE))
    {
        return w;
    }
    // Start from the base rate's log-odds (the optimum without
    // features): a step or two fewer than from zero.
    let positive = rows.labels.iter().filter(|&&y| y).count() as f64;
    let negative = (rows.len() as f64 - positive) * negative_weight;
    let rate = ((positive + 0.5) / (positive + negative + 1.0))
        .clamp(1e-6, 1.0 - 1e-6);
    w[0] = (rate / (1.0 - rate)).ln();
    // From the base rate Newton takes about twice the steps it takes
    // from a near start (10 against 4 on nicolas-hoizey): the far steps
    // are taken on every fourth row, at a quarter of the cost, under a
    // quarter of the penalty (the same problem at a quarter of the
    // scale), to a loose tolerance; all rows then go on from there to
    // their own optimum.
    if rows.len() >= 4 * QUARTER_FROM {
        let quarter = rows.every_fourth();
        if let (near, true) =
            newton(&quarter, negative_weight, w, L2 / 4.0, 1e-3)
            && let (w, true) =
                newton(rows, negative_weight, near, L2, TOLERANCE)
        {
            return w;
        }
    }
    newton(rows, negative_weight, w, L2, TOLERANCE).0
}

/// Newton's tolerance: it stops after a step under it (steps shrink
/// quadratically: the next would be ~1e-10, far below the 4 decimals
/// scores are written with).
const TOLERANCE: f64 = 1e-5;

/// Rows of a quarter sample under which a fit from the base rate takes
/// all its steps on all rows.
const QUARTER_FROM: usize = 128;

/// Newton's method from `w` for the logistic loss plus `l2`·‖w‖²/2 (not
/// the intercept), and whether it converged (a step under `tolerance`,
/// weights finite) within 100 steps. The step is halved while it raises the
/// loss: a full Newton step can overshoot and cycle when a feature
/// nearly separates the rows (seen: the title feature swinging ±21 for
/// 50 steps).
///
/// The rows are held by column ([`Sample`]), and the log-odds, the
/// gradient and the Hessian are sums of column products ([`dot`]): a fixed order of
/// operations that the compiler turns into vector instructions whatever
/// it inlines. A column mostly zeros (the name, title and salience
/// features: most candidates are not named) is also listed by its
/// nonzero rows, and its sums read those only ([`Column`]).
#[allow(clippy::needless_range_loop)] // matrix indices read clearer
fn newton(
    rows: &Sample,
    negative_weight: f64,
    mut w: [f64; FEATURES + 1],
    l2: f64,
    tolerance: f64,
) -> ([f64; FEATURES + 1], bool) {
    const D: usize = FEATURES + 1;
    let n = rows.len();
    let columns = &rows.columns;
    let nonzero: Vec<Option<Vec<u32>>> =
        columns.iter().map(|c| sparse_rows(c)).collect();
    let column = |i: usize| Column {
        values: &columns[i],
        nonzero: nonzero[i].as_deref(),
    };
    let mut z = vec![0.0; n];
    let weights = [1.0, negative_weight];
    // Per row: the residual and the curvature (each times the row's
    // weight), and the curvature times each feature.
    let (mut residual, mut curvature) = (vec![0.0; n], vec![0.0; n]);
    let mut scaled = vec![vec![0.0; n]; FEATURES];
    // The point the last step left from, the step and the loss there.
    let mut from: Option<([f64; D], [f64; D], f64)> = None;
    let mut halvings = 0;
    for _ in 0..100 {
        // The loss is −ln of the products of the rows' likelihoods
        // (positive rows, negative ones): one logarithm per 1e-200 of
        // product, not one per row.
        let (mut loss, mut products) = (0.0, [1.0f64; 2]);
        // Each row's Σ x_i w_i, in feature order as `log_odds` adds
        // them: the same bits (a zero product skipped can only change
        // the sign of a zero sum, which adding the intercept undoes).
        match nonzero[0] {
            None => {
                for (z, x) in z.iter_mut().zip(&columns[0]) {
                    *z = x * w[1];
                }
            }
            Some(_) => {
                z.fill(0.0);
                column(0).add_scaled(w[1], &mut z);
            }
        }
        for i in 1..FEATURES {
            column(i).add_scaled(w[i + 1], &mut z);
        }
        for (r, y) in rows.labels.iter().enumerate() {
            let p = probability(w[0] + z[r]);
            let (right, k) = if *y { (p, 0) } else { (1.0 - p, 1) };
            let product = &mut products[k];
            *product *= right.max(1e-300);
            if *product < 1e-200 {
                loss -= weights[k] * product.ln();
                *product = 1.0;
            }
            residual[r] = weights[k] * (p - f64::from(u8::from(*y)));
            curvature[r] = weights[k] * (p * (1.0 - p)).max(1e-12);
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
        let mut grad = [0.0; D];
        let mut hess = [[0.0; D]; D];
        grad[0] = sum(&residual);
        hess[0][0] = sum(&curvature);
        for i in 0..FEATURES {
            column(i).scale(&curvature, &mut scaled[i]);
        }
        for i in 1..D {
            let ci = column(i - 1);
            grad[i] = ci.dot(&residual);
            // The curvature times a sparse column is zero where the
            // column is: it has the column's nonzero rows.
            let si = Column {
                values: &scaled[i - 1],
                nonzero: ci.nonzero,
            };
            hess[0][i] = si.sum();
            for j in i..D {
                let cj = column(j - 1);
                hess[i][j] = if si.nonzero.is_some() {
                    si.dot(cj.values)
                } else {
                    cj.dot(si.values)
                };
            }
        }
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
        // Newton converges quadratically here ([`TOLERANCE`]).
        if change < tolerance {
            return (w, w.iter().all(|x| x.is_finite()));
        }
        from = Some((w0, step, loss));
    }
    (w, false)
}

/// The rows of `column` that are not zero, when they are few enough that
/// reading them by index beats reading the whole column.
fn sparse_rows(column: &[f64]) -> Option<Vec<u32>> {
    let nonzero = column.iter().filter(|&&x| x != 0.0).count();
    (nonzero * 4 <= column.len()).then(|| {
        (0..column.len() as u32)
            .filter(|&r| column[r as usize] != 0.0)
            .collect()
    })
}

/// One feature's column, and its nonzero rows when it is sparse.
#[derive(Clone, Copy)]
struct Column<'c> {
    values: &'c [f64],
    nonzero: Option<&'c [u32]>,
}

impl Column<'_> {
    /// [`dot`] of the column with `a`. A sparse column adds the products
    /// of its nonzero rows only, each to the partial sum [`dot`] adds it
    /// to: the same bits, since adding a zero product to a partial sum
    /// changes nothing (a partial sum starts at +0 and so is never −0).
    fn dot(&self, a: &[f64]) -> f64 {
        let Some(rows) = self.nonzero else {
            return dot(a, self.values);
        };
        let whole = a.len() - a.len() % 4;
        let mut acc = [0.0f64; 4];
        let mut tail = 0.0;
        for &r in rows {
            let r = r as usize;
            let product = a[r] * self.values[r];
            if r < whole {
                acc[r % 4] += product;
            } else {
                tail += product;
            }
        }
        (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
    }

    /// [`sum`] of the column, the same bits as [`Column::dot`]'s.
    fn sum(&self) -> f64 {
        let Some(rows) = self.nonzero else {
            return sum(self.values);
        };
        let whole = self.values.len() - self.values.len() % 4;
        let mut acc = [0.0f64; 4];
        let mut tail = 0.0;
        for &r in rows {
            let r = r as usize;
            if r < whole {
                acc[r % 4] += self.values[r];
            } else {
                tail += self.values[r];
            }
        }
        (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
    }

    /// `out` = `q` times the column, row by row; for a sparse column, at
    /// its nonzero rows only (the others are never read).
    fn scale(&self, q: &[f64], out: &mut [f64]) {
        match self.nonzero {
            None => {
                for (o, (q, x)) in
                    out.iter_mut().zip(q.iter().zip(self.values))
                {
                    *o = q * x;
                }
            }
            Some(rows) => {
                for &r in rows {
                    let r = r as usize;
                    out[r] = q[r] * self.values[r];
                }
            }
        }
    }

    /// `z` += the column times `w`, row by row; a sparse column's zero
    /// rows are left as they are.
    fn add_scaled(&self, w: f64, z: &mut [f64]) {
        match self.nonzero {
            None => {
                for (z, x) in z.iter_mut().zip(self.values) {
                    *z += x * w;
                }
            }
            Some(rows) => {
                for &r in rows {
                    let r = r as usize;
                    z[r] += self.values[r] * w;
                }
            }
        }
    }
}

/// Σ a·b in four interleaved partial sums (then the odd tail): the
/// same bits on every build, two vector lanes at a time.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let (ca, ta) = a.as_chunks::<4>();
    let (cb, tb) = b.as_chunks::<4>();
    let mut acc = [0.0f64; 4];
    for (x, y) in ca.iter().zip(cb) {
        acc = [
            acc[0] + x[0] * y[0],
            acc[1] + x[1] * y[1],
            acc[2] + x[2] * y[2],
            acc[3] + x[3] * y[3],
        ];
    }
    let tail: f64 = ta.iter().zip(tb).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Σ a, in the partial sums of [`dot`].
fn sum(a: &[f64]) -> f64 {
    let (chunks, tail) = a.as_chunks::<4>();
    let mut acc = [0.0f64; 4];
    for x in chunks {
        acc = [acc[0] + x[0], acc[1] + x[1], acc[2] + x[2], acc[3] + x[3]];
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail.iter().sum::<f64>()
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
mod tests {
    use proptest::prelude::*;

    use super::{
        Column, FEATURES, L2, QUARTER_FROM, Sample, TOLERANCE, dot,
        fit_logistic, newton, sparse_rows, sum, uniform,
    };

    #[test]
    fn a_fit_begun_on_a_quarter_of_the_rows_ends_at_the_optimum() {
        // Rows with a named-like sparse feature, as the candidates have.
        let mut next = uniform(4242);
        let mut rows: Vec<([f64; FEATURES], bool)> = Vec::new();
        for _ in 0..6 * QUARTER_FROM {
            let named = if next() < 0.15 { next() } else { 0.0 };
            let x = [
                next(),
                next(),
                named,
                0.0,
                -next(),
                next(),
                named / 2.0,
                next(),
                next(),
            ];
            let y = 0.6 * x[0] + 0.8 * named + 0.3 * (next() - 0.5) > 0.5;
            rows.push((x, y));
        }
        let quarter_first = fit_logistic(&rows, 3.0);
        let positive = rows.iter().filter(|r| r.1).count() as f64;
        let rate = (positive + 0.5)
            / (positive + (rows.len() as f64 - positive) * 3.0 + 1.0);
        let mut base = [0.0; FEATURES + 1];
        base[0] = (rate / (1.0 - rate)).ln();
        let (all_rows, converged) =
            newton(&Sample::from_rows(&rows), 3.0, base, L2, TOLERANCE);
        assert!(converged);
        assert!(quarter_first[3] > 1.0, "{quarter_first:?}");
        for (a, b) in quarter_first.iter().zip(&all_rows) {
            assert!((a - b).abs() < 1e-9, "{quarter_first:?} vs {all_rows:?}");
        }
    }

    #[test]
    fn the_quarter_sample_is_every_fourth_row_from_the_first() {
        let rows: Vec<([f64; FEATURES], bool)> = (0..10)
            .map(|r| ([f64::from(r); FEATURES], r % 3 == 0))
            .collect();
        let quarter = Sample::from_rows(&rows).every_fourth();
        assert_eq!(quarter.labels(), &[true, false, false]);
        for column in &quarter.columns {
            assert_eq!(column, &[0.0, 4.0, 8.0]);
        }
    }

    proptest! {
        /// A column read by its nonzero rows gives the bits of the dense
        /// sums, whatever the zeros' signs and the length's tail.
        #[test]
        fn sparse_column_sums_are_the_dense_ones(
            cells in prop::collection::vec(
                (0u8..10, -4.0f64..4.0, -3.0f64..3.0), 0..70),
            w in -2.0f64..2.0,
        ) {
            let values: Vec<f64> = cells
                .iter()
                .map(|&(k, x, _)| match k {
                    0 => x,
                    1 => -0.0,
                    _ => 0.0,
                })
                .collect();
            let a: Vec<f64> = cells.iter().map(|c| c.2).collect();
            let rows: Vec<u32> = (0..values.len() as u32)
                .filter(|&r| values[r as usize] != 0.0)
                .collect();
            let sparse = Column { values: &values, nonzero: Some(&rows) };
            prop_assert_eq!(sparse.dot(&a).to_bits(), dot(&a, &values).to_bits());
            prop_assert_eq!(sparse.sum().to_bits(), sum(&values).to_bits());
            let mut z: Vec<f64> = a.clone();
            sparse.add_scaled(w, &mut z);
            for (r, z) in z.iter().enumerate() {
                prop_assert_eq!(z.to_bits(), (a[r] + values[r] * w).to_bits());
            }
            let mut out = vec![0.0; a.len()];
            sparse.scale(&a, &mut out);
            for &r in &rows {
                let r = r as usize;
                prop_assert_eq!(out[r].to_bits(), (a[r] * values[r]).to_bits());
            }
            let listed = sparse_rows(&values);
            prop_assert_eq!(listed.is_some(), rows.len() * 4 <= values.len());
            if let Some(listed) = listed {
                prop_assert_eq!(listed, rows);
            }
        }
    }
}
