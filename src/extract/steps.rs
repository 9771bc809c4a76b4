//! Ordered fix and procedure steps.
//!
//! The conventions are those of `dataset.md` ("steps[]"). Shapes are tried
//! from the most explicit to the least:
//!
//! 1. labelled markers: "Fix 1:", "Method Two", "3. Restart", "Part 1"
//!    headings or bold paragraphs; grouping labels ("Part", "Case") give way
//!    to the fixes they hold, and numbering that restarts under unnumbered
//!    headings makes those headings the steps;
//! 2. the sub-headings of a fixes section ("Troubleshooting", "How can I fix
//!    it?"), questions included;
//! 3. instruction headings ("How to ...", "Restart Your Phone", "Installing
//!    the app") when they make up the body of the article;
//! 4. one procedure: a numbered list (numbering may be interrupted by notes)
//!    or "Step N" paragraphs, one step per item.
//!
//! Under a step, sub-headings (or labelled paragraphs such as "Option 1")
//! are its substeps; without them, its numbered items are.

use super::steps_markers::{self as mk, Family, Marker};
use crate::model::{Block, BlockKind};
use std::ops::Range;

/// One substep: a short title (first sentence or sub-heading) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubSpan {
    pub title: String,
    pub text: String,
}

/// A step and the blocks it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSpan {
    pub title: String,
    pub text: String,
    pub substeps: Vec<SubSpan>,
    /// Blocks that belong to the step, its heading or item included.
    pub blocks: Range<usize>,
}

/// A step before its range and substeps are settled.
#[derive(Debug, Clone)]
struct Draft {
    /// Block of the heading, pseudo-heading or list item.
    head: usize,
    /// Marker level, or `None` for a list item.
    level: Option<u8>,
    /// Substep blocks decided by the shape (restarted numbering).
    subs: Option<Vec<usize>>,
    /// A hard end, when the shape knows it.
    end: Option<usize>,
}

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "aka", "vs", "approx", "etc.)", "no", "fig"];

/// First sentence of a text, for titles. A leading label ("Step 1.", "2)")
/// is kept but never taken for a sentence, and periods inside parentheses
/// or after common abbreviations do not end it.
pub fn first_sentence(s: &str) -> String {
    let s = s.trim();
    let start = s.len() - mk::strip_label(s).len();
    let mut depth = 0i32;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if c == '\n' && i > start {
            end = i;
            break;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if i < start || depth > 0 || !matches!(c, '.' | '!' | '?' | '。' | '！' | '？') {
            continue;
        }
        let after = &s[i + c.len_utf8()..];
        let ends = after.chars().next().is_none_or(char::is_whitespace) || c == '。';
        if !ends {
            continue;
        }
        let word = s[..i]
            .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        if c == '.' && ABBREVIATIONS.contains(&word.as_str()) {
            continue;
        }
        end = i + c.len_utf8();
        break;
    }
    s[..end].trim().to_string()
}

fn is_heading(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Heading(_))
}

/// The title of a step or substep that starts at this block.
fn title_of(b: &Block) -> String {
    if is_heading(b) {
        b.plain.trim().to_string()
    } else {
        first_sentence(&b.plain)
    }
}

/// Finds the article's steps. `title` is the article title, used to skip a
/// heading that merely repeats it.
pub fn find_steps(blocks: &[Block], title: Option<&str>) -> Vec<StepSpan> {
    let markers = mk::collect(blocks, title);
    let drafts = labelled(blocks, &markers)
        .or_else(|| fix_section(&markers))
        .or_else(|| instruction_headings(blocks, &markers))
        .unwrap_or_else(|| procedure(blocks, &markers, 0, blocks.len()));
    finish(blocks, &markers, drafts)
}

/// Markers that can take part in steps: not the title, not chrome.
fn usable(m: &Marker) -> bool {
    !m.is_title && !m.is_chrome
}

/// Where a step that starts with marker block `head` at `level` ends: at the
/// next marker as shallow or shallower, or at chrome or an explanatory
/// heading.
fn marker_end(markers: &[Marker], head: usize, level: u8, limit: usize) -> usize {
    markers
        .iter()
        .find(|m| {
            m.block > head && (m.level <= level || (m.real && (m.is_chrome || m.is_explanatory)))
        })
        .map_or(limit, |m| m.block.min(limit))
}

// ---------------------------------------------------------------- shape 1

/// Rank of a family when two labelled sequences sit at the same level.
fn family_rank(f: Family) -> u8 {
    match f {
        Family::Group => 0,
        Family::Fix => 1,
        Family::Num => 2,
        Family::Step => 3,
        Family::Opt => 4,
    }
}

