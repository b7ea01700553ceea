//! Normalisation: a token's text → its lower-cased form with `’` written
//! `'`, and the stopword list those forms are checked against.
//!
//! Also the document-level normalisation that runs before anything else:
//! NFC (so NFD input gives the same tokens) and CRLF → LF.

use std::borrow::Cow;

use rustc_hash::FxHashSet;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::chars::{fold_char, is_alnum};

/// Our own French stopword list, compiled in (see its header).
pub const DEFAULT_STOPWORDS: &str = include_str!("../stopwords/fr.txt");

/// Our own list of English function words, compiled in (see its header):
/// never terms nor inside key phrases, whatever stopword list is in
/// force ([`crate::stem`]).
pub const ENGLISH_FUNCTION_WORDS: &str = include_str!("../stopwords/en.txt");

/// Writes the normalised form of `word` into `buf` (cleared first):
/// lower case, apostrophes and their look-alikes as `'`.
///
/// `"L’Économie"` → `"l'économie"`, `"lʼ"`, `"l´"` and `"l`"` → `"l'"`.
/// ASCII words take a fast path.
pub fn normalize_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
        if word.contains('`') {
            *buf = buf.replace('`', "'");
        }
        return;
    }
    for c in word.chars() {
        match c {
            c if is_apostrophe_like(c) => buf.push('\''),
            c if c.is_lowercase() || !c.is_alphabetic() => buf.push(c),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

/// The characters written for an apostrophe besides `'` itself (the
/// tokenizer elides after each of them): `’`, `ʼ`, `‘`, `′`, `´`, and
/// the backtick.
fn is_apostrophe_like(c: char) -> bool {
    matches!(c, '’' | 'ʼ' | '‘' | '′' | '´' | '`')
}

/// The normalised form of `word`, borrowed when nothing changes.
pub fn normalize(word: &str) -> Cow<'_, str> {
    let unchanged = word
        .chars()
        .all(|c| !c.is_uppercase() && !is_apostrophe_like(c));
    if unchanged {
        Cow::Borrowed(word)
    } else {
        let mut buf = String::with_capacity(word.len());
        normalize_into(word, &mut buf);
        Cow::Owned(buf)
    }
}

/// Normalises a whole document: NFC, then CRLF and lone CR → LF. Borrows
/// when the text is already normalised (the usual case).
pub fn normalize_document(text: &str) -> Cow<'_, str> {
    let nfc = if is_nfc_fast(text) {
        Cow::Borrowed(text)
    } else {
        nfc(text)
    };
    // memchr's vector search: `str::contains(char)` goes a word at a
    // time, which cost a third of this function.
    if memchr::memchr(b'\r', nfc.as_bytes()).is_none() {
        return nfc;
    }
    let mut out = String::with_capacity(nfc.len());
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A cheap sufficient test for NFC: every character below U+0300 is NFC
/// on its own (no composition involves them as a second character), and
/// the few others of French text (’, «, …, NBSP) are checked one by one.
/// Combining marks send the text to the full check.
///
/// Only characters from U+0300 up are decoded: their UTF-8 lead byte is
/// 0xCC or above, and no other byte of UTF-8 is (continuation bytes are
/// 0x80–0xBF), so the bytes are skipped 32 at a time until one is.
fn is_nfc_fast(text: &str) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(lead) = next_byte_from_cc(bytes, at) {
        let c = text[lead..].chars().next().expect("a lead byte");
        let nfc_alone = canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                == IsNormalized::Yes;
        if !nfc_alone {
            return false;
        }
        at = lead + c.len_utf8();
    }
    true
}

/// The first byte at or after `from` that is 0xCC or above. A block of
/// 32 bytes is tested whole, with no early exit inside, which the
/// compiler turns into a few vector instructions (half the instructions
/// of a 64-bit word at a time).
fn next_byte_from_cc(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(block) = bytes.get(at..at + 32) {
        if block.iter().fold(false, |any, &b| any | (b >= 0xCC)) {
            break;
        }
        at += 32;
    }
    bytes[at..].iter().position(|&b| b >= 0xCC).map(|i| at + i)
}

fn nfc(text: &str) -> Cow<'_, str> {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => {
            if unicode_normalization::is_nfc(text) {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(text.nfc().collect::<String>())
            }
        }
    }
}

/// A set of stopwords, in normalised form.
#[derive(Clone, Debug, Default)]
pub struct Stopwords {
    words: FxHashSet<Box<str>>,
}

impl Stopwords {
    /// Parses a stopword list: one word a line; blank lines and lines
    /// starting with `#` are ignored; words are normalised.
    pub fn parse(list: &str) -> Stopwords {
        let mut buf = String::new();
        let words = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| {
                normalize_into(w, &mut buf);
                Box::from(buf.as_str())
            })
            .collect();
        Stopwords { words }
    }

    /// Our compiled-in list.
    pub fn french() -> Stopwords {
        Stopwords::parse(DEFAULT_STOPWORDS)
    }

    /// The English function words ([`ENGLISH_FUNCTION_WORDS`]), built
    /// once per process.
    pub fn english() -> &'static Stopwords {
        static LIST: std::sync::OnceLock<Stopwords> =
            std::sync::OnceLock::new();
        LIST.get_or_init(|| Stopwords::parse(ENGLISH_FUNCTION_WORDS))
    }

    /// Whether the normalised form `form` is a stopword.
    pub fn contains(&self, form: &str) -> bool {
        self.words.contains(form)
    }

    /// How many words the list holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Lower case, accents folded, letters and digits only (digits all `0`,
