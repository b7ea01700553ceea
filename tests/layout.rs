//! The layout rules of docs/architecture.md, checked on the source tree:
//!
//! - no import circle: within each folder (and among the crate's
//!   top-level modules), the modules that import one another form no
//!   cycle — an arrow back up the pipeline fails here, with the lines
//!   that make the circle;
//! - the pipeline diagram in lib.rs's documentation lists every top-level
//!   module of the library, and no module imports one listed below it;
//! - the library is free of the command line: no file under lib.rs
//!   names clap, indicatif or signal_hook (the binary's `cli`, `commands` and
//!   `terminal`, declared from main.rs, do);
//! - every file of src/ belongs to the library or to the binary, and no
//!   Rust file of src/, tests/, benches/ or examples/ is over 1,000
//!   lines.
//!
//! The graph is read from `use` declarations and paths in code (comments
//! and literals aside): `crate::a::b`, `super::x`, `self::x`, and in
//! lib.rs the bare `a::b` of its own modules. A path is followed through
//! re-exports to the module that defines what it names (`super::Forms`
//! in `questions/rules.rs` is an import of `questions/forms.rs`). An
//! import between a folder's `mod.rs` and its own files is not a circle
//! (the folder's front door declares them, and they use its shared
//! types); one between two files of a folder, or two top-level stages,
//! is an edge of that folder's graph.

mod layout_rules;

use std::fs;
use std::path::Path;

use layout_rules::graph::{MAX_LINES, check};
use layout_rules::{
    code_only, expand_use_tree, inline_paths, without_renames,
};

#[test]
fn the_source_tree_keeps_the_layout_rules() {
    let problems = check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        problems.is_empty(),
        "layout rules broken (docs/architecture.md):\n{}",
        problems.join("\n")
    );
}

/// The checks find what they are for: a small crate written to break
/// each rule once.
#[test]
fn the_checks_catch_a_broken_layout() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    // The diagram puts low above high: low importing high is a problem
    // of its own, besides the circle.
    write(
        "src/lib.rs",
        "//! ```text\n//! low    the bottom\n//! high/  above it\n//!        (more)\n\
         //! stage\n//! ```\n\
         pub mod low;\npub mod high;\npub mod stage;\npub use crate::high::Thing;\n",
    );
    // low → high → low: a circle between two top-level modules, one
    // side a multi-line `use` tree through lib.rs's re-export, the other
    // a path in code.
    write(
        "src/low.rs",
        "//! use crate::stage; (a comment is no import)\n\
         use crate::{\n    Thing,\n};\n\
         pub fn f() -> Thing { Thing }\n\
         const S: &str = \"crate::stage\"; // nor a string\n",
    );
    write(
        "src/high.rs",
        "pub struct Thing;\npub fn g() -> Thing { let _ = crate::low::f; Thing }\n",
    );
    // stage/a.rs → stage/b.rs → stage/a.rs: a circle inside a folder,
    // one side through the re-export of mod.rs; mod.rs ↔ its files is
    // none.
    write(
        "src/stage/mod.rs",
        "mod a;\nmod b;\npub use self::a::A;\npub struct Shared;\n",
    );
    write(
        "src/stage/a.rs",
        "use super::b::B;\nuse super::Shared;\npub struct A;\n\
         #[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    );
    write("src/stage/b.rs", "use super::A;\npub struct B;\n");
    write("src/main.rs", "mod cli;\nfn main() {}\n");
    write("src/cli.rs", "use clap::Parser;\n");
    write("src/stray.rs", "use indicatif::ProgressBar;\n");
    write("tests/big.rs", &"// a line\n".repeat(MAX_LINES + 1));
    let problems = check(dir.path());
    let text = problems.join("\n");
    let expect = |needle: &str| {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no problem mentions {needle:?}:\n{text}"
        );
    };
    expect("import circle among the crate's top-level modules: high → low");
    expect("import circle among stage/: a → b");
    expect(
        "src/low.rs:2: low imports high, which the diagram of lib.rs lists below it",
    );
    expect("stray.rs: no `mod` declares it");
    expect("big.rs: 1001 lines");
    assert_eq!(problems.len(), 5, "{text}");

    // The library naming clap is caught; the binary doing so is not.
    write(
        "src/lib.rs",
        "//! ```text\n//! cli\n//! ```\npub mod cli;\n",
    );
    write("src/main.rs", "fn main() {}\n");
    fs::remove_file(dir.path().join("src/stray.rs")).expect("rm");
    fs::remove_file(dir.path().join("tests/big.rs")).expect("rm");
    fs::remove_dir_all(dir.path().join("src/stage")).expect("rm");
    fs::remove_file(dir.path().join("src/low.rs")).expect("rm");
    fs::remove_file(dir.path().join("src/high.rs")).expect("rm");
    let problems = check(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("the library names `clap`"),
        "{problems:?}"
    );
}

#[test]
fn use_trees_expand() {
    let got = expand_use_tree("crate::{a::{self,B},c::d::*,e}");
    let want: Vec<Vec<&str>> = vec![
        vec!["crate", "a"],
        vec!["crate", "a", "B"],
        vec!["crate", "c", "d"],
        vec!["crate", "e"],
    ];
    assert_eq!(got, want);
    assert_eq!(
        expand_use_tree(&without_renames("a::{b as c, d::E as F}")),
        [vec!["a", "b"], vec!["a", "d", "E"]]
    );
    let code = code_only(
        "let x = crate::a::b(super::c, \"crate::no // no\"); // crate::no\n\
         let c = '\"'; let d = '/'; /* crate::no */ let e = crate::yes;\n\
         let r = r#\"crate::no \"# ; fn f<'a>(x: &'a str) {}\n",
    );
    let lines: Vec<&str> = code.lines().collect();
    assert_eq!(
        inline_paths(lines[0]),
        [vec!["crate", "a", "b"], vec!["super", "c"]]
    );
    assert_eq!(inline_paths(lines[1]), [vec!["crate", "yes"]]);
    assert!(inline_paths(lines[2]).is_empty());
    assert!(lines[2].contains("fn f<'a>(x: &'a str)"), "{}", lines[2]);
}
