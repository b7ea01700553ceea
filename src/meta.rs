//! Metadata: front matter (YAML `---`, TOML `+++`, Pico CMS's YAML
//! between `/*` and `*/`) and the plain-text conventions → [`Meta`]
//! (title, author, date, tags, slug, series).
//!
//! Front matter that does not parse is reported as a warning; the body is
//! still analysed and its fields stay unknown.

use serde_yaml_ng::Value as Yaml;

/// What is known about a post besides its prose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Title, from front matter, a first `#` heading or the first line.
    pub title: Option<String>,
    /// Author, from front matter or a `Par NAME` line.
    pub author: Option<String>,
    /// Date as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Tags and categories, in order, without duplicates.
    pub tags: Vec<String>,
    /// The author's summary of the post: front matter `description`,
    /// `summary` or `excerpt`, an HTML page's meta description, a
    /// WordPress excerpt. Its words weigh more as key terms.
    pub description: Option<String>,
    /// A front-matter `slug` or `id`, used for the article id.
    pub slug: Option<String>,
    /// A front-matter `series` name.
    pub series: Option<String>,
    /// A front-matter part number (`series_part`, `part`).
    pub series_part: Option<u32>,
    /// Problems worth telling the user (broken front matter).
    pub warnings: Vec<String>,
    /// Bit `i` set: `tags[i]` was a whole `tags:` or `categories:` string
    /// of words with no comma (`tags: jekyll ruby`), which Jekyll splits
    /// at spaces; [`split_jekyll_tags`] does once the file is known to
    /// be a Jekyll post. Never set past the first 32 tags.
    pub spaced_tags: u32,
}

impl Meta {
    /// Frees the spare capacity of its strings and lists: every
    /// article's metadata is held until it is written.
    pub fn shrink_to_fit(&mut self) {
        let texts = [&mut self.title, &mut self.author, &mut self.date];
        let more = [&mut self.description, &mut self.slug, &mut self.series];
        let all = texts.into_iter().chain(more).flatten();
        all.for_each(String::shrink_to_fit);
        for list in [&mut self.tags, &mut self.warnings] {
            list.iter_mut().for_each(String::shrink_to_fit);
            list.shrink_to_fit();
        }
    }
}

/// Which front matter syntax a post uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` YAML `---`.
    Yaml,
    /// `+++` TOML `+++`.
    Toml,
}

/// Splits a leading front matter block off `text`: (kind, front matter,
/// rest). `None` when the text has none.
pub fn split_front_matter(
    text: &str,
) -> Option<(FrontMatterKind, &str, &str)> {
    let (kind, fence) = if text.starts_with("---") {
        (FrontMatterKind::Yaml, "---")
    } else if text.starts_with("+++") {
        (FrontMatterKind::Toml, "+++")
    } else if text.starts_with("/*") {
        // Pico CMS's YAML header between `/*` and `*/` lines (the
        // opening fence is checked by its length only).
        (FrontMatterKind::Yaml, "*/")
    } else {
        return None;
    };
    let first_nl = text.find('\n')?;
    if text[fence.len()..first_nl].trim() != "" {
        return None;
    }
    let body_start = first_nl + 1;
    let bytes = text.as_bytes();
    let mut pos = body_start;
    while pos < text.len() {
        // The line with its `\n`, found by memchr.
        let end = memchr::memchr(b'\n', &bytes[pos..])
            .map_or(text.len(), |i| pos + i + 1);
        // Only a line starting as the fence or `...` can close it.
        if bytes[pos] == fence.as_bytes()[0] || bytes[pos] == b'.' {
            let bare = text[pos..end].trim_end();
            if bare == fence
                || (kind == FrontMatterKind::Yaml && bare == "...")
            {
                return Some((kind, &text[body_start..pos], &text[end..]));
            }
        }
        pos = end;
    }
    None
}

/// Reads the fields billet uses from a front matter block into `meta`.
pub fn read_front_matter(kind: FrontMatterKind, fm: &str, meta: &mut Meta) {
    let result = match kind {
        FrontMatterKind::Yaml => read_yaml(fm, meta),
        FrontMatterKind::Toml => read_toml(fm, meta),
    };
    if let Err(msg) = result {
        meta.warnings
            .push(format!("front matter ignored, it does not parse: {msg}"));
    }
}

