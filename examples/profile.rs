//! Runs whole-article analysis over the bundled corpus in a loop, for
//! profilers (perf, callgrind): `cargo run --release --example profile`.

use billet::source::{Format, parse};
use billet::{Context, Scratch, analyze_document, sections};

/// The allocator the `billet` binary ships with (src/main.rs), so the
/// pipeline is measured as it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut posts = Vec::new();
    for entry in walkdir::WalkDir::new("corpus").sort_by_file_name() {
        let entry = entry.expect("corpus/ is readable");
        let Some(format) = Format::of(entry.path()) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8 post");
        posts.push((text, format));
    }
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let ctx = Context::default();
    let mut scratch = Scratch::default();
    let mut words = 0u64;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for (text, format) in &posts {
            let mut p = parse(text, *format);
            sections::mark_sections(&mut p);
            words += u64::from(
                analyze_document(&p, &ctx, &mut scratch).counts.words,
            );
        }
    }
    let bytes: usize = posts.iter().map(|p| p.0.len()).sum::<usize>() * rounds;
    let secs = start.elapsed().as_secs_f64();
    eprintln!("{words} words, {:.1} MB/s", bytes as f64 / 1e6 / secs);
}
