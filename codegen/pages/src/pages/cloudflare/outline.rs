//! The outline both renderings of a Cloudflare reference page share, read into the model
//! once each reader has turned its text into [`Node`]s.
//!
//! ```text
//! # Resource                      a section; see below for how `#` headings nest
//! ## Operation title              an operation:
//! **get** `/path/{param}`           its method and path (required right under the title)
//! Description paragraph.            its description; further paragraphs are notes
//! ### Path Parameters             items `name: type` (also Query and Header Parameters)
//! ### Body Parameters             items: the body's fields; a lone `body` item is the body
//! ### Returns                     items: the envelope (errors, messages, result, …)
//! ### Example                     a ```http block with a curl command
//! #### Response                   a ```json block with the response
//! ## Domain Types                 named types of the section:
//! ### Heading                       under their heading,
//! - `Name object { … }`             `Name object { … }` or `Name = TYPE`
//! ```
//!
//! **Sections.** The page writes every resource as a `#` heading, whatever its depth in
//! the API (`# Time Travel` of D1 is a sub-resource of `# Database`, written after it at the
//! same level), so a `#` heading ends the section before it. The one nesting the page shows
//! is a run of `#` headings with nothing between them: a resource that has no operations of
//! its own, then its sub-resource (`# Repos` then `# Connections`). Such a run is one
//! section path, outermost first, and holds until the next `#` heading. The page's first
//! `#` heading is also its title and the section of the operations before the next one.
//!
//! **Bodies.** The page lists a JSON object body as its fields. A body that is not an object
//! (a map, a union of objects) is written as one item named `body` whose type is the whole
//! body (`body: map[object { is_secret, value } ]`); so when the only item is named `body`,
//! the body's shape is that item's type and its description the item's.
//!
//! **Responses.** `### Returns` lists the envelope's fields; the response's shape is an
//! object of them, and the page gives no status.
//!
//! **Passed over** (into [`Page::skipped`], with the reason): prose outside an operation's
//! description and notes and the items' descriptions, lists outside the parameter, body,
//! returns and domain-type sections, `###` sections other than those above, headings
//! deeper than `#### Response`, code blocks outside an example, curl arguments the model
//! does not hold, and blocks the Markdown reader does not read (block quotes, HTML).
//!
//! **Refused** (an error naming the line, the column, where on the page, e.g. "Triggers >
//! Create trigger > Body Parameters", and what was expected): an operation heading not
//! followed by its `**method** `/path`` line, an item without a code span or whose span the
//! grammar refuses, listed members, values or variants that do not match what the type
//! announces, an example that is not a curl command, and a code block without its closing
//! fence.

use crate::pages::example;
use crate::pages::model::{
    ExampleResponse, Layout, NamedType, Page, PageBody, PageExample, PageField, PageObject,
    PageOperation, PageParam, PageResponse, PageType, ParamLocation, Skipped, Text,
};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics, Pos};

use super::collapsed;
use super::grammar::{Item, Reader};

mod lists;

/// How long the text of a skipped entry may be.
const EXCERPT: usize = 80;

/// A block of a reference page, in the page's order.
#[derive(Debug)]
pub enum Node<'t> {
    Heading {
        level: u8,
        text: String,
        offset: usize,
    },
    Paragraph {
        /// Its lines joined by spaces.
        text: String,
        /// As written, a slice of the page.
        raw: &'t str,
        offset: usize,
    },
    List {
        items: Vec<Item<'t>>,
        offset: usize,
        /// Whether the items were written one after another with their nesting lost
        /// (collapsed pages): their nesting is rebuilt from their types.
        flat: bool,
    },
    Code {
        /// The info string's first word (`http`, `json`).
        lang: String,
        /// The code, a slice of the page.
        content: &'t str,
        offset: usize,
        /// Whether the block has its closing fence.
        closed: bool,
    },
    /// Something the reader does not read (a block quote, HTML), with why.
    Other {
        offset: usize,
        text: String,
        why: String,
    },
}

