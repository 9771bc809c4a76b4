//! Per-stage and end-to-end benchmarks on realistic pages.
//!
//! Pages come from the shared benchmark data when it is present (the
//! ScrapingHub article-extraction pages and the dev corpus, found through
//! `HOWTOKB_SHARED` or `../shared`), otherwise from the samples in `input/`.
//! From each set a small, a medium and a large page are chosen by size (10th
//! percentile, median, largest), so the names stay stable between runs.
//!
//! Groups, each with byte throughput so criterion prints MB/s:
//! `ceiling` (reading the file; html5ever parse plus whole-page text: what
//! any tree-based extractor must pay), `decode`, `prepare` (front matter,
//! comment-block removal, Markdown to HTML), `parse`, `head_meta`, `clean`
//! (and its two halves `clean_main_content`, `clean_walk`), `extract`, and
//! `end_to_end` (`process_bytes`, everything above but reading).
//!
//! The clock is the benchmark thread's CPU time (from
//! `/proc/thread-self/schedstat`), not wall time: on a shared machine where
//! other builds run, wall time swings 2–5×, CPU time a few percent. Set
//! `HOWTOKB_BENCH_CLOCK=wall` for criterion's usual wall clock (and on
//! systems without that file, where it is used anyway).
//!
//! `HOWTOKB_BENCH_SYNTHETIC=100,200,400` adds generated worst cases (lists
//! and divs nested that deep) to the pages.
//!
//! Run: `cargo bench --bench pipeline` (all), or filter, e.g.
//! `cargo bench --bench pipeline -- 'parse/'`. See DEVELOPING.md.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use howtokb::clean::{self, content, dom, raw, CleanOptions, Rules};
use howtokb::extract::{self, ExtractInput};
use howtokb::model::{Format, Meta};
use howtokb::parse;
use howtokb::pipeline::{process_bytes, DocOptions};
use howtokb::source;
use scraper::{Html, Node};
use std::borrow::Cow;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Criterion measurement: CPU time of the calling thread, in nanoseconds.
/// The kernel updates it at every context switch and scheduler tick, so a
/// reading can lag by a tick; samples of ~150 ms (flat sampling, below)
/// keep that under a few percent.
struct CpuTime {
    wall: WallTime,
}

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = f64;

    fn start(&self) -> u64 {
        thread_cpu_ns().unwrap_or(0)
    }
    fn end(&self, start: u64) -> f64 {
        thread_cpu_ns().unwrap_or(0).saturating_sub(start) as f64
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, v: &f64) -> f64 {
        *v
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time: same units, same MiB/s.
        self.wall.formatter()
    }
}

/// One benchmark page, read once.
struct Page {
    /// `html-small`, `md-large`, ...: the benchmark id's parameter.
    label: String,
    path: PathBuf,
    format: Format,
    bytes: Vec<u8>,
}

/// The page after the stages before parsing, as `process_bytes` prepares it.
struct Prepared {
    meta: Meta,
    html: String,
}

