//! Markdown (`.md`, `.markdown`) → [`Parsed`], with pulldown-cmark.
//!
//! Front matter (YAML `---` or TOML `+++`, or Pico CMS's YAML between
//! `/*` and `*/` lines) gives the metadata. The Markdown itself is
//! parsed for real, and only prose is kept: headings,
//! paragraphs, list items, table rows, block quotes, link texts and image
//! alt texts. Fenced and indented code, inline code, raw HTML and HTML
//! comments, autolinks, bare URLs and e-mail addresses are dropped, and so
//! are Liquid/Jinja tags (`{% … %}`, `{{ … }}`, whole
//! `{% highlight %}…{% endhighlight %}` blocks) and kramdown attribute
//! lists (`{: .class}`), which are removed before parsing, and so are the
//! fence lines of Markdown containers (`::: lead`, `:::info`, Pandoc's
//! `::: {.note}`, `::::`, the closing `:::`) outside fenced code, each
//! replaced by a blank line so that what they enclose is a block of its
//! own rather than text glued to `::: lead`. A link reference definition
//! (`[id]: https://… "Titre"`) right under a paragraph's line gets a blank
//! line before it: CommonMark's cannot interrupt a paragraph, and would be
//! read as its text, where kramdown and Python-Markdown take a definition.
//!
//! The title is the front matter's `title`, else a leading `# heading`.

use std::borrow::Cow;

use pulldown_cmark::{
    Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::html::html_to_text;
use super::text::push_text;
use super::{BlockKind, Parsed};
use crate::meta;

/// Parses a Markdown post.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::for_source(text);
    let mut body = text;
    if let Some((kind, fm, rest)) = meta::split_front_matter(text) {
        meta::read_front_matter(kind, fm, &mut parsed.meta);
        body = rest;
    }
    if let Some(title) = parsed.meta.title.clone() {
        parsed.push_block(&title, BlockKind::Title);
    }
    let body = strip_template_syntax(body);
    let body = strip_line_markup(&body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut b = Builder {
        parsed,
        buf: String::new(),
        kind: BlockKind::Paragraph,
        skip: 0,
        items: 0,
        links: Vec::new(),
        heading: None,
        html: String::new(),
    };
    for event in Parser::new_ext(&body, options) {
        b.event(event);
    }
    b.flush();
    b.parsed.release_spare_room();
    b.parsed
}

/// Turns pulldown-cmark events into blocks of prose.
struct Builder {
    parsed: Parsed,
    buf: String,
    kind: BlockKind,
    /// Inside something whose text is not prose (code, HTML, autolink).
    skip: u32,
    /// Depth of list items.
    items: u32,
    /// For each open link: whether its text is skipped.
    links: Vec<bool>,
    heading: Option<HeadingLevel>,
    /// The HTML block being read, for its figure captions.
    html: String,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.skip == 0 => push_text(&t, &mut self.buf),
            Event::Code(_) | Event::InlineHtml(_) | Event::SoftBreak
                if self.skip == 0 =>
            {
                self.buf.push(' ')
            }
            Event::HardBreak => self.buf.push('\n'),
            Event::Html(h) => self.html.push_str(&h),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.kind = self.paragraph_kind();
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.kind = BlockKind::Heading;
                self.heading = Some(level);
            }
            Tag::Item => {
                self.flush();
                self.items += 1;
                self.kind = BlockKind::ListItem;
            }
            Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) => self.flush(),
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.flush();
                self.skip += 1;
            }
            Tag::Link { link_type, .. } => {
                let skipped =
                    matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.skip += u32::from(skipped);
                self.links.push(skipped);
            }
            Tag::Image { .. } => self.buf.push(' '),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableHead | TagEnd::TableRow => {
                self.flush()
            }
            TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                self.flush()
            }
            TagEnd::Heading(level) => {
                let is_title = level == HeadingLevel::H1
                    && self.parsed.meta.title.is_none()
                    && self.parsed.blocks.is_empty();
                if is_title {
                    let title =
                        self.buf.split_whitespace().collect::<Vec<_>>();
                    let title = title.join(" ");
                    if !title.is_empty() {
                        self.parsed.meta.title = Some(title);
                        self.kind = BlockKind::Title;
                    }
                } else if self.is_duplicate_title() {
                    self.buf.clear();
                }
                self.flush();
                self.heading = None;
            }
            TagEnd::Item => {
                self.flush();
                self.items = self.items.saturating_sub(1);
                self.kind = self.paragraph_kind();
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::HtmlBlock => {
                self.skip = self.skip.saturating_sub(1);
                self.push_captions();
            }
            TagEnd::Link if self.links.pop() == Some(true) => {
                self.skip = self.skip.saturating_sub(1);
            }
            TagEnd::TableCell | TagEnd::Image => self.buf.push(' '),
            _ => {}
        }
    }

    /// The captions of the HTML block just read (`<figure>…<figcaption>Le
    /// bac</figcaption></figure>`), each a paragraph: the author's prose,
    /// where the rest of a raw HTML block (embeds, widgets) is not.
    fn push_captions(&mut self) {
        let html = std::mem::take(&mut self.html);
        let mut rest = html.as_str();
        while let Some(open) =
            memchr::memmem::find(rest.as_bytes(), b"<figcaption")
        {
            rest = &rest[open + "<figcaption".len()..];
            let Some(gt) = rest.find('>') else { break };
            if !rest[..gt].is_empty()
                && !rest.starts_with([' ', '\t', '\n', '\r'])
            {
                continue; // `<figcaptions>`: another element.
            }
            rest = &rest[gt + 1..];
            let end = memchr::memmem::find(rest.as_bytes(), b"</figcaption")
                .unwrap_or(rest.len());
            self.parsed
                .push_block(&html_to_text(&rest[..end]), BlockKind::Paragraph);
            rest = &rest[end..];
        }
    }

    /// A first `# heading` that repeats the front-matter title.
    fn is_duplicate_title(&self) -> bool {
        self.heading == Some(HeadingLevel::H1)
            && self.parsed.blocks.len() == 1
            && self.parsed.meta.title.as_deref().is_some_and(|t| {
                t.split_whitespace().eq(self.buf.split_whitespace())
            })
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.items > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        // push_block trims, and skips what is left empty.
        self.parsed.push_block(&self.buf, self.kind);
        self.buf.clear();
        if self.kind == BlockKind::Title || self.kind == BlockKind::Heading {
            self.kind = self.paragraph_kind();
        }
    }
}

