//! The analysis fingerprint's hash (see `build.rs`): kept apart so that
//! `tests/fingerprint.rs` recomputes it over the same and over changed
//! source.

use std::path::Path;

/// Paths under the package root that make the fingerprint: folders are
/// walked whole.
pub const INPUTS: [&str; 3] = ["src", "stopwords", "Cargo.lock"];

/// The fingerprint of the source under `root`: 16 lower-case hex digits.
pub fn fingerprint(root: &Path) -> String {
    let mut files = Vec::new();
    for input in INPUTS {
        // A source without its Cargo.lock (a library user's copy) still
        // builds: it fingerprints as another source, which is safe.
        if root.join(input).exists() {
            collect(root, input, &mut files);
        }
    }
    files.sort_unstable();
    let mut h = Fnv::new();
    for rel in &files {
        let bytes = std::fs::read(root.join(rel))
            .unwrap_or_else(|e| panic!("{rel}: cannot read: {e}"));
        // Lengths first, so no split of names and contents collides.
        h.write(&(rel.len() as u64).to_le_bytes());
        h.write(rel.as_bytes());
        h.write(&(bytes.len() as u64).to_le_bytes());
        h.write(&bytes);
    }
    format!("{:016x}", h.0)
}

/// Adds `rel` (a file, or every file under a folder) to `out`, as
/// `/`-separated paths relative to `root`.
fn collect(root: &Path, rel: &str, out: &mut Vec<String>) {
    let path = root.join(rel);
    let meta = std::fs::metadata(&path)
        .unwrap_or_else(|e| panic!("{rel}: cannot read: {e}"));
    if !meta.is_dir() {
        out.push(rel.to_string());
        return;
    }
    let entries = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{rel}: cannot list: {e}"));
    for entry in entries {
        let entry =
            entry.unwrap_or_else(|e| panic!("{rel}: cannot list: {e}"));
        let name = entry.file_name();
        let name = name
            .to_str()
            .unwrap_or_else(|| panic!("{rel}: a file name is not UTF-8"));
        if !name.starts_with('.') {
            collect(root, &format!("{rel}/{name}"), out);
        }
    }
}

/// 64-bit FNV-1a.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 =
                (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
