//! Inline Markdown (and the bits of HTML that survive into it) as a stream
//! of words, marked labels, punctuation and path separators.
//!
//! Both finders work on this stream rather than on the raw text, so that
//! `**Settings** > **Privacy**`, `Go to**Settings > Messages**`,
//! `<b>Settings</b> &gt; <b>General</b>` and `Settings \> General` all look
//! the same to them. A marked span (bold, italic, code, link text, quotes)
//! is kept whole: its commas and colons ("Sound, video and game
//! controllers", "CS:GO") belong to the label, not to the sentence.

use super::explicit::is_cap;
use super::lexicon;

/// One token of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A plain word, inner punctuation kept ("Wi-Fi", "nvcplui.exe").
    Word(String),
    /// A marked span that reads as a label, markup removed.
    Mark(String),
    /// Sentence or clause punctuation: `. , ; : ! ? ( ) |`.
    Punct(char),
    /// A path separator (`>`, `→`, `->`, `›`, `»`, or `|` inside markup).
    Sep,
    /// An explicit chain already recognised: segments and, by position,
    /// parenthetical alternatives.
    Chain(Vec<String>, Vec<(usize, String)>),
}

/// Characters that separate path segments.
fn is_sep_char(c: char) -> bool {
    matches!(c, '>' | '→' | '›' | '»' | '➔' | '➜' | '⇒' | '▸' | '►')
}

/// Entities and the inline HTML tags that scraped pages leave behind,
/// turned into their Markdown equivalents.
fn normalise(s: &str) -> String {
    let mut t = s.replace("&gt;", ">").replace("&#62;", ">");
    for (from, to) in [
        ("&amp;", "&"),
        ("&nbsp;", " "),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("\u{a0}", " "),
        ("\u{200b}", ""),
    ] {
        if t.contains(from) {
            t = t.replace(from, to);
        }
    }
    if t.contains('<') {
        for (from, to) in [
            ("<b>", "**"),
            ("</b>", "**"),
            ("<strong>", "**"),
            ("</strong>", "**"),
            ("<em>", "*"),
            ("</em>", "*"),
            ("<i>", "*"),
            ("</i>", "*"),
            ("<code>", "`"),
            ("</code>", "`"),
            ("<kbd>", "`"),
            ("</kbd>", "`"),
            ("<br>", " "),
            ("<br/>", " "),
            ("<br />", " "),
        ] {
            t = t.replace(from, to).replace(&from.to_uppercase(), to);
        }
    }
    t
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Bold,
    Em,
    Link,
    Quote,
    Curly,
}

/// A run of characters with the marked group it belongs to, if any, and
/// whether it is a link's text.
struct Run {
    text: String,
    group: Option<u32>,
    link: bool,
}

