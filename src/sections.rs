//! Sections: a parsed post's blocks → body, teasers, signature and
//! boilerplate, plus the titles its teaser block points to.
//!
//! Only the body feeds key terms, key phrases and questions.
//! - Teasers start at a heading-like line such as "Articles récents :",
//!   "À lire aussi", "Sur le même sujet", "Vous aimerez aussi". Each teaser
//!   is a title line, an optional excerpt and a "Plus d'info" / "Lire la
//!   suite" line; what follows the last teaser is site furniture.
//! - A `Par NAME` line near the start or the end is the signature; it
//!   gives the author when front matter does not.
//! - Obvious boilerplate is recognised in a post alone (copyright, share
//!   calls); lines that recur across the corpus are found by the corpus
//!   pass ([`line_key`], [`mark_boilerplate`]).

use std::hash::Hasher;

use rustc_hash::{FxHashSet, FxHasher};

use crate::chars::{fold_char, is_alnum, is_ascii_alnum};
use crate::meta::signature_author;
use crate::normalize::simplify;
use crate::source::{BlockKind, Parsed, Section};

/// Lines that open a block of teasers, normalised by [`simplify`].
const TEASER_HEADINGS: &[&str] = &[
    "articles recents",
    "derniers articles",
    "a lire aussi",
    "lire aussi",
    "a lire egalement",
    "sur le meme sujet",
    "vous aimerez aussi",
    "vous aimerez aussi lire",
    "vous pourriez aussi aimer",
    "articles similaires",
    "articles connexes",
    "dans la meme categorie",
    "voir aussi",
    "billets recents",
    "billets similaires",
    "a lire",
];

/// Lines that close one teaser.
const MORE_LINKS: &[&str] = &[
    "plus d info",
    "plus d infos",
    "lire la suite",
    "lire plus",
    "en savoir plus",
    "lire l article",
    "lire le billet",
    "continuer la lecture",
    "voir l article",
    "la suite",
];

/// The longest of [`MORE_LINKS`], in bytes.
const MAX_MORE_LINK_BYTES: usize = 20;

/// Share calls longer than this are prose.
const MAX_SHARE_CALL_BYTES: usize = 160;

/// Blocks longer than this are never boilerplate.
const MAX_BOILERPLATE_BYTES: usize = 300;

/// Marks teaser, signature and obvious boilerplate blocks of `parsed`,
/// fills in the author from a signature, and returns the teaser titles
/// (the related articles) in order.
pub fn mark_sections(parsed: &mut Parsed) -> Vec<String> {
    let related = mark_teasers(parsed);
    mark_signature(parsed);
    for i in 0..parsed.blocks.len() {
        let block = parsed.blocks[i];
        if block.section == Section::Body
            && block.kind != BlockKind::Title
            && is_obvious_boilerplate(parsed.block_text(&block))
        {
            parsed.blocks[i].section = Section::Boilerplate;
        }
    }
    related
}

