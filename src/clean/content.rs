//! Finding the main content of a rendered page.
//!
//! A readability-style score in linear passes: the first totals text, link
//! text and commas under every element (and the text each block holds in
//! its own inline markup), the second credits each paragraph-like
//! element's ancestors. The best-scoring element, weighed by its link
//! density and by what its class and id say, is the article; siblings that
//! score close to it or read as prose join it, because many templates put
//! the lead paragraph, the body and a closing note in separate boxes.

use super::dom::edges;
use super::rules::Rules;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use scraper::{Html, Node};

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Characters of text (words plus one separator each).
    text: usize,
    /// Characters of that text inside links.
    link: usize,
    /// Commas: prose has them, menus and teaser cards rarely do.
    commas: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.text += o.text;
        self.link += o.link;
        self.commas += o.commas;
    }

    fn density(&self) -> f64 {
        if self.text > 0 {
            self.link as f64 / self.text as f64
        } else {
            1.0
        }
    }
}

/// Elements whose whole text counts as a paragraph of content.
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre" | "li" | "td" | "blockquote" | "dd" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// Elements whose text is not the page's text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "svg"
            | "iframe"
            | "button"
            | "select"
            | "textarea"
    )
}
const POSITIVE: &[&str] = &[
    "article",
    "content",
    "post",
    "entry",
    "body",
    "main",
    "markdown",
    "text",
    "story",
    "blog",
    "prose",
    "articlebody",
];
const NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "sidebar",
    "footer",
    "nav",
    "menu",
    "widget",
    "related",
    "share",
    "social",
    "ad",
    "ads",
    "promo",
    "sponsor",
    "banner",
    "header",
    "breadcrumb",
    "tags",
    "meta",
    "author",
    "byline",
    "caption",
    "teaser",
    "card",
    "thumb",
    "thumbnail",
];

/// Elements that hold a paragraph's words together with their siblings:
/// text in their own inline markup (`<div><span>text</span><br>text`) is a
/// paragraph of its own.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div" | "section" | "article" | "main" | "td" | "font" | "center" | "body"
    )
}

/// Elements that start a block: inline text belongs to the nearest one.
/// (A `match` on names compiles to a jump on length and one comparison; a
/// slice's `contains` compared up to 39 names per element.)
fn is_blockish(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Text of at least this many characters makes a positive class name count
/// in full; a small box named "text-center" must not outrank the article.
const FULL_WEIGHT_TEXT: f64 = 1000.0;

/// What the first pass learns about the page.
#[derive(Debug, Default)]
struct Tally {
    counts: HashMap<NodeId, Counts>,
    /// Text outside links in each block's own inline markup.
    inline: HashMap<NodeId, Counts>,
    /// Elements at or above an article marker (`<article>`, a content
    /// token, `itemprop="articleBody"`).
    marked: HashSet<NodeId>,
}

/// The elements that hold the article, in document order, or the
/// document's root when no element stands out.
pub fn main_content<'a>(html: &'a Html, rules: &Rules) -> Vec<NodeRef<'a, Node>> {
    let root = html.tree.root();
    let tally = tally(root, rules);
    let total = tally.counts.get(&root.id()).map_or(0, |c| c.text);
    let chrome = chrome_subtrees(root, rules, &tally, total);
    let scores = raw_scores(root, &tally, &chrome);
    let weighed: HashMap<NodeId, f64> = scores
        .iter()
        .filter_map(|(id, raw)| {
            let n = html.tree.get(*id)?;
            Some((*id, weigh(n, *raw, &tally, rules)))
        })
        .collect();
    let mut best: Option<(f64, NodeRef<'a, Node>)> = None;
    for (id, s) in &weighed {
        let Some(n) = html.tree.get(*id) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((b, bn)) => *s > *b || (*s == *b && n.id() < bn.id()),
        };
        if better {
            best = Some((*s, n));
        }
    }
    match best {
        Some((s, n)) if s > 0.0 => with_siblings(n, s, &weighed, &tally, &chrome),
        _ => vec![root],
    }
}

/// Credit from every paragraph-like element outside chrome to its parent
/// and grandparents (itself first for a container's own text).
fn raw_scores(
    root: NodeRef<'_, Node>,
    tally: &Tally,
    chrome: &HashSet<NodeId>,
) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::default();
    for n in root.descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        if chrome.contains(&n.id()) {
            continue;
        }
        let (c, first) = if is_paragraph(e.name()) {
            let c = tally.counts.get(&n.id()).copied().unwrap_or_default();
            (
                Counts {
                    text: c.text.saturating_sub(c.link),
                    ..c
                },
                1,
            )
        } else if is_container(e.name()) {
            (tally.inline.get(&n.id()).copied().unwrap_or_default(), 0)
        } else {
            continue;
        };
        if c.text < 25 {
            continue;
        }
        let credit = paragraph_credit(c);
        let chain = std::iter::once(n).chain(n.ancestors()).skip(first).take(3);
        for (k, anc) in chain.enumerate() {
            if matches!(anc.value(), Node::Element(_)) {
                *scores.entry(anc.id()).or_default() += credit / (k as f64 + 1.0);
            }
        }
    }
    scores
}

