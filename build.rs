//! The analysis fingerprint: a hash of the source that decides what
//! `billet stats` counts, exported to the crate as
//! `BILLET_ANALYSIS_FINGERPRINT` (16 hex digits; `src/shard.rs` writes
//! it into every stats file's header and refuses files counted by
//! another source).
//!
//! It hashes every file under `src/` and `stopwords/`, and `Cargo.lock`
//! (the stemmer, the Unicode tables and the parsers are dependencies):
//! all of `src/`, because guessing which modules touch the counts would
//! miss one some day. Only what the same source has on every machine
//! goes in: paths relative to the package, `/`-separated and sorted by
//! their bytes, then each file's bytes. No mtimes, no absolute paths, no
//! target triple or profile: the same commit built for two architectures,
//! or rebuilt on each node of a cluster, gives the same fingerprint.
//! Hidden files (editor swap files, `.DS_Store`) are left out: they are
//! no part of the source.
//!
//! The hash is FNV-1a, 64 bits, written out here: a build script cannot
//! use the crate it builds (its FxHash, xxh3), and a hash crate in
//! `[build-dependencies]` would be built for this one loop. Telling
//! source trees apart needs no more than 64 bits of a plain hash.

#[path = "build/fingerprint.rs"]
mod fingerprint;

use std::path::PathBuf;

use fingerprint::{INPUTS, fingerprint};

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"),
    );
    for input in INPUTS {
        // A folder is scanned whole, files added or removed included.
        println!("cargo:rerun-if-changed={input}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build");
    println!(
        "cargo:rustc-env=BILLET_ANALYSIS_FINGERPRINT={}",
        fingerprint(&root)
    );
}
