//! The output folder: checked and prepared before a run reads anything,
//! then filled: the article files and `articles.jsonl` streamed in id
//! order a chunk at a time (so the JSON of the whole corpus is never in
//! memory), then `series.json` and `errors.jsonl`. Every file is written
//! whole ([`crate::output::files`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Progress;
use crate::corpus::Doc;
use crate::error::{Error, FatalError};
use crate::output::{self, Article, ErrorLine};

/// Creates the output folder and checks it: a folder, writable, and not
/// one of the inputs' files. Returns its canonical path.
pub(super) fn prepare_out_dir(
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

pub(super) fn write(path: &Path, bytes: &[u8]) -> Result<(), FatalError> {
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
#[allow(clippy::too_many_arguments)] // each is one output's content
pub(super) fn write_outputs(
    out: &Path,
    docs: &[Doc],
    build: impl Fn(usize) -> Article + Sync,
    series: &[output::Series],
    tags: &output::TagsReport,
    errors: &[Error],
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
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
        if progress.cancelled() {
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
                 series.json, tags.json, corpus.json and errors.jsonl not \
                 updated"
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
    write(&out.join("tags.json"), &output::to_pretty_json(tags))?;
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
