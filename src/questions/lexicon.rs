//! The closed word classes the rules name: a table of folded words with
//! their [`Lex`] and `F_*` flags, a hash table over it, and the open
//! classes found by stem (demander, expliquer, -ment adverbs…).

use super::classes::*;
use super::stems::open_class;

/// Lower-cases `w` into `buf` (ASCII, Latin-1 capitals such as É/Ê/À/Ç,
/// Œ) and maps `’`, `‘` and `ʼ` to `'`. `None` when `w` does not fit.
/// The bytes are UTF-8 (whole chars are written); handed out as bytes,
/// they need no second validation.
fn fold_into<'b>(w: &str, buf: &'b mut [u8; 48]) -> Option<&'b [u8]> {
    if w.is_ascii() {
        let out = buf.get_mut(..w.len())?;
        out.copy_from_slice(w.as_bytes());
        out.make_ascii_lowercase();
        return Some(out);
    }
    let mut n = 0;
    for c in w.chars() {
        let f = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\u{c0}'..='\u{de}' if c != '\u{d7}' => {
                char::from_u32(c as u32 + 0x20).unwrap_or(c)
            }
            'Œ' => 'œ',
            '’' | '‘' | 'ʼ' => '\'',
            _ => c,
        };
        let len = f.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        f.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    Some(&buf[..n])
}

