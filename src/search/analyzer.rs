//! Analysis for the search index: text → the terms tantivy indexes and
//! queries look up, with billet's own French rules. Indexing and queries
//! go through the one function [`analyze`], so they always agree.
//!
//! The chain, token by token:
//!
//! 1. billet's tokenizer ([`crate::tokenize::tokenize_into`]): elisions
//!    split off, numbers whole, hyphenated compounds whole;
//! 2. normalisation: lower case, `’` → `'`;
//! 3. elided articles and one-letter words are left out; stopwords
//!    (billet's list) are left out of prose, and kept in titles as
//!    *stop terms* (`\u{1}` + the folded form), which no ordinary word
//!    can meet, so that `Être ou ne pas être` can be found by its words;
//! 4. the Snowball French stem of the normalised form, then accents
//!    folded: the **term** (`économies` → `econom`). Folding after
//!    stemming keeps Snowball's accented suffix rules (`publiée`,
//!    `publié` → `publi`); a query typed without accents reaches the
//!    accented words through the lexicon ([`super::lexicon`]), which
//!    maps each folded form to the forms the text holds;
//! 5. the start of the form as long as the term, when it has accents,
//!    is the **accented term** (`pêcher` → `pêch`, `pécher`, `péchés` →
//!    `péch`): indexed in a field of its own so that exact accents rank
//!    first;
//! 6. a compound gives its whole term and the terms of its parts, the
//!    parts at consecutive positions from the whole's: `Marc-Antoine
//!    Mathieu` → `marc-antoin`@0, `marc`@0, `antoin`@1, `mathieu`@2, so
//!    `marc-antoine`, `marc antoine` and `"marc antoine mathieu"` match.
//!
//! Positions count every billet token (stopwords and elisions included)
//! and every part of a compound, so a quoted phrase with a stopword inside
//! (`"jardin de la ville"`) keeps its gaps. Offsets are byte offsets into
//! the analysed text (snippets highlight the words as written).
//!
//! Also here: [`FrenchTokenizer`], the tantivy tokenizers over
//! [`analyze`] (`billet_fr` for prose, `billet_title` for titles,
//! `billet_name` for authors: folded, neither stemmed nor filtered), and
//! [`KeywordTokenizer`] (`billet_kw`, for tags, series and question
//! forms: the whole value as one folded term of letters and digits).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::chars::fold_char;
use crate::normalize::{Stopwords, normalize_into};
use crate::tokenize::{self, TokenKind};

/// Name of the prose analyzer in the index (body, key terms, phrases).
pub const FRENCH: &str = "billet_fr";
/// Name of the title analyzer: prose plus stop terms.
pub const TITLE: &str = "billet_title";
/// Name of the name analyzer (authors).
pub const NAMES: &str = "billet_name";
/// Name of the keyword analyzer (tags, series, forms).
pub const KEYWORD: &str = "billet_kw";

/// The first character of a stop term.
pub const STOP_MARK: char = '\u{1}';

/// Forms remembered per thread before the memo starts afresh: enough
/// for the vocabulary of a large blog, bounded whatever the input.
const MEMO_LIMIT: usize = 200_000;

/// What the chain makes of one normalised form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormTerms {
    /// The term (folded stem); `None` for stopwords and words that carry
    /// nothing (elisions, one letter).
    pub term: Option<Box<str>>,
    /// The term with the form's accents, when it has any.
    pub accented: Option<Box<str>>,
    /// The stop term, for a stopword.
    pub stop: Option<Box<str>>,
}

/// Normalised form → what the chain makes of it.
type Memo = FxHashMap<Box<str>, FormTerms>;

thread_local! {
    /// One memo per thread, shared by every tokenizer on it: tantivy
    /// clones tokenizers for each segment and each snippet, and a memo
    /// per clone would stem every word again. Per thread, like billet's
    /// per-worker form cache, so indexing threads never contend.
    static MEMO: std::cell::RefCell<Memo> =
        std::cell::RefCell::new(Memo::default());
    /// The Snowball stemmer of this thread (a bare function pointer).
    static STEMMER: Stemmer = Stemmer::create(Algorithm::French);
}

/// Registers billet's analyzers on `index` (needed both to build it and
/// to search it: tantivy does not store tokenizers).
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(FRENCH, FrenchTokenizer::new(Mode::Prose));
    manager.register(TITLE, FrenchTokenizer::new(Mode::Title));
    manager.register(NAMES, FrenchTokenizer::new(Mode::Names));
    manager.register(KEYWORD, KeywordTokenizer::default());
}

