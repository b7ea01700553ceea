//! Pass 1: walk the inputs, then read, decode, parse and mark the
//! sections of every file in parallel, and count in how many articles
//! each short line occurs (the corpus decides what is boilerplate before
//! pass 2 analyses anything).
//!
//! Parsed posts are kept for pass 2 up to [`KEEP_BYTES`] of text; past
//! that, they are set aside in a file of the staging area ([`Spill`])
//! and read back by pass 2, so memory stays bounded on any corpus. With
//! no staging area (`billet stats`), pass 2 reads and parses them again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Progress;
use super::cache::{Body, Cache, FileFacts, Hit, content_hash};
use super::spill::{Spill, Spilled};
use super::stamp::{LocalFs, Stamp};
use crate::analysis::Context;
use crate::error::{Error, ErrorKind, FatalError};
use crate::normalize::Stopwords;
use crate::sections;
use crate::source::{self, InputFile, Parsed};

/// Parsed text kept between the two passes, at most. A kept article
/// holds its blocks and line keys besides its text, and pass 2's
/// articles grow while the kept ones are analysed: past 64 MB, kept
/// text was the run's peak of memory on a 1 GB corpus, for little speed
/// (the spill file is read back, not parsed again).
pub const KEEP_BYTES: usize = 64 << 20;

/// Pass 1's result for one file.
pub(super) struct Loaded {
    pub(super) entries: Vec<LoadedEntry>,
    pub(super) bytes: usize,
    /// Items of the file that are not articles (WordPress pages…).
    skipped: usize,
    /// When the cache holds the file: where its record's body lies and
    /// how many articles it holds (then `entries` is empty: pass 2
    /// decodes them, or reads the file again if it cannot take them).
    pub(super) cached: Option<(Body, usize)>,
}

/// Pass 1's result for one article of a file, held for every article
/// from pass 1 to its turn in pass 2: the parsed article, which most
/// have not (only the first 64 MB of text is kept), is boxed: unboxed,
/// it made an entry ~890 bytes (160 MB of them at 183,000 articles).
pub(super) struct LoadedEntry {
    key: Option<String>,
    /// The parsed article with its sections marked, unless the memory
    /// budget was spent: it is then in the spill file, or, failing
    /// that, pass 2 reads the file again.
    parsed: Option<Box<Parsed>>,
    /// Where it is in the spill file, when it went there.
    spilled: Option<Spilled>,
    related: Vec<String>,
    /// Keys of its lines that may be boilerplate, each once, until they
    /// are counted (moved into the cache's [`FileFacts`] when caching).
    lines: Vec<u64>,
    /// The key of each block ([`sections::block_keys`]) while `parsed`
    /// is kept, so that pass 2 does not hash the lines again (a spilled
    /// article's are in the spill file with it).
    block_keys: Vec<Option<u64>>,
}

impl Loaded {
    /// How many articles pass 1 found in the file.
    pub(super) fn len(&self) -> usize {
        self.cached.map_or(self.entries.len(), |(_, n)| n)
    }

    /// Whether pass 1 kept a parsed article of the file in memory (within
    /// [`KEEP_BYTES`]), rather than setting it aside or leaving it.
    pub(super) fn keeps_parsed(&self) -> bool {
        self.entries.iter().any(|e| e.parsed.is_some())
    }
}

/// Whether pass 1 hashes the files for the cache of incremental runs,
/// and the cache it may take articles from.
#[derive(Clone, Copy)]
pub(super) enum Caching<'c> {
    Off,
    On(Option<&'c Cache>),
}

/// What the reading pass (pass 1) leaves for the rest of a run.
pub(super) struct Front<'p> {
    pub(super) walk: source::Walk,
    pub(super) pool: rayon::ThreadPool,
    pub(super) progress: &'p dyn Progress,
    pub(super) ctx: Context,
    pub(super) loaded: Vec<Result<Option<Loaded>, Error>>,
    /// The parsed articles past the memory budget.
    pub(super) spill: Spill,
    /// In how many articles each short line occurs.
    pub(super) line_docs: FxHashMap<u64, u32>,
    /// What the cache keeps of each file, when caching (else empty).
    pub(super) facts: Vec<Option<FileFacts>>,
    /// Articles read.
    pub(super) n_loaded: usize,
    pub(super) ignored: usize,
    pub(super) skipped: usize,
}

