//! The prefilter: whether a sentence may be a question at all, read off
//! its bytes before any token is made: a `?`, a list line that may ask,
//! and the forms of a question without `?` that no trigger word
//! announces (an inversion or "est-ce" after a hyphen, an interrogative
//! word opening the sentence). The trigger words are [`super::triggers`].

use super::blocks;
use super::triggers::{KEY_BITS, KEY_OF, key_at, key_hash};

/// A `?` that is not the doubt marker "(?)" ("il a payé 300 $ (?)") nor
/// the query of an address ("page.php?id=2", "search?q=velo").
pub(super) fn has_question_mark(text: &str) -> bool {
    let b = text.as_bytes();
    // memchr's SIMD search: most sentences hold no `?` at all.
    memchr::memchr_iter(b'?', b).any(|i| {
        let doubt = i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')');
        !doubt && !opens_query(b, i)
    })
}

/// Whether the `?` at `i` opens an address's query: glued to a letter,
/// digit or `/` before it, and followed by a key (letters, digits, `_`,
/// `-`) and `=`.
fn opens_query(b: &[u8], i: usize) -> bool {
    let glued =
        i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/');
    let key = b[i + 1..]
        .iter()
        .take_while(|&&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')
        })
        .count();
    glued && key > 0 && b.get(i + 1 + key) == Some(&b'=')
}

/// Exact pre-filter for [`classify`] in list mode on a sentence without
/// `?`: false when its verdict cannot be [`Kind::Direct`]. That verdict
/// needs no final `!` and either an inversion (a hyphen token), a `quel`
/// form (a word containing "quel": quel…, lequel, auquel…) or an
/// `est_ce_que`/`qu_est_ce_que` form, which reads the words "est" and
/// "ce" as adjacent tokens or with a hyphen between.
pub(super) fn may_ask_in_list(text: &str) -> bool {
    !ends_with_bang(text) && has_marker(text)
}

/// What an inversion or "est-ce que" needs, found with `memchr`: a
/// character that [`Tokens`] makes a hyphen token (`-`, U+00AD `C2 AD`,
/// U+2010/U+2011 `E2 80 90/91`), or "quel" (ASCII case ignored)
/// anywhere, or "est", whitespace, "ce" (a superset of the word "est"
/// followed by the word "ce").
pub(super) fn has_marker(text: &str) -> bool {
    let b = text.as_bytes();
    let ci = |i: usize, s: &[u8]| {
        b.get(i..i + s.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    let hyphen = |i: usize| match b[i] {
        b'-' => true,
        0xAD => i >= 1 && b[i - 1] == 0xC2,
        _ => i >= 2 && b[i - 2..i] == [0xE2, 0x80],
    };
    memchr::memchr3_iter(b'-', 0xAD, 0x90, b).any(hyphen)
        || memchr::memchr_iter(0x91, b).any(hyphen)
        || memchr::memchr2_iter(b'q', b'Q', b).any(|i| ci(i + 1, b"uel"))
        || memchr::memchr2_iter(b'c', b'C', b).any(|i| {
            // `i` holds an ASCII byte: a char boundary.
            let before = text[..i].trim_end_matches(char::is_whitespace);
            ci(i + 1, b"e")
                && before.len() < i
                && before.len() >= 3
                && ci(before.len() - 3, b"est")
        })
}

/// An exclamation at the end: an imperative list line ("Inscrivez-vous !")
/// is not an inverted question.
pub(super) fn ends_with_bang(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '.')
    })
    .ends_with('!')
}

/// Cheap pre-filter for the questions without `?` that no trigger word
/// ([`has_trigger_word`]) announces: false when the sentence has no
/// hyphen before a subject pronoun or "ce" (an inversion, "est-ce"),
/// no interrogative word or "est" opening it, and no "est ce qu" without
/// hyphen. Superset of what the rules need; ordinary prose fails it
/// after a look at its first word and one branch-free pass over its
/// bytes ([`marks`]).
pub(super) fn may_ask_unmarked(text: &str) -> bool {
    let b = text.as_bytes();
    if opens_with_wh(b) {
        return true;
    }
    let (hyphen, c_q) = marks(b);
    (hyphen
        && (memchr::memchr3_iter(b'-', 0xAD, 0x90, b)
            .any(|h| pronoun_after(b, h))
            || memchr::memchr_iter(0x91, b).any(|h| pronoun_after(b, h))))
        || (c_q && EST_CE.find(b).is_some())
}

