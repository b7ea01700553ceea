//! The prefilter: whether a sentence may be a question at all, read off
//! its bytes before any token is made (a `?`, a verb of asking or
//! knowing).

/// A `?` that is not the doubt marker "(?)" ("il a payé 300 $ (?)").
pub(super) fn has_question_mark(text: &str) -> bool {
    let b = text.as_bytes();
    // memchr's SIMD search: most sentences hold no `?` at all.
    memchr::memchr_iter(b'?', b).any(|i| {
        let doubt = i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')');
        !doubt
    })
}

/// Exact pre-filter for [`super::classify`] in list mode on a sentence
/// without `?`: false when its verdict cannot be
/// [`super::Kind::Direct`]. That verdict
/// needs no final `!` and either an inversion (a hyphen token), a `quel`
/// form (a word containing "quel": quel…, lequel, auquel…) or an
/// `est_ce_que`/`qu_est_ce_que` form, which reads the words "est" and
/// "ce" as adjacent tokens or with a hyphen between.
pub(super) fn may_ask_in_list(text: &str) -> bool {
    has_marker(text, true) && !ends_with_bang(text)
}

/// One pass over `text` for what an inversion or "est-ce que" needs: a
/// character that [`super::tokens::Tokens`] makes a hyphen token (`-`, U+00AD `C2 AD`,
/// U+2010/U+2011 `E2 80 90/91`) or "est", whitespace, "ce" (ASCII case
/// ignored; a superset of the word "est" followed by the word "ce");
/// with `quel`, also "quel" (case ignored) anywhere.
pub(super) fn has_marker(text: &str, quel: bool) -> bool {
    let b = text.as_bytes();
    let at = |i: usize, s: &[u8]| {
        b.get(i..i + s.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    (0..b.len()).any(|i| match b[i] {
        b'-' => true,
        0xC2 => b.get(i + 1) == Some(&0xAD),
        0xE2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0x90 | 0x91])),
        b'q' | b'Q' => quel && at(i + 1, b"uel"),
        b'e' | b'E' if at(i + 1, b"st") => {
            // `i + 3` follows ASCII bytes: a char boundary.
            let rest = text[i + 3..].trim_start_matches(char::is_whitespace);
            let spaced = rest.len() < b.len() - (i + 3);
            spaced
                && rest
                    .as_bytes()
                    .get(..2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"ce"))
        }
        _ => false,
    })
}

/// An exclamation at the end: an imperative list line ("Inscrivez-vous !")
/// is not an inverted question.
pub(super) fn ends_with_bang(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '.')
    })
    .ends_with('!')
}

/// Cheap pre-filter for sentences without `?`: does any word look like a
/// verb that introduces an indirect question (demander, savoir, ignorer,
/// dire, expliquer, comprendre, raconter)? Must accept every word that
/// the lexicon (`lex_word`) gives a trigger flag; may accept more.
///
/// Also run on single tokens (the pipeline caches the answer per token
/// text, [`crate::stem::flag::TRIGGER`]): a sentence passes only if one
/// of its tokens does, since every position it accepts is an ASCII
/// letter inside a token, its word-start test reads only bytes of that
/// token (or sees the token's start), and the word it reads ends inside
/// the token or where the token ends.
///
/// Ordinary prose must go through fast, so the scan has no per-byte
/// branch that depends on the text: every three-byte window is looked up
/// in a bitset of the triggers' first letters (`TRIGRAMS`); the rare
/// hits are checked for a word start and the whole stem.
pub fn has_trigger_word(text: &str) -> bool {
    let b = text.as_bytes();
    let [b0, b1, ..] = *b else {
        return false;
    };
    // The trigram index of b[i..i + 3], rolled along one byte at a time.
    let mut h = trigram_index(0, b0, b1);
    for (k, &c) in b.iter().enumerate().skip(2) {
        h = (h << 5 | usize::from(c & 31)) & ((1 << 15) - 1);
        if TRIGRAMS[h >> 6] >> (h & 63) & 1 != 0 {
            let i = k - 2;
            // "compr…" is found by its "mpr", two bytes in.
            let start = if b[i] | 0x20 == b'm' {
                i.checked_sub(2)
            } else {
                Some(i)
            };
            if let Some(s) = start
                && is_word_start(b, s)
                && is_trigger_prefix(&b[s..])
            {
                return true;
            }
        }
    }
    false
}

/// Five bits per byte: the letter, either case (digits and punctuation
/// alias with letters, which only costs a few extra checks).
const fn trigram_index(a: u8, b: u8, c: u8) -> usize {
    ((a & 31) as usize) << 10 | ((b & 31) as usize) << 5 | (c & 31) as usize
}

/// The first three letters of the trigger stems of [`is_trigger_prefix`]
/// ("mpr" stands for "compr", rarer than "com").
const TRIGRAMS: [u64; 512] = {
    const STEMS: [&[u8; 3]; 13] = [
        b"dem", b"red", b"rac", b"dis", b"dit", b"dir", b"sai", b"sav",
        b"sac", b"sau", b"ign", b"exp", b"mpr",
    ];
    let mut t = [0u64; 512];
    let mut k = 0;
    while k < STEMS.len() {
        let s = STEMS[k];
        let h = trigram_index(s[0], s[1], s[2]);
        t[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    t
};

/// Byte `s` begins a word: the text starts there, or the byte before is
/// ASCII punctuation or space, or ends `’`, NBSP, `«` (UTF-8 `C2 xx` or
/// `E2 80 xx`): "j’ignore" must be seen. Other UTF-8 bytes are letters
/// ("télé|dis…" is no word start).
fn is_word_start(b: &[u8], s: usize) -> bool {
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

/// `rest` starts with an ASCII letter at a word start. Compares the
/// word's first bytes with the triggers' stems ("demand", "sav"…) and, for
/// short words, the whole word ("dis", "su").
fn is_trigger_prefix(rest: &[u8]) -> bool {
    // The word's ASCII head; a UTF-8 letter ends it but not the word.
    let head = rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let ends_word = rest.get(head).is_none_or(|&c| c < 0x80);
    let lower = |i: usize| rest.get(i).map_or(0, u8::to_ascii_lowercase);
    let starts = |p: &[u8]| {
        head >= p.len() && p.iter().enumerate().all(|(i, &c)| lower(i) == c)
    };
    let exact = |p: &[u8]| head == p.len() && ends_word && starts(p);
    match lower(0) {
        b'd' => {
            starts(b"demand")
                || exact(b"dis")
                || exact(b"dites")
                || exact(b"dire")
        }
        b'r' => starts(b"redemand") || starts(b"racont"),
        b's' => {
            exact(b"sais")
                || exact(b"sait")
                || starts(b"sav")
                || starts(b"sach")
                || starts(b"saur")
        }
        b'i' => starts(b"ignor"),
        b'e' => starts(b"expliqu"),
        b'c' => starts(b"compr"),
        _ => false,
    }
}
