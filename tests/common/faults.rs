//! Helpers of the fault tests (tests/integrity.rs, tests/export_faults.rs):
//! billet runs started and waited for, signals, staging folders beside an
//! output, snapshots of a folder, a small tmpfs to fill.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{HANG, TestDir, kill9};

/// Starts `billet args` in `t` with stdout and stderr captured.
pub fn spawn(t: &TestDir, args: &[&str]) -> Child {
    t.command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("billet runs")
}

/// Waits for `child`, failing the test (and killing it) after [`HANG`].
pub fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > HANG {
            kill9(child.id());
            panic!("billet hangs: killed after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{sig} {pid} failed");
}

/// The entries of `dir`'s parent named like billet's staging folders
/// for `dir` (`.NAME.billet-*`).
pub fn staging_beside(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let prefix = format!(".{name}.billet");
    fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect()
}

/// Waits (up to [`HANG`]) until `child` has taken the lock on `out`:
/// its staging folder appears beside `out`. Returns false if `child`
/// ended first.
pub fn wait_for_staging(child: &mut Child, out: &Path) -> bool {
    let started = Instant::now();
    while started.elapsed() < HANG {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        if !staging_beside(out).is_empty() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no staging folder beside {} after {HANG:?}", out.display());
}

/// Every file under `dir` (hidden ones too), by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                files.insert(
                    rel.to_string_lossy().into_owned(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

/// A tmpfs mounted for the test, unmounted when dropped.
pub struct Tmpfs(pub PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` at `dir`; `None` (with the reason
    /// printed) where mounting is not permitted.
    pub fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).unwrap();
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match o {
            Ok(o) if o.status.success() => Some(Tmpfs(dir.to_path_buf())),
            Ok(o) => {
                eprintln!(
                    "skipping: cannot mount a tmpfs (needs root): {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipping: cannot run mount: {e}");
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Fills the filesystem of `dir` but about `leave` bytes.
pub fn fill(dir: &Path, leave: u64) {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 16 << 10];
    let mut written = 0u64;
    while f.write_all(&chunk).is_ok() {
        written += chunk.len() as u64;
    }
    let _ = f.flush();
    f.set_len(written.saturating_sub(leave)).unwrap();
}
