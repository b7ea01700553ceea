//! The cache of incremental runs (issue 16): what pass 1 and pass 2 made
//! of each input file, kept in `OUT/.billet/cache/articles.v4` so that a
//! rerun analyses again only the files whose bytes changed. It is read
//! from the live output ([`crate::outdir::OutputDir::state_dir`]) and
//! the new one is written into the staging tree
//! ([`crate::outdir::Staging::state_dir`]), so it is swapped in with the
//! output it was made with, or not at all. The corpus pass
//! (ids, idf, key terms, similar articles, series, tags) and writing run
//! whole every time, from the cached articles and the new ones alike:
//! the output is the one a run without cache gives.
//!
//! A file's record is used when its path, its content hash (XXH3 of its
//! raw bytes) and, for each of its articles, which of its short lines
//! the corpus now calls boilerplate are what they were. A file whose
//! metadata is exactly what it was when its record was made, and old
//! enough for that to prove it was not written since ([`Stamp`]), is not
//! even read: its record's hash stands for its bytes. The cache holds
//! one header: billet's version, the running binary (its stamp, else a
//! hash of its bytes: an analysis is only reused by the build that made
//! it), and the stopwords' fingerprint. A cache that fails any check
//! (magic, header, checksum, a record that does not decode) is ignored
//! whole, with a warning: never partly trusted.
//!
//! Layout (integers as LEB128 varints, 64-bit keys and hashes as 8
//! bytes little endian, strings as length + UTF-8):
//!
//! ```text
//! magic "billet-cache-v4\n", header string, then the payload:
//! stems (count, strings: index = stable stem id of the run that wrote it)
//! forms (count, strings: index = form id)
//! when the run that wrote it began (nanoseconds since the epoch, 8 bytes)
//! files (count; each: length in bytes, then the record, see `put_records`)
//! and last the checksum of the payload (8 bytes): the file is written
//! as it is encoded, a file's record at a time, never held whole.
//! ```
//!
//! A record is a head (the file's path, hash, stamp and each article's
//! line keys: what pass 1 needs) and a body (the articles themselves:
//! what pass 2 takes). The checksum is [`content_hash`] of the payload
//! with each body replaced by its own hash: a rerun reads each body
//! twice, once when the cache is checked and once when pass 2 decodes
//! it, and hashes it each time, never more.

mod stream;

use std::borrow::Cow;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use self::stream::{Stream, read_head};
use super::codec::{
    Reader, put, put_keys, put_len, put_meta, put_opt, put_str, put_strs,
};
use super::spill::Spilled;
use super::stamp::{LocalFs, Stamp, put_stamp};
use crate::analysis::Figures;
use crate::corpus::{Doc, Packed};
use crate::questions::Questions;
use crate::stem::{FrozenVocab, Vocab};

/// Each article's boilerplate lines with their text, by (file index,
/// article index). Most articles of a site carry the same few lines: each
/// distinct line is held once, and an article holds 4-byte numbers of
/// them (a vector of keys and shared texts per article was 59 MB of a
/// 1 GB corpus's ~420 MB through the corpus pass).
#[derive(Debug, Default)]
pub(super) struct FoundMap {
    /// An article's lines as numbers in `lines`, in its order.
    by_article: FxHashMap<(usize, usize), Box<[u32]>>,
    /// Each distinct (key, text) once.
    lines: Vec<(u64, Box<str>)>,
    /// The numbers of the lines with each key (almost always one).
    by_key: FxHashMap<u64, Vec<u32>>,
}

impl FoundMap {
    /// Records the lines (key, text) of the `e`th article of file `f`;
    /// an article without any is not recorded.
    pub(super) fn insert<'t>(
        &mut self,
        (f, e): (usize, usize),
        lines: impl IntoIterator<Item = (u64, &'t str)>,
    ) {
        let ids: Box<[u32]> = lines
            .into_iter()
            .map(|(key, text)| {
                let same = self.by_key.entry(key).or_default();
                match same
                    .iter()
                    .find(|&&id| *self.lines[id as usize].1 == *text)
                {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(self.lines.len()).expect(
                            "fewer than 2^32 distinct boilerplate lines",
                        );
                        self.lines.push((key, text.into()));
                        same.push(id);
                        id
                    }
                }
            })
            .collect();
        if !ids.is_empty() {
            self.by_article.insert((f, e), ids);
        }
    }

    /// Drops what only [`FoundMap::insert`] reads.
    pub(super) fn done(mut self) -> FoundMap {
        self.by_key = FxHashMap::default();
        self
    }

    /// The lines (key, text) of the `e`th article of file `f`, in its
    /// order (none if it was not recorded).
    pub(super) fn of(
        &self,
        f: usize,
        e: usize,
    ) -> impl ExactSizeIterator<Item = (u64, &str)> {
        self.by_article
            .get(&(f, e))
            .map_or(&[][..], |ids| &ids[..])
            .iter()
            .map(|&id| {
                let (key, text) = &self.lines[id as usize];
                (*key, &**text)
            })
    }
}

