//! The output folder: opened and locked before a run reads anything
//! ([`open_out`]), then filled in its staging folder: the article files
//! and `articles.jsonl` streamed in id order a chunk at a time (so the
//! JSON of the whole corpus is never in memory), then `series.json`,
//! `tags.json` and `errors.jsonl`. The run swaps the staging folder in
//! whole once `corpus.json` is there too ([`crate::outdir`]), so every
//! file here is written once, under its own name, into a fresh folder.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{AnalyzeOptions, Progress};
use crate::corpus::Doc;
use crate::error::{Error, FatalError};
use crate::outdir::{Keep, Open, OutputDir};
use crate::output::{self, Article, ErrorLine};

/// What `billet analyze` writes in its output folder: replaced or
/// dropped by each run, while anything else there (an index, a file of
/// the user's) is carried into the new output.
pub const ANALYSIS: Keep<'static> = Keep {
    owned: &[
        "articles",
        "articles.jsonl",
        "series.json",
        "tags.json",
        "corpus.json",
        "errors.jsonl",
    ],
    owned_files: &[("articles", ".json")],
    all: false,
};

/// Opens and locks the output folder (created if missing, waited for
/// as `--wait` says) and checks it: billet's, and not an input.
pub(super) fn open_out(
    options: &AnalyzeOptions,
    progress: &dyn Progress,
) -> Result<OutputDir, FatalError> {
    let how = Open {
        create: true,
        wait: options.wait,
        keep: ANALYSIS,
        accept: None,
    };
    let out = OutputDir::open(
        &options.out,
        &how,
        &|| progress.cancelled(),
        &mut |holder| say_waiting(progress, &options.out, holder),
    )?;
    for input in &options.inputs {
        if input.canonicalize().is_ok_and(|i| i == out.path()) {
            return Err(FatalError::new(format!(
                "{}: --out cannot be an input folder",
                options.out.display()
            )));
        }
    }
    Ok(out)
}

/// Tells the user, through `progress`, whom a run waits for before it
/// writes `out` (`--wait`).
pub fn say_waiting(
    progress: &dyn Progress,
    out: &Path,
    holder: Option<&crate::outdir::Holder>,
) {
    let who = match holder {
        Some(h) => format!("the billet run that holds it ({h})"),
        None => "the process that holds it".to_string(),
    };
    progress.message(&format!("{}: waiting for {who}", out.display()));
}

/// Writes `bytes` to the new file `path` (in a staging folder).
pub(super) fn write(path: &Path, bytes: &[u8]) -> Result<(), FatalError> {
    output::write_new(path, bytes).map_err(|e| cannot_write(path, e))
}

/// The error of a write to `path` that failed with `e`.
fn cannot_write(path: &Path, e: std::io::Error) -> FatalError {
    FatalError::new(format!("{}: cannot write: {e}", path.display()))
}

/// An article done by any thread, for the thread that writes
/// `articles.jsonl`.
struct Built {
    /// Its line of `articles.jsonl`.
    line: Vec<u8>,
}

/// Where a chunk's article is left for the thread that writes
/// `articles.jsonl`, by the thread that made it.
type Slot = Mutex<Option<Result<Built, FatalError>>>;

/// The content of `slot`. Nothing that can panic runs while a slot is
/// held, so a poisoned one still holds a whole value.
fn lock(
    slot: &Slot,
) -> std::sync::MutexGuard<'_, Option<Result<Built, FatalError>>> {
    slot.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Articles written per chunk: the `articles.jsonl` lines of a chunk are
/// held until their turn, so a chunk stays small.
const WRITE_CHUNK: usize = 512;

/// The buffer `articles.jsonl` is written through.
const JSONL_BUFFER: usize = 256 << 10;

