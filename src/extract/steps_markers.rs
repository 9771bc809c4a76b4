//! Heading-like markers and the cue words the steps extractor reads them by.
//!
//! Scraped how-tos mark their fixes in many ways: real headings ("### Fix 1:
//! ..."), paragraphs written entirely in bold ("**Way 2. Use the Run
//! dialog**"), or plain paragraphs that start with a label ("Method 3:
//! Disable ..."). This module turns all of them into one list of `Marker`s
//! with a nesting level, a label (family and number) and flags saying whether
//! a marker is the page title, site chrome or an explanatory section, so that
//! `steps` can reason about structure without caring how it was written.

use crate::clean::rules::Rules;
use crate::model::{Block, BlockKind};
use regex::Regex;
use std::sync::LazyLock;

/// What a label word says about the role of a numbered marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// "Part 1", "Case 2": groups fixes together.
    Group,
    /// "Fix 1", "Method 2", "Solution 3", "Way 4".
    Fix,
    /// A bare number: "1. Restart", "2) Update".
    Num,
    /// "Step 1", "Stage 2": one step of a procedure.
    Step,
    /// "Option 1": an alternative inside a fix.
    Opt,
}

/// A family and the number that follows the label word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub family: Family,
    pub number: u32,
}

/// A heading, or a paragraph that acts as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Index of the block.
    pub block: usize,
    /// Nesting level, doubled so that pseudo-headings fit between real ones:
    /// a heading of level `h` is `2h`; a pseudo-heading is one deeper than
    /// the closest real heading before it (`2h + 1`, or 1 before any).
    pub level: u8,
    /// A real heading (as opposed to a paragraph acting as one).
    pub real: bool,
    /// A paragraph written entirely in bold, without a label.
    pub bold_only: bool,
    pub text: String,
    pub label: Option<Label>,
    /// Numbered like "3.1)": a sub-item of a numbered item, not a section.
    pub subnumbered: bool,
    /// The article title repeated as a heading.
    pub is_title: bool,
    /// Site chrome: newsletters, related links, table of contents, ...
    pub is_chrome: bool,
    /// Introduction, causes, FAQ, conclusion: never a step.
    pub is_explanatory: bool,
}

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

fn is_match(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

/// Number words accepted after a label word ("Fix ONE", "Method Two").
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("uno", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("一", 1),
    ("二", 2),
    ("三", 3),
    ("四", 4),
    ("五", 5),
    ("六", 6),
    ("七", 7),
    ("八", 8),
    ("九", 9),
    ("十", 10),
];

/// Label words, several languages, and the family each one names.
const LABEL_WORDS: &[(&str, Family)] = &[
    ("fix", Family::Fix),
    ("method", Family::Fix),
    ("solution", Family::Fix),
    ("way", Family::Fix),
    ("tip", Family::Fix),
    ("hack", Family::Fix),
    ("trick", Family::Fix),
    ("workaround", Family::Fix),
    ("remedy", Family::Fix),
    ("solución", Family::Fix),
    ("solucion", Family::Fix),
    ("método", Family::Fix),
    ("metodo", Family::Fix),
    ("méthode", Family::Fix),
    ("methode", Family::Fix),
    ("lösung", Family::Fix),
    ("yöntem", Family::Fix),
    ("çözüm", Family::Fix),
    ("방법", Family::Fix),
    ("해결책", Family::Fix),
    ("方法", Family::Fix),
    ("解决方法", Family::Fix),
    ("解決方法", Family::Fix),
    ("part", Family::Group),
    ("case", Family::Group),
    ("chapter", Family::Group),
    ("section", Family::Group),
    ("scenario", Family::Group),
    ("parte", Family::Group),
    ("partie", Family::Group),
    ("teil", Family::Group),
    ("bölüm", Family::Group),
    ("step", Family::Step),
    ("stage", Family::Step),
    ("phase", Family::Step),
    ("paso", Family::Step),
    ("étape", Family::Step),
    ("etape", Family::Step),
    ("schritt", Family::Step),
    ("adım", Family::Step),
    ("단계", Family::Step),
    ("步骤", Family::Step),
    ("步驟", Family::Step),
    ("option", Family::Opt),
    ("opción", Family::Opt),
    ("opcion", Family::Opt),
];

/// A label word, an optional "#"/"No.", then a number or number word.
static LABEL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:top|bonus|quick|extra|easy)\s+)?(\p{L}+)\s*(?:#|no\.?)?\s*(\d{1,3}|[a-z]+|[一二三四五六七八九十])(?:[\s:.)\-–—：、,]|$)",
    )
});
/// A bare number heading: "1. Restart", "2) Update", "3: Reinstall".
static NUM: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^\s*\(?(\d{1,2})\s*(?:[.)：、]|:(?:\s|$)|\s[-–—]\s)\s*\S"));
/// "3.1) ...", "2.4 ...": numbered below another number.
static SUBNUMBERED: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^\s*\d+\.\d+"));
/// A paragraph that is a numbered or lettered item written by hand: "1)",
/// "b)", "(3)".
static ITEM_PARA: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^\s*\(?(\d{1,2}|[a-h])\)\s*\S"));
/// "Q2." before a question heading.
static QUESTION_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"(?i)^\s*q\d+\s*[.:)]\s*"));

