//! Names of the fast path: the element classes of HTML's tree
//! construction it checks, and SVG's capitalised names.

use html5ever::{LocalName, QualName, namespace_prefix, ns};

/// An SVG element's name in SVG's case.
pub(super) fn svg_name(name: &str) -> &str {
    SVG_NAMES
        .iter()
        .find(|n| n.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or(name)
}

/// An SVG attribute's name: SVG's case, or the XLink, XML or XMLNS
/// namespace its prefix names.
pub(super) fn svg_attribute(name: &str) -> QualName {
    let (prefix, ns, local) = match name {
        "xlink:actuate" | "xlink:arcrole" | "xlink:href" | "xlink:role"
        | "xlink:show" | "xlink:title" | "xlink:type" => {
            (Some(namespace_prefix!("xlink")), ns!(xlink), &name[6..])
        }
        "xml:lang" | "xml:space" => {
            (Some(namespace_prefix!("xml")), ns!(xml), &name[4..])
        }
        "xmlns" => (Some(namespace_prefix!("")), ns!(xmlns), name),
        "xmlns:xlink" => {
            (Some(namespace_prefix!("xmlns")), ns!(xmlns), "xlink")
        }
        _ => {
            let local = SVG_ATTRIBUTES
                .iter()
                .find(|n| n.eq_ignore_ascii_case(name))
                .copied()
                .unwrap_or(name);
            (None, ns!(), local)
        }
    };
    QualName::new(prefix, ns, LocalName::from(local))
}

/// SVG element names with capitals (html5ever's `adjust_svg_tag_name`).
const SVG_NAMES: &[&str] = &[
    "altGlyph",
    "altGlyphDef",
    "altGlyphItem",
    "animateColor",
    "animateMotion",
    "animateTransform",
    "clipPath",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "foreignObject",
    "glyphRef",
    "linearGradient",
    "radialGradient",
    "textPath",
];

/// SVG attribute names with capitals (html5ever's
/// `adjust_svg_attributes`).
const SVG_ATTRIBUTES: &[&str] = &[
    "attributeName",
    "attributeType",
    "baseFrequency",
    "baseProfile",
    "calcMode",
    "clipPathUnits",
    "diffuseConstant",
    "edgeMode",
    "filterUnits",
    "glyphRef",
    "gradientTransform",
    "gradientUnits",
    "kernelMatrix",
    "kernelUnitLength",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lengthAdjust",
    "limitingConeAngle",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "maskContentUnits",
    "maskUnits",
    "numOctaves",
    "pathLength",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "preserveAlpha",
    "preserveAspectRatio",
    "primitiveUnits",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "specularConstant",
    "specularExponent",
    "spreadMethod",
    "startOffset",
    "stdDeviation",
    "stitchTiles",
    "surfaceScale",
    "systemLanguage",
    "tableValues",
    "targetX",
    "targetY",
    "textLength",
    "viewBox",
    "viewTarget",
    "xChannelSelector",
    "yChannelSelector",
    "zoomAndPan",
];

/// HTML start tags that end SVG content (html5ever's
/// `unexpected_start_tag_in_foreign_content`; `<font>` only with some
/// attributes, refused here always).
pub(super) fn breaks_out_of_svg(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "b" | "big"
                | "blockquote"
                | "body"
                | "br"
                | "center"
                | "code"
                | "dd"
                | "div"
                | "dl"
                | "dt"
                | "em"
                | "embed"
                | "head"
                | "hr"
                | "i"
                | "img"
                | "li"
                | "listing"
                | "menu"
                | "meta"
                | "nobr"
                | "ol"
                | "p"
                | "pre"
                | "ruby"
                | "s"
                | "small"
                | "span"
                | "strong"
                | "strike"
                | "sub"
                | "sup"
                | "table"
                | "tt"
                | "u"
                | "ul"
                | "var"
        )
}

/// Where a start tag or text follows the table rules, not the body's.
pub(super) fn in_table_part(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr")
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that close an open `<p>` (in button scope).
pub(super) fn closes_p(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "header"
                | "hgroup"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "pre"
                | "listing"
                | "form"
                | "hr"
                | "xmp"
                | "table"
                | "plaintext"
                | "li"
                | "dd"
                | "dt"
        )
}

/// Elements with tree-construction rules this reader does not model.
pub(super) fn unsupported(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "head"
            | "body"
            | "frameset"
            | "frame"
            | "template"
            | "caption"
            | "col"
            | "colgroup"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "select"
            | "option"
            | "optgroup"
            | "plaintext"
            | "xmp"
            | "image"
            | "isindex"
            | "math"
            | "rb"
            | "rp"
            | "rt"
            | "rtc"
            | "marquee"
            | "applet"
            | "object"
            | "menuitem"
            | "search"
    )
}

/// The HTML "special" category (the ones that stop the search for an
/// open list item).
pub(super) fn is_special(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "applet"
                | "area"
                | "article"
                | "aside"
                | "base"
                | "basefont"
                | "bgsound"
                | "blockquote"
                | "body"
                | "br"
                | "button"
                | "caption"
                | "center"
                | "col"
                | "colgroup"
                | "dd"
                | "details"
                | "dir"
                | "div"
                | "dl"
                | "dt"
                | "embed"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "frame"
                | "frameset"
                | "head"
                | "header"
                | "hgroup"
                | "hr"
                | "html"
                | "iframe"
                | "img"
                | "input"
                | "keygen"
                | "li"
                | "link"
                | "listing"
                | "main"
                | "marquee"
                | "menu"
                | "meta"
                | "nav"
                | "noembed"
                | "noframes"
                | "noscript"
                | "object"
                | "ol"
                | "p"
                | "param"
                | "plaintext"
                | "pre"
                | "script"
                | "search"
                | "section"
                | "select"
                | "source"
                | "style"
                | "summary"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "track"
                | "ul"
                | "wbr"
                | "xmp"
        )
}

/// An atom of the name, in lower case. The commonest names are
/// constants: `LocalName::from` hashes the name to find its atom.
pub(super) fn lower_atom(name: &str) -> LocalName {
    use html5ever::local_name as n;
    match name {
        "a" => n!("a"),
        "p" => n!("p"),
        "div" => n!("div"),
        "span" => n!("span"),
        "li" => n!("li"),
        "ul" => n!("ul"),
        "em" => n!("em"),
        "strong" => n!("strong"),
        "code" => n!("code"),
        "img" => n!("img"),
        "br" => n!("br"),
        "meta" => n!("meta"),
        "link" => n!("link"),
        "script" => n!("script"),
        "h2" => n!("h2"),
        "h3" => n!("h3"),
        "class" => n!("class"),
        "id" => n!("id"),
        "href" => n!("href"),
        "src" => n!("src"),
        "alt" => n!("alt"),
        "rel" => n!("rel"),
        "title" => n!("title"),
        "name" => n!("name"),
        "content" => n!("content"),
        "property" => n!("property"),
        "type" => n!("type"),
        "style" => n!("style"),
        _ if name.bytes().any(|b| b.is_ascii_uppercase()) => {
            LocalName::from(name.to_ascii_lowercase())
        }
        _ => LocalName::from(name),
    }
}
