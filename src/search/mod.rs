//! Search: an analysis folder → an embedded tantivy index in
//! `<OUT>/index` (`billet index`), ranked hits with snippets from it
//! (`billet search`), and the bulk formats of Elasticsearch, OpenSearch
//! and Meilisearch (`billet export`).
//!
//! ```text
//! analyzer  billet's French analysis, one chain for index and queries
//! schema    the index fields, how each is analysed and stored
//! body      an article → its body, read again from its file
//! lexicon   folded word → its forms as written: accents, typos
//! index     articles.jsonl + bodies → <OUT>/index, swapped in atomically
//! query     the query syntax → a checked query
//! plan      a checked query → the tantivy queries of each word, by level
//! hits      a plan → hits ranked by levels, with highlighted snippets
//! eval      known-item evaluation of an index (billet eval-search)
//! export    articles.jsonl → es-bulk, es-mapping, meilisearch(-settings), jsonl, pagefind
//! ```
//!
//! Every piece reads what `billet analyze` wrote and nothing else; the
//! index needs no server, and a new index replaces the old one whole.
//! Each takes its options ([`IndexOptions`], [`SearchOptions`],
//! [`ExportOptions`]); printing is the binary's business, with
//! [`write_text`] and [`write_json`] for hits.

pub mod analyzer;
pub mod body;
pub mod eval;
pub mod export;
pub mod hits;
pub mod index;
pub mod lexicon;
pub mod plan;
pub mod query;
pub mod schema;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use self::export::{ExportFormat, ExportOptions, export};
pub use self::hits::{
    Found, Hit, SearchError, SearchIndex, SearchOptions, Suggestion,
};
pub use self::index::{IndexOptions, IndexSummary, build_index};

/// The index folder's name inside an analysis folder.
pub const INDEX_DIR: &str = "index";

/// Whether `articles.jsonl` in `out` was written after its index (an
/// analysis run since the last `billet index`).
pub fn index_is_stale(out: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let jsonl = modified(&out.join("articles.jsonl"));
    let index = modified(&out.join(INDEX_DIR).join("meta.json"));
    matches!((jsonl, index), (Some(jsonl), Some(index)) if jsonl > index)
}

/// Hits as text: rank and title, then id, score, author, date and the
/// query words the hit lacks or matched through a typo, then the snippet
/// with matches in `**…**`; a blank line between hits.
pub fn write_text(w: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    for (rank, hit) in hits.iter().enumerate() {
        if rank > 0 {
            writeln!(w)?;
        }
        let title = hit.title.as_deref().unwrap_or("(no title)");
        writeln!(w, "{}. {title}", rank + 1)?;
        let mut about = format!("{} · score {:.2}", hit.id, hit.score);
        if let Some(author) = &hit.author {
            about.push_str(" · ");
            about.push_str(author);
        }
        if let Some(date) = &hit.date {
            about.push_str(" · ");
            about.push_str(date);
        }
        if !hit.missing.is_empty() {
            about.push_str(" · without ");
            about.push_str(&hit.missing.join(", "));
        }
        if !hit.typos.is_empty() {
            about.push_str(" · typo in ");
            about.push_str(&hit.typos.join(", "));
        }
        writeln!(w, "   {about}")?;
        if !hit.snippet.is_empty() {
            writeln!(w, "   {}", highlighted(hit, "**", "**"))?;
        }
    }
    Ok(())
}

/// The snippet with each match between `open` and `close`, and `…`
/// where the passage was cut from the body.
pub fn highlighted(hit: &Hit, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(hit.snippet.len() + 16);
    if hit.cut_start {
        out.push('…');
    }
    let mut at = 0;
    for r in &hit.highlights {
        out.push_str(&hit.snippet[at..r.start]);
        out.push_str(open);
        out.push_str(&hit.snippet[r.clone()]);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&hit.snippet[at..]);
    if hit.cut_end {
        out.push('…');
    }
    out
}

/// One hit as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    title: Option<&'a str>,
    score: f64,
    author: Option<&'a str>,
    date: Option<&'a str>,
    tags: &'a [String],
    series: Option<JsonSeries<'a>>,
    source: &'a str,
    /// The passage, line breaks as spaces.
    snippet: &'a str,
    /// `[start, end)` of each match in `snippet`, in characters.
    highlights: Vec<[usize; 2]>,
    /// Query words this article does not match (a partial match).
    missing: &'a [String],
    /// Query words it matches only through a typo.
    typos: &'a [String],
}

/// What `--json` prints.
#[derive(Serialize)]
struct JsonFound<'a> {
    hits: Vec<JsonHit<'a>>,
    /// Words left out: stopwords no title holds, elided articles, single
    /// letters.
    ignored: &'a [String],
    /// Words that match nothing, even with a typo.
    unmatched: &'a [String],
    /// For each unmatched word, the nearest indexed words.
    suggestions: &'a [Suggestion],
}

#[derive(Serialize)]
struct JsonSeries<'a> {
    key: &'a str,
    part: u64,
}

/// What a search found as a JSON object: `hits` (`[]` when there are
/// none, highlights as character offsets into the snippet), `ignored`,
/// `unmatched` and `suggestions`.
pub fn write_json(w: &mut dyn Write, found: &Found) -> io::Result<()> {
    let chars_at = |s: &str, byte: usize| s[..byte].chars().count();
    let hits: Vec<JsonHit<'_>> = found
        .hits
        .iter()
        .map(|h| JsonHit {
            id: &h.id,
            title: h.title.as_deref(),
            score: crate::output::round4(f64::from(h.score)),
            author: h.author.as_deref(),
            date: h.date.as_deref(),
            tags: &h.tags,
            series: h
                .series
                .as_ref()
                .map(|(key, part)| JsonSeries { key, part: *part }),
            source: &h.source,
            snippet: &h.snippet,
            highlights: h
                .highlights
                .iter()
                .map(|r| {
                    [
                        chars_at(&h.snippet, r.start),
                        chars_at(&h.snippet, r.end),
                    ]
                })
                .collect(),
            missing: &h.missing,
            typos: &h.typos,
        })
        .collect();
    let json = JsonFound {
        hits,
        ignored: &found.ignored,
        unmatched: &found.unmatched,
        suggestions: &found.suggestions,
    };
    w.write_all(&crate::output::to_pretty_json(&json))
}
