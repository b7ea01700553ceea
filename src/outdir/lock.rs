//! One writer per output folder: an advisory lock (`flock`) on the
//! folder's own inode, and who holds it.
//!
//! A flock belongs to the open file and dies with the process, so a run
//! killed in any way never leaves a lock that blocks anyone: there is no
//! lock file to judge stale. The holder is named from the kernel's own
//! table (`/proc/locks` on Linux: pid, then its command line and start
//! time from `/proc/PID`), not from a record a dead run may have left.

use std::fs::{File, Metadata};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Whether to wait for a busy output folder (`--wait[=SECS]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Wait {
    /// Give up at once (the default).
    #[default]
    No,
    /// Wait at most this long.
    For(Duration),
    /// Wait as long as it takes.
    Forever,
}

/// How often a waiting run tries the lock again.
const POLL: Duration = Duration::from_millis(100);

/// The process holding an output folder's lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Its process id.
    pub pid: u32,
    /// Its command line, program name without its folder.
    pub command: Option<String>,
    /// When it started.
    pub started: Option<SystemTime>,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pid {}", self.pid)?;
        if let Some(started) = self.started {
            let ago = SystemTime::now()
                .duration_since(started)
                .map_or(0, |d| d.as_secs());
            write!(f, ", started {} ({ago} s ago)", utc(started))?;
        }
        if let Some(command) = &self.command {
            write!(f, ": {command}")?;
        }
        Ok(())
    }
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it (named when it can be found).
    Busy(Option<Holder>),
    /// The wait was cancelled.
    Cancelled,
    /// The folder could not be opened or locked.
    Io(io::Error),
}

/// Locks the folder `dir` for writing: an open handle that holds the
/// lock until dropped. See [`lock_at`].
pub fn lock_dir(
    dir: &Path,
    wait: Wait,
    cancelled: &dyn Fn() -> bool,
    on_wait: &mut dyn FnMut(Option<&Holder>),
) -> Result<File, LockError> {
    lock_at(dir, &|| File::open(dir), wait, cancelled, on_wait)
}

/// Locks the file or folder at `path`, opened by `open`. With `wait`,
/// tries again every 100 ms and calls `on_wait` once with the holder.
/// Each try opens `path` again, and a lock taken is kept only if `path`
/// still names the inode locked (the holder may have renamed a new one
/// there meanwhile).
pub fn lock_at(
    path: &Path,
    open: &dyn Fn() -> io::Result<File>,
    wait: Wait,
    cancelled: &dyn Fn() -> bool,
    on_wait: &mut dyn FnMut(Option<&Holder>),
) -> Result<File, LockError> {
    let started = Instant::now();
    let mut told = false;
    loop {
        let file = open().map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {
                let locked = file.metadata().map_err(LockError::Io)?;
                match std::fs::metadata(path) {
                    Ok(now) if same_file(&locked, &now) => return Ok(file),
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(LockError::Io(e)),
                }
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder =
                    || file.metadata().ok().and_then(|m| holder_of(&m));
                let give_up = match wait {
                    Wait::No => true,
                    Wait::For(limit) => started.elapsed() >= limit,
                    Wait::Forever => false,
                };
                if give_up {
                    return Err(LockError::Busy(holder()));
                }
                if !told {
                    on_wait(holder().as_ref());
                    told = true;
                }
                if cancelled() {
                    return Err(LockError::Cancelled);
                }
                std::thread::sleep(POLL);
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(LockError::Io(e));
            }
        }
    }
}

/// Locks a folder nobody else can know of yet (a staging folder about to
/// be swapped in), so that the folder at the output's path is locked at
/// every instant.
pub fn lock_new_dir(dir: &Path) -> io::Result<File> {
    let file = File::open(dir)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            "a new staging folder is locked by someone else",
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Whether two metadata describe the same file.
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Who holds a flock on the file `meta` describes: the kernel's lock
/// table names the pid (Linux); `None` elsewhere, or when the table does
/// not say.
pub fn holder_of(meta: &Metadata) -> Option<Holder> {
    let table = std::fs::read_to_string("/proc/locks").ok()?;
    let dev = meta.dev();
    let key = format!(
        "{:02x}:{:02x}:{}",
        rustix::fs::major(dev),
        rustix::fs::minor(dev),
        meta.ino()
    );
    let pid = flock_holder(&table, &key)?;
    Some(Holder {
        pid,
        command: command_of(pid),
        started: start_of(pid),
    })
}

/// The pid of the FLOCK line of `/proc/locks` on the file `key`
/// (`MAJOR:MINOR:INODE`, as the table writes it). Lines look like
/// `3: FLOCK  ADVISORY  WRITE 7789 fe:00:5448147 0 EOF`; waiters are
/// marked `->` and skipped.
fn flock_holder(table: &str, key: &str) -> Option<u32> {
    table.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [_, "FLOCK", _, _, pid, file, ..] if *file == key => {
                pid.parse().ok()
            }
            _ => None,
        }
    })
}

/// The command line of `pid`, its program given by file name only.
fn command_of(pid: u32) -> Option<String> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let mut args = raw
        .split(|&b| b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned());
    let program = args.next()?;
    let program = Path::new(&program)
        .file_name()
        .map_or(program.clone(), |n| n.to_string_lossy().into_owned());
    Some(
        std::iter::once(program)
            .chain(args)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// When `pid` started: its start in clock ticks after boot
/// (`/proc/PID/stat`, field 22) plus the boot time (`/proc/stat`).
fn start_of(pid: u32) -> Option<SystemTime> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count
    // fields after its closing one.
    let after = &stat[stat.rfind(')')? + 1..];
    let ticks: u64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let boot: u64 = std::fs::read_to_string("/proc/stat")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    let hz = rustix::param::clock_ticks_per_second().max(1);
    let millis = boot * 1000 + ticks * 1000 / hz;
    Some(UNIX_EPOCH + Duration::from_millis(millis))
}

/// `2026-12-04 05:01:02 UTC`.
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_426), (2025, 12, 4));
        assert_eq!(
            utc(UNIX_EPOCH + Duration::from_secs(1_764_824_462)),
            "2025-12-04 05:01:02 UTC"
        );
    }

    #[test]
    fn the_lock_table_is_read_by_file() {
        let table = "1: FLOCK  ADVISORY  WRITE 9364 fe:00:5900630 0 EOF\n\
                     2: POSIX  ADVISORY  WRITE 77 fe:00:42 0 EOF\n\
                     3: FLOCK  ADVISORY  WRITE 7789 fe:00:42 0 EOF\n\
                     3: -> FLOCK  ADVISORY  WRITE 7790 fe:00:42 0 EOF\n";
        assert_eq!(flock_holder(table, "fe:00:42"), Some(7789));
        assert_eq!(flock_holder(table, "fe:00:5900630"), Some(9364));
        assert_eq!(flock_holder(table, "fe:00:4"), None);
    }

    #[test]
    fn a_second_lock_is_refused_and_names_this_process() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock_dir(dir.path(), Wait::No, &|| false, &mut |_| {})
            .expect("free");
        match lock_dir(dir.path(), Wait::No, &|| false, &mut |_| {}) {
            Err(LockError::Busy(holder)) => {
                if std::path::Path::new("/proc/locks").exists() {
                    let h = holder.expect("named on Linux");
                    assert_eq!(h.pid, std::process::id());
                    assert!(h.started.is_some());
                    assert!(h.command.is_some());
                }
            }
            other => panic!("{other:?}"),
        }
        let t = Instant::now();
        let waited = lock_dir(
            dir.path(),
            Wait::For(Duration::from_millis(250)),
            &|| false,
            &mut |_| {},
        );
        assert!(matches!(waited, Err(LockError::Busy(_))));
        assert!(t.elapsed() >= Duration::from_millis(250));
        drop(held);
        lock_dir(dir.path(), Wait::No, &|| false, &mut |_| {}).expect("free");
    }

    #[test]
    fn a_swapped_folder_is_locked_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let other = dir.path().join("other");
        std::fs::create_dir(&out).unwrap();
        std::fs::create_dir(&other).unwrap();
        let old = lock_dir(&out, Wait::No, &|| false, &mut |_| {}).unwrap();
        // The holder swaps a new folder in, locked beforehand.
        let new = lock_new_dir(&other).unwrap();
        std::fs::rename(&out, dir.path().join("aside")).unwrap();
        std::fs::rename(&other, &out).unwrap();
        assert!(matches!(
            lock_dir(&out, Wait::No, &|| false, &mut |_| {}),
            Err(LockError::Busy(_))
        ));
        drop((old, new));
        lock_dir(&out, Wait::No, &|| false, &mut |_| {}).unwrap();
    }
}
