//! Hits: a query string → ranked [`Hit`]s from `<OUT>/index`, each with
//! a snippet of its body and the ranges to highlight in it.
//!
//! Ranking is a bucket sort, as Meilisearch does it: articles are ordered
//! by, in turn,
//!
//! 1. how many of the query's words they match (any level: a partial
//!    match ranks below every full match, and is reported as such in
//!    [`Hit::missing`]);
//! 2. how many they match without a typo (all-exact above typos);
//! 3. how many they match with the accents typed (`pêcher` above
//!    `pécher`);
//! 4. how many their title holds without typo (Meilisearch's
//!    "attribute" rule: « Dev Facts #6 » above « Dev Facts #4 » whose
//!    body says « 6 mois », for `dev facts 6`);
//! 5. the BM25 score, weighted by field ([`super::plan`]);
//! 6. their order in `articles.jsonl` (id order), so that results never
//!    depend on how the index was segmented.
//!
//! Stopwords that rank without being required do not count in 1–4.
//! Snippets come from tantivy's `SnippetGenerator` over the stored body;
//! a hit whose body holds no query term (a title or filter match) gets
//! the start of its body instead, without highlights.

use std::cmp::Reverse;
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    BitSet, DocAddress, DocId, DocSet, Index, IndexReader, ReloadPolicy,
    Score, Searcher, SegmentReader, TERMINATED, TantivyDocument,
};

use super::analyzer::folded;
use super::lexicon::{self, Lexicon};
use super::plan::{self, Context, Plan, PlanOptions};
use super::schema::{self, Fields};
use super::{INDEX_DIR, analyzer, query};
use crate::error::FatalError;

/// Longest snippet, in characters (as tantivy counts them: bytes of the
/// fragment, cut at token bounds).
pub const SNIPPET_CHARS: usize = 200;

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Title, if known.
    pub title: Option<String>,
    /// BM25 score (0 for filters alone).
    pub score: f32,
    /// Author, if known.
    pub author: Option<String>,
    /// Date `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Series key and part, if any.
    pub series: Option<(String, u64)>,
    /// Source path.
    pub source: String,
    /// A passage of the body (its line breaks as spaces).
    pub snippet: String,
    /// Byte ranges of `snippet` that match the query.
    pub highlights: Vec<Range<usize>>,
    /// Whether the passage starts after the body's start.
    pub cut_start: bool,
    /// Whether the passage ends before the body's end.
    pub cut_end: bool,
    /// Query words this article does not match (a partial match).
    pub missing: Vec<String>,
    /// Query words it matches only through a typo.
    pub typos: Vec<String>,
}

/// An article as the index stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    /// Where the index holds it (see [`SearchIndex::search_addresses`]).
    pub address: DocAddress,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its body (empty when indexed without).
    pub body: String,
}

/// Options of `billet search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    /// Hits returned at most.
    pub limit: usize,
    /// No typo tolerance (`--exact`).
    pub exact: bool,
}

impl Default for SearchOptions {
    /// Ten hits, as `billet search` shows by default, typos forgiven.
    fn default() -> SearchOptions {
        SearchOptions {
            limit: 10,
            exact: false,
        }
    }
}

/// Nearest indexed words for a word that matched nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The word as typed.
    pub word: String,
    /// Indexed words near it, nearest and most frequent first.
    pub suggestions: Vec<String>,
}

/// What a search found, and what it made of the query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// Query words left out: stopwords no title holds, elided
    /// articles, single letters.
    pub ignored: Vec<String>,
    /// Query words that match nothing in the index, even with a typo.
    pub unmatched: Vec<String>,
    /// For each unmatched word, the nearest indexed words.
    pub suggestions: Vec<Suggestion>,
    /// Whether nothing was left to search (only ignored words).
    pub nothing_to_search: bool,
}

