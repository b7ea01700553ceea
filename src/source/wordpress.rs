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
    fn new(wp: &str, content: &str, dc: &str) -> Names {
        let name = |prefix: &str, local: &str| {
            format!("{prefix}:{local}").into_bytes()
        };
        Names {
            creator: name(dc, "creator"),
            content: name(content, "encoded"),
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
        Names::new("wp", "content", "dc")
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
    tags: Vec<String>,
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
        let (mut wp, mut content, mut dc) = (None, None, None);
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
            Field::Category(true) => item.tags.push(text),
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
    for tag in &item.tags {
        html::push_tag(&mut meta.tags, &html::html_to_text(tag));
    }
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
mod tests {
    use super::*;
    use crate::source::BlockKind;

    fn export(items: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n\
             <rss version=\"2.0\"\n\
             \txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n\
             \txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n\
             \txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
             \txmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
             <channel><title>Blog</title>\n\
             <wp:wxr_version>1.2</wp:wxr_version>\n\
             <wp:author><wp:author_login><![CDATA[julie]]></wp:author_login>\
             <wp:author_display_name><![CDATA[Julie Roy]]>\
             </wp:author_display_name></wp:author>\n\
             {items}</channel></rss>\n"
        )
    }

    fn item(kind: &str, status: &str, name: &str, body: &str) -> String {
        format!(
            "<item><title>Titre {name}</title>\
             <dc:creator><![CDATA[julie]]></dc:creator>\
             <content:encoded><![CDATA[{body}]]></content:encoded>\
             <wp:post_id>7</wp:post_id>\
             <wp:post_date><![CDATA[2013-05-02 10:00:00]]></wp:post_date>\
             <wp:post_name><![CDATA[{name}]]></wp:post_name>\
             <wp:status><![CDATA[{status}]]></wp:status>\
             <wp:post_type><![CDATA[{kind}]]></wp:post_type>\
             <category domain=\"category\" nicename=\"jardin\">\
             <![CDATA[Jardin]]></category>\
             <category domain=\"post_tag\" nicename=\"sol\">Sol</category>\
             <category domain=\"category\" nicename=\"jardin\">\
             <![CDATA[jardin]]></category>\
             <category domain=\"category\" nicename=\"uncategorized\">\
             <![CDATA[Uncategorized]]></category>\
             <category domain=\"other\">Autre</category>\
             <wp:postmeta><wp:meta_key>_edit_last</wp:meta_key>\
             <wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>\
             </item>\n"
        )
    }

    fn texts(p: &super::super::Parsed) -> Vec<&str> {
        p.blocks.iter().map(|b| p.block_text(b)).collect()
    }

    #[test]
    fn only_published_posts() {
        let items = [
            item("post", "publish", "un", "Premier."),
            item("page", "publish", "page", "Une page."),
            item("attachment", "inherit", "image", ""),
            item("post", "draft", "", "Brouillon."),
            item("post", "private", "prive", "Privé."),
            item("nav_menu_item", "publish", "menu", ""),
            item("post", "publish", "", "Sans nom."),
        ]
        .concat();
        let x = parse(&export(&items)).expect("a WXR");
        assert_eq!(x.skipped, 5);
        let keys: Vec<Option<&str>> =
            x.entries.iter().map(|e| e.key.as_deref()).collect();
        assert_eq!(keys, [Some("un"), Some("7")]);
        let meta = &x.entries[0].parsed.meta;
        assert_eq!(meta.title.as_deref(), Some("Titre un"));
        assert_eq!(meta.author.as_deref(), Some("Julie Roy"));
        assert_eq!(meta.date.as_deref(), Some("2013-05-02"));
        assert_eq!(meta.tags, ["Jardin", "Sol"]);
        assert_eq!(texts(&x.entries[0].parsed), ["Titre un", "Premier."]);
        assert_eq!(x.entries[0].parsed.blocks[0].kind, BlockKind::Title);
    }

    #[test]
    fn not_wordpress() {
        let cases = [
            "<?xml version=\"1.0\"?><svg><title>x</title></svg>",
            "<rss version=\"2.0\"><channel><item><title>Flux</title>\
             </item></channel></rss>",
            "pas du XML du tout",
            "",
            "<rss xmlns:wp=\"http://exemple.fr/wp/\"><channel><item/>\
             </channel></rss>",
        ];
        for xml in cases {
            assert!(parse(xml).is_none(), "{xml}");
        }
        // Recognised by its version element alone.
        let xml = "<rss><channel><wp:wxr_version>1.1</wp:wxr_version>\
                   <item><wp:post_type>page</wp:post_type></item>\
                   </channel></rss>";
        assert_eq!(parse(xml).map(|x| x.skipped), Some(1));
    }

    #[test]
    fn autop_paragraphs_and_crlf() {
        let body = "Premier paragraphe\r\nsur deux lignes.\r\n\r\n\
                    Second paragraphe&nbsp;?\r\n\r\n\r\n<p>Un vrai \
                    paragraphe.</p>";
        let x = parse(&export(&item("post", "publish", "a", body))).unwrap();
        assert_eq!(
            texts(&x.entries[0].parsed),
            [
                "Titre a",
                "Premier paragraphe sur deux lignes.",
                "Second paragraphe\u{A0}?",
                "Un vrai paragraphe."
            ]
        );
    }

    #[test]
    fn entities_in_titles_and_bodies() {
        let xml = export(
            "<item><title>L&#039;été &amp;amp; l&amp;#8217;hiver &lt;3 \
             &eacute;</title><content:encoded>&lt;p&gt;Texte \
             &amp;eacute;crit.&lt;/p&gt;</content:encoded>\
             <wp:post_type>post</wp:post_type><wp:status>publish</wp:status>\
             </item>",
        );
        let x = parse(&xml).unwrap();
        let p = &x.entries[0].parsed;
        assert_eq!(p.meta.title.as_deref(), Some("L'été & l’hiver <3 é"));
        assert_eq!(texts(p)[1], "Texte écrit.");
    }

    #[test]
    fn shortcodes_are_removed() {
        let cases = [
            (
                "Avant [caption id=\"attachment_1\" align=\"alignleft\" \
                 width=\"300\"]<img src=\"a.jpg\" alt=\"\" /> La légende\
                 [/caption] après.",
                "Avant <div><img src=\"a.jpg\" alt=\"\" /> La légende</div> \
                 après.",
            ),
            ("Vidéo [embed]https://youtu.be/x[/embed] fin", "Vidéo  fin"),
            ("[gallery ids=\"1,2,3\"]Texte", "Texte"),
            ("[audio mp3=\"a.mp3\"][/audio]Texte", "Texte"),
            ("Voir [code lang=\"sh\"]rm -rf /[/code] ça", "Voir  ça"),
            ("[sourcecode language=\"php\"]echo 1;[/sourcecode]", ""),
            ("[note]Gardé[/note] [d3-source canvas=\"x\"]", "Gardé "),
            (
                "[sic] [1] […] [mod n] [Nak09] [a]b",
                "[sic] [1] […] [mod n] [Nak09] [a]b",
            ),
            ("[video src=\"v.mp4\" /] fin", " fin"),
            ("pas de crochet", "pas de crochet"),
            ("[", "["),
            ("[embed]jamais fermé", "jamais fermé"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_shortcodes(input), expected, "{input}");
        }
    }

    #[test]
    fn caption_text_is_its_own_block() {
        let body = "Un paragraphe.\n[caption id=\"a\" width=\"3\"]<img \
                    src=\"a.jpg\" alt=\"\"> Le compost mûr[/caption]\nSuite";
        let x = parse(&export(&item("post", "publish", "c", body))).unwrap();
        assert_eq!(
            texts(&x.entries[0].parsed),
            ["Titre c", "Un paragraphe.", "Le compost mûr", "Suite"]
        );
    }

    #[test]
    fn entity_bomb_is_not_expanded() {
        let mut xml = String::from(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n\
             <!ENTITY lol \"lol\">\n\
             <!ENTITY ext SYSTEM \"file:///etc/passwd\">\n",
        );
        for i in 1..10 {
            let prev = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            xml.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&{prev};").repeat(10)
            ));
        }
        xml.push_str("]>\n");
        let rest = export(
            "<item><title>&lol9; &ext;</title><content:encoded>&lol9;\
             </content:encoded><wp:post_type>post</wp:post_type>\
             <wp:status>publish</wp:status></item>",
        );
        xml.push_str(rest.split_once("?>\n").map_or("", |(_, r)| r));
        let started = std::time::Instant::now();
        let x = parse(&xml).expect("still a WXR");
        assert!(started.elapsed().as_secs() < 5);
        let p = &x.entries[0].parsed;
        assert!(p.text.len() < 100, "{}", p.text);
        assert!(!p.text.contains("root:"));
    }

    #[test]
    fn broken_xml_keeps_what_was_read() {
        let xml = export(&item("post", "publish", "a", "Texte."))
            .replace("</channel></rss>\n", "<item><title>coupé");
        let x = parse(&xml).unwrap();
        assert_eq!(x.entries.len(), 1);
        assert_eq!(x.entries[0].parsed.meta.warnings.len(), 1);
    }

    #[test]
    fn malformed_exports_never_panic() {
        let good = export(&item("post", "publish", "a", "Texte."));
        let cut = |n: usize| good.get(..n).unwrap_or(&good).to_string();
        let mut inputs: Vec<String> =
            (0..good.len()).step_by(37).map(cut).collect();
        inputs.extend(
            [
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><item>\
                 <content:encoded><![CDATA[jamais fermé",
                "<rss xmlns:wp=\"http://wordpress.org/export/1.1/\">\
                 <channel><item><title>a</b></item></item></rss></rss>",
                "<rss xmlns:wp=\"http://wordpress.org/export/1.0/\">\
                 <item><title>&#xD800; &#0; &#99999999; & &;</title>\
                 <wp:post_type>post</wp:post_type>\
                 <wp:status>publish</wp:status></item>",
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\" \
                 xmlns:wp=\"x\" wp=><<<>>>",
            ]
            .map(String::from),
        );
        for xml in &inputs {
            let _ = parse(xml);
        }
    }

    #[test]
    fn slugs_and_dates() {
        assert_eq!(percent_decode("%c3%a9t%c3%a9-2"), "été-2");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ff"), "%ff");
        assert_eq!(
            rfc822_date("Mon, 31 Oct 2011 17:17:58 +0000").as_deref(),
            Some("2011-10-31")
        );
        assert_eq!(rfc822_date("Mon, 30 Nov -0001 00:00:00 +0000"), None);
    }

    /// The team's real export, when `../shared` is there.
    #[test]
    fn bitcoin_france_export() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/wordpress/bitcoin-france.wordpress.xml"
        );
        let Ok(xml) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} not found");
            return;
        };
        let x = parse(&xml).expect("a WXR");
        // 307 items: 78 published posts; 24 drafts, 11 pages, 193
        // attachments and 1 contact form are skipped.
        assert_eq!(x.entries.len(), 78);
        assert_eq!(x.skipped, 24 + 11 + 193 + 1);
        for e in &x.entries {
            let p = &e.parsed;
            assert!(e.key.is_some());
            assert!(p.meta.title.is_some(), "{:?}", e.key);
            assert!(p.meta.date.is_some(), "{:?}", e.key);
            assert!(p.blocks.len() > 1, "{:?}", e.key);
            assert!(!p.text.contains("[caption"), "{:?}", e.key);
            let tag = p.text.as_bytes().windows(2).any(|w| {
                w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/')
            });
            assert!(!tag, "{:?}", e.key);
            assert!(!p.text.contains("http"), "{:?}", e.key);
        }
    }
}