fn mark_teasers(parsed: &mut Parsed) -> Vec<String> {
    let Some(head) = parsed.blocks.iter().position(|b| {
        b.kind != BlockKind::Title
            && b.end - b.start <= 60
            && may_be_teaser_heading(parsed.block_text(b))
            && TEASER_HEADINGS
                .contains(&simplify(parsed.block_text(b)).as_str())
    }) else {
        return Vec::new();
    };
    let n = parsed.blocks.len();
    let is_more: Vec<bool> = parsed.blocks[head + 1..]
        .iter()
        .map(|b| {
            let text = parsed.block_text(b);
            few_alphanumerics(text, MAX_MORE_LINK_BYTES)
                && MORE_LINKS.contains(&simplify(text).as_str())
        })
        .collect();
    let mut related = Vec::new();
    for b in &mut parsed.blocks[head..] {
        b.section = Section::Teaser;
    }
    if let Some(last_more) = is_more.iter().rposition(|&m| m) {
        // Title, excerpt, "Plus d'info": a title opens the section or
        // follows a more-link, and a more-link comes within three blocks.
        let mut expect_title = true;
        for (k, &more) in is_more.iter().enumerate() {
            let i = head + 1 + k;
            if k > last_more {
                parsed.blocks[i].section = Section::Boilerplate;
                continue;
            }
            if more {
                expect_title = true;
                continue;
            }
            let closes_soon = is_more[k + 1..].iter().take(3).any(|&m| m);
            if expect_title && closes_soon {
                related
                    .push(clean_title(parsed.block_text(&parsed.blocks[i])));
            }
            expect_title = false;
        }
    } else {
        // A plain list of titles: its items when it is a list (an
        // introducing sentence is no title), else its short lines.
        let has_items = parsed.blocks[head + 1..n]
            .iter()
            .any(|b| b.kind == BlockKind::ListItem);
        for i in head + 1..n {
            let b = parsed.blocks[i];
            let text = parsed.block_text(&b);
            let is_title = if has_items {
                b.kind == BlockKind::ListItem
            } else {
                text.len() <= 150
            };
            if is_title {
                related.push(clean_title(text));
            }
        }
    }
    related
}

/// A quick filter for the teaser headings: [`simplify`] starts with the
/// first letter or digit, folded, and every heading starts with one of
/// `a b d l s v`. Saves building the simplified text of every short
/// block. Non-ASCII first letters (`À lire`) take the slow path.
fn may_be_teaser_heading(text: &str) -> bool {
    match text.chars().find(|&c| is_alnum(c)) {
        Some(c) if c.is_ascii() => {
            matches!(c.to_ascii_lowercase(), 'a' | 'b' | 'd' | 'l' | 's' | 'v')
        }
        Some(_) => true,
        None => false,
    }
}

/// Whether `text` has at most `max` letters and digits. Each gives at
/// least one byte of [`simplify`]'s output, so a text with more cannot
/// simplify to a string of `max` bytes; counting stops early, unlike
/// building the simplified text of a long paragraph.
fn few_alphanumerics(text: &str, max: usize) -> bool {
    text.chars().filter(|&c| is_alnum(c)).nth(max).is_none()
}

/// The words of `text` joined by single spaces.
fn clean_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn mark_signature(parsed: &mut Parsed) {
    let body: Vec<usize> = (0..parsed.blocks.len())
        .filter(|&i| {
            parsed.blocks[i].section == Section::Body
                && parsed.blocks[i].kind != BlockKind::Title
        })
        .collect();
    let near_ends = body
        .iter()
        .take(3)
        .chain(body.iter().rev().take(6))
        .copied();
    for i in near_ends {
        let text = parsed.block_text(&parsed.blocks[i]);
        if let Some(author) = signature_author(text) {
            parsed.blocks[i].section = Section::Signature;
            if parsed.meta.author.is_none() {
                parsed.meta.author = Some(author);
            }
            return;
        }
    }
}

/// Copyright lines and share or subscribe calls, recognisable in a post
/// alone.
pub fn is_obvious_boilerplate(text: &str) -> bool {
    if text.len() > MAX_BOILERPLATE_BYTES || !has_boilerplate_word(text) {
        return false;
    }
    let s = simplify(text);
    if text.contains('©')
        || s.starts_with("copyright")
        || s.contains("tous droits reserves")
        || s.contains("reproduction interdite")
        || s.contains("reproduction restreinte")
    {
        return true;
    }
    // A share call is a short line of its own; a longer paragraph that
    // mentions sharing is the author's prose.
    let share = text.len() <= MAX_SHARE_CALL_BYTES
        && s.contains("partag")
        && [
            "n hesitez pas",
            "partagez le",
            "partagez la",
            "partagez cet",
            "partagez ce ",
            "a le partager",
            "reseaux sociaux",
            "vos amis",
            "vos proches",
        ]
        .iter()
        .any(|p| s.contains(p));
    share
        || s.contains("abonnez vous")
        || s.contains("inscrivez vous a la newsletter")
        || s.contains("inscrivez vous a notre newsletter")
        || s.contains("suivez nous sur")
}

