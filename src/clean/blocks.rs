//! Cleaning on the finished blocks: boilerplate that only shows as a pattern
//! across neighbouring blocks.
//!
//! Scraped Markdown often carries a page's chrome as plain text: feedback
//! widgets ("Was this page helpful?"), newsletter boxes, breadcrumbs, rows of
//! "related" links as separate paragraphs, footers. No element marks them, so
//! the tree walk cannot see them; what gives them away is their shape (a
//! block made only of links, a short widget label from the rule tables, a
//! URL the page links to again and again) and their neighbours. One linear
//! pass judges each block, a few more spread the verdict to short blocks
//! caught between or under junk.

use super::dom::space_len;
use super::rules::Rules;
use crate::model::{Block, BlockKind, Removed, RemovedItem};
use std::collections::HashMap;

/// One inline link of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    /// Words of the link text.
    words: usize,
    href: String,
}

/// What the pass needs to know about one block.
#[derive(Debug, Default)]
struct Facts {
    words: usize,
    links: Vec<Link>,
    /// The words outside links (image and URL debris left out); empty when
    /// the block has no links, where nothing reads it.
    rest: String,
    rest_words: usize,
}

impl Facts {
    /// The whole block is links (separators and punctuation aside).
    fn link_only(&self) -> bool {
        !self.links.is_empty() && self.rest_words == 0
    }

    fn title_words(&self) -> usize {
        self.links.iter().map(|l| l.words).sum()
    }
}

const BOILERPLATE: &str = "boilerplate phrase";
const FARM_LABEL: &str = "link-farm label";
const LABEL_OF_JUNK: &str = "label of junk";

/// Why a block goes.
#[derive(Debug, Clone)]
struct Verdict {
    farm: bool,
    rule: &'static str,
    /// Found on its own (not spread from a neighbour), and not an inline
    /// "Also:" promo inside the article's flow: may anchor the spreading.
    strong: bool,
}

/// The blocks that stay, and what went.
#[derive(Debug, Default)]
pub struct Pruned {
    pub blocks: Vec<Block>,
    pub removed: Removed,
    pub audit: Vec<RemovedItem>,
}

/// Removes boilerplate blocks; see the module documentation.
pub fn prune(blocks: Vec<Block>, rules: &Rules) -> Pruned {
    let facts: Vec<Facts> = blocks.iter().map(facts).collect();
    let hubs = hub_hrefs(&facts);
    let mut verdicts: Vec<Option<Verdict>> = blocks
        .iter()
        .zip(&facts)
        .map(|(b, f)| judge(b, f, &hubs, rules))
        .collect();
    mark_link_runs(&blocks, &facts, &hubs, rules, &mut verdicts);
    for _ in 0..2 {
        spread_to_short_links(&facts, &mut verdicts);
        spread_between(&blocks, &facts, &mut verdicts);
        spread_to_labels(&blocks, &facts, &mut verdicts);
        spread_to_sections(&blocks, &facts, &mut verdicts);
        spread_to_author_bio(&blocks, &facts, &mut verdicts);
    }
    let mut out = Pruned::default();
    for ((b, f), v) in blocks.into_iter().zip(&facts).zip(verdicts) {
        match v {
            None if matches!(b.kind, BlockKind::Heading(_)) => out.blocks.push(Block {
                text: unlink(&b.text),
                ..b
            }),
            None => out.blocks.push(b),
            Some(v) => {
                let kind = if v.farm {
                    out.removed.link_farm_links += f.links.len().max(1) as u64;
                    "link_farm"
                } else {
                    out.removed.chrome_blocks += 1;
                    "chrome_block"
                };
                out.audit.push(RemovedItem {
                    kind,
                    rule: v.rule.to_string(),
                    text: b.plain,
                });
            }
        }
    }
    out
}

fn word_count(s: &str) -> usize {
    super::dom::word_count(s)
}

/// A word that carries meaning: has a letter or digit and is not the tail
/// of a broken Markdown link (`](https://...)`).
fn is_word(w: &str) -> bool {
    // `windows` rather than `contains`: a substring searcher set up for
    // every word cost more than the check.
    w.chars().any(char::is_alphanumeric)
        && !w.as_bytes().windows(3).any(|x| x == b"://")
        && !w.starts_with("](")
}

