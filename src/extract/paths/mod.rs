//! UI navigation paths: chains written with separators (`Settings >
//! Messages > Send & Receive`) and moves written in words ("open Settings,
//! tap General, then tap About"), including procedures whose numbered items
//! each open the next level.
//!
//! Each block is tokenised (`tokens`), its separator chains folded
//! (`explicit`), and its sentences turned into events (`prose`); this module
//! strings the events into paths across sentences and consecutive list
//! items, and decides where a path ends.

mod explicit;
mod lexicon;
mod prose;
mod tokens;

use crate::model::{Block, BlockKind, PathForm, SettingsPath};
use prose::{Event, Mention};
use std::collections::BTreeMap;

/// A path found in one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub block: usize,
    pub path: SettingsPath,
}

/// Finds paths in every block, in document order.
pub fn find_paths(blocks: &[Block]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut cur = Builder::default();
    // A name typed into a search box, waiting for the reader to pick the
    // result ("type **Control Panel** and select the Best match").
    let mut typed: Option<Mention> = None;
    // A numbered section heading ("### 2. Open the panel") read since the
    // last move: the path goes on only if the section's first sentence
    // is made in the place the last move opened.
    let mut held = false;
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            BlockKind::Heading(_) if !cur.parts.is_empty() && is_later_section(&b.plain) => {
                held = true;
                typed = None;
                continue;
            }
            BlockKind::ListItem {
                number: Some(1), ..
            } => cur.flush(&mut out),
            BlockKind::ListItem { .. } | BlockKind::Paragraph | BlockKind::Quote => {}
            _ => {
                cur.flush(&mut out);
                held = false;
                typed = None;
                continue;
            }
        }
        let toks = explicit::mark_chains(tokens::tokenize(&b.text));
        let evs = prose::events(&toks);
        if held && (!evs.is_empty() || b.plain.split_whitespace().count() > 6) {
            held = false;
            if !in_place_reached(&b.plain, &cur) {
                cur.flush(&mut out);
            }
        }
        if !evs
            .iter()
            .any(|e| matches!(e, Event::Mention(_) | Event::Result))
        {
            // A caption ("Screenshot by …") between two moves does not
            // end the path; a sentence of its own does.
            if !evs.is_empty() || b.plain.split_whitespace().count() > 6 {
                cur.flush(&mut out);
                typed = None;
            }
            continue;
        }
        // In a numbered procedure, an item that opens something continues
        // the previous item's path ("2. Navigate to the Accounts tab").
        let mut continuing = matches!(b.kind, BlockKind::ListItem { number: Some(n), .. } if n > 1);
        // A paragraph that writes a chain ("Go to Settings > Sound and
        // select Playback") gives a complete path: the next paragraph
        // does not continue it.
        let chain_ends = matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote)
            && evs
                .iter()
                .any(|e| matches!(e, Event::Mention(m) if m.explicit));
        for e in evs {
            let m = match e {
                Event::Break => {
                    typed = None;
                    cur.flush(&mut out);
                    continuing = false;
                    continue;
                }
                Event::Context => {
                    if !cur.just_opened() {
                        typed = None;
                        cur.flush(&mut out);
                        continuing = false;
                    }
                    continue;
                }
                Event::Result => match typed.take() {
                    Some(t) => t,
                    None => {
                        cur.flush(&mut out);
                        continuing = false;
                        continue;
                    }
                },
                Event::Mention(m) if m.typed => {
                    if typed.replace(m).is_some() {
                        cur.flush(&mut out);
                        continuing = false;
                    }
                    continue;
                }
                Event::Mention(m) => match typed.take() {
                    // "search for Windows Security … open the Windows
                    // Security app": the result, opened by its name.
                    Some(t) if same_level(&t, &m) => t,
                    Some(t) if m.goto => {
                        // "Search for X. Navigate to Advanced > App
                        // details": the chain is inside the result.
                        cont(&mut cur, t, &mut continuing, i, &mut out);
                        let mut m = m;
                        m.root = false;
                        m.hard = false;
                        m
                    }
                    Some(_) => {
                        // The typed name was not opened: the path ended.
                        cur.flush(&mut out);
                        continuing = false;
                        m
                    }
                    None => m,
                },
            };
            cont(&mut cur, m, &mut continuing, i, &mut out);
        }
        if chain_ends {
            cur.flush(&mut out);
        }
    }
    cur.flush(&mut out);
    out.sort_by_key(|f| f.block);
    out
}

/// A disk drive: "Local Disk (C:)", "C drive", "D:".
fn is_drive(s: &str) -> bool {
    let t = s.trim();
    let letter = |w: &str| w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase());
    let words: Vec<&str> = t.split_whitespace().collect();
    t.starts_with("Local Disk")
        || t.strip_suffix(":)")
            .and_then(|h| h.rsplit_once('('))
            .is_some_and(|(_, l)| letter(l))
        || t.strip_suffix(':').is_some_and(letter)
        || matches!(words.as_slice(), [l, d] if letter(l) && d.eq_ignore_ascii_case("drive"))
}

/// Opposite actions on one element, one after the other ("click Stop …
/// then click Start", "select Disable … select Enable"): two moves in the
/// same place, not one level inside the other.
fn undoes(segments: &[String]) -> bool {
    const OPPOSITES: &[(&str, &str)] = &[
        ("stop", "start"),
        ("disable", "enable"),
        ("pause", "resume"),
        ("off", "on"),
    ];
    let [a, b] = segments else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    OPPOSITES.iter().any(|(x, y)| {
        a.eq_ignore_ascii_case(x) && b.eq_ignore_ascii_case(y)
            || a.eq_ignore_ascii_case(y) && b.eq_ignore_ascii_case(x)
    })
}

/// Is the heading a later numbered section ("2. Open X", "Step 3: …")?
fn is_later_section(plain: &str) -> bool {
    let t = plain.trim_start();
    let t = t.strip_prefix("Step ").unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && t[..digits].parse::<u32>().is_ok_and(|n| n > 1)
        && t[digits..].starts_with(['.', ')', ':'])
}

/// Does the paragraph open in the place the path's last move opened: "In
/// the next window, …", or "At the Messages screen, …" after a click on
/// Send messages?
fn in_place_reached(plain: &str, cur: &Builder) -> bool {
    let mut words = plain.split_whitespace();
    let (Some(prep), Some(the)) = (words.next(), words.next()) else {
        return false;
    };
    if !matches!(prep, "In" | "At" | "On") || the != "the" {
        return false;
    }
    let mut place = Vec::new();
    let mut aside = false;
    for w in words.take(8) {
        // "In the next window (Figure 2), …": the aside is no part of it.
        aside = aside || w.starts_with('(');
        if !aside {
            place.push(w.trim_end_matches(','));
        }
        if w.contains(')') {
            aside = false;
        }
        if w.ends_with(',') {
            break;
        }
    }
    let n = place.len();
    if n < 2
        || !lexicon::is_in(
            &["window", "screen", "page", "dialog", "pane"],
            place[n - 1],
        )
    {
        return false;
    }
    if lexicon::is_in(&["next", "resulting", "new", "following"], place[0]) {
        return true;
    }
    let name = place[n - 2];
    cur.parts
        .last()
        .and_then(|p| p.segs.last())
        .is_some_and(|seg| {
            seg.rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(name))
        })
}

