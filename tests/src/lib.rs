//! Shared parts of the test suites in `tests/tests/`: the replay harness that drives every
//! operation from the spec's examples, and the operations themselves, generated from the
//! spec by `cargo xtask codegen`.

// Generated test suites name their services by the crate's path, as downstream code would.
extern crate self as tests;

use std::path::{Path, PathBuf};

pub mod openapi_validator;
pub mod replay;
pub mod snapshots;
pub mod wire_replay;

/// Generated from the spec; checked fresh by `tests/codegen_fresh.rs`.
pub mod generated {
    pub mod operations;
}

/// The workspace root, whatever directory the tests run in.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}
