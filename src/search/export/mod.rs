//! Export: `articles.jsonl` → what search engines ingest, streamed
//! line by line (an article at a time is in memory).
//!
//! - `es-bulk`: Elasticsearch / OpenSearch `_bulk` NDJSON: an
//!   `{"index":{"_index":NAME,"_id":ID}}` line before each article. With
//!   an output folder: `mapping.json` and `bulk-00001.ndjson`… files of
//!   at most `chunk_bytes` each (the servers refuse requests over
//!   100 MB by default), an action line never apart from its article.
//! - `es-mapping`: the index settings and mapping ([`es`]).
//! - `meilisearch`: a JSON array of documents (primary key `id`), each
//!   with a `date_timestamp`; with an output folder, `documents.json`
//!   and `settings.json` beside it.
//! - `meilisearch-settings`: the index settings ([`meilisearch`]).
//! - `jsonl`: JSON Lines, one article a line.
//! - `pagefind`: a Pagefind bundle, built by Pagefind's own indexer
//!   ([`pagefind`]); always into a folder.
//!
//! With `body`, each article gets a `body` field read again from its
//! file ([`super::body`]); `null` when the file is gone or changed.
//! Articles are written as they are in `articles.jsonl` (same field
//! order); added fields come last.
//!
//! An output folder is replaced whole, as a transaction (`folder`): it
//! must be missing, empty, or an earlier export (or, for `pagefind`, a
//! Pagefind bundle); one export writes it at a time.

pub mod es;
mod folder;
pub mod meilisearch;
pub mod pagefind;

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde_json::Value;

use super::body::{ArticleKey, Bodies};
use crate::error::FatalError;
use crate::outdir::Wait;
use crate::run::Progress;

pub use self::es::mapping;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Elasticsearch / OpenSearch `_bulk` NDJSON.
    EsBulk,
    /// A Meilisearch documents array (primary key `id`).
    Meilisearch,
    /// Meilisearch index settings.
    MeilisearchSettings,
    /// JSON Lines, one article a line.
    Jsonl,
    /// Elasticsearch / OpenSearch index settings and mapping.
    EsMapping,
    /// A Pagefind bundle (a folder).
    Pagefind,
}

impl ExportFormat {
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::EsBulk => "es-bulk",
            ExportFormat::Meilisearch => "meilisearch",
            ExportFormat::MeilisearchSettings => "meilisearch-settings",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::EsMapping => "es-mapping",
            ExportFormat::Pagefind => "pagefind",
        }
    }
}

/// Options of `billet export`.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The format.
    pub format: ExportFormat,
    /// Index name in `es-bulk` action lines.
    pub index_name: String,
    /// Add each article's body, read again from its file.
    pub body: bool,
    /// Most bytes of one `bulk-*.ndjson` file (es-bulk into a folder).
    pub chunk_bytes: u64,
    /// Pagefind: each record's URL, with `{id}` and `{source}` (the
    /// source path without its extension) replaced.
    pub url: String,
    /// Into a folder: whether to wait for another billet writing it.
    pub wait: Wait,
}

