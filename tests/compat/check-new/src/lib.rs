//! The change classification, proved against `compat-new` (see `tests/compat/README.md`).
//!
//! Each folder of `tests/fixtures/changes/{old,new}/` is one service, the same on both
//! sides but for one change, and is named after the rule that decides it
//! (`field_now_optional`, or `field_now_optional_nullable` for a second fixture of the
//! rule). Each has a program in `tests/compat/programs/`, written against the old API.
//! What the program must do against the new API follows from how the generator's own
//! classifier reports the fixture ([`expectation`]), never from a table kept here: so the
//! tests prove the classification, not only that it is consistent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen_generator::surface::diff::RULES;
use codegen_generator::surface::{Change, Class, Rule};

/// The rules whose breaking changes leave the Rust API as it was: a program written
/// against the old API still compiles, and behaves otherwise. `tests/behaviour.rs` shows
/// the change against a real HTTP server for each fixture of these rules.
pub const BEHAVIOUR_ONLY: &[(&str, &str)] = &[
    (
        "operation-endpoint-changed",
        "the method and path are no part of the Rust API: the same call now sends another request",
    ),
    (
        "auth-changed",
        "whether an operation sends the token is no part of its signature: the same call now \
         sends or withholds it (the record does not show `builder_without_token()`, which \
         also disappears when the service's last operation without the token starts needing \
         one)",
    ),
    (
        "field-constant-changed",
        "a constant field is private and set by `new`: the same value now sends another constant",
    ),
    (
        "field-renamed",
        "a field's Rust name derives from its JSON name, so a spec can only rename the JSON \
         member under the same Rust field: the same code reads and sends another member",
    ),
    (
        "enum-variant-renamed",
        "a variant's Rust name derives from its wire value, so a spec can only change the value \
         under the same variant: the same variant is sent and read as another value",
    ),
    (
        "request-field-nullability-changed",
        "the field stays `Option<T>`: the same `None` is now sent as `null`, or left out",
    ),
    (
        "union-tag-changed",
        "the tag field and tag values are no part of the Rust API: the same JSON now decodes \
         otherwise, or fails to",
    ),
];

/// What a fixture's program must do against the new API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// Additive or documentation only: it compiles (and runs).
    Compiles,
    /// Breaking: it fails to compile.
    FailsToCompile,
    /// Breaking by [`BEHAVIOUR_ONLY`] rules alone: it compiles, and a behaviour test shows
    /// the change.
    BehaviourChanges,
}

/// What a program must do against the new API, given its fixture's changes as the
/// classifier reports them.
pub fn expectation(changes: &[Change]) -> Expectation {
    let breaking: Vec<&Change> = changes
        .iter()
        .filter(|c| c.rule.class == Class::Breaking)
        .collect();
    if breaking.is_empty() {
        Expectation::Compiles
    } else if breaking.iter().all(|c| is_behaviour_only(c.rule)) {
        Expectation::BehaviourChanges
    } else {
        Expectation::FailsToCompile
    }
}

pub fn is_behaviour_only(rule: &Rule) -> bool {
    BEHAVIOUR_ONLY.iter().any(|(id, _)| *id == rule.id)
}

/// The workspace root, whatever directory the tests run in.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// `tests/fixtures/changes`.
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures/changes")
}

/// `tests/compat/programs`.
pub fn programs_dir() -> PathBuf {
    workspace_root().join("tests/compat/programs")
}

/// The generator's options for the compat crates, as `cargo xtask codegen` uses them.
pub fn options() -> codegen_generator::Options {
    codegen_generator::Options {
        module_path: "compat".to_owned(),
        feature_gates: false,
        mocks: false,
    }
}

/// Every fixture: the folders of `old/` and `new/`, sorted.
pub fn fixtures() -> Vec<String> {
    let mut names = Vec::new();
    for side in ["old", "new"] {
        let dir = fixtures_dir().join(side);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
            if entry.path().is_dir() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The rule a fixture is named after: the longest rule id that, in snake_case, is the
/// fixture's name or starts it followed by `_`.
pub fn rule_of(fixture: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|rule| {
            let name = rule.id.replace('-', "_");
            fixture == name
                || fixture
                    .strip_prefix(&name)
                    .is_some_and(|rest| rest.starts_with('_'))
        })
        .max_by_key(|rule| rule.id.len())
}

/// The service an item of a report belongs to: `svc` of `svc.items.get`,
/// `svc::Item.name`, `svc::A -> svc::B`.
pub fn service_of(item: &str) -> &str {
    let end = item
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(item.len());
    &item[..end]
}

/// Generates both sides and compares their records, as `cargo xtask codegen` compares a
/// regeneration with the recorded API: every fixture's changes, by fixture. A fixture
/// the classifier sees no change in has an empty list.
pub fn changes_by_fixture() -> BTreeMap<String, Vec<Change>> {
    let generate = |side: &str| {
        let dir = fixtures_dir().join(side);
        codegen_generator::generate(&dir, &options())
            .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", dir.display()))
    };
    let report =
        codegen_generator::surface::diff(&generate("old").surface, &generate("new").surface);
    let mut by_fixture: BTreeMap<String, Vec<Change>> =
        fixtures().into_iter().map(|f| (f, Vec::new())).collect();
    for change in report.changes {
        let service = service_of(&change.item).to_owned();
        by_fixture.entry(service).or_default().push(change);
    }
    by_fixture
}

/// A fixture's changes, one per line, for messages.
pub fn describe(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "  (no changes)".to_owned();
    }
    changes
        .iter()
        .map(|c| format!("  {c}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_is_named_after_the_longest_rule_it_starts_with() {
        let id = |fixture: &str| rule_of(fixture).map(|r| r.id);
        assert_eq!(id("field_now_optional"), Some("field-now-optional"));
        assert_eq!(
            id("field_now_optional_nullable"),
            Some("field-now-optional")
        );
        assert_eq!(id("type_now_in_requests"), Some("type-now-in-requests"));
        assert_eq!(
            id("enum_value_added_in_requests"),
            Some("enum-value-added-in-requests")
        );
        assert_eq!(id("field_now"), None);
        assert_eq!(id("field_removedx"), None);
    }

    #[test]
    fn an_item_names_its_service_first() {
        assert_eq!(service_of("svc.items.get(limit)"), "svc");
        assert_eq!(service_of("svc::Item.\"a.b\""), "svc");
        assert_eq!(service_of("svc_2::A -> svc_2::B"), "svc_2");
        assert_eq!(service_of("svc"), "svc");
    }
}
