//! Bounding how deep a page nests before the HTML parser sees it.
//!
//! html5ever builds any tree it is given, but several of its steps scan the
//! stack of open elements ("has a `p` element in button scope?"), so a page
//! of 100,000 nested `<div>`s takes time quadratic in its depth, and so do
//! the cleaning passes that look at every element's subtree. Browsers cap
//! the depth too (Chromium's parser at 512). This pass is a small linear
//! tag scanner: start tags that would open deeper than [`MAX_DEPTH`], and
//! formatting elements (`<b>`, `<i>`, `<a>`, ...) beyond
//! [`MAX_OPEN_FORMATTING`] open at once (which the parser would otherwise
//! re-open at every new paragraph), are dropped together with their end
//! tags. Their text stays; only the extra levels of markup go, and a
//! warning says so.
//!
//! The scanner follows HTML tokenisation where it matters for depth
//! (comments, raw-text elements, quoted attribute values, void elements,
//! elements that close their open sibling) and otherwise over-counts, which
//! only makes it flatten a little earlier on pages that are deep anyway.

use std::borrow::Cow;
use std::ops::Range;

/// Deepest element nesting kept as it is.
pub const MAX_DEPTH: usize = 512;
/// Most formatting elements kept open at once.
pub const MAX_OPEN_FORMATTING: usize = 64;
/// How far down the stack an end tag looks for its start tag.
const LOOKBACK: usize = 64;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// Start tags that close an open `p` (in button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "table",
    "hr",
    "li",
    "dd",
    "dt",
    "plaintext",
];
const P_SCOPE: &[&str] = &[
    "button", "table", "td", "th", "caption", "object", "applet", "marquee", "template", "html",
    "svg", "math",
];

