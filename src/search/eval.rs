//! Known-item evaluation: an index → queries a reader would type to find
//! an article they remember by its title → how often the article comes
//! back in the top 3 (issue 20).
//!
//! For a seeded sample of the index's articles (120 by default), four
//! queries each, built from the article's own title:
//!
//! | kind | query |
//! | --- | --- |
//! | `title` | up to four content words of the title, as written |
//! | `no_accents` | the same words without accents, lower case |
//! | `typo` | the same words, two neighbouring letters of the longest swapped (never its first letter) |
//! | `rare` | the two title words found in the fewest articles |
//!
//! Content words are the title's words (billet's tokenizer: elisions
//! split off; compounds split at their hyphens, as a person types
//! `marc antoine` for « Marc-Antoine ») of two characters or more, with at least
//! one letter, that are not in a short list of function words
//! ([`FUNCTION_WORDS`]): what a person types, independently of the
//! stopword list billet indexes with. Rarity counts the articles whose
//! title or body holds the word (folded), so it is the same for every
//! engine. The queries are plain words, the same strings for every
//! engine, and can be written out ([`KnownItem`] is serialisable) for
//! another engine to run (scripts/search_eval.py runs Pagefind).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::analyzer::fold;
use super::hits::{SearchError, SearchIndex, SearchOptions};
use crate::error::FatalError;
use crate::tokenize::{self, TokenKind};

/// Words a person leaves out of a search for a title: articles,
/// pronouns, prepositions, conjunctions, forms of *être* and *avoir*,
/// and their English counterparts (blogs mix in English titles). Kept
/// short on purpose: everything else is a word someone may type.
pub const FUNCTION_WORDS: &[&str] = &[
    // French
    "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce",
    "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son",
    "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "je", "tu",
    "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "te", "se",
    "moi", "toi", "lui", "eux", "en", "et", "ou", "mais", "donc", "or", "ni",
    "car", "que", "qui", "quoi", "dont", "où", "à", "dans", "par", "pour",
    "sur", "sous", "avec", "sans", "chez", "entre", "vers", "est", "sont",
    "suis", "es", "sommes", "êtes", "été", "être", "ai", "as", "avons",
    "avez", "ont", "avoir", "ne", "pas", "plus", "très", "si", "ça", "cela",
    // English
    "the", "an", "of", "to", "in", "for", "and", "is", "are", "with", "my",
    "your", "it", "you", "if", "at", "by", "from", "this", "that",
];

/// The kinds of query, in table order.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// Up to four content words of the title, as written.
    Title,
    /// The same without accents, lower case.
    NoAccents,
    /// One transposition in the longest word.
    Typo,
    /// The two rarest content words of the title.
    Rare,
}

impl QueryKind {
    /// Every kind, in table order.
    pub const ALL: [QueryKind; 4] = [
        QueryKind::Title,
        QueryKind::NoAccents,
        QueryKind::Typo,
        QueryKind::Rare,
    ];

    /// How the README table names the kind.
    pub fn describe(self) -> &'static str {
        match self {
            QueryKind::Title => "title words as written",
            QueryKind::NoAccents => "the same without accents",
            QueryKind::Typo => "one transposition typo in the longest word",
            QueryKind::Rare => "the two rarest title words",
        }
    }

    /// The name in JSON and in the queries file.
    pub fn name(self) -> &'static str {
        match self {
            QueryKind::Title => "title",
            QueryKind::NoAccents => "no_accents",
            QueryKind::Typo => "typo",
            QueryKind::Rare => "rare",
        }
    }
}

/// One query and the article it should find.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownItem {
    /// The article to find.
    pub id: String,
    /// Its title, for people reading misses.
    pub title: String,
    /// Which kind of query.
    pub kind: QueryKind,
    /// What is typed.
    pub query: String,
}

/// Options of the evaluation.
#[derive(Clone, Debug)]
pub struct EvalOptions {
    /// Articles sampled (all of them when the index holds fewer).
    pub sample: usize,
    /// Seed of the sample and of the typos.
    pub seed: u64,
    /// A hit counts when the article is among the first `top`.
    pub top: usize,
}

impl Default for EvalOptions {
    fn default() -> EvalOptions {
        EvalOptions {
            sample: 120,
            seed: 20,
            top: 3,
        }
    }
}

