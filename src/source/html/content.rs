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

pub(super) type NodeRefH<'a> = NodeRef<'a, Node>;

pub(super) fn element_name<'a>(node: &NodeRefH<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
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
pub(super) fn content_root(doc: &Html) -> NodeRefH<'_> {
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
