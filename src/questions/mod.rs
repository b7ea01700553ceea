//! Question detection: direct, indirect and embedded questions in French
//! prose (docs/questions.md).
//!
//! Takes the body sentences of one article (as [`SentenceRef`]s, in text
//! order, with the line/block they sit in) and its title, and produces the
//! `questions` object of DESIGN.md ([`Questions`]): how many direct and
//! indirect questions there are, which interrogative forms they use, whether
//! the title asks something, and how many questions belong to a run of
//! "and you?" lines put to the reader; embedded clauses are counted apart.
//!
//! The unit of work is [`classify_at`], which decides for one sentence at
//! its place (prose, list, heading) whether it is a direct question (a
//! `?`, an inversion or "est-ce que" opening a clause, a question
//! heading), an indirect one ("je me demande si …", "dites-moi où …"), an
//! embedded one that asks nobody ("il faut vérifier si …") or no question,
//! and names its interrogative forms. It is written for real French typography: `?` after
//! a space, a NBSP (U+00A0) or a narrow NBSP (U+202F), `?!`, `? »`, `?)`,
//! `’` as well as `'`, "qu’est ce que" without its hyphen, capitals such as
//! `Êtes-vous` and `À qui`.
//!
//! Guarantees:
//! - [`classify`] never allocates; sentences with neither a `?`, nor a
//!   trigger word followed by an interrogative one, nor a form that asks
//!   without `?` are rejected on their bytes (a `memchr` for `?`, one
//!   branch-free pass over the word starts); only candidates are
//!   tokenised.
//! - Each form is counted at most once per sentence; `total = direct +
//!   indirect`; the JSON keys of [`FormCounts`] are always the twelve form
//!   names, in DESIGN order.
//! - No `unwrap` on input: any `&str` is accepted.
//!
//! The rules are heuristics over words, not a parser; the module's tests
//! (`tests/questions.rs`, `tests/data/questions.tsv`) measure them on
//! hand-labelled sentences full of traps.

mod blocks;
mod classes;
mod embedded;
mod forms;
mod lexicon;
mod prefilter;
mod rules;
mod stems;
#[cfg(test)]
mod tests;
mod tokens;
mod triggers;
mod unmarked;

pub use self::forms::{FORM_NAMES, FormCounts, Forms, Kind, Place};
use self::prefilter::{
    ends_with_bang, has_question_mark, may_ask_in_list, may_ask_unmarked,
    may_open_a_heading_question,
};
use self::rules::{CAP, scan_in};
use self::tokens::Tok;
pub use self::triggers::has_trigger_word;
use self::triggers::may_embed;

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
    /// True when the block is a heading (Markdown `#`, HTML `h2`–`h6`).
    pub heading: bool,
}

/// One question of the body, as written in the article JSON.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct QuestionSentence {
    /// The sentence, trimmed, whitespace runs collapsed to one space
    /// (NBSP and narrow NBSP kept as they are).
    pub text: String,
    /// `"direct"`, `"indirect"` or `"embedded"`.
    #[schemars(extend("enum" = ["direct", "indirect", "embedded"]))]
    pub kind: &'static str,
    /// Form names in DESIGN order.
    #[schemars(schema_with = "forms::form_names_schema")]
    pub forms: Vec<&'static str>,
    /// A heading, or a short line standing alone, read as a heading;
    /// only written when true.
    #[serde(skip_serializing_if = "is_false")]
    pub heading: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The `questions` object of one article (DESIGN.md).
