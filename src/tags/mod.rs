//! Tags: the authors' tags of the corpus → its tag vocabulary
//! (`tags.json`), every article's suggested tags ([`suggest`]) and the
//! evaluation of `billet eval-tags` ([`eval`]).
//!
//! A tag is known by its slug: lower case, accents folded, runs of
//! anything but `[a-z0-9]` → `-` (`Économie` and `economie` are one tag,
//! written two ways). Its display name is its most used spelling.
//! Runs after the corpus pass's statistics; reads each article's packed
//! terms, never its text.

pub mod eval;
mod smallest;
pub mod suggest;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::chars::fold_char;
use crate::corpus::{
    CorpusStats, Doc, LogTf, SIMILAR_TERMS, SimilarSeed, encode_terms,
    key_term, rank_key, vector_bounds,
};
use crate::normalize::{Stopwords, normalize};
use crate::output::{
    CoOccurrence, KeyTerm, NearDuplicate, SuggestedTag, TagEntry, TagsReport,
    round4,
};
use crate::stem;
use crate::terms::zone;

pub use self::suggest::{Model, Suggestion, TagData};
pub use crate::corpus::TermVectors;

/// Suggestions scored at or above this are right at least half the time
/// (a calibrated probability; measured 0.76–0.86 on held-out posts of
/// four blogs, docs/tags.md).
pub const SUGGESTION_THRESHOLD: f64 = 0.5;

/// Terms of an article's vector: its heaviest, among terms found in at
/// least two articles (a term of one article links it to no other, yet
/// would dilute the cosine). At most 64: which of them similar's vector
/// holds is one bit each.
const VECTOR_TERMS: usize = 48;
const _: () = assert!(VECTOR_TERMS <= 64 && VECTOR_TERMS >= SIMILAR_TERMS);

/// A stem's flag in [`TagInputs::build`]: at least two articles use it
/// (it may enter vectors).
const IN_VECTORS: u8 = 1;
/// A stem's flag in [`TagInputs::build`]: it is a word of some tag.
const NAMES_A_WORD: u8 = 2;

/// The slug of a tag: `Économie` → `economie`, `Network BGP` →
/// `network-bgp`; empty when it has no letter or digit.
pub fn tag_slug(tag: &str) -> String {
    // Folding leaves ASCII as it is but for case: most tags need no
    // folded copy.
    if tag.is_ascii() {
        let lower = tag.bytes().map(|b| b.to_ascii_lowercase());
        return slug_of_folded(lower, tag.len());
    }
    let mut folded = String::with_capacity(tag.len());
    for c in tag.chars() {
        fold_char(c, &mut folded);
    }
    // A folded byte past ASCII is part of a letter the folding keeps
    // (`ø`, Greek, CJK): a separator, like any byte not `[a-z0-9]`.
    slug_of_folded(folded.bytes(), folded.len())
}

/// The slug of a folded tag's bytes: runs of bytes not `[a-z0-9]` → one
/// `-`, none at either end; `len` bytes at most.
fn slug_of_folded(bytes: impl Iterator<Item = u8>, len: usize) -> String {
    let mut slug = String::with_capacity(len);
    let mut gap = false;
    for b in bytes {
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(char::from(b));
        } else {
            gap = true;
        }
    }
    slug
}

/// The words of a tag, each normalised and stemmed with accents folded:
/// how its name is matched against an article's stems (`network-bgp` →
/// `network`, `bgp`; `Économies d'énergie` → `econom`, `energi`).
/// Stopwords are left out.
pub fn tag_word_stems(tag: &str, stopwords: &Stopwords) -> Vec<String> {
    tag.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| normalize(w).into_owned())
        // Elided articles and pronouns (`d'énergie`) are no words of a
        // tag name.
        .filter(|w| w.chars().count() > 1 && !stopwords.contains(w))
        .map(|w| fold(&stem::stem(&w)))
        .collect()
}

