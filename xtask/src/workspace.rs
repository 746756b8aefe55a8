//! Which checkout a task works on: found at run time from the current directory (or given
//! with `--root DIR`), never from where xtask was compiled, so that a binary built in one
//! checkout and run in another (a target directory shared by two clones) works on the one
//! it was run in.

use std::path::{Path, PathBuf};

/// The workspace root's marks: a `Cargo.toml` with a `[workspace]` table, beside `xtask/`.
/// Nested workspaces (`fuzz/`, the benchmarks' copies) have no `xtask/`, so a task run
/// inside one works on the checkout around it.
pub fn is_root(dir: &Path) -> bool {
    dir.join("xtask").is_dir()
        && std::fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"))
}

/// The nearest folder from `start` upwards that [`is_root`]; a message saying where it
/// looked when none is.
pub fn find_root(start: &Path) -> Result<PathBuf, String> {
    start
        .ancestors()
        .find(|dir| is_root(dir))
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "{} is not inside this project's workspace: neither it nor a folder above it has a \
                 Cargo.toml with [workspace] beside an xtask/ folder; run cargo xtask inside a \
                 checkout, or name one with --root DIR",
                start.display()
            )
        })
}

/// The root a task works on: `root` (`--root DIR`, relative to the current directory) when
/// given, else the one around the current directory.
pub fn resolve_root(root: Option<&Path>) -> Result<PathBuf, String> {
    let current =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    match root {
        Some(dir) => {
            let dir = current.join(dir);
            if is_root(&dir) {
                Ok(std::fs::canonicalize(&dir).unwrap_or(dir))
            } else {
                Err(format!(
                    "--root {}: not this project's workspace root (a Cargo.toml with [workspace] \
                     beside an xtask/ folder)",
                    dir.display()
                ))
            }
        }
        None => find_root(&current),
    }
}

/// The checkout xtask's sources are in, for its own tests: they test the tree they were
/// compiled from.
#[cfg(test)]
pub fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)
    }

    #[test]
    fn the_root_is_the_nearest_workspace_with_xtask() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("checkout");
        write(
            &root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"xtask\"]\n",
        )?;
        std::fs::create_dir_all(root.join("xtask"))?;
        // A nested workspace without xtask/, as fuzz/ is, and a member crate.
        write(&root.join("fuzz/Cargo.toml"), "[package]\n\n[workspace]\n")?;
        std::fs::create_dir_all(root.join("fuzz/fuzz_targets"))?;
        write(
            &root.join("tests/Cargo.toml"),
            "[package]\nname = \"tests\"\n",
        )?;
        for start in [
            root.clone(),
            root.join("xtask"),
            root.join("fuzz/fuzz_targets"),
            root.join("tests"),
        ] {
            assert_eq!(
                find_root(&start),
                Ok(root.clone()),
                "from {}",
                start.display()
            );
        }
        Ok(())
    }

    #[test]
    fn outside_a_workspace_the_error_says_where_it_looked_and_what_to_do() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        // A workspace, but not this project's: no xtask/.
        write(&dir.path().join("Cargo.toml"), "[workspace]\n")?;
        let error = find_root(dir.path()).err().unwrap_or_default();
        assert!(error.contains(&dir.path().display().to_string()), "{error}");
        assert!(error.contains("--root DIR"), "{error}");
        Ok(())
    }

    #[test]
    fn the_source_tree_is_a_root() {
        assert!(is_root(&source_root()));
    }
}
