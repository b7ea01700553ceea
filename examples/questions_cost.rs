//! Runs the question stage alone, in a loop, on the body sentences the
//! pipeline would hand it, for callgrind's instruction counts (issue 21:
//! the stage's cost per MB must stay within 10 %):
//!
//! ```text
//! cargo build --release --example questions_cost
//! valgrind --tool=callgrind --toggle-collect='billet::questions::*' \
//!     target/release/examples/questions_cost [DIR] [ROUNDS]
//! ```
//!
//! DIR defaults to `corpus` (the posts `benches/pipeline.rs` reads, and
//! a few more); the stage runs unhinted, as in `stage/questions`.

use billet::questions::{self, SentenceRef};
use billet::source::{BlockKind, Format, Section, parse};
use billet::{sections, sentence};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "corpus".to_owned());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let mut posts = Vec::new();
    let mut bytes = 0usize;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("the folder is readable");
        let Some(format) = Format::of(entry.path()) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if format == Format::Wordpress {
            continue;
        }
        bytes += text.len();
        let mut p = parse(&text, format);
        sections::mark_sections(&mut p);
        posts.push(p);
    }
    let inputs: Vec<(Option<&str>, Vec<SentenceRef<'_>>)> = posts
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
    let mut total = 0u64;
    for _ in 0..rounds {
        for (title, refs) in &inputs {
            total += u64::from(
                questions::analyze(*title, std::hint::black_box(refs)).total,
            );
        }
    }
    println!(
        "{} posts, {bytes} bytes, {rounds} rounds, {total} questions",
        posts.len()
    );
}