/// The words of a tag its name features look for among an article's
/// stems: [`tag_word_stems`] without the numbers when other words are
/// left (`Angular 17` → `angular`, `PHP 5` → `php`). A number is never
/// one of an article's terms, so a number word could never be found:
/// it would hold every versioned tag's name share at a half at best,
/// below its unversioned sibling's, whatever the article says.
fn name_words(tag: &str, stopwords: &Stopwords) -> Vec<String> {
    let mut words = tag_word_stems(tag, stopwords);
    let number = |w: &String| w.bytes().all(|b| b.is_ascii_digit());
    if words.iter().any(|w| !number(w)) {
        words.retain(|w| !number(w));
    }
    words
}

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The corpus's tags, numbered, and what each article carries.
#[derive(Clone, Debug, Default)]
pub struct TagVocab {
    /// Each tag's slug, by tag number (sorted).
    pub slugs: Vec<String>,
    /// Each tag's spellings with their counts, most used first (ties:
    /// first seen).
    pub forms: Vec<Vec<(String, u32)>>,
    /// Each article's tags, sorted, distinct.
    pub of_article: Vec<Vec<u32>>,
}

impl TagVocab {
    /// The tags of `docs`; articles `hidden` says are left untagged.
    pub fn build(docs: &[Doc], hidden: impl Fn(usize) -> bool) -> TagVocab {
        let mut by_slug: FxHashMap<String, Vec<(String, u32)>> =
            FxHashMap::default();
        let mut article_slugs: Vec<Vec<String>> =
            Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let mut slugs: Vec<String> = Vec::new();
            if !hidden(i) {
                for tag in &doc.meta.tags {
                    let slug = tag_slug(tag);
                    if slug.is_empty() {
                        continue;
                    }
                    let forms = by_slug.entry(slug.clone()).or_default();
                    match forms.iter_mut().find(|f| f.0 == *tag) {
                        Some(f) => f.1 += 1,
                        None => forms.push((tag.clone(), 1)),
                    }
                    if !slugs.contains(&slug) {
                        slugs.push(slug);
                    }
                }
            }
            article_slugs.push(slugs);
        }
        let mut slugs: Vec<String> = by_slug.keys().cloned().collect();
        slugs.sort_unstable();
        let number: FxHashMap<&str, u32> = slugs
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        let of_article = article_slugs
            .iter()
            .map(|s| {
                let mut t: Vec<u32> =
                    s.iter().map(|s| number[s.as_str()]).collect();
                t.sort_unstable();
                t
            })
            .collect();
        let forms = slugs
            .iter()
            .map(|s| {
                let mut f = by_slug.remove(s).expect("a slug of the map");
                // Stable: equal counts keep the order first seen.
                f.sort_by_key(|form| std::cmp::Reverse(form.1));
                f
            })
            .collect();
        TagVocab {
            slugs,
            forms,
            of_article,
        }
    }

    /// The display name of tag `t`: its most used spelling.
    pub fn name(&self, t: u32) -> &str {
        &self.forms[t as usize][0].0
    }

    /// Whether any article is tagged.
    pub fn is_empty(&self) -> bool {
        self.slugs.is_empty()
    }

    /// Whether an article other than `a` is tagged: the suggestions of
    /// `a` are learned from the others' tags only, so without them `a`
    /// falls back on its key phrases and terms, whatever its own tags.
    pub fn tagged_besides(&self, a: usize) -> bool {
        self.of_article
            .iter()
            .enumerate()
            .any(|(i, t)| i != a && !t.is_empty())
    }
}

/// What the suggestion model reads of the corpus, owned
/// ([`TagInputs::data`] lends it as a [`TagData`]).
#[derive(Debug, Default)]
pub struct TagInputs {
    folds: Vec<u8>,
    vectors: TermVectors,
    stems: Vec<Box<[u32]>>,
    title_stems: Vec<Box<[u32]>>,
    tag_words: Vec<Box<[Box<[u32]>]>>,
    /// Per article, what similar's vector is of `vectors`
    /// ([`SimilarSeed::norms`]).
    norms: Vec<(f64, u64)>,
}

/// Per worker, the keys of an article's terms: those at least two
/// articles use, the others, and the heaviest of both; the count of
/// each stem of the first (by stem number, written for the article's
/// stems only); and its vector's (stem, count) pairs.
#[derive(Default)]
struct Keys {
    multi: Vec<u128>,
    single: Vec<u128>,
    both: Vec<u128>,
    count: Vec<u32>,
    pairs: Vec<(u32, u32)>,
}

/// How many articles [`TagInputs::build`] reads on a worker at a time.
const WINDOW: usize = 256;

/// What [`TagInputs::build`] finds of an article, its vector aside:
/// fold, where its vector ends in its window's buffer, the stems naming
/// a tag word, those of them in its title, the norm of its vector, and
/// similar's part of it ([`SimilarSeed::norms`]).
type Row = (u8, usize, Box<[u32]>, Box<[u32]>, f64, (f64, u64));

