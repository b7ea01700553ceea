//! Tokens: a sentence (or any slice of the document) → words, elided
//! articles and numbers, each a borrowed slice with its byte offset.
//!
//! Guarantees: every `Token::text` is exactly
//! `&doc[token.start..token.start + token.text.len()]`; tokens come in text
//! order and never overlap; nothing is allocated.
//!
//! French rules, by example:
//! - `"l’homme"` → `["l’", "homme"]`, `"jusqu'ici"` → `["jusqu'", "ici"]`:
//!   the elided part is its own [`TokenKind::Elision`] token (a stopword);
//!   `"aujourd’hui"` and `"presqu’île"` stay whole; so do `"p'tit"` and
//!   `"chronic'art"`, whose first part elides nothing; informal
//!   `"y'a"` → `["y'", "a"]`, as `"l'a"`.
//! - English quoted in French: `"layer's"` → `["layer"]`, `"it's"` →
//!   `["it"]`: a final `'s` (possessive, or `is` contracted) is dropped,
//!   as an elided article is split off, so the word counts as itself
//!   (`"let's"` aside). French has no word ending in apostrophe + `s`.
//! - `"faites-vous"` → `["faites", "vous"]`, `"a-t-il"` → `["a", "il"]`
//!   (euphonic `t` dropped); `"peut-être"`, `"Saint-Laurent"`, `"c.-à-d."`
//!   and `"rendez-vous"` stay whole.
//! - `"175 000 $"` (space, NBSP or narrow NBSP between digit groups) is one
//!   [`TokenKind::Number`] token, currency sign included; so are `"3,5 %"`
//!   and `"1996"`.
//!
//! Words are runs of Unicode alphanumerics (and combining marks), as in
//! UAX #29's word boundaries, which the tests use as the reference. The
//! scanner is hand-written rather than built on `unicode-segmentation`
//! because it is the hottest loop of the pipeline: ASCII bytes are
//! classified with a table lookup, and it makes the elision, hyphen and
//! number decisions in the same single pass instead of re-gluing
//! segments afterwards.

use crate::chars::is_ascii_alnum;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word, possibly a hyphenated compound (`peut-être`).
    Word,
    /// An elided article, pronoun or conjunction, apostrophe included
    /// (`l’`, `qu'`, `jusqu’`).
    Elision,
    /// A number, with its thousands separators, decimals and a trailing
    /// currency or percent sign (`175 000 $`, `3,5 %`).
    Number,
}

/// One token, borrowed from the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text, always `&doc[start..start + text.len()]`.
    pub text: &'a str,
    /// Byte offset of the token in the whole document.
    pub start: usize,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// Byte offset just past the token in the whole document.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Splits `text` (which starts at byte `base` of the document) into
/// tokens, appending them to `out`. `out` is not cleared, so one buffer
/// can be reused for every sentence of a document.
pub fn tokenize_into<'a>(
    text: &'a str,
    base: usize,
    out: &mut Vec<Token<'a>>,
) {
    for_each_token(text, base, |token| out.push(token));
}

/// Splits `text` (which starts at byte `base` of the document) into
/// tokens and hands each to `emit`, in text order: [`tokenize_into`]
/// without the buffer, so that a consumer (the term counter) takes each
/// token as it is found, with its kind known at the call site.
#[inline]
pub fn for_each_token<'a>(
    text: &'a str,
    base: usize,
    mut emit: impl FnMut(Token<'a>),
) {
    let emit = &mut emit;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !is_ascii_alnum(b) {
                i += 1;
                continue;
            }
        } else {
            let (word, len) = non_ascii_word_char(text, i);
            if !word {
                i += len;
                continue;
            }
        }
        i = scan_run(text, i, base, emit);
    }
}

/// Offset past the word characters starting at `i`. ASCII letters and
/// digits, most of them, take a tight table loop.
#[inline]
fn skip_word_chars(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        i = skip_ascii_alnum(bytes, i);
        if i < bytes.len() && bytes[i] >= 0x80 {
            let (word, len) = non_ascii_word_char(text, i);
            if word {
                i += len;
                continue;
            }
        }
        return i;
    }
}

