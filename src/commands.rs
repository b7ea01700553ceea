//! One function per subcommand: the checked options of [`crate::cli`]
//! → a library call → what the user reads on stdout and stderr. A
//! [`FatalError`] is printed by `main` and exits 2 (128 + the signal
//! if a signal interrupted the run: 130 for Ctrl-C, 143 for SIGTERM).

use std::io::{self, Write};

use billet::FatalError;
use billet::search::{self, SearchError, SearchIndex, eval};

use clap::CommandFactory;

use crate::cli::{
    AnalyzeArgs, Args, CompletionsArgs, EvalSearchArgs, EvalTagsArgs,
    ExportArgs, IndexArgs, ManArgs, ReportArgs, SchemaArgs, SearchArgs, Shell,
    StatsArgs,
};
use crate::terminal::{Terminal, handle_signals};

/// How a subcommand that went through ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything was done.
    Done,
    /// Some inputs failed; the rest was written (exit status 1).
    SomeFailed,
}

/// `billet analyze`: the run, then a one-line summary on stderr.
pub fn analyze(args: AnalyzeArgs) -> Result<Status, FatalError> {
    let terminal = Terminal::new(!args.quiet);
    let options = args.options()?;
    handle_signals();
    let summary = billet::analyze(&options, &terminal)?;
    eprintln!(
        "billet: {} articles, {} failed, {} ignored; {:.2} MB in {:.2} s \
         ({:.1} MB/s) → {}",
        summary.articles,
        summary.failed,
        summary.ignored,
        summary.bytes as f64 / 1e6,
        summary.seconds,
        summary.mb_per_s(),
        options.out.display()
    );
    Ok(if summary.failed == 0 {
        Status::Done
    } else {
        Status::SomeFailed
    })
}

/// `billet eval-tags`: the evaluation, as a table on stdout.
pub fn eval_tags(args: EvalTagsArgs) -> Result<Status, FatalError> {
    let terminal = Terminal::new(!args.quiet);
    let options = args.options()?;
    handle_signals();
    let e = billet::eval_tags(&options, &terminal)?;
    let hidden = if options.leave_one_out {
        format!("{} hidden one at a time (leave-one-out)", e.hidden)
    } else {
        format!(
            "{} hidden ({:.0} %, seed {}){}",
            e.hidden,
            options.hide * 100.0,
            options.seed,
            if e.key_terms.is_some() {
                "; no tag visible: the no-tags path"
            } else {
                ""
            }
        )
    };
    let mut out = String::new();
    out.push_str(&format!(
        "{} articles, {} tagged, {} tags; {hidden}\n\n",
        e.articles, e.tagged, e.tags
    ));
    out.push_str("| method | P@1 | P@3 | R@3 | F1@3 |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    // The tag baselines are absent when no tag is visible (--hide 1),
    // the key-terms baseline when some are.
    for (name, s) in [
        ("most frequent tags", e.most_frequent),
        ("neighbours' tags", e.neighbours),
        ("first three key terms", e.key_terms),
        ("billet suggested_tags", Some(e.suggested)),
    ]
    .into_iter()
    .filter_map(|(name, s)| Some((name, s?)))
    {
        out.push_str(&format!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |\n",
            s.p1, s.p3, s.r3, s.f1
        ));
    }
    let (n, right) = e.above_threshold;
    out.push_str(&format!(
        "\nsuggestions scored ≥ {}: {n}, of which right: {right} ({:.0} %)\n",
        billet::tags::SUGGESTION_THRESHOLD,
        if n == 0 {
            0.0
        } else {
            100.0 * right as f64 / n as f64
        }
    ));
    if e.hidden == 0 {
        out.push_str("no tagged article to hide: nothing was measured\n");
    }
    let mut stdout = io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            return Err(FatalError::new(format!("cannot write: {err}")));
        }
        _ => {}
    }
    Ok(Status::Done)
}

