//! Moves written in words: "open Settings, tap General, then tap About",
//! "right-click Command Prompt and select Run as administrator". Each
//! sentence becomes a list of events — a named element reached by a UI verb,
//! a break (typing, pressing keys, an unnamed element), a sentence end —
//! that `mod.rs` strings into paths across sentences and list items.

use super::explicit::{is_cap, is_label, label_run};
use super::lexicon::{self, BREAK_VERBS, GENERIC_NOUNS, KEYS, NAV_VERBS, PRONOUNS, ROOT_VERBS};
use super::tokens::Tok;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// A named element the reader moves to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mention {
    /// One segment, or several for an explicit chain.
    pub segs: Vec<String>,
    /// Parenthetical alternatives, by position in `segs`.
    pub alts: Vec<(usize, String)>,
    /// Other elements offered for the last level ("select Search or Run").
    pub more: Vec<String>,
    /// Written with separators.
    pub explicit: bool,
    /// Where the reader starts ("open X", "go to X" opening a sentence).
    pub root: bool,
    /// Starts a new path even inside a numbered procedure: a chain opened
    /// with "go to" or no verb, a context menu ("right-click X").
    pub hard: bool,
    /// A final toggle or checkbox: the path ends here.
    pub last: bool,
    /// Placed next to an unnamed element ("the Update button next to the
    /// device"): the path so far ended at that element, so this one starts
    /// a new path.
    pub fresh: bool,
    /// A chain reached with "go to" / "head to": it names a whole
    /// location, so it continues only a path that has just opened an app.
    pub goto: bool,
    /// Reached with a verb that opens a place ("open", "go to"), not one
    /// that clicks a button.
    pub opened: bool,
    /// Typed into a search box ("type Control Panel", "search for
    /// Windows Security"): a level only once the reader picks the result.
    pub typed: bool,
    /// A window the reader is in ("In the Control Panel window, …"): it
    /// starts a path, or is the level just opened.
    pub place: bool,
    /// Expanded or located in a list ("expand Keyboards", "double-click
    /// Imaging devices to expand it"): the items inside it come next.
    pub expands: bool,
    /// Named as a tab, section or page: a place the reader is now in.
    pub place_noun: bool,
    /// Started with a verb that starts a program ("open", "launch",
    /// "run"), not one that moves inside it ("go to").
    pub launched: bool,
    /// The one element in `more` was joined with a bare "and" and ends the
    /// sentence ("select Privacy and Microphone."): clicked after this one
    /// unless the verb sets boxes ("turn on A and B").
    pub and_then: bool,
    /// Clicked to get past a prompt ("click Uninstall again to confirm",
    /// "click Remove to continue"): like OK, not a level.
    pub confirms: bool,
}

/// Verbs that start a program or open a file.
const LAUNCH_VERBS: &[&str] = &["open", "launch", "run", "invoke", "opened", "launched"];

/// UI verbs in the past tense, for first-person accounts.
const PAST_VERBS: &[&[&str]] = &[
    &["went", "to"],
    &["navigated", "to"],
    &["headed", "to"],
    &["clicked", "on"],
    &["tapped", "on"],
    &["opened"],
    &["launched"],
    &["clicked"],
    &["tapped"],
    &["selected"],
    &["chose"],
];

/// Is the past-tense verb at `i` the writer's own move: after "I" / "we",
/// or joined with "and" / "then" to a move of the same sentence?
fn is_first_person(toks: &[Tok], i: usize, seen: bool) -> bool {
    match i.checked_sub(1).and_then(|p| word(&toks[p])) {
        Some(p) => matches!(p, "I" | "we" | "We") || seen && matches!(p, "and" | "then"),
        None => false,
    }
}

/// What a sentence says about moving through the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Mention(Mention),
    /// Something that is not a move to a named element ends the path.
    Break,
    /// Picking a search result ("select the Best match"): the typed name
    /// before it is the level opened.
    Result,
    /// A context menu opened on "it" at the start of a sentence ("Then
    /// right-click it and …"): the element the path reached when that was
    /// an app or a place opened, otherwise something before the last
    /// click, so the path so far is complete.
    Context,
}

/// Verbs that set a final state; their object ends a path.
const FINAL_VERBS: &[&[&str]] = &[
    &["check", "the", "box", "next", "to"],
    &["turn", "on"],
    &["turn", "off"],
    &["toggle", "on"],
    &["toggle", "off"],
    &["check"],
    &["uncheck"],
    &["tick"],
    &["untick"],
    &["enable"],
    &["disable"],
];

/// Words between a verb and its object that say nothing about it.
const SKIP: &[&str] = &[
    "the", "your", "on", "either", "both", "into", "onto", "over",
];

/// Words that introduce the name of an element after a generic noun: "the
/// icon for Send messages", "the box next to Sync".
/// States a control is seen in ("the Sync switch is off").
const STATES: &[&str] = &[
    "on",
    "off",
    "enabled",
    "disabled",
    "checked",
    "unchecked",
    "selected",
    "greyed",
    "grayed",
    "toggled",
    "turned",
];

const NAMERS: &[&str] = &[
    "for", "labeled", "labelled", "called", "named", "titled", "saying",
];

fn word(t: &Tok) -> Option<&str> {
    match t {
        Tok::Word(w) => Some(w),
        _ => None,
    }
}

/// Lower-cased text of a word or a short marked span (a bold verb:
/// "**Right-click** the file").
fn verb_word(t: &Tok) -> Option<String> {
    match t {
        Tok::Word(w) => Some(w.to_lowercase()),
        Tok::Mark(m) if !m.contains(' ') => Some(m.to_lowercase()),
        _ => None,
    }
}

/// Whether token `t` is the lexicon word `w` (lower-case ASCII), compared
/// without allocating: this runs for every token against every verb phrase.
fn is_word(t: &Tok, w: &str) -> bool {
    match t {
        Tok::Word(x) => x.eq_ignore_ascii_case(w),
        Tok::Mark(m) if !m.contains(' ') => m.eq_ignore_ascii_case(w),
        _ => false,
    }
}

/// First words of every verb phrase [`match_verb`] is asked about, ASCII
/// lower-cased: most tokens start none, and one set lookup rules them out
/// before a comparison with every phrase of a list.
static VERB_FIRST_WORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    [NAV_VERBS, FINAL_VERBS, PAST_VERBS, SEARCH_VERBS]
        .iter()
        .flat_map(|list| list.iter())
        .filter_map(|v| v.first())
        .map(|w| w.to_ascii_lowercase())
        .collect()
});

/// Whether the token at `i` may start a verb phrase: the same test as
/// [`is_word`] against every first word, by one lookup.
fn may_start_verb(t: &Tok) -> bool {
    let text = match t {
        Tok::Word(x) => x.as_str(),
        Tok::Mark(m) if !m.contains(' ') => m.as_str(),
        _ => return false,
    };
    let mut buf = [0u8; 32];
    let Some(b) = buf.get_mut(..text.len()) else {
        // Longer than any verb; let the full comparison decide.
        return true;
    };
    b.copy_from_slice(text.as_bytes());
    b.make_ascii_lowercase();
    std::str::from_utf8(b).is_ok_and(|k| VERB_FIRST_WORDS.contains(k))
}

