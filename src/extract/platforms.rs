//! Platforms an article is about, and a light language guess.
//!
//! Platforms come from the title, front matter and settings paths: a
//! knowledge base filters on them, so a word deep in the body ("unlike on
//! Android...") does not count.

use crate::model::{Meta, SettingsPath};

/// (platform, words that name it), matched as whole words, case-insensitively.
/// Words that are also common English ("mint", "pixel", "edge") appear only
/// in phrases that disambiguate them.
const PLATFORMS: &[(&str, &[&str])] = &[
    (
        "ios",
        &["iphone", "ios", "imessage", "facetime", "airpods", "siri"],
    ),
    ("ipados", &["ipad", "ipados"]),
    (
        "macos",
        &[
            "mac",
            "macos",
            "macbook",
            "imac",
            "os x",
            "osx",
            "system preferences",
            "system settings",
            "sonoma",
            "ventura",
            "monterey",
        ],
    ),
    ("watchos", &["apple watch", "watchos"]),
    (
        "android",
        &[
            "android",
            "samsung",
            "galaxy",
            "google pixel",
            "oneplus",
            "xiaomi",
            "redmi",
            "huawei",
            "motorola",
            "oppo",
            "vivo",
            "realme",
        ],
    ),
    (
        "windows",
        &[
            "windows",
            "win7",
            "win8",
            "win10",
            "win11",
            "win 7",
            "win 8",
            "win 10",
            "win 11",
            "windows7",
            "windows8",
            "windows10",
            "windows11",
            "pc",
            "control panel",
            "device manager",
            "registry editor",
            "powershell",
            "command prompt",
            "file explorer",
        ],
    ),
    (
        "linux",
        &[
            "linux",
            "ubuntu",
            "debian",
            "fedora",
            "arch linux",
            "linux mint",
        ],
    ),
    ("chromeos", &["chromebook", "chromeos", "chrome os"]),
    ("chrome", &["chrome", "google chrome"]),
    ("firefox", &["firefox"]),
    ("edge", &["microsoft edge", "edge browser"]),
    ("safari", &["safari"]),
    ("steam", &["steam"]),
    ("xbox", &["xbox"]),
    ("playstation", &["playstation", "ps4", "ps5"]),
    ("nintendo-switch", &["nintendo switch", "joy-con"]),
    ("excel", &["excel"]),
    ("outlook", &["outlook"]),
    ("gmail", &["gmail"]),
    ("onedrive", &["onedrive"]),
    ("teams", &["microsoft teams"]),
    ("whatsapp", &["whatsapp"]),
];

/// Words a path segment may add: UI names that only one system has.
const PATH_ONLY: &[(&str, &[&str])] = &[("macos", &["finder", "launchpad"])];

/// Phrases that contain a platform word without naming the platform.
const NOT_PLATFORMS: &[&str] = &[
    "mac address",
    "mac addresses",
    "mac filtering",
    "mac filter",
];

fn has_word(hay: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let before = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = e;
    }
    false
}

/// The platforms named in the title, tags, categories and paths.
pub fn detect(
    title: Option<&str>,
    meta: &Meta,
    paths: &[SettingsPath],
    _text: &str,
) -> Vec<String> {
    let mut hay = String::new();
    hay.push_str(title.unwrap_or(""));
    for t in meta.tags.iter().chain(&meta.categories) {
        hay.push(' ');
        hay.push_str(t);
    }
    let mut path_hay = String::new();
    for p in paths {
        path_hay.push(' ');
        path_hay.push_str(&p.segments.join(" "));
    }
    hay.push_str(&path_hay);
    let mut hay = hay.to_lowercase();
    for phrase in NOT_PLATFORMS {
        hay = hay.replace(phrase, " ");
    }
    let path_hay = path_hay.to_lowercase();
    let mut out: Vec<String> = PLATFORMS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| has_word(&hay, w)))
        .map(|(p, _)| p.to_string())
        .collect();
    for (p, words) in PATH_ONLY {
        if !out.iter().any(|o| o == p) && words.iter().any(|w| has_word(&path_hay, w)) {
            out.push(p.to_string());
        }
    }
    // "Chrome" inside "Chromebook" is handled by whole words; Chrome OS is not Chrome.
    if out.iter().any(|p| p == "chromeos") && !has_word(&hay, "google chrome") {
        out.retain(|p| p != "chrome");
    }
    out
}

