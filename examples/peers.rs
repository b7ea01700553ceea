//! The two peers `benches/e2e.sh` times beside `billet analyze`, as a
//! user would run them on a folder of posts: every file billet reads
//! (`.txt`, `.md`, `.markdown`, `.html`, `.htm`, `.xml`, hidden entries
//! skipped) read whole, its words counted on one thread.
//!
//! - `tantivy`: tantivy's French analyzer as a search engine runs it
//!   (SimpleTokenizer, RemoveLongFilter(40), LowerCaser, French
//!   StopWordFilter, French Stemmer), each stem counted in an FxHashMap
//!   (a fast map: the peer is not slowed down on purpose).
//! - `naive`: the loop anyone writes first: UAX #29 words
//!   (`unicode_words`), `to_lowercase`, Snowball French on every token,
//!   a std `HashMap<String, u32>`.
//!
//! Neither parses front matter, Markdown or HTML, marks sections, finds
//! questions or writes anything: they are floors, not equivalents.
//!
//! `cargo run --release --example peers -- tantivy|naive DIR...` prints
//! `files=… bytes=… tokens=… distinct=…` on stdout.

use std::collections::HashMap;
use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer,
};
use unicode_segmentation::UnicodeSegmentation;

/// The allocator of the `billet` binary, so that neither side wins by
/// its allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a peer counted.
#[derive(Default)]
struct Tally {
    files: usize,
    bytes: usize,
    tokens: usize,
    distinct: usize,
}

/// Calls `each` with the text of every post file under `roots`, in name
/// order (files that are not UTF-8 are read lossily).
fn for_each_post(roots: &[String], mut each: impl FnMut(&str)) -> Tally {
    let mut tally = Tally::default();
    for root in roots {
        let walk = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_name().as_encoded_bytes().starts_with(b".")
            });
        for entry in walk {
            let entry = entry.expect("the input folder is readable");
            if !entry.file_type().is_file() || !is_post(entry.path()) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).expect("a readable file");
            tally.files += 1;
            tally.bytes += bytes.len();
            match String::from_utf8(bytes) {
                Ok(text) => each(&text),
                Err(e) => each(&String::from_utf8_lossy(e.as_bytes())),
            }
        }
    }
    tally
}

fn is_post(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        ext.as_deref(),
        Some("txt" | "md" | "markdown" | "html" | "htm" | "xml")
    )
}

fn tantivy_peer(roots: &[String]) -> Tally {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(
            StopWordFilter::new(Language::French)
                .expect("tantivy has French stopwords"),
        )
        .filter(tantivy::tokenizer::Stemmer::new(Language::French))
        .build();
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let mut tokens = 0;
    let mut tally = for_each_post(roots, |text| {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            tokens += 1;
            let term = &stream.token().text;
            match counts.get_mut(term) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(term.clone(), 1);
                }
            }
        }
    });
    tally.tokens = tokens;
    tally.distinct = counts.len();
    tally
}

fn naive_peer(roots: &[String]) -> Tally {
    let stemmer = Stemmer::create(Algorithm::French);
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut tokens = 0;
    let mut tally = for_each_post(roots, |text| {
        for word in text.unicode_words() {
            tokens += 1;
            let lower = word.to_lowercase();
            let stem = stemmer.stem(&lower).into_owned();
            *counts.entry(stem).or_default() += 1;
        }
    });
    tally.tokens = tokens;
    tally.distinct = counts.len();
    tally
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: peers tantivy|naive DIR...";
    let (peer, roots) = args.split_first().expect(usage);
    assert!(!roots.is_empty(), "{usage}");
    let tally = match peer.as_str() {
        "tantivy" => tantivy_peer(roots),
        "naive" => naive_peer(roots),
        _ => panic!("{usage}"),
    };
    println!(
        "files={} bytes={} tokens={} distinct={}",
        tally.files, tally.bytes, tally.tokens, tally.distinct
    );
}