/// Length of the verb phrase of `list` starting at `i`, if any.
fn match_verb(toks: &[Tok], i: usize, list: &[&[&str]]) -> Option<usize> {
    if !toks.get(i).is_some_and(may_start_verb) {
        return None;
    }
    list.iter()
        .find(|v| {
            v.iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| is_word(t, w)))
        })
        .map(|v| v.len())
}

/// The events of one block's tokens, in order.
pub fn events(toks: &[Tok]) -> Vec<Event> {
    let mut out = Vec::new();
    let mut seen = false; // a mention earlier in this sentence
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if let Tok::Punct(c) = t {
            if matches!(c, '.' | '!' | '?' | ';' | ':') {
                seen = false;
            }
            i += 1;
            continue;
        }
        if let Some(next) = window_just_opened(toks, i) {
            // "In the Explorer window that opens, right-click X": the
            // window the last move opened, not a level, and the move
            // made in it goes on from there.
            seen = true;
            i = next;
            continue;
        }
        if let Some(next) = replaces_route(toks, i) {
            // "If you don't see those options, select the More menu and
            // go to …": another route, a path of its own.
            out.push(Event::Break);
            seen = false;
            i = next;
            continue;
        }
        if is_fallback(toks, i) {
            // "If you can't see it, click Show hidden icons": a detour for
            // some readers, which neither adds a level nor ends the path.
            i = (i + 1..toks.len())
                .find(|&k| matches!(toks[k], Tok::Punct('.' | ';' | '!' | '?')))
                .unwrap_or(toks.len());
            continue;
        }
        if let Tok::Chain(segs, alts) = t {
            out.push(Event::Mention(Mention {
                root: !seen,
                hard: !seen,
                ..Mention::chain(segs, alts)
            }));
            seen = true;
            i += 1;
            continue;
        }
        let (len, fin) = match (
            match_verb(toks, i, NAV_VERBS),
            match_verb(toks, i, FINAL_VERBS),
        ) {
            (Some(n), _) => (n, false),
            (None, Some(n)) => (n, true),
            (None, None) => match match_verb(toks, i, PAST_VERBS) {
                // "I went to Settings and tapped General": a reader's
                // account of the same moves.
                Some(n) if is_first_person(toks, i, seen) => (n, false),
                _ => (
                    usize::from(is_joined_gerund(toks, i) || finds_marked(toks, i))
                        .max(told_of_marked(toks, i)),
                    false,
                ),
            },
        };
        let prev = i.checked_sub(1).and_then(|p| word(&toks[p]));
        let prev2 = i.checked_sub(2).and_then(|p| word(&toks[p]));
        if len > 0 && prev == Some("to") && prev2.is_some_and(|w| lexicon::is_in(TOPIC_WORDS, w)) {
            // "here's how to open Control Panel", "ways to access X": the
            // topic, not a move.
            i = skip_clause(toks, i);
            continue;
        }
        if len > 0 && prev == Some("To") {
            // "To access Hot Corners, click …": a purpose, not a move.
            i = skip_clause(toks, i);
            continue;
        }
        if len > 0 && prev.is_some_and(|p| p == "or" || p == "also") {
            // "choose Unhide, or select Format > …", "you can also hit
            // Update All": another route.
            out.push(Event::Break);
        }
        if len > 0
            && prev.is_some_and(|p| p == "will" || p == "would")
            && !prev2.is_some_and(|p| p.eq_ignore_ascii_case("you"))
            && matches!(out.last(), Some(Event::Mention(_)))
        {
            // "navigate to X. This will open the X page": what a move
            // does, not a move. After keys pressed ("press Ctrl + Shift
            // + Esc. This will open the Task Manager") it names the place
            // opened.
            i = skip_clause(toks, i);
            continue;
        }
        if len > 0 && is_hedged(toks, i) {
            // "You may need to open the System section first": advice for
            // some devices, not the next move.
            i = skip_clause(toks, i);
            continue;
        }
        if let Some((m, next)) = make_sure_set(toks, i) {
            // "Make sure the toggle labeled **Sync** is off": the setting
            // checked is the last level.
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        if let Some((m, next)) = seen_until(toks, i) {
            // "Hold the power button until you see the Power menu": the
            // place that opens.
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        if len > 0 && is_subordinate(toks, i) {
            // "you'll be prompted when you click Update All": a comment on
            // a move, not an instruction.
            i = skip_clause(toks, i);
            continue;
        }
        if is_alternative_opener(toks, i) {
            // "Or click Update All …", "Alternatively, open …".
            out.push(Event::Break);
        }
        if let Some((evs, next)) = set_value(toks, i) {
            seen = true;
            out.extend(evs);
            i = next;
            continue;
        }
        if len > 0 && picks_result(toks, i, len) {
            out.push(Event::Result);
            i = skip_clause(toks, i);
            continue;
        }
        if let Some((mut m, next)) = typed(toks, i, seen) {
            if let Some(Event::Mention(p)) = out.last() {
                // "click the Start menu search bar and type X": the box
                // typed into is not a level.
                // "navigate to the address bar and type X": any text box.
                let search_box = p.segs.last().is_some_and(|s| {
                    s.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("search"))
                        || s.rsplit_once(' ')
                            .is_some_and(|(_, n)| matches!(n, "bar" | "box" | "field"))
                });
                if search_box {
                    out.pop();
                    m.root = true;
                    m.hard = true;
                }
            }
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        if len > 0 {
            let root_verb = toks
                .get(i)
                .and_then(verb_word)
                .is_some_and(|v| lexicon::is_in(ROOT_VERBS, &v));
            let (obj, next) = object(toks, i + len);
            // "select your **Windows system**": the reader's own item,
            // marked or not, is not named by the text ("open your
            // **Settings** app" opens a named app).
            let (obj, next) = match (&obj, toks.get(i + len).and_then(word)) {
                (Obj::Name(m), Some("your")) if !root_verb && !m.explicit => (Obj::Unnamed, next),
                _ => (obj, next),
            };
            // "scroll down to X, right-click on it": X is the item, and
            // its context menu starts a path.
            if (is_word(&toks[i], "bring") || is_word(&toks[i], "pull"))
                && !matches!(obj, Obj::Name(_))
            {
                // "This will bring up a menu": something appears; nothing
                // is clicked.
                i += len;
                continue;
            }
            let mut scrolled_context = false;
            if is_word(&toks[i], "scroll") {
                let ends = matches!(
                    toks.get(next),
                    None | Some(Tok::Punct('.' | ';' | '!' | '?'))
                );
                match acted_on(toks, next) {
                    Some(context) => scrolled_context = context,
                    // "open Settings and scroll down to **Storage**.": the
                    // place the reader stops at.
                    None if ends && matches!(obj, Obj::Name(_)) => {}
                    // "scroll down to the Display section and click X",
                    // "scroll down to the bottom": moving the view is
                    // neither a level nor the end of the path.
                    None => {
                        i += len;
                        continue;
                    }
                }
            }
            match obj {
                Obj::Name(mut m) if prev == Some("to") && root_verb && !m.explicit && seen => {
                    // "click X to open the Y window": what the click opens.
                    if let Some(Event::Mention(p)) = out.last_mut() {
                        let icon = !p.explicit
                            && p.segs.len() == 1
                            && (p.segs[0].ends_with(" icon")
                                || lexicon::is_in(lexicon::CONFIRMATIONS, &p.segs[0]));
                        if icon {
                            // "click the gear icon to launch the Settings
                            // app", "click OK to open Control Panel": the
                            // icon or the dialog's button stands for what
                            // it opens.
                            m.root = p.root;
                            m.hard = p.hard;
                            m.opened = true;
                            *p = m;
                        } else {
                            // "right-click Start to open the Power menu",
                            // "click Recover to access the recovery":
                            // the element clicked is the level.
                            p.opened = true;
                        }
                    }
                }
                Obj::Name(mut m) => {
                    // A chain opening a sentence starts where the reader
                    // starts, whatever the verb.
                    // "scroll down and go to X": a root verb after another
                    // action carries on from where the reader is.
                    let after_and = prev.is_some_and(|p| p == "and");
                    m.root = m.root || ((root_verb && !after_and || m.explicit) && !seen);
                    let context = toks.get(i).and_then(verb_word).is_some_and(|v| {
                        matches!(v.as_str(), "right-click" | "right" | "right-clicking")
                    });
                    m.hard = !seen && (context || scrolled_context || (m.explicit && !root_verb));
                    m.goto = m.explicit && root_verb && !seen;
                    // "click the three-dot menu icon", "tap the gear icon":
                    // what it opens is the place the next move is made in.
                    let menu = m.segs.last().is_some_and(|s| {
                        s.split_whitespace()
                            .skip(1)
                            .any(|w| w == "menu" || w == "icon")
                    });
                    m.opened = root_verb || m.place_noun || menu;
                    m.launched = toks
                        .get(i)
                        .and_then(verb_word)
                        .is_some_and(|v| lexicon::is_in(LAUNCH_VERBS, &v));
                    m.hard = m.hard || m.fresh;
                    m.root = m.root || m.hard;
                    // "check the Full scan box and click Scan now": the
                    // box is set on the way to the button.
                    let and_click = toks.get(next).and_then(word) == Some("and")
                        && match_verb(toks, next + 1, NAV_VERBS).is_some();
                    // "Check the box before A. And then click the box
                    // before B": the next sentence carries on from it.
                    let then_click = toks.get(next) == Some(&Tok::Punct('.')) && {
                        let mut k = next + 1;
                        if toks.get(k).and_then(word) == Some("And") {
                            k += 1;
                        }
                        toks.get(k)
                            .and_then(word)
                            .is_some_and(|w| w.eq_ignore_ascii_case("then"))
                            && match_verb(toks, k + 1, NAV_VERBS).is_some()
                    };
                    m.last = fin && !and_click && !then_click;
                    m.confirms = !root_verb && confirms_prompt(toks, next);
                    m.expands = expands(toks, i, next);
                    seen = true;
                    let inner = if m.and_then && !fin {
                        m.more.pop().map(mention)
                    } else {
                        None
                    };
                    out.push(Event::Mention(m));
                    if let Some(inner) = inner {
                        out.push(Event::Mention(inner));
                    }
                }
                // "double-click X to expand the category": a purpose,
                // not a move to an unnamed element.
                Obj::Unnamed if prev == Some("to") => {}
                Obj::Unnamed => out.push(Event::Break),
                // "Then right-click it and click X" opening a sentence: a
                // context menu on the element already reached starts a
                // path there.
                Obj::Nothing
                    if !seen
                        && toks
                            .get(i)
                            .and_then(verb_word)
                            .is_some_and(|v| v.starts_with("right"))
                        && toks
                            .get(i + len)
                            .and_then(word)
                            .is_some_and(|w| lexicon::is_in(&["it", "them", "this"], w)) =>
                {
                    out.push(Event::Context);
                }
                // "If you find any slow tasks, select them and click End
                // task": "them" stands for the reader's own items, not an
                // element the path has named.
                Obj::Nothing
                    if toks.get(i + len).and_then(word) == Some("them")
                        && !toks
                            .get(i)
                            .and_then(verb_word)
                            .is_some_and(|v| v.starts_with("right")) =>
                {
                    out.push(Event::Break);
                }
                Obj::Nothing => {}
            }
            i = next.max(i + 1);
            continue;
        }
        if let Some((m, next)) = labelled_field(toks, i) {
            // "Then in **Startup type:**, choose **Disabled**": the field,
            // then the value chosen in it.
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        if is_section_value(toks, i) {
            // "In Motion Blur, select Off": a value chosen in a section.
            out.push(Event::Break);
            i = (i + 1..toks.len())
                .find(|&k| matches!(toks[k], Tok::Punct('.' | ';' | '!' | '?')))
                .unwrap_or(toks.len());
            continue;
        }
        if let Some((m, next)) = then_named(toks, i, seen) {
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        if is_break_verb(toks, i) {
            if i > 0 && word(&toks[i - 1]) == Some("or") && is_word(&toks[i], "press") {
                // "click the Start icon or press the Windows key": the
                // same level reached from the keyboard.
                i = skip_clause(toks, i);
                continue;
            }
            out.push(Event::Break);
        } else if let Some((m, next)) = tab_locator(toks, i).or_else(|| window_locator(toks, i)) {
            seen = true;
            out.push(Event::Mention(m));
            i = next;
            continue;
        }
        i += 1;
    }
    out
}

/// Does the clicked element get the reader past a prompt: clicked "again
/// to confirm" (the same action, now in the dialog that asks), or clicked
/// "to continue"? Clicked "again" to go on ("click X again and select Y")
/// it is a level, and "X to confirm" alone may name the last one.
fn confirms_prompt(toks: &[Tok], next: usize) -> bool {
    let w = |k: usize| toks.get(k).and_then(word);
    match w(next) {
        Some("again") => w(next + 1) == Some("to") && w(next + 2) == Some("confirm"),
        Some("to") => w(next + 1) == Some("continue"),
        _ => false,
    }
}

/// Words before "to <verb>" that make it a topic ("how to open X").
const TOPIC_WORDS: &[&str] = &["how", "way", "ways", "where"];

/// Words that name a search result rather than an element.
const RESULT_WORDS: &[&str] = &["result", "results", "match"];

/// "select the Best match", "click the first relevant search result": a
/// click (not a context menu) on a search result, up to the next comma or
/// sentence end.
fn picks_result(toks: &[Tok], i: usize, len: usize) -> bool {
    let v = toks.get(i).and_then(verb_word).unwrap_or_default();
    if v.starts_with("right") {
        return false;
    }
    let has_result = |t: &str| {
        t.split_whitespace()
            .any(|w| lexicon::is_in(RESULT_WORDS, w))
    };
    let mut j = i + len;
    while toks
        .get(j)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(SKIP, w))
    {
        j += 1;
    }
    if let Some((name, _)) = name_at(toks, j) {
        // "select Open file location": a named element.
        return has_result(&name);
    }
    let end = skip_clause(toks, j).min(j + 8);
    toks[j..end].iter().any(|t| match t {
        Tok::Word(w) => has_result(w),
        Tok::Mark(m) => has_result(m),
        _ => false,
    })
}

/// Verbs that put a name into a search box.
const SEARCH_VERBS: &[&[&str]] = &[&["search", "for"], &["type"], &["search"], &["enter"]];

/// "type **Control Panel**", "search for Windows Security": the name
/// typed, a level only if the reader then picks the result.
fn typed(toks: &[Tok], i: usize, seen: bool) -> Option<(Mention, usize)> {
    if !is_break_verb(toks, i) {
        return None;
    }
    let len = match_verb(toks, i, SEARCH_VERBS)?;
    let at = i + len + usize::from(toks.get(i + len).and_then(word) == Some("the"));
    let (name, next) = name_at(toks, at)?;
    let next = skip_nouns_and_parens(toks, next);
    if name.contains(['/', '\\', '.', ':']) {
        // "type sfc /scannow", "type devmgmt.msc": a command.
        return None;
    }
    let mut m = mention(name);
    m.typed = true;
    m.opened = true;
    // "type X" starts over in a search box; "search for X" looks inside
    // the place the reader is in.
    let starts = !seen
        && word(&toks[i]).is_some_and(|w| !w.eq_ignore_ascii_case("search"))
        && !in_own_search_box(toks, next);
    m.root = starts;
    m.hard = starts;
    Some((m, next))
}

/// "… in the Control Panel's search box": typed into the search box of
/// the place the reader is in, not the system's.
fn in_own_search_box(toks: &[Tok], k: usize) -> bool {
    toks.get(k).and_then(word) == Some("in")
        && toks[k + 1..]
            .iter()
            .take(5)
            .take_while(|t| !matches!(t, Tok::Punct(_)))
            .filter_map(word)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|p| (p[0].ends_with("'s") || p[0].ends_with("’s")) && p[1] == "search")
}

/// Click verbs in their "-ing" form.
const GERUNDS: &[&str] = &["selecting", "clicking", "tapping", "choosing"];

/// "heading to Settings > Sound and selecting the Playback tab": a click
/// joined to a move with "and" is the next move ("by clicking" says how,
/// and is not one).
fn is_joined_gerund(toks: &[Tok], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| word(&toks[p]));
    let w = word(&toks[i]);
    // "Find it by right-clicking the Windows icon": a context menu or an
    // item opened is a move, however it is introduced.
    let by_opening = prev == Some("by") && w.is_some_and(|w| lexicon::is_in(OPENING_GERUNDS, w));
    by_opening || prev == Some("and") && w.is_some_and(|w| lexicon::is_in(GERUNDS, w))
}