/// The tokens of `text` (which starts at byte `base` of the document).
///
/// Convenience over [`tokenize_into`] for tests and one-off uses; the
/// pipeline reuses one buffer instead.
pub fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokenize_into(text, base, &mut out);
    out
}

/// Offset of the first byte at or after `i` that is not an ASCII letter
/// or digit. Eight bytes at a time (SWAR range checks on a `u64`), so a
/// word costs one or two steps instead of a branch per letter.
#[inline]
fn skip_ascii_alnum(bytes: &[u8], mut i: usize) -> usize {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // Per byte, on its low 7 bits (no carry leaves a byte): bit 7 of
        // b + (0x80 - lo) says b >= lo, of b + (0x7F - hi) says b > hi.
        let b = x & !H;
        let digit = (b + L * (0x80 - 0x30)) & !(b + L * (0x7F - 0x39));
        let lower = b | (L * 0x20); // 'A'..='Z' → 'a'..='z'
        let letter =
            (lower + L * (0x80 - 0x61)) & !(lower + L * (0x7F - 0x7A));
        // Bytes >= 0x80 are no ASCII letters, whatever their low bits.
        let other = (!(digit | letter) & H) | (x & H);
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && is_ascii_alnum(bytes[i]) {
        i += 1;
    }
    i
}

/// Whether the non-ASCII character at byte `i` of `text` is a word
/// character ([`is_word_char`]), and its length in bytes. The usual
/// French cases are read off the UTF-8 bytes: Latin-1 letters (`C3 xx`,
/// but `×` and `÷`), Latin Extended-A (`C4 xx`, `C5 xx`) and General
/// Punctuation (`E2 80 xx`: `’`, `…`, dashes, narrow NBSP), none of
/// which is alphanumeric; the rest goes through [`is_word_char`].
/// The fast cases are inlined into the scanning loops, the rest is a
/// call.
#[inline(always)]
fn non_ascii_word_char(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    match bytes[i] {
        0xC3 => {
            let b1 = bytes[i + 1];
            (b1 != 0x97 && b1 != 0xB7, 2)
        }
        0xC4 | 0xC5 => (true, 2),
        0xE2 if bytes[i + 1] == 0x80 => (false, 3),
        _ => other_word_char(text, i),
    }
}

/// [`non_ascii_word_char`] beyond its byte-level cases.
#[inline(never)]
fn other_word_char(text: &str, i: usize) -> (bool, usize) {
    let c = char_at(text, i);
    (is_word_char(c), c.len_utf8())
}

/// The byte length of the joiner (apostrophe or hyphen) at byte `i` of
/// `text`, 0 if there is none: `-`, `‐` (E2 80 90), `‑` (E2 80 91), and
/// the apostrophes of [`apostrophe_len`].
#[inline]
fn joiner_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'-' => 1,
        0xE2 if bytes[i + 1] == 0x80
            && matches!(bytes[i + 2], 0x90 | 0x91) =>
        {
            3
        }
        _ => apostrophe_len(bytes, i),
    }
}

/// The byte length of the apostrophe at byte `i` of `text`, 0 if there
/// is none. Besides `'` and `’` (E2 80 99), the characters keyboards and
/// converters put in its place: `ʼ` (CA BC, the modifier letter),
/// `‘` (E2 80 98), `′` (E2 80 B2, the prime), `´` (C2 B4, the acute
/// accent) and the backtick: `"lʼhomme"`, `"l´homme"` and `"l`homme"`
/// elide like `"l’homme"`. See: #22
#[inline]
fn apostrophe_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'\'' | b'`' => 1,
        0xE2 if bytes[i + 1] == 0x80
            && matches!(bytes[i + 2], 0x99 | 0x98 | 0xB2) =>
        {
            3
        }
        0xCA if bytes[i + 1] == 0xBC => 2,
        0xC2 if bytes[i + 1] == 0xB4 => 2,
        _ => 0,
    }
}

