//! The per-article analysis: one parsed post, its sections marked →
//! sentences, tokens, stem and phrase counts, questions, sequel promise
//! ([`Analysis`]). Runs on every worker at once: [`Context`] holds the
//! read-only tables all share, [`Scratch`] one worker's form cache and
//! buffers, reused from one article to the next.
//!
//! Title and body feed the counts; questions and sequel promises come
//! from the body only. The corpus pass ([`crate::corpus`]) turns the
//! counts into scores once every article is analysed.

use std::mem::take;

use crate::normalize::Stopwords;
use crate::questions::{self, Questions, SentenceRef};
use crate::sentence::{self, Sentence};
use crate::series;
use crate::source::{Block, BlockKind, Parsed, Section};
use crate::stem::{self, Vocab};
use crate::terms::{Counter, Counts, zone};

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

/// What an [`Analysis`] leaves in a [`crate::corpus::Doc`] once its
/// terms, phrases and question sentences are packed
/// ([`crate::corpus::Doc::pack`]): the figures every article of the
/// corpus holds until it is written, without the empty vectors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Words (numbers included, elided articles not).
    pub words: u32,
    /// Content words (the article's length for BM25).
    pub content_words: u32,
    /// Sentences in the title and body.
    pub sentences: u32,
    /// Characters in the title and body.
    pub chars: u32,
    /// The questions of the body, their sentences packed.
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
    if let Some(description) = &doc.meta.description {
        scratch.counter.mark_zone(
            description,
            zone::DESCRIPTION,
            &ctx.stopwords,
            &ctx.vocab,
        );
    }
    // Where the author sums the post up: title, headings, and the first
    // paragraph (the lead), whose words weigh more as key terms.
    let mut lead_seen = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.section != Section::Body {
            continue;
        }
        scratch.counter.set_zone(match block.kind {
            BlockKind::Title => zone::TITLE,
            BlockKind::Heading => zone::HEADING,
            BlockKind::Paragraph if !lead_seen => {
                lead_seen = true;
                zone::LEAD
            }
            _ => 0,
        });
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
            heading: block.kind == BlockKind::Heading,
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