/// Splits inline Markdown into runs of marked and unmarked text. Image
/// alt text is dropped (chains in alt text are not paths) and leaves a
/// sentence break.
fn runs(s: &str) -> Vec<Run> {
    // Text without any character the scan below reacts to is one plain
    // run: most paragraphs of a rendered page, read without a char buffer.
    if !s.contains(['\\', '!', '*', '_', '`', '[', ']', '"', '“', '”']) {
        return if s.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                text: s.to_string(),
                group: None,
                link: false,
            }]
        };
    }
    let cs: Vec<char> = s.chars().collect();
    let n = cs.len();
    let mut out: Vec<Run> = Vec::new();
    let mut stack: Vec<Marker> = Vec::new();
    let mut group: u32 = 0;
    let push = |out: &mut Vec<Run>, c: char, g: Option<u32>, link: bool| match out.last_mut() {
        Some(r) if r.group == g && r.link == link => r.text.push(c),
        _ => out.push(Run {
            text: c.to_string(),
            group: g,
            link,
        }),
    };
    let has_after = |from: usize, pat: &[char]| -> Option<usize> {
        (from..n.saturating_sub(pat.len() - 1)).find(|&k| cs[k..k + pat.len()] == *pat)
    };
    let mut i = 0;
    while i < n {
        let c = cs[i];
        let cur = if stack.is_empty() { None } else { Some(group) };
        let link = stack.contains(&Marker::Link);
        let prev = if i > 0 { cs[i - 1] } else { ' ' };
        let next = cs.get(i + 1).copied().unwrap_or(' ');
        match c {
            // A Markdown escape ("\>", "\*"); other backslashes are text
            // (file and registry paths).
            '\\' if i + 1 < n && cs[i + 1].is_ascii_punctuation() => {
                push(&mut out, cs[i + 1], cur, link);
                i += 2;
                continue;
            }
            '!' if next == '[' => {
                if let Some(close) = has_after(i + 2, &[']', '(']) {
                    if let Some(end) = has_after(close + 2, &[')']) {
                        push(&mut out, '\u{2029}', None, false);
                        i = end + 1;
                        continue;
                    }
                }
            }
            '*' | '_' if next == c => {
                toggle(&mut stack, &mut group, Marker::Bold);
                i += 2;
                continue;
            }
            '*' | '_' => {
                let open = stack.contains(&Marker::Em);
                let word_edge = c == '*' || !prev.is_alphanumeric() || !next.is_alphanumeric();
                if word_edge && (open && !prev.is_whitespace() || !open && !next.is_whitespace()) {
                    toggle(&mut stack, &mut group, Marker::Em);
                    i += 1;
                    continue;
                }
            }
            '`' => {
                if let Some(end) = has_after(i + 1, &['`']) {
                    if stack.is_empty() {
                        group += 1;
                    }
                    for &k in &cs[i + 1..end] {
                        push(&mut out, k, Some(group), link);
                    }
                    if stack.is_empty() {
                        // A code span is its own label.
                        push(&mut out, '\u{2060}', None, false);
                    }
                    i = end + 1;
                    continue;
                }
                i += 1;
                continue;
            }
            '[' if has_after(i + 1, &[']', '(']).is_some() => {
                toggle(&mut stack, &mut group, Marker::Link);
                i += 1;
                continue;
            }
            ']' if next == '(' && stack.contains(&Marker::Link) => {
                toggle(&mut stack, &mut group, Marker::Link);
                i = has_after(i + 2, &[')']).map_or(n, |e| e + 1);
                continue;
            }
            '"' => {
                let open = stack.contains(&Marker::Quote);
                if open || has_after(i + 1, &['"']).is_some() {
                    toggle(&mut stack, &mut group, Marker::Quote);
                    i += 1;
                    continue;
                }
            }
            '“' => {
                if !stack.contains(&Marker::Curly) {
                    toggle(&mut stack, &mut group, Marker::Curly);
                }
                i += 1;
                continue;
            }
            '”' => {
                if stack.contains(&Marker::Curly) {
                    toggle(&mut stack, &mut group, Marker::Curly);
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        push(&mut out, c, cur, link);
        i += 1;
    }
    out
}

/// "click C**heck for updates**": markup opened inside a word. The word's
/// head moves into the marked run so that the label is read whole.
fn glue_split_words(rs: &mut [Run]) {
    for i in 1..rs.len() {
        let (a, b) = rs.split_at_mut(i);
        let (prev, cur) = (&mut a[i - 1], &mut b[0]);
        if prev.group.is_some() || cur.group.is_none() || cur.link {
            continue;
        }
        // "to**Settings**" is a missing space; "C**heck**" a split word.
        if !cur.text.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let head_len = prev
            .text
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
        if head_len == 0
            || head_len > 2
            || !prev.text[prev.text.len() - head_len..].starts_with(char::is_uppercase)
        {
            continue;
        }
        let cut = prev.text.len() - head_len;
        let head = prev.text.split_off(cut);
        cur.text.insert_str(0, &head);
    }
}

/// The text with its separators turned into `|`, which no finder reads
/// as a separator.
fn no_seps(t: &str) -> String {
    t.replace("->", "|")
        .chars()
        .map(|c| if is_sep_char(c) { '|' } else { c })
        .collect()
}

/// Is the run nothing but separators and spaces (`" \\> "`)?
fn only_seps(r: &Run) -> bool {
    let t = r.text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| is_sep_char(c) || c == '-' || c == '|' || c.is_whitespace())
}

/// Which runs hold a breadcrumb's separators: `[Home](…) > [DVD](…) >
/// Convert DVD`. Links joined by separators are site navigation, not a
/// path the reader clicks through; the unlinked current page may end it.
fn crumb_seps(rs: &[Run]) -> Vec<bool> {
    let mut out = vec![false; rs.len()];
    for i in 1..rs.len() {
        let r = &rs[i];
        if r.group.is_some() || !rs[i - 1].link {
            continue;
        }
        let sep_only = only_seps(r);
        let between_links = sep_only && rs.get(i + 1).is_some_and(|n| n.link);
        let after_crumb = i >= 2 && out[i - 2] && r.text.trim_start().starts_with(is_sep_char);
        out[i] = between_links || after_crumb;
    }
    out
}

/// Opens or closes a marker; opening one at depth 0 starts a new group.
fn toggle(stack: &mut Vec<Marker>, group: &mut u32, m: Marker) {
    if let Some(p) = stack.iter().rposition(|x| *x == m) {
        stack.truncate(p);
    } else {
        if stack.is_empty() {
            *group += 1;
        }
        stack.push(m);
    }
}

/// Tokenises one block's inline Markdown.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut rs = runs(&normalise(text));
    glue_split_words(&mut rs);
    let crumbs = crumb_seps(&rs);
    for (run, crumb) in rs.iter().zip(crumbs) {
        match run.group {
            None if crumb => {
                // The breadcrumb's separators become plain punctuation.
                words(&no_seps(&run.text), &mut out);
            }
            None => words(&run.text, &mut out),
            // A link whose text is a chain is another page's title
            // ("Data Recovery | How to Recover Files").
            Some(_) if run.link && split_seps(&run.text).len() > 1 => {
                out.push(Tok::Punct('|'));
                words(&no_seps(&run.text), &mut out);
                out.push(Tok::Punct('|'));
            }
            Some(_) => marked(&run.text, &mut out),
        }
    }
    glue_split_marks(&mut out);
    out
}

