//! Whole documents through the pipeline: page chrome pasted into Markdown
//! goes, the article stays, and every removal is counted.

use howtokb::clean::Rules;
use howtokb::pipeline::DocOptions;
use howtokb::{process_bytes, Format};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/clean/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn clean_md(name: &str) -> howtokb::Article {
    let rules = Rules::builtin().expect("rules");
    let opts = DocOptions {
        max_bytes: 1 << 20,
        keep_images: false,
    };
    process_bytes(name, Format::Markdown, &fixture(name), &rules, opts).expect("article")
}

#[test]
fn widgets_promos_and_farms_go_and_the_article_stays() {
    let a = clean_md("widgets.md");
    for keep in [
        "Your printer shows as offline even though it is switched on and connected.",
        "Right-click Print Spooler and choose Restart.",
        "Print a test page.",
        "That is all it takes to bring the printer back online.",
        "## Fix 1: Restart the print spooler",
    ] {
        assert!(a.text.contains(keep), "lost {keep:?} in:\n{}", a.text);
    }
    for junk in [
        "Printers",
        "best laser printers",
        "banner.png",
        "Printer Weekly",
        "Subscribe",
        "See all",
        "Was this page helpful",
        "Not enough details",
        "More Reading",
        "Recover scanned photos",
        "All rights reserved",
    ] {
        assert!(!a.text.contains(junk), "kept {junk:?} in:\n{}", a.text);
    }
    assert_eq!(a.removed.ad_blocks, 2, "{:?}", a.removed);
    assert!(a.removed.link_farm_links >= 3, "{:?}", a.removed);
    assert!(a.removed.chrome_blocks >= 8, "{:?}", a.removed);
}

#[test]
fn numbered_steps_around_an_ad_keep_their_numbers() {
    let a = clean_md("widgets.md");
    assert!(a.text.contains("1. Press Win + R"), "{}", a.text);
    assert!(a.text.contains("3. Print a test page."), "{}", a.text);
}

#[test]
fn author_box_and_vendor_blurb_between_farms_go() {
    let a = clean_md("endmatter.md");
    for keep in [
        "A stuck job blocks every document behind it",
        "Start the Print Spooler again.",
    ] {
        assert!(a.text.contains(keep), "lost {keep:?} in:\n{}", a.text);
    }
    for junk in [
        "Marta Kowalski",
        "Marta writes about office hardware",
        "Related Articles",
        "Quillsoft Labs Ltd.",
        "Top Tools",
        "PrintMate Cleaner",
    ] {
        assert!(!a.text.contains(junk), "kept {junk:?} in:\n{}", a.text);
    }
}

#[test]
fn a_one_paragraph_article_between_farms_stays() {
    let a = clean_md("short_between_farms.md");
    assert!(
        a.text
            .contains("Microsoft has moved the printer settings into the new Settings app"),
        "{}",
        a.text
    );
}
