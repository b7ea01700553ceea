//! The data island: what the page's script needs to draw the article
//! table, the series and the per-article details, as compact JSON.
//!
//! Columns, not records: one array per field (`id`, `title`, `date`…),
//! so a key is written once, not once per article. Repeated strings
//! (authors, tags, key terms, key phrases, reasons) are written once in a
//! table and referred to by index. Long strings are clipped. With 50,000
//! articles the JSON is still tens of megabytes of real French, so above
//! [`PLAIN_LIMIT`] it is gzip'd and base64'd, and the page inflates it
//! with the browser's own `DecompressionStream`; below, it stays plain
//! JSON anyone can read in the file. Either way it sits in a
//! non-executed `<script>` element, escaped by
//! [`super::escape::script_json`].

use std::collections::HashMap;
use std::io::Write;

use base64::Engine;
use serde_json::{Value, json};

use super::escape::clip;
use super::input::Input;

/// Above this many bytes of JSON, the data is compressed.
pub const PLAIN_LIMIT: usize = 1 << 20;

/// Characters kept of a title, a question or a reason.
const MAX_TEXT: usize = 300;

/// How the data island is written.
#[derive(Debug, PartialEq, Eq)]
pub enum Encoded {
    /// Plain JSON, escaped for a `<script>` element.
    Json(String),
    /// gzip'd JSON in base64.
    GzipBase64(String),
}

/// A string table: each distinct string once, referred to by index.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, usize>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> usize {
        *self.index.entry(s).or_insert_with(|| {
            self.list.push(s);
            self.list.len() - 1
        })
    }
}

/// Bit of a form name in a question's form mask, in the contract's order;
/// forms the contract does not name get the next bits.
fn form_bit(forms: &mut Vec<String>, name: &str) -> u64 {
    let i = match forms.iter().position(|f| f == name) {
        Some(i) => i,
        None => {
            forms.push(name.to_string());
            forms.len() - 1
        }
    };
    if i < 53 { 1 << i } else { 0 }
}

/// The data of the page as a JSON value.
pub fn build(input: &Input) -> Value {
    let articles = &input.articles;
    let n = articles.len();
    let by_id: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut authors = Strings::default();
    let mut tags = Strings::default();
    let mut terms = Strings::default();
    let mut phrases = Strings::default();
    let mut whys = Strings::default();
    let mut forms: Vec<String> =
        super::model::FORM_NAMES.iter().map(|f| f.to_string()).collect();

    let mut col_id = Vec::with_capacity(n);
    let mut col_title = Vec::with_capacity(n);
    let mut col_source = Vec::with_capacity(n);
    let mut col_author = Vec::with_capacity(n);
    let mut col_date = Vec::with_capacity(n);
    let mut col_words = Vec::with_capacity(n);
    let mut col_reading = Vec::with_capacity(n);
    let mut col_tags = Vec::with_capacity(n);
    let mut col_terms = Vec::with_capacity(n);
    let mut col_phrases = Vec::with_capacity(n);
    let mut col_suggested = Vec::with_capacity(n);
    let mut col_q = Vec::with_capacity(n);
    let mut col_qs = Vec::with_capacity(n);
    let mut col_similar = Vec::with_capacity(n);
    let mut col_series = Vec::with_capacity(n);
    let mut has_suggested = false;
    let mut has_embedded = false;
    for a in articles {
        col_id.push(Value::from(a.id.as_str()));
        col_title.push(Value::from(
            clip(a.title.as_deref().unwrap_or(""), MAX_TEXT).as_ref(),
        ));
        col_source.push(Value::from(clip(&a.source, MAX_TEXT).as_ref()));
        col_author.push(match &a.author {
            Some(s) => json!(authors.id(s)),
            None => json!(-1),
        });
        col_date.push(Value::from(a.date.as_deref().unwrap_or("")));
        col_words.push(json!(a.stats.words));
        // Tenths of a minute: an integer is shorter than a float.
        let tenths = (a.stats.reading_minutes * 10.0).round();
        col_reading.push(json!(if tenths.is_finite() {
            tenths.max(0.0) as u64
        } else {
            0
        }));
        col_tags.push(json!(
            a.tags.iter().map(|t| tags.id(t)).collect::<Vec<_>>()
        ));
        col_terms.push(json!(
            a.key_terms.iter().map(|t| terms.id(&t.term)).collect::<Vec<_>>()
        ));
        col_phrases.push(json!(
            a.key_phrases
                .iter()
                .map(|p| phrases.id(&p.phrase))
                .collect::<Vec<_>>()
        ));
        col_suggested.push(match &a.suggested_tags {
            None => Value::Null,
            Some(list) => {
                has_suggested = true;
                list.iter()
                    .map(|s| {
                        let pct = (s.score * 100.0).round();
                        let pct = if pct.is_finite() {
                            pct.clamp(0.0, 100.0) as u64
                        } else {
                            0
                        };
                        json!([tags.id(&s.tag), pct, whys.id(&s.why)])
                    })
                    .collect()
            }
        });
        let q = &a.questions;
        has_embedded |= q.embedded.is_some();
        col_q.push(json!([
            q.total,
            q.direct,
            q.indirect,
            q.embedded.unwrap_or(0),
            u8::from(q.title),
            q.reader_prompts
        ]));
        col_qs.push(Value::Array(
            q.sentences
                .iter()
                .map(|s| {
                    let kind = match s.kind.as_str() {
                        "direct" => 0,
                        "indirect" => 1,
                        "embedded" => 2,
                        _ => 3,
                    };
                    let mask = s
                        .forms
                        .iter()
                        .fold(0, |m, f| m | form_bit(&mut forms, f));
                    json!([
                        clip(&s.text, MAX_TEXT).as_ref(),
                        kind,
                        mask,
                        u8::from(s.heading)
                    ])
                })
                .collect(),
        ));
        col_similar.push(json!(
            a.links
                .similar
                .iter()
                .filter_map(|s| by_id.get(s.id.as_str()))
                .collect::<Vec<_>>()
        ));
        col_series.push(match &a.series {
            // Filled below, once the series are numbered.
            Some(s) => json!([s.key, s.part, u8::from(s.announces_next)]),
            None => json!(0),
        });
    }

    let series: Vec<Value> = input
        .series
        .iter()
        .map(|s| {
            let parts: Vec<Value> = s
                .parts
                .iter()
                .map(|p| {
                    json!([p.part, by_id.get(p.id.as_str()).map_or(-1, |&i| i as i64)])
                })
                .collect();
            json!({
                "name": clip(&s.name, MAX_TEXT).as_ref(),
                "parts": parts,
                "missing": s.missing,
            })
        })
        .collect();
    let series_index: HashMap<&str, usize> = input
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    for v in &mut col_series {
        if let Some(key) = v.get(0).and_then(Value::as_str) {
            let i = series_index.get(key).map_or(-1, |&i| i as i64);
            v[0] = json!(i);
        }
    }

    json!({
        "n": n,
        "id": col_id,
        "title": col_title,
        "source": col_source,
        "author": col_author,
        "date": col_date,
        "words": col_words,
        "reading": col_reading,
        "tags": col_tags,
        "terms": col_terms,
        "phrases": col_phrases,
        "suggested": if has_suggested { Value::Array(col_suggested) } else { Value::Null },
        "q": col_q,
        "qs": col_qs,
        "similar": col_similar,
        "series": col_series,
        "seriesList": series,
        "authorNames": authors.list,
        "tagNames": tags.list,
        "termNames": terms.list,
        "phraseNames": phrases.list,
        "whyNames": whys.list.iter().map(|w| clip(w, MAX_TEXT)).collect::<Vec<_>>(),
        "formNames": forms,
        "hasEmbedded": has_embedded,
    })
}