/// Every pattern [`is_obvious_boilerplate`] looks for holds `©` or one
/// of these ASCII fragments, in any case.
const FRAGMENTS: [&[u8]; 8] = [
    "©".as_bytes(),
    b"opyright",
    b"droits",
    b"eproduction",
    b"artag",
    b"bonnez",
    b"nscrivez",
    b"uivez",
];

/// Which of the ASCII fragments (`FRAGMENTS[1..]`) the pair of bytes at
/// `pair_index(a, b)` may be part of, for [`has_boilerplate_word`]'s
/// scan of the pairs at offsets that are multiples of 4: bit `4k + o`
/// set when fragment `k` has that pair at offset `o` (0 to 3). A
/// fragment at `p`, 5 bytes long at least, has 4 pairs from `p` to
/// `p + 3`, one of them at a multiple of 4.
const FRAGMENT_PAIRS: [u32; 1024] = {
    let mut t = [0u32; 1024];
    let mut k = 1;
    while k < FRAGMENTS.len() {
        let f = FRAGMENTS[k];
        assert!(f.len() >= 5, "a fragment shorter than 5 bytes");
        let mut o = 0;
        while o < 4 {
            t[pair_index(f[o], f[o + 1])] |= 1 << ((k - 1) * 4 + o);
            o += 1;
        }
        k += 1;
    }
    t
};

/// A quick filter for [`is_obvious_boilerplate`]: whether `text` holds
/// one of the [`FRAGMENTS`], in any case.
fn has_boilerplate_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Only the pairs at multiples of 4 are looked up (each ASCII
    // fragment covers one); a hit then compares the few fragments the
    // pair may belong to.
    let mut j = 0;
    while j + 1 < bytes.len() {
        let mut hits = FRAGMENT_PAIRS[pair_index(bytes[j], bytes[j + 1])];
        while hits != 0 {
            let bit = hits.trailing_zeros() as usize;
            hits &= hits - 1;
            let f = FRAGMENTS[1 + bit / 4];
            if let Some(start) = j.checked_sub(bit % 4)
                && bytes
                    .get(start..start + f.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(f))
            {
                return true;
            }
        }
        j += 4;
    }
    // `©`, two bytes, is sought on its own.
    memchr::memchr_iter(FRAGMENTS[0][0], bytes)
        .any(|i| bytes.get(i + 1) == Some(&FRAGMENTS[0][1]))
}

/// Five bits per byte: an ASCII letter in either case gives the same
/// index (other bytes alias with letters, which costs only a check).
const fn pair_index(a: u8, b: u8) -> usize {
    ((a & 31) as usize) << 5 | (b & 31) as usize
}

/// The corpus-wide key of a block that may be boilerplate: a hash of its
/// simplified text. `None` for blocks that never are (titles, long
/// paragraphs, blocks without letters).
///
/// The hash is FxHash of the pieces of [`simplify`] written one by one
/// (stats files keep these keys, so its value is fixed), computed over
/// the bytes without building the simplified text: an ASCII byte costs
/// a table load, a multiply and an add.
pub fn line_key(text: &str, kind: BlockKind) -> Option<u64> {
    // Headings recur ("Conclusion") without being site furniture.
    if matches!(kind, BlockKind::Title | BlockKind::Heading)
        || text.len() > MAX_BOILERPLATE_BYTES
    {
        return None;
    }
    let t = piece_hashes();
    let k = t.multiplier;
    let bytes = text.as_bytes();
    let mut h = 0u64;
    let (mut space, mut empty) = (false, true);
    // The classes of the pieces hashed, or'ed (a non-ASCII piece counts
    // as a LETTER).
    let mut classes = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let piece = if b < 0x80 {
            i += 1;
            let class = t.class[usize::from(b)];
            if class == SEPARATOR {
                space = true;
                continue;
            }
            if space && !empty {
                h = h.wrapping_mul(k).wrapping_add(t.space);
            }
            space = false;
            empty = false;
            classes |= class;
            h = h.wrapping_mul(k).wrapping_add(t.ascii[usize::from(b)]);
            // The rest of a run of ASCII letters and digits: pieces with
            // no space between them (bytes from 0x80 end the run too).
            while let Some(&b) = bytes.get(i) {
                let class = t.class[usize::from(b)];
                if class == SEPARATOR {
                    break;
                }
                classes |= class;
                h = h.wrapping_mul(k).wrapping_add(t.ascii[usize::from(b)]);
                i += 1;
            }
            continue;
        } else {
            let (len, piece) =
                t.common(bytes, i).unwrap_or_else(|| rare_piece(&text[i..]));
            i += len;
            let Some(piece) = piece else {
                space = true;
                continue;
            };
            piece
        };
        if space && !empty {
            h = h.wrapping_mul(k).wrapping_add(t.space);
        }
        space = false;
        empty = false;
        classes |= LETTER;
        h = h.wrapping_mul(k).wrapping_add(piece);
    }
    (classes & LETTER != 0).then(|| h.rotate_left(FX_ROTATE))
}

