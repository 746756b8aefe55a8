//! Buddy's older pages ([`Layout::BuddyLegacy`]): a title, prose (a version note, the
//! description), `Required scopes: A, B`, `Resource URL` and `PATCH /workspaces/:domain/…`,
//! `URL Parameters` and `POST Parameters` tables (`NameTypeDescription`, then per row the
//! name, an optional `Required` and the type glued to the description:
//! `StringThe workspace domain.`), then `Example`: `Request` with the method and URL and a
//! `JSON` body, and `Sample Response` with `HTTP`, `Status: 201 Created`, header lines and
//! a `JSON` body indented with non-breaking spaces. `Last modified on …` and the site's
//! sign-up banner end the page.
//!
//! Each `Resource URL` starts an operation; the lines before it, back to where the
//! previous operation's parts end, are its title, prose and scopes.

use super::fields::{LEGACY_TYPE_WORDS_HELP, is_name, read_legacy_type};
use super::lex::is_method;
use super::{banner, path_template, status_code};
use crate::pages::Hints;
use crate::pages::example;
use crate::pages::model::{
    ExampleBody, ExampleRequest, ExampleResponse, Layout, Page, PageBody, PageExample, PageField,
    PageObject, PageOperation, PageParam, PageResponse, PageType, ParamLocation, Skipped, Text,
};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics};

pub fn read(page: &PageText<'_>, _hints: &Hints) -> Result<Page, Diagnostics> {
    let mut reader = Reader {
        page,
        lines: page.text.split('\n').map(str::trim).collect(),
        at: 0,
        skipped: Vec::new(),
        last_modified: None,
    };
    let operations = reader
        .operations()
        .map_err(|diagnostic| Diagnostics::new(vec![diagnostic]))?;
    Ok(Page {
        file: page.file.to_owned(),
        layout: Layout::BuddyLegacy,
        title: operations.first().map(|operation| operation.title.clone()),
        last_modified: reader.last_modified,
        operations,
        named_types: Vec::new(),
        links: Vec::new(),
        skipped: reader.skipped,
    })
}

const RESOURCE_URL: &str = "Resource URL";
const TABLE_HEADER: &str = "NameTypeDescription";
const SCOPES: &str = "Required scopes:";
const LAST_MODIFIED: &str = "Last modified on";

struct Reader<'p, 't> {
    page: &'p PageText<'t>,
    /// The page's lines, trimmed; blank lines end tables.
    lines: Vec<&'t str>,
    at: usize,
    skipped: Vec<Skipped>,
    last_modified: Option<Text>,
}

