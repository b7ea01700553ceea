//! The staging folders and part files this process has open, so that a
//! signal handler about to end the process can remove them at once
//! ([`remove_open_staging`]).
//!
//! One list per process, like the process's open files: a staging
//! folder is what this process would leave behind if it ended now.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

static OPEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The list, locked. A swap holds it, so that [`remove_open_staging`]
/// never removes a folder half-way while it is being swapped in (and
/// after a swap the list names the old tree).
pub(super) fn open() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding it leaves a list that is still right.
    OPEN.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn register(path: &Path) {
    open().push(path.to_path_buf());
}

pub(super) fn unregister(path: &Path) {
    open().retain(|p| p != path);
}

/// Removes, now, every staging folder and part file this process has
/// open: for a signal handler that ends the process without waiting for
/// the run to unwind (a run that unwinds removes its own). Waits for a
/// swap in progress to finish first.
pub fn remove_open_staging() {
    let list = open();
    for path in list.iter() {
        let _ = super::swap::remove_tree(path);
    }
}