/// The whole packed counts of the `i`th article (see `aside.rs`).
pub(super) type PackedOf<'a> =
    dyn Fn(usize) -> std::io::Result<Cow<'a, Packed>> + Sync + 'a;

/// Appends the whole packed counts of the `i`th article to a record, as
/// [`put_packed`] does; `true` when they were read back from where they
/// were set aside (see `aside.rs`).
pub(super) type PutPacked<'a> =
    dyn Fn(usize, &mut Vec<u8>) -> std::io::Result<bool> + Sync + 'a;

/// The cache's folder in billet's state (`OUT/.billet/`).
pub(super) const STATE: &str = "cache";
/// Its file; the name carries the format version.
const CACHE_FILE: &str = "articles.v4";
const MAGIC: &[u8; 16] = b"billet-cache-v4\n";
/// The names the cache had in older formats: such a file is not read,
/// but said to be ignored.
const OLDER_FILES: [&str; 3] = ["articles.v1", "articles.v2", "articles.v3"];

/// What must match for a cached analysis to be reused: billet's version,
/// the binary that runs (its code decides every analysis) and the
/// stopwords. `began`: when the run began ([`super::stamp::now`]).
pub(super) fn header(stopwords_id: &str, began: i64) -> String {
    static EXE: OnceLock<String> = OnceLock::new();
    let exe = EXE.get_or_init(|| exe_identity(began));
    format!(
        "billet {} build {exe} stopwords {stopwords_id}",
        env!("CARGO_PKG_VERSION")
    )
}

/// The running binary, as the cache's header names it: by its stamp
/// when that proves which file it is (as it proves an input unchanged:
/// a local file system, times settled before the run), so that a run
/// does not read and hash its own 17 MB; else by the hash of its bytes.
/// A rebuilt or reinstalled binary is another file, or the same one
/// written again: either way another stamp.
fn exe_identity(began: i64) -> String {
    let Ok(path) = std::env::current_exe() else {
        return "unknown".to_string();
    };
    if let Ok(meta) = std::fs::metadata(&path)
        && let Some(stamp) = LocalFs::default().stamp(&path, &meta)
        && stamp.settled(began)
    {
        return stamp.name();
    }
    std::fs::read(&path).map_or_else(
        |_| "unknown".to_string(),
        |b| format!("{:016x}", content_hash(&b)),
    )
}

/// The hash a file's record is checked with, and the cache's checksum:
/// XXH3-64 of the bytes (it takes in their length). A rerun hashes every
/// post, the running binary and the cache itself (70 MB for 44 MB of
/// posts), so the hash must cost little per byte; 64 well-mixed bits
/// leave a missed edit (two contents, one hash) negligible.
pub(super) fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Where the cache of the output folder `out` lives.
pub fn cache_path(out: &Path) -> PathBuf {
    file_in(&out.join(crate::outdir::MARK_DIR).join(STATE))
}

/// The cache file in the cache folder `dir`.
pub(super) fn file_in(dir: &Path) -> PathBuf {
    dir.join(CACHE_FILE)
}

/// A file as pass 1 found it: what the cache keeps of it besides its
/// articles.
#[derive(Clone, Debug, Default)]
pub(super) struct FileFacts {
    /// [`content_hash`] of its bytes.
    pub(super) hash: u64,
    /// Its metadata just before they were read.
    pub(super) stamp: Option<Stamp>,
    /// Bytes read.
    pub(super) bytes: usize,
    /// Items of the file that are not articles.
    pub(super) skipped: usize,
    /// For each article, the keys of its lines that may be boilerplate,
    /// each once, sorted.
    pub(super) lines: Vec<Vec<u64>>,
}

/// What pass 1 takes of a cached file: what the cache keeps of it
/// besides its hash, and where its body lies (pass 2 decodes it there:
/// [`Reuse::articles`]).
#[derive(Debug)]
pub(super) struct Hit {
    pub(super) bytes: usize,
    pub(super) skipped: usize,
    /// For each article, the keys of its lines that may be boilerplate,
    /// each once, sorted.
    pub(super) lines: Vec<Vec<u64>>,
    pub(super) body: Body,
}

