//! Similar articles from tagging's pass over the articles' terms: when
//! the corpus has tags, `billet analyze` takes similar's vectors from
//! the pass that builds tagging's (one read of every article's terms
//! instead of two). Every vector, and so every similar article and
//! score, must be the one similar's own pass gives, bit for bit.

use billet::corpus::{
    self, CorpusStats, Doc, Packed, SimilarSeed, counted_vector_of,
    vector_from_seed, vector_of,
};
use billet::normalize::Stopwords;
use billet::tags::tag_corpus_seeding;
use billet::terms::TermCount;
use proptest::prelude::*;

/// An article as its (stem, count) list and its tags (numbers).
type Article = (Vec<(u32, u32)>, Vec<u8>);

/// Articles from (stem, count) lists and tag lists; stems are named
/// `w<stem>`.
fn corpus(articles: &[Article]) -> (Vec<Doc>, usize) {
    let mut stems = 0;
    let docs = articles
        .iter()
        .enumerate()
        .map(|(i, (terms, tags))| {
            let mut seen = std::collections::BTreeMap::new();
            for &(stem, count) in terms {
                seen.entry(stem).or_insert(count);
                stems = stems.max(stem as usize + 1);
            }
            let terms: Vec<TermCount> = seen
                .into_iter()
                .enumerate()
                .map(|(first, (stem, count))| TermCount {
                    stem,
                    count,
                    surface: stem,
                    first: first as u32,
                    zones: 0,
                })
                .collect();
            let mut doc = Doc {
                id: format!("article-{i}"),
                packed: Packed::pack(&terms, &[]),
                ..Doc::default()
            };
            doc.meta.tags = tags.iter().map(|t| format!("tag {t}")).collect();
            doc
        })
        .collect();
    (docs, stems)
}

/// Tagging's seed for `docs` (they have tags).
fn seed_of(docs: &[Doc], stats: &CorpusStats, stems: usize) -> SimilarSeed {
    let names: Vec<String> = (0..stems).map(|s| format!("w{s}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let (_, seed, ()) = tag_corpus_seeding(
        docs,
        stats,
        &names,
        &Stopwords::french(),
        |_| false,
        |_| (),
    );
    seed.expect("a tagged corpus leaves a seed")
}

/// Articles of 1 to 80 terms over 120 stems (so that some stems are in
/// one article only and some articles hold more terms than either
/// vector keeps), counts up to 400 (past both log tables), 0 to 2 tags
/// of 4.
fn articles() -> impl Strategy<Value = Vec<Article>> {
    let terms = prop::collection::vec(
        (0u32..120, prop_oneof![8 => 1u32..4, 1 => 1u32..400]),
        1..80,
    );
    let tags = prop::collection::vec(0u8..4, 0..3);
    prop::collection::vec((terms, tags), 2..24)
        .prop_filter("some article is tagged", |a| {
            a.iter().any(|(_, t)| !t.is_empty())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Each seeded vector is the vector similar's own pass finds, with
    /// its terms of one article left out, bit for bit, and the seed
    /// gives every article's (none falls back on reading its terms).
    #[test]
    fn seeded_vectors_are_similars_own(articles in articles()) {
        let (docs, stems) = corpus(&articles);
        let stats = CorpusStats::build(&docs, stems);
        let seed = seed_of(&docs, &stats, stems);
        prop_assert_eq!(seed.terms.len(), docs.len());
        for (a, doc) in docs.iter().enumerate() {
            let own: Vec<(u32, u64)> = vector_of(doc, &stats)
                .iter()
                .filter(|&&(s, _)| stats.df[s as usize] > 1)
                .map(|&(s, w)| (s, w.to_bits()))
                .collect();
            let seeded = vector_from_seed(&seed.terms.pairs(a).collect::<Vec<_>>(), seed.norms[a], &stats);
            prop_assert!(seeded.is_some(), "article {} fell back", a);
            let seeded: Vec<(u32, u64)> = seeded
                .unwrap()
                .iter()
                .map(|&(s, w)| (s, w.to_bits()))
                .collect();
            prop_assert_eq!(seeded, own, "article {}", a);
            // Similar's own pass keeps counts too: the same bits again.
            let all: Vec<(u32, u64)> =
                vector_of(doc, &stats).iter().map(|&(s, w)| (s, w.to_bits())).collect();
            let counted: Vec<(u32, u64)> = counted_vector_of(doc, &stats)
                .iter()
                .map(|&(s, w)| (s, w.to_bits()))
                .collect();
            prop_assert_eq!(counted, all, "article {}", a);
        }
        // And so the same similar articles and scores.
        prop_assert_eq!(
            corpus::similar_seeded(&docs, &stats, seed),
            corpus::similar(&docs, &stats)
        );
    }
}

/// A seed without a norm for a vector that has terms is not trusted:
/// the article's vector is read from its terms instead, and the similar
/// articles stay the same.
#[test]
fn a_seed_without_a_norm_is_not_used() {
    let articles: Vec<Article> = (0..6u32)
        .map(|i| {
            let terms = (0..10).map(|k| ((i + k) % 12, 1 + k % 3)).collect();
            (terms, vec![(i % 2) as u8])
        })
        .collect();
    let (docs, stems) = corpus(&articles);
    let stats = CorpusStats::build(&docs, stems);
    let mut seed = seed_of(&docs, &stats, stems);
    assert!(seed.norms[0].1 != 0);
    let first: Vec<_> = seed.terms.pairs(0).collect();
    assert!(vector_from_seed(&first, seed.norms[0], &stats).is_some());
    seed.norms[0].0 = 0.0;
    assert!(vector_from_seed(&first, seed.norms[0], &stats).is_none());
    assert_eq!(
        corpus::similar_seeded(&docs, &stats, seed),
        corpus::similar(&docs, &stats)
    );
}

/// Tagging's and similar's vectors are made a window of articles at a
/// time on the workers: past the first windows, each article still gets
/// its own vector (an article and its copy 300 further are each other's
/// most similar, at 1), and the seed still gives similar's own.
#[test]
fn articles_past_a_window_keep_their_own_vectors() {
    let mut state = 7u64;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        ((state >> 33) % n) as u32
    };
    let firsts: Vec<Article> = (0..300)
        .map(|i| {
            let terms = (0..12).map(|_| (next(400), 1 + next(3))).collect();
            (terms, vec![(i % 3) as u8])
        })
        .collect();
    let articles: Vec<Article> =
        firsts.iter().chain(&firsts).cloned().collect();
    let (docs, stems) = corpus(&articles);
    let stats = CorpusStats::build(&docs, stems);
    let seed = seed_of(&docs, &stats, stems);
    for (a, doc) in docs.iter().enumerate() {
        let own: Vec<(u32, f64)> = vector_of(doc, &stats)
            .iter()
            .copied()
            .filter(|&(s, _)| stats.df[s as usize] > 1)
            .collect();
        let pairs: Vec<(u32, u32)> = seed.terms.pairs(a).collect();
        let seeded = vector_from_seed(&pairs, seed.norms[a], &stats);
        assert_eq!(seeded.as_deref(), Some(&own[..]), "article {a}");
    }
    let similar = corpus::similar(&docs, &stats);
    for (a, found) in similar.iter().enumerate() {
        let twin = (a + 300) % 600;
        assert_eq!(found.first(), Some(&(twin as u32, 1.0)), "article {a}");
    }
    assert_eq!(corpus::similar_seeded(&docs, &stats, seed), similar);
}
