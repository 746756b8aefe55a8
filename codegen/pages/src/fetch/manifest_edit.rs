//! Records new copies of pages in `pages/pages.json` by editing its text in place: only
//! the `sha256` and `retrieved` values of their entries change, so every other byte (the
//! other entries, the order of keys, the indentation) stays as the maintainers wrote it.

use std::fmt;

use codegen_spec::diagnostics::Pos;
use codegen_spec::json::{self, Node, Value};

/// Why the manifest's text could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text is not JSON.
    Syntax { pos: Pos, message: String },
    /// The text is not `{"pages": [...]}`.
    NotAManifest,
    /// No entry has this `file`.
    NoEntry { file: String },
    /// The entry of `file` has no string value for `key`.
    NoValue { file: String, key: &'static str },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Syntax { pos, message } => {
                write!(f, "{}:{}: {message}", pos.line, pos.column)
            }
            EditError::NotAManifest => f.write_str("expected {\"pages\": [...]}"),
            EditError::NoEntry { file } => write!(f, "no entry has \"file\": {file:?}"),
            EditError::NoValue { file, key } => {
                write!(f, "the entry of {file} has no string \"{key}\"")
            }
        }
    }
}

impl std::error::Error for EditError {}

/// The manifest's text with each `(file, sha256)` page's `sha256` set and its `retrieved`
/// set to `retrieved`; nothing else changes.
pub fn record_fetched(
    text: &str,
    pages: &[(&str, &str)],
    retrieved: &str,
) -> Result<String, EditError> {
    let root = json::parse(text).map_err(|e| EditError::Syntax {
        pos: e.pos,
        message: e.message,
    })?;
    let entries = member(&root, "pages")
        .and_then(|pages| match &pages.value {
            Value::Array(entries) => Some(entries),
            _ => None,
        })
        .ok_or(EditError::NotAManifest)?;
    let lines = LineStarts::new(text);
    // (start, end, replacement), applied from the end so earlier offsets stay valid.
    let mut edits = Vec::new();
    for &(file, sha256) in pages {
        let entry = entries
            .iter()
            .find(|entry| member(entry, "file").and_then(Node::as_str) == Some(file))
            .ok_or_else(|| EditError::NoEntry {
                file: file.to_owned(),
            })?;
        for (key, value) in [("sha256", sha256), ("retrieved", retrieved)] {
            let node = member(entry, key)
                .filter(|node| node.as_str().is_some())
                .ok_or_else(|| EditError::NoValue {
                    file: file.to_owned(),
                    key,
                })?;
            let start = lines.offset(text, node.pos);
            let end = string_end(text, start).ok_or(EditError::NoValue {
                file: file.to_owned(),
                key,
            })?;
            edits.push((start, end, json_string(value)));
        }
    }
    edits.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_owned();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    Ok(out)
}

fn member<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
        _ => None,
    }
}

fn json_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

/// The byte offset just past the JSON string literal that starts at `start`.
fn string_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(start + 1 + i + 1),
            _ => {}
        }
    }
    None
}

/// Where each line of a text starts, to turn the parser's lines and columns (counted in
/// characters) back into byte offsets.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        Self(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    fn offset(&self, text: &str, pos: Pos) -> usize {
        let line = usize::try_from(pos.line).unwrap_or(usize::MAX);
        let start = line
            .checked_sub(1)
            .and_then(|i| self.0.get(i))
            .copied()
            .unwrap_or(text.len());
        let column = usize::try_from(pos.column.saturating_sub(1)).unwrap_or(usize::MAX);
        text[start..]
            .char_indices()
            .nth(column)
            .map_or(text.len(), |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"{
  "pages": [
    {
      "file": "a.md",
      "service": "svc",
      "title": "Ä \"quoted\"",
      "layout": "cloudflare_details",
      "where": "https://example.com/a",
      "url": "https://example.com/a/index.md",
      "retrieved": "2026-11-29",
      "sha256": "aaaa"
    },
    {"file": "b.md", "service": "svc", "title": "B", "layout": "cloudflare_details", "where": "x", "retrieved": "before 2026-11-23 (\"unknown\")", "sha256": "bbbb"},
    {
      "file": "c.md",
      "service": "svc",
      "title": "C",
      "layout": "cloudflare_details",
      "where": "x",
      "sha256": "cccc",
      "retrieved": "2026-01-01"
    }
  ]
}
"#;

    #[test]
    fn changes_only_the_two_values_of_the_named_entries() {
        let edited = record_fetched(MANIFEST, &[("b.md", "b2"), ("c.md", "c2")], "2026-12-05")
            .unwrap_or_else(|e| panic!("{e}"));
        let expected = MANIFEST
            .replace(
                r#""retrieved": "before 2026-11-23 (\"unknown\")", "sha256": "bbbb""#,
                r#""retrieved": "2026-12-05", "sha256": "b2""#,
            )
            .replace(
                "\"sha256\": \"cccc\",\n      \"retrieved\": \"2026-01-01\"",
                "\"sha256\": \"c2\",\n      \"retrieved\": \"2026-12-05\"",
            );
        assert_ne!(expected, MANIFEST);
        assert_eq!(edited, expected);
    }

    #[test]
    fn an_entry_after_multibyte_text_is_found_by_its_columns() {
        let edited = record_fetched(MANIFEST, &[("a.md", "a2")], "2026-12-05")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            edited,
            MANIFEST
                .replace("\"sha256\": \"aaaa\"", "\"sha256\": \"a2\"")
                .replace(
                    "\"retrieved\": \"2026-11-29\"",
                    "\"retrieved\": \"2026-12-05\""
                )
        );
    }

    #[test]
    fn no_pages_changes_nothing() {
        assert_eq!(
            record_fetched(MANIFEST, &[], "2026-12-05"),
            Ok(MANIFEST.to_owned())
        );
    }

    #[test]
    fn names_what_it_cannot_edit() {
        assert_eq!(
            record_fetched(MANIFEST, &[("z.md", "z")], "d"),
            Err(EditError::NoEntry {
                file: "z.md".to_owned()
            })
        );
        let no_sha = MANIFEST.replace("\"sha256\": \"aaaa\"", "\"sha256\": 1");
        assert_eq!(
            record_fetched(&no_sha, &[("a.md", "z")], "d"),
            Err(EditError::NoValue {
                file: "a.md".to_owned(),
                key: "sha256"
            })
        );
        assert_eq!(record_fetched("[]", &[], "d"), Err(EditError::NotAManifest));
        let syntax = record_fetched("{\n  \"pages\": [,]\n}", &[], "d");
        assert!(
            matches!(&syntax, Err(EditError::Syntax { pos, .. }) if pos.line == 2),
            "{syntax:?}"
        );
    }
}
