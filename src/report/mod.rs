//! `billet report`: one self-contained HTML page from an analysis folder.
//!
//! Takes the output of `billet analyze` (`corpus.json`, `articles.jsonl`,
//! `series.json`, `errors.jsonl`, `tags.json` when present) and writes a
//! single HTML file: inline CSS, inline script, SVG charts, the data the
//! script needs embedded as JSON (gzip'd and base64'd above 1 MB). The
//! page makes no request of its own: a Content-Security-Policy forbids
//! every fetch, and allows only its own script and style, by hash.
//!
//! ```text
//! input (read)  →  model (figures)  →  page (static HTML, svg charts)
//!               →  data (compact columns for the script)
//!               →  template.html + report.css + report.js  →  one file
//! ```
//!
//! Guarantees:
//! - Every string from a post is escaped (`escape`); the script builds
//!   its DOM with `textContent`, never `innerHTML`, so no title, tag or
//!   question can add markup or run code.
//! - Links to the article files (`articles/<id>.json`) are relative to
//!   the page, so the output folder can be moved or sent whole.
//! - The page replaces an earlier billet report atomically (temporary file
//!   and rename), and never overwrites a file that is not one, nor writes
//!   into an analysed folder, where the next `billet analyze` would read
//!   it as a post.
//! - The same analysis gives the same bytes.

mod data;
mod escape;
mod input;
mod model;
mod page;
mod svg;
mod text;

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::FatalError;

pub use input::Input;
pub use text::Lang;

const TEMPLATE: &str = include_str!("assets/template.html");
const STYLE: &str = include_str!("assets/report.css");
const SCRIPT: &str = include_str!("assets/report.js");

/// What marks a file as a billet report (in its first kilobyte): such a
/// file may be replaced by a new report; any other file is left alone.
const MARKER: &str = "<meta name=\"generator\" content=\"billet report";

/// Options of one report.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// The analysis folder (`billet analyze --out`).
    pub out: PathBuf,
    /// The HTML file to write.
    pub html: PathBuf,
    /// The page's language.
    pub lang: Lang,
}

/// What was written.
#[derive(Clone, Debug)]
pub struct ReportSummary {
    /// The file written.
    pub html: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// Articles in the report.
    pub articles: usize,
    /// Whether the data island is compressed.
    pub compressed: bool,
    /// Lines of `articles.jsonl` that could not be read (they are listed
    /// on the page too).
    pub skipped_lines: usize,
}

/// Reads the analysis in `options.out` and writes the report to
/// `options.html`.
pub fn write_report(
    options: &ReportOptions,
) -> Result<ReportSummary, FatalError> {
    let input = Input::read(&options.out)?;
    check_target(&options.html, &input)?;
    let json_base = json_base(&options.out, &options.html)?;
    let (page, compressed) =
        render(&input, options.lang, &json_base, data::PLAIN_LIMIT);
    write_atomic(&options.html, page.as_bytes())?;
    Ok(ReportSummary {
        html: options.html.clone(),
        bytes: page.len(),
        articles: input.articles.len(),
        compressed,
        skipped_lines: input.bad_lines.len(),
    })
}

/// The whole page for `input`; `json_base` prefixes `<id>.json` in links
/// to the article files; the data is compressed when its JSON is longer
/// than `plain_limit` bytes. Returns the page and whether it compressed.
pub fn render(
    input: &Input,
    lang: Lang,
    json_base: &str,
    plain_limit: usize,
) -> (String, bool) {
    let model = model::Model::new(input);
    let body = page::Page::new(lang, input, &model, json_base).render();
    let strings = escape::script_json(&text::script_strings(lang).to_string());
    let (core, details) = data::build(input, lang);
    let islands = data::encode(&core, &details, plain_limit);
    let compressed = matches!(islands[0], data::Encoded::GzipBase64(_));
    let mut data = String::new();
    for (k, island) in islands.iter().enumerate() {
        let (kind, encoding, text) = match island {
            data::Encoded::Json(json) => ("application/json", "json", json),
            data::Encoded::GzipBase64(b64) => {
                ("application/octet-stream", "gzip-base64", b64)
            }
        };
        let id = if k == 0 {
            "id=\"report-data\""
        } else {
            "class=\"report-details\""
        };
        data.push_str(&format!(
            "<script type=\"{kind}\" {id} data-encoding=\"{encoding}\">{text}</script>\n"
        ));
    }
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; \
         img-src data:; base-uri 'none'; form-action 'none'",
        sha256_base64(SCRIPT),
        sha256_base64(STYLE)
    );
    let title = format!("{} · billet", text::tr(lang, "title"));
    let page = fill(TEMPLATE, |name| match name {
        "lang" => Some(lang.code()),
        "csp" => Some(&csp),
        "version" => Some(env!("CARGO_PKG_VERSION")),
        "title" => Some(&title),
        "style" => Some(STYLE),
        "json_base" => Some(json_base),
        "body" => Some(&body),
        "strings" => Some(&strings),
        "data" => Some(&data),
        "script" => Some(SCRIPT),
        _ => None,
    });
    (page, compressed)
}