impl TagInputs {
    /// The inputs for `docs` (with their final ids; `stems` gives the
    /// text of each stem id, in stem order) and the tags of `tags`.
    pub fn build(
        docs: &[Doc],
        tags: &TagVocab,
        stats: &CorpusStats,
        stems: &[&str],
        stopwords: &Stopwords,
    ) -> TagInputs {
        // Tag words → the corpus's stems whose folded text they are.
        let words: Vec<Vec<String>> = (0..tags.slugs.len() as u32)
            .map(|t| name_words(tags.name(t), stopwords))
            .collect();
        let wanted: FxHashSet<&str> =
            words.iter().flatten().map(String::as_str).collect();
        let mut matching: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        // Per stem, what the walk over each article's terms asks of it,
        // in one byte (one small array read per term instead of two
        // large ones): whether it enters vectors, whether it names a
        // tag word.
        let mut flags: Vec<u8> = stats
            .df
            .iter()
            .map(|&d| if d >= 2 { IN_VECTORS } else { 0 })
            .collect();
        flags.resize(flags.len().max(stems.len()), 0);
        if !wanted.is_empty() {
            for (s, text) in stems.iter().enumerate() {
                // Most stems are lower-case ASCII, their own folding: no
                // new string for them.
                let plain = text
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
                let folded;
                let key = if plain {
                    *text
                } else {
                    folded = fold(text);
                    folded.as_str()
                };
                if let Some(&w) = wanted.get(key) {
                    matching.entry(w).or_default().push(s as u32);
                    flags[s] |= NAMES_A_WORD;
                }
            }
        }
        // 1 + ln tf, as similar articles weigh terms.
        let tf_weights = LogTf::new();
        // A window of articles at a time, their vectors encoded into one
        // buffer on its worker: no box per article, and the buffers,
        // freed as they are copied below, leave whole pages free.
        let windows: Vec<(Vec<u8>, Vec<Row>)> = docs
            .par_chunks(WINDOW)
            .map_init(Keys::default, |keys, window| {
                let mut encoded = Vec::new();
                let rows = window
                    .iter()
                    .map(|doc| {
                        keys.count.resize(flags.len(), 0);
                        let mut named = Vec::new();
                        let mut title = Vec::new();
                        // Each term as a key ranking it by weight (terms of one
                        // article too: similar's vector holds them).
                        keys.multi.clear();
                        keys.single.clear();
                        doc.packed.each_weighed(|stem, count, zones| {
                            let f =
                                flags.get(stem as usize).copied().unwrap_or(0);
                            if f & NAMES_A_WORD != 0 {
                                named.push(stem);
                                if zones & zone::TITLE != 0 {
                                    title.push(stem);
                                }
                            }
                            let tf = tf_weights.of(count);
                            let key = rank_key(stem, tf * stats.idf(stem));
                            if f & IN_VECTORS != 0 {
                                keys.multi.push(key);
                                keys.count[stem as usize] = count;
                            } else {
                                keys.single.push(key);
                            }
                        });
                        if keys.multi.len() > VECTOR_TERMS {
                            keys.multi.select_nth_unstable(VECTOR_TERMS - 1);
                            keys.multi.truncate(VECTOR_TERMS);
                        }
                        // Similar's heaviest terms are among these and the as
                        // many heaviest terms of one article.
                        if keys.single.len() > SIMILAR_TERMS {
                            keys.single.select_nth_unstable(SIMILAR_TERMS - 1);
                            keys.single.truncate(SIMILAR_TERMS);
                        }
                        keys.both.clear();
                        keys.both.extend_from_slice(&keys.multi);
                        keys.both.extend_from_slice(&keys.single);
                        let (own_norm, last) = vector_bounds(&mut keys.both);
                        // Stem order before the norm: its sum does not depend on
                        // how the selection left them.
                        keys.multi.sort_unstable_by_key(|&k| k as u32);
                        let mut members = 0u64;
                        let mut norm = 0.0;
                        keys.pairs.clear();
                        for (i, &k) in keys.multi.iter().enumerate() {
                            members |= u64::from(k <= last) << i;
                            let (s, w) = key_term(k);
                            norm += w * w;
                            keys.pairs.push((s, keys.count[s as usize]));
                        }
                        let norm = norm.sqrt();
                        // Encoded here, on the workers: the pairs of every
                        // article are never all held as pairs at once.
                        encode_terms(&keys.pairs, &mut encoded);
                        named.sort_unstable();
                        title.sort_unstable();
                        (
                            suggest::fold_of(&doc.id),
                            encoded.len(),
                            named.into_boxed_slice(),
                            title.into_boxed_slice(),
                            norm,
                            (own_norm, members),
                        )
                    })
                    .collect();
                (encoded, rows)
            })
            .collect();
        // Every array at its final size at once (see
        // `TermVectors::reserve_exact`).
        let n = docs.len();
        let mut inputs = TagInputs {
            folds: Vec::with_capacity(n),
            vectors: TermVectors::for_stats(stats),
            stems: Vec::with_capacity(n),
            title_stems: Vec::with_capacity(n),
            tag_words: Vec::new(),
            norms: Vec::with_capacity(n),
        };
        let bytes = windows.iter().map(|w| w.0.len()).sum();
        inputs.vectors.reserve_exact(n, bytes);
        for (encoded, rows) in windows {
            inputs
                .vectors
                .push_window(&encoded, rows.iter().map(|r| (r.1, r.4)));
            for (f, _, s, t, _, n) in rows {
                inputs.norms.push(n);
                inputs.folds.push(f);
                inputs.stems.push(s);
                inputs.title_stems.push(t);
            }
        }
        inputs.tag_words = words
            .iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| {
                        matching
                            .get(w.as_str())
                            .cloned()
                            .unwrap_or_default()
                            .into()
                    })
                    .collect()
            })
            .collect();
        inputs
    }

    /// The inputs as the model reads them, with each article's tags.
    pub fn data<'a>(&'a self, tags: &'a TagVocab) -> TagData<'a> {
        TagData {
            folds: &self.folds,
            vectors: &self.vectors,
            tags: &tags.of_article,
            stems: &self.stems,
            title_stems: &self.title_stems,
            tag_words: &self.tag_words,
        }
    }
}

