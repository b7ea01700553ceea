use super::meta::strip_site_suffix;
use super::*;
use crate::source::BlockKind;

fn blocks(p: &Parsed) -> Vec<(&str, BlockKind)> {
    p.blocks.iter().map(|b| (p.block_text(b), b.kind)).collect()
}

fn texts(p: &Parsed) -> Vec<&str> {
    p.blocks.iter().map(|b| p.block_text(b)).collect()
}

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         {head}</head><body>{body}</body></html>"
    )
}

#[test]
fn blocks_of_an_article() {
    let html = page(
        "<title>Le compost | Mon jardin</title>",
        "<nav><ul><li>Accueil</li><li>Contact</li></ul></nav>\
         <header><p>Mon jardin, le blog</p></header>\
         <article><header><h1>Le compost</h1><p>Par Julie</p></header>\
         <p>Un <em>bon</em> compost se fait <a href=\"/x\">vite</a>.</p>\
         <h2>Les étapes</h2><ul><li>Broyer</li><li>Mélanger<ul>\
         <li>les verts</li></ul></li></ul>\
         <blockquote><p>Une citation.</p></blockquote>\
         <div>Un texte libre<p>et un paragraphe.</p>la fin</div>\
         <table><tr><td>Azote</td><td>vert</td></tr></table>\
         <figure><img src=\"a.jpg\" alt=\"un bac à compost\">\
         <figcaption>Le bac.</figcaption></figure>\
         <dl><dt>Humus</dt><dd>Terre noire.</dd></dl>\
         <footer>Tags : jardin</footer></article>\
         <aside><h2>À lire aussi</h2><p>Autre billet</p></aside>\
         <footer>© 2024 Mon jardin</footer>",
    );
    let p = parse(&html);
    use BlockKind::*;
    assert_eq!(p.meta.title.as_deref(), Some("Le compost"));
    assert_eq!(
        blocks(&p),
        [
            ("Le compost", Title),
            ("Un bon compost se fait vite.", Paragraph),
            ("Les étapes", Heading),
            ("Broyer", ListItem),
            ("Mélanger", ListItem),
            ("les verts", ListItem),
            ("Une citation.", Paragraph),
            ("Un texte libre", Paragraph),
            ("et un paragraphe.", Paragraph),
            ("la fin", Paragraph),
            ("Azote vert", Paragraph),
            ("un bac à compost", Paragraph),
            ("Le bac.", Paragraph),
            ("Humus", Paragraph),
            ("Terre noire.", Paragraph),
        ]
    );
}

#[test]
fn furniture_never_in_text() {
    let html = page(
        "<style>body{color:red}</style>\
         <script>var menu = 'navigation';</script>",
        "<header>Entête</header><nav>Navigation</nav>\
         <main><p>Le texte.</p><script>alert('script')</script>\
         <noscript>Activez javascript</noscript>\
         <template><p>Gabarit</p></template>\
         <!-- commentaire -->\
         <form><label>Courriel</label><button>Envoyer</button></form>\
         <svg><text>Dessin</text></svg>\
         <iframe src=\"x\">Cadre</iframe>\
         <aside>Encadré</aside>\
         <div hidden>Caché</div><span aria-hidden=\"true\">Icône</span>\
         <div style=\"display: none\">Invisible</div>\
         <div id=\"comments\"><p>Un lecteur a écrit</p></div>\
         <p>Suite.</p></main><footer>Pied de page</footer>",
    );
    let p = parse(&html);
    assert_eq!(texts(&p), ["Le texte.", "Suite."]);
}

#[test]
fn code_is_dropped() {
    let html = page(
        "",
        "<main><p>La commande <code>ls -la</code> liste.</p>\
         <pre><code>rm -rf /</code></pre><p>Fin.</p></main>",
    );
    assert_eq!(texts(&parse(&html)), ["La commande liste.", "Fin."]);
}

