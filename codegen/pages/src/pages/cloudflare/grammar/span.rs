//! An item's code span: a field, a value, a variant or a named type, and its type.

use codegen_spec::spec::Primitive;
use serde_json::Value;

/// How deep types and items may nest before the page is refused (pages nest six deep; the
/// limit keeps hostile input from exhausting the stack).
pub const MAX_DEPTH: usize = 48;

/// A type as the grammar reads it, before the listed items fill it in.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `string`, `integer`, `number`, `boolean` or `unknown`: the spec's names of JSON
    /// values' types.
    Primitive(Primitive),
    /// Nothing: the page writes the field without a type (`bindings: optional`).
    Unstated,
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
    pub(super) fn unnamed(&self) -> Ty {
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
    let (name, name_end) = field_name(code);
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
    // `bindings: optional`: the page gives no type.
    if type_text.is_empty() || type_text == "optional" {
        return Ok(FieldSpan {
            name,
            optional: !type_text.is_empty(),
            type_text,
            ty: Ty::Unstated,
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
    let (name, name_end) = field_name(code);
    !name.is_empty()
        && code
            .get(name_end..)
            .is_some_and(|rest| rest.starts_with(':'))
}

/// A field's name at the start of a code span, and where it ends: a bare name, or a
/// quoted one (`"workers/message": optional string`), given without its quotes.
fn field_name(code: &str) -> (&str, usize) {
    if let Some(quoted) = code.strip_prefix('"')
        && let Some(end) = quoted.find('"')
        && let Some(name) = quoted.get(..end)
        && !name.is_empty()
        && !name.contains('\\')
    {
        return (name, end + 2);
    }
    let name_end = code.find(|c: char| !is_name_char(c)).unwrap_or(code.len());
    (code.get(..name_end).unwrap_or_default(), name_end)
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
        let primitive = word.parse::<Primitive>().ok().filter(|p| p.is_json());
        let simple = match word {
            _ if primitive.is_some() => primitive.map(Ty::Primitive),
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
            let (name, len) = field_name(rest);
            if name.is_empty() {
                return self.error(format!("expected a member name, found {}", self.found()));
            }
            announced.push(name.to_owned());
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
