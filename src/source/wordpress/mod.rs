//! WordPress exports (WXR `.xml`) → one [`Entry`] per published post.
//!
//! The export is streamed with quick-xml: items are read one after the
//! other and no tree of the whole file is ever built, so memory grows
//! with the largest post, not with the export. Published posts are parsed
//! in batches on the rayon pool, in file order.
//!
//! - Recognised by its root: an `<rss>` that declares the WordPress
//!   export namespace (`http://wordpress.org/export/1.x/`), or holds a
//!   `<wp:wxr_version>` before its first item. Any other XML gives `None`
//!   (the file is then counted as ignored).
//! - An `<item>` whose `wp:post_type` is `post` and `wp:status` is
//!   `publish` is an article; every other item (pages, attachments, menu
//!   items, drafts, private posts…) is counted in
//!   [`Extracted::skipped`].
//! - Per article: key = `wp:post_name` (percent-decoded), else
//!   `wp:post_id`; title = `<title>`; author = the display name of the
//!   `dc:creator` login (from the export's `<wp:author>` list), else the
//!   login; date = `wp:post_date`, else `pubDate`; tags = the
//!   `<category>` texts of domains `category` and `post_tag`, in order,
//!   without duplicates and without WordPress's default "Uncategorized".
//! - The body (`content:encoded`) is HTML with WordPress's "autop"
//!   conventions (a blank line ends a paragraph, a single newline is a
//!   line break) and shortcodes. Shortcodes are removed first
//!   ([`strip_shortcodes`]); then the HTML parser reads it
//!   ([`super::html`]), title block first.
//! - Safe on hostile input: DTDs are never read and entities never
//!   expanded. The five XML entities and character references are
//!   decoded; any other `&name;` stays as written (an HTML entity such
//!   as `&eacute;` is then decoded by the HTML parser, an unknown one
//!   stays literal text), so a "billion laughs" file stays as small as
//!   it is. A syntax error ends the reading: the posts read so far are
//!   kept, with a warning.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Entry, Extracted, html};
use crate::meta::{Meta, parse_date};

/// Published posts parsed together on the rayon pool.
const BATCH: usize = 64;

/// Shortcode attributes longer than this are not a shortcode.
const MAX_SHORTCODE_BYTES: usize = 2000;

/// Shortcodes whose content is no prose either (code, media URLs): removed
/// with their content.
const OPAQUE_SHORTCODES: &[&str] = &[
    "audio",
    "code",
    "embed",
    "gallery",
    "playlist",
    "source",
    "sourcecode",
    "video",
    "wpvideo",
];

/// Shortcodes of WordPress and common plugins, removed even when they
/// have neither attributes nor a closing tag.
const KNOWN_SHORTCODES: &[&str] = &[
    "audio",
    "caption",
    "code",
    "contact-form",
    "contact-form-7",
    "embed",
    "gallery",
    "googlemaps",
    "playlist",
    "soundcloud",
    "source",
    "sourcecode",
    "tweet",
    "video",
    "vimeo",
    "wp_caption",
    "wpvideo",
    "youtube",
];

/// Category slugs WordPress gives a post filed nowhere.
const DEFAULT_CATEGORIES: &[&str] = &["uncategorized", "non-classe"];

/// Parses a WordPress export; `None` when the XML is not one.
pub fn parse(xml: &str) -> Option<Extracted> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut export = Export::default();
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                if !export.is_wxr {
                    return None;
                }
                export.warning = Some(format!(
                    "WordPress export unreadable past byte {}: {err}; \
                     the posts before it are kept",
                    reader.error_position()
                ));
                break;
            }
        };
        let go_on = match event {
            Event::Start(e) => export.start(&e),
            Event::Empty(e) => {
                let go_on = export.start(&e);
                export.end();
                go_on
            }
            Event::End(_) => {
                export.end();
                true
            }
            Event::Text(t) => {
                if let Ok(s) = t.xml10_content() {
                    export.text(&s);
                }
                true
            }
            Event::CData(t) => {
                if let Ok(s) = t.xml10_content() {
                    export.text(&s);
                }
                true
            }
            Event::GeneralRef(r) => {
                export.reference(&r);
                true
            }
            Event::Eof => break,
            _ => true,
        };
        if !go_on {
            return None;
        }
    }
    if !export.is_wxr {
        return None;
    }
    if export.item.is_some() && export.warning.is_none() {
        export.warning =
            Some("WordPress export ends inside an item: dropped".into());
    }
    export.parse_pending();
    let mut out = export.out;
    if let Some(w) = export.warning
        && let Some(last) = out.entries.last_mut()
    {
        last.parsed.meta.warnings.push(w);
    }
    Some(out)
}

