//! Plain text (`.txt`) → [`Parsed`].
//!
//! Conventions (the seed post is the model): the first non-empty line is
//! the title; each further line is a block, except that a long line not
//! ending in punctuation continues on the next line (hard-wrapped
//! paragraphs); a bullet line (`•`, `-`, `*`, `–`, `1.`, `1)`) is a list
//! item, marker removed. URLs and e-mail addresses are dropped.
//! Front matter is honoured here too, since some `.txt` exports carry it.

use super::{BlockKind, Parsed, push_prose};
use crate::meta;

/// Lines at least this long that do not end a sentence are taken as
/// hard-wrapped and joined with the next line.
const WRAP_WIDTH: usize = 60;

/// Parses a plain-text post.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::for_source(text);
    let mut body = text;
    if let Some((kind, fm, rest)) = meta::split_front_matter(text) {
        meta::read_front_matter(kind, fm, &mut parsed.meta);
        body = rest;
    }
    let mut lines = lines(body).map(clean_line).peekable();
    if parsed.meta.title.is_none() {
        for line in lines.by_ref() {
            if !line.is_empty() {
                parsed.meta.title = Some(line.to_string());
                break;
            }
        }
    }
    if let Some(title) = parsed.meta.title.clone() {
        parsed.push_block(&title, BlockKind::Title);
    }
    let mut buf = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut seen = 0;
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        seen += 1;
        // A date line just under the title ("Publié le 12 mars 2024") is
        // metadata, not prose.
        if seen <= 3 && parsed.meta.date.is_none() && is_date_line(line) {
            parsed.meta.date =
                meta::french_date(line).or_else(|| meta::parse_date(line));
            continue;
        }
        let (item, content) = match strip_list_marker(line) {
            Some(content) => (true, content),
            None => (false, line),
        };
        if buf.is_empty() {
            kind = if item {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
        } else {
            buf.push('\n');
        }
        push_text(content, &mut buf);
        let continues = !item
            && !ends_sentence(content)
            && has_chars(content, WRAP_WIDTH)
            && lines.peek().is_some_and(|next| {
                !next.is_empty() && strip_list_marker(next).is_none()
            });
        if !continues {
            parsed.push_block(&buf, kind);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        parsed.push_block(&buf, kind);
    }
    parsed.release_spare_room();
    parsed
}

/// Appends `text` to `out` without its URLs and e-mail addresses, as
/// [`push_prose`] does. Most text holds none, and `push_prose` builds
/// four substring searchers per call: one SIMD scan for `@`, `:` and
/// `w` first decides whether it needs to run (every URL it removes holds
/// `://` or `www.`, every address an `@`).
pub(crate) fn push_text(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let starts_url = |i: usize| match bytes[i] {
        b'@' => true,
        b':' => bytes[i + 1..].starts_with(b"//"),
        b'w' => bytes[i + 1..].starts_with(b"ww."),
        _ => false,
    };
    // Below 16 bytes a plain loop costs less than setting up the SIMD
    // search (half of the Markdown texts are that short).
    let may_hold_url = if bytes.len() < 16 {
        (0..bytes.len()).any(starts_url)
    } else {
        memchr::memchr3_iter(b'@', b':', b'w', bytes).any(starts_url)
    };
    if may_hold_url {
        push_prose(text, out);
    } else {
        out.push_str(text);
    }
}

/// The lines of `s`, as [`str::lines`] gives them but for a final `\r`
/// it keeps ([`clean_line`] trims it): memchr finds each `\n` faster
/// than `str::lines`, which looks at one byte at a time.
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(line)
    })
}

/// Whether `s` has at least `n` characters. A character takes one to
/// four bytes, so most lines are decided by their length alone.
fn has_chars(s: &str, n: usize) -> bool {
    s.len() >= n && (s.len() >= 4 * n || s.chars().count() >= n)
}

/// A line without surrounding whitespace (NBSP included: a line holding
/// only NBSPs is blank).
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{A0}')
}

/// A short line that holds a date and little else.
fn is_date_line(line: &str) -> bool {
    if has_chars(line, 61) {
        return false;
    }
    let words = line.split_whitespace().count();
    (meta::french_date(line).is_some() && words <= 8)
        || (words == 1 && meta::parse_date(line).is_some())
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['»', '"', ')', ' ', '\u{A0}'])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

