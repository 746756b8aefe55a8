//! A page's text with a way back from byte offsets to lines and columns.

use codegen_spec::diagnostics::{Diagnostic, Pos};

/// The text of one page file and the offsets where its lines start.
#[derive(Debug)]
pub struct PageText<'t> {
    /// The file, as messages print it.
    pub file: &'t str,
    pub text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> PageText<'t> {
    pub fn new(file: &'t str, text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            file,
            text,
            line_starts,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset. Offsets inside a
    /// character or past the end are clamped.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `part`, a slice of this text.
    pub fn offset_of(&self, part: &str) -> usize {
        (part.as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len())
    }

    /// The position of `part`, a slice of this text.
    pub fn pos_of(&self, part: &str) -> Pos {
        self.pos(self.offset_of(part))
    }

    /// A mistake at a byte offset: `where_` names the part of the page being read
    /// ("Triggers > Create trigger > Body Parameters").
    pub fn error(&self, offset: usize, where_: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_owned(),
            pos: self.pos(offset),
            path: where_.to_owned(),
            message: message.into(),
        }
    }
}

/// The first line of `text`, shortened to `max` characters, for listing skipped text.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = text.trim().lines().next().unwrap_or_default();
    if line.chars().count() <= max {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let page = PageText::new("p.md", "ab\ncé\n\nx");
        assert_eq!(page.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(page.pos(2), Pos { line: 1, column: 3 });
        assert_eq!(page.pos(3), Pos { line: 2, column: 1 });
        // `é` is two bytes and one column.
        assert_eq!(page.pos(6), Pos { line: 2, column: 3 });
        assert_eq!(page.pos(7), Pos { line: 3, column: 1 });
        assert_eq!(page.pos(8), Pos { line: 4, column: 1 });
        assert_eq!(page.pos(100), Pos { line: 4, column: 2 });
        let x = &page.text[8..];
        assert_eq!(page.pos_of(x), Pos { line: 4, column: 1 });
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("  Get Started\nmore", 40), "Get Started");
        assert_eq!(excerpt("abcdef", 3), "abc…");
    }
}