fn read_yaml(fm: &str, meta: &mut Meta) -> Result<(), String> {
    if fm.trim().is_empty() {
        return Ok(());
    }
    // Most front matter is a flat list of `key: value` lines, which
    // `flat_yaml` reads without libyaml's event machinery (nor a map:
    // its keys come once each, in order); anything else goes to
    // serde_yaml_ng, whose value the fast path matches exactly.
    if let Some(fields) = flat_yaml::parse(fm) {
        for (key, value) in &fields {
            apply_field(key, &FieldValue::Yaml(value), meta);
        }
        return Ok(());
    }
    let doc: Yaml = serde_yaml_ng::from_str(fm).map_err(|e| e.to_string())?;
    let Yaml::Mapping(map) = doc else {
        return Err("not a key: value mapping".to_string());
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else { continue };
        apply_field(key, &FieldValue::Yaml(value), meta);
    }
    Ok(())
}

/// A reader for the flat YAML front matter almost every post has. It
/// gives exactly the value serde_yaml_ng gives, or `None` as soon as the
/// text steps outside this subset (serde_yaml_ng then reads it):
///
/// - one `key: value` per line, keys at column 0 made of letters, digits,
///   `_` and `-`, starting with a letter, each key once;
/// - a value is a plain scalar, a single- or double-quoted string without
///   backslash escapes, or a flow list `[a, "b", 'c']` of those, all on
///   the key's line; or nothing, then optionally `- item` lines, all at
///   one indentation;
/// - blank lines anywhere; no comments, tabs, anchors, tags, control or
///   YAML line-break characters.
///
/// Plain scalars are typed as serde_yaml_ng types them (null, booleans,
/// numbers, else strings); the rare ones that might be a number in a
/// syntax not checked here are left to serde_yaml_ng.
mod flat_yaml {
    use std::iter::Peekable;
    use std::str::Lines;

    use serde_yaml_ng::Value;

    /// Front matter with more keys is left to serde_yaml_ng, so that
    /// looking for a repeated key stays cheap.
    const MAX_KEYS: usize = 64;

    /// The keys and values of `fm`'s mapping in order, each key once, or
    /// `None` if it is not flat front matter.
    pub fn parse(fm: &str) -> Option<Vec<(&str, Value)>> {
        if !allowed_text(fm) {
            return None;
        }
        let mut fields: Vec<(&str, Value)> = Vec::with_capacity(8);
        let mut lines = fm.lines().peekable();
        while let Some(line) = lines.next() {
            if is_blank(line) {
                continue;
            }
            let (key, rest) = key_line(line)?;
            if fields.len() == MAX_KEYS || fields.iter().any(|f| f.0 == key) {
                return None;
            }
            let rest = rest.trim_start_matches(' ');
            let value = if rest.is_empty() {
                block_list(&mut lines)?
            } else if let Some(list) = rest.strip_prefix('[') {
                flow_list(list)?
            } else {
                block_scalar(rest)?
            };
            fields.push((key, value));
        }
        Some(fields)
    }

    /// What libyaml reads as itself: no control characters, no line
    /// breaks but `\n` and `\r\n` (it also breaks lines at a lone `\r`,
    /// NEL, LS and PS), no BOM.
    fn allowed_text(fm: &str) -> bool {
        let bytes = fm.as_bytes();
        let mut i = 0;
        // Byte by byte, but for the rare characters past ASCII.
        while let Some(&b) = bytes.get(i) {
            let ok = match b {
                b'\n' | b' '..=b'~' => true,
                b'\r' => bytes.get(i + 1) == Some(&b'\n'),
                0x80.. => {
                    let c = fm[i..].chars().next().expect("a char boundary");
                    i += c.len_utf8() - 1;
                    c >= '\u{A0}'
                        && !matches!(
                            c,
                            '\u{2028}'
                                | '\u{2029}'
                                | '\u{FEFF}'
                                | '\u{FFFE}'
                                | '\u{FFFF}'
                        )
                }
                _ => false,
            };
            if !ok {
                return false;
            }
            i += 1;
        }
        true
    }

