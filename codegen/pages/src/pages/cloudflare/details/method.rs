//! An operation's page: its title, method and path, description, auth schemes,
//! permissions, parameters, body, returns and examples.

use crate::pages::model::{
    PageBody, PageField, PageObject, PageOperation, PageParam, PageResponse, PageType,
    ParamLocation, Text,
};
use codegen_spec::diagnostics::Diagnostic;

use super::super::grammar::Reader as Grammar;
use super::blocks::Block;
use super::examples::Examples;
use super::{Reader, fields, heading_name, method_line, text};

/// Whether the blocks after the title are an operation's: its method and path come first
/// (after a deprecation notice, when there is one).
pub fn is_operation_page(rest: &[Block<'_>]) -> bool {
    rest.iter()
        .take_while(|b| matches!(b, Block::Line { .. }))
        .take(2)
        .any(|b| matches!(b, Block::Line { text, .. } if method_line(text).is_some()))
}

/// The sections of an operation's page.
#[derive(Debug, Clone, PartialEq)]
enum Section {
    Security,
    Permissions,
    Params(ParamLocation),
    /// The body, with how it is sent ("JSON", "Form Data").
    Body(String),
    Returns,
    /// `### Title`: the example request and its responses.
    Example,
    ReturnsExamples,
}

fn section(level: u8, text: &str) -> Option<Section> {
    if level == 3 {
        return Some(Section::Example);
    }
    if level != 5 {
        return None;
    }
    let name = heading_name(text);
    Some(match name.as_str() {
        "Security" => Section::Security,
        "Path Parameters" => Section::Params(ParamLocation::Path),
        "Query Parameters" => Section::Params(ParamLocation::Query),
        "Header Parameters" => Section::Params(ParamLocation::Header),
        "Returns" => Section::Returns,
        "Returns Examples" => Section::ReturnsExamples,
        _ if name.starts_with("Accepted Permissions") => Section::Permissions,
        _ => Section::Body(name.strip_prefix("Body Parameters")?.trim().to_owned()),
    })
}

impl<'t> Reader<'_, 't> {
    pub(super) fn operation_page(
        &mut self,
        title: Text,
        rest: &[Block<'t>],
    ) -> Result<(), Diagnostic> {
        let page = self.page;
        let where_ = format!("{} > {}", self.where_prefix(), title.text);
        let mut i = 0;
        let mut deprecated = None;
        let mut method_path = None;
        let mut description = Vec::new();
        // The title's lines: a deprecation notice, the method and path, the description.
        while let Some(Block::Line { text: line, offset }) = rest.get(i) {
            if method_path.is_none() {
                if let Some((method, path)) = method_line(line) {
                    method_path = Some((
                        Text::new(method, page.pos(*offset)),
                        Text::new(path, page.pos(*offset + method.len())),
                    ));
                } else if line.starts_with("Deprecated") {
                    deprecated = Some(Text::new(deprecation_notice(line), page.pos(*offset)));
                } else {
                    return Err(page.error(*offset, &where_, "expected the operation's method and path, such as `GET/accounts/{account\\_id}/x`"));
                }
            } else {
                description.push((*line, *offset));
            }
            i += 1;
        }
        let Some((method, path)) = method_path else {
            return Err(page.error(0, &where_, "expected the operation's method and path"));
        };
        let mut operation = PageOperation {
            pos: title.pos,
            sections: self.sections.clone(),
            title,
            name: operation_name(page.file),
            method,
            path,
            description: description.first().map(|(_, offset)| {
                let text = description
                    .iter()
                    .map(|(line, _)| text::prose(line))
                    .collect::<Vec<_>>()
                    .join("\n\n");
                Text::new(text, page.pos(*offset))
            }),
            notes: Vec::new(),
            scopes: Vec::new(),
            permissions: Vec::new(),
            auth: Vec::new(),
            deprecated,
            params: Vec::new(),
            body: None,
            response: None,
            examples: Vec::new(),
        };
        let mut examples = Examples::default();
        while let Some(block) = rest.get(i) {
            let Block::Heading {
                level,
                text: heading,
                offset,
            } = block
            else {
                return Err(page.error(
                    block.offset(),
                    &where_,
                    "expected a section heading such as `##### ReturnsExpand Collapse`",
                ));
            };
            let end = rest[i + 1..]
                .iter()
                .position(|b| matches!(b, Block::Heading { .. }))
                .map_or(rest.len(), |n| i + 1 + n);
            let content = &rest[i + 1..end];
            let Some(kind) = section(*level, heading) else {
                return Err(page.error(
                    *offset,
                    &where_,
                    format!(
                        "found the heading `{heading}`, which an operation's page does not have \
                         (expected Security, Accepted Permissions, Path, Query or Header \
                         Parameters, Body Parameters, Returns, the example's `### Title` or \
                         Returns Examples)"
                    ),
                ));
            };
            let inner = format!("{where_} > {}", heading_name(heading));
            self.operation_section(
                &mut operation,
                &mut examples,
                &kind,
                *offset,
                content,
                &inner,
            )?;
            i = end;
        }
        if examples.is_empty() {
            return Err(page.error(
                rest.last().map_or(0, Block::offset),
                &where_,
                "the page ends before the operation's example (`### Title` and its responses), which every operation's page has: the page is cut short",
            ));
        }
        operation.examples = examples.finish(page, &where_, &mut self.out.skipped)?;
        if let Some(response) = &mut operation.response {
            response.status = operation
                .examples
                .iter()
                .filter_map(|e| e.response.as_ref()?.status)
                .find(|status| (200..300).contains(status));
        }
        self.out.title = Some(operation.title.clone());
        self.out.operations.push(operation);
        Ok(())
    }

    fn operation_section(
        &mut self,
        operation: &mut PageOperation,
        examples: &mut Examples<'t>,
        kind: &Section,
        offset: usize,
        content: &[Block<'t>],
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let page = self.page;
        match kind {
            Section::Security => self.security(operation, content, where_)?,
            Section::Permissions => self.permissions(operation, content, where_)?,
            Section::Params(place) => {
                for field in self.fields(content, where_)? {
                    operation.params.push(PageParam {
                        place: *place,
                        field,
                    });
                }
            }
            Section::Body(content_type) => {
                let mut fields = self.fields(content, where_)?;
                let lone_body =
                    fields.len() == 1 && fields.first().is_some_and(|f| f.name == "body");
                let content_type = (!content_type.is_empty())
                    .then(|| Text::new(content_type.clone(), page.pos(offset)));
                let body = match fields.pop() {
                    Some(body) if lone_body => PageBody {
                        pos: page.pos(offset),
                        shape: body.ty,
                        optional: !body.required,
                        description: body.description,
                        content_type,
                    },
                    last => {
                        fields.extend(last);
                        PageBody {
                            pos: page.pos(offset),
                            shape: object(fields),
                            description: None,
                            content_type,
                            optional: false,
                        }
                    }
                };
                operation.body = Some(body);
            }
            Section::Returns => {
                let fields = self.fields(content, where_)?;
                operation.response = Some(PageResponse {
                    pos: page.pos(offset),
                    status: None,
                    shape: Some(object(fields)),
                });
            }
            Section::Example => examples.example(self, content, where_)?,
            Section::ReturnsExamples => examples.returns_examples(self, offset, content, where_)?,
        }
        Ok(())
    }

    fn fields(
        &mut self,
        content: &[Block<'_>],
        where_: &str,
    ) -> Result<Vec<PageField>, Diagnostic> {
        let items = fields::items(self.page, content, where_, 0)?;
        let grammar = Grammar { page: self.page };
        items
            .iter()
            .map(|item| grammar.field(item, where_))
            .collect()
    }

    /// `##### Security`: a `<details>` per accepted scheme, named by its summary.
    fn security(
        &mut self,
        operation: &mut PageOperation,
        content: &[Block<'_>],
        where_: &str,
    ) -> Result<(), Diagnostic> {
        for block in content {
            let Block::Details(details) = block else {
                return Err(self.page.error(
                    block.offset(),
                    where_,
                    "expected a `<details>` block per authentication scheme",
                ));
            };
            let name = details
                .summary
                .iter()
                .map(|(line, _)| text::plain(line))
                .collect::<Vec<_>>()
                .join(" ");
            operation
                .auth
                .push(Text::new(name, self.page.pos(details.summary_offset)));
            for inner in &details.content {
                let line = match inner {
                    Block::Line { text, .. } => *text,
                    _ => "",
                };
                self.skip(
                    inner.offset(),
                    line,
                    "the authentication scheme's description and example header; the scheme is read by its name",
                );
            }
        }
        Ok(())
    }

    /// `##### Accepted Permissions`: each permission in backticks.
    fn permissions(
        &mut self,
        operation: &mut PageOperation,
        content: &[Block<'_>],
        where_: &str,
    ) -> Result<(), Diagnostic> {
        for block in content {
            let Block::Line { text: line, offset } = block else {
                return Err(self.page.error(
                    block.offset(),
                    where_,
                    "expected a line of permissions in backticks",
                ));
            };
            let mut rest = *line;
            while !rest.is_empty() {
                let at = offset + (line.len() - rest.len());
                let inner = rest
                    .strip_prefix('`')
                    .and_then(|after| after.find('`').map(|end| &after[..end]));
                let Some(permission) = inner else {
                    return Err(self.page.error(
                        at,
                        where_,
                        format!("expected a permission in backticks, found `{rest}`"),
                    ));
                };
                operation
                    .permissions
                    .push(Text::new(text::plain(permission), self.page.pos(at + 1)));
                rest = &rest[permission.len() + 2..];
            }
        }
        Ok(())
    }

    /// The sections' path, for messages: the breadcrumb.
    pub(super) fn where_prefix(&self) -> String {
        self.sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" > ")
    }
}

/// `Deprecated: Please use kv.namespaces.bulk\_update instead` is the notice after the
/// colon; a bare `Deprecated` is itself.
fn deprecation_notice(line: &str) -> String {
    let notice = line
        .strip_prefix("Deprecated")
        .map(|rest| rest.trim_start_matches(':').trim())
        .unwrap_or_default();
    if notice.is_empty() {
        "Deprecated".to_owned()
    } else {
        text::prose(notice)
    }
}

fn object(fields: Vec<PageField>) -> PageType {
    PageType::Object(PageObject {
        name: None,
        announced: Vec::new(),
        announced_count: None,
        fields,
    })
}

/// The operation's name from its page's path: `…/methods/<name>/index.md`.
fn operation_name(file: &str) -> Option<String> {
    let (_, rest) = file.rsplit_once("/methods/")?;
    let name = rest.split('/').next()?;
    (!name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
    .then(|| name.to_owned())
}
