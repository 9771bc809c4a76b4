//! Word lists the path finders share: UI verbs, generic UI nouns, keys,
//! confirmations. Kept as data so that a new site's phrasing is one line
//! here, not a new branch in the code. Every entry is generic English UI
//! vocabulary, never a site's or an article's own wording.

/// Verbs that move the reader to a named element, as lower-case word
/// sequences. Longest first, so that "go to" wins over "go".
pub const NAV_VERBS: &[&[&str]] = &[
    &["scroll", "down", "to"],
    &["scroll", "up", "to"],
    &["head", "over", "to"],
    &["navigate", "to"],
    &["right", "click", "on"],
    &["double", "click", "on"],
    &["right-click", "on"],
    &["double-click", "on"],
    &["right", "click"],
    &["double", "click"],
    &["double", "tap"],
    &["click", "on"],
    &["tap", "on"],
    &["go", "to"],
    &["head", "to"],
    &["switch", "to"],
    &["browse", "to"],
    &["bring", "up"],
    &["pull", "up"],
    &["scroll", "to"],
    &["right-click"],
    &["double-click"],
    &["double-tap"],
    &["click"],
    &["tap"],
    &["select"],
    &["choose"],
    &["pick"],
    &["hit"],
    &["open"],
    &["launch"],
    &["run"],
    &["invoke"],
    &["expand"],
    &["locate"],
    &["access"],
];

/// Verbs that start a new path when they are the first move of a sentence:
/// they name where the reader begins, not the next level.
pub const ROOT_VERBS: &[&str] = &[
    "open",
    "launch",
    "run",
    "invoke",
    "access",
    "go",
    "navigate",
    "head",
    "browse",
    "went",
    "opened",
    "launched",
    "navigated",
    "headed",
    "bring",
    "pull",
];

/// Verbs whose object is typed or pressed, not clicked: they end a path.
pub const BREAK_VERBS: &[&str] = &[
    "type", "enter", "input", "paste", "press", "search", "download", "install", "scan", "drag",
    "copy", "rename", "delete", "wait", "restart", "reboot",
];

/// Nouns that name a kind of UI element rather than the element itself
/// ("the Privacy tab", "the gear icon").
pub const GENERIC_NOUNS: &[&str] = &[
    "app",
    "application",
    "button",
    "icon",
    "tab",
    "menu",
    "screen",
    "option",
    "options",
    "section",
    "page",
    "window",
    "pane",
    "panel",
    "link",
    "toggle",
    "switch",
    "checkbox",
    "box",
    "item",
    "entry",
    "setting",
    "settings",
    "field",
    "dropdown",
    "drop-down",
    "list",
    "folder",
    "dialog",
    "bar",
];

/// Nouns for a place an element sits in ("in the Enhancements tab").
pub const PLACE_NOUNS: &[&str] = &[
    "tab", "menu", "window", "app", "dialog", "section", "pane", "page", "screen",
];

/// Words that join words inside a label ("Privacy & Security", "Date and
/// Time", "Run as administrator").
pub const CONNECTORS: &[&str] = &[
    "&", "and", "of", "for", "with", "to", "on", "in", "a", "an", "the", "your", "or", "-", "/",
    "as", "by", "from", "at",
];

/// Words after which a lower-case run is no longer part of a label: they
/// start a clause, a locator or a purpose.
pub const LABEL_STOPS: &[&str] = &[
    "and", "then", "or", "to", "at", "from", "in", "on", "under", "next", "for", "if", "when",
    "which", "that", "this", "it", "you", "is", "are", "will", "can", "should", "so", "button",
    "icon", "tab", "menu", "option", "link", "toggle", "screen", "window", "page", "pane",
    "section", "from", "with", "by", "again", "now.", "again.", "until", "below", "above", "there",
    "here", "once", "after", "before", "while", "where", "but",
];

/// Confirmations that close a dialog; trailing ones are not path levels
/// unless written with a separator.
pub const CONFIRMATIONS: &[&str] = &[
    "ok",
    "apply",
    "save",
    "save changes",
    "keep changes",
    "yes",
    "done",
    "confirm",
    "close",
];

/// Wizard buttons: dropped when they end a path, kept inside one.
pub const WIZARD_STEPS: &[&str] = &["finish", "continue"];

/// Keys and key names: what "press" acts on, never a UI level.
pub const KEYS: &[&str] = &[
    "enter",
    "esc",
    "escape",
    "ctrl",
    "shift",
    "alt",
    "win",
    "windows key",
    "spacebar",
    "del",
    "backspace",
    "fn",
    "cmd",
    "f1",
    "f2",
    "f3",
    "f4",
    "f5",
    "f8",
    "f10",
    "f11",
    "f12",
];

/// Objects that point back to something already named; they neither name a
/// level nor end a path.
pub const PRONOUNS: &[&str] = &[
    "it", "them", "this", "that", "these", "those", "one", "here", "there",
];

/// Surfaces that are clicked on but are not a level of the path
/// ("right-click the Desktop and select New > Shortcut").
pub const SURFACES: &[&str] = &["desktop"];

/// Is `w` (any case) in `list`?
pub fn is_in(list: &[&str], w: &str) -> bool {
    // The lists are lower case; an ASCII word compares without the
    // lower-cased copy (this runs for most tokens of every block).
    if w.is_ascii() {
        return list
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w) && !x.bytes().any(|b| b.is_ascii_uppercase()));
    }
    let l = w.to_lowercase();
    list.iter().any(|x| *x == l)
}
