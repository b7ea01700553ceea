//! The open classes, found by stem rather than listed: verbs of asking,
//! knowing, checking, explaining, showing and deciding (demander,
//! savoir's neighbours ignorer and comprendre, vérifier, montrer,
//! décider…), infinitive endings, "-ment" adverbs.

use super::classes::*;

/// The flags of open classes, read from the folded word `s`: verbs of
/// asking, knowing, checking, explaining, showing and deciding by their
/// stems, infinitive endings, "-ment" adverbs.
pub(super) fn open_class(s: &[u8], lex: Lex) -> u64 {
    let mut f = if may_have_stem(s) { stem_flags(s) } else { 0 };
    // The endings, from the last four bytes, with no branch on them.
    let n = s.len();
    let tail = match s.get(n.wrapping_sub(4)..) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    };
    let last2 = tail >> 16;
    let erir = (last2 == u32::from(u16::from_le_bytes(*b"er")))
        | (last2 == u32::from(u16::from_le_bytes(*b"ir")));
    let re = last2 == u32::from(u16::from_le_bytes(*b"re"));
    f |= (u64::from(erir | re) * F_INF) | (u64::from(erir) * F_INF_ERIR);
    let ment =
        (tail == u32::from_le_bytes(*b"ment")) & (n > 5) & (lex == Lex::Other);
    if ment && s != b"vraiment" {
        f |= F_INTENS;
    }
    f
}

/// The first four bytes of every stem [`stem_flags`] reads but "jug"
/// (a word with a stem starts with one of them, or with "jug"): "déc"
/// is `d C3 A9 c`.
const STEM_HEADS: [&str; 25] = [
    "dema", "déc", "dét", "deci", "dete", "deco", "devi", "rede", "raco",
    "rega", "igno", "inte", "indi", "expl", "exam", "eval", "éva", "comp",
    "vér", "veri", "mont", "mesu", "test", "pré", "prec",
];

/// Bitset index of four bytes, little-endian.
const fn head_hash(v: u32) -> usize {
    (v.wrapping_mul(0x9e37_79b1) >> (32 - 12)) as usize
}