/// The score of one kind of query.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KindScore {
    /// Which kind.
    pub kind: Option<QueryKind>,
    /// Queries run.
    pub queries: usize,
    /// Queries whose article came first.
    pub first: usize,
    /// Queries whose article came in the top `top`.
    pub found: usize,
    /// Queries that returned no hit at all.
    pub empty: usize,
}

impl KindScore {
    /// `found / queries` (0 without queries).
    pub fn rate(&self) -> f64 {
        if self.queries == 0 {
            0.0
        } else {
            self.found as f64 / self.queries as f64
        }
    }
}

/// A query whose article was not in the top `top`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    /// The query.
    pub item: KnownItem,
    /// What came back instead, best first.
    pub got: Vec<String>,
}

/// The outcome of an evaluation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Articles in the index.
    pub articles: usize,
    /// Articles sampled that gave queries.
    pub sampled: usize,
    /// Sampled articles left out: no title, or no content word in it.
    pub skipped: usize,
    /// The rank that counts as found.
    pub top: usize,
    /// One score per kind, in table order.
    pub kinds: Vec<KindScore>,
    /// Every miss.
    pub misses: Vec<Miss>,
}

/// A small deterministic generator (xorshift64), so that a seed always
/// gives the same sample and the same typos.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Never zero, and nearby seeds far apart.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `word` folded: lower case, no accents.
fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold(word, &mut out);
    out
}

/// The content words of a title, as written, first occurrence of each.
pub fn content_words(title: &str) -> Vec<&str> {
    let function: FxHashSet<String> =
        FUNCTION_WORDS.iter().map(|w| folded(w)).collect();
    let mut seen = FxHashSet::default();
    tokenize::tokens(title, 0)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .flat_map(|t| t.text.split('-'))
        .filter(|w| {
            let key = folded(w);
            w.chars().count() >= 2
                && w.chars().any(char::is_alphabetic)
                && !function.contains(&key)
                && seen.insert(key)
        })
        .collect()
}

/// `word` with two neighbouring letters swapped, never the first one;
/// the pair is drawn from `rng` among pairs of different letters.
/// `None` when the word has no such pair (`"aaa"`, two letters).
fn transpose(word: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let pairs: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| chars[i] != chars[i + 1])
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let i = pairs[rng.below(pairs.len())];
    let mut out = chars;
    out.swap(i, i + 1);
    Some(out.into_iter().collect())
}

/// The known-item queries of a seeded sample of the index's articles.
pub fn known_items(
    index: &SearchIndex,
    options: &EvalOptions,
) -> Result<(Vec<KnownItem>, usize, usize), FatalError> {
    let articles = index.articles()?;
    // Document frequency of each folded word of titles and bodies.
    let mut df: FxHashMap<String, usize> = FxHashMap::default();
    for a in &articles {
        let mut words = FxHashSet::default();
        for text in [a.title.as_deref().unwrap_or(""), a.body.as_str()] {
            for t in tokenize::tokens(text, 0) {
                if t.kind == TokenKind::Word {
                    words.insert(folded(t.text));
                }
            }
        }
        for w in words {
            *df.entry(w).or_default() += 1;
        }
    }
    // A partial Fisher–Yates shuffle of the article positions.
    let mut rng = Rng::new(options.seed);
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let n = options.sample.min(order.len());
    for i in 0..n {
        let j = i + rng.below(order.len() - i);
        order.swap(i, j);
    }
    let mut picked = order[..n].to_vec();
    picked.sort_unstable();

    let mut items = Vec::new();
    let mut skipped = 0;
    for &at in &picked {
        let a = &articles[at];
        let Some(title) = a.title.as_deref() else {
            skipped += 1;
            continue;
        };
        let words = content_words(title);
        if words.is_empty() {
            skipped += 1;
            continue;
        }
        let first: Vec<&str> = words.iter().take(4).copied().collect();
        let item = |kind, query: String| KnownItem {
            id: a.id.clone(),
            title: title.to_string(),
            kind,
            query,
        };
        items.push(item(QueryKind::Title, first.join(" ")));
        let plain: Vec<String> = first.iter().map(|w| folded(w)).collect();
        items.push(item(QueryKind::NoAccents, plain.join(" ")));
        // The longest word (the first of equal length) gets the typo.
        let longest = (0..first.len())
            .rev()
            .max_by_key(|&i| first[i].chars().count())
            .expect("at least one word");
        let mut typo: Vec<String> =
            first.iter().map(|w| w.to_string()).collect();
        if let Some(t) = transpose(first[longest], &mut rng) {
            typo[longest] = t;
        }
        items.push(item(QueryKind::Typo, typo.join(" ")));
        // The two rarest words, in title order; ties keep title order.
        let mut by_rarity: Vec<usize> = (0..words.len()).collect();
        by_rarity.sort_by_key(|&i| {
            (df.get(&folded(words[i])).copied().unwrap_or(0), i)
        });
        let mut rare: Vec<usize> = by_rarity.into_iter().take(2).collect();
        rare.sort_unstable();
        let rare: Vec<&str> = rare.into_iter().map(|i| words[i]).collect();
        items.push(item(QueryKind::Rare, rare.join(" ")));
    }
    Ok((items, articles.len(), skipped))
}