/// The built-in stopword list, built once per process (the per-thread
/// memo relies on every tokenizer using this one list).
fn stopwords() -> &'static Stopwords {
    static LIST: OnceLock<Stopwords> = OnceLock::new();
    LIST.get_or_init(Stopwords::french)
}

/// The stopwords folded (`deja` for `déjà`), so that a stopword typed
/// without its accents is still one.
fn folded_stopwords() -> &'static FxHashSet<String> {
    static LIST: OnceLock<FxHashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        crate::normalize::DEFAULT_STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| {
                let mut form = String::new();
                normalize_into(w, &mut form);
                let mut out = String::new();
                fold(&form, &mut out);
                out
            })
            .collect()
    })
}

/// Appends `text` folded (lower case, accents removed: `Œuvré` →
/// `oeuvre`) to `out`.
pub fn fold(text: &str, out: &mut String) {
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// `text` folded, as a new string.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold(text, &mut out);
    out
}

/// Whether `c` joins the parts of a compound.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether the word `form` is a compound: parts joined by hyphens.
pub fn is_compound(form: &str) -> bool {
    form.contains(is_hyphen)
        && !form.starts_with(is_hyphen)
        && !form.ends_with(is_hyphen)
}

/// What the chain makes of the normalised form `form` of a token of
/// kind `kind` (uncached: see [`form_terms`]).
fn analyze_form(form: &str, kind: TokenKind, stemmer: &Stemmer) -> FormTerms {
    if kind == TokenKind::Elision {
        return FormTerms::default();
    }
    if kind == TokenKind::Number {
        return FormTerms {
            term: Some(form.into()),
            ..FormTerms::default()
        };
    }
    // billet's own classes (stem.rs): one-letter words carry no meaning
    // of their own.
    if form.chars().nth(1).is_none() {
        return FormTerms::default();
    }
    let folded_form = folded(form);
    if stopwords().contains(form) || folded_stopwords().contains(&folded_form)
    {
        let mut stop = String::with_capacity(folded_form.len() + 1);
        stop.push(STOP_MARK);
        stop.push_str(&folded_form);
        return FormTerms {
            stop: Some(stop.into_boxed_str()),
            ..FormTerms::default()
        };
    }
    let stem = stemmer.stem(form);
    let term = folded(&stem);
    // The accented term is the start of the form as long as the term:
    // Snowball drops the accent of a final `é`/`è` syllable (`péch` →
    // `pech`), and the accents of `pécher` must still tell it from
    // `pêcher`. When the stem is not such a prefix, the stem itself.
    let prefix: String = form.chars().take(term.chars().count()).collect();
    let accented = if folded(&prefix) == term {
        (prefix != term).then(|| prefix.into_boxed_str())
    } else {
        (*term != *stem).then(|| Box::from(&*stem))
    };
    FormTerms {
        term: Some(term.into_boxed_str()),
        accented,
        stop: None,
    }
}

/// What the chain makes of `form`, remembered in this thread's memo.
pub fn form_terms(form: &str, kind: TokenKind) -> FormTerms {
    with_form_terms(form, kind, FormTerms::clone)
}

/// Looks `form` up in this thread's memo (analysing it the first time)
/// and hands what the chain makes of it to `f`. `f` must not analyse.
fn with_form_terms<R>(
    form: &str,
    kind: TokenKind,
    f: impl FnOnce(&FormTerms) -> R,
) -> R {
    // Only words are remembered: the memo is keyed by form, and a form
    // such as `2` can be a number in one sentence and a word in another
    // (`Web 2.0`); remembering both would make a token's terms depend on
    // what the thread analysed before. Elisions and numbers cost
    // nothing to analyse.
    if kind != TokenKind::Word {
        return STEMMER.with(|s| f(&analyze_form(form, kind, s)));
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(found) = memo.get(form) {
            return f(found);
        }
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        let value = STEMMER.with(|s| analyze_form(form, kind, s));
        let out = f(&value);
        memo.insert(form.into(), value);
        out
    })
}

/// What a term of [`analyze`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A word or number.
    Word,
    /// A whole compound (`marc-antoine`).
    Whole,
    /// A part of a compound (`marc`, `antoine`).
    Part,
    /// A stopword's stop term.
    Stop,
}

