//! `cargo xtask release`: releases the changelog's Unreleased section as generated-client's
//! next version, the bump its strongest change requires.

use std::path::Path;
use std::process::ExitCode;

use codegen_generator::surface::changelog;

use crate::cli::{Args, Outcome, Workspace};
use crate::codegen_task::{CHANGELOG, CLIENT_MANIFEST, client_version};

/// `cargo xtask release`.
pub fn command(args: &mut Args, workspace: &Workspace) -> Outcome {
    args.finish()?;
    Ok(run(&workspace.root()?))
}

fn run(root: &Path) -> ExitCode {
    match release(root, &today()) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// Releases under `root` on `date`; what it did, or why it did nothing.
pub fn release(root: &Path, date: &str) -> Result<String, String> {
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let changelog_path = root.join(CHANGELOG);
    let text = read(&changelog_path)?;
    let class = changelog::unreleased_class(&text).ok_or_else(|| {
        format!("{CHANGELOG} lists no changes under [Unreleased]: nothing to release")
    })?;
    let version = client_version(root)?;
    let next = changelog::next_version(&version, class).ok_or_else(|| {
        format!("{CLIENT_MANIFEST}: version {version:?} is not major.minor.patch")
    })?;
    let released = changelog::release(&text, &next, date)
        .ok_or_else(|| format!("{CHANGELOG} has no [Unreleased] section"))?;
    // The manifest and the lock file name the version once each; both are edited in
    // place so that `--locked` builds stay valid.
    let manifest_path = root.join(CLIENT_MANIFEST);
    let manifest = read(&manifest_path)?.replacen(
        &format!("version = \"{version}\""),
        &format!("version = \"{next}\""),
        1,
    );
    let lock_path = root.join("Cargo.lock");
    let lock = read(&lock_path)?.replacen(
        &format!("name = \"generated-client\"\nversion = \"{version}\""),
        &format!("name = \"generated-client\"\nversion = \"{next}\""),
        1,
    );
    for (path, text) in [
        (&changelog_path, released),
        (&manifest_path, manifest),
        (&lock_path, lock),
    ] {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!(
        "released generated-client {next} (from {version}: the strongest change is {}), dated {date}",
        class.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breaking_unreleased_change_releases_the_next_minor_version() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, text).map_err(|e| e.to_string())
        };
        write(
            CHANGELOG,
            "# Changelog\n\n## [Unreleased]\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old`\n\n## [0.1.0] - 2026-11-23\n",
        )?;
        write(
            CLIENT_MANIFEST,
            "[package]\nname = \"generated-client\"\nversion = \"0.1.0\"\n",
        )?;
        write(
            "Cargo.lock",
            "[[package]]\nname = \"generated-client\"\nversion = \"0.1.0\"\n",
        )?;
        let message = release(root, "2026-11-29")?;
        assert!(message.contains("generated-client 0.2.0"), "{message}");
        let changelog = std::fs::read_to_string(root.join(CHANGELOG)).map_err(|e| e.to_string())?;
        assert!(changelog.contains("## [Unreleased]\n\n## [0.2.0] - 2026-11-29\n\n### Removed"));
        assert_eq!(client_version(root)?, "0.2.0");
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
        assert!(lock.contains("version = \"0.2.0\""));
        // Nothing left to release.
        assert!(release(root, "2026-11-30").is_err());
        Ok(())
    }
}
