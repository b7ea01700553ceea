//! Errors: one input that could not be analysed, with its path.
//!
//! A bad file is one `Err` in the results; the run goes on and the error
//! is written to `errors.jsonl`. Only the run-level [`FatalError`]s (bad
//! arguments, unwritable output folder, unreadable stopword file) stop a
//! run.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// One input that failed.
#[derive(Debug)]
pub struct Error {
    /// The input's path as given on disk.
    pub path: PathBuf,
    /// The input's path relative to its INPUT root (`source` in the
    /// output).
    pub source: String,
    /// What went wrong.
    pub kind: ErrorKind,
}

/// What went wrong with one input.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading failed.
    Io(io::Error),
    /// The file holds NUL or many control bytes: a binary file, not a
    /// post.
    Binary,
    /// The file is empty, or holds only whitespace.
    Empty,
    /// Not a regular file (a FIFO, socket or device): never read.
    NotRegular,
    /// The file is larger than billet reads.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// Walking the folder failed here (a symlink loop, a permission).
    Walk(String),
    /// `analyze --stats`: the stats file does not hold this file.
    NotInStats,
    /// `analyze --stats`: the file changed since it was counted.
    ChangedSinceStats,
    /// The file changed between the two passes of a run.
    ChangedDuringRun,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(e) => write!(f, "cannot read: {e}"),
            ErrorKind::Binary => {
                write!(
                    f,
                    "binary file (NUL or control bytes), not a post: skipped"
                )
            }
            ErrorKind::Empty => write!(f, "empty file: nothing to analyse"),
            ErrorKind::NotRegular => {
                write!(
                    f,
                    "not a regular file (FIFO, socket or device): skipped"
                )
            }
            ErrorKind::TooLarge { bytes } => write!(
                f,
                "file too large ({bytes} bytes, limit {} bytes): skipped",
                crate::limits::MAX_FILE_BYTES
            ),
            ErrorKind::Walk(msg) => write!(f, "{msg}"),
            ErrorKind::NotInStats => write!(
                f,
                "not in the --stats file (added since `billet stats`, or \
                 counted under another INPUT path): not written"
            ),
            ErrorKind::ChangedDuringRun => write!(
                f,
                "changed while billet was reading it: skipped; run again"
            ),
            ErrorKind::ChangedSinceStats => write!(
                f,
                "changed since `billet stats` counted it: not written; \
                 count its shard again and merge"
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

impl std::error::Error for Error {}

/// An error that stops the whole run (the binary exits with status 2, or
/// 130 when the user interrupted it).
#[derive(Debug)]
pub struct FatalError {
    /// What happened, and what was or was not written.
    pub message: String,
    /// The run was stopped by Ctrl-C.
    pub interrupted: bool,
}

impl FatalError {
    /// A fatal error with this message.
    pub fn new(message: String) -> FatalError {
        FatalError {
            message,
            interrupted: false,
        }
    }

    /// The run was interrupted; `message` says what was written.
    pub fn interrupted(message: String) -> FatalError {
        FatalError {
            message,
            interrupted: true,
        }
    }
}

impl fmt::Display for FatalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FatalError {}
