//! Bodies: an article of `articles.jsonl` → the prose of its body, read
//! again from the file it was analysed from.
//!
//! The analysis output holds no body text, so `billet index` (and
//! `billet export --body`) re-read each article's file: `corpus.json`'s
//! `inputs` (the canonical INPUT paths) joined with the article's
//! `source` (or the INPUT itself, for a file given directly), decoded and
//! parsed as `billet analyze` does ([`crate::source::read_text`],
//! [`crate::source::extract`], [`crate::sections::mark_sections`], then
//! the corpus boilerplate lines of `corpus.json`). The body is the text
//! of the `Section::Body` blocks without the title block: no teasers,
//! signature or boilerplate, and only prose (no code, URLs or markup).
//! Blocks are joined by `\n`.
//!
//! Guarantees: a body is returned only when the file still gives the
//! article that was analysed (same title, same number of characters in
//! title and body as `stats.chars`); otherwise the caller gets a
//! [`Missing`] saying why, and indexes the article without body.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::id::{file_id, sanitize_id};
use crate::sections;
use crate::source::{self, BlockKind, Format, Parsed, Section};

/// What identifies an article's file and checks it is unchanged.
#[derive(Clone, Copy, Debug)]
pub struct ArticleKey<'a> {
    /// The article id.
    pub id: &'a str,
    /// Its `source`.
    pub source: &'a str,
    /// Its title.
    pub title: Option<&'a str>,
    /// Its `stats.chars` (title and body characters).
    pub chars: u64,
}

/// Why an article has no body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// `corpus.json` lists no inputs.
    NoInputs,
    /// No input holds the file any more.
    Gone,
    /// The file no longer gives this article (edited since the analysis).
    Changed(PathBuf),
    /// The file could not be read.
    Unreadable(PathBuf, String),
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::NoInputs => {
                write!(f, "corpus.json lists no inputs to read bodies from")
            }
            Missing::Gone => write!(f, "file not found under the inputs"),
            Missing::Changed(p) => write!(
                f,
                "{} changed since the analysis (run `billet analyze` again)",
                p.display()
            ),
            Missing::Unreadable(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// Where bodies come from: the inputs and boilerplate lines of a run.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    inputs: Vec<PathBuf>,
    boilerplate: FxHashSet<u64>,
}

impl Bodies {
    /// Reads `corpus.json` in `out`. `Err` says why no body can be read
    /// (the caller goes on without bodies).
    pub fn load(out: &Path) -> Result<Bodies, String> {
        let path = out.join("corpus.json");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let corpus: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let inputs: Vec<PathBuf> = corpus["inputs"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(PathBuf::from))
                    .collect()
            })
            .unwrap_or_default();
        if inputs.is_empty() {
            return Err(format!(
                "{}: no `inputs` (written by an older billet?)",
                path.display()
            ));
        }
        // The report keeps each boilerplate line as first seen: its key
        // is the key the analysis marked (headings never are).
        let boilerplate = corpus["boilerplate"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b["line"].as_str())
            .filter_map(|line| sections::line_key(line, BlockKind::Paragraph))
            .collect();
        Ok(Bodies {
            inputs,
            boilerplate,
        })
    }

    /// A reader, with its own cache of the last file parsed (the posts
    /// of a WordPress export follow each other in id order).
    pub fn reader(&self) -> BodyReader<'_> {
        BodyReader {
            bodies: self,
            cached: None,
        }
    }

    /// The files that may hold `source`, in input order.
    fn candidates(&self, source: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for input in &self.inputs {
            if input.is_dir() {
                let path = input.join(source);
                if path.is_file() {
                    out.push(path);
                }
            } else if input.file_name().and_then(|n| n.to_str())
                == Some(source)
            {
                out.push(input.clone());
            }
        }
        out
    }
}

/// Reads bodies; keeps the last file's articles.
#[derive(Debug)]
pub struct BodyReader<'b> {
    bodies: &'b Bodies,
    cached: Option<(PathBuf, Result<Vec<FileEntry>, String>)>,
}

/// One article of a file, sections and boilerplate marked.
#[derive(Debug)]
struct FileEntry {
    key: Option<String>,
    parsed: Parsed,
}

