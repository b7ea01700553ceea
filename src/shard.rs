//! Shard statistics: what `billet stats` writes, what `billet stats
//! --merge` joins and what `billet analyze --stats` scores against.
//!
//! Scoring an article needs the whole corpus: document frequencies, the
//! boilerplate lines (short lines found in many articles, left out of
//! every count), every title (series, related articles) and every
//! article's terms (similar articles). A stats file holds exactly that,
//! article by article, so that shards analysed apart (other processes,
//! other machines) give the articles one run over everything would give,
//! byte for byte.
//!
//! The one thing a shard cannot know alone is which of its short lines
//! are boilerplate: that depends on the other shards. So each article's
//! counts are split in two: the terms of its blocks that can never be
//! boilerplate, and the terms of each short line on its own. Once every
//! shard is known, the reader adds back the lines that turned out not to
//! be boilerplate ([`Whole::effective_terms`]).
//!
//! # Format, version 3
//!
//! A gzip-compressed JSON Lines file. The first line is the header:
//!
//! ```text
//! {"format":"billet-stats","version":3,"billet":"0.1.0",
//!  "analysis":"<16 hex digits>","stopwords":"<16 hex digits>",
//!  "shards":1,"articles":20,"failed":0}
//! ```
//!
//! `billet` is the version that wrote it; `analysis` ([`ANALYSIS`])
//! fingerprints the source of the billet that counted the articles
//! (`src/`, `stopwords/`, `Cargo.lock`; the same for the same source
//! built on any machine, for any target); `stopwords` fingerprints the
//! stopword list in force; `shards` counts the `billet stats` runs
//! merged into it. Counts made by another analysis would score wrongly
//! and silently, so files of different versions or analyses are not
//! merged, `billet analyze --stats` takes only a file whose analysis is
//! its own, and a file of another format version (version 2 had no
//! `analysis`) is refused as such: each time the message says to count
//! the shards again with the running billet.
//!
//! Every other line is one article, in input order:
//!
//! ```text
//! {"path":"shards/0/notes/compost.txt","source":"notes/compost.txt",
//!  "entry":null,"slug":null,"title":"Composter en appartement (1/3)",
//!  "series":null,"series_part":null,"date":"2024-03-02",
//!  "tags":["compost"],"title_stems":["compost","apparte"],
//!  "text":"<16 hex digits>","words":402,"terms":[["compost",17],…],
//!  "lines":[{"key":"<16 hex digits>","words":3,"terms":[["partag",1]]}]}
//! ```
//!
//! `path` is the file as walked (its INPUT joined with `source`, `./`
//! dropped): `billet analyze --stats` finds its articles by it, so a shard
//! must be analysed with the INPUT paths it was counted with. `text`
//! fingerprints the article's text, so a file changed in between is
//! reported instead of scored wrongly. `words` and `terms` (stem, count;
//! sorted by stem) count the title and the blocks that are never
//! boilerplate; `lines` lists every short line of the article that may
//! be boilerplate, by key, with the content words and terms it adds when
//! it is not.
//!
//! Merging concatenates the article lines in the order the files are
//! given and sums the header's counts; the order is the order of the
//! inputs of the equivalent single run.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Component, Path};

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::{Deserialize, Serialize};

use crate::error::FatalError;
use crate::outdir::{Holder, OutputFile, Wait};

/// The header's `format`.
pub const FORMAT: &str = "billet-stats";
/// The format version this build reads and writes.
pub const VERSION: u32 = 3;
/// The fingerprint of the source this billet was built from (its
/// analysis): 16 hex digits, computed by `build.rs` over `src/`,
/// `stopwords/` and `Cargo.lock`, the same for the same source on any
/// machine and target.
pub const ANALYSIS: &str = env!("BILLET_ANALYSIS_FINGERPRINT");

/// The first line of a stats file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// The billet version that counted the articles.
    pub billet: String,
    /// The [`ANALYSIS`] fingerprint of the billet that counted them.
    pub analysis: String,
    /// Fingerprint of the stopword list in force.
    pub stopwords: String,
    /// `billet stats` runs merged into this file.
    pub shards: u32,
    /// Article lines that follow.
    pub articles: u64,
    /// Files that could not be read.
    pub failed: u64,
}

