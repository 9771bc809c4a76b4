//! A fast tree builder for scraped pages.
//!
//! html5ever implements the whole WHATWG algorithm, character by
//! character, and on rendered pages it was more than a third of the run
//! (issue 5: its parse alone is slower than the whole run is meant to be).
//! Cleaning needs far less: the elements with their attributes, the text
//! with its character references decoded, and the tree shape a browser
//! gives the common repairs (an open `<p>` closed by a block, `<li>` by the
//! next `<li>`, cells by the next cell, stray end tags ignored). This
//! builder scans bytes with `memchr`, follows HTML tokenisation where it
//! changes what is text (comments, raw-text elements, quoted attribute
//! values, character references) and the tree-construction rules that
//! change which element a text belongs to. It does not rebuild formatting
//! elements across blocks (the "adoption agency"), move misplaced table
//! content in front of the table, or keep comments, script and style
//! bodies, SVG and MathML content or `<template>` content, none of which
//! the cleaner reads.
//!
//! Depth is bounded here too: a start tag that would open deeper than
//! [`MAX_DEPTH`] elements is dropped with its end tag (its text stays), and
//! an end tag looks at most [`LOOKBACK`] elements down the stack, so the
//! build is linear in the input whatever its nesting. It fills a
//! [`scraper::Html`], so the rest of the pipeline walks the tree it always
//! did.

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use scraper::node::{Element, Text};
use scraper::{Html, Node};
use std::borrow::Cow;

/// Deepest element nesting kept as it is (Chromium's parser caps at 512).
pub const MAX_DEPTH: usize = 512;
/// How far down the stack of open elements a tag looks for the element it
/// closes.
const LOOKBACK: usize = 128;

/// A parsed page and what the builder had to flatten.
pub struct Parsed {
    pub doc: Html,
    /// Start tags dropped because they would have nested too deep.
    pub flattened: usize,
}

impl Parsed {
    /// The warning for the article record, when anything was flattened.
    pub fn warning(&self) -> Option<String> {
        (self.flattened > 0).then(|| {
            format!(
                "markup nested deeper than {MAX_DEPTH} elements: {} start tags flattened, their text kept",
                self.flattened
            )
        })
    }
}

/// Parses an HTML document (or the HTML a Markdown post renders to).
pub fn parse_html(src: &str) -> Parsed {
    parse_html_with(src, MAX_DEPTH)
}

/// [`parse_html`] with another depth bound (tests use small ones).
pub fn parse_html_with(src: &str, max_depth: usize) -> Parsed {
    let mut b = Builder::new(src, max_depth.max(1));
    b.run();
    Parsed {
        doc: b.doc,
        flattened: b.flattened,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
}

/// What kind of element an open element is, for the scope rules.
const SPECIAL: u8 = 1;
const FORMATTING: u8 = 2;
/// Stops the search for an element "in scope".
const SCOPE: u8 = 4;
/// Stops the search for a `p` "in button scope" (scope plus `button`).
const BUTTON_SCOPE: u8 = 8;
/// Stops the search for a list item (special, but not address/div/p).
const LIST_STOP: u8 = 16;

fn flags(name: &str) -> u8 {
    let mut f = 0;
    if matches!(
        name,
        "address"
            | "applet"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "button"
            | "caption"
            | "center"
            | "colgroup"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "html"
            | "li"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "object"
            | "ol"
            | "p"
            | "pre"
            | "search"
            | "section"
            | "select"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    ) {
        f |= SPECIAL;
        if !matches!(name, "address" | "div" | "p") {
            f |= LIST_STOP;
        }
    }
    if matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    ) {
        f |= FORMATTING;
    }
    if matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    ) {
        f |= SCOPE | BUTTON_SCOPE;
    }
    if name == "button" {
        f |= BUTTON_SCOPE;
    }
    f
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "image",
];

/// Start tags that close an open `p` in button scope.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "table"
            | "hr"
            | "xmp"
            | "plaintext"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// How an element's content is tokenised.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Content {
    Normal,
    /// Text up to the end tag, kept (RCDATA: references decoded).
    Rcdata,
    /// Text up to the end tag, kept as it is.
    RawKept,
    /// Text up to the end tag, dropped: nothing downstream reads script or
    /// style bodies, and they are a third of a rendered page's bytes.
    RawDropped,
    /// Markup up to the matching end tag, dropped (SVG, MathML, templates).
    Skipped,
    /// Everything to the end of the input is text.
    Plaintext,
}

fn content_of(name: &str) -> Content {
    match name {
        "title" | "textarea" => Content::Rcdata,
        // Kept as html5ever keeps them (with scripting on, `<noscript>`
        // holds its markup as text): the link-farm test counts it.
        "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Content::RawKept,
        "script" | "style" => Content::RawDropped,
        "svg" | "math" | "template" => Content::Skipped,
        "plaintext" => Content::Plaintext,
        _ => Content::Normal,
    }
}

