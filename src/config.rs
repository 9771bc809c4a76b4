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
    /// Process only one part of the inputs, into `OUTPUT/part-K-of-N/`.
    pub shard: Option<Shard>,
    /// With `shard`: do nothing when that part is already complete.
    pub resume: bool,
    /// Write article records to standard output (errors to standard error)
    /// instead of an output folder.
    pub stdout: bool,
}

/// The K-th of N disjoint, contiguous parts of the ordered work list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based part number.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard {s:?} is not K/N"))?;
        let index: usize = k
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: K is not a number"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("shard {s:?}: N is not a number"))?;
        if index == 0 || count == 0 || index > count {
            return Err(format!("shard {s:?}: need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }

    /// The folder name of this part inside the output folder.
    pub fn dir_name(&self) -> String {
        format!("part-{}-of-{}", self.index, self.count)
    }

    /// The half-open range of work items this part takes out of `total`.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let lo = (self.index - 1) * total / self.count;
        let hi = self.index * total / self.count;
        lo..hi
    }
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
            shard: None,
            resume: false,
            stdout: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_work() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert!(Shard::parse("x").is_err());
        for total in [0, 1, 7, 100] {
            let mut covered = Vec::new();
            for k in 1..=3 {
                covered.extend(Shard { index: k, count: 3 }.range(total));
            }
            assert_eq!(covered, (0..total).collect::<Vec<_>>());
        }
    }
}
