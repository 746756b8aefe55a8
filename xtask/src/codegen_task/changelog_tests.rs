//! The changelog's Unreleased section is the difference between the released API and the
//! current one, whatever happened between: these run codegen and release on a copy of the
//! workspace.

use super::tests::{copy_of_workspace, regenerate, unreleased};
use super::*;

const SERVICE: &str = "spec/cloudflare/service.json";

/// The spec of the copy with a field `extra` of `json_type` in Cloudflare's `ResultInfo`.
fn add_result_info_field(root: &Path, json_type: &str) -> std::io::Result<()> {
    let path = root.join(SERVICE);
    let text = std::fs::read_to_string(&path)?;
    let anchor = "\"fields\": {\n        \"count\": {";
    assert!(text.contains(anchor), "{SERVICE} changed shape");
    let field = format!(
        "\"fields\": {{\n        \"extra\": {{\n          \"type\": \"{json_type}\"\n        }},\n        \"count\": {{"
    );
    std::fs::write(&path, text.replacen(anchor, &field, 1))
}

/// As if the current API had just been released.
fn release_current_api(root: &Path) -> std::io::Result<()> {
    let current = read_record(&root.join(surface::API_FILE))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no api.txt"));
    std::fs::write(
        root.join(surface::RELEASED_API_FILE),
        current.to_released_text("0.2.0"),
    )
}

/// The lines of the Unreleased section that name `item`.
fn entries_of(root: &Path, item: &str) -> std::io::Result<Vec<String>> {
    Ok(unreleased(root)?
        .lines()
        .filter(|l| l.contains(&format!("`{item}`")))
        .map(str::to_owned)
        .collect())
}

/// The text outside the generated facts.
fn without_facts(changelog: &str) -> String {
    let mut kept = String::new();
    let mut inside = false;
    for line in changelog.split_inclusive('\n') {
        match line.trim_end() {
            changelog::START => inside = true,
            changelog::END => inside = false,
            _ if !inside => kept.push_str(line),
            _ => {}
        }
    }
    kept
}

#[test]
fn a_field_edited_twice_before_a_release_is_one_entry_of_its_net_change() -> std::io::Result<()> {
    let copy = copy_of_workspace("twice")?;
    let root = copy.path();
    let before = std::fs::read_to_string(root.join(CHANGELOG))?;
    release_current_api(root)?;
    regenerate(root);
    // A new field, first a number, then (the page was misread) an integer.
    add_result_info_field(root, "number")?;
    regenerate(root);
    assert_eq!(
        entries_of(root, "cloudflare::ResultInfo.extra")?,
        [
            "- additive (response-field-added): `cloudflare::ResultInfo.extra`: `field extra Option<f64> optional`"
        ]
    );
    std::fs::write(
        root.join(SERVICE),
        std::fs::read_to_string(root.join(SERVICE))?.replacen(
            "\"extra\": {\n          \"type\": \"number\"",
            "\"extra\": {\n          \"type\": \"integer\"",
            1,
        ),
    )?;
    let summary = regenerate(root);
    // This regeneration changed the field's type; since the release, the field was added.
    assert_eq!(
        entries_of(root, "cloudflare::ResultInfo.extra")?,
        [
            "- additive (response-field-added): `cloudflare::ResultInfo.extra`: `field extra Option<i64> optional`"
        ]
    );
    let since_release = summary
        .since_release
        .unwrap_or_else(|| panic!("no release"));
    assert_eq!(since_release.changes.len(), 1);
    // The hand-written entries and prose are as they were, blank lines included: the rest
    // of the file is byte for byte the same.
    let after = std::fs::read_to_string(root.join(CHANGELOG))?;
    assert_eq!(without_facts(&after), without_facts(&before));
    Ok(())
}

