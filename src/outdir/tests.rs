use super::*;

const KEEP: Keep<'static> = Keep {
    owned: &["articles", "articles.jsonl", "corpus.json"],
    owned_files: &[("articles", ".json")],
    all: false,
};

fn open(path: &Path) -> Result<OutputDir, Error> {
    OutputDir::open(
        path,
        &Open {
            create: true,
            wait: Wait::No,
            keep: KEEP,
            accept: None,
        },
        &|| false,
        &mut |_| {},
    )
}

fn write_run(dir: &Path, ids: &[&str]) {
    fs::create_dir_all(dir.join("articles")).unwrap();
    for id in ids {
        fs::write(dir.join(format!("articles/{id}.json")), id).unwrap();
    }
    fs::write(dir.join("articles.jsonl"), ids.join("\n")).unwrap();
    fs::write(dir.join("corpus.json"), "{}").unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_run_replaces_the_whole_output_and_keeps_what_is_not_billets() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("sub/out");
    {
        let o = open(&out).unwrap();
        let s = o.stage().unwrap();
        write_run(s.path(), &["a", "b", "c"]);
        s.commit(&KEEP, &|| false).unwrap();
    }
    assert_eq!(names(&out.join("articles")), ["a.json", "b.json", "c.json"]);
    fs::write(out.join("notes.md"), "mine").unwrap();
    fs::write(out.join("articles/notes.txt"), "mine too").unwrap();
    fs::create_dir_all(out.join("index")).unwrap();
    fs::write(out.join("index/meta.json"), "{}").unwrap();
    fs::create_dir_all(out.join(".billet/cache")).unwrap();
    fs::write(out.join(".billet/cache/x"), "cached").unwrap();
    {
        let o = open(&out).unwrap();
        let s = o.stage().unwrap();
        write_run(s.path(), &["a"]);
        s.commit(&KEEP, &|| false).unwrap();
    }
    assert_eq!(names(&out.join("articles")), ["a.json", "notes.txt"]);
    assert_eq!(fs::read_to_string(out.join("notes.md")).unwrap(), "mine");
    assert_eq!(
        fs::read_to_string(out.join("index/meta.json")).unwrap(),
        "{}"
    );
    assert_eq!(
        fs::read_to_string(out.join(".billet/cache/x")).unwrap(),
        "cached"
    );
    assert_eq!(names(&t.path().join("sub")), ["out"], "nothing left beside");
}

#[test]
fn a_dropped_staging_leaves_the_output_as_it_was() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    {
        let o = open(&out).unwrap();
        let s = o.stage().unwrap();
        write_run(s.path(), &["a"]);
        s.commit(&KEEP, &|| false).unwrap();
    }
    {
        let o = open(&out).unwrap();
        let s = o.stage().unwrap();
        write_run(s.path(), &["b", "c"]);
        assert_eq!(names(t.path()).len(), 2, "staging beside OUT");
    }
    assert_eq!(names(t.path()), ["out"]);
    assert_eq!(names(&out.join("articles")), ["a.json"]);
}

#[test]
fn a_cancelled_commit_leaves_the_output_as_it_was() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let o = open(&out).unwrap();
    let s = o.stage().unwrap();
    write_run(s.path(), &["a"]);
    assert!(matches!(
        s.commit(&KEEP, &|| true),
        Err(Error::Cancelled(_))
    ));
    assert_eq!(names(t.path()), ["out"]);
    assert_eq!(names(&out), [MARK_DIR]);
}

#[test]
fn staging_left_by_a_killed_run_is_removed_by_the_next() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    drop(open(&out).unwrap());
    fs::create_dir_all(t.path().join(".out.billet-XyZ123/articles")).unwrap();
    mark(&t.path().join(".out.billet-XyZ123")).unwrap();
    fs::create_dir_all(t.path().join(".out.billet-empty")).unwrap();
    // Unmarked and not empty: a run killed while removing an old tree.
    fs::create_dir_all(t.path().join(".out.billet-half")).unwrap();
    fs::write(t.path().join(".out.billet-half/notes.md"), "x").unwrap();
    fs::create_dir_all(out.join(".billet/staging-index-abc")).unwrap();
    fs::write(out.join(".billet-AbC.tmp"), "{").unwrap();
    fs::create_dir_all(out.join(".index-tmp-q")).unwrap();
    fs::write(t.path().join(".other"), "").unwrap();
    drop(open(&out).unwrap());
    assert_eq!(names(t.path()), [".other", "out"]);
    assert_eq!(names(&out), [".billet"]);
    assert_eq!(names(&out.join(".billet")), [MARK_FILE]);
}

#[test]
fn a_folder_of_someone_else_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let mine = t.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("thesis.tex"), "x").unwrap();
    assert!(matches!(open(&mine), Err(Error::Foreign(_))));
    let file = t.path().join("file");
    fs::write(&file, "x").unwrap();
    assert!(matches!(open(&file), Err(Error::NotAFolder(_))));
    // An output of billet before the marker is billet's.
    let old = t.path().join("old");
    write_run(&old, &["a"]);
    open(&old).unwrap();
}

#[test]
fn a_sub_folder_is_swapped_alone() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let o = open(&out).unwrap();
    let s = o.stage().unwrap();
    write_run(s.path(), &["a"]);
    s.commit(&KEEP, &|| false).unwrap();
    for round in 0..2 {
        let s = o.stage_sub("index").unwrap();
        fs::write(s.path().join(format!("seg{round}")), "x").unwrap();
        s.commit(&Keep::default(), &|| false).unwrap();
        assert_eq!(names(&out.join("index")), [format!("seg{round}")]);
    }
    assert_eq!(names(&out.join(".billet")), [MARK_FILE]);
    assert_eq!(names(&out.join("articles")), ["a.json"]);
}