/// What to do about a file counted by another billet.
const RECOUNT: &str = "count every shard again with this billet (`billet \
                       stats`), then merge them again";

impl Header {
    /// The header of one shard counted by this build.
    pub fn new(stopwords: &str, articles: u64, failed: u64) -> Header {
        Header {
            format: FORMAT.to_string(),
            version: VERSION,
            billet: env!("CARGO_PKG_VERSION").to_string(),
            analysis: ANALYSIS.to_string(),
            stopwords: stopwords.to_string(),
            shards: 1,
            articles,
            failed,
        }
    }

    /// Whether articles counted under `other` may be scored with ours:
    /// `first` names the file ours comes from (a merge), `None` when it
    /// is the running billet's.
    fn compatible(
        &self,
        other: &Header,
        first: Option<&str>,
    ) -> Result<(), String> {
        let ours = |what: &str| match first {
            None => format!("this billet's {what}"),
            Some(path) => format!("{what} in {path}"),
        };
        if self.billet != other.billet {
            return Err(format!(
                "counted by billet {}, not {}: {RECOUNT}",
                other.billet,
                ours(&self.billet)
            ));
        }
        if self.analysis != other.analysis {
            return Err(format!(
                "counted by another build of billet (analysis fingerprint \
                 {}, not {}): {}; {RECOUNT}",
                other.analysis,
                ours(&self.analysis),
                if first.is_none() {
                    "its counts are not the ones this billet makes"
                } else {
                    "counts of two analyses do not add up"
                }
            ));
        }
        if self.stopwords != other.stopwords {
            return Err(
                "counted with another stopword list (--stopwords)".to_string()
            );
        }
        Ok(())
    }
}

/// A short line of an article, as written in a stats file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineLine {
    /// The line's key ([`crate::sections::line_key`]), 16 hex digits.
    pub key: String,
    /// Content words it adds when it is not boilerplate.
    pub words: u32,
    /// (stem, count) it adds when it is not boilerplate.
    pub terms: Vec<(String, u32)>,
}

/// Who an article is: what the corpus pass needs besides its counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The file as walked ([`path_key`]).
    pub path: String,
    /// The file relative to its INPUT.
    pub source: String,
    /// Which article of its file, for files holding several.
    pub entry: Option<String>,
    /// Front-matter slug.
    pub slug: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Front-matter series name.
    pub series: Option<String>,
    /// Front-matter part number.
    pub series_part: Option<u32>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Tags as the author wrote them: suggested tags are learned from
    /// the whole corpus's.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Stems of the title (suggested tags match tag names there).
    #[serde(default)]
    pub title_stems: Vec<String>,
}

/// One article, as written in a stats file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLine {
    /// Who it is (its fields sit at the top level of the line).
    #[serde(flatten)]
    pub id: Identity,
    /// Fingerprint of the article's text ([`text_hash`]), 16 hex digits.
    pub text: String,
    /// Content words outside the short lines.
    pub words: u32,
    /// (stem, count) outside the short lines, sorted by stem.
    pub terms: Vec<(String, u32)>,
    /// The short lines that may be boilerplate.
    pub lines: Vec<LineLine>,
}

/// The fingerprint of an article's text.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
}

/// A path as the stats file names it: `/` separators, `.` components
/// dropped, so that `./shard` and `shard` are the same shard.
pub fn path_key(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        let part = match c {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            other => other.as_os_str().to_string_lossy(),
        };
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    out
}

/// A fingerprint of a stopword list: its words, normalised, sorted and
/// deduplicated, hashed (comments, blank lines and order do not count).
pub fn stopwords_fingerprint(list: &str) -> String {
    use std::hash::Hasher;
    let mut words: Vec<String> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|w| crate::normalize::normalize(w).into_owned())
        .collect();
    words.sort_unstable();
    words.dedup();
    let mut h = FxHasher::default();
    for w in &words {
        h.write(w.as_bytes());
        h.write_u8(0);
    }
    hex(h.finish())
}

/// 16 lower-case hex digits.
pub fn hex(n: u64) -> String {
    format!("{n:016x}")
}

fn parse_hex(s: &str) -> Option<u64> {
    (s.len() == 16).then(|| u64::from_str_radix(s, 16).ok())?
}

