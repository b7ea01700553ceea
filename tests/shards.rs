//! Scoring shards apart: `billet stats` per shard, `billet stats --merge`,
//! then `billet analyze SHARD --stats all.stats` must write the articles
//! one run over every shard writes, byte for byte.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{TestDir, manifest_dir, shared, stderr};

/// Every file under `root`, relative, sorted.
fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The files of an output folder's `articles/`, by name.
fn article_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("articles"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

/// Writes shard `b` (one short post) beside the shard `a` the caller
/// wrote, and counts both: `a.stats`, `b.stats`.
fn count_b_beside_a(t: &TestDir) {
    t.write(
        "b/deux.txt",
        "Deux billets\n\nLe jardin nourrit le voisin.\n",
    );
    for (shard, stats) in [("a", "a.stats"), ("b", "b.stats")] {
        let out = t.billet(&["stats", shard, "--out", stats, "--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// Runs the sharded protocol on `shards` (folders under `t`) and one run
/// over all of them; checks that both write the same articles. Returns
/// the single run's output folder name.
fn sharded_equals_single(t: &TestDir, shards: &[&str]) -> &'static str {
    let mut single = vec!["analyze"];
    single.extend(shards);
    single.extend(["--out", "single", "--quiet"]);
    let out = t.billet(&single);
    assert!(out.status.success(), "{}", stderr(&out));

    let mut merge = vec!["stats".to_string(), "--merge".to_string()];
    for (i, shard) in shards.iter().enumerate() {
        let stats = format!("{i}.stats");
        let out = t.billet(&["stats", shard, "--out", &stats, "--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
        merge.push(stats);
    }
    merge.extend(["--out".to_string(), "all.stats".to_string()]);
    let merge: Vec<&str> = merge.iter().map(String::as_str).collect();
    let out = t.billet(&merge);
    assert!(out.status.success(), "{}", stderr(&out));
    let header = billet::shard::read_header(&t.path().join("all.stats"))
        .expect("a stats file");
    assert_eq!(header.shards as usize, shards.len());

    let mut from_shards = BTreeMap::new();
    let mut jsonl = String::new();
    for (i, shard) in shards.iter().enumerate() {
        let dir = format!("out{i}");
        let out = t.billet(&[
            "analyze",
            shard,
            "--stats",
            "all.stats",
            "--out",
            &dir,
            "--quiet",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        for (name, bytes) in article_files(&t.path().join(&dir)) {
            assert!(
                from_shards.insert(name.clone(), bytes).is_none(),
                "{name} written by two shards"
            );
        }
        jsonl.push_str(&t.read(&format!("{dir}/articles.jsonl")));
        assert_eq!(
            t.read(&format!("{dir}/series.json")),
            t.read("single/series.json"),
            "shard {shard}: series.json"
        );
        let corpus = t.json(&format!("{dir}/corpus.json"));
        assert_eq!(corpus["corpus_documents"], header.articles);
    }
    let single_files = article_files(&t.path().join("single"));
    assert_eq!(
        from_shards.keys().collect::<Vec<_>>(),
        single_files.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &single_files {
        assert!(
            from_shards[name] == *bytes,
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&from_shards[name])
        );
    }
    assert_eq!(
        sorted_lines(&jsonl),
        sorted_lines(&t.read("single/articles.jsonl"))
    );
    "single"
}

/// Our corpus dealt into three shards, round robin: the three parts of
/// the compost series and the footer lines repeated across the corpus
/// land in different shards; two shards hold a file of the same name,
/// and one holds a WordPress export of several articles.
#[test]
fn three_shards_write_the_articles_of_one_run() {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    for (i, rel) in files_under(&corpus).iter().enumerate() {
        let text = fs::read(corpus.join(rel)).unwrap();
        t.write(Path::new(&format!("s{}", i % 3)).join(rel), text);
    }
    let data = manifest_dir().join("tests/data");
    for rel in ["wordpress/potager-butte.xml", "series/rucher-partie-1.txt"] {
        t.write(format!("s2/{rel}"), fs::read(data.join(rel)).unwrap());
    }
    t.write(
        "s1/notes/doublon.txt",
        "Un doublon\n\nLe nom de ce fichier revient dans un autre \
         dossier, et son texte parle de semis de tomates.\n",
    );
    t.write(
        "s2/notes/doublon.txt",
        "Un autre doublon\n\nCe texte-ci parle de ruches, d’abeilles et \
         de miel récolté en juin.\n",
    );
    let single = sharded_equals_single(&t, &["s0", "s1", "s2"]);

    // The check has teeth: the corpus repeats lines across shards, a
    // series spans them, and a shard analysed alone scores otherwise.
    let corpus = t.json(&format!("{single}/corpus.json"));
    assert!(
        corpus["boilerplate"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["count"].as_u64() >= Some(3)),
        "{corpus}"
    );
    let ids: Vec<String> = t
        .jsonl(&format!("{single}/articles.jsonl"))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.iter().any(|id| id == "notes-doublon-2"), "{ids:?}");
    let compost = t.json(&format!(
        "{single}/articles/carnet-2023-composter-en-appartement-1.json"
    ));
    assert_eq!(compost["series"]["parts"].as_array().unwrap().len(), 3);
    let out = t.billet(&["analyze", "s0", "--out", "alone", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let single_files = article_files(&t.path().join(single));
    let differ = article_files(&t.path().join("alone"))
        .iter()
        .filter(|(name, bytes)| single_files.get(*name) != Some(*bytes))
        .count();
    assert!(differ > 0, "a shard alone scores like the whole corpus");
}

/// What cannot be scored exactly is refused, or reported per file.
#[test]
fn stats_refuse_what_they_cannot_score() {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus/notes");
    for rel in files_under(&corpus) {
        t.write(
            Path::new("a").join(&rel),
            fs::read(corpus.join(&rel)).unwrap(),
        );
    }
    t.write("b/un.txt", "Un billet\n\nLe compost nourrit le jardin.\n");
    count_b_beside_a(&t);

    // The same shard twice.
    let out = t.billet(&[
        "stats", "--merge", "a.stats", "a.stats", "--out", "x.stats",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already in an earlier stats file"));
    assert!(!t.path().join("x.stats").exists());

    // Another stopword list than the one counted with.
    t.write("mots.txt", "le\nla\n");
    let out = t.billet(&[
        "stats",
        "--merge",
        "a.stats",
        "b.stats",
        "--out",
        "all.stats",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = t.billet(&[
        "analyze",
        "b",
        "--stats",
        "all.stats",
        "--stopwords",
        "mots.txt",
        "--out",
        "o1",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("stopword"), "{}", stderr(&out));
    let out = t.billet(&[
        "stats",
        "b",
        "--stopwords",
        "mots.txt",
        "--out",
        "c.stats",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = t.billet(&[
        "stats", "--merge", "a.stats", "c.stats", "--out", "y.stats",
    ]);
    assert_eq!(out.status.code(), Some(2));

    // Not a stats file; no stats file.
    t.write("faux.stats", "ceci n'est pas un fichier de statistiques");
    for stats in ["faux.stats", "absent.stats"] {
        let out = t.billet(&[
            "analyze", "b", "--stats", stats, "--out", "o2", "--quiet",
        ]);
        assert_eq!(out.status.code(), Some(2), "{stats}");
    }

    // A file changed and a file added since `billet stats`: reported,
    // not written; the rest is.
    t.write("b/un.txt", "Un billet\n\nLe compost nourrit le potager.\n");
    t.write("b/trois.txt", "Trois billets\n\nUn billet de plus.\n");
    let out = t.billet(&[
        "analyze",
        "b",
        "--stats",
        "all.stats",
        "--out",
        "o3",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = t.read("o3/errors.jsonl");
    assert!(
        errors.contains("un.txt") && errors.contains("changed since"),
        "{errors}"
    );
    assert!(
        errors.contains("trois.txt")
            && errors.contains("not in the --stats file"),
        "{errors}"
    );
    let ids: Vec<String> = t
        .jsonl("o3/articles.jsonl")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["deux"]);
}

/// The real posts of `../shared/corpus`, one shard per blog (Markdown,
/// HTML, a WordPress export).
#[test]
fn shared_corpus_in_shards() {
    let Some(corpus) = shared("corpus") else {
        return;
    };
    let t = TestDir::new();
    let mut shards: Vec<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().unwrap() != "LICENSES")
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    shards.sort();
    assert!(shards.len() >= 3, "{shards:?}");
    let shards: Vec<&str> = shards.iter().map(String::as_str).collect();
    sharded_equals_single(&t, &shards);
}

/// The lines of a gzipped stats file, as JSON.
fn stats_lines(t: &TestDir, rel: &str) -> Vec<serde_json::Value> {
    use std::io::Read;
    let file = fs::File::open(t.path().join(rel)).unwrap();
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A stats file by value: the header, and an article's counts split
/// between what can never be boilerplate (the title, a paragraph over
/// 300 bytes) and its short line, with the fingerprints of the format.
#[test]
fn a_stats_file_by_value() {
    let t = TestDir::new();
    t.write(
        "b/un.txt",
        "Un billet\n\nLe compost nourrit le jardin.\n\nUn paragraphe bien \
         plus long que les autres, qui ne peut pas être une ligne répétée \
         partout parce qu’il dépasse largement trois cents octets : il \
         parle encore et encore du jardin, des semis de tomates et de \
         courgettes, des voisins qui passent arroser quand on part en \
         vacances, et de la cabane où tout le monde range les outils.\n",
    );
    let out = t.billet(&["stats", "b", "--out", "b.stats", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let terms = |list: &[&str]| -> serde_json::Value {
        list.iter().map(|s| serde_json::json!([s, 1])).collect()
    };
    assert_eq!(
        stats_lines(&t, "b.stats"),
        [
            serde_json::json!({
                "format": "billet-stats",
                "version": 3,
                "billet": env!("CARGO_PKG_VERSION"),
                "analysis": env!("BILLET_ANALYSIS_FINGERPRINT"),
                "stopwords": "eb2a147b7b7378e7",
                "shards": 1,
                "articles": 1,
                "failed": 0,
            }),
            serde_json::json!({
                "path": "b/un.txt",
                "source": "un.txt",
                "entry": null,
                "slug": null,
                "title": "Un billet",
                "series": null,
                "series_part": null,
                "date": null,
                // What tagging needs of the whole corpus (#14).
                "tags": [],
                "title_stems": ["billet"],
                "text": "2434fe1943cb3790",
                // Content words: the title's and the long paragraph's.
                "words": 23,
                "terms": terms(&[
                    "arros", "billet", "caban", "cent", "courget", "dep",
                    "jardin", "larg", "lign", "long", "mond", "octet",
                    "outil", "paragraph", "parl", "part", "passent", "rang",
                    "répet", "sem", "tomat", "vacanc", "voisin",
                ]),
                "lines": [{
                    "key": "24c759914a0ae584",
                    "words": 3,
                    "terms": terms(&["compost", "jardin", "nourr"]),
                }],
            }),
        ]
    );
}

/// `stats --merge` sums the headers and keeps every article line, in
/// the order of the files given: the same lines as one `billet stats`
/// over all the shards' inputs.
#[test]
fn merged_stats_are_the_stats_of_one_run() {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    for (shard, part) in [("s0", "notes"), ("s1", "carnet")] {
        for rel in files_under(&corpus.join(part)) {
            t.write(
                Path::new(shard).join(part).join(&rel),
                fs::read(corpus.join(part).join(&rel)).unwrap(),
            );
        }
    }
    t.write("s1/vide.md", "  \n");
    for (shard, stats) in [("s0", "0.stats"), ("s1", "1.stats")] {
        let out = t.billet(&["stats", shard, "--out", stats, "--quiet"]);
        // The empty post of s1 is a per-file error.
        let failed = i32::from(shard == "s1");
        assert_eq!(out.status.code(), Some(failed), "{}", stderr(&out));
    }
    let out = t.billet(&[
        "stats",
        "--merge",
        "0.stats",
        "1.stats",
        "--out",
        "all.stats",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out =
        t.billet(&["stats", "s0", "s1", "--out", "one.stats", "--quiet"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (s0, s1) = (stats_lines(&t, "0.stats"), stats_lines(&t, "1.stats"));
    let (all, one) =
        (stats_lines(&t, "all.stats"), stats_lines(&t, "one.stats"));
    assert_eq!((s0.len(), s1.len()), (1 + 7, 1 + 13));
    assert_eq!(all[0]["shards"], 2);
    assert_eq!(one[0]["shards"], 1);
    for key in ["articles", "failed"] {
        assert_eq!(
            all[0][key].as_u64(),
            Some(s0[0][key].as_u64().unwrap() + s1[0][key].as_u64().unwrap()),
            "{key}"
        );
    }
    assert_eq!(
        (all[0]["articles"].as_u64(), all[0]["failed"].as_u64()),
        (Some(20), Some(1))
    );
    let mut header = all[0].clone();
    header["shards"] = 1.into();
    assert_eq!(header, one[0]);
    let concatenated: Vec<&serde_json::Value> =
        s0[1..].iter().chain(&s1[1..]).collect();
    assert_eq!(all[1..].iter().collect::<Vec<_>>(), concatenated);
    assert_eq!(all[1..], one[1..]);
}

/// Rewrites the header of the gzipped stats file `rel` with `edit`.
fn edit_header(
    t: &TestDir,
    rel: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) {
    use std::io::Write;
    let mut lines = stats_lines(t, rel);
    edit(&mut lines[0]);
    let file = fs::File::create(t.path().join(rel)).unwrap();
    let mut gz =
        flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    for line in &lines {
        writeln!(gz, "{line}").unwrap();
    }
    gz.finish().unwrap();
}

/// A shard counted by another build of billet (another analysis: before
/// a tokenizer change, say) is neither merged nor scored with, and says
/// to count it again; so is a stats file of an older format (version 2
/// had no analysis fingerprint). Exit 2, nothing written.
#[test]
fn stats_of_another_analysis_are_refused() {
    let t = TestDir::new();
    t.write("a/un.txt", "Un billet\n\nLe compost nourrit le jardin.\n");
    count_b_beside_a(&t);
    let merge = |out: &str| {
        t.billet(&["stats", "--merge", "a.stats", "b.stats", "--out", out])
    };
    let analyze = |stats: &str, out: &str| {
        t.billet(&["analyze", "b", "--stats", stats, "--out", out, "--quiet"])
    };
    let out = merge("all.stats");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = analyze("all.stats", "o");
    assert!(out.status.success(), "{}", stderr(&out));

    let refused = |out: std::process::Output, why: &str| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(why), "{err}");
        assert!(err.contains("count every shard again with this billet"));
    };
    edit_header(&t, "b.stats", |h| h["analysis"] = "0123456789abcdef".into());
    refused(
        merge("x.stats"),
        "b.stats: counted by another build of billet",
    );
    assert!(!t.path().join("x.stats").exists());
    edit_header(&t, "all.stats", |h| {
        h["analysis"] = "0123456789abcdef".into()
    });
    refused(
        analyze("all.stats", "o1"),
        "counted by another build of billet",
    );
    assert!(!t.path().join("o1").exists());

    edit_header(&t, "all.stats", |h| {
        h["version"] = 2.into();
        h.as_object_mut().unwrap().remove("analysis");
    });
    refused(analyze("all.stats", "o2"), "stats format version 2");
    assert!(!t.path().join("o2").exists());
}