/// Gerunds that open a context menu or an item.
const OPENING_GERUNDS: &[&str] = &["right-clicking", "double-clicking"];

/// Words that open a sentence offering another route.
const ALTERNATIVE_OPENERS: &[&str] = &["or", "alternatively", "otherwise"];

/// Does the word at `i` open a sentence with "Or" / "Alternatively" /
/// "if not"?
fn is_alternative_opener(toks: &[Tok], i: usize) -> bool {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?' | ':'));
    // "…; if not, click Revert".
    let if_not = word(&toks[i]).is_some_and(|w| w.eq_ignore_ascii_case("if"))
        && toks.get(i + 1).and_then(word) == Some("not");
    opens && (if_not || word(&toks[i]).is_some_and(|w| lexicon::is_in(ALTERNATIVE_OPENERS, w)))
}

/// Words that negate the condition of an "If …" sentence.
const NEGATIONS: &[&str] = &[
    "not",
    "can't",
    "can’t",
    "cannot",
    "don't",
    "don’t",
    "doesn't",
    "doesn’t",
    "isn't",
    "isn’t",
];

/// Does a sentence open at `i` with the reader not finding the element
/// just named ("If you can't find it, …", "If you don't see them, …")?
/// Other conditions ("If you can't see its status, right-click …") lead
/// to a step of their own.
fn is_fallback(toks: &[Tok], i: usize) -> bool {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?'));
    if !opens || word(&toks[i]) != Some("If") {
        return false;
    }
    let cond: Vec<&str> = toks[i + 1..]
        .iter()
        .take(6)
        .take_while(|t| !matches!(t, Tok::Punct(_)))
        .filter_map(word)
        .collect();
    let negated = cond.iter().any(|w| lexicon::is_in(NEGATIONS, w));
    let misses = cond.windows(2).any(|p| {
        lexicon::is_in(&["see", "find", "locate", "spot"], p[0])
            && lexicon::is_in(&["it", "them", "this", "one"], p[1])
    });
    negated && misses
}

