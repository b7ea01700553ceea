//! The terminal side of a run: the progress bar (indicatif, on a
//! terminal only, never in pipes or CI), messages printed around it, and
//! signals. [`Terminal`] is the binary's [`billet::Progress`].

use std::io::IsTerminal;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Once, OnceLock};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The signal that asked the run to stop (0: none yet). The run stops
/// at its next check (see [`billet::Progress::cancelled`]).
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// How long a run has, after a signal, to stop and clean up by itself
/// before the handler removes its staging folders and ends the process.
const GRACE: Duration = Duration::from_secs(2);

/// Handles SIGINT, SIGTERM and SIGHUP (once per process): the first asks
/// the run to stop, and a run that stops removes its staging folder and
/// leaves its output as it was (issue 15). A run still going after
/// [`GRACE`] (inside a long corpus step), or a second signal, gets its
/// staging folders removed by the handler, which then exits.
pub fn handle_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        else {
            // Without a handler a signal still ends the run, and the
            // next run removes what it staged.
            return;
        };
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if SIGNAL.swap(signal, Ordering::SeqCst) != 0 {
                    stop_now(signal);
                }
                std::thread::spawn(move || {
                    std::thread::sleep(GRACE);
                    stop_now(signal);
                });
            }
        });
    });
}

/// Removes what the run staged and ends the process, as the signal
/// would have.
fn stop_now(signal: i32) -> ! {
    billet::outdir::remove_open_staging();
    eprintln!(
        "billet: interrupted ({}): stopped without waiting for the run; \
         nothing was written, the output is unchanged",
        signal_name(signal)
    );
    std::process::exit(128 + signal)
}

/// The signal that stopped the run, if one did.
pub fn signal() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// `SIGINT`, `SIGTERM`, `SIGHUP`.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        _ => "a signal",
    }
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
        signal().is_some()
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
