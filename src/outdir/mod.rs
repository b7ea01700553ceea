//! Output folders written as transactions: one writer at a time, and a
//! reader sees the previous complete output or the new complete one,
//! never a mix, whatever fails (issue 15; docs/integrity.md).
//!
//! ```text
//! OutputDir::open(OUT)   create OUT if missing, lock it (one writer),
//!                        check it is billet's, clean what killed runs left
//! .stage()               P/.N.billet-XXXXXX: an empty folder beside OUT
//!   … the run writes its whole output there …
//! .commit(keep)          carry over what is not this run's to write,
//!                        sync to disk, swap in with RENAME_EXCHANGE,
//!                        remove the old tree
//! (dropped uncommitted)  the staging folder is removed; OUT untouched
//! ```
//!
//! `.stage_sub("index")` does the same for one sub-folder of OUT, with
//! its staging inside OUT (`OUT/.billet/staging-*`).
//!
//! `OUT/.billet/` marks billet's folders; it also holds what survives
//! from run to run (a cache), moved into each new tree at the swap.

pub mod file;
pub mod lock;
mod registry;
pub mod swap;

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use self::file::{OutputFile, write_whole};
pub use self::lock::{Holder, Wait};
use self::lock::{LockError, lock_dir, lock_new_dir};
pub use self::registry::remove_open_staging;
use self::swap::{link_tree, remove_tree, swap_in, sync_dir, sync_tree};
use crate::error::FatalError;

/// The folder inside every output that marks it as billet's.
pub const MARK_DIR: &str = ".billet";
/// The marker file in [`MARK_DIR`], for people who wonder what it is.
const MARK_FILE: &str = "README.txt";
const MARK_TEXT: &str = "This folder was written by billet. billet replaces it \
whole on each run (a new folder swapped in), so files added here may be \
dropped, except names billet does not write. .billet/ holds billet's own \
state: do not edit it.\n";
/// Prefix of the sub-folder staging folders inside [`MARK_DIR`].
const SUB_STAGING: &str = "staging-";
/// Prefix, inside [`MARK_DIR`], of an old sub-folder put aside by the
/// portable swap (`old-index-PID`).
const SUB_ASIDE: &str = "old-";

/// What went wrong opening or committing an output folder; its message
/// names the folder and says what was left as it was.
#[derive(Debug)]
pub enum Error {
    /// `--out` names something that is not a folder.
    NotAFolder(PathBuf),
    /// `--out` is a mount point: it cannot be renamed.
    MountPoint(PathBuf),
    /// A non-empty folder that is not billet's.
    Foreign(PathBuf),
    /// A folder this kind of run may not replace ([`Open::accept`]
    /// said why).
    Refused(PathBuf, String),
    /// Another process holds the lock.
    Busy(PathBuf, Option<Holder>),
    /// The run was cancelled.
    Cancelled(PathBuf),
    /// A filesystem call failed: what billet was doing, where.
    Io(PathBuf, &'static str, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotAFolder(p) => {
                write!(f, "{}: exists and is not a folder", p.display())
            }
            Error::MountPoint(p) => write!(
                f,
                "{}: is a mount point, which billet cannot replace whole: \
                 give a folder inside it",
                p.display()
            ),
            Error::Foreign(p) => write!(
                f,
                "{}: not empty and not a billet output folder; billet \
                 replaces its output folder whole and will not write into \
                 a folder of yours: give a new or empty folder",
                p.display()
            ),
            Error::Refused(p, why) => write!(
                f,
                "{}: {why}: not replaced (give a new or empty folder)",
                p.display()
            ),
            Error::Busy(p, Some(h)) => write!(
                f,
                "{}: another billet run is writing it ({h}); try again \
                 once it ends, or add --wait",
                p.display()
            ),
            Error::Busy(p, None) => write!(
                f,
                "{}: another process is writing it (it cannot be named \
                 here); try again once it ends, or add --wait",
                p.display()
            ),
            Error::Cancelled(p) => {
                write!(f, "{}: interrupted: left as it was", p.display())
            }
            Error::Io(p, doing, e) => {
                write!(f, "{}: {doing}: {e}", p.display())
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<Error> for FatalError {
    fn from(e: Error) -> FatalError {
        match e {
            Error::Cancelled(_) => FatalError::interrupted(e.to_string()),
            _ => FatalError::new(e.to_string()),
        }
    }
}

/// How to open an output folder.
#[derive(Clone, Copy, Default)]
pub struct Open<'a> {
    /// Create it (and its parents) if it is missing.
    pub create: bool,
    /// Whether to wait for another writer.
    pub wait: Wait,
    /// What this kind of run writes in it (an unmarked folder holding
    /// nothing else is an output of an earlier billet).
    pub keep: Keep<'a>,
    /// Which folders this kind of run may replace, instead of billet's
    /// output folders: given the folder (locked), why not, if not. An
    /// export folder is one, a folder of `billet analyze` is not.
    pub accept: Option<Accept<'a>>,
}

/// Whether a folder may be replaced: `Err(why not)`.
pub type Accept<'a> = &'a (dyn Fn(&Path) -> Result<(), String> + Sync);

impl fmt::Debug for Open<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Open")
            .field("create", &self.create)
            .field("wait", &self.wait)
            .field("keep", &self.keep)
            .field("accept", &self.accept.map(|_| "…"))
            .finish()
    }
}

