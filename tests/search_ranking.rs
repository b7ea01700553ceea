//! Search ranking, end to end through the library: every word of the
//! corpus finds its article however it is typed (the query and the
//! index go through one analysis), accents typed rank first, compounds
//! match whole and by parts, typos rank below exact matches, partial
//! matches below full ones; and `billet eval-search`. See: #20

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;

use billet::search::analyzer::{self, Mode, Role, Scratch, folded};
use billet::search::eval::{EvalOptions, QueryKind, eval_search, table};
use billet::search::plan::word_terms;
use billet::search::{Found, SearchIndex, SearchOptions};
use serde_json::Value;

mod common;

use common::{TestDir, manifest_dir, shared, stderr};

/// `billet ARGS` in `t`, which must succeed.
fn run_ok(t: &TestDir, args: &[&str]) -> Output {
    let out = t.billet(args);
    assert!(out.status.success(), "billet {args:?}: {}", stderr(&out));
    out
}

/// `posts` analysed and indexed in `t`, as `out`.
fn analyse_and_index(t: &TestDir, posts: &Path) {
    let posts = posts.to_str().expect("UTF-8 path");
    run_ok(t, &["analyze", posts, "--out", "out", "--quiet"]);
    run_ok(t, &["index", "out"]);
}

/// The bundled corpus, analysed and indexed once for this file.
fn corpus() -> &'static TestDir {
    static DIR: OnceLock<TestDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let t = TestDir::new();
        analyse_and_index(&t, &manifest_dir().join("corpus"));
        t
    })
}