/// What one paragraph is worth: one point, one per comma (up to three),
/// one per hundred characters (up to three).
fn paragraph_credit(c: Counts) -> f64 {
    1.0 + (c.commas as f64).min(3.0) + (c.text as f64 / 100.0).min(3.0)
}

/// A candidate's final score: its paragraphs' credit less its link
/// density, plus what its name says.
fn weigh(n: NodeRef<'_, Node>, raw: f64, tally: &Tally, rules: &Rules) -> f64 {
    let Node::Element(e) = n.value() else {
        return f64::MIN;
    };
    let c = tally.counts.get(&n.id()).copied().unwrap_or_default();
    let size = ((c.text.saturating_sub(c.link)) as f64 / FULL_WEIGHT_TEXT).min(1.0);
    let mut s = raw * (1.0 - c.density());
    let (pos, neg) = class_weight(e, rules);
    s += pos * size - neg;
    if e.name() == "article" || attr(e, "itemprop") == Some("articleBody") {
        s += 10.0 * size;
    }
    if matches!(e.name(), "body" | "html") {
        s -= 10.0;
    }
    s
}

/// The top candidate and what belongs with it, in document order: a
/// sibling scoring at least a fifth of it (or sharing its class), a
/// sibling paragraph that reads as prose, and elsewhere on the page a box
/// with the very same class that scores as well (templates that split one
/// article into several sections, each in its own column wrapper).
fn with_siblings<'a>(
    top: NodeRef<'a, Node>,
    top_score: f64,
    weighed: &HashMap<NodeId, f64>,
    tally: &Tally,
    chrome: &HashSet<NodeId>,
) -> Vec<NodeRef<'a, Node>> {
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = class_of(top);
    let mut chosen: HashSet<NodeId> = HashSet::default();
    chosen.insert(top.id());
    if let Some(parent) = top
        .parent()
        .filter(|p| matches!(p.value(), Node::Element(_)))
    {
        for sib in parent.children() {
            let Node::Element(e) = sib.value() else {
                continue;
            };
            if sib.id() == top.id() || chrome.contains(&sib.id()) {
                continue;
            }
            let same_class = !top_class.is_empty() && class_of(sib) == top_class;
            let bonus = if same_class { top_score * 0.2 } else { 0.0 };
            let score = weighed.get(&sib.id()).copied();
            let prose = e.name() == "p"
                && is_prose(tally.counts.get(&sib.id()).copied().unwrap_or_default());
            if score.is_some_and(|s| s + bonus >= threshold) || prose {
                chosen.insert(sib.id());
            }
        }
    }
    if !top_class.is_empty() {
        let tree = top.tree();
        let mut twins: Vec<NodeRef<'a, Node>> = weighed
            .iter()
            .filter(|(id, s)| **s >= threshold && !chosen.contains(*id) && !chrome.contains(*id))
            .filter_map(|(id, _)| tree.get(*id))
            .filter(|n| class_of(*n) == top_class)
            .collect();
        twins.sort_by_key(|n| n.id());
        // What holds a chosen element: the top's siblings share its
        // ancestors, so this stays one walk up per element added.
        let mut above: HashSet<NodeId> = top.ancestors().map(|a| a.id()).collect();
        for twin in twins.into_iter().take(MAX_TWINS) {
            let inside = twin.ancestors().any(|a| chosen.contains(&a.id()));
            if !inside && !above.contains(&twin.id()) {
                chosen.insert(twin.id());
                above.extend(twin.ancestors().map(|a| a.id()));
            }
        }
    }
    in_document_order(top, &chosen)
}

/// An element's class attribute, trimmed; empty for other nodes.
fn class_of<'a>(n: NodeRef<'a, Node>) -> &'a str {
    match n.value() {
        Node::Element(e) => rules_attrs(e).0.map(str::trim).unwrap_or(""),
        _ => "",
    }
}

/// At most this many same-class boxes join the article.
const MAX_TWINS: usize = 16;

/// The elements of `set` in document order.
fn in_document_order<'a>(any: NodeRef<'a, Node>, set: &HashSet<NodeId>) -> Vec<NodeRef<'a, Node>> {
    if set.len() == 1 {
        return vec![any];
    }
    let root = any.tree().root();
    root.descendants()
        .filter(|n| set.contains(&n.id()))
        .collect()
}

