//! Ordered fix and procedure steps.
//!
//! Three shapes, tried in order: numbered fix headings ("Fix 1: ...",
//! "Method 2", "3. Restart"); the sub-headings of a fixes section ("How to
//! fix ..." followed by one heading per fix); one procedure written as a
//! numbered list or as "Step N:" paragraphs.

use crate::model::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A step and the blocks it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSpan {
    pub title: String,
    pub text: String,
    pub substeps: Vec<String>,
    /// Blocks that belong to the step, its heading or item included.
    pub blocks: Range<usize>,
}

static NUMBERED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:fix|method|solution|way|step|tip|option|hack|trick)\s*(?:#|no\.?)?\s*\d+|\d+)\s*[:.)\-–—]?\s+\S").ok()
});
static GROUPING: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)^\s*part\s*\d+").ok());
static FIX_SECTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(fix|fixes|fixing|solution|solutions|solve|troubleshoot\w*|ways|methods|how to|steps|tips|workarounds?|try)\b").ok()
});
static EXPLANATORY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(faqs?\b|frequently asked|conclusion|final (thoughts|words)|summary|bottom line|wrapping up|in conclusion|what (is|are|does|causes)|why (is|does|do|are)|related|table of contents|contents|overview|introduction)").ok()
});
static STEP_PARA: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*step\s*\d+\s*[:.)\-–—]").ok());

