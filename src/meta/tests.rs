//! Unit tests of front matter reading, dates and the plain-text
//! conventions.

use super::*;

#[test]
fn front_matter_ends_at_its_fence_line() {
    use FrontMatterKind::{Toml, Yaml};
    for (text, split) in [
        ("---\na: b\n---\nrest", Some((Yaml, "a: b\n", "rest"))),
        ("---\na\n...\nr", Some((Yaml, "a\n", "r"))),
        ("+++\na\n...\n+++ \r\nr", Some((Toml, "a\n...\n", "r"))),
        ("---\r\na\r\n--- \r\nb", Some((Yaml, "a\r\n", "b"))),
        ("---\n---", Some((Yaml, "", ""))),
        ("---\na\n ---\n----\n-\n", None),
        ("/*\na: b\n*/\nrest", Some((Yaml, "a: b\n", "rest"))),
        ("/* a */\nb\n*/\n", None),
        ("/*\na\n", None),
    ] {
        assert_eq!(split_front_matter(text), split, "{text:?}");
    }
}

#[test]
fn yaml_front_matter() {
    let text = "---\ntitle: \"Un titre\"\ndate: 2008-01-17 12:00:00 +02:00\n\
                author: [madx, MoOx]\ntags:\n  - vélo\n  - ville\n\
                categories: ville, jardin\nslug: un-titre\n---\nCorps\n";
    let (kind, fm, rest) = split_front_matter(text).unwrap();
    assert_eq!(kind, FrontMatterKind::Yaml);
    assert_eq!(rest, "Corps\n");
    let mut meta = Meta::default();
    read_front_matter(kind, fm, &mut meta);
    assert_eq!(meta.title.as_deref(), Some("Un titre"));
    assert_eq!(meta.date.as_deref(), Some("2008-01-17"));
    assert_eq!(meta.author.as_deref(), Some("madx"));
    assert_eq!(meta.tags, ["vélo", "ville", "jardin"]);
    assert_eq!(meta.slug.as_deref(), Some("un-titre"));
    assert!(meta.warnings.is_empty());
}

/// The fast path gives serde_yaml_ng's value whenever it gives one.
fn same_as_serde(fm: &str) -> bool {
    if fm.trim().is_empty() {
        return false; // read_yaml stops before either reader.
    }
    let Some(fast) = flat_yaml::parse(fm) else {
        return false;
    };
    let fast: serde_yaml_ng::Mapping = fast
        .into_iter()
        .map(|(k, v)| (Yaml::String(k.to_string()), v))
        .collect();
    let slow = serde_yaml_ng::from_str::<Yaml>(fm)
        .unwrap_or_else(|e| panic!("fast path took {fm:?}; serde: {e}"));
    assert_eq!(Yaml::Mapping(fast), slow, "{fm:?}");
    true
}

/// Keys and plain, quoted, odd and broken values: typed scalars,
/// indicators, comments, escapes, YAML line breaks, control bytes.
const KEYS: &[&str] = &[
    "title", "date", "série", "tag_list", "a-b", "true", "null", "Nan", "inf",
    "1", "e5", "x y", "\"q\"", "-k", "t\u{A0}",
];
const VALUES: &[&str] = &[
    "",
    "Un titre",
    "Titre : sous-titre",
    "Titre: x",
    "fin:",
    "a:b",
    "C#",
    "a #b",
    "2024-04-08",
    "2008-01-17 12:00:00 +02:00",
    "12",
    "012",
    "0",
    "-5",
    "+5",
    "1e5",
    "1E-5",
    "1.5",
    "1.",
    ".5",
    "0x1F",
    "0o17",
    "0b11",
    "0xZ",
    "1_000",
    "99999999999999999999",
    ".inf",
    "-.inf",
    ".NaN",
    "inf",
    "Infinity",
    "nan",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "no",
    "on",
    "é",
    "Été 2024",
    "\"q\"",
    "\"a, b\"",
    "\"a\\\"b\"",
    "\"a\\nb\"",
    "'q'",
    "'l''eau'",
    "'a",
    "\"a",
    "\"a\" b",
    "'a' #c",
    "[a, b]",
    "[\"a, b\", 'c']",
    "[]",
    "[ ]",
    "[a,]",
    "[a, , b]",
    "[a: b]",
    "[a, [b]]",
    "[a, b",
    "[2024, 012, x]",
    "{a: b}",
    "&x a",
    "*x",
    "!t a",
    "|",
    ">",
    "%a",
    "@a",
    "`a`",
    "-",
    "- a",
    "?a",
    "a\tb",
    "a\u{85}b",
    "a\u{2028}b",
    "a\u{FEFF}",
    "a\u{1}b",
    "a\rb",
    "\u{A0}",
    "l'eau",
    "a, b",
    "x ]",
    "a   ",
    "...",
    "---",
];

