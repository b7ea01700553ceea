//! The corpus pass of a run, and what it makes of each article: ids,
//! document frequencies, series, related and similar articles (over the
//! run's own articles, or over the whole corpus of a stats file), then
//! each article's JSON ([`Scored::article`]) and `corpus.json`'s figures.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::pass::LineTexts;
use super::read::Front;
use crate::corpus::{self, CorpusStats, Doc};
use crate::error::{Error, ErrorKind};
use crate::id::{self, UniqueIds};
use crate::normalize::Stopwords;
use crate::output::{self, Article, Links, Stats};
use crate::series;
use crate::shard;
use crate::stem::FrozenVocab;
use crate::tags::{self, Tagging};
use crate::terms::{TermCount, zone};

/// Words read per minute, for `reading_minutes`.
const WORDS_PER_MINUTE: f64 = 230.0;

/// The corpus pass's results, for the articles being written.
pub(super) struct Scored {
    /// Statistics in this run's stem ids (the whole corpus's figures).
    pub(super) stats: CorpusStats,
    pub(super) series: Vec<output::Series>,
    /// Each article's place in `series`.
    series_refs: Vec<Option<series::SeriesPlace>>,
    /// Each article's [`corpus::link_related`] list, indexing what
    /// `similar` indexes.
    related: Vec<Box<[u32]>>,
    similar: Vec<corpus::SimilarTo>,
    /// Ids of the whole corpus's articles, when scored against a stats
    /// file (`similar` indexes them); else `similar` indexes the run's
    /// own articles.
    whole_ids: Option<Vec<String>>,
    /// Articles of the whole corpus, when scored against a stats file.
    pub(super) corpus_documents: Option<u32>,
    /// The corpus's tags and every article's suggestions
    /// ([`Scored::tag_alone`], or the whole corpus's against a stats
    /// file).
    pub(super) tagging: Tagging,
    /// `tags.json`.
    pub(super) tags_report: Option<output::TagsReport>,
    /// Each article's index in `tagging` when it is the whole corpus's.
    tag_place: Option<Vec<usize>>,
}

impl Scored {
    /// The JSON of the `i`th article of `docs`, with its `top` key terms
    /// and phrases; `packed`: its whole packed counts (see `aside.rs`),
    /// whose terms come back decoded.
    pub(super) fn article(
        &self,
        docs: &[Doc],
        i: usize,
        packed: &corpus::Packed,
        vocab: &FrozenVocab,
        top: usize,
    ) -> (Article, Vec<TermCount>) {
        let tagging = &self.tagging;
        let tag_index = self.tag_place.as_ref().map_or(i, |p| p[i]);
        let doc = &docs[i];
        // The id of an article `similar` and `related` index.
        let id_of = |b: u32| match &self.whole_ids {
            Some(ids) => ids[b as usize].as_str(),
            None => docs[b as usize].id.as_str(),
        };
        let (key_terms, terms) =
            corpus::key_terms_decoded(packed, &self.stats, vocab, top);
        let key_phrases = corpus::key_phrases(packed, &self.stats, top);
        let mut questions = doc.analysis.questions.clone();
        if questions.sentences.is_empty() {
            questions.sentences = packed.questions();
        }
        let suggested_tags = if !tagging.vocab.tagged_besides(tag_index) {
            self.suggest_from_keys(doc, &key_terms, vocab)
        } else {
            tags::suggested_tags(
                &tagging.suggestions[tag_index],
                &tagging.vocab,
            )
        };
        let article = Article {
            id: doc.id.clone(),
            source: doc.source.to_string(),
            title: doc.meta.title.clone(),
            author: doc.meta.author.clone(),
            date: doc.meta.date.clone(),
            tags: doc.meta.tags.clone(),
            tag_slugs: doc
                .meta
                .tags
                .iter()
                .map(|t| tags::tag_slug(t))
                .collect(),
            suggested_tags,
            stats: stats_of(doc),
            key_terms,
            key_phrases,
            questions,
            series: self.series_refs[i].map(|place| {
                series::series_ref(
                    &self.series,
                    place,
                    doc.analysis.announces_next,
                )
            }),
            links: Links {
                related: corpus::related_of(
                    &doc.related,
                    &self.related[i],
                    id_of,
                ),
                similar: self.similar[i]
                    .iter()
                    .map(|&(b, score)| output::Similar {
                        id: id_of(b).to_string(),
                        score,
                    })
                    .collect(),
            },
        };
        (article, terms)
    }
}