fn shared_root() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("HOWTOKB_SHARED").map(PathBuf::from),
        Some(PathBuf::from("../shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// Files under `dir` (not recursive) with extension `ext`, sorted by size
/// then name.
fn by_size(dir: &Path, ext: &str) -> Vec<(u64, PathBuf)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(u64, PathBuf)> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .collect();
    files.sort();
    files
}

/// Small (10th percentile), medium (median) and large (largest) from a set;
/// every file, labelled `PREFIX-all-NNNN`, with `HOWTOKB_BENCH_ALL=1` (for
/// whole-set instruction counts: `scripts/bench_instructions.py --all`).
fn pick(files: &[(u64, PathBuf)], prefix: &str, format: Format, out: &mut Vec<Page>) {
    if files.is_empty() {
        return;
    }
    let n = files.len();
    let chosen: Vec<(String, usize)> = if std::env::var_os("HOWTOKB_BENCH_ALL").is_some() {
        (0..n).map(|i| (format!("all-{i:04}"), i)).collect()
    } else {
        [("small", n / 10), ("medium", n / 2), ("large", n - 1)]
            .into_iter()
            .map(|(s, i)| (s.to_string(), i))
            .collect()
    };
    for (size, i) in chosen {
        let path = files[i].1.clone();
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        out.push(Page {
            label: format!("{prefix}-{size}"),
            path,
            format,
            bytes,
        });
    }
}

/// Generated worst cases for the cleaning walk: lists nested `depth` deep
/// whose items hold a sentence and a link, and divs nested `depth` deep.
/// Per-element work that rescans the subtree (link-farm checks,
/// `subtree_text`) makes clean time grow with depth², which these show.
fn synthetic(depth: usize, out: &mut Vec<Page>) {
    let mut lists = String::from("<html><body><article>");
    for k in 0..depth {
        lists.push_str(&format!(
            "<ul><li>Step {k}: open the settings and check the value, then \
             <a href=\"https://example.com/post-{k}\">read how to fix item {k}</a>"
        ));
    }
    for _ in 0..depth {
        lists.push_str("</li></ul>");
    }
    lists.push_str("</article></body></html>");
    let mut divs = String::from("<html><body>");
    for k in 0..depth {
        divs.push_str(&format!(
            "<div class=\"c{k}\"><p>Paragraph {k} explains one more thing about the problem \
             and <a href=\"/p{k}\">a link</a>.</p>"
        ));
    }
    for _ in 0..depth {
        divs.push_str("</div>");
    }
    divs.push_str("</body></html>");
    for (name, html) in [("lists", lists), ("divs", divs)] {
        out.push(Page {
            label: format!("synthetic-{name}-{depth}"),
            path: PathBuf::from(format!("(generated {name} {depth})")),
            format: Format::Html,
            bytes: html.into_bytes(),
        });
    }
}

fn pages() -> Vec<Page> {
    let mut out = Vec::new();
    match shared_root() {
        Some(root) => {
            let sh = root.join("peers/scrapinghub/html");
            let dev = root.join("corpus/dev");
            pick(&by_size(&sh, "html"), "sh", Format::Html, &mut out);
            pick(&by_size(&dev, "md"), "md", Format::Markdown, &mut out);
            pick(&by_size(&dev, "html"), "devhtml", Format::Html, &mut out);
            if out.is_empty() {
                eprintln!(
                    "benches: {} has no benchmark pages; using input/",
                    root.display()
                );
            }
        }
        None => eprintln!(
            "benches: shared data not found (set HOWTOKB_SHARED or check out ../shared); \
             skipping the ScrapingHub and dev-corpus pages, using input/ only"
        ),
    }
    if out.is_empty() {
        for e in std::fs::read_dir("input").into_iter().flatten().flatten() {
            let path = e.path();
            let Some(format) = source::format_of(&path) else {
                continue;
            };
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push(Page {
                label: format!("input-{stem}"),
                path,
                format,
                bytes,
            });
        }
        out.sort_by(|a, b| a.label.cmp(&b.label));
    }
    // Opt-in: worst cases are not realistic pages and would dominate a full run.
    if let Ok(depths) = std::env::var("HOWTOKB_BENCH_SYNTHETIC") {
        for d in depths.split(',').filter_map(|d| d.trim().parse().ok()) {
            synthetic(d, &mut out);
        }
    }
    for p in out.iter().take(40) {
        eprintln!(
            "benches: {:<16} {:>9} bytes  {}",
            p.label,
            p.bytes.len(),
            p.path.display()
        );
    }
    out
}

/// Decode, front matter, comment blocks and Markdown rendering: what
/// `process_bytes` does before the tree parse.
fn prepare(page: &Page, rules: &Rules) -> Prepared {
    let decoded = match source::decode(&page.bytes, page.format == Format::Html) {
        Ok(d) => d.text,
        Err(_) => String::from_utf8_lossy(&page.bytes).into_owned(),
    };
    let (meta, body) = match page.format {
        Format::Markdown => {
            let s = parse::frontmatter::split(&decoded);
            (s.meta, s.body.to_string())
        }
        Format::Html => (Meta::default(), decoded),
    };
    // As `pipeline::process_inner`: no copy when no ad block was cut.
    let text = raw::strip_comment_blocks(&body, rules).text;
    let html = match (page.format, text) {
        (Format::Markdown, t) => parse::markdown_to_html(&t),
        (Format::Html, Cow::Owned(t)) => t,
        (Format::Html, Cow::Borrowed(_)) => body,
    };
    Prepared { meta, html }
}

/// Prototype for a proposal: the comment-marker scan of
/// `clean::raw::strip_comment_blocks` with `str::find` instead of a
/// capturing regex. Returns the number of ad-block markers.
fn comment_markers_find(src: &str, rules: &Rules) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(o) = src[i..].find("<!--") {
        let start = i + o + 4;
        let Some(e) = src[start..].find("-->") else {
            break;
        };
        if rules.comment_marker(&src[start..start + e]).is_some() {
            n += 1;
        }
        i = start + e + 3;
    }
    n
}