#[test]
fn the_lock_follows_the_swapped_folder() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let o = open(&out).unwrap();
    let s = o.stage().unwrap();
    s.commit(&KEEP, &|| false).unwrap();
    assert!(matches!(open(&out), Err(Error::Busy(_, _))));
    drop(o);
    open(&out).unwrap();
}

#[test]
fn state_written_by_a_run_replaces_the_old_and_is_kept_otherwise() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let dir = open(&out).unwrap();
    let s = dir.stage().unwrap();
    write_run(s.path(), &["a"]);
    fs::write(s.state_dir("cache").unwrap().join("v1"), "one").unwrap();
    s.commit(&KEEP, &|| false).unwrap();
    assert_eq!(
        fs::read_to_string(dir.state_dir("cache").join("v1")).unwrap(),
        "one"
    );
    // A run that writes its own state: the old one goes with the old tree.
    let s = dir.stage().unwrap();
    write_run(s.path(), &["a"]);
    fs::write(s.state_dir("cache").unwrap().join("v2"), "two").unwrap();
    s.commit(&KEEP, &|| false).unwrap();
    assert_eq!(names(&dir.state_dir("cache")), ["v2"]);
    // A run that writes none: the old one is carried over.
    let s = dir.stage().unwrap();
    write_run(s.path(), &["b"]);
    s.commit(&KEEP, &|| false).unwrap();
    assert_eq!(names(&dir.state_dir("cache")), ["v2"]);
}

/// The portable swap (where `RENAME_EXCHANGE` is refused), forced on
/// this thread: whole outputs and sub-folders are replaced the same, the
/// lock follows, nothing is left aside.
#[test]
fn transactions_through_the_portable_swap() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    swap::force_aside(true);
    let o = open(&out).unwrap();
    for ids in [&["a", "b"][..], &["c"]] {
        let s = o.stage().unwrap();
        write_run(s.path(), ids);
        s.commit(&KEEP, &|| false).unwrap();
        let want: Vec<String> =
            ids.iter().map(|i| format!("{i}.json")).collect();
        assert_eq!(names(&out.join("articles")), want);
        assert_eq!(names(t.path()), ["out"], "nothing left beside");
    }
    assert!(matches!(open(&out), Err(Error::Busy(_, _))));
    for round in 0..2 {
        let s = o.stage_sub("index").unwrap();
        fs::write(s.path().join(format!("seg{round}")), "x").unwrap();
        s.commit(&Keep::default(), &|| false).unwrap();
        assert_eq!(names(&out.join("index")), [format!("seg{round}")]);
        assert_eq!(names(&out.join(".billet")), [MARK_FILE]);
    }
    swap::force_aside(false);
}

/// A run killed between the two renames of the portable swap leaves
/// OUT (or OUT/index) missing and the old folder aside: the next run
/// puts it back before anything else, even one that does not create OUT.
#[test]
fn killed_between_the_portable_renames_the_old_folder_is_put_back() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    {
        let o = open(&out).unwrap();
        let s = o.stage().unwrap();
        write_run(s.path(), &["a"]);
        s.commit(&KEEP, &|| false).unwrap();
        let s = o.stage_sub("index").unwrap();
        fs::write(s.path().join("seg"), "x").unwrap();
        s.commit(&Keep::default(), &|| false).unwrap();
    }
    // The first rename of each swap, by a run (pid 4242) then killed.
    fs::rename(out.join("index"), out.join(".billet/old-index-4242")).unwrap();
    fs::rename(&out, t.path().join(".out.billet-old-4242")).unwrap();
    let how = Open {
        create: false,
        wait: Wait::No,
        keep: KEEP,
        accept: None,
    };
    let o = OutputDir::open(&out, &how, &|| false, &mut |_| {}).unwrap();
    assert_eq!(names(t.path()), ["out"]);
    assert_eq!(names(&out.join("articles")), ["a.json"]);
    assert_eq!(names(&out.join("index")), ["seg"]);
    assert_eq!(names(&out.join(".billet")), [MARK_FILE]);
    drop(o);
}

/// An aside folder still locked is a live run's between its two renames:
/// it is not taken back; the run's new output lands at OUT, which is
/// then found busy.
#[test]
fn a_live_run_between_its_renames_keeps_its_old_folder() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let aside = t.path().join(".out.billet-old-77");
    let new = t.path().join(".out.billet-NeW");
    fs::create_dir(&aside).unwrap();
    fs::write(aside.join("old"), "x").unwrap();
    fs::create_dir(&new).unwrap();
    mark(&new).unwrap();
    let held = [File::open(&aside).unwrap(), File::open(&new).unwrap()];
    for f in &held {
        f.try_lock().unwrap();
    }
    let second = {
        let (new, out) = (new.clone(), out.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            fs::rename(new, out).unwrap();
        })
    };
    assert!(matches!(open(&out), Err(Error::Busy(_, _))));
    second.join().unwrap();
    assert!(
        aside.join("old").exists(),
        "the live run's old tree was taken"
    );
    assert!(out.join(MARK_DIR).is_dir());
    drop(held);
    drop(open(&out).unwrap());
    assert_eq!(names(t.path()), ["out"], "the old tree is removed then");
}

#[test]
fn asides_of_sub_folders_are_named_by_their_folder() {
    assert_eq!(aside_of("old-index-1234"), Some("index"));
    assert_eq!(aside_of("old-my-index-1"), Some("my-index"));
    assert_eq!(aside_of("old-index-x1"), None);
    assert_eq!(aside_of("old--1"), None);
    assert_eq!(aside_of("cache"), None);
}
