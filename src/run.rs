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
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::cli::Config;
use crate::corpus::{self, CorpusStats, Doc};
use crate::error::{Error, ErrorKind, FatalError};
use crate::report::{self, Article, CorpusReport, ErrorLine, Links, Stats};
use crate::sections;
use crate::source::{self, InputFile, Parsed};
use crate::{Context, Scratch, analyze_document};

/// Parsed text kept between the two passes, at most.
pub const KEEP_BYTES: usize = 256 << 20;
/// Words read per minute, for `reading_minutes`.
const WORDS_PER_MINUTE: f64 = 230.0;
/// Longest id, in bytes.
const MAX_ID_BYTES: usize = 200;

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

/// Runs `billet analyze` as configured.
pub fn run(config: &Config) -> Result<Summary, FatalError> {
    let started = Instant::now();
    install_interrupt_handler();
    let out = prepare_out_dir(&config.out, &config.inputs)?;
    let walk = source::walk(&config.inputs, Some(&out));
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
    let report_error = |err: &Error| {
        bar.suspend(|| eprintln!("billet: {err}"));
    };
    for err in &walk.errors {
        report_error(err);
    }
    let ctx = Context {
        stopwords: config.stopwords.clone(),
        vocab: crate::stem::Vocab::new(),
    };

    // Pass 1: read and parse; collect the keys of lines that may be
    // boilerplate.
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
    let boilerplate = boilerplate_lines(&line_docs, n_loaded);
    drop(line_docs);

    if interrupted() {
        bar.finish_and_clear();
        return Err(FatalError::interrupted(
            "interrupted while reading: nothing was written".to_string(),
        ));
    }

    // Pass 2: analyse each article.
    bar.set_message("analyse");
    let analysed: Vec<Result<(Vec<Doc>, usize), Error>> = pool.install(|| {
        walk.files
            .par_iter()
            .zip(loaded)
            .map_init(Scratch::default, |scratch, (file, loaded)| {
                if interrupted() {
                    return Ok((Vec::new(), 0));
                }
                let result = match loaded {
                    Ok(Some(l)) => {
                        let bytes = l.bytes;
                        analyze_file(file, l, &boilerplate, &ctx, scratch)
                            .map(|docs| (docs, bytes))
                    }
                    Ok(None) => Ok((Vec::new(), 0)),
                    Err(err) => Err(err),
                };
                bar.inc(1);
                result
            })
            .collect()
    });
    bar.finish_and_clear();
    if interrupted() {
        return Err(FatalError::interrupted(
            "interrupted while analysing: nothing was written".to_string(),
        ));
    }

    let mut docs = Vec::with_capacity(analysed.len());
    let mut errors: Vec<Error> = walk.errors;
    let mut bytes = 0u64;
    for (file, result) in walk.files.iter().zip(analysed) {
        match result {
            Ok((file_docs, n)) => {
                bytes += n as u64;
                for doc in file_docs {
                    for w in &doc.meta.warnings {
                        bar.suspend(|| {
                            eprintln!("billet: {}: {w}", file.path.display())
                        });
                    }
                    docs.push(doc);
                }
            }
            Err(err) => {
                report_error(&err);
                errors.push(err);
            }
        }
    }
    assign_ids(&mut docs);

    // The corpus pass.
    let vocab = ctx.vocab.freeze();
    corpus::stabilize_in(&pool, &mut docs, &vocab);
    let stats = CorpusStats::build(&docs, vocab.stem_count());
    let (series, series_refs, related, similar) = pool.install(|| {
        let (series, series_refs) = corpus::find_series(&docs);
        let related = corpus::link_related(&docs);
        let similar = corpus::similar(&docs, &stats);
        (series, series_refs, related, similar)
    });
    let mut corpus_report = CorpusReport {
        documents: docs.len() as u32,
        words: docs
            .iter()
            .map(|d| u64::from(d.analysis.counts.words))
            .sum(),
        distinct_stems: stats.df.iter().filter(|&&n| n > 0).count() as u32,
        top_terms: top_corpus_terms(&docs, &stats, &vocab),
        boilerplate: boilerplate_report(&docs),
        series: series.len() as u32,
        ignored_files: ignored as u32,
        skipped_items: skipped as u32,
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
        mb_per_s: 0.0,
    };
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
            questions: doc.analysis.questions.clone(),
            series: series_refs[i].clone(),
            links: Links {
                related: related[i].clone(),
                similar: similar[i].clone(),
            },
        }
    };
    write_outputs(&out, &docs, build, &series, &errors, &pool)?;
    let seconds = started.elapsed().as_secs_f64();
    corpus_report.elapsed_seconds = (seconds * 1000.0).round() / 1000.0;
    corpus_report.mb_per_s = if seconds > 0.0 {
        (bytes as f64 / 1e6 / seconds * 100.0).round() / 100.0
    } else {
        0.0
    };
    write(
        &out.join("corpus.json"),
        &report::to_pretty_json(&corpus_report),
    )?;

    let summary = Summary {
        articles: docs.len(),
        failed: errors.len(),
        ignored,
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

/// Removes the temporary files (`.billet-*.tmp`, see
/// [`report::write_atomic`]) that a run killed while writing left in
/// `dir`, so that they do not pile up.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".billet-") && name.ends_with(".tmp");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
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

/// Pass 2 for one file: analyse each of its articles.
fn analyze_file(
    file: &InputFile,
    loaded: Loaded,
    boilerplate: &FxHashSet<u64>,
    ctx: &Context,
    scratch: &mut Scratch,
) -> Result<Vec<Doc>, Error> {
    let entries: Vec<MarkedEntry> =
        if loaded.entries.iter().all(|e| e.parsed.is_some()) {
            loaded
                .entries
                .into_iter()
                .filter_map(|e| e.parsed.map(|p| (e.key, p, e.related)))
                .collect()
        } else {
            // Dropped to bound memory: read it again.
            read_and_extract(file)?.map(|x| x.0).unwrap_or_default()
        };
    let docs = entries
        .into_iter()
        .map(|(entry, mut parsed, related)| {
            let boilerplate =
                sections::mark_boilerplate(&mut parsed, boilerplate);
            if parsed.meta.date.is_none() {
                parsed.meta.date =
                    crate::meta::date_from_file_name(&file.source);
            }
            let analysis = analyze_document(&parsed, ctx, scratch);
            Doc {
                id: String::new(),
                source: file.source.clone(),
                entry,
                meta: parsed.meta,
                analysis,
                related,
                boilerplate,
            }
        })
        .collect();
    Ok(docs)
}

/// Sanitises a path or slug into an id: accents folded, lower case,
/// runs of anything but `[a-z0-9]` → `-`, at most 200 bytes.
pub fn sanitize_id(raw: &str) -> String {
    let mut folded = String::with_capacity(raw.len());
    for c in raw.chars() {
        sections::fold_char(c, &mut folded);
    }
    let mut id = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id = id.trim_matches('-').to_string();
    if id.len() > MAX_ID_BYTES {
        id.truncate(MAX_ID_BYTES);
        id = id.trim_end_matches('-').to_string();
    }
    if id.is_empty() {
        id.push_str("article");
    }
    id
}

/// Gives every article its id: front-matter slug or source path without
/// extension, sanitised, made unique with `-2`, `-3`… in input order.
fn assign_ids(docs: &mut [Doc]) {
    let mut used: FxHashSet<String> = FxHashSet::default();
    for doc in docs.iter_mut() {
        let file_id = || {
            let without_ext = match doc.source.rsplit_once('.') {
                Some((stem, ext)) if !ext.contains('/') => stem,
                _ => doc.source.as_str(),
            };
            sanitize_id(without_ext)
        };
        let base = match (&doc.entry, &doc.meta.slug) {
            (Some(entry), _) => sanitize_id(&format!("{}-{entry}", file_id())),
            (None, Some(slug)) => sanitize_id(slug),
            (None, None) => file_id(),
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            let suffix = format!("-{n}");
            let mut head = base.clone();
            head.truncate(MAX_ID_BYTES - suffix.len());
            id = format!("{head}{suffix}");
            n += 1;
        }
        used.insert(id.clone());
        doc.id = id;
    }
}

fn stats_of(doc: &Doc) -> Stats {
    let a = &doc.analysis;
    Stats {
        chars: a.chars,
        words: a.counts.words,
        sentences: a.sentences,
        distinct_stems: a.counts.terms.len() as u32,
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
) -> Vec<report::CorpusTerm> {
    let mut order: Vec<u32> = (0..stats.df.len() as u32)
        .filter(|&s| stats.df[s as usize] > 0)
        .collect();
    order.sort_by(|&a, &b| {
        stats.df[b as usize]
            .cmp(&stats.df[a as usize])
            .then(vocab.stem(a).cmp(vocab.stem(b)))
    });
    order.truncate(50);
    // A surface form: the one of the article that uses the stem most.
    let mut best: FxHashMap<u32, (u32, u32)> =
        order.iter().map(|&s| (s, (0, 0))).collect();
    for doc in docs {
        for t in &doc.analysis.counts.terms {
            if let Some(b) = best.get_mut(&t.stem)
                && t.count > b.0
            {
                *b = (t.count, t.surface);
            }
        }
    }
    order
        .iter()
        .map(|&s| report::CorpusTerm {
            term: vocab.form(best[&s].1).to_string(),
            stem: vocab.stem(s).to_string(),
            df: stats.df[s as usize],
        })
        .collect()
}

/// Boilerplate lines with the number of articles holding them, most
/// widespread first.
fn boilerplate_report(docs: &[Doc]) -> Vec<report::BoilerplateLine> {
    let mut lines: FxHashMap<u64, (String, u32)> = FxHashMap::default();
    for doc in docs {
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        for (key, text) in &doc.boilerplate {
            if seen.insert(*key) {
                lines.entry(*key).or_insert_with(|| (text.clone(), 0)).1 += 1;
            }
        }
    }
    let mut out: Vec<report::BoilerplateLine> = lines
        .into_values()
        .map(|(line, count)| report::BoilerplateLine { line, count })
        .collect();
    out.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.line.cmp(&b.line))
    });
    out
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), FatalError> {
    report::write_atomic(path, bytes).map_err(|e| {
        FatalError::new(format!("{}: cannot write: {e}", path.display()))
    })
}

