//! The page's text as blocks: headings, lines, fenced code and `<details>` blocks with
//! their summary and content.
//!
//! The layout writes its structure in lines: every heading, field, description paragraph,
//! badge and link stands on a line of its own between blank lines, and nesting is written
//! with `<details>`, `<summary>`, `</summary>` and `</details>` tags, each on a line of its
//! own (a one-line `<summary>API Token</summary>` too). A Markdown parser would read those
//! tags as HTML blocks that run on to the next blank line and lose the nesting, so the
//! lines are read here directly: fences first (their content is never read as structure),
//! then tags, which must balance.

use crate::pages::source::PageText;
use codegen_spec::diagnostics::Diagnostic;

/// How deep `<details>` blocks may nest before the page is refused (the deepest pages
/// nest about ten deep; the limit keeps hostile input from exhausting the stack).
pub const MAX_DEPTH: usize = 48;

/// One block of the page, in the page's order.
#[derive(Debug, Clone)]
pub enum Block<'t> {
    /// `##### Security`: its level and its text after the `#`s.
    Heading {
        level: u8,
        text: &'t str,
        offset: usize,
    },
    /// A non-blank line, trimmed.
    Line {
        text: &'t str,
        offset: usize,
    },
    /// A fenced code block: its content, without the fences.
    Code {
        content: &'t str,
        offset: usize,
    },
    Details(Details<'t>),
}

impl Block<'_> {
    /// Where the block starts, a byte offset in the page.
    pub fn offset(&self) -> usize {
        match self {
            Block::Heading { offset, .. }
            | Block::Line { offset, .. }
            | Block::Code { offset, .. } => *offset,
            Block::Details(details) => details.offset,
        }
    }
}

/// A `<details>` block.
#[derive(Debug, Clone)]
pub struct Details<'t> {
    /// Where `<details>` is.
    pub offset: usize,
    /// The summary's non-blank lines, each trimmed, with its offset.
    pub summary: Vec<(&'t str, usize)>,
    /// Where `<summary>` is.
    pub summary_offset: usize,
    /// What follows the summary, up to `</details>`.
    pub content: Vec<Block<'t>>,
}

/// A line of the page: its text without the line break, and where it starts.
#[derive(Clone, Copy)]
struct RawLine<'t> {
    text: &'t str,
    offset: usize,
}

fn lines(text: &str) -> Vec<RawLine<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let raw = RawLine {
                text: line.trim_end_matches(['\n', '\r']),
                offset,
            };
            offset += line.len();
            raw
        })
        .collect()
}

/// Reads the page's lines from `start` into blocks. `start` skips front matter.
pub fn read<'t>(page: &PageText<'t>, start: usize) -> Result<Vec<Block<'t>>, Diagnostic> {
    let all = lines(page.text);
    let first = all.partition_point(|line| line.offset < start);
    let mut reader = Reader {
        page,
        lines: &all[first..],
        next: 0,
    };
    let blocks = reader.blocks(None, 0)?;
    Ok(blocks)
}

struct Reader<'p, 't> {
    page: &'p PageText<'t>,
    lines: &'p [RawLine<'t>],
    next: usize,
}

const WHERE: &str = "the page's structure";

