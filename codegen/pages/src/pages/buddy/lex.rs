//! The action layout's text as a list of pieces: headings, bullets, field lines, markers
//! and text, each a slice of the page.
//!
//! Lines that run together are cut here, so that the reader sees the same pieces whether
//! a page keeps its line breaks or not: a marker glued to the end of a description
//! (`…of the workspaceExample: "my-company"`, `…of the actionAllowed enum:`,
//! `…returnedResponse`, `…returnedLast modified on Feb 18, 2026`, `}'STATUS200 OK`) and a
//! field line glued to the end of a description or of enum values
//! (`…set to falsetimeoutinteger`, `…,CUSTOMreturn_existingboolean`). Where such a field's
//! name starts is decided once the whole page is cut, by the page's words ([`split`]).
//!
//! A line is cut before a glued field line only when the line after it is neither a field
//! line nor a structure line: on a page that keeps its breaks, a description is always
//! followed by one of those, so a description that merely ends like a field line
//! ("…the first substring") is left whole.

use super::fields::{Tail, read_field_line, read_tail, split_scalar};
use super::split::{self, Boundary, Glue, Split, Vocabulary, candidates, trailing_run};
use crate::pages::Hints;
use crate::pages::example::parse_json;
use crate::pages::model::PageType;
use crate::pages::source::PageText;

pub const ALLOWED_ENUM: &str = "Allowed enum:";
pub const CONSTRAINTS: &str = "Constraints:";
pub const UNIQUE_ITEMS: &str = "Unique items required";
const EXAMPLE: &str = "Example:";
const LAST_MODIFIED: &str = "Last modified on";
const STATUS: &str = "STATUS";
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The lines that head a part of an action page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Request,
    RequiredScopes,
    UrlParameters,
    QueryParameters,
    PostParameters,
    Response,
    ResponseBody,
    RequestExample,
    Warning,
    Status,
}

const HEADINGS: [(&str, Heading); 10] = [
    ("Request", Heading::Request),
    ("REQUIRED SCOPES", Heading::RequiredScopes),
    ("URL PARAMETERS", Heading::UrlParameters),
    ("QUERY PARAMETERS", Heading::QueryParameters),
    ("POST PARAMETERS", Heading::PostParameters),
    ("Response", Heading::Response),
    ("RESPONSE BODY", Heading::ResponseBody),
    ("Request example", Heading::RequestExample),
    ("Warning", Heading::Warning),
    (STATUS, Heading::Status),
];

/// What a piece is. Its text is in [`Piece::text`].
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'t> {
    /// A title, a description, prose, enum values, a line of a curl command.
    Text,
    /// `• POST`, `- /:workspace`: the text is the bullet's value.
    Bullet,
    Heading(Heading),
    /// `Allowed enum:`; the values follow as text.
    AllowedEnum,
    /// `Constraints: …`: the text is what follows the colon.
    Constraints,
    /// `Example: …`: the text is the value.
    Example,
    /// `Last modified on …`: the text is the date.
    LastModified,
    Field(FieldLine<'t>),
}

/// A field line: `name[required][read-only]type`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldLine<'t> {
    pub name: &'t str,
    pub required: bool,
    pub read_only: bool,
    pub type_text: &'t str,
    pub ty: PageType,
    /// On a run-together line, the run the name is cut from.
    pub glue: Option<Glue<'t>>,
    /// Where in the run the name starts, and which rule decided it.
    pub split: Option<Split>,
}

/// A piece of the page. For a field line the text starts where the name starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'t> {
    pub text: &'t str,
    pub kind: Kind<'t>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Prose,
    Fields,
    Example,
}

/// The page's pieces, with every glued field name decided.
pub fn lex<'t>(page: &PageText<'t>, hints: &Hints) -> Vec<Piece<'t>> {
    let lines: Vec<&'t str> = page
        .text
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let mut lexer = Lexer {
        pieces: Vec::new(),
        mode: Mode::Prose,
        depth: 0,
    };
    for (i, line) in lines.iter().enumerate() {
        lexer.line(line, lines.get(i + 1).copied());
    }
    let mut pieces = lexer.pieces;
    decide_glued_names(page, &mut pieces, hints);
    pieces
}

/// The heading a whole line is.
pub fn heading(line: &str) -> Option<Heading> {
    HEADINGS
        .iter()
        .find(|(text, _)| *text == line)
        .map(|(_, heading)| *heading)
}

pub fn is_method(word: &str) -> bool {
    METHODS.contains(&word)
}

/// The value of a method or path bullet (`• POST`, `- /:workspace`).
fn bullet(line: &str) -> Option<&str> {
    let value = line
        .strip_prefix('•')
        .or_else(|| line.strip_prefix("- "))?
        .trim();
    let is_path = value.starts_with('/') && !value.contains(char::is_whitespace);
    (is_method(value) || is_path).then_some(value)
}

