//! Paths written with separators: `Settings > Messages > Send & Receive`,
//! `**Settings** > **Privacy**`, `File \> Options`. Recognised chains are
//! folded into one `Tok::Chain` so that the prose finder can treat "click
//! Start > Power, then click Restart" as one path.

use super::lexicon::{self, CONNECTORS, LABEL_STOPS};
use super::tokens::Tok;

/// Capitalised words that open a sentence or an instruction and so never
/// begin a segment ("Go to Settings > …", "Then Settings > …").
const LEAD_WORDS: &[&str] = &[
    "go",
    "open",
    "click",
    "tap",
    "select",
    "choose",
    "navigate",
    "head",
    "then",
    "next",
    "now",
    "first",
    "finally",
    "also",
    "just",
    "simply",
    "please",
    "launch",
    "visit",
    "access",
    "in",
    "on",
    "from",
    "under",
    "via",
    "using",
    "press",
    "hit",
    "right-click",
    "double-click",
    "find",
    "locate",
    "scroll",
    "and",
    "or",
    "to",
    "if",
    "when",
    "step",
    "at",
    "into",
    "it",
];

/// Does the word look like part of a UI label: capitalised ("Settings",
/// "iCloud"), a number, or a symbol such as "&"?
pub fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match (cs.next(), cs.next()) {
        (Some(a), _) if a.is_uppercase() || a.is_ascii_digit() => true,
        (Some(a), Some(b)) if a.is_lowercase() && b.is_uppercase() => true,
        (Some(a), None) => matches!(a, '&' | '+'),
        _ => false,
    }
}

fn word(t: &Tok) -> Option<&str> {
    match t {
        Tok::Word(w) => Some(w),
        _ => None,
    }
}

/// Replaces every explicit chain in a token stream by a `Tok::Chain`.
pub fn mark_chains(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if toks[i] != Tok::Sep {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        let Some((left, left_len, left_alt)) = left_with_aside(&out) else {
            out.push(Tok::Sep);
            i += 1;
            continue;
        };
        let (mut segs, mut alts) = (vec![left], Vec::new());
        if let Some(a) = left_alt {
            alts.push((0, a));
        }
        let mut j = i;
        while j < toks.len() && toks[j] == Tok::Sep {
            let Some((seg, alt, next)) = right_item(&toks, j + 1) else {
                break;
            };
            if let Some(a) = alt {
                alts.push((segs.len(), a));
            }
            segs.push(seg);
            j = next;
        }
        let good = segs.iter().take_while(|s| is_label(s)).count();
        segs.truncate(good);
        alts.retain(|(k, _)| *k < good);
        if segs.len() < 2 || is_comparison(&segs) || names_folders(&out[..out.len() - left_len]) {
            out.push(Tok::Sep);
            i += 1;
            continue;
        }
        out.truncate(out.len() - left_len);
        out.push(Tok::Chain(segs, alts));
        i = j;
    }
    out
}

/// The segment before a separator, also when a parenthesis stands between
/// them: "**Settings** (**Win key + I**) > Ease of access". A shortcut in
/// the parenthesis is dropped; a name is kept as the segment's
/// alternative. Returns the segment, how many tokens of `out` it spans
/// with the parenthesis, and the alternative.
fn left_with_aside(out: &[Tok]) -> Option<(String, usize, Option<String>)> {
    if out.last() != Some(&Tok::Punct(')')) {
        return left_item(out).map(|(s, n)| (s, n, None));
    }
    let close = out.len() - 1;
    let open = (close.saturating_sub(8)..close)
        .rev()
        .find(|&k| out[k] == Tok::Punct('('))?;
    let inner: Vec<&str> = out[open + 1..close]
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) | Tok::Mark(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    let inner = inner.join(" ");
    let (seg, n) = left_item(&out[..open])?;
    let shortcut = inner.contains('+') || inner.is_empty();
    let alt = (!shortcut && inner.starts_with(char::is_uppercase)).then_some(inner);
    Some((seg, n + out.len() - open, alt))
}