/// Walks the inputs and runs pass 1 on them: read, parse, mark sections,
/// collect the keys of lines that may be boilerplate. `jobs` worker
/// threads (0: one per core); `exclude` is a folder the walk skips (the
/// output folder); `spill_in` the folder where articles past a budget of
/// parsed text kept in memory are set aside (the staging area) and that
/// budget, if any ([`KEEP_BYTES`] without).
pub(super) fn read_inputs<'p>(
    inputs: &[PathBuf],
    jobs: usize,
    stopwords: &Stopwords,
    exclude: Option<&Path>,
    spill_in: Option<(&Path, usize)>,
    progress: &'p dyn Progress,
    caching: Caching<'_>,
) -> Result<Front<'p>, FatalError> {
    let walk = source::walk(inputs, exclude);
    if walk.files.is_empty() && walk.errors.is_empty() {
        return Err(FatalError::new(format!(
            "no post (.txt, .md, .html, WordPress .xml) found in the inputs \
             ({} other files ignored)",
            walk.ignored
        )));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| {
            FatalError::new(format!("cannot start worker threads: {e}"))
        })?;
    progress.start(walk.files.len() as u64 * 2);
    for err in &walk.errors {
        progress.message(&err.to_string());
    }
    let ctx = Context {
        stopwords: stopwords.clone(),
        // Cached articles are numbered by the cache's vocabulary.
        vocab: match caching {
            Caching::On(Some(cache)) => cache.take_vocab().unwrap_or_default(),
            _ => crate::stem::Vocab::new(),
        },
    };
    progress.phase("lecture");
    let kept = AtomicUsize::new(0);
    let local = LocalFs::default();
    let (spill, budget) = match spill_in {
        Some((dir, budget)) => (Spill::new(Some(dir)), budget),
        None => (Spill::new(None), KEEP_BYTES),
    };
    let (mut loaded, facts): (Vec<Result<Option<Loaded>, Error>>, Vec<_>) =
        pool.install(|| {
            walk.files
                .par_iter()
                .map(|file| {
                    if progress.cancelled() {
                        return (Ok(None), None);
                    }
                    let keep = Keep {
                        kept: &kept,
                        budget,
                        spill: &spill,
                        local: &local,
                    };
                    let result = load(file, &keep, caching);
                    progress.step();
                    match result {
                        Ok(Some((l, facts))) => (Ok(Some(l)), facts),
                        Ok(None) => (Ok(None), None),
                        Err(e) => (Err(e), None),
                    }
                })
                .unzip()
        });
    let facts = match caching {
        Caching::Off => Vec::new(),
        Caching::On(_) => facts,
    };
    let mut line_docs: FxHashMap<u64, u32> = FxHashMap::default();
    let mut n_loaded = 0;
    let mut ignored = walk.ignored;
    let mut skipped = 0;
    for (f, l) in loaded.iter_mut().enumerate() {
        match l {
            Ok(Some(l)) => {
                skipped += l.skipped;
                n_loaded += l.len();
                // Each article's keys are in the cache's facts when
                // caching, else in the article (counted, then dropped:
                // pass 2 does not need them).
                match facts.get(f).and_then(Option::as_ref) {
                    Some(facts) => {
                        for &k in facts.lines.iter().flatten() {
                            *line_docs.entry(k).or_default() += 1;
                        }
                    }
                    None => {
                        for e in &mut l.entries {
                            for k in std::mem::take(&mut e.lines) {
                                *line_docs.entry(k).or_default() += 1;
                            }
                        }
                    }
                }
            }
            Ok(None) => ignored += 1,
            Err(_) => {}
        }
    }
    if progress.cancelled() {
        progress.finish();
        return Err(FatalError::interrupted(
            "interrupted while reading: nothing was written".to_string(),
        ));
    }
    Ok(Front {
        walk,
        pool,
        progress,
        ctx,
        loaded,
        spill,
        line_docs,
        facts,
        n_loaded,
        ignored,
        skipped,
    })
}

/// Where pass 1 keeps parsed articles: in memory up to `budget` bytes of
/// text (`kept` so far, over all threads), then in `spill`.
struct Keep<'a> {
    kept: &'a AtomicUsize,
    budget: usize,
    spill: &'a Spill,
    /// Which file systems files are stamped on.
    local: &'a LocalFs,
}