/// "in **Startup type:**, …": a field named by its label, colon and all.
fn labelled_field(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    if !word(&toks[i])?.eq_ignore_ascii_case("in") {
        return None;
    }
    let Some(Tok::Mark(label)) = toks.get(i + 1) else {
        return None;
    };
    let colon_after = toks.get(i + 2) == Some(&Tok::Punct(':'));
    let name = match label.trim().strip_suffix(':') {
        Some(n) => n.trim_end(),
        None if colon_after => label.trim(),
        None => return None,
    };
    if !is_label(name) {
        return None;
    }
    let mut next = i + 2 + usize::from(colon_after);
    next += usize::from(toks.get(next) == Some(&Tok::Punct(',')));
    Some((mention(name.to_string()), next))
}

/// "In the X window that opens, …", "On the screen that appears, …":
/// where the sentence's first move is made; returns where that move
/// starts.
fn window_just_opened(toks: &[Tok], i: usize) -> Option<usize> {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?'));
    let w = |k: usize| toks.get(k).and_then(word);
    if !opens || !matches!(w(i)?, "In" | "On") || w(i + 1)? != "the" {
        return None;
    }
    let comma = (i + 2..toks.len().min(i + 10)).find(|&k| matches!(toks[k], Tok::Punct(_)))?;
    if toks[comma] != Tok::Punct(',') || comma < i + 5 {
        return None;
    }
    let noun = w(comma - 3)?;
    let that = w(comma - 2)?;
    let verb = w(comma - 1)?;
    let window = lexicon::is_in(WINDOWS, noun) || lexicon::is_in(&["screen", "page", "box"], noun);
    (window && that == "that" && lexicon::is_in(&["opens", "appears"], verb)).then_some(comma + 1)
}

/// Does a sentence open at `i` with the reader not finding the elements
/// of the route just given ("If you don't see those options, …")? What
/// follows is another route; returns where it starts. ("If you can't see
/// it, …" is a detour to one element: `is_fallback`.)
fn replaces_route(toks: &[Tok], i: usize) -> Option<usize> {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?'));
    if !opens || word(&toks[i]) != Some("If") {
        return None;
    }
    let comma = (i + 1..toks.len().min(i + 9)).find(|&k| matches!(toks[k], Tok::Punct(_)))?;
    if toks[comma] != Tok::Punct(',') {
        return None;
    }
    let cond: Vec<&str> = toks[i + 1..comma].iter().filter_map(word).collect();
    let negated = cond.iter().any(|w| lexicon::is_in(NEGATIONS, w));
    let those = cond.windows(3).any(|p| {
        lexicon::is_in(&["see", "find", "have"], p[0])
            && lexicon::is_in(&["those", "these"], p[1])
            && lexicon::is_in(
                &["options", "buttons", "menus", "settings", "items", "tabs"],
                p[2],
            )
    });
    (negated && those).then_some(comma + 1)
}

/// Is the verb at `i` hedged ("you may need to go to …", "you might have
/// to open …")?
fn is_hedged(toks: &[Tok], i: usize) -> bool {
    let w = |k: usize| toks.get(k).and_then(word);
    i >= 3
        && w(i - 1) == Some("to")
        && w(i - 2).is_some_and(|n| matches!(n, "need" | "have"))
        && w(i - 3).is_some_and(|m| matches!(m, "may" | "might"))
}

