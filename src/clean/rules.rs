//! Cleaning rules as data, compiled once per run.
//!
//! The built-in tables live in `builtin.rules` (one `KIND VALUE` per line);
//! users add their own with `--rules FILE` in the same format, without
//! recompiling. Everything here is compiled into a [`Rules`] value before the
//! first document is read, so the per-document loop only matches.

use crate::error::RunError;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use html5ever::{local_name, ns};
use regex::{Regex, RegexSet};
use scraper::Selector;
// Rule tables are looked up for every link and comment: FxHash, not SipHash
// (the keys come from the rule files, not from the pages).
use rustc_hash::FxHashSet as HashSet;
use std::path::Path;
use std::sync::LazyLock;

const BUILTIN: &str = include_str!("builtin.rules");

/// A token rule: an exact class/id token, a prefix when written `TOKEN*`,
/// a suffix when written `*TOKEN`, a part of the token when written
/// `*TOKEN*` (BEM and plugin classes such as `post__related-list` or
/// `hst-resgallery` carry the telling word in the middle).
#[derive(Debug, Clone, Default)]
struct TokenSet {
    exact: HashSet<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    parts: Vec<String>,
    /// Cheap rejection for `exact`: bit `b % 64` of the first byte and bit
    /// `len % 64` of the length of every exact token.
    exact_first: u64,
    exact_len: u64,
    /// Bit `b % 64` of the first byte of every prefix (and of the last byte
    /// of every suffix); an empty prefix or suffix sets every bit.
    prefix_first: u64,
    suffix_last: u64,
}

/// Bit for a byte in a 64-bit filter.
fn bit(b: u8) -> u64 {
    1 << (b % 64)
}

impl TokenSet {
    fn add(&mut self, t: &str) {
        let t = t.to_ascii_lowercase();
        match (t.strip_prefix('*'), t.strip_suffix('*')) {
            (Some(rest), Some(_)) if rest.len() > 1 => {
                self.parts.push(rest[..rest.len() - 1].to_string());
            }
            (Some(rest), None) => {
                self.suffix_last |= rest.bytes().last().map_or(u64::MAX, bit);
                self.suffixes.push(rest.to_string());
            }
            (None, Some(p)) => {
                self.prefix_first |= p.bytes().next().map_or(u64::MAX, bit);
                self.prefixes.push(p.to_string());
            }
            _ => {
                self.exact_first |= t.bytes().next().map_or(u64::MAX, bit);
                self.exact_len |= 1 << (t.len() % 64);
                self.exact.insert(t);
            }
        }
    }

    /// Whether the set matches `tok`, already lower-cased (ASCII).
    fn matches(&self, tok: &str) -> bool {
        let b = tok.as_bytes();
        let first = b.first().map_or(u64::MAX, |&c| bit(c));
        let last = b.last().map_or(u64::MAX, |&c| bit(c));
        (self.exact_first & first != 0
            && self.exact_len & (1 << (tok.len() % 64)) != 0
            && self.exact.contains(tok))
            || (self.prefix_first & first != 0
                && self.prefixes.iter().any(|p| tok.starts_with(p.as_str())))
            || (self.suffix_last & last != 0
                && self.suffixes.iter().any(|p| tok.ends_with(p.as_str())))
            || self.parts.iter().any(|p| contains_bytes(b, p.as_bytes()))
    }

    /// Every rule as a pattern over a token list written as
    /// `SEP tok SEP tok ... SEP` (see [`NameMatcher`]): an exact token between
    /// two separators, a prefix after one, a suffix before one, a part
    /// anywhere.
    fn patterns(&self) -> Vec<Vec<u8>> {
        let sep = |a: &[u8], b: &[u8], c: &[u8]| [a, b, c].concat();
        let mut exact: Vec<&String> = self.exact.iter().collect();
        exact.sort();
        let mut out = Vec::new();
        out.extend(exact.iter().map(|t| sep(&[SEP], t.as_bytes(), &[SEP])));
        out.extend(self.prefixes.iter().map(|p| sep(&[SEP], p.as_bytes(), &[])));
        out.extend(self.suffixes.iter().map(|p| sep(&[], p.as_bytes(), &[SEP])));
        out.extend(self.parts.iter().map(|p| p.as_bytes().to_vec()));
        out
    }

    /// The first token of `tokens` that the set matches.
    fn find<'a>(&self, tokens: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        let mut buf = String::new();
        for tok in tokens {
            buf.clear();
            buf.push_str(tok);
            buf.make_ascii_lowercase();
            if self.matches(&buf) {
                return Some(tok);
            }
        }
        None
    }
}

/// The byte that separates tokens for [`NameMatcher`]: it never occurs in
/// UTF-8 text, so no token can contain it.
const SEP: u8 = 0xFF;

/// Which token sets an element's class and id tokens match, from one scan.
/// `chrome` is the chrome set alone, before the content veto that
/// [`Rules::chrome_token`] applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Names {
    pub content: bool,
    pub chrome: bool,
    pub ad: bool,
}

impl Names {
    /// Whether [`Rules::chrome_token`] finds a token.
    pub fn is_chrome(self) -> bool {
        self.chrome && !self.content
    }
}

/// What [`Rules::names_cached`] remembers about one page.
#[derive(Debug, Default)]
pub struct NamesCache<'a> {
    by_class: rustc_hash::FxHashMap<&'a str, Names>,
}

/// The content, chrome and ad token sets as one Aho-Corasick automaton.
///
/// Judging an element by its class and id was the hottest part of cleaning
/// a rendered page: every element was asked the same three questions by
/// the content finder and again by the walk, each time copying and
/// lower-casing every token and trying every prefix, suffix and part rule
/// on it. Here the tokens stream once through a DFA (ASCII
/// case-insensitive, as the rules are ASCII-lower-cased), separated by
/// [`SEP`], and every rule is a pattern that can only match inside one
/// token or exactly at its ends; the sets that match are the answer.
#[derive(Debug, Clone)]
struct NameMatcher {
    dfa: DFA,
    /// The [`Names`] bit of each pattern: 1 content, 2 chrome, 4 ad.
    sets: Vec<u8>,
}

