//! The document tree to cleaned blocks, in one iterative walk.
//!
//! Every element is judged when the walk enters it: dead weight (scripts,
//! styles, embeds), ad units, tracking pixels, affiliate links, link farms
//! and site chrome are skipped with their whole subtree and counted; what
//! stays is written out as Markdown blocks. The walk uses `ego_tree`'s
//! open/close edges instead of recursion, so a page with 100,000 nested
//! elements cannot overflow the stack.

use super::rules::{attr, host_of, Rules, UrlClass};
use crate::model::{Block, BlockKind, Removed, RemovedItem};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::FxHashMap as HashMap;
use scraper::node::Element;
use scraper::{ElementRef, Node};

/// Options for one walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Keep article images as Markdown images.
    pub keep_images: bool,
    /// Remove site chrome (navigation, sidebars, ...): on for rendered pages.
    pub strip_chrome: bool,
}

/// Result of a walk.
#[derive(Debug, Default)]
pub struct Walked {
    pub blocks: Vec<Block>,
    pub removed: Removed,
    pub audit: Vec<RemovedItem>,
}

// Element classes below are `match`es on the name: they compile to a jump
// on the length and one comparison, where a slice's `contains` compared
// up to 35 names for every element.

/// Elements that never hold article text.
fn is_dead(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "svg"
            | "canvas"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "form"
            | "map"
            | "dialog"
    )
}

/// Embedded players and frames.
fn is_embed(name: &str) -> bool {
    matches!(
        name,
        "iframe" | "object" | "embed" | "video" | "audio" | "source" | "track" | "picture"
    )
}

/// Elements that start and end a block of text.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "fieldset"
            | "body"
            | "html"
    )
}

/// Chrome by element name, on rendered pages.
/// A figure's caption describes a picture that the text leaves out.
fn is_chrome_element(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "footer" | "figcaption")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Strong,
    Em,
    Code,
    Link,
}

struct OpenMark {
    node: ego_tree::NodeId,
    mark: Mark,
    /// Byte offset of the opening marker in `text`.
    at: usize,
    href: Option<String>,
}

struct ListFrame {
    node: ego_tree::NodeId,
    ordered: bool,
    next: u64,
}

struct TableState {
    node: ego_tree::NodeId,
    rows: Vec<Vec<String>>,
    header_rows: usize,
}

struct Walker<'r> {
    rules: &'r Rules,
    /// Word and link totals of every element, computed before the walk.
    stats: HashMap<NodeId, Stats>,
    opts: WalkOptions,
    out: Walked,
    text: String,
    plain: String,
    marks: Vec<OpenMark>,
    lists: Vec<ListFrame>,
    /// Number for the list item being filled, when it has not been flushed yet.
    item: Option<(bool, usize, Option<u64>)>,
    heading: Option<(ego_tree::NodeId, u8)>,
    pre: Option<ego_tree::NodeId>,
    quote_depth: usize,
    table: Option<TableState>,
    cell: Option<(String, bool)>,
    /// Scratch for [`Walker::text_node`].
    fold_buf: String,
}

/// Walks the subtrees under `roots`, in order, and returns their cleaned
/// blocks.
pub fn walk(roots: &[NodeRef<'_, Node>], rules: &Rules, opts: WalkOptions) -> Walked {
    let mut w = Walker {
        rules,
        stats: subtree_stats(roots),
        opts,
        out: Walked::default(),
        text: String::new(),
        plain: String::new(),
        marks: Vec::new(),
        lists: Vec::new(),
        item: None,
        heading: None,
        pre: None,
        quote_depth: 0,
        table: None,
        cell: None,
        fold_buf: String::new(),
    };
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in roots.iter().flat_map(|r| edges(*r)) {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.text_node(t),
                    Node::Element(el) if !w.open(node, el) => skip = Some(node.id()),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    w.close(node, el);
                }
            }
        }
    }
    w.flush();
    w.out
}

/// The open and close edges of `root`'s subtree, in document order: what
/// `NodeRef::traverse` yields. A local copy because whether LLVM inlined
/// ego_tree's `Traverse::next` into the cleaning loops depended on how the
/// crate happened to be split into codegen units, and the calls cost up to
/// a twentieth of the cleaning time when it did not.
pub(crate) fn edges(root: NodeRef<'_, Node>) -> Edges<'_> {
    Edges {
        root: Some(root),
        edge: None,
    }
}

/// See [`edges`].
pub(crate) struct Edges<'a> {
    root: Option<NodeRef<'a, Node>>,
    edge: Option<Edge<'a, Node>>,
}

impl<'a> Iterator for Edges<'a> {
    type Item = Edge<'a, Node>;

    #[inline]
    fn next(&mut self) -> Option<Edge<'a, Node>> {
        self.edge = match self.edge {
            None => self.root.map(Edge::Open),
            Some(Edge::Open(node)) => Some(match node.first_child() {
                Some(first) => Edge::Open(first),
                None => Edge::Close(node),
            }),
            Some(Edge::Close(node)) => {
                if self.root.is_some_and(|r| r.id() == node.id()) {
                    self.root = None;
                    None
                } else if let Some(next) = node.next_sibling() {
                    Some(Edge::Open(next))
                } else {
                    node.parent().map(Edge::Close)
                }
            }
        };
        self.edge
    }
}

