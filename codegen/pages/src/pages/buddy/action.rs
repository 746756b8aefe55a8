//! Buddy's action pages ([`Layout::BuddyAction`]): a title, the method and path as
//! bullets (`• POST`, `• /workspaces`, `• /:workspace`, …), a description, maybe a
//! `Warning`, then `REQUIRED SCOPES`, `URL PARAMETERS`, `POST PARAMETERS` and
//! `RESPONSE BODY` lists of `name[required][read-only]type` lines, `Last modified on …`,
//! a curl `Request example` and the `STATUS`.
//!
//! The page is first cut into pieces ([`super::lex`]), which also takes apart lines that
//! run together; this reader then walks the pieces. Another title followed by method and
//! path bullets starts another operation.

use super::fields::{TYPE_WORDS_HELP, enum_values, with_enum_values};
use super::lex::{self, Heading, Kind, Piece, UNIQUE_ITEMS};
use super::{path_template, status_code};
use crate::pages::Hints;
use crate::pages::example::{self, parse_json};
use crate::pages::model::{
    Layout, Page, PageBody, PageExample, PageField, PageObject, PageOperation, PageParam,
    PageResponse, PageType, ParamLocation, Skipped, Text,
};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics};

pub fn read(page: &PageText<'_>, hints: &Hints) -> Result<Page, Diagnostics> {
    let mut reader = Reader {
        page,
        pieces: lex::lex(page, hints),
        at: 0,
        skipped: Vec::new(),
        last_modified: None,
    };
    let operations = reader
        .operations()
        .map_err(|diagnostic| Diagnostics::new(vec![diagnostic]))?;
    Ok(Page {
        file: page.file.to_owned(),
        layout: Layout::BuddyAction,
        title: operations.first().map(|operation| operation.title.clone()),
        last_modified: reader.last_modified,
        operations,
        named_types: Vec::new(),
        links: Vec::new(),
        skipped: reader.skipped,
    })
}

const FIELD_LINE: &str = "a field line `name[required][read-only]type`";

struct Reader<'p, 't> {
    page: &'p PageText<'t>,
    pieces: Vec<Piece<'t>>,
    at: usize,
    skipped: Vec<Skipped>,
    last_modified: Option<Text>,
}

