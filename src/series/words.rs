//! The words of a title or a body as the series rules read them: runs
//! of letters and digits and single punctuation marks, with byte
//! offsets (newlines kept as sentence boundaries), and the folds that
//! match them against ASCII patterns without allocating.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::chars::is_alnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of letters and digits: `"S01E02"`, `"2ème"`, `"économie"`.
    Word,
    /// Any other character but white space; `'\n'` is kept as a sentence
    /// boundary for bodies.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) kind: Kind,
}

impl<'a> Tok<'a> {
    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }

    pub(super) fn word(&self) -> Option<&'a str> {
        (self.kind == Kind::Word).then_some(self.text)
    }

    pub(super) fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            Kind::Word => None,
        }
    }
}

/// Words and punctuation of a text, with byte offsets; white space is
/// skipped except newlines. `"d’économie"` → `d`, `’`, `économie`.
#[derive(Clone)]
pub(super) struct Toks<'a> {
    pub(super) text: &'a str,
    pos: usize,
}

impl<'a> Toks<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Toks { text, pos: 0 }
    }
}

impl<'a> Iterator for Toks<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        // ASCII bytes are classified without decoding a char.
        let (text, bytes) = (self.text, self.text.as_bytes());
        let char_at =
            |i: usize| text[i..].chars().next().expect("i is a char boundary");
        let mut i = self.pos;
        let (start, c) = loop {
            let Some(&b) = bytes.get(i) else {
                self.pos = text.len();
                return None;
            };
            let c = if b < 0x80 { char::from(b) } else { char_at(i) };
            if c == '\n' || !c.is_whitespace() {
                break (i, c);
            }
            i += c.len_utf8();
        };
        let mut end = start + c.len_utf8();
        let kind = if is_word_char(c) {
            while let Some(&b) = bytes.get(end) {
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    end += 1;
                } else {
                    let d = char_at(end);
                    if !is_word_char(d) {
                        break;
                    }
                    end += d.len_utf8();
                }
            }
            Kind::Word
        } else {
            Kind::Punct(c)
        };
        self.pos = end;
        Some(Tok {
            text: &self.text[start..end],
            start,
            kind,
        })
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // Latin letters of French prose without the Unicode tables.
        is_alnum(c) || is_combining_mark(c)
    }
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Pushes `c` lower-cased with its ligatures spelled out; `c` has already
/// been decomposed, so accents come as separate combining marks.
pub(super) fn push_folded(out: &mut String, c: char) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
    }
}

/// `"Épisode"` → `"episode"`, `"2ᵉ"` → `"2e"`, `"Œuvre"` → `"oeuvre"`.
pub(super) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd().filter(|c| !is_combining_mark(*c)) {
        push_folded(&mut out, c);
    }
    out
}

/// Whether `word` folds to `pat` (ASCII lower case, no accents) without
/// allocating: `"À"` is `"a"`, `"NUMÉRO"` is `"numero"`.
pub(super) fn is(word: &str, pat: &str) -> bool {
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
        let ok = match fold_char(c) {
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

pub(super) fn is_any(word: &str, pats: &[&str]) -> bool {
    pats.iter().any(|p| is(word, p))
}

enum Folded {
    One(char),
    Two(char, char),
    /// A combining accent (decomposed text): skipped.
    Mark,
    /// Anything a pattern never holds.
    Other,
}

/// The ASCII fold of the letters French writes; enough for the patterns
/// of [`super::announces_next`], which are ASCII.
fn fold_char(c: char) -> Folded {
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
