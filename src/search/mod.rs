//! Search: an analysis folder → an embedded tantivy index in
//! `<OUT>/index` (`billet index`), ranked hits with snippets from it
//! (`billet search`), and the bulk formats of Elasticsearch, OpenSearch
//! and Meilisearch (`billet export`).
//!
//! ```text
//! analyzer  billet's French analysis as tantivy tokenizers
//! schema    the index fields, how each is analysed and stored
//! body      an article → its body, read again from its file
//! index     articles.jsonl + bodies → <OUT>/index, swapped in atomically
//! query     the query syntax → a tantivy query
//! hits      a query → ranked hits with highlighted snippets
//! export    articles.jsonl → es-bulk, meilisearch, jsonl, es-mapping
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

/// `billet index OUT`: builds the index, prints the warnings and a
/// one-line summary on stderr.
pub fn index_command(args: &IndexArgs) -> Result<IndexSummary, FatalError> {
    let summary = build_index(
        &args.out,
        &IndexOptions {
            jobs: args.jobs.map_or(0, usize::from),
        },
    )?;
    if let Some(why) = &summary.no_bodies {
        eprintln!("billet: warning: indexing without bodies: {why}");
    }
    for w in &summary.warnings {
        eprintln!("billet: warning: {w}");
    }
    let rate = if summary.seconds > 0.0 {
        summary.articles as f64 / summary.seconds
    } else {
        0.0
    };
    eprintln!(
        "billet: indexed {} articles ({} with body) in {:.2} s ({:.0} \
         articles/s) → {}",
        summary.articles,
        summary.with_body,
        summary.seconds,
        rate,
        summary.path.display()
    );
    Ok(summary)
}

/// `billet search OUT QUERY`: prints the hits (nothing when there are
/// none), as text or as a JSON array.
pub fn search_command(args: &SearchArgs) -> Result<(), FatalError> {
    let parsed = query::parse(&args.query)
        .map_err(|e| FatalError::new(format!("query: {e}")))?;
    let index = SearchIndex::open(&args.out)?;
    warn_if_stale(&args.out);
    let _ = parsed;
    let hits = index.search(&args.query, args.limit as usize).map_err(
        |e| match e {
            SearchError::Query(e) => FatalError::new(format!("query: {e}")),
            SearchError::Fatal(e) => e,
        },
    )?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.json {
        write_json(&mut out, &hits)
    } else {
        write_text(&mut out, &hits)
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(FatalError::new(format!("cannot write the results: {e}")))
        }
        _ => Ok(()),
    }
}

/// Says so when `articles.jsonl` was written after the index.
fn warn_if_stale(out: &Path) {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let jsonl = modified(&out.join("articles.jsonl"));
    let index = modified(&out.join(INDEX_DIR).join("meta.json"));
    matches!((jsonl, index), (Some(jsonl), Some(index)) if jsonl > index)
}

/// Hits as text: rank and title, then id, score, author and date, then
/// the snippet with matches in `**…**`; a blank line between hits.
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
}

#[derive(Serialize)]
struct JsonSeries<'a> {
    key: &'a str,
    part: u64,
}

/// Hits as a JSON array (`[]` when there are none), with highlights as
/// character offsets into the snippet.
pub fn write_json(w: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let chars_at = |s: &str, byte: usize| s[..byte].chars().count();
    let json: Vec<JsonHit<'_>> = hits
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
        })
        .collect();
    w.write_all(&crate::output::to_pretty_json(&json))
}
