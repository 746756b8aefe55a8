//! The grammar of a Cloudflare reference item, shared by both readers: what an item's
//! code span says, and how the items listed under it fill in the type it announces.
//!
//! Every parameter, field, enum value, union variant and domain type is a list item whose
//! text starts with a code span. The span is one of:
//!
//! ```text
//! field       name: [optional] TYPE             parameters, body fields, object members
//! value       "github" | true | 12              under an enum or a literal
//! variant     TYPE | Name ['object'] { … }      under a union (`D1SingleQuery object { sql }`)
//! named type  Name ['object'] { … } | Name = TYPE        a `## Domain Types` entry
//!
//! TYPE     := primary (' or ' (primary | N ' more'))*     `N more` only last
//! primary  := 'array of ' TYPE                  takes the whole rest, its `or`s included
//!           | 'map[' TYPE ']'                    `map[object { a } ]`: spaces allowed
//!           | ['object'] '{' members '}'         `object { … }` (Markdown), `{ … }` (collapsed)
//!           | Name [['object'] '{' members '}']  a named type, or a named object
//!           | '"…"' | 'true' | 'false' | number  literals
//!           | 'string' | 'number' | 'integer' | 'boolean' | 'unknown'
//! members  := [member (', ' member)* [', ' N ' more']]  `a, b, 3 more`: five members
//! ```
//!
//! Any run of whitespace separates words (`object { sql }  or object { batch }` has two
//! spaces). A Name starts with an ASCII capital letter, so that it cannot be mistaken for a
//! built-in type. Literals joined by `or` are one enum (`"a" or "b" or 2 more`: four
//! values); alternatives of other kinds are a union (`number or string`). Cloudflare
//! fields are required unless marked `optional`.
//!
//! The items listed under an item fill in its type ([`Reader::field`]): under an object
//! they are its members, under an enum its values, under a union its variants, through
//! any `array of` and `map[…]`. A count announced in the type must match the items listed;
//! an object whose members are not listed at all is read as announced only (Cloudflare
//! lists a type's members once and afterwards only announces them, as the second
//! `source: optional object { pointer }` of a `ResponseInfo`): its `fields` are empty and
//! its `announced` and `announced_count` say what the page announced (`announced_count` is
//! the names written plus `N more`, whenever the type is written with braces). An enum or
//! union whose values or variants are not listed has those its type spells out, at the
//! item's position. A named type with items under it (`array of ResponseInfo`, `result:
//! D1`) becomes an object of that name with those members (no count was announced); without
//! items it stays [`PageType::Named`]. Items under a type that has no members, values or
//! variants (`string`) are a mistake.

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Pos};
use crate::pages::model::{
    EnumValue, PageField, PageObject, PageType, Skipped, Text, UnionVariant,
};
use crate::pages::source::PageText;

/// How deep types and items may nest before the page is refused (pages nest six deep; the
/// limit keeps hostile input from exhausting the stack).
pub const MAX_DEPTH: usize = 48;

/// A type as the grammar reads it, before the listed items fill it in.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Unknown,
    /// `"a" or "b" or 2 more`, `true`.
    Literals {
        values: Vec<Value>,
        more: usize,
    },
    Array(Box<Ty>),
    Map(Box<Ty>),
    /// `object { a, b, 3 more }`, `{ a }`, `Name object { a }`.
    Object {
        name: Option<String>,
        announced: Vec<String>,
        more: usize,
    },
    /// `number or string`, `object { a }  or object { b }`.
    Union {
        alternatives: Vec<Ty>,
        more: usize,
    },
    /// `ResponseInfo`.
    Named(String),
}

impl Ty {
    /// The type with every object's name removed, to compare a named variant
    /// (`D1SingleQuery object { sql }`) with the union's alternative (`object { sql }`).
    fn unnamed(&self) -> Ty {
        match self {
            Ty::Object {
                announced, more, ..
            } => Ty::Object {
                name: None,
                announced: announced.clone(),
                more: *more,
            },
            Ty::Array(inner) => Ty::Array(Box::new(inner.unnamed())),
            Ty::Map(inner) => Ty::Map(Box::new(inner.unnamed())),
            Ty::Union { alternatives, more } => Ty::Union {
                alternatives: alternatives.iter().map(Ty::unnamed).collect(),
                more: *more,
            },
            other => other.clone(),
        }
    }

