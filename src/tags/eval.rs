//! The evaluation of `billet eval-tags`: hide the tags of a seeded
//! random share of the tagged articles, suggest tags for them as for
//! untagged articles, and score the first three suggestions against the
//! hidden tags, beside two baselines from the same run.
//!
//! Per hidden article with true tags T and suggestions s1, s2, s3 (by
//! slug): P@1 = [s1 ∈ T]; P@3 = |{s1,s2,s3} ∩ T| / 3; R@3 = |{s1,s2,s3} ∩
//! T| / |T|; each averaged over the hidden articles, and F1@3 = 2·P@3·R@3
//! / (P@3 + R@3) of the averages.

/// The figures of one method.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Share of articles whose first suggestion is right.
    pub p1: f64,
    /// Mean share of the first three suggestions that are right.
    pub p3: f64,
    /// Mean share of the true tags among the first three suggestions.
    pub r3: f64,
    /// Harmonic mean of `p3` and `r3`.
    pub f1: f64,
}

/// Scores ranked suggestions (best first) against the true tags of the
/// same articles (sorted, never empty), both as slugs or tag numbers.
pub fn score<T: Ord>(ranked: &[Vec<T>], truth: &[Vec<T>]) -> Scores {
    let n = ranked.len().min(truth.len());
    if n == 0 {
        return Scores::default();
    }
    let (mut p1, mut p3, mut r3) = (0.0, 0.0, 0.0);
    for (r, t) in ranked.iter().zip(truth) {
        let top = &r[..r.len().min(3)];
        let hits = top.iter().filter(|x| t.binary_search(*x).is_ok()).count();
        if top.first().is_some_and(|x| t.binary_search(x).is_ok()) {
            p1 += 1.0;
        }
        p3 += hits as f64 / 3.0;
        r3 += hits as f64 / t.len().max(1) as f64;
    }
    let n = n as f64;
    let (p1, p3, r3) = (p1 / n, p3 / n, r3 / n);
    let f1 = if p3 + r3 > 0.0 {
        2.0 * p3 * r3 / (p3 + r3)
    } else {
        0.0
    };
    Scores { p1, p3, r3, f1 }
}

/// The articles whose tags are hidden: a `share` of `tagged` (article
/// numbers, in id order), shuffled by `seed` (SplitMix64, so the same
/// seed hides the same articles on every machine), the first
/// round(share × n) of them, in article order.
pub fn hidden(tagged: &[usize], share: f64, seed: u64) -> Vec<usize> {
    let mut order = tagged.to_vec();
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    // Fisher–Yates.
    for i in (1..order.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let n = ((order.len() as f64) * share.clamp(0.0, 1.0)).round() as usize;
    let mut hidden = order[..n].to_vec();
    hidden.sort_unstable();
    hidden
}

/// The most frequent tags first (ties by tag number), from the tag
/// lists of the articles that are not hidden.
pub fn most_frequent(tags: &[Vec<u32>], n_tags: usize) -> Vec<u32> {
    most_frequent_but(tags, n_tags, &[])
}

/// [`most_frequent`] with the tags `own` (one article's) counted once
/// less: the baseline of leave-one-out.
pub fn most_frequent_but(
    tags: &[Vec<u32>],
    n_tags: usize,
    own: &[u32],
) -> Vec<u32> {
    let mut count = vec![0u32; n_tags];
    for ts in tags {
        for &t in ts {
            count[t as usize] += 1;
        }
    }
    for &t in own {
        count[t as usize] -= 1;
    }
    let mut order: Vec<u32> = (0..n_tags as u32)
        .filter(|&t| count[t as usize] > 0)
        .collect();
    order.sort_by(|&a, &b| {
        count[b as usize].cmp(&count[a as usize]).then(a.cmp(&b))
    });
    order
}

/// The tags of an article's similar articles, each weighted by the
/// similarity of the articles carrying it, best first (ties by tag
/// number).
pub fn neighbours_tags(similar: &[(u32, f64)], tags: &[Vec<u32>]) -> Vec<u32> {
    let mut score: Vec<(u32, f64)> = Vec::new();
    for &(b, s) in similar {
        for &t in &tags[b as usize] {
            match score.iter_mut().find(|e| e.0 == t) {
                Some(e) => e.1 += s,
                None => score.push((t, s)),
            }
        }
    }
    score.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    score.into_iter().map(|e| e.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_by_hand() {
        // Article 1: first right, 2 of 3 right, 2 of 2 found.
        // Article 2: nothing right.
        let s = score(&[vec![1, 5, 2], vec![7, 8]], &[vec![1, 2], vec![3]]);
        assert_eq!(s.p1, 0.5);
        assert!((s.p3 - (2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert_eq!(s.r3, 0.5);
        let f1 = 2.0 * s.p3 * s.r3 / (s.p3 + s.r3);
        assert!((s.f1 - f1).abs() < 1e-12);
    }

    #[test]
    fn hidden_share_is_seeded_and_sized() {
        let tagged: Vec<usize> = (0..100).collect();
        let a = hidden(&tagged, 0.3, 7);
        assert_eq!(a.len(), 30);
        assert_eq!(a, hidden(&tagged, 0.3, 7));
        assert_ne!(a, hidden(&tagged, 0.3, 8));
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(hidden(&tagged, 0.0, 1).is_empty());
        assert_eq!(hidden(&tagged, 1.0, 1).len(), 100);
    }

    #[test]
    fn baselines() {
        let tags = vec![vec![0, 1], vec![1], vec![2], vec![]];
        assert_eq!(most_frequent(&tags, 3), [1, 0, 2]);
        assert_eq!(
            neighbours_tags(&[(2, 0.5), (0, 0.4), (3, 0.9)], &tags),
            [2, 0, 1]
        );
    }
}
