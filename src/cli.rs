//! Command line: the arguments as typed ([`Args`], clap derive) → the
//! library's checked options ([`billet::AnalyzeOptions`] and the
//! others). A flag's doc comment is its `--help` text. Only the binary
//! knows clap: the library takes the options, never these structs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use billet::FatalError;
use billet::normalize::{DEFAULT_STOPWORDS, Stopwords};
use billet::report::ReportOptions;
use billet::search::ExportFormat;
use billet::search::eval::EvalOptions;
use billet::shard::stopwords_fingerprint;
use billet::{
    AnalyzeOptions, EvalTagsOptions, ExportOptions, IndexOptions,
    SearchOptions, StatsOptions, Wait,
};

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
    /// Analyse posts (.txt, .md, .html, WordPress .xml) and write one JSON
    /// summary per article.
    Analyze(AnalyzeArgs),
    /// Count a shard of the corpus for scoring shards apart, or merge
    /// such counts.
    ///
    /// `billet stats SHARD --out shard.stats` counts what scoring needs
    /// of every article of SHARD; `billet stats --merge a.stats b.stats
    /// --out all.stats` joins shards (in the order of the inputs of the
    /// equivalent single run); `billet analyze SHARD --stats all.stats`
    /// then writes the articles of SHARD exactly as one run over every
    /// shard would. Give `analyze` the INPUT paths given to `stats`.
    Stats(StatsArgs),
    /// Measure the suggested tags on the INPUTs' own tags.
    ///
    /// Hides the tags of a seeded random share of the tagged articles,
    /// runs the whole analysis, and prints P@1, P@3, R@3 and F1@3 of the
    /// suggestions for those articles beside two baselines of the same
    /// run: the most frequent tags, and the tags of each article's
    /// similar articles weighted by similarity. Writes nothing.
    EvalTags(EvalTagsArgs),
    /// Build a search index (OUT/index) from the analysis in OUT.
    ///
    /// Bodies are read again from the analysed files (the INPUTs listed
    /// in OUT/corpus.json); an article whose file is gone or changed is
    /// indexed without body, with a warning. The new index replaces the
    /// old one whole.
    Index(IndexArgs),
    /// Search the index of OUT: ranked hits with highlighted snippets.
    ///
    /// Words are looked up in the title, body, key terms and phrases,
    /// author and tags, analysed like the indexed text: case, elision,
    /// plurals and accents do not matter (the accents typed rank first);
    /// a compound matches whole or by its parts; a word of 5 letters or
    /// more may have one typo (9 or more: two), first letter kept.
    /// Articles that match every word rank first, then those that need
    /// a typo, then those that match only some words (said so); among
    /// equals, titles holding more of the words come first. A
    /// stopword only ranks titles that hold it. "a phrase" in quotes
    /// (no typo); filters tag:cuisine, author:morvan,
    /// series:composter-en-appartement, part:2, questions:>5 (also >=,
    /// <, <=, direct:, indirect:, embedded:), form:pourquoi, date:2024 or
    /// date:>=2024-03, title:word, id:ID; -word or -tag:x excludes. No
    /// hits: nothing on stdout (stderr says which words matched nothing
    /// and suggests near ones), exit 0. A broken query: exit 2.
    Search(SearchArgs),
    /// Known-item evaluation of the index of OUT: how often an article
    /// comes back in the top 3 when searched by its own title.
    ///
    /// A seeded sample of articles; for each, up to four content words
    /// of its title as written, the same without accents, with two
    /// neighbouring letters of the longest swapped, and the two rarest
    /// title words. Prints the share found per kind of query (docs/search.md).
    #[command(name = "eval-search")]
    EvalSearch(EvalSearchArgs),
    /// Write the analysis in OUT for a search engine: to stdout, or into
    /// a folder with --out DIR.
    ///
    /// es-bulk: Elasticsearch/OpenSearch _bulk NDJSON (into DIR:
    /// mapping.json and bulk-00001.ndjson… of at most --chunk-mb each);
    /// es-mapping: their index settings and mapping, with an analyzer that
    /// follows billet's; meilisearch: a documents array, primary key id
    /// (into DIR: documents.json and settings.json); meilisearch-settings:
    /// the index settings; jsonl: one article a line; pagefind: a Pagefind
    /// bundle in DIR (pagefind.js, index, fragments), built by Pagefind's
    /// own indexer. DIR is replaced whole, and only if it is new, empty,
    /// an earlier export or a Pagefind bundle.
    Export(ExportArgs),
    /// Write one HTML page that shows the analysis in OUT.
    ///
    /// Overview (articles, words, dates, posts per month, reading times,
    /// errors and ignored files), key terms and phrases, tags (counts,
    /// pairs, near-duplicates, untagged articles and their suggestions),
    /// series (missing parts marked), questions (forms, the articles that
    /// ask their readers most, question titles), and a table of every
    /// article to filter by title, tag or term, each linked to its JSON.
    /// One self-contained file: inline style, script and SVG charts; it
    /// asks nothing of the network.
    Report(ReportArgs),
    /// Print a shell completion script for billet.
    ///
    /// bash: `billet completions bash > ~/.local/share/bash-completion/completions/billet`;
    /// zsh: into a folder of `$fpath` as `_billet`; fish:
    /// `~/.config/fish/completions/billet.fish`; PowerShell: add
    /// `billet completions powershell | Out-String | Invoke-Expression` to
    /// `$PROFILE`.
    Completions(CompletionsArgs),
    /// Print billet's man page (roff), or write one page per subcommand.
    ///
    /// `billet man > ~/.local/share/man/man1/billet.1`, or `billet man
    /// --dir ~/.local/share/man/man1` for billet.1 and billet-analyze.1,
    /// billet-stats.1…; then `man billet`.
    Man(ManArgs),
    /// Print the JSON Schema (draft 2020-12) of an output file.
    ///
    /// article: articles/<id>.json and each line of articles.jsonl;
    /// corpus: corpus.json; series: series.json; tags: tags.json; error:
    /// each line of errors.jsonl. The same files are in the project's
    /// schema/ folder; their `$id` and corpus.json's `format_version`
    /// give the format's version (docs/output.md).
    Schema(SchemaArgs),
}