#[derive(
    Clone, Debug, Default, PartialEq, serde::Serialize, schemars::JsonSchema,
)]
pub struct Questions {
    /// `direct + indirect`.
    pub total: u32,
    /// Questions with a `?` (or inverted lines in a list of questions).
    pub direct: u32,
    /// Questions asked through a verb of asking, without `?`.
    pub indirect: u32,
    /// Interrogative clauses that ask nobody ("il faut vérifier si …");
    /// not in `total`.
    pub embedded: u32,
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
    let places: Vec<Place> = (0..sentences.len())
        .map(|k| place_of(sentences, k))
        .collect();
    let plain: Vec<Option<(Kind, Forms)>> = sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let hint = may_trigger.is_none_or(|m| m[k]);
            classify_hinted(buf, s.text, places[k], hint)
        })
        .collect();
    let in_list: Vec<Option<(Kind, Forms)>> = sentences
        .iter()
        .zip(&plain)
        .map(|(s, p)| match p {
            None | Some((Kind::Embedded, _))
                if s.list_item && may_ask_in_list(s.text) =>
            {
                classify_hinted(buf, s.text, Place::List, true)
                    .filter(|(k, _)| *k == Kind::Direct)
            }
            _ => None,
        })
        .collect();
    let asks = |v: Option<(Kind, Forms)>| {
        matches!(v, Some((Kind::Direct | Kind::Indirect, _)))
    };

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
            asks: asks(plain[last]) || in_list[last].is_some(),
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
            (_, Some(v)) if prompt[k] => Some(v),
            (Some(v), _) => Some(v),
            _ => None,
        };
        let Some((kind, forms)) = verdict else {
            continue;
        };
        match kind {
            Kind::Direct => out.direct += 1,
            Kind::Indirect => out.indirect += 1,
            Kind::Embedded => out.embedded += 1,
        }
        if kind != Kind::Embedded {
            if prompt[k] {
                out.reader_prompts += 1;
            }
            out.forms.add(forms);
        }
        out.sentences.push(QuestionSentence {
            text: collapse_spaces(s.text),
            kind: kind.as_str(),
            forms: forms.names().collect(),
            heading: places[k] == Place::Heading,
        });
    }
    out.total = out.direct + out.indirect;
    out
}

