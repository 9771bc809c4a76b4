//! Finding the main content of a rendered page.
//!
//! A readability-style score in two linear passes: the first totals text
//! and link text under every element, the second credits each
//! paragraph-like element's ancestors. The best-scoring element, weighed by
//! its link density and by what its class and id say, is the article.

use super::rules::Rules;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use std::collections::HashMap;

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    text: usize,
    link: usize,
}

/// Elements whose text counts as a paragraph of content.
const PARAGRAPHS: &[&str] = &[
    "p",
    "pre",
    "li",
    "td",
    "blockquote",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
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
];

/// Elements that hold a paragraph's words together with their siblings:
/// text directly inside one of these is a paragraph of its own.
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "td", "font", "center", "body",
];

/// The element that holds the article, or the document's root when no
/// element stands out.
pub fn main_content<'a>(html: &'a Html, rules: &Rules) -> NodeRef<'a, Node> {
    let root = html.tree.root();
    let (counts, direct) = tally(root);
    let total = counts.get(&root.id()).map_or(0, |c| c.text);
    let chrome = chrome_subtrees(root, rules, &counts, total);
    // Pass 2: credit ancestors of paragraphs outside chrome.
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for n in root.descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        if chrome.contains(&n.id()) {
            continue;
        }
        let (own, first) = if PARAGRAPHS.contains(&e.name()) {
            let c = counts.get(&n.id()).copied().unwrap_or_default();
            (c.text.saturating_sub(c.link), 1)
        } else if CONTAINERS.contains(&e.name()) {
            // Text written straight into a container (`<div>text<br>text`)
            // credits the container itself first.
            (direct.get(&n.id()).copied().unwrap_or(0), 0)
        } else {
            continue;
        };
        if own < 25 {
            continue;
        }
        let credit = 1.0 + (own as f64 / 100.0).min(3.0);
        let chain = std::iter::once(n).chain(n.ancestors()).skip(first).take(3);
        for (k, anc) in chain.enumerate() {
            if matches!(anc.value(), Node::Element(_)) {
                *scores.entry(anc.id()).or_default() += credit / (k as f64 + 1.0);
            }
        }
    }
    let mut best: Option<(f64, NodeRef<'a, Node>)> = None;
    for (id, score) in &scores {
        let Some(n) = html.tree.get(*id) else {
            continue;
        };
        let Node::Element(e) = n.value() else {
            continue;
        };
        let c = counts.get(id).copied().unwrap_or_default();
        let density = if c.text > 0 {
            c.link as f64 / c.text as f64
        } else {
            1.0
        };
        let mut s = score * (1.0 - density);
        s += class_weight(e, rules);
        if e.name() == "article" || e.attr("itemprop") == Some("articleBody") {
            s += 10.0;
        }
        if matches!(e.name(), "body" | "html") {
            s -= 10.0;
        }
        let better = match &best {
            None => true,
            Some((b, bn)) => s > *b || (s == *b && n.id() < bn.id()),
        };
        if better {
            best = Some((s, n));
        }
    }
    match best {
        Some((s, n)) if s > 0.0 => n,
        _ => root,
    }
}

/// Text and link text under every element, and text written directly in
/// each element (not inside a child element), in one walk.
fn tally(root: NodeRef<'_, Node>) -> (HashMap<NodeId, Counts>, HashMap<NodeId, usize>) {
    let mut counts: HashMap<NodeId, Counts> = HashMap::new();
    let mut direct: HashMap<NodeId, usize> = HashMap::new();
    let mut stack: Vec<(NodeId, Counts, bool)> = Vec::new();
    let mut skip: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        if SKIP.contains(&e.name()) {
                            skip = Some(n.id());
                            continue;
                        }
                        let in_link = e.name() == "a" || stack.last().is_some_and(|s| s.2);
                        stack.push((n.id(), Counts::default(), in_link));
                    }
                    Node::Text(t) => {
                        let len = t
                            .split_whitespace()
                            .map(|w| w.chars().count() + 1)
                            .sum::<usize>();
                        if let Some(top) = stack.last_mut() {
                            top.1.text += len;
                            if top.2 {
                                top.1.link += len;
                            } else if len > 0 {
                                *direct.entry(top.0).or_default() += len;
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
                if matches!(n.value(), Node::Element(_)) {
                    if let Some((id, c, _)) = stack.pop() {
                        if let Some(parent) = stack.last_mut() {
                            parent.1.text += c.text;
                            parent.1.link += c.link;
                        }
                        counts.insert(id, c);
                    }
                }
            }
        }
    }
    (counts, direct)
}

/// Every element inside page chrome (navigation, sidebars, comments, ad
/// units, by element name or class/id token), so that comment threads and
/// "related" boxes full of text can never be chosen as the article. An
/// element holding most of the page's text is a wrapper, whatever its class.
fn chrome_subtrees(
    root: NodeRef<'_, Node>,
    rules: &Rules,
    counts: &HashMap<NodeId, Counts>,
    total: usize,
) -> std::collections::HashSet<NodeId> {
    let mut set = std::collections::HashSet::new();
    let mut inside: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if inside.is_some() {
                    set.insert(n.id());
                    continue;
                }
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let is_chrome = matches!(e.name(), "nav" | "aside" | "footer")
                    || rules.chrome_token(e).is_some()
                    || scraper::ElementRef::wrap(n)
                        .is_some_and(|er| rules.ad_element(&er).is_some());
                let small = counts
                    .get(&n.id())
                    .is_some_and(|c| c.text * 2 < total.max(1));
                if is_chrome && small {
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

fn class_weight(e: &scraper::node::Element, rules: &Rules) -> f64 {
    let mut w = 0.0;
    let attrs = [e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")]
        .join(" ")
        .to_ascii_lowercase();
    let tokens: Vec<&str> = attrs
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.iter().any(|t| POSITIVE.contains(t)) {
        w += 25.0;
    }
    if tokens.iter().any(|t| NEGATIVE.contains(t)) || rules.chrome_token(e).is_some() {
        w -= 25.0;
    }
    w
}
