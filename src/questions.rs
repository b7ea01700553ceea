//! Question detection: direct and indirect questions in French prose.
//!
//! Takes the body sentences of one article (as [`SentenceRef`]s, in text
//! order, with the line/block they sit in) and its title, and produces the
//! `questions` object of DESIGN.md ([`Questions`]): how many direct and
//! indirect questions there are, which interrogative forms they use, whether
//! the title asks something, and how many questions belong to a run of
//! "and you?" lines put to the reader.
//!
//! The unit of work is [`classify`], which decides for one sentence whether
//! it is a direct question (it has a `?`, or it is an inverted interrogative
//! inside a list of questions), an indirect one ("je me demande si …",
//! "on me demande souvent pourquoi …") or no question, and names its
//! interrogative forms. It is written for real French typography: `?` after
//! a space, a NBSP (U+00A0) or a narrow NBSP (U+202F), `?!`, `? »`, `?)`,
//! `’` as well as `'`, "qu’est ce que" without its hyphen, capitals such as
//! `Êtes-vous` and `À qui`.
//!
//! Guarantees:
//! - [`classify`] never allocates; sentences with neither a `?` nor a verb
//!   of asking or knowing are rejected by one byte scan, so the cost on
//!   ordinary prose is close to a `memchr`.
//! - Each form is counted at most once per sentence; `total = direct +
//!   indirect`; the JSON keys of [`FormCounts`] are always the twelve form
//!   names, in DESIGN order.
//! - No `unwrap` on input: any `&str` is accepted.
//!
//! The rules are heuristics over words, not a parser; the module's tests
//! (`tests/questions.rs`, `tests/data/questions.tsv`) measure them on
//! hand-labelled sentences full of traps.

use serde::ser::{Serialize, SerializeMap, Serializer};

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

/// The twelve form names of DESIGN.md, in their fixed order.
pub const FORM_NAMES: [&str; 12] = [
    "qu_est_ce_que",
    "est_ce_que",
    "pourquoi",
    "comment",
    "quand",
    "ou",
    "combien",
    "quel",
    "qui",
    "quoi",
    "inversion",
    "intonation",
];

/// A set of interrogative forms (a bitset over the 12 names of
/// [`FORM_NAMES`]), iterable in DESIGN order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forms(u16);

impl Forms {
    /// No form.
    pub const EMPTY: Forms = Forms(0);
    /// "qu’est-ce que/qui", also without the hyphen ("qu’est ce qu’").
    pub const QU_EST_CE_QUE: Forms = Forms(1 << 0);
    /// "est-ce que/qu’" outside "qu’est-ce que".
    pub const EST_CE_QUE: Forms = Forms(1 << 1);
    /// Interrogative "pourquoi".
    pub const POURQUOI: Forms = Forms(1 << 2);
    /// Interrogative "comment".
    pub const COMMENT: Forms = Forms(1 << 3);
    /// Interrogative "quand".
    pub const QUAND: Forms = Forms(1 << 4);
    /// Interrogative "où" (name `ou`).
    pub const OU: Forms = Forms(1 << 5);
    /// Interrogative "combien".
    pub const COMBIEN: Forms = Forms(1 << 6);
    /// quel/quelle/quels/quelles and lequel, laquelle, auquel, duquel…
    pub const QUEL: Forms = Forms(1 << 7);
    /// Interrogative "qui".
    pub const QUI: Forms = Forms(1 << 8);
    /// Interrogative "que"/"qu’"/"quoi" (and "ce que" after "savoir").
    pub const QUOI: Forms = Forms(1 << 9);
    /// Verb–subject pronoun inversion: "faites-vous", "a-t-il".
    pub const INVERSION: Forms = Forms(1 << 10);
    /// A `?` and no other marker: "Tu viens ?".
    pub const INTONATION: Forms = Forms(1 << 11);

    /// The form with this DESIGN name (`"pourquoi"`, `"ou"`…), if any.
    pub fn from_name(name: &str) -> Option<Forms> {
        FORM_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Forms(1 << i))
    }

    /// The raw bits, bit `i` standing for `FORM_NAMES[i]`.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Both sets together.
    #[must_use]
    pub const fn union(self, other: Forms) -> Forms {
        Forms(self.0 | other.0)
    }

    /// Adds the forms of `other` to `self`.
    pub fn insert(&mut self, other: Forms) {
        self.0 |= other.0;
    }

    /// True when every form of `other` is in `self`.
    pub const fn contains(self, other: Forms) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when the set holds no form.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many forms the set holds.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The names of the forms in the set, in DESIGN order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        FORM_NAMES
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
    }

    /// True when the form named `name` is in the set.
    pub fn contains_name(self, name: &str) -> bool {
        Forms::from_name(name).is_some_and(|f| self.contains(f))
    }
}

/// Whether a question is asked directly or embedded in a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Ends with `?` ("Tu viens ?"), or is an inverted interrogative inside
    /// a list of questions ("Qu’en retirez-vous").
    Direct,
    /// An embedded question without `?`: "je me demande si …",
    /// "on me demande souvent pourquoi …".
    Indirect,
}

impl Kind {
    /// The JSON name: `"direct"` or `"indirect"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
        }
    }
}

// ---------------------------------------------------------------------------
// Article level: SentenceRef in, Questions out
// ---------------------------------------------------------------------------

