//! The cache file read as a stream: its head once, front to back,
//! through a small buffer, with the checksum of its payload taken on the
//! way. The cache of a 1 GB corpus is ~650 MB; read whole, it sat in
//! memory beside every cached article through pass 1 and pass 2, and a
//! rerun's peak was nearly four times a first run's
//! (docs/performance/memory.md). Only each record's head is kept; its
//! body is read again, by itself, when pass 2 takes that file's
//! articles ([`super::Reuse::articles`]).

use std::io::{self, BufRead, BufReader, Read};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::Xxh3;

use super::{Body, Record, content_hash};
use crate::run::codec::Reader;
use crate::run::stamp::get_stamp;

/// A reader of the cache's varints, lengths and byte strings from `R`
/// that knows where it is, never reads a length past the payload's end,
/// and sums every byte of the payload it passes ([`Stream::sum_from_here`]).
pub(super) struct Stream<R> {
    inner: BufReader<R>,
    /// Bytes read so far.
    pub(super) at: u64,
    /// Where the payload ends (the file's size until it is known).
    end: u64,
    sum: Option<Xxh3>,
    /// Bytes to be summed, gathered so that the sum is taken a block at
    /// a time (the head is thousands of short strings and varints: one
    /// XXH3 update each cost more than reading them).
    pending: Vec<u8>,
    /// The first read error met: what it reads after that is `None`.
    failed: Option<io::Error>,
}

/// Bytes gathered before they are summed.
const SUM_BLOCK: usize = 1 << 14;

impl<R: Read> Stream<R> {
    /// A stream of `size` bytes read from `inner`.
    pub(super) fn new(inner: R, size: u64) -> Stream<R> {
        Stream {
            inner: BufReader::with_capacity(1 << 16, inner),
            at: 0,
            end: size,
            sum: None,
            pending: Vec::new(),
            failed: None,
        }
    }

    /// The payload starts here and ends at `end`: what is read from now
    /// on is summed, and no length may reach past `end`.
    pub(super) fn sum_from_here(&mut self, end: u64) {
        self.end = end;
        self.sum = Some(Xxh3::new());
        self.pending = Vec::with_capacity(SUM_BLOCK);
    }

    /// Bytes left before the end.
    pub(super) fn left(&self) -> u64 {
        self.end.saturating_sub(self.at)
    }

    /// Appends the next `n` bytes to `out`; `None` past the end or on a
    /// read error.
    pub(super) fn take(&mut self, n: usize, out: &mut Vec<u8>) -> Option<()> {
        let from = out.len();
        self.take_raw(n, out)?;
        if self.sum.is_some() {
            // `out` may hold bytes before these: sum only the new ones.
            let (pending, new) = (&mut self.pending, &out[from..]);
            if pending.len() + new.len() > SUM_BLOCK {
                flush(&mut self.sum, pending);
                if let Some(sum) = &mut self.sum
                    && new.len() > SUM_BLOCK
                {
                    sum.update(new);
                    return Some(());
                }
            }
            pending.extend_from_slice(new);
        }
        Some(())
    }

    /// Appends the next `n` bytes to `out`, unsummed.
    fn take_raw(&mut self, n: usize, out: &mut Vec<u8>) -> Option<()> {
        if self.failed.is_some() || n as u64 > self.left() {
            return None;
        }
        let from = out.len();
        out.reserve(n);
        // Appended as read from the buffer, not zeroed first.
        let mut left = n;
        while left > 0 {
            let got = match self.inner.fill_buf() {
                Ok([]) => Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
                Ok(buf) => Ok(buf.len().min(left)),
                Err(e) => Err(e),
            };
            match got {
                Ok(k) => {
                    out.extend_from_slice(&self.inner.buffer()[..k]);
                    self.inner.consume(k);
                    left -= k;
                }
                Err(e) => {
                    out.truncate(from);
                    self.failed = Some(e);
                    return None;
                }
            }
        }
        self.at += n as u64;
        Some(())
    }

    /// [`Stream::take`], without summing what it takes: the caller sums
    /// what it must ([`Stream::sum_in`]).
    pub(super) fn take_unsummed(
        &mut self,
        n: usize,
        out: &mut Vec<u8>,
    ) -> Option<()> {
        self.take_raw(n, out)
    }

    /// Adds `bytes` to the sum of the payload.
    pub(super) fn sum_in(&mut self, bytes: &[u8]) {
        if self.sum.is_none() {
            return;
        }
        if self.pending.len() + bytes.len() > SUM_BLOCK {
            flush(&mut self.sum, &mut self.pending);
        }
        self.pending.extend_from_slice(bytes);
    }

    fn byte(&mut self) -> Option<u8> {
        if self.failed.is_some() || self.left() == 0 {
            return None;
        }
        let byte = match self.inner.fill_buf() {
            Ok([first, ..]) => *first,
            Ok([]) => {
                self.failed =
                    Some(io::Error::from(io::ErrorKind::UnexpectedEof));
                return None;
            }
            Err(e) => {
                self.failed = Some(e);
                return None;
            }
        };
        self.inner.consume(1);
        self.sum_in(&[byte]);
        self.at += 1;
        Some(byte)
    }

