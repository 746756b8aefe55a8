//! Fields, values, variants and models as the grammar's items.
//!
//! Every entry of a list is ended by its "Link to this property" line:
//!
//! ```text
//! name: optional TYPE          an entry without nested content: its code line,
//! Description.                   its description (one paragraph a line),
//! formatuuid                     its badges,
//! [Link to this property](…)     its end
//!
//! <details>                    an entry with nested content:
//! <summary>
//! name: optional object {a }     its code line and description in the summary,
//! Description.
//! </summary>
//! One of the following:          (before the variants or values of a union or enum)
//! …                              the entries nested under it, each ended by its link
//! </details>
//! <a href="#">Link to this property</a>
//! ```
//!
//! A code line may start with `Deprecated` (`Deprecatedserve\_directly: optional
//! boolean`), which is the field's deprecation mark, not part of its name.

use crate::pages::model::{Badges, Bound, BoundKind, Text};
use crate::pages::source::PageText;
use codegen_spec::diagnostics::Diagnostic;

use super::super::grammar::{self, Code, Item};
use super::blocks::{self, Block, Details};
use super::text;

/// The line that introduces a union's variants or an enum's values.
pub const ONE_OF: &str = "One of the following:";

/// Whether a line is an entry's closing "Link to this property".
pub fn is_link(line: &str) -> bool {
    line.starts_with("[Link to this property](")
        || line == r##"<a href="#">Link to this property</a>"##
}

/// Reads a list of entries.
pub fn items<'t>(
    page: &PageText<'t>,
    list: &[Block<'t>],
    where_: &str,
    depth: usize,
) -> Result<Vec<Item<'t>>, Diagnostic> {
    if depth > blocks::MAX_DEPTH {
        let offset = list.first().map_or(0, Block::offset);
        return Err(page.error(
            offset,
            where_,
            format!("expected entries nested at most {} deep", blocks::MAX_DEPTH),
        ));
    }
    let mut items = Vec::new();
    let mut i = 0;
    while let Some(block) = list.get(i) {
        let (item, next) = match block {
            Block::Details(details) => (entry_with_details(page, details, where_, depth)?, i + 1),
            Block::Line { text, offset } if is_link(text) => {
                return Err(page.error(
                    *offset,
                    where_,
                    "found \"Link to this property\" with no entry before it",
                ));
            }
            Block::Line { .. } => {
                let end = list[i..]
                    .iter()
                    .position(|b| !matches!(b, Block::Line { text, .. } if !is_link(text)))
                    .map_or(list.len(), |n| i + n);
                let lines: Vec<(&'t str, usize)> = list[i..end]
                    .iter()
                    .filter_map(|b| match b {
                        Block::Line { text, offset } => Some((*text, *offset)),
                        _ => None,
                    })
                    .collect();
                (entry(page, &lines, where_)?, end)
            }
            Block::Heading { offset, text, .. } => {
                return Err(page.error(
                    *offset,
                    where_,
                    format!("expected an entry such as `name: type`, found the heading `{text}`"),
                ));
            }
            Block::Code { offset, .. } => {
                return Err(page.error(
                    *offset,
                    where_,
                    "expected an entry such as `name: type`, found a code block",
                ));
            }
        };
        match list.get(next) {
            Some(Block::Line { text, .. }) if is_link(text) => {}
            other => {
                let offset = other.map_or(item.offset, Block::offset);
                let code = item
                    .code
                    .as_ref()
                    .map_or(String::new(), |c| format!(" `{}`", c.text));
                return Err(page.error(
                    offset,
                    where_,
                    format!("expected \"Link to this property\" to end the entry{code}"),
                ));
            }
        }
        items.push(item);
        i = next + 1;
    }
    Ok(items)
}

