//! Output: the serde types of every output file (DESIGN.md's contract),
//! their JSON ([`json`]) and the files they are written to
//! ([`files`]).
//!
//! Field names here are the contract: search indexes and users rely on
//! them (docs/output.md).

pub mod files;
pub mod json;
mod number;
mod twin;

use schemars::JsonSchema;
use serde::Serialize;

pub use self::files::{NewFiles, create_new, write_new};
pub use self::json::{
    to_pretty_and_compact, to_pretty_json, write_pretty_json,
};
pub use self::number::{round, round4};
use crate::questions::Questions;

/// One article, as written to `articles/<id>.json` and `articles.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Article {
    /// Stable, sanitised id: `[a-z0-9_-]`, at most 200 bytes.
    #[schemars(extend("pattern" = "^[a-z0-9_-]{1,200}$"))]
    pub id: String,
    /// Path relative to its INPUT, `/` separators.
    pub source: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Author, if known.
    pub author: Option<String>,
    /// Date as `YYYY-MM-DD`, if known.
    #[schemars(extend("pattern" = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Option<String>,
    /// Tags and categories, as the author wrote them.
    pub tags: Vec<String>,
    /// The slug of each of `tags`, in the same order.
    pub tag_slugs: Vec<String>,
    /// Tags of the corpus's vocabulary that fit the article, best first,
    /// never computed from its own tags (docs/tags.md).
    pub suggested_tags: Vec<SuggestedTag>,
    /// Size and reading statistics.
    pub stats: Stats,
    /// Key terms, by score.
    pub key_terms: Vec<KeyTerm>,
    /// Key phrases, by score.
    pub key_phrases: Vec<KeyPhrase>,
    /// Questions of the body.
    pub questions: Questions,
    /// The series the article belongs to, if any.
    pub series: Option<SeriesRef>,
    /// Links to other articles.
    pub links: Links,
}

/// A tag suggested for an article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SuggestedTag {
    /// The tag, as the corpus most often writes it.
    pub tag: String,
    /// Its slug.
    pub slug: String,
    /// Probability that it is right (scores ≥ `suggestion_threshold` of
    /// `tags.json` are right at least half the time); relative to the
    /// article's best when the corpus has no tags.
    pub score: f64,
    /// The evidence, in words.
    pub why: String,
}

/// `tags.json`: the corpus's tags.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TagsReport {
    /// Articles of the run.
    pub articles: u32,
    /// Articles with at least one tag.
    pub tagged_articles: u32,
    /// Articles without tags.
    pub untagged_articles: u32,
    /// Distinct tags (by slug).
    pub distinct_tags: u32,
    /// Suggestions scored at or above this are right at least half the
    /// time; `null` when the corpus has no tags to learn from.
    pub suggestion_threshold: Option<f64>,
    /// Every tag, most used first, then by slug.
    pub tags: Vec<TagEntry>,
    /// Tags that are probably one: a slug written several ways, or the
    /// same stems.
    pub near_duplicates: Vec<NearDuplicate>,
    /// Tags used by one article.
    pub singletons: Vec<String>,
    /// Pairs of tags used together at least twice, most frequent first.
    pub co_occurrence: Vec<CoOccurrence>,
}

/// One tag of `tags.json`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TagEntry {
    /// Its most used spelling.
    pub tag: String,
    /// Its slug.
    pub slug: String,
    /// Articles carrying it.
    pub count: u32,
    /// Every spelling used, most used first.
    pub forms: Vec<String>,
    /// Ids of the articles carrying it, sorted.
    pub articles: Vec<String>,
}

/// Tags that are probably the same.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct NearDuplicate {
    /// What they share: the slug, or their words' stems.
    pub key: String,
    /// `same slug` or `same stem`.
    #[schemars(extend("enum" = ["same slug", "same stem"]))]
    pub reason: &'static str,
    /// The tags (spellings, for `same slug`).
    pub tags: Vec<String>,
}

/// Two tags used together.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CoOccurrence {
    /// The pair, by slug order.
    pub tags: [String; 2],
    /// Articles carrying both.
    pub count: u32,
}

/// Size and reading statistics of an article (title and body).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// Characters (Unicode scalar values).
    pub chars: u32,
    /// Words, numbers included, elided articles (`l’`) not.
    pub words: u32,
    /// Sentences.
    pub sentences: u32,
    /// Distinct stems of content words.
    pub distinct_stems: u32,
    /// Reading time at 230 words a minute, to 0.1 minute.
    pub reading_minutes: f64,
}