    /// The type whose members, values or variants the items under it list: through
    /// `array of` and `map[…]`.
    fn listed(&self) -> &Ty {
        match self {
            Ty::Array(inner) | Ty::Map(inner) => inner.listed(),
            other => other,
        }
    }
}

/// A mistake in a code span: the byte offset in the span and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    pub offset: usize,
    pub message: String,
}

/// A field's code span: `name: optional TYPE`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpan<'s> {
    pub name: &'s str,
    pub optional: bool,
    /// Everything after `name:`, `optional` included, as written.
    pub type_text: &'s str,
    pub ty: Ty,
}

/// A value's, variant's or named type's code span.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeSpan<'s> {
    /// `Name` of `Name = TYPE` and of `Name object { … }`.
    pub name: Option<&'s str>,
    /// Whether written `Name = TYPE`.
    pub alias: bool,
    /// The type as written (after `Name = `).
    pub type_text: &'s str,
    pub ty: Ty,
}

/// Reads a field's code span.
pub fn field(code: &str) -> Result<FieldSpan<'_>, SpanError> {
    let name_end = code.find(|c: char| !is_name_char(c)).unwrap_or(code.len());
    let name = code.get(..name_end).unwrap_or_default();
    let rest = code.get(name_end..).unwrap_or_default();
    let Some(after_colon) = rest.strip_prefix(':') else {
        return Err(SpanError {
            offset: 0,
            message: format!("expected `name: type`, found `{code}`"),
        });
    };
    if name.is_empty() {
        return Err(SpanError {
            offset: 0,
            message: format!("expected a field name before `:`, found `{code}`"),
        });
    }
    let type_text = after_colon.trim();
    let type_start = code.len() - after_colon.trim_start().len();
    if type_text.is_empty() {
        return Err(SpanError {
            offset: code.len(),
            message: format!("expected a type after `{name}:`"),
        });
    }
    let mut parser = Parser::new(code, type_start);
    let optional = parser.keyword("optional") && {
        let had_space = parser.space();
        if !had_space {
            parser.pos = type_start;
        }
        had_space
    };
    let ty = parser.whole_type()?;
    Ok(FieldSpan {
        name,
        optional,
        type_text,
        ty,
    })
}

/// Reads a value's, variant's or named type's code span.
pub fn type_span(code: &str) -> Result<TypeSpan<'_>, SpanError> {
    // `Name = TYPE`.
    let name_end = code
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(code.len());
    if code.starts_with(|c: char| c.is_ascii_uppercase())
        && let Some(name) = code.get(..name_end)
        && let Some(rest) = code.get(name_end..)
        && let Some(after_eq) = rest.trim_start().strip_prefix('=')
    {
        let type_start = code.len() - after_eq.trim_start().len();
        let ty = Parser::new(code, type_start).whole_type()?;
        return Ok(TypeSpan {
            name: Some(name),
            alias: true,
            type_text: after_eq.trim(),
            ty,
        });
    }
    let ty = Parser::new(code, 0).whole_type()?;
    let name = match &ty {
        Ty::Object { name: Some(_), .. } => code.get(..name_end),
        _ => None,
    };
    Ok(TypeSpan {
        name,
        alias: false,
        type_text: code.trim(),
        ty,
    })
}

/// The type of an item's code span, a field's or not: the items a collapsed page lists
/// after it are its members, values or variants according to it.
pub fn span_type(code: &str) -> Result<Ty, SpanError> {
    if looks_like_field(code) {
        field(code).map(|field| field.ty)
    } else {
        type_span(code).map(|span| span.ty)
    }
}

/// Whether a code span is written `name: …`.
pub fn looks_like_field(code: &str) -> bool {
    let name_end = code.find(|c: char| !is_name_char(c)).unwrap_or(code.len());
    name_end > 0
        && code
            .get(name_end..)
            .is_some_and(|rest| rest.starts_with(':'))
}

fn is_name_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, ':' | '`' | '"' | '{' | '}' | ',' | '[' | ']' | '='))
}