/// What went wrong with a search.
#[derive(Debug)]
pub enum SearchError {
    /// The query cannot be understood.
    Query(query::QueryError),
    /// The index cannot be opened or read.
    Fatal(FatalError),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Query(e) => write!(f, "query: {e}"),
            SearchError::Fatal(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<FatalError> for SearchError {
    fn from(e: FatalError) -> SearchError {
        SearchError::Fatal(e)
    }
}

/// An opened search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    lexicon: Lexicon,
    path: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .finish()
    }
}

fn fatal(path: &Path, e: impl std::fmt::Display) -> FatalError {
    FatalError::new(format!("{}: {e}", path.display()))
}

impl SearchIndex {
    /// Opens `<out>/index`. A missing index, or one built by another
    /// version of billet, is an error that says to run `billet index`.
    ///
    /// `billet index` may swap a new index in meanwhile (one exchange of
    /// folders, docs/integrity.md): tantivy reads `meta.json`, then opens
    /// each segment file by name, so a swap between the two makes a
    /// segment file missing. An open during which `<out>/index` has
    /// become another folder is tried again; once open, every file is
    /// mapped, so the index answers whole even if it is removed.
    pub fn open(out: &Path) -> Result<SearchIndex, FatalError> {
        /// Tries before an open that keeps failing across swaps gives up.
        const TRIES: usize = 50;
        let path = out.join(INDEX_DIR);
        let folder = || {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&path).ok().map(|m| (m.dev(), m.ino()))
        };
        let mut tries = 0;
        loop {
            let before = folder();
            // Tried again too when it opened but the folder changed
            // meanwhile: its files might come from two indexes (the
            // lexicon is read by name after the segments' list).
            match SearchIndex::open_once(out, &path) {
                _ if folder() != before && tries < TRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                result => return result,
            }
        }
    }

    fn open_once(out: &Path, path: &Path) -> Result<SearchIndex, FatalError> {
        let path = path.to_path_buf();
        let rebuild = |why: &str| {
            FatalError::new(format!(
                "{}: {why}: run `billet index {}` first",
                path.display(),
                out.display()
            ))
        };
        if !path.join("meta.json").is_file() {
            return Err(rebuild("no search index"));
        }
        let index = Index::open_in_dir(&path).map_err(|e| fatal(&path, e))?;
        analyzer::register(&index);
        let payload = index.load_metas().map_err(|e| fatal(&path, e))?.payload;
        let fields = Fields::of(&index.schema());
        let fields = match (payload.as_deref(), fields) {
            (Some(schema::VERSION), Some(fields)) => fields,
            _ => {
                return Err(rebuild(
                    "index built by another version of billet",
                ));
            }
        };
        let lexicon = Lexicon::open(&path)
            .map_err(|e| fatal(&path.join(lexicon::FILE), e))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| fatal(&path, e))?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            lexicon,
            path,
        })
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of articles in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher over the index as opened.
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every article of the index (id, title, body), in id order.
    pub fn articles(&self) -> Result<Vec<Stored>, FatalError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let store = segment
                .get_store_reader(64)
                .map_err(|e| fatal(&self.path, e))?;
            for doc_id in segment.doc_ids_alive() {
                let doc: TantivyDocument =
                    store.get(doc_id).map_err(|e| fatal(&self.path, e))?;
                out.push(Stored {
                    address: DocAddress::new(ord as u32, doc_id),
                    id: text(&doc, f.id).unwrap_or_default(),
                    title: text(&doc, f.title),
                    body: text(&doc, f.body).unwrap_or_default(),
                });
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// The lexicon of the index.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The plan of `q`.
    pub fn plan(
        &self,
        q: &str,
        searcher: &Searcher,
        options: &SearchOptions,
    ) -> Result<Plan, SearchError> {
        let parsed = query::parse(q).map_err(SearchError::Query)?;
        let cx = Context {
            fields: &self.fields,
            searcher,
            lexicon: &self.lexicon,
        };
        Ok(plan::plan(
            &parsed,
            cx,
            PlanOptions {
                exact: options.exact,
            },
        ))
    }

    /// The ids and scores of the best `options.limit` matches of `q`,
    /// best first (no stored field but the id read, no snippet).
    pub fn search_ids(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Vec<(String, f32)>, SearchError> {
        let searcher = self.reader.searcher();
        let plan = self.plan(q, &searcher, options)?;
        if plan.is_empty() || options.limit == 0 {
            return Ok(Vec::new());
        }
        let (ranked, _) = self.rank(&searcher, &plan, options.limit)?;
        ranked
            .into_iter()
            .map(|r| {
                let doc: TantivyDocument = searcher
                    .doc(r.address)
                    .map_err(|e| fatal(&self.path, e))?;
                Ok((text(&doc, self.fields.id).unwrap_or_default(), r.score))
            })
            .collect()
    }

    /// Where the index holds the best `options.limit` matches of `q`,
    /// best first (nothing read from the store).
    pub fn search_addresses(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Vec<DocAddress>, SearchError> {
        let searcher = self.reader.searcher();
        let plan = self.plan(q, &searcher, options)?;
        if plan.is_empty() || options.limit == 0 {
            return Ok(Vec::new());
        }
        let (ranked, _) = self.rank(&searcher, &plan, options.limit)?;
        Ok(ranked.into_iter().map(|r| r.address).collect())
    }

    /// The best `options.limit` matches of `q`, best first, with
    /// snippets.
    pub fn search(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>, SearchError> {
        Ok(self.find(q, options)?.hits)
    }

    /// Runs `q`: the hits with snippets, and what became of each word.
    pub fn find(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Found, SearchError> {
        let searcher = self.reader.searcher();
        let plan = self.plan(q, &searcher, options)?;
        let mut found = Found {
            ignored: plan.ignored.clone(),
            nothing_to_search: plan.is_empty(),
            ..Found::default()
        };
        for u in &plan.units {
            if !u.found {
                found.unmatched.push(u.text.clone());
                if let Some(form) = &u.form {
                    let suggestions = self.suggest(form);
                    found.suggestions.push(Suggestion {
                        word: u.text.clone(),
                        suggestions,
                    });
                }
            }
        }
        if plan.is_empty() || options.limit == 0 {
            return Ok(found);
        }
        let (ranked, units) = self.rank(&searcher, &plan, options.limit)?;
        let query = plan.query();
        let mut snippets =
            SnippetGenerator::create(&searcher, &*query, self.fields.body)
                .map_err(|e| fatal(&self.path, e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let f = &self.fields;
        for r in ranked {
            let doc: TantivyDocument =
                searcher.doc(r.address).map_err(|e| fatal(&self.path, e))?;
            let body = text(&doc, f.body).unwrap_or_default();
            let (snippet, highlights, range) = snippet_of(&snippets, &body);
            let series = text(&doc, f.series_key).map(|key| {
                let part = doc
                    .get_first(f.part)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                (key, part)
            });
            let (mut missing, mut typos) = (Vec::new(), Vec::new());
            for (i, text) in units.iter().enumerate() {
                match r.levels.get(i) {
                    Some(Level::Missing) => missing.push(text.clone()),
                    Some(Level::Typo) => typos.push(text.clone()),
                    _ => {}
                }
            }
            found.hits.push(Hit {
                id: text(&doc, f.id).unwrap_or_default(),
                title: text(&doc, f.title),
                score: r.score,
                author: text(&doc, f.author),
                date: text(&doc, f.date_text),
                tags: doc
                    .get_all(f.tags)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                series,
                source: text(&doc, f.source).unwrap_or_default(),
                cut_start: range.start > 0,
                cut_end: range.end < body.len(),
                snippet,
                highlights,
                missing,
                typos,
            });
        }
        Ok(found)
    }

    /// The indexed words nearest to `form`, for a word that matched
    /// nothing: up to 3, within two edits (one for short words), the
    /// first letter free.
    pub fn suggest(&self, form: &str) -> Vec<String> {
        let folded_form = folded(form);
        let max = if folded_form.chars().count() <= 4 {
            1
        } else {
            2
        };
        let mut out: Vec<String> = Vec::new();
        for w in self.lexicon.near(&folded_form, max, false) {
            if w.distance == 0 || out.contains(&w.form) {
                continue;
            }
            out.push(w.form);
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    /// Runs `plan`: the best `limit` articles, best first, each with how
    /// it matched every ranking unit; and the text of those units.
    fn rank(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        limit: usize,
    ) -> Result<(Vec<Ranked>, Vec<String>), FatalError> {
        let fail = |e: tantivy::TantivyError| fatal(&self.path, e);
        let stops_only = plan.stops_only();
        let ranking: Vec<&plan::Unit> = plan
            .units
            .iter()
            .filter(|u| !u.stop || stops_only)
            .collect();
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let weight = |q: &dyn Query| q.weight(scoring);
        let mut weights = Vec::with_capacity(ranking.len());
        for u in &ranking {
            weights.push((
                weight(&*u.exact).map_err(fail)?,
                u.typo.as_deref().map(weight).transpose().map_err(fail)?,
                u.accents.as_deref().map(weight).transpose().map_err(fail)?,
                weight(&*u.title).map_err(fail)?,
            ));
        }
        let mut by_segment: FxHashMap<SegmentId, Arc<Levels>> =
            FxHashMap::default();
        let mut by_ord = Vec::new();
        for segment in searcher.segment_readers() {
            let mut units = Vec::with_capacity(weights.len());
            for (exact, typo, accents, title) in &weights {
                units.push(UnitDocs {
                    exact: docs(&**exact, segment).map_err(fail)?,
                    title: docs(&**title, segment).map_err(fail)?,
                    typo: typo
                        .as_deref()
                        .map(|w| docs(w, segment))
                        .transpose()
                        .map_err(fail)?,
                    accents: accents
                        .as_deref()
                        .map(|w| docs(w, segment))
                        .transpose()
                        .map_err(fail)?,
                });
            }
            let levels = Arc::new(Levels { units });
            by_segment.insert(segment.segment_id(), levels.clone());
            by_ord.push(levels);
        }
        let by_segment = Arc::new(by_segment);
        let collector = TopDocs::with_limit(limit).tweak_score(
            move |segment: &SegmentReader| {
                let levels = by_segment
                    .get(&segment.segment_id())
                    .cloned()
                    .unwrap_or_default();
                let ord = segment
                    .fast_fields()
                    .u64("ord")
                    .expect("the schema has an `ord` fast field")
                    .first_or_default_col(u64::MAX);
                move |doc: DocId, score: Score| {
                    let (matched, exact, accents, titled) = levels.counts(doc);
                    let ord = Reverse(ord.get_val(doc));
                    (matched, exact, accents, titled, score, ord)
                }
            },
        );
        let query = plan.query();
        let found = searcher.search(&*query, &collector).map_err(fail)?;
        let ranked = found
            .into_iter()
            .map(|((_, _, _, _, score, _), address)| {
                let levels = &by_ord[address.segment_ord as usize];
                Ranked {
                    address,
                    score,
                    levels: levels.of(address.doc_id),
                }
            })
            .collect();
        let units = ranking.iter().map(|u| u.text.clone()).collect();
        Ok((ranked, units))
    }
}

/// How an article matched one ranking unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    /// Not at all.
    Missing,
    /// Only through a typo.
    Typo,
    /// Without typo.
    Exact,
}

/// One ranked article.
#[derive(Debug)]
struct Ranked {
    address: DocAddress,
    score: Score,
    /// How it matched each ranking unit.
    levels: Vec<Level>,
}

/// The articles of one segment each ranking unit matches, per level.
#[derive(Debug)]
struct UnitDocs {
    exact: BitSet,
    title: BitSet,
    typo: Option<BitSet>,
    accents: Option<BitSet>,
}

/// The match levels of one segment.
#[derive(Debug, Default)]
struct Levels {
    units: Vec<UnitDocs>,
}

impl Levels {
    /// (units matched, matched without typo, matched with the accents
    /// typed, held by the title without typo) by `doc`.
    fn counts(&self, doc: DocId) -> (u16, u16, u16, u16) {
        let (mut matched, mut exact, mut accents, mut titled) = (0, 0, 0, 0);
        for u in &self.units {
            if u.exact.contains(doc) {
                matched += 1;
                exact += 1;
                if u.accents.as_ref().is_none_or(|a| a.contains(doc)) {
                    accents += 1;
                }
                if u.title.contains(doc) {
                    titled += 1;
                }
            } else if u.typo.as_ref().is_some_and(|t| t.contains(doc)) {
                matched += 1;
            }
        }
        (matched, exact, accents, titled)
    }

    fn of(&self, doc: DocId) -> Vec<Level> {
        self.units
            .iter()
            .map(|u| {
                if u.exact.contains(doc) {
                    Level::Exact
                } else if u.typo.as_ref().is_some_and(|t| t.contains(doc)) {
                    Level::Typo
                } else {
                    Level::Missing
                }
            })
            .collect()
    }
}

/// The documents of `segment` that `weight` matches.
fn docs(
    weight: &dyn Weight,
    segment: &SegmentReader,
) -> tantivy::Result<BitSet> {
    let mut set = BitSet::with_max_value(segment.max_doc());
    let mut scorer = weight.scorer(segment, 1.0)?;
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        set.insert(doc);
        doc = scorer.advance();
    }
    Ok(set)
}

fn text(
    doc: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

/// The snippet of `body`: (passage with line breaks as spaces, highlight
/// ranges in it, the passage's range in `body`).
fn snippet_of(
    generator: &SnippetGenerator,
    body: &str,
) -> (String, Vec<Range<usize>>, Range<usize>) {
    let snippet = generator.snippet(body);
    let (fragment, highlights, range) = if snippet.fragment().is_empty() {
        let end = lead_end(body, SNIPPET_CHARS);
        (&body[..end], Vec::new(), 0..end)
    } else {
        (
            snippet.fragment(),
            tantivy::snippet::collapse_overlapped_ranges(
                snippet.highlighted(),
            ),
            snippet.fragment_range(),
        )
    };
    // Same byte length: the ranges stay valid.
    let flat = fragment.replace(['\n', '\t'], " ");
    let highlights = join_adjacent(&flat, highlights);
    (flat, highlights, range)
}

/// Joins matches separated by spaces only, so that a phrase is one
/// highlight (`**jardin partagé**`, not `**jardin** **partagé**`).
fn join_adjacent(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last)
                if last.end <= r.start
                    && text[last.end..r.start].chars().all(|c| c == ' ') =>
            {
                last.end = r.end;
            }
            _ => out.push(r),
        }
    }
    out
}

/// Where to cut the start of `body` to at most `max` bytes: at a space,
/// never inside a word when one can be found.
fn lead_end(body: &str, max: usize) -> usize {
    if body.len() <= max {
        return body.len();
    }
    let mut end = max;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    match body[..end].rfind(char::is_whitespace) {
        Some(space) if space > max / 2 => space,
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_matches_are_one_highlight() {
        let text = "le jardin partagé et le jardin";
        let joined = join_adjacent(text, vec![3..9, 10..18, 24..30]);
        assert_eq!(joined, [3..18, 24..30]);
    }

    #[test]
    fn lead_cuts_at_a_space() {
        assert_eq!(lead_end("court", 200), 5);
        let body = "un deux trois quatre";
        assert_eq!(&body[..lead_end(body, 12)], "un deux");
        let accents = "ééééé";
        assert!(accents.is_char_boundary(lead_end(accents, 5)));
    }
}
