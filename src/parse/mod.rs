//! Markdown posts and rendered pages into one document tree.
//!
//! Markdown is rendered to HTML (raw inline HTML passes through) so that
//! both kinds of input are cleaned and extracted by the same code; the
//! front matter of a post, or the `<head>` of a page, supplies metadata.

pub mod frontmatter;
mod meta;
pub mod tree;

pub use meta::head_meta;
pub use tree::{parse_html, Parsed};

use pulldown_cmark::{html, Options, Parser};

/// Renders a Markdown body to HTML.
pub fn markdown_to_html(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(md, opts);
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_inline_html_and_emphasis() {
        let h = markdown_to_html(
            "Go to**Settings > Wi-Fi** now.\n\n<ins class=\"adsbygoogle\"></ins>\n",
        );
        assert!(h.contains("<strong>Settings &gt; Wi-Fi</strong>"), "{h}");
        assert!(h.contains("<ins class=\"adsbygoogle\">"), "{h}");
    }

    #[test]
    fn markdown_tables_render() {
        let h = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(h.contains("<table>"), "{h}");
    }
}
