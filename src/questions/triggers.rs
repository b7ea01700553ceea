//! The trigger words, read off a sentence's bytes before any token is
//! made: verbs of asking, knowing, checking, explaining, showing and
//! deciding, and the interrogative words that ask inside a statement
//! ([`has_trigger_word`], one branch-free pass over the word starts), and
//! whether an interrogative word follows such a verb ([`may_embed`]).

use super::blocks;
use super::classes::*;
use super::lexicon::{LEXICON, lex_folded};

/// Does any word of `text` introduce an indirect or embedded question:
/// a verb of asking, knowing, checking, explaining, showing or deciding
/// (demander, savoir, ignorer, dire, expliquer, comprendre, vérifier,
/// voir, montrer, décider…) or an interrogative word that asks inside a
/// statement (comment, pourquoi, combien, quel, quoi)? Exactly the words
/// that `lex_word` gives a trigger flag or such a class.
///
/// Run on single tokens (the pipeline caches the answer per token text,
/// [`crate::stem::flag::TRIGGER`]): a sentence passes only if one of its
/// tokens does, since every word it accepts starts at a word start
/// inside a token, its word-start test reads only bytes of that token
/// (or sees the token's start), and the word it reads ends inside the
/// token or where the token ends.
pub fn has_trigger_word(text: &str) -> bool {
    find_trigger(text.as_bytes(), |_, _, _, _| true)
}

/// The sentence-level pre-filter of [`classify`] for sentences without
/// `?`: an interrogative word that asks inside a statement ("voici
/// comment", "à quel point", "c’est quoi"), or a trigger verb with an
/// interrogative word (si, où, qui, quand, ce que…) among the six words
/// after it ("je ne sais pas trop si"). A sentence that passes has a
/// word that passes [`has_trigger_word`].
pub(super) fn may_embed(b: &[u8]) -> bool {
    find_trigger(b, |start, end, lex, f| match lex {
        // "c’est quoi", "c’était quoi"; "de quoi", "quoi que" are no
        // questions.
        Lex::Quoi => {
            let before = &b[..start];
            before.ends_with(b"st ") || before.ends_with(b"ait ")
        }
        // Not "c’est pourquoi", "n’importe comment", "n’importe quel",
        // "quel que soit", which no rule reads as a question (the rules
        // look at the adjacent tokens; so does this, after one space).
        Lex::Pourquoi => !after_cest(b, start),
        Lex::Comment => !word_before(b, start, b"importe"),
        Lex::Quel => {
            !word_before(b, start, b"importe")
                && !word_before(b, start, b"tel")
                && !word_before(b, start, b"telle")
                && !word_before(b, start, b"tels")
                && !word_before(b, start, b"telles")
                && !que_after(b, end)
        }
        Lex::Combien => true,
        _ => interrogative_follows(b, end, Level::of(f)),
    })
}

/// The word ending one space before `start` is `w` (ASCII case ignored).
fn word_before(b: &[u8], start: usize, w: &[u8]) -> bool {
    let Some(before) = start.checked_sub(1).map(|s| &b[..s]) else {
        return false;
    };
    b[start - 1] == b' '
        && before.len() >= w.len()
        && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
        && before
            .len()
            .checked_sub(w.len() + 1)
            .is_none_or(|p| !before[p].is_ascii_alphanumeric())
}

/// "c’est " or "c'est " (either case) ends right before `start`.
fn after_cest(b: &[u8], start: usize) -> bool {
    if !word_before(b, start, b"est") {
        return false;
    }
    let c = &b[..start - 4];
    let elided = |apos: &[u8]| {
        c.len() > apos.len()
            && c.ends_with(apos)
            && c[c.len() - apos.len() - 1] | 0x20 == b'c'
            && (c.len() == apos.len() + 1
                || !c[c.len() - apos.len() - 2].is_ascii_alphanumeric())
    };
    elided(b"'") || elided("’".as_bytes())
}

/// One space after `end`, the word "que" or an elided "qu’"/"qu'": "quel
/// que soit", "quelle qu’en soit la cause".
fn que_after(b: &[u8], end: usize) -> bool {
    let rest = &b[end.min(b.len())..];
    let Some(rest) = rest.strip_prefix(b" ") else {
        return false;
    };
    let qu = rest.len() >= 2 && rest[..2].eq_ignore_ascii_case(b"qu");
    qu && match rest.get(2) {
        Some(b'e' | b'E') => rest
            .get(3)
            .is_none_or(|c| !c.is_ascii_alphanumeric() && *c < 0x80),
        Some(b'\'') => true,
        Some(0xe2) => rest.get(3..5) == Some(&[0x80, 0x99]),
        _ => false,
    }
}

