//! The cache of incremental runs (issue 16): a rerun into the same
//! output folder takes unchanged files from `OUT/.billet/cache` and
//! writes, byte for byte, what a run without cache writes; edited, added
//! and removed posts are seen; `--no-cache`, a damaged cache and a cache
//! of other stopwords are not used (the last two with a warning).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use billet::{AnalyzeOptions, Progress, Silent, Summary};

/// A [`Progress`] that keeps the messages for the user.
#[derive(Default)]
struct Messages(Mutex<Vec<String>>);

impl Progress for Messages {
    fn message(&self, text: &str) {
        self.0.lock().unwrap().push(text.to_string());
    }
}

/// The bundled corpus (20 posts of several formats) copied to `dir`.
fn copy_corpus(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = dir.join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

fn options(input: &Path, out: &Path) -> AnalyzeOptions {
    AnalyzeOptions {
        jobs: 2,
        ..AnalyzeOptions::new(vec![input.to_path_buf()], out)
    }
}

/// Every output file of `out` but the cache, with `corpus.json`'s
/// timings taken out: (relative path, bytes).
fn outputs(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(out).unwrap().to_path_buf();
        if !entry.file_type().is_file() || rel.starts_with(".billet") {
            continue;
        }
        let mut bytes = fs::read(entry.path()).unwrap();
        if rel == Path::new("corpus.json") {
            let mut v: serde_json::Value =
                serde_json::from_slice(&bytes).unwrap();
            let o = v.as_object_mut().unwrap();
            for k in ["elapsed_seconds", "mb_per_s", "steps"] {
                o.remove(k);
            }
            bytes = serde_json::to_vec_pretty(&v).unwrap();
        }
        files.push((rel, bytes));
    }
    files
}

fn assert_same(a: &Path, b: &Path) {
    let (a, b) = (outputs(a), outputs(b));
    let names = |x: &[(PathBuf, Vec<u8>)]| {
        x.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs", path.display());
    }
}

fn analyze(options: &AnalyzeOptions, progress: &dyn Progress) -> Summary {
    billet::analyze(options, progress).expect("the run succeeds")
}

#[test]
fn a_rerun_takes_unchanged_posts_from_the_cache_and_writes_the_same() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    let first = analyze(&options(&input, &out), &Silent);
    assert_eq!(first.from_cache, 0);
    assert!(billet::cache_path(&out).is_file());

    let again = analyze(&options(&input, &out), &Silent);
    assert_eq!(again.articles, first.articles);
    assert_eq!(again.from_cache, first.articles, "every post unchanged");
    let fresh = t.path().join("fresh");
    analyze(&options(&input, &fresh), &Silent);
    assert_same(&out, &fresh);

    // One post edited, one added, one removed.
    let posts: Vec<PathBuf> = walkdir::WalkDir::new(&input)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    assert!(posts.len() >= 3, "the bundled corpus has posts");
    let mut edited = fs::read_to_string(&posts[0]).unwrap();
    edited.push_str(
        "\n\nUn paragraphe neuf sur la vélonomie des compostières.\n",
    );
    fs::write(&posts[0], edited).unwrap();
    fs::write(
        input.join("nouveau.txt"),
        "Un billet nouveau\n\nIl parle de compost, de vélo et de jardin.\n",
    )
    .unwrap();
    fs::remove_file(&posts[1]).unwrap();

    let rerun = analyze(&options(&input, &out), &Silent);
    // Two posts are new to the cache; the removed one is gone.
    assert_eq!(rerun.articles, first.articles);
    assert!(
        rerun.from_cache >= 1 && rerun.from_cache <= first.articles - 2,
        "{} from the cache",
        rerun.from_cache
    );
    let fresh = fresh_run(&input, &out, "fresh2");
    // The removed post's file left with the old output (issue 15):
    // every file is the fresh run's, byte for byte.
    assert_same(&out, &fresh);
    // The cache went in with the output: one file, no leftovers.
    let cache_dir = billet::cache_path(&out).parent().unwrap().to_path_buf();
    assert_eq!(fs::read_dir(&cache_dir).unwrap().count(), 1);
}

