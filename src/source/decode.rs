//! Bytes to text: by byte-order mark, then a declared `<meta charset>`, then
//! UTF-8, then statistical detection. Real dumps hold legacy encodings and
//! stray bytes; decoding never fails on those, it replaces and warns. Only
//! input that is evidently not text (binary) is refused.

use encoding_rs::Encoding;

/// Decoded text plus what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, lower-case WHATWG name (`utf-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Share of control bytes in the first 8 KiB above which a file is binary.
const BINARY_CONTROL_SHARE: f64 = 0.10;

/// Decodes a document's bytes; `Err` with a reason when they are not text.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else {
        if looks_binary(bytes) {
            return Err("binary content: not a text document".to_string());
        }
        let declared = if html { declared_charset(bytes) } else { None };
        match declared {
            Some(enc) => (enc, bytes),
            None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
            None => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                (det.guess(None, chardetng::Utf8Detection::Allow), bytes)
            }
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!(
            "undecodable bytes replaced with U+FFFD while decoding as {}",
            encoding.name().to_ascii_lowercase()
        ));
    }
    let mut text = text.into_owned();
    if text.contains('\0') {
        text = text.replace('\0', "");
        warnings.push("NUL characters removed".to_string());
    }
    if encoding != encoding_rs::UTF_8 {
        warnings.push(format!(
            "decoded as {}",
            encoding.name().to_ascii_lowercase()
        ));
    }
    Ok(Decoded {
        text,
        encoding: encoding_name(encoding),
        warnings,
    })
}

fn encoding_name(enc: &'static Encoding) -> &'static str {
    // encoding_rs names are upper-case constants; map the common ones to the
    // lower-case labels users expect, the rest as they are.
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        other => other,
    }
}

/// A file is binary when many of its first bytes are control characters
/// other than white space.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls as f64 / head.len() as f64 > BINARY_CONTROL_SHARE
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
}
