//! Times the search index on ~10 000 articles: indexing throughput
//! (articles/s, bodies re-read from their files included) and query
//! latency (p50/p99 over 1 000 queries, with and without snippets).
//!
//! ```sh
//! cargo run --release --example search_bench -- [WORKDIR] [SIZE_MB]
//! ```
//!
//! WORKDIR (default `/tmp/billet-search-bench`) gets `posts/`, written
//! by `python3 benches/gen_corpus.py WORKDIR/posts SIZE_MB` (default 55
//! MB, about 10 000 posts, only our own corpus's text) unless it is
//! there, and `out/`, the analysis, unless `out/articles.jsonl` is
//! there. Queries are drawn (deterministically) from the articles' own
//! key terms and phrases: one word, two words, a quoted phrase, a word
//! with a tag, series or `questions:` filter, and a few that find
//! nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use billet::search::{IndexOptions, SearchIndex, SearchOptions, build_index};
use billet::{AnalyzeOptions, Silent};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const QUERIES: usize = 1_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let work = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/tmp/billet-search-bench".to_string()),
    );
    let size_mb = args.next().unwrap_or_else(|| "55".to_string());
    let posts = work.join("posts");
    let out = work.join("out");
    if !posts.exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("benches/gen_corpus.py");
        let status = Command::new("python3")
            .arg(script)
            .arg(&posts)
            .arg(&size_mb)
            .status()
            .expect("python3 runs");
        assert!(status.success(), "gen_corpus.py failed");
    }
    if !out.join("articles.jsonl").exists() {
        let options = AnalyzeOptions::new(vec![posts.clone()], &out);
        billet::analyze(&options, &Silent).expect("analysis runs");
    }

    // Indexing: best of 3 (the first run also warms the file cache).
    let mut best = Duration::MAX;
    let mut summary = None;
    for _ in 0..3 {
        let started = Instant::now();
        let s = build_index(&out, &IndexOptions::default(), &Silent)
            .expect("index");
        best = best.min(started.elapsed());
        summary = Some(s);
    }
    let summary = summary.expect("ran");
    assert_eq!(
        summary.with_body, summary.articles,
        "{:?}",
        summary.warnings
    );
    let n = summary.articles;
    println!(
        "indexing: {n} articles ({} with body) in {:.2} s: {:.0} articles/s \
         (best of 3)",
        summary.with_body,
        best.as_secs_f64(),
        n as f64 / best.as_secs_f64()
    );
    let size: u64 = std::fs::read_dir(&summary.path)
        .expect("index folder")
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("index size: {:.1} MB", size as f64 / 1e6);

    let queries = queries(&out);
    let index = SearchIndex::open(&out).expect("open");
    let top10 = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    // Warm the page cache and lazy tables.
    for q in queries.iter().take(50) {
        index.search(q, &top10).expect("query");
    }
    let mut hits = 0usize;
    let with_snippets = time_all(&queries, |q| {
        hits += index.search(q, &top10).expect("query").len();
    });
    let ids_only = time_all(&queries, |q| {
        index.search_ids(q, &top10).expect("query");
    });
    println!(
        "queries: {} over {n} articles, top 10, {:.1} hits on average",
        queries.len(),
        hits as f64 / queries.len() as f64
    );
    report("with snippets", &with_snippets);
    report("ids and scores only", &ids_only);
    // Typo tolerance is the costly path: the same terms with two
    // neighbouring letters swapped, and the same with `--exact`.
    let typos = typo_queries(&queries);
    let typo_times = time_all(&typos, |q| {
        index.search(q, &top10).expect("query");
    });
    let exact = SearchOptions {
        exact: true,
        ..top10
    };
    let exact_times = time_all(&queries, |q| {
        index.search(q, &exact).expect("query");
    });
    report(
        &format!("{} typo queries, with snippets", typos.len()),
        &typo_times,
    );
    report("--exact, with snippets", &exact_times);
}

/// The one- and two-word queries of `queries` with two neighbouring
/// letters of their longest word swapped (never the first letter).
fn typo_queries(queries: &[String]) -> Vec<String> {
    queries
        .iter()
        .filter(|q| !q.contains([':', '"']))
        .filter_map(|q| {
            let words: Vec<&str> = q.split(' ').collect();
            let (at, longest) = words
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| w.chars().count())?;
            let mut chars: Vec<char> = longest.chars().collect();
            let i = (1..chars.len().checked_sub(1)?)
                .find(|&i| chars[i] != chars[i + 1])?;
            chars.swap(i, i + 1);
            let mut words: Vec<String> =
                words.iter().map(|w| w.to_string()).collect();
            words[at] = chars.into_iter().collect();
            Some(words.join(" "))
        })
        .collect()
}

fn time_all(queries: &[String], mut f: impl FnMut(&str)) -> Vec<Duration> {
    let mut times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let started = Instant::now();
            f(q);
            started.elapsed()
        })
        .collect();
    times.sort_unstable();
    times
}

fn report(what: &str, times: &[Duration]) {
    let at = |p: f64| {
        let i = ((times.len() as f64 * p).ceil() as usize).max(1) - 1;
        times[i].as_secs_f64() * 1e3
    };
    let mean = times.iter().sum::<Duration>().as_secs_f64() * 1e3
        / times.len() as f64;
    println!(
        "  {what}: p50 {:.3} ms, p99 {:.3} ms, mean {mean:.3} ms, max {:.3} ms",
        at(0.50),
        at(0.99),
        at(1.0)
    );
}

/// 1 000 queries from the articles' own key terms, phrases, tags and
/// series.
fn queries(out: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(out.join("articles.jsonl"))
        .expect("articles.jsonl");
    let (mut terms, mut phrases, mut tags, mut series) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().step_by(7) {
        let a: serde_json::Value = serde_json::from_str(line).expect("JSON");
        for t in a["key_terms"].as_array().into_iter().flatten().take(3) {
            terms.push(t["term"].as_str().unwrap_or_default().to_string());
        }
        if let Some(p) = a["key_phrases"][0]["phrase"].as_str() {
            phrases.push(p.to_string());
        }
        if let Some(t) = a["tags"][0].as_str() {
            tags.push(t.to_string());
        }
        if let Some(s) = a["series"]["key"].as_str() {
            series.push(s.to_string());
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..QUERIES)
        .map(|i| match i % 10 {
            0..=3 => rng.pick(&terms).clone(),
            4 | 5 => format!("{} {}", rng.pick(&terms), rng.pick(&terms)),
            6 => format!("\"{}\"", rng.pick(&phrases)),
            7 if !tags.is_empty() => {
                format!("{} tag:\"{}\"", rng.pick(&terms), rng.pick(&tags))
            }
            8 if !series.is_empty() => {
                format!("series:{} {}", rng.pick(&series), rng.pick(&terms))
            }
            9 if i % 50 == 9 => "xylophone quasar".to_string(),
            _ => format!("{} questions:>2", rng.pick(&terms)),
        })
        .collect()
}
