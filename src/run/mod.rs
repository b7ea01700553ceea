//! A whole `billet analyze` run: walk → pass 1 (read, parse, collect line
//! keys) → corpus boilerplate → pass 2 (analyse each article) → corpus
//! pass → write every output atomically.
//!
//! Both per-article passes run on rayon with one [`Scratch`] per worker.
//! Pass 1 keeps parsed posts in memory up to [`KEEP_BYTES`] of text; past
//! that, pass 2 reads them again, so memory stays bounded on any corpus.
//! Results are collected in input order, so the output never depends on
//! which thread finished first.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Once, OnceLock};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::cli::Config;
use crate::corpus::{self, CorpusStats, Doc};
use crate::error::{Error, ErrorKind, FatalError};
use crate::id::{self, UniqueIds};
use crate::output::{self, Article, CorpusReport, ErrorLine, Links, Stats};
use crate::source::{self, InputFile, Parsed, Section};
use crate::stem::FrozenVocab;
use crate::terms::{Counts, TermCount};
use crate::{
    Context, Scratch, analyze_document, count_blocks, sections, series, shard,
};

/// Parsed text kept between the two passes, at most.
pub const KEEP_BYTES: usize = 256 << 20;
/// Words read per minute, for `reading_minutes`.
const WORDS_PER_MINUTE: f64 = 230.0;

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Articles written.
    pub articles: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Files of other kinds, skipped.
    pub ignored: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// Pass 1's result for one file.
struct Loaded {
    entries: Vec<LoadedEntry>,
    bytes: usize,
    /// Items of the file that are not articles (WordPress pages…).
    skipped: usize,
}

/// Pass 1's result for one article of a file.
struct LoadedEntry {
    key: Option<String>,
    /// The parsed article with its sections marked, unless the memory
    /// budget was spent: pass 2 then reads the file again.
    parsed: Option<Parsed>,
    related: Vec<String>,
    /// Keys of its lines that may be boilerplate.
    lines: Vec<u64>,
}

/// Set by Ctrl-C: workers skip what is left and the run stops before
/// writing, or between two files while writing.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

fn install_interrupt_handler() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Without a handler Ctrl-C still kills the run, and atomic writes
        // still leave only whole files; the handler lets us say so.
        let _ =
            ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed));
    });
}

/// What the reading pass (pass 1) leaves for the rest of a run.
struct Front {
    walk: source::Walk,
    pool: rayon::ThreadPool,
    bar: ProgressBar,
    ctx: Context,
    loaded: Vec<Result<Option<Loaded>, Error>>,
    /// In how many articles each short line occurs.
    line_docs: FxHashMap<u64, u32>,
    /// Articles read.
    n_loaded: usize,
    ignored: usize,
    skipped: usize,
}

