//! Parsed articles set aside between the two passes: past the memory
//! budget ([`super::KEEP_BYTES`]), pass 1 writes each parsed article
//! (its metadata, prose, blocks and block keys) to a file in the output
//! folder's staging area, and pass 2 reads it back, instead of reading,
//! decoding and parsing the post a second time. On a 1 GB corpus that
//! second reading was a tenth of the run's time, which a corpus that
//! fits the budget never pays: the run grew faster than its input.
//!
//! The file is unnamed (`O_TMPFILE`, or unlinked at once), so it never
//! shows in the output and is gone when the run ends however it ends.
//! A file that cannot be created or written is not an error: the
//! article is then read again in pass 2, as without a staging area.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::codec::{Reader, put, put_len, put_meta, put_str};
use crate::source::{Block, BlockKind, Parsed, Section};

/// Where an article was put: its bytes in the file.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spilled {
    at: u64,
    len: u32,
    /// The bytes' [`checksum`], which
    /// [`Spill::read_summed`] checks (0 when they were put by
    /// [`Spill::put_with`], which does not keep it).
    sum: u32,
}

impl Spilled {
    /// `bytes`, found at offset `at` of a file, with their checksum;
    /// `None` past 4 GB.
    pub(super) fn summed(at: u64, bytes: &[u8]) -> Option<Spilled> {
        Some(Spilled {
            at,
            len: u32::try_from(bytes.len()).ok()?,
            sum: checksum(bytes),
        })
    }
}

/// The spill file of a run, created at the first article put there.
#[derive(Debug, Default)]
pub(super) struct Spill {
    /// The folder to create it in; `None`: no spilling.
    dir: Option<PathBuf>,
    file: OnceLock<Option<File>>,
    /// Bytes reserved so far: each article takes its range at once, so
    /// that threads write side by side without a lock.
    end: AtomicU64,
    /// Set after a failed write: later articles are not tried.
    failed: AtomicBool,
}

thread_local! {
    /// Where an article is encoded or read back, reused.
    static BUFFER: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Spill {
    /// Spills into an unnamed file in `dir`, or nowhere.
    pub(super) fn new(dir: Option<&Path>) -> Spill {
        Spill {
            dir: dir.map(Path::to_path_buf),
            ..Spill::default()
        }
    }

    /// Reads what was put in `file` by other means (nothing is put in
    /// it through this).
    pub(super) fn of_file(file: File) -> Spill {
        Spill {
            file: OnceLock::from(Some(file)),
            failed: AtomicBool::new(true),
            ..Spill::default()
        }
    }

    fn file(&self) -> Option<&File> {
        if let Some(file) = self.file.get() {
            return file.as_ref();
        }
        let dir = self.dir.as_ref()?;
        self.file
            .get_or_init(|| tempfile::tempfile_in(dir).ok())
            .as_ref()
    }

    /// Puts `parsed` and its block keys in the file; `None` when there
    /// is no file or writing failed (the caller then keeps nothing and
    /// pass 2 reads the post again).
    pub(super) fn put(
        &self,
        parsed: &Parsed,
        keys: &[Option<u64>],
    ) -> Option<Spilled> {
        self.put_with(|out| encode(out, parsed, keys))
    }

    /// Puts the bytes `fill` appends to an empty buffer in the file;
    /// `None` when there is no file or writing failed.
    pub(super) fn put_with(
        &self,
        fill: impl FnOnce(&mut Vec<u8>),
    ) -> Option<Spilled> {
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        let file = self.file()?;
        BUFFER.with_borrow_mut(|out| {
            out.clear();
            fill(out);
            let len = u32::try_from(out.len()).ok()?;
            let at = self.end.fetch_add(u64::from(len), Ordering::Relaxed);
            match file.write_all_at(out, at) {
                Ok(()) => Some(Spilled { at, len, sum: 0 }),
                Err(_) => {
                    self.failed.store(true, Ordering::Relaxed);
                    None
                }
            }
        })
    }

    /// Calls `read` with the bytes put at `at`.
    pub(super) fn read<T>(
        &self,
        at: Spilled,
        read: impl FnOnce(&[u8]) -> Option<T>,
    ) -> io::Result<T> {
        let file = self.file().ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, "no spill file")
        })?;
        BUFFER.with_borrow_mut(|buf| {
            buf.clear();
            buf.resize(at.len as usize, 0);
            file.read_exact_at(buf, at.at)?;
            read(buf).ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, "spill cut short")
            })
        })
    }

    /// Calls `read` with the bytes at `at` ([`Spilled::summed`]), once
    /// they are checked against their checksum: then they are what was
    /// written there, and may be decoded unchecked.
    pub(super) fn read_summed<T>(
        &self,
        at: Spilled,
        read: impl FnOnce(&[u8]) -> Option<T>,
    ) -> io::Result<T> {
        self.read(at, |bytes| {
            (checksum(bytes) == at.sum).then(|| read(bytes)).flatten()
        })
    }

    /// The article put at `at`, with its block keys.
    pub(super) fn take(
        &self,
        at: Spilled,
    ) -> io::Result<(Parsed, Vec<Option<u64>>)> {
        self.read(at, decode)
    }
}