impl<'t> Reader<'_, 't> {
    fn take(&mut self) -> Option<RawLine<'t>> {
        let line = self.lines.get(self.next).copied();
        self.next += usize::from(line.is_some());
        line
    }

    /// Blocks up to the `</details>` that closes `open` (the offset of its `<details>`), or
    /// to the end of the page when `open` is `None`.
    fn blocks(&mut self, open: Option<usize>, depth: usize) -> Result<Vec<Block<'t>>, Diagnostic> {
        let mut blocks = Vec::new();
        while let Some(line) = self.take() {
            let trimmed = line.text.trim();
            let offset = line.offset + (line.text.len() - line.text.trim_start().len());
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.starts_with("```") {
                blocks.push(self.code(line, offset)?);
                continue;
            }
            match trimmed {
                "<details>" => blocks.push(Block::Details(self.details(offset, depth + 1)?)),
                "</details>" => {
                    return match open {
                        Some(_) => Ok(blocks),
                        None => Err(self.page.error(
                            offset,
                            WHERE,
                            "found `</details>` without the `<details>` it closes",
                        )),
                    };
                }
                "<summary>" | "</summary>" => {
                    return Err(self.page.error(
                        offset,
                        WHERE,
                        format!("found `{trimmed}` outside the start of a `<details>` block"),
                    ));
                }
                _ if trimmed.starts_with("<summary>") => {
                    return Err(self.page.error(
                        offset,
                        WHERE,
                        "found `<summary>` outside the start of a `<details>` block",
                    ));
                }
                _ if is_conversion_note(trimmed) => {
                    return Err(self.page.error(
                        offset,
                        WHERE,
                        format!(
                            "a note of the page's conversion says the page is incomplete (`{trimmed}`): fetch the page again rather than read part of it"
                        ),
                    ));
                }
                _ => blocks.push(heading_or_line(trimmed, offset)),
            }
        }
        match open {
            None => Ok(blocks),
            Some(at) => Err(self.page.error(
                at,
                WHERE,
                "the page ends inside this `<details>` block: expected its `</details>` \
                 (the page is cut short)",
            )),
        }
    }

    /// A fenced code block, from its opening fence.
    fn code(&mut self, fence: RawLine<'t>, offset: usize) -> Result<Block<'t>, Diagnostic> {
        let marker_len = fence.text.trim().chars().take_while(|c| *c == '`').count();
        let content_start = fence.offset + fence.text.len() + 1;
        while let Some(line) = self.take() {
            let trimmed = line.text.trim();
            if trimmed.len() >= marker_len && trimmed.chars().all(|c| c == '`') {
                let end = line.offset.max(content_start);
                let content = self
                    .page
                    .text
                    .get(content_start.min(end)..end)
                    .unwrap_or_default();
                return Ok(Block::Code {
                    content: content.trim_end_matches(['\n', '\r']),
                    offset,
                });
            }
        }
        Err(self.page.error(
            offset,
            WHERE,
            "the page ends inside this code block: expected its closing fence (the page is cut short)",
        ))
    }

    /// A `<details>` block, after its opening tag.
    fn details(&mut self, offset: usize, depth: usize) -> Result<Details<'t>, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.page.error(
                offset,
                WHERE,
                format!("expected `<details>` blocks nested at most {MAX_DEPTH} deep"),
            ));
        }
        let Some((summary_offset, summary)) = self.summary(offset)? else {
            return Err(self.page.error(
                offset,
                WHERE,
                "expected `<summary>` right after `<details>`",
            ));
        };
        let content = self.blocks(Some(offset), depth)?;
        Ok(Details {
            offset,
            summary,
            summary_offset,
            content,
        })
    }

    /// The summary that must follow `<details>`: its offset and non-blank lines.
    #[allow(clippy::type_complexity)]
    fn summary(
        &mut self,
        open: usize,
    ) -> Result<Option<(usize, Vec<(&'t str, usize)>)>, Diagnostic> {
        while let Some(line) = self.take() {
            let trimmed = line.text.trim();
            let offset = line.offset + (line.text.len() - line.text.trim_start().len());
            if trimmed.is_empty() {
                continue;
            }
            let Some(after) = trimmed.strip_prefix("<summary>") else {
                self.next -= 1;
                return Ok(None);
            };
            // `<summary>API Token</summary>`, `<summary></summary>`: one line.
            if let Some(inner) = after.strip_suffix("</summary>") {
                let inner = inner.trim();
                let lines = if inner.is_empty() {
                    Vec::new()
                } else {
                    vec![(inner, offset + "<summary>".len())]
                };
                return Ok(Some((offset, lines)));
            }
            if !after.trim().is_empty() {
                return Err(self.page.error(
                    offset,
                    WHERE,
                    "expected `<summary>` alone on its line, or `<summary>…</summary>`",
                ));
            }
            let mut lines = Vec::new();
            while let Some(line) = self.take() {
                let trimmed = line.text.trim();
                let at = line.offset + (line.text.len() - line.text.trim_start().len());
                match trimmed {
                    "" => {}
                    "</summary>" => return Ok(Some((offset, lines))),
                    "<details>" | "</details>" | "<summary>" => {
                        return Err(self.page.error(
                            at,
                            WHERE,
                            format!(
                                "found `{trimmed}` inside a summary: expected `</summary>` first"
                            ),
                        ));
                    }
                    _ => lines.push((trimmed, at)),
                }
            }
            return Err(self.page.error(
                offset,
                WHERE,
                "the page ends inside this summary: expected `</summary>` (the page is cut short)",
            ));
        }
        Err(self.page.error(
            open,
            WHERE,
            "the page ends right after `<details>`: expected its summary (the page is cut short)",
        ))
    }
}

