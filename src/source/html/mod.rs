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
//! styles, `<noscript>`, `<template>`, navigation, headers (the `<h1>` of
//! a header is read as the title), footers, asides, forms, buttons, SVG,
//! frames, media, hidden elements, comment threads, HTML comments,
//! `<pre>` or `<code>`. Block elements end a block (headings, paragraphs,
//! list items, table rows, `<div>` text runs, captions, `<dt>`/`<dd>`);
//! inline elements keep their text as written, with no space added
//! ("<em>pra</em>tique" → "pratique"). `<br>` is a space, except after a
//! sentence-ending mark, where it ends the block: a list of questions
//! written one per line stays a list of lines, as in plain text. Image
//! alt texts are kept (not file names). Entities are decoded: `&nbsp;`
//! → U+00A0, `&rsquo;` → ’. URLs and e-mail addresses are dropped.
//!
//! Pages that nest blocks more than a thousand deep (never a real page;
//! html5ever would take quadratic time) are flattened first.
//!
//! [`parse_fragment`] reads an HTML fragment whose metadata is known (a
//! WordPress post body), with WordPress's "autop" convention: a blank
//! line ends a paragraph, a single newline is a `<br>`.

use std::borrow::Cow;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};
use serde_json::Value;

use super::{BlockKind, Parsed, push_prose};
use crate::meta::{Meta, french_date, parse_date, signature_author};
use crate::normalize::simplify;

/// Elements whose content is never prose.
const SKIPPED: &[&str] = &[
    "applet",
    "aside",
    "audio",
    "button",
    "canvas",
    "code",
    "datalist",
    "dialog",
    "embed",
    "footer",
    "form",
    "frame",
    "frameset",
    "head",
    "header",
    "iframe",
    "input",
    "kbd",
    "link",
    "listing",
    "map",
    "math",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "option",
    "plaintext",
    "pre",
    "samp",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "tt",
    "video",
    "xmp",
];

/// Skipped elements that also end the block they sit in.
const SKIPPED_BLOCKS: &[&str] = &[
    "aside",
    "dialog",
    "footer",
    "form",
    "header",
    "listing",
    "menu",
    "nav",
    "noscript",
    "plaintext",
    "pre",
    "xmp",
];

/// Elements that end a block.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
];

/// Class or id tokens of comment threads and share widgets: what readers
/// wrote below the post, or buttons, is not the post.
const SKIPPED_CLASSES: &[&str] = &[
    "comment-list",
    "comment-respond",
    "commentlist",
    "comments",
    "comments-area",
    "respond",
    "share-buttons",
    "sharedaddy",
    "social-share",
];

/// Separators between a page title and the site name, most telling
/// first.
const TITLE_SEPARATORS: &[&str] =
    &[" | ", " — ", " – ", " · ", " • ", " :: ", " » ", " - "];

/// JSON-LD documents are not read deeper than this.
const MAX_JSON_DEPTH: usize = 8;

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
    let doc = Html::parse_document(&flatten_deep_blocks(html));
    let page = PageMeta::read(&doc);
    let root = content_root(&doc);
    let mut meta = Meta::default();
    let title_h1 = title_heading(root, page.site_name.as_deref());
    let title_node = title_h1.as_ref().map(|(node, _)| node.id());
    meta.title = title_h1
        .map(|(_, title)| title)
        .or_else(|| page.title_from_head());
    meta.author = page.author(root);
    meta.date = page.date(root);
    meta.tags = page.tags(root);
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
    let doc = Html::parse_fragment(&flatten_deep_blocks(html));
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
    let doc = Html::parse_fragment(&flatten_deep_blocks(s));
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
        let name = html[from..from + len].to_ascii_lowercase();
        let name = SCOPE_CHECKING_BLOCKS.iter().find(|&&n| n == name)?;
        let after = bytes.get(from + len)?;
        if !(after.is_ascii_whitespace() || matches!(after, b'>' | b'/')) {
            return None;
        }
        let end = from + len + memchr::memchr(b'>', &bytes[from + len..])?;
        Some((at, end + 1, closing, *name))
    })
}

type NodeRefH<'a> = NodeRef<'a, Node>;

fn element_name<'a>(node: &NodeRefH<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Skipped wherever it is: furniture, hidden, or not prose.
fn is_skipped(e: &Element) -> bool {
    let name = e.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    if e.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        s.to_ascii_lowercase().contains("display:none")
    }) {
        return true;
    }
    if e.attr("role")
        .is_some_and(|r| SKIPPED_ROLES.contains(&r.trim()))
    {
        return true;
    }
    let id = e.id().is_some_and(|id| SKIPPED_CLASSES.contains(&id));
    id || e.classes().any(|c| SKIPPED_CLASSES.contains(&c))
}