/// The data as it goes into the page: plain when small, compressed when
/// large (`limit`: [`PLAIN_LIMIT`], smaller in tests).
pub fn encode(value: &Value, limit: usize) -> Encoded {
    let json = serde_json::to_string(value).expect("a Value always serialises");
    if json.len() <= limit {
        return Encoded::Json(super::escape::script_json(&json));
    }
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(json.len() / 6),
        flate2::Compression::default(),
    );
    gz.write_all(json.as_bytes()).expect("writing to a Vec cannot fail");
    let bytes = gz.finish().expect("writing to a Vec cannot fail");
    Encoded::GzipBase64(base64::engine::general_purpose::STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::super::input::{Article, Series, SeriesPart, SeriesRef};
    use super::*;

    fn sample() -> Input {
        let mut a = Article {
            id: "a".into(),
            title: Some("</script><script>alert(1)</script>".into()),
            author: Some("Claire".into()),
            tags: vec!["vélo".into(), "ville".into()],
            series: Some(SeriesRef {
                key: "k".into(),
                part: 2,
                announces_next: true,
            }),
            ..Article::default()
        };
        a.stats.reading_minutes = 2.66;
        let b = Article {
            id: "b".into(),
            tags: vec!["ville".into()],
            author: Some("Claire".into()),
            ..Article::default()
        };
        Input {
            articles: vec![a, b],
            series: vec![Series {
                key: "k".into(),
                name: "K".into(),
                parts: vec![SeriesPart {
                    part: 2,
                    id: "a".into(),
                }],
                missing: vec![1],
            }],
            ..Input::default()
        }
    }

    #[test]
    fn columns_share_string_tables() {
        let v = build(&sample());
        assert_eq!(v["n"], 2);
        assert_eq!(v["tagNames"], json!(["vélo", "ville"]));
        assert_eq!(v["tags"], json!([[0, 1], [1]]));
        assert_eq!(v["author"], json!([0, 0]));
        assert_eq!(v["reading"], json!([27, 0]));
        assert_eq!(v["series"], json!([[0, 2, 1], 0]));
        assert_eq!(v["seriesList"][0]["parts"], json!([[2, 0]]));
        assert_eq!(v["suggested"], Value::Null);
    }

    #[test]
    fn plain_data_is_safe_in_a_script_element() {
        let Encoded::Json(text) = encode(&build(&sample()), PLAIN_LIMIT) else {
            panic!("small data is plain");
        };
        assert!(!text.contains("</"));
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"][0], "</script><script>alert(1)</script>");
    }

    #[test]
    fn large_data_is_gzip_base64_of_the_same_json() {
        let value = build(&sample());
        let Encoded::GzipBase64(b64) = encode(&value, 10) else {
            panic!("over the limit, data is compressed");
        };
        assert!(b64.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
        let gz = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
        let mut json = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut json).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), value);
    }
}