fn in_head(name: &str) -> bool {
    matches!(
        name,
        "meta"
            | "link"
            | "title"
            | "style"
            | "script"
            | "base"
            | "basefont"
            | "bgsound"
            | "noscript"
            | "template"
            | "noframes"
    )
}

/// The atom for a tag or attribute name. `LocalName::from` hashes the name
/// to find it in html5ever's static table; the names real pages use most
/// are matched here first, which is several times cheaper.
fn atom(name: &str) -> LocalName {
    match name {
        "div" => local_name!("div"),
        "a" => local_name!("a"),
        "span" => local_name!("span"),
        "p" => local_name!("p"),
        "li" => local_name!("li"),
        "ul" => local_name!("ul"),
        "img" => local_name!("img"),
        "i" => local_name!("i"),
        "br" => local_name!("br"),
        "td" => local_name!("td"),
        "tr" => local_name!("tr"),
        "meta" => local_name!("meta"),
        "link" => local_name!("link"),
        "script" => local_name!("script"),
        "strong" => local_name!("strong"),
        "b" => local_name!("b"),
        "em" => local_name!("em"),
        "h2" => local_name!("h2"),
        "h3" => local_name!("h3"),
        "input" => local_name!("input"),
        "option" => local_name!("option"),
        "source" => local_name!("source"),
        "path" => local_name!("path"),
        "button" => local_name!("button"),
        "section" => local_name!("section"),
        "article" => local_name!("article"),
        "figure" => local_name!("figure"),
        "noscript" => local_name!("noscript"),
        "style" => local_name!("style"),
        "class" => local_name!("class"),
        "id" => local_name!("id"),
        "href" => local_name!("href"),
        "src" => local_name!("src"),
        "alt" => local_name!("alt"),
        "title" => local_name!("title"),
        "rel" => local_name!("rel"),
        "type" => local_name!("type"),
        "width" => local_name!("width"),
        "height" => local_name!("height"),
        "name" => local_name!("name"),
        "content" => local_name!("content"),
        "property" => local_name!("property"),
        "target" => local_name!("target"),
        "role" => local_name!("role"),
        "value" => local_name!("value"),
        "loading" => local_name!("loading"),
        "srcset" => local_name!("srcset"),
        "sizes" => local_name!("sizes"),
        "itemprop" => local_name!("itemprop"),
        "aria-hidden" => local_name!("aria-hidden"),
        "aria-label" => local_name!("aria-label"),
        _ => LocalName::from(name),
    }
}

struct Open {
    id: NodeId,
    name: LocalName,
    flags: u8,
}

/// A start or end tag as read from the source.
struct Tag<'a> {
    name: Cow<'a, str>,
    attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    end: bool,
}

enum Markup<'a> {
    /// Not markup: the `<` is text.
    Text,
    /// A comment, doctype or processing instruction, skipped.
    Skip(usize),
    Tag(Tag<'a>, usize),
    /// The input ends inside a tag or comment; the rest is dropped.
    Eof,
}