/// Arguments of `billet schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The output file to describe.
    #[arg(value_enum, value_name = "KIND")]
    pub kind: SchemaKindArg,
}

/// The output files `billet schema` describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKindArg {
    /// articles/<id>.json, a line of articles.jsonl.
    Article,
    /// corpus.json.
    Corpus,
    /// series.json.
    Series,
    /// tags.json.
    Tags,
    /// A line of errors.jsonl.
    Error,
}

impl SchemaKindArg {
    /// The library's kind.
    pub fn kind(self) -> billet::schema::SchemaKind {
        use billet::schema::SchemaKind as K;
        match self {
            SchemaKindArg::Article => K::Article,
            SchemaKindArg::Corpus => K::Corpus,
            SchemaKindArg::Series => K::Series,
            SchemaKindArg::Tags => K::Tags,
            SchemaKindArg::Error => K::Error,
        }
    }
}

/// Arguments of `billet report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Analysis folder (written by `billet analyze --out OUT`).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// The page to write (default: OUT/report.html). An existing file is
    /// replaced only if it is a billet report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// The page's language.
    #[arg(long, value_enum, default_value_t = Lang::Fr, value_name = "LANG")]
    pub lang: Lang,
}

/// The languages of `billet report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl ReportArgs {
    /// The options of `billet report`.
    pub fn options(&self) -> ReportOptions {
        ReportOptions {
            out: self.out.clone(),
            html: self
                .html
                .clone()
                .unwrap_or_else(|| self.out.join("report.html")),
            lang: match self.lang {
                Lang::Fr => billet::report::Lang::Fr,
                Lang::En => billet::report::Lang::En,
            },
        }
    }
}

/// Arguments of `billet completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// The shells `billet completions` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// fish.
    Fish,
    /// PowerShell.
    Powershell,
    /// Elvish.
    Elvish,
}

