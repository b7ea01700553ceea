//! Pass 2: analyse every article pass 1 read, in parallel, each with its
//! worker's [`Scratch`] (form cache and buffers kept for the whole run),
//! straight into its place in the corpus; results in input order, so the
//! output never depends on which thread finished first.

use super::cache::FoundMap;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::aside::Early;
use super::cache::{FileFacts, Reuse};
use super::read::{Front, Loaded, entries_of};
use super::spill::{Spill, Spilled};
use crate::analysis::{Context, Scratch, analyze_document};
use crate::corpus::Doc;
use crate::error::{Error, ErrorKind, FatalError};
use crate::sections;
use crate::shard;
use crate::source::InputFile;

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
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with_borrow_mut(f)
}

/// Pass 2: `each` on every file pass 1 read, in parallel, with the
/// file's `sink` (where it may put its results); results in input
/// order, with the bytes read.
///
/// The files whose parsed articles pass 1 kept in memory
/// ([`Loaded::keeps_parsed`], up to [`super::KEEP_BYTES`] of text) are
/// analysed first, the others after them: which files those are depends
/// on how pass 1's threads shared the work, and analysing them first
/// frees their parsed text at the start of pass 2 whatever order rayon
/// takes the files in.
pub(super) fn per_file<S: Send, T: Send>(
    front: &mut Front<'_>,
    sinks: Vec<S>,
    each: impl Fn(usize, &InputFile, Loaded, &Context, S) -> Result<T, Error>
    + Sync,
) -> Result<Vec<FileResult<T>>, FatalError> {
    front.progress.phase("analyse");
    let mut loaded = std::mem::take(&mut front.loaded);
    let (files, ctx, progress) =
        (&front.walk.files, &front.ctx, front.progress);
    let mut sinks: Vec<Option<S>> = sinks.into_iter().map(Some).collect();
    let mut results: Vec<Option<FileResult<T>>> = Vec::new();
    results.resize_with(files.len(), || None);
    let one = |f: usize,
               file: &InputFile,
               loaded: Result<Option<Loaded>, Error>,
               sink: S| {
        if progress.cancelled() {
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
        progress.step();
        result
    };
    front.pool.install(|| {
        for kept_only in [true, false] {
            files
                .par_iter()
                .zip(&mut loaded)
                .zip(&mut sinks)
                .zip(&mut results)
                .enumerate()
                .for_each(|(f, (((file, loaded), sink), result))| {
                    let kept =
                        matches!(loaded, Ok(Some(l)) if l.keeps_parsed());
                    if result.is_some() || (kept_only && !kept) {
                        return;
                    }
                    let loaded = std::mem::replace(loaded, Ok(None));
                    let sink = sink.take().expect("each file is taken once");
                    *result = Some(one(f, file, loaded, sink));
                });
        }
    });
    drop(loaded);
    let results = results
        .into_iter()
        .map(|r| r.expect("every file was analysed"))
        .collect();
    front.progress.finish();
    if progress.cancelled() {
        return Err(FatalError::interrupted(
            "interrupted while analysing: nothing was written".to_string(),
        ));
    }
    Ok(results)
}

/// The text of each boilerplate line as first seen in input order (file
/// index, article index), gathered during pass 2 so that articles keep
/// only keys.
#[derive(Debug, Default)]
pub(super) struct LineTexts(
    pub(super) std::sync::Mutex<FxHashMap<u64, FirstSeen>>,
);

/// Where a line was first seen (file index, article index), and its
/// text there.
type FirstSeen = ((usize, usize), String);

impl LineTexts {
    /// Offers the text of line `key` as seen in article `at`: kept if no
    /// article before it in input order had the line.
    pub(super) fn offer(&self, at: (usize, usize), key: u64, text: &str) {
        let mut map = self.0.lock().expect("line texts lock not poisoned");
        match map.get_mut(&key) {
            Some(seen) if seen.0 <= at => {}
            Some(seen) => *seen = (at, text.to_string()),
            None => {
                map.insert(key, (at, text.to_string()));
            }
        }
    }
}

/// Each article's boilerplate lines with their text, by (file index,
/// article index), kept for the cache of incremental runs.
#[derive(Debug, Default)]
pub(super) struct FoundTexts(std::sync::Mutex<FoundMap>);

impl FoundTexts {
    fn keep<'t>(
        &self,
        at: (usize, usize),
        lines: impl ExactSizeIterator<Item = (u64, &'t str)>,
    ) {
        if lines.len() > 0 {
            self.0
                .lock()
                .expect("found texts lock not poisoned")
                .insert(at, lines);
        }
    }

    /// Every article's lines, by (file index, article index).
    pub(super) fn into_map(self) -> FoundMap {
        self.0
            .into_inner()
            .expect("found texts lock not poisoned")
            .done()
    }
}

/// What pass 2 shares with the cache of incremental runs: where cached
/// articles come from, where their boilerplate lines go.
#[derive(Clone, Copy, Default)]
pub(super) struct CacheLink<'a> {
    pub(super) reuse: Option<&'a Reuse<'a>>,
    pub(super) found: Option<&'a FoundTexts>,
}

