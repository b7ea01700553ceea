//! Analysis for the search index: text → the terms tantivy indexes and
//! queries look up, with billet's own French rules.
//!
//! - [`FrenchTokenizer`] (`billet_fr`, for title, body, key terms and
//!   phrases): billet's tokenizer ([`crate::tokenize::tokenize_into`]:
//!   elision, hyphens, numbers), normalisation (lower case, `’` → `'`),
//!   billet's stopword list, the Snowball French stem, then accents folded
//!   on the stem. So `économie`, `l’économie`, `economie` and `économies`
//!   all give the term `econom`.
//! - [`FrenchTokenizer::names`] (`billet_name`, for authors): the same
//!   tokens, folded, neither stemmed nor filtered (`Hélène Faure` →
//!   `helene`, `faure`).
//! - [`KeywordTokenizer`] (`billet_kw`, for tags, series and question
//!   forms): the whole value as one term, folded, with everything but
//!   letters and digits dropped, so `Zéro déchet`, `zero-dechet` and
//!   `zerodechet` are one tag.
//!
//! Guarantees: token offsets are byte offsets into the analysed text (so
//! snippets highlight the words as written); positions count every
//! billet token, stopwords included, so a quoted phrase with a stopword
//! inside (`"jardin de la ville"`) keeps its gaps. Indexing and queries
//! go through the same code, so they always agree.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::chars::fold_char;
use crate::normalize::{Stopwords, normalize_into};
use crate::tokenize::{self, TokenKind};

/// Name of the French analyzer in the index.
pub const FRENCH: &str = "billet_fr";
/// Name of the name analyzer (authors).
pub const NAMES: &str = "billet_name";
/// Name of the keyword analyzer (tags, series, forms).
pub const KEYWORD: &str = "billet_kw";

/// Forms remembered per thread before the memo starts afresh: enough
/// for the vocabulary of a large blog, bounded whatever the input.
const MEMO_LIMIT: usize = 200_000;

/// Normalised form → its term (`None`: not indexed).
type Memo = FxHashMap<Box<str>, Option<Box<str>>>;

thread_local! {
    /// One memo per thread, shared by every tokenizer on it: tantivy
    /// clones tokenizers for each segment and each snippet, and a memo
    /// per clone would stem every word again. Per thread, like billet's
    /// per-worker form cache, so indexing threads never contend.
    static MEMO: std::cell::RefCell<Memo> =
        std::cell::RefCell::new(Memo::default());
}

/// Registers billet's analyzers on `index` (needed both to build it and
/// to search it: tantivy does not store tokenizers).
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(FRENCH, FrenchTokenizer::text());
    manager.register(NAMES, FrenchTokenizer::names());
    manager.register(KEYWORD, KeywordTokenizer::default());
}

/// The built-in stopword list, built once per process (the per-thread
/// memo relies on every tokenizer using this one list).
fn stopwords() -> &'static Stopwords {
    static LIST: OnceLock<Stopwords> = OnceLock::new();
    LIST.get_or_init(Stopwords::french)
}

/// billet's French analysis as a tantivy tokenizer.
pub struct FrenchTokenizer {
    /// Stem and drop stopwords (text), or only fold (names).
    stem: bool,
    /// Built once per tokenizer: `billet::stem::stem` would build one
    /// per word.
    stemmer: Stemmer,
    /// The tokens of the last text; their strings are reused.
    tokens: Vec<Token>,
    /// Scratch for the normalised form.
    form: String,
}

impl Clone for FrenchTokenizer {
    /// A tokenizer with the same settings and empty buffers.
    fn clone(&self) -> FrenchTokenizer {
        FrenchTokenizer::new(self.stem)
    }
}

impl std::fmt::Debug for FrenchTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrenchTokenizer")
            .field("stem", &self.stem)
            .finish()
    }
}

