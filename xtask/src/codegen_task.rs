//! `cargo xtask codegen [--check]`: spec/ -> generated-client/src/generated/ and the
//! tests' generated operations; and the crates generated from other specs ([`EXTRA_TARGETS`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use codegen_generator::surface::{self, Report, Surface, changelog};
use codegen_generator::write::{self, Mode};

use crate::cli::{Arg, Args, Outcome, Workspace};

/// `cargo xtask codegen [--check]`.
pub fn command(args: &mut Args, workspace: &Workspace) -> Outcome {
    let mut mode = Mode::Write;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("check") => mode = Mode::Check,
            arg => return Err(arg.unexpected().into()),
        }
    }
    Ok(run(&workspace.root()?, mode))
}

/// Prints every mistake of the spec with its location; nothing was written.
pub fn report_spec_errors(diagnostics: &codegen_spec::Diagnostics) -> ExitCode {
    eprintln!("{diagnostics}");
    eprintln!(
        "error: the spec has {} mistake{}; nothing was written",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// The spec has mistakes; nothing was written.
    Spec(codegen_spec::Diagnostics),
    /// In check mode: these files are not what the spec generates.
    Stale(Vec<PathBuf>),
    /// The generator or the disk failed.
    Other(String),
}

/// What a successful run did.
#[derive(Debug)]
pub struct Summary {
    pub generation: codegen_generator::Generation,
    pub outcome: write::Outcome,
    /// The changes since the last release; `None` when no release is recorded.
    pub since_release: Option<Report>,
    /// How many files the extra targets have.
    pub extra_files: usize,
}

/// What a run will do: the generated code, how its API differs from the recorded one and
/// from the released one, and the changelog that lists the latter.
#[derive(Debug)]
pub struct Plan {
    pub generation: codegen_generator::Generation,
    /// What the regeneration changes in `api.txt`; `None` when it does not exist yet.
    pub report: Option<Report>,
    /// The changes since the API of `api.released.txt`; `None` when no release is
    /// recorded, and then the changelog is left as it is.
    pub since_release: Option<Report>,
    /// What `CHANGELOG.md` should hold: its Unreleased facts are `since_release`'s.
    pub changelog: Option<String>,
    pub version: String,
    /// The code of each of [`EXTRA_TARGETS`], in its order.
    pub extra: Vec<codegen_generator::Generation>,
}

/// A crate generated from another spec than `spec/`, into a folder of its own: only its code
/// is written, with no API record and no changelog entry.
#[derive(Debug)]
pub struct ExtraTarget {
    /// The spec folder, relative to the workspace root.
    pub spec: &'static str,
    /// The output folder, relative to the workspace root.
    pub output: &'static str,
    /// The path under which the crate's users reach the generated modules.
    pub module_path: &'static str,
}

impl ExtraTarget {
    /// The generator's options: no feature gates, as the crate holds nothing else.
    pub fn options(&self) -> codegen_generator::Options {
        codegen_generator::Options {
            module_path: self.module_path.to_owned(),
            feature_gates: false,
            mocks: false,
        }
    }
}

/// The old and new sides of the change fixtures, each generated into its crate
/// (`compat-old`, `compat-new`), against which `tests/compat/programs/` are compiled.
pub const EXTRA_TARGETS: &[ExtraTarget] = &[
    ExtraTarget {
        spec: "tests/fixtures/changes/old",
        output: "tests/compat/old/src/generated",
        module_path: "compat",
    },
    ExtraTarget {
        spec: "tests/fixtures/changes/new",
        output: "tests/compat/new/src/generated",
        module_path: "compat",
    },
];

fn generate(
    spec_dir: &Path,
    options: &codegen_generator::Options,
) -> Result<codegen_generator::Generation, Failure> {
    match codegen_generator::generate(spec_dir, options) {
        Ok(generation) => Ok(generation),
        Err(codegen_generator::Error::Spec(diagnostics)) => Err(Failure::Spec(diagnostics)),
        Err(e) => Err(Failure::Other(e.to_string())),
    }
}

/// Generates from `<root>/spec` and compares the API with `<root>/generated-client/api.txt`;
/// nothing is written. Paths in messages are as `root` gives them: run from the workspace
/// with an empty root, they read `spec/cloudflare/triggers.json:41:17 ...`.
pub fn plan(root: &Path) -> Result<Plan, Failure> {
    plan_with(root, EXTRA_TARGETS)
}

/// [`plan`] with these extra targets (`cargo xtask bench` times the real spec alone).
///
/// What does not depend on each other runs side by side, as generation is most of the
/// time: the extra targets' generations beside the real spec's (each file a task of the
/// same thread pool), the API records read beside them, and the two comparisons with
/// them together.
pub fn plan_with(root: &Path, extra_targets: &[ExtraTarget]) -> Result<Plan, Failure> {
    let ((generation, extra), (recorded, released)) = rayon::join(
        || {
            rayon::join(
                || generate(&root.join("spec"), &codegen_generator::Options::default()),
                || {
                    extra_targets
                        .par_iter()
                        .map(|target| generate(&root.join(target.spec), &target.options()))
                        .collect::<Result<Vec<_>, _>>()
                },
            )
        },
        || {
            rayon::join(
                || read_record(&root.join(surface::API_FILE)),
                || read_record(&root.join(surface::RELEASED_API_FILE)),
            )
        },
    );
    let (generation, extra) = (generation?, extra?);
    let (recorded, released) = (
        recorded.map_err(Failure::Other)?,
        released.map_err(Failure::Other)?,
    );
    let (report, since_release) = rayon::join(
        || recorded.map(|old| surface::diff(&old, &generation.surface)),
        || released.map(|old| surface::diff(&old, &generation.surface)),
    );
    let changelog = match &since_release {
        Some(since_release) => {
            changelog_with(&root.join(CHANGELOG), since_release).map_err(Failure::Other)?
        }
        None => None,
    };
    let version = client_version(root).map_err(Failure::Other)?;
    Ok(Plan {
        generation,
        report,
        since_release,
        changelog,
        version,
        extra,
    })
}

/// A record of the API (`api.txt`, `api.released.txt`); `None` when the file does not exist.
pub fn read_record(path: &Path) -> Result<Option<Surface>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Surface::parse(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The changelog at `path` with its Unreleased facts the changes since the release; `None`
/// when there is no changelog and nothing to list.
pub fn changelog_with(path: &Path, since_release: &Report) -> Result<Option<String>, String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if since_release.changes.is_empty() {
                return Ok(None);
            }
            changelog::new()
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    changelog::with_unreleased(&existing, since_release)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes (or, in check mode, compares) what a plan generated: both output folders, the
/// API record, the extra targets' folders, the manifest's features and the changelog.
pub fn apply(root: &Path, plan: Plan, mode: Mode) -> Result<Summary, Failure> {
    let Plan {
        generation,
        since_release,
        changelog,
        extra,
        ..
    } = plan;
    // Everything is generated before anything is written: a failure above leaves the
    // disk as it was.
    let mut outcome = write::Outcome::default();
    let other = |e: std::io::Error| Failure::Other(e.to_string());
    for (dir, files) in [
        (codegen_generator::OUTPUT_DIR, &generation.files),
        (codegen_generator::TEST_OUTPUT_DIR, &generation.test_files),
    ] {
        outcome.merge(write::sync(&root.join(dir), files, mode).map_err(other)?);
    }
    for (target, extra) in EXTRA_TARGETS.iter().zip(&extra) {
        outcome.merge(write::sync(&root.join(target.output), &extra.files, mode).map_err(other)?);
    }
    outcome.merge(
        write::sync_file(
            &root.join(surface::API_FILE),
            &generation.surface.to_text(),
            mode,
        )
        .map_err(other)?,
    );
    let manifest_path = root.join(CLIENT_MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| Failure::Other(format!("{}: {e}", manifest_path.display())))?;
    let manifest = codegen_generator::manifest::with_features(&manifest, &generation.features)
        .map_err(|e| Failure::Other(format!("{}: {e}", manifest_path.display())))?;
    outcome.merge(write::sync_file(&manifest_path, &manifest, mode).map_err(other)?);
    if let Some(changelog) = &changelog {
        outcome.merge(write::sync_file(&root.join(CHANGELOG), changelog, mode).map_err(other)?);
    }
    if mode == Mode::Check && !outcome.is_fresh() {
        return Err(Failure::Stale(outcome.stale().cloned().collect()));
    }
    Ok(Summary {
        generation,
        outcome,
        since_release,
        extra_files: extra.iter().map(|g| g.files.len()).sum(),
    })
}

/// Plans and applies in one step.
#[cfg(test)]
pub fn run_in(root: &Path, mode: Mode) -> Result<Summary, Failure> {
    apply(root, plan(root)?, mode)
}

/// The changelog, relative to the workspace root.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// generated-client's manifest, relative to the workspace root.
pub const CLIENT_MANIFEST: &str = "generated-client/Cargo.toml";

/// The `version` of generated-client's `[package]`. The manifest is ours and keeps the
/// key on one line of its own, so a line scan reads it without a TOML parser.
pub fn client_version(root: &Path) -> Result<String, String> {
    let path = root.join(CLIENT_MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .find_map(|line| {
            line.strip_prefix("version = \"")
                .and_then(|rest| rest.strip_suffix('"'))
        })
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no `version = \"x.y.z\"` line", path.display()))
}

pub fn run(root: &Path, mode: Mode) -> ExitCode {
    let started = Instant::now();
    // Paths in messages read relative to the workspace: `spec/cloudflare/triggers.json:41:17`.
    if let Err(e) = std::env::set_current_dir(root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let plan = match plan(Path::new("")) {
        Ok(plan) => plan,
        Err(Failure::Spec(diagnostics)) => return report_spec_errors(&diagnostics),
        Err(failure) => return fail(failure),
    };
    // The change report comes before anything is written.
    match &plan.report {
        Some(report) => {
            println!(
                "API changes of this regeneration, compared with {}:",
                surface::API_FILE
            );
            print!("{}", report.render_changes());
        }
        None => println!(
            "{} does not exist yet: this run records the API, with nothing to compare it with",
            surface::API_FILE
        ),
    }
    match &plan.since_release {
        Some(since_release) => print!(
            "since the last release ({}): {}",
            surface::RELEASED_API_FILE,
            since_release.summary(&plan.version)
        ),
        None => println!(
            "{} does not exist: no release is recorded, so {CHANGELOG} is left as it is; \
             `cargo xtask release` records one",
            surface::RELEASED_API_FILE
        ),
    }
    let Summary {
        generation,
        outcome,
        since_release,
        extra_files,
    } = match apply(Path::new(""), plan, mode) {
        Ok(summary) => summary,
        Err(failure) => return fail(failure),
    };
    if mode == Mode::Write
        && let Some(since_release) = since_release.filter(|r| !r.changes.is_empty())
    {
        println!(
            "{CHANGELOG} lists these {} changes under [Unreleased]; `cargo xtask release` releases them",
            since_release.changes.len()
        );
    }
    let file_count = generation.files.len() + generation.test_files.len() + 1 + extra_files;
    let (verb, count) = match mode {
        Mode::Check => ("checked", file_count),
        Mode::Write => ("written", outcome.written.len()),
    };
    println!(
        "codegen: {} services, {} operations, {} types; {} files, {extra_files} of them the change fixtures' ({count} {verb}, {} unchanged, {} removed) in {} ms",
        generation.services,
        generation.operations,
        generation.types,
        file_count,
        outcome.unchanged.len(),
        outcome.removed.len(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

fn fail(failure: Failure) -> ExitCode {
    match failure {
        Failure::Spec(diagnostics) => report_spec_errors(&diagnostics),
        Failure::Stale(paths) => {
            for path in paths {
                eprintln!("stale: {}", path.display());
            }
            eprintln!(
                "error: the generated code is not what spec/ generates; run `cargo xtask codegen`"
            );
            ExitCode::FAILURE
        }
        Failure::Other(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod changelog_tests;
#[cfg(test)]
mod tests;
