//! Writing the dataset: JSONL records, CSV tables and the run manifest.
//!
//! Everything is written into a staging folder beside the output folder;
//! only when every file is complete does [`commit`] swap it into place, so
//! an interrupted run never leaves a truncated file or a mix of two runs.

mod commit;
mod manifest;
mod tables;

pub use commit::DATASET_FILES;
pub use manifest::RunInfo;

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

    /// Flushes every file, writes the settings index and the manifest, and
    /// moves the complete dataset into the output folder.
    pub fn finish(mut self, info: &RunInfo<'_>) -> Result<(), RunError> {
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
        manifest::write(&s.join("manifest.json"), info)?;
        commit::commit(&s, &self.output)
    }
}