/// Headings that are site chrome, not article sections.
static CHROME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(newsletters?|featured\b|related\b|more\b|recommended|popular|trending|latest\b|hot products|company$|continue reading|read (more|next|also)|also read|see also|tags?$|share\b|comments?$|leave a (reply|comment)|about the author|table of contents|contents$|quick links|key takeaways|what to know|in this (article|post|guide)$|on this page|jump to|advertisement|sponsored|subscribe|follow us|get the most|editor'?s'? (picks?|choice)|top stories|tips and tricks|you (may|might) also|índice|contenido|目录|目錄|목차)|\b(recommends|you (may|might) (also )?(like|need|enjoy))\b",
    )
});

/// The builtin cleaning rules, read only for their link-farm labels
/// ("Also read", "Lesen Sie auch", "Lire aussi"), so that one table in
/// `builtin.rules` decides what a farm label is for both cleaning and step
/// finding.
static RULES: LazyLock<Option<Rules>> = LazyLock::new(|| Rules::builtin().ok());

/// Is the heading site chrome: a chrome label or a link farm's label in
/// any language the rules know?
fn is_chrome_label(text: &str) -> bool {
    is_match(&CHROME, text) || RULES.as_ref().is_some_and(|r| r.is_farm_heading(text))
}

/// Headings that explain rather than instruct; they never become steps.
static EXPLANATORY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(faqs?\b|frequently asked|conclusions?\b|final (thoughts?|words?|verdict|note)|summary|summing up|bottom line|wrapping (it )?up|wrap-up|in conclusion|to conclude|verdict|what (is|are|does|do|causes|happens|to know)\b|why\b|causes?\b|reasons?\b|common (reasons|causes|problems)|possible (causes|reasons|results)|requirements?\b|prerequisites?|before (we|you) (begin|start|get started)|overview|introduction|background|how (does|do) .{0,40}\bwork|if none of|need more help|conclusión|preguntas frecuentes|por qué|qué es|pourquoi|qu'est-ce|fazit|warum|was ist|sonuç|neden|nedir|sıkça sorulan|결론|자주 묻는|왜|结论|總結|总结|常见问题|為什麼|为什么)|(what'?s next\??|faqs?|frequently asked questions)\s*$",
    )
});

/// Section headings that announce a list of fixes below them.
static FIX_SECTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)\b(fix|fixes|fixing|solutions?|solve|solving|troubleshoot\w*|workarounds?|remedies|try these|how (to|do i|can i|can you|do you) (fix|solve|repair|resolve|troubleshoot)|ways to (fix|solve|repair|resolve)|methods to (fix|solve)|what to do|soluci[oó]n\w*|c[oó]mo (arreglar|solucionar|reparar)|solutions?|l[oö]sung\w*|çözüm\w*|해결|解决|解決)\b",
    )
});

/// A word in a heading that says it is a fix even without a number.
static FIX_CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)\b(fix|fixes|tip|tips|bonus|workaround|solution|solutions|basic checks|quick checks|troubleshoot\w*)\b",
    )
});