/// Writes the per-article files and `articles.jsonl` (sorted by id),
/// streaming chunk by chunk; then `series.json` and `errors.jsonl`.
///
/// `out` is a fresh (staging) folder. `--jobs N` threads share the
/// work, this one included: each claims the next article of the chunk,
/// builds its JSON and creates its file (plain creations in one folder
/// scale with threads). This thread also appends the lines to
/// `articles.jsonl` in id order, building an article itself whenever
/// the next line is not ready.
#[allow(clippy::too_many_arguments)] // each is one output's content
pub(super) fn write_outputs(
    out: &Path,
    docs: &[Doc],
    build: impl Fn(usize) -> Result<Article, FatalError> + Sync,
    series: &[output::Series],
    tags: &output::TagsReport,
    errors: &[Error],
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
) -> Result<(), FatalError> {
    let dir = out.join("articles");
    fs::create_dir(&dir).map_err(|e| cannot_write(&dir, e))?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let jsonl_path = out.join("articles.jsonl");
    let cannot = |e| cannot_write(&jsonl_path, e);
    let jsonl = output::create_new(&jsonl_path).map_err(cannot)?;
    // ~2.5 KB a line: BufWriter's 8 KB made a `write` call every three
    // lines (2,600 for ../shared/corpus x10).
    let mut jsonl_out = std::io::BufWriter::with_capacity(JSONL_BUFFER, jsonl);
    let files =
        output::NewFiles::open(&dir).map_err(|e| cannot_write(&dir, e))?;
    let make = |i: usize| -> Result<Built, FatalError> {
        let a = build(i)?;
        let name = format!("{}.json", a.id);
        let (pretty, line) = output::to_pretty_and_compact(&a);
        files
            .write_new(&name, &pretty)
            .map_err(|e| cannot_write(&dir.join(&name), e))?;
        Ok(Built { line })
    };
    // Claims the next article of `chunk` through `claimed` and makes it
    // into its slot; false when none is left.
    let make_next =
        |chunk: &[usize], claimed: &AtomicUsize, slots: &[Slot]| -> bool {
            let k = claimed.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = chunk.get(k) else {
                return false;
            };
            // Each slot is claimed once, so it is empty.
            *lock(&slots[k]) = Some(make(i));
            true
        };
    let helpers = pool.current_num_threads().saturating_sub(1);
    for chunk in order.chunks(WRITE_CHUNK) {
        if progress.cancelled() {
            return Err(FatalError::interrupted(
                "interrupted while writing: nothing was written".to_string(),
            ));
        }
        let claimed = AtomicUsize::new(0);
        let slots: Vec<Slot> =
            (0..chunk.len()).map(|_| Mutex::new(None)).collect();
        let mut wrote: Result<(), FatalError> = Ok(());
        pool.in_place_scope(|scope| {
            for _ in 0..helpers {
                let (claimed, slots, make_next) =
                    (&claimed, &slots, &make_next);
                scope
                    .spawn(move |_| while make_next(chunk, claimed, slots) {});
            }
            for slot in &slots {
                // Taken out of its slot, so that its line is freed once
                // written: the next article's reuses its memory instead
                // of a chunk's worth of lines (~2 MB) held until the
                // chunk ends, then freed and given back to the system,
                // and faulted in again by the next chunk.
                let built = loop {
                    if let Some(built) = lock(slot).take() {
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
                        wrote = Err(e);
                        // Stop the other threads at their next claim.
                        claimed.store(chunk.len(), Ordering::Relaxed);
                        return;
                    }
                };
                if let Err(e) = jsonl_out.write_all(&built.line) {
                    wrote = Err(cannot(e));
                    claimed.store(chunk.len(), Ordering::Relaxed);
                    return;
                }
            }
        });
        wrote?;
    }
    jsonl_out.flush().map_err(cannot)?;
    drop(jsonl_out);
    let path = out.join("series.json");
    output::write_pretty_json(&path, &series)
        .map_err(|e| cannot_write(&path, e))?;
    let path = out.join("tags.json");
    output::write_pretty_json(&path, tags)
        .map_err(|e| cannot_write(&path, e))?;
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