/// Where a record's body lies in the cache file, and its hash when the
/// cache was checked (it is read again when its file's turn comes in
/// pass 2).
#[derive(Clone, Copy, Debug)]
pub(super) struct Body {
    start: u64,
    len: usize,
    sum: u64,
}

/// A file's record in the cache, as the check of the cache left it: its
/// head decoded, its body left in the file.
struct Record {
    hash: u64,
    stamp: Option<Stamp>,
    bytes: usize,
    skipped: usize,
    /// Each article's line keys, until pass 1 takes them (a file is met
    /// once; met again, it is not taken from the cache).
    lines: Mutex<Option<Vec<Vec<u64>>>>,
    body: Body,
}

/// The cache as read: its vocabulary, and each file's record, its body
/// left in the file until pass 2 takes the file's articles.
pub(super) struct Cache {
    file: std::fs::File,
    /// How many stems and forms its tables hold.
    stems: usize,
    forms: usize,
    /// When the run that wrote it began ([`now`]).
    began: i64,
    /// (path, source) → its record.
    files: FxHashMap<(String, String), Record>,
    /// The vocabulary of its tables, until [`Cache::take_vocab`].
    vocab: Mutex<Option<Vocab>>,
    /// Which of its stems and forms the articles decoded so far use.
    stems_used: Vec<AtomicBool>,
    forms_used: Vec<AtomicBool>,
    /// How many articles have been decoded (or begun to be).
    decoded: AtomicUsize,
}

thread_local! {
    /// Per worker thread: the body being decoded ([`Reuse::articles`]).
    static RECORD: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Cache {
    /// Reads the cache in the cache folder `dir`. `Ok(None)` when there
    /// is none; `Err` says why a cache that is there cannot be used.
    pub(super) fn read(
        dir: &Path,
        header: &str,
    ) -> Result<Option<Cache>, String> {
        let path = file_in(dir);
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match OLDER_FILES.iter().find(|f| dir.join(f).exists())
                {
                    Some(older) => Err(format!(
                        "there is only {older}, the cache of an older billet"
                    )),
                    None => Ok(None),
                };
            }
            Err(e) => return Err(format!("cannot read it: {e}")),
        };
        Cache::parse(file, header).map(Some)
    }

    /// Checks the cache in `file` whole (magic, header, checksum, the
    /// payload's structure) and keeps where each file's record lies.
    fn parse(file: std::fs::File, header: &str) -> Result<Cache, String> {
        let corrupt = || "it is damaged (it does not decode)".to_string();
        let unreadable = |e: std::io::Error| format!("cannot read it: {e}");
        let size = file.metadata().map_err(unreadable)?.len();
        let mut s = Stream::new(&file, size);
        let mut head = Vec::new();
        if s.take(MAGIC.len(), &mut head).is_none() || head != MAGIC {
            return Err("it is not a billet cache".to_string());
        }
        head.clear();
        let n = s.len().ok_or_else(corrupt)?;
        s.take(n, &mut head).ok_or_else(corrupt)?;
        let found = std::str::from_utf8(&head).map_err(|_| corrupt())?;
        if found != header {
            return Err(format!(
                "it was written by another billet build or with other \
                 stopwords ({found})"
            ));
        }
        // The checksum of the payload is its last 8 bytes.
        let end = size.checked_sub(8).filter(|&e| e >= s.at);
        s.sum_from_here(end.ok_or_else(corrupt)?);
        let parsed = read_head(&mut s);
        // Whatever the structure, a wrong checksum is said first: the
        // bytes are not those written.
        let (sum, stored) = s.finish().map_err(unreadable)?;
        if stored != Some(sum) {
            return Err("it is damaged (wrong checksum)".to_string());
        }
        let head = parsed.ok_or_else(corrupt)?;
        let text = |(start, end): (usize, usize)| {
            // Entries end on character boundaries (`read_head`).
            head.text.get(start..end).unwrap_or_default()
        };
        // Forms follow stems in one text: each entry runs from the end
        // of the one before.
        let spans = |from: usize, ends: &[usize]| {
            let starts = std::iter::once(from).chain(ends.iter().copied());
            starts.zip(ends.iter().copied()).collect::<Vec<_>>()
        };
        let stems = spans(0, &head.stems);
        let forms = spans(stems.last().map_or(0, |s| s.1), &head.forms);
        let vocab = Vocab::seeded(
            stems.iter().map(|&r| text(r)),
            forms.iter().map(|&r| text(r)),
        )
        .ok_or_else(|| "it is damaged (a word listed twice)".to_string())?;
        let unset =
            |n: usize| (0..n).map(|_| AtomicBool::new(false)).collect();
        Ok(Cache {
            file,
            stems_used: unset(stems.len()),
            forms_used: unset(forms.len()),
            decoded: AtomicUsize::new(0),
            stems: stems.len(),
            forms: forms.len(),
            began: head.began,
            files: head.files,
            vocab: Mutex::new(Some(vocab)),
        })
    }

    /// The record of the file at `path` (found as `source`) if its bytes
    /// still hash to `hash`.
    pub(super) fn file(
        &self,
        path: &str,
        source: &str,
        hash: u64,
    ) -> Option<Hit> {
        let record = self.files.get(&(path.to_string(), source.to_string()));
        record.filter(|r| r.hash == hash).and_then(Cache::hit)
    }

    /// The record of the file at `path` (found as `source`), with the
    /// hash it stands for, if the file's metadata is now `stamp`, the
    /// one its record was made with, and that stamp is
    /// [`Stamp::settled`]: then the file need not be read.
    pub(super) fn unchanged(
        &self,
        path: &str,
        source: &str,
        stamp: Stamp,
    ) -> Option<(Hit, u64)> {
        let record = self.files.get(&(path.to_string(), source.to_string()));
        let record = record
            .filter(|r| r.stamp == Some(stamp) && stamp.settled(self.began))?;
        Some((Cache::hit(record)?, record.hash))
    }

    /// Forgets the files' records once pass 1 has met every file: what
    /// pass 2 reads of them, it was given ([`Hit::body`]). At 183,000
    /// files, their paths and heads held that long put a rerun's top of
    /// memory above a first run's.
    pub(super) fn forget_files(&mut self) {
        self.files = FxHashMap::default();
    }

    /// What pass 1 takes of `record`: its line keys are moved out (they
    /// go into the file's [`FileFacts`]); `None` once taken.
    fn hit(record: &Record) -> Option<Hit> {
        let mut lines = record.lines.lock().ok()?;
        Some(Hit {
            bytes: record.bytes,
            skipped: record.skipped,
            lines: lines.take()?,
            body: record.body,
        })
    }

    /// What the run's vocabulary starts with: the cache's, each stem
    /// and form keeping its id, so that cached articles join the run as
    /// they are ([`Reuse`]). Given once; `None` afterwards.
    pub(super) fn take_vocab(&self) -> Option<Vocab> {
        self.vocab.lock().ok()?.take()
    }

    /// What the run does with the cache's vocabulary once the articles
    /// are in.
    pub(super) fn reuse(&self) -> Reuse<'_> {
        Reuse { cache: self }
    }
}