/// What a run owns in an output folder, so that what it does not own
/// survives the swap.
#[derive(Clone, Copy, Debug, Default)]
pub struct Keep<'a> {
    /// Top-level names this kind of run writes: dropped when a run no
    /// longer writes them (billet's own, from an earlier run).
    pub owned: &'a [&'a str],
    /// Sub-folders whose files with this suffix are billet's (e.g.
    /// `("articles", ".json")`); their other files are carried over.
    pub owned_files: &'a [(&'a str, &'a str)],
    /// The run writes the whole folder (an export): nothing of the old
    /// one is carried over but billet's state in [`MARK_DIR`].
    pub all: bool,
}

/// An output folder, locked for writing until dropped.
#[derive(Debug)]
pub struct OutputDir {
    /// The folder, its path made absolute (symbolic links followed).
    path: PathBuf,
    parent: PathBuf,
    name: OsString,
    /// Locks held: on the folder found at `path`, and on each folder
    /// swapped in since (the path names one of them at every instant).
    locks: Mutex<Vec<File>>,
    /// Whether its folders carry [`MARK_DIR`]: not those a kind of run
    /// recognises itself ([`Open::accept`]: an export has its own
    /// marker, and a site's Pagefind bundle gets no hidden folder).
    marked: bool,
}

impl OutputDir {
    /// Opens the output folder `path` for writing: creates it (and its
    /// parents) if `how.create` and it is missing, takes its lock (or
    /// waits as `how.wait` says, calling `on_wait` once with the holder,
    /// giving up if `cancelled()`), checks it is billet's, and removes
    /// what runs killed earlier left.
    pub fn open(
        path: &Path,
        how: &Open<'_>,
        cancelled: &dyn Fn() -> bool,
        on_wait: &mut dyn FnMut(Option<&Holder>),
    ) -> Result<OutputDir, Error> {
        let (create, wait) = (how.create, how.wait);
        let io = |doing| {
            let p = path.to_path_buf();
            move |e| Error::Io(p, doing, e)
        };
        let (parent, name) =
            resolve(path, create).map_err(io("cannot open"))?;
        let out = parent.join(&name);
        let prefix = staging_prefix(&name);
        match fs::symlink_metadata(&out) {
            Ok(meta) if !meta.is_dir() => {
                return Err(Error::NotAFolder(path.to_path_buf()));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                restore_aside(&parent, &prefix, &out);
                if create {
                    match fs::create_dir(&out) {
                        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                            return Err(io("cannot create")(e));
                        }
                        _ => {}
                    }
                } else if fs::symlink_metadata(&out).is_err() {
                    return Err(io("cannot open")(e));
                }
            }
            Err(e) => return Err(io("cannot open")(e)),
        }
        let lock =
            lock_dir(&out, wait, cancelled, on_wait).map_err(|e| match e {
                LockError::Busy(h) => Error::Busy(path.to_path_buf(), h),
                LockError::Cancelled => Error::Cancelled(path.to_path_buf()),
                LockError::Io(e) => io("cannot lock")(e),
            })?;
        let meta = lock.metadata().map_err(io("cannot open"))?;
        let parent_meta = fs::metadata(&parent).map_err(io("cannot open"))?;
        if meta.dev() != parent_meta.dev() {
            return Err(Error::MountPoint(path.to_path_buf()));
        }
        match how.accept {
            Some(accept) => {
                if let Err(why) = accept(&out) {
                    return Err(Error::Refused(path.to_path_buf(), why));
                }
            }
            None => {
                if !is_billets(&out, &how.keep).map_err(io("cannot read"))? {
                    return Err(Error::Foreign(path.to_path_buf()));
                }
            }
        }
        // Marked at once: a folder billet created, or adopted, stays
        // known as billet's even if this run is killed.
        let marked = how.accept.is_none();
        if marked {
            mark(&out).map_err(io("cannot write"))?;
        }
        let dir = OutputDir {
            path: out,
            parent,
            name,
            locks: Mutex::new(vec![lock]),
            marked,
        };
        dir.remove_debris();
        Ok(dir)
    }

    /// The output folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `OUT/.billet/NAME`: billet's state in the live output (a cache
    /// to read), which may not exist. Only read it while this lock is
    /// held; the new state goes into [`Staging::state_dir`].
    pub fn state_dir(&self, name: &str) -> PathBuf {
        self.path.join(MARK_DIR).join(name)
    }

    /// Begins a new whole output: an empty staging folder beside OUT
    /// (marked, and locked so that it is locked once swapped in).
    pub fn stage(&self) -> Result<Staging<'_>, Error> {
        let io = |e| {
            Error::Io(self.path.clone(), "cannot create its staging folder", e)
        };
        let dir = tempfile::Builder::new()
            .prefix(&staging_prefix(&self.name))
            .tempdir_in(&self.parent)
            .map_err(io)?
            .keep();
        registry::register(&dir);
        let mut staging = Staging {
            out: self,
            dir,
            target: self.path.clone(),
            whole: true,
            lock: None,
            done: false,
        };
        let mode = fs::metadata(&self.path).map_err(io)?.permissions();
        fs::set_permissions(&staging.dir, mode).map_err(io)?;
        if self.marked {
            mark(&staging.dir).map_err(io)?;
        }
        staging.lock = Some(lock_new_dir(&staging.dir).map_err(io)?);
        Ok(staging)
    }

    /// Begins a new version of the sub-folder `name` of OUT (the index),
    /// staged inside OUT's [`MARK_DIR`].
    pub fn stage_sub(&self, name: &str) -> Result<Staging<'_>, Error> {
        let io = |e| {
            Error::Io(
                self.path.join(name),
                "cannot create its staging folder",
                e,
            )
        };
        let marks = self.path.join(MARK_DIR);
        mark(&self.path).map_err(io)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!("{SUB_STAGING}{name}-"))
            .tempdir_in(&marks)
            .map_err(io)?
            .keep();
        registry::register(&dir);
        let staging = Staging {
            out: self,
            dir,
            target: self.path.join(name),
            whole: false,
            lock: None,
            done: false,
        };
        set_mode(&staging.dir, 0o755).map_err(io)?;
        Ok(staging)
    }

    /// Removes what killed runs left: staging folders beside OUT, sub-folder
    /// staging inside it, and the temporary files and folders of billet
    /// versions before issue 15 (`.billet-*.tmp`, `.index-tmp-*`,
    /// `.index-old-*`). Only billet's names; failures are ignored (the
    /// next run tries again). Those versions also left `.billet-*.tmp`
    /// files in `articles/`: they are not looked for here (reading a
    /// folder of 8,400 article files costs ~6 ms on tmpfs, every run) but
    /// never carried into a new output ([`carry`]), so they leave with
    /// the tree the next analysis replaces.
    fn remove_debris(&self) {
        let prefix = staging_prefix(&self.name);
        let names = |dir: &Path| -> Vec<(String, PathBuf)> {
            fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| (lossy(&e.file_name()).into_owned(), e.path()))
                .collect()
        };
        for (name, path) in names(&self.parent) {
            // Whatever its state: a run killed while marking its staging
            // folder, or while removing the old tree after a swap (the
            // marker may go before the rest), leaves it unmarked.
            if name.starts_with(&prefix) {
                let _ = remove_tree(&path);
            }
        }
        for (name, path) in names(&self.path.join(MARK_DIR)) {
            if name.starts_with(SUB_STAGING) {
                let _ = remove_tree(&path);
            } else if let Some(sub) = aside_of(&name) {
                // A run killed between the two renames of a portable
                // swap of a sub-folder: the old one goes back, if the
                // new one is not in place.
                let target = self.path.join(sub);
                if fs::symlink_metadata(&target).is_err() {
                    let _ = fs::rename(&path, &target);
                } else {
                    let _ = remove_tree(&path);
                }
            }
        }
        for (name, path) in names(&self.path) {
            if is_old_debris(&name) {
                let _ = remove_tree(&path);
            }
        }
    }
}