impl BodyReader<'_> {
    /// The body of `article`, or why there is none.
    pub fn body(
        &mut self,
        article: &ArticleKey<'_>,
    ) -> Result<String, Missing> {
        if self.bodies.inputs.is_empty() {
            return Err(Missing::NoInputs);
        }
        let candidates = self.bodies.candidates(article.source);
        let mut last = Missing::Gone;
        for path in candidates {
            let entries = match self.entries(&path) {
                Ok(entries) => entries,
                Err(e) => {
                    last = Missing::Unreadable(path, e.clone());
                    continue;
                }
            };
            let found = pick(entries, article)
                .filter(|p| unchanged(p, article))
                .map(body_text);
            match found {
                Some(body) => return Ok(body),
                None => last = Missing::Changed(path),
            }
        }
        Err(last)
    }

    fn entries(&mut self, path: &Path) -> &Result<Vec<FileEntry>, String> {
        let hit = self.cached.as_ref().is_some_and(|(p, _)| p == path);
        if !hit {
            let entries = read_entries(path, &self.bodies.boilerplate);
            self.cached = Some((path.to_path_buf(), entries));
        }
        &self.cached.as_ref().expect("just filled").1
    }
}

/// Reads, extracts and marks every article of a file, as the analysis
/// did.
fn read_entries(
    path: &Path,
    boilerplate: &FxHashSet<u64>,
) -> Result<Vec<FileEntry>, String> {
    let format = Format::of(path).ok_or("not a kind of file billet reads")?;
    let decoded = source::read_text(path).map_err(|e| e.to_string())?;
    let extracted = source::extract(&decoded.text, format)
        .ok_or("no longer a WordPress export")?;
    Ok(extracted
        .entries
        .into_iter()
        .filter(|e| !e.parsed.blocks.is_empty())
        .map(|e| {
            let mut parsed = e.parsed;
            sections::mark_sections(&mut parsed);
            sections::mark_boilerplate(&mut parsed, boilerplate);
            FileEntry { key: e.key, parsed }
        })
        .collect())
}

/// The entry of a file that gave `article`: the only one, or for a
/// WordPress export the one whose key gives the article's id
/// (`<file id>-<key>`, maybe with a `-N` suffix that made it unique).
fn pick<'e>(
    entries: &'e [FileEntry],
    article: &ArticleKey<'_>,
) -> Option<&'e Parsed> {
    if let [only] = entries
        && only.key.is_none()
    {
        return Some(&only.parsed);
    }
    let file_id = file_id(article.source);
    let id_of = |key: &str| sanitize_id(&format!("{file_id}-{key}"));
    let exact = entries
        .iter()
        .find(|e| e.key.as_deref().is_some_and(|k| id_of(k) == article.id));
    let suffixed = || {
        entries.iter().find(|e| {
            e.key.as_deref().is_some_and(|k| {
                article
                    .id
                    .strip_prefix(id_of(k).as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|n| {
                        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                    })
            })
        })
    };
    exact.or_else(suffixed).map(|e| &e.parsed)
}

/// Whether `parsed` is still the article that was analysed.
fn unchanged(parsed: &Parsed, article: &ArticleKey<'_>) -> bool {
    let chars: usize = parsed
        .blocks
        .iter()
        .filter(|b| b.section == Section::Body)
        .map(|b| parsed.block_text(b).chars().count())
        .sum();
    chars as u64 == article.chars
        && parsed.meta.title.as_deref() == article.title
}

/// The body blocks (title excluded), joined by `\n`.
fn body_text(parsed: &Parsed) -> String {
    let mut body = String::new();
    for b in &parsed.blocks {
        if b.section != Section::Body || b.kind == BlockKind::Title {
            continue;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(parsed.block_text(b));
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: Option<&str>, text: &str) -> FileEntry {
        FileEntry {
            key: key.map(str::to_string),
            parsed: source::parse(text, Format::Text),
        }
    }

    #[test]
    fn wordpress_entries_by_id() {
        let entries = [
            entry(Some("premier"), "Un\n\nA."),
            entry(Some("second"), "Deux\n\nB."),
        ];
        let key = |id| ArticleKey {
            id,
            source: "export/blog.xml",
            title: None,
            chars: 0,
        };
        let title =
            |id| pick(&entries, &key(id)).and_then(|p| p.meta.title.clone());
        assert_eq!(title("export-blog-second").as_deref(), Some("Deux"));
        assert_eq!(title("export-blog-premier-2").as_deref(), Some("Un"));
        assert_eq!(title("export-blog-troisieme"), None);
    }

    #[test]
    fn body_leaves_out_title_teasers_and_boilerplate() {
        let mut parsed = source::parse(
            "Mon titre\n\nPremier paragraphe.\n\nSecond paragraphe.\n\n\
             Partagez cet article sur les réseaux !\n",
            Format::Text,
        );
        sections::mark_sections(&mut parsed);
        assert_eq!(
            body_text(&parsed),
            "Premier paragraphe.\nSecond paragraphe."
        );
    }
}