/// The cache's stems and forms that cached articles use. The run's
/// vocabulary starts with the cache's ([`Cache::take_vocab`]), so a
/// cached article's ids are already the run's; what no article of this
/// run uses is then left out when the vocabulary is frozen
/// ([`Vocab::freeze_keeping`]), so that the stable ids are those of a
/// run without cache. Which ids are used is noted while articles are
/// decoded ([`Reuse::articles`]), each id checked anyway.
pub(super) struct Reuse<'a> {
    cache: &'a Cache,
}

impl Reuse<'_> {
    /// Takes the `n` articles of a cached file whose record's body is
    /// `body` (read again from the cache file and checked to be the bytes
    /// hashed when the cache was checked), `source` the file's name:
    /// `each(e, lines, doc)` gets the `e`th, with its boilerplate lines
    /// (key, text). Only if `same(e, repeated)` holds for each article,
    /// `repeated` the keys of its lines that were boilerplate when it was
    /// analysed: `Ok(false)` otherwise, and no article is decoded. `Err`
    /// when the body changed or does not decode: `each` is then never
    /// called.
    pub(super) fn articles(
        &self,
        body: Body,
        source: &Arc<str>,
        n: usize,
        same: impl Fn(usize, &[u64]) -> bool,
        mut each: impl FnMut(usize, &[(u64, &str)], Doc),
    ) -> Result<bool, ()> {
        use std::os::unix::fs::FileExt;
        let cache = self.cache;
        RECORD.with_borrow_mut(|buf| {
            // Grown, never shrunk: zeroed only as it grows.
            if buf.len() < body.len {
                buf.resize(body.len, 0);
            }
            let bytes = &mut buf[..body.len];
            cache
                .file
                .read_exact_at(bytes, body.start)
                .map_err(|_| ())?;
            if content_hash(bytes) != body.sum {
                return Err(());
            }
            let mut r = Reader::new(bytes, 0);
            for e in 0..n {
                if !same(e, &r.keys().ok_or(())?) {
                    return Ok(false);
                }
            }
            // Every article decoded before any is given: a body that
            // fails half-way gives none.
            let mut lines = Vec::new();
            let mut ends = Vec::with_capacity(n);
            let mut docs = Vec::with_capacity(n);
            for _ in 0..n {
                for _ in 0..r.len().ok_or(())? {
                    lines.push((r.u64_fixed().ok_or(())?, r.str().ok_or(())?));
                }
                ends.push(lines.len());
                docs.push(get_doc(&mut r, source, cache).ok_or(())?);
            }
            if r.at != bytes.len() {
                return Err(());
            }
            let starts = std::iter::once(0).chain(ends.iter().copied());
            for (e, ((start, end), doc)) in
                starts.zip(ends.iter().copied()).zip(docs).enumerate()
            {
                each(e, &lines[start..end], doc);
            }
            Ok(true)
        })
    }

    /// The run's vocabulary frozen without the cache's stems and forms
    /// that no article of the run uses. `cached[i]` says whether the
    /// run's `i`th article came from the cache, `whole(i)` gives its
    /// whole packed counts (still numbered by the run's vocabulary).
    pub(super) fn freeze(
        &self,
        vocab: Vocab,
        cached: &[bool],
        whole: &PackedOf<'_>,
    ) -> std::io::Result<FrozenVocab> {
        let c = self.cache;
        let taken = cached.iter().filter(|&&c| c).count();
        if c.decoded.load(Ordering::Relaxed) != taken {
            // An article decoded and then not taken (its file's
            // boilerplate changed, a later part of its record did not
            // decode) may have marked ids no article uses: mark again
            // from the articles taken, whole (their surface forms may
            // have been set aside).
            for used in c.stems_used.iter().chain(&c.forms_used) {
                used.store(false, Ordering::Relaxed);
            }
            for (i, _) in cached.iter().enumerate().filter(|(_, c)| **c) {
                whole(i)?.each_id(
                    |s| {
                        c.stems_used[s as usize].store(true, Ordering::Relaxed)
                    },
                    |f| {
                        c.forms_used[f as usize].store(true, Ordering::Relaxed)
                    },
                );
            }
        }
        let used = |marks: &[AtomicBool], id: u32| {
            marks[id as usize].load(Ordering::Relaxed)
        };
        // The cache's forms that no article uses are kept while they
        // are at most a quarter of them: a form id only names a key
        // term's text (no order nor output depends on it), and keeping
        // them all keeps every cached article's form ids, so that its
        // renumbering copies them (`Packed::restemmed`), or is not
        // needed at all. Past a quarter they are left out, so that the
        // forms of posts long gone do not pile up in the cache.
        let unused =
            c.forms_used.iter().filter(|u| !u.load(Ordering::Relaxed));
        let keep_forms = unused.count() <= c.forms / 4;
        Ok(vocab.freeze_keeping(
            |s| used(&c.stems_used, s),
            |f| keep_forms || used(&c.forms_used, f),
        ))
    }

    /// Whether cached articles keep their ids in the frozen `vocab`: no
    /// stem of the cache was left out and no new stem sorts among them.
    pub(super) fn unmoved(&self, vocab: &FrozenVocab) -> bool {
        vocab.keeps_first(self.cache.stems, self.cache.forms)
    }
}

