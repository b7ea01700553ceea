//! The corpus pass, by value, on corpora small enough to count by hand:
//! `corpus.json` field by field, `links.similar` and `links.related`,
//! series with missing parts (the first one included) in the articles and
//! in `series.json`, the boilerplate threshold of large corpora (1 line
//! in 50 articles) and the cap on the similarity index's posting lists
//! (the heaviest entries are kept). See: #22.

use std::fs;

use serde_json::{Value, json};

mod common;
use common::{TestDir, stderr};

/// Runs `billet analyze in --out out` and checks its exit code.
fn analyze(t: &TestDir, code: i32) {
    let o = t.billet(&["analyze", "in", "--out", "out", "--quiet"]);
    assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
}

/// The articles of `out/articles.jsonl`, by id.
fn articles(t: &TestDir) -> Vec<(String, Value)> {
    t.jsonl("out/articles.jsonl")
        .into_iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a))
        .collect()
}

fn article(t: &TestDir, id: &str) -> Value {
    t.json(&format!("out/articles/{id}.json"))
}

/// A plain-text post: its title line, a blank line, its body.
fn post(t: &TestDir, name: &str, title: &str, body: &str) {
    t.write(format!("in/{name}.txt"), format!("{title}\n\n{body}\n"));
}

/// Six posts of two content words each. Every word is in exactly two
/// posts, so every term weighs the same and the cosines are plain
/// fractions: a–b–c–d–a is a ring sharing one word of two (0.5), e and f
/// share both (1.0). A line in a, c and e (3 of 7 articles) is
/// boilerplate; g lists two titles under « À lire aussi ».
fn small_corpus(t: &TestDir) {
    post(t, "a", "Abeille et ruche", "Une abeille dans une ruche.");
    post(t, "b", "Ruche et miel", "Une ruche avec du miel.");
    post(t, "c", "Miel et cire", "Du miel sous la cire.");
    post(t, "d", "Cire et abeille", "De la cire pour une abeille.");
    post(
        t,
        "e",
        "Tomate et courgette",
        "Une tomate avec une courgette.",
    );
    post(
        t,
        "f",
        "Courgette et tomate",
        "Une courgette avec une tomate.",
    );
    for name in ["a", "c", "e"] {
        let path = t.path().join(format!("in/{name}.txt"));
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("\nMerci aux voisins du quartier.\n");
        fs::write(path, text).unwrap();
    }
    post(
        t,
        "g",
        "Le potager",
        "Un potager au printemps.\n\nÀ lire aussi :\n\n\
         Abeille et ruche\n\nUn titre inconnu",
    );
    t.write("in/vide.md", "  \n");
    t.write("in/image.png", b"\x89PNG");
}

#[test]
fn corpus_json_field_by_field() {
    let t = TestDir::new();
    small_corpus(&t);
    analyze(&t, 1);
    let mut corpus = t.json("out/corpus.json");
    // Timings vary; they are numbers, and the steps are named.
    for key in ["elapsed_seconds", "mb_per_s"] {
        assert!(corpus[key].as_f64().is_some_and(|s| s >= 0.0), "{key}");
        corpus[key] = Value::Null;
    }
    let steps = corpus["steps"].take();
    let mut names: Vec<&String> = steps.as_object().unwrap().keys().collect();
    names.sort();
    assert_eq!(names, ["analyse", "corpus", "read", "write"]);
    let inputs = t.path().join("in");
    let bytes: u64 = ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .map(|n| fs::metadata(inputs.join(format!("{n}.txt"))).unwrap().len())
        .sum();
    let term = |term: &str, stem: &str, df: u32| json!({"term": term, "stem": stem, "df": df});
    assert_eq!(
        corpus,
        json!({
            "format_version": billet::schema::FORMAT_VERSION,
            "documents": 7,
            // Title and body, the boilerplate line and the teasers not
            // counted: 3 + 5 for a, b, c, e, f; 3 + 6 for d; 2 + 4 for g.
            "words": 8 * 5 + 9 + 6,
            "distinct_stems": 8,
            // By document frequency, then stem.
            "top_terms": [
                term("abeille", "abeil", 2),
                term("cire", "cir", 2),
                term("courgette", "courget", 2),
                term("miel", "miel", 2),
                term("ruche", "ruch", 2),
                term("tomate", "tomat", 2),
                term("potager", "potag", 1),
                term("printemps", "printemp", 1),
            ],
            "boilerplate": [
                {"line": "Merci aux voisins du quartier.", "count": 3},
            ],
            "series": 0,
            "ignored_files": 1,
            "skipped_items": 0,
            "failed_files": 1,
            "failed": ["vide.md"],
            "inputs": [inputs.to_str().unwrap()],
            "bytes": bytes,
            "elapsed_seconds": null,
            "steps": null,
            "mb_per_s": null,
        })
    );
    assert_eq!(
        t.jsonl("out/errors.jsonl"),
        [json!({
            "source": "vide.md",
            "error": "in/vide.md: empty file: nothing to analyse",
        })]
    );
}