/// Walks the inputs and runs pass 1 on them: read, parse, mark sections,
/// collect the keys of lines that may be boilerplate.
fn read_inputs(
    config: &Config,
    exclude: Option<&Path>,
) -> Result<Front, FatalError> {
    let walk = source::walk(&config.inputs, exclude);
    if walk.files.is_empty() && walk.errors.is_empty() {
        return Err(FatalError::new(format!(
            "no post (.txt, .md, .html, WordPress .xml) found in the inputs \
             ({} other files ignored)",
            walk.ignored
        )));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(|e| {
            FatalError::new(format!("cannot start worker threads: {e}"))
        })?;
    let bar = progress_bar(config.progress, walk.files.len() as u64 * 2);
    for err in &walk.errors {
        bar.suspend(|| eprintln!("billet: {err}"));
    }
    let ctx = Context {
        stopwords: config.stopwords.clone(),
        vocab: crate::stem::Vocab::new(),
    };
    bar.set_message("lecture");
    let kept = AtomicUsize::new(0);
    let loaded: Vec<Result<Option<Loaded>, Error>> = pool.install(|| {
        walk.files
            .par_iter()
            .map(|file| {
                if interrupted() {
                    return Ok(None);
                }
                let result = load(file, &kept);
                bar.inc(1);
                result
            })
            .collect()
    });
    let mut line_docs: FxHashMap<u64, u32> = FxHashMap::default();
    let mut n_loaded = 0;
    let mut ignored = walk.ignored;
    let mut skipped = 0;
    for l in &loaded {
        match l {
            Ok(Some(l)) => {
                skipped += l.skipped;
                for e in &l.entries {
                    n_loaded += 1;
                    for &k in &e.lines {
                        *line_docs.entry(k).or_default() += 1;
                    }
                }
            }
            Ok(None) => ignored += 1,
            Err(_) => {}
        }
    }
    if interrupted() {
        bar.finish_and_clear();
        return Err(FatalError::interrupted(
            "interrupted while reading: nothing was written".to_string(),
        ));
    }
    Ok(Front {
        walk,
        pool,
        bar,
        ctx,
        loaded,
        line_docs,
        n_loaded,
        ignored,
        skipped,
    })
}

/// Pass 2's result for one file: what `each` made of it and the bytes
/// read, `None` when it was skipped.
type FileResult<T> = Result<Option<(T, usize)>, Error>;

thread_local! {
    /// Each worker's [`Scratch`] (its form cache above all), kept for
    /// the whole run: rayon's `map_init` would make one per split, each
    /// with a cold cache.
    static SCRATCH: std::cell::RefCell<Scratch> =
        std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this worker's [`Scratch`]. `f` must not call into rayon
/// (another task run meanwhile on this thread would find it borrowed).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with_borrow_mut(f)
}

/// Pass 2: `each` on every file pass 1 read, in parallel, with the
/// file's `sink` (where it may put its results); results in input
/// order, with the bytes read.
fn per_file<S: Send, T: Send>(
    front: &mut Front,
    sinks: Vec<S>,
    each: impl Fn(usize, &InputFile, Loaded, &Context, S) -> Result<T, Error>
    + Sync,
) -> Result<Vec<FileResult<T>>, FatalError> {
    front.bar.set_message("analyse");
    let loaded = std::mem::take(&mut front.loaded);
    let (files, ctx, bar) = (&front.walk.files, &front.ctx, &front.bar);
    let results = front.pool.install(|| {
        files
            .par_iter()
            .zip(loaded)
            .zip(sinks)
            .enumerate()
            .map(|(f, ((file, loaded), sink))| {
                if interrupted() {
                    return Ok(None);
                }
                let result = match loaded {
                    Ok(Some(l)) => {
                        let bytes = l.bytes;
                        each(f, file, l, ctx, sink).map(|t| Some((t, bytes)))
                    }
                    Ok(None) => Ok(None),
                    Err(err) => Err(err),
                };
                bar.inc(1);
                result
            })
            .collect()
    });
    front.bar.finish_and_clear();
    if interrupted() {
        return Err(FatalError::interrupted(
            "interrupted while analysing: nothing was written".to_string(),
        ));
    }
    Ok(results)
}

/// The corpus pass's results, for the articles being written.
struct Scored {
    /// Statistics in this run's stem ids (the whole corpus's figures).
    stats: CorpusStats,
    series: Vec<output::Series>,
    /// Each article's place in `series`.
    series_refs: Vec<Option<series::SeriesPlace>>,
    related: Vec<Vec<output::Related>>,
    similar: Vec<corpus::SimilarTo>,
    /// Ids of the whole corpus's articles, when scored against a stats
    /// file (`similar` indexes them); else `similar` indexes the run's
    /// own articles.
    whole_ids: Option<Vec<String>>,
    /// Articles of the whole corpus, when scored against a stats file.
    corpus_documents: Option<u32>,
}

/// Runs `billet analyze` as configured.
pub fn run(config: &Config) -> Result<Summary, FatalError> {
    let started = Instant::now();
    install_interrupt_handler();
    let whole = match &config.stats {
        Some(path) => Some(shard::Whole::read(path, &config.stopwords_id)?),
        None => None,
    };
    let out = prepare_out_dir(&config.out, &config.inputs)?;
    let mut steps = output::Steps::default();
    let mut step = Instant::now();
    let mut lap = |t: &mut f64| {
        *t = (step.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        step = Instant::now();
    };
    let mut front = read_inputs(config, Some(&out))?;
    lap(&mut steps.read);
    let boilerplate = match &whole {
        // The whole corpus decides what is boilerplate.
        Some(whole) => {
            let (line_docs, n) = whole.line_counts();
            boilerplate_lines(&line_docs, n)
        }
        None => boilerplate_lines(&front.line_docs, front.n_loaded),
    };
    front.line_docs = FxHashMap::default();

    // Pass 2: analyse each article.
    let line_texts = LineTexts::default();
    // Each article is analysed straight into its place in the corpus
    // (pass 1 counted each file's articles): no second array of
    // articles is ever built, which was the peak of a 1 GB run.
    let counts: Vec<usize> = front
        .loaded
        .iter()
        .map(|l| match l {
            Ok(Some(l)) => l.entries.len(),
            _ => 0,
        })
        .collect();
    let mut slots: Vec<Option<Doc>> = Vec::new();
    slots.resize_with(counts.iter().sum(), || None);
    let mut sinks: Vec<&mut [Option<Doc>]> = Vec::with_capacity(counts.len());
    let mut rest = slots.as_mut_slice();
    for &n in &counts {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(n);
        sinks.push(head);
        rest = tail;
    }
    let analysed =
        per_file(&mut front, sinks, |f, file, loaded, ctx, sink| {
            analyze_file(f, file, loaded, sink, &boilerplate, &line_texts, ctx)
        })?;
    lap(&mut steps.analyse);
    let mut doc_files = Vec::with_capacity(slots.len());
    let mut errors: Vec<Error> = std::mem::take(&mut front.walk.errors);
    let mut bytes = 0u64;
    let mut offset = 0;
    for (f, result) in analysed.into_iter().enumerate() {
        let file = &front.walk.files[f];
        let mine = &mut slots[offset..offset + counts[f]];
        offset += counts[f];
        match result {
            Ok(Some(((), n))) => {
                bytes += n as u64;
                for doc in mine.iter().flatten() {
                    for w in &doc.meta.warnings {
                        eprintln!("billet: {}: {w}", file.path.display());
                    }
                    doc_files.push(f);
                }
            }
            Ok(None) => mine.fill_with(|| None),
            Err(err) => {
                mine.fill_with(|| None);
                eprintln!("billet: {err}");
                errors.push(err);
            }
        }
    }
    // In place: `Option<Doc>` and `Doc` have the same layout, and
    // `filter_map` (unlike `flatten`) reuses the allocation.
    #[allow(clippy::filter_map_identity)]
    let mut docs: Vec<Doc> = slots.into_iter().filter_map(|d| d).collect();

    // The corpus pass.
    let vocab = std::mem::take(&mut front.ctx.vocab).freeze();
    corpus::stabilize_in(&front.pool, &mut docs, &vocab);
    let scored = match &whole {
        None => score_alone(&front.pool, &mut docs, &vocab),
        Some(whole) => {
            let files = &front.walk.files;
            score_against(
                &front.pool,
                whole,
                &boilerplate,
                &mut docs,
                |i| &files[doc_files[i]],
                &vocab,
                &mut errors,
            )
        }
    };
    drop(whole);
    let Scored {
        stats,
        series,
        series_refs,
        related,
        similar,
        whole_ids,
        corpus_documents,
    } = scored;
    let mut corpus_report = CorpusReport {
        documents: docs.len() as u32,
        corpus_documents,
        words: docs
            .iter()
            .map(|d| u64::from(d.analysis.counts.words))
            .sum(),
        distinct_stems: match corpus_documents {
            // The df of the whole corpus, not of these articles.
            Some(_) => distinct_stems(&docs),
            None => stats.df.iter().filter(|&&n| n > 0).count() as u32,
        },
        top_terms: front
            .pool
            .install(|| top_corpus_terms(&docs, &stats, &vocab)),
        boilerplate: boilerplate_report(&docs, line_texts),
        series: series.len() as u32,
        ignored_files: front.ignored as u32,
        skipped_items: front.skipped as u32,
        failed_files: errors.len() as u32,
        failed: errors.iter().map(|e| e.source.clone()).collect(),
        inputs: config
            .inputs
            .iter()
            .map(|i| {
                i.canonicalize()
                    .unwrap_or_else(|_| i.clone())
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
        bytes,
        elapsed_seconds: 0.0,
        steps: output::Steps::default(),
        mb_per_s: 0.0,
    };
    lap(&mut steps.corpus);
    // Each article is built, written and dropped in id order, a chunk at
    // a time, so the JSON of the whole corpus is never held in memory.
    let build = |i: usize| {
        let doc = &docs[i];
        Article {
            id: doc.id.clone(),
            source: doc.source.clone(),
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            date: doc.meta.date.clone(),
            tags: doc.meta.tags.clone(),
            stats: stats_of(doc),
            key_terms: corpus::key_terms(doc, &stats, &vocab, config.top),
            key_phrases: corpus::key_phrases(doc, &stats, config.top),
            questions: doc.questions(),
            series: series_refs[i].map(|place| {
                series::series_ref(&series, place, doc.analysis.announces_next)
            }),
            links: Links {
                related: related[i].clone(),
                similar: similar[i]
                    .iter()
                    .map(|&(b, score)| output::Similar {
                        id: match &whole_ids {
                            Some(ids) => ids[b as usize].clone(),
                            None => docs[b as usize].id.clone(),
                        },
                        score,
                    })
                    .collect(),
            },
        }
    };
    write_outputs(&out, &docs, build, &series, &errors, &front.pool)?;
    lap(&mut steps.write);
    corpus_report.steps = steps;
    let seconds = started.elapsed().as_secs_f64();
    corpus_report.elapsed_seconds = (seconds * 1000.0).round() / 1000.0;
    corpus_report.mb_per_s = if seconds > 0.0 {
        (bytes as f64 / 1e6 / seconds * 100.0).round() / 100.0
    } else {
        0.0
    };
    write(
        &out.join("corpus.json"),
        &output::to_pretty_json(&corpus_report),
    )?;

    let summary = Summary {
        articles: docs.len(),
        failed: errors.len(),
        ignored: front.ignored,
        bytes,
        seconds,
    };
    eprintln!(
        "billet: {} articles, {} failed, {} ignored; {:.2} MB in {:.2} s \
         ({:.1} MB/s) → {}",
        summary.articles,
        summary.failed,
        summary.ignored,
        bytes as f64 / 1e6,
        seconds,
        corpus_report.mb_per_s,
        config.out.display()
    );
    Ok(summary)
}

/// Content stems of the articles, each once.
fn distinct_stems(docs: &[Doc]) -> u32 {
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for d in docs {
        seen.extend(d.packed.terms().map(|t| t.stem));
    }
    seen.len() as u32
}

/// The corpus pass over the run's own articles.
fn score_alone(
    pool: &rayon::ThreadPool,
    docs: &mut [Doc],
    vocab: &FrozenVocab,
) -> Scored {
    assign_ids(docs);
    let stats = CorpusStats::build(docs, vocab.stem_count());
    let docs = &*docs;
    pool.install(|| {
        // Independent of one another: series and related links are
        // mostly one thread's work, which similar articles fill around.
        let (((series, series_refs), related), similar) = rayon::join(
            || {
                rayon::join(
                    || corpus::find_series(docs),
                    || corpus::link_related(docs),
                )
            },
            || corpus::similar(docs, &stats),
        );
        Scored {
            stats,
            series,
            series_refs,
            related,
            similar,
            whole_ids: None,
            corpus_documents: None,
        }
    })
}

/// The corpus pass against a stats file: the run's articles are found
/// in it (an article missing from it, or changed since, becomes an
/// error and is not written), then ids, series, related and similar
/// articles are computed over the whole corpus, exactly as a single run
/// over every shard computes them.
fn score_against<'f>(
    pool: &rayon::ThreadPool,
    whole: &shard::Whole,
    boilerplate: &FxHashSet<u64>,
    docs: &mut Vec<Doc>,
    file_of: impl Fn(usize) -> &'f InputFile,
    vocab: &FrozenVocab,
    errors: &mut Vec<Error>,
) -> Scored {
    let mut index: FxHashMap<(&str, Option<&str>), usize> =
        FxHashMap::default();
    for (g, a) in whole.articles.iter().enumerate() {
        index.insert((a.id.path.as_str(), a.id.entry.as_deref()), g);
    }
    // Each own article's place in the whole corpus.
    let mut place = Vec::with_capacity(docs.len());
    let mut keep = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let file = file_of(i);
        let key = shard::path_key(&file.path);
        let problem = match index.get(&(key.as_str(), doc.entry.as_deref())) {
            None => Some(ErrorKind::NotInStats),
            Some(&g) if whole.articles[g].text != doc.text_hash => {
                Some(ErrorKind::ChangedSinceStats)
            }
            Some(&g) => {
                place.push(g);
                None
            }
        };
        keep.push(problem.is_none());
        if let Some(kind) = problem {
            let err = Error {
                path: file.path.clone(),
                source: file.source.clone(),
                kind,
            };
            eprintln!("billet: {err}");
            // One error per file, however many articles it holds.
            if !errors.iter().any(|e| e.path == err.path) {
                errors.push(err);
            }
        }
    }
    let mut k = keep.iter();
    docs.retain(|_| *k.next().expect("one flag per article"));

    // The whole corpus as the corpus pass sees it.
    let mut global: Vec<Doc> = pool.install(|| {
        (0..whole.articles.len())
            .into_par_iter()
            .map(|g| {
                let a = &whole.articles[g].id;
                let (terms, content_words) =
                    whole.effective_terms(g, boilerplate);
                let mut doc = Doc {
                    source: a.source.clone(),
                    entry: a.entry.clone(),
                    ..Doc::default()
                };
                doc.meta.title = a.title.clone();
                doc.meta.slug = a.slug.clone();
                doc.meta.series = a.series.clone();
                doc.meta.series_part = a.series_part;
                doc.meta.date = a.date.clone();
                doc.analysis.counts.content_words = content_words;
                let terms: Vec<TermCount> = terms
                    .into_iter()
                    .map(|(stem, count)| TermCount {
                        stem,
                        count,
                        surface: 0,
                    })
                    .collect();
                doc.packed = corpus::Packed::pack(&terms, &[]);
                doc
            })
            .collect()
    });
    for (doc, &g) in docs.iter().zip(&place) {
        global[g].related = doc.related.clone();
        global[g].analysis.announces_next = doc.analysis.announces_next;
    }
    assign_ids(&mut global);
    for (doc, &g) in docs.iter_mut().zip(&place) {
        doc.id = global[g].id.clone();
    }
    let whole_stats = CorpusStats::build(&global, whole.stems.len());
    let global = &global;
    let (series, refs, related, similar) = pool.install(|| {
        let (((series, refs), related), similar) = rayon::join(
            || {
                rayon::join(
                    || corpus::find_series(global),
                    || corpus::link_related(global),
                )
            },
            || corpus::similar_of(global, &whole_stats, &place),
        );
        (series, refs, related, similar)
    });
    // The whole corpus's document frequencies, in this run's stem ids.
    let stats = CorpusStats::new(
        whole_stats.documents,
        whole_stats.total_len,
        (0..vocab.stem_count() as u32)
            .map(|s| {
                whole
                    .stem_id(vocab.stem(s))
                    .map_or(0, |g| whole_stats.df[g as usize])
            })
            .collect(),
    );
    Scored {
        stats,
        series,
        series_refs: place.iter().map(|&g| refs[g]).collect(),
        related: place.iter().map(|&g| related[g].clone()).collect(),
        similar,
        whole_ids: Some(global.iter().map(|d| d.id.clone()).collect()),
        corpus_documents: Some(whole_stats.documents),
    }
}

/// Runs `billet stats`: counts what scoring needs of every article of
/// the inputs and writes it to the stats file `config.out`.
pub fn run_stats(config: &Config) -> Result<Summary, FatalError> {
    let started = Instant::now();
    install_interrupt_handler();
    let mut front = read_inputs(config, None)?;
    let sinks = vec![(); front.walk.files.len()];
    let counted = per_file(&mut front, sinks, |_, file, loaded, ctx, ()| {
        count_file(file, loaded, ctx)
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
                eprintln!("billet: {err}");
                failed += 1;
            }
        }
    }
    let vocab = std::mem::take(&mut front.ctx.vocab).freeze();
    let stems = |terms: &corpus::Packed| -> Vec<(String, u32)> {
        let mut t: Vec<(u32, u32)> = terms
            .terms()
            .map(|t| (vocab.stable(t.stem), t.count))
            .collect();
        // Stable ids are in stem order.
        t.sort_unstable();
        t.into_iter()
            .map(|(s, n)| (vocab.stem(s).to_string(), n))
            .collect()
    };
    let header = shard::Header::new(
        &config.stopwords_id,
        pending.len() as u64,
        failed as u64,
    );
    let n = pending.len();
    let files = &front.walk.files;
    shard::write(
        &config.out,
        &header,
        pending.into_iter().map(|(f, a)| shard::ArticleLine {
            id: shard::Identity {
                path: shard::path_key(&files[f].path),
                source: files[f].source.clone(),
                entry: a.entry,
                slug: a.meta.slug,
                title: a.meta.title,
                series: a.meta.series,
                series_part: a.meta.series_part,
                date: a.meta.date,
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
    )?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "billet: {n} articles counted, {failed} failed; {:.2} MB in {:.2} s \
         → {}",
        bytes as f64 / 1e6,
        seconds,
        config.out.display()
    );
    Ok(Summary {
        articles: n,
        failed,
        ignored: front.ignored,
        bytes,
        seconds,
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
    ctx: &Context,
) -> Result<Vec<Counted>, Error> {
    let entries = entries_of(file, loaded)?;
    // The articles of one file (a WordPress export) are spread over the
    // workers too.
    Ok(entries
        .into_par_iter()
        .map(|(entry, parsed, _related)| count_entry(file, entry, parsed, ctx))
        .collect())
}

/// [`count_file`] for one article.
fn count_entry(
    file: &InputFile,
    entry: Option<String>,
    mut parsed: Parsed,
    ctx: &Context,
) -> Counted {
    {
        if parsed.meta.date.is_none() {
            parsed.meta.date = crate::meta::date_from_file_name(&file.source);
        }
        let keys: Vec<Option<u64>> = parsed
            .blocks
            .iter()
            .map(|b| match b.section {
                Section::Body | Section::Boilerplate => {
                    sections::line_key(parsed.block_text(b), b.kind)
                }
                _ => None,
            })
            .collect();
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
        Counted {
            entry,
            text_hash: shard::text_hash(&parsed.text),
            meta: parsed.meta,
            base,
            lines,
        }
    }
}

/// Creates the output folder and checks it: a folder, writable, and not
/// one of the inputs' files. Returns its canonical path.
fn prepare_out_dir(
    out: &Path,
    inputs: &[PathBuf],
) -> Result<PathBuf, FatalError> {
    if out.exists() && !out.is_dir() {
        return Err(FatalError::new(format!(
            "{}: --out exists and is not a folder",
            out.display()
        )));
    }
    std::fs::create_dir_all(out.join("articles")).map_err(|e| {
        FatalError::new(format!(
            "{}: cannot create the output folder: {e}",
            out.display()
        ))
    })?;
    let canonical = out
        .canonicalize()
        .map_err(|e| FatalError::new(format!("{}: {e}", out.display())))?;
    for input in inputs {
        if input.canonicalize().is_ok_and(|i| i == canonical) {
            return Err(FatalError::new(format!(
                "{}: --out cannot be an input folder",
                out.display()
            )));
        }
    }
    tempfile::tempfile_in(&canonical).map_err(|e| {
        FatalError::new(format!(
            "{}: output folder not writable: {e}",
            out.display()
        ))
    })?;
    remove_stale_temps(&canonical);
    remove_stale_temps(&canonical.join("articles"));
    Ok(canonical)
}

/// Removes the temporary files and staging folders (`.billet-*.tmp`,
/// see [`output::write_atomic`] and [`output::ArticleFolder`]) that a
/// run killed while writing left in `dir`, so that they do not pile up.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".billet-") && name.ends_with(".tmp");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if ours && kind.is_file() {
            let _ = std::fs::remove_file(entry.path());
        } else if ours && kind.is_dir() {
            // A staging folder of article files (output::ArticleFolder).
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn progress_bar(wanted: bool, len: u64) -> ProgressBar {
    let on_terminal = std::io::stderr().is_terminal();
    let in_ci = std::env::var_os("CI").is_some();
    if !wanted || !on_terminal || in_ci {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg:8} [{bar:40}] {pos}/{len} ({per_sec}, {eta})",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}

/// Pass 1 for one file: read, parse, mark sections, collect line keys.
/// `Ok(None)`: the file is not of a kind billet reads after all.
fn load(
    file: &InputFile,
    kept: &AtomicUsize,
) -> Result<Option<Loaded>, Error> {
    let Some((entries, bytes, skipped)) = read_and_extract(file)? else {
        return Ok(None);
    };
    let entries = entries
        .into_iter()
        .map(|(key, parsed, related)| {
            let lines = sections::line_keys(&parsed);
            let size = parsed.text.len();
            let keep =
                kept.fetch_add(size, Ordering::Relaxed) + size <= KEEP_BYTES;
            LoadedEntry {
                key,
                parsed: keep.then_some(parsed),
                related,
                lines,
            }
        })
        .collect();
    Ok(Some(Loaded {
        entries,
        bytes,
        skipped,
    }))
}

/// An article of a file: its key in the file, the parsed article with
/// its sections marked, and the titles of its teasers.
type MarkedEntry = (Option<String>, Parsed, Vec<String>);

/// Reads a file and extracts its articles, sections marked. `Ok(None)`
/// when the file is not of a kind billet reads.
fn read_and_extract(
    file: &InputFile,
) -> Result<Option<(Vec<MarkedEntry>, usize, usize)>, Error> {
    let fail = |kind| Error {
        path: file.path.clone(),
        source: file.source.clone(),
        kind,
    };
    let decoded = source::read_text(&file.path).map_err(fail)?;
    let Some(extracted) = source::extract(&decoded.text, file.format) else {
        return Ok(None);
    };
    let mut skipped = extracted.skipped;
    let one_article = extracted.entries.len() == 1;
    let mut entries = Vec::with_capacity(extracted.entries.len());
    for entry in extracted.entries {
        let mut parsed = entry.parsed;
        if parsed.blocks.is_empty() {
            if one_article {
                return Err(fail(ErrorKind::Empty));
            }
            skipped += 1;
            continue;
        }
        if let Some(w) = &decoded.warning {
            parsed.meta.warnings.push(w.clone());
        }
        let related = sections::mark_sections(&mut parsed);
        entries.push((entry.key, parsed, related));
    }
    Ok(Some((entries, decoded.bytes, skipped)))
}

/// Lines in enough articles to be boilerplate: in at least 3 articles
/// when the corpus is small, and in at least 1 in 50 beyond 150
/// articles, so that a common short sentence of a large corpus is not
/// taken for site furniture.
fn boilerplate_lines(
    line_docs: &FxHashMap<u64, u32>,
    docs: usize,
) -> FxHashSet<u64> {
    let threshold = (docs as u32 / 50).max(3);
    line_docs
        .iter()
        .filter(|&(_, &n)| n >= threshold)
        .map(|(&k, _)| k)
        .collect()
}

/// The articles of a file pass 1 read, parsed and marked: kept from
/// pass 1, or read again when the memory budget was spent.
fn entries_of(
    file: &InputFile,
    loaded: Loaded,
) -> Result<Vec<MarkedEntry>, Error> {
    if loaded.entries.iter().all(|e| e.parsed.is_some()) {
        Ok(loaded
            .entries
            .into_iter()
            .filter_map(|e| e.parsed.map(|p| (e.key, p, e.related)))
            .collect())
    } else {
        Ok(read_and_extract(file)?.map(|x| x.0).unwrap_or_default())
    }
}

/// The text of each boilerplate line as first seen in input order (file
/// index, article index), gathered during pass 2 so that articles keep
/// only keys.
#[derive(Debug, Default)]
struct LineTexts(std::sync::Mutex<FxHashMap<u64, FirstSeen>>);

/// Where a line was first seen (file index, article index), and its
/// text there.
type FirstSeen = ((usize, usize), String);

impl LineTexts {
    fn offer(&self, at: (usize, usize), key: u64, text: String) {
        let mut map = self.0.lock().expect("line texts lock not poisoned");
        match map.get_mut(&key) {
            Some(seen) if seen.0 <= at => {}
            Some(seen) => *seen = (at, text),
            None => {
                map.insert(key, (at, text));
            }
        }
    }
}

/// Pass 2 for one file (the `f`th): analyse each of its articles into
/// `sink`, one slot per article pass 1 found.
fn analyze_file(
    f: usize,
    file: &InputFile,
    loaded: Loaded,
    sink: &mut [Option<Doc>],
    boilerplate: &FxHashSet<u64>,
    line_texts: &LineTexts,
    ctx: &Context,
) -> Result<(), Error> {
    let entries = entries_of(file, loaded)?;
    if entries.len() != sink.len() {
        // Read again (memory budget), it no longer holds what pass 1
        // found.
        return Err(Error {
            path: file.path.clone(),
            source: file.source.clone(),
            kind: ErrorKind::ChangedDuringRun,
        });
    }
    // The articles of one file (a WordPress export) are spread over the
    // workers too, so that one large export does not leave a core idle.
    entries
        .into_par_iter()
        .zip(sink.par_iter_mut())
        .enumerate()
        .for_each(|(e, ((entry, mut parsed, related), slot))| {
            let lines = sections::mark_boilerplate(&mut parsed, boilerplate);
            let mut boilerplate: Vec<u64> =
                lines.iter().map(|&(key, _)| key).collect();
            boilerplate.sort_unstable();
            boilerplate.dedup();
            for (key, text) in lines {
                line_texts.offer((f, e), key, text);
            }
            if parsed.meta.date.is_none() {
                parsed.meta.date =
                    crate::meta::date_from_file_name(&file.source);
            }
            let analysis = with_scratch(|scratch| {
                analyze_document(&parsed, ctx, scratch)
            });
            let mut doc = Doc {
                id: String::new(),
                source: file.source.clone(),
                entry,
                text_hash: shard::text_hash(&parsed.text),
                meta: parsed.meta,
                analysis,
                related,
                boilerplate,
                ..Doc::default()
            };
            doc.pack();
            *slot = Some(doc);
        });
    Ok(())
}

/// Gives every article its id: front-matter slug or source path without
/// extension, sanitised, made unique with `-2`, `-3`… in input order.
fn assign_ids(docs: &mut [Doc]) {
    let mut ids = UniqueIds::default();
    for doc in docs.iter_mut() {
        doc.id = ids.unique(id::base_id(
            &doc.source,
            doc.entry.as_deref(),
            doc.meta.slug.as_deref(),
        ));
    }
}

fn stats_of(doc: &Doc) -> Stats {
    let a = &doc.analysis;
    Stats {
        chars: a.chars,
        words: a.counts.words,
        sentences: a.sentences,
        distinct_stems: doc.packed.term_count() as u32,
        reading_minutes: (f64::from(a.counts.words) / WORDS_PER_MINUTE * 10.0)
            .round()
            / 10.0,
    }
}

/// The 50 stems found in the most articles.
fn top_corpus_terms(
    docs: &[Doc],
    stats: &CorpusStats,
    vocab: &crate::stem::FrozenVocab,
) -> Vec<output::CorpusTerm> {
    let mut order: Vec<u32> = (0..stats.df.len() as u32)
        .filter(|&s| stats.df[s as usize] > 0)
        .collect();
    order.sort_by(|&a, &b| {
        stats.df[b as usize]
            .cmp(&stats.df[a as usize])
            .then(vocab.stem(a).cmp(vocab.stem(b)))
    });
    order.truncate(50);
    // A surface form: the one of the article that uses the stem most
    // (the first such article). Each block of articles finds its own
    // best in parallel; blocks are merged in order, an earlier one
    // winning ties.
    let mut slot = vec![u8::MAX; stats.df.len()];
    for (k, &s) in order.iter().enumerate() {
        slot[s as usize] = k as u8;
    }
    let blocks: Vec<Vec<(u32, u32)>> = docs
        .par_chunks(1024)
        .map(|block| {
            let mut best = vec![(0u32, 0u32); order.len()];
            for doc in block {
                for t in doc.packed.terms() {
                    let k = slot[t.stem as usize];
                    if k != u8::MAX && t.count > best[usize::from(k)].0 {
                        best[usize::from(k)] = (t.count, t.surface);
                    }
                }
            }
            best
        })
        .collect();
    let mut best = vec![(0u32, 0u32); order.len()];
    for block in blocks {
        for (b, found) in best.iter_mut().zip(block) {
            if found.0 > b.0 {
                *b = found;
            }
        }
    }
    order
        .iter()
        .zip(&best)
        .map(|(&s, b)| output::CorpusTerm {
            term: vocab.form(b.1).to_string(),
            stem: vocab.stem(s).to_string(),
            df: stats.df[s as usize],
        })
        .collect()
}

/// Boilerplate lines with the number of articles holding them, most
/// widespread first.
fn boilerplate_report(
    docs: &[Doc],
    texts: LineTexts,
) -> Vec<output::BoilerplateLine> {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for doc in docs {
        for &key in &doc.boilerplate {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut texts =
        texts.0.into_inner().expect("line texts lock not poisoned");
    let mut out: Vec<output::BoilerplateLine> = counts
        .into_iter()
        .filter_map(|(key, count)| {
            let (_, line) = texts.remove(&key)?;
            Some(output::BoilerplateLine { line, count })
        })
        .collect();
    out.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.line.cmp(&b.line))
    });
    out
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), FatalError> {
    output::write_atomic(path, bytes).map_err(|e| {
        FatalError::new(format!("{}: cannot write: {e}", path.display()))
    })
}

/// An article done by any thread, for the thread that writes
/// `articles.jsonl`.
struct Built {
    /// Its file name in `articles/`.
    name: String,
    /// Its pretty JSON, when its file is left to the `articles.jsonl`
    /// thread (outside a staging folder).
    pretty: Option<Vec<u8>>,
    /// Its line of `articles.jsonl`.
    line: Vec<u8>,
}

/// Articles written per chunk: the `articles.jsonl` lines of a chunk are
/// held until their turn, so a chunk stays small.
const WRITE_CHUNK: usize = 512;

/// Writes the per-article files and `articles.jsonl` (sorted by id),
/// streaming chunk by chunk; then `series.json` and `errors.jsonl`.
///
/// `--jobs N` threads share the work, this one included: each claims
/// the next article of the chunk, builds its JSON and, into a staging
/// folder, creates its file (plain creations in one folder scale with
/// threads). This thread also appends the lines to `articles.jsonl` in
/// id order, building an article itself whenever the next line is not
/// ready. Outside a staging folder each file is a temporary file renamed
/// over its namesake, and renames in one folder only contend on its lock
/// (3× the system time at `--jobs 2`), so this thread does them all.
fn write_outputs(
    out: &Path,
    docs: &[Doc],
    build: impl Fn(usize) -> Article + Sync,
    series: &[output::Series],
    errors: &[Error],
    pool: &rayon::ThreadPool,
) -> Result<(), FatalError> {
    let dir = out.join("articles");
    let folder = output::ArticleFolder::open(&dir).map_err(|e| {
        FatalError::new(format!("{}: cannot write: {e}", dir.display()))
    })?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let jsonl_path = out.join("articles.jsonl");
    let cannot = |e: std::io::Error| {
        FatalError::new(format!("{}: cannot write: {e}", jsonl_path.display()))
    };
    let mut jsonl = output::temp_output(out).map_err(cannot)?;
    let mut jsonl_out = std::io::BufWriter::new(jsonl.as_file_mut());
    let cannot_write = |name: &str, e: std::io::Error| {
        FatalError::new(format!(
            "{}: cannot write: {e}",
            dir.join(name).display()
        ))
    };
    let make = |i: usize| -> Result<Built, FatalError> {
        let a = build(i);
        let name = format!("{}.json", a.id);
        let (pretty, line) = output::to_pretty_and_compact(&a);
        if folder.is_staged() {
            folder
                .write(&name, &pretty)
                .map_err(|e| cannot_write(&name, e))?;
            return Ok(Built {
                name,
                pretty: None,
                line,
            });
        }
        Ok(Built {
            name,
            pretty: Some(pretty),
            line,
        })
    };
    // Claims the next article of `chunk` through `claimed` and makes it
    // into its slot; false when none is left.
    let make_next = |chunk: &[usize],
                     claimed: &AtomicUsize,
                     slots: &[OnceLock<Result<Built, FatalError>>]|
     -> bool {
        let k = claimed.fetch_add(1, Ordering::Relaxed);
        let Some(&i) = chunk.get(k) else {
            return false;
        };
        // Each slot is claimed once, so it is empty.
        let _ = slots[k].set(make(i));
        true
    };
    let helpers = pool.current_num_threads().saturating_sub(1);
    let mut written = 0;
    for chunk in order.chunks(WRITE_CHUNK) {
        if interrupted() {
            let articles = if folder.is_staged() {
                format!("no article file written to {}", dir.display())
            } else {
                format!(
                    "{written} of {} article files written to {}",
                    docs.len(),
                    dir.display()
                )
            };
            return Err(FatalError::interrupted(format!(
                "interrupted while writing: {articles}; articles.jsonl, \
                 series.json, corpus.json and errors.jsonl not updated"
            )));
        }
        let claimed = AtomicUsize::new(0);
        let slots: Vec<OnceLock<Result<Built, FatalError>>> =
            (0..chunk.len()).map(|_| OnceLock::new()).collect();
        let mut wrote: Result<(), FatalError> = Ok(());
        pool.in_place_scope(|scope| {
            for _ in 0..helpers {
                let (claimed, slots, make_next) =
                    (&claimed, &slots, &make_next);
                scope
                    .spawn(move |_| while make_next(chunk, claimed, slots) {});
            }
            for slot in &slots {
                let built = loop {
                    if let Some(built) = slot.get() {
                        break built;
                    }
                    if !make_next(chunk, &claimed, &slots) {
                        // The last articles are with other threads.
                        std::thread::yield_now();
                    }
                };
                let built = match built {
                    Ok(built) => built,
                    Err(e) => {
                        wrote = Err(FatalError::new(e.message.clone()));
                        // Stop the other threads at their next claim.
                        claimed.store(chunk.len(), Ordering::Relaxed);
                        return;
                    }
                };
                if let Some(pretty) = &built.pretty
                    && let Err(e) = folder.write(&built.name, pretty)
                {
                    wrote = Err(cannot_write(&built.name, e));
                    claimed.store(chunk.len(), Ordering::Relaxed);
                    return;
                }
                if let Err(e) = jsonl_out.write_all(&built.line) {
                    wrote = Err(cannot(e));
                    claimed.store(chunk.len(), Ordering::Relaxed);
                    return;
                }
            }
        });
        wrote?;
        written += chunk.len();
    }
    folder.finish().map_err(|e| {
        FatalError::new(format!("{}: cannot write: {e}", dir.display()))
    })?;
    jsonl_out.flush().map_err(cannot)?;
    drop(jsonl_out);
    jsonl.persist(&jsonl_path).map_err(|e| cannot(e.error))?;
    write(&out.join("series.json"), &output::to_pretty_json(&series))?;
    let mut errs = Vec::new();
    for e in errors {
        let line = ErrorLine {
            source: e.source.clone(),
            error: e.to_string(),
        };
        errs.extend(serde_json::to_vec(&line).expect("errors serialise"));
        errs.push(b'\n');
    }
    write(&out.join("errors.jsonl"), &errs)?;
    Ok(())
}