impl ExportOptions {
    /// The defaults: index `billet`, no body, 50 MB chunks, URL `/{id}/`.
    pub fn new(format: ExportFormat) -> ExportOptions {
        ExportOptions {
            format,
            index_name: "billet".to_string(),
            body: false,
            chunk_bytes: 50_000_000,
            url: "/{id}/".to_string(),
            wait: Wait::No,
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportSummary {
    /// Articles written.
    pub articles: usize,
    /// Articles whose body could not be read (with `--body`).
    pub without_body: usize,
    /// Files written (into a folder).
    pub files: usize,
    /// The reader went away (a closed pipe): output stopped early.
    pub stopped: bool,
}

/// Why an index name is refused by Elasticsearch / OpenSearch; `None`
/// when it is fine.
pub fn check_index_name(name: &str) -> Option<String> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.len() > 255
        || name.starts_with(['-', '_', '+'])
        || name.chars().any(|c| {
            c.is_uppercase()
                || c.is_whitespace()
                || matches!(c, '\\' | '/' | '*' | '?' | '"' | '<' | '>' | '|')
                || matches!(c, ',' | '#' | ':')
        });
    bad.then(|| {
        format!(
            "`{name}` is not a valid index name: lower case, no spaces or \
             any of \\ / * ? \" < > | , # :, not starting with - _ +"
        )
    })
}

enum Failure {
    Write(io::Error),
    Fatal(FatalError),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Write(e)
    }
}

/// Writes the analysis in `out` to `w` in `options.format` (every
/// format but `pagefind`, which is a folder: [`export_to_dir`]).
///
/// A closed pipe (`billet export … | head`) stops the export quietly
/// ([`ExportSummary::stopped`]); other write errors are fatal.
pub fn export(
    out: &Path,
    options: &ExportOptions,
    w: &mut dyn Write,
) -> Result<ExportSummary, FatalError> {
    let mut summary = ExportSummary::default();
    let result = match options.format {
        ExportFormat::EsMapping => {
            es::write_mapping(w).map_err(Failure::Write)
        }
        ExportFormat::MeilisearchSettings => {
            write_pretty(w, &meilisearch::settings()).map_err(Failure::Write)
        }
        ExportFormat::Pagefind => Err(Failure::Fatal(FatalError::new(
            "a Pagefind bundle is a folder: give --out DIR".to_string(),
        ))),
        ExportFormat::EsBulk => {
            let action = action_line(&options.index_name);
            each_article(out, options.body, &mut summary, |line, a, body| {
                w.write_all(&action(a))?;
                write_article(w, line, &[("body", body)])?;
                w.write_all(b"\n")?;
                Ok(())
            })
        }
        ExportFormat::Jsonl => {
            each_article(out, options.body, &mut summary, |line, _, body| {
                write_article(w, line, &[("body", body)])?;
                w.write_all(b"\n")?;
                Ok(())
            })
        }
        ExportFormat::Meilisearch => {
            write_meilisearch(out, options, w, &mut summary)
        }
    }
    .and_then(|()| w.flush().map_err(Failure::Write));
    match result {
        Ok(()) => Ok(summary),
        Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            summary.stopped = true;
            Ok(summary)
        }
        Err(Failure::Write(e)) => {
            Err(FatalError::new(format!("cannot write the export: {e}")))
        }
        Err(Failure::Fatal(e)) => Err(e),
    }
}

/// Writes the export into the folder `dir`, replacing an earlier export
/// there whole (see `folder`):
///
/// - `es-bulk`: `mapping.json`, `bulk-00001.ndjson`…;
/// - `meilisearch`: `documents.json`, `settings.json`;
/// - `pagefind`: the bundle;
/// - the others: their one file (`mapping.json`, `settings.json`,
///   `articles.jsonl`).
///
/// Another billet writing `dir` makes it fail at once, naming that run,
/// or wait as `options.wait` says (telling `progress`); `progress` also
/// says when the user asked to stop.
pub fn export_to_dir(
    out: &Path,
    options: &ExportOptions,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<ExportSummary, FatalError> {
    if !out.join("articles.jsonl").is_file() {
        return Err(no_analysis(out));
    }
    let kind = if options.format == ExportFormat::Pagefind {
        folder::Kind::Pagefind
    } else {
        folder::Kind::Billet(options.format.name())
    };
    folder::replace(dir, kind, options.wait, progress, |stage| {
        let mut summary = ExportSummary::default();
        let result = match options.format {
            ExportFormat::Pagefind => {
                return pagefind::write_bundle(out, options, stage);
            }
            ExportFormat::EsBulk => {
                write_file(stage, "mapping.json", &mut summary, |w| {
                    es::write_mapping(w).map_err(Failure::Write)
                })
                .and_then(|()| {
                    write_bulk_chunks(out, options, stage, &mut summary)
                })
            }
            ExportFormat::Meilisearch => {
                write_file(stage, "settings.json", &mut summary, |w| {
                    write_pretty(w, &meilisearch::settings())
                        .map_err(Failure::Write)
                })
                .and_then(|()| {
                    let mut articles = ExportSummary::default();
                    write_file(stage, "documents.json", &mut summary, |w| {
                        write_meilisearch(out, options, w, &mut articles)
                    })?;
                    summary.articles = articles.articles;
                    summary.without_body = articles.without_body;
                    Ok(())
                })
            }
            ExportFormat::MeilisearchSettings => {
                write_file(stage, "settings.json", &mut summary, |w| {
                    write_pretty(w, &meilisearch::settings())
                        .map_err(Failure::Write)
                })
            }
            ExportFormat::EsMapping => {
                write_file(stage, "mapping.json", &mut summary, |w| {
                    es::write_mapping(w).map_err(Failure::Write)
                })
            }
            ExportFormat::Jsonl => {
                let mut articles = ExportSummary::default();
                let r =
                    write_file(stage, "articles.jsonl", &mut summary, |w| {
                        each_article(
                            out,
                            options.body,
                            &mut articles,
                            |line, _, body| {
                                write_article(w, line, &[("body", body)])?;
                                w.write_all(b"\n")?;
                                Ok(())
                            },
                        )
                    });
                summary.articles = articles.articles;
                summary.without_body = articles.without_body;
                r
            }
        };
        match result {
            Ok(()) => Ok(summary),
            Err(Failure::Write(e)) => Err(FatalError::new(format!(
                "{}: cannot write: {e}",
                dir.display()
            ))),
            Err(Failure::Fatal(e)) => Err(e),
        }
    })
}

/// The `_bulk` action line of an article (`_id` = its id).
fn action_line(index: &str) -> impl Fn(&Value) -> Vec<u8> + '_ {
    move |a| {
        format!(
            "{{\"index\":{{\"_index\":{},\"_id\":{}}}}}\n",
            Value::from(index),
            a["id"]
        )
        .into_bytes()
    }
}

