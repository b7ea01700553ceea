//! A whole run, stage after stage: walk and read every input (pass 1,
//! `read.rs`), decide what is boilerplate, analyse each article (pass 2,
//! `pass.rs`), the corpus pass (`score.rs`), then write every output
//! (`write.rs`). `billet stats` chains the same passes into a stats file
//! instead (`stats.rs`).
//!
//! Both per-article passes run on rayon with one
//! [`crate::analysis::Scratch`] per worker. Results are collected in
//! input order, so the output never depends on which thread finished
//! first. The library draws no progress bar and handles no signal: the
//! caller passes a [`Progress`].

mod aside;
mod cache;
mod codec;
mod eval;
mod pass;
mod progress;
mod read;
mod score;
mod spill;
mod stamp;
mod stats;
mod top;
mod write;

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use self::aside::{Aside, Early};
pub use self::cache::cache_path;
pub use self::eval::{EvalTagsOptions, TagEvaluation, eval_tags};
use self::pass::{Analysed, CacheLink, FoundTexts, LineTexts, analyze_files};
pub use self::progress::{Progress, Silent};
pub use self::read::KEEP_BYTES;

/// Packed counts kept whole through the corpus pass, at most: past it,
/// the articles' write-only parts are set aside (aside.rs). A corpus of
/// about 25 MB reaches it. Whole articles, held from pass 2 to the last
/// article written, take many times their lean part (32 MB were about
/// 3,000 articles of the generated corpora, ~2 MB lean): at 32 MB, the
/// 1 GB corpus's RSS was 15–20 MB higher from the end of pass 2 on
/// (docs/performance/memory.md).
pub const ASIDE_BYTES: usize = 8 << 20;
use self::read::{Caching, boilerplate_lines, read_inputs};
use self::score::{
    boilerplate_report, distinct_stems, score_against, score_alone,
};
pub use self::stats::count_stats;
use self::top::TopTerms;
pub use self::write::ANALYSIS;
pub use self::write::say_waiting;
use self::write::{open_out, write, write_outputs};
use crate::corpus;
use crate::error::FatalError;
use crate::normalize::{DEFAULT_STOPWORDS, Stopwords};
use crate::outdir::{OutputDir, Staging, Wait};
use crate::output::{self, CorpusReport};
use crate::shard;

/// What `billet analyze` does: the library's side of its flags.
#[derive(Clone, Debug)]
pub struct AnalyzeOptions {
    /// Files or folders to analyse, walked recursively.
    pub inputs: Vec<PathBuf>,
    /// Output folder, created if missing.
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Key terms and key phrases kept per article.
    pub top: usize,
    /// The stopword list in force.
    pub stopwords: Stopwords,
    /// Its fingerprint ([`crate::shard::stopwords_fingerprint`]): a
    /// stats file counted with another list is refused.
    pub stopwords_id: String,
    /// Score against the whole corpus counted in this stats file
    /// (`billet stats`) instead of against the inputs alone.
    pub stats: Option<PathBuf>,
    /// Whether to wait for another run writing `out` (`--wait`), or to
    /// give up at once (the default).
    pub wait: Wait,
    /// Take the articles of unchanged files from the cache of the last
    /// run into `out` ([`cache_path`]); when false it is not read (a new
    /// one is written all the same). Runs with `stats` neither read nor
    /// write it.
    pub use_cache: bool,
    /// Parsed text kept in memory between the two passes, at most
    /// ([`KEEP_BYTES`] by default); the rest is set aside in the staging
    /// area and read back (docs/performance/memory.md).
    pub keep_bytes: usize,
    /// Packed counts kept whole through the corpus pass, at most
    /// ([`ASIDE_BYTES`] by default); past it, what only writing reads is
    /// set aside in the staging area until then.
    pub aside_bytes: usize,
}

impl AnalyzeOptions {
    /// Analyse `inputs` into `out` with the defaults of `billet analyze`:
    /// every core, 10 key terms and phrases, the built-in French
    /// stopwords, no stats file.
    pub fn new(inputs: Vec<PathBuf>, out: impl Into<PathBuf>) -> Self {
        AnalyzeOptions {
            inputs,
            out: out.into(),
            jobs: 0,
            top: 10,
            stopwords: Stopwords::french(),
            stopwords_id: shard::stopwords_fingerprint(DEFAULT_STOPWORDS),
            stats: None,
            wait: Wait::No,
            use_cache: true,
            keep_bytes: KEEP_BYTES,
            aside_bytes: ASIDE_BYTES,
        }
    }