/// Checks every word and compound part of the titles and bodies of the
/// index in `out`: typed alone as written, without accents and in
/// capitals, it reaches a term the index holds for it there (the query
/// and the index go through one analysis); `every`-th of these queries
/// (1: all) is also run end to end and must find the article. Stopwords
/// are left out (only titles keep them, as stop terms). Returns the
/// words checked and the queries run. See: #20
fn every_word_finds_its_article(out: &Path, every: usize) -> (usize, usize) {
    let index = SearchIndex::open(out).expect("the index opens");
    let articles = index.articles().expect("stored articles");
    let mut terms_of: HashMap<String, Vec<String>> = HashMap::new();
    let mut scratch = Scratch::default();
    let mut failures = Vec::new();
    let (mut words, mut runs, mut nth) = (0, 0, 0);
    let options = SearchOptions {
        limit: articles.len(),
        exact: true,
    };
    for a in &articles {
        let mut seen = HashSet::new();
        let title = a.title.as_deref().unwrap_or("");
        for (text, mode) in [(title, Mode::Title), (&*a.body, Mode::Prose)] {
            let mut analyzed = Vec::new();
            analyzer::analyze(text, mode, &mut scratch, |t| {
                if t.role != Role::Stop {
                    analyzed.push((t.term.to_string(), t.start, t.end));
                }
            });
            // A word, and the terms indexed within it (a compound's
            // whole and parts).
            let mut typed = Vec::new();
            for (i, (term, start, end)) in analyzed.iter().enumerate() {
                let word = &text[*start..*end];
                // Numbers written with spaces are not one typed word.
                if word.contains(char::is_whitespace) {
                    continue;
                }
                let within: Vec<String> = analyzed[i..]
                    .iter()
                    .take_while(|(_, s, _)| s < end)
                    .filter(|(_, s, e)| s >= start && e <= end)
                    .map(|(t, _, _)| t.clone())
                    .collect();
                typed.push((term.clone(), word.to_string(), within));
            }
            for (term, word, within) in typed {
                if !seen.insert((term.clone(), word.clone())) {
                    continue;
                }
                words += 1;
                for v in [word.clone(), folded(&word), word.to_uppercase()] {
                    let terms = terms_of
                        .entry(v.clone())
                        .or_insert_with(|| word_terms(index.lexicon(), &v));
                    if !terms.iter().any(|t| within.contains(t)) {
                        failures.push(format!(
                            "{}: {v:?} (for {word:?}) gives {terms:?}, not \
                             {term:?} or {within:?}",
                            a.id
                        ));
                        continue;
                    }
                    nth += 1;
                    if nth % every != 0 {
                        continue;
                    }
                    runs += 1;
                    let found = index
                        .search_addresses(&v, &options)
                        .unwrap_or_else(|e| panic!("{v:?}: {e}"));
                    if !found.contains(&a.address) {
                        failures.push(format!(
                            "{}: {v:?} (for {word:?}) does not find it",
                            a.id
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures of {words} words, e.g.\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
    (words, runs)
}

#[test]
fn every_word_of_the_corpus_finds_its_article() {
    let out = corpus().path().join("out");
    let (words, runs) = every_word_finds_its_article(&out, 1);
    assert!(words > 3_000, "{words} words");
    eprintln!("corpus/: {words} words, {runs} queries");
}

/// ../shared/corpus, analysed and indexed once for this file (`None`,
/// said on stderr, when it is absent).
fn shared_corpus() -> Option<&'static TestDir> {
    static DIR: OnceLock<Option<TestDir>> = OnceLock::new();
    DIR.get_or_init(|| {
        let corpus = shared("corpus")?;
        let t = TestDir::new();
        analyse_and_index(&t, &corpus);
        Some(t)
    })
    .as_ref()
}

#[test]
fn every_word_of_the_shared_corpus_finds_its_article() {
    let Some(t) = shared_corpus() else {
        return;
    };
    let out = t.path().join("out");
    // Every word at the analysis level; one query in 40 end to end.
    let (words, runs) = every_word_finds_its_article(&out, 40);
    assert!(words > 100_000, "{words} words");
    eprintln!("../shared/corpus: {words} words, {runs} queries");
}

/// The issue's targets for known-item search, on the four blogs of
/// ../shared/corpus in one index (harder than each on its own: more
/// articles compete for the top 3): titles as written, without accents
/// and by their rarest words in the top 3 at least 98 times in 100, with
/// a typo 90. See: #20
#[test]
fn known_items_of_the_shared_corpus_reach_the_targets() {
    let Some(t) = shared_corpus() else {
        return;
    };
    let index = SearchIndex::open(&t.path().join("out")).expect("index");
    let options = EvalOptions {
        sample: 400,
        ..EvalOptions::default()
    };
    let (report, _) = eval_search(&index, &options).expect("evaluation");
    assert!(report.sampled > 350, "{report:?}");
    eprint!("{}", table(&report));
    for k in &report.kinds {
        let target = if k.kind == Some(QueryKind::Typo) {
            0.90
        } else {
            0.98
        };
        assert!(
            k.rate() >= target,
            "{:?}: {:.3} < {target}\n{}",
            k.kind,
            k.rate(),
            table(&report)
        );
    }
}

/// A few posts written for the ranking tests, analysed and indexed.
fn ranking_index() -> &'static (TestDir, SearchIndex) {
    static INDEX: OnceLock<(TestDir, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let t = TestDir::new();
        for (name, text) in [
            (
                "peche-riviere.txt",
                "Aller pêcher en rivière\n\nLe dimanche, nous partons \
                 pêcher la truite au bord de l'eau, loin de la ville.\n",
            ),
            (
                "peche-orgueil.txt",
                "Pécher par orgueil\n\nOn peut pécher par orgueil sans le \
                 voir. Pécher, disaient les anciens, c'est manquer la cible ; \
                 pécher encore, c'est s'y habituer.\n",
            ),
            (
                "bd.txt",
                "Rencontre avec Marc-Antoine Mathieu\n\nMarc-Antoine \
                 Mathieu dessine des labyrinthes de papier depuis trente \
                 ans.\n",
            ),
            (
                "amis.txt",
                "Deux amis\n\nMarc Antoine et Paul Mathieu sont partis \
                 ensemble ; Marc Antoine conduisait, Mathieu lisait la \
                 carte, Marc Antoine riait.\n",
            ),
            (
                "crozon.txt",
                "Randonnée sur la presqu'île\n\nUne randonnée de trois \
                 jours autour de Crozon, entre landes et falaises.\n",
            ),
            (
                "croxon.txt",
                "Carnet de marche\n\nRandonnée, randonnée, randonnée : \
                 le village de Croxon n'existe pas, la randonnée si.\n",
            ),
            (
                "vendredi-4.txt",
                "Les perles du vendredi 4\n\nDes perles, encore des perles : \
                 6 mois de perles, 6 perles par jour, la perle du \
                 vendredi.\n",
            ),
            (
                "malo-titre.txt",
                "Un week-end à Saint Malo\n\nLes remparts et la plage du \
                 Sillon.\n",
            ),
            (
                "malo-corps.txt",
                "Carnet de Bretagne\n\nSaint-Malo le matin, Saint-Malo le \
                 soir : Saint-Malo toujours.\n",
            ),
            (
                "vendredi-6.txt",
                "Les perles du vendredi 6\n\nUne nouvelle sélection de \
                 phrases entendues au bureau.\n",
            ),
        ] {
            t.write(format!("posts/{name}"), text);
        }
        analyse_and_index(&t, &t.path().join("posts"));
        let index = SearchIndex::open(&t.path().join("out")).unwrap();
        (t, index)
    })
}

/// What [`ranking_index`] finds for `query`.
fn ranked(query: &str, exact: bool) -> Found {
    let options = SearchOptions { limit: 10, exact };
    ranking_index()
        .1
        .find(query, &options)
        .unwrap_or_else(|e| panic!("{query:?}: {e}"))
}

fn ranked_ids(query: &str, exact: bool) -> Vec<String> {
    ranked(query, exact)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Accents are forgiven, and the accents typed rank first, above a
/// better BM25 score: `pécher` is four times in its post. See: #20
#[test]
fn accents_typed_rank_first() {
    assert_eq!(
        ranked_ids("pêcher", false),
        ["peche-riviere", "peche-orgueil"]
    );
    assert_eq!(
        ranked_ids("pécher", false),
        ["peche-orgueil", "peche-riviere"]
    );
    let mut plain = ranked_ids("pecher", false);
    plain.sort();
    assert_eq!(plain, ["peche-orgueil", "peche-riviere"]);
}

/// Among articles matching every word, those whose title holds more of
/// them come first, above a better BM25 score: the parts of a series
/// differ by a number their bodies may also say. See: #20
#[test]
fn titles_holding_the_words_rank_first() {
    assert_eq!(
        ranked_ids("perles vendredi 6", false),
        ["vendredi-6", "vendredi-4"]
    );
    assert_eq!(
        ranked_ids("perles vendredi 4", false),
        ["vendredi-4", "vendredi-6"]
    );
    // A compound typed whole: a title holding its parts in sequence
    // holds it.
    assert_eq!(
        ranked_ids("Saint-Malo", false),
        ["malo-titre", "malo-corps"]
    );
    // Both titles hold every word: BM25 decides.
    assert_eq!(
        ranked_ids("perles vendredi", false),
        ["vendredi-4", "vendredi-6"]
    );
}

/// A compound is found whole and by its parts; typed whole, the posts
/// that write it whole come first. See: #20
#[test]
fn compounds_whole_and_in_parts() {
    for query in ["Marc-Antoine", "marc-antoine Mathieu", "marc antoine"] {
        let found = ranked_ids(query, false);
        assert_eq!(found, ["bd", "amis"], "{query}");
    }
    assert_eq!(ranked_ids(r#""marc antoine mathieu""#, false), ["bd"]);
    assert_eq!(ranked_ids("labyrinthes", false), ["bd"]);
    assert_eq!(ranked_ids("antoine", false).len(), 2);
}

/// One typo forgiven in a word of 5 letters or more, the first letter
/// kept; an article that matches every word exactly ranks above one
/// that needs a typo, whatever their scores; phrases and `--exact` take
/// no typo; a word that matches nothing gets suggestions. See: #20
#[test]
fn typos_rank_below_exact_matches() {
    // `Croxon` is one letter from `Crozon`; its post says randonnée four
    // times.
    assert_eq!(ranked_ids("randonnée crozon", false), ["crozon", "croxon"]);
    assert_eq!(ranked_ids("randonnée croxon", false), ["croxon", "crozon"]);
    let found = ranked("randonnée crozon", false);
    assert!(found.hits[0].typos.is_empty());
    assert_eq!(found.hits[1].typos, ["crozon"]);
    // A transposition is one edit.
    assert_eq!(ranked_ids("Crozno", false)[0], "crozon");
    assert_eq!(ranked_ids("labyritnhes", false), ["bd"], "two edits at 9+");
    assert!(ranked_ids("labyritnhes", true).is_empty(), "--exact");
    assert_eq!(ranked_ids(r#""village de Croxon""#, false), ["croxon"]);
    assert_eq!(ranked_ids(r#""autour de Crozon""#, false), ["crozon"]);
    assert!(ranked_ids(r#""autour de Crozno""#, false).is_empty());
    assert!(ranked_ids(r#""village de Crozon""#, false).is_empty());
    // The first letter is kept: `Krozon` matches nothing, and gets the
    // nearest words.
    let found = ranked("Krozon", false);
    assert!(found.hits.is_empty());
    assert_eq!(found.unmatched, ["Krozon"]);
    assert_eq!(found.suggestions.len(), 1);
    let s = &found.suggestions[0].suggestions;
    assert!(s.contains(&"crozon".to_string()), "{s:?}");
    assert!(s.contains(&"croxon".to_string()), "{s:?}");
}

/// When not every word can match, the best partial matches come back,
/// below the full ones, and say which words they lack. See: #20
#[test]
fn partial_matches_rank_below_full_ones() {
    let found = ranked("randonnée falaises xylophone", false);
    assert_eq!(found.unmatched, ["xylophone"]);
    let ids: Vec<&str> = found.hits.iter().map(|h| &*h.id).collect();
    assert_eq!(ids, ["crozon", "croxon"]);
    assert_eq!(found.hits[0].missing, ["xylophone"]);
    assert_eq!(found.hits[1].missing, ["falaises", "xylophone"]);
    // A full match ranks above any partial one.
    let found = ranked("randonnée falaises", false);
    assert!(found.hits[0].missing.is_empty());
    assert_eq!(found.hits[1].missing, ["falaises"]);
}

/// `billet eval-search` on the bundled corpus: the table of the four
/// kinds of query, the report as JSON, the queries written out for
/// another engine, the same for the same seed.
#[test]
fn eval_search_reports_the_four_kinds() {
    let t = corpus();
    let table = run_ok(t, &["eval-search", "out", "--misses"]);
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    for kind in [
        "title words as written",
        "the same without accents",
        "one transposition typo in the longest word",
        "the two rarest title words",
    ] {
        assert!(table.contains(&format!("| {kind} | ")), "{table}");
    }
    let json = run_ok(
        t,
        &["eval-search", "out", "--json", "--write-queries", "q.jsonl"],
    );
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["articles"], 20);
    assert_eq!(report["sampled"], 20, "fewer articles than the sample");
    assert_eq!(report["top"], 3);
    let kinds = report["kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 4);
    for k in kinds {
        assert_eq!(k["queries"], 20, "{k}");
        // Our own posts: every title finds its article, however typed.
        assert!(k["found"].as_u64().unwrap() >= 19, "{k}");
    }
    let queries: Vec<Value> = t
        .read("q.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(queries.len(), 80);
    let typo = queries.iter().find(|q| q["kind"] == "typo").unwrap();
    let title = queries
        .iter()
        .find(|q| q["kind"] == "title" && q["id"] == typo["id"])
        .unwrap();
    assert_ne!(typo["query"], title["query"]);
    // The same seed, the same queries.
    run_ok(t, &["eval-search", "out", "--write-queries", "again.jsonl"]);
    assert_eq!(t.read("q.jsonl"), t.read("again.jsonl"));
    run_ok(
        t,
        &["eval-search", "out", "--seed", "7", "--write-queries", "7"],
    );
    assert_ne!(t.read("q.jsonl"), t.read("7"));
}
