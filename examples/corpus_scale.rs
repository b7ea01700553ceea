//! Times the corpus pass (document frequencies, series, related and
//! similar articles) on N synthetic articles, to check that it stays
//! near-linear: `cargo run --release --example corpus_scale -- 10000 100000`.
//!
//! Articles get ~300 distinct stems drawn from a Zipf-like law over a
//! 50 000-stem vocabulary, the shape of real French blog text.

use std::time::Instant;

use billet::Analysis;
use billet::corpus::{self, CorpusStats, Doc};
use billet::terms::{Counts, TermCount};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Zipf-like: small ids are much more frequent.
    fn stem(&mut self, vocab: u32) -> u32 {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((vocab as f64).powf(u) as u32).min(vocab - 1)
    }
}

fn docs(n: usize) -> Vec<Doc> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let mut terms: Vec<TermCount> = (0..300)
                .map(|_| TermCount {
                    stem: rng.stem(50_000),
                    count: 1 + (rng.next() % 5) as u32,
                    ..TermCount::default()
                })
                .collect();
            terms.sort_by_key(|t| t.stem);
            terms.dedup_by_key(|t| t.stem);
            let mut doc = Doc {
                id: format!("article-{i:07}"),
                source: format!("{i}.txt").into(),
                ..Doc::default()
            };
            doc.meta.title = Some(if i % 10 == 0 {
                format!("Série {} partie {}", i / 30, i % 3 + 1)
            } else {
                format!("Titre {i}")
            });
            doc.related = vec![format!("Titre {}", i / 2)].into();
            doc.pack(Analysis {
                counts: Counts {
                    content_words: terms.iter().map(|t| t.count).sum(),
                    terms,
                    ..Counts::default()
                },
                ..Analysis::default()
            });
            doc
        })
        .collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    for n in sizes {
        let docs = docs(n);
        let t = Instant::now();
        let stats = CorpusStats::build(&docs, 50_000);
        let t_stats = t.elapsed();
        let (series, _) = corpus::find_series(&docs);
        let t_series = t.elapsed();
        let related = corpus::link_related(&docs);
        let t_related = t.elapsed();
        let similar = corpus::similar(&docs, &stats);
        let t_similar = t.elapsed();
        println!(
            "{n} articles: stats {:.2?}, series {:.2?} ({} series), related \
             {:.2?} ({} links), similar {:.2?} ({} lists); total {:.2?}",
            t_stats,
            t_series - t_stats,
            series.len(),
            t_related - t_series,
            related.iter().map(|r| r.len()).sum::<usize>(),
            t_similar - t_related,
            similar.iter().filter(|s| !s.is_empty()).count(),
            t_similar
        );
    }
}
