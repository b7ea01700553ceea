//! Export: `articles.jsonl` → the bulk formats search engines ingest,
//! streamed line by line (an article at a time is in memory).
//!
//! - `es-bulk`: Elasticsearch / OpenSearch `_bulk` NDJSON: an
//!   `{"index":{"_index":NAME,"_id":ID}}` line before each article.
//! - `meilisearch`: a JSON array of documents (primary key `id`).
//! - `jsonl`: JSON Lines, one article a line.
//! - `es-mapping`: the index settings and mapping for Elasticsearch /
//!   OpenSearch, with analyzers that follow billet's own analysis
//!   (elision, billet's stopword list, Snowball French, then accents
//!   folded) — to `PUT` before the first `_bulk`.
//!
//! With `--body`, each article gets a `body` field read again from its
//! file ([`super::body`]); `null` when the file is gone or changed.
//! Articles are written as they are in `articles.jsonl` (same field
//! order); `body` is appended last.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::body::{ArticleKey, Bodies};
use crate::error::FatalError;
use crate::normalize::DEFAULT_STOPWORDS;

/// A bulk format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Elasticsearch / OpenSearch `_bulk` NDJSON.
    EsBulk,
    /// A Meilisearch documents array (primary key `id`).
    Meilisearch,
    /// JSON Lines, one article a line.
    Jsonl,
    /// Elasticsearch / OpenSearch index settings and mapping.
    EsMapping,
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
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportSummary {
    /// Articles written.
    pub articles: usize,
    /// Articles whose body could not be read (with `--body`).
    pub without_body: usize,
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

/// Writes the analysis in `out` to `w` in `options.format`.
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
        ExportFormat::EsMapping => write_mapping(w).map_err(Failure::Write),
        _ => write_articles(out, options, w, &mut summary),
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

fn write_articles(
    out: &Path,
    options: &ExportOptions,
    w: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), Failure> {
    let path = out.join("articles.jsonl");
    let file = fs::File::open(&path).map_err(|e| {
        Failure::Fatal(FatalError::new(format!(
            "{}: {e}: run `billet analyze INPUT… --out {}` first",
            path.display(),
            out.display()
        )))
    })?;
    let bodies = if options.body {
        Some(Bodies::load(out).map_err(|why| {
            Failure::Fatal(FatalError::new(format!(
                "--body: cannot read bodies: {why}"
            )))
        })?)
    } else {
        None
    };
    let mut reader = bodies.as_ref().map(Bodies::reader);
    if options.format == ExportFormat::Meilisearch {
        w.write_all(b"[")?;
    }
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
        let id = article["id"].as_str().expect("checked");
        let body = match reader.as_mut() {
            None => None,
            Some(reader) => {
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
        match options.format {
            ExportFormat::EsBulk => {
                writeln!(
                    w,
                    r#"{{"index":{{"_index":{},"_id":{}}}}}"#,
                    Value::from(options.index_name.as_str()),
                    Value::from(id)
                )?;
            }
            ExportFormat::Meilisearch if summary.articles > 0 => {
                w.write_all(b",")?;
            }
            _ => {}
        }
        if options.format == ExportFormat::Meilisearch {
            w.write_all(b"\n")?;
        }
        write_article(w, line, body.as_ref())?;
        if options.format != ExportFormat::Meilisearch {
            w.write_all(b"\n")?;
        }
        summary.articles += 1;
    }
    if options.format == ExportFormat::Meilisearch {
        w.write_all(b"\n]\n")?;
    }
    if summary.without_body > 10 {
        eprintln!(
            "billet: … {} articles without body in all",
            summary.without_body
        );
    }
    Ok(())
}

/// Writes an article line as it is, with `"body": …` appended inside
/// the object when given (the line is a JSON object: it ends in `}`).
fn write_article(
    w: &mut dyn Write,
    line: &str,
    body: Option<&Value>,
) -> io::Result<()> {
    match body {
        None => w.write_all(line.as_bytes()),
        Some(body) => {
            let head = line.strip_suffix('}').unwrap_or(line);
            let sep = if head.trim_end().ends_with('{') {
                ""
            } else {
                ","
            };
            write!(w, "{head}{sep}\"body\":{body}}}")
        }
    }
}

/// Writes the Elasticsearch / OpenSearch settings and mapping.
fn write_mapping(w: &mut dyn Write) -> io::Result<()> {
    let mut text =
        serde_json::to_vec_pretty(&mapping()).expect("the mapping serialises");
    text.push(b'\n');
    w.write_all(&text)
}

/// The settings and mapping for Elasticsearch / OpenSearch: analyzers
/// that follow billet's (same elisions, same stopword list, Snowball
/// French, accents folded after the stem) and the type of every field
/// of the article JSON.
pub fn mapping() -> Value {
    let mut elided = Vec::new();
    let mut stopwords = Vec::new();
    for word in DEFAULT_STOPWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match word.strip_suffix('\'') {
            Some(article) => elided.push(article.to_string()),
            None => stopwords.push(word.to_string()),
        }
    }
    let french = json!({"type": "text", "analyzer": "billet_fr"});
    let keyword = json!({"type": "keyword", "normalizer": "billet_keyword"});
    let int = json!({"type": "integer"});
    let float = json!({"type": "float"});
    let boolean = json!({"type": "boolean"});
    let id = json!({"type": "keyword"});
    let forms: serde_json::Map<String, Value> = super::query::FORMS
        .iter()
        .map(|f| (f.to_string(), int.clone()))
        .collect();
    json!({
        "settings": {
            "analysis": {
                "char_filter": {
                    "billet_apostrophe": {
                        "type": "mapping",
                        // The apostrophes billet's tokenizer elides
                        // after (tokenize::apostrophe_len).
                        "mappings": [
                            "’ => '", "ʼ => '", "‘ => '", "′ => '", "´ => '",
                            "` => '"
                        ]
                    },
                    "billet_squash": {
                        "type": "pattern_replace",
                        "pattern": "[^\\p{L}\\p{N}]+",
                        "replacement": ""
                    }
                },
                "filter": {
                    "billet_elision": {
                        "type": "elision",
                        "articles_case": true,
                        "articles": elided
                    },
                    "billet_stop": {
                        "type": "stop",
                        "stopwords": stopwords
                    },
                    "billet_stemmer": {
                        "type": "stemmer",
                        "language": "french"
                    }
                },
                "analyzer": {
                    "billet_fr": {
                        "type": "custom",
                        "char_filter": ["billet_apostrophe"],
                        "tokenizer": "standard",
                        "filter": [
                            "billet_elision",
                            "lowercase",
                            "billet_stop",
                            "billet_stemmer",
                            "asciifolding"
                        ]
                    },
                    "billet_name": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"]
                    }
                },
                "normalizer": {
                    "billet_keyword": {
                        "type": "custom",
                        "char_filter": ["billet_squash"],
                        "filter": ["lowercase", "asciifolding"]
                    }
                }
            }
        },
        "mappings": {
            "properties": {
                "id": id,
                "source": id,
                "title": {
                    "type": "text",
                    "analyzer": "billet_fr",
                    "fields": {"raw": {"type": "keyword"}}
                },
                "author": {
                    "type": "text",
                    "analyzer": "billet_name",
                    "fields": {"raw": {"type": "keyword"}}
                },
                "date": {"type": "date", "format": "yyyy-MM-dd"},
                "tags": keyword,
                "tag_slugs": id,
                "suggested_tags": {
                    "properties": {
                        "tag": keyword,
                        "slug": id,
                        "score": float,
                        "why": {"type": "text", "index": false}
                    }
                },
                "stats": {
                    "properties": {
                        "chars": int,
                        "words": int,
                        "sentences": int,
                        "distinct_stems": int,
                        "reading_minutes": float
                    }
                },
                "key_terms": {
                    "properties": {
                        "term": french,
                        "stem": id,
                        "count": int,
                        "score": float
                    }
                },
                "key_phrases": {
                    "properties": {
                        "phrase": french,
                        "count": int,
                        "score": float
                    }
                },
                "questions": {
                    "properties": {
                        "total": int,
                        "direct": int,
                        "indirect": int,
                        "title": boolean,
                        "reader_prompts": int,
                        "forms": {"properties": forms},
                        "sentences": {
                            "properties": {
                                "text": french,
                                "kind": id,
                                "forms": id
                            }
                        }
                    }
                },
                "series": {
                    "properties": {
                        "key": keyword,
                        "name": french,
                        "part": int,
                        "parts": id,
                        "prev": id,
                        "next": id,
                        "missing": int,
                        "announces_next": boolean
                    }
                },
                "links": {
                    "properties": {
                        "related": {
                            "properties": {"title": french, "id": id}
                        },
                        "similar": {
                            "properties": {"id": id, "score": float}
                        }
                    }
                },
                "body": french
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_appended_inside_the_object() {
        let mut out = Vec::new();
        write_article(&mut out, r#"{"id":"a"}"#, Some(&json!("x"))).unwrap();
        assert_eq!(out, br#"{"id":"a","body":"x"}"#);
        out.clear();
        write_article(&mut out, "{}", Some(&Value::Null)).unwrap();
        assert_eq!(out, br#"{"body":null}"#);
    }

    #[test]
    fn index_names() {
        assert!(check_index_name("billet").is_none());
        assert!(check_index_name("blog-2024").is_none());
        for bad in ["", "Billet", "a b", "_x", "a/b", "a,b", ".."] {
            assert!(check_index_name(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn mapping_follows_billet() {
        let m = mapping();
        let filter = &m["settings"]["analysis"]["filter"];
        let elided = filter["billet_elision"]["articles"].as_array().unwrap();
        assert!(elided.contains(&json!("l")) && elided.contains(&json!("qu")));
        let stop = filter["billet_stop"]["stopwords"].as_array().unwrap();
        assert!(stop.contains(&json!("les")) && stop.len() > 300);
        assert_eq!(m["mappings"]["properties"]["date"]["type"], "date");
    }
}