fn attr_num(el: &Element, name: &str) -> Option<f64> {
    let v = attr(el, name)?.trim().trim_end_matches("px").trim();
    v.parse().ok()
}

fn style_has(el: &Element, needles: &[&str]) -> bool {
    attr(el, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        needles.iter().any(|n| s.contains(n))
    })
}

fn is_hidden(el: &Element) -> bool {
    attr(el, "hidden").is_some() || style_has(el, &["display:none", "visibility:hidden"])
}

/// A tracking pixel: an image of at most 1×1, or one hidden by style.
fn is_pixel(el: &Element) -> bool {
    let tiny = |n: Option<f64>| n.is_some_and(|v| v <= 1.0);
    tiny(attr_num(el, "width"))
        || tiny(attr_num(el, "height"))
        || is_hidden(el)
        || style_has(el, &["width:0", "height:0", "width:1px", "height:1px"])
}

/// Totals over one element's subtree, so that judging a list or a link
/// looks its numbers up instead of walking its subtree again: on a page
/// of 100,000 nested boxes that walk would be quadratic.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Stats {
    /// Words of all text under the element.
    words: usize,
    /// Words of the text of each link under it (nested links counted twice).
    link_words: usize,
    links: usize,
    /// Links with an absolute or protocol-relative URL.
    absolute: usize,
    has_img: bool,
}

/// [`Stats`] of every element under `roots`, in one bottom-up pass.
fn subtree_stats(roots: &[NodeRef<'_, Node>]) -> HashMap<NodeId, Stats> {
    let mut out = HashMap::default();
    let mut stack: Vec<(NodeId, Stats)> = Vec::new();
    for edge in roots.iter().flat_map(|r| edges(*r)) {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => stack.push((
                    n.id(),
                    Stats {
                        has_img: e.name() == "img",
                        ..Stats::default()
                    },
                )),
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.1.words += word_count(t);
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let Some((id, mut st)) = stack.pop() else {
                    continue;
                };
                if e.name() == "a" {
                    st.links += 1;
                    st.link_words += st.words;
                    // `host_of` wants lower case, but whether there is a
                    // host does not depend on case.
                    if attr(e, "href").is_some_and(|h| host_of(h).is_some()) {
                        st.absolute += 1;
                    }
                }
                if let Some((_, parent)) = stack.last_mut() {
                    parent.words += st.words;
                    parent.link_words += st.link_words;
                    parent.links += st.links;
                    parent.absolute += st.absolute;
                    parent.has_img |= st.has_img;
                }
                out.insert(id, st);
            }
        }
    }
    out
}

/// Whether a URL would run code or smuggle content when followed: the
/// scheme is read the way browsers do, after dropping tab, CR and LF
/// anywhere and control characters and spaces in front
/// (`java&#9;script:` is `javascript:`).
pub fn is_active_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .skip_while(|c| *c <= ' ')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Escapes what Markdown would read as markup in a run of plain text: a `<`
/// that could open an HTML tag, comment or declaration becomes `&lt;`
/// (which Markdown renders as `<`), so text that was escaped in the source
/// (`&lt;script&gt;`) never turns into a live tag in `text`.
fn escape_tag_openers(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('<') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Text of a subtree with whitespace folded, for audit records and tests.
pub fn subtree_text(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
    }
    join_words(&s)
}

pub(crate) fn word_count(s: &str) -> usize {
    text_stats(s).starts
}

/// Words, non-space characters and commas of `s` (ASCII runs eight bytes
/// at a time, the other characters one by one, whitespace where
/// `split_whitespace` splits): what word counts and the content scorer's
/// text length are made of, in one pass without decoding characters.
pub(crate) fn text_stats(s: &str) -> AsciiCounts {
    let b = s.as_bytes();
    let mut c = AsciiCounts::default();
    let (mut i, mut space) = (0, true);
    loop {
        let (a, len, sp) = ascii_run_counts(b.get(i..).unwrap_or_default(), space);
        c.solid += a.solid;
        c.starts += a.starts;
        c.commas += a.commas;
        i += len;
        space = sp;
        let Some(&lead) = b.get(i) else {
            return c;
        };
        let len = space_len(b, i);
        if len > 0 {
            space = true;
            i += len;
            continue;
        }
        c.solid += 1;
        c.starts += usize::from(space);
        space = false;
        // U+060C, U+FF0C, U+3001
        let comma = match lead {
            0xD8 => b.get(i + 1) == Some(&0x8C),
            0xEF => b.get(i + 1..i + 3) == Some(&[0xBC, 0x8C]),
            0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x81]),
            _ => false,
        };
        c.commas += usize::from(comma);
        i += utf8_len(lead);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Bit 7 of each byte of the ASCII word `x` set where the byte is `byte`.
fn byte_mask(x: u64, byte: u8) -> u64 {
    let t = x ^ (ONES * u64::from(byte));
    !(((t & LO7) + LO7) | t) & HI
}

