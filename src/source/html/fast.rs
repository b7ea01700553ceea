//! A fast path for well-formed pages: builds the tree html5ever would
//! build, without its tokenizer's state machine and its tree builder's
//! insertion modes, or gives up (`None`) and leaves the page to
//! html5ever. The extraction then reads the same tree either way.
//!
//! The reader jumps from `<` to `<` with memchr and takes the text
//! between them whole. It accepts only what it models exactly, so that
//! the tree it returns is node for node the one `Html::parse_document`
//! (or `Html::parse_fragment`) returns, comments and doctype included:
//!
//! - the document's frame written out: an optional doctype, `<html>`,
//!   `<head>`…`</head>` holding only head elements (`<meta>`, `<link>`,
//!   `<base>`, `<title>`, `<style>`, `<script>`, `<noscript>`), then
//!   `<body>`; only spaces and comments between them and after
//!   `</body>`;
//! - in the body, every end tag closes the element opened last: no
//!   implied end tag (a `<p>` or `<li>` closed by the next block, a
//!   heading by another), no misnesting for the adoption agency, no
//!   start tag html5ever would ignore or reinterpret (a nested `<a>`,
//!   `<form>`, `<button>` or `<nobr>`, `<image>`, `</br>`, `</p>`
//!   without a `<p>`);
//! - tables made of row groups, rows and cells only, with nothing but
//!   spaces between them (html5ever moves other text before the table);
//!   the `<tbody>` it adds around rows written right in a `<table>`;
//! - inline SVG made of SVG elements (their names and attributes in
//!   SVG's case, XLink and XML namespaces), without HTML inside
//!   (`<foreignObject>`, or an HTML tag that ends the SVG), scripts or
//!   styles;
//! - no `<template>`, `<select>`, MathML, frames, `<object>`,
//!   `<plaintext>`, `<xmp>`, ruby annotations, `<caption>` or
//!   `<colgroup>`, each of which has tree-construction rules of its own;
//! - character references that end with `;` (named ones from
//!   html5ever's own table) and whose value is no parse error; a `&`
//!   that starts no name of the table stays as it is (`&id=` in a URL);
//!   a legacy name without `;` (`&copy`) gives up;
//! - scripts without `<!--` (the script data escape states); no NUL, no
//!   carriage return, no leading BOM (html5ever's input stream rewrites
//!   them; decoding already turned CRs into LFs); nesting under 512
//!   elements.
//!
//! Anything else, and any token it does not recognise, gives up. The
//! module's tests hold the two trees equal on every page it takes.

use ego_tree::{NodeId, Tree};
use html5ever::tendril::StrTendril as Html5Tendril;
use html5ever::{Attribute, LocalName, QualName, ns};
use memchr::memchr;
use scraper::node::{Comment, Doctype, Element, Text};
use scraper::{Html, Node, StrTendril};

mod names;

use self::names::{
    breaks_out_of_svg, closes_p, in_table_part, is_heading, is_special,
    lower_atom, svg_attribute, svg_name, unsupported,
};
#[cfg(test)]
pub(super) use crate::entities::LEGACY_MAX;
use crate::entities::decode;

/// Deeper pages are left to html5ever (and to the flattening before it).
const MAX_DEPTH: usize = 512;

/// Parses a whole page, or `None` when html5ever must.
pub(super) fn document(html: &str) -> Option<Html> {
    let mut html_doc = Html::new_document();
    let tree = Tree::with_capacity(Node::Document, node_estimate(html));
    let tree = Reader::new(html, tree, false).run()?;
    html_doc.tree = tree;
    Some(html_doc)
}

/// Parses a fragment in a `<body>` context, or `None` when html5ever
/// must.
pub(super) fn fragment(html: &str) -> Option<Html> {
    let mut tree = Tree::with_capacity(Node::Fragment, node_estimate(html));
    let root = tree.root().id();
    let html_name = LocalName::from("html");
    let html_id =
        append_element(&mut tree, root, html_name.clone(), Vec::new())?;
    let mut reader = Reader::new(html, tree, true);
    reader.stack.push((html_id, html_name));
    reader.mode = Mode::InBody;
    let tree = reader.run()?;
    let mut doc = Html::new_fragment();
    doc.tree = tree;
    Some(doc)
}