    /// A LEB128 varint, as [`crate::run::codec::Reader::u64`] reads it.
    pub(super) fn u64(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(n);
            }
        }
        None
    }

    /// A length: a varint no larger than what is left to read.
    pub(super) fn len(&mut self) -> Option<usize> {
        let n = self.u64()?;
        (n <= self.left()).then(|| usize::try_from(n).ok())?
    }

    /// Reads to the end of the payload (summing it), then the 8 bytes
    /// after it: `Ok((sum of the payload, the 8 bytes as a u64))`.
    /// `Err` when the file cannot be read.
    pub(super) fn finish(mut self) -> io::Result<(u64, Option<u64>)> {
        let mut chunk = Vec::with_capacity(1 << 16);
        while self.left() > 0 && self.failed.is_none() {
            chunk.clear();
            let n = self.left().min(1 << 16) as usize;
            self.take(n, &mut chunk);
        }
        if let Some(e) = self.failed {
            return Err(e);
        }
        flush(&mut self.sum, &mut self.pending);
        let sum = self.sum.as_ref().map_or(0, Xxh3::digest);
        let mut stored = [0u8; 8];
        let stored = match self.inner.read_exact(&mut stored) {
            Ok(()) => Some(u64::from_le_bytes(stored)),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => None,
            Err(e) => return Err(e),
        };
        Ok((sum, stored))
    }
}

/// Sums the bytes `pending` gathered, and empties it.
fn flush(sum: &mut Option<Xxh3>, pending: &mut Vec<u8>) {
    if let Some(sum) = sum {
        sum.update(pending);
    }
    pending.clear();
}

/// What the head of the cache's payload holds: its stem and form
/// tables (their text, and each entry's end in it), when the run that
/// wrote it began, and its files' records.
pub(super) struct Head {
    /// Every entry's text, one after the other (each entry is UTF-8 by
    /// itself: it ends on a character boundary).
    pub(super) text: String,
    pub(super) stems: Vec<usize>,
    pub(super) forms: Vec<usize>,
    pub(super) began: i64,
    pub(super) files: FxHashMap<(String, String), Record>,
}

