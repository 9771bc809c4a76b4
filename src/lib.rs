//! howtokb turns dumps of scraped how-to articles into a clean, structured
//! dataset for knowledge bases.
//!
//! Data flows through stages named after what they do:
//! [`source`] finds and decodes inputs, [`parse`] turns Markdown posts and
//! rendered pages into one document tree, [`clean`] removes ads, affiliate
//! blocks, pixels, embeds, link farms and chrome, [`extract`] finds the
//! metadata, settings paths and steps, and [`sink`] writes the dataset.
//! [`pipeline`] runs them over a batch in parallel. The library never
//! prints; progress goes through a [`pipeline::Progress`] observer.

#![forbid(unsafe_code)]

pub mod clean;
pub mod config;
pub mod error;
pub mod extract;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod sink;
pub mod source;

pub use config::Config;
pub use error::{DocError, RunError, Stage};
pub use model::{Article, Format};
pub use pipeline::{process_bytes, run, Summary};
