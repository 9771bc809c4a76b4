//! Hostile and broken input (issue 6): nothing lost, nothing half-written,
//! nothing injected.
//!
//! Every input here is generated into a temporary folder and run through
//! the real `howtokb` binary, as a user would. A watchdog kills the binary
//! when it runs far longer than it should, so a hang (or quadratic time on
//! a crafted page) fails the test instead of stalling CI; a stack overflow
//! aborts the binary and fails on its exit status.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_howtokb"))
}

/// Runs the CLI in `cwd`, killing it after `limit` (a hang guard, far above
/// the time the run needs).
fn run_with_limit(args: &[&str], cwd: &Path, limit: Duration) -> Output {
    let child = bin()
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("howtokb starts");
    wait_with_limit(child, limit)
}

fn wait_with_limit(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("howtokb still running after {limit:?}: hang or quadratic time");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run(args: &[&str], cwd: &Path) -> Output {
    run_with_limit(args, cwd, Duration::from_secs(120))
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(p, content).expect("write input");
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("jsonl exists")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A run's dataset, by source.
struct Dataset {
    articles: BTreeMap<String, Value>,
    errors: BTreeMap<String, Value>,
    manifest: Value,
}

impl Dataset {
    fn load(out: &Path) -> Dataset {
        let by_source = |v: Vec<Value>| {
            let n = v.len();
            let m: BTreeMap<String, Value> = v
                .into_iter()
                .map(|r| (r["source"].as_str().expect("source").to_string(), r))
                .collect();
            assert_eq!(m.len(), n, "a source appears twice");
            m
        };
        Dataset {
            articles: by_source(read_jsonl(&out.join("articles.jsonl"))),
            errors: by_source(read_jsonl(&out.join("errors.jsonl"))),
            manifest: serde_json::from_str(
                &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
            )
            .expect("manifest is JSON"),
        }
    }

    fn article(&self, source: &str) -> &Value {
        self.articles.get(source).unwrap_or_else(|| {
            panic!(
                "{source} is not an article; error record: {:?}",
                self.errors.get(source)
            )
        })
    }

    fn error(&self, source: &str) -> &Value {
        self.errors.get(source).unwrap_or_else(|| {
            panic!(
                "{source} is not an error record; article warnings: {:?}",
                self.articles.get(source).map(|a| &a["warnings"])
            )
        })
    }
}

fn text(a: &Value) -> &str {
    a["text"].as_str().expect("text")
}

fn warnings(a: &Value) -> Vec<String> {
    a["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w.as_str().expect("warning").to_string())
        .collect()
}

#[track_caller]
fn assert_warns(a: &Value, needle: &str) {
    let w = warnings(a);
    assert!(
        w.iter().any(|x| x.contains(needle)),
        "{}: no warning containing {needle:?} in {w:?}",
        a["source"]
    );
}

/// Deterministic noise (xorshift), so failures reproduce.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

const BODY: &str = "Restart the router, wait two minutes, and try the connection again.";

/// File names that break naive shell scripts and path handling.
const ODD_NAMES: &[&str] = &[
    "with spaces in it.md",
    "ünïcödé ✓ 日本語.md",
    "$(touch pwned); `touch pwned2` & | > x.html",
    "-rf --help.md",
    "quote's \"double\".md",
    "semi;colon*star?.htm",
];

/// Generates every hostile case into `dir` (relative sources as keys).
fn generate_hostile(dir: &Path) {
    let w = |name: &str, content: &[u8]| write(dir, name, content);
    // Empty and binary.
    w("empty.md", b"");
    w("empty.html", b"");
    w("whitespace.md", b"  \n\r\n\t\n");
    w("random.html", &noise(20_000, 1));
    w("random.md", &noise(20_000, 2));
    w("short_random.md", &noise(300, 3));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(2000, 4));
    w("image_named.html", &png);
    // NUL bytes and invalid UTF-8.
    w(
        "nul.md",
        format!("# Title\n\nHello\0 world.\0 {BODY}\n").as_bytes(),
    );
    w(
        "invalid_utf8.md",
        b"# Se\xf1or\n\nThe printer \xff is offline; restart it and try again.\n",
    );
    // Legacy encodings.
    w(
        "meta_1252.html",
        b"<html><head><meta charset=\"windows-1252\"><title>T</title></head><body><p>caf\xe9 \x93quoted\x94 and more words for the article body</p></body></html>",
    );
    w(
        "http_equiv.html",
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Se\xf1or, the printer is offline again.</p></body></html>",
    );
    let page =
        format!("<html><body><article><h1>UTF-16 page</h1><p>{BODY}</p></article></body></html>");
    w("utf16le_bom.html", &utf16(&page, false, true));
    w(
        "utf16be_bom.md",
        &utf16(&format!("# UTF-16 post\n\n{BODY}\n"), true, true),
    );
    w("utf16le_no_bom.html", &utf16(&page, false, false));
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend_from_slice(format!("---\ntitle: BOM post\n---\n\n{BODY}\n").as_bytes());
    w("utf8_bom.md", &bom8);
    w(
        "stale_meta_utf8.html",
        "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café – naïve résumé, written in UTF-8.</p></body></html>".as_bytes(),
    );
    // Front matter.
    w(
        "fm_unterminated.md",
        format!("---\ntitle: A\n\n{BODY}\n").as_bytes(),
    );
    w(
        "fm_not_yaml.md",
        format!("---\ntitle: [unclosed\n: : :\n\tbad: {{\n---\n{BODY}\n").as_bytes(),
    );
    w(
        "fm_scalar.md",
        format!("---\njust a string\n---\n{BODY}\n").as_bytes(),
    );
    w(
        "fm_whole_file.md",
        b"---\ntitle: Only front matter\ndate: 2024-01-01\n---\n",
    );
    w("fm_only_fence.md", b"---");
    w(
        "fm_deep.md",
        format!(
            "---\ntags: {}{}\n---\n{BODY}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        )
        .as_bytes(),
    );
    w(
        "fm_huge_key.md",
        format!("---\ntitle: {}\n---\n{BODY}\n", "x".repeat(200_000)).as_bytes(),
    );
    // Unclosed comments and tags, truncated pages.
    w(
        "unclosed_comment.html",
        format!("<html><body><article><p>First part of the text.</p><!-- never closed <p>{BODY}</p></article></body></html>").as_bytes(),
    );
    w(
        "unclosed_comment.md",
        format!("Intro paragraph.\n\n<!-- oops\n\n{BODY}\n").as_bytes(),
    );
    w(
        "unclosed_tags.html",
        format!("<html><body><div><p>one<p>two<b><i><a href=\"/x\">{BODY}").as_bytes(),
    );
    w(
        "truncated.html",
        format!("<html><head><title>Truncated</title></head><body><article><p>{BODY}</p><p>Cut in the mid<a href=\"https://exa").as_bytes(),
    );
    w("truncated_entity.md", format!("{BODY} &#x1F60").as_bytes());
    w("lone_lt.html", b"<<<<<<<<<<</</</<!<!-<?<a<b<c");
    // Depth.
    let n = 100_000;
    w(
        "deep_div.html",
        format!(
            "<html><body>{}deep text{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
        .as_bytes(),
    );
    w(
        "deep_unclosed.html",
        format!("<html><body>{}deep text", "<div><span><b>".repeat(30_000)).as_bytes(),
    );
    let levels = 3_000;
    w(
        "deep_list.html",
        format!(
            "<html><body>{}{}</body></html>",
            "<ul><li>item ".repeat(levels),
            "</li></ul>".repeat(levels)
        )
        .as_bytes(),
    );
    let mut md_list = String::new();
    for i in 0..levels {
        md_list.push_str(&"  ".repeat(i));
        md_list.push_str("- item\n");
    }
    w("deep_list.md", md_list.as_bytes());
    w(
        "deep_quote.md",
        format!("{} quote\n", ">".repeat(20_000)).as_bytes(),
    );
    w(
        "deep_inline_html.md",
        format!(
            "{}deep{}\n",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        )
        .as_bytes(),
    );
    w(
        "open_formatting.html",
        format!(
            "<html><body>{}{}</body></html>",
            (0..2000)
                .map(|i| format!("<b id=b{i}>"))
                .collect::<String>(),
            "<p>x".repeat(5000)
        )
        .as_bytes(),
    );
    // Size.
    w("long_line.md", "word ".repeat(2_000_000).as_bytes());
    let links: String = (0..50_000)
        .map(|i| format!("<a href=\"https://example.com/p/{i}\">link {i}</a> "))
        .collect();
    w(
        "links.html",
        format!("<html><body><p>{links}</p></body></html>").as_bytes(),
    );
    let md_links: String = (0..50_000)
        .map(|i| format!("[link {i}](https://example.com/p/{i}) "))
        .collect();
    w("links.md", md_links.as_bytes());
    // Line endings.
    w(
        "crlf.md",
        b"---\r\ntitle: CRLF post\r\ntags:\r\n  - windows\r\n---\r\n\r\n## Fix 1: Restart\r\n\r\nOpen **Settings > Wi-Fi** and turn it off.\r\n\r\n## Fix 2: Forget\r\n\r\nForget the network.\r\n",
    );
    w(
        "crlf.html",
        b"<html>\r\n<head><title>CRLF page</title></head>\r\n<body>\r\n<article>\r\n<p>Line one\r\nline two of the paragraph.</p>\r\n</article>\r\n</body>\r\n</html>\r\n",
    );
    w(
        "cr_only.md",
        b"# Old Mac\r\rParagraph one.\r\rParagraph two.\r",
    );
    for name in ODD_NAMES {
        w(
            &format!("odd/{name}"),
            format!("# {name}\n\n{BODY}\n").as_bytes(),
        );
    }
}

/// Every hostile input ends as an article or an error record, with the
/// outcome the issue asks for; no panic, no abort, no hang.
#[test]
fn every_hostile_input_is_accounted_for() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    generate_hostile(&input);
    // A file far over the default limit, cheap because it is sparse.
    let huge = std::fs::File::create(input.join("huge.html")).expect("create");
    huge.set_len(howtokb::config::DEFAULT_MAX_BYTES + 1)
        .expect("set_len");
    drop(huge);
    let o = run(&["extract", "in", "-o", "out", "-q", "-j", "2"], tmp.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "some inputs fail, none abort the run; stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = Dataset::load(&tmp.path().join("out"));

    // Nothing lost: every file is in exactly one of the two files.
    let mut expected = Vec::new();
    let mut stack = vec![input.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("ls").flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(&input).expect("rel").to_path_buf();
                expected.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    expected.sort();
    let mut got: Vec<String> = d.articles.keys().chain(d.errors.keys()).cloned().collect();
    got.sort();
    assert_eq!(got, expected, "every input accounted for exactly once");
    assert_eq!(
        d.manifest["counts"]["inputs"].as_u64(),
        Some(expected.len() as u64)
    );
    assert_eq!(
        d.manifest["counts"]["articles"].as_u64(),
        Some(d.articles.len() as u64)
    );
    assert_eq!(
        d.manifest["counts"]["errors"].as_u64(),
        Some(d.errors.len() as u64)
    );
    for e in d.errors.values() {
        let msg = e["error"].as_str().expect("error");
        assert!(!msg.contains("internal error"), "a panic was caught: {e}");
        assert!(msg.len() > 10, "a clear reason: {e}");
    }
    for a in d.articles.values() {
        assert!(!text(a).contains('\0'), "{}", a["source"]);
    }

    // Empty and binary.
    for s in ["empty.md", "empty.html", "whitespace.md"] {
        assert_eq!(text(d.article(s)), "", "{s}");
        assert_warns(d.article(s), "no article content");
    }
    for s in ["random.html", "random.md", "short_random.md"] {
        assert_eq!(d.error(s)["stage"], "decode", "{s}");
        assert!(d.error(s)["error"].as_str().expect("e").contains("binary"));
    }
    assert!(d.error("image_named.html")["error"]
        .as_str()
        .expect("e")
        .contains("PNG"));
    let huge = d.error("huge.html");
    assert_eq!(huge["stage"], "read");
    assert!(huge["error"].as_str().expect("e").contains("--max-bytes"));

    // NUL bytes and invalid UTF-8.
    let a = d.article("nul.md");
    assert!(text(a).contains("Hello world."), "{}", text(a));
    assert_warns(a, "NUL");
    let a = d.article("invalid_utf8.md");
    assert!(text(a).contains("Señor"), "{}", text(a));
    assert_warns(a, "decoded as");

    // Encodings: BOM, meta charset, http-equiv, UTF-16 without BOM.
    let a = d.article("meta_1252.html");
    assert!(text(a).contains("café “quoted”"), "{}", text(a));
    assert_warns(a, "decoded as windows-1252 (declared");
    let a = d.article("http_equiv.html");
    assert!(text(a).contains("Señor"), "{}", text(a));
    assert_warns(a, "declared");
    for s in ["utf16le_bom.html", "utf16be_bom.md", "utf16le_no_bom.html"] {
        let a = d.article(s);
        assert!(text(a).contains("Restart the router"), "{s}: {}", text(a));
        assert_warns(a, "decoded as utf-16");
    }
    assert_warns(d.article("utf16le_bom.html"), "byte-order mark");
    assert_eq!(d.article("utf16be_bom.md")["title"], "UTF-16 post");
    let a = d.article("utf8_bom.md");
    assert_eq!(a["title"], "BOM post");
    assert!(warnings(a).is_empty(), "{:?}", warnings(a));
    let a = d.article("stale_meta_utf8.html");
    assert!(text(a).contains("Café – naïve résumé"), "{}", text(a));
    assert_warns(a, "valid UTF-8");

    // Front matter.
    assert_warns(d.article("fm_unterminated.md"), "not terminated");
    assert!(text(d.article("fm_unterminated.md")).contains("Restart the router"));
    assert_warns(d.article("fm_not_yaml.md"), "not valid YAML");
    assert_warns(d.article("fm_scalar.md"), "not a YAML mapping");
    assert_warns(d.article("fm_whole_file.md"), "no body");
    assert_eq!(d.article("fm_whole_file.md")["title"], "Only front matter");
    d.article("fm_only_fence.md");
    assert_warns(d.article("fm_deep.md"), "not valid YAML");
    assert!(text(d.article("fm_deep.md")).contains("Restart the router"));
    assert!(d.article("fm_huge_key.md")["title"]
        .as_str()
        .is_some_and(|t| t.len() == 200_000));

    // Unclosed comments and tags, truncated pages: the text survives.
    for s in [
        "unclosed_comment.html",
        "unclosed_comment.md",
        "unclosed_tags.html",
        "truncated.html",
        "truncated_entity.md",
    ] {
        let a = d.article(s);
        assert!(text(a).contains("Restart the router"), "{s}: {}", text(a));
    }
    assert_warns(
        d.article("unclosed_comment.html"),
        "unterminated HTML comment",
    );
    assert_warns(
        d.article("unclosed_comment.md"),
        "unterminated HTML comment",
    );
    d.article("lone_lt.html");

    // Depth: flattened with a warning, the text kept.
    for s in [
        "deep_div.html",
        "deep_unclosed.html",
        "deep_list.html",
        "deep_list.md",
        "deep_inline_html.md",
        "open_formatting.html",
    ] {
        assert_warns(d.article(s), "nested deeper than");
    }
    assert!(text(d.article("deep_div.html")).contains("deep text"));
    assert!(text(d.article("deep_unclosed.html")).contains("deep text"));
    assert!(text(d.article("deep_inline_html.md")).contains("deep"));
    assert!(text(d.article("deep_quote.md")).contains("quote"));
    for s in ["deep_list.html", "deep_list.md"] {
        let t = text(d.article(s));
        assert_eq!(
            t.matches("item").count(),
            3_000,
            "{s}: every item's words kept"
        );
        assert!(
            t.len() < 2_000_000,
            "{s}: indentation bounded, {} bytes",
            t.len()
        );
    }

    // Size: a 10 MB line, 50,000 links.
    assert_eq!(d.article("long_line.md")["word_count"], 2_000_000);
    // A page that is nothing but 50,000 links is a link list, not an
    // article: cleaning may keep the links or remove them, but a removal is
    // counted and the empty result says so.
    for s in ["links.html", "links.md"] {
        let a = d.article(s);
        let t = text(a);
        if !t.contains("[link 49999](https://example.com/p/49999)") {
            let removed: u64 = a["removed"]
                .as_object()
                .expect("removed")
                .values()
                .map(|v| v.as_u64().expect("count"))
                .sum();
            assert!(removed > 0, "{s}: links dropped without being counted");
            assert!(
                !a["warnings"].as_array().expect("warnings").is_empty(),
                "{s}"
            );
        }
    }

    // CRLF and CR line endings.
    let a = d.article("crlf.md");
    assert_eq!(a["title"], "CRLF post");
    assert_eq!(a["tags"], serde_json::json!(["windows"]));
    assert_eq!(a["steps"].as_array().expect("steps").len(), 2);
    assert!(!text(a).contains('\r'));
    let a = d.article("crlf.html");
    assert!(text(a).contains("Line one line two"), "{}", text(a));
    assert!(!text(a).contains('\r'));
    assert!(!text(d.article("cr_only.md")).contains('\r'));

    // Odd file names: kept verbatim as sources, nothing run by a shell.
    for name in ODD_NAMES {
        let a = d.article(&format!("odd/{name}"));
        assert!(text(a).contains("Restart the router"), "{name}");
    }
    assert!(!tmp.path().join("pwned").exists() && !tmp.path().join("in/odd/pwned").exists());
}

/// A file of tens of megabytes is processed; the same file over
/// `--max-bytes` is an error record at the read stage.
#[test]
fn tens_of_megabytes_and_max_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let para = format!("{BODY} {BODY} {BODY}\n\n");
    let big = para.repeat(20_000_000 / para.len());
    write(tmp.path(), "in/big.md", big.as_bytes());
    write(
        tmp.path(),
        "in/small.md",
        format!("# Small\n\n{BODY}\n").as_bytes(),
    );
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = Dataset::load(&tmp.path().join("out"));
    assert!(d.article("big.md")["word_count"].as_u64().expect("n") > 3_000_000);

    let o = run(
        &[
            "extract",
            "in",
            "-o",
            "out2",
            "-q",
            "--max-bytes",
            "1000000",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let d = Dataset::load(&tmp.path().join("out2"));
    let e = d.error("big.md");
    assert_eq!(e["stage"], "read");
    assert!(e["error"]
        .as_str()
        .expect("e")
        .contains("over the limit of 1000000"));
    d.article("small.md");
    assert_eq!(d.manifest["options"]["max_bytes"], 1_000_000);
}

/// `text` is Markdown that a knowledge base will render: no scripts, no
/// event handlers, no `javascript:` links, from Markdown or inline HTML.
#[test]
fn no_script_handler_or_javascript_url_reaches_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let md = format!(
        "# Post\n\n{BODY}\n\nClick [a](javascript:alert(1)), [b](JaVaScRiPt:alert(2)), [c]( javascript:alert(3)), [d](vbscript:msgbox(4)), [e](data:text/html,<script>alert(5)</script>), [f][ref] and <javascript:alert(7)>.\n\n[ref]: javascript:alert(6)\n\n<script>alert('md')</script>\n\n<p onclick=\"alert(8)\" onmouseover=alert(9)>Paragraph with handlers.</p>\n\n<a href=\"javascript:alert(10)\" onclick=\"x()\">inline html link</a>\n\n<img src=x onerror=alert(11)>\n\n<svg onload=alert(12)><script>alert(13)</script></svg>\n\n<iframe src=\"javascript:alert(14)\"></iframe>\n\n<style>p {{ background: url(javascript:alert(15)) }}</style>\n\n<form action=\"javascript:alert(16)\"><button formaction=\"javascript:alert(17)\">go</button></form>\n"
    );
    write(tmp.path(), "in/post.md", md.as_bytes());
    let html = format!(
        "<html><head><script>alert(1)</script></head><body onload=\"alert(2)\"><article><h1 onclick=\"alert(3)\">Page</h1><p>{BODY} <a href=\"javascript:alert(4)\">js</a> <a href=\"  JAVASCRIPT:alert(5)\">js</a> <a href=\"jav&#x61;script:alert(6)\">js</a> <a href=\"&#106;avascript:alert(7)\">js</a> <span onclick=\"alert(8)\">clicky</span> <a href=\"vbscript:x\">vb</a> <a href=\"data:text/html;base64,PHNjcmlwdD4=\">data</a></p><script>alert(9)</script><noscript><img src=x onerror=alert(10)></noscript><img src=\"javascript:alert(11)\" alt=\"pic\"><object data=\"javascript:alert(12)\"></object><embed src=\"javascript:alert(13)\"><math><mtext><script>alert(14)</script></mtext></math><template><script>alert(15)</script></template></article></body></html>"
    );
    write(tmp.path(), "in/page.html", html.as_bytes());
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let d = Dataset::load(&tmp.path().join("out"));
    for s in ["post.md", "page.html"] {
        let t = text(d.article(s));
        assert!(t.contains("Restart the router"), "{s}: {t}");
        assert_no_active_content(s, t);
    }
}

/// Fails on raw `<script`, event-handler attributes, or links and images
/// whose destination is a `javascript:`/`vbscript:`/`data:` URL (after the
/// tab/newline stripping and case folding that browsers do).
#[track_caller]
fn assert_no_active_content(source: &str, t: &str) {
    let outside_code = strip_code(t);
    let lower = outside_code.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{source}: raw <script in {t:?}");
    assert!(!lower.contains("<iframe"), "{source}: raw <iframe in {t:?}");
    for (i, _) in lower.match_indices("on") {
        // `on<letters>=` inside something that looks like a tag.
        let rest = &lower[i + 2..];
        let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
            let before = &lower[..i];
            let in_tag = before
                .rfind('<')
                .is_some_and(|lt| !before[lt..].contains('>'));
            assert!(!in_tag, "{source}: event handler in {t:?}");
        }
    }
    for (i, _) in outside_code.match_indices("](") {
        let dest: String = outside_code[i + 2..]
            .chars()
            .take_while(|&c| c != ')')
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .trim_start_matches(|c: char| c <= ' ')
            .to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:"] {
            assert!(
                !dest.starts_with(scheme),
                "{source}: {scheme} link in {t:?}"
            );
        }
    }
}

/// Text without fenced code blocks and inline code spans, which render
/// literally.
fn strip_code(t: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in t.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Text that was escaped in the source (`&lt;script&gt;`) is still text;
/// written into Markdown unescaped it becomes a live tag, and a tab inside
/// `java\tscript:` is stripped by browsers' URL parsers.
#[test]

fn escaped_markup_and_obfuscated_schemes_stay_inert() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "in/a.md",
        format!("# Post\n\n{BODY}\n\nText with &lt;script&gt;alert(1)&lt;/script&gt; escaped, and &lt;img src=x onerror=alert(2)&gt;.\n\n[t](java&#x09;script:alert(3))\n").as_bytes(),
    );
    write(
        tmp.path(),
        "in/b.html",
        format!("<html><body><article><p>{BODY}</p><p>&lt;script&gt;alert(4)&lt;/script&gt;</p><p><a href=\"java&#9;script:alert(5)\">js</a> <a href=\"&#1;javascript:alert(6)\">js</a></p></article></body></html>").as_bytes(),
    );
    write(
        tmp.path(),
        "in/c.html",
        format!("<html><body><article><p>{BODY}</p><img src=\"javascript:alert(7)\" alt=\"pic\"><img src=\"x\" alt=\"](javascript:alert(8))\"></article></body></html>").as_bytes(),
    );
    // --images keeps article images as Markdown images: their sources too
    // must not be scripts.
    let o = run(
        &["extract", "in", "-o", "out", "-q", "--images"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let d = Dataset::load(&tmp.path().join("out"));
    for s in ["a.md", "b.html", "c.html"] {
        assert_no_active_content(s, text(d.article(s)));
    }
}

/// Spreadsheet formulas in any text cell are neutralised with a leading
/// `'` (OWASP CSV injection), in every table.
#[test]
fn csv_cells_cannot_start_a_formula() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let md = "---\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\ndate: \"+1+1\"\nlang: \"@SUM(A1)\"\n---\n\n## Fix 1: =cmd|' /C calc'!A0\n\n1. -2+3 formula step\n2. @SUM(A1:A2) step\n\n## Fix 2: Second\n\nOpen **=Settings > +Wi-Fi > -Advanced** now.\n";
    write(tmp.path(), "in/=evil.md", md.as_bytes());
    write(
        tmp.path(),
        "in/tab.html",
        b"<html><head><title>\tTabbed title</title></head><body><article><h1>\rCR title</h1><p>Words words words words words words.</p></article></body></html>",
    );
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let out = tmp.path().join("out");
    for table in [
        "articles.csv",
        "steps.csv",
        "substeps.csv",
        "settings_paths.csv",
        "settings_index.csv",
    ] {
        let mut r = csv::Reader::from_path(out.join(table)).expect("csv");
        for rec in r.records() {
            let rec = rec.expect("RFC 4180 record");
            for cell in rec.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{table}: formula cell {cell:?}"
                );
            }
        }
    }
    let articles = std::fs::read_to_string(out.join("articles.csv")).expect("csv");
    assert!(articles.contains("'=evil.md"), "{articles}");
    assert!(articles.contains("'=HYPERLINK"), "{articles}");
    // JSON keeps the values as they are: neutralising is for spreadsheets.
    let d = Dataset::load(&out);
    assert_eq!(
        d.article("=evil.md")["title"],
        "=HYPERLINK(\"http://evil.example\",\"x\")"
    );
}

/// Inputs on which the pipeline takes time quadratic in their size. Each
/// finishes in well under a second once fixed; the watchdog turns today's
/// minutes into a failure.
#[test]
fn no_quadratic_time_on_many_links_steps_or_paths() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let aff: String = (0..20_000)
        .map(|i| {
            format!(
                "Words before the link <a href=\"https://x.pxf.io/c/{i}\">buy it</a> and after. "
            )
        })
        .collect();
    write(
        tmp.path(),
        "in/affiliate_links.html",
        format!("<html><body><p>{aff}</p></body></html>").as_bytes(),
    );
    let paths: String = (1..=20_000)
        .map(|i| format!("{i}. Open **Settings > Item{i} > Sub{i}**.\n"))
        .collect();
    write(tmp.path(), "in/paths.md", paths.as_bytes());
    let fixes: String = (1..=20_000)
        .map(|i| format!("## Fix {i}: Do thing {i}\n\nOpen Settings > A{i} > B{i}.\n\n"))
        .collect();
    write(tmp.path(), "in/fixes.md", fixes.as_bytes());
    let nested: String = (0..30_000).map(|_| "<div><a href=\"/x\">a</a>").collect();
    write(
        tmp.path(),
        "in/nested_divs.html",
        format!("<html><body>{nested}</body></html>").as_bytes(),
    );
    let o = run_with_limit(
        &["extract", "in", "-o", "out", "-q", "-j", "1"],
        tmp.path(),
        Duration::from_secs(20),
    );
    assert_eq!(o.status.code(), Some(0));
}