#[test]
fn inline_elements_add_no_space() {
    let cases = [
        ("<p><em>pra</em>tique</p>", "pratique"),
        (
            "<p>mot<a href=\"x\">lien</a> suivant</p>",
            "motlien suivant",
        ),
        ("<p>le XIX<sup>e</sup> siècle</p>", "le XIXe siècle"),
        ("<p>une<br>ligne</p>", "une ligne"),
        ("<p>un\n  texte\t\tespacé </p>", "un texte espacé"),
        ("<p>voir<sup><a href=\"#fn1\">1</a></sup>.</p>", "voir."),
        // A call without <sup>, known by its target alone.
        ("<p>voir<a href=\"#fn1\">1</a>.</p>", "voir."),
        ("<p>voir<a href=\"#footnote-2\">2</a>.</p>", "voir."),
        // In <sup>, any link to an anchor is a call; a link elsewhere is
        // text.
        ("<p>voir<sup><a href=\"#note-3\">3</a></sup>.</p>", "voir."),
        (
            "<p>le XIX<sup><a href=\"/siecles\">e</a></sup> siècle</p>",
            "le XIXe siècle",
        ),
        ("<p>écrire à <a href=\"mailto:a@b.fr\">a@b.fr</a>.</p>", {
            "écrire à ."
        }),
        (
            "<p><a href=\"https://x.fr\">https://x.fr</a> ici</p>",
            "ici",
        ),
        ("<p>photo <img src=\"x\" alt=\"IMG_1234.jpg\"> ici</p>", {
            "photo ici"
        }),
        ("<p><img alt=\"money-remittance-hk\">Bastiat</p>", "Bastiat"),
        ("<p><img alt=\"Bastiat-Proudhon\"></p>", "Bastiat-Proudhon"),
    ];
    for (body, expected) in cases {
        let p = parse(&page("", body));
        assert_eq!(texts(&p), [expected], "{body}");
    }
}

// See: #14 (Sphinx and anchor plugins end headings with a `¶` link).
#[test]
fn permalinks_are_not_text() {
    let cases = [
        (
            "<h2>Pourquoi composter ?<a class=\"headerlink\" \
             href=\"#pourquoi\" title=\"Lien\">¶</a></h2>",
            "Pourquoi composter ?",
        ),
        ("<h2><a href=\"#bac\">#</a> Le bac</h2>", "Le bac"),
        ("<h3>Le tamis <a href=\"#tamis\"> 🔗 </a></h3>", "Le tamis"),
        ("<p>Voir l’article 3<a href=\"#a3\">§</a>.</p>", {
            "Voir l’article 3."
        }),
        // A word, a number or an image in the link is text.
        ("<p>Voir <a href=\"#bac\">le bac</a>.</p>", "Voir le bac."),
        ("<p>Étape <a href=\"#e2\">2</a>.</p>", "Étape 2."),
        (
            "<p><a href=\"#f\"><img src=\"f.png\" alt=\"un bac\"></a></p>",
            { "un bac" },
        ),
        // An image beside a sign: the link is read, its alt text kept.
        (
            "<p>Haut <a href=\"#h\">↑<img src=\"h.png\" alt=\"de page\"></a></p>",
            { "Haut ↑ de page" },
        ),
        // A sign that links elsewhere stays.
        ("<p>Le signe <a href=\"/signes\">§</a> ici.</p>", {
            "Le signe § ici."
        }),
    ];
    for (body, expected) in cases {
        let p = parse(&page("", body));
        assert_eq!(texts(&p), [expected], "{body}");
    }
    let html = page(
        "<title>Pourquoi composter ? — Mon jardin</title>",
        "<div role=\"main\"><h1>Pourquoi composter ?<a \
         href=\"#pourquoi\">¶</a></h1><p>Parce que.</p></div>",
    );
    let p = parse(&html);
    assert_eq!(p.meta.title.as_deref(), Some("Pourquoi composter ?"));
    assert_eq!(texts(&p), ["Pourquoi composter ?", "Parce que."]);
}

/// A skipped `<div>` (a table of contents) ends the text run before it,
/// as a read `<div>` would: the text around it makes two blocks, never
/// one sentence across it (see: #14).
#[test]
fn a_skipped_div_ends_the_block_before_it() {
    let body = "<div>Le compost mûrit<div class=\"toc\"><a href=\"#a\">\
                1. Le bac</a></div>puis il sert au potager.</div>";
    let p = parse(&page("", body));
    assert_eq!(texts(&p), ["Le compost mûrit", "puis il sert au potager."]);
}

#[test]
fn entities_are_decoded() {
    let body = "<p>L&rsquo;été &amp; l&#8217;hiver&nbsp;? &#xE9;t&eacute; \
                &laquo;&#160;oui&#160;&raquo;</p>";
    let p = parse(&page("", body));
    assert_eq!(texts(&p), ["L’été & l’hiver\u{A0}? été «\u{A0}oui\u{A0}»"]);
    assert!(p.text.contains("hiver\u{A0}?"));
}