impl Scored {
    /// The suggestions of an article when no other article has tags:
    /// its key terms that other articles use too
    /// ([`tags::suggested_from_keys`]).
    pub(super) fn suggest_from_keys(
        &self,
        doc: &Doc,
        key_terms: &[output::KeyTerm],
        vocab: &FrozenVocab,
    ) -> Vec<output::SuggestedTag> {
        let shared: FxHashSet<&str> = doc
            .packed
            .terms()
            .filter(|t| {
                self.stats.df.get(t.stem as usize).is_some_and(|&d| d >= 2)
            })
            .map(|t| vocab.stem(t.stem))
            .collect();
        tags::suggested_from_keys(key_terms, |k| {
            shared.contains(k.stem.as_str())
        })
    }

    /// Learns the tags of the run's own articles and suggests tags for
    /// each ([`tags::tag_corpus`]); `hidden` articles count as untagged.
    pub(super) fn tag_alone(
        &mut self,
        pool: &rayon::ThreadPool,
        docs: &[Doc],
        vocab: &FrozenVocab,
        stopwords: &Stopwords,
        hidden: impl Fn(usize) -> bool + Send + Sync,
    ) {
        let (tagging, report, _) = pool
            .install(|| tag_all(docs, &self.stats, vocab, stopwords, hidden));
        self.tagging = tagging;
        self.tags_report = Some(report);
    }

    /// The similar articles of the `i`th article, as (index, score):
    /// indexes into the run's articles (not a stats file's).
    pub(super) fn similar_of(&self, i: usize) -> &[(u32, f64)] {
        &self.similar[i]
    }
}

/// Content stems of the articles, each once.
pub(super) fn distinct_stems(docs: &[Doc]) -> u32 {
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for d in docs {
        seen.extend(d.packed.terms().map(|t| t.stem));
    }
    seen.len() as u32
}

/// The corpus pass over the run's own articles; with `tag_with`, the
/// articles are also tagged ([`Scored::tag_alone`], none hidden) while
/// series, related and similar articles are found, so that the serial
/// parts of each fill the other's idle thread.
pub(super) fn score_alone(
    pool: &rayon::ThreadPool,
    docs: &mut [Doc],
    vocab: &FrozenVocab,
    tag_with: Option<&Stopwords>,
) -> Scored {
    let (ids, stats) = pool.install(|| {
        rayon::join(
            || unique_ids(docs),
            || CorpusStats::build_parallel(docs, vocab.stem_count()),
        )
    });
    for (doc, id) in docs.iter_mut().zip(ids) {
        doc.id = id;
    }
    let docs = &*docs;
    pool.install(|| {
        // Series and related links are mostly one thread's work, and so
        // is fitting tagging's model: they fill each other's idle thread.
        // Similar articles come after tagging, not beside it: the two
        // indexes side by side were the run's peak of memory on a large
        // corpus, and similar's own loop keeps both threads busy.
        let (tagged, ((series, series_refs), related)) = rayon::join(
            || {
                tag_with.map(|stopwords| {
                    tag_all(docs, &stats, vocab, stopwords, |_| false)
                })
            },
            || {
                rayon::join(
                    || corpus::find_series(docs),
                    || corpus::link_related(docs),
                )
            },
        );
        let (tagged, seed) = match tagged {
            Some((tagging, report, seed)) => (Some((tagging, report)), seed),
            None => (None, None),
        };
        // Tagging's pass over the articles' terms found similar's vectors
        // too, when the corpus has tags.
        let similar = match seed {
            Some(seed) => corpus::similar_seeded(docs, &stats, seed),
            None => corpus::similar(docs, &stats),
        };
        let (tagging, tags_report) = tagged.unzip();
        Scored {
            stats,
            series,
            series_refs,
            related,
            similar,
            whole_ids: None,
            corpus_documents: None,
            tagging: tagging.unwrap_or_default(),
            tags_report,
            tag_place: None,
        }
    })
}

