//! The data islands: what the page's script needs to draw the article
//! table, the series and the per-article details, as compact JSON.
//!
//! Columns, not records: one array per field (`id`, `title`, `date`…),
//! so a key is written once, not once per article. Repeated strings
//! (authors, tags, key terms, key phrases, reasons) are written once in a
//! table and referred to by index. Long strings are clipped.
//!
//! Two kinds of island: the core ([`Data`]: what the table, its filter
//! and the lists need at once) and the details ([`Details`]: source
//! paths, question sentences, similar articles), cut into chunks of
//! [`CHUNK`] articles that the script reads only when a row is opened.
//! The question sentences alone are half the bytes, so the page opens
//! on a third of the data.
//!
//! With 50,000 articles the JSON is still tens of megabytes of real
//! French, so above [`PLAIN_LIMIT`] every island is gzip'd and base64'd,
//! and the page inflates it with the browser's own `DecompressionStream`;
//! below, it stays plain JSON anyone can read in the file. Either way it
//! sits in a non-executed `<script>` element, escaped by
//! [`super::escape::script_json`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use base64::Engine;
use serde::Serialize;

use super::escape::clip;
use super::input::Input;
use super::text::{Lang, suggestion_why};

/// Above this many bytes of JSON, the data is compressed.
pub const PLAIN_LIMIT: usize = 1 << 20;

/// Articles per chunk of details.
pub const CHUNK: usize = 2000;

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

/// An article's place in its series: `0` when it has none, else
/// `[series index (-1 if series.json lacks it), part, announces next]`.
#[derive(Serialize)]
#[serde(untagged)]
enum SeriesCell {
    None(u8),
    Part(i64, u64, u8),
}

/// One series: name, `[part, article index]` pairs, missing part numbers.
#[derive(Serialize)]
struct SeriesOut<'a> {
    name: Cow<'a, str>,
    parts: Vec<(u64, i64)>,
    missing: &'a [u64],
}

/// A question: text, kind (0 direct, 1 indirect, 2 embedded, 3 other),
/// form mask (bit k = `formNames[k]`), heading (0/1).
type QuestionOut<'a> = (Cow<'a, str>, u8, u64, u8);

/// The data island, one column per field (the script's `D`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Data<'a> {
    n: usize,
    id: Vec<&'a str>,
    title: Vec<Cow<'a, str>>,
    /// Index into `authorNames`, -1 when unknown.
    author: Vec<i64>,
    /// `YYYY-MM-DD` or "".
    date: Vec<&'a str>,
    words: Vec<u64>,
    /// Tenths of a minute: an integer is shorter than a float.
    reading: Vec<u64>,
    tags: Vec<Vec<usize>>,
    terms: Vec<Vec<usize>>,
    phrases: Vec<Vec<usize>>,
    /// `[tag index, score in %, why index]` per suggestion; null when the
    /// analysis has no suggestions at all (older billet).
    suggested: Option<Vec<Vec<(usize, u64, usize)>>>,
    /// `tags.json`'s suggestion threshold in %: suggestions below it are
    /// shown as weak.
    threshold: Option<u64>,
    /// total, direct, indirect, embedded, title asks (0/1), reader
    /// prompts.
    q: Vec<[u64; 6]>,
    series: Vec<SeriesCell>,
    series_list: Vec<SeriesOut<'a>>,
    author_names: Vec<&'a str>,
    tag_names: Vec<&'a str>,
    term_names: Vec<&'a str>,
    phrase_names: Vec<&'a str>,
    why_names: Vec<Cow<'a, str>>,
    form_names: Vec<String>,
    has_embedded: bool,
    /// Articles per chunk of [`Details`].
    chunk: usize,
}

/// The details of articles `first..first + CHUNK`, one column per field.
#[derive(Serialize)]
pub struct Details<'a> {
    /// Index of the first article.
    first: usize,
    source: Vec<Cow<'a, str>>,
    qs: Vec<Vec<QuestionOut<'a>>>,
    similar: Vec<Vec<usize>>,
}

