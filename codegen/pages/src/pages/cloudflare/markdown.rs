//! Cloudflare's API reference as its Markdown twin (`<page>/index.md`).
//!
//! The page is read with a Markdown parser (`pulldown-cmark`) rather than by slicing
//! lines, because its meaning is in Markdown's structure: a field's members, values and
//! variants are the items of a list nested under it, told apart only by indentation (and
//! a description paragraph may sit between the item and its nested list); every item's
//! text is a code span, whose backticks may also appear in descriptions
//! (`` `sqlite3_total_changes()` ``); and examples are fenced code blocks whose content
//! (JSON, a curl command with `-d '{…}'`) must not be read as Markdown. The parser's
//! offsets give every item its line.
//!
//! The Markdown becomes the [`Node`]s of the outline both renderings share
//! ([`outline`]), and each list item a [`grammar::Item`] with the items
//! of its nested lists as children.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::pages::Hints;
use crate::pages::model::{Badges, Layout, Page, Skipped, Text};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics};

use super::grammar::{self, Code, Item, SpanError};
use super::outline::{self, Node};

pub fn read(page: &PageText<'_>, _hints: &Hints) -> Result<Page, Diagnostics> {
    let nodes = nodes(page).map_err(|d| Diagnostics::new(vec![d]))?;
    outline::read(page, Layout::CloudflareMarkdown, nodes)
}

/// A Markdown block, with its byte range in the page.
#[derive(Debug)]
enum Block {
    Heading {
        level: u8,
        text: String,
        range: Range<usize>,
    },
    Paragraph {
        range: Range<usize>,
        /// The first code span's range, backticks included.
        first_code: Option<Range<usize>>,
    },
    List {
        range: Range<usize>,
        items: Vec<(Range<usize>, Vec<Block>)>,
    },
    Code {
        range: Range<usize>,
        lang: String,
        content: Range<usize>,
        closed: bool,
    },
    Other {
        range: Range<usize>,
        why: &'static str,
    },
}

fn nodes<'t>(page: &PageText<'t>) -> Result<Vec<Node<'t>>, Diagnostic> {
    let mut builder = Builder {
        page,
        events: Parser::new_ext(page.text, Options::empty())
            .into_offset_iter()
            .peekable(),
    };
    let blocks = builder.blocks(0)?;
    blocks
        .into_iter()
        .map(|block| to_node(page, block))
        .collect()
}

type Events<'t> = std::iter::Peekable<pulldown_cmark::OffsetIter<'t>>;

struct Builder<'p, 't> {
    page: &'p PageText<'t>,
    events: Events<'t>,
}

/// Tags of inline content (inside a paragraph, or straight inside a tight list item).
fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::Rule => false,
    }
}

