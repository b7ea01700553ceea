//! The filesystem steps of a transaction: swapping a folder in, making
//! a tree durable, carrying files over, removing a tree.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// Puts the folder `new` at `target`. Returns where the folder that was
/// at `target` now is (to be removed), `None` if there was none.
///
/// Linux: one `renameat2(RENAME_EXCHANGE)`, so `target` names the old
/// folder or the new one at every instant. Elsewhere, or on a
/// filesystem that refuses the exchange: [`swap_aside`].
pub fn swap_in(
    new: &Path,
    target: &Path,
    aside: impl FnOnce() -> PathBuf,
) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(target).is_err() {
        fs::rename(new, target)?;
        return Ok(None);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if !tests_force_aside() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Some(new.to_path_buf())),
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::OPNOTSUPP => {}
            Err(e) => return Err(e.into()),
        }
    }
    let aside = aside();
    swap_aside(new, target, &aside)?;
    Ok(Some(aside))
}

/// The portable swap: `target` is renamed to `aside`, then `new` to
/// `target` — a window of a few microseconds without `target`. A run
/// killed inside it leaves the old folder at `aside`, which the next run
/// puts back ([`super::OutputDir::open`]); if the second rename fails,
/// the old folder is put back at once.
pub fn swap_aside(new: &Path, target: &Path, aside: &Path) -> io::Result<()> {
    fs::rename(target, aside)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(aside, target);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
thread_local! {
    static FORCE_ASIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Unit tests only: makes [`swap_in`] on this thread take the portable
/// path, as on a system without the exchange (nothing of the kind
/// exists outside `cargo test`).
#[cfg(test)]
pub(crate) fn force_aside(on: bool) {
    FORCE_ASIDE.with(|f| f.set(on));
}

#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
fn tests_force_aside() -> bool {
    FORCE_ASIDE.with(std::cell::Cell::get)
}

#[cfg(all(not(test), any(target_os = "linux", target_os = "android")))]
fn tests_force_aside() -> bool {
    false
}

/// Writes the folder `dir` to disk: its entries' names, then itself.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Makes every file and folder under `dir` durable. Linux: one
/// `syncfs` of the filesystem holding it; elsewhere each file and
/// folder is synced in turn.
pub fn sync_tree(dir: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let f = File::open(dir)?;
        rustix::fs::syncfs(&f)?;
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                sync_tree(&entry.path())?;
            } else if kind.is_file() {
                File::open(entry.path())?.sync_all()?;
            }
        }
        sync_dir(dir)
    }
}

/// Puts a copy of the file or folder `from` at `to`: folders are made
/// again, files hard-linked (the same bytes, at no cost; billet never
/// rewrites a file in place), or copied where links are refused.
pub fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    if meta.is_dir() {
        fs::create_dir(to)?;
        fs::set_permissions(to, meta.permissions())?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            link_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else if meta.file_type().is_symlink() {
        std::os::unix::fs::symlink(fs::read_link(from)?, to)
    } else if fs::hard_link(from, to).is_ok() {
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}

/// Removes the folder or file at `path`, if there is one.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match removed {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_in_replaces_whole_folders() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let new = dir.path().join("new");
        let aside = || dir.path().join("aside");
        fs::create_dir(&new).unwrap();
        fs::write(new.join("a"), "1").unwrap();
        assert_eq!(swap_in(&new, &target, aside).unwrap(), None);
        fs::create_dir(&new).unwrap();
        fs::write(new.join("b"), "2").unwrap();
        let old = swap_in(&new, &target, aside).unwrap().unwrap();
        assert!(target.join("b").exists() && !target.join("a").exists());
        assert!(old.join("a").exists());
    }

    #[test]
    fn the_portable_swap_puts_the_old_folder_aside_or_back() {
        let dir = tempfile::tempdir().unwrap();
        let (target, new, aside) = (
            dir.path().join("out"),
            dir.path().join("new"),
            dir.path().join("aside"),
        );
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a"), "1").unwrap();
        fs::create_dir(&new).unwrap();
        fs::write(new.join("b"), "2").unwrap();
        swap_aside(&new, &target, &aside).unwrap();
        assert!(target.join("b").exists() && !target.join("a").exists());
        assert!(aside.join("a").exists() && !new.exists());
        // The second rename fails (nothing to rename): the old folder
        // goes back to its place.
        fs::remove_dir_all(&aside).unwrap();
        assert!(swap_aside(&new, &target, &aside).is_err());
        assert!(target.join("b").exists() && !aside.exists());
        // Through swap_in, as where the exchange is refused.
        fs::create_dir(&new).unwrap();
        force_aside(true);
        let old = swap_in(&new, &target, || aside.clone());
        force_aside(false);
        assert_eq!(old.unwrap(), Some(aside.clone()));
        assert!(aside.join("b").exists() && target.is_dir());
        assert_eq!(fs::read_dir(&target).unwrap().count(), 0);
    }

    #[test]
    fn link_tree_links_files_and_makes_folders() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("from");
        fs::create_dir_all(from.join("sub")).unwrap();
        fs::write(from.join("sub/f"), "x").unwrap();
        let to = dir.path().join("to");
        link_tree(&from, &to).unwrap();
        assert_eq!(fs::read_to_string(to.join("sub/f")).unwrap(), "x");
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            fs::metadata(to.join("sub/f")).unwrap().ino(),
            fs::metadata(from.join("sub/f")).unwrap().ino()
        );
    }
}