/// A folder being written, to be swapped in by [`Staging::commit`];
/// removed if dropped uncommitted.
#[derive(Debug)]
pub struct Staging<'a> {
    out: &'a OutputDir,
    dir: PathBuf,
    /// Where it goes: OUT, or a sub-folder of OUT.
    target: PathBuf,
    whole: bool,
    lock: Option<File>,
    done: bool,
}

impl Staging<'_> {
    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// `.billet/NAME` in the staging tree, created: where a run writes
    /// state that goes with its output (the cache of issue 16). When the
    /// run writes one, the old tree's `.billet/NAME` leaves with the old
    /// tree; when it does not, the old one is carried over at the swap.
    pub fn state_dir(&self, name: &str) -> io::Result<PathBuf> {
        let dir = self.dir.join(MARK_DIR).join(name);
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Swaps the staged folder in. A whole output first gets what it
    /// does not write itself (see [`Keep`]) from the old one; everything
    /// is synced to disk before the swap; the old folder is removed
    /// after it. On an error, or if the run was cancelled, the target is
    /// left as it was.
    pub fn commit(
        mut self,
        keep: &Keep<'_>,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Committed, Error> {
        let target = self.target.clone();
        let io = |doing: &'static str| {
            let p = self.out.path.clone();
            move |e| Error::Io(p, doing, e)
        };
        let mut moves = Vec::new();
        if self.whole {
            moves = carry(&self.target, &self.dir, keep).map_err(io(
                "cannot carry over the files that are not billet's",
            ))?;
        }
        sync_tree(&self.dir)
            .map_err(io("cannot write the new output to disk"))?;
        let mut staging = registry::open();
        if cancelled() {
            drop(staging);
            return Err(Error::Cancelled(self.out.path.clone()));
        }
        let mut moved = Vec::new();
        for (from, to) in &moves {
            if let Err(e) = fs::rename(from, to) {
                undo(&moved);
                return Err(io("cannot move billet's state over")(e));
            }
            moved.push((from.clone(), to.clone()));
        }
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        let pid = std::process::id();
        // Where the portable swap puts the old folder: beside OUT, or
        // in OUT's .billet/ for a sub-folder (so that the next run finds
        // it and puts it back if killed in between).
        let aside = || {
            if self.whole {
                let prefix = staging_prefix(&self.out.name);
                parent.join(format!("{prefix}old-{pid}"))
            } else {
                let sub = target.file_name().unwrap_or_default();
                let sub = sub.to_string_lossy();
                parent
                    .join(MARK_DIR)
                    .join(format!("{SUB_ASIDE}{sub}-{pid}"))
            }
        };
        let old = match swap_in(&self.dir, &target, aside) {
            Ok(old) => old,
            Err(e) => {
                undo(&moved);
                return Err(io("cannot swap the new output in")(e));
            }
        };
        // The staging path now names the old tree (or nothing).
        self.done = true;
        staging.retain(|d| d != &self.dir);
        if let Some(old) = &old {
            staging.push(old.clone());
        }
        drop(staging);
        if let Some(lock) = self.lock.take() {
            self.out
                .locks
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(lock);
        }
        // The new output is in place: what is left cannot undo it, and
        // what it fails to do the next run does (its debris removal).
        let unsynced = sync_dir(&parent).err();
        if let Some(old) = old {
            let _ = remove_tree(&old);
            registry::unregister(&old);
        }
        Ok(Committed { target, unsynced })
    }
}