/// Bitset over [`head_hash`] of [`STEM_HEADS`].
const HEAD_SET: [u64; 64] = {
    let mut t = [0u64; 64];
    let mut k = 0;
    while k < STEM_HEADS.len() {
        let w = STEM_HEADS[k].as_bytes();
        let h = head_hash(u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
        t[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    t
};

/// False when `s` starts with no stem of [`stem_flags`]: one
/// well-predicted test instead of a jump on the first byte of every
/// word (many words share a stem's first letter, few its first four
/// bytes: "comme" is no "comp…").
fn may_have_stem(s: &[u8]) -> bool {
    let head = match s.get(..4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        // Shorter words, padded with zeros.
        _ => s.iter().rev().fold(0, |v, &c| v << 8 | u32::from(c)),
    };
    let h = head_hash(head);
    let jug = u32::from_le_bytes([b'j', b'u', b'g', 0]);
    (HEAD_SET[h >> 6] >> (h & 63) & 1 != 0) | (head & 0xff_ffff == jug)
}

/// The flags of the verbs found by their stems.
fn stem_flags(s: &[u8]) -> u64 {
    let starts = |p: &[u8]| s.starts_with(p);
    let mut f = 0;
    let say = |f: &mut u64| *f |= F_T_SAY;
    match s.first() {
        // "demander", "redemander", but not "le demandeur".
        Some(b'd') => {
            if starts(b"demand") && !starts(b"demandeu") {
                f |= F_T_ASK | F_ASKING;
            }
            // "décider", "déterminer", "découvrir", "deviner"; not
            // "décidément", "détermination", "devinette".
            if (starts("décid".as_bytes()) || starts(b"decid"))
                && !starts("décidém".as_bytes())
                && !starts(b"decidem")
            {
                say(&mut f);
            }
            if (starts("détermin".as_bytes()) || starts(b"determin"))
                && !starts("déterminat".as_bytes())
                && !starts(b"determinat")
            {
                say(&mut f);
            }
            if starts("découv".as_bytes()) || starts(b"decouv") {
                say(&mut f);
            }
            if starts(b"devin") && !starts(b"devinet") {
                say(&mut f);
            }
        }
        Some(b'r') => {
            if starts(b"redemand") {
                f |= F_T_ASK | F_ASKING;
            }
            if starts(b"racont") {
                say(&mut f);
            }
            if starts(b"regard") {
                f |= F_T_SAY | F_SEE;
            }
        }
        Some(b'i') => {
            // "ignorer", but not "l’ignorance".
            if starts(b"ignor") && !starts(b"ignoranc") {
                f |= F_T_ASK;
            }
            // "s’interroger", not "l’interrogation", "interrogatif".
            if starts(b"interrog") && !starts(b"interrogat") {
                f |= F_T_ASK | F_ASKING;
            }
            if starts(b"indiqu") {
                say(&mut f);
            }
        }
        Some(b'e')
            if (starts(b"expliqu") || starts(b"examin") || starts(b"evalu")) => {
                say(&mut f);
            }
        Some(0xc3)
            // "évaluer", not "l’évaluation".
            if starts("évalu".as_bytes()) && !starts("évaluat".as_bytes()) => {
                say(&mut f);
            }
        Some(b'c')
            if (starts(b"compren") || starts(b"comprend") || starts(b"compris"))
            => {
                f |= F_T_UND;
            }
        Some(b'v')
            if (starts("vérifi".as_bytes()) || starts(b"verifi")) => {
                say(&mut f);
            }
        Some(b'm')
            if (starts(b"montr") || starts(b"mesur")) => {
                say(&mut f);
            }
        Some(b't')
            if starts(b"test")
                && !starts(b"testam")
                && !starts(b"testim")
                && !starts(b"testos")
            => {
                say(&mut f);
            }
        Some(b'j')
            if starts(b"jug") && !starts(b"jugem") => {
                say(&mut f);
            }
        // "préciser", "précisé"; not "précis(e)", "précisément".
        Some(b'p') => {
            let long = s.len() > "précise".len();
            if (starts("précis".as_bytes()) || starts(b"precis"))
                && (long || s == "précisé".as_bytes())
                && !starts("précisém".as_bytes())
                && !starts(b"precisem")
            {
                say(&mut f);
            }
        }
        _ => {}
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stem that [`stem_flags`] tests passes the gate, with or
    /// without the letters after it; short words with no stem do not
    /// reach the match at all.
    #[test]
    fn every_stem_passes_the_gate() {
        let stems = [
            "demand",
            "décid",
            "decid",
            "détermin",
            "determin",
            "découv",
            "decouv",
            "devin",
            "redemand",
            "racont",
            "regard",
            "ignor",
            "interrog",
            "indiqu",
            "expliqu",
            "examin",
            "evalu",
            "évalu",
            "compren",
            "comprend",
            "compris",
            "vérifi",
            "verifi",
            "montr",
            "mesur",
            "test",
            "jug",
            "précis",
            "precis",
        ];
        for stem in stems {
            for end in ["", "er", "é", "ons", "x"] {
                let w = format!("{stem}{end}");
                assert!(may_have_stem(w.as_bytes()), "{w}");
            }
        }
        assert_ne!(open_class(b"jug", Lex::Other) & F_T_SAY, 0);
        assert_ne!(open_class("vérifier".as_bytes(), Lex::Other) & F_T_SAY, 0);
        assert_eq!(open_class(b"de", Lex::Other), 0);
    }

    /// The endings: infinitives and "-ment" adverbs.
    #[test]
    fn endings_give_their_flags() {
        let f = |w: &str| open_class(w.as_bytes(), Lex::Other);
        assert_eq!(f("manger"), F_INF | F_INF_ERIR);
        assert_eq!(f("finir"), F_INF | F_INF_ERIR);
        assert_eq!(f("prendre"), F_INF);
        assert_eq!(f("air"), 0);
        assert_eq!(f("lentement"), F_INTENS);
        assert_eq!(f("vraiment"), 0);
        assert_eq!(f("ment"), 0);
        assert_eq!(open_class(b"comment", Lex::Comment), 0);
    }
}
