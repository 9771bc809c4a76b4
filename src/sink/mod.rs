//! Writing the dataset: JSONL records, CSV tables and the run manifest.
//!
//! Everything is written into a staging folder beside the output folder;
//! only when every file is complete does [`commit`] swap it into place, so
//! an interrupted run never leaves a truncated file or a mix of two runs.

mod commit;
mod manifest;
pub mod merge;
mod tables;

pub use commit::{DATASET_FILES, SUCCESS_MARKER};
pub use manifest::RunInfo;

/// Where a run's records go: a dataset folder, or standard output.
pub trait Sink {
    fn article(&mut self, a: &Article) -> Result<(), RunError>;
    fn error(&mut self, e: &DocError) -> Result<(), RunError>;
    /// Called after each chunk, so streamed records leave promptly.
    fn flush(&mut self) -> Result<(), RunError> {
        Ok(())
    }
    fn finish(self: Box<Self>, info: &RunInfo<'_>) -> Result<(), RunError>;
}

/// Whether `dir` holds a complete dataset (its completion marker exists).
pub fn is_complete(dir: &Path) -> bool {
    dir.join(SUCCESS_MARKER).is_file()
}

/// Streams article records to standard output and error records to
/// standard error, one JSON object per line, for shell pipelines, Hadoop
/// streaming and Spark's `RDD.pipe()`.
pub struct StreamSink {
    out: BufWriter<std::io::Stdout>,
}

impl StreamSink {
    pub fn new() -> Self {
        StreamSink {
            out: BufWriter::new(std::io::stdout()),
        }
    }
}

impl Default for StreamSink {
    fn default() -> Self {
        Self::new()
    }
}

fn stream_err(e: std::io::Error) -> RunError {
    RunError::Output {
        path: PathBuf::from("-"),
        source: e,
    }
}

impl Sink for StreamSink {
    fn article(&mut self, a: &Article) -> Result<(), RunError> {
        serde_json::to_writer(&mut self.out, a).map_err(|e| RunError::Encode {
            path: PathBuf::from("-"),
            message: e.to_string(),
        })?;
        self.out.write_all(b"\n").map_err(stream_err)
    }

    fn error(&mut self, e: &DocError) -> Result<(), RunError> {
        let line = serde_json::to_string(e).map_err(|x| RunError::Encode {
            path: PathBuf::from("-"),
            message: x.to_string(),
        })?;
        let mut err = std::io::stderr().lock();
        writeln!(err, "{line}").map_err(stream_err)
    }

    fn flush(&mut self) -> Result<(), RunError> {
        self.out.flush().map_err(stream_err)
    }

    fn finish(mut self: Box<Self>, _info: &RunInfo<'_>) -> Result<(), RunError> {
        self.out.flush().map_err(stream_err)
    }
}

use crate::error::{DocError, RunError};
use crate::model::Article;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes one run's dataset.
pub struct DatasetWriter {
    output: PathBuf,
    staging: PathBuf,
    articles: BufWriter<File>,
    errors: BufWriter<File>,
    removed: Option<BufWriter<File>>,
    tables: tables::Tables,
    index: tables::SettingsIndex,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> RunError + '_ {
    move |source| RunError::Output {
        path: path.to_path_buf(),
        source,
    }
}

fn create(path: &Path) -> Result<BufWriter<File>, RunError> {
    File::create(path).map(BufWriter::new).map_err(io_err(path))
}

impl DatasetWriter {
    /// Opens a staging folder beside `output`.
    pub fn create(output: &Path, audit: bool) -> Result<Self, RunError> {
        let staging = commit::staging_dir(output)?;
        let p = |name: &str| staging.join(name);
        Ok(DatasetWriter {
            output: output.to_path_buf(),
            articles: create(&p("articles.jsonl"))?,
            errors: create(&p("errors.jsonl"))?,
            removed: if audit {
                Some(create(&p("removed.jsonl"))?)
            } else {
                None
            },
            tables: tables::Tables::create(&staging)?,
            index: tables::SettingsIndex::default(),
            staging,
        })
    }

    fn json_line<T: serde::Serialize>(
        w: &mut BufWriter<File>,
        path: &Path,
        v: &T,
    ) -> Result<(), RunError> {
        serde_json::to_writer(&mut *w, v).map_err(|e| RunError::Encode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        w.write_all(b"\n").map_err(io_err(path))
    }

    /// Adds one article to every file.
    pub fn article(&mut self, a: &Article) -> Result<(), RunError> {
        let path = self.staging.join("articles.jsonl");
        Self::json_line(&mut self.articles, &path, a)?;
        if let Some(w) = &mut self.removed {
            let path = self.staging.join("removed.jsonl");
            #[derive(serde::Serialize)]
            struct Audit<'a> {
                id: &'a str,
                source: &'a str,
                removed: &'a [crate::model::RemovedItem],
            }
            Self::json_line(
                w,
                &path,
                &Audit {
                    id: &a.id,
                    source: &a.source,
                    removed: &a.audit,
                },
            )?;
        }
        self.index.add(a);
        self.tables.article(a, &self.staging)
    }

    /// Records one failed input.
    pub fn error(&mut self, e: &DocError) -> Result<(), RunError> {
        let path = self.staging.join("errors.jsonl");
        Self::json_line(&mut self.errors, &path, e)
    }

    /// Appends one raw line of a part's `removed.jsonl` (used by merge).
    pub fn removed_line(&mut self, line: &str) -> Result<(), RunError> {
        let path = self.staging.join("removed.jsonl");
        if self.removed.is_none() {
            self.removed = Some(create(&path)?);
        }
        if let Some(w) = &mut self.removed {
            w.write_all(line.as_bytes()).map_err(io_err(&path))?;
            w.write_all(b"\n").map_err(io_err(&path))?;
        }
        Ok(())
    }

    /// Flushes every file, writes the settings index and the manifest, and
    /// moves the complete dataset into the output folder.
    pub fn finish(self, info: &RunInfo<'_>) -> Result<(), RunError> {
        self.finish_with(|path| manifest::write(path, info))
    }

    /// [`finish`](Self::finish) with a caller-written manifest.
    pub fn finish_with(
        mut self,
        write_manifest: impl FnOnce(&Path) -> Result<(), RunError>,
    ) -> Result<(), RunError> {
        let s = self.staging.clone();
        for (w, name) in [
            (&mut self.articles, "articles.jsonl"),
            (&mut self.errors, "errors.jsonl"),
        ] {
            w.flush().map_err(io_err(&s.join(name)))?;
            w.get_ref().sync_all().map_err(io_err(&s.join(name)))?;
        }
        if let Some(w) = &mut self.removed {
            let p = s.join("removed.jsonl");
            w.flush().map_err(io_err(&p))?;
            w.get_ref().sync_all().map_err(io_err(&p))?;
        }
        self.tables.finish(&s)?;
        self.index.write(&s.join("settings_index.csv"))?;
        write_manifest(&s.join("manifest.json"))?;
        let marker = s.join(SUCCESS_MARKER);
        File::create(&marker).map_err(io_err(&marker))?;
        commit::commit(&s, &self.output)
    }
}

impl Sink for DatasetWriter {
    fn article(&mut self, a: &Article) -> Result<(), RunError> {
        DatasetWriter::article(self, a)
    }
    fn error(&mut self, e: &DocError) -> Result<(), RunError> {
        DatasetWriter::error(self, e)
    }
    fn finish(self: Box<Self>, info: &RunInfo<'_>) -> Result<(), RunError> {
        DatasetWriter::finish(*self, info)
    }
}
