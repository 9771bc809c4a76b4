//! The fast tree builder (`parse::tree`) against html5ever, the
//! spec-complete parser it replaced, on real pages: both trees must clean
//! to the same article blocks and give the same head metadata. The pages
//! come from `../shared` (skipped with a message when absent).

use howtokb::clean::{self, raw, CleanOptions, Rules};
use howtokb::{parse, source, Format};
use std::path::{Path, PathBuf};

fn pages() -> Vec<(PathBuf, Format)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut out = Vec::new();
    for dir in ["peers/scrapinghub/html", "corpus/dev"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let format = match p.extension().and_then(|x| x.to_str()) {
                Some("html") => Format::Html,
                Some("md") => Format::Markdown,
                _ => continue,
            };
            out.push((p, format));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn real_pages_clean_to_the_same_blocks_as_with_html5ever() {
    let pages = pages();
    if pages.is_empty() {
        eprintln!("skipping: no pages under ../shared (peers/scrapinghub/html, corpus/dev)");
        return;
    }
    let rules = Rules::builtin().expect("built-in rules");
    let opts = || CleanOptions { keep_images: false };
    let mut differ = Vec::new();
    for (path, format) in &pages {
        let bytes = std::fs::read(path).expect("readable page");
        let Ok(decoded) = source::decode(&bytes, *format == Format::Html) else {
            continue;
        };
        let body = match format {
            Format::Markdown => parse::frontmatter::split(&decoded.text).body,
            Format::Html => decoded.text.as_str(),
        };
        let stripped = raw::strip_comment_blocks(body, &rules);
        let html = match format {
            Format::Markdown => parse::markdown_to_html(&stripped.text),
            Format::Html => stripped.text.to_string(),
        };
        let ours = parse::parse_html(&html).doc;
        let theirs = scraper::Html::parse_document(&html);
        let a = clean::clean_tree(&ours, *format, &rules, opts());
        let b = clean::clean_tree(&theirs, *format, &rules, opts());
        // `first_h1` is left out on purpose: the builder drops SVG content,
        // so a logo heading made of an SVG `<title>` ("Site name") no longer
        // counts as the page's first heading, which is the point.
        if a.blocks != b.blocks || parse::head_meta(&ours) != parse::head_meta(&theirs) {
            differ.push(path.display().to_string());
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} pages clean differently with the tree builder than with html5ever: {differ:#?}",
        differ.len(),
        pages.len()
    );
}