/// For the ASCII word `x`: bit 7 of each byte set where it is a space
/// (0x20), and where it is other whitespace (9 to 13: at least 9 and not
/// at least 14). Bytes below 0x80 keep the sums from carrying over.
fn space_masks(x: u64) -> (u64, u64) {
    let other = (x + ONES * (0x80 - 9)) & !(x + ONES * (0x80 - 14)) & HI;
    (byte_mask(x, b' '), other)
}

/// What [`ascii_run_counts`] counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AsciiCounts {
    /// Characters that are not whitespace (bytes, in an ASCII run).
    pub solid: usize,
    /// Words: non-space bytes after a space or at the start.
    pub starts: usize,
    pub commas: usize,
}

/// Word starts, non-space bytes and commas of the longest ASCII start of
/// `b`, continuing from `space` (whether the byte before was whitespace):
/// the counts, the length of that start, and whether its last byte was
/// whitespace.
///
/// Eight bytes at a time: each test is a few integer operations on a
/// 64-bit word that answer for all eight bytes at once (bit 7 of each
/// byte), about a third of what testing byte by byte costs. Bytes below
/// 0x80 keep the per-byte sums from carrying into the next byte.
pub(crate) fn ascii_run_counts(b: &[u8], space: bool) -> (AsciiCounts, usize, bool) {
    // Number of bytes with bit 7 set in a mask of bit 7s.
    let count = |m: u64| ((m >> 7).wrapping_mul(ONES) >> 56) as usize;
    let mut c = AsciiCounts::default();
    // Bit 7 of byte 0 set when the byte before this word was a space.
    let mut carry = if space { 0x80u64 } else { 0 };
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        if x & HI != 0 {
            break;
        }
        let (blank, other) = space_masks(x);
        let space = blank | other;
        let solid = !space & HI;
        c.solid += count(solid);
        c.starts += count(solid & ((space << 8) | carry));
        c.commas += count(byte_mask(x, b','));
        carry = (space >> 56) & 0x80;
        i += 8;
    }
    let mut space = carry != 0;
    while let Some(&x) = b.get(i) {
        if !x.is_ascii() {
            break;
        }
        let sp = is_ascii_space(x);
        c.solid += usize::from(!sp);
        c.starts += usize::from(space & !sp);
        c.commas += usize::from(x == b',');
        space = sp;
        i += 1;
    }
    (c, i, space)
}

/// The length of the UTF-8 character whose first byte is `lead`.
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `s.split_whitespace()`, on bytes (see [`space_len`]): the same words,
/// without decoding every character.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let &c = b.get(at)?;
            // ASCII inline; `space_len` for the rest.
            let len = if c < 0x80 {
                usize::from(is_ascii_space(c))
            } else {
                space_len(b, at)
            };
            if len == 0 {
                break;
            }
            at += len;
        }
        let start = at;
        while let Some(&c) = b.get(at) {
            let space = if c < 0x80 {
                is_ascii_space(c)
            } else {
                space_len(b, at) > 0
            };
            if space {
                break;
            }
            at += 1;
        }
        // Both ends are character boundaries: a word starts after a
        // whitespace character and ends at one's first byte or the end.
        s.get(start..at)
    })
}

/// The length in bytes of the whitespace character (as
/// `char::is_whitespace` says) that starts at `b[i]`, or 0: so that text
/// with a no-break space or a curly quote in it is split into words on
/// bytes like ASCII text is, instead of by decoding every character.
///
/// `b` must be UTF-8 and `i` any index into it. The non-ASCII whitespace
/// characters start with 0xC2, 0xE1, 0xE2 or 0xE3, which never occur
/// inside a character, so stepping byte by byte through a word and asking
/// here at every byte finds exactly the whitespace characters.
#[inline(always)]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    let Some(&c) = b.get(i) else {
        return 0;
    };
    if c < 0x80 {
        return usize::from(is_ascii_space(c));
    }
    if !matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        return 0;
    }
    non_ascii_space_len(b, i)
}

/// [`space_len`] for a byte that may start a non-ASCII whitespace
/// character.
#[inline(never)]
fn non_ascii_space_len(b: &[u8], i: usize) -> usize {
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let is_space = match b.get(i).copied().unwrap_or(0) {
        // U+0085, U+00A0
        0xC2 => return 2 * usize::from(matches!(next(1), 0x85 | 0xA0)),
        // U+1680
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        // U+2000..=U+200A, U+2028, U+2029, U+202F; U+205F
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => next(2) == 0x9F,
            _ => false,
        },
        // U+3000
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    };
    3 * usize::from(is_space)
}

/// The ASCII bytes that `char::is_whitespace` accepts: on ASCII text the
/// word splits below work on bytes, which is several times faster than
/// decoding characters, and give what `split_whitespace` gives.
pub(crate) fn is_ascii_space(b: u8) -> bool {
    // Bits 9 to 13 (tab, line feed, vertical tab, form feed, carriage
    // return) and 32 (space): one shift and test instead of six compares.
    const SPACES: u64 = 0b11111 << 9 | 1 << 32;
    b <= b' ' && (SPACES >> b) & 1 == 1
}