/// Inside an element that never holds the article (navigation, asides,
/// footers, forms, hidden parts).
fn in_furniture(node: NodeRefH<'_>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.name() != "header" && is_skipped(e))
    })
}

/// Letters of prose under `node`, roughly (script and style excluded).
fn text_len(node: NodeRefH<'_>) -> usize {
    node.descendants()
        .filter_map(|n| {
            let t = n.value().as_text()?;
            let parent = n.parent().and_then(|p| element_name(&p));
            let code = parent.is_some_and(|p| {
                matches!(p, "script" | "style" | "template" | "noscript")
            });
            (!code).then(|| t.chars().filter(|c| c.is_alphabetic()).count())
        })
        .sum()
}

/// The element that holds the article: the largest top-level
/// `<article>`, else `<main>`, else `[role=main]`, else `<body>`.
fn content_root(doc: &Html) -> NodeRefH<'_> {
    let root = doc.tree.root();
    let mut best: Option<(usize, NodeRefH<'_>)> = None;
    let mut main = None;
    let mut role_main = None;
    let mut body = None;
    for node in root.descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "article" => {
                let nested = node
                    .ancestors()
                    .any(|a| element_name(&a) == Some("article"));
                if nested || in_furniture(node) {
                    continue;
                }
                let len = text_len(node);
                if len > 0 && best.is_none_or(|(b, _)| len > b) {
                    best = Some((len, node));
                }
            }
            "main" if main.is_none() && !in_furniture(node) => {
                main = Some(node);
            }
            "body" if body.is_none() => body = Some(node),
            _ => {}
        }
        if role_main.is_none()
            && e.attr("role").is_some_and(|r| r.trim() == "main")
            && !in_furniture(node)
        {
            role_main = Some(node);
        }
    }
    if let Some((_, article)) = best {
        return article;
    }
    [main, role_main]
        .into_iter()
        .flatten()
        .find(|&n| text_len(n) > 0)
        .or(body)
        .unwrap_or(root)
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

/// The prose of one element, on one line.
fn subtree_text(node: NodeRefH<'_>) -> String {
    let mut b = Builder::new(Meta::default(), false);
    b.walk(node);
    let text: Vec<&str> = b
        .parsed
        .blocks
        .iter()
        .map(|x| b.parsed.block_text(x))
        .collect();
    collapse_spaces(&text.join(" "))
}

/// What the page says about itself outside its prose.
#[derive(Debug, Default)]
struct PageMeta {
    html_title: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    author: Option<String>,
    article_author: Option<String>,
    published: Option<String>,
    date: Option<String>,
    article_tags: Vec<String>,
    keywords: Vec<String>,
    /// Objects of the page's JSON-LD, article types first.
    ld: Vec<Value>,
}

impl PageMeta {
    fn read(doc: &Html) -> PageMeta {
        let mut page = PageMeta::default();
        for node in doc.tree.root().descendants() {
            let Some(e) = node.value().as_element() else {
                continue;
            };
            match e.name() {
                "meta" => page.read_meta(e),
                "title" if page.html_title.is_none() => {
                    let in_head = node
                        .parent()
                        .is_some_and(|p| element_name(&p) == Some("head"));
                    if in_head {
                        let text: String = node
                            .children()
                            .filter_map(|c| c.value().as_text().map(|t| &**t))
                            .collect();
                        page.html_title = non_empty(collapse_spaces(&text));
                    }
                }
                "script" => {
                    let is_ld = e.attr("type").is_some_and(|t| {
                        t.trim().eq_ignore_ascii_case("application/ld+json")
                    });
                    if is_ld {
                        let text: String = node
                            .children()
                            .filter_map(|c| c.value().as_text().map(|t| &**t))
                            .collect();
                        if let Ok(v) = serde_json::from_str(text.trim()) {
                            collect_ld_objects(v, &mut page.ld, 0);
                        }
                    }
                }
                _ => {}
            }
        }
        // Article types first, so that their fields win over the site's.
        page.ld.sort_by_key(|v| !is_article_type(v));
        if page.site_name.is_none() {
            page.site_name = page
                .ld
                .iter()
                .find_map(|v| {
                    let ty = ld_type(v);
                    if ty.iter().any(|t| t == "WebSite" || t == "Organization")
                    {
                        v.get("name").and_then(ld_string)
                    } else {
                        v.get("publisher")
                            .and_then(|p| p.get("name"))
                            .and_then(ld_string)
                    }
                })
                .map(|s| html_to_text(&s));
        }
        page
    }

