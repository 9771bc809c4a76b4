//! Finding inputs and reading them into text.
//!
//! Folders are walked recursively in sorted order so that a run over the same
//! tree always sees the same list; each file is classified by its extension.
//! Reading and decoding happen inside the per-document task, so one
//! unreadable file becomes an error record rather than stopping discovery.

mod decode;

pub use decode::{decode, Decoded};

use crate::error::RunError;
use crate::model::Format;
use std::path::{Path, PathBuf};

/// One input file found on the command line or under a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it from.
    pub path: PathBuf,
    /// The dataset's `source`: the path relative to the input root named on
    /// the command line (for a file named directly, its file name).
    pub source: String,
    pub format: Format,
}

/// The inputs of a run, plus the files that were skipped because they are
/// not articles by their kind.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub skipped: Vec<PathBuf>,
}

/// Classifies a file by its name; `None` for files that are not articles.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Walks the roots and lists every input in a stable order: roots in the
/// order given, entries within a folder sorted by name.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, RunError> {
    let mut out = Discovery::default();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|_| RunError::MissingInput(root.clone()))?;
        if meta.is_dir() {
            walk(root, root, &mut out)?;
        } else {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.to_string_lossy().into_owned());
            push(root.clone(), name, &mut out);
        }
    }
    Ok(out)
}

fn push(path: PathBuf, source: String, out: &mut Discovery) {
    match format_of(&path) {
        Some(format) => out.inputs.push(Input {
            path,
            source,
            format,
        }),
        None => out.skipped.push(path),
    }
}

/// Iterative walk (an explicit stack, so a very deep tree cannot overflow).
fn walk(root: &Path, dir: &Path, out: &mut Discovery) -> Result<(), RunError> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir).map_err(|e| RunError::Walk {
            path: dir.clone(),
            source: e,
        })?;
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        let mut subdirs = Vec::new();
        for path in entries {
            let is_dir = std::fs::metadata(&path)
                .map(|m| m.is_dir())
                .unwrap_or(false);
            if is_dir {
                subdirs.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let source = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                push(path, source, out);
            }
        }
        // Sub-folders after the files of this folder, in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension_case_insensitively() {
        assert_eq!(format_of(Path::new("a/b.MD")), Some(Format::Markdown));
        assert_eq!(format_of(Path::new("x.markdown")), Some(Format::Markdown));
        assert_eq!(format_of(Path::new("x.htm")), Some(Format::Html));
        assert_eq!(format_of(Path::new("SOURCES.tsv")), None);
        assert_eq!(format_of(Path::new("README")), None);
    }

    #[test]
    fn walks_folders_in_sorted_order_with_relative_sources() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).expect("mkdir");
        for f in ["b/sub/z.md", "b/a.html", "c.md", "a.json"] {
            std::fs::write(root.join(f), "x").expect("write");
        }
        let d = discover(&[root.to_path_buf()]).expect("discover");
        let sources: Vec<_> = d.inputs.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["c.md", "b/a.html", "b/sub/z.md"]);
        assert_eq!(d.skipped.len(), 1);
    }

    #[test]
    fn missing_input_is_a_run_error() {
        let err = discover(&[PathBuf::from("/no/such/folder/here")]).expect_err("missing");
        assert!(matches!(err, RunError::MissingInput(_)));
    }
}