fn is_word_char(c: char) -> bool {
    // Latin-1 and Latin Extended-A letters (é, à, ç, œ…) are most of the
    // non-ASCII letters of French: answer without the Unicode tables.
    match c {
        'À'..='ÿ' => c != '×' && c != '÷',
        'Ā'..='ſ' => true,
        // A modifier letter for Unicode, an apostrophe in French text.
        'ʼ' => false,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Combining marks survive NFC when no precomposed letter exists; they
/// belong to the word they follow.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn char_at(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .expect("i is a char boundary inside text")
}

/// The apostrophes [`apostrophe_len`] reads as bytes (for the tests'
/// reference tokenizer).
#[cfg(test)]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '′' | '´' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Spaces that may separate groups of thousands: space, NBSP, narrow NBSP,
/// thin space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
}

/// Scans one run of word characters glued by apostrophes, hyphens or
/// in-number punctuation, starting at `start`; pushes its tokens and
/// returns the offset just past it. Always inlined: it is the body of
/// the token loop, and leaving it to the inliner makes its cost depend
/// on which codegen unit the caller lands in.
#[inline(always)]
fn scan_run<'a>(
    text: &'a str,
    start: usize,
    base: usize,
    emit: &mut impl FnMut(Token<'a>),
) -> usize {
    if text.as_bytes()[start].is_ascii_digit()
        && let Some(end) = scan_number(text, start)
    {
        emit(Token {
            text: &text[start..end],
            start: base + start,
            kind: TokenKind::Number,
        });
        return end;
    }
    let first = text.as_bytes()[start];
    if let Some(end) = (first | 0x20 == b'c'
        && text.as_bytes().get(start + 1) == Some(&b'.'))
    .then(|| match_c_a_d(text, start))
    .flatten()
    {
        emit(Token {
            text: &text[start..end],
            start: base + start,
            kind: TokenKind::Word,
        });
        return end;
    }
    let (end, joined) = scan_word_run(text, start);
    if joined {
        split_run(text, start, end, base, emit);
    } else {
        push_word(text, start, end, base, emit);
    }
    end
}

/// End of a run of word characters joined by single apostrophes or
/// hyphens (each followed by a word character), and whether it holds such
/// a joiner (most words do not, and need no further look).
fn scan_word_run(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut joined = false;
    loop {
        // A stretch of word characters.
        i = skip_word_chars(text, i);
        // A joiner followed by a word character continues the run.
        if i >= bytes.len() {
            return (i, joined);
        }
        let joiner = joiner_len(bytes, i);
        if joiner == 0 {
            return (i, joined);
        }
        let after = i + joiner;
        let next_is_word = after < bytes.len()
            && if bytes[after] < 0x80 {
                is_ascii_alnum(bytes[after])
            } else {
                non_ascii_word_char(text, after).0
            };
        if !next_is_word {
            return (i, joined);
        }
        i = after;
        joined = true;
    }
}

/// `c.-à-d.` ("c'est-à-dire") is one token, final dot included.
fn match_c_a_d(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let pat = "c.-à-d.";
    if rest.len() >= pat.len()
        && rest.is_char_boundary(pat.len())
        && rest[..pat.len()].eq_ignore_ascii_case(pat)
    {
        // "À" upper-case is not matched by eq_ignore_ascii_case; fine for
        // the usual spelling.
        Some(start + pat.len())
    } else {
        None
    }
}

/// Words that elide their vowel before another word, as they are written
/// before the apostrophe (ASCII lower case). Besides the standard ones,
/// two of informal writing: `y'` (`il y'a`, `ça y'est`, `y'en a`: `y`
/// written as if elided before a vowel) and `q'` (`q'un`, `qu'`
/// without its `u`).
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
    "quoiqu", "y", "q",
];

/// Pronouns that follow the verb in an inversion or an imperative
/// (`faites-vous`, `a-t-il`, `est-ce`, `dites-moi`, `allez-y`).
const INVERTED: &[&str] = &[
    "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce",
    "moi", "toi", "le", "la", "les", "lui", "leur", "en", "y",
];

/// Hyphenated nouns whose last part looks like a pronoun.
const WHOLE_COMPOUNDS: &[&str] = &["rendez-vous"];

