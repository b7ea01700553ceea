//! Questions without `?` (issue 21): the forms that ask on their own
//! (an inversion opening a clause, "est-ce que", an interrogative word
//! with an infinitive, "c’est quoi"), the interrogative words inside
//! statements ("voici comment", "à quel point"), and the openings of
//! question headings.

use super::Forms;
use super::classes::*;
use super::rules::{Ctx, Scan};
use super::tokens::TokKind;

impl Ctx<'_> {
    /// The cues of a question without `?` at `i`, and the interrogative
    /// words inside statements.
    pub(super) fn unmarked_at(&self, i: usize, out: &mut Scan) {
        let lex = self.lex(i);
        match lex {
            // "Est-ce que quelqu’un a pensé aux chaises", "c’est est-ce
            // que tu mets les épices"; without hyphen only where a
            // question can start: "Est ce que tout est frais …",
            // "Mais alors, est ce que …". Not "qu’est-ce que" (below),
            // nor after a verb of asking ("je me demande est-ce que").
            Lex::Est => {
                let hyphened = self.hyphen(i + 1);
                let loose = hyphened || self.clause_start(i, false);
                if self.prev_lex(i) != Lex::Que
                    && !self.prev_has(i, F_T_ASK | F_T_SAY | F_T_UND)
                    && self.est_ce_que_at(i, loose)
                {
                    out.direct = true;
                }
                // "C’est joli, n’est-ce pas."
                if self.prev_lex(i) == Lex::Ne
                    && hyphened
                    && self.lex(i + 2) == Lex::Ce
                    && self.tok(i + 3).flags & F_PAS != 0
                {
                    out.direct = true;
                }
            }
            // Not the exclamative "Qu’est-ce que c’est beau !".
            Lex::Que
                if self.qu_est_ce_at(i) && self.clause_start(i, false) =>
            {
                out.direct_unless_bang = true;
            }
            // "C’est quoi ce bruit", "c’était quoi, le conservatoire",
            // "c’est qui le chef", "c’est où la fête".
            Lex::Quoi | Lex::Qui | Lex::Ou
                if i >= 2
                    && self.has(i - 1, F_ETRE)
                    && self.lex(i - 2) == Lex::CElided
                    && (self.has(i + 1, F_DET)
                        || self.punct(i + 1) == Some(',')) =>
            {
                out.direct = true;
            }
            _ => {}
        }
        if !matches!(
            lex,
            Lex::Pourquoi
                | Lex::Comment
                | Lex::Combien
                | Lex::Quel
                | Lex::Que
                | Lex::Ou
                | Lex::Quoi
                | Lex::Quand
                | Lex::Lequel
        ) {
            return;
        }
        let opens = self.clause_start(i, true);
        if opens {
            self.opening_word(i, out);
            return;
        }
        // Inside a statement: "voici comment …", "à quel point …", "on
        // sait combien …", "sur comment s’installer". Not "c’est
        // pourquoi", "n’importe comment", "quel que soit", "tel quel",
        // "pour je ne sais quelle raison", "le pourquoi".
        let form = match lex {
            Lex::Pourquoi
                if !self.after_cest(i)
                    && self.tok(i + 1).flags & F_PAS == 0 =>
            {
                Forms::POURQUOI
            }
            Lex::Comment if self.prev_lex(i) != Lex::Importe => Forms::COMMENT,
            Lex::Combien => Forms::COMBIEN,
            // "quel" under a word ("à quel point", "décide quelle …"),
            // not after a comma ("Quand même, quelle histoire !").
            Lex::Quel
                if self.is_word(i.wrapping_sub(1))
                    && !self.prev_has(i, F_TEL)
                    && self.prev_lex(i) != Lex::Importe
                    && !self.next_is_que(i)
                    && !self.je_ne_sais(i) =>
            {
                Forms::QUEL
            }
            _ => return,
        };
        if !self.nominal(i) {
            out.embedded = true;
            out.eforms.insert(form);
        }
    }

    /// "je ne sais quel", "on ne sait quoi": the indefinite, not the
    /// question ("pour je ne sais quelle raison").
    pub(super) fn je_ne_sais(&self, i: usize) -> bool {
        i >= 2 && self.has(i - 1, F_SAVOIR) && self.lex(i - 2) == Lex::Ne
    }

    /// An interrogative word at `i` that opens the sentence or a clause:
    /// with an infinitive it asks ("Que faire", "Comment conserver le
    /// pain", "Où trouver des graines"); "Que"/"Où" with a verb before
    /// its subject ask ("Que devient l’argent", "Où sont passés les beaux
    /// jours"); "Quel(le)(s)" with "être" asks ("Quels sont les effets");
    /// "Pourquoi pas" with more words asks ("Pourquoi pas un tournage à
    /// Paris"); "Comment", "Pourquoi", "Combien" with a clause are an
    /// interrogative clause standing alone, which asks nobody ("Comment
    /// Wang-Fô fut sauvé est une nouvelle", "Pourquoi je fais ce
    /// métier : une histoire de famille").
    pub(super) fn opening_word(&self, i: usize, out: &mut Scan) {
        let lex = self.lex(i);
        let next = self.tok(i + 1);
        if next.kind != TokKind::Word || self.next_is_que(i) {
            return;
        }
        if self.infinitive_follows(i) {
            out.direct_unless_bang = true;
            return;
        }
        match lex {
            Lex::Que | Lex::Ou if self.verb_follows(i) => {
                out.direct_unless_bang = true;
            }
            Lex::Quel if next.flags & F_ETRE != 0 => {
                out.direct_unless_bang = true;
            }
            // "Pourquoi pas moi"; a bare "pourquoi pas" is no clause.
            Lex::Pourquoi if next.flags & F_PAS != 0 => {
                out.direct_unless_bang |= self.is_word(i + 2);
            }
            Lex::Comment | Lex::Pourquoi | Lex::Combien if !out.embedded => {
                let form = match lex {
                    Lex::Comment => Forms::COMMENT,
                    Lex::Pourquoi => Forms::POURQUOI,
                    _ => Forms::COMBIEN,
                };
                out.embedded = true;
                out.embedded_unless_bang = true;
                out.eforms.insert(form);
            }
            _ => {}
        }
    }

    /// An infinitive follows the interrogative word at `i`, perhaps after
    /// "ne pas" and clitics: "Que faire", "Comment ne pas craquer",
    /// "Où les trouver", "Comment s’y prendre", "Combien de temps
    /// garder ses factures". After "le/la/les" only an "-er"/"-ir" verb
    /// counts ("Où le planter", not "Quand le père rentre").
    pub(super) fn infinitive_follows(&self, i: usize) -> bool {
        let mut k = i + 1;
        // "Combien de temps", "Quelle licence": a short noun phrase.
        if matches!(self.lex(i), Lex::Combien) && self.lex(k) == Lex::De {
            k += 2;
        }
        if self.lex(i) == Lex::Quand {
            // "Quand partir", "Quand s’y mettre", never "Quand le …".
            while self.has(k, F_CLITIC) && !self.has(k, F_DET) {
                k += 1;
            }
            return self.has(k, F_INF) && !self.hyphen(k + 1);
        }
        // At most five words: "ne", "pas" and three pronouns ("Comment
        // ne pas me l’y rapporter").
        let mut det = false;
        let mut skipped = 0;
        while skipped < 5
            && (self.has(k, F_CLITIC) || self.tok(k).flags & F_PAS != 0)
        {
            det |= self.has(k, F_DET);
            k += 1;
            skipped += 1;
        }
        let t = self.tok(k);
        t.kind == TokKind::Word
            && t.flags & F_INF != 0
            && !self.hyphen(k + 1)
            && (!det || t.flags & F_INF_ERIR != 0)
    }

    /// A verb seems to follow "Que"/"Où" at `i`: the next word is no
    /// determiner, subject pronoun, preposition, "de", "ce", "ça", "l’on"
    /// ("Que contient la boîte", "Où sont passés …"; not "Que la fête
    /// commence", "Que de monde", "Qu’il vienne", "Où l’on parle de …",
    /// "Qu’importe").
    pub(super) fn verb_follows(&self, i: usize) -> bool {
        let mut k = i + 1;
        // "Où en est le projet", "Où se trouve la gare".
        if self.lex(i) == Lex::Ou {
            while self.has(k, F_CLITIC) && !self.has(k, F_DET | F_SUBJ) {
                k += 1;
            }
        }
        let t = self.tok(k);
        t.kind == TokKind::Word
            && t.flags & (F_DET | F_QUE_SUBJ | F_PREP) == 0
            && !matches!(
                t.lex,
                Lex::De | Lex::CElided | Lex::Importe | Lex::Ce | Lex::Vous
            )
            // "Que se passe-t-il", not "Que nous voilà loin".
            && !(self.lex(i) == Lex::Que
                && self.has(k, F_CLITIC)
                && !self.inversion_follows(i))
    }

    /// The inverted verb at `v` makes the sentence a question without
    /// `?`: the inversion opens the sentence or a clause, perhaps after
    /// an interrogative word ("Peut-on encore …", "N’y a-t-il pas …",
    /// "Comment pouvons-nous …", "Franchement, peut-on …", "…, que
    /// restera-t-il"), or a noun phrase with no punctuation before it
    /// is its subject ("M. Dupont réussira-t-il à …", "Pourquoi la
    /// mairie a-t-elle …"). Not an incise ("Le projet, affirme-t-il,
    /// sera …", "« … », reconnaît-elle"), nor "Est-il bête !".
    pub(super) fn inversion_asks(&self, v: usize) -> bool {
        let mut j = v;
        while j > 0 && self.has(j - 1, F_CLITIC) && !self.hyphen(j - 1) {
            j -= 1;
        }
        let after = self.tok(self.pronoun_end(v));
        let bare = !matches!(after.kind, TokKind::Word | TokKind::Hyphen);
        if self.clause_start(j, false) {
            // A lone "dit-il." after an adverbial comma is an incise.
            return !bare || j == 0 || self.punct(j - 1) != Some(',');
        }
        // "…, vais-je payer une taxe": after a comma, an inversion with a
        // first- or second-person subject and a complement is no incise.
        let p = self.pronoun_end(v) - 1;
        if j > 0
            && self.punct(j - 1) == Some(',')
            && self.has(p, F_PERS12)
            && !self.has(v, F_SPEECH)
            && !bare
        {
            return true;
        }
        // After an interrogative word (and its preposition) that opens a
        // clause, or follows a comma.
        if j > 0 && self.is_wh(j - 1) {
            let w = j - 1;
            let mut b = w;
            if b > 0 && self.has(b - 1, F_PREP) {
                b -= 1;
            }
            return self.clause_start(w, true)
                || (b > 0 && self.punct(b - 1) == Some(','));
        }
        // Complex inversion: nothing but words from the sentence start.
        self.origin && (0..j).all(|k| self.plain_before(k))
    }

    /// Token `k` may stand in the subject before a complex inversion: a
    /// word, a hyphen, an apostrophe, or the dot of an abbreviation
    /// ("M.", "Dr.").
    pub(super) fn plain_before(&self, k: usize) -> bool {
        match self.tok(k).kind {
            TokKind::Word | TokKind::Hyphen => true,
            TokKind::Punct('\'' | '’') => true,
            TokKind::Punct('.') => {
                k > 0 && self.tok(k - 1).flags & F_ABBR != 0
            }
            _ => false,
        }
    }

    /// The "-vous"/"-nous" form at `v` (a usual question verb) is an
    /// imperative with a reflexive pronoun, not an inversion that asks:
    /// no `?` in the sentence, a verb that has an imperative, nothing
    /// before it that an imperative cannot have (a clitic, an
    /// interrogative word), and a complement after it that opens with a
    /// determiner or a preposition ("Mettez-vous à leur place",
    /// "trouvez-vous un guide"). Not "Avez-vous des idées" (avoir's
    /// imperative is ayez), "Pensez-vous revenir" (an infinitive),
    /// "Que pensez-vous de ce film".
    pub(super) fn reflexive_imperative(&self, v: usize) -> bool {
        if self.has_q || self.has(v, F_NO_IMP) {
            return false;
        }
        if v > 0 && (self.has(v - 1, F_CLITIC) || self.is_wh(v - 1)) {
            return false;
        }
        self.has(self.pronoun_end(v), F_DET | F_PREP)
    }

    /// The token after the subject pronoun of the inversion at `v`.
    pub(super) fn pronoun_end(&self, v: usize) -> usize {
        let mut p = v + 2;
        if self.lex(p) == Lex::T && self.hyphen(p + 1) {
            p += 2;
        }
        p + 1
    }

    /// An interrogative word: "pourquoi", "comment", "quand", "où",
    /// "combien", "qui", "que", "quoi", "lequel".
    pub(super) fn is_wh(&self, k: usize) -> bool {
        matches!(
            self.lex(k),
            Lex::Pourquoi
                | Lex::Comment
                | Lex::Quand
                | Lex::Ou
                | Lex::Combien
                | Lex::Qui
                | Lex::Que
                | Lex::Quoi
                | Lex::Lequel
        )
    }

    /// The sentence, a heading, opens the way a question heading does
    /// (see [`Place::Heading`]). `prefilter::may_open_a_heading_question`
    /// must let through every word this accepts.
    pub(super) fn opens_like_a_question(&self) -> bool {
        let next = self.tok(1);
        let words =
            self.toks.iter().filter(|t| t.kind == TokKind::Word).count();
        match self.lex(0) {
            Lex::Comment | Lex::Pourquoi | Lex::Combien | Lex::Lequel => true,
            // "Quels sont les effets", "Quelle licence pour mes photos";
            // not "Quel bonheur", "Quel que soit votre budget".
            Lex::Quel => {
                !self.next_is_que(0)
                    && (words >= 3 || next.flags & F_ETRE != 0)
            }
            Lex::Que => self.qu_est_ce_at(0) || self.verb_follows(0),
            // Not "Qui dit printemps dit semis".
            Lex::Qui => {
                let proverb = next.lex == Lex::Dit
                    && self.toks.iter().skip(2).any(|t| t.lex == Lex::Dit);
                next.kind == TokKind::Word && !self.next_is_que(0) && !proverb
            }
            // "Où" is read by `opening_word` (a verb or an infinitive
            // after it, not "Où que tu ailles").
            Lex::Quand => {
                self.infinitive_follows(0)
                    || self.inversion_follows(0)
                    || (self.lex(1) == Lex::Est && self.est_ce_que_at(1, true))
            }
            Lex::Quoi => self.lex(1) == Lex::De || self.infinitive_follows(0),
            Lex::Est => self.est_ce_que_at(0, true),
            _ => false,
        }
    }
}