    fn is_blank(line: &str) -> bool {
        line.bytes().all(|b| b == b' ')
    }

    /// `key:` at column 0 and what follows the colon (empty or starting
    /// with a space).
    fn key_line(line: &str) -> Option<(&str, &str)> {
        // Keys are short: a byte loop beats `str::find`'s set-up.
        let colon = line.bytes().position(|b| b == b':')?;
        let (key, rest) = (&line[..colon], &line[colon + 1..]);
        let mut chars = key.chars();
        let is_word = chars.next()?.is_alphabetic()
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        // libyaml takes no simple key over 1024 characters.
        if !is_word
            || key.len() > 128
            || !(rest.is_empty() || rest.starts_with(' '))
        {
            return None;
        }
        // `true:`, `null:` are no string keys.
        matches!(resolve_plain(key)?, Value::String(_)).then_some((key, rest))
    }

    /// The `- item` lines after an empty value, or null if none follow.
    fn block_list(lines: &mut Peekable<Lines<'_>>) -> Option<Value> {
        let mut items = Vec::new();
        let mut indent = None;
        loop {
            while lines.next_if(|l| is_blank(l)).is_some() {}
            let Some(&line) = lines.peek() else { break };
            let rest = line.trim_start_matches(' ');
            let at = line.len() - rest.len();
            if rest != "-" && !rest.starts_with("- ") {
                if at == 0 {
                    break; // The next key.
                }
                return None; // A nested mapping or a continued scalar.
            }
            if *indent.get_or_insert(at) != at {
                return None;
            }
            lines.next();
            let item = rest[1..].trim_start_matches(' ');
            items.push(if item.is_empty() {
                Value::Null
            } else {
                block_scalar(item)?
            });
        }
        Some(match indent {
            Some(_) => Value::Sequence(items),
            None => Value::Null,
        })
    }

    /// A scalar filling the rest of a line in block context.
    fn block_scalar(s: &str) -> Option<Value> {
        if s.starts_with(['"', '\'']) {
            let (text, rest) = quoted(s)?;
            return is_blank(rest).then_some(Value::String(text));
        }
        let s = s.trim_end_matches(' ');
        // No `: ` nor ` #` (one pass: `str::contains(&str)` sets up a
        // substring search for each).
        let plain = !starts_with_indicator(s)
            && !s
                .as_bytes()
                .windows(2)
                .any(|w| matches!(w, [b':', b' '] | [b' ', b'#']))
            && !s.ends_with(':');
        if plain { resolve_plain(s) } else { None }
    }

    /// The items of a one-line flow list, `s` starting after its `[`.
    fn flow_list(mut s: &str) -> Option<Value> {
        let mut items = Vec::new();
        s = s.trim_start_matches(' ');
        if let Some(rest) = s.strip_prefix(']') {
            return is_blank(rest).then_some(Value::Sequence(items));
        }
        loop {
            s = s.trim_start_matches(' ');
            let rest = if s.starts_with(['"', '\'']) {
                let (text, rest) = quoted(s)?;
                items.push(Value::String(text));
                rest
            } else {
                let end = s.find([',', ']'])?;
                let plain = s[..end].trim_end_matches(' ');
                if plain.is_empty()
                    || starts_with_indicator(plain)
                    || plain.contains([':', '#', '"', '[', '{', '}'])
                {
                    return None;
                }
                items.push(resolve_plain(plain)?);
                &s[end..]
            };
            let rest = rest.trim_start_matches(' ');
            if let Some(next) = rest.strip_prefix(',') {
                s = next;
            } else {
                let rest = rest.strip_prefix(']')?;
                return is_blank(rest).then_some(Value::Sequence(items));
            }
        }
    }

    /// A quoted scalar closed on the same line, and what follows it.
    /// Double-quoted ones with escapes are left to serde_yaml_ng.
    fn quoted(s: &str) -> Option<(String, &str)> {
        if let Some(inner) = s.strip_prefix('"') {
            let end = inner.find('"')?;
            let text = &inner[..end];
            return (!text.contains('\\'))
                .then(|| (text.to_string(), &inner[end + 1..]));
        }
        let mut rest = s.strip_prefix('\'')?;
        let mut text = String::new();
        loop {
            let end = rest.find('\'')?;
            text.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('\'') {
                Some(after) => {
                    text.push('\'');
                    rest = after;
                }
                None => return Some((text, rest)),
            }
        }
    }

