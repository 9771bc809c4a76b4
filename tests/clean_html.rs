//! Rendered pages through the pipeline: the article's boxes are found and
//! joined, and captions, galleries, related boxes, print-hidden prompts and
//! comment threads stay out.

use howtokb::clean::Rules;
use howtokb::pipeline::DocOptions;
use howtokb::{process_bytes, Format};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/clean/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn clean_html(name: &str) -> howtokb::Article {
    let rules = Rules::builtin().expect("rules");
    let opts = DocOptions {
        max_bytes: 1 << 20,
        keep_images: false,
    };
    process_bytes(name, Format::Html, &fixture(name), &rules, opts).expect("article")
}

#[test]
fn news_page_keeps_every_section_and_drops_the_rest() {
    let a = clean_html("news.html");
    for keep in [
        "The river ferry started running again on Monday",
        "Crews spent the weekend checking the hull",
        "The harbour master said that the timetable",
        "Commuters who walked across the bridge",
    ] {
        assert!(a.text.contains(keep), "lost {keep:?} in:\n{}", a.text);
    }
    for junk in [
        "Photo: Example Gazette",
        "Image 1 of 3",
        "Passengers wait on the pier",
        "Support our journalism",
        "More from the river",
        "The bridge that nobody crosses",
        "Most read",
        "twenty years",
        "grandfather",
    ] {
        assert!(!a.text.contains(junk), "kept {junk:?} in:\n{}", a.text);
    }
}

#[test]
fn the_headline_is_the_title_not_the_first_line_of_text() {
    let a = clean_html("news.html");
    assert!(
        a.text.starts_with("The river ferry started running again"),
        "{}",
        a.text
    );
    assert!(
        a.title
            .as_deref()
            .is_some_and(|t| t.starts_with("River ferry returns after the thaw")),
        "{:?}",
        a.title
    );
}