/// Reads a reference page's nodes into the model.
pub fn read(
    page: &PageText<'_>,
    layout: Layout,
    nodes: Vec<Node<'_>>,
) -> Result<Page, Diagnostics> {
    let mut walker = Walker {
        page,
        out: Page {
            file: page.file.to_owned(),
            layout,
            title: None,
            last_modified: None,
            operations: Vec::new(),
            named_types: Vec::new(),
            links: Vec::new(),
            skipped: Vec::new(),
        },
        sections: Vec::new(),
        heading_run: false,
        context: Context::Outside,
    };
    walker
        .walk(nodes)
        .map_err(|diagnostic| Diagnostics::new(vec![diagnostic]))?;
    Ok(walker.out)
}

/// The part of an operation being read: the `###` heading it is under.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// Before any `###`: the description and notes.
    Intro,
    Params(ParamLocation),
    Body,
    Returns,
    Example,
    /// `#### Response` under `### Example`.
    Response,
    /// A heading the reader does not know.
    Unknown(String),
}

impl Part {
    fn name(&self) -> &str {
        match self {
            Part::Intro => "",
            Part::Params(ParamLocation::Path) => "Path Parameters",
            Part::Params(ParamLocation::Query) => "Query Parameters",
            Part::Params(ParamLocation::Header) => "Header Parameters",
            Part::Body => "Body Parameters",
            Part::Returns => "Returns",
            Part::Example => "Example",
            Part::Response => "Example > Response",
            Part::Unknown(heading) => heading,
        }
    }
}

#[derive(Debug)]
struct OperationState {
    operation: PageOperation,
    part: Part,
    /// Where `### Body Parameters` is, and the fields listed under it.
    body: Option<(Pos, Vec<PageField>)>,
    /// Where `### Returns` is, and the fields listed under it.
    returns: Option<(Pos, Vec<PageField>)>,
}

#[derive(Debug)]
enum Context {
    /// Under a `#` heading, before any `##`.
    Outside,
    Operation(Box<OperationState>),
    /// Under `## Domain Types`, with the `###` heading of the types being read.
    DomainTypes(Option<Text>),
}

struct Walker<'p, 't> {
    page: &'p PageText<'t>,
    out: Page,
    sections: Vec<Text>,
    /// Whether the last node was a `#` heading.
    heading_run: bool,
    context: Context,
}

