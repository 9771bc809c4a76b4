//! Cleaned blocks to Markdown text.
//!
//! The blocks already carry inline Markdown; this lays them out so that the
//! result renders back to the same structure: headings, paragraphs, ordered
//! and nested lists, tables, code blocks and quotes.

use crate::model::{Block, BlockKind};

/// Renders blocks as one Markdown document.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_list = false;
    for b in blocks {
        let is_list = matches!(b.kind, BlockKind::ListItem { .. });
        if !out.is_empty() {
            // Items of one list stay together; everything else is a paragraph.
            out.push_str(if is_list && prev_list { "\n" } else { "\n\n" });
        }
        match &b.kind {
            BlockKind::Heading(level) => {
                for _ in 0..*level {
                    out.push('#');
                }
                out.push(' ');
                out.push_str(&one_line(&b.text));
            }
            BlockKind::Paragraph => out.push_str(&b.text),
            BlockKind::ListItem {
                ordered,
                depth,
                number,
            } => {
                let indent = "   ".repeat(*depth);
                out.push_str(&indent);
                let marker = if *ordered {
                    format!("{}. ", number.unwrap_or(1))
                } else {
                    "- ".to_string()
                };
                out.push_str(&marker);
                let cont = format!("\n{indent}{}", " ".repeat(marker.len()));
                out.push_str(&b.text.replace('\n', &cont));
            }
            BlockKind::Code => {
                let fence = if b.text.contains("```") {
                    "~~~~"
                } else {
                    "```"
                };
                out.push_str(fence);
                out.push('\n');
                out.push_str(b.text.trim_end_matches('\n'));
                out.push('\n');
                out.push_str(fence);
            }
            BlockKind::Quote => {
                out.push_str("> ");
                out.push_str(&b.text.replace('\n', "\n> "));
            }
            BlockKind::Table => out.push_str(&b.text),
        }
        prev_list = is_list;
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.to_string(),
            plain: text.to_string(),
        }
    }

    #[test]
    fn lays_out_headings_lists_and_code() {
        let blocks = vec![
            b(BlockKind::Heading(2), "Fix 1: Restart"),
            b(BlockKind::Paragraph, "Do this."),
            b(
                BlockKind::ListItem {
                    ordered: true,
                    depth: 0,
                    number: Some(1),
                },
                "Open **Settings**.",
            ),
            b(
                BlockKind::ListItem {
                    ordered: false,
                    depth: 1,
                    number: None,
                },
                "Nested.",
            ),
            b(
                BlockKind::ListItem {
                    ordered: true,
                    depth: 0,
                    number: Some(2),
                },
                "Tap General.",
            ),
            b(BlockKind::Code, "ipconfig /flushdns"),
        ];
        assert_eq!(
            render(&blocks),
            "## Fix 1: Restart\n\nDo this.\n\n1. Open **Settings**.\n   - Nested.\n2. Tap General.\n\n```\nipconfig /flushdns\n```"
        );
    }
}
