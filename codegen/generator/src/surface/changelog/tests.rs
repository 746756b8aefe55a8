use super::super::diff::{Change, FIELD_TYPE, OPERATION_ADDED, RESPONSE_FIELD_ADDED, TYPE_REMOVED};
use super::*;

fn added() -> Change {
    Change {
        rule: &OPERATION_ADDED,
        item: "svc.items.get".into(),
        group: "svc.items".into(),
        old: None,
        new: Some("operation GET /items -> Item (200)".into()),
    }
}

fn changed() -> Change {
    Change {
        rule: &FIELD_TYPE,
        item: "svc::Item.size".into(),
        group: "svc types".into(),
        old: Some("field size Option<f64> optional".into()),
        new: Some("field size Option<i64> optional".into()),
    }
}

fn removed() -> Change {
    Change {
        rule: &TYPE_REMOVED,
        item: "svc::Old".into(),
        group: "svc types".into(),
        old: Some("struct response in=items".into()),
        new: None,
    }
}

fn report(changes: &[Change]) -> Report {
    Report {
        changes: changes.to_vec(),
    }
}

fn write(changelog: &str, changes: &[Change]) -> String {
    with_unreleased(changelog, &report(changes)).unwrap_or_else(|e| panic!("{e}\n{changelog}"))
}

/// Unreleased sections as maintainers write them: prose, hand-written entries with blank
/// lines between them, subsections of their own, nothing at all, and at the end of the file.
const SHAPES: &[&str] = &[
    "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-23\n\n- first\n",
    "# Changelog\n\n## [Unreleased]\n",
    "# Changelog\n\n## [Unreleased]\n\nSome prose.\n\n## [0.1.0] - 2026-11-23\n",
    "# Changelog\n\n## [Unreleased]\n\nIntro.\n\n### Added\n\n- additive (by hand, runtime): a thing,\n  over two lines.\n\n### Changed\n\n- by hand: one.\n\n- **behaviour** (by hand): two, after a blank line.\n\n\n### Security\n\n- nothing\n\n## [0.1.0] - 2026-11-23\n",
    "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- by hand: one.\n",
    "# Changelog\n\n## [Unreleased]\n\n### Removed\n\n- **breaking** (by hand): gone.\n\n## [0.1.0] - 2026-11-23\n",
];

#[test]
fn facts_are_added_after_the_hand_written_entries_between_markers() {
    let updated = write(SHAPES[3], &[added(), changed(), removed()]);
    let expected = format!(
        "# Changelog\n\n## [Unreleased]\n\nIntro.\n\n### Added\n\n- additive (by hand, runtime): a thing,\n  over two lines.\n{START}\n- additive (operation-added): `svc.items.get`: `operation GET /items -> Item (200)`\n{END}\n\n### Changed\n\n- by hand: one.\n\n- **behaviour** (by hand): two, after a blank line.\n{START}\n- **breaking** (field-type-changed): `svc::Item.size`: `field size Option<f64> optional` → `field size Option<i64> optional`\n{END}\n\n\n### Security\n\n- nothing\n{START}\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old` (was `struct response in=items`)\n{END}\n\n## [0.1.0] - 2026-11-23\n"
    );
    assert_eq!(updated, expected);
    assert_eq!(unreleased_class(&updated), Some(Class::Breaking));
}

#[test]
fn a_missing_subsection_is_made_where_it_belongs() {
    // Added before the hand-written Changed, Removed after it.
    let updated = write(SHAPES[4], &[added(), removed()]);
    let expected = format!(
        "# Changelog\n\n## [Unreleased]\n{START}\n\n### Added\n\n- additive (operation-added): `svc.items.get`: `operation GET /items -> Item (200)`\n{END}\n\n### Changed\n\n- by hand: one.\n{START}\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old` (was `struct response in=items`)\n{END}\n"
    );
    assert_eq!(updated, expected);
    let updated = write(SHAPES[0], &[changed()]);
    assert!(
        updated.starts_with(&format!("# Changelog\n\n## [Unreleased]\n{START}\n\n### Changed\n\n- **breaking** (field-type-changed)")),
        "{updated}"
    );
    assert!(
        updated.ends_with(&format!("{END}\n\n## [0.1.0] - 2026-11-23\n\n- first\n")),
        "{updated}"
    );
}

#[test]
fn each_regeneration_replaces_the_facts_and_keeps_everything_else() {
    for shape in SHAPES {
        for changes in [
            &[added(), changed(), removed()][..],
            &[changed()],
            &[removed()],
            &[added()],
        ] {
            let once = write(shape, changes);
            // The same changes again: the same text.
            assert_eq!(write(&once, changes), once, "{shape:?}");
            // Other changes: only the facts differ.
            assert_eq!(write(&once, &[removed()]), write(shape, &[removed()]));
            // No change since the release (a change undone): the section as written.
            assert_eq!(write(&once, &[]), *shape);
        }
        assert_eq!(write(shape, &[]), *shape);
    }
}