/// The tags of a corpus and every article's suggestions.
#[derive(Debug, Default)]
pub struct Tagging {
    /// The corpus's tags (hidden articles' left out).
    pub vocab: TagVocab,
    /// Each article's suggestions, best first; all empty when the corpus
    /// has no tags.
    pub suggestions: Vec<Box<[Suggested]>>,
}

/// One suggestion as a run keeps it until its article is written: what
/// [`suggested_tags`] writes of a [`Suggestion`] and no more (24 bytes
/// instead of 80: a large corpus holds five per article from tagging to
/// the last article written).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggested {
    /// Tag number.
    pub tag: u32,
    /// Neighbours (of [`suggest::NEIGHBOURS`]) carrying the tag: one
    /// byte, with the tag's number and [`Named`], in the 8 before the
    /// two floats.
    pub voters: u8,
    /// The article's neighbours that voted, [`suggest::NEIGHBOURS`] or
    /// fewer: what `voters` is out of.
    pub voting: u8,
    /// Probability that the tag is right.
    pub score: f64,
    /// The centroid feature: the cosine the evidence gives when nothing
    /// else speaks for the tag.
    pub centroid: f64,
    /// Whether and where the article names the tag.
    pub named: Named,
}

// Voters fit a byte, and a suggestion its 24 bytes.
const _: () = assert!(suggest::NEIGHBOURS <= u8::MAX as usize);
const _: () = assert!(std::mem::size_of::<Suggested>() == 24);

/// Where an article names a suggested tag, from the `title` and `name`
/// features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// Its title names a word of the tag.
    Title,
    /// Its text names every word of the tag.
    Text,
    /// Its text names some words of the tag.
    Part,
    /// Neither.
    No,
}

impl From<&Suggestion> for Suggested {
    fn from(s: &Suggestion) -> Suggested {
        let [centroid, _, name, title, ..] = s.features;
        let named = if title > 0.0 {
            Named::Title
        } else if name >= 1.0 {
            Named::Text
        } else if name > 0.0 {
            Named::Part
        } else {
            Named::No
        };
        Suggested {
            tag: s.tag,
            voters: u8::try_from(s.voters).expect("at most NEIGHBOURS voters"),
            voting: u8::try_from(s.voting).expect("at most NEIGHBOURS voting"),
            score: s.score,
            centroid,
            named,
        }
    }
}

/// Learns the corpus's tags and suggests tags for every article;
/// articles `hidden` says are taken as untagged (`billet eval-tags`).
/// `docs` have stable stem ids and their final ids.
pub fn tag_corpus(
    docs: &[Doc],
    stats: &CorpusStats,
    stems: &[&str],
    stopwords: &Stopwords,
    hidden: impl Fn(usize) -> bool,
) -> Tagging {
    tag_corpus_seeding(docs, stats, stems, stopwords, hidden, |_| ()).0
}

