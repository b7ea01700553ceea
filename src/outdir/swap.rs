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
/// filesystem that refuses the exchange: `target` is renamed to
/// `aside()`, then `new` to `target` — a window of a few microseconds
/// without `target` (a run killed inside it leaves the old folder at
/// `aside()`, which the next run puts back).
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
    {
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
    fs::rename(target, &aside)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&aside, target);
        return Err(e);
    }
    Ok(Some(aside))
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