/// One body sentence as the pipeline hands it over, in text order.
#[derive(Clone, Copy, Debug)]
pub struct SentenceRef<'a> {
    /// The sentence text (may contain NBSP, `’`, guillemets; list markers
    /// like "• " or "- " already removed).
    pub text: &'a str,
    /// Index of the line/block it sits in; consecutive blocks have
    /// consecutive numbers.
    pub line: u32,
    /// True when the block is a list item / bullet line.
    pub list_item: bool,
}

/// Per-form counts; serialises as a JSON object whose keys are all twelve
/// [`FORM_NAMES`], in DESIGN order, zeros included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormCounts(pub [u32; 12]);

impl FormCounts {
    /// Adds one to every form of `forms`.
    pub fn add(&mut self, forms: Forms) {
        for (i, c) in self.0.iter_mut().enumerate() {
            if forms.0 & (1 << i) != 0 {
                *c += 1;
            }
        }
    }

    /// The count for the form named `name` (0 for an unknown name).
    pub fn get(&self, name: &str) -> u32 {
        FORM_NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0, |i| self.0[i])
    }

    /// `(name, count)` pairs in DESIGN order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        FORM_NAMES.iter().copied().zip(self.0.iter().copied())
    }
}

impl Serialize for FormCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(FORM_NAMES.len()))?;
        for (name, count) in self.iter() {
            map.serialize_entry(name, &count)?;
        }
        map.end()
    }
}

/// One question of the body, as written in the article JSON.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct QuestionSentence {
    /// The sentence, trimmed, whitespace runs collapsed to one space
    /// (NBSP and narrow NBSP kept as they are).
    pub text: String,
    /// `"direct"` or `"indirect"`.
    pub kind: &'static str,
    /// Form names in DESIGN order.
    pub forms: Vec<&'static str>,
}

/// The `questions` object of one article (DESIGN.md).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Questions {
    /// `direct + indirect`.
    pub total: u32,
    /// Questions with a `?` (or inverted lines in a list of questions).
    pub direct: u32,
    /// Embedded questions without `?`.
    pub indirect: u32,
    /// Whether the title holds a question.
    pub title: bool,
    /// Questions in a run of 3 or more consecutive question lines.
    pub reader_prompts: u32,
    /// How many questions use each form (once per sentence).
    pub forms: FormCounts,
    /// The questions themselves, in text order.
    pub sentences: Vec<QuestionSentence>,
}

/// A run of question lines must be this long to be a list of reader
/// prompts ("Et vous ? …" at the end of a post).
const MIN_PROMPT_RUN: usize = 3;