struct Builder<'a> {
    src: &'a str,
    doc: Html,
    html: NodeId,
    head: Option<NodeId>,
    body: Option<NodeId>,
    mode: Mode,
    stack: Vec<Open>,
    max_depth: usize,
    /// Open `p` elements on the stack: most pages have none open most of
    /// the time, and then no block start tag needs to search.
    open_p: usize,
    /// Dropped start tags whose end tags are still to come, by name.
    dropped: Vec<(LocalName, usize)>,
    flattened: usize,
    scratch: String,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, max_depth: usize) -> Self {
        let mut doc = Html::new_document();
        let html = doc
            .tree
            .root_mut()
            .append(element(LocalName::from("html"), Vec::new()))
            .id();
        Builder {
            src,
            doc,
            html,
            head: None,
            body: None,
            mode: Mode::BeforeHead,
            stack: Vec::new(),
            max_depth,
            open_p: 0,
            dropped: Vec::new(),
            flattened: 0,
            scratch: String::new(),
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut i = 0;
        let mut text_from = 0;
        while let Some(k) = memchr::memchr(b'<', &b[i..]) {
            let lt = i + k;
            match markup(src, lt) {
                Markup::Text => {
                    i = lt + 1;
                    continue;
                }
                Markup::Eof => {
                    self.text(&src[text_from..lt], true);
                    text_from = b.len();
                    break;
                }
                Markup::Skip(end) => {
                    self.text(&src[text_from..lt], true);
                    i = end;
                    text_from = end;
                }
                Markup::Tag(tag, end) => {
                    self.text(&src[text_from..lt], true);
                    i = end;
                    if tag.end {
                        self.end_tag(&tag.name);
                    } else if let Some((content, name)) = self.start_tag(tag) {
                        i = self.element_content(content, &name, end);
                    }
                    text_from = i;
                }
            }
            if i >= b.len() {
                break;
            }
        }
        if text_from < b.len() {
            self.text(&src[text_from..], true);
        }
    }

    /// Reads the content of a raw-text, RCDATA, skipped or plaintext
    /// element whose start tag ended at `from`; where the input goes on.
    fn element_content(&mut self, content: Content, name: &str, from: usize) -> usize {
        let src = self.src;
        let (text_end, resume) = match content {
            Content::Normal => return from,
            Content::Plaintext => (src.len(), src.len()),
            Content::Skipped => skip_subtree(src, name, from),
            _ => match find_end_tag(src, name, from) {
                Some((s, e)) => (s, e),
                None => (src.len(), src.len()),
            },
        };
        let text = &src[from..text_end];
        match content {
            Content::Rcdata => self.element_text(text, true),
            Content::RawKept | Content::Plaintext => self.element_text(text, false),
            _ => {}
        }
        // The element was pushed by `start_tag`; its end tag is consumed.
        if content != Content::Plaintext {
            if let Some(top) = self.stack.last() {
                if &*top.name == name {
                    self.pop();
                }
            }
        }
        resume
    }

    fn current(&self) -> NodeId {
        if let Some(o) = self.stack.last() {
            return o.id;
        }
        match self.mode {
            Mode::InBody => self.body.unwrap_or(self.html),
            Mode::InHead => self.head.unwrap_or(self.html),
            _ => self.html,
        }
    }

    fn ensure_head(&mut self) -> NodeId {
        if let Some(h) = self.head {
            return h;
        }
        let h = self.append_to(self.html, element(LocalName::from("head"), Vec::new()));
        self.head = Some(h);
        h
    }

    fn ensure_body(&mut self) {
        if self.mode == Mode::InBody {
            return;
        }
        self.open_body(Vec::new());
    }

    fn open_body(&mut self, attrs: Vec<Attribute>) {
        self.ensure_head();
        // Elements left open in the head (an unclosed `<title>` is read to
        // its end tag, so only odd markup) close with it.
        self.stack.clear();
        self.open_p = 0;
        let body = self.append_to(self.html, element(LocalName::from("body"), attrs));
        self.body = Some(body);
        self.mode = Mode::InBody;
    }

    fn append_to(&mut self, parent: NodeId, node: Node) -> NodeId {
        let mut p = self.doc.tree.get_mut(parent).expect("node of this tree");
        p.append(node).id()
    }

    /// Appends text to the current node, merged with a text node just
    /// before it; `decode` resolves character references.
    fn text(&mut self, s: &str, decode: bool) {
        if s.is_empty() {
            return;
        }
        if self.mode != Mode::InBody {
            if s.bytes().all(is_space) {
                return;
            }
            self.ensure_body();
        }
        self.element_text(s, decode);
    }

    /// Appends text to the current node whatever the insertion mode (the
    /// content of a `<title>` in the head).
    fn element_text(&mut self, s: &str, decode: bool) {
        let needs_work = (decode && s.as_bytes().contains(&b'&')) || s.as_bytes().contains(&b'\r');
        if !needs_work {
            self.push_text(s);
            return;
        }
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        if decode {
            decode_refs(s, false, &mut out);
        } else {
            out.push_str(s);
        }
        if out.contains('\r') {
            out = out.replace("\r\n", "\n").replace('\r', "\n");
        }
        self.push_text(&out);
        self.scratch = out;
    }

    fn push_text(&mut self, s: &str) {
        let parent = self.current();
        let mut p = self.doc.tree.get_mut(parent).expect("node of this tree");
        if let Some(mut last) = p.last_child() {
            if let Node::Text(t) = last.value() {
                t.text.push_slice(s);
                return;
            }
        }
        p.append(Node::Text(Text {
            text: StrTendril::from_slice(s),
        }));
    }

    fn attributes(&self, tag: &Tag<'_>) -> Vec<Attribute> {
        let mut out: Vec<Attribute> = Vec::with_capacity(tag.attrs.len());
        for (name, value) in &tag.attrs {
            let name = atom(name);
            if out.iter().any(|a| a.name.local == name) {
                continue;
            }
            let value = if value.contains('&') {
                let mut v = String::with_capacity(value.len());
                decode_refs(value, true, &mut v);
                StrTendril::from(v)
            } else {
                StrTendril::from_slice(value)
            };
            out.push(Attribute {
                name: QualName::new(None, ns!(), name),
                value,
            });
        }
        out
    }

    /// Adds the attributes a repeated `<html>` or `<body>` tag carries to
    /// the element, as browsers do, without replacing any.
    fn merge_attrs(&mut self, id: NodeId, attrs: Vec<Attribute>) {
        let mut n = self.doc.tree.get_mut(id).expect("node of this tree");
        if let Node::Element(e) = n.value() {
            let mut all: Vec<Attribute> = e
                .attrs()
                .map(|(k, v)| Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(k)),
                    value: StrTendril::from_slice(v),
                })
                .collect();
            let before = all.len();
            for a in attrs {
                if !all.iter().any(|b| b.name.local == a.name.local) {
                    all.push(a);
                }
            }
            if all.len() > before {
                *e = Element::new(e.name.clone(), all);
            }
        }
    }

    /// Handles a start tag; for an element whose content is not ordinary
    /// markup, says how to read it.
    fn start_tag(&mut self, tag: Tag<'_>) -> Option<(Content, LocalName)> {
        let name_str: &str = &tag.name;
        match name_str {
            "html" => {
                let attrs = self.attributes(&tag);
                self.merge_attrs(self.html, attrs);
                return None;
            }
            "body" => {
                let attrs = self.attributes(&tag);
                match self.body {
                    Some(b) => self.merge_attrs(b, attrs),
                    None => self.open_body(attrs),
                }
                return None;
            }
            "head" => {
                if self.mode == Mode::BeforeHead && self.head.is_none() {
                    let attrs = self.attributes(&tag);
                    let h = self.append_to(self.html, element(LocalName::from("head"), attrs));
                    self.head = Some(h);
                    self.mode = Mode::InHead;
                }
                return None;
            }
            "frameset" | "frame" => return None,
            _ => {}
        }
        if self.mode != Mode::InBody {
            if in_head(name_str) {
                let head = self.ensure_head();
                if self.mode == Mode::BeforeHead {
                    self.mode = Mode::InHead;
                }
                // Head elements go into the head even after `</head>`.
                if self.stack.is_empty() || self.mode == Mode::AfterHead {
                    return self.insert(tag, Some(head));
                }
                return self.insert(tag, None);
            }
            self.ensure_body();
        }
        // At the depth bound everything new is flattened into the deepest
        // element, before any implied end tag could make room: otherwise
        // thousands of nested list items would each close the one before
        // and come out as siblings indented hundreds of levels deep.
        if self.stack.len() + 2 < self.max_depth {
            self.close_implied(name_str);
        }
        self.insert(tag, None)
    }

    /// Creates the element under `parent` (or the current node) and opens
    /// it unless it is void.
    fn insert(&mut self, tag: Tag<'_>, parent: Option<NodeId>) -> Option<(Content, LocalName)> {
        let name_str: &str = if tag.name == "image" {
            "img"
        } else {
            &tag.name
        };
        let content = content_of(name_str);
        let void = VOID.contains(&name_str);
        let depth = self.stack.len() + 2;
        if !void && depth >= self.max_depth && content == Content::Normal {
            self.flattened += 1;
            let name = atom(name_str);
            match self.dropped.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => self.dropped.push((name, 1)),
            }
            return None;
        }
        let name = atom(name_str);
        let attrs = self.attributes(&tag);
        let parent = parent.unwrap_or_else(|| self.current());
        let id = self.append_to(parent, element(name.clone(), attrs));
        if void {
            return None;
        }
        let flags = flags(name_str);
        if &*name == "p" {
            self.open_p += 1;
        }
        self.stack.push(Open {
            id,
            name: name.clone(),
            flags,
        });
        (content != Content::Normal).then_some((content, name))
    }

    fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            if &*o.name == "p" {
                self.open_p -= 1;
            }
        }
    }

    /// Closes the element at `idx` of the stack and everything inside it.
    fn close_from(&mut self, idx: usize) {
        while self.stack.len() > idx {
            self.pop();
        }
    }

    /// The nearest open element `target` accepts, looking down the stack
    /// until an element `stop` accepts.
    fn find(&self, target: impl Fn(&str) -> bool, stop: impl Fn(&Open) -> bool) -> Option<usize> {
        for (k, o) in self.stack.iter().enumerate().rev().take(LOOKBACK) {
            if target(&o.name) {
                return Some(k);
            }
            if stop(o) {
                return None;
            }
        }
        None
    }

    /// The end tags a start tag implies: a block closes an open paragraph,
    /// a list item the previous item, a cell the previous cell.
    fn close_implied(&mut self, name: &str) {
        if self.open_p > 0 && closes_p(name) {
            if let Some(k) = self.find(|n| n == "p", |o| o.flags & BUTTON_SCOPE != 0) {
                self.close_from(k);
            }
        }
        let found = match name {
            "li" => self.find(|n| n == "li", |o| o.flags & LIST_STOP != 0),
            "dd" | "dt" => self.find(|n| n == "dd" || n == "dt", |o| o.flags & LIST_STOP != 0),
            "tr" => self.find(|n| n == "tr", |o| &*o.name == "table"),
            "td" | "th" => self.find(
                |n| n == "td" || n == "th",
                |o| matches!(&*o.name, "tr" | "table"),
            ),
            "tbody" | "thead" | "tfoot" => self.find(
                |n| matches!(n, "tbody" | "thead" | "tfoot"),
                |o| &*o.name == "table",
            ),
            "option" | "optgroup" => {
                let targets: fn(&str) -> bool = if name == "option" {
                    |n| n == "option"
                } else {
                    |n| n == "option" || n == "optgroup"
                };
                self.stack
                    .last()
                    .filter(|o| targets(&o.name))
                    .map(|_| self.stack.len() - 1)
            }
            "a" => self.find(|n| n == "a", |o| o.flags & SCOPE != 0),
            "button" => self.find(|n| n == "button", |o| o.flags & SCOPE != 0),
            n if is_heading(n) => self
                .stack
                .last()
                .filter(|o| is_heading(&o.name))
                .map(|_| self.stack.len() - 1),
            _ => None,
        };
        if let Some(k) = found {
            self.close_from(k);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if self.mode != Mode::InBody {
            match name {
                "head" => {
                    if self.mode == Mode::InHead {
                        self.stack.clear();
                        self.mode = Mode::AfterHead;
                    }
                    return;
                }
                "body" | "html" | "br" | "p" => self.ensure_body(),
                _ if self.stack.is_empty() => return,
                _ => {}
            }
        }
        match name {
            "body" | "html" => return,
            "br" => {
                let parent = self.current();
                self.append_to(parent, element(LocalName::from("br"), Vec::new()));
                return;
            }
            _ => {}
        }
        if let Some(pos) = self.dropped.iter().position(|(n, _)| &**n == name) {
            // Dropped elements were all opened above the deepest kept one,
            // so the nearest open element of this name is a dropped one.
            self.dropped[pos].1 -= 1;
            if self.dropped[pos].1 == 0 {
                self.dropped.swap_remove(pos);
            }
            return;
        }
        let f = flags(name);
        let found = if name == "p" {
            let k = self.find(|n| n == "p", |o| o.flags & BUTTON_SCOPE != 0);
            if k.is_none() && self.mode == Mode::InBody {
                // `</p>` without a paragraph makes an empty one (a break).
                let parent = self.current();
                self.append_to(parent, element(LocalName::from("p"), Vec::new()));
            }
            k
        } else if name == "li" {
            self.find(
                |n| n == "li",
                |o| o.flags & SCOPE != 0 || matches!(&*o.name, "ul" | "ol"),
            )
        } else if is_heading(name) {
            self.find(is_heading, |o| o.flags & SCOPE != 0)
        } else if f & (SPECIAL | FORMATTING) != 0 {
            self.find(|n| n == name, |o| o.flags & SCOPE != 0)
        } else {
            self.find(|n| n == name, |o| o.flags & SPECIAL != 0)
        };
        if let Some(k) = found {
            self.close_from(k);
        }
    }
}

