//! Cleaning on the raw source, before any parser sees it.
//!
//! Dumps delimit ad blocks with comments (`<!-- affiliate ads begin -->` ...
//! `<!-- ... end -->`). Removing those spans on the text is exact and cheap,
//! and it must happen first: a Markdown or HTML parser treats an unterminated
//! `<!--` as a comment that swallows the rest of the article.

use super::rules::Rules;
use crate::model::{Removed, RemovedItem};
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The source with ad spans removed, and what was removed. `text` borrows
/// the source when nothing was removed, which is the common case.
#[derive(Debug, Default)]
pub struct RawCleaned<'a> {
    pub text: Cow<'a, str>,
    pub removed: Removed,
    pub audit: Vec<RemovedItem>,
    pub warnings: Vec<String>,
}

/// Removes comment-delimited ad blocks and defuses unterminated comments.
pub fn strip_comment_blocks<'a>(src: &'a str, rules: &Rules) -> RawCleaned<'a> {
    let mut out = RawCleaned {
        text: Cow::Borrowed(src),
        ..RawCleaned::default()
    };
    let (markers, all_closed) = comment_markers(src, rules);
    if !markers.is_empty() {
        strip_blocks(src, &markers, &mut out);
    }
    // When the scan closed every comment it opened, every `<!--` of the
    // source has a `-->` at or after it (one inside a comment before that
    // comment's end; none can start in the two bytes after the last `-->`),
    // so the reverse search over the whole page can only say so again.
    if !(all_closed && matches!(out.text, Cow::Borrowed(_))) {
        defuse_unterminated_comment(&mut out);
    }
    out
}

/// The ad-block markers among the comments of `src`, in document order:
/// (start, end, opens?). Comments are found as `(?s)<!--(.*?)-->` finds
/// them: the leftmost `<!--`, then the first `-->` after it; the next
/// search starts after that. Also says whether every comment found was
/// closed (no `<!--` is left without a `-->` after it).
fn comment_markers(src: &str, rules: &Rules) -> (Vec<(usize, usize, bool)>, bool) {
    let bytes = src.as_bytes();
    let mut markers = Vec::new();
    let mut from = 0;
    while let Some(start) = find_open(bytes, from) {
        let inner = start + 4;
        let Some(close) = find_from(bytes, inner, &CLOSE) else {
            return (markers, false);
        };
        let end = close + 3;
        if let Some(opens) = rules.comment_marker(&src[inner..close]) {
            markers.push((start, end, opens));
        }
        from = end;
    }
    (markers, true)
}

/// The comment end's searcher, built once: `memmem::find` builds one per
/// call, which on a page of many short comments cost more than the
/// searches.
static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));

/// Position of the first `<!--` in `hay` at or after `from`. Found through
/// its `!`, the rarest of its bytes on a page (a `<!--` searcher's
/// prefilter stopped at every tag's `<`); the leftmost `!` that completes
/// one gives the leftmost `<!--`.
fn find_open(hay: &[u8], from: usize) -> Option<usize> {
    let rest = hay.get(from + 1..)?;
    memchr::memchr_iter(b'!', rest)
        .map(|p| from + 1 + p)
        .find(|&p| hay[p - 1] == b'<' && hay.get(p + 1..p + 3) == Some(b"--"))
        .map(|p| p - 1)
}

/// Cuts the blocks that `markers` delimit out of `src` into `out.text`.
fn strip_blocks(src: &str, markers: &[(usize, usize, bool)], out: &mut RawCleaned<'_>) {
    let mut text = String::with_capacity(src.len());
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
        text.push_str(&src[pos..start]);
        // Keep the block's line break so that Markdown around it stays apart.
        text.push('\n');
        out.removed.ad_blocks += 1;
        out.audit.push(RemovedItem {
            kind: "ad_block",
            rule: "comment-block".to_string(),
            text: visible_text(&src[end..stop]),
        });
        pos = stop;
    }
    if out.removed.ad_blocks == 0 {
        // Only closing markers: nothing to cut.
        return;
    }
    text.push_str(&src[pos..]);
    out.text = Cow::Owned(text);
}

