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
use crate::report::{
    KeyPhrase, KeyTerm, Related, Series, SeriesPart, SeriesRef, Similar,
    round4,
};
use crate::series::{self, TitleMarker};
use crate::stem::FrozenVocab;

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
    /// What the per-article pass found.
    pub analysis: Analysis,
    /// Titles listed in its teaser block.
    pub related: Vec<String>,
    /// Its boilerplate lines (key, text).
    pub boilerplate: Vec<(u64, String)>,
    /// Fingerprint of its text ([`crate::shard::text_hash`]).
    pub text_hash: u64,
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
}

impl CorpusStats {
    /// Counts the documents. Their stem ids must be stable.
    pub fn build(docs: &[Doc], stems: usize) -> CorpusStats {
        let mut df = vec![0u32; stems];
        let mut total_len = 0;
        for doc in docs {
            total_len += u64::from(doc.analysis.counts.content_words);
            for t in &doc.analysis.counts.terms {
                df[t.stem as usize] += 1;
            }
        }
        CorpusStats {
            documents: docs.len() as u32,
            total_len,
            df,
        }
    }

    /// BM25's inverse document frequency, always positive.
    pub fn idf(&self, stem: u32) -> f64 {
        let n = f64::from(self.documents);
        let df = f64::from(self.df.get(stem as usize).copied().unwrap_or(0));
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn avg_len(&self) -> f64 {
        if self.documents == 0 {
            return 1.0;
        }
        (self.total_len as f64 / f64::from(self.documents)).max(1.0)
    }

    /// BM25 weight of a stem seen `tf` times in an article of `len`
    /// content words.
    pub fn bm25(&self, stem: u32, tf: u32, len: u32) -> f64 {
        let tf = f64::from(tf);
        let norm = 1.0 - B + B * f64::from(len) / self.avg_len();
        self.idf(stem) * tf * (K1 + 1.0) / (tf + K1 * norm)
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

/// Renumbers the stems of every article with their stable ids, and sorts
/// each article's terms by stem.
pub fn stabilize(docs: &mut [Doc], vocab: &FrozenVocab) {
    docs.par_iter_mut().for_each(|doc| {
        let counts = &mut doc.analysis.counts;
        for t in &mut counts.terms {
            t.stem = vocab.stable(t.stem);
        }
        counts.terms.sort_unstable_by_key(|t| t.stem);
        for p in &mut counts.phrases {
            for s in p.stems.iter_mut() {
                *s = vocab.stable(*s);
            }
        }
    });
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
    let counts = &doc.analysis.counts;
    // Score every term, then build strings for the kept ones only.
    let mut scored: Vec<(f64, &str, usize)> = counts
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let score =
                round4(stats.bm25(t.stem, t.count, counts.content_words));
            (score, vocab.form(t.surface), i)
        })
        .collect();
    let by_rank = |a: &(f64, &str, usize), b: &(f64, &str, usize)| {
        by_score_then_text((a.0, a.1), (b.0, b.1))
    };
    if scored.len() > top {
        scored.select_nth_unstable_by(top, by_rank);
        scored.truncate(top);
    }
    scored.sort_by(by_rank);
    scored
        .into_iter()
        .map(|(score, term, i)| {
            let t = &counts.terms[i];
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
    let mut scored: Vec<KeyPhrase> = doc
        .analysis
        .counts
        .phrases
        .iter()
        .map(|p| {
            let n = p.stems.len().max(1) as f64;
            let idf: f64 =
                p.stems.iter().map(|&s| stats.idf(s)).sum::<f64>() / n;
            let score = f64::from(p.count).ln_1p() * idf * n.sqrt();
            KeyPhrase {
                phrase: p.text.clone(),
                count: p.count,
                score: round4(score),
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        by_score_then_text((a.score, &a.phrase), (b.score, &b.phrase))
    });
    let mut kept: Vec<KeyPhrase> = Vec::with_capacity(top);
    for p in scored {
        if kept.len() == top {
            break;
        }
        let inside_longer = kept.iter().any(|k| {
            k.count >= p.count && contains_words(&k.phrase, &p.phrase)
        });
        let holds_kept = kept.iter().any(|k| {
            p.count <= k.count && contains_words(&p.phrase, &k.phrase)
        });
        if !inside_longer && !holds_kept {
            kept.push(p);
        }
    }
    kept
}

/// Whether `needle` is a run of whole words of `hay`.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Series found in the corpus, in key order, and each article's place.
pub fn find_series(docs: &[Doc]) -> (Vec<Series>, Vec<Option<SeriesRef>>) {
    // (key, name, part or None) per article.
    let marks: Vec<Option<(String, String, Option<u32>)>> = docs
        .iter()
        .map(|d| {
            let marker: Option<TitleMarker> =
                d.meta.title.as_deref().and_then(series::parse_title);
            if let Some(name) = &d.meta.series {
                let part = d.meta.series_part.or(marker.map(|m| m.part));
                Some((series::series_key(name), name.clone(), part))
            } else {
                marker.map(|m| (m.key, m.name, Some(m.part)))
            }
        })
        .collect();
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, m) in marks.iter().enumerate() {
        if let Some((key, _, _)) = m
            && !key.is_empty()
        {
            groups.entry(key.as_str()).or_default().push(i);
        }
    }
    let mut keys: Vec<&str> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut all = Vec::with_capacity(keys.len());
    let mut refs: Vec<Option<SeriesRef>> = vec![None; docs.len()];
    for key in keys {
        let members = &groups[key];
        // Parts without a number follow the numbered ones, by date.
        let mut numbered: Vec<(u32, usize)> = Vec::new();
        let mut unnumbered: Vec<usize> = Vec::new();
        for &i in members {
            match marks[i].as_ref().and_then(|m| m.2) {
                Some(part) => numbered.push((part, i)),
                None => unnumbered.push(i),
            }
        }
        numbered.sort_by(|a, b| {
            a.0.cmp(&b.0).then(docs[a.1].id.cmp(&docs[b.1].id))
        });
        unnumbered.sort_by(|&a, &b| {
            docs[a]
                .meta
                .date
                .cmp(&docs[b].meta.date)
                .then(docs[a].id.cmp(&docs[b].id))
        });
        let first_free = numbered.last().map_or(1, |p| p.0 + 1);
        numbered.extend((first_free..).zip(unnumbered));
        let highest = numbered.last().map_or(0, |p| p.0);
        let missing: Vec<u32> = (1..highest)
            .filter(|n| !numbered.iter().any(|p| p.0 == *n))
            .collect();
        let name = marks[numbered[0].1]
            .as_ref()
            .map(|m| m.1.clone())
            .unwrap_or_default();
        let ids: Vec<String> =
            numbered.iter().map(|&(_, i)| docs[i].id.clone()).collect();
        for (pos, &(part, i)) in numbered.iter().enumerate() {
            refs[i] = Some(SeriesRef {
                key: key.to_string(),
                name: name.clone(),
                part,
                parts: ids.clone(),
                prev: pos.checked_sub(1).map(|p| ids[p].clone()),
                next: ids.get(pos + 1).cloned(),
                missing: missing.clone(),
                announces_next: docs[i].analysis.announces_next,
            });
        }
        all.push(Series {
            key: key.to_string(),
            name,
            parts: numbered
                .iter()
                .map(|&(part, i)| SeriesPart {
                    part,
                    id: docs[i].id.clone(),
                    title: docs[i].meta.title.clone(),
                })
                .collect(),
            missing,
        });
    }
    (all, refs)
}

/// Each article's teaser titles, with the id of the corpus article of
/// that title (matched on normalised titles).
pub fn link_related(docs: &[Doc]) -> Vec<Vec<Related>> {
    let mut by_title: FxHashMap<String, &str> = FxHashMap::default();
    for doc in docs {
        if let Some(title) = &doc.meta.title {
            by_title.entry(series::series_key(title)).or_insert(&doc.id);
        }
    }
    docs.iter()
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

/// Up to [`SIMILAR_KEPT`] similar articles per article, by cosine
/// similarity of log-tf × idf vectors restricted to each article's top
/// terms.
pub fn similar(docs: &[Doc], stats: &CorpusStats) -> Vec<Vec<Similar>> {
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
) -> Vec<Vec<Similar>> {
    // Each article's top weighted terms, normalised.
    let vectors: Vec<Vec<(u32, f64)>> = docs
        .par_iter()
        .map(|doc| {
            let mut v: Vec<(u32, f64)> = doc
                .analysis
                .counts
                .terms
                .iter()
                .map(|t| {
                    (
                        t.stem,
                        (1.0 + f64::from(t.count).ln()) * stats.idf(t.stem),
                    )
                })
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(SIMILAR_TERMS);
            v.shrink_to_fit();
            // The cosine of the kept vectors: normalised over the kept
            // terms, so that two articles about the same thing score near
            // 1 whatever the length of their long tails.
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            v.sort_by_key(|&(s, _)| s);
            v
        })
        .collect();
    let mut postings: FxHashMap<u32, Vec<(u32, f64)>> = FxHashMap::default();
    for (i, v) in vectors.iter().enumerate() {
        for &(stem, w) in v {
            // A term of one article links it to no other.
            if stats.df[stem as usize] > 1 {
                postings.entry(stem).or_default().push((i as u32, w));
            }
        }
    }
    for list in postings.values_mut() {
        if list.len() > MAX_POSTINGS {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(MAX_POSTINGS);
            list.sort_by_key(|&(i, _)| i);
        }
    }
    which
        .par_iter()
        .map(|&a| {
            ACCUMULATOR.with_borrow_mut(|(acc, touched)| {
                if acc.len() < docs.len() {
                    acc.resize(docs.len(), 0.0);
                }
                for &(stem, wa) in &vectors[a] {
                    let Some(list) = postings.get(&stem) else {
                        continue;
                    };
                    for &(b, wb) in list {
                        if b as usize == a {
                            continue;
                        }
                        if acc[b as usize] == 0.0 {
                            touched.push(b);
                        }
                        acc[b as usize] += wa * wb;
                    }
                }
                // Rank (article, score) pairs first; ids are cloned for
                // the kept few only.
                let mut found: Vec<(f64, &str, u32)> = touched
                    .iter()
                    .map(|&b| (round4(acc[b as usize]), b))
                    .filter(|&(s, _)| s >= MIN_SIMILARITY)
                    .map(|(s, b)| (s, docs[b as usize].id.as_str(), b))
                    .collect();
                for &b in touched.iter() {
                    acc[b as usize] = 0.0;
                }
                touched.clear();
                let rank = |x: &(f64, &str, u32), y: &(f64, &str, u32)| {
                    by_score_then_text((x.0, x.1), (y.0, y.1))
                };
                if found.len() > SIMILAR_KEPT {
                    found.select_nth_unstable_by(SIMILAR_KEPT, rank);
                    found.truncate(SIMILAR_KEPT);
                }
                found.sort_by(rank);
                // Not `into_iter().map().collect()`: that would reuse
                // `found`'s buffer, sized for every candidate, and keep
                // it alive with the result (hundreds of MB on a large
                // corpus).
                let mut kept = Vec::with_capacity(found.len());
                kept.extend(found.into_iter().map(|(score, id, _)| Similar {
                    id: id.to_string(),
                    score,
                }));
                kept
            })
        })
        .collect()
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
        let stats = CorpusStats {
            documents: 10,
            total_len: 1000,
            df: vec![1, 5, 10],
        };
        assert!(stats.idf(0) > stats.idf(1));
        assert!(stats.idf(1) > stats.idf(2));
        assert!(stats.idf(2) > 0.0);
    }

    #[test]
    fn whole_word_containment() {
        assert!(contains_words("communauté de pratique", "de pratique"));
        assert!(!contains_words("communautés de pratique", "communauté de"));
    }
}
