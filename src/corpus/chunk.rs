//! Where a [`Packed`](super::Packed) article's bytes live: a stretch of
//! a chunk shared with the articles packed beside it
//! ([`share`]), or a chunk of their own.
//!
//! Each article's bytes in an allocation of their own (about 760 bytes
//! an article, held from pass 2 to the last article written) were
//! rounded up to the allocator's size class, 10 to 15 % more: ~20 MB
//! over the ~135 MB a corpus of 183,000 articles packs. A window of
//! articles in one chunk rounds once.

use std::sync::Arc;

/// An article's bytes: `len` bytes from `at` in `chunk` (no chunk when
/// there are none).
#[derive(Clone, Default)]
pub(super) struct Bytes {
    chunk: Option<Arc<[u8]>>,
    at: u32,
    len: u32,
}

/// How many articles' bytes [`share`] puts in one chunk: ~1.5 MB at the
/// ~760 bytes a lean article takes, so that the chunk's own rounding is
/// small, and still many windows to share out among threads.
pub(super) const ARTICLES: usize = 2048;

impl Bytes {
    /// A copy of `bytes` in a chunk of its own.
    pub(super) fn own(bytes: &[u8]) -> Bytes {
        Bytes {
            chunk: (!bytes.is_empty()).then(|| Arc::from(bytes)),
            at: 0,
            len: bytes.len() as u32,
        }
    }

    /// Whether `self` and `other` lie in the same chunk.
    #[cfg(test)]
    pub(super) fn shares_with(&self, other: &Bytes) -> bool {
        match (&self.chunk, &other.chunk) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match &self.chunk {
            Some(chunk) => {
                &chunk[self.at as usize..self.at as usize + self.len as usize]
            }
            None => &[],
        }
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Moves the bytes of every `Bytes` of `all` into one chunk they share
/// (none for empty ones), each still reading the same bytes; left as
/// they are when they come to 4 GB or more.
pub(super) fn share(all: &mut [&mut Bytes]) {
    let total = all.iter().map(|b| b.len()).sum::<usize>();
    if u32::try_from(total).is_err() {
        return;
    }
    let mut joined = Vec::with_capacity(total);
    for b in all.iter() {
        joined.extend_from_slice(b);
    }
    let chunk: Arc<[u8]> = Arc::from(joined);
    let mut at = 0u32;
    for b in all.iter_mut() {
        let len = b.len;
        **b = Bytes {
            chunk: (len > 0).then(|| Arc::clone(&chunk)),
            at,
            len,
        };
        at += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_bytes_read_as_their_own_did() {
        let texts: [&[u8]; 4] = [b"abc", b"", b"de", b"\x00\xff\x80"];
        let mut all: Vec<Bytes> =
            texts.iter().map(|t| Bytes::own(t)).collect();
        share(&mut all.iter_mut().collect::<Vec<_>>());
        for (b, t) in all.iter().zip(texts) {
            assert_eq!(&b[..], t);
        }
        // One chunk for all, none for the empty one.
        let first = all[0].chunk.as_ref().expect("bytes");
        assert!(all[1].chunk.is_none());
        for b in [&all[2], &all[3]] {
            assert!(Arc::ptr_eq(first, b.chunk.as_ref().expect("bytes")));
        }
        assert_eq!(first.len(), 8);
        // Sharing again keeps them.
        share(&mut all.iter_mut().collect::<Vec<_>>());
        assert_eq!(all, texts.map(Bytes::own));
    }

    #[test]
    fn no_bytes_share_nothing() {
        let mut all = [Bytes::own(b""), Bytes::default()];
        share(&mut all.iter_mut().collect::<Vec<_>>());
        assert!(all.iter().all(|b| b.chunk.is_none() && b.is_empty()));
    }
}
