//! The corpus pass: every article's counts → document frequencies, then
//! scores, series, related and similar articles. The only global step.
//!
//! Its statistics ([`CorpusStats`]: article count, total length, document
//! frequency per stem) are sums, so shards counted apart can be merged.
//! Every step is near-linear in the number of articles:
//! - key terms weigh each stem by sublinear tf × smoothed idf × where
//!   it stands (title, headings, lead, description), see [`key_terms`];
//! - similar articles come from an inverted index over each article's
//!   top terms, with posting lists capped, instead of comparing all
//!   pairs;
//! - series and related titles are grouped through hash maps.
//!
//! Ordering never depends on the order threads finished in: stems have
//! stable ids ([`crate::stem::Vocab::freeze`]), ties are broken by first
//! occurrence (key terms) or by text.

mod chunk;
mod packed;
mod postings;
mod score;
mod similar;
#[cfg(test)]
mod tests;
mod varint;
mod vectors;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analysis::{Analysis, Figures};
use crate::meta::Meta;
use crate::output::{Related, Series};
use crate::questions::{QuestionSentence, Questions};
use crate::series::{self, Member, SeriesPlace};
use crate::stem::FrozenVocab;
use crate::terms::{PhraseCount, TermCount};

pub(crate) use self::packed::sort_by_stem;
pub use self::packed::{Packed, Terms};
pub(crate) use self::postings::Postings;
pub use self::score::{key_phrases, key_terms, key_terms_decoded};
pub use self::similar::{
    SIMILAR_TERMS, SimilarSeed, SimilarTo, counted_vector_of, key_term,
    rank_key, similar, similar_of, similar_seeded, vector_bounds,
    vector_from_seed, vector_of,
};
pub(crate) use self::vectors::LogTf;
pub(crate) use self::vectors::encode_terms;
#[cfg(test)]
pub(crate) use self::vectors::log_tf;
pub use self::vectors::{Pairs, TermVectors};

/// One analysed article, as the corpus pass sees it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Its id.
    pub id: String,
    /// Its source path (its file's, shared).
    pub source: std::sync::Arc<str>,
    /// Which article of its file it is, for files holding several.
    pub entry: Option<Box<str>>,
    /// Its metadata.
    pub meta: Meta,
    /// What the per-article pass found, but its terms, phrases and
    /// question sentences: they live in `packed` ([`Doc::pack`]).
    pub analysis: Figures,
    /// Its term and phrase counts, packed.
    pub packed: Packed,
    /// Titles listed in its teaser block.
    pub related: Box<[String]>,
    /// The keys of its boilerplate lines, each once (their text is kept
    /// once for the whole corpus, see `run`, which empties them once
    /// they are counted).
    pub boilerplate: Box<[u64]>,
    /// Fingerprint of its text ([`crate::shard::text_hash`]).
    pub text_hash: u64,
}

impl Doc {
    /// Packs the term and phrase counts and the question sentences of
    /// `analysis` into `packed` (about a third of their size in memory,
    /// which is what a corpus of a million articles holds between the
    /// passes) and keeps the rest as `analysis`.
    pub fn pack(&mut self, analysis: Analysis) {
        self.pack_with(analysis, Packed::pack_all);
    }

    /// [`Doc::pack`], `pack` packing the terms, the phrases and the
    /// question sentences.
    pub fn pack_with(
        &mut self,
        analysis: Analysis,
        pack: impl FnOnce(
            &[TermCount],
            &[PhraseCount],
            &[QuestionSentence],
        ) -> Packed,
    ) {
        let Analysis {
            counts,
            sentences,
            chars,
            mut questions,
            announces_next,
        } = analysis;
        self.packed =
            pack(&counts.terms, &counts.phrases, &questions.sentences);
        questions.sentences = Vec::new();
        self.analysis = Figures {
            words: counts.words,
            content_words: counts.content_words,
            sentences,
            chars,
            questions,
            announces_next,
        };
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
    /// Each stem's [`CorpusStats::key_idf`], computed once: key terms
    /// ask for it once per term of every article.
    key_idf: Vec<f64>,
}

impl CorpusStats {
    /// Statistics from their counts.
    pub fn new(documents: u32, total_len: u64, df: Vec<u32>) -> CorpusStats {
        let mut stats = CorpusStats {
            documents,
            total_len,
            df,
            idf: Vec::new(),
            key_idf: Vec::new(),
        };
        stats.idf = stats.df.iter().map(|&d| stats.idf_of(d)).collect();
        stats.key_idf =
            stats.df.iter().map(|&d| stats.key_idf_of(d)).collect();
        stats
    }

    /// Counts the documents. Their stem ids must be stable.
    pub fn build(docs: &[Doc], stems: usize) -> CorpusStats {
        let mut df = vec![0u32; stems];
        let mut total_len = 0;
        for doc in docs {
            total_len += u64::from(doc.analysis.content_words);
            doc.packed.terms().for_each(|t| df[t.stem as usize] += 1);
        }
        CorpusStats::new(docs.len() as u32, total_len, df)
    }