/// A paragraph of the article's own prose: long with few links, or short
/// without any and with a sentence's comma or more.
fn is_prose(c: Counts) -> bool {
    let density = c.density();
    (c.text > 80 && density < 0.25) || (c.text > 25 && c.link == 0 && c.commas > 0)
}

/// Totals under every element, inline text per block and article markers,
/// in one walk.
fn tally(root: NodeRef<'_, Node>, rules: &Rules) -> Tally {
    struct Frame {
        id: NodeId,
        c: Counts,
        in_link: bool,
        block: bool,
        marked: bool,
    }
    let mut t = Tally::default();
    let mut stack: Vec<Frame> = Vec::new();
    // Indices into `stack` of the open block elements.
    let mut blocks: Vec<usize> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in edges(root) {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        if is_skipped(e.name()) {
                            skip = Some(n.id());
                            continue;
                        }
                        let in_link = e.name() == "a" || stack.last().is_some_and(|s| s.in_link);
                        let block = is_blockish(e.name());
                        if block {
                            blocks.push(stack.len());
                        }
                        let names = rules.names(e);
                        let marked = (e.name() == "article"
                            || attr(e, "itemprop") == Some("articleBody")
                            || names.content)
                            && !names.is_chrome();
                        stack.push(Frame {
                            id: n.id(),
                            c: Counts::default(),
                            in_link,
                            block,
                            marked,
                        });
                    }
                    Node::Text(text) => {
                        let c = text_counts(text);
                        if let Some(top) = stack.last_mut() {
                            top.c.text += c.text;
                            top.c.commas += c.commas;
                            if top.in_link {
                                top.c.link += c.text;
                            } else if c.text > 0 {
                                if let Some(b) = blocks.last().and_then(|&i| stack.get(i)) {
                                    t.inline.entry(b.id).or_default().add(c);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if let Some(id) = skip {
                    if id == n.id() {
                        skip = None;
                    }
                    continue;
                }
                if !matches!(n.value(), Node::Element(_)) {
                    continue;
                }
                if let Some(f) = stack.pop() {
                    if f.block {
                        blocks.pop();
                    }
                    if let Some(parent) = stack.last_mut() {
                        parent.c.add(f.c);
                        parent.marked |= f.marked;
                    }
                    if f.marked {
                        t.marked.insert(f.id);
                    }
                    t.counts.insert(f.id, f.c);
                }
            }
        }
    }
    t
}

/// Characters and commas of one text node, whitespace folded.
fn text_counts(text: &str) -> Counts {
    let mut c = Counts::default();
    for w in text.split_whitespace() {
        c.text += w.chars().count() + 1;
        c.commas += w
            .chars()
            .filter(|ch| matches!(ch, ',' | '\u{060C}' | '\u{FF0C}' | '\u{3001}'))
            .count();
    }
    c
}

/// Every element inside page chrome (navigation, sidebars, comments, ad
/// units, by element name or class/id token), so that comment threads and
/// "related" boxes full of text can never be chosen as the article. A
/// chrome-named element that holds most of the page's text is a wrapper
/// (`<div class="header-left">` around everything), not chrome, unless it
/// names a comment thread and holds no article marker: comments often
/// outweigh the article they follow.
fn chrome_subtrees(
    root: NodeRef<'_, Node>,
    rules: &Rules,
    tally: &Tally,
    total: usize,
) -> HashSet<NodeId> {
    let mut set = HashSet::default();
    let mut inside: Option<NodeId> = None;
    for edge in edges(root) {
        match edge {
            Edge::Open(n) => {
                if inside.is_some() {
                    // Only elements are ever looked up.
                    if matches!(n.value(), Node::Element(_)) {
                        set.insert(n.id());
                    }
                    continue;
                }
                let Node::Element(e) = n.value() else {
                    continue;
                };
                if matches!(e.name(), "body" | "html") {
                    continue;
                }
                let is_chrome = matches!(e.name(), "nav" | "aside" | "footer") || {
                    let names = rules.names(e);
                    names.is_chrome()
                        || scraper::ElementRef::wrap(n)
                            .is_some_and(|er| rules.ad_element_named(&er, names).is_some())
                };
                if !is_chrome {
                    continue;
                }
                let small = tally
                    .counts
                    .get(&n.id())
                    .is_some_and(|c| c.text * 2 < total.max(1));
                if small || (!tally.marked.contains(&n.id()) && names_comments(e)) {
                    inside = Some(n.id());
                    set.insert(n.id());
                }
            }
            Edge::Close(n) => {
                if inside == Some(n.id()) {
                    inside = None;
                }
            }
        }
    }
    set
}

/// Words in class and id names of comment threads.
const COMMENT_PARTS: &[&str] = &["comment", "disqus", "respond", "discussion", "replies"];

/// Whether an element's class or id names a comment thread.
fn names_comments(e: &scraper::node::Element) -> bool {
    let (class, id) = rules_attrs(e);
    [class, id].into_iter().flatten().any(|v| {
        COMMENT_PARTS
            .iter()
            .any(|p| contains_ignore_ascii_case(v, p))
    })
}

/// Whether `hay` contains `needle` (ASCII lower-case) when ASCII letters
/// are compared without case, without a lower-cased copy of `hay`.
fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The positive and negative weight of an element's class and id.
fn class_weight(e: &scraper::node::Element, rules: &Rules) -> (f64, f64) {
    let (class, id) = rules_attrs(e);
    // Words of class and id, split at anything but ASCII letters and
    // digits, compared without case.
    let words = || {
        [class.unwrap_or(""), id.unwrap_or("")]
            .into_iter()
            .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|t| !t.is_empty())
    };
    let named = |list: &[&str]| words().any(|t| list.iter().any(|w| w.eq_ignore_ascii_case(t)));
    let pos = if named(POSITIVE) { 25.0 } else { 0.0 };
    let neg = if named(NEGATIVE) || rules.chrome_token(e).is_some() {
        25.0
    } else {
        0.0
    };
    (pos, neg)
}

