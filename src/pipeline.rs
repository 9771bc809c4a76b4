//! The batch: every input through read → decode → parse → clean → extract,
//! in parallel, written in input order.
//!
//! Documents are processed in chunks: each chunk is spread over the rayon
//! pool and collected in input order, then handed to the sink from this one
//! thread. Memory therefore depends on the chunk size, not on the size of
//! the dump, and the dataset is byte-identical at any thread count.

use crate::clean::{self, CleanOptions, Rules};
use crate::config::Config;
use crate::error::{DocError, RunError, Stage};
use crate::extract::{self, ExtractInput};
use crate::model::{Article, Format, Removed};
use crate::parse;
use crate::sink::{DatasetWriter, RunInfo};
use crate::source::{self, Input};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Instant, SystemTime};

/// Per-document options derived from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct DocOptions {
    pub max_bytes: u64,
    pub keep_images: bool,
}

impl From<&Config> for DocOptions {
    fn from(c: &Config) -> Self {
        DocOptions {
            max_bytes: c.max_bytes,
            keep_images: c.keep_images,
        }
    }
}

/// Reads and processes one input file.
pub fn process_file(input: &Input, rules: &Rules, opts: DocOptions) -> Result<Article, DocError> {
    let err = |stage, msg: String| DocError::new(&input.source, stage, msg);
    let size = std::fs::metadata(&input.path)
        .map_err(|e| err(Stage::Read, format!("cannot read file: {e}")))?
        .len();
    if size > opts.max_bytes {
        return Err(err(
            Stage::Read,
            format!(
                "document is {size} bytes, over the limit of {} (--max-bytes)",
                opts.max_bytes
            ),
        ));
    }
    let bytes = std::fs::read(&input.path)
        .map_err(|e| err(Stage::Read, format!("cannot read file: {e}")))?;
    process_bytes(&input.source, input.format, &bytes, rules, opts)
}

/// Processes one document held in memory. Never panics: a panic inside a
/// stage is caught and becomes an error record.
pub fn process_bytes(
    source: &str,
    format: Format,
    bytes: &[u8],
    rules: &Rules,
    opts: DocOptions,
) -> Result<Article, DocError> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(DocError::new(
            source,
            Stage::Read,
            format!(
                "document is {} bytes, over the limit of {} (--max-bytes)",
                bytes.len(),
                opts.max_bytes
            ),
        ));
    }
    catch_unwind(AssertUnwindSafe(|| {
        process_inner(source, format, bytes, rules, opts)
    }))
    .unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(DocError::new(
            source,
            Stage::Extract,
            format!("internal error while processing: {msg}"),
        ))
    })
}

fn process_inner(
    source: &str,
    format: Format,
    bytes: &[u8],
    rules: &Rules,
    opts: DocOptions,
) -> Result<Article, DocError> {
    let decoded = source::decode(bytes, format == Format::Html)
        .map_err(|e| DocError::new(source, Stage::Decode, e))?;
    let mut warnings = decoded.warnings;
    let text = decoded.text;
    let (mut meta, body) = match format {
        Format::Markdown => {
            let split = parse::frontmatter::split(&text);
            warnings.extend(split.warnings);
            (split.meta, split.body)
        }
        Format::Html => (Default::default(), text.as_str()),
    };
    let raw = clean::raw::strip_comment_blocks(body, rules);
    warnings.extend(raw.warnings);
    let html_src = match format {
        Format::Markdown => parse::markdown_to_html(&raw.text),
        Format::Html => raw.text,
    };
    let bounded = parse::bound_nesting(&html_src);
    warnings.extend(bounded.warning());
    let doc = parse::parse_html(&bounded.html);
    drop(bounded);
    let head = parse::head_meta(&doc);
    merge_meta(&mut meta, head);
    let mut cleaned = clean::clean_tree(
        &doc,
        format,
        rules,
        CleanOptions {
            keep_images: opts.keep_images,
        },
    );
    drop(doc);
    cleaned.removed.merge(&raw.removed);
    let mut audit = raw.audit;
    audit.append(&mut cleaned.audit);
    cleaned.audit = audit;
    Ok(extract::extract(ExtractInput {
        source,
        meta,
        cleaned,
        warnings,
    }))
}

/// Front matter wins; the page's head fills what it lacks.
fn merge_meta(meta: &mut crate::model::Meta, head: crate::model::Meta) {
    macro_rules! fill {
        ($($f:ident),*) => { $( if meta.$f.is_none() { meta.$f = head.$f; } )* };
    }
    fill!(title, description, url, date, updated, language, site_name);
    if meta.tags.is_empty() {
        meta.tags = head.tags;
    }
    if meta.categories.is_empty() {
        meta.categories = head.categories;
    }
}

/// Watches a run's progress; the CLI draws a bar, tests and library users
/// can pass [`NoProgress`].
pub trait Progress: Sync {
    fn start(&self, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}

/// A progress observer that does nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// What a run did, for the summary line, the manifest and the exit code.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub inputs: u64,
    pub articles: u64,
    pub errors: u64,
    pub skipped: u64,
    pub removed: Removed,
    pub seconds: f64,
}

impl Summary {
    /// The one line printed at the end of a run.
    pub fn line(&self) -> String {
        let r = &self.removed;
        format!(
            "{} inputs: {} articles, {} errors, {} skipped files; removed {} ad blocks, {} affiliate links, {} tracking pixels, {} embeds, {} link-farm links, {} chrome blocks ({:.1}s)",
            self.inputs, self.articles, self.errors, self.skipped, r.ad_blocks, r.affiliate_links,
            r.tracking_pixels, r.embeds, r.link_farm_links, r.chrome_blocks, self.seconds
        )
    }
}

/// Runs a whole batch: discover, process in parallel chunks, write the
/// dataset into a staging folder and move it into place.
pub fn run(config: &Config, progress: &dyn Progress) -> Result<Summary, RunError> {
    let started = SystemTime::now();
    let clock = Instant::now();
    let rules = Rules::with_files(&config.rules_files)?;
    let found = source::discover(&config.inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.unwrap_or(0))
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    let mut writer = DatasetWriter::create(&config.output, config.audit)?;
    let opts = DocOptions::from(config);
    let mut summary = Summary {
        inputs: found.inputs.len() as u64,
        skipped: found.skipped.len() as u64,
        ..Summary::default()
    };
    progress.start(summary.inputs);
    for chunk in found.inputs.chunks(config.chunk_size.max(1)) {
        let results: Vec<Result<Article, DocError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let r = process_file(input, &rules, opts);
                    progress.advance(1);
                    r
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(a) => {
                    summary.articles += 1;
                    summary.removed.merge(&a.removed);
                    writer.article(&a)?;
                }
                Err(e) => {
                    summary.errors += 1;
                    writer.error(&e)?;
                }
            }
        }
    }
    progress.finish();
    summary.seconds = clock.elapsed().as_secs_f64();
    let info = RunInfo {
        config,
        summary: &summary,
        started,
        finished: SystemTime::now(),
        skipped: &found.skipped,
    };
    writer.finish(&info)?;
    Ok(summary)
}