/// The corpus's tags and every article's suggestions
/// ([`tags::tag_corpus_seeding`]), with `tags.json`'s report and the
/// seed of similar's vectors; `hidden` articles count as untagged. Runs
/// on the current rayon pool.
fn tag_all(
    docs: &[Doc],
    stats: &CorpusStats,
    vocab: &FrozenVocab,
    stopwords: &Stopwords,
    hidden: impl Fn(usize) -> bool + Send + Sync,
) -> (Tagging, output::TagsReport, Option<corpus::SimilarSeed>) {
    let stems: Vec<&str> = (0..vocab.stem_count() as u32)
        .map(|s| vocab.stem(s))
        .collect();
    // `tags.json`'s report needs the tags only: it is made beside the
    // suggestions.
    let (tagging, seed, report) = tags::tag_corpus_seeding(
        docs,
        stats,
        &stems,
        stopwords,
        hidden,
        |vocab| tags::tags_report(docs, vocab),
    );
    (tagging, report, seed)
}

/// The corpus pass against a stats file: the run's articles are found
/// in it (an article missing from it, or changed since, becomes an
/// error and is not written), then ids, series, related and similar
/// articles are computed over the whole corpus, exactly as a single run
/// over every shard computes them.
pub(super) fn score_against(
    front: &Front<'_>,
    whole: &shard::Whole,
    boilerplate: &FxHashSet<u64>,
    docs: &mut Vec<Doc>,
    doc_files: &[usize],
    vocab: &FrozenVocab,
    errors: &mut Vec<Error>,
) -> Scored {
    let pool = &front.pool;
    let file_of = |i: usize| &front.walk.files[doc_files[i]];
    let mut index: FxHashMap<(&str, Option<&str>), usize> =
        FxHashMap::default();
    for (g, a) in whole.articles.iter().enumerate() {
        index.insert((a.id.path.as_str(), a.id.entry.as_deref()), g);
    }
    // Each own article's place in the whole corpus.
    let mut place = Vec::with_capacity(docs.len());
    let mut keep = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let file = file_of(i);
        let key = shard::path_key(&file.path);
        let problem = match index.get(&(key.as_str(), doc.entry.as_deref())) {
            None => Some(ErrorKind::NotInStats),
            Some(&g) if whole.articles[g].text != doc.text_hash => {
                Some(ErrorKind::ChangedSinceStats)
            }
            Some(&g) => {
                place.push(g);
                None
            }
        };
        keep.push(problem.is_none());
        if let Some(kind) = problem {
            let err = Error {
                path: file.path.clone(),
                source: file.source.to_string(),
                kind,
            };
            front.progress.message(&err.to_string());
            // One error per file, however many articles it holds.
            if !errors.iter().any(|e| e.path == err.path) {
                errors.push(err);
            }
        }
    }
    let mut k = keep.iter();
    docs.retain(|_| *k.next().expect("one flag per article"));

    // The whole corpus as the corpus pass sees it.
    let mut global: Vec<Doc> = pool.install(|| {
        (0..whole.articles.len())
            .into_par_iter()
            .map(|g| {
                let a = &whole.articles[g].id;
                let (terms, content_words) =
                    whole.effective_terms(g, boilerplate);
                let mut doc = Doc {
                    source: a.source.as_str().into(),
                    entry: a.entry.as_deref().map(Into::into),
                    ..Doc::default()
                };
                doc.meta.title = a.title.clone();
                doc.meta.slug = a.slug.clone();
                doc.meta.series = a.series.clone();
                doc.meta.series_part = a.series_part;
                doc.meta.date = a.date.clone();
                doc.meta.tags = a.tags.clone();
                doc.analysis.content_words = content_words;
                let title: Vec<u32> = a
                    .title_stems
                    .iter()
                    .filter_map(|s| whole.stem_id(s))
                    .collect();
                let terms: Vec<TermCount> = terms
                    .into_iter()
                    .map(|(stem, count)| TermCount {
                        stem,
                        count,
                        surface: 0,
                        // What `billet analyze` marks and tagging reads.
                        zones: if title.contains(&stem) {
                            zone::TITLE
                        } else {
                            0
                        },
                        ..TermCount::default()
                    })
                    .collect();
                doc.packed = corpus::Packed::pack(&terms, &[]);
                doc
            })
            .collect()
    });
    for (doc, &g) in docs.iter().zip(&place) {
        global[g].related = doc.related.clone();
        global[g].analysis.announces_next = doc.analysis.announces_next;
    }
    pool.install(|| assign_ids(&mut global));
    for (doc, &g) in docs.iter_mut().zip(&place) {
        doc.id = global[g].id.clone();
    }
    let whole_stats = CorpusStats::build(&global, whole.stems.len());
    // Tags are learned from the whole corpus, as a single run would.
    let tagging = {
        let stems: Vec<&str> = whole.stems.iter().map(|s| &**s).collect();
        pool.install(|| {
            tags::tag_corpus(
                &global,
                &whole_stats,
                &stems,
                &front.ctx.stopwords,
                |_| false,
            )
        })
    };
    let tags_report = tags::tags_report(&global, &tagging.vocab);
    let global = &global;
    let (series, refs, related, similar) = pool.install(|| {
        let (((series, refs), related), similar) = rayon::join(
            || {
                rayon::join(
                    || corpus::find_series(global),
                    || corpus::link_related(global),
                )
            },
            || corpus::similar_of(global, &whole_stats, &place),
        );
        (series, refs, related, similar)
    });
    // The whole corpus's document frequencies, in this run's stem ids.
    let stats = CorpusStats::new(
        whole_stats.documents,
        whole_stats.total_len,
        (0..vocab.stem_count() as u32)
            .map(|s| {
                whole
                    .stem_id(vocab.stem(s))
                    .map_or(0, |g| whole_stats.df[g as usize])
            })
            .collect(),
    );
    Scored {
        stats,
        series,
        series_refs: place.iter().map(|&g| refs[g]).collect(),
        related: place.iter().map(|&g| related[g].clone()).collect(),
        similar,
        whole_ids: Some(global.iter().map(|d| d.id.clone()).collect()),
        corpus_documents: Some(whole_stats.documents),
        tagging,
        tags_report: Some(tags_report),
        tag_place: Some(place),
    }
}

