//! Is the article a how-to (it instructs the reader or gives fixes) or
//! something else (news, review, listicle)?
//!
//! Titles are unreliable in scraped dumps (a title may describe a different
//! article than the body), so the decision reads the body: found steps make
//! a how-to; without steps, a how-to still tells the reader what to click,
//! tap or open, sentence after sentence.

use crate::model::{Block, BlockKind, Kind, Step};
use regex::Regex;
use std::sync::LazyLock;

/// A sentence that tells the reader to operate a UI: "Open Settings",
/// "Next, tap General", "2. Click OK". A few languages.
static INSTRUCTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:\d{1,2}[.)]\s*)?(?:(?:then|next|first|now|finally|after that|from there|afterwards|once (?:done|there))\s*,?\s+)?(?:open|click|tap|select|go to|press|type|navigate|choose|enter|launch|head (?:over )?to|scroll|right-click|double-click|toggle|turn (?:on|off)|enable|disable|download|install|uninstall|reinstall|restart|reboot|make sure|hit|swipe|sign (?:in|out)|log (?:in|out)|copy|paste|abre|haz clic|pulsa|toca|selecciona|ve a|ouvrez|cliquez|appuyez|sélectionnez|öffnen sie|klicken sie|tippen sie|açın|tıklayın|seçin|클릭|선택|열기|点击|打开|选择)\b",
    )
    .ok()
});

/// Sentences of a text, roughly.
fn sentences(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', '.', '!', '?', '。'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
}

/// How many sentences in the body are UI instructions.
pub fn instruction_sentences(blocks: &[Block]) -> usize {
    let Some(re) = INSTRUCTION.as_ref() else {
        return 0;
    };
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }))
        .flat_map(|b| sentences(&b.plain))
        .filter(|s| re.is_match(s))
        .count()
}

/// `Howto` when the article has steps, or when UI instructions are frequent
/// enough in its body (at least two, and three per thousand words) that it
/// reads as one procedure written as prose.
pub fn decide(steps: &[Step], blocks: &[Block], n_paths: usize) -> Kind {
    if !steps.is_empty() {
        return Kind::Howto;
    }
    let n = instruction_sentences(blocks);
    let words: usize = blocks
        .iter()
        .map(|b| b.plain.split_whitespace().count())
        .sum();
    let dense = n * 1000 >= 3 * words.max(1);
    if (n >= 2 && dense) || (n >= 1 && n_paths >= 2) {
        Kind::Howto
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: t.into(),
            plain: t.into(),
        }
    }

    #[test]
    fn prose_instructions_make_a_howto() {
        let blocks = vec![
            p("FaceTime works on the web."),
            p("First, open the link in Chrome. Next, click Join and wait."),
            p("That's it."),
        ];
        assert_eq!(decide(&[], &blocks, 0), Kind::Howto);
    }

    #[test]
    fn news_is_other() {
        let blocks = vec![
            p("Apple released a memo on Tuesday about the glitch."),
            p("Owners reported the problem for months, the company said."),
        ];
        assert_eq!(decide(&[], &blocks, 0), Kind::Other);
    }

    #[test]
    fn steps_make_a_howto() {
        let s = Step {
            index: 1,
            title: "Restart".into(),
            text: String::new(),
            substeps: vec![],
            settings_paths: vec![],
        };
        assert_eq!(decide(&[s], &[], 0), Kind::Howto);
    }
}
