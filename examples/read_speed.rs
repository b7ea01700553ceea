//! Pass 1 of a run alone, on one thread: read + decode, parse (the
//! format's extractor), then mark sections and hash the line keys, per
//! input format, in MB/s of input bytes (issue 16: reading, decoding and
//! parsing at ≥ 150 MB/s per thread).
//!
//! `cargo run --release --example read_speed -- [--rounds N] DIR...`
//!
//! Each stage runs over every file of a format before the next, and is
//! timed as a whole in CPU time of this thread (Linux's
//! `/proc/thread-self/schedstat`; wall time elsewhere), so that a loaded
//! machine, which makes the thread wait for a core, changes the figures
//! little. Each figure is the median of `N` rounds (5). Put the inputs on
//! tmpfs (or read them once before) so that the disk is not measured.

use std::path::PathBuf;
use std::time::Instant;

use billet::sections;
use billet::source::{self, Format, InputFile};

/// The allocator the `billet` binary ships with (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FORMATS: [(Format, &str); 4] = [
    (Format::Text, "txt"),
    (Format::Markdown, "md"),
    (Format::Html, "html"),
    (Format::Wordpress, "xml"),
];

/// Seconds of CPU this thread has used (of wall time since `start` when
/// the kernel does not say).
fn cpu_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

/// One round over the files of one format: seconds per stage, bytes and
/// articles.
fn round(files: &[&InputFile], start: Instant) -> ([f64; 3], usize, usize) {
    let t0 = cpu_seconds(start);
    let decoded: Vec<(source::Decoded, Format)> = files
        .iter()
        .filter_map(|f| Some((source::read_text(&f.path).ok()?, f.format)))
        .collect();
    let t1 = cpu_seconds(start);
    let extracted: Vec<source::Extracted> = decoded
        .iter()
        .filter_map(|(d, format)| source::extract(&d.text, *format))
        .collect();
    let t2 = cpu_seconds(start);
    let mut articles = 0;
    for entry in extracted.into_iter().flat_map(|e| e.entries) {
        let mut parsed = entry.parsed;
        if parsed.blocks.is_empty() {
            continue;
        }
        sections::mark_sections(&mut parsed);
        std::hint::black_box(sections::block_keys(&parsed));
        articles += 1;
    }
    let t3 = cpu_seconds(start);
    let bytes = decoded.iter().map(|d| d.0.bytes).sum();
    ([t1 - t0, t2 - t1, t3 - t2], bytes, articles)
}

fn main() {
    let mut rounds = 5usize;
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("--rounds N");
        } else {
            inputs.push(a.into());
        }
    }
    if inputs.is_empty() {
        inputs.push("corpus".into());
    }
    let start = Instant::now();
    let walk = source::walk(&inputs, None);
    println!(
        "| format | files | articles | MB | read + decode | parse | sections + line keys | all three |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let (mut all_bytes, mut all_seconds) = (0usize, 0.0);
    for (format, name) in FORMATS {
        let files: Vec<&InputFile> =
            walk.files.iter().filter(|f| f.format == format).collect();
        if files.is_empty() {
            continue;
        }
        let mut stages: [Vec<f64>; 4] = Default::default();
        let (mut bytes, mut articles) = (0, 0);
        for _ in 0..rounds {
            let (s, b, a) = round(&files, start);
            for (k, t) in s.iter().enumerate() {
                stages[k].push(*t);
            }
            stages[3].push(s.iter().sum());
            (bytes, articles) = (b, a);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let mb = bytes as f64 / 1e6;
        let m: Vec<f64> = stages.iter_mut().map(median).collect();
        println!(
            "| {name} | {} | {articles} | {mb:.1} | {:.0} MB/s | {:.0} MB/s | {:.0} MB/s | **{:.0} MB/s** |",
            files.len(),
            mb / m[0],
            mb / m[1],
            mb / m[2],
            mb / m[3],
        );
        all_bytes += bytes;
        all_seconds += m[3];
    }
    println!(
        "all formats: {:.1} MB at {:.0} MB/s (one thread, CPU time, median of {rounds} rounds)",
        all_bytes as f64 / 1e6,
        all_bytes as f64 / 1e6 / all_seconds
    );
}
