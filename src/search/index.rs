//! Indexing: an analysis folder (`articles.jsonl`, `corpus.json`) → a
//! tantivy index in `<OUT>/index`.
//!
//! Articles are read from `articles.jsonl` a chunk at a time; their
//! bodies are read again from their files ([`super::body`]) on every
//! core, then handed to tantivy's writer threads, which analyse them
//! with billet's French analyzer ([`super::analyzer`]). An article whose
//! file is gone or changed is indexed without body, with a warning.
//!
//! The workers that read the bodies also count the forms of the words of
//! each article, for the lexicon ([`super::lexicon`], written beside the
//! index), and give it its accented terms (the `accents` field, handed
//! to tantivy already tokenized: a few terms an article).
//!
//! The build holds OUT's lock (one writer: no analysis is swapped in
//! meanwhile), happens in `<OUT>/.billet/staging-index-XXXX` and is
//! swapped with `<OUT>/index` in one exchange once committed and on
//! disk ([`crate::outdir`]). A search never sees a half-built index nor
//! a moment without one; a failed or interrupted build leaves the old
//! index as it was.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{PreTokenizedString, Token};

use super::INDEX_DIR;
use super::analyzer::{self, Mode, Scratch};
use super::body::{ArticleKey, Bodies, BodyReader};
use super::lexicon::LexiconBuilder;
use super::schema::{self, Fields, days_from_iso};
use crate::error::FatalError;
use crate::normalize::normalize_into;
use crate::outdir::{Keep, Open, OutputDir, Wait};
use crate::run::Progress;
use crate::tokenize::{self, TokenKind};

/// Articles read, bodies extracted and sent to the writer at a time.
const CHUNK: usize = 256;
/// Writer memory per indexing thread (tantivy flushes a segment when it
/// is spent).
const WRITER_BYTES_PER_THREAD: usize = 64 << 20;
/// Warnings about missing bodies printed one by one; the rest are
/// counted.
const MAX_WARNINGS: usize = 10;

/// Options of `billet index`.
#[derive(Clone, Debug, Default)]
pub struct IndexOptions {
    /// Threads (reading bodies and indexing); 0 means all cores.
    pub jobs: usize,
    /// Whether to wait for another run writing OUT (`--wait`).
    pub wait: Wait,
}

/// What an indexing run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexSummary {
    /// Articles indexed.
    pub articles: usize,
    /// Articles indexed with their body.
    pub with_body: usize,
    /// Why some articles have no body: one line each, the first few.
    pub warnings: Vec<String>,
    /// Why no body at all could be read, if so.
    pub no_bodies: Option<String>,
    /// Wall time in seconds.
    pub seconds: f64,
    /// The index folder.
    pub path: PathBuf,
}

/// The parts of an article line the index needs.
#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    source: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    stats: LineStats,
    #[serde(default)]
    key_terms: Vec<LineTerm>,
    #[serde(default)]
    key_phrases: Vec<LinePhrase>,
    questions: LineQuestions,
    series: Option<LineSeries>,
}

#[derive(Debug, Deserialize)]
struct LineStats {
    chars: u64,
}

#[derive(Debug, Deserialize)]
struct LineTerm {
    term: String,
}

#[derive(Debug, Deserialize)]
struct LinePhrase {
    phrase: String,
}

#[derive(Debug, Deserialize)]
struct LineQuestions {
    total: u64,
    direct: u64,
    indirect: u64,
    /// Absent from the output of billet before format 1.1.
    #[serde(default)]
    embedded: u64,
    #[serde(default)]
    forms: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Deserialize)]
struct LineSeries {
    key: String,
    name: String,
    part: u64,
}

