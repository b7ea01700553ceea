//! Elasticsearch / OpenSearch: the index settings and mapping that
//! `billet export --format es-mapping` prints (to `PUT` before the first
//! `_bulk`), written against the documentation of Elasticsearch 8/9 and
//! OpenSearch 2 (no server can be run here: docs/search-engines.md says
//! how it was checked and gives the curl commands).
//!
//! The `billet_fr` analyzer follows billet's own analysis so that the
//! engine matches what `billet search` matches:
//!
//! - `’ ʼ ‘ ′ ´ `` → `'` (the apostrophes billet's tokenizer elides after);
//! - the standard (UAX #29) tokenizer — it splits hyphenated words that
//!   billet keeps whole (`peut-être` → `peut`, `être`);
//! - `elision` of billet's elided forms (`l'`, `qu'`, `jusqu'`…) with
//!   `articles_case: true`, since it runs before `lowercase` (`L'été`);
//! - billet's stopword list;
//! - the Snowball `french` stemmer, not `light_french`: the stems are
//!   billet's own (`key_terms.stem` holds them), so a query analysed here
//!   meets the terms billet scored; `light_french` (the engines' default
//!   `french` analyzer) stems less (`économie`/`économique` stay apart);
//! - `asciifolding` after the stem, with `preserve_original`: `economie`
//!   finds `économie`, and a query written with its accents also matches
//!   the accented form, which ranks the exact spelling first.
//!
//! Fields: text fields get a verbatim `raw` keyword sub-field for sorting
//! and facets (`tags.raw` shows `Zéro déchet`, not the folded
//! `zerodechet` of `tags`, which compares as billet does); lists of
//! objects whose parts belong together (a key term and its score) are
//! `nested`, with `include_in_parent` so that a plain `multi_match` still
//! reaches their text; dates take `strict_date_optional_time`; one shard,
//! no replica (a single node is then green; raise it on a cluster).

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::normalize::DEFAULT_STOPWORDS;

/// Writes the settings and mapping, pretty-printed.
pub fn write_mapping(w: &mut dyn Write) -> io::Result<()> {
    let mut text =
        serde_json::to_vec_pretty(&mapping()).expect("the mapping serialises");
    text.push(b'\n');
    w.write_all(&text)
}

/// Billet's elided forms (without their `'`) and its other stopwords.
fn stopword_lists() -> (Vec<String>, Vec<String>) {
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
    (elided, stopwords)
}

/// The settings: one shard, no replica, billet's analysis chain.
fn settings() -> Value {
    let (elided, stopwords) = stopword_lists();
    json!({
        "index": {"number_of_shards": 1, "number_of_replicas": 0},
        "analysis": {
            "char_filter": {
                "billet_apostrophe": {
                    "type": "mapping",
                    // The apostrophes billet's tokenizer elides after
                    // (tokenize::apostrophe_len).
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
                "billet_stop": {"type": "stop", "stopwords": stopwords},
                "billet_stemmer": {"type": "stemmer", "language": "french"},
                "billet_folding": {
                    "type": "asciifolding",
                    "preserve_original": true
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
                        "billet_folding"
                    ]
                },
                "billet_name": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "billet_folding"]
                }
            },
            "normalizer": {
                // Tags and series keys compared as billet compares them:
                // case, accents, spaces and punctuation aside.
                "billet_keyword": {
                    "type": "custom",
                    "char_filter": ["billet_squash"],
                    "filter": ["lowercase", "asciifolding"]
                }
            }
        }
    })
}

/// A verbatim keyword, for sorting and facets.
fn raw() -> Value {
    json!({"type": "keyword", "ignore_above": 1024})
}

/// French text with a `raw` keyword sub-field.
fn french_with_raw() -> Value {
    json!({"type": "text", "analyzer": "billet_fr", "fields": {"raw": raw()}})
}

/// A keyword compared folded (`Zéro déchet` = `zero-dechet`), with a
/// `raw` sub-field that keeps it as written.
fn folded_keyword() -> Value {
    json!({"type": "keyword", "normalizer": "billet_keyword",
           "fields": {"raw": raw()}})
}

/// A list of objects kept together, still reachable from the article.
fn nested(properties: Value) -> Value {
    json!({"type": "nested", "include_in_parent": true,
           "properties": properties})
}

/// The settings and mapping for Elasticsearch / OpenSearch.
pub fn mapping() -> Value {
    let french = json!({"type": "text", "analyzer": "billet_fr"});
    let int = json!({"type": "integer"});
    let float = json!({"type": "float"});
    let boolean = json!({"type": "boolean"});
    let id = json!({"type": "keyword"});
    let forms: Map<String, Value> = crate::questions::FORM_NAMES
        .iter()
        .map(|f| (f.to_string(), int.clone()))
        .collect();
    json!({
        "settings": settings(),
        "mappings": {
            "properties": {
                "id": id,
                "source": id,
                "title": french_with_raw(),
                "author": {
                    "type": "text",
                    "analyzer": "billet_name",
                    "fields": {"raw": raw()}
                },
                "date": {
                    "type": "date",
                    "format": "strict_date_optional_time||epoch_millis"
                },
                "tags": folded_keyword(),
                "tag_slugs": id,
                "suggested_tags": nested(json!({
                    "tag": folded_keyword(),
                    "slug": id,
                    "score": float,
                    // An explanation for a person, not searched.
                    "why": {"type": "text", "index": false}
                })),
                "stats": {
                    "properties": {
                        "chars": int,
                        "words": int,
                        "sentences": int,
                        "distinct_stems": int,
                        "reading_minutes": float
                    }
                },
                "key_terms": nested(json!({
                    "term": french_with_raw(),
                    "stem": id,
                    "count": int,
                    "score": float
                })),
                "key_phrases": nested(json!({
                    "phrase": french_with_raw(),
                    "count": int,
                    "score": float
                })),
                "questions": {
                    "properties": {
                        "total": int,
                        "direct": int,
                        "indirect": int,
                        "embedded": int,
                        "title": boolean,
                        "reader_prompts": int,
                        "forms": {"properties": forms},
                        "sentences": nested(json!({
                            "text": french,
                            "kind": id,
                            "forms": id,
                            "heading": boolean
                        }))
                    }
                },
                "series": {
                    "properties": {
                        "key": folded_keyword(),
                        "name": french_with_raw(),
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
                        "related": nested(json!({
                            "title": french_with_raw(),
                            "id": id
                        })),
                        "similar": nested(json!({"id": id, "score": float}))
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