struct Lexer<'t> {
    pieces: Vec<Piece<'t>>,
    mode: Mode,
    /// How many times the current line has been cut at a marker.
    depth: usize,
}

/// More markers than any line of these pages holds (a description, a marker, a value,
/// a field line).
const MAX_CUTS_PER_LINE: usize = 16;

impl<'t> Lexer<'t> {
    fn push(&mut self, text: &'t str, kind: Kind<'t>) {
        self.pieces.push(Piece { text, kind });
    }

    fn line(&mut self, line: &'t str, next: Option<&str>) {
        if let Some(heading) = heading(line) {
            self.heading(line, heading);
        } else if let Some(value) = bullet(line) {
            self.push(value, Kind::Bullet);
            self.mode = Mode::Prose;
        } else if let Some((before, _, date)) = split_at_marker(line, LAST_MODIFIED) {
            if !before.is_empty() {
                self.in_mode(before, None);
            }
            self.push(date, Kind::LastModified);
            self.mode = Mode::Prose;
        } else {
            self.in_mode(line, next);
        }
    }

    fn heading(&mut self, text: &'t str, heading: Heading) {
        self.push(text, Kind::Heading(heading));
        self.mode = match heading {
            Heading::UrlParameters
            | Heading::QueryParameters
            | Heading::PostParameters
            | Heading::ResponseBody => Mode::Fields,
            Heading::RequestExample => Mode::Example,
            _ => Mode::Prose,
        };
    }

    fn in_mode(&mut self, text: &'t str, next: Option<&str>) {
        match self.mode {
            Mode::Prose => self.push(text, Kind::Text),
            Mode::Fields => self.field_text(text, next),
            Mode::Example => self.example_text(text),
        }
    }

    /// A line of a field list, or a part of one next to a marker. Each marker on a line
    /// cuts it again; past a few, the rest is read as text rather than cut ever deeper.
    fn field_text(&mut self, text: &'t str, next: Option<&str>) {
        if self.depth >= MAX_CUTS_PER_LINE {
            self.push(text, Kind::Text);
            return;
        }
        self.depth += 1;
        self.cut_field_text(text, next);
        self.depth -= 1;
    }

    fn cut_field_text(&mut self, text: &'t str, next: Option<&str>) {
        if read_field_line(text).is_some() {
            self.field(text, None);
        } else if let Some(before) = text
            .strip_suffix("Response")
            .filter(|_| next == Some("RESPONSE BODY"))
        {
            self.before_marker(before.trim_end());
            self.heading(text.get(before.len()..).unwrap_or(text), Heading::Response);
        } else if let Some((before, marker, values)) = split_at_marker(text, ALLOWED_ENUM) {
            self.before_marker(before);
            self.push(marker, Kind::AllowedEnum);
            if !values.is_empty() {
                self.field_text(values, next);
            }
        } else if let Some((before, _, constraint)) = split_at_marker(text, CONSTRAINTS) {
            self.before_marker(before);
            self.constraint(constraint, next);
        } else if let Some((before, _, value)) = split_at_last_marker(text, EXAMPLE) {
            self.before_marker(before);
            self.example_value(value, next);
        } else if let Some((before, glue, rest)) = glued_field(text, next) {
            self.push(before, Kind::Text);
            self.field(rest, Some(glue));
        } else {
            self.push(text, Kind::Text);
        }
    }

    fn before_marker(&mut self, before: &'t str) {
        if !before.is_empty() {
            self.field_text(before, None);
        }
    }

    /// `Unique items required`, maybe with the next field line glued to it.
    fn constraint(&mut self, constraint: &'t str, next: Option<&str>) {
        match constraint.strip_prefix(UNIQUE_ITEMS) {
            Some(rest) if !rest.trim().is_empty() => {
                self.push(
                    constraint.get(..UNIQUE_ITEMS.len()).unwrap_or(constraint),
                    Kind::Constraints,
                );
                self.field_text(rest.trim(), next);
            }
            _ => self.push(constraint, Kind::Constraints),
        }
    }

    /// An example value, maybe with the next field line glued to it (`123namestring`).
    fn example_value(&mut self, value: &'t str, next: Option<&str>) {
        if parse_json(value).is_none()
            && let Some((scalar, rest)) = split_scalar(value)
            && !rest.is_empty()
        {
            self.push(scalar, Kind::Example);
            self.field_text(rest, next);
        } else {
            self.push(value, Kind::Example);
        }
    }