/// Imperative verbs a step heading or an instruction starts with.
const IMPERATIVES: &[&str] = &[
    "access",
    "activate",
    "add",
    "adjust",
    "allow",
    "apply",
    "assign",
    "avoid",
    "back",
    "backup",
    "block",
    "boot",
    "bring",
    "burn",
    "buy",
    "calibrate",
    "call",
    "cancel",
    "change",
    "charge",
    "check",
    "choose",
    "clean",
    "clear",
    "click",
    "close",
    "configure",
    "confirm",
    "connect",
    "contact",
    "convert",
    "copy",
    "create",
    "customize",
    "deactivate",
    "delete",
    "detect",
    "disable",
    "disconnect",
    "double-click",
    "download",
    "drag",
    "edit",
    "eject",
    "empty",
    "enable",
    "end",
    "ensure",
    "enter",
    "erase",
    "exit",
    "expand",
    "export",
    "extend",
    "find",
    "fix",
    "flush",
    "follow",
    "force",
    "format",
    "free",
    "get",
    "give",
    "go",
    "grant",
    "head",
    "hide",
    "hold",
    "identify",
    "import",
    "increase",
    "insert",
    "install",
    "keep",
    "kill",
    "launch",
    "let",
    "limit",
    "link",
    "locate",
    "lock",
    "log",
    "look",
    "lower",
    "make",
    "manage",
    "map",
    "mark",
    "merge",
    "modify",
    "move",
    "mute",
    "navigate",
    "open",
    "optimize",
    "pair",
    "paste",
    "pause",
    "perform",
    "pin",
    "plug",
    "power",
    "press",
    "prevent",
    "print",
    "protect",
    "put",
    "quit",
    "reboot",
    "rebuild",
    "recharge",
    "recheck",
    "reconnect",
    "record",
    "recover",
    "reduce",
    "refresh",
    "register",
    "reinstall",
    "reinsert",
    "release",
    "reload",
    "remove",
    "rename",
    "reopen",
    "repair",
    "replace",
    "reset",
    "resize",
    "restart",
    "restore",
    "resume",
    "retry",
    "return",
    "revert",
    "right-click",
    "roll",
    "rotate",
    "rule",
    "run",
    "save",
    "scan",
    "schedule",
    "scroll",
    "search",
    "select",
    "send",
    "set",
    "setup",
    "share",
    "shut",
    "sign",
    "skip",
    "sort",
    "speed",
    "start",
    "stop",
    "switch",
    "sync",
    "take",
    "tap",
    "test",
    "toggle",
    "transfer",
    "try",
    "turn",
    "tweak",
    "type",
    "unblock",
    "uncheck",
    "uninstall",
    "unhide",
    "unlink",
    "unlock",
    "unmount",
    "unmute",
    "unpair",
    "unplug",
    "unpin",
    "update",
    "upgrade",
    "use",
    "verify",
    "view",
    "visit",
    "wait",
    "wipe",
    "zoom",
    // Spanish, French, German, Portuguese, Turkish.
    "abre",
    "abrir",
    "actualiza",
    "actualizar",
    "activa",
    "activar",
    "borra",
    "borrar",
    "cambia",
    "cambiar",
    "comprueba",
    "comprobar",
    "desactiva",
    "desactivar",
    "desinstala",
    "desinstalar",
    "elimina",
    "eliminar",
    "habilita",
    "habilitar",
    "instala",
    "instalar",
    "limpia",
    "limpiar",
    "reinicia",
    "reiniciar",
    "restablece",
    "restablecer",
    "selecciona",
    "usa",
    "usar",
    "utiliza",
    "utilizar",
    "verifica",
    "verificar",
    "ve",
    "forzar",
    "liberar",
    "activez",
    "allez",
    "cliquez",
    "désactivez",
    "effacez",
    "mettez",
    "modifiez",
    "ouvrez",
    "redémarrez",
    "réinitialisez",
    "réinstallez",
    "sélectionnez",
    "supprimez",
    "utilisez",
    "vérifiez",
    "aktivieren",
    "deaktivieren",
    "installieren",
    "löschen",
    "öffnen",
    "prüfen",
    "überprüfen",
    "starten",
    "aktualisieren",
    "entfernen",
    "atualize",
    "reinicie",
    "verifique",
    "aç",
    "kapat",
    "güncelle",
    "yükle",
    "sil",
    "kontrol",
    "yeniden",
    "etkinleştir",
    "temizle",
];