/// Kill -9 at random moments: the output folder is always either the
/// previous complete dataset or a complete new one, never a mix or a
/// truncated file.
#[test]
fn kill_9_never_leaves_a_half_written_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let article = |i: usize| {
        let mut s = format!("---\ntitle: Article {i}\n---\n\n## Fix 1: Restart {i}\n\nOpen **Settings > Network > Item {i}**.\n\n");
        for k in 0..60 {
            s.push_str(&format!("Paragraph {k} of article {i}. {BODY}\n\n"));
        }
        s
    };
    for i in 0..150 {
        write(tmp.path(), &format!("a/{i:04}.md"), article(i).as_bytes());
    }
    for i in 0..400 {
        write(
            tmp.path(),
            &format!("b/{i:04}.md"),
            article(i + 1000).as_bytes(),
        );
    }
    write(tmp.path(), "out/.gitkeep", b"");
    // The old dataset.
    let o = run(&["extract", "a", "-o", "out", "-q", "-j", "2"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let out = tmp.path().join("out");
    let mut old = snapshot(&out);
    assert_complete(&out, 150);
    // How long a full new run takes, to spread the kills over it.
    let t = Instant::now();
    let o = run(
        &["extract", "b", "-o", "timing", "-q", "-j", "2"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let full = t.elapsed();

    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
        | 1;
    let mut became_new = 0;
    for k in 0..8 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Moments spread over the run, and a little past its end.
        let frac = (seed % 1000) as f64 / 1000.0 * 1.1;
        let delay = full.mul_f64(frac);
        let mut child = bin()
            .args(["extract", "b", "-o", "out", "-q", "-j", "2"])
            .current_dir(tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&out);
        if now == old {
            continue;
        }
        // Not the old one: it must be the complete new one.
        assert_complete(&out, 400);
        assert!(out.join(".gitkeep").exists(), "kill {k}: user file kept");
        became_new += 1;
        old = now;
    }
    // Whatever happened, a final run completes and cleans up after the
    // killed ones.
    let o = run(&["extract", "b", "-o", "out", "-q", "-j", "2"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    assert_complete(&out, 400);
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
    eprintln!("kill test: {became_new} kill(s) landed after the swap; full run {full:?}");
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("output folder exists")
        .flatten()
        .map(|e| (e.path(), std::fs::read(e.path()).expect("read")))
        .collect()
}

/// The dataset in `out` is whole: manifest counts match the files' lines
/// and every line parses.
#[track_caller]
fn assert_complete(out: &Path, inputs: u64) {
    let d = Dataset::load(out);
    let counts = &d.manifest["counts"];
    assert_eq!(counts["inputs"].as_u64(), Some(inputs));
    assert_eq!(counts["articles"].as_u64(), Some(d.articles.len() as u64));
    assert_eq!(counts["errors"].as_u64(), Some(d.errors.len() as u64));
    assert_eq!((d.articles.len() + d.errors.len()) as u64, inputs);
    let mut rows = 0;
    for r in csv::Reader::from_path(out.join("articles.csv"))
        .expect("csv")
        .records()
    {
        r.expect("whole record");
        rows += 1;
    }
    assert_eq!(rows, d.articles.len());
}
