//! End-to-end tests: the real `howtokb` binary on hand-written fixtures in a
//! temporary folder, asserting on the dataset a user would load.

mod common;

use common::{bin, read_jsonl, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(p, content).expect("write fixture");
}

const POST: &str = "---\ntitle: Fix Bluetooth Pairing on Android\ndate: 2024-01-02\ntags:\n  - android\n---\n\n## Fix Bluetooth Pairing on Android\n\nPairing fails more often than it should, and the fix is usually quick.\n\n<!-- affiliate ads begin -->\n<a href=\"https://deal.sjv.io/c/1/2/3\"><img src=\"//a.impactradius-go.com/display-ad/1-2\" width=\"600\" height=\"300\"></a>\n<!-- affiliate ads end -->\n\n### Fix 1: Restart Bluetooth\n\nOpen **Settings > Connected devices > Connection preferences** and turn Bluetooth off and on.\n\n### Fix 2: Forget the Device\n\nRemove the device from the list, then pair it again.\n\n<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-1\" data-ad-slot=\"2\"></ins>\n\n<span>Also read:</span>\n<ul>\n<li><a href=\"https://one.farm.example/a-b-c-d/\">Ten Weird Tricks Nobody Tells You About Cats</a></li>\n<li><a href=\"https://two.farm.example/e-f-g-h/\">The Best Budget Drones of the Year Ranked</a></li>\n<li><a href=\"https://three.farm.example/i-j-k/\">How to Cook Rice Perfectly Every Single Time</a></li>\n</ul>\n";

#[test]
fn samples_in_input_give_a_clean_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let input = repo().join("input");
    let o = run(
        &[
            "extract",
            input.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
            "-q",
        ],
        tmp.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let articles = read_jsonl(&out.join("articles.jsonl"));
    let n_inputs = std::fs::read_dir(&input)
        .expect("input/")
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "html")
        })
        .count();
    assert_eq!(articles.len(), n_inputs);
    for a in &articles {
        let text = a["text"].as_str().expect("text");
        for junk in [
            "Also read",
            "adsbygoogle",
            "sjv.io",
            "pxf.io",
            "AFFILIATE=",
            "<script",
            "Share on",
        ] {
            assert!(!text.contains(junk), "{junk:?} left in {}", a["source"]);
        }
        assert!(a["word_count"].as_u64().expect("count") > 50);
        let removed = a["removed"].as_object().expect("removed");
        assert_eq!(removed.len(), 6, "fixed removed keys");
    }
    assert!(articles
        .iter()
        .any(|a| a["steps"].as_array().is_some_and(|s| s.len() >= 3)));
    assert!(articles
        .iter()
        .any(|a| !a["settings_paths"].as_array().expect("paths").is_empty()));
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    assert_eq!(
        manifest["counts"]["articles"].as_u64(),
        Some(n_inputs as u64)
    );
    assert_eq!(manifest["counts"]["errors"].as_u64(), Some(0));
}

#[test]
fn csv_tables_have_the_contract_headers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/post.md", POST.as_bytes());
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let header = |f: &str| {
        std::fs::read_to_string(tmp.path().join("out").join(f))
            .expect("csv")
            .lines()
            .next()
            .expect("header")
            .to_string()
    };
    assert_eq!(header("articles.csv"), "id,source,url,title,date,updated,language,word_count,n_steps,n_settings_paths,content_hash");
    assert_eq!(
        header("steps.csv"),
        "article_id,index,title,text,n_substeps"
    );
    assert_eq!(header("substeps.csv"), "article_id,step_index,index,text");
    assert_eq!(
        header("settings_paths.csv"),
        "article_id,position,path,depth,root,step"
    );
    let paths = std::fs::read_to_string(tmp.path().join("out/settings_paths.csv")).expect("csv");
    assert!(
        paths.contains("Settings > Connected devices > Connection preferences"),
        "{paths}"
    );
}

