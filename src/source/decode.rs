//! Bytes to text: by byte-order mark, then a declared `<meta charset>` (or
//! `http-equiv` Content-Type), then UTF-8, then statistical detection
//! (chardetng). Real dumps hold legacy encodings and stray bytes; decoding
//! never fails on those, it replaces and warns. Only input that is evidently
//! not text (binary: control bytes, a known binary file signature) is
//! refused.
//!
//! Whatever was used when it was not plain UTF-8 is said in a warning
//! starting with `decoded as <encoding>`, followed by how it was chosen.

use encoding_rs::Encoding;
use std::borrow::Cow;

/// Decoded text plus what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, lower-case WHATWG name (`utf-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Share of control bytes in the first 8 KiB above which a file is binary.
/// Random bytes hold about 10.5 %; text, even with stray NULs, far fewer.
const BINARY_CONTROL_SHARE: f64 = 0.10;
/// The same for a head that is not valid UTF-8 either (random bytes).
const BINARY_CONTROL_SHARE_NOT_UTF8: f64 = 0.03;

/// Signatures of common binary formats that end up in dumps under an
/// article's name (images, archives, PDFs, executables).
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
];

/// How the encoding was chosen, for the warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    Bom,
    Declared,
    Utf16Pattern,
    Detected,
    Utf8,
}

/// Decodes a document's bytes; `Err` with a reason when they are not text.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    // `utf8`: the bytes as text when they are valid UTF-8, validated once.
    let (encoding, body, why, utf8) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..], Why::Bom, None)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, bytes, Why::Utf16Pattern, None)
    } else {
        if let Some(kind) = binary_kind(bytes) {
            return Err(format!("binary content ({kind}): not a text document"));
        }
        let declared = if html { declared_charset(bytes) } else { None };
        let utf8 = std::str::from_utf8(bytes).ok();
        let valid_utf8 = utf8.is_some();
        match declared {
            // A page saved again as UTF-8 by the scraper often keeps its old
            // declaration; bytes that are valid UTF-8 with non-ASCII in them
            // are almost never really a single-byte legacy encoding.
            Some(enc) if valid_utf8 && !bytes.is_ascii() && enc != encoding_rs::UTF_8 => {
                warnings.push(format!(
                    "page declares charset {} but its bytes are valid UTF-8; read as UTF-8",
                    enc.name().to_ascii_lowercase()
                ));
                (encoding_rs::UTF_8, bytes, Why::Utf8, utf8)
            }
            Some(enc) => (enc, bytes, Why::Declared, utf8),
            None if valid_utf8 => (encoding_rs::UTF_8, bytes, Why::Utf8, utf8),
            None => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                (
                    det.guess(None, chardetng::Utf8Detection::Allow),
                    bytes,
                    Why::Detected,
                    None,
                )
            }
        }
    };
    // Valid UTF-8 (most pages) is copied as it is; validating it a second
    // time inside encoding_rs cost as much as the copy.
    let (text, had_errors) = match utf8 {
        Some(s) if encoding == encoding_rs::UTF_8 => (Cow::Borrowed(s), false),
        _ => encoding.decode_without_bom_handling(body),
    };
    if why == Why::Utf16Pattern && binary_kind(text.as_bytes()).is_some() {
        return Err("binary content (many control bytes): not a text document".to_string());
    }
    if had_errors {
        warnings.push(format!(
            "undecodable bytes replaced with U+FFFD while decoding as {}",
            encoding_name(encoding)
        ));
    }
    let mut text = text.into_owned();
    if memchr::memchr(0, text.as_bytes()).is_some() {
        text = text.replace('\0', "");
        warnings.push("NUL characters removed".to_string());
    }
    if encoding != encoding_rs::UTF_8 || why == Why::Detected {
        let how = match why {
            Why::Bom => "byte-order mark",
            Why::Declared => "declared in the page's <meta> charset",
            Why::Utf16Pattern => "no byte-order mark; detected from the NUL-byte pattern",
            Why::Detected => "not valid UTF-8 and no declared charset; detected",
            Why::Utf8 => "UTF-8",
        };
        warnings.push(format!("decoded as {} ({how})", encoding_name(encoding)));
    }
    Ok(Decoded {
        text,
        encoding: encoding_name(encoding),
        warnings,
    })
}

fn encoding_name(enc: &'static Encoding) -> &'static str {
    // encoding_rs names are mixed-case constants; map the common ones to the
    // lower-case labels users expect, the rest as they are.
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-15" => "iso-8859-15",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "Big5" => "big5",
        "KOI8-R" => "koi8-r",
        other => other,
    }
}