/// Removes Liquid/Jinja tags and kramdown attribute lists from Markdown
/// source, and whole `{% highlight %}` and `{% comment %}` blocks.
/// Borrows when there is nothing to remove.
pub fn strip_template_syntax(src: &str) -> Cow<'_, str> {
    // memchr's search is vectorised, `str::find(char)`'s is not.
    let next_brace = |s: &str| memchr::memchr(b'{', s.as_bytes());
    if next_brace(src).is_none() {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(open) = next_brace(rest) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let (close_pat, is_tag) = if tail.starts_with("{%") {
            ("%}", true)
        } else if tail.starts_with("{{") {
            ("}}", false)
        } else if tail.starts_with("{:") || is_attribute_list(tail) {
            ("}", false)
        } else {
            out.push('{');
            rest = &tail[1..];
            continue;
        };
        let opener =
            if is_tag || tail.starts_with("{{") || tail.starts_with("{:") {
                2
            } else {
                1
            };
        let Some(close) =
            find_ascii(&tail[opener..], close_pat).map(|i| i + opener)
        else {
            out.push_str(tail);
            return Cow::Owned(out);
        };
        let inner = tail[opener..close].trim();
        let mut next = &tail[close + close_pat.len()..];
        if inner == "toc" && tail.starts_with("{:") {
            drop_toc_list_line(&mut out);
        }
        if is_tag {
            let name = inner.trim_start_matches('-').split_whitespace().next();
            let end_tag = match name {
                Some("highlight") => Some("endhighlight"),
                Some("comment") => Some("endcomment"),
                _ => None,
            };
            if let Some(end_tag) = end_tag {
                next = skip_past_end_tag(next, end_tag);
            }
        }
        rest = next;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Rewrites, outside fenced code, the lines of Markdown dialects that
/// CommonMark would read as prose:
/// - the fence lines of containers (markdown-it-container's `::: name`,
///   Pandoc's fenced divs `::: {.class}` and their closing `:::`, with
///   three colons or more) are blanked: the line is markup, and left in
///   place it glues `::: lead` and the closing `:::` to the container's
///   first and last paragraphs. A blank line in its place makes the
///   content blocks of their own, as a renderer does;
/// - a link reference or footnote definition (`[id]: url "Titre"`)
///   right under a line of text gets a blank line before it: CommonMark's
///   definitions cannot interrupt a paragraph, so the definitions listed
///   under an image or a paragraph, as kramdown and Python-Markdown
///   allow, would be the paragraph's text, titles and all;
/// - abbreviation definitions (`*[HTML]: Hyper Text Markup Language` of
///   PHP Markdown Extra, kramdown and Python-Markdown) are blanked: a
///   renderer shows them nowhere but in the abbreviations' tooltips;
/// - an admonition's first line (Python-Markdown's `!!! note "Titre"`,
///   or `!!! "Titre" text…` with the text on the same line) becomes its
///   title alone, a block of its own, and the text after it another:
///   the marker and the class names are markup. The lines indented under
///   a first line without text are the admonition's body: they lose four
///   spaces (or a tab), else CommonMark would read them as indented
///   code and drop them;
/// - a table of contents' marker alone on its line (Python-Markdown's
///   `[TOC]`, GitLab's `[[_TOC_]]`, any case) is blanked: a renderer puts
///   the headings there, which billet reads where they stand.
///
/// Borrows when there is nothing to rewrite.
pub fn strip_line_markup(src: &str) -> Cow<'_, str> {
    if !may_hold_line_markup(src.as_bytes()) {
        return Cow::Borrowed(src);
    }
    let mut out = String::new();
    // Fenced code being read: its fence character and length.
    let mut code: Option<(u8, usize)> = None;
    // The line before is text a definition would be glued to.
    let mut after_text = false;
    // Inside an admonition's indented body.
    let mut admonition_body = false;
    let mut copied = 0;
    let mut at = 0;
    while at < src.len() {
        let mut start = at;
        at = memchr::memchr(b'\n', &src.as_bytes()[at..])
            .map_or(src.len(), |i| at + i + 1);
        let mut line = &src[start..at];
        if admonition_body {
            let dedent = if line.starts_with("    ") {
                4
            } else {
                usize::from(line.starts_with('\t'))
            };
            if dedent > 0 {
                out.push_str(&src[copied..start]);
                start += dedent;
                copied = start;
                line = &line[dedent..];
            } else if !line.trim().is_empty() {
                admonition_body = false;
            }
        }
        // Most lines are text, told at their first byte after spaces and
        // tabs when it is plain ASCII (other bytes go the long way).
        let lead = line.bytes().find(|&b| b != b' ' && b != b'\t');
        if lead.is_some_and(|b| {
            b > b' '
                && b < 0x80
                && !matches!(b, b'[' | b'*' | b'!' | b':' | b'`' | b'~')
        }) {
            after_text |= code.is_none();
            continue;
        }
        // Code fences are looked for at any indentation (inside a list
        // item they sit deeper): a line wrongly taken for code is kept.
        let trimmed = line.trim_start();
        // The same test past other leading whitespace.
        let first = trimmed.as_bytes().first();
        if !matches!(
            first,
            None | Some(b'[' | b'*' | b'!' | b':' | b'`' | b'~')
        ) {
            after_text |= code.is_none();
            continue;
        }
        let eol = if line.ends_with("\r\n") {
            "\r\n"
        } else if line.ends_with('\n') {
            "\n"
        } else {
            ""
        };
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        if let Some((c, len)) = code {
            if run(c) >= len && trimmed[run(c)..].trim().is_empty() {
                code = None;
            }
            continue;
        }
        // A backtick fence's info string has no backtick (else the line
        // is an inline code span).
        if let Some(c) = [b'`', b'~'].into_iter().find(|&c| {
            run(c) >= 3 && (c == b'~' || !trimmed[run(c)..].contains('`'))
        }) {
            code = Some((c, run(c)));
            after_text = false;
            continue;
        }
        if is_container_fence(line)
            || is_abbreviation(line)
            || is_toc_marker(line)
        {
            out.push_str(&src[copied..start]);
            out.push_str(eol);
            copied = at;
            after_text = false;
        } else if let Some((title, text)) = admonition(line) {
            let eol = if eol.is_empty() { "\n" } else { eol };
            out.push_str(&src[copied..start]);
            // Blank lines around the title: a block of its own.
            out.push_str(eol);
            out.push_str(title);
            out.push_str(eol);
            out.push_str(eol);
            copied = start + text;
            after_text = !line[text..].trim().is_empty();
            admonition_body = !after_text;
            if admonition_body {
                copied = at;
            }
        } else if is_definition(line) {
            if after_text {
                out.push_str(&src[copied..start]);
                out.push_str(if eol.is_empty() { "\n" } else { eol });
                copied = start;
            }
            after_text = false;
        } else {
            after_text = !trimmed.trim_end().is_empty();
        }
    }
    if copied == 0 {
        return Cow::Borrowed(src);
    }
    out.push_str(&src[copied..]);
    Cow::Owned(out)
}