/// The words of `strip_inline(s)` that carry meaning ([`is_word`]),
/// counted in one pass over `s` without building the stripped text:
/// markers are skipped as `strip_inline_into` drops them, words split where
/// `split_whitespace` splits them ([`space_len`]), and each word's tests
/// run on its bytes as they pass (a copy, a word iterator and a decode of
/// every character cost several times the count).
///
/// Every byte kept belongs to a character kept whole (what is dropped is
/// ASCII or runs up to an ASCII byte), so the whitespace and the
/// characters seen here are those of the stripped text.
fn meaningful_words(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    // The word being read: its length in bytes, first two bytes, last two
    // bytes, and whether it has a letter or digit or holds `://` so far.
    let mut len = 0usize;
    let mut first = [0u8; 2];
    let mut last = [0u8; 2];
    let mut alnum = false;
    let mut url = false;
    let mut i = 0;
    loop {
        let c = b.get(i).copied();
        match c {
            Some(b'*' | b'`' | b'[') => {
                i += 1;
                continue;
            }
            Some(b']') if b.get(i + 1) == Some(&b'(') => {
                i = s[i + 2..].find(')').map_or(b.len(), |k| i + 2 + k + 1);
                continue;
            }
            _ => {}
        }
        let space = match c {
            None => 1,
            Some(_) => space_len(b, i),
        };
        if space > 0 {
            if len > 0 && alnum && !url && first != *b"](" {
                n += 1;
            }
            len = 0;
            if c.is_none() {
                return n;
            }
            i += space;
            continue;
        }
        let Some(c) = c else {
            return n;
        };
        if c.is_ascii_alphanumeric() {
            // Most bytes: a run of ASCII letters and digits, taken whole.
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let run = &b[start..i];
            let (head, tail) = (run[0], run[run.len() - 1]);
            match len {
                0 => {
                    first = [head, run.get(1).copied().unwrap_or(0)];
                    url = false;
                }
                1 => first[1] = head,
                _ => {}
            }
            last = match run.len() {
                1 => [last[1], head],
                k => [run[k - 2], tail],
            };
            len += run.len();
            alnum = true;
            continue;
        }
        if len == 0 {
            first = [c, 0];
            last = [0, 0];
            alnum = false;
            url = false;
        } else if len == 1 {
            first[1] = c;
        }
        len += 1;
        if !alnum {
            alnum = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                // A character starts here unless this is a continuation byte.
                c & 0xC0 != 0x80
                    && s.get(i..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_alphanumeric)
            };
        }
        url |= last == *b":/" && c == b'/';
        last = [last[1], c];
        i += 1;
    }
}

/// One `[..](..)` or `![..](..)` of inline Markdown: its byte range, the
/// range of its text, whether it is an image, and its URL.
type Span<'a> = (usize, usize, std::ops::Range<usize>, bool, &'a str);