#[test]
fn post_is_cleaned_and_extracted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/post.md", POST.as_bytes());
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let a = &read_jsonl(&tmp.path().join("out/articles.jsonl"))[0];
    assert_eq!(a["source"], "post.md");
    assert_eq!(a["title"], "Fix Bluetooth Pairing on Android");
    assert_eq!(a["kind"], "howto");
    let text = a["text"].as_str().expect("text");
    assert!(text.contains("Pairing fails more often than it should"));
    assert!(text.contains("Remove the device from the list, then pair it again."));
    assert!(
        !text.contains("Cook Rice") && !text.contains("Also read"),
        "{text}"
    );
    let steps: Vec<&str> = a["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["title"].as_str().expect("title"))
        .collect();
    assert_eq!(
        steps,
        ["Fix 1: Restart Bluetooth", "Fix 2: Forget the Device"]
    );
    assert_eq!(
        a["settings_paths"][0]["segments"],
        serde_json::json!(["Settings", "Connected devices", "Connection preferences"])
    );
    assert_eq!(a["settings_paths"][0]["step"], 1);
    assert_eq!(a["removed"]["link_farm_links"], 3);
    assert!(a["removed"]["ad_blocks"].as_u64().expect("n") >= 2);
}

#[test]
fn bad_inputs_are_error_records_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/good.md", POST.as_bytes());
    let binary: Vec<u8> = (0..1500u32).map(|i| (i * 31 % 256) as u8).collect();
    write(tmp.path(), "in/garbage.html", &binary);
    write(tmp.path(), "in/notes.tsv", b"a\tb\n");
    write(tmp.path(), "in/big.md", &vec![b'a'; 3000]);
    let o = run(
        &["extract", "in", "-o", "out", "-q", "--max-bytes", "2000"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1), "some inputs failed");
    let articles = read_jsonl(&tmp.path().join("out/articles.jsonl"));
    let errors = read_jsonl(&tmp.path().join("out/errors.jsonl"));
    assert_eq!(articles.len(), 1);
    assert_eq!(errors.len(), 2);
    let by_source = |s: &str| {
        errors
            .iter()
            .find(|e| e["source"] == s)
            .expect("error record")
    };
    assert_eq!(by_source("garbage.html")["stage"], "decode");
    assert_eq!(by_source("big.md")["stage"], "read");
    assert!(by_source("big.md")["error"]
        .as_str()
        .expect("msg")
        .contains("--max-bytes"));
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/manifest.json")).expect("m"),
    )
    .expect("json");
    assert_eq!(manifest["counts"]["skipped"], 1);
}

#[test]
fn empty_and_placeholder_bodies_are_articles_with_warnings() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/empty.md", b"");
    write(
        tmp.path(),
        "in/placeholder.md",
        b"---\ntitle: T\n---\n{{post-main-content}}\n",
    );
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let articles = read_jsonl(&tmp.path().join("out/articles.jsonl"));
    assert_eq!(articles.len(), 2);
    let empty = articles
        .iter()
        .find(|a| a["source"] == "empty.md")
        .expect("empty");
    assert_eq!(empty["text"], "");
    assert!(!empty["warnings"].as_array().expect("w").is_empty());
}

#[test]
fn unterminated_comment_does_not_swallow_the_article() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let md = "Intro paragraph of the fix.\n\n<!-- affiliate ads begin -->\n<a href=\"https://x.pxf.io/c/1/2/3\"><img src=\"b.png\"></a>\n\nRestart the router and wait two minutes.\n\n## Fix 2\n\nUpdate the firmware from the admin page.\n";
    write(tmp.path(), "in/a.md", md.as_bytes());
    write(tmp.path(), "in/b.html", b"<html><body><article><p>First paragraph of the article text here.</p><!-- oops <p>Second paragraph survives the unclosed comment.</p></article></body></html>");
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let articles = read_jsonl(&tmp.path().join("out/articles.jsonl"));
    let a = articles.iter().find(|a| a["source"] == "a.md").expect("a");
    let text = a["text"].as_str().expect("text");
    assert!(
        text.contains("Restart the router and wait two minutes."),
        "{text}"
    );
    assert!(text.contains("Update the firmware"), "{text}");
    assert!(!text.contains("b.png"));
    let b = articles
        .iter()
        .find(|a| a["source"] == "b.html")
        .expect("b");
    assert!(
        b["text"]
            .as_str()
            .expect("t")
            .contains("Second paragraph survives"),
        "{}",
        b["text"]
    );
}