fn is_match(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

fn heading_level(b: &Block) -> Option<u8> {
    match b.kind {
        BlockKind::Heading(l) => Some(l),
        _ => None,
    }
}

/// First sentence of a text, for list-item titles.
pub fn first_sentence(s: &str) -> String {
    let s = s.trim();
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if matches!(c, '.' | '!' | '?' | '。') {
            let next = s[i + c.len_utf8()..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    s[..end].trim().to_string()
}

/// Finds the article's steps.
pub fn find_steps(blocks: &[Block]) -> Vec<StepSpan> {
    let headings: Vec<(usize, u8)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| heading_level(b).map(|l| (i, l)))
        .filter(|(i, _)| !blocks[*i].plain.trim().is_empty())
        .collect();
    if let Some(s) = numbered_headings(blocks, &headings) {
        return s;
    }
    if let Some(s) = fix_section(blocks, &headings) {
        return s;
    }
    procedure(blocks)
}

fn spans_from_heads(blocks: &[Block], heads: &[usize], ends: &[usize]) -> Vec<StepSpan> {
    heads
        .iter()
        .zip(ends)
        .map(|(&h, &end)| {
            let range = h..end;
            let body = &blocks[h + 1..end];
            let text = body
                .iter()
                .map(|b| b.plain.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let substeps = body
                .iter()
                .filter(|b| {
                    matches!(
                        b.kind,
                        BlockKind::ListItem {
                            ordered: true,
                            depth: 0,
                            ..
                        }
                    )
                })
                .map(|b| b.plain.clone())
                .collect();
            StepSpan {
                title: blocks[h].plain.clone(),
                text,
                substeps,
                blocks: range,
            }
        })
        .collect()
}

/// The end of a step that starts at heading `h` of `level`: the next heading
/// at the same or a higher level.
fn section_end(blocks: &[Block], headings: &[(usize, u8)], h: usize, level: u8) -> usize {
    headings
        .iter()
        .find(|(i, l)| *i > h && *l <= level)
        .map(|(i, _)| *i)
        .unwrap_or(blocks.len())
}

fn numbered_headings(blocks: &[Block], headings: &[(usize, u8)]) -> Option<Vec<StepSpan>> {
    let numbered: Vec<(usize, u8)> = headings
        .iter()
        .copied()
        .filter(|(i, _)| {
            is_match(&NUMBERED, &blocks[*i].plain) && !is_match(&GROUPING, &blocks[*i].plain)
        })
        .collect();
    // The level that holds the most numbered headings.
    let mut best: Option<(u8, usize)> = None;
    for l in 1..=6u8 {
        let n = numbered.iter().filter(|(_, x)| *x == l).count();
        if n >= 2 && best.is_none_or(|(_, bn)| n > bn) {
            best = Some((l, n));
        }
    }
    let (level, _) = best?;
    let heads: Vec<usize> = numbered
        .iter()
        .filter(|(_, l)| *l == level)
        .map(|(i, _)| *i)
        .collect();
    let ends: Vec<usize> = heads
        .iter()
        .map(|&h| section_end(blocks, headings, h, level))
        .collect();
    Some(spans_from_heads(blocks, &heads, &ends))
}

fn fix_section(blocks: &[Block], headings: &[(usize, u8)]) -> Option<Vec<StepSpan>> {
    for (k, &(h, level)) in headings.iter().enumerate() {
        if !is_match(&FIX_SECTION, &blocks[h].plain) || is_match(&EXPLANATORY, &blocks[h].plain) {
            continue;
        }
        let end = section_end(blocks, headings, h, level);
        let subs: Vec<(usize, u8)> = headings[k + 1..]
            .iter()
            .copied()
            .take_while(|(i, _)| *i < end)
            .collect();
        let Some(sub_level) = subs.iter().map(|(_, l)| *l).min() else {
            continue;
        };
        let heads: Vec<usize> = subs
            .iter()
            .filter(|(i, l)| *l == sub_level && !is_match(&EXPLANATORY, &blocks[*i].plain))
            .map(|(i, _)| *i)
            .collect();
        if heads.len() < 2 {
            continue;
        }
        let ends: Vec<usize> = heads
            .iter()
            .map(|&x| section_end(blocks, headings, x, sub_level).min(end))
            .collect();
        return Some(spans_from_heads(blocks, &heads, &ends));
    }
    None
}

fn procedure(blocks: &[Block]) -> Vec<StepSpan> {
    // "Step 1:" paragraphs.
    let step_paras: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !matches!(b.kind, BlockKind::Code) && is_match(&STEP_PARA, &b.plain))
        .map(|(i, _)| i)
        .collect();
    if step_paras.len() >= 2 {
        return step_paras
            .iter()
            .map(|&i| StepSpan {
                title: first_sentence(&blocks[i].plain),
                text: blocks[i].plain.clone(),
                substeps: Vec::new(),
                blocks: i..i + 1,
            })
            .collect();
    }
    // The first top-level ordered list of two or more items.
    let mut start = None;
    let mut items = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            BlockKind::ListItem {
                ordered: true,
                depth: 0,
                ..
            } => {
                start.get_or_insert(i);
                items.push(i);
            }
            BlockKind::ListItem { depth, .. } if depth > 0 && start.is_some() => {}
            _ => {
                if items.len() >= 2 {
                    break;
                }
                start = None;
                items.clear();
            }
        }
    }
    if items.len() < 2 {
        return Vec::new();
    }
    items
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let end = items.get(k + 1).copied().unwrap_or(i + 1);
            StepSpan {
                title: first_sentence(&blocks[i].plain),
                text: blocks[i].plain.clone(),
                substeps: Vec::new(),
                blocks: i..end.max(i + 1),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, t: &str) -> Block {
        Block {
            kind: BlockKind::Heading(level),
            text: t.into(),
            plain: t.into(),
        }
    }
    fn p(t: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: t.into(),
            plain: t.into(),
        }
    }
    fn li(n: u64, t: &str) -> Block {
        Block {
            kind: BlockKind::ListItem {
                ordered: true,
                depth: 0,
                number: Some(n),
            },
            text: t.into(),
            plain: t.into(),
        }
    }

    #[test]
    fn numbered_fix_headings_with_substeps() {
        let blocks = vec![
            h(2, "Printer offline"),
            p("Intro."),
            h(3, "Fix 1: Restart the printer"),
            p("Turn it off."),
            h(3, "Fix 2: Update the driver"),
            li(1, "Open Device Manager."),
            li(2, "Right-click the printer."),
            h(2, "Conclusion"),
            p("Done."),
        ];
        let s = find_steps(&blocks);
        let titles: Vec<_> = s.iter().map(|x| x.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Fix 1: Restart the printer", "Fix 2: Update the driver"]
        );
        assert_eq!(
            s[1].substeps,
            ["Open Device Manager.", "Right-click the printer."]
        );
        assert_eq!(s[1].blocks, 4..7);
    }

    #[test]
    fn sub_headings_of_a_fixes_section() {
        let blocks = vec![
            h(2, "What does Delivered mean?"),
            p("It means."),
            h(2, "iMessages Won't Deliver: Troubleshooting"),
            h(3, "Do You Both Have Internet Access?"),
            p("Check."),
            h(3, "Try a Force Restart"),
            p("Restart."),
            h(3, "FAQs"),
            h(2, "Other"),
        ];
        let titles: Vec<_> = find_steps(&blocks).into_iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            ["Do You Both Have Internet Access?", "Try a Force Restart"]
        );
    }

    #[test]
    fn one_procedure_as_a_numbered_list() {
        let blocks = vec![
            p("Do this:"),
            li(1, "Open Settings. Then wait."),
            li(2, "Tap General."),
            p("Done."),
        ];
        let titles: Vec<_> = find_steps(&blocks).into_iter().map(|s| s.title).collect();
        assert_eq!(titles, ["Open Settings.", "Tap General."]);
    }

    #[test]
    fn news_has_no_steps() {
        let blocks = vec![
            h(2, "Apple releases iOS 18"),
            p("It is out."),
            h(2, "Reactions"),
            p("Many."),
        ];
        assert!(find_steps(&blocks).is_empty());
    }
}
