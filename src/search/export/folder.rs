//! An export folder, replaced whole as a transaction of
//! [`crate::outdir`]: one writer at a time (a second export into the same
//! folder exits naming the first, or waits for it), the new export
//! written into a staging folder beside it, synced, then swapped in; a
//! reader sees the old export or the new one, never a mix, and a failed
//! or interrupted export leaves the old one as it was.
//!
//! Nothing of the user's is overwritten: the folder must be missing,
//! empty, an earlier export of the same kind (its `billet-export.json`
//! says so) or, for Pagefind, a Pagefind bundle (`pagefind-entry.json`,
//! as `pagefind --site` writes it, so that a site's old bundle can be
//! replaced). An analysis folder is none of these.

use std::fs;
use std::io;
use std::path::Path;

use serde_json::json;

use crate::error::FatalError;
use crate::outdir::{Keep, MARK_DIR, Open, OutputDir, Wait};
use crate::run::Progress;

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

/// An export writes its whole folder: nothing of the old one is carried
/// into the new one.
const EXPORT: Keep<'static> = Keep {
    owned: &[],
    owned_files: &[],
    all: true,
};

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
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return Some(format!("cannot list it: {e}")),
    };
    // An empty folder may be replaced; billet's marker alone (left by an
    // export that was stopped) is nothing of the user's.
    let mut others = entries
        .filter(|e| e.as_ref().map_or(true, |e| e.file_name() != MARK_DIR));
    let _first = others.next()?;
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
/// the place of the old one. Another billet writing `dir` makes it wait
/// as `wait` says (telling `progress`), or fail at once naming it.
pub fn replace<T>(
    dir: &Path,
    kind: Kind,
    wait: Wait,
    progress: &dyn Progress,
    fill: impl FnOnce(&Path) -> Result<T, FatalError>,
) -> Result<T, FatalError> {
    let accept = move |d: &Path| refusal(d, kind).map_or(Ok(()), Err);
    let how = Open {
        create: true,
        wait,
        keep: EXPORT,
        accept: Some(&accept),
    };
    let cancelled = || progress.cancelled();
    let out = OutputDir::open(dir, &how, &cancelled, &mut |holder| {
        crate::run::say_waiting(progress, dir, holder)
    })?;
    let unchanged = |mut e: FatalError| {
        if !e.interrupted {
            e.message
                .push_str(&format!("; {} is unchanged", dir.display()));
        }
        e
    };
    let staging = out.stage().map_err(|e| unchanged(e.into()))?;
    let value = fill(staging.path()).map_err(unchanged)?;
    if let Kind::Billet(format) = kind {
        let marker =
            json!({"format": format, "billet": env!("CARGO_PKG_VERSION")});
        fs::write(staging.path().join(MARKER), format!("{marker}\n"))
            .map_err(|e| {
                unchanged(FatalError::new(format!(
                    "{}: cannot write: {e}",
                    dir.display()
                )))
            })?;
    }
    let done = staging
        .commit(&EXPORT, &cancelled)
        .map_err(|e| unchanged(e.into()))?;
    if let Some(warning) = done.warning() {
        progress.message(&warning);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Silent;

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
        replace(&dir, kind, Wait::No, &Silent, fill_with("one")).unwrap();
        assert!(dir.join("one").is_file() && dir.join(MARKER).is_file());
        replace(&dir, kind, Wait::No, &Silent, fill_with("two")).unwrap();
        assert!(!dir.join("one").exists() && dir.join("two").is_file());
        // Another format's export, a user's folder: untouched.
        assert!(
            replace(
                &dir,
                Kind::Billet("jsonl"),
                Wait::No,
                &Silent,
                fill_with("x")
            )
            .is_err()
        );
        let user = t.path().join("site");
        fs::create_dir(&user).unwrap();
        fs::write(user.join("index.html"), "mine").unwrap();
        assert!(
            replace(&user, kind, Wait::No, &Silent, fill_with("x")).is_err()
        );
        assert!(
            replace(&user, Kind::Pagefind, Wait::No, &Silent, fill_with("x"))
                .is_err()
        );
        assert_eq!(
            fs::read_to_string(user.join("index.html")).unwrap(),
            "mine"
        );
        // A Pagefind bundle is replaced by a new one.
        fs::write(user.join("pagefind-entry.json"), "{}").unwrap();
        replace(
            &user,
            Kind::Pagefind,
            Wait::No,
            &Silent,
            fill_with("pagefind.js"),
        )
        .unwrap();
        assert!(!user.join("index.html").exists());
        // A failure leaves the old export and no stage behind.
        let failed: Result<(), _> =
            replace(&dir, kind, Wait::No, &Silent, |_| {
                Err(FatalError::new("no".to_string()))
            });
        assert!(failed.is_err() && dir.join("two").is_file());
        let left: Vec<_> = fs::read_dir(t.path().join("a")).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
