//! `billet stats`: what scoring needs of every article of a shard,
//! counted by the same two passes as `billet analyze` and written to a
//! stats file ([`crate::shard`]) that `billet stats --merge` joins and
//! `billet analyze --stats` scores against.

use std::time::Instant;

use rayon::prelude::*;

use super::pass::{per_file, with_scratch};
use super::read::{Caching, Loaded, entries_of, read_inputs};
use super::spill::Spill;
use super::{Progress, StatsOptions, Summary};
use crate::analysis::{Context, count_blocks};
use crate::corpus;
use crate::error::{Error, FatalError};
use crate::shard;
use crate::source::{BlockKind, InputFile, Parsed, Section};
use crate::terms::{Counts, TermCount};

/// Runs `billet stats`: counts what scoring needs of every article of
/// the inputs and writes it to the stats file `options.out`.
pub fn count_stats(
    options: &StatsOptions,
    progress: &dyn Progress,
) -> Result<Summary, FatalError> {
    let started = Instant::now();
    // Locked before counting: a second run on the same file learns at
    // once that it is busy.
    let file = shard::create(
        &options.out,
        options.wait,
        &|| progress.cancelled(),
        &mut |holder| super::say_waiting(progress, &options.out, holder),
    )?;
    let mut front = read_inputs(
        &options.inputs,
        options.jobs,
        &options.stopwords,
        None,
        None,
        progress,
        Caching::Off,
    )?;
    let sinks = vec![(); front.walk.files.len()];
    let spill = std::mem::take(&mut front.spill);
    let counted = per_file(&mut front, sinks, |_, file, loaded, ctx, ()| {
        count_file(file, loaded, &spill, ctx)
    })?;
    let mut pending = Vec::with_capacity(counted.len());
    let mut failed = front.walk.errors.len();
    let mut bytes = 0u64;
    for (f, result) in counted.into_iter().enumerate() {
        match result {
            Ok(Some((file_articles, n))) => {
                bytes += n as u64;
                pending.extend(file_articles.into_iter().map(|a| (f, a)));
            }
            Ok(None) => {}
            Err(err) => {
                progress.message(&err.to_string());
                failed += 1;
            }
        }
    }
    let vocab = std::mem::take(&mut front.ctx.vocab).freeze();
    let stems = |terms: &corpus::Packed| -> Vec<(String, u32)> {
        let mut t: Vec<(u32, u32)> = Vec::with_capacity(terms.term_count());
        terms
            .terms()
            .for_each(|term| t.push((vocab.stable(term.stem), term.count)));
        // Stable ids are in stem order.
        t.sort_unstable();
        t.into_iter()
            .map(|(s, n)| (vocab.stem(s).to_string(), n))
            .collect()
    };
    let header = shard::Header::new(
        &options.stopwords_id,
        pending.len() as u64,
        failed as u64,
    );
    let n = pending.len();
    let files = &front.walk.files;
    shard::write(
        file,
        &header,
        pending.into_iter().map(|(f, a)| shard::ArticleLine {
            id: shard::Identity {
                path: shard::path_key(&files[f].path),
                source: files[f].source.to_string(),
                entry: a.entry,
                slug: a.meta.slug,
                title: a.meta.title,
                series: a.meta.series,
                series_part: a.meta.series_part,
                date: a.meta.date,
                tags: a.meta.tags,
                title_stems: stems(&a.title)
                    .into_iter()
                    .map(|t| t.0)
                    .collect(),
            },
            text: shard::hex(a.text_hash),
            words: a.base.0,
            terms: stems(&a.base.1),
            lines: a
                .lines
                .into_iter()
                .map(|(key, words, terms)| shard::LineLine {
                    key: shard::hex(key),
                    words,
                    terms: stems(&terms),
                })
                .collect(),
        }),
        &|| progress.cancelled(),
    )?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(Summary {
        articles: n,
        failed,
        ignored: front.ignored,
        bytes,
        seconds,
        from_cache: 0,
    })
}

/// What `billet stats` keeps of one article until the stems are known.
struct Counted {
    entry: Option<String>,
    meta: crate::meta::Meta,
    text_hash: u64,
    /// Content words and terms of the title and the blocks that are
    /// never boilerplate.
    base: (u32, corpus::Packed),
    /// Content words and terms of each short line that may be
    /// boilerplate, by key.
    lines: Vec<(u64, u32, corpus::Packed)>,
    /// The terms of the title, as `billet analyze` marks them.
    title: corpus::Packed,
}

/// The content words and terms (packed: a shard's articles wait in
/// memory until the vocabulary is known) of a count.
fn compact(counts: Counts) -> (u32, corpus::Packed) {
    let terms: Vec<TermCount> = counts
        .terms
        .into_iter()
        .map(|t| TermCount { surface: 0, ..t })
        .collect();
    (counts.content_words, corpus::Packed::pack(&terms, &[]))
}

/// `billet stats`' pass 2 for one file: each article's counts, split
/// between the blocks that are never boilerplate and each short line.
fn count_file(
    file: &InputFile,
    loaded: Loaded,
    spill: &Spill,
    ctx: &Context,
) -> Result<Vec<Counted>, Error> {
    let entries = entries_of(file, loaded, spill)?;
    // The articles of one file (a WordPress export) are spread over the
    // workers too.
    Ok(entries
        .into_par_iter()
        .map(|(entry, parsed, _related, keys)| {
            count_entry(file, entry, parsed, &keys, ctx)
        })
        .collect())
}

/// [`count_file`] for one article.
fn count_entry(
    file: &InputFile,
    entry: Option<String>,
    mut parsed: Parsed,
    keys: &[Option<u64>],
    ctx: &Context,
) -> Counted {
    {
        if parsed.meta.date.is_none() {
            parsed.meta.date = crate::meta::date_from_file_name(&file.source);
        }
        crate::meta::split_jekyll_tags(&mut parsed.meta, &file.source);
        // A body block with a key is boilerplate if the corpus repeats it
        // (what `sections::mark_boilerplate` does); count it apart.
        let may_go = |i: usize| {
            parsed.blocks[i].section == Section::Body && keys[i].is_some()
        };
        let base = compact(with_scratch(|scratch| {
            count_blocks(
                &parsed,
                |i, b| b.section == Section::Body && !may_go(i),
                ctx,
                scratch,
            )
        }));
        let mut distinct: Vec<u64> = keys.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let mut lines = Vec::with_capacity(distinct.len());
        for key in distinct {
            let this = |i: usize| may_go(i) && keys[i] == Some(key);
            let (words, terms) = if (0..keys.len()).any(this) {
                compact(with_scratch(|scratch| {
                    count_blocks(&parsed, |i, _| this(i), ctx, scratch)
                }))
            } else {
                (0, corpus::Packed::default())
            };
            lines.push((key, words, terms));
        }
        let title = compact(with_scratch(|scratch| {
            count_blocks(
                &parsed,
                |_, b| {
                    b.section == Section::Body && b.kind == BlockKind::Title
                },
                ctx,
                scratch,
            )
        }))
        .1;
        Counted {
            entry,
            title,
            text_hash: shard::text_hash(&parsed.text),
            meta: parsed.meta,
            base,
            lines,
        }
    }
}
