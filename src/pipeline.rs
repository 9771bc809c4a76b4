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
use crate::model::{Article, Format, Meta, Removed};
use crate::parse;
use crate::sink::{DatasetWriter, RunInfo, Sink, StreamSink};
use crate::source::{self, InputKind, Work};
use rayon::prelude::*;
use std::borrow::Cow;
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

/// How an article's `id` is chosen: the record's own id, else its URL,
/// else its `source`; records on standard input without either get an id
/// from their content. The same article thus gets the same id from a
/// folder, a container, stdin or a shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdBasis<'a> {
    Given(&'a str),
    Url(&'a str),
    Source,
    Content,
}

/// The article id for a basis.
pub fn article_id(basis: IdBasis<'_>, source: &str, bytes: &[u8]) -> String {
    use crate::extract::meta::sha256_hex;
    match basis {
        IdBasis::Given(id) => id.to_string(),
        IdBasis::Url(u) => sha256_hex(format!("url:{u}").as_bytes())[..16].to_string(),
        IdBasis::Source => crate::extract::meta::article_id(source),
        IdBasis::Content => sha256_hex(bytes)[..16].to_string(),
    }
}

/// Processes one unit of work: a file is read here, in the worker.
pub fn process_work(work: Work, rules: &Rules, opts: DocOptions) -> Result<Article, DocError> {
    match work {
        Work::File(input) => {
            let bytes = source::read_file(&input, opts.max_bytes)?;
            let format = match input.kind {
                InputKind::Doc(f) | InputKind::GzDoc(f) => f,
                _ => Format::Html,
            };
            process_doc(
                &input.source,
                format,
                &bytes,
                Meta::default(),
                IdBasis::Source,
                rules,
                opts,
            )
        }
        Work::Record(r) => {
            let basis = match (&r.id, &r.meta.url) {
                (Some(id), _) => IdBasis::Given(id),
                (None, Some(u)) => IdBasis::Url(u),
                (None, None) if r.source.starts_with("stdin#") => IdBasis::Content,
                (None, None) => IdBasis::Source,
            };
            let id = article_id(basis, &r.source, &r.bytes);
            process_doc(
                &r.source,
                r.format,
                &r.bytes,
                r.meta,
                IdBasis::Given(&id),
                rules,
                opts,
            )
        }
        Work::Failed(e) => Err(e),
    }
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
    process_doc(
        source,
        format,
        bytes,
        Meta::default(),
        IdBasis::Source,
        rules,
        opts,
    )
}

/// [`process_bytes`] with metadata the container gave and an id basis.
pub fn process_doc(
    source: &str,
    format: Format,
    bytes: &[u8],
    given: Meta,
    id: IdBasis<'_>,
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
    let id = article_id(id, source, bytes);
    catch_unwind(AssertUnwindSafe(|| {
        process_inner(source, format, bytes, given, id, rules, opts)
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
    given: Meta,
    id: String,
    rules: &Rules,
    opts: DocOptions,
) -> Result<Article, DocError> {
    let decoded = source::decode(bytes, format == Format::Html)
        .map_err(|e| DocError::new(source, Stage::Decode, e))?;
    let mut warnings = decoded.warnings;
    let encoding = decoded.encoding;
    let text = decoded.text;
    let (meta, body) = match format {
        Format::Markdown => {
            let split = parse::frontmatter::split(&text);
            warnings.extend(split.warnings);
            (split.meta, split.body)
        }
        Format::Html => (Default::default(), text.as_str()),
    };
    let raw = clean::raw::strip_comment_blocks(body, rules);
    warnings.extend(raw.warnings);
    let html_src: Cow<'_, str> = match format {
        Format::Markdown => Cow::Owned(parse::markdown_to_html(&raw.text)),
        Format::Html => raw.text,
    };
    let parsed = parse::parse_html(&html_src);
    warnings.extend(parsed.warning());
    drop(html_src);
    let doc = parsed.doc;
    let head = parse::head_meta(&doc);
    // The container's metadata first, then front matter, then the page head.
    let mut given = given;
    merge_meta(&mut given, meta);
    merge_meta(&mut given, head);
    let meta = given;
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
        id,
        encoding,
        source,
        meta,
        cleaned,
        warnings,
    }))
}