/// "**Graphics** **Options**", "**O** **pen System Restore**": one label
/// whose markup was split in two (a word each, or a letter cut off), read
/// whole again. Two labels side by side with nothing between them are not
/// written that way: a sentence puts "and" or a separator between them.
fn glue_split_marks(toks: &mut Vec<Tok>) {
    let mut i = 1;
    while i < toks.len() {
        let glued = match (&toks[i - 1], &toks[i]) {
            (Tok::Mark(a), Tok::Mark(b)) => {
                let letter = a.chars().count() == 1 && a.starts_with(char::is_uppercase);
                let starts_lower = b.starts_with(char::is_lowercase);
                let words = a.split_whitespace().count() + b.split_whitespace().count();
                if letter && starts_lower {
                    Some(format!("{a}{b}"))
                } else if is_cap(a) && is_cap(b) && !starts_lower && words <= 6 {
                    Some(format!("{a} {b}"))
                } else {
                    None
                }
            }
            _ => None,
        };
        match glued {
            Some(g) => {
                toks[i - 1] = Tok::Mark(g);
                toks.remove(i);
            }
            None => i += 1,
        }
    }
}

/// A marked span: one label, or a chain of labels with separators inside
/// (`**Settings > General**`), or — when it reads as a sentence — plain
/// words.
fn marked(text: &str, out: &mut Vec<Tok>) {
    let pieces = split_seps(text);
    let labelish = pieces.iter().all(|p| {
        let w: Vec<&str> = p.split_whitespace().collect();
        w.len() <= 10 && !starts_with_verb(&w) && !p.contains(". ")
    });
    if !labelish {
        words(text, out);
        return;
    }
    let n = pieces.len();
    for (k, p) in pieces.iter().enumerate() {
        let t = p.trim();
        let body = t.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let body = body.trim_matches(|c: char| c.is_whitespace() || c == '\'' || c == '"');
        if !body.is_empty() {
            out.push(Tok::Mark(body.to_string()));
        }
        if let Some(last) = t.chars().last() {
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') && body.len() < t.len() {
                out.push(Tok::Punct(last));
            }
        }
        if k + 1 < n {
            out.push(Tok::Sep);
        }
    }
}

/// Does a word list open with an instruction ("click", "go to")? Such a
/// marked span is a sentence in bold, not a label.
fn starts_with_verb(w: &[&str]) -> bool {
    let Some(first) = w.first() else { return false };
    w.len() >= 3
        && lexicon::is_in(
            &[
                "click",
                "tap",
                "select",
                "choose",
                "go",
                "navigate",
                "head",
                "press",
                "type",
                "hold",
                "right-click",
                "double-click",
                "make",
                "try",
                "follow",
            ],
            first,
        )
}

/// Splits at separators that are not inside parentheses. `|` counts only
/// here, inside markup, where it cannot be a table or a title bar.
fn split_seps(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0usize;
    let cs: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let arrow = c == '-' && cs.get(i + 1) == Some(&'>');
        if depth == 0 && (arrow || is_sep_char(c) || c == '|') {
            out.push(String::new());
            i += if arrow { 2 } else { 1 };
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        i += 1;
    }
    out
}

