//! A file's stamp: what its metadata said just before a run read it, and
//! when that proves, on a later run, that it was not written since, so
//! that the cache's record of it can be taken without reading it (see
//! [`Stamp`], and docs/performance/incremental.md, "Files a rerun does not
//! read").

use std::fs::Metadata;
use std::path::Path;
use std::sync::RwLock;

use rustc_hash::FxHashMap;

use super::codec::{Reader, put};

/// The file systems (`statfs`'s `f_type`) whose files are stamped: local
/// ones, whose times come from this machine's clock and whose `stat` is
/// never stale. On a network file system (NFS, SMB, Ceph), through FUSE
/// or 9p, a `stat` may answer from a cache or a clock of elsewhere:
/// files there are read and hashed on every run.
const LOCAL_FS: [u32; 15] = [
    0xEF53,      // ext2, ext3, ext4
    0x5846_5342, // XFS
    0x9123_683E, // Btrfs
    0x0102_1994, // tmpfs
    0x8584_58F6, // ramfs
    0xF2F5_2010, // F2FS
    0x2FC1_2FC1, // ZFS
    0xCA45_1A4E, // bcachefs
    0x794C_7630, // overlayfs
    0x3153_464A, // JFS
    0x3434,      // NILFS
    0x4D44,      // FAT (vfat, msdos)
    0x2011_BAB0, // exFAT
    0x7366_746E, // NTFS (ntfs3)
    0x482B,      // HFS+
];

/// Which devices hold a file system of [`LOCAL_FS`], each asked once.
#[derive(Default)]
pub(super) struct LocalFs(RwLock<FxHashMap<u64, bool>>);

impl LocalFs {
    /// The stamp of the file at `path` from its metadata `meta`; none
    /// off Linux, on a file system that is not local, or past what 64
    /// bits of nanoseconds hold (before 1678, after 2262).
    #[cfg(target_os = "linux")]
    pub(super) fn stamp(&self, path: &Path, meta: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let dev = meta.dev();
        let known = self.0.read().ok().and_then(|m| m.get(&dev).copied());
        let local = known.unwrap_or_else(|| {
            let local = rustix::fs::statfs(path)
                .is_ok_and(|fs| LOCAL_FS.contains(&(fs.f_type as u32)));
            if let Ok(mut m) = self.0.write() {
                m.insert(dev, local);
            }
            local
        });
        if !local {
            return None;
        }
        let ns = |s: i64, n: i64| s.checked_mul(NS)?.checked_add(n);
        Some(Stamp {
            dev,
            ino: meta.ino(),
            size: meta.size(),
            mtime: ns(meta.mtime(), meta.mtime_nsec())?,
            ctime: ns(meta.ctime(), meta.ctime_nsec())?,
        })
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn stamp(&self, _: &Path, _: &Metadata) -> Option<Stamp> {
        None
    }
}

/// Nanoseconds in a second.
const NS: i64 = 1_000_000_000;

/// How much older than the start of the run that stamped a file its
/// time stamps must be for [`Stamp::settled`]: a clock tick (the kernel
/// stamps files with a clock that lags by up to one, 10 ms at worst)
/// and the file system's granularity (10 ms on exFAT, 100 ns on NTFS,
/// 1 ns on ext4, XFS, Btrfs and tmpfs), with room to spare…
const MARGIN_NS: i64 = 50_000_000;
/// …and for whole-second time stamps: FAT's are cut to 2 s, ext3's and
/// HFS+'s to 1 s.
const WHOLE_SECONDS_MARGIN_NS: i64 = 3 * NS;

/// What a file's metadata said just before a run read it: device,
/// inode, size and the times of its last write (mtime) and of its last
/// change of any kind (ctime), in nanoseconds since the epoch. Any write
/// moves both times, and no program can set ctime back, so a file whose
/// metadata is still exactly its stamp was not written since, unless
/// the write fell within the same tick of the kernel's clock, as seen
/// through the file system's granularity, as the write before it
/// (git's "racy" files): the stamp only proves something when it is
/// [`Stamp::settled`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    ctime: i64,
}