    /// Uses the stopword list `list` (one word a line, `#` comments)
    /// instead of the built-in one.
    #[must_use]
    pub fn with_stopwords(mut self, list: &str) -> Self {
        self.stopwords = Stopwords::parse(list);
        self.stopwords_id = shard::stopwords_fingerprint(list);
        self
    }
}

/// What `billet stats` does (counting a shard; merging is
/// [`crate::shard::merge`]).
#[derive(Clone, Debug)]
pub struct StatsOptions {
    /// Files or folders of the shard, as `billet analyze` takes them.
    pub inputs: Vec<PathBuf>,
    /// The stats file to write.
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The stopword list in force (every shard and the analysis must use
    /// the same).
    pub stopwords: Stopwords,
    /// Its fingerprint, written into the stats file.
    pub stopwords_id: String,
    /// Whether to wait for another run writing `out` (`--wait`).
    pub wait: Wait,
}

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
    /// Articles taken from the cache of the last run (their files had
    /// not changed), not read and analysed again.
    pub from_cache: usize,
}

impl Summary {
    /// Throughput in MB/s, rounded to 2 decimals (as in `corpus.json`).
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            (self.bytes as f64 / 1e6 / self.seconds * 100.0).round() / 100.0
        } else {
            0.0
        }
    }
}

/// Runs `billet analyze`: reads and analyses every input and writes the
/// output folder `options.out` (DESIGN.md, "Output folder"). A file
/// that fails is reported to `progress` and listed in `errors.jsonl`;
/// only a run-level problem (no input, an unwritable output folder, a
/// bad stats file, [`Progress::cancelled`]) is an `Err`.
pub fn analyze(
    options: &AnalyzeOptions,
    progress: &dyn Progress,
) -> Result<Summary, FatalError> {
    let started = Instant::now();
    let whole = match &options.stats {
        Some(path) => Some(shard::Whole::read(path, &options.stopwords_id)?),
        None => None,
    };
    let out = open_out(options, progress)?;
    // The new output is written into a staging folder beside OUT and
    // swapped in whole at the end: until then OUT is as it was, whatever
    // happens (issue 15, docs/integrity.md).
    let staging = out.stage().map_err(|e| unchanged(e.into(), &out))?;
    let summary =
        analyze_into(options, progress, &out, &staging, whole, started)
            .map_err(|e| unchanged(e, &out))?;
    let done = staging
        .commit(&ANALYSIS, &|| progress.cancelled())
        .map_err(|e| unchanged(e.into(), &out))?;
    if let Some(warning) = done.warning() {
        progress.message(&warning);
    }
    // The summary's time includes the swap (corpus.json's cannot).
    Ok(Summary {
        seconds: started.elapsed().as_secs_f64(),
        ..summary
    })
}

/// Says, after an error that stopped a run, that OUT was left as it was.
fn unchanged(mut e: FatalError, out: &OutputDir) -> FatalError {
    e.message
        .push_str(&format!("; {} is unchanged", out.path().display()));
    e
}