/// Whether `src` holds any of what [`strip_line_markup`] rewrites: `:::`,
/// `]:`, `!!!`, or `toc]`/`toc_]` in any case; one pass over its `:`,
/// `!` and `]`.
fn may_hold_line_markup(src: &[u8]) -> bool {
    memchr::memchr3_iter(b':', b'!', b']', src).any(|i| {
        let next = |k: usize| src.get(i + k).copied();
        match src[i] {
            b':' => next(1) == Some(b':') && next(2) == Some(b':'),
            b'!' => next(1) == Some(b'!') && next(2) == Some(b'!'),
            _ => {
                let before = &src[..i];
                let tail =
                    |n: usize| &before[before.len().saturating_sub(n)..];
                next(1) == Some(b':')
                    || tail(3).eq_ignore_ascii_case(b"toc")
                    || tail(4).eq_ignore_ascii_case(b"toc_")
            }
        }
    })
}

/// A container's fence line: at most three spaces, three colons or
/// more, then anything (a class name, `{.class #id}`, a title, more
/// colons) or nothing.
fn is_container_fence(line: &str) -> bool {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    indent <= 3 && line[indent..].starts_with(":::")
}

/// An admonition's first line: at most three spaces, `!!!`, then either
/// class names and an optional `"title"` alone on the line
/// (`!!! note "Titre"`, `!!! danger`), or a `"title"` and text
/// (`!!! "Titre" Le texte…`). Its title (empty without one) and where
/// the text after it starts.
fn admonition(line: &str) -> Option<(&str, usize)> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 || !line[indent..].starts_with("!!!") {
        return None;
    }
    let blank = |b: u8| b == b' ' || b == b'\t';
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let bytes = line.as_bytes();
    let mut i = indent + 3;
    if !bytes.get(i).is_some_and(|&b| blank(b)) {
        return None;
    }
    let mut classes = false;
    loop {
        let from = i;
        while i < bytes.len() && blank(bytes[i]) {
            i += 1;
        }
        let spaced = i > from;
        let class_start = i;
        while i < bytes.len() && word(bytes[i]) {
            i += 1;
        }
        if i == class_start {
            break;
        }
        if !spaced {
            return None;
        }
        classes = true;
    }
    let mut title = "";
    if bytes.get(i) == Some(&b'"') {
        let close = memchr::memchr(b'"', &bytes[i + 1..])? + i + 1;
        title = line[i + 1..close].trim();
        i = close + 1;
    } else if !classes {
        return None;
    }
    let text = i + line[i..].len() - line[i..].trim_start().len();
    if classes && !line[text..].trim().is_empty() {
        return None;
    }
    Some((title, text))
}

