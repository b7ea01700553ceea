//! Questions under a verb: an interrogative clause after a verb of
//! asking ([`super::Kind::Indirect`]: "je me demande si", "dites-moi
//! où", "je voudrais savoir qui") or of knowing, checking, explaining,
//! showing, deciding ([`super::Kind::Embedded`]: "je ne sais pas
//! pourquoi", "il faut vérifier si", "on verra comment").

use super::Forms;
use super::classes::*;
use super::rules::{Ctx, Scan, Trig};
use super::tokens::TokKind;

impl Ctx<'_> {
    /// Indirect question after a verb of asking or knowing at `i`:
    /// "je me demande si …", "on me demande souvent pourquoi …", "je ne
    /// sais pas ce que …", "dites-moi comment …", "j’ignore où …".
    /// Not: "on me demande de distinguer …", "la demande qui …", "le
    /// savoir-faire", "je sais que …", "je le sais si bien".
    pub(super) fn indirect_at(&self, i: usize, out: &mut Scan) {
        let t = self.tok(i);
        // "la demande", "le savoir": nouns; "c’est-à-dire": a compound.
        if (t.flags & F_NOUNAMB != 0 && self.prev_has(i, F_DET))
            || (i > 0 && self.hyphen(i - 1) && t.glued)
        {
            return;
        }
        if self.c_est_a_dire(i) {
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
        // A direct object makes "si" a condition: "je le dirai si …",
        // "passe me voir si …", "dites-le si …".
        let mut object = self.prev_has(i, F_OBJ_DIRECT)
            || (t.flags & F_SEE != 0 && self.prev_has(i, F_OBJ_SEE));
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
            object |= self.has(p, F_OBJ_DIRECT);
            k = p + 1;
            // "dis-le-moi": the "-moi" after the object still makes a
            // request ("dis-le-moi pourquoi tu pars" asks, like
            // "dis-moi pourquoi").
            while self.hyphen(k) && self.has(k + 1, F_OBJ_AFTER | F_IMP_PRON) {
                if self.has(k + 1, F_IMP_PRON) && t.flags & F_T_IMP != 0 {
                    imperative = true;
                    level = Some(Trig::Ask);
                }
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
            } else if self.has(k, F_PREP) && self.has(k + 1, F_TRIG_FILL) {
                // "d’ailleurs", "d’abord", "par ailleurs".
                k += 2;
            } else if level == Trig::Ask
                && self.lex(k) == Lex::A
                && !self.is_interrogative(k + 1)
            {
                // "demander à Paul si", "aux gens pourquoi", "à mon frère
                // comment", "à de nombreux amis si": up to two words of
                // indirect object, after an indefinite "de"/"d’". A later
                // "de" opens an infinitive ("demander à Paul de venir").
                let first = k + 1 + usize::from(self.lex(k + 1) == Lex::De);
                let mut m = first;
                while m < first + 2
                    && self.is_word(m)
                    && !self.is_interrogative(m)
                    && self.lex(m) != Lex::De
                {
                    m += 1;
                }
                if m == first {
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
        let Some(mut forms) =
            self.embedded_at(k, i, level, imperative, object)
        else {
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
            match self.embedded_at(q, i, level, imperative, object) {
                Some(f) if self.is_interrogative(q) => {
                    forms.insert(f);
                    m = q + 1;
                }
                _ => break,
            }
        }
        // Asked: a verb of asking ("je me demande", "on me demande"), a
        // request ("dites-moi"), a wish to know ("je voudrais savoir",
        // "curieux de savoir", "la question de savoir"); otherwise the
        // clause asks nobody ("je ne sais pas", "il explique", "on
        // verra").
        let wish = t.flags & (F_SAVOIR | F_T_UND) != 0 && self.wished(i);
        if t.flags & F_ASKING != 0 || imperative || wish {
            out.indirect = true;
        } else {
            out.embedded = true;
        }
        out.tforms.insert(forms);
    }

    /// "c’est à dire" written without its hyphens: "c’est à dire qui n’a
    /// jamais…" means "that is, who…", like "c’est-à-dire", and asks
    /// nothing. ("C’est à toi de dire qui…" still does.)
    fn c_est_a_dire(&self, i: usize) -> bool {
        i >= 3
            && self.lex(i - 1) == Lex::A
            && self.lex(i - 2) == Lex::Est
            && self.lex(i - 3) == Lex::CElided
    }

    /// A wish to know governs the verb at `i`: a word of [`F_WISH`] at
    /// most four words before it ("je voudrais savoir", "j’aimerais bien
    /// comprendre", "curieux de savoir", "la question est de savoir").
    pub(super) fn wished(&self, i: usize) -> bool {
        (1..=4).any(|d| i >= d && self.has(i - d, F_WISH))
    }

    /// Words that can open an embedded question (and "si").
    pub(super) fn is_interrogative(&self, k: usize) -> bool {
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
    pub(super) fn embedded_at(
        &self,
        k: usize,
        trig: usize,
        level: Trig,
        imperative: bool,
        object: bool,
    ) -> Option<Forms> {
        let ask = level == Trig::Ask;
        let say = level >= Trig::Say && !object;
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
            // Not after a direct object: "dis-le-moi quand tu seras
            // prêt" is a time clause.
            Lex::Quand if ask && !object => {
                let meme = self.lex(k + 1) == Lex::Meme;
                (!meme).then_some(Forms::QUAND)
            }
            Lex::Ou if !self.next_is_que(k) => Some(Forms::OU),
            // "dire qui", "déterminer qui" (not "dire à qui veut
            // l’entendre", "va voir qui tu veux").
            Lex::Qui
                if !self.next_is_que(k)
                    && (ask
                        || (say
                            && !self.prev_has(k, F_PREP)
                            && !self.has(trig, F_SEE))) =>
            {
                Some(Forms::QUI)
            }
            // Not "pour je ne sais quelle raison".
            Lex::Quel
                if !self.next_is_que(k)
                    && (self.prev_lex(trig) != Lex::Ne || k != trig + 1) =>
            {
                Some(Forms::QUEL)
            }
            Lex::Lequel => Some(Forms::QUEL),
            // "je ne sais pas quoi faire"; not "quoi qu’il arrive", nor
            // the noun "un je ne sais quoi de charmant".
            Lex::Quoi if !self.next_is_que(k) => {
                let indefinite = self.prev_lex(trig) == Lex::Ne
                    && (self.lex(k + 1) == Lex::De || !self.is_word(k + 1));
                (!indefinite).then_some(Forms::QUOI)
            }
            // "je ne sais pas ce que tu veux", "dites-moi ce qui bloque";
            // after "dire", "expliquer", "comprendre" only "ce qu’est X"
            // ("expliquer ce qu’est Grunt"): "dire ce que je pense" is a
            // relative.
            // Not "il sait tout ce qui se passe" (a relative).
            Lex::Ce
                if matches!(self.lex(k + 1), Lex::Que | Lex::Qui)
                    && self.prev_lex(k) != Lex::Tout =>
            {
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
    pub(super) fn looks_infinitive(&self, k: usize) -> bool {
        if !self.is_word(k) {
            return false;
        }
        self.has(k, F_INF)
    }
}