    /// YAML indicators, which a plain scalar cannot start with here.
    fn starts_with_indicator(s: &str) -> bool {
        s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|',
            '>', '\'', '"', '%', '@', '`',
        ])
    }

    /// A plain scalar typed as serde_yaml_ng types it, or `None` when it
    /// might be a number in a syntax not checked here.
    fn resolve_plain(s: &str) -> Option<Value> {
        match s {
            "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
            "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
            _ => {}
        }
        let text = || Some(Value::String(s.to_string()));
        if s.bytes().all(|b| b.is_ascii_digit()) {
            // A leading zero makes a string (YAML 1.2); a number too big
            // for u64 is left to serde_yaml_ng.
            if s.starts_with('0') && s.len() > 1 {
                return text();
            }
            return s.parse::<u64>().ok().map(|n| Value::Number(n.into()));
        }
        let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
        if unsigned.starts_with(|c: char| c.is_alphabetic()) {
            // No number starts with a letter but `inf`, `nan` and such.
            let special = ["inf", "infinity", "nan"]
                .iter()
                .any(|w| unsigned.eq_ignore_ascii_case(w));
            return if special { None } else { text() };
        }
        if might_be_number(s) { None } else { text() }
    }

    /// Whether `s` might be a decimal, hexadecimal, octal or binary
    /// integer or a float (`.inf` included): those use only these
    /// characters, with a sign only first or after an exponent's `e`.
    fn might_be_number(s: &str) -> bool {
        let b = s.as_bytes();
        b.iter().enumerate().all(|(i, &c)| match c {
            b'0'..=b'9' | b'.' => true,
            b'+' | b'-' => i == 0 || matches!(b[i - 1], b'e' | b'E'),
            _ => matches!(
                c.to_ascii_lowercase(),
                b'a'..=b'f' | b'x' | b'o' | b'i' | b'n' | b't' | b'y'
            ),
        })
    }
}

fn read_toml(fm: &str, meta: &mut Meta) -> Result<(), String> {
    let table: toml::Table = fm
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    for (key, value) in &table {
        apply_field(key, &FieldValue::Toml(value), meta);
    }
    Ok(())
}