/// Opens the stats file `path` for writing: locked (one writer at a
/// time; waits as `wait` says, calling `on_wait` once with the holder,
/// unless `cancelled()`), written beside it, renamed over it only when
/// whole ([`OutputFile`]).
pub fn create(
    path: &Path,
    wait: Wait,
    cancelled: &dyn Fn() -> bool,
    on_wait: &mut dyn FnMut(Option<&Holder>),
) -> Result<OutputFile, FatalError> {
    Ok(OutputFile::create(path, wait, cancelled, on_wait)?)
}

/// Writes a stats file: header, then the articles, into `file` (from
/// [`create`]), which replaces the old file only when all went well and
/// the run was not `cancelled()`.
pub fn write(
    file: OutputFile,
    header: &Header,
    articles: impl IntoIterator<Item = ArticleLine>,
    cancelled: &dyn Fn() -> bool,
) -> Result<(), FatalError> {
    write_with(file, header, cancelled, |gz, cannot| {
        for a in articles {
            write_line(gz, &a).map_err(cannot)?;
        }
        Ok(())
    })
}

/// The compressed stream of a stats file being written.
/// The buffer comes before the encoder: serde_json writes in small
/// pieces, and flate2 zeroes its whole output buffer on every write it
/// gets (two thirds of `billet stats`' time before).
type GzOut<'a> = BufWriter<GzEncoder<BufWriter<&'a mut std::fs::File>>>;

/// Writes `header`, then what `body` writes, into `file`, which then
/// replaces its target.
fn write_with(
    mut file: OutputFile,
    header: &Header,
    cancelled: &dyn Fn() -> bool,
    body: impl FnOnce(
        &mut GzOut<'_>,
        &dyn Fn(std::io::Error) -> FatalError,
    ) -> Result<(), FatalError>,
) -> Result<(), FatalError> {
    let path = file.target().to_path_buf();
    let cannot = |e: std::io::Error| {
        FatalError::new(format!(
            "{}: cannot write: {e}; {} is unchanged",
            path.display(),
            path.display()
        ))
    };
    {
        let mut gz = BufWriter::with_capacity(
            1 << 16,
            GzEncoder::new(BufWriter::new(file.file()), Compression::fast()),
        );
        write_line(&mut gz, header).map_err(cannot)?;
        body(&mut gz, &cannot)?;
        gz.into_inner()
            .map_err(|e| cannot(e.into_error()))?
            .finish()
            .map_err(cannot)?
            .flush()
            .map_err(cannot)?;
    }
    file.commit(cancelled)?;
    Ok(())
}