/// A link reference or footnote definition's first line: at most three
/// spaces, `[label]:` (a label without `]`), then a space, a tab or the
/// line's end.
fn is_definition(line: &str) -> bool {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    indent <= 3 && is_label(&line[indent..])
}

/// A table of contents' marker alone on its line: `[TOC]`, `[[_TOC_]]`.
fn is_toc_marker(line: &str) -> bool {
    let t = line.trim();
    t.eq_ignore_ascii_case("[toc]") || t.eq_ignore_ascii_case("[[_toc_]]")
}

/// An abbreviation's definition: at most three spaces, `*`, then what
/// [`is_definition`] reads (`*[HTML]: Hyper Text Markup Language`).
fn is_abbreviation(line: &str) -> bool {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    indent <= 3
        && line[indent..].starts_with("*[")
        && is_label(&line[indent + 1..])
}

/// `[label]:` (a label without `]`) at the start of `s`, then a space, a
/// tab or the line's end.
fn is_label(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('[') else {
        return false;
    };
    let Some(close) = memchr::memchr(b']', rest.as_bytes()) else {
        return false;
    };
    close > 0
        && matches!(
            rest.as_bytes()[close + 1..],
            [b':'] | [b':', b' ' | b'\t' | b'\r' | b'\n', ..]
        )
}