/// Runs of whitespace other than no-break spaces folded to one space,
/// kept (as one space) at either end, appended to `folded`.
fn fold_spaces_into(t: &str, folded: &mut String) {
    if t.is_ascii() {
        let b = t.as_bytes();
        let (mut i, mut space) = (0, false);
        while i < b.len() {
            if is_ascii_space(b[i]) {
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !is_ascii_space(b[i]) {
                i += 1;
            }
            if space {
                folded.push(' ');
            }
            space = false;
            folded.push_str(&t[start..i]);
        }
        if space {
            folded.push(' ');
        }
        return;
    }
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space {
                folded.push(' ');
            }
            space = false;
            folded.push(c);
        }
    }
    if space {
        folded.push(' ');
    }
}

impl<'r> Walker<'r> {
    fn remove(&mut self, node: NodeRef<'_, Node>, kind: &'static str, rule: String) {
        match kind {
            "ad_block" => self.out.removed.ad_blocks += 1,
            "affiliate_link" => self.out.removed.affiliate_links += 1,
            "tracking_pixel" => self.out.removed.tracking_pixels += 1,
            "embed" => self.out.removed.embeds += 1,
            "chrome_block" => self.out.removed.chrome_blocks += 1,
            _ => {}
        }
        self.out.audit.push(RemovedItem {
            kind,
            rule,
            text: subtree_text(node),
        });
    }

    /// Enters an element; `false` skips its whole subtree.
    fn open(&mut self, node: NodeRef<'_, Node>, el: &Element) -> bool {
        let name = el.name();
        if is_dead(name) {
            return false;
        }
        if is_embed(name) {
            if name == "iframe"
                && attr(el, "src")
                    .is_some_and(|s| matches!(self.rules.classify_url(s), UrlClass::Ad(_)))
            {
                self.remove(
                    node,
                    "ad_block",
                    format!("ad iframe {}", attr(el, "src").unwrap_or("")),
                );
            } else {
                self.remove(node, "embed", format!("embed <{name}>"));
            }
            return false;
        }
        // Class and id are read once for the ad and the chrome checks.
        let names = self.rules.names(el);
        if let Some(er) = ElementRef::wrap(node) {
            if let Some(rule) = self.rules.ad_element_named(&er, names) {
                self.remove(node, "ad_block", rule);
                return false;
            }
        }
        if name == "img" {
            return self.image(node, el);
        }
        if self.opts.strip_chrome && self.pre.is_none() {
            if is_chrome_element(name) {
                self.remove(node, "chrome_block", format!("element <{name}>"));
                return false;
            }
            if let Some(tok) = self.rules.chrome_token_named(el, names) {
                let rule = format!("chrome-token {tok}");
                self.remove(node, "chrome_block", rule);
                return false;
            }
        }
        if is_hidden(el) || attr(el, "aria-hidden") == Some("true") && is_block(name) {
            return false;
        }
        if name == "a" {
            return self.link_open(node, el);
        }
        if matches!(name, "ul" | "ol" | "div" | "table" | "p" | "section") && self.pre.is_none() {
            if let Some(n) = self.link_farm(node) {
                self.out.removed.link_farm_links += n as u64;
                self.out.audit.push(RemovedItem {
                    kind: "link_farm",
                    rule: "link-farm structure".to_string(),
                    text: subtree_text(node),
                });
                self.drop_farm_heading();
                return false;
            }
        }
        self.block_or_inline_open(node, el)
    }

    fn image(&mut self, node: NodeRef<'_, Node>, el: &Element) -> bool {
        if is_pixel(el) {
            self.remove(
                node,
                "tracking_pixel",
                "pixel: 0×0, 1×1 or hidden image".to_string(),
            );
            return false;
        }
        let src = attr(el, "src")
            .or_else(|| attr(el, "data-src"))
            .unwrap_or("");
        match self.rules.classify_url(src) {
            UrlClass::Affiliate(rule) | UrlClass::Ad(rule) => {
                self.remove(node, "ad_block", rule);
                return false;
            }
            UrlClass::Plain => {}
        }
        // Inside a link, an image is the link's banner: handled by the link.
        if self.opts.keep_images && !src.trim().is_empty() && !is_active_url(src) {
            // Alt text and URL must not close the Markdown image early.
            let alt: String = attr(el, "alt")
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace(['[', ']'], "");
            let src = src.trim().replace(' ', "%20").replace(')', "%29");
            self.push_raw(&format!("![{alt}]({src})"), &alt);
        }
        false
    }