/// Writes the cache of a run into the (new, empty) cache folder `dir`
/// of the staging tree: every article of `docs` (stems numbered by
/// `vocab`'s stable ids; nothing the corpus pass makes is kept, so it
/// may come before it), grouped by file. `facts[f]` is what pass 1 found of file `f`; `found` the
/// boilerplate lines of each article by (file, article in the file);
/// `repeated` says which line keys the corpus called boilerplate;
/// `packed` puts the whole packed counts of `docs[i]` (see `aside.rs`).
/// Returns, for each article whose packed counts `packed` read back,
/// where the cache file holds them ([`packed_at`] reads them): the
/// articles' writing reads them there again.
#[allow(clippy::too_many_arguments)]
pub(super) fn write(
    dir: &Path,
    header: &str,
    began: i64,
    files: &[crate::source::InputFile],
    facts: &[Option<FileFacts>],
    docs: &[Doc],
    doc_files: &[usize],
    found: &FoundMap,
    repeated: impl Fn(u64) -> bool + Sync,
    vocab: &FrozenVocab,
    packed: &PutPacked<'_>,
) -> std::io::Result<Vec<(usize, Spilled)>> {
    let path = file_in(dir);
    let wrote = crate::output::create_new(&path).and_then(|file| {
        let mut w = Summed::new(file);
        w.file.write_all(MAGIC)?;
        let mut head = Vec::with_capacity(header.len() + 8);
        put_str(&mut head, header);
        w.file.write_all(&head)?;
        w.written = (MAGIC.len() + head.len()) as u64;
        let docs = (docs, packed);
        let placed = put_records(
            &mut w, began, files, facts, docs, doc_files, found, &repeated,
            vocab,
        )?;
        w.finish()?;
        Ok(placed)
    });
    if wrote.is_err() {
        // Half a cache would only be refused by the next run: none at
        // all lets the old one be carried over instead (still valid
        // for every file whose bytes it matches).
        let _ = std::fs::remove_dir_all(dir);
    }
    wrote
}