#[test]
fn similar_and_related_links() {
    let t = TestDir::new();
    small_corpus(&t);
    analyze(&t, 1);
    let similar = |pairs: &[(&str, f64)]| -> Value {
        pairs
            .iter()
            .map(|&(id, score)| json!({"id": id, "score": score}))
            .collect()
    };
    let expected = [
        // Ties by id.
        ("a", similar(&[("b", 0.5), ("d", 0.5)])),
        ("b", similar(&[("a", 0.5), ("c", 0.5)])),
        ("c", similar(&[("b", 0.5), ("d", 0.5)])),
        ("d", similar(&[("a", 0.5), ("c", 0.5)])),
        ("e", similar(&[("f", 1.0)])),
        ("f", similar(&[("e", 1.0)])),
        ("g", similar(&[])),
    ];
    let got = articles(&t);
    assert_eq!(got.len(), expected.len());
    for ((id, a), (want_id, want)) in got.iter().zip(&expected) {
        assert_eq!(id, want_id);
        assert_eq!(&a["links"]["similar"], want, "{id}");
        let want_related = if id == "g" {
            json!([
                {"title": "Abeille et ruche", "id": "a"},
                {"title": "Un titre inconnu", "id": null},
            ])
        } else {
            json!([])
        };
        assert_eq!(a["links"]["related"], want_related, "{id}");
    }
    // The boilerplate line is not in a's terms: two words, same score.
    let a = article(&t, "a");
    assert_eq!(a["stats"]["words"], 8);
    assert_eq!(a["stats"]["distinct_stems"], 2);
    let terms: Vec<(&str, u64)> = a["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["term"].as_str().unwrap(), k["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(terms, [("abeille", 2), ("ruche", 2)]);
    assert_eq!(a["key_terms"][0]["score"], a["key_terms"][1]["score"]);
}

#[test]
fn series_with_missing_parts_first_one_included() {
    let t = TestDir::new();
    post(
        &t,
        "poulailler-2",
        "Le poulailler, partie 2",
        "Les poules pondent au printemps. La suite au prochain billet.",
    );
    post(
        &t,
        "poulailler-4",
        "Le poulailler, partie 4",
        "Le coq chante tôt.",
    );
    post(
        &t,
        "semis-1",
        "Les semis (1/3)",
        "Semer les tomates en mars.",
    );
    post(
        &t,
        "semis-3",
        "Les semis (3/3)",
        "Repiquer les plants en mai.",
    );
    post(&t, "seul", "Un billet seul", "Rien à voir avec une série.");
    analyze(&t, 0);
    let part = |part: u32, id: &str, title: &str| json!({"part": part, "id": id, "title": title});
    assert_eq!(
        t.json("out/series.json"),
        json!([
            {
                "key": "le-poulailler",
                "name": "Le poulailler",
                "parts": [
                    part(2, "poulailler-2", "Le poulailler, partie 2"),
                    part(4, "poulailler-4", "Le poulailler, partie 4"),
                ],
                "missing": [1, 3],
            },
            {
                "key": "les-semis",
                "name": "Les semis",
                "parts": [
                    part(1, "semis-1", "Les semis (1/3)"),
                    part(3, "semis-3", "Les semis (3/3)"),
                ],
                "missing": [2],
            },
        ])
    );
    let poulailler = |part: u32, prev: Value, next: Value, announces: bool| {
        json!({
            "key": "le-poulailler",
            "name": "Le poulailler",
            "part": part,
            "parts": ["poulailler-2", "poulailler-4"],
            "prev": prev,
            "next": next,
            "missing": [1, 3],
            "announces_next": announces,
        })
    };
    assert_eq!(
        article(&t, "poulailler-2")["series"],
        poulailler(2, Value::Null, json!("poulailler-4"), true)
    );
    assert_eq!(
        article(&t, "poulailler-4")["series"],
        poulailler(4, json!("poulailler-2"), Value::Null, false)
    );
    assert_eq!(article(&t, "semis-3")["series"]["missing"], json!([2]));
    assert_eq!(article(&t, "semis-3")["series"]["prev"], "semis-1");
    assert_eq!(article(&t, "seul")["series"], Value::Null);
    assert_eq!(t.json("out/corpus.json")["series"], 2);
}

/// A word no two generated posts share: `z` and three syllables, ending
/// in a consonant that no French suffix rule strips.
fn word(n: usize) -> String {
    const SYL: [&str; 20] = [
        "ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du", "fa",
        "fe", "fi", "fo", "fu", "ga", "ge", "gi", "go", "gu",
    ];
    format!("z{}{}{}k", SYL[n / 400 % 20], SYL[n / 20 % 20], SYL[n % 20])
}

/// 200 posts: past 150 articles a line is boilerplate when it is in at
/// least 1 article in 50, here 4. `zorglub` is in 140 articles, more than
/// a posting list keeps (128): in 138 of them once among 12 words of
/// their own, in `lourd-a` and `lourd-b` alone (where it weighs most).
/// Seven posts share `poivron` and `aubergine` only.
#[test]
fn boilerplate_threshold_and_posting_cap_in_a_large_corpus() {
    let t = TestDir::new();
    let mut n_word = 0;
    let mut fresh = |k: usize| -> String {
        let words: Vec<String> = (0..k).map(|i| word(n_word + i)).collect();
        n_word += k;
        words.join(" ")
    };
    let fillers =
        ["ici", "là", "encore", "aussi", "toujours", "déjà", "enfin"];
    for n in 0..200 {
        let title = fresh(1);
        let mut body = format!("{}.", fresh(12));
        if (2..140).contains(&n) {
            body.push_str(" Et zorglub.");
        }
        // A line in 4 articles (boilerplate) and one in 3 (not).
        if (150..154).contains(&n) {
            body.push_str(
                "\n\nLes poules du voisin chantent au lever du jour.",
            );
        }
        if (160..163).contains(&n) {
            body.push_str("\n\nLe facteur passe toujours vers midi.");
        }
        let name = match n {
            0 => "lourd-a".to_string(),
            1 => "lourd-b".to_string(),
            // Seven near twins, each line its own (a filler stopword).
            190..197 => format!("legume-{}", n - 190),
            _ => format!("p{n:03}"),
        };
        let body = match n {
            0 | 1 => "Zorglub, zorglub et zorglub.".to_string(),
            190..197 => {
                format!("Poivron et aubergine {}.", fillers[n - 190])
            }
            _ => body,
        };
        let title = match n {
            0 | 1 => "Zorglub".to_string(),
            190..197 => "Poivron et aubergine".to_string(),
            _ => title,
        };
        post(&t, &name, &title, &body);
    }
    analyze(&t, 0);
    let corpus = t.json("out/corpus.json");
    assert_eq!(corpus["documents"], 200);
    assert_eq!(
        corpus["boilerplate"],
        json!([{
            "line": "Les poules du voisin chantent au lever du jour.",
            "count": 4,
        }])
    );
    assert_eq!(
        corpus["top_terms"][0],
        json!({"term": "zorglub", "stem": "zorglub", "df": 140})
    );
    // The boilerplate line counts for nothing; the other line does.
    let with_line = |n: usize| article(&t, &format!("p{n:03}"));
    assert_eq!(with_line(150)["stats"]["words"], 1 + 12);
    assert_eq!(with_line(160)["stats"]["words"], 1 + 12 + 6);
    // facteur, passe, midi.
    assert_eq!(with_line(150)["stats"]["distinct_stems"], 13);
    assert_eq!(with_line(160)["stats"]["distinct_stems"], 13 + 3);
    // The heaviest entries of zorglub's list are kept: the two posts
    // about nothing else find each other, and nothing else does (zorglub
    // weighs too little among twelve rare words).
    assert_eq!(
        article(&t, "lourd-a")["links"]["similar"],
        json!([{"id": "lourd-b", "score": 1.0}])
    );
    assert_eq!(
        article(&t, "lourd-b")["links"]["similar"],
        json!([{"id": "lourd-a", "score": 1.0}])
    );
    assert_eq!(with_line(50)["links"]["similar"], json!([]));
    // Six twins each, five kept, ties by id.
    for i in 0..7 {
        let others: Vec<Value> = (0..7)
            .filter(|&j| j != i)
            .take(5)
            .map(|j| json!({"id": format!("legume-{j}"), "score": 1.0}))
            .collect();
        assert_eq!(
            article(&t, &format!("legume-{i}"))["links"]["similar"],
            Value::Array(others),
            "legume-{i}"
        );
    }
}