/// `billet stats`: count a shard (status 1 when some files failed) or
/// merge stats files.
pub fn stats(args: StatsArgs) -> Result<Status, FatalError> {
    if !args.merge.is_empty() {
        let terminal = Terminal::new(false);
        handle_signals();
        let cancelled = || billet::Progress::cancelled(&terminal);
        let file = billet::shard::create(
            &args.out,
            args.wait.get(),
            &cancelled,
            &mut |holder| {
                billet::run::say_waiting(&terminal, &args.out, holder);
            },
        )?;
        let header = billet::shard::merge_into(&args.merge, file, &cancelled)?;
        eprintln!(
            "billet: {} shards, {} articles → {}",
            header.shards,
            header.articles,
            args.out.display()
        );
        return Ok(Status::Done);
    }
    let terminal = Terminal::new(!args.quiet);
    let options = args.options()?;
    handle_signals();
    let summary = billet::count_stats(&options, &terminal)?;
    eprintln!(
        "billet: {} articles counted, {} failed; {:.2} MB in {:.2} s → {}",
        summary.articles,
        summary.failed,
        summary.bytes as f64 / 1e6,
        summary.seconds,
        options.out.display()
    );
    Ok(if summary.failed == 0 {
        Status::Done
    } else {
        Status::SomeFailed
    })
}

/// `billet index OUT`: builds the index, prints the warnings and a
/// one-line summary on stderr.
pub fn index(args: &IndexArgs) -> Result<Status, FatalError> {
    let terminal = Terminal::new(false);
    handle_signals();
    let summary = search::build_index(&args.out, &args.options(), &terminal)?;
    if let Some(why) = &summary.no_bodies {
        eprintln!("billet: warning: indexing without bodies: {why}");
    }
    for w in &summary.warnings {
        eprintln!("billet: warning: {w}");
    }
    let rate = if summary.seconds > 0.0 {
        summary.articles as f64 / summary.seconds
    } else {
        0.0
    };
    eprintln!(
        "billet: indexed {} articles ({} with body) in {:.2} s ({:.0} \
         articles/s) → {}",
        summary.articles,
        summary.with_body,
        summary.seconds,
        rate,
        summary.path.display()
    );
    Ok(Status::Done)
}

/// `billet search OUT QUERY`: prints the hits (nothing when there are
/// none), as text or as a JSON object; in text, stderr says which words
/// were left out or matched nothing, with suggestions.
pub fn search(args: &SearchArgs) -> Result<Status, FatalError> {
    let index = SearchIndex::open(&args.out)?;
    warn_if_stale(&args.out);
    let found = index
        .find(&args.query, &args.options())
        .map_err(search_error)?;
    if !args.json {
        explain(&found);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.json {
        search::write_json(&mut out, &found)
    } else {
        search::write_text(&mut out, &found.hits)
    }
    .and_then(|()| out.flush());
    finish(written)
}

/// What became of the query's words, on stderr.
fn explain(found: &search::Found) {
    if !found.ignored.is_empty() {
        eprintln!(
            "billet: left out: {} (stopwords no title holds, elided \
             articles, single letters)",
            found.ignored.join(", ")
        );
    }
    if found.nothing_to_search {
        eprintln!("billet: nothing to search");
    }
    for word in &found.unmatched {
        let near = found
            .suggestions
            .iter()
            .find(|s| s.word == *word)
            .map(|s| &s.suggestions[..])
            .unwrap_or_default();
        if near.is_empty() {
            eprintln!("billet: no article holds `{word}`");
        } else {
            eprintln!(
                "billet: no article holds `{word}`; did you mean {}?",
                near.join(", ")
            );
        }
    }
}

/// `billet eval-search OUT`: the known-item table, or its JSON.
pub fn eval_search(args: &EvalSearchArgs) -> Result<Status, FatalError> {
    let index = SearchIndex::open(&args.out)?;
    warn_if_stale(&args.out);
    let (report, items) =
        eval::eval_search(&index, &args.options()).map_err(search_error)?;
    if let Some(path) = &args.write_queries {
        let mut lines = Vec::new();
        for item in &items {
            serde_json::to_writer(&mut lines, item)
                .expect("queries serialise");
            lines.push(b'\n');
        }
        // A bare file name is in the current folder.
        let path = &std::path::Path::new(".").join(path);
        billet::outdir::write_whole(path, &lines)?;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write!(out, "{}", eval::table(&report)).and_then(|()| {
            if !args.misses {
                return Ok(());
            }
            writeln!(out)?;
            for m in &report.misses {
                writeln!(
                    out,
                    "{} {:?} → [{}] (wanted {}: {:?})",
                    m.item.kind.name(),
                    m.item.query,
                    m.got.join(", "),
                    m.item.id,
                    m.item.title
                )?;
            }
            Ok(())
        })
    }
    .and_then(|()| out.flush());
    finish(written)
}

fn search_error(e: SearchError) -> FatalError {
    match e {
        SearchError::Query(e) => FatalError::new(format!("query: {e}")),
        SearchError::Fatal(e) => e,
    }
}

fn warn_if_stale(out: &std::path::Path) {
    if search::index_is_stale(out) {
        eprintln!(
            "billet: warning: the index is older than articles.jsonl: run \
             `billet index {}` again",
            out.display()
        );
    }
}

/// Stdout written: done, unless it failed otherwise than by a closed
/// pipe.
fn finish(written: io::Result<()>) -> Result<Status, FatalError> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(FatalError::new(format!("cannot write the results: {e}")))
        }
        _ => Ok(Status::Done),
    }
}