/// Calls `found(start, end, lex, flags)` on each trigger word of `b` (see
/// [`has_trigger_word`]) until it returns true.
///
/// Ordinary prose must go through fast: 64 bytes at a time, branch-free
/// masks ([`blocks::letters`]) find the word starts (an ASCII letter or the
/// lead byte of "é", "à"… after a byte that is neither); the first four
/// letters of each word are hashed into a bitset ([`TRIGGER_KEYS`]) and
/// the rare hits are read whole. Walking the starts of a whole block
/// leaves one hard-to-predict loop exit per 64 bytes instead of one per
/// eight.
fn find_trigger(
    b: &[u8],
    mut found: impl FnMut(usize, usize, Lex, u64) -> bool,
) -> bool {
    // The bitset test inline, branch-free on its bytes; the rare hits
    // out of line.
    let mut check = |k: usize| {
        let h = match b.get(k..k + 4) {
            Some(&[c0, c1, c2, c3]) => key_hash([
                KEY_OF[usize::from(c0)],
                KEY_OF[usize::from(c1)],
                KEY_OF[usize::from(c2)],
                KEY_OF[usize::from(c3)],
            ]),
            _ => key_at(b, k),
        };
        TRIGGER_KEYS[h >> 6] >> (h & 63) & 1 != 0 && confirm(b, k, &mut found)
    };
    // Bit 63 of the previous block's letters: a word running on.
    let mut before = 0u64;
    blocks::any_block(b, blocks::letters, |base, letters, fresh| {
        let mut starts = letters & !(letters << 1 | before) & fresh;
        before = letters >> 63;
        while starts != 0 {
            if check(base + starts.trailing_zeros() as usize) {
                return true;
            }
            starts &= starts - 1;
        }
        false
    })
}

/// The word at `k`, whose key is in [`TRIGGER_KEYS`], is a trigger
/// word starting there and `found` accepts it.
#[inline(never)]
fn confirm(
    b: &[u8],
    k: usize,
    found: &mut impl FnMut(usize, usize, Lex, u64) -> bool,
) -> bool {
    if !is_word_start(b, k) {
        return false;
    }
    // Most hits are words that share four letters with a trigger ("pour",
    // "comme", "quelque", "compte"): six letters tell them apart, unless
    // the four are those of a shorter stem.
    let h = key_at(b, k);
    let s = key6(&b[k..]);
    if SHORT_STEM_KEYS[h >> 6] >> (h & 63) & 1 == 0
        && TRIGGER_KEYS6[s >> 6] >> (s & 63) & 1 == 0
    {
        return false;
    }
    let (lex, f, end) = read_word(b, k);
    (f & TRIGGER_FLAGS != 0 || is_wh_lex(lex)) && found(k, end, lex, f)
}