#[test]
fn a_changelog_without_an_unreleased_section_gets_one_when_there_are_changes() {
    let old = "# Changelog\n\n## [0.1.0] - 2026-11-23\n\n- first\n";
    assert_eq!(write(old, &[]), old);
    let updated = write(old, &[added()]);
    assert!(
        updated.starts_with(&format!(
            "# Changelog\n\n## [Unreleased]\n{START}\n\n### Added\n"
        )),
        "{updated}"
    );
    assert!(
        updated.ends_with("\n## [0.1.0] - 2026-11-23\n\n- first\n"),
        "{updated}"
    );
    let fresh = write("", &[added()]);
    assert!(fresh.starts_with(&new()), "{fresh}");
    // A heading that ends the file without a line break.
    let unterminated = write("# Changelog\n\n## [Unreleased]", &[added()]);
    assert!(
        unterminated.starts_with(&format!("# Changelog\n\n## [Unreleased]\n{START}\n")),
        "{unterminated}"
    );
}

#[test]
fn broken_markers_are_named_with_their_line() {
    let changelog = format!("# Changelog\n\n## [Unreleased]\n\n### Added\n{START}\n- a\n");
    assert_eq!(
        with_unreleased(&changelog, &report(&[])),
        Err(format!(
            "line 6: the API changes that start here have no end marker `{END}`"
        ))
    );
    let changelog = format!("# Changelog\n\n## [Unreleased]\n\n- a\n{END}\n");
    let error = with_unreleased(&changelog, &report(&[]))
        .err()
        .unwrap_or_default();
    assert!(error.starts_with("line 6: an end marker"), "{error}");
}

#[test]
fn the_class_counts_hand_written_entries_too() {
    let updated = write(SHAPES[5], &[added()]);
    assert_eq!(unreleased_class(&updated), Some(Class::Breaking));
    let updated = write(SHAPES[2], &[added()]);
    assert_eq!(unreleased_class(&updated), Some(Class::Additive));
    assert_eq!(unreleased_class(SHAPES[2]), None);
}

#[test]
fn a_release_names_the_section_and_drops_the_markers() {
    let updated = write(SHAPES[3], &[added(), changed(), removed()]);
    let released = release(&updated, "0.2.0", "2026-11-29").unwrap_or_default();
    assert!(!released.contains("<!--"), "{released}");
    assert!(
        released.starts_with("# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-11-29\n\nIntro.\n\n### Added\n\n- additive (by hand, runtime): a thing,\n  over two lines.\n- additive (operation-added)"),
        "{released}"
    );
    assert!(
        released.ends_with("\n- nothing\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old` (was `struct response in=items`)\n\n## [0.1.0] - 2026-11-23\n"),
        "{released}"
    );
    assert_eq!(unreleased_class(&released), None);
    // The next change goes in the new, empty section.
    let next = write(&released, &[changed()]);
    assert!(
        next.starts_with(&format!("# Changelog\n\n## [Unreleased]\n{START}\n\n### Changed\n\n- **breaking** (field-type-changed)")),
        "{next}"
    );
    assert!(next.ends_with(&released[released.find("\n## [0.2.0]").unwrap_or(0)..]));
    // A section made by the generator alone.
    let fresh = write(&new(), &[changed()]);
    let released = release(&fresh, "0.1.1", "2026-11-30").unwrap_or_default();
    assert!(
        released.ends_with("## [Unreleased]\n\n## [0.1.1] - 2026-11-30\n\n### Changed\n\n- **breaking** (field-type-changed): `svc::Item.size`: `field size Option<f64> optional` → `field size Option<i64> optional`\n"),
        "{released}"
    );
}

#[test]
fn the_facts_say_what_changed() {
    let field = Change {
        rule: &RESPONSE_FIELD_ADDED,
        item: "svc::Item.size".into(),
        group: "svc types".into(),
        old: None,
        new: Some("field size Option<i64> optional".into()),
    };
    assert_eq!(
        line(&field),
        "- additive (response-field-added): `svc::Item.size`: `field size Option<i64> optional`"
    );
    assert_eq!(subsection(field.rule.id), "Added");
    assert_eq!(subsection(FIELD_TYPE.id), "Changed");
    assert_eq!(subsection(TYPE_REMOVED.id), "Removed");
}

#[test]
fn versions_follow_cargo_semver() {
    assert_eq!(
        next_version("0.1.0", Class::Breaking).as_deref(),
        Some("0.2.0")
    );
    assert_eq!(
        next_version("0.1.0", Class::Additive).as_deref(),
        Some("0.1.1")
    );
    assert_eq!(
        next_version("1.2.3", Class::Breaking).as_deref(),
        Some("2.0.0")
    );
    assert_eq!(
        next_version("1.2.3", Class::Additive).as_deref(),
        Some("1.3.0")
    );
    assert_eq!(
        next_version("1.2.3", Class::Documentation).as_deref(),
        Some("1.2.4")
    );
    assert_eq!(next_version("x", Class::Breaking), None);
}
