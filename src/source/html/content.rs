//! Which part of a page is the post: the content root (the largest
//! `<article>`, else `<main>`, else `[role=main]`, else `<body>`), the
//! elements that are never prose or are page furniture, and the title
//! heading.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};

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

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
];

/// Class or id tokens of comment threads, share widgets and navigation
/// written without `<nav>`: what readers wrote below the post, buttons,
/// the titles of the pages before and after it and a table of contents
/// (which says the headings again) are not the post. Navigation: blog
/// themes' breadcrumbs, "previous/next post" links and page numbers
/// (WordPress's Kubrick and Twenty themes, Yoast); DocBook XSL's
/// `navheader`/`navfooter` tables and Texinfo's `nav-panel`, the
/// generators of most French technical documentation. Tables of
/// contents: DocBook's `toc`, kramdown's `markdown-toc`, WordPress's
/// Table of Contents Plus and Easy Table of Contents.
const SKIPPED_CLASSES: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "comment-list",
    "comment-respond",
    "commentlist",
    "comments",
    "comments-area",
    "ez-toc-container",
    "markdown-toc",
    "nav-links",
    "nav-panel",
    "navfooter",
    "navheader",
    "navigation",
    "pagination",
    "post-navigation",
    "respond",
    "share-buttons",
    "sharedaddy",
    "social-share",
    "table-of-contents",
    "toc",
    "toc_container",
];

pub(super) type NodeRefH<'a> = NodeRef<'a, Node>;

pub(super) fn element_name<'a>(node: &NodeRefH<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// The value of a plain (no namespace, no prefix) attribute, what
/// `Element::attr` gives, without interning `local` as an atom for each
/// lookup (interning costs more than the search on a page's few
/// attributes).
pub(super) fn plain_attr<'a>(e: &'a Element, local: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|(name, _)| {
            name.prefix.is_none()
                && name.ns.is_empty()
                && &*name.local == local
        })
        .map(|(_, value)| &**value)
}

/// Skipped wherever it is: furniture, hidden, or not prose.
pub(super) fn is_skipped(e: &Element) -> bool {
    let name = e.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    // One pass over the attributes: `Element::attr` interns the name and
    // searches the list again for each of the four.
    let hiding_attr = e.attrs.iter().any(|(name, value)| {
        if name.prefix.is_some() || !name.ns.is_empty() {
            return false;
        }
        match &*name.local {
            "hidden" => true,
            "aria-hidden" => value.trim() == "true",
            "style" => {
                let s: String =
                    value.chars().filter(|c| !c.is_whitespace()).collect();
                s.to_ascii_lowercase().contains("display:none")
            }
            "role" => SKIPPED_ROLES.contains(&value.trim()),
            _ => false,
        }
    });
    if hiding_attr {
        return true;
    }
    let id = e.id().is_some_and(|id| SKIPPED_CLASSES.contains(&id));
    id || e.classes().any(|c| SKIPPED_CLASSES.contains(&c))
}

/// Inside an element that never holds the article (navigation, asides,
/// footers, forms, hidden parts).
pub(super) fn in_furniture(node: NodeRefH<'_>) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| e.name() != "header" && is_skipped(e))
    })
}

/// The texts of prose under `node`, roughly (script and style excluded).
fn prose_texts<'a>(node: NodeRefH<'a>) -> impl Iterator<Item = &'a str> {
    node.descendants().filter_map(|n| {
        let t = n.value().as_text()?;
        let parent = n.parent().and_then(|p| element_name(&p));
        let code = parent.is_some_and(|p| {
            matches!(p, "script" | "style" | "template" | "noscript")
        });
        (!code).then_some(&**t)
    })
}

/// Letters of prose under `node`, roughly.
fn text_len(node: NodeRefH<'_>) -> usize {
    prose_texts(node)
        .map(|t| t.chars().filter(|c| c.is_alphabetic()).count())
        .sum()
}

/// `text_len(node) > 0`, stopping at the first letter.
fn has_letters(node: NodeRefH<'_>) -> bool {
    prose_texts(node).any(|t| t.chars().any(char::is_alphabetic))
}

/// The element that holds the article: the largest top-level
/// `<article>`, else `<main>`, else `[role=main]`, else `<body>`.
pub(super) fn content_root(doc: &Html) -> NodeRefH<'_> {
    let root = doc.tree.root();
    let mut articles = Vec::new();
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
                articles.push(node);
            }
            "main" if main.is_none() && !in_furniture(node) => {
                main = Some(node);
            }
            "body" if body.is_none() => body = Some(node),
            _ => {}
        }
        if role_main.is_none()
            && plain_attr(e, "role").is_some_and(|r| r.trim() == "main")
            && !in_furniture(node)
        {
            role_main = Some(node);
        }
    }
    // The largest article with letters, the first of equals; one alone
    // only needs a letter, not a count.
    let best = match articles[..] {
        [one] => has_letters(one).then_some(one),
        _ => {
            let mut best: Option<(usize, NodeRefH<'_>)> = None;
            for node in articles {
                let len = text_len(node);
                if len > 0 && best.is_none_or(|(b, _)| len > b) {
                    best = Some((len, node));
                }
            }
            best.map(|(_, node)| node)
        }
    };
    if let Some(article) = best {
        return article;
    }
    [main, role_main]
        .into_iter()
        .flatten()
        .find(|&n| has_letters(n))
        .or(body)
        .unwrap_or(root)
}