/// A guess at the language of `text` (ISO 639-1) from its script and its
/// most common short words; `None` when unsure.
pub fn language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let (mut han, mut kana, mut hangul, mut cyr, mut latin) = (0, 0, 0, 0, 0);
    for c in sample.chars() {
        match c as u32 {
            0x4E00..=0x9FFF => han += 1,
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            0x0400..=0x04FF => cyr += 1,
            _ if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{17F}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    let total = han + kana + hangul + cyr + latin;
    if total < 20 {
        return None;
    }
    if hangul * 5 > total {
        return Some("ko".into());
    }
    if kana * 10 > total {
        return Some("ja".into());
    }
    if han * 5 > total {
        return Some("zh".into());
    }
    if cyr * 2 > total {
        return Some("ru".into());
    }
    const STOP: &[(&str, &[&str])] = &[
        (
            "en",
            &[
                "the", "and", "to", "of", "is", "you", "your", "in", "that", "it",
            ],
        ),
        (
            "es",
            &[
                "el", "la", "de", "que", "y", "en", "los", "para", "con", "una",
            ],
        ),
        (
            "fr",
            &[
                "le", "la", "les", "de", "et", "des", "est", "pour", "une", "vous",
            ],
        ),
        (
            "de",
            &[
                "der", "die", "und", "das", "ist", "nicht", "sie", "mit", "ein", "zu",
            ],
        ),
        (
            "pt",
            &["o", "a", "de", "que", "e", "do", "da", "para", "com", "não"],
        ),
        (
            "it",
            &[
                "il", "di", "che", "e", "la", "per", "non", "un", "una", "sono",
            ],
        ),
        (
            "tr",
            &[
                "bir", "ve", "bu", "için", "ile", "da", "de", "çok", "olarak", "daha",
            ],
        ),
    ];
    let lower = sample.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let best = STOP
        .iter()
        .map(|(lang, stop)| (lang, words.iter().filter(|w| stop.contains(w)).count()))
        .max_by_key(|(_, n)| *n)?;
    (best.1 >= 3).then(|| best.0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_from_title_and_paths() {
        let m = Meta::default();
        let p = detect(Some("iMessage not delivered on iPhone"), &m, &[], "");
        assert_eq!(p, ["ios"]);
        let p = detect(Some("Fix printer offline in Windows 11"), &m, &[], "");
        assert_eq!(p, ["windows"]);
        assert!(detect(Some("Machine learning news"), &m, &[], "").is_empty());
    }

    #[test]
    fn platform_spellings_and_false_friends() {
        let m = Meta::default();
        assert_eq!(
            detect(
                Some("Breathe New Life Into Your Win11 Printer"),
                &m,
                &[],
                ""
            ),
            ["windows"]
        );
        assert_eq!(
            detect(Some("Fix printing on Win 10"), &m, &[], ""),
            ["windows"]
        );
        assert!(detect(Some("How to find your MAC address"), &m, &[], "").is_empty());
        assert!(detect(Some("Keep your phone in mint condition"), &m, &[], "").is_empty());
        assert!(detect(Some("Fix a dead pixel on your monitor"), &m, &[], "").is_empty());
        assert_eq!(detect(Some("Install Linux Mint"), &m, &[], ""), ["linux"]);
        let tags = Meta {
            tags: vec!["windows11".into()],
            ..Meta::default()
        };
        assert_eq!(detect(Some("Printer offline"), &tags, &[], ""), ["windows"]);
        let finder = SettingsPath {
            segments: vec!["Finder".into(), "Settings".into()],
            raw: String::new(),
            root: "Finder".into(),
            form: crate::model::PathForm::Explicit,
            step: None,
            alternatives: Default::default(),
        };
        assert_eq!(
            detect(Some("Show hidden files"), &m, &[finder], ""),
            ["macos"]
        );
        assert!(detect(Some("The Driver Finder app"), &m, &[], "").is_empty());
    }

    #[test]
    fn language_guess() {
        assert_eq!(
            language(
                "The printer is offline and you need to restart it in the settings of your PC."
            )
            .as_deref(),
            Some("en")
        );
        assert_eq!(language("La impresora no funciona y es necesario reiniciar el equipo para que la red de la casa vuelva.").as_deref(), Some("es"));
        assert_eq!(
            language(
                "프린터가 오프라인 상태입니다. 설정에서 다시 시작하세요. 네트워크를 확인하세요."
            )
            .as_deref(),
            Some("ko")
        );
    }
}
