//! The fast path against html5ever: the same tree, node for node,
//! whenever the fast path takes a page.

use scraper::{Html, Node};

use super::*;

/// The tree as text: one line per node, indented by depth.
fn dump(doc: &Html) -> String {
    let mut out = String::new();
    for edge in doc.tree.root().traverse() {
        let ego_tree::iter::Edge::Open(node) = edge else {
            continue;
        };
        let depth = node.ancestors().count();
        out.push_str(&"  ".repeat(depth));
        match node.value() {
            Node::Document => out.push_str("#document"),
            Node::Fragment => out.push_str("#fragment"),
            Node::Doctype(d) => out.push_str(&format!(
                "<!doctype {:?} {:?} {:?}>",
                &*d.name, &*d.public_id, &*d.system_id
            )),
            Node::Comment(c) => {
                out.push_str(&format!("<!-- {:?} -->", &*c.comment))
            }
            Node::Text(t) => out.push_str(&format!("{:?}", &*t.text)),
            Node::Element(e) => {
                out.push_str(&format!("<{:?} {}", e.name.ns, &*e.name.local));
                for (name, value) in e.attrs.iter() {
                    out.push_str(&format!(
                        " {:?}:{:?}:{}={:?}",
                        name.prefix, name.ns, &*name.local, &**value
                    ));
                }
                out.push('>');
            }
            Node::ProcessingInstruction(p) => {
                out.push_str(&format!("<?{:?}>", &*p.target))
            }
        }
        out.push('\n');
    }
    out
}

/// Whether the fast path took the page; when it did, its tree is
/// html5ever's and so is the article read from it.
fn check_page(html: &str) -> bool {
    let src = flatten_deep_blocks(html);
    let Some(fast) = fast::document(&src) else {
        return false;
    };
    let slow = Html::parse_document(&src);
    assert_eq!(dump(&fast), dump(&slow), "page: {html:?}");
    assert_eq!(
        format!("{:?}", read_page(&fast)),
        format!("{:?}", read_page(&slow)),
        "page: {html:?}"
    );
    true
}

fn check_fragment(html: &str) -> bool {
    let src = flatten_deep_blocks(html);
    let Some(fast) = fast::fragment(&src) else {
        return false;
    };
    let slow = Html::parse_fragment(&src);
    assert_eq!(dump(&fast), dump(&slow), "fragment: {html:?}");
    let meta = Meta::default();
    assert_eq!(
        format!("{:?}", read_fragment(&fast, meta.clone(), true)),
        format!("{:?}", read_fragment(&slow, meta, true)),
        "fragment: {html:?}"
    );
    true
}

#[test]
fn the_test_pages_take_the_fast_path_or_agree() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/html");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let taken = check_page(&text);
        eprintln!("{}: {taken}", path.display());
    }
}

/// Well-formed pages the fast path must take (and agree on).
#[test]
fn well_formed_pages_take_the_fast_path() {
    let pages = [
        "<!DOCTYPE html><html><head></head><body></body></html>",
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=utf-8>\n\
         <title>Le v&eacute;lo &amp; la ville | Blog</title>\n\
         <meta property='og:title' content=\"Le vélo &rsquo;\">\n\
         <script type=\"application/ld+json\">{\"headline\": \"a < b\"}</script>\n\
         <style>p > a { color: red }</style>\n\
         <noscript><img src=x></noscript>\n</head>\n<body class=\"post\">\n\
         <!-- commentaire -->\n<header><nav><ul><li><a href=/>Accueil</a></li>\
         </ul></nav></header>\n<main><article><h1>Titre</h1>\n\
         <p>Un <em>bon</em> texte&nbsp;: a &lt; b, 3 &gt; 2 &#233;t&#xE9; AT & T.<br/>\
         Fin.</p>\n<pre>\ncode</pre><ul>\n<li>un</li>\n<li>deux</li>\n</ul>\
         <table><tr><td>a</td><td>b</td></tr></table>\
         <table>\n<thead><tr><th>x</th></tr></thead>\n<tbody><tr><td>y</td></tr>\
         </tbody></table><img src=\"a.png\" alt=\"une image\"/>\
         <p><a rel=\"tag\" href=\"/t\">jardin</a></p></article></main>\n\
         <footer>© 2024</footer>\n</body>\n</html>\n",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\
         <html><head><title>t</title></head><body><p>x</p></body></html>",
        "<!DOCTYPE html SYSTEM \"about:legacy-compat\">\
         <html><head></head><body><p>x</p></body></html>",
        "<html><head></head><body><div>a<p>b</p>c</div></body></html><!-- fin -->",
        "<html><head></head><body>unclosed <div><p>at the end",
        "<html><HEAD></HEAD><BODY><P CLASS=x ID=\"y\" class=z>Dup</P></BODY></HTML>",
        "<html><head></head><body><a href=/><svg viewbox=\"0 0 2 2\"          xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">         <title>Icône</title><linearGradient id=g gradientunits=x><stop/></lineargradient>         <use xlink:href=\"#i\" xml:lang=fr /><CIRCLE r=1></circle></svg>         Partager</a><svg/><p>après</p><form><textarea name=c>\nUn texte &amp; <b>         </textarea></form></body></html>",
    ];
    for page in pages {
        assert!(check_page(page), "not taken: {page:?}");
    }
    let fragments = [
        "",
        "Un texte\n\nEt un autre<br>\nligne",
        "<p>Un <strong>mot</strong></p>\n<h2>Titre</h2>\n<ul><li>a</li></ul>",
        "<!-- more -->Suite &amp; fin",
    ];
    for fragment in fragments {
        assert!(check_fragment(fragment), "not taken: {fragment:?}");
    }
}

