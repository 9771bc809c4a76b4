//! The data that flows between stages, and the records the dataset holds.
//!
//! `Input` (a file found by `source`) becomes a `ParsedDoc` (`parse`), then a
//! `CleanedDoc` of Markdown blocks (`clean`), then an `Article` (`extract`).
//! `Article` is serialised as one line of `articles.jsonl`; its field names
//! are the dataset contract (`schema_version` 1), so renaming one is a
//! breaking change.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the dataset contract written into every record.
pub const SCHEMA_VERSION: u32 = 1;

/// What an input file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Html,
}

/// Metadata gathered from front matter or from a page's `<head>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub language: Option<String>,
    /// The site's name when the page says it (`og:site_name`), used to strip
    /// " - SiteName" suffixes from titles.
    pub site_name: Option<String>,
    /// The title comes from the `<title>` element, where sites append their
    /// name: only such titles lose a suffix that merely looks like one.
    pub title_is_tag: bool,
}

/// The kind of a block of cleaned content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, level 1 to 6.
    Heading(u8),
    Paragraph,
    /// One list item. `depth` 0 is a top-level list; `number` is the item's
    /// number in an ordered list.
    ListItem {
        ordered: bool,
        depth: usize,
        number: Option<u64>,
    },
    /// A code block; `text` is the code as written.
    Code,
    /// A block quote paragraph.
    Quote,
    /// A table, already rendered as Markdown rows in `text`.
    Table,
}

/// One block of cleaned content. `text` is inline Markdown (emphasis, code
/// spans, links); `plain` is the same words with the markup taken away, for
/// the extractors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub plain: String,
}

/// Counts of what cleaning removed, by kind. Always serialised with every
/// key so that loaders infer one schema.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub ad_blocks: u64,
    pub affiliate_links: u64,
    pub tracking_pixels: u64,
    pub embeds: u64,
    pub link_farm_links: u64,
    pub chrome_blocks: u64,
}

impl Removed {
    /// Adds another document's counts to these; used to total a run.
    pub fn merge(&mut self, other: &Removed) {
        self.ad_blocks += other.ad_blocks;
        self.affiliate_links += other.affiliate_links;
        self.tracking_pixels += other.tracking_pixels;
        self.embeds += other.embeds;
        self.link_farm_links += other.link_farm_links;
        self.chrome_blocks += other.chrome_blocks;
    }

    pub fn total(&self) -> u64 {
        self.ad_blocks
            + self.affiliate_links
            + self.tracking_pixels
            + self.embeds
            + self.link_farm_links
            + self.chrome_blocks
    }
}

/// One removed piece of content, for `--audit`'s `removed.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedItem {
    pub kind: &'static str,
    pub rule: String,
    pub text: String,
}

/// The cleaned content of one document.
#[derive(Debug, Clone, Default)]
pub struct CleanedDoc {
    pub blocks: Vec<Block>,
    pub removed: Removed,
    pub audit: Vec<RemovedItem>,
    /// The first `h1` of the page, a title candidate for rendered pages.
    pub first_h1: Option<String>,
}

/// How a settings path was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PathForm {
    /// The whole path is written with separators (`A > B > C`).
    Explicit,
    /// Some part of it is written in words ("open A, tap B").
    Prose,
}

/// A UI navigation path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsPath {
    pub segments: Vec<String>,
    pub raw: String,
    pub root: String,
    pub form: PathForm,
    /// 1-based index of the step the path appears in.
    pub step: Option<usize>,
    /// Parenthetical alternatives to a segment, such as "Mobile Data" in
    /// `Settings > Cellular (or Mobile Data)`, keyed by segment position.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alternatives: BTreeMap<usize, String>,
}

/// One numbered item or sub-heading under a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substep {
    pub index: usize,
    /// The sub-heading, or the item's first sentence: what a reader scans.
    pub title: String,
    pub text: String,
}

/// One ordered fix or procedure step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub index: usize,
    pub title: String,
    pub text: String,
    pub substeps: Vec<Substep>,
    /// Indices into the article's `settings_paths`.
    pub settings_paths: Vec<usize>,
}

/// `"howto"` or `"other"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Howto,
    Other,
}

/// One record of `articles.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema_version: u32,
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub language: Option<String>,
    /// The character encoding the input was decoded from (`utf-8`,
    /// `windows-1252`, `utf-16le`, ...), by BOM, declaration or detection.
    #[serde(default)]
    pub encoding: String,
    pub kind: Kind,
    pub platforms: Vec<String>,
    pub text: String,
    pub word_count: usize,
    pub content_hash: String,
    pub settings_paths: Vec<SettingsPath>,
    pub steps: Vec<Step>,
    pub removed: Removed,
    pub warnings: Vec<String>,
    /// Removed pieces, kept only for `--audit`; never part of the record.
    #[serde(skip)]
    pub audit: Vec<RemovedItem>,
}
