//! billet as a library, without its command line: analyse a folder of
//! posts into an output folder, then read one article back.
//!
//! `cargo run --release --example analyze -- corpus /tmp/billet-out`
//! (defaults: `corpus` and a temporary folder).

use std::path::PathBuf;

use billet::{AnalyzeOptions, Progress};

/// Prints the files that fail, and nothing else (no progress bar).
struct Report;

impl Progress for Report {
    fn message(&self, text: &str) {
        eprintln!("analyze example: {text}");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "corpus".into()));
    let temporary = tempfile::tempdir()?;
    let out = args
        .next()
        .map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);

    let options = AnalyzeOptions {
        top: 5,
        ..AnalyzeOptions::new(vec![input], &out)
    };
    let summary = billet::analyze(&options, &Report)?;
    println!(
        "{} articles ({} failed) in {:.2} s → {}",
        summary.articles,
        summary.failed,
        summary.seconds,
        out.display()
    );

    // The first article of articles.jsonl, with its key terms.
    let jsonl = std::fs::read_to_string(out.join("articles.jsonl"))?;
    if let Some(line) = jsonl.lines().next() {
        let article: serde_json::Value = serde_json::from_str(line)?;
        let terms: Vec<&str> = article["key_terms"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["term"].as_str())
            .collect();
        println!("{}: {}", article["id"], terms.join(", "));
    }
    Ok(())
}
