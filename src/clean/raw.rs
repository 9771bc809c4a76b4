//! Cleaning on the raw source, before any parser sees it.
//!
//! Dumps delimit ad blocks with comments (`<!-- affiliate ads begin -->` ...
//! `<!-- ... end -->`). Removing those spans on the text is exact and cheap,
//! and it must happen first: a Markdown or HTML parser treats an unterminated
//! `<!--` as a comment that swallows the rest of the article.

use super::rules::Rules;
use crate::model::{Removed, RemovedItem};

/// The source with ad spans removed, and what was removed.
#[derive(Debug, Default)]
pub struct RawCleaned {
    pub text: String,
    pub removed: Removed,
    pub audit: Vec<RemovedItem>,
    pub warnings: Vec<String>,
}

/// Removes comment-delimited ad blocks and defuses unterminated comments.
pub fn strip_comment_blocks(src: &str, rules: &Rules) -> RawCleaned {
    let mut out = RawCleaned {
        text: String::with_capacity(src.len()),
        ..RawCleaned::default()
    };
    // Markers in document order: (start, end, opens?)
    let markers: Vec<(usize, usize, bool)> = rules
        .comment_re
        .captures_iter(src)
        .filter_map(|c| {
            let m = c.get(0)?;
            let inner = c.get(1)?.as_str();
            rules
                .comment_marker(inner)
                .map(|opens| (m.start(), m.end(), opens))
        })
        .collect();
    let mut pos = 0;
    let mut i = 0;
    while i < markers.len() {
        let (start, end, opens) = markers[i];
        i += 1;
        if !opens || start < pos {
            continue;
        }
        // The matching close is the next closing marker.
        let close = markers[i..].iter().position(|m| !m.2).map(|k| i + k);
        let stop = match close {
            Some(k) => {
                i = k + 1;
                markers[k].1
            }
            None => {
                out.warnings.push(
                    "ad block comment without an end marker: removed only the HTML right after it"
                        .to_string(),
                );
                end + html_run_len(&src[end..])
            }
        };
        out.text.push_str(&src[pos..start]);
        // Keep the block's line break so that Markdown around it stays apart.
        out.text.push('\n');
        out.removed.ad_blocks += 1;
        out.audit.push(RemovedItem {
            kind: "ad_block",
            rule: "comment-block".to_string(),
            text: visible_text(&src[end..stop]),
        });
        pos = stop;
    }
    out.text.push_str(&src[pos..]);
    defuse_unterminated_comment(&mut out);
    out
}

/// Length of the run of raw-HTML lines at the start of `s` (lines that start
/// with `<` after indentation), which is where an unterminated ad block's
/// markup stands; article text after it is kept.
fn html_run_len(s: &str) -> usize {
    let mut len = 0;
    let mut depth_open = false;
    for line in s.split_inclusive('\n') {
        let t = line.trim();
        if t.is_empty() {
            if len > 0 && !depth_open {
                break;
            }
            len += line.len();
            continue;
        }
        if t.starts_with('<') || depth_open {
            depth_open = t.ends_with('>')
                && !t.starts_with("</")
                && t.matches('<').count() == 1
                && !t.ends_with("/>");
            len += line.len();
        } else {
            break;
        }
    }
    len
}

/// An opening `<!--` with no `-->` after it would hide everything that
/// follows; drop the opener and keep the text.
fn defuse_unterminated_comment(out: &mut RawCleaned) {
    let Some(last_open) = out.text.rfind("<!--") else {
        return;
    };
    if out.text[last_open..].contains("-->") {
        return;
    }
    out.text.replace_range(last_open..last_open + 4, "");
    out.warnings
        .push("unterminated HTML comment: the text after it was kept".to_string());
}

/// Words of an HTML fragment without its tags, for the audit log.
fn visible_text(html: &str) -> String {
    let mut s = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                s.push(' ');
            }
            _ if !in_tag => s.push(c),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::builtin().expect("rules")
    }

    #[test]
    fn removes_delimited_block_and_keeps_text_around() {
        let src = "Before.\n\n<!-- affiliate ads begin -->\n<a href=\"https://x.pxf.io/c/1/2/3\">Buy Widget Pro</a>\n<!-- affiliate ads end -->\n## Next heading\nAfter.";
        let c = strip_comment_blocks(src, &rules());
        assert!(c.text.contains("Before."));
        assert!(c.text.contains("## Next heading\nAfter."));
        assert!(!c.text.contains("Widget Pro"));
        assert_eq!(c.removed.ad_blocks, 1);
        assert_eq!(c.audit[0].text, "Buy Widget Pro");
    }

    #[test]
    fn unterminated_ad_comment_does_not_swallow_the_article() {
        let src = "Intro.\n\n<!-- affiliate ads begin -->\n<a href=\"https://x.pxf.io/c/1\"><img src=\"a.jpg\"></a>\n\nRestart the router and wait.\n\n## Fix 2\nMore.";
        let c = strip_comment_blocks(src, &rules());
        assert!(c.text.contains("Restart the router and wait."));
        assert!(c.text.contains("## Fix 2\nMore."));
        assert!(!c.text.contains("a.jpg"));
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn bare_unterminated_comment_is_defused() {
        let c = strip_comment_blocks("Keep me.\n<!-- oops\nAnd me too.", &rules());
        assert!(!c.text.contains("<!--"));
        assert!(c.text.contains("And me too."));
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn unrelated_comments_stay() {
        let c = strip_comment_blocks("<!-- Menu -->text<!-- Submenu -->", &rules());
        assert_eq!(c.text, "<!-- Menu -->text<!-- Submenu -->");
        assert_eq!(c.removed.ad_blocks, 0);
    }
}
