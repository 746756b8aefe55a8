//! Cloudflare's API reference rendered with its whitespace collapsed to single spaces: the
//! same outline as the Markdown twin, all on one line.
//!
//! ```text
//! # Workers Builds ## Get latest builds by script IDs **get** `/accounts/…` Retrieve …
//! ### Path Parameters - `account_id: string` Account identifier. ### Query Parameters …
//! ### Example ```http curl https://… \ -H "…" ``` #### Response ```json { … } ```
//! ```
//!
//! The text is cut at its marks, each at the start of the text or after whitespace: `#`
//! to `######` and a space (a heading, whose text runs to the next mark), `- `` (an item:
//! its code span, then its description up to the next mark), ```` ``` ```` (a fenced block,
//! to the next ```` ``` ````) and `**method** `` (the method line; the text after it is the
//! description). Text elsewhere is a paragraph. What a page cannot say in this rendering: a
//! heading followed by prose (the prose would be read as part of the heading), and
//! descriptions holding one of the marks.
//!
//! Nesting is lost: an object's members, an enum's values and a union's variants follow
//! the item as siblings would. [`nest`] rebuilds it from the type: after an item whose type
//! announces members (`{ a, b, 3 more }`: five), values (`"x" or "y" or 2 more`: four) or
//! variants (`number or string`: two), the next items are its own if the first of them is
//! what the type announces first (the member `a`, the value `"x"`, the variant `number`);
//! then exactly as many as announced are taken, each with its own nested items. Otherwise
//! the members were not listed (an announced-only object) and the next item is a sibling.
//! Members the type does not announce (a named type's, `array of ResponseInfo`) cannot be
//! told from siblings, so they are read as siblings; the superseded Workers Builds page
//! has none.
//!
//! Positions are on line 1, at the column of the item, heading or block.

use std::iter::Peekable;

use crate::pages::Hints;
use crate::pages::model::{Badges, Layout, Page, Text};
use crate::pages::source::PageText;
use codegen_spec::diagnostics::{Diagnostic, Diagnostics};

use super::grammar::{self, Code, Expect, Item, SpanError};
use super::outline::{self, Node};

pub fn read(page: &PageText<'_>, _hints: &Hints) -> Result<Page, Diagnostics> {
    outline::read(page, Layout::CloudflareCollapsed, nodes(page))
}

/// The marks the text is cut at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Heading(u8),
    Item,
    Fence,
    Method,
}

/// The mark at the start of `rest`, if any.
fn mark_at(rest: &str) -> Option<Mark> {
    if rest.starts_with("```") {
        return Some(Mark::Fence);
    }
    if rest.starts_with("- `") {
        return Some(Mark::Item);
    }
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let after = rest.get(hashes..).unwrap_or_default();
        return after
            .starts_with(char::is_whitespace)
            .then_some(Mark::Heading(u8::try_from(hashes).unwrap_or(6)));
    }
    let method = rest.strip_prefix("**")?;
    let letters = method.len()
        - method
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    let after = method.get(letters..)?.strip_prefix("**")?;
    let path = after.trim_start();
    (letters > 0
        && path.len() < after.len()
        && path.starts_with('`')
        && path.get(1..)?.contains('`'))
    .then_some(Mark::Method)
}

/// The next mark at or after `from`, and where it is; `text.len()` when there is none.
fn next_mark(text: &str, from: usize) -> (usize, Option<Mark>) {
    let mut after_space = from == 0
        || text
            .get(..from)
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_whitespace);
    let rest = text.get(from..).unwrap_or_default();
    for (i, c) in rest.char_indices() {
        if after_space
            && matches!(c, '#' | '-' | '`' | '*')
            && let Some(mark) = rest.get(i..).and_then(mark_at)
        {
            return (from + i, Some(mark));
        }
        after_space = c.is_whitespace();
    }
    (text.len(), None)
}

