//! Container inputs, streaming, shards and merge, through the real CLI on
//! inputs generated here.

mod common;

use common::{bin, read_jsonl, run};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn page(i: usize) -> String {
    format!(
        "<html><head><title>Fix Error {i} on Windows</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/x\">Other</a></nav>\
         <article><h1>Fix Error {i} on Windows</h1><p>Error {i} appears when the update service stops. This guide shows two fixes that work.</p>\
         <h2>Fix 1: Restart the service</h2><p>Open <b>Control Panel</b> &gt; <b>Administrative Tools</b> &gt; <b>Services</b> and restart it.</p>\
         <h2>Fix 2: Run the troubleshooter</h2><p>Go to <b>Settings > System > Troubleshoot</b> and run the update troubleshooter.</p>\
         <ins class=\"adsbygoogle\" data-ad-slot=\"1\"></ins></article><footer>Copyright</footer></body></html>"
    )
}

fn post(i: usize) -> String {
    format!("---\ntitle: Reset Widget {i}\n---\n\nThe widget {i} sometimes freezes and needs a reset before it works again.\n\n1. Open **Settings > Widgets**.\n2. Tap **Reset**.\n")
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

/// A WARC response record around an HTTP response.
fn warc_record(id: usize, uri: &str, content_type: &str, body: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn warcinfo() -> Vec<u8> {
    let body = "software: test\r\n";
    format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:99999999-0000-0000-0000-000000000000>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
    .into_bytes()
}

#[test]
fn gzip_documents_read_like_plain_ones() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::create_dir_all(d.join("plain")).expect("mkdir");
    std::fs::create_dir_all(d.join("gz")).expect("mkdir");
    std::fs::write(d.join("plain/a.html"), page(1)).expect("w");
    std::fs::write(d.join("plain/b.md"), post(1)).expect("w");
    std::fs::write(d.join("gz/a.html.gz"), gz(page(1).as_bytes())).expect("w");
    std::fs::write(d.join("gz/b.md.gz"), gz(post(1).as_bytes())).expect("w");
    assert_eq!(
        run(&["extract", "plain", "-o", "o1", "-q"], d)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["extract", "gz", "-o", "o2", "-q"], d).status.code(),
        Some(0)
    );
    let (a, b) = (
        read_jsonl(&d.join("o1/articles.jsonl")),
        read_jsonl(&d.join("o2/articles.jsonl")),
    );
    assert_eq!(a.len(), 2);
    assert_eq!(b.len(), 2);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["content_hash"], y["content_hash"]);
        assert_eq!(x["steps"], y["steps"]);
    }
    assert_eq!(b[0]["source"], "a.html.gz");
}

#[test]
fn jsonl_records_are_articles_with_line_sources_and_stable_ids() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    let lines = [
        serde_json::json!({"id": "kb-1", "url": "https://e.test/1", "html": page(1)}).to_string(),
        serde_json::json!({"url": "https://e.test/2", "markdown": post(2), "tags": ["widgets"]})
            .to_string(),
        String::new(),
        "{broken json".to_string(),
        serde_json::json!({"content": post(3)}).to_string(),
        serde_json::json!({"url": "https://e.test/nopage"}).to_string(),
    ];
    std::fs::write(d.join("dump.jsonl"), lines.join("\n") + "\n").expect("w");
    std::fs::write(
        d.join("dump2.jsonl.gz"),
        gz((lines.join("\n") + "\n").as_bytes()),
    )
    .expect("w");
    let o = run(
        &["extract", "dump.jsonl", "dump2.jsonl.gz", "-o", "out", "-q"],
        d,
    );
    assert_eq!(o.status.code(), Some(1), "two bad records per dump");
    let arts = read_jsonl(&d.join("out/articles.jsonl"));
    let errs = read_jsonl(&d.join("out/errors.jsonl"));
    assert_eq!(arts.len(), 6);
    assert_eq!(errs.len(), 4);
    assert_eq!(arts[0]["source"], "dump.jsonl#1");
    assert_eq!(arts[0]["id"], "kb-1");
    assert_eq!(arts[1]["url"], "https://e.test/2");
    assert_eq!(arts[1]["tags"], serde_json::json!(["widgets"]));
    assert_eq!(arts[2]["source"], "dump.jsonl#5");
    assert_eq!(errs[0]["source"], "dump.jsonl#4");
    assert_eq!(errs[1]["source"], "dump.jsonl#6");
    assert!(errs[1]["error"].as_str().expect("e").contains("no page"));
    // The same record gets the same id in either container.
    assert_eq!(arts[0]["id"], arts[3]["id"]);
    assert_eq!(arts[1]["id"], arts[4]["id"]);
    assert_eq!(arts[3]["source"], "dump2.jsonl.gz#1");
}

