//! The closed word classes the rules name: a table of folded words with
//! their [`Lex`] and `F_*` flags, a hash table over it, and the open
//! classes found by stem (demander, expliquer, -ment adverbs…).

/// Words that the rules name one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    Other,
    Pourquoi,
    Comment,
    Quand,
    /// "où" (never the conjunction "ou").
    Ou,
    Combien,
    /// quel, quelle, quels, quelles.
    Quel,
    /// lequel, laquelle, auquel, duquel, desquelles…
    Lequel,
    Qui,
    /// "que" and "qu’".
    Que,
    Quoi,
    Est,
    Ce,
    /// "c’" of "c’est".
    CElided,
    Si,
    /// "s’" of "s’il".
    SElided,
    /// The euphonic "t" of "a-t-il".
    T,
    Meme,
    Bien,
    Importe,
    Rendez,
    Vous,
    /// "de" and "d’".
    De,
    Peut,
    Etre,
    Toujours,
    Ne,
    /// "il" and "ils".
    Il,
    /// "et", "ou", "ni": coordinated interrogatives.
    Coord,
    Voila,
    /// "à", "au", "aux".
    A,
}

// Word classes, as bits of `Tok::flags`.
/// Prepositions that may stand before an interrogative word: "à qui",
/// "depuis quand", "jusqu’où".
pub(super) const F_PREP: u32 = 1 << 0;
/// Determiners: "le pourquoi", "une quoi" (nominal uses).
pub(super) const F_DET: u32 = 1 << 1;
/// Clitics between an interrogative and its inverted verb: "qu’en
/// pensez-vous", "où te caches-tu".
pub(super) const F_CLITIC: u32 = 1 << 2;
/// Words skipped before a clause start: "Et pourquoi …", "Mais qui …".
pub(super) const F_CONJ: u32 = 1 << 3;
/// Subject pronouns after the hyphen of an inversion.
pub(super) const F_SUBJ: u32 = 1 << 4;
/// Object pronouns after a second hyphen: "allons-nous-en" is an
/// imperative, not an inversion.
pub(super) const F_OBJ_AFTER: u32 = 1 << 5;
/// Words between a verb of asking and its interrogative: "je ne sais pas
/// trop si", "on me demande souvent pourquoi".
pub(super) const F_TRIG_FILL: u32 = 1 << 6;
/// Words between a final interrogative and the `?`: "C’est qui, déjà ?".
pub(super) const F_ENDFILL: u32 = 1 << 8;
/// Verbs of saying in incises: "« Viens », dit-elle."
pub(super) const F_SPEECH: u32 = 1 << 9;
/// Adverbs that cause a stylistic inversion in statements: "peut-être
/// viendra-t-il", "sans doute est-il", "ainsi soit-il", "toujours est-il".
pub(super) const F_STYL: u32 = 1 << 10;
/// Words before a hyphen that are no verbs: "vous-même", "celle-ci".
pub(super) const F_NOT_VERB: u32 = 1 << 11;
/// Forms of "être" that take "-ce": "est-ce", "était-ce", "sera-ce".
pub(super) const F_ESTLIKE: u32 = 1 << 12;
/// "tel quel".
pub(super) const F_TEL: u32 = 1 << 13;
/// Relative "quoi" after "sans", "après", "moyennant": "sans quoi".
pub(super) const F_QUOI_REL: u32 = 1 << 14;
/// "lequel de", "laquelle des", "lequel parmi".
pub(super) const F_LEQUEL_NEXT: u32 = 1 << 15;
/// Object pronouns of an imperative request: "dites-moi", "dis-nous".
pub(super) const F_IMP_PRON: u32 = 1 << 16;
/// Forms of "savoir".
pub(super) const F_SAVOIR: u32 = 1 << 17;
/// Nouns that look like trigger verbs: "le savoir", "la demande".
pub(super) const F_NOUNAMB: u32 = 1 << 18;
/// Verbs of asking and knowing: demander, savoir, ignorer.
pub(super) const F_T_ASK: u32 = 1 << 19;
/// Verbs of telling: "dire si", "expliquer pourquoi".
pub(super) const F_T_SAY: u32 = 1 << 20;
/// Verbs of understanding: "je ne comprends pas pourquoi".
pub(super) const F_T_UND: u32 = 1 << 21;
/// Imperatives that ask when followed by "-moi": "dites-moi", "explique-moi".
pub(super) const F_T_IMP: u32 = 1 << 22;
/// Subject pronouns the euphonic "-t-" stands before: il, elle, on.
pub(super) const F_SUBJ_T: u32 = 1 << 23;
/// Subject pronouns after "que" that make it a conjunction or a
/// subjunctive ("Qu’il vienne"), not the interrogative.
pub(super) const F_QUE_SUBJ: u32 = 1 << 24;
/// Looks like an infinitive (-er, -ir, -re, -oir): "que faire", "que
/// penser".
pub(super) const F_INF: u32 = 1 << 25;
/// Adverbs and adjectives after the intensifier "si" ("je le sais si
/// bien", "elle demande si souvent"), and every "-ment" adverb but
/// "vraiment".
pub(super) const F_INTENS: u32 = 1 << 26;
/// "vous", "nous": after a hyphen they are subjects ("Venez-vous ?") or
/// reflexive objects of an imperative ("Libérez-vous", "Inscrivez-vous").
pub(super) const F_VN: u32 = 1 << 27;
/// Verbs whose "-vous"/"-nous" form is far more often a question than an
/// imperative: "Êtes-vous", "Avez-vous", "Pouvez-vous", "Pensez-vous".
pub(super) const F_INV_VERB: u32 = 1 << 28;

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
pub(super) const LEXICON: &[(&str, Lex, u32)] = &[
    ("absolument", Lex::Other, F_TRIG_FILL),
    ("admit", Lex::Other, F_SPEECH),
    ("affirma", Lex::Other, F_SPEECH),
    ("agréable", Lex::Other, F_INTENS),
    ("ah", Lex::Other, F_CONJ),
    ("aimez", Lex::Other, F_INV_VERB),
    ("ainsi", Lex::Other, F_STYL),
    ("ajouta", Lex::Other, F_SPEECH),
    ("ajoutai", Lex::Other, F_SPEECH),
    ("ajoute", Lex::Other, F_SPEECH),
    ("allez", Lex::Other, F_INV_VERB),
    ("allons", Lex::Other, F_INV_VERB),
    ("alors", Lex::Other, F_CONJ | F_TRIG_FILL | F_ENDFILL),
    ("après", Lex::Other, F_PREP | F_NOT_VERB | F_QUOI_REL),
    ("attendez", Lex::Other, F_INV_VERB),
    ("au", Lex::A, F_PREP | F_DET | F_ENDFILL),
    ("aujourd'", Lex::Other, F_ENDFILL),
    ("auquel", Lex::Lequel, 0),
    ("aurez", Lex::Other, F_INV_VERB),
    ("auriez", Lex::Other, F_INV_VERB),
    ("aussi", Lex::Other, F_TRIG_FILL | F_STYL),
    ("aux", Lex::A, F_PREP | F_DET),
    ("auxquelles", Lex::Lequel, 0),
    ("auxquels", Lex::Lequel, 0),
    ("avant", Lex::Other, F_PREP | F_NOT_VERB),
    ("avec", Lex::Other, F_PREP),
    ("avez", Lex::Other, F_INV_VERB),
    ("aviez", Lex::Other, F_INV_VERB),
    ("avons", Lex::Other, F_INV_VERB),
    ("avoua", Lex::Other, F_SPEECH),
    ("bah", Lex::Other, F_CONJ),
    ("bas", Lex::Other, F_INTENS),
    ("beau", Lex::Other, F_INTENS),
    ("belle", Lex::Other, F_INTENS),
    ("ben", Lex::Other, F_CONJ),
    ("bien", Lex::Bien, F_TRIG_FILL | F_INTENS),
    ("bon", Lex::Other, F_CONJ | F_INTENS),
    ("bonne", Lex::Other, F_INTENS),
    ("bref", Lex::Other, F_CONJ),
    ("bête", Lex::Other, F_INTENS),
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
    ("cher", Lex::Other, F_INTENS),
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
    ("comptez", Lex::Other, F_INV_VERB),
    ("conclut", Lex::Other, F_SPEECH),
    ("connaissez", Lex::Other, F_INV_VERB),
    ("constamment", Lex::Other, F_TRIG_FILL),
    ("content", Lex::Other, F_INTENS),
    ("contente", Lex::Other, F_INTENS),
    ("continua", Lex::Other, F_SPEECH),
    ("continue", Lex::Other, F_SPEECH),
    ("contre", Lex::Other, F_PREP),
    ("cria", Lex::Other, F_SPEECH),
    ("croit", Lex::Other, F_SPEECH),
    ("croyez", Lex::Other, F_INV_VERB),
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
    ("devez", Lex::Other, F_INV_VERB),
    ("devons", Lex::Other, F_INV_VERB),
    ("devriez", Lex::Other, F_INV_VERB),
    ("difficile", Lex::Other, F_INTENS),
    ("dira", Lex::Other, F_NOT_VERB),
    ("dire", Lex::Other, F_T_SAY),
    ("dis", Lex::Other, F_SPEECH | F_T_IMP),
    ("dit", Lex::Other, F_SPEECH),
    ("dites", Lex::Other, F_T_IMP),
    ("donc", Lex::Other, F_CONJ | F_TRIG_FILL | F_ENDFILL),
    ("doute", Lex::Other, F_STYL),
    ("doux", Lex::Other, F_INTENS),
    ("drôle", Lex::Other, F_INTENS),
    ("du", Lex::Other, F_DET | F_LEQUEL_NEXT),
    ("duquel", Lex::Lequel, 0),
    ("dur", Lex::Other, F_INTENS),
    ("dure", Lex::Other, F_INTENS),
    ("dès", Lex::Other, F_PREP),
    ("déclara", Lex::Other, F_SPEECH),
    ("déjà", Lex::Other, F_TRIG_FILL | F_ENDFILL),
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
    ("enfin", Lex::Other, F_CONJ | F_ENDFILL),
    ("enquit", Lex::Other, F_SPEECH),
    ("ensuite", Lex::Other, F_ENDFILL),
    ("entre", Lex::Other, F_PREP | F_NOT_VERB | F_LEQUEL_NEXT),
    ("envers", Lex::Other, F_PREP),
    ("est", Lex::Est, F_ESTLIKE),
    ("et", Lex::Coord, F_CONJ),
    ("euh", Lex::Other, F_CONJ),
    ("eux", Lex::Other, F_ENDFILL | F_NOT_VERB),
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
    ("feriez", Lex::Other, F_INV_VERB),
    ("fier", Lex::Other, F_INTENS),
    ("finalement", Lex::Other, F_ENDFILL),
    ("fit", Lex::Other, F_SPEECH),
    ("fière", Lex::Other, F_INTENS),
    ("fort", Lex::Other, F_INTENS),
    ("forte", Lex::Other, F_INTENS),
    ("franchement", Lex::Other, F_TRIG_FILL),
    ("fréquent", Lex::Other, F_INTENS),
    ("fréquents", Lex::Other, F_INTENS),
    ("fut", Lex::Other, F_ESTLIKE),
    ("fût", Lex::Other, F_ESTLIKE),
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
    ("hui", Lex::Other, F_ENDFILL),
    ("hurla", Lex::Other, F_SPEECH),
    ("hé", Lex::Other, F_CONJ),
    ("ici", Lex::Other, F_ENDFILL),
    ("il", Lex::Il, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("ils", Lex::Il, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("important", Lex::Other, F_INTENS),
    ("importante", Lex::Other, F_INTENS),
    ("importe", Lex::Importe, 0),
    ("insista", Lex::Other, F_SPEECH),
    ("interrogea", Lex::Other, F_SPEECH),
    ("iriez", Lex::Other, F_INV_VERB),
    ("j'", Lex::Other, F_QUE_SUBJ),
    ("jamais", Lex::Other, F_TRIG_FILL),
    ("je", Lex::Other, F_SUBJ | F_QUE_SUBJ),
    ("jeune", Lex::Other, F_INTENS),
    ("joli", Lex::Other, F_INTENS),
    ("jolie", Lex::Other, F_INTENS),
    ("jouez", Lex::Other, F_INV_VERB),
    ("jusqu'", Lex::Other, F_PREP),
    ("jusque", Lex::Other, F_PREP),
    ("juste", Lex::Other, F_ENDFILL),
    ("justement", Lex::Other, F_TRIG_FILL),
    ("l'", Lex::Other, F_DET | F_CLITIC),
    ("la", Lex::Other, F_DET | F_CLITIC | F_OBJ_AFTER),
    ("lance", Lex::Other, F_SPEECH),
    ("lança", Lex::Other, F_SPEECH),
    ("laquelle", Lex::Lequel, 0),
    ("le", Lex::Other, F_DET | F_CLITIC | F_OBJ_AFTER),
    ("lent", Lex::Other, F_INTENS),
    ("lente", Lex::Other, F_INTENS),
    ("lequel", Lex::Lequel, 0),
    ("les", Lex::Other, F_DET | F_CLITIC | F_OBJ_AFTER),
    ("lesquelles", Lex::Lequel, 0),
    ("lesquels", Lex::Lequel, 0),
    (
        "leur",
        Lex::Other,
        F_DET | F_CLITIC | F_OBJ_AFTER | F_IMP_PRON | F_TRIG_FILL,
    ),
    ("leurs", Lex::Other, F_DET),
    ("lisez", Lex::Other, F_INV_VERB),
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
    ("m'", Lex::Other, F_CLITIC | F_IMP_PRON | F_TRIG_FILL),
    ("ma", Lex::Other, F_DET),
    ("maintenant", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("mais", Lex::Other, F_CONJ),
    ("mal", Lex::Other, F_INTENS),
    ("malgré", Lex::Other, F_PREP),
    ("mauvais", Lex::Other, F_INTENS),
    ("mauvaise", Lex::Other, F_INTENS),
    ("me", Lex::Other, F_CLITIC | F_TRIG_FILL),
    ("mes", Lex::Other, F_DET),
    ("mettez", Lex::Other, F_INV_VERB),
    (
        "moi",
        Lex::Other,
        F_OBJ_AFTER | F_IMP_PRON | F_TRIG_FILL | F_ENDFILL | F_NOT_VERB,
    ),
    ("moins", Lex::Other, F_STYL),
    ("mon", Lex::Other, F_DET),
    ("moyennant", Lex::Other, F_QUOI_REL),
    ("murmura", Lex::Other, F_SPEECH),
    ("même", Lex::Meme, F_OBJ_AFTER | F_TRIG_FILL),
    ("mêmes", Lex::Meme, F_OBJ_AFTER),
    ("n'", Lex::Ne, F_CLITIC | F_TRIG_FILL),
    ("ne", Lex::Ne, F_CLITIC | F_TRIG_FILL),
    ("ni", Lex::Coord, 0),
    ("nombreuses", Lex::Other, F_INTENS),
    ("nombreux", Lex::Other, F_INTENS),
    ("nos", Lex::Other, F_DET),
    ("nota", Lex::Other, F_SPEECH),
    ("notre", Lex::Other, F_DET),
    (
        "nous",
        Lex::Other,
        F_VN | F_CLITIC | F_SUBJ | F_IMP_PRON | F_TRIG_FILL | F_NOT_VERB,
    ),
    ("objecta", Lex::Other, F_SPEECH),
    ("observa", Lex::Other, F_SPEECH),
    ("oh", Lex::Other, F_CONJ),
    ("ok", Lex::Other, F_CONJ),
    ("on", Lex::Other, F_SUBJ | F_SUBJ_T | F_QUE_SUBJ),
    ("or", Lex::Other, F_CONJ),
    ("ou", Lex::Coord, F_CONJ),
    ("où", Lex::Ou, 0),
    ("par", Lex::Other, F_PREP | F_NOT_VERB),
    ("paraît", Lex::Other, F_SPEECH),
    ("parfois", Lex::Other, F_TRIG_FILL),
    ("parlez", Lex::Other, F_INV_VERB),
    ("parmi", Lex::Other, F_PREP | F_LEQUEL_NEXT),
    ("participez", Lex::Other, F_INV_VERB),
    ("pas", Lex::Other, F_TRIG_FILL),
    ("peine", Lex::Other, F_STYL),
    ("pendant", Lex::Other, F_PREP),
    ("pensa", Lex::Other, F_SPEECH),
    ("pensai", Lex::Other, F_SPEECH),
    ("pense", Lex::Other, F_SPEECH),
    ("pensez", Lex::Other, F_INV_VERB),
    ("petit", Lex::Other, F_INTENS),
    ("petite", Lex::Other, F_INTENS),
    ("peu", Lex::Other, F_INTENS),
    ("peut", Lex::Peut, 0),
    ("plaisanta", Lex::Other, F_SPEECH),
    ("plus", Lex::Other, F_TRIG_FILL | F_STYL),
    ("plutôt", Lex::Other, F_TRIG_FILL),
    ("point", Lex::Other, F_TRIG_FILL),
    ("pour", Lex::Other, F_PREP | F_NOT_VERB),
    ("pourquoi", Lex::Pourquoi, 0),
    ("pourriez", Lex::Other, F_INV_VERB),
    ("poursuit", Lex::Other, F_SPEECH),
    ("poursuivit", Lex::Other, F_SPEECH),
    ("pourtant", Lex::Other, F_TRIG_FILL),
    ("pouvez", Lex::Other, F_INV_VERB),
    ("pouvons", Lex::Other, F_INV_VERB),
    ("pratique", Lex::Other, F_INTENS),
    ("prenez", Lex::Other, F_INV_VERB),
    ("probablement", Lex::Other, F_STYL),
    ("proche", Lex::Other, F_INTENS),
    ("protesta", Lex::Other, F_SPEECH),
    ("près", Lex::Other, F_INTENS),
    ("précieux", Lex::Other, F_INTENS),
    ("précisa", Lex::Other, F_SPEECH),
    ("précisément", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("préférez", Lex::Other, F_INV_VERB),
    ("puis", Lex::Other, F_CONJ),
    ("qu", Lex::Que, 0),
    ("qu'", Lex::Que, 0),
    ("qu'en", Lex::Other, F_NOT_VERB),
    ("quand", Lex::Quand, 0),
    ("que", Lex::Que, 0),
    ("quel", Lex::Quel, 0),
    ("quelle", Lex::Quel, 0),
    ("quelles", Lex::Quel, 0),
    ("quels", Lex::Quel, 0),
    ("questionna", Lex::Other, F_SPEECH),
    ("qui", Lex::Qui, 0),
    ("quoi", Lex::Quoi, 0),
    ("raconte", Lex::Other, F_T_IMP),
    ("racontez", Lex::Other, F_T_IMP),
    ("rappela", Lex::Other, F_SPEECH),
    ("rare", Lex::Other, F_INTENS),
    ("rarement", Lex::Other, F_STYL),
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
    ("sauriez", Lex::Other, F_T_ASK | F_SAVOIR | F_INV_VERB),
    ("saurions", Lex::Other, F_T_ASK | F_SAVOIR),
    ("saurons", Lex::Other, F_T_ASK | F_SAVOIR),
    ("sauront", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savaient", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savais", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savait", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savent", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savez", Lex::Other, F_T_ASK | F_SAVOIR | F_INV_VERB),
    ("saviez", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savions", Lex::Other, F_T_ASK | F_SAVOIR),
    ("savoir", Lex::Other, F_NOUNAMB | F_T_ASK | F_SAVOIR),
    ("savons", Lex::Other, F_T_ASK | F_SAVOIR | F_INV_VERB),
    ("se", Lex::Other, F_CLITIC),
    ("selon", Lex::Other, F_PREP),
    ("sembla", Lex::Other, F_SPEECH),
    ("semble", Lex::Other, F_SPEECH),
    ("sentez", Lex::Other, F_INV_VERB),
    ("sera", Lex::Other, F_ESTLIKE),
    ("serai", Lex::Other, F_ESTLIKE),
    ("serait", Lex::Other, F_ESTLIKE),
    ("serez", Lex::Other, F_INV_VERB),
    ("seriez", Lex::Other, F_INV_VERB),
    ("ses", Lex::Other, F_DET),
    ("si", Lex::Si, 0),
    ("simple", Lex::Other, F_INTENS),
    ("simplement", Lex::Other, F_TRIG_FILL),
    ("sincèrement", Lex::Other, F_TRIG_FILL),
    ("sinon", Lex::Other, F_CONJ),
    ("soit", Lex::Other, F_NOT_VERB),
    ("sommes", Lex::Other, F_INV_VERB),
    ("son", Lex::Other, F_DET),
    ("songea", Lex::Other, F_SPEECH),
    ("souffla", Lex::Other, F_SPEECH),
    ("souhaitez", Lex::Other, F_INV_VERB),
    ("souligna", Lex::Other, F_SPEECH),
    ("soupira", Lex::Other, F_SPEECH),
    ("sourit", Lex::Other, F_SPEECH),
    ("sous", Lex::Other, F_PREP | F_NOT_VERB),
    ("souvent", Lex::Other, F_TRIG_FILL | F_INTENS),
    ("suggéra", Lex::Other, F_SPEECH),
    ("sur", Lex::Other, F_PREP | F_NOT_VERB),
    ("sérieusement", Lex::Other, F_TRIG_FILL),
    ("sûr", Lex::Other, F_INTENS),
    ("sûre", Lex::Other, F_INTENS),
    ("t", Lex::T, 0),
    ("t'", Lex::T, F_CLITIC | F_TRIG_FILL),
    ("ta", Lex::Other, F_DET),
    ("tant", Lex::Other, F_INTENS),
    ("tard", Lex::Other, F_INTENS),
    ("te", Lex::Other, F_CLITIC | F_TRIG_FILL),
    ("tel", Lex::Other, F_TEL),
    ("telle", Lex::Other, F_TEL),
    ("telles", Lex::Other, F_TEL),
    ("tels", Lex::Other, F_TEL),
    ("tes", Lex::Other, F_DET),
    ("tiens", Lex::Other, F_CONJ),
    (
        "toi",
        Lex::Other,
        F_OBJ_AFTER | F_TRIG_FILL | F_ENDFILL | F_NOT_VERB,
    ),
    ("ton", Lex::Other, F_DET),
    ("toujours", Lex::Toujours, F_TRIG_FILL | F_STYL),
    ("tous", Lex::Other, F_TRIG_FILL),
    ("tout", Lex::Other, F_TRIG_FILL),
    ("toutes", Lex::Other, F_TRIG_FILL),
    ("triste", Lex::Other, F_INTENS),
    ("trop", Lex::Other, F_TRIG_FILL),
    ("trouvez", Lex::Other, F_INV_VERB),
    ("très", Lex::Other, F_TRIG_FILL),
    ("tu", Lex::Other, F_SUBJ | F_QUE_SUBJ),
    ("tôt", Lex::Other, F_INTENS),
    ("un", Lex::Other, F_DET),
    ("une", Lex::Other, F_DET),
    ("utile", Lex::Other, F_INTENS),
    ("utilisez", Lex::Other, F_INV_VERB),
    ("vain", Lex::Other, F_STYL),
    ("venez", Lex::Other, F_INV_VERB),
    ("vers", Lex::Other, F_PREP),
    ("vieille", Lex::Other, F_INTENS),
    ("vieux", Lex::Other, F_INTENS),
    ("vis", Lex::Other, F_NOT_VERB),
    ("vite", Lex::Other, F_INTENS),
    ("vivez", Lex::Other, F_INV_VERB),
    ("voici", Lex::Voila, 0),
    ("voilà", Lex::Voila, 0),
    ("vos", Lex::Other, F_DET),
    ("votre", Lex::Other, F_DET),
    ("voudriez", Lex::Other, F_INV_VERB),
    ("voulez", Lex::Other, F_INV_VERB),
    ("voulons", Lex::Other, F_INV_VERB),
    (
        "vous",
        Lex::Vous,
        F_VN | F_CLITIC | F_SUBJ | F_TRIG_FILL | F_ENDFILL | F_NOT_VERB,
    ),
    ("voyez", Lex::Other, F_INV_VERB),
    ("vraiment", Lex::Other, F_TRIG_FILL | F_ENDFILL),
    ("y", Lex::Other, F_CLITIC | F_OBJ_AFTER),
    ("à", Lex::A, F_PREP | F_NOT_VERB),
    ("ça", Lex::Other, F_ENDFILL),
    ("écria", Lex::Other, F_SPEECH),
    ("était", Lex::Other, F_ESTLIKE),
    ("étiez", Lex::Other, F_INV_VERB),
    ("évident", Lex::Other, F_INTENS),
    ("évidente", Lex::Other, F_INTENS),
    ("êtes", Lex::Other, F_INV_VERB),
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
fn lookup(s: &[u8]) -> (Lex, u32) {
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
pub(super) fn lex_word(w: &str) -> (Lex, u32) {
    let mut buf = [0u8; 48];
    let Some(s) = fold_into(w, &mut buf) else {
        return (Lex::Other, 0);
    };
    let (lex, mut f) = lookup(s);
    // Open classes, by stem.
    // "demander", "redemander", but not "le demandeur".
    if (s.starts_with(b"demand") && !s.starts_with(b"demandeu"))
        || s.starts_with(b"redemand")
    {
        f |= F_T_ASK;
    }
    // "ignorer", but not "l’ignorance".
    if s.starts_with(b"ignor") && !s.starts_with(b"ignoranc") {
        f |= F_T_ASK;
    }
    if s.starts_with(b"expliqu") {
        f |= F_T_SAY;
    }
    if s.starts_with(b"compren")
        || s.starts_with(b"comprend")
        || s.starts_with(b"compris")
    {
        f |= F_T_UND;
    }
    if s.len() >= 4
        && (s.ends_with(b"er") || s.ends_with(b"ir") || s.ends_with(b"re"))
    {
        f |= F_INF;
    }
    if lex == Lex::Other
        && s.len() > 5
        && s.ends_with(b"ment")
        && s != b"vraiment"
    {
        f |= F_INTENS;
    }
    (lex, f)
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
pub(super) fn lex_ascii(w: &[u8]) -> (Lex, u32) {
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
    // `c | 0x20` equals a lower-case letter only for that letter in
    // either case, so these compare folded bytes exactly.
    let starts = |p: &[u8]| {
        n >= p.len() && p.iter().zip(w).all(|(&a, &c)| a == c | 0x20)
    };
    let ends = |p: &[u8]| {
        n >= p.len()
            && p.iter()
                .zip(&w[n - p.len()..])
                .all(|(&a, &c)| a == c | 0x20)
    };
    // The stems of `lex_word`, by first letter.
    match w[0] | 0x20 {
        b'd' if starts(b"demand") && !starts(b"demandeu") => f |= F_T_ASK,
        b'r' if starts(b"redemand") => f |= F_T_ASK,
        b'i' if starts(b"ignor") && !starts(b"ignoranc") => f |= F_T_ASK,
        b'e' if starts(b"expliqu") => f |= F_T_SAY,
        b'c' if starts(b"compren")
            || starts(b"comprend")
            || starts(b"compris") =>
        {
            f |= F_T_UND;
        }
        _ => {}
    }
    if n >= 4
        && matches!(
            [w[n - 2] | 0x20, w[n - 1] | 0x20],
            [b'e' | b'i', b'r'] | [b'r', b'e']
        )
    {
        f |= F_INF;
    }
    if lex == Lex::Other
        && n > 5
        && ends(b"ment")
        && !(n == 8 && starts(b"vraiment"))
    {
        f |= F_INTENS;
    }
    (lex, f)
}