/// [`tag_corpus`], and the vectors its pass over every article's terms
/// found for similar articles ([`crate::corpus::similar_seeded`]), when
/// the corpus has tags (else no such pass runs); and what `beside`
/// makes of the tags, run beside the suggestions (on the current rayon
/// pool: their serial parts, such as fitting the weights of the first
/// fold, leave a thread to it).
pub fn tag_corpus_seeding<R: Send>(
    docs: &[Doc],
    stats: &CorpusStats,
    stems: &[&str],
    stopwords: &Stopwords,
    hidden: impl Fn(usize) -> bool,
    beside: impl FnOnce(&TagVocab) -> R + Send,
) -> (Tagging, Option<SimilarSeed>, R) {
    let tags = TagVocab::build(docs, hidden);
    if tags.is_empty() {
        let made = beside(&tags);
        let tagging = Tagging {
            suggestions: vec![Box::default(); docs.len()],
            vocab: tags,
        };
        return (tagging, None, made);
    }
    let ((suggestions, seed), made) = rayon::join(
        || {
            let inputs =
                TagInputs::build(docs, &tags, stats, stems, stopwords);
            let suggestions = {
                let model = Model::fit(inputs.data(&tags));
                (0..docs.len())
                    .into_par_iter()
                    .map(|a| {
                        model.suggest(a).iter().map(Suggested::from).collect()
                    })
                    .collect()
            };
            let seed = SimilarSeed {
                terms: inputs.vectors,
                norms: inputs.norms,
            };
            (suggestions, seed)
        },
        || beside(&tags),
    );
    let tagging = Tagging {
        vocab: tags,
        suggestions,
    };
    (tagging, Some(seed), made)
}

/// An article's suggestions as written: names, slugs, rounded scores and
/// the evidence in words. Ordered by the rounded score, then slug: two
/// scores equal to 4 decimals can differ in their last bits with the
/// article's own tags (sums taken over other folds), and that must not
/// decide their order.
pub fn suggested_tags(
    suggestions: &[Suggested],
    tags: &TagVocab,
) -> Vec<SuggestedTag> {
    let mut out: Vec<SuggestedTag> = suggestions
        .iter()
        .map(|s| SuggestedTag {
            tag: tags.name(s.tag).to_string(),
            slug: tags.slugs[s.tag as usize].clone(),
            score: round4(s.score),
            why: why(s),
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.slug.cmp(&b.slug)));
    out
}

/// The evidence behind a suggestion, in words: "4 of 20 similar tagged
/// articles carry it; title names it" (of fewer than 20 when fewer
/// tagged articles share a term with the article: "1 of 1" says how
/// thin the evidence is, where "1 of 20" would hide it). Short: it is written for every
/// suggestion of every article, twice (its file and `articles.jsonl`).
fn why(s: &Suggested) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64);
    if s.voters > 0 {
        // Digits by hand: `write!` costs several times the rest.
        crate::meta::push_padded(&mut out, u32::from(s.voters), 1);
        out.push_str(" of ");
        crate::meta::push_padded(&mut out, u32::from(s.voting), 1);
        out.push_str(" similar tagged articles carry it");
    }
    let named = match s.named {
        Named::Title => Some("title names it"),
        Named::Text => Some("text names it"),
        Named::Part => Some("text names part of it"),
        Named::No => None,
    };
    if let Some(named) = named {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(named);
    }
    if out.is_empty() {
        let _ = write!(
            out,
            "close to the articles carrying it (cosine {:.2})",
            s.centroid
        );
    }
    out
}

/// Suggestions for a corpus without any tag: the article's best key
/// terms that other articles use too (a tag groups articles: a word of
/// one article groups nothing), at most [`suggest::SUGGESTED`], scored
/// relative to the best of them. Key phrases are not suggested: most
/// hold a verb or a word of the one article (« flow permet », « intégrer
/// webpack »), and putting them first halved P@1 (docs/tags.md).
pub fn suggested_from_keys(
    terms: &[KeyTerm],
    shared: impl Fn(&KeyTerm) -> bool,
) -> Vec<SuggestedTag> {
    let mut out: Vec<SuggestedTag> = Vec::new();
    let mut best = None;
    for t in terms.iter().filter(|t| shared(t)) {
        if out.len() == suggest::SUGGESTED {
            break;
        }
        let slug = tag_slug(&t.term);
        if slug.is_empty() || out.iter().any(|o| o.slug == slug) {
            continue;
        }
        let best = *best.get_or_insert(t.score.max(1e-9));
        out.push(SuggestedTag {
            tag: t.term.clone(),
            slug,
            score: round4(t.score / best),
            why: WHY_NO_TAGS.to_string(),
        });
    }
    out
}

