//! `cargo xtask release`: releases the changelog's Unreleased section as generated-client's
//! next version, the bump its strongest change requires.

use std::path::Path;
use std::process::ExitCode;

use codegen_generator::surface::{self, changelog};

use crate::cli::{Args, Outcome, Workspace};
use crate::codegen_task::{
    CHANGELOG, CLIENT_MANIFEST, changelog_with, client_version, read_record,
};

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
///
/// The Unreleased section is first brought up to date with the difference between the
/// released API and the recorded one, as `cargo xtask codegen` writes it; its strongest
/// change, generated or written by hand, decides the bump. The recorded API then becomes
/// the released one, the base of the next Unreleased section.
pub fn release(root: &Path, date: &str) -> Result<String, String> {
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let current = read_record(&root.join(surface::API_FILE))?.ok_or_else(|| {
        format!(
            "{} does not exist: run `cargo xtask codegen` first",
            surface::API_FILE
        )
    })?;
    let changelog_path = root.join(CHANGELOG);
    let text = match read_record(&root.join(surface::RELEASED_API_FILE))? {
        Some(released) => changelog_with(&changelog_path, &surface::diff(&released, &current))?
            .ok_or_else(|| format!("{CHANGELOG} does not exist: nothing to release"))?,
        None => read(&changelog_path)?,
    };
    let class = changelog::unreleased_class(&text).ok_or_else(|| {
        format!(
            "{CHANGELOG} lists no changes under [Unreleased], and the API is the one of the \
             last release: nothing to release"
        )
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
        (changelog_path, released),
        (manifest_path, manifest),
        (lock_path, lock),
        (
            root.join(surface::RELEASED_API_FILE),
            current.to_released_text(&next),
        ),
    ] {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!(
        "released generated-client {next} (from {version}: the strongest change is {}), dated {date}; \
         its API is recorded in {}",
        class.name(),
        surface::RELEASED_API_FILE
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace of the files a release reads and writes, with the API released as
    /// 0.1.0 and the current one.
    fn workspace(
        released: &[(&str, &str)],
        current: &[(&str, &str)],
        changelog: &str,
    ) -> Result<tempfile::TempDir, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, text).map_err(|e| e.to_string())
        };
        let record = |items: &[(&str, &str)]| surface::Surface {
            items: items
                .iter()
                .map(|(k, v)| {
                    let item = v.parse().unwrap_or_else(|e| panic!("{v}: {e}"));
                    ((*k).to_owned(), item)
                })
                .collect(),
        };
        write(
            surface::RELEASED_API_FILE,
            &record(released).to_released_text("0.1.0"),
        )?;
        write(surface::API_FILE, &record(current).to_text())?;
        write(CHANGELOG, changelog)?;
        write(
            CLIENT_MANIFEST,
            "[package]\nname = \"generated-client\"\nversion = \"0.1.0\"\n",
        )?;
        write(
            "Cargo.lock",
            "[[package]]\nname = \"generated-client\"\nversion = \"0.1.0\"\n",
        )?;
        Ok(dir)
    }

    const ITEM: (&str, &str) = ("svc::Item", "struct response in=items");
    const OLD: (&str, &str) = ("svc::Old", "struct response in=items");

    #[test]
    fn a_type_removed_since_the_release_releases_the_next_minor_version() -> Result<(), String> {
        // The changelog was not regenerated since the type went: the release lists it anyway.
        let changelog = "# Changelog\n\n## [Unreleased]\n\nProse.\n\n## [0.1.0] - 2026-11-23\n";
        let dir = workspace(&[ITEM, OLD], &[ITEM], changelog)?;
        let root = dir.path();
        let message = release(root, "2026-11-29")?;
        assert!(message.contains("generated-client 0.2.0"), "{message}");
        let changelog = std::fs::read_to_string(root.join(CHANGELOG)).map_err(|e| e.to_string())?;
        assert_eq!(
            changelog,
            "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-11-29\n\nProse.\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old` (was `struct response in=items`)\n\n## [0.1.0] - 2026-11-23\n"
        );
        assert_eq!(client_version(root)?, "0.2.0");
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
        assert!(lock.contains("version = \"0.2.0\""));
        // The released API is the current one now.
        assert_eq!(
            read_record(&root.join(surface::RELEASED_API_FILE))?,
            read_record(&root.join(surface::API_FILE))?
        );
        // Nothing left to release.
        assert!(release(root, "2026-11-30").is_err_and(|e| e.contains("nothing to release")));
        Ok(())
    }

    #[test]
    fn hand_written_entries_alone_are_released() -> Result<(), String> {
        let changelog = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- additive (by hand, runtime): a setter.\n";
        let dir = workspace(&[ITEM], &[ITEM], changelog)?;
        let message = release(dir.path(), "2026-11-29")?;
        assert!(message.contains("generated-client 0.1.1"), "{message}");
        Ok(())
    }
}
