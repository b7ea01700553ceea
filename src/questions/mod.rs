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
//!   of asking or knowing are rejected by a `memchr` for `?` and one
//!   branch-free pass over a trigram bitset (about 1 GB/s), so ordinary
//!   prose costs little; only candidates are tokenised.
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

/// One line (block) of the body, for the reader-prompt runs.
struct Line {
    /// `SentenceRef::line`.
    number: u32,
    /// Its sentences, as indices into the article's sentences.
    sentences: std::ops::Range<usize>,
    /// Its last sentence is a question (or an inverted list line).
    asks: bool,
    /// Its last sentence is a question with a real `?`: a run needs one,
    /// so that three imperative bullets ("Inscrivez-vous") are no run.
    marked: bool,
}

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
    analyze_with_hints(title, sentences, None)
}

/// [`analyze`], told which sentences may hold a verb that introduces an
/// indirect question: `may_trigger[k]` is false when no word of
/// `sentences[k]` does (no token of it passes [`has_trigger_word`]; the
/// pipeline has that bit from its form cache, [`crate::stem::flag`]).
/// Such sentences without `?` are rejected without scanning their bytes
/// again. Same result as [`analyze`] whenever the hints are right.
///
/// # Panics
///
/// If `may_trigger` is not as long as `sentences`.
pub fn analyze_hinted(
    title: Option<&str>,
    sentences: &[SentenceRef<'_>],
    may_trigger: &[bool],
) -> Questions {
    assert_eq!(may_trigger.len(), sentences.len(), "one hint a sentence");
    analyze_with_hints(title, sentences, Some(may_trigger))
}

fn analyze_with_hints(
    title: Option<&str>,
    sentences: &[SentenceRef<'_>],
    may_trigger: Option<&[bool]>,
) -> Questions {
    let mut out = Questions {
        title: title.is_some_and(title_is_question),
        ..Questions::default()
    };
    // Plain classification, and for list items without a verdict the
    // "inside a list" one, kept aside until the run is known.
    let buf = &mut [Tok::EMPTY; CAP];
    let plain: Vec<Option<(Kind, Forms)>> = sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let hint = may_trigger.is_none_or(|m| m[k]);
            classify_hinted(buf, s.text, false, hint)
        })
        .collect();
    let in_list: Vec<Option<(Kind, Forms)>> = sentences
        .iter()
        .zip(&plain)
        .map(|(s, p)| match p {
            None if s.list_item && may_ask_in_list(s.text) => {
                classify_hinted(buf, s.text, true, true)
                    .filter(|(k, _)| *k == Kind::Direct)
            }
            _ => None,
        })
        .collect();

    // Group the sentences into lines.
    let mut lines: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let number = sentences[i].line;
        let mut j = i + 1;
        while j < sentences.len() && sentences[j].line == number {
            j += 1;
        }
        let last = j - 1;
        lines.push(Line {
            number,
            sentences: i..j,
            asks: plain[last].is_some() || in_list[last].is_some(),
            marked: matches!(plain[last], Some((Kind::Direct, _)))
                && has_question_mark(sentences[last].text),
        });
        i = j;
    }

    // Runs of question lines with consecutive numbers.
    let mut prompt = vec![false; sentences.len()];
    let mut a = 0;
    while a < lines.len() {
        if !lines[a].asks {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < lines.len()
            && lines[b].asks
            && lines[b].number == lines[b - 1].number.wrapping_add(1)
        {
            b += 1;
        }
        let run = &lines[a..b];
        if run.len() >= MIN_PROMPT_RUN && run.iter().any(|l| l.marked) {
            for l in run {
                prompt[l.sentences.clone()].fill(true);
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
    // Each test below needs an inversion (a hyphen), "est ce", or a
    // trigger word; most titles have none and are not scanned.
    if !(has_marker(title, false) || has_trigger_word(title)) {
        return false;
    }
    // Titles are short: the list mode (inversions without `?`) is safe here.
    let s = scan(title, true);
    s.asks_without_mark()
        || s.indirect
        || s.qforms.contains(Forms::QU_EST_CE_QUE)
        || s.qforms.contains(Forms::EST_CE_QUE)
}

/// Trims `s` and collapses every run of whitespace (newlines included) to
/// one space; NBSP (U+00A0), figure space (U+2007) and narrow NBSP (U+202F)
/// are typography, not layout, and are kept as they are.
fn collapse_spaces(s: &str) -> String {
    let t = s.trim();
    // Most sentences have nothing to collapse: one copy.
    if is_collapsed(t) {
        return t.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in t.chars() {
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

/// True when [`collapse_spaces`] leaves the trimmed `t` as it is: its
/// only layout whitespace is single `' '`s. Decodes only the lead bytes
/// of non-ASCII whitespace (U+0085, U+1680, U+2000…U+205F, U+3000).
fn is_collapsed(t: &str) -> bool {
    let b = t.as_bytes();
    let mut after_space = false;
    for (i, &x) in b.iter().enumerate() {
        if x == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        let layout = if x < 0x80 {
            char::from(x).is_whitespace()
        } else {
            // `i` is a lead byte, hence a char boundary.
            matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3)
                && t[i..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_whitespace() && !is_nbsp(c))
        };
        if layout {
            return false;
        }
    }
    true
}

/// Non-breaking spaces, which French typography puts before `?`, `!`, `:`.
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
    classify_hinted(&mut [Tok::EMPTY; CAP], text, in_list, true)
}

/// [`classify`], with `may_trigger` false when the caller knows that no
/// word of `text` passes [`has_trigger_word`]; `buf` is scratch space
/// for [`scan_in`].
fn classify_hinted(
    buf: &mut [Tok; CAP],
    text: &str,
    in_list: bool,
    may_trigger: bool,
) -> Option<(Kind, Forms)> {
    let has_q = has_question_mark(text);
    if !(has_q || in_list || (may_trigger && has_trigger_word(text))) {
        return None;
    }
    let s = scan_in(buf, text, has_q || in_list);
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
        && (s.asks_without_mark() || s.qforms.bits() & listed.bits() != 0)
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
    // memchr's SIMD search: most sentences hold no `?` at all.
    memchr::memchr_iter(b'?', b).any(|i| {
        let doubt = i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')');
        !doubt
    })
}

/// Exact pre-filter for [`classify`] in list mode on a sentence without
/// `?`: false when its verdict cannot be [`Kind::Direct`]. That verdict
/// needs no final `!` and either an inversion (a hyphen token), a `quel`
/// form (a word containing "quel": quel…, lequel, auquel…) or an
/// `est_ce_que`/`qu_est_ce_que` form, which reads the words "est" and
/// "ce" as adjacent tokens or with a hyphen between.
fn may_ask_in_list(text: &str) -> bool {
    has_marker(text, true) && !ends_with_bang(text)
}

/// One pass over `text` for what an inversion or "est-ce que" needs: a
/// character that [`Tokens`] makes a hyphen token (`-`, U+00AD `C2 AD`,
/// U+2010/U+2011 `E2 80 90/91`) or "est", whitespace, "ce" (ASCII case
/// ignored; a superset of the word "est" followed by the word "ce");
/// with `quel`, also "quel" (case ignored) anywhere.
fn has_marker(text: &str, quel: bool) -> bool {
    let b = text.as_bytes();
    let at = |i: usize, s: &[u8]| {
        b.get(i..i + s.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    (0..b.len()).any(|i| match b[i] {
        b'-' => true,
        0xC2 => b.get(i + 1) == Some(&0xAD),
        0xE2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0x90 | 0x91])),
        b'q' | b'Q' => quel && at(i + 1, b"uel"),
        b'e' | b'E' if at(i + 1, b"st") => {
            // `i + 3` follows ASCII bytes: a char boundary.
            let rest = text[i + 3..].trim_start_matches(char::is_whitespace);
            let spaced = rest.len() < b.len() - (i + 3);
            spaced
                && rest
                    .as_bytes()
                    .get(..2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"ce"))
        }
        _ => false,
    })
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
/// Also run on single tokens (the pipeline caches the answer per token
/// text, [`crate::stem::flag::TRIGGER`]): a sentence passes only if one
/// of its tokens does, since every position it accepts is an ASCII
/// letter inside a token, its word-start test reads only bytes of that
/// token (or sees the token's start), and the word it reads ends inside
/// the token or where the token ends.
///
/// Ordinary prose must go through fast, so the scan has no per-byte
/// branch that depends on the text: every three-byte window is looked up
/// in a bitset of the triggers' first letters ([`TRIGRAMS`]); the rare
/// hits are checked for a word start and the whole stem.
pub fn has_trigger_word(text: &str) -> bool {
    let b = text.as_bytes();
    let [b0, b1, ..] = *b else {
        return false;
    };
    // The trigram index of b[i..i + 3], rolled along one byte at a time.
    let mut h = trigram_index(0, b0, b1);
    for (k, &c) in b.iter().enumerate().skip(2) {
        h = (h << 5 | usize::from(c & 31)) & ((1 << 15) - 1);
        if TRIGRAMS[h >> 6] >> (h & 63) & 1 != 0 {
            let i = k - 2;
            // "compr…" is found by its "mpr", two bytes in.
            let start = if b[i] | 0x20 == b'm' {
                i.checked_sub(2)
            } else {
                Some(i)
            };
            if let Some(s) = start
                && is_word_start(b, s)
                && is_trigger_prefix(&b[s..])
            {
                return true;
            }
        }
    }
    false
}

/// Five bits per byte: the letter, either case (digits and punctuation
/// alias with letters, which only costs a few extra checks).
const fn trigram_index(a: u8, b: u8, c: u8) -> usize {
    ((a & 31) as usize) << 10 | ((b & 31) as usize) << 5 | (c & 31) as usize
}

/// The first three letters of the trigger stems of [`is_trigger_prefix`]
/// ("mpr" stands for "compr", rarer than "com").
const TRIGRAMS: [u64; 512] = {
    const STEMS: [&[u8; 3]; 13] = [
        b"dem", b"red", b"rac", b"dis", b"dit", b"dir", b"sai", b"sav",
        b"sac", b"sau", b"ign", b"exp", b"mpr",
    ];
    let mut t = [0u64; 512];
    let mut k = 0;
    while k < STEMS.len() {
        let s = STEMS[k];
        let h = trigram_index(s[0], s[1], s[2]);
        t[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    t
};

/// Byte `s` begins a word: the text starts there, or the byte before is
/// ASCII punctuation or space, or ends `’`, NBSP, `«` (UTF-8 `C2 xx` or
/// `E2 80 xx`): "j’ignore" must be seen. Other UTF-8 bytes are letters
/// ("télé|dis…" is no word start).
fn is_word_start(b: &[u8], s: usize) -> bool {
    let Some(&p) = s.checked_sub(1).and_then(|i| b.get(i)) else {
        return true;
    };
    if p < 0x80 {
        return !p.is_ascii_alphanumeric();
    }
    p < 0xC0
        && (b.get(s.wrapping_sub(2)) == Some(&0xC2)
            || (b.get(s.wrapping_sub(2)) == Some(&0x80)
                && b.get(s.wrapping_sub(3)) == Some(&0xE2)))
}

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
    /// `-`, U+00AD, U+2010 or U+2011: "faites-vous" is `faites` `-` `vous`.
    Hyphen,
    /// Any other non-space character.
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: TokKind,
    lex: Lex,
    flags: u32,
    /// No whitespace before it: the hyphen of "c’est-à-dire" is glued,
    /// the list dash of "- savoir ce que l’on veut" is not.
    glued: bool,
}

impl Tok {
    const EMPTY: Tok = Tok {
        kind: TokKind::Punct(' '),
        lex: Lex::Other,
        flags: 0,
        glued: false,
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
/// Adverbs and adjectives after the intensifier "si" ("je le sais si
/// bien", "elle demande si souvent"), and every "-ment" adverb but
/// "vraiment".
const F_INTENS: u32 = 1 << 26;
/// "vous", "nous": after a hyphen they are subjects ("Venez-vous ?") or
/// reflexive objects of an imperative ("Libérez-vous", "Inscrivez-vous").
const F_VN: u32 = 1 << 27;
/// Verbs whose "-vous"/"-nous" form is far more often a question than an
/// imperative: "Êtes-vous", "Avez-vous", "Pouvez-vous", "Pensez-vous".
const F_INV_VERB: u32 = 1 << 28;

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
const LEXICON: &[(&str, Lex, u32)] = &[
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
fn lex_word(w: &str) -> (Lex, u32) {
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
fn lex_ascii(w: &[u8]) -> (Lex, u32) {
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

struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

const fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Hyphens, the soft hyphen (U+00AD) included: some editors write
/// "pourra\u{ad}t\u{ad}il".
const fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{ad}' | '\u{2010}' | '\u{2011}')
}

/// `char::is_alphanumeric`, answered without the Unicode tables for
/// ASCII and the Latin letters of French prose
/// ([`crate::tokenize::latin_letter`]). (Also the sections' letter
/// counts and series keys.)
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    crate::tokenize::latin_letter(c).unwrap_or_else(|| c.is_alphanumeric())
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

    #[inline]
    fn next(&mut self) -> Option<Tok> {
        let t = self.text;
        let mut i = self.pos;
        let c = loop {
            if t.as_bytes().get(i) == Some(&b' ') {
                i += 1;
                continue;
            }
            let c = char_at(t, i)?;
            if c.is_whitespace() {
                i += c.len_utf8();
            } else {
                break c;
            }
        };
        let start = i;
        let glued = start == self.pos && start > 0;
        i += c.len_utf8();
        let tok = if is_alnum(c) {
            let bytes = t.as_bytes();
            let mut ascii = c.is_ascii();
            loop {
                // ASCII letters and digits need no decoding.
                while bytes
                    .get(i)
                    .is_some_and(|&x| crate::tokenize::is_ascii_alnum(x))
                {
                    i += 1;
                }
                let Some(d) = char_at(t, i) else {
                    break;
                };
                if is_alnum(d) {
                    ascii = false;
                    i += d.len_utf8();
                    continue;
                }
                // Elision: "qu’est" → "qu’" + "est"; an apostrophe not
                // followed by a letter is a closing quote.
                if is_apostrophe(d)
                    && char_at(t, i + d.len_utf8())
                        .is_some_and(char::is_alphabetic)
                {
                    ascii &= d == '\'';
                    i += d.len_utf8();
                }
                break;
            }
            let w = &t[start..i];
            let (lex, flags) = if ascii {
                lex_ascii(w.as_bytes())
            } else {
                lex_word(w)
            };
            Tok {
                kind: TokKind::Word,
                lex,
                flags,
                glued,
            }
        } else if is_hyphen(c) {
            Tok {
                kind: TokKind::Hyphen,
                glued,
                ..Tok::EMPTY
            }
        } else {
            Tok {
                kind: TokKind::Punct(c),
                glued,
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
    /// An inversion that is a question even without `?`: not a
    /// "-vous"/"-nous" that may be an imperative ("Libérez-vous"), unless
    /// the verb is a usual question verb ("Êtes-vous prêts").
    inversion_sure: bool,
    /// A verb of asking/knowing followed by an interrogative.
    indirect: bool,
    /// The interrogative words after such verbs.
    tforms: Forms,
}

impl Scan {
    /// An inverted interrogative without `?`: a sure inversion, or one
    /// with an interrogative word ("Qu’en retirez-vous", "Comment y
    /// participez-vous"), but not "Hébergez vos mails et libérez-vous".
    fn asks_without_mark(&self) -> bool {
        let others = self.qforms.bits() & !Forms::INVERSION.bits();
        self.inversion_sure || (self.inversion && others != 0)
    }
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
    scan_in(&mut [Tok::EMPTY; CAP], text, qctx)
}

/// [`scan`] in a caller's token buffer (its contents do not matter), so
/// that one article initialises one buffer, not one a sentence.
fn scan_in(buf: &mut [Tok; CAP], text: &str, qctx: bool) -> Scan {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (sentence, expected (kind, forms)); `in_list` is false.
    #[allow(clippy::type_complexity)] // the table shape of STYLE.md
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

    /// What `analyze_hinted` relies on: a sentence that passes the
    /// prefilter has a word token that passes it on its own.
    #[test]
    fn prefilter_passes_through_a_token() {
        let data = include_str!("../../tests/data/questions.tsv");
        let tricky = [
            "peut-dire",
            "re-demander",
            "l'ignore",
            "J’ignore",
            "dis’moi",
            "on\u{a0}dit",
            "«dis»",
            "µdire",
            "a-t-il dit",
            "c.-à-d. dire",
            "(sais)",
            "—expliquez",
            "2dire 3 sais",
            "aujourd’hui",
            "dis-le-moi",
            "savoir-faire",
            "presqu’ignore",
        ];
        let sentences = data
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .chain(tricky);
        let mut n = 0;
        for text in sentences {
            if !has_trigger_word(text) {
                continue;
            }
            n += 1;
            let by_token = crate::tokenize::tokens(text, 0).iter().any(|t| {
                t.kind != crate::tokenize::TokenKind::Number
                    && has_trigger_word(t.text)
            });
            assert!(by_token, "{text:?}");
        }
        assert!(n > 50, "only {n} sentences with a trigger");
    }

    #[test]
    fn lex_ascii_matches_lex_word() {
        let data = include_str!("../../tests/data/questions.tsv");
        let mut words: Vec<String> = data
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
            .map(str::to_owned)
            .collect();
        for (w, _, _) in LEXICON {
            words.push((*w).to_owned());
            words.push(w.to_ascii_uppercase());
        }
        for w in [
            "Demander",
            "demandeur",
            "REDEMANDE",
            "Ignorance",
            "ignorons",
            "Expliquons",
            "comprenez",
            "COMPRIS",
            "lire",
            "vraiMENT",
            "Justement",
            "aujourd'",
            "Qu'",
            "x1er",
            "ment",
            "tements",
        ] {
            words.push(w.to_owned());
        }
        words.push("a".repeat(48));
        words.push("ement".repeat(10));
        for w in words.iter().filter(|w| w.is_ascii()) {
            assert_eq!(lex_ascii(w.as_bytes()), lex_word(w), "{w:?}");
        }
    }

    #[test]
    fn is_alnum_matches_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn long_sentences_are_scanned_in_windows() {
        // Far more tokens than one window holds: the start, the middle and
        // the end are all seen.
        let filler = "et puis encore un mot, ".repeat(60);
        let start = format!("Pourquoi {filler}?");
        assert_eq!(
            classify(&start, false),
            Some((Kind::Direct, Forms::POURQUOI))
        );
        let middle = format!("{filler}je me demande si {filler}.");
        assert_eq!(
            classify(&middle, false),
            Some((Kind::Indirect, Forms::EMPTY))
        );
        let end = format!("{filler}tu viens avec qui ?");
        assert_eq!(classify(&end, false), Some((Kind::Direct, Forms::QUI)));
        let inv = format!("{filler}viendras-tu ?");
        assert_eq!(
            classify(&inv, false),
            Some((Kind::Direct, Forms::INVERSION))
        );
    }

    /// The char-by-char definition of [`collapse_spaces`].
    fn collapse_by_chars(s: &str) -> String {
        let mut out = String::new();
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

    #[test]
    fn collapse_matches_char_by_char() {
        let spaces = [
            " ", "\t", "\n", "\r\n", "\u{b}", "\u{85}", "\u{a0}", "\u{1680}",
            "\u{2000}", "\u{2007}", "\u{200a}", "\u{200b}", "\u{2028}",
            "\u{202f}", "\u{205f}", "\u{3000}", "\u{2019}", "\u{e9}",
        ];
        for a in spaces {
            for b in spaces {
                for text in [
                    format!("{a}x{b}y{a}{b}"),
                    format!("Tu{a}{b}viens{b}?{a}"),
                    format!("{a}{b}"),
                    format!("é{a}{b}à{b}{b}ç"),
                    format!("Une quoi{a}? Oui, « non »{b}!"),
                    format!("a b{a}c d"),
                ] {
                    assert_eq!(
                        collapse_spaces(&text),
                        collapse_by_chars(&text),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn collapse_keeps_nbsp() {
        assert_eq!(
            collapse_spaces("  Tu\n  viens\u{a0}? "),
            "Tu viens\u{a0}?"
        );
    }
}