impl FrenchTokenizer {
    fn new(stem: bool) -> FrenchTokenizer {
        FrenchTokenizer {
            stem,
            stemmer: Stemmer::create(Algorithm::French),
            tokens: Vec::new(),
            form: String::new(),
        }
    }

    /// The analyzer of prose: stopwords dropped, stems, accents folded.
    pub fn text() -> FrenchTokenizer {
        FrenchTokenizer::new(true)
    }

    /// The analyzer of names: tokens folded, nothing dropped or stemmed.
    pub fn names() -> FrenchTokenizer {
        FrenchTokenizer::new(false)
    }

    /// The terms of `text` with their positions, as indexed. For queries
    /// and tests; indexing goes through [`Tokenizer::token_stream`].
    pub fn terms(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut stream = self.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }
}

/// The term of the normalised form `form`, `None` when it is not
/// indexed; remembered in `memo`.
fn lookup<'m>(
    memo: &'m mut Memo,
    form: &str,
    kind: TokenKind,
    stemmer: &Stemmer,
) -> Option<&'m str> {
    if !memo.contains_key(form) {
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        let value = analyze_form(form, kind, stemmer);
        memo.insert(form.into(), value);
    }
    memo[form].as_deref()
}

#[cold]
fn analyze_form(
    form: &str,
    kind: TokenKind,
    stemmer: &Stemmer,
) -> Option<Box<str>> {
    // billet's own classes (stem.rs): stopwords, elided articles and
    // one-letter words carry no meaning of their own.
    let one_letter =
        form.chars().nth(1).is_none() && kind != TokenKind::Number;
    if kind == TokenKind::Elision || one_letter || stopwords().contains(form) {
        return None;
    }
    let stem = if kind == TokenKind::Number {
        std::borrow::Cow::Borrowed(form)
    } else {
        stemmer.stem(form)
    };
    let mut folded = String::with_capacity(stem.len());
    for c in stem.chars() {
        fold_char(c, &mut folded);
    }
    Some(folded.into_boxed_str())
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = Tokens<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens<'a> {
        let mut words = Vec::new();
        tokenize::tokenize_into(text, 0, &mut words);
        let n = MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            let mut n = 0;
            for (position, word) in words.iter().enumerate() {
                let term = if self.stem {
                    normalize_into(word.text, &mut self.form);
                    lookup(&mut memo, &self.form, word.kind, &self.stemmer)
                } else {
                    self.form.clear();
                    for c in word.text.chars() {
                        fold_char(c, &mut self.form);
                    }
                    Some(self.form.as_str())
                };
                let Some(term) = term else {
                    continue;
                };
                // Reuse the token strings of the previous text.
                if n == self.tokens.len() {
                    self.tokens.push(Token::default());
                }
                let token = &mut self.tokens[n];
                token.text.clear();
                token.text.push_str(term);
                token.offset_from = word.start;
                token.offset_to = word.end();
                token.position = position;
                token.position_length = 1;
                n += 1;
            }
            n
        });
        Tokens {
            tokens: &mut self.tokens[..n],
            next: 0,
        }
    }
}

/// Appends `text` folded (lower case, accents removed: `Œuvré` →
/// `oeuvre`) to `out`.
pub fn fold(text: &str, out: &mut String) {
    for c in text.chars() {
        fold_char(c, out);
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

    #[test]
    fn offsets_and_positions() {
        let mut t = FrenchTokenizer::text();
        let text = "Le jardin de l’école";
        let mut stream = t.token_stream(text);
        let mut seen = Vec::new();
        while let Some(tok) = stream.next() {
            seen.push((
                tok.text.clone(),
                &text[tok.offset_from..tok.offset_to],
                tok.position,
            ));
        }
        // Positions count the dropped stopwords: Le(0) jardin(1) de(2)
        // l’(3) école(4).
        assert_eq!(
            seen,
            [
                ("jardin".to_string(), "jardin", 1),
                ("ecol".to_string(), "école", 4)
            ]
        );
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