/// What a collapsed page must list right after an item for the items to be the item's
/// own: the first of them, and how many.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect<'t> {
    Nothing,
    /// Members of an object: the first announced name (when the type names one).
    Members {
        first: Option<&'t str>,
        count: usize,
    },
    /// Values of an enum.
    Values {
        first: &'t Value,
        count: usize,
    },
    /// Variants of a union.
    Variants {
        first: &'t Ty,
        count: usize,
    },
}

/// What the items listed under a type of this kind would be.
pub fn expect(ty: &Ty) -> Expect<'_> {
    match ty.listed() {
        Ty::Object {
            announced, more, ..
        } if !announced.is_empty() || *more > 0 => Expect::Members {
            first: announced.first().map(String::as_str),
            count: announced.len().saturating_add(*more),
        },
        Ty::Literals { values, more } => match values.first() {
            Some(first) => Expect::Values {
                first,
                count: values.len().saturating_add(*more),
            },
            None => Expect::Nothing,
        },
        Ty::Union { alternatives, more } => match alternatives.first() {
            Some(first) => Expect::Variants {
                first,
                count: alternatives.len().saturating_add(*more),
            },
            None => Expect::Nothing,
        },
        _ => Expect::Nothing,
    }
}

/// Whether an item's code span is the first of what `expect` wants.
pub fn starts(expect: &Expect<'_>, code: &str) -> bool {
    match expect {
        Expect::Nothing => false,
        Expect::Members { first, .. } => match field(code) {
            Ok(field) => first.is_none_or(|first| field.name == first),
            Err(_) => false,
        },
        Expect::Values { first, .. } => match type_span(code) {
            Ok(TypeSpan {
                name: None,
                ty: Ty::Literals { values, more: 0 },
                ..
            }) => values.len() == 1 && values.first() == Some(*first),
            _ => false,
        },
        Expect::Variants { first, .. } => {
            !looks_like_field(code)
                && type_span(code).is_ok_and(|span| span.ty.unnamed() == first.unnamed())
        }
    }
}

