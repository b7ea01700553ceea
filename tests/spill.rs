//! Parsed articles past the memory budget go to a spill file in the
//! staging area between the two passes (src/run/spill.rs), and the
//! articles' write-only parts past a budget of packed counts from pass 2
//! (a fresh run) or the corpus pass (a rerun) until writing
//! (src/run/aside.rs): a run that spills every article
//! writes, byte for byte, what a run that keeps them all in memory
//! writes, its cache gives a rerun the same output, and it leaves no
//! file behind.

mod common;

use std::path::Path;

use billet::{AnalyzeOptions, Silent};
use common::faults::snapshot;

/// Every output of a run of `input` into `out` with `keep_bytes` of
/// parsed text kept in memory between the passes and an eighth of that
/// of packed counts through the corpus pass, but the cache (its stem numbering follows
/// thread order) and `corpus.json`'s timings.
fn run(
    input: &Path,
    out: &Path,
    keep_bytes: usize,
    jobs: usize,
) -> Vec<(String, Vec<u8>)> {
    let options = AnalyzeOptions {
        jobs,
        keep_bytes,
        aside_bytes: keep_bytes / 8,
        ..AnalyzeOptions::new(vec![input.to_path_buf()], out)
    };
    let summary = billet::analyze(&options, &Silent).unwrap();
    // A first run into `out` reuses nothing; a rerun, every article.
    assert!(summary.from_cache == 0 || summary.from_cache == summary.articles);
    let parent = out.parent().unwrap();
    let beside: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside.len(), 1, "left beside the output: {beside:?}");
    snapshot(out)
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(".billet"))
        .map(|(rel, bytes)| {
            if rel != "corpus.json" {
                return (rel, bytes);
            }
            let mut v: serde_json::Value =
                serde_json::from_slice(&bytes).unwrap();
            let o = v.as_object_mut().unwrap();
            for k in ["elapsed_seconds", "mb_per_s", "steps"] {
                o.remove(k);
            }
            (rel, serde_json::to_vec_pretty(&v).unwrap())
        })
        .collect()
}

fn spilled_is_kept(input: &Path, jobs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let kept = run(input, &dir.path().join("kept/out"), usize::MAX, jobs);
    // A budget of 0 spills every article; 4 KB spills most, some files
    // then holding both kinds.
    for budget in [0, 4096] {
        let out = dir.path().join(format!("spilled{budget}/out"));
        let spilled = run(input, &out, budget, jobs);
        same(&kept, &spilled, &format!("a budget of {budget}"));
        // The cache a spilling run wrote (the set-aside parts copied
        // back into it), read by reruns that spill and that do not.
        let rerun = run(input, &out, budget, jobs);
        same(&kept, &rerun, &format!("a rerun with a budget of {budget}"));
        let rerun = run(input, &out, usize::MAX, jobs);
        same(
            &kept,
            &rerun,
            &format!("a rerun after a budget of {budget}"),
        );
    }
    assert!(kept.iter().any(|(p, _)| p.starts_with("articles/")));
}

fn same(kept: &[(String, Vec<u8>)], spilled: &[(String, Vec<u8>)], how: &str) {
    assert_eq!(kept.len(), spilled.len(), "{how}");
    for ((path, a), (other, b)) in kept.iter().zip(spilled) {
        assert_eq!(path, other);
        assert!(a == b, "{path} differs with {how}");
    }
}

#[test]
fn spilled_articles_give_the_same_output() {
    spilled_is_kept(&common::manifest_dir().join("corpus"), 2);
    spilled_is_kept(&common::manifest_dir().join("corpus"), 1);
}

#[test]
fn spilled_posts_of_one_wordpress_export_give_the_same_output() {
    // One file holding several posts: pass 2 spreads them over the
    // workers, and each is set aside under its own article number.
    // First runs only: a rerun of this folder re-reads the export.
    let export = common::manifest_dir().join("tests/data/wordpress");
    for jobs in [2, 1] {
        let dir = tempfile::tempdir().unwrap();
        let kept =
            run(&export, &dir.path().join("kept/out"), usize::MAX, jobs);
        for budget in [0, 4096] {
            let out = dir.path().join(format!("spilled{budget}/out"));
            let spilled = run(&export, &out, budget, jobs);
            same(&kept, &spilled, &format!("a budget of {budget}"));
        }
    }
}

#[test]
fn spilled_articles_give_the_same_output_on_real_blogs() {
    if let Some(corpus) = common::shared("corpus") {
        spilled_is_kept(&corpus, 2);
    }
}

/// A copy of `from` in `to`, files and folders.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A rerun that sets aside the cached articles as pass 1 decodes them
/// (a budget of 0) writes what a fresh run writes after each kind of
/// change: new stems sorting among the cached ones (their ids move),
/// most posts removed (the cache's unused forms are then left out, and
/// the corpus's boilerplate lines change, so some decoded files are not
/// taken), a post edited, half the posts left removed as a new one comes
/// (set aside in pass 2, its forms renumbered as it joins back).
#[test]
fn a_rerun_setting_cached_articles_aside_gives_a_fresh_runs_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&common::manifest_dir().join("corpus"), &input);
    let out = dir.path().join("rerun/out");
    let options = |out: &Path, aside_bytes| AnalyzeOptions {
        jobs: 2,
        keep_bytes: 0,
        aside_bytes,
        ..AnalyzeOptions::new(vec![input.clone()], out)
    };
    let snapshot_of = |out: &Path| -> Vec<(String, Vec<u8>)> {
        snapshot(out)
            .into_iter()
            .filter(|(rel, _)| {
                !rel.starts_with(".billet") && rel != "corpus.json"
            })
            .collect()
    };
    billet::analyze(&options(&out, 0), &Silent).unwrap();
    let changes: [&dyn Fn(); 4] = [
        &|| {
            std::fs::write(
                input.join("aaa-abricotier.txt"),
                "Abricotiers\n\nAbricotier, baobab et citronnier : \
                 abricotier, baobab.\n",
            )
            .unwrap()
        },
        &|| {
            let mut posts: Vec<_> = walk(&input);
            posts.sort();
            for p in posts
                .iter()
                .step_by(3)
                .chain(posts.iter().skip(1).step_by(3))
            {
                std::fs::remove_file(p).unwrap();
            }
        },
        &|| {
            let post = walk(&input).into_iter().max().unwrap();
            let mut text = std::fs::read_to_string(&post).unwrap();
            text.push_str("\n\nUn paragraphe ajouté pour la relance.\n");
            std::fs::write(&post, text).unwrap();
        },
        &|| {
            let mut posts: Vec<_> = walk(&input);
            posts.sort();
            for p in posts.iter().step_by(2) {
                std::fs::remove_file(p).unwrap();
            }
            std::fs::write(
                input.join("zzz-figuier.txt"),
                "Figuiers\n\nLe figuier, le grenadier et le dattier : \
                 figuiers, grenadiers.\n",
            )
            .unwrap()
        },
    ];
    for (i, change) in changes.iter().enumerate() {
        change();
        let summary = billet::analyze(&options(&out, 0), &Silent).unwrap();
        assert!(summary.from_cache > 0, "change {i}: nothing reused");
        let fresh = dir.path().join(format!("fresh{i}/out"));
        let fresh_options = AnalyzeOptions {
            use_cache: false,
            ..options(&fresh, usize::MAX)
        };
        billet::analyze(&fresh_options, &Silent).unwrap();
        same(
            &snapshot_of(&fresh),
            &snapshot_of(&out),
            &format!("change {i}"),
        );
    }
}

/// The files below `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
