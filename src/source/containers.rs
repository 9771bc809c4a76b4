//! Containers that hold many records: JSONL dumps (plain or gzip), WARC
//! files (plain or gzip, e.g. Common Crawl), and JSONL on standard input.
//!
//! Records are read lazily, one at a time, so a container of any size is
//! processed in bounded memory. A record that cannot be read becomes an
//! error record with the record's own `source`; a container that breaks off
//! (truncated gzip, corrupt WARC) yields an error for the rest of it.

use super::RecordDoc;
use crate::error::{DocError, Stage};
use crate::model::{Format, Meta};
use flate2::read::MultiGzDecoder;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};

/// One unit of work read from a container.
pub type Item = Result<RecordDoc, DocError>;

/// Opens a file, gunzipping it when `gz`.
pub fn open(path: &std::path::Path, gz: bool) -> std::io::Result<Box<dyn BufRead + Send>> {
    let f = std::fs::File::open(path)?;
    Ok(if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    })
}

/// The page of a JSONL record and its format: `html`, else `markdown`,
/// else `content` (HTML when it looks like markup).
fn page_of(obj: &serde_json::Map<String, Value>) -> Option<(Format, String)> {
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(h) = s("html") {
        return Some((Format::Html, h));
    }
    if let Some(m) = s("markdown") {
        return Some((Format::Markdown, m));
    }
    let c = s("content").or_else(|| s("text"))?;
    let declared = obj.get("format").and_then(Value::as_str).unwrap_or("");
    let format = match declared {
        "html" => Format::Html,
        "markdown" | "md" => Format::Markdown,
        _ if looks_like_html(&c) => Format::Html,
        _ => Format::Markdown,
    };
    Some((format, c))
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    t.starts_with("<!doctype")
        || t.starts_with("<html")
        || head.contains("<body")
        || head.contains("<p>")
        || head.contains("<div")
}

