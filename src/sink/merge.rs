//! `howtokb merge OUTPUT`: combine the complete `part-K-of-N` folders of a
//! sharded run into one dataset in `OUTPUT` itself, equal to what a single
//! run over the same inputs writes (parts are contiguous ranges of the
//! ordered work list, so concatenating them in order restores it).

use super::{is_complete, DatasetWriter};
use crate::error::{DocError, RunError};
use crate::model::{Article, Removed};
use serde_json::{json, Value};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// What a merge combined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub parts: usize,
    pub articles: u64,
    pub errors: u64,
}

fn merge_err(path: &Path, message: impl Into<String>) -> RunError {
    RunError::Merge {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// The `part-K-of-N` folders of `output`, in order, checked to be all
/// there and complete.
pub fn parts(output: &Path) -> Result<Vec<PathBuf>, RunError> {
    let rd = std::fs::read_dir(output).map_err(|e| merge_err(output, e.to_string()))?;
    let mut found: Vec<(usize, usize, PathBuf)> = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("part-") else {
            continue;
        };
        let Some((k, n)) = rest.split_once("-of-") else {
            continue;
        };
        if let (Ok(k), Ok(n)) = (k.parse::<usize>(), n.parse::<usize>()) {
            found.push((k, n, e.path()));
        }
    }
    let Some(n) = found.first().map(|f| f.1) else {
        return Err(merge_err(output, "no part-K-of-N folders to merge"));
    };
    if found.iter().any(|f| f.1 != n) {
        return Err(merge_err(
            output,
            "parts of different shard counts (N) are mixed",
        ));
    }
    found.sort();
    let mut out = Vec::with_capacity(n);
    for k in 1..=n {
        match found.iter().find(|f| f.0 == k) {
            Some((_, _, p)) if is_complete(p) => out.push(p.clone()),
            Some((_, _, p)) => {
                return Err(merge_err(
                    p,
                    "part is not complete (no _SUCCESS marker); run it again",
                ))
            }
            None => return Err(merge_err(output, format!("part {k} of {n} is missing"))),
        }
    }
    Ok(out)
}

fn lines(path: &Path) -> Result<Vec<String>, RunError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let f = std::fs::File::open(path).map_err(|e| merge_err(path, e.to_string()))?;
    std::io::BufReader::new(f)
        .lines()
        .map(|l| l.map_err(|e| merge_err(path, e.to_string())))
        .filter(|l| l.as_ref().map_or(true, |s| !s.trim().is_empty()))
        .collect()
}

/// Merges the parts of `output` into `output`.
pub fn merge(output: &Path) -> Result<MergeSummary, RunError> {
    let parts = parts(output)?;
    let started = std::time::SystemTime::now();
    let mut writer = DatasetWriter::create(output, false)?;
    let mut summary = MergeSummary {
        parts: parts.len(),
        ..MergeSummary::default()
    };
    let mut removed = Removed::default();
    let (mut inputs, mut skipped) = (0u64, 0u64);
    for part in &parts {
        let path = part.join("articles.jsonl");
        for line in lines(&path)? {
            let a: Article =
                serde_json::from_str(&line).map_err(|e| merge_err(&path, e.to_string()))?;
            removed.merge(&a.removed);
            writer.article(&a)?;
            summary.articles += 1;
        }
        let path = part.join("errors.jsonl");
        for line in lines(&path)? {
            let e: DocError =
                serde_json::from_str(&line).map_err(|e| merge_err(&path, e.to_string()))?;
            writer.error(&e)?;
            summary.errors += 1;
        }
        for line in lines(&part.join("removed.jsonl"))? {
            writer.removed_line(&line)?;
        }
        let mpath = part.join("manifest.json");
        let m: Value = std::fs::read_to_string(&mpath)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or_else(|| merge_err(&mpath, "unreadable manifest"))?;
        inputs += m["counts"]["inputs"].as_u64().unwrap_or(0);
        skipped = skipped.max(m["counts"]["skipped"].as_u64().unwrap_or(0));
    }
    let names: Vec<String> = parts
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let s = summary.clone();
    writer.finish_with(|path| {
        let m = json!({
            "schema_version": crate::model::SCHEMA_VERSION,
            "tool": "howtokb",
            "version": env!("CARGO_PKG_VERSION"),
            "merged_from": names,
            "counts": {
                "inputs": inputs,
                "articles": s.articles,
                "errors": s.errors,
                "skipped": skipped,
                "removed": removed,
            },
            "started": super::manifest::rfc3339(started),
            "finished": super::manifest::rfc3339(std::time::SystemTime::now()),
        });
        let text = serde_json::to_string_pretty(&m).map_err(|e| merge_err(path, e.to_string()))?;
        std::fs::write(path, text + "\n").map_err(|e| merge_err(path, e.to_string()))
    })?;
    Ok(summary)
}
