//! The byte encoding that the incremental cache ([`super::cache`]) and
//! the spill of parsed articles between passes ([`super::spill`]) share:
//! integers as LEB128 varints, 64-bit keys and hashes as 8 bytes little
//! endian, strings as length + UTF-8, and an article's [`Meta`] field by
//! field. The cache's file format is this encoding; a change here moves
//! its version ([`super::cache`]'s magic).

use crate::meta::Meta;

/// Appends `n` as a LEB128 varint.
pub(super) fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(super) fn put_len(out: &mut Vec<u8>, n: usize) {
    put(out, n as u64);
}

pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub(super) fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put(out, 0),
        Some(s) => {
            put(out, s.len() as u64 + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

pub(super) fn put_strs(out: &mut Vec<u8>, list: &[String]) {
    put_len(out, list.len());
    for s in list {
        put_str(out, s);
    }
}

pub(super) fn put_keys(out: &mut Vec<u8>, keys: &[u64]) {
    put_len(out, keys.len());
    for k in keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
}

/// Appends an article's metadata. Taken apart whole, so that a field
/// added to [`Meta`] fails to compile here until it is encoded.
pub(super) fn put_meta(out: &mut Vec<u8>, meta: &Meta) {
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
        // Applied before the article is cached (`split_jekyll_tags`).
        spaced_tags: _,
    } = meta;
    put_opt(out, title.as_deref());
    put_opt(out, author.as_deref());
    put_opt(out, date.as_deref());
    put_strs(out, tags);
    put_opt(out, description.as_deref());
    put_opt(out, slug.as_deref());
    put_opt(out, series.as_deref());
    put(out, series_part.map_or(0, |p| u64::from(p) + 1));
    put_strs(out, warnings);
}

/// Reads what the `put_*` functions wrote; every read is checked and
/// gives `None` past the end or on invalid UTF-8, never a panic.
pub(super) struct Reader<'a> {
    pub(super) b: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(b: &'a [u8], at: usize) -> Self {
        Reader { b, at }
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at)?;
            self.at += 1;
            n |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte < 0x80 {
                return Some(n);
            }
        }
        None
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u64()?).ok()
    }

    pub(super) fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        // No length can exceed what is left to read.
        (n <= self.b.len()).then_some(n)
    }

    /// A number that is not the length of what follows (a file's size,
    /// a count of items left out of the cache): unlike [`Reader::len`],
    /// it may exceed what is left to read.
    pub(super) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    pub(super) fn flag(&mut self) -> Option<bool> {
        match self.u64()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    pub(super) fn u64_fixed(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(super) fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        utf8(self.take(n)?)
    }

    pub(super) fn opt(&mut self) -> Option<Option<String>> {
        match self.len()? {
            0 => Some(None),
            n => {
                let s = utf8(self.take(n - 1)?)?;
                Some(Some(s.to_string()))
            }
        }
    }

    pub(super) fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }

    /// What [`put_keys`] wrote, in a vector of that length exactly
    /// (held through the run: no spare capacity).
    pub(super) fn keys(&mut self) -> Option<Vec<u64>> {
        let n = self.len()?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(self.u64_fixed()?);
        }
        Some(keys)
    }

    /// What [`put_meta`] wrote.
    pub(super) fn meta(&mut self) -> Option<Meta> {
        Some(Meta {
            title: self.opt()?,
            author: self.opt()?,
            date: self.opt()?,
            tags: self.strs()?,
            description: self.opt()?,
            slug: self.opt()?,
            series: self.opt()?,
            series_part: match self.u64()? {
                0 => None,
                p => Some(u32::try_from(p - 1).ok()?),
            },
            warnings: self.strs()?,
            spaced_tags: 0,
        })
    }
}

/// `bytes` as text when they are UTF-8. simdutf8 checks a spilled
/// post's text (pass 2 reads back nearly every post of a corpus past
/// [`super::KEEP_BYTES`]) several times faster than `std::str::from_utf8`,
/// whose check was 3 % of a 1 GB run (docs/performance/memory.md).
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_byte_boundaries() {
        let values = [
            0,
            1,
            0x7f,
            0x80,
            0x3fff,
            0x4000,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut out = Vec::new();
        for &n in &values {
            put(&mut out, n);
        }
        // One byte up to 0x7f, two up to 0x3fff, ten for u64::MAX.
        assert_eq!(out.len(), 1 + 1 + 1 + 2 + 2 + 3 + 5 + 10);
        let mut r = Reader::new(&out, 0);
        for &n in &values {
            assert_eq!(r.u64(), Some(n));
        }
        assert_eq!(r.at, out.len());
        assert_eq!(r.u64(), None, "past the end");
        // Eleven continuation bytes overflow 64 bits: refused.
        assert_eq!(Reader::new(&[0xff; 11], 0).u64(), None);
    }

    #[test]
    fn metadata_round_trips_and_a_cut_record_does_not_decode() {
        for series_part in [None, Some(0), Some(7), Some(u32::MAX)] {
            let meta = Meta {
                title: Some("Été".into()),
                author: None,
                date: Some(String::new()),
                tags: vec!["vélo".into(), String::new()],
                description: None,
                slug: Some("ete".into()),
                series: None,
                series_part,
                warnings: vec!["w".into()],
                spaced_tags: 0,
            };
            let mut out = Vec::new();
            put_meta(&mut out, &meta);
            let mut r = Reader::new(&out, 0);
            let back = r.meta().unwrap();
            assert_eq!(format!("{back:?}"), format!("{meta:?}"));
            assert_eq!(r.at, out.len());
            for cut in 0..out.len() {
                assert!(
                    Reader::new(&out[..cut], 0).meta().is_none(),
                    "cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn a_length_past_the_input_or_invalid_utf8_is_refused() {
        let mut out = Vec::new();
        put_str(&mut out, "abc");
        out.truncate(2);
        assert_eq!(Reader::new(&out, 0).str(), None);
        let mut bad = Vec::new();
        put_len(&mut bad, 2);
        bad.extend_from_slice(&[0xc3, 0x28]);
        assert_eq!(Reader::new(&bad, 0).str(), None);
        // A long text, checked by SIMD blocks: one bad byte past them.
        let mut text = "Un été à vélo, ".repeat(40).into_bytes();
        let good = text.clone();
        let mut long = Vec::new();
        put_len(&mut long, good.len());
        long.extend_from_slice(&good);
        let back = Reader::new(&long, 0).str().map(str::as_bytes);
        assert_eq!(back, Some(&good[..]));
        let last = text.len() - 3;
        text[last] = 0xff;
        let mut long = Vec::new();
        put_len(&mut long, text.len());
        long.extend_from_slice(&text);
        assert_eq!(Reader::new(&long, 0).str(), None);
        let mut keys = Vec::new();
        put_keys(&mut keys, &[1, u64::MAX]);
        assert_eq!(Reader::new(&keys, 0).keys(), Some(vec![1, u64::MAX]));
    }
}
