//! Key terms and key phrases of an article, scored against the corpus
//! (sublinear tf × idf × position of its stems, the idf of a phrase's
//! words), ties broken by first occurrence or text, never by thread
//! order.

use std::cmp::Ordering;

use super::{CorpusStats, Packed};
use crate::output::{KeyPhrase, KeyTerm, round4};
use crate::stem::FrozenVocab;
use crate::terms::{TermCount, zone};

/// Keeps the items scored at or above the `k`-th best score (all of
/// them when there are `k` or fewer; none when `k` is 0), in no order:
/// every item a tie-break could rank among the best `k`, so that the
/// costlier tie-break key is read only for those.
pub(super) fn keep_top_scores<T>(items: &mut Vec<(f64, T)>, k: usize) {
    if k == 0 {
        items.clear();
    } else if items.len() > k {
        items.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
        let last = items[k - 1].0;
        items.retain(|(score, _)| *score >= last);
    }
}

/// Orders scored items: score descending, then text ascending.
pub(super) fn by_score_then_text(a: (f64, &str), b: (f64, &str)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// Extra weight of a key term per [`zone`] it was seen in: the title
/// doubles it, a heading, the first paragraph or the front-matter
/// description each add half. Round numbers: on the blogs measured
/// (docs/tags.md) the share of an article's own tags among its top ten
/// terms moved by ±0.02 whether the title counted ×2 or ×3 and the
/// others ¼ to 1.
const ZONE_WEIGHTS: [(u8, f64); 4] = [
    (zone::TITLE, 1.0),
    (zone::HEADING, 0.5),
    (zone::LEAD, 0.5),
    (zone::DESCRIPTION, 0.5),
];

/// The weight of a term in its article's key terms:
/// (1 + ln tf) × idf × (1 + the [`ZONE_WEIGHTS`] of its zones), with the
/// smoothed idf of [`CorpusStats::key_idf`]. Sublinear tf keeps
/// repetition meaningful without letting a word said twenty times drown
/// the rest (BM25's saturation, made for ranking documents, flattened
/// every word said once to one score). `f`: [`FACTORS`].
fn weight(stats: &CorpusStats, t: &TermCount, f: &Factors) -> f64 {
    let tf = match f.log_tf.get(t.count as usize) {
        Some(&w) => w,
        None => log_tf(t.count),
    };
    tf * stats.key_idf(t.stem) * f.place[usize::from(t.zones)]
}

/// The factors of [`weight`] that depend on one small number, each
/// computed once by the same expression (so every weight keeps its
/// bits): scoring asks for one per term of every article.
struct Factors {
    /// 1 + ln(max(tf, 1)) for the counts nearly every term has.
    log_tf: [f64; 256],
    /// 1 + the zone weights of each value of a term's `zones` byte.
    place: [f64; 256],
}

static FACTORS: std::sync::LazyLock<Factors> =
    std::sync::LazyLock::new(|| {
        let mut f = Factors {
            log_tf: [0.0; 256],
            place: [0.0; 256],
        };
        for (k, (tf, place)) in
            f.log_tf.iter_mut().zip(&mut f.place).enumerate()
        {
            *tf = log_tf(k as u32);
            let zones = k as u8;
            let sum: f64 = ZONE_WEIGHTS
                .iter()
                .filter(|(z, _)| zones & z != 0)
                .map(|(_, w)| w)
                .sum();
            *place = 1.0 + sum;
        }
        f
    });

/// 1 + ln(max(tf, 1)).
fn log_tf(count: u32) -> f64 {
    1.0 + f64::from(count.max(1)).ln()
}

/// The `top` key terms of an article (its whole packed counts), by
/// `weight`; ties keep the order in which the article first uses
/// them, never the alphabet's.
///
/// Scores are weights rounded to four decimals, and rounding keeps
/// order, so the `top`-th best score is the rounding of the `top`-th
/// heaviest weight: that weight is followed as the weights are read
/// (`kth_heaviest`; for a large `top`, selected among their bits,
/// `kth_selected`), and only the terms
/// a tie-break could rank among the best (those whose weight is within
/// 2e-4 of it, then whose rounded score reaches it) are rounded and
/// sorted: an article has hundreds of terms and keeps ten.
pub fn key_terms(
    packed: &Packed,
    stats: &CorpusStats,
    vocab: &FrozenVocab,
    top: usize,
) -> Vec<KeyTerm> {
    if top == 0 {
        // Nothing to decode for.
        return Vec::new();
    }
    key_terms_decoded(packed, stats, vocab, top).0
}

/// [`key_terms`], with every term of `packed` as decoded for them (in
/// its order): a caller that needs them too decodes them once.
pub fn key_terms_decoded(
    packed: &Packed,
    stats: &CorpusStats,
    vocab: &FrozenVocab,
    top: usize,
) -> (Vec<KeyTerm>, Vec<TermCount>) {
    let factors = &*FACTORS;
    let mut terms: Vec<TermCount> = Vec::with_capacity(packed.term_count());
    let mut weights: Vec<f64> = Vec::with_capacity(packed.term_count());
    packed.terms().for_each(|t| {
        weights.push(weight(stats, &t, factors));
        terms.push(t);
    });
    if top == 0 {
        return (Vec::new(), terms);
    }
    // The lowest score kept, and a weight under which none reaches it.
    let (bar, floor) = if terms.len() > top {
        let kth = if top <= FOLLOWED_TOP {
            kth_heaviest(&weights, top)
        } else {
            kth_selected(&weights, top)
        };
        let bar = round4(kth);
        (bar, bar - 2e-4)
    } else {
        (f64::NEG_INFINITY, f64::NEG_INFINITY)
    };
    let scored: Vec<(f64, usize)> = weights
        .iter()
        .enumerate()
        .filter(|&(_, &w)| w >= floor)
        .map(|(i, &w)| (round4(w), i))
        .filter(|&(score, _)| score >= bar)
        .collect();
    (ranked(scored, &terms, vocab, top), terms)
}

/// The best `top` of `scored` (rounded score, index into `terms`) as
/// key terms: score descending, ties by first use in the article.
fn ranked(
    mut scored: Vec<(f64, usize)>,
    terms: &[TermCount],
    vocab: &FrozenVocab,
    top: usize,
) -> Vec<KeyTerm> {
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| terms[a.1].first.cmp(&terms[b.1].first))
    });
    scored.truncate(top);
    scored
        .into_iter()
        .map(|(score, i)| {
            let t = &terms[i];
            KeyTerm {
                term: vocab.form(t.surface).to_string(),
                stem: vocab.stem(t.stem).to_string(),
                count: t.count,
                score,
            }
        })
        .collect()
}