#[test]
fn br_after_a_question_ends_the_line() {
    let body = "<p>Et vous&nbsp;?<br>Que faites-vous ?<br>\n\
                Pourquoi ?<br>mais encore</p><p>une<br>phrase</p>";
    let p = parse(&page("", body));
    assert_eq!(
        texts(&p),
        [
            "Et vous\u{A0}?",
            "Que faites-vous ?",
            "Pourquoi ?",
            "mais encore",
            "une phrase"
        ]
    );
    // A closing quote or bracket after the mark still ends the sentence.
    let body = "<p>Il a dit « oui. »<br>Puis (enfin !)<br>il est parti.</p>";
    let p = parse(&page("", body));
    assert_eq!(
        texts(&p),
        ["Il a dit « oui. »", "Puis (enfin !)", "il est parti."]
    );
}

#[test]
fn titles() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "<title>Le compost | Mon jardin</title>",
            "",
            Some("Le compost"),
        ),
        (
            "<title>Le compost – Mon jardin</title>",
            "",
            Some("Le compost"),
        ),
        ("<title>Mon jardin - Le compost du mois</title>", "", {
            Some("Le compost du mois")
        }),
        (
            "<title>Mon jardin</title>\
             <meta property=\"og:title\" content=\"Le compost\">",
            "",
            Some("Le compost"),
        ),
        (
            "<meta property=\"og:site_name\" content=\"Mon jardin\">\
             <title>Court | Mon jardin</title>",
            "",
            Some("Court"),
        ),
        (
            "<title>Titre de tête | Site</title>",
            "<main><h1>Titre du billet</h1><p>Texte.</p></main>",
            Some("Titre du billet"),
        ),
        (
            "<meta property=\"og:site_name\" content=\"Mon Jardin\">\
             <title>Le compost | Mon jardin</title>",
            "<header><h1>Mon jardin</h1></header><p>Texte.</p>",
            Some("Le compost"),
        ),
        (
            "<script type=\"application/ld+json\">\
             {\"@type\":\"BlogPosting\",\"headline\":\"L&#8217;été\"}\
             </script>",
            "",
            Some("L’été"),
        ),
        ("", "<p>Sans titre.</p>", None),
    ];
    for (head, body, expected) in cases {
        let p = parse(&page(head, body));
        assert_eq!(p.meta.title.as_deref(), *expected, "{head} {body}");
        let first = p.blocks.first().map(|b| b.kind);
        assert_eq!(
            first == Some(BlockKind::Title),
            expected.is_some(),
            "{head}"
        );
    }
}