    fn read_meta(&mut self, e: &Element) {
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"));
        let (Some(key), Some(content)) = (key, e.attr("content")) else {
            return;
        };
        let key = key.trim().to_ascii_lowercase();
        let content = collapse_spaces(content);
        if content.is_empty() {
            return;
        }
        let slot = match key.as_str() {
            "og:title" | "twitter:title" => &mut self.og_title,
            "og:site_name" | "application-name" => &mut self.site_name,
            "author" | "dc.creator" | "dcterms.creator" => &mut self.author,
            "article:author" => &mut self.article_author,
            "article:published_time" | "datepublished" => &mut self.published,
            "date" | "dc.date" | "dc.date.issued" | "dcterms.created"
            | "dcterms.date" | "pubdate" | "publish-date" => &mut self.date,
            "article:tag" => {
                self.article_tags.push(content);
                return;
            }
            "keywords" | "news_keywords" => {
                self.keywords.extend(split_list(&content));
                return;
            }
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(content);
        }
    }

    /// The title from the page head: `og:title`, `<title>`, JSON-LD
    /// `headline`, the site suffix removed.
    fn title_from_head(&self) -> Option<String> {
        let site = self.site_name.as_deref();
        self.og_title
            .iter()
            .chain(&self.html_title)
            .map(|t| strip_site_suffix(t, site))
            .find(|t| !t.is_empty())
            .or_else(|| self.ld_field("headline").map(|h| html_to_text(&h)))
            .and_then(non_empty)
    }

    fn author(&self, root: NodeRefH<'_>) -> Option<String> {
        let from_rel = || {
            let in_root = rel_links(root, "author").into_iter().next();
            in_root.or_else(|| {
                let top = root.ancestors().last().unwrap_or(root);
                rel_links(top, "author").into_iter().next()
            })
        };
        let article_author = || {
            self.article_author
                .clone()
                .filter(|a| !a.contains("://") && !a.starts_with("www."))
        };
        self.author
            .clone()
            .or_else(|| self.ld_author())
            .or_else(from_rel)
            .or_else(article_author)
            .and_then(|a| clean_author(&a))
    }

    fn date(&self, root: NodeRefH<'_>) -> Option<String> {
        let time = || {
            root.descendants()
                .filter_map(|n| n.value().as_element())
                .filter(|e| e.name() == "time")
                .find_map(|e| e.attr("datetime").and_then(parse_date))
        };
        let time_text = || {
            root.descendants()
                .filter(|n| element_name(n) == Some("time"))
                .map(subtree_text)
                .find_map(|t| french_date(&t).or_else(|| parse_date(&t)))
        };
        self.published
            .as_deref()
            .and_then(parse_date)
            .or_else(time)
            .or_else(|| {
                self.ld_field("datePublished").and_then(|d| parse_date(&d))
            })
            .or_else(|| self.date.as_deref().and_then(parse_date))
            .or_else(time_text)
    }

    fn tags(&self, root: NodeRefH<'_>) -> Vec<String> {
        let ld_keywords = self
            .ld
            .iter()
            .find_map(|v| v.get("keywords"))
            .map(|k| match k {
                Value::Array(items) => {
                    items.iter().filter_map(ld_string).collect()
                }
                other => ld_string(other)
                    .map(|s| split_list(&s))
                    .unwrap_or_default(),
            })
            .unwrap_or_default();
        let mut tags = Vec::new();
        let all = self
            .article_tags
            .iter()
            .cloned()
            .chain(rel_links(root, "tag"))
            .chain(self.keywords.iter().cloned())
            .chain(ld_keywords);
        for tag in all {
            push_tag(&mut tags, &html_to_text(&tag));
        }
        tags
    }

    /// The first string value of `field` in the page's JSON-LD.
    fn ld_field(&self, field: &str) -> Option<String> {
        self.ld
            .iter()
            .find_map(|v| v.get(field).and_then(ld_string))
    }

    fn ld_author(&self) -> Option<String> {
        let author = self.ld.iter().find_map(|v| v.get("author"))?;
        self.ld_person(author, 0).map(|a| html_to_text(&a))
    }