/// Gives every article its id: front-matter slug or source path without
/// extension, sanitised, made unique with `-2`, `-3`… in input order.
fn assign_ids(docs: &mut [Doc]) {
    let ids = unique_ids(docs);
    for (doc, id) in docs.iter_mut().zip(ids) {
        doc.id = id;
    }
}

/// The ids [`assign_ids`] gives `docs`, in order: each article's base id
/// is worked out in parallel (on the current rayon pool), then made
/// unique in input order.
fn unique_ids(docs: &[Doc]) -> Vec<String> {
    let bases: Vec<String> = docs
        .par_iter()
        .map(|doc| {
            id::base_id(
                &doc.source,
                doc.entry.as_deref(),
                doc.meta.slug.as_deref(),
            )
        })
        .collect();
    let mut ids = UniqueIds::default();
    bases.into_iter().map(|base| ids.unique(base)).collect()
}

fn stats_of(doc: &Doc) -> Stats {
    let a = &doc.analysis;
    Stats {
        chars: a.chars,
        words: a.words,
        sentences: a.sentences,
        distinct_stems: doc.packed.term_count() as u32,
        reading_minutes: (f64::from(a.words) / WORDS_PER_MINUTE * 10.0)
            .round()
            / 10.0,
    }
}

/// Boilerplate lines with the number of articles holding them, most
/// widespread first.
pub(super) fn boilerplate_report(
    docs: &[Doc],
    texts: LineTexts,
) -> Vec<output::BoilerplateLine> {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for doc in docs {
        for &key in &doc.boilerplate {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut texts =
        texts.0.into_inner().expect("line texts lock not poisoned");
    let mut out: Vec<output::BoilerplateLine> = counts
        .into_iter()
        .filter_map(|(key, count)| {
            let (_, line) = texts.remove(&key)?;
            Some(output::BoilerplateLine { line, count })
        })
        .collect();
    out.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.line.cmp(&b.line))
    });
    out
}