/// The payload of [`write`]: vocabulary, then one record per file,
/// streamed into `w` (only one file's record is held at a time).
#[allow(clippy::too_many_arguments)]
fn put_records(
    w: &mut Summed,
    began: i64,
    files: &[crate::source::InputFile],
    facts: &[Option<FileFacts>],
    (docs, packed): (&[Doc], &PutPacked<'_>),
    doc_files: &[usize],
    found: &FoundMap,
    repeated: &(impl Fn(u64) -> bool + Sync),
    vocab: &FrozenVocab,
) -> std::io::Result<Vec<(usize, Spilled)>> {
    let mut placed = Vec::new();
    let mut buf = Vec::with_capacity(2 * CHUNK);
    put_len(&mut buf, vocab.stem_count());
    for s in 0..vocab.stem_count() {
        put_str(&mut buf, vocab.stem(s as u32));
        w.flush_from(&mut buf)?;
    }
    put_len(&mut buf, vocab.form_count());
    for f in 0..vocab.form_count() {
        put_str(&mut buf, vocab.form(f as u32));
        w.flush_from(&mut buf)?;
    }
    buf.extend_from_slice(&began.to_le_bytes());
    // Each file's articles are consecutive in `docs`: one group a file
    // at most, made at that size and filtered in place (a list grown by
    // doubling, then a second one filtered from it, were a short top of
    // memory on a large corpus).
    let mut groups: Vec<(usize, std::ops::Range<usize>)> =
        Vec::with_capacity(files.len());
    for (i, &f) in doc_files.iter().enumerate() {
        match groups.last_mut() {
            Some((g, range)) if *g == f => range.end = i + 1,
            _ => groups.push((f, i..i + 1)),
        }
    }
    let facts_of = |f: usize| facts.get(f).and_then(Option::as_ref);
    groups.retain(|(f, range)| {
        facts_of(*f).is_some_and(|facts| facts.lines.len() == range.len())
    });
    put_len(&mut buf, groups.len());
    // Each file's record is made on the pool's threads (reading back what
    // was set aside is most of its cost), a window of files at a time so
    // that only that window's records are held, and written in order.
    for window in groups.chunks(RECORD_WINDOW) {
        // Each record, where its body starts, and where in it are the
        // packed counts read back.
        type Made = (Vec<u8>, usize, Vec<(usize, Range<usize>)>);
        let records: Vec<std::io::Result<Made>> = window
            .par_iter()
            .filter_map(|(f, range)| Some((f, facts_of(*f)?, range)))
            .map(|(f, facts, range)| {
                let mut record = Vec::new();
                let mut read_back = Vec::new();
                let file = &files[*f];
                // The head: what pass 1 needs.
                put_str(
                    &mut record,
                    &crate::outdir::lossy(file.path.as_os_str()),
                );
                put_str(&mut record, &file.source);
                record.extend_from_slice(&facts.hash.to_le_bytes());
                put_stamp(&mut record, facts.stamp);
                put_len(&mut record, facts.bytes);
                put_len(&mut record, facts.skipped);
                put_len(&mut record, range.len());
                for lines in &facts.lines {
                    put_keys(&mut record, lines);
                }
                // The body: what pass 2 takes, first what it checks.
                let body = record.len();
                for lines in &facts.lines {
                    let rep: Vec<u64> = lines
                        .iter()
                        .copied()
                        .filter(|&k| repeated(k))
                        .collect();
                    put_keys(&mut record, &rep);
                }
                for (e, i) in range.clone().enumerate() {
                    let texts = found.of(*f, e);
                    put_len(&mut record, texts.len());
                    for (k, t) in texts {
                        record.extend_from_slice(&k.to_le_bytes());
                        put_str(&mut record, t);
                    }
                    let put = |w: &mut Vec<u8>| packed(i, w);
                    if let Some(at) = put_doc(&mut record, &docs[i], put)? {
                        read_back.push((i, at));
                    }
                }
                Ok((record, body, read_back))
            })
            .collect();
        for record in records {
            let (record, body, read_back) = record?;
            put_len(&mut buf, record.len());
            let start = w.written + buf.len() as u64;
            placed.extend(read_back.into_iter().filter_map(|(i, at)| {
                let place = start + at.start as u64;
                Some((i, Spilled::summed(place, &record[at])?))
            }));
            w.record(&mut buf, &record, body)?;
        }
    }
    w.drain(&mut buf)?;
    Ok(placed)
}

/// The packed counts [`write`] placed at `bytes` (the place it
/// returned, checked against its checksum by
/// [`super::spill::Spill::read_summed`]: they are what this run encoded,
/// and are not decoded again here); `None` when their length and
/// offsets do not parse.
pub(super) fn packed_at(bytes: &[u8]) -> Option<Packed> {
    let mut r = Reader::new(bytes, 0);
    let (raw, offsets) = get_packed_raw(&mut r)?;
    (r.at == bytes.len()).then(|| Packed::from_raw_written(raw, offsets))
}

/// Appends an article's whole packed counts as the cache holds them
/// (their bytes' length, the bytes, then their three offsets as
/// [`Packed::raw`] gives them); returns where in `w` they went.
/// [`get_packed_raw`] reads them.
pub(super) fn put_packed(w: &mut Vec<u8>, packed: &Packed) -> Range<usize> {
    let (bytes, terms, phrases_at, questions_at) = packed.raw();
    let at = (terms as usize, phrases_at as usize, questions_at as usize);
    put_packed_raw(w, bytes, at)
}

/// [`put_packed`] from the bytes of packed counts and their offsets
/// (terms, phrases, questions), as [`Packed::raw`] gives them.
pub(super) fn put_packed_raw(
    w: &mut Vec<u8>,
    bytes: &[u8],
    (terms, phrases_at, questions_at): (usize, usize, usize),
) -> Range<usize> {
    let start = w.len();
    put_len(w, bytes.len());
    w.extend_from_slice(bytes);
    put_len(w, terms);
    put_len(w, phrases_at);
    put_len(w, questions_at);
    start..w.len()
}

/// Packed counts undecoded: their bytes, and their offsets (terms,
/// phrases, questions) as [`Packed::from_raw`] checks them.
type RawPacked<'b> = (&'b [u8], (u32, u32, u32));