#[test]
fn flat_yaml_matches_serde_on_shapes() {
    let mut fast = 0;
    for key in KEYS {
        for value in VALUES {
            for fm in [
                format!("{key}: {value}\n"),
                format!("{key}:{value}\n"),
                format!("{key}: [{value}]\n"),
                format!("{key}: [x, {value}, y]\n"),
                format!("{key}:\n  - {value}\n  - b\n"),
                format!("{key}:\n- {value}\ntitle: t\n"),
                format!("title: t\n{key}: {value}\n  suite\n"),
                format!("title: t\n\n{key}: {value}\nslug: s\n"),
            ] {
                fast += usize::from(same_as_serde(&fm));
                same_as_serde(&fm.replace('\n', "\r\n"));
            }
        }
    }
    // Not a vacuous test: many shapes take the fast path.
    assert!(fast > 1000, "{fast}");
}

#[test]
fn flat_yaml_takes_the_usual_shapes() {
    for fm in [
        "title: \"Organiser, partie 1\"\ndate: 2024-04-08\n\
         author: Nadia Benali\ntags:\n  - quartier\n  - vide-grenier\n",
        "title: 'L''été'\ndate: 2024-06-02 18:45:00 +02:00\n\
         tags: [cuisine, \"pain\", 'levain']\nslug:\npart: 2\n",
        "tags:\n- a\n\n- b\n-\nlayout: post\nlang: fr\n",
        "tags: compost, appartement, déchets\ntitle: C# ? Oui !\n",
    ] {
        assert!(same_as_serde(fm), "{fm:?}");
    }
}

/// Up to 64 keys take the fast path, more go to serde_yaml_ng; a
/// repeated key too. The fields come in order either way.
#[test]
fn flat_yaml_key_count_and_repeats() {
    let keys = |n: usize| -> String {
        (0..n).map(|k| format!("k{k}: v{k}\n")).collect()
    };
    assert!(same_as_serde(&keys(64)));
    assert!(flat_yaml::parse(&keys(65)).is_none());
    assert!(flat_yaml::parse("a: 1\nb: 2\na: 3\n").is_none());
    let fm = keys(70) + "title: Le titre\ntags: [a, b]\n";
    let mut meta = Meta::default();
    read_front_matter(FrontMatterKind::Yaml, &fm, &mut meta);
    assert_eq!(meta.title.as_deref(), Some("Le titre"));
    assert_eq!(meta.tags, ["a", "b"]);
    let fields = flat_yaml::parse("b: 1\na: x\n").expect("flat");
    let keys: Vec<&str> = fields.iter().map(|f| f.0).collect();
    assert_eq!(keys, ["b", "a"]);
}

/// Random front matter built from the lines and values above.
#[test]
fn flat_yaml_matches_serde_on_random_front_matter() {
    use proptest::prelude::*;
    let value = prop_oneof![proptest::sample::select(VALUES), Just(""),];
    let line = prop_oneof![
        (proptest::sample::select(KEYS), value.clone())
            .prop_map(|(k, v)| format!("{k}: {v}")),
        (proptest::sample::select(KEYS), value.clone())
            .prop_map(|(k, v)| format!("{k}:{v}")),
        (0..4usize, value.clone())
            .prop_map(|(n, v)| format!("{}- {v}", " ".repeat(n))),
        (0..3usize, value).prop_map(|(n, v)| format!("{}{v}", " ".repeat(n))),
        Just(String::new()),
        Just("# commentaire".to_string()),
        "[a-zé0-9 :#,'\"\\[\\]{}.+-]{0,12}",
    ];
    let fm = proptest::collection::vec(line, 1..8)
        .prop_map(|lines| lines.join("\n") + "\n");
    proptest::test_runner::TestRunner::new(
        proptest::test_runner::Config::with_cases(4000),
    )
    .run(&fm, |fm| {
        same_as_serde(&fm);
        Ok(())
    })
    .unwrap();
}