/// Element names, with the prefixes the export binds to its namespaces.
#[derive(Debug)]
struct Names {
    creator: Vec<u8>,
    content: Vec<u8>,
    excerpt: Vec<u8>,
    post_id: Vec<u8>,
    post_date: Vec<u8>,
    post_name: Vec<u8>,
    status: Vec<u8>,
    post_type: Vec<u8>,
    wxr_version: Vec<u8>,
    author: Vec<u8>,
    author_login: Vec<u8>,
    author_display_name: Vec<u8>,
}

impl Names {
    fn new(wp: &str, content: &str, dc: &str, excerpt: &str) -> Names {
        let name = |prefix: &str, local: &str| {
            format!("{prefix}:{local}").into_bytes()
        };
        Names {
            creator: name(dc, "creator"),
            content: name(content, "encoded"),
            excerpt: name(excerpt, "encoded"),
            post_id: name(wp, "post_id"),
            post_date: name(wp, "post_date"),
            post_name: name(wp, "post_name"),
            status: name(wp, "status"),
            post_type: name(wp, "post_type"),
            wxr_version: name(wp, "wxr_version"),
            author: name(wp, "author"),
            author_login: name(wp, "author_login"),
            author_display_name: name(wp, "author_display_name"),
        }
    }
}

impl Default for Names {
    fn default() -> Names {
        Names::new("wp", "content", "dc", "excerpt")
    }
}

/// Which text is being collected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Creator,
    Content,
    PostId,
    PostDate,
    PubDate,
    PostName,
    Status,
    PostType,
    /// `excerpt:encoded`.
    Excerpt,
    /// A `<category>`: is it a tag to keep?
    Category(bool),
    AuthorLogin,
    AuthorDisplayName,
    WxrVersion,
}

/// An item as read, before parsing.
#[derive(Debug, Default)]
struct RawItem {
    title: String,
    creator: String,
    content: String,
    post_id: String,
    post_date: String,
    pub_date: String,
    post_name: String,
    status: String,
    post_type: String,
    /// `excerpt:encoded`: the author's summary.
    excerpt: String,
    /// Category names, with their nicename (the slug WordPress made).
    tags: Vec<(String, String)>,
}

impl RawItem {
    fn is_published_post(&self) -> bool {
        self.post_type.trim() == "post" && self.status.trim() == "publish"
    }
}

/// The reading state.
#[derive(Debug, Default)]
struct Export {
    names: Names,
    /// The root was seen.
    rooted: bool,
    is_wxr: bool,
    depth: usize,
    /// Depth of the open `<item>`.
    item_depth: Option<usize>,
    item: Option<RawItem>,
    /// Depth of the open channel-level `<wp:author>`.
    author_depth: Option<usize>,
    author: (String, String),
    /// The `nicename` of the open `<category>`.
    nicename: String,
    /// Login → display name.
    authors: FxHashMap<String, String>,
    /// The field being collected and its depth.
    field: Option<(Field, usize)>,
    buf: String,
    /// Published posts not parsed yet.
    pending: Vec<RawItem>,
    out: Extracted,
    warning: Option<String>,
}

impl Export {
    /// An element starts; `false` when the file turns out not to be a
    /// WordPress export.
    fn start(&mut self, e: &BytesStart<'_>) -> bool {
        self.depth += 1;
        let name = e.name();
        let name = name.as_ref();
        if !self.rooted {
            self.rooted = true;
            return name == b"rss" && self.read_root(e);
        }
        if self.field.is_some() {
            // Markup inside a field (unescaped HTML): its text counts.
            return true;
        }
        if let Some(item_depth) = self.item_depth {
            if self.depth == item_depth + 1 {
                self.start_item_field(name, e);
            }
            return true;
        }
        if name == b"item" {
            if !self.is_wxr {
                return false;
            }
            self.item_depth = Some(self.depth);
            self.item = Some(RawItem::default());
            return true;
        }
        if name == self.names.wxr_version.as_slice() {
            self.begin(Field::WxrVersion);
        } else if name == self.names.author.as_slice() {
            self.author_depth = Some(self.depth);
            self.author = Default::default();
        } else if self.author_depth.is_some_and(|d| self.depth == d + 1) {
            if name == self.names.author_login.as_slice() {
                self.begin(Field::AuthorLogin);
            } else if name == self.names.author_display_name.as_slice() {
                self.begin(Field::AuthorDisplayName);
            }
        }
        true
    }

