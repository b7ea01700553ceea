//! Output files written whole: each file to a temporary name in its
//! folder and renamed into place, so a reader (or a run killed at any
//! moment) only ever sees a whole old file or a whole new one; the
//! article files of a fresh output folder as a whole folder
//! ([`ArticleFolder`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder, then renamed over `path`. A run killed at any moment leaves
/// the old file or the new one, never a torn one. (No fsync: it would
/// cost more than the analysis on large corpora, and a rerun gives the
/// same bytes.)
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = temp_output(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file for an output, in `dir`, named `.billet-*.tmp`
/// and readable by others (mode 0644, less the umask): tempfile
/// creates files 0600, but outputs are for other programs (a search
/// engine's bulk loader, a web server) to read.
pub fn temp_output(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".billet-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// The folder of per-article files, written as a whole when it can be.
///
/// When the folder is empty (a fresh `--out`), files are created under
/// their own names in a staging folder beside it (`.billet-*.tmp`),
/// which [`ArticleFolder::finish`] renames over the empty folder: a
/// reader sees no article or all of them, and each file costs three
/// system calls instead of four, which matters because one thread
/// creates them all. When the folder already holds files (an earlier
/// run's, or anyone's), each file is written with [`write_atomic`] and
/// replaces only its namesake; nothing else there is touched.
#[derive(Debug)]
pub struct ArticleFolder {
    target: PathBuf,
    staging: Option<tempfile::TempDir>,
}

impl ArticleFolder {
    /// Prepares to write into `target`, an existing folder.
    pub fn open(target: &Path) -> io::Result<ArticleFolder> {
        let empty = fs::read_dir(target)?.next().is_none();
        let staging = match (empty, target.parent()) {
            (true, Some(parent)) => {
                let mut builder = tempfile::Builder::new();
                builder.prefix(".billet-").suffix(".tmp");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(fs::Permissions::from_mode(0o755));
                }
                Some(builder.tempdir_in(parent)?)
            }
            _ => None,
        };
        Ok(ArticleFolder {
            target: target.to_path_buf(),
            staging,
        })
    }

    /// Whether files are staged, to appear together on
    /// [`ArticleFolder::finish`].
    pub fn is_staged(&self) -> bool {
        self.staging.is_some()
    }

    /// Writes the file `name` (a plain file name, unique in this run).
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        match &self.staging {
            Some(staging) => {
                let mut file =
                    fs::File::create_new(staging.path().join(name))?;
                file.write_all(bytes)
            }
            None => write_atomic(&self.target.join(name), bytes),
        }
    }

    /// Puts the staged files in place. Dropping an unfinished folder
    /// removes its staged files: the target stays as it was.
    pub fn finish(self) -> io::Result<()> {
        let Some(mut staging) = self.staging else {
            return Ok(());
        };
        // Renaming a folder over an empty one replaces it atomically.
        if fs::rename(staging.path(), &self.target).is_ok() {
            staging.disable_cleanup(true);
            return Ok(());
        }
        // The target gained files during the run (or is not a plain
        // folder): move the files one by one, each rename atomic.
        for entry in fs::read_dir(staging.path())? {
            let entry = entry?;
            fs::rename(entry.path(), self.target.join(entry.file_name()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    /// Names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_empty_article_folder_appears_whole() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        assert!(folder.is_staged());
        folder.write("a.json", b"{}").unwrap();
        folder.write("b.json", b"[]").unwrap();
        assert!(names(&target).is_empty(), "nothing visible before finish");
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "b.json"]);
        assert_eq!(fs::read(target.join("b.json")).unwrap(), b"[]");
        assert_eq!(names(out.path()), ["articles"], "no staging left");
    }

    #[test]
    fn an_unfinished_article_folder_leaves_nothing() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        folder.write("a.json", b"{}").unwrap();
        drop(folder);
        assert_eq!(names(out.path()), ["articles"]);
        assert!(names(&target).is_empty());
    }

    #[test]
    fn a_used_article_folder_keeps_other_files() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a.json"), "old").unwrap();
        fs::write(target.join("mine.txt"), "keep").unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        assert!(!folder.is_staged());
        folder.write("a.json", b"new").unwrap();
        folder.write("b.json", b"[]").unwrap();
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "b.json", "mine.txt"]);
        assert_eq!(fs::read(target.join("a.json")).unwrap(), b"new");
        assert_eq!(fs::read(target.join("mine.txt")).unwrap(), b"keep");
    }

    /// A file that appears in the folder while it is staged is kept:
    /// the staged files join it one by one.
    #[test]
    fn a_folder_filled_meanwhile_gets_the_files_one_by_one() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("articles");
        fs::create_dir(&target).unwrap();
        let folder = ArticleFolder::open(&target).unwrap();
        folder.write("a.json", b"{}").unwrap();
        fs::write(target.join("mine.txt"), "keep").unwrap();
        folder.finish().unwrap();
        assert_eq!(names(&target), ["a.json", "mine.txt"]);
        assert_eq!(names(out.path()), ["articles"], "no staging left");
    }
}