fn write_line<T: Serialize>(
    out: &mut impl Write,
    value: &T,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// An open stats file: its header read, its articles to come.
struct Reader {
    path: String,
    header: Header,
    lines: std::io::Lines<BufReader<MultiGzDecoder<std::fs::File>>>,
    line_no: usize,
}

impl Reader {
    fn open(path: &Path) -> Result<Reader, FatalError> {
        let name = path.display().to_string();
        let fail = |msg: String| FatalError::new(format!("{name}: {msg}"));
        let file = std::fs::File::open(path)
            .map_err(|e| fail(format!("cannot read the stats file: {e}")))?;
        let mut lines = BufReader::new(MultiGzDecoder::new(file)).lines();
        let first = match lines.next() {
            Some(Ok(line)) => line,
            Some(Err(e)) => {
                return Err(fail(format!(
                    "not a billet stats file (gzip'd JSON Lines): {e}"
                )));
            }
            None => return Err(fail("empty stats file".to_string())),
        };
        // The format and version first, alone: an older or newer header
        // may lack fields of ours or have others.
        #[derive(Deserialize)]
        struct Version {
            format: String,
            version: u32,
        }
        let not_stats = || fail("not a billet stats file (no header)".into());
        let version = serde_json::from_str::<Version>(&first)
            .ok()
            .filter(|v| v.format == FORMAT)
            .ok_or_else(not_stats)?
            .version;
        if version != VERSION {
            let age = if version < VERSION {
                "an older"
            } else {
                "a newer"
            };
            return Err(fail(format!(
                "stats format version {version}, written by {age} billet; \
                 this billet reads version {VERSION}: {RECOUNT}"
            )));
        }
        let header: Header =
            serde_json::from_str(&first).map_err(|_| not_stats())?;
        Ok(Reader {
            path: name,
            header,
            lines,
            line_no: 1,
        })
    }

    /// The next article line, raw, or `None` at the end.
    fn next_line(&mut self) -> Result<Option<String>, FatalError> {
        match self.lines.next() {
            None => Ok(None),
            Some(Ok(line)) => {
                self.line_no += 1;
                Ok(Some(line))
            }
            Some(Err(e)) => Err(FatalError::new(format!(
                "{}: line {}: cannot read: {e}",
                self.path,
                self.line_no + 1
            ))),
        }
    }

    fn broken(&self, why: impl std::fmt::Display) -> FatalError {
        FatalError::new(format!(
            "{}: line {}: broken article line: {why}",
            self.path, self.line_no
        ))
    }
}

/// Reads only the header of a stats file.
pub fn read_header(path: &Path) -> Result<Header, FatalError> {
    Reader::open(path).map(|r| r.header)
}

/// `billet stats --merge`: joins stats files, in the order given, into
/// `out` (written whole, by one writer: [`create`]). Files of other
/// billet versions, analyses ([`ANALYSIS`]) or stopword lists than the
/// first file's, and articles present twice, are refused.
pub fn merge(
    inputs: &[impl AsRef<Path>],
    out: &Path,
) -> Result<Header, FatalError> {
    merge_into(
        inputs,
        create(out, Wait::No, &|| false, &mut |_| {})?,
        &|| false,
    )
}

/// [`merge`] into a stats file opened with [`create`]; nothing replaces
/// its target if `cancelled()`.
pub fn merge_into(
    inputs: &[impl AsRef<Path>],
    out: OutputFile,
    cancelled: &dyn Fn() -> bool,
) -> Result<Header, FatalError> {
    let mut readers = Vec::with_capacity(inputs.len());
    for path in inputs {
        readers.push(Reader::open(path.as_ref())?);
    }
    let Some(first) = readers.first() else {
        return Err(FatalError::new("nothing to merge".to_string()));
    };
    let mut header = first.header.clone();
    let first_path = first.path.clone();
    header.shards = 0;
    header.articles = 0;
    header.failed = 0;
    for r in &readers {
        header
            .compatible(&r.header, Some(&first_path))
            .map_err(|why| FatalError::new(format!("{}: {why}", r.path)))?;
        header.shards += r.header.shards;
        header.articles += r.header.articles;
        header.failed += r.header.failed;
    }
    // Articles are checked (they parse, none twice) as they stream
    // through; only their keys are kept.
    #[derive(Deserialize)]
    struct Key {
        path: String,
        entry: Option<String>,
    }
    let mut seen: FxHashSet<(String, Option<String>)> = FxHashSet::default();
    // The header's totals come from the inputs' headers, so the lines
    // stream through; a file holding another count than its header says
    // fails the merge (the temporary output is dropped).
    write_with(out, &header, cancelled, |gz, cannot| {
        for r in &mut readers {
            let mut n = 0u64;
            while let Some(line) = r.next_line()? {
                let key: Key =
                    serde_json::from_str(&line).map_err(|e| r.broken(e))?;
                let shown = key.path.clone();
                if !seen.insert((key.path, key.entry)) {
                    return Err(FatalError::new(format!(
                        "{}: {shown} is already in an earlier stats file: \
                         a shard was given twice, or two shards overlap",
                        r.path
                    )));
                }
                gz.write_all(line.as_bytes()).map_err(cannot)?;
                gz.write_all(b"\n").map_err(cannot)?;
                n += 1;
            }
            if n != r.header.articles {
                return Err(FatalError::new(format!(
                    "{}: the header announces {} articles, the file holds \
                     {n}: truncated?",
                    r.path, r.header.articles
                )));
            }
        }
        Ok(())
    })?;
    Ok(header)
}

/// A short line of an article: (key, content words, (stem id, count)).
pub type ShortLine = (u64, u32, Vec<(u32, u32)>);

/// One article of the whole corpus, stems as ids into [`Whole::stems`].
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// Who it is.
    pub id: Identity,
    /// Fingerprint of its text.
    pub text: u64,
    /// Content words outside the short lines.
    pub words: u32,
    /// (stem id, count) outside the short lines, sorted by stem id.
    pub terms: Vec<(u32, u32)>,
    /// Each short line that may be boilerplate.
    pub lines: Vec<ShortLine>,
}