    /// [`CorpusStats::build`], one run of articles per thread of the
    /// current pool.
    pub fn build_parallel(docs: &[Doc], stems: usize) -> CorpusStats {
        CorpusStats::build_in_runs(docs, stems, rayon::current_num_threads())
    }

    /// [`CorpusStats::build`] over `runs` runs of articles counted in
    /// parallel: every term of the corpus is decoded here, and one
    /// thread doing it all was a serial stretch of the corpus pass. The
    /// runs' counts are summed, so the result does not depend on `runs`.
    pub fn build_in_runs(
        docs: &[Doc],
        stems: usize,
        runs: usize,
    ) -> CorpusStats {
        let per = docs.len().div_ceil(runs.max(1)).max(1);
        let mut parts = docs
            .par_chunks(per)
            .map(|run| {
                let mut df = vec![0u32; stems];
                let mut total_len = 0;
                for doc in run {
                    total_len += u64::from(doc.analysis.content_words);
                    doc.packed.terms().for_each(|t| df[t.stem as usize] += 1);
                }
                (total_len, df)
            })
            .collect::<Vec<_>>()
            .into_iter();
        let (mut total_len, mut df) =
            parts.next().unwrap_or_else(|| (0, vec![0; stems]));
        for (len, later_df) in parts {
            total_len += len;
            for (d, later) in df.iter_mut().zip(later_df) {
                *d += later;
            }
        }
        CorpusStats::new(docs.len() as u32, total_len, df)
    }

    /// BM25's inverse document frequency, always positive: the weight
    /// of a term in similarity vectors and key phrases.
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

    /// The smoothed idf of key terms: ln((N + 1) / (df + 1)) + 1. Unlike
    /// BM25's, it stays well above 0 for a word most articles use, so
    /// that an article about « économie » in a folder where half the
    /// posts say the word still ranks it by how often it says it (#14).
    pub fn key_idf(&self, stem: u32) -> f64 {
        match self.key_idf.get(stem as usize) {
            Some(&idf) => idf,
            None => self.key_idf_of(0),
        }
    }

    fn key_idf_of(&self, df: u32) -> f64 {
        let n = f64::from(self.documents);
        let df = f64::from(df);
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
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
/// and sorts each article's terms by stem; the bytes of each window of
/// articles then share one allocation ([`Packed::share`]), as they are
/// held to the last article written.
pub fn stabilize(docs: &mut [Doc], vocab: &FrozenVocab) {
    docs.par_chunks_mut(chunk::ARTICLES).for_each(|window| {
        for doc in window.iter_mut() {
            doc.packed = doc.packed.renumbered(|s| vocab.stable(s));
        }
        let mut packs: Vec<&mut Packed> =
            window.iter_mut().map(|d| &mut d.packed).collect();
        Packed::share(&mut packs);
    });
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

/// In [`link_related`]'s lists: no other corpus article has the title.
pub const NO_LINK: u32 = u32::MAX;

/// Each article's teaser titles ([`Doc::related`], in order), each with
/// the index in `docs` of the corpus article of that title (matched on
/// normalised titles: the first article of the title, unless that is the
/// article itself), or [`NO_LINK`]. Indexes, not the ids and titles
/// themselves: the lists are held from the corpus pass to the last
/// article written ([`related_of`] makes an article's links then).
pub fn link_related(docs: &[Doc]) -> Vec<Box<[u32]>> {
    // Title keys in parallel; the map takes the first article of each.
    let keys: Vec<Option<String>> = docs
        .par_iter()
        .map(|doc| doc.meta.title.as_deref().map(series::series_key))
        .collect();
    let mut by_title: FxHashMap<String, u32> = FxHashMap::default();
    for (i, key) in keys.into_iter().enumerate() {
        if let Some(key) = key {
            by_title.entry(key).or_insert(i as u32);
        }
    }
    docs.par_iter()
        .map(|doc| {
            doc.related
                .iter()
                .map(|title| {
                    by_title
                        .get(&series::series_key(title))
                        .copied()
                        .filter(|&j| docs[j as usize].id != doc.id)
                        .unwrap_or(NO_LINK)
                })
                .collect()
        })
        .collect()
}

/// The links of an article whose teaser titles are `titles` and
/// [`link_related`]'s list `links`, with `id_of` the id of a linked
/// article.
pub fn related_of<'a>(
    titles: &[String],
    links: &[u32],
    id_of: impl Fn(u32) -> &'a str,
) -> Vec<Related> {
    titles
        .iter()
        .zip(links)
        .map(|(title, &j)| Related {
            title: title.clone(),
            id: (j != NO_LINK).then(|| id_of(j).to_string()),
        })
        .collect()
}
