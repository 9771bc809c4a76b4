//! Finding the main content of a rendered page.
//!
//! A readability-style score in linear passes: the first totals text, link
//! text and commas under every element (and the text each block holds in
//! its own inline markup), the second credits each paragraph-like
//! element's ancestors. The best-scoring element, weighed by its link
//! density and by what its class and id say, is the article; siblings that
//! score close to it or read as prose join it, because many templates put
//! the lead paragraph, the body and a closing note in separate boxes.

use super::dom::{edges, text_stats};
use super::rules::{Names, NamesCache, Rules};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashSet as HashSet;
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

/// One element of the page, in document order (elements inside a skipped
/// element left out: nothing there is ever scored, chosen or asked about),
/// with what the first pass learns about it.
///
/// The passes after the first read these records in order instead of
/// walking the tree again and looking elements up in hash maps: the
/// subtree of element `k` is `k..end`, and its parent is one index away.
struct El<'a> {
    node: NodeRef<'a, Node>,
    /// Index of the first element after its subtree.
    end: usize,
    /// Index of its parent when that is an element. (In an `Html` tree
    /// only the root is a node other than an element that holds elements.)
    parent: Option<usize>,
    /// Totals under it; `None` for a skipped element.
    counts: Option<Counts>,
    /// Text outside links in its own inline markup (blocks only).
    inline: Counts,
    /// At or above an article marker (`<article>`, a content token,
    /// `itemprop="articleBody"`).
    marked: bool,
    /// Its class and id judged once, for every pass.
    names: Names,
}

/// The elements that hold the article, in document order, or the
/// document's root when no element stands out.
pub fn main_content<'a>(html: &'a Html, rules: &Rules) -> Vec<NodeRef<'a, Node>> {
    let root = html.tree.root();
    let els = tally(root, rules);
    // The totals of the root: none for a document, whose root is no
    // element, so that `small` in `chrome_flags` means "holds no text".
    let total = match root.value() {
        Node::Element(_) => els.first().and_then(|e| e.counts).map_or(0, |c| c.text),
        _ => 0,
    };
    let chrome = chrome_flags(&els, rules, total);
    let (scores, scored) = raw_scores(&els, &chrome);
    let mut weighed: Vec<Option<f64>> = vec![None; els.len()];
    for &k in &scored {
        weighed[k] = Some(weigh(&els[k], scores[k], rules));
    }
    let mut best: Option<(f64, usize)> = None;
    for &k in &scored {
        let Some(s) = weighed[k] else {
            continue;
        };
        let better = match best {
            None => true,
            Some((b, bk)) => s > b || (s == b && els[k].node.id() < els[bk].node.id()),
        };
        if better {
            best = Some((s, k));
        }
    }
    match best {
        Some((s, k)) if s > 0.0 => with_siblings(k, s, &els, &weighed, &scored, &chrome),
        _ => vec![root],
    }
}