/// Builds `<out>/index` from the analysis in `out`, replacing any index
/// there whole. `progress` is asked between chunks whether to stop (and
/// told whom a `--wait` waits for).
pub fn build_index(
    out: &Path,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexSummary, FatalError> {
    let started = Instant::now();
    let jsonl_path = out.join("articles.jsonl");
    let no_analysis = |e: &dyn std::fmt::Display| {
        FatalError::new(format!(
            "{}: {e}: run `billet analyze INPUT… --out {}` first",
            jsonl_path.display(),
            out.display()
        ))
    };
    if let Err(e) = fs::metadata(&jsonl_path) {
        return Err(no_analysis(&e));
    }
    let how = Open {
        create: false,
        wait: options.wait,
        keep: crate::run::ANALYSIS,
        accept: None,
    };
    let dir =
        OutputDir::open(out, &how, &|| progress.cancelled(), &mut |holder| {
            crate::run::say_waiting(progress, out, holder)
        })?;
    let unchanged = |mut e: FatalError| {
        e.message.push_str(&format!(
            "; {} is unchanged",
            out.join(INDEX_DIR).display()
        ));
        e
    };
    let staging = dir.stage_sub(INDEX_DIR).map_err(|e| unchanged(e.into()))?;
    let mut summary = build_into(out, staging.path(), options, progress)
        .map_err(unchanged)?;
    let done = staging
        .commit(&Keep::default(), &|| progress.cancelled())
        .map_err(|e| unchanged(e.into()))?;
    if let Some(warning) = done.warning() {
        progress.message(&warning);
    }
    summary.path = out.join(INDEX_DIR);
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The build of [`build_index`] into the folder `into`, OUT locked.
fn build_into(
    out: &Path,
    into: &Path,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexSummary, FatalError> {
    let jsonl_path = out.join("articles.jsonl");
    let jsonl = fs::File::open(&jsonl_path).map_err(|e| {
        FatalError::new(format!(
            "{}: {e}: run `billet analyze INPUT… --out {}` first",
            jsonl_path.display(),
            out.display()
        ))
    })?;
    let (bodies, no_bodies) = match Bodies::load(out) {
        Ok(b) => (b, None),
        Err(why) => (Bodies::default(), Some(why)),
    };
    let fatal = |what: &str, e: &dyn std::fmt::Display| {
        FatalError::new(format!("{}: {what}: {e}", out.display()))
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| fatal("cannot start worker threads", &e))?;
    let threads = pool.current_num_threads().clamp(1, 8);

    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(into, schema)
        .map_err(|e| fatal("cannot create the index", &e))?;
    analyzer::register(&index);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads, threads * WRITER_BYTES_PER_THREAD)
        .map_err(|e| fatal("cannot open the index writer", &e))?;

    let mut summary = IndexSummary {
        no_bodies,
        ..IndexSummary::default()
    };
    let mut workers: Vec<Worker> = (0..pool.current_num_threads())
        .map(|_| Worker::new(&bodies))
        .collect();
    let mut lines = BufReader::new(jsonl).lines();
    let mut line_no = 0usize;
    let mut warned = 0usize;
    loop {
        if progress.cancelled() {
            return Err(FatalError::interrupted(
                "interrupted while indexing".to_string(),
            ));
        }
        let mut chunk: Vec<(u64, Line)> = Vec::with_capacity(CHUNK);
        for line in lines.by_ref() {
            line_no += 1;
            let line = line.map_err(|e| fatal("articles.jsonl", &e))?;
            if line.trim().is_empty() {
                continue;
            }
            let article: Line = serde_json::from_str(&line).map_err(|e| {
                FatalError::new(format!(
                    "{}:{line_no}: not an article: {e}",
                    jsonl_path.display()
                ))
            })?;
            chunk.push((summary.articles as u64, article));
            summary.articles += 1;
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        // One slice of the chunk per worker; each worker keeps its
        // counts (and its last parsed file) from chunk to chunk.
        let per = chunk.len().div_ceil(workers.len());
        let parts: Vec<Vec<Indexed>> = pool.install(|| {
            workers
                .par_iter_mut()
                .zip(chunk.par_chunks(per))
                .map(|(worker, part)| {
                    part.iter()
                        .map(|(ord, line)| {
                            document(&fields, *ord, line, worker)
                        })
                        .collect()
                })
                .collect()
        });
        let docs = parts.into_iter().flatten().map(|d| (d.doc, d.warning));
        for (doc, warning) in docs {
            match warning {
                // Without inputs, one warning says it for the whole run.
                Some(_) if summary.no_bodies.is_some() => {}
                Some(w) => {
                    warned += 1;
                    if summary.warnings.len() < MAX_WARNINGS {
                        summary.warnings.push(w);
                    }
                }
                None => summary.with_body += 1,
            }
            writer
                .add_document(doc)
                .map_err(|e| fatal("cannot index", &e))?;
        }
    }
    if warned > summary.warnings.len() {
        summary.warnings.push(format!(
            "… and {} more articles without body",
            warned - summary.warnings.len()
        ));
    }
    let mut commit = writer
        .prepare_commit()
        .map_err(|e| fatal("cannot commit the index", &e))?;
    commit.set_payload(schema::VERSION);
    commit
        .commit()
        .map_err(|e| fatal("cannot commit the index", &e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| fatal("cannot finish the index", &e))?;
    drop(index);
    let mut lexicon = LexiconBuilder::default();
    for worker in workers {
        lexicon.merge(worker.lexicon());
    }
    lexicon
        .write(into)
        .map_err(|e| fatal("cannot write the lexicon", &e))?;

    Ok(summary)
}

/// An article ready for the writer.
struct Indexed {
    doc: TantivyDocument,
    /// Why it has no body, if so.
    warning: Option<String>,
}

/// What an indexing worker keeps from article to article.
struct Worker<'b> {
    reader: BodyReader<'b>,
    scratch: Scratch,
    /// Scratch for a normalised form.
    form: String,
    /// The forms of the worker's articles.
    forms: FxHashMap<Box<str>, Form>,
}

/// A form, as a worker counts it.
struct Form {
    /// Articles holding it.
    articles: u64,
    /// The last article counted.
    last: u64,
    /// Whether the lexicon keeps it (it has a term and letters).
    kept: bool,
    /// Its accented term.
    accented: Option<Box<str>>,
}

impl<'b> Worker<'b> {
    fn new(bodies: &'b Bodies) -> Worker<'b> {
        Worker {
            reader: bodies.reader(),
            scratch: Scratch::default(),
            form: String::new(),
            forms: FxHashMap::default(),
        }
    }

    /// The forms counted, for the lexicon.
    fn lexicon(self) -> LexiconBuilder {
        let mut words = LexiconBuilder::default();
        for (form, f) in self.forms {
            if f.kept {
                words.add(&form, f.articles);
            }
        }
        words
    }

    /// Counts the words of `text` (article `ord`) and adds the accented
    /// terms of forms not yet seen in the article to `accented`.
    ///
    /// tantivy's threads analyse the text for its fields; this pass only
    /// tokenizes and looks each form up once, since what it needs of a
    /// form (its accented term, whether it has a term) is the same
    /// wherever it appears. Compounds, rare, go through the whole
    /// analysis for their parts.
    fn words(&mut self, ord: u64, text: &str, accented: &mut Vec<Token>) {
        let mut tokens = Vec::new();
        tokenize::tokenize_into(text, 0, &mut tokens);
        for t in &tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            normalize_into(t.text, &mut self.form);
            if !analyzer::is_compound(&self.form) {
                count(&mut self.forms, &self.form, ord, accented);
                continue;
            }
            let forms = &mut self.forms;
            analyzer::analyze(t.text, Mode::Prose, &mut self.scratch, |a| {
                count(forms, a.form, ord, accented);
            });
        }
    }
}

/// Counts `form` in article `ord`; adds its accented term to `accented`
/// the first time the article has it.
fn count(
    forms: &mut FxHashMap<Box<str>, Form>,
    form: &str,
    ord: u64,
    accented: &mut Vec<Token>,
) {
    let f = match forms.get_mut(form) {
        Some(f) => f,
        None => {
            let terms = analyzer::form_terms(form, TokenKind::Word);
            let f = Form {
                articles: 0,
                last: u64::MAX,
                kept: terms.term.is_some()
                    && form.chars().any(char::is_alphabetic),
                accented: terms.accented,
            };
            forms.entry(form.into()).or_insert(f)
        }
    };
    if f.last == ord {
        return;
    }
    f.last = ord;
    f.articles += 1;
    if let Some(term) = &f.accented {
        accented.push(Token {
            text: term.to_string(),
            position: accented.len(),
            ..Token::default()
        });
    }
}

/// The index document of one article, and why it has no body if so.
fn document(
    f: &Fields,
    ord: u64,
    line: &Line,
    worker: &mut Worker<'_>,
) -> Indexed {
    let mut accented = Vec::new();
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &line.id);
    doc.add_u64(f.ord, ord);
    doc.add_text(f.source, &line.source);
    if let Some(title) = &line.title {
        doc.add_text(f.title, title);
        worker.words(ord, title, &mut accented);
    }
    if let Some(author) = &line.author {
        doc.add_text(f.author, author);
    }
    if let Some(date) = &line.date {
        doc.add_text(f.date_text, date);
        if let Some(days) = days_from_iso(date) {
            doc.add_date(f.date, DateTime::from_timestamp_secs(days * 86_400));
        }
    }
    for tag in &line.tags {
        doc.add_text(f.tags, tag);
    }
    for t in &line.key_terms {
        doc.add_text(f.key_terms, &t.term);
        worker.words(ord, &t.term, &mut accented);
    }
    for p in &line.key_phrases {
        doc.add_text(f.key_phrases, &p.phrase);
        worker.words(ord, &p.phrase, &mut accented);
    }
    if let Some(s) = &line.series {
        doc.add_text(f.series, &s.key);
        doc.add_text(f.series, &s.name);
        doc.add_text(f.series_key, &s.key);
        doc.add_u64(f.part, s.part);
    }
    let q = &line.questions;
    doc.add_u64(f.questions, q.total);
    doc.add_u64(f.direct, q.direct);
    doc.add_u64(f.indirect, q.indirect);
    doc.add_u64(f.embedded, q.embedded);
    for (form, &n) in &q.forms {
        if n > 0 {
            doc.add_text(f.forms, form);
        }
    }
    let key = ArticleKey {
        id: &line.id,
        source: &line.source,
        title: line.title.as_deref(),
        chars: line.stats.chars,
    };
    let warning = match worker.reader.body(&key) {
        Ok(body) => {
            worker.words(ord, &body, &mut accented);
            doc.add_text(f.body, body);
            None
        }
        Err(why) => {
            Some(format!("{} ({}): no body: {why}", line.id, line.source))
        }
    };
    if !accented.is_empty() {
        doc.add_pre_tokenized_text(
            f.accents,
            PreTokenizedString {
                text: String::new(),
                tokens: accented,
            },
        );
    }
    Indexed { doc, warning }
}