/// Arguments of `billet man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write billet.1 and one page per subcommand (billet-analyze.1…) into
    /// this folder instead of printing billet.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Arguments of `billet eval-tags`.
#[derive(Debug, clap::Args)]
pub struct EvalTagsArgs {
    /// Files or folders to analyse, as for `billet analyze`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Share of the tagged articles whose tags are hidden. At 1 no tag is
    /// visible: this measures the suggestions of a corpus without tags
    /// (from key phrases and terms) beside its first three key terms.
    #[arg(long, default_value_t = 0.3, value_name = "SHARE", value_parser = parse_share)]
    pub hide: f64,
    /// Seed of the choice of hidden articles (same seed, same choice).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Hide each tagged article in turn instead of a share at once (for
    /// small blogs).
    #[arg(long, conflicts_with = "hide")]
    pub leave_one_out: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Stopword list, as for `billet analyze`.
    #[arg(long, value_name = "FILE")]
    pub stopwords: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// A share above 0, at most 1.
fn parse_share(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!("{s} is not above 0 and at most 1"))
    }
}

impl EvalTagsArgs {
    /// Checks the arguments of `billet eval-tags`.
    pub fn options(self) -> Result<EvalTagsOptions, FatalError> {
        check_inputs(&self.inputs)?;
        let (stopwords, _) = read_stopwords(self.stopwords.as_deref())?;
        Ok(EvalTagsOptions {
            inputs: self.inputs,
            jobs: self.jobs.map_or(0, usize::from),
            stopwords,
            hide: self.hide,
            seed: self.seed,
            leave_one_out: self.leave_one_out,
        })
    }
}

/// Arguments of `billet stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Files or folders of the shard, as `billet analyze` takes them.
    #[arg(
        value_name = "INPUT",
        required_unless_present = "merge",
        conflicts_with = "merge"
    )]
    pub inputs: Vec<PathBuf>,
    /// Merge these stats files (in this order) instead of counting.
    #[arg(long, value_name = "STATS", num_args = 1..)]
    pub merge: Vec<PathBuf>,
    /// The stats file to write (gzip'd JSON Lines, replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Stopword list, as for `billet analyze` (every shard and the
    /// analysis must use the same).
    #[arg(long, value_name = "FILE")]
    pub stopwords: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Another billet run writing the same output: wait for it.
    #[command(flatten)]
    pub wait: WaitArg,
}

/// Arguments of `billet index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Analysis folder (written by `billet analyze --out OUT`).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Another billet run writing the same output: wait for it.
    #[command(flatten)]
    pub wait: WaitArg,
}

/// Arguments of `billet search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Analysis folder holding the index (`billet index OUT`).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// What to search, e.g. `compost "jardin partagé" tag:cuisine`.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Hits shown at most.
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// No typo tolerance: every word as typed (accents, case and
    /// plurals still forgiven).
    #[arg(long)]
    pub exact: bool,
    /// Print a JSON object: `hits` (id, title, score, author, date, tags,
    /// series, source, snippet, highlights as character offsets,
    /// `missing` words and words matched through a `typos`), `ignored`
    /// words, `unmatched` words and their `suggestions`.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `billet eval-search`.
#[derive(Debug, clap::Args)]
pub struct EvalSearchArgs {
    /// Analysis folder holding the index (`billet index OUT`).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Articles sampled.
    #[arg(long, default_value_t = 120, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub sample: u32,
    /// Seed of the sample and of the typos.
    #[arg(long, default_value_t = 20, value_name = "S")]
    pub seed: u64,
    /// An article counts as found in the first K hits.
    #[arg(long, default_value_t = 3, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list every query whose article was not found.
    #[arg(long)]
    pub misses: bool,
    /// Write the queries to FILE (JSON Lines: id, title, kind, query),
    /// for another engine to run.
    #[arg(long, value_name = "FILE")]
    pub write_queries: Option<PathBuf>,
}