/// One branch-free pass over `b`, sixteen bytes a step: whether it may
/// hold a byte that ends a hyphen (`-`, 0xAD, 0x90, 0x91, with 0x10 and
/// 0x11 as a superset), and whether it holds a "c" with a "q" three
/// bytes on (every "st ce qu" has one, few sentences do). Most
/// sentences have neither and skip the `memchr` and `memmem` calls,
/// each of which costs more than the bytes on a short sentence. The
/// per-byte tests are plain compares that the compiler turns into
/// vector ones; the last bytes are read again, as an "any" test allows
/// (no copy).
fn marks(b: &[u8]) -> (bool, bool) {
    let n = b.len();
    if n < 19 {
        return short_marks(b);
    }
    let mut hyphen = [0u8; 16];
    let mut c_q = [0u8; 16];
    let mut step = |i: usize| {
        let (at, on3) = (&b[i..i + 16], &b[i + 3..i + 19]);
        for j in 0..16 {
            let c = at[j];
            hyphen[j] |=
                u8::from(c & 0x7f == b'-') | u8::from(c & 0x7e == 0x10);
            c_q[j] |= u8::from(c == b'c') & u8::from(on3[j] == b'q');
        }
    };
    let mut i = 0;
    while i + 19 <= n {
        step(i);
        i += 16;
    }
    step(n - 19);
    // The steps' sixteen bytes stop three short of the end.
    let last = u64::from_le_bytes(b[n - 8..].try_into().unwrap_or([0; 8]));
    (
        (hyphen != [0; 16]) | (blocks::hyphens(last) != 0),
        c_q != [0; 16],
    )
}

/// [`marks`] for fewer than nineteen bytes, eight at a time with
/// [`blocks::hyphens`]; such a sentence with eight bytes or more goes
/// on to the `memmem` search.
fn short_marks(b: &[u8]) -> (bool, bool) {
    let n = b.len();
    if n < 8 {
        // Zero bytes are in neither class.
        return (blocks::hyphens(blocks::padded(b)) != 0, false);
    }
    let load = |i: usize| {
        u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]))
    };
    // Bytes 0..8, 8..16 (or fewer) and the last eight: all of them.
    let hyphen = blocks::hyphens(load(0))
        | blocks::hyphens(load(8.min(n - 8)))
        | blocks::hyphens(load(n - 8));
    (hyphen != 0, true)
}

/// "est ce qu" without its hyphen: "Est ce que tout est frais …".
static EST_CE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"st ce qu"));

/// Byte `h` ends a hyphen (`-`, U+00AD, U+2010, U+2011) glued to a
/// letter and followed by a subject pronoun or "ce": "faites-vous",
/// "est-ce", the second hyphen of "a-t-il", "pourra\u{ad}t\u{ad}il".
fn pronoun_after(b: &[u8], h: usize) -> bool {
    let start = match b[h] {
        b'-' => h,
        0xAD if h >= 1 && b[h - 1] == 0xC2 => h - 1,
        0x90 | 0x91 if h >= 2 && b[h - 2..h] == [0xE2, 0x80] => h - 2,
        // 0x10/0x11 and lone continuation bytes: the class above is a
        // superset.
        _ => return false,
    };
    let glued = start
        .checked_sub(1)
        .is_some_and(|p| b[p].is_ascii_alphabetic() || b[p] >= 0x80);
    if !glued {
        return false;
    }
    // "a-t-il": the hyphen after "t" is glued to it and passes.
    let rest = &b[h + 1..];
    let word = rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let ends = rest.get(word).is_none_or(|&c| c < 0x80);
    const PRONOUNS: [&[u8]; 10] = [
        b"il", b"ils", b"elle", b"elles", b"on", b"je", b"tu", b"nous",
        b"vous", b"ce",
    ];
    ends && PRONOUNS
        .iter()
        .any(|p| rest[..word].eq_ignore_ascii_case(p))
}

