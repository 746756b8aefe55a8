//! The API spec of `spec/`: what both pipelines share, at the bottom of each.
//!
//! ```text
//! spec/ -> load -> validate -> (codegen-generator: model -> emit -> format -> write)
//! pages/ -> (codegen-pages: page model -> check and draft against this spec)
//! ```
//!
//! - [`diagnostics`]: positions, JSON paths and messages, so that every mistake names its
//!   file, line and column and what was expected;
//! - [`json`]: a JSON reader that keeps where each value was written;
//! - [`naming`]: how spec names become Rust identifiers, which the checks and the
//!   generator share;
//! - [`spec`]: the spec as written, with its name resolution and path templates;
//! - `load` reads every spec file into the typed spec, and `validate` checks it across
//!   files.
//!
//! [`load_and_validate`] and [`load_and_validate_texts`] are the entry points; a spec they
//! return is one the generator accepts.

pub mod diagnostics;
pub mod json;
mod load;
pub mod naming;
pub mod spec;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
mod validate;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use load::SpecText;

/// Loads `spec_dir` and validates it: the spec, or every mistake in it.
pub fn load_and_validate(spec_dir: &Path) -> Result<spec::Spec, Diagnostics> {
    let spec = load::load(spec_dir)?;
    validate::validate(&spec)?;
    Ok(spec)
}

/// [`load_and_validate`] for spec files held in memory instead of read from a folder: the
/// same parsing, decoding and checks (the fuzz targets use it). A service's files are
/// consecutive in `files`, as in its folder.
pub fn load_and_validate_texts(files: &[SpecText<'_>]) -> Result<spec::Spec, Diagnostics> {
    let spec = load::load_texts(files)?;
    validate::validate(&spec)?;
    Ok(spec)
}