/// One term of the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analyzed<'t> {
    /// The indexed term (or stop term).
    pub term: &'t str,
    /// The stem with its accents, when folding changed it.
    pub accented: Option<&'t str>,
    /// The normalised form it comes from.
    pub form: &'t str,
    /// What it stands for.
    pub role: Role,
    /// Its position (see the module docs).
    pub position: usize,
    /// Byte offset of its word in the text.
    pub start: usize,
    /// Byte offset past its word.
    pub end: usize,
}

/// What [`analyze`] keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Prose: stopwords left out.
    Prose,
    /// Titles: stopwords kept as stop terms.
    Title,
    /// Names: every token folded, as it is.
    Names,
}

/// One term found by [`analyze`], its strings as ranges of
/// [`Scratch::strings`].
#[derive(Clone, Debug)]
struct Pending {
    role: Role,
    position: usize,
    start: usize,
    end: usize,
    form: std::ops::Range<usize>,
    term: std::ops::Range<usize>,
    accented: Option<std::ops::Range<usize>>,
}

/// Scratch buffers of [`analyze`], reused across calls.
#[derive(Debug, Default)]
pub struct Scratch {
    form: String,
    part: String,
    pending: Vec<Pending>,
    /// Every form and term of the text, end to end.
    strings: String,
}

/// Appends `s` to `strings`, returning its range there.
fn push_str(strings: &mut String, s: &str) -> std::ops::Range<usize> {
    let at = strings.len();
    strings.push_str(s);
    at..strings.len()
}

/// Records the term of `form` (if `mode` keeps one) in `pending`.
#[allow(clippy::too_many_arguments)]
fn pend(
    pending: &mut Vec<Pending>,
    strings: &mut String,
    mode: Mode,
    form: &str,
    kind: TokenKind,
    role: Role,
    position: usize,
    (start, end): (usize, usize),
) {
    with_form_terms(form, kind, |t| {
        let (term, role) = match (&t.term, &t.stop) {
            (Some(term), _) => (&**term, role),
            (None, Some(stop)) if mode == Mode::Title => (&**stop, Role::Stop),
            _ => return,
        };
        let form = push_str(strings, form);
        let term = push_str(strings, term);
        let accented = t.accented.as_deref().map(|a| push_str(strings, a));
        pending.push(Pending {
            role,
            position,
            start,
            end,
            form,
            term,
            accented,
        });
    });
}