/// Room for the tree's nodes: an element a start and an end tag, and
/// up to a text between any two tags.
fn node_estimate(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes()).count() * 3 / 2 + 8
}

/// Where the reader stands in the document's frame.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Before the doctype and `<html>`.
    Initial,
    /// After the doctype, before `<html>`.
    BeforeHtml,
    /// After `<html>`, before `<head>`.
    BeforeHead,
    InHead,
    /// After `</head>`, before `<body>`.
    AfterHead,
    InBody,
    /// After `</body>`.
    AfterBody,
    /// After `</html>`.
    AfterAfterBody,
}

/// A tag as written: lower-case name, attributes in order, without
/// duplicates.
struct Tag {
    name: LocalName,
    attrs: Vec<(LocalName, Html5Tendril)>,
    end: bool,
    self_closing: bool,
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    tree: Tree<Node>,
    /// Open elements: id and name.
    stack: Vec<(NodeId, LocalName)>,
    mode: Mode,
    fragment: bool,
    /// Open `<p>`, `<a>`, `<button>`, `<form>`, `<nobr>` (in
    /// [`GUARDED`]'s order): a start tag that would close or reopen one
    /// gives up.
    open_p: u32,
    open_guarded: [u32; 4],
    /// After `<pre>` or `<listing>`: a newline right after is dropped.
    skip_lf: bool,
    /// Stack depths of the `<tbody>`s html5ever adds to rows written
    /// right in a `<table>`.
    implied_tbody: Vec<usize>,
    /// Stack depth of the open `<svg>` (its content is SVG, not HTML).
    svg_at: Option<usize>,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, tree: Tree<Node>, fragment: bool) -> Reader<'a> {
        Reader {
            src,
            pos: 0,
            tree,
            stack: Vec::new(),
            mode: Mode::Initial,
            fragment,
            open_p: 0,
            open_guarded: [0; 4],
            skip_lf: false,
            implied_tbody: Vec::new(),
            svg_at: None,
        }
    }

    fn run(mut self) -> Option<Tree<Node>> {
        let bytes = self.src.as_bytes();
        // html5ever drops a leading BOM.
        if memchr::memchr2(0, b'\r', bytes).is_some()
            || self.src.starts_with('\u{FEFF}')
        {
            return None;
        }
        while self.pos < bytes.len() {
            let lt = memchr(b'<', &bytes[self.pos..]).map(|i| self.pos + i);
            let text_end = lt.unwrap_or(bytes.len());
            if text_end > self.pos {
                let text = &self.src[self.pos..text_end];
                self.pos = text_end;
                self.text(text)?;
            }
            if lt.is_some() {
                self.markup()?;
            }
        }
        let done = match self.mode {
            Mode::InBody => true,
            Mode::AfterBody | Mode::AfterAfterBody => !self.fragment,
            _ => false,
        };
        done.then_some(self.tree)
    }

    fn current(&self) -> Option<NodeId> {
        self.stack.last().map(|(id, _)| *id)
    }

    fn current_name(&self) -> &str {
        self.stack.last().map_or("", |(_, name)| &**name)
    }

    /// Text between tags, character references decoded.
    fn text(&mut self, raw: &str) -> Option<()> {
        let decoded;
        let mut text = if memchr(b'&', raw.as_bytes()).is_some() {
            decoded = decode(raw)?;
            decoded.as_str()
        } else {
            raw
        };
        // Only the body takes text that is not all spaces.
        let blank = |t: &str| t.bytes().all(is_space);
        match self.mode {
            Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => {
                blank(text).then_some(())
            }
            Mode::InHead => {
                let head = self.current()?;
                blank(text).then(|| append_text(&mut self.tree, head, text))?
            }
            Mode::AfterHead => {
                let html = self.stack.first()?.0;
                blank(text).then(|| append_text(&mut self.tree, html, text))?
            }
            Mode::InBody => {
                // Text right in a table is moved before it ("foster
                // parenting"), unless it is all spaces.
                if in_table_part(self.current_name()) && !blank(text) {
                    return None;
                }
                if std::mem::take(&mut self.skip_lf) {
                    text = text.strip_prefix('\n').unwrap_or(text);
                }
                let at = self.current()?;
                if !text.is_empty() {
                    append_text(&mut self.tree, at, text)?;
                }
                Some(())
            }
            Mode::AfterBody | Mode::AfterAfterBody => {
                let body = self.stack.get(1)?.0;
                blank(text).then(|| append_text(&mut self.tree, body, text))?
            }
        }
    }

    /// At a `<`: a tag, a comment, a doctype, or a `<` that is text.
    fn markup(&mut self) -> Option<()> {
        let bytes = self.src.as_bytes();
        let next = bytes.get(self.pos + 1).copied();
        match next {
            Some(b) if b.is_ascii_alphabetic() => {
                self.skip_lf = false;
                let tag = self.read_tag()?;
                self.start_tag(tag)
            }
            Some(b'/') => {
                self.skip_lf = false;
                let tag = self.read_tag()?;
                self.end_tag(&tag.name)
            }
            Some(b'!') => {
                self.skip_lf = false;
                let rest = &bytes[self.pos + 2..];
                if rest.starts_with(b"--") {
                    self.comment()
                } else if rest.len() >= 7
                    && rest[..7].eq_ignore_ascii_case(b"doctype")
                {
                    self.doctype()
                } else {
                    None
                }
            }
            Some(b'?') => None,
            _ => {
                // Not a tag: the `<` is text.
                self.pos += 1;
                self.text("<")
            }
        }
    }

    fn comment(&mut self) -> Option<()> {
        let body_start = self.pos + 4;
        let rest = self.src.get(body_start..)?;
        // `<!-->` and `<!--->` end at once (an "abrupt" comment).
        if rest.starts_with('>') || rest.starts_with("->") {
            return None;
        }
        let len = find_comment_end(rest.as_bytes())?;
        let body = &rest[..len];
        // `--!>` would have ended the comment first.
        if body.contains("--!>") || body.ends_with("--!") {
            return None;
        }
        self.pos = body_start + len + 3;
        let parent = match self.mode {
            Mode::Initial | Mode::BeforeHtml | Mode::AfterAfterBody => {
                self.tree.root().id()
            }
            Mode::AfterBody | Mode::AfterHead | Mode::BeforeHead => {
                self.stack.first()?.0
            }
            Mode::InHead | Mode::InBody => self.current()?,
        };
        let node = Node::Comment(Comment {
            comment: StrTendril::from_slice(body),
        });
        self.tree.get_mut(parent)?.append(node);
        Some(())
    }

    /// `<!DOCTYPE name>`, with optional `PUBLIC "…" "…"` or `SYSTEM
    /// "…"` identifiers; only before `<html>`.
    fn doctype(&mut self) -> Option<()> {
        if self.mode != Mode::Initial {
            return None;
        }
        let rest = self.src.get(self.pos + 9..)?;
        let end = memchr(b'>', rest.as_bytes())?;
        let inner = &rest[..end];
        let mut words = Words { s: inner };
        if !inner.starts_with(is_space_char) {
            return None;
        }
        let name = words.word()?;
        if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let (mut public_id, mut system_id) = ("", "");
        match words.word() {
            None => {}
            Some(k) if k.eq_ignore_ascii_case("public") => {
                public_id = words.quoted()?;
                system_id = words.quoted().unwrap_or("");
            }
            Some(k) if k.eq_ignore_ascii_case("system") => {
                system_id = words.quoted()?;
            }
            Some(_) => return None,
        }
        if !words.s.bytes().all(is_space) {
            return None;
        }
        let node = Node::Doctype(Doctype {
            name: StrTendril::from_slice(&name.to_ascii_lowercase()),
            public_id: StrTendril::from_slice(public_id),
            system_id: StrTendril::from_slice(system_id),
        });
        self.tree.root_mut().append(node);
        self.mode = Mode::BeforeHtml;
        self.pos += 9 + end + 1;
        Some(())
    }

    /// Reads the tag at `pos` (`<name …>` or `</name>`) and moves past
    /// it.
    fn read_tag(&mut self) -> Option<Tag> {
        let bytes = self.src.as_bytes();
        let end_tag = bytes.get(self.pos + 1) == Some(&b'/');
        let mut at = self.pos + 1 + usize::from(end_tag);
        let name_len = bytes[at..]
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')?;
        let name = &bytes[at..at + name_len];
        if name.is_empty()
            || !name[0].is_ascii_alphabetic()
            || !name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        {
            return None;
        }
        let name = lower_atom(&self.src[at..at + name_len]);
        at += name_len;
        let mut attrs: Vec<(LocalName, Html5Tendril)> = Vec::new();
        let mut self_closing = false;
        loop {
            while bytes.get(at).copied().is_some_and(is_space) {
                at += 1;
            }
            match bytes.get(at)? {
                b'>' => {
                    at += 1;
                    break;
                }
                // A self-closing flag changes nothing for an HTML element
                // (void ones have no content anyway).
                b'/' if !end_tag && bytes.get(at + 1) == Some(&b'>') => {
                    at += 2;
                    self_closing = true;
                    break;
                }
                _ if end_tag => return None,
                _ => {}
            }
            let (attr, value, next) = read_attribute(self.src, at)?;
            if !attrs.iter().any(|(n, _)| *n == attr) {
                attrs.push((attr, value));
            }
            at = next;
        }
        self.pos = at;
        Some(Tag {
            name,
            attrs,
            end: end_tag,
            self_closing,
        })
    }

    fn start_tag(&mut self, tag: Tag) -> Option<()> {
        debug_assert!(!tag.end);
        match self.mode {
            Mode::Initial | Mode::BeforeHtml if &*tag.name == "html" => {
                let root = self.tree.root().id();
                let name = tag.name.clone();
                let id =
                    append_element(&mut self.tree, root, name, tag.attrs)?;
                self.stack.push((id, tag.name));
                self.mode = Mode::BeforeHead;
                Some(())
            }
            Mode::BeforeHead if &*tag.name == "head" => {
                self.push(tag)?;
                self.mode = Mode::InHead;
                Some(())
            }
            Mode::InHead => match &*tag.name {
                "meta" | "link" | "base" | "basefont" | "bgsound" => {
                    self.void(tag)
                }
                "title" | "style" | "script" | "noscript" | "noframes" => {
                    self.raw_text(tag)
                }
                _ => None,
            },
            Mode::AfterHead if &*tag.name == "body" => {
                self.push(tag)?;
                self.mode = Mode::InBody;
                Some(())
            }
            Mode::InBody => self.body_start_tag(tag),
            _ => None,
        }
    }

    fn body_start_tag(&mut self, tag: Tag) -> Option<()> {
        let name: &str = &tag.name;
        if self.svg_at.is_some() {
            return self.svg_start_tag(tag);
        }
        if in_table_part(self.current_name()) {
            return self.table_start_tag(tag);
        }
        if closes_p(name) && self.open_p > 0 {
            return None;
        }
        match name {
            "meta" | "link" | "base" | "basefont" | "bgsound" | "area"
            | "br" | "embed" | "img" | "keygen" | "wbr" | "input" | "hr"
            | "param" | "source" | "track" => self.void(tag),
            "title" | "style" | "script" | "noscript" | "noframes"
            | "iframe" | "noembed" | "textarea" => self.raw_text(tag),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if is_heading(self.current_name()) {
                    return None;
                }
                self.push(tag)
            }
            "li" | "dd" | "dt" => {
                // An open item of the same list would be closed.
                let closes = |open: &str| match name {
                    "li" => open == "li",
                    _ => open == "dd" || open == "dt",
                };
                for (_, open) in self.stack.iter().rev() {
                    if closes(open) {
                        return None;
                    }
                    if is_special(open)
                        && !matches!(&**open, "address" | "div" | "p")
                    {
                        break;
                    }
                }
                self.push(tag)
            }
            "pre" | "listing" => {
                self.push(tag)?;
                self.skip_lf = true;
                Some(())
            }
            _ if guarded(name).is_some_and(|i| self.open_guarded[i] > 0) => {
                None
            }
            "svg" => {
                if self.stack.len() >= MAX_DEPTH {
                    return None;
                }
                let self_closing = tag.self_closing;
                let parent = self.current()?;
                let id = append_svg(&mut self.tree, parent, tag)?;
                if !self_closing {
                    self.svg_at = Some(self.stack.len());
                    self.stack.push((id, "svg".into()));
                }
                Some(())
            }
            _ if unsupported(name) => None,
            _ => self.push(tag),
        }
    }

    /// A start tag inside an `<svg>`: SVG elements, whose names and
    /// attributes html5ever writes in SVG's case. Not an HTML element
    /// (which would end the SVG), nor anything inside `<foreignObject>`,
    /// `<desc>` or `<title>` (read as HTML), nor `<script>` or `<style>`.
    fn svg_start_tag(&mut self, tag: Tag) -> Option<()> {
        let current = self.current_name();
        let html_inside =
            matches!(current, "foreignObject" | "desc" | "title");
        if html_inside
            || breaks_out_of_svg(&tag.name)
            || matches!(&*tag.name, "script" | "style" | "font")
            || self.stack.len() >= MAX_DEPTH
        {
            return None;
        }
        let self_closing = tag.self_closing;
        let parent = self.current()?;
        let id = append_svg(&mut self.tree, parent, tag)?;
        if !self_closing {
            let name = self.tree.get(id)?.value().as_element()?;
            self.stack.push((id, name.name.local.clone()));
        }
        Some(())
    }

    /// A start tag right in a table, its row groups or rows: only the
    /// table's own structure (a row outside a row group gets the
    /// `<tbody>` html5ever makes for it); anything else would be moved
    /// before the table.
    fn table_start_tag(&mut self, tag: Tag) -> Option<()> {
        let current = self.current_name();
        match (current, &*tag.name) {
            ("table", "tbody" | "thead" | "tfoot") => self.push(tag),
            ("table", "tr") => {
                self.push(Tag {
                    name: LocalName::from("tbody"),
                    attrs: Vec::new(),
                    end: false,
                    self_closing: false,
                })?;
                self.implied_tbody.push(self.stack.len());
                self.push(tag)
            }
            ("tbody" | "thead" | "tfoot", "tr") | ("tr", "td" | "th") => {
                self.push(tag)
            }
            _ => None,
        }
    }

    fn end_tag(&mut self, name: &str) -> Option<()> {
        if let Some(svg_at) = self.svg_at {
            // SVG names compare without case.
            if !self.current_name().eq_ignore_ascii_case(name)
                || name == "br"
                || name == "p"
            {
                return None;
            }
            self.stack.pop();
            if self.stack.len() == svg_at {
                self.svg_at = None;
            }
            return Some(());
        }
        match (self.mode, name) {
            (Mode::InHead, "head") => {
                self.stack.pop();
                self.mode = Mode::AfterHead;
                Some(())
            }
            (Mode::InBody, "body" | "html") if !self.fragment => {
                if self.stack.len() != 2 || self.current_name() != "body" {
                    return None;
                }
                self.mode = if name == "body" {
                    Mode::AfterBody
                } else {
                    Mode::AfterAfterBody
                };
                Some(())
            }
            (Mode::AfterBody, "html") => {
                self.mode = Mode::AfterAfterBody;
                Some(())
            }
            (Mode::InBody, "table")
                if self.implied_tbody.last() == Some(&self.stack.len()) =>
            {
                // `</table>` closes the `<tbody>` it implied.
                self.implied_tbody.pop();
                self.stack.pop();
                self.end_tag(name)
            }
            (Mode::InBody, "tbody")
                if self.implied_tbody.last() == Some(&self.stack.len()) =>
            {
                None
            }
            (Mode::InBody, _) => {
                if self.current_name() != name
                    || matches!(name, "body" | "html" | "br")
                {
                    return None;
                }
                self.stack.pop();
                if name == "p" {
                    self.open_p = self.open_p.saturating_sub(1);
                }
                if let Some(i) = guarded(name) {
                    self.open_guarded[i] =
                        self.open_guarded[i].saturating_sub(1);
                }
                Some(())
            }
            _ => None,
        }
    }

    /// Appends an element to the current node and opens it.
    fn push(&mut self, tag: Tag) -> Option<()> {
        if self.stack.len() >= MAX_DEPTH {
            return None;
        }
        let parent = self.current()?;
        let name = tag.name.clone();
        let id = append_element(&mut self.tree, parent, name, tag.attrs)?;
        if &*tag.name == "p" {
            self.open_p += 1;
        }
        if let Some(i) = guarded(&tag.name) {
            self.open_guarded[i] += 1;
        }
        self.stack.push((id, tag.name));
        Some(())
    }

    /// Appends an element that has no content.
    fn void(&mut self, tag: Tag) -> Option<()> {
        let parent = self.current()?;
        append_element(&mut self.tree, parent, tag.name, tag.attrs)?;
        Some(())
    }

    /// An element whose content is text up to its end tag (`<script>`,
    /// `<style>`…); `<title>`'s has its character references decoded.
    fn raw_text(&mut self, tag: Tag) -> Option<()> {
        let rest = &self.src[self.pos..];
        let len = find_end_tag(rest, &tag.name)?;
        let content = &rest[..len];
        let escape = || {
            memchr::memchr_iter(b'<', content.as_bytes())
                .any(|i| content[i..].starts_with("<!--"))
        };
        if &*tag.name == "script" && escape() {
            return None;
        }
        let parent = self.current()?;
        let rcdata = matches!(&*tag.name, "title" | "textarea");
        let decoded;
        let mut text = if rcdata && content.contains('&') {
            decoded = decode(content)?;
            decoded.as_str()
        } else {
            content
        };
        if &*tag.name == "textarea" {
            // Its first newline is dropped, as after `<pre>`.
            text = text.strip_prefix('\n').unwrap_or(text);
        }
        let id = append_element(&mut self.tree, parent, tag.name, tag.attrs)?;
        if !text.is_empty() {
            append_text(&mut self.tree, id, text)?;
        }
        // Past `</name>`.
        let close = memchr(b'>', &rest.as_bytes()[len..])?;
        self.pos += len + close + 1;
        Some(())
    }
}

