//! YAML front matter of Markdown posts (`---` ... `---` at the top of the file).
//!
//! Dumps come from many static-site generators and some are broken: front
//! matter that never closes, that is not YAML, or that is the whole file.
//! None of these stop the document; each leaves a warning.

use crate::model::Meta;
use yaml_rust2::{Yaml, YamlLoader};

/// The result of splitting a Markdown post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split<'a> {
    pub meta: Meta,
    pub body: &'a str,
    pub warnings: Vec<String>,
}

/// Splits front matter from the body and reads its metadata.
pub fn split(src: &str) -> Split<'_> {
    let mut out = Split {
        body: src,
        ..Split::default()
    };
    let trimmed = src.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let Some(rest) = trimmed.strip_prefix("---") else {
        return out;
    };
    // The opening fence must be alone on its line.
    let Some(nl) = rest.find('\n') else {
        return out;
    };
    if !rest[..nl].trim().is_empty() {
        return out;
    }
    let yaml_start = &rest[nl + 1..];
    let Some((yaml, body)) = find_closing_fence(yaml_start) else {
        out.warnings
            .push("front matter is not terminated; read as article text".to_string());
        return out;
    };
    out.body = body;
    match YamlLoader::load_from_str(yaml) {
        Ok(docs) => match docs.first() {
            Some(doc @ Yaml::Hash(_)) => out.meta = meta_from_yaml(doc),
            Some(Yaml::Null) | None => {}
            Some(_) => out
                .warnings
                .push("front matter is not a YAML mapping; ignored".to_string()),
        },
        Err(e) => {
            out.warnings.push(format!(
                "front matter is not valid YAML ({e}); read line by line"
            ));
            out.meta = meta_from_lines(yaml);
        }
    }
    if out.body.trim().is_empty() {
        out.warnings
            .push("document has no body after its front matter".to_string());
    }
    out
}

/// Finds the closing `---` (or `...`) line; returns (yaml, body).
fn find_closing_fence(s: &str) -> Option<(&str, &str)> {
    let mut pos = 0;
    for line in s.split_inclusive('\n') {
        let t = line.trim_end_matches(['\r', '\n']);
        if t.trim_end() == "---" || t.trim_end() == "..." {
            return Some((&s[..pos], &s[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

fn scalar(y: &Yaml) -> Option<String> {
    let s = match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(items) => items.iter().flat_map(list).collect(),
        Yaml::String(s) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        other => scalar(other).into_iter().collect(),
    }
}

fn meta_from_yaml(doc: &Yaml) -> Meta {
    let get = |k: &str| {
        let v = &doc[k];
        (!v.is_badvalue()).then_some(v)
    };
    let first = |keys: &[&str]| keys.iter().find_map(|k| get(k).and_then(scalar));
    Meta {
        title: first(&["title"]),
        description: first(&["description", "excerpt", "summary"]),
        url: first(&["url", "canonical", "canonical_url", "permalink"])
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        date: first(&["date", "published", "pubDate"]),
        updated: first(&["updated", "lastmod", "modified"]),
        tags: get("tags").map(list).unwrap_or_default(),
        categories: get("categories")
            .or_else(|| get("category"))
            .map(list)
            .unwrap_or_default(),
        language: first(&["lang", "language", "locale"]),
        site_name: None,
        title_is_tag: false,
    }
}

/// Fallback for front matter that YAML refuses: `key: value` lines.
fn meta_from_lines(yaml: &str) -> Meta {
    let mut meta = Meta::default();
    for line in yaml.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_matches(['"', '\'']).trim().to_string();
        if v.is_empty() {
            continue;
        }
        match k.trim() {
            "title" => meta.title = Some(v),
            "description" => meta.description = Some(v),
            "date" => meta.date = Some(v),
            "updated" => meta.updated = Some(v),
            _ => {}
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hexo_style_front_matter() {
        let src = "---\ntitle: \"Fix it: now\"\ndate: 2024-07-20T03:19:01.341Z\ntags:\n  - iphone\n  - apple\ncategories:\n  - iphone\ndescription: About it\n---\n\n## Body\n";
        let s = split(src);
        assert_eq!(s.meta.title.as_deref(), Some("Fix it: now"));
        assert_eq!(s.meta.date.as_deref(), Some("2024-07-20T03:19:01.341Z"));
        assert_eq!(s.meta.tags, ["iphone", "apple"]);
        assert_eq!(s.meta.categories, ["iphone"]);
        assert_eq!(s.body.trim(), "## Body");
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn crlf_front_matter_is_read() {
        let s = split("---\r\ntitle: A\r\n---\r\nbody\r\n");
        assert_eq!(s.meta.title.as_deref(), Some("A"));
        assert_eq!(s.body, "body\r\n");
    }

    #[test]
    fn unterminated_front_matter_keeps_the_text_and_warns() {
        let s = split("---\ntitle: A\n\nThe article text.\n");
        assert!(s.body.contains("The article text."));
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn invalid_yaml_falls_back_to_lines() {
        let s = split("---\ntitle: Broken: [yaml\ndate: 2024\n---\nbody\n");
        assert_eq!(s.meta.title.as_deref(), Some("Broken: [yaml"));
        assert!(!s.warnings.is_empty());
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let s = split("# Title\n\ntext");
        assert_eq!(s.body, "# Title\n\ntext");
        assert!(s.warnings.is_empty());
    }
}
