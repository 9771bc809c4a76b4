//! UI settings paths written with separators: `Settings > Messages > Send &
//! Receive`, with bold, italic or code markup around segments or the whole
//! chain.

use crate::model::{Block, BlockKind, PathForm, SettingsPath};
use std::collections::BTreeMap;

/// Separators between path segments, longest first.
const SEPARATORS: &[&str] = &["->", "→", "›", "»", ">", "➔", "➜"];
/// Small words that may stand inside a segment ("Privacy & Security",
/// "Date and Time", "Apps and features").
const CONNECTORS: &[&str] = &[
    "&", "and", "of", "for", "with", "to", "on", "in", "a", "an", "the", "your", "or", "-", "/",
];

/// A path found in one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub block: usize,
    pub path: SettingsPath,
}

/// Finds explicit paths in every block, in document order.
pub fn find_paths(blocks: &[Block]) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Code) {
            continue;
        }
        for path in explicit_paths(&b.text) {
            out.push(Found { block: i, path });
        }
    }
    out
}

/// Splits text into (is_separator, piece) tokens.
fn tokenize(s: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut cur = String::new();
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for sep in SEPARATORS {
            if rest.starts_with(sep) {
                out.push((false, std::mem::take(&mut cur)));
                out.push((true, sep.to_string()));
                rest = &rest[sep.len()..];
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push((false, cur));
    out
}

/// Removes Markdown emphasis and code markers and link syntax.
fn unmark(s: &str) -> String {
    crate::clean::dom::strip_inline(&s.replace("\\>", ">").replace("\\|", "|"))
}

/// Explicit paths in one block of inline Markdown.
pub fn explicit_paths(text: &str) -> Vec<SettingsPath> {
    let text = text.replace("\\>", ">").replace("&gt;", ">");
    let toks = tokenize(&text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A chain: piece (sep piece)+ with short middle pieces.
        if toks[i].0 || i + 2 >= toks.len() || !toks[i + 1].0 {
            i += 1;
            continue;
        }
        let mut pieces = vec![toks[i].1.clone()];
        let mut j = i + 1;
        while j + 1 < toks.len() && toks[j].0 {
            let p = &toks[j + 1].1;
            pieces.push(p.clone());
            j += 2;
            // A middle piece must be a short label; a long one ends the chain.
            if unmark(p).split_whitespace().count() > 6 || ends_clause(p) {
                break;
            }
        }
        i = j;
        if let Some(path) = build(&pieces) {
            out.push(path);
        }
    }
    out
}

fn ends_clause(p: &str) -> bool {
    let t = unmark(p);
    t.contains(['.', ',', ';', ':', '!', '?', '(']) && !t.trim_end().ends_with(['.', ',', ';', ':'])
}

fn build(pieces: &[String]) -> Option<SettingsPath> {
    let n = pieces.len();
    let mut segs: Vec<String> = Vec::with_capacity(n);
    let mut alternatives = BTreeMap::new();
    for (k, p) in pieces.iter().enumerate() {
        let seg = if k == 0 {
            left_segment(p)
        } else {
            let (seg, alt) = right_segment(p);
            if let Some(a) = alt {
                alternatives.insert(k, a);
            }
            seg
        };
        segs.push(seg);
    }
    if segs.iter().any(|s| !is_label(s)) {
        // Trim at the first bad segment after a good pair.
        let good = segs.iter().take_while(|s| is_label(s)).count();
        if good < 2 {
            return None;
        }
        segs.truncate(good);
    }
    if segs.len() < 2 || is_comparison(&segs) {
        return None;
    }
    Some(SettingsPath {
        raw: segs.join(" > "),
        root: segs[0].clone(),
        segments: segs,
        form: PathForm::Explicit,
        step: None,
        alternatives,
    })
}

fn is_word_label(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
}

/// The label before the first separator: the text after the last opening
/// markup, or the trailing run of capitalised words.
fn left_segment(p: &str) -> String {
    if let Some(i) = p.rfind("**") {
        let inner = &p[i + 2..];
        if !inner.trim().is_empty() && p[..i].matches("**").count().is_multiple_of(2) {
            return clean_seg(inner);
        }
    }
    if let Some(i) = p.rfind('`') {
        let inner = &p[i + 1..];
        if !inner.trim().is_empty() && p[..i].matches('`').count().is_multiple_of(2) {
            return clean_seg(inner);
        }
    }
    let plain = unmark(p);
    let plain = plain
        .rsplit(['.', ',', ';', ':', '!', '?', '(', ')', '"', '“', '”'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        if is_word_label(w)
            || (CONNECTORS.contains(&w.to_lowercase().as_str())
                && start >= 2
                && is_word_label(words[start - 2]))
        {
            start -= 1;
        } else {
            break;
        }
    }
    // A segment does not start with a connector.
    while start < words.len() && CONNECTORS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    clean_seg(&words[start..].join(" "))
}

/// The label after a separator, up to closing markup, punctuation or the
/// first lower-case word; a parenthetical alternative is returned apart.
fn right_segment(p: &str) -> (String, Option<String>) {
    let mut s = p.to_string();
    if let Some(i) = s.find("**") {
        let before = &s[..i];
        if !before.trim().is_empty() {
            s = before.to_string();
        }
    }
    let plain = unmark(&s);
    let plain = plain.trim();
    // "Cellular (or Mobile Data)": the alternative is kept apart.
    let mut alt = None;
    let mut head = plain;
    if let Some(open) = plain.find('(') {
        if let Some(close) = plain[open..].find(')') {
            let inner = plain[open + 1..open + close].trim();
            let inner = inner.strip_prefix("or ").unwrap_or(inner).trim();
            if !inner.is_empty() {
                alt = Some(inner.to_string());
            }
        }
        head = &plain[..open];
    }
    let head = head
        .split(['.', ',', ';', ':', '!', '?', '"', '“', '”'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = head.split_whitespace().collect();
    let mut end = 0;
    while end < words.len() {
        let w = words[end];
        if is_word_label(w)
            || (CONNECTORS.contains(&w.to_lowercase().as_str())
                && end + 1 < words.len()
                && is_word_label(words[end + 1]))
        {
            end += 1;
        } else {
            break;
        }
    }
    (clean_seg(&words[..end].join(" ")), alt)
}

fn clean_seg(s: &str) -> String {
    let t = unmark(s);
    t.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '"' | '\'' | '“' | '”' | '*' | '`' | '(' | ')'
            )
    })
    .to_string()
}

/// A segment is a short UI label: not empty, not a sentence, not a file
/// path or URL, not a bare number.
fn is_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if words == 0 || words > 7 || s.chars().count() > 60 {
        return false;
    }
    if s.contains("://")
        || s.contains(":\\")
        || s.starts_with('/')
        || s.contains('\\')
        || s.starts_with("www.")
    {
        return false;
    }
    s.chars().any(char::is_alphabetic)
}

/// "iOS 17 > iOS 16", "8GB > 4GB": version and size comparisons.
fn is_comparison(segs: &[String]) -> bool {
    segs.iter().all(|s| s.chars().any(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<Vec<String>> {
        explicit_paths(text)
            .into_iter()
            .map(|p| p.segments)
            .collect()
    }

    #[test]
    fn bold_chain_glued_to_words() {
        assert_eq!(
            segs(
                "You can toggle it by going to**Settings > Messages > Send Read Receipts** , where"
            ),
            [["Settings", "Messages", "Send Read Receipts"]]
        );
    }

    #[test]
    fn bold_segments_and_plain_separators() {
        assert_eq!(
            segs("Open **Settings** > **Privacy** now."),
            [["Settings", "Privacy"]]
        );
    }

    #[test]
    fn plain_chain_in_a_sentence() {
        assert_eq!(
            segs("Check this by going to Settings > Wi-Fi, where you can see networks."),
            [["Settings", "Wi-Fi"]]
        );
    }

    #[test]
    fn parenthetical_alternative() {
        let p = explicit_paths(
            "Review the options at **Settings > Cellular** (or **Mobile Data**) if roaming.",
        );
        assert_eq!(p[0].segments, ["Settings", "Cellular"]);
        let p = explicit_paths("Go to Settings > Cellular (or Mobile Data) and check.");
        assert_eq!(p[0].segments, ["Settings", "Cellular"]);
        assert_eq!(
            p[0].alternatives.get(&1).map(String::as_str),
            Some("Mobile Data")
        );
    }

    #[test]
    fn other_separators_and_escapes() {
        assert_eq!(
            segs("Go to Settings → General → About."),
            [["Settings", "General", "About"]]
        );
        assert_eq!(
            segs("Click File \\> Options \\> Advanced."),
            [["File", "Options", "Advanced"]]
        );
        assert_eq!(
            segs("Choose `Control Panel > Programs`."),
            [["Control Panel", "Programs"]]
        );
    }

    #[test]
    fn comparisons_and_urls_are_not_paths() {
        assert!(segs("iOS 17 > iOS 16 in speed").is_empty());
        assert!(segs("see https://a.com/x > 3").is_empty());
    }
}