/// The page's text cut into nodes; consecutive items are one flat list.
// Long by design: one pass over the collapsed text, an arm per kind of node it can
// start; the arms share the cursor.
fn nodes<'t>(page: &PageText<'t>) -> Vec<Node<'t>> {
    let text = page.text;
    let mut nodes = Vec::new();
    let mut list: Vec<Item<'t>> = Vec::new();
    let flush = |list: &mut Vec<Item<'t>>, nodes: &mut Vec<Node<'t>>| {
        if let Some(first) = list.first() {
            let offset = first.offset;
            nodes.push(Node::List {
                items: std::mem::take(list),
                offset,
                flat: true,
            });
        }
    };
    // Prose between `from` and `to`, as a paragraph.
    let paragraph = |from: usize, to: usize, nodes: &mut Vec<Node<'t>>| {
        let raw = text.get(from..to).unwrap_or_default().trim();
        if !raw.is_empty() {
            nodes.push(Node::Paragraph {
                text: raw.to_owned(),
                raw,
                offset: page.offset_of(raw),
            });
        }
    };
    let (mut at, mut mark) = next_mark(text, 0);
    paragraph(0, at, &mut nodes);
    while let Some(current) = mark {
        let rest = text.get(at..).unwrap_or_default();
        match current {
            Mark::Heading(level) => {
                flush(&mut list, &mut nodes);
                let start = at + usize::from(level);
                let (next, next_mark_) = next_mark(text, start);
                nodes.push(Node::Heading {
                    level,
                    text: text.get(start..next).unwrap_or_default().trim().to_owned(),
                    offset: at,
                });
                (at, mark) = (next, next_mark_);
            }
            Mark::Item => {
                let code_start = at + "- `".len();
                let after_code = text.get(code_start..).unwrap_or_default();
                let (code, after) = match after_code.find('`') {
                    Some(end) => (
                        {
                            let text = after_code.get(..end).unwrap_or_default().trim();
                            Ok(Code::slice(text, page.offset_of(text)))
                        },
                        code_start + end + 1,
                    ),
                    None => (
                        Err(SpanError {
                            offset: at,
                            message: "expected a closing ` to end the item's code span".to_owned(),
                        }),
                        text.len(),
                    ),
                };
                let (next, next_mark_) = next_mark(text, after);
                let description = text.get(after..next).unwrap_or_default().trim();
                list.push(Item {
                    offset: at,
                    code,
                    description: (!description.is_empty())
                        .then(|| Text::new(description, page.pos_of(description))),
                    badges: Badges::default(),
                    alternatives: false,
                    children: Vec::new(),
                    skipped: Vec::new(),
                });
                (at, mark) = (next, next_mark_);
            }
            Mark::Fence => {
                flush(&mut list, &mut nodes);
                let info = rest.get(3..).unwrap_or_default();
                let lang_len = info.find(char::is_whitespace).unwrap_or(info.len());
                let lang = info.get(..lang_len).unwrap_or_default();
                let content_start = at + 3 + lang_len;
                let body = text.get(content_start..).unwrap_or_default();
                let (content, closed, after) = match body.find("```") {
                    Some(end) => (
                        body.get(..end).unwrap_or_default(),
                        true,
                        content_start + end + 3,
                    ),
                    None => (body, false, text.len()),
                };
                let content = content.trim();
                nodes.push(Node::Code {
                    lang: lang.to_owned(),
                    content,
                    offset: at,
                    closed,
                });
                let (next, next_mark_) = next_mark(text, after);
                paragraph(after, next, &mut nodes);
                (at, mark) = (next, next_mark_);
            }
            Mark::Method => {
                flush(&mut list, &mut nodes);
                // `**get** `/path``: to the path's closing backtick.
                let open = rest.find('`').unwrap_or(rest.len());
                let close = rest
                    .get(open + 1..)
                    .and_then(|path| path.find('`'))
                    .map_or(rest.len(), |end| open + 1 + end + 1);
                let end = at + close;
                paragraph(at, end, &mut nodes);
                let (next, next_mark_) = next_mark(text, end);
                paragraph(end, next, &mut nodes);
                (at, mark) = (next, next_mark_);
            }
        }
    }
    flush(&mut list, &mut nodes);
    nodes
}

/// Rebuilds the nesting of a flat list of items from their types (see the module's
/// documentation).
pub fn nest<'t>(
    page: &PageText<'_>,
    items: Vec<Item<'t>>,
    where_: &str,
) -> Result<Vec<Item<'t>>, Diagnostic> {
    let mut queue = items.into_iter().peekable();
    let mut out = Vec::new();
    while let Some(item) = queue.next() {
        out.push(nest_one(page, item, &mut queue, where_, 0)?);
    }
    Ok(out)
}

fn nest_one<'t>(
    page: &PageText<'_>,
    mut item: Item<'t>,
    queue: &mut Peekable<std::vec::IntoIter<Item<'t>>>,
    where_: &str,
    depth: usize,
) -> Result<Item<'t>, Diagnostic> {
    if depth > grammar::MAX_DEPTH {
        return Err(page.error(
            item.offset,
            where_,
            format!("expected items nested at most {} deep", grammar::MAX_DEPTH),
        ));
    }
    // An item without a code span, or with one the grammar refuses, is reported where it
    // is read.
    let Ok(code) = item.code.clone() else {
        return Ok(item);
    };
    let Ok(ty) = grammar::span_type(&code.text) else {
        return Ok(item);
    };
    let expect = grammar::expect(&ty);
    let (count, what) = match expect {
        Expect::Nothing => return Ok(item),
        Expect::Members { count, .. } => (count, "members"),
        Expect::Values { count, .. } => (count, "values"),
        Expect::Variants { count, .. } => (count, "variants"),
    };
    let listed = queue
        .peek()
        .and_then(|next| next.code.as_ref().ok())
        .is_some_and(|next| grammar::starts(&expect, &next.text));
    if !listed {
        return Ok(item);
    }
    for taken in 0..count {
        let Some(next) = queue.next() else {
            return Err(page.error(
                item.offset,
                where_,
                format!(
                    "`{code}` announces {count} {what} but {taken} {} listed",
                    if taken == 1 { "is" } else { "are" }
                ),
            ));
        };
        item.children
            .push(nest_one(page, next, queue, where_, depth + 1)?);
    }
    Ok(item)
}
