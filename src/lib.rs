//! billet: French blog posts → JSON summaries for search indexes.
//!
//! The library runs the whole analysis; the `billet` binary only turns
//! its command line into the option structs below and prints what the
//! library returns. Modules in pipeline order, each importing only
//! modules above it (`tests/layout.rs` reads this list: it fails on an
//! import back up, on an import circle, and on a module left out;
//! docs/architecture.md says where each stage lives):
//!
//! ```text
//! limits     bounds every stage agrees on (the largest file read)
//! error      one failed input (path, kind); a run-level FatalError
//! outdir/    output folders and files as transactions: one writer
//!            (a lock), staged beside, swapped in whole (docs/integrity.md)
//! chars      letters and digits of French text, accents folded
//! entities   HTML character references (&amp;), as html5ever reads them
//! normalize  lower case, ’ → ', NFC, stopwords, simplified text
//! meta       front matter, dates, plain-text conventions → Meta
//! source/    walk, read & decode; text, markdown, html/, wordpress/
//!            → Parsed { meta, prose text, blocks }
//! sections   body / teasers / signature / boilerplate over Parsed
//! sentence   blocks → sentences            (borrowed, byte offsets)
//! tokenize   sentences → tokens             (elision, hyphens, numbers)
//! questions/ question forms, direct and indirect, reader prompts
//! output/    the JSON contract: types of every output file, their JSON,
//!            files written whole
//! schema     JSON Schemas of the output files, the format version
//! series/    title markers, sequel promises, grouping into series
//! stem       Snowball French, once per distinct form per worker
//! terms      per-article stem and phrase counts
//! analysis   one article → Analysis (counts, questions, sequel promise)
//! id         article ids: sanitised, unique
//! corpus/    document frequencies, key terms and phrases, related and
//!            similar articles (the only global step)
//! shard      mergeable corpus statistics (`billet stats`)
//! tags/      the corpus's tags, suggested tags, their evaluation
//! run/       a whole run: read, analyse, corpus pass, write the output
//! search/    articles.jsonl → embedded tantivy index, queries, export
//! report/    an output folder → one self-contained HTML page
//! ```
//!
//! Everything per article runs in parallel (rayon); the corpus pass is
//! the only global step.
//!
//! A whole run, as `billet analyze posts --out billet-out` does it:
//!
//! ```
//! use billet::{AnalyzeOptions, Silent};
//!
//! let posts = tempfile::tempdir()?;
//! std::fs::write(
//!     posts.path().join("compost.txt"),
//!     "Le compost\n\nFaites-vous du compost ? Le compost nourrit le \
//!      jardin.\n",
//! )?;
//! let out = tempfile::tempdir()?;
//! let options = AnalyzeOptions::new(vec![posts.path().into()], out.path());
//! let summary = billet::analyze(&options, &Silent)?;
//! assert_eq!((summary.articles, summary.failed), (1, 0));
//! let article = out.path().join("articles/compost.json");
//! let json = std::fs::read_to_string(article)?;
//! assert!(json.contains("\"direct\": 1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! One article in memory, without files ([`analyze_document`]):
//!
//! ```
//! use billet::{Context, Scratch, analyze_document};
//! use billet::source::{Format, parse};
//!
//! let mut doc = parse(
//!     "Le compost ?\n\nFaites-vous du compost ? Le compost nourrit le \
//!      jardin, et le compost réduit les déchets.\n",
//!     Format::Text,
//! );
//! billet::sections::mark_sections(&mut doc);
//! let ctx = Context::default();
//! let mut scratch = Scratch::default();
//! let analysis = analyze_document(&doc, &ctx, &mut scratch);
//! assert_eq!(analysis.questions.direct, 1);
//! assert!(analysis.counts.terms.iter().any(|t| t.count == 4));
//! ```

#![deny(missing_docs)]

pub mod analysis;
pub mod chars;
pub mod corpus;
mod entities;
pub mod error;
pub mod id;
pub mod limits;
pub mod meta;
pub mod normalize;
pub mod outdir;
pub mod output;
pub mod questions;
pub mod report;
pub mod run;
pub mod schema;
pub mod search;
pub mod sections;
pub mod sentence;
pub mod series;
pub mod shard;
pub mod source;
pub mod stem;
pub mod tags;
pub mod terms;
pub mod tokenize;

pub use crate::analysis::{
    Analysis, Context, Figures, Scratch, analyze_document, count_blocks,
};
pub use crate::error::{Error, ErrorKind, FatalError};
pub use crate::outdir::Wait;
pub use crate::run::{
    AnalyzeOptions, EvalTagsOptions, Progress, Silent, StatsOptions, Summary,
    TagEvaluation, analyze, cache_path, count_stats, eval_tags,
};
pub use crate::search::{ExportOptions, IndexOptions, SearchOptions};
