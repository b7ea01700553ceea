//! The trigger words, read off a sentence's bytes before any token is
//! made: verbs of asking, knowing, checking, explaining, showing and
//! deciding, and the interrogative words that ask inside a statement
//! ([`has_trigger_word`], one branch-free pass over the word starts), and
//! whether an interrogative word follows such a verb ([`may_embed`]).

use super::classes::*;
use super::lexicon::{LEXICON, lex_folded};

/// Does any word of `text` introduce an indirect or embedded question:
/// a verb of asking, knowing, checking, explaining, showing or deciding
/// (demander, savoir, ignorer, dire, expliquer, comprendre, vérifier,
/// voir, montrer, décider…) or an interrogative word that asks inside a
/// statement (comment, pourquoi, combien, quel, quoi)? Exactly the words
/// that [`lex_word`] gives a trigger flag or such a class.
///
/// Run on single tokens (the pipeline caches the answer per token text,
/// [`crate::stem::flag::TRIGGER`]): a sentence passes only if one of its
/// tokens does, since every word it accepts starts at a word start
/// inside a token, its word-start test reads only bytes of that token
/// (or sees the token's start), and the word it reads ends inside the
/// token or where the token ends.
pub fn has_trigger_word(text: &str) -> bool {
    find_trigger(text.as_bytes(), |_, _, _| true)
}

/// The sentence-level pre-filter of [`classify`] for sentences without
/// `?`: an interrogative word that asks inside a statement ("voici
/// comment", "à quel point", "c’est quoi"), or a trigger verb with an
/// interrogative word (si, où, qui, quand, ce que…) among the six words
/// after it ("je ne sais pas trop si"). A sentence that passes has a
/// word that passes [`has_trigger_word`].
pub(super) fn may_embed(b: &[u8]) -> bool {
    find_trigger(b, |start, end, lex| match lex {
        // "c’est quoi", "c’était quoi"; "de quoi", "quoi que" are no
        // questions.
        Lex::Quoi => {
            let before = &b[..start];
            before.ends_with(b"st ") || before.ends_with(b"ait ")
        }
        Lex::Comment | Lex::Pourquoi | Lex::Combien | Lex::Quel => true,
        _ => interrogative_follows(b, end),
    })
}

/// Calls `found(start, end, lex)` on each trigger word of `b` (see
/// [`has_trigger_word`]) until it returns true.
///
/// Ordinary prose must go through fast: eight bytes at a time, a
/// branch-free mask finds the word starts (an ASCII letter or the lead
/// byte of "é", "à"… after a byte that is neither); the first four
/// letters of each word are hashed into a bitset ([`TRIGGER_KEYS`]) and
/// the rare hits are read whole.
fn find_trigger(
    b: &[u8],
    mut found: impl FnMut(usize, usize, Lex) -> bool,
) -> bool {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut check = |k: usize| {
        let h = key_at(b, k);
        if TRIGGER_KEYS[h >> 6] >> (h & 63) & 1 == 0 || !is_word_start(b, k) {
            return false;
        }
        let (lex, f, end) = read_word(b, k);
        (f & TRIGGER_FLAGS != 0 || is_wh_lex(lex)) && found(k, end, lex)
    };
    let n = b.len();
    let mut i = 0;
    // The high bit of the byte before the chunk, if it was letter-ish.
    let mut before = 0u64;
    while i + 8 <= n {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&b[i..i + 8]);
        let v = u64::from_le_bytes(chunk);
        // ASCII letters: 0x61..=0x7a once 0x20 is set, high bit clear.
        let t = (v | 0x2020_2020_2020_2020) & LOW7;
        let ascii = (t + 0x1f * ONES) & !(t + 0x05 * ONES) & !v & HIGH;
        // The lead byte 0xc3 of é, è, à, ç, ê, É… (exact zero test).
        let y = v ^ (0xc3 * ONES);
        let c3 = !(((y & LOW7) + LOW7) | y) & HIGH;
        let letters = ascii | c3;
        let mut starts = letters & !(letters << 8 | before);
        before = letters >> 56;
        while starts != 0 {
            if check(i + (starts.trailing_zeros() / 8) as usize) {
                return true;
            }
            starts &= starts - 1;
        }
        i += 8;
    }
    let mut was = before != 0;
    while i < n {
        let c = b[i];
        let is = c.is_ascii_alphabetic() || c == 0xc3;
        if is && !was && check(i) {
            return true;
        }
        was = is;
        i += 1;
    }
    false
}

