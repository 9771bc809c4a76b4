//! Metadata from a rendered page's `<head>`: title, canonical URL,
//! description, dates, keywords and language.

use super::tree::attr;
use crate::model::Meta;
use scraper::{Html, Node};

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Reads what a page says about itself in `<head>`.
pub fn head_meta(doc: &Html) -> Meta {
    let mut m = Meta::default();
    let mut og_title = None;
    let mut keywords = Vec::new();
    let mut title_tag = None;
    let mut canonical = None;
    let mut lang = None;
    // One walk over the elements instead of one selector query per kind.
    for node in doc.tree.root().descendants() {
        let Node::Element(v) = node.value() else {
            continue;
        };
        match v.name() {
            "html" if lang.is_none() => {
                lang = Some(attr(v, "lang").and_then(clean));
            }
            "title" if title_tag.is_none() => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
                    .collect();
                title_tag = Some(clean(&text));
            }
            "link" if canonical.is_none() => {
                let rel = attr(v, "rel").unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    canonical = attr(v, "href").and_then(clean);
                }
            }
            "meta" => {
                let key = attr(v, "property")
                    .or_else(|| attr(v, "name"))
                    .or_else(|| attr(v, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = attr(v, "content").and_then(clean) else {
                    continue;
                };
                match key.as_str() {
                    "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
                    "description" | "og:description" if m.description.is_none() => {
                        m.description = Some(content)
                    }
                    "og:url" if m.url.is_none() => m.url = Some(content),
                    "og:site_name" => m.site_name = Some(content),
                    "article:published_time" | "datepublished" | "date" if m.date.is_none() => {
                        m.date = Some(content)
                    }
                    "article:modified_time" | "datemodified" | "og:updated_time"
                        if m.updated.is_none() =>
                    {
                        m.updated = Some(content)
                    }
                    "article:tag" => m.tags.push(content),
                    "article:section" => m.categories.push(content),
                    "keywords" => keywords = content.split(',').filter_map(clean).collect(),
                    "og:locale" if m.language.is_none() => {
                        m.language = content
                            .split(['_', '-'])
                            .next()
                            .map(|s| s.to_ascii_lowercase())
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if m.tags.is_empty() {
        m.tags = keywords;
    }
    if let Some(href) = canonical {
        if href.starts_with("http://") || href.starts_with("https://") {
            m.url = Some(href);
        }
    }
    let title_tag = title_tag.flatten();
    m.title_is_tag = og_title.is_none() && title_tag.is_some();
    m.title = og_title.or(title_tag);
    if let Some(lang) = lang.flatten() {
        m.language = lang
            .split(['_', '-'])
            .next()
            .map(|s| s.to_ascii_lowercase());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_head() {
        let doc = Html::parse_document(
            r#"<html lang="en-US"><head><title>Fix it - Site</title>
            <meta property="og:title" content="Fix it">
            <meta name="description" content="How to fix it.">
            <link rel="canonical" href="https://example.com/fix-it/">
            <meta property="article:published_time" content="2024-06-24T01:00:00Z">
            <meta name="keywords" content="printer, windows">
            </head><body></body></html>"#,
        );
        let m = head_meta(&doc);
        assert_eq!(m.title.as_deref(), Some("Fix it"));
        assert_eq!(m.description.as_deref(), Some("How to fix it."));
        assert_eq!(m.url.as_deref(), Some("https://example.com/fix-it/"));
        assert_eq!(m.date.as_deref(), Some("2024-06-24T01:00:00Z"));
        assert_eq!(m.tags, ["printer", "windows"]);
        assert_eq!(m.language.as_deref(), Some("en"));
    }
}
