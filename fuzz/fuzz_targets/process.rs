//! Fuzzes the per-document function: any bytes, as a Markdown post or a
//! rendered page, must give an article or an error record, never a panic
//! (caught panics are turned back into crashes here so libFuzzer sees them)
//! and never a stack overflow.
#![no_main]

use howtokb::clean::Rules;
use howtokb::pipeline::DocOptions;
use howtokb::{process_bytes, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::builtin().expect("built-in rules"));

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format and options, the rest is the document.
    let Some((&flags, doc)) = data.split_first() else {
        return;
    };
    let format = if flags & 1 == 0 {
        Format::Markdown
    } else {
        Format::Html
    };
    let opts = DocOptions {
        max_bytes: 4 << 20,
        keep_images: flags & 2 != 0,
    };
    if let Err(e) = process_bytes("fuzz", format, doc, &RULES, opts) {
        assert!(
            !e.error.contains("internal error"),
            "caught panic: {}",
            e.error
        );
    }
});