/// Arguments of `billet export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Analysis folder (written by `billet analyze --out OUT`).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Format,
    /// Index name in es-bulk action lines.
    #[arg(long, default_value = "billet", value_name = "NAME")]
    pub index_name: String,
    /// Add each article's body (read again from its file, as `billet
    /// index` does; null when the file is gone or changed). Pagefind
    /// records always have it.
    #[arg(long)]
    pub body: bool,
    /// Write into this folder instead of stdout (required for pagefind).
    #[arg(long = "out", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// es-bulk into a folder: most megabytes (10^6 bytes) per bulk file;
    /// Elasticsearch and OpenSearch refuse requests over 100 MB by
    /// default.
    #[arg(long, default_value_t = 50, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_mb: u64,
    /// pagefind: the URL of each post, with {id} (the article id) and
    /// {source} (its source path without extension) filled in, e.g.
    /// 'https://blog.example.org/{source}/'.
    #[arg(long, default_value = "/{id}/", value_name = "TEMPLATE")]
    pub url: String,
    /// With --out: another billet run writing the same folder: wait for
    /// it.
    #[command(flatten)]
    pub wait: WaitArg,
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
    /// Score against the whole corpus counted in this stats file
    /// (`billet stats`) instead of against the INPUTs alone.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Analyse every file again, ignoring the cache of the last run into
    /// --out (OUT/.billet/cache, which keeps unchanged files from being
    /// read and analysed twice); a new cache is written all the same.
    #[arg(long)]
    pub no_cache: bool,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Another billet run writing the same output: wait for it.
    #[command(flatten)]
    pub wait: WaitArg,
}

/// `--wait[=SECS]`, for the subcommands that write an output.
#[derive(Debug, clap::Args)]
pub struct WaitArg {
    /// When another billet run is writing the same output, wait for it to
    /// end (at most SECS seconds, if given) instead of exiting with status
    /// 2 at once.
    #[arg(
        long,
        value_name = "SECS",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "inf",
        value_parser = parse_wait
    )]
    pub wait: Option<Wait>,
}

impl WaitArg {
    /// The library's [`Wait`].
    pub fn get(&self) -> Wait {
        self.wait.unwrap_or(Wait::No)
    }
}

/// `--wait=SECS`: seconds, or `inf` (what a bare `--wait` means).
fn parse_wait(s: &str) -> Result<Wait, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("{s}: not a number of seconds"))?;
    if secs.is_nan() || secs < 0.0 {
        return Err(format!("{s}: not a number of seconds"));
    }
    Ok(Duration::try_from_secs_f64(secs).map_or(Wait::Forever, Wait::For))
}

/// A bulk format of `billet export` ([`ExportFormat`] as a flag value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Elasticsearch / OpenSearch `_bulk` NDJSON.
    EsBulk,
    /// A Meilisearch documents array (primary key `id`).
    Meilisearch,
    /// Meilisearch index settings.
    MeilisearchSettings,
    /// JSON Lines, one article a line.
    Jsonl,
    /// Elasticsearch / OpenSearch index settings and mapping.
    EsMapping,
    /// A Pagefind bundle (with --out DIR).
    Pagefind,
}

impl From<Format> for ExportFormat {
    fn from(format: Format) -> ExportFormat {
        match format {
            Format::EsBulk => ExportFormat::EsBulk,
            Format::Meilisearch => ExportFormat::Meilisearch,
            Format::MeilisearchSettings => ExportFormat::MeilisearchSettings,
            Format::Jsonl => ExportFormat::Jsonl,
            Format::EsMapping => ExportFormat::EsMapping,
            Format::Pagefind => ExportFormat::Pagefind,
        }
    }
}

impl AnalyzeArgs {
    /// Checks the arguments of `billet analyze`: the inputs exist, the
    /// stats file exists, the stopword file reads.
    pub fn options(self) -> Result<AnalyzeOptions, FatalError> {
        check_inputs(&self.inputs)?;
        if let Some(stats) = &self.stats
            && !stats.is_file()
        {
            return Err(FatalError::new(format!(
                "{}: no such stats file (write it with `billet stats`)",
                stats.display()
            )));
        }
        let (stopwords, stopwords_id) =
            read_stopwords(self.stopwords.as_deref())?;
        Ok(AnalyzeOptions {
            inputs: self.inputs,
            out: self.out,
            jobs: self.jobs.map_or(0, usize::from),
            top: self.top,
            stopwords,
            stopwords_id,
            stats: self.stats,
            wait: self.wait.get(),
            use_cache: !self.no_cache,
            keep_bytes: billet::run::KEEP_BYTES,
            aside_bytes: billet::run::ASIDE_BYTES,
        })
    }
}

