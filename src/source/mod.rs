//! Finding inputs and reading them into text.
//!
//! Folders are walked recursively in sorted order so that a run over the same
//! tree always sees the same list; each file is classified by its extension.
//! Reading and decoding happen inside the per-document task, so one
//! unreadable file becomes an error record rather than stopping discovery.

pub mod containers;
mod decode;

pub use decode::{decode, Decoded};

use crate::error::{DocError, RunError, Stage};
use crate::model::{Format, Meta};
use std::path::{Path, PathBuf};

/// What an input is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One article in a file.
    Doc(Format),
    /// One article in a gzip-compressed file (`.md.gz`, `.html.gz`).
    GzDoc(Format),
    /// JSON Lines, one article per record (`.jsonl`, `.jsonl.gz`).
    Jsonl { gz: bool },
    /// WARC, one article per HTML response record (`.warc`, `.warc.gz`).
    Warc { gz: bool },
    /// JSON Lines records on standard input (`-`).
    Stdin,
}

/// One input file (or standard input) found on the command line or under a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it from.
    pub path: PathBuf,
    /// The dataset's `source`: the path relative to the input root named on
    /// the command line (for a file named directly, its file name).
    pub source: String,
    pub kind: InputKind,
}

/// One article held in memory, read from a container record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDoc {
    /// `container#record`.
    pub source: String,
    /// The record's own id, when it has one.
    pub id: Option<String>,
    pub format: Format,
    pub bytes: Vec<u8>,
    /// Metadata the record carries beside its page (url, title, ...).
    pub meta: Meta,
}

/// One unit of work for the pipeline, in input order.
#[derive(Debug)]
pub enum Work {
    /// A file holding one article; read by the worker.
    File(Input),
    /// A record already read from a container.
    Record(Box<RecordDoc>),
    /// A record or container that could not be read.
    Failed(DocError),
}

/// The inputs of a run, plus the files that were skipped because they are
/// not articles by their kind.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    pub skipped: Vec<PathBuf>,
}

/// Classifies a file by its name; `None` for files that are not articles.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (name.as_str(), false),
    };
    let ext = Path::new(stem).extension()?.to_str()?;
    let doc = |f| {
        if gz {
            InputKind::GzDoc(f)
        } else {
            InputKind::Doc(f)
        }
    };
    match ext {
        "md" | "markdown" => Some(doc(Format::Markdown)),
        "html" | "htm" => Some(doc(Format::Html)),
        "jsonl" | "ndjson" => Some(InputKind::Jsonl { gz }),
        "warc" => Some(InputKind::Warc { gz }),
        _ => None,
    }
}

/// The article format of a single-document file, for callers that only
/// deal with plain files.
pub fn format_of(path: &Path) -> Option<Format> {
    match kind_of(path)? {
        InputKind::Doc(f) => Some(f),
        _ => None,
    }
}

/// Walks the roots and lists every input in a stable order: roots in the
/// order given, entries within a folder sorted by name. `-` is standard
/// input.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, RunError> {
    let mut out = Discovery::default();
    for root in roots {
        if root.as_os_str() == "-" {
            out.inputs.push(Input {
                path: root.clone(),
                source: "stdin".to_string(),
                kind: InputKind::Stdin,
            });
            continue;
        }
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
    match kind_of(&path) {
        Some(kind) => out.inputs.push(Input { path, source, kind }),
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

/// Every unit of work of the inputs, in order, read lazily: a container's
/// records are read only as the iterator reaches them.
pub fn works(inputs: Vec<Input>, max_bytes: u64) -> impl Iterator<Item = Work> + Send {
    let mut inputs = inputs.into_iter();
    let mut current: Option<Box<dyn Iterator<Item = containers::Item> + Send>> = None;
    std::iter::from_fn(move || loop {
        if let Some(it) = &mut current {
            match it.next() {
                Some(Ok(r)) => return Some(Work::Record(Box::new(r))),
                Some(Err(e)) => return Some(Work::Failed(e)),
                None => current = None,
            }
        }
        let input = inputs.next()?;
        let opened = match input.kind {
            InputKind::Doc(_) | InputKind::GzDoc(_) => return Some(Work::File(input)),
            InputKind::Stdin => {
                let r: Box<dyn std::io::BufRead + Send> =
                    Box::new(std::io::BufReader::new(std::io::stdin()));
                Ok(Box::new(containers::jsonl_records(
                    r,
                    input.source.clone(),
                    max_bytes,
                )) as Box<dyn Iterator<Item = _> + Send>)
            }
            InputKind::Jsonl { gz } => containers::open(&input.path, gz).map(|r| {
                Box::new(containers::jsonl_records(
                    r,
                    input.source.clone(),
                    max_bytes,
                )) as Box<dyn Iterator<Item = _> + Send>
            }),
            InputKind::Warc { gz } => containers::open(&input.path, gz).map(|r| {
                Box::new(containers::warc_records(r, input.source.clone()))
                    as Box<dyn Iterator<Item = _> + Send>
            }),
        };
        match opened {
            Ok(it) => current = Some(it),
            Err(e) => {
                return Some(Work::Failed(DocError::new(
                    &input.source,
                    Stage::Read,
                    format!("cannot open container: {e}"),
                )))
            }
        }
    })
}

/// Reads a single-document file, gunzipping `.gz` ones, refusing more than
/// `max_bytes` (of decompressed data too).
pub fn read_file(input: &Input, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    let err = |msg: String| DocError::new(&input.source, Stage::Read, msg);
    let over =
        |n: u64| format!("document is {n} bytes, over the limit of {max_bytes} (--max-bytes)");
    let size = std::fs::metadata(&input.path)
        .map_err(|e| err(format!("cannot read file: {e}")))?
        .len();
    match input.kind {
        InputKind::GzDoc(_) => {
            use std::io::Read;
            let f = std::fs::File::open(&input.path)
                .map_err(|e| err(format!("cannot read file: {e}")))?;
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(f)
                .take(max_bytes.saturating_add(1))
                .read_to_end(&mut out)
                .map_err(|e| {
                    DocError::new(&input.source, Stage::Decode, format!("cannot gunzip: {e}"))
                })?;
            if out.len() as u64 > max_bytes {
                return Err(err(over(out.len() as u64)));
            }
            Ok(out)
        }
        _ => {
            if size > max_bytes {
                return Err(err(over(size)));
            }
            std::fs::read(&input.path).map_err(|e| err(format!("cannot read file: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_containers() {
        assert_eq!(
            kind_of(Path::new("a.md.gz")),
            Some(InputKind::GzDoc(Format::Markdown))
        );
        assert_eq!(
            kind_of(Path::new("a.HTML.gz")),
            Some(InputKind::GzDoc(Format::Html))
        );
        assert_eq!(
            kind_of(Path::new("dump.jsonl.gz")),
            Some(InputKind::Jsonl { gz: true })
        );
        assert_eq!(
            kind_of(Path::new("dump.jsonl")),
            Some(InputKind::Jsonl { gz: false })
        );
        assert_eq!(
            kind_of(Path::new("cc.warc.gz")),
            Some(InputKind::Warc { gz: true })
        );
        assert_eq!(kind_of(Path::new("x.tar.gz")), None);
    }

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