    fn field(&mut self, text: &'t str, glue: Option<Glue<'t>>) {
        let Some(Tail {
            before,
            required,
            read_only,
            type_text,
            ty,
        }) = read_tail(text)
        else {
            self.push(text, Kind::Text);
            return;
        };
        let field = FieldLine {
            name: before,
            required,
            read_only,
            type_text,
            ty,
            glue,
            split: None,
        };
        self.push(text, Kind::Field(field));
    }

    /// A line of the example: the curl command, `STATUS` and the status.
    fn example_text(&mut self, text: &'t str) {
        let status = text.match_indices(STATUS).map(|(at, _)| at).find(|&at| {
            let after = text
                .get(at + STATUS.len()..)
                .unwrap_or_default()
                .trim_start();
            after.is_empty() || after.starts_with(|c: char| c.is_ascii_digit())
        });
        let Some(at) = status else {
            self.push(text, Kind::Text);
            return;
        };
        let (before, marker, after) = (
            text.get(..at).unwrap_or_default().trim_end(),
            text.get(at..at + STATUS.len()).unwrap_or(text),
            text.get(at + STATUS.len()..).unwrap_or_default().trim(),
        );
        if !before.is_empty() {
            self.push(before, Kind::Text);
        }
        self.heading(marker, Heading::Status);
        if !after.is_empty() {
            self.push(after, Kind::Text);
        }
    }
}

/// `text` cut at the first `marker`: what precedes it, the marker, and what follows it,
/// trimmed.
fn split_at_marker<'t>(text: &'t str, marker: &str) -> Option<(&'t str, &'t str, &'t str)> {
    cut(text, text.find(marker)?, marker.len())
}

fn split_at_last_marker<'t>(text: &'t str, marker: &str) -> Option<(&'t str, &'t str, &'t str)> {
    cut(text, text.rfind(marker)?, marker.len())
}

fn cut(text: &str, at: usize, len: usize) -> Option<(&str, &str, &str)> {
    Some((
        text.get(..at)?.trim_end(),
        text.get(at..at + len)?,
        text.get(at + len..)?.trim(),
    ))
}

/// A field line glued to the end of `text`: the text before its run, the run, and the
/// field line from the run on. Only when the next line is a description (see the module
/// documentation).
fn glued_field<'t>(text: &'t str, next: Option<&str>) -> Option<(&'t str, Glue<'t>, &'t str)> {
    if !next.is_some_and(is_description) {
        return None;
    }
    let tail = read_tail(text)?;
    let (before, run) = trailing_run(tail.before);
    let glue = Glue {
        run,
        boundary: Boundary::after(before),
    };
    if run.is_empty() || candidates(&glue).is_empty() {
        return None;
    }
    Some((before, glue, text.get(before.len()..)?))
}

/// Whether a line reads as a description: not a field line, heading, bullet or marker.
fn is_description(line: &str) -> bool {
    let starts_with_marker = [ALLOWED_ENUM, CONSTRAINTS, EXAMPLE, LAST_MODIFIED]
        .iter()
        .any(|marker| line.starts_with(marker));
    !(starts_with_marker
        || heading(line).is_some()
        || bullet(line).is_some()
        || read_field_line(line).is_some())
}

/// Decides where each glued name starts ([`split::decide`]), with the page's words, and
/// moves the description's last word from the field piece to the piece before it.
fn decide_glued_names<'t>(page: &PageText<'t>, pieces: &mut [Piece<'t>], hints: &Hints) {
    let mut vocabulary = Vocabulary::default();
    let mut glued = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match &piece.kind {
            Kind::Field(field) => match field.glue {
                Some(glue) => glued.push((i, glue)),
                None => vocabulary.add_name(field.name),
            },
            Kind::Heading(_) | Kind::LastModified => {}
            _ => vocabulary.add_text(piece.text),
        }
    }
    let glues: Vec<Glue<'t>> = glued.iter().map(|(_, glue)| *glue).collect();
    let splits = split::decide(&glues, &hints.field_names, vocabulary);
    for ((i, glue), split) in glued.into_iter().zip(splits) {
        if let Some(split) = split {
            apply_split(page, pieces, i, glue, split);
        }
    }
}

fn apply_split<'t>(
    page: &PageText<'t>,
    pieces: &mut [Piece<'t>],
    i: usize,
    glue: Glue<'t>,
    split: Split,
) {
    let name_start = page.offset_of(glue.run) + split.at;
    if let Some(Piece {
        text,
        kind: Kind::Field(field),
    }) = pieces.get_mut(i)
    {
        field.name = glue.run.get(split.at..).unwrap_or(glue.run);
        field.split = Some(split);
        *text = text.get(split.at..).unwrap_or(text);
    }
    if let Some(before) = i.checked_sub(1).and_then(|j| pieces.get_mut(j)) {
        let start = page.offset_of(before.text);
        if let Some(extended) = page.text.get(start..name_start) {
            before.text = extended;
        }
    }
}
