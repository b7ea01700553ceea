//! The cache file read as a stream: its head once, front to back,
//! through a small buffer, with the checksum of its payload taken on the
//! way. The cache of a 1 GB corpus is ~650 MB; read whole, it sat in
//! memory beside every cached article through pass 1 and pass 2, and a
//! rerun's peak was nearly four times a first run's
//! (docs/performance/memory.md). Only each record's head is kept; its
//! body is read again, by itself, when pass 2 takes that file's
//! articles ([`super::Reuse::articles`]).

use std::io::{self, BufReader, Read};

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
    /// The first read error met: what it reads after that is `None`.
    failed: Option<io::Error>,
}

impl<R: Read> Stream<R> {
    /// A stream of `size` bytes read from `inner`.
    pub(super) fn new(inner: R, size: u64) -> Stream<R> {
        Stream {
            inner: BufReader::with_capacity(1 << 16, inner),
            at: 0,
            end: size,
            sum: None,
            failed: None,
        }
    }

    /// The payload starts here and ends at `end`: what is read from now
    /// on is summed, and no length may reach past `end`.
    pub(super) fn sum_from_here(&mut self, end: u64) {
        self.end = end;
        self.sum = Some(Xxh3::new());
    }

    /// Bytes left before the end.
    pub(super) fn left(&self) -> u64 {
        self.end.saturating_sub(self.at)
    }

    /// Appends the next `n` bytes to `out`; `None` past the end or on a
    /// read error.
    pub(super) fn take(&mut self, n: usize, out: &mut Vec<u8>) -> Option<()> {
        if self.failed.is_some() || n as u64 > self.left() {
            return None;
        }
        let from = out.len();
        out.reserve(n);
        // Appended as read, not zeroed first.
        let read = (&mut self.inner).take(n as u64).read_to_end(out);
        if let Err(e) = read.and_then(|got| {
            (got == n)
                .then_some(())
                .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
        }) {
            out.truncate(from);
            self.failed = Some(e);
            return None;
        }
        if let Some(sum) = &mut self.sum {
            sum.update(&out[from..]);
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
        let sum = self.sum.take();
        let took = self.take(n, out);
        self.sum = sum;
        took
    }

    /// Adds `bytes` to the sum of the payload.
    pub(super) fn sum_in(&mut self, bytes: &[u8]) {
        if let Some(sum) = &mut self.sum {
            sum.update(bytes);
        }
    }

    fn byte(&mut self) -> Option<u8> {
        let mut one = [0u8; 1];
        if self.failed.is_some() || self.left() == 0 {
            return None;
        }
        if let Err(e) = self.inner.read_exact(&mut one) {
            self.failed = Some(e);
            return None;
        }
        if let Some(sum) = &mut self.sum {
            sum.update(&one);
        }
        self.at += 1;
        Some(one[0])
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

/// What the head of the cache's payload holds: its stem and form
/// tables (their text, and each entry's end in it), when the run that
/// wrote it began, and its files' records.
pub(super) struct Head {
    pub(super) text: Vec<u8>,
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
            let start = text.len();
            s.take(len, &mut text)?;
            simdutf8::basic::from_utf8(&text[start..]).ok()?;
            ends.push(text.len());
        }
        Some(ends)
    };
    let stems = table(s)?;
    let forms = table(s)?;
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