/// Up to this `top`, [`key_terms`] follows the `top` heaviest weights
/// as it reads them ([`kth_heaviest`]) instead of selecting: most weigh
/// less than the lightest followed, one comparison each.
const FOLLOWED_TOP: usize = 16;

/// The `k`th heaviest of `weights` (1 <= `k` <= [`FOLLOWED_TOP`], `k` <
/// `weights.len()`; weights are positive and finite, as [`weight`]'s
/// are): the `k` heaviest met so far are kept lightest first, a weight
/// heavier than the first taking its place and moving up.
pub(super) fn kth_heaviest(weights: &[f64], k: usize) -> f64 {
    let mut best = [f64::NEG_INFINITY; FOLLOWED_TOP];
    let best = &mut best[..k];
    for &w in weights {
        if w > best[0] {
            let mut i = 1;
            while i < k && best[i] < w {
                best[i - 1] = best[i];
                i += 1;
            }
            best[i - 1] = w;
        }
    }
    best[0]
}

/// The `k`th heaviest of `weights` (1 <= `k` < `weights.len()`;
/// positive, as [`weight`]'s are, so they order as their bits do),
/// selected among their bits: what [`key_terms`] takes for a `top` past
/// [`FOLLOWED_TOP`].
pub(super) fn kth_selected(weights: &[f64], k: usize) -> f64 {
    let mut bits: Vec<u64> = weights.iter().map(|w| w.to_bits()).collect();
    let at = bits.len() - k;
    f64::from_bits(*bits.select_nth_unstable(at).1)
}

/// [`key_terms`] as it was before it rounded only the contenders: every
/// weight rounded, then the best kept. Tests compare the two.
#[cfg(test)]
pub(super) fn key_terms_rounding_all(
    packed: &Packed,
    stats: &CorpusStats,
    vocab: &FrozenVocab,
    top: usize,
) -> Vec<KeyTerm> {
    let terms: Vec<TermCount> = packed.terms().collect();
    let mut scored: Vec<(f64, usize)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (round4(weight(stats, t, &FACTORS)), i))
        .collect();
    keep_top_scores(&mut scored, top);
    ranked(scored, &terms, vocab, top)
}

/// The `top` key phrases of an article (its whole packed counts): count
/// and the mean idf of their words, longer phrases favoured a little; a
/// phrase found only inside a longer chosen one is dropped.
pub fn key_phrases(
    packed: &Packed,
    stats: &CorpusStats,
    top: usize,
) -> Vec<KeyPhrase> {
    let mut scored: Vec<(f64, &str, u32)> = packed
        .phrase_sums(|s| stats.idf(s))
        .map(|(text, count, len, idf_sum)| {
            let n = len.max(1) as f64;
            let idf = idf_sum / n;
            let score = f64::from(count).ln_1p() * idf * n.sqrt();
            (round4(score), text, count)
        })
        .collect();
    scored.sort_by(|a, b| by_score_then_text((a.0, a.1), (b.0, b.1)));
    let mut kept: Vec<KeyPhrase> = Vec::with_capacity(top);
    for (score, text, count) in scored {
        if kept.len() == top {
            break;
        }
        let inside_longer = kept
            .iter()
            .any(|k| k.count >= count && contains_words(&k.phrase, text));
        let holds_kept = kept
            .iter()
            .any(|k| count <= k.count && contains_words(text, &k.phrase));
        if !inside_longer && !holds_kept {
            kept.push(KeyPhrase {
                phrase: text.to_string(),
                count,
                score,
            });
        }
    }
    kept
}

/// Whether `needle` is a run of whole words of `hay`: some occurrence,
/// among those `str::match_indices` gives (left to right, without
/// overlap), has no letter or digit right before or after it. Phrases
/// are short: a byte search beats building a substring searcher.
pub(super) fn contains_words(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = memchr::memchr(first, &h[from..]) {
        let i = from + at;
        if !h[i..].starts_with(n) {
            from = i + 1;
            continue;
        }
        // `first` starts a char of `needle`, so `i` and the end of the
        // match are char boundaries of `hay`.
        let before = hay[..i].chars().next_back();
        let after = hay[i + n.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
        {
            return true;
        }
        from = i + n.len();
    }
    false
}
