//! Robustness (issue 5): encodings, files that are not posts, hostile
//! content, hostile file systems, and a run killed with SIGKILL. Every
//! test runs the `billet` binary on a folder it writes itself.
//!
//! The slow ones are `#[ignore]`d; run them in release:
//! `cargo test --release --test robustness -- --ignored`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value;

mod common;
use common::{TestDir, stderr};

/// Runs `billet analyze <input> --out <out>` and checks it succeeded.
fn analyze_ok(t: &TestDir, input: &str, out: &str) -> Output {
    let o = t.billet(&["analyze", input, "--out", out, "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{input}: {}", stderr(&o));
    o
}

fn sources(errors: &[Value]) -> Vec<&str> {
    errors
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

const POST: &str = "L’été au jardin partagé\n\n\
L’été, le jardin partagé déborde de tomates. Qu’est-ce qu’on en fait ? \
Les voisins cueillent, l’équipe arrose, et le jardin partagé nourrit \
tout le quartier. Cœur de l’été : la récolte des haricots.\n\n\
Par Julie Roy\n";

/// What must not change when only the encoding does.
fn essentials(a: &Value) -> Value {
    serde_json::json!({
        "title": a["title"],
        "author": a["author"],
        "stats": a["stats"],
        "key_terms": a["key_terms"],
        "key_phrases": a["key_phrases"],
        "questions": a["questions"],
    })
}

fn utf16(s: &str, bom: bool, little: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for u in s.encode_utf16() {
        out.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

/// The same post in every encoding a French blog has been saved in
/// gives the same article as its UTF-8 original.
#[test]
fn every_encoding_gives_the_same_article() {
    let t = TestDir::new();
    let latin = POST.replace('’', "'");
    let variants: Vec<(&str, &str, Vec<u8>)> = vec![
        ("utf8", POST, POST.as_bytes().to_vec()),
        (
            "utf8-bom-crlf",
            POST,
            [b"\xEF\xBB\xBF", POST.replace('\n', "\r\n").as_bytes()].concat(),
        ),
        ("utf16le-bom", POST, utf16(POST, true, true)),
        ("utf16be-bom", POST, utf16(POST, true, false)),
        ("utf16le", POST, utf16(POST, false, true)),
        (
            "cp1252",
            POST,
            encoding_rs::WINDOWS_1252.encode(POST).0.into_owned(),
        ),
        ("latin-utf8", &latin, latin.as_bytes().to_vec()),
        (
            "latin9",
            &latin,
            encoding_rs::ISO_8859_15.encode(&latin).0.into_owned(),
        ),
    ];
    let mut reference: Option<(&str, Value)> = None;
    for (name, original, bytes) in &variants {
        t.write(format!("{name}/post.txt"), bytes);
        let out_dir = format!("out-{name}");
        let o = analyze_ok(&t, name, &out_dir);
        let legacy = !name.starts_with("utf8")
            && !name.ends_with("bom")
            && *name != "latin-utf8";
        assert_eq!(
            stderr(&o).contains("decoded as"),
            legacy,
            "{name}: a guessed encoding is said: {}",
            stderr(&o)
        );
        let a = essentials(&t.json(&format!("{out_dir}/articles/post.json")));
        assert_ne!(a["key_terms"], serde_json::json!([]), "{name}");
        match &reference {
            Some((orig, r)) if orig == original => {
                assert_eq!(&a, r, "{name} differs from its UTF-8 original")
            }
            _ => reference = Some((original, a)),
        }
    }
}

/// A UTF-8 post with a few bad bytes is analysed as UTF-8 (U+FFFD for
/// the bad bytes) with a warning, not dropped or read as Windows-1252.
#[test]
fn a_few_invalid_bytes_are_replaced_with_a_warning() {
    let t = TestDir::new();
    let mut bytes = POST.as_bytes().to_vec();
    bytes.extend(b"Un octet perdu \x92 dans le jardin partag\xC3.\n");
    t.write("posts/post.txt", &bytes);
    let o = analyze_ok(&t, "posts", "out");
    let err = stderr(&o);
    assert!(
        err.contains("post.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
    let a = t.json("out/articles/post.json");
    assert_eq!(a["title"], "L’été au jardin partagé");
    let terms = a["key_terms"].to_string();
    assert!(terms.contains("jardin"), "{terms}");
    assert!(!terms.contains('Ã'), "no mojibake: {terms}");
}

/// Files that are not posts are per-file errors; UTF-16 (which is full
/// of NUL bytes) is not mistaken for one.
#[test]
fn binary_and_empty_files_are_clear_errors() {
    let t = TestDir::new();
    t.write("posts/good.txt", POST);
    t.write("posts/utf16.txt", utf16(POST, false, true));
    t.write("posts/nul.txt", b"Un titre\n\nDu texte\x00\x00\x01 binaire");
    t.write(
        "posts/controls.md",
        b"\x1B[1m\x01\x02\x03\x04\x05\x06\x07\x08ab",
    );
    t.write("posts/empty.md", b"");
    t.write("posts/blank.txt", "  \n\t\n\u{A0}\n");
    t.write("posts/bom-only.txt", b"\xEF\xBB\xBF");
    let o = t.billet(&["analyze", "posts", "--out", "out", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = t.jsonl("out/errors.jsonl");
    assert_eq!(
        sources(&errors),
        [
            "blank.txt",
            "bom-only.txt",
            "controls.md",
            "empty.md",
            "nul.txt"
        ]
    );
    for e in &errors {
        let (source, msg) =
            (e["source"].as_str().unwrap(), e["error"].as_str().unwrap());
        let expected = if source.starts_with('n') || source.starts_with('c') {
            "binary"
        } else {
            "empty"
        };
        assert!(msg.contains(expected), "{source}: {msg}");
    }
    let ids: Vec<Value> = t
        .jsonl("out/articles.jsonl")
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(ids, ["good", "utf16"]);
}

/// One word of 1 MB: analysed, in bounded time.
#[test]
fn a_one_megabyte_word() {
    let t = TestDir::new();
    let word = "é".repeat(1 << 19);
    t.write("posts/mot.txt", format!("Un mot\n\nVoici {word}.\n"));
    t.write("posts/sans-espace.txt", "x".repeat(1 << 20));
    analyze_ok(&t, "posts", "out");
    let a = t.json("out/articles/mot.json");
    assert_eq!(a["title"], "Un mot");
    // "Un mot", "Voici", the word; only "mot" is a term (a word of more
    // than 40 letters is no word).
    assert_eq!(
        a["stats"],
        serde_json::json!({
            "chars": 6 + 6 + (1 << 19) + 1,
            "words": 4,
            "sentences": 2,
            "distinct_stems": 1,
            "reading_minutes": 0.0,
        })
    );
    assert_eq!(a["key_terms"][0]["term"], "mot");
    // One line without a space: it is the title, one word, one
    // sentence, no term.
    let s = t.json("out/articles/sans-espace.json");
    assert_eq!(s["title"].as_str().map(str::len), Some(1 << 20));
    assert_eq!(
        s["stats"],
        serde_json::json!({
            "chars": 1 << 20,
            "words": 1,
            "sentences": 1,
            "distinct_stems": 0,
            "reading_minutes": 0.0,
        })
    );
    assert_eq!(s["key_terms"], serde_json::json!([]));
    assert_eq!(s["key_phrases"], serde_json::json!([]));
    let ids: Vec<Value> = t
        .jsonl("out/articles.jsonl")
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(ids, ["mot", "sans-espace"]);
}

/// 10 000 empty lines around a little text, and a file of nothing but
/// empty lines.
#[test]
fn ten_thousand_empty_lines() {
    let t = TestDir::new();
    let blank = "\n".repeat(10_000);
    t.write(
        "posts/aere.txt",
        format!(
            "{blank}Un titre aéré{blank}Une phrase.{blank}Une autre.{blank}"
        ),
    );
    t.write("posts/crlf.md", "\r\n".repeat(10_000));
    t.write("posts/vide.txt", &blank);
    let o = t.billet(&["analyze", "posts", "--out", "out", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        sources(&t.jsonl("out/errors.jsonl")),
        ["crlf.md", "vide.txt"]
    );
    let a = t.json("out/articles/aere.json");
    assert_eq!(a["title"], "Un titre aéré");
    assert_eq!(a["stats"]["sentences"], 3);
}

/// A post 200 folders deep: found, and its id stays within 200 bytes.
#[test]
fn two_hundred_nested_folders() {
    let t = TestDir::new();
    let deep: PathBuf = (0..200).map(|i| format!("d{}", i % 10)).collect();
    t.write(Path::new("posts").join(&deep).join("fond.txt"), POST);
    t.write("posts/surface.txt", POST);
    analyze_ok(&t, "posts", "out");
    let articles = t.jsonl("out/articles.jsonl");
    assert_eq!(articles.len(), 2);
    let a = articles
        .iter()
        .find(|a| a["source"].as_str().unwrap().ends_with("/fond.txt"))
        .expect("the deep post is analysed");
    assert_eq!(a["source"].as_str().unwrap().matches('/').count(), 200);
    let id = a["id"].as_str().unwrap();
    assert!(id.len() <= 200 && id.starts_with("d0-d1-d2"), "{id}");
    t.json(&format!("out/articles/{id}.json"));
}

/// File and folder names that are not UTF-8 (Linux allows any bytes
/// but `/` and NUL): read, with a lossy `source` and a clean id.
#[cfg(target_os = "linux")]
#[test]
fn file_names_that_are_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let t = TestDir::new();
    let folder = Path::new("posts").join(OsStr::from_bytes(b"r\xE9sum\xE9s"));
    t.write(folder.join(OsStr::from_bytes(b"caf\xE9.txt")), POST);
    t.write(folder.join(OsStr::from_bytes(b"caf\xE8.txt")), POST);
    t.write(folder.join(OsStr::from_bytes(b"\xFF\xFE.md")), POST);
    analyze_ok(&t, "posts", "out");
    let articles = t.jsonl("out/articles.jsonl");
    assert_eq!(articles.len(), 3);
    for a in &articles {
        let id = a["id"].as_str().unwrap();
        assert!(
            id.bytes().all(|b| b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'-'
                || b == b'_'),
            "{id}"
        );
        assert!(a["source"].as_str().unwrap().contains('\u{FFFD}'));
        t.json(&format!("out/articles/{id}.json"));
    }
}

/// A hidden file or folder whose name is not UTF-8 (`.\xE9`) is hidden
/// all the same.
#[cfg(target_os = "linux")]
#[test]
fn hidden_names_that_are_not_utf8_are_skipped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let t = TestDir::new();
    t.write("posts/visible.txt", POST);
    let hidden = Path::new("posts").join(OsStr::from_bytes(b".cach\xE9"));
    t.write(hidden.join("copie.txt"), POST);
    t.write(
        Path::new("posts").join(OsStr::from_bytes(b".\xE9.txt")),
        POST,
    );
    analyze_ok(&t, "posts", "out");
    let articles = t.jsonl("out/articles.jsonl");
    let found: Vec<&str> = articles
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["visible.txt"]);
}

/// Front matter that does not parse: the body is still analysed, the
/// title comes from the body or is null, and stderr says why.
#[test]
fn broken_front_matter() {
    let t = TestDir::new();
    // A different body each: a line found in 3 posts is boilerplate.
    let body = |n: &str| {
        format!(
            "Le jardin partagé {n} nourrit le quartier. Le jardin \
             partagé {n} déborde de tomates.\n"
        )
    };
    t.write(
        "posts/yaml.md",
        format!("---\ntitle: [pas fermé\ndate: : :\n---\n\n{}", body("un")),
    );
    t.write(
        "posts/toml.md",
        format!(
            "+++\ntitle = \"pas fermé\ntags = [\n+++\n\n# Le titre\n\n{}",
            body("deux")
        ),
    );
    t.write(
        "posts/unclosed.md",
        format!("---\ntitle: Jamais fermé\n\n{}", body("trois")),
    );
    t.write(
        "posts/not-a-map.md",
        format!("---\n- a\n- b\n---\n\n{}", body("quatre")),
    );
    let o = analyze_ok(&t, "posts", "out");
    let err = stderr(&o);
    for name in ["yaml.md", "toml.md", "not-a-map.md"] {
        assert!(
            err.lines()
                .any(|l| l.contains(name) && l.contains("front matter")),
            "{name}: {err}"
        );
    }
    for id in ["yaml", "toml", "unclosed", "not-a-map"] {
        let a = t.json(&format!("out/articles/{id}.json"));
        let terms = a["key_terms"].to_string();
        assert!(terms.contains("jardin"), "{id}: {terms}");
        let title = &a["title"];
        assert!(
            title.is_null() || !title.as_str().unwrap().contains("fermé"),
            "{id}: {title}"
        );
    }
    assert_eq!(t.json("out/articles/toml.json")["title"], "Le titre");
}

/// A front-matter slug or id never writes outside `--out`.
#[test]
fn slug_cannot_escape_the_output_folder() {
    let t = TestDir::new();
    let hostile = [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "nested/../../../x",
        "C:\\\\Windows\\\\win.ini",
    ];
    for (i, slug) in hostile.iter().enumerate() {
        t.write(
            format!("posts/p{i}.md"),
            format!("---\nslug: \"{slug}\"\n---\n\n{POST}"),
        );
    }
    t.write(
        "posts/id.md",
        format!("---\nid: ../../../id\n---\n\n{POST}"),
    );
    analyze_ok(&t, "posts/", "out");
    // Only the inputs and the output folder exist in the test folder.
    let mut top: Vec<String> = fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(top, ["out", "posts"]);
    let mut written: Vec<String> = fs::read_dir(t.path().join("out/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written.len(), hostile.len() + 1, "{written:?}");
    for name in &written {
        let id = name.strip_suffix(".json").expect("a .json file");
        assert!(
            !id.is_empty()
                && !id.starts_with('-')
                && id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'_'),
            "{name}"
        );
    }
    assert!(
        written.contains(&"etc-passwd.json".to_string()),
        "{written:?}"
    );
}

/// `--out` naming an existing file: exit 2, and the file is untouched.
#[test]
fn out_that_is_a_file_exits_2() {
    let t = TestDir::new();
    t.write("posts/post.txt", POST);
    t.write("out", "précieux");
    let o = t.billet(&["analyze", "posts", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("out"), "{}", stderr(&o));
    assert_eq!(t.read("out"), "précieux");
    // A file on the way to --out is a usage error too.
    let o = t.billet(&["analyze", "posts", "--out", "out/sub"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// A FIFO named like a post is never opened (opening one blocks until a
/// writer comes): the run finishes and reports it.
#[cfg(unix)]
#[test]
fn a_fifo_named_post_txt_does_not_hang() {
    let t = TestDir::new();
    t.write("posts/good.txt", POST);
    let made = Command::new("mkfifo")
        .arg(t.path().join("posts/post.txt"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipping: mkfifo is not available");
        return;
    }
    // Also given directly on the command line.
    let o = t.billet(&["analyze", "posts", "posts/post.txt", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = t.jsonl("out/errors.jsonl");
    assert_eq!(sources(&errors), ["post.txt", "post.txt"]);
    assert!(
        errors[0]["error"]
            .as_str()
            .unwrap()
            .contains("not a regular")
    );
    assert_eq!(t.jsonl("out/articles.jsonl").len(), 1);
}

/// Symlink loops (to a parent folder, to itself) and dangling links:
/// every real post analysed once, no hang.
#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let t = TestDir::new();
    t.write("posts/a/post.txt", POST);
    symlink("..", t.path().join("posts/a/parent")).unwrap();
    symlink(t.path().join("posts"), t.path().join("posts/a/root")).unwrap();
    symlink("self.txt", t.path().join("posts/self.txt")).unwrap();
    symlink("missing.txt", t.path().join("posts/dangling.txt")).unwrap();
    // A broken link billet would not read anyway is skipped, not an error.
    symlink("../en/meta.yaml", t.path().join("posts/meta.yaml")).unwrap();
    let o = t.billet(&["analyze", "posts", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines().any(|l| l.contains("dangling.txt")
            && l.contains("broken symbolic link to missing.txt")),
        "{err}"
    );
    assert!(!err.contains("meta.yaml"), "{err}");
    assert!(err.contains("1 ignored"), "{err}");
    let articles = t.jsonl("out/articles.jsonl");
    let found: Vec<&str> = articles
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["a/post.txt"]);
    let errors = t.jsonl("out/errors.jsonl");
    let err_sources = sources(&errors);
    for expected in ["a/parent", "a/root", "dangling.txt", "self.txt"] {
        assert!(err_sources.contains(&expected), "{expected}: {errors:?}");
    }
}

/// A file that cannot be read is a per-file error: reported on stderr
/// and in errors.jsonl, exit 1, the rest written. Root reads a chmod 000
/// file anyway, so as root (CI) billet runs as `nobody` (uid 65534),
/// who may go through the test folder and write in it but not read the
/// locked file.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_per_file_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let t = TestDir::new();
    t.write("posts/good.txt", POST);
    let locked = t.write("posts/locked.txt", POST);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let args = ["analyze", "posts", "--out", "out", "--quiet"];
    let mut cmd = t.command(&args);
    if is_root() {
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o777))
            .unwrap();
        cmd.uid(65534).gid(65534);
    }
    let o = common::output_within_hang(cmd, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines().any(|l| l.starts_with("billet: ")
            && l.contains("locked.txt")
            && l.contains("cannot read")
            && l.contains("ermission denied")),
        "{err}"
    );
    let errors = t.jsonl("out/errors.jsonl");
    assert_eq!(sources(&errors), ["locked.txt"]);
    let msg = errors[0]["error"].as_str().unwrap();
    assert!(msg.contains("cannot read"), "{msg}");
    let ids: Vec<Value> = t
        .jsonl("out/articles.jsonl")
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    assert_eq!(ids, ["good"]);
    assert_eq!(
        t.json("out/corpus.json")["failed"],
        serde_json::json!(["locked.txt"])
    );
}

/// A 50 MB post on one line. About 10 s in a debug build (2 s in
/// release):
/// `cargo test --release --test robustness -- --ignored fifty`.
#[test]
#[ignore = "~10 s in debug builds: run with --release -- --ignored"]
fn a_fifty_megabyte_line() {
    let t = TestDir::new();
    let sentence = "Le jardin partagé déborde de tomates, et l’équipe \
                    arrose chaque soir ; ";
    let mut line = String::with_capacity(50 << 20);
    line.push_str("Un titre\n\n");
    while line.len() < 50 << 20 {
        line.push_str(sentence);
    }
    t.write("posts/ligne.txt", &line);
    drop(line);
    let started = Instant::now();
    analyze_ok(&t, "posts", "out");
    eprintln!("50 MB line analysed in {:?}", started.elapsed());
    let a = t.json("out/articles/ligne.json");
    assert_eq!(
        a["key_terms"][0]["count"].as_u64().map(|n| n > 100_000),
        Some(true)
    );
}

/// Writes about `mb` megabytes of distinct posts under `dir`.
fn write_corpus(t: &TestDir, dir: &str, mb: usize) -> usize {
    let paragraph = "Le jardin partagé déborde de tomates et de courgettes. \
        Qu’est-ce qu’on en fait ? Les voisins cueillent, l’équipe arrose, \
        et chacun repart avec un panier. ";
    let mut n = 0;
    let mut total = 0;
    while total < mb << 20 {
        let mut text = format!("Billet numéro {n}, partie {}\n\n", n % 7 + 1);
        for p in 0..40 {
            text.push_str(&format!("Paragraphe {p} du billet {n}. "));
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        text.push_str("Par Julie Roy\n");
        total += text.len();
        t.write(format!("{dir}/{:02}/billet-{n}.txt", n % 50), text);
        n += 1;
    }
    n
}

/// Every file in `out` (but the `.billet-*.tmp` files and staging
/// folders of a killed run) parses: pretty JSON, or JSON Lines for the
/// `.jsonl` files. Returns how many of those were left behind.
fn check_whole_files(out: &Path) -> usize {
    let mut temps = 0;
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            let name =
                path.file_name().unwrap().to_string_lossy().into_owned();
            if name == ".billet" {
                // billet's marker and state, not an output.
                continue;
            }
            if name.starts_with(".billet-") && name.ends_with(".tmp") {
                // A temporary file, or a staging folder of article files
                // (written under their own names, renamed as a whole).
                temps += 1;
            } else if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".jsonl") {
                for (i, line) in
                    fs::read_to_string(&path).unwrap().lines().enumerate()
                {
                    serde_json::from_str::<Value>(line).unwrap_or_else(|e| {
                        panic!("{} line {}: torn: {e}", path.display(), i + 1)
                    });
                }
            } else {
                let text = fs::read_to_string(&path).unwrap();
                serde_json::from_str::<Value>(&text).unwrap_or_else(|e| {
                    panic!("{}: torn: {e}", path.display())
                });
            }
        }
    }
    temps
}

/// SIGKILL at several moments of a run leaves only whole files, and a
/// rerun gives the same bytes as a run never interrupted.
///
/// On ~30 MB of posts in release; in a debug build the corpus is 4 MB
/// so that the test stays fast (the kill delays scale with it).
#[cfg(unix)]
#[test]
fn kill_9_leaves_whole_files_and_a_rerun_is_identical() {
    let mb = if cfg!(debug_assertions) { 4 } else { 30 };
    let t = TestDir::new();
    let n = write_corpus(&t, "posts", mb);
    let started = Instant::now();
    analyze_ok(&t, "posts", "reference");
    let full = started.elapsed();
    eprintln!("{n} posts ({mb} MB) analysed in {full:?}");
    let reference = t.read("reference/articles.jsonl");
    let mut killed_while_running = 0;
    for percent in [5, 20, 40, 60, 80, 90, 95, 99] {
        let delay = full * percent / 100;
        let mut child = t
            .command(&["analyze", "posts", "--out", "out", "--quiet"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().unwrap_or(()); // SIGKILL on Unix
        child.wait().unwrap();
        check_whole_files(&t.path().join("out"));
    }
    let temps = check_whole_files(&t.path().join("out"));
    eprintln!(
        "{killed_while_running} of 8 runs killed while running; {temps} \
         temporary files left behind"
    );
    assert!(killed_while_running > 0, "every run ended before its kill");
    analyze_ok(&t, "posts", "out");
    let temps = check_whole_files(&t.path().join("out"));
    eprintln!("{temps} temporary files still there after a full rerun");
    assert!(
        t.read("out/articles.jsonl") == reference,
        "articles.jsonl after kills and a rerun differs from an \
         uninterrupted run"
    );
    for name in ["series.json", "errors.jsonl"] {
        assert_eq!(
            t.read(&format!("out/{name}")),
            t.read(&format!("reference/{name}")),
            "{name}"
        );
    }
    for a in t.jsonl("reference/articles.jsonl").iter().step_by(97) {
        let rel = format!("articles/{}.json", a["id"].as_str().unwrap());
        assert_eq!(
            t.read(&format!("out/{rel}")),
            t.read(&format!("reference/{rel}")),
            "{rel}"
        );
    }
}

/// The `.billet-*.tmp` files a killed run leaves behind are removed by
/// the next run, so they do not pile up in `--out`.
#[test]
fn stale_temporary_files_are_removed() {
    let t = TestDir::new();
    t.write("posts/post.txt", POST);
    t.write("out/.billet-AbC123.tmp", "{\"torn\": ");
    t.write("out/articles/.billet-XyZ789.tmp", "{");
    // The staging folder of article files of a run killed while writing.
    t.write("out/.billet-Stg456.tmp/post.json", "{\"to");
    analyze_ok(&t, "posts", "out");
    assert!(!t.path().join("out/.billet-AbC123.tmp").exists());
    assert!(!t.path().join("out/articles/.billet-XyZ789.tmp").exists());
    assert!(!t.path().join("out/.billet-Stg456.tmp").exists());
    t.json("out/articles/post.json");
}

/// Into a fresh `--out`, the article files appear together (a staging
/// folder renamed over `articles/`); into a used one, each file replaces
/// its namesake and anything else in `articles/` stays. Both give the
/// same bytes.
#[test]
fn a_rerun_replaces_its_own_files_and_keeps_the_others() {
    let t = TestDir::new();
    t.write("posts/post.txt", POST);
    t.write("posts/autre.txt", POST.replace("tomates", "courges"));
    analyze_ok(&t, "posts", "fresh");
    let first = t.read("fresh/articles/post.json");
    let names = |dir: &str| {
        let mut names: Vec<String> = fs::read_dir(t.path().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("fresh/articles"), ["autre.json", "post.json"]);
    assert_eq!(
        names("fresh")
            .iter()
            .filter(|n| n.ends_with(".tmp"))
            .count(),
        0
    );
    t.write("fresh/articles/notes.md", "à garder");
    t.write("fresh/articles/post.json", "{\"old\": true}\n");
    analyze_ok(&t, "posts", "fresh");
    assert_eq!(
        names("fresh/articles"),
        ["autre.json", "notes.md", "post.json"]
    );
    assert_eq!(t.read("fresh/articles/notes.md"), "à garder");
    assert_eq!(t.read("fresh/articles/post.json"), first);
}

/// Output files are for other programs (a search engine's bulk
/// loader, a web server) to read: not only their owner.
#[cfg(unix)]
#[test]
fn output_files_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new();
    t.write("posts/post.txt", POST);
    analyze_ok(&t, "posts", "out");
    for rel in [
        "out/articles.jsonl",
        "out/corpus.json",
        "out/series.json",
        "out/errors.jsonl",
        "out/articles/post.json",
        "out/articles",
    ] {
        let meta = fs::metadata(t.path().join(rel)).unwrap();
        let mode = meta.permissions().mode();
        // Folders must also be searchable to be read through.
        let want = if meta.is_dir() { 0o055 } else { 0o044 };
        assert_eq!(mode & want, want, "{rel}: mode {mode:o}");
    }
}

/// What the fuzz target (`fuzz/fuzz_targets/analyze_document.rs`) does
/// with one input: decode, parse as every format, mark sections,
/// analyse. Must not panic.
fn analyze_bytes(bytes: &[u8]) {
    use billet::source::{self, Format};
    let Ok(decoded) = source::decode(bytes.to_vec()) else {
        return;
    };
    let ctx = billet::Context::default();
    let mut scratch = billet::Scratch::default();
    for format in [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Wordpress,
    ] {
        let Some(extracted) = source::extract(&decoded.text, format) else {
            continue;
        };
        for entry in extracted.entries {
            let mut parsed = entry.parsed;
            billet::sections::mark_sections(&mut parsed);
            billet::analyze_document(&parsed, &ctx, &mut scratch);
        }
    }
}

/// Fuzzing found: an e-mail-like word after a no-break space (2 bytes
/// in UTF-8) sliced the text inside the space (`find_non_prose`
/// assumed the whitespace before the address was 1 byte). Minimised
/// input: `A0 40 2E` (Windows-1252 `NBSP@.`).
#[test]
fn fuzz_no_break_space_before_an_at_sign() {
    analyze_bytes(b"\xA0@.");
    analyze_bytes("écrivez\u{A0}julie@exemple.fr\u{202F}!".as_bytes());
    let mut out = String::new();
    billet::source::push_prose("écrivez à\u{A0}julie@exemple.fr ou", &mut out);
    assert_eq!(out, "écrivez à\u{A0} ou");
}

/// Fuzzing found: `{%}` (a Liquid tag opener whose `%` is also the
/// closer's) sliced `tail[2..1]` in `strip_template_syntax`. Minimised
/// input: `{%}`.
#[test]
fn fuzz_liquid_tag_opener_overlapping_its_closer() {
    analyze_bytes(b"{%}");
    analyze_bytes(b"Texte {%} et {{}} et {:} fin.");
}