/// The content of a bullet or numbered list line, marker removed.
pub fn strip_list_marker(line: &str) -> Option<&str> {
    let line = line.trim_start();
    // Every marker starts with one of these bytes ('•', '–' and the
    // other non-ASCII ones with E2 or C2): most lines are rejected here.
    if !line.as_bytes().first().is_some_and(|b| {
        matches!(b, 0xE2 | 0xC2 | b'-' | b'*' | b'+' | b'0'..=b'9')
    }) {
        return None;
    }
    for marker in ['•', '◦', '▪', '‣', '·', '-', '*', '–', '—', '+']
    {
        if let Some(rest) = line.strip_prefix(marker)
            && rest.starts_with([' ', '\t', '\u{A0}'])
        {
            return Some(rest.trim_start());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        for sep in ['.', ')'] {
            if let Some(rest) = rest.strip_prefix(sep)
                && rest.starts_with([' ', '\t', '\u{A0}'])
            {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_lines_and_lists() {
        let text = "\n  Mon titre ? Partie 1\n\nUn paragraphe.\n\u{A0}\n\
                    • Une question ?\n    • Une autre ?\n1. Premier point\n\
                    Plus d'info\n";
        let p = parse(text);
        assert_eq!(p.meta.title.as_deref(), Some("Mon titre ? Partie 1"));
        let blocks: Vec<(&str, BlockKind)> =
            p.blocks.iter().map(|b| (p.block_text(b), b.kind)).collect();
        use BlockKind::*;
        assert_eq!(
            blocks,
            [
                ("Mon titre ? Partie 1", Title),
                ("Un paragraphe.", Paragraph),
                ("Une question ?", ListItem),
                ("Une autre ?", ListItem),
                ("Premier point", ListItem),
                ("Plus d'info", Paragraph),
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "Titre\n\nUne longue ligne de texte coupée à la main par \
                    un éditeur qui\nne savait pas s’arrêter.\nCourte ligne\n\
                    Autre ligne.\n";
        let p = parse(text);
        let blocks: Vec<&str> =
            p.blocks.iter().map(|b| p.block_text(b)).collect();
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks[1].ends_with("s’arrêter."));
    }

    #[test]
    fn date_line_under_the_title() {
        let p = parse("Titre\nPublié le 3 mai 2024\n\nTexte.\n");
        assert_eq!(p.meta.date.as_deref(), Some("2024-05-03"));
        assert_eq!(p.blocks.len(), 2);
        let p = parse(
            "Titre\n\nLe 3 mai 2024, il a plu toute la journée sur \
                       le jardin et nous sommes restés dedans.\n",
        );
        assert_eq!(p.meta.date, None);
    }

    #[test]
    fn text_without_urls_is_kept_whole() {
        for input in [
            "voir https://exemple.fr/a?b=c. Puis",
            "écrivez à julie@exemple.fr ou",
            "le site www.exemple.fr, demain",
            "ftp://x.fr et HTTP://X.FR",
            "pas d’adresse ici : deux points, w, ww, www",
            "@pseudo sur le réseau",
            "",
            "a@b.fr",
            "x http://y.fr",
            "www.a.fr",
            "w ww www : //",
            "é@é.fr",
            "quinze octets:/",
            "seize octets ://",
        ] {
            let (mut fast, mut slow) = (String::new(), String::new());
            push_text(input, &mut fast);
            push_prose(input, &mut slow);
            assert_eq!(fast, slow, "{input:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Short and long texts (both ways of finding URL marks) made of
        /// the marks' pieces.
        #[test]
        fn push_text_is_push_prose(
            text in "([@:/w.é ]|ww|://|www\\.|[a-z]{1,4}){0,24}"
        ) {
            let (mut fast, mut slow) = (String::new(), String::new());
            push_text(&text, &mut fast);
            push_prose(&text, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn lines_and_lengths() {
        for s in ["", "\n", "a", "a\n", "a\r\nb\r\n\n", "\r\n\r", "é\n\nb"] {
            let ours: Vec<&str> = lines(s).map(clean_line).collect();
            let std: Vec<&str> = s.lines().map(clean_line).collect();
            assert_eq!(ours, std, "{s:?}");
        }
        for s in ["", "abc", "ééé", "€€€€", "a€", "𝄞𝄞𝄞𝄞𝄞"]
        {
            for n in 0..8 {
                assert_eq!(
                    has_chars(s, n),
                    s.chars().count() >= n,
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn list_markers() {
        assert_eq!(strip_list_marker("- oui"), Some("oui"));
        assert_eq!(strip_list_marker("12) non"), Some("non"));
        assert_eq!(strip_list_marker("-oui"), None);
        assert_eq!(strip_list_marker("2013. Année"), None);
        assert_eq!(strip_list_marker("1996 fut"), None);
        for marker in ['•', '◦', '▪', '‣', '·', '-', '*', '–', '—', '+']
        {
            let line = format!("  {marker} point");
            assert_eq!(strip_list_marker(&line), Some("point"), "{line:?}");
        }
        assert_eq!(strip_list_marker("Texte"), None);
    }
}
