//! The rules: a fixed window of tokens, examined token by token for
//! interrogative words, inversions and indirect questions.

use super::Forms;
use super::lexicon::*;
use super::tokens::{Tok, TokKind, Tokens};

/// What one pass over a sentence found.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Scan {
    /// Forms read as in a question (only when scanned with `qctx`).
    pub(super) qforms: Forms,
    /// A counted verb–subject inversion (only with `qctx`).
    pub(super) inversion: bool,
    /// An inversion that is a question even without `?`: not a
    /// "-vous"/"-nous" that may be an imperative ("Libérez-vous"), unless
    /// the verb is a usual question verb ("Êtes-vous prêts").
    inversion_sure: bool,
    /// A verb of asking/knowing followed by an interrogative.
    pub(super) indirect: bool,
    /// The interrogative words after such verbs.
    pub(super) tforms: Forms,
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
const CTX: usize = 24;

/// Scans `text`. With `qctx` (the sentence is a question, or a list line
/// that may be one) interrogative words and inversions are read as such;
/// indirect questions are looked for in any case.
pub(super) fn scan(text: &str, qctx: bool) -> Scan {
    scan_in(&mut [Tok::EMPTY; CAP], text, qctx)
}

/// [`scan`] in a caller's token buffer (its contents do not matter), so
/// that one article initialises one buffer, not one a sentence.
pub(super) fn scan_in(buf: &mut [Tok; CAP], text: &str, qctx: bool) -> Scan {
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
        };
        let lo = if origin { 0 } else { CTX };
        let hi = if done { n } else { n - CTX };
        for i in lo..hi {
            ctx.examine(i, qctx, &mut out);
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
struct Ctx<'w> {
    toks: &'w [Tok],
    origin: bool,
}