/// What writing a piece into an [`FxHasher`] adds to its state, which
/// then becomes `(state + hash(piece)) × multiplier`: the line key's
/// hash, one piece at a time. Tables give the piece of every ASCII byte
/// and of the non-ASCII characters French prose is made of, so that
/// only rarer ones are folded and hashed one by one.
struct PieceHashes {
    /// The piece of each ASCII letter or digit (lower case, every digit
    /// as `0`, as [`simplify`] writes them), 0 for the other bytes.
    ascii: [u64; 256],
    /// [`DIGIT`] or [`LETTER`] for each ASCII letter or digit,
    /// [`SEPARATOR`] for every other byte (0x80 and up too: a run of
    /// ASCII pieces stops at them).
    class: [u8; 256],
    /// The piece of each character from U+0080 to U+07FF (two bytes in
    /// UTF-8: accented Latin letters, NBSP), `None` for separators.
    two_bytes: Box<[Option<u64>]>,
    /// The same for U+2000 to U+203F (`’`, `…`, dashes, narrow NBSP).
    punctuation: [Option<u64>; 64],
    /// The piece of the space between words.
    space: u64,
    /// FxHash's multiplier.
    multiplier: u64,
}

/// Classes of bytes in [`PieceHashes::class`].
const SEPARATOR: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;

impl PieceHashes {
    /// The length and piece of the character at `bytes[i]` (not ASCII)
    /// when a table holds it.
    #[inline]
    fn common(&self, bytes: &[u8], i: usize) -> Option<(usize, Option<u64>)> {
        let b = bytes[i];
        if b < 0xE0 {
            // A lead byte of two (the text is UTF-8): U+0080..U+07FF.
            let c =
                usize::from(b & 0x1F) << 6 | usize::from(bytes[i + 1] & 0x3F);
            Some((2, self.two_bytes[c - 0x80]))
        } else if b == 0xE2 && bytes[i + 1] == 0x80 {
            Some((3, self.punctuation[usize::from(bytes[i + 2] & 0x3F)]))
        } else {
            None
        }
    }
}

/// The rotation `FxHasher::finish` applies to its state.
const FX_ROTATE: u32 = 26;

/// `hash(piece) × multiplier`, read off a fresh [`FxHasher`] (state 0).
fn piece_hash(piece: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(piece);
    h.finish().rotate_right(FX_ROTATE)
}

/// The length and piece of the first character of `rest`, one that no
/// table holds: out of line, so that the hot loop of [`line_key`] keeps
/// its values in registers.
#[cold]
#[inline(never)]
fn rare_piece(rest: &str) -> (usize, Option<u64>) {
    let c = rest.chars().next().expect("a char boundary");
    (c.len_utf8(), char_piece(c))
}

/// The piece of a non-ASCII `c`, `None` for a separator.
fn char_piece(c: char) -> Option<u64> {
    is_alnum(c).then(|| {
        let mut folded = String::new();
        fold_char(c, &mut folded);
        piece_hash(folded.as_bytes())
    })
}