/// Front matter wins; the page's head fills what it lacks.
fn merge_meta(meta: &mut Meta, head: Meta) {
    macro_rules! fill {
        ($($f:ident),*) => { $( if meta.$f.is_none() { meta.$f = head.$f; } )* };
    }
    if meta.title.is_none() {
        meta.title_is_tag = head.title_is_tag;
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
    /// The run found its shard already complete (`--resume`) and did nothing.
    pub resumed: bool,
}

impl Summary {
    /// The one line printed at the end of a run.
    pub fn line(&self) -> String {
        if self.resumed {
            return "shard already complete; nothing to do (--resume)".to_string();
        }
        let r = &self.removed;
        format!(
            "{} inputs: {} articles, {} errors, {} skipped files; removed {} ad blocks, {} affiliate links, {} tracking pixels, {} embeds, {} link-farm links, {} chrome blocks ({:.1}s)",
            self.inputs, self.articles, self.errors, self.skipped, r.ad_blocks, r.affiliate_links,
            r.tracking_pixels, r.embeds, r.link_farm_links, r.chrome_blocks, self.seconds
        )
    }
}

/// Runs a whole batch: discover, process in parallel chunks, write the
/// dataset into a staging folder and move it into place (or stream it).
pub fn run(config: &Config, progress: &dyn Progress) -> Result<Summary, RunError> {
    let started = SystemTime::now();
    let clock = Instant::now();
    let rules = Rules::with_files(&config.rules_files)?;
    // A first pass counts the inputs (and fails on what discovery fails
    // on); the second one, below, walks them again lazily, so the list of
    // inputs is never held whole.
    let found = source::count_inputs(&config.inputs)?;
    let has_stdin = found.has_stdin;
    let output = match config.shard {
        Some(shard) => {
            if has_stdin {
                return Err(RunError::Usage(
                    "--shard cannot split standard input; use one process per stream instead"
                        .into(),
                ));
            }
            config.output.join(shard.dir_name())
        }
        None => config.output.clone(),
    };
    if config.resume && config.shard.is_some() && crate::sink::is_complete(&output) {
        return Ok(Summary {
            resumed: true,
            ..Summary::default()
        });
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs.unwrap_or(0))
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    let opts = DocOptions::from(config);
    let mut sink: Box<dyn Sink + Send> = if config.stdout {
        Box::new(StreamSink::new())
    } else {
        Box::new(DatasetWriter::create(&output, config.audit)?)
    };
    let mut summary = Summary {
        skipped: found.skipped.len() as u64,
        ..Summary::default()
    };
    // Files are known up front; records of containers are counted as they
    // come. A shard needs the total, so it counts in a first pass.
    let inputs = || source::inputs_only(source::walk_inputs(&config.inputs));
    let mut work: Box<dyn Iterator<Item = Work> + Send> =
        Box::new(source::works(inputs(), opts.max_bytes));
    if let Some(shard) = config.shard {
        let total = source::works(inputs(), opts.max_bytes).count();
        let r = shard.range(total);
        progress.start((r.end - r.start) as u64);
        work = Box::new(work.skip(r.start).take(r.end - r.start));
    } else if found.all_docs {
        progress.start(found.inputs as u64);
    }
    let chunk_size = config.chunk_size.max(1);
    // One writer thread owns the sink; chunk N is written while chunk N+1 is
    // processed. The channel holds at most two chunks, which bounds memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Article, DocError>>>(2);
    let writer = std::thread::spawn(
        move || -> Result<(Box<dyn Sink + Send>, Summary), RunError> {
            let mut summary = Summary::default();
            for results in rx {
                summary.inputs += results.len() as u64;
                for r in results {
                    match r {
                        Ok(a) => {
                            summary.articles += 1;
                            summary.removed.merge(&a.removed);
                            sink.article(&a)?;
                        }
                        Err(e) => {
                            summary.errors += 1;
                            sink.error(&e)?;
                        }
                    }
                }
                sink.flush()?;
            }
            Ok((sink, summary))
        },
    );
    loop {
        let chunk: Vec<Work> = work.by_ref().take(chunk_size).collect();
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Result<Article, DocError>> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|w| {
                    let r = process_work(w, &rules, opts);
                    progress.advance(1);
                    r
                })
                .collect()
        });
        if tx.send(results).is_err() {
            break; // the writer stopped on an error, reported below
        }
    }
    drop(tx);
    let (sink, written) = writer
        .join()
        .map_err(|_| RunError::Threads("the writer thread panicked".to_string()))??;
    summary.inputs = written.inputs;
    summary.articles = written.articles;
    summary.errors = written.errors;
    summary.removed = written.removed;
    progress.finish();
    summary.seconds = clock.elapsed().as_secs_f64();
    let mut run_config = config.clone();
    run_config.output = output;
    let info = RunInfo {
        config: &run_config,
        summary: &summary,
        started,
        finished: SystemTime::now(),
        skipped: &found.skipped,
    };
    sink.finish(&info)?;
    Ok(summary)
}
