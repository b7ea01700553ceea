//! Sources: the INPUT paths → the list of posts to read, and one post's
//! bytes → its decoded, normalised text, then its [`Parsed`] form.
//!
//! - [`walk`] lists files in a stable order (inputs as given, each folder
//!   sorted by name), skips hidden entries, counts files of other kinds
//!   as ignored and never follows a symlink loop.
//! - [`read_text`] decodes UTF-8 (BOM or not), UTF-16, and legacy
//!   single-byte files (see [`decode`](mod@decode)); then NFC and LF
//!   line ends
//!   ([`crate::normalize::normalize_document`]).
//! - [`extract`] hands the text to the parser of its format: [`text`] for
//!   plain text, [`markdown`] for Markdown, [`html`] for HTML pages,
//!   [`wordpress`] for WordPress exports (one file, many articles). All
//!   produce the same [`Parsed`] shape: prose text plus blocks.

pub mod decode;
pub mod html;
pub mod markdown;
pub mod text;
pub mod wordpress;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use self::decode::{
    Decoded, decode, read_bytes, read_bytes_with, read_text,
};
use crate::error::{Error, ErrorKind};
use crate::meta::Meta;

/// An input format billet reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: first non-empty line is the title.
    Text,
    /// `.md`, `.markdown`: optional YAML or TOML front matter.
    Markdown,
    /// `.html`, `.htm`: one page, one article.
    Html,
    /// `.xml`: a WordPress export (WXR), one article per published post.
    /// Other XML files are ignored.
    Wordpress,
}

impl Format {
    /// The format of a path, from its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "xml" => Some(Format::Wordpress),
            _ => None,
        }
    }
}

/// One file to analyse.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its path relative to the INPUT it was found under, with `/`
    /// separators (a file given directly: its file name). Shared with
    /// the articles of the file, which hold it until they are written.
    pub source: Arc<str>,
    /// Its format.
    pub format: Format,
}

/// What [`walk`] found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Posts to analyse, in a stable order.
    pub files: Vec<InputFile>,
    /// Files skipped because billet does not read their kind.
    pub ignored: usize,
    /// Entries that could not be listed or are not regular files.
    pub errors: Vec<Error>,
}

/// Lists the posts under `inputs`. Entries whose canonical path is
/// `exclude` (the output folder) are skipped with everything under them.
pub fn walk(inputs: &[PathBuf], exclude: Option<&Path>) -> Walk {
    let mut out = Walk::default();
    for input in inputs {
        let iter = walkdir::WalkDir::new(input)
            .follow_links(true)
            // Siblings by name, as `sort_by_file_name` sorts them:
            // their paths are their folder's path and a name, so
            // comparing the whole paths' bytes compares the names,
            // without parsing each path back at every comparison.
            .sort_by(|a, b| {
                let a = a.path().as_os_str().as_encoded_bytes();
                a.cmp(b.path().as_os_str().as_encoded_bytes())
            })
            .into_iter()
            .filter_entry(|e| {
                // Bytes, not str: a hidden name need not be UTF-8.
                let hidden = e.depth() > 0
                    && e.file_name().as_encoded_bytes().starts_with(b".");
                let excluded = exclude.is_some_and(|x| {
                    e.file_type().is_dir()
                        && e.path().canonicalize().is_ok_and(|p| p == x)
                });
                !hidden && !excluded
            });
        for entry in iter {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map_or_else(|| input.clone(), Path::to_path_buf);
                    let dangling = dangling_target(&err, &path);
                    // A broken link named like a file billet never reads
                    // (a site's `meta.yaml` pointing into a missing
                    // language folder) is skipped as the file would be.
                    if dangling.is_some()
                        && path.extension().is_some()
                        && Format::of(&path).is_none()
                    {
                        out.ignored += 1;
                        continue;
                    }
                    let message = match dangling {
                        Some(target) => format!(
                            "broken symbolic link to {}: skipped",
                            target.display()
                        ),
                        None => walk_message(&err),
                    };
                    let source = relative_source(input, &path);
                    out.errors.push(Error {
                        path,
                        source,
                        kind: ErrorKind::Walk(message),
                    });
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_dir() {
                continue;
            }
            let Some(format) = Format::of(path) else {
                out.ignored += 1;
                continue;
            };
            let source = relative_source(input, path);
            if !entry.file_type().is_file() {
                out.errors.push(Error {
                    path: path.to_path_buf(),
                    source,
                    kind: ErrorKind::NotRegular,
                });
                continue;
            }
            out.files.push(InputFile {
                path: path.to_path_buf(),
                source: source.into(),
                format,
            });
        }
    }
    // Held for the whole run.
    out.files.shrink_to_fit();
    out
}

/// Where `path` points when the walk failed because `path` is a
/// symbolic link to nothing.
fn dangling_target(err: &walkdir::Error, path: &Path) -> Option<PathBuf> {
    let missing = err
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
    if !missing || err.loop_ancestor().is_some() {
        return None;
    }
    std::fs::read_link(path).ok()
}