/// A front matter value from either syntax.
enum FieldValue<'a> {
    Yaml(&'a Yaml),
    Toml(&'a toml::Value),
}

impl<'a> FieldValue<'a> {
    /// A scalar as text (strings, numbers, booleans, dates).
    fn scalar(&self) -> Option<String> {
        let s = match self {
            FieldValue::Yaml(Yaml::String(s)) => s.clone(),
            FieldValue::Yaml(Yaml::Number(n)) => n.to_string(),
            FieldValue::Yaml(Yaml::Bool(b)) => b.to_string(),
            FieldValue::Yaml(Yaml::Tagged(t)) => {
                return FieldValue::Yaml(&t.value).scalar();
            }
            FieldValue::Toml(toml::Value::String(s)) => s.clone(),
            FieldValue::Toml(toml::Value::Integer(n)) => n.to_string(),
            FieldValue::Toml(toml::Value::Float(n)) => n.to_string(),
            FieldValue::Toml(toml::Value::Boolean(b)) => b.to_string(),
            FieldValue::Toml(toml::Value::Datetime(d)) => d.to_string(),
            _ => return None,
        };
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    /// A list of scalars; a scalar is split at commas.
    fn list(&self) -> Vec<String> {
        let items: Vec<String> = match self {
            FieldValue::Yaml(Yaml::Sequence(seq)) => seq
                .iter()
                .filter_map(|v| FieldValue::Yaml(v).scalar())
                .collect(),
            FieldValue::Toml(toml::Value::Array(seq)) => seq
                .iter()
                .filter_map(|v| FieldValue::Toml(v).scalar())
                .collect(),
            other => other
                .scalar()
                .map(|s| {
                    s.split(',')
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        };
        items
    }

    /// A table's entries (a mapping's, with text keys).
    fn entries(&self) -> Vec<(&'a str, FieldValue<'a>)> {
        match *self {
            FieldValue::Yaml(Yaml::Mapping(map)) => map
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?, FieldValue::Yaml(v))))
                .collect(),
            FieldValue::Toml(toml::Value::Table(t)) => t
                .iter()
                .map(|(k, v)| (k.as_str(), FieldValue::Toml(v)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// An author: a string, the first of a list, or a map's `name`.
    fn person(&self) -> Option<String> {
        match self {
            FieldValue::Yaml(Yaml::Sequence(seq)) => {
                seq.iter().find_map(|v| FieldValue::Yaml(v).person())
            }
            FieldValue::Yaml(Yaml::Mapping(map)) => {
                map.get("name").and_then(|v| FieldValue::Yaml(v).scalar())
            }
            FieldValue::Toml(toml::Value::Array(seq)) => {
                seq.iter().find_map(|v| FieldValue::Toml(v).person())
            }
            FieldValue::Toml(toml::Value::Table(t)) => {
                t.get("name").and_then(|v| FieldValue::Toml(v).scalar())
            }
            other => other.scalar(),
        }
    }
}

/// The keys whose values are tags.
const TAG_KEYS: [&str; 5] =
    ["tags", "tag", "categories", "category", "keywords"];

fn apply_field(key: &str, value: &FieldValue<'_>, meta: &mut Meta) {
    match key.to_ascii_lowercase().as_str() {
        // Zola's `[taxonomies]` table (`taxonomies:` in YAML) holds its
        // tags and categories.
        "taxonomies" => {
            for (k, v) in value.entries() {
                if TAG_KEYS.contains(&k.to_ascii_lowercase().as_str()) {
                    apply_field(k, &v, meta);
                }
            }
        }
        "title" | "titre" => meta.title = value.scalar().map(decode_refs),
        "author" | "auteur" | "authors" => meta.author = value.person(),
        "date" => meta.date = value.scalar().and_then(|d| parse_date(&d)),
        "created" if meta.date.is_none() => apply_field("date", value, meta),
        k if TAG_KEYS.contains(&k) => {
            let list = value.list();
            let spaced = matches!(k, "tags" | "categories")
                && list.len() == 1
                && value.scalar().is_some_and(|s| !s.contains(','))
                && list[0].contains(char::is_whitespace);
            for tag in list {
                push_tag(meta, tag, spaced);
            }
        }
        "description" | "summary" | "excerpt" | "résumé" | "resume"
        | "lead" | "chapo" | "chapeau"
            if meta.description.is_none() =>
        {
            meta.description = value.scalar();
        }
        "slug" => meta.slug = value.scalar(),
        "id" if meta.slug.is_none() => meta.slug = value.scalar(),
        "series" | "serie" | "série" => {
            meta.series = value.scalar().or_else(|| value.list().pop());
        }
        "series_part" | "part" | "partie" | "episode" => {
            meta.series_part = value.scalar().and_then(|s| s.parse().ok());
        }
        _ => {}
    }
}

/// Adds `tag` unless the article has it already, case aside, as HTML's
/// tags are: `[node, Node]` is one tag. `spaced`: see
/// [`Meta::spaced_tags`].
fn push_tag(meta: &mut Meta, tag: String, spaced: bool) {
    let lower = tag.to_lowercase();
    if meta.tags.iter().any(|t| t.to_lowercase() == lower) {
        return;
    }
    if spaced && meta.tags.len() < 32 {
        meta.spaced_tags |= 1 << meta.tags.len();
    }
    meta.tags.push(tag);
}

/// In a Jekyll post (`2013-05-02-titre.md`: Jekyll reads posts only
/// under such names), a `tags:` or `categories:` string is a list of
/// space-separated words, as Jekyll reads it: `tags: jekyll ruby` is two
/// tags. Elsewhere (Hugo, Zola…) such a string is one tag and stays so;
/// list items and comma-separated strings are never split.
pub fn split_jekyll_tags(meta: &mut Meta, source: &str) {
    let spaced = std::mem::take(&mut meta.spaced_tags);
    if spaced == 0 || date_from_file_name(source).is_none() {
        return;
    }
    let tags = std::mem::take(&mut meta.tags);
    for (i, tag) in tags.into_iter().enumerate() {
        if i < 32 && spaced & (1 << i) != 0 {
            for word in tag.split_whitespace() {
                push_tag(meta, word.to_string(), false);
            }
        } else {
            push_tag(meta, tag, false);
        }
    }
}

/// `YYYY-MM-DD` from the start of a date or date-time
/// (`2008-01-17 12:00:00 +02:00`, `2024-03-12T08:30:00Z`), or from
/// `YYYY/MM/DD` and `DD/MM/YYYY`. `None` if it is not a valid date.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(3)
        .collect();
    if parts.len() < 3 || !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) =
        (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1000 {
        return None;
    }
    // `format!("{y:04}-{m:02}-{d:02}")` without the formatting machinery
    // (a tenth of a post's front matter reading).
    let mut out = String::with_capacity(10);
    push_padded(&mut out, y, 4);
    out.push('-');
    push_padded(&mut out, m, 2);
    out.push('-');
    push_padded(&mut out, d, 2);
    Some(out)
}

/// The decimal digits of `n`, zero-padded to `width` (at most 10) at
/// least.
pub(crate) fn push_padded(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    debug_assert!(width <= digits.len());
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    out.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

/// French month names, accents optional.
const MONTHS: &[&[&str]] = &[
    &["janvier", "janv"],
    &["février", "fevrier", "févr", "fevr"],
    &["mars"],
    &["avril", "avr"],
    &["mai"],
    &["juin"],
    &["juillet", "juil"],
    &["août", "aout"],
    &["septembre", "sept"],
    &["octobre", "oct"],
    &["novembre", "nov"],
    &["décembre", "decembre", "déc", "dec"],
];

/// A date written in French inside a short line: `12 mars 2024`,
/// `1er août 2023`, `Publié le mardi 5 novembre 2024`.
pub fn french_date(line: &str) -> Option<String> {
    // The day and the year are digits: most lines are rejected here.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = line
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | '\u{A0}')
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).find_map(|w| {
        let day = w[0].strip_suffix("er").unwrap_or(w[0]);
        let day: u32 = day.parse().ok()?;
        let lower = w[1].to_lowercase();
        let month = MONTHS
            .iter()
            .position(|names| names.contains(&lower.as_str()))?;
        let year: u32 = w[2].parse().ok()?;
        let valid = (1..=31).contains(&day) && (1000..=9999).contains(&year);
        valid.then(|| format!("{year:04}-{:02}-{day:02}", month + 1))
    })
}

/// The date in a Jekyll-style file name (`2013-05-02-titre.md`).
pub fn date_from_file_name(source: &str) -> Option<String> {
    let name = source.rsplit('/').next()?;
    let head = name.get(..10)?;
    let b = head.as_bytes();
    (b[4] == b'-' && b[7] == b'-').then(|| parse_date(head))?
}

/// The author named by a signature line: `Par François Lavallée, M. Sc.`
/// → `François Lavallée`. `None` unless the line is short, starts with
/// `Par ` and names someone (a capital follows).
pub fn signature_author(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("Par ")
        .or_else(|| line.strip_prefix("par "))
        .or_else(|| line.strip_prefix("PAR "))?;
    if line.chars().count() > 80 {
        return None;
    }
    let rest = rest.trim_start_matches([':', ' ', '\u{A0}']);
    let name = rest.split([',', '(', '|', '—', '–']).next()?.trim();
    let name = name.trim_end_matches(['.', '!']).trim();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    (first.is_uppercase() && (1..=5).contains(&words))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests;

/// A front-matter title with its character references decoded
/// ("Apache &amp; MySQL", "Héros&nbsp;!"), as the page shows it; kept as
/// written when a reference is one [`crate::entities`] does not model.
fn decode_refs(title: String) -> String {
    if title.contains('&') {
        crate::entities::decode(&title).unwrap_or(title)
    } else {
        title
    }
}
