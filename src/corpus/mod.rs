//! The corpus pass: every article's counts → document frequencies, then
//! scores, series, related and similar articles. The only global step.
//!
//! Its statistics ([`CorpusStats`]: article count, total length, document
//! frequency per stem) are sums, so shards counted apart can be merged.
//! Every step is near-linear in the number of articles:
//! - key terms are BM25 weights (k1 = 1.2, b = 0.75) of the article's
//!   stems;
//! - similar articles come from an inverted index over each article's
//!   top terms, with posting lists capped, instead of comparing all
//!   pairs;
//! - series and related titles are grouped through hash maps.
//!
//! Ordering never depends on the order threads finished in: stems have
//! stable ids ([`crate::stem::Vocab::freeze`]), ties are broken by text.

use std::cmp::Ordering;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::Analysis;
use crate::meta::Meta;
use crate::output::{KeyPhrase, KeyTerm, Related, Series, round4};
use crate::questions::{FORM_NAMES, QuestionSentence, Questions};
use crate::series::{self, Member, SeriesPlace};
use crate::stem::FrozenVocab;
use crate::terms::{PhraseCount, TermCount};

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// Terms per article that take part in the similarity index.
const SIMILAR_TERMS: usize = 32;
/// Longest posting list kept in the similarity index (the entries where
/// the term weighs most): past this, a term is so common that it says
/// little about which articles are alike, and keeping every entry would
/// make the pass quadratic. Cost: at most articles × SIMILAR_TERMS ×
/// MAX_POSTINGS multiply-adds.
const MAX_POSTINGS: usize = 128;
/// Similar articles kept per article.
const SIMILAR_KEPT: usize = 5;
/// Similarity below this is not worth listing.
const MIN_SIMILARITY: f64 = 0.05;

/// One analysed article, as the corpus pass sees it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Its id.
    pub id: String,
    /// Its source path.
    pub source: String,
    /// Which article of its file it is, for files holding several.
    pub entry: Option<String>,
    /// Its metadata.
    pub meta: Meta,
    /// What the per-article pass found. Once the article is
    /// [`Doc::pack`]ed, `analysis.counts` keeps its word counts only: its
    /// terms and phrases live in `packed`.
    pub analysis: Analysis,
    /// Its term and phrase counts, packed.
    pub packed: Packed,
    /// Titles listed in its teaser block.
    pub related: Vec<String>,
    /// The keys of its boilerplate lines, each once (their text is kept
    /// once for the whole corpus, see `run`).
    pub boilerplate: Vec<u64>,
    /// Fingerprint of its text ([`crate::shard::text_hash`]).
    pub text_hash: u64,
}

impl Doc {
    /// Moves the term and phrase lists of `analysis.counts` into
    /// `packed`: about a third of their size in memory, which is what a
    /// corpus of a million articles holds between the passes.
    pub fn pack(&mut self) {
        let counts = &mut self.analysis.counts;
        self.packed = Packed::pack_all(
            &counts.terms,
            &counts.phrases,
            &self.analysis.questions.sentences,
        );
        counts.terms = Vec::new();
        counts.phrases = Vec::new();
        self.analysis.questions.sentences = Vec::new();
    }

    /// Its questions, with their sentences unpacked.
    pub fn questions(&self) -> Questions {
        let mut q = self.analysis.questions.clone();
        if q.sentences.is_empty() {
            q.sentences = self.packed.questions();
        }
        q
    }
}

/// An article's term counts and phrases, as bytes: LEB128 varints, stems
/// as zigzag deltas from the previous one (small once terms are sorted
/// by stem), phrase texts as UTF-8. Decoded on the fly by the corpus
/// pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    bytes: Box<[u8]>,
    terms: u32,
    /// Where the phrases start in `bytes`.
    phrases_at: u32,
    /// Where the question sentences start in `bytes` (0: none).
    questions_at: u32,
}

