//! Typed errors, one per stage.
//!
//! A document that fails is data, not a panic: every per-document failure
//! becomes a [`DocError`] that lands in `errors.jsonl`, and the batch goes on.
//! Only failures that make the whole run impossible (bad options, an output
//! folder that cannot be written) are [`RunError`]s.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The pipeline stage where a document failed; serialised in lower case into
/// `errors.jsonl`'s `stage` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Stage {
    Read,
    Decode,
    Parse,
    Extract,
    Write,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Parse => "parse",
            Stage::Extract => "extract",
            Stage::Write => "write",
        };
        f.write_str(s)
    }
}

/// One input that could not become an article: the record written to
/// `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{source_name}: {stage}: {error}")]
pub struct DocError {
    /// The input's `source`, as in `articles.jsonl`.
    #[serde(rename = "source")]
    pub source_name: String,
    pub stage: Stage,
    /// Human-readable reason.
    pub error: String,
}

impl DocError {
    pub fn new(source: impl Into<String>, stage: Stage, error: impl Into<String>) -> Self {
        DocError {
            source_name: source.into(),
            stage,
            error: error.into(),
        }
    }
}

/// Errors that stop a whole run (exit code 2).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    #[error("input {0} does not exist")]
    MissingInput(PathBuf),
    #[error("cannot walk input folder {path}: {source}")]
    Walk {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write output {path}: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot encode output {path}: {message}")]
    Encode { path: PathBuf, message: String },
    #[error("bad rules file {path}: line {line}: {message}")]
    Rules {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    #[error("{0}")]
    Usage(String),
    #[error("cannot merge {path}: {message}")]
    Merge { path: PathBuf, message: String },
}