/// Pass 2's articles, in input order, with what is known of them.
pub(super) struct Analysed {
    /// The articles, in input order.
    pub(super) docs: Vec<Doc>,
    /// The index of each article's file in the walk.
    pub(super) doc_files: Vec<usize>,
    /// The inputs that failed, walk errors first.
    pub(super) errors: Vec<Error>,
    /// Bytes of input read.
    pub(super) bytes: u64,
    /// Articles taken from the cache.
    pub(super) reused: usize,
    /// For each of `docs`, whether it came from the cache (numbered by
    /// the cache's vocabulary, which the run's started with: see
    /// [`Reuse`]).
    pub(super) cached: Vec<bool>,
    /// Where each article's write-only part was set aside in pass 2 (by
    /// article index; empty when none was).
    pub(super) aside: Vec<Option<Spilled>>,
}

/// Pass 2 of `billet analyze`: every article analysed into its place
/// (pass 1 counted each file's articles), so that no second array of
/// articles is ever built: it would be the memory peak of a large run.
/// Failed files and the warnings of the others go to the user as they
/// are found.
pub(super) fn analyze_files(
    front: &mut Front<'_>,
    boilerplate: &FxHashSet<u64>,
    line_texts: &LineTexts,
    link: CacheLink<'_>,
    early: Option<&Early>,
) -> Result<Analysed, FatalError> {
    let counts: Vec<usize> = front
        .loaded
        .iter()
        .map(|l| match l {
            Ok(Some(l)) => l.len(),
            _ => 0,
        })
        .collect();
    let mut slots: Vec<Option<Doc>> = Vec::new();
    slots.resize_with(counts.iter().sum(), || None);
    let mut sinks: Vec<(usize, &mut [Option<Doc>])> =
        Vec::with_capacity(counts.len());
    let mut rest = slots.as_mut_slice();
    let mut start = 0;
    for &n in &counts {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(n);
        sinks.push((start, head));
        rest = tail;
        start += n;
    }
    // Taken out of `front` (which `per_file` borrows), dropped with the
    // spill file once pass 2 is done.
    let spill = std::mem::take(&mut front.spill);
    // Taken out of `front` too, put back once pass 2 is done.
    let facts = std::mem::take(&mut front.facts);
    let analysed = per_file(front, sinks, |f, file, loaded, ctx, sink| {
        let lines = Lines {
            boilerplate,
            texts: line_texts,
            link,
            spill: &spill,
            early,
            facts: facts.get(f).and_then(Option::as_ref),
        };
        analyze_file(f, file, loaded, sink, &lines, ctx)
    })?;
    front.facts = facts;
    let mut doc_files = Vec::with_capacity(slots.len());
    let mut cached = Vec::with_capacity(slots.len());
    let mut errors: Vec<Error> = std::mem::take(&mut front.walk.errors);
    let mut bytes = 0u64;
    let mut reused = 0;
    let mut offset = 0;
    for (f, result) in analysed.into_iter().enumerate() {
        let file = &front.walk.files[f];
        let mine = &mut slots[offset..offset + counts[f]];
        offset += counts[f];
        match result {
            Ok(Some((from_cache, n))) => {
                reused += from_cache;
                bytes += n as u64;
                for doc in mine.iter().flatten() {
                    for w in &doc.meta.warnings {
                        front
                            .progress
                            .message(&format!("{}: {w}", file.path.display()));
                    }
                    doc_files.push(f);
                    cached.push(from_cache > 0);
                }
            }
            Ok(None) => mine.fill_with(|| None),
            Err(err) => {
                mine.fill_with(|| None);
                front.progress.message(&err.to_string());
                errors.push(err);
            }
        }
    }
    let aside = early.map_or_else(Vec::new, |early| {
        early.placed(slots.len(), |s| slots[s].is_some())
    });
    // In place: `Option<Doc>` and `Doc` have the same layout, and
    // `filter_map` (unlike `flatten`) reuses the allocation.
    #[allow(clippy::filter_map_identity)]
    let docs: Vec<Doc> = slots.into_iter().filter_map(|d| d).collect();
    Ok(Analysed {
        docs,
        doc_files,
        errors,
        bytes,
        reused,
        cached,
        aside,
    })
}