/// `billet export OUT --format F`: streams the export to stdout, or
/// writes it into `--out DIR` (locked, replaced whole, Ctrl-C leaving
/// the old one) and says what it wrote.
pub fn export(args: &ExportArgs) -> Result<Status, FatalError> {
    let options = args.options()?;
    if let Some(dir) = &args.dir {
        let terminal = Terminal::new(false);
        handle_signals();
        let summary = search::export::export_to_dir(
            &args.out, &options, dir, &terminal,
        )?;
        let bodies = if summary.without_body > 0 {
            format!(", {} without body", summary.without_body)
        } else {
            String::new()
        };
        eprintln!(
            "billet: {} articles{bodies} → {} ({} files)",
            summary.articles,
            dir.display(),
            summary.files
        );
        return Ok(Status::Done);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    search::export(&args.out, &options, &mut out)?;
    Ok(Status::Done)
}

/// `billet report OUT`: the page, then a one-line summary on stderr.
pub fn report(args: &ReportArgs) -> Result<Status, FatalError> {
    let summary = billet::report::write_report(&args.options())?;
    if summary.skipped_lines > 0 {
        eprintln!(
            "billet: {}: {} unreadable lines skipped (listed in the report)",
            args.out.join("articles.jsonl").display(),
            summary.skipped_lines
        );
    }
    eprintln!(
        "billet: report of {} articles, {:.2} MB{} → {}",
        summary.articles,
        summary.bytes as f64 / 1e6,
        if summary.compressed {
            ", data compressed"
        } else {
            ""
        },
        summary.html.display()
    );
    Ok(Status::Done)
}

/// `billet completions SHELL`: the completion script on stdout, made by
/// clap_complete from the same definition as `--help`.
pub fn completions(args: &CompletionsArgs) -> Result<Status, FatalError> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut Args::command(),
        "billet",
        &mut script,
    );
    write_stdout(&script, "the completion script")
}

/// `billet schema KIND`: the JSON Schema of an output file on stdout.
pub fn schema(args: &SchemaArgs) -> Result<Status, FatalError> {
    let text = billet::schema::schema_text(args.kind.kind());
    write_stdout(text.as_bytes(), "the schema")
}

/// `billet man [--dir DIR]`: billet.1 on stdout, or billet.1 and a page
/// per subcommand written into DIR (clap_mangen).
pub fn man(args: &ManArgs) -> Result<Status, FatalError> {
    let command = Args::command();
    match &args.dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| FatalError::new(format!("man page: {e}")))?;
            write_stdout(&page, "the man page")
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .map_err(|e| {
                    FatalError::new(format!(
                        "{}: cannot write: {e}",
                        dir.display()
                    ))
                })?;
            eprintln!("billet: man pages → {}", dir.display());
            Ok(Status::Done)
        }
    }
}

/// Writes `bytes` to stdout; a closed pipe is no error.
fn write_stdout(bytes: &[u8], what: &str) -> Result<Status, FatalError> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(FatalError::new(format!("cannot write {what}: {e}")))
        }
        _ => Ok(Status::Done),
    }
}