/// Articles written per chunk: enough to keep both cores busy, few
/// enough that a chunk's JSON stays small.
const WRITE_CHUNK: usize = 512;

/// Writes the per-article files (in parallel) and `articles.jsonl`
/// (sorted by id), streaming chunk by chunk; then `series.json` and
/// `errors.jsonl`.
fn write_outputs(
    out: &Path,
    docs: &[Doc],
    build: impl Fn(usize) -> Article + Sync,
    series: &[report::Series],
    errors: &[Error],
    pool: &rayon::ThreadPool,
) -> Result<(), FatalError> {
    let dir = out.join("articles");
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let jsonl_path = out.join("articles.jsonl");
    let cannot = |e: std::io::Error| {
        FatalError::new(format!("{}: cannot write: {e}", jsonl_path.display()))
    };
    let mut jsonl = report::temp_output(out).map_err(cannot)?;
    let mut jsonl_out = std::io::BufWriter::new(jsonl.as_file_mut());
    let mut written = 0;
    for chunk in order.chunks(WRITE_CHUNK) {
        if interrupted() {
            return Err(FatalError::interrupted(format!(
                "interrupted while writing: {written} of {} article files \
                 written to {}; articles.jsonl, series.json, corpus.json \
                 and errors.jsonl not updated",
                docs.len(),
                out.display()
            )));
        }
        // JSON is built on every core; files are created by this thread
        // alone, since parallel creation in one folder only contends on
        // the folder's lock (measured: 3× the system time at --jobs 2).
        let built: Vec<(String, Vec<u8>, Vec<u8>)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|&i| {
                    let a = build(i);
                    let mut line =
                        serde_json::to_vec(&a).expect("articles serialise");
                    line.push(b'\n');
                    (
                        format!("{}.json", a.id),
                        report::to_pretty_json(&a),
                        line,
                    )
                })
                .collect()
        });
        for (name, pretty, line) in built {
            write(&dir.join(name), &pretty)?;
            written += 1;
            jsonl_out.write_all(&line).map_err(cannot)?;
        }
    }
    jsonl_out.flush().map_err(cannot)?;
    drop(jsonl_out);
    jsonl.persist(&jsonl_path).map_err(|e| cannot(e.error))?;
    write(&out.join("series.json"), &report::to_pretty_json(&series))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let cases = [
            (
                "blog/2013/communaute-partie-1",
                "blog-2013-communaute-partie-1",
            ),
            ("Carnet/Été 2024/Pâte à pain", "carnet-ete-2024-pate-a-pain"),
            ("../../etc/passwd", "etc-passwd"),
            ("///", "article"),
        ];
        for (raw, expected) in cases {
            assert_eq!(sanitize_id(raw), expected);
        }
        assert!(sanitize_id(&"é".repeat(500)).len() <= MAX_ID_BYTES);
    }

    #[test]
    fn unique_ids() {
        let mut docs: Vec<Doc> = ["a.txt", "a.md", "b.txt"]
            .iter()
            .map(|s| Doc {
                source: s.to_string(),
                ..Doc::default()
            })
            .collect();
        assign_ids(&mut docs);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "b"]);
    }
}