#[test]
fn authors() {
    let ld = |json: &str| {
        format!("<script type=\"application/ld+json\">{json}</script>")
    };
    let cases: &[(String, &str, Option<&str>)] = &[
        ("<meta name=\"author\" content=\"Julie Roy\">".into(), "", {
            Some("Julie Roy")
        }),
        (ld(r#"{"@type":"Article","author":"Marc Petit"}"#), "", {
            Some("Marc Petit")
        }),
        (
            ld(r#"{"@type":"Article","author":{"name":"Marc Petit"}}"#),
            "",
            Some("Marc Petit"),
        ),
        (
            ld(r#"[{"@type":"Article","author":[{"name":"A B"},"C"]}]"#),
            "",
            Some("A B"),
        ),
        (
            ld(
                r##"{"@graph":[{"@type":"BlogPosting","author":{"@id":"#p"}},
                  {"@type":"Person","@id":"#p","name":"Léa Dumas"}]}"##,
            ),
            "",
            Some("Léa Dumas"),
        ),
        // A person is read through two levels of lists or references,
        // not three.
        (
            ld(
                r##"{"@graph":[{"@type":"BlogPosting","author":[{"@id":"#p"}]},
                  {"@type":"Person","@id":"#p","name":"Léa Dumas"}]}"##,
            ),
            "",
            Some("Léa Dumas"),
        ),
        (ld(r#"{"author":[["Marc Petit"]]}"#), "", Some("Marc Petit")),
        (ld(r#"{"author":[[["Marc Petit"]]]}"#), "", None),
        // A name that is only markup is none.
        (ld(r#"{"author":"<span></span>"}"#), "", None),
        // No addresses nor URLs, 80 characters at most.
        (
            "<meta name=\"author\" content=\"https://exemple.fr/julie\">"
                .into(),
            "",
            None,
        ),
        (
            "<meta name=\"author\" content=\"julie@exemple.fr\">".into(),
            "",
            None,
        ),
        (
            String::new(),
            "<article><p>Par <a rel=\"author\" href=\"/a\">Ève \
             Martin</a></p><p>Texte.</p></article>",
            Some("Ève Martin"),
        ),
        (
            "<meta property=\"article:author\" \
             content=\"https://facebook.com/x\">"
                .into(),
            "",
            None,
        ),
        (
            "<meta property=\"article:author\" content=\"Paul\">".into(),
            "",
            Some("Paul"),
        ),
        (ld("{not json"), "", None),
    ];
    for (head, body, expected) in cases {
        let p = parse(&page(head, body));
        assert_eq!(p.meta.author.as_deref(), *expected, "{head}");
    }
    // 80 characters (of two bytes each) at most.
    let author = |name: &str| {
        let head = format!("<meta name=\"author\" content=\"{name}\">");
        parse(&page(&head, "")).meta.author
    };
    let long = "é".repeat(80);
    assert_eq!(author(&long), Some(long.clone()));
    assert_eq!(author(&format!("{long}e")), None);
}

/// Yoast and other SEO plugins describe the page and the post in one
/// `@graph`: the post's fields win, whatever the order.
#[test]
fn article_types_come_first() {
    let graph = |article: &str| {
        let head = format!(
            "<script type=\"application/ld+json\">{{\"@graph\":[\
             {{\"@type\":\"WebPage\",\"datePublished\":\"2020-01-01\"}},\
             {{\"@type\":{article},\"datePublished\":\"2021-05-06\"}}]}}\
             </script>"
        );
        parse(&page(&head, "<p>Texte.</p>")).meta.date
    };
    let post = Some("2021-05-06".to_string());
    assert_eq!(graph("\"BlogPosting\""), post);
    assert_eq!(graph("\"NewsArticle\""), post);
    assert_eq!(graph("[\"Article\",\"Thing\"]"), post);
    assert_eq!(graph("\"Thing\""), Some("2020-01-01".to_string()));
}

/// The site's name, from JSON-LD when no meta gives it, takes the site
/// off a title that starts with it.
#[test]
fn site_name_from_json_ld() {
    let title = |json: &str| {
        let head = format!(
            "<title>Un jardin en ville | Compost</title>\
             <script type=\"application/ld+json\">{json}</script>"
        );
        parse(&page(&head, "<p>Texte.</p>")).meta.title
    };
    let compost = Some("Compost".to_string());
    assert_eq!(
        title(
            r#"{"@type":"BlogPosting","publisher":{"name":"Un jardin en ville"}}"#
        ),
        compost
    );
    assert_eq!(
        title(
            r#"[{"@type":"BlogPosting"},{"@type":"WebSite","name":"Un jardin en ville"}]"#
        ),
        compost
    );
    assert_eq!(
        title(r#"{"@type":["Organization"],"name":"Un jardin en ville"}"#),
        compost
    );
    // Without it, the longer part is the title.
    assert_eq!(title("{}"), Some("Un jardin en ville".to_string()));
}

/// `<main>` (or `role="main"`) with text is the content when the page
/// has no `<article>`: the rest of the body is left out.
#[test]
fn main_is_the_content() {
    let body = |main: &str| {
        format!("<div><p>Ailleurs sur le site.</p></div>{main}<div>Fin.</div>")
    };
    let p = parse(&page("", &body("<main><p>Le billet.</p></main>")));
    assert_eq!(texts(&p), ["Le billet."]);
    let p = parse(&page(
        "",
        &body("<div role=\"main\"><p>Le billet.</p></div>"),
    ));
    assert_eq!(texts(&p), ["Le billet."]);
    // An empty <main> leaves the whole body.
    let p = parse(&page("", &body("<main></main>")));
    assert_eq!(texts(&p), ["Ailleurs sur le site.", "Fin."]);
}

#[test]
fn dates() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "<meta property=\"article:published_time\" \
             content=\"2024-03-12T08:30:00+01:00\">",
            "<article><time datetime=\"2020-01-01\">x</time></article>",
            Some("2024-03-12"),
        ),
        (
            "",
            "<aside><time datetime=\"2019-05-05\">a</time></aside>\
             <article><p>Texte.</p><time datetime=\"2021-06-07\">\
             7 juin</time></article>",
            Some("2021-06-07"),
        ),
        (
            "<script type=\"application/ld+json\">\
             {\"datePublished\":\"2018-02-03\"}</script>",
            "",
            Some("2018-02-03"),
        ),
        ("<meta name=\"date\" content=\"03/02/2017\">", "", {
            Some("2017-02-03")
        }),
        ("", "<main><time>5 novembre 2024</time><p>T.</p></main>", {
            Some("2024-11-05")
        }),
        ("", "<p>Rien.</p>", None),
    ];
    for (head, body, expected) in cases {
        let p = parse(&page(head, body));
        assert_eq!(p.meta.date.as_deref(), *expected, "{head} {body}");
    }
}

#[test]
fn tags() {
    let head = "<meta property=\"article:tag\" content=\"jardin\">\
                <meta property=\"article:tag\" content=\"Compost\">\
                <meta name=\"keywords\" content=\"compost, sol , \">";
    let body = "<article><p>Texte.</p><footer><a rel=\"tag\" href=\"/t\">\
                potager</a></footer></article>\
                <aside><a rel=\"tag\" href=\"/u\">nuage</a></aside>";
    let p = parse(&page(head, body));
    assert_eq!(p.meta.tags, ["jardin", "Compost", "potager", "sol"]);
}

/// A tag of up to 100 characters (not bytes) is kept; a longer one is
/// prose pasted into the keywords.
#[test]
fn tags_up_to_100_characters() {
    let longest = "é".repeat(100);
    let head = format!(
        "<meta name=\"keywords\" content=\"{longest}, {longest}x, compost\">"
    );
    let p = parse(&page(&head, "<p>Texte.</p>"));
    assert_eq!(p.meta.tags, [longest.as_str(), "compost"]);
}

#[test]
fn descriptions() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "<meta name=\"description\" content=\"Un  billet\n sur le compost\">",
            Some("Un billet sur le compost"),
        ),
        // Escaped twice (WordPress): decoded once more.
        (
            "<meta property=\"og:description\" \
             content=\"L&amp;#8217;été &amp;amp; &lt;b&gt;lui&lt;/b&gt;\">",
            Some("L’été & lui"),
        ),
        (
            "<meta name=\"description\" content=\"&lt;p&gt;&lt;/p&gt;\">",
            None,
        ),
        ("<meta name=\"keywords\" content=\"compost\">", None),
    ];
    for (head, expected) in cases {
        let p = parse(&page(head, "<p>Texte.</p>"));
        assert_eq!(p.meta.description.as_deref(), *expected, "{head}");
    }
}

