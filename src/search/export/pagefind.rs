//! Pagefind: the articles → a Pagefind bundle (`pagefind.js`, its
//! WebAssembly, index, fragment and filter chunks, the UI files: what
//! `pagefind --site` writes under `pagefind/`), built by Pagefind's own
//! indexer, the `pagefind` crate, in-process.
//!
//! Each article is one record ([`record`]): `language: fr`; its content
//! is the title and the body, read again from the article's file as
//! `billet index` does (when the file is gone or changed: the key
//! phrases, key terms and questions the analysis kept, with a warning);
//! meta `id`, `title`, `url`, `date`, `author`, `series`, `part`;
//! filters `tags`, `suggested_tags` (when the analysis has them),
//! `series`, `question_forms` (the forms the post uses), `author`,
//! `year`; sort keys `date` and `part`.
//!
//! The crate weighs as much as the rest of billet together (binary and
//! build time), so it is the cargo feature `pagefind`, off by default;
//! without it the records are still built and tested, and writing a
//! bundle says how to get a billet that can ([`write_bundle`]).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{ExportOptions, ExportSummary};
use crate::error::FatalError;

/// One Pagefind record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// Its URL (`ExportOptions::url` filled in).
    pub url: String,
    /// The text Pagefind indexes.
    pub content: String,
    /// Shown with a result.
    pub meta: BTreeMap<String, String>,
    /// What results can be narrowed by.
    pub filters: BTreeMap<String, Vec<String>>,
    /// What results can be sorted by.
    pub sort: BTreeMap<String, String>,
}

/// `template` with `{id}` and `{source}` (the source path without its
/// extension) filled in.
pub fn record_url(template: &str, article: &Value) -> String {
    let id = article["id"].as_str().unwrap_or_default();
    let source = article["source"].as_str().unwrap_or_default();
    let stem = match source.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => stem,
        _ => source,
    };
    template.replace("{id}", id).replace("{source}", stem)
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// The record of an article of `articles.jsonl`, with its body if read.
pub fn record(article: &Value, body: Option<&str>, url: String) -> Record {
    let id = article["id"].as_str().unwrap_or_default();
    let title = article["title"].as_str().unwrap_or(id);
    let mut content = String::from(title);
    match body {
        Some(body) => {
            content.push_str("\n\n");
            content.push_str(body);
        }
        None => {
            // What the analysis kept of the text, so that the post is
            // still found by its main words.
            let kept = article["key_phrases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["phrase"].as_str())
                .chain(
                    article["key_terms"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t["term"].as_str()),
                )
                .chain(
                    article["questions"]["sentences"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s["text"].as_str()),
                );
            for text in kept {
                content.push_str("\n\n");
                content.push_str(text);
            }
        }
    }
    let mut meta = BTreeMap::new();
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut sort = BTreeMap::new();
    meta.insert("id".to_string(), id.to_string());
    meta.insert("title".to_string(), title.to_string());
    meta.insert("url".to_string(), url.clone());
    if let Some(date) = article["date"].as_str() {
        meta.insert("date".to_string(), date.to_string());
        sort.insert("date".to_string(), date.to_string());
        if let Some(year) = date.get(..4) {
            filters.insert("year".to_string(), vec![year.to_string()]);
        }
    }
    if let Some(author) = article["author"].as_str() {
        meta.insert("author".to_string(), author.to_string());
        filters.insert("author".to_string(), vec![author.to_string()]);
    }
    let series = &article["series"];
    if let Some(name) = series["name"].as_str() {
        meta.insert("series".to_string(), name.to_string());
        filters.insert("series".to_string(), vec![name.to_string()]);
        if let Some(part) = series["part"].as_u64() {
            meta.insert("part".to_string(), part.to_string());
            // Zero-padded: Pagefind sorts these keys as strings.
            sort.insert("part".to_string(), format!("{part:05}"));
        }
    }
    let tags: Vec<String> =
        strings(&article["tags"]).map(String::from).collect();
    if !tags.is_empty() {
        filters.insert("tags".to_string(), tags);
    }
    // The tags spec: [{"tag", "slug", "score", "why"}], best first.
    let suggested: Vec<String> = article["suggested_tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["tag"].as_str().map(String::from))
        .collect();
    if !suggested.is_empty() {
        filters.insert("suggested_tags".to_string(), suggested);
    }
    let forms: Vec<String> = article["questions"]["forms"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, n)| n.as_u64().is_some_and(|n| n > 0))
        .map(|(form, _)| form.clone())
        .collect();
    if !forms.is_empty() {
        filters.insert("question_forms".to_string(), forms);
    }
    Record {
        url,
        content,
        meta,
        filters,
        sort,
    }
}

/// Builds the bundle of the analysis in `out` into the folder `dir`.
#[cfg(feature = "pagefind")]
pub fn write_bundle(
    out: &Path,
    options: &ExportOptions,
    dir: &Path,
) -> Result<ExportSummary, FatalError> {
    let mut records = Vec::new();
    let mut summary = ExportSummary::default();
    super::each_article(out, true, &mut summary, |_, article, body| {
        let url = record_url(&options.url, article);
        records.push(record(article, body.and_then(Value::as_str), url));
        Ok(())
    })
    .map_err(|e| match e {
        super::Failure::Fatal(e) => e,
        super::Failure::Write(e) => FatalError::new(format!("{e}")),
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            FatalError::new(format!("Pagefind: cannot start: {e}"))
        })?;
    let written = runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .force_language("fr".to_string())
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config))
            .map_err(|e| failed("options", e))?;
        for r in records {
            let url = r.url.clone();
            index
                .add_custom_record(
                    r.url,
                    r.content,
                    "fr".to_string(),
                    Some(r.meta),
                    Some(r.filters),
                    Some(r.sort),
                )
                .await
                .map_err(|e| failed(&url, e))?;
        }
        let dir = dir.to_string_lossy().into_owned();
        index
            .write_files(Some(dir))
            .await
            .map_err(|e| failed("writing the bundle", e))
    })?;
    let _ = written;
    summary.files = count_files(dir);
    Ok(summary)
}