impl<'t> Reader<'_, 't> {
    fn peek(&self) -> Option<&Piece<'t>> {
        self.pieces.get(self.at)
    }

    fn take(&mut self) -> Option<Piece<'t>> {
        let piece = self.pieces.get(self.at).cloned();
        self.at += usize::from(piece.is_some());
        piece
    }

    /// The next piece, if it is text that does not start the next operation.
    fn take_text(&mut self) -> Option<Piece<'t>> {
        let is_text = self.peek().is_some_and(|piece| piece.kind == Kind::Text);
        (is_text && !self.starts_operation())
            .then(|| self.take())
            .flatten()
    }

    /// Whether the next pieces are a title and a method bullet.
    fn starts_operation(&self) -> bool {
        let title = self.pieces.get(self.at);
        let method = self.pieces.get(self.at + 1);
        title.is_some_and(|piece| piece.kind == Kind::Text)
            && method.is_some_and(|piece| piece.kind == Kind::Bullet && lex::is_method(piece.text))
    }

    fn text(&self, piece: &Piece<'_>) -> Text {
        let trimmed = piece.text.trim();
        Text::new(trimmed, self.page.pos_of(trimmed))
    }

    fn error(&self, piece: Option<&Piece<'_>>, where_: &str, expected: &str) -> Diagnostic {
        let (offset, found) = match piece {
            Some(piece) => (
                self.page.offset_of(piece.text),
                format!("`{}`", excerpt(piece.text, 60)),
            ),
            None => (self.page.text.len(), "the end of the page".to_owned()),
        };
        self.page.error(
            offset,
            where_,
            format!("expected {expected}, found {found}"),
        )
    }

    fn skip(&mut self, piece: &Piece<'_>, why: &str) {
        let text = match piece.kind {
            // These pieces hold what follows their label; the label says what they were.
            Kind::Example => format!("Example: {}", piece.text),
            Kind::Constraints => format!("Constraints: {}", piece.text),
            Kind::LastModified => format!("Last modified on {}", piece.text),
            _ => piece.text.to_owned(),
        };
        self.skipped.push(Skipped {
            pos: self.page.pos_of(piece.text),
            text: excerpt(&text, 80),
            why: why.to_owned(),
        });
    }

    fn operations(&mut self) -> Result<Vec<PageOperation>, Diagnostic> {
        let mut operations = vec![self.operation()?];
        while self.peek().is_some() {
            operations.push(self.operation()?);
        }
        Ok(operations)
    }

    fn operation(&mut self) -> Result<PageOperation, Diagnostic> {
        let title = match self.take() {
            Some(piece) if piece.kind == Kind::Text => self.text(&piece),
            other => {
                return Err(self.error(
                    other.as_ref(),
                    "",
                    "the operation's title on a line of its own",
                ));
            }
        };
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
        operation.description = self.take_text().map(|piece| self.text(&piece));
        while let Some(piece) = self.take_text() {
            operation.notes.push(self.text(&piece));
        }
        while self.peek().is_some() && !self.starts_operation() {
            self.part(&mut operation)?;
        }
        Ok(operation)
    }

    /// The method bullet and the path bullets after the title.
    fn method_and_path(&mut self, title: &str) -> Result<(Text, Text), Diagnostic> {
        let method = match self.take() {
            Some(piece) if piece.kind == Kind::Bullet && lex::is_method(piece.text) => {
                self.text(&piece)
            }
            other => {
                return Err(self.error(other.as_ref(), title, "the method as a bullet (`• POST`)"));
            }
        };
        let mut path = String::new();
        let mut path_pos = None;
        while let Some(piece) = self.peek().filter(|piece| piece.kind == Kind::Bullet) {
            if !piece.text.starts_with('/') {
                break;
            }
            path_pos.get_or_insert(self.page.pos_of(piece.text));
            path.push_str(&path_template(piece.text));
            self.at += 1;
        }
        let Some(pos) = path_pos else {
            let expected =
                "the path as bullets after the method (`• /workspaces`, `• /:workspace`, …)";
            return Err(self.error(self.peek(), title, expected));
        };
        Ok((method, Text::new(path, pos)))
    }

    /// One part of the operation after its description.
    fn part(&mut self, operation: &mut PageOperation) -> Result<(), Diagnostic> {
        let Some(piece) = self.take() else {
            return Ok(());
        };
        let where_ = format!("{} > {}", operation.title.text, piece.text);
        match piece.kind {
            Kind::Heading(Heading::Request | Heading::Response) => {}
            Kind::Heading(Heading::Warning) => match self.take_text() {
                Some(note) => operation.notes.push(self.text(&note)),
                None => self.skip(&piece, "a `Warning` label with no text after it"),
            },
            Kind::Heading(Heading::RequiredScopes) => self.scopes(operation, &piece, &where_)?,
            Kind::Heading(Heading::UrlParameters) => {
                self.params(operation, ParamLocation::Path, &where_)?
            }
            Kind::Heading(Heading::QueryParameters) => {
                self.params(operation, ParamLocation::Query, &where_)?
            }
            Kind::Heading(Heading::PostParameters) => {
                let fields = self.fields(&where_)?;
                let body = operation.body.get_or_insert_with(|| PageBody {
                    pos: self.page.pos_of(piece.text),
                    shape: object(Vec::new()),
                    description: None,
                    content_type: None,
                    optional: false,
                });
                if let PageType::Object(object) = &mut body.shape {
                    object.fields.extend(fields);
                }
            }
            Kind::Heading(Heading::ResponseBody) => {
                let fields = self.fields(&where_)?;
                let response = response(operation, self.page.pos_of(piece.text));
                match &mut response.shape {
                    Some(PageType::Object(object)) => object.fields.extend(fields),
                    _ => response.shape = Some(object(fields)),
                }
            }
            Kind::Heading(Heading::RequestExample) => self.example(operation, &piece, &where_)?,
            Kind::Heading(Heading::Status) => self.status(operation, &piece, &where_)?,
            Kind::LastModified if self.last_modified.is_none() => {
                self.last_modified = Some(self.text(&piece));
            }
            Kind::LastModified => {
                self.skip(
                    &piece,
                    "a second `Last modified on` date; the page keeps the first",
                );
            }
            Kind::Text | Kind::Bullet => self.skip(
                &piece,
                "text in none of the parts an action page has (scopes, parameters, response \
                 body, example)",
            ),
            Kind::Field(_) | Kind::AllowedEnum | Kind::Constraints | Kind::Example => {
                let where_ = operation.title.text.clone();
                return Err(self.error(
                    Some(&piece),
                    &where_,
                    "a part heading (`URL PARAMETERS`, `POST PARAMETERS`, `RESPONSE BODY`, …)",
                ));
            }
        }
        Ok(())
    }

    fn scopes(
        &mut self,
        operation: &mut PageOperation,
        heading: &Piece<'_>,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let before = operation.scopes.len();
        while let Some(piece) = self.take_text() {
            let scopes = piece
                .text
                .split(',')
                .map(str::trim)
                .filter(|scope| !scope.is_empty());
            operation
                .scopes
                .extend(scopes.map(|scope| Text::new(scope, self.page.pos_of(scope))));
        }
        if operation.scopes.len() == before {
            let expected = format!("the scopes after `{}`, one a line", heading.text);
            return Err(self.error(self.peek(), where_, &expected));
        }
        Ok(())
    }

    fn params(
        &mut self,
        operation: &mut PageOperation,
        place: ParamLocation,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let fields = self.fields(where_)?;
        operation
            .params
            .extend(fields.into_iter().map(|field| PageParam { place, field }));
        Ok(())
    }

    /// The field lines of a list, each with what follows it.
    fn fields(&mut self, where_: &str) -> Result<Vec<PageField>, Diagnostic> {
        let mut fields = Vec::new();
        loop {
            let next = self.peek();
            match next.map(|piece| &piece.kind) {
                Some(Kind::Field(_)) => fields.push(self.field(where_)?),
                Some(Kind::Text | Kind::AllowedEnum | Kind::Constraints | Kind::Example)
                    if !self.starts_operation() =>
                {
                    let expected = format!("{FIELD_LINE} (a type is {TYPE_WORDS_HELP})");
                    return Err(self.error(next, where_, &expected));
                }
                _ if fields.is_empty() => {
                    return Err(self.error(next, where_, FIELD_LINE));
                }
                _ => return Ok(fields),
            }
        }
    }

    /// A field line, its description, and its `Allowed enum:`, `Constraints:` and
    /// `Example:` lines.
    fn field(&mut self, where_: &str) -> Result<PageField, Diagnostic> {
        let Some(Piece {
            text,
            kind: Kind::Field(line),
        }) = self.take()
        else {
            return Err(self.error(None, where_, FIELD_LINE));
        };
        let mut field = PageField {
            pos: self.page.pos_of(text),
            name: line.name.to_owned(),
            ty: line.ty,
            type_text: line.type_text.to_owned(),
            required: line.required,
            read_only: line.read_only,
            nullable: false,
            unique_items: false,
            description: None,
            example: None,
            badges: Default::default(),
        };
        field.description = self.take_text().map(|piece| self.text(&piece));
        let where_ = format!("{where_} > {}", field.name);
        while let Some(piece) = self.peek().cloned() {
            match piece.kind {
                Kind::AllowedEnum => {
                    self.at += 1;
                    let numeric = ["integer", "number"]
                        .iter()
                        .any(|t| line.type_text.starts_with(t));
                    let values = self.enum_values(&where_, numeric)?;
                    field.ty = with_enum_values(field.ty, values);
                }
                Kind::Constraints => {
                    self.at += 1;
                    if piece.text.trim() == UNIQUE_ITEMS {
                        field.unique_items = true;
                    } else {
                        self.skip(&piece, "a constraint the model has no place for");
                    }
                }
                Kind::Example => {
                    self.at += 1;
                    let value = piece.text.trim();
                    if value.is_empty() {
                        self.skip(&piece, "an `Example:` label with no value after it");
                    } else {
                        // A value that is no JSON (`Example: my-company`) is kept as a string.
                        field.example = Some(parse_json(value).unwrap_or_else(|| value.into()));
                    }
                }
                _ => break,
            }
        }
        Ok(field)
    }

    /// The values after `Allowed enum:`: lines ending with a comma and the line after the
    /// last, or one line of values separated by commas.
    fn enum_values(
        &mut self,
        where_: &str,
        numeric: bool,
    ) -> Result<Vec<crate::pages::model::EnumValue>, Diagnostic> {
        let mut lines = Vec::new();
        while let Some(piece) = self.take_text() {
            lines.push(piece.text);
            if !piece.text.trim_end().ends_with(',') {
                break;
            }
        }
        if lines.is_empty() {
            let expected =
                "the allowed values after `Allowed enum:`, one a line or separated by commas";
            return Err(self.error(self.peek(), where_, expected));
        }
        enum_values(self.page, &lines, numeric)
            .map_err(|(at, message)| self.page.error(self.page.offset_of(at), where_, message))
    }

    /// The curl command after `Request example`, which may go on over several lines.
    fn example(
        &mut self,
        operation: &mut PageOperation,
        heading: &Piece<'_>,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let Some(first) = self.take_text() else {
            let expected = format!("a curl command after `{}`", heading.text);
            return Err(self.error(self.peek(), where_, &expected));
        };
        let start = self.page.offset_of(first.text);
        let mut end = start + first.text.len();
        let mut shell = Shell::default();
        shell.read(first.text);
        while shell.goes_on() {
            let Some(piece) = self.take_text() else { break };
            shell.read(piece.text);
            end = self.page.offset_of(piece.text) + piece.text.len();
        }
        let command = self.page.text.get(start..end).unwrap_or_default();
        let curl = example::curl(self.page, command)
            .map_err(|message| self.page.error(start, where_, message))?;
        for argument in curl.ignored {
            self.skipped.push(Skipped {
                pos: self.page.pos_of(command),
                text: argument,
                why: "a curl argument the model has no place for".to_owned(),
            });
        }
        operation.examples.push(PageExample {
            request: Some(curl.request),
            response: None,
        });
        Ok(())
    }

    /// The status after `STATUS` (`200 OK`): the status of the operation's response.
    fn status(
        &mut self,
        operation: &mut PageOperation,
        heading: &Piece<'_>,
        where_: &str,
    ) -> Result<(), Diagnostic> {
        let piece = self.take_text();
        let code = piece.as_ref().and_then(|piece| status_code(piece.text));
        let Some(code) = code else {
            let expected = format!("a status such as `200 OK` after `{}`", heading.text);
            return Err(self.error(piece.as_ref().or(self.peek()), where_, &expected));
        };
        response(operation, self.page.pos_of(heading.text)).status = Some(code);
        Ok(())
    }
}

