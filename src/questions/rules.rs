//! The rules: a fixed window of tokens, examined token by token for
//! interrogative words, inversions and the questions without `?`
//! ([`super::unmarked`]) or under a verb ([`super::embedded`]).

use super::classes::*;
use super::tokens::{Tok, TokKind, Tokens};
use super::{Forms, Place};

/// What one pass over a sentence found.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Scan {
    /// Words read as interrogatives, as in a question.
    pub(super) qforms: Forms,
    /// A counted verb–subject inversion.
    pub(super) inversion: bool,
    /// An inversion that is a question even without `?`: not a
    /// "-vous"/"-nous" that may be an imperative ("Libérez-vous"), unless
    /// the verb is a usual question verb ("Êtes-vous prêts").
    pub(super) inversion_sure: bool,
    /// A verb of asking followed by an interrogative clause.
    pub(super) indirect: bool,
    /// A verb of knowing (checking, explaining…) followed by one, or an
    /// interrogative word inside a statement.
    pub(super) embedded: bool,
    /// The only embedded clause is an interrogative word opening the
    /// sentence ("Comment Wang-Fô fut sauvé est une nouvelle"), which a
    /// final `!` makes an exclamative ("Comment il nous a eus !").
    pub(super) embedded_unless_bang: bool,
    /// The interrogative words after verbs of asking or knowing.
    pub(super) tforms: Forms,
    /// The interrogative words inside statements, under no such verb.
    pub(super) eforms: Forms,
    /// An unambiguous direct question without `?`: an inversion that
    /// opens a clause, "est-ce que", "qu’est-ce que" opening a clause.
    pub(super) direct: bool,
    /// An interrogative word with an infinitive opening the sentence
    /// ("Que faire", "Comment conserver le pain"): a question, unless a
    /// final `!` makes it an exclamative ("Comment ne pas craquer !").
    pub(super) direct_unless_bang: bool,
    /// Opens the way a question heading does ("Comment …", "Que
    /// contient …", "Quels sont …", "Où trouver …").
    pub(super) heading: bool,
}

impl Scan {
    /// An inverted interrogative without `?`: a sure inversion, or one
    /// with an interrogative word ("Qu’en retirez-vous", "Comment y
    /// participez-vous"), but not "Hébergez vos mails et libérez-vous".
    pub(super) fn asks_without_mark(&self) -> bool {
        let others = self.qforms.bits() & !Forms::INVERSION.bits();
        self.inversion_sure || (self.inversion && others != 0)
    }
}

/// Tokens held at once; longer sentences are scanned in overlapping
/// windows.
pub(super) const CAP: usize = 160;

/// Context kept on each side of a window: no rule looks further.
pub(super) const CTX: usize = 24;

/// Scans `text`, a sentence at `place`; `has_q`: it holds a `?`.
pub(super) fn scan_in(
    buf: &mut [Tok; CAP],
    text: &str,
    place: Place,
    has_q: bool,
) -> Scan {
    let mut out = Scan::default();
    let mut toks = Tokens { text, pos: 0 };
    let mut n = 0;
    let mut origin = true;
    loop {
        let mut done = false;
        while n < CAP {
            match toks.next() {
                Some(t) => {
                    buf[n] = t;
                    n += 1;
                }
                None => {
                    done = true;
                    break;
                }
            }
        }
        let ctx = Ctx {
            toks: &buf[..n],
            origin,
            has_q,
        };
        if origin && place != Place::Prose {
            out.heading = ctx.opens_like_a_question();
        }
        let lo = if origin { 0 } else { CTX };
        let hi = if done { n } else { n - CTX };
        for i in lo..hi {
            ctx.examine(i, &mut out);
        }
        if done {
            break;
        }
        buf.copy_within(n - 2 * CTX..n, 0);
        n = 2 * CTX;
        origin = false;
    }
    out
}

