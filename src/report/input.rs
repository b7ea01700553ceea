//! Reading an analysis folder: `corpus.json`, `articles.jsonl`,
//! `series.json`, `errors.jsonl` and, when present, `tags.json`.
//!
//! The types here are lenient mirrors of the output contract: every field
//! has a default, so outputs of older billet versions (no `tags.json`, no
//! `suggested_tags`, no `embedded` questions) still give a report, which
//! then says what it cannot show. Unknown fields are skipped. Strings are
//! kept as written: escaping them is the page's job, never this module's.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::error::FatalError;

/// Everything the report shows, as read from one analysis folder.
#[derive(Debug, Default)]
pub struct Input {
    /// `corpus.json`.
    pub corpus: Corpus,
    /// `articles.jsonl`, in file order (sorted by id).
    pub articles: Vec<Article>,
    /// `series.json`.
    pub series: Vec<Series>,
    /// `errors.jsonl`.
    pub errors: Vec<ErrorLine>,
    /// `tags.json`, absent in outputs of billet before tag suggestions.
    pub tags: Option<TagsFile>,
    /// Lines of `articles.jsonl` that could not be read (1-based line
    /// number, reason): skipped, and listed on the page.
    pub bad_lines: Vec<(usize, String)>,
}

/// `corpus.json` (the fields the report uses).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Corpus {
    /// Articles analysed.
    pub documents: u64,
    /// Words in all articles.
    pub words: u64,
    /// Distinct stems of content words.
    pub distinct_stems: u64,
    /// Most widespread terms.
    pub top_terms: Vec<CorpusTerm>,
    /// Boilerplate lines found.
    pub boilerplate: Vec<Boilerplate>,
    /// Series found.
    pub series: u64,
    /// Files of kinds billet does not read.
    pub ignored_files: u64,
    /// Ignored files one by one with the reason, when the output lists
    /// them.
    pub ignored: Vec<Ignored>,
    /// WordPress items that are not published posts.
    pub skipped_items: u64,
    /// Inputs that failed.
    pub failed_files: u64,
    /// The INPUT paths of the run.
    pub inputs: Vec<String>,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time of the run.
    pub elapsed_seconds: f64,
}

/// A term of `corpus.json`'s `top_terms`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CorpusTerm {
    /// Surface form.
    pub term: String,
    /// Articles it occurs in.
    pub df: u64,
}

/// A boilerplate line of `corpus.json`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Boilerplate {
    /// The line.
    pub line: String,
    /// Articles holding it.
    pub count: u64,
}

/// An ignored input, when `corpus.json` lists them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ignored {
    /// Path relative to its INPUT.
    pub source: String,
    /// Why it was not read.
    pub reason: String,
}

/// One line of `errors.jsonl`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErrorLine {
    /// The input's path.
    pub source: String,
    /// What went wrong.
    pub error: String,
}

/// One article of `articles.jsonl` (the fields the report uses).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Sanitised id; names `articles/<id>.json`.
    pub id: String,
    /// Path relative to its INPUT.
    pub source: String,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Suggested tags, best first (absent in older outputs).
    pub suggested_tags: Option<Vec<SuggestedTag>>,
    /// Statistics.
    pub stats: Stats,
    /// Key terms.
    pub key_terms: Vec<KeyTerm>,
    /// Key phrases.
    pub key_phrases: Vec<KeyPhrase>,
    /// Questions.
    pub questions: Questions,
    /// Place in a series.
    pub series: Option<SeriesRef>,
    /// Links to other articles.
    pub links: Links,
}

/// A suggested tag.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SuggestedTag {
    /// The tag.
    pub tag: String,
    /// Calibrated score, 0..1.
    pub score: f64,
    /// Why it was suggested.
    pub why: String,
}

/// Article statistics.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Stats {
    /// Words.
    pub words: u64,
    /// Reading time in minutes.
    pub reading_minutes: f64,
}

/// A key term.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KeyTerm {
    /// The term.
    pub term: String,
}

/// A key phrase.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct KeyPhrase {
    /// The phrase.
    pub phrase: String,
}

/// An article's questions.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Questions {
    /// Direct + indirect.
    pub total: u64,
    /// With `?` or an unambiguous form.
    pub direct: u64,
    /// Asked without `?`.
    pub indirect: u64,
    /// Interrogative clauses that ask nobody (absent in older outputs).
    pub embedded: Option<u64>,
    /// The title asks something.
    pub title: bool,
    /// Questions in a run of 3+ question lines.
    pub reader_prompts: u64,
    /// Count per form name.
    pub forms: BTreeMap<String, u64>,
    /// The sentences.
    pub sentences: Vec<QuestionSentence>,
}

/// One question sentence.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuestionSentence {
    /// The sentence.
    pub text: String,
    /// `direct`, `indirect`, `embedded`.
    pub kind: String,
    /// Form names.
    pub forms: Vec<String>,
    /// It stands as a heading (absent in older outputs).
    pub heading: bool,
}

/// An article's place in its series.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SeriesRef {
    /// Series key.
    pub key: String,
    /// Part number.
    pub part: u64,
    /// The text promises a sequel.
    pub announces_next: bool,
}

/// Links to other articles.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Links {
    /// Most similar articles.
    pub similar: Vec<Similar>,
}

/// A similar article.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Similar {
    /// Its id.
    pub id: String,
}

/// One series of `series.json`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Series {
    /// Normalised key.
    pub key: String,
    /// Name as written.
    pub name: String,
    /// Parts found, in order.
    pub parts: Vec<SeriesPart>,
    /// Part numbers absent below the highest found.
    pub missing: Vec<u64>,
}