impl<'t> Reader<'_, 't> {
    /// The next line that is not blank, without taking it.
    fn peek(&mut self) -> Option<&'t str> {
        while self.lines.get(self.at).is_some_and(|line| line.is_empty()) {
            self.at += 1;
        }
        self.lines.get(self.at).copied()
    }

    fn take(&mut self) -> Option<&'t str> {
        let line = self.peek();
        self.at += usize::from(line.is_some());
        line
    }

    fn text(&self, text: &str) -> Text {
        Text::new(text, self.page.pos_of(text))
    }

    fn error(&self, line: Option<&str>, where_: &str, expected: &str) -> Diagnostic {
        let (offset, found) = match line {
            Some(line) => (
                self.page.offset_of(line),
                format!("`{}`", excerpt(line, 60)),
            ),
            None => (self.page.text.len(), "the end of the page".to_owned()),
        };
        self.page.error(
            offset,
            where_,
            format!("expected {expected}, found {found}"),
        )
    }

    fn skip(&mut self, line: &str, why: &str) {
        self.skipped.push(Skipped {
            pos: self.page.pos_of(line),
            text: excerpt(line, 80),
            why: why.to_owned(),
        });
    }

    /// Takes a `Last modified on …` line or a banner line, if the next line is one.
    fn take_page_line(&mut self) -> bool {
        let Some(line) = self.peek() else {
            return false;
        };
        if let Some(at) = line.find(LAST_MODIFIED) {
            let before = line.get(..at).unwrap_or_default().trim_end();
            if !before.is_empty() {
                self.skip(before, "text run together with the `Last modified on` line");
            }
            let date = line
                .get(at + LAST_MODIFIED.len()..)
                .unwrap_or_default()
                .trim();
            match self.last_modified {
                None => self.last_modified = Some(self.text(date)),
                Some(_) => self.skip(
                    line,
                    "a second `Last modified on` date; the page keeps the first",
                ),
            }
        } else if let Some(why) = banner(line) {
            self.skip(line, why);
        } else {
            return false;
        }
        self.at += 1;
        true
    }

    fn operations(&mut self) -> Result<Vec<PageOperation>, Diagnostic> {
        let mut operations = Vec::new();
        loop {
            let preamble = self.preamble();
            if self.peek().is_none() {
                if operations.is_empty() {
                    let expected = format!(
                        "`{RESOURCE_URL}` and then the method and path (`PATCH /workspaces/:domain/…`)"
                    );
                    return Err(self.error(None, "", &expected));
                }
                for line in preamble {
                    self.skip(
                        line,
                        "text after the last operation, with no `Resource URL` after it",
                    );
                }
                return Ok(operations);
            }
            operations.push(self.operation(&preamble)?);
        }
    }

    /// The lines up to the next `Resource URL`.
    fn preamble(&mut self) -> Vec<&'t str> {
        let mut lines = Vec::new();
        loop {
            if self.take_page_line() {
                continue;
            }
            match self.peek() {
                Some(line) if line != RESOURCE_URL => {
                    lines.push(line);
                    self.at += 1;
                }
                _ => return lines,
            }
        }
    }

    fn operation(&mut self, preamble: &[&'t str]) -> Result<PageOperation, Diagnostic> {
        let Some((title, prose)) = preamble.split_first() else {
            let line = self.peek();
            return Err(self.error(line, "", "the operation's title before `Resource URL`"));
        };
        let title = self.text(title);
        self.at += 1; // `Resource URL`
        let (method, path) = self.method_and_path(&title.text)?;
        let mut operation = PageOperation {
            pos: title.pos,
            sections: Vec::new(),
            title,
            method,
            path,
            description: None,
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
        };
        self.prose(&mut operation, prose);
        while self.part(&mut operation)? {}
        Ok(operation)
    }

    /// The scopes line; of the other paragraphs the last is the description and those
    /// before it (the version note) are notes.
    fn prose(&mut self, operation: &mut PageOperation, prose: &[&'t str]) {
        let mut paragraphs = Vec::new();
        for line in prose {
            match line.strip_prefix(SCOPES) {
                Some(scopes) => operation.scopes.extend(
                    scopes
                        .split(',')
                        .map(str::trim)
                        .filter(|scope| !scope.is_empty())
                        .map(|scope| self.text(scope)),
                ),
                None => paragraphs.push(self.text(line)),
            }
        }
        operation.description = paragraphs.pop();
        operation.notes = paragraphs;
    }

    fn method_and_path(&mut self, title: &str) -> Result<(Text, Text), Diagnostic> {
        let line = self.take();
        let parts = line.and_then(|line| line.split_once(' '));
        match parts {
            Some((method, path)) if is_method(method) && path.trim().starts_with('/') => {
                let path = path.trim();
                Ok((
                    self.text(method),
                    Text::new(path_template(path), self.page.pos_of(path)),
                ))
            }
            _ => {
                let expected = format!(
                    "the method and path after `{RESOURCE_URL}` (`PATCH /workspaces/:domain/…`)"
                );
                Err(self.error(line, title, &expected))
            }
        }
    }

    /// One part after the method and path; `false` at a line that is none, where the
    /// next operation's title or the end of the page is.
    fn part(&mut self, operation: &mut PageOperation) -> Result<bool, Diagnostic> {
        if self.take_page_line() {
            return Ok(true);
        }
        let Some(line) = self.peek() else {
            return Ok(false);
        };
        const PARTS: [&str; 6] = [
            "URL Parameters",
            "Query Parameters",
            "POST Parameters",
            "Example",
            "Request",
            "Sample Response",
        ];
        if !PARTS.contains(&line) {
            return Ok(false);
        }
        self.at += 1;
        let where_ = format!("{} > {line}", operation.title.text);
        match line {
            "URL Parameters" => self.params(operation, ParamLocation::Path, &where_)?,
            "Query Parameters" => self.params(operation, ParamLocation::Query, &where_)?,
            "POST Parameters" => {
                let fields = self.table(&where_)?;
                operation.body = Some(PageBody {
                    pos: self.page.pos_of(line),
                    shape: PageType::Object(PageObject {
                        name: None,
                        announced: Vec::new(),
                        announced_count: None,
                        fields,
                    }),
                    description: None,
                    content_type: None,
                    optional: false,
                });
            }
            "Request" => self.request(operation, &where_)?,
            "Sample Response" => self.response(operation, line, &where_)?,
            _ => {} // `Example` heads the request and the response.
        }
        Ok(true)
    }

    fn params(
        &mut self,
        operation: &mut PageOperation,
        place: ParamLocation,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let fields = self.table(where_)?;
        operation
            .params
            .extend(fields.into_iter().map(|field| PageParam { place, field }));
        Ok(())
    }

    /// A table: `NameTypeDescription`, then rows of a name, maybe `Required`, and the type
    /// glued to the description, up to a blank line.
    fn table(&mut self, where_: &str) -> Result<Vec<PageField>, Diagnostic> {
        match self.take() {
            Some(TABLE_HEADER) => {}
            other => {
                return Err(self.error(
                    other,
                    where_,
                    &format!("the table header `{TABLE_HEADER}`"),
                ));
            }
        }
        let mut fields = Vec::new();
        while self.lines.get(self.at).is_some_and(|line| !line.is_empty()) {
            fields.push(self.row(where_)?);
        }
        if fields.is_empty() {
            let line = self.peek();
            return Err(self.error(line, where_, "a row: the parameter's name in snake_case"));
        }
        Ok(fields)
    }

    fn row(&mut self, where_: &str) -> Result<PageField, Diagnostic> {
        let name = self.take().unwrap_or_default();
        if !is_name(name) {
            return Err(self.error(Some(name), where_, "a parameter's name in snake_case"));
        }
        let where_ = format!("{where_} > {name}");
        let required = self.lines.get(self.at) == Some(&"Required");
        self.at += usize::from(required);
        let line = self
            .lines
            .get(self.at)
            .copied()
            .filter(|line| !line.is_empty());
        let Some((word, ty, description)) = line.and_then(read_legacy_type) else {
            let expected = format!(
                "the type ({LEGACY_TYPE_WORDS_HELP}) with the description glued to it (`StringThe workspace domain.`)"
            );
            return Err(self.error(line, &where_, &expected));
        };
        self.at += 1;
        Ok(PageField {
            pos: self.page.pos_of(name),
            name: name.to_owned(),
            ty,
            type_text: word.to_owned(),
            required,
            read_only: false,
            nullable: false,
            unique_items: false,
            description: (!description.is_empty()).then(|| self.text(description)),
            example: None,
            badges: Default::default(),
        })
    }

    /// `Request`: the method and URL, and maybe a `JSON` body.
    fn request(&mut self, operation: &mut PageOperation, where_: &str) -> Result<(), Diagnostic> {
        let line = self.take();
        let Some((method, url)) = line
            .and_then(|line| line.split_once(' '))
            .filter(|(method, _)| is_method(method))
        else {
            return Err(self.error(
                line,
                where_,
                "the request's method and URL (`PATCH https://…`)",
            ));
        };
        let body = self.json(where_)?;
        operation.examples.push(PageExample {
            request: Some(ExampleRequest {
                pos: self.page.pos_of(method),
                method: method.to_owned(),
                url: url.trim().to_owned(),
                headers: Vec::new(),
                body,
            }),
            response: None,
        });
        Ok(())
    }

    /// `Sample Response`: `HTTP`, the status line and headers, and maybe a `JSON` body.
    fn response(
        &mut self,
        operation: &mut PageOperation,
        label: &str,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        if self.peek() == Some("HTTP") {
            self.at += 1;
        }
        let status_line = self.peek().and_then(|line| line.strip_prefix("Status:"));
        let status = status_line.and_then(status_code);
        if let (Some(line), None) = (status_line, status) {
            return Err(self.error(Some(line), where_, "a status such as `Status: 201 Created`"));
        }
        self.at += usize::from(status.is_some());
        let mut headers = Vec::new();
        while let Some((name, value)) = self.lines.get(self.at).and_then(|line| header(line)) {
            headers.push((name.to_owned(), value.to_owned()));
            self.at += 1;
        }
        let body = self.json(where_)?;
        let pos = self.page.pos_of(label);
        let response = ExampleResponse {
            pos,
            status,
            headers,
            body,
        };
        match operation.examples.last_mut() {
            Some(example) if example.response.is_none() => example.response = Some(response),
            _ => operation.examples.push(PageExample {
                request: None,
                response: Some(response),
            }),
        }
        if status.is_some() {
            operation.response = Some(PageResponse {
                pos,
                status,
                shape: None,
            });
        }
        Ok(())
    }

    /// A `JSON` label and the JSON after it, up to where its brackets close.
    fn json(&mut self, where_: &str) -> Result<Option<ExampleBody>, Diagnostic> {
        if self.peek() != Some("JSON") {
            return Ok(None);
        }
        self.at += 1;
        let Some(first) = self.peek() else {
            return Err(self.error(None, where_, "a JSON sample after `JSON`"));
        };
        let start = self.page.offset_of(first);
        let mut scan = JsonScan::default();
        while let Some(line) = self.lines.get(self.at).copied() {
            self.at += 1;
            scan.line(line);
            if scan.closed() {
                let end = self.page.offset_of(line) + line.len();
                let text = self.page.text.get(start..end).unwrap_or(first);
                return Ok(Some(example::body(self.page, text)));
            }
        }
        let expected = "the JSON sample's closing bracket (the sample is not terminated)";
        Err(self.page.error(
            start,
            where_,
            format!("expected {expected}, found the end of the page"),
        ))
    }
}

/// A header line of a sample response (`X-Rate-Limit-Limit: 1`).
fn header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let is_token = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    is_token.then(|| (name, value.trim()))
}

/// Follows JSON brackets over lines, outside strings.
#[derive(Debug, Default)]
struct JsonScan {
    depth: usize,
    opened: bool,
    in_string: bool,
    escaped: bool,
    /// The text started with something other than a bracket: one line is the sample.
    scalar: bool,
}

impl JsonScan {
    fn line(&mut self, line: &str) {
        if !self.opened && !line.starts_with(['{', '[']) {
            self.scalar = true;
            return;
        }
        for c in line.chars() {
            match c {
                _ if self.escaped => self.escaped = false,
                '\\' if self.in_string => self.escaped = true,
                '"' => self.in_string = !self.in_string,
                '{' | '[' if !self.in_string => {
                    self.depth += 1;
                    self.opened = true;
                }
                '}' | ']' if !self.in_string => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }

    fn closed(&self) -> bool {
        self.scalar || (self.opened && self.depth == 0)
    }
}
