//! `CHANGELOG.md`, in the Keep a Changelog format: each regeneration that changes the API
//! adds its changes to `## [Unreleased]`, one fact per line, under Added, Changed or
//! Removed; a release turns that section into the next version's. Maintainers add prose
//! around the facts; the facts come from the report.

pub use super::diff::next_version;
use super::diff::{Class, Report};

const UNRELEASED: &str = "## [Unreleased]";

const HEADER: &str = "\
# Changelog

Every change of generated-client's public API, as `cargo xtask codegen` classified it
(breaking, additive or documentation only, with the rule that decided; the rules are in
spec/README.md). The format is [Keep a Changelog](https://keepachangelog.com/en/1.1.0/);
versions follow Cargo's semver rules, under which a breaking change before 1.0 bumps the
minor version.
";

/// A new changelog, with an empty Unreleased section.
pub fn new() -> String {
    format!("{HEADER}\n{UNRELEASED}\n")
}

/// The Keep a Changelog section a change belongs in.
fn section(rule_id: &str) -> &'static str {
    if rule_id.ends_with("-removed") {
        "Removed"
    } else if rule_id.ends_with("-added") || rule_id.contains("-added-") {
        "Added"
    } else {
        "Changed"
    }
}

/// One line of facts for a change.
fn line(change: &super::Change) -> String {
    let class = match change.rule.class {
        Class::Breaking => "**breaking**",
        Class::Additive => "additive",
        Class::Documentation => "documentation only",
    };
    let what = match (&change.old, &change.new) {
        (Some(old), Some(new)) => format!(": `{old}` → `{new}`"),
        (None, Some(new)) => format!(": `{new}`"),
        (Some(old), None) => format!(" (was `{old}`)"),
        (None, None) => String::new(),
    };
    format!("- {class} ({}): `{}`{what}", change.rule.id, change.item)
}

/// The changelog with the report's changes added to its Unreleased section.
pub fn add_unreleased(changelog: &str, report: &Report) -> String {
    if report.changes.is_empty() {
        return changelog.to_owned();
    }
    let changelog = if changelog.contains(UNRELEASED) {
        changelog.to_owned()
    } else if changelog.trim().is_empty() {
        new()
    } else {
        insert_before_first_version(changelog, &format!("{UNRELEASED}\n"))
    };
    let (before, rest) = changelog
        .split_once(UNRELEASED)
        .unwrap_or((changelog.as_str(), ""));
    // The Unreleased section runs to the next `## ` heading.
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    let (section_text, after) = rest.split_at(end);
    let mut sections: Vec<(String, Vec<String>)> = ["Added", "Changed", "Removed"]
        .iter()
        .map(|name| ((*name).to_owned(), Vec::new()))
        .collect();
    let mut prose = Vec::new();
    let mut current: Option<usize> = None;
    for text_line in section_text.lines() {
        if let Some(name) = text_line.strip_prefix("### ") {
            current = sections.iter().position(|(n, _)| n == name.trim());
            if current.is_none() {
                sections.push((name.trim().to_owned(), Vec::new()));
                current = Some(sections.len() - 1);
            }
        } else if let Some(i) = current {
            if !text_line.trim().is_empty() {
                sections[i].1.push(text_line.to_owned());
            }
        } else if !text_line.trim().is_empty() {
            prose.push(text_line.to_owned());
        }
    }
    for change in &report.changes {
        let name = section(change.rule.id);
        if let Some((_, lines)) = sections.iter_mut().find(|(n, _)| n == name) {
            lines.push(line(change));
        }
    }
    let mut out = format!("{before}{UNRELEASED}\n");
    for text_line in &prose {
        out.push('\n');
        out.push_str(text_line);
        out.push('\n');
    }
    for (name, lines) in sections.iter().filter(|(_, lines)| !lines.is_empty()) {
        out.push_str(&format!("\n### {name}\n\n"));
        for text_line in lines {
            out.push_str(text_line);
            out.push('\n');
        }
    }
    if !after.is_empty() {
        out.push('\n');
        out.push_str(after);
    }
    out
}

fn insert_before_first_version(changelog: &str, text: &str) -> String {
    match changelog.find("\n## [") {
        Some(i) => format!("{}\n{text}{}", &changelog[..=i], &changelog[i + 1..]),
        None => format!("{}\n{text}", changelog.trim_end()),
    }
}

/// The class of the strongest change the Unreleased section lists, if any.
pub fn unreleased_class(changelog: &str) -> Option<Class> {
    let (_, rest) = changelog.split_once(UNRELEASED)?;
    let section_text = rest.split("\n## ").next().unwrap_or_default();
    section_text
        .lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix("- ")?;
            if l.starts_with("**breaking**") {
                Some(Class::Breaking)
            } else if l.starts_with("additive") {
                Some(Class::Additive)
            } else if l.starts_with("documentation only") {
                Some(Class::Documentation)
            } else {
                None
            }
        })
        .max()
}

/// The changelog with its Unreleased section released as `version` on `date`, and a new
/// empty Unreleased section above it.
pub fn release(changelog: &str, version: &str, date: &str) -> Option<String> {
    changelog.contains(UNRELEASED).then(|| {
        changelog.replacen(
            UNRELEASED,
            &format!("{UNRELEASED}\n\n## [{version}] - {date}"),
            1,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::diff::{Change, OPERATION_ADDED, TYPE_REMOVED};
    use super::*;

    fn report() -> Report {
        Report {
            changes: vec![
                Change {
                    rule: &OPERATION_ADDED,
                    item: "svc.items.get".into(),
                    group: "svc.items".into(),
                    old: None,
                    new: Some("operation GET /items -> Item (200)".into()),
                },
                Change {
                    rule: &TYPE_REMOVED,
                    item: "svc::Old".into(),
                    group: "svc types".into(),
                    old: Some("struct response in=items".into()),
                    new: None,
                },
            ],
        }
    }

    #[test]
    fn facts_go_under_unreleased_and_keep_the_prose() {
        let changelog = format!(
            "{}\nSome prose.\n\n## [0.1.0] - 2026-11-23\n\n- first\n",
            new()
        );
        let updated = add_unreleased(&changelog, &report());
        assert!(updated.contains("## [Unreleased]\n\nSome prose.\n\n### Added\n\n- additive (operation-added): `svc.items.get`: `operation GET /items -> Item (200)`\n\n### Removed\n\n- **breaking** (type-removed): `svc::Old` (was `struct response in=items`)\n\n## [0.1.0]"), "{updated}");
        assert_eq!(unreleased_class(&updated), Some(Class::Breaking));
        // A second regeneration adds to the same sections.
        let again = add_unreleased(&updated, &report());
        assert_eq!(again.matches("### Added").count(), 1);
        assert_eq!(again.matches("operation-added").count(), 2);
    }

    #[test]
    fn a_release_names_the_section() {
        let updated = add_unreleased(&new(), &report());
        let released = release(&updated, "0.2.0", "2026-11-29").unwrap_or_default();
        assert!(
            released.contains("## [Unreleased]\n\n## [0.2.0] - 2026-11-29\n\n### Added"),
            "{released}"
        );
        assert_eq!(unreleased_class(&released), None);
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
}