/// Elements whose start tag closes an open sibling: (start tag, what it
/// closes, where the search stops).
fn closes_sibling(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        "li" => (&["li"], &["ul", "ol", "table"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl", "table"]),
        "tr" => (&["tr"], &["table"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot"], &["table"]),
        "option" => (&["option"], &["select", "datalist"]),
        "optgroup" => (&["optgroup", "option"], &["select"]),
        "rb" | "rt" | "rp" | "rtc" => (&["rb", "rt", "rp"], &["ruby"]),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (&["h1", "h2", "h3", "h4", "h5", "h6"], &[]),
        _ => return None,
    })
}

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

struct Open {
    name: String,
    dropped: bool,
    formatting: bool,
    foreign: bool,
}

/// The open elements as the scanner sees them, with running counts.
#[derive(Default)]
struct Stack {
    open: Vec<Open>,
    /// Elements that stay in the tree (not dropped): the real depth.
    kept: usize,
    formatting: usize,
    foreign: usize,
}

impl Stack {
    /// Index of the nearest open `targets` element within `limit` entries
    /// from the top, not looking past a `boundaries` element.
    fn find(&self, targets: &[&str], boundaries: &[&str], limit: usize) -> Option<usize> {
        for (k, o) in self.open.iter().rev().take(limit).enumerate() {
            if targets.contains(&o.name.as_str()) {
                return Some(self.open.len() - 1 - k);
            }
            if boundaries.contains(&o.name.as_str()) {
                return None;
            }
        }
        None
    }

    /// Closes the element at `idx` and everything opened inside it; whether
    /// it had been dropped.
    fn close_from(&mut self, idx: usize) -> bool {
        let dropped = self.open[idx].dropped;
        for o in self.open.drain(idx..) {
            self.kept -= usize::from(!o.dropped);
            self.formatting -= usize::from(o.formatting && !o.dropped);
            self.foreign -= usize::from(o.foreign);
        }
        dropped
    }

    fn push(&mut self, name: String, dropped: bool) {
        let formatting = FORMATTING.contains(&name.as_str());
        let foreign = matches!(name.as_str(), "svg" | "math");
        self.kept += usize::from(!dropped);
        self.formatting += usize::from(formatting && !dropped);
        self.foreign += usize::from(foreign);
        self.open.push(Open {
            name,
            dropped,
            formatting,
            foreign,
        });
    }
}

/// What [`bound_nesting`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounded<'a> {
    pub html: Cow<'a, str>,
    /// Start tags dropped (their end tags went with them).
    pub flattened: usize,
}

impl Bounded<'_> {
    /// The warning for the article record, when anything was flattened.
    pub fn warning(&self) -> Option<String> {
        (self.flattened > 0).then(|| {
            format!(
                "markup nested deeper than {MAX_DEPTH} elements (or more than {MAX_OPEN_FORMATTING} open formatting elements): {} start tags flattened, their text kept",
                self.flattened
            )
        })
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Index just past the `>` that ends the tag whose name ends at `i`, or
/// `None` when the tag is never closed (a truncated page).
fn tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'=' => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && matches!(b[i], b'"' | b'\'') {
                    let q = b[i];
                    let close = b[i + 1..].iter().position(|&c| c == q)?;
                    i += close + 2;
                } else {
                    // unquoted value; the loop continues to '>'
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Drops the markup that nests deeper than [`MAX_DEPTH`]; borrows the input
/// unchanged when nothing is too deep.
pub fn bound_nesting(src: &str) -> Bounded<'_> {
    bound_nesting_with(src, MAX_DEPTH, MAX_OPEN_FORMATTING)
}

/// [`bound_nesting`] with explicit limits.
pub fn bound_nesting_with(src: &str, max_depth: usize, max_formatting: usize) -> Bounded<'_> {
    let b = src.as_bytes();
    let mut stack = Stack::default();
    let mut drops: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            i = find(b, lt + 1, b">").map_or(b.len(), |p| p + 1);
            continue;
        }
        let is_end = rest.starts_with(b"/");
        let name_start = lt + 1 + usize::from(is_end);
        if name_start >= b.len() || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')))
            .map_or(b.len(), |p| name_start + p);
        let name = src[name_start..name_end].to_ascii_lowercase();
        let Some(end) = tag_end(b, name_end) else {
            break;
        };
        i = end;
        if is_end {
            if let Some(idx) = stack.find(&[name.as_str()], &[], LOOKBACK) {
                if stack.close_from(idx) {
                    drops.push(lt..end);
                }
            }
            continue;
        }
        let self_closing = b[..end].ends_with(b"/>");
        if VOID.contains(&name.as_str()) || (self_closing && stack.foreign > 0) {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find(b, end, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        if stack.foreign == 0 {
            if CLOSES_P.contains(&name.as_str()) {
                if let Some(idx) = stack.find(&["p"], P_SCOPE, LOOKBACK) {
                    stack.close_from(idx);
                }
            }
            if let Some((targets, boundaries)) = closes_sibling(&name) {
                if let Some(idx) = stack.find(targets, boundaries, LOOKBACK) {
                    stack.close_from(idx);
                }
            }
        }
        if name == "plaintext" {
            break;
        }
        let dropped = stack.kept >= max_depth
            || (FORMATTING.contains(&name.as_str()) && stack.formatting >= max_formatting);
        if dropped {
            drops.push(lt..end);
        }
        stack.push(name, dropped);
    }
    if drops.is_empty() {
        return Bounded {
            html: Cow::Borrowed(src),
            flattened: 0,
        };
    }
    let flattened = drops
        .iter()
        .filter(|r| b.get(r.start + 1) != Some(&b'/'))
        .count();
    let mut out = String::with_capacity(src.len());
    let mut pos = 0;
    for r in drops {
        out.push_str(&src[pos..r.start]);
        pos = r.end;
    }
    out.push_str(&src[pos..]);
    Bounded {
        html: Cow::Owned(out),
        flattened,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_unchanged() {
        let src = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><img src=x><br></div><!-- <div><div> --><script>if (a<b) {}</script></body></html>";
        let b = bound_nesting_with(src, 6, 64);
        assert!(matches!(b.html, Cow::Borrowed(_)));
        assert_eq!(b.flattened, 0);
        assert!(b.warning().is_none());
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = 100;
        let src = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let b = bound_nesting_with(&src, 10, 64);
        assert_eq!(b.flattened, 90);
        assert_eq!(
            b.html,
            format!("{}deep text{}", "<div>".repeat(10), "</div>".repeat(10))
        );
        assert!(b.warning().is_some());
    }

    #[test]
    fn unclosed_formatting_elements_are_capped() {
        let src = format!("{}<p>x", "<b>".repeat(100));
        let b = bound_nesting_with(&src, 512, 64);
        assert_eq!(b.flattened, 36);
    }

    #[test]
    fn quoted_attributes_with_angle_brackets_do_not_confuse_it() {
        let src = "<div title=\"a > b\"><div data-x='<div>'>t</div></div>";
        let b = bound_nesting_with(src, 1, 64);
        assert_eq!(b.html, "<div title=\"a > b\">t</div>");
    }

    #[test]
    fn truncated_tag_stops_the_scan() {
        let b = bound_nesting_with("<div><div><div class=\"x", 1, 64);
        assert_eq!(b.html, "<div><div class=\"x");
    }

    #[test]
    fn nested_lists_count_as_nested() {
        let n = 50;
        let src = format!("{}{}", "<ul><li>item ".repeat(n), "</li></ul>".repeat(n));
        let b = bound_nesting_with(&src, 20, 64);
        assert_eq!(b.flattened, 80, "ul+li per level, 10 levels kept");
        let siblings = "<ul><li>a<li>b<li>c</ul>".repeat(30);
        assert_eq!(bound_nesting_with(&siblings, 3, 64).flattened, 0);
    }

    #[test]
    fn blocks_inside_paragraphs_are_counted_as_the_parser_builds_them() {
        // `<div>` closes an open `<p>`, so this nests one div per level.
        let src = "<div><p>x".repeat(40);
        let b = bound_nesting_with(&src, 10, 64);
        assert!(b.flattened >= 25, "{}", b.flattened);
    }
}