/// Five bits a byte for [`TRIGGER_KEYS`]: an ASCII letter in either
/// case → 1…26, the lead byte 0xc3 → 27, a continuation byte → its low
/// five bits (so that "é" and "É" agree), anything else → 0.
const KEY_OF: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() {
            (b | 0x20) & 31
        } else if b == 0xc3 {
            27
        } else if b >= 0x80 && b < 0xc0 {
            b & 31
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Bits of the [`TRIGGER_KEYS`] index.
const KEY_BITS: u32 = 15;

/// The bitset index of four key bytes. A word shorter than four bytes
/// keys on the byte after it, which is no letter (key 0): in text, a
/// letter would lengthen the word, and the lead bytes of "’", "…", NBSP,
/// "«" (0xe2, 0xc2) key to 0 as well.
const fn key_hash(c: [u8; 4]) -> usize {
    let v = (c[0] as u32) << 15
        | (c[1] as u32) << 10
        | (c[2] as u32) << 5
        | c[3] as u32;
    (v.wrapping_mul(0x9e37_79b1) >> (32 - KEY_BITS)) as usize
}

/// The key of the four bytes at `k` (fewer at the end of the text).
fn key_at(b: &[u8], k: usize) -> usize {
    let at = |j: usize| b.get(j).map_or(0, |&c| KEY_OF[usize::from(c)]);
    key_hash([at(k), at(k + 1), at(k + 2), at(k + 3)])
}

/// The key of the first four bytes of the word `w`, padded with 0.
const fn key_of(w: &[u8]) -> usize {
    let mut c = [0u8; 4];
    let mut i = 0;
    while i < 4 && i < w.len() {
        c[i] = KEY_OF[w[i] as usize];
        i += 1;
    }
    key_hash(c)
}

/// The flags that make a word a trigger of [`has_trigger_word`].
const TRIGGER_FLAGS: u64 = F_T_ASK | F_T_SAY | F_T_UND | F_T_IMP;

/// Interrogative words that ask inside a statement ("voici comment",
/// "c’est quoi ce bruit"); "lequel" only asks after a trigger verb.
const fn is_wh_lex(lex: Lex) -> bool {
    matches!(
        lex,
        Lex::Comment | Lex::Pourquoi | Lex::Combien | Lex::Quel | Lex::Quoi
    )
}

/// The first four letters of the stems that [`open_class`] gives a
/// trigger flag (the stems of three letters, "jug", with each fourth
/// letter their verbs have).
const TRIGGER_STEMS: [&str; 28] = [
    "dema", "rede", "déci", "deci", "déte", "dete", "déco", "deco", "devi",
    "raco", "rega", "igno", "inte", "indi", "expl", "exam", "eval", "éval",
    "comp", "véri", "veri", "mont", "mesu", "test", "juge", "jugé", "jugi",
    "préc",
];

/// Bitset over the hashed keys of the first four bytes of every
/// trigger: the words of [`LEXICON`] with a trigger flag or an
/// interrogative class, and [`TRIGGER_STEMS`].
const TRIGGER_KEYS: [u64; 1 << (KEY_BITS - 6)] = {
    let mut t = [0u64; 1 << (KEY_BITS - 6)];
    let mut k = 0;
    while k < LEXICON.len() {
        let (w, lex, f) = LEXICON[k];
        let w = w.as_bytes();
        if f & TRIGGER_FLAGS != 0 || is_wh_lex(lex) {
            let h = key_of(w);
            t[h >> 6] |= 1 << (h & 63);
        }
        k += 1;
    }
    let mut k = 0;
    while k < TRIGGER_STEMS.len() {
        let h = key_of(TRIGGER_STEMS[k].as_bytes());
        t[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    t
};

/// Reads the word at `k` (ASCII letters and two-byte Latin letters),
/// folds it and looks it up: its class, flags and end.
#[inline(never)]
fn read_word(b: &[u8], k: usize) -> (Lex, u64, usize) {
    let mut buf = [0u8; 48];
    let mut n = 0;
    let mut j = k;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_alphabetic() {
            if n == buf.len() {
                return (Lex::Other, 0, j);
            }
            buf[n] = c | 0x20;
            n += 1;
            j += 1;
        } else if matches!(c, 0xc3 | 0xc5)
            && b.get(j + 1).is_some_and(|d| (0x80..0xc0).contains(d))
        {
            if n + 2 > buf.len() {
                return (Lex::Other, 0, j);
            }
            buf[n] = c;
            buf[n + 1] = fold_second(c, b[j + 1]);
            n += 2;
            j += 2;
        } else {
            break;
        }
    }
    let (lex, f) = lex_folded(&buf[..n]);
    (lex, f, j)
}

/// The second byte of a two-byte Latin letter in lower case: À…Þ (but
/// ×) → à…þ, Œ → œ.
const fn fold_second(lead: u8, c: u8) -> u8 {
    match (lead, c) {
        (0xc3, 0x80..=0x9e) if c != 0x97 => c + 0x20,
        (0xc5, 0x92) => 0x93,
        _ => c,
    }
}

/// After a trigger verb ending at `end`, one of the next six words opens
/// an interrogative clause: si, s’(il), où, qui, quand, ce que/qui,
/// comment, pourquoi, combien, quel…, lequel…, quoi, est(-ce), qu’(est-ce),
/// que + infinitive ("je ne sais que faire").
fn interrogative_follows(b: &[u8], end: usize) -> bool {
    let mut j = end;
    let mut words = 0;
    while words < 6 {
        // 0xE2 leads punctuation (’ … – «), never a letter: skipping it
        // here keeps "sais …" and "sais l’heure" moving.
        while j < b.len()
            && !(b[j].is_ascii_alphabetic() || (b[j] >= 0xc0 && b[j] != 0xe2))
        {
            if matches!(b[j], b'.' | b'!' | b'?' | b';') {
                return false;
            }
            j += 1;
        }
        if j >= b.len() {
            return false;
        }
        let start = j;
        while j < b.len() && (b[j].is_ascii_alphabetic() || b[j] >= 0x80) {
            // An apostrophe (’, E2 80 99) ends "s’", "qu’".
            if b[j] == 0xe2 {
                break;
            }
            j += 1;
        }
        let w = &b[start..j];
        let is = |s: &[u8]| w.eq_ignore_ascii_case(s);
        let next_word = |from: usize| {
            let rest = &b[from..];
            let skip = rest
                .iter()
                .position(|c| {
                    c.is_ascii_alphabetic() || (*c >= 0xc0 && *c != 0xe2)
                })
                .unwrap_or(rest.len());
            let rest = &rest[skip..];
            let len = rest
                .iter()
                .position(|c| !(c.is_ascii_alphabetic() || *c >= 0x80))
                .unwrap_or(rest.len());
            &rest[..len]
        };
        // "qui", "quand" are mostly relatives or time clauses further
        // on: only right after the verb and its pronoun.
        let near = words < 2;
        let opens = is(b"si")
            || is(b"s")
            || is("où".as_bytes())
            || is("oÙ".as_bytes())
            || (near && is(b"qui"))
            || (near && is(b"quand"))
            || is(b"comment")
            || is(b"pourquoi")
            || is(b"combien")
            || is(b"quoi")
            || is(b"est")
            || is(b"qu")
            || (w.len() >= 4 && w[..4].eq_ignore_ascii_case(b"quel"))
            || w.len() >= 6 && w[w.len() - 4..].eq_ignore_ascii_case(b"quel")
            || w.len() >= 7 && w[w.len() - 5..].eq_ignore_ascii_case(b"quels")
            || w.len() >= 8
                && w[w.len() - 6..].eq_ignore_ascii_case(b"quelle")
            || w.len() >= 9
                && w[w.len() - 7..].eq_ignore_ascii_case(b"quelles")
            || (is(b"ce") && {
                let n = next_word(j);
                n.eq_ignore_ascii_case(b"que")
                    || n.eq_ignore_ascii_case(b"qui")
                    || n.eq_ignore_ascii_case(b"qu")
            })
            || (is(b"que") && {
                let n = next_word(j);
                n.len() >= 4
                    && matches!(
                        [n[n.len() - 2] | 0x20, n[n.len() - 1] | 0x20],
                        [b'e' | b'i', b'r'] | [b'r', b'e']
                    )
            });
        if opens {
            return true;
        }
        // An elided "d’", "l’" is no word of its own.
        if w.len() > 1 {
            words += 1;
        }
    }
    false
}

/// Byte `s` begins a word: the text starts there, or the byte before is
/// ASCII punctuation or space, or ends `’`, NBSP, `«` (UTF-8 `C2 xx` or
/// `E2 80 xx`): "j’ignore" must be seen. Other UTF-8 bytes are letters
/// ("télé|dis…" is no word start).
pub(super) fn is_word_start(b: &[u8], s: usize) -> bool {
    let Some(&p) = s.checked_sub(1).and_then(|i| b.get(i)) else {
        return true;
    };
    if p < 0x80 {
        return !p.is_ascii_alphanumeric();
    }
    p < 0xC0
        && (b.get(s.wrapping_sub(2)) == Some(&0xC2)
            || (b.get(s.wrapping_sub(2)) == Some(&0x80)
                && b.get(s.wrapping_sub(3)) == Some(&0xE2)))
}
