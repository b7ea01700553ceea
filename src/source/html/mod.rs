//! HTML pages (`.html`, `.htm`) → [`Parsed`], with html5ever (through
//! scraper): a browser-grade HTML5 parser, so malformed pages are read
//! the way a browser reads them, never with a panic. The tree is walked
//! without recursion, so deep nesting cannot overflow the stack.
//!
//! Metadata, first found wins:
//! - title: the first `<h1>` of the main content (not the site name),
//!   else `og:title`, else `<title>`, both without a site suffix
//!   ("Titre | Site" → "Titre"), else JSON-LD `headline`;
//! - author: `<meta name="author">`, JSON-LD `author` (a string, a
//!   `{"name"}`, a list, or an `@id` into the `@graph`), a `rel="author"`
//!   link's text, `article:author` (unless it is a URL);
//! - date (`YYYY-MM-DD`): `article:published_time`, the first
//!   `<time datetime>` of the content, JSON-LD `datePublished`,
//!   `<meta name="date">` and its Dublin Core cousins;
//! - tags: `article:tag`, the content's `rel="tag"` links,
//!   `<meta name="keywords">`, JSON-LD `keywords`; without duplicates.
//!
//! Text comes from the main content only: the largest `<article>`, else
//! `<main>`, else `[role=main]`, else `<body>`. Never from scripts,
//! styles, `<noscript>`, `<template>`, navigation (`<nav>`, and the
//! breadcrumbs, previous/next links and tables of contents that themes
//! and documentation generators write as classes), headers (the `<h1>` of
//! a header is read as the title), footers, asides, forms, buttons, SVG,
//! frames, media, hidden elements, comment threads, HTML comments,
//! `<pre>` or `<code>`, nor from permalinks (`<a href="#x">¶</a>`).
//! Block elements end a block (headings, paragraphs, list items, table
//! rows, `<div>` text runs, captions, `<dt>`/`<dd>`);
//! inline elements keep their text as written, with no space added
//! ("<em>pra</em>tique" → "pratique"). `<br>` is a space, except after a
//! sentence-ending mark, where it ends the block: a list of questions
//! written one per line stays a list of lines, as in plain text. Image
//! alt texts are kept (not file names). Entities are decoded: `&nbsp;`
//! → U+00A0, `&rsquo;` → ’. URLs and e-mail addresses are dropped.
//!
//! Well-formed pages take a fast path (`fast`): a reader of our own
//! that builds html5ever's tree for the pages it models exactly (every
//! end tag closing the last element opened, plain tables and inline
//! SVG, references ending with `;`) and hands any other page to
//! html5ever; the tree is the same either way, node for node, so the
//! extraction cannot tell them apart. ../shared/corpus's Markdown posts
//! rendered into two blog templates take it at 97 %.
//!
//! Pages that nest blocks more than a thousand deep (never a real page;
//! html5ever would take quadratic time) are flattened first.
//!
//! `parse_fragment` reads an HTML fragment whose metadata is known (a
//! WordPress post body), with WordPress's "autop" convention: a blank
//! line ends a paragraph, a single newline is a `<br>`.

mod content;
mod fast;
#[cfg(test)]
mod fast_tests;
mod meta;
#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;

use scraper::Html;

use self::content::{NodeRefH, content_root, element_name, in_furniture};
use self::meta::PageMeta;
pub(crate) use self::meta::push_tag;
use self::text::{Builder, subtree_text};
use super::Parsed;
use crate::meta::Meta;
use crate::normalize::simplify;

/// Block elements whose start tag makes the HTML5 tree builder look down
/// its stack of open elements (to close a `<p>`), so that thousands of
/// them nested take quadratic time.
const SCOPE_CHECKING_BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "ul",
];

/// Nesting of those blocks past which a page is flattened first: real
/// pages stay far below (a few dozen levels).
const MAX_BLOCK_NESTING: usize = 1000;

/// Parses an HTML page.
pub fn parse(html: &str) -> Parsed {
    let html = flatten_deep_blocks(html);
    let doc =
        fast::document(&html).unwrap_or_else(|| Html::parse_document(&html));
    read_page(&doc)
}

/// The article of a parsed page.
fn read_page(doc: &Html) -> Parsed {
    let page = PageMeta::read(doc);
    let root = content_root(doc);
    let mut meta = Meta::default();
    let title_h1 = title_heading(root, page.site_name.as_deref());
    let title_node = title_h1.as_ref().map(|(node, _)| node.id());
    meta.title = title_h1
        .map(|(_, title)| title)
        .or_else(|| page.title_from_head());
    meta.author = page.author(root);
    meta.date = page.date(root);
    meta.tags = page.tags(root);
    meta.description = page.description();
    let mut b = Builder::new(meta, false);
    b.title_node = title_node;
    b.site_name = page.site_name.as_deref().map(simplify);
    b.push_title();
    b.walk(root);
    b.parsed
}