/// A WordPress export holds several posts in one file, larger than its
/// record in the cache (here than the whole cache), and may hold more
/// other items (pages, attachments) than the cache has bytes: a rerun
/// takes every one of its posts from the cache, whether it reads the
/// export again (its time stamps too recent to trust) or not.
#[test]
fn a_rerun_takes_every_post_of_a_wordpress_export_from_the_cache() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    fs::create_dir(&input).unwrap();
    let export =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wordpress");
    for entry in fs::read_dir(&export).unwrap() {
        let from = entry.unwrap().path();
        fs::copy(&from, input.join(from.file_name().unwrap())).unwrap();
    }
    let xml_path = input.join("potager-butte.xml");
    let pages = "<item><wp:post_type>page</wp:post_type></item>\n";
    let xml = fs::read_to_string(&xml_path)
        .unwrap()
        .replace("</channel>", &format!("{}</channel>", pages.repeat(10_000)));
    fs::write(&xml_path, xml).unwrap();
    let first = analyze(&options(&input, &out), &Silent);
    assert_eq!(first.articles, 4, "3 posts in the export, 1 beside it");
    let cache = fs::metadata(billet::cache_path(&out)).unwrap().len();
    assert!(
        cache < 10_000,
        "more pages than the cache ({cache} B) has bytes"
    );
    for settled in [false, true] {
        if settled {
            settle();
        }
        let rerun = analyze(&options(&input, &out), &Silent);
        assert_eq!(rerun.from_cache, 4, "settled: {settled}");
    }
    assert_same(&out, &fresh_run(&input, &out, "fresh"));
}

/// How many stems the cache of `out` lists.
fn cached_stems(out: &Path) -> u64 {
    cached_tables(out).0
}

/// How many stems and forms the cache of `out` lists (its layout:
/// magic, header string, the stem table, then the form table; each a
/// length and that many strings; lengths as varints).
fn cached_tables(out: &Path) -> (u64, u64) {
    fn varint(bytes: &[u8], at: &mut usize) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = bytes[*at];
            *at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
        }
        n
    }
    let bytes = fs::read(billet::cache_path(out)).unwrap();
    let mut at = 16;
    let header = varint(&bytes, &mut at);
    at += header as usize;
    let stems = varint(&bytes, &mut at);
    for _ in 0..stems {
        let len = varint(&bytes, &mut at);
        at += len as usize;
    }
    (stems, varint(&bytes, &mut at))
}

/// The run's vocabulary starts as the cache's: stems that only a post
/// now gone used must not stay in it (they would shift the stable ids),
/// and a post's new words must sort among the cached ones.
#[test]
fn words_of_an_added_then_removed_post_come_and_go() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    let before = cached_stems(&out);
    // Words no other post uses, sorting first, among and after the
    // corpus's stems.
    fs::write(
        input.join("mots-rares.txt"),
        "Aaaabrouti et kwyjibos\n\nLes aaaabroutis du zzyzxophone, \
         un kwyjibo rare et mmmnoptuel.\n",
    )
    .unwrap();
    let added = analyze(&options(&input, &out), &Silent);
    assert!(added.from_cache > 0);
    assert!(cached_stems(&out) > before);
    assert_same(&out, &fresh_run(&input, &out, "fresh-added"));

    fs::remove_file(input.join("mots-rares.txt")).unwrap();
    let removed = analyze(&options(&input, &out), &Silent);
    assert_eq!(removed.from_cache, removed.articles, "all cached again");
    assert_eq!(cached_stems(&out), before, "its stems left");
    assert_same(&out, &fresh_run(&input, &out, "fresh-removed"));
}

/// The forms (spellings) of a removed post stay in the cache while the
/// forms no post uses are at most a quarter of its forms, so that the
/// cached articles keep their form ids; past that they are left out.
/// The output is a run's without cache either way.
#[test]
fn forms_no_post_uses_stay_while_few() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    let rare = input.join("mots-rares.txt");
    fs::write(
        &rare,
        "Zorglubéens\n\nLes zorglubéens du xylophonaire, \
         des kwyjibos zinzolins.\n",
    )
    .unwrap();
    analyze(&options(&input, &out), &Silent);
    let (stems, forms) = cached_tables(&out);

    fs::remove_file(&rare).unwrap();
    let removed = analyze(&options(&input, &out), &Silent);
    assert_eq!(removed.from_cache, removed.articles, "all cached again");
    assert!(cached_stems(&out) < stems, "its stems left");
    assert_eq!(cached_tables(&out).1, forms, "its forms stayed");
    assert_same(&out, &fresh_run(&input, &out, "fresh-removed"));

    // All posts but one gone: most forms are unused, and left out.
    for post in &posts(&input)[1..] {
        fs::remove_file(post).unwrap();
    }
    analyze(&options(&input, &out), &Silent);
    assert!(cached_tables(&out).1 < forms / 2, "unused forms left out");
    assert_same(&out, &fresh_run(&input, &out, "fresh-one"));
}

