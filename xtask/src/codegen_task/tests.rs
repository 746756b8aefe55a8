use super::*;

/// A copy of the workspace's spec and generated code in a temporary folder, removed
/// on drop.
pub(super) fn copy_of_workspace(name: &str) -> std::io::Result<tempfile::TempDir> {
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
    for file in [
        surface::API_FILE,
        surface::RELEASED_API_FILE,
        CLIENT_MANIFEST,
        CHANGELOG,
        "Cargo.lock",
    ] {
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

/// Runs `cargo xtask codegen` in `root`.
pub(super) fn regenerate(root: &Path) -> Summary {
    run_in(root, Mode::Write).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The Unreleased section of the changelog under `root`.
pub(super) fn unreleased(root: &Path) -> std::io::Result<String> {
    let changelog = std::fs::read_to_string(root.join(CHANGELOG))?;
    Ok(changelog
        .split_once("## [Unreleased]")
        .and_then(|(_, rest)| rest.split("\n## [").next())
        .unwrap_or_default()
        .to_owned())
}

#[test]
fn a_regeneration_reports_its_api_changes_and_lists_them_in_the_changelog() -> std::io::Result<()> {
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
    let planned = plan(root).unwrap_or_else(|e| panic!("{e:?}"));
    let report = planned
        .report
        .clone()
        .unwrap_or_else(|| panic!("no report"));
    let rendered = report.render("0.2.0");
    assert!(
        rendered.contains(
            "enum-value-added-in-responses  cloudflare::ProviderType.\"bitbucket\": value Bitbucket"
        ),
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
    apply(root, planned, Mode::Write).unwrap_or_else(|e| panic!("{e:?}"));
    // The changelog lists them among the other changes since the release.
    let unreleased = unreleased(root)?;
    let added = unreleased.split("### Added").nth(1).unwrap_or_default();
    let removed = unreleased.split("### Removed").nth(1).unwrap_or_default();
    assert!(
        added.contains(
            "- additive (enum-value-added-in-responses): `cloudflare::ProviderType.\"bitbucket\"`"
        ),
        "{unreleased}"
    );
    assert!(
        removed.contains("- **breaking** (field-removed): `cloudflare::BuildLogs.truncated`"),
        "{unreleased}"
    );
    assert!(
        unreleased.contains("- **breaking** (type-removed): `buddy::ClearCacheRequest`"),
        "{unreleased}"
    );
    // The record is now the new API: a second run reports nothing, and changes nothing.
    let changelog = std::fs::read_to_string(root.join(CHANGELOG))?;
    match plan(root).map(|p| p.report) {
        Ok(Some(report)) => assert!(report.changes.is_empty(), "{}", report.render("0.2.0")),
        other => panic!("{other:?}"),
    }
    assert!(run_in(root, Mode::Check).is_ok());
    regenerate(root);
    assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, changelog);
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
    let report = plan(root).map(|p| p.report);
    let summary = regenerate(root);
    assert_eq!(summary.outcome.written, edited);
    assert!(summary.extra_files > EXTRA_TARGETS.len());
    assert!(run_in(root, Mode::Check).is_ok());
    // Only the code: no API change reported, nothing added to the changelog.
    assert!(matches!(report, Ok(Some(r)) if r.changes.is_empty()));
    assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, changelog);
    Ok(())
}