/// Words ending in "-ing" that are not gerunds of an action.
const NOT_GERUNDS: &[&str] = &[
    "everything",
    "nothing",
    "something",
    "anything",
    "understanding",
    "morning",
    "evening",
    "thing",
    "things",
    "king",
    "ring",
    "spring",
    "string",
    "wing",
    "ceiling",
    "during",
    "warning",
    "pricing",
    "rating",
    "ranking",
    "amazing",
    "interesting",
    "exciting",
    "trending",
    "upcoming",
    "breaking",
    "missing",
    "living",
    "gaming",
    "streaming",
    "computing",
    "lightning",
];

/// CJK and Hangul fragments that name an action or a fix.
const CJK_CUES: &[&str] = &[
    "方法",
    "解决",
    "解決",
    "修复",
    "修復",
    "设置",
    "設定",
    "打开",
    "打開",
    "更新",
    "检查",
    "檢查",
    "重启",
    "重新",
    "删除",
    "刪除",
    "安装",
    "安裝",
    "启用",
    "启动",
    "关闭",
    "如何",
    "步骤",
    "方法",
    "방법",
    "해결",
    "설정",
    "확인",
    "업데이트",
    "재시작",
    "다시",
    "삭제",
    "설치",
    "사용",
    "켜기",
    "끄기",
];

fn number_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let lower = s.to_lowercase();
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, n)| *n)
}

/// The label at the start of a text: "Fix 1:", "Method Two", "Part 3.".
pub fn label_of(text: &str) -> Option<Label> {
    if let Some(c) = LABEL.as_ref().and_then(|r| r.captures(text)) {
        let word = c.get(1).map_or("", |m| m.as_str()).to_lowercase();
        let family = LABEL_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, f)| *f);
        if let (Some(family), Some(number)) =
            (family, c.get(2).and_then(|m| number_value(m.as_str())))
        {
            return Some(Label { family, number });
        }
    }
    let c = NUM.as_ref().and_then(|r| r.captures(text))?;
    let number = c.get(1)?.as_str().parse().ok()?;
    if is_match(&SUBNUMBERED, text) {
        return None;
    }
    Some(Label {
        family: Family::Num,
        number,
    })
}

/// The text after a leading label or number, for reading what a heading
/// says. Always a suffix of `text.trim()`.
pub fn strip_label(text: &str) -> &str {
    let t = text.trim();
    if let Some(m) = QUESTION_NUMBER.as_ref().and_then(|r| r.find(t)) {
        return t[m.end()..].trim_start();
    }
    if label_of(t).is_none() {
        return t;
    }
    // Skip the label word (if any), the number and the punctuation after it.
    let mut seen_number = false;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) {
            seen_number = true;
            continue;
        }
        if seen_number && !(c.is_whitespace() || ":.)-–—：、,#".contains(c)) {
            return t[i..].trim_start();
        }
    }
    if seen_number {
        return "";
    }
    // A number word ("Fix ONE: ..."): cut after the first ':' or '.'.
    match t.find([':', '.', '：']) {
        Some(i) => t[i + 1..].trim_start(),
        None => t,
    }
}

/// A paragraph that is a hand-numbered item: "1) Open ...", "b) Click ...".
pub fn is_item_paragraph(text: &str) -> bool {
    is_match(&ITEM_PARA, text)
}

/// A heading announcing fixes beneath it ("Try these fixes", "How can I fix it?").
pub fn is_fix_section(text: &str) -> bool {
    is_match(&FIX_SECTION, text)
}

/// A heading that says it is a fix without a number ("Bonus Tip: ...").
pub fn has_fix_cue(text: &str) -> bool {
    is_match(&FIX_CUE, text)
}

/// An unnumbered heading right before or after numbered fixes that is a fix
/// itself ("Perform Basic Checks and Fixes", "Bonus Tip: ..."), as opposed
/// to the section that introduces them ("How can I fix it?", "Try these
/// fixes") or closes them ("... With These Tips").
pub fn is_adjacent_fix(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    has_fix_cue(&t)
        && !t.ends_with('?')
        && !t.starts_with("how ")
        && !t.contains("these")
        && !t.contains("this ")
}