/// Pages whose tree depends on rules the fast path does not model: it
/// must give up on them (and html5ever reads them).
#[test]
fn malformed_pages_are_left_to_html5ever() {
    let frame = |body: &str| {
        format!("<!DOCTYPE html><html><head></head><body>{body}</body></html>")
    };
    let bodies = [
        "<p>un<p>deux",
        "<p>un<div>deux</div></p>",
        "<ul><li>un<li>deux</ul>",
        "<dl><dt>a<dd>b</dl>",
        "<h1>un<h2>deux</h2></h1>",
        "<b>gras <i>mêlé</b> fin</i>",
        "<a href=x>un <a href=y>deux</a></a>",
        "<form><form></form></form>",
        "<table><p>hors</p></table>",
        "<table>texte</table>",
        "<table><td>x</td></table>",
        "<template><p>x</p></template>",
        "<svg><p>sortie</p></svg>",
        "<svg><foreignObject><div>x</div></foreignObject></svg>",
        "<svg><style>a{}</style></svg>",
        "<select><option>a</select>",
        "</p>",
        "</br>",
        "<div>x</span></div>",
        "&bogus; &amp",
        "<script>a<!--b</script>",
        "<p>\0</p>",
        "<p>a\rb</p>",
        "<!-->",
        "<? pi ?>",
        "<div a=b\"c>x</div>",
        "<div a=\"b\"c=d>x</div>",
        "<body>",
        "<p>un</p></body><p>après</p>",
    ];
    for body in bodies {
        let page = frame(body);
        assert!(!check_page(&page), "taken: {page:?}");
    }
    let pages = [
        "<p>sans cadre</p>",
        "<html><head><div>x</div></head><body></body></html>",
        "<html><head></head>texte<body></body></html>",
        "<html><head></head><body><div>x</div>",
        "<html><head></head><body></body></html>texte",
        "<!DOCTYPE html><html><head><title>x</title>",
    ];
    for page in pages {
        check_page(page);
    }
    // A keyword other than PUBLIC or SYSTEM makes a bogus doctype,
    // whose identifiers html5ever leaves empty.
    assert!(!check_page(
        "<!DOCTYPE html LEGACY \"x\"><html><head></head><body></body></html>"
    ));
    // A leading BOM is dropped by html5ever; one further on is text.
    assert!(!check_fragment("\u{FEFF}un BOM"));
    assert!(check_fragment("un \u{FEFF}BOM"));
    assert!(!check_page(&format!("\u{FEFF}{}", frame("<p>x</p>"))));
    let _ = check_page(&frame(&"<div>".repeat(600)));
    assert!(!check_page(&frame(&"<div>".repeat(600))));
}

/// The legacy names (read without `;`) are at most `LEGACY_MAX` long.
#[test]
fn legacy_entity_names_are_short() {
    let longest = html5ever::data::NAMED_ENTITIES
        .entries()
        .filter(|(name, (c1, _))| *c1 != 0 && !name.ends_with(';'))
        .map(|(name, _)| name.len())
        .max();
    assert_eq!(longest, Some(fast::LEGACY_MAX));
}

/// Pieces of HTML, well-formed or not, that tag soups are made of.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div class=\"comments\">",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<ol>",
    "</ol>",
    "<dl>",
    "<dt>",
    "<dd>",
    "</dd>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<em>",
    "</em>",
    "<a href=\"#fn1\">",
    "<a rel=tag>",
    "</a>",
    "<span>",
    "</span>",
    "<br>",
    "<br/>",
    "<hr>",
    "<img alt='une image'>",
    "<img alt=IMG_1.jpg>",
    "<article>",
    "</article>",
    "<main>",
    "</main>",
    "<section role=main>",
    "</section>",
    "<nav>",
    "</nav>",
    "<aside>",
    "</aside>",
    "<header>",
    "</header>",
    "<footer>",
    "</footer>",
    "<form>",
    "</form>",
    "<button>",
    "</button>",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<tbody>",
    "</tbody>",
    "<th>",
    "</th>",
    "<pre>",
    "</pre>",
    "\n",
    "<code>",
    "</code>",
    "<sup>",
    "</sup>",
    "<time datetime=\"2024-03-01\">",
    "</time>",
    "<script>var a = 1 < 2;</script>",
    "<style>p{}</style>",
    "<noscript>sans <b>js</b></noscript>",
    "<title>Un &amp; titre</title>",
    "<meta name=author content=\"Julie\">",
    "<!-- c -->",
    "<!--->",
    "<!",
    "<",
    ">",
    "&",
    "&amp;",
    "&eacute;",
    "&nbsp;",
    "&#233;",
    "&#x80;",
    "&notit;",
    "&amp",
    "&theme-id=1",
    "&copy2024",
    "&ampx;",
    "&xyz;",
    "&#10;",
    "&#x110000;",
    "&#128512;",
    "<a href=\"?a=1&theme=2&amp;b&copy=3&not\">",
    "<a title=&lt;b&gt;>",
    "Du texte. ",
    "Une question ? ",
    "  ",
    "mot",
    "</body>",
    "</html>",
    "<body>",
    "<head>",
    "<svg>",
    "</svg>",
    "<template>",
    "</template>",
    "<select>",
    "<option>",
    "<textarea>",
    "<svg viewbox=\"0 0 1 1\">",
    "<circle r=1/>",
    "<g>",
    "</g>",
    "<title>",
    "</title>",
    "<foreignobject>",
    "</textarea>",
    "<p hidden>",
    "<div style=\"display: none\">",
    "<object>",
    "</object>",
];

