//! What fuzzing found, kept fixed: every input under `fuzz/regressions/details_reader/`
//! goes through the entry points its fuzz target calls (FUZZING.md), split as the target
//! splits it, and must give pages or messages, never a panic.

use std::path::{Path, PathBuf};

use codegen_pages::pages::{Hints, Layout, read, resolve_models};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The regression inputs of a fuzz target, in name order.
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = workspace().join("fuzz/regressions").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), data)
        })
        .collect();
    inputs.sort();
    inputs
}

/// As `fuzz/fuzz_targets/details_reader.rs`: pages between NUL bytes, read, then resolved
/// together; the number of pages read.
fn details_reader(data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let mut pages = Vec::new();
    for (index, part) in text.split('\0').take(8).enumerate() {
        let file = format!("pages/cloudflare/fuzz{index}/index.md");
        match read(&file, part, Layout::CloudflareDetails, &Hints::default()) {
            Ok(page) => pages.push(page),
            Err(diagnostics) => assert!(!diagnostics.to_string().is_empty()),
        }
    }
    resolve_models(&mut pages);
    let _ = format!("{pages:?}");
    pages.len()
}

#[test]
fn details_reader_regressions_read_or_are_refused() {
    let inputs = regressions("details_reader");
    assert!(
        !inputs.is_empty(),
        "fuzz/regressions/details_reader/ has no inputs"
    );
    for (name, data) in inputs {
        eprintln!("{name}: {} pages read", details_reader(&data));
    }
}