/// The whole `questions` object for one article.
///
/// `sentences` are the body sentences in text order. A line is a question
/// line when its last sentence is a question, or, for a list item, an
/// inverted interrogative without `?` ("Qu’en retirez-vous"). Lines with
/// consecutive numbers form runs; in a run of 3 or more lines, at least one
/// of which ends with a real `?` question, every question counts as a
/// reader prompt, and the inverted list lines become direct questions.
/// Outside such a run an inverted line without `?` is no question.
pub fn analyze(
    title: Option<&str>,
    sentences: &[SentenceRef<'_>],
) -> Questions {
    let mut out = Questions {
        title: title.is_some_and(title_is_question),
        ..Questions::default()
    };
    // Plain classification, and for list items without a verdict the
    // "inside a list" one, kept aside until the run is known.
    let plain: Vec<Option<(Kind, Forms)>> =
        sentences.iter().map(|s| classify(s.text, false)).collect();
    let in_list: Vec<Option<(Kind, Forms)>> = sentences
        .iter()
        .zip(&plain)
        .map(|(s, p)| match p {
            None if s.list_item => {
                classify(s.text, true).filter(|(k, _)| *k == Kind::Direct)
            }
            _ => None,
        })
        .collect();

    // Lines: (line number, first sentence, end, question line?, real `?`).
    let mut lines: Vec<(u32, usize, usize, bool, bool)> = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let line = sentences[i].line;
        let mut j = i + 1;
        while j < sentences.len() && sentences[j].line == line {
            j += 1;
        }
        let last = j - 1;
        let question = plain[last].is_some() || in_list[last].is_some();
        let real = matches!(plain[last], Some((Kind::Direct, _)))
            && has_question_mark(sentences[last].text);
        lines.push((line, i, j, question, real));
        i = j;
    }

    // Runs of consecutive question lines.
    let mut prompt = vec![false; sentences.len()];
    let mut a = 0;
    while a < lines.len() {
        if !lines[a].3 {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < lines.len()
            && lines[b].3
            && lines[b].0 == lines[b - 1].0.wrapping_add(1)
        {
            b += 1;
        }
        let run = &lines[a..b];
        if run.len() >= MIN_PROMPT_RUN && run.iter().any(|l| l.4) {
            for l in run {
                prompt[l.1..l.2].iter_mut().for_each(|p| *p = true);
            }
        }
        a = b;
    }

    for (k, s) in sentences.iter().enumerate() {
        let verdict = match (plain[k], in_list[k]) {
            (Some(v), _) => Some(v),
            (None, Some(v)) if prompt[k] => Some(v),
            _ => None,
        };
        let Some((kind, forms)) = verdict else {
            continue;
        };
        match kind {
            Kind::Direct => out.direct += 1,
            Kind::Indirect => out.indirect += 1,
        }
        if prompt[k] {
            out.reader_prompts += 1;
        }
        out.forms.add(forms);
        out.sentences.push(QuestionSentence {
            text: collapse_spaces(s.text),
            kind: kind.as_str(),
            forms: forms.names().collect(),
        });
    }
    out.total = out.direct + out.indirect;
    out
}

/// True when the title holds a question.
///
/// A `?` anywhere counts, even before a series marker ("… de pratique?
/// Partie 1"), but not the doubt marker "(?)". Without `?`, a title asks
/// when it is an inverted interrogative ("Faut-il quitter Facebook"), opens
/// with "est-ce que"/"qu’est-ce que", or is an indirect question ("Je me
/// demande si …"). "Pourquoi …" and "Comment …" alone are how-to titles,
/// not questions.
pub fn title_is_question(title: &str) -> bool {
    if has_question_mark(title) {
        return true;
    }
    // Titles are short: the list mode (inversions without `?`) is safe here.
    let s = scan(title, true);
    s.inversion
        || s.indirect
        || s.qforms.contains(Forms::QU_EST_CE_QUE)
        || s.qforms.contains(Forms::EST_CE_QUE)
}

/// Trims `s` and collapses every run of whitespace (newlines included) to
/// one space; NBSP (U+00A0), figure space (U+2007) and narrow NBSP (U+202F)
/// are typography, not layout, and are kept as they are.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.trim().chars() {
        if c.is_whitespace() && !is_nbsp(c) {
            pending = true;
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

const fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

// ---------------------------------------------------------------------------
// Sentence level
// ---------------------------------------------------------------------------

/// Classify one sentence.
///
/// `in_list` = the sentence is a line inside a run of question lines, which
/// lets an inverted interrogative without `?` ("Qu’en retirez-vous",
/// "Êtes-vous prêt") count as a direct question.
///
/// - A sentence with a `?` is always [`Kind::Direct`] ("Une quoi?" →
///   `quoi`; "Depuis quand?" → `quand`; "Tu viens ?" → `intonation`).
/// - Without `?`, a verb of asking or knowing followed by an interrogative
///   word makes it [`Kind::Indirect`] ("je ne sais pas pourquoi …"); its
///   forms are the interrogative words after the verb (`si` names none).
/// - Anything else is `None`, exclamatives included ("Quelle belle journée
///   !", "Que de souvenirs !").
///
/// Never allocates.
pub fn classify(text: &str, in_list: bool) -> Option<(Kind, Forms)> {
    let has_q = has_question_mark(text);
    if !has_q && !in_list && !has_trigger_word(text) {
        return None;
    }
    let s = scan(text, has_q || in_list);
    if has_q {
        let mut forms = s.qforms.union(s.tforms);
        if forms.is_empty() {
            forms = Forms::INTONATION;
        }
        return Some((Kind::Direct, forms));
    }
    // In a list of questions: "Qu’en retirez-vous", "Quels sont vos
    // objectifs", "Est-ce que vous reviendrez" (not "Inscrivez-vous !").
    let listed = Forms::QUEL
        .union(Forms::EST_CE_QUE)
        .union(Forms::QU_EST_CE_QUE);
    if in_list
        && (s.inversion || s.qforms.bits() & listed.bits() != 0)
        && !ends_with_bang(text)
    {
        return Some((Kind::Direct, s.qforms.union(s.tforms)));
    }
    if s.indirect {
        return Some((Kind::Indirect, s.tforms));
    }
    None
}

/// A `?` that is not the doubt marker "(?)" ("il a payé 300 $ (?)").
fn has_question_mark(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(p) = b[from..].iter().position(|&c| c == b'?') {
        let i = from + p;
        let doubt = i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')');
        if !doubt {
            return true;
        }
        from = i + 1;
    }
    false
}

/// An exclamation at the end: an imperative list line ("Inscrivez-vous !")
/// is not an inverted question.
fn ends_with_bang(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')' | '.')
    })
    .ends_with('!')
}

/// Cheap pre-filter for sentences without `?`: does any word look like a
/// verb that introduces an indirect question (demander, savoir, ignorer,
/// dire, expliquer, comprendre, raconter)? Must accept every word that
/// [`lex_word`] gives a trigger flag; may accept more.
///
/// One pass over the bytes with a lookup table: a word start is an ASCII
/// letter after a byte that ends no letter (ASCII punctuation or space, or
/// the last byte of `’`, NBSP, `«`… — "j’ignore" must be seen); only word
/// starts with a trigger's first letter are looked at further.
fn has_trigger_word(text: &str) -> bool {
    let b = text.as_bytes();
    let mut prev_word = false;
    for (i, &c) in b.iter().enumerate() {
        match BYTE_CLASS[c as usize] {
            CLASS_START => {
                if !prev_word && is_trigger_prefix(&b[i..]) {
                    return true;
                }
                prev_word = true;
            }
            CLASS_WORD => prev_word = true,
            CLASS_HIGH => {
                // A continuation byte that ends U+0080..U+00BF (C2 xx:
                // NBSP, «, », °) or U+2000..U+203F (E2 80 xx: ’, …, –,
                // narrow NBSP) ends a word; other UTF-8 is letters.
                prev_word = !(c < 0xC0
                    && i >= 1
                    && (b[i - 1] == 0xC2
                        || (i >= 2 && b[i - 1] == 0x80 && b[i - 2] == 0xE2)));
            }
            _ => prev_word = false,
        }
    }
    false
}

const CLASS_OTHER: u8 = 0;
const CLASS_WORD: u8 = 1;
const CLASS_START: u8 = 2;
const CLASS_HIGH: u8 = 3;