/// Explanatory headings: introduction, causes, FAQ, conclusion.
pub fn is_explanatory(text: &str) -> bool {
    is_match(&EXPLANATORY, strip_label(text))
}

fn first_word(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || ",:;!?()\"'“”‘’".contains(c))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

/// Does this heading tell the reader to do something? "How to ...",
/// "Restart Your Phone", "Installing the apps".
pub fn is_instruction(text: &str) -> bool {
    let t = strip_label(text).trim().to_lowercase();
    if t.is_empty() {
        return false;
    }
    for p in ["how to ", "how-to ", "cómo ", "como ", "comment ", "wie "] {
        if t.starts_with(p) {
            return true;
        }
    }
    for p in [
        "how do i ",
        "how do you ",
        "how can i ",
        "how can you ",
        "how i ",
    ] {
        if t.starts_with(p) {
            return true;
        }
    }
    let w = first_word(&t);
    let stem = w
        .strip_prefix("re-")
        .or_else(|| w.strip_prefix("un-"))
        .unwrap_or(&w);
    if IMPERATIVES.contains(&w.as_str()) || IMPERATIVES.contains(&stem) {
        return true;
    }
    if w.chars().count() >= 5 && w.ends_with("ing") && !NOT_GERUNDS.contains(&w.as_str()) {
        return true;
    }
    CJK_CUES.iter().any(|c| t.contains(c))
}

/// Lower-case letters and digits only, for comparing headings with titles.
fn fold(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// A heading that repeats the article title (maybe numbered, maybe with a
/// site suffix).
pub fn same_as_title(heading: &str, title: Option<&str>) -> bool {
    let Some(title) = title else { return false };
    let h = fold(strip_label(heading));
    let t = fold(strip_label(title));
    if h.is_empty() || t.is_empty() {
        return false;
    }
    if h == t {
        return true;
    }
    let (short, long) = if h.len() <= t.len() {
        (&h, &t)
    } else {
        (&t, &h)
    };
    short.len() >= 20 && long.contains(short.as_str()) && short.len() * 10 >= long.len() * 6
}

/// A paragraph written entirely in bold: `**Way 1.** **Hold Shift ...**`.
fn bold_only(text: &str) -> bool {
    let t = text.trim();
    if !(t.starts_with("**") || t.starts_with("__")) || !(t.ends_with("**") || t.ends_with("__")) {
        return false;
    }
    // Every character outside bold runs is punctuation or space.
    let mut inside = false;
    let mut rest = t;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            inside = !inside;
            rest = r;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if !inside && c.is_alphanumeric() {
            return false;
        }
        rest = &rest[c.len_utf8()..];
    }
    !inside
}

fn link_only(b: &Block) -> bool {
    let t = b.text.trim();
    t.starts_with('[') && t.ends_with(')') && t.contains("](")
        || t.starts_with("**[") && t.ends_with(")**")
}

/// Words in a text.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A heading whose section is mostly links: a link farm or a footer menu.
fn link_section(blocks: &[Block], h: usize) -> bool {
    let body: Vec<&Block> = blocks[h + 1..]
        .iter()
        .take_while(|b| !matches!(b.kind, BlockKind::Heading(_)))
        .filter(|b| !b.plain.trim().is_empty())
        .collect();
    body.len() >= 2 && body.iter().filter(|b| link_only(b)).count() * 10 >= body.len() * 7
}