/// An entry written in lines: its code line, description and badges.
fn entry<'t>(
    page: &PageText<'t>,
    lines: &[(&'t str, usize)],
    where_: &str,
) -> Result<Item<'t>, Diagnostic> {
    let Some(&(first, offset)) = lines.first() else {
        return Err(page.error(0, where_, "expected an entry"));
    };
    let (code, deprecated) = code_line(page, first, offset);
    let rest = lines.get(1..).unwrap_or_default();
    let badge_count = rest
        .iter()
        .rev()
        .take_while(|(line, _)| badge(line).is_some())
        .count();
    let (description, badge_lines) = rest.split_at(rest.len() - badge_count);
    let mut badges = badges(page, badge_lines, where_)?;
    badges.deprecated = deprecated;
    Ok(Item {
        offset,
        code: Ok(code),
        description: description_text(page, description),
        badges,
        alternatives: false,
        children: Vec::new(),
        skipped: Vec::new(),
    })
}

/// An entry in a `<details>` block: its summary and the entries nested under it.
fn entry_with_details<'t>(
    page: &PageText<'t>,
    details: &Details<'t>,
    where_: &str,
    depth: usize,
) -> Result<Item<'t>, Diagnostic> {
    let Some(&(first, offset)) = details.summary.first() else {
        return Err(page.error(
            details.summary_offset,
            where_,
            "expected the entry's `name: type` in the summary, found an empty summary",
        ));
    };
    let (code, deprecated) = code_line(page, first, offset);
    let inner = format!(
        "{where_} > {}",
        code.text.split(':').next().unwrap_or_default()
    );
    let rest = details.summary.get(1..).unwrap_or_default();
    let badge_count = rest
        .iter()
        .rev()
        .take_while(|(line, _)| badge(line).is_some())
        .count();
    let (description, badge_lines) = rest.split_at(rest.len() - badge_count);
    let mut badges = badges(page, badge_lines, where_)?;
    badges.deprecated = deprecated;
    let (alternatives, content) = match details.content.first() {
        Some(Block::Line { text, .. }) if *text == ONE_OF => (true, &details.content[1..]),
        _ => (false, &details.content[..]),
    };
    let children = items(page, content, &inner, depth + 1)?;
    Ok(Item {
        offset,
        code: Ok(code),
        description: description_text(page, description),
        badges,
        alternatives,
        children,
        skipped: Vec::new(),
    })
}

/// A code line as the grammar reads it, and its deprecation mark.
fn code_line(page: &PageText<'_>, line: &str, offset: usize) -> (Code<'static>, Option<Text>) {
    if let Some(rest) = line.strip_prefix("Deprecated")
        && !rest.is_empty()
    {
        let code = text::code(rest, offset + "Deprecated".len());
        if grammar::looks_like_field(&code.text) {
            return (code, Some(Text::new("Deprecated", page.pos(offset))));
        }
    }
    (text::code(line, offset), None)
}

/// A description: its lines, one paragraph each.
fn description_text(page: &PageText<'_>, lines: &[(&str, usize)]) -> Option<Text> {
    let &(_, offset) = lines.first()?;
    let text = lines
        .iter()
        .map(|(line, _)| text::prose(line))
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(Text::new(text, page.pos(offset)))
}

/// What a badge line says.
enum Badge<'l> {
    Format(&'l str),
    Bound(BoundKind, &'l str),
}

/// A badge line (`formatuuid`, `maxLength58`, `minimum-1.5`), or `None` for any other line.
fn badge(line: &str) -> Option<Badge<'_>> {
    if let Some(format) = line.strip_prefix("format")
        && !format.is_empty()
        && format
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some(Badge::Format(format));
    }
    const WORDS: [(&str, BoundKind); 6] = [
        ("minLength", BoundKind::MinLength),
        ("maxLength", BoundKind::MaxLength),
        ("minimum", BoundKind::Minimum),
        ("maximum", BoundKind::Maximum),
        ("minItems", BoundKind::MinItems),
        ("maxItems", BoundKind::MaxItems),
    ];
    WORDS.iter().find_map(|(word, kind)| {
        let value = line.strip_prefix(word)?;
        value.parse::<serde_json::Number>().ok()?;
        Some(Badge::Bound(*kind, value))
    })
}

