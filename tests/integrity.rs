//! Output integrity under faults (issue 15), through the binary: real
//! processes, real filesystems, real signals.
//!
//! What is promised (docs/integrity.md): one writer per output folder
//! (a lock on OUT; a second run exits 2 naming the holder, or waits with
//! `--wait`); the output is replaced whole (built in a staging folder
//! beside OUT, then swapped in), so a reader — or a run killed at any
//! moment — only ever finds the previous complete output or the new
//! complete one; a failure leaves the previous output byte-identical;
//! posts no longer in the input leave nothing behind; `billet search`
//! answers from the old or the new index while `billet index` rebuilds.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::faults::{
    Tmpfs, fill, finish, signal, snapshot, spawn, staging_beside,
    wait_for_staging,
};
use common::{TestDir, manifest_dir, stderr};
use serde_json::Value;

/// Words the generated posts are made of.
const WORDS: &[&str] = &[
    "jardin",
    "partagé",
    "tomates",
    "courgettes",
    "voisins",
    "équipe",
    "panier",
    "récolte",
    "compost",
    "arrosage",
    "semis",
    "graines",
    "potager",
    "quartier",
    "printemps",
    "automne",
    "serre",
    "outils",
    "balcon",
    "fraises",
    "haricots",
    "salades",
    "paillage",
    "racines",
    "feuilles",
    "saison",
    "pluie",
    "soleil",
    "atelier",
    "enfants",
    "cuisine",
    "recette",
    "marché",
    "vélo",
    "ville",
    "rue",
    "école",
    "bibliothèque",
    "lecture",
    "musique",
    "concert",
    "voyage",
    "train",
    "montagne",
    "rivière",
    "forêt",
    "cabane",
    "chemin",
    "pierre",
    "pont",
];

/// Writes `n` distinct posts of about 3 KB under `dir`: sentences of
/// words drawn (deterministically) from [`WORDS`], each post with its
/// own mix, and `theme` in every title and paragraph so that two sets
/// of posts differ.
fn write_posts(t: &TestDir, dir: &str, n: usize, theme: &str) {
    let mut state = theme.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    });
    let mut next = move |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    for i in 0..n {
        let mut text = format!(
            "Le {theme} et le {}, partie {}\n\n",
            WORDS[next(WORDS.len())],
            i % 5 + 1
        );
        for _ in 0..8 {
            for _ in 0..3 {
                let mut sentence = String::from("Le");
                for _ in 0..6 + next(10) {
                    sentence.push(' ');
                    sentence.push_str(WORDS[next(WORDS.len())]);
                }
                sentence.push_str(&format!(" du {theme} {i}. "));
                text.push_str(&sentence);
            }
            text.push_str("\n\n");
        }
        text.push_str("Par Julie Roy\n");
        t.write(format!("{dir}/{:02}/{theme}-{i}.txt", i % 20), text);
    }
}

/// A complete analysis folder, as read back: the ids of articles.jsonl
/// (checked against `articles/` and `corpus.json`) and its bytes.
#[derive(Clone, Debug, PartialEq)]
struct Whole {
    ids: Vec<String>,
    jsonl: Vec<u8>,
}

