//! Characters of French text, as every stage reads them: which are
//! letters and digits (answered without the Unicode tables for ASCII and
//! the Latin letters of French prose, most of any text), and accents
//! folded away.
//!
//! The stages that scan text (sentence, tokenize, sections, questions,
//! series, search) share these, so that "a letter" means the same
//! everywhere; each scanner keeps its own word rules (see
//! docs/architecture.md).

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