/// Position of the first match of `needle` in `hay` at or after `from`.
fn find_from(hay: &[u8], from: usize, needle: &Finder<'_>) -> Option<usize> {
    let rest = hay.get(from..)?;
    needle.find(rest).map(|p| from + p)
}

/// Position of the last `needle` in `hay`.
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
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
fn defuse_unterminated_comment(out: &mut RawCleaned<'_>) {
    let Some(last_open) = rfind(out.text.as_bytes(), b"<!--") else {
        return;
    };
    if out.text[last_open..].contains("-->") {
        return;
    }
    out.text
        .to_mut()
        .replace_range(last_open..last_open + 4, "");
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

    /// The markers as the capturing regex found them before the byte scan.
    fn markers_by_regex(src: &str, rules: &Rules) -> Vec<(usize, usize, bool)> {
        let re = regex::Regex::new(r"(?s)<!--(.*?)-->").expect("regex");
        re.captures_iter(src)
            .filter_map(|c| {
                let m = c.get(0)?;
                let inner = c.get(1)?.as_str();
                rules
                    .comment_marker(inner)
                    .map(|opens| (m.start(), m.end(), opens))
            })
            .collect()
    }

    #[test]
    fn byte_scan_finds_the_comments_the_regex_found() {
        let r = rules();
        for src in [
            "",
            "<!-->ad begin-->x<!--ad end-->",
            "<!--->ad begin --><!-- ad end --->",
            "<!-- ad begin <!-- ad end -->",
            "<!-- Ad Begin -->é<!-- ÄD end -->",
            "<!-- affiliate ads begin -->",
            "<!-- ads begin",
            "--><!-- ads begin --><!-- ads end",
            "<!<!-- promo start -- >--><!-- promo stop -->",
        ] {
            assert_eq!(
                comment_markers(src, &r).0,
                markers_by_regex(src, &r),
                "{src:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_matches_regex(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<!--", "-->", "<", ">", "-", "!", " ad ", "begin", "end", "promo", "x", "é", "\n",
                " affiliate ads begin ", " ads end ", "<a href=x>", "Ad", "START",
            ]),
            0..40,
        )) {
            let src: String = parts.concat();
            let r = rules();
            let (markers, all_closed) = comment_markers(&src, &r);
            proptest::prop_assert_eq!(markers, markers_by_regex(&src, &r));
            // Skipping the reverse search is sound: when the scan closed
            // every comment, no `<!--` lacks a `-->` at or after it.
            if all_closed {
                if let Some(last) = src.rfind("<!--") {
                    proptest::prop_assert!(src[last..].contains("-->"), "{:?}", src);
                }
            }
            proptest::prop_assert_eq!(
                rfind(src.as_bytes(), b"<!--"),
                src.rfind("<!--")
            );
            for from in 0..=src.len() {
                proptest::prop_assert_eq!(
                    find_open(src.as_bytes(), from),
                    src.as_bytes()[from..]
                        .windows(4)
                        .position(|w| w == b"<!--")
                        .map(|p| p + from)
                );
                proptest::prop_assert_eq!(
                    find_from(src.as_bytes(), from, &CLOSE),
                    src.as_bytes()[from..]
                        .windows(3)
                        .position(|w| w == b"-->")
                        .map(|p| p + from)
                );
            }
        }
    }

    #[test]
    fn nothing_removed_borrows_the_source() {
        let src = "<!-- Menu -->text<!-- ads end -->";
        let c = strip_comment_blocks(src, &rules());
        assert!(matches!(c.text, Cow::Borrowed(_)));
        assert_eq!(c.text, src);
    }

    #[test]
    fn long_pages_are_scanned_across_chunks() {
        let pad = "x".repeat(100);
        let src = format!("{pad}<!-- ads begin -->{pad}<a>buy</a><!-- ads end -->{pad}<!-- oops");
        let c = strip_comment_blocks(&src, &rules());
        assert_eq!(c.removed.ad_blocks, 1);
        assert_eq!(c.text, format!("{pad}\n{pad} oops"));
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn unrelated_comments_stay() {
        let c = strip_comment_blocks("<!-- Menu -->text<!-- Submenu -->", &rules());
        assert_eq!(c.text, "<!-- Menu -->text<!-- Submenu -->");
        assert_eq!(c.removed.ad_blocks, 0);
    }
}
