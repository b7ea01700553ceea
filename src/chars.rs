//! Characters of French text, as every stage reads them: which are
//! letters and digits (answered without the Unicode tables for ASCII and
//! the Latin letters of French prose, most of any text), and accents
//! folded away.
//!
//! The stages that scan text (sentence, tokenize, sections, questions,
//! series, search) share these, so that "a letter" means the same
//! everywhere; each scanner keeps its own word rules (see
//! docs/architecture.md). Three folds, for three needs: [`fold_char`]
//! (accents off, lower case: ids, simplified lines, search keys),
//! [`fold_word`] and [`push_folded`] (through NFKD, superscripts and
//! ligatures too: series keys and title words), [`folds_to`] (a word
//! against an ASCII pattern, without allocating).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// ASCII letters and digits, as a table: one load per byte in the hot
/// loops.
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// `u8::is_ascii_alphanumeric`, as one table load (the word loops of
/// the tokenizer and the question scanner).
#[inline]
pub fn is_ascii_alnum(b: u8) -> bool {
    ASCII_ALNUM[usize::from(b)]
}

/// Whether a non-ASCII `c` is a letter, answered without the Unicode
/// tables for the Latin-1 and Latin Extended-A letters (`é`, `œ`; not `×`
/// and `÷`) and General Punctuation (`’`, `…`, narrow NBSP: no letters),
/// which are most characters of French prose; `None` for the others.
/// None of these is a digit, so the answer holds for `is_alphabetic`
/// and `is_alphanumeric` alike.
#[inline]
pub fn latin_letter(c: char) -> Option<bool> {
    match c {
        'À'..='ÿ' => Some(c != '×' && c != '÷'),
        'Ā'..='ſ' => Some(true),
        '\u{2000}'..='\u{206f}' => Some(false),
        _ => None,
    }
}

/// `char::is_alphanumeric`, answered without the Unicode tables for
/// ASCII and the Latin letters of French prose ([`latin_letter`]).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    latin_letter(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// `char::is_alphabetic`, answered without the Unicode tables for ASCII
/// and the Latin letters of French prose ([`latin_letter`]).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    latin_letter(c).unwrap_or_else(|| c.is_alphabetic())
}

/// Pushes `c` lower-cased with its accent removed (`É` → `e`, `œ` →
/// `oe`).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        let folded = match l {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' | 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            _ => {
                out.push(l);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// Pushes `c` lower-cased with its ligatures spelled out; `c` has already
/// been decomposed, so accents come as separate combining marks.
pub fn push_folded(out: &mut String, c: char) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
    }
}

/// A word folded through its compatibility decomposition (NFKD), so that
/// superscripts and ligatures fold too: `"Épisode"` → `"episode"`,
/// `"2ᵉ"` → `"2e"`, `"Œuvre"` → `"oeuvre"`.
pub fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match quick_fold(c) {
            Some(Quick::Letters(s)) => out.push_str(s),
            Some(Quick::Ascii(b)) => {
                out.push(char::from(b.to_ascii_lowercase()))
            }
            // Not a letter of the table: through NFKD, the whole word.
            Some(Quick::Space | Quick::Drop) | None => {
                return fold_word_nfkd(word);
            }
        }
    }
    out
}

/// [`fold_word`] through NFKD, for any text.
pub(crate) fn fold_word_nfkd(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        push_folded(&mut out, c);
    }
    out
}

/// What NFKD, dropping combining marks, then [`push_folded`] make of a
/// character of French text, known without decomposing it: the fast path
/// of [`fold_word`] and of `series::series_key`. None for the others.
///
/// The accented letters decompose into their base letter and one
/// combining mark, so that a text of these characters decomposes char by
/// char: no mark follows another, and canonical reordering moves none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quick {
    /// An ASCII character: NFKD keeps it.
    Ascii(u8),
    /// A Latin letter: what it folds to (`É` → `"e"`, `œ` → `"oe"`).
    Letters(&'static str),
    /// White space that NFKD turns into a space (no-break spaces).
    Space,
    /// Punctuation NFKD keeps or spells with ASCII punctuation
    /// (`’`, `«`, `–`, `…`): neither a letter nor white space.
    Drop,
}

#[inline]
pub(crate) fn quick_fold(c: char) -> Option<Quick> {
    if c.is_ascii() {
        return Some(Quick::Ascii(c as u8));
    }
    let letters = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä'
        | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => {
            "o"
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        '\u{a0}' | '\u{2009}' | '\u{202f}' => return Some(Quick::Space),
        '’' | '«' | '»' | '–' | '—' | '…' => {
            return Some(Quick::Drop);
        }
        _ => return None,
    };
    Some(Quick::Letters(letters))
}

/// Whether `word` folds to `pat` (ASCII lower case, no accents) without
/// allocating: `"À"` is `"a"`, `"NUMÉRO"` is `"numero"`.
pub fn folds_to(word: &str, pat: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(pat);
    }
    // A folded word is never longer in bytes than the word itself.
    if word.len() < pat.len() {
        return false;
    }
    let pat = pat.as_bytes();
    let mut i = 0;
    let mut eat = |b: char| {
        let ok = pat.get(i) == Some(&(b as u8));
        i += 1;
        ok
    };
    for c in word.chars() {
        let ok = match fold_ascii(c) {
            Folded::One(a) => eat(a),
            Folded::Two(a, b) => eat(a) && eat(b),
            Folded::Mark => true,
            Folded::Other => false,
        };
        if !ok {
            return false;
        }
    }
    i == pat.len()
}

/// Whether `word` folds to one of `pats` ([`folds_to`]).
pub fn folds_to_any(word: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| folds_to(word, p))
}

/// One character folded for an ASCII pattern ([`fold_ascii`]).
enum Folded {
    One(char),
    Two(char, char),
    /// A combining accent (decomposed text): skipped.
    Mark,
    /// Anything a pattern never holds.
    Other,
}

/// The ASCII fold of the letters French writes, in either case; enough
/// for ASCII patterns (the sequel promises and title markers of
/// `series`).
fn fold_ascii(c: char) -> Folded {
    if c.is_ascii() {
        return Folded::One(c.to_ascii_lowercase());
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä'
        | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => {
            'o'
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'œ' | 'Œ' => return Folded::Two('o', 'e'),
        'æ' | 'Æ' => return Folded::Two('a', 'e'),
        c if is_combining_mark(c) => return Folded::Mark,
        _ => return Folded::Other,
    };
    Folded::One(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_alnum_matches_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Each character of `quick_fold` folds as NFKD does, alone and
    /// between others: letters, marks, spaces and punctuation.
    #[test]
    fn quick_fold_matches_nfkd() {
        let quick: Vec<char> = (0..0x2100)
            .filter_map(char::from_u32)
            .filter(|&c| quick_fold(c).is_some())
            .collect();
        for &c in &quick {
            let one = c.to_string();
            assert_eq!(fold_word(&one), fold_word_nfkd(&one), "{c:?}");
            if let Some(Quick::Letters(s)) = quick_fold(c) {
                assert_eq!(fold_word_nfkd(&one), s, "{c:?}");
            }
        }
        let others = ['e', 'E', '\u{301}', '\u{327}', 'ø', 'ﬁ', '²', ' ', '-'];
        for &a in quick.iter().chain(&others) {
            for &b in quick.iter().chain(&others).step_by(3) {
                let w: String = [a, b, 'x', a].iter().collect();
                assert_eq!(fold_word(&w), fold_word_nfkd(&w), "{w:?}");
            }
        }
    }

    #[test]
    fn is_letter_matches_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
