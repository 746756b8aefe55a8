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
use std::time::{Duration, Instant};

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
    /// How long each stage took (`cargo xtask bench` reports them).
    pub timings: Timings,
}

/// How long the stages of [`generate`] took. The files are emitted, parsed and printed
/// in parallel, one file a task, beside the surface record: `files` and `surface` are
/// wall times that overlap, and `emit`, `parse` and `print` are the threads' times
/// summed over the files (their CPU time on an otherwise idle machine, more when other
/// processes take the cores).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    /// The whole of [`generate`] (wall time).
    pub total: Duration,
    /// Reading, decoding and checking the spec files.
    pub load_and_validate: Duration,
    /// Resolving the spec into Rust names and types, and the emitters' lookups.
    pub model: Duration,
    /// Every file emitted, parsed and printed (wall time).
    pub files: Duration,
    /// The surface record, on a thread of its own beside the files (wall time).
    pub surface: Duration,
    /// Emitting tokens with `quote`, summed over the files.
    pub emit: Duration,
    /// Parsing the tokens into syn trees, and marking methods `#[inline]`, summed.
    pub parse: Duration,
    /// Printing the trees with prettyplease, and dropping them, summed over the files.
    pub print: Duration,
    /// The file that took longest to emit, parse and print, and how long: no parallel
    /// run of the files is shorter.
    pub slowest_file: Option<(std::path::PathBuf, Duration)>,
}

impl Timings {
    fn add_file(&mut self, path: &Path, file: &Timings) {
        self.emit += file.emit;
        self.parse += file.parse;
        self.print += file.print;
        let total = file.emit + file.parse + file.print;
        if self.slowest_file.as_ref().is_none_or(|(_, t)| *t < total) {
            self.slowest_file = Some((path.to_path_buf(), total));
        }
    }
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
    let mut timings = Timings::default();
    let generate_started = Instant::now();
    let spec = load_and_validate(spec_dir).map_err(Error::Spec)?;
    timings.load_and_validate = generate_started.elapsed();
    let started = Instant::now();
    let api = model::build(&spec).map_err(Error::Spec)?;
    let contexts = emit::contexts(&api, options);
    timings.model = started.elapsed();
    // The surface record is one thread's work: it runs beside the files.
    let ((formatted, files_time), (surface, surface_time)) = rayon::join(
        || timed(|| format_files(&api, options, &contexts)),
        || timed(|| surface::record(&spec, &api)),
    );
    (timings.files, timings.surface) = (files_time, surface_time);
    let (test_files, files): (Vec<_>, Vec<_>) = formatted?
        .into_iter()
        .map(|(test_suite, file, file_timings)| {
            timings.add_file(&file.path, &file_timings);
            (test_suite, file)
        })
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
    timings.total = generate_started.elapsed();
    Ok(Generation {
        features,
        service_names: api.services.iter().map(|s| s.name.clone()).collect(),
        surface,
        files,
        test_files,
        services: spec.services.len(),
        operations: spec.operation_count(),
        types: spec.type_count(),
        timings,
    })
}

/// What `work` returns, and how long it took.
fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = work();
    (value, started.elapsed())
}

/// Every file emitted, parsed, marked and printed, in parallel; each with whether it is
/// the test suite's, and how long its stages took; in the order of [`emit::jobs`].
///
/// The files are taken largest first, each by the next free thread: the last ones to
/// start are small, so that no thread waits long for another at the end (rayon's own
/// split of a list hands the second thread the middle of it first).
fn format_files(
    api: &model::Api,
    options: &Options,
    contexts: &[emit::Context<'_>],
) -> Result<Vec<(bool, GeneratedFile, Timings)>, Error> {
    let jobs = emit::jobs(api, options);
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(emit::weight(api, jobs[index].1)));
    let mut done = order
        .into_iter()
        .par_bridge()
        .map(|index| {
            let (path, job) = &jobs[index];
            format_file(api, options, contexts, path, *job).map(|file| (index, file))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    done.sort_by_key(|(index, _)| *index);
    Ok(done.into_iter().map(|(_, file)| file).collect())
}

/// One file emitted, parsed, marked and printed.
fn format_file(
    api: &model::Api,
    options: &Options,
    contexts: &[emit::Context<'_>],
    path: &Path,
    job: emit::FileJob,
) -> Result<(bool, GeneratedFile, Timings), Error> {
    let mut timings = Timings::default();
    let (chunks, emit_time) = timed(|| emit::emit_file(api, options, contexts, job));
    timings.emit = emit_time;
    let (parsed, parse_time) = timed(|| {
        format::parse(chunks).map(|mut file| {
            if !job.is_test_suite() {
                emit::inline::mark_methods_inline(&mut file);
            }
            file
        })
    });
    timings.parse = parse_time;
    let file = parsed.map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
    // Dropping the tree counts as printing's.
    let (contents, print_time) = timed(move || {
        let contents = format::print(&file, !job.is_test_suite());
        drop(file);
        contents
    });
    timings.print = print_time;
    let file = GeneratedFile {
        path: path.to_path_buf(),
        contents,
    };
    Ok((job.is_test_suite(), file, timings))
}

/// Where the generated client goes, relative to the workspace root.
pub const OUTPUT_DIR: &str = "generated-client/src/generated";

/// Where the generated part of the test suite goes, relative to the workspace root.
pub const TEST_OUTPUT_DIR: &str = "tests/src/generated";
