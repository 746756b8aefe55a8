//! `cargo xtask codegen [--check]`: spec/ -> generated-client/src/generated/ and the
//! tests' generated operations; and the crates generated from other specs ([`EXTRA_TARGETS`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
    /// What the regeneration changes in the recorded API; `None` when none was recorded.
    pub report: Option<Report>,
    /// How many files the extra targets have.
    pub extra_files: usize,
}

/// What a run will do: the generated code and how its API differs from the recorded one.
#[derive(Debug)]
pub struct Plan {
    pub generation: codegen_generator::Generation,
    pub report: Option<Report>,
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
    let generation = generate(&root.join("spec"), &codegen_generator::Options::default())?;
    let extra = EXTRA_TARGETS
        .iter()
        .map(|target| generate(&root.join(target.spec), &target.options()))
        .collect::<Result<Vec<_>, _>>()?;
    let api_path = root.join(surface::API_FILE);
    let recorded = match std::fs::read_to_string(&api_path) {
        Ok(text) => Some(
            Surface::parse(&text)
                .map_err(|e| Failure::Other(format!("{}: {e}", api_path.display())))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Failure::Other(format!("{}: {e}", api_path.display()))),
    };
    let report = recorded.map(|old| surface::diff(&old, &generation.surface));
    let version = client_version(root).map_err(Failure::Other)?;
    Ok(Plan {
        generation,
        report,
        version,
        extra,
    })
}