/// so "© 2013" and "© 2014" match), single spaces.
pub fn simplify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    simplified_pieces(text, |piece, _| match piece.as_bytes() {
        // Most pieces are one ASCII byte: no call to memcpy.
        &[b] => out.push(char::from(b)),
        _ => out.push_str(piece),
    });
    out
}

/// The pieces [`simplify`] is made of, in order: folded letters, `0` for
/// each digit, and single spaces between words; the flag says whether
/// the piece is a letter. [`crate::sections::line_key`] hashes the same
/// pieces in its own byte loop (its tests compare the two).
pub(crate) fn simplified_pieces(text: &str, mut emit: impl FnMut(&str, bool)) {
    // Non-ASCII letters are folded in `buf` (allocated only if one comes);
    // ASCII letters, most of them, are lower-cased in place.
    let mut buf = String::new();
    let mut ascii = [0u8; 4];
    let (mut space, mut empty) = (false, true);
    for c in text.chars() {
        if !is_alnum(c) {
            space = true;
            continue;
        }
        if space && !empty {
            emit(" ", false);
        }
        space = false;
        empty = false;
        if c.is_ascii_digit() {
            emit("0", false);
        } else if c.is_ascii() {
            emit(c.to_ascii_lowercase().encode_utf8(&mut ascii), true);
        } else {
            buf.clear();
            fold_char(c, &mut buf);
            emit(&buf, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`is_nfc_fast`] as its documentation says it, a character at a
    /// time.
    fn is_nfc_fast_reference(text: &str) -> bool {
        use unicode_normalization::char::canonical_combining_class;
        text.chars().all(|c| {
            c < '\u{300}'
                || (canonical_combining_class(c) == 0
                    && unicode_normalization::is_nfc_quick(std::iter::once(c))
                        == IsNormalized::Yes)
        })
    }

    #[test]
    fn nfc_fast_path_agrees_with_the_rule_on_many_characters() {
        // Every character of the first blocks, a sample of the rest.
        let chars = (0..=0x10FFFFu32)
            .filter(|&c| c < 0x3000 || c % 61 == 0)
            .filter_map(char::from_u32);
        for c in chars {
            // First, inside, across the end of a 32-byte block, after one.
            for pad in [0, 3, 6, 29, 30, 31, 32, 33] {
                let text = format!("{}{c}é", "a".repeat(pad));
                assert_eq!(
                    is_nfc_fast(&text),
                    is_nfc_fast_reference(&text),
                    "U+{:04X} after {pad} bytes",
                    c as u32
                );
            }
        }
    }

    proptest! {
        #[test]
        fn nfc_fast_path_agrees_with_the_rule(
            text in "[a-zé’«» \u{300}-\u{36F}\u{2000}-\u{2FFF}\u{AC00}-\u{AC10}\u{1F600}\u{F900}]{0,40}"
        ) {
            prop_assert_eq!(is_nfc_fast(&text), is_nfc_fast_reference(&text));
        }
    }

    const CASES: &[(&str, &str)] = &[
        ("homme", "homme"),
        ("Homme", "homme"),
        ("L’", "l'"),
        ("ÉCONOMIE", "économie"),
        ("Êtes", "êtes"),
        ("aujourd’hui", "aujourd'hui"),
        ("Œuvre", "œuvre"),
        ("Lʼ", "l'"),
        ("L´", "l'"),
        ("l′", "l'"),
        ("l‘", "l'"),
        ("L`", "l'"),
        ("aujourd`hui", "aujourd'hui"),
    ];

    #[test]
    fn table() {
        let mut buf = String::new();
        for (input, expected) in CASES {
            normalize_into(input, &mut buf);
            assert_eq!(&buf, expected, "normalize_into({input:?})");
            assert_eq!(normalize(input), *expected, "normalize({input:?})");
        }
    }

    #[test]
    fn borrowed_when_unchanged() {
        assert!(matches!(normalize("économie"), Cow::Borrowed(_)));
        assert!(matches!(normalize_document("déjà\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn nfd_and_crlf() {
        let nfd = "Communaute\u{301} de pratique\r\nfin\r";
        assert_eq!(normalize_document(nfd), "Communauté de pratique\nfin\n");
    }

    #[test]
    fn stopword_list_is_normalised() {
        let s = Stopwords::parse("# header\nLe\nl’\n\nde\n");
        assert_eq!(s.len(), 3);
        assert!(s.contains("le") && s.contains("l'") && s.contains("de"));
        assert!(Stopwords::french().contains("l'"));
    }

    /// Function words written without their accents ("Ca y est",
    /// "Voila", "Apres") are still stopwords; bare spellings that name
    /// something else ("meme", "zero") are not.
    #[test]
    fn unaccented_function_words_are_stopwords() {
        let french = Stopwords::french();
        let mut form = String::new();
        for word in ["Ca", "ca", "Voila", "deja", "Apres", "etait", "tres"] {
            normalize_into(word, &mut form);
            assert!(french.contains(&form), "{word}");
        }
        for word in ["meme", "zero", "pres", "tot"] {
            assert!(!french.contains(word), "{word}");
        }
    }

    #[test]
    fn simplify_folds() {
        assert_eq!(
            simplify("Copyright © 2013, Œuvre ÉTÉ!"),
            "copyright 0000 oeuvre ete"
        );
        assert_eq!(simplify("Plus d’info…"), "plus d info");
    }
}
