//! One item of the record, typed: what a line of `api.txt` says after its key. The
//! record builds items, [`fmt::Display`] writes them as `api.txt` holds them, and
//! [`FromStr`] reads them back, so that the classification compares fields, not words.
//!
//! ```text
//! service CLIENT feature=NAME
//! resource API
//! operation METHOD PATH -> RESULT (STATUS) [paged|cursor] [no-token]
//! LOCATION parameter TYPE required|optional [setter=NAME] [secret]
//! body TYPE [variant-of=UNION]
//! struct [new=NAME] | enum | union | tagged-union tag="TAG" [fallback] | alias TYPE,
//!     then SIDE in=MODULE
//! field IDENT TYPE required|optional [nullable] [read-only] [flatten] [unique] [one-of]
//!     [constant=JSON]
//! value IDENT
//! variant [IDENT] TYPE
//! "paragraph" "paragraph" ...            (docs)
//! COUNT sha256:DIGEST                    (examples)
//! ```
//!
//! Rust types are written without spaces (`BTreeMap<String,Item>`); quoted text is JSON
//! and may hold anything.

use std::fmt;
use std::str::FromStr;

use codegen_spec::spec::ParamLocation;

mod read;

/// What one record line says of its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Service {
        client: String,
        feature: String,
    },
    Resource {
        api: String,
    },
    Operation(OperationItem),
    Param(ParamItem),
    Body {
        ty: String,
        /// The tagged union the body is a variant of.
        variant_of: Option<String>,
    },
    Type(TypeItem),
    Field(FieldItem),
    /// An enum's value, by its wire value's key, and its variant.
    Value {
        ident: String,
    },
    /// A union's variant: a tagged union's has its identifier (the key has its tag value),
    /// an untagged union's only its type (the key has its identifier).
    Variant {
        ident: Option<String>,
        ty: String,
    },
    /// An item's documentation, by paragraph.
    Docs(Vec<String>),
    /// How many examples an operation has, and a digest of them.
    Examples {
        count: usize,
        digest: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationItem {
    pub method: String,
    pub path: String,
    pub result: String,
    pub status: u16,
    pub paging: Option<Paging>,
    /// Sent without the token.
    pub no_token: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    Page,
    Cursor,
}

impl Paging {
    fn as_str(self) -> &'static str {
        match self {
            Paging::Page => "paged",
            Paging::Cursor => "cursor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamItem {
    pub location: ParamLocation,
    pub ty: String,
    pub required: bool,
    /// The builder's setter of an optional parameter.
    pub setter: Option<String>,
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeItem {
    pub kind: TypeItemKind,
    pub side: TypeSide,
    /// The module it is generated in.
    pub module: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeItemKind {
    /// `new`'s required fields as a struct of that name, when it takes them so.
    Struct {
        new: Option<String>,
    },
    Enum,
    Union,
    Tagged {
        tag: String,
        fallback: bool,
    },
    Alias(String),
}

impl TypeItemKind {
    /// The kind's word: `struct`, `enum`, `union`, `tagged-union`, `alias`.
    pub fn name(&self) -> &'static str {
        match self {
            TypeItemKind::Struct { .. } => "struct",
            TypeItemKind::Enum => "enum",
            TypeItemKind::Union => "union",
            TypeItemKind::Tagged { .. } => "tagged-union",
            TypeItemKind::Alias(_) => "alias",
        }
    }
}

/// Which side of the wire a type is on, as users see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeSide {
    Request,
    Response,
    Both,
    Unused,
}

impl TypeSide {
    pub fn new(request: bool, response: bool) -> Self {
        match (request, response) {
            (true, true) => TypeSide::Both,
            (true, false) => TypeSide::Request,
            (false, true) => TypeSide::Response,
            (false, false) => TypeSide::Unused,
        }
    }

    pub fn in_requests(self) -> bool {
        matches!(self, TypeSide::Request | TypeSide::Both)
    }

    pub fn in_responses(self) -> bool {
        matches!(self, TypeSide::Response | TypeSide::Both)
    }

    const ALL: [(TypeSide, &'static str); 4] = [
        (TypeSide::Request, "request"),
        (TypeSide::Response, "response"),
        (TypeSide::Both, "request+response"),
        (TypeSide::Unused, "unused"),
    ];

    fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(side, _)| *side == self)
            .map_or("", |(_, name)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldItem {
    pub ident: String,
    /// The type users see: `Option<T>` for a field that may be missing.
    pub ty: String,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub flatten: bool,
    pub unique: bool,
    pub one_of: bool,
    /// The constant's JSON.
    pub constant: Option<String>,
}

impl FieldItem {
    fn flags(&self) -> [(&'static str, bool); 5] {
        [
            ("nullable", self.nullable),
            ("read-only", self.read_only),
            ("flatten", self.flatten),
            ("unique", self.unique),
            ("one-of", self.one_of),
        ]
    }
}

impl Item {
    /// The item's kind, its first word as written: `field`, `struct`, `operation`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Service { .. } => "service",
            Item::Resource { .. } => "resource",
            Item::Operation(_) => "operation",
            Item::Param(param) => param.location.as_str(),
            Item::Body { .. } => "body",
            Item::Type(def) => def.kind.name(),
            Item::Field(_) => "field",
            Item::Value { .. } => "value",
            Item::Variant { .. } => "variant",
            Item::Docs(_) => "docs",
            Item::Examples { .. } => "examples",
        }
    }
}

/// A scan of a record line that tells its quoted parts (JSON strings, escapes and all)
/// from the rest, one character at a time.
#[derive(Debug, Default)]
pub(super) struct Quotes {
    in_quotes: bool,
    escaped: bool,
}

impl Quotes {
    /// Whether `c`, the next character, stands outside quotes (a quote mark itself does
    /// not).
    pub(super) fn outside(&mut self, c: char) -> bool {
        let outside = !self.in_quotes && c != '"';
        match c {
            _ if self.escaped => self.escaped = false,
            '\\' if self.in_quotes => self.escaped = true,
            '"' => self.in_quotes = !self.in_quotes,
            _ => {}
        }
        outside
    }

    /// Whether every quoted part scanned so far is closed.
    pub(super) fn closed(&self) -> bool {
        !self.in_quotes
    }
}

/// Text in double quotes with JSON escapes: one word whatever it holds.
pub fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn required_word(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Service { client, feature } => write!(f, "service {client} feature={feature}"),
            Item::Resource { api } => write!(f, "resource {api}"),
            Item::Operation(op) => op.fmt(f),
            Item::Param(param) => param.fmt(f),
            Item::Body { ty, variant_of } => {
                write!(f, "body {ty}")?;
                match variant_of {
                    Some(union) => write!(f, " variant-of={union}"),
                    None => Ok(()),
                }
            }
            Item::Type(def) => def.fmt(f),
            Item::Field(field) => field.fmt(f),
            Item::Value { ident } => write!(f, "value {ident}"),
            Item::Variant { ident, ty } => match ident {
                Some(ident) => write!(f, "variant {ident} {ty}"),
                None => write!(f, "variant {ty}"),
            },
            Item::Docs(paragraphs) => {
                let quoted: Vec<String> = paragraphs.iter().map(|p| quoted(p)).collect();
                f.write_str(&quoted.join(" "))
            }
            Item::Examples { count, digest } => write!(f, "{count} sha256:{digest}"),
        }
    }
}

impl fmt::Display for OperationItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "operation {} {} -> {} ({})",
            self.method, self.path, self.result, self.status
        )?;
        if let Some(paging) = self.paging {
            write!(f, " {}", paging.as_str())?;
        }
        if self.no_token {
            f.write_str(" no-token")?;
        }
        Ok(())
    }
}