/// Splits a doctype into words and quoted strings.
struct Words<'a> {
    s: &'a str,
}

impl<'a> Words<'a> {
    fn word(&mut self) -> Option<&'a str> {
        let s = self.s.trim_start_matches(is_space_char);
        let end = s.find(is_space_char).unwrap_or(s.len());
        self.s = &s[end..];
        (end > 0).then(|| &s[..end])
    }

    fn quoted(&mut self) -> Option<&'a str> {
        let s = self.s.trim_start_matches(is_space_char);
        let quote = s.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let end = s[1..].find(quote)? + 1;
        self.s = &s[end + 1..];
        Some(&s[1..end])
    }
}

/// The length of the raw text before `</name>` (any case, then spaces
/// and `>`), or `None` when it never comes.
fn find_end_tag(rest: &str, name: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut from = 0;
    loop {
        let at = from + memchr(b'<', &bytes[from..])?;
        if bytes.get(at + 1) != Some(&b'/') {
            from = at + 1;
            continue;
        }
        let after = &bytes[at + 2..];
        if after.len() > name.len()
            && after[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            let tail = &after[name.len()..];
            let spaces = tail.iter().take_while(|&&b| is_space(b)).count();
            match tail[0] {
                b'>' => return Some(at),
                b if is_space(b) => {
                    // Attributes on an end tag are ignored: give up.
                    return (tail.get(spaces) == Some(&b'>')).then_some(at);
                }
                b'/' => return None,
                _ => {}
            }
        }
        from = at + 2;
    }
}

