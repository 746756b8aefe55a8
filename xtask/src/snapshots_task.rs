//! `cargo xtask snapshots`: rewrites every snapshot case's `expected/` from its `spec/`
//! (`tests/fixtures/snapshots/<case>/`), the client and its test suite, after a deliberate
//! change to the generator. `cargo test -p tests --test snapshots` checks them; it cannot
//! rewrite them itself when the stale snapshots no longer compile as part of its crate.

use std::path::Path;
use std::process::ExitCode;

use codegen_generator::write::Mode;

use crate::cli::{Args, Outcome, Workspace};

const CASES: &str = "tests/fixtures/snapshots";

/// `cargo xtask snapshots`.
pub fn command(args: &mut Args, workspace: &Workspace) -> Outcome {
    args.finish()?;
    Ok(run(&workspace.root()?))
}

fn run(workspace_root: &Path) -> ExitCode {
    let root = workspace_root.join(CASES);
    let entries = match std::fs::read_dir(&root) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", root.display());
            return ExitCode::FAILURE;
        }
    };
    let mut cases: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let mut failed = false;
    for case in &cases {
        match regenerate(&root.join(case), case) {
            Ok(written) => println!("{case}: {written} files written"),
            Err(message) => {
                eprintln!("{case}: {message}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes one case's `expected/`: how many files changed, or why it could not.
fn regenerate(dir: &Path, case: &str) -> Result<usize, String> {
    let options = codegen_generator::Options {
        module_path: format!("tests::snapshots::{case}"),
        feature_gates: false,
        mocks: true,
    };
    let generation =
        codegen_generator::generate(&dir.join("spec"), &options).map_err(|e| format!("{e}"))?;
    let files: Vec<codegen_generator::GeneratedFile> = generation
        .files
        .iter()
        .chain(&generation.test_files)
        .cloned()
        .collect();
    let expected = dir.join("expected");
    let outcome = codegen_generator::write::sync(&expected, &files, Mode::Write)
        .map_err(|e| format!("cannot write {}: {e}", expected.display()))?;
    Ok(outcome.stale().count())
}
