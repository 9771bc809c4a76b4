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

/// The element that holds the article, or the document's root when no
/// element stands out.
pub fn main_content<'a>(html: &'a Html, rules: &Rules) -> NodeRef<'a, Node> {
    let root = html.tree.root();
    // Pass 1: text and link text per element, accumulated bottom-up.
    let mut counts: HashMap<NodeId, Counts> = HashMap::new();
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
    // Pass 2: credit ancestors of paragraphs.
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for n in root.descendants() {
        let Node::Element(e) = n.value() else {
            continue;
        };
        if !PARAGRAPHS.contains(&e.name()) {
            continue;
        }
        let Some(c) = counts.get(&n.id()) else {
            continue;
        };
        let own = c.text.saturating_sub(c.link);
        if own < 25 {
            continue;
        }
        let credit = 1.0 + (own as f64 / 100.0).min(3.0);
        for (k, anc) in n.ancestors().take(3).enumerate() {
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