/// A key term of an article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct KeyTerm {
    /// Most frequent lower-cased surface form of the stem in the article.
    pub term: String,
    /// The Snowball stem.
    pub stem: String,
    /// Occurrences in the article.
    pub count: u32,
    /// Weight against the corpus: (1 + ln count) × idf × position
    /// (docs/output.md).
    pub score: f64,
}

/// A key phrase of an article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct KeyPhrase {
    /// The phrase, lower case, as most often written.
    pub phrase: String,
    /// Occurrences in the article.
    pub count: u32,
    /// Weight against the corpus.
    pub score: f64,
}

/// An article's place in its series.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SeriesRef {
    /// Normalised series key.
    pub key: String,
    /// Series name as written.
    pub name: String,
    /// This article's part number.
    pub part: u32,
    /// Ids of all parts found, in part order.
    pub parts: Vec<String>,
    /// Id of the previous part, if found.
    pub prev: Option<String>,
    /// Id of the next part, if found.
    pub next: Option<String>,
    /// Part numbers absent below the highest found.
    pub missing: Vec<u32>,
    /// Whether the text promises a sequel.
    pub announces_next: bool,
}

/// Links from an article to others.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Links {
    /// Articles the text itself lists (teasers).
    pub related: Vec<Related>,
    /// Most similar articles of the corpus.
    pub similar: Vec<Similar>,
}

/// An article listed by another.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Related {
    /// The title as listed.
    pub title: String,
    /// Id of the corpus article with that title, if any.
    pub id: Option<String>,
}

/// A similar article.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Similar {
    /// Its id.
    pub id: String,
    /// Cosine similarity of term weights.
    pub score: f64,
}

/// One series, as listed in `series.json`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Series {
    /// Normalised key.
    pub key: String,
    /// Name as written.
    pub name: String,
    /// Its parts, in order.
    pub parts: Vec<SeriesPart>,
    /// Part numbers absent below the highest found.
    pub missing: Vec<u32>,
}

/// One part of a series.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SeriesPart {
    /// Part number.
    pub part: u32,
    /// Article id.
    pub id: String,
    /// Article title.
    pub title: Option<String>,
}

/// `corpus.json`: the whole run.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CorpusReport {
    /// The version of the output format, `MAJOR.MINOR` (the schema
    /// module's `FORMAT_VERSION`; docs/output.md says what bumps it).
    pub format_version: &'static str,
    /// Articles analysed.
    pub documents: u32,
    /// Articles of the whole corpus they were scored against, when the
    /// run read a stats file (`--stats`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus_documents: Option<u32>,
    /// Words in all articles.
    pub words: u64,
    /// Distinct stems of content words in the corpus.
    pub distinct_stems: u32,
    /// Most widespread terms, by document frequency.
    pub top_terms: Vec<CorpusTerm>,
    /// Lines found to be boilerplate, with the number of articles that
    /// hold them.
    pub boilerplate: Vec<BoilerplateLine>,
    /// Series found.
    pub series: u32,
    /// Files skipped because billet does not read their kind.
    pub ignored_files: u32,
    /// Items of WordPress exports that are not published posts (pages,
    /// attachments, drafts), skipped.
    pub skipped_items: u32,
    /// Inputs that failed (see `errors.jsonl`).
    pub failed_files: u32,
    /// Sources of the inputs that failed.
    pub failed: Vec<String>,
    /// The INPUT paths of the run, canonical, in the order given: an
    /// article's file is one of them joined with its `source` (or the
    /// INPUT itself, for a file given directly).
    pub inputs: Vec<String>,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall time of the run, in seconds.
    pub elapsed_seconds: f64,
    /// Wall time of each step, in seconds.
    pub steps: Steps,
    /// Input megabytes (10^6 bytes) per second.
    pub mb_per_s: f64,
}

/// Wall time of each step of a run, in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Steps {
    /// Walking, reading, decoding, parsing (pass 1).
    pub read: f64,
    /// Analysing each article (pass 2).
    pub analyse: f64,
    /// Corpus statistics, series, related and similar articles.
    pub corpus: f64,
    /// Building and writing the JSON files.
    pub write: f64,
}

/// A term of the corpus.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CorpusTerm {
    /// A surface form of the stem.
    pub term: String,
    /// The stem.
    pub stem: String,
    /// Articles it occurs in.
    pub df: u32,
}

/// A boilerplate line.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct BoilerplateLine {
    /// The line, as first seen.
    pub line: String,
    /// Articles holding it.
    pub count: u32,
}

/// One line of `errors.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ErrorLine {
    /// The input's source path.
    pub source: String,
    /// What went wrong, for a person.
    pub error: String,
}