/// `_bulk` bodies of at most `options.chunk_bytes` each (one article
/// larger than that goes alone into its own file).
fn write_bulk_chunks(
    out: &Path,
    options: &ExportOptions,
    stage: &Path,
    summary: &mut ExportSummary,
) -> Result<(), Failure> {
    let action = action_line(&options.index_name);
    let mut current: Option<(io::BufWriter<fs::File>, u64)> = None;
    let mut files = 0;
    let mut pair = Vec::new();
    let mut articles = ExportSummary::default();
    each_article(out, options.body, &mut articles, |line, a, body| {
        pair.clear();
        pair.extend(action(a));
        write_article(&mut pair, line, &[("body", body)])?;
        pair.push(b'\n');
        let full = current
            .as_ref()
            .is_some_and(|(_, n)| n + pair.len() as u64 > options.chunk_bytes);
        if full || current.is_none() {
            if let Some((mut w, _)) = current.take() {
                w.flush()?;
            }
            files += 1;
            let path = stage.join(format!("bulk-{files:05}.ndjson"));
            current = Some((io::BufWriter::new(fs::File::create(path)?), 0));
        }
        let (w, n) = current.as_mut().expect("a chunk is open");
        w.write_all(&pair)?;
        *n += pair.len() as u64;
        Ok(())
    })?;
    if let Some((mut w, _)) = current {
        w.flush()?;
    }
    summary.files += files;
    summary.articles = articles.articles;
    summary.without_body = articles.without_body;
    Ok(())
}

/// A Meilisearch documents array: each article with its `date_timestamp`
/// (null without a date) and, with `body`, its body.
fn write_meilisearch(
    out: &Path,
    options: &ExportOptions,
    w: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), Failure> {
    w.write_all(b"[")?;
    let mut first = true;
    each_article(out, options.body, summary, |line, a, body| {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        let stamp = a["date"]
            .as_str()
            .and_then(meilisearch::date_timestamp)
            .map_or(Value::Null, Value::from);
        write_article(
            w,
            line,
            &[("body", body), ("date_timestamp", Some(&stamp))],
        )?;
        Ok(())
    })?;
    w.write_all(b"\n]\n")?;
    Ok(())
}

fn write_pretty(w: &mut dyn Write, value: &Value) -> io::Result<()> {
    let mut text = serde_json::to_vec_pretty(value).expect("JSON serialises");
    text.push(b'\n');
    w.write_all(&text)
}

/// Creates `name` in `stage`, fills it with `fill`, counts it.
fn write_file(
    stage: &Path,
    name: &str,
    summary: &mut ExportSummary,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut w = io::BufWriter::new(fs::File::create(stage.join(name))?);
    fill(&mut w)?;
    w.flush()?;
    summary.files += 1;
    Ok(())
}