/// Every YAML front matter of the bundled corpus takes the fast path,
/// and the team's shared corpus (when present) reads the same.
#[test]
fn flat_yaml_matches_serde_on_corpora() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, all_fast) in [
        (root.join("corpus"), true),
        (root.join("../shared/corpus"), false),
    ] {
        let (mut seen, mut fast) = (0, 0);
        for entry in walkdir::WalkDir::new(&dir) {
            let Ok(entry) = entry else { continue };
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let text = text.trim_start_matches('\u{FEFF}');
            let Some((FrontMatterKind::Yaml, fm, _)) =
                split_front_matter(text)
            else {
                continue;
            };
            seen += 1;
            fast += usize::from(same_as_serde(fm));
        }
        eprintln!("{}: {fast} of {seen} fast", dir.display());
        if all_fast {
            assert!(seen > 0 && fast == seen, "{fast} of {seen}");
        }
    }
}

#[test]
fn toml_front_matter() {
    let text = "+++\ntitle = \"Compost\"\ndate = 2024-01-10\n\
                tags = [\"jardin\"]\nseries = \"Compost\"\n+++\nCorps";
    let (kind, fm, rest) = split_front_matter(text).unwrap();
    assert_eq!((kind, rest), (FrontMatterKind::Toml, "Corps"));
    let mut meta = Meta::default();
    read_front_matter(kind, fm, &mut meta);
    assert_eq!(meta.title.as_deref(), Some("Compost"));
    assert_eq!(meta.date.as_deref(), Some("2024-01-10"));
    assert_eq!(meta.tags, ["jardin"]);
    assert_eq!(meta.series.as_deref(), Some("Compost"));
}

/// Titles are HTML to Jekyll: their character references are decoded;
/// a bare `&` and references not modelled stay as written.
#[test]
fn title_character_references() {
    for (written, read) in [
        ("Potager &amp; verger", "Potager & verger"),
        ("Le jardin&nbsp;!", "Le jardin\u{A0}!"),
        ("Semis &ndash; avril", "Semis – avril"),
        ("L&#8217;été &#x263A;", "L’été ☺"),
        ("Pois & fèves", "Pois & fèves"),
        ("Pois &amp fèves", "Pois &amp fèves"),
        ("Le jardin", "Le jardin"),
    ] {
        for fm in [
            format!("title: \"{written}\"\n"),
            format!("titre: '{written}'\n"),
        ] {
            let mut meta = Meta::default();
            read_front_matter(FrontMatterKind::Yaml, &fm, &mut meta);
            assert_eq!(meta.title.as_deref(), Some(read), "{fm:?}");
        }
        let mut meta = Meta::default();
        let fm = format!("title = \"{written}\"\n");
        read_front_matter(FrontMatterKind::Toml, &fm, &mut meta);
        assert_eq!(meta.title.as_deref(), Some(read), "{fm:?}");
    }
}

#[test]
fn broken_front_matter_is_a_warning() {
    let mut meta = Meta::default();
    read_front_matter(FrontMatterKind::Yaml, "title: [oops\n", &mut meta);
    assert_eq!(meta.title, None);
    assert_eq!(meta.warnings.len(), 1);
}

#[test]
fn padded_numbers_as_format_writes_them() {
    for n in [0, 1, 9, 10, 99, 100, 999, 1000, 2024, 9999, 10000, 123456]
        .into_iter()
        .chain([u32::MAX - 1, u32::MAX])
    {
        for width in [0, 1, 2, 4, 10] {
            let mut out = String::from("x");
            push_padded(&mut out, n, width);
            assert_eq!(out, format!("x{n:0width$}"));
        }
    }
}

#[test]
fn dates() {
    let cases = [
        ("2013-05-02", Some("2013-05-02")),
        ("2024-03-12T08:30:00Z", Some("2024-03-12")),
        ("2008/1/7", Some("2008-01-07")),
        ("02/05/2013", Some("2013-05-02")),
        ("2013-13-02", None),
        ("hier", None),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_date(input).as_deref(), expected, "{input}");
    }
    assert_eq!(
        date_from_file_name("posts/2013-05-02-titre.md").as_deref(),
        Some("2013-05-02")
    );
    assert_eq!(date_from_file_name("titre.md"), None);
    let french = [
        ("Publié le 12 mars 2024", Some("2024-03-12")),
        ("mardi 1er août 2023", Some("2023-08-01")),
        ("Le 5 Décembre 2022, à Lyon", Some("2022-12-05")),
        ("12 travaux en 2024", None),
    ];
    for (input, expected) in french {
        assert_eq!(french_date(input).as_deref(), expected, "{input}");
    }
}