/// Where sentence `k` sits: a heading block is a [`Place::Heading`], and
/// so is a short line standing alone ([`is_heading_line`]) that is no
/// list item; anything else is [`Place::Prose`].
fn place_of(sentences: &[SentenceRef<'_>], k: usize) -> Place {
    let s = &sentences[k];
    if s.heading {
        return Place::Heading;
    }
    let alone = (k == 0 || sentences[k - 1].line != s.line)
        && sentences.get(k + 1).is_none_or(|n| n.line != s.line);
    if alone && !s.list_item && is_heading_line(s.text) {
        Place::Heading
    } else {
        Place::Prose
    }
}

/// Words a short line standing alone may have and still read as a
/// heading.
const HEADING_WORDS: usize = 12;

/// A line that reads as a heading: at most `HEADING_WORDS` words and
/// no final punctuation ("Comment bien choisir son vélo électrique", but
/// not "Quand le four est chaud, enfournez." nor "Tu viens ?").
pub fn is_heading_line(text: &str) -> bool {
    let t = text.trim_end();
    let ends_bare = t.chars().next_back().is_some_and(|c| {
        !matches!(c, '.' | '!' | '?' | ':' | ';' | ',' | '…' | '»' | '"')
    });
    ends_bare && t.split_whitespace().nth(HEADING_WORDS).is_none()
}

/// True when the title holds a question: a `?` anywhere, even before a
/// series marker ("… de pratique? Partie 1"), but not the doubt marker
/// "(?)"; or, read as a heading, a direct question ("Faut-il quitter
/// Facebook", "Comment installer Rust", "Pourquoi j’ai quitté Twitter")
/// or an indirect one ("Je me demande si …").
pub fn title_is_question(title: &str) -> bool {
    has_question_mark(title)
        || matches!(
            classify_at(title, Place::Heading),
            Some((Kind::Direct | Kind::Indirect, _))
        )
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

/// Classify one sentence of running prose ([`Place::Prose`]), or with
/// `in_list` a line inside a run of question lines ([`Place::List`]).
///
/// - A sentence with a `?` is always [`Kind::Direct`] ("Une quoi?" →
///   `quoi`; "Depuis quand?" → `quand`; "Tu viens ?" → `intonation`).
/// - Without `?`, an unambiguous interrogative form is direct too: an
///   inversion that opens the sentence or a clause ("Peut-on vraiment
///   tout accepter !", "M. Dupont réussira-t-il à convaincre le conseil,
///   malgré…"), "est-ce que", a clause-initial "qu’est-ce que", an
///   interrogative word with an infinitive opening the sentence ("Que
///   faire des feuilles mortes.", but not the exclamative "Comment ne
///   pas craquer !").
/// - A verb of asking followed by an interrogative word makes it
///   [`Kind::Indirect`] ("je me demande si …", "dites-moi où …"); a verb
///   of knowing, checking, explaining, showing or deciding makes it
///   [`Kind::Embedded`] ("il faut vérifier si …"), and so does
///   "comment", "pourquoi", "combien", "quel" inside a statement
///   ("voici comment …", "à quel point …"). Their forms are the
///   interrogative words (`si` names none).
/// - Anything else is `None`, exclamatives included ("Quelle belle
///   journée !", "Que de souvenirs !").
///
/// Never allocates.
pub fn classify(text: &str, in_list: bool) -> Option<(Kind, Forms)> {
    let place = if in_list { Place::List } else { Place::Prose };
    classify_at(text, place)
}

/// [`classify`] for a sentence at `place`; at [`Place::Heading`] a
/// sentence that opens with an interrogative word or an inversion asks
/// ("Comment installer Rust", "Que contient la boîte", "Quels sont les
/// effets indésirables"), unless it is an exclamative ("Quel bonheur",
/// "Que de souvenirs"), a wish ("Que la fête commence"), a time clause
/// ("Quand la ville dort") or a relative ("Où l’on parle de …").
pub fn classify_at(text: &str, place: Place) -> Option<(Kind, Forms)> {
    classify_hinted(&mut [Tok::EMPTY; CAP], text, place, true)
}

/// [`classify_at`], with `may_trigger` false when the caller knows that
/// no word of `text` passes [`has_trigger_word`]; `buf` is scratch space
/// for [`scan_in`].
fn classify_hinted(
    buf: &mut [Tok; CAP],
    text: &str,
    place: Place,
    may_trigger: bool,
) -> Option<(Kind, Forms)> {
    let has_q = has_question_mark(text);
    if !(has_q
        || place == Place::List
        || (place == Place::Heading && may_open_a_heading_question(text))
        || (may_trigger && may_embed(text.as_bytes()))
        || may_ask_unmarked(text))
    {
        return None;
    }
    let s = scan_in(buf, text, place, has_q);
    let asked = s.qforms.union(s.tforms);
    if has_q {
        let forms = if asked.is_empty() {
            Forms::INTONATION
        } else {
            asked
        };
        return Some((Kind::Direct, forms));
    }
    let bang = ends_with_bang(text);
    // In a list of questions: "Qu’en retirez-vous", "Quels sont vos
    // objectifs", "Est-ce que vous reviendrez" (not "Inscrivez-vous !").
    let listed = Forms::QUEL
        .union(Forms::EST_CE_QUE)
        .union(Forms::QU_EST_CE_QUE);
    if place == Place::List
        && (s.asks_without_mark() || s.qforms.bits() & listed.bits() != 0)
        && !bang
    {
        return Some((Kind::Direct, asked));
    }
    if s.direct || (s.direct_unless_bang && !bang) {
        return Some((Kind::Direct, asked));
    }
    // A heading, or a line in a list of questions, that opens like a
    // question: "Comment installer Rust", "Pourquoi ce choix".
    if place != Place::Prose && s.heading && !bang {
        return Some((Kind::Direct, asked));
    }
    if s.indirect {
        return Some((Kind::Indirect, s.tforms));
    }
    if s.embedded && !(s.embedded_unless_bang && bang) {
        return Some((Kind::Embedded, s.tforms.union(s.eforms)));
    }
    None
}