impl fmt::Display for ParamItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (location, ty) = (self.location.as_str(), &self.ty);
        write!(
            f,
            "{location} parameter {ty} {}",
            required_word(self.required)
        )?;
        if let Some(setter) = &self.setter {
            write!(f, " setter={setter}")?;
        }
        if self.secret {
            f.write_str(" secret")?;
        }
        Ok(())
    }
}

impl fmt::Display for TypeItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TypeItemKind::Struct { new: Some(new) } => write!(f, "struct new={new}")?,
            TypeItemKind::Tagged { tag, fallback } => {
                write!(f, "tagged-union tag={}", quoted(tag))?;
                if *fallback {
                    f.write_str(" fallback")?;
                }
            }
            TypeItemKind::Alias(target) => write!(f, "alias {target}")?,
            other => f.write_str(other.name())?,
        }
        write!(f, " {} in={}", self.side.as_str(), self.module)
    }
}

impl fmt::Display for FieldItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (ident, ty) = (&self.ident, &self.ty);
        write!(f, "field {ident} {ty} {}", required_word(self.required))?;
        for (flag, set) in self.flags() {
            if set {
                write!(f, " {flag}")?;
            }
        }
        match &self.constant {
            Some(constant) => write!(f, " constant={constant}"),
            None => Ok(()),
        }
    }
}

impl FromStr for Item {
    type Err = String;

    /// Reads an item as [`fmt::Display`] writes it; what was expected, when it is not one.
    fn from_str(text: &str) -> Result<Self, String> {
        read::item(text)
    }
}

#[cfg(test)]
mod tests;