impl Packed {
    /// Packs terms (in any order) and phrases.
    pub fn pack(terms: &[TermCount], phrases: &[PhraseCount]) -> Packed {
        Packed::pack_all(terms, phrases, &[])
    }

    /// Packs terms (in any order), phrases and question sentences
    /// (kind, forms as bits of [`FORM_NAMES`], text). The bytes are
    /// encoded in a per-thread buffer and copied once at their exact
    /// size: growing and shrinking a vector per article left the heap
    /// so fragmented that `malloc` took a tenth of a 200 MB run.
    pub fn pack_all(
        terms: &[TermCount],
        phrases: &[PhraseCount],
        questions: &[QuestionSentence],
    ) -> Packed {
        PACK_BUFFER.with_borrow_mut(|out| {
            out.clear();
            let mut previous = 0u32;
            for t in terms {
                put(out, zigzag(previous, t.stem));
                put(out, u64::from(t.count));
                put(out, u64::from(t.surface));
                previous = t.stem;
            }
            let phrases_at = out.len() as u32;
            put(out, phrases.len() as u64);
            for p in phrases {
                put(out, p.stems.len() as u64);
                for &s in &p.stems {
                    put(out, u64::from(s));
                }
                put(out, u64::from(p.count));
                put(out, p.text.len() as u64);
                out.extend_from_slice(p.text.as_bytes());
            }
            let questions_at = if questions.is_empty() {
                0
            } else {
                out.len() as u32
            };
            if !questions.is_empty() {
                put(out, questions.len() as u64);
            }
            for q in questions {
                let mut bits = u64::from(q.kind == "indirect");
                for form in &q.forms {
                    let i = FORM_NAMES
                        .iter()
                        .position(|n| n == form)
                        .expect("a known form");
                    bits |= 2 << i;
                }
                put(out, bits);
                put(out, q.text.len() as u64);
                out.extend_from_slice(q.text.as_bytes());
            }
            Packed {
                bytes: Box::from(&out[..]),
                terms: terms.len() as u32,
                phrases_at,
                questions_at,
            }
        })
    }