    /// Reads the namespaces of the root `<rss>`. Always `true`: a WXR
    /// without them is still recognised by its `<wp:wxr_version>`.
    fn read_root(&mut self, e: &BytesStart<'_>) -> bool {
        let (mut wp, mut content, mut dc, mut excerpt) =
            (None, None, None, None);
        for attr in e.attributes().with_checks(false).flatten() {
            let key = attr.key.as_ref();
            let Some(prefix) = key.strip_prefix(b"xmlns:") else {
                continue;
            };
            let (Ok(prefix), Ok(uri)) = (
                std::str::from_utf8(prefix),
                std::str::from_utf8(&attr.value),
            ) else {
                continue;
            };
            let uri = uri.trim();
            let bare = uri
                .strip_prefix("http://")
                .or_else(|| uri.strip_prefix("https://"))
                .unwrap_or(uri);
            if let Some(version) = bare.strip_prefix("wordpress.org/export/") {
                let version = version.trim_end_matches('/');
                if version.split('.').all(|p| p.parse::<u32>().is_ok()) {
                    wp = Some(prefix.to_string());
                } else if version.strip_suffix("/excerpt").is_some_and(|v| {
                    v.split('.').all(|p| p.parse::<u32>().is_ok())
                }) {
                    excerpt = Some(prefix.to_string());
                }
            } else if bare == "purl.org/rss/1.0/modules/content/" {
                content = Some(prefix.to_string());
            } else if bare == "purl.org/dc/elements/1.1/" {
                dc = Some(prefix.to_string());
            }
        }
        self.is_wxr = wp.is_some();
        self.names = Names::new(
            wp.as_deref().unwrap_or("wp"),
            content.as_deref().unwrap_or("content"),
            dc.as_deref().unwrap_or("dc"),
            excerpt.as_deref().unwrap_or("excerpt"),
        );
        true
    }

    fn start_item_field(&mut self, name: &[u8], e: &BytesStart<'_>) {
        let n = &self.names;
        let field = if name == b"title" {
            Field::Title
        } else if name == n.creator.as_slice() {
            Field::Creator
        } else if name == n.content.as_slice() {
            Field::Content
        } else if name == n.excerpt.as_slice() {
            Field::Excerpt
        } else if name == n.post_id.as_slice() {
            Field::PostId
        } else if name == n.post_date.as_slice() {
            Field::PostDate
        } else if name == b"pubDate" {
            Field::PubDate
        } else if name == n.post_name.as_slice() {
            Field::PostName
        } else if name == n.status.as_slice() {
            Field::Status
        } else if name == n.post_type.as_slice() {
            Field::PostType
        } else if name == b"category" {
            let attr = |key: &str| {
                e.try_get_attribute(key)
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
            };
            let domain = attr("domain");
            let is_tag = matches!(
                domain.as_deref(),
                Some(b"category") | Some(b"post_tag")
            );
            let is_default = attr("nicename").is_some_and(|n| {
                DEFAULT_CATEGORIES.iter().any(|d| d.as_bytes() == n)
            });
            self.nicename = attr("nicename")
                .map(|n| String::from_utf8_lossy(&n).into_owned())
                .unwrap_or_default();
            Field::Category(is_tag && !is_default)
        } else {
            return;
        };
        self.begin(field);
    }

    fn begin(&mut self, field: Field) {
        self.field = Some((field, self.depth));
        self.buf.clear();
    }

    fn text(&mut self, s: &str) {
        if self.field.is_some() {
            self.buf.push_str(s);
        }
    }