fn walk_message(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!(
            "symlink loop back to {}: not followed",
            ancestor.display()
        );
    }
    match err.io_error() {
        Some(io) => format!("cannot list: {io}"),
        None => err.to_string(),
    }
}

/// `path` relative to `root`, with `/` separators; a file given directly
/// is named by its file name.
fn relative_source(root: &Path, path: &Path) -> String {
    match plain_rest(root, path) {
        Some(rest) => rest.to_string(),
        None => relative_by_components(root, path),
    }
}

/// On Unix, the bytes of `path` past `root` (not empty) and a `/`, when they are
/// UTF-8 names without empty or `.` parts: then they are what
/// [`relative_by_components`] would join, without parsing either path
/// (walking a folder gives such paths, `root` joined with names).
fn plain_rest<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    if !cfg!(unix) {
        return None;
    }
    let root = root.as_os_str().as_encoded_bytes();
    let path = path.as_os_str().as_encoded_bytes();
    if root.is_empty() {
        return None;
    }
    let rest = path.strip_prefix(root)?.strip_prefix(b"/")?;
    let plain = !rest.is_empty()
        && rest
            .split(|&b| b == b'/')
            .all(|name| !name.is_empty() && name != b".");
    plain.then(|| std::str::from_utf8(rest).ok()).flatten()
}

/// [`relative_source`], component by component.
fn relative_by_components(root: &Path, path: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel,
        _ => Path::new(path.file_name().unwrap_or(path.as_os_str())),
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What kind of text a block holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The article's title.
    Title,
    /// A heading inside the article.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A list item or bullet line.
    ListItem,
}

/// Which part of the article a block belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The article itself (the title included).
    Body,
    /// Teasers of other articles ("Articles récents", "À lire aussi").
    Teaser,
    /// Site furniture: share calls, copyright, lines repeated across the
    /// corpus.
    Boilerplate,
    /// The author's signature (`Par NAME`).
    Signature,
}

/// One block of prose: a title, heading, paragraph or list line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the block in [`Parsed::text`].
    pub start: usize,
    /// Byte offset just past the block.
    pub end: usize,
    /// What it holds.
    pub kind: BlockKind,
    /// Which part of the article it is.
    pub section: Section,
}

/// A post once parsed: its metadata and its prose, as blocks.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Front matter and text conventions.
    pub meta: Meta,
    /// Only prose: no markup, code, URLs or e-mail addresses. Blocks are
    /// separated by blank lines.
    pub text: String,
    /// The blocks of `text`, in order.
    pub blocks: Vec<Block>,
}

impl Parsed {
    /// An empty article with room for what parsing `source` usually
    /// gives: at most its length in prose, and a block per 100 to 200
    /// bytes of it (corpus/ averages one per 180). Saves the copies of
    /// growing `text` and `blocks` one push at a time.
    pub(crate) fn for_source(source: &str) -> Parsed {
        Parsed {
            meta: Meta::default(),
            text: String::with_capacity(source.len()),
            blocks: Vec::with_capacity(source.len() / 128 + 8),
        }
    }

    /// Gives back room reserved by [`Parsed::for_source`] that went
    /// unused (prose much shorter than its source, as in code-heavy
    /// posts), so a kept article holds no more spare room than growing
    /// one push at a time would have left.
    pub(crate) fn release_spare_room(&mut self) {
        if self.text.capacity() > 2 * self.text.len() {
            self.text.shrink_to_fit();
        }
        if self.blocks.capacity() > 2 * self.blocks.len() {
            self.blocks.shrink_to_fit();
        }
    }

    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.text[block.start..block.end]
    }

    /// Appends a block of prose, trimmed; empty blocks are dropped.
    pub fn push_block(&mut self, text: &str, kind: BlockKind) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.blocks.push(Block {
            start,
            end: self.text.len(),
            kind,
            section: Section::Body,
        });
    }
}

/// One article found in an input file.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// Which article of the file it is, for files that hold several
    /// (a WordPress post's `post_name`, else its `post_id`); `None` for
    /// one-article files.
    pub key: Option<String>,
    /// The article.
    pub parsed: Parsed,
}

/// The articles of one input file.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// Articles to analyse, in file order.
    pub entries: Vec<Entry>,
    /// Items of the file that are not articles to analyse (WordPress
    /// pages, attachments, drafts).
    pub skipped: usize,
}

/// Parses a one-article format (plain text, Markdown, HTML).
///
/// A WordPress export holds many articles: use [`extract`]. Given one
/// here, the first published post is returned.
pub fn parse(text: &str, format: Format) -> Parsed {
    match format {
        Format::Text => text::parse(text),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse(text),
        Format::Wordpress => wordpress::parse(text)
            .and_then(|x| x.entries.into_iter().next())
            .map(|e| e.parsed)
            .unwrap_or_default(),
    }
}

