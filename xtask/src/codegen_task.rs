//! `cargo xtask codegen [--check]`: spec/ -> generated-client/src/generated/ and the
//! tests' generated operations.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::write::{self, Mode};

/// The workspace root: xtask's manifest sits one level below it.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Prints every mistake of the spec with its location; nothing was written.
pub fn report_spec_errors(diagnostics: &codegen::Diagnostics) -> ExitCode {
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
    Spec(codegen::Diagnostics),
    /// In check mode: these files are not what the spec generates.
    Stale(Vec<PathBuf>),
    /// The generator or the disk failed.
    Other(String),
}

/// What a successful run did.
#[derive(Debug)]
pub struct Summary {
    pub generation: codegen::Generation,
    pub outcome: write::Outcome,
}

/// Generates from `<root>/spec` and syncs both output folders under `root`. Paths in
/// messages are as `root` gives them: run from the workspace with an empty root, they
/// read `spec/cloudflare/triggers.json:41:17 ...`.
pub fn run_in(root: &Path, mode: Mode) -> Result<Summary, Failure> {
    let generation = match codegen::generate(&root.join("spec"), &codegen::Options::default()) {
        Ok(generation) => generation,
        Err(codegen::Error::Spec(diagnostics)) => return Err(Failure::Spec(diagnostics)),
        Err(e) => return Err(Failure::Other(e.to_string())),
    };
    // Everything is generated before anything is written: a failure above leaves the
    // disk as it was.
    let mut outcome = write::Outcome::default();
    for (dir, files) in [
        (codegen::OUTPUT_DIR, &generation.files),
        (codegen::TEST_OUTPUT_DIR, &generation.test_files),
    ] {
        let part =
            write::sync(&root.join(dir), files, mode).map_err(|e| Failure::Other(e.to_string()))?;
        outcome.merge(part);
    }
    if mode == Mode::Check && !outcome.is_fresh() {
        return Err(Failure::Stale(outcome.stale().cloned().collect()));
    }
    Ok(Summary {
        generation,
        outcome,
    })
}

pub fn run(mode: Mode) -> ExitCode {
    let started = Instant::now();
    let root = workspace_root();
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let Summary {
        generation,
        outcome,
    } = match run_in(Path::new(""), mode) {
        Ok(summary) => summary,
        Err(Failure::Spec(diagnostics)) => return report_spec_errors(&diagnostics),
        Err(Failure::Stale(paths)) => {
            for path in paths {
                eprintln!("stale: {}", path.display());
            }
            eprintln!(
                "error: the generated code is not what spec/ generates; run `cargo xtask codegen`"
            );
            return ExitCode::FAILURE;
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let file_count = generation.files.len() + generation.test_files.len();
    let (verb, count) = match mode {
        Mode::Check => ("checked", file_count),
        Mode::Write => ("written", outcome.written.len()),
    };
    println!(
        "codegen: {} services, {} operations, {} types; {} files ({count} {verb}, {} unchanged, {} removed) in {} ms",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the workspace's spec and generated code in a temporary folder, removed
    /// on drop.
    fn copy_of_workspace(name: &str) -> std::io::Result<tempfile::TempDir> {
        let root = tempfile::Builder::new()
            .prefix(&format!("xtask-{name}-"))
            .tempdir()?;
        let source = workspace_root();
        for dir in ["spec", codegen::OUTPUT_DIR, codegen::TEST_OUTPUT_DIR] {
            copy_dir(&source.join(dir), &root.path().join(dir))?;
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
            root.join(codegen::OUTPUT_DIR),
            root.join(codegen::TEST_OUTPUT_DIR),
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
    fn check_names_stale_files_and_write_mends_them() -> std::io::Result<()> {
        let copy = copy_of_workspace("stale")?;
        let root = copy.path();
        assert!(
            run_in(root, Mode::Check).is_ok(),
            "the committed code is not fresh"
        );
        let edited = root.join(codegen::OUTPUT_DIR).join("cloudflare/logs.rs");
        std::fs::write(&edited, "// edited by hand\n")?;
        let extra = root.join(codegen::OUTPUT_DIR).join("cloudflare/extra.rs");
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
}