    /// The question sentences.
    pub fn questions(&self) -> Vec<QuestionSentence> {
        if self.questions_at == 0 {
            return Vec::new();
        }
        let b = &self.bytes;
        let mut at = self.questions_at as usize;
        let n = take(b, &mut at) as usize;
        (0..n)
            .map(|_| {
                let bits = take(b, &mut at);
                let len = take(b, &mut at) as usize;
                let text = std::str::from_utf8(&b[at..at + len])
                    .expect("packed from a str")
                    .to_string();
                at += len;
                QuestionSentence {
                    text,
                    kind: if bits & 1 == 1 { "indirect" } else { "direct" },
                    forms: FORM_NAMES
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| bits & (2 << i) != 0)
                        .map(|(_, &n)| n)
                        .collect(),
                }
            })
            .collect()
    }

    /// How many terms.
    pub fn term_count(&self) -> usize {
        self.terms as usize
    }

    /// The terms, in the order packed.
    pub fn terms(&self) -> impl Iterator<Item = TermCount> + '_ {
        let mut at = 0;
        let mut previous = 0u32;
        (0..self.terms).map(move |_| {
            let stem = unzigzag(previous, take(&self.bytes, &mut at));
            let count = take(&self.bytes, &mut at) as u32;
            let surface = take(&self.bytes, &mut at) as u32;
            previous = stem;
            TermCount {
                stem,
                count,
                surface,
            }
        })
    }

    /// The phrases.
    pub fn phrases(&self) -> Vec<PhraseCount> {
        let b = &self.bytes;
        let mut at = self.phrases_at as usize;
        if self.bytes.is_empty() {
            return Vec::new();
        }
        let n = take(b, &mut at) as usize;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let len = take(b, &mut at) as usize;
            let stems = (0..len).map(|_| take(b, &mut at) as u32).collect();
            let count = take(b, &mut at) as u32;
            let text_len = take(b, &mut at) as usize;
            let text = std::str::from_utf8(&b[at..at + text_len])
                .expect("packed from a str")
                .to_string();
            at += text_len;
            out.push(PhraseCount { stems, text, count });
        }
        out
    }

    /// Each phrase, borrowed, with the sum of `weight` over its stems
    /// (summed in order, as `stems.iter().map(weight).sum()` would):
    /// (text, count, number of stems, sum). Allocates nothing.
    pub fn phrase_sums<'a>(
        &'a self,
        weight: impl Fn(u32) -> f64 + 'a,
    ) -> impl Iterator<Item = (&'a str, u32, usize, f64)> + 'a {
        let b = &self.bytes;
        let mut at = self.phrases_at as usize;
        let mut left = if b.is_empty() { 0 } else { take(b, &mut at) };
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let len = take(b, &mut at) as usize;
            let sum: f64 =
                (0..len).map(|_| weight(take(b, &mut at) as u32)).sum();
            let count = take(b, &mut at) as u32;
            let text_len = take(b, &mut at) as usize;
            let text = std::str::from_utf8(&b[at..at + text_len])
                .expect("packed from a str");
            at += text_len;
            Some((text, count, len, sum))
        })
    }

    /// The same counts with stems renumbered by `map`, terms sorted by
    /// their new stem; phrases and questions re-encoded as they stream,
    /// without allocating.
    pub fn renumbered(&self, map: impl Fn(u32) -> u32) -> Packed {
        TERM_BUFFER.with_borrow_mut(|terms| {
            terms.clear();
            terms.extend(self.terms().map(|t| TermCount {
                stem: map(t.stem),
                ..t
            }));
            terms.sort_unstable_by_key(|t| t.stem);
            PACK_BUFFER.with_borrow_mut(|out| {
                out.clear();
                let mut previous = 0u32;
                for t in terms.iter() {
                    put(out, zigzag(previous, t.stem));
                    put(out, u64::from(t.count));
                    put(out, u64::from(t.surface));
                    previous = t.stem;
                }
                let phrases_at = out.len() as u32;
                let b = &self.bytes;
                let mut at = self.phrases_at as usize;
                let n = if b.is_empty() { 0 } else { take(b, &mut at) };
                put(out, n);
                for _ in 0..n {
                    let len = take(b, &mut at);
                    put(out, len);
                    for _ in 0..len {
                        put(out, u64::from(map(take(b, &mut at) as u32)));
                    }
                    put(out, take(b, &mut at));
                    let text_len = take(b, &mut at);
                    put(out, text_len);
                    let end = at + text_len as usize;
                    out.extend_from_slice(&b[at..end]);
                    at = end;
                }
                let questions_at = if self.questions_at == 0 {
                    0
                } else {
                    let q = out.len() as u32;
                    out.extend_from_slice(&b[self.questions_at as usize..]);
                    q
                };
                Packed {
                    bytes: Box::from(&out[..]),
                    terms: self.terms,
                    phrases_at,
                    questions_at,
                }
            })
        })
    }
}