/// Runs `items` on `index`: the share of each kind whose article comes
/// back in the first `top` hits.
pub fn evaluate(
    index: &SearchIndex,
    items: &[KnownItem],
    top: usize,
) -> Result<EvalReport, SearchError> {
    let mut kinds: BTreeMap<QueryKind, KindScore> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut sampled = FxHashSet::default();
    for item in items {
        sampled.insert(item.id.as_str());
        let got: Vec<String> = index
            .search_ids(
                &item.query,
                &SearchOptions {
                    limit: top,
                    ..SearchOptions::default()
                },
            )?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let score = kinds.entry(item.kind).or_default();
        score.kind = Some(item.kind);
        score.queries += 1;
        match got.iter().position(|id| *id == item.id) {
            Some(rank) => {
                score.found += 1;
                if rank == 0 {
                    score.first += 1;
                }
            }
            None => {
                if got.is_empty() {
                    score.empty += 1;
                }
                misses.push(Miss {
                    item: item.clone(),
                    got,
                });
            }
        }
    }
    Ok(EvalReport {
        articles: index.len() as usize,
        sampled: sampled.len(),
        skipped: 0,
        top,
        kinds: kinds.into_values().collect(),
        misses,
    })
}

/// Samples, builds the queries and runs them.
pub fn eval_search(
    index: &SearchIndex,
    options: &EvalOptions,
) -> Result<(EvalReport, Vec<KnownItem>), SearchError> {
    let (items, _, skipped) = known_items(index, options)?;
    let mut report = evaluate(index, &items, options.top)?;
    report.skipped = skipped;
    Ok((report, items))
}

/// The report as a Markdown table: one row per kind, the share found in
/// the top `top` (and first), the number of queries with no hit.
pub fn table(report: &EvalReport) -> String {
    let mut out = format!(
        "| query kind ({} articles of {}, top {}) | top {} | first | no hit \
         |\n| --- | --- | --- | --- |\n",
        report.sampled, report.articles, report.top, report.top
    );
    for k in &report.kinds {
        let kind = k.kind.map_or("?", QueryKind::describe);
        let first = if k.queries == 0 {
            0.0
        } else {
            k.first as f64 / k.queries as f64
        };
        out.push_str(&format!(
            "| {kind} | {:.3} | {first:.3} | {} |\n",
            k.rate(),
            k.empty
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_skip_function_words_and_repeats() {
        assert_eq!(
            content_words("L’économie du partage, c’est l’Économie !"),
            ["économie", "partage"]
        );
        assert_eq!(
            content_words("Sud Web, c'est bientôt, et vous devez y être !"),
            ["Sud", "Web", "bientôt", "devez"]
        );
        assert_eq!(
            content_words("Marc-Antoine Mathieu en 2014, e-mailing"),
            ["Marc", "Antoine", "Mathieu", "mailing"]
        );
        assert!(content_words("Et vous ?").is_empty());
    }

    #[test]
    fn transposition_keeps_the_first_letter() {
        let mut rng = Rng::new(7);
        for _ in 0..50 {
            let t = transpose("sécurité", &mut rng).unwrap();
            assert!(t.starts_with('s'), "{t}");
            assert_ne!(t, "sécurité");
            let mut a: Vec<char> = t.chars().collect();
            let mut b: Vec<char> = "sécurité".chars().collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{t}: same letters");
        }
        assert_eq!(transpose("ab", &mut rng), None);
        assert_eq!(transpose("baa", &mut rng), None);
        assert_eq!(transpose("bab", &mut rng).as_deref(), Some("bba"));
    }

    #[test]
    fn seeds_repeat() {
        let draw = |seed| {
            let mut r = Rng::new(seed);
            (0..5).map(|_| r.below(100)).collect::<Vec<_>>()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }
}
