//! Command line: the arguments as typed ([`Args`], clap derive) → a
//! checked [`Config`]. A flag's doc comment is its `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::FatalError;
use crate::normalize::Stopwords;

/// billet: French blog posts → JSON summaries for search indexes.
#[derive(Debug, Parser)]
#[command(name = "billet", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// billet's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse posts (.txt, .md) and write one JSON summary per article.
    Analyze(AnalyzeArgs),
}

/// Arguments of `billet analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// Files or folders to analyse, walked recursively (hidden entries
    /// skipped).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder, created if missing.
    #[arg(long, default_value = "billet-out", value_name = "DIR")]
    pub out: PathBuf,
    /// Worker threads (default: all cores). Output is identical whatever
    /// the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Key terms and key phrases kept per article.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Stopword list to use instead of the built-in French one (one word
    /// a line, `#` comments).
    #[arg(long, value_name = "FILE")]
    pub stopwords: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// A checked configuration for one analysis run.
#[derive(Debug)]
pub struct Config {
    /// Files or folders to analyse.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Worker threads; 0 means all cores.
    pub jobs: usize,
    /// Key terms and phrases kept per article.
    pub top: usize,
    /// The stopword list in force.
    pub stopwords: Stopwords,
    /// Whether a progress bar may be shown (it also needs a terminal).
    pub progress: bool,
}

impl Config {
    /// Checks the arguments of `billet analyze`: the inputs exist, the
    /// stopword file reads.
    pub fn from_args(args: AnalyzeArgs) -> Result<Config, FatalError> {
        for input in &args.inputs {
            if !input.exists() {
                return Err(FatalError::new(format!(
                    "{}: no such file or folder",
                    input.display()
                )));
            }
        }
        let stopwords = match &args.stopwords {
            None => Stopwords::french(),
            Some(path) => {
                let list = std::fs::read_to_string(path).map_err(|e| {
                    FatalError::new(format!(
                        "{}: cannot read the stopword list: {e}",
                        path.display()
                    ))
                })?;
                Stopwords::parse(&list)
            }
        };
        Ok(Config {
            inputs: args.inputs,
            out: args.out,
            jobs: args.jobs.map_or(0, usize::from),
            top: args.top,
            stopwords,
            progress: !args.quiet,
        })
    }
}