/// Writes (or, in check mode, compares) what a plan generated: both output folders, the
/// API record, the extra targets' folders, and in write mode the changelog's Unreleased
/// section.
pub fn apply(root: &Path, plan: Plan, mode: Mode) -> Result<Summary, Failure> {
    let Plan {
        generation,
        report,
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
    if mode == Mode::Check && !outcome.is_fresh() {
        return Err(Failure::Stale(outcome.stale().cloned().collect()));
    }
    if mode == Mode::Write
        && let Some(report) = report.as_ref().filter(|r| !r.changes.is_empty())
    {
        let path = root.join(CHANGELOG);
        let existing = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => changelog::new(),
            Err(e) => return Err(Failure::Other(format!("{}: {e}", path.display()))),
        };
        std::fs::write(&path, changelog::add_unreleased(&existing, report))
            .map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
    }
    Ok(Summary {
        generation,
        outcome,
        report,
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
            println!("API changes, compared with {}:", surface::API_FILE);
            print!("{}", report.render(&plan.version));
        }
        None => println!(
            "{} does not exist yet: this run records the API, with nothing to compare it with",
            surface::API_FILE
        ),
    }
    let Summary {
        generation,
        outcome,
        report,
        extra_files,
    } = match apply(Path::new(""), plan, mode) {
        Ok(summary) => summary,
        Err(failure) => return fail(failure),
    };
    if mode == Mode::Write && report.as_ref().is_some_and(|r| !r.changes.is_empty()) {
        println!(
            "the changes are added to {CHANGELOG} under [Unreleased]; `cargo xtask release` releases them"
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
mod tests {
    use super::*;

    /// A copy of the workspace's spec and generated code in a temporary folder, removed
    /// on drop.
    fn copy_of_workspace(name: &str) -> std::io::Result<tempfile::TempDir> {
        let root = tempfile::Builder::new()
            .prefix(&format!("xtask-{name}-"))
            .tempdir()?;
        let source = crate::workspace::source_root();
        let extra = EXTRA_TARGETS.iter().flat_map(|t| [t.spec, t.output]);
        for dir in [
            "spec",
            codegen_generator::OUTPUT_DIR,
            codegen_generator::TEST_OUTPUT_DIR,
        ]
        .into_iter()
        .chain(extra)
        {
            copy_dir(&source.join(dir), &root.path().join(dir))?;
        }
        for file in [surface::API_FILE, CLIENT_MANIFEST, CHANGELOG] {
            std::fs::copy(source.join(file), root.path().join(file))?;
        }
        Ok(root)
    }

    fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let path = entry?.path();
            let target = to.join(path.file_name().unwrap_or_default());
            if path.is_dir() {
                copy_dir(&path, &target)?;
            } else {
                std::fs::copy(&path, &target)?;
            }
        }
        Ok(())
    }

    /// Every generated file and its bytes.
    fn snapshot(root: &Path) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
        let mut files = Vec::new();
        let mut pending = vec![
            root.join(codegen_generator::OUTPUT_DIR),
            root.join(codegen_generator::TEST_OUTPUT_DIR),
        ];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    files.push((path.clone(), std::fs::read(&path)?));
                }
            }
        }
        files.sort();
        Ok(files)
    }

    #[test]
    fn a_broken_spec_reports_every_mistake_and_writes_nothing() -> std::io::Result<()> {
        let copy = copy_of_workspace("broken")?;
        let root = copy.path();
        let triggers = root.join("spec/cloudflare/triggers.json");
        let text = std::fs::read_to_string(&triggers)?;
        std::fs::write(
            &triggers,
            text.replacen("\"type\": \"string\"", "\"type\": \"strng\"", 2),
        )?;
        let before = snapshot(root)?;
        let result = run_in(root, Mode::Write);
        let Err(Failure::Spec(diagnostics)) = result else {
            panic!("expected spec errors, got {result:?}")
        };
        assert_eq!(diagnostics.len(), 2, "{diagnostics}");
        for diagnostic in diagnostics.iter() {
            assert!(
                diagnostic.file.ends_with("spec/cloudflare/triggers.json"),
                "{diagnostic}"
            );
            assert!(
                diagnostic.message.starts_with("unknown type \"strng\""),
                "{diagnostic}"
            );
        }
        assert!(
            snapshot(root)? == before,
            "a broken spec changed the generated code"
        );
        Ok(())
    }

    #[test]
    fn a_regeneration_reports_its_api_changes_and_adds_them_to_the_changelog() -> std::io::Result<()>
    {
        let copy = copy_of_workspace("changes")?;
        let root = copy.path();
        let unchanged = match plan(root) {
            Ok(plan) => plan.report,
            Err(e) => panic!("{e:?}"),
        };
        let unchanged = unchanged.unwrap_or_else(|| panic!("no recorded API"));
        assert_eq!(unchanged.render("0.2.0"), "no API changes\n");
        // A page adds a value to an enum sent and received, and drops a response field.
        let repo = root.join("spec/cloudflare/repo_connections.json");
        let text = std::fs::read_to_string(&repo)?;
        std::fs::write(
            &repo,
            text.replacen(
                "\"gitlab_internal\"",
                "\"gitlab_internal\",\n          \"bitbucket\"",
                1,
            ),
        )?;
        let logs = root.join("spec/cloudflare/logs.json");
        let text = std::fs::read_to_string(&logs)?;
        let truncated = "\"truncated\": {\n          \"type\": \"boolean\"\n        }";
        assert!(text.contains(truncated), "logs.json changed shape");
        let text = text
            .replacen(&format!(",\n        {truncated}"), "", 1)
            .replace(",\n                \"truncated\": false", "");
        std::fs::write(&logs, text)?;
        let summary = match run_in(root, Mode::Write) {
            Ok(summary) => summary,
            Err(e) => panic!("{e:?}"),
        };
        let report = summary.report.unwrap_or_else(|| panic!("no report"));
        let rendered = report.render("0.2.0");
        assert!(
            rendered.contains("enum-value-added-in-responses  cloudflare::ProviderType.\"bitbucket\": value Bitbucket"),
            "{rendered}"
        );
        assert!(
            rendered.contains("field-removed                  cloudflare::BuildLogs.truncated"),
            "{rendered}"
        );
        assert!(
            rendered.ends_with(
                "generated-client 0.2.0 -> 0.3.0 (a breaking change before 1.0: minor bump)\n"
            ),
            "{rendered}"
        );
        let changelog = std::fs::read_to_string(root.join(CHANGELOG))?;
        let unreleased = changelog
            .split_once("## [Unreleased]")
            .and_then(|(_, rest)| rest.split("\n## [").next())
            .unwrap_or_default();
        let added = unreleased.split("### Added").nth(1).unwrap_or_default();
        let removed = unreleased.split("### Removed").nth(1).unwrap_or_default();
        assert!(
            added.contains("- additive (enum-value-added-in-responses): `cloudflare::ProviderType.\"bitbucket\"`"),
            "{changelog}"
        );
        assert!(
            removed.contains("- **breaking** (field-removed): `cloudflare::BuildLogs.truncated`"),
            "{changelog}"
        );
        // The record is now the new API: a second run reports nothing.
        match plan(root).map(|p| p.report) {
            Ok(Some(report)) => assert!(report.changes.is_empty(), "{}", report.render("0.2.0")),
            other => panic!("{other:?}"),
        }
        Ok(())
    }

    #[test]
    fn check_names_stale_files_and_write_mends_them() -> std::io::Result<()> {
        let copy = copy_of_workspace("stale")?;
        let root = copy.path();
        assert!(
            run_in(root, Mode::Check).is_ok(),
            "the committed code is not fresh"
        );
        let edited = root
            .join(codegen_generator::OUTPUT_DIR)
            .join("cloudflare/logs.rs");
        std::fs::write(&edited, "// edited by hand\n")?;
        let extra = root
            .join(codegen_generator::OUTPUT_DIR)
            .join("cloudflare/extra.rs");
        std::fs::write(&extra, "// not generated\n")?;
        let result = run_in(root, Mode::Check);
        let Err(Failure::Stale(stale)) = result else {
            panic!("expected stale files, got {result:?}")
        };
        assert_eq!(stale, [edited.clone(), extra.clone()]);
        let written = match run_in(root, Mode::Write) {
            Ok(summary) => summary.outcome,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(written.written, [edited]);
        assert_eq!(written.removed, [extra]);
        assert!(run_in(root, Mode::Check).is_ok());
        Ok(())
    }

    #[test]
    fn the_extra_targets_are_checked_and_written_without_a_record() -> std::io::Result<()> {
        let copy = copy_of_workspace("extra")?;
        let root = copy.path();
        let changelog = std::fs::read_to_string(root.join(CHANGELOG))?;
        let mut edited = Vec::new();
        for target in EXTRA_TARGETS {
            let path = root.join(target.output).join("mod.rs");
            std::fs::write(&path, "// edited by hand\n")?;
            edited.push(path);
        }
        let result = run_in(root, Mode::Check);
        let Err(Failure::Stale(stale)) = result else {
            panic!("expected stale files, got {result:?}")
        };
        assert_eq!(stale, edited);
        let summary = match run_in(root, Mode::Write) {
            Ok(summary) => summary,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(summary.outcome.written, edited);
        assert!(summary.extra_files > EXTRA_TARGETS.len());
        assert!(run_in(root, Mode::Check).is_ok());
        // Only the code: no API change reported, nothing added to the changelog.
        assert!(summary.report.is_some_and(|r| r.changes.is_empty()));
        assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, changelog);
        Ok(())
    }
}
