//! An operation's examples: the curl request of its `### Title` section, and one response
//! example per documented status, written as labels (`200 example`, `404 example`) and
//! then the JSON blocks in the labels' order, twice (under the request, and again under
//! `##### Returns Examples`).

use crate::pages::example;
use crate::pages::model::{ExampleResponse, PageExample, Skipped};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Pos};

use super::blocks::Block;
use super::{EXCERPT, Reader};

/// The language tabs above the request, which only the HTML page can switch.
const TABS: [&str; 2] = ["HTTP", "HTTPTypeScriptPythonGoTerraform"];

/// Response examples as labels and JSON blocks, in the page's order.
#[derive(Debug, Default)]
struct Responses<'t> {
    labels: Vec<(u16, usize)>,
    bodies: Vec<(&'t str, usize)>,
}

#[derive(Debug, Default)]
pub struct Examples<'t> {
    request: Option<crate::pages::model::ExampleRequest>,
    /// Under the request.
    first: Option<Responses<'t>>,
    /// Under `##### Returns Examples`.
    second: Option<Responses<'t>>,
}

/// `404 example`: the status.
fn label(line: &str) -> Option<u16> {
    let status = line.strip_suffix(" example")?;
    (status.len() == 3).then(|| status.parse().ok()).flatten()
}

impl<'t> Examples<'t> {
    /// Whether the page had no example section at all.
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.second.is_none()
    }

    /// The `### Title` section: tabs, the curl command, the responses.
    pub fn example(
        &mut self,
        reader: &mut Reader<'_, 't>,
        content: &[Block<'t>],
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let page = reader.page;
        let mut responses = Responses::default();
        for block in content {
            match block {
                Block::Line { text, offset } if TABS.contains(text) => {
                    reader.skip(
                        *offset,
                        text,
                        "the example's language tabs; the HTTP example is read",
                    );
                }
                Block::Line { text, offset } => match label(text) {
                    Some(status) => responses.labels.push((status, *offset)),
                    None => {
                        return Err(page.error(
                            *offset,
                            where_,
                            format!("expected a response example's label such as `200 example`, found `{}`", excerpt(text, EXCERPT)),
                        ));
                    }
                },
                Block::Code { content, offset }
                    if self.request.is_none() && responses.labels.is_empty() =>
                {
                    let curl = example::curl(page, content)
                        .map_err(|message| page.error(*offset, where_, message))?;
                    for ignored in &curl.ignored {
                        reader.skip(*offset, ignored, "a curl argument the model does not hold");
                    }
                    self.request = Some(curl.request);
                }
                Block::Code { content, offset } => responses.bodies.push((content, *offset)),
                other => {
                    return Err(page.error(
                        other.offset(),
                        where_,
                        "expected the example's curl command, response labels and JSON blocks",
                    ));
                }
            }
        }
        if self.first.is_some() {
            return Err(page.error(
                content.first().map_or(0, Block::offset),
                where_,
                "found a second example section; an operation's page has one",
            ));
        }
        self.first = Some(responses);
        Ok(())
    }

    /// `##### Returns Examples`: the responses again.
    pub fn returns_examples(
        &mut self,
        reader: &Reader<'_, 't>,
        heading: usize,
        content: &[Block<'t>],
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let page = reader.page;
        let mut responses = Responses::default();
        for block in content {
            match block {
                Block::Line { text, offset } => match label(text) {
                    Some(status) => responses.labels.push((status, *offset)),
                    None => {
                        return Err(page.error(
                            *offset,
                            where_,
                            format!("expected a response example's label such as `200 example`, found `{}`", excerpt(text, EXCERPT)),
                        ));
                    }
                },
                Block::Code { content, offset } => responses.bodies.push((content, *offset)),
                other => {
                    return Err(page.error(
                        other.offset(),
                        where_,
                        "expected response labels and JSON blocks",
                    ));
                }
            }
        }
        if self.second.is_some() {
            return Err(page.error(heading, where_, "found `Returns Examples` twice"));
        }
        self.second = Some(responses);
        Ok(())
    }

    /// The examples: the request with the first response, then each other response.
    pub fn finish(
        self,
        page: &PageText<'_>,
        where_: &str,
        skipped: &mut Vec<Skipped>,
    ) -> Result<Vec<PageExample>, Diagnostic> {
        let first = self.first.map(|r| pair(page, r, where_)).transpose()?;
        let second = self.second.map(|r| pair(page, r, where_)).transpose()?;
        let responses = match (first, second) {
            (Some(first), Some(second)) => {
                agree(page, &first, &second, where_)?;
                for response in &second {
                    skipped.push(Skipped {
                        pos: response.pos,
                        text: format!("{} example", response.status.unwrap_or_default()),
                        why: "repeats the response example shown under the request".to_owned(),
                    });
                }
                first
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => Vec::new(),
        };
        let mut request = self.request;
        let mut examples: Vec<PageExample> = responses
            .into_iter()
            .map(|response| PageExample {
                request: request.take(),
                response: Some(response),
            })
            .collect();
        if let Some(request) = request {
            examples.push(PageExample {
                request: Some(request),
                response: None,
            });
        }
        Ok(examples)
    }
}

/// Labels paired with their JSON blocks, in order.
fn pair(
    page: &PageText<'_>,
    responses: Responses<'_>,
    where_: &str,
) -> Result<Vec<ExampleResponse>, Diagnostic> {
    if responses.labels.len() != responses.bodies.len() {
        let offset = responses
            .labels
            .first()
            .map(|(_, offset)| *offset)
            .or(responses.bodies.first().map(|(_, offset)| *offset))
            .unwrap_or_default();
        return Err(page.error(
            offset,
            where_,
            format!(
                "found {} response example labels and {} JSON blocks; each label needs its block",
                responses.labels.len(),
                responses.bodies.len()
            ),
        ));
    }
    Ok(responses
        .labels
        .iter()
        .zip(&responses.bodies)
        .map(|((status, label_offset), (body, _))| {
            let body = example::body(page, body);
            ExampleResponse {
                pos: page.pos(*label_offset),
                status: Some(*status),
                headers: Vec::new(),
                body: Some(body),
            }
        })
        .collect())
}

/// The two copies of the responses must say the same.
fn agree(
    page: &PageText<'_>,
    first: &[ExampleResponse],
    second: &[ExampleResponse],
    where_: &str,
) -> Result<(), Diagnostic> {
    let same = first.len() == second.len()
        && first.iter().zip(second).all(|(a, b)| {
            a.status == b.status
                && a.body.as_ref().map(|b| (&b.text, &b.json))
                    == b.body.as_ref().map(|b| (&b.text, &b.json))
        });
    if same {
        return Ok(());
    }
    let pos = second.first().map_or(Pos::start(), |r| r.pos);
    Err(codegen_spec::diagnostics::Diagnostic {
        file: page.file.to_owned(),
        pos,
        path: where_.to_owned(),
        message: "the page's two copies of its response examples (under the request and under \
                  Returns Examples) disagree; the reader cannot tell which the page means"
            .to_owned(),
    })
}