/// The operation's response, made at `pos` if it has none yet.
fn response(
    operation: &mut PageOperation,
    pos: codegen_spec::diagnostics::Pos,
) -> &mut PageResponse {
    operation.response.get_or_insert(PageResponse {
        pos,
        status: None,
        shape: None,
    })
}

fn object(fields: Vec<PageField>) -> PageType {
    PageType::Object(PageObject {
        name: None,
        announced: Vec::new(),
        announced_count: None,
        fields,
    })
}

/// Where a shell command stands after the lines read so far: inside quotes, or after a
/// `\` that continues it on the next line.
#[derive(Debug, Default)]
struct Shell {
    quote: Option<char>,
    escaped: bool,
}

impl Shell {
    fn read(&mut self, line: &str) {
        // The line break before this line: escaped by a `\` that ended the last one.
        self.escaped = false;
        for c in line.chars() {
            match (self.quote, c) {
                _ if self.escaped => self.escaped = false,
                (None | Some('"'), '\\') => self.escaped = true,
                (None, '\'' | '"') => self.quote = Some(c),
                (Some(q), c) if c == q => self.quote = None,
                _ => {}
            }
        }
    }

    /// Whether the next line is part of the command.
    fn goes_on(&self) -> bool {
        self.quote.is_some() || self.escaped
    }
}
