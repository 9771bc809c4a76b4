//! Title, ids, hashes and counts.

use crate::model::Meta;
use sha2::{Digest, Sha256};

/// Separators between a page title and the site name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// The article title: front matter or page title with a site-name suffix
/// removed, else the first `h1`.
pub fn title(meta: &Meta, first_h1: Option<&str>) -> Option<String> {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(t) = meta.title.as_deref().map(fold).filter(|t| !t.is_empty()) {
        return Some(strip_site_suffix(
            &t,
            meta.site_name.as_deref(),
            first_h1,
            meta.title_is_tag,
        ));
    }
    first_h1.map(fold).filter(|t| !t.is_empty())
}

/// Removes a " | SiteName" suffix. A suffix equal to the page's declared
/// site name always goes; from a `<title>` element (`guess`), so does one
/// that reads like a site name or that follows the page's own `h1`. Titles
/// from front matter or `og:title` are the author's and keep everything else
/// ("Fix the Printer - Solved").
fn strip_site_suffix(title: &str, site: Option<&str>, h1: Option<&str>, guess: bool) -> String {
    if let Some(h1) = h1.filter(|_| guess) {
        // The page's own heading, when the title is that heading plus a suffix.
        let h1 = h1.split_whitespace().collect::<Vec<_>>().join(" ");
        if !h1.is_empty() && title.len() > h1.len() && title.starts_with(&h1) {
            let rest = title[h1.len()..].trim_start();
            if TITLE_SEPARATORS
                .iter()
                .any(|s| rest.starts_with(s.trim_start()))
            {
                return h1;
            }
        }
    }
    for sep in TITLE_SEPARATORS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let tail_words = tail.split_whitespace().count();
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()))
                || (guess
                    && tail_words <= 3
                    && head.split_whitespace().count() >= 3
                    && looks_like_site(tail));
            if is_site {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A short suffix that reads as a site name: a domain, or capitalised words.
fn looks_like_site(s: &str) -> bool {
    let s = s.trim();
    s.contains('.') && !s.contains(' ')
        || s.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Lower-case hex of a digest.
fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * digest.len());
    for b in digest {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Stable article id from its source: the same input at the same `source`
/// gets the same id on every run.
pub fn article_id(source: &str) -> String {
    sha256_hex(source.as_bytes())[..16].to_string()
}

/// Hash of the text with white space folded, so that equal text gives an
/// equal hash whatever its line endings.
pub fn content_hash(text: &str) -> String {
    content_hash_and_word_count(text).0
}

/// [`content_hash`] and [`word_count`] in one pass: the words are fed to the
/// hasher with single spaces between them, which hashes the same bytes as
/// the folded text without building it.
pub fn content_hash_and_word_count(text: &str) -> (String, usize) {
    let mut hasher = Sha256::new();
    let mut words = 0;
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(w.as_bytes());
        words += usize::from(w.chars().any(char::is_alphanumeric));
    }
    (hex(&hasher.finalize()), words)
}

/// Words in Markdown text: tokens with at least one letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_is_removed() {
        let m = Meta {
            title: Some("How to Fix Printer in Error State | Printer Issues".into()),
            title_is_tag: true,
            ..Meta::default()
        };
        assert_eq!(
            title(&m, None).as_deref(),
            Some("How to Fix Printer in Error State")
        );
        let m = Meta {
            title: Some("Fix it - Step by step - techsite.com".into()),
            title_is_tag: true,
            ..Meta::default()
        };
        assert_eq!(title(&m, None).as_deref(), Some("Fix it - Step by step"));
    }

    #[test]
    fn titles_with_inner_dashes_survive() {
        let m = Meta {
            title: Some("Wi-Fi drops - what to do when it happens again and again".into()),
            ..Meta::default()
        };
        assert_eq!(title(&m, None).as_deref(), m.title.as_deref());
    }

    #[test]
    fn authored_titles_keep_their_suffix_unless_it_is_the_site_name() {
        let m = Meta {
            title: Some("Missing DVD Driver in Windows 11 - Now Fixed".into()),
            ..Meta::default()
        };
        assert_eq!(title(&m, None).as_deref(), m.title.as_deref());
        let m = Meta {
            title: Some("Reset the Router | Net Help".into()),
            site_name: Some("Net Help".into()),
            ..Meta::default()
        };
        assert_eq!(title(&m, None).as_deref(), Some("Reset the Router"));
    }

    #[test]
    fn h1_is_the_fallback() {
        assert_eq!(
            title(&Meta::default(), Some("  My  Title ")).as_deref(),
            Some("My Title")
        );
    }

    #[test]
    fn hashes_fold_white_space() {
        assert_eq!(content_hash("a  b\r\nc"), content_hash("a b c"));
        assert_ne!(content_hash("a b"), content_hash("a c"));
        assert_eq!(article_id("x/y.md"), article_id("x/y.md"));
        assert_eq!(article_id("x/y.md").len(), 16);
    }

    #[test]
    fn one_pass_hash_and_count_match_the_folded_text() {
        for text in [
            "",
            "  ",
            "a",
            " a  b\r\nc ",
            "## Fix 1\n\n- **Open** it - now",
            "é\u{a0}x\t—",
        ] {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let (hash, words) = content_hash_and_word_count(text);
            assert_eq!(hash, sha256_hex(folded.as_bytes()), "{text:?}");
            assert_eq!(words, word_count(text), "{text:?}");
        }
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn counts_words_not_markup() {
        assert_eq!(word_count("## Fix 1\n\n- **Open** it - now"), 5);
    }
}