    /// `&name;` or `&#n;`: the XML ones decoded, others kept as written.
    fn reference(&mut self, r: &BytesRef<'_>) {
        if self.field.is_none() {
            return;
        }
        if r.is_char_ref() {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                self.buf.push(c);
            }
            return;
        }
        let Ok(name) = r.decode() else {
            return;
        };
        let c = match name.as_ref() {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            other => {
                self.buf.push('&');
                self.buf.push_str(other);
                self.buf.push(';');
                return;
            }
        };
        self.buf.push(c);
    }

    fn end(&mut self) {
        let depth = self.depth;
        self.depth = depth.saturating_sub(1);
        if let Some((field, field_depth)) = self.field {
            if depth == field_depth {
                self.field = None;
                self.commit(field);
            }
            return;
        }
        if self.author_depth == Some(depth) {
            self.author_depth = None;
            let (login, display) = std::mem::take(&mut self.author);
            let (login, display) = (login.trim(), display.trim());
            if !login.is_empty() && !display.is_empty() {
                self.authors.insert(login.to_string(), display.to_string());
            }
        }
        if self.item_depth == Some(depth) {
            self.item_depth = None;
            let item = self.item.take().unwrap_or_default();
            if item.is_published_post() {
                self.pending.push(item);
                if self.pending.len() >= BATCH {
                    self.parse_pending();
                }
            } else {
                self.out.skipped += 1;
            }
        }
    }

    fn commit(&mut self, field: Field) {
        let text = std::mem::take(&mut self.buf);
        if field == Field::WxrVersion {
            self.is_wxr = true;
            return;
        }
        if field == Field::AuthorLogin {
            self.author.0 = text;
            return;
        }
        if field == Field::AuthorDisplayName {
            self.author.1 = text;
            return;
        }
        let Some(item) = self.item.as_mut() else {
            return;
        };
        match field {
            Field::Title => item.title = text,
            Field::Creator => item.creator = text,
            Field::Content => item.content = text,
            Field::PostId => item.post_id = text,
            Field::PostDate => item.post_date = text,
            Field::PubDate => item.pub_date = text,
            Field::PostName => item.post_name = text,
            Field::Status => item.status = text,
            Field::PostType => item.post_type = text,
            Field::Excerpt => item.excerpt = text,
            Field::Category(true) => {
                item.tags.push((text, std::mem::take(&mut self.nicename)));
            }
            _ => {}
        }
    }

    /// Parses the published posts read so far, in parallel, in order.
    fn parse_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let authors = &self.authors;
        let entries: Vec<Entry> = pending
            .into_par_iter()
            .map(|item| to_entry(item, authors))
            .collect();
        self.out.entries.extend(entries);
    }
}

/// One published post → its article.
fn to_entry(item: RawItem, authors: &FxHashMap<String, String>) -> Entry {
    let name = percent_decode(item.post_name.trim());
    let id = item.post_id.trim();
    let key = if !name.is_empty() {
        Some(name.into_owned())
    } else if !id.is_empty() {
        Some(id.to_string())
    } else {
        None
    };
    let mut meta = Meta::default();
    let title = html::html_to_text(&item.title);
    meta.title = (!title.is_empty()).then_some(title);
    let login = item.creator.trim();
    meta.author = authors
        .get(login)
        .map(|d| html::html_to_text(d))
        .filter(|d| !d.is_empty())
        .or_else(|| (!login.is_empty()).then(|| login.to_string()));
    meta.date =
        parse_date(&item.post_date).or_else(|| rfc822_date(&item.pub_date));
    for (name, nicename) in &item.tags {
        // The display name as written; a category without one is known
        // by its slug (`%c3%a9t%c3%a9` → `été`).
        let name = html::html_to_text(name);
        let name = if name.is_empty() {
            percent_decode(nicename.trim()).into_owned()
        } else {
            name
        };
        html::push_tag(&mut meta.tags, &name);
    }
    let excerpt = html::html_to_text(&item.excerpt);
    meta.description = (!excerpt.is_empty()).then_some(excerpt);
    let body = strip_shortcodes(&item.content);
    Entry {
        key,
        parsed: html::parse_fragment(&body, meta, true),
    }
}

/// `%c3%a9t%c3%a9` → `été` (WordPress stores non-ASCII slugs encoded).
/// Borrows when there is nothing to decode or the result is not UTF-8.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(decoded) => Cow::Owned(decoded),
        Err(_) => Cow::Borrowed(s),
    }
}

