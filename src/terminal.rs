//! The terminal side of a run: the progress bar (indicatif, on a
//! terminal only, never in pipes or CI), messages printed around it, and
//! Ctrl-C. [`Terminal`] is the binary's [`billet::Progress`].

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

use indicatif::{ProgressBar, ProgressStyle};

/// Set by Ctrl-C: the run stops between files (see
/// [`billet::Progress::cancelled`]).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler (once). Without it Ctrl-C still kills
/// the run, and atomic writes still leave only whole files; the handler
/// lets the run stop cleanly and say what was written.
pub fn handle_ctrl_c() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ =
            ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::Relaxed));
    });
}

/// A run's progress on stderr: a bar when wanted and stderr is a
/// terminal outside CI, and `billet: ` lines printed without tearing it.
#[derive(Debug)]
pub struct Terminal {
    /// Whether a bar may be shown (`--quiet` says no).
    wanted: bool,
    /// The bar, once the run knows its length.
    bar: OnceLock<ProgressBar>,
}

impl Terminal {
    /// A terminal that shows a bar if `wanted` and it can.
    pub fn new(wanted: bool) -> Terminal {
        Terminal {
            wanted,
            bar: OnceLock::new(),
        }
    }
}

impl billet::Progress for Terminal {
    fn start(&self, total: u64) {
        self.bar.get_or_init(|| progress_bar(self.wanted, total));
    }

    fn phase(&self, name: &'static str) {
        if let Some(bar) = self.bar.get() {
            bar.set_message(name);
        }
    }

    fn step(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }

    fn message(&self, text: &str) {
        match self.bar.get() {
            Some(bar) => bar.suspend(|| eprintln!("billet: {text}")),
            None => eprintln!("billet: {text}"),
        }
    }

    fn cancelled(&self) -> bool {
        INTERRUPTED.load(Ordering::Relaxed)
    }
}

fn progress_bar(wanted: bool, len: u64) -> ProgressBar {
    let on_terminal = std::io::stderr().is_terminal();
    let in_ci = std::env::var_os("CI").is_some();
    if !wanted || !on_terminal || in_ci {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg:8} [{bar:40}] {pos}/{len} ({per_sec}, {eta})",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}
