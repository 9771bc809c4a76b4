//! Cleaning: ads, affiliate blocks and links, tracking pixels, embeds, link
//! farms and site chrome out; the article's own text in, as Markdown blocks.
//!
//! Two phases: [`raw`] removes comment-delimited ad blocks on the source
//! text before any parser sees it; [`dom`] walks the parsed tree once,
//! judging every element by the compiled [`Rules`]. On rendered pages
//! [`content`] first finds the element that holds the article.

pub mod blocks;
pub mod content;
pub mod dom;
pub mod markdown;
pub mod raw;
pub mod rules;

pub use rules::Rules;

use crate::model::{CleanedDoc, Format};
use scraper::{Html, Node, Selector};
use std::sync::LazyLock;

/// Options for cleaning one document.
#[derive(Debug, Clone, Copy, Default)]
pub struct CleanOptions {
    pub keep_images: bool,
}

static H1: LazyLock<Option<Selector>> = LazyLock::new(|| Selector::parse("h1").ok());

/// Cleans a parsed document into Markdown blocks.
pub fn clean_tree(doc: &Html, format: Format, rules: &Rules, opts: CleanOptions) -> CleanedDoc {
    let (roots, strip_chrome) = match format {
        Format::Html => (content::main_content(doc, rules), true),
        Format::Markdown => (vec![doc.tree.root()], false),
    };
    let walked = dom::walk(
        &roots,
        rules,
        dom::WalkOptions {
            keep_images: opts.keep_images,
            strip_chrome,
        },
    );
    let mut removed = walked.removed;
    let pruned = blocks::prune(walked.blocks, rules);
    removed.merge(&pruned.removed);
    let mut audit = walked.audit;
    audit.extend(pruned.audit);
    if strip_chrome && roots.iter().all(|r| r.id() != doc.tree.root().id()) {
        // Everything around the article is chrome: count its top blocks.
        removed.chrome_blocks += count_outside(doc, &roots);
    }
    let first_h1 = H1.as_ref().and_then(|sel| {
        doc.select(sel)
            .map(|h| dom::subtree_text(*h))
            .find(|t| !t.is_empty())
    });
    let mut blocks = pruned.blocks;
    if strip_chrome {
        drop_leading_title(&mut blocks);
    }
    CleanedDoc {
        blocks,
        removed,
        audit,
        first_h1,
    }
}

/// Removes the page's headline from the start of the text: on a rendered
/// page it is the article's `title`, not part of its body, and the body
/// of a page whose headline sits outside the content box must read the
/// same as one whose headline sits inside it.
fn drop_leading_title(blocks: &mut Vec<crate::model::Block>) {
    if blocks
        .first()
        .is_some_and(|b| b.kind == crate::model::BlockKind::Heading(1))
    {
        blocks.remove(0);
    }
}

/// Sibling elements of the content roots and of their ancestors inside
/// `body`: the page chrome that was left out.
fn count_outside(doc: &Html, roots: &[ego_tree::NodeRef<'_, Node>]) -> u64 {
    let Some(&root) = roots.first() else {
        return 0;
    };
    let mut n = 0;
    let mut cur = root;
    while let Some(parent) = cur.parent() {
        if parent.id() == doc.tree.root().id() {
            break;
        }
        n += parent
            .children()
            .filter(|c| c.id() != cur.id() && roots.iter().all(|r| r.id() != c.id()))
            .filter(|c| matches!(c.value(), Node::Element(e) if !matches!(e.name(), "script" | "style" | "head" | "link" | "meta")))
            .count() as u64;
        cur = parent;
    }
    n
}
