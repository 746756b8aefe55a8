//! Named types and type expressions: objects and their fields, enums, unions, aliases,
//! and the primitive types, with the formats and bounds pages document for values.

use super::{PageDiffers, Source, Spanned};
use crate::diagnostics::Loc;

/// A named type definition.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: Spanned<String>,
    pub description: Option<String>,
    pub source: Option<Source>,
    /// The page's name for the type (a Cloudflare "Models" entry), when it differs from
    /// `name` or to claim the entry: `docs check` compares the two.
    pub page_name: Option<Spanned<String>>,
    pub kind: TypeKind,
    pub page_differs: PageDiffers,
    /// What a maintainer should know; never shown to users.
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Object(ObjectDef),
    Enum(EnumDef),
    Union(UnionDef),
    TaggedUnion(TaggedUnionDef),
    Alias(TypeExpr),
}

impl TypeKind {
    pub fn name(&self) -> &'static str {
        match self {
            TypeKind::Object(_) => "object",
            TypeKind::Enum(_) => "enum",
            TypeKind::Union(_) => "union",
            TypeKind::TaggedUnion(_) => "tagged_union",
            TypeKind::Alias(_) => "alias",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ObjectDef {
    pub fields: Vec<FieldDef>,
    pub require_one_of: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    /// The JSON name; for a flattened field, the Rust field's name.
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub flatten: bool,
    pub unique_items: bool,
    pub constant: Option<Spanned<serde_json::Value>>,
    /// The format of a string field; the typed ones the client reads into a typed value.
    pub format: Option<Spanned<StringFormat>>,
    /// Limits on its values, as the page documents them (the server checks them).
    pub bounds: Vec<Bound>,
    pub deprecated: Option<Deprecated>,
    pub description: Option<String>,
    pub page_differs: PageDiffers,
}

/// A documented limit on a value.
#[derive(Debug, Clone)]
pub struct Bound {
    pub kind: BoundKind,
    pub value: serde_json::Number,
    pub loc: Loc,
}

/// The kinds of limit pages document, and the key each is written with in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BoundKind {
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    MinItems,
    MaxItems,
}

impl BoundKind {
    pub const ALL: [(&'static str, BoundKind); 6] = [
        ("min_length", BoundKind::MinLength),
        ("max_length", BoundKind::MaxLength),
        ("minimum", BoundKind::Minimum),
        ("maximum", BoundKind::Maximum),
        ("min_items", BoundKind::MinItems),
        ("max_items", BoundKind::MaxItems),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("", |(name, _)| name)
    }

    /// What a value must be for the bound to apply to it.
    pub fn applies_to(self) -> &'static str {
        match self {
            BoundKind::MinLength | BoundKind::MaxLength => "a string",
            BoundKind::Minimum | BoundKind::Maximum => "a number",
            BoundKind::MinItems | BoundKind::MaxItems => "an array",
        }
    }
}

/// A deprecation: the item still works, the pages say not to use it.
#[derive(Debug, Clone)]
pub struct Deprecated {
    /// What the page says instead (`Please use kv.namespaces.bulk_update instead`).
    pub note: Option<String>,
    pub loc: Loc,
}

/// A format a string field is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StringFormat {
    /// RFC 3339 (`2019-12-27T18:11:19.117Z`), as OpenAPI's `date-time`.
    DateTime,
    Uuid,
    /// An absolute URL, as OpenAPI's `uri`.
    Uri,
    /// An email address: documented, kept as a string.
    Email,
}

impl StringFormat {
    pub const ALL: [(&'static str, StringFormat); 4] = [
        ("date-time", StringFormat::DateTime),
        ("uuid", StringFormat::Uuid),
        ("uri", StringFormat::Uri),
        ("email", StringFormat::Email),
    ];

    /// Whether the client reads the format into a typed value ([`Self::rust_name`]);
    /// the others only document the string.
    pub fn is_typed(self) -> bool {
        !matches!(self, StringFormat::Email)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, format)| *format == self)
            .map_or("", |(name, _)| name)
    }

    /// The runtime's type that reads a typed format: `generated_client::Timestamp`
    /// (`String` for one that is not typed).
    pub fn rust_name(self) -> &'static str {
        match self {
            StringFormat::DateTime => "Timestamp",
            StringFormat::Uuid => "Uuid",
            StringFormat::Uri => "Url",
            StringFormat::Email => "String",
        }
    }
}

impl FieldDef {
    /// Whether a value of the field may be missing: absent (not required) or `null`
    /// (nullable). Such a field is an `Option` in Rust.
    pub fn may_be_missing(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub value: Spanned<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TaggedUnionDef {
    pub tag: Spanned<String>,
    pub fallback: bool,
    pub variants: Vec<TaggedVariant>,
}

#[derive(Debug, Clone)]
pub struct TaggedVariant {
    pub value: Spanned<String>,
    pub ty: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub description: Option<String>,
}

impl TaggedVariant {
    /// The variant's Rust identifier: its `name`, or one made from its tag value.
    pub fn ident(&self) -> String {
        match &self.name {
            Some(name) => crate::naming::type_ident(name),
            None => crate::naming::variant_ident(&self.value),
        }
    }
}

/// A type expression: `"string"`, `"Build"`, `{"array": ...}`, `{"map": ...}`.
#[derive(Debug, Clone)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExprKind {
    Primitive(Primitive),
    Named(String),
    Array(Box<TypeExpr>),
    Map(Box<TypeExpr>),
}

impl PartialEq for TypeExpr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Eq for TypeExpr {}

/// A primitive type of the spec, by the name a spec file writes it with (`"string"`): the
/// one table of those names, which the loader, the checks, the docs check and draft, and
/// the generator read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    String,
    Integer,
    Number,
    Boolean,
    Unknown,
    /// Raw bytes: a request body sent as they are (`application/octet-stream`), a
    /// response's whole body, or a part of a `multipart/form-data` body.
    Bytes,
    /// A file: a part of a `multipart/form-data` body, with its file name and content type.
    File,
}

impl Primitive {
    pub const ALL: [Primitive; 7] = [
        Primitive::String,
        Primitive::Integer,
        Primitive::Number,
        Primitive::Boolean,
        Primitive::Unknown,
        Primitive::Bytes,
        Primitive::File,
    ];

    /// The name a spec file writes the type with.
    pub fn as_str(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Integer => "integer",
            Primitive::Number => "number",
            Primitive::Boolean => "boolean",
            Primitive::Unknown => "unknown",
            Primitive::Bytes => "bytes",
            Primitive::File => "file",
        }
    }

    /// Whether the type is a JSON value's (every one but a raw body's bytes and a
    /// multipart body's file), the kind a field or parameter may have.
    pub fn is_json(self) -> bool {
        !matches!(self, Primitive::Bytes | Primitive::File)
    }

    /// The primitive type of a JSON value that is not an object, array or null: what a
    /// page's literal (`true`, `1`, `"a"`) is a value of.
    pub fn of_literal(value: &serde_json::Value) -> Option<Primitive> {
        match value {
            serde_json::Value::Bool(_) => Some(Primitive::Boolean),
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => Some(Primitive::Integer),
            serde_json::Value::Number(_) => Some(Primitive::Number),
            serde_json::Value::String(_) => Some(Primitive::String),
            _ => None,
        }
    }
}

impl std::fmt::Display for Primitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of [`Primitive::ALL`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPrimitive;

impl std::str::FromStr for Primitive {
    type Err = NotPrimitive;

    fn from_str(name: &str) -> Result<Self, NotPrimitive> {
        Primitive::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or(NotPrimitive)
    }
}