/// A score in 0..1 as a whole percentage.
fn percent(score: f64) -> u64 {
    let pct = (score * 100.0).round();
    if pct.is_finite() {
        pct.clamp(0.0, 100.0) as u64
    } else {
        0
    }
}

/// The data of the page: the core, and the details in chunks.
pub fn build(input: &Input, lang: Lang) -> (Data<'_>, Vec<Details<'_>>) {
    let articles = &input.articles;
    let n = articles.len();
    let by_id: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let series_index: HashMap<&str, i64> = input
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i as i64))
        .collect();
    let mut authors = Strings::default();
    let mut tags = Strings::default();
    let mut terms = Strings::default();
    let mut phrases = Strings::default();
    let mut whys = Strings::default();
    let mut forms: Vec<String> = super::model::FORM_NAMES
        .iter()
        .map(|f| f.to_string())
        .collect();
    let mut d = Data {
        n,
        id: Vec::with_capacity(n),
        title: Vec::with_capacity(n),
        author: Vec::with_capacity(n),
        date: Vec::with_capacity(n),
        words: Vec::with_capacity(n),
        reading: Vec::with_capacity(n),
        tags: Vec::with_capacity(n),
        terms: Vec::with_capacity(n),
        phrases: Vec::with_capacity(n),
        suggested: None,
        threshold: input
            .tags
            .as_ref()
            .and_then(|t| t.suggestion_threshold)
            .map(percent),
        q: Vec::with_capacity(n),
        series: Vec::with_capacity(n),
        series_list: Vec::new(),
        author_names: Vec::new(),
        tag_names: Vec::new(),
        term_names: Vec::new(),
        phrase_names: Vec::new(),
        why_names: Vec::new(),
        form_names: Vec::new(),
        has_embedded: false,
        chunk: CHUNK,
    };
    let mut details: Vec<Details> = Vec::with_capacity(n.div_ceil(CHUNK));
    let mut suggested = Vec::with_capacity(n);
    let mut has_suggested = false;
    for (i, a) in articles.iter().enumerate() {
        if i % CHUNK == 0 {
            details.push(Details {
                first: i,
                source: Vec::with_capacity(CHUNK),
                qs: Vec::with_capacity(CHUNK),
                similar: Vec::with_capacity(CHUNK),
            });
        }
        let det = details.last_mut().expect("pushed at the chunk's start");
        d.id.push(&a.id);
        d.title
            .push(clip(a.title.as_deref().unwrap_or(""), MAX_TEXT));
        det.source.push(clip(&a.source, MAX_TEXT));
        d.author
            .push(a.author.as_deref().map_or(-1, |s| authors.id(s) as i64));
        d.date.push(a.date.as_deref().unwrap_or(""));
        d.words.push(a.stats.words);
        let tenths = (a.stats.reading_minutes * 10.0).round();
        d.reading.push(if tenths.is_finite() {
            tenths.max(0.0) as u64
        } else {
            0
        });
        d.tags.push(a.tags.iter().map(|t| tags.id(t)).collect());
        d.terms
            .push(a.key_terms.iter().map(|t| terms.id(&t.term)).collect());
        d.phrases.push(
            a.key_phrases
                .iter()
                .map(|p| phrases.id(&p.phrase))
                .collect(),
        );
        has_suggested |= a.suggested_tags.is_some();
        suggested.push(
            a.suggested_tags
                .iter()
                .flatten()
                .map(|s| (tags.id(&s.tag), percent(s.score), whys.id(&s.why)))
                .collect(),
        );
        let q = &a.questions;
        d.has_embedded |= q.embedded.is_some();
        d.q.push([
            q.total,
            q.direct,
            q.indirect,
            q.embedded.unwrap_or(0),
            u64::from(q.title),
            q.reader_prompts,
        ]);
        det.qs.push(
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
                    (clip(&s.text, MAX_TEXT), kind, mask, u8::from(s.heading))
                })
                .collect(),
        );
        det.similar.push(
            a.links
                .similar
                .iter()
                .filter_map(|s| by_id.get(s.id.as_str()).copied())
                .collect(),
        );
        d.series.push(match &a.series {
            None => SeriesCell::None(0),
            Some(s) => SeriesCell::Part(
                series_index.get(s.key.as_str()).copied().unwrap_or(-1),
                s.part,
                u8::from(s.announces_next),
            ),
        });
    }
    d.suggested = has_suggested.then_some(suggested);
    d.series_list = input
        .series
        .iter()
        .map(|s| SeriesOut {
            name: clip(&s.name, MAX_TEXT),
            parts: s
                .parts
                .iter()
                .map(|p| {
                    (
                        p.part,
                        by_id.get(p.id.as_str()).map_or(-1, |&i| i as i64),
                    )
                })
                .collect(),
            missing: &s.missing,
        })
        .collect();
    d.author_names = authors.list;
    d.tag_names = tags.list;
    d.term_names = terms.list;
    d.phrase_names = phrases.list;
    d.why_names = whys
        .list
        .iter()
        .map(|w| match suggestion_why(lang, w) {
            Cow::Borrowed(w) => clip(w, MAX_TEXT),
            Cow::Owned(w) => Cow::Owned(clip(&w, MAX_TEXT).into_owned()),
        })
        .collect();
    d.form_names = forms;
    (d, details)
}

