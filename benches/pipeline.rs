//! Throughput of billet's stages on French prose, beside three baselines
//! measured in the same run: `split_whitespace` (a floor), the naive
//! loop that issue "throughput" compares against (UAX #29 words,
//! `to_lowercase`, stem every token with rust-stemmers, count in a
//! `HashMap`), and tantivy's bare French analyzer (SimpleTokenizer,
//! RemoveLongFilter(40) as tantivy's own analyzers have, LowerCaser,
//! French StopWordFilter, French Stemmer).
//!
//! Run with `cargo bench --bench pipeline`; each group reports MB/s
//! (`Throughput::Bytes`). The input is our own bundled corpus, fixed at
//! compile time.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The allocator the `billet` binary ships with (src/main.rs), so the
/// pipeline is measured as it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use billet::questions::{self, SentenceRef};
use billet::source::{BlockKind, Format, Parsed, Section, parse};
use billet::stem::{FormCache, Vocab};
use billet::{
    Context, Scratch, analyze_document, sections, sentence, tokenize,
};

/// Posts of our own corpus, as (text, format).
const POSTS: &[(&str, Format)] = &[
    (
        include_str!("../corpus/carnet/2023/budget-familial.txt"),
        Format::Text,
    ),
    (
        include_str!("../corpus/carnet/2023/pate-a-pain.md"),
        Format::Markdown,
    ),
    (
        include_str!("../corpus/carnet/2024/reunion-d-equipe.txt"),
        Format::Text,
    ),
    (
        include_str!("../corpus/carnet/2024/teletravail.md"),
        Format::Markdown,
    ),
    (
        include_str!("../corpus/notes/jardin-partage.txt"),
        Format::Text,
    ),
    (
        include_str!("../corpus/notes/club-de-lecture.txt"),
        Format::Text,
    ),
    (
        include_str!("../corpus/carnet/2023/velo-en-ville.md"),
        Format::Markdown,
    ),
    (
        include_str!("../corpus/notes/randonnee-presqu-ile.txt"),
        Format::Text,
    ),
];

fn input_bytes() -> u64 {
    POSTS.iter().map(|(t, _)| t.len() as u64).sum()
}

fn parsed_posts() -> Vec<Parsed> {
    POSTS
        .iter()
        .map(|(text, format)| {
            let mut p = parse(text, *format);
            sections::mark_sections(&mut p);
            p
        })
        .collect()
}

/// Tokens in all posts' prose, for the in-bench sanity check.
fn count_tokens(posts: &[Parsed]) -> usize {
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let mut n = 0;
    for p in posts {
        for b in &p.blocks {
            sentences.clear();
            sentence::split_into(p.block_text(b), b.start, &mut sentences);
            for s in &sentences {
                tokens.clear();
                tokenize::tokenize_into(s.text, s.start, &mut tokens);
                n += tokens.len();
            }
        }
    }
    n
}