    fn link_open(&mut self, node: NodeRef<'_, Node>, el: &Element) -> bool {
        let href = attr(el, "href").unwrap_or("").trim();
        let class = self.rules.classify_url(href);
        match class {
            UrlClass::Ad(rule) => {
                self.remove(node, "ad_block", rule);
                false
            }
            UrlClass::Affiliate(rule) => {
                // Inside a sentence the words stay (without the URL); a banner,
                // a product blurb or a bare "Buy now" goes.
                if self.link_is_inline(node) {
                    self.out.removed.affiliate_links += 1;
                    self.out.audit.push(RemovedItem {
                        kind: "affiliate_link",
                        rule: format!("{rule} (URL only; words kept)"),
                        text: href.to_string(),
                    });
                    true
                } else {
                    self.remove(node, "affiliate_link", rule);
                    false
                }
            }
            UrlClass::Plain => {
                let keep_url = !href.is_empty() && !href.starts_with('#') && !is_active_url(href);
                if keep_url && self.pre.is_none() {
                    self.marks.push(OpenMark {
                        node: node.id(),
                        mark: Mark::Link,
                        at: self.text.len(),
                        href: Some(href.replace(' ', "%20").replace(')', "%29")),
                    });
                    self.text.push('[');
                }
                true
            }
        }
    }

    fn stats(&self, node: NodeRef<'_, Node>) -> Stats {
        self.stats.get(&node.id()).copied().unwrap_or_default()
    }

    /// An affiliate link whose words stay (without the URL): a text link
    /// inside a sentence (its parent block has at least a short clause of
    /// words of its own), or a list entry made of the link alone that names
    /// something the article discusses ("SurfShark" in a list of VPNs)
    /// rather than calling to buy.
    fn link_is_inline(&self, node: NodeRef<'_, Node>) -> bool {
        let own = self.stats(node);
        if own.has_img || own.words == 0 || own.words > 12 {
            return false;
        }
        let Some(parent) = node.parent() else {
            return false;
        };
        if self.stats(parent).words >= own.words + 4 {
            return true;
        }
        self.alone_in_list_item(node, own.words)
            && !self.rules.is_call_to_action(&subtree_text(node))
    }

    /// Whether a link is all the text of the list item around it (through a
    /// few inline wrappers such as `<strong>`).
    fn alone_in_list_item(&self, node: NodeRef<'_, Node>, words: usize) -> bool {
        for anc in node.ancestors().take(6) {
            let Node::Element(e) = anc.value() else {
                return false;
            };
            if self.stats(anc).words != words {
                return false;
            }
            if e.name() == "li" {
                return true;
            }
            if is_block(e.name()) {
                return false;
            }
        }
        false
    }

    /// The number of links when `node` is a link farm: a list or block of at
    /// least three entries made almost only of links to titles elsewhere.
    fn link_farm(&self, node: NodeRef<'_, Node>) -> Option<usize> {
        let st = self.stats(node);
        if st.links < 3 {
            return None;
        }
        if st.words == 0 || (st.link_words as f64) < 0.8 * st.words as f64 {
            return None;
        }
        let after_heading = self.last_block_is_farm_heading();
        let avg_title = st.link_words as f64 / st.links as f64;
        // Titles of other articles, pointing elsewhere: a farm even without a
        // heading. Short names (a list of tools or vendors) are not.
        let looks_like_titles = avg_title >= 4.0 && st.absolute * 10 >= st.links * 6;
        (after_heading || looks_like_titles).then_some(st.links)
    }

    fn last_block_is_farm_heading(&self) -> bool {
        if !self.plain.trim().is_empty() {
            return self.rules.is_farm_heading(&self.plain);
        }
        self.out
            .blocks
            .last()
            .is_some_and(|b| self.rules.is_farm_heading(&b.plain))
    }

    /// Drops an "Also read:" label that introduced a removed farm.
    fn drop_farm_heading(&mut self) {
        if !self.plain.trim().is_empty() {
            if self.rules.is_farm_heading(&self.plain) {
                self.text.clear();
                self.plain.clear();
                self.marks.clear();
            }
            return;
        }
        if self
            .out
            .blocks
            .last()
            .is_some_and(|b| self.rules.is_farm_heading(&b.plain))
        {
            self.out.blocks.pop();
        }
    }

