//! The public API the generator emits, as a record: one line per item (a service, an
//! operation and each of its parameters, a type and each of its fields or values), with
//! the Rust types users see and which side of the wire each type is on. It is written to
//! `generated-client/api.txt`, checked fresh like the code, and compared with the next
//! regeneration's to say what a change of the spec does to downstream crates ([`mod@diff`]).

pub mod changelog;
pub mod diff;
pub mod item;
mod record;

pub use diff::{Change, Class, Report, Rule, diff, next_version};
pub use item::Item;
pub use record::record;

use std::collections::BTreeMap;
use std::fmt;

/// Where the record is written, relative to the workspace root.
pub const API_FILE: &str = "generated-client/api.txt";

/// Where `cargo xtask release` keeps the record of the API it released, relative to the
/// workspace root: the changelog's Unreleased section is the difference between it and
/// the current record.
pub const RELEASED_API_FILE: &str = "generated-client/api.released.txt";

const HEADER: &str = "\
# The public API of generated-client, one item per line: written by `cargo xtask codegen`
# from spec/; do not edit by hand. Each regeneration is compared with it, and the changes
# are classified as breaking, additive or documentation only (see spec/README.md).
";

/// The record: every item's key and what it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    pub items: BTreeMap<String, Item>,
}

impl Surface {
    /// The record as `api.txt` holds it.
    pub fn to_text(&self) -> String {
        self.with_header(HEADER.to_owned())
    }

    /// The record as `api.released.txt` holds it: the API released as `version`.
    pub fn to_released_text(&self, version: &str) -> String {
        self.with_header(format!(
            "# The public API of generated-client {version} as released: written by `cargo xtask release`\n\
             # from api.txt; do not edit by hand. `cargo xtask codegen` compares api.txt with it, and\n\
             # lists the changes since this release in CHANGELOG.md under [Unreleased].\n"
        ))
    }

    fn with_header(&self, mut text: String) -> String {
        for (key, value) in &self.items {
            text.push_str(&format!("{key}: {value}\n"));
        }
        text
    }

    /// Reads `api.txt`; `line: what was expected` for a line that is not an item.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut items = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = split_item(line) else {
                return Err(format!(
                    "line {}: expected `<item>: <what it is>`, found {line:?}",
                    i + 1
                ));
            };
            let value: Item = value
                .parse()
                .map_err(|e| format!("line {}: {key}: {e}", i + 1))?;
            if items.insert(key.to_owned(), value).is_some() {
                return Err(format!("line {}: item {key} is listed twice", i + 1));
            }
        }
        Ok(Self { items })
    }
}

/// `key: value`, where the key may itself contain `: ` only inside quotes (an enum value).
fn split_item(line: &str) -> Option<(&str, &str)> {
    let mut quotes = item::Quotes::default();
    let (i, _) = line
        .char_indices()
        .find(|&(i, c)| quotes.outside(c) && c == ':' && line[i + 1..].starts_with(' '))?;
    Some((&line[..i], &line[i + 2..]))
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        let mut surface = Surface::default();
        for (key, value) in [
            ("svc::Kind.\"a: b\"", "value AB"),
            ("svc.items.get", "operation GET /items -> Item (200)"),
        ] {
            let value = value.parse().unwrap_or_else(|e| panic!("{value}: {e}"));
            surface.items.insert(key.to_owned(), value);
        }
        let text = surface.to_text();
        assert!(text.starts_with("# The public API"));
        assert_eq!(Surface::parse(&text), Ok(surface.clone()));
        let released = surface.to_released_text("0.3.0");
        assert!(released.starts_with("# The public API of generated-client 0.3.0 as released"));
        assert_eq!(Surface::parse(&released), Ok(surface));
    }

    #[test]
    fn a_broken_line_is_named() {
        assert_eq!(
            Surface::parse("# header\nsvc.items.get operation\n"),
            Err(
                "line 2: expected `<item>: <what it is>`, found \"svc.items.get operation\""
                    .to_owned()
            )
        );
    }
}