/// The islands as they go into the page, the core first: plain JSON
/// when all of it is at most `limit` bytes ([`PLAIN_LIMIT`], smaller in
/// tests), else each compressed.
pub fn encode(data: &Data, details: &[Details], limit: usize) -> Vec<Encoded> {
    let mut json = vec![
        serde_json::to_string(data).expect("plain data always serialises"),
    ];
    for d in details {
        json.push(
            serde_json::to_string(d).expect("plain data always serialises"),
        );
    }
    let total: usize = json.iter().map(String::len).sum();
    if total <= limit {
        return json
            .iter()
            .map(|j| Encoded::Json(super::escape::script_json(j)))
            .collect();
    }
    json.iter().map(|j| compress(j)).collect()
}

/// gzip'd `json`, in base64.
fn compress(json: &str) -> Encoded {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(json.len() / 6),
        // The default level: level 1 would save a second on 50,000
        // articles but give a file twice as large on generated text.
        flate2::Compression::default(),
    );
    gz.write_all(json.as_bytes())
        .expect("writing to a Vec cannot fail");
    let bytes = gz.finish().expect("writing to a Vec cannot fail");
    Encoded::GzipBase64(
        base64::engine::general_purpose::STANDARD.encode(bytes),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use serde_json::{Value, json};

    use super::super::input::{Article, Series, SeriesPart, SeriesRef};
    use super::*;

    fn value(input: &Input) -> Value {
        serde_json::to_value(build(input, Lang::En).0).unwrap()
    }

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
        let v = value(&sample());
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
        let input = sample();
        let (data, details) = build(&input, Lang::En);
        let islands = encode(&data, &details, PLAIN_LIMIT);
        assert_eq!(islands.len(), 2);
        let Encoded::Json(text) = &islands[0] else {
            panic!("small data is plain");
        };
        assert!(!text.contains("</"));
        assert!(!text.contains('<'));
        let back: Value = serde_json::from_str(text).unwrap();
        assert_eq!(back["title"][0], "</script><script>alert(1)</script>");
        let Encoded::Json(text) = &islands[1] else {
            panic!("small data is plain");
        };
        let back: Value = serde_json::from_str(text).unwrap();
        assert_eq!(back["first"], 0);
        assert_eq!(back["source"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn large_data_is_gzip_base64_of_the_same_json() {
        let input = sample();
        let (data, details) = build(&input, Lang::En);
        let Encoded::GzipBase64(b64) = &encode(&data, &details, 10)[0] else {
            panic!("over the limit, data is compressed");
        };
        assert!(
            b64.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        let gz = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let mut json = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut json)
            .unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&json).unwrap(),
            value(&input)
        );
    }
}