/// `Mon, 31 Oct 2011 17:17:58 +0000` → `2011-10-31`.
fn rfc822_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec",
    ];
    let words: Vec<&str> =
        s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    words.windows(3).find_map(|w| {
        let day: u32 = w[0].parse().ok()?;
        let month = MONTHS.iter().position(|m| {
            w[1].get(..3).is_some_and(|p| p.eq_ignore_ascii_case(m))
        })?;
        let year: u32 = w[2].parse().ok()?;
        let valid = (1..=31).contains(&day) && (1000..=9999).contains(&year);
        valid.then(|| format!("{year:04}-{:02}-{day:02}", month + 1))
    })
}

/// A shortcode tag found at the start of a string.
#[derive(Debug)]
struct Shortcode<'a> {
    /// Its name, as written.
    name: &'a str,
    /// `[/name]`.
    closing: bool,
    /// `[name /]`.
    self_closing: bool,
    /// Has `attr=value` attributes.
    has_attributes: bool,
    /// Bytes it spans.
    len: usize,
}

/// The shortcode tag `s` starts with, if any: `[name]`, `[name attrs]`,
/// `[name /]` or `[/name]`, the name made of ASCII letters, digits, `_`
/// and `-`, starting with a letter, and no `[` inside.
fn shortcode_at(s: &str) -> Option<Shortcode<'_>> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let start = if closing { 2 } else { 1 };
    if !b.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = start;
    while i < b.len()
        && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-')
    {
        i += 1;
    }
    let window = &b[i..b.len().min(i + MAX_SHORTCODE_BYTES)];
    let close = memchr::memchr(b']', window)?;
    let attrs = &s[i..i + close];
    let separated = attrs.is_empty()
        || attrs.starts_with(|c: char| c.is_whitespace())
        || attrs == "/";
    if !separated || attrs.contains('[') || (closing && !attrs.is_empty()) {
        return None;
    }
    Some(Shortcode {
        name: &s[start..i],
        closing,
        self_closing: attrs.trim_end().ends_with('/'),
        has_attributes: attrs.contains('='),
        len: i + close + 1,
    })
}

/// Removes WordPress shortcodes from a post body, which must never reach
/// sentences or tokens.
///
/// - `[caption …]<img …> Légende[/caption]`: the tags go, the caption
///   stays as a block of its own;
/// - `[embed]https://…[/embed]`, `[code]…[/code]`, `[sourcecode …]`,
///   `[gallery …]`, `[audio …]`, `[video …]`: removed with their
///   content;
/// - any other `[name …]`…`[/name]`: the tags go, the content stays; a
///   lone `[name attr="…"]` goes too.
///
/// Bracketed prose stays: `[sic]`, `[1]`, `[…]`, `[mod n]`.
pub fn strip_shortcodes(html: &str) -> Cow<'_, str> {
    if !html.contains('[') {
        return Cow::Borrowed(html);
    }
    // Names that are closed somewhere: their opening tags are shortcodes.
    let mut closed: FxHashSet<String> = FxHashSet::default();
    for (i, _) in html.match_indices("[/") {
        if let Some(tag) = shortcode_at(&html[i..]) {
            closed.insert(tag.name.to_ascii_lowercase());
        }
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(tag) = shortcode_at(tail) else {
            out.push('[');
            rest = &tail[1..];
            continue;
        };
        let name = tag.name.to_ascii_lowercase();
        let is_caption = name == "caption" || name == "wp_caption";
        let after = &tail[tag.len..];
        if tag.closing {
            if is_caption {
                out.push_str("</div>");
            }
            rest = after;
            continue;
        }
        let is_shortcode = KNOWN_SHORTCODES.contains(&name.as_str())
            || tag.has_attributes
            || tag.self_closing
            || closed.contains(&name);
        if !is_shortcode {
            out.push('[');
            rest = &tail[1..];
            continue;
        }
        rest = after;
        if OPAQUE_SHORTCODES.contains(&name.as_str()) && !tag.self_closing {
            if let Some(end) = closing_tag_end(after, &name) {
                rest = &after[end..];
            }
        } else if is_caption {
            out.push_str("<div>");
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where `[/name]` ends in `s` (`name` lower case), if it is there.
fn closing_tag_end(s: &str, name: &str) -> Option<usize> {
    s.match_indices("[/").find_map(|(i, _)| {
        let tag = shortcode_at(&s[i..])?;
        tag.name.eq_ignore_ascii_case(name).then_some(i + tag.len)
    })
}

#[cfg(test)]
mod tests;
