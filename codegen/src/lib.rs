//! The SDK generator: `spec/` -> load -> validate -> model -> emit -> format -> write.
//!
//! - [`load`] reads every spec file into the typed [`spec`], keeping positions;
//! - `validate` checks the spec across files;
//! - `model` resolves it into Rust names and types;
//! - `emit` turns the model into tokens, one emitter per kind of output;
//! - `format` prints them with prettyplease, and `write` compares them with the disk.

pub mod diagnostics;
pub mod load;
pub mod spec;

pub use diagnostics::{Diagnostic, Diagnostics};