/// The articles of a decoded file. `None` when the file turns out not to
/// be of a kind billet reads (an `.xml` file that is no WordPress
/// export): it is then counted as ignored.
pub fn extract(text: &str, format: Format) -> Option<Extracted> {
    match format {
        Format::Wordpress => wordpress::parse(text),
        _ => Some(Extracted {
            entries: vec![Entry {
                key: None,
                parsed: parse(text, format),
            }],
            skipped: 0,
        }),
    }
}

/// Removes what is not prose from a run of text: URLs (`http://`,
/// `https://`, `www.`) and e-mail addresses, which must never reach
/// sentences or tokens. Appends the rest to `out`.
pub fn push_prose(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(pos) = find_non_prose(rest) {
        let (before, word_start, word_end) = pos;
        out.push_str(&rest[..before.min(word_start)]);
        rest = &rest[word_end..];
    }
    out.push_str(rest);
}

/// The next URL or e-mail address in `s`: (where to cut the text before
/// it, start of the item, end of the item).
fn find_non_prose(s: &str) -> Option<(usize, usize, usize)> {
    let bytes = s.as_bytes();
    let mut best: Option<usize> = None;
    for pat in ["http://", "https://", "ftp://", "www."] {
        if let Some(i) = memchr::memmem::find(bytes, pat.as_bytes()) {
            best = Some(best.map_or(i, |b: usize| b.min(i)));
        }
    }
    if let Some(at) = memchr::memchr(b'@', bytes) {
        // An e-mail: the whitespace-delimited word around '@' with a dot
        // after it.
        let start = s[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '<' || c == '(')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = at
            + s[at..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == ')')
                .unwrap_or(s.len() - at);
        let is_mail = start < at
            && s[at + 1..end].contains('.')
            && s[start..at].chars().all(|c| !c.is_whitespace());
        if is_mail && best.is_none_or(|b| start < b) {
            return Some((start, start, trim_url_end(s, end)));
        }
    }
    let start = best?;
    let end = start
        + s[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(s.len() - start);
    Some((start, start, trim_url_end(s, end)))
}

/// A URL does not take the sentence's final punctuation or a closing
/// bracket with it.
fn trim_url_end(s: &str, mut end: usize) -> usize {
    while end > 0 {
        let c = s[..end].chars().next_back().expect("end > 0");
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']') {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn prose_drops_urls_and_mails() {
        let cases = [
            ("voir https://exemple.fr/a?b=c. Puis", "voir . Puis"),
            ("écrivez à julie@exemple.fr ou", "écrivez à  ou"),
            ("le site www.exemple.fr, demain", "le site , demain"),
            ("pas d’adresse ici", "pas d’adresse ici"),
            ("@pseudo sur le réseau", "@pseudo sur le réseau"),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            push_prose(input, &mut out);
            assert_eq!(out, expected, "prose of {input:?}");
        }
    }

    proptest! {
        /// The bytes' fast path names a file as its components do, for
        /// roots and paths with empty, `.`, `..` and non-UTF-8 parts.
        #[cfg(unix)]
        #[test]
        fn plain_rest_is_the_components_join(
            root in prop::collection::vec(0usize..7, 0..4),
            rest in prop::collection::vec(0usize..7, 0..4),
            absolute in any::<bool>(),
        ) {
            use std::os::unix::ffi::OsStrExt;
            const PARTS: [&[u8]; 7] =
                [b"", b".", b"..", b"blog", b"\xc3\xa9t\xc3\xa9", b"a.md", b"\xff"];
            let join = |parts: &[usize]| {
                let mut bytes = if absolute { b"/".to_vec() } else { Vec::new() };
                let parts: Vec<&[u8]> = parts.iter().map(|&i| PARTS[i]).collect();
                bytes.extend(parts.join(&b'/'));
                bytes
            };
            let root_bytes = join(&root);
            let mut path_bytes = root_bytes.clone();
            path_bytes.push(b'/');
            path_bytes.extend(rest.iter().map(|&i| PARTS[i]).collect::<Vec<_>>().join(&b'/'));
            let root = Path::new(std::ffi::OsStr::from_bytes(&root_bytes));
            let path = Path::new(std::ffi::OsStr::from_bytes(&path_bytes));
            if let Some(fast) = plain_rest(root, path) {
                prop_assert_eq!(fast, relative_by_components(root, path));
            }
            prop_assert_eq!(
                relative_source(root, path),
                relative_by_components(root, path)
            );
        }
    }

    #[test]
    fn relative_sources() {
        let root = Path::new("corpus");
        assert_eq!(
            relative_source(root, Path::new("corpus/blog/a.txt")),
            "blog/a.txt"
        );
        assert_eq!(
            relative_source(Path::new("x/a.md"), Path::new("x/a.md")),
            "a.md"
        );
    }
}