    /// A person: a string, `{"name"}`, `{"@id"}` of another node, or the
    /// first of a list.
    fn ld_person(&self, v: &Value, depth: usize) -> Option<String> {
        if depth > 2 {
            return None;
        }
        match v {
            Value::String(s) => non_empty(s.trim().to_string()),
            Value::Array(items) => {
                items.iter().find_map(|i| self.ld_person(i, depth + 1))
            }
            Value::Object(map) => {
                if let Some(name) = map.get("name").and_then(ld_string) {
                    return Some(name);
                }
                let id = map.get("@id")?.as_str()?;
                let node = self.ld.iter().find(|n| {
                    n.get("@id").and_then(Value::as_str) == Some(id)
                        && n.get("name").is_some()
                })?;
                self.ld_person(node, depth + 1)
            }
            _ => None,
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// A comma-separated list (`keywords`), items trimmed.
fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(collapse_spaces)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Adds a tag unless it is empty or already there (case aside).
pub(crate) fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = collapse_spaces(tag);
    if tag.is_empty() || tag.chars().count() > 100 {
        return;
    }
    let lower = tag.to_lowercase();
    if !tags.iter().any(|t| t.to_lowercase() == lower) {
        tags.push(tag);
    }
}

/// Texts of the `<a rel="…">` links under `root` whose `rel` has
/// `token`.
fn rel_links(root: NodeRefH<'_>, token: &str) -> Vec<String> {
    root.descendants()
        .filter(|n| {
            n.value().as_element().is_some_and(|e| {
                e.name() == "a"
                    && e.attr("rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|t| t.eq_ignore_ascii_case(token))
                    })
            })
        })
        .map(subtree_text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// An author name, cleaned: "Par Julie Roy" → "Julie Roy"; `None` for
/// URLs, addresses and implausibly long strings.
fn clean_author(raw: &str) -> Option<String> {
    let name = collapse_spaces(raw);
    let name = signature_author(&name)
        .or_else(|| {
            name.strip_prefix("By ")
                .or_else(|| name.strip_prefix("by "))
                .map(str::to_string)
        })
        .unwrap_or(name);
    let plausible = !name.is_empty()
        && name.chars().count() <= 80
        && !name.contains("://")
        && !name.contains('@');
    plausible.then_some(name)
}

/// "Titre | Site" → "Titre": the longest part that is not the site name.
/// With the site name known, only a part naming it is removed.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = collapse_spaces(title);
    let site = site.map(simplify).filter(|s| !s.is_empty());
    for sep in TITLE_SEPARATORS {
        let (Some((head, tail)), Some((first, rest))) =
            (title.rsplit_once(sep), title.split_once(sep))
        else {
            continue;
        };
        if let Some(site) = &site {
            if simplify(tail) == *site {
                return head.trim().to_string();
            }
            if simplify(first) == *site {
                return rest.trim().to_string();
            }
            continue;
        }
        let kept = if head.chars().count() >= tail.chars().count() {
            head
        } else {
            rest
        };
        return kept.trim().to_string();
    }
    title
}

/// Objects of a JSON-LD document: the top one, list items, `@graph`
/// members.
fn collect_ld_objects(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > MAX_JSON_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                collect_ld_objects(item, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_ld_objects(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn ld_type(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(v: &Value) -> bool {
    ld_type(v)
        .iter()
        .any(|t| t.ends_with("Article") || t.ends_with("Posting"))
}

/// A JSON-LD scalar as text, entities decoded.
fn ld_string(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    non_empty(html_to_text(&s))
}

/// An alt text that is a file name is not prose: "IMG_1234.jpg",
/// "photo-2.png", "drapeau_europe", "depardieu-mammuth-007-450x270". One
/// hyphen is a word ("Bastiat-Proudhon"); two, without spaces, a slug.
fn is_file_name(alt: &str) -> bool {
    let lower = alt.trim().to_ascii_lowercase();
    let exts = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp"];
    exts.iter().any(|e| lower.ends_with(e))
        || (!lower.contains(char::is_whitespace)
            && (lower.contains('_') || lower.matches('-').count() >= 2))
}

/// A footnote call (`<sup><a href="#fn1">1</a></sup>`), which would glue
/// its number to the word before.
fn is_footnote_call(node: NodeRefH<'_>, e: &Element) -> bool {
    let marked = |e: &Element| {
        e.classes().any(|c| c.contains("footnote"))
            || e.attr("href").is_some_and(|h| {
                h.starts_with("#fn") || h.starts_with("#footnote")
            })
    };
    match e.name() {
        "a" => marked(e),
        "sup" => node.descendants().any(|n| {
            n.value().as_element().is_some_and(|e| {
                marked(e)
                    || (e.name() == "a"
                        && e.attr("href").is_some_and(|h| h.starts_with('#')))
            })
        }),
        _ => false,
    }
}

/// Ends a sentence: `.`, `!`, `?`, `…`, `:` or `;`, maybe followed by a
/// closing quote or bracket.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '»' | '”' | '"' | '’' | ')' | ']')
    })
    .ends_with(['.', '!', '?', '…', ':', ';'])
}

/// HTML's whitespace (NBSP is not: it stays in the text).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Turns the walk of an HTML tree into blocks of prose.
struct Builder {
    parsed: Parsed,
    /// Inline text of the block being read.
    buf: String,
    kind: BlockKind,
    /// Depth of list items.
    items: u32,
    /// WordPress "autop": newlines in text are line and paragraph breaks.
    autop: bool,
    /// Newlines in the current whitespace run (autop).
    newlines: u32,
    /// The `<h1>` already read as the title.
    title_node: Option<ego_tree::NodeId>,
    /// The site's name, [`simplify`]-ed: an `<h1>` saying it is a logo.
    site_name: Option<String>,
}

impl Builder {
    fn new(meta: Meta, autop: bool) -> Builder {
        Builder {
            parsed: Parsed {
                meta,
                ..Parsed::default()
            },
            buf: String::new(),
            kind: BlockKind::Paragraph,
            items: 0,
            autop,
            newlines: 0,
            title_node: None,
            site_name: None,
        }
    }

    fn push_title(&mut self) {
        if let Some(title) = self.parsed.meta.title.clone() {
            self.parsed.push_block(&title, BlockKind::Title);
        }
    }

    /// Reads the prose under `from`, without recursion.
    fn walk(&mut self, from: NodeRefH<'_>) {
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in from.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.text(t),
                        Node::Element(e) => {
                            // `skip` is `None` here: set it or leave it.
                            skip = (!self.open(node, e)).then(|| node.id());
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skip {
                        if id == node.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        self.close(e);
                    }
                }
            }
        }
        self.flush();
    }

    /// Starts an element; `false` when its content is to be skipped.
    fn open(&mut self, node: NodeRefH<'_>, e: &Element) -> bool {
        let name = e.name();
        // A blank line (autop) is one text node; newlines on both sides
        // of a tag are not.
        self.newlines = 0;
        if self.title_node == Some(node.id()) {
            self.flush();
            return false;
        }
        if is_footnote_call(node, e) {
            return false;
        }
        if is_skipped(e) {
            if SKIPPED_BLOCKS.contains(&name) {
                self.flush();
            } else {
                self.space();
            }
            return false;
        }
        match name {
            "br" => self.line_break(),
            "img" | "area" => {
                if let Some(alt) = e.attr("alt").filter(|a| !is_file_name(a)) {
                    self.space();
                    self.text(alt);
                    self.space();
                }
            }
            "td" | "th" => self.space(),
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.kind = match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        BlockKind::Heading
                    }
                    "li" => {
                        self.items += 1;
                        BlockKind::ListItem
                    }
                    _ => self.paragraph_kind(),
                };
            }
            _ => {}
        }
        true
    }

    fn close(&mut self, e: &Element) {
        let name = e.name();
        self.newlines = 0;
        match name {
            "td" | "th" => self.space(),
            "h1" if self.repeats_title() || self.names_site() => {
                self.buf.clear();
                self.kind = self.paragraph_kind();
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                if name == "li" {
                    self.items = self.items.saturating_sub(1);
                }
                self.kind = self.paragraph_kind();
            }
            _ => {}
        }
    }

    /// An `<h1>` that says the title again (a WordPress body, a page
    /// whose title came from its head).
    fn repeats_title(&self) -> bool {
        self.parsed.meta.title.as_deref().is_some_and(|t| {
            t.split_whitespace().eq(self.buf.split_whitespace())
        })
    }

    /// An `<h1>` that is the site's name (the logo of an old theme).
    fn names_site(&self) -> bool {
        self.site_name
            .as_deref()
            .is_some_and(|site| simplify(&self.buf) == site)
    }

    fn text(&mut self, t: &str) {
        for c in t.chars() {
            if !is_html_space(c) {
                self.newlines = 0;
                self.buf.push(c);
            } else if self.autop && c == '\n' {
                self.newlines += 1;
                if self.newlines >= 2 {
                    self.flush();
                } else {
                    self.line_break();
                }
            } else {
                self.space();
            }
        }
    }

    fn space(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
    }

    /// `<br>`: ends the block after a sentence, else a space.
    fn line_break(&mut self) {
        if ends_sentence(&self.buf) {
            self.flush();
        } else {
            self.space();
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.items > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        if !self.buf.trim().is_empty() {
            let mut prose = String::with_capacity(self.buf.len());
            push_prose(&self.buf, &mut prose);
            self.parsed.push_block(&prose, self.kind);
        }
        self.buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(p: &Parsed) -> Vec<(&str, BlockKind)> {
        p.blocks.iter().map(|b| (p.block_text(b), b.kind)).collect()
    }

    fn texts(p: &Parsed) -> Vec<&str> {
        p.blocks.iter().map(|b| p.block_text(b)).collect()
    }

    fn page(head: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
             {head}</head><body>{body}</body></html>"
        )
    }

    #[test]
    fn blocks_of_an_article() {
        let html = page(
            "<title>Le compost | Mon jardin</title>",
            "<nav><ul><li>Accueil</li><li>Contact</li></ul></nav>\
             <header><p>Mon jardin, le blog</p></header>\
             <article><header><h1>Le compost</h1><p>Par Julie</p></header>\
             <p>Un <em>bon</em> compost se fait <a href=\"/x\">vite</a>.</p>\
             <h2>Les étapes</h2><ul><li>Broyer</li><li>Mélanger<ul>\
             <li>les verts</li></ul></li></ul>\
             <blockquote><p>Une citation.</p></blockquote>\
             <div>Un texte libre<p>et un paragraphe.</p>la fin</div>\
             <table><tr><td>Azote</td><td>vert</td></tr></table>\
             <figure><img src=\"a.jpg\" alt=\"un bac à compost\">\
             <figcaption>Le bac.</figcaption></figure>\
             <dl><dt>Humus</dt><dd>Terre noire.</dd></dl>\
             <footer>Tags : jardin</footer></article>\
             <aside><h2>À lire aussi</h2><p>Autre billet</p></aside>\
             <footer>© 2024 Mon jardin</footer>",
        );
        let p = parse(&html);
        use BlockKind::*;
        assert_eq!(p.meta.title.as_deref(), Some("Le compost"));
        assert_eq!(
            blocks(&p),
            [
                ("Le compost", Title),
                ("Un bon compost se fait vite.", Paragraph),
                ("Les étapes", Heading),
                ("Broyer", ListItem),
                ("Mélanger", ListItem),
                ("les verts", ListItem),
                ("Une citation.", Paragraph),
                ("Un texte libre", Paragraph),
                ("et un paragraphe.", Paragraph),
                ("la fin", Paragraph),
                ("Azote vert", Paragraph),
                ("un bac à compost", Paragraph),
                ("Le bac.", Paragraph),
                ("Humus", Paragraph),
                ("Terre noire.", Paragraph),
            ]
        );
    }

    #[test]
    fn furniture_never_in_text() {
        let html = page(
            "<style>body{color:red}</style>\
             <script>var menu = 'navigation';</script>",
            "<header>Entête</header><nav>Navigation</nav>\
             <main><p>Le texte.</p><script>alert('script')</script>\
             <noscript>Activez javascript</noscript>\
             <template><p>Gabarit</p></template>\
             <!-- commentaire -->\
             <form><label>Courriel</label><button>Envoyer</button></form>\
             <svg><text>Dessin</text></svg>\
             <iframe src=\"x\">Cadre</iframe>\
             <aside>Encadré</aside>\
             <div hidden>Caché</div><span aria-hidden=\"true\">Icône</span>\
             <div style=\"display: none\">Invisible</div>\
             <div id=\"comments\"><p>Un lecteur a écrit</p></div>\
             <p>Suite.</p></main><footer>Pied de page</footer>",
        );
        let p = parse(&html);
        assert_eq!(texts(&p), ["Le texte.", "Suite."]);
    }

    #[test]
    fn code_is_dropped() {
        let html = page(
            "",
            "<main><p>La commande <code>ls -la</code> liste.</p>\
             <pre><code>rm -rf /</code></pre><p>Fin.</p></main>",
        );
        assert_eq!(texts(&parse(&html)), ["La commande liste.", "Fin."]);
    }

    #[test]
    fn inline_elements_add_no_space() {
        let cases = [
            ("<p><em>pra</em>tique</p>", "pratique"),
            (
                "<p>mot<a href=\"x\">lien</a> suivant</p>",
                "motlien suivant",
            ),
            ("<p>le XIX<sup>e</sup> siècle</p>", "le XIXe siècle"),
            ("<p>une<br>ligne</p>", "une ligne"),
            ("<p>un\n  texte\t\tespacé </p>", "un texte espacé"),
            ("<p>voir<sup><a href=\"#fn1\">1</a></sup>.</p>", "voir."),
            ("<p>écrire à <a href=\"mailto:a@b.fr\">a@b.fr</a>.</p>", {
                "écrire à ."
            }),
            (
                "<p><a href=\"https://x.fr\">https://x.fr</a> ici</p>",
                "ici",
            ),
            ("<p>photo <img src=\"x\" alt=\"IMG_1234.jpg\"> ici</p>", {
                "photo ici"
            }),
            ("<p><img alt=\"money-remittance-hk\">Bastiat</p>", "Bastiat"),
            ("<p><img alt=\"Bastiat-Proudhon\"></p>", "Bastiat-Proudhon"),
        ];
        for (body, expected) in cases {
            let p = parse(&page("", body));
            assert_eq!(texts(&p), [expected], "{body}");
        }
    }

    #[test]
    fn entities_are_decoded() {
        let body = "<p>L&rsquo;été &amp; l&#8217;hiver&nbsp;? &#xE9;t&eacute; \
                    &laquo;&#160;oui&#160;&raquo;</p>";
        let p = parse(&page("", body));
        assert_eq!(
            texts(&p),
            ["L’été & l’hiver\u{A0}? été «\u{A0}oui\u{A0}»"]
        );
        assert!(p.text.contains("hiver\u{A0}?"));
    }

    #[test]
    fn br_after_a_question_ends_the_line() {
        let body = "<p>Et vous&nbsp;?<br>Que faites-vous ?<br>\n\
                    Pourquoi ?<br>mais encore</p><p>une<br>phrase</p>";
        let p = parse(&page("", body));
        assert_eq!(
            texts(&p),
            [
                "Et vous\u{A0}?",
                "Que faites-vous ?",
                "Pourquoi ?",
                "mais encore",
                "une phrase"
            ]
        );
    }

    #[test]
    fn titles() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "<title>Le compost | Mon jardin</title>",
                "",
                Some("Le compost"),
            ),
            (
                "<title>Le compost – Mon jardin</title>",
                "",
                Some("Le compost"),
            ),
            ("<title>Mon jardin - Le compost du mois</title>", "", {
                Some("Le compost du mois")
            }),
            (
                "<title>Mon jardin</title>\
                 <meta property=\"og:title\" content=\"Le compost\">",
                "",
                Some("Le compost"),
            ),
            (
                "<meta property=\"og:site_name\" content=\"Mon jardin\">\
                 <title>Court | Mon jardin</title>",
                "",
                Some("Court"),
            ),
            (
                "<title>Titre de tête | Site</title>",
                "<main><h1>Titre du billet</h1><p>Texte.</p></main>",
                Some("Titre du billet"),
            ),
            (
                "<meta property=\"og:site_name\" content=\"Mon Jardin\">\
                 <title>Le compost | Mon jardin</title>",
                "<header><h1>Mon jardin</h1></header><p>Texte.</p>",
                Some("Le compost"),
            ),
            (
                "<script type=\"application/ld+json\">\
                 {\"@type\":\"BlogPosting\",\"headline\":\"L&#8217;été\"}\
                 </script>",
                "",
                Some("L’été"),
            ),
            ("", "<p>Sans titre.</p>", None),
        ];
        for (head, body, expected) in cases {
            let p = parse(&page(head, body));
            assert_eq!(p.meta.title.as_deref(), *expected, "{head} {body}");
            let first = p.blocks.first().map(|b| b.kind);
            assert_eq!(
                first == Some(BlockKind::Title),
                expected.is_some(),
                "{head}"
            );
        }
    }

    #[test]
    fn authors() {
        let ld = |json: &str| {
            format!("<script type=\"application/ld+json\">{json}</script>")
        };
        let cases: &[(String, &str, Option<&str>)] = &[
            ("<meta name=\"author\" content=\"Julie Roy\">".into(), "", {
                Some("Julie Roy")
            }),
            (ld(r#"{"@type":"Article","author":"Marc Petit"}"#), "", {
                Some("Marc Petit")
            }),
            (
                ld(r#"{"@type":"Article","author":{"name":"Marc Petit"}}"#),
                "",
                Some("Marc Petit"),
            ),
            (
                ld(r#"[{"@type":"Article","author":[{"name":"A B"},"C"]}]"#),
                "",
                Some("A B"),
            ),
            (
                ld(
                    r##"{"@graph":[{"@type":"BlogPosting","author":{"@id":"#p"}},
                      {"@type":"Person","@id":"#p","name":"Léa Dumas"}]}"##,
                ),
                "",
                Some("Léa Dumas"),
            ),
            (
                String::new(),
                "<article><p>Par <a rel=\"author\" href=\"/a\">Ève \
                 Martin</a></p><p>Texte.</p></article>",
                Some("Ève Martin"),
            ),
            (
                "<meta property=\"article:author\" \
                 content=\"https://facebook.com/x\">"
                    .into(),
                "",
                None,
            ),
            (
                "<meta property=\"article:author\" content=\"Paul\">".into(),
                "",
                Some("Paul"),
            ),
            (ld("{not json"), "", None),
        ];
        for (head, body, expected) in cases {
            let p = parse(&page(head, body));
            assert_eq!(p.meta.author.as_deref(), *expected, "{head}");
        }
    }

    #[test]
    fn dates() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "<meta property=\"article:published_time\" \
                 content=\"2024-03-12T08:30:00+01:00\">",
                "<article><time datetime=\"2020-01-01\">x</time></article>",
                Some("2024-03-12"),
            ),
            (
                "",
                "<aside><time datetime=\"2019-05-05\">a</time></aside>\
                 <article><p>Texte.</p><time datetime=\"2021-06-07\">\
                 7 juin</time></article>",
                Some("2021-06-07"),
            ),
            (
                "<script type=\"application/ld+json\">\
                 {\"datePublished\":\"2018-02-03\"}</script>",
                "",
                Some("2018-02-03"),
            ),
            ("<meta name=\"date\" content=\"03/02/2017\">", "", {
                Some("2017-02-03")
            }),
            ("", "<main><time>5 novembre 2024</time><p>T.</p></main>", {
                Some("2024-11-05")
            }),
            ("", "<p>Rien.</p>", None),
        ];
        for (head, body, expected) in cases {
            let p = parse(&page(head, body));
            assert_eq!(p.meta.date.as_deref(), *expected, "{head} {body}");
        }
    }

    #[test]
    fn tags() {
        let head = "<meta property=\"article:tag\" content=\"jardin\">\
                    <meta property=\"article:tag\" content=\"Compost\">\
                    <meta name=\"keywords\" content=\"compost, sol , \">";
        let body = "<article><p>Texte.</p><footer><a rel=\"tag\" href=\"/t\">\
                    potager</a></footer></article>\
                    <aside><a rel=\"tag\" href=\"/u\">nuage</a></aside>";
        let p = parse(&page(head, body));
        assert_eq!(p.meta.tags, ["jardin", "Compost", "potager", "sol"]);
    }

    #[test]
    fn largest_article_is_the_content() {
        let body = "<main><article><p>Court.</p></article>\
                    <article><h1>Le vrai</h1><p>Un texte bien plus long que \
                    l’autre.</p><section><h2>Articles récents</h2><ul>\
                    <li><article>Autre</article></li></ul></section>\
                    </article></main>";
        let p = parse(&page("", body));
        assert_eq!(
            texts(&p),
            [
                "Le vrai",
                "Un texte bien plus long que l’autre.",
                "Articles récents",
                "Autre"
            ]
        );
    }

    #[test]
    fn malformed_html_never_panics() {
        let inputs = [
            "",
            "<",
            "<p>non fermé <b>gras <i>mêlé</b> fin</i>",
            "<table><p>hors table<td>cellule</table>",
            "</div></div><p>texte</p></body></html></html>",
            "<h1><h1><h1>",
            "<script>never closed",
            "&#xFFFFFFFF; &#0; &bogus; &",
        ];
        for input in inputs {
            let _ = parse(input);
        }
        // Nested blocks would take html5ever minutes: flattened first.
        let started = std::time::Instant::now();
        let deep = "<div>".repeat(50_000) + "profond" + &"</div>".repeat(10);
        assert!(texts(&parse(&deep)).contains(&"profond"));
        let deep = "<blockquote><p>cité".repeat(20_000);
        assert_eq!(texts(&parse(&deep)).len(), 20_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        let deep = "<b>".repeat(50_000) + "gras";
        assert!(parse(&deep).text.contains("gras"));
    }

    #[test]
    fn fragments_with_autop() {
        let meta = Meta {
            title: Some("Titre".into()),
            ..Meta::default()
        };
        let body = "<h1>Titre</h1>Premier paragraphe\nsur deux lignes.\n\n\
                    Second paragraphe.\r\n\r\nUne question ?\nUne autre ?\n\
                    <ul>\n<li>un point</li>\n</ul>";
        let p = parse_fragment(body, meta, true);
        use BlockKind::*;
        assert_eq!(
            blocks(&p),
            [
                ("Titre", Title),
                ("Premier paragraphe sur deux lignes.", Paragraph),
                ("Second paragraphe.", Paragraph),
                ("Une question ?", Paragraph),
                ("Une autre ?", Paragraph),
                ("un point", ListItem),
            ]
        );
    }

    #[test]
    fn shallow_pages_are_not_flattened() {
        let html = "<div><div><p>un</p><ul><li>deux</ul></div></div>";
        assert!(matches!(flatten_deep_blocks(html), Cow::Borrowed(_)));
        let deep = "<DIV class=x>".repeat(1001) + "</div>";
        let flat = flatten_deep_blocks(&deep);
        assert_eq!(flat, "<p>".repeat(1002));
    }

    #[test]
    fn site_suffixes() {
        let cases = [
            ("Titre | Site", None, "Titre"),
            ("Site | Un titre plus long", None, "Un titre plus long"),
            ("Un - deux | Site", None, "Un - deux"),
            ("Sans séparateur", None, "Sans séparateur"),
            ("Compost - partie 2", Some("Jardin"), "Compost - partie 2"),
            ("Compost - Jardin", Some("jardin"), "Compost"),
        ];
        for (title, site, expected) in cases {
            assert_eq!(strip_site_suffix(title, site), expected, "{title}");
        }
    }

    #[test]
    fn short_html_to_text() {
        assert_eq!(
            html_to_text("L&#8217;été &amp; <b>lui</b>"),
            "L’été & lui"
        );
        assert_eq!(html_to_text("  deux   mots "), "deux mots");
    }
}
