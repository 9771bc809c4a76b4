//! Moving a complete dataset into place, all at once.
//!
//! The staging folder is a sibling of the output folder (same file system),
//! and on Linux the two are exchanged with one `renameat2(RENAME_EXCHANGE)`
//! call: a reader, or a run killed at any instant, sees either the old
//! folder or the new one, never a mix. Files in the output folder that are
//! not part of the dataset (a `.gitkeep`, earlier shards) are carried over.

use super::io_err;
use crate::error::RunError;
use std::path::{Path, PathBuf};

/// The files a run writes; anything else in the output folder is the
/// user's and is carried over.
pub const DATASET_FILES: &[&str] = &[
    "articles.jsonl",
    "errors.jsonl",
    "removed.jsonl",
    "articles.csv",
    "steps.csv",
    "substeps.csv",
    "settings_paths.csv",
    "settings_index.csv",
    "manifest.json",
    SUCCESS_MARKER,
];

/// Written last into a complete dataset folder: `--resume` and `merge`
/// trust a folder that has it.
pub const SUCCESS_MARKER: &str = "_SUCCESS";

const STAGING_TAG: &str = ".howtokb-staging-";

fn name_of(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string())
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates a fresh staging folder beside `output`, removing ones left by
/// runs that were killed.
pub fn staging_dir(output: &Path) -> Result<PathBuf, RunError> {
    if output.exists() && !output.is_dir() {
        return Err(RunError::Output {
            path: output.to_path_buf(),
            source: std::io::Error::other("exists and is not a folder"),
        });
    }
    let parent = parent_of(output);
    std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let prefix = format!(".{}{}", name_of(output), STAGING_TAG);
    if let Ok(rd) = std::fs::read_dir(&parent) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = n.strip_prefix(&prefix).and_then(|p| p.split('-').next()) {
                let alive = Path::new("/proc").join(pid).exists();
                if !alive {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = parent.join(format!("{prefix}{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).map_err(io_err(&dir))?;
    Ok(dir)
}

/// Copies what the user keeps in the output folder into the staging one.
fn carry_over(from: &Path, to: &Path) -> Result<(), RunError> {
    let mut stack = vec![(from.to_path_buf(), to.to_path_buf(), true)];
    while let Some((src, dst, top)) = stack.pop() {
        let rd = std::fs::read_dir(&src).map_err(io_err(&src))?;
        for e in rd.flatten() {
            let name = e.file_name();
            if top && DATASET_FILES.iter().any(|f| name == *f) {
                continue;
            }
            let (s, d) = (e.path(), dst.join(&name));
            let ft = e.file_type().map_err(io_err(&s))?;
            if ft.is_dir() {
                std::fs::create_dir_all(&d).map_err(io_err(&d))?;
                stack.push((s, d, false));
            } else if std::fs::hard_link(&s, &d).is_err() {
                std::fs::copy(&s, &d).map_err(io_err(&d))?;
            }
        }
    }
    Ok(())
}

/// Puts the complete staging folder where the output folder is.
pub fn commit(staging: &Path, output: &Path) -> Result<(), RunError> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(io_err(output));
    }
    carry_over(output, staging)?;
    match exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the previous dataset.
            std::fs::remove_dir_all(staging).map_err(io_err(staging))
        }
        Err(_) => {
            // No atomic exchange here: move the old folder aside first, so at
            // worst the old dataset stays complete beside the output.
            let old = staging.with_extension("old");
            std::fs::rename(output, &old).map_err(io_err(output))?;
            std::fs::rename(staging, output).map_err(io_err(output))?;
            std::fs::remove_dir_all(&old).map_err(io_err(&old))
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_dataset_and_keeps_user_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join(".gitkeep"), "").expect("write");
        std::fs::write(out.join("articles.jsonl"), "old\n").expect("write");
        let st = staging_dir(&out).expect("staging");
        std::fs::write(st.join("articles.jsonl"), "new\n").expect("write");
        commit(&st, &out).expect("commit");
        assert_eq!(
            std::fs::read_to_string(out.join("articles.jsonl")).expect("read"),
            "new\n"
        );
        assert!(out.join(".gitkeep").exists());
        assert!(!st.exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }
}