/// The segment before a separator: a marked label, or the run of
/// capitalised words that ends there. Returns it and how many tokens of
/// `out` it spans.
fn left_item(out: &[Tok]) -> Option<(String, usize)> {
    match out.last()? {
        Tok::Mark(m) => Some((split_alt(m).0, 1)),
        // "the **three dots** button > **Settings**": the marked name
        // and the kind of element it is.
        Tok::Word(w)
            if w.starts_with(char::is_lowercase) && lexicon::is_in(lexicon::GENERIC_NOUNS, w) =>
        {
            match out.len().checked_sub(2).map(|k| &out[k]) {
                Some(Tok::Mark(m)) => Some((format!("{} {w}", split_alt(m).0), 2)),
                _ => None,
            }
        }
        Tok::Word(_) => {
            let mut k = out.len();
            while k > 0 && out.len() - k < 6 {
                let Some(w) = word(&out[k - 1]) else { break };
                if lexicon::is_in(LEAD_WORDS, w) && !(is_cap(w) && k == out.len()) {
                    break;
                }
                let joins = lexicon::is_in(CONNECTORS, w)
                    && k >= 2
                    && word(&out[k - 2]).is_some_and(is_cap);
                if !(is_cap(w) || joins) {
                    break;
                }
                k -= 1;
            }
            while k < out.len() && word(&out[k]).is_some_and(|w| lexicon::is_in(CONNECTORS, w)) {
                k += 1;
            }
            if k == out.len() {
                return None;
            }
            let words: Vec<&str> = out[k..].iter().filter_map(word).collect();
            Some((words.join(" "), out.len() - k))
        }
        _ => None,
    }
}

/// "Cellular (or Mobile Data)" -> ("Cellular", Some("Mobile Data")).
fn split_alt(s: &str) -> (String, Option<String>) {
    let Some(open) = s.find('(') else {
        return (s.trim().to_string(), None);
    };
    let head = s[..open].trim();
    if head.is_empty() {
        return (s.trim().to_string(), None);
    }
    let inner = s[open + 1..].trim_end_matches(')').trim();
    let inner = inner.strip_prefix("or ").unwrap_or(inner).trim();
    if inner
        .to_lowercase()
        .starts_with(|c: char| c.is_ascii_digit())
        || !inner.starts_with(char::is_uppercase)
    {
        // "DWORD (32-bit) Value": the parenthesis belongs to the label.
        return (s.trim().to_string(), None);
    }
    (head.to_string(), Some(inner.to_string()))
}

/// The segment after a separator starting at `j`: a marked label or a run
/// of label words, then an optional parenthetical alternative. Returns the
/// segment, the alternative and the index after them.
fn right_item(toks: &[Tok], j: usize) -> Option<(String, Option<String>, usize)> {
    let j = skip_segment_verb(toks, j);
    let (seg, mut alt, mut next) = match toks.get(j)? {
        Tok::Mark(m) => {
            let (s, a) = split_alt(m);
            (s, a, j + 1)
        }
        Tok::Word(_) => {
            let end = label_run(toks, j);
            if end == j {
                return None;
            }
            let words: Vec<&str> = toks[j..end].iter().filter_map(word).collect();
            (words.join(" "), None, end)
        }
        _ => return None,
    };
    if toks.get(next) == Some(&Tok::Punct('(')) {
        let close = (next + 1..toks.len().min(next + 10)).find(|&k| toks[k] == Tok::Punct(')'));
        if let Some(close) = close {
            let inner: Vec<&str> = toks[next + 1..close]
                .iter()
                .filter_map(|t| match t {
                    Tok::Word(w) | Tok::Mark(w) => Some(w.as_str()),
                    _ => None,
                })
                .collect();
            let inner: &[&str] = match inner.first() {
                Some(&"or") => &inner[1..],
                _ => &inner,
            };
            if inner.first().is_some_and(|w| is_cap(w)) {
                alt = Some(inner.join(" "));
            }
            next = close + 1;
        }
    }
    let (seg, next) = with_plain_tail(toks, seg, next);
    Some((seg, alt, next))
}