/// Reads `out` and checks that it is one whole analysis: articles.jsonl
/// parses line by line, its line count equals the files in `articles/`,
/// every line has its file (same article), `corpus.json` counts as many
/// documents. `None` when `out` holds no analysis at all.
fn read_whole(out: &Path) -> Option<Whole> {
    let jsonl = match fs::read(out.join("articles.jsonl")) {
        Ok(bytes) => bytes,
        Err(_) => {
            assert!(
                !out.join("corpus.json").exists()
                    && !out.join("articles").exists(),
                "{}: articles/ or corpus.json without articles.jsonl",
                out.display()
            );
            return None;
        }
    };
    let text = String::from_utf8(jsonl.clone()).expect("UTF-8");
    let mut ids = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let a: Value = serde_json::from_str(line).unwrap_or_else(|e| {
            panic!("articles.jsonl line {}: torn: {e}", i + 1)
        });
        ids.push(a["id"].as_str().expect("an id").to_string());
    }
    let mut files: Vec<String> = fs::read_dir(out.join("articles"))
        .expect("articles/ beside articles.jsonl")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> =
        ids.iter().map(|id| format!("{id}.json")).collect();
    want.sort();
    assert_eq!(
        files.len(),
        ids.len(),
        "articles/ holds {} files for {} lines of articles.jsonl",
        files.len(),
        ids.len()
    );
    assert_eq!(files, want, "articles/ and articles.jsonl differ");
    // Each file is the same article as its line (one run's, not a mix).
    for (line, id) in text.lines().zip(&ids).step_by(7) {
        let file: Value = serde_json::from_slice(
            &fs::read(out.join("articles").join(format!("{id}.json")))
                .unwrap(),
        )
        .unwrap_or_else(|e| panic!("articles/{id}.json: torn: {e}"));
        let line: Value = serde_json::from_str(line).unwrap();
        assert_eq!(file, line, "articles/{id}.json is not its line's article");
    }
    let corpus: Value =
        serde_json::from_slice(&fs::read(out.join("corpus.json")).unwrap())
            .expect("corpus.json parses");
    assert_eq!(
        corpus["documents"].as_u64(),
        Some(ids.len() as u64),
        "corpus.json counts another run's documents"
    );
    let errors = fs::read_to_string(out.join("errors.jsonl")).unwrap();
    for line in errors.lines() {
        serde_json::from_str::<Value>(line).expect("errors.jsonl parses");
    }
    serde_json::from_slice::<Value>(
        &fs::read(out.join("series.json")).unwrap(),
    )
    .expect("series.json parses");
    Some(Whole { ids, jsonl })
}

fn analyze(t: &TestDir, input: &str, out: &str) -> Output {
    t.billet(&["analyze", input, "--out", out, "--quiet"])
}

fn analyze_ok(t: &TestDir, input: &str, out: &str) -> Output {
    let o = analyze(t, input, out);
    assert!(o.status.success(), "analyze {input}: {}", stderr(&o));
    o
}

/// Two `analyze` at once on one `--out`: the first holds the lock and
/// writes; the second exits 2 at once, naming the holder; the output is
/// the first run's, whole. With `--wait`, the second waits, then writes.
#[test]
fn two_writers_one_writes_the_other_exits_2_naming_the_holder() {
    let t = TestDir::new();
    write_posts(&t, "big", 400, "courge");
    write_posts(&t, "small", 5, "radis");
    analyze_ok(&t, "big", "ref-big");
    analyze_ok(&t, "small", "ref-small");
    let out = t.path().join("out");

    let mut first = spawn(&t, &["analyze", "big", "--out", "out", "--quiet"]);
    assert!(
        wait_for_staging(&mut first, &out),
        "the first run ended before taking its lock"
    );
    let second = analyze(&t, "small", "out");
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("pid {}", first.id())),
        "the holder is not named: {err}"
    );
    assert!(err.contains("analyze"), "the holder's command: {err}");
    assert!(err.contains("--wait"), "no hint of --wait: {err}");
    let first = finish(first);
    assert!(first.status.success(), "{}", stderr(&first));
    let got = read_whole(&out).expect("an output");
    let want = read_whole(&t.path().join("ref-big")).unwrap();
    assert_eq!(got, want, "the output is not the first run's");

    // With --wait the second run waits for the first, then writes.
    let mut first = spawn(&t, &["analyze", "big", "--out", "out", "--quiet"]);
    assert!(wait_for_staging(&mut first, &out));
    let second = analyze_wait(&t, "small", "out", "--wait");
    let first = finish(first);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("waiting"), "{}", stderr(&second));
    let got = read_whole(&out).unwrap();
    assert_eq!(got, read_whole(&t.path().join("ref-small")).unwrap());
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );
}

fn analyze_wait(t: &TestDir, input: &str, out: &str, wait: &str) -> Output {
    t.billet(&["analyze", input, "--out", out, "--quiet", wait])
}

/// The lock is the kernel's (flock on OUT): whoever holds it is named
/// from it, `--wait=SECS` gives up after SECS, `--wait` waits for it.
#[test]
fn a_held_lock_is_named_and_waited_for() {
    let t = TestDir::new();
    write_posts(&t, "posts", 3, "radis");
    analyze_ok(&t, "posts", "out");
    let before = snapshot(&t.path().join("out"));
    let holder = fs::File::open(t.path().join("out")).unwrap();
    holder.try_lock().expect("the test takes the lock");

    let o = analyze(&t, "posts", "out");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("pid {}", std::process::id())),
        "the holder (this test) is not named: {}",
        stderr(&o)
    );
    let started = Instant::now();
    let o = analyze_wait(&t, "posts", "out", "--wait=1");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(started.elapsed() >= Duration::from_secs(1), "did not wait");
    assert_eq!(snapshot(&t.path().join("out")), before, "OUT was touched");

    let mut waiting = spawn(
        &t,
        &["analyze", "posts", "--out", "out", "--quiet", "--wait"],
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(waiting.try_wait().unwrap().is_none(), "it did not wait");
    drop(holder);
    let o = finish(waiting);
    assert!(o.status.success(), "{}", stderr(&o));
    read_whole(&t.path().join("out")).unwrap();
}

