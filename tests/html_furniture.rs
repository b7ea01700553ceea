//! Page furniture inside the article of an HTML page — share widgets,
//! comment threads, hidden parts — is skipped wherever it sits, not only
//! inside `<footer>`: the prose is exactly the post's. See: #22 (a
//! sharedaddy widget outside `<footer>` reached the key terms unnoticed)
//! and #14 (navigation and tables of contents written without `<nav>`
//! put the titles of other pages, and the headings again, in the text).

use billet::source::{Format, Parsed, parse};

/// The blocks of `html` as (kind, text).
fn blocks(parsed: &Parsed) -> Vec<String> {
    parsed
        .blocks
        .iter()
        .map(|b| format!("{:?}: {}", b.kind, parsed.block_text(b)))
        .collect()
}

/// A page whose `<article>` holds `furniture` between two paragraphs.
fn page(furniture: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><title>Le rucher</title>\
         </head><body><article><h1>Le rucher</h1>\
         <p>Les abeilles butinent le tilleul du jardin.</p>\
         {furniture}\
         <p>Le miel de juin est clair et doux.</p>\
         </article></body></html>"
    )
}

const POST: &[&str] = &[
    "Title: Le rucher",
    "Paragraph: Les abeilles butinent le tilleul du jardin.",
    "Paragraph: Le miel de juin est clair et doux.",
];

#[test]
fn furniture_inside_the_article_is_skipped() {
    let widget = "<h3>Partager</h3><ul><li><a href=\"#\">Facebook</a></li>\
                  <li><a href=\"#\">Imprimer</a></li></ul>";
    let mut cases: Vec<String> = Vec::new();
    // Share widgets and comment threads, by class token (alone or among
    // others) and by id.
    for name in [
        "sharedaddy",
        "share-buttons",
        "social-share",
        "comments",
        "comments-area",
        "comment-list",
        "commentlist",
        "comment-respond",
        "respond",
    ] {
        cases.push(format!("<div class=\"{name}\">{widget}</div>"));
        cases.push(format!(
            "<div class=\"sd-block {name} sd-sharing-enabled\">{widget}</div>"
        ));
        cases.push(format!("<section id=\"{name}\">{widget}</section>"));
    }
    // ARIA roles of furniture.
    for role in [
        "banner",
        "complementary",
        "contentinfo",
        "dialog",
        "navigation",
        "search",
    ] {
        cases.push(format!("<div role=\"{role}\">{widget}</div>"));
        cases.push(format!("<div role=\" {role} \">{widget}</div>"));
    }
    // Hidden parts.
    for attrs in [
        "hidden",
        "aria-hidden=\"true\"",
        "aria-hidden=\" true \"",
        "style=\"display: none\"",
        "style=\"color:red; DISPLAY:NONE\"",
    ] {
        cases.push(format!("<div {attrs}>{widget}</div>"));
    }
    // Elements that are furniture by their name.
    for tag in ["aside", "nav", "footer", "form"] {
        cases.push(format!("<{tag}>{widget}</{tag}>"));
    }
    for furniture in &cases {
        let parsed = parse(&page(furniture), Format::Html);
        assert_eq!(blocks(&parsed), POST, "{furniture}");
    }
}

#[test]
fn navigation_and_tables_of_contents_are_skipped() {
    // Previous / next links with the neighbours' titles, in a table as
    // documentation generators write them, or in a theme's div.
    let neighbours = "<table><tr><td><a href=\"ruche.html\">\
                      <img src=\"prev.png\" alt=\"Précédent\"></a></td>\
                      <td><a href=\"miel.html\">Suivant</a></td></tr>\
                      <tr><td>La ruche en hiver</td><td>Sommaire</td>\
                      <td>Récolter le miel</td></tr></table>";
    let contents = "<p><strong>Table des matières</strong></p><ul>\
                    <li><a href=\"#essaim\">1. L’essaim</a></li>\
                    <li><a href=\"#cadres\">2. Les cadres</a></li></ul>";
    let mut cases: Vec<String> = Vec::new();
    for name in [
        "navheader",
        "navfooter",
        "nav-panel",
        "navigation",
        "post-navigation",
        "nav-links",
        "pagination",
        "breadcrumb",
        "breadcrumbs",
    ] {
        cases.push(format!("<div class=\"{name}\">{neighbours}</div>"));
        cases.push(format!("<div id=\"{name}\">{neighbours}</div>"));
    }
    for name in [
        "toc",
        "table-of-contents",
        "markdown-toc",
        "toc_container",
        "ez-toc-container",
    ] {
        cases.push(format!("<div class=\"{name}\">{contents}</div>"));
        cases.push(format!("<ul id=\"{name}\"><li>L’essaim</li></ul>"));
    }
    for furniture in &cases {
        let parsed = parse(&page(furniture), Format::Html);
        assert_eq!(blocks(&parsed), POST, "{furniture}");
    }
    // A skipped block ends the text run before it, as a block read would.
    let html = page(
        "<div>Le rucher compte<div class=\"toc\">x</div>dix ruches.</div>",
    );
    let parsed = parse(&html, Format::Html);
    assert_eq!(
        blocks(&parsed),
        [
            POST[0],
            POST[1],
            "Paragraph: Le rucher compte",
            "Paragraph: dix ruches.",
            POST[2]
        ]
    );
}

/// Look-alikes that are not furniture stay: a class that merely contains
/// a furniture word, a role that is not furniture, a visible style.
#[test]
fn prose_that_looks_like_furniture_stays() {
    for furniture in [
        "<div class=\"sharedaddy-like\"><p>Un paragraphe gardé.</p></div>",
        "<div class=\"no-comments\"><p>Un paragraphe gardé.</p></div>",
        "<div id=\"comment\"><p>Un paragraphe gardé.</p></div>",
        "<div role=\"note\"><p>Un paragraphe gardé.</p></div>",
        "<div class=\"tocard\"><p>Un paragraphe gardé.</p></div>",
        "<div class=\"site-navigation-help\"><p>Un paragraphe gardé.</p></div>",
        "<div aria-hidden=\"false\"><p>Un paragraphe gardé.</p></div>",
        "<div style=\"display: block\"><p>Un paragraphe gardé.</p></div>",
    ] {
        let parsed = parse(&page(furniture), Format::Html);
        assert_eq!(
            blocks(&parsed),
            [POST[0], POST[1], "Paragraph: Un paragraphe gardé.", POST[2]],
            "{furniture}"
        );
    }
}
