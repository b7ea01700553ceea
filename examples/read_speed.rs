//! Pass 1 of a run alone, on one thread: read + decode, parse (the
//! format's extractor), then mark sections and hash the line keys, per
//! input format, in MB/s of input bytes (issue 16: reading, decoding and
//! parsing at ≥ 150 MB/s per thread).
//!
//! `cargo run --release --example read_speed -- [--rounds N] DIR...`
//!
//! Every file is read `N` times (5); each format's figure is the median
//! of the rounds. Put the inputs on tmpfs (or read them once before) so
//! that the disk is not what is measured.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use billet::sections;
use billet::source::{self, Format};

/// The allocator the `billet` binary ships with (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FORMATS: [(Format, &str); 4] = [
    (Format::Text, "txt"),
    (Format::Markdown, "md"),
    (Format::Html, "html"),
    (Format::Wordpress, "xml"),
];

/// Time spent per stage in one round, for one format.
#[derive(Clone, Copy, Default)]
struct Split {
    read: Duration,
    parse: Duration,
    sections: Duration,
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
    let walk = source::walk(&inputs, None);
    let slot = |f: Format| FORMATS.iter().position(|x| x.0 == f).unwrap();
    let mut bytes = [0usize; 4];
    let mut files = [0usize; 4];
    let mut articles = [0usize; 4];
    let mut per_round: Vec<[Split; 4]> = Vec::new();
    for round in 0..rounds {
        let mut split = [Split::default(); 4];
        for file in &walk.files {
            let k = slot(file.format);
            let t0 = Instant::now();
            let Ok(decoded) = source::read_text(&file.path) else {
                continue;
            };
            let t1 = Instant::now();
            let extracted = source::extract(&decoded.text, file.format);
            let t2 = Instant::now();
            let mut n = 0;
            for entry in extracted.into_iter().flat_map(|e| e.entries) {
                let mut parsed = entry.parsed;
                if parsed.blocks.is_empty() {
                    continue;
                }
                sections::mark_sections(&mut parsed);
                std::hint::black_box(sections::block_keys(&parsed));
                n += 1;
            }
            let t3 = Instant::now();
            split[k].read += t1 - t0;
            split[k].parse += t2 - t1;
            split[k].sections += t3 - t2;
            if round == 0 {
                bytes[k] += decoded.bytes;
                files[k] += 1;
                articles[k] += n;
            }
        }
        per_round.push(split);
    }
    println!(
        "| format | files | articles | MB | read + decode | parse | sections + line keys | all three |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut all = (0usize, Vec::new());
    for (k, (_, name)) in FORMATS.iter().enumerate() {
        if files[k] == 0 {
            continue;
        }
        let mb = bytes[k] as f64 / 1e6;
        let rate = |f: &dyn Fn(&Split) -> Duration| {
            let mut s: Vec<f64> =
                per_round.iter().map(|r| f(&r[k]).as_secs_f64()).collect();
            s.sort_by(f64::total_cmp);
            mb / s[s.len() / 2]
        };
        println!(
            "| {name} | {} | {} | {mb:.1} | {:.0} MB/s | {:.0} MB/s | {:.0} MB/s | **{:.0} MB/s** |",
            files[k],
            articles[k],
            rate(&|s| s.read),
            rate(&|s| s.parse),
            rate(&|s| s.sections),
            rate(&|s| s.read + s.parse + s.sections),
        );
        all.0 += bytes[k];
    }
    all.1 = per_round
        .iter()
        .map(|r| {
            r.iter()
                .map(|s| (s.read + s.parse + s.sections).as_secs_f64())
                .sum::<f64>()
        })
        .collect::<Vec<f64>>();
    all.1.sort_by(f64::total_cmp);
    println!(
        "all formats: {:.1} MB at {:.0} MB/s (one thread, median of {rounds} rounds)",
        all.0 as f64 / 1e6,
        all.0 as f64 / 1e6 / all.1[all.1.len() / 2]
    );
}
