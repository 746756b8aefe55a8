//! Shared helpers of the test suites in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace root, whatever directory the tests run in.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}