/// An element's attribute value. `scraper::node::Element::attr` interns the
/// name (a hash and a table lookup) and binary-searches by atom on every
/// call; the cleaner asks every element for `class`, `id`, `href` and more,
/// so a plain scan of the few attributes an element has is much cheaper.
pub fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|(k, _)| &*k.local == name)
        .map(|(_, v)| &**v)
}

fn element(name: LocalName, attrs: Vec<Attribute>) -> Node {
    Node::Element(Element::new(QualName::new(None, ns!(html), name), attrs))
}

/// Reads the markup starting at the `<` at `lt`.
fn markup(src: &str, lt: usize) -> Markup<'_> {
    let b = src.as_bytes();
    let Some(&next) = b.get(lt + 1) else {
        return Markup::Text;
    };
    match next {
        b'!' => {
            if b[lt + 2..].starts_with(b"--") {
                let from = lt + 4;
                // `<!-->` and `<!--->` are complete, empty comments.
                if b[from..].starts_with(b">") {
                    return Markup::Skip(from + 1);
                }
                if b[from..].starts_with(b"->") {
                    return Markup::Skip(from + 2);
                }
                return match memchr::memmem::find(&b[from..], b"-->") {
                    Some(k) => Markup::Skip(from + k + 3),
                    None => match memchr::memmem::find(&b[from..], b"--!>") {
                        Some(k) => Markup::Skip(from + k + 4),
                        None => Markup::Eof,
                    },
                };
            }
            skip_to_gt(b, lt + 2)
        }
        b'?' => skip_to_gt(b, lt + 2),
        b'/' => match b.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => read_tag(src, lt + 2, true),
            Some(b'>') => Markup::Skip(lt + 3),
            Some(_) => skip_to_gt(b, lt + 2),
            None => Markup::Text,
        },
        c if c.is_ascii_alphabetic() => read_tag(src, lt + 1, false),
        _ => Markup::Text,
    }
}