/// "Make sure the switch labeled **Sync** is set to off", "make sure
/// **Sync** is turned on": a named setting whose state the reader checks.
/// Returns the setting, marked last, and the index of the sentence end.
fn make_sure_set(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let w = |k: usize| toks.get(k).and_then(word);
    let (first, second) = (w(i)?, w(i + 1)?);
    let make_sure = first.eq_ignore_ascii_case("make") && matches!(second, "sure" | "certain");
    // "Check if the Sync switch is off": the reader looks at a named
    // control's state.
    let check_if = (first.eq_ignore_ascii_case("check") || first.eq_ignore_ascii_case("see"))
        && matches!(second, "if" | "whether");
    if !make_sure && !check_if {
        return None;
    }
    let end = (i + 2..toks.len())
        .find(|&k| matches!(toks[k], Tok::Punct('.' | ';' | '!' | '?')))
        .unwrap_or(toks.len());
    let k = (i + 2..end.min(i + 10)).find(|&k| {
        matches!(toks[k], Tok::Mark(_))
            || w(k - 1).is_some_and(|p| lexicon::is_in(NAMERS, p))
            || w(k - 1) == Some("the") && w(k).is_some_and(is_cap)
    })?;
    let unmarked = !matches!(toks[k], Tok::Mark(_)) && w(k - 1) == Some("the");
    let name = if unmarked {
        // An unmarked name is a control only when called one and seen in
        // a state ("the Sync access button is off", not "the Windows
        // version is current").
        let noun = (k + 1..end.min(k + 6))
            .find(|&j| w(j).is_none_or(|x| lexicon::is_in(GENERIC_NOUNS, x)))?;
        let is = w(noun + 1).is_some_and(|v| matches!(v, "is" | "are"));
        let state = w(noun + 2).is_some_and(|s| lexicon::is_in(STATES, s));
        if w(noun).is_none() || !is || !state {
            return None;
        }
        let name: Vec<&str> = toks[k..noun].iter().filter_map(word).collect();
        let name = name.join(" ");
        if !is_label(&name) {
            return None;
        }
        name
    } else {
        // "make sure the box before **Sync** is unchecked": named by the
        // label beside it.
        let (name, next) = box_beside_name(toks, k).or_else(|| name_at(toks, k))?;
        let next = skip_nouns_and_parens(toks, next);
        if !w(next).is_some_and(|v| matches!(v, "is" | "are")) {
            return None;
        }
        name
    };
    let mut m = mention(name);
    m.last = true;
    Some((m, end))
}

/// "until you see the Power menu": a named menu, screen or window that
/// appears after holding a key or a button.
fn seen_until(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let w = |k: usize| toks.get(k).and_then(word);
    if !w(i)?.eq_ignore_ascii_case("until") || w(i + 1)? != "you" || w(i + 2)? != "see" {
        return None;
    }
    let at = i + 3 + usize::from(w(i + 3) == Some("the"));
    let (name, next) = name_at(toks, at)?;
    if !w(next).is_some_and(|n| lexicon::is_in(&["menu", "screen", "window", "dialog"], n)) {
        return None;
    }
    let mut m = mention(name);
    m.root = true;
    m.hard = true;
    m.opened = true;
    Some((m, next + 1))
}

/// Conjunctions that make "<conj> you click X" a comment on a move.
const SUBORDINATORS: &[&str] = &["when", "if", "once", "after", "before", "until", "whenever"];

/// Is the verb at `i` in a "when you click …" clause?
fn is_subordinate(toks: &[Tok], i: usize) -> bool {
    let w = |k: usize| toks.get(k).and_then(word);
    i >= 2
        && w(i - 1).is_some_and(|p| p.eq_ignore_ascii_case("you"))
        && w(i - 2).is_some_and(|c| lexicon::is_in(SUBORDINATORS, c))
}

/// Verbs that set a named setting to a named value: "change the Startup
/// type to Automatic".
const SET_VERBS: &[&str] = &["change", "set", "switch"];

/// "Set the Startup type to Disabled": the setting and its value, the
/// value ending the path. Returns the events and the index after them.
fn set_value(toks: &[Tok], i: usize) -> Option<(Vec<Event>, usize)> {
    if !word(&toks[i]).is_some_and(|w| lexicon::is_in(SET_VERBS, w)) {
        return None;
    }
    let mut j = i + 1;
    while toks
        .get(j)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(SKIP, w))
    {
        j += 1;
    }
    let (setting, next) = name_at(toks, j)?;
    let next = skip_nouns_and_parens(toks, next);
    if toks.get(next).and_then(word) != Some("to") {
        return None;
    }
    let (value, end) = name_at(toks, next + 1)?;
    let mut v = mention(value);
    v.last = true;
    Some((
        vec![Event::Mention(mention(setting)), Event::Mention(v)],
        end,
    ))
}

/// A sentence opening "In <Name>," names a section, and what follows sets
/// a value in it.
fn is_section_value(toks: &[Tok], i: usize) -> bool {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?'));
    opens
        && word(&toks[i]) == Some("In")
        && matches!(toks.get(i + 1), Some(Tok::Mark(_)))
        && matches!(toks.get(i + 2), Some(Tok::Punct(',')))
}

/// Index of the next comma or sentence end after `i`.
fn skip_clause(toks: &[Tok], i: usize) -> usize {
    (i + 1..toks.len())
        .find(|&k| matches!(toks[k], Tok::Punct(_)))
        .unwrap_or(toks.len())
}

/// A typing or key-pressing verb in the position of an instruction.
fn is_break_verb(toks: &[Tok], i: usize) -> bool {
    let Some(w) = word(&toks[i]) else {
        return false;
    };
    if !lexicon::is_in(BREAK_VERBS, w) {
        return false;
    }
    match i.checked_sub(1).map(|p| &toks[p]) {
        None | Some(Tok::Punct(_)) => true,
        Some(Tok::Word(p)) => lexicon::is_in(
            &[
                "and", "then", "to", "or", "please", "now", "also", "simply", "just",
            ],
            p,
        ),
        _ => false,
    }
}

/// "Click the Ports tab, then **Add Port**": the verb is left out of the
/// next move.
/// "Click **View** and then **Show hidden devices**" leaves it out too,
/// after a move in the same sentence (`seen`).
fn then_named(toks: &[Tok], i: usize, seen: bool) -> Option<(Mention, usize)> {
    let joined = match toks.get(i.checked_sub(1)?)? {
        Tok::Punct(',') => true,
        Tok::Word(w) => seen && w == "and",
        _ => false,
    };
    if word(&toks[i])? != "then" || !joined {
        return None;
    }
    let Some(Tok::Mark(_)) = toks.get(i + 1) else {
        return None;
    };
    let (name, next) = name_at(toks, i + 1)?;
    Some((mention(name), skip_nouns_and_parens(toks, next)))
}

/// Verbs that open a list or find an item in it.
const EXPAND_VERBS: &[&str] = &["expand", "locate", "scroll", "find"];

