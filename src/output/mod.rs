//! Reports: the serde types of every output file (DESIGN.md's contract)
//! and the atomic writer they go through.
//!
//! Field names here are the contract: search indexes and users rely on
//! them. Every file is written to a temporary name in its folder and
//! renamed into place, so a reader (or a run killed at any moment)
//! only ever sees a whole old file or a whole new one. The article
//! files of a fresh output folder are written as a whole folder
//! instead ([`ArticleFolder`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

use crate::questions::Questions;

/// One article, as written to `articles/<id>.json` and `articles.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article {
    /// Stable, sanitised id: `[a-z0-9_-]`, at most 200 bytes.
    pub id: String,
    /// Path relative to its INPUT, `/` separators.
    pub source: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Author, if known.
    pub author: Option<String>,
    /// Date as `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Tags and categories.
    pub tags: Vec<String>,
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

/// Size and reading statistics of an article (title and body).
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyTerm {
    /// Most frequent lower-cased surface form of the stem in the article.
    pub term: String,
    /// The Snowball stem.
    pub stem: String,
    /// Occurrences in the article.
    pub count: u32,
    /// BM25 weight against the corpus.
    pub score: f64,
}

/// A key phrase of an article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyPhrase {
    /// The phrase, lower case, as most often written.
    pub phrase: String,
    /// Occurrences in the article.
    pub count: u32,
    /// Weight against the corpus.
    pub score: f64,
}

/// An article's place in its series.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Links {
    /// Articles the text itself lists (teasers).
    pub related: Vec<Related>,
    /// Most similar articles of the corpus.
    pub similar: Vec<Similar>,
}

/// An article listed by another.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related {
    /// The title as listed.
    pub title: String,
    /// Id of the corpus article with that title, if any.
    pub id: Option<String>,
}

/// A similar article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Similar {
    /// Its id.
    pub id: String,
    /// Cosine similarity of term weights.
    pub score: f64,
}

/// One series, as listed in `series.json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesPart {
    /// Part number.
    pub part: u32,
    /// Article id.
    pub id: String,
    /// Article title.
    pub title: Option<String>,
}

/// `corpus.json`: the whole run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusReport {
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorpusTerm {
    /// A surface form of the stem.
    pub term: String,
    /// The stem.
    pub stem: String,
    /// Articles it occurs in.
    pub df: u32,
}

/// A boilerplate line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoilerplateLine {
    /// The line, as first seen.
    pub line: String,
    /// Articles holding it.
    pub count: u32,
}

/// One line of `errors.jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorLine {
    /// The input's source path.
    pub source: String,
    /// What went wrong, for a person.
    pub error: String,
}

/// Rounds a score for output: 4 decimals are plenty, and rounding keeps
/// the JSON short and stable.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, then renamed over `path`. A run killed at any moment leaves
/// the old file or the new one, never a torn one. (No fsync: it would
/// cost more than the analysis on large corpora, and a rerun gives the
/// same bytes.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = temp_output(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file for an output, in `dir`, named `.billet-*.tmp`
/// and readable by others (mode 0644, less the umask): tempfile
/// creates files 0600, but outputs are for other programs (a search
/// engine's bulk loader, a web server) to read.
pub fn temp_output(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".billet-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// The folder of per-article files, written as a whole when it can be.
///
/// When the folder is empty (a fresh `--out`), files are created under
/// their own names in a staging folder beside it (`.billet-*.tmp`),
/// which [`ArticleFolder::finish`] renames over the empty folder: a
/// reader sees no article or all of them, and each file costs three
/// system calls instead of four, which matters because one thread
/// creates them all. When the folder already holds files (an earlier
/// run's, or anyone's), each file is written with [`write_atomic`] and
/// replaces only its namesake; nothing else there is touched.
#[derive(Debug)]
pub struct ArticleFolder {
    target: PathBuf,
    staging: Option<tempfile::TempDir>,
}

impl ArticleFolder {
    /// Prepares to write into `target`, an existing folder.
    pub fn open(target: &Path) -> io::Result<ArticleFolder> {
        let empty = fs::read_dir(target)?.next().is_none();
        let staging = match (empty, target.parent()) {
            (true, Some(parent)) => {
                let mut builder = tempfile::Builder::new();
                builder.prefix(".billet-").suffix(".tmp");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(fs::Permissions::from_mode(0o755));
                }
                Some(builder.tempdir_in(parent)?)
            }
            _ => None,
        };
        Ok(ArticleFolder {
            target: target.to_path_buf(),
            staging,
        })
    }

    /// Whether files are staged, to appear together on
    /// [`ArticleFolder::finish`].
    pub fn is_staged(&self) -> bool {
        self.staging.is_some()
    }

    /// Writes the file `name` (a plain file name, unique in this run).
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        match &self.staging {
            Some(staging) => {
                let mut file =
                    fs::File::create_new(staging.path().join(name))?;
                file.write_all(bytes)
            }
            None => write_atomic(&self.target.join(name), bytes),
        }
    }

    /// Puts the staged files in place. Dropping an unfinished folder
    /// removes its staged files: the target stays as it was.
    pub fn finish(self) -> io::Result<()> {
        let Some(mut staging) = self.staging else {
            return Ok(());
        };
        // Renaming a folder over an empty one replaces it atomically.
        if fs::rename(staging.path(), &self.target).is_ok() {
            staging.disable_cleanup(true);
            return Ok(());
        }
        // The target gained files during the run (or is not a plain
        // folder): move the files one by one, each rename atomic.
        for entry in fs::read_dir(staging.path())? {
            let entry = entry?;
            fs::rename(entry.path(), self.target.join(entry.file_name()))?;
        }
        Ok(())
    }
}