/// A Pandoc/kramdown attribute list without the colon: `{.class}`,
/// `{#id}`, `{.a .b}` on one line.
fn is_attribute_list(tail: &str) -> bool {
    // The list ends on its own line: look no further than the line's end.
    let bytes = tail.as_bytes();
    let Some(close) = memchr::memchr2(b'}', b'\n', bytes) else {
        return false;
    };
    if bytes[close] == b'\n' {
        return false;
    }
    let inner = &tail[1..close];
    (inner.starts_with('.') || inner.starts_with('#'))
        && inner.len() > 1
        && inner.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '.' | '#' | '-' | '_' | ' ' | '=' | '"')
        })
}

/// Where the ASCII pattern `pat` first starts in `s`, as `str::find`
/// gives it: memchr on its first byte costs less than setting up
/// `str::find`'s two-way search for two bytes.
fn find_ascii(s: &str, pat: &str) -> Option<usize> {
    let (hay, pat) = (s.as_bytes(), pat.as_bytes());
    memchr::memchr_iter(pat[0], hay).find(|&i| hay[i..].starts_with(pat))
}

/// Drops the list line that kramdown's `{:toc}` under it replaces with
/// a table of contents (`* TOC`, `1. Sommaire`): it is a placeholder, not
/// prose. `out` ends where `{:toc}` starts, on a line of its own.
fn drop_toc_list_line(out: &mut String) {
    let Some(body) = out.strip_suffix('\n') else {
        return;
    };
    let body = body.strip_suffix('\r').unwrap_or(body);
    let start = body.rfind('\n').map_or(0, |i| i + 1);
    let item = body[start..].trim_start();
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 {
        item[digits..].strip_prefix(['.', ')'])
    } else {
        item.strip_prefix(['*', '-', '+'])
    };
    if marker.is_some_and(|rest| rest.starts_with([' ', '\t'])) {
        out.truncate(start);
    }
}