fn badges(
    page: &PageText<'_>,
    lines: &[(&str, usize)],
    where_: &str,
) -> Result<Badges, Diagnostic> {
    let mut badges = Badges::default();
    for &(line, offset) in lines {
        match badge(line) {
            Some(Badge::Format(format)) => {
                if badges.format.is_some() {
                    return Err(page.error(offset, where_, "found a second format badge"));
                }
                badges.format = Some(Text::new(format, page.pos(offset)));
            }
            Some(Badge::Bound(kind, value)) => {
                let Ok(value) = value.parse::<serde_json::Number>() else {
                    continue;
                };
                if badges.bound(kind).is_some() {
                    return Err(page.error(
                        offset,
                        where_,
                        format!("found a second {} badge", kind.name()),
                    ));
                }
                badges.bounds.push(Bound {
                    kind,
                    value,
                    pos: page.pos(offset),
                });
            }
            None => {}
        }
    }
    Ok(badges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Item<'_>>, String> {
        let page = PageText::new("p.md", text);
        let list = blocks::read(&page, 0).map_err(|d| d.message)?;
        items(&page, &list, "here", 0)
            .map_err(|d| format!("{}:{}: {}", d.pos.line, d.pos.column, d.message))
    }

    #[test]
    fn entries_end_at_their_link() {
        let text = "account\\_id: string\n\nAccount identifier.\n\nIt has 32 characters.\n\nmaxLength32\n\nformatuuid\n\n[Link to this property](#x)\n\nDeprecatedold: optional boolean\n\n<a href=\"#\">Link to this property</a>\n";
        let items = read(text).unwrap_or_default();
        assert_eq!(items.len(), 2);
        let first = &items[0];
        assert_eq!(
            first
                .code
                .as_ref()
                .map(|c| c.text.to_string())
                .ok()
                .as_deref(),
            Some("account_id: string")
        );
        assert_eq!(
            first.description.as_ref().map(|d| d.text.as_str()),
            Some("Account identifier.\n\nIt has 32 characters.")
        );
        assert_eq!(
            first.badges.format.as_ref().map(|f| f.text.as_str()),
            Some("uuid")
        );
        assert_eq!(
            first
                .badges
                .bound(BoundKind::MaxLength)
                .map(|b| b.value.to_string())
                .as_deref(),
            Some("32")
        );
        assert!(items[1].badges.deprecated.is_some());
        assert_eq!(
            items[1]
                .code
                .as_ref()
                .map(|c| c.text.to_string())
                .ok()
                .as_deref(),
            Some("old: optional boolean")
        );
    }

    #[test]
    fn details_nest_their_entries() {
        let text = "<details>\n\n<summary>\n\nstatus: optional \"a\"or \"b\"\n\nThe status.\n\n</summary>\n\nOne of the following:\n\n\"a\"\n\n<a href=\"#\">Link to this property</a>\n\n\"b\"\n\n<a href=\"#\">Link to this property</a>\n\n</details>\n\n[Link to this property](#s)\n";
        let items = read(text).unwrap_or_default();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].children.len(), 2);
        assert_eq!(
            items[0]
                .code
                .as_ref()
                .map(|c| c.text.to_string())
                .ok()
                .as_deref(),
            Some("status: optional \"a\" or \"b\"")
        );
    }

    #[test]
    fn an_entry_without_its_link_is_refused() {
        assert_eq!(
            read("a: string\n\nText.\n\n<details>\n<summary>b: string</summary>\n</details>\n")
                .err()
                .as_deref(),
            Some("5:1: expected \"Link to this property\" to end the entry `a: string`")
        );
        assert_eq!(
            read("a: string\n").err().as_deref(),
            Some("1:1: expected \"Link to this property\" to end the entry `a: string`")
        );
    }
}