/// A recursive-descent reader of one code span. Offsets are bytes into `code`.
struct Parser<'s> {
    code: &'s str,
    pos: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    fn new(code: &'s str, pos: usize) -> Self {
        Self {
            code,
            pos,
            depth: 0,
        }
    }

    fn rest(&self) -> &'s str {
        self.code.get(self.pos..).unwrap_or_default()
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, SpanError> {
        Err(SpanError {
            offset: self.pos,
            message: message.into(),
        })
    }

    /// What comes next, for messages.
    fn found(&self) -> String {
        let rest = self.rest().trim();
        if rest.is_empty() {
            "the end of the code span".to_owned()
        } else {
            format!("`{}`", crate::pages::source::excerpt(rest, 30))
        }
    }

    /// Skips whitespace; whether there was any.
    fn space(&mut self) -> bool {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        skipped > 0
    }

    /// Takes a word if it is next and not the start of a longer word.
    fn keyword(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let Some(after) = rest.strip_prefix(word) else {
            return false;
        };
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return false;
        }
        self.pos += word.len();
        true
    }

    fn punct(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A whole code span's type: nothing may follow it.
    fn whole_type(&mut self) -> Result<Ty, SpanError> {
        self.space();
        let ty = self.ty()?;
        self.space();
        if self.rest().is_empty() {
            Ok(ty)
        } else {
            self.error(format!(
                "expected the end of the type or ` or `, found {}",
                self.found()
            ))
        }
    }

    /// `N more`, if next.
    fn more(&mut self) -> Result<Option<usize>, SpanError> {
        let start = self.pos;
        let rest = self.rest();
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return Ok(None);
        }
        let count = rest.get(..digits).and_then(|d| d.parse::<usize>().ok());
        self.pos += digits;
        if !(self.space() && self.keyword("more")) {
            self.pos = start;
            return Ok(None);
        }
        match count {
            Some(count) => Ok(Some(count)),
            None => {
                self.pos = start;
                self.error("expected a count of members or values that fits in a number")
            }
        }
    }

    fn ty(&mut self) -> Result<Ty, SpanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("expected a type nested at most {MAX_DEPTH} deep"));
        }
        let mut alternatives = vec![self.primary()?];
        let mut more = 0;
        loop {
            let before = self.pos;
            if !(self.space() && self.keyword("or") && self.space()) {
                self.pos = before;
                break;
            }
            if let Some(count) = self.more()? {
                more = count;
                break;
            }
            alternatives.push(self.primary()?);
        }
        self.depth -= 1;
        Ok(combine(alternatives, more))
    }

    fn primary(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        if rest.starts_with('"') {
            return self.string_literal();
        }
        if rest.starts_with('{') {
            return self.members(None);
        }
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            return self.number_literal();
        }
        if rest.starts_with("map[") {
            self.pos += "map[".len();
            self.space();
            let inner = self.ty()?;
            self.space();
            if !self.punct(']') {
                return self.error(format!(
                    "expected `]` to close `map[`, found {}",
                    self.found()
                ));
            }
            return Ok(Ty::Map(Box::new(inner)));
        }
        let word_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = rest.get(..word_len).unwrap_or_default();
        let simple = match word {
            "string" => Some(Ty::String),
            "number" => Some(Ty::Number),
            "integer" => Some(Ty::Integer),
            "boolean" => Some(Ty::Boolean),
            "unknown" => Some(Ty::Unknown),
            "true" => Some(Ty::Literals {
                values: vec![Value::Bool(true)],
                more: 0,
            }),
            "false" => Some(Ty::Literals {
                values: vec![Value::Bool(false)],
                more: 0,
            }),
            _ => None,
        };
        if let Some(ty) = simple {
            self.pos += word_len;
            return Ok(ty);
        }
        if word == "array" {
            let start = self.pos;
            self.pos += word_len;
            if self.space() && self.keyword("of") && self.space() {
                return Ok(Ty::Array(Box::new(self.ty()?)));
            }
            self.pos = start;
            return self.error(format!("expected `array of TYPE`, found {}", self.found()));
        }
        if word == "object" {
            self.pos += word_len;
            self.space();
            return self.members(None);
        }
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            self.pos += word_len;
            let before = self.pos;
            self.space();
            if self.keyword("object") {
                self.space();
                return self.members(Some(word.to_owned()));
            }
            if self.rest().starts_with('{') {
                return self.members(Some(word.to_owned()));
            }
            self.pos = before;
            return Ok(Ty::Named(word.to_owned()));
        }
        self.error(format!(
            "expected a type (string, number, boolean, unknown, array of T, map[T], \
             object {{ … }}, a quoted literal, true, false or a type name), found {}",
            self.found()
        ))
    }

    /// `{ a, b, 3 more }`, at the `{`.
    fn members(&mut self, name: Option<String>) -> Result<Ty, SpanError> {
        if !self.punct('{') {
            return self.error(format!(
                "expected `{{` to list members, found {}",
                self.found()
            ));
        }
        let mut announced = Vec::new();
        let mut more = 0;
        self.space();
        if self.punct('}') {
            return Ok(Ty::Object {
                name,
                announced,
                more,
            });
        }
        loop {
            self.space();
            if let Some(count) = self.more()? {
                more = count;
                self.space();
                if self.punct('}') {
                    break;
                }
                return self.error(format!(
                    "expected `}}` after `{count} more`, found {}",
                    self.found()
                ));
            }
            let rest = self.rest();
            let len = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
            if len == 0 {
                return self.error(format!("expected a member name, found {}", self.found()));
            }
            announced.push(rest.get(..len).unwrap_or_default().to_owned());
            self.pos += len;
            self.space();
            if self.punct(',') {
                continue;
            }
            if self.punct('}') {
                break;
            }
            return self.error(format!(
                "expected `,` or `}}` after a member name, found {}",
                self.found()
            ));
        }
        Ok(Ty::Object {
            name,
            announced,
            more,
        })
    }

    fn string_literal(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        let mut escaped = false;
        let mut end = None;
        for (i, c) in rest.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            return self.error("expected a closing `\"` for the quoted value");
        };
        let quoted = rest.get(..end).unwrap_or_default();
        match serde_json::from_str::<String>(quoted) {
            Ok(value) => {
                self.pos += end;
                Ok(Ty::Literals {
                    values: vec![Value::String(value)],
                    more: 0,
                })
            }
            Err(e) => self.error(format!("expected a quoted value ({e})")),
        }
    }

    fn number_literal(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(rest.len());
        let text = rest.get(..len).unwrap_or_default();
        match serde_json::from_str::<serde_json::Number>(text) {
            Ok(number) => {
                self.pos += len;
                Ok(Ty::Literals {
                    values: vec![Value::Number(number)],
                    more: 0,
                })
            }
            Err(_) => self.error(format!("expected a number, found `{text}`")),
        }
    }
}