/// The pretty JSON of `value` (as [`to_pretty_json`]) and its compact
/// JSON (as `serde_json::to_vec`), each with a final newline, from one
/// serialisation: an article's file and its `articles.jsonl` line.
pub fn to_pretty_and_compact<T: Serialize>(value: &T) -> (Vec<u8>, Vec<u8>) {
    let mut pretty = Vec::with_capacity(4096);
    let mut compact = Vec::with_capacity(2048);
    let twin = Twin {
        pretty: serde_json::ser::PrettyFormatter::new(),
        compact: &mut compact,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut pretty, twin);
    value
        .serialize(&mut ser)
        .expect("report types always serialise");
    pretty.push(b'\n');
    compact.push(b'\n');
    (pretty, compact)
}

/// A serde_json formatter that writes pretty JSON to its writer and the
/// same value's compact JSON to `compact`, event by event. Every method
/// of [`Formatter`] is forwarded to both (a method left to its default
/// would write to the pretty side only: the tests compare both sides
/// with serde_json's own output).
struct Twin<'a> {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    compact: &'a mut Vec<u8>,
}

/// Forwards each listed [`Formatter`] method to both formatters.
macro_rules! twin_methods {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + io::Write>(
            &mut self,
            writer: &mut W
            $(, $arg: $ty)*
        ) -> io::Result<()> {
            self.pretty.$name(writer $(, $arg)*)?;
            CompactFormatter.$name(self.compact $(, $arg)*)
        }
    )*};
}

impl Formatter for Twin<'_> {
    twin_methods! {
        write_null();
        write_bool(value: bool);
        write_i8(value: i8);
        write_i16(value: i16);
        write_i32(value: i32);
        write_i64(value: i64);
        write_i128(value: i128);
        write_u8(value: u8);
        write_u16(value: u16);
        write_u32(value: u32);
        write_u64(value: u64);
        write_u128(value: u128);
        write_f32(value: f32);
        write_f64(value: f64);
        write_number_str(value: &str);
        begin_string();
        end_string();
        write_string_fragment(fragment: &str);
        write_byte_array(value: &[u8]);
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
        write_raw_fragment(fragment: &str);
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        // The escape cannot be cloned: write it once, copy its bytes.
        let from = self.compact.len();
        CompactFormatter.write_char_escape(self.compact, char_escape)?;
        writer.write_all(&self.compact[from..])
    }
}

/// Pretty JSON with a final newline.
pub fn to_pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value)
        .expect("report types always serialise");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    /// Names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_empty_article_folder_appears_whole() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        assert!(folder.is_staged());
        folder.write("a.json", b"{}").unwrap();
        folder.write("b.json", b"[]").unwrap();
        assert!(names(&target).is_empty(), "nothing visible before finish");
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "b.json"]);
        assert_eq!(fs::read(target.join("b.json")).unwrap(), b"[]");
        assert_eq!(names(out.path()), ["articles"], "no staging left");
    }

    #[test]
    fn an_unfinished_article_folder_leaves_nothing() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        folder.write("a.json", b"{}").unwrap();
        drop(folder);
        assert_eq!(names(out.path()), ["articles"]);
        assert!(names(&target).is_empty());
    }

    #[test]
    fn a_used_article_folder_keeps_other_files() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a.json"), "old").unwrap();
        fs::write(target.join("mine.txt"), "keep").unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        assert!(!folder.is_staged());
        folder.write("a.json", b"new").unwrap();
        folder.write("b.json", b"[]").unwrap();
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "b.json", "mine.txt"]);
        assert_eq!(fs::read(target.join("a.json")).unwrap(), b"new");
        assert_eq!(fs::read(target.join("mine.txt")).unwrap(), b"keep");
    }

    /// A file that appears in the folder while it is staged is kept:
    /// the staged files join it one by one.
    #[test]
    fn a_folder_filled_meanwhile_gets_the_files_one_by_one() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        folder.write("a.json", b"{}").unwrap();
        fs::write(target.join("mine.txt"), "keep").unwrap();
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "mine.txt"]);
        assert_eq!(names(out.path()), ["articles"], "no staging left");
    }

    #[test]
    fn one_pass_gives_serde_json_pretty_and_compact() {
        let values = [
            serde_json::json!({
                "id": "a b",
                "quote": "il dit \"oui\" \\ puis\n  non\u{1}\t/",
                "empty": [], "none": {}, "null": null, "t": true, "f": false,
                "n": [1, -2, 2.5, 3e40, 0.1235, u64::MAX, i64::MIN],
                "nested": [{"a": [[], {"b": " : , "}]}, "\u{a0}é\u{202f}?"],
                "ends with a backslash\\": "\\",
            }),
            serde_json::json!([]),
            serde_json::json!("  "),
        ];
        for value in values {
            let (pretty, compact) = to_pretty_and_compact(&value);
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                String::from_utf8(to_pretty_json(&value)).unwrap()
            );
            let mut expected = serde_json::to_vec(&value).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(compact).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn rounding() {
        assert_eq!(round4(0.123_456), 0.1235);
        assert_eq!(round4(2.0), 2.0);
    }
}