/// Labelled fix headings.
fn labelled(blocks: &[Block], markers: &[Marker]) -> Option<Vec<Draft>> {
    let families = [
        Family::Group,
        Family::Fix,
        Family::Num,
        Family::Step,
        Family::Opt,
    ];
    // Each family's usable members, and the shallowest level they reach.
    let mut best: Option<(u8, u8, Family)> = None;
    for f in families {
        // "Step 1" and "Option 1" paragraphs are a procedure or substeps;
        // only as headings can they be the article's steps.
        let headings_only = matches!(f, Family::Step | Family::Opt);
        let members: Vec<&Marker> = markers
            .iter()
            .filter(|m| usable(m) && !m.is_explanatory && m.label.is_some_and(|l| l.family == f))
            .filter(|m| m.real || !headings_only)
            .collect();
        let Some(level) = members.iter().map(|m| m.level).min() else {
            continue;
        };
        let base: Vec<&&Marker> = members.iter().filter(|m| m.level == level).collect();
        if base.len() < 2 {
            continue;
        }
        // Bare numbers, parts and steps must read as instructions: "1.
        // Lenovo Legion 9i" is a listicle, not a fix.
        if f != Family::Fix {
            let n = base
                .iter()
                .filter(|m| mk::strip_label(&m.text).is_empty() || mk::is_instruction(&m.text))
                .count();
            if n * 2 < base.len() {
                continue;
            }
        }
        let key = (level, family_rank(f), f);
        if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
            best = Some(key);
        }
    }
    let (level, _, family) = best?;
    let members = sequence(markers, family, level);
    if family == Family::Group {
        return Some(expand_groups(markers, &members));
    }
    if let Some(d) = restarted_under_parents(markers, &members, level) {
        return Some(d);
    }
    let mut drafts: Vec<Draft> = members
        .iter()
        .map(|m| Draft {
            head: m.block,
            level: Some(m.level),
            subs: None,
            end: None,
        })
        .collect();
    add_adjacent_fixes(blocks, markers, level, &mut drafts);
    Some(drafts)
}

/// The members of a family at `level`, plus deeper pseudo-headings that
/// continue its numbering after the last one ("## Method 2" then a plain
/// "Method 3:" paragraph).
fn sequence(markers: &[Marker], family: Family, level: u8) -> Vec<&Marker> {
    let headings_only = matches!(family, Family::Step | Family::Opt);
    let mut out: Vec<&Marker> = Vec::new();
    for m in markers {
        let Some(l) = m.label else { continue };
        if l.family != family || !usable(m) || m.is_explanatory || (headings_only && !m.real) {
            continue;
        }
        if m.level == level {
            out.push(m);
            continue;
        }
        let continues = out
            .last()
            .and_then(|p| p.label)
            .is_some_and(|p| l.number == p.number + 1);
        if !m.real && m.level > level && continues {
            out.push(m);
        }
    }
    out
}

/// Grouping markers ("Part 1") give way to the fixes they hold.
fn expand_groups(markers: &[Marker], groups: &[&Marker]) -> Vec<Draft> {
    let mut out = Vec::new();
    for (k, g) in groups.iter().enumerate() {
        let limit = groups.get(k + 1).map_or(usize::MAX, |n| n.block);
        let end = marker_end(markers, g.block, g.level, limit);
        let inner: Vec<&Marker> = markers
            .iter()
            .filter(|m| {
                m.block > g.block
                    && m.block < end
                    && usable(m)
                    && !m.is_explanatory
                    && m.level > g.level
                    && m.label
                        .is_some_and(|l| matches!(l.family, Family::Fix | Family::Num))
            })
            .collect();
        let level = inner.iter().map(|m| m.level).min();
        let inner: Vec<&&Marker> = inner.iter().filter(|m| Some(m.level) == level).collect();
        if inner.len() >= 2 {
            for (j, m) in inner.iter().enumerate() {
                let next = inner.get(j + 1).map_or(end, |n| n.block);
                out.push(Draft {
                    head: m.block,
                    level: Some(m.level),
                    subs: None,
                    end: Some(next.min(end)),
                });
            }
        } else {
            out.push(Draft {
                head: g.block,
                level: Some(g.level),
                subs: None,
                end: Some(end),
            });
        }
    }
    out
}

/// Numbering that restarts ("1..6" under "Use Phone Link", "1..6" under
/// "Use Intel Unison"): the unnumbered headings before each run are the
/// steps and the runs their substeps.
fn restarted_under_parents(
    markers: &[Marker],
    members: &[&Marker],
    level: u8,
) -> Option<Vec<Draft>> {
    let mut runs: Vec<Vec<&Marker>> = Vec::new();
    for m in members {
        let number = m.label.map_or(0, |l| l.number);
        let restart = runs
            .last()
            .and_then(|r| r.last())
            .and_then(|p| p.label)
            .is_none_or(|p| number <= p.number);
        if restart {
            runs.push(vec![m]);
        } else if let Some(r) = runs.last_mut() {
            r.push(m);
        }
    }
    if runs.len() < 2 {
        return None;
    }
    let mut drafts = Vec::new();
    let mut floor = 0usize;
    for run in &runs {
        let first = run.first()?.block;
        let parent = markers.iter().rev().find(|m| {
            m.block < first
                && m.block >= floor
                && m.real
                && m.level <= level
                && m.label.is_none()
                && usable(m)
                && !m.is_explanatory
        })?;
        let last = run.last()?;
        drafts.push(Draft {
            head: parent.block,
            level: Some(parent.level),
            subs: Some(run.iter().map(|m| m.block).collect()),
            end: Some(marker_end(markers, last.block, last.level, usize::MAX)),
        });
        floor = last.block + 1;
    }
    Some(drafts)
}

