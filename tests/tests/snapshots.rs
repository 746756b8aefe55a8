//! Snapshot tests of the generator: one small spec per construct under
//! `fixtures/snapshots/<case>/spec/`, generated and compared with the committed output in
//! `fixtures/snapshots/<case>/expected/`. `tests/src/snapshots.rs` compiles every
//! `expected/` tree as part of the `tests` library, so a snapshot that does not compile, or
//! warns, fails the build.
//!
//! After a deliberate change to the generator, regenerate the snapshots with
//! `cargo xtask snapshots` (or `UPDATE_SNAPSHOTS=1 cargo test -p tests --test snapshots`
//! while they still compile), then read the diff.

use std::path::{Path, PathBuf};

use codegen_generator::write::{self, Mode};

const FIXTURES: &str = "fixtures/snapshots";

/// Every case folder under `fixtures/snapshots`, by name, sorted.
fn cases() -> Vec<String> {
    let dir = tests::workspace_root().join("tests").join(FIXTURES);
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut cases: Vec<String> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(
        !cases.is_empty(),
        "no snapshot cases under {}",
        dir.display()
    );
    cases
}

fn case_dir(case: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests")
        .join(FIXTURES)
        .join(case)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1")
}

/// A line diff of `path` on disk against what the generator produced for it.
fn diff(path: &Path, generated: Option<&str>) -> String {
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = generated.unwrap_or_default();
    similar::TextDiff::from_lines(&committed, generated)
        .unified_diff()
        .context_radius(3)
        .header("committed", "generated")
        .to_string()
}

/// Generates `case` and compares it with (or, when updating, writes it to) `expected/`;
/// the description of what is stale, if anything is.
fn check(case: &str) -> Option<String> {
    let dir = case_dir(case);
    let options = codegen_generator::Options {
        module_path: format!("tests::snapshots::{case}"),
        feature_gates: false,
        mocks: true,
    };
    let generation = match codegen_generator::generate(&dir.join("spec"), &options) {
        Ok(generation) => generation,
        Err(e) => return Some(format!("{case}: the spec does not generate:\n{e}")),
    };
    let expected = dir.join("expected");
    let mode = if updating() { Mode::Write } else { Mode::Check };
    // The client, and beside it the test suite that replays the case's examples.
    let files: Vec<codegen_generator::GeneratedFile> = generation
        .files
        .iter()
        .chain(&generation.test_files)
        .cloned()
        .collect();
    let outcome = match write::sync(&expected, &files, mode) {
        Ok(outcome) => outcome,
        Err(e) => return Some(format!("{case}: cannot sync {}: {e}", expected.display())),
    };
    if mode == Mode::Write || outcome.is_fresh() {
        return None;
    }
    let stale: Vec<&PathBuf> = outcome.stale().collect();
    let first = stale[0];
    let generated = files
        .iter()
        .find(|f| expected.join(&f.path) == *first)
        .map(|f| f.contents.as_str());
    Some(format!(
        "{case}: the snapshot is stale; if the change is intended, run \
         `UPDATE_SNAPSHOTS=1 cargo test -p tests --test snapshots` and review the diff.\n\
         Stale files:\n{}\n\nDiff of {}:\n{}",
        stale
            .iter()
            .map(|p| format!("  {}", p.display()))
            .collect::<Vec<_>>()
            .join("\n"),
        first.display(),
        diff(first, generated)
    ))
}

#[test]
fn snapshots_are_what_the_generator_produces() {
    let failures: Vec<String> = cases().iter().filter_map(|case| check(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_snapshot_is_compiled() {
    let module = tests::workspace_root().join("tests/src/snapshots.rs");
    let text = std::fs::read_to_string(&module)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", module.display()));
    let missing: Vec<String> = cases()
        .into_iter()
        .filter(|case| {
            let path = format!("\"../fixtures/snapshots/{case}/expected/mod.rs\"");
            let operations = format!("\"../fixtures/snapshots/{case}/expected/operations.rs\"");
            let declarations = [
                format!("pub mod {case};"),
                format!("pub mod {case}_operations;"),
            ];
            !(text.contains(&path)
                && text.contains(&operations)
                && declarations.iter().all(|d| text.contains(d)))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "snapshot cases not compiled by tests/src/snapshots.rs; add \
         `#[path = \"../fixtures/snapshots/<case>/expected/mod.rs\"] pub mod <case>;`, and its \
         `operations.rs` as `<case>_operations`, for: {}",
        missing.join(", ")
    );
}

#[test]
fn every_case_has_a_spec_and_expected_output() {
    for case in cases() {
        let dir = case_dir(&case);
        assert!(
            dir.join("spec").is_dir(),
            "{case}: no spec/ folder in {}",
            dir.display()
        );
        if !updating() {
            assert!(
                dir.join("expected/mod.rs").is_file(),
                "{case}: no expected/mod.rs; run `UPDATE_SNAPSHOTS=1 cargo test -p tests --test snapshots`"
            );
        }
    }
}
