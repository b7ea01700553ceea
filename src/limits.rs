//! Limits every stage agrees on, in one place below everything else, so
//! that a stage and the error that reports it never import each other.

/// Files larger than this are reported (`ErrorKind::TooLarge`), not
/// read: 1 GiB, far beyond any post, and a bound on the memory one
/// worker may take.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