/// Does `m` name the one level `t` names ("Recovery" and "the Recovery
/// settings" too)?
fn same_level(t: &Mention, m: &Mention) -> bool {
    let key = |s: &str| s.trim().to_lowercase();
    if m.segs.len() != 1 || t.segs.len() != 1 {
        return false;
    }
    let (a, b) = (key(&t.segs[0]), key(&m.segs[0]));
    // A lower-case noun after the name describes it ("the Recovery
    // settings"); a capitalised one is part of another name ("Control"
    // and "Control Panel").
    let described = m.segs[0].trim().rsplit_once(' ').is_some_and(|(_, noun)| {
        noun.starts_with(char::is_lowercase) && lexicon::is_in(lexicon::GENERIC_NOUNS, noun)
    });
    a == b
        || described
            && b.strip_prefix(a.as_str())
                .is_some_and(|r| r.starts_with(' '))
}

/// Does the mention name the last level of `p`?
fn same_last(p: &Mention, m: &Mention) -> bool {
    let key = |s: &str| s.trim().to_lowercase();
    m.segs.len() == 1 && p.segs.last().is_some_and(|l| key(l) == key(&m.segs[0]))
}

/// Does the mention start at the last level of `p`?
fn same_first(p: &Mention, m: &Mention) -> bool {
    let key = |s: &str| s.trim().to_lowercase();
    match (p.segs.last(), m.segs.first()) {
        (Some(a), Some(b)) => key(a) == key(b),
        _ => false,
    }
}

/// Adds a mention to the path, continuing a numbered procedure's path
/// when the item carries on from the previous one.
fn cont(cur: &mut Builder, mut m: Mention, continuing: &mut bool, i: usize, out: &mut Vec<Found>) {
    if m.place && cur.parts.last().is_some_and(|p| same_last(p, &m)) {
        // "2. Open Device Manager. 3. In the Device Manager window, …":
        // the window just opened, not a new level.
        *continuing = false;
        return;
    }
    if *continuing && m.place && !m.explicit && cur.just_opened() {
        // "1. Launch Player. 2. In the **Library**, …": a place inside the
        // app just opened.
        m.root = false;
        m.hard = false;
    }
    if !*continuing && m.goto && m.root && cur.last_block == i && cur.just_opened() {
        // "Click the gear icon to open the Settings window. Then go to
        // Game Settings > Game": the chain is inside the window the
        // sentence before opened.
        m.root = false;
        m.hard = false;
        if m.segs.len() > 1 && cur.parts.last().is_some_and(|p| same_first(p, &m)) {
            // "Open Settings. Go to Settings > Sound": one level.
            m.segs.remove(0);
            m.alts = m
                .alts
                .iter()
                .filter(|(k, _)| *k > 0)
                .map(|(k, a)| (k - 1, a.clone()))
                .collect();
        }
    }
    if *continuing && m.goto && !cur.just_opened() {
        // "4. Head over to Properties > Ports" after a
        // click: a new location, not the next level.
        m.root = true;
        *continuing = false;
    }
    if *continuing
        && m.root
        && !m.explicit
        && !m.place_noun
        && !cur.just_opened()
        && cur.parts.last().is_some_and(|p| p.explicit)
    {
        // "3. Select Game > Audio. 4. Go to Voice": the chain named a
        // whole location; going to another starts a new path.
        m.hard = true;
    }
    if *continuing && m.root && m.launched && !m.explicit && !m.place_noun && !cur.just_opened() {
        // "3. Click Download now. 4. Open File Explorer": an app opened
        // after a click is a new place, not the next level.
        m.hard = true;
    }
    if !*continuing && m.hard && m.explicit && !m.goto && cur.only_opened() {
        // "Open the Notes app. Tap Settings > Sync.": the chain is inside
        // the app the sentence (or paragraph) before opened.
        m.hard = false;
        m.root = false;
    }
    if *continuing && m.hard && m.explicit && !m.goto && cur.only_opened() {
        // "1. Open Control Panel. 2. Select Hardware and Sound > Sound":
        // the chain is inside the app just opened.
        m.hard = false;
    }
    if *continuing
        && m.hard
        && m.explicit
        && !m.goto
        && m.segs.first().is_some_and(|s| s.ends_with(" tab"))
    {
        // "2. Click Properties. 3. Click the **Tools** tab > **Check**": a
        // tab of the dialog just opened.
        m.hard = false;
    }
    if *continuing
        && m.hard
        && !m.explicit
        && !m.fresh
        && cur.parts.last().is_some_and(|p| p.expands)
    {
        // "2. Expand Imaging devices. 3. Right-click Integrated Camera":
        // an item of the list just opened.
        m.hard = false;
        if cur.parts.last().is_some_and(|p| same_first(p, &m)) {
            // "locate Print Spooler … right-click Print Spooler": the
            // item found, not a level inside it.
            if m.segs.len() == 1 {
                *continuing = false;
                return;
            }
            m.segs.remove(0);
        }
    }
    if *continuing && !m.hard {
        m.root = false;
        *continuing = false;
    }
    cur.push(m, i, out);
}

/// The path being read: its mentions and the block of the first one.
#[derive(Default)]
struct Builder {
    parts: Vec<Mention>,
    block: usize,
    /// The block of the last mention.
    last_block: usize,
}

impl Builder {
    fn push(&mut self, mut m: Mention, block: usize, out: &mut Vec<Found>) {
        if !m.explicit
            && !m.root
            && m.segs.len() > 1
            && self.parts.last().is_some_and(|p| same_first(p, &m))
        {
            // "Open Sound. Click Playback in the Sound window": the
            // place is the level just reached.
            m.segs.remove(0);
        }
        if m.root || self.revisits(&m) {
            self.flush(out);
        }
        if self.parts.is_empty() {
            self.block = block;
        }
        self.last_block = block;
        let confirm =
            !m.explicit && m.segs.len() == 1 && (m.confirms || is_confirmation(&m.segs[0]));
        let last = m.last;
        self.parts.push(m);
        if confirm || last {
            self.flush(out);
        }
    }

    /// Did the path so far end by opening a place ("Press Ctrl + Shift +
    /// Esc to open Task Manager", "go to the Settings app")? A location
    /// named next is inside it; after a click ("select Set as default")
    /// it is a new path.
    fn just_opened(&self) -> bool {
        self.parts.last().is_some_and(|m| m.opened)
    }

    /// Is the path so far one place the reader has just opened?
    fn only_opened(&self) -> bool {
        self.parts.len() == 1 && self.just_opened() && !self.parts[0].explicit
    }

    /// Does the mention go back to where the path started ("click Stop,
    /// then double-click Print Spooler again")? The reader has started
    /// over, so the path so far is complete. A level repeated right after
    /// itself ("Uninstall > Uninstall") is a confirmation, not a restart.
    fn revisits(&self, m: &Mention) -> bool {
        let key = |s: &str| s.trim().to_lowercase();
        let mut segs = self.parts.iter().flat_map(|p| p.segs.iter());
        let (Some(root), Some(_)) = (segs.next(), segs.next()) else {
            return false;
        };
        m.segs.first().is_some_and(|s| key(s) == key(root))
    }

    /// Ends the path: emits it when it has two levels or more.
    fn flush(&mut self, out: &mut Vec<Found>) {
        let parts = std::mem::take(&mut self.parts);
        if let Some(p) = build(&parts) {
            for path in p {
                out.push(Found {
                    block: self.block,
                    path,
                });
            }
        }
    }
}

/// "OK", "Apply": closing a dialog is not a level.
fn is_confirmation(s: &str) -> bool {
    lexicon::is_in(lexicon::CONFIRMATIONS, s.trim())
}

/// "Next", "Finish": moving through a wizard. A trailing one is not a
/// level, but one in the middle does not end the path.
fn is_wizard_step(s: &str) -> bool {
    lexicon::is_in(lexicon::WIZARD_STEPS, s.trim())
}

