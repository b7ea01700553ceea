//! LEB128 varints, as packed articles hold them: written with [`put`]
//! (or [`put_at`] into a slice), read back with [`take`] where the bytes
//! are known to decode and with [`try_take`], checked, where they may
//! not (a cache's records); stem gaps zigzag-coded.

#[inline]
pub(super) fn zigzag(previous: u32, next: u32) -> u64 {
    let d = i64::from(next) - i64::from(previous);
    ((d << 1) ^ (d >> 63)) as u64
}

#[inline]
pub(super) fn unzigzag(previous: u32, z: u64) -> u32 {
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    (i64::from(previous) + d) as u32
}

/// The longest LEB128 varint: a `u64` in 7-bit groups.
const MAX_VARINT: usize = 10;

/// The longest packed term: four varints.
pub(super) const TERM_MAX: usize = 4 * MAX_VARINT;

/// Writes `n` as [`put`] does into `dst` at `*at`, which must have room
/// for it ([`MAX_VARINT`] bytes always do), and moves `*at` past it.
#[inline(always)]
pub(super) fn put_at(dst: &mut [u8], at: &mut usize, mut n: u64) {
    let mut i = *at;
    // One to three bytes (counts, stem gaps, places, form ids) in one
    // store each, the rest byte after byte.
    if n < 0x80 {
        dst[i] = n as u8;
        *at = i + 1;
        return;
    }
    if n < 0x4000 {
        dst[i..i + 2].copy_from_slice(&[n as u8 | 0x80, (n >> 7) as u8]);
        *at = i + 2;
        return;
    }
    if n < 0x20_0000 {
        let bytes = [n as u8 | 0x80, (n >> 7) as u8 | 0x80, (n >> 14) as u8];
        dst[i..i + 3].copy_from_slice(&bytes);
        *at = i + 3;
        return;
    }
    while n >= 0x80 {
        dst[i] = n as u8 | 0x80;
        n >>= 7;
        i += 1;
    }
    dst[i] = n as u8;
    *at = i + 1;
}

/// Appends `n` as a LEB128 varint.
#[inline]
pub(super) fn put(out: &mut Vec<u8>, mut n: u64) {
    // One or two bytes, as most are, in one write.
    if n < 0x80 {
        out.push(n as u8);
        return;
    }
    if n < 0x4000 {
        out.extend_from_slice(&[n as u8 | 0x80, (n >> 7) as u8]);
        return;
    }
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// [`take`], checked: `None` past the end or beyond 64 bits.
#[inline(always)]
pub(super) fn try_take(bytes: &[u8], at: &mut usize) -> Option<u64> {
    // The position goes in and out by value, never by reference into a
    // call: the caller's `at` then stays in a register (a decoder reads
    // four varints per term of every cached article).
    let (n, end) = try_take_at(bytes, *at)?;
    *at = end;
    Some(n)
}

/// [`try_take`] at `i`: the value and the position after it. One- and
/// two-byte varints without the loop.
#[inline(always)]
fn try_take_at(bytes: &[u8], i: usize) -> Option<(u64, usize)> {
    let &b = bytes.get(i)?;
    if b < 0x80 {
        return Some((u64::from(b), i + 1));
    }
    // `i < bytes.len()`: no overflow.
    let &c = bytes.get(i + 1)?;
    if c < 0x80 {
        return Some((u64::from(b & 0x7f) | u64::from(c) << 7, i + 2));
    }
    try_take_long(bytes, i)
}

/// [`try_take_at`] past its first two bytes' tests (from the first).
fn try_take_long(bytes: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(at)?;
        at += 1;
        n |= u64::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some((n, at));
        }
    }
    None
}

/// A length and that many bytes of UTF-8, checked, from `at`: the
/// position after them.
pub(super) fn try_text(bytes: &[u8], at: usize) -> Option<usize> {
    let (len, at) = try_take_at(bytes, at)?;
    let len = usize::try_from(len).ok()?;
    let end = at.checked_add(len)?;
    std::str::from_utf8(bytes.get(at..end)?).ok()?;
    Some(end)
}

/// Steps over the LEB128 varint at `*at`.
#[inline]
pub(super) fn skip(bytes: &[u8], at: &mut usize) {
    while bytes[*at] >= 0x80 {
        *at += 1;
    }
    *at += 1;
}

/// Reads a LEB128 varint at `*at`.
#[inline]
pub(super) fn take(bytes: &[u8], at: &mut usize) -> u64 {
    // The first two bytes without the loop: counts, stem gaps and
    // places rarely need more.
    let i = *at;
    let b = bytes[i];
    if b < 0x80 {
        *at = i + 1;
        return u64::from(b);
    }
    let c = bytes[i + 1];
    let n = u64::from(b & 0x7f) | u64::from(c & 0x7f) << 7;
    if c < 0x80 {
        *at = i + 2;
        return n;
    }
    *at = i + 2;
    take_rest(bytes, at, n)
}

