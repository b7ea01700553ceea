//! A single output file (`billet stats --out FILE`) written as a
//! transaction: one writer at a time, the old file or the new one.
//!
//! The data go to `.NAME.billet-part` beside the file, which is also
//! the lock: a run opens it (creating it if needed), locks it, checks
//! that the path still names the inode it locked, and only then empties
//! it. Renaming it over the file is the commit. A run killed midway
//! leaves the part file, which the next run locks and reuses; a run
//! that fails or is cancelled removes it. The file itself is never
//! opened for writing.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::lock::{Holder, LockError, Wait, lock_at};
use super::swap::sync_dir;
use super::{Error, registry};

/// An output file being written; removed if dropped uncommitted.
#[derive(Debug)]
pub struct OutputFile {
    target: PathBuf,
    part: PathBuf,
    file: Option<File>,
}

impl OutputFile {
    /// Locks `target` for writing (waiting as `wait` says, calling
    /// `on_wait` once with the holder) and opens its part file, empty.
    pub fn create(
        target: &Path,
        wait: Wait,
        cancelled: &dyn Fn() -> bool,
        on_wait: &mut dyn FnMut(Option<&Holder>),
    ) -> Result<OutputFile, Error> {
        let io = |doing| {
            let p = target.to_path_buf();
            move |e| Error::Io(p, doing, e)
        };
        let name = target.file_name().ok_or_else(|| {
            io("cannot write")(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ))
        })?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let part =
            dir.join(format!(".{}.billet-part", name.to_string_lossy()));
        let open = || {
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&part)
        };
        let file =
            lock_at(&part, &open, wait, cancelled, on_wait).map_err(|e| {
                match e {
                    LockError::Busy(h) => Error::Busy(target.to_path_buf(), h),
                    LockError::Cancelled => {
                        Error::Cancelled(target.to_path_buf())
                    }
                    LockError::Io(e) => io("cannot lock")(e),
                }
            })?;
        file.set_len(0).map_err(io("cannot write"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::Permissions::from_mode(0o644);
            file.set_permissions(mode).map_err(io("cannot write"))?;
        }
        registry::register(&part);
        Ok(OutputFile {
            target: target.to_path_buf(),
            part,
            file: Some(file),
        })
    }

    /// The file this one replaces on commit.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The open part file, to write the data into.
    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("open until committed")
    }

    /// Syncs the data and renames the part file over the target, unless
    /// `cancelled()` says the run was stopped.
    pub fn commit(
        mut self,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<(), Error> {
        let target = self.target.clone();
        let io = |doing| {
            let p = target.clone();
            move |e| Error::Io(p, doing, e)
        };
        self.file().sync_all().map_err(io("cannot write to disk"))?;
        let staging = registry::open();
        if cancelled() {
            drop(staging);
            return Err(Error::Cancelled(self.target.clone()));
        }
        fs::rename(&self.part, &self.target).map_err(io("cannot write"))?;
        drop(staging);
        registry::unregister(&self.part);
        let dir = self.part.parent().unwrap_or(Path::new("."));
        sync_dir(dir).map_err(io("cannot write to disk"))?;
        // Unlocks only now: until the rename, the part file's inode was
        // the lock.
        self.file = None;
        Ok(())
    }
}

/// Writes `bytes` to the file `target` whole, as an [`OutputFile`]: a
/// second writer is refused at once (no waiting), a reader sees the old
/// file or the new one, and a failure leaves the old one.
pub fn write_whole(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut file =
        OutputFile::create(target, Wait::No, &|| false, &mut |_| {})?;
    file.file()
        .write_all(bytes)
        .map_err(|e| Error::Io(target.to_path_buf(), "cannot write", e))?;
    file.commit(&|| false)
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.part);
            registry::unregister(&self.part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn create(p: &Path) -> Result<OutputFile, Error> {
        OutputFile::create(p, Wait::No, &|| false, &mut |_| {})
    }

    #[test]
    fn one_writer_and_the_old_file_or_the_new_one() {
        let t = tempfile::tempdir().unwrap();
        let target = t.path().join("all.stats");
        fs::write(&target, "old").unwrap();
        let mut a = create(&target).unwrap();
        assert!(matches!(create(&target), Err(Error::Busy(_, _))));
        a.file().write_all(b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        a.commit(&|| false).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mut b = create(&target).unwrap();
        b.file().write_all(b"half").unwrap();
        drop(b);
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "the part file is removed");
    }

    #[test]
    fn a_part_file_left_by_a_killed_run_is_reused() {
        let t = tempfile::tempdir().unwrap();
        let target = t.path().join("s.stats");
        fs::write(t.path().join(".s.stats.billet-part"), "torn").unwrap();
        let mut a = create(&target).unwrap();
        a.file().write_all(b"whole").unwrap();
        a.commit(&|| false).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "whole");
        let left: Vec<_> = fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