/// Does the mention list values to choose from rather than one element
/// to click: three or more names after a click verb ("select Portrait,
/// Landscape, Portrait (flipped)")? Two named routes ("select Search or
/// Run") are two paths, and boxes to tick ("turn on A, B and C") are one
/// path each.
fn offers_values(m: &Mention) -> bool {
    !m.explicit && !m.last && m.more.len() >= 2
}

/// A segment that names no element: only determiners and generic UI
/// nouns ("the", "the box", "drop-down menu"). "The menu button" does
/// name one: the button that opens the app's main menu.
fn is_weak(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let menu_button = words.windows(2).any(|p| p[0] == "menu");
    !menu_button
        && words.iter().all(|w| {
            w.starts_with(char::is_lowercase)
                && (lexicon::is_in(&["the", "a", "an", "your", "this", "that"], w)
                    || lexicon::is_in(lexicon::GENERIC_NOUNS, w))
        })
}

/// The paths a run of mentions spells: one, or one per element offered
/// for the last level ("select Search or Run").
fn build(parts: &[Mention]) -> Option<Vec<SettingsPath>> {
    let mut parts = parts.to_vec();
    while parts.last().is_some_and(|m| {
        !m.explicit
            && m.segs.len() == 1
            && (m.confirms || is_confirmation(&m.segs[0]) || is_wizard_step(&m.segs[0]))
    }) {
        parts.pop();
    }
    if parts.last().is_some_and(offers_values) {
        // "select Portrait, Landscape or Portrait (flipped)": the path
        // leads to the setting; which value is the reader's choice.
        parts.pop();
    }
    let last = parts.last()?;
    let form = if parts.len() == 1 && last.explicit {
        PathForm::Explicit
    } else {
        PathForm::Prose
    };
    let mut segments = Vec::new();
    let mut alternatives = BTreeMap::new();
    for m in &parts {
        for (k, a) in &m.alts {
            alternatives.insert(segments.len() + k, a.clone());
        }
        segments.extend(m.segs.iter().cloned());
    }
    for s in &mut segments {
        // "right-click the Servers folder": the tree shows the folder by
        // its name.
        if let Some((name, "folder")) = s.rsplit_once(' ') {
            // "Show in folder" is a command, not a named folder.
            let named = |w: &str| w.chars().next().is_some_and(|c| !c.is_lowercase());
            if named(name) && name.rsplit(' ').next().is_some_and(named) {
                s.truncate(name.len());
            }
        }
    }
    if let Some(k) = segments.iter().position(|s| is_weak(s)) {
        // "click the box", "open the drop-down menu": an element the text
        // does not name ends the path, as it does in a sentence.
        segments.truncate(k);
    }
    if segments.len() < 2 || undoes(&segments) {
        return None;
    }
    if form == PathForm::Prose && segments.last().is_some_and(|s| is_drive(s)) {
        // "open File Explorer, select This PC and click Local Disk (C:)":
        // a place in the file system, not a setting.
        return None;
    }
    let mut paths = vec![path(segments.clone(), form, alternatives.clone())];
    for alt in &last.more {
        let mut s = segments.clone();
        if let Some(l) = s.last_mut() {
            *l = alt.clone();
        }
        paths.push(path(s, form, alternatives.clone()));
    }
    Some(paths)
}