/// One run of a stage on one page, for the instruction-count mode. Returns
/// something derived from the result so the work cannot be optimised away.
fn run_stage(stage: &str, page: &Page, prep: &Prepared, rules: &Rules) -> Option<usize> {
    let opts = DocOptions {
        max_bytes: u64::MAX,
        keep_images: false,
    };
    let html = page.format == Format::Html;
    Some(match stage {
        "none" => 0,
        "decode" => source::decode(&page.bytes, html).map_or(0, |d| d.text.len()),
        "prepare" => prepare(page, rules).html.len(),
        "strip_comment_blocks" => {
            raw::strip_comment_blocks(&String::from_utf8_lossy(&page.bytes), rules)
                .text
                .len()
        }
        "comment_scan_find" => comment_markers_find(&String::from_utf8_lossy(&page.bytes), rules),
        "parse" => parse::parse_html(&prep.html).doc.tree.nodes().count(),
        "parse_html5ever" => scraper::Html::parse_document(&prep.html)
            .tree
            .nodes()
            .count(),
        "parse_text" => all_text(&parse::parse_html(&prep.html).doc),
        "parse_clean" => {
            let doc = parse::parse_html(&prep.html).doc;
            clean::clean_tree(&doc, page.format, rules, clean_opts())
                .blocks
                .len()
        }
        "parse_clean_extract" => {
            let doc = parse::parse_html(&prep.html).doc;
            let cleaned = clean::clean_tree(&doc, page.format, rules, clean_opts());
            extract::extract(ExtractInput {
                id: String::new(),
                encoding: "utf-8",
                source: &page.label,
                meta: prep.meta.clone(),
                cleaned,
                warnings: Vec::new(),
            })
            .text
            .len()
        }
        "end_to_end" => process_bytes(&page.label, page.format, &page.bytes, rules, opts)
            .map_or(0, |a| a.text.len()),
        _ => return None,
    })
}

/// `HOWTOKB_BENCH_COUNT=STAGE:N[:LABEL-PREFIX]`: no criterion; run STAGE
/// 1 + N times over the pages and exit. Under `valgrind --tool=callgrind` the
/// difference between N and 0 runs is the stage's instruction count, which
/// does not depend on what else the machine is doing
/// (scripts/bench_instructions.sh does this for every stage).
fn count_mode(spec: &str) {
    let mut parts = spec.split(':');
    let stage = parts.next().unwrap_or("none");
    let n: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let prefix = parts.next().unwrap_or("");
    let Ok(rules) = Rules::builtin() else {
        eprintln!("benches: built-in rules do not compile");
        return;
    };
    let pages: Vec<Page> = pages()
        .into_iter()
        .filter(|p| p.label.starts_with(prefix))
        .collect();
    let prepared: Vec<Prepared> = pages.iter().map(|p| prepare(p, &rules)).collect();
    let mut sum = 0usize;
    // One untimed round first, whatever N: lazily compiled regexes and
    // selectors are paid here, so N runs minus 0 runs is the steady state.
    for _ in 0..n + 1 {
        for (page, prep) in pages.iter().zip(&prepared) {
            match run_stage(stage, page, prep, &rules) {
                Some(v) => sum = sum.wrapping_add(black_box(v)),
                None => {
                    eprintln!("benches: unknown stage {stage:?}");
                    return;
                }
            }
        }
    }
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    println!(
        "count-mode stage={stage} runs={n} pages={} bytes={bytes} checksum={sum}",
        pages.len()
    );
}

fn clean_opts() -> CleanOptions {
    CleanOptions { keep_images: false }
}

/// Whole-page text of a parsed document: the floor of any tree extractor.
fn all_text(doc: &Html) -> usize {
    let mut s = String::new();
    for n in doc.tree.root().descendants() {
        if let Node::Text(t) = n.value() {
            s.push_str(t);
        }
    }
    s.len()
}