/// Where `-->` starts in a comment's text (memchr on `>`: a searcher
/// for the three bytes costs more to set up than the short search).
fn find_comment_end(rest: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', rest)
        .find(|&i| i >= 2 && &rest[i - 2..i] == b"--")
        .map(|i| i - 2)
}

/// One attribute at `at`: lower-case name, decoded value, and where the
/// next one may start.
fn read_attribute(
    src: &str,
    mut at: usize,
) -> Option<(LocalName, Html5Tendril, usize)> {
    let bytes = src.as_bytes();
    let len = bytes[at..]
        .iter()
        .position(|&b| is_space(b) || matches!(b, b'/' | b'>' | b'='))?;
    let name = &bytes[at..at + len];
    if name.is_empty()
        || !name
            .iter()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<'))
    {
        return None;
    }
    let name = lower_atom(&src[at..at + len]);
    at += len;
    while bytes.get(at).copied().is_some_and(is_space) {
        at += 1;
    }
    if bytes.get(at) != Some(&b'=') {
        return Some((name, Html5Tendril::new(), at));
    }
    at += 1;
    while bytes.get(at).copied().is_some_and(is_space) {
        at += 1;
    }
    let (raw, next) = match bytes.get(at)? {
        &q @ (b'"' | b'\'') => {
            let len = memchr(q, &bytes[at + 1..])?;
            let next = at + 1 + len + 1;
            // Attributes are separated by spaces.
            let after = *bytes.get(next)?;
            if !(is_space(after) || after == b'/' || after == b'>') {
                return None;
            }
            (&src[at + 1..at + 1 + len], next)
        }
        b'>' => return None,
        _ => {
            let len =
                bytes[at..].iter().position(|&b| is_space(b) || b == b'>')?;
            let raw = &src[at..at + len];
            if raw
                .bytes()
                .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'))
            {
                return None;
            }
            (raw, at + len)
        }
    };
    let value = if memchr(b'&', raw.as_bytes()).is_some() {
        Html5Tendril::from(decode(raw)?)
    } else {
        Html5Tendril::from_slice(raw)
    };
    Some((name, value, next))
}