/// Unnumbered headings right before or after the numbered fixes that say
/// they are fixes too ("Perform Basic Checks and Fixes", "Bonus Tip: ...").
fn add_adjacent_fixes(blocks: &[Block], markers: &[Marker], level: u8, drafts: &mut Vec<Draft>) {
    let qualifies = |m: &Marker| {
        m.real
            && m.level == level
            && m.label.is_none()
            && usable(m)
            && !m.is_explanatory
            && mk::is_adjacent_fix(&m.text)
    };
    if let Some(first) = drafts.first().map(|d| d.head) {
        let before = markers
            .iter()
            .rev()
            .find(|m| m.block < first && m.real && m.level <= level);
        if let Some(m) = before.filter(|m| qualifies(m)) {
            drafts.insert(
                0,
                Draft {
                    head: m.block,
                    level: Some(m.level),
                    subs: None,
                    end: None,
                },
            );
        }
    }
    if let Some(last) = drafts.last().map(|d| d.head) {
        let after = markers
            .iter()
            .find(|m| m.block > last && m.level <= level && m.real);
        if let Some(m) = after.filter(|m| qualifies(m) && m.block < blocks.len()) {
            drafts.push(Draft {
                head: m.block,
                level: Some(m.level),
                subs: None,
                end: None,
            });
        }
    }
}

// ---------------------------------------------------------------- shape 2

/// The sub-headings of a section that announces fixes.
fn fix_section(markers: &[Marker]) -> Option<Vec<Draft>> {
    for (k, h) in markers.iter().enumerate() {
        if !h.real || !usable(h) || h.is_explanatory || !mk::is_fix_section(&h.text) {
            continue;
        }
        let end = markers[k + 1..]
            .iter()
            .find(|m| m.real && m.level <= h.level)
            .map_or(usize::MAX, |m| m.block);
        let inner: Vec<&Marker> = markers[k + 1..]
            .iter()
            .take_while(|m| m.block < end)
            .filter(|m| m.real && usable(m))
            .collect();
        let Some(level) = inner.iter().map(|m| m.level).min() else {
            continue;
        };
        let heads: Vec<Draft> = inner
            .iter()
            .filter(|m| m.level == level && !m.is_explanatory && !m.subnumbered)
            .map(|m| Draft {
                head: m.block,
                level: Some(m.level),
                subs: None,
                end: Some(end),
            })
            .collect();
        if heads.len() >= 2 {
            return Some(heads);
        }
    }
    None
}

// ---------------------------------------------------------------- shape 3

/// Instruction headings ("How to ...", "Restart Your Phone") that make up
/// the article. When exactly one of them holds a numbered procedure and the
/// others hold none, that procedure is the article's steps instead.
fn instruction_headings(blocks: &[Block], markers: &[Marker]) -> Option<Vec<Draft>> {
    let real: Vec<&Marker> = markers
        .iter()
        .filter(|m| m.real && usable(m) && !m.is_explanatory)
        .collect();
    let ends: Vec<usize> = real
        .iter()
        .map(|m| marker_end(markers, m.block, m.level, blocks.len()))
        .collect();
    // Top-most instruction headings: not inside another one. A single one
    // that holds several is a wrapper: its inner ones are the candidates.
    let mut lo = 0usize;
    let mut hi = blocks.len();
    let mut cands: Vec<usize>;
    loop {
        cands = Vec::new();
        for (k, m) in real.iter().enumerate() {
            if m.block < lo || m.block >= hi || !mk::is_instruction(&m.text) {
                continue;
            }
            let nested = cands
                .iter()
                .any(|&c| real[c].block < m.block && m.block < ends[c]);
            if !nested {
                cands.push(k);
            }
        }
        let [only] = cands[..] else { break };
        let inner = (0..real.len())
            .filter(|&k| real[k].block > real[only].block && real[k].block < ends[only])
            .filter(|&k| mk::is_instruction(&real[k].text))
            .count();
        if inner < 2 {
            break;
        }
        lo = real[only].block + 1;
        hi = ends[only];
    }
    if cands.len() < 2 {
        let only = cands.first()?;
        let d = procedure(blocks, markers, real[*only].block + 1, ends[*only]);
        return (!d.is_empty()).then_some(d);
    }
    let with_proc: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&c| !runs(blocks, markers, real[c].block + 1, ends[c]).is_empty())
        .collect();
    let draft = |k: usize| Draft {
        head: real[k].block,
        level: Some(real[k].level),
        subs: None,
        end: None,
    };
    if with_proc.len() >= 2 {
        return Some(cands.iter().map(|&k| draft(k)).collect());
    }
    if with_proc.len() == 1 {
        let k = with_proc[0];
        let d = procedure(blocks, markers, real[k].block + 1, ends[k]);
        if !d.is_empty() {
            return Some(d);
        }
    }
    // The siblings at the candidates' levels, outside any candidate.
    let levels: Vec<u8> = cands.iter().map(|&k| real[k].level).collect();
    let siblings: Vec<usize> = (0..real.len())
        .filter(|&k| levels.contains(&real[k].level))
        .filter(|&k| {
            !cands
                .iter()
                .any(|&c| real[c].block < real[k].block && real[k].block < ends[c])
        })
        .collect();
    if cands.len() * 10 >= siblings.len() * 6 {
        return Some(siblings.into_iter().map(draft).collect());
    }
    None
}

// ---------------------------------------------------------------- shape 4

