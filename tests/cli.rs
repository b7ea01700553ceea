//! Integration tests: run the `billet` binary on folders the tests write,
//! on the bundled `corpus/`, and (when present) on `../shared`.

use std::fs;
use std::process::Command;

use serde_json::Value;

mod common;
use common::{TestDir, manifest_dir, shared, stderr};

const TXT_POST: &str = "Le compost en appartement ? Partie 1\n\
Publié le 3 mars 2024\n\n\
Le compost en appartement fait peur. Pourtant le compost réduit les déchets.\n\n\
Un lombricomposteur tient sous l’évier, et le lombricomposteur ne sent rien.\n\n\
Par Julie Roy\n";

const MD_POST: &str = "---\ntitle: \"Le vélo en ville\"\ndate: 2023-11-05 08:30:00 +01:00\n\
author: Marc\ntags: [vélo, ville]\n---\n\n\
Le **vélo** en ville, c’est [simple](https://exemple.fr).\n\n\
```sh\nvelo --rapide\n```\n\n\
Faites-vous du vélo en ville ? Le vélo en ville change tout.\n";

const TOML_POST: &str = "+++\ntitle = \"Pâte à pain\"\ndate = 2024-01-10\n\
tags = [\"pain\"]\n+++\n\nLa pâte à pain demande du temps. La pâte à pain lève.\n";

#[test]
fn analyze_writes_every_output() {
    let t = TestDir::new();
    t.write("blog/2024/compost-partie-1.txt", TXT_POST);
    t.write("blog/velo.md", MD_POST);
    t.write("blog/pain.md", TOML_POST);
    t.write("blog/.cache/hidden.md", "# Caché\n\nNe pas lire.\n");
    t.write("blog/image.png", [0u8, 1, 2]);
    let out = t.billet(&["analyze", "blog", "--out", "out", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 articles, 0 failed, 1 ignored"),
        "{}",
        stderr(&out)
    );

    let lines = t.jsonl("out/articles.jsonl");
    let ids: Vec<&str> =
        lines.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["2024-compost-partie-1", "pain", "velo"]);
    assert_eq!(t.read("out/errors.jsonl"), "");

    let a = t.json("out/articles/2024-compost-partie-1.json");
    assert_eq!(a["source"], "2024/compost-partie-1.txt");
    assert_eq!(a["title"], "Le compost en appartement ? Partie 1");
    assert_eq!(a["author"], "Julie Roy");
    assert_eq!(a["date"], "2024-03-03");
    assert_eq!(a["key_terms"][0]["term"], "compost");
    assert_eq!(a["key_terms"][0]["count"], 3);
    assert_eq!(a["questions"]["title"], true);
    assert_eq!(a["series"]["part"], 1);

    let v = t.json("out/articles/velo.json");
    assert_eq!(v["date"], "2023-11-05");
    assert_eq!(v["author"], "Marc");
    assert_eq!(v["tags"], serde_json::json!(["vélo", "ville"]));
    assert_eq!(v["key_phrases"][0]["phrase"], "vélo en ville");
    // Code, URLs and markup never reach the tokens.
    let terms: Vec<&str> = v["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        !terms
            .iter()
            .any(|t| t.contains("rapide") || t.contains("exemple")),
        "{terms:?}"
    );

    let p = t.json("out/articles/pain.json");
    assert_eq!(p["title"], "Pâte à pain");
    assert_eq!(p["date"], "2024-01-10");
    assert_eq!(p["key_phrases"][0]["phrase"], "pâte à pain");

    let corpus = t.json("out/corpus.json");
    assert_eq!(corpus["documents"], 3);
    assert_eq!(corpus["ignored_files"], 1);
    assert_eq!(corpus["failed_files"], 0);
    // Part 1 alone: a series with nothing missing below it.
    assert_eq!(
        t.json("out/series.json"),
        serde_json::json!([{
            "key": "le-compost-en-appartement",
            "name": "Le compost en appartement ?",
            "parts": [{
                "part": 1,
                "id": "2024-compost-partie-1",
                "title": "Le compost en appartement ? Partie 1",
            }],
            "missing": [],
        }])
    );
}