/// A label whose markup stops short of its last words: "**plus** (**+**)
/// sign > …". One or two plain lower-case words running up to the next
/// separator belong to the segment.
fn with_plain_tail(toks: &[Tok], seg: String, next: usize) -> (String, usize) {
    let mut k = next;
    while k < next + 2
        && toks
            .get(k)
            .and_then(word)
            .is_some_and(|w| w.starts_with(char::is_lowercase) && !lexicon::is_in(LABEL_STOPS, w))
    {
        k += 1;
    }
    if k == next || toks.get(k) != Some(&Tok::Sep) {
        return (seg, next);
    }
    let tail: Vec<&str> = toks[next..k].iter().filter_map(word).collect();
    (format!("{seg} {}", tail.join(" ")), k)
}

/// Verbs written between separators ("Reset > select Erase All > Click
/// Erase iPhone"): the instruction, not part of the label.
const SEGMENT_VERBS: &[&str] = &["select", "click", "tap", "choose", "press", "hit", "open"];

/// Index after a verb (and "go to") that opens a segment, when a label
/// follows it.
fn skip_segment_verb(toks: &[Tok], j: usize) -> usize {
    let w = |k: usize| toks.get(k).and_then(word);
    let after = match (w(j), w(j + 1)) {
        (Some(a), Some(b)) if a.eq_ignore_ascii_case("go") && b == "to" => j + 2,
        (Some(a), _) if lexicon::is_in(SEGMENT_VERBS, a) => j + 1,
        _ => return j,
    };
    let after = if w(after).is_some_and(|x| x == "on" || x == "the") {
        after + 1
    } else {
        after
    };
    match toks.get(after) {
        Some(Tok::Mark(_)) => after,
        Some(Tok::Word(x)) if is_cap(x) => after,
        _ => j,
    }
}

/// End of a run of label words starting at `j`: capitalised words and the
/// small words between them; a short lower-case tail ("Default apps") only
/// when it runs to the end of the clause.
pub fn label_run(toks: &[Tok], j: usize) -> usize {
    let mut k = j;
    while let Some(w) = toks.get(k).and_then(word) {
        if k - j >= 7 {
            break;
        }
        if is_cap(w) {
            k += 1;
            continue;
        }
        let joins =
            lexicon::is_in(CONNECTORS, w) && toks.get(k + 1).and_then(word).is_some_and(is_cap);
        if joins && k > j {
            k += 1;
            continue;
        }
        break;
    }
    if k == j {
        return j;
    }
    // A lower-case tail that runs to the clause end: "Default apps.";
    // not "as administrator", which says how, not what.
    if toks
        .get(k)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(CONNECTORS, w))
    {
        return k;
    }
    let mut t = k;
    while let Some(w) = toks.get(t).and_then(word) {
        if t - k >= 3 || lexicon::is_in(LABEL_STOPS, w) || is_cap(w) {
            return k;
        }
        t += 1;
    }
    if t > k && matches!(toks.get(t), None | Some(Tok::Punct(_) | Tok::Sep)) {
        return t;
    }
    k
}

/// A segment is a short UI label: not empty, not a sentence, not a file
/// path, registry key or URL.
pub fn is_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if words == 0 || words > 10 || s.chars().count() > 90 {
        return false;
    }
    let l = s.to_lowercase();
    if l.contains("://")
        || l.contains(":\\")
        || l.starts_with('/')
        || l.contains('\\')
        || l.starts_with("www.")
        || l.starts_with("hkey_")
        || l.ends_with(".com")
        || is_drive_path(s)
    {
        return false;
    }
    s.chars().any(char::is_alphabetic)
}

/// Words that announce a file-system location: a chain after them
/// ("go to folders: Windows > Temp") is a folder path, not a UI path.
const FOLDER_WORDS: &[&str] = &["folder", "folders", "directory", "directories"];

/// Do the tokens before a chain announce a folder path?
fn names_folders(before: &[Tok]) -> bool {
    let mut k = before.len();
    while k > 0 && matches!(before[k - 1], Tok::Punct(':')) {
        k -= 1;
    }
    k > 0 && word(&before[k - 1]).is_some_and(|w| lexicon::is_in(FOLDER_WORDS, w))
}

/// A drive letter opening a segment ("C:Program Files"): a file path
/// whose backslashes the page lost.
fn is_drive_path(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some(a), Some(':'), Some(c)) if a.is_ascii_alphabetic() && !c.is_whitespace()
    ) || matches!((s.chars().next(), s.chars().nth(1), s.chars().nth(2)), (Some(a), Some(':'), None) if a.is_ascii_alphabetic())
}

