//! The `billet` binary: parse the arguments, call [`billet::run`] (or a
//! search subcommand of [`billet::search`]), map the result to an exit
//! status (0 all analysed, 1 some inputs failed, 2 usage error or
//! nothing could be done — a broken query, a missing index —, 130
//! interrupted by Ctrl-C).

use std::process::ExitCode;

use clap::Parser;

use billet::cli::{Args, Command};
use billet::{Config, run};

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
    match args.command {
        Command::Analyze(args) => {
            let config = match Config::from_args(args) {
                Ok(config) => config,
                Err(err) => {
                    eprintln!("billet: {err}");
                    return ExitCode::from(2);
                }
            };
            match run(&config) {
                Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
                Ok(_) => ExitCode::from(1),
                Err(err) => {
                    eprintln!("billet: {err}");
                    ExitCode::from(err.exit_code())
                }
            }
        }
        Command::Stats(args) => stats(args),
        Command::Index(args) => exit(billet::search::index_command(&args)),
        Command::Search(args) => exit(billet::search::search_command(&args)),
        Command::Export(args) => exit(billet::search::export_command(&args)),
    }
}

/// `billet stats`: count a shard (exit 1 when some files failed) or
/// merge stats files.
fn stats(args: billet::cli::StatsArgs) -> ExitCode {
    if !args.merge.is_empty() {
        return match billet::shard::merge(&args.merge, &args.out) {
            Ok(header) => {
                eprintln!(
                    "billet: {} shards, {} articles → {}",
                    header.shards,
                    header.articles,
                    args.out.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("billet: {err}");
                ExitCode::from(err.exit_code())
            }
        };
    }
    let config = match Config::from_stats_args(args) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("billet: {err}");
            return ExitCode::from(2);
        }
    };
    match billet::run::run_stats(&config) {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(err) => {
            eprintln!("billet: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// Exit status of a search subcommand: 0 done, 2 (with the message on
/// stderr) when it could not be done.
fn exit<T>(result: Result<T, billet::FatalError>) -> ExitCode {
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("billet: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