/// Byte classes for [`has_trigger_word`]: the first letters of trigger
/// verbs (d, r, s, i, e, c, either case) are `CLASS_START`.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [CLASS_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            CLASS_HIGH
        } else if c.is_ascii_alphanumeric() {
            match c.to_ascii_lowercase() {
                b'd' | b'r' | b's' | b'i' | b'e' | b'c' => CLASS_START,
                _ => CLASS_WORD,
            }
        } else {
            CLASS_OTHER
        };
        i += 1;
    }
    t
};

/// `rest` starts with an ASCII letter at a word start. Compares the
/// word's first bytes with the triggers' stems ("demand", "sav"…) and, for
/// short words, the whole word ("dis", "su").
fn is_trigger_prefix(rest: &[u8]) -> bool {
    // The word's ASCII head; a UTF-8 letter ends it but not the word.
    let head = rest
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let ends_word = rest.get(head).is_none_or(|&c| c < 0x80);
    let lower = |i: usize| rest.get(i).map_or(0, u8::to_ascii_lowercase);
    let starts = |p: &[u8]| {
        head >= p.len() && p.iter().enumerate().all(|(i, &c)| lower(i) == c)
    };
    let exact = |p: &[u8]| head == p.len() && ends_word && starts(p);
    match lower(0) {
        b'd' => {
            starts(b"demand")
                || exact(b"dis")
                || exact(b"dites")
                || exact(b"dire")
        }
        b'r' => starts(b"redemand") || starts(b"racont"),
        b's' => {
            exact(b"sais")
                || exact(b"sait")
                || starts(b"sav")
                || starts(b"sach")
                || starts(b"saur")
                || exact(b"su")
                || exact(b"sus")
                || exact(b"sut")
        }
        b'i' => starts(b"ignor"),
        b'e' => starts(b"expliqu"),
        b'c' => starts(b"compr"),
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokKind {
    /// A run of letters/digits; an elided word keeps its apostrophe
    /// ("qu’", "l’", "jusqu’").
    Word,
    /// `-`, U+2010 or U+2011: "faites-vous" is `faites` `-` `vous`.
    Hyphen,
    /// Any other non-space character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: TokKind,
    lex: Lex,
    flags: u32,
    /// Starts with an upper-case letter.
    upper: bool,
}

impl Tok {
    const EMPTY: Tok = Tok {
        kind: TokKind::Punct(' '),
        lex: Lex::Other,
        flags: 0,
        upper: false,
    };
}

/// Words that the rules name one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
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
    Pas,
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
const F_PREP: u32 = 1 << 0;
/// Determiners: "le pourquoi", "une quoi" (nominal uses).
const F_DET: u32 = 1 << 1;
/// Clitics between an interrogative and its inverted verb: "qu’en
/// pensez-vous", "où te caches-tu".
const F_CLITIC: u32 = 1 << 2;
/// Words skipped before a clause start: "Et pourquoi …", "Mais qui …".
const F_CONJ: u32 = 1 << 3;
/// Subject pronouns after the hyphen of an inversion.
const F_SUBJ: u32 = 1 << 4;
/// Object pronouns after a second hyphen: "allons-nous-en" is an
/// imperative, not an inversion.
const F_OBJ_AFTER: u32 = 1 << 5;
/// Words between a verb of asking and its interrogative: "je ne sais pas
/// trop si", "on me demande souvent pourquoi".
const F_TRIG_FILL: u32 = 1 << 6;
/// Words that open a clause after "si" ("je me demande si tu …"); "si"
/// before anything else is the intensifier ("je le sais si bien").
const F_SI_NEXT: u32 = 1 << 7;
/// Words between a final interrogative and the `?`: "C’est qui, déjà ?".
const F_ENDFILL: u32 = 1 << 8;
/// Verbs of saying in incises: "« Viens », dit-elle."
const F_SPEECH: u32 = 1 << 9;
/// Adverbs that cause a stylistic inversion in statements: "peut-être
/// viendra-t-il", "sans doute est-il", "ainsi soit-il", "toujours est-il".
const F_STYL: u32 = 1 << 10;
/// Words before a hyphen that are no verbs: "vous-même", "celle-ci".
const F_NOT_VERB: u32 = 1 << 11;
/// Forms of "être" that take "-ce": "est-ce", "était-ce", "sera-ce".
const F_ESTLIKE: u32 = 1 << 12;
/// "tel quel".
const F_TEL: u32 = 1 << 13;
/// Relative "quoi" after "sans", "après", "moyennant": "sans quoi".
const F_QUOI_REL: u32 = 1 << 14;
/// "lequel de", "laquelle des", "lequel parmi".
const F_LEQUEL_NEXT: u32 = 1 << 15;
/// Object pronouns of an imperative request: "dites-moi", "dis-nous".
const F_IMP_PRON: u32 = 1 << 16;
/// Forms of "savoir".
const F_SAVOIR: u32 = 1 << 17;
/// Nouns that look like trigger verbs: "le savoir", "la demande".
const F_NOUNAMB: u32 = 1 << 18;
/// Verbs of asking and knowing: demander, savoir, ignorer.
const F_T_ASK: u32 = 1 << 19;
/// Verbs of telling: "dire si", "expliquer pourquoi".
const F_T_SAY: u32 = 1 << 20;
/// Verbs of understanding: "je ne comprends pas pourquoi".
const F_T_UND: u32 = 1 << 21;
/// Imperatives that ask when followed by "-moi": "dites-moi", "explique-moi".
const F_T_IMP: u32 = 1 << 22;
/// Subject pronouns the euphonic "-t-" stands before: il, elle, on.
const F_SUBJ_T: u32 = 1 << 23;
/// Subject pronouns after "que" that make it a conjunction or a
/// subjunctive ("Qu’il vienne"), not the interrogative.
const F_QUE_SUBJ: u32 = 1 << 24;
/// Looks like an infinitive (-er, -ir, -re, -oir): "que faire", "que
/// penser".
const F_INF: u32 = 1 << 25;

/// Lower-cases `w` into `buf` (ASCII, Latin-1 capitals such as É/Ê/À/Ç,
/// Œ) and maps `’`, `‘` and `ʼ` to `'`. `None` when `w` does not fit.
fn fold_into<'b>(w: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
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
    std::str::from_utf8(&buf[..n]).ok()
}

/// The lexical class of one word.
fn lex_word(w: &str) -> (Lex, u32) {
    let mut buf = [0u8; 48];
    let Some(s) = fold_into(w, &mut buf) else {
        return (Lex::Other, 0);
    };
    let lex = match s {
        "pourquoi" => Lex::Pourquoi,
        "comment" => Lex::Comment,
        "quand" => Lex::Quand,
        "où" => Lex::Ou,
        "combien" => Lex::Combien,
        "quel" | "quelle" | "quels" | "quelles" => Lex::Quel,
        "lequel" | "laquelle" | "lesquels" | "lesquelles" | "auquel"
        | "auxquels" | "auxquelles" | "duquel" | "desquels" | "desquelles" => {
            Lex::Lequel
        }
        "qui" => Lex::Qui,
        "que" | "qu'" => Lex::Que,
        "quoi" => Lex::Quoi,
        "est" => Lex::Est,
        "ce" => Lex::Ce,
        "c'" => Lex::CElided,
        "si" => Lex::Si,
        "s'" => Lex::SElided,
        "t" | "t'" => Lex::T,
        "même" | "mêmes" => Lex::Meme,
        "bien" => Lex::Bien,
        "importe" => Lex::Importe,
        "rendez" => Lex::Rendez,
        "vous" => Lex::Vous,
        "de" | "d'" => Lex::De,
        "peut" => Lex::Peut,
        "être" => Lex::Etre,
        "toujours" => Lex::Toujours,
        "ne" | "n'" => Lex::Ne,
        "pas" => Lex::Pas,
        "il" | "ils" => Lex::Il,
        "et" | "ou" | "ni" => Lex::Coord,
        "voilà" | "voici" => Lex::Voila,
        "à" | "au" | "aux" => Lex::A,
        _ => Lex::Other,
    };
    let mut f = 0;
    if matches!(
        s,
        "à" | "de"
            | "d'"
            | "avec"
            | "pour"
            | "par"
            | "sur"
            | "sous"
            | "dans"
            | "en"
            | "depuis"
            | "chez"
            | "vers"
            | "contre"
            | "entre"
            | "selon"
            | "après"
            | "avant"
            | "jusqu'"
            | "jusque"
            | "pendant"
            | "malgré"
            | "sans"
            | "envers"
            | "parmi"
            | "au"
            | "aux"
            | "dès"
    ) {
        f |= F_PREP;
    }
    if matches!(
        s,
        "le" | "la"
            | "les"
            | "l'"
            | "un"
            | "une"
            | "des"
            | "du"
            | "ce"
            | "ces"
            | "cet"
            | "cette"
            | "son"
            | "sa"
            | "ses"
            | "mon"
            | "ma"
            | "mes"
            | "ton"
            | "ta"
            | "tes"
            | "notre"
            | "votre"
            | "nos"
            | "vos"
            | "leur"
            | "leurs"
            | "au"
            | "aux"
    ) {
        f |= F_DET;
    }
    if matches!(
        s,
        "ne" | "n'"
            | "en"
            | "y"
            | "se"
            | "s'"
            | "me"
            | "m'"
            | "te"
            | "t'"
            | "lui"
            | "leur"
            | "le"
            | "la"
            | "les"
            | "l'"
            | "nous"
            | "vous"
    ) {
        f |= F_CLITIC;
    }
    if matches!(
        s,
        "et" | "mais"
            | "alors"
            | "donc"
            | "ou"
            | "or"
            | "puis"
            | "bon"
            | "bref"
            | "enfin"
            | "ah"
            | "oh"
            | "eh"
            | "hé"
            | "tiens"
            | "sinon"
            | "ben"
            | "bah"
            | "euh"
            | "ok"
    ) {
        f |= F_CONJ;
    }
    if matches!(
        s,
        "je" | "tu" | "il" | "elle" | "on" | "nous" | "vous" | "ils" | "elles"
    ) {
        f |= F_SUBJ;
    }
    if matches!(s, "il" | "elle" | "on" | "ils" | "elles") {
        f |= F_SUBJ_T;
    }
    if matches!(
        s,
        "il" | "elle" | "ils" | "elles" | "on" | "tu" | "je" | "j'"
    ) {
        f |= F_QUE_SUBJ;
    }
    if matches!(
        s,
        "en" | "y"
            | "le"
            | "la"
            | "les"
            | "moi"
            | "toi"
            | "lui"
            | "leur"
            | "même"
            | "mêmes"
    ) {
        f |= F_OBJ_AFTER;
    }
    if matches!(s, "moi" | "nous" | "lui" | "leur" | "m'") {
        f |= F_IMP_PRON;
    }
    if matches!(
        s,
        "pas"
            | "plus"
            | "jamais"
            | "guère"
            | "point"
            | "toujours"
            | "souvent"
            | "parfois"
            | "encore"
            | "bien"
            | "vraiment"
            | "trop"
            | "très"
            | "même"
            | "donc"
            | "alors"
            | "aussi"
            | "déjà"
            | "exactement"
            | "franchement"
            | "simplement"
            | "sérieusement"
            | "sincèrement"
            | "honnêtement"
            | "réellement"
            | "précisément"
            | "clairement"
            | "absolument"
            | "pourtant"
            | "cependant"
            | "régulièrement"
            | "constamment"
            | "tous"
            | "toutes"
            | "tout"
            | "ne"
            | "n'"
            | "me"
            | "m'"
            | "te"
            | "t'"
            | "lui"
            | "leur"
            | "nous"
            | "vous"
            | "moi"
            | "toi"
            | "sans"
            | "cesse"
            | "maintenant"
            | "plutôt"
    ) {
        f |= F_TRIG_FILL;
    }
    if matches!(
        s,
        "je" | "j'"
            | "tu"
            | "il"
            | "elle"
            | "on"
            | "nous"
            | "vous"
            | "ils"
            | "elles"
            | "c'"
            | "ça"
            | "cela"
            | "ceci"
            | "ce"
            | "celui"
            | "celle"
            | "ceux"
            | "celles"
            | "chacun"
            | "chacune"
            | "personne"
            | "rien"
            | "quelqu'"
            | "le"
            | "la"
            | "les"
            | "l'"
            | "un"
            | "une"
            | "des"
            | "du"
            | "cet"
            | "cette"
            | "ces"
            | "mon"
            | "ma"
            | "mes"
            | "ton"
            | "ta"
            | "tes"
            | "son"
            | "sa"
            | "ses"
            | "notre"
            | "votre"
            | "nos"
            | "vos"
            | "leur"
            | "leurs"
            | "chaque"
            | "aucun"
            | "aucune"
            | "plusieurs"
            | "certains"
            | "certaines"
            | "quelques"
            | "tout"
            | "tous"
            | "toute"
            | "toutes"
            | "oui"
            | "non"
            | "vraiment"
            | "par"
            | "au"
            | "aux"
            | "en"
            | "dans"
            | "pour"
            | "avec"
    ) {
        f |= F_SI_NEXT;
    }
    if matches!(
        s,
        "déjà"
            | "donc"
            | "exactement"
            | "au"
            | "juste"
            | "alors"
            | "encore"
            | "là"
            | "ça"
            | "enfin"
            | "maintenant"
            | "vraiment"
            | "précisément"
            | "demain"
            | "hier"
            | "ensuite"
            | "finalement"
            | "ici"
            | "toi"
            | "vous"
            | "lui"
            | "elle"
            | "eux"
            | "elles"
            | "moi"
            | "aujourd'"
            | "hui"
    ) {
        f |= F_ENDFILL;
    }
    if matches!(
        s,
        "dit"
            | "dis"
            | "fit"
            | "demanda"
            | "demande"
            | "demandai"
            | "répondit"
            | "répond"
            | "répondis"
            | "ajouta"
            | "ajoute"
            | "ajoutai"
            | "reprit"
            | "reprend"
            | "repris"
            | "poursuivit"
            | "poursuit"
            | "continua"
            | "continue"
            | "lança"
            | "lance"
            | "écria"
            | "exclama"
            | "murmura"
            | "souffla"
            | "expliqua"
            | "explique"
            | "pensa"
            | "pense"
            | "pensai"
            | "songea"
            | "insista"
            | "déclara"
            | "affirma"
            | "précisa"
            | "souligna"
            | "avoua"
            | "rétorqua"
            | "interrogea"
            | "questionna"
            | "observa"
            | "nota"
            | "remarqua"
            | "admit"
            | "cria"
            | "soupira"
            | "sourit"
            | "hurla"
            | "chuchota"
            | "protesta"
            | "objecta"
            | "suggéra"
            | "rappela"
            | "commenta"
            | "conclut"
            | "lâcha"
            | "glissa"
            | "plaisanta"
            | "renchérit"
            | "enquit"
            | "paraît"
            | "semble"
            | "sembla"
            | "croit"
    ) {
        f |= F_SPEECH;
    }
    if matches!(
        s,
        "doute"
            | "peine"
            | "ainsi"
            | "aussi"
            | "encore"
            | "moins"
            | "toujours"
            | "être"
            | "probablement"
            | "rarement"
            | "vain"
            | "plus"
    ) {
        f |= F_STYL;
    }
    if matches!(
        s,
        "à" | "chez"
            | "entre"
            | "après"
            | "avant"
            | "sous"
            | "sur"
            | "par"
            | "pour"
            | "celui"
            | "celle"
            | "ceux"
            | "celles"
            | "moi"
            | "toi"
            | "lui"
            | "eux"
            | "nous"
            | "vous"
            | "soit"
            | "vis"
            | "là"
            | "ci"
            | "garde"
            | "qu'en"
            | "dira"
    ) {
        f |= F_NOT_VERB;
    }
    if matches!(
        s,
        "est" | "était" | "sera" | "serait" | "fut" | "fût" | "serai"
    ) {
        f |= F_ESTLIKE;
    }
    if matches!(s, "tel" | "telle" | "tels" | "telles") {
        f |= F_TEL;
    }
    if matches!(s, "sans" | "après" | "moyennant" | "faute") {
        f |= F_QUOI_REL;
    }
    if matches!(s, "de" | "des" | "d'" | "du" | "parmi" | "entre") {
        f |= F_LEQUEL_NEXT;
    }
    // Verbs that introduce indirect questions. Keep in step with
    // `is_trigger_prefix`, the byte pre-filter.
    let savoir = matches!(
        s,
        "sais"
            | "sait"
            | "savons"
            | "savez"
            | "savent"
            | "savais"
            | "savait"
            | "savions"
            | "saviez"
            | "savaient"
            | "saurai"
            | "sauras"
            | "saura"
            | "saurons"
            | "saurez"
            | "sauront"
            | "saurais"
            | "saurait"
            | "saurions"
            | "sauriez"
            | "sauraient"
            | "sache"
            | "saches"
            | "sachions"
            | "sachiez"
            | "sachent"
            | "sachez"
            | "sachant"
            | "savoir"
            | "su"
            | "sus"
            | "sut"
    );
    if savoir {
        f |= F_T_ASK | F_SAVOIR;
    }
    // "demander", "redemander", but not "le demandeur".
    if (s.starts_with("demand") && !s.starts_with("demandeu"))
        || s.starts_with("redemand")
    {
        f |= F_T_ASK;
    }
    // "ignorer", but not "l’ignorance".
    if s.starts_with("ignor") && !s.starts_with("ignoranc") {
        f |= F_T_ASK;
    }
    if matches!(s, "savoir" | "su" | "demande" | "demandes") {
        f |= F_NOUNAMB;
    }
    if matches!(
        s,
        "dis" | "dites" | "explique" | "expliquez" | "raconte" | "racontez"
    ) {
        f |= F_T_IMP;
    }
    if s == "dire" || s.starts_with("expliqu") {
        f |= F_T_SAY;
    }
    if s.starts_with("compren")
        || s.starts_with("comprend")
        || s.starts_with("compris")
    {
        f |= F_T_UND;
    }
    if s.len() >= 4
        && (s.ends_with("er") || s.ends_with("ir") || s.ends_with("re"))
    {
        f |= F_INF;
    }
    (lex, f)
}

struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

const fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

const fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The character at byte `i` (a char boundary), with an ASCII fast path.
fn char_at(t: &str, i: usize) -> Option<char> {
    let b = *t.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        t.get(i..)?.chars().next()
    }
}

