//! The client generated from `tests/fixtures/changes/new/`: one service per change fixture,
//! as it is after its change. The programs of `tests/compat/programs/` are written
//! against the old side and compiled against both (see `tests/compat/README.md`).
//!
//! `src/generated/` is written by `cargo xtask codegen`; do not edit it by hand.

mod generated;
pub use generated::*;
