//! An item's code span: a field, a value, a variant or a named type, and its type.

use codegen_spec::spec::Primitive;
use serde_json::Value;

mod parser;

use parser::Parser;

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