impl NameMatcher {
    fn new(content: &TokenSet, chrome: &TokenSet, ad: &TokenSet) -> Option<NameMatcher> {
        let mut patterns = Vec::new();
        let mut sets = Vec::new();
        for (set, bit) in [(content, 1u8), (chrome, 2), (ad, 4)] {
            let p = set.patterns();
            sets.extend(std::iter::repeat_n(bit, p.len()));
            patterns.extend(p);
        }
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok()?;
        Some(NameMatcher { dfa, sets })
    }

    /// The sets that match any of `class`'s whitespace-separated tokens or
    /// `id` (one token, spaces and all), or `None` when the automaton
    /// cannot say (it always can with unanchored searches).
    ///
    /// Runs of separators are harmless: an empty token matches no rule
    /// (every pattern has a byte that is not [`SEP`]), so whitespace
    /// bytes simply become separators.
    fn names(&self, class: Option<&str>, id: Option<&str>) -> Option<Names> {
        let mut sid = self.dfa.start_state(Anchored::No).ok()?;
        let mut bits = 0u8;
        sid = self.step(sid, SEP, &mut bits);
        if let Some(class) = class {
            if class.is_ascii() {
                // `split_whitespace` on ASCII: these six bytes separate.
                for b in class.bytes() {
                    let ws = matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
                    sid = self.step(sid, if ws { SEP } else { b }, &mut bits);
                }
                sid = self.step(sid, SEP, &mut bits);
            } else {
                for tok in class.split_whitespace() {
                    for b in tok.bytes() {
                        sid = self.step(sid, b, &mut bits);
                    }
                    sid = self.step(sid, SEP, &mut bits);
                }
            }
        }
        if let Some(id) = id {
            for b in id.bytes() {
                sid = self.step(sid, b, &mut bits);
            }
            self.step(sid, SEP, &mut bits);
        }
        Some(Names {
            content: bits & 1 != 0,
            chrome: bits & 2 != 0,
            ad: bits & 4 != 0,
        })
    }

    /// One byte through the DFA, noting the sets of the patterns that end
    /// there.
    #[inline(always)]
    fn step(&self, sid: StateID, b: u8, bits: &mut u8) -> StateID {
        let sid = self.dfa.next_state(Anchored::No, sid, b);
        if self.dfa.is_match(sid) {
            self.note(sid, bits);
        }
        sid
    }

    #[cold]
    fn note(&self, sid: StateID, bits: &mut u8) {
        for i in 0..self.dfa.match_len(sid) {
            let p = self.dfa.match_pattern(sid, i).as_usize();
            *bits |= self.sets.get(p).copied().unwrap_or(0);
        }
    }
}

/// An element's `class` and `id` attributes, in one pass over its
/// attributes: `Element::attr` interns the name and binary-searches, which
/// costs more than looking at the two or three attributes an element has.
/// Like `attr`, only attributes outside any namespace count (html5ever
/// keeps one attribute per name).
pub fn class_and_id_attrs(el: &scraper::node::Element) -> (Option<&str>, Option<&str>) {
    let mut class = None;
    let mut id = None;
    for (q, value) in el.attrs.iter() {
        // Atoms compare as one integer (equal names are equal atoms), where
        // reading an atom's text costs a table look-up or an unpacking.
        if q.ns != ns!() {
            continue;
        }
        if q.local == local_name!("class") {
            class = Some(&**value);
        } else if q.local == local_name!("id") {
            id = Some(&**value);
        }
    }
    (class, id)
}

/// `Element::attr` without interning `name`: the value of the attribute
/// `name` outside any namespace (an SVG or MathML `xlink:href` is not
/// `href`).
pub fn attr<'a>(el: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|(q, _)| &*q.local == name && (*q.ns).is_empty())
        .map(|(_, v)| &**v)
}

/// [`attr`] for a name known as an atom: atoms compare as one integer,
/// where reading each attribute's name as text costs a table look-up.
pub fn attr_named<'a>(
    el: &'a scraper::node::Element,
    name: &html5ever::LocalName,
) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|(q, _)| q.local == *name && q.ns == ns!())
        .map(|(_, v)| &**v)
}

/// `str::contains` for short haystacks (class tokens) without setting up a
/// substring searcher per call.
fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    match needle.split_first() {
        None => true,
        Some((&first, rest)) => {
            hay.len() >= needle.len()
                && hay[..=hay.len() - needle.len()]
                    .iter()
                    .enumerate()
                    .any(|(i, &c)| c == first && hay[i + 1..].starts_with(rest))
        }
    }
}

/// What an element must have for an ad selector to match it, read from
/// the selector's text when it is a single compound selector; anything
/// else is `Always` tried.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SelectorKey {
    /// `ins.adsbygoogle`, `amp-ad`: the element's name.
    Tag(String),
    /// `[data-ad-slot]`, `[id^="div-gpt-ad"]`: an attribute of that name.
    Attr(String),
    Always,
}

