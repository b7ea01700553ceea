//! What making an output durable costs (docs/integrity.md, "Cost"):
//! copies an output folder of `billet analyze` into fresh folders under
//! DIR, as a run writes its staging tree, and times three ways of
//! putting it on disk before the swap, interleaved round by round:
//! none (billet before issue 15), one `syncfs` (what billet does on
//! Linux), and an `fsync` of every file and folder (the portable way).
//!
//! `cargo run --release --example sync_cost -- OUTPUT DIR [ROUNDS]`
//! (DIR on the filesystem to measure: a tmpfs, an ext4 folder).

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Instant;

use billet::outdir::swap::{remove_tree, sync_dir};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, dir, rest @ ..] = &args[..] else {
        eprintln!("usage: sync_cost OUTPUT DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = rest.first().map_or(3, |r| r.parse().expect("ROUNDS"));
    let files = read_tree(Path::new(src));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} files, {:.1} MB; into {dir}; {rounds} rounds",
        files.len(),
        bytes as f64 / 1e6
    );
    println!("round mode   write_s sync_s");
    for round in 0..rounds {
        for mode in ["none", "syncfs", "fsync"] {
            let to = Path::new(dir).join(format!("sync-cost-{mode}-{round}"));
            let t = Instant::now();
            write_tree(&to, &files);
            let written = t.elapsed().as_secs_f64();
            let t = Instant::now();
            match mode {
                "syncfs" => {
                    let f = File::open(&to).expect("open");
                    rustix::fs::syncfs(&f).expect("syncfs");
                }
                "fsync" => fsync_tree(&to),
                _ => {}
            }
            let synced = t.elapsed().as_secs_f64();
            println!("{round} {mode:<6} {written:.3} {synced:.3}");
            remove_tree(&to).expect("remove");
        }
    }
}

/// Every file under `dir`: its path relative to `dir` and its bytes.
fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for e in fs::read_dir(dir.join(&rel)).expect("read_dir") {
            let e = e.expect("entry");
            let rel = rel.join(e.file_name());
            if e.file_type().expect("type").is_dir() {
                stack.push(rel);
            } else {
                out.push((
                    rel.clone(),
                    fs::read(dir.join(&rel)).expect("read"),
                ));
            }
        }
    }
    out
}

fn write_tree(to: &Path, files: &[(PathBuf, Vec<u8>)]) {
    for (rel, bytes) in files {
        let path = to.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
}

fn fsync_tree(dir: &Path) {
    for e in fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_dir() {
            fsync_tree(&e.path());
        } else {
            File::open(e.path())
                .expect("open")
                .sync_all()
                .expect("fsync");
        }
    }
    sync_dir(dir).expect("fsync folder");
}
