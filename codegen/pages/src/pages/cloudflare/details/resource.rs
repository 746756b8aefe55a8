//! A resource's page: the operations it links to and its models, under the headings of
//! its sub-resources.

use crate::pages::model::{NamedType, OperationLink, Text};
use codegen_spec::diagnostics::Diagnostic;

use super::super::grammar::Reader as Grammar;
use super::blocks::Block;
use super::{Reader, fields, heading_name, markdown_link, method_line, text};

impl Reader<'_, '_> {
    pub(super) fn resource_page(
        &mut self,
        title: &Text,
        rest: &[Block<'_>],
    ) -> Result<(), Diagnostic> {
        let page = self.page;
        // The resource itself is the innermost section of what it lists.
        let mut own = self.sections.clone();
        own.push(title.clone());
        let mut current = own.clone();
        let mut i = 0;
        while let Some(block) = rest.get(i) {
            let where_ = current
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join(" > ");
            let Block::Heading {
                level,
                text: heading,
                offset,
            } = block
            else {
                return Err(page.error(
                    block.offset(),
                    &where_,
                    "expected an operation's link `##### [Title](…)`, `##### Models` or a \
                     sub-resource's heading",
                ));
            };
            let end = rest[i + 1..]
                .iter()
                .position(|b| matches!(b, Block::Heading { .. }))
                .map_or(rest.len(), |n| i + 1 + n);
            let content = &rest[i + 1..end];
            match level {
                4 => {
                    // `#### ReposConnections`: the sub-resource's breadcrumb run together.
                    current = own.clone();
                    current.push(Text::new(text::plain(heading), page.pos(*offset)));
                    if let Some(first) = content.first() {
                        return Err(page.error(
                            first.offset(),
                            &where_,
                            "expected a heading right after a sub-resource's heading",
                        ));
                    }
                }
                5 if heading_name(heading) == "Models" => {
                    let items = fields::items(page, content, &format!("{where_} > Models"), 0)?;
                    let grammar = Grammar { page };
                    for item in &items {
                        let (name, ty) = grammar.named_type(item, &where_)?;
                        self.out.named_types.push(NamedType {
                            pos: page.pos(item.offset),
                            name,
                            heading: None,
                            sections: current.clone(),
                            ty,
                            description: item.description.clone(),
                        });
                    }
                }
                5 => {
                    let link = self.operation_link(heading, *offset, content, &current, &where_)?;
                    self.out.links.push(link);
                }
                _ => {
                    return Err(page.error(
                        *offset,
                        &where_,
                        format!(
                            "found the heading `{heading}`, which a resource's page does not have"
                        ),
                    ));
                }
            }
            i = end;
        }
        Ok(())
    }

    /// `##### [Title](url)`, an optional `Deprecated`, then `METHOD/path`.
    fn operation_link(
        &mut self,
        heading: &str,
        offset: usize,
        content: &[Block<'_>],
        sections: &[Text],
        where_: &str,
    ) -> Result<OperationLink, Diagnostic> {
        let page = self.page;
        let Some((title, url)) = markdown_link(heading) else {
            return Err(page.error(
                offset,
                where_,
                format!("expected an operation's link `##### [Title](…)`, found `{heading}`"),
            ));
        };
        let mut lines = content.iter();
        let mut deprecated = false;
        let mut method_path = None;
        for block in lines.by_ref() {
            match block {
                Block::Line {
                    text: "Deprecated", ..
                } if method_path.is_none() && !deprecated => {
                    deprecated = true;
                }
                Block::Line { text: line, offset } if method_path.is_none() => {
                    let Some((method, path)) = method_line(line) else {
                        break;
                    };
                    method_path = Some((
                        Text::new(method, page.pos(*offset)),
                        Text::new(path, page.pos(*offset + method.len())),
                    ));
                }
                other => {
                    return Err(page.error(
                        other.offset(),
                        where_,
                        "expected nothing more under an operation's link than its method and path",
                    ));
                }
            }
        }
        let Some((method, path)) = method_path else {
            return Err(page.error(
                content.first().map_or(offset, Block::offset),
                where_,
                format!("expected the method and path of `{title}` under its link"),
            ));
        };
        Ok(OperationLink {
            pos: page.pos(offset),
            sections: sections.to_vec(),
            title: Text::new(text::plain(title), page.pos(offset)),
            url: url.to_owned(),
            method,
            path,
            deprecated,
        })
    }
}