/// A run killed while holding the lock never blocks the next one, and
/// its staging folder is cleaned by the next run.
#[test]
fn a_dead_holder_never_blocks() {
    let t = TestDir::new();
    write_posts(&t, "big", 300, "courge");
    write_posts(&t, "small", 4, "radis");
    let out = t.path().join("out");
    let mut run = spawn(&t, &["analyze", "big", "--out", "out", "--quiet"]);
    assert!(wait_for_staging(&mut run, &out), "it ended before its kill");
    run.kill().unwrap();
    run.wait().unwrap();
    let o = analyze(&t, "small", "out");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_whole(&out).unwrap().ids.len(), 4);
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );
}

/// A tiny deterministic generator (xorshift64*), seeded from the clock
/// or `BILLET_TEST_SEED`, printed so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("BILLET_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("seed {seed} (BILLET_TEST_SEED={seed} replays it)");
        Rng(seed | 1)
    }

    /// A number in `0..1`.
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Copies the files under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The two inputs of the kill loop: ../shared/corpus/rom1v (112
/// articles) and 40 of its posts copied; or, without ../shared/corpus,
/// corpus/ copied 6 and 2 times.
fn kill_loop_inputs(t: &TestDir) -> [String; 2] {
    let rom1v = manifest_dir().join("../shared/corpus/rom1v");
    if rom1v.is_dir() {
        let mut posts: Vec<PathBuf> = Vec::new();
        let mut stack = vec![rom1v.clone()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    posts.push(path);
                }
            }
        }
        posts.sort();
        for p in posts.iter().take(40) {
            let to =
                t.path().join("part").join(p.strip_prefix(&rom1v).unwrap());
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(p, to).unwrap();
        }
        return [rom1v.to_string_lossy().into_owned(), "part".to_string()];
    }
    eprintln!(
        "../shared/corpus not found: the kill loop runs on copies of corpus/"
    );
    for (name, copies) in [("x", 6), ("y", 2)] {
        for c in 0..copies {
            copy_tree(
                &manifest_dir().join("corpus"),
                &t.path().join(format!("{name}/{c}")),
            );
        }
    }
    ["x".to_string(), "y".to_string()]
}

/// 30 runs or more, each SIGKILLed at a random moment (inputs
/// alternating): after each, OUT is the previous complete output or the
/// new one — never a mix, never torn, never missing. A last run to the
/// end cleans every staging folder left beside OUT.
///
/// The moments are drawn up to 1.2 times a complete run's time, taken
/// once at the start; when the machine gets less busy after it, runs end
/// before their kill, so each input's draws shrink after a run that
/// ended first, and the loop goes on (90 runs at most) until 10 runs
/// were killed while running.
#[test]
fn killed_at_any_moment_the_output_is_the_old_or_the_new_one() {
    let t = TestDir::new();
    let inputs = kill_loop_inputs(&t);
    let out = t.path().join("out");
    let args = |input: &str, out: &str| -> Vec<String> {
        ["analyze", input, "--out", out, "--quiet", "--jobs", "2"]
            .map(String::from)
            .to_vec()
    };
    // The complete output of each input, and how long a run takes.
    let mut refs = Vec::new();
    let mut took = Vec::new();
    for (k, input) in inputs.iter().enumerate() {
        let name = format!("ref-{k}");
        let a = args(input, &name);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let started = Instant::now();
        let o = t.billet(&a);
        took.push(started.elapsed());
        assert!(o.status.success(), "{}", stderr(&o));
        refs.push(read_whole(&t.path().join(&name)).unwrap());
    }
    eprintln!("full runs: {took:?}");
    let a = args(&inputs[1], "out");
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    assert!(t.billet(&a).status.success());
    let mut previous = 1;
    let mut rng = Rng::new();
    let (mut old, mut new, mut killed) = (0, 0, 0);
    let mut scale = [1.2f64; 2];
    let mut run = 0;
    while run < 30 || (killed < 10 && run < 90) {
        let k = run % 2;
        let delay = took[k].mul_f64(rng.unit() * scale[k]);
        let a = args(&inputs[k], "out");
        let mut child = t
            .command(&a.iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        } else {
            scale[k] *= 0.8;
        }
        child.kill().unwrap_or(()); // SIGKILL
        child.wait().unwrap();
        let got = read_whole(&out).unwrap_or_else(|| {
            panic!("run {run} (killed at {delay:?}): OUT has no output")
        });
        if got == refs[k] {
            new += 1;
            previous = k;
        } else if got == refs[previous] {
            old += 1;
        } else {
            panic!(
                "run {run} (killed at {delay:?}): OUT is neither the \
                 previous output nor the new one ({} articles)",
                got.ids.len()
            );
        }
        run += 1;
    }
    eprintln!(
        "{run} runs: {killed} killed while running; OUT then held the old \
         output {old} times, the new one {new} times"
    );
    assert!(killed >= 10, "too few runs were killed while running");
    let a = args(&inputs[0], "out");
    let o = t.billet(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_whole(&out).unwrap(), refs[0]);
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );
}

