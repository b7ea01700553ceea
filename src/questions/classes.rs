//! The word classes the rules name: [`Lex`] for the words they name one
//! by one, and the `F_*` flags of closed and open classes (a word may
//! carry several). Below [`super::lexicon`] and [`super::stems`], which
//! give them to words.

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
    /// "dit": "Qui dit printemps dit semis" is a proverb.
    Dit,
    /// "tout", "tous", "toute", "toutes": "tout ce qui" is a relative.
    Tout,
}

/// Prepositions that may stand before an interrogative word: "à qui",
/// "depuis quand", "jusqu’où".
pub(super) const F_PREP: u64 = 1 << 0;

/// Determiners: "le pourquoi", "une quoi" (nominal uses).
pub(super) const F_DET: u64 = 1 << 1;

/// Clitics between an interrogative and its inverted verb: "qu’en
/// pensez-vous", "où te caches-tu".
pub(super) const F_CLITIC: u64 = 1 << 2;

/// Words skipped before a clause start: "Et pourquoi …", "Mais qui …".
pub(super) const F_CONJ: u64 = 1 << 3;

/// Words ending in "t", "d" or "c" (not "dd"): the only verb forms a bare
/// "-il", "-elle", "-on", "-ils" or "-elles" follows ("peut-on",
/// "prend-il", "sont-ils", "vainc-il"); any other form takes the
/// euphonic "-t-" ("a-t-il", "parle-t-on"). So "hands-on", "scale-on"
/// and "add-on" are no inversions.
pub(super) const F_TD_END: u64 = 1 << 7;

/// Subject pronouns after the hyphen of an inversion.
pub(super) const F_SUBJ: u64 = 1 << 4;

/// Object pronouns after a second hyphen: "allons-nous-en" is an
/// imperative, not an inversion.
pub(super) const F_OBJ_AFTER: u64 = 1 << 5;

/// Words between a verb of asking and its interrogative: "je ne sais pas
/// trop si", "on me demande souvent pourquoi".
pub(super) const F_TRIG_FILL: u64 = 1 << 6;

/// Words between a final interrogative and the `?`: "C’est qui, déjà ?".
pub(super) const F_ENDFILL: u64 = 1 << 8;

/// Verbs of saying in incises: "« Viens », dit-elle."
pub(super) const F_SPEECH: u64 = 1 << 9;

/// Adverbs that cause a stylistic inversion in statements: "peut-être
/// viendra-t-il", "sans doute est-il", "ainsi soit-il", "toujours est-il".
pub(super) const F_STYL: u64 = 1 << 10;

/// Words before a hyphen that are no verbs: "vous-même", "celle-ci".
pub(super) const F_NOT_VERB: u64 = 1 << 11;

/// Forms of "être" that take "-ce": "est-ce", "était-ce", "sera-ce".
pub(super) const F_ESTLIKE: u64 = 1 << 12;

/// "tel quel".
pub(super) const F_TEL: u64 = 1 << 13;

/// Relative "quoi" after "sans", "après", "moyennant": "sans quoi".
pub(super) const F_QUOI_REL: u64 = 1 << 14;

/// "lequel de", "laquelle des", "lequel parmi".
pub(super) const F_LEQUEL_NEXT: u64 = 1 << 15;

/// Object pronouns of an imperative request: "dites-moi", "dis-nous".
pub(super) const F_IMP_PRON: u64 = 1 << 16;

/// Forms of "savoir".
pub(super) const F_SAVOIR: u64 = 1 << 17;

/// Nouns that look like trigger verbs: "le savoir", "la demande".
pub(super) const F_NOUNAMB: u64 = 1 << 18;

/// Verbs of asking and knowing: demander, savoir, ignorer.
pub(super) const F_T_ASK: u64 = 1 << 19;

/// Verbs of telling: "dire si", "expliquer pourquoi".
pub(super) const F_T_SAY: u64 = 1 << 20;

/// Verbs of understanding: "je ne comprends pas pourquoi".
pub(super) const F_T_UND: u64 = 1 << 21;

/// Imperatives that ask when followed by "-moi": "dites-moi", "explique-moi".
pub(super) const F_T_IMP: u64 = 1 << 22;

/// Subject pronouns the euphonic "-t-" stands before: il, elle, on.
pub(super) const F_SUBJ_T: u64 = 1 << 23;

/// Subject pronouns after "que" that make it a conjunction or a
/// subjunctive ("Qu’il vienne"), not the interrogative.
pub(super) const F_QUE_SUBJ: u64 = 1 << 24;

/// Looks like an infinitive (-er, -ir, -re, -oir): "que faire", "que
/// penser".
pub(super) const F_INF: u64 = 1 << 25;

/// Adverbs and adjectives after the intensifier "si" ("je le sais si
/// bien", "elle demande si souvent"), and every "-ment" adverb but
/// "vraiment".
pub(super) const F_INTENS: u64 = 1 << 26;

/// Verbs of asking: an interrogative clause under them is asked
/// ([`Kind::Indirect`]): demander, s’interroger.
pub(super) const F_ASKING: u64 = 1 << 29;

/// A wish to know before "savoir"/"comprendre" makes their clause asked:
/// "je voudrais savoir si", "curieux de savoir", "la question de savoir".
pub(super) const F_WISH: u64 = 1 << 30;

/// Verbs of seeing, whose object pronoun makes "si" a condition: "passe
/// me voir si tu veux".
pub(super) const F_SEE: u64 = 1 << 31;

/// "me", "te": objects of a verb of seeing.
pub(super) const F_OBJ_SEE: u64 = 1 << 32;

/// "le", "la", "les", "l’": a direct object before a verb makes "si" a
/// condition ("je le dirai si …").
pub(super) const F_OBJ_DIRECT: u64 = 1 << 33;

/// "pas": "pourquoi pas", "n’est-ce pas", "comment ne pas".
pub(super) const F_PAS: u64 = 1 << 34;

/// Forms of "être" after "Quel": "Quels sont les effets".
pub(super) const F_ETRE: u64 = 1 << 35;

/// An infinitive in "-er" or "-ir" (nouns in "-re" abound: "le père").
pub(super) const F_INF_ERIR: u64 = 1 << 36;

/// Abbreviations whose dot ends no sentence: "M.", "Mme", "Dr".
pub(super) const F_ABBR: u64 = 1 << 37;

/// "je", "tu", "nous", "vous": an inversion with them after a comma is
/// no incise ("…, vais-je payer une taxe").
pub(super) const F_PERS12: u64 = 1 << 38;

/// "vous", "nous": after a hyphen they are subjects ("Venez-vous ?") or
/// reflexive objects of an imperative ("Libérez-vous", "Inscrivez-vous").
pub(super) const F_VN: u64 = 1 << 27;

/// Verbs whose "-vous"/"-nous" form is far more often a question than an
/// imperative: "Êtes-vous", "Avez-vous", "Pouvez-vous", "Pensez-vous".
pub(super) const F_INV_VERB: u64 = 1 << 28;

/// Forms that are never an imperative with a reflexive "-vous"/"-nous":
/// futures, conditionals, imperfects, the presents of être, avoir,
/// pouvoir, vouloir, savoir and devoir (their imperatives are soyez,
/// ayez, veuillez, sachez…), and the usual question verbs whose
/// imperative takes no reflexive "-vous" in use (aller and venir but
/// "allez-vous-en", which the hyphen rule reads; connaître, penser,
/// utiliser, préférer…).
pub(super) const F_NO_IMP: u64 = 1 << 39;
