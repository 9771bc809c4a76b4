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
/// input. [`walk_inputs`] gives the same inputs one at a time.
pub fn discover(roots: &[PathBuf]) -> Result<Discovery, RunError> {
    let mut out = Discovery::default();
    for found in walk_inputs(roots) {
        match found? {
            Found::Input(i) => out.inputs.push(i),
            Found::Skipped(p) => out.skipped.push(p),
        }
    }
    Ok(out)
}

/// What [`walk_inputs`] yields: an input, or a file that is not an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Input(Input),
    Skipped(PathBuf),
}

/// Folder entries read per pass over a folder: a folder is listed in
/// sorted batches of this many names, so its listing is never held whole.
const NAMES_PER_PASS: usize = 8192;

/// The inputs under `roots`, in [`discover`]'s order, found lazily: one
/// folder at a time, and a large folder a batch of names at a time (each
/// batch is one more pass over the folder's entries). Memory does not grow
/// with the number of files.
pub fn walk_inputs(roots: &[PathBuf]) -> InputWalk {
    walk_inputs_in_batches(roots, NAMES_PER_PASS)
}

fn walk_inputs_in_batches(roots: &[PathBuf], per_pass: usize) -> InputWalk {
    InputWalk {
        roots: roots.to_vec(),
        next_root: 0,
        root: PathBuf::new(),
        stack: Vec::new(),
        folder: None,
        per_pass: per_pass.max(1),
    }
}

/// Iterator behind [`walk_inputs`].
#[derive(Debug)]
pub struct InputWalk {
    roots: Vec<PathBuf>,
    /// The next root to walk.
    next_root: usize,
    /// The root folder being walked, for relative sources.
    root: PathBuf,
    /// Folders still to walk, the next one last.
    stack: Vec<PathBuf>,
    folder: Option<Folder>,
    /// Names per pass over a folder.
    per_pass: usize,
}

/// A folder being listed in sorted batches.
#[derive(Debug)]
struct Folder {
    dir: PathBuf,
    /// This batch of names, in order.
    batch: std::vec::IntoIter<std::ffi::OsString>,
    /// The last name of the batch: the next batch starts after it.
    last: Option<std::ffi::OsString>,
    /// Whether the batch was the folder's last.
    done: bool,
    /// Sub-folders met so far, in name order.
    subdirs: Vec<PathBuf>,
    per_pass: usize,
}

impl Folder {
    fn open(dir: PathBuf, per_pass: usize) -> Result<Folder, RunError> {
        let mut f = Folder {
            dir,
            batch: Vec::new().into_iter(),
            last: None,
            done: false,
            subdirs: Vec::new(),
            per_pass,
        };
        f.next_batch()?;
        Ok(f)
    }

    /// Reads the next `per_pass` names in sorted order (entries after
    /// `last`); entries that cannot be read are left out.
    fn next_batch(&mut self) -> Result<(), RunError> {
        let rd = std::fs::read_dir(&self.dir).map_err(|e| RunError::Walk {
            path: self.dir.clone(),
            source: e,
        })?;
        let mut heap = std::collections::BinaryHeap::new();
        for name in rd.filter_map(|e| e.ok().map(|e| e.file_name())) {
            if self.last.as_ref().is_some_and(|l| name <= *l) {
                continue;
            }
            if heap.len() < self.per_pass {
                heap.push(name);
            } else if heap.peek().is_some_and(|max| name < *max) {
                heap.pop();
                heap.push(name);
            }
        }
        let names = heap.into_sorted_vec();
        self.done = names.len() < self.per_pass;
        self.last = names.last().cloned();
        self.batch = names.into_iter();
        Ok(())
    }

    /// The next entry's path, in name order.
    fn next_path(&mut self) -> Result<Option<PathBuf>, RunError> {
        loop {
            if let Some(name) = self.batch.next() {
                return Ok(Some(self.dir.join(name)));
            }
            if self.done {
                return Ok(None);
            }
            self.next_batch()?;
        }
    }
}

impl InputWalk {
    fn classify(path: PathBuf, source: String) -> Found {
        match kind_of(&path) {
            Some(kind) => Found::Input(Input { path, source, kind }),
            None => Found::Skipped(path),
        }
    }

    fn step(&mut self) -> Result<Option<Found>, RunError> {
        loop {
            if let Some(folder) = &mut self.folder {
                match folder.next_path()? {
                    Some(path) => {
                        let is_dir = std::fs::metadata(&path)
                            .map(|m| m.is_dir())
                            .unwrap_or(false);
                        if is_dir {
                            folder.subdirs.push(path);
                            continue;
                        }
                        let rel = path.strip_prefix(&self.root).unwrap_or(&path);
                        let source = rel
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect::<Vec<_>>()
                            .join("/");
                        return Ok(Some(Self::classify(path, source)));
                    }
                    None => {
                        // Sub-folders after the files of this folder, in name order.
                        let subdirs = std::mem::take(&mut folder.subdirs);
                        self.stack.extend(subdirs.into_iter().rev());
                        self.folder = None;
                    }
                }
            }
            if let Some(dir) = self.stack.pop() {
                self.folder = Some(Folder::open(dir, self.per_pass)?);
                continue;
            }
            let Some(root) = self.roots.get(self.next_root).cloned() else {
                return Ok(None);
            };
            self.next_root += 1;
            if root.as_os_str() == "-" {
                return Ok(Some(Found::Input(Input {
                    path: root,
                    source: "stdin".to_string(),
                    kind: InputKind::Stdin,
                })));
            }
            let meta =
                std::fs::metadata(&root).map_err(|_| RunError::MissingInput(root.clone()))?;
            if meta.is_dir() {
                self.stack.push(root.clone());
                self.root = root;
            } else {
                let name = root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| root.to_string_lossy().into_owned());
                return Ok(Some(Self::classify(root, name)));
            }
        }
    }
}