fn soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::collection::vec(0..PIECES.len(), 0..40)
        .prop_map(|ids| ids.into_iter().map(|i| PIECES[i]).collect())
}

/// Elements of well-formed trees, with the attributes they may get.
const ELEMENTS: &[&str] = &[
    "p",
    "div",
    "div class=\"comment-list\"",
    "span",
    "b",
    "em",
    "a href=\"#fn2\"",
    "a rel=\"author\"",
    "a rel=\"tag\" href=/t",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "article",
    "main",
    "div role=\"main\"",
    "section",
    "nav",
    "aside",
    "header",
    "footer",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "code",
    "sup",
    "time datetime=\"2023-05-02\"",
    "button",
    "form",
    "svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"",
    "g",
    "lineargradient",
    "title",
    "foreignObject",
    "textarea",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "label",
    "p aria-hidden=true",
];

/// Leaves of well-formed trees.
const LEAVES: &[&str] = &[
    "Du texte. ",
    "Une question ?",
    "\n",
    "  ",
    "l&rsquo;été",
    "a &amp; b",
    "&#8217;",
    "<br>",
    "<img alt=\"Une image\">",
    "<img alt=a-b-c>",
    "<hr>",
    "<!-- c -->",
    "<script>x()</script>",
    "<style>b{}</style>",
    "mot",
    "<meta name=keywords content=\"a, b\">",
    "\nligne",
    "<path d=\"M0 0\"/>",
    "<svg><use xlink:href=\"#i\"/></svg>",
    "<textarea>\n&lt;b></textarea>",
];

/// A well-formed tree of [`ELEMENTS`] (however they may nest: a `<p>` in
/// a `<p>` or a `<tr>` in a `<div>` is still for html5ever to decide).
fn tree() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let leaf = (0..LEAVES.len()).prop_map(|i| LEAVES[i].to_string());
    leaf.prop_recursive(6, 64, 6, |inner| {
        (0..ELEMENTS.len(), proptest::collection::vec(inner, 0..6)).prop_map(
            |(e, children)| {
                let open = ELEMENTS[e];
                let name = open.split(' ').next().unwrap_or(open);
                format!("<{open}>{}</{name}>", children.concat())
            },
        )
    })
}

/// A well-formed tree with one piece of [`PIECES`] put somewhere in it
/// (maybe inside a tag: that too must be read right or refused).
fn damaged_tree() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    (
        tree(),
        any::<proptest::sample::Index>(),
        0..PIECES.len() * 2,
    )
        .prop_map(|(tree, at, piece)| {
            let Some(piece) = PIECES.get(piece) else {
                return tree;
            };
            let mut at = at.index(tree.len() + 1);
            while !tree.is_char_boundary(at) {
                at -= 1;
            }
            format!("{}{piece}{}", &tree[..at], &tree[at..])
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Well-formed trees, some with damage, as pages and fragments.
    #[test]
    fn trees_agree(body in damaged_tree(), head in soup()) {
        check_page(&format!(
            "<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
        ));
        check_page(&format!(
            "<!DOCTYPE html><html><head></head><body>{body}</body></html>"
        ));
        check_fragment(&body);
    }

    /// Tag soup in a page's frame: the fast path gives up or builds
    /// html5ever's tree.
    #[test]
    fn pages_of_tag_soup_agree(body in soup(), head in soup(), after in soup()) {
        check_page(&format!(
            "<!DOCTYPE html><html><head>{head}</head><body>{body}</body>{after}"
        ));
        check_page(&format!("<html><head></head><body>{body}"));
        check_page(&body);
    }

    /// Tag soup as a WordPress body.
    #[test]
    fn fragments_of_tag_soup_agree(body in soup()) {
        check_fragment(&body);
    }

    /// Any text: no panic, and agreement when taken.
    #[test]
    fn any_text_agrees(text in "(<[a-z/!]?|[a-z =\"'&;#>\n]|&[a-z]{1,6};?){0,60}") {
        check_page(&text);
        check_fragment(&text);
        let page = format!("<html><head></head><body>{text}</body></html>");
        check_page(&page);
    }
}
