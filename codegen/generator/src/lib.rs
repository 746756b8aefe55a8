//! The SDK generator: the second half of the spec pipeline, from a validated spec to the
//! files of the client.
//!
//! ```text
//! spec/ -> codegen-spec (load -> validate) -> model -> emit -> format -> write
//!                                                   \-> surface (api.txt, changelog)
//!                                                   \-> openapi (documents)
//! ```
//!
//! - `model` resolves a valid spec into Rust names and types;
//! - `emit` turns the model into tokens, one emitter per kind of output;
//! - [`format`](mod@format) prints them with prettyplease, and [`write`](mod@write) compares
//!   them with the disk; [`manifest`] writes the client's features into its `Cargo.toml`;
//! - [`surface`] records the generated public API and classifies what changes in it;
//! - [`openapi`] exports the spec as OpenAPI documents.
//!
//! The stages in between are the crate's own; [`generate`] is the entry point. Loading and
//! validating the spec are codegen-spec's ([`codegen_spec::load_and_validate`]); a spec
//! with mistakes comes back as [`Error::Spec`].

mod emit;
pub mod format;
pub mod manifest;
mod model;
pub mod openapi;
pub mod surface;
pub mod write;

use std::fmt;
use std::path::Path;

use rayon::prelude::*;

use codegen_spec::{Diagnostics, load_and_validate};
pub use emit::Options;
pub use write::GeneratedFile;

/// The generated code of a spec, in memory.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The client's files, relative to [`OUTPUT_DIR`], in a stable order.
    pub files: Vec<GeneratedFile>,
    /// The test suite's files, relative to [`TEST_OUTPUT_DIR`].
    pub test_files: Vec<GeneratedFile>,
    /// The public API the client's files make up, for [`surface::API_FILE`].
    pub surface: surface::Surface,
    /// The client's cargo features, each with the features it enables: a service's
    /// enables its resources', a resource's those of the resources whose types it names
    /// ([`manifest::with_features`] writes them).
    pub features: Vec<(String, Vec<String>)>,
    /// The services' names, which are also their features' names.
    pub service_names: Vec<String>,
    pub services: usize,
    pub operations: usize,
    pub types: usize,
}

/// Why there is no generated code.
#[derive(Debug)]
pub enum Error {
    /// The spec has mistakes; each names its file, line, column and JSON path.
    Spec(Diagnostics),
    /// The generator produced invalid Rust: a bug in the generator, not in the spec.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Error::Internal(message) => write!(f, "internal error in the generator: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Runs the whole pipeline up to formatted text; nothing is written.
pub fn generate(spec_dir: &Path, options: &Options) -> Result<Generation, Error> {
    let spec = load_and_validate(spec_dir).map_err(Error::Spec)?;
    let api = model::build(&spec).map_err(Error::Spec)?;
    let contexts = emit::contexts(&api, options);
    // The surface record is one thread's work: it runs beside the files.
    let (formatted, surface) = rayon::join(
        || format_files(&api, options, &contexts),
        || surface::record(&spec, &api),
    );
    let (test_files, files): (Vec<_>, Vec<_>) = formatted?
        .into_iter()
        .partition(|(test_suite, _)| *test_suite);
    let (files, test_files) = (
        files.into_iter().map(|(_, file)| file).collect(),
        test_files.into_iter().map(|(_, file)| file).collect(),
    );
    let features = api
        .services
        .iter()
        .flat_map(|service| {
            let resources = service.resource_features();
            let all = resources.iter().map(|(name, _)| name.clone()).collect();
            std::iter::once((service.name.clone(), all)).chain(resources)
        })
        .collect();
    Ok(Generation {
        features,
        service_names: api.services.iter().map(|s| s.name.clone()).collect(),
        surface,
        files,
        test_files,
        services: spec.services.len(),
        operations: spec.operation_count(),
        types: spec.type_count(),
    })
}

/// Every file emitted, parsed, marked and printed, in parallel; each with whether it is
/// the test suite's.
fn format_files(
    api: &model::Api,
    options: &Options,
    contexts: &[emit::Context<'_>],
) -> Result<Vec<(bool, GeneratedFile)>, Error> {
    emit::jobs(api, options)
        .par_iter()
        .map(|(path, job)| {
            let chunks = emit::emit_file(api, options, contexts, *job);
            format::parse(chunks)
                .map(|mut file| {
                    if !job.is_test_suite() {
                        emit::inline::mark_methods_inline(&mut file);
                    }
                    let contents = format::print(&file, !job.is_test_suite());
                    let file = GeneratedFile {
                        path: path.clone(),
                        contents,
                    };
                    (job.is_test_suite(), file)
                })
                .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))
        })
        .collect()
}

/// Where the generated client goes, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated-client/src/generated";

/// Where the generated part of the test suite goes, relative to the workspace root.
pub const TEST_OUTPUT_DIR: &str = "tests/src/generated";