/// A cached post whose line turns into boilerplate (two posts added
/// with it) is analysed again without that line: the words only that
/// line had leave the vocabulary, as in a run without cache.
#[test]
fn words_of_a_line_turned_boilerplate_leave_the_vocabulary() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    let line = "Signé Zorglubissime, le rédacteur.";
    let post = |title: &str| {
        format!(
            "{title}\n\nUn billet sur le jardin et le compost.\n\n{line}\n"
        )
    };
    fs::write(input.join("a.txt"), post("Premier billet")).unwrap();
    let first = analyze(&options(&input, &out), &Silent);
    fs::write(input.join("b.txt"), post("Deuxième billet")).unwrap();
    fs::write(input.join("c.txt"), post("Troisième billet")).unwrap();
    let rerun = analyze(&options(&input, &out), &Silent);
    assert!(
        rerun.from_cache < first.articles,
        "a.txt is analysed again ({} from the cache)",
        rerun.from_cache
    );
    let fresh = fresh_run(&input, &out, "fresh");
    assert_same(&out, &fresh);
    assert_eq!(cached_stems(&out), cached_stems(&fresh));
}

#[test]
fn no_cache_does_not_read_the_cache() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    let mut o = options(&input, &out);
    o.use_cache = false;
    assert_eq!(analyze(&o, &Silent).from_cache, 0);
    // A new cache was written all the same.
    assert!(analyze(&options(&input, &out), &Silent).from_cache > 0);
}

#[test]
fn a_damaged_cache_is_ignored_with_a_warning() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    let reference = t.path().join("reference");
    fs::rename(&out, &reference).unwrap();
    let cache = billet::cache_path(&reference);
    let good = fs::read(&cache).unwrap();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("cut", good[..good.len() / 2].to_vec()),
        ("one byte flipped", {
            let mut b = good.clone();
            let i = b.len() * 2 / 3;
            b[i] ^= 0x20;
            b
        }),
        ("empty", Vec::new()),
        ("not ours", b"{\"hello\": 1}\n".to_vec()),
    ];
    for (what, bytes) in damages {
        let out = t.path().join(format!("out-{}", what.replace(' ', "-")));
        fs::create_dir_all(billet::cache_path(&out).parent().unwrap())
            .unwrap();
        fs::write(billet::cache_path(&out), &bytes).unwrap();
        let messages = Messages::default();
        let summary = analyze(&options(&input, &out), &messages);
        assert_eq!(summary.from_cache, 0, "{what}");
        let messages = messages.0.into_inner().unwrap();
        assert!(
            messages.iter().any(|m| m.contains("cache ignored")),
            "{what}: {messages:?}"
        );
        assert_same(&out, &reference);
        // The damaged cache was replaced by a good one.
        let messages = Messages::default();
        assert!(analyze(&options(&input, &out), &messages).from_cache > 0);
        assert!(messages.0.into_inner().unwrap().is_empty(), "{what}");
    }
}

#[test]
fn a_cache_of_other_stopwords_is_not_used() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    let other = options(&input, &out).with_stopwords("le\nla\nles\nde\n");
    let messages = Messages::default();
    assert_eq!(analyze(&other, &messages).from_cache, 0);
    let messages = messages.0.into_inner().unwrap();
    assert!(
        messages.iter().any(|m| m.contains("other stopwords")),
        "{messages:?}"
    );
}

/// The posts (`.md`, `.txt`) under `input`, sorted.
fn posts(input: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect()
}

/// A `--no-cache` run on `input` into the new folder `name` beside
/// `out`, which it returns.
fn fresh_run(input: &Path, out: &Path, name: &str) -> PathBuf {
    let fresh = out.with_file_name(name);
    let mut no_cache = options(input, &fresh);
    no_cache.use_cache = false;
    assert_eq!(analyze(&no_cache, &Silent).from_cache, 0);
    fresh
}

/// Lets the time stamps of files just written grow old enough for a
/// run to trust them (src/run/stamp.rs, `Stamp::settled`: 50 ms for times with
/// nanoseconds; on a file system of whole seconds they stay untrusted
/// and the tests below check the read path instead).
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(120));
}

/// Rewrites `post` with the same number of bytes, a few of its body's
/// letters changed, and gives it back its time of last write, as
/// `touch -r` would: only its ctime (which no program can set) tells.
fn edit_keeping_size_and_mtime(post: &Path) {
    let meta = fs::metadata(post).unwrap();
    let mut bytes = fs::read(post).unwrap();
    let mut changed = 0;
    for b in bytes.iter_mut().rev() {
        if *b == b'e' {
            *b = b'a';
            changed += 1;
            if changed == 5 {
                break;
            }
        }
    }
    assert_eq!(changed, 5, "{} has five e's", post.display());
    fs::write(post, &bytes).unwrap();
    let file = fs::File::options().write(true).open(post).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
    drop(file);
    let now = fs::metadata(post).unwrap();
    assert_eq!(now.len(), meta.len());
    assert_eq!(now.modified().unwrap(), meta.modified().unwrap());
}