    fn block_or_inline_open(&mut self, node: NodeRef<'_, Node>, el: &Element) -> bool {
        let name = el.name();
        if self.pre.is_some() {
            return true;
        }
        if let Some(t) = &mut self.table {
            match name {
                "tr" => {
                    t.rows.push(Vec::new());
                    return true;
                }
                "td" | "th" => {
                    self.cell = Some((String::new(), name == "th"));
                    return true;
                }
                "table" => return true, // nested table: flattened into the cell
                _ => {}
            }
            if self.cell.is_some() {
                return self.inline_open(node, name);
            }
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.heading = Some((node.id(), level));
            }
            "ul" | "ol" => {
                let start = attr(el, "start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push(ListFrame {
                    node: node.id(),
                    ordered: name == "ol",
                    next: start,
                });
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1);
                let (ordered, number) = match self.lists.last_mut() {
                    Some(f) if f.ordered => {
                        let n = attr(el, "value")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(f.next);
                        f.next = n + 1;
                        (true, Some(n))
                    }
                    _ => (false, None),
                };
                self.item = Some((ordered, depth, number));
            }
            "pre" => self.pre = Some(node.id()),
            "blockquote" => self.quote_depth += 1,
            "table" => {
                self.table = Some(TableState {
                    node: node.id(),
                    rows: Vec::new(),
                    header_rows: 0,
                });
            }
            "br" => self.push_raw("\n", " "),
            _ => return self.inline_open(node, name),
        }
        true
    }

    fn inline_open(&mut self, node: NodeRef<'_, Node>, name: &str) -> bool {
        let mark = match name {
            "strong" | "b" => Mark::Strong,
            "em" | "i" => Mark::Em,
            "code" | "kbd" | "samp" | "tt" => Mark::Code,
            "br" => {
                self.push_raw("\n", " ");
                return true;
            }
            _ => return true,
        };
        if self.heading.is_some() && mark != Mark::Code {
            return true;
        }
        if self.marks.iter().any(|m| m.mark == mark) {
            return true;
        }
        let at = self.buf().len();
        self.marks.push(OpenMark {
            node: node.id(),
            mark,
            at,
            href: None,
        });
        let s = match mark {
            Mark::Strong => "**",
            Mark::Em => "*",
            Mark::Code => "`",
            Mark::Link => "[",
        };
        self.buf().push_str(s);
        true
    }

    fn buf(&mut self) -> &mut String {
        match &mut self.cell {
            Some((c, _)) => c,
            None => &mut self.text,
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>, el: &Element) {
        let name = el.name();
        if self.pre == Some(node.id()) {
            let code = std::mem::take(&mut self.text);
            self.plain.clear();
            self.pre = None;
            if !code.trim().is_empty() {
                self.out.blocks.push(Block {
                    kind: BlockKind::Code,
                    plain: code.clone(),
                    text: code,
                });
            }
            return;
        }
        if self.pre.is_some() {
            return;
        }
        if let Some(pos) = self.marks.iter().rposition(|m| m.node == node.id()) {
            let m = self.marks.remove(pos);
            self.close_mark(m);
            return;
        }
        if self.table.as_ref().is_some_and(|t| t.node == node.id()) {
            self.finish_table();
            return;
        }
        if self.table.is_some() {
            if matches!(name, "td" | "th") {
                if let (Some((cell, is_th)), Some(t)) = (self.cell.take(), self.table.as_mut()) {
                    let cell = cell
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('|', "\\|");
                    let n_rows = t.rows.len();
                    if let Some(row) = t.rows.last_mut() {
                        row.push(cell);
                        if is_th && n_rows == t.header_rows + 1 && row.len() == 1 {
                            t.header_rows += 1;
                        }
                    }
                }
            }
            return;
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = None,
            "ul" | "ol" => {
                if let Some(pos) = self.lists.iter().rposition(|f| f.node == node.id()) {
                    self.lists.truncate(pos);
                }
            }
            "li" => self.item = None,
            "blockquote" => self.quote_depth = self.quote_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn close_mark(&mut self, m: OpenMark) {
        let (open, close) = match m.mark {
            Mark::Strong => ("**", "**".to_string()),
            Mark::Em => ("*", "*".to_string()),
            Mark::Code => ("`", "`".to_string()),
            Mark::Link => ("[", format!("]({})", m.href.unwrap_or_default())),
        };
        let buf = self.buf();
        if m.at + open.len() > buf.len() || &buf[m.at..m.at + open.len()] != open {
            return;
        }
        let inner = buf[m.at + open.len()..].to_string();
        if inner.trim().is_empty() {
            buf.truncate(m.at);
            buf.push_str(&inner);
            return;
        }
        // Markdown wants the markers tight against the words.
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        let trimmed = inner.trim();
        buf.truncate(m.at);
        buf.push_str(&inner[..lead]);
        buf.push_str(open);
        buf.push_str(trimmed);
        buf.push_str(&close);
        buf.push_str(&inner[inner.len() - trail..]);
    }

    fn text_node(&mut self, t: &str) {
        if self.pre.is_some() {
            self.text.push_str(t);
            return;
        }
        // One buffer for every text node of the walk.
        let mut folded = std::mem::take(&mut self.fold_buf);
        folded.clear();
        fold_spaces_into(t, &mut folded);
        if !folded.is_empty() {
            let mut f = folded.as_str();
            let buf = self.buf();
            if (buf.is_empty() || buf.ends_with([' ', '\n'])) && f.starts_with(' ') {
                f = &f[1..];
            }
            buf.push_str(&escape_tag_openers(f));
            if self.cell.is_none() {
                if (self.plain.is_empty() || self.plain.ends_with(' ')) && f.starts_with(' ') {
                    self.plain.push_str(f.trim_start());
                } else {
                    self.plain.push_str(f);
                }
            }
        }
        self.fold_buf = folded;
    }

    fn push_raw(&mut self, text: &str, plain: &str) {
        self.buf().push_str(text);
        if self.cell.is_none() {
            self.plain.push_str(plain);
        }
    }

    /// Ends the current block of text.
    fn flush(&mut self) {
        // Markers still open (a block inside a link or bold) are dropped so the
        // block stays valid Markdown.
        for m in std::mem::take(&mut self.marks).into_iter().rev() {
            let open_len = match m.mark {
                Mark::Strong => 2,
                _ => 1,
            };
            if m.at + open_len <= self.text.len() {
                self.text.replace_range(m.at..m.at + open_len, "");
            }
        }
        let text = tidy(&self.text);
        let plain = join_words(&self.plain);
        self.text.clear();
        self.plain.clear();
        if plain.is_empty() && !text.contains("![") {
            return;
        }
        let kind = if let Some((_, level)) = self.heading {
            BlockKind::Heading(level)
        } else if let Some((ordered, depth, number)) = self.item.take() {
            BlockKind::ListItem {
                ordered,
                depth,
                number,
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        let text = if matches!(kind, BlockKind::Heading(_)) {
            join_words(&text)
        } else {
            text
        };
        self.out.blocks.push(Block { kind, text, plain });
    }

    fn finish_table(&mut self) {
        let Some(t) = self.table.take() else { return };
        self.cell = None;
        let rows: Vec<Vec<String>> = t
            .rows
            .into_iter()
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            return;
        }
        let cols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        // A one-column layout table is just paragraphs.
        if cols == 1 {
            for r in rows {
                let cell = r.into_iter().next().unwrap_or_default();
                self.out.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    plain: strip_inline(&cell),
                    text: cell,
                });
            }
            return;
        }
        let mut text = String::new();
        let mut plain = String::new();
        for (i, r) in rows.iter().enumerate() {
            let mut cells = r.clone();
            cells.resize(cols, String::new());
            text.push_str("| ");
            text.push_str(&cells.join(" | "));
            text.push_str(" |\n");
            plain.push_str(&strip_inline(&cells.join(" ")));
            plain.push(' ');
            if i == 0 {
                text.push('|');
                for _ in 0..cols {
                    text.push_str(" --- |");
                }
                text.push('\n');
            }
        }
        self.out.blocks.push(Block {
            kind: BlockKind::Table,
            text: text.trim_end().to_string(),
            plain: join_words(&plain),
        });
    }
}

/// Trims each line and drops empty ones inside a block.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for l in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l);
    }
    out
}