/// What [`Spilled::summed`] keeps of bytes to check them when they are
/// read back: the low half of their XXH3-64 (as the cache's checksum).
fn checksum(bytes: &[u8]) -> u32 {
    xxhash_rust::xxh3::xxh3_64(bytes) as u32
}

/// Every field of the article, in declaration order (destructured, so a
/// new field fails to compile until it is spilled too).
fn encode(out: &mut Vec<u8>, parsed: &Parsed, keys: &[Option<u64>]) {
    let Parsed { meta, text, blocks } = parsed;
    put_meta(out, meta);
    put_str(out, text);
    put_len(out, blocks.len());
    for b in blocks {
        let Block {
            start,
            end,
            kind,
            section,
        } = *b;
        put(out, start as u64);
        put(out, end as u64);
        out.push(match kind {
            BlockKind::Title => 0,
            BlockKind::Heading => 1,
            BlockKind::Paragraph => 2,
            BlockKind::ListItem => 3,
        });
        out.push(match section {
            Section::Body => 0,
            Section::Teaser => 1,
            Section::Boilerplate => 2,
            Section::Signature => 3,
        });
    }
    put_len(out, keys.len());
    for k in keys {
        match k {
            Some(k) => {
                out.push(1);
                out.extend_from_slice(&k.to_le_bytes());
            }
            None => out.push(0),
        }
    }
}

fn decode(bytes: &[u8]) -> Option<(Parsed, Vec<Option<u64>>)> {
    let mut r = Reader::new(bytes, 0);
    let meta = r.meta()?;
    let text = r.str()?.to_string();
    let n = r.len()?;
    let mut blocks = Vec::with_capacity(n);
    for _ in 0..n {
        let start = usize::try_from(r.u64()?).ok()?;
        let end = usize::try_from(r.u64()?).ok()?;
        let kind = match r.take(1)?[0] {
            0 => BlockKind::Title,
            1 => BlockKind::Heading,
            2 => BlockKind::Paragraph,
            _ => BlockKind::ListItem,
        };
        let section = match r.take(1)?[0] {
            0 => Section::Body,
            1 => Section::Teaser,
            2 => Section::Boilerplate,
            _ => Section::Signature,
        };
        blocks.push(Block {
            start,
            end,
            kind,
            section,
        });
    }
    let n = r.len()?;
    let mut keys = Vec::with_capacity(n);
    for _ in 0..n {
        keys.push(match r.take(1)?[0] {
            0 => None,
            _ => Some(r.u64_fixed()?),
        });
    }
    Some((Parsed { meta, text, blocks }, keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::Meta;

    fn sample() -> (Parsed, Vec<Option<u64>>) {
        let text = "Titre\n\nUn paragraphe.\n\nÀ suivre".to_string();
        let blocks = vec![
            Block {
                start: 0,
                end: 5,
                kind: BlockKind::Title,
                section: Section::Body,
            },
            Block {
                start: 7,
                end: 22,
                kind: BlockKind::Paragraph,
                section: Section::Teaser,
            },
            Block {
                start: 24,
                end: text.len(),
                kind: BlockKind::ListItem,
                section: Section::Signature,
            },
        ];
        let meta = Meta {
            title: Some("Titre".into()),
            author: None,
            date: Some("2024-01-02".into()),
            tags: vec!["vélo".into(), String::new()],
            description: Some(String::new()),
            slug: None,
            series: Some("Carnet".into()),
            series_part: Some(3),
            warnings: vec!["décodé en Windows-1252".into()],
            spaced_tags: 0,
        };
        (
            Parsed { meta, text, blocks },
            vec![Some(7), None, Some(u64::MAX)],
        )
    }

    #[test]
    fn an_article_comes_back_as_it_was_put() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::new(Some(dir.path()));
        let (parsed, keys) = sample();
        let empty = Parsed::default();
        let a = spill.put(&parsed, &keys).unwrap();
        let b = spill.put(&empty, &[]).unwrap();
        let (back, back_keys) = spill.take(a).unwrap();
        assert_eq!(format!("{back:?}"), format!("{parsed:?}"));
        assert_eq!(back_keys, keys);
        let (back, back_keys) = spill.take(b).unwrap();
        assert_eq!(format!("{back:?}"), format!("{empty:?}"));
        assert!(back_keys.is_empty());
        // Unnamed: nothing shows in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn without_a_folder_nothing_is_spilled() {
        let (parsed, keys) = sample();
        assert!(Spill::new(None).put(&parsed, &keys).is_none());
    }

    #[test]
    fn a_cut_record_does_not_decode() {
        let (parsed, keys) = sample();
        let mut out = Vec::new();
        encode(&mut out, &parsed, &keys);
        assert!(decode(&out).is_some());
        for cut in 0..out.len() {
            assert!(decode(&out[..cut]).is_none(), "cut at {cut}");
        }
    }
}
