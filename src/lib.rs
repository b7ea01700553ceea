//! billet: French blog posts → JSON summaries for search indexes.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//! source   read & decode (UTF-8/BOM/UTF-16/Windows-1252, NFC, LF)
//!   └ text / markdown   parse → Parsed { meta, prose text, blocks }
//! meta       front matter, plain-text conventions
//! sections   body / teasers / signature / boilerplate
//! sentence   blocks → sentences            (borrowed, byte offsets)
//! tokenize   sentences → tokens             (elision, hyphens, numbers)
//! normalize  lower case, ’ → ', stopwords
//! stem       Snowball French, once per distinct form per worker
//! terms      per-article stem and phrase counts
//! questions  question patterns
//! series     title markers, sequel announcements
//! corpus     document frequencies, boilerplate lines, series, related
//!            and similar articles, scoring (the only global step)
//! shard      mergeable corpus statistics (`billet stats`)
//! output     JSON types and atomic writers
//! run        the two parallel passes and the corpus pass, end to end
//! search     articles.jsonl → embedded tantivy index, queries, bulk export
//! ```
//!
//! Everything per article runs in parallel (rayon); the corpus pass is the
//! only global step.
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

pub mod chars;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod id;
pub mod limits;
pub mod meta;
pub mod normalize;
pub mod output;
pub mod questions;
pub mod run;
pub mod search;
pub mod sections;
pub mod sentence;
pub mod series;
pub mod shard;
pub mod source;
pub mod stem;
pub mod terms;
pub mod tokenize;

pub use crate::cli::Config;
pub use crate::error::{Error, ErrorKind, FatalError};
pub use crate::run::{Summary, run};

use crate::normalize::Stopwords;
use std::mem::take;

use crate::questions::{Questions, SentenceRef};
use crate::sentence::Sentence;
use crate::source::{Block, BlockKind, Parsed, Section};
use crate::stem::Vocab;
use crate::terms::{Counter, Counts};

/// Read-only tables shared by every worker.
#[derive(Debug)]
pub struct Context {
    /// The stopword list in force.
    pub stopwords: Stopwords,
    /// The run's forms and stems.
    pub vocab: Vocab,
}

impl Default for Context {
    fn default() -> Context {
        Context {
            stopwords: Stopwords::french(),
            vocab: Vocab::new(),
        }
    }
}

/// One worker's reusable state: its form cache and buffers.
#[derive(Debug, Default)]
pub struct Scratch {
    counter: Counter,
    /// Buffers of [`analyze_document`], kept empty between documents so
    /// that their allocations serve the next one ([`recycle`]).
    sentences: Vec<Sentence<'static>>,
    question_refs: Vec<SentenceRef<'static>>,
    may_trigger: Vec<bool>,
    block_triggers: Vec<bool>,
}

/// Empties `v` and hands its allocation back as a vector of `U`, a type
/// of the same layout: a buffer of borrowed items (`Sentence<'a>`) kept
/// across documents as `Sentence<'static>`. Collecting an empty
/// `vec::IntoIter` through `map` reuses its allocation in place.
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// What one article yields before the corpus pass.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Stem and phrase counts of the title and body.
    pub counts: Counts,
    /// Sentences in the title and body.
    pub sentences: u32,
    /// Characters in the title and body.
    pub chars: u32,
    /// The questions of the body.
    pub questions: Questions,
    /// Whether the body promises a sequel.
    pub announces_next: bool,
}

/// Counts the stems and phrases of the blocks of `doc` that `which`
/// selects, whatever their section: what [`analyze_document`] counts for
/// them, without sentences, questions or sequel announcements. (`billet
/// stats` counts each short line of an article on its own.)
pub fn count_blocks(
    doc: &Parsed,
    which: impl Fn(usize, &Block) -> bool,
    ctx: &Context,
    scratch: &mut Scratch,
) -> Counts {
    let mut sentences = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        if !which(index, block) {
            continue;
        }
        sentences.clear();
        sentence::split_into(
            doc.block_text(block),
            block.start,
            &mut sentences,
        );
        for s in &sentences {
            scratch.counter.add_sentence_text(
                &doc.text,
                s.text,
                s.start,
                &ctx.stopwords,
                &ctx.vocab,
            );
        }
        scratch.counter.take_flags();
    }
    scratch.counter.finish(&doc.text)
}

/// Analyses one parsed post whose sections are marked: sentences,
/// tokens, counts, questions. Title and body feed the counts; questions
/// and sequel announcements come from the body only.
pub fn analyze_document(
    doc: &Parsed,
    ctx: &Context,
    scratch: &mut Scratch,
) -> Analysis {
    let mut sentences: Vec<Sentence<'_>> =
        recycle(take(&mut scratch.sentences));
    let mut question_refs: Vec<SentenceRef<'_>> =
        recycle(take(&mut scratch.question_refs));
    // Per question sentence: whether a token may introduce an indirect
    // question (flag::TRIGGER), which spares questions a byte scan.
    let mut may_trigger = take(&mut scratch.may_trigger);
    let mut block_triggers = take(&mut scratch.block_triggers);
    may_trigger.clear();
    let mut n_sentences = 0u32;
    let mut chars = 0usize;
    let mut announces_next = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.section != Section::Body {
            continue;
        }
        let block_text = doc.block_text(block);
        chars += block_text.chars().count();
        sentences.clear();
        sentence::split_into(block_text, block.start, &mut sentences);
        n_sentences += sentences.len() as u32;
        block_triggers.clear();
        for s in &sentences {
            let flags = scratch.counter.add_sentence_text(
                &doc.text,
                s.text,
                s.start,
                &ctx.stopwords,
                &ctx.vocab,
            );
            block_triggers.push(flags & stem::flag::TRIGGER != 0);
        }
        let flags = scratch.counter.take_flags();
        if block.kind == BlockKind::Title {
            continue;
        }
        if flags & stem::flag::SEQUEL != 0 && !announces_next {
            announces_next = series::announces_next(block_text);
        }
        question_refs.extend(sentences.iter().map(|s| SentenceRef {
            text: s.text,
            line: index as u32,
            list_item: block.kind == BlockKind::ListItem,
        }));
        may_trigger.extend_from_slice(&block_triggers);
    }
    let questions = questions::analyze_hinted(
        doc.meta.title.as_deref(),
        &question_refs,
        &may_trigger,
    );
    scratch.sentences = recycle(sentences);
    scratch.question_refs = recycle(question_refs);
    scratch.may_trigger = may_trigger;
    scratch.block_triggers = block_triggers;
    Analysis {
        counts: scratch.counter.finish(&doc.text),
        sentences: n_sentences,
        chars: chars as u32,
        questions,
        announces_next,
    }
}