impl SelectorKey {
    fn of(src: &str) -> SelectorKey {
        static TAG: LazyLock<Option<Regex>> =
            LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9-]*)(?:\.[A-Za-z0-9_-]+)*$").ok());
        static ATTR: LazyLock<Option<Regex>> = LazyLock::new(|| {
            Regex::new(
                r#"^\[\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:[~|^$*]?=\s*(?:"[^"\]]*"|'[^'\]]*'|[A-Za-z0-9_-]+)\s*(?:[iIsS]\s*)?)?\]$"#,
            )
            .ok()
        });
        let src = src.trim();
        if let Some(c) = TAG.as_ref().and_then(|r| r.captures(src)) {
            return SelectorKey::Tag(c[1].to_ascii_lowercase());
        }
        if let Some(c) = ATTR.as_ref().and_then(|r| r.captures(src)) {
            return SelectorKey::Attr(c[1].to_ascii_lowercase());
        }
        SelectorKey::Always
    }

    /// Whether a selector with this key can match `el`.
    fn may_match(&self, el: &scraper::node::Element) -> bool {
        match self {
            SelectorKey::Tag(t) => el.name().eq_ignore_ascii_case(t),
            SelectorKey::Attr(a) => el.attrs().any(|(n, _)| n.eq_ignore_ascii_case(a)),
            SelectorKey::Always => true,
        }
    }
}

/// The keys of the ad selectors, gathered; see [`Rules::ad_element_named`].
#[derive(Debug, Clone, Default)]
struct AdPrefilter {
    tags: Vec<String>,
    attrs: Vec<String>,
    /// [`len_bit`] of every entry of `attrs`.
    attr_lens: u64,
    always: bool,
}

impl AdPrefilter {
    fn new<'a>(keys: impl Iterator<Item = &'a SelectorKey>) -> AdPrefilter {
        let mut p = AdPrefilter::default();
        for key in keys {
            match key {
                SelectorKey::Tag(t) => p.tags.push(t.clone()),
                SelectorKey::Attr(a) => {
                    p.attr_lens |= len_bit(a.len());
                    p.attrs.push(a.clone());
                }
                SelectorKey::Always => p.always = true,
            }
        }
        p
    }

    /// Whether some ad selector's key admits `el` (as
    /// [`SelectorKey::may_match`] says).
    fn may_match(&self, el: &scraper::node::Element) -> bool {
        if self.always {
            return true;
        }
        let name = el.name();
        self.tags.iter().any(|t| name.eq_ignore_ascii_case(t))
            || el.attrs.iter().any(|(q, _)| {
                let n: &str = &q.local;
                self.attr_lens & len_bit(n.len()) != 0
                    && self.attrs.iter().any(|a| n.eq_ignore_ascii_case(a))
            })
    }
}

/// All compiled cleaning rules.
#[derive(Debug, Clone)]
pub struct Rules {
    affiliate_hosts: HashSet<String>,
    ad_hosts: HashSet<String>,
    affiliate_urls: GlobSet,
    affiliate_url_src: Vec<String>,
    /// Ad selectors with their text and what an element needs to match.
    ad_selectors: Vec<(Selector, String, SelectorKey)>,
    /// What [`Rules::ad_element_named`] rejects most elements by before it
    /// tries a selector: no selector can match an element whose name is
    /// none of `ad_tags` and that has none of `ad_attrs`, unless some
    /// selector is `Always` tried.
    ad_prefilter: AdPrefilter,
    ad_tokens: TokenSet,
    chrome_tokens: TokenSet,
    content_tokens: TokenSet,
    /// The three token sets above in one automaton.
    names: Option<NameMatcher>,
    farm_headings: Vec<String>,
    /// Whether each farm heading is longer than 8 characters.
    farm_heading_long: Vec<bool>,
    comment_words: HashSet<String>,
    /// [`len_bit`] of the byte length of every comment word.
    comment_word_lens: u64,
    boilerplate: GlobSet,
    boilerplate_src: Vec<String>,
    calls_to_action: GlobSet,
    content_comments: Vec<String>,
}

/// What kind of link or resource a URL is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlClass {
    Affiliate(String),
    Ad(String),
    Plain,
}

#[derive(Default)]
struct Builder {
    affiliate_hosts: HashSet<String>,
    ad_hosts: HashSet<String>,
    affiliate_urls: Vec<String>,
    ad_selectors: Vec<(Selector, String)>,
    ad_tokens: TokenSet,
    chrome_tokens: TokenSet,
    content_tokens: TokenSet,
    farm_headings: Vec<String>,
    comment_words: HashSet<String>,
    boilerplate: Vec<String>,
    calls_to_action: Vec<String>,
    content_comments: Vec<String>,
}

impl Builder {
    fn add_text(&mut self, text: &str, origin: &Path) -> Result<(), RunError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| RunError::Rules {
                path: origin.to_path_buf(),
                line: n + 1,
                message,
            };
            let (kind, value) = line
                .split_once(char::is_whitespace)
                .map(|(k, v)| (k, v.trim()))
                .ok_or_else(|| err("expected `KIND VALUE`".to_string()))?;
            let lower = value.to_lowercase();
            match kind {
                "affiliate-host" => {
                    self.affiliate_hosts.insert(lower);
                }
                "ad-host" => {
                    self.ad_hosts.insert(lower);
                }
                "affiliate-url" => self.affiliate_urls.push(lower),
                "ad-selector" => {
                    let sel = Selector::parse(value)
                        .map_err(|e| err(format!("bad selector {value:?}: {e}")))?;
                    self.ad_selectors.push((sel, value.to_string()));
                }
                "ad-token" => self.ad_tokens.add(value),
                "chrome-token" => self.chrome_tokens.add(value),
                "content-token" => self.content_tokens.add(value),
                "farm-heading" => self.farm_headings.push(lower),
                "comment-word" => {
                    self.comment_words.insert(lower);
                }
                "boilerplate" => self
                    .boilerplate
                    .push(lower.split_whitespace().collect::<Vec<_>>().join(" ")),
                "call-to-action" => self
                    .calls_to_action
                    .push(lower.split_whitespace().collect::<Vec<_>>().join(" ")),
                "content-comment" => self.content_comments.push(lower),
                other => return Err(err(format!("unknown rule kind {other:?}"))),
            }
        }
        Ok(())
    }

    fn build(self) -> Result<Rules, RunError> {
        let affiliate_urls = GlobSet::new(&self.affiliate_urls, "affiliate-url")?;
        let boilerplate = GlobSet::new(&self.boilerplate, "boilerplate")?;
        let calls_to_action = GlobSet::new(&self.calls_to_action, "call-to-action")?;
        let names = NameMatcher::new(&self.content_tokens, &self.chrome_tokens, &self.ad_tokens);
        let ad_selectors: Vec<(Selector, String, SelectorKey)> = self
            .ad_selectors
            .into_iter()
            .map(|(sel, src)| {
                let key = SelectorKey::of(&src);
                (sel, src, key)
            })
            .collect();
        let ad_prefilter = AdPrefilter::new(ad_selectors.iter().map(|s| &s.2));
        Ok(Rules {
            affiliate_hosts: self.affiliate_hosts,
            ad_hosts: self.ad_hosts,
            affiliate_urls,
            affiliate_url_src: self.affiliate_urls,
            ad_selectors,
            ad_prefilter,
            ad_tokens: self.ad_tokens,
            chrome_tokens: self.chrome_tokens,
            content_tokens: self.content_tokens,
            names,
            farm_heading_long: self
                .farm_headings
                .iter()
                .map(|h| h.chars().count() > 8)
                .collect(),
            farm_headings: self.farm_headings,
            comment_word_lens: self
                .comment_words
                .iter()
                .fold(0, |bits, w| bits | len_bit(w.len())),
            comment_words: self.comment_words,
            boilerplate,
            boilerplate_src: self.boilerplate,
            calls_to_action,
            content_comments: self.content_comments,
        })
    }
}