/// Fills the `{{name}}` holes of `template` in one pass, so that text put
/// into one hole is never searched for holes itself.
///
/// # Panics
/// On a hole `value` does not know: the template and this module disagree.
fn fill<'a>(
    template: &str,
    value: impl Fn(&str) -> Option<&'a str>,
) -> String {
    let mut out = String::with_capacity(template.len() * 4);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("template holes are closed")
            + start;
        let name = &rest[start + 2..end];
        let v =
            value(name).unwrap_or_else(|| panic!("template hole {name:?}"));
        // `json_base` is a path; everything else is markup we built or
        // text escaped where it was built.
        if name == "json_base" {
            escape::push_html(&mut out, v);
        } else {
            out.push_str(v);
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn sha256_base64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(s.as_bytes()))
}

/// Refuses targets the report must not overwrite: a folder, a file that
/// is not a billet report, a file inside an analysed INPUT folder.
fn check_target(html: &Path, input: &Input) -> Result<(), FatalError> {
    if html.is_dir() {
        return Err(FatalError::new(format!(
            "{}: is a folder; --html names the file to write",
            html.display()
        )));
    }
    if html.exists() && !is_report(html) {
        return Err(FatalError::new(format!(
            "{}: exists and is not a billet report: not overwritten; \
             give another --html or move that file",
            html.display()
        )));
    }
    let target =
        absolute_parent(html)?.join(html.file_name().unwrap_or_default());
    for root in &input.corpus.inputs {
        let root = Path::new(root);
        let inside = if root.is_dir() {
            target.starts_with(root)
        } else {
            target == root
        };
        if inside {
            return Err(FatalError::new(format!(
                "{}: inside the analysed input {}: the next `billet analyze` \
                 would read the report as a post; write it elsewhere (by \
                 default it goes into the output folder)",
                html.display(),
                root.display()
            )));
        }
    }
    Ok(())
}

/// Whether the file at `path` begins like a billet report.
fn is_report(path: &Path) -> bool {
    let mut head = [0u8; 1024];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut len = 0;
    while len < head.len() {
        match file.read(&mut head[len..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
    }
    String::from_utf8_lossy(&head[..len]).contains(MARKER)
}

/// The canonical folder `path` goes into (which must exist).
fn absolute_parent(path: &Path) -> Result<PathBuf, FatalError> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::canonicalize(parent).map_err(|e| {
        FatalError::new(format!(
            "{}: cannot write there: {} ({e})",
            path.display(),
            parent.display()
        ))
    })
}

/// The relative URL from the page's folder to `out/articles/`, each
/// segment percent-encoded (`articles/` when the page is in `out`).
fn json_base(out: &Path, html: &Path) -> Result<String, FatalError> {
    let out = fs::canonicalize(out).map_err(|e| {
        FatalError::new(format!("{}: cannot read ({e})", out.display()))
    })?;
    let from = absolute_parent(html)?;
    Ok(relative_url(&from, &out.join("articles")))
}

/// The relative URL from folder `from` to folder `to` (both absolute),
/// ending with `/`.
fn relative_url(from: &Path, to: &Path) -> String {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut url = String::new();
    for _ in common..a.len() {
        url.push_str("../");
    }
    for c in &b[common..] {
        for byte in c.as_os_str().as_encoded_bytes() {
            match byte {
                b'A'..=b'Z'
                | b'a'..=b'z'
                | b'0'..=b'9'
                | b'-'
                | b'.'
                | b'_'
                | b'~' => url.push(*byte as char),
                _ => url.push_str(&format!("%{byte:02X}")),
            }
        }
        url.push('/');
    }
    url
}

/// Writes the page whole ([`crate::outdir::write_whole`]: locked, a
/// part file synced and renamed over it): a reader sees the old report
/// or the new one, never half.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FatalError> {
    Ok(crate::outdir::write_whole(path, bytes)?)
}

#[cfg(test)]
mod tests;