/// The `why` of a suggestion made in a corpus without tags (the report
/// translates it).
pub(crate) const WHY_NO_TAGS: &str = concat!(
    "no tags in this corpus: ",
    "a key term of this article, used by other articles too"
);

/// `tags.json`: every tag with its count, slug, spellings and articles;
/// near-duplicates, tags used once, pairs used together.
pub fn tags_report(docs: &[Doc], tags: &TagVocab) -> TagsReport {
    let tagged = tags.of_article.iter().filter(|t| !t.is_empty()).count();
    let mut articles: Vec<Vec<String>> = vec![Vec::new(); tags.slugs.len()];
    for (doc, ts) in docs.iter().zip(&tags.of_article) {
        for &t in ts {
            articles[t as usize].push(doc.id.clone());
        }
    }
    let mut entries: Vec<TagEntry> = (0..tags.slugs.len())
        .map(|t| {
            let mut ids = std::mem::take(&mut articles[t]);
            ids.sort_unstable();
            TagEntry {
                tag: tags.name(t as u32).to_string(),
                slug: tags.slugs[t].clone(),
                count: ids.len() as u32,
                forms: tags.forms[t].iter().map(|f| f.0.clone()).collect(),
                articles: ids,
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug))
    });
    // Near-duplicates: one slug written several ways, or slugs whose
    // words have the same stems (`performance` / `performances`).
    let mut near: Vec<NearDuplicate> = Vec::new();
    for e in &entries {
        if e.forms.len() > 1 {
            near.push(NearDuplicate {
                key: e.slug.clone(),
                reason: "same slug",
                tags: e.forms.clone(),
            });
        }
    }
    let stopwords = Stopwords::french();
    let mut by_stem: FxHashMap<String, Vec<&TagEntry>> = FxHashMap::default();
    for e in &entries {
        let mut key =
            tag_word_stems(&e.slug.replace('-', " "), &stopwords).join("-");
        // A one-character last word is no word of a name (an elided
        // `d'` or `l'` is never last), yet it tells tags apart:
        // `programming-c` is not `programming`, nor `php-5` `php`.
        if let Some((_, last)) = e.slug.rsplit_once('-')
            && last.len() == 1
            && !key.is_empty()
        {
            key.push('-');
            key.push_str(last);
        }
        if !key.is_empty() {
            by_stem.entry(key).or_default().push(e);
        }
    }
    let mut stem_groups: Vec<NearDuplicate> = by_stem
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(key, mut g)| {
            g.sort_by(|a, b| a.slug.cmp(&b.slug));
            NearDuplicate {
                key,
                reason: "same stem",
                tags: g.iter().map(|e| e.tag.clone()).collect(),
            }
        })
        .collect();
    stem_groups.sort_by(|a, b| a.key.cmp(&b.key));
    near.extend(stem_groups);
    let singletons = entries
        .iter()
        .filter(|e| e.count == 1)
        .map(|e| e.tag.clone())
        .collect();
    let mut pairs: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for ts in &tags.of_article {
        for (i, &a) in ts.iter().enumerate() {
            for &b in &ts[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut co: Vec<((u32, u32), u32)> =
        pairs.into_iter().filter(|&(_, n)| n >= 2).collect();
    co.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            let name = |p: (u32, u32)| {
                (&tags.slugs[p.0 as usize], &tags.slugs[p.1 as usize])
            };
            name(a.0).cmp(&name(b.0))
        })
    });
    TagsReport {
        articles: docs.len() as u32,
        tagged_articles: tagged as u32,
        untagged_articles: (docs.len() - tagged) as u32,
        distinct_tags: tags.slugs.len() as u32,
        suggestion_threshold: (!tags.is_empty())
            .then_some(SUGGESTION_THRESHOLD),
        tags: entries,
        near_duplicates: near,
        singletons,
        co_occurrence: co
            .into_iter()
            .map(|((a, b), count)| CoOccurrence {
                tags: [tags.name(a).to_string(), tags.name(b).to_string()],
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