/// Runs the chain over `text` and hands each term to `emit`, in text
/// order (a compound's whole term before its parts).
pub fn analyze(
    text: &str,
    mode: Mode,
    scratch: &mut Scratch,
    mut emit: impl FnMut(Analyzed<'_>),
) {
    let mut words = Vec::new();
    tokenize::tokenize_into(text, 0, &mut words);
    let Scratch {
        form,
        part,
        pending,
        strings,
    } = scratch;
    pending.clear();
    strings.clear();
    let mut position = 0;
    for word in &words {
        let span = (word.start, word.end());
        if mode == Mode::Names {
            form.clear();
            fold(word.text, form);
            let form = push_str(strings, form);
            pending.push(Pending {
                role: Role::Word,
                position,
                start: span.0,
                end: span.1,
                term: form.clone(),
                form,
                accented: None,
            });
            position += 1;
            continue;
        }
        normalize_into(word.text, form);
        let compound = word.kind == TokenKind::Word && is_compound(form);
        let role = if compound { Role::Whole } else { Role::Word };
        pend(
            pending, strings, mode, form, word.kind, role, position, span,
        );
        if !compound {
            position += 1;
            continue;
        }
        // The parts: each piece between hyphens tokenized on its own,
        // as it would be typed alone (`l'autre` in `l'un-l'autre` gives
        // the elision `l'` and `autre`), offsets in the text as written.
        let mut offset = word.start;
        for piece in word.text.split(is_hyphen) {
            let mut subwords = Vec::new();
            tokenize::tokenize_into(piece, offset, &mut subwords);
            for sub in &subwords {
                normalize_into(sub.text, part);
                let span = (sub.start, sub.end());
                let role = Role::Part;
                pend(
                    pending, strings, mode, part, sub.kind, role, position,
                    span,
                );
                position += 1;
            }
            // Past the piece and its hyphen.
            let end = offset + piece.len();
            offset =
                end + text[end..].chars().next().map_or(0, char::len_utf8);
        }
    }
    for p in pending.iter() {
        emit(Analyzed {
            term: &strings[p.term.clone()],
            accented: p.accented.clone().map(|r| &strings[r]),
            form: &strings[p.form.clone()],
            role: p.role,
            position: p.position,
            start: p.start,
            end: p.end,
        });
    }
}

/// billet's French analysis as a tantivy tokenizer.
#[derive(Debug)]
pub struct FrenchTokenizer {
    mode: Mode,
    /// The tokens of the last text; their strings are reused.
    tokens: Vec<Token>,
    scratch: Scratch,
}

impl Clone for FrenchTokenizer {
    /// A tokenizer with the same settings and empty buffers.
    fn clone(&self) -> FrenchTokenizer {
        FrenchTokenizer::new(self.mode)
    }
}

impl FrenchTokenizer {
    /// A tokenizer of `mode`.
    pub fn new(mode: Mode) -> FrenchTokenizer {
        FrenchTokenizer {
            mode,
            tokens: Vec::new(),
            scratch: Scratch::default(),
        }
    }

    /// The analyzer of prose: stopwords dropped, stems, accents folded.
    pub fn text() -> FrenchTokenizer {
        FrenchTokenizer::new(Mode::Prose)
    }

    /// The analyzer of names: tokens folded, nothing dropped or stemmed.
    pub fn names() -> FrenchTokenizer {
        FrenchTokenizer::new(Mode::Names)
    }

    /// The terms of `text` with their positions, as indexed.
    pub fn terms(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        analyze(text, self.mode, &mut self.scratch, |a| {
            out.push((a.position, a.term.to_string()));
        });
        out
    }
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        let mut n = 0;
        let tokens = &mut self.tokens;
        analyze(text, self.mode, &mut self.scratch, |a| {
            // Reuse the token strings of the previous text.
            if n == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[n];
            token.text.clear();
            token.text.push_str(a.term);
            token.offset_from = a.start;
            token.offset_to = a.end;
            token.position = a.position;
            token.position_length = 1;
            n += 1;
        });
        Tokens {
            tokens: &mut self.tokens[..n],
            next: 0,
        }
    }
}

/// The tokens of one text, as tantivy reads them.
#[derive(Debug)]
pub struct Tokens<'a> {
    tokens: &'a mut [Token],
    /// Index of the next token to hand out.
    next: usize,
}

impl TokenStream for Tokens<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The whole value as one folded term (tags, series keys, forms).
#[derive(Clone, Debug, Default)]
pub struct KeywordTokenizer {
    token: Token,
}

/// Folds `value` into a keyword: lower case, accents folded, only letters
/// and digits kept. `"Zéro déchet"` → `"zerodechet"`;
/// `"composter-en-appartement"` → `"composterenappartement"`.
pub fn keyword(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut buf = String::new();
    for c in value.chars().filter(|c| c.is_alphanumeric()) {
        buf.clear();
        fold_char(c, &mut buf);
        out.push_str(&buf);
    }
    out
}