fn dataset_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.json")
        .map(|n| {
            let b = std::fs::read(dir.join(&n)).expect("read");
            (n, b)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for i in 0..40 {
        write(
            tmp.path(),
            &format!("in/d{i:02}/post.md"),
            POST.replace("Bluetooth", &format!("Bluetooth {i}"))
                .as_bytes(),
        );
    }
    for j in ["1", "2", "4"] {
        let o = run(
            &["extract", "in", "-o", &format!("out{j}"), "-q", "-j", j],
            tmp.path(),
        );
        assert_eq!(o.status.code(), Some(0));
    }
    let one = dataset_files(&tmp.path().join("out1"));
    assert_eq!(one.len(), 8, "seven dataset files and the _SUCCESS marker");
    assert_eq!(one, dataset_files(&tmp.path().join("out2")));
    assert_eq!(one, dataset_files(&tmp.path().join("out4")));
}

#[test]
fn rerun_replaces_the_dataset_and_keeps_other_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/a.md", POST.as_bytes());
    write(tmp.path(), "out/.gitkeep", b"");
    write(
        tmp.path(),
        "out/articles.jsonl",
        b"stale line from another run\n",
    );
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(tmp.path().join("out/.gitkeep").exists());
    let articles = read_jsonl(&tmp.path().join("out/articles.jsonl"));
    assert_eq!(articles.len(), 1);
    let siblings: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        2,
        "no staging folder left behind: {siblings:?}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(
        &["extract", "no-such-folder", "-o", "out", "-q"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-folder"));
    let o = run(&["extract", "-j", "0"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_documents_every_option_and_exit_codes() {
    let o = bin().args(["extract", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&o.stdout);
    for opt in [
        "--output",
        "--jobs",
        "--quiet",
        "--max-bytes",
        "--images",
        "--audit",
        "--rules",
        "Exit status",
    ] {
        assert!(help.contains(opt), "{opt} missing from help");
    }
}

#[test]
fn audit_lists_what_was_removed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "in/a.md", POST.as_bytes());
    let o = run(&["extract", "in", "-o", "out", "-q", "--audit"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let audit = read_jsonl(&tmp.path().join("out/removed.jsonl"));
    let items = audit[0]["removed"].as_array().expect("items");
    assert!(items
        .iter()
        .any(|i| i["kind"] == "link_farm" && i["text"].as_str().expect("t").contains("Cook Rice")));
    assert!(items
        .iter()
        .all(|i| !i["rule"].as_str().expect("rule").is_empty()));
}

/// The real dev corpus: every input is accounted for, and no affiliate
/// marker, ad-network URL or "Also read" list survives in `text`.
#[test]
fn dev_corpus_is_accounted_for_and_clean() {
    let corpus = repo().join("../shared/corpus/dev");
    if !corpus.is_dir() {
        eprintln!("skipping: {} is absent", corpus.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = run(
        &[
            "extract",
            corpus.to_str().expect("utf8"),
            "-o",
            out.to_str().expect("utf8"),
            "-q",
        ],
        tmp.path(),
    );
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1));
    let articles = read_jsonl(&out.join("articles.jsonl"));
    let errors = read_jsonl(&out.join("errors.jsonl"));
    let mut expected: Vec<String> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".html"))
        .collect();
    expected.sort();
    let mut got: Vec<String> = articles
        .iter()
        .chain(&errors)
        .map(|r| r["source"].as_str().expect("source").to_string())
        .collect();
    got.sort();
    assert_eq!(
        got, expected,
        "every input is in articles.jsonl or errors.jsonl"
    );
    for a in &articles {
        let text = a["text"].as_str().expect("text");
        for junk in [
            "affiliate ads",
            "adsbygoogle",
            "sjv.io",
            "pxf.io",
            "impactradius",
            "AFFILIATE=",
            "Also read:",
        ] {
            assert!(!text.contains(junk), "{junk:?} survives in {}", a["source"]);
        }
    }
}

#[test]
fn legacy_encodings_are_decoded_and_recorded() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 printer</title></head><body><article><p>The caf\xe9 printer shows \x93offline\x94 after every restart of the router.</p></article></body></html>".to_vec();
    write(tmp.path(), "in/legacy.html", &page);
    write(
        tmp.path(),
        "in/plain.md",
        b"Plain text article about a printer that is offline again.",
    );
    let o = run(&["extract", "in", "-o", "out", "-q"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let articles = read_jsonl(&tmp.path().join("out/articles.jsonl"));
    let legacy = articles
        .iter()
        .find(|a| a["source"] == "legacy.html")
        .expect("legacy");
    assert_eq!(legacy["encoding"], "windows-1252");
    assert!(legacy["text"]
        .as_str()
        .expect("text")
        .contains("caf\u{e9} printer shows \u{201c}offline\u{201d}"));
    let plain = articles
        .iter()
        .find(|a| a["source"] == "plain.md")
        .expect("plain");
    assert_eq!(plain["encoding"], "utf-8");
}