impl Iterator for Tokens<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        let t = self.text;
        let mut i = self.pos;
        let c = loop {
            let c = char_at(t, i)?;
            if c.is_whitespace() {
                i += c.len_utf8();
            } else {
                break c;
            }
        };
        let start = i;
        i += c.len_utf8();
        let tok = if c.is_alphanumeric() {
            while let Some(d) = char_at(t, i) {
                if d.is_alphanumeric() {
                    i += d.len_utf8();
                } else {
                    // Elision: "qu’est" → "qu’" + "est"; an apostrophe
                    // not followed by a letter is a closing quote.
                    if is_apostrophe(d)
                        && char_at(t, i + d.len_utf8())
                            .is_some_and(char::is_alphabetic)
                    {
                        i += d.len_utf8();
                    }
                    break;
                }
            }
            let w = &t[start..i];
            let (lex, flags) = lex_word(w);
            Tok {
                kind: TokKind::Word,
                lex,
                flags,
                upper: c.is_uppercase(),
            }
        } else if is_hyphen(c) {
            Tok {
                kind: TokKind::Hyphen,
                ..Tok::EMPTY
            }
        } else {
            Tok {
                kind: TokKind::Punct(c),
                ..Tok::EMPTY
            }
        };
        self.pos = i;
        Some(tok)
    }
}