fn skip_to_gt(b: &[u8], from: usize) -> Markup<'static> {
    match memchr::memchr(b'>', &b[from.min(b.len())..]) {
        Some(k) => Markup::Skip(from + k + 1),
        None => Markup::Eof,
    }
}

/// Reads a tag whose name starts at `at`.
fn read_tag(src: &str, at: usize, end: bool) -> Markup<'_> {
    let b = src.as_bytes();
    let mut i = at;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    if i >= b.len() {
        return Markup::Eof;
    }
    let name = lower(&src[at..i]);
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return Markup::Eof,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(_) => {}
        }
        let name_from = i;
        // A name may start with `=`; it ends at space, `/`, `>` or `=`.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = &src[name_from..i];
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                None => return Markup::Eof,
                Some(&q) if q == b'"' || q == b'\'' => {
                    let Some(k) = memchr::memchr(q, &b[i + 1..]) else {
                        return Markup::Eof;
                    };
                    value = &src[i + 1..i + 1 + k];
                    i += k + 2;
                }
                Some(_) => {
                    let from = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &src[from..i];
                }
            }
        }
        if !end {
            attrs.push((lower(attr_name), Cow::Borrowed(value)));
        }
    }
    Markup::Tag(Tag { name, attrs, end }, i)
}

/// Whether `b[at..]` starts with `</name` (any case) followed by a byte
/// that ends a tag name.
fn end_tag_at(b: &[u8], at: usize, name: &str) -> bool {
    let n = name.len();
    b.len() > at + 1 + n
        && b[at + 1] == b'/'
        && b[at + 2..at + 2 + n].eq_ignore_ascii_case(name.as_bytes())
        && b.get(at + 2 + n)
            .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
}