/// Pass 1 for one file: read, parse, mark sections, collect line keys;
/// when caching, hash its bytes and take its articles from the cache if
/// they are there, or take them without reading the file when its
/// metadata proves it unchanged ([`Cache::unchanged`]). `Ok(None)`: the
/// file is not of a kind billet reads after all.
fn load(
    file: &InputFile,
    keep: &Keep<'_>,
    caching: Caching<'_>,
) -> Result<Option<(Loaded, Option<FileFacts>)>, Error> {
    let (extracted, hash) = match caching {
        Caching::Off => (read_and_extract(file)?, None),
        Caching::On(cache) => {
            // Its metadata before its bytes: a write after this moment
            // moves its time stamps.
            let meta = std::fs::metadata(&file.path);
            let stamp = meta
                .as_ref()
                .ok()
                .and_then(|m| keep.local.stamp(&file.path, m));
            let path = crate::outdir::lossy(file.path.as_os_str());
            if let (Some(c), Some(stamp)) = (cache, stamp)
                && let Some((hit, hash)) =
                    c.unchanged(&path, &file.source, stamp)
            {
                return Ok(Some(from_cache(hit, hash, Some(stamp))));
            }
            let bytes = source::read_bytes_with(&file.path, meta)
                .map_err(|kind| fail(file, kind))?;
            let hash = content_hash(&bytes);
            if let Some(hit) =
                cache.and_then(|c| c.file(&path, &file.source, hash))
            {
                return Ok(Some(from_cache(hit, hash, stamp)));
            }
            let decoded =
                source::decode(bytes).map_err(|kind| fail(file, kind))?;
            (extract_decoded(file, decoded)?, Some((hash, stamp)))
        }
    };
    let Some((entries, bytes, skipped)) = extracted else {
        return Ok(None);
    };
    let mut entries: Vec<LoadedEntry> = entries
        .into_iter()
        .map(|(key, parsed, related)| {
            let block_keys = sections::block_keys(&parsed);
            let lines = sections::distinct_keys(&block_keys);
            let size = parsed.text.len();
            let kept = keep.kept.fetch_add(size, Ordering::Relaxed) + size
                <= keep.budget;
            let spilled = if kept {
                None
            } else {
                keep.spill.put(&parsed, &block_keys)
            };
            LoadedEntry {
                key,
                parsed: kept.then(|| Box::new(parsed)),
                spilled,
                related,
                lines,
                block_keys: if kept { block_keys } else { Vec::new() },
            }
        })
        .collect();
    let facts = hash.map(|(hash, stamp)| FileFacts {
        hash,
        stamp,
        bytes,
        skipped,
        lines: entries
            .iter_mut()
            .map(|e| std::mem::take(&mut e.lines))
            .collect(),
    });
    Ok(Some((
        Loaded {
            entries,
            bytes,
            skipped,
            cached: None,
        },
        facts,
    )))
}

/// Pass 1's result for a file the cache holds: its line keys (counted
/// by the corpus before pass 2) and where its record's body lies; pass
/// 2 decodes its articles there unless the corpus's boilerplate changed.
fn from_cache(
    hit: Hit,
    hash: u64,
    stamp: Option<Stamp>,
) -> (Loaded, Option<FileFacts>) {
    let loaded = Loaded {
        entries: Vec::new(),
        bytes: hit.bytes,
        skipped: hit.skipped,
        cached: Some((hit.body, hit.lines.len())),
    };
    let facts = FileFacts {
        hash,
        stamp,
        bytes: hit.bytes,
        skipped: hit.skipped,
        lines: hit.lines,
    };
    (loaded, Some(facts))
}

fn fail(file: &InputFile, kind: ErrorKind) -> Error {
    Error {
        path: file.path.clone(),
        source: file.source.to_string(),
        kind,
    }
}

/// An article of a file: its key in the file, the parsed article with
/// its sections marked, and the titles of its teasers.
pub(super) type MarkedEntry = (Option<String>, Parsed, Vec<String>);

/// A [`MarkedEntry`] with the [`sections::block_keys`] of its article.
pub(super) type KeyedEntry =
    (Option<String>, Parsed, Vec<String>, Vec<Option<u64>>);

/// Reads a file and extracts its articles, sections marked. `Ok(None)`
/// when the file is not of a kind billet reads.
pub(super) fn read_and_extract(
    file: &InputFile,
) -> Result<Option<(Vec<MarkedEntry>, usize, usize)>, Error> {
    let decoded =
        source::read_text(&file.path).map_err(|kind| fail(file, kind))?;
    extract_decoded(file, decoded)
}

/// [`read_and_extract`] once the file is read and decoded.
fn extract_decoded(
    file: &InputFile,
    decoded: source::Decoded,
) -> Result<Option<(Vec<MarkedEntry>, usize, usize)>, Error> {
    let fail = |kind| fail(file, kind);
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
pub(super) fn boilerplate_lines(
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

/// The articles of a file pass 1 read, parsed and marked, with the keys
/// of their blocks: kept from pass 1 or spilled by it, or read again
/// when neither was possible (a file pass 1 took from the cache).
pub(super) fn entries_of(
    file: &InputFile,
    loaded: Loaded,
    spill: &Spill,
) -> Result<Vec<KeyedEntry>, Error> {
    if loaded.cached.is_some() {
        return reread(file);
    }
    let mut taken = Vec::with_capacity(loaded.entries.len());
    for e in loaded.entries {
        let (parsed, keys) = match (e.parsed, e.spilled) {
            (Some(p), _) => (*p, e.block_keys),
            (None, Some(at)) => match spill.take(at) {
                Ok(back) => back,
                // Unreadable: read the post again, as if it had never
                // been spilled.
                Err(_) => return reread(file),
            },
            (None, None) => return reread(file),
        };
        taken.push((e.key, parsed, e.related, keys));
    }
    Ok(taken)
}

/// A file's articles read, parsed and marked again, with their keys.
fn reread(file: &InputFile) -> Result<Vec<KeyedEntry>, Error> {
    Ok(read_and_extract(file)?
        .map(|x| x.0)
        .unwrap_or_default()
        .into_iter()
        .map(|(key, parsed, related)| {
            let keys = sections::block_keys(&parsed);
            (key, parsed, related, keys)
        })
        .collect())
}