/// The packed counts [`put_packed`] appended, undecoded.
fn get_packed_raw<'b>(r: &mut Reader<'b>) -> Option<RawPacked<'b>> {
    let len = r.len()?;
    let bytes = r.take(len)?;
    Some((bytes, (r.u32()?, r.u32()?, r.u32()?)))
}

/// Files whose records are made side by side before they are written.
const RECORD_WINDOW: usize = 256;

/// Bytes of payload gathered before each write of the cache file.
const CHUNK: usize = 1 << 16;

/// The buffer the cache file is written through: records are ~1.5 KB,
/// and `BufWriter`'s 8 KB made a `write` call every five or so (1,600
/// for the 12.8 MB of ../shared/corpus x10's cache; 50 at 256 KB).
const FILE_BUFFER: usize = 256 << 10;

/// The cache file being written: the payload goes through [`Summed::
/// flush_from`], which hashes it on its way to the file, and
/// [`Summed::finish`] appends the checksum.
struct Summed {
    file: std::io::BufWriter<std::fs::File>,
    sum: xxhash_rust::xxh3::Xxh3,
    /// Bytes of the file before what `drain` writes next.
    written: u64,
}

impl Summed {
    fn new(file: std::fs::File) -> Summed {
        Summed {
            file: std::io::BufWriter::with_capacity(FILE_BUFFER, file),
            sum: xxhash_rust::xxh3::Xxh3::new(),
            written: 0,
        }
    }

    /// Writes and empties `buf` once it holds [`CHUNK`] bytes or more.
    fn flush_from(&mut self, buf: &mut Vec<u8>) -> std::io::Result<()> {
        if buf.len() >= CHUNK {
            self.drain(buf)?;
        }
        Ok(())
    }

    /// Writes and empties `buf`, hashing it on the way (XXH3 streams:
    /// the sum is [`content_hash`] of the whole payload, however it was
    /// cut).
    fn drain(&mut self, buf: &mut Vec<u8>) -> std::io::Result<()> {
        if !buf.is_empty() {
            self.sum.update(buf);
            self.file.write_all(buf)?;
            self.written += buf.len() as u64;
            buf.clear();
        }
        Ok(())
    }

