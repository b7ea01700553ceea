//! `billet export … --out DIR` under faults (issue 15), through the
//! binary: the folder is replaced whole as `billet analyze` replaces its
//! output (docs/integrity.md): one export writes it at a time (a second
//! one exits 2 naming the first, or waits with `--wait`), a failure or
//! Ctrl-C leaves the previous export byte-identical, and nothing is left
//! beside it.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::faults::{
    Tmpfs, fill, finish, signal, snapshot, spawn, staging_beside,
    wait_for_staging,
};
use common::{TestDir, manifest_dir, stderr};

/// Our corpus analysed into `t/out`.
fn analysed() -> TestDir {
    let t = TestDir::new();
    let corpus = manifest_dir().join("corpus");
    let o = t.billet(&[
        "analyze",
        corpus.to_str().unwrap(),
        "--out",
        "out",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    t
}

/// `billet export out --format jsonl` plus `args`, into `dir`.
fn export(t: &TestDir, dir: &str, args: &[&str]) -> std::process::Output {
    export_as(t, "jsonl", dir, args)
}

/// `billet export out --format FORMAT` plus `args`, into `dir`.
fn export_as(
    t: &TestDir,
    format: &str,
    dir: &str,
    args: &[&str],
) -> std::process::Output {
    let mut all = vec!["export", "out", "--format", format, "--out", dir];
    all.extend_from_slice(args);
    t.billet(&all)
}

fn export_ok(t: &TestDir, dir: &str, args: &[&str]) {
    let o = export(t, dir, args);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn bulk_ok(t: &TestDir, dir: &str) {
    let o = export_as(t, "es-bulk", dir, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The export written into a folder is the one streamed to stdout,
/// whole; a rerun replaces it and leaves nothing beside it.
#[test]
fn an_export_folder_holds_the_whole_export() {
    let t = analysed();
    let streamed = t.billet(&["export", "out", "--format", "jsonl"]);
    assert!(streamed.status.success(), "{}", stderr(&streamed));
    let with_body =
        t.billet(&["export", "out", "--format", "jsonl", "--body"]);
    assert!(with_body.status.success(), "{}", stderr(&with_body));
    assert_ne!(streamed.stdout, with_body.stdout);

    let dir = t.path().join("j");
    export_ok(&t, "j", &[]);
    assert_eq!(
        fs::read(dir.join("articles.jsonl")).unwrap(),
        streamed.stdout
    );
    export_ok(&t, "j", &["--body"]);
    assert_eq!(
        fs::read(dir.join("articles.jsonl")).unwrap(),
        with_body.stdout
    );
    assert!(dir.join("billet-export.json").is_file());
    assert!(
        staging_beside(&dir).is_empty(),
        "{:?}",
        staging_beside(&dir)
    );
}

/// Starts an export of `t`'s analysis into `dir` and stops it (SIGSTOP)
/// once it holds the folder's lock (its staging folder is beside
/// `dir`). An export of twenty articles may end before it is seen: it
/// is tried again then, and the export that ended is what the next try
/// replaces; so the folder's contents as the stopped export found them
/// are returned with it.
fn stopped_export(
    t: &TestDir,
    dir: &str,
    args: &[&str],
) -> (Child, BTreeMap<String, Vec<u8>>) {
    let target = t.path().join(dir);
    for _ in 0..50 {
        let previous = snapshot(&target);
        let mut all =
            vec!["export", "out", "--format", "es-bulk", "--out", dir];
        all.extend_from_slice(args);
        let mut child = spawn(t, &all);
        if !wait_for_staging(&mut child, &target) {
            let o = finish(child);
            assert!(o.status.success(), "{}", stderr(&o));
            continue;
        }
        signal(child.id(), "STOP");
        // Stopped with its lock held, before its swap: once swapped, the
        // folder holds the new export while the old one, renamed beside
        // it, is still being removed; that try is finished and redone.
        if child.try_wait().unwrap().is_none()
            && !staging_beside(&target).is_empty()
            && snapshot(&target) == previous
        {
            return (child, previous);
        }
        signal(child.id(), "CONT");
        let o = finish(child);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    panic!("no export was caught holding its lock in 50 tries");
}

/// Two exports into one folder: the second exits 2 at once naming the
/// first (pid, command), or gives up after `--wait=SECS`, or waits with
/// `--wait` and then writes; the folder is always one whole export.
#[test]
fn two_exports_into_one_folder_one_writes_the_other_waits_or_exits_2() {
    let t = analysed();
    let dir = t.path().join("es");
    bulk_ok(&t, "es");

    let (first, before) = stopped_export(&t, "es", &["--body"]);
    let o = export_as(&t, "es-bulk", "es", &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("pid {}", first.id())), "{err}");
    assert!(err.contains("billet export"), "the holder's command: {err}");
    assert!(err.contains("--wait"), "no hint of --wait: {err}");
    let started = Instant::now();
    let o = export_as(&t, "es-bulk", "es", &["--wait=0.3"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(snapshot(&dir) == before, "the folder changed meanwhile");

    let mut waiting = spawn(
        &t,
        &[
            "export", "out", "--format", "es-bulk", "--out", "es", "--wait",
        ],
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(waiting.try_wait().unwrap().is_none(), "it did not wait");
    signal(first.id(), "CONT");
    let first = finish(first);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = finish(waiting);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("waiting"), "{}", stderr(&second));
    // The last export is the one without bodies, whole.
    let streamed = t.billet(&["export", "out", "--format", "es-bulk"]);
    let got = fs::read(dir.join("bulk-00001.ndjson")).unwrap();
    assert_eq!(got, streamed.stdout);
    assert!(
        staging_beside(&dir).is_empty(),
        "{:?}",
        staging_beside(&dir)
    );
}

/// Ctrl-C or SIGTERM during an export: exit 130 or 143, the previous
/// export byte-identical, its staging folder removed at once.
#[test]
fn an_interrupted_export_leaves_the_previous_one() {
    let t = analysed();
    let dir = t.path().join("es");
    bulk_ok(&t, "es");
    for (sig, code) in [("INT", 130), ("TERM", 143)] {
        // A stop can land past the export's last look at its signal
        // flag, just before its swap: resumed, it then finishes as if
        // the signal had come after it (exit 0, the new export whole).
        // That try proves nothing about interruption: the folder goes
        // back to the first export and the try is redone.
        let mut tries = 0;
        let (o, before) = loop {
            let (run, before) = stopped_export(&t, "es", &["--body"]);
            signal(run.id(), sig);
            signal(run.id(), "CONT");
            let o = finish(run);
            tries += 1;
            if o.status.success() && tries < 20 {
                assert!(staging_beside(&dir).is_empty(), "{}", stderr(&o));
                bulk_ok(&t, "es");
                continue;
            }
            break (o, before);
        };
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{err}");
        assert!(err.contains("interrupted"), "{err}");
        assert!(snapshot(&dir) == before, "SIG{sig} changed the export");
        assert!(
            staging_beside(&dir).is_empty(),
            "{:?}",
            staging_beside(&dir)
        );
    }
}

/// An export that fails midway (the analysis has a broken last line):
/// exit 2 saying the folder is unchanged, and it is, byte for byte.
#[test]
fn a_failed_export_leaves_the_previous_one_byte_identical() {
    let t = analysed();
    let dir = t.path().join("j");
    export_ok(&t, "j", &[]);
    let before = snapshot(&dir);
    let jsonl = t.path().join("out/articles.jsonl");
    let mut broken = fs::read(&jsonl).unwrap();
    broken.extend_from_slice(b"{\"not\": \"an article\"}\n");
    fs::write(&jsonl, broken).unwrap();
    let o = export(&t, "j", &["--body"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not an article"), "{err}");
    assert!(err.contains("j is unchanged"), "{err}");
    assert!(snapshot(&dir) == before, "the previous export changed");
    assert!(
        staging_beside(&dir).is_empty(),
        "{:?}",
        staging_beside(&dir)
    );
}

/// A full disk, then a read-only one, under an export folder (a tmpfs:
/// mounted when permitted, else skipped with the reason printed): exit 2
/// with the system's reason, the previous export byte-identical.
#[test]
fn a_full_or_read_only_disk_leaves_the_previous_export() {
    let t = analysed();
    let Some(mnt) = Tmpfs::mount(&t.path().join("mnt"), "1m") else {
        return;
    };
    let dir = mnt.0.join("j");
    let dir_s = dir.to_str().unwrap();
    export_ok(&t, dir_s, &[]);
    let before = snapshot(&dir);

    fill(&mnt.0, 8 << 10);
    let o = export(&t, dir_s, &["--body"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left"), "{err}");
    assert!(err.contains("unchanged"), "{err}");
    assert!(snapshot(&dir) == before, "the previous export changed");
    assert!(
        staging_beside(&dir).is_empty(),
        "{:?}",
        staging_beside(&dir)
    );
    fs::remove_file(mnt.0.join("filler")).unwrap();

    remount(&mnt.0, "ro");
    let o = export(&t, dir_s, &["--body"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("Read-only file system"), "{err}");
    assert!(snapshot(&dir) == before, "the previous export changed");
    remount(&mnt.0, "rw");
    export_ok(&t, dir_s, &["--body"]);
    assert!(snapshot(&dir) != before);
}

fn remount(dir: &Path, how: &str) {
    let status = Command::new("mount")
        .args(["-o", &format!("remount,{how}")])
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success(), "mount -o remount,{how} failed");
}

/// A folder that is not an export (a user's, or the analysis itself) is
/// refused with exit 2 and left alone; a folder holding only billet's
/// marker (an export stopped before it wrote anything) is not.
#[test]
fn only_exports_are_replaced() {
    let t = analysed();
    t.write("site/index.html", "mine");
    let o = export(&t, "site", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not replaced"), "{}", stderr(&o));
    assert_eq!(t.read("site/index.html"), "mine");
    assert_eq!(fs::read_dir(t.path().join("site")).unwrap().count(), 1);
    let before = snapshot(&t.path().join("out"));
    let o = export(&t, "out", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(snapshot(&t.path().join("out")) == before);
    t.write("stopped/.billet/README.txt", "billet's");
    export_ok(&t, "stopped", &[]);
}