/// Is the element named just before `k` acted on next ("X, right-click
/// on it", "X and expand it")? Gives whether that act opens a context
/// menu.
/// "You should see **X**. Select this and click Y", "you'll be prompted
/// to **X**. Tap that option": the reader is told of X and then acts on
/// it, so X is a level; the length of the phrase before X, or 0. Seen
/// without being acted on, X is only what appears.
fn told_of_marked(toks: &[Tok], i: usize) -> usize {
    let w = |k: usize| toks.get(k).and_then(word);
    let len = if is_word(&toks[i], "see") {
        let told = match i.checked_sub(1).and_then(w) {
            Some("you'll" | "you’ll") => true,
            Some("should" | "will" | "can") => i
                .checked_sub(2)
                .and_then(w)
                .is_some_and(|q| q.eq_ignore_ascii_case("you")),
            _ => false,
        };
        usize::from(told)
    } else if is_word(&toks[i], "prompted") && w(i + 1) == Some("to") {
        2
    } else {
        0
    };
    if len == 0 || !matches!(toks.get(i + len), Some(Tok::Mark(_))) {
        return 0;
    }
    let mut k = i + len + 1;
    while matches!(toks.get(k), Some(Tok::Punct('.' | ','))) {
        k += 1;
    }
    let acted = match_verb(toks, k, NAV_VERBS)
        .and_then(|n| w(k + n))
        .is_some_and(|o| matches!(o, "this" | "it" | "that"));
    if acted {
        len
    } else {
        0
    }
}

fn acted_on(toks: &[Tok], k: usize) -> Option<bool> {
    let mut k = k;
    while matches!(toks.get(k), Some(Tok::Punct(',')))
        || toks
            .get(k)
            .and_then(word)
            .is_some_and(|w| matches!(w, "and" | "then"))
    {
        k += 1;
    }
    let len = match_verb(toks, k, NAV_VERBS)?;
    let obj = toks.get(k + len).and_then(word)?;
    if !matches!(obj, "it" | "them") {
        return None;
    }
    let v = toks.get(k).and_then(verb_word).unwrap_or_default();
    Some(v.starts_with("right"))
}

/// "find **Print Spooler** and double-click it", "Find the **Keyboards**
/// entry": an item looked up in the list on screen, in the position of an
/// instruction (opening a clause or after "and" / "then") and marked as a
/// label. "you will find", "if you can't find it" and a name that merely
/// starts with the word ("Find My") are not moves.
fn finds_marked(toks: &[Tok], i: usize) -> bool {
    if !is_word(&toks[i], "find") || !matches!(toks[i], Tok::Word(_)) {
        return false;
    }
    let opens = match i.checked_sub(1).map(|p| &toks[p]) {
        None | Some(Tok::Punct('.' | ',' | ';' | ':' | '!' | '?')) => true,
        Some(Tok::Word(p)) => {
            lexicon::is_in(&["and", "then", "now", "simply", "you'll", "you’ll"], p)
                // "Here, you will find **X** in the list": where the
                // reader locates it.
                || lexicon::is_in(&["will", "can"], p)
                    && i.checked_sub(2)
                        .and_then(|q| word(&toks[q]))
                        .is_some_and(|q| q.eq_ignore_ascii_case("you"))
        }
        _ => false,
    };
    let at = i + 1 + usize::from(toks.get(i + 1).and_then(word) == Some("the"));
    opens && matches!(toks.get(at), Some(Tok::Mark(_)))
}

/// Does the move at `i` (its object ending at `next`) open a list:
/// "expand X", "locate X", "double-click X to expand the category"?
fn expands(toks: &[Tok], i: usize, next: usize) -> bool {
    let verb = toks.get(i).and_then(verb_word).unwrap_or_default();
    if lexicon::is_in(EXPAND_VERBS, &verb) {
        return true;
    }
    toks[next.min(toks.len())..]
        .iter()
        .take_while(|t| !matches!(t, Tok::Punct('.' | ';' | '!' | '?')))
        .take(6)
        .any(|t| word(t).is_some_and(|w| w == "expand" || w == "expanding"))
}

/// Nouns for a window the reader works in.
const WINDOWS: &[&str] = &["window", "app", "application", "dialog", "menu"];

/// "In the Control Panel window, click …": the window the next move is
/// made in. Only a locator closed by a comma ("In the File Explorer
/// window that opens, …" describes a window rather than naming a level).
fn window_locator(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let opens = i == 0 || matches!(toks[i - 1], Tok::Punct('.' | ';' | '!' | '?'));
    if !opens || word(&toks[i])? != "In" || word(toks.get(i + 1)?)? != "the" {
        return None;
    }
    let (name, next) = name_at(toks, i + 2)?;
    if matches!(toks[i + 2], Tok::Mark(_)) && toks.get(next) == Some(&Tok::Punct(',')) {
        // "In the **LIBRARY**, right-click …": a marked place.
        let mut m = mention(name);
        m.root = true;
        m.hard = true;
        m.opened = true;
        m.place = true;
        return Some((m, next + 1));
    }
    // "In the Mail app, …": the noun read as the tail of a sentence-case
    // name.
    let (name, next) = match name.rsplit_once(' ') {
        Some((head, noun))
            if lexicon::is_in(WINDOWS, noun) && toks.get(next) == Some(&Tok::Punct(',')) =>
        {
            (head.to_string(), next - 1)
        }
        _ => (name, next),
    };
    if !toks
        .get(next)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(WINDOWS, w))
        || toks.get(next + 1) != Some(&Tok::Punct(','))
    {
        return None;
    }
    let mut m = mention(name);
    m.root = true;
    m.hard = true;
    m.opened = true;
    m.place = true;
    Some((m, next + 2))
}

/// "In the Sync & backup tab, …", "Under the Playback tab, …": a tab is clicked, so it is a level.
fn tab_locator(toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let w = word(&toks[i])?;
    if !lexicon::is_in(&["in", "on", "under"], w) {
        return None;
    }
    // "Under **Driver** tab, …" leaves out the article; so does "In
    // **Driver** tab, click …" when the name is marked and a comma closes
    // the place.
    let the = usize::from(toks.get(i + 1).and_then(word) == Some("the"));
    let bare_in = the == 0 && matches!(toks.get(i + 1), Some(Tok::Mark(_)));
    if the == 0 && !w.eq_ignore_ascii_case("under") && !bare_in {
        return None;
    }
    let (name, next) = name_at(toks, i + 1 + the)?;
    if !matches!(toks.get(next).and_then(word), Some("tab")) {
        return None;
    }
    if the == 0 && !w.eq_ignore_ascii_case("under") && toks.get(next + 1) != Some(&Tok::Punct(','))
    {
        return None;
    }
    // "Under the Playback tab, right-click …"; "under the System tab and
    // you can check …" reads a tab without moving on from it.
    if w.eq_ignore_ascii_case("under") && toks.get(next + 1) != Some(&Tok::Punct(',')) {
        return None;
    }
    Some((mention(name), next + 1))
}

fn mention(seg: String) -> Mention {
    // "View by: Large icons": a setting and its value, two levels.
    let segs = match seg.split_once(": ") {
        Some((a, b)) if is_label(a.trim()) && is_label(b.trim()) => {
            vec![a.trim().to_string(), b.trim().to_string()]
        }
        _ => vec![seg],
    };
    Mention {
        segs,
        ..Mention::default()
    }
}

impl Mention {
    /// A separator chain written in the text: explicit, every flag off.
    fn chain(segs: &[String], alts: &[(usize, String)]) -> Mention {
        Mention {
            segs: segs.to_vec(),
            alts: alts.to_vec(),
            explicit: true,
            ..Mention::default()
        }
    }
}

enum Obj {
    Name(Mention),
    Unnamed,
    Nothing,
}

