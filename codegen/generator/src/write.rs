//! Comparing generated files with the disk, and writing the ones that changed.
//!
//! Everything is generated in memory first, so a spec error changes nothing on disk.
//! Each file is written to a temporary file beside it and renamed into place.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// A generated file: its path relative to the output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Whether to update the disk or only compare with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// What a sync did, or (in check mode) would do. Paths include the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl Outcome {
    /// The files that differ from what the spec generates.
    pub fn stale(&self) -> impl Iterator<Item = &PathBuf> {
        self.written.iter().chain(&self.removed)
    }

    /// Adds the outcome of another folder.
    pub fn merge(&mut self, other: Outcome) {
        self.written.extend(other.written);
        self.unchanged.extend(other.unchanged);
        self.removed.extend(other.removed);
    }

    pub fn is_fresh(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Makes `dir` hold exactly `files` (among `.rs` files): writes the ones whose text
/// differs, removes generated files that are no longer generated. In check mode nothing
/// is touched and the outcome lists what is stale.
pub fn sync(dir: &Path, files: &[GeneratedFile], mode: Mode) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let expected: BTreeSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    for file in files {
        let path = dir.join(&file.path);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == file.contents => outcome.unchanged.push(path),
            Ok(_) => outcome.written.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => outcome.written.push(path),
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        }
    }
    for path in existing_rust_files(dir)? {
        if !expected.contains(&path) {
            outcome.removed.push(path);
        }
    }
    if mode == Mode::Check {
        return Ok(outcome);
    }
    for file in files {
        let path = dir.join(&file.path);
        if outcome.written.contains(&path) {
            write_atomically(&path, &file.contents)?;
        }
    }
    for path in &outcome.removed {
        std::fs::remove_file(path)?;
    }
    remove_empty_dirs(dir)?;
    Ok(outcome)
}

/// Makes one file hold `contents`, as [`sync`] does for a folder, without touching any
/// other file beside it.
pub fn sync_file(path: &Path, contents: &str, mode: Mode) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    match std::fs::read_to_string(path) {
        Ok(existing) if existing == contents => outcome.unchanged.push(path.to_path_buf()),
        Ok(_) => outcome.written.push(path.to_path_buf()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => outcome.written.push(path.to_path_buf()),
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
    if mode == Mode::Write && !outcome.written.is_empty() {
        write_atomically(path, contents)?;
    }
    Ok(outcome)
}

fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let parent = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        // Leave no temporary file behind; the rename's error is the one to report.
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Every `.rs` file under `dir`, sorted; none when `dir` does not exist yet.
fn existing_rust_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_empty_dirs(&path)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: contents.to_owned(),
        }
    }

    #[test]
    fn writes_changed_files_and_removes_stale_ones() -> io::Result<()> {
        let temp = tempfile::tempdir()?;
        let dir = temp.path();
        std::fs::create_dir_all(dir.join("old"))?;
        std::fs::write(dir.join("same.rs"), "same")?;
        std::fs::write(dir.join("old/gone.rs"), "gone")?;
        let files = [file("same.rs", "same"), file("new/added.rs", "added")];

        let check = sync(dir, &files, Mode::Check)?;
        assert_eq!(check.written, [dir.join("new/added.rs")]);
        assert_eq!(check.removed, [dir.join("old/gone.rs")]);
        assert!(
            !dir.join("new/added.rs").exists(),
            "check mode wrote a file"
        );

        let write = sync(dir, &files, Mode::Write)?;
        assert_eq!(write, check);
        assert_eq!(std::fs::read_to_string(dir.join("new/added.rs"))?, "added");
        assert!(!dir.join("old").exists(), "the emptied folder stays");
        assert!(sync(dir, &files, Mode::Check)?.is_fresh());
        Ok(())
    }
}
