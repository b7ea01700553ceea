//! Helpers shared by the integration tests: a temporary folder with
//! fixture posts, and a way to run the `billet` binary in it that fails
//! the test instead of hanging.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

pub mod faults;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A run that takes longer than this is taken for a hang.
pub const HANG: Duration = Duration::from_secs(60);

/// A temporary folder with fixture posts, and a way to run billet in it.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(
        &self,
        rel: impl AsRef<Path>,
        contents: impl AsRef<[u8]>,
    ) -> PathBuf {
        let path = self.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, contents).unwrap();
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_billet"));
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("UPDATE_EXPECT")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `billet` with `args` in this folder; fails the test if it
    /// has not finished within [`HANG`].
    pub fn billet(&self, args: &[&str]) -> Output {
        output_within_hang(self.command(args), args)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.read(rel))
            .unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
    }

    pub fn jsonl(&self, rel: &str) -> Vec<Value> {
        self.read(rel)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }
}

/// Runs `cmd` and collects its output; fails the test if it has not
/// finished within [`HANG`] (`what` names it in the message).
pub fn output_within_hang(mut cmd: Command, what: &[&str]) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("billet runs");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(HANG) {
        Ok(out) => out.expect("billet runs"),
        Err(_) => {
            kill9(pid);
            panic!("billet {what:?} hangs: killed after {HANG:?}");
        }
    }
}

/// The project's folder.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/<rel>` if it is there; otherwise prints why the test is
/// skipped.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = manifest_dir().join("..").join("shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} not found (it ships with the team's workspace, not the repository)",
            path.display()
        );
        None
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn kill9(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
}