/// `*` globs (already lower-case), each matched against a whole text: an
/// anchored regex set, behind a cheap test that rejects most texts.
///
/// A text a glob matches contains the glob's longest literal part, so a
/// text that contains none of those literals matches no glob; one
/// Aho-Corasick pass over a URL or a label says so in a fraction of what
/// the regex set costs. Texts that contain one go to the regex set, which
/// alone decides.
#[derive(Debug, Clone)]
struct GlobSet {
    set: RegexSet,
    /// The longest literal of every glob; `None` when a glob has none
    /// (`*`), so that every text must be tried.
    literals: Option<aho_corasick::AhoCorasick>,
}

impl GlobSet {
    fn new(globs: &[String], kind: &str) -> Result<GlobSet, RunError> {
        let longest: Option<Vec<&str>> = globs
            .iter()
            .map(|g| {
                g.split('*')
                    .max_by_key(|p| p.len())
                    .filter(|p| !p.is_empty())
            })
            .collect();
        let literals = longest.and_then(|l| {
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(l)
                .ok()
        });
        Ok(GlobSet {
            set: glob_set(globs, kind)?,
            literals,
        })
    }

    /// Whether the text may match: false means no glob matches.
    fn may_match(&self, text: &str) -> bool {
        self.literals.as_ref().is_none_or(|ac| ac.is_match(text))
    }

    /// The index of the first glob that matches `text`.
    fn first_match(&self, text: &str) -> Option<usize> {
        if !self.may_match(text) {
            return None;
        }
        self.set.matches(text).iter().next()
    }

    fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.set.is_match(text)
    }
}

/// Compiles `*` globs (already lower-case) into one anchored set.
fn glob_set(globs: &[String], kind: &str) -> Result<RegexSet, RunError> {
    let patterns: Vec<String> = globs
        .iter()
        .map(|p| {
            let parts: Vec<String> = p.split('*').map(regex::escape).collect();
            format!("^{}$", parts.join(".*"))
        })
        .collect();
    RegexSet::new(&patterns).map_err(|e| RunError::Rules {
        path: kind.into(),
        line: 0,
        message: e.to_string(),
    })
}

/// A short label as the rules compare it: lower-case, whitespace folded,
/// surrounding punctuation and symbols trimmed ("**Was this page helpful?**"
/// and "was this page helpful" are the same label).
pub fn fold_label(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    if text.is_ascii() {
        // ASCII: lower-cased and folded in one pass, without the
        // lower-cased copy.
        for w in super::dom::words(text) {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
    } else {
        for w in text.to_lowercase().split_whitespace() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(w);
        }
    }
    let keep = |c: char| c.is_alphanumeric() || c == '{' || c == '}';
    let trimmed = joined.trim_matches(|c: char| !keep(c));
    if trimmed.len() == joined.len() {
        return joined;
    }
    trimmed.to_string()
}

impl Rules {
    /// The built-in rules only.
    pub fn builtin() -> Result<Rules, RunError> {
        // Compiled once per process (the step finder reads the farm
        // headings too); a copy shares the compiled automata and regexes.
        static BUILTIN: LazyLock<Result<Rules, RunError>> =
            LazyLock::new(|| Rules::compile(&[] as &[&Path]));
        match &*BUILTIN {
            Ok(r) => Ok(r.clone()),
            Err(_) => Rules::compile(&[] as &[&Path]),
        }
    }

    /// The built-in rules plus every rule in `files`.
    pub fn with_files(files: &[impl AsRef<Path>]) -> Result<Rules, RunError> {
        if files.is_empty() {
            return Rules::builtin();
        }
        Rules::compile(files)
    }

    fn compile(files: &[impl AsRef<Path>]) -> Result<Rules, RunError> {
        let mut b = Builder::default();
        b.add_text(BUILTIN, Path::new("builtin.rules"))?;
        for f in files {
            let f = f.as_ref();
            let text = std::fs::read_to_string(f).map_err(|e| RunError::Rules {
                path: f.to_path_buf(),
                line: 0,
                message: e.to_string(),
            })?;
            b.add_text(&text, f)?;
        }
        b.build()
    }