impl Tokenizer for KeywordTokenizer {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        let term = keyword(text);
        let n = usize::from(!term.is_empty());
        self.token = Token {
            offset_from: 0,
            offset_to: text.len(),
            position: 0,
            text: term,
            position_length: 1,
        };
        Tokens {
            tokens: &mut std::slice::from_mut(&mut self.token)[..n],
            next: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Query or text → the terms it gives.
    const CASES: &[(&str, &[&str])] = &[
        ("économie", &["econom"]),
        ("economie", &["econom"]),
        ("l’économie", &["econom"]),
        ("L'ÉCONOMIE", &["econom"]),
        ("économies", &["econom"]),
        ("l'épicerie", &["epicer"]),
        ("épiceries", &["epicer"]),
        ("EPICERIE", &["epicer"]),
        ("Le jardin partagé", &["jardin", "partag"]),
        ("jardins partagés", &["jardin", "partag"]),
        ("Faites-vous du compost ?", &["compost"]),
        ("composteurs", &["composteur"]),
        ("a-t-il mangé", &["mang"]),
        ("la presqu’île", &["presqu'il"]),
        ("175 000 $", &["175 000 $"]),
        ("Marc-Antoine", &["marc-antoin", "marc", "antoin"]),
        ("e-mailing", &["e-mailing", "mailing"]),
        ("Vibro‑kore", &["vibro‑kor", "vibro", "kor"]),
        // English function words are no key terms (stopwords/en.txt) but
        // search keeps them: a query may ask for « the wall ».
        ("The Wall", &["the", "wall"]),
        // Informal elision: `y'` goes as `l'` does (and `a`, one letter).
        ("il y'a des pommes", &["pomm"]),
    ];

    #[test]
    fn french_terms() {
        let mut t = FrenchTokenizer::text();
        for (text, expected) in CASES {
            let terms: Vec<String> =
                t.terms(text).into_iter().map(|(_, s)| s).collect();
            assert_eq!(&terms, expected, "terms of {text:?}");
        }
    }

    fn stream(mode: Mode, text: &str) -> Vec<(String, &str, usize)> {
        let mut t = FrenchTokenizer::new(mode);
        let mut stream = t.token_stream(text);
        let mut seen = Vec::new();
        while let Some(tok) = stream.next() {
            seen.push((
                tok.text.clone(),
                &text[tok.offset_from..tok.offset_to],
                tok.position,
            ));
        }
        seen
    }

    #[test]
    fn offsets_and_positions() {
        // Positions count the dropped stopwords: Le(0) jardin(1) de(2)
        // l’(3) école(4).
        assert_eq!(
            stream(Mode::Prose, "Le jardin de l’école"),
            [
                ("jardin".to_string(), "jardin", 1),
                ("ecol".to_string(), "école", 4)
            ]
        );
        // A compound's parts take a position each.
        let s = |t: &str| t.to_string();
        assert_eq!(
            stream(Mode::Prose, "Marc-Antoine Mathieu dessine"),
            [
                (s("marc-antoin"), "Marc-Antoine", 0),
                (s("marc"), "Marc", 0),
                (s("antoin"), "Antoine", 1),
                (s("mathieu"), "Mathieu", 2),
                (s("dessin"), "dessine", 3),
            ]
        );
    }

    #[test]
    fn titles_keep_stop_terms() {
        let terms: Vec<String> = stream(
            Mode::Title,
            "Sud Web, c'est bientôt, et vous devez y être",
        )
        .into_iter()
        .map(|(t, _, _)| t.replace(STOP_MARK, "^"))
        .collect();
        assert_eq!(
            terms,
            [
                "sud", "web", "^est", "^bientot", "^et", "^vous", "^devez",
                "^etre"
            ]
        );
        // A stopword typed without accents is the same stop term.
        assert_eq!(
            form_terms("deja", TokenKind::Word).stop,
            form_terms("déjà", TokenKind::Word).stop
        );
    }

    /// A form's terms depend on its kind, never on what the thread
    /// analysed before: `7` is a number in `7 pommes` and a one-letter
    /// word in some tokens (which once made the index differ from run
    /// to run, with the threads' share of the articles).
    #[test]
    fn terms_do_not_depend_on_what_the_thread_saw_before() {
        let number = || form_terms("7", TokenKind::Number).term;
        let word = || form_terms("7", TokenKind::Word).term;
        let (word_first, number_then) = (word(), number());
        let (number_first, word_then) = (number(), word());
        assert_eq!(number_then.as_deref(), Some("7"));
        assert_eq!(number_first, number_then);
        assert_eq!(word_first, None);
        assert_eq!(word_then, word_first);
    }

    #[test]
    fn accented_stems() {
        let accented = |w: &str| form_terms(w, TokenKind::Word).accented;
        assert_eq!(accented("pêcher").as_deref(), Some("pêch"));
        assert_eq!(accented("pécher").as_deref(), Some("péch"));
        assert_eq!(accented("péchés").as_deref(), Some("péch"));
        assert_eq!(accented("pecher"), None);
        assert_eq!(accented("jardin"), None);
        let term = |w: &str| form_terms(w, TokenKind::Word).term;
        assert_eq!(term("pêcher"), term("pécher"));
    }

    #[test]
    fn names_are_folded_only() {
        let mut t = FrenchTokenizer::names();
        let terms: Vec<String> = t
            .terms("Hélène Le Faure")
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(terms, ["helene", "le", "faure"]);
    }

    #[test]
    fn keywords() {
        assert_eq!(keyword("Zéro déchet"), "zerodechet");
        assert_eq!(keyword("zero-dechet"), "zerodechet");
        assert_eq!(keyword("Œuvres"), "oeuvres");
        let mut t = KeywordTokenizer::default();
        assert!(t.token_stream(" - ").next().is_none());
        assert_eq!(t.token_stream("Vélo").next().unwrap().text, "velo");
    }
}