fn string_field(obj: &serde_json::Map<String, Value>, k: &str) -> Option<String> {
    match obj.get(k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list_field(obj: &serde_json::Map<String, Value>, k: &str) -> Vec<String> {
    match obj.get(k) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// Turns one JSONL line into a record.
pub fn jsonl_record(line: &str, source: String) -> Item {
    let v: Value = serde_json::from_str(line)
        .map_err(|e| DocError::new(&source, Stage::Parse, format!("not a JSON record: {e}")))?;
    let Value::Object(obj) = v else {
        return Err(DocError::new(
            &source,
            Stage::Parse,
            "JSON record is not an object",
        ));
    };
    let Some((format, page)) = page_of(&obj) else {
        return Err(DocError::new(
            &source,
            Stage::Parse,
            "record has no page: expected an `html`, `markdown` or `content` field",
        ));
    };
    let meta = Meta {
        title: string_field(&obj, "title"),
        description: string_field(&obj, "description"),
        url: string_field(&obj, "url"),
        date: string_field(&obj, "date"),
        updated: string_field(&obj, "updated"),
        tags: list_field(&obj, "tags"),
        categories: list_field(&obj, "categories"),
        language: string_field(&obj, "language").or_else(|| string_field(&obj, "lang")),
        site_name: None,
        title_is_tag: false,
    };
    Ok(RecordDoc {
        source,
        id: string_field(&obj, "id"),
        format,
        bytes: page.into_bytes(),
        meta,
    })
}

/// Records of a JSONL stream, `source` as `NAME#LINE` (1-based).
pub fn jsonl_records(
    reader: Box<dyn BufRead + Send>,
    name: String,
    max_bytes: u64,
) -> impl Iterator<Item = Item> + Send {
    let mut lines = LineReader {
        inner: reader,
        max: max_bytes,
        n: 0,
        done: false,
    };
    std::iter::from_fn(move || loop {
        let (n, line) = lines.next_line(&name)?;
        let source = format!("{name}#{n}");
        match line {
            Err(e) => return Some(Err(e)),
            Ok(l) if l.trim().is_empty() => continue,
            Ok(l) => return Some(jsonl_record(&l, source)),
        }
    })
}

/// Reads lines with a size limit, so that one giant line cannot exhaust
/// memory.
struct LineReader {
    inner: Box<dyn BufRead + Send>,
    max: u64,
    n: usize,
    done: bool,
}

impl LineReader {
    fn next_line(&mut self, name: &str) -> Option<(usize, Result<String, DocError>)> {
        if self.done {
            return None;
        }
        self.n += 1;
        let mut buf = Vec::new();
        let limit = self.max.saturating_add(1);
        match (&mut self.inner).take(limit).read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(_) if buf.len() as u64 > self.max && !buf.ends_with(b"\n") => {
                // Skip the rest of the over-long line.
                let mut sink = Vec::new();
                loop {
                    sink.clear();
                    match (&mut self.inner).take(1 << 20).read_until(b'\n', &mut sink) {
                        Ok(0) => break,
                        Ok(_) if sink.ends_with(b"\n") => break,
                        Ok(_) => continue,
                        Err(_) => break,
                    }
                }
                let src = format!("{name}#{}", self.n);
                Some((
                    self.n,
                    Err(DocError::new(
                        src,
                        Stage::Read,
                        format!(
                            "record is over the limit of {} bytes (--max-bytes)",
                            self.max
                        ),
                    )),
                ))
            }
            Ok(_) => Some((self.n, Ok(String::from_utf8_lossy(&buf).into_owned()))),
            Err(e) => {
                self.done = true;
                let src = format!("{name}#{}", self.n);
                Some((
                    self.n,
                    Err(DocError::new(
                        src,
                        Stage::Read,
                        format!("container breaks off here: {e}"),
                    )),
                ))
            }
        }
    }
}

/// The HTML body of an HTTP response block, and its declared charset.
fn http_body(block: &[u8]) -> Option<(&[u8], bool)> {
    let sep = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&block[..sep.0]).to_ascii_lowercase();
    let html = head
        .lines()
        .find_map(|l| l.strip_prefix("content-type:"))
        .is_none_or(|ct| ct.contains("html"));
    Some((&block[sep.0 + sep.1..], html))
}

/// HTML response records of a WARC stream, `source` as `NAME#RECORD-ID`.
pub fn warc_records(
    reader: Box<dyn BufRead + Send>,
    name: String,
) -> impl Iterator<Item = Item> + Send {
    use warc::{RecordType, WarcHeader, WarcReader};
    let mut records = WarcReader::new(reader).iter_records();
    let mut n = 0usize;
    let mut broken = false;
    std::iter::from_fn(move || loop {
        if broken {
            return None;
        }
        n += 1;
        let rec = match records.next()? {
            Ok(r) => r,
            Err(e) => {
                broken = true;
                return Some(Err(DocError::new(
                    format!("{name}#record-{n}"),
                    Stage::Read,
                    format!("WARC stream breaks off at record {n}: {e}"),
                )));
            }
        };
        if !matches!(rec.warc_type(), RecordType::Response | RecordType::Resource) {
            continue;
        }
        let id = rec.warc_id().trim_matches(['<', '>']).to_string();
        let source = format!("{name}#{id}");
        let url = rec
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim().to_string());
        let body = rec.body();
        let page = if matches!(rec.warc_type(), RecordType::Response) {
            match http_body(body) {
                Some((b, true)) => b,
                Some((_, false)) => continue, // not an HTML page: images, scripts
                None => {
                    return Some(Err(DocError::new(
                        source,
                        Stage::Parse,
                        "HTTP response without a header/body boundary",
                    )));
                }
            }
        } else {
            body
        };
        return Some(Ok(RecordDoc {
            source,
            id: None,
            format: Format::Html,
            bytes: page.to_vec(),
            meta: Meta {
                url,
                ..Meta::default()
            },
        }));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_record_fields() {
        let r = jsonl_record(r#"{"id": 7, "url": "https://e.x/a", "html": "<p>hi</p>", "title": "T", "tags": ["a"]}"#, "d.jsonl#1".into())
            .expect("record");
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.format, Format::Html);
        assert_eq!(r.meta.url.as_deref(), Some("https://e.x/a"));
        assert_eq!(r.meta.tags, ["a"]);
        let r = jsonl_record(r##"{"content": "# Title\n\ntext"}"##, "s".into()).expect("record");
        assert_eq!(r.format, Format::Markdown);
        assert!(jsonl_record("{not json", "x#1".into()).is_err());
        assert!(jsonl_record(r#"{"url": "u"}"#, "x#2".into()).is_err());
    }

    #[test]
    fn jsonl_stream_numbers_lines_and_skips_blank_ones() {
        let data = "{\"html\":\"<p>a</p>\"}\n\n{\"html\":\"<p>b</p>\"}\nnope\n";
        let items: Vec<Item> = jsonl_records(
            Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
            "d.jsonl".into(),
            1 << 20,
        )
        .collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].as_ref().expect("ok").source, "d.jsonl#3");
        assert_eq!(items[2].as_ref().expect_err("bad").source_name, "d.jsonl#4");
    }

    #[test]
    fn over_long_line_is_an_error_and_the_stream_goes_on() {
        let data = format!(
            "{{\"html\":\"{}\"}}\n{{\"html\":\"<p>ok</p>\"}}\n",
            "x".repeat(5000)
        );
        let items: Vec<Item> = jsonl_records(
            Box::new(std::io::Cursor::new(data.into_bytes())),
            "d".into(),
            1000,
        )
        .collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_err());
        assert!(items[1].is_ok());
    }

    #[test]
    fn http_body_split() {
        let (b, html) =
            http_body(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>")
                .expect("split");
        assert_eq!(b, b"<p>x</p>");
        assert!(html);
        let (_, html) =
            http_body(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n..").expect("split");
        assert!(!html);
    }
}