/// Every heading and pseudo-heading of the document, in order.
pub fn collect(blocks: &[Block], title: Option<&str>) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut parent: u8 = 0;
    for (i, b) in blocks.iter().enumerate() {
        let text = b.plain.trim();
        match b.kind {
            BlockKind::Heading(h) => {
                parent = h.min(6);
                if text.is_empty() {
                    continue;
                }
                let label = label_of(text);
                // The first block repeats the page title, unless it is a
                // labelled fix or a short instruction heading.
                let keeps_first = label.is_some_and(|l| l.family != Family::Num)
                    || (is_instruction(text) && word_count(text) <= 8 && !text.contains(':'));
                out.push(Marker {
                    block: i,
                    level: parent * 2,
                    real: true,
                    bold_only: false,
                    text: text.to_string(),
                    label,
                    subnumbered: is_match(&SUBNUMBERED, text),
                    is_title: (i == 0 && !keeps_first) || same_as_title(text, title),
                    is_chrome: is_chrome_label(text) || link_section(blocks, i),
                    is_explanatory: is_explanatory(text),
                });
            }
            BlockKind::Paragraph => {
                if text.is_empty() {
                    continue;
                }
                let label = label_of(text).filter(|l| l.family != Family::Num);
                // "**Also: [a link](...)**" is a teaser, not a heading.
                let bold = bold_only(&b.text) && word_count(text) <= 16 && !b.text.contains("](");
                let pseudo = match label {
                    Some(l) if matches!(l.family, Family::Fix | Family::Group) => {
                        word_count(text) <= 16
                    }
                    Some(_) => true,
                    None => bold,
                };
                if !pseudo {
                    continue;
                }
                out.push(Marker {
                    block: i,
                    level: parent * 2 + 1,
                    real: false,
                    bold_only: bold && label.is_none(),
                    text: text.to_string(),
                    label: label.or_else(|| if bold { label_of(text) } else { None }),
                    subnumbered: is_match(&SUBNUMBERED, text),
                    is_title: false,
                    is_chrome: false,
                    is_explanatory: is_explanatory(text),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let l = |s| label_of(s).map(|l| (l.family, l.number));
        assert_eq!(l("Fix 1: Restart"), Some((Family::Fix, 1)));
        assert_eq!(l("Method Two: Update"), Some((Family::Fix, 2)));
        assert_eq!(l("Top Method 3: Plug it in"), Some((Family::Fix, 3)));
        assert_eq!(l("Fix 3:Turn on GPU Scaling"), Some((Family::Fix, 3)));
        assert_eq!(l("Part 1. Recover chats"), Some((Family::Group, 1)));
        assert_eq!(l("Step 2 Scan the device"), Some((Family::Step, 2)));
        assert_eq!(l("Option 1 – Manually"), Some((Family::Opt, 1)));
        assert_eq!(l("2) Update the driver"), Some((Family::Num, 2)));
        assert_eq!(l("Solución 2: Reinicia"), Some((Family::Fix, 2)));
        assert_eq!(l("10 Ways to Fix OneDrive"), None);
        assert_eq!(l("Ways to fix it"), None);
        assert_eq!(l("3.1) If you see"), None);
        assert_eq!(l("Step-by-Step Guide"), None);
    }

    #[test]
    fn stripping_labels() {
        assert_eq!(strip_label("Fix 1: Restart the PC"), "Restart the PC");
        assert_eq!(strip_label("Fix ONE: Troubleshoot"), "Troubleshoot");
        assert_eq!(strip_label("Q2. How to make DVDs"), "How to make DVDs");
        assert_eq!(strip_label("1. Open Settings"), "Open Settings");
        assert_eq!(strip_label("Restart"), "Restart");
    }

    #[test]
    fn heading_roles() {
        assert!(is_instruction("Restart Your Device"));
        assert!(is_instruction("Installing the apps"));
        assert!(is_instruction("How to cancel from the web"));
        assert!(is_instruction("2. Re-enable the driver"));
        assert!(!is_instruction("Lenovo Legion 9i"));
        assert!(!is_instruction("How Long Do Phones Last?"));
        assert!(is_explanatory("Why Does iMessage Say Delivered?"));
        assert!(is_explanatory("Final thoughts"));
        assert!(is_explanatory("Part 4. FAQs of recovery"));
        assert!(!is_explanatory("Restart the router"));
        assert!(is_fix_section("How can I fix it?"));
        assert!(is_fix_section("iMessages Won't Deliver: Troubleshooting"));
        assert!(!is_fix_section("How to change the PIN"));
    }

    #[test]
    fn bold_paragraphs() {
        assert!(bold_only("**Way 1.** **Hold Shift and click Restart**"));
        assert!(bold_only("**I’m using Windows 10:**"));
        assert!(!bold_only("**Note:** this is a note"));
        assert!(!bold_only("Plain text"));
    }

    #[test]
    fn title_headings() {
        let t = Some("1. Unlocking Secure Vaults: A Guide to Activating the Prompt");
        assert!(same_as_title(
            "1. Unlocking Secure Vaults: A Guide to Activating the Prompt",
            t
        ));
        assert!(!same_as_title("1. Open Bitwarden", t));
    }
}
