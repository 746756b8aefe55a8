//! xtask works on the checkout it is run in, found from the current directory at run time,
//! not on the one it was compiled in: run from a copy of the workspace, it checks and
//! writes the copy.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The checkout this test was compiled in.
fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// What `cargo xtask codegen` reads and writes, relative to the root.
const CODEGEN_INPUTS: &[&str] = &[
    "spec",
    "generated-client/src/generated",
    "generated-client/api.txt",
    "generated-client/api.released.txt",
    "generated-client/Cargo.toml",
    "tests/src/generated",
    "tests/fixtures/changes",
    "tests/compat/old/src/generated",
    "tests/compat/new/src/generated",
    "CHANGELOG.md",
];

fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).map(drop)
    }
}

/// A checkout of the workspace's codegen inputs and outputs under `dir`: a root manifest
/// with `[workspace]`, an `xtask/` folder, and what codegen reads and writes.
fn fake_checkout(dir: &Path) -> std::io::Result<PathBuf> {
    let root = dir.join("checkout");
    std::fs::create_dir_all(root.join("xtask"))?;
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"xtask\"]\n",
    )?;
    let source = source_root();
    for path in CODEGEN_INPUTS {
        copy(&source.join(path), &root.join(path))?;
    }
    Ok(root)
}

fn xtask(current_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(current_dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xtask: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn codegen_checks_and_writes_the_checkout_it_is_run_in() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = fake_checkout(dir.path())?;
    // Run from a folder inside the checkout, as a maintainer might.
    let inside = root.join("spec/cloudflare");
    let fresh = xtask(&inside, &["codegen", "--check"]);
    assert_eq!(fresh.status.code(), Some(0), "{fresh:?}");

    // A generated file of the copy edited: the copy is stale, the source tree is not.
    let relative = "generated-client/src/generated/cloudflare/logs.rs";
    let source_before = std::fs::read(source_root().join(relative))?;
    std::fs::write(root.join(relative), "// edited by hand\n")?;
    let stale = xtask(&inside, &["codegen", "--check"]);
    assert_eq!(stale.status.code(), Some(1), "{stale:?}");
    assert!(
        text(&stale.stderr).contains(&format!("stale: {relative}")),
        "{stale:?}"
    );

    // Writing mends the copy and leaves the source tree alone.
    let written = xtask(&inside, &["codegen"]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    assert_eq!(std::fs::read(root.join(relative))?, source_before);
    assert_eq!(std::fs::read(source_root().join(relative))?, source_before);
    Ok(())
}

#[test]
fn outside_a_workspace_it_says_so_and_root_names_one() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = fake_checkout(dir.path())?;
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside)?;

    let lost = xtask(&outside, &["codegen", "--check"]);
    let stderr = text(&lost.stderr);
    assert_eq!(lost.status.code(), Some(1), "{lost:?}");
    assert!(
        stderr.contains("is not inside this project's workspace") && stderr.contains("--root DIR"),
        "{stderr}"
    );

    let named = xtask(&outside, &["--root", "../checkout", "codegen", "--check"]);
    assert_eq!(named.status.code(), Some(0), "{named:?}");

    // A folder that is not a workspace root is refused, not searched above.
    let wrong = xtask(&outside, &["--root", ".", "codegen", "--check"]);
    assert_eq!(wrong.status.code(), Some(1), "{wrong:?}");
    assert!(text(&wrong.stderr).contains("--root"), "{wrong:?}");
    assert!(root.join("xtask").is_dir());
    Ok(())
}