/// A rerun takes a post it does not read only on its metadata: size and
/// mtime alone would miss an edit that keeps them.
#[test]
fn an_edit_keeping_size_and_mtime_is_seen() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    settle();
    analyze(&options(&input, &out), &Silent);
    let before = outputs(&out);
    settle();
    edit_keeping_size_and_mtime(&posts(&input)[0]);
    let rerun = analyze(&options(&input, &out), &Silent);
    assert!(rerun.from_cache < rerun.articles, "the edited post is new");
    assert!(outputs(&out) != before, "the edit shows in the output");
    let fresh = fresh_run(&input, &out, "fresh");
    assert_same(&out, &fresh);
}

/// Files written just before a run (their time stamps within a tick of
/// its start) and edited right after it, size and mtime kept: read
/// again by the next run.
#[test]
fn a_post_edited_right_after_the_run_that_read_it_is_seen() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    edit_keeping_size_and_mtime(&posts(&input)[1]);
    analyze(&options(&input, &out), &Silent);
    let fresh = fresh_run(&input, &out, "fresh");
    assert_same(&out, &fresh);
    // And once more, nothing changed: every post from the cache.
    let again = analyze(&options(&input, &out), &Silent);
    assert_eq!(again.from_cache, again.articles);
    assert_same(&out, &fresh);
}

/// The cache is keyed by path: a post renamed, copied, or two posts
/// trading names (each path now on the other's inode) are seen.
#[test]
fn renamed_copied_and_swapped_posts_are_seen() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    settle();
    analyze(&options(&input, &out), &Silent);
    let posts = posts(&input);
    let with_name = |p: &Path, name: &str| {
        p.with_file_name(format!(
            "{name}.{}",
            p.extension().unwrap().to_str().unwrap()
        ))
    };
    fs::rename(&posts[0], with_name(&posts[0], "renomme")).unwrap();
    fs::copy(&posts[1], with_name(&posts[1], "copie")).unwrap();
    let (a, b) = posts[2..]
        .iter()
        .enumerate()
        .find_map(|(i, a)| {
            let b = posts[2 + i + 1..]
                .iter()
                .find(|b| b.extension() == a.extension())?;
            Some((a, b))
        })
        .expect("two posts of the same kind");
    let aside = t.path().join("aside");
    fs::rename(a, &aside).unwrap();
    fs::rename(b, a).unwrap();
    fs::rename(&aside, b).unwrap();
    settle();
    analyze(&options(&input, &out), &Silent);
    let fresh = fresh_run(&input, &out, "fresh");
    assert_same(&out, &fresh);
}

/// The cache file's name carries its format: an older billet's is not
/// read, and said so, and goes with the old output.
#[test]
fn a_cache_of_an_older_format_is_ignored_with_a_warning() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    copy_corpus(&input);
    analyze(&options(&input, &out), &Silent);
    let cache = billet::cache_path(&out);
    fs::rename(&cache, cache.with_file_name("articles.v2")).unwrap();
    let messages = Messages::default();
    assert_eq!(analyze(&options(&input, &out), &messages).from_cache, 0);
    let messages = messages.0.into_inner().unwrap();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("cache ignored") && m.contains("older")),
        "{messages:?}"
    );
    let dir = cache.parent().unwrap();
    assert_eq!(fs::read_dir(dir).unwrap().count(), 1, "the new one only");
    assert!(analyze(&options(&input, &out), &Silent).from_cache > 0);
}

/// The cache's records are made a window of files at a time on every
/// worker: with more files than a window, each still comes back once.
#[test]
fn a_rerun_of_more_files_than_a_window_takes_each_from_the_cache() {
    let t = tempfile::tempdir().unwrap();
    let (input, out) = (t.path().join("in"), t.path().join("out"));
    fs::create_dir(&input).unwrap();
    let words = ["jardin", "vélo", "potager", "lecture", "cuisine", "marche"];
    for i in 0..700 {
        let text = format!(
            "---\ntitle: \"Billet {i}\"\n---\n\nLe {} et le {} du jour {i}, \
             avec le {} du voisin.\n",
            words[i % 6],
            words[i / 6 % 6],
            words[i / 36 % 6]
        );
        fs::write(input.join(format!("p{i:03}.md")), text).unwrap();
    }
    let first = analyze(&options(&input, &out), &Silent);
    assert_eq!(first.articles, 700);
    settle();
    let again = analyze(&options(&input, &out), &Silent);
    assert_eq!(again.from_cache, 700, "every post from the cache");
    let fresh = fresh_run(&input, &out, "fresh");
    assert_same(&out, &fresh);
}