/// One part of a series.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SeriesPart {
    /// Part number.
    pub part: u64,
    /// Article id.
    pub id: String,
}

/// `tags.json` (spec: the tags helper's, issue 14).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TagsFile {
    /// Articles with at least one tag.
    pub tagged_articles: u64,
    /// Articles without a tag.
    pub untagged_articles: u64,
    /// Distinct tags.
    pub distinct_tags: u64,
    /// Scores at or above this reach precision 0.5.
    pub suggestion_threshold: Option<f64>,
    /// Every tag, by count.
    pub tags: Vec<TagEntry>,
    /// Groups of tags that look like one.
    pub near_duplicates: Vec<NearDuplicate>,
    /// Pairs used together at least twice.
    pub co_occurrence: Vec<CoOccurrence>,
}

/// One tag of `tags.json`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TagEntry {
    /// The tag as shown.
    pub tag: String,
    /// Its slug.
    pub slug: String,
    /// Articles carrying it.
    pub count: u64,
    /// Spellings merged into it.
    pub forms: Vec<String>,
}

/// A group of near-duplicate tags.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NearDuplicate {
    /// What they share.
    pub key: String,
    /// Why they look alike.
    pub reason: String,
    /// The tags.
    pub tags: Vec<String>,
}

/// Two tags used together.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CoOccurrence {
    /// The pair.
    pub tags: Vec<String>,
    /// Articles carrying both.
    pub count: u64,
}

impl Input {
    /// Reads the analysis in `out`. `corpus.json` and `articles.jsonl`
    /// are required; the other files are optional (an older or partial
    /// output), and an unreadable line of `articles.jsonl` is skipped and
    /// noted in [`Input::bad_lines`].
    pub fn read(out: &Path) -> Result<Input, FatalError> {
        let corpus_path = out.join("corpus.json");
        let corpus_text = fs::read_to_string(&corpus_path).map_err(|e| {
            FatalError::new(format!(
                "{}: cannot read ({e}): is {} an output of `billet \
                 analyze`?",
                corpus_path.display(),
                out.display()
            ))
        })?;
        let corpus: Corpus =
            serde_json::from_str(&corpus_text).map_err(|e| {
                FatalError::new(format!(
                    "{}: not a billet corpus.json: {e}",
                    corpus_path.display()
                ))
            })?;
        let mut input = Input {
            corpus,
            ..Input::default()
        };
        let jsonl = out.join("articles.jsonl");
        let text = fs::read_to_string(&jsonl).map_err(|e| {
            FatalError::new(format!("{}: cannot read ({e})", jsonl.display()))
        })?;
        read_articles(&text, &mut input);
        input.series =
            read_optional_json(&out.join("series.json"))?.unwrap_or_default();
        input.tags = read_optional_json(&out.join("tags.json"))?;
        input.errors = read_errors(&out.join("errors.jsonl"))?;
        Ok(input)
    }
}

/// Parses `articles.jsonl`, lines in parallel (a 50,000-article file is
/// over 100 MB), keeping file order; a bad line is noted, not fatal.
fn read_articles(text: &str, input: &mut Input) {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let parsed: Vec<(usize, serde_json::Result<Article>)> = lines
        .par_iter()
        .map(|&(n, line)| (n + 1, serde_json::from_str(line)))
        .collect();
    input.articles.reserve(parsed.len());
    for (n, result) in parsed {
        match result {
            Ok(article) => input.articles.push(article),
            Err(e) => input.bad_lines.push((n, e.to_string())),
        }
    }
}

/// A JSON file that older outputs may lack: `None` when it is missing,
/// an error when it is there but unreadable.
fn read_optional_json<T: for<'de> Deserialize<'de>>(
    path: &Path,
) -> Result<Option<T>, FatalError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(FatalError::new(format!(
                "{}: cannot read ({e})",
                path.display()
            )));
        }
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        FatalError::new(format!(
            "{}: not as billet writes it: {e}",
            path.display()
        ))
    })
}

/// `errors.jsonl`; a missing file means no errors (older outputs).
fn read_errors(path: &Path) -> Result<Vec<ErrorLine>, FatalError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Vec::new());
        }
        Err(e) => {
            return Err(FatalError::new(format!(
                "{}: cannot read ({e})",
                path.display()
            )));
        }
    };
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|_| ErrorLine {
                source: String::new(),
                error: l.to_string(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_article_reads_with_defaults() {
        let line = r#"{"id":"a","source":"a.txt","title":null,"tags":[],
            "stats":{"words":3,"reading_minutes":0.1},
            "questions":{"total":1,"direct":1,"indirect":0,"title":false,
              "reader_prompts":0,"forms":{"pourquoi":1},
              "sentences":[{"text":"Pourquoi ?","kind":"direct","forms":["pourquoi"]}]},
            "series":null,"links":{"related":[],"similar":[]},"extra":1}"#
            .replace('\n', " ");
        let mut input = Input::default();
        read_articles(&line, &mut input);
        let a = &input.articles[0];
        assert_eq!(a.id, "a");
        assert!(a.suggested_tags.is_none());
        assert_eq!(a.questions.embedded, None);
        assert!(!a.questions.sentences[0].heading);
        assert_eq!(a.questions.forms["pourquoi"], 1);
    }

    #[test]
    fn a_bad_line_is_noted_and_skipped() {
        let text = "{\"id\":\"a\"}\nnot json\n\n{\"id\":\"b\"}\n";
        let mut input = Input::default();
        read_articles(text, &mut input);
        assert_eq!(input.articles.len(), 2);
        assert_eq!(input.bad_lines.len(), 1);
        assert_eq!(input.bad_lines[0].0, 2);
    }
}