/// UTF-16 text saved without a byte-order mark: in mostly-ASCII text every
/// other byte is NUL. Returns the byte order when the first 8 KiB look so.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for p in head.chunks_exact(2) {
        even_nul += usize::from(p[0] == 0);
        odd_nul += usize::from(p[1] == 0);
    }
    let share = |n: usize| n as f64 / pairs as f64;
    if share(odd_nul) > 0.4 && share(even_nul) < 0.02 {
        Some(encoding_rs::UTF_16LE)
    } else if share(even_nul) > 0.4 && share(odd_nul) < 0.02 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Why a file is binary, when it is: a known signature, or many of its first
/// bytes are control characters other than white space.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = BINARY_MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    let share = controls as f64 / head.len() as f64;
    // Stray NULs in otherwise valid UTF-8 are text with damage; the same
    // share of control bytes among bytes that are not UTF-8 is noise.
    let utf8_head = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    let limit = if utf8_head {
        BINARY_CONTROL_SHARE
    } else {
        BINARY_CONTROL_SHARE_NOT_UTF8
    };
    (share > limit).then_some("many control bytes")
}

/// The charset a page declares in its first 4 KiB (`<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page served as UTF-16 but declaring it in ASCII is a lie the
                // HTML standard tells us to read as UTF-8.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                // Labels such as iso-2022-kr map to the "replacement"
                // encoding, which would turn the whole page into one U+FFFD:
                // better to detect than to believe them.
                if enc == encoding_rs::REPLACEMENT {
                    return None;
                }
                return Some(enc);
            }
        }
        from = i.max(from + pos + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_warnings() {
        let d = decode("Café ✓".as_bytes(), false).expect("decodes");
        assert_eq!(d.text, "Café ✓");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn meta_charset_windows_1252_is_honoured() {
        let mut bytes = b"<html><head><meta charset=\"windows-1252\"></head><body>caf".to_vec();
        bytes.push(0xE9);
        let d = decode(&bytes, true).expect("decodes");
        assert!(d.text.ends_with("café"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf16_bom_is_honoured() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>hi</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, true).expect("decodes");
        assert_eq!(d.text, "<p>hi</p>");
        assert_eq!(d.encoding, "utf-16le");
    }

    #[test]
    fn invalid_utf8_without_declaration_is_detected_not_refused() {
        let bytes = b"Se\xf1or, the printer is offline".to_vec();
        let d = decode(&bytes, false).expect("decodes");
        assert!(d.text.contains("Señor"), "{}", d.text);
        assert!(!d.warnings.is_empty());
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&bytes, true).is_err());
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_pattern() {
        let text = "<html><body><p>Hello from a UTF-16 page without a BOM</p></body></html>";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le, true).expect("decodes");
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "utf-16le");
        assert!(d
            .warnings
            .iter()
            .any(|w| w.starts_with("decoded as utf-16le")));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, true).expect("decodes").text, text);
    }

    #[test]
    fn stale_legacy_declaration_on_utf8_bytes_reads_utf8() {
        let bytes = "<meta charset=\"iso-8859-1\"><p>Café – naïve</p>".as_bytes();
        let d = decode(bytes, true).expect("decodes");
        assert!(d.text.contains("Café – naïve"), "{}", d.text);
        assert_eq!(d.encoding, "utf-8");
        assert!(d.warnings[0].contains("valid UTF-8"), "{:?}", d.warnings);
    }

    #[test]
    fn replacement_encoding_labels_are_not_believed() {
        let bytes = b"<meta charset=\"iso-2022-kr\"><p>Plain ASCII text survives</p>";
        let d = decode(bytes, true).expect("decodes");
        assert!(d.text.contains("Plain ASCII text survives"), "{}", d.text);
    }

    #[test]
    fn http_equiv_content_type_is_honoured() {
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>Se\xf1or</p>";
        let d = decode(bytes, true).expect("decodes");
        assert!(d.text.contains("Señor"), "{}", d.text);
        assert!(
            d.warnings.iter().any(|w| w.contains("declared")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn detected_encoding_is_reported() {
        let d = decode(b"Se\xf1or, the printer is offline", false).expect("decodes");
        assert!(
            d.warnings
                .iter()
                .any(|w| w.starts_with("decoded as") && w.contains("detected")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn stray_nuls_in_text_are_removed_not_refused() {
        let d = decode(b"Hello\0 world, with a NUL\0 or two.", false).expect("text");
        assert_eq!(d.text, "Hello world, with a NUL or two.");
        assert!(d.warnings.iter().any(|w| w.contains("NUL")));
    }

    #[test]
    fn known_binary_signatures_and_short_noise_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR rest of the image";
        let e = decode(png, true).expect_err("png");
        assert!(e.contains("PNG"), "{e}");
        let noise: Vec<u8> = (0..200u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&noise, false).is_err());
    }
}