    /// Classifies a link or resource URL.
    pub fn classify_url(&self, url: &str) -> UrlClass {
        let url = url.trim();
        if url.is_empty() || url.starts_with('#') {
            return UrlClass::Plain;
        }
        let lower = url.to_lowercase();
        // `javascript:window.open(decodeURIComponent('https%3A...'))` hides
        // the real target; look inside it.
        let decoded;
        let target: &str = if lower.starts_with("javascript:") || lower.contains("%3a%2f%2f") {
            decoded = percent_decode(&lower);
            decoded
                .find("http")
                .map(|i| &decoded[i..])
                .unwrap_or(&decoded)
        } else {
            &lower
        };
        if let Some(host) = host_of(target) {
            if let Some(h) = suffix_match(&self.affiliate_hosts, host) {
                return UrlClass::Affiliate(format!("affiliate-host {h}"));
            }
            if let Some(h) = suffix_match(&self.ad_hosts, host) {
                return UrlClass::Ad(format!("ad-host {h}"));
            }
        }
        if let Some(i) = self.affiliate_urls.first_match(target) {
            return UrlClass::Affiliate(format!("affiliate-url {}", self.affiliate_url_src[i]));
        }
        UrlClass::Plain
    }

    /// Which token sets an element's class and id match; the `_named`
    /// methods below take it so that a caller asking several questions
    /// about one element scans its tokens once.
    pub fn names(&self, el: &scraper::node::Element) -> Names {
        let (class, id) = class_and_id_attrs(el);
        if class.is_none() && id.is_none() {
            return Names::default();
        }
        if let Some(n) = self.names.as_ref().and_then(|m| m.names(class, id)) {
            return n;
        }
        Names {
            content: self.content_tokens.find(class_and_id(el)).is_some(),
            chrome: self.chrome_tokens.find(class_and_id(el)).is_some(),
            ad: self.ad_tokens.find(class_and_id(el)).is_some(),
        }
    }

    /// [`Rules::names`], remembering what each class attribute of a page
    /// says: templates repeat the same long class lists (utility classes)
    /// on element after element, and hashing one costs a fraction of
    /// running it through the automaton again.
    ///
    /// The class and the id are judged apart and the answers joined: no
    /// rule matches across the separator between two tokens, so that is
    /// what one scan of both gives.
    pub fn names_cached<'a>(
        &self,
        el: &'a scraper::node::Element,
        cache: &mut NamesCache<'a>,
    ) -> Names {
        let Some(m) = self.names.as_ref() else {
            return self.names(el);
        };
        let (class, id) = class_and_id_attrs(el);
        let mut bits = match class {
            Some(c) => match cache.by_class.get(c) {
                Some(n) => *n,
                None => {
                    let Some(n) = m.names(Some(c), None) else {
                        return self.names(el);
                    };
                    cache.by_class.insert(c, n);
                    n
                }
            },
            None => Names::default(),
        };
        if id.is_some() {
            let Some(n) = m.names(None, id) else {
                return self.names(el);
            };
            bits.content |= n.content;
            bits.chrome |= n.chrome;
            bits.ad |= n.ad;
        }
        bits
    }

    /// The ad rule an element matches, by selector or class/id token.
    pub fn ad_element(&self, el: &scraper::ElementRef<'_>) -> Option<String> {
        self.ad_element_named(el, self.names(el.value()))
    }

    /// [`Rules::ad_element`] with the element's [`Names`] known.
    pub fn ad_element_named(&self, el: &scraper::ElementRef<'_>, names: Names) -> Option<String> {
        let v = el.value();
        if names.ad {
            if let Some(t) = self.ad_tokens.find(class_and_id(v)) {
                return Some(format!("ad-token {t}"));
            }
        }
        if self.ad_selectors.is_empty() || !self.ad_prefilter.may_match(v) {
            return None;
        }
        // What the keys ask for, read once: the name, and which selectors'
        // attributes the element has (one pass over its attributes).
        let name = v.name();
        let mut attr_bits: Option<u64> = None;
        self.ad_selectors
            .iter()
            .enumerate()
            .find(|(i, (s, _, key))| {
                let may = match key {
                    SelectorKey::Tag(t) => name.eq_ignore_ascii_case(t),
                    SelectorKey::Attr(_) if *i < 64 => {
                        *attr_bits.get_or_insert_with(|| self.ad_attr_bits(v)) & (1 << i) != 0
                    }
                    _ => key.may_match(v),
                };
                may && s.matches(el)
            })
            .map(|(_, (_, src, _))| format!("ad-selector {src}"))
    }

    /// Bit `i` for each of the first 64 ad selectors keyed by an attribute
    /// that `v` has.
    fn ad_attr_bits(&self, v: &scraper::node::Element) -> u64 {
        let mut bits = 0u64;
        for (n, _) in v.attrs() {
            for (i, (_, _, key)) in self.ad_selectors.iter().enumerate().take(64) {
                if let SelectorKey::Attr(a) = key {
                    if n.eq_ignore_ascii_case(a) {
                        bits |= 1 << i;
                    }
                }
            }
        }
        bits
    }

    /// The chrome token an element's class or id carries.
    /// An element that also names itself content (`class="widget blog"`,
    /// `class="post sidebar-aware"`) is not chrome: a theme's wrapper class
    /// must not take the article with it.
    pub fn chrome_token<'a>(&self, el: &'a scraper::node::Element) -> Option<&'a str> {
        self.chrome_token_named(el, self.names(el))
    }

    /// [`Rules::chrome_token`] with the element's [`Names`] known.
    pub fn chrome_token_named<'a>(
        &self,
        el: &'a scraper::node::Element,
        names: Names,
    ) -> Option<&'a str> {
        if !names.is_chrome() {
            return None;
        }
        self.chrome_tokens.find(class_and_id(el))
    }

    /// The content token an element's class or id carries: it names itself
    /// the article's wrapper.
    pub fn content_token<'a>(&self, el: &'a scraper::node::Element) -> Option<&'a str> {
        if !self.names(el).content {
            return None;
        }
        self.content_tokens.find(class_and_id(el))
    }

    /// Whether a short label ("Also read:", "Lesen Sie auch") introduces a
    /// link farm.
    pub fn is_farm_heading(&self, text: &str) -> bool {
        // Most texts asked about are paragraphs: an ASCII text with more
        // than 60 letters and digits folds to a label longer than 60
        // characters (folding only drops whitespace and punctuation at the
        // ends), so it is no label, and the fold is skipped.
        if text.is_ascii()
            && text
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .nth(60)
                .is_some()
        {
            return false;
        }
        let t = fold_label(text);
        if t.is_empty() || t.chars().count() > 60 {
            return false;
        }
        // Short phrases ("also", "related") only as the whole label; longer
        // ones also with a few words after them ("More from the Web").
        self.farm_headings
            .iter()
            .zip(&self.farm_heading_long)
            .any(|(h, &long)| {
                t == *h
                    || (long
                        && t.len() < h.len() + 12
                        && t.strip_prefix(h.as_str())
                            .is_some_and(|rest| rest.starts_with(' ')))
            })
    }

    /// The boilerplate rule a short block of text matches: widget and footer
    /// phrases ("Was this page helpful?", "All rights reserved") that are
    /// never part of an article, whatever the site.
    pub fn boilerplate(&self, text: &str) -> Option<&str> {
        let folded = fold_label(text);
        if folded.is_empty() {
            return None;
        }
        self.boilerplate
            .first_match(&folded)
            .map(|i| self.boilerplate_src[i].as_str())
    }

    /// Whether a link's words ask the reader to buy or sign up ("Buy now",
    /// "Check price on Amazon") instead of naming something.
    pub fn is_call_to_action(&self, text: &str) -> bool {
        let folded = fold_label(text);
        !folded.is_empty() && self.calls_to_action.is_match(&folded)
    }

    /// Whether a comment's text opens (`Some(true)`), closes (`Some(false)`)
    /// or has nothing to do with (`None`) an ad block.
    pub fn comment_marker(&self, comment: &str) -> Option<bool> {
        // Most comments name no comment word: for ASCII text (where
        // `to_lowercase` is ASCII lower-casing and word characters are ASCII
        // alphanumerics) say so without a lower-cased copy or a word list.
        if comment.is_ascii() && !self.names_comment_word_ascii(comment) {
            return None;
        }
        let lower = comment.to_lowercase();
        if self
            .content_comments
            .iter()
            .any(|c| lower.contains(c.as_str()))
        {
            return None;
        }
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if !words.iter().any(|w| self.comment_words.contains(*w)) {
            return None;
        }
        let opens = words
            .iter()
            .any(|w| matches!(*w, "begin" | "start" | "begins" | "starts"));
        let closes = words.iter().any(|w| matches!(*w, "end" | "ends" | "stop"));
        match (opens, closes) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }
}