impl<'t> Walker<'_, 't> {
    /// Where the walker is, for messages: "Triggers > Create trigger > Body Parameters".
    fn where_(&self) -> String {
        let mut parts: Vec<&str> = self.sections.iter().map(|s| s.text.as_str()).collect();
        match &self.context {
            Context::Outside => {}
            Context::Operation(state) => {
                parts.push(&state.operation.title.text);
                if state.part != Part::Intro {
                    parts.push(state.part.name());
                }
            }
            Context::DomainTypes(heading) => {
                parts.push("Domain Types");
                if let Some(heading) = heading {
                    parts.push(&heading.text);
                }
            }
        }
        parts.join(" > ")
    }

    fn skip(&mut self, offset: usize, text: &str, why: impl Into<String>) {
        let text = excerpt(text, EXCERPT);
        if text.is_empty() {
            return;
        }
        self.out.skipped.push(Skipped {
            pos: self.page.pos(offset),
            text,
            why: why.into(),
        });
    }

    fn walk(&mut self, nodes: Vec<Node<'t>>) -> Result<(), Diagnostic> {
        let mut nodes = nodes.into_iter().peekable();
        while let Some(node) = nodes.next() {
            let is_h1 = matches!(node, Node::Heading { level: 1, .. });
            match node {
                Node::Heading {
                    level,
                    text,
                    offset,
                } => match level {
                    1 => self.section(text, offset),
                    2 => {
                        self.finish();
                        if text == "Domain Types" {
                            self.context = Context::DomainTypes(None);
                        } else {
                            self.operation(text, offset, &mut nodes)?;
                        }
                    }
                    _ => self.heading(level, text, offset),
                },
                Node::Paragraph { text, raw, offset } => self.paragraph(text, raw, offset),
                Node::List {
                    items,
                    offset,
                    flat,
                } => self.list(items, offset, flat)?,
                Node::Code {
                    lang,
                    content,
                    offset,
                    closed,
                } => self.code(&lang, content, offset, closed)?,
                Node::Other { offset, text, why } => self.skip(offset, &text, why),
            }
            self.heading_run = is_h1;
        }
        self.finish();
        Ok(())
    }

    /// A `#` heading: a new section, or the next of a run.
    fn section(&mut self, text: String, offset: usize) {
        self.finish();
        self.context = Context::Outside;
        let heading = Text::new(text, self.page.pos(offset));
        if self.out.title.is_none() {
            self.out.title = Some(heading.clone());
        }
        if !self.heading_run {
            self.sections.clear();
        }
        self.sections.push(heading);
    }

    /// A `##` heading of an operation: the method line must follow, then maybe the
    /// description.
    fn operation(
        &mut self,
        title: String,
        offset: usize,
        nodes: &mut std::iter::Peekable<std::vec::IntoIter<Node<'t>>>,
    ) -> Result<(), Diagnostic> {
        let title = Text::new(title, self.page.pos(offset));
        let mut where_: Vec<&str> = self.sections.iter().map(|s| s.text.as_str()).collect();
        where_.push(&title.text);
        let where_ = where_.join(" > ");
        let (method, path) = match nodes.peek() {
            Some(Node::Paragraph { raw, .. }) => match method_line(raw) {
                Some(line) => line,
                None => {
                    return Err(self.page.error(
                        self.page.offset_of(raw),
                        &where_,
                        format!(
                            "expected the operation's method and path (`**get** `/path``) under its heading, found `{}`",
                            excerpt(raw, 60)
                        ),
                    ));
                }
            },
            other => {
                let at = match other {
                    Some(
                        Node::Heading { offset, .. }
                        | Node::Paragraph { offset, .. }
                        | Node::List { offset, .. }
                        | Node::Code { offset, .. }
                        | Node::Other { offset, .. },
                    ) => *offset,
                    None => self.page.text.len(),
                };
                return Err(self.page.error(
                    at,
                    &where_,
                    "expected the operation's method and path (`**get** `/path``) under its heading",
                ));
            }
        };
        let method = Text::new(method.to_ascii_uppercase(), self.page.pos_of(method));
        let path = Text::new(colon_params(path), self.page.pos_of(path));
        nodes.next();
        let description = match nodes.peek() {
            Some(Node::Paragraph { text, offset, .. }) => {
                let description = Text::new(text.clone(), self.page.pos(*offset));
                nodes.next();
                Some(description)
            }
            _ => None,
        };
        self.context = Context::Operation(Box::new(OperationState {
            operation: PageOperation {
                pos: title.pos,
                sections: self.sections.clone(),
                title,
                method,
                path,
                description,
                notes: Vec::new(),
                scopes: Vec::new(),
                name: None,
                permissions: Vec::new(),
                auth: Vec::new(),
                deprecated: None,
                params: Vec::new(),
                body: None,
                response: None,
                examples: Vec::new(),
            },
            part: Part::Intro,
            body: None,
            returns: None,
        }));
        Ok(())
    }

    /// A `###` or deeper heading: a part of an operation, or the heading of domain types.
    fn heading(&mut self, level: u8, text: String, offset: usize) {
        let pos = self.page.pos(offset);
        match (&mut self.context, level) {
            (Context::Operation(state), 3) => {
                state.part = match text.as_str() {
                    "Path Parameters" => Part::Params(ParamLocation::Path),
                    "Query Parameters" => Part::Params(ParamLocation::Query),
                    "Header Parameters" => Part::Params(ParamLocation::Header),
                    "Body Parameters" => {
                        state.body.get_or_insert((pos, Vec::new()));
                        Part::Body
                    }
                    "Returns" => {
                        state.returns.get_or_insert((pos, Vec::new()));
                        Part::Returns
                    }
                    "Example" => Part::Example,
                    _ => Part::Unknown(text.clone()),
                };
                if let Part::Unknown(_) = state.part {
                    self.skip(
                        offset,
                        &text,
                        "an operation's section the reader does not know",
                    );
                }
            }
            (Context::Operation(state), 4)
                if text == "Response" && matches!(state.part, Part::Example | Part::Response) =>
            {
                state.part = Part::Response;
            }
            (Context::DomainTypes(heading), 3) => *heading = Some(Text::new(text, pos)),
            _ => {
                if let Context::Operation(state) = &mut self.context {
                    state.part = Part::Unknown(text.clone());
                }
                self.skip(offset, &text, "a heading the reader does not know here");
            }
        }
    }

    fn paragraph(&mut self, text: String, raw: &str, offset: usize) {
        if let Context::Operation(state) = &mut self.context
            && state.part == Part::Intro
        {
            let note = Text::new(text, self.page.pos(offset));
            state.operation.notes.push(note);
            return;
        }
        self.skip(
            offset,
            raw,
            "prose outside an operation's description and the items' descriptions",
        );
    }

    /// Ends the operation being read, if any.
    fn finish(&mut self) {
        let context = std::mem::replace(&mut self.context, Context::Outside);
        let Context::Operation(state) = context else {
            self.context = context;
            return;
        };
        let OperationState {
            mut operation,
            body,
            returns,
            ..
        } = *state;
        operation.body = body.and_then(|(pos, mut fields)| {
            let lone_body = fields.len() == 1 && fields.first().is_some_and(|f| f.name == "body");
            match fields.pop() {
                None => None,
                Some(body) if lone_body => Some(PageBody {
                    pos,
                    shape: body.ty,
                    optional: !body.required,
                    description: body.description,
                    content_type: None,
                }),
                Some(last) => {
                    fields.push(last);
                    Some(PageBody {
                        pos,
                        shape: object(fields),
                        description: None,
                        content_type: None,
                        optional: false,
                    })
                }
            }
        });
        operation.response = returns.map(|(pos, fields)| PageResponse {
            pos,
            status: None,
            shape: (!fields.is_empty()).then(|| object(fields)),
        });
        self.out.operations.push(operation);
    }
}