/// A window of tokens; `origin` says whether index 0 is the sentence start.
pub(super) struct Ctx<'w> {
    pub(super) toks: &'w [Tok],
    pub(super) origin: bool,
    /// The sentence holds a `?`.
    pub(super) has_q: bool,
}

/// How strongly a verb introduces an indirect question.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Trig {
    /// comprendre: "je ne comprends pas pourquoi" (not "si", "qui",
    /// "quand", "ce que": "je comprends si tu refuses" is a condition).
    Understand,
    /// dire, expliquer: "difficile de dire si", "il explique comment"
    /// (not "qui"/"quand"/"ce que", mostly relatives or time clauses).
    Say,
    /// demander, savoir, ignorer, "dites-moi": every interrogative.
    Ask,
}

impl Ctx<'_> {
    pub(super) fn tok(&self, i: usize) -> Tok {
        self.toks.get(i).copied().unwrap_or(Tok::EMPTY)
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.tok(i).kind == TokKind::Word
    }

    pub(super) fn lex(&self, i: usize) -> Lex {
        let t = self.tok(i);
        if t.kind == TokKind::Word {
            t.lex
        } else {
            Lex::Other
        }
    }

    pub(super) fn has(&self, i: usize, flag: u64) -> bool {
        let t = self.tok(i);
        t.kind == TokKind::Word && t.flags & flag != 0
    }

    pub(super) fn hyphen(&self, i: usize) -> bool {
        self.tok(i).kind == TokKind::Hyphen
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.tok(i).kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The word before `i`, if the token before `i` is a word.
    pub(super) fn prev_lex(&self, i: usize) -> Lex {
        if i == 0 { Lex::Other } else { self.lex(i - 1) }
    }

    pub(super) fn prev_has(&self, i: usize, flag: u64) -> bool {
        i > 0 && self.has(i - 1, flag)
    }

    /// "quoi que", "où que", "qui qu’", "quel que soit": concessive.
    pub(super) fn next_is_que(&self, i: usize) -> bool {
        self.lex(i + 1) == Lex::Que
    }

    /// `i` opens a clause: at the sentence start, or after `:`, `;`, `«`,
    /// `(`, a dash…, once leading conjunctions ("Et", "Mais alors") and,
    /// with `prep`, one preposition ("À qui", "Depuis quand", "Jusqu’où")
    /// are skipped. A comma is a clause start only after a short
    /// adverbial ("Selon vous, qui a raison ?", "Franchement, où va-t-on
    /// ?"): after a noun "qui"/"où" are relatives ("Paris, où je vis, …",
    /// "Mon voisin, qui est menuisier, …").
    pub(super) fn clause_start(&self, i: usize, prep: bool) -> bool {
        let mut j = i;
        if prep && j > 0 && self.has(j - 1, F_PREP) {
            j -= 1;
            // "jusqu’à quand", "d’ici où"
            if j > 0 && self.lex(j) != Lex::De && self.has(j - 1, F_PREP) {
                j -= 1;
            }
        }
        let mut skipped = 0;
        while j > 0 && skipped < 2 && self.has(j - 1, F_CONJ) {
            j -= 1;
            skipped += 1;
        }
        if j == 0 {
            return self.origin;
        }
        if self.punct(j - 1) == Some(',') {
            return self.adverbial_before(j - 1);
        }
        matches!(
            self.punct(j - 1),
            Some(
                ':' | ';'
                    | '«'
                    | '"'
                    | '“'
                    | '('
                    | '['
                    | '—'
                    | '–'
                    | '…'
                    | '.'
                    | '!'
                    | '?'
                    | '*'
                    | '•'
            )
        ) || (self.hyphen(j - 1) && (j == 1 && self.origin))
    }

    /// The comma at `c` closes a short adverbial that opens the sentence:
    /// one adverb or conjunction ("Franchement,", "Alors,") or up to four
    /// words led by a preposition, with no relative in them ("Selon
    /// vous,", "D’après toi,", "À votre avis,", "Dans ce cas,").
    pub(super) fn adverbial_before(&self, c: usize) -> bool {
        let mut k = c;
        let mut words = 0;
        while k > 0 && self.is_word(k - 1) && words < 4 {
            k -= 1;
            words += 1;
            // "De ceux qui inventent, qui …": a relative clause, no
            // adverbial.
            if matches!(self.lex(k), Lex::Qui | Lex::Que | Lex::Ou) {
                return false;
            }
        }
        let opens = if k == 0 {
            self.origin
        } else {
            matches!(self.punct(k - 1), Some(':' | ';' | '«' | '(' | '—'))
        };
        opens
            && words > 0
            && (self.has(k, F_PREP)
                || (words == 1 && self.has(k, F_CONJ | F_INTENS))
                // "Mais alors,", "Et donc,".
                || (words == 2
                    && self.has(k, F_CONJ)
                    && self.has(k + 1, F_CONJ | F_INTENS)))
    }

    /// `i` is the last word before the `?`, give or take a filler ("Tu
    /// pars quand, exactement ?", "C’est qui, déjà ?") or a short tail
    /// after a comma ("C’est qui, ce type ?").
    pub(super) fn at_end(&self, i: usize) -> bool {
        let mut k = i + 1;
        let mut fillers = 0;
        let mut tail: Option<usize> = None;
        while k < self.toks.len() && k < i + CTX {
            let t = self.tok(k);
            match t.kind {
                TokKind::Punct('?') => return true,
                TokKind::Punct(
                    '!' | '»' | ')' | '"' | '”' | '…' | '.' | '\'' | '’',
                ) => {}
                TokKind::Punct(',') => {
                    if tail.is_none() {
                        tail = Some(0);
                    }
                }
                TokKind::Word => match tail {
                    Some(w) if w < 3 => tail = Some(w + 1),
                    Some(_) => return false,
                    None if t.flags & F_ENDFILL != 0 && fillers < 2 => {
                        fillers += 1;
                    }
                    None => return false,
                },
                TokKind::Hyphen => {
                    if tail.is_none() {
                        return false;
                    }
                }
                TokKind::Punct(_) => return false,
            }
            k += 1;
        }
        false
    }

    /// "le pourquoi et le comment", "du comment": a determiner before the
    /// word makes it a noun, unless it ends the question ("Une quoi ?").
    pub(super) fn nominal(&self, i: usize) -> bool {
        self.prev_has(i, F_DET) && !self.at_end(i)
    }

    /// "c’est" right before `i`: "C’est quoi ?", "C’est où, la gare ?".
    pub(super) fn after_cest(&self, i: usize) -> bool {
        i >= 2
            && self.lex(i - 1) == Lex::Est
            && self.lex(i - 2) == Lex::CElided
    }

    /// An inverted verb follows `i`, with only clitics between:
    /// "(…,) que fais-tu", "où te caches-tu", "qu’en pensez-vous", or
    /// "est-ce que/qui": "où est-ce que", "qui est-ce qui". At most four
    /// clitics: "ne" and three pronouns ("que ne me l’y as-tu dit").
    pub(super) fn inversion_follows(&self, i: usize) -> bool {
        let mut k = i + 1;
        let mut skipped = 0;
        while skipped < 4 && self.has(k, F_CLITIC) && !self.hyphen(k + 1) {
            k += 1;
            skipped += 1;
        }
        self.is_word(k)
            && (self.inversion_at(k)
                || (self.lex(k) == Lex::Est && self.est_ce_que_at(k, true)))
    }

    /// "Quand il pleut, que fais-tu ?": a sentence-initial "quand"
    /// followed by a clause and a comma, with no inversion before the
    /// comma, is temporal; "Quand pars-tu ?", "Quand le train part-il ?",
    /// "Quand est-ce que …" are questions.
    pub(super) fn temporal_quand(&self, i: usize) -> bool {
        if matches!(self.punct(i + 1), Some(',' | '?')) || !self.is_word(i + 1)
        {
            return false;
        }
        let mut k = i + 1;
        while k < self.toks.len() && k < i + CTX {
            match self.tok(k).kind {
                TokKind::Punct(',') => return true,
                TokKind::Punct('?' | '!' | ':' | ';') => return false,
                TokKind::Word
                    if self.inversion_at(k)
                        || (self.lex(k) == Lex::Est
                            && self.est_ce_que_at(k, true)) =>
                {
                    return false;
                }
                _ => {}
            }
            k += 1;
        }
        false
    }

    /// Verb–subject pronoun inversion with the verb at `v`: "faites-vous",
    /// "a-t-il", "peut-on", "est-ce (vrai)", "Cela vaut-il la peine".
    ///
    /// Not inversions: imperatives with object pronouns ("dites-moi",
    /// "donne-le", "allez-y", "allons-nous-en"), compounds that hold a
    /// pronoun ("wake-on-lan"), a bare "-on"/"-il" after a word not
    /// ending in t, d or c ("hands-on", "add-on"), "rendez-vous" (unless
    /// "vous rendez-vous compte"), "-ci"/"-là", "vous-même", the "est-ce"
    /// of "est-ce que", incises after a comma or a quote ("« Viens »,
    /// dit-elle"; "demanda-t-il"), and stylistic inversions after
    /// "peut-être", "sans doute", "aussi", "ainsi" ("ainsi soit-il"),
    /// "toujours" ("toujours est-il que").
    pub(super) fn inversion_at(&self, v: usize) -> bool {
        if !self.is_word(v) || !self.hyphen(v + 1) || self.has(v, F_NOT_VERB) {
            return false;
        }
        // "faites-vous" is `faites` `-` `vous`, but "donne-le-moi" chains.
        if v > 0 && self.hyphen(v - 1) {
            return false;
        }
        let mut p = v + 2;
        if self.lex(p) == Lex::T && self.hyphen(p + 1) {
            p += 2;
            if !self.has(p, F_SUBJ_T) {
                return false;
            }
        } else if self.has(p, F_SUBJ_T) && !self.has(v, F_TD_END) {
            // "hands-on", "add-on": a verb before a bare "-il"/"-on"
            // ends in t/d/c, or the "-t-" comes between.
            return false;
        }
        if self.lex(p) == Lex::Ce {
            // "est-ce vrai ?", "était-ce", but not "est-ce que" nor
            // "qu’est-ce" (whatever follows: "Qu’est-ce qu’_avconv_ ?").
            if !self.has(v, F_ESTLIKE)
                || matches!(self.lex(p + 1), Lex::Que | Lex::Qui)
                || self.prev_lex(v) == Lex::Que
            {
                return false;
            }
        } else if !self.has(p, F_SUBJ) {
            return false;
        }
        // A subject pronoun ends an inversion: after it, a hyphen is an
        // imperative's "-en"/"-y" ("Allons-nous-en", "Souvenez-vous-en")
        // or a longer compound ("wake-on-lan"). "n’est-ce-pas", a common
        // spelling of "n’est-ce pas", stays one.
        if self.hyphen(p + 1)
            && (self.lex(p) != Lex::Ce || self.has(p + 2, F_OBJ_AFTER))
        {
            return false;
        }
        // "un rendez-vous", but "vous rendez-vous compte ?".
        if self.lex(v) == Lex::Rendez && self.prev_lex(v) != Lex::Vous {
            return false;
        }
        // Incise: "« Tu viens ? » demanda-t-il", "Oui, dit-elle, …".
        if self.has(v, F_SPEECH)
            && v > 0
            && matches!(
                self.punct(v - 1),
                Some(
                    ',' | '»'
                        | '”'
                        | '"'
                        | '?'
                        | '!'
                        | ')'
                        | '—'
                        | '–'
                        | '…'
                        | '\''
                        | '’'
                )
            )
        {
            return false;
        }
        // Stylistic inversion in statements, perhaps before clitics: "du
        // moins le croyait-il".
        let mut c = v;
        while c > 1 && self.has(c - 1, F_CLITIC) && !self.hyphen(c - 2) {
            c -= 1;
        }
        if c != v && self.has(c - 1, F_STYL) {
            return false;
        }
        if v > 0 && self.has(v - 1, F_STYL) {
            match self.lex(v - 1) {
                // "toujours est-il que" (but "Est-il toujours là ?").
                Lex::Toujours => {
                    if self.lex(v) == Lex::Est {
                        return false;
                    }
                }
                // "peut-être viendra-t-il" (not "être" alone).
                Lex::Etre => {
                    if v >= 3
                        && self.hyphen(v - 2)
                        && self.lex(v - 3) == Lex::Peut
                    {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        true
    }

    /// "est-ce que", "est-ce qu’", "est-ce qui" at `k` (`k` is "est").
    /// Without the hyphen ("est ce que") only where a question can start
    /// (`loose`), since "le problème est ce que tu crois" is a statement.
    pub(super) fn est_ce_que_at(&self, k: usize, loose: bool) -> bool {
        if self.hyphen(k + 1) {
            self.lex(k + 2) == Lex::Ce
                && matches!(self.lex(k + 3), Lex::Que | Lex::Qui)
        } else {
            loose
                && self.lex(k + 1) == Lex::Ce
                && matches!(self.lex(k + 2), Lex::Que | Lex::Qui)
        }
    }

    /// "qu’est-ce que", "qu’est ce que", "qu’est ce qu’", "qu’est-ce qui"
    /// at `i` ("qu’").
    pub(super) fn qu_est_ce_at(&self, i: usize) -> bool {
        self.lex(i) == Lex::Que
            && self.lex(i + 1) == Lex::Est
            && (self.hyphen(i + 2) && self.lex(i + 3) == Lex::Ce
                || self.lex(i + 2) == Lex::Ce
                    && matches!(self.lex(i + 3), Lex::Que | Lex::Qui))
    }

    /// Reads the word at `i`: an indirect or embedded question it opens,
    /// whether it is used as an interrogative (as in a question), whether
    /// it starts an inversion, and whether it makes the sentence a
    /// question without `?`.
    fn examine(&self, i: usize, out: &mut Scan) {
        let t = self.tok(i);
        if t.kind != TokKind::Word {
            return;
        }
        if t.flags & (F_T_ASK | F_T_SAY | F_T_UND | F_T_IMP) != 0 {
            self.indirect_at(i, out);
        }
        let found = match t.lex {
            // "Pourquoi pas ?" but not "c’est pourquoi …", "voilà
            // pourquoi …", "le pourquoi du comment".
            Lex::Pourquoi => {
                let connector = (self.after_cest(i)
                    || self.prev_lex(i) == Lex::Voila)
                    && !self.at_end(i);
                !self.nominal(i) && !connector
            }
            // Not "n’importe comment".
            Lex::Comment => {
                !self.nominal(i) && self.prev_lex(i) != Lex::Importe
            }
            Lex::Combien => !self.nominal(i),
            // Not "tel quel", "n’importe quel", "quelle que soit".
            Lex::Quel => {
                !self.prev_has(i, F_TEL)
                    && self.prev_lex(i) != Lex::Importe
                    && !self.next_is_que(i)
            }
            // "la raison pour laquelle" is a relative; "Lequel ?",
            // "Auquel penses-tu ?", "lequel des deux" ask.
            Lex::Lequel => {
                self.clause_start(i, true)
                    || self.at_end(i)
                    || self.has(i + 1, F_LEQUEL_NEXT)
                    || self.inversion_follows(i)
            }
            // "Qui vient ?", "À qui ?", "C’est qui ?"; not "la personne
            // qui vient", "ce qui", "qui que tu sois".
            Lex::Qui => {
                !self.next_is_que(i)
                    && self.prev_lex(i) != Lex::Ce
                    && (self.clause_start(i, true)
                        || self.at_end(i)
                        || self.inversion_follows(i)
                        || self.after_cest(i))
            }
            Lex::Que => {
                if self.qu_est_ce_at(i) {
                    out.qforms.insert(Forms::QU_EST_CE_QUE);
                    false
                } else {
                    // "Que fais-tu ?", "Qu’en retirez-vous", "Que dire ?";
                    // not "Que de souvenirs !", "Qu’il vienne".
                    let start = self.clause_start(i, false)
                        && self.lex(i + 1) != Lex::De
                        && !self.has(i + 1, F_QUE_SUBJ);
                    start || self.inversion_follows(i)
                }
            }
            // "Une quoi ?", "Tu fais quoi ?", "À quoi bon ?"; not "quoi
            // que tu fasses", "sans quoi", "n’importe quoi", "ce à quoi",
            // "le quoi".
            Lex::Quoi => {
                let ce_prep_quoi = i >= 2
                    && self.has(i - 1, F_PREP)
                    && self.lex(i - 2) == Lex::Ce;
                !(self.next_is_que(i)
                    || self.nominal(i)
                    || self.prev_has(i, F_QUOI_REL)
                    || self.prev_lex(i) == Lex::Importe
                    || ce_prep_quoi)
            }
            // "Où vas-tu ?", "D’où viens-tu ?", "Tu vas où ?"; not
            // "la ville où je suis né", "où que tu ailles".
            Lex::Ou => {
                !self.next_is_que(i)
                    && (self.clause_start(i, true)
                        || self.at_end(i)
                        || self.inversion_follows(i)
                        || self.after_cest(i))
            }
            // "Quand pars-tu ?", "Depuis quand ?", "Tu pars quand ?"; not
            // "quand même", "Quand il pleut, tu lis ?", "Tu m’appelles
            // quand tu arrives ?".
            Lex::Quand => {
                let meme = self.lex(i + 1) == Lex::Meme
                    || (self.lex(i + 1) == Lex::Bien
                        && self.lex(i + 2) == Lex::Meme);
                !meme
                    && ((self.clause_start(i, false)
                        && !self.temporal_quand(i))
                        || self.at_end(i)
                        || self.prev_has(i, F_PREP)
                        || self.inversion_follows(i)
                        || self.after_cest(i))
            }
            // "Est-ce que …" anywhere; "Est ce que" without hyphen only at
            // a clause start or after an interrogative ("Où est ce que").
            Lex::Est => {
                if self.prev_lex(i) != Lex::Que {
                    let loose = self.clause_start(i, false)
                        || matches!(
                            self.prev_lex(i),
                            Lex::Pourquoi
                                | Lex::Comment
                                | Lex::Quand
                                | Lex::Ou
                                | Lex::Combien
                                | Lex::Qui
                                | Lex::Quoi
                        );
                    if self.est_ce_que_at(i, loose) {
                        out.qforms.insert(Forms::EST_CE_QUE);
                    }
                }
                false
            }
            _ => false,
        };
        if found {
            out.qforms.insert(match t.lex {
                Lex::Pourquoi => Forms::POURQUOI,
                Lex::Comment => Forms::COMMENT,
                Lex::Combien => Forms::COMBIEN,
                Lex::Quel | Lex::Lequel => Forms::QUEL,
                Lex::Qui => Forms::QUI,
                Lex::Que | Lex::Quoi => Forms::QUOI,
                Lex::Ou => Forms::OU,
                Lex::Quand => Forms::QUAND,
                _ => Forms::EMPTY,
            });
        }
        if self.hyphen(i + 1) && self.inversion_at(i) {
            out.inversion = true;
            out.qforms.insert(Forms::INVERSION);
            let sure = !self.has(i + 2, F_VN)
                || (self.has(i, F_INV_VERB) && !self.reflexive_imperative(i));
            if sure {
                out.inversion_sure = true;
            }
            if !self.has_q && sure && self.inversion_asks(i) {
                out.direct = true;
            }
        }
        if !self.has_q {
            self.unmarked_at(i, out);
        }
    }
}