/// Plain text: words, punctuation, separators.
fn words(text: &str, out: &mut Vec<Tok>) {
    let cs: Vec<char> = text.chars().collect();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Tok>| {
        let w = cur.trim_matches(|c: char| matches!(c, '\'' | '"' | '‘' | '’' | '*' | '_'));
        if !w.is_empty() {
            out.push(Tok::Word(w.to_string()));
        }
        cur.clear();
    };
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let next = cs.get(i + 1).copied().unwrap_or(' ');
        if c == '\u{2029}' {
            flush(&mut cur, out);
            out.push(Tok::Punct('.'));
        } else if c.is_whitespace() || c == '\u{2060}' {
            flush(&mut cur, out);
        } else if c == '-' && next == '>' {
            flush(&mut cur, out);
            out.push(Tok::Sep);
            i += 1;
        } else if is_sep_char(c) {
            // "=>" and ">=" are code or maths, not separators.
            flush(&mut cur, out);
            if cs.get(i.wrapping_sub(1)) == Some(&'=') || next == '=' {
                out.push(Tok::Punct('|'));
            } else {
                out.push(Tok::Sep);
            }
        } else if matches!(c, ',' | ';' | '!' | '?' | '(' | ')' | '|')
            || matches!(c, '.' | ':') && (next.is_whitespace() || i + 1 == cs.len())
            // "select **Settings**.Switch to …": a sentence end that lost
            // its space after the markup.
            || c == '.' && cur.is_empty() && next.is_uppercase()
        {
            flush(&mut cur, out);
            out.push(Tok::Punct(c));
        } else {
            cur.push(c);
        }
        i += 1;
    }
    flush(&mut cur, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Tok {
        Tok::Mark(s.to_string())
    }
    fn w(s: &str) -> Tok {
        Tok::Word(s.to_string())
    }

    #[test]
    fn bold_segments_and_separators() {
        assert_eq!(
            tokenize("Go to**Settings > Messages**"),
            [w("Go"), w("to"), m("Settings"), Tok::Sep, m("Messages")]
        );
        assert_eq!(
            tokenize("<b>Settings</b> &gt; <b>General</b>."),
            [m("Settings"), Tok::Sep, m("General"), Tok::Punct('.')]
        );
    }

    #[test]
    fn marked_label_keeps_its_commas() {
        assert_eq!(
            tokenize("Expand **Sound, video and game controllers**."),
            [
                w("Expand"),
                m("Sound, video and game controllers"),
                Tok::Punct('.')
            ]
        );
    }

    #[test]
    fn image_alt_text_is_dropped() {
        assert_eq!(
            tokenize("![Settings > General](a.png) Done"),
            [Tok::Punct('.'), w("Done")]
        );
    }

    #[test]
    fn link_text_is_a_label_and_url_is_gone() {
        assert_eq!(
            tokenize("Run [**Driver Easy**](https://x.com/a>b) now"),
            [w("Run"), m("Driver Easy"), w("now")]
        );
    }

    #[test]
    fn breadcrumb_separators_are_not_separators() {
        let t = tokenize("[Home](/) \\> [Video](/v) \\> Convert Video");
        assert!(!t.contains(&Tok::Sep), "{t:?}");
        let t = tokenize("[Home](/) > [Video](/v) > [Convert](/c)");
        assert!(!t.contains(&Tok::Sep), "{t:?}");
        // One link before a chain is not a breadcrumb.
        let t = tokenize("Open [Settings](/s) > General.");
        assert!(t.contains(&Tok::Sep), "{t:?}");
    }

    #[test]
    fn markup_opened_inside_a_word() {
        assert_eq!(
            tokenize("then click C**heck for updates** now"),
            [w("then"), w("click"), m("Check for updates"), w("now")]
        );
    }

    #[test]
    fn chain_inside_link_text_is_a_title() {
        let t = tokenize("[Data Recovery | How to Recover Files](/x)");
        assert!(!t.contains(&Tok::Sep), "{t:?}");
        assert!(!t.iter().any(|x| matches!(x, Tok::Mark(_))), "{t:?}");
    }

    #[test]
    fn sentence_end_without_a_space_after_markup() {
        let t = tokenize("select **Accounts**.Switch to **Mail**");
        assert!(t.contains(&Tok::Punct('.')));
        assert!(t.contains(&Tok::Word("Switch".into())));
        // A dotted file name stays one word.
        assert!(tokenize("run setup.Exe now").contains(&Tok::Word("setup.Exe".into())));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "**", "`", "[", "![", "\\", "*a", "\"", "“", "->", "é>ü", "a\\",
        ] {
            let _ = tokenize(s);
        }
    }
}
