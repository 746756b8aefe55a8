//! `CHANGELOG.md`, in the Keep a Changelog format. Its `## [Unreleased]` section lists the
//! API changes since the last release, one fact per line under Added, Changed or Removed:
//! each regeneration writes them anew from the difference between the released API and the
//! current one, so a field changed twice is one entry of its net change, and a change undone
//! is none. The facts stand between two comment markers ([`START`], [`END`]), after the
//! hand-written lines of their subsection; everything outside the markers is the
//! maintainers' and is kept byte for byte. A release turns the section into the next
//! version's, without the markers.

pub use super::diff::next_version;
use super::diff::{Change, Class, Report};

const UNRELEASED: &str = "## [Unreleased]";

/// The line before a subsection's generated facts.
pub const START: &str = "<!-- API changes since the last release: written by `cargo xtask codegen`, edit around them -->";
/// The line after them.
pub const END: &str = "<!-- end of API changes -->";

/// The subsections facts go in, in their order.
const SUBSECTIONS: [&str; 3] = ["Added", "Changed", "Removed"];

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

/// The Keep a Changelog subsection a change belongs in.
fn subsection(rule_id: &str) -> &'static str {
    if rule_id.ends_with("-removed") {
        "Removed"
    } else if rule_id.ends_with("-added") || rule_id.contains("-added-") {
        "Added"
    } else {
        "Changed"
    }
}

/// One line of facts for a change.
fn line(change: &Change) -> String {
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

/// Where the Unreleased section's body is: from the end of its heading line to the next
/// `## ` heading (or the end of the text).
fn unreleased_body(changelog: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut body_start = None;
    for text_line in changelog.split_inclusive('\n') {
        let next = offset + text_line.len();
        match body_start {
            None if text_line.trim_end() == UNRELEASED => body_start = Some(next),
            Some(start) if text_line.starts_with("## ") => return Some((start, offset)),
            _ => {}
        }
        offset = next;
    }
    body_start.map(|start| (start, changelog.len()))
}

/// The changelog with its Unreleased section's facts replaced by the report's: none when
/// it is empty. Prose and hand-written entries, and the rest of the file, are kept as they
/// are. An error names a start marker without its end, or the reverse.
pub fn with_unreleased(changelog: &str, report: &Report) -> Result<String, String> {
    let Some((start, end)) = unreleased_body(changelog) else {
        if report.changes.is_empty() {
            return Ok(changelog.to_owned());
        }
        let with_section = if changelog.trim().is_empty() {
            new()
        } else {
            insert_before_first_version(changelog, &format!("{UNRELEASED}\n"))
        };
        return with_unreleased(&with_section, report);
    };
    let mut head = changelog[..start].to_owned();
    let first_line = head.matches('\n').count() + 1;
    if !head.ends_with('\n') && !report.changes.is_empty() {
        // The heading ends the file without a line break: facts follow it on lines of their own.
        head.push('\n');
    }
    let mut lines = without_facts(&changelog[start..end], first_line)?;
    for name in SUBSECTIONS {
        let facts: Vec<String> = report
            .changes
            .iter()
            .filter(|change| subsection(change.rule.id) == name)
            .map(line)
            .collect();
        if !facts.is_empty() {
            insert_facts(&mut lines, name, facts);
        }
    }
    Ok(format!("{head}{}{}", lines.concat(), &changelog[end..]))
}

/// The section's lines, each with its line break, without the marked facts;
/// `first_line` is the first's line number in the file, for errors.
fn without_facts(section: &str, first_line: usize) -> Result<Vec<String>, String> {
    let mut kept = Vec::new();
    let mut open: Option<usize> = None;
    for (i, text_line) in section.split_inclusive('\n').enumerate() {
        let number = first_line + i;
        match (open, text_line.trim_end()) {
            (None, START) => open = Some(number),
            (Some(_), END) => open = None,
            (Some(start), START) => {
                return Err(format!(
                    "line {number}: the API changes of line {start} have no end marker `{END}` before this start marker"
                ));
            }
            (None, END) => {
                return Err(format!(
                    "line {number}: an end marker of API changes without its start marker `{START}`"
                ));
            }
            (Some(_), _) => {}
            (None, _) => kept.push(text_line.to_owned()),
        }
    }
    match open {
        Some(start) => Err(format!(
            "line {start}: the API changes that start here have no end marker `{END}`"
        )),
        None => Ok(kept),
    }
}

/// Adds a subsection's facts, between the markers: after the last line of its
/// hand-written entries, or, when the section has no such subsection, as a new one (its
/// heading inside the markers) where it belongs among the others. Either way the markers
/// enclose all that was added, so removing them restores the section as it was.
fn insert_facts(lines: &mut Vec<String>, name: &str, facts: Vec<String>) {
    let heading = format!("### {name}");
    let is_content = |l: &String| !l.trim().is_empty();
    let (at, mut block) = match lines.iter().position(|l| l.trim_end() == heading) {
        Some(h) => {
            let end = lines[h + 1..]
                .iter()
                .position(|l| l.starts_with("### "))
                .map_or(lines.len(), |i| h + 1 + i);
            let last = lines[h..end]
                .iter()
                .rposition(is_content)
                .map_or(h, |i| h + i);
            (last + 1, vec![START.to_owned()])
        }
        None => {
            let later: Vec<String> = SUBSECTIONS
                .iter()
                .skip_while(|n| **n != name)
                .skip(1)
                .map(|n| format!("### {n}"))
                .collect();
            let bound = lines
                .iter()
                .position(|l| later.iter().any(|h| l.trim_end() == h))
                .unwrap_or(lines.len());
            let at = lines[..bound]
                .iter()
                .rposition(is_content)
                .map_or(0, |i| i + 1);
            let block = [START, "", &heading, ""].map(str::to_owned).to_vec();
            (at, block)
        }
    };
    block.extend(facts);
    block.push(END.to_owned());
    if let Some(before) = at.checked_sub(1).and_then(|i| lines.get_mut(i))
        && !before.ends_with('\n')
    {
        before.push('\n');
    }
    let block = block.into_iter().map(|mut l| {
        l.push('\n');
        l
    });
    lines.splice(at..at, block);
}

fn insert_before_first_version(changelog: &str, text: &str) -> String {
    match changelog.find("\n## [") {
        Some(i) => format!("{}{text}\n{}", &changelog[..=i], &changelog[i + 1..]),
        None => format!("{}\n\n{text}", changelog.trim_end()),
    }
}

/// The class of the strongest change the Unreleased section lists, generated or written
/// by hand, if any.
pub fn unreleased_class(changelog: &str) -> Option<Class> {
    let (start, end) = unreleased_body(changelog)?;
    changelog[start..end]
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

/// The changelog with its Unreleased section released as `version` on `date`, without
/// the markers, and a new empty Unreleased section above it.
pub fn release(changelog: &str, version: &str, date: &str) -> Option<String> {
    let (start, end) = unreleased_body(changelog)?;
    let mut head = changelog[..start].to_owned();
    if !head.ends_with('\n') {
        head.push('\n');
    }
    let body: String = changelog[start..end]
        .split_inclusive('\n')
        .filter(|l| !matches!(l.trim_end(), START | END))
        .collect();
    Some(format!(
        "{head}\n## [{version}] - {date}\n{body}{}",
        &changelog[end..]
    ))
}

#[cfg(test)]
mod tests;