/// Where the raw text of a `name` element ends (the `<` of its end tag)
/// and where the input goes on after that end tag.
fn find_end_tag(src: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    let b = src.as_bytes();
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + k;
        if end_tag_at(b, lt, name) {
            let after = match memchr::memchr(b'>', &b[lt..]) {
                Some(g) => lt + g + 1,
                None => b.len(),
            };
            return Some((lt, after));
        }
        i = lt + 1;
    }
    None
}

/// Skips the content of an SVG, MathML or template element, counting its
/// own nested start and end tags; returns (content end, resume).
fn skip_subtree(src: &str, name: &str, from: usize) -> (usize, usize) {
    let b = src.as_bytes();
    let n = name.len();
    let mut depth = 1usize;
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + k;
        if end_tag_at(b, lt, name) {
            depth -= 1;
            if depth == 0 {
                let after = match memchr::memchr(b'>', &b[lt..]) {
                    Some(g) => lt + g + 1,
                    None => b.len(),
                };
                return (lt, after);
            }
        } else if b.len() > lt + n
            && b[lt + 1..lt + 1 + n].eq_ignore_ascii_case(name.as_bytes())
            && b.get(lt + 1 + n)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            // `<svg ... />` opens nothing.
            let self_closing =
                memchr::memchr(b'>', &b[lt..]).is_some_and(|g| g > 0 && b[lt + g - 1] == b'/');
            if !self_closing {
                depth += 1;
            }
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}

/// Windows-1252 meanings of the C1 range in numeric references, as HTML
/// defines them (`&#150;` is an en dash).
const C1: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

fn numeric_char(n: u32) -> char {
    match n {
        0 => '\u{FFFD}',
        0x80..=0x9F => char::from_u32(C1[(n - 0x80) as usize]).unwrap_or('\u{FFFD}'),
        _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
    }
}

/// Appends `s` to `out` with its character references resolved. In an
/// attribute value a legacy reference without `;` followed by a letter,
/// digit or `=` stays as it is (`?a=1&copy=2` is a URL, not `©=2`).
pub fn decode_refs(s: &str, in_attr: bool, out: &mut String) {
    let b = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'&', &b[i..]) {
        let amp = i + k;
        i = amp + 1;
        let Some((ch, end)) = reference(s, amp, in_attr) else {
            continue;
        };
        out.push_str(&s[done..amp]);
        out.extend(&ch.0[..ch.1]);
        done = end;
        i = end;
    }
    out.push_str(&s[done..]);
}

/// One or two characters a reference stands for.
struct Chars([char; 2], usize);