#[test]
fn usage_errors_exit_2() {
    let t = TestDir::new();
    t.write("posts/a.txt", TXT_POST);
    t.write("a-file", "x");
    let cases: &[&[&str]] = &[
        &["analyze"],
        &["analyze", "posts", "--bogus"],
        &["analyze", "posts", "--jobs", "0"],
        &["analyze", "missing-folder"],
        &["analyze", "posts", "--out", "a-file"],
        &["analyze", "posts", "--out", "posts"],
        &["analyze", "posts", "--stopwords", "missing.txt"],
        &["frobnicate"],
    ];
    for args in cases {
        let out = t.billet(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?} says why");
    }
    // Nothing to analyse at all is also exit 2.
    t.write("empty/notes.csv", "a,b");
    assert_eq!(
        t.billet(&["analyze", "empty", "--out", "o"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_bad_file_is_reported_and_the_rest_written() {
    let t = TestDir::new();
    t.write("posts/good.txt", TXT_POST);
    t.write("posts/binary.txt", b"\x00\x01\x02 pas un billet");
    t.write("posts/empty.md", "   \n");
    let out = t.billet(&["analyze", "posts", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("binary.txt"), "{}", stderr(&out));
    let errors = t.jsonl("out/errors.jsonl");
    let sources: Vec<&str> = errors
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["binary.txt", "empty.md"]);
    assert!(errors[0]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(t.jsonl("out/articles.jsonl").len(), 1);
    assert_eq!(
        t.json("out/corpus.json")["failed"],
        serde_json::json!(["binary.txt", "empty.md"])
    );
}

/// Same post in NFD, with CRLF and a BOM, or in Windows-1252: same
/// analysis as the NFC, LF, UTF-8 original.
#[test]
fn encodings_and_normal_forms_give_the_same_analysis() {
    use unicode_normalization::UnicodeNormalization;
    let t = TestDir::new();
    let nfc = "Été à la campagne\n\nL’été, la forêt est fraîche. L’été passe vite à la forêt.\n";
    t.write("nfc/post.txt", nfc);
    t.write("nfd/post.txt", nfc.nfd().collect::<String>());
    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    crlf.extend(nfc.replace('\n', "\r\n").as_bytes());
    t.write("crlf/post.txt", crlf);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(nfc);
    t.write("cp1252/post.txt", cp1252);
    let mut reference = None;
    for variant in ["nfc", "nfd", "crlf", "cp1252"] {
        let out_dir = format!("out-{variant}");
        let out = t.billet(&["analyze", variant, "--out", &out_dir]);
        assert!(out.status.success(), "{variant}: {}", stderr(&out));
        let a = t.json(&format!("{out_dir}/articles/post.json"));
        let summary = (
            a["title"].clone(),
            a["key_terms"].clone(),
            a["stats"].clone(),
        );
        match &reference {
            None => reference = Some(summary),
            Some(r) => assert_eq!(&summary, r, "{variant} differs from nfc"),
        }
    }
}

#[test]
fn output_is_identical_whatever_the_number_of_jobs() {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    let corpus = corpus.to_str().unwrap();
    for jobs in ["1", "4"] {
        let out = t.billet(&[
            "analyze",
            corpus,
            "--out",
            &format!("out{jobs}"),
            "--jobs",
            jobs,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for file in ["articles.jsonl", "series.json", "errors.jsonl"] {
        assert_eq!(
            t.read(&format!("out1/{file}")),
            t.read(&format!("out4/{file}")),
            "{file}"
        );
    }
    let names = |dir: &str| {
        let mut v: Vec<_> = fs::read_dir(t.path().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("out1/articles"), names("out4/articles"));
    for name in names("out1/articles") {
        let name = name.to_str().unwrap();
        assert_eq!(
            t.read(&format!("out1/articles/{name}")),
            t.read(&format!("out4/articles/{name}")),
            "{name}"
        );
    }
    // corpus.json differs only in its timings.
    let strip = |v: Value| {
        let mut v = v;
        v["elapsed_seconds"] = Value::Null;
        v["mb_per_s"] = Value::Null;
        let steps = v["steps"].as_object().expect("steps").clone();
        assert_eq!(
            steps.keys().collect::<Vec<_>>(),
            ["analyse", "corpus", "read", "write"]
        );
        v["steps"] = Value::Null;
        v
    };
    assert_eq!(
        strip(t.json("out1/corpus.json")),
        strip(t.json("out4/corpus.json"))
    );
}

#[test]
fn out_inside_an_input_is_not_analysed_and_nothing_is_overwritten() {
    let t = TestDir::new();
    t.write("posts/a.txt", TXT_POST);
    t.write("posts/b.md", MD_POST);
    for _ in 0..2 {
        let out = t.billet(&["analyze", "posts", "--out", "posts/out"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("2 articles, 0 failed, 0 ignored"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(t.read("posts/a.txt"), TXT_POST);
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(t.path().join("posts/out/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn custom_stopwords_replace_the_list() {
    let t = TestDir::new();
    t.write("posts/velo.md", MD_POST);
    t.write("stop.txt", "# mine\nvélo\nville\n");
    let out = t.billet(&[
        "analyze",
        "posts",
        "--out",
        "out",
        "--stopwords",
        "stop.txt",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = t.json("out/articles/velo.json");
    let terms: Vec<&str> = a["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        !terms.contains(&"vélo") && !terms.contains(&"ville"),
        "{terms:?}"
    );
    assert!(
        terms.contains(&"est"),
        "the built-in list is replaced: {terms:?}"
    );
}

const JARDIN_POST: &str = "Le jardin partagé du quartier\n\n\
Le jardin partagé accueille les voisins. Au jardin partagé, le compost \
de cuisine nourrit les bacs, et l’eau de pluie arrose les semis.\n\n\
Le compost de cuisine demande un peu de soin. L’eau de pluie remplit \
deux cuves. La récolte des tomates arrive en août, et la récolte des \
tomates se partage.\n\nLe jardin partagé ferme en hiver.\n";

#[test]
fn top_limits_terms_and_phrases() {
    let t = TestDir::new();
    t.write("posts/jardin.txt", JARDIN_POST);
    let top = |n: &str| {
        let dir = format!("out{n}");
        let out = t.billet(&["analyze", "posts", "--out", &dir, "--top", n]);
        assert!(out.status.success(), "{}", stderr(&out));
        let a = t.json(&format!("{dir}/articles/jardin.json"));
        let list = |key: &str, field: &str| -> Vec<(String, u64)> {
            a[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| {
                    (
                        k[field].as_str().unwrap().to_string(),
                        k["count"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        (list("key_terms", "term"), list("key_phrases", "phrase"))
    };
    let owned = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|&(s, n)| (s.to_string(), n)).collect()
    };
    // `partagé` 5 times (« se partage » too), `jardin` 4, in the title
    // each time; four phrases repeated.
    let (terms, phrases) = top("2");
    assert_eq!(terms, owned(&[("partagé", 5), ("jardin", 4)]));
    assert_eq!(
        phrases,
        owned(&[("jardin partagé", 4), ("compost de cuisine", 2)])
    );
    let (terms, phrases) = top("1");
    assert_eq!(terms, owned(&[("partagé", 5)]));
    assert_eq!(phrases, owned(&[("jardin partagé", 4)]));
    // The default keeps 10 terms and all four phrases, in the same order.
    let (terms, phrases) = top("10");
    assert_eq!(terms.len(), 10);
    assert_eq!(terms[..2], owned(&[("partagé", 5), ("jardin", 4)]));
    assert_eq!(
        phrases,
        owned(&[
            ("jardin partagé", 4),
            ("compost de cuisine", 2),
            ("eau de pluie", 2),
            ("récolte des tomates", 2),
        ])
    );
}

/// The bundled corpus against its expected output
/// (`tests/data/corpus.expected.jsonl`; `UPDATE_EXPECT=1` rewrites it).
#[test]
fn bundled_corpus_matches_expected_output() {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    let out = t.billet(&["analyze", corpus.to_str().unwrap(), "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got = t.read("out/articles.jsonl");
    let expected_path =
        manifest_dir().join("tests/data/corpus.expected.jsonl");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(&expected_path, &got).unwrap();
        return;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if got != expected {
        for (i, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
            if g != e {
                let (g, e): (Value, Value) = (
                    serde_json::from_str(g).unwrap(),
                    serde_json::from_str(e).unwrap(),
                );
                panic!(
                    "line {} of articles.jsonl differs (UPDATE_EXPECT=1 to accept)\n\
                     --- expected\n{}\n+++ got\n{}",
                    i + 1,
                    serde_json::to_string_pretty(&e).unwrap(),
                    serde_json::to_string_pretty(&g).unwrap()
                );
            }
        }
        panic!(
            "articles.jsonl differs in its number of lines (UPDATE_EXPECT=1 to accept)"
        );
    }
}

/// The post billet was born from, checked field by field.
#[test]
fn seed_post() {
    let Some(seeds) = shared("seeds") else { return };
    let t = TestDir::new();
    let out = t.billet(&["analyze", seeds.to_str().unwrap(), "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a = &t.jsonl("out/articles.jsonl")[0];
    assert_eq!(a["id"], "000-950bd5cce17ecf49");
    assert_eq!(a["author"], "François Lavallée");
    assert_eq!(a["date"], Value::Null);
    assert_eq!(a["key_phrases"][0]["phrase"], "communauté de pratique");
    let top3: Vec<&str> = a["key_terms"].as_array().unwrap()[..3]
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert!(
        top3.contains(&"communauté") && top3.contains(&"pratique"),
        "{top3:?}"
    );
    // Teasers, the share call and the copyright line are not the body.
    let terms: Vec<&str> = a["key_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    for outside in ["cuisinier", "tempête", "aliterconcept", "copyright"] {
        assert!(
            !terms.contains(&outside),
            "{outside} comes from outside the body"
        );
    }
    // Counted by hand (see tests/questions.rs): the three "On me demande
    // souvent qu’est ce que / comment / pourquoi" are indirect; the eight
    // lines of the closing list and "Une quoi?" are direct.
    let q = &a["questions"];
    assert_eq!(
        (q["direct"].as_u64(), q["indirect"].as_u64()),
        (Some(9), Some(3))
    );
    assert_eq!(q["reader_prompts"], 8);
    assert_eq!(q["forms"]["inversion"], 5);
    assert_eq!(q["title"], true);
    assert_eq!(a["series"]["part"], 1);
    assert_eq!(a["series"]["announces_next"], true);
    assert_eq!(a["links"]["related"].as_array().unwrap().len(), 6);
    assert_eq!(a["stats"]["sentences"].as_u64().map(|n| n > 30), Some(true));
}

/// The real posts of `../shared/corpus`: every input analysed, every
/// output valid.
#[test]
fn shared_corpus() {
    let Some(corpus) = shared("corpus") else {
        return;
    };
    let t = TestDir::new();
    let out = t.billet(&["analyze", corpus.to_str().unwrap(), "--out", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = t.jsonl("out/articles.jsonl");
    assert!(articles.len() > 700, "{} articles", articles.len());
    let mut with_terms = 0;
    for a in &articles {
        let id = a["id"].as_str().unwrap();
        assert!(
            id.len() <= 200
                && id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'_'),
            "{id}"
        );
        let file = t.json(&format!("out/articles/{id}.json"));
        assert_eq!(&file, a);
        with_terms +=
            usize::from(!a["key_terms"].as_array().unwrap().is_empty());
        let q = &a["questions"];
        assert_eq!(
            q["total"].as_u64(),
            Some(
                q["direct"].as_u64().unwrap()
                    + q["indirect"].as_u64().unwrap()
            )
        );
    }
    assert!(
        with_terms * 100 >= articles.len() * 95,
        "{with_terms} of {} have key terms",
        articles.len()
    );
}

/// Ctrl-C stops the run, says where, exits 130, and leaves the output
/// as it was (here: a new, empty, marked folder) with no staging folder
/// beside it. The signal is sent once the run has begun (its `--out`
/// exists: the handler is installed before), on an input that takes
/// seconds to analyse in a debug build, so it lands mid-run.
#[cfg(unix)]
#[test]
fn interrupt_stops_cleanly() {
    use std::time::{Duration, Instant};
    let t = TestDir::new();
    let post = TXT_POST.repeat(4);
    for i in 0..1500 {
        t.write(format!("posts/{}/billet-{i}.txt", i % 30), &post);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_billet"))
        .args(["analyze", "posts", "--out", "out", "--jobs", "1"])
        .current_dir(t.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !t.path().join("out").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "billet ended before creating --out"
        );
        assert!(started.elapsed() < Duration::from_secs(60), "no --out");
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before the signal: the input is too small"
    );
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let said = err
        .lines()
        .find(|l| l.contains("interrupted while"))
        .unwrap_or_else(|| panic!("says where it stopped: {err}"));
    assert!(said.contains("nothing was written"), "{said}");
    assert!(said.contains("is unchanged"), "{said}");
    // Only billet's marker, made when the run took the folder.
    let left: Vec<String> = fs::read_dir(t.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, [".billet"], "{said}");
    // Nor a staging folder beside it: an interrupted run cleans up after
    // itself (only a killed one leaves it, for the next run).
    let mut beside: Vec<String> = fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    beside.sort();
    assert_eq!(beside, ["out", "posts"]);
}