/// Alternatives joined by `or`: one type, an enum of literals, or a union.
fn combine(mut alternatives: Vec<Ty>, more: usize) -> Ty {
    if alternatives.len() == 1
        && more == 0
        && let Some(only) = alternatives.pop()
    {
        return only;
    }
    let all_literals = alternatives
        .iter()
        .all(|ty| matches!(ty, Ty::Literals { more: 0, .. }));
    if all_literals {
        let values = alternatives
            .into_iter()
            .flat_map(|ty| match ty {
                Ty::Literals { values, .. } => values,
                _ => Vec::new(),
            })
            .collect();
        return Ty::Literals { values, more };
    }
    Ty::Union { alternatives, more }
}

/// One list item of a reference page: its code span, the prose after it, and the items
/// listed under it.
#[derive(Debug, Clone)]
pub struct Item<'t> {
    /// Where the item starts (its `-`), a byte offset in the page.
    pub offset: usize,
    /// The code span's content, a slice of the page; or where and why the item has none.
    pub code: Result<&'t str, SpanError>,
    pub description: Option<Text>,
    pub children: Vec<Item<'t>>,
    /// Text inside the item that is none of the above.
    pub skipped: Vec<Skipped>,
}

impl Item<'_> {
    /// Moves the skipped text of the item and those under it to `out`.
    pub fn take_skipped(&mut self, out: &mut Vec<Skipped>) {
        out.append(&mut self.skipped);
        for child in &mut self.children {
            child.take_skipped(out);
        }
    }
}

/// Turns items into the model, reporting what does not fit with the page's file and line.
pub struct Reader<'p, 't> {
    pub page: &'p PageText<'t>,
}