fn append_element(
    tree: &mut Tree<Node>,
    parent: NodeId,
    name: LocalName,
    attrs: Vec<(LocalName, Html5Tendril)>,
) -> Option<NodeId> {
    let attrs = attrs
        .into_iter()
        .map(|(name, value)| Attribute {
            name: QualName::new(None, ns!(), name),
            value,
        })
        .collect();
    let name = QualName::new(None, ns!(html), name);
    let node = Node::Element(Element::new(name, attrs));
    Some(tree.get_mut(parent)?.append(node).id())
}

/// Appends an SVG element, its name and attributes adjusted as
/// html5ever does.
fn append_svg(
    tree: &mut Tree<Node>,
    parent: NodeId,
    tag: Tag,
) -> Option<NodeId> {
    let attrs = tag
        .attrs
        .into_iter()
        .map(|(name, value)| Attribute {
            name: svg_attribute(&name),
            value,
        })
        .collect();
    let name =
        QualName::new(None, ns!(svg), LocalName::from(svg_name(&tag.name)));
    let node = Node::Element(Element::new(name, attrs));
    Some(tree.get_mut(parent)?.append(node).id())
}

/// Appends text to `parent`, joined to its last child when that is text
/// (as html5ever's tree sink does).
fn append_text(
    tree: &mut Tree<Node>,
    parent: NodeId,
    text: &str,
) -> Option<()> {
    let mut parent = tree.get_mut(parent)?;
    if let Some(mut last) = parent.last_child()
        && let Node::Text(t) = last.value()
    {
        t.text.push_slice(text);
        return Some(());
    }
    parent.append(Node::Text(Text {
        text: StrTendril::from_slice(text),
    }));
    Some(())
}

/// Elements that a second one, opened inside, would close or make
/// ignored: `<a>` (the adoption agency), `<button>`, `<form>` (ignored
/// while one is open), `<nobr>`.
const GUARDED: [&str; 4] = ["a", "button", "form", "nobr"];

fn guarded(name: &str) -> Option<usize> {
    GUARDED.iter().position(|g| *g == name)
}

/// HTML's whitespace (CR never reaches here).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C')
}

fn is_space_char(c: char) -> bool {
    c.is_ascii() && is_space(c as u8)
}
