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
pub mod naming;
pub mod validate;

/// Loads `spec_dir` and validates it: the spec, or every mistake in it.
pub fn load_and_validate(spec_dir: &std::path::Path) -> Result<spec::Spec, Diagnostics> {
    let spec = load::load(spec_dir)?;
    validate::validate(&spec)?;
    Ok(spec)
}
