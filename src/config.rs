//! Run configuration: plain data with sensible defaults, built by the CLI or
//! directly by tests and library users.

use std::path::PathBuf;

/// Documents larger than this become error records instead of being parsed.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Everything a batch run needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and folders to read; folders are walked recursively in sorted order.
    pub inputs: Vec<PathBuf>,
    /// Output folder for the dataset.
    pub output: PathBuf,
    /// Worker threads; `None` means one per core.
    pub jobs: Option<usize>,
    /// Documents over this many bytes are recorded as errors.
    pub max_bytes: u64,
    /// Keep article images as Markdown images in `text`.
    pub keep_images: bool,
    /// Also write `removed.jsonl` with every removed block.
    pub audit: bool,
    /// Extra rule files in the built-in rules format.
    pub rules_files: Vec<PathBuf>,
    /// Documents processed per chunk; bounds memory whatever the dump size.
    pub chunk_size: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("input")],
            output: PathBuf::from("output"),
            jobs: None,
            max_bytes: DEFAULT_MAX_BYTES,
            keep_images: false,
            audit: false,
            rules_files: Vec::new(),
            chunk_size: 256,
        }
    }
}
