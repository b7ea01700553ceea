//! Byte classes of a text 64 bytes at a time, as bit masks: the
//! pre-filters look at every byte of every sentence, and a mask per
//! block turns the per-byte branches into one loop over the few bytes
//! that matter (one hard-to-predict loop exit per 64 bytes).

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Calls `visit(base, mask, fresh)` on `b` in blocks of 64 bytes until it
/// returns true: bit `i` of `mask` is set when `class` marks byte
/// `base + i`, and `fresh` keeps the bits of bytes no earlier call saw.
/// The last partial block is read again from the text's last 64 bytes
/// (no copy), so a visitor may look at the bit before a fresh one; a
/// text shorter than 64 bytes is one block, its missing bytes unmarked.
pub(super) fn any_block(
    b: &[u8],
    class: impl Fn(u64) -> u64,
    mut visit: impl FnMut(usize, u64, u64) -> bool,
) -> bool {
    let n = b.len();
    if n < 64 {
        return n > 0 && visit(0, short_mask(b, &class), !0);
    }
    let mut base = 0;
    while base + 64 <= n {
        if visit(base, block_mask(&b[base..base + 64], &class), !0) {
            return true;
        }
        base += 64;
    }
    let tail = n - base;
    tail > 0
        && visit(n - 64, block_mask(&b[n - 64..], &class), !0 << (64 - tail))
}

/// The mask of 64 bytes.
fn block_mask(block: &[u8], class: &impl Fn(u64) -> u64) -> u64 {
    let mut mask = 0u64;
    for (j, w) in block.chunks_exact(8).enumerate() {
        mask |= gather(class(word(w))) << (8 * j);
    }
    mask
}

/// The mask of fewer than 64 bytes: whole words of eight, then the last
/// eight bytes again for the rest (or the bytes one by one, under eight).
fn short_mask(b: &[u8], class: &impl Fn(u64) -> u64) -> u64 {
    let n = b.len();
    if n < 8 {
        // The missing bytes are zeros; a class may mark zero bytes.
        return gather(class(padded(b))) & ((1u64 << n) - 1);
    }
    let mut mask = 0u64;
    let mut words = b.chunks_exact(8);
    for (j, w) in words.by_ref().enumerate() {
        mask |= gather(class(word(w))) << (8 * j);
    }
    let rest = words.remainder().len();
    if rest > 0 {
        mask |= gather(class(word(&b[n - 8..]))) >> (8 - rest) << (n - rest);
    }
    mask
}

/// Fewer than eight bytes, little-endian, the missing ones zeros.
pub(super) fn padded(b: &[u8]) -> u64 {
    b.iter()
        .enumerate()
        .fold(0u64, |v, (i, &c)| v | u64::from(c) << (8 * i))
}

/// Eight bytes, little-endian.
fn word(w: &[u8]) -> u64 {
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(w);
    u64::from_le_bytes(chunk)
}

/// The high bits of a per-byte class gathered into one byte, byte j's at
/// bit j (the products never overlap: no carries).
fn gather(high_bits: u64) -> u64 {
    const GATHER: u64 = 0x0102_0408_1020_4080;
    (high_bits >> 7).wrapping_mul(GATHER) >> 56
}

/// The high bit of each byte of `v` equal to `c`, exact.
fn eq_bits(v: u64, c: u8) -> u64 {
    let y = v ^ (u64::from(c) * ONES);
    !(((y & LOW7) + LOW7) | y) & HIGH
}

/// The high bit of each byte of `v` that is an ASCII letter or the lead
/// byte 0xc3 of é, è, à, ç, ê, É…
pub(super) fn letters(v: u64) -> u64 {
    // ASCII letters: 0x61..=0x7a once 0x20 is set, high bit clear.
    let t = (v | 0x2020_2020_2020_2020) & LOW7;
    let ascii = (t + 0x1f * ONES) & !(t + 0x05 * ONES) & !v & HIGH;
    ascii | eq_bits(v, 0xc3)
}

/// The high bit of each byte of `v` that may end a hyphen: `-`, 0xAD
/// (U+00AD is `C2 AD`) and 0x90, 0x91 (U+2010, U+2011 end in them),
/// also the control bytes 0x10, 0x11 (a superset: the callers check the
/// bytes around). Two compares on the low seven bits: 0xAD is `-` with
/// the high bit set, and 0x90/0x91 differ from 0x10 in bits 0 and 7.
pub(super) fn hyphens(v: u64) -> u64 {
    const LOW7_EVEN: u64 = 0x7e7e_7e7e_7e7e_7e7e;
    let dash = (v & LOW7) ^ (0x2d * ONES);
    let dle = (v & LOW7_EVEN) ^ (0x10 * ONES);
    // A byte of seven bits plus 0x7f reaches the high bit unless it is
    // zero, with no carry out of the byte.
    !((dash + LOW7) & (dle + LOW7)) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every bit `any_block` hands out as fresh, for texts of every length
    /// up to three blocks, against the class applied byte by byte.
    #[test]
    fn fresh_bits_are_the_bytes_of_their_class() {
        let text: Vec<u8> = (0..200u32)
            .map(|i| {
                [b'a', b'-', b' ', 0xc3, 0xa9, 0xAD, b'Z', 0x91, b'.']
                    [(i * 7 % 9) as usize]
            })
            .collect();
        for (class, one) in [
            (
                letters as fn(u64) -> u64,
                (|c: u8| c.is_ascii_alphabetic() || c == 0xc3)
                    as fn(u8) -> bool,
            ),
            // A class that marks zeros: the bytes past a short text
            // must stay unmarked all the same.
            (
                |v| !letters(v) & HIGH,
                |c| !(c.is_ascii_alphabetic() || c == 0xc3),
            ),
            (hyphens, |c| {
                matches!(c, b'-' | 0xAD | 0x10 | 0x11 | 0x90 | 0x91)
            }),
        ] {
            for n in 0..text.len() {
                let b = &text[..n];
                let mut seen = vec![false; n];
                any_block(b, class, |base, mask, fresh| {
                    for i in 0..64 {
                        if fresh >> i & 1 == 1 && base + i < n {
                            assert!(
                                !seen[base + i],
                                "byte {} twice, n {n}",
                                base + i
                            );
                            seen[base + i] = true;
                        }
                        if base + i < n {
                            assert_eq!(
                                mask >> i & 1 == 1,
                                one(b[base + i]),
                                "n {n}, byte {}",
                                base + i
                            );
                        } else {
                            assert_eq!(
                                mask >> i & 1,
                                0,
                                "n {n}: bit {i} past the end"
                            );
                        }
                    }
                    false
                });
                assert!(seen.iter().all(|&s| s), "n {n}: a byte never fresh");
            }
        }
    }
}