impl StatsArgs {
    /// Checks the arguments of `billet stats` (counting, not merging):
    /// `out` is the stats file to write, the inputs exist, the stopword
    /// file reads.
    pub fn options(self) -> Result<StatsOptions, FatalError> {
        if self.out.is_dir() {
            return Err(FatalError::new(format!(
                "{}: --out is a folder; stats go to a file",
                self.out.display()
            )));
        }
        check_inputs(&self.inputs)?;
        let (stopwords, stopwords_id) =
            read_stopwords(self.stopwords.as_deref())?;
        Ok(StatsOptions {
            inputs: self.inputs,
            out: self.out,
            jobs: self.jobs.map_or(0, usize::from),
            stopwords,
            stopwords_id,
            wait: self.wait.get(),
        })
    }
}

impl IndexArgs {
    /// The options of `billet index`.
    pub fn options(&self) -> IndexOptions {
        IndexOptions {
            jobs: self.jobs.map_or(0, usize::from),
            wait: self.wait.get(),
        }
    }
}

impl SearchArgs {
    /// The options of `billet search`.
    pub fn options(&self) -> SearchOptions {
        SearchOptions {
            limit: self.limit as usize,
            exact: self.exact,
        }
    }
}

impl EvalSearchArgs {
    /// The options of `billet eval-search`.
    pub fn options(&self) -> EvalOptions {
        EvalOptions {
            sample: self.sample as usize,
            seed: self.seed,
            top: self.top as usize,
        }
    }
}

impl ExportArgs {
    /// The options of `billet export`, the index name checked.
    pub fn options(&self) -> Result<ExportOptions, FatalError> {
        if let Some(why) =
            billet::search::export::check_index_name(&self.index_name)
        {
            return Err(FatalError::new(format!("--index-name: {why}")));
        }
        if self.format == Format::Pagefind && self.dir.is_none() {
            return Err(FatalError::new(
                "--format pagefind writes a folder: give --out DIR (e.g. \
                 public/pagefind in your site)"
                    .to_string(),
            ));
        }
        Ok(ExportOptions {
            format: self.format.into(),
            index_name: self.index_name.clone(),
            body: self.body,
            chunk_bytes: self.chunk_mb.saturating_mul(1_000_000),
            url: self.url.clone(),
            wait: self.wait.get(),
        })
    }
}

fn check_inputs(inputs: &[PathBuf]) -> Result<(), FatalError> {
    for input in inputs {
        if !input.exists() {
            return Err(FatalError::new(format!(
                "{}: no such file or folder",
                input.display()
            )));
        }
    }
    Ok(())
}

/// The stopword list in force (`--stopwords FILE`, else the built-in
/// one) and its fingerprint.
fn read_stopwords(
    path: Option<&Path>,
) -> Result<(Stopwords, String), FatalError> {
    let list = match path {
        None => DEFAULT_STOPWORDS.to_string(),
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            FatalError::new(format!(
                "{}: cannot read the stopword list: {e}",
                path.display()
            ))
        })?,
    };
    let id = stopwords_fingerprint(&list);
    Ok((Stopwords::parse(&list), id))
}

#[cfg(test)]
mod tests {
    use super::parse_share;

    #[test]
    fn a_share_is_above_0_and_at_most_1() {
        for (s, want) in [
            ("0.3", Some(0.3)),
            ("1", Some(1.0)),
            ("1e-3", Some(0.001)),
            ("0", None),
            ("-0.2", None),
            ("1.5", None),
            ("NaN", None),
            ("x", None),
        ] {
            assert_eq!(parse_share(s).ok(), want, "{s}");
        }
    }
}