#[test]
fn a_change_undone_before_a_release_leaves_no_entry_and_no_bump() -> std::io::Result<()> {
    let copy = copy_of_workspace("undone")?;
    let root = copy.path();
    release_current_api(root)?;
    // A changelog whose Unreleased section is prose and unclassified notes only.
    let changelog = "# Changelog\n\n## [Unreleased]\n\nThe pages were retrieved again.\n\n### Changed\n\n- by hand: a note.\n\n- by hand: another, after a blank line.\n\n## [0.2.0] - 2026-11-29\n\n- **breaking** (type-removed): `x`\n";
    std::fs::write(root.join(CHANGELOG), changelog)?;
    regenerate(root);
    assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, changelog);
    let service = std::fs::read_to_string(root.join(SERVICE))?;
    add_result_info_field(root, "number")?;
    regenerate(root);
    assert_eq!(entries_of(root, "cloudflare::ResultInfo.extra")?.len(), 1);
    // Undone: the changelog is byte for byte what it was, and there is nothing to release.
    std::fs::write(root.join(SERVICE), service)?;
    regenerate(root);
    assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, changelog);
    let refused = crate::release_task::release(root, "2026-12-01").err();
    assert!(
        refused
            .as_deref()
            .is_some_and(|e| e.contains("nothing to release")),
        "{refused:?}"
    );
    assert_eq!(client_version(root).ok().as_deref(), Some("0.2.0"));
    Ok(())
}

#[test]
fn a_release_records_its_api_and_the_next_change_is_listed_alone() -> std::io::Result<()> {
    let copy = copy_of_workspace("release")?;
    let root = copy.path();
    let message =
        crate::release_task::release(root, "2026-12-01").unwrap_or_else(|e| panic!("{e}"));
    assert!(message.contains("generated-client 0.3.0"), "{message}");
    assert_eq!(
        read_record(&root.join(surface::RELEASED_API_FILE)).ok(),
        read_record(&root.join(surface::API_FILE)).ok()
    );
    let released = std::fs::read_to_string(root.join(CHANGELOG))?;
    assert!(
        released.contains("## [Unreleased]\n\n## [0.3.0] - 2026-12-01\n"),
        "{released}"
    );
    assert!(
        !released.contains("<!--"),
        "the markers stay with the Unreleased section"
    );
    // Nothing changed since: nothing to list, nothing to write.
    assert!(run_in(root, Mode::Check).is_ok());
    regenerate(root);
    assert_eq!(std::fs::read_to_string(root.join(CHANGELOG))?, released);
    // The next change is the only one listed; the release's section is untouched.
    add_result_info_field(root, "integer")?;
    regenerate(root);
    let next = std::fs::read_to_string(root.join(CHANGELOG))?;
    let unreleased = unreleased(root)?;
    let facts: Vec<&str> = unreleased.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        facts,
        [
            "- additive (response-field-added): `cloudflare::ResultInfo.extra`: `field extra Option<i64> optional`"
        ]
    );
    let section = |text: &str| {
        text.split_once("## [0.3.0]")
            .map(|(_, rest)| rest.to_owned())
    };
    assert_eq!(section(&next), section(&released));
    // And the next release is a patch: one addition before 1.0.
    let message =
        crate::release_task::release(root, "2026-12-02").unwrap_or_else(|e| panic!("{e}"));
    assert!(message.contains("generated-client 0.3.1"), "{message}");
    Ok(())
}

#[test]
fn check_names_a_changelog_whose_facts_were_edited() -> std::io::Result<()> {
    let copy = copy_of_workspace("edited")?;
    let root = copy.path();
    let path = root.join(CHANGELOG);
    let text = std::fs::read_to_string(&path)?;
    let fact = "- **breaking** (type-removed): `buddy::ClearCacheRequest`";
    assert!(
        text.contains(fact),
        "the committed changelog lists no removed type"
    );
    std::fs::write(
        &path,
        text.replacen(
            fact,
            "- additive (type-removed): `buddy::ClearCacheRequest`",
            1,
        ),
    )?;
    let result = run_in(root, Mode::Check);
    let Err(Failure::Stale(stale)) = result else {
        panic!("expected a stale changelog, got {result:?}")
    };
    assert_eq!(stale, std::slice::from_ref(&path));
    regenerate(root);
    assert_eq!(std::fs::read_to_string(&path)?, text);
    Ok(())
}
