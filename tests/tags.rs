//! Tagging (issue 14): key terms a reader would pick, tags read from
//! every format, suggested tags that never look at the article's own
//! tags, `tags.json`, and `billet eval-tags` on fixtures with known
//! answers.

mod common;

use common::{TestDir, stderr};
use serde_json::Value;

fn key_terms(article: &Value) -> Vec<String> {
    article["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_string())
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// « L’économie du partage » says économie six ways; three other posts
/// of the folder use the word too. BM25 dropped it from the list; it
/// must rank in the top 3. See: #14
#[test]
fn a_word_of_the_title_repeated_ranks_first_even_when_common() {
    let dir = TestDir::new();
    dir.write(
        "posts/economie.md",
        "---\ntitle: L’économie du partage\n---\n\
         L'économie du partage change la donne. L'Économie circulaire \
         aussi : des économies partout.\n\n\
         Les chiffres de l'économie montrent un choix de cœur. Une \
         économie nouvelle, une économie ouverte.\n",
    );
    for i in 2..=4 {
        dir.write(
            format!("posts/autre-{i}.md"),
            format!(
                "---\ntitle: Billet {i}\n---\nUn mot sur l'économie, le \
                 jardin et le vélo, numéro {i}.\n"
            ),
        );
    }
    for i in 5..=8 {
        dir.write(
            format!("posts/note-{i}.md"),
            format!(
                "---\ntitle: Note {i}\n---\nLe jardin, la pluie et les \
                 fleurs du mois {i}.\n"
            ),
        );
    }
    let out = dir.billet(&["analyze", "posts", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let terms = key_terms(&dir.json("out/articles/economie.json"));
    assert!(
        terms.iter().take(3).any(|t| t == "économie"),
        "économie not in the top 3: {terms:?}"
    );
}

/// Words said once, in one article only, in the same place: equal
/// scores, listed in the order the text gives them, never a-z.
#[test]
fn hapaxes_that_tie_keep_text_order() {
    let dir = TestDir::new();
    dir.write(
        "posts/zoo.md",
        "---\ntitle: Visite\n---\nNous avons visité un parc.\n\n\
         Le zèbre, le yack, le wapiti, la vigogne et le tapir.\n",
    );
    dir.write(
        "posts/autre.md",
        "---\ntitle: Autre\n---\nNous avons visité un parc aussi.\n",
    );
    let out = dir.billet(&["analyze", "posts", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article = dir.json("out/articles/zoo.json");
    let scored: Vec<(String, f64)> = article["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["term"].as_str().unwrap().into(),
                t["score"].as_f64().unwrap(),
            )
        })
        .collect();
    let animals: Vec<&(String, f64)> = scored
        .iter()
        .filter(|(t, _)| {
            ["zèbre", "yack", "wapiti", "vigogne", "tapir"]
                .contains(&t.as_str())
        })
        .collect();
    assert_eq!(animals.len(), 5, "{scored:?}");
    assert!(animals.iter().all(|a| a.1 == animals[0].1), "{scored:?}");
    let order: Vec<&str> = animals.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(order, ["zèbre", "yack", "wapiti", "vigogne", "tapir"]);
}

/// Tags as the author wrote them, from every format, with their slugs.
#[test]
fn tags_are_read_from_every_format() {
    let dir = TestDir::new();
    dir.write(
        "in/liste.md",
        "---\ntitle: Liste\ntags:\n  - Vélo\n  - ville\ncategories: [Mobilité]\n---\nTexte.\n",
    );
    dir.write(
        "in/virgules.md",
        "---\ntitle: Virgules\nkeywords: compost, Déchets verts , \n---\nTexte.\n",
    );
    dir.write(
        "in/toml.md",
        "+++\ntitle = \"Toml\"\ntags = [\"jardin\", \"Sol vivant\"]\n\
         categories = [\"Bio\"]\n+++\nTexte.\n",
    );
    // One tag whatever its case, across keys too (as HTML's are).
    dir.write(
        "in/casse.md",
        "---\ntitle: Casse\ntags: [node, Node, vue]\ncategory: Vue\n---\nTexte.\n",
    );
    // Zola's taxonomies, in TOML and in YAML.
    dir.write(
        "in/zola.md",
        "+++\ntitle = \"Zola\"\n[taxonomies]\ntags = [\"rust\", \"Web\"]\n\
         authors = [\"x\"]\n+++\nTexte.\n",
    );
    dir.write(
        "in/zola-yaml.md",
        "---\ntitle: Zola\ntaxonomies:\n  tags: [rust]\n  series: [s]\n  \
         categories: [Code]\n---\nTexte.\n",
    );
    // Pico CMS's YAML header, between `/*` and `*/` lines.
    dir.write(
        "in/pico.md",
        "/*\ntitle: Pico\ntags: [liseuse, Kobo]\n*/\n# Pico\n\nTexte.\n",
    );
    dir.write(
        "in/page.html",
        "<html><head><title>Page</title>\
         <meta name=\"keywords\" content=\"potager, semis\">\
         <meta property=\"article:tag\" content=\"Graines\">\
         </head><body><article><h1>Page</h1><p>Texte de la page.</p>\
         <footer><a rel=\"tag\" href=\"/t/arrosage\">Arrosage</a></footer>\
         </article></body></html>",
    );
    dir.write(
        "in/blog.xml",
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n\
         <wp:wxr_version>1.2</wp:wxr_version>\n<item>\n\
         <title>Billet</title>\n<dc:creator>anne</dc:creator>\n\
         <content:encoded><![CDATA[<p>Le texte du billet.</p>]]></content:encoded>\n\
         <excerpt:encoded><![CDATA[Un résumé.]]></excerpt:encoded>\n\
         <wp:post_id>7</wp:post_id>\n<wp:post_name>billet</wp:post_name>\n\
         <wp:status>publish</wp:status>\n<wp:post_type>post</wp:post_type>\n\
         <category domain=\"category\" nicename=\"uncategorized\"><![CDATA[Uncategorized]]></category>\n\
         <category domain=\"category\" nicename=\"economie\"><![CDATA[Économie]]></category>\n\
         <category domain=\"post_tag\" nicename=\"client-leger\"><![CDATA[client léger]]></category>\n\
         <category domain=\"post_tag\" nicename=\"%c3%a9t%c3%a9\"><![CDATA[]]></category>\n\
         </item>\n</channel>\n</rss>\n",
    );
    let out = dir.billet(&["analyze", "in", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "liste",
            &["Vélo", "ville", "Mobilité"],
            &["velo", "ville", "mobilite"],
        ),
        (
            "virgules",
            &["compost", "Déchets verts"],
            &["compost", "dechets-verts"],
        ),
        // In the order written, not by key name.
        (
            "toml",
            &["jardin", "Sol vivant", "Bio"],
            &["jardin", "sol-vivant", "bio"],
        ),
        ("casse", &["node", "vue"], &["node", "vue"]),
        ("zola", &["rust", "Web"], &["rust", "web"]),
        ("zola-yaml", &["rust", "Code"], &["rust", "code"]),
        ("pico", &["liseuse", "Kobo"], &["liseuse", "kobo"]),
        (
            "page",
            &["Graines", "Arrosage", "potager", "semis"],
            &["graines", "arrosage", "potager", "semis"],
        ),
        (
            "blog-billet",
            &["Économie", "client léger", "été"],
            &["economie", "client-leger", "ete"],
        ),
    ];
    for (id, tags, slugs) in cases {
        let a = dir.json(&format!("out/articles/{id}.json"));
        assert_eq!(strings(&a["tags"]), *tags, "{id}");
        assert_eq!(strings(&a["tag_slugs"]), *slugs, "{id}");
    }
    let pico = dir.json("out/articles/pico.json");
    assert_eq!(pico["title"], "Pico");
    assert!(!key_terms(&pico).iter().any(|t| t == "title" || t == "tags"));
}

/// Two topics, ten posts each, with words of their own: a small blog
/// whose right answers are known.
fn two_topic_blog(dir: &TestDir) {
    let bike = [
        "vélo",
        "pédale",
        "guidon",
        "selle",
        "chaîne",
        "pneu",
        "dérailleur",
        "piste",
        "cycliste",
        "roue",
    ];
    let food = [
        "cuisine",
        "recette",
        "farine",
        "beurre",
        "four",
        "pâte",
        "sucre",
        "casserole",
        "sauce",
        "levain",
    ];
    for i in 0..10 {
        let words = |list: &[&str; 10]| {
            (0..6)
                .map(|k| list[(i + k * 3) % 10])
                .collect::<Vec<_>>()
                .join(", ")
        };
        dir.write(
            format!("blog/velo-{i}.md"),
            format!(
                "---\ntitle: Sortie {i}\ntags: [vélo]\n---\nAujourd'hui : \
                 {}. Encore {}.\n",
                words(&bike),
                words(&bike)
            ),
        );
        dir.write(
            format!("blog/cuisine-{i}.md"),
            format!(
                "---\ntitle: Plat {i}\ntags: [cuisine]\n---\nAujourd'hui : \
                 {}. Encore {}.\n",
                words(&food),
                words(&food)
            ),
        );
    }
}

/// The table row of a method: its four figures.
fn row(table: &str, method: &str) -> Vec<f64> {
    let line = table
        .lines()
        .find(|l| l.starts_with(&format!("| {method} |")))
        .unwrap_or_else(|| panic!("no row {method:?} in\n{table}"));
    line.split('|')
        .skip(2)
        .filter(|c| !c.trim().is_empty())
        .map(|c| c.trim().parse().unwrap())
        .collect()
}

#[test]
fn eval_tags_on_a_blog_with_known_answers() {
    let dir = TestDir::new();
    two_topic_blog(&dir);
    let out = dir.billet(&["eval-tags", "blog", "--leave-one-out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with(
            "20 articles, 20 tagged, 2 tags; 20 hidden one at a time"
        ),
        "{table}"
    );
    // Leave-one-out, the other topic always has one article more: the
    // most frequent tag is always the wrong one, the right one second.
    assert_eq!(row(&table, "most frequent tags"), [0.0, 0.33, 1.0, 0.5]);
    // Suggestions find the one right tag first every time.
    assert_eq!(row(&table, "billet suggested_tags")[..3], [1.0, 0.33, 1.0]);
    assert_eq!(row(&table, "neighbours' tags")[0], 1.0);

    // A share hidden at once: the seed decides which, the size is fixed.
    let out =
        dir.billet(&["eval-tags", "blog", "--hide", "0.5", "--seed", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("; 10 hidden (50 %, seed 3)"), "{table}");
    assert_eq!(row(&table, "billet suggested_tags")[0], 1.0);
    let again =
        dir.billet(&["eval-tags", "blog", "--hide", "0.5", "--seed", "3"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), table);
    // Nothing is written.
    assert!(!dir.path().join("billet-out").exists());
}

/// Three topics of three articles, each article's tag in its title and
/// said three times, beside a word of its own said three times.
fn three_topic_blog(dir: &TestDir) {
    let topics = [
        ("jardin", ["radis", "semis", "arrosoir"]),
        ("vélo", ["guidon", "selle", "pneu"]),
        ("cuisine", ["farine", "beurre", "levain"]),
    ];
    for (tag, words) in topics {
        for (i, word) in words.iter().enumerate() {
            dir.write(
                format!("blog/{tag}-{i}.md"),
                format!(
                    "---\ntitle: Le {tag} et le {word}\ntags: [{tag}]\n---\n\
                     Le {tag} demande du {word}. Un {tag} reste un {tag}. \
                     Le {word}, toujours le {word}.\n"
                ),
            );
        }
    }
}

/// `--hide 1` hides every tag: the run takes the no-tags path, the tag
/// baselines have nothing to use and leave the table, the first three
/// key terms stand in for them.
#[test]
fn eval_tags_hiding_every_tag_measures_the_no_tags_path() {
    let dir = TestDir::new();
    three_topic_blog(&dir);
    let out = dir.billet(&["eval-tags", "blog", "--hide", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with(
            "9 articles, 9 tagged, 3 tags; 9 hidden (100 %, seed 1); \
             no tag visible: the no-tags path"
        ),
        "{table}"
    );
    assert!(!table.contains("| most frequent tags |"), "{table}");
    assert!(!table.contains("| neighbours' tags |"), "{table}");
    // The word of its own ranks first (it is rarer), the tag second;
    // suggestions keep the words other articles share: the tag first.
    assert_eq!(row(&table, "first three key terms"), [0.0, 0.33, 1.0, 0.5]);
    assert_eq!(row(&table, "billet suggested_tags"), [1.0, 0.33, 1.0, 0.5]);
    assert!(
        table.contains("suggestions scored ≥ 0.5: 9, of which right: 9"),
        "{table}"
    );
}

#[test]
fn eval_tags_refuses_a_share_outside_0_1() {
    let dir = TestDir::new();
    two_topic_blog(&dir);
    for share in ["0", "1.5", "x"] {
        let out = dir.billet(&["eval-tags", "blog", "--hide", share]);
        assert_eq!(out.status.code(), Some(2), "{share}");
    }
}

/// `tags.json` of a folder of one Markdown post per (name, YAML tag
/// list).
fn tags_json_of(posts: &[(&str, &str)]) -> Value {
    let dir = TestDir::new();
    for (name, tags) in posts {
        dir.write(
            format!("p/{name}.md"),
            format!("---\ntitle: {name}\ntags: {tags}\n---\nTexte {name}.\n"),
        );
    }
    let out = dir.billet(&["analyze", "p", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.json("out/tags.json")
}

#[test]
fn tags_json_lists_tags_near_duplicates_and_pairs() {
    let t = tags_json_of(&[
        ("a", "[Performance, web]"),
        ("b", "[performances, web]"),
        ("c", "[Économie, web]"),
        ("d", "[economie, web, Performance]"),
        ("e", "[]"),
    ]);
    assert_eq!(t["articles"], 5);
    assert_eq!(t["tagged_articles"], 4);
    assert_eq!(t["untagged_articles"], 1);
    assert_eq!(t["distinct_tags"], 4);
    assert_eq!(t["suggestion_threshold"], 0.5);
    let web = &t["tags"][0];
    assert_eq!(web["tag"], "web");
    assert_eq!(web["count"], 4);
    assert_eq!(strings(&web["articles"]), ["a", "b", "c", "d"]);
    let eco = t["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "economie")
        .unwrap();
    assert_eq!(strings(&eco["forms"]), ["Économie", "economie"]);
    let near = t["near_duplicates"].as_array().unwrap();
    assert!(near.iter().any(|n| n["reason"] == "same slug"
        && strings(&n["tags"]) == ["Économie", "economie"]));
    assert!(near.iter().any(|n| n["reason"] == "same stem"
        && strings(&n["tags"]) == ["Performance", "performances"]));
    assert_eq!(strings(&t["singletons"]), ["performances"]);
    let pairs = t["co_occurrence"].as_array().unwrap();
    assert_eq!(pairs[0]["count"], 2);
}

/// Tags whose words differ only by a last word of one character are not
/// near-duplicates (`programmation-c`, `php-5`); an elided article never
/// ends a tag, and is no word of its name (`d'énergie`); tags of
/// one-character words alone have no words to compare (`a-b`, `x-b`).
#[test]
fn near_duplicates_keep_a_last_word_of_one_character() {
    let t = tags_json_of(&[
        ("a", "[programmation, php, économie d'énergie, A B]"),
        ("b", "[programmation C, PHP 5, économies énergie, X B]"),
    ]);
    let near: Vec<Vec<String>> = t["near_duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| strings(&n["tags"]))
        .collect();
    assert_eq!(near, [["économie d'énergie", "économies énergie"]]);
}

/// Without any tag in the corpus, suggestions come from the key terms
/// other articles share, and say so.
#[test]
fn untagged_corpus_suggests_shared_key_terms() {
    let dir = TestDir::new();
    dir.write(
        "p/0.md",
        "---\ntitle: Semis\n---\nAu jardin partagé, nous semons des \
         radis. Le jardin partagé accueille aussi des enfants.\n",
    );
    dir.write(
        "p/1.md",
        "---\ntitle: Compost\n---\nLe compost du jardin partagé mûrit. \
         Un bon compost demande du temps.\n",
    );
    dir.write(
        "p/2.md",
        "---\ntitle: Pluie\n---\nLa pluie tombe sur le quartier, et le \
         compost apprécie.\n",
    );
    let out = dir.billet(&["analyze", "p", "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = dir.json("out/articles/0.json");
    let s = a["suggested_tags"].as_array().unwrap();
    assert!(!s.is_empty());
    assert!(s.iter().all(|x| {
        x["why"]
            .as_str()
            .unwrap()
            .starts_with("no tags in this corpus")
    }));
    assert_eq!(s[0]["tag"], "jardin");
    // Radis and enfants are words of this article alone.
    assert!(
        s.iter()
            .all(|x| x["tag"] != "radis" && x["tag"] != "enfants"),
        "{s:?}"
    );
    assert_eq!(
        dir.json("out/tags.json")["suggestion_threshold"],
        Value::Null
    );
}

/// An article's suggestions are a function of the texts and of the
/// other articles' tags: whatever its own tags are (none, others, more),
/// its `suggested_tags` stay byte-identical. See: #14
#[test]
fn suggested_tags_never_depend_on_the_article_own_tags() {
    use proptest::prelude::*;
    const WORDS: &[&str] = &[
        "vélo", "cuisine", "jardin", "compost", "recette", "pédale", "semis",
        "levain", "ville", "pluie", "graine", "four",
    ];
    const TAGS: &[&str] = &["vélo", "cuisine", "jardin", "ville", "Recettes"];
    let post = (
        proptest::collection::vec(0..WORDS.len(), 3..12),
        proptest::collection::vec(0..TAGS.len(), 0..3),
    );
    let corpus = (
        proptest::collection::vec(post, 6..14),
        any::<prop::sample::Index>(),
        proptest::collection::vec(0..TAGS.len(), 0..4),
    );
    let analyze = |posts: &[(Vec<usize>, Vec<usize>)]| -> Vec<Value> {
        let input = tempfile::tempdir().unwrap();
        for (i, (words, tags)) in posts.iter().enumerate() {
            let text: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
            let tags: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
            std::fs::write(
                input.path().join(format!("p{i:02}.md")),
                format!(
                    "---\ntitle: Billet {i}\ntags: [{}]\n---\n{}.\n",
                    tags.join(", "),
                    text.join(" ")
                ),
            )
            .unwrap();
        }
        let out = tempfile::tempdir().unwrap();
        let options =
            billet::AnalyzeOptions::new(vec![input.path().into()], out.path());
        billet::analyze(&options, &billet::Silent).unwrap();
        std::fs::read_to_string(out.path().join("articles.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    proptest::test_runner::TestRunner::new(
        proptest::test_runner::Config::with_cases(24),
    )
    .run(&corpus, |(mut posts, which, new_tags)| {
        let k = which.index(posts.len());
        let before = analyze(&posts);
        posts[k].1 = new_tags;
        let after = analyze(&posts);
        prop_assert_eq!(
            &before[k]["suggested_tags"],
            &after[k]["suggested_tags"],
            "article {} changed its suggestions with its own tags",
            k
        );
        Ok(())
    })
    .unwrap();
}
