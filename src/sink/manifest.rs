//! `manifest.json`: what was run, on what, with what result.

use super::io_err;
use crate::config::Config;
use crate::error::RunError;
use crate::pipeline::Summary;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// What the manifest records about a run.
pub struct RunInfo<'a> {
    pub config: &'a Config,
    pub summary: &'a Summary,
    pub started: SystemTime,
    pub finished: SystemTime,
    pub skipped: &'a [PathBuf],
}

/// RFC 3339 UTC timestamp with millisecond precision.
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

pub fn write(path: &Path, info: &RunInfo<'_>) -> Result<(), RunError> {
    let c = info.config;
    let s = info.summary;
    let m = json!({
        "schema_version": crate::model::SCHEMA_VERSION,
        "tool": "howtokb",
        "version": env!("CARGO_PKG_VERSION"),
        "options": {
            "jobs": c.jobs,
            "max_bytes": c.max_bytes,
            "keep_images": c.keep_images,
            "audit": c.audit,
            "rules_files": c.rules_files,
            "chunk_size": c.chunk_size,
        },
        "inputs": c.inputs,
        "output": c.output,
        "counts": {
            "inputs": s.inputs,
            "articles": s.articles,
            "errors": s.errors,
            "skipped": s.skipped,
            "removed": s.removed,
        },
        "skipped_files": info.skipped,
        "started": rfc3339(info.started),
        "finished": rfc3339(info.finished),
        "seconds": s.seconds,
    });
    let mut f = std::fs::File::create(path).map_err(io_err(path))?;
    let text = serde_json::to_string_pretty(&m).map_err(|e| RunError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    f.write_all(text.as_bytes()).map_err(io_err(path))?;
    f.write_all(b"\n").map_err(io_err(path))?;
    f.sync_all().map_err(io_err(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_utc_timestamps() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(1_721_446_741_341);
        assert_eq!(rfc3339(t), "2024-07-20T03:39:01.341Z");
    }
}