/// Without the `pagefind` feature: says how to build a billet with it.
#[cfg(not(feature = "pagefind"))]
pub fn write_bundle(
    _out: &Path,
    _options: &ExportOptions,
    _dir: &Path,
) -> Result<ExportSummary, FatalError> {
    Err(FatalError::new(
        "this billet was built without Pagefind (the cargo feature \
         `pagefind`, off by default: it doubles the binary); build it with \
         `cargo build --release --features pagefind`"
            .to_string(),
    ))
}

#[cfg(feature = "pagefind")]
fn failed(what: &str, e: impl std::fmt::Display) -> FatalError {
    FatalError::new(format!("Pagefind: {what}: {e}"))
}

#[cfg(feature = "pagefind")]
fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn article() -> Value {
        json!({
            "id": "carnet-compost-2", "source": "carnet/2024/compost-2.md",
            "title": "Composter (2/3)", "author": "Claire", "date": "2024-03-16",
            "tags": ["compost", "Zéro déchet"],
            "suggested_tags": [{"tag": "jardin", "slug": "jardin", "score": 0.8, "why": "…"}],
            "key_terms": [{"term": "lombrics", "stem": "lombric", "count": 3, "score": 1.0}],
            "key_phrases": [{"phrase": "bac à compost", "count": 2, "score": 1.0}],
            "questions": {"forms": {"pourquoi": 2, "comment": 0, "qui": 1},
                          "sentences": [{"text": "Pourquoi pas ?", "kind": "direct", "forms": []}]},
            "series": {"key": "composter", "name": "Composter", "part": 2},
        })
    }

    #[test]
    fn urls_from_the_template() {
        let a = article();
        assert_eq!(record_url("/{id}/", &a), "/carnet-compost-2/");
        assert_eq!(
            record_url("https://blog.example/{source}/", &a),
            "https://blog.example/carnet/2024/compost-2/"
        );
        let dotted = json!({"id": "x", "source": "a.b/post"});
        assert_eq!(record_url("/{source}", &dotted), "/a.b/post");
    }

    #[test]
    fn a_record_carries_meta_filters_and_sort_keys() {
        let r = record(&article(), Some("Le corps du billet."), "/u/".into());
        assert_eq!(r.content, "Composter (2/3)\n\nLe corps du billet.");
        let meta: Vec<(&str, &str)> = r
            .meta
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            meta,
            [
                ("author", "Claire"),
                ("date", "2024-03-16"),
                ("id", "carnet-compost-2"),
                ("part", "2"),
                ("series", "Composter"),
                ("title", "Composter (2/3)"),
                ("url", "/u/"),
            ]
        );
        assert_eq!(r.filters["tags"], ["compost", "Zéro déchet"]);
        assert_eq!(r.filters["suggested_tags"], ["jardin"]);
        assert_eq!(r.filters["question_forms"], ["pourquoi", "qui"]);
        assert_eq!(r.filters["series"], ["Composter"]);
        assert_eq!(r.filters["year"], ["2024"]);
        assert_eq!(r.sort["part"], "00002");
    }

    #[test]
    fn without_body_the_kept_words_stand_in() {
        let r = record(&article(), None, "/u/".into());
        assert_eq!(
            r.content,
            "Composter (2/3)\n\nbac à compost\n\nlombrics\n\nPourquoi pas ?"
        );
        let bare =
            record(&json!({"id": "x", "questions": {}}), None, "/".into());
        assert_eq!(bare.content, "x");
        assert_eq!(bare.meta["title"], "x");
        assert!(bare.filters.is_empty() && bare.sort.is_empty());
    }
}