/// Plain words of inline Markdown: emphasis and code markers and link URLs
/// removed.
pub fn strip_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    strip_inline_into(s, &mut out);
    join_words(&out)
}

/// The words of `s`, whitespace folded to single spaces, in one String
/// (without the `Vec` that `collect` then `join` would build).
pub fn join_words(s: &str) -> String {
    if is_folded(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `s` is already what [`join_words`] makes of it (usually so):
/// single spaces between words, none at the ends, no other whitespace.
/// ASCII eight bytes at a time (as in [`ascii_run_counts`]), other
/// characters one by one.
fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    let mut after_space = true;
    let mut i = 0;
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            if x & HI != 0 {
                break;
            }
            let (space, other) = space_masks(x);
            let before = (space << 8) | if after_space { 0x80 } else { 0 };
            if other != 0 || space & before != 0 {
                return false;
            }
            after_space = space >> 63 != 0;
            i += 8;
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        if c == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
            i += 1;
        } else if c < 0x80 {
            if is_ascii_space(c) {
                return false;
            }
            after_space = false;
            i += 1;
        } else {
            if space_len(b, i) > 0 {
                return false;
            }
            after_space = false;
            i += utf8_len(c);
        }
    }
    b.is_empty() || !after_space
}

/// [`strip_inline`] before whitespace is folded, appended to `out`: the
/// same words for callers that only count them.
pub fn strip_inline_into(s: &str, out: &mut String) {
    // Runs between markers are copied whole: the markers are ASCII, so
    // every cut falls on a character boundary.
    let b = s.as_bytes();
    let (mut i, mut start) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'*' | b'`' | b'[' => {
                out.push_str(&s[start..i]);
                i += 1;
                start = i;
            }
            // A link's URL: from `](` through the next `)`, or to the end.
            b']' if b.get(i + 1) == Some(&b'(') => {
                out.push_str(&s[start..i]);
                i = s[i + 2..].find(')').map_or(b.len(), |k| i + 2 + k + 1);
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_run_counts_agree_with_byte_tests(b in proptest::collection::vec(
            proptest::sample::select(vec![
                b'a', b'Z', b'0', b',', b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0x08, 0x0E, 0x1F,
                0x21, 0x7F, 0x00, b'-',
            ]),
            0..40,
        )) {
            let mut want = AsciiCounts::default();
            let mut space = true;
            for &x in &b {
                let sp = is_ascii_space(x);
                want.solid += usize::from(!sp);
                want.starts += usize::from(space && !sp);
                want.commas += usize::from(x == b',');
                space = sp;
            }
            proptest::prop_assert_eq!(ascii_run_counts(&b, true), (want, b.len(), b.last().is_none_or(|&x| is_ascii_space(x))));
            // Stopped at the first byte that is not ASCII, with the state
            // carried through.
            let mut with_tail = b.clone();
            with_tail.extend_from_slice("é x".as_bytes());
            let (got, len, space) = ascii_run_counts(&with_tail, true);
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(len, b.len());
            proptest::prop_assert_eq!(space, b.last().is_none_or(|&x| is_ascii_space(x)));
        }
    }

    #[test]
    fn space_len_finds_exactly_the_whitespace_characters() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let want = if c.is_whitespace() { s.len() } else { 0 };
            assert_eq!(space_len(s.as_bytes(), 0), want, "{c:?}");
            // Never inside a character.
            for i in 1..s.len() {
                assert_eq!(space_len(s.as_bytes(), i), 0, "{c:?} at {i}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_on_bytes_agree_with_split_whitespace(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Zz", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", ",", "é", "日本",
                "\u{85}", "\u{86}", "\u{a0}", "\u{a1}", "\u{1680}", "\u{1681}", "\u{2000}",
                "\u{200a}", "\u{200b}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202a}",
                "\u{202f}", "\u{205f}", "\u{2060}", "\u{3000}", "\u{3001}", "\u{1f600}",
                "eight by", "tes of words", "a b c d e f g h",
            ]),
            0..24,
        )) {
            let text: String = parts.concat();
            let want: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), want.clone());
            proptest::prop_assert_eq!(word_count(&text), want.len());
            proptest::prop_assert_eq!(join_words(&text), want.join(" "));
            proptest::prop_assert_eq!(is_folded(&text), text == want.join(" "));
        }
    }

    #[test]
    fn active_urls_are_seen_through_obfuscation() {
        for u in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,x",
        ] {
            assert!(is_active_url(u), "{u:?}");
        }
        for u in [
            "https://example.com/javascript:",
            "/help",
            "#top",
            "mailto:a@b.c",
        ] {
            assert!(!is_active_url(u), "{u:?}");
        }
    }

    #[test]
    fn escaped_tags_stay_text() {
        assert_eq!(escape_tag_openers("a <script> b"), "a &lt;script> b");
        assert_eq!(
            escape_tag_openers("x </b> <!-- <?php"),
            "x &lt;/b> &lt;!-- &lt;?php"
        );
        assert_eq!(escape_tag_openers("1 < 2 and a<-b"), "1 < 2 and a<-b");
    }

    fn rules() -> Rules {
        Rules::builtin().expect("rules")
    }

    fn walk_html(html: &str) -> Walked {
        let doc = scraper::Html::parse_document(html);
        walk(
            &[doc.tree.root()],
            &rules(),
            WalkOptions {
                keep_images: false,
                strip_chrome: true,
            },
        )
    }

    fn text(w: &Walked) -> String {
        w.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn affiliate_list_entries_keep_their_names_but_not_calls_to_buy() {
        let w = walk_html(
            r#"<p>We tried these VPN services for a month:</p><ul>
            <li><a href="https://www.awin1.com/cread.php?awinmid=1&v=a">SwiftTunnel</a></li>
            <li><strong><a href="https://www.awin1.com/cread.php?awinmid=1&v=b">Harbor VPN</a></strong></li>
            <li><a href="https://www.awin1.com/cread.php?awinmid=1&v=c">Check price on Amazon</a></li>
            <li><a href="https://www.awin1.com/cread.php?awinmid=1&v=d"><img src="/banner.png"> Banner</a></li>
            </ul>"#,
        );
        let t = text(&w);
        assert!(t.contains("\nSwiftTunnel\n"), "{t}");
        assert!(t.contains("Harbor VPN"), "{t}");
        assert!(!t.contains("awin1"), "{t}");
        assert!(!t.contains("Check price"), "{t}");
        assert!(!t.contains("Banner"), "{t}");
        assert_eq!(w.removed.affiliate_links, 4, "{:?}", w.removed);
    }

    #[test]
    fn affiliate_link_in_a_sentence_keeps_its_words() {
        let w = walk_html(
            r#"<p>I use <a href="https://amzn.to/3abc">the Harbor travel router</a> on every trip I take.</p>"#,
        );
        assert_eq!(
            text(&w),
            "I use the Harbor travel router on every trip I take."
        );
    }

    #[test]
    fn link_farms_are_judged_from_precomputed_totals() {
        let w = walk_html(
            r#"<p>Body text of the article that stays in place.</p><ul>
            <li><a href="https://a.example/1">The best routers for a big house this year</a></li>
            <li><a href="https://a.example/2">Why your printer keeps going offline at night</a></li>
            <li><a href="https://a.example/3">How to hide the taskbar on a second monitor</a></li>
            </ul>"#,
        );
        assert_eq!(text(&w), "Body text of the article that stays in place.");
        assert_eq!(w.removed.link_farm_links, 3);
    }

    #[test]
    fn deeply_nested_boxes_with_links_are_walked_in_linear_time() {
        // html5ever's own scope checks make parsing deeper pages slow; the
        // walk itself takes milliseconds at 100,000 levels.
        let depth = 10_000;
        let mut html = String::with_capacity(depth * 40);
        for i in 0..depth {
            html.push_str("<div>");
            if i % 1000 == 0 {
                html.push_str("<a href=\"https://amzn.to/x\">Buy</a> word ");
            }
        }
        html.push_str("<p>The innermost paragraph of the page.</p>");
        for _ in 0..depth {
            html.push_str("</div>");
        }
        let w = walk_html(&html);
        assert!(text(&w).contains("The innermost paragraph of the page."));
    }
}