/// A disk that fills during a rerun (analyze, then index): exit 2 with
/// a message that says so, the previous output byte-identical, no
/// staging left to fill the disk further.
#[test]
fn a_full_disk_leaves_the_previous_output_byte_identical() {
    let t = TestDir::new();
    let Some(mnt) = Tmpfs::mount(&t.path().join("mnt"), "1m") else {
        return;
    };
    write_posts(&t, "small", 5, "radis");
    write_posts(&t, "big", 300, "courge");
    let out = mnt.0.join("out");
    let out_s = out.to_str().unwrap();
    analyze_ok(&t, "small", out_s);
    let o = t.billet(&["index", out_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);
    read_whole(&out).unwrap();

    let o = analyze(&t, "big", out_s);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left"), "{err}");
    assert!(err.contains("unchanged"), "does not say OUT is kept: {err}");
    assert!(snapshot(&out) == before, "the previous output changed");
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );

    // The index too: rebuilt on a disk with a few KB left.
    fill(&mnt.0, 8 << 10);
    let o = t.billet(&["index", out_s]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left"), "{err}");
    assert!(snapshot(&out) == before, "the previous index changed");
    fs::remove_file(mnt.0.join("filler")).unwrap();
    let hits = t.billet(&["search", out_s, "radis", "--json"]);
    assert!(hits.status.success(), "{}", stderr(&hits));
    let hits: Value = serde_json::from_slice(&hits.stdout).unwrap();
    assert_eq!(hits["hits"].as_array().unwrap().len(), 5);
}

/// A rerun over a smaller or different input leaves only its own
/// articles; what is not billet's in OUT stays.
#[test]
fn a_rerun_on_a_smaller_input_leaves_no_stale_article() {
    let t = TestDir::new();
    write_posts(&t, "big", 12, "courge");
    write_posts(&t, "small", 3, "radis");
    analyze_ok(&t, "big", "out");
    assert_eq!(read_whole(&t.path().join("out")).unwrap().ids.len(), 12);
    t.write("out/notes.md", "à garder");
    analyze_ok(&t, "small", "out");
    let whole = read_whole(&t.path().join("out")).unwrap();
    assert_eq!(whole.ids.len(), 3, "{:?}", whole.ids);
    assert!(whole.ids.iter().all(|id| id.contains("radis")), "{whole:?}");
    assert_eq!(t.read("out/notes.md"), "à garder");
}

/// `--out` on a non-empty folder that is not billet's: exit 2, and
/// nothing in it changes. An empty folder is fine.
#[test]
fn a_folder_that_is_not_billets_is_refused() {
    let t = TestDir::new();
    write_posts(&t, "posts", 2, "radis");
    t.write("mine/thesis.tex", "\\documentclass{article}");
    let o = analyze(&t, "posts", "mine");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a billet output"), "{}", stderr(&o));
    let left: Vec<_> = fs::read_dir(t.path().join("mine")).unwrap().collect();
    assert_eq!(left.len(), 1);
    assert_eq!(t.read("mine/thesis.tex"), "\\documentclass{article}");
    assert!(staging_beside(&t.path().join("mine")).is_empty());
    fs::create_dir(t.path().join("empty")).unwrap();
    analyze_ok(&t, "posts", "empty");
    read_whole(&t.path().join("empty")).unwrap();
}

/// The ids of the hits for `query`, sorted.
fn hit_ids(out: &Path, query: &str) -> Result<Vec<String>, String> {
    let o = Command::new(env!("CARGO_BIN_EXE_billet"))
        .arg("search")
        .arg(out)
        .args([query, "--json", "--limit", "1000"])
        .output()
        .expect("billet runs");
    if !o.status.success() {
        return Err(stderr(&o));
    }
    let hits: Value = serde_json::from_slice(&o.stdout)
        .map_err(|e| format!("not JSON ({e}): {}", stderr(&o)))?;
    let mut ids: Vec<String> = hits["hits"]
        .as_array()
        .ok_or("no array of hits")?
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect();
    ids.sort();
    Ok(ids)
}

/// `billet search` in a loop while `billet index` rebuilds the index 5
/// times: no search fails, and each answers from a complete index (the
/// same hits as before the rebuilds).
#[test]
fn search_answers_from_a_whole_index_during_rebuilds() {
    let t = TestDir::new();
    write_posts(&t, "posts", 150, "courge");
    analyze_ok(&t, "posts", "out");
    let out = t.path().join("out");
    let o = t.billet(&["index", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let queries = ["tomates courgettes", "\"jardin partagé\"", "title:cabane"];
    let want: Vec<Vec<String>> =
        queries.iter().map(|q| hit_ids(&out, q).unwrap()).collect();
    assert!(want.iter().all(|w| !w.is_empty()), "{want:?}");
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let searcher = {
        let (stop, failures, out, want) =
            (stop.clone(), failures.clone(), out.clone(), want.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let q = n % queries.len();
                match hit_ids(&out, queries[q]) {
                    Ok(ids) if ids == want[q] => {}
                    Ok(ids) => failures.lock().unwrap().push(format!(
                        "{}: {} hits instead of {}",
                        queries[q],
                        ids.len(),
                        want[q].len()
                    )),
                    Err(e) => failures.lock().unwrap().push(e),
                }
                n += 1;
            }
            n
        })
    };
    for _ in 0..5 {
        let o = t.billet(&["index", "out"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    stop.store(true, Ordering::Relaxed);
    let searches = searcher.join().unwrap();
    let failures = failures.lock().unwrap();
    eprintln!("{searches} searches during 5 rebuilds");
    assert!(
        failures.is_empty(),
        "{} failed: {failures:?}",
        failures.len()
    );
    assert!(searches >= 5, "only {searches} searches ran");
}

/// Ctrl-C during `billet index`: exit 130 saying so, nothing left
/// behind, the previous index whole.
#[test]
fn interrupted_index_leaves_the_old_index_and_no_staging() {
    let t = TestDir::new();
    write_posts(&t, "posts", 600, "courge");
    analyze_ok(&t, "posts", "out");
    let out = t.path().join("out");
    let started = Instant::now();
    let o = t.billet(&["index", "out", "--jobs", "1"]);
    let full = started.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let before = snapshot(&out);
    let want = hit_ids(&out, "courge").unwrap();
    let mut interrupted = 0;
    for percent in [20, 40, 60] {
        let child = spawn(&t, &["index", "out", "--jobs", "1"]);
        std::thread::sleep(full * percent / 100);
        signal(child.id(), "INT");
        let o = finish(child);
        let err = stderr(&o);
        match o.status.code() {
            Some(130) => {
                interrupted += 1;
                assert!(err.contains("interrupted"), "{err}");
                assert!(snapshot(&out) == before, "the index changed");
            }
            Some(0) => {}
            other => panic!("exit {other:?}: {err}"),
        }
        let debris: Vec<String> = [out.clone(), out.join(".billet")]
            .iter()
            .filter_map(|d| fs::read_dir(d).ok())
            .flatten()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".index-") || n.starts_with("index-"))
            .collect();
        assert!(debris.is_empty(), "left behind: {debris:?}");
        assert_eq!(hit_ids(&out, "courge").unwrap(), want);
    }
    assert!(interrupted > 0, "every index ended before its signal");
}

/// SIGTERM during `analyze`: exit 143 saying so, the previous output
/// byte-identical, the staging folder removed at once.
#[test]
fn terminated_analyze_leaves_the_previous_output() {
    let t = TestDir::new();
    write_posts(&t, "small", 4, "radis");
    write_posts(&t, "big", 400, "courge");
    analyze_ok(&t, "small", "out");
    let out = t.path().join("out");
    let before = snapshot(&out);
    let mut run = spawn(&t, &["analyze", "big", "--out", "out", "--quiet"]);
    assert!(
        wait_for_staging(&mut run, &out),
        "it ended before its signal"
    );
    std::thread::sleep(Duration::from_millis(100));
    signal(run.id(), "TERM");
    let o = finish(run);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(143), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    assert!(snapshot(&out) == before, "the previous output changed");
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );
}

/// Runs `billet analyze other --out out --jobs 1` in `t` under strace,
/// the `when`-th call of `syscall` made to fail with `errno`; returns the
/// run and strace's log (the calls of `syscall` and of rename). strace
/// counts calls per thread: with one thread the Nth write is always the
/// same one (the first is billet's marker in the staging folder, the
/// next ones the article files: at least ten before the summary line).
fn analyze_injected(
    t: &TestDir,
    syscall: &str,
    when: u32,
    errno: &str,
) -> (Output, String) {
    let log = t.path().join("strace.log");
    let o = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .arg(format!("--trace={syscall},rename"))
        .arg(format!("--inject={syscall}:error={errno}:when={when}"))
        .arg(env!("CARGO_BIN_EXE_billet"))
        .args(["analyze", "other", "--out", "out", "--quiet", "--jobs", "1"])
        .current_dir(t.path())
        .output()
        .expect("strace runs");
    (o, fs::read_to_string(&log).unwrap_or_default())
}

/// System calls of a rerun made to fail for real (strace's fault
/// injection): an I/O error or a full disk while writing, syncing or
/// swapping leaves the previous output byte-identical and says so. With
/// RENAME_EXCHANGE refused (EINVAL, as on a filesystem without it)
/// billet takes its portable swap (two renames), and the new output is
/// whole. Skipped, with the reason, where strace is missing or may not
/// trace.
#[test]
fn injected_system_call_errors_leave_the_previous_output() {
    let t = TestDir::new();
    let usable = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!(
            "skipping: strace is not installed or may not trace here \
             (apt-get install strace)"
        );
        return;
    }
    write_posts(&t, "small", 5, "radis");
    write_posts(&t, "other", 8, "courge");
    analyze_ok(&t, "other", "ref");
    let want = read_whole(&t.path().join("ref")).unwrap();
    let out = t.path().join("out");
    for (syscall, when, errno, says) in [
        ("write", 1, "EIO", "Input/output error"),
        ("write", 5, "EIO", "Input/output error"),
        ("write", 10, "ENOSPC", "No space left"),
        ("syncfs", 1, "EIO", "Input/output error"),
        ("renameat2", 1, "EIO", "Input/output error"),
    ] {
        let _ = fs::remove_dir_all(&out);
        analyze_ok(&t, "small", "out");
        let before = snapshot(&out);
        let (o, log) = analyze_injected(&t, syscall, when, errno);
        let err = stderr(&o);
        let what = format!("{syscall} #{when} → {errno}");
        assert!(log.contains("INJECTED"), "{what}: never called: {log}");
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(err.contains(says), "{what}: {err}");
        assert!(err.contains("out is unchanged"), "{what}: {err}");
        assert!(snapshot(&out) == before, "{what}: the output changed");
        assert!(staging_beside(&out).is_empty(), "{what}: staging left");
    }
    // The parent folder's sync after the swap: the new output stays, and
    // the user is told its rename may not survive a power cut.
    let (o, log) = analyze_injected(&t, "fsync", 1, "EIO");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(log.contains("INJECTED"), "{log}");
    assert!(stderr(&o).contains("could not be synced"), "{}", stderr(&o));
    assert_eq!(read_whole(&out).unwrap().ids, want.ids);
    let (o, log) = analyze_injected(&t, "renameat2", 1, "EINVAL");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(log.contains("INJECTED"), "{log}");
    let renames = log.lines().filter(|l| l.contains(" rename(")).count();
    assert_eq!(renames, 2, "not the portable swap: {log}");
    assert_eq!(read_whole(&out).unwrap().ids, want.ids);
    assert!(
        staging_beside(&out).is_empty(),
        "{:?}",
        staging_beside(&out)
    );
}