/// The run of [`analyze`] once OUT is locked: every output written into
/// the staging folder `staging`, the cache of incremental runs read from
/// OUT and written into `staging` (it is swapped in with the output).
fn analyze_into(
    options: &AnalyzeOptions,
    progress: &dyn Progress,
    out: &OutputDir,
    stage: &Staging<'_>,
    whole: Option<shard::Whole>,
    started: Instant,
) -> Result<Summary, FatalError> {
    let mut steps = output::Steps::default();
    let mut step = Instant::now();
    let mut lap = |t: &mut f64| {
        *t = (step.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        step = Instant::now();
    };
    let staging = stage.path();
    // The cache of incremental runs (cache/): read from the live
    // output before anything else, written into the staging tree after
    // the outputs.
    let caching = options.stats.is_none();
    // Before any input file is looked at: what the stamps of this run's
    // cache are checked against (`Stamp::settled`).
    let began = stamp::now();
    let header = cache::header(&options.stopwords_id, began);
    let mut old_cache = if caching && options.use_cache {
        let dir = out.state_dir(cache::STATE);
        cache::Cache::read(&dir, &header).unwrap_or_else(|why| {
            progress.message(&format!(
                "{}: cache ignored: {why}; every file is analysed again",
                cache::file_in(&dir).display()
            ));
            None
        })
    } else {
        None
    };
    // Past `aside_bytes` of packed counts, articles' write-only parts are
    // set aside as pass 2 takes them (aside.rs): a cached one as it is
    // decoded, another as it is packed. Against a stats file, articles
    // are dropped on the way, so their order would not hold.
    let early = options
        .stats
        .is_none()
        .then(|| Early::new(staging, options.aside_bytes));
    let mut front = read_inputs(
        &options.inputs,
        options.jobs,
        &options.stopwords,
        Some(out.path()),
        Some((staging, options.keep_bytes)),
        progress,
        if caching {
            Caching::On(old_cache.as_ref())
        } else {
            Caching::Off
        },
    )?;
    lap(&mut steps.read);
    if let Some(cache) = &mut old_cache {
        cache.forget_files();
    }
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
    let found = FoundTexts::default();
    let reuse = old_cache.as_ref().map(cache::Cache::reuse);
    let link = CacheLink {
        reuse: reuse.as_ref(),
        found: caching.then_some(&found),
    };
    let Analysed {
        mut docs,
        doc_files,
        mut errors,
        bytes,
        reused,
        cached,
        aside: early_at,
    } = analyze_files(
        &mut front,
        &boilerplate,
        &line_texts,
        link,
        early.as_ref(),
    )?;
    lap(&mut steps.analyse);

    // The corpus pass.
    let vocab = std::mem::take(&mut front.ctx.vocab);
    let read_back = |e: std::io::Error| {
        FatalError::new(format!(
            "cannot read back what was set aside in {}: {e}",
            staging.display()
        ))
    };
    let vocab = match &reuse {
        Some(reuse) => {
            let whole = |i: usize| match &early {
                Some(early) => {
                    early.whole(&docs[i], early_at.get(i).copied().flatten())
                }
                None => Ok(std::borrow::Cow::Borrowed(&docs[i].packed)),
            };
            reuse.freeze(vocab, &cached, &whole).map_err(read_back)?
        }
        None => vocab.freeze(),
    };
    let unmoved = reuse.as_ref().is_some_and(|r| r.unmoved(&vocab));
    match &reuse {
        // Cached articles are already numbered by the run's vocabulary,
        // which started with the cache's: they are renumbered into the
        // stable ids only when those moved, and their form ids only when
        // a form was left out.
        Some(_) => {
            let same_forms = vocab.keeps_form_ids();
            front.pool.install(|| {
                docs.par_iter_mut().zip(&cached).for_each(|(doc, &cached)| {
                    if cached && unmoved {
                        return;
                    }
                    let stable = |s| vocab.stable(s);
                    doc.packed = if same_forms {
                        doc.packed.restemmed(stable)
                    } else {
                        doc.packed.remapped(stable, |f| vocab.form_id(f))
                    };
                });
            });
        }
        None => corpus::stabilize_in(&front.pool, &mut docs, &vocab),
    }
    drop(old_cache);
    // What only writing reads, out of memory through the corpus pass
    // (aside.rs), past `aside_bytes` of packed counts: set aside as the
    // articles came, or here if none was (within the budget then, but
    // for what pass 2 could not write).
    let mut aside = match (&whole, early) {
        (None, Some(early)) if !early_at.is_empty() => {
            Aside::from_early(early, early_at, &vocab, cached.clone(), unmoved)
        }
        (None, _) => Aside::set_aside(
            &front.pool,
            staging,
            &mut docs,
            options.aside_bytes,
        ),
        (Some(_), _) => Aside::default(),
    };
    // The cache of incremental runs keeps nothing the corpus pass makes
    // (not even the ids): it is written here, so that the walk's paths,
    // the files' facts and the boilerplate texts only it reads are freed
    // before tagging and similar articles, the run's tops of memory. A
    // cache that cannot be written costs the next run its speed, not its
    // output: a warning, said at the end of the run.
    let cache_warning = if caching {
        let found = found.into_map();
        let wrote = stage.state_dir(cache::STATE).and_then(|dir| {
            let placed = front.pool.install(|| {
                cache::write(
                    &dir,
                    &header,
                    began,
                    &front.walk.files,
                    &front.facts,
                    &docs,
                    &doc_files,
                    &found,
                    |k| boilerplate.contains(&k),
                    &vocab,
                    &|i, w| aside.put_whole(&docs, i, w),
                )
            })?;
            Ok((dir, placed))
        });
        front.facts = Vec::new();
        front.walk.files = Vec::new();
        let wrote = wrote.map(|(dir, placed)| {
            aside.read_from_cache(&cache::file_in(&dir), placed);
        });
        wrote.err().map(|e| {
            format!(
                "{}: cannot write the cache: {e}",
                cache_path(out.path()).display()
            )
        })
    } else {
        None
    };
    // `corpus.json`'s boilerplate lines, counted now when every article
    // stays (against a stats file some are dropped on the way): each
    // article's keys of them are then freed before the corpus pass.
    let boilerplate_lines = match &whole {
        None => {
            let lines = boilerplate_report(&docs, line_texts);
            for doc in &mut docs {
                doc.boilerplate = Box::default();
            }
            Ok(lines)
        }
        Some(_) => Err(line_texts),
    };
    let scored = match &whole {
        None => score_alone(
            &front.pool,
            &mut docs,
            &vocab,
            Some(&options.stopwords),
        ),
        Some(whole) => score_against(
            &front,
            whole,
            &boilerplate,
            &mut docs,
            &doc_files,
            &vocab,
            &mut errors,
        ),
    };
    drop(whole);
    let (stats, corpus_documents) = (&scored.stats, scored.corpus_documents);
    let mut corpus_report = CorpusReport {
        format_version: crate::schema::FORMAT_VERSION,
        documents: docs.len() as u32,
        corpus_documents,
        words: docs.iter().map(|d| u64::from(d.analysis.words)).sum(),
        distinct_stems: match corpus_documents {
            // The df of the whole corpus, not of these articles.
            Some(_) => distinct_stems(&docs),
            None => stats.df.iter().filter(|&&n| n > 0).count() as u32,
        },
        // Counted as the articles are written, below.
        top_terms: Vec::new(),
        boilerplate: boilerplate_lines
            .unwrap_or_else(|texts| boilerplate_report(&docs, texts)),
        series: scored.series.len() as u32,
        ignored_files: front.ignored as u32,
        skipped_items: front.skipped as u32,
        failed_files: errors.len() as u32,
        failed: errors.iter().map(|e| e.source.clone()).collect(),
        inputs: options
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
    let top_terms = TopTerms::new(stats, &vocab);
    let build = |i: usize| {
        let packed = aside.packed(&docs, i).map_err(read_back)?;
        let (article, terms) =
            scored.article(&docs, i, &packed, &vocab, options.top);
        top_terms.count(&terms);
        Ok(article)
    };
    write_outputs(
        staging,
        &docs,
        build,
        &scored.series,
        scored
            .tags_report
            .as_ref()
            .expect("tagged in the corpus pass"),
        &errors,
        &front.pool,
        progress,
    )?;
    lap(&mut steps.write);
    corpus_report.top_terms = top_terms.into_terms(stats, &vocab);
    corpus_report.steps = steps;
    let seconds = started.elapsed().as_secs_f64();
    let summary = Summary {
        articles: docs.len(),
        failed: errors.len(),
        ignored: front.ignored,
        bytes,
        seconds,
        from_cache: reused,
    };
    corpus_report.elapsed_seconds = (seconds * 1000.0).round() / 1000.0;
    corpus_report.mb_per_s = summary.mb_per_s();
    write(
        &staging.join("corpus.json"),
        &output::to_pretty_json(&corpus_report),
    )?;
    if let Some(warning) = cache_warning {
        progress.message(&warning);
    }
    Ok(summary)
}
