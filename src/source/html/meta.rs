//! What a page says about itself outside its prose: `<title>`, `<meta>`
//! tags (Open Graph, Dublin Core, `article:*`), JSON-LD, `rel` links —
//! merged into [`crate::meta::Meta`], first found wins (the order is in
//! the module docs of [`super`]).

use scraper::Html;
use scraper::node::Element;
use serde_json::Value;

use super::content::{NodeRefH, element_name, plain_attr};
use super::text::subtree_text;
use super::{collapse_spaces, html_to_text};
use crate::meta::{french_date, parse_date, signature_author};
use crate::normalize::simplify;

/// Separators between a page title and the site name, most telling
/// first.
const TITLE_SEPARATORS: &[&str] =
    &[" | ", " — ", " – ", " · ", " • ", " :: ", " » ", " - "];

/// JSON-LD documents are not read deeper than this.
pub(super) const MAX_JSON_DEPTH: usize = 8;

/// What the page says about itself outside its prose.
#[derive(Debug, Default)]
pub(super) struct PageMeta {
    html_title: Option<String>,
    og_title: Option<String>,
    pub(super) site_name: Option<String>,
    author: Option<String>,
    article_author: Option<String>,
    published: Option<String>,
    date: Option<String>,
    article_tags: Vec<String>,
    keywords: Vec<String>,
    description: Option<String>,
    /// Objects of the page's JSON-LD, article types first.
    ld: Vec<Value>,
}

impl PageMeta {
    pub(super) fn read(doc: &Html) -> PageMeta {
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
                    let is_ld = plain_attr(e, "type").is_some_and(|t| {
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
        let key = plain_attr(e, "property")
            .or_else(|| plain_attr(e, "name"))
            .or_else(|| plain_attr(e, "itemprop"));
        let (Some(key), Some(content)) = (key, plain_attr(e, "content"))
        else {
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
            "description"
            | "og:description"
            | "twitter:description"
            | "dc.description" => &mut self.description,
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
    pub(super) fn title_from_head(&self) -> Option<String> {
        let site = self.site_name.as_deref();
        self.og_title
            .iter()
            .chain(&self.html_title)
            .map(|t| strip_site_suffix(t, site))
            .find(|t| !t.is_empty())
            .or_else(|| self.ld_field("headline").map(|h| html_to_text(&h)))
            .and_then(non_empty)
    }

    pub(super) fn author(&self, root: NodeRefH<'_>) -> Option<String> {
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

    pub(super) fn date(&self, root: NodeRefH<'_>) -> Option<String> {
        let time = || {
            root.descendants()
                .filter_map(|n| n.value().as_element())
                .filter(|e| e.name() == "time")
                .find_map(|e| plain_attr(e, "datetime").and_then(parse_date))
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

    /// The page's description (`<meta name="description">`, Open
    /// Graph, Twitter, Dublin Core), entities decoded.
    pub(super) fn description(&self) -> Option<String> {
        self.description
            .as_deref()
            .map(html_to_text)
            .filter(|d| !d.is_empty())
    }

    pub(super) fn tags(&self, root: NodeRefH<'_>) -> Vec<String> {
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
                    && plain_attr(e, "rel").is_some_and(|r| {
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
pub(super) fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
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