// ---------------------------------------------------------------------------
// The scan: a fixed window of tokens, no allocation
// ---------------------------------------------------------------------------

/// What one pass over a sentence found.
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    /// Forms read as in a question (only when scanned with `qctx`).
    qforms: Forms,
    /// A counted verb–subject inversion (only with `qctx`).
    inversion: bool,
    /// A verb of asking/knowing followed by an interrogative.
    indirect: bool,
    /// The interrogative words after such verbs.
    tforms: Forms,
}

/// Tokens held at once; longer sentences are scanned in overlapping
/// windows.
const CAP: usize = 160;
/// Context kept on each side of a window: no rule looks further.
const CTX: usize = 24;

/// Scans `text`. With `qctx` (the sentence is a question, or a list line
/// that may be one) interrogative words and inversions are read as such;
/// indirect questions are looked for in any case.
fn scan(text: &str, qctx: bool) -> Scan {
    let mut out = Scan::default();
    let mut buf = [Tok::EMPTY; CAP];
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
    /// are skipped. A comma is no clause start: after it "qui"/"où" are
    /// mostly relatives ("Paris, où je vis, …").
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
                TokKind::Word => {
                    if self.inversion_at(k)
                        || (self.lex(k) == Lex::Est
                            && self.est_ce_que_at(k, true))
                    {
                        return false;
                    }
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
            // "est-ce vrai ?", "était-ce", but not "est-ce que".
            if !self.has(v, F_ESTLIKE)
                || matches!(self.lex(p + 1), Lex::Que | Lex::Qui)
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
                !self.next_is_que(i)
                    && !self.nominal(i)
                    && !self.prev_has(i, F_QUOI_REL)
                    && self.prev_lex(i) != Lex::Importe
                    && !(i >= 2
                        && self.has(i - 1, F_PREP)
                        && self.lex(i - 2) == Lex::Ce)
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
        }
    }

    /// Indirect question after a verb of asking or knowing at `i`:
    /// "je me demande si …", "on me demande souvent pourquoi …", "je ne
    /// sais pas ce que …", "dites-moi comment …", "j’ignore où …".
    /// Not: "on me demande de distinguer …", "la demande qui …", "le
    /// savoir-faire", "je sais que …", "je le sais si bien".
    fn indirect_at(&self, i: usize, out: &mut Scan) {
        let t = self.tok(i);
        // "la demande", "le savoir", "au su de": nouns.
        if t.flags & F_NOUNAMB != 0 && self.prev_has(i, F_DET) {
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
            if self.has(k, F_TRIG_FILL) {
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
            // "si" opens a clause ("si tu viens", "si Paul", "s’il"); "si
            // bien", "si souvent" are intensifiers.
            Lex::Si if say => {
                let next = self.tok(k + 1);
                let clause = self.has(k + 1, F_SI_NEXT)
                    || (next.kind == TokKind::Word && next.upper)
                    || matches!(next.kind, TokKind::Punct(',' | '«'));
                clause.then_some(Forms::EMPTY)
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
            // "je ne sais pas ce que tu veux", "dites-moi ce qui bloque".
            Lex::Ce
                if (ask && !(self.has(trig, F_T_SAY) && !imperative))
                    && matches!(self.lex(k + 1), Lex::Que | Lex::Qui) =>
            {
                Some(Forms::QUOI)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (sentence, expected (kind, forms)); `in_list` is false.
    const CASES: &[(&str, Option<(&str, &[&str])>)] = &[
        ("Tu viens ?", Some(("direct", &["intonation"]))),
        ("Une quoi?", Some(("direct", &["quoi"]))),
        ("Depuis quand?", Some(("direct", &["quand"]))),
        (
            "Pourquoi revenez-vous?",
            Some(("direct", &["pourquoi", "inversion"])),
        ),
        (
            "Qu’est-ce qu’une communauté de pratique\u{a0}?",
            Some(("direct", &["qu_est_ce_que"])),
        ),
        (
            "Est-ce que tu viens\u{202f}?",
            Some(("direct", &["est_ce_que"])),
        ),
        ("Y a-t-il un pilote ?!", Some(("direct", &["inversion"]))),
        ("Êtes-vous prêts ? »", Some(("direct", &["inversion"]))),
        ("À qui parles-tu ?", Some(("direct", &["qui", "inversion"]))),
        (
            "Qui est le chef que tu préfères ?",
            Some(("direct", &["qui"])),
        ),
        ("Cela vaut-il la peine ?", Some(("direct", &["inversion"]))),
        (
            "On me demande souvent qu’est ce qu’une communauté de pratique.",
            Some(("indirect", &["qu_est_ce_que"])),
        ),
        (
            "On me demande souvent pourquoi un « senior » viendrait.",
            Some(("indirect", &["pourquoi"])),
        ),
        ("Je me demande s’il viendra.", Some(("indirect", &[]))),
        ("On me demande souvent de distinguer les deux.", None),
        ("Dites-moi tout.", None),
        ("Quelle belle journée !", None),
        ("Que de souvenirs !", None),
        ("Quand il pleut, je lis.", None),
        ("La personne qui vient est ma sœur.", None),
        ("Ainsi soit-il.", None),
        ("Toujours est-il que rien n’a changé.", None),
        ("Le pourquoi et le comment importent peu.", None),
        ("Il a payé 300 $ (?) pour ça.", None),
    ];

    #[test]
    fn classify_cases() {
        for (text, want) in CASES {
            let got = classify(text, false)
                .map(|(k, f)| (k.as_str(), f.names().collect::<Vec<_>>()));
            let want = want.map(|(k, f)| (k, f.to_vec()));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn list_line_without_question_mark() {
        let got = classify("Qu’en retirez-vous", true);
        assert_eq!(
            got,
            Some((Kind::Direct, Forms::QUOI.union(Forms::INVERSION)))
        );
        assert_eq!(classify("Qu’en retirez-vous", false), None);
        assert_eq!(classify("Inscrivez-vous !", true), None);
    }

    #[test]
    fn forms_names_in_design_order() {
        let f = Forms::INVERSION.union(Forms::POURQUOI);
        assert_eq!(f.names().collect::<Vec<_>>(), ["pourquoi", "inversion"]);
        assert!(f.contains_name("inversion"));
        assert!(!f.contains_name("quoi"));
        assert_eq!(Forms::from_name("ou"), Some(Forms::OU));
    }

    #[test]
    fn form_counts_serialise_all_names() {
        let mut c = FormCounts::default();
        c.add(Forms::QUOI);
        let json = serde_json::to_string(&c).expect("serialisable");
        assert!(json.starts_with("{\"qu_est_ce_que\":0,\"est_ce_que\":0,"));
        assert!(json.contains("\"quoi\":1"));
        assert!(json.ends_with("\"intonation\":0}"));
    }

    #[test]
    fn prefilter_accepts_every_trigger() {
        for w in [
            "demande",
            "Demandé",
            "sais",
            "SAIT",
            "savoir",
            "sachez",
            "su",
            "ignore",
            "dites",
            "dis",
            "dire",
            "expliquez",
            "comprends",
            "racontez",
            "redemande",
        ] {
            assert!(has_trigger_word(w), "{w}");
        }
        assert!(has_trigger_word("j’ignore"));
        assert!(!has_trigger_word("Une belle saison, disque en main."));
    }

    #[test]
    fn collapse_keeps_nbsp() {
        assert_eq!(
            collapse_spaces("  Tu\n  viens\u{a0}? "),
            "Tu viens\u{a0}?"
        );
    }
}
#[doc(hidden)]
pub fn debug_prefilter(t: &str) -> bool {
    has_trigger_word(t)
}