impl Stamp {
    /// The stamp as a name: its five numbers, in hexadecimal.
    pub(super) fn name(&self) -> String {
        format!(
            "stamp-{:x}-{:x}-{:x}-{:x}-{:x}",
            self.dev, self.ino, self.size, self.mtime, self.ctime
        )
    }

    /// Whether the stamp, taken after the moment `began`, proves that a
    /// file still bearing it was not written since it was taken: its two
    /// times are older than `began` by more than a tick and a granule,
    /// so any later write stamps the file with a later time. A file
    /// written just before or while a run read it is read again by the
    /// next run (and stamped anew).
    pub(super) fn settled(&self, began: i64) -> bool {
        [self.mtime, self.ctime].into_iter().all(|t| {
            let margin = if t.rem_euclid(NS) == 0 {
                WHOLE_SECONDS_MARGIN_NS
            } else {
                MARGIN_NS
            };
            t.checked_add(margin).is_some_and(|t| t < began)
        })
    }
}

/// The clock as [`Stamp::settled`] compares with: nanoseconds since the
/// epoch (`i64::MIN`, which settles nothing, when it says before 1970).
pub(super) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(i64::MIN)
}

pub(super) fn put_stamp(w: &mut Vec<u8>, stamp: Option<Stamp>) {
    match stamp {
        None => put(w, 0),
        Some(s) => {
            put(w, 1);
            for n in [s.dev, s.ino, s.size, s.mtime as u64, s.ctime as u64] {
                w.extend_from_slice(&n.to_le_bytes());
            }
        }
    }
}

pub(super) fn get_stamp(r: &mut Reader<'_>) -> Option<Option<Stamp>> {
    if !r.flag()? {
        return Some(None);
    }
    Some(Some(Stamp {
        dev: r.u64_fixed()?,
        ino: r.u64_fixed()?,
        size: r.u64_fixed()?,
        mtime: r.u64_fixed()? as i64,
        ctime: r.u64_fixed()? as i64,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stamp proves nothing until both its times are older than the
    /// run's start by a tick and a granule: 50 ms, or 3 s for times in
    /// whole seconds.
    #[test]
    fn a_stamp_settles_a_tick_and_a_granule_before_the_run() {
        let at = |mtime, ctime| Stamp {
            dev: 1,
            ino: 2,
            size: 3,
            mtime,
            ctime,
        };
        let began = 1_000 * NS + 500_000_000;
        let old = began - MARGIN_NS - 1;
        assert!(at(old, old).settled(began));
        assert!(!at(began - MARGIN_NS, old).settled(began), "mtime racy");
        assert!(!at(old, began - MARGIN_NS).settled(began), "ctime racy");
        assert!(!at(old, began + NS).settled(began), "from the future");
        // Whole seconds: 2.5 s before is not enough, 3.5 s is.
        assert!(!at(998 * NS, 998 * NS).settled(began));
        assert!(!at(old, 998 * NS).settled(began));
        assert!(at(997 * NS, 997 * NS).settled(began));
        assert!(!at(i64::MAX, old).settled(began));
        assert!(!at(old, old).settled(i64::MIN), "a clock before 1970");
    }

    /// The name the cache's header gives the binary by: two stamps that
    /// differ in any one number have different names.
    #[test]
    fn a_stamp_is_named_by_all_its_numbers() {
        let base = Stamp {
            dev: 1,
            ino: 2,
            size: 3,
            mtime: 4,
            ctime: 5,
        };
        let others = [
            Stamp { dev: 9, ..base },
            Stamp { ino: 9, ..base },
            Stamp { size: 9, ..base },
            Stamp { mtime: 9, ..base },
            Stamp { ctime: 9, ..base },
        ];
        assert_eq!(base.name(), "stamp-1-2-3-4-5");
        for other in others {
            assert_ne!(other.name(), base.name(), "{other:?}");
        }
    }
}