impl<'t> Reader<'_, 't> {
    fn pos(&self, item: &Item<'_>) -> Pos {
        self.page.pos(item.offset)
    }

    /// The item's code span, or the error of an item without one.
    fn code<'i>(&self, item: &Item<'i>, where_: &str) -> Result<&'i str, Diagnostic> {
        match &item.code {
            Ok(code) => Ok(code),
            Err(e) => Err(self.page.error(e.offset, where_, e.message.clone())),
        }
    }

    fn span_error(&self, code: &str, where_: &str, e: SpanError) -> Diagnostic {
        let offset = self.page.offset_of(code).saturating_add(e.offset);
        self.page.error(offset, where_, e.message)
    }

    /// A field: `name: optional TYPE` and what is listed under it.
    pub fn field(&self, item: &Item<'_>, where_: &str) -> Result<PageField, Diagnostic> {
        self.field_at(item, where_, 0)
    }

    fn field_at(
        &self,
        item: &Item<'_>,
        where_: &str,
        depth: usize,
    ) -> Result<PageField, Diagnostic> {
        let code = self.code(item, where_)?;
        let span = field(code).map_err(|e| self.span_error(code, where_, e))?;
        let inner = format!("{where_} > {}", span.name);
        let ty = self.shape(&span.ty, code, item, &inner, depth)?;
        Ok(PageField {
            pos: self.pos(item),
            name: span.name.to_owned(),
            ty,
            type_text: span.type_text.to_owned(),
            required: !span.optional,
            read_only: false,
            nullable: false,
            unique_items: false,
            description: item.description.clone(),
            example: None,
        })
    }

    /// A domain type: `Name object { … }` or `Name = TYPE`, and what is listed under it.
    pub fn named_type(
        &self,
        item: &Item<'_>,
        where_: &str,
    ) -> Result<(String, PageType), Diagnostic> {
        let code = self.code(item, where_)?;
        let span = type_span(code).map_err(|e| self.span_error(code, where_, e))?;
        let Some(name) = span.name else {
            return Err(self.page.error(
                self.page.offset_of(code),
                where_,
                format!(
                    "expected a named type `Name object {{ … }}` or `Name = type`, found `{code}`"
                ),
            ));
        };
        let inner = format!("{where_} > {name}");
        let ty = self.shape(&span.ty, code, item, &inner, 0)?;
        Ok((name.to_owned(), ty))
    }

    /// The model's type of `ty`, filled in with the items listed under `item`.
    fn shape(
        &self,
        ty: &Ty,
        code: &str,
        item: &Item<'_>,
        where_: &str,
        depth: usize,
    ) -> Result<PageType, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.page.error(
                item.offset,
                where_,
                format!("expected items nested at most {MAX_DEPTH} deep"),
            ));
        }
        let pos = self.pos(item);
        let children = &item.children;
        let count_error = |announced: usize, what: &str| {
            self.page.error(
                item.offset,
                where_,
                format!(
                    "`{code}` announces {announced} {what} but {} {} listed",
                    children.len(),
                    if children.len() == 1 { "is" } else { "are" }
                ),
            )
        };
        Ok(match ty {
            Ty::Array(inner) => {
                PageType::Array(Box::new(self.shape(inner, code, item, where_, depth)?))
            }
            Ty::Map(inner) => {
                PageType::Map(Box::new(self.shape(inner, code, item, where_, depth)?))
            }
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Unknown => {
                if let Some(first) = children.first() {
                    return Err(self.page.error(
                        first.offset,
                        where_,
                        format!(
                            "expected no items under `{code}`, whose type has no members, \
                             values or variants"
                        ),
                    ));
                }
                match ty {
                    Ty::String => PageType::String,
                    Ty::Integer => PageType::Integer,
                    Ty::Number => PageType::Number,
                    Ty::Boolean => PageType::Boolean,
                    _ => PageType::Unknown,
                }
            }
            Ty::Literals { values, more } => {
                if children.is_empty() {
                    return Ok(PageType::Enum(
                        values
                            .iter()
                            .map(|value| EnumValue {
                                value: value.clone(),
                                pos,
                                description: None,
                            })
                            .collect(),
                    ));
                }
                let mut listed = Vec::with_capacity(children.len());
                for (i, child) in children.iter().enumerate() {
                    let value = self.value(child, where_)?;
                    if let Some(announced) = values.get(i)
                        && *announced != value
                    {
                        return Err(self.page.error(
                            child.offset,
                            where_,
                            format!(
                                "expected the value {announced} that `{code}` announces, found {value}"
                            ),
                        ));
                    }
                    listed.push(EnumValue {
                        value,
                        pos: self.pos(child),
                        description: child.description.clone(),
                    });
                }
                let count = values.len().saturating_add(*more);
                if listed.len() != count {
                    return Err(count_error(count, "values"));
                }
                PageType::Enum(listed)
            }
            Ty::Object {
                name,
                announced,
                more,
            } => {
                let count = announced.len().saturating_add(*more);
                let mut fields = Vec::with_capacity(children.len());
                for (i, child) in children.iter().enumerate() {
                    let field = self.field_at(child, where_, depth + 1)?;
                    if let Some(expected) = announced.get(i)
                        && *expected != field.name
                    {
                        return Err(self.page.error(
                            child.offset,
                            where_,
                            format!(
                                "expected the member `{expected}` that `{code}` announces, found `{}`",
                                field.name
                            ),
                        ));
                    }
                    fields.push(field);
                }
                if !fields.is_empty() && fields.len() != count {
                    return Err(count_error(count, "members"));
                }
                PageType::Object(PageObject {
                    name: name.clone(),
                    announced: announced.clone(),
                    announced_count: Some(count),
                    fields,
                })
            }
            Ty::Named(name) => {
                if children.is_empty() {
                    PageType::Named(name.clone())
                } else {
                    let fields = children
                        .iter()
                        .map(|child| self.field_at(child, where_, depth + 1))
                        .collect::<Result<_, _>>()?;
                    PageType::Object(PageObject {
                        name: Some(name.clone()),
                        announced: Vec::new(),
                        announced_count: None,
                        fields,
                    })
                }
            }
            Ty::Union { alternatives, more } => {
                if children.is_empty() {
                    let variants = alternatives
                        .iter()
                        .map(|alternative| {
                            Ok(UnionVariant {
                                ty: self.shape(
                                    alternative,
                                    code,
                                    &leaf(item),
                                    where_,
                                    depth + 1,
                                )?,
                                pos,
                                description: None,
                            })
                        })
                        .collect::<Result<_, Diagnostic>>()?;
                    return Ok(PageType::Union(variants));
                }
                let mut variants = Vec::with_capacity(children.len());
                for (i, child) in children.iter().enumerate() {
                    let child_code = self.code(child, where_)?;
                    if looks_like_field(child_code) {
                        return Err(self.page.error(
                            child.offset,
                            where_,
                            format!(
                                "expected a variant of `{code}` (a type), found the field `{child_code}`"
                            ),
                        ));
                    }
                    let span = type_span(child_code)
                        .map_err(|e| self.span_error(child_code, where_, e))?;
                    if span.alias {
                        return Err(self.page.error(
                            child.offset,
                            where_,
                            format!("expected a variant of `{code}`, found `{child_code}`"),
                        ));
                    }
                    if let Some(alternative) = alternatives.get(i)
                        && alternative.unnamed() != span.ty.unnamed()
                    {
                        return Err(self.page.error(
                            child.offset,
                            where_,
                            format!(
                                "expected variant {} of `{code}` to be the type it announces, found `{child_code}`",
                                i + 1
                            ),
                        ));
                    }
                    let inner = match span.name {
                        Some(name) => format!("{where_} > {name}"),
                        None => where_.to_owned(),
                    };
                    variants.push(UnionVariant {
                        ty: self.shape(&span.ty, child_code, child, &inner, depth + 1)?,
                        pos: self.pos(child),
                        description: child.description.clone(),
                    });
                }
                let count = alternatives.len().saturating_add(*more);
                if variants.len() != count {
                    return Err(count_error(count, "variants"));
                }
                PageType::Union(variants)
            }
        })
    }

    /// An enum value's item: `"github"`, `true`.
    fn value(&self, item: &Item<'_>, where_: &str) -> Result<Value, Diagnostic> {
        let code = self.code(item, where_)?;
        let expected = || {
            self.page.error(
                item.offset,
                where_,
                format!(
                    "expected a value (`\"text\"`, `true`, `false` or a number), found `{code}`"
                ),
            )
        };
        if looks_like_field(code) {
            return Err(expected());
        }
        let span = type_span(code).map_err(|e| self.span_error(code, where_, e))?;
        match span.ty {
            Ty::Literals {
                mut values,
                more: 0,
            } if values.len() == 1 && span.name.is_none() => {
                if let Some(first) = item.children.first() {
                    return Err(self.page.error(
                        first.offset,
                        where_,
                        format!("expected no items under the value `{code}`"),
                    ));
                }
                values.pop().ok_or_else(expected)
            }
            _ => Err(expected()),
        }
    }
}