/// Splits a run `text[start..end]` into elision, inversion and compound
/// tokens.
fn split_run<'a>(
    text: &'a str,
    mut start: usize,
    end: usize,
    base: usize,
    emit: &mut impl FnMut(Token<'a>),
) {
    // Elisions at the front, possibly several: "qu’aujourd’hui" →
    // "qu’" + "aujourd’hui"; "s’il" → "s’" + "il".
    loop {
        let run = &text[start..end];
        let Some((prefix_len, apos_len)) = elision_prefix(run) else {
            break;
        };
        let cut = start + prefix_len + apos_len;
        emit(Token {
            text: &text[start..cut],
            start: base + start,
            kind: TokenKind::Elision,
        });
        start = cut;
    }
    let end = end - english_s_len(&text[start..end]);
    let run = &text[start..end];
    if !run.bytes().any(|b| b == b'-' || b == 0xE2) {
        push_word(text, start, end, base, emit);
        return;
    }
    split_inversion(text, start, end, base, emit);
}

/// The byte length of a final apostrophe + `s` of `run` (`layer's`,
/// `it’s`), 0 if none or if nothing comes before it. `let's` stays
/// whole: its head is a verb, not a function word as `it`, `that` or
/// `here` are, so only the whole form is an English stopword
/// (`stopwords/en.txt`), and `let` alone is JavaScript's keyword.
fn english_s_len(run: &str) -> usize {
    let bytes = run.as_bytes();
    let Some((&last, head)) = bytes.split_last() else {
        return 0;
    };
    if last | 0x20 != b's' {
        return 0;
    }
    // Apostrophes are 1 to 3 bytes long; each starts with a lead byte,
    // so a match is on a char boundary.
    (1..=3)
        .find(|&n| {
            head.len() > n && apostrophe_len(bytes, head.len() - n) == n
        })
        .filter(|&n| !run[..head.len() - n].eq_ignore_ascii_case("let"))
        .map_or(0, |n| n + 1)
}

/// If `run` starts with an elided word and an apostrophe followed by more
/// letters, the byte lengths of the word and of the apostrophe.
fn elision_prefix(run: &str) -> Option<(usize, usize)> {
    // Elided words are ASCII letters, 6 at most ("puisqu", "quoiqu",
    // "lorsqu"), so the apostrophe must be the first byte that is not
    // one, among the first 7.
    let bytes = run.as_bytes();
    let pos = bytes
        .iter()
        .take(7)
        .position(|b| !b.is_ascii_alphabetic())?;
    let apos = match apostrophe_len(bytes, pos) {
        0 => return None,
        n => n,
    };
    if pos + apos >= run.len() {
        return None;
    }
    let word = &run[..pos];
    ELIDED
        .iter()
        .any(|e| e.eq_ignore_ascii_case(word))
        .then_some((pos, apos))
}

/// Splits trailing inverted pronouns off a hyphenated run:
/// "faites-vous" → "faites", "vous"; "a-t-il" → "a", "il";
/// "dites-le-moi" → "dites", "le", "moi". Anything else stays whole.
fn split_inversion<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    base: usize,
    emit: &mut impl FnMut(Token<'a>),
) {
    let run = &text[start..end];
    if WHOLE_COMPOUNDS.iter().any(|w| w.eq_ignore_ascii_case(run)) {
        push_word(text, start, end, base, emit);
        return;
    }
    // Find where the trailing pronoun parts begin, scanning back over
    // hyphens. At most three trailing parts ("dites-le-moi", "a-t-il").
    let mut head_end = end; // end of the part kept whole
    let mut tails: [(usize, usize); 3] = [(0, 0); 3];
    let mut n_tails = 0;
    let mut cursor = end;
    while n_tails < 3 {
        let Some((hyphen_pos, hyphen_len)) = last_hyphen(&text[start..cursor])
        else {
            break;
        };
        let part_start = start + hyphen_pos + hyphen_len;
        let part = &text[part_start..cursor];
        let is_pronoun = INVERTED.iter().any(|p| p.eq_ignore_ascii_case(part));
        let is_euphonic_t = part.eq_ignore_ascii_case("t") && n_tails > 0;
        if !(is_pronoun || is_euphonic_t) {
            break;
        }
        if !is_euphonic_t {
            tails[n_tails] = (part_start, cursor);
            n_tails += 1;
        }
        head_end = start + hyphen_pos;
        cursor = head_end;
    }
    if n_tails == 0 || head_end == start {
        push_word(text, start, end, base, emit);
        return;
    }
    push_word(text, start, head_end, base, emit);
    for &(s, e) in tails[..n_tails].iter().rev() {
        push_word(text, s, e, base, emit);
    }
}