/// The text after `{% end_tag %}`, or nothing if it never comes.
fn skip_past_end_tag<'a>(s: &'a str, end_tag: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = find_ascii(&s[from..], "{%") {
        let at = from + i;
        let Some(close) = find_ascii(&s[at..], "%}") else {
            return "";
        };
        let inner = s[at + 2..at + close].trim().trim_matches('-').trim();
        if inner == end_tag {
            return &s[at + close + 2..];
        }
        from = at + 2;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(p: &Parsed) -> Vec<(&str, BlockKind)> {
        p.blocks.iter().map(|b| (p.block_text(b), b.kind)).collect()
    }

    #[test]
    fn prose_only() {
        let md = "---\ntitle: Le compost\n---\n# Le compost\n\n\
                  Un *bon* [compost](https://exemple.fr) se fait `vite`.\n\n\
                  ```sh\necho code\n```\n\n    indenté\n\n\
                  - premier point\n- second <b>point</b>\n\n\
                  ![un bac à compost](bac.jpg)\n\n\
                  <div>html brut</div>\n\n<!-- commentaire -->\n\n\
                  Écrivez à julie@exemple.fr ou <https://exemple.fr>.\n\n\
                  {% include figure.html %}\n{: .note}\n\
                  Fin {{ page.title }} du billet.\n";
        let p = parse(md);
        use BlockKind::*;
        assert_eq!(p.meta.title.as_deref(), Some("Le compost"));
        assert_eq!(
            blocks(&p),
            [
                ("Le compost", Title),
                ("Un bon compost se fait  .", Paragraph),
                ("premier point", ListItem),
                ("second  point", ListItem),
                ("un bac à compost", Paragraph),
                ("Écrivez à  ou .", Paragraph),
                ("Fin  du billet.", Paragraph),
            ]
        );
    }

    #[test]
    fn heading_title_without_front_matter() {
        let p = parse("# Un titre\n\nTexte.\n\n## Partie\n\nSuite.");
        assert_eq!(p.meta.title.as_deref(), Some("Un titre"));
        use BlockKind::*;
        assert_eq!(
            blocks(&p),
            [
                ("Un titre", Title),
                ("Texte.", Paragraph),
                ("Partie", Heading),
                ("Suite.", Paragraph)
            ]
        );
    }

    #[test]
    fn find_ascii_is_str_find() {
        for s in ["", "%", "}", "%}", "a%}b%}", "{%{%", "%%}}", "é}}è", "}x}}"]
        {
            for pat in ["%}", "}}", "}", "{%"] {
                assert_eq!(find_ascii(s, pat), s.find(pat), "{s:?} {pat:?}");
            }
        }
    }

    /// Container fences go, whatever their form; their content is its
    /// own block; inside fenced code, or not at a line's start, `:::`
    /// stays.
    #[test]
    fn container_fences() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "::: lead\nJe ne sais pas.\n:::\nSuite.\n",
                &[("Je ne sais pas.", Paragraph), ("Suite.", Paragraph)],
            ),
            (
                "Avant.\n:::info\nUne note.\n:::\n",
                &[("Avant.", Paragraph), ("Une note.", Paragraph)],
            ),
            (
                "::: {.note}\nUne note.\n\n::: warning Attention\nDedans.\n:::\n:::",
                &[("Une note.", Paragraph), ("Dedans.", Paragraph)],
            ),
            (
                ":::: {#a .b} ::::\r\nTexte.\r\n::::\r\n",
                &[("Texte.", Paragraph)],
            ),
            ("   ::: lead\nTexte.", &[("Texte.", Paragraph)]),
            (
                "- ::: lead\n- point",
                &[("::: lead", ListItem), ("point", ListItem)],
            ),
            (
                "Un rapport 3:1 ::: ou :: deux.\n:: x",
                &[("Un rapport 3:1 ::: ou :: deux. :: x", Paragraph)],
            ),
            ("    ::: indenté\n", &[]),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
        for src in [
            "```\n::: lead\n```\n",
            "~~~~ md\n:::\n~~~\n:::\n~~~~\n",
            "Sans clôture\n",
            "  ```\n  :::\n",
        ] {
            assert!(
                matches!(strip_line_markup(src), Cow::Borrowed(_)),
                "{src:?}"
            );
        }
        assert_eq!(
            strip_line_markup("```\n:::\n```\n:::\nTexte"),
            "```\n:::\n```\n\nTexte"
        );
        assert_eq!(strip_line_markup("```a``` b\n:::\n"), "```a``` b\n\n");
    }

    /// A definition under a line of text is a definition, as kramdown and
    /// Python-Markdown read it, not the line's continuation; links to it
    /// keep their text.
    #[test]
    fn definitions_under_text() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "![Un bac][b1]\n[b1]: /bac.png \"Le bac du jardin\"\n",
                &[("Un bac", Paragraph)],
            ),
            (
                "Voir [le guide][g] et [Mulch][].\n[g]: https://exemple.fr \"Guide\"\n\
                 [mulch]: <https://exemple.fr/m>\r\n[vide]:\n  'Titre'\nSuite.",
                &[
                    ("Voir le guide et Mulch.", Paragraph),
                    ("Suite.", Paragraph),
                ],
            ),
            (
                "- un point\n[p]: /p\n> une citation\n[c]: /c (Titre)",
                &[("un point", ListItem), ("une citation", Paragraph)],
            ),
            (
                "Note[^1].\n[^1]: La note elle-même.",
                &[("Note.", Paragraph), ("La note elle-même.", Paragraph)],
            ),
            // Not definitions: text stays text.
            (
                "Un texte\n[pas]:une définition\n[]: /vide\n    [code]: /c\n\
                 [Mise à jour]: le serveur répond.",
                &[
                    (
                        "Un texte [pas]:une définition []: /vide [code]: /c",
                        Paragraph,
                    ),
                    ("[Mise à jour]: le serveur répond.", Paragraph),
                ],
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
        for src in [
            "[a]: /a\n[b]: /b\n",
            "Texte\n\n[a]: /a\n",
            "```\nx\n[a]: /a\n```",
        ] {
            assert!(
                matches!(strip_line_markup(src), Cow::Borrowed(_)),
                "{src:?}"
            );
        }
        // A text line led by other whitespace than spaces and tabs (a
        // no-break space) is text too.
        assert_eq!(
            strip_line_markup("\u{A0}Texte\n[a]: /a\n"),
            "\u{A0}Texte\n\n[a]: /a\n"
        );
    }

    /// An admonition's marker and classes go, its title is a block of its
    /// own, its body is prose, indented or not.
    #[test]
    fn admonitions() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "!!! \"Mise à jour (2020)\" Le bac est vidé.\nSuite du texte.\n",
                &[
                    ("Mise à jour (2020)", Paragraph),
                    ("Le bac est vidé. Suite du texte.", Paragraph),
                ],
            ),
            (
                "Avant.\n!!! note \"Attention\"\n    Le compost chauffe.\n\n\
                 \tIl faut le retourner.\n\nAprès.",
                &[
                    ("Avant.", Paragraph),
                    ("Attention", Paragraph),
                    ("Le compost chauffe.", Paragraph),
                    ("Il faut le retourner.", Paragraph),
                    ("Après.", Paragraph),
                ],
            ),
            (
                "!!! warning inline-end\r\n    ```sh\r\n    ls\r\n    ```\r\n    Texte.",
                &[("Texte.", Paragraph)],
            ),
            (
                "- point\n\n   !!! \"Note\"",
                &[("point", ListItem), ("Note", Paragraph)],
            ),
            // A class name ending the post.
            ("Texte.\n\n!!! note", &[("Texte.", Paragraph)]),
            // Not admonitions: the line stays text.
            (
                "!!! Attention, le bac déborde.\n\n!!!\"Note\" Texte.\n\n\
                 Quoi !!! \"Non\"\n\n!!! note \"Titre\" texte\n\n!!! \"Sans fin\n\n\
                 ```\n!!! note\n```\n    !!! note",
                &[
                    ("!!! Attention, le bac déborde.", Paragraph),
                    ("!!!\"Note\" Texte.", Paragraph),
                    ("Quoi !!! \"Non\"", Paragraph),
                    ("!!! note \"Titre\" texte", Paragraph),
                    ("!!! \"Sans fin", Paragraph),
                ],
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
    }

    /// Abbreviation definitions go, under a paragraph or alone; text
    /// that only looks like one stays.
    #[test]
    fn abbreviations() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "Le BRF nourrit le sol.\n*[BRF]: Bois raméal fragmenté\n\
                 *[C/N]: rapport carbone sur azote\r\n[brf]: /brf\nSuite.",
                &[
                    ("Le BRF nourrit le sol.", Paragraph),
                    ("Suite.", Paragraph),
                ],
            ),
            ("   *[BRF]:", &[]),
            (
                "*[]: vide\n*[BRF] : espacé\n    *[BRF]: indenté\n*BRF: sans crochets",
                &[(
                    "*[]: vide *[BRF] : espacé *[BRF]: indenté *BRF: sans crochets",
                    Paragraph,
                )],
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
    }

    /// Markers of a table of contents go: Python-Markdown's and GitLab's
    /// lines, kramdown's list line above `{:toc}`; look-alikes stay.
    #[test]
    fn toc_markers() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "Intro.\n\n[TOC]\n\n# Le sol",
                &[("Intro.", Paragraph), ("Le sol", Heading)],
            ),
            ("  [toc]  \r\nTexte.\n[[_TOC_]]", &[("Texte.", Paragraph)]),
            // Alone in its post, in any case.
            (
                "Intro.\n\n[[_TOC_]]\n\nTexte.",
                &[("Intro.", Paragraph), ("Texte.", Paragraph)],
            ),
            ("Intro.\n\n[Toc]\n", &[("Intro.", Paragraph)]),
            (
                "Intro.\n\n* TOC\n{:toc}\n\nTexte.",
                &[("Intro.", Paragraph), ("Texte.", Paragraph)],
            ),
            ("1. Sommaire\r\n{: toc}\n## Le sol", &[("Le sol", Heading)]),
            ("- a\n- b\n{:toc}", &[("a", ListItem)]),
            (
                "Voir [TOC] ici.\n\n[TOC]: /toc\n\nUn texte\n{:toc}\n\n*TOC\n{:toc}\n\n* x\n{:.toc}",
                &[
                    ("Voir TOC ici.", Paragraph),
                    ("Un texte", Paragraph),
                    ("*TOC", Paragraph),
                    ("x", ListItem),
                ],
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
    }

    /// An HTML figure's caption is a paragraph; the rest of the block,
    /// its image's alt text included, stays out.
    #[test]
    fn figure_captions() {
        use BlockKind::*;
        let cases: &[(&str, &[(&str, BlockKind)])] = &[
            (
                "Avant.\n\n<figure>\n  <img src=\"bac.png\" alt=\"Un bac\"/>\n  \
                 <figcaption>Le bac &amp; <em>son</em> couvercle</figcaption>\n\
                 </figure>\n\nAprès.",
                &[
                    ("Avant.", Paragraph),
                    ("Le bac & son couvercle", Paragraph),
                    ("Après.", Paragraph),
                ],
            ),
            (
                "<figure><figcaption class=\"c\">Un</figcaption>\
                 <figcaption>Deux</figcaption></figure>\n\n\
                 <div><figcaptions>Non</figcaptions><figcaption></figcaption></div>\n\n\
                 <figure>\n<figcaption>Sans fin\n",
                &[
                    ("Un", Paragraph),
                    ("Deux", Paragraph),
                    ("Sans fin", Paragraph),
                ],
            ),
            (
                "<div>Un widget</div>\n\n```html\n<figcaption>Code</figcaption>\n```\n\n\
                 Un <figcaption>en ligne</figcaption> reste.",
                &[("Un  en ligne  reste.", Paragraph)],
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(blocks(&parse(md)), *expected, "{md:?}");
        }
    }

    #[test]
    fn liquid_blocks_are_removed() {
        let src = "Avant\n{% highlight bash %}\nrm -rf /\n{% endhighlight %}\n\
                   Après {{ x }} {: #id} ![logo](a.png){.logo} {a}";
        assert_eq!(
            strip_template_syntax(src),
            "Avant\n\nAprès   ![logo](a.png) {a}"
        );
    }
}