fn piece_hashes() -> &'static PieceHashes {
    static TABLE: std::sync::OnceLock<PieceHashes> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut one = FxHasher::default();
        one.write_u64(1);
        let mut ascii = [0u64; 256];
        let mut class = [SEPARATOR; 256];
        for b in 0..128u8 {
            let (c, piece) = if b.is_ascii_digit() {
                (DIGIT, b'0')
            } else if is_ascii_alnum(b) {
                (LETTER, b.to_ascii_lowercase())
            } else {
                continue;
            };
            class[usize::from(b)] = c;
            ascii[usize::from(b)] = piece_hash(&[piece]);
        }
        let char_at = |c: u32| char::from_u32(c).expect("not a surrogate");
        PieceHashes {
            ascii,
            class,
            two_bytes: (0x80..0x800).map(|c| char_piece(char_at(c))).collect(),
            punctuation: std::array::from_fn(|k| {
                char_piece(char_at(0x2000 + k as u32))
            }),
            space: piece_hash(b" "),
            multiplier: one.finish().rotate_right(FX_ROTATE),
        }
    })
}

/// The [`line_key`] of each block of `parsed` in the body or already
/// boilerplate, `None` for the other blocks: computed once by the
/// reading pass, for both the corpus count and [`mark_boilerplate_with`].
pub fn block_keys(parsed: &Parsed) -> Vec<Option<u64>> {
    parsed
        .blocks
        .iter()
        .map(|b| match b.section {
            Section::Body | Section::Boilerplate => {
                line_key(parsed.block_text(b), b.kind)
            }
            _ => None,
        })
        .collect()
}

/// The keys of `parsed`'s blocks that may be boilerplate, each once.
pub fn line_keys(parsed: &Parsed) -> Vec<u64> {
    distinct_keys(&block_keys(parsed))
}

