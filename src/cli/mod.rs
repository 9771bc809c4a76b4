//! The command line: clap arguments and the indicatif progress bar. The only
//! place clap and indicatif appear.

use clap::{Args, Parser, Subcommand};
use howtokb::config::Shard;
use howtokb::pipeline::Progress;
use howtokb::Config;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status:
  0  every input was processed into an article
  1  some inputs failed; each has a record in errors.jsonl
  2  usage error, or the output could not be written";

/// Turn dumps of scraped how-to articles into a clean, structured dataset.
#[derive(Debug, Parser)]
#[command(name = "howtokb", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (Markdown posts and rendered HTML pages), clean them,
    /// extract settings paths and steps, and write the dataset.
    #[command(after_help = AFTER_HELP)]
    Extract(ExtractArgs),
    /// Combine the complete part-K-of-N folders of a sharded run (--shard)
    /// into one dataset written into OUTPUT itself.
    #[command(after_help = AFTER_HELP)]
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folder the shards were written into.
    #[arg(value_name = "OUTPUT", default_value = "output")]
    pub output: PathBuf,
    /// No summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders to read; folders are walked recursively in sorted
    /// order. `.md`/`.markdown` and `.html`/`.htm` files are articles (also
    /// gzipped: `.md.gz`, `.html.gz`); `.jsonl`/`.jsonl.gz` dumps hold one
    /// article per record (`html`, `markdown` or `content`, plus `id`, `url`
    /// and metadata); `.warc`/`.warc.gz` files hold HTML response records.
    /// `-` reads JSONL records from standard input. Other files are skipped
    /// and counted.
    #[arg(value_name = "INPUT", default_value = "input")]
    pub inputs: Vec<PathBuf>,
    /// Output folder. The dataset is written beside it first and moved into
    /// place when complete.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Worker threads [default: one per core].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Documents larger than this many bytes become error records.
    #[arg(long, value_name = "BYTES", default_value_t = howtokb::config::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Keep article images as Markdown images in `text` (dropped by default;
    /// ad images and tracking pixels are always removed).
    #[arg(long)]
    pub images: bool,
    /// Also write removed.jsonl: every removed block with its kind, the rule
    /// that removed it and its text.
    #[arg(long)]
    pub audit: bool,
    /// Extra cleaning rules, in the format of the built-in tables (see the
    /// README). May be given more than once.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Write article records to standard output as JSON lines (errors to
    /// standard error) instead of an output folder; implies --quiet.
    #[arg(long)]
    pub stdout: bool,
    /// Process only the K-th of N disjoint parts of the ordered inputs
    /// (records of containers included), into OUTPUT/part-K-of-N/.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// With --shard: do nothing when that part is already complete.
    #[arg(long, requires = "shard")]
    pub resume: bool,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    Shard::parse(s)
}

impl ExtractArgs {
    pub fn config(&self) -> Config {
        Config {
            inputs: self.inputs.clone(),
            output: self.output.clone(),
            jobs: self.jobs.map(usize::from),
            max_bytes: self.max_bytes,
            keep_images: self.images,
            audit: self.audit,
            rules_files: self.rules.clone(),
            shard: self.shard,
            resume: self.resume,
            stdout: self.stdout,
            ..Config::default()
        }
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} docs  {per_sec}  ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