/// "iOS 17 > iOS 16", "8GB > 4GB": version and size comparisons.
fn is_comparison(segs: &[String]) -> bool {
    let strip = |s: &String| {
        s.chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && *c != '.')
            .collect::<String>()
            .to_lowercase()
    };
    segs.iter().all(|s| s.chars().any(|c| c.is_ascii_digit()))
        || segs.iter().all(|s| strip(s) == strip(&segs[0]))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn chains(text: &str) -> Vec<Vec<String>> {
        mark_chains(tokenize(text))
            .into_iter()
            .filter_map(|t| match t {
                Tok::Chain(s, _) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bold_chain_glued_to_words() {
        assert_eq!(
            chains(
                "You can toggle it by going to**Settings > Messages > Send Read Receipts** , where"
            ),
            [["Settings", "Messages", "Send Read Receipts"]]
        );
    }

    #[test]
    fn bold_segments_and_plain_separators() {
        assert_eq!(
            chains("Open **Settings** > **Privacy** now."),
            [["Settings", "Privacy"]]
        );
    }

    #[test]
    fn plain_chain_in_a_sentence() {
        assert_eq!(
            chains("Check this by going to Settings > Wi-Fi, where you can see networks."),
            [["Settings", "Wi-Fi"]]
        );
        assert_eq!(
            chains("Go to Settings > Apps > Default apps."),
            [["Settings", "Apps", "Default apps"]]
        );
    }

    #[test]
    fn verbs_between_separators_are_dropped() {
        assert_eq!(
            chains("Go to Settings > General > select Reset All > Click Erase Phone to confirm."),
            [["Settings", "General", "Reset All", "Erase Phone"]]
        );
    }

    #[test]
    fn marked_name_then_the_kind_of_element() {
        assert_eq!(
            chains("Tap the **two dots** icon > **Preferences** > **Sync**."),
            [vec![
                "two dots icon".to_string(),
                "Preferences".into(),
                "Sync".into()
            ]]
        );
    }

    #[test]
    fn parenthetical_alternative() {
        let t = mark_chains(tokenize(
            "Go to Settings > Cellular (or Mobile Data) and check.",
        ));
        let alts = t.iter().find_map(|t| match t {
            Tok::Chain(s, a) => Some((s.clone(), a.clone())),
            _ => None,
        });
        assert_eq!(
            alts,
            Some((
                vec!["Settings".to_string(), "Cellular".to_string()],
                vec![(1, "Mobile Data".to_string())]
            ))
        );
        assert_eq!(
            chains("Review **Settings > Cellular (or Mobile Data)** if roaming."),
            [["Settings", "Cellular"]]
        );
    }

    #[test]
    fn every_separator_and_escape() {
        for text in [
            "Go to Settings → General → About.",
            "Go to Settings -> General -> About.",
            "Go to Settings › General › About.",
            "Go to Settings » General » About.",
            "Go to **Settings | General | About**.",
            "Go to Settings \\> General \\> About.",
            "Go to <b>Settings</b> &gt; <b>General</b> &gt; <b>About</b>.",
            "Go to *Settings* > *General* > *About*.",
            "Go to `Settings > General > About`.",
        ] {
            assert_eq!(chains(text), [["Settings", "General", "About"]], "{text}");
        }
    }

    #[test]
    fn not_paths() {
        assert!(chains("iOS 17 > iOS 16 in speed").is_empty());
        assert!(chains("see https://a.com/x > 3").is_empty());
        assert!(chains("Press Win + R, then Ctrl + Shift + Esc.").is_empty());
        assert!(chains("Open C:\\Windows\\System32 > drivers").is_empty());
        assert!(chains("Open HKEY_LOCAL_MACHINE\\SOFTWARE > x").is_empty());
        assert!(chains("speed matters more -> quality suffers").is_empty());
        assert!(chains("![Settings > General](shot.png)").is_empty());
        assert!(chains("## Resolution and 4K | How Do DVDs Look").is_empty());
        assert!(chains("Go to folders: **Windows > Temp**.").is_empty());
        assert!(chains("Open the folder Windows > Temp.").is_empty());
        assert!(chains("Open File Explorer > C:Program Files.").is_empty());
    }
}