#[test]
fn warc_html_responses_are_articles() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    let mut w = warcinfo();
    w.extend(warc_record(
        1,
        "https://e.test/one",
        "text/html; charset=utf-8",
        &page(1),
    ));
    w.extend(warc_record(
        2,
        "https://e.test/logo.png",
        "image/png",
        "PNGDATA",
    ));
    w.extend(warc_record(3, "https://e.test/two", "text/html", &page(2)));
    std::fs::write(d.join("crawl.warc"), &w).expect("w");
    // Common Crawl style: one gzip member per record.
    let mut g = Vec::new();
    for rec in [
        warcinfo(),
        warc_record(1, "https://e.test/one", "text/html", &page(1)),
        warc_record(3, "https://e.test/two", "text/html", &page(2)),
    ] {
        g.extend(gz(&rec));
    }
    std::fs::write(d.join("crawl2.warc.gz"), &g).expect("w");
    std::fs::create_dir(d.join("pages")).expect("mkdir");
    std::fs::write(d.join("pages/1.html"), page(1)).expect("w");
    std::fs::write(d.join("pages/2.html"), page(2)).expect("w");
    assert_eq!(
        run(
            &["extract", "crawl.warc", "crawl2.warc.gz", "-o", "out", "-q"],
            d
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        run(&["extract", "pages", "-o", "plain", "-q"], d)
            .status
            .code(),
        Some(0)
    );
    let arts = read_jsonl(&d.join("out/articles.jsonl"));
    let plain = read_jsonl(&d.join("plain/articles.jsonl"));
    assert_eq!(arts.len(), 4, "the image response is not an article");
    assert_eq!(
        arts[0]["source"],
        "crawl.warc#urn:uuid:00000000-0000-0000-0000-000000000001"
    );
    assert_eq!(arts[0]["url"], "https://e.test/one");
    assert_eq!(arts[0]["id"], arts[2]["id"], "same URL, same id");
    for (i, p) in plain.iter().enumerate() {
        assert_eq!(arts[i]["content_hash"], p["content_hash"]);
        assert_eq!(arts[i]["settings_paths"], p["settings_paths"]);
        assert_eq!(arts[i]["steps"], p["steps"]);
    }
}

#[test]
fn truncated_container_is_reported_not_lost() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    let full = gz((0..50)
        .map(|i| serde_json::json!({"html": page(i)}).to_string() + "\n")
        .collect::<String>()
        .as_bytes());
    std::fs::write(d.join("cut.jsonl.gz"), &full[..full.len() / 2]).expect("w");
    let o = run(&["extract", "cut.jsonl.gz", "-o", "out", "-q"], d);
    assert_eq!(o.status.code(), Some(1));
    let errs = read_jsonl(&d.join("out/errors.jsonl"));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0]["error"].as_str().expect("e").contains("breaks off"),
        "{}",
        errs[0]
    );
}