/// How strongly a verb introduces an indirect question.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Trig {
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
    fn tok(&self, i: usize) -> Tok {
        self.toks.get(i).copied().unwrap_or(Tok::EMPTY)
    }

    fn is_word(&self, i: usize) -> bool {
        self.tok(i).kind == TokKind::Word
    }

    fn lex(&self, i: usize) -> Lex {
        let t = self.tok(i);
        if t.kind == TokKind::Word {
            t.lex
        } else {
            Lex::Other
        }
    }

    fn has(&self, i: usize, flag: u32) -> bool {
        let t = self.tok(i);
        t.kind == TokKind::Word && t.flags & flag != 0
    }

    fn hyphen(&self, i: usize) -> bool {
        self.tok(i).kind == TokKind::Hyphen
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tok(i).kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The word before `i`, if the token before `i` is a word.
    fn prev_lex(&self, i: usize) -> Lex {
        if i == 0 { Lex::Other } else { self.lex(i - 1) }
    }

    fn prev_has(&self, i: usize, flag: u32) -> bool {
        i > 0 && self.has(i - 1, flag)
    }

    /// "quoi que", "où que", "qui qu’", "quel que soit": concessive.
    fn next_is_que(&self, i: usize) -> bool {
        self.lex(i + 1) == Lex::Que
    }

    // -- positions --------------------------------------------------------

    /// `i` opens a clause: at the sentence start, or after `:`, `;`, `«`,
    /// `(`, a dash…, once leading conjunctions ("Et", "Mais alors") and,
    /// with `prep`, one preposition ("À qui", "Depuis quand", "Jusqu’où")
    /// are skipped. A comma is a clause start only after a short
    /// adverbial ("Selon vous, qui a raison ?", "Franchement, où va-t-on
    /// ?"): after a noun "qui"/"où" are relatives ("Paris, où je vis, …",
    /// "Mon voisin, qui est menuisier, …").
    fn clause_start(&self, i: usize, prep: bool) -> bool {
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
    fn adverbial_before(&self, c: usize) -> bool {
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
                || (words == 1 && self.has(k, F_CONJ | F_INTENS)))
    }

    /// `i` is the last word before the `?`, give or take a filler ("Tu
    /// pars quand, exactement ?", "C’est qui, déjà ?") or a short tail
    /// after a comma ("C’est qui, ce type ?").
    fn at_end(&self, i: usize) -> bool {
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
    fn nominal(&self, i: usize) -> bool {
        self.prev_has(i, F_DET) && !self.at_end(i)
    }

    /// "c’est" right before `i`: "C’est quoi ?", "C’est où, la gare ?".
    fn after_cest(&self, i: usize) -> bool {
        i >= 2
            && self.lex(i - 1) == Lex::Est
            && self.lex(i - 2) == Lex::CElided
    }

    /// An inverted verb follows `i`, with only clitics between:
    /// "(…,) que fais-tu", "où te caches-tu", "qu’en pensez-vous", or
    /// "est-ce que/qui": "où est-ce que", "qui est-ce qui".
    fn inversion_follows(&self, i: usize) -> bool {
        let mut k = i + 1;
        let mut skipped = 0;
        while skipped < 3 && self.has(k, F_CLITIC) && !self.hyphen(k + 1) {
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
    fn temporal_quand(&self, i: usize) -> bool {
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

    // -- inversion and est-ce que ----------------------------------------

    /// Verb–subject pronoun inversion with the verb at `v`: "faites-vous",
    /// "a-t-il", "peut-on", "est-ce (vrai)", "Cela vaut-il la peine".
    ///
    /// Not inversions: imperatives with object pronouns ("dites-moi",
    /// "donne-le", "allez-y", "allons-nous-en"), "rendez-vous" (unless
    /// "vous rendez-vous compte"), "-ci"/"-là", "vous-même", the "est-ce"
    /// of "est-ce que", incises after a comma or a quote ("« Viens »,
    /// dit-elle"; "demanda-t-il"), and stylistic inversions after
    /// "peut-être", "sans doute", "aussi", "ainsi" ("ainsi soit-il"),
    /// "toujours" ("toujours est-il que").
    fn inversion_at(&self, v: usize) -> bool {
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
        // "Allons-nous-en", "Souvenez-vous-en".
        if self.hyphen(p + 1) && self.has(p + 2, F_OBJ_AFTER) {
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
        // Stylistic inversion in statements.
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
    fn est_ce_que_at(&self, k: usize, loose: bool) -> bool {
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
    fn qu_est_ce_at(&self, i: usize) -> bool {
        self.lex(i) == Lex::Que
            && self.lex(i + 1) == Lex::Est
            && (self.hyphen(i + 2) && self.lex(i + 3) == Lex::Ce
                || self.lex(i + 2) == Lex::Ce
                    && matches!(self.lex(i + 3), Lex::Que | Lex::Qui))
    }

    // -- the rules ---------------------------------------------------------

    /// Reads the word at `i`: an indirect question it opens (in any
    /// sentence) and, in a question (`qctx`), whether it is used as an
    /// interrogative and whether it starts an inversion.
    fn examine(&self, i: usize, qctx: bool, out: &mut Scan) {
        let t = self.tok(i);
        if t.kind != TokKind::Word {
            return;
        }
        if t.flags & (F_T_ASK | F_T_SAY | F_T_UND | F_T_IMP) != 0 {
            self.indirect_at(i, out);
        }
        if !qctx {
            return;
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
            if !self.has(i + 2, F_VN) || self.has(i, F_INV_VERB) {
                out.inversion_sure = true;
            }
        }
    }

    /// Indirect question after a verb of asking or knowing at `i`:
    /// "je me demande si …", "on me demande souvent pourquoi …", "je ne
    /// sais pas ce que …", "dites-moi comment …", "j’ignore où …".
    /// Not: "on me demande de distinguer …", "la demande qui …", "le
    /// savoir-faire", "je sais que …", "je le sais si bien".
    fn indirect_at(&self, i: usize, out: &mut Scan) {
        let t = self.tok(i);
        // "la demande", "le savoir": nouns; "c’est-à-dire": a compound.
        if (t.flags & F_NOUNAMB != 0 && self.prev_has(i, F_DET))
            || (i > 0 && self.hyphen(i - 1) && t.glued)
        {
            return;
        }
        let mut level = if t.flags & F_T_ASK != 0 {
            Some(Trig::Ask)
        } else if t.flags & F_T_SAY != 0 {
            Some(Trig::Say)
        } else if t.flags & F_T_UND != 0 {
            Some(Trig::Understand)
        } else {
            None
        };
        let mut k = i + 1;
        let mut imperative = false;
        if self.hyphen(k) {
            // "dites-moi", "explique-moi", "savez-vous", "sait-on",
            // "demande-t-il"; "savoir-faire" is a noun.
            let mut p = k + 1;
            if self.lex(p) == Lex::T && self.hyphen(p + 1) {
                p += 2;
            }
            if self.has(p, F_IMP_PRON) && t.flags & F_T_IMP != 0 {
                imperative = true;
                level = Some(Trig::Ask);
            } else if !self.has(p, F_SUBJ | F_OBJ_AFTER | F_IMP_PRON) {
                return;
            }
            k = p + 1;
            // "dis-le-moi"
            while self.hyphen(k) && self.has(k + 1, F_OBJ_AFTER | F_IMP_PRON) {
                k += 2;
            }
        }
        let Some(level) = level else {
            return;
        };
        // Fillers: "je ne sais pas trop si", "demande souvent", "demander
        // à Paul si", "dites-moi, pourquoi", "je me demande : pourquoi".
        let mut steps = 0;
        while steps < 8 {
            // "-ment" adverbs too: "je me demandais justement si".
            if self.has(k, F_TRIG_FILL | F_INTENS) {
                k += 1;
            } else if level == Trig::Ask
                && self.lex(k) == Lex::A
                && !self.is_interrogative(k + 1)
            {
                // "demander à Paul si", "aux gens pourquoi", "à mon frère
                // comment": up to two words of indirect object.
                let mut m = k + 1;
                while m < k + 3
                    && self.is_word(m)
                    && !self.is_interrogative(m)
                    && self.lex(m) != Lex::De
                {
                    m += 1;
                }
                if m == k + 1 {
                    break;
                }
                k = m;
            } else if (level == Trig::Ask && self.punct(k) == Some(':'))
                || (imperative && self.punct(k) == Some(','))
            {
                k += 1;
            } else {
                break;
            }
            steps += 1;
        }
        // One preposition before the interrogative: "à quoi", "de quoi",
        // "avec qui", "dans quelle mesure", "jusqu’où".
        if self.has(k, F_PREP) && self.is_interrogative(k + 1) {
            k += 1;
        }
        let Some(mut forms) = self.embedded_at(k, i, level, imperative) else {
            return;
        };
        // Coordinated: "pourquoi et comment", "si et quand".
        let mut m = k + 1;
        while matches!(self.lex(m), Lex::Coord) || self.punct(m) == Some(',') {
            let mut q = m + 1;
            if self.lex(q) == Lex::Coord {
                q += 1;
            }
            if self.has(q, F_PREP) && self.is_interrogative(q + 1) {
                q += 1;
            }
            match self.embedded_at(q, i, level, imperative) {
                Some(f) if self.is_interrogative(q) => {
                    forms.insert(f);
                    m = q + 1;
                }
                _ => break,
            }
        }
        out.indirect = true;
        out.tforms.insert(forms);
    }

    /// Words that can open an embedded question (and "si").
    fn is_interrogative(&self, k: usize) -> bool {
        matches!(
            self.lex(k),
            Lex::Pourquoi
                | Lex::Comment
                | Lex::Quand
                | Lex::Ou
                | Lex::Combien
                | Lex::Quel
                | Lex::Lequel
                | Lex::Qui
                | Lex::Quoi
                | Lex::Si
                | Lex::SElided
        )
    }

    /// The interrogative word at `k`, after the trigger verb at `trig`.
    /// `Some(EMPTY)` for "si" (an indirect question with no form name).
    fn embedded_at(
        &self,
        k: usize,
        trig: usize,
        level: Trig,
        imperative: bool,
    ) -> Option<Forms> {
        let ask = level == Trig::Ask;
        let say = level >= Trig::Say;
        match self.lex(k) {
            // "si" opens a clause ("si tu viens", "si aujourd’hui …",
            // "s’il"); "si bien", "si souvent", "si rapidement" are
            // intensifiers, and "rien à dire si ce n’est" means "except".
            Lex::Si if say => {
                let next = self.tok(k + 1);
                let clause = match next.kind {
                    TokKind::Word => next.flags & F_INTENS == 0,
                    TokKind::Punct(c) => matches!(c, ',' | '«' | '"' | '“'),
                    TokKind::Hyphen => false,
                };
                let except = self.lex(k + 1) == Lex::Ce
                    && self.lex(k + 2) == Lex::Ne
                    && self.lex(k + 3) == Lex::Est;
                (clause && !except).then_some(Forms::EMPTY)
            }
            Lex::SElided if say && self.lex(k + 1) == Lex::Il => {
                Some(Forms::EMPTY)
            }
            Lex::Pourquoi => Some(Forms::POURQUOI),
            Lex::Comment => Some(Forms::COMMENT),
            Lex::Combien => Some(Forms::COMBIEN),
            Lex::Quand if ask => {
                let meme = self.lex(k + 1) == Lex::Meme;
                (!meme).then_some(Forms::QUAND)
            }
            Lex::Ou if !self.next_is_que(k) => Some(Forms::OU),
            Lex::Qui if ask && !self.next_is_que(k) => Some(Forms::QUI),
            Lex::Quel if !self.next_is_que(k) => Some(Forms::QUEL),
            Lex::Lequel => Some(Forms::QUEL),
            // "je ne sais pas quoi faire"; not "quoi qu’il arrive", nor
            // the noun "un je ne sais quoi de charmant".
            Lex::Quoi if !self.next_is_que(k) => {
                let indefinite = self.lex(k + 1) == Lex::De
                    && self.prev_lex(trig) == Lex::Ne;
                (!indefinite).then_some(Forms::QUOI)
            }
            // "je ne sais pas ce que tu veux", "dites-moi ce qui bloque";
            // after "dire", "expliquer", "comprendre" only "ce qu’est X"
            // ("expliquer ce qu’est Grunt"): "dire ce que je pense" is a
            // relative.
            Lex::Ce if matches!(self.lex(k + 1), Lex::Que | Lex::Qui) => {
                let full = ask && (imperative || !self.has(trig, F_T_SAY));
                let what_is = self.lex(k + 1) == Lex::Que
                    && self.lex(k + 2) == Lex::Est
                    && !self.hyphen(k + 3);
                (full || what_is).then_some(Forms::QUOI)
            }
            Lex::Que => {
                if self.qu_est_ce_at(k) {
                    Some(Forms::QU_EST_CE_QUE)
                } else if self.has(trig, F_SAVOIR)
                    && self.prev_lex(trig) == Lex::Ne
                    && self.looks_infinitive(k + 1)
                {
                    // "je ne sais que faire" (but "je ne sais que trop").
                    Some(Forms::QUOI)
                } else {
                    None
                }
            }
            // "je me demande est-ce que …" (spoken).
            Lex::Est if ask && self.est_ce_que_at(k, true) => {
                Some(Forms::EST_CE_QUE)
            }
            _ => None,
        }
    }

    /// An infinitive ending: "faire", "dire", "penser", "choisir",
    /// "devoir" (heuristic).
    fn looks_infinitive(&self, k: usize) -> bool {
        if !self.is_word(k) {
            return false;
        }
        self.has(k, F_INF)
    }
}