/// An object of the listed fields, unnamed and unannounced.
fn object(fields: Vec<PageField>) -> PageType {
    PageType::Object(PageObject {
        name: None,
        announced: Vec::new(),
        announced_count: None,
        fields,
    })
}

/// `**get** `/path``: the method and the path, slices of `raw`.
pub fn method_line(raw: &str) -> Option<(&str, &str)> {
    let rest = raw.trim().strip_prefix("**")?;
    let (method, rest) = rest.split_once("**")?;
    let known = ["get", "post", "put", "patch", "delete", "head", "options"];
    if !known.iter().any(|known| method.eq_ignore_ascii_case(known)) {
        return None;
    }
    let (path, after) = rest.trim_start().strip_prefix('`')?.split_once('`')?;
    let path = path.trim();
    (after.trim().is_empty() && path.starts_with('/')).then_some((method, path))
}

/// The path with `:name` segments written `{name}`.
fn colon_params(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) if !name.is_empty() => format!("{{{name}}}"),
            _ => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_lines() {
        assert_eq!(
            method_line("**get** `/accounts/{account_id}/x`"),
            Some(("get", "/accounts/{account_id}/x"))
        );
        assert_eq!(method_line("**fetch** `/x`"), None);
        assert_eq!(method_line("**get** `/x` and more"), None);
        assert_eq!(method_line("**get**"), None);
        assert_eq!(colon_params("/a/:b/c"), "/a/{b}/c");
    }
}