impl Iterator for InputWalk {
    type Item = Result<Found, RunError>;

    /// The next input or skipped file; after an error, nothing more.
    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(found) => found.map(Ok),
            Err(e) => {
                self.next_root = self.roots.len();
                self.stack.clear();
                self.folder = None;
                Some(Err(e))
            }
        }
    }
}

/// What a counting pass over the inputs found, without keeping them.
#[derive(Debug, Clone, Default)]
pub struct InputCount {
    /// Inputs (files, containers, standard input).
    pub inputs: usize,
    /// Whether `-` is among them.
    pub has_stdin: bool,
    /// Whether every input is a single-document file.
    pub all_docs: bool,
    pub skipped: Vec<PathBuf>,
}

/// Walks the roots once to count their inputs (and fail as [`discover`]
/// fails), keeping only the skipped files.
pub fn count_inputs(roots: &[PathBuf]) -> Result<InputCount, RunError> {
    let mut c = InputCount {
        all_docs: true,
        ..InputCount::default()
    };
    for found in walk_inputs(roots) {
        match found? {
            Found::Input(i) => {
                c.inputs += 1;
                c.has_stdin |= i.kind == InputKind::Stdin;
                c.all_docs &= matches!(i.kind, InputKind::Doc(_) | InputKind::GzDoc(_));
            }
            Found::Skipped(p) => c.skipped.push(p),
        }
    }
    Ok(c)
}

/// The inputs of a [`walk_inputs`] pass that [`count_inputs`] already
/// checked: skipped files and (unexpected) errors left out.
pub fn inputs_only(walk: InputWalk) -> impl Iterator<Item = Input> + Send {
    walk.filter_map(|f| match f {
        Ok(Found::Input(i)) => Some(i),
        _ => None,
    })
}

/// Every unit of work of the inputs, in order, read lazily: a container's
/// records are read only as the iterator reaches them.
pub fn works(
    inputs: impl IntoIterator<Item = Input, IntoIter: Send>,
    max_bytes: u64,
) -> impl Iterator<Item = Work> + Send {
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
    fn lazy_walk_in_small_batches_keeps_the_sorted_order() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        for name in [
            "b.md", "a.md", "c.txt", "e.html", "d.md", "z.md", "y.jsonl", "x.md",
        ] {
            std::fs::write(root.join(name), "x").expect("write");
        }
        for dir in ["sub2", "sub1", "sub1/deep"] {
            std::fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for name in [
            "sub2/b.md",
            "sub2/a.md",
            "sub1/c.md",
            "sub1/deep/a.md",
            "sub1/a.html",
        ] {
            std::fs::write(root.join(name), "x").expect("write");
        }
        let want: Vec<String> = [
            "a.md",
            "b.md",
            "d.md",
            "e.html",
            "x.md",
            "y.jsonl",
            "z.md",
            "sub1/a.html",
            "sub1/c.md",
            "sub1/deep/a.md",
            "sub2/a.md",
            "sub2/b.md",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let roots = [root.to_path_buf(), PathBuf::from("-")];
        let whole = discover(&roots).expect("discover");
        let sources: Vec<String> = whole.inputs.iter().map(|i| i.source.clone()).collect();
        assert_eq!(sources[..want.len()], want[..]);
        assert_eq!(sources.last().map(String::as_str), Some("stdin"));
        assert_eq!(whole.skipped, [root.join("c.txt")]);
        for per_pass in [1, 2, 3, 7, 100] {
            let found: Vec<Found> = walk_inputs_in_batches(&roots, per_pass)
                .collect::<Result<_, _>>()
                .expect("walk");
            let inputs: Vec<Input> = found
                .iter()
                .filter_map(|f| match f {
                    Found::Input(i) => Some(i.clone()),
                    Found::Skipped(_) => None,
                })
                .collect();
            assert_eq!(inputs, whole.inputs, "per_pass {per_pass}");
        }
        let c = count_inputs(&roots).expect("count");
        assert_eq!(c.inputs, whole.inputs.len());
        assert!(c.has_stdin && !c.all_docs);
        assert_eq!(c.skipped, whole.skipped);
    }

    #[test]
    fn missing_input_is_a_run_error() {
        let err = discover(&[PathBuf::from("/no/such/folder/here")]).expect_err("missing");
        assert!(matches!(err, RunError::MissingInput(_)));
    }
}