/// A folder swapped in by [`Staging::commit`].
#[derive(Debug)]
pub struct Committed {
    target: PathBuf,
    /// Syncing the folder that holds the target failed after the swap:
    /// the new folder is complete and in place, but after a power cut
    /// the target may be the old one again.
    pub unsynced: Option<io::Error>,
}

impl Committed {
    /// What to tell the user, if anything.
    pub fn warning(&self) -> Option<String> {
        self.unsynced.as_ref().map(|e| {
            format!(
                "warning: {}: the new output is in place, but the folder \
                 holding it could not be synced to disk ({e}): after a \
                 power cut it may be the previous output again",
                self.target.display()
            )
        })
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_tree(&self.dir);
            registry::unregister(&self.dir);
        }
    }
}

/// The text of a path or file name, as `to_string_lossy` gives it:
/// that walks the bytes in chunks (~600 instructions for a 60-byte
/// path), while the UTF-8 check of `to_str`, which almost every path
/// passes, takes a fraction of it.
pub(crate) fn lossy(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    match name.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => name.to_string_lossy(),
    }
}

/// Moves back what [`Staging::commit`] moved before a failed swap.
fn undo(moved: &[(PathBuf, PathBuf)]) {
    for (from, to) in moved.iter().rev() {
        let _ = fs::rename(to, from);
    }
}