/// A name starting at `j`: a marked label or a run of capitalised words.
fn name_at(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    match toks.get(j)? {
        Tok::Mark(m) => {
            let m = m.trim();
            (is_label(m) && !is_key(m) && !is_description(m)).then(|| (m.to_string(), j + 1))
        }
        Tok::Word(w) => {
            if !is_cap(w) || lexicon::is_in(PRONOUNS, w) || is_key(w) {
                return None;
            }
            let end = label_run(toks, j).max(prose_run(toks, j));
            let words: Vec<&str> = toks[j..end].iter().filter_map(word).collect();
            let s = words.join(" ");
            is_label(&s).then_some((s, end))
        }
        _ => None,
    }
}

/// A marked phrase that describes rather than names: "**any empty
/// space**", "**the apps you don't need**". A determiner and lower-case
/// words only; such an element ends a path.
fn is_description(m: &str) -> bool {
    let mut ws = m.split_whitespace();
    let Some(first) = ws.next() else { return false };
    let rest: Vec<&str> = ws.collect();
    lexicon::is_in(
        &["the", "any", "a", "an", "your", "each", "all", "every"],
        first,
    ) && first.starts_with(char::is_lowercase)
        && !rest.is_empty()
        && rest.iter().all(|w| !is_cap(w))
        && !rest.iter().all(|w| lexicon::is_in(GENERIC_NOUNS, w))
}

/// Sentence-case labels ("Run as administrator", "Change adapter
/// settings"): a capitalised word and the lower-case words after it, up to
/// a word that starts a clause, a locator or a purpose.
fn prose_run(toks: &[Tok], j: usize) -> usize {
    let mut k = j + 1;
    while let Some(w) = toks.get(k).and_then(word) {
        if k - j >= 6
            || lexicon::is_in(lexicon::LABEL_STOPS, w)
            || lexicon::is_in(BREAK_VERBS, w)
            || match_verb(toks, k, NAV_VERBS).is_some()
            || is_cap(w)
        {
            break;
        }
        k += 1;
    }
    k
}

/// Key names and shortcuts ("Enter", "Win + R"): pressed, not clicked.
fn is_key(s: &str) -> bool {
    lexicon::is_in(KEYS, s) || s.contains(" + ") || s.contains('+') && s.len() < 15
}

/// The object of a UI verb at `j`, and the index after it.
fn object(toks: &[Tok], j: usize) -> (Obj, usize) {
    let w = |k: usize| toks.get(k).and_then(word);
    if w(j) == Some("to")
        && w(j + 1).is_some_and(|v| lexicon::is_in(&["highlight", "select"], v))
        && w(j + 2).is_some_and(|p| lexicon::is_in(PRONOUNS, p))
    {
        // "Click to highlight this item and click Restart": the item
        // already named is picked, not a new one.
        return (Obj::Nothing, j + 2);
    }
    let mut j = j;
    let mut yours = false;
    while let Some(w) = toks.get(j).and_then(word) {
        if !lexicon::is_in(SKIP, w) {
            break;
        }
        yours = yours || w.eq_ignore_ascii_case("your");
        j += 1;
    }
    // "the newly created **X**", "the highlighted **X**": words that
    // describe the marked name.
    let described =
        |w: &str| w.starts_with(char::is_lowercase) && (w.ends_with("ly") || w.ends_with("ed"));
    let mut d = j;
    while d < j + 2 && toks.get(d).and_then(word).is_some_and(described) {
        d += 1;
    }
    if d > j && matches!(toks.get(d), Some(Tok::Mark(_))) {
        j = d;
    }
    if toks
        .get(j)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(POSITIONS, w))
    {
        // "navigate to the top-left corner and click X": where on the
        // screen, not an element.
        return (Obj::Nothing, j + 1);
    }
    if yours && matches!(toks.get(j), Some(Tok::Word(_))) || is_surface(toks, j) {
        // "tap your ID", "select your graphics driver": the reader's own
        // item, which the text does not name; "right-click the Desktop":
        // a place to click, not a level.
        return (Obj::Unnamed, j + 1);
    }
    let mut m = match toks.get(j) {
        Some(Tok::Chain(segs, alts)) => Mention::chain(segs, alts),
        // "tap that person's name": a demonstrative before a noun that
        // names no UI element is something of the reader's ("that
        // option" is the element just named).
        Some(Tok::Word(w))
            if matches!(w.as_str(), "that" | "this" | "these" | "those")
                && toks.get(j + 1).and_then(word).is_some_and(|n| {
                    n.starts_with(char::is_lowercase)
                        && !lexicon::is_in(GENERIC_NOUNS, n)
                        && !lexicon::is_in(
                            &["one", "is", "was", "will", "and", "to", "on", "in"],
                            n,
                        )
                }) =>
        {
            return (Obj::Unnamed, j + 2);
        }
        Some(Tok::Word(w)) if lexicon::is_in(PRONOUNS, w) => return (Obj::Nothing, j + 1),
        Some(Tok::Word(w)) if is_key(w) => return (Obj::Nothing, j + 1),
        // "the Windows **Start** button": the marked word is the name.
        Some(Tok::Word(w)) if is_cap(w) && matches!(toks.get(j + 1), Some(Tok::Mark(_))) => {
            return object(toks, j + 1);
        }
        // "expand category **Sound**", "click button **OK**": the kind of
        // element, then its name.
        Some(Tok::Word(w))
            if w.starts_with(char::is_lowercase)
                && (lexicon::is_in(GENERIC_NOUNS, w) || w == "category")
                && matches!(toks.get(j + 1), Some(Tok::Mark(_))) =>
        {
            return object(toks, j + 1);
        }
        Some(Tok::Mark(s)) if is_key(s) => return (Obj::Nothing, j + 1),
        Some(_) => match box_beside_name(toks, j).or_else(|| name_at(toks, j)) {
            Some((name, next)) => {
                j = next - 1;
                mention(name)
            }
            None => match named_after_noun(toks, j).or_else(|| icon_name(toks, j)) {
                Some((name, next)) => {
                    j = next - 1;
                    mention(name)
                }
                None => return (Obj::Unnamed, j + 1),
            },
        },
        None => return (Obj::Nothing, j),
    };
    let mut k = j + 1;
    let key_named = m
        .segs
        .last()
        .and_then(|s| s.split_whitespace().last())
        .is_some_and(|w| w == "key" || w == "keys");
    // "the Filter keys option": a setting named after keys.
    let setting = toks
        .get(k)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(&["option", "setting", "toggle", "switch", "feature"], w));
    if !setting && key_named
        || toks
            .get(k)
            .and_then(word)
            .is_some_and(|w| w == "key" || w == "keys")
    {
        // "hit the Windows key": pressed, not clicked.
        return (Obj::Nothing, k + 1);
    }
    // "click the Privacy & security tab": a tab or a page is a place the
    // reader is now in, as if opened.
    let place = toks
        .get(k)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(&["tab", "section", "page"], w));
    k = skip_nouns_and_parens(toks, k);
    if toks.get(k).and_then(word) == Some("you")
        && toks
            .get(k + 1)
            .and_then(word)
            .is_some_and(|w| lexicon::is_in(&["want", "wish", "need", "would"], w))
    {
        // "select the VPN connection you want to disable": the one the
        // reader picks, which the text does not name.
        return (Obj::Unnamed, k);
    }
    m.fresh = beside_unnamed(toks, k);
    // "select Search or Run", "the switches for A, B, and C".
    loop {
        let mut t = k;
        while matches!(toks.get(t), Some(Tok::Punct(',')))
            || toks
                .get(t)
                .and_then(word)
                .is_some_and(|w| matches!(w, "or" | "and"))
        {
            t += 1;
        }
        // "select either the **A** or the **B** option".
        if t > k
            && matches!(toks.get(t + 1), Some(Tok::Mark(_)))
            && toks.get(t).and_then(word) == Some("the")
        {
            t += 1;
        }
        let lower_verb = toks.get(t).and_then(word).is_some_and(|w| !is_cap(w))
            && match_verb(toks, t, NAV_VERBS).is_some();
        if t == k || lower_verb {
            break;
        }
        match name_at(toks, t) {
            Some((name, next)) if m.segs.len() == 1 => {
                // "select Privacy and Microphone." with nothing after: one
                // element, then the one inside it.
                m.and_then = m.more.is_empty()
                    && t == k + 1
                    && word(&toks[k]) == Some("and")
                    && matches!(
                        toks.get(skip_nouns_and_parens(toks, next)),
                        None | Some(Tok::Punct('.' | ';' | '!' | '?'))
                    );
                m.more.push(name);
                k = skip_nouns_and_parens(toks, next);
            }
            _ => break,
        }
    }
    // "select Disable all in the Enhancements tab", "hit Quick Connect in
    // Proton VPN": the place the element is in comes first.
    if m.segs.len() == 1 && toks.get(k).and_then(word) == Some("in") {
        let the = usize::from(toks.get(k + 1).and_then(word) == Some("the"));
        if let Some((place, next)) = name_at(toks, k + 1 + the) {
            let after = toks.get(next).and_then(word);
            let noun = after.is_some_and(|w| lexicon::is_in(lexicon::PLACE_NOUNS, w));
            let ends = matches!(toks.get(next), None | Some(Tok::Punct('.' | ',' | ';')));
            if noun || the == 0 && ends {
                m.segs.insert(0, place);
                k = next + usize::from(noun);
            }
        }
    }
    // "open Microsoft Store from the Start menu": the menu comes first.
    if toks.get(k).and_then(word) == Some("from") && toks.get(k + 1).and_then(word) == Some("the") {
        if let Some((menu, next)) = name_at(toks, k + 2) {
            if toks.get(next).and_then(word) == Some("menu") {
                m.segs.insert(0, menu);
                m.root = true;
                k = next + 1;
            }
        }
    }
    m.place_noun = place;
    (Obj::Name(m), k)
}

