//! The words of a title or a body as the series rules read them: runs
//! of letters and digits and single punctuation marks, with byte
//! offsets (newlines kept as sentence boundaries). The rules match them
//! against ASCII patterns with [`crate::chars::folds_to`].

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
