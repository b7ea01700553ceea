//! Fuzz target: arbitrary bytes → decode → parse as every format →
//! sections → `analyze_document`. Nothing may panic, loop forever or
//! blow up memory, whatever the bytes.

#![no_main]

use billet::source::{self, Format};
use billet::{Context, Scratch, analyze_document, sections};
use libfuzzer_sys::fuzz_target;
use rustc_hash::FxHashSet;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = source::decode(data.to_vec()) else {
        return;
    };
    let ctx = Context::default();
    let mut scratch = Scratch::default();
    for format in [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Wordpress,
    ] {
        let Some(extracted) = source::extract(&decoded.text, format) else {
            continue;
        };
        for entry in extracted.entries {
            let mut parsed = entry.parsed;
            for block in &parsed.blocks {
                // Blocks are in bounds and on character boundaries.
                let _ = parsed.block_text(block);
            }
            sections::mark_sections(&mut parsed);
            // Every other line taken for corpus boilerplate, so that
            // path runs too.
            let corpus_lines: FxHashSet<u64> = sections::line_keys(&parsed)
                .into_iter()
                .step_by(2)
                .collect();
            sections::mark_boilerplate(&mut parsed, &corpus_lines);
            let analysis = analyze_document(&parsed, &ctx, &mut scratch);
            assert_eq!(
                analysis.questions.total,
                analysis.questions.direct + analysis.questions.indirect
            );
        }
    }
});