/// What pass 2 knows of boilerplate lines: the corpus's, where their
/// texts go; and where pass 1 set articles aside.
struct Lines<'a> {
    boilerplate: &'a FxHashSet<u64>,
    texts: &'a LineTexts,
    link: CacheLink<'a>,
    spill: &'a Spill,
    /// Where articles are set aside as they are packed, if they are.
    early: Option<&'a Early>,
    /// What pass 1 found of the file, when caching: the line keys of
    /// each of its articles.
    facts: Option<&'a FileFacts>,
}

/// Pass 2 for one file (the `f`th): analyse each of its articles into
/// `sink`, one slot per article pass 1 found; or take them from the
/// cache when it holds them and the corpus calls the same lines of
/// theirs boilerplate as when they were analysed.
fn analyze_file(
    f: usize,
    file: &InputFile,
    loaded: Loaded,
    (start, sink): (usize, &mut [Option<Doc>]),
    lines: &Lines<'_>,
    ctx: &Context,
) -> Result<usize, Error> {
    let (boilerplate, line_texts) = (lines.boilerplate, lines.texts);
    if let (Some(reuse), Some((body, n)), Some(facts)) =
        (lines.link.reuse, loaded.cached, lines.facts)
        && n == sink.len()
    {
        // Taken only if the corpus calls the same lines of each article
        // boilerplate as when it was analysed.
        let same = |e: usize, repeated: &[u64]| {
            facts.lines.get(e).is_some_and(|keys| {
                keys.iter()
                    .filter(|k| boilerplate.contains(k))
                    .eq(repeated.iter())
            })
        };
        let took = reuse.articles(
            body,
            &file.source,
            n,
            same,
            |e, found, mut doc| {
                for &(key, text) in found {
                    line_texts.offer((f, e), key, text);
                }
                if let Some(keep) = lines.link.found {
                    keep.keep((f, e), found.iter().copied());
                }
                if let Some(early) = lines.early
                    && let Some(at) = early.offer_cached(&mut doc)
                {
                    early.place(start + e, at);
                }
                sink[e] = Some(doc);
            },
        );
        // Otherwise (its boilerplate changed, or its record did not
        // check) the file is read and analysed again.
        if took == Ok(true) {
            return Ok(n);
        }
    }
    let entries = entries_of(file, loaded, lines.spill)?;
    if entries.len() != sink.len() {
        // Read again (memory budget), it no longer holds what pass 1
        // found.
        return Err(Error {
            path: file.path.clone(),
            source: file.source.to_string(),
            kind: ErrorKind::ChangedDuringRun,
        });
    }
    // The articles of one file (a WordPress export) are spread over the
    // workers too, so that one large export does not leave a core idle.
    let (lines_found, early) = (lines.link.found, lines.early);
    entries
        .into_par_iter()
        .zip(sink.par_iter_mut())
        .enumerate()
        .for_each(|(e, ((entry, mut parsed, related, keys), slot))| {
            let lines = sections::mark_boilerplate_with(
                &mut parsed,
                &keys,
                boilerplate,
            );
            let mut boilerplate: Vec<u64> =
                lines.iter().map(|&(key, _)| key).collect();
            boilerplate.sort_unstable();
            boilerplate.dedup();
            if let Some(found) = lines_found {
                found
                    .keep((f, e), lines.iter().map(|(k, t)| (*k, t.as_str())));
            }
            for (key, text) in &lines {
                line_texts.offer((f, e), *key, text);
            }
            if parsed.meta.date.is_none() {
                parsed.meta.date =
                    crate::meta::date_from_file_name(&file.source);
            }
            crate::meta::split_jekyll_tags(&mut parsed.meta, &file.source);
            let analysis = with_scratch(|scratch| {
                analyze_document(&parsed, ctx, scratch)
            });
            // Held until the article is written: no spare capacity.
            parsed.meta.shrink_to_fit();
            let mut doc = Doc {
                id: String::new(),
                source: file.source.clone(),
                entry: entry.map(Into::into),
                text_hash: shard::text_hash(&parsed.text),
                meta: parsed.meta,
                related: related
                    .into_iter()
                    .map(|mut title| {
                        title.shrink_to_fit();
                        title
                    })
                    .collect(),
                boilerplate: boilerplate.into(),
                ..Doc::default()
            };
            match early {
                Some(early) => early.pack(start + e, &mut doc, analysis),
                None => doc.pack(analysis),
            }
            *slot = Some(doc);
        });
    Ok(0)
}