fn no_analysis(out: &Path) -> FatalError {
    FatalError::new(format!(
        "{}: no articles.jsonl: run `billet analyze INPUT… --out {}` first",
        out.display(),
        out.display()
    ))
}

/// Calls `f` with each article of `out/articles.jsonl`: its line as
/// written, the line parsed, and (with `body`) its body or null.
fn each_article(
    out: &Path,
    body: bool,
    summary: &mut ExportSummary,
    mut f: impl FnMut(&str, &Value, Option<&Value>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let path = out.join("articles.jsonl");
    let file = fs::File::open(&path).map_err(|e| {
        Failure::Fatal(FatalError::new(format!(
            "{}: {e}: run `billet analyze INPUT… --out {}` first",
            path.display(),
            out.display()
        )))
    })?;
    let bodies = if body {
        Some(Bodies::load(out).map_err(|why| {
            Failure::Fatal(FatalError::new(format!(
                "--body: cannot read bodies: {why}"
            )))
        })?)
    } else {
        None
    };
    let mut reader = bodies.as_ref().map(Bodies::reader);
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| {
            Failure::Fatal(FatalError::new(format!("{}: {e}", path.display())))
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let article = serde_json::from_str::<Value>(line)
            .ok()
            .filter(|v| v["id"].is_string())
            .ok_or_else(|| {
                Failure::Fatal(FatalError::new(format!(
                    "{}:{}: not an article",
                    path.display(),
                    i + 1
                )))
            })?;
        let body = match reader.as_mut() {
            None => None,
            Some(reader) => {
                let id = article["id"].as_str().expect("checked");
                let key = ArticleKey {
                    id,
                    source: article["source"].as_str().unwrap_or_default(),
                    title: article["title"].as_str(),
                    chars: article["stats"]["chars"].as_u64().unwrap_or(0),
                };
                match reader.body(&key) {
                    Ok(body) => Some(Value::String(body)),
                    Err(why) => {
                        if summary.without_body < 10 {
                            eprintln!("billet: {id}: no body: {why}");
                        }
                        summary.without_body += 1;
                        Some(Value::Null)
                    }
                }
            }
        };
        f(line, &article, body.as_ref())?;
        summary.articles += 1;
    }
    if summary.without_body > 10 {
        eprintln!(
            "billet: … {} articles without body in all",
            summary.without_body
        );
    }
    Ok(())
}

/// Writes an article line as it is, with the `extra` fields that are
/// given appended inside the object (the line is a JSON object: it ends
/// in `}`).
fn write_article(
    w: &mut dyn Write,
    line: &str,
    extra: &[(&str, Option<&Value>)],
) -> io::Result<()> {
    let mut head = line.strip_suffix('}').unwrap_or(line).to_string();
    for (name, value) in extra {
        let Some(value) = value else { continue };
        if !head.trim_end().ends_with('{') {
            head.push(',');
        }
        head.push_str(&format!("{}:{value}", Value::from(*name)));
    }
    head.push('}');
    w.write_all(head.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn body_is_appended_inside_the_object() {
        let mut out = Vec::new();
        let x = json!("x");
        write_article(&mut out, r#"{"id":"a"}"#, &[("body", Some(&x))])
            .unwrap();
        assert_eq!(out, br#"{"id":"a","body":"x"}"#);
        out.clear();
        let stamp = json!(0);
        write_article(
            &mut out,
            "{}",
            &[
                ("body", Some(&Value::Null)),
                ("a", None),
                ("t", Some(&stamp)),
            ],
        )
        .unwrap();
        assert_eq!(out, br#"{"body":null,"t":0}"#);
        out.clear();
        write_article(&mut out, r#"{"id":"a"}"#, &[]).unwrap();
        assert_eq!(out, br#"{"id":"a"}"#);
    }

    #[test]
    fn index_names() {
        assert!(check_index_name("billet").is_none());
        assert!(check_index_name("blog-2024").is_none());
        for bad in ["", "Billet", "a b", "_x", "a/b", "a,b", ".."] {
            assert!(check_index_name(bad).is_some(), "{bad:?}");
        }
    }
}