thread_local! {
    /// Where [`Packed`] encodes, reused from one article to the next.
    static PACK_BUFFER: std::cell::RefCell<Vec<u8>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// Terms being renumbered, reused likewise.
    static TERM_BUFFER: std::cell::RefCell<Vec<TermCount>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn zigzag(previous: u32, next: u32) -> u64 {
    let d = i64::from(next) - i64::from(previous);
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(previous: u32, z: u64) -> u32 {
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    (i64::from(previous) + d) as u32
}

/// Appends `n` as a LEB128 varint.
fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a LEB128 varint at `*at`.
fn take(bytes: &[u8], at: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// Mergeable corpus statistics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusStats {
    /// Articles counted.
    pub documents: u32,
    /// Sum of article lengths in content words.
    pub total_len: u64,
    /// Articles holding each stem, by stable stem id.
    pub df: Vec<u32>,
    /// Each stem's idf, computed once ([`CorpusStats::new`]): scoring
    /// asks for it several times per term of every article.
    idf: Vec<f64>,
}

impl CorpusStats {
    /// Statistics from their counts.
    pub fn new(documents: u32, total_len: u64, df: Vec<u32>) -> CorpusStats {
        let mut stats = CorpusStats {
            documents,
            total_len,
            df,
            idf: Vec::new(),
        };
        stats.idf = stats.df.iter().map(|&d| stats.idf_of(d)).collect();
        stats
    }

    /// Counts the documents. Their stem ids must be stable.
    pub fn build(docs: &[Doc], stems: usize) -> CorpusStats {
        let mut df = vec![0u32; stems];
        let mut total_len = 0;
        for doc in docs {
            total_len += u64::from(doc.analysis.counts.content_words);
            for t in doc.packed.terms() {
                df[t.stem as usize] += 1;
            }
        }
        CorpusStats::new(docs.len() as u32, total_len, df)
    }

    /// BM25's inverse document frequency, always positive.
    pub fn idf(&self, stem: u32) -> f64 {
        match self.idf.get(stem as usize) {
            Some(&idf) => idf,
            None => self.idf_of(0),
        }
    }

    fn idf_of(&self, df: u32) -> f64 {
        let n = f64::from(self.documents);
        let df = f64::from(df);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn avg_len(&self) -> f64 {
        if self.documents == 0 {
            return 1.0;
        }
        (self.total_len as f64 / f64::from(self.documents)).max(1.0)
    }

    /// BM25 weights in an article of `len` content words: of a stem seen
    /// `tf` times, `bm25(stem, tf)`. The length norm is computed once
    /// per article.
    pub fn bm25(&self, len: u32) -> impl Fn(u32, u32) -> f64 + '_ {
        let norm = 1.0 - B + B * f64::from(len) / self.avg_len();
        move |stem, tf| {
            let tf = f64::from(tf);
            self.idf(stem) * tf * (K1 + 1.0) / (tf + K1 * norm)
        }
    }
}

/// [`stabilize`] on the given thread pool.
pub fn stabilize_in(
    pool: &rayon::ThreadPool,
    docs: &mut [Doc],
    vocab: &FrozenVocab,
) {
    pool.install(|| stabilize(docs, vocab));
}

/// Renumbers the stems of every (packed) article with their stable ids,
/// and sorts each article's terms by stem.
pub fn stabilize(docs: &mut [Doc], vocab: &FrozenVocab) {
    docs.par_iter_mut().for_each(|doc| {
        doc.packed = doc.packed.renumbered(|s| vocab.stable(s));
    });
}

/// Keeps the items scored at or above the `k`-th best score (all of
/// them when there are `k` or fewer; none when `k` is 0), in no order:
/// every item a tie-break could rank among the best `k`, so that the
/// costlier tie-break key is read only for those.
fn keep_top_scores<T>(items: &mut Vec<(f64, T)>, k: usize) {
    if k == 0 {
        items.clear();
    } else if items.len() > k {
        items.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
        let last = items[k - 1].0;
        items.retain(|(score, _)| *score >= last);
    }
}

/// Orders scored items: score descending, then text ascending.
fn by_score_then_text(a: (f64, &str), b: (f64, &str)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// The `top` key terms of an article.
pub fn key_terms(
    doc: &Doc,
    stats: &CorpusStats,
    vocab: &FrozenVocab,
    top: usize,
) -> Vec<KeyTerm> {
    let len = doc.analysis.counts.content_words;
    let terms: Vec<TermCount> = doc.packed.terms().collect();
    let bm25 = stats.bm25(len);
    // Score every term; read the texts (a cache miss each on a large
    // vocabulary) only for the candidates at or above the top-th score,
    // which are all that ties between texts can involve.
    let mut scored: Vec<(f64, usize)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (round4(bm25(t.stem, t.count)), i))
        .collect();
    keep_top_scores(&mut scored, top);
    let mut ranked: Vec<(f64, &str, usize)> = scored
        .into_iter()
        .map(|(score, i)| (score, vocab.form(terms[i].surface), i))
        .collect();
    ranked.sort_by(|a, b| by_score_then_text((a.0, a.1), (b.0, b.1)));
    ranked.truncate(top);
    ranked
        .into_iter()
        .map(|(score, term, i)| {
            let t = &terms[i];
            KeyTerm {
                term: term.to_string(),
                stem: vocab.stem(t.stem).to_string(),
                count: t.count,
                score,
            }
        })
        .collect()
}

/// The `top` key phrases of an article: count and the mean idf of their
/// words, longer phrases favoured a little; a phrase found only inside a
/// longer chosen one is dropped.
pub fn key_phrases(
    doc: &Doc,
    stats: &CorpusStats,
    top: usize,
) -> Vec<KeyPhrase> {
    let mut scored: Vec<(f64, &str, u32)> = doc
        .packed
        .phrase_sums(|s| stats.idf(s))
        .map(|(text, count, len, idf_sum)| {
            let n = len.max(1) as f64;
            let idf = idf_sum / n;
            let score = f64::from(count).ln_1p() * idf * n.sqrt();
            (round4(score), text, count)
        })
        .collect();
    scored.sort_by(|a, b| by_score_then_text((a.0, a.1), (b.0, b.1)));
    let mut kept: Vec<KeyPhrase> = Vec::with_capacity(top);
    for (score, text, count) in scored {
        if kept.len() == top {
            break;
        }
        let inside_longer = kept
            .iter()
            .any(|k| k.count >= count && contains_words(&k.phrase, text));
        let holds_kept = kept
            .iter()
            .any(|k| count <= k.count && contains_words(text, &k.phrase));
        if !inside_longer && !holds_kept {
            kept.push(KeyPhrase {
                phrase: text.to_string(),
                count,
                score,
            });
        }
    }
    kept
}

/// Whether `needle` is a run of whole words of `hay`: some occurrence,
/// among those `str::match_indices` gives (left to right, without
/// overlap), has no letter or digit right before or after it. Phrases
/// are short: a byte search beats building a substring searcher.
fn contains_words(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = memchr::memchr(first, &h[from..]) {
        let i = from + at;
        if !h[i..].starts_with(n) {
            from = i + 1;
            continue;
        }
        // `first` starts a char of `needle`, so `i` and the end of the
        // match are char boundaries of `hay`.
        let before = hay[..i].chars().next_back();
        let after = hay[i + n.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
        {
            return true;
        }
        from = i + n.len();
    }
    false
}

/// Series found in the corpus, in key order, and each article's place
/// ([`series::group`] over the articles' titles and front matter).
pub fn find_series(docs: &[Doc]) -> (Vec<Series>, Vec<Option<SeriesPlace>>) {
    let members: Vec<Member<'_>> = docs
        .iter()
        .map(|d| Member {
            id: &d.id,
            title: d.meta.title.as_deref(),
            series: d.meta.series.as_deref(),
            series_part: d.meta.series_part,
            date: d.meta.date.as_deref(),
        })
        .collect();
    series::group(&members)
}

/// Each article's teaser titles, with the id of the corpus article of
/// that title (matched on normalised titles).
pub fn link_related(docs: &[Doc]) -> Vec<Vec<Related>> {
    // Title keys in parallel; the map takes the first article of each.
    let keys: Vec<Option<String>> = docs
        .par_iter()
        .map(|doc| doc.meta.title.as_deref().map(series::series_key))
        .collect();
    let mut by_title: FxHashMap<String, &str> = FxHashMap::default();
    for (doc, key) in docs.iter().zip(keys) {
        if let Some(key) = key {
            by_title.entry(key).or_insert(&doc.id);
        }
    }
    docs.par_iter()
        .map(|doc| {
            doc.related
                .iter()
                .map(|title| Related {
                    title: title.clone(),
                    id: by_title
                        .get(&series::series_key(title))
                        .filter(|&&id| id != doc.id)
                        .map(|id| id.to_string()),
                })
                .collect()
        })
        .collect()
}

/// The articles most similar to one article: (index into the corpus's
/// articles, score), best first. Ids are looked up when the article is
/// written, so that the corpus pass does not hold five id strings per
/// article.
pub type SimilarTo = Box<[(u32, f64)]>;

/// Up to [`SIMILAR_KEPT`] similar articles per article, by cosine
/// similarity of log-tf × idf vectors restricted to each article's top
/// terms.
pub fn similar(docs: &[Doc], stats: &CorpusStats) -> Vec<SimilarTo> {
    let all: Vec<usize> = (0..docs.len()).collect();
    similar_of(docs, stats, &all)
}

/// [`similar`] for the articles `which` only (indexes into `docs`, which
/// still all take part), in that order: a shard's articles among the
/// whole corpus.
pub fn similar_of(
    docs: &[Doc],
    stats: &CorpusStats,
    which: &[usize],
) -> Vec<SimilarTo> {
    let index = SimilarIndex::build(docs, stats);
    which.par_iter().map(|&a| index.of(docs, a)).collect()
}

/// What [`similar`] needs to answer for one article: each article's
/// kept vector and the posting lists. Built once (in parallel); then
/// [`SimilarIndex::of`] answers for any article, on any thread.
struct SimilarIndex {
    vectors: Vec<Box<[(u32, f64)]>>,
    postings: Postings,
}

impl SimilarIndex {
    /// The index of `docs`.
    fn build(docs: &[Doc], stats: &CorpusStats) -> SimilarIndex {
        // 1 + ln(count) for the small counts, which are nearly all.
        let log_tf: Vec<f64> =
            (0..256u32).map(|c| 1.0 + f64::from(c).ln()).collect();
        let tf = |count: u32| match log_tf.get(count as usize) {
            Some(&w) => w,
            None => 1.0 + f64::from(count).ln(),
        };
        // Each article's top weighted terms, normalised.
        let vectors: Vec<Box<[(u32, f64)]>> = docs
            .par_iter()
            .map(|doc| {
                let mut v: Vec<(u32, f64)> =
                    Vec::with_capacity(doc.packed.term_count());
                v.extend(
                    doc.packed
                        .terms()
                        .map(|t| (t.stem, tf(t.count) * stats.idf(t.stem))),
                );
                // Heaviest first, then by stem: a total order, so the
                // top SIMILAR_TERMS are selected, then sorted alone.
                let order = |a: &(u32, f64), b: &(u32, f64)| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                };
                if v.len() > SIMILAR_TERMS {
                    v.select_nth_unstable_by(SIMILAR_TERMS - 1, order);
                    v.truncate(SIMILAR_TERMS);
                }
                v.sort_by(order);
                // The cosine of the kept vectors: normalised over the
                // kept terms, so that two articles about the same thing
                // score near 1 whatever the length of their long tails.
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut v {
                        *w /= norm;
                    }
                }
                v.sort_by_key(|&(s, _)| s);
                v.into_boxed_slice()
            })
            .collect();
        let postings = Postings::build(&vectors, stats);
        SimilarIndex { vectors, postings }
    }

    /// The articles most similar to `docs[a]` (`docs` as given to
    /// [`SimilarIndex::build`]).
    fn of(&self, docs: &[Doc], a: usize) -> SimilarTo {
        ACCUMULATOR.with_borrow_mut(|(acc, touched)| {
            if acc.len() < docs.len() {
                acc.resize(docs.len(), 0.0);
            }
            // Each article met is noted once, when its score leaves
            // 0, without a branch: the slot is always written and
            // kept only then (whether an article is new is not
            // predictable).
            let most: usize = self.vectors[a]
                .iter()
                .map(|&(stem, _)| self.postings.list(stem).len())
                .sum();
            touched.resize(most, 0);
            let mut n = 0;
            for &(stem, wa) in self.vectors[a].iter() {
                for &(b, wb) in self.postings.list(stem) {
                    if b as usize == a {
                        continue;
                    }
                    let score = &mut acc[b as usize];
                    touched[n] = b;
                    n += usize::from(*score == 0.0);
                    *score += wa * wb;
                }
            }
            let mut found: Vec<(f64, u32)> = Vec::new();
            for &b in &touched[..n] {
                let raw = acc[b as usize];
                acc[b as usize] = 0.0;
                // Most articles met score far below the threshold, even
                // once rounded: no need to round them.
                if raw < MIN_SIMILARITY - 1e-4 {
                    continue;
                }
                let score = round4(raw);
                if score >= MIN_SIMILARITY {
                    found.push((score, b));
                }
            }
            // The best SIMILAR_KEPT by score, ties broken by id. Ids
            // are read only for the candidates at or above the
            // SIMILAR_KEPT-th score (each is a cache miss on a large
            // corpus).
            keep_top_scores(&mut found, SIMILAR_KEPT);
            let mut found: Vec<(f64, &str, u32)> = found
                .into_iter()
                .map(|(s, b)| (s, docs[b as usize].id.as_str(), b))
                .collect();
            found.sort_by(|x, y| by_score_then_text((x.0, x.1), (y.0, y.1)));
            found.truncate(SIMILAR_KEPT);
            found.iter().map(|&(score, _, b)| (b, score)).collect()
        })
    }
}

/// The similarity index: for each stem, the articles whose kept vector
/// holds it, as (article, weight), the [`MAX_POSTINGS`] heaviest at
/// most, in article order. One flat array of exact size instead of a
/// growing vector per stem (the weight is stored, not looked up: the
/// lookup is a cache miss per entry on a large corpus).
struct Postings {
    /// `entries[starts[s]..starts[s + 1]]` is stem `s`'s list.
    starts: Vec<u32>,
    entries: Vec<(u32, f64)>,
}

impl Postings {
    fn build(vectors: &[Box<[(u32, f64)]>], stats: &CorpusStats) -> Postings {
        // A term of one article links it to no other.
        let linked = |stem: u32| stats.df[stem as usize] > 1;
        let mut starts = vec![0u32; stats.df.len() + 1];
        for v in vectors {
            for &(stem, _) in v.iter() {
                if linked(stem) {
                    starts[stem as usize + 1] += 1;
                }
            }
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let mut entries =
            vec![(0u32, 0f64); starts[starts.len() - 1] as usize];
        let mut next = starts.clone();
        for (i, v) in vectors.iter().enumerate() {
            for &(stem, w) in v.iter() {
                if linked(stem) {
                    let at = &mut next[stem as usize];
                    entries[*at as usize] = (i as u32, w);
                    *at += 1;
                }
            }
        }
        // Cap each list at its heaviest entries, compacting in place.
        let mut write = 0usize;
        let mut kept_starts = vec![0u32; starts.len()];
        for s in 0..starts.len() - 1 {
            let (from, to) = (starts[s] as usize, starts[s + 1] as usize);
            let list = &mut entries[from..to];
            if list.len() > MAX_POSTINGS {
                list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                list[..MAX_POSTINGS].sort_by_key(|&(i, _)| i);
            }
            let n = list.len().min(MAX_POSTINGS);
            entries.copy_within(from..from + n, write);
            write += n;
            kept_starts[s + 1] = write as u32;
        }
        entries.truncate(write);
        entries.shrink_to_fit();
        Postings {
            starts: kept_starts,
            entries,
        }
    }

    fn list(&self, stem: u32) -> &[(u32, f64)] {
        let s = stem as usize;
        &self.entries[self.starts[s] as usize..self.starts[s + 1] as usize]
    }
}

thread_local! {
    /// One dense score accumulator per worker thread, reused for every
    /// article. (rayon's `map_init` would build one per split: thousands
    /// of corpus-sized arrays, and the allocator kept them all.)
    static ACCUMULATOR: std::cell::RefCell<(Vec<f64>, Vec<u32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_is_positive_and_decreasing() {
        let stats = CorpusStats::new(10, 1000, vec![1, 5, 10]);
        assert!(stats.idf(0) > stats.idf(1));
        assert!(stats.idf(1) > stats.idf(2));
        assert!(stats.idf(2) > 0.0);
    }

    #[test]
    fn packed_counts_round_trip() {
        let terms = [
            TermCount {
                stem: 70_000,
                count: 3,
                surface: 12,
            },
            TermCount {
                stem: 5,
                count: 1,
                surface: 900_000,
            },
            TermCount {
                stem: u32::MAX - 1,
                count: 300,
                surface: 0,
            },
        ];
        let phrases = [PhraseCount {
            stems: vec![5, 70_000].into(),
            text: "communauté de pratique".to_string(),
            count: 13,
        }];
        let packed = Packed::pack(&terms, &phrases);
        assert_eq!(packed.terms().collect::<Vec<_>>(), terms);
        assert_eq!(packed.phrases(), phrases);
        let sums: Vec<_> =
            packed.phrase_sums(|s| f64::from(s) / 4.0).collect();
        assert_eq!(sums, [("communauté de pratique", 13, 2, 17_501.25)]);
        assert_eq!(Packed::default().phrase_sums(f64::from).count(), 0);
        assert_eq!(packed.term_count(), 3);
        let renumbered = packed.renumbered(|s| s / 2);
        let stems: Vec<u32> = renumbered.terms().map(|t| t.stem).collect();
        assert_eq!(stems, [2, 35_000, (u32::MAX - 1) / 2]);
        assert_eq!(&*renumbered.phrases()[0].stems, &[2, 35_000]);
        assert_eq!(Packed::default().terms().count(), 0);
        assert!(Packed::default().phrases().is_empty());
        let questions = [
            QuestionSentence {
                text: "Pourquoi et comment ?".to_string(),
                kind: "direct",
                forms: vec!["pourquoi", "comment"],
            },
            QuestionSentence {
                text: "Je me demande si…".to_string(),
                kind: "indirect",
                forms: vec![],
            },
        ];
        let with_questions = Packed::pack_all(&terms, &phrases, &questions);
        assert_eq!(with_questions.questions(), questions);
        assert_eq!(with_questions.phrases(), phrases);
        assert_eq!(with_questions.renumbered(|s| s).questions(), questions);
        assert!(packed.questions().is_empty());
        let only = Packed::pack_all(&[], &[], &questions);
        assert_eq!(only.questions(), questions);
        assert!(only.phrases().is_empty() && only.terms().count() == 0);
    }

    #[test]
    fn whole_word_containment() {
        assert!(contains_words("communauté de pratique", "de pratique"));
        assert!(!contains_words("communautés de pratique", "communauté de"));
        // The first occurrence is inside a word; the second, which
        // overlaps it, is not looked at; the third is whole.
        assert!(!contains_words("xab ab", "ab ab"));
        assert!(contains_words("xab ab ab ab", "ab ab"));
        assert!(contains_words("été à été", "été"));
        assert!(!contains_words("étés", "été"));
    }

    /// The test oracle: the same rule on `str::match_indices`.
    fn contains_words_oracle(hay: &str, needle: &str) -> bool {
        hay.match_indices(needle).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
        })
    }

    #[test]
    fn whole_word_containment_matches_the_oracle() {
        let strings = ("[abé ]{0,14}", "[abé ]{1,6}");
        proptest::test_runner::TestRunner::new(
            proptest::test_runner::Config::with_cases(4000),
        )
        .run(&strings, |(hay, needle)| {
            assert_eq!(
                contains_words(&hay, &needle),
                contains_words_oracle(&hay, &needle),
                "{hay:?} {needle:?}"
            );
            Ok(())
        })
        .unwrap();
    }
}