use super::rules::{attr, class_and_id_attrs as rules_attrs};

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::builtin().expect("rules")
    }

    /// The text of the chosen roots, whitespace folded.
    fn chosen(html: &str) -> String {
        let doc = Html::parse_document(html);
        main_content(&doc, &rules())
            .into_iter()
            .map(super::super::dom::subtree_text)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    const PROSE: &str = "The harbour froze early this year, and the ferries stopped running for a week, so the islanders walked across the ice to buy bread.";

    #[test]
    fn a_small_box_with_a_positive_class_does_not_win() {
        let html = format!(
            r#"<body><div class="main-col"><div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div></div>
            <div class="copy text-center"><p>Copyright Example Media, all rights kept.</p></div></body>"#
        );
        let got = chosen(&html);
        assert!(got.contains("harbour froze"), "{got}");
        assert!(!got.contains("Copyright"), "{got}");
    }

    #[test]
    fn a_long_comment_thread_is_never_the_article() {
        let comment = format!("<li class=\"comment\"><p>{PROSE}</p><p>{PROSE}</p></li>");
        let html = format!(
            r#"<body><main><article class="post"><div class="entry-content"><p>{PROSE}</p><p>Short second paragraph of the story, with a comma.</p></div></article>
            <ol class="comment-list">{}</ol></main></body>"#,
            comment.repeat(8)
        );
        let got = chosen(&html);
        assert!(got.contains("Short second paragraph"), "{got}");
        assert_eq!(got.matches("harbour froze").count(), 1, "{got}");
    }

    #[test]
    fn text_in_spans_inside_divs_counts_as_paragraphs() {
        let para = format!("<div><span><span>{PROSE}</span></span></div>");
        let html = format!(
            r#"<body><div class="menu-wrap"><ul><li><a href="/a">Home</a></li><li><a href="/b">News</a></li></ul></div>
            <div class="post-body">{}</div></body>"#,
            para.repeat(4)
        );
        let got = chosen(&html);
        assert!(got.contains("harbour froze"), "{got}");
        assert!(!got.contains("Home"), "{got}");
    }

    #[test]
    fn sections_with_the_same_class_in_separate_wrappers_join() {
        let sec = |w: &str| {
            format!(r#"<div class="sec"><p>{w} {PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"#)
        };
        let html = format!(
            r#"<body><div class="a"><div class="x">{}</div></div><div class="b"><div class="y">{}</div></div></body>"#,
            sec("First"),
            sec("Second")
        );
        let got = chosen(&html);
        assert!(got.starts_with("First"), "{got}");
        assert!(got.contains("Second"), "{got}");
    }

    #[test]
    fn prose_siblings_of_the_top_candidate_join_it() {
        let html = format!(
            r#"<body><div id="page"><p>A lead paragraph that sits outside the body box, long enough to be prose.</p>
            <div class="body"><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>
            <div class="share"><a href="/s">Share</a></div></div></body>"#
        );
        let got = chosen(&html);
        assert!(got.starts_with("A lead paragraph"), "{got}");
        assert!(got.contains("harbour froze"), "{got}");
        assert!(!got.contains("Share"), "{got}");
    }
}