/// The number of an item: its list number, or the number of a hand-written
/// "3)" / "b)" / "Step 3" paragraph.
fn item_number(b: &Block) -> Option<u32> {
    match b.kind {
        BlockKind::ListItem {
            ordered: true,
            depth: 0,
            number,
        } => Some(number.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)),
        BlockKind::Paragraph => {
            let t = b.plain.trim();
            if let Some(l) = mk::label_of(t).filter(|l| l.family == Family::Step) {
                return Some(l.number);
            }
            if !mk::is_item_paragraph(t) {
                return None;
            }
            let c = t.trim_start_matches('(').chars().next()?;
            if c.is_ascii_digit() {
                let digits: String = t
                    .trim_start_matches('(')
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            } else {
                Some(u32::from(c) - u32::from('a') + 1)
            }
        }
        _ => None,
    }
}

/// Block ranges of chrome and explanatory sections, where a numbered list
/// is not the article's procedure.
fn excluded_ranges(markers: &[Marker]) -> Vec<Range<usize>> {
    markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.real && (m.is_chrome || m.is_explanatory))
        .map(|(k, m)| {
            let end = markers[k + 1..]
                .iter()
                .find(|n| n.real && n.level <= m.level)
                .map_or(usize::MAX, |n| n.block);
            m.block..end
        })
        .collect()
}