    /// Writes `buf`, then a file's record whose body starts at `body`:
    /// its head summed as it is, its body by its [`content_hash`] (see
    /// the layout above).
    fn record(
        &mut self,
        buf: &mut Vec<u8>,
        record: &[u8],
        body: usize,
    ) -> std::io::Result<()> {
        self.drain(buf)?;
        let (head, body) = record.split_at(body);
        self.sum.update(head);
        self.sum.update(&content_hash(body).to_le_bytes());
        self.file.write_all(record)?;
        self.written += record.len() as u64;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.file.write_all(&self.sum.digest().to_le_bytes())?;
        self.file.flush()
    }
}

/// Appends an article, `packed` putting its whole packed counts. Every
/// struct is taken apart whole, so that a field added to any of them
/// fails to compile here until the cache keeps it (and the format
/// version moves). Returns where in `w` they went, as [`packed_at`]
/// reads them, when `packed` read them back.
fn put_doc(
    w: &mut Vec<u8>,
    d: &Doc,
    packed: impl FnOnce(&mut Vec<u8>) -> std::io::Result<bool>,
) -> std::io::Result<Option<Range<usize>>> {
    let Doc {
        id: _,     // given by the corpus pass
        source: _, // the file's, in its record
        entry,
        meta,
        analysis,
        packed: _, // maybe split: `packed` is whole
        related,
        boilerplate,
        text_hash,
    } = d;
    put_opt(w, entry.as_deref());
    put_meta(w, meta);
    let Figures {
        words,
        content_words,
        sentences,
        chars,
        questions,
        announces_next,
    } = analysis;
    put(w, u64::from(*words));
    put(w, u64::from(*content_words));
    put(w, u64::from(*sentences));
    put(w, u64::from(*chars));
    let Questions {
        total,
        direct,
        indirect,
        embedded,
        title,
        reader_prompts,
        forms,
        sentences: _, // packed
    } = questions;
    put(w, u64::from(*total));
    put(w, u64::from(*direct));
    put(w, u64::from(*indirect));
    put(w, u64::from(*embedded));
    put(w, u64::from(*title));
    put(w, u64::from(*reader_prompts));
    for &n in &forms.0 {
        put(w, u64::from(n));
    }
    put(w, u64::from(*announces_next));
    let start = w.len();
    let read_back = packed(w)?;
    let at = read_back.then_some(start..w.len());
    put_strs(w, related);
    put_keys(w, boilerplate);
    w.extend_from_slice(&text_hash.to_le_bytes());
    Ok(at)
}

/// An article's `Doc` as [`put_doc`] wrote it, its ids marked used.
fn get_doc(
    r: &mut Reader<'_>,
    source: &Arc<str>,
    cache: &Cache,
) -> Option<Doc> {
    let entry = r.opt()?;
    let meta = r.meta()?;
    // A struct expression evaluates its fields in the order written.
    let mut analysis = Figures {
        words: r.u32()?,
        content_words: r.u32()?,
        sentences: r.u32()?,
        chars: r.u32()?,
        ..Figures::default()
    };
    let q = &mut analysis.questions;
    q.total = r.u32()?;
    q.direct = r.u32()?;
    q.indirect = r.u32()?;
    q.embedded = r.u32()?;
    q.title = r.flag()?;
    q.reader_prompts = r.u32()?;
    for n in &mut q.forms.0 {
        *n = r.u32()?;
    }
    analysis.announces_next = r.flag()?;
    let (bytes, offsets) = get_packed_raw(r)?;
    // Its stem and form ids index the cache's tables; the ids met are
    // marked used (see `Reuse`).
    cache.decoded.fetch_add(1, Ordering::Relaxed);
    let ids = (cache.stems as u32, cache.forms as u32);
    // The tables as slices moved into the marks: a mark, an atomic
    // store, would otherwise reload them from `cache` each time.
    let (stems_used, forms_used) =
        (&cache.stems_used[..], &cache.forms_used[..]);
    let packed = Packed::from_raw_seeing(
        bytes.to_vec(),
        offsets,
        ids,
        move |s| stems_used[s as usize].store(true, Ordering::Relaxed),
        move |f| forms_used[f as usize].store(true, Ordering::Relaxed),
    )?;
    Some(Doc {
        id: String::new(),
        source: Arc::clone(source),
        entry: entry.map(Into::into),
        meta,
        analysis,
        packed,
        related: r.strs()?.into(),
        boilerplate: r.keys()?.into(),
        text_hash: r.u64_fixed()?,
    })
}

#[cfg(test)]
mod tests;