/// Reads the payload's head from `s`: the stem and form tables, when
/// the run that wrote the cache began, and each file's record (its bytes
/// read and summed, its body by its hash; only its head kept). `None` when it does not
/// decode, or does not end where the payload does.
pub(super) fn read_head<R: std::io::Read>(s: &mut Stream<R>) -> Option<Head> {
    let mut text = Vec::new();
    let mut table = |s: &mut Stream<R>| -> Option<Vec<usize>> {
        let n = s.len()?;
        let mut ends = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let len = s.len()?;
            // Its UTF-8 is checked with the whole text's, below.
            s.take(len, &mut text)?;
            ends.push(text.len());
        }
        Some(ends)
    };
    let stems = table(s)?;
    let forms = table(s)?;
    // Checked whole, and each entry ending on a character boundary:
    // then each entry is UTF-8 by itself, for one check instead of one
    // an entry.
    let text = String::from_utf8(text).ok()?;
    let boundaries = stems.iter().chain(&forms);
    if !boundaries
        .into_iter()
        .all(|&end| text.is_char_boundary(end))
    {
        return None;
    }
    let mut began = Vec::with_capacity(8);
    s.take(8, &mut began)?;
    let began = i64::from_le_bytes(began.try_into().ok()?);
    let n = s.len()?;
    let mut files = FxHashMap::default();
    let mut record = Vec::new();
    for _ in 0..n {
        let len = s.len()?;
        let start = s.at;
        record.clear();
        // Summed below: its head as it is, its body by its hash.
        s.take_unsummed(len, &mut record)?;
        let mut r = Reader::new(&record, 0);
        let path = r.str()?.to_string();
        let source = r.str()?.to_string();
        let hash = r.u64_fixed()?;
        let stamp = get_stamp(&mut r)?;
        // Not lengths of the cache's bytes: a WordPress export is often
        // larger than its record, or than the whole cache.
        let bytes = r.usize()?;
        let skipped = r.usize()?;
        let articles = r.len()?;
        // Held through the run (the file's facts): no spare capacity.
        let mut lines = Vec::with_capacity(articles);
        for _ in 0..articles {
            lines.push(r.keys()?);
        }
        let (head, body) = record.split_at(r.at);
        let sum = content_hash(body);
        s.sum_in(head);
        s.sum_in(&sum.to_le_bytes());
        let record = Record {
            hash,
            stamp,
            bytes,
            skipped,
            lines: std::sync::Mutex::new(Some(lines)),
            body: Body {
                start: start + head.len() as u64,
                len: body.len(),
                sum,
            },
        };
        files.insert((path, source), record);
    }
    if s.left() != 0 {
        return None;
    }
    Some(Head {
        text,
        stems,
        forms,
        began,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::codec::{Reader, put, put_str};

    #[test]
    fn reads_what_the_codec_wrote_and_sums_only_the_payload() {
        let mut bytes = b"head".to_vec();
        let payload_at = bytes.len();
        for n in [0u64, 1, 127, 128, 300, 1 << 40, u64::MAX] {
            put(&mut bytes, n);
        }
        put_str(&mut bytes, "économie");
        let end = bytes.len();
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[payload_at..]);
        bytes.extend_from_slice(&sum.to_le_bytes());

        let mut s = Stream::new(&bytes[..], bytes.len() as u64);
        let mut out = Vec::new();
        s.take(4, &mut out).unwrap();
        assert_eq!(out, b"head");
        s.sum_from_here(end as u64);
        let mut r = Reader::new(&bytes, payload_at);
        for _ in 0..7 {
            assert_eq!(s.u64(), r.u64());
        }
        let n = s.len().unwrap();
        out.clear();
        s.take(n, &mut out).unwrap();
        assert_eq!(out, "économie".as_bytes());
        assert_eq!(s.at, end as u64);
        assert_eq!(s.finish().unwrap(), (sum, Some(sum)));
    }

    /// The sum is taken a block at a time: whatever the sizes read,
    /// short and long, and the bytes added by hand, it is the hash of
    /// the bytes summed, in their order.
    #[test]
    fn the_sum_is_that_of_the_bytes_summed_whatever_their_sizes() {
        let mut bytes = Vec::new();
        let sizes = [0, 1, 7, SUM_BLOCK - 3, 2, SUM_BLOCK, 5, 3 * SUM_BLOCK];
        for (i, &n) in sizes.iter().enumerate() {
            put(&mut bytes, n as u64);
            bytes.extend((0..n).map(|b| (b * 31 + i) as u8));
        }
        let end = bytes.len() as u64;
        let mut s = Stream::new(&bytes[..], end);
        s.sum_from_here(end);
        // What the stream must have summed: every other string is taken
        // unsummed, and its length summed by hand instead.
        let mut summed = Vec::new();
        let mut r = Reader::new(&bytes, 0);
        for (i, &n) in sizes.iter().enumerate() {
            let at = r.at;
            assert_eq!(s.len(), Some(n));
            assert_eq!(r.len(), Some(n));
            summed.extend_from_slice(&bytes[at..r.at]);
            let mut out = vec![9u8];
            if i % 2 == 0 {
                s.take(n, &mut out).unwrap();
                summed.extend_from_slice(r.take(n).unwrap());
            } else {
                s.take_unsummed(n, &mut out).unwrap();
                r.take(n).unwrap();
                s.sum_in(&n.to_le_bytes());
                summed.extend_from_slice(&n.to_le_bytes());
            }
            assert_eq!(&out[1..], &bytes[r.at - n..r.at]);
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&summed);
        assert_eq!(s.finish().unwrap(), (sum, None));
    }

    /// A table's entries are UTF-8 each: two halves of one character
    /// make valid text together, and are refused.
    #[test]
    fn a_table_entry_that_splits_a_character_is_refused() {
        let head = |stems: &[&[u8]]| {
            let mut bytes = Vec::new();
            put(&mut bytes, stems.len() as u64);
            for stem in stems {
                put(&mut bytes, stem.len() as u64);
                bytes.extend_from_slice(stem);
            }
            put(&mut bytes, 0); // forms
            bytes.extend_from_slice(&0i64.to_le_bytes()); // began
            put(&mut bytes, 0); // files
            let end = bytes.len() as u64;
            let mut s = Stream::new(&bytes[..], end);
            s.sum_from_here(end);
            read_head(&mut s).map(|h| (h.text, h.stems))
        };
        let e = "é".as_bytes();
        assert_eq!(head(&[e, b"a"]), Some(("éa".to_string(), vec![2, 3])));
        assert_eq!(head(&[&e[..1], &e[1..]]), None);
        assert_eq!(head(&[b"a", &e[..1]]), None);
    }

    #[test]
    fn a_length_past_the_payload_is_refused_and_the_rest_still_summed() {
        let mut bytes = Vec::new();
        put(&mut bytes, 50);
        bytes.extend_from_slice(b"short");
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes);
        let end = bytes.len() as u64;
        let mut s = Stream::new(&bytes[..], end);
        s.sum_from_here(end);
        assert_eq!(s.len(), None);
        // Summed to the end all the same; no checksum after it.
        assert_eq!(s.finish().unwrap(), (sum, None));
        // A varint that never ends within the payload.
        let mut s = Stream::new(&[0x80u8, 0x80][..], 2);
        s.sum_from_here(2);
        assert_eq!(s.u64(), None);
    }
}
