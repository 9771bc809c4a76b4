//! The CSV tables and the run-wide settings index.
//!
//! Cells are RFC 4180 quoted by the `csv` crate. Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab
//! or carriage return) get a leading `'`, as OWASP recommends for CSV
//! injection.

use super::io_err;
use crate::error::RunError;
use crate::model::Article;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

/// Neutralises a text cell that a spreadsheet would read as a formula.
pub fn safe_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> RunError + '_ {
    move |e| RunError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

fn open(path: &Path, header: &[&str]) -> Result<csv::Writer<File>, RunError> {
    let f = File::create(path).map_err(io_err(path))?;
    let mut w = csv::Writer::from_writer(f);
    w.write_record(header).map_err(csv_err(path))?;
    Ok(w)
}

pub struct Tables {
    articles: csv::Writer<File>,
    steps: csv::Writer<File>,
    substeps: csv::Writer<File>,
    paths: csv::Writer<File>,
}

const FILES: [&str; 4] = [
    "articles.csv",
    "steps.csv",
    "substeps.csv",
    "settings_paths.csv",
];

impl Tables {
    pub fn create(dir: &Path) -> Result<Self, RunError> {
        Ok(Tables {
            articles: open(
                &dir.join(FILES[0]),
                &[
                    "id",
                    "source",
                    "url",
                    "title",
                    "date",
                    "updated",
                    "language",
                    "word_count",
                    "n_steps",
                    "n_settings_paths",
                    "content_hash",
                ],
            )?,
            steps: open(
                &dir.join(FILES[1]),
                &["article_id", "index", "title", "text", "n_substeps"],
            )?,
            substeps: open(
                &dir.join(FILES[2]),
                &["article_id", "step_index", "index", "text"],
            )?,
            paths: open(
                &dir.join(FILES[3]),
                &["article_id", "position", "path", "depth", "root", "step"],
            )?,
        })
    }

    pub fn article(&mut self, a: &Article, dir: &Path) -> Result<(), RunError> {
        let opt = |s: &Option<String>| safe_cell(s.as_deref().unwrap_or("")).into_owned();
        let p0 = dir.join(FILES[0]);
        self.articles
            .write_record([
                a.id.clone(),
                safe_cell(&a.source).into_owned(),
                opt(&a.url),
                opt(&a.title),
                opt(&a.date),
                opt(&a.updated),
                opt(&a.language),
                a.word_count.to_string(),
                a.steps.len().to_string(),
                a.settings_paths.len().to_string(),
                a.content_hash.clone(),
            ])
            .map_err(csv_err(&p0))?;
        let p1 = dir.join(FILES[1]);
        let p2 = dir.join(FILES[2]);
        for s in &a.steps {
            self.steps
                .write_record([
                    a.id.clone(),
                    s.index.to_string(),
                    safe_cell(&s.title).into_owned(),
                    safe_cell(&s.text).into_owned(),
                    s.substeps.len().to_string(),
                ])
                .map_err(csv_err(&p1))?;
            for sub in &s.substeps {
                self.substeps
                    .write_record([
                        a.id.clone(),
                        s.index.to_string(),
                        sub.index.to_string(),
                        safe_cell(&sub.text).into_owned(),
                    ])
                    .map_err(csv_err(&p2))?;
            }
        }
        let p3 = dir.join(FILES[3]);
        for (i, p) in a.settings_paths.iter().enumerate() {
            self.paths
                .write_record([
                    a.id.clone(),
                    (i + 1).to_string(),
                    safe_cell(&p.segments.join(" > ")).into_owned(),
                    p.segments.len().to_string(),
                    safe_cell(&p.root).into_owned(),
                    p.step.map(|s| s.to_string()).unwrap_or_default(),
                ])
                .map_err(csv_err(&p3))?;
        }
        Ok(())
    }

    pub fn finish(&mut self, dir: &Path) -> Result<(), RunError> {
        for (w, name) in [
            (&mut self.articles, FILES[0]),
            (&mut self.steps, FILES[1]),
            (&mut self.substeps, FILES[2]),
            (&mut self.paths, FILES[3]),
        ] {
            let p = dir.join(name);
            w.flush().map_err(io_err(&p))?;
            w.get_ref().sync_all().map_err(io_err(&p))?;
        }
        Ok(())
    }
}

/// One row per distinct normalised path across the run.
#[derive(Default)]
pub struct SettingsIndex {
    rows: BTreeMap<String, IndexRow>,
}

struct IndexRow {
    path: String,
    root: String,
    platforms: std::collections::BTreeSet<String>,
    articles: u64,
    example: String,
}

/// The key two spellings of one path share: case, white space and a
/// leading "the" folded.
pub fn normalise_path(segments: &[String]) -> String {
    segments
        .iter()
        .map(|s| {
            let s = s
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
        })
        .collect::<Vec<_>>()
        .join(" > ")
}

impl SettingsIndex {
    pub fn add(&mut self, a: &Article) {
        let mut seen = std::collections::HashSet::new();
        for p in &a.settings_paths {
            let key = normalise_path(&p.segments);
            if !seen.insert(key.clone()) {
                continue;
            }
            let row = self.rows.entry(key).or_insert_with(|| IndexRow {
                path: p.segments.join(" > "),
                root: p.root.clone(),
                platforms: Default::default(),
                articles: 0,
                example: a.id.clone(),
            });
            row.articles += 1;
            row.platforms.extend(a.platforms.iter().cloned());
        }
    }

    pub fn write(&self, path: &Path) -> Result<(), RunError> {
        let mut w = open(
            path,
            &[
                "path",
                "normalised",
                "root",
                "platforms",
                "n_articles",
                "example_article_id",
            ],
        )?;
        for (key, r) in &self.rows {
            w.write_record([
                safe_cell(&r.path).into_owned(),
                safe_cell(key).into_owned(),
                safe_cell(&r.root).into_owned(),
                r.platforms.iter().cloned().collect::<Vec<_>>().join(";"),
                r.articles.to_string(),
                r.example.clone(),
            ])
            .map_err(csv_err(path))?;
        }
        w.flush().map_err(io_err(path))?;
        w.get_ref().sync_all().map_err(io_err(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("\tx"), "'\tx");
        assert_eq!(safe_cell("Settings > Wi-Fi"), "Settings > Wi-Fi");
    }

    #[test]
    fn paths_normalise_case_and_articles() {
        assert_eq!(
            normalise_path(&["The Settings".into(), "Wi-Fi".into()]),
            normalise_path(&["settings".into(), "wi-fi".into()])
        );
    }
}
