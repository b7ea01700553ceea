//! The `billet` binary: parse the arguments ([`cli`]), run the
//! subcommand through the library ([`commands`]), map the result to an
//! exit status: 0 all analysed, 1 some inputs failed, 2 usage error or
//! nothing could be done (a broken query, a missing index, an output
//! another run is writing), 128 + the signal when one interrupted the
//! run (130 Ctrl-C, 143 SIGTERM; the output is then as it was).

mod cli;
mod commands;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Args, Command};
use crate::commands::Status;

/// mimalloc instead of the system allocator: see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// mimalloc's `mi_option_set`, from the library libmimalloc-sys
    /// builds and links.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in the `mi_option_t` of mimalloc 3, the one
/// libmimalloc-sys 0.1.49 builds (Cargo.lock).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// How long mimalloc waits before it gives freed pages back, in ms: 10
/// instead of its 1,000 (10,000 for whole arenas). The heap's tops
/// follow one another (pass 2, tagging, similar articles, writing) and
/// each left pages resident that the next did not reuse: ~15 MB less
/// peak RSS at 1 GB for no measurable CPU; 0 saves 33 MB but costs
/// 5 % more CPU, system time (docs/performance.md).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// The purge delay billet sets: [`PURGE_DELAY_MS`], unless the user set
/// one in `MIMALLOC_PURGE_DELAY` (which mimalloc has read): theirs is
/// kept, so that trading memory for speed needs no rebuild.
fn purge_delay(
    from_env: Option<&std::ffi::OsStr>,
) -> Option<std::ffi::c_long> {
    from_env.is_none().then_some(PURGE_DELAY_MS)
}

fn main() -> ExitCode {
    if let Some(ms) =
        purge_delay(std::env::var_os("MIMALLOC_PURGE_DELAY").as_deref())
    {
        // SAFETY: a valid option of the linked mimalloc, set before any
        // thread but this one is started.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
    }
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            // --help and --version go to stdout and succeed.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match args.command {
        Command::Analyze(args) => commands::analyze(args),
        Command::Stats(args) => commands::stats(args),
        Command::EvalTags(args) => commands::eval_tags(args),
        Command::Index(args) => commands::index(&args),
        Command::Search(args) => commands::search(&args),
        Command::EvalSearch(args) => commands::eval_search(&args),
        Command::Export(args) => commands::export(&args),
        Command::Report(args) => commands::report(&args),
        Command::Completions(args) => commands::completions(&args),
        Command::Man(args) => commands::man(&args),
        Command::Schema(args) => commands::schema(&args),
    };
    match result {
        Ok(Status::Done) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Err(err) => {
            eprintln!("billet: {err}");
            ExitCode::from(match (err.interrupted, terminal::signal()) {
                (true, Some(signal)) => 128 + signal as u8,
                (true, None) => 130,
                (false, _) => 2,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" {
        /// mimalloc's `mi_option_get`.
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }

    #[test]
    fn a_purge_delay_in_the_environment_is_kept() {
        assert_eq!(purge_delay(None), Some(PURGE_DELAY_MS));
        assert_eq!(purge_delay(Some(std::ffi::OsStr::new("1000"))), None);
    }

    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        // mimalloc 3's default purge delay, 1,000 ms: another number
        // means the option's index moved with a new mimalloc.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: a read of a valid option.
            assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        }
    }
}