fn path(
    segments: Vec<String>,
    form: PathForm,
    alternatives: BTreeMap<usize, String>,
) -> SettingsPath {
    SettingsPath {
        raw: segments.join(" > "),
        root: segments.first().cloned().unwrap_or_default(),
        segments,
        form,
        step: None,
        alternatives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.to_string(),
            plain: text.to_string(),
        }
    }
    fn p(text: &str) -> Block {
        block(BlockKind::Paragraph, text)
    }
    fn li(n: u64, text: &str) -> Block {
        block(
            BlockKind::ListItem {
                ordered: true,
                depth: 0,
                number: Some(n),
            },
            text,
        )
    }
    fn found(blocks: &[Block]) -> Vec<(Vec<String>, PathForm)> {
        find_paths(blocks)
            .into_iter()
            .map(|f| (f.path.segments, f.path.form))
            .collect()
    }
    fn segs(text: &str) -> Vec<Vec<String>> {
        found(&[p(text)]).into_iter().map(|(s, _)| s).collect()
    }
    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn explicit_forms() {
        assert_eq!(
            found(&[p("Go to **Settings > General > Reset**.")]),
            [(v(&["Settings", "General", "Reset"]), PathForm::Explicit)]
        );
        assert_eq!(
            segs("Open **Settings** > **Privacy** now."),
            [v(&["Settings", "Privacy"])]
        );
        assert_eq!(
            segs("Open the Settings app > General > About."),
            [v(&["Settings app", "General", "About"])]
        );
    }

    #[test]
    fn parenthetical_alternative_is_kept_apart() {
        let f = find_paths(&[p("Go to Settings > Cellular (or Mobile Data) and check.")]);
        assert_eq!(f[0].path.segments, ["Settings", "Cellular"]);
        assert_eq!(
            f[0].path.alternatives.get(&1).map(String::as_str),
            Some("Mobile Data")
        );
    }

    #[test]
    fn chain_continued_in_words_is_prose() {
        assert_eq!(
            found(&[p("Go to Settings > Messages, then tap Send & Receive.")]),
            [(
                v(&["Settings", "Messages", "Send & Receive"]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn prose_paths() {
        assert_eq!(
            found(&[p("Open Settings, tap General, then tap About.")]),
            [(v(&["Settings", "General", "About"]), PathForm::Prose)]
        );
        assert_eq!(
            segs("Head to System Preferences and choose Security & Privacy."),
            [v(&["System Preferences", "Security & Privacy"])]
        );
        assert_eq!(
            segs("Right-click **Command Prompt** and select **Run as administrator**, then click **Yes**."),
            [v(&["Command Prompt", "Run as administrator"])]
        );
        assert_eq!(
            segs("Run Driver Easy and click the Scan Now button."),
            [v(&["Driver Easy", "Scan Now"])]
        );
    }

    #[test]
    fn numbered_procedure_is_one_path() {
        assert_eq!(
            found(&[
                li(1, "Open Settings."),
                li(2, "Tap Privacy."),
                li(3, "Tap Camera.")
            ]),
            [(v(&["Settings", "Privacy", "Camera"]), PathForm::Prose)]
        );
    }

    #[test]
    fn unnamed_element_ends_a_path() {
        assert_eq!(
            segs("Open Messages, select the message, then tap Edit and choose Delete."),
            [v(&["Edit", "Delete"])]
        );
    }

    #[test]
    fn alternatives_for_the_last_level() {
        assert_eq!(
            segs("Open the Tools menu and select either **Search** or **Run**."),
            [v(&["Tools", "Search"]), v(&["Tools", "Run"])]
        );
    }

    #[test]
    fn not_paths() {
        assert!(segs("Press **Win + R** and type **cmd**.").is_empty());
        assert!(segs("Press Ctrl + Shift + Esc to open Task Manager.").is_empty());
        assert!(segs("Click OK.").is_empty());
        assert!(segs("iOS 17 > iOS 16 for battery life.").is_empty());
        assert!(segs("Open C:\\Windows\\Temp and delete the files.").is_empty());
        assert!(segs("Visit https://example.com > Downloads today.").is_empty());
        assert!(segs("![Settings > General](shot.png)").is_empty());
    }

    #[test]
    fn setting_set_to_a_value() {
        assert_eq!(
            segs("Double-click **Print Spooler**. Change the **Startup type** to **Disabled**. Click Stop."),
            [v(&["Print Spooler", "Startup type", "Disabled"])]
        );
    }

    #[test]
    fn another_route_ends_the_path() {
        assert_eq!(
            found(&[
                li(1, "Open Tools and click **Scan**."),
                li(2, "Or click **Fix All** to repair everything."),
            ]),
            [(v(&["Tools", "Scan"]), PathForm::Prose)]
        );
        assert_eq!(
            segs("Open Tools and click **Scan**. You can also hit **Fix All**."),
            [v(&["Tools", "Scan"])]
        );
    }

    #[test]
    fn when_you_click_is_not_a_move() {
        assert_eq!(
            segs("Open Tools and click **Scan** (you will be asked to pay when you click **Fix All**)."),
            [v(&["Tools", "Scan"])]
        );
    }

    #[test]
    fn element_beside_an_unnamed_one_starts_over() {
        assert_eq!(
            found(&[
                li(1, "Open Tools and click **Scan**."),
                li(2, "Click the **Fix** button next to the broken device, then click **Confirm Fix**."),
            ]),
            [
                (v(&["Tools", "Scan"]), PathForm::Prose),
                (v(&["Fix", "Confirm Fix"]), PathForm::Prose)
            ]
        );
    }

    #[test]
    fn keys_and_qualified_names() {
        assert_eq!(
            segs("Hit the Windows key, then click the Windows **Start** button and select **Power**."),
            [v(&["Start", "Power"])]
        );
    }

    #[test]
    fn trailing_wizard_step_is_dropped() {
        assert_eq!(
            segs("Open Tools, click **Repair** and click **Finish**."),
            [v(&["Tools", "Repair"])]
        );
        assert_eq!(
            segs("Run Disk Tool as administrator. Right-click it and select Run as administrator."),
            [v(&["Disk Tool", "Run as administrator"])]
        );
    }

    #[test]
    fn chain_ending_a_paragraph_is_complete() {
        assert_eq!(
            found(&[
                p("Go to **Settings > Messages > Send as SMS** to enable this."),
                p("Then tap **iMessage** to turn it off."),
            ]),
            [(
                v(&["Settings", "Messages", "Send as SMS"]),
                PathForm::Explicit
            )]
        );
    }

    #[test]
    fn clicked_chain_in_a_procedure_stands_alone() {
        assert_eq!(
            found(&[
                li(1, "Open **Tools** and select **Advanced**."),
                li(2, "Click **Apply** > **OK**."),
            ]),
            [
                (v(&["Tools", "Advanced"]), PathForm::Prose),
                (v(&["Apply", "OK"]), PathForm::Explicit)
            ]
        );
        assert_eq!(
            found(&[
                li(1, "Open **Task Manager**."),
                li(2, "Navigate to **File > Run new task**.")
            ]),
            [(
                v(&["Task Manager", "File", "Run new task"]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn going_back_to_the_root_starts_over() {
        assert_eq!(
            segs("Double-click **Print Spooler** and click **Stop**. Then double-click **Print Spooler** again and click **Start**."),
            [v(&["Print Spooler", "Stop"]), v(&["Print Spooler", "Start"])]
        );
        assert_eq!(
            segs("Open Tools, click **Remove**, then click **Remove** again."),
            [v(&["Tools", "Remove", "Remove"])]
        );
    }

    #[test]
    fn described_element_ends_a_path() {
        assert_eq!(
            segs("Open **Tools**, right-click **any empty space** and select **Display settings**, then click **Scale**."),
            [v(&["Display settings", "Scale"])]
        );
    }

    #[test]
    fn shortcut_between_segments_is_skipped() {
        assert_eq!(
            segs("Do this by heading to **Settings** (**Win key + I**) **\\> Ease of access > Audio**."),
            [v(&["Settings", "Ease of access", "Audio"])]
        );
    }

    #[test]
    fn plain_tail_of_a_marked_segment() {
        assert_eq!(
            segs("Go to **Phone** > **Favorites** > **plus** (**+**) sign > select contact(s)."),
            [v(&["Phone", "Favorites", "plus sign"])]
        );
    }

    #[test]
    fn the_readers_own_item_is_unnamed() {
        assert_eq!(
            segs("Go to **Settings > Messages > Send & Receive** and tap your ID. Select **Use iMessage**."),
            [v(&["Settings", "Messages", "Send & Receive"])]
        );
        assert_eq!(
            segs("Open **Tools** and click **Drivers**, select your graphics driver and click **Remove**."),
            [v(&["Tools", "Drivers"])]
        );
    }

    #[test]
    fn the_desktop_is_a_surface() {
        assert_eq!(
            found(&[p(
                "Right-click on the Desktop and select the **New > Shortcut** option."
            )]),
            [(v(&["New", "Shortcut"]), PathForm::Explicit)]
        );
    }

    #[test]
    fn go_to_after_another_action_continues() {
        assert_eq!(
            segs("Go to **Settings > Update > History**. Here, scroll down and go to **Uninstall updates**."),
            [v(&["Settings", "Update", "History", "Uninstall updates"])]
        );
    }

    #[test]
    fn go_to_a_chain_after_a_click_starts_over() {
        assert_eq!(
            found(&[
                li(1, "Open **Control Panel**."),
                li(
                    2,
                    "Right-click on your printer and select **Set as default**."
                ),
                li(3, "Then, head over to **Properties > Ports**."),
            ]),
            [(v(&["Properties", "Ports"]), PathForm::Explicit)]
        );
        assert_eq!(
            found(&[
                li(1, "Press **Win + I** to open the Settings app."),
                li(2, "Head to **System > Display**."),
            ]),
            [(v(&["Settings app", "System", "Display"]), PathForm::Prose)]
        );
    }

    #[test]
    fn a_list_of_values_ends_at_the_setting() {
        assert_eq!(
            segs("Open **Display** and click **Orientation**, and select **Portrait**, **Landscape**, **Portrait (flipped)**, and click **OK**."),
            [v(&["Display", "Orientation"])]
        );
        assert_eq!(
            segs("Open **Bluetooth** and turn on **Sync Contacts** and **Show Notifications**."),
            [
                v(&["Bluetooth", "Sync Contacts"]),
                v(&["Bluetooth", "Show Notifications"])
            ]
        );
    }

    #[test]
    fn save_changes_is_a_confirmation() {
        assert_eq!(
            segs("Open **Tools**, check **Shortcuts on** and click **Save changes**."),
            [v(&["Tools", "Shortcuts on"])]
        );
    }

    #[test]
    fn button_clicked_again_or_to_continue_confirms() {
        assert_eq!(
            found(&[
                li(1, "Open **Apps**, then select **Remove app**."),
                li(2, "Select **Remove** again to confirm."),
            ]),
            [(v(&["Apps", "Remove app"]), PathForm::Prose)]
        );
        assert_eq!(
            found(&[
                li(1, "Right-click the driver and pick **Delete driver**."),
                li(2, "Click **Delete** to continue."),
            ]),
            []
        );
    }

    #[test]
    fn a_folder_is_named_by_its_name() {
        assert_eq!(
            segs("Right-click the Plugins folder and select **New** > **Text Document**."),
            [v(&["Plugins", "New", "Text Document"])]
        );
        assert_eq!(
            segs("Open **Downloads**, then click **Show in folder**."),
            [v(&["Downloads", "Show in folder"])]
        );
    }

    #[test]
    fn marked_item_the_reader_will_find() {
        assert_eq!(
            segs("Open **Tools > Repair**. There you will find **Scanner** in the list. Click the **Start** button next to it."),
            [v(&["Tools", "Repair", "Scanner", "Start"])]
        );
        assert_eq!(
            segs("Open **Tools**. You'll find **Scanner** near the top; click it and select **Start**."),
            [v(&["Tools", "Scanner", "Start"])]
        );
    }

    #[test]
    fn state_of_a_named_control_checked() {
        assert_eq!(
            found(&[
                li(1, "Open **Settings** and select **Privacy**."),
                li(
                    2,
                    "Check if the Location services toggle is off. If so, turn it on."
                ),
            ]),
            [(
                v(&["Settings", "Privacy", "Location services"]),
                PathForm::Prose
            )]
        );
        assert_eq!(
            found(&[
                li(1, "Open **Settings** and select **Privacy**."),
                li(2, "Check if the Windows version is current."),
            ]),
            [(v(&["Settings", "Privacy"]), PathForm::Prose)]
        );
    }

    #[test]
    fn chain_from_a_tab_of_the_dialog_just_opened() {
        assert_eq!(
            found(&[
                li(1, "Right-click **Drive D** and click **Properties**."),
                li(2, "Click the **Security** tab > **Edit**."),
            ]),
            [(
                v(&["Drive D", "Properties", "Security tab", "Edit"]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn them_is_the_readers_own_items() {
        assert_eq!(
            found(&[
                li(1, "Open **Activity Viewer**."),
                li(2, "Click the **Memory** tab. If you spot any greedy processes, select them and click **Quit**."),
            ]),
            [(v(&["Activity Viewer", "Memory"]), PathForm::Prose)]
        );
    }

    #[test]
    fn kind_of_element_before_its_marked_name() {
        assert_eq!(
            segs("Open **Hardware Viewer**. Expand category **Audio inputs** and select **Properties**."),
            [v(&["Hardware Viewer", "Audio inputs", "Properties"])]
        );
    }

    #[test]
    fn in_a_marked_tab_without_the_article() {
        assert_eq!(
            segs("Open **Mixer**. In **Inputs** tab, click **Reset**."),
            [v(&["Mixer", "Inputs", "Reset"])]
        );
    }

    #[test]
    fn box_whose_state_is_checked_is_named_by_its_label() {
        assert_eq!(
            found(&[
                li(1, "Open **Power Options** and click **Edit plan**."),
                li(2, "Make sure **the box** before **Allow wake timers** is **checked**, then click **Save**."),
            ]),
            [(v(&["Power Options", "Edit plan", "Allow wake timers"]), PathForm::Prose)]
        );
    }

    #[test]
    fn marked_item_seen_then_acted_on() {
        assert_eq!(
            segs("Open **Outputs**. You should see **Line Out (USB)**. Select it and then click **Make primary**."),
            [v(&["Outputs", "Line Out (USB)", "Make primary"])]
        );
        assert_eq!(
            segs("Open **Outputs** and click **Test**. You should see **All good**. Close the window."),
            [v(&["Outputs", "Test"])]
        );
        assert_eq!(
            found(&[
                li(1, "Open **Maps** and tap the **Places** tab."),
                li(
                    2,
                    "The first time, you'll be prompted to **Turn On Sync**. Tap that option."
                ),
            ]),
            [(v(&["Maps", "Places", "Turn On Sync"]), PathForm::Prose)]
        );
    }

    #[test]
    fn elements_offered_with_articles_in_a_named_tab() {
        assert_eq!(
            segs("Open **Mixer**, then select either the **Mute all** or the **Mute** option in the **Levels** tab."),
            [v(&["Mixer", "Levels", "Mute all"]), v(&["Mixer", "Levels", "Mute"])]
        );
    }

    #[test]
    fn text_box_typed_into_is_not_a_level() {
        assert_eq!(
            found(&[
                li(1, "Press **Ctrl + L** to open Finder."),
                li(
                    2,
                    "Go to **Finder's path bar**, type **Console**, and press **Enter**."
                ),
            ]),
            []
        );
    }

    #[test]
    fn missing_options_lead_to_another_route() {
        assert_eq!(
            segs("Open the **Edit** menu and choose **Undo Send**. If you don't see those options, click the **More** menu and go to **Edit > Undo Send**."),
            [v(&["Edit", "Undo Send"]), v(&["More", "Edit", "Undo Send"])]
        );
    }

    #[test]
    fn window_that_opens_is_where_the_next_move_is_made() {
        assert_eq!(
            found(&[
                li(1, "Click **Show in folder**."),
                li(2, "In the Finder window that opens, right-click **Backup.zip** and select **Compress**."),
            ]),
            [(v(&["Show in folder", "Backup.zip", "Compress"]), PathForm::Prose)]
        );
    }

    #[test]
    fn path_goes_on_in_the_next_section_from_the_place_reached() {
        let h = |t: &str| block(BlockKind::Heading(3), t);
        assert_eq!(
            found(&[
                h("1. Open the tool"),
                p("Launch **Notes** and click **Share notes**."),
                h("2. Pick the people"),
                p("At the Notes screen, click **Invite**."),
            ]),
            [(v(&["Notes", "Share notes", "Invite"]), PathForm::Prose)]
        );
        assert_eq!(
            found(&[
                p("Launch **Notes** and click **Share notes**."),
                h("2. Pick the people"),
                p("In the next window (see below), click **Invite**."),
            ]),
            [(v(&["Notes", "Share notes", "Invite"]), PathForm::Prose)]
        );
        assert_eq!(
            found(&[
                p("Launch **Notes** and click **Share notes**."),
                h("2. Clear the cache"),
                p("Click **Tools** and select **Clear**."),
            ]),
            [
                (v(&["Notes", "Share notes"]), PathForm::Prose),
                (v(&["Tools", "Clear"]), PathForm::Prose)
            ]
        );
    }

    #[test]
    fn opposite_actions_in_turn_are_not_a_path() {
        assert!(segs("Click **Pause**. When the sync is done, click **Resume**.").is_empty());
        assert_eq!(
            segs("Open **Sync** and click **Pause**."),
            [v(&["Sync", "Pause"])]
        );
    }

    #[test]
    fn going_to_another_place_after_a_chain_starts_over() {
        assert_eq!(
            found(&[
                li(1, "Launch the game."),
                li(2, "Select **Options > Audio**. Lower the music volume."),
                li(3, "Go to **Voice**."),
            ]),
            [(v(&["Options", "Audio"]), PathForm::Explicit)]
        );
        assert_eq!(
            found(&[li(1, "Open **Mixer**."), li(2, "Go to **Voice**."),]),
            [(v(&["Mixer", "Voice"]), PathForm::Prose)]
        );
    }

    #[test]
    fn marked_name_after_describing_words() {
        assert_eq!(
            segs("Right-click the newly added **Rule 1** and select **Edit**."),
            [v(&["Rule 1", "Edit"])]
        );
    }

    #[test]
    fn that_persons_name_is_unnamed() {
        assert_eq!(
            found(&[
                li(1, "Open **Contacts** and tap **Invite**."),
                li(2, "Then tap that person's photo and tap **Share Card**."),
            ]),
            [(v(&["Contacts", "Invite"]), PathForm::Prose)]
        );
        assert_eq!(
            segs("Open **Contacts**. You'll be prompted to **Sync**. Tap that option."),
            [v(&["Contacts", "Sync"])]
        );
    }

    #[test]
    fn value_chosen_in_a_labelled_field() {
        assert_eq!(
            segs("Double-click **Indexer**. Then in **Start mode:**, choose **Manual**."),
            [v(&["Indexer", "Start mode", "Manual"])]
        );
    }

    #[test]
    fn path_ending_at_a_drive_is_a_file_location() {
        assert!(
            segs("Open **Finder**, select **Computer** and click **Macintosh HD (C:)**.")
                .is_empty()
        );
        assert!(segs("Open **Files** and click **D drive**.").is_empty());
        assert_eq!(
            segs("Right-click **Local Disk (C:)** and select **Properties**."),
            [v(&["Local Disk (C:)", "Properties"])]
        );
    }

    #[test]
    fn weak_segments() {
        for w in ["the", "the box", "drop-down menu"] {
            assert!(is_weak(w), "{w}");
        }
        for w in ["the menu button", "Options", "gear icon"] {
            assert!(!is_weak(w), "{w}");
        }
    }

    #[test]
    fn weak_segment_ends_the_path() {
        assert!(segs("Click the gear button and open the drop-down menu.").is_empty());
        assert_eq!(
            segs("In Firefox, click **the menu button** > **Options**."),
            [v(&["the menu button", "Options"])]
        );
    }

    #[test]
    fn a_click_joined_with_and_selecting() {
        assert_eq!(
            found(&[
                p("Do this by heading to **Settings > Sound** and selecting the **Playback** tab."),
                p("You should see **Speakers**. Select this and click **Set Default**."),
            ]),
            // The chain's paragraph ends its path; the item seen and
            // acted on starts one of its own.
            [
                (v(&["Settings", "Sound", "Playback"]), PathForm::Prose),
                (v(&["Speakers", "Set Default"]), PathForm::Prose)
            ]
        );
        assert!(segs("Get it by clicking the **Download** button.").is_empty());
    }

    #[test]
    fn typed_name_opened_from_the_results() {
        assert_eq!(
            found(&[
                li(1, "In the Start menu search bar, type **control panel** and select the Best match."),
                li(2, "Select **Hardware and Sound > Sound**."),
            ]),
            [(
                v(&["control panel", "Hardware and Sound", "Sound"]),
                PathForm::Prose
            )]
        );
        assert_eq!(
            found(&[
                li(1, "Click on Start and search for Windows Security."),
                li(
                    2,
                    "From the search results, open the **Windows Security** app."
                ),
                li(3, "Click on **Virus & threat protection**."),
            ]),
            [(
                v(&["Start", "Windows Security", "Virus & threat protection"]),
                PathForm::Prose
            )]
        );
        assert_eq!(
            found(&[
                li(
                    1,
                    "Click the **Start menu search bar** and type **Control Panel**."
                ),
                li(2, "Select the **Best match** from the results."),
                li(3, "Click **User Accounts**."),
            ]),
            [(v(&["Control Panel", "User Accounts"]), PathForm::Prose)]
        );
    }

    #[test]
    fn typed_name_not_picked_is_not_a_level() {
        // The result is named: the typed text is not a level.
        assert_eq!(
            found(&[
                li(
                    1,
                    "Type **OneDrive** in the search bar and select **Open file location**."
                ),
                li(2, "Right-click **OneDrive** and select **Copy as path**."),
            ]),
            [(v(&["OneDrive", "Copy as path"]), PathForm::Prose)]
        );
        assert!(segs("Open **Tools**, type **Foo** and press **Enter**.").is_empty());
        assert!(segs("Type **sfc /scannow** and click the first result.").is_empty());
    }

    #[test]
    fn box_checked_on_the_way_to_a_button() {
        assert_eq!(
            segs("Open **Defender**, check the **Full scan** box and click **Scan now**."),
            [v(&["Defender", "Full scan", "Scan now"])]
        );
        assert_eq!(
            segs("Open **Defender** and check the **Full scan** box."),
            [v(&["Defender", "Full scan"])]
        );
    }

    #[test]
    fn box_named_by_the_label_beside_it() {
        assert_eq!(
            segs("Open **Explorer**, then check **the boxes** before **Show hidden files**."),
            [v(&["Explorer", "Show hidden files"])]
        );
        assert_eq!(
            segs("Open **Explorer** and tick the box next to **File name extensions**."),
            [v(&["Explorer", "File name extensions"])]
        );
    }

    #[test]
    fn box_checked_then_another_clicked() {
        assert_eq!(
            segs("Open **Options**, check the **Safe mode** box. And then click the box before **Verbose log**."),
            [v(&["Options", "Safe mode", "Verbose log"])]
        );
        // The chain of item 1 goes on in words in the next item.
        assert_eq!(
            found(&[
                li(1, "Click **Tools** > **Preferences**."),
                p("2. Scroll down to **Privacy**, then check **the boxes** before **Block pop-ups**. And then CLICK **the box** before **Send Do Not Track**."),
            ]),
            [(
                v(&["Tools", "Preferences", "Block pop-ups", "Send Do Not Track"]),
                PathForm::Prose
            )]
        );
        // Without "then", a checked box still ends the path.
        assert_eq!(
            segs("Open **Options** and check the **Safe mode** box. Click **Verbose log**."),
            [v(&["Options", "Safe mode"])]
        );
    }

    #[test]
    fn setting_and_value_written_with_a_colon() {
        assert_eq!(
            segs("Open **Control Panel**, select **View by: Large icons** and click **Date and Time**."),
            [v(&["Control Panel", "View by", "Large icons", "Date and Time"])]
        );
    }

    #[test]
    fn under_a_tab() {
        assert_eq!(
            found(&[
                li(1, "Open **Sound**."),
                li(2, "Under the **Playback** tab, right-click the **Default Device** and select **Properties**."),
            ]),
            [(
                v(&["Sound", "Playback", "Default Device", "Properties"]),
                PathForm::Prose
            )]
        );
        assert!(
            segs("Under the **System** tab and you can check the **Memory** information.")
                .is_empty()
        );
    }

    #[test]
    fn window_the_reader_is_in() {
        assert_eq!(
            segs("In the Control Panel window, click on the **User Accounts** option."),
            [v(&["Control Panel", "User Accounts"])]
        );
        // The window just opened is not a second level.
        assert_eq!(
            found(&[
                li(1, "Open **Device Manager**."),
                li(2, "In the Device Manager window, expand **Keyboards**."),
            ]),
            [(v(&["Device Manager", "Keyboards"]), PathForm::Prose)]
        );
        // A described window is not a level.
        assert!(segs("In the File Explorer window that opens, click **Share**.").is_empty());
    }

    #[test]
    fn by_right_clicking_is_a_move() {
        assert_eq!(
            segs(
                "Find it by right-clicking the **Windows icon** and selecting **Device Manager**."
            ),
            [v(&["Windows icon", "Device Manager"])]
        );
        // "by clicking" says how a move is made.
        assert!(segs("Save it by clicking **Save**.").is_empty());
    }

    #[test]
    fn chain_inside_the_window_just_opened() {
        assert_eq!(
            found(&[p("Launch **Foo**. Click the gear icon to open the **Settings** window. Then go to the **Game Settings > Game** tab.")]),
            [(
                v(&["Foo", "Settings", "Game Settings", "Game"]),
                PathForm::Prose
            )]
        );
        assert_eq!(
            segs("Open **Settings**. Go to **Settings > Sound > Output**."),
            [v(&["Settings", "Sound", "Output"])]
        );
        // After a click, a chain reached with "go to" starts over.
        assert_eq!(
            found(&[p(
                "Open **Tools** and click **Reset**. Go to **Display > Scale**."
            )]),
            [
                (v(&["Tools", "Reset"]), PathForm::Prose),
                (v(&["Display", "Scale"]), PathForm::Explicit)
            ]
        );
    }

    #[test]
    fn chain_inside_a_search_result() {
        assert_eq!(
            segs("Open the **Settings** and go to the **Apps** section. Search for the **Google Play Services** app. Navigate to **Advanced > App details**."),
            [v(&["Settings", "Apps", "Google Play Services", "Advanced", "App details"])]
        );
    }

    #[test]
    fn item_of_a_list_just_expanded() {
        assert_eq!(
            found(&[
                li(1, "Open **Device Manager**."),
                li(
                    2,
                    "Double-click **Imaging devices** to expand the category."
                ),
                li(
                    3,
                    "Right-click **Integrated Camera** and select **Uninstall device**."
                ),
            ]),
            [(
                v(&[
                    "Device Manager",
                    "Imaging devices",
                    "Integrated Camera",
                    "Uninstall device"
                ]),
                PathForm::Prose
            )]
        );
        assert_eq!(
            found(&[
                li(1, "Open **Services**."),
                li(2, "Locate **Print Spooler**."),
                li(3, "Right-click **Print Spooler** and click **Start**."),
            ]),
            [(v(&["Services", "Print Spooler", "Start"]), PathForm::Prose)]
        );
        // After a click, a context menu still starts over.
        assert_eq!(
            found(&[
                li(1, "Open **Services** and click **Refresh**."),
                li(2, "Right-click **Print Spooler** and click **Start**."),
            ]),
            [
                (v(&["Services", "Refresh"]), PathForm::Prose),
                (v(&["Print Spooler", "Start"]), PathForm::Prose)
            ]
        );
    }

    #[test]
    fn then_with_the_verb_left_out() {
        assert_eq!(
            segs("Open **Printer properties**. Click the **Ports** tab, then **Add Port**."),
            [v(&["Printer properties", "Ports", "Add Port"])]
        );
    }

    #[test]
    fn under_a_tab_without_the_article() {
        assert_eq!(
            found(&[
                li(1, "Open **Properties**."),
                li(2, "Under **Driver** tab, choose **Roll Back Driver**."),
            ]),
            [(
                v(&["Properties", "Driver", "Roll Back Driver"]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn if_not_is_another_route() {
        assert_eq!(
            segs("Open **Display**, select **Orientation**. Click **Keep changes** to save; if not, click **Revert**."),
            [v(&["Display", "Orientation"])]
        );
    }

    #[test]
    fn element_in_a_named_place() {
        assert_eq!(
            segs("Hit the **Quick Connect** button in Proton VPN."),
            [v(&["Proton VPN", "Quick Connect"])]
        );
        assert_eq!(
            segs("Select **Disable all enhancements** in the **Enhancements** tab."),
            [v(&["Enhancements", "Disable all enhancements"])]
        );
        // The place just reached is not repeated.
        assert_eq!(
            found(&[
                li(1, "Open **Sound**."),
                li(2, "Click **Playback** in the **Sound** window."),
            ]),
            [(v(&["Sound", "Playback"]), PathForm::Prose)]
        );
        // A place described in lower case is not a level.
        assert!(segs("Click **Save** in the bottom corner.").is_empty());
    }

    #[test]
    fn chain_after_a_tab_continues() {
        assert_eq!(
            found(&[
                li(1, "Open **Settings**."),
                li(2, "Click on the **Privacy & security** tab."),
                li(3, "Navigate to **Windows Security > Open Windows Security**. This will open the Windows Security page."),
                li(4, "Click on **Firewall & network protection**."),
            ]),
            [(
                v(&[
                    "Settings",
                    "Privacy & security",
                    "Windows Security",
                    "Open Windows Security",
                    "Firewall & network protection"
                ]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn will_open_after_keys_names_the_place() {
        assert_eq!(
            found(&[
                p("Press **Ctrl + Shift + Esc**. This will open the Task Manager."),
                p("From here, click on the **Processes** tab."),
            ]),
            [(v(&["Task Manager", "Processes"]), PathForm::Prose)]
        );
    }

    #[test]
    fn setting_named_after_keys() {
        assert_eq!(
            segs("Open **Keyboard** and locate the **Filter keys** option."),
            [v(&["Keyboard", "Filter keys"])]
        );
        assert!(segs("Open **Keyboard** and hit the **Windows** key.").is_empty());
    }

    #[test]
    fn item_scrolled_to_and_acted_on() {
        assert_eq!(
            found(&[
                li(
                    1,
                    "Press **Win + R**, type **services.msc** and press Enter."
                ),
                li(
                    2,
                    "Scroll down to **Fax Relay**, right-click on it and choose **Pause**."
                ),
                li(
                    3,
                    "Scroll down to **Print Relay**, right-click on it and choose **Pause**."
                ),
            ]),
            [
                (v(&["Fax Relay", "Pause"]), PathForm::Prose),
                (v(&["Print Relay", "Pause"]), PathForm::Prose)
            ]
        );
    }

    #[test]
    fn scrolling_the_view_is_not_a_level() {
        assert_eq!(
            segs("Open **Options**. Scroll down to the **Privacy** section and click **Clear cache**."),
            [v(&["Options", "Clear cache"])]
        );
        assert_eq!(
            segs("Open **Options**, scroll down to the bottom and click **Reset all**."),
            [v(&["Options", "Reset all"])]
        );
    }

    #[test]
    fn marked_item_found_in_a_list() {
        assert_eq!(
            segs("In the list, find **Fax Relay** and double-click it. Then click **Pause**."),
            [v(&["Fax Relay", "Pause"])]
        );
        assert!(segs("If you can't find **Fax Relay**, restart the machine.").is_empty());
    }

    #[test]
    fn program_opened_after_a_click_starts_over() {
        assert_eq!(
            found(&[
                li(1, "Open **Media Hub** and click **Export**."),
                li(
                    2,
                    "Once it is done, open **Photo Viewer** and go to **Albums**."
                ),
            ]),
            [
                (v(&["Media Hub", "Export"]), PathForm::Prose),
                (v(&["Photo Viewer", "Albums"]), PathForm::Prose)
            ]
        );
    }

    #[test]
    fn and_then_leaves_out_the_verb() {
        assert_eq!(
            segs("From the menu bar, click **Edit** and then **Preferences**."),
            [v(&["Edit", "Preferences"])]
        );
    }

    #[test]
    fn key_offered_instead_of_a_click_keeps_the_path() {
        assert_eq!(
            found(&[
                li(
                    1,
                    "Click the **Launcher** button or press the **Super** key."
                ),
                li(2, "Select **Utilities** and click **Terminal**."),
            ]),
            [(v(&["Launcher", "Utilities", "Terminal"]), PathForm::Prose)]
        );
    }

    #[test]
    fn detour_for_a_missing_element_is_skipped() {
        assert_eq!(
            segs("Click the **Sync** icon. If you don't see it, click the **More** arrow. Then select **Pause**."),
            [v(&["Sync", "Pause"])]
        );
        assert_eq!(
            segs("If you can't see its state, right-click **Relay** and click **Resume**."),
            [v(&["Relay", "Resume"])]
        );
    }

    #[test]
    fn scrolled_to_place_ending_the_sentence_is_a_level() {
        assert_eq!(
            segs("Open the Options app and scroll down to \"Backups.\" Tap on the copy you want."),
            [v(&["Options app", "Backups"])]
        );
    }

    #[test]
    fn menu_the_reader_is_in_is_the_level_just_reached() {
        assert_eq!(
            segs("Open the Library app and tap the profile icon. In the menu that opens, select \"Preferences.\" In the Preferences menu, go to \"Downloads.\""),
            [v(&["Library app", "profile icon", "Preferences", "Downloads"])]
        );
    }

    #[test]
    fn hedged_move_is_advice() {
        assert_eq!(
            segs("Go to the Options app and scroll down to \"Firmware.\" You may need to open the \"Device\" section first. Select \"Install Now.\""),
            [v(&["Options app", "Firmware", "Install Now"])]
        );
    }

    #[test]
    fn menu_seen_after_holding_a_button() {
        assert_eq!(
            segs("Hold the side button until you see the Shutdown menu. Tap on the \"Reboot\" button."),
            [v(&["Shutdown", "Reboot"])]
        );
    }

    #[test]
    fn two_elements_joined_by_and_are_clicked_in_turn() {
        assert_eq!(
            segs("Open **Preferences**. Then, select **Network** and **Proxy**."),
            [v(&["Preferences", "Network", "Proxy"])]
        );
        // Boxes turned on are one path each.
        assert_eq!(
            segs("Open **Preferences** and turn on **Wi-Fi** and **Bluetooth**."),
            [
                v(&["Preferences", "Wi-Fi"]),
                v(&["Preferences", "Bluetooth"])
            ]
        );
    }

    #[test]
    fn app_named_as_the_window_the_reader_is_in() {
        assert_eq!(
            segs("In the Mail app, click the **menu icon** and select **Accounts**.Switch to the **Signatures** tab."),
            [v(&["Mail", "menu icon", "Accounts", "Signatures"])]
        );
    }

    #[test]
    fn chain_picked_from_a_menu_icon_continues() {
        assert_eq!(
            found(&[
                li(
                    1,
                    "On the call screen, click the kebab menu icon at the top."
                ),
                li(2, "Select **Preferences > Audio**."),
            ]),
            [(
                v(&["kebab menu icon", "Preferences", "Audio"]),
                PathForm::Prose
            )]
        );
    }

    #[test]
    fn what_a_click_opens() {
        // An icon stands for the app it launches.
        assert_eq!(
            segs("Open the **Dock** and click the **cog icon** to launch the Preferences app. Go to **Privacy > Camera**."),
            [v(&["Dock", "Preferences app", "Privacy", "Camera"])]
        );
        // A named element is the level; the place it opens is not.
        assert_eq!(
            segs("Right-click **Start** to open the Quick Access menu. Select **Terminal**."),
            [v(&["Start", "Terminal"])]
        );
    }

    #[test]
    fn screen_position_is_not_an_element() {
        assert_eq!(
            found(&[
                li(1, "Open **Preferences**."),
                li(
                    2,
                    "Navigate to the bottom-right corner and click **Advanced**."
                ),
            ]),
            [(v(&["Preferences", "Advanced"]), PathForm::Prose)]
        );
    }

    #[test]
    fn first_person_account_of_the_moves() {
        assert_eq!(
            segs("First, I went to the Utilities folder and launched Disk Helper."),
            [v(&["Utilities", "Disk Helper"])]
        );
        assert_eq!(
            segs("We opened **Preferences** and clicked **Sync**, then tapped **Pause**."),
            [v(&["Preferences", "Sync", "Pause"])]
        );
        // A passive past tense is not a move.
        assert!(segs("The Sync page was opened and clicked by many users.").is_empty());
    }

    #[test]
    fn split_markup_is_one_label() {
        assert_eq!(
            segs("Right-click the desktop icon and click **Display** **Properties**, then go to **Colors**."),
            [v(&["Display Properties", "Colors"])]
        );
        assert_eq!(
            segs("Open **Tools** and select **E** **xport Data**."),
            [v(&["Tools", "Export Data"])]
        );
    }

    #[test]
    fn typed_into_the_apps_own_search_box() {
        assert_eq!(
            found(&[
                li(1, "Open the **Media Hub** app."),
                li(
                    2,
                    "Type **Codecs** in the Media Hub's search box, and go to the Codecs settings."
                ),
                li(3, "Select **Reset codecs**."),
            ]),
            [(v(&["Media Hub", "Codecs", "Reset codecs"]), PathForm::Prose)]
        );
    }

    #[test]
    fn the_readers_own_marked_item_is_unnamed() {
        assert_eq!(
            segs("Click the **Disks** tab, select your **backup drive**, and click **Repair options**. Tick **the box** for **Deep scan** and choose **the fastest mode**."),
            [v(&["Repair options", "Deep scan"])]
        );
        assert_eq!(
            segs("Open your **Preferences** app and tap **Sound**."),
            [v(&["Preferences", "Sound"])]
        );
    }

    #[test]
    fn highlighting_the_item_just_named_keeps_the_path() {
        assert_eq!(
            segs("Scroll through the list to locate **Fax Relay**. Click to highlight this item and click **Pause** in the left pane."),
            [v(&["Fax Relay", "Pause"])]
        );
        // Highlighting an unnamed item ends the path.
        assert_eq!(
            segs("Open **Devices**. Click to highlight your default printer and then click **Properties**, then **Ports**."),
            [v(&["Properties", "Ports"])]
        );
    }

    #[test]
    fn chain_clicked_inside_the_app_just_opened() {
        assert_eq!(
            segs("Open the Notes app on your phone. Tap **Settings > Sync**, and tap **Pause Sync**."),
            [v(&["Notes app", "Settings", "Sync", "Pause Sync"])]
        );
        assert_eq!(
            found(&[p("Launch **Notes**."), p("Tap **Settings > Sync**.")]),
            [(v(&["Notes", "Settings", "Sync"]), PathForm::Prose)]
        );
    }

    #[test]
    fn how_to_open_is_a_topic() {
        assert!(segs("Here is how to open **Preferences** and what **Sync** does.").is_empty());
        assert!(segs("There are many ways to access **Preferences** from **Tools**.").is_empty());
    }

    #[test]
    fn element_the_reader_picks_is_unnamed() {
        assert_eq!(
            segs("Open **Accounts** and select **Mail**. Select the Work Account you want to remove, then click **Delete**."),
            [v(&["Accounts", "Mail"])]
        );
    }

    #[test]
    fn place_brought_up_by_keys() {
        assert_eq!(
            found(&[
                li(1, "Press **Ctrl + Q** to bring up the Quit dialog"),
                li(
                    2,
                    "Select **Sleep** from the drop-down menu and then hit **OK**."
                ),
            ]),
            [(v(&["Quit dialog", "Sleep"]), PathForm::Prose)]
        );
        // Something that appears is not clicked.
        assert_eq!(
            segs("Long-press the photo. This will bring up a menu. Tap on the **Details** button and select **Tags**."),
            [v(&["Details", "Tags"])]
        );
    }

    #[test]
    fn marked_place_the_reader_is_in() {
        assert_eq!(
            found(&[
                li(1, "Launch **Player**."),
                li(
                    2,
                    "In the **MEDIA**, right-click on your album and select **Info**."
                ),
            ]),
            [(v(&["Player", "MEDIA"]), PathForm::Prose)]
        );
    }

    #[test]
    fn setting_whose_state_is_checked_ends_the_path() {
        assert_eq!(
            segs("Open **Network** and click **Advanced**. Make sure the switch labeled **Metered connection** is set to off. You can also turn off **Roaming**."),
            [v(&["Network", "Advanced", "Metered connection"])]
        );
        assert!(segs("Make sure your phone is charged.").is_empty());
    }

    #[test]
    fn context_menu_on_it_after_a_click_starts_over() {
        assert_eq!(
            segs("Right-click the icon and click **Set as Default**. Then right-click it and click **Queue**. Click **Pause**."),
            [v(&["Queue", "Pause"])]
        );
        // After an app is named to be run, "it" is that app.
        assert_eq!(
            segs("Please run **Disk Tool** as administrator. Right-click it and select **Run as administrator**."),
            [v(&["Disk Tool", "Run as administrator"])]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "",
            ">",
            "> >",
            "**>**",
            "Click",
            "Click the",
            "é > ü",
            "( > )",
            "Go to",
        ] {
            let _ = find_paths(&[p(t), li(1, t)]);
        }
    }
}
