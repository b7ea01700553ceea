//! The words of a sentence as the rules see them, each with its lexical
//! class and flags, looked up while scanning.

use super::classes::{F_TD_END, Lex};
use super::lexicon::{lex_ascii, lex_word};
use crate::chars::{is_alnum, is_ascii_alnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokKind {
    /// A run of letters/digits; an elided word keeps its apostrophe
    /// ("qu’", "l’", "jusqu’").
    Word,
    /// `-`, U+00AD, U+2010 or U+2011: "faites-vous" is `faites` `-` `vous`.
    Hyphen,
    /// Any other non-space character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) kind: TokKind,
    pub(super) lex: Lex,
    pub(super) flags: u64,
    /// No whitespace before it: the hyphen of "c’est-à-dire" is glued,
    /// the list dash of "- savoir ce que l’on veut" is not.
    pub(super) glued: bool,
}

impl Tok {
    pub(super) const EMPTY: Tok = Tok {
        kind: TokKind::Punct(' '),
        lex: Lex::Other,
        flags: 0,
        glued: false,
    };
}

pub(super) struct Tokens<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

const fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Hyphens, the soft hyphen (U+00AD) included: some editors write
/// "pourra\u{ad}t\u{ad}il".
const fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{ad}' | '\u{2010}' | '\u{2011}')
}

/// The character at byte `i` (a char boundary), with an ASCII fast path.
fn char_at(t: &str, i: usize) -> Option<char> {
    let b = *t.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        t.get(i..)?.chars().next()
    }
}

impl Iterator for Tokens<'_> {
    type Item = Tok;

    #[inline]
    fn next(&mut self) -> Option<Tok> {
        let t = self.text;
        let mut i = self.pos;
        let c = loop {
            if t.as_bytes().get(i) == Some(&b' ') {
                i += 1;
                continue;
            }
            let c = char_at(t, i)?;
            if c.is_whitespace() {
                i += c.len_utf8();
            } else {
                break c;
            }
        };
        let start = i;
        let glued = start == self.pos && start > 0;
        i += c.len_utf8();
        let tok = if is_alnum(c) {
            let bytes = t.as_bytes();
            let mut ascii = c.is_ascii();
            loop {
                // ASCII letters and digits need no decoding.
                while bytes.get(i).is_some_and(|&x| is_ascii_alnum(x)) {
                    i += 1;
                }
                let Some(d) = char_at(t, i) else {
                    break;
                };
                if is_alnum(d) {
                    ascii = false;
                    i += d.len_utf8();
                    continue;
                }
                // Elision: "qu’est" → "qu’" + "est"; an apostrophe not
                // followed by a letter is a closing quote.
                if is_apostrophe(d)
                    && char_at(t, i + d.len_utf8())
                        .is_some_and(char::is_alphabetic)
                {
                    ascii &= d == '\'';
                    i += d.len_utf8();
                }
                break;
            }
            let w = &t[start..i];
            let (lex, flags) = if ascii {
                lex_ascii(w.as_bytes())
            } else {
                lex_word(w)
            };
            let flags = flags | td_end(w.as_bytes());
            Tok {
                kind: TokKind::Word,
                lex,
                flags,
                glued,
            }
        } else if is_hyphen(c) {
            Tok {
                kind: TokKind::Hyphen,
                glued,
                ..Tok::EMPTY
            }
        } else {
            Tok {
                kind: TokKind::Punct(c),
                glued,
                ..Tok::EMPTY
            }
        };
        self.pos = i;
        Some(tok)
    }
}

/// [`F_TD_END`] when `w` ends in "t", "d" or "c" but not "dd" (no French
/// verb form does).
fn td_end(w: &[u8]) -> u64 {
    match w {
        [.., b'd' | b'D', b'd' | b'D'] => 0,
        [.., b't' | b'T' | b'd' | b'D' | b'c' | b'C'] => F_TD_END,
        _ => 0,
    }
}