/// A stats file read whole: every article of the corpus.
#[derive(Debug, Default)]
pub struct Whole {
    /// Its header.
    pub header: Header,
    /// Every stem, sorted: a stem's id is its rank.
    pub stems: Vec<Box<str>>,
    /// The articles, in corpus order.
    pub articles: Vec<Record>,
}

impl Default for Header {
    fn default() -> Header {
        Header::new("", 0, 0)
    }
}

impl Whole {
    /// Reads a stats file and checks that it was counted like this run:
    /// same billet version and analysis ([`ANALYSIS`]), same stopwords (`stopwords`: the fingerprint
    /// in force).
    pub fn read(path: &Path, stopwords: &str) -> Result<Whole, FatalError> {
        let mut reader = Reader::open(path)?;
        let ours = Header::new(stopwords, 0, 0);
        ours.compatible(&reader.header, None).map_err(|why| {
            FatalError::new(format!("{}: {why}", reader.path))
        })?;
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut stems: Vec<Box<str>> = Vec::new();
        let mut intern = |s: String| -> u32 {
            if let Some(&id) = ids.get(s.as_str()) {
                return id;
            }
            let id = stems.len() as u32;
            let s: Box<str> = s.into();
            stems.push(s.clone());
            ids.insert(s, id);
            id
        };
        let mut articles = Vec::with_capacity(reader.header.articles as usize);
        while let Some(line) = reader.next_line()? {
            let a: ArticleLine =
                serde_json::from_str(&line).map_err(|e| reader.broken(e))?;
            let text = parse_hex(&a.text)
                .ok_or_else(|| reader.broken("bad text fingerprint"))?;
            let mut lines = Vec::with_capacity(a.lines.len());
            for l in a.lines {
                let key = parse_hex(&l.key)
                    .ok_or_else(|| reader.broken("bad line key"))?;
                let terms =
                    l.terms.into_iter().map(|(s, n)| (intern(s), n)).collect();
                lines.push((key, l.words, terms));
            }
            articles.push(Record {
                id: a.id,
                text,
                words: a.words,
                terms: a
                    .terms
                    .into_iter()
                    .map(|(s, n)| (intern(s), n))
                    .collect(),
                lines,
            });
        }
        if articles.len() as u64 != reader.header.articles {
            return Err(FatalError::new(format!(
                "{}: the header announces {} articles, the file holds {}: \
                 truncated?",
                reader.path,
                reader.header.articles,
                articles.len()
            )));
        }
        // Stem ids in sorted order, as a single run numbers them.
        let mut order: Vec<u32> = (0..stems.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            stems[a as usize].cmp(&stems[b as usize])
        });
        let mut remap = vec![0u32; order.len()];
        for (rank, &old) in order.iter().enumerate() {
            remap[old as usize] = rank as u32;
        }
        let sorted: Vec<Box<str>> = order
            .iter()
            .map(|&old| stems[old as usize].clone())
            .collect();
        for a in &mut articles {
            for t in &mut a.terms {
                t.0 = remap[t.0 as usize];
            }
            a.terms.sort_unstable();
            for (_, _, terms) in &mut a.lines {
                for t in terms.iter_mut() {
                    t.0 = remap[t.0 as usize];
                }
            }
        }
        Ok(Whole {
            header: reader.header,
            stems: sorted,
            articles,
        })
    }

    /// The id of a stem, if any article holds it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems
            .binary_search_by(|s| (**s).cmp(stem))
            .ok()
            .map(|i| i as u32)
    }

    /// In how many articles each short line occurs, and how many articles
    /// there are: what decides the corpus boilerplate.
    pub fn line_counts(&self) -> (FxHashMap<u64, u32>, usize) {
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for a in &self.articles {
            for (key, _, _) in &a.lines {
                *counts.entry(*key).or_default() += 1;
            }
        }
        (counts, self.articles.len())
    }

    /// An article's terms (stem id, count; sorted by stem) and content
    /// words once `boilerplate` lines are left out.
    pub fn effective_terms(
        &self,
        article: usize,
        boilerplate: &FxHashSet<u64>,
    ) -> (Vec<(u32, u32)>, u32) {
        let a = &self.articles[article];
        let mut words = a.words;
        let mut terms = a.terms.clone();
        let mut added = false;
        for (key, w, t) in &a.lines {
            if boilerplate.contains(key) {
                continue;
            }
            words += w;
            terms.extend_from_slice(t);
            added = true;
        }
        if added {
            terms.sort_unstable_by_key(|t| t.0);
            terms.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 += b.1;
                    true
                } else {
                    false
                }
            });
        }
        (terms, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_drop_dot_components() {
        assert_eq!(path_key(Path::new("./shards/0/a.txt")), "shards/0/a.txt");
        assert_eq!(path_key(Path::new("shards/./0/a.txt")), "shards/0/a.txt");
        assert_eq!(path_key(Path::new("/srv/blog/a.md")), "/srv/blog/a.md");
    }

    #[test]
    fn stopword_fingerprints_ignore_order_and_comments() {
        let a = stopwords_fingerprint("le\nla\n# commentaire\n\nles\n");
        let b = stopwords_fingerprint("les\nLe\nla\n");
        let c = stopwords_fingerprint("le\nla\n");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    /// Writes a stats file at `path` as `billet stats` does.
    fn write(
        path: &Path,
        header: &Header,
        articles: impl IntoIterator<Item = ArticleLine>,
    ) -> Result<(), FatalError> {
        let file = create(path, Wait::No, &|| false, &mut |_| {})?;
        super::write(file, header, articles, &|| false)
    }

    fn article(
        path: &str,
        terms: &[(&str, u32)],
        lines: Vec<LineLine>,
    ) -> ArticleLine {
        ArticleLine {
            id: Identity {
                path: path.to_string(),
                source: path.to_string(),
                title: Some(path.to_string()),
                ..Identity::default()
            },
            text: hex(7),
            words: terms.iter().map(|t| t.1).sum(),
            terms: terms.iter().map(|&(s, n)| (s.to_string(), n)).collect(),
            lines,
        }
    }

    #[test]
    fn write_merge_read_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let line = |key: u64, terms: &[(&str, u32)]| LineLine {
            key: hex(key),
            words: terms.iter().map(|t| t.1).sum(),
            terms: terms.iter().map(|&(s, n)| (s.to_string(), n)).collect(),
        };
        let a = dir.path().join("a.stats");
        let b = dir.path().join("b.stats");
        let all = dir.path().join("all.stats");
        let fp = stopwords_fingerprint("le\n");
        write(
            &a,
            &Header::new(&fp, 1, 0),
            [article(
                "x/1.txt",
                &[("zèbr", 2), ("chat", 1)],
                vec![line(9, &[("chat", 1), ("partag", 1)])],
            )],
        )
        .unwrap();
        write(
            &b,
            &Header::new(&fp, 2, 1),
            [
                article(
                    "y/2.txt",
                    &[("chat", 3)],
                    vec![line(9, &[("partag", 1)])],
                ),
                article("y/3.txt", &[("abeill", 1)], vec![]),
            ],
        )
        .unwrap();
        let header = merge(&[&a, &b], &all).unwrap();
        assert_eq!((header.shards, header.articles, header.failed), (2, 3, 1));
        let whole = Whole::read(&all, &fp).unwrap();
        assert_eq!(
            whole.stems.iter().map(|s| &**s).collect::<Vec<_>>(),
            ["abeill", "chat", "partag", "zèbr"]
        );
        let paths: Vec<&str> =
            whole.articles.iter().map(|a| a.id.path.as_str()).collect();
        assert_eq!(paths, ["x/1.txt", "y/2.txt", "y/3.txt"]);
        let (counts, n) = whole.line_counts();
        assert_eq!((counts[&9], n), (2, 3));
        // Line 9 kept: its terms add up with the article's own.
        let none = FxHashSet::default();
        assert_eq!(
            whole.effective_terms(0, &none),
            (vec![(1, 2), (2, 1), (3, 2)], 5)
        );
        // Line 9 boilerplate: left out.
        let nine: FxHashSet<u64> = [9].into_iter().collect();
        assert_eq!(whole.effective_terms(0, &nine), (vec![(1, 1), (3, 2)], 3));

        // The same shard twice, another stopword list, another format.
        let twice =
            merge(&[&a, &a], &dir.path().join("twice.stats")).unwrap_err();
        assert!(
            twice.message.contains("already in an earlier stats file"),
            "{twice}"
        );
        let other =
            Whole::read(&all, &stopwords_fingerprint("la\n")).unwrap_err();
        assert!(other.message.contains("stopword"), "{other}");
        std::fs::write(dir.path().join("junk.stats"), "{}\n").unwrap();
        assert!(read_header(&dir.path().join("junk.stats")).is_err());
        assert!(!dir.path().join("twice.stats").exists());
    }

    /// Rewrites the header of the stats file at `path` with `edit`.
    fn edit_header(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
        use std::io::Read;
        let mut text = String::new();
        MultiGzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        let mut header: serde_json::Value =
            serde_json::from_str(first).unwrap();
        edit(&mut header);
        let file = std::fs::File::create(path).unwrap();
        let mut gz = GzEncoder::new(file, Compression::fast());
        writeln!(gz, "{header}").unwrap();
        gz.write_all(rest.as_bytes()).unwrap();
        gz.finish().unwrap();
    }

    #[test]
    fn headers_name_the_analysis_and_no_other_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.stats");
        let b = dir.path().join("b.stats");
        let header = Header::new("0", 1, 0);
        assert_eq!(header.analysis, ANALYSIS);
        write(&a, &header, [article("x/1.txt", &[("chat", 1)], vec![])])
            .unwrap();
        write(&b, &header, [article("y/1.txt", &[("chat", 2)], vec![])])
            .unwrap();
        assert_eq!(read_header(&a).unwrap(), header);
        let ab = dir.path().join("ab.stats");
        let merged = merge(&[&a, &b], &ab).unwrap();
        assert_eq!((merged.analysis.as_str(), merged.shards), (ANALYSIS, 2));
        assert_eq!(Whole::read(&ab, "0").unwrap().header, merged);

        // b counted by another build: neither merged nor scored with.
        let other = "0123456789abcdef";
        edit_header(&b, |h| h["analysis"] = other.into());
        assert_eq!(read_header(&b).unwrap().analysis, other);
        let out = dir.path().join("out.stats");
        let refused = |err: FatalError, why: &str| {
            let m = &err.message;
            assert!(m.contains(why), "{m}");
            assert!(m.contains("count every shard again"), "{m}");
        };
        let err = merge(&[&a, &b], &out).unwrap_err();
        let why = format!(
            "b.stats: counted by another build of billet \
                           (analysis fingerprint {other}, not {ANALYSIS} in"
        );
        refused(err, &why);
        let err = merge(&[&b, &a], &out).unwrap_err();
        refused(err, &format!("{ANALYSIS}, not {other} in"));
        assert!(!out.exists());
        let err = Whole::read(&b, "0").unwrap_err();
        let why = format!("{other}, not this billet's {ANALYSIS})");
        refused(err, &why);

        // Format version 2 had no analysis: refused as such, no parse
        // error; so is a newer version.
        edit_header(&b, |h| {
            h["version"] = 2.into();
            h.as_object_mut().unwrap().remove("analysis");
        });
        let err = merge(&[&a, &b], &out).unwrap_err();
        refused(err, "b.stats: stats format version 2, written by an older");
        refused(Whole::read(&b, "0").unwrap_err(), "version 2, written by");
        edit_header(&b, |h| h["version"] = (VERSION + 1).into());
        refused(Whole::read(&b, "0").unwrap_err(), "a newer billet");
        assert!(!out.exists());
    }

    #[test]
    fn truncated_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.stats");
        write(&a, &Header::new("0", 2, 0), [article("x", &[], vec![])])
            .unwrap();
        let err = Whole::read(&a, "0").unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
        let merged = dir.path().join("m.stats");
        let err = merge(&[&a], &merged).unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
        assert!(!merged.exists());
    }
}