/// Parses an HTML fragment whose metadata is already known (a WordPress
/// post body): the title block comes first, from `meta`; an `<h1>` that
/// repeats it is dropped. With `autop`, blank lines end paragraphs and a
/// single newline is a `<br>` (WordPress's `wpautop`).
pub(crate) fn parse_fragment(html: &str, meta: Meta, autop: bool) -> Parsed {
    read_fragment(&fragment_tree(html), meta, autop)
}

/// The tree of a fragment: the fast path's when it takes it, else
/// html5ever's.
fn fragment_tree(html: &str) -> Html {
    let html = flatten_deep_blocks(html);
    fast::fragment(&html).unwrap_or_else(|| Html::parse_fragment(&html))
}

fn read_fragment(doc: &Html, meta: Meta, autop: bool) -> Parsed {
    let mut b = Builder::new(meta, autop);
    b.push_title();
    b.walk(doc.tree.root());
    b.parsed
}

/// The text of a short piece of HTML (a title, a tag name, a JSON-LD
/// string): entities decoded, tags removed, whitespace collapsed.
pub(crate) fn html_to_text(s: &str) -> String {
    if !s.contains(['&', '<']) {
        return collapse_spaces(s);
    }
    let doc = fragment_tree(s);
    let mut b = Builder::new(Meta::default(), false);
    b.walk(doc.tree.root());
    let text: Vec<&str> = b
        .parsed
        .blocks
        .iter()
        .map(|x| b.parsed.block_text(x))
        .collect();
    collapse_spaces(&text.join(" "))
}

/// Single spaces, trimmed (NBSP kept: `« mot »` keeps its spacing).
fn collapse_spaces(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Guards against pathological nesting: when blocks nest deeper than
/// [`MAX_BLOCK_NESTING`] (an estimate from the tags alone), every block
/// tag becomes `<p>`, which never nests. The text survives, the block
/// structure is approximate; real pages are returned as they are.
fn flatten_deep_blocks(html: &str) -> Cow<'_, str> {
    // Each level of nesting opens with a `<`: a page with fewer cannot be
    // too deep, and counting them is far cheaper than reading the tags.
    if memchr::memchr_iter(b'<', html.as_bytes()).count() <= MAX_BLOCK_NESTING
    {
        return Cow::Borrowed(html);
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (_, _, closing, name) in block_tags(html) {
        // Optional end tags are often left out: not nesting.
        if matches!(name, "p" | "li" | "dd" | "dt") {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_BLOCK_NESTING {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (start, end, _, _) in block_tags(html) {
        out.push_str(&html[last..start]);
        out.push_str("<p>");
        last = end;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// The start and end tags of [`SCOPE_CHECKING_BLOCKS`] in `html`: (start,
/// end, is an end tag, lower-case name).
fn block_tags(
    html: &str,
) -> impl Iterator<Item = (usize, usize, bool, &'static str)> + '_ {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).filter_map(move |at| {
        let closing = bytes.get(at + 1) == Some(&b'/');
        let from = at + 1 + usize::from(closing);
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || len > 10 {
            return None;
        }
        let name = &bytes[from..from + len];
        let name = SCOPE_CHECKING_BLOCKS
            .iter()
            .find(|n| n.as_bytes().eq_ignore_ascii_case(name))?;
        let after = bytes.get(from + len)?;
        if !(after.is_ascii_whitespace() || matches!(after, b'>' | b'/')) {
            return None;
        }
        let end = from + len + memchr::memchr(b'>', &bytes[from + len..])?;
        Some((at, end + 1, closing, *name))
    })
}

/// The `<h1>` that titles the article, with its text: the first one of
/// the content that is not in furniture and does not name the site.
fn title_heading<'a>(
    root: NodeRefH<'a>,
    site: Option<&str>,
) -> Option<(NodeRefH<'a>, String)> {
    let site = site.map(simplify);
    root.descendants()
        .filter(|n| element_name(n) == Some("h1"))
        .filter(|&n| !in_furniture(n))
        .find_map(|n| {
            let text = subtree_text(n);
            let is_site = site.as_deref() == Some(simplify(&text).as_str());
            (!text.is_empty() && !is_site).then_some((n, text))
        })
}
