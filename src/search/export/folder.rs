//! An export folder, replaced whole: the export is written into a new
//! folder beside it, which then takes its place; a reader sees the old
//! export or the new one, never a mix, and a failed export leaves the old
//! one as it was.
//!
//! Nothing of the user's is overwritten: the folder must be missing,
//! empty, an earlier export of the same kind (its `billet-export.json`
//! says so) or, for Pagefind, a Pagefind bundle (`pagefind-entry.json`,
//! as `pagefind --site` writes it, so that a site's old bundle can be
//! replaced).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::error::FatalError;

/// What a folder holds once written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Pagefind bundle.
    Pagefind,
    /// Files of billet's, in this format; marked by `billet-export.json`.
    Billet(&'static str),
}

/// The marker of a folder billet exported into.
pub const MARKER: &str = "billet-export.json";

/// Why `dir` may not be replaced; `None` when it may.
fn refusal(dir: &Path, kind: Kind) -> Option<String> {
    let meta = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => return Some(format!("cannot read it: {e}")),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Some("not a folder".to_string());
    }
    let mut entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return Some(format!("cannot list it: {e}")),
    };
    // An empty folder may be replaced.
    let _first = entries.next()?;
    let ours = match kind {
        Kind::Pagefind => dir.join("pagefind-entry.json").is_file(),
        Kind::Billet(format) => fs::read_to_string(dir.join(MARKER))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .is_some_and(|v| v["format"] == format),
    };
    (!ours).then(|| match kind {
        Kind::Pagefind => "holds files and is no Pagefind bundle".to_string(),
        Kind::Billet(format) => {
            format!("holds files and is no earlier {format} export")
        }
    })
}

/// Writes a new `dir` with `fill` (given the new folder), then puts it in
/// the place of the old one.
pub fn replace<T>(
    dir: &Path,
    kind: Kind,
    fill: impl FnOnce(&Path) -> Result<T, FatalError>,
) -> Result<T, FatalError> {
    if let Some(why) = refusal(dir, kind) {
        return Err(FatalError::new(format!(
            "{}: {why}: not replaced (give a new or empty folder)",
            dir.display()
        )));
    }
    let cannot = |what: &Path, e: io::Error| {
        FatalError::new(format!("{}: cannot write: {e}", what.display()))
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| cannot(&parent, e))?;
    let stage = tempfile::Builder::new()
        .prefix(".billet-export-")
        .tempdir_in(&parent)
        .map_err(|e| cannot(&parent, e))?;
    let value = fill(stage.path())?;
    if let Kind::Billet(format) = kind {
        let marker =
            json!({"format": format, "billet": env!("CARGO_PKG_VERSION")});
        fs::write(stage.path().join(MARKER), format!("{marker}\n"))
            .map_err(|e| cannot(stage.path(), e))?;
    }
    // A web server reads the bundle as another user: the folder is
    // readable by all, as `mkdir` would make it (temporary folders are
    // private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(stage.path(), fs::Permissions::from_mode(0o755))
            .map_err(|e| cannot(stage.path(), e))?;
    }
    let old = if dir.exists() {
        let old = stage.path().with_extension("old");
        fs::rename(dir, &old).map_err(|e| cannot(dir, e))?;
        Some(old)
    } else {
        None
    };
    let stage = stage.keep();
    if let Err(e) = fs::rename(&stage, dir) {
        // Put the old export back; the new one goes.
        if let Some(old) = &old {
            let _ = fs::rename(old, dir);
        }
        let _ = fs::remove_dir_all(&stage);
        return Err(cannot(dir, e));
    }
    if let Some(old) = old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill_with(name: &str) -> impl FnOnce(&Path) -> Result<(), FatalError> {
        move |stage| {
            fs::write(stage.join(name), "x").unwrap();
            Ok(())
        }
    }

    #[test]
    fn replaces_its_own_and_refuses_the_rest() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("a/export");
        let kind = Kind::Billet("es-bulk");
        replace(&dir, kind, fill_with("one")).unwrap();
        assert!(dir.join("one").is_file() && dir.join(MARKER).is_file());
        replace(&dir, kind, fill_with("two")).unwrap();
        assert!(!dir.join("one").exists() && dir.join("two").is_file());
        // Another format's export, a user's folder: untouched.
        assert!(replace(&dir, Kind::Billet("jsonl"), fill_with("x")).is_err());
        let user = t.path().join("site");
        fs::create_dir(&user).unwrap();
        fs::write(user.join("index.html"), "mine").unwrap();
        assert!(replace(&user, kind, fill_with("x")).is_err());
        assert!(replace(&user, Kind::Pagefind, fill_with("x")).is_err());
        assert_eq!(
            fs::read_to_string(user.join("index.html")).unwrap(),
            "mine"
        );
        // A Pagefind bundle is replaced by a new one.
        fs::write(user.join("pagefind-entry.json"), "{}").unwrap();
        replace(&user, Kind::Pagefind, fill_with("pagefind.js")).unwrap();
        assert!(!user.join("index.html").exists());
        // A failure leaves the old export and no stage behind.
        let failed: Result<(), _> =
            replace(&dir, kind, |_| Err(FatalError::new("no".to_string())));
        assert!(failed.is_err() && dir.join("two").is_file());
        let left: Vec<_> = fs::read_dir(t.path().join("a")).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