fn benches<M: Measurement>(c: &mut Criterion<M>) {
    let rules = match Rules::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("benches: built-in rules do not compile: {e}");
            return;
        }
    };
    let pages = pages();
    if pages.is_empty() {
        eprintln!("benches: no pages found (neither shared data nor input/); nothing to run");
        return;
    }
    let prepared: Vec<Prepared> = pages.iter().map(|p| prepare(p, &rules)).collect();
    let opts = DocOptions {
        max_bytes: u64::MAX,
        keep_images: false,
    };

    macro_rules! group {
        ($name:expr, |$b:ident, $page:ident, $prep:ident| $body:block) => {{
            let mut g = c.benchmark_group($name);
            // Two shared cores: fewer, longer samples are steadier.
            g.sample_size(20)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(3));
            for ($page, $prep) in pages.iter().zip(&prepared) {
                g.throughput(Throughput::Bytes($page.bytes.len() as u64));
                g.bench_with_input(
                    BenchmarkId::from_parameter(&$page.label),
                    &$page,
                    |$b, _| $body,
                );
            }
            g.finish();
        }};
    }

    group!("ceiling_read_file", |b, page, _prep| {
        b.iter(|| std::fs::read(&page.path).map(|v| v.len()).unwrap_or(0))
    });
    group!("ceiling_parse_text", |b, _page, prep| {
        b.iter(|| all_text(&parse::parse_html(black_box(&prep.html)).doc))
    });
    group!("decode", |b, page, _prep| {
        b.iter(|| source::decode(black_box(&page.bytes), page.format == Format::Html))
    });
    group!("prepare", |b, page, _prep| {
        b.iter(|| prepare(black_box(page), &rules).html.len())
    });
    group!("parse", |b, _page, prep| {
        b.iter(|| parse::parse_html(black_box(&prep.html)))
    });
    group!("head_meta", |b, _page, prep| {
        let doc = parse::parse_html(&prep.html).doc;
        b.iter(|| parse::head_meta(black_box(&doc)))
    });
    group!("clean", |b, page, prep| {
        let doc = parse::parse_html(&prep.html).doc;
        b.iter(|| clean::clean_tree(black_box(&doc), page.format, &rules, clean_opts()))
    });
    group!("clean_main_content", |b, page, prep| {
        let doc = parse::parse_html(&prep.html).doc;
        b.iter(|| match page.format {
            Format::Html => content::main_content(black_box(&doc), &rules).len(),
            Format::Markdown => 1,
        })
    });
    group!("clean_walk", |b, page, prep| {
        let doc = parse::parse_html(&prep.html).doc;
        let (roots, strip_chrome) = match page.format {
            Format::Html => (content::main_content(&doc, &rules), true),
            Format::Markdown => (vec![doc.tree.root()], false),
        };
        let wo = dom::WalkOptions {
            keep_images: false,
            strip_chrome,
        };
        b.iter(|| dom::walk(black_box(&roots), &rules, wo))
    });
    group!("extract", |b, page, prep| {
        let doc = parse::parse_html(&prep.html).doc;
        let cleaned = clean::clean_tree(&doc, page.format, &rules, clean_opts());
        let source = page.label.as_str();
        b.iter_batched(
            || (prep.meta.clone(), cleaned.clone()),
            |(meta, cleaned)| {
                extract::extract(ExtractInput {
                    id: String::new(),
                    encoding: "utf-8",
                    source,
                    meta,
                    cleaned,
                    warnings: Vec::new(),
                })
            },
            BatchSize::SmallInput,
        )
    });
    // The tree builder against html5ever (what `parse` used before): the
    // same pages in the same run, and whether both trees clean to the same
    // blocks and head metadata.
    for (page, prep) in pages.iter().zip(&prepared) {
        let ours = parse::parse_html(&prep.html).doc;
        let theirs = scraper::Html::parse_document(&prep.html);
        let a = clean::clean_tree(&ours, page.format, &rules, clean_opts());
        let b = clean::clean_tree(&theirs, page.format, &rules, clean_opts());
        eprintln!(
            "benches: {:<16} tree builder vs html5ever: same blocks: {}, same head metadata: {}",
            page.label,
            a.blocks == b.blocks,
            parse::head_meta(&ours) == parse::head_meta(&theirs),
        );
    }
    group!("parse_html5ever", |b, _page, prep| {
        b.iter(|| scraper::Html::parse_document(black_box(&prep.html)))
    });
    group!("proposal_comment_scan_find", |b, page, _prep| {
        let text = String::from_utf8_lossy(&page.bytes);
        b.iter(|| comment_markers_find(black_box(&text), &rules))
    });
    group!("raw_strip_comment_blocks", |b, page, _prep| {
        let text = String::from_utf8_lossy(&page.bytes);
        b.iter(|| {
            raw::strip_comment_blocks(black_box(&text), &rules)
                .text
                .len()
        })
    });
    group!("end_to_end", |b, page, _prep| {
        b.iter(|| {
            process_bytes(
                &page.label,
                page.format,
                black_box(&page.bytes),
                &rules,
                opts,
            )
        })
    });
}

fn main() {
    if let Ok(spec) = std::env::var("HOWTOKB_BENCH_COUNT") {
        count_mode(&spec);
        return;
    }
    let wall = std::env::var("HOWTOKB_BENCH_CLOCK").is_ok_and(|v| v == "wall");
    if wall || thread_cpu_ns().is_none() {
        eprintln!("benches: clock: wall time");
        let mut c = Criterion::default().configure_from_args();
        benches(&mut c);
        c.final_summary();
    } else {
        eprintln!("benches: clock: CPU time of the benchmark thread (HOWTOKB_BENCH_CLOCK=wall for wall time)");
        let mut c = Criterion::default()
            .with_measurement(CpuTime { wall: WallTime })
            .configure_from_args();
        benches(&mut c);
        c.final_summary();
    }
}
