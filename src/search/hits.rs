//! Hits: a query string → ranked [`Hit`]s from `<OUT>/index`, each with
//! a snippet of its body and the ranges to highlight in it.
//!
//! Ranking is tantivy's BM25 over billet's analysed terms (see
//! [`super::query`]); equal scores (filters alone score 0) rank in id
//! order, so results never depend on how the index was segmented.
//! Snippets come from tantivy's `SnippetGenerator` over the stored body;
//! a hit whose body holds no query term (a title or filter match) gets
//! the start of its body instead, without highlights.

use std::cmp::Reverse;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, Index, IndexReader, ReloadPolicy, Score, SegmentReader,
    TantivyDocument,
};

use super::schema::{self, Fields};
use super::{INDEX_DIR, analyzer, query};
use crate::error::FatalError;

/// Longest snippet, in characters (as tantivy counts them: bytes of the
/// fragment, cut at token bounds).
pub const SNIPPET_CHARS: usize = 200;

/// Options of `billet search`.
#[derive(Clone, Debug)]
pub struct SearchOptions {
    /// Hits returned at most.
    pub limit: usize,
}

impl Default for SearchOptions {
    /// Ten hits, as `billet search` shows by default.
    fn default() -> SearchOptions {
        SearchOptions { limit: 10 }
    }
}

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
    pub fn open(out: &Path) -> Result<SearchIndex, FatalError> {
        let path = out.join(INDEX_DIR);
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
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| fatal(&path, e))?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
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

    /// The ids and scores of the best `options.limit` matches of `q`,
    /// best first (no stored field read, no snippet).
    pub fn search_ids(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Vec<(String, f32)>, SearchError> {
        let found = self.top(q, options.limit)?;
        let searcher = self.reader.searcher();
        found
            .into_iter()
            .map(|(score, addr)| {
                let doc: TantivyDocument =
                    searcher.doc(addr).map_err(|e| fatal(&self.path, e))?;
                Ok((text(&doc, self.fields.id).unwrap_or_default(), score))
            })
            .collect()
    }

    /// The best `options.limit` matches of `q`, best first, with
    /// snippets.
    pub fn search(
        &self,
        q: &str,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>, SearchError> {
        let limit = options.limit;
        let parsed = query::parse(q).map_err(SearchError::Query)?;
        let built = query::build(&parsed, &self.fields);
        if !built.has_clauses || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let found = self.collect(&*built.query, limit)?;
        let mut snippets = SnippetGenerator::create(
            &searcher,
            &*built.query,
            self.fields.body,
        )
        .map_err(|e| fatal(&self.path, e))?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let f = &self.fields;
        let mut hits = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let doc: TantivyDocument =
                searcher.doc(addr).map_err(|e| fatal(&self.path, e))?;
            let body = text(&doc, f.body).unwrap_or_default();
            let (snippet, highlights, range) = snippet_of(&snippets, &body);
            let series = text(&doc, f.series_key).map(|key| {
                let part = doc
                    .get_first(f.part)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                (key, part)
            });
            hits.push(Hit {
                id: text(&doc, f.id).unwrap_or_default(),
                title: text(&doc, f.title),
                score,
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
            });
        }
        Ok(hits)
    }

    fn top(
        &self,
        q: &str,
        limit: usize,
    ) -> Result<Vec<(f32, DocAddress)>, SearchError> {
        let parsed = query::parse(q).map_err(SearchError::Query)?;
        let built = query::build(&parsed, &self.fields);
        if !built.has_clauses || limit == 0 {
            return Ok(Vec::new());
        }
        Ok(self.collect(&*built.query, limit)?)
    }

    /// Runs `q`: the best `limit` (score, address) pairs; ties in id
    /// order (the `ord` fast field).
    fn collect(
        &self,
        q: &dyn tantivy::query::Query,
        limit: usize,
    ) -> Result<Vec<(f32, DocAddress)>, FatalError> {
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(limit).tweak_score(
            move |segment: &SegmentReader| {
                let ord = segment
                    .fast_fields()
                    .u64("ord")
                    .expect("the schema has an `ord` fast field")
                    .first_or_default_col(u64::MAX);
                move |doc, score: Score| (score, Reverse(ord.get_val(doc)))
            },
        );
        let found = searcher
            .search(q, &collector)
            .map_err(|e| fatal(&self.path, e))?;
        Ok(found
            .into_iter()
            .map(|((score, _), addr)| (score, addr))
            .collect())
    }
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
