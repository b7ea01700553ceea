//! Sentences: one block of text (a paragraph, a heading, a list line, the
//! title) → its sentences, as borrowed slices with byte offsets.
//!
//! A block never shares a sentence with another block, so a list line or
//! the title is always its own sentence. Inside a block, a sentence ends at
//! `.`, `!`, `?`, `…` or `...` (or a run of them, `?!`), followed by any
//! closing quotes or brackets (`»`, `”`, `)`), then whitespace, then
//! something that can open a sentence: a capital, a digit, an opening
//! quote or bracket. So:
//! - `"« Tu viens ? » demanda-t-il."` is one sentence (lower case after
//!   `»`), and `"« Tu viens ? » Il hésite."` is two, the `»` staying with
//!   the first;
//! - `"M. Dupont"`, `"Mme Roy"`, `"E. Wenger"`, `"p. ex. des"`, `"M. Sc."`
//!   and `"c.-à-d. que"` do not end a sentence;
//! - `"Une quoi? Elle"` and `"10 ans passèrent… Puis"` do.

use crate::chars::is_letter;

/// One sentence, borrowed from the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence text, trimmed of surrounding whitespace.
    pub text: &'a str,
    /// Byte offset of `text` in the whole document.
    pub start: usize,
}

/// Abbreviations after which a `.` never ends a sentence: titles before a
/// name, and the pieces of `p. ex.`, `M. Sc.`, `cf.`. `etc.` is not here:
/// followed by a capital it usually does end the sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr",
    "St", "Ste", "Sc", "ex", "cf", "Cf", "vol", "chap", "fig", "env", "av",
    "apr", "J.-C", "éd", "no", "tél", "art", "Ph",
];

/// Splits `block` (which starts at byte `base` of the document) into
/// sentences, appending them to `out`.
pub fn split_into<'a>(
    block: &'a str,
    base: usize,
    out: &mut Vec<Sentence<'a>>,
) {
    let bytes = block.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(at) = find_terminator(bytes, i) else {
            break;
        };
        i = at;
        let b = bytes[i];
        let cluster_start = i;
        let mut j = i;
        while j < bytes.len() {
            if matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            } else if bytes[j..].starts_with("…".as_bytes()) {
                j += "…".len();
            } else {
                break;
            }
        }
        let single_dot = j - cluster_start == 1 && b == b'.';
        if single_dot && is_abbreviation(&block[..cluster_start]) {
            i = j;
            continue;
        }
        // Closing quotes and brackets, possibly after (NB)spaces: "? »".
        let end = skip_closers(block, j);
        let next = skip_spaces(block, end);
        if next == end && next < bytes.len() {
            // No whitespace after the terminator: "3.14", "fin.Début".
            i = j;
            continue;
        }
        if next >= bytes.len() || opens_sentence(block, next) {
            push(block, sentence_start, end, base, out);
            sentence_start = next;
            i = next;
        } else {
            i = j;
        }
    }
    if sentence_start < bytes.len() {
        push(block, sentence_start, bytes.len(), base, out);
    }
}

/// The first terminator at or after byte `from`: `.`, `!`, `?` (found
/// with one SIMD scan, `memchr3`) or `…` (E2 80 A6). Before the first
/// ASCII terminator, `…` is sought by its last byte, `A6`, rare in French
/// text (`æ` is C3 A6), rather than by `E2`, which starts every `’`.
fn find_terminator(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    let ascii = memchr::memchr3(b'.', b'!', b'?', rest);
    let before = &rest[..ascii.unwrap_or(rest.len())];
    memchr::memchr_iter(0xA6, before)
        .find(|&p| p >= 2 && before[p - 2..p] == [0xE2, 0x80])
        .map(|p| p - 2)
        .or(ascii)
        .map(|p| from + p)
}

/// The sentences of `block` (which starts at byte `base` of the
/// document). Convenience over [`split_into`].
pub fn sentences(block: &str, base: usize) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    split_into(block, base, &mut out);
    out
}

fn push<'a>(
    block: &'a str,
    start: usize,
    end: usize,
    base: usize,
    out: &mut Vec<Sentence<'a>>,
) {
    let raw = &block[start..end];
    // Each end trimmed once: the start offset comes from the same trim.
    let from_start = raw.trim_start();
    let trimmed_start = raw.len() - from_start.len();
    let text = from_start.trim_end();
    if !text.is_empty() {
        out.push(Sentence {
            text,
            start: base + start + trimmed_start,
        });
    }
}