/// Words that say where on the screen rather than name an element.
const POSITIONS: &[&str] = &[
    "top",
    "bottom",
    "left",
    "right",
    "top-left",
    "top-right",
    "bottom-left",
    "bottom-right",
    "upper",
    "lower",
    "left-hand",
    "right-hand",
    "corner",
    "side",
];

/// Is the word at `j` a surface the reader clicks on rather than a
/// named element ("the Desktop")?
fn is_surface(toks: &[Tok], j: usize) -> bool {
    toks.get(j)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(lexicon::SURFACES, w))
}

/// "next to the flagged device": the element sits beside something the
/// text does not name.
fn beside_unnamed(toks: &[Tok], k: usize) -> bool {
    let w = |k: usize| toks.get(k).and_then(word);
    let at = match (w(k), w(k + 1)) {
        (Some("next"), Some("to")) => k + 2,
        (Some("beside"), _) => k + 1,
        _ => return false,
    };
    matches!(w(at), Some("the" | "each" | "every")) && w(at + 1).is_some_and(|x| !is_cap(x))
}

/// Nouns for a box or switch that a label beside it names.
const BOXES: &[&str] = &[
    "box",
    "boxes",
    "checkbox",
    "checkboxes",
    "toggle",
    "toggles",
    "switch",
    "switches",
];

/// "**the box** before **Show hidden files**", "the toggles next to
/// **Sync**": a box, marked or not, that the label after it names. The
/// label is the level; the box itself names nothing.
fn box_beside_name(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    let is_box_phrase = |ws: &[&str]| {
        ws.iter().any(|w| lexicon::is_in(BOXES, w))
            && ws
                .iter()
                .all(|w| lexicon::is_in(BOXES, w) || lexicon::is_in(&["the", "a", "each"], w))
    };
    let end = match toks.get(j)? {
        Tok::Mark(m) => {
            let ws: Vec<&str> = m.split_whitespace().collect();
            is_box_phrase(&ws).then_some(j + 1)?
        }
        Tok::Word(_) => {
            let mut k = j;
            while toks
                .get(k)
                .and_then(word)
                .is_some_and(|w| lexicon::is_in(&["the", "a", "each"], w))
            {
                k += 1;
            }
            toks.get(k)
                .and_then(word)
                .filter(|w| lexicon::is_in(BOXES, w))?;
            k + 1
        }
        _ => return None,
    };
    let w = |k: usize| toks.get(k).and_then(word);
    let at = match (w(end), w(end + 1)) {
        (Some("before" | "beside" | "for"), _) => end + 1,
        (Some("next"), Some("to")) => end + 2,
        _ => return None,
    };
    name_at(toks, at)
}

/// "the icon for Send messages", "the toggle next to Sync": a generic noun
/// and then the element's name.
fn named_after_noun(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    let mut k = j;
    while k < j + 4 {
        let w = word(toks.get(k)?)?;
        if lexicon::is_in(NAMERS, w) {
            return name_at(toks, k + 1);
        }
        if w == "next" && toks.get(k + 1).and_then(word) == Some("to") {
            return name_at(toks, k + 2);
        }
        if w == "beside" {
            return name_at(toks, k + 1);
        }
        if is_cap(w) || lexicon::is_in(lexicon::LABEL_STOPS, w) && !lexicon::is_in(GENERIC_NOUNS, w)
        {
            return None;
        }
        k += 1;
    }
    None
}

/// "the gear icon", "the three-dot menu icon": an element named by its
/// look, one or two words and then "icon", "button" or "menu".
fn icon_name(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    if toks
        .get(j)
        .and_then(word)
        .is_some_and(|w| lexicon::is_in(&["a", "an", "any", "some"], w))
    {
        // "a menu": some menu, not one named by its look.
        return None;
    }
    let mut k = j;
    while k < j + 4 {
        let w = word(toks.get(k)?)?;
        if k > j && lexicon::is_in(&["icon", "button", "menu"], w) {
            let mut end = k + 1;
            while toks
                .get(end)
                .and_then(word)
                .is_some_and(|w| lexicon::is_in(&["icon", "button"], w))
            {
                end += 1;
            }
            let words: Vec<&str> = toks[j..end].iter().filter_map(word).collect();
            return Some((words.join(" "), end));
        }
        if is_cap(w) || lexicon::is_in(lexicon::LABEL_STOPS, w) || lexicon::is_in(PRONOUNS, w) {
            return None;
        }
        k += 1;
    }
    None
}

/// Skips generic nouns ("button", "tab") and a parenthesis after a name.
fn skip_nouns_and_parens(toks: &[Tok], k: usize) -> usize {
    let mut k = k;
    loop {
        match toks.get(k) {
            Some(Tok::Word(w)) if lexicon::is_in(GENERIC_NOUNS, w) => k += 1,
            Some(Tok::Punct('(')) => {
                match (k + 1..toks.len().min(k + 12)).find(|&e| toks[e] == Tok::Punct(')')) {
                    Some(e) => k = e + 1,
                    None => return k,
                }
            }
            _ => return k,
        }
    }
}
