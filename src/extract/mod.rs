//! Extraction: what a knowledge base needs from a cleaned article — its
//! metadata, settings paths, ordered steps, kind and platforms.

pub mod kind;
pub mod meta;
pub mod paths;
pub mod platforms;
pub mod steps;
mod steps_markers;

use std::collections::HashSet;

use crate::model::{Article, CleanedDoc, Meta, Step, Substep, SCHEMA_VERSION};

/// Everything the extractor needs about one document.
#[derive(Debug)]
pub struct ExtractInput<'a> {
    /// The article's stable id, chosen by the pipeline.
    pub id: String,
    /// The character encoding the input was decoded from.
    pub encoding: &'static str,
    pub source: &'a str,
    pub meta: Meta,
    pub cleaned: CleanedDoc,
    pub warnings: Vec<String>,
}

/// Builds the article record.
pub fn extract(input: ExtractInput<'_>) -> Article {
    let ExtractInput {
        id,
        encoding,
        source,
        meta,
        cleaned,
        mut warnings,
    } = input;
    let blocks = &cleaned.blocks;
    let text = crate::clean::markdown::render(blocks);
    if text.trim().is_empty() {
        warnings.push("no article content after cleaning".to_string());
    }
    let title = meta::title(&meta, cleaned.first_h1.as_deref());
    let spans = steps::find_steps(blocks, title.as_deref());
    let found = paths::find_paths(blocks);

    // Settings paths, de-duplicated by segments, in order of first appearance.
    // Both lookups are indexed so that a page with thousands of paths or
    // steps stays linear.
    let step_of_block = step_index(&spans, blocks.len());
    let mut seen: HashSet<Vec<String>> = HashSet::new();
    let mut settings_paths = Vec::new();
    for f in found {
        if !seen.insert(f.path.segments.clone()) {
            continue;
        }
        let mut p = f.path;
        p.step = step_of_block.get(f.block).copied().flatten().map(|i| i + 1);
        settings_paths.push(p);
    }
    let mut paths_of_step: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for (k, p) in settings_paths.iter().enumerate() {
        if let Some(list) = p.step.and_then(|s| paths_of_step.get_mut(s - 1)) {
            list.push(k);
        }
    }
    let steps: Vec<Step> = spans
        .into_iter()
        .enumerate()
        .map(|(i, s)| Step {
            index: i + 1,
            title: s.title,
            text: s.text,
            substeps: s
                .substeps
                .into_iter()
                .enumerate()
                .map(|(k, t)| Substep {
                    index: k + 1,
                    title: t.title,
                    text: t.text,
                })
                .collect(),
            settings_paths: std::mem::take(&mut paths_of_step[i]),
        })
        .collect();
    let kind = kind::decide(&steps, blocks, settings_paths.len());
    let platforms = platforms::detect(title.as_deref(), &meta, &settings_paths, &text);
    let language = meta.language.clone().or_else(|| platforms::language(&text));
    let (content_hash, word_count) = meta::content_hash_and_word_count(&text);
    Article {
        schema_version: SCHEMA_VERSION,
        id,
        source: source.to_string(),
        url: meta.url,
        title,
        description: meta.description,
        date: meta.date,
        updated: meta.updated,
        tags: meta.tags,
        categories: meta.categories,
        language,
        encoding: encoding.to_string(),
        kind,
        platforms,
        word_count,
        content_hash,
        text,
        settings_paths,
        steps,
        removed: cleaned.removed,
        warnings,
        audit: cleaned.audit,
    }
}

/// For each block, the step whose span holds it (the first one, as spans
/// are in document order).
fn step_index(spans: &[steps::StepSpan], n_blocks: usize) -> Vec<Option<usize>> {
    let mut of_block = vec![None; n_blocks];
    for (i, s) in spans.iter().enumerate() {
        for b in s.blocks.clone() {
            if let Some(slot @ None) = of_block.get_mut(b) {
                *slot = Some(i);
            }
        }
    }
    of_block
}