#[test]
fn stdin_to_stdout_works_as_a_filter() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = [
        serde_json::json!({"url": "https://e.test/1", "html": page(1)}).to_string(),
        serde_json::json!({"markdown": post(2)}).to_string(),
        "not json".to_string(),
    ]
    .join("\n");
    let mut child = bin()
        .args(["extract", "-", "--stdout"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    let out: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let err: Vec<Value> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json error line"))
        .collect();
    assert_eq!(out.len(), 2);
    assert_eq!(
        err.len(),
        1,
        "only JSON error lines on stderr (--stdout implies -q)"
    );
    assert_eq!(out[0]["source"], "stdin#1");
    assert_eq!(err[0]["source"], "stdin#3");
    assert!(
        !tmp.path().join("output").exists(),
        "no output folder in --stdout mode"
    );
    // Without id or url, the id comes from the content: stable across runs
    // and across the line it arrives on.
    let again = bin()
        .args(["extract", "-", "--stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            let line = serde_json::json!({"markdown": post(2)}).to_string();
            c.stdin
                .take()
                .expect("stdin")
                .write_all(format!("\n\n{line}\n").as_bytes())?;
            c.wait_with_output()
        })
        .expect("run");
    let v: Value =
        serde_json::from_str(String::from_utf8_lossy(&again.stdout).trim()).expect("json");
    assert_eq!(v["id"], out[1]["id"]);
    assert_eq!(v["source"], "stdin#3");
}

fn dataset(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = [
        "articles.jsonl",
        "errors.jsonl",
        "articles.csv",
        "steps.csv",
        "substeps.csv",
        "settings_paths.csv",
        "settings_index.csv",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            std::fs::read(dir.join(f)).expect("dataset file"),
        )
    })
    .collect();
    v.sort();
    v
}

#[test]
fn shards_merge_into_the_single_run_dataset() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::create_dir(d.join("in")).expect("mkdir");
    for i in 0..7 {
        std::fs::write(d.join(format!("in/p{i}.html")), page(i)).expect("w");
        std::fs::write(d.join(format!("in/m{i}.md")), post(i)).expect("w");
    }
    std::fs::write(
        d.join("in/bad.html"),
        (0..2000u32)
            .map(|i| (i * 37 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .expect("w");
    let recs: String = (0..5)
        .map(|i| {
            serde_json::json!({"url": format!("https://e.test/{i}"), "html": page(i)}).to_string()
                + "\n"
        })
        .collect();
    std::fs::write(d.join("in/zz.jsonl"), recs).expect("w");
    assert_eq!(
        run(&["extract", "in", "-o", "single", "-q"], d)
            .status
            .code(),
        Some(1)
    );
    for k in 1..=3 {
        let o = run(
            &[
                "extract",
                "in",
                "-o",
                "sharded",
                "-q",
                "--shard",
                &format!("{k}/3"),
            ],
            d,
        );
        assert!(matches!(o.status.code(), Some(0 | 1)));
        assert!(d.join(format!("sharded/part-{k}-of-3/_SUCCESS")).exists());
    }
    // A part that is complete is skipped with --resume.
    let before = std::fs::metadata(d.join("sharded/part-2-of-3/articles.jsonl"))
        .expect("m")
        .modified()
        .expect("t");
    let o = run(
        &[
            "extract", "in", "-o", "sharded", "--shard", "2/3", "--resume",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already complete"));
    let after = std::fs::metadata(d.join("sharded/part-2-of-3/articles.jsonl"))
        .expect("m")
        .modified()
        .expect("t");
    assert_eq!(before, after);
    // Parts are disjoint and cover everything.
    let total: usize = (1..=3)
        .map(|k| read_jsonl(&d.join(format!("sharded/part-{k}-of-3/articles.jsonl"))).len())
        .sum();
    assert_eq!(total, read_jsonl(&d.join("single/articles.jsonl")).len());
    let o = run(&["merge", "sharded", "-q"], d);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the merged dataset has an error record"
    );
    assert_eq!(dataset(&d.join("single")), dataset(&d.join("sharded")));
    let m: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("sharded/manifest.json")).expect("m"))
            .expect("json");
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("single/manifest.json")).expect("m"))
            .expect("json");
    assert_eq!(m["counts"], s["counts"]);
}

#[test]
fn merge_refuses_incomplete_parts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::create_dir(d.join("in")).expect("mkdir");
    for i in 0..4 {
        std::fs::write(d.join(format!("in/p{i}.html")), page(i)).expect("w");
    }
    assert_eq!(
        run(&["extract", "in", "-o", "out", "-q", "--shard", "1/2"], d)
            .status
            .code(),
        Some(0)
    );
    let o = run(&["merge", "out"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("part 2 of 2 is missing"));
    let o = run(&["extract", "-", "--shard", "1/2", "-o", "x"], d);
    assert_eq!(o.status.code(), Some(2), "stdin cannot be sharded");
}
