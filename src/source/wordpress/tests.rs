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