fn reference(s: &str, amp: usize, in_attr: bool) -> Option<(Chars, usize)> {
    let b = s.as_bytes();
    let mut i = amp + 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        let hex = matches!(b.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let from = i;
        let mut n: u32 = 0;
        while let Some(&c) = b.get(i) {
            let d = if hex {
                (c as char).to_digit(16)
            } else {
                (c as char).to_digit(10)
            };
            let Some(d) = d else { break };
            n = n
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == from {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((Chars([numeric_char(n), '\0'], 1), i));
    }
    let from = i;
    while i < b.len() && i - from < 40 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == from {
        return None;
    }
    let name = &s[from..i];
    let entities = &html5ever::data::NAMED_ENTITIES;
    if b.get(i) == Some(&b';') {
        // The names are ASCII and at most 40 bytes: no allocation.
        let mut key = [0u8; 41];
        key[..name.len()].copy_from_slice(name.as_bytes());
        key[name.len()] = b';';
        let key = std::str::from_utf8(&key[..=name.len()]).unwrap_or("");
        if let Some(&(c1, c2)) = entities.get(key).filter(|e| e.0 != 0) {
            return Some((chars(c1, c2), i + 1));
        }
    }
    // Legacy references without `;`: the longest known prefix.
    for len in (2..=name.len().min(6)).rev() {
        // The table also lists every prefix of a name, as (0, 0).
        if let Some(&(c1, c2)) = entities.get(&name[..len]).filter(|e| e.0 != 0) {
            let end = from + len;
            if in_attr
                && b.get(end)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=')
            {
                return None;
            }
            return Some((chars(c1, c2), end));
        }
    }
    None
}

fn chars(c1: u32, c2: u32) -> Chars {
    let a = char::from_u32(c1).unwrap_or('\u{FFFD}');
    match char::from_u32(c2).filter(|_| c2 != 0) {
        Some(c) => Chars([a, c], 2),
        None => Chars([a, '\0'], 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    fn doc(src: &str) -> Html {
        parse_html(src).doc
    }

    fn sel(s: &str) -> Selector {
        Selector::parse(s).expect("test selector")
    }

    fn texts(d: &Html, s: &str) -> Vec<String> {
        d.select(&sel(s))
            .map(|e| e.text().collect::<String>())
            .collect()
    }

    fn first<'a>(d: &'a Html, s: &str) -> scraper::ElementRef<'a> {
        d.select(&sel(s)).next().expect("element present")
    }

    #[test]
    fn builds_html_head_and_body() {
        let d = doc("<!doctype html><html lang=en><head><title>T &amp; U</title><meta name=description content=\"D\"></head><body class=x><p>Hi</p></body></html>");
        assert_eq!(texts(&d, "head > title"), ["T & U"]);
        assert_eq!(texts(&d, "body > p"), ["Hi"]);
        let html = first(&d, "html");
        assert_eq!(html.value().attr("lang"), Some("en"));
        let body = first(&d, "body");
        assert_eq!(body.value().attr("class"), Some("x"));
    }

    #[test]
    fn a_fragment_without_html_or_body_lands_in_the_body() {
        let d = doc("<h2>Fix 1</h2>\n<ol><li>Open Settings</li></ol>");
        assert_eq!(texts(&d, "body > h2"), ["Fix 1"]);
        assert_eq!(texts(&d, "body > ol > li"), ["Open Settings"]);
    }

    #[test]
    fn implied_end_tags_close_paragraphs_items_and_cells() {
        let d =
            doc("<p>one<div>two</div><ul><li>a<li>b</ul><table><tr><td>x<td>y<tr><td>z</table>");
        assert_eq!(texts(&d, "body > p"), ["one"]);
        assert_eq!(texts(&d, "body > div"), ["two"]);
        assert_eq!(texts(&d, "ul > li"), ["a", "b"]);
        assert_eq!(texts(&d, "tr > td"), ["x", "y", "z"]);
        assert_eq!(texts(&d, "table tr").len(), 2);
    }

    #[test]
    fn nested_lists_stay_nested() {
        let d = doc("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>");
        assert_eq!(texts(&d, "body > ul > li").len(), 2);
        assert_eq!(texts(&d, "li li"), ["b"]);
    }

    #[test]
    fn stray_end_tags_are_ignored_and_text_kept() {
        let d = doc("<div><span>a</div>b</span></em><p>c</p></div>");
        let all: String = d.root_element().text().collect();
        assert_eq!(all, "abc");
        // `</div>` closed the span too; "b" follows the div.
        assert_eq!(texts(&d, "body > div"), ["a"]);
    }

    #[test]
    fn end_p_without_a_paragraph_makes_a_break() {
        let d = doc("<div>a</p>b</div>");
        assert_eq!(texts(&d, "div > p").len(), 1);
    }

    #[test]
    fn character_references_are_decoded() {
        let d =
            doc("<p>a &amp; b &lt;x&gt; &#169; &#x1F600; &copy &notit; &bogus; &#150; &nbsp;</p>");
        assert_eq!(texts(&d, "p"), ["a & b <x> © 😀 © ¬it; &bogus; – \u{a0}"]);
    }

    #[test]
    fn attribute_values_keep_url_ampersands() {
        let d = doc("<a href=\"/x?a=1&copy=2&amp;b=3\" title='it&apos;s'>l</a>");
        let a = first(&d, "a");
        assert_eq!(a.value().attr("href"), Some("/x?a=1&copy=2&b=3"));
        assert_eq!(a.value().attr("title"), Some("it's"));
    }

    #[test]
    fn quoted_attributes_may_hold_angle_brackets() {
        let d = doc("<div data-x=\"a > b <p>\" class=Box><p>in</p></div>");
        let div = first(&d, "div.Box");
        assert_eq!(div.value().attr("data-x"), Some("a > b <p>"));
        assert_eq!(texts(&d, "div > p"), ["in"]);
    }

    #[test]
    fn upper_case_tags_and_attributes_are_lower_cased() {
        let d = doc("<DIV CLASS=\"ad\"><P>x</P></DIV>");
        assert_eq!(texts(&d, "div.ad > p"), ["x"]);
    }

    #[test]
    fn script_style_svg_and_comments_leave_no_text() {
        let d = doc("<p>a<script>if (a < b) { x = '</p>'; }</script>b<style>p{}</style><!-- c <p> --><svg><svg></svg><text>d</text></svg>e</p><template><p>f</p></template>");
        assert_eq!(texts(&d, "p"), ["abe"]);
        assert_eq!(d.select(&sel("script")).count(), 1);
    }

    #[test]
    fn title_and_textarea_keep_their_text_literally() {
        let d = doc("<title>a <b> &amp;</title><textarea><p>x</p></textarea>");
        assert_eq!(texts(&d, "title"), ["a <b> &"]);
        assert_eq!(texts(&d, "textarea"), ["<p>x</p>"]);
    }

    #[test]
    fn lone_angle_brackets_are_text() {
        let d = doc("<p>1 < 2 and 3 <> 4 <3 </ p> ok</p>");
        assert_eq!(texts(&d, "p"), ["1 < 2 and 3 <> 4 <3  ok"]);
    }

    #[test]
    fn truncated_input_keeps_the_text_before_the_cut() {
        for src in [
            "<p>kept</p><div class=\"x",
            "<p>kept</p><!-- open",
            "<p>kept</p><scr",
            "<p>kept<script>x",
        ] {
            let d = doc(src);
            assert_eq!(texts(&d, "p"), ["kept"], "{src}");
        }
    }

    #[test]
    fn carriage_returns_become_newlines() {
        let d = doc("<pre>a\r\nb\rc</pre>");
        assert_eq!(texts(&d, "pre"), ["a\nb\nc"]);
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let src = format!(
            "{}deep text{}",
            "<div>".repeat(2_000),
            "</div>".repeat(2_000)
        );
        let p = parse_html(&src);
        assert!(p.flattened > 1_000, "{}", p.flattened);
        assert!(p.warning().expect("warned").contains("nested deeper than"));
        let all: String = p.doc.root_element().text().collect();
        assert_eq!(all, "deep text");
        let depth = p
            .doc
            .tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .expect("nodes");
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
    }

    #[test]
    fn end_tags_of_flattened_elements_do_not_close_kept_ones() {
        let src = "<div class=a><div class=b><div class=c>x</div>y</div>z</div>w";
        let p = parse_html_with(src, 4);
        assert_eq!(p.flattened, 1);
        let d = &p.doc;
        assert_eq!(texts(d, "div.a"), ["xyz"]);
        assert_eq!(texts(d, "div.b"), ["xy"]);
    }

    #[test]
    fn head_elements_before_the_body_go_to_the_head() {
        let d = doc("<meta charset=utf-8><title>T</title><link rel=canonical href=/c>\n<h1>H</h1><meta name=x content=y>");
        assert_eq!(texts(&d, "head > title"), ["T"]);
        assert_eq!(d.select(&sel("head > link")).count(), 1);
        assert_eq!(texts(&d, "body > h1"), ["H"]);
        assert_eq!(d.select(&sel("body > meta")).count(), 1);
    }

    #[test]
    fn attr_finds_values_by_name() {
        let d = doc("<div id=a class=\"b c\" data-x=1>t</div>");
        let e = first(&d, "div");
        assert_eq!(attr(e.value(), "class"), Some("b c"));
        assert_eq!(attr(e.value(), "data-x"), Some("1"));
        assert_eq!(attr(e.value(), "href"), None);
    }

    #[test]
    fn a_link_inside_a_link_closes_the_first() {
        let d = doc("<a href=1>one<a href=2>two</a>");
        assert_eq!(texts(&d, "body > a"), ["one", "two"]);
    }
}
