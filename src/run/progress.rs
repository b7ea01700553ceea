//! What a run tells its caller while it goes, and how the caller stops
//! it: the [`Progress`] trait. The library draws nothing and installs no
//! signal handler; the `billet` binary implements the trait with a
//! progress bar on a terminal and a Ctrl-C flag.

/// Progress through a run, messages for the user, and a way to stop.
///
/// Every method has a default that does nothing, so a program that
/// needs none of it passes [`Silent`]. Methods are called from worker
/// threads too (hence `Sync`), a few times per input file: they must be
/// cheap.
pub trait Progress: Sync {
    /// The run has `total` steps: two per input file (reading, then
    /// analysing).
    fn start(&self, total: u64) {
        let _ = total;
    }

    /// A new phase begins: `"lecture"` (reading and parsing), then
    /// `"analyse"`.
    fn phase(&self, name: &'static str) {
        let _ = name;
    }

    /// One step done (one file read, or analysed).
    fn step(&self) {}

    /// No step is left: a progress bar can go.
    fn finish(&self) {}

    /// A line for the user, as `path: what happened`: an input that
    /// failed (it is also in `errors.jsonl`) or a warning about one.
    fn message(&self, text: &str) {
        let _ = text;
    }

    /// Whether the user asked to stop (Ctrl-C). Checked between files:
    /// the run then stops before it writes anything, or between two
    /// chunks of article files, and returns an error that says what was
    /// written ([`crate::FatalError::interrupted`]).
    fn cancelled(&self) -> bool {
        false
    }
}

/// A [`Progress`] that shows nothing and never stops a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {}