/// The links and images of inline Markdown, inner ones before outer ones.
fn spans(text: &str) -> Vec<Span<'_>> {
    let bytes = text.as_bytes();
    let mut spans: Vec<Span<'_>> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => open.push(i),
            b']' => {
                let Some(start) = open.pop() else {
                    i += 1;
                    continue;
                };
                if bytes.get(i + 1) == Some(&b'(') {
                    if let Some(len) = text[i + 2..].find(')') {
                        let href = &text[i + 2..i + 2 + len];
                        if !href.contains(char::is_whitespace) {
                            let image = start > 0 && bytes[start - 1] == b'!';
                            let s = if image { start - 1 } else { start };
                            spans.push((s, i + 3 + len, start + 1..i, image, href));
                            i += 3 + len;
                            continue;
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

/// Inline Markdown with its links turned back into their words; headings
/// carry links only so that this pass can judge them.
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, inner, image, _) in spans(text) {
        if image || start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&text[inner]);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Links, and the text outside them, of one block's inline Markdown.
fn facts(b: &Block) -> Facts {
    let text = &b.text;
    let spans = spans(text);
    let has_images = spans.iter().any(|s| s.3);
    let without_images = |r: std::ops::Range<usize>| -> std::borrow::Cow<'_, str> {
        if !has_images {
            return text[r].into();
        }
        let mut s = String::new();
        let mut at = r.start;
        for (a, e) in spans
            .iter()
            .filter(|s| s.3)
            .map(|s| (s.0, s.1))
            .filter(|(a, e)| *a >= r.start && *e <= r.end)
        {
            if a >= at {
                s.push_str(&text[at..a]);
                at = e;
            }
        }
        if at < r.end {
            s.push_str(&text[at..r.end]);
        }
        s.into()
    };
    let words_of = meaningful_words;
    let links: Vec<Link> = spans
        .iter()
        .filter(|s| !s.3)
        .map(|s| Link {
            words: words_of(&without_images(s.2.clone())),
            href: s.4.trim_end_matches('/').to_ascii_lowercase(),
        })
        .collect();
    // The text outside every span.
    let rest: std::borrow::Cow<'_, str> = if spans.is_empty() {
        text.as_str().into()
    } else {
        let mut sorted: Vec<(usize, usize)> = spans.iter().map(|s| (s.0, s.1)).collect();
        sorted.sort_unstable();
        let mut rest = String::new();
        let mut at = 0;
        for (a, e) in sorted {
            if a >= at {
                rest.push_str(&text[at..a]);
                rest.push(' ');
            }
            at = at.max(e);
        }
        if at < text.len() {
            rest.push_str(&text[at..]);
        }
        rest.into()
    };
    let rest_words = words_of(&rest);
    Facts {
        words: word_count(&b.plain),
        // Read only beside links.
        rest: if links.is_empty() {
            String::new()
        } else {
            super::dom::strip_inline(&rest)
        },
        links,
        rest_words,
    }
}

/// URLs the page links to three times or more: a site's own menu, a
/// product's download page, a tag page. Article references are rarely
/// repeated; chrome always is.
fn hub_hrefs(facts: &[Facts]) -> HashMap<&str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in facts.iter().flat_map(|f| &f.links) {
        if l.href.contains("://") || l.href.starts_with("//") {
            *counts.entry(l.href.as_str()).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 3);
    counts
}

fn is_hub(hubs: &HashMap<&str, usize>, l: &Link) -> bool {
    hubs.contains_key(l.href.as_str())
}

/// Characters that separate breadcrumb or menu entries.
fn is_separator(w: &str) -> bool {
    w.chars().all(|c| {
        matches!(
            c,
            '>' | '»' | '›' | '/' | '|' | '｜' | '→' | '·' | '•' | '-' | '–'
        )
    })
}

fn is_list_item(b: &Block) -> Option<bool> {
    match b.kind {
        BlockKind::ListItem { ordered, .. } => Some(ordered),
        _ => None,
    }
}

/// The verdict on one block by itself.
fn judge(b: &Block, f: &Facts, hubs: &HashMap<&str, usize>, rules: &Rules) -> Option<Verdict> {
    let verdict = |farm, rule| {
        Some(Verdict {
            farm,
            rule,
            strong: true,
        })
    };
    if matches!(b.kind, BlockKind::Code | BlockKind::Table) {
        return None;
    }
    if f.words <= 12 && rules.boilerplate(&b.plain).is_some() {
        return verdict(false, BOILERPLATE);
    }
    if f.link_only() && f.links.len() >= 2 && is_list_item(b) != Some(true) {
        return verdict(false, "block made only of links (menu, tag row)");
    }
    if f.links.len() >= 2 && f.words <= 12 {
        let words: Vec<&str> = f.rest.split_whitespace().collect();
        let seps = words.iter().filter(|w| is_separator(w)).count();
        let named = words.iter().filter(|w| is_word(w)).count();
        if seps + 1 >= f.links.len() && named <= 3 {
            return verdict(false, "breadcrumb");
        }
    }
    if f.links.len() == 1
        && f.rest_words > 0
        && f.links[0].words >= 2
        && rules.is_farm_heading(&f.rest)
    {
        return Some(Verdict {
            farm: true,
            rule: "labelled link to another article (\"Also:\")",
            strong: false,
        });
    }
    if f.link_only() && is_list_item(b).is_none() && f.links.iter().all(|l| is_hub(hubs, l)) {
        return verdict(true, "link-only block to a repeated URL");
    }
    None
}

/// Runs of blocks made only of links: a link farm when its entries read
/// like titles of other articles, all point to one place, or a farm label
/// introduces them. A list the article introduces with its own sentence
/// ("Use one of these tools:") stays.
fn mark_link_runs(
    blocks: &[Block],
    facts: &[Facts],
    hubs: &HashMap<&str, usize>,
    rules: &Rules,
    verdicts: &mut [Option<Verdict>],
) {
    let mut i = 0;
    while i < blocks.len() {
        // A farm label: everything link-bearing right after it is the farm.
        if !matches!(blocks[i].kind, BlockKind::Code | BlockKind::Table)
            && facts[i].words <= 8
            && rules.is_farm_heading(&blocks[i].plain)
        {
            let mut j = i + 1;
            while j < blocks.len()
                && !matches!(blocks[j].kind, BlockKind::Heading(_))
                && !facts[j].links.is_empty()
                && (is_list_item(&blocks[j]).is_some() || facts[j].link_only())
            {
                j += 1;
            }
            if j > i + 1 {
                verdicts[i] = strong(false, FARM_LABEL);
                for v in &mut verdicts[i + 1..j] {
                    *v = strong(true, "link farm after a farm label");
                }
                i = j;
                continue;
            }
        }
        let runnable = |k: usize| {
            facts[k].link_only()
                && is_list_item(&blocks[k]) != Some(true)
                && !matches!(
                    blocks[k].kind,
                    BlockKind::Heading(_) | BlockKind::Code | BlockKind::Table
                )
        };
        if !runnable(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < blocks.len() && runnable(j) {
            j += 1;
        }
        let run = &facts[i..j];
        let links: Vec<&Link> = run.iter().flat_map(|f| &f.links).collect();
        let titles = links.iter().map(|l| l.words).sum::<usize>() as f64 / links.len() as f64;
        let one_target = links.windows(2).all(|w| w[0].href == w[1].href);
        let all_hubs = links.iter().all(|l| is_hub(hubs, l));
        let introduced = i > 0 && blocks[i - 1].plain.trim_end().ends_with(':');
        if links.len() >= 2 && !introduced && (titles >= 4.0 || one_target || all_hubs) {
            for v in &mut verdicts[i..j] {
                if v.is_none() {
                    *v = strong(true, "run of link-only blocks");
                }
            }
        }
        i = j;
    }
}

fn strong(farm: bool, rule: &'static str) -> Option<Verdict> {
    Some(Verdict {
        farm,
        rule,
        strong: true,
    })
}

fn weak(rule: &'static str) -> Option<Verdict> {
    Some(Verdict {
        farm: false,
        rule,
        strong: false,
    })
}

fn is_strong(v: &Option<Verdict>) -> bool {
    v.as_ref().is_some_and(|v| v.strong)
}

/// A short link ("See all", "Subscribe", an author's name) beside junk is
/// part of it.
fn spread_to_short_links(facts: &[Facts], verdicts: &mut [Option<Verdict>]) {
    for i in 0..facts.len() {
        if verdicts[i].is_some() || !facts[i].link_only() || facts[i].title_words() > 3 {
            continue;
        }
        let before = i > 0 && is_strong(&verdicts[i - 1]);
        let after = i + 1 < facts.len() && is_strong(&verdicts[i + 1]);
        if before || after {
            verdicts[i] = weak("short link beside junk");
        }
    }
}

/// One to three short blocks between two pieces of junk (a widget's
/// caption between its label and its button) are part of the widget.
fn spread_between(blocks: &[Block], facts: &[Facts], verdicts: &mut [Option<Verdict>]) {
    let mut last_strong: Option<usize> = None;
    for i in 0..blocks.len() {
        if !is_strong(&verdicts[i]) {
            continue;
        }
        if let Some(a) = last_strong {
            let gap = a + 1..i;
            // A list (a product box's feature bullets) counts as one block.
            let in_one_list = gap.clone().all(|k| is_list_item(&blocks[k]) == Some(false));
            let max = if in_one_list { 6 } else { 3 };
            // A sentence between a menu and a footer may be a whole short
            // article: only a widget's own label lets longer lines go.
            let widget = [a, i]
                .iter()
                .any(|&k| verdicts[k].as_ref().is_some_and(|v| v.rule == BOILERPLATE));
            // A blurb between two link farms after the article's body (a
            // vendor's "about us" between "related" links and a product
            // menu) is part of the page's end matter; a page whose only
            // text sits between its menus has no body before them.
            let between_farms = is_farmish(verdicts, a)
                && is_farmish(verdicts, i)
                && kept_words_before(blocks, facts, verdicts, a) >= 40;
            let limit = if widget || in_one_list || between_farms {
                25
            } else {
                12
            };
            let fits = (1..=max).contains(&gap.len())
                && gap.clone().all(|k| {
                    verdicts[k].is_none()
                        && facts[k].words <= limit
                        && !matches!(blocks[k].kind, BlockKind::Heading(_) | BlockKind::Code)
                });
            if fits {
                for v in &mut verdicts[gap] {
                    *v = weak("short block between junk");
                }
            }
        }
        last_strong = Some(i);
    }
}

/// A link farm, the label of one, or a label over junk that runs to the
/// next heading (a product menu whose list went in the tree walk).
fn is_farmish(verdicts: &[Option<Verdict>], k: usize) -> bool {
    verdicts[k]
        .as_ref()
        .is_some_and(|v| v.farm || matches!(v.rule, LABEL_OF_JUNK | FARM_LABEL))
}

/// Words of the kept, non-heading blocks before `end`: the article's body.
fn kept_words_before(
    blocks: &[Block],
    facts: &[Facts],
    verdicts: &[Option<Verdict>],
    end: usize,
) -> usize {
    (0..end)
        .filter(|&k| verdicts[k].is_none() && !matches!(blocks[k].kind, BlockKind::Heading(_)))
        .map(|k| facts[k].words)
        .sum()
}

/// An author box at the end of the article: a line that is only a link
/// to a person's name, then a paragraph that starts with that name, with
/// junk or the end of the page after it. A short caption above the name
/// ("About the author") goes with it.
fn spread_to_author_bio(blocks: &[Block], facts: &[Facts], verdicts: &mut [Option<Verdict>]) {
    let n = blocks.len();
    for k in 0..n.saturating_sub(1) {
        let (name, bio) = (&blocks[k], &blocks[k + 1]);
        if verdicts[k].is_some()
            || verdicts[k + 1].is_some()
            || name.kind != BlockKind::Paragraph
            || bio.kind != BlockKind::Paragraph
            || !facts[k].link_only()
            || facts[k].links.len() != 1
            || !(2..=4).contains(&facts[k].title_words())
            || facts[k + 1].words < 8
            || facts[k + 1].links.len() > 1
        {
            continue;
        }
        let words: Vec<&str> = name.plain.split_whitespace().collect();
        let capitalised = words.len() == facts[k].title_words()
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let first = bio.plain.split_whitespace().next().unwrap_or("");
        let given = words.first().copied().unwrap_or("");
        let starts_with_name = first.trim_end_matches("'s").trim_end_matches("’s") == given
            || first.trim_end_matches(['\'', '’', ',']) == given;
        let end_of_article = k + 2 == n || is_strong(&verdicts[k + 2]);
        if !capitalised || !starts_with_name || !end_of_article {
            continue;
        }
        verdicts[k] = weak("author box: name link");
        verdicts[k + 1] = weak("author box: biography");
        if k > 0
            && verdicts[k - 1].is_none()
            && facts[k - 1].words <= 4
            && facts[k - 1].links.is_empty()
            && matches!(
                blocks[k - 1].kind,
                BlockKind::Paragraph | BlockKind::Heading(_)
            )
            && !blocks[k - 1]
                .plain
                .trim_end()
                .ends_with(['.', '?', '!', ':'])
        {
            verdicts[k - 1] = weak("author box: caption");
        }
    }
}

/// A short label ("More Reading", "Hot Products") right before junk that
/// runs to the next heading or the end is that junk's caption.
fn spread_to_labels(blocks: &[Block], facts: &[Facts], verdicts: &mut [Option<Verdict>]) {
    for i in (0..blocks.len().saturating_sub(1)).rev() {
        if verdicts[i].is_some()
            || facts[i].words > 5
            || !matches!(blocks[i].kind, BlockKind::Paragraph | BlockKind::Heading(_))
            || blocks[i].plain.trim_end().ends_with(['.', '?', '!'])
            || !is_strong(&verdicts[i + 1])
        {
            continue;
        }
        let mut j = i + 1;
        while j < blocks.len()
            && verdicts[j].is_some()
            && !matches!(blocks[j].kind, BlockKind::Heading(_))
        {
            j += 1;
        }
        let to_heading = j == blocks.len() || matches!(blocks[j].kind, BlockKind::Heading(_));
        if to_heading {
            verdicts[i] = Some(Verdict {
                farm: false,
                rule: LABEL_OF_JUNK,
                strong: true,
            });
        }
    }
}

/// A heading whose section is junk but for a short line or two is a
/// widget's or a promo box's heading: the whole section goes.
fn spread_to_sections(blocks: &[Block], facts: &[Facts], verdicts: &mut [Option<Verdict>]) {
    for i in 0..blocks.len() {
        let BlockKind::Heading(level) = blocks[i].kind else {
            continue;
        };
        // Article headings are titles; widget headings are a few words.
        if verdicts[i].is_some() || facts[i].words > 8 {
            continue;
        }
        let mut end = i + 1;
        while end < blocks.len() && !matches!(blocks[end].kind, BlockKind::Heading(l) if l <= level)
        {
            end += 1;
        }
        let section = i + 1..end;
        let junk = section.clone().filter(|&k| verdicts[k].is_some()).count();
        let strong_junk = section.clone().any(|k| is_strong(&verdicts[k]));
        let kept: Vec<usize> = section.clone().filter(|&k| verdicts[k].is_none()).collect();
        let short = kept
            .iter()
            .all(|&k| facts[k].words <= 10 && !matches!(blocks[k].kind, BlockKind::Heading(_)));
        if strong_junk && short && junk >= 2 * kept.len() && junk >= 2 {
            verdicts[i] = weak("heading of a junk section");
            for k in kept {
                verdicts[k] = weak("short line in a junk section");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `facts` counted before [`meaningful_words`]: the stripped
    /// text built, split and tested word by word.
    fn meaningful_words_by_copy(s: &str) -> usize {
        let mut scratch = String::new();
        super::super::dom::strip_inline_into(s, &mut scratch);
        super::super::dom::words(&scratch)
            .filter(|w| is_word(w))
            .count()
    }

    proptest::proptest! {
        #[test]
        fn meaningful_words_agree_with_stripping_first(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Zz", "9", " ", "\n", "\u{a0}", "\u{2009}", "\u{3000}", "é", "日", "—", "·",
                "*", "**", "`", "[", "]", "(", ")", "](", "](x)", "![", ":", "/", "//", "://",
                "https://x.y/z", "-", "|", "\u{1f600}", "Ⅻ",
            ]),
            0..30,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(
                meaningful_words(&text),
                meaningful_words_by_copy(&text),
                "{:?}",
                text
            );
        }
    }

    fn rules() -> Rules {
        Rules::builtin().expect("rules")
    }

    fn p(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.to_string(),
            plain: super::super::dom::strip_inline(text),
        }
    }

    fn h(level: u8, text: &str) -> Block {
        Block {
            kind: BlockKind::Heading(level),
            ..p(text)
        }
    }

    fn li(text: &str, ordered: bool) -> Block {
        Block {
            kind: BlockKind::ListItem {
                ordered,
                depth: 0,
                number: ordered.then_some(1),
            },
            ..p(text)
        }
    }

    fn kept(blocks: Vec<Block>) -> Vec<String> {
        prune(blocks, &rules())
            .blocks
            .into_iter()
            .map(|b| b.plain)
            .collect()
    }

    const BODY: &str = "Open the printer queue and cancel every waiting job before you restart the spooler service.";

    #[test]
    fn facts_separate_links_from_words() {
        let f = facts(&p(
            "**Also:** [**Ten ways to fix Wi-Fi**](https://a.example/x/) now",
        ));
        assert_eq!(f.links.len(), 1);
        assert_eq!(f.links[0].words, 5);
        assert_eq!(f.links[0].href, "https://a.example/x");
        assert_eq!(f.rest_words, 2);
        let g = facts(&p(
            "[![logo](https://a.example/l.png) Brand](https://a.example/) ](https://b.example/)",
        ));
        assert!(g.link_only());
        assert_eq!(g.title_words(), 1);
        let lit = facts(&p("Cannot find [PATH] or [APP](https://a.example/app)"));
        assert_eq!(lit.links.len(), 1);
        assert_eq!(lit.rest_words, 4);
    }

    #[test]
    fn feedback_widget_goes_with_its_options() {
        let out = kept(vec![
            p(BODY),
            p("Was this page helpful?"),
            p("Thanks for letting us know!"),
            p("Get the Latest Tech News Delivered Every Day"),
            p("[Subscribe](https://news.example/#)"),
            p("Tell us why!"),
            p("Other Not enough details Hard to understand"),
            p("Submit"),
        ]);
        assert_eq!(out, vec![BODY.to_string()]);
    }

    #[test]
    fn newsletter_box_inside_the_article_goes() {
        let out = kept(vec![
            p(BODY),
            h(4, "Newsletters"),
            p("Example Daily"),
            p("Example Daily is a morning briefing of the stories everyone talks about, five days a week."),
            p("Subscribe"),
            p("[See all](https://news.example/newsletters/)"),
            p("Reset the router, then wait two minutes before you connect again."),
        ]);
        assert_eq!(
            out,
            vec![
                BODY.to_string(),
                "Reset the router, then wait two minutes before you connect again.".to_string()
            ]
        );
    }

    #[test]
    fn labelled_promo_links_go_but_sentences_with_links_stay() {
        let out = kept(vec![
            p(BODY),
            p("**Also:** [**The best routers for a big house**](https://news.example/best-routers/)"),
            p("Related: [How to hide columns in a spreadsheet](https://other.example/x/)"),
            p("See [the vendor's guide](https://vendor.example/guide) for the full list of models."),
        ]);
        assert_eq!(
            out,
            vec![
                BODY.to_string(),
                "See the vendor's guide for the full list of models.".to_string()
            ]
        );
    }

    #[test]
    fn runs_of_title_links_go_with_their_heading() {
        let out = kept(vec![
            p(BODY),
            h(4, "Gadgets"),
            p("[The best smart speakers you can buy this year](https://news.example/a/)"),
            p("[Why my old laptop runs faster with a new drive](https://news.example/b/)"),
            li(
                "[The best smart speakers you can buy this year](https://news.example/a/)",
                false,
            ),
            li(
                "[Why my old laptop runs faster with a new drive](https://news.example/b/)",
                false,
            ),
        ]);
        assert_eq!(out, vec![BODY.to_string()]);
    }

    #[test]
    fn introduced_or_numbered_link_lists_stay() {
        let blocks = vec![
            p("Download one of these tools:"),
            li(
                "[Disk Cleanup Pro for Windows computers](https://a.example/)",
                false,
            ),
            li(
                "[Bleach Cleaner for every Linux distribution](https://b.example/)",
                false,
            ),
            p(BODY),
            li(
                "[Run the System File Checker on your computer](https://c.example/sfc)",
                true,
            ),
            li(
                "[Install every available Windows update today](https://c.example/wu)",
                true,
            ),
        ];
        assert_eq!(kept(blocks).len(), 6);
    }

    #[test]
    fn tag_rows_and_repeated_promo_links_go() {
        let promo = "https://shop.example/product/";
        let out = kept(vec![
            p(&format!(
                "1. Download [Cleaner Pro]({promo}) and install it."
            )),
            p(BODY),
            li(&format!("[drivers]({promo})"), false),
            li(&format!("[hard disk]({promo})"), false),
        ]);
        assert_eq!(out.len(), 2);
        assert!(out[0].starts_with("1. Download Cleaner Pro and install it."));
    }

    #[test]
    fn breadcrumbs_and_footer_menus_go() {
        let out = kept(vec![
            p("[Home](https://s.example/) > [Printers](https://s.example/p/) > Offline printer"),
            p(BODY),
            p("[Home](https://s.example/) | [About](https://s.example/about) | [Privacy](https://s.example/privacy)"),
            p("Copyright © 2024 Example Software, Inc. All rights reserved"),
        ]);
        assert_eq!(out, vec![BODY.to_string()]);
    }

    #[test]
    fn farm_label_takes_the_list_after_it() {
        let out = kept(vec![
            p(BODY),
            p("More Reading"),
            li(
                "[Recover photos](https://s.example/a) This post shows how to view old photos.",
                false,
            ),
            li(
                "[Back up chats](https://s.example/b) Four ways to back up your chats.",
                false,
            ),
        ]);
        assert_eq!(out, vec![BODY.to_string()]);
    }

    #[test]
    fn template_placeholders_go() {
        assert!(kept(vec![p("{{post-main-content}}")]).is_empty());
    }

    #[test]
    fn a_short_conclusion_before_a_farm_stays() {
        let out = kept(vec![
            h(2, "Conclusion"),
            p("That is all you need to do to get printing again, and it takes a minute."),
            li(
                "[The best printers for a home office in 2024](https://n.example/a)",
                false,
            ),
            li(
                "[Why your ink runs out faster than it should](https://n.example/b)",
                false,
            ),
        ]);
        assert_eq!(out.len(), 2);
    }
}
