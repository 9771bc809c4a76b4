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

/// Languages told apart by their commonest short words, in the order
/// [`stop_mask`] numbers them (bit `i` is `STOP[i]`).
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

/// The longest stop word, in bytes.
const STOP_MAX_LEN: usize = 6;

/// The languages (bits, see [`STOP`]) that have `w` as a stop word: one
/// lookup instead of a scan of every list.
fn stop_mask(w: &str) -> u8 {
    match w {
        "a" => 0b0010000,
        "e" => 0b0110000,
        "o" => 0b0010000,
        "y" => 0b0000010,
        "bu" => 0b1000000,
        "da" => 0b1010000,
        "de" => 0b1010110,
        "di" => 0b0100000,
        "do" => 0b0010000,
        "el" => 0b0000010,
        "en" => 0b0000010,
        "et" => 0b0000100,
        "il" => 0b0100000,
        "in" => 0b0000001,
        "is" => 0b0000001,
        "it" => 0b0000001,
        "la" => 0b0100110,
        "le" => 0b0000100,
        "of" => 0b0000001,
        "to" => 0b0000001,
        "un" => 0b0100000,
        "ve" => 0b1000000,
        "zu" => 0b0001000,
        "and" => 0b0000001,
        "bir" => 0b1000000,
        "che" => 0b0100000,
        "com" => 0b0010000,
        "con" => 0b0000010,
        "das" => 0b0001000,
        "der" => 0b0001000,
        "des" => 0b0000100,
        "die" => 0b0001000,
        "ein" => 0b0001000,
        "est" => 0b0000100,
        "ile" => 0b1000000,
        "ist" => 0b0001000,
        "les" => 0b0000100,
        "los" => 0b0000010,
        "mit" => 0b0001000,
        "non" => 0b0100000,
        "per" => 0b0100000,
        "que" => 0b0010010,
        "sie" => 0b0001000,
        "the" => 0b0000001,
        "una" => 0b0100010,
        "und" => 0b0001000,
        "une" => 0b0000100,
        "you" => 0b0000001,
        "daha" => 0b1000000,
        "não" => 0b0010000,
        "para" => 0b0010010,
        "pour" => 0b0000100,
        "sono" => 0b0100000,
        "that" => 0b0000001,
        "vous" => 0b0000100,
        "your" => 0b0000001,
        "çok" => 0b1000000,
        "için" => 0b1000000,
        "nicht" => 0b0001000,
        "olarak" => 0b1000000,
        _ => 0,
    }
}

/// A guess at the language of `text` (ISO 639-1) from its script and its
/// most common short words; `None` when unsure.
///
/// One pass over the first 4,000 characters: words are lower-cased into a
/// small buffer as they come (a word is a run of alphanumeric characters of
/// the lower-cased text) and looked up once.
pub fn language(text: &str) -> Option<String> {
    let (mut han, mut kana, mut hangul, mut cyr, mut latin) = (0, 0, 0, 0, 0);
    let mut counts = [0usize; STOP.len()];
    let mut word = [0u8; STOP_MAX_LEN];
    // Bytes in the current word; past STOP_MAX_LEN the word cannot be a stop word.
    let mut len = 0usize;
    let mut end_word = |len: &mut usize, word: &[u8; STOP_MAX_LEN]| {
        if (1..=STOP_MAX_LEN).contains(len) {
            if let Ok(w) = std::str::from_utf8(&word[..*len]) {
                let mask = stop_mask(w);
                for (i, n) in counts.iter_mut().enumerate() {
                    *n += usize::from(mask >> i & 1);
                }
            }
        }
        *len = 0;
    };
    let push = |c: char, len: &mut usize, word: &mut [u8; STOP_MAX_LEN]| {
        let n = c.len_utf8();
        if *len + n <= STOP_MAX_LEN {
            c.encode_utf8(&mut word[*len..]);
        }
        *len = (*len + n).min(STOP_MAX_LEN + 1);
    };
    for c in text.chars().take(4000) {
        match c as u32 {
            0x4E00..=0x9FFF => han += 1,
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            0x0400..=0x04FF => cyr += 1,
            _ if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{17F}').contains(&c) => latin += 1,
            _ => {}
        }
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                push(c.to_ascii_lowercase(), &mut len, &mut word);
            } else {
                end_word(&mut len, &word);
            }
        } else {
            for l in c.to_lowercase() {
                if l.is_alphanumeric() {
                    push(l, &mut len, &mut word);
                } else {
                    end_word(&mut len, &word);
                }
            }
        }
    }
    end_word(&mut len, &word);
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
    // The language with the most stop words; on a tie the later one, as
    // `max_by_key` chose.
    let mut best = 0;
    for (i, n) in counts.iter().enumerate() {
        if *n >= counts[best] {
            best = i;
        }
    }
    (counts[best] >= 3).then(|| STOP[best].0.to_string())
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
    fn stop_mask_agrees_with_the_lists() {
        for (i, (_, words)) in STOP.iter().enumerate() {
            for w in *words {
                assert!(stop_mask(w) >> i & 1 == 1, "{w}");
                assert!(w.len() <= STOP_MAX_LEN);
            }
        }
        for w in ["", "x", "thee", "nao", "Die", "olaraks"] {
            assert_eq!(stop_mask(w), 0, "{w}");
        }
        let distinct: std::collections::HashSet<&str> =
            STOP.iter().flat_map(|(_, ws)| ws.iter().copied()).collect();
        let bits: u32 = distinct.iter().map(|w| stop_mask(w).count_ones()).sum();
        let listed: usize = STOP.iter().map(|(_, ws)| ws.len()).sum();
        assert_eq!(bits as usize, listed);
    }

    /// The guess as it was made before the one-pass version.
    fn language_reference(text: &str) -> Option<String> {
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

    proptest::proptest! {
        #[test]
        fn one_pass_language_matches_reference(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "the", "The", "DE", "la", "Não", "NÃO", "için", "İçin", "ÇOK", "olarak", "olaraks",
                " ", ".", "-", "x", "é", "İ", "Σ", "ß", "\u{212A}", "K", "un", "e", "1", "\n",
                "Die", "und", "y", "sono", "para", "que", "da",
            ]),
            0..80,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(language(&text), language_reference(&text));
        }
    }

    #[test]
    fn language_guess_is_the_reference_guess_on_long_text() {
        let text = "Die Einstellungen und das Menü. ".repeat(300) + &"the and of ".repeat(50);
        assert_eq!(language(&text), language_reference(&text));
        assert_eq!(language(&text).as_deref(), Some("de"));
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
