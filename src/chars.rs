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
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        push_folded(&mut out, c);
    }
    out
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

    #[test]
    fn is_letter_matches_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