impl Rules {
    /// Whether an ASCII comment has a word (lower-cased) among the comment
    /// words, as [`Rules::comment_marker`] splits words.
    fn names_comment_word_ascii(&self, comment: &str) -> bool {
        // One pass over the bytes: a word is a run of ASCII letters and
        // digits, and only a word as long as some comment word is copied,
        // lower-cased and looked up (splitting with a `char` closure
        // decoded every character and looked up every word).
        let b = comment.as_bytes();
        let mut buf = [0u8; 32];
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let w = &b[start..i];
            if self.comment_word_lens & len_bit(w.len()) == 0 {
                continue;
            }
            let found = match buf.get_mut(..w.len()) {
                Some(dst) => {
                    dst.copy_from_slice(w);
                    dst.make_ascii_lowercase();
                    std::str::from_utf8(dst).is_ok_and(|w| self.comment_words.contains(w))
                }
                // Longer than the stack buffer: look it up the slow way.
                None => std::str::from_utf8(w)
                    .is_ok_and(|w| self.comment_words.contains(&w.to_ascii_lowercase())),
            };
            if found {
                return true;
            }
        }
        false
    }
}

/// Bit for a byte length in a 64-bit length filter (63 for anything longer).
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Splits `class` into tokens and adds `id`.
fn class_and_id(el: &scraper::node::Element) -> impl Iterator<Item = &str> {
    let (class, id) = class_and_id_attrs(el);
    class
        .into_iter()
        .flat_map(|c| c.split_whitespace())
        .chain(id)
}

