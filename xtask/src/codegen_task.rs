//! `cargo xtask codegen`: spec/ -> generated-client/src/generated/.

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

pub fn run(mode: Mode) -> ExitCode {
    let started = Instant::now();
    let root = workspace_root();
    // Paths in messages are relative to the workspace root, as maintainers see them.
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let generation = match codegen::generate(Path::new("spec"), &codegen::Options::default()) {
        Ok(generation) => generation,
        Err(codegen::Error::Spec(diagnostics)) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "error: the spec has {} mistake{}; nothing was written",
                diagnostics.len(),
                if diagnostics.len() == 1 { "" } else { "s" }
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut outcome = write::Outcome::default();
    for (dir, files) in [
        (codegen::OUTPUT_DIR, &generation.files),
        (codegen::TEST_OUTPUT_DIR, &generation.test_files),
    ] {
        match write::sync(Path::new(dir), files, mode) {
            Ok(part) => outcome.merge(part),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let file_count = generation.files.len() + generation.test_files.len();
    if mode == Mode::Check && !outcome.is_fresh() {
        for path in outcome.stale() {
            eprintln!("stale: {}", path.display());
        }
        eprintln!(
            "error: the generated code is not what spec/ generates; run `cargo xtask codegen`"
        );
        return ExitCode::FAILURE;
    }
    let verb = if mode == Mode::Check {
        "checked"
    } else {
        "written"
    };
    println!(
        "codegen: {} services, {} operations, {} types; {} files ({} {verb}, {} unchanged, {} removed) in {} ms",
        generation.services,
        generation.operations,
        generation.types,
        file_count,
        if mode == Mode::Check {
            file_count
        } else {
            outcome.written.len()
        },
        outcome.unchanged.len(),
        outcome.removed.len(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}