/// The item without what is listed under it, for a union's alternatives when no variants
/// are listed.
fn leaf<'t>(item: &Item<'t>) -> Item<'t> {
    Item {
        offset: item.offset,
        code: item.code.clone(),
        description: None,
        children: Vec::new(),
        skipped: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(code: &str) -> Ty {
        span_type(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
    }

    fn object(name: Option<&str>, announced: &[&str], more: usize) -> Ty {
        Ty::Object {
            name: name.map(str::to_owned),
            announced: announced.iter().map(|s| (*s).to_owned()).collect(),
            more,
        }
    }

    #[test]
    fn fields() {
        let span =
            field("build_caching_enabled: optional boolean").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(span.name, "build_caching_enabled");
        assert!(span.optional);
        assert_eq!(span.type_text, "optional boolean");
        assert_eq!(span.ty, Ty::Boolean);
        let span = field("isBase64: boolean").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((span.name, span.optional), ("isBase64", false));
        // A type named like the keyword is not `optional`.
        assert!(field("a: optionalx").is_err());
    }

    #[test]
    fn types() {
        assert_eq!(
            ty(
                "builds: optional map[object { build_outcome, build_trigger_metadata, build_uuid, 8 more } ]"
            ),
            Ty::Map(Box::new(object(
                None,
                &["build_outcome", "build_trigger_metadata", "build_uuid"],
                8
            )))
        );
        assert_eq!(
            ty("result_info: optional { count, page, per_page, 2 more }"),
            object(None, &["count", "page", "per_page"], 2)
        );
        assert_eq!(
            ty("x: map[ { a } ]"),
            Ty::Map(Box::new(object(None, &["a"], 0)))
        );
        assert_eq!(
            ty(r#"build_outcome: optional "success" or "fail" or "skipped" or 2 more"#),
            Ty::Literals {
                values: vec!["success".into(), "fail".into(), "skipped".into()],
                more: 2
            }
        );
        assert_eq!(
            ty("success: true"),
            Ty::Literals {
                values: vec![true.into()],
                more: 0
            }
        );
        assert_eq!(
            ty("lines: optional array of array of number or string"),
            Ty::Array(Box::new(Ty::Array(Box::new(Ty::Union {
                alternatives: vec![Ty::Number, Ty::String],
                more: 0
            }))))
        );
        assert_eq!(
            ty("body: object { sql, params }  or object { batch }"),
            Ty::Union {
                alternatives: vec![
                    object(None, &["sql", "params"], 0),
                    object(None, &["batch"], 0)
                ],
                more: 0
            }
        );
        assert_eq!(
            ty("errors: array of ResponseInfo"),
            Ty::Array(Box::new(Ty::Named("ResponseInfo".into())))
        );
        assert_eq!(
            ty(r#"sort: optional array of "uuid" or "name" or 6 more"#),
            Ty::Array(Box::new(Ty::Literals {
                values: vec!["uuid".into(), "name".into()],
                more: 6
            }))
        );
        assert_eq!(ty("number"), Ty::Number);
        assert_eq!(
            ty("D1SingleQuery object { sql, params }"),
            object(Some("D1SingleQuery"), &["sql", "params"], 0)
        );
        assert_eq!(
            ty("TriggerListResponse { a, 2 more }"),
            object(Some("TriggerListResponse"), &["a"], 2)
        );
    }

    #[test]
    fn named_types() {
        let span = type_span("TriggerDeleteResponse = unknown").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (span.name, span.alias, span.type_text),
            (Some("TriggerDeleteResponse"), true, "unknown")
        );
        let span = type_span(
            "EnvironmentVariableListResponse = map[object { created_on, is_secret, value } ]",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            span.ty,
            Ty::Map(Box::new(object(
                None,
                &["created_on", "is_secret", "value"],
                0
            )))
        );
        let span =
            type_span("D1 object { created_at, 7 more }").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((span.name, span.alias), (Some("D1"), false));
        let span = type_span("ResponseInfo").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(span.name, None);
    }

    #[test]
    fn mistakes_say_where_and_what() {
        let e = field("account_id string").err();
        assert_eq!(e.map(|e| e.offset), Some(0));
        let e = field("a: strng")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert_eq!(e.offset, 3);
        assert!(e.message.contains("expected a type"), "{}", e.message);
        let e = field("a: object { b, c")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert!(e.message.contains("expected `,` or `}`"), "{}", e.message);
        let e = field("a: map[string")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert!(e.message.contains("`]`"), "{}", e.message);
        let e = field("a: \"open")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert!(e.message.contains("closing"), "{}", e.message);
        let e = field("a: string string")
            .err()
            .unwrap_or_else(|| panic!("no error"));
        assert_eq!(e.offset, 10);
        let e = field("a: { b, 99999999999999999999999 more }").err();
        assert!(e.is_some_and(|e| e.message.contains("count")));
        assert!(field("a: { b, 18446744073709551615 more }").is_ok());
        let deep = format!("a: {}string", "array of ".repeat(200));
        assert!(field(&deep).is_err());
        for junk in [
            "",
            ":",
            "a:",
            "\"",
            "{",
            "map[",
            "array of",
            "a: 1 more",
            "a: -",
            "é: ü",
        ] {
            let _ = span_type(junk);
        }
    }

    #[test]
    fn expectations() {
        let t = ty("a: optional { b, c, 1 more }");
        assert_eq!(
            expect(&t),
            Expect::Members {
                first: Some("b"),
                count: 3
            }
        );
        assert!(starts(&expect(&t), "b: string"));
        assert!(!starts(&expect(&t), "c: string"));
        let t = ty("a: \"x\" or \"y\"");
        assert!(starts(&expect(&t), "\"x\""));
        assert!(!starts(&expect(&t), "\"y\""));
        let t = ty("a: array of array of number or string");
        assert!(starts(&expect(&t), "number"));
        let t = ty("body: object { sql }  or object { batch }");
        assert!(starts(&expect(&t), "D1SingleQuery object { sql }"));
        assert_eq!(expect(&ty("a: ResponseInfo")), Expect::Nothing);
    }
}