/// The absolute parent and the name of the output folder `path`, the
/// parent created if `create`. A path that exists is resolved whole
/// (`.`, `..`, symbolic links).
fn resolve(path: &Path, create: bool) -> io::Result<(PathBuf, OsString)> {
    let full = if path.exists() {
        path.canonicalize()?
    } else {
        let name = path.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "not a folder name")
        })?;
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if create {
            fs::create_dir_all(&parent)?;
        }
        parent.canonicalize()?.join(name)
    };
    match (full.parent(), full.file_name()) {
        (Some(parent), Some(name)) => {
            Ok((parent.to_path_buf(), name.to_os_string()))
        }
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the root folder cannot be an output folder",
        )),
    }
}

/// `.N.billet-`: the names of OUT's staging folders, beside it.
fn staging_prefix(name: &OsString) -> String {
    format!(".{}.billet-", name.to_string_lossy())
}

/// Whether `dir` is billet's: marked, or an output of a billet from
/// before the marker (both `corpus.json` and `articles.jsonl`, or
/// nothing but names billet writes), or empty.
fn is_billets(dir: &Path, keep: &Keep<'_>) -> io::Result<bool> {
    if dir.join(MARK_DIR).join(MARK_FILE).is_file()
        || (dir.join("corpus.json").is_file()
            && dir.join("articles.jsonl").is_file())
    {
        return Ok(true);
    }
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = lossy(&name);
        if !keep.owned.contains(&&*name)
            && name != MARK_DIR
            && !is_old_debris(&name)
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Marks `dir` as billet's.
fn mark(dir: &Path) -> io::Result<()> {
    let marks = dir.join(MARK_DIR);
    match fs::create_dir(&marks) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    set_mode(&marks, 0o755)?;
    let file = marks.join(MARK_FILE);
    if !file.is_file() {
        fs::write(file, MARK_TEXT)?;
    }
    Ok(())
}

fn set_mode(dir: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(mode))
}