/// Five bits a byte for [`TRIGGER_KEYS`]: an ASCII letter in either
/// case → 1…26, the lead byte 0xc3 → 27, a continuation byte → its low
/// five bits (so that "é" and "É" agree), anything else → 0.
pub(super) const KEY_OF: [u8; 256] = {
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
pub(super) const KEY_BITS: u32 = 15;

/// The bitset index of four key bytes. A word shorter than four bytes
/// keys on the byte after it, which is no letter (key 0): in text, a
/// letter would lengthen the word, and the lead bytes of "’", "…", NBSP,
/// "«" (0xe2, 0xc2) key to 0 as well.
pub(super) const fn key_hash(c: [u8; 4]) -> usize {
    let v = (c[0] as u32) << 15
        | (c[1] as u32) << 10
        | (c[2] as u32) << 5
        | c[3] as u32;
    (v.wrapping_mul(0x9e37_79b1) >> (32 - KEY_BITS)) as usize
}

/// The key of the four bytes at `k` (fewer at the end of the text).
pub(super) fn key_at(b: &[u8], k: usize) -> usize {
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
const TRIGGER_STEMS: [&str; 29] = [
    "dema", "rede", "déci", "deci", "déte", "dete", "déco", "deco", "devi",
    "raco", "rega", "igno", "inte", "indi", "expl", "exam", "eval", "éval",
    "comp", "véri", "veri", "mont", "mesu", "test", "juge", "jugé", "jugi",
    "préc", "prec",
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

/// The bitset index of the first six bytes of the word `w` (its
/// [`KEY_OF`]s up to the first 0, the end of the word), for
/// [`TRIGGER_KEYS6`].
const fn key6(w: &[u8]) -> usize {
    let mut v = 0u64;
    let mut i = 0;
    while i < 6 && i < w.len() {
        let c = KEY_OF[w[i] as usize] as u64;
        if c == 0 {
            break;
        }
        v |= c << (5 * i);
        i += 1;
    }
    (v.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - KEY_BITS)) as usize
}

/// The stems of [`open_class`] that give a trigger flag, six bytes or
/// less of each (as many as the stem has).
const TRIGGER_STEMS6: [&str; 20] = [
    "demand", "redema", "décid", "déter", "determ", "décou", "decouv",
    "racont", "regard", "interr", "indiqu", "expliq", "examin", "évalu",
    "compre", "compri", "vérif", "verifi", "préci", "precis",
];

/// The stems of [`open_class`] shorter than six bytes ("jug", "test",
/// "devin", "decid", "montr", "mesur", "ignor", "evalu"), by the first
/// four bytes of their words, as in [`TRIGGER_STEMS`]: their words skip
/// the six-byte test.
const SHORT_STEMS: [&str; 10] = [
    "juge", "jugé", "jugi", "test", "devi", "deci", "mont", "mesu", "igno",
    "eval",
];

/// Bitset over [`key6`] of every trigger word of [`LEXICON`] and of
/// [`TRIGGER_STEMS6`].
const TRIGGER_KEYS6: [u64; 1 << (KEY_BITS - 6)] = {
    let mut t = [0u64; 1 << (KEY_BITS - 6)];
    let mut k = 0;
    while k < LEXICON.len() {
        let (w, lex, f) = LEXICON[k];
        if f & TRIGGER_FLAGS != 0 || is_wh_lex(lex) {
            let h = key6(w.as_bytes());
            t[h >> 6] |= 1 << (h & 63);
        }
        k += 1;
    }
    let mut k = 0;
    while k < TRIGGER_STEMS6.len() {
        let h = key6(TRIGGER_STEMS6[k].as_bytes());
        t[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    t
};

/// Bitset over the four-byte keys of [`SHORT_STEMS`].
const SHORT_STEM_KEYS: [u64; 1 << (KEY_BITS - 6)] = {
    let mut t = [0u64; 1 << (KEY_BITS - 6)];
    let mut k = 0;
    while k < SHORT_STEMS.len() {
        let h = key_of(SHORT_STEMS[k].as_bytes());
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

/// What a trigger verb may govern, as the rules' `Trig` levels, from its
/// flags: a verb of asking or an imperative ("dites-moi") every
/// interrogative; a verb of saying, explaining, seeing also "si" and
/// "qui"; "comprendre" neither.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Understand,
    Say,
    Ask,
}

impl Level {
    fn of(f: u64) -> Level {
        if f & (F_T_ASK | F_T_IMP) != 0 {
            Level::Ask
        } else if f & F_T_SAY != 0 {
            Level::Say
        } else {
            Level::Understand
        }
    }
}

/// After a trigger verb ending at `end`, one of the next six words opens
/// an interrogative clause the verb's `level` may govern: si, s’(il),
/// où, qui, quand, ce que/qui, comment, pourquoi, combien, quel…,
/// lequel…, quoi, est(-ce), qu’(est-ce), que + infinitive ("je ne sais
/// que faire").
fn interrogative_follows(b: &[u8], end: usize, level: Level) -> bool {
    let ask = level == Level::Ask;
    let say = level >= Level::Say;
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
        // The word after byte `from`, and where it ends.
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
                .position(|c| {
                    !(c.is_ascii_alphabetic() || *c >= 0x80) || *c == 0xe2
                })
                .unwrap_or(rest.len());
            (&rest[..len], from + skip + len)
        };
        // "qui", "quand" are mostly relatives or time clauses further
        // on: only right after the verb and its pronoun.
        let near = words < 2;
        let next_is = |s: &[u8]| next_word(j).0.eq_ignore_ascii_case(s);
        // As the rules read them: "s’" only in "s’il(s)", "est" and "qu’"
        // only in "est-ce", "qu’est-ce"; "quel…" not in "quelque(s)",
        // nor "quel que soit".
        let opens = (say && is(b"si"))
            || (say && is(b"s") && (next_is(b"il") || next_is(b"ils")))
            || is("où".as_bytes())
            || is("oÙ".as_bytes())
            || (near && say && is(b"qui"))
            || (near && ask && is(b"quand"))
            || is(b"comment")
            || is(b"pourquoi")
            || is(b"combien")
            || is(b"quoi")
            || (ask && is(b"est") && next_is(b"ce"))
            || (is(b"qu") && next_is(b"est"))
            || ((is(b"quel")
                || is(b"quels")
                || is(b"quelle")
                || is(b"quelles"))
                && !que_after(b, j))
            || w.len() >= 6 && w[w.len() - 4..].eq_ignore_ascii_case(b"quel")
            || w.len() >= 7 && w[w.len() - 5..].eq_ignore_ascii_case(b"quels")
            || w.len() >= 8
                && w[w.len() - 6..].eq_ignore_ascii_case(b"quelle")
            || w.len() >= 9
                && w[w.len() - 7..].eq_ignore_ascii_case(b"quelles")
            // "ce que/qui" under a verb of asking; "ce qu’est X" under
            // any ("expliquer ce qu’est Grunt").
            || (is(b"ce") && {
                let (n, e) = next_word(j);
                let que = n.eq_ignore_ascii_case(b"que")
                    || n.eq_ignore_ascii_case(b"qu");
                (ask && (que || n.eq_ignore_ascii_case(b"qui")))
                    || (que && next_word(e).0.eq_ignore_ascii_case(b"est"))
            })
            || (is(b"que") && {
                let (n, _) = next_word(j);
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
