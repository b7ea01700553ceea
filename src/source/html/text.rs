//! The walk of the content tree → blocks of prose: block elements end a
//! block, inline ones keep their text as written, `<br>` after a
//! sentence end ends the block, alt texts stay unless they are file
//! names.

use ego_tree::iter::Edge;
use scraper::Node;
use scraper::node::Element;

use super::collapse_spaces;
use super::content::{NodeRefH, is_skipped, plain_attr};
use crate::meta::Meta;
use crate::normalize::simplify;
use crate::source::{BlockKind, Parsed, push_prose};

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
            || plain_attr(e, "href").is_some_and(|h| {
                h.starts_with("#fn") || h.starts_with("#footnote")
            })
    };
    match e.name() {
        "a" => marked(e),
        "sup" => node.descendants().any(|n| {
            n.value().as_element().is_some_and(|e| {
                marked(e)
                    || (e.name() == "a"
                        && plain_attr(e, "href")
                            .is_some_and(|h| h.starts_with('#')))
            })
        }),
        _ => false,
    }
}

/// A permalink: a link to an anchor of the page whose text is a lone
/// sign, not a word (`<h2>Titre<a href="#titre">¶</a></h2>`, written by
/// Sphinx, by Jekyll and Hugo anchor plugins, by WordPress themes). Its
/// `¶`, `#`, `§` or `🔗` would end the heading, and the title, after its
/// `?`. A link with an image keeps the image's alt text.
fn is_permalink(node: NodeRefH<'_>, e: &Element) -> bool {
    if e.name() != "a"
        || !plain_attr(e, "href").is_some_and(|h| h.starts_with('#'))
    {
        return false;
    }
    let mut signs = false;
    for n in node.descendants() {
        match n.value() {
            Node::Text(t) => {
                if t.chars().any(char::is_alphanumeric) {
                    return false;
                }
                signs |= !t.trim().is_empty();
            }
            Node::Element(e) if e.name() == "img" => return false,
            _ => {}
        }
    }
    signs
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
pub(super) struct Builder {
    pub(super) parsed: Parsed,
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
    pub(super) title_node: Option<ego_tree::NodeId>,
    /// The site's name, [`simplify`]-ed: an `<h1>` saying it is a logo.
    pub(super) site_name: Option<String>,
}

impl Builder {
    pub(super) fn new(meta: Meta, autop: bool) -> Builder {
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

    pub(super) fn push_title(&mut self) {
        if let Some(title) = self.parsed.meta.title.clone() {
            self.parsed.push_block(&title, BlockKind::Title);
        }
    }

    /// Reads the prose under `from`, without recursion.
    pub(super) fn walk(&mut self, from: NodeRefH<'_>) {
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
        if is_footnote_call(node, e) || is_permalink(node, e) {
            return false;
        }
        if is_skipped(e) {
            // A skipped `<div>` (navigation, a table of contents) ends the
            // block before it, as a read one would.
            if SKIPPED_BLOCKS.contains(&name) || BLOCKS.contains(&name) {
                self.flush();
            } else {
                self.space();
            }
            return false;
        }
        match name {
            "br" => self.line_break(),
            "img" | "area" => {
                if let Some(alt) =
                    plain_attr(e, "alt").filter(|a| !is_file_name(a))
                {
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

    fn text(&mut self, mut t: &str) {
        // HTML's spaces are ASCII: copy each run of other characters at
        // once, then handle the space that ends it.
        while !t.is_empty() {
            let run = t.bytes().position(|b| is_html_space(char::from(b)));
            let end = run.unwrap_or(t.len());
            if end > 0 {
                self.newlines = 0;
                self.buf.push_str(&t[..end]);
            }
            let Some(at) = run else { break };
            let c = char::from(t.as_bytes()[at]);
            t = &t[at + 1..];
            if self.autop && c == '\n' {
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

/// The prose of one element, on one line.
pub(super) fn subtree_text(node: NodeRefH<'_>) -> String {
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