/// Temporary names of billet versions before issue 15.
fn is_old_debris(name: &str) -> bool {
    (name.starts_with(".billet-") && name.ends_with(".tmp"))
        || name.starts_with(".index-tmp-")
        || name.starts_with(".index-old-")
}

/// Puts into `new` (hard links) what `old` holds that this run does not
/// write and that is not billet's to drop; returns the sub-folders of
/// `old`'s [`MARK_DIR`] to move into `new`'s at the swap.
fn carry(
    old: &Path,
    new: &Path,
    keep: &Keep<'_>,
) -> io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut moves = Vec::new();
    for entry in fs::read_dir(old)? {
        let entry = entry?;
        let name = entry.file_name();
        let name_s = lossy(&name);
        let (from, to) = (entry.path(), new.join(&name));
        if name_s == MARK_DIR {
            for e in fs::read_dir(&from)? {
                let e = e?;
                let n = e.file_name();
                let n_s = lossy(&n);
                let to = to.join(&n);
                if n_s != MARK_FILE
                    && !n_s.starts_with(SUB_STAGING)
                    && aside_of(&n_s).is_none()
                    && !to.exists()
                {
                    moves.push((e.path(), to));
                }
            }
            continue;
        }
        if is_old_debris(&name_s) || keep.all {
            continue;
        }
        if fs::symlink_metadata(&to).is_ok() {
            let Some((_, suffix)) =
                keep.owned_files.iter().find(|(dir, _)| *dir == name_s)
            else {
                continue;
            };
            if !entry.file_type()?.is_dir() || !to.is_dir() {
                continue;
            }
            for e in fs::read_dir(&from)? {
                let e = e?;
                let n = e.file_name();
                let n_s = lossy(&n);
                // Most are the run's own files: skipped by name alone.
                if n_s.ends_with(suffix) || is_old_debris(&n_s) {
                    continue;
                }
                let to = to.join(&n);
                if fs::symlink_metadata(&to).is_err() {
                    link_tree(&e.path(), &to)?;
                }
            }
            continue;
        }
        if keep.owned.iter().any(|o| *o == name_s) {
            continue;
        }
        link_tree(&from, &to)?;
    }
    Ok(moves)
}

/// When OUT is missing and a run killed between the two renames of the
/// portable swap left the old tree aside, puts it back. An aside tree
/// still locked belongs to a live run between its two renames: its
/// second rename is microseconds away, so this waits for it (up to a
/// second) rather than take its old tree back.
fn restore_aside(parent: &Path, prefix: &str, out: &Path) {
    let aside = format!("{prefix}old-");
    let until = Instant::now() + Duration::from_secs(1);
    loop {
        let Ok(entries) = fs::read_dir(parent) else {
            return;
        };
        let mut busy = false;
        for e in entries.flatten() {
            if !e.file_name().to_string_lossy().starts_with(&aside) {
                continue;
            }
            let Ok(dir) = File::open(e.path()) else {
                continue;
            };
            match dir.try_lock() {
                Ok(()) => {
                    let _ = fs::rename(e.path(), out);
                    return;
                }
                Err(fs::TryLockError::WouldBlock) => busy = true,
                Err(fs::TryLockError::Error(_)) => {}
            }
        }
        if !busy || fs::symlink_metadata(out).is_ok() || Instant::now() > until
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The sub-folder whose old version `name` (in [`MARK_DIR`]) is, put
/// aside by a portable swap: `old-index-1234` → `index`.
fn aside_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(SUB_ASIDE)?;
    let (sub, pid) = rest.rsplit_once('-')?;
    (!sub.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(sub)
}

#[cfg(test)]
mod tests;
