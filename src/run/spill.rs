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

use crate::meta::Meta;
use crate::source::{Block, BlockKind, Parsed, Section};

/// Where an article was put: its bytes in the file.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spilled {
    at: u64,
    len: u64,
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

    fn file(&self) -> Option<&File> {
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
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        let file = self.file()?;
        BUFFER.with_borrow_mut(|out| {
            out.clear();
            encode(out, parsed, keys);
            let len = out.len() as u64;
            let at = self.end.fetch_add(len, Ordering::Relaxed);
            match file.write_all_at(out, at) {
                Ok(()) => Some(Spilled { at, len }),
                Err(_) => {
                    self.failed.store(true, Ordering::Relaxed);
                    None
                }
            }
        })
    }

    /// The article put at `at`, with its block keys.
    pub(super) fn take(
        &self,
        at: Spilled,
    ) -> io::Result<(Parsed, Vec<Option<u64>>)> {
        let file = self.file().ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, "no spill file")
        })?;
        BUFFER.with_borrow_mut(|buf| {
            buf.clear();
            buf.resize(at.len as usize, 0);
            file.read_exact_at(buf, at.at)?;
            decode(buf).ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, "spill cut short")
            })
        })
    }
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u64(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn put_list(out: &mut Vec<u8>, list: &[String]) {
    put_u64(out, list.len() as u64);
    for s in list {
        put_str(out, s);
    }
}

/// Every field of the article, in declaration order (destructured, so a
/// new field fails to compile until it is spilled too).
fn encode(out: &mut Vec<u8>, parsed: &Parsed, keys: &[Option<u64>]) {
    let Parsed { meta, text, blocks } = parsed;
    let Meta {
        title,
        author,
        date,
        tags,
        description,
        slug,
        series,
        series_part,
        warnings,
    } = meta;
    put_opt(out, title.as_deref());
    put_opt(out, author.as_deref());
    put_opt(out, date.as_deref());
    put_list(out, tags);
    put_opt(out, description.as_deref());
    put_opt(out, slug.as_deref());
    put_opt(out, series.as_deref());
    match series_part {
        Some(n) => {
            out.push(1);
            put_u64(out, u64::from(*n));
        }
        None => out.push(0),
    }
    put_list(out, warnings);
    put_str(out, text);
    put_u64(out, blocks.len() as u64);
    for b in blocks {
        let Block {
            start,
            end,
            kind,
            section,
        } = *b;
        put_u64(out, start as u64);
        put_u64(out, end as u64);
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
    put_u64(out, keys.len() as u64);
    for k in keys {
        match k {
            Some(k) => {
                out.push(1);
                put_u64(out, *k);
            }
            None => out.push(0),
        }
    }
}

/// Reads what [`encode`] wrote, in the same order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let b = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(b)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            _ => Some(Some(self.string()?)),
        }
    }

    fn list(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.string()).collect()
    }
}

fn decode(bytes: &[u8]) -> Option<(Parsed, Vec<Option<u64>>)> {
    let mut r = Reader { bytes, at: 0 };
    let title = r.opt()?;
    let author = r.opt()?;
    let date = r.opt()?;
    let tags = r.list()?;
    let description = r.opt()?;
    let slug = r.opt()?;
    let series = r.opt()?;
    let series_part = match r.byte()? {
        0 => None,
        _ => Some(u32::try_from(r.u64()?).ok()?),
    };
    let warnings = r.list()?;
    let text = r.string()?;
    let n = r.len()?;
    let mut blocks = Vec::with_capacity(n.min(bytes.len() / 18));
    for _ in 0..n {
        let start = r.len()?;
        let end = r.len()?;
        let kind = match r.byte()? {
            0 => BlockKind::Title,
            1 => BlockKind::Heading,
            2 => BlockKind::Paragraph,
            _ => BlockKind::ListItem,
        };
        let section = match r.byte()? {
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
    let mut keys = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        keys.push(match r.byte()? {
            0 => None,
            _ => Some(r.u64()?),
        });
    }
    let meta = Meta {
        title,
        author,
        date,
        tags,
        description,
        slug,
        series,
        series_part,
        warnings,
    };
    Some((Parsed { meta, text, blocks }, keys))
}

#[cfg(test)]
mod tests {
    use super::*;

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
