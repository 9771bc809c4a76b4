//! howtokb under a real distributed engine: Apache Spark in local mode runs
//! it through `RDD.pipe()` over a JSONL dump split into partitions, and its
//! records must equal the single-process run's (by `id` and `content_hash`).
//!
//! Needs Python with pyspark and a Java runtime. `.ci/run` installs pyspark
//! into a virtualenv and sets `HOWTOKB_SPARK_PYTHON` and
//! `HOWTOKB_REQUIRE_SPARK=1`; elsewhere the test is skipped with a message
//! when pyspark is not importable.

use std::path::{Path, PathBuf};
use std::process::Command;

fn python_with_pyspark() -> Option<String> {
    let candidates = std::env::var("HOWTOKB_SPARK_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_string()]);
    for py in candidates {
        let ok = Command::new(&py)
            .args(["-c", "import pyspark"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(py);
        }
    }
    None
}

fn page(i: usize) -> String {
    format!(
        "<html><head><title>Printer error {i}</title></head><body><nav><a href=\"/\">Home</a></nav><article>\
         <h1>Printer error {i}</h1><p>The printer shows error {i} after a paper jam; these fixes clear it for good.</p>\
         <h2>Fix 1: Clear the queue</h2><p>Open <b>Settings</b> &gt; <b>Printers</b> and cancel every job.</p>\
         <h2>Fix 2: Restart the spooler</h2><p>Restart the Print Spooler service and print a test page.</p></article></body></html>"
    )
}

#[test]
fn spark_pipe_gives_the_single_run_records() {
    let Some(py) = python_with_pyspark() else {
        if std::env::var("HOWTOKB_REQUIRE_SPARK").is_ok_and(|v| v == "1") {
            panic!("HOWTOKB_REQUIRE_SPARK=1 but no Python with pyspark was found");
        }
        eprintln!("skipping: no Python with pyspark (set HOWTOKB_SPARK_PYTHON)");
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    let mut dump = String::new();
    for i in 0..40 {
        let rec = if i % 3 == 0 {
            serde_json::json!({"id": format!("kb-{i}"), "html": page(i)})
        } else if i % 3 == 1 {
            serde_json::json!({"url": format!("https://help.test/{i}"), "html": page(i)})
        } else {
            serde_json::json!({"url": format!("https://help.test/md/{i}"), "markdown": format!("# Reset {i}\n\nHold the button for ten seconds.\n\n1. Open **Settings > Device**.\n2. Tap **Reset {i}**.\n")})
        };
        dump.push_str(&rec.to_string());
        dump.push('\n');
    }
    let dump_path = d.join("dump.jsonl");
    std::fs::write(&dump_path, dump).expect("write dump");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_howtokb"));
    let single = Command::new(&bin)
        .args(["extract", "dump.jsonl", "-o", "single", "-q"])
        .current_dir(d)
        .status()
        .expect("single run");
    assert!(single.success());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spark/pipe_check.py");
    let o = Command::new(&py)
        .arg(&script)
        .arg(&dump_path)
        .arg(&bin)
        .arg(d.join("single/articles.jsonl"))
        .current_dir(d)
        .output()
        .expect("spark runs");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "spark pipe run differs or failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("records=40 expected=40 equal=True"),
        "{stdout}"
    );
}
