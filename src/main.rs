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

fn main() -> ExitCode {
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