/// Runs of consecutively numbered items in `lo..hi`. Notes and pictures may
/// interrupt a run; a heading or a restart of the numbering ends it.
fn runs(blocks: &[Block], markers: &[Marker], lo: usize, hi: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut last = 0u32;
    let hi = hi.min(blocks.len());
    let excluded = excluded_ranges(markers);
    for (i, b) in blocks.iter().enumerate().take(hi).skip(lo) {
        if is_heading(b) {
            if current.len() >= 2 {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let Some(n) = item_number(b) else { continue };
        if excluded.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let continues = !current.is_empty() && n > last && n <= last + 2;
        if !continues {
            if current.len() >= 2 {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        current.push(i);
        last = n;
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out
}

/// One procedure in `lo..hi`: the longest run of numbered items.
fn procedure(blocks: &[Block], markers: &[Marker], lo: usize, hi: usize) -> Vec<Draft> {
    let all = runs(blocks, markers, lo, hi);
    let mut best: Option<&Vec<usize>> = None;
    for r in &all {
        if best.is_none_or(|b| r.len() > b.len()) {
            best = Some(r);
        }
    }
    let Some(run) = best else { return Vec::new() };
    run.iter()
        .enumerate()
        .map(|(k, &i)| Draft {
            head: i,
            level: None,
            subs: None,
            end: Some(
                run.get(k + 1)
                    .copied()
                    .unwrap_or_else(|| item_end(blocks, i)),
            ),
        })
        .collect()
}

/// The last list item of a procedure ends after its nested items.
fn item_end(blocks: &[Block], i: usize) -> usize {
    let mut end = i + 1;
    while let Some(b) = blocks.get(end) {
        match b.kind {
            BlockKind::ListItem { depth, .. } if depth > 0 => end += 1,
            _ => break,
        }
    }
    end
}

// ---------------------------------------------------------------- spans

/// Blocks of the markers at the shallowest level that has two or more.
fn shallowest_pair(markers: &[&Marker]) -> Option<Vec<usize>> {
    let mut levels: Vec<u8> = markers.iter().map(|m| m.level).collect();
    levels.sort_unstable();
    levels.dedup();
    levels.into_iter().find_map(|l| {
        let at: Vec<usize> = markers
            .iter()
            .filter(|m| m.level == l)
            .map(|m| m.block)
            .collect();
        (at.len() >= 2).then_some(at)
    })
}

/// Substep blocks of a step spanning `lo..hi` (its own block excluded):
/// sub-headings first, numbered items next, then labelled paragraphs
/// ("Option 1: ..."), bold lines last.
fn substep_blocks(
    blocks: &[Block],
    markers: &[Marker],
    d: &Draft,
    lo: usize,
    hi: usize,
) -> Vec<usize> {
    let Some(level) = d.level else {
        // A list item: its nested numbered items.
        return (lo..hi)
            .filter(|&i| {
                matches!(
                    blocks[i].kind,
                    BlockKind::ListItem {
                        ordered: true,
                        depth: 1..,
                        ..
                    }
                )
            })
            .collect();
    };
    let inner: Vec<&Marker> = markers
        .iter()
        .filter(|m| {
            m.block >= lo
                && m.block < hi
                && m.level > level
                && usable(m)
                && !m.is_explanatory
                && !m.subnumbered
                && !m.bold_only
        })
        .collect();
    let real: Vec<&Marker> = inner.iter().copied().filter(|m| m.real).collect();
    if let Some(at) = shallowest_pair(&real) {
        return at;
    }
    let items: Vec<usize> = (lo..hi)
        .filter(|&i| item_number(&blocks[i]).is_some())
        .collect();
    if items.len() >= 2 {
        return items;
    }
    // Labelled paragraphs ("Option 1: Press ...") when nothing is numbered.
    let pseudo: Vec<&Marker> = inner.iter().copied().filter(|m| !m.real).collect();
    if let Some(at) = shallowest_pair(&pseudo) {
        return at;
    }
    let bold: Vec<usize> = markers
        .iter()
        .filter(|m| m.block >= lo && m.block < hi && m.bold_only && m.level > level)
        .map(|m| m.block)
        .collect();
    if bold.len() >= 2 {
        return bold;
    }
    items
}

fn join_plain(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| b.plain.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Settles ranges and substeps and builds the spans.
fn finish(blocks: &[Block], markers: &[Marker], mut drafts: Vec<Draft>) -> Vec<StepSpan> {
    drafts.sort_by_key(|d| d.head);
    drafts.dedup_by_key(|d| d.head);
    let n = drafts.len();
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let d = &drafts[k];
        let next = drafts.get(k + 1).map_or(blocks.len(), |x| x.head);
        let natural = match d.level {
            Some(l) => marker_end(markers, d.head, l, blocks.len()),
            None => item_end(blocks, d.head),
        };
        let end = d
            .end
            .unwrap_or(natural)
            .min(next)
            .clamp(d.head + 1, blocks.len().max(d.head + 1));
        let lo = d.head + 1;
        let subs = match &d.subs {
            Some(s) => s.clone(),
            None => substep_blocks(blocks, markers, d, lo, end),
        };
        let head = &blocks[d.head];
        let text = if d.level.is_some() {
            join_plain(&blocks[lo.min(end)..end])
        } else {
            join_plain(&blocks[d.head..end])
        };
        let mut substeps: Vec<SubSpan> = subs
            .iter()
            .filter_map(|&i| blocks.get(i))
            .map(|b| SubSpan {
                title: title_of(b),
                text: b.plain.trim().to_string(),
            })
            .filter(|s| !s.title.is_empty())
            .collect();
        drop_toc_duplicates(&mut substeps, &subs);
        out.push(StepSpan {
            title: title_of(head),
            text,
            substeps,
            blocks: d.head..end,
        });
    }
    out.retain(|s| !s.title.is_empty());
    out
}

/// Bold lines listed once as a table of contents and again as sub-headings:
/// keep the second, which holds the content.
fn drop_toc_duplicates(subs: &mut Vec<SubSpan>, blocks: &[usize]) {
    let mut keep = vec![true; subs.len()];
    for i in 0..subs.len() {
        let adjacent_next = blocks
            .get(i + 1)
            .zip(blocks.get(i))
            .is_some_and(|(a, b)| *a == b + 1);
        let repeated = subs[i + 1..].iter().any(|s| s.title == subs[i].title);
        if repeated && adjacent_next {
            keep[i] = false;
        }
    }
    let mut k = 0;
    subs.retain(|_| {
        let r = keep[k];
        k += 1;
        r
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, t: &str) -> Block {
        Block {
            kind: BlockKind::Heading(level),
            text: t.into(),
            plain: t.into(),
        }
    }
    fn p(t: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: t.into(),
            plain: t.into(),
        }
    }
    fn bold(t: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: format!("**{t}**"),
            plain: t.into(),
        }
    }
    fn li(n: u64, t: &str) -> Block {
        Block {
            kind: BlockKind::ListItem {
                ordered: true,
                depth: 0,
                number: Some(n),
            },
            text: t.into(),
            plain: t.into(),
        }
    }
    fn li_nested(n: u64, t: &str) -> Block {
        Block {
            kind: BlockKind::ListItem {
                ordered: true,
                depth: 1,
                number: Some(n),
            },
            text: t.into(),
            plain: t.into(),
        }
    }
    fn bullet(t: &str) -> Block {
        Block {
            kind: BlockKind::ListItem {
                ordered: false,
                depth: 0,
                number: None,
            },
            text: t.into(),
            plain: t.into(),
        }
    }
    fn titles(s: &[StepSpan]) -> Vec<&str> {
        s.iter().map(|x| x.title.as_str()).collect()
    }
    fn subs(s: &StepSpan) -> Vec<&str> {
        s.substeps.iter().map(|x| x.title.as_str()).collect()
    }

    #[test]
    fn numbered_fix_headings_with_substeps() {
        let blocks = vec![
            h(2, "Printer offline"),
            p("Intro."),
            h(3, "Fix 1: Restart the printer"),
            p("Turn it off."),
            h(3, "Fix 2: Update the driver"),
            li(1, "Open Device Manager. It lists devices."),
            li(2, "Right-click the printer."),
            h(2, "Conclusion"),
            p("Done."),
        ];
        let s = find_steps(&blocks, Some("Printer offline"));
        assert_eq!(
            titles(&s),
            ["Fix 1: Restart the printer", "Fix 2: Update the driver"]
        );
        assert_eq!(
            subs(&s[1]),
            ["Open Device Manager.", "Right-click the printer."]
        );
        assert_eq!(
            s[1].substeps[0].text,
            "Open Device Manager. It lists devices."
        );
        assert_eq!(s[1].blocks, 4..7);
    }

    #[test]
    fn bare_numbered_headings_skip_the_title_heading() {
        let blocks = vec![
            h(2, "10 Ways to Fix Sync Issues"),
            p("Intro."),
            h(2, "1. Check the Service Status"),
            p("Look."),
            h(2, "2. Restart the App"),
            p("Quit it."),
            h(2, "Sync Again"),
            p("Bye."),
        ];
        let s = find_steps(&blocks, Some("10 Ways to Fix Sync Issues"));
        assert_eq!(
            titles(&s),
            ["1. Check the Service Status", "2. Restart the App"]
        );
        assert_eq!(s[1].blocks, 4..6);
    }

    #[test]
    fn numbered_product_list_is_not_steps() {
        let blocks = vec![
            p("The best laptops of the show."),
            h(2, "1. Lenovo Legion 9i"),
            p("Fast."),
            h(2, "2. MSI Stealth 16"),
            p("Thin."),
        ];
        assert!(find_steps(&blocks, None).is_empty());
    }

    #[test]
    fn sub_headings_of_a_fixes_section_questions_included() {
        let blocks = vec![
            p("Intro."),
            h(2, "What does Delivered mean?"),
            p("It means."),
            h(2, "iMessages Won't Deliver: Troubleshooting"),
            h(3, "Do You Both Have Internet Access?"),
            p("Check."),
            h(3, "Try a Force Restart"),
            p("Restart."),
            h(3, "FAQs"),
            h(2, "Other"),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            ["Do You Both Have Internet Access?", "Try a Force Restart"]
        );
    }

    #[test]
    fn part_headings_give_way_to_the_methods_they_hold() {
        let blocks = vec![
            p("Intro."),
            h(2, "Part 1: Fix it on the phone"),
            h(3, "Method 1: Restart the phone"),
            p("Hold the button."),
            h(3, "Method 2: Reset the settings"),
            p("Open Settings."),
            h(2, "Part 2: Fix it on the computer"),
            h(3, "Method 3: Reinstall the app"),
            p("Remove it."),
            h(3, "Method 4: Update the driver"),
            p("Update."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            [
                "Method 1: Restart the phone",
                "Method 2: Reset the settings",
                "Method 3: Reinstall the app",
                "Method 4: Update the driver"
            ]
        );
    }

    #[test]
    fn part_headings_without_fixes_are_steps_and_faq_parts_are_not() {
        let blocks = vec![
            p("Intro."),
            h(2, "Part 1. Recover chats directly"),
            p("Step 1 Install the tool."),
            p("Step 2 Scan the phone."),
            h(2, "Part 2. Recover chats from a backup"),
            p("Step 1 Open the backup."),
            p("Step 2 Pick the chats."),
            h(2, "Part 3. FAQs of recovery"),
            p("Questions."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(
            titles(&s),
            [
                "Part 1. Recover chats directly",
                "Part 2. Recover chats from a backup"
            ]
        );
        assert_eq!(
            subs(&s[0]),
            ["Step 1 Install the tool.", "Step 2 Scan the phone."]
        );
    }

    #[test]
    fn bold_way_paragraphs_inside_a_case_grouping() {
        let blocks = vec![
            h(6, "Case 1."),
            p("If you can reach the desktop:"),
            bold("Way 1. Hold Shift and click Restart"),
            p("Click Start."),
            bold("Way 2. Use the Run dialog"),
            li(1, "Press Win + R."),
            li(2, "Click Close."),
            h(6, "Case 2."),
            li(1, "Plug in the USB drive."),
            li(2, "Boot from it."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(
            titles(&s),
            [
                "Way 1. Hold Shift and click Restart",
                "Way 2. Use the Run dialog",
                "Case 2."
            ]
        );
        assert_eq!(subs(&s[1]), ["Press Win + R.", "Click Close."]);
        assert_eq!(subs(&s[2]), ["Plug in the USB drive.", "Boot from it."]);
    }

    #[test]
    fn plain_paragraph_continues_the_method_headings() {
        let blocks = vec![
            h(2, "Method 1: Try another port"),
            p("Plug it elsewhere."),
            h(2, "Method 2: Update drivers"),
            li(1, "Download the tool."),
            li(2, "Run it."),
            p("Method 3: Disable selective suspend"),
            li(1, "Open power options."),
            li(2, "Change plan settings."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].blocks, 2..5);
        assert_eq!(
            subs(&s[2]),
            ["Open power options.", "Change plan settings."]
        );
    }

    #[test]
    fn sub_headings_under_a_fix_beat_its_lists() {
        let blocks = vec![
            h(3, "Fix 1: Clear the print queue"),
            h(4, "Option 1: Restart the spooler"),
            li(1, "Press Win + R."),
            li(2, "Type services.msc."),
            h(4, "Option 2: Use Command Prompt"),
            li(1, "Open cmd."),
            h(3, "Fix 2: Reinstall the driver"),
            p("Reinstall."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(
            titles(&s),
            [
                "Fix 1: Clear the print queue",
                "Fix 2: Reinstall the driver"
            ]
        );
        assert_eq!(
            subs(&s[0]),
            [
                "Option 1: Restart the spooler",
                "Option 2: Use Command Prompt"
            ]
        );
    }

    #[test]
    fn option_paragraphs_yield_to_numbered_items_but_not_to_bullets() {
        let blocks = vec![
            h(2, "Fix 1: Update drivers"),
            p("Option 1 – Manually: you can download them yourself."),
            p("Option 2 – Automatically: use a tool."),
            li(1, "Download the tool."),
            li(2, "Click Scan Now."),
            h(2, "Fix 2: Reset the phone"),
            p("Option 1: Press and hold the side button."),
            bullet("Step 1: Back up."),
            p("Option 2: Use iTunes to restore."),
            bullet("Step 1: Connect."),
            p("**Also: [The best phones](https://x)**"),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(subs(&s[0]), ["Download the tool.", "Click Scan Now."]);
        assert_eq!(
            subs(&s[1]),
            [
                "Option 1: Press and hold the side button.",
                "Option 2: Use iTunes to restore."
            ]
        );
    }

    #[test]
    fn restarted_numbering_under_unnumbered_headings() {
        let blocks = vec![
            p("Intro."),
            h(2, "Use Phone Link"),
            p("Requirements."),
            h(2, "1. Open Phone Link"),
            h(2, "2. Scan the QR code"),
            h(2, "Use Intel Unison"),
            h(2, "1. Install Unison"),
            h(2, "2. Pair your phone"),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(titles(&s), ["Use Phone Link", "Use Intel Unison"]);
        assert_eq!(subs(&s[0]), ["1. Open Phone Link", "2. Scan the QR code"]);
        assert_eq!(subs(&s[1]), ["1. Install Unison", "2. Pair your phone"]);
    }

    #[test]
    fn adjacent_unnumbered_fix_heading_joins() {
        let blocks = vec![
            h(2, "Printer Tips"),
            p("Intro."),
            h(2, "Perform Basic Checks and Fixes"),
            bullet("Turn it off and on."),
            h(2, "1. Run the Troubleshooter"),
            p("Run it."),
            h(2, "2. Update the Drivers"),
            p("Update."),
            h(2, "Printer Fixed — What's Next?"),
            p("Enjoy."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, Some("Printer Tips"))),
            [
                "Perform Basic Checks and Fixes",
                "1. Run the Troubleshooter",
                "2. Update the Drivers"
            ]
        );
    }

    #[test]
    fn instruction_headings_are_steps_explanations_are_not() {
        let blocks = vec![
            h(2, "Android apps keep crashing"),
            p("Intro."),
            h(3, "Quick Links"),
            bullet("[Force Stop the App](https://x)"),
            h(2, "Why Do My Apps Keep Crashing?"),
            p("Causes."),
            h(2, "Force Stop the App"),
            p("Open Settings."),
            h(2, "Clear App Cache"),
            p("Tap Clear Cache."),
            h(2, "Factory Reset Your Device"),
            p("Last resort."),
            h(2, "Final Thoughts"),
            p("Bye."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            [
                "Force Stop the App",
                "Clear App Cache",
                "Factory Reset Your Device"
            ]
        );
    }

    #[test]
    fn how_to_sections_with_procedures_and_nested_how_tos() {
        let blocks = vec![
            h(2, "Change the PIN"),
            p("Intro."),
            h(2, "How to Change the PIN Using Settings"),
            li(1, "Open Settings."),
            li(2, "Click Accounts."),
            h(2, "How to Change the PIN From the Sign-In Screen"),
            h(3, "How to Change It With a Microsoft Account"),
            li(1, "Click I forgot my PIN."),
            li(2, "Enter the code."),
            h(3, "How to Change It With a Local Account"),
            li(1, "Sign in."),
            li(2, "Open Settings."),
            h(2, "Effortlessly Change Your PIN"),
            p("Done."),
        ];
        let s = find_steps(&blocks, Some("Change the PIN"));
        assert_eq!(
            titles(&s),
            [
                "How to Change the PIN Using Settings",
                "How to Change the PIN From the Sign-In Screen"
            ]
        );
        assert_eq!(subs(&s[0]), ["Open Settings.", "Click Accounts."]);
        assert_eq!(
            subs(&s[1]),
            [
                "How to Change It With a Microsoft Account",
                "How to Change It With a Local Account"
            ]
        );
    }

    #[test]
    fn single_procedure_among_how_to_sections() {
        let blocks = vec![
            p("Shortcuts save time."),
            h(2, "How to Enable Shortcuts"),
            li(1, "Select the gear."),
            li(2, "Turn shortcuts on."),
            h(2, "How to Reply to Email"),
            bullet("Reply (R): press R."),
            h(2, "How to Scroll Through Emails"),
            bullet("Scroll (J): press J."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            ["Select the gear.", "Turn shortcuts on."]
        );
    }

    #[test]
    fn one_procedure_with_interruptions_and_nested_items() {
        let blocks = vec![
            p("Do this:"),
            li(1, "Open Outlook. Then wait."),
            li(2, "Double-click the message."),
            p("A note between items."),
            li(3, "Unblock the number. It may be blocked."),
            li_nested(1, "Tap Settings > Phone."),
            li_nested(2, "Tap Edit."),
            p("Done."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(
            titles(&s),
            [
                "Open Outlook.",
                "Double-click the message.",
                "Unblock the number."
            ]
        );
        assert_eq!(subs(&s[2]), ["Tap Settings > Phone.", "Tap Edit."]);
        assert_eq!(s[2].blocks, 4..7);
        assert_eq!(s[1].blocks, 2..4);
    }

    #[test]
    fn step_paragraphs_keep_their_label_in_the_title() {
        let blocks = vec![
            p("Intro."),
            p("Step 1. Download the tool. It is free."),
            p("Step 2. Insert a blank disc."),
            p("Step 3: Click Burn."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            [
                "Step 1. Download the tool.",
                "Step 2. Insert a blank disc.",
                "Step 3: Click Burn."
            ]
        );
    }

    #[test]
    fn toc_faq_conclusion_and_chrome_are_excluded() {
        let blocks = vec![
            h(2, "Table of Contents"),
            li(1, "[Restart](#a)"),
            li(2, "[Update](#b)"),
            li(3, "[Reset](#c)"),
            h(2, "Fix 1: Restart"),
            p("Restart."),
            h(2, "Fix 2: Update"),
            p("Update."),
            h(4, "Newsletters"),
            p("Subscribe"),
            h(2, "FAQs"),
            li(1, "Is it safe?"),
            li(2, "Does it work?"),
            h(2, "Conclusion"),
            p("Bye."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(titles(&s), ["Fix 1: Restart", "Fix 2: Update"]);
        assert_eq!(s[1].blocks, 6..8);
    }

    #[test]
    fn link_farm_label_in_another_language_is_chrome() {
        for label in ["Lesen Sie auch", "Lire aussi :", "Leer también"] {
            let blocks = vec![
                h(2, "Fix 1: Restart"),
                p("Restart."),
                h(2, "Fix 2: Update"),
                p("Update."),
                h(3, label),
                li(1, "The best phones of the year"),
                li(2, "Cheap laptops for students"),
            ];
            let s = find_steps(&blocks, None);
            assert_eq!(titles(&s), ["Fix 1: Restart", "Fix 2: Update"], "{label}");
            assert!(s[1].substeps.is_empty(), "{label}");
        }
        // A bold label in a numbered procedure is not a step either.
        let blocks = vec![
            li(1, "Open Tools."),
            li(2, "Click Scan."),
            bold("Lesen Sie auch:"),
            li(1, "The best phones of the year"),
            li(2, "Cheap laptops for students"),
        ];
        let s = find_steps(&blocks, None);
        assert!(
            !titles(&s).iter().any(|t| t.contains("Lesen")),
            "{:?}",
            titles(&s)
        );
    }

    #[test]
    fn a_single_wrapping_how_to_gives_way_to_the_ones_inside() {
        let blocks = vec![
            p("Intro."),
            h(2, "How to pass data to a custom action"),
            p("Background."),
            h(3, "How to use custom actions with the toolset?"),
            p("Define the elements."),
            h(3, "How to configure custom actions in the GUI?"),
            p("Fill in the field."),
            h(3, "Conclusion"),
            p("Bye."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            [
                "How to use custom actions with the toolset?",
                "How to configure custom actions in the GUI?"
            ]
        );
    }

    #[test]
    fn step_paragraphs_under_how_to_headings_are_substeps() {
        let blocks = vec![
            p("Intro."),
            h(2, "What is the resolution of a DVD?"),
            p("480p."),
            h(2, "Q2. How to make DVDs look better?"),
            p("Step 1. Install the ripper."),
            p("Step 2. Pick a format."),
            h(2, "Q3. Can you burn HD video to DVD?"),
            h(3, "How to burn a DVD?"),
            p("Step 1. Insert a disc."),
            p("Step 2. Click Start."),
        ];
        let s = find_steps(&blocks, None);
        assert_eq!(
            titles(&s),
            ["Q2. How to make DVDs look better?", "How to burn a DVD?"]
        );
        assert_eq!(
            subs(&s[1]),
            ["Step 1. Insert a disc.", "Step 2. Click Start."]
        );
    }

    #[test]
    fn section_introducing_or_closing_the_fixes_is_not_a_fix() {
        let blocks = vec![
            p("Intro."),
            h(2, "How can I fix it?"),
            p("Here are two fixes."),
            h(2, "Method 1: Try another port"),
            p("Plug."),
            h(2, "Method 2: Update drivers"),
            p("Update."),
            h(2, "Check Your Ports Quickly With These Tips"),
            p("Bye."),
        ];
        assert_eq!(
            titles(&find_steps(&blocks, None)),
            ["Method 1: Try another port", "Method 2: Update drivers"]
        );
    }

    #[test]
    fn news_has_no_steps() {
        let blocks = vec![
            h(2, "Apple releases iOS 18"),
            p("It is out."),
            h(2, "Reactions"),
            p("Many."),
        ];
        assert!(find_steps(&blocks, None).is_empty());
    }

    #[test]
    fn first_sentence_rules() {
        assert_eq!(
            first_sentence("Step 1. Click here. Then wait."),
            "Step 1. Click here."
        );
        assert_eq!(
            first_sentence("Right-click Display adapters (aka. Graphics card), then go. Next."),
            "Right-click Display adapters (aka. Graphics card), then go."
        );
        assert_eq!(first_sentence("Open it\nmore"), "Open it");
        assert_eq!(first_sentence("重启电脑。然后再试"), "重启电脑。");
        assert_eq!(first_sentence(""), "");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let blocks = vec![
            h(1, ""),
            p("1) "),
            p("**"),
            p("Fix ONE"),
            h(2, "Step 一：打开设置"),
            li(99999999999, "é"),
            p("(3) ü"),
        ];
        let _ = find_steps(&blocks, Some(""));
        let _ = find_steps(&[], None);
    }
}
