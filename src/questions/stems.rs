//! The open classes, found by stem rather than listed: verbs of asking,
//! knowing, checking, explaining, showing and deciding (demander,
//! savoir's neighbours ignorer and comprendre, vérifier, montrer,
//! décider…), infinitive endings, "-ment" adverbs.

use super::classes::*;

/// The flags of open classes, read from the folded word `s`: verbs of
/// asking, knowing, checking, explaining, showing and deciding by their
/// stems, infinitive endings, "-ment" adverbs.
pub(super) fn open_class(s: &[u8], lex: Lex) -> u64 {
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
    let n = s.len();
    if n >= 4 {
        match s[n - 2..] {
            [b'e' | b'i', b'r'] => f |= F_INF | F_INF_ERIR,
            [b'r', b'e'] => f |= F_INF,
            _ => {}
        }
    }
    if lex == Lex::Other && n > 5 && s.ends_with(b"ment") && s != b"vraiment" {
        f |= F_INTENS;
    }
    f
}