/// Credit from every paragraph-like element outside chrome to its parent
/// and grandparents (itself first for a container's own text): the score
/// of every element, and the elements that got any, in the order they
/// first did. Credits are added in document order, as the tree walk this
/// replaces added them, so the sums are the same to the last bit.
fn raw_scores(els: &[El<'_>], chrome: &[bool]) -> (Vec<f64>, Vec<usize>) {
    let mut scores = vec![0.0f64; els.len()];
    let mut got = vec![false; els.len()];
    let mut scored = Vec::new();
    for (k, el) in els.iter().enumerate() {
        if chrome[k] {
            continue;
        }
        let Node::Element(e) = el.node.value() else {
            continue;
        };
        let name = e.name();
        let (c, first) = if is_paragraph(name) {
            let c = el.counts.unwrap_or_default();
            (
                Counts {
                    text: c.text.saturating_sub(c.link),
                    ..c
                },
                el.parent,
            )
        } else if is_container(name) {
            (el.inline, Some(k))
        } else {
            continue;
        };
        if c.text < 25 {
            continue;
        }
        let credit = paragraph_credit(c);
        let mut at = first;
        for step in 0..3 {
            let Some(a) = at else {
                break;
            };
            scores[a] += credit / (step as f64 + 1.0);
            if !got[a] {
                got[a] = true;
                scored.push(a);
            }
            at = els[a].parent;
        }
    }
    (scores, scored)
}

/// What one paragraph is worth: one point, one per comma (up to three),
/// one per hundred characters (up to three).
fn paragraph_credit(c: Counts) -> f64 {
    1.0 + (c.commas as f64).min(3.0) + (c.text as f64 / 100.0).min(3.0)
}

/// A candidate's final score: its paragraphs' credit less its link
/// density, plus what its name says.
fn weigh(el: &El<'_>, raw: f64, rules: &Rules) -> f64 {
    let Node::Element(e) = el.node.value() else {
        return f64::MIN;
    };
    let c = el.counts.unwrap_or_default();
    let size = ((c.text.saturating_sub(c.link)) as f64 / FULL_WEIGHT_TEXT).min(1.0);
    let mut s = raw * (1.0 - c.density());
    let (pos, neg) = class_weight(e, el.names, rules);
    s += pos * size - neg;
    if e.name() == "article" || attr_named(e, &local_name!("itemprop")) == Some("articleBody") {
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
    top_k: usize,
    top_score: f64,
    els: &[El<'a>],
    weighed: &[Option<f64>],
    scored: &[usize],
    chrome: &[bool],
) -> Vec<NodeRef<'a, Node>> {
    let top = els[top_k].node;
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = class_of(top);
    let mut chosen: HashSet<NodeId> = HashSet::default();
    chosen.insert(top.id());
    let mut chosen_k = vec![top_k];
    if let Some(p) = els[top_k].parent {
        // The parent's element children: its subtree's records, one
        // subtree at a time.
        let mut j = p + 1;
        while j < els[p].end {
            let sib_k = j;
            j = els[j].end;
            let sib = &els[sib_k];
            let Node::Element(e) = sib.node.value() else {
                continue;
            };
            if sib_k == top_k || chrome[sib_k] {
                continue;
            }
            let same_class = !top_class.is_empty() && class_of(sib.node) == top_class;
            let bonus = if same_class { top_score * 0.2 } else { 0.0 };
            let score = weighed[sib_k];
            let prose = e.name() == "p" && is_prose(sib.counts.unwrap_or_default());
            if score.is_some_and(|s| s + bonus >= threshold) || prose {
                chosen.insert(sib.node.id());
                chosen_k.push(sib_k);
            }
        }
    }
    if !top_class.is_empty() {
        let mut twins: Vec<usize> = scored
            .iter()
            .copied()
            .filter(|&k| {
                weighed[k].is_some_and(|s| s >= threshold)
                    && !chosen.contains(&els[k].node.id())
                    && !chrome[k]
            })
            .filter(|&k| class_of(els[k].node) == top_class)
            .collect();
        twins.sort_by_key(|&k| els[k].node.id());
        // What holds a chosen element: the top's siblings share its
        // ancestors, so this stays one walk up per element added.
        let mut above: HashSet<NodeId> = top.ancestors().map(|a| a.id()).collect();
        for k in twins.into_iter().take(MAX_TWINS) {
            let twin = els[k].node;
            let inside = twin.ancestors().any(|a| chosen.contains(&a.id()));
            if !inside && !above.contains(&twin.id()) {
                chosen.insert(twin.id());
                chosen_k.push(k);
                above.extend(twin.ancestors().map(|a| a.id()));
            }
        }
    }
    // Records are in document order.
    chosen_k.sort_unstable();
    chosen_k.into_iter().map(|k| els[k].node).collect()
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

/// A paragraph of the article's own prose: long with few links, or short
/// without any and with a sentence's comma or more.
fn is_prose(c: Counts) -> bool {
    let density = c.density();
    (c.text > 80 && density < 0.25) || (c.text > 25 && c.link == 0 && c.commas > 0)
}

/// Totals under every element, inline text per block and article markers,
/// in one walk; see [`El`].
fn tally<'a>(root: NodeRef<'a, Node>, rules: &Rules) -> Vec<El<'a>> {
    struct Frame {
        k: usize,
        c: Counts,
        in_link: bool,
        block: bool,
        marked: bool,
    }
    let mut els: Vec<El<'a>> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Indices into `stack` of the open block elements.
    let mut blocks: Vec<usize> = Vec::new();
    let mut skip: Option<NodeId> = None;
    let mut cache = NamesCache::default();
    for edge in edges(root) {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(e) => {
                        let k = els.len();
                        // Outside skipped elements, the nearest open
                        // element is the parent when the parent is one.
                        let parent = stack
                            .last()
                            .map(|f| f.k)
                            .filter(|_| n.parent().is_some_and(|p| p.value().is_element()));
                        let names = rules.names_cached(e, &mut cache);
                        let mut el = El {
                            node: n,
                            end: k + 1,
                            parent,
                            counts: None,
                            inline: Counts::default(),
                            marked: false,
                            names,
                        };
                        // The name read once: every read of an atom's text
                        // is a table look-up or an unpacking.
                        let name = e.name();
                        if is_skipped(name) {
                            els.push(el);
                            skip = Some(n.id());
                            continue;
                        }
                        el.counts = Some(Counts::default());
                        els.push(el);
                        let in_link = name == "a" || stack.last().is_some_and(|s| s.in_link);
                        let block = is_blockish(name);
                        if block {
                            blocks.push(stack.len());
                        }
                        let marked = (name == "article"
                            || attr_named(e, &local_name!("itemprop")) == Some("articleBody")
                            || names.content)
                            && !names.is_chrome();
                        stack.push(Frame {
                            k,
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
                                    els[b.k].inline.add(c);
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
                    let end = els.len();
                    let el = &mut els[f.k];
                    el.counts = Some(f.c);
                    el.marked = f.marked;
                    el.end = end;
                }
            }
        }
    }
    els
}

/// Characters and commas of one text node, whitespace folded
/// ([`text_stats`]: on bytes, without decoding characters).
fn text_counts(text: &str) -> Counts {
    let st = text_stats(text);
    Counts {
        text: st.solid + st.starts,
        commas: st.commas,
        ..Counts::default()
    }
}

/// Which elements lie inside page chrome (navigation, sidebars, comments,
/// ad units, by element name or class/id token), so that comment threads
/// and "related" boxes full of text can never be chosen as the article. A
/// chrome-named element that holds most of the page's text is a wrapper
/// (`<div class="header-left">` around everything), not chrome, unless it
/// names a comment thread and holds no article marker: comments often
/// outweigh the article they follow.
fn chrome_flags(els: &[El<'_>], rules: &Rules, total: usize) -> Vec<bool> {
    let mut chrome = vec![false; els.len()];
    // Records before this index are inside the chrome element found last.
    let mut inside_end = 0;
    for (k, el) in els.iter().enumerate() {
        if k < inside_end {
            chrome[k] = true;
            continue;
        }
        let Node::Element(e) = el.node.value() else {
            continue;
        };
        let name = e.name();
        if matches!(name, "body" | "html") {
            continue;
        }
        let is_chrome = matches!(name, "nav" | "aside" | "footer")
            || el.names.is_chrome()
            || scraper::ElementRef::wrap(el.node)
                .is_some_and(|er| rules.ad_element_named(&er, el.names).is_some());
        if !is_chrome {
            continue;
        }
        let small = el.counts.is_some_and(|c| c.text * 2 < total.max(1));
        if small || (!el.marked && names_comments(e)) {
            inside_end = el.end;
            chrome[k] = true;
        }
    }
    chrome
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
fn class_weight(e: &scraper::node::Element, names: Names, rules: &Rules) -> (f64, f64) {
    let (class, id) = rules_attrs(e);
    // Words of class and id, split at anything but ASCII letters and
    // digits, compared without case: on bytes (a character that is not
    // ASCII is bytes that are not ASCII letters or digits, so the words
    // are the same), both lists in one pass, and only a word as long as
    // some list word lower-cased and compared.
    let (mut pos, mut neg) = (false, false);
    let mut buf = [0u8; LONGEST_NAMED];
    for a in [class.unwrap_or(""), id.unwrap_or("")] {
        for t in a.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            let Some(lower) = buf.get_mut(..t.len()).filter(|_| !t.is_empty()) else {
                continue;
            };
            lower.copy_from_slice(t);
            lower.make_ascii_lowercase();
            let lower = &*lower;
            pos = pos || POSITIVE.iter().any(|w| w.as_bytes() == lower);
            neg = neg || NEGATIVE.iter().any(|w| w.as_bytes() == lower);
        }
    }
    let pos = if pos { 25.0 } else { 0.0 };
    let neg = if neg || rules.chrome_token_named(e, names).is_some() {
        25.0
    } else {
        0.0
    };
    (pos, neg)
}

/// The length of the longest word of [`POSITIVE`] and [`NEGATIVE`]: no
/// longer word can equal one.
const LONGEST_NAMED: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < POSITIVE.len() {
        if POSITIVE[i].len() > n {
            n = POSITIVE[i].len();
        }
        i += 1;
    }
    let mut i = 0;
    while i < NEGATIVE.len() {
        if NEGATIVE[i].len() > n {
            n = NEGATIVE[i].len();
        }
        i += 1;
    }
    n
};

use super::rules::{attr_named, class_and_id_attrs as rules_attrs};
use html5ever::local_name;

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

    /// What `text_counts` counted before it worked on bytes.
    fn text_counts_by_chars(text: &str) -> Counts {
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

    proptest::proptest! {
        #[test]
        fn text_counts_on_bytes_agree_with_chars(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Zz", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", ",", "é", "日本",
                "\u{85}", "\u{86}", "\u{a0}", "\u{a1}", "\u{1680}", "\u{1681}", "\u{2000}",
                "\u{200a}", "\u{200b}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202a}",
                "\u{202f}", "\u{205f}", "\u{2060}", "\u{3000}", "\u{3001}", "\u{3002}",
                "\u{60c}", "\u{60d}", "\u{ff0c}", "\u{ff0d}", "\u{1f600}",
            ]),
            0..24,
        )) {
            let text: String = parts.concat();
            let (got, want) = (text_counts(&text), text_counts_by_chars(&text));
            proptest::prop_assert_eq!((got.text, got.commas), (want.text, want.commas), "{:?}", text);
        }
    }

    /// What `class_weight` found before it worked on bytes.
    fn named_by_chars(e: &scraper::node::Element, list: &[&str]) -> bool {
        let (class, id) = rules_attrs(e);
        [class.unwrap_or(""), id.unwrap_or("")]
            .into_iter()
            .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|t| !t.is_empty())
            .any(|t| list.iter().any(|w| w.eq_ignore_ascii_case(t)))
    }

    #[test]
    fn class_weight_on_bytes_agrees_with_chars() {
        let r = rules();
        for attrs in [
            r#"class="Article-Body""#,
            r#"class="x" id="MAIN""#,
            r#"class="articlebodyx sidebar_2""#,
            r#"class="prosé entry""#,
            r#"class="éntry commentś""#,
            r#"id="post–content""#,
            r#"class="thumbnail123 thumbnail""#,
            r#"class="" id="""#,
            r#"class="--ad--""#,
            r#"class="a-very-long-class-name-without-matches""#,
        ] {
            let doc = Html::parse_fragment(&format!("<div {attrs}>x</div>"));
            let sel = scraper::Selector::parse("div").expect("selector");
            for el in doc.select(&sel) {
                let e = el.value();
                let (pos, neg) = class_weight(e, r.names(e), &r);
                assert_eq!(pos > 0.0, named_by_chars(e, POSITIVE), "{attrs}");
                let chrome = r.chrome_token(e).is_some();
                assert_eq!(neg > 0.0, named_by_chars(e, NEGATIVE) || chrome, "{attrs}");
            }
        }
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
