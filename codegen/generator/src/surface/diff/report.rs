//! A diff's changes, their report, and the version bump they require.

use std::collections::BTreeMap;
use std::fmt;

use super::{Class, Rule};

/// One change between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rule: &'static Rule,
    /// The item: `cloudflare.triggers.create`, `cloudflare::Trigger.branch`.
    pub item: String,
    /// Where it is grouped in the report: `cloudflare.triggers`, `cloudflare types`.
    pub group: String,
    /// What it was and is.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every change from one record to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The strongest class of change, if any.
    pub fn class(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.rule.class).max()
    }

    /// The version after the bump these changes require from `version`; `None` when
    /// nothing changed or `version` is not `major.minor.patch`.
    pub fn next_version(&self, version: &str) -> Option<String> {
        next_version(version, self.class()?)
    }

    /// Counts by class.
    pub fn count(&self, class: Class) -> usize {
        self.changes
            .iter()
            .filter(|c| c.rule.class == class)
            .count()
    }

    /// The report and the bump it requires from `version`.
    pub fn render(&self, version: &str) -> String {
        if self.changes.is_empty() {
            return "no API changes\n".to_owned();
        }
        format!("{}\n{}", self.render_changes(), self.summary(version))
    }

    /// The changes, grouped by service and resource; `no API changes` when there are none.
    pub fn render_changes(&self) -> String {
        if self.changes.is_empty() {
            return "no API changes\n".to_owned();
        }
        let mut out = String::new();
        let mut groups: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
        for change in &self.changes {
            groups.entry(&change.group).or_default().push(change);
        }
        for (group, changes) in groups {
            out.push_str(group);
            out.push('\n');
            for change in changes {
                out.push_str(&format!("  {change}\n"));
            }
        }
        out
    }

    /// One line: the changes counted by class, and the bump they require from `version`.
    pub fn summary(&self, version: &str) -> String {
        let counts = [Class::Breaking, Class::Additive, Class::Documentation]
            .map(|class| format!("{} {}", self.count(class), class.name()));
        let bump = match (self.next_version(version), self.class()) {
            (Some(next), Some(class)) => {
                let why = match (class, version.starts_with("0.")) {
                    (Class::Breaking, true) => "a breaking change before 1.0: minor bump",
                    (Class::Breaking, false) => "a breaking change: major bump",
                    (Class::Additive, false) => "additions: minor bump",
                    _ => "compatible: patch bump",
                };
                format!("generated-client {version} -> {next} ({why})")
            }
            _ => format!("generated-client {version}: no bump"),
        };
        format!("{}: {bump}\n", counts.join(", "))
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<18} {:<30} {}",
            self.rule.class.name(),
            self.rule.id,
            self.item
        )?;
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => write!(f, ": {old} -> {new}"),
            (None, Some(new)) => write!(f, ": {new}"),
            (Some(old), None) => write!(f, ": was {old}"),
            (None, None) => Ok(()),
        }
    }
}

/// The version after a change of `class` to `version` (`major.minor.patch`) under Cargo's
/// semver rules: before 1.0 a minor bump is breaking and a patch compatible.
pub fn next_version(version: &str, class: Class) -> Option<String> {
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u64>>>()?;
    let [major, minor, patch] = parts.as_slice() else {
        return None;
    };
    Some(match (class, *major == 0) {
        (Class::Breaking, true) | (Class::Additive, false) => format!("{major}.{}.0", minor + 1),
        (Class::Breaking, false) => format!("{}.0.0", major + 1),
        (Class::Additive | Class::Documentation, _) => format!("{major}.{minor}.{}", patch + 1),
    })
}