/// The sentence opens (after quotes, dashes and up to two conjunctions)
/// with an interrogative word whose question the other pre-filters miss:
/// "que"/"qu’" ("Que faire", "Que devient l’argent"), "où" ("Où sont
/// passés…"), "quand" before an infinitive ("Quand planter les bulbes").
/// (An inversion or "est-ce" after them has a hyphen; "comment",
/// "pourquoi", "combien", "quel" pass [`may_embed`].)
fn opens_with_wh(b: &[u8]) -> bool {
    // Most sentences open with another word: one bitset test on its
    // first four bytes rejects them.
    let first = b
        .iter()
        .position(|&c| c.is_ascii_alphabetic() || c >= 0xc0)
        .unwrap_or(b.len());
    let h = key_at(b, first);
    if OPENER_KEYS[h >> 6] >> (h & 63) & 1 == 0 {
        return false;
    }
    let mut i = 0;
    for _ in 0..3 {
        while i < b.len() && !(b[i].is_ascii_alphabetic() || b[i] >= 0xc0) {
            i += 1;
        }
        let w = &b[i..];
        let len = w
            .iter()
            .position(|&c| {
                !(c.is_ascii_alphabetic() || c >= 0x80) || c == 0xe2
            })
            .unwrap_or(w.len());
        let word = &w[..len];
        let is = |s: &[u8]| word.eq_ignore_ascii_case(s);
        match word.first().map(|c| c | 0x20) {
            Some(b'q') => {
                if is(b"que") || is(b"qu") {
                    return true;
                }
                if is(b"quand") {
                    // The next word ends like an infinitive.
                    let rest = &w[len..];
                    let rest = &rest[rest
                        .iter()
                        .position(|c| c.is_ascii_alphabetic())
                        .unwrap_or(rest.len())..];
                    let n = rest
                        .iter()
                        .position(|c| !c.is_ascii_alphabetic())
                        .unwrap_or(rest.len());
                    return n >= 4
                        && matches!(
                            [rest[n - 2] | 0x20, rest[n - 1] | 0x20],
                            [b'e' | b'i', b'r'] | [b'r', b'e']
                        );
                }
                return false;
            }
            Some(b'o') if is("où".as_bytes()) || is("oÙ".as_bytes()) => {
                return true;
            }
            Some(
                b'e' | b'm' | b'a' | b'd' | b'b' | b'p' | b'o' | b's' | b'f',
            ) => {
                if !OPENING_CONJ.iter().any(|c| is(c)) {
                    return false;
                }
            }
            _ => return false,
        }
        i += len;
    }
    false
}

/// The conjunctions [`opens_with_wh`] reads past.
const OPENING_CONJ: [&[u8]; 12] = [
    b"et",
    b"mais",
    b"alors",
    b"donc",
    b"bon",
    b"bref",
    b"enfin",
    b"puis",
    b"or",
    b"sinon",
    b"franchement",
    b"ensuite",
];

/// Bitset over the keys ([`key_hash`]) of the first words that
/// [`opens_with_wh`] reads on: its interrogative words and
/// [`OPENING_CONJ`]. A word shorter than four bytes keys on the byte
/// after it (0: no letter), then, if it has two, on any fourth byte
/// ("qu’", "qu'a", "et ").
const OPENER_KEYS: [u64; 1 << (KEY_BITS - 6)] = {
    const WH: [&[u8]; 4] = [b"que", b"qu", b"quand", "où".as_bytes()];
    let mut t = [0u64; 1 << (KEY_BITS - 6)];
    let mut k = 0;
    while k < WH.len() + OPENING_CONJ.len() {
        let w = if k < WH.len() {
            WH[k]
        } else {
            OPENING_CONJ[k - WH.len()]
        };
        let mut c = [0u8; 4];
        let mut i = 0;
        while i < 4 && i < w.len() {
            c[i] = KEY_OF[w[i] as usize];
            i += 1;
        }
        let mut last = 0;
        while last < 32 {
            if w.len() == 2 {
                c[3] = last;
            }
            let h = key_hash(c);
            t[h >> 6] |= 1 << (h & 63);
            last += 1;
        }
        k += 1;
    }
    t
};