/// [`take`] from its third byte on, `n` holding the first two's bits.
fn take_rest(bytes: &[u8], at: &mut usize, mut n: u64) -> u64 {
    let mut shift = 14;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// Appends `v` as [`put`] does, by a plain loop: the form of the
/// vectors of tagging and similar articles, whose values are mostly one
/// byte, and which [`take_u32`] reads back.
#[inline]
pub(super) fn put_u32(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The varint at `bytes[*at..]`, which must hold one that fits a `u32`,
/// `*at` moved past it: a plain loop, which on those vectors' mostly
/// one-byte values costs fewer instructions than [`take`]'s early
/// returns (nicolas-hoizey's run 373.5 against 374.7 M, callgrind).
#[inline]
pub(super) fn take_u32(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `u32` forms write what [`put`] writes and read back what they
    /// wrote, at every byte boundary.
    #[test]
    fn u32_varints_are_put_s_bytes() {
        for v in [
            0,
            1,
            0x7f,
            0x80,
            0x3fff,
            0x4000,
            0x1f_ffff,
            0x20_0000,
            u32::MAX,
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            put_u32(&mut a, v);
            put(&mut b, u64::from(v));
            assert_eq!(a, b, "{v:#x}");
            a.push(0x55);
            let mut at = 0;
            assert_eq!(take_u32(&a, &mut at), v);
            assert_eq!(at, b.len());
        }
    }

    /// LEB128 read the plain way, byte after byte, from the first:
    /// `try_take_long` is that loop. What `try_take` must answer,
    /// position included (up to 10 bytes, the 10th's high bits dropped;
    /// `None` past the end or without an end by the 10th).
    fn reference(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
        try_take_long(bytes, at)
    }

    proptest::proptest! {
        /// Bytes with and without the continuation bit, and runs of
        /// continuation bytes, read one varint or text after another.
        #[test]
        fn checked_reads_are_the_plain_ones(
            parts in proptest::collection::vec(
                (0u8..4, proptest::prelude::any::<u8>(), 0usize..12), 0..24),
        ) {
            let mut bytes = Vec::new();
            for (kind, b, run) in parts {
                match kind {
                    0 => bytes.push(b & 0x7f),
                    1 => bytes.push(b | 0x80),
                    2 => bytes.extend(std::iter::repeat_n(0x80 | b, run)),
                    _ => bytes.push(b),
                }
            }
            for start in 0..=bytes.len() {
                let mut at = start;
                let got = try_take(&bytes, &mut at).map(|n| (n, at));
                proptest::prop_assert_eq!(got, reference(&bytes, start));
                let text = reference(&bytes, start).and_then(|(len, at)| {
                    let end = at.checked_add(usize::try_from(len).ok()?)?;
                    std::str::from_utf8(bytes.get(at..end)?).ok()?;
                    Some(end)
                });
                proptest::prop_assert_eq!(try_text(&bytes, start), text);
            }
        }
    }

    /// `take` and `try_take` read back what `put` wrote: values of every
    /// length (1 to 10 bytes) and at each length's edges, one after
    /// another; `try_take` refuses a truncated or an 11-byte varint.
    #[test]
    fn varints_read_back() {
        let mut values = vec![0u64, 1, u64::MAX];
        for bits in 1..64 {
            let v = 1u64 << bits;
            values.extend([v - 1, v, v + 1]);
        }
        let mut bytes = Vec::new();
        for &v in &values {
            put(&mut bytes, v);
        }
        // `put_at` writes the same bytes, each value in at most
        // MAX_VARINT of them.
        let mut room = vec![0; values.len() * MAX_VARINT];
        let mut written = 0;
        for &v in &values {
            let before = written;
            put_at(&mut room, &mut written, v);
            assert!(written - before <= MAX_VARINT);
        }
        assert_eq!(&room[..written], &bytes[..]);
        let (mut at, mut checked) = (0, 0);
        for &v in &values {
            assert_eq!(take(&bytes, &mut at), v);
            assert_eq!(try_take(&bytes, &mut checked), Some(v));
            assert_eq!(at, checked);
        }
        assert_eq!(at, bytes.len());
        assert_eq!(try_take(&bytes, &mut checked), None);
        assert_eq!(try_take(&[0x80; 11], &mut 0), None);
        assert_eq!(try_take(&[0x80, 0x80], &mut 0), None);
        assert_eq!(try_take(&[0x80], &mut 0), None);
        // LEB128's bytes, at the edges of the one- and two-byte writes.
        for (v, expected) in [
            (0x7f, &[0x7f][..]),
            (0x80, &[0x80, 0x01]),
            (0x3fff, &[0xff, 0x7f]),
            (0x4000, &[0x80, 0x80, 0x01]),
        ] {
            let mut out = Vec::new();
            put(&mut out, v);
            assert_eq!(out, expected, "{v:#x}");
        }
    }
}