/// The host of an absolute or protocol-relative URL, lower-case input assumed.
pub fn host_of(url: &str) -> Option<&str> {
    // Byte searches (every delimiter is ASCII, so every cut is a character
    // boundary): `str::find("://")` set up a substring searcher per URL.
    let rest = match url.as_bytes().windows(3).position(|w| w == b"://") {
        Some(i) => &url[i + 3..],
        None => url.strip_prefix("//")?,
    };
    let end = rest
        .bytes()
        .position(|c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = match authority.bytes().rposition(|c| c == b'@') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let host = match host.bytes().position(|c| c == b':') {
        Some(i) => &host[..i],
        None => host,
    };
    (!host.is_empty()).then_some(host)
}

/// The entry of `set` that `host` equals or is a subdomain of.
fn suffix_match<'a>(set: &'a HashSet<String>, host: &str) -> Option<&'a str> {
    let mut h = host;
    loop {
        if let Some(e) = set.get(h) {
            return Some(e.as_str());
        }
        match h.find('.') {
            Some(i) => h = &h[i + 1..],
            None => return None,
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_judged_apart_and_cached_agree_with_one_scan() {
        let r = rules();
        let mut cache = NamesCache::default();
        let classes = [
            None,
            Some(""),
            Some("sidebar"),
            Some("post sidebar-aware"),
            Some("  widget\tblog "),
            Some("entry-content related"),
            Some("ad"),
            Some("adsbygoogle x"),
            Some("Ad-Slot"),
            Some("pré sidebar"),
            Some("comment-list"),
            Some("nav main"),
        ];
        let ids = [
            None,
            Some(""),
            Some("sidebar"),
            Some("main content"),
            Some("div-gpt-ad-1"),
            Some("post"),
            Some("ad"),
        ];
        let mut docs = Vec::new();
        for c in classes {
            for id in ids {
                let mut attrs = String::new();
                if let Some(c) = c {
                    attrs.push_str(&format!(" class=\"{c}\""));
                }
                if let Some(id) = id {
                    attrs.push_str(&format!(" id=\"{id}\""));
                }
                docs.push(scraper::Html::parse_fragment(&format!(
                    "<div{attrs}>x</div>"
                )));
            }
        }
        let sel = scraper::Selector::parse("div").expect("selector");
        // Twice over, so that the second round answers from the cache.
        for _ in 0..2 {
            for d in &docs {
                for el in d.select(&sel) {
                    assert_eq!(
                        r.names_cached(el.value(), &mut cache),
                        r.names(el.value()),
                        "{:?}",
                        el.html()
                    );
                }
            }
        }
    }

    fn rules() -> Rules {
        Rules::builtin().expect("builtin rules compile")
    }

    #[test]
    fn affiliate_networks_are_recognised() {
        let r = rules();
        for url in [
            "https://engwe.pxf.io/c/5597632/2093504/25579",
            "https://homestyler.sjv.io/c/1/2/3",
            "//a.impactradius-go.com/display-ad/25579-2093504",
            "https://secure.2checkout.com/order/checkout.php?PRODS=1&QTY=1&AFFILIATE=108875&CART=1",
            "https://www.awin1.com/cread.php?awinmid=1",
            "https://www.anrdoezrs.net/click-1-2",
            "https://click.linksynergy.com/deeplink?id=x",
            "https://prf.hn/click/camref:1",
            "https://www.amazon.com/dp/B01?tag=foo-20",
            "https://amzn.to/3abc",
            "https://shop.example.com/affiliate.php?ACCOUNT=X&AFFILIATE=1",
            "javascript:window.open(decodeURIComponent('https%3A%2F%2Fhomestyler.sjv.io%2Fc%2F1'))",
        ] {
            assert!(
                matches!(r.classify_url(url), UrlClass::Affiliate(_)),
                "{url}"
            );
        }
    }

    #[test]
    fn ordinary_links_are_plain() {
        let r = rules();
        for url in [
            "https://www.makeuseof.com/how-to-activate-imessage/",
            "https://support.apple.com/en-us/HT201349",
            "https://www.amazon.com/dp/B01",
            "/tags/win11/",
            "#fix-1",
        ] {
            assert_eq!(r.classify_url(url), UrlClass::Plain, "{url}");
        }
    }

    #[test]
    fn ad_hosts_are_ads() {
        let r = rules();
        assert!(matches!(
            r.classify_url("https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"),
            UrlClass::Ad(_)
        ));
    }

    #[test]
    fn farm_headings_in_several_languages() {
        let r = rules();
        for h in [
            "Also read:",
            "Related Posts",
            "Lire aussi",
            "Lesen Sie auch:",
            "Lee también",
        ] {
            assert!(r.is_farm_heading(h), "{h}");
        }
        assert!(!r.is_farm_heading("Also, read the manual before you restart the router"));
        assert!(!r.is_farm_heading("Fix 1: Restart"));
    }

    #[test]
    fn content_tokens_protect_wrappers_from_chrome_tokens() {
        let r = rules();
        let doc = scraper::Html::parse_fragment(
            r#"<div class="widget Blog">a</div><div class="widget popular">b</div>"#,
        );
        let divs: Vec<_> = doc
            .tree
            .nodes()
            .filter_map(|n| match n.value() {
                scraper::Node::Element(e) if e.name() == "div" => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(r.chrome_token(divs[0]), None);
        assert!(r.chrome_token(divs[1]).is_some());
    }

    #[test]
    fn token_patterns_match_exact_prefix_suffix_and_part() {
        let mut t = TokenSet::default();
        for p in ["toc", "share*", "*-navigation", "*gallery*"] {
            t.add(p);
        }
        for tok in [
            "toc",
            "share-row",
            "post-navigation",
            "hst-resgallery",
            "gallery",
        ] {
            assert!(t.find(std::iter::once(tok)).is_some(), "{tok}");
        }
        for tok in ["tocs", "reshare", "navigation-main", "galler"] {
            assert!(t.find(std::iter::once(tok)).is_none(), "{tok}");
        }
    }

    #[test]
    fn selector_keys() {
        let keys: Vec<SelectorKey> = Rules::builtin()
            .expect("rules")
            .ad_selectors
            .iter()
            .map(|(_, _, k)| k.clone())
            .collect();
        let tag = |t: &str| SelectorKey::Tag(t.into());
        let attr = |a: &str| SelectorKey::Attr(a.into());
        assert_eq!(
            keys,
            [
                tag("ins"),
                attr("id"),
                attr("data-ad-client"),
                attr("data-ad-slot"),
                attr("data-ad-unit"),
                tag("amp-ad"),
                tag("amp-embed"),
            ]
        );
        for complex in [
            "div .ad",
            "div > ins",
            "a, b",
            "*",
            ".ad",
            "ins:not(.x)",
            "[a=\"]\"]",
        ] {
            assert_eq!(SelectorKey::of(complex), SelectorKey::Always, "{complex}");
        }
    }

    #[test]
    fn key_filter_never_hides_a_match() {
        let r = Rules::builtin().expect("rules");
        let html = r#"<div><ins class="adsbygoogle">x</ins><INS CLASS="adsbygoogle"></INS>
            <div id="div-gpt-ad-1">y</div><div ID="div-gpt-ad-2"></div><span data-ad-client="c"></span>
            <p DATA-AD-SLOT="1"></p><i data-ad-unit></i><amp-ad></amp-ad><AMP-EMBED></AMP-EMBED>
            <div class="ad-slot">z</div><ins>plain</ins><p id="main">text</p></div>"#;
        let doc = scraper::Html::parse_document(html);
        let mut hits = 0;
        for node in doc.tree.nodes() {
            if let Some(er) = scraper::ElementRef::wrap(node) {
                let unfiltered = r.ad_selectors.iter().find(|(s, _, _)| s.matches(&er));
                let filtered = r
                    .ad_selectors
                    .iter()
                    .find(|(s, _, k)| k.may_match(er.value()) && s.matches(&er));
                assert_eq!(
                    unfiltered.map(|x| &x.1),
                    filtered.map(|x| &x.1),
                    "{:?}",
                    er.value()
                );
                hits += usize::from(filtered.is_some());
            }
        }
        assert_eq!(hits, 9);
    }

    #[test]
    fn token_filters_keep_every_match() {
        let mut t = TokenSet::default();
        for rule in ["sidebar", "nav*", "*-widget", "*related*", "x"] {
            t.add(rule);
        }
        for (tok, want) in [
            ("sidebar", true),
            ("SideBar", true),
            ("sidebars", false),
            ("navbar", true),
            ("nav", true),
            ("mynav", false),
            ("text-widget", true),
            ("widget", false),
            ("post__related-list", true),
            ("related", true),
            ("relate", false),
            ("x", true),
            ("", false),
            ("é-widget", true),
        ] {
            assert_eq!(t.find([tok].into_iter()).is_some(), want, "{tok}");
        }
        let mut empty_prefix = TokenSet::default();
        empty_prefix.add("*");
        assert_eq!(empty_prefix.exact.len(), 1);
        for (h, n) in [
            ("abc", "bc"),
            ("abc", "abcd"),
            ("", ""),
            ("a", ""),
            ("aab", "ab"),
        ] {
            assert_eq!(contains_bytes(h.as_bytes(), n.as_bytes()), h.contains(n));
        }
    }

    #[test]
    fn one_scan_of_names_agrees_with_each_token_set() {
        let r = rules();
        let mut html = String::from("<div>");
        let classes = [
            "widget Blog",
            "widget popular",
            "post__related-list",
            "hst-resgallery",
            "SideBar",
            "sidebar-aware post",
            "ad-slot",
            "adsbygoogle",
            "nav\tmenu",
            "  entry-content  ",
            "a\u{a0}sidebar",
            "é-widget",
            "comments",
            "",
            "x",
            "share-row",
            "toc",
            "footer-links",
            "article-body",
        ];
        for c in classes {
            html.push_str(&format!(r#"<p class="{c}">a</p><p id="{c}">b</p><p class="{c}" id="main">c</p><p class="q" id="{c}">d</p>"#));
        }
        html.push_str("<p>none</p></div>");
        let doc = scraper::Html::parse_fragment(&html);
        let mut checked = 0;
        for node in doc.tree.nodes() {
            let scraper::Node::Element(e) = node.value() else {
                continue;
            };
            let slow = Names {
                content: r.content_tokens.find(class_and_id(e)).is_some(),
                chrome: r.chrome_tokens.find(class_and_id(e)).is_some(),
                ad: r.ad_tokens.find(class_and_id(e)).is_some(),
            };
            assert_eq!(r.names(e), slow, "{:?}", e);
            checked += usize::from(slow != Names::default());
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn hosts_are_found_as_before() {
        // The `str`-based version `host_of` replaced.
        fn reference(url: &str) -> Option<&str> {
            let rest = if let Some(i) = url.find("://") {
                &url[i + 3..]
            } else {
                url.strip_prefix("//")?
            };
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let authority = &rest[..end];
            let host = authority.rsplit('@').next().unwrap_or(authority);
            let host = host.split(':').next().unwrap_or(host);
            (!host.is_empty()).then_some(host)
        }
        for url in [
            "https://a.example/x",
            "//cdn.example:8080/p?q#f",
            "http://user:pw@host.example:1/",
            "https://a@b@c.example",
            "mailto:x@y",
            "/relative",
            "https://",
            "https://:80/",
            "ftp://é.example/ü",
            "x://y?z://w",
            "",
            "//",
            "https://host#frag/x",
        ] {
            assert_eq!(host_of(url), reference(url), "{url:?}");
        }
    }

    #[test]
    fn comment_markers() {
        let r = rules();
        assert_eq!(r.comment_marker(" affiliate ads begin "), Some(true));
        assert_eq!(r.comment_marker(" affiliate ads end "), Some(false));
        assert_eq!(r.comment_marker(" Submenu "), None);
        assert_eq!(r.comment_marker(" google ads "), None);
        // AdSense's targeting hints wrap the article, not an ad.
        assert_eq!(r.comment_marker(" google_ad_section_start "), None);
        assert_eq!(r.comment_marker("sponsored links start"), Some(true));
    }

    #[test]
    fn user_rules_add_to_builtin() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("my.rules");
        std::fs::write(
            &f,
            "# mine\naffiliate-host partner.example\nfarm-heading more reading\n",
        )
        .expect("write");
        let r = Rules::with_files(&[&f]).expect("compiles");
        assert!(matches!(
            r.classify_url("https://x.partner.example/a"),
            UrlClass::Affiliate(_)
        ));
        assert!(r.is_farm_heading("More reading"));
        std::fs::write(&f, "bogus-kind x\n").expect("write");
        assert!(Rules::with_files(&[&f]).is_err());
    }
}