fn last_hyphen(s: &str) -> Option<(usize, usize)> {
    s.char_indices()
        .rev()
        .find(|&(_, c)| is_hyphen(c))
        .map(|(i, c)| (i, c.len_utf8()))
}

fn push_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    base: usize,
    emit: &mut impl FnMut(Token<'a>),
) {
    if start < end {
        emit(Token {
            text: &text[start..end],
            start: base + start,
            kind: TokenKind::Word,
        });
    }
}

/// A number starting at `start` (an ASCII digit): digit groups separated
/// by spaces when the later groups have exactly three digits
/// (`175 000`), decimals with `,` or `.`, and a trailing `$ € £ %`
/// (after an optional space). `None` when the run continues with letters
/// (`2e`, `10h30`, `mp3`): that is a word.
fn scan_number(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits_end = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits_end(start);
    let first_group = i - start;
    // Thousands groups separated by a space-like character.
    if first_group <= 3 {
        while let Some(c) = text[i..].chars().next() {
            if !is_group_space(c) {
                break;
            }
            let g = i + c.len_utf8();
            let ge = digits_end(g);
            let next_is_word =
                text[ge..].chars().next().is_some_and(is_word_char);
            if ge - g == 3 && !next_is_word {
                i = ge;
            } else {
                break;
            }
        }
    }
    // Decimals or dotted/comma groups: "3,5", "1.000.000".
    while i + 1 < bytes.len()
        && (bytes[i] == b',' || bytes[i] == b'.')
        && bytes[i + 1].is_ascii_digit()
    {
        i = digits_end(i + 1);
    }
    if text[i..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    // A currency or percent sign, glued or after one space.
    let mut j = i;
    if let Some(c) = text[j..].chars().next()
        && is_group_space(c)
    {
        j += c.len_utf8();
    }
    if let Some(c) = text[j..].chars().next()
        && matches!(c, '$' | '€' | '£' | '%' | '¢' | '¥')
    {
        return Some(j + c.len_utf8());
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// (input, expected tokens as (text, start)).
    const CASES: &[(&str, &[(&str, usize)])] = &[
        ("l’homme", &[("l’", 0), ("homme", 4)]),
        ("L'homme", &[("L'", 0), ("homme", 2)]),
        ("d’économie", &[("d’", 0), ("économie", 4)]),
        ("qu’il", &[("qu’", 0), ("il", 5)]),
        ("jusqu'ici", &[("jusqu'", 0), ("ici", 6)]),
        ("lorsqu’on", &[("lorsqu’", 0), ("on", 9)]),
        ("puisqu'elle", &[("puisqu'", 0), ("elle", 7)]),
        ("quoiqu’il", &[("quoiqu’", 0), ("il", 9)]),
        ("c'est", &[("c'", 0), ("est", 2)]),
        ("n’est", &[("n’", 0), ("est", 4)]),
        ("s’il", &[("s’", 0), ("il", 4)]),
        ("aujourd’hui", &[("aujourd’hui", 0)]),
        ("aujourd'hui", &[("aujourd'hui", 0)]),
        ("d’aujourd’hui", &[("d’", 0), ("aujourd’hui", 4)]),
        ("presqu’île", &[("presqu’île", 0)]),
        ("il y'a", &[("il", 0), ("y'", 3), ("a", 5)]),
        ("ça y’est", &[("ça", 0), ("y’", 4), ("est", 8)]),
        ("Y'en a", &[("Y'", 0), ("en", 2), ("a", 5)]),
        ("q’un", &[("q’", 0), ("un", 4)]),
        ("p'tit", &[("p'tit", 0)]),
        ("chronic'art", &[("chronic'art", 0)]),
        ("y' a", &[("y", 0), ("a", 3)]),
        (
            "the layer's mask",
            &[("the", 0), ("layer", 4), ("mask", 12)],
        ),
        ("It’s the team’s", &[("It", 0), ("the", 7), ("team", 11)]),
        ("l'user's", &[("l'", 0), ("user", 2)]),
        ("s'est", &[("s'", 0), ("est", 2)]),
        ("the users' data", &[("the", 0), ("users", 4), ("data", 11)]),
        ("plug-in's", &[("plug-in", 0)]),
        ("Let's go", &[("Let's", 0), ("go", 6)]),
        ("d's", &[("d'", 0), ("s", 2)]),
        ("faites-vous", &[("faites", 0), ("vous", 7)]),
        ("a-t-il", &[("a", 0), ("il", 4)]),
        ("y a-t-il", &[("y", 0), ("a", 2), ("il", 6)]),
        ("Êtes-vous", &[("Êtes", 0), ("vous", 6)]),
        ("peut-on", &[("peut", 0), ("on", 5)]),
        ("est-ce", &[("est", 0), ("ce", 4)]),
        (
            "Qu’en retirez-vous",
            &[("Qu’", 0), ("en", 5), ("retirez", 8), ("vous", 16)],
        ),
        ("dites-le-moi", &[("dites", 0), ("le", 6), ("moi", 9)]),
        ("peut-être", &[("peut-être", 0)]),
        ("Saint-Laurent", &[("Saint-Laurent", 0)]),
        ("rendez-vous", &[("rendez-vous", 0)]),
        ("c’est-à-dire", &[("c’", 0), ("est-à-dire", 4)]),
        ("c.-à-d. la", &[("c.-à-d.", 0), ("la", 9)]),
        ("moi-même", &[("moi-même", 0)]),
        ("175 000 $", &[("175 000 $", 0)]),
        ("175\u{A0}000\u{A0}$", &[("175\u{A0}000\u{A0}$", 0)]),
        ("175\u{202F}000 €", &[("175\u{202F}000 €", 0)]),
        (
            "1 250 000 habitants",
            &[("1 250 000", 0), ("habitants", 10)],
        ),
        (
            "en 1996 300 personnes",
            &[("en", 0), ("1996", 3), ("300", 8), ("personnes", 12)],
        ),
        ("3,5 %", &[("3,5 %", 0)]),
        ("20%", &[("20%", 0)]),
        ("2e partie", &[("2e", 0), ("partie", 3)]),
        ("10 ans", &[("10", 0), ("ans", 3)]),
        ("« Bonjour ! »", &[("Bonjour", 3)]),
        ("fin - début", &[("fin", 0), ("début", 6)]),
        ("l’ homme", &[("l", 0), ("homme", 5)]),
    ];

    fn check(input: &str, expected: &[(&str, usize)]) {
        let got = tokens(input, 0);
        let got: Vec<(&str, usize)> =
            got.iter().map(|t| (t.text, t.start)).collect();
        assert_eq!(got, expected, "tokens of {input:?}");
        for t in tokens(input, 0) {
            assert_eq!(&input[t.start..t.end()], t.text);
        }
    }

    #[test]
    fn table() {
        for (input, expected) in CASES {
            check(input, expected);
        }
    }

    /// The cases of [`CASES`] with an apostrophe (`'` or `’`), written
    /// with each look-alike: the same tokens, found at their place in
    /// the new input. See: #22 (`lʼhomme` stayed one word).
    #[test]
    fn every_apostrophe_elides_alike() {
        let with_apostrophe =
            CASES.iter().filter(|c| c.0.contains(['\'', '’']));
        assert_eq!(with_apostrophe.clone().count(), 33);
        for apos in ['\'', '’', 'ʼ', '‘', '′', '´', '`'] {
            let with = |s: &str| s.replace(['\'', '’'], &apos.to_string());
            for (input, expected) in with_apostrophe.clone() {
                let input = with(input);
                let mut from = 0;
                let expected: Vec<(String, usize)> = expected
                    .iter()
                    .map(|&(text, _)| {
                        let text = with(text);
                        let at = from + input[from..].find(&text).unwrap();
                        from = at + text.len();
                        (text, at)
                    })
                    .collect();
                let expected: Vec<(&str, usize)> =
                    expected.iter().map(|(t, s)| (t.as_str(), *s)).collect();
                check(&input, &expected);
            }
        }
        // Not apostrophes: `”` splits, `ʹ` (a letter) joins.
        check("l”homme", &[("l", 0), ("homme", 4)]);
        check("lʹhomme", &[("lʹhomme", 0)]);
    }

    /// The byte-level shortcuts agree with the char-level rules on
    /// every character.
    #[test]
    fn byte_shortcuts_match_char_rules() {
        let mut buf = [0u8; 8];
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let enc = c.encode_utf8(&mut buf);
            let text = format!("{enc}a");
            assert_eq!(
                non_ascii_word_char(&text, 0),
                (is_word_char(c), c.len_utf8()),
                "{c:?}"
            );
            let joiner = is_apostrophe(c) || is_hyphen(c);
            assert_eq!(
                joiner_len(text.as_bytes(), 0),
                if joiner { c.len_utf8() } else { 0 },
                "{c:?}"
            );
        }
        for b in 0..0x80u8 {
            let c = char::from(b);
            assert_eq!(is_ascii_alnum(b), is_word_char(c), "{c:?}");
            let text = format!("{c}a");
            let joiner = is_apostrophe(c) || is_hyphen(c);
            assert_eq!(joiner_len(text.as_bytes(), 0), usize::from(joiner));
        }
    }

    #[test]
    fn skip_ascii_alnum_matches_a_byte_loop() {
        // Every byte value, at every offset of a 16-byte window.
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut bytes = *b"abcXYZ0189azAZ09";
                bytes[at] = b;
                for from in 0..=at {
                    let slow = (from..bytes.len())
                        .find(|&i| !bytes[i].is_ascii_alphanumeric())
                        .unwrap_or(bytes.len());
                    assert_eq!(
                        skip_ascii_alnum(&bytes, from),
                        slow,
                        "byte {b:#x} at {at}, from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn kinds() {
        let t = tokens("L’an 2013 : 175 000 $ d’économie", 0);
        let kinds: Vec<TokenKind> = t.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Elision, Word, Number, Number, Elision, Word]);
    }

    #[test]
    fn offsets_are_into_the_whole_document() {
        let doc = "Titre\n\nIl a-t-il dit ?";
        let base = 7;
        for t in tokens(&doc[base..], base) {
            assert_eq!(&doc[t.start..t.end()], t.text);
        }
    }

    #[test]
    fn nfd_input_is_one_word_per_letter_run() {
        // The pipeline normalises to NFC first; even without it, a
        // combining accent stays inside its word.
        let nfd = "e\u{301}conomie";
        assert_eq!(tokens(nfd, 0)[0].text, nfd);
    }

    /// Where no apostrophe, hyphen, digit or dot is involved, the words
    /// are exactly UAX #29's words.
    #[test]
    fn plain_words_match_uax29() {
        let text = "Le cycle de vie d une communauté fut expérimenté \
                    en toute connaissance de cause Œuvre ÉTÉ naïf";
        let ours: Vec<&str> = tokens(text, 0).iter().map(|t| t.text).collect();
        let uax: Vec<&str> = text.unicode_words().collect();
        assert_eq!(ours, uax);
    }

    /// "c’est-à-dire" and its abbreviations are a connective, never a
    /// key term (see: #14): every token they give is a stopword.
    #[test]
    fn c_est_a_dire_is_only_stopwords() {
        let french = crate::normalize::Stopwords::french();
        for text in ["C’est-à-dire", "c'est-à-dire", "c.-à-d.", "c-à-d"]
        {
            for t in tokens(text, 0) {
                let form = crate::normalize::normalize(t.text);
                assert!(french.contains(&form), "{text}: {form}");
            }
        }
    }
}