/// Pre-filter for a heading (or a title) beside [`may_ask_unmarked`]
/// and the trigger words: it holds an interrogative word anywhere, read
/// off its bytes ("qu" for que, qui, quand, quel, quoi, pourquoi,
/// lequel…; "ù" for où; "comment", "combien"; ASCII case ignored), since
/// a heading may open with one ("Comment installer Rust", "Que contient
/// la boîte") or after a preposition or a colon ("À quoi sert un VPN",
/// "Bilan : que retenir").
pub(super) fn may_open_a_heading_question(text: &str) -> bool {
    let b = text.as_bytes();
    let ci = |i: usize, s: &[u8]| {
        b.get(i..i + s.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    (0..b.len()).any(|i| match b[i] | 0x20 {
        b'q' => ci(i + 1, b"u"),
        // "ù", "Ù"
        0xe3 => b[i] == 0xc3 && matches!(b.get(i + 1), Some(0xb9 | 0x99)),
        b'c' => ci(i + 1, b"omment") || ci(i + 1, b"ombien"),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key test in front of [`opens_with_wh`] lets through every
    /// opening it reads on, whatever byte ends the first word.
    #[test]
    fn openers_pass_the_key_test() {
        for text in [
            "Que faire",
            "QUE FAIRE",
            "que",
            "Qu’en dire",
            "Qu'en dire",
            "Qu'a-t-il dit",
            "Où sont passés les beaux jours",
            "OÙ aller",
            "où",
            "\"Où aller\"",
            "- Que faire",
            "Quand planter les bulbes",
            "Et que faire",
            "Et, que faire",
            "Mais où aller",
            "Or que faire",
            "Bon, que faire",
            "Franchement que dire",
            "Ensuite où aller",
        ] {
            assert!(opens_with_wh(text.as_bytes()), "{text}");
        }
        for text in ["Quelque chose", "Quant à lui", "Ou bien", "Etre ou"] {
            assert!(!opens_with_wh(text.as_bytes()), "{text}");
        }
    }

    /// The filter for questions without a trigger word admits the
    /// inversions, "est ce qu" and the openings its rules read, and
    /// rejects prose, including prose with a hyphen before no pronoun
    /// and a "c" with a "q" three bytes on that is no "est ce qu".
    #[test]
    fn unmarked_filter_rejects_prose_and_admits_inversions() {
        for text in [
            "Viens-tu demain avec nous à la fête du village.",
            "Pourra\u{ad}t\u{ad}il venir.",
            "Est-ce bien raisonnable après une si longue route.",
            "Est ce que tout est frais dans ce grand marché couvert.",
            "Où sont passés les beaux jours de notre enfance.",
        ] {
            assert!(may_ask_unmarked(text), "{text}");
        }
        for text in [
            "Il fait beau ce matin et la route est longue, vraiment.",
            "Le porte-avions est rentré au port hier soir très tard.",
            "Un vis-à-vis sans pareil pour le pique-nique de dimanche.",
            "Le cirque qui passe ce soir donne chaque soir un spectacle.",
        ] {
            assert!(!may_ask_unmarked(text), "{text}");
        }
    }

    /// [`marks`] sees a hyphen's last byte and a "st ce qu" wherever
    /// they sit in a text of any length, and neither in plain prose.
    #[test]
    fn marks_see_every_position() {
        let prose = b"Il fait beau ce matin et la route est longue, vraiment.";
        for n in 0..prose.len() {
            // From 8 to 18 bytes the "c…q" test is left to `memmem`.
            let short = (8..19).contains(&n);
            assert_eq!(marks(&prose[..n]), (false, short), "n {n}");
            for end in [&b"-"[..], "\u{ad}".as_bytes(), "\u{2011}".as_bytes()]
            {
                for at in 0..=n {
                    let mut t = prose[..n].to_vec();
                    t.splice(at..at, end.iter().copied());
                    assert!(marks(&t).0, "{end:?} at {at}, n {n}");
                }
            }
            // Two hyphens eight bytes apart sit in the same lane of two
            // eight-byte loads: neither may hide the other.
            for at in 0..n.saturating_sub(8) {
                let mut t = prose[..n].to_vec();
                t[at] = b'-';
                t[at + 8] = b'-';
                assert!(marks(&t).0, "hyphens at {at} and {}, n {n}", at + 8);
            }
            for at in 0..=n {
                let mut t = prose[..n].to_vec();
                t.splice(at..at, b"st ce qu".iter().copied());
                assert!(marks(&t).1, "at {at}, n {n}");
            }
        }
    }
}
