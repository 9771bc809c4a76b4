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
//! Run: `cargo bench --bench pipeline` (all), or filter, e.g.
//! `cargo bench --bench pipeline -- 'parse/'`. See DEVELOPING.md.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use howtokb::clean::{self, content, dom, raw, CleanOptions, Rules};
use howtokb::extract::{self, ExtractInput};
use howtokb::model::{Format, Meta};
use howtokb::parse;
use howtokb::pipeline::{process_bytes, DocOptions};
use howtokb::source;
use scraper::{Html, Node};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// Small (10th percentile), medium (median) and large (largest) from a set.
fn pick(files: &[(u64, PathBuf)], prefix: &str, format: Format, out: &mut Vec<Page>) {
    if files.is_empty() {
        return;
    }
    let n = files.len();
    let chosen = [("small", n / 10), ("medium", n / 2), ("large", n - 1)];
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
    for p in &out {
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
    let text = raw::strip_comment_blocks(&body, rules).text;
    let html = match page.format {
        Format::Markdown => parse::markdown_to_html(&text),
        Format::Html => text,
    };
    Prepared { meta, html }
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

fn benches(c: &mut Criterion) {
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
        b.iter(|| all_text(&parse::parse_html(black_box(&prep.html))))
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
        let doc = parse::parse_html(&prep.html);
        b.iter(|| parse::head_meta(black_box(&doc)))
    });
    group!("clean", |b, page, prep| {
        let doc = parse::parse_html(&prep.html);
        b.iter(|| clean::clean_tree(black_box(&doc), page.format, &rules, clean_opts()))
    });
    group!("clean_main_content", |b, page, prep| {
        let doc = parse::parse_html(&prep.html);
        b.iter(|| match page.format {
            Format::Html => content::main_content(black_box(&doc), &rules).id(),
            Format::Markdown => doc.tree.root().id(),
        })
    });
    group!("clean_walk", |b, page, prep| {
        let doc = parse::parse_html(&prep.html);
        let (root, strip_chrome) = match page.format {
            Format::Html => (content::main_content(&doc, &rules), true),
            Format::Markdown => (doc.tree.root(), false),
        };
        let wo = dom::WalkOptions {
            keep_images: false,
            strip_chrome,
        };
        b.iter(|| dom::walk(black_box(root), &rules, wo))
    });
    group!("extract", |b, page, prep| {
        let doc = parse::parse_html(&prep.html);
        let cleaned = clean::clean_tree(&doc, page.format, &rules, clean_opts());
        let source = page.label.as_str();
        b.iter_batched(
            || (prep.meta.clone(), cleaned.clone()),
            |(meta, cleaned)| {
                extract::extract(ExtractInput {
                    source,
                    meta,
                    cleaned,
                    warnings: Vec::new(),
                })
            },
            BatchSize::SmallInput,
        )
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

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