impl<'t> Builder<'_, 't> {
    /// The blocks up to the end of the enclosing container (whose end is consumed), or of
    /// the page.
    // Long by design: one match over pulldown-cmark's events, an arm per kind of block,
    // each arm a few lines.
    fn blocks(&mut self, depth: usize) -> Result<Vec<Block>, Diagnostic> {
        let mut out = Vec::new();
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::End(_) if !is_inline_event(&event) => break,
                Event::Start(Tag::Paragraph) => {
                    let mut first_code = None;
                    let mut end = range.end;
                    for (event, inner) in self.events.by_ref() {
                        if matches!(event, Event::End(TagEnd::Paragraph)) {
                            break;
                        }
                        end = end.max(inner.end);
                        if matches!(event, Event::Code(_)) && first_code.is_none() {
                            first_code = Some(inner);
                        }
                    }
                    out.push(Block::Paragraph {
                        range: range.start..end.max(range.end),
                        first_code,
                    });
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let mut text = String::new();
                    for (event, _) in self.events.by_ref() {
                        match event {
                            Event::End(TagEnd::Heading(_)) => break,
                            Event::Text(t) | Event::Code(t) => text.push_str(&t),
                            Event::SoftBreak | Event::HardBreak => text.push(' '),
                            _ => {}
                        }
                    }
                    out.push(Block::Heading {
                        level: level as u8,
                        text: text.trim().to_owned(),
                        range,
                    });
                }
                Event::Start(Tag::List(_)) => {
                    if depth >= grammar::MAX_DEPTH {
                        return Err(self.page.error(
                            range.start,
                            "",
                            format!("expected lists nested at most {} deep", grammar::MAX_DEPTH),
                        ));
                    }
                    let mut items = Vec::new();
                    while let Some((event, item_range)) = self.events.next() {
                        match event {
                            Event::Start(Tag::Item) => {
                                items.push((item_range, self.blocks(depth + 1)?));
                            }
                            Event::End(TagEnd::List(_)) => break,
                            _ => {}
                        }
                    }
                    out.push(Block::List { range, items });
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut content: Option<Range<usize>> = None;
                    for (event, inner) in self.events.by_ref() {
                        match event {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(_) => {
                                content = Some(match content {
                                    Some(c) => c.start..inner.end.max(c.end),
                                    None => inner,
                                });
                            }
                            _ => {}
                        }
                    }
                    let (lang, closed) = match &kind {
                        CodeBlockKind::Fenced(info) => (
                            info.split_whitespace()
                                .next()
                                .unwrap_or_default()
                                .to_owned(),
                            fence_closed(self.page.text.get(range.clone()).unwrap_or_default()),
                        ),
                        CodeBlockKind::Indented => (String::new(), true),
                    };
                    let content = content.unwrap_or(range.start..range.start);
                    out.push(Block::Code {
                        range,
                        lang,
                        content,
                        closed,
                    });
                }
                Event::Start(tag) if !is_inline_tag(&tag) => {
                    let why = match tag {
                        Tag::BlockQuote(_) => "a block quote",
                        Tag::HtmlBlock => "HTML",
                        _ => "a Markdown block the reader does not read",
                    };
                    let mut open = 1usize;
                    for (event, _) in self.events.by_ref() {
                        match event {
                            Event::Start(_) => open += 1,
                            Event::End(_) => open -= 1,
                            _ => {}
                        }
                        if open == 0 {
                            break;
                        }
                    }
                    out.push(Block::Other { range, why });
                }
                Event::Rule | Event::Html(_) => out.push(Block::Other {
                    range,
                    why: "a thematic break or HTML",
                }),
                event => {
                    // Inline content straight inside a tight list item: a paragraph without
                    // its tags, to the next block.
                    let mut first_code = matches!(event, Event::Code(_)).then(|| range.clone());
                    let mut end = range.end;
                    while let Some((event, inner)) = self.events.peek() {
                        if !is_inline_event(event) {
                            break;
                        }
                        if matches!(event, Event::Code(_)) && first_code.is_none() {
                            first_code = Some(inner.clone());
                        }
                        end = end.max(inner.end);
                        self.events.next();
                    }
                    out.push(Block::Paragraph {
                        range: range.start..end,
                        first_code,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// Whether a fenced code block's text ends with a closing fence as long as its opening one.
fn fence_closed(block: &str) -> bool {
    let block = block.trim();
    let fence = block.chars().next().filter(|c| matches!(c, '`' | '~'));
    let Some(fence) = fence else {
        return false;
    };
    let opening = block.chars().take_while(|&c| c == fence).count();
    let mut lines = block.lines();
    lines.next();
    let Some(last) = lines.last() else {
        return false;
    };
    let last = last.trim();
    last.chars().all(|c| c == fence) && last.chars().count() >= opening
}

fn slice<'t>(page: &PageText<'t>, range: &Range<usize>) -> &'t str {
    page.text.get(range.clone()).unwrap_or_default()
}

/// A paragraph's lines, trimmed and joined by spaces.
fn paragraph_text(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn to_node<'t>(page: &PageText<'t>, block: Block) -> Result<Node<'t>, Diagnostic> {
    Ok(match block {
        Block::Heading { level, text, range } => Node::Heading {
            level,
            text,
            offset: range.start,
        },
        Block::Paragraph { range, .. } => {
            let raw = slice(page, &range).trim();
            Node::Paragraph {
                text: paragraph_text(raw),
                raw,
                offset: page.offset_of(raw),
            }
        }
        Block::List { range, items } => Node::List {
            items: items
                .into_iter()
                .map(|(range, blocks)| to_item(page, range, blocks))
                .collect(),
            offset: range.start,
            flat: false,
        },
        Block::Code {
            range,
            lang,
            content,
            closed,
        } => Node::Code {
            lang,
            content: slice(page, &content),
            offset: range.start,
            closed,
        },
        Block::Other { range, why } => Node::Other {
            offset: range.start,
            text: slice(page, &range).to_owned(),
            why: why.to_owned(),
        },
    })
}

/// A list item: its first paragraph's code span, the paragraphs after as its description,
/// its nested lists' items as its children.
fn to_item<'t>(page: &PageText<'t>, range: Range<usize>, blocks: Vec<Block>) -> Item<'t> {
    let mut item = Item {
        offset: range.start,
        code: Err(SpanError {
            offset: range.start,
            message: "expected the item to start with a code span such as `name: type`".to_owned(),
        }),
        description: None,
        badges: Badges::default(),
        alternatives: false,
        children: Vec::new(),
        skipped: Vec::new(),
    };
    let mut description: Vec<&'t str> = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        match block {
            Block::Paragraph { range, first_code } => {
                let raw = slice(page, &range).trim();
                let code = first_code
                    .filter(|code| i == 0 && page.offset_of(raw) == code.start)
                    .map(|code| (slice(page, &code), code.end));
                match code {
                    Some((code, end)) => {
                        let text = code.trim_matches('`').trim();
                        item.code = Ok(Code::slice(text, page.offset_of(text)));
                        let after = page.text.get(end..range.end).unwrap_or_default().trim();
                        if !after.is_empty() {
                            description.push(after);
                        }
                    }
                    None => description.push(raw),
                }
            }
            Block::List { items, .. } => item.children.extend(
                items
                    .into_iter()
                    .map(|(range, blocks)| to_item(page, range, blocks)),
            ),
            Block::Heading { range, .. }
            | Block::Code { range, .. }
            | Block::Other { range, .. } => {
                item.skipped.push(Skipped {
                    pos: page.pos(range.start),
                    text: excerpt(slice(page, &range), 80),
                    why: "a block inside a list item other than its description and nested items"
                        .to_owned(),
                });
            }
        }
    }
    if let Some(first) = description.first() {
        let text = description
            .iter()
            .map(|paragraph| paragraph_text(paragraph))
            .collect::<Vec<_>>()
            .join("\n\n");
        item.description = Some(Text::new(text, page.pos_of(first)));
    }
    item
}
