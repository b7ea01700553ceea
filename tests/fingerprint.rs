//! The analysis fingerprint (`build.rs`): the one this build was made
//! with is the source's, recomputed now; a copy of the source elsewhere
//! gives the same (no absolute path, no mtime goes in); any byte of it
//! changed gives another.

use std::fs;
use std::path::Path;

#[path = "../build/fingerprint.rs"]
mod fingerprint;

use fingerprint::{INPUTS, fingerprint};

const BUILT: &str = env!("BILLET_ANALYSIS_FINGERPRINT");

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap();
    }
}

#[test]
fn the_build_fingerprint_is_the_sources() {
    assert_eq!(BUILT.len(), 16, "{BUILT}");
    assert!(BUILT.bytes().all(|b| b.is_ascii_hexdigit()), "{BUILT}");
    assert_ne!(BUILT, "0000000000000000");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(fingerprint(root), BUILT);

    // The same source under another path, with other mtimes, and a
    // hidden file beside it: the same fingerprint.
    let dir = tempfile::tempdir().unwrap();
    for input in INPUTS {
        copy(&root.join(input), &dir.path().join(input));
    }
    fs::write(dir.path().join("src/.lib.rs.swp"), "swap").unwrap();
    fs::write(dir.path().join("README.md"), "not the analysis").unwrap();
    assert_eq!(fingerprint(dir.path()), BUILT);

    // One byte of a stopword list, a new module: another.
    let en = dir.path().join("stopwords/en.txt");
    let mut words = fs::read(&en).unwrap();
    words.push(b'\n');
    fs::write(&en, &words).unwrap();
    let changed = fingerprint(dir.path());
    assert_ne!(changed, BUILT);
    fs::write(dir.path().join("src/new.rs"), "").unwrap();
    assert_ne!(fingerprint(dir.path()), changed);
}