/// JSON-LD objects are read down to `MAX_JSON_DEPTH` levels of
/// `@graph` or lists, and no deeper (a hostile page could nest them
/// without end).
#[test]
fn json_ld_depth() {
    let nested = |graphs: usize, lists: usize| {
        let mut json = "{\"datePublished\":\"2018-02-03\"}".to_string();
        for _ in 0..lists {
            json = format!("[{json}]");
        }
        for _ in 0..graphs {
            json = format!("{{\"@graph\":{json}}}");
        }
        let head =
            format!("<script type=\"application/ld+json\">{json}</script>");
        parse(&page(&head, "")).meta.date
    };
    let date = Some("2018-02-03".to_string());
    assert_eq!(nested(super::meta::MAX_JSON_DEPTH, 0), date);
    assert_eq!(nested(super::meta::MAX_JSON_DEPTH + 1, 0), None);
    assert_eq!(nested(0, super::meta::MAX_JSON_DEPTH), date);
    assert_eq!(nested(0, super::meta::MAX_JSON_DEPTH + 1), None);
}

#[test]
fn largest_article_is_the_content() {
    let body = "<main><article><p>Court.</p></article>\
                <article><h1>Le vrai</h1><p>Un texte bien plus long que \
                l’autre.</p><section><h2>Articles récents</h2><ul>\
                <li><article>Autre</article></li></ul></section>\
                </article></main>";
    let p = parse(&page("", body));
    assert_eq!(
        texts(&p),
        [
            "Le vrai",
            "Un texte bien plus long que l’autre.",
            "Articles récents",
            "Autre"
        ]
    );
}

#[test]
fn malformed_html_never_panics() {
    let inputs = [
        "",
        "<",
        "<p>non fermé <b>gras <i>mêlé</b> fin</i>",
        "<table><p>hors table<td>cellule</table>",
        "</div></div><p>texte</p></body></html></html>",
        "<h1><h1><h1>",
        "<script>never closed",
        "&#xFFFFFFFF; &#0; &bogus; &",
    ];
    for input in inputs {
        let _ = parse(input);
    }
    // Nested blocks would take html5ever minutes: flattened first.
    let started = std::time::Instant::now();
    let deep = "<div>".repeat(50_000) + "profond" + &"</div>".repeat(10);
    assert!(texts(&parse(&deep)).contains(&"profond"));
    let deep = "<blockquote><p>cité".repeat(20_000);
    assert_eq!(texts(&parse(&deep)).len(), 20_000);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let deep = "<b>".repeat(50_000) + "gras";
    assert!(parse(&deep).text.contains("gras"));
}