/// The keys of [`block_keys`], each once, sorted.
pub fn distinct_keys(keys: &[Option<u64>]) -> Vec<u64> {
    let mut keys: Vec<u64> = keys.iter().flatten().copied().collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Marks as boilerplate the body blocks whose key is in `corpus_lines`;
/// returns the text of every boilerplate block with its key (for
/// `corpus.json`).
pub fn mark_boilerplate(
    parsed: &mut Parsed,
    corpus_lines: &FxHashSet<u64>,
) -> Vec<(u64, String)> {
    let keys = block_keys(parsed);
    mark_boilerplate_with(parsed, &keys, corpus_lines)
}

/// [`mark_boilerplate`] with the [`block_keys`] of `parsed` already
/// computed (before any block was marked by this function).
pub fn mark_boilerplate_with(
    parsed: &mut Parsed,
    keys: &[Option<u64>],
    corpus_lines: &FxHashSet<u64>,
) -> Vec<(u64, String)> {
    debug_assert_eq!(keys.len(), parsed.blocks.len());
    let mut found = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let Some(key) = *key else {
            continue;
        };
        let b = parsed.blocks[i];
        let repeated = corpus_lines.contains(&key);
        if repeated {
            parsed.blocks[i].section = Section::Boilerplate;
        }
        if repeated || b.section == Section::Boilerplate {
            found.push((key, clean_title(parsed.block_text(&b))));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::text;

    #[test]
    fn teasers_signature_and_footer() {
        let post = "Titre du billet\n\nUn paragraphe.\n\n\
                    N’HÉSITEZ PAS À LE PARTAGER pour inciter vos amis !\n\n\
                    Par Julie Roy, M. Sc.\n\nArticles récents:\n\n\
                    Premier titre\n\nUn extrait.\n\nPlus d'info\n\n\
                    Second titre ?\n\nPlus d’info\n\n\
                    Copyright © 2013 Exemple\n";
        let mut p = text::parse(post);
        let related = mark_sections(&mut p);
        assert_eq!(related, ["Premier titre", "Second titre ?"]);
        assert_eq!(p.meta.author.as_deref(), Some("Julie Roy"));
        let sections: Vec<Section> =
            p.blocks.iter().map(|b| b.section).collect();
        use Section::*;
        assert_eq!(
            sections,
            [
                Body,
                Body,
                Boilerplate,
                Signature,
                Teaser,
                Teaser,
                Teaser,
                Teaser,
                Teaser,
                Teaser,
                Boilerplate
            ]
        );
    }

    /// Teaser titles as short lines or as a list: only the blocks after
    /// the heading tell which, not a list in the body above it.
    #[test]
    fn teaser_titles_as_lines_or_as_a_list() {
        let body = "Titre du billet\n\nDeux choses :\n\n- un point\n\
                    - un autre point\n\n";
        let lines =
            format!("{body}À lire aussi\n\nPremier titre\n\nSecond titre ?\n");
        let mut p = text::parse(&lines);
        assert_eq!(mark_sections(&mut p), ["Premier titre", "Second titre ?"]);
        // A list after the heading: its items, not the sentence that
        // introduces them.
        let list = format!(
            "{body}À lire aussi\n\nDeux billets voisins :\n\n\
             - Premier titre\n- Second titre ?\n"
        );
        let mut p = text::parse(&list);
        assert_eq!(mark_sections(&mut p), ["Premier titre", "Second titre ?"]);
        // A heading written as a list item, then lines.
        let item = format!(
            "{body}- À lire aussi\n\nPremier titre\n\nSecond titre ?\n"
        );
        let mut p = text::parse(&item);
        assert_eq!(mark_sections(&mut p), ["Premier titre", "Second titre ?"]);
    }

    /// A teaser heading is a short line: 60 bytes at most.
    #[test]
    fn teaser_heading_of_60_bytes_at_most() {
        let post = |heading: &str| {
            let mut p = text::parse(&format!(
                "Titre du billet\n\nUn paragraphe.\n\n{heading}\n\n\
                 Premier titre\n"
            ));
            mark_sections(&mut p)
        };
        let mut heading = String::from("À lire aussi ");
        while heading.len() < 60 {
            heading.push('.');
        }
        assert_eq!(post(&heading), ["Premier titre"]);
        heading.push('.');
        assert_eq!(post(&heading), Vec::<String>::new());
    }

    /// A teaser's title is followed by its more-link within three
    /// blocks; a title with three blocks of excerpt is no teaser.
    #[test]
    fn teaser_more_link_within_three_blocks() {
        let post = "Titre du billet\n\nUn paragraphe.\n\nÀ lire aussi\n\n\
                    Premier titre\n\nUn extrait.\n\nSa suite.\n\n\
                    Lire la suite\n\n\
                    Second titre\n\nUn.\n\nDeux.\n\nTrois.\n\n\
                    Lire la suite\n";
        let mut p = text::parse(post);
        assert_eq!(mark_sections(&mut p), ["Premier titre"]);
    }

    #[test]
    fn boilerplate_words_in_any_case() {
        for text in [
            "COPYRIGHT 2013",
            "Tous droits",
            "la Reproduction",
            "PARTAGEZ",
            "Abonnez-vous",
            "iNSCRIVEZ",
            "Suivez",
            "©",
        ] {
            assert!(has_boilerplate_word(text), "{text:?}");
        }
        // Pairs that start a fragment, without the fragment; a fragment
        // at the very end.
        for text in
            ["par", "dans les", "qui", "bonne", "opéra", "drôle", "repas"]
        {
            assert!(!has_boilerplate_word(text), "{text:?}");
        }
        assert!(has_boilerplate_word("le jardin partag"));
        for text in ["copyrigh", "droit", "", "d", "partout", "suiveur"] {
            assert!(!has_boilerplate_word(text), "{text:?}");
        }
    }

    /// Each kind of obvious boilerplate on its own, and prose close to
    /// each that stays.
    #[test]
    fn obvious_boilerplate_one_pattern_at_a_time() {
        let share_prose = format!(
            "N’hésitez pas à partager vos récoltes avec vos amis : {}",
            "le jardin partagé vit de ces échanges. ".repeat(4)
        );
        assert!(share_prose.len() > MAX_SHARE_CALL_BYTES);
        let cases: &[(&str, bool)] = &[
            ("© 2013 Exemple", true),
            ("Copyright 2013 Exemple", true),
            ("Texte et photos, tous droits réservés.", true),
            ("Reproduction interdite sans accord.", true),
            ("Reproduction restreinte.", true),
            ("N’hésitez pas à partager cet article !", true),
            ("Partagez-le avec vos proches.", true),
            ("Abonnez-vous à la lettre.", true),
            ("Inscrivez-vous à la newsletter", true),
            ("Inscrivez-vous à notre newsletter", true),
            ("Suivez-nous sur Mastodon", true),
            // Prose with the same words.
            ("Le copyright des images pose question.", false),
            ("Nos droits et nos devoirs.", false),
            ("La reproduction des tomates.", false),
            ("Un jardin partagé.", false),
            (share_prose.as_str(), false),
            ("Suivez le guide.", false),
            ("Inscrivez-vous au club.", false),
        ];
        for &(text, want) in cases {
            assert_eq!(is_obvious_boilerplate(text), want, "{text:?}");
        }
        // A copyright line of up to 300 bytes; a longer block is prose.
        let mut long = String::from("© 2013 Exemple");
        while long.len() < MAX_BOILERPLATE_BYTES {
            long.push('.');
        }
        assert!(is_obvious_boilerplate(&long));
        long.push('.');
        assert!(!is_obvious_boilerplate(&long));
    }

    #[test]
    fn more_link_filter_keeps_every_more_link() {
        let longest = MORE_LINKS.iter().map(|m| m.len()).max();
        assert_eq!(longest, Some(MAX_MORE_LINK_BYTES));
        for m in MORE_LINKS {
            assert!(few_alphanumerics(m, MAX_MORE_LINK_BYTES), "{m:?}");
        }
        assert!(few_alphanumerics("Continuer la lecture…", 20));
        assert!(!few_alphanumerics("Un long paragraphe de texte.", 20));
    }

    #[test]
    fn teaser_heading_filter_keeps_every_heading() {
        for h in TEASER_HEADINGS {
            assert!(may_be_teaser_heading(h), "{h:?}");
        }
        assert!(may_be_teaser_heading("À lire aussi"));
        assert!(may_be_teaser_heading("« Articles récents »"));
        assert!(!may_be_teaser_heading("Conclusion"));
        assert!(!may_be_teaser_heading("…"));
    }

    /// The key as first defined: FxHash of the pieces of `simplify`,
    /// written one by one (stats files hold these values).
    fn reference_key(text: &str, kind: BlockKind) -> Option<u64> {
        if matches!(kind, BlockKind::Title | BlockKind::Heading)
            || text.len() > MAX_BOILERPLATE_BYTES
        {
            return None;
        }
        let mut h = FxHasher::default();
        let mut alpha = false;
        crate::normalize::simplified_pieces(text, |piece, letter| {
            alpha |= letter;
            h.write(piece.as_bytes());
        });
        alpha.then(|| h.finish())
    }

    #[test]
    fn line_key_is_the_hash_of_the_simplified_pieces() {
        let texts = [
            "© 2013 Aliterconcept",
            "Partagez cet article avec vos amis !",
            "L’Œuvre  d'ÉTÉ — 12 ½ ²  Straße ǅ ﬁn",
            "  ,;  ",
            "a",
            "Ça 1",
            "日本語 テキスト",
            "Ünïcödé\u{301} e\u{301}",
        ];
        for text in texts {
            assert_eq!(
                line_key(text, BlockKind::Paragraph),
                reference_key(text, BlockKind::Paragraph),
                "{text:?}"
            );
        }
        let long = "mot ".repeat(80);
        assert_eq!(line_key(&long, BlockKind::Paragraph), None);
        // Up to 300 bytes, like the obvious boilerplate.
        let longest = "mot ".repeat(75);
        assert!(line_key(&longest, BlockKind::Paragraph).is_some());
        assert_eq!(line_key(&(longest + "x"), BlockKind::Paragraph), None);
        assert_eq!(line_key("Titre", BlockKind::Heading), None);
    }

    /// Every character the tables of [`PieceHashes`] hold, and their
    /// neighbours, between letters, digits and spaces.
    #[test]
    fn line_key_tables_match_the_reference() {
        let chars = (0x7F..0x900).chain(0x1FF0..0x2090);
        for c in chars.filter_map(char::from_u32) {
            for text in
                [format!("a{c}b"), format!("{c}"), format!("1 {c}{c} É")]
            {
                assert_eq!(
                    line_key(&text, BlockKind::Paragraph),
                    reference_key(&text, BlockKind::Paragraph),
                    "{text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn boilerplate_word_scan_matches_a_plain_search(
            text in "([aAbB ©éÉ’]{0,3}(©|opyright|droits|eproduction|artag\
                      |bonnez|nscrivez|uivez|OPYRIGHT|DrOiTs|EPRODUCTION\
                      |ArTaG|BONNEZ|NScrivez|UiVeZ|opyrigh|bonne|uive)?){0,6}"
        ) {
            let bytes = text.as_bytes();
            let plain = FRAGMENTS.iter().any(|f| {
                bytes.windows(f.len()).any(|w| w.eq_ignore_ascii_case(f))
            });
            proptest::prop_assert_eq!(has_boilerplate_word(&text), plain);
        }

        #[test]
        fn line_key_matches_the_reference(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(
                line_key(&text, BlockKind::ListItem),
                reference_key(&text, BlockKind::ListItem)
            );
        }

        /// Mostly runs of ASCII letters and digits, which the key hashes
        /// in a loop of their own.
        #[test]
        fn line_key_matches_the_reference_on_ascii_runs(
            text in "([a-zA-Z0-9]{1,6}|[ .,’é\u{0}-\u{7f}]){0,30}"
        ) {
            proptest::prop_assert_eq!(
                line_key(&text, BlockKind::Paragraph),
                reference_key(&text, BlockKind::Paragraph)
            );
        }
    }

    /// The corpus pass: each key of a post once, then the lines that
    /// recur in the corpus marked, and every boilerplate line returned
    /// with its key (the obvious ones too).
    #[test]
    fn corpus_boilerplate_lines() {
        let post = "Titre du billet\n\nUn paragraphe.\n\n\
                    Le site du jardin\n\nUN PARAGRAPHE !\n\n\
                    © 2013 Exemple\n";
        let mut p = text::parse(post);
        mark_sections(&mut p);
        let key = |t| line_key(t, BlockKind::Paragraph).unwrap();
        let mut want = vec![
            key("Un paragraphe."),
            key("Le site du jardin"),
            key("© 2013 Exemple"),
        ];
        want.sort_unstable();
        assert_eq!(line_keys(&p), want);

        let corpus: FxHashSet<u64> =
            [key("Le site du jardin")].into_iter().collect();
        assert_eq!(
            mark_boilerplate(&mut p, &corpus),
            [
                (key("Le site du jardin"), "Le site du jardin".to_string()),
                (key("© 2013 Exemple"), "© 2013 Exemple".to_string()),
            ]
        );
        let sections: Vec<Section> =
            p.blocks.iter().map(|b| b.section).collect();
        use Section::*;
        assert_eq!(sections, [Body, Body, Boilerplate, Body, Boilerplate]);
    }

    #[test]
    fn line_keys_ignore_numbers_and_case() {
        let a = line_key("© 2013 Aliterconcept", BlockKind::Paragraph);
        let b = line_key("© 2014 ALITERCONCEPT.", BlockKind::Paragraph);
        assert_eq!(a, b);
        assert_eq!(line_key("Titre", BlockKind::Title), None);
        assert_eq!(line_key("2013", BlockKind::Paragraph), None);
    }
}
