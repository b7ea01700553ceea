//! Output files, created new under their own names: a run writes into a
//! staging folder of its own, which is swapped in whole once complete
//! ([`crate::outdir`]), so no file needs a temporary name of its own.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use rustix::fs::{Mode, OFlags};

/// Creates the file `path`, which must not exist, readable by others
/// (mode 0644, less the umask): outputs are for other programs (a search
/// engine's bulk loader, a web server) to read.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644);
    }
    options.open(path)
}

/// Writes `bytes` to the new file `path` ([`create_new`]).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_new(path)?.write_all(bytes)
}

/// A folder that many new files are created in, by name: each is
/// opened relative to the folder's open descriptor (`openat`), so the
/// kernel does not resolve the folder's whole path again for every file
/// (8,400 article files: ~1 % of a run's time was that path walk).
#[derive(Debug)]
pub struct NewFiles {
    dir: File,
}

impl NewFiles {
    /// Opens the folder `dir`.
    pub fn open(dir: &Path) -> io::Result<NewFiles> {
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(dir, flags, Mode::empty())?;
        Ok(NewFiles {
            dir: File::from(fd),
        })
    }

    /// Writes `bytes` to the new file `name` of the folder, which must
    /// not exist, created as [`create_new`] creates one (mode 0644 less
    /// the umask).
    pub fn write_new(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC;
        let mode = Mode::from_raw_mode(0o644);
        let fd = rustix::fs::openat(&self.dir, name, flags, mode)?;
        File::from(fd).write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_created_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_new(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let again = write_new(&path, b"other").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn files_made_in_a_folder_are_new_files_with_their_bytes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let files = NewFiles::open(dir.path()).unwrap();
        files.write_new("a.json", b"{}").unwrap();
        let path = dir.path().join("a.json");
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        // As create_new makes it: the same mode (after the same umask).
        write_new(&dir.path().join("b.json"), b"").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions();
        assert_eq!(
            mode(&path).mode() & 0o777,
            mode(&dir.path().join("b.json")).mode() & 0o777
        );
        let again = files.write_new("a.json", b"other").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        // A name that is a link (even to nothing) is not followed.
        std::os::unix::fs::symlink(dir.path().join("c"), dir.path().join("l"))
            .unwrap();
        assert!(files.write_new("l", b"x").is_err());
        assert!(!dir.path().join("c").exists());
    }
}