#[test]
fn fragments_with_autop() {
    let meta = Meta {
        title: Some("Titre".into()),
        ..Meta::default()
    };
    let body = "<h1>Titre</h1>Premier paragraphe\nsur deux lignes.\n\n\
                Second paragraphe.\r\n\r\nUne question ?\nUne autre ?\n\
                <ul>\n<li>un point</li>\n</ul>";
    let p = parse_fragment(body, meta, true);
    use BlockKind::*;
    assert_eq!(
        blocks(&p),
        [
            ("Titre", Title),
            ("Premier paragraphe sur deux lignes.", Paragraph),
            ("Second paragraphe.", Paragraph),
            ("Une question ?", Paragraph),
            ("Une autre ?", Paragraph),
            ("un point", ListItem),
        ]
    );
    // A blank line ends a paragraph that ends no sentence too (a single
    // newline there is a space).
    let body = "Un intertitre\nsans point\n\nLa suite.";
    let p = parse_fragment(body, Meta::default(), true);
    assert_eq!(texts(&p), ["Un intertitre sans point", "La suite."]);
    // Only a newline is a break with autop: a space after a sentence
    // keeps the paragraph going.
    let body = "Une phrase. La suite\ndu paragraphe.";
    let p = parse_fragment(body, Meta::default(), true);
    assert_eq!(texts(&p), ["Une phrase. La suite du paragraphe."]);
}

#[test]
fn newlines_in_a_page_are_spaces() {
    // Without autop (a whole page), a newline after a sentence is a space
    // like any other: the paragraph is one block.
    let html = page("", "<p>Une phrase.\nLa suite.\tEt la fin.</p>");
    assert_eq!(texts(&parse(&html)), ["Une phrase. La suite. Et la fin."]);
}

#[test]
fn shallow_pages_are_not_flattened() {
    let html = "<div><div><p>un</p><ul><li>deux</ul></div></div>";
    assert!(matches!(flatten_deep_blocks(html), Cow::Borrowed(_)));
    let deep = "<DIV class=x>".repeat(1001) + "</div>";
    let flat = flatten_deep_blocks(&deep);
    assert_eq!(flat, "<p>".repeat(1002));
    // The deepest nesting allowed, and one more (each level's `<` counts).
    let edge = "<div>".repeat(MAX_BLOCK_NESTING) + "texte";
    assert!(matches!(flatten_deep_blocks(&edge), Cow::Borrowed(_)));
    let over = "<Section>".repeat(MAX_BLOCK_NESTING + 1) + "texte";
    let flat = flatten_deep_blocks(&over);
    assert_eq!(flat, "<p>".repeat(MAX_BLOCK_NESTING + 1) + "texte");
}

#[test]
fn site_suffixes() {
    let cases = [
        ("Titre | Site", None, "Titre"),
        ("Site | Un titre plus long", None, "Un titre plus long"),
        ("Un - deux | Site", None, "Un - deux"),
        ("Sans séparateur", None, "Sans séparateur"),
        ("Compost - partie 2", Some("Jardin"), "Compost - partie 2"),
        ("Compost - Jardin", Some("jardin"), "Compost"),
    ];
    for (title, site, expected) in cases {
        assert_eq!(strip_site_suffix(title, site), expected, "{title}");
    }
}

#[test]
fn short_html_to_text() {
    assert_eq!(html_to_text("L&#8217;été &amp; <b>lui</b>"), "L’été & lui");
    assert_eq!(html_to_text("  deux   mots "), "deux mots");
}

/// A `<template>` in the head is inert markup, not the page's: its links
/// give no tags, its `<time>` no date.
#[test]
fn head_templates_are_not_the_page() {
    let head = "<template><a rel=\"tag\" href=\"/t\">caché</a>\
                <time datetime=\"2019-01-02\">2 janvier</time></template>";
    let p = parse(&page(head, "<p>Texte.</p>"));
    assert!(p.meta.tags.is_empty(), "{:?}", p.meta.tags);
    assert_eq!(p.meta.date, None);
    assert_eq!(texts(&p), ["Texte."]);
}