fn baselines(c: &mut Criterion) {
    let mut g = c.benchmark_group("baseline");
    g.throughput(Throughput::Bytes(input_bytes()));
    g.bench_function("split_whitespace", |b| {
        b.iter(|| {
            let n: usize = POSTS
                .iter()
                .map(|(t, _)| black_box(t).split_whitespace().count())
                .sum();
            assert!(n > 4000);
            n
        })
    });
    let stemmer = Stemmer::create(Algorithm::French);
    g.bench_function("naive_loop", |b| {
        b.iter(|| {
            let mut counts: HashMap<String, u32> = HashMap::new();
            for (text, _) in POSTS {
                for word in black_box(text).unicode_words() {
                    let lower = word.to_lowercase();
                    let stem = stemmer.stem(&lower).into_owned();
                    *counts.entry(stem).or_default() += 1;
                }
            }
            assert!(counts.len() > 1000);
            counts.len()
        })
    });
    // tantivy's bare French analyzer, as a search engine would run it.
    let mut analyzer = tantivy::tokenizer::TextAnalyzer::builder(
        tantivy::tokenizer::SimpleTokenizer::default(),
    )
    .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
    .filter(tantivy::tokenizer::LowerCaser)
    .filter(
        tantivy::tokenizer::StopWordFilter::new(
            tantivy::tokenizer::Language::French,
        )
        .expect("tantivy has French stopwords"),
    )
    .filter(tantivy::tokenizer::Stemmer::new(
        tantivy::tokenizer::Language::French,
    ))
    .build();
    g.bench_function("tantivy_analyzer", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (text, _) in POSTS {
                let mut stream = analyzer.token_stream(black_box(text));
                while stream.advance() {
                    n += 1;
                }
            }
            assert!(n > 2000);
            n
        })
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let posts = parsed_posts();
    let expected_tokens = count_tokens(&posts);
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(input_bytes()));
    g.bench_function("parse_and_sections", |b| {
        b.iter(|| {
            let n: usize = POSTS
                .iter()
                .map(|(text, format)| {
                    let mut p = parse(black_box(text), *format);
                    sections::mark_sections(&mut p);
                    p.blocks.len()
                })
                .sum();
            n
        })
    });
    g.bench_function("sentences_tokens", |b| {
        b.iter(|| {
            let n = count_tokens(black_box(&posts));
            assert_eq!(n, expected_tokens);
            n
        })
    });
    // Question detection alone, on the body sentences the pipeline would
    // hand it (issue "questions": at most 15% of whole analysis).
    let question_input: Vec<(Option<&str>, Vec<SentenceRef<'_>>)> = posts
        .iter()
        .map(|p| {
            let mut refs = Vec::new();
            for (i, b) in p.blocks.iter().enumerate() {
                if b.section != Section::Body || b.kind == BlockKind::Title {
                    continue;
                }
                for s in sentence::sentences(p.block_text(b), b.start) {
                    refs.push(SentenceRef {
                        text: s.text,
                        line: i as u32,
                        list_item: b.kind == BlockKind::ListItem,
                        heading: b.kind == BlockKind::Heading,
                    });
                }
            }
            (p.meta.title.as_deref(), refs)
        })
        .collect();
    g.bench_function("questions", |b| {
        b.iter(|| {
            let total: u32 = black_box(&question_input)
                .iter()
                .map(|(title, refs)| questions::analyze(*title, refs).total)
                .sum();
            assert!(total > 20);
            total
        })
    });
    let ctx = Context::default();
    let mut cache = FormCache::new();
    let vocab = Vocab::new();
    g.bench_function("tokens_stems", |b| {
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        b.iter(|| {
            let mut n = 0;
            for p in black_box(&posts) {
                for block in &p.blocks {
                    sentences.clear();
                    sentence::split_into(
                        p.block_text(block),
                        block.start,
                        &mut sentences,
                    );
                    for s in &sentences {
                        tokens.clear();
                        tokenize::tokenize_into(s.text, s.start, &mut tokens);
                        for t in &tokens {
                            let info = cache.lookup_token(
                                t.text,
                                &ctx.stopwords,
                                &vocab,
                            );
                            n += usize::from(info.form != u32::MAX);
                        }
                    }
                }
            }
            assert_eq!(n, expected_tokens);
            n
        })
    });
    g.finish();
}

fn whole_article(c: &mut Criterion) {
    let ctx = Context::default();
    let mut scratch = Scratch::default();
    let mut g = c.benchmark_group("article");
    g.throughput(Throughput::Bytes(input_bytes()));
    // Warm the lazily built tables and the worker's form cache first, as
    // a long run would have them.
    for (text, format) in POSTS {
        let mut p = parse(text, *format);
        sections::mark_sections(&mut p);
        analyze_document(&p, &ctx, &mut scratch);
    }
    g.bench_function("whole_analysis", |b| {
        b.iter(|| {
            let mut words = 0;
            for (text, format) in POSTS {
                let mut p = parse(black_box(text), *format);
                sections::mark_sections(&mut p);
                let a = analyze_document(&p, &ctx, &mut scratch);
                words += a.counts.words;
            }
            assert!(words > 4000);
            words
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = baselines, stages, whole_article
}
criterion_main!(benches);