/// Closed word classes: `(folded word, Lex, F_* flags)`, sorted by bytes.
/// Each F_* constant above says which words carry it and why.
pub(super) const LEXICON: &[(&str, Lex, u64)] = &[
    ("abord", Lex::Other, F_TRIG_FILL),
    ("absolument", Lex::Other, F_TRIG_FILL),
    ("admit", Lex::Other, F_SPEECH),
    ("affirma", Lex::Other, F_SPEECH),
    ("agréable", Lex::Other, F_INTENS),
    ("ah", Lex::Other, F_CONJ),
    ("ailleurs", Lex::Other, F_TRIG_FILL),
    ("aimait", Lex::Other, F_WISH),
    ("aimeraient", Lex::Other, F_WISH),
    ("aimerais", Lex::Other, F_WISH),
    ("aimerait", Lex::Other, F_WISH),
    ("aimeriez", Lex::Other, F_WISH),
    ("aimerions", Lex::Other, F_WISH),
    ("aimez", Lex::Other, F_INV_VERB),
    ("aimé", Lex::Other, F_WISH),
    ("ainsi", Lex::Other, F_STYL),
    ("ajouta", Lex::Other, F_SPEECH),
    ("ajoutai", Lex::Other, F_SPEECH),
    ("ajoute", Lex::Other, F_SPEECH),
    ("allez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("allons", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("alors", Lex::Other, F_CONJ | F_TRIG_FILL | F_ENDFILL),
    ("applicable", Lex::Other, F_INTENS),
    ("après", Lex::Other, F_PREP | F_NOT_VERB | F_QUOI_REL),
    ("attendez", Lex::Other, F_INV_VERB),
    ("au", Lex::A, F_PREP | F_DET | F_ENDFILL),
    ("aujourd'", Lex::Other, F_ENDFILL | F_TRIG_FILL),
    ("auquel", Lex::Lequel, 0),
    ("aurez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("auriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("aussi", Lex::Other, F_TRIG_FILL | F_STYL),
    ("aux", Lex::A, F_PREP | F_DET),
    ("auxquelles", Lex::Lequel, 0),
    ("auxquels", Lex::Lequel, 0),
    ("av", Lex::Other, F_ABBR),
    ("avant", Lex::Other, F_PREP | F_NOT_VERB),
    ("avec", Lex::Other, F_PREP),
    ("avez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("aviez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("avons", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("avoua", Lex::Other, F_SPEECH),
    ("bah", Lex::Other, F_CONJ),
    ("bas", Lex::Other, F_INTENS),
    ("beau", Lex::Other, F_INTENS),
    ("belle", Lex::Other, F_INTENS),
    ("ben", Lex::Other, F_CONJ),
    ("besoin", Lex::Other, F_INTENS | F_WISH),
    ("bien", Lex::Bien, F_TRIG_FILL | F_INTENS),
    ("bientôt", Lex::Other, F_TRIG_FILL),
    ("bon", Lex::Other, F_CONJ | F_INTENS),
    ("bonne", Lex::Other, F_INTENS),
    ("bref", Lex::Other, F_CONJ),
    ("bête", Lex::Other, F_INTENS),
    ("c", Lex::Other, F_ABBR),
    ("c'", Lex::CElided, 0),
    ("ce", Lex::Ce, F_DET),
    ("celle", Lex::Other, F_NOT_VERB),
    ("celles", Lex::Other, F_NOT_VERB),
    ("celui", Lex::Other, F_NOT_VERB),
    ("cependant", Lex::Other, F_TRIG_FILL),
    ("ces", Lex::Other, F_DET),
    ("cesse", Lex::Other, F_TRIG_FILL),
    ("cet", Lex::Other, F_DET),
    ("cette", Lex::Other, F_DET),
    ("ceux", Lex::Other, F_NOT_VERB),
    ("cf", Lex::Other, F_ABBR),
    ("cher", Lex::Other, F_INTENS),
    ("cherchait", Lex::Other, F_WISH),
    ("cherche", Lex::Other, F_WISH),
    ("cherchent", Lex::Other, F_WISH),
    ("chercher", Lex::Other, F_WISH),
    ("cherchez", Lex::Other, F_WISH),
    ("cherchons", Lex::Other, F_WISH),
    ("cherché", Lex::Other, F_WISH),
    ("chez", Lex::Other, F_PREP | F_NOT_VERB),
    ("chuchota", Lex::Other, F_SPEECH),
    ("chère", Lex::Other, F_INTENS),
    ("ci", Lex::Other, F_NOT_VERB),
    ("clair", Lex::Other, F_INTENS),
    ("claire", Lex::Other, F_INTENS),
    ("clairement", Lex::Other, F_TRIG_FILL),
    ("combien", Lex::Combien, 0),
    ("comment", Lex::Comment, 0),
    ("commenta", Lex::Other, F_SPEECH),
    ("compliqué", Lex::Other, F_INTENS),
    ("compliquée", Lex::Other, F_INTENS),
    ("comptez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("conclut", Lex::Other, F_SPEECH),
    ("connaissez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("constamment", Lex::Other, F_TRIG_FILL),
    ("content", Lex::Other, F_INTENS),
    ("contente", Lex::Other, F_INTENS),
    ("continua", Lex::Other, F_SPEECH),
    ("continue", Lex::Other, F_SPEECH),
    ("contre", Lex::Other, F_PREP),
    ("cria", Lex::Other, F_SPEECH),
    ("croit", Lex::Other, F_SPEECH),
    ("croyez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("curieuse", Lex::Other, F_WISH),
    ("curieuses", Lex::Other, F_WISH),
    ("curieux", Lex::Other, F_WISH),
    ("d'", Lex::De, F_PREP | F_LEQUEL_NEXT),
    ("dans", Lex::Other, F_PREP),
    ("de", Lex::De, F_PREP | F_LEQUEL_NEXT),
    ("demain", Lex::Other, F_ENDFILL),
    ("demanda", Lex::Other, F_SPEECH),
    ("demandai", Lex::Other, F_SPEECH),
    ("demande", Lex::Other, F_SPEECH | F_NOUNAMB),
    ("demandes", Lex::Other, F_NOUNAMB),
    ("depuis", Lex::Other, F_PREP),
    ("des", Lex::Other, F_DET | F_LEQUEL_NEXT),
    ("desquelles", Lex::Lequel, 0),
    ("desquels", Lex::Lequel, 0),
    ("devez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("devons", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("devriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("difficile", Lex::Other, F_INTENS),
    ("dira", Lex::Other, F_NOT_VERB | F_T_SAY),
    ("dirai", Lex::Other, F_T_SAY),
    ("diraient", Lex::Other, F_T_SAY),
    ("dirais", Lex::Other, F_T_SAY),
    ("dirait", Lex::Other, F_T_SAY),
    ("diras", Lex::Other, F_T_SAY),
    ("dire", Lex::Other, F_T_SAY),
    ("direz", Lex::Other, F_T_SAY),
    ("diriez", Lex::Other, F_T_SAY),
    ("dirions", Lex::Other, F_T_SAY),
    ("dirons", Lex::Other, F_T_SAY),
    ("diront", Lex::Other, F_T_SAY),
    ("dis", Lex::Other, F_SPEECH | F_T_IMP),
    ("disaient", Lex::Other, F_T_SAY),
    ("disais", Lex::Other, F_T_SAY),
    ("disait", Lex::Other, F_T_SAY),
    ("disiez", Lex::Other, F_T_SAY),
    ("disions", Lex::Other, F_T_SAY),
    ("dit", Lex::Dit, F_SPEECH),
    ("dites", Lex::Other, F_T_IMP),
    ("donc", Lex::Other, F_CONJ | F_TRIG_FILL | F_ENDFILL),
    ("doute", Lex::Other, F_STYL),
    ("doux", Lex::Other, F_INTENS),
    ("dr", Lex::Other, F_ABBR),
    ("drôle", Lex::Other, F_INTENS),
    ("du", Lex::Other, F_DET | F_LEQUEL_NEXT),
    ("duquel", Lex::Lequel, 0),
    ("dur", Lex::Other, F_INTENS),
    ("dure", Lex::Other, F_INTENS),
    ("dès", Lex::Other, F_PREP),
    ("déclara", Lex::Other, F_SPEECH),
    ("découverte", Lex::Other, F_NOUNAMB),
    ("découvertes", Lex::Other, F_NOUNAMB),
    ("déjà", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("désire", Lex::Other, F_WISH),
    ("désirerais", Lex::Other, F_WISH),
    ("désormais", Lex::Other, F_TRIG_FILL),
    ("eh", Lex::Other, F_CONJ),
    (
        "elle",
        Lex::Other,
        F_SUBJ | F_SUBJ_T | F_QUE_SUBJ | F_ENDFILL,
    ),
    (
        "elles",
        Lex::Other,
        F_SUBJ | F_SUBJ_T | F_QUE_SUBJ | F_ENDFILL,
    ),
    ("en", Lex::Other, F_PREP | F_CLITIC | F_OBJ_AFTER),
    ("encore", Lex::Other, F_TRIG_FILL | F_ENDFILL | F_STYL),
    ("enfin", Lex::Other, F_CONJ | F_ENDFILL | F_TRIG_FILL),
    ("enquit", Lex::Other, F_SPEECH),
    ("ensuite", Lex::Other, F_ENDFILL | F_TRIG_FILL),
    ("entre", Lex::Other, F_PREP | F_NOT_VERB | F_LEQUEL_NEXT),
    ("envers", Lex::Other, F_PREP),
    ("envie", Lex::Other, F_WISH),
    ("envies", Lex::Other, F_WISH),
    ("est", Lex::Est, F_ESTLIKE | F_ETRE),
    ("et", Lex::Coord, F_CONJ),
    ("etc", Lex::Other, F_ABBR),
    ("euh", Lex::Other, F_CONJ),
    ("eux", Lex::Other, F_ENDFILL | F_NOT_VERB),
    ("ex", Lex::Other, F_ABBR),
    ("exactement", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("exclama", Lex::Other, F_SPEECH),
    ("expliqua", Lex::Other, F_SPEECH),
    ("explique", Lex::Other, F_SPEECH | F_T_IMP),
    ("expliquez", Lex::Other, F_T_IMP),
    ("facile", Lex::Other, F_INTENS),
    ("faisons", Lex::Other, F_INV_VERB),
    ("faites", Lex::Other, F_INV_VERB),
    ("fatigué", Lex::Other, F_INTENS),
    ("fatiguée", Lex::Other, F_INTENS),
    ("faute", Lex::Other, F_QUOI_REL),
    ("feriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("fier", Lex::Other, F_INTENS),
    ("finalement", Lex::Other, F_ENDFILL),
    ("fit", Lex::Other, F_SPEECH),
    ("fière", Lex::Other, F_INTENS),
    ("fort", Lex::Other, F_INTENS),
    ("forte", Lex::Other, F_INTENS),
    ("franchement", Lex::Other, F_TRIG_FILL),
    ("fréquent", Lex::Other, F_INTENS),
    ("fréquents", Lex::Other, F_INTENS),
    ("furent", Lex::Other, F_ETRE),
    ("fut", Lex::Other, F_ESTLIKE | F_ETRE),
    ("fût", Lex::Other, 0),
    ("garde", Lex::Other, F_NOT_VERB),
    ("gentil", Lex::Other, F_INTENS),
    ("gentille", Lex::Other, F_INTENS),
    ("glissa", Lex::Other, F_SPEECH),
    ("grand", Lex::Other, F_INTENS),
    ("grande", Lex::Other, F_INTENS),
    ("grave", Lex::Other, F_INTENS),
    ("guère", Lex::Other, F_TRIG_FILL),
    ("haut", Lex::Other, F_INTENS),
    ("heureuse", Lex::Other, F_INTENS),
    ("heureux", Lex::Other, F_INTENS),
    ("hier", Lex::Other, F_ENDFILL),
    ("honnêtement", Lex::Other, F_TRIG_FILL),
    ("hui", Lex::Other, F_ENDFILL | F_TRIG_FILL),
    ("hurla", Lex::Other, F_SPEECH),
    ("hâte", Lex::Other, F_WISH),
    ("hé", Lex::Other, F_CONJ),
    ("ici", Lex::Other, F_ENDFILL),
    ("il", Lex::Il, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("ils", Lex::Il, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("impatient", Lex::Other, F_WISH),
    ("impatiente", Lex::Other, F_WISH),
    ("important", Lex::Other, F_INTENS),
    ("importante", Lex::Other, F_INTENS),
    ("importe", Lex::Importe, 0),
    ("indique", Lex::Other, F_T_IMP),
    ("indiquez", Lex::Other, F_T_IMP),
    ("insista", Lex::Other, F_SPEECH),
    ("interrogea", Lex::Other, F_SPEECH),
    ("intéressé", Lex::Other, F_WISH),
    ("intéressée", Lex::Other, F_WISH),
    ("iriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("j", Lex::Other, F_ABBR),
    ("j'", Lex::Other, F_QUE_SUBJ),
    ("jamais", Lex::Other, F_TRIG_FILL | F_INTENS),
    ("je", Lex::Other, F_SUBJ | F_QUE_SUBJ | F_PERS12),
    ("jeune", Lex::Other, F_INTENS),
    ("joli", Lex::Other, F_INTENS),
    ("jolie", Lex::Other, F_INTENS),
    ("jouez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("juge", Lex::Other, F_NOUNAMB),
    ("juges", Lex::Other, F_NOUNAMB),
    ("jusqu'", Lex::Other, F_PREP),
    ("jusque", Lex::Other, F_PREP),
    ("juste", Lex::Other, F_ENDFILL),
    ("justement", Lex::Other, F_TRIG_FILL),
    ("l'", Lex::Other, F_DET | F_CLITIC | F_OBJ_DIRECT),
    (
        "la",
        Lex::Other,
        F_DET | F_CLITIC | F_OBJ_AFTER | F_OBJ_DIRECT,
    ),
    ("lance", Lex::Other, F_SPEECH),
    ("lança", Lex::Other, F_SPEECH),
    ("laquelle", Lex::Lequel, 0),
    (
        "le",
        Lex::Other,
        F_DET | F_CLITIC | F_OBJ_AFTER | F_OBJ_DIRECT,
    ),
    ("lent", Lex::Other, F_INTENS),
    ("lente", Lex::Other, F_INTENS),
    ("lequel", Lex::Lequel, 0),
    (
        "les",
        Lex::Other,
        F_DET | F_CLITIC | F_OBJ_AFTER | F_OBJ_DIRECT,
    ),
    ("lesquelles", Lex::Lequel, 0),
    ("lesquels", Lex::Lequel, 0),
    (
        "leur",
        Lex::Other,
        F_DET | F_CLITIC | F_OBJ_AFTER | F_IMP_PRON | F_TRIG_FILL,
    ),
    ("leurs", Lex::Other, F_DET),
    ("lisez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("loin", Lex::Other, F_INTENS),
    ("longtemps", Lex::Other, F_INTENS),
    ("lourd", Lex::Other, F_INTENS),
    (
        "lui",
        Lex::Other,
        F_CLITIC
            | F_OBJ_AFTER
            | F_IMP_PRON
            | F_TRIG_FILL
            | F_ENDFILL
            | F_NOT_VERB,
    ),
    ("là", Lex::Other, F_ENDFILL | F_NOT_VERB),
    ("lâcha", Lex::Other, F_SPEECH),
    ("léger", Lex::Other, F_INTENS),
    ("m", Lex::Other, F_ABBR),
    (
        "m'",
        Lex::Other,
        F_CLITIC | F_IMP_PRON | F_TRIG_FILL | F_OBJ_SEE,
    ),
    ("ma", Lex::Other, F_DET),
    ("maintenant", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("mais", Lex::Other, F_CONJ),
    ("mal", Lex::Other, F_INTENS),
    ("malgré", Lex::Other, F_PREP),
    ("mauvais", Lex::Other, F_INTENS),
    ("mauvaise", Lex::Other, F_INTENS),
    ("me", Lex::Other, F_CLITIC | F_TRIG_FILL | F_OBJ_SEE),
    ("mes", Lex::Other, F_DET),
    ("mesure", Lex::Other, F_NOUNAMB),
    ("mesures", Lex::Other, F_NOUNAMB),
    ("mettez", Lex::Other, F_INV_VERB),
    ("mieux", Lex::Other, F_TRIG_FILL),
    ("mlle", Lex::Other, F_ABBR),
    ("mlles", Lex::Other, F_ABBR),
    ("mm", Lex::Other, F_ABBR),
    ("mme", Lex::Other, F_ABBR),
    ("mmes", Lex::Other, F_ABBR),
    (
        "moi",
        Lex::Other,
        F_OBJ_AFTER | F_IMP_PRON | F_TRIG_FILL | F_ENDFILL | F_NOT_VERB,
    ),
    ("moins", Lex::Other, F_STYL),
    ("mon", Lex::Other, F_DET),
    ("montre", Lex::Other, F_NOUNAMB | F_T_IMP),
    ("montres", Lex::Other, F_NOUNAMB),
    ("montrez", Lex::Other, F_T_IMP),
    ("moyennant", Lex::Other, F_QUOI_REL),
    ("mr", Lex::Other, F_ABBR),
    ("murmura", Lex::Other, F_SPEECH),
    ("même", Lex::Meme, F_OBJ_AFTER | F_TRIG_FILL),
    ("mêmes", Lex::Meme, F_OBJ_AFTER),
    ("n'", Lex::Ne, F_CLITIC | F_TRIG_FILL),
    ("ne", Lex::Ne, F_CLITIC | F_TRIG_FILL),
    ("ni", Lex::Coord, 0),
    ("nombreuses", Lex::Other, F_INTENS),
    ("nombreux", Lex::Other, F_INTENS),
    ("non", Lex::Other, F_INTENS),
    ("nos", Lex::Other, F_DET),
    ("nota", Lex::Other, F_SPEECH),
    ("notre", Lex::Other, F_DET),
    (
        "nous",
        Lex::Other,
        F_VN | F_CLITIC
            | F_SUBJ
            | F_IMP_PRON
            | F_TRIG_FILL
            | F_NOT_VERB
            | F_PERS12,
    ),
    ("nécessaire", Lex::Other, F_INTENS),
    ("objecta", Lex::Other, F_SPEECH),
    ("observa", Lex::Other, F_SPEECH),
    ("oh", Lex::Other, F_CONJ),
    ("ok", Lex::Other, F_CONJ),
    ("on", Lex::Other, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("or", Lex::Other, F_CONJ),
    ("ou", Lex::Coord, F_CONJ),
    ("oui", Lex::Other, F_INTENS),
    ("où", Lex::Ou, 0),
    ("p", Lex::Other, F_ABBR),
    ("par", Lex::Other, F_PREP | F_NOT_VERB),
    ("paraît", Lex::Other, F_SPEECH),
    ("parfois", Lex::Other, F_TRIG_FILL),
    ("parlez", Lex::Other, F_INV_VERB),
    ("parmi", Lex::Other, F_PREP | F_LEQUEL_NEXT),
    ("participez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("pas", Lex::Other, F_TRIG_FILL | F_PAS),
    ("peine", Lex::Other, F_STYL),
    ("pendant", Lex::Other, F_PREP),
    ("pensa", Lex::Other, F_SPEECH),
    ("pensai", Lex::Other, F_SPEECH),
    ("pense", Lex::Other, F_SPEECH),
    ("pensez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("petit", Lex::Other, F_INTENS),
    ("petite", Lex::Other, F_INTENS),
    ("peu", Lex::Other, F_INTENS),
    ("peut", Lex::Peut, 0),
    ("plaisanta", Lex::Other, F_SPEECH),
    ("plus", Lex::Other, F_TRIG_FILL | F_STYL),
    ("plutôt", Lex::Other, F_TRIG_FILL),
    ("point", Lex::Other, F_TRIG_FILL),
    ("possible", Lex::Other, F_INTENS),
    ("pour", Lex::Other, F_PREP | F_NOT_VERB),
    ("pourquoi", Lex::Pourquoi, 0),
    ("pourriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("poursuit", Lex::Other, F_SPEECH),
    ("poursuivit", Lex::Other, F_SPEECH),
    ("pourtant", Lex::Other, F_TRIG_FILL),
    ("pouvez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("pouvons", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("pr", Lex::Other, F_ABBR),
    ("pratique", Lex::Other, F_INTENS),
    ("prenez", Lex::Other, F_INV_VERB),
    ("probablement", Lex::Other, F_STYL),
    ("proche", Lex::Other, F_INTENS),
    ("protesta", Lex::Other, F_SPEECH),
    ("près", Lex::Other, F_INTENS),
    ("précieux", Lex::Other, F_INTENS),
    ("précisa", Lex::Other, F_SPEECH),
    ("précise", Lex::Other, F_T_IMP),
    ("précisez", Lex::Other, F_T_IMP),
    ("précisément", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("préférez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("puis", Lex::Other, F_CONJ),
    ("puisse", Lex::Other, F_NOT_VERB),
    ("puissent", Lex::Other, F_NOT_VERB),
    ("puisses", Lex::Other, F_NOT_VERB),
    ("puissiez", Lex::Other, F_NOT_VERB),
    ("puissions", Lex::Other, F_NOT_VERB),
    ("qu", Lex::Que, 0),
    ("qu'", Lex::Que, 0),
    ("qu'en", Lex::Other, F_NOT_VERB),
    ("quand", Lex::Quand, 0),
    ("que", Lex::Que, 0),
    ("quel", Lex::Quel, 0),
    ("quelle", Lex::Quel, 0),
    ("quelles", Lex::Quel, 0),
    ("quels", Lex::Quel, 0),
    ("question", Lex::Other, F_WISH),
    ("questionna", Lex::Other, F_SPEECH),
    ("questions", Lex::Other, F_WISH),
    ("qui", Lex::Qui, 0),
    ("quoi", Lex::Quoi, 0),
    ("raconte", Lex::Other, F_T_IMP),
    ("racontez", Lex::Other, F_T_IMP),
    ("rappela", Lex::Other, F_SPEECH),
    ("rare", Lex::Other, F_INTENS),
    ("rarement", Lex::Other, F_STYL),
    ("regard", Lex::Other, F_NOUNAMB),
    ("regards", Lex::Other, F_NOUNAMB),
    ("remarqua", Lex::Other, F_SPEECH),
    ("renchérit", Lex::Other, F_SPEECH),
    ("rendez", Lex::Rendez, 0),
    ("reprend", Lex::Other, F_SPEECH),
    ("repris", Lex::Other, F_SPEECH),
    ("reprit", Lex::Other, F_SPEECH),
    ("réellement", Lex::Other, F_TRIG_FILL),
    ("régulièrement", Lex::Other, F_TRIG_FILL),
    ("répond", Lex::Other, F_SPEECH),
    ("répondis", Lex::Other, F_SPEECH),
    ("répondit", Lex::Other, F_SPEECH),
    ("rétorqua", Lex::Other, F_SPEECH),
    ("s'", Lex::SElided, F_CLITIC),
    ("sa", Lex::Other, F_DET),
    ("sachant", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sache", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sachent", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saches", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sachez", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sachiez", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sachions", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sais", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sait", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sans", Lex::Other, F_PREP | F_TRIG_FILL | F_QUOI_REL),
    ("saura", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurai", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sauraient", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurais", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurait", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sauras", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurez", Lex::Other, F_T_ASK | F_SAVOIR),
    (
        "sauriez",
        Lex::Other,
        F_T_ASK | F_SAVOIR | F_INV_VERB | F_NO_IMP,
    ),
    ("saurions", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurons", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sauront", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savaient", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savais", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savait", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savent", Lex::Other, F_T_ASK | F_SAVOIR),
    (
        "savez",
        Lex::Other,
        F_T_ASK | F_SAVOIR | F_INV_VERB | F_NO_IMP,
    ),
    ("saviez", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savions", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savoir", Lex::Other, F_NOUNAMB | F_T_ASK | F_SAVOIR),
    (
        "savons",
        Lex::Other,
        F_T_ASK | F_SAVOIR | F_INV_VERB | F_NO_IMP,
    ),
    ("se", Lex::Other, F_CLITIC),
    ("selon", Lex::Other, F_PREP),
    ("sembla", Lex::Other, F_SPEECH),
    ("semble", Lex::Other, F_SPEECH),
    ("sentez", Lex::Other, F_INV_VERB),
    ("sera", Lex::Other, F_ESTLIKE | F_ETRE),
    ("serai", Lex::Other, F_ESTLIKE),
    ("seraient", Lex::Other, F_ETRE),
    ("serait", Lex::Other, F_ESTLIKE | F_ETRE),
    ("serez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("seriez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("seront", Lex::Other, F_ETRE),
    ("ses", Lex::Other, F_DET),
    ("si", Lex::Si, 0),
    ("simple", Lex::Other, F_INTENS),
    ("simplement", Lex::Other, F_TRIG_FILL),
    ("sincèrement", Lex::Other, F_TRIG_FILL),
    ("sinon", Lex::Other, F_CONJ),
    ("soit", Lex::Other, F_NOT_VERB),
    ("sommes", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("son", Lex::Other, F_DET),
    ("songea", Lex::Other, F_SPEECH),
    ("sont", Lex::Other, F_ETRE),
    ("souffla", Lex::Other, F_SPEECH),
    ("souhaitait", Lex::Other, F_WISH),
    ("souhaite", Lex::Other, F_WISH),
    ("souhaitent", Lex::Other, F_WISH),
    ("souhaiterais", Lex::Other, F_WISH),
    ("souhaiterait", Lex::Other, F_WISH),
    ("souhaites", Lex::Other, F_WISH),
    ("souhaitez", Lex::Other, F_INV_VERB | F_WISH),
    ("souhaitons", Lex::Other, F_WISH),
    ("souhaité", Lex::Other, F_WISH),
    ("souligna", Lex::Other, F_SPEECH),
    ("soupira", Lex::Other, F_SPEECH),
    ("sourit", Lex::Other, F_SPEECH),
    ("sous", Lex::Other, F_PREP | F_NOT_VERB),
    ("souvent", Lex::Other, F_TRIG_FILL | F_INTENS),
    ("st", Lex::Other, F_ABBR),
    ("ste", Lex::Other, F_ABBR),
    ("suggéra", Lex::Other, F_SPEECH),
    ("sur", Lex::Other, F_PREP | F_NOT_VERB),
    ("sérieusement", Lex::Other, F_TRIG_FILL),
    ("sûr", Lex::Other, F_INTENS),
    ("sûre", Lex::Other, F_INTENS),
    ("t", Lex::T, 0),
    ("t'", Lex::T, F_CLITIC | F_TRIG_FILL | F_OBJ_SEE),
    ("ta", Lex::Other, F_DET),
    ("tant", Lex::Other, F_INTENS),
    ("tard", Lex::Other, F_INTENS),
    ("te", Lex::Other, F_CLITIC | F_TRIG_FILL | F_OBJ_SEE),
    ("tel", Lex::Other, F_TEL),
    ("telle", Lex::Other, F_TEL),
    ("telles", Lex::Other, F_TEL),
    ("tels", Lex::Other, F_TEL),
    ("tes", Lex::Other, F_DET),
    ("test", Lex::Other, F_NOUNAMB),
    ("tests", Lex::Other, F_NOUNAMB),
    ("tiens", Lex::Other, F_CONJ),
    (
        "toi",
        Lex::Other,
        F_OBJ_AFTER | F_TRIG_FILL | F_ENDFILL | F_NOT_VERB,
    ),
    ("ton", Lex::Other, F_DET),
    ("toujours", Lex::Toujours, F_TRIG_FILL | F_STYL),
    ("tous", Lex::Tout, F_TRIG_FILL),
    ("tout", Lex::Tout, F_TRIG_FILL),
    ("toute", Lex::Tout, 0),
    ("toutes", Lex::Tout, F_TRIG_FILL),
    ("triste", Lex::Other, F_INTENS),
    ("trop", Lex::Other, F_TRIG_FILL),
    ("trouvez", Lex::Other, F_INV_VERB),
    ("très", Lex::Other, F_TRIG_FILL),
    ("tu", Lex::Other, F_SUBJ | F_QUE_SUBJ | F_PERS12),
    ("tôt", Lex::Other, F_INTENS),
    ("un", Lex::Other, F_DET),
    ("une", Lex::Other, F_DET),
    ("utile", Lex::Other, F_INTENS),
    ("utilisez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("vain", Lex::Other, F_STYL),
    ("venez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("verra", Lex::Other, F_T_SAY | F_SEE),
    ("verrai", Lex::Other, F_T_SAY | F_SEE),
    ("verrais", Lex::Other, F_T_SAY | F_SEE),
    ("verrait", Lex::Other, F_T_SAY | F_SEE),
    ("verras", Lex::Other, F_T_SAY | F_SEE),
    ("verrez", Lex::Other, F_T_SAY | F_SEE),
    ("verrons", Lex::Other, F_T_SAY | F_SEE),
    ("verront", Lex::Other, F_T_SAY | F_SEE),
    ("vers", Lex::Other, F_PREP),
    ("veuille", Lex::Other, F_WISH),
    ("veuillent", Lex::Other, F_WISH),
    ("veulent", Lex::Other, F_WISH),
    ("veut", Lex::Other, F_WISH),
    ("veux", Lex::Other, F_WISH),
    ("vieille", Lex::Other, F_INTENS),
    ("vieux", Lex::Other, F_INTENS),
    ("vis", Lex::Other, F_NOT_VERB),
    ("vite", Lex::Other, F_INTENS),
    ("vivez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("voici", Lex::Voila, 0),
    ("voient", Lex::Other, F_T_SAY | F_SEE),
    ("voilà", Lex::Voila, 0),
    ("voir", Lex::Other, F_T_SAY | F_SEE),
    ("vois", Lex::Other, F_T_SAY | F_SEE),
    ("voit", Lex::Other, F_T_SAY | F_SEE),
    ("vos", Lex::Other, F_DET),
    ("votre", Lex::Other, F_DET),
    ("voudra", Lex::Other, F_WISH),
    ("voudrai", Lex::Other, F_WISH),
    ("voudraient", Lex::Other, F_WISH),
    ("voudrais", Lex::Other, F_WISH),
    ("voudrait", Lex::Other, F_WISH),
    ("voudriez", Lex::Other, F_INV_VERB | F_WISH | F_NO_IMP),
    ("voudrions", Lex::Other, F_WISH),
    ("voudront", Lex::Other, F_WISH),
    ("voulaient", Lex::Other, F_WISH),
    ("voulais", Lex::Other, F_WISH),
    ("voulait", Lex::Other, F_WISH),
    ("voulez", Lex::Other, F_INV_VERB | F_WISH | F_NO_IMP),
    ("vouloir", Lex::Other, F_WISH),
    ("voulons", Lex::Other, F_INV_VERB | F_WISH | F_NO_IMP),
    ("voulu", Lex::Other, F_WISH),
    ("voulue", Lex::Other, F_WISH),
    ("voulus", Lex::Other, F_WISH),
    (
        "vous",
        Lex::Vous,
        F_VN | F_CLITIC
            | F_SUBJ
            | F_TRIG_FILL
            | F_ENDFILL
            | F_NOT_VERB
            | F_PERS12,
    ),
    ("voyaient", Lex::Other, F_T_SAY | F_SEE),
    ("voyais", Lex::Other, F_T_SAY | F_SEE),
    ("voyait", Lex::Other, F_T_SAY | F_SEE),
    ("voyez", Lex::Other, F_INV_VERB | F_T_SAY | F_SEE | F_NO_IMP),
    ("voyons", Lex::Other, F_T_SAY | F_SEE),
    ("vraiment", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("vue", Lex::Other, F_T_SAY | F_SEE | F_NOUNAMB),
    ("vues", Lex::Other, F_T_SAY | F_SEE | F_NOUNAMB),
    ("vus", Lex::Other, F_T_SAY | F_SEE),
    ("y", Lex::Other, F_CLITIC | F_OBJ_AFTER),
    ("à", Lex::A, F_PREP | F_NOT_VERB),
    ("ça", Lex::Other, F_ENDFILL),
    ("écria", Lex::Other, F_SPEECH),
    ("également", Lex::Other, F_TRIG_FILL),
    ("étaient", Lex::Other, F_ETRE),
    ("était", Lex::Other, F_ESTLIKE | F_ETRE),
    ("étiez", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("évident", Lex::Other, F_INTENS),
    ("évidente", Lex::Other, F_INTENS),
    ("êtes", Lex::Other, F_INV_VERB | F_NO_IMP),
    ("être", Lex::Etre, F_STYL),
];

/// Slots of the open-addressing hash table over [`LEXICON`] (a power of
/// two, about three times the number of words).
const LEX_SLOTS: usize = 1024;

/// FNV-1a, usable in `const` context.
const fn fnv1a(b: &[u8]) -> u32 {
    let mut h = 0x811c_9dc5_u32;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// `LEXICON` index + 1 per slot (0 = empty), built at compile time with
/// linear probing.
const LEX_TABLE: [u16; LEX_SLOTS] = {
    let mut t = [0u16; LEX_SLOTS];
    let mut k = 0;
    while k < LEXICON.len() {
        let mut h = fnv1a(LEXICON[k].0.as_bytes()) as usize & (LEX_SLOTS - 1);
        while t[h] != 0 {
            h = (h + 1) & (LEX_SLOTS - 1);
        }
        t[h] = (k + 1) as u16;
        k += 1;
    }
    t
};

/// The closed-class entry of a folded word: one hash, one or two probes.
fn lookup(s: &[u8]) -> (Lex, u64) {
    let mut h = fnv1a(s) as usize & (LEX_SLOTS - 1);
    loop {
        let Some(k) = (LEX_TABLE[h] as usize).checked_sub(1) else {
            return (Lex::Other, 0);
        };
        let (w, lex, f) = LEXICON[k];
        if w.as_bytes() == s {
            return (lex, f);
        }
        h = (h + 1) & (LEX_SLOTS - 1);
    }
}

/// The lexical class of one word.
pub(super) fn lex_word(w: &str) -> (Lex, u64) {
    let mut buf = [0u8; 48];
    let Some(s) = fold_into(w, &mut buf) else {
        return (Lex::Other, 0);
    };
    lex_folded(s)
}

/// The lexical class of a folded word ([`fold_into`]).
pub(super) fn lex_folded(s: &[u8]) -> (Lex, u64) {
    let (lex, f) = lookup(s);
    (lex, f | open_class(s, lex))
}

/// The longest word of [`LEXICON`], in bytes: longer words need no
/// lookup.
const LEX_MAX: usize = {
    let mut m = 0;
    let mut k = 0;
    while k < LEXICON.len() {
        if LEXICON[k].0.len() > m {
            m = LEXICON[k].0.len();
        }
        k += 1;
    }
    m
};

/// [`lex_word`] for a word of ASCII letters and digits, perhaps ending
/// with `'`: on those bytes `| 0x20` is the lower case, so the word is
/// folded, hashed and compared in place, with no copy.
pub(super) fn lex_ascii(w: &[u8]) -> (Lex, u64) {
    let n = w.len();
    // `fold_into` gives up on words longer than its buffer.
    if n == 0 || n > 48 {
        return (Lex::Other, 0);
    }
    let (lex, mut f) = if n <= LEX_MAX {
        let mut h = 0x811c_9dc5_u32;
        for &c in w {
            h ^= u32::from(c | 0x20);
            h = h.wrapping_mul(0x0100_0193);
        }
        let mut h = h as usize & (LEX_SLOTS - 1);
        loop {
            let Some(k) = (LEX_TABLE[h] as usize).checked_sub(1) else {
                break (Lex::Other, 0);
            };
            let (e, lex, f) = LEXICON[k];
            if e.len() == n && e.bytes().zip(w).all(|(a, &c)| a == c | 0x20) {
                break (lex, f);
            }
            h = (h + 1) & (LEX_SLOTS - 1);
        }
    } else {
        (Lex::Other, 0)
    };
    // The open classes of `lex_word`, on the lower-cased word (only
    // words that may have one are copied).
    // Under four bytes only "jug" has one.
    let may = n >= 4 || w[0] | 0x20 == b'j';
    if may {
        let mut low = [0u8; 48];
        let low = &mut low[..n];
        for (l, &c) in low.iter_mut().zip(w) {
            *l = if c.is_ascii_uppercase() { c | 0x20 } else { c };
        }
        f |= open_class(low, lex);
    }
    (lex, f)
}