/// A note the conversion leaves in a page it could not finish (`[Content truncated]`,
/// `> Note: this page is too large and was cut off`), told from the documentation's own
/// prose by starting as a note, a quote or a bracketed remark does.
fn is_conversion_note(line: &str) -> bool {
    let starts_as_note = line.starts_with('>')
        || (line.starts_with('[') && !line.contains("]("))
        || line.starts_with("Note:")
        || line.starts_with("**Note");
    let lower = line.to_ascii_lowercase();
    starts_as_note
        && ["truncat", "incomplete", "too large", "cut off", "omitted"]
            .iter()
            .any(|word| lower.contains(word))
}

fn heading_or_line(trimmed: &str, offset: usize) -> Block<'_> {
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes)
        && let Some(text) = trimmed.get(hashes..)
        && text.starts_with(' ')
    {
        return Block::Heading {
            level: u8::try_from(hashes).unwrap_or(6),
            text: text.trim(),
            offset,
        };
    }
    Block::Line {
        text: trimmed,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Result<Vec<Block<'_>>, String> {
        let page = PageText::new("p.md", text);
        read(&page, 0).map_err(|d| format!("{}:{}: {}", d.pos.line, d.pos.column, d.message))
    }

    #[test]
    fn details_nest_and_keep_their_summary() {
        let text = "# T\n\n<details>\n\n<summary>\n\nresult: object {a }\n\nThe result.\n\n</summary>\n\na: string\n\n<details>\n\n<summary>API Token</summary>\n\n</details>\n\n</details>\n\nafter\n";
        let blocks = blocks(text).unwrap_or_default();
        assert_eq!(blocks.len(), 3);
        let Block::Details(details) = &blocks[1] else {
            panic!("expected details, got {:?}", blocks[1]);
        };
        let summary: Vec<&str> = details.summary.iter().map(|(s, _)| *s).collect();
        assert_eq!(summary, ["result: object {a }", "The result."]);
        assert_eq!(details.content.len(), 2);
        let Block::Details(inner) = &details.content[1] else {
            panic!("expected nested details");
        };
        assert_eq!(inner.summary.len(), 1);
        assert!(matches!(blocks[2], Block::Line { text: "after", .. }));
    }

    #[test]
    fn fences_keep_their_content_unread() {
        let text = "```\n<details>\n{\n  \"a\": 1\n}\n```\nnext\n";
        let blocks = blocks(text).unwrap_or_default();
        let Block::Code { content, .. } = &blocks[0] else {
            panic!("expected code");
        };
        assert_eq!(*content, "<details>\n{\n  \"a\": 1\n}");
        assert!(matches!(blocks[1], Block::Line { text: "next", .. }));
    }

    #[test]
    fn a_page_cut_short_is_refused_at_the_open_block() {
        assert_eq!(
            blocks("a\n\n<details>\n\n<summary>x</summary>\n\nb\n")
                .err()
                .as_deref(),
            Some(
                "3:1: the page ends inside this `<details>` block: expected its `</details>` (the page is cut short)"
            )
        );
        assert_eq!(
            blocks("a\n```\n{\n").err().as_deref(),
            Some(
                "2:1: the page ends inside this code block: expected its closing fence (the page is cut short)"
            )
        );
        assert_eq!(
            blocks("<details>\n<summary>\nx: string\n").err().as_deref(),
            Some(
                "2:1: the page ends inside this summary: expected `</summary>` (the page is cut short)"
            )
        );
        assert_eq!(
            blocks("x\n</details>\n").err().as_deref(),
            Some("2:1: found `</details>` without the `<details>` it closes")
        );
        assert_eq!(
            blocks("<details>\nx\n</details>\n").err().as_deref(),
            Some("1:1: expected `<summary>` right after `<details>`")
        );
    }

    #[test]
    fn a_conversion_note_of_an_incomplete_page_is_refused() {
        assert_eq!(
            blocks("a: string\n\n> Note: the rest of this page was truncated.\n")
                .err()
                .as_deref(),
            Some(
                "3:1: a note of the page's conversion says the page is incomplete (`> Note: the rest of this page was truncated.`): fetch the page again rather than read part of it"
            )
        );
        assert!(blocks("Truncated to 1000 bytes if longer.\n").is_ok());
    }

    #[test]
    fn headings_have_a_level() {
        let blocks = blocks("##### P ath ParametersExpand Collapse\n#no\n").unwrap_or_default();
        assert!(matches!(
            blocks[0],
            Block::Heading {
                level: 5,
                text: "P ath ParametersExpand Collapse",
                ..
            }
        ));
        assert!(matches!(blocks[1], Block::Line { text: "#no", .. }));
    }
}