/// Whether the text just before a `.` ends with an abbreviation or an
/// initial (`E.`, `p.`).
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_letter(c) || c == '.' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().expect("word is not empty");
    // A single letter: an initial ("E. Wenger") or "p." of "p. ex.".
    if chars.next().is_none() {
        return is_letter(first);
    }
    // "c.-à-d" and "J.-C" carry inner dots.
    if word.contains('.') {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | ')' | ']' | '›')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{202F}'
}

/// Offset past the closing quotes and brackets after a terminator,
/// including spaces before a closer (`? »`), but not trailing spaces.
fn skip_closers(block: &str, mut i: usize) -> usize {
    loop {
        let rest = &block[i..];
        let spaces: usize = rest
            .chars()
            .take_while(|&c| is_space(c))
            .map(char::len_utf8)
            .sum();
        match rest[spaces..].chars().next() {
            Some(c) if is_closer(c) => i += spaces + c.len_utf8(),
            _ => return i,
        }
    }
}

fn skip_spaces(block: &str, i: usize) -> usize {
    i + block[i..]
        .chars()
        .take_while(|&c| is_space(c))
        .map(char::len_utf8)
        .sum::<usize>()
}

fn opens_sentence(block: &str, i: usize) -> bool {
    match block[i..].chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '«' | '“' | '"' | '(' | '[' | '•' | '‹' | '—' | '–'
                )
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&str, &[&str])] = &[
        ("Une phrase. Une autre.", &["Une phrase.", "Une autre."]),
        (
            "J'ai vu M. Dupont hier. Il va bien.",
            &["J'ai vu M. Dupont hier.", "Il va bien."],
        ),
        (
            "Mme Roy et MM. Leduc sont là.",
            &["Mme Roy et MM. Leduc sont là."],
        ),
        ("Le Dr. Martin arrive.", &["Le Dr. Martin arrive."]),
        (
            "Des fruits, p. ex. des pommes.",
            &["Des fruits, p. ex. des pommes."],
        ),
        (
            "Des fruits, c.-à-d. des pommes. Bien.",
            &["Des fruits, c.-à-d. des pommes.", "Bien."],
        ),
        (
            "Par François Lavallée, M. Sc.",
            &["Par François Lavallée, M. Sc."],
        ),
        (
            "Un livre de E. Wenger pour clarifier.",
            &["Un livre de E. Wenger pour clarifier."],
        ),
        (
            "Des pommes, etc. et des poires.",
            &["Des pommes, etc. et des poires."],
        ),
        (
            "Des pommes, etc. Puis du pain.",
            &["Des pommes, etc.", "Puis du pain."],
        ),
        (
            "Une quoi? Elle me recommanda un livre.",
            &["Une quoi?", "Elle me recommanda un livre."],
        ),
        (
            "10 ans passèrent… Puis la suite.",
            &["10 ans passèrent…", "Puis la suite."],
        ),
        ("Attendez... Voilà.", &["Attendez...", "Voilà."]),
        ("Vraiment ?! Oui.", &["Vraiment ?!", "Oui."]),
        (
            "« Tu viens ? » Il hésite.",
            &["« Tu viens ? »", "Il hésite."],
        ),
        (
            "« Tu viens ? » demanda-t-il.",
            &["« Tu viens ? » demanda-t-il."],
        ),
        (
            "Il dit « non ». Puis il part.",
            &["Il dit « non ».", "Puis il part."],
        ),
        ("Pi vaut 3.14 environ.", &["Pi vaut 3.14 environ."]),
        ("Quoi ?\u{A0}Déjà ?", &["Quoi ?", "Déjà ?"]),
        ("En 2011. 2012 fut pire.", &["En 2011.", "2012 fut pire."]),
        ("sans point final", &["sans point final"]),
        ("  espaces autour.  ", &["espaces autour."]),
    ];

    #[test]
    fn table() {
        for (input, expected) in CASES {
            let got: Vec<&str> =
                sentences(input, 0).iter().map(|s| s.text).collect();
            assert_eq!(&got, expected, "sentences of {input:?}");
        }
    }

    #[test]
    fn terminators_are_found_in_text_order() {
        // `æ` (C3 A6) and `¦` (C2 A6) share the last byte of `…`.
        let text = "l’été… ex æquo ¦ puis. ’ ? !…";
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(at) = find_terminator(text.as_bytes(), i) {
            found.push(at);
            i = at + 1;
        }
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '…'))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn offsets() {
        let doc = "Titre\n\nUne. Deux ? « Trois ! »";
        let base = 7;
        for s in sentences(&doc[base..], base) {
            assert_eq!(&doc[s.start..s.start + s.text.len()], s.text);
        }
    }
}