#[test]
fn signatures() {
    let cases = [
        ("Par François Lavallée, M. Sc.", Some("François Lavallée")),
        ("Par Julie Roy", Some("Julie Roy")),
        ("par exemple, le compost", None),
        ("Par ailleurs il faut", None),
    ];
    for (input, expected) in cases {
        assert_eq!(signature_author(input).as_deref(), expected, "{input}");
    }
}

#[test]
fn jekyll_posts_split_tag_strings_at_spaces() {
    // (front matter, file, tags): Jekyll reads a `tags:` or
    // `categories:` string as space-separated words, and reads posts
    // only under date-led names; other generators keep one tag.
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "tags: vélo ville\n",
            "2021-04-03-trajets.md",
            &["vélo", "ville"],
        ),
        ("tags: vélo ville\n", "trajets.md", &["vélo ville"]),
        (
            "categories: \"cuisine  saison\"\n",
            "2021-04-03-x.md",
            &["cuisine", "saison"],
        ),
        (
            "tags: [vélo électrique, ville]\n",
            "2021-04-03-x.md",
            &["vélo électrique", "ville"],
        ),
        (
            "tags:\n  - vélo électrique\n",
            "2021-04-03-x.md",
            &["vélo électrique"],
        ),
        (
            "tags: vélo électrique, ville\n",
            "2021-04-03-x.md",
            &["vélo électrique", "ville"],
        ),
        (
            "tag: vélo électrique\n",
            "2021-04-03-x.md",
            &["vélo électrique"],
        ),
        (
            "tags: Vélo vélo ville\n",
            "2021-04-03-x.md",
            &["Vélo", "ville"],
        ),
        (
            "tags: ville\ncategories: vélo ville\n",
            "2021-04-03-x.md",
            &["ville", "vélo"],
        ),
    ];
    for &(fm, file, want) in cases {
        let mut meta = Meta::default();
        read_front_matter(FrontMatterKind::Yaml, fm, &mut meta);
        split_jekyll_tags(&mut meta, &format!("_posts/{file}"));
        assert_eq!(meta.tags, want, "{fm:?} in {file}");
        assert_eq!(meta.spaced_tags, 0, "{fm:?} in {file}");
    }
}

#[test]
fn jekyll_tag_strings_past_the_first_32_tags_stay_whole() {
    // The marks of space-separated strings cover the first 32 tags: a
    // string after them stays one tag, and the tags after a marked one
    // are kept as they are, however many.
    let many: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
    let list = format!("[{}]", many.join(", "));
    let path = "_posts/2021-04-03-x.md";
    let mut meta = Meta::default();
    let fm = format!("tags: {}\ncategories: vélo ville\n", &list);
    read_front_matter(FrontMatterKind::Yaml, &fm, &mut meta);
    split_jekyll_tags(&mut meta, path);
    assert_eq!(meta.tags.len(), 41);
    assert_eq!(meta.tags[40], "vélo ville");
    let mut first32 = Meta::default();
    let fm = format!("tags: {}\ncategories: vélo ville\n", {
        let l: Vec<&str> = many[..32].iter().map(String::as_str).collect();
        format!("[{}]", l.join(", "))
    });
    read_front_matter(FrontMatterKind::Yaml, &fm, &mut first32);
    split_jekyll_tags(&mut first32, path);
    assert_eq!(first32.tags.len(), 33);
    assert_eq!(first32.tags[32], "vélo ville");
    let mut meta = Meta::default();
    let fm = format!("tags: vélo ville\ncategories: {list}\n");
    read_front_matter(FrontMatterKind::Yaml, &fm, &mut meta);
    split_jekyll_tags(&mut meta, path);
    assert_eq!(meta.tags.len(), 42);
    assert_eq!(&meta.tags[..3], ["vélo", "ville", "t0"]);
    assert_eq!(meta.tags[41], "t39");
}
