//! The reader of Cloudflare's current layout (`Layout::CloudflareDetails`) on arbitrary
//! text, and the resolution of the collapsed types its operation pages print from the
//! models of its resource pages.
//!
//! Input: one or more pages separated by NUL bytes (pages have none), at most eight;
//! non-UTF-8 input is read as the lossy text. Each page is read with the reader; the
//! pages it reads go through `resolve_models` together, as `cargo xtask docs check` has
//! them, and the result is `Debug`-printed.

#![no_main]

use codegen_pages::pages::{Hints, Layout, read, resolve_models};
use libfuzzer_sys::fuzz_target;

/// More pages add nothing a pair does not reach, and take longer.
const MAX_PAGES: usize = 8;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let hints = Hints::default();
    let mut pages = Vec::new();
    for (index, part) in text.split('\0').take(MAX_PAGES).enumerate() {
        let file = format!("pages/cloudflare/fuzz{index}/index.md");
        match read(&file, part, Layout::CloudflareDetails, &hints) {
            Ok(page) => pages.push(page),
            Err(diagnostics) => {
                let _ = diagnostics.to_string();
            }
        }
    }
    resolve_models(&mut pages);
    let _ = format!("{pages:?}");
});
