//! The spec as written: the typed content of `spec/**.json`, each part with its location.
//!
//! Nothing here is resolved or checked across files yet; `validate` does that, and
//! `model` turns a valid spec into what the emitters print.

pub mod resolve;
pub mod shape;
pub mod template;

use crate::diagnostics::Loc;
use crate::json::Node;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The whole spec: its services in name order.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub services: Vec<ServiceSpec>,
}

impl Spec {
    pub fn operation_count(&self) -> usize {
        self.services.iter().map(ServiceSpec::operation_count).sum()
    }

    pub fn type_count(&self) -> usize {
        self.services
            .iter()
            .flat_map(|s| &s.files)
            .map(|f| f.types.len())
            .sum()
    }
}

/// One service: a folder of spec files.
#[derive(Debug, Clone)]
pub struct ServiceSpec {
    pub name: String,
    pub files: Vec<SpecFile>,
}

impl ServiceSpec {
    pub fn operation_count(&self) -> usize {
        self.files.iter().map(|f| f.operations.len()).sum()
    }

    /// The service definition; validation ensures exactly one file has it.
    pub fn definition(&self) -> Option<&Definition> {
        self.files.iter().find_map(|f| f.definition.as_ref())
    }

    pub fn types(&self) -> impl Iterator<Item = (&SpecFile, &TypeDef)> {
        self.files
            .iter()
            .flat_map(|file| file.types.iter().map(move |t| (file, t)))
    }

    pub fn operations(&self) -> impl Iterator<Item = (&SpecFile, &Operation)> {
        self.files
            .iter()
            .flat_map(|file| file.operations.iter().map(move |op| (file, op)))
    }

    /// The envelope an operation's successful response comes in: its own, its file's, or
    /// the service's; `None` when the body is the result itself.
    pub fn envelope_of<'s>(
        &'s self,
        file: &'s SpecFile,
        op: &'s Operation,
    ) -> Option<&'s Envelope> {
        match op.envelope.as_ref().or(file.envelope.as_ref()) {
            Some(EnvelopeChoice::Wrapped(envelope)) => Some(envelope),
            Some(EnvelopeChoice::None(_)) => None,
            None => self.definition().and_then(|d| d.envelope.as_ref()),
        }
    }

    /// Every envelope the service's operations may come in: the service's, then each
    /// file's and operation's, in file order.
    pub fn envelopes(&self) -> impl Iterator<Item = &Envelope> {
        let service = self.definition().and_then(|d| d.envelope.as_ref());
        let others = self.files.iter().flat_map(|file| {
            std::iter::once(&file.envelope)
                .chain(file.operations.iter().map(|op| &op.envelope))
                .filter_map(|choice| match choice {
                    Some(EnvelopeChoice::Wrapped(envelope)) => Some(envelope),
                    _ => None,
                })
        });
        service.into_iter().chain(others)
    }
}

/// One spec file.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The path as diagnostics print it.
    pub path: String,
    pub service: Spanned<String>,
    pub source: Source,
    pub definition: Option<Definition>,
    pub resource: Option<Spanned<String>>,
    pub description: Option<String>,
    /// The envelope of this file's operations, instead of the service's.
    pub envelope: Option<EnvelopeChoice>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

/// Where a file's or a type's content comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The page file, relative to `pages/` (`cloudflare/workers-builds.md`).
    pub page: Option<String>,
    pub section: Option<String>,
    pub last_modified: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// The service definition.
#[derive(Debug, Clone)]
pub struct Definition {
    pub title: String,
    pub description: Option<String>,
    pub base_urls: Vec<BaseUrl>,
    pub environment: Environment,
    pub auth: Auth,
    pub headers: Vec<Header>,
    pub envelope: Option<Envelope>,
    pub error: ErrorBody,
    pub rate_limit: Option<RateLimit>,
    pub pagination: Vec<(Spanned<String>, PaginationScheme)>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct BaseUrl {
    pub name: Spanned<String>,
    pub url: Spanned<String>,
    pub description: Option<String>,
    pub default: bool,
}

#[derive(Debug, Clone)]
pub struct Environment {
    pub token: String,
    pub base_url: String,
}

/// How requests authenticate: the schemes the service accepts, the first the one a
/// client built with a token uses.
#[derive(Debug, Clone)]
pub struct Auth {
    pub schemes: Vec<AuthScheme>,
}

impl Auth {
    /// The description of the token scheme, the one most calls use.
    pub fn description(&self) -> Option<&str> {
        self.schemes.first().and_then(|s| s.description.as_deref())
    }

    /// The API key scheme, when the service accepts one.
    pub fn api_key(&self) -> Option<&ApiKeyAuth> {
        self.schemes.iter().find_map(|s| match &s.kind {
            AuthKind::ApiKey(key) => Some(key),
            AuthKind::Bearer => None,
        })
    }
}

/// One way to authenticate.
#[derive(Debug, Clone)]
pub struct AuthScheme {
    pub kind: AuthKind,
    /// The pages' name for the scheme ("API Token"), which `docs check` compares.
    pub name: Option<String>,
    pub description: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// An account's email and API key, each in a header of its own.
    ApiKey(ApiKeyAuth),
}

/// The email-and-key scheme: its headers and the environment variables `from_env` reads.
#[derive(Debug, Clone)]
pub struct ApiKeyAuth {
    pub email_header: Spanned<String>,
    pub key_header: Spanned<String>,
    pub email_env: String,
    pub key_env: String,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub name: Spanned<String>,
    pub value: String,
    pub description: Option<String>,
}

/// A file's or an operation's envelope: its own, or none (the body is the result).
// A spec has a handful of these: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum EnvelopeChoice {
    None(Loc),
    Wrapped(Envelope),
}

#[derive(Debug, Clone)]
pub struct Envelope {
    pub ty: Spanned<String>,
    pub result: Spanned<String>,
    pub success: Option<Spanned<String>>,
    pub errors: Option<Spanned<String>>,
    pub messages: Option<Spanned<String>>,
    pub result_info: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct ErrorBody {
    pub ty: Spanned<String>,
    pub errors: Spanned<String>,
    pub code: Option<Spanned<String>>,
    pub message: Spanned<String>,
    /// The error codes the pages document, by name.
    pub codes: Vec<ErrorCode>,
}

/// A documented API error code (Cloudflare's `12049`, "already exists").
#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: Spanned<i64>,
    /// UpperCamelCase: the variant that names the code (`AlreadyExists`).
    pub name: Spanned<String>,
    /// The message the pages show with it.
    pub message: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum RateLimit {
    /// One header per figure; the reset is a Unix time in seconds.
    Separate {
        limit_header: String,
        remaining_header: String,
        reset_header: String,
        description: Option<String>,
    },
    /// The IETF `RateLimit` header and its policy header.
    Structured {
        header: String,
        policy_header: Option<String>,
        description: Option<String>,
    },
}

// A service declares a handful of schemes; their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum PaginationScheme {
    /// Numbered pages from 1. With `info`, the envelope's paging information says where
    /// the pages end; without it (or when it does not say), a page with fewer items than
    /// were asked for, or none, is the last.
    Page {
        page_param: Spanned<String>,
        per_page_param: Spanned<String>,
        info: Option<Spanned<String>>,
        page_field: Option<Spanned<String>>,
        per_page_field: Option<Spanned<String>>,
        total_pages_field: Option<Spanned<String>>,
        description: Option<String>,
    },
    /// Each page gives the cursor of the next, in the result or in the envelope's paging
    /// information.
    Cursor {
        cursor_param: Spanned<String>,
        cursor_field: Spanned<String>,
        cursor_in: CursorIn,
        description: Option<String>,
    },
}

/// Where a cursor-paginated response gives the next cursor.
#[derive(Debug, Clone)]
pub enum CursorIn {
    /// A field of the result (`{ cursor, lines }`).
    Result,
    /// A field of the envelope's `result_info` role, which this names (`result_info.cursor`).
    Info(Spanned<String>),
}

/// What about a spec item may deliberately differ from its documentation page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiffKind {
    /// The item is in the spec but not on the page.
    Absent,
    /// The kind of type (string, integer, number, boolean, array, map, object, enum, union).
    Type,
    Required,
    ReadOnly,
    Nullable,
    UniqueItems,
    /// An enum's values.
    Values,
    Description,
    /// An operation's title.
    Summary,
    /// A path parameter's name.
    Name,
    /// A response's status.
    Status,
    Scopes,
    /// An example's request: its path values, query or body.
    Request,
    /// An example's response: its status, headers or body.
    Response,
    /// An operation's accepted permissions.
    Permissions,
    /// Whether an operation, field or parameter is deprecated, and its notice.
    Deprecated,
    /// A field's or parameter's format (`uuid`, `date-time`).
    Format,
    /// A field's or parameter's bounds (`max_length`, `minimum`).
    Bounds,
    /// The authentication schemes an operation accepts.
    Auth,
}

impl DiffKind {
    pub const ALL: [(&'static str, DiffKind); 19] = [
        ("absent", DiffKind::Absent),
        ("type", DiffKind::Type),
        ("required", DiffKind::Required),
        ("read_only", DiffKind::ReadOnly),
        ("nullable", DiffKind::Nullable),
        ("unique_items", DiffKind::UniqueItems),
        ("values", DiffKind::Values),
        ("description", DiffKind::Description),
        ("summary", DiffKind::Summary),
        ("name", DiffKind::Name),
        ("status", DiffKind::Status),
        ("scopes", DiffKind::Scopes),
        ("request", DiffKind::Request),
        ("response", DiffKind::Response),
        ("permissions", DiffKind::Permissions),
        ("deprecated", DiffKind::Deprecated),
        ("format", DiffKind::Format),
        ("bounds", DiffKind::Bounds),
        ("auth", DiffKind::Auth),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("", |(name, _)| name)
    }
}

/// A deliberate difference from the page (`"page_differs": {"type": "reason"}`): the
/// docs check lists it apart instead of failing.
#[derive(Debug, Clone)]
pub struct Allowance {
    pub kind: DiffKind,
    pub reason: String,
    pub loc: Loc,
}

/// The allowances of one item.
#[derive(Debug, Clone, Default)]
pub struct PageDiffers(pub Vec<Allowance>);

impl PageDiffers {
    pub fn get(&self, kind: DiffKind) -> Option<&Allowance> {
        self.0.iter().find(|allowance| allowance.kind == kind)
    }
}

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
    /// Raw bytes: a request body sent as they are (`application/octet-stream`).
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Whether requests of this method are idempotent by HTTP's definition: all but
    /// `POST` and `PATCH`.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    pub const ALL: [(&'static str, Method); 5] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: Spanned<String>,
    pub summary: String,
    pub description: Option<String>,
    pub method: Method,
    pub path: Spanned<String>,
    pub scopes: Vec<String>,
    /// The token permissions that allow the call, any one of them (Cloudflare's
    /// "Accepted Permissions").
    pub permissions: Vec<String>,
    pub deprecated: Option<Deprecated>,
    pub headers: Vec<Header>,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    pub header_params: Vec<Param>,
    pub body: Option<Body>,
    pub response: ResponseDef,
    pub pagination: Option<PaginationRef>,
    /// The envelope of the operation's response, instead of its file's or the service's.
    pub envelope: Option<EnvelopeChoice>,
    pub examples: Vec<Example>,
    /// Whether the operation sends the service's credentials; `false` for `"auth": "none"`.
    pub authenticated: bool,
    /// Whether sending it twice has the effect of sending it once, when the spec says so
    /// (`"idempotent"`); else its method's default ([`Method::is_idempotent`]).
    pub idempotent: Option<(bool, Loc)>,
    pub page_differs: PageDiffers,
    /// What a maintainer should know; never shown to users.
    pub note: Option<String>,
    pub loc: Loc,
}

/// Where a parameter goes in a request: the one vocabulary of the spec, the pages' model
/// and the generator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

impl ParamLocation {
    pub const ALL: [ParamLocation; 3] = [
        ParamLocation::Path,
        ParamLocation::Query,
        ParamLocation::Header,
    ];

    /// `path`, `query` or `header`, as messages and the API record write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }

    /// The key of an operation's parameters of this location in a spec file.
    pub fn key(self) -> &'static str {
        match self {
            ParamLocation::Path => "path_params",
            ParamLocation::Query => "query_params",
            ParamLocation::Header => "header_params",
        }
    }
}

impl Operation {
    /// The operation's parameters of one location.
    pub fn params(&self, location: ParamLocation) -> &[Param] {
        match location {
            ParamLocation::Path => &self.path_params,
            ParamLocation::Query => &self.query_params,
            ParamLocation::Header => &self.header_params,
        }
    }

    /// Every parameter, with its location: path, then query, then header.
    pub fn all_params(&self) -> impl Iterator<Item = (ParamLocation, &Param)> {
        ParamLocation::ALL
            .into_iter()
            .flat_map(move |location| self.params(location).iter().map(move |p| (location, p)))
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Spanned<String>,
    pub ty: TypeExpr,
    pub required: bool,
    pub description: Option<String>,
    pub example: Option<Node>,
    /// The value is a secret (a deploy hook's UUID): no error or trace shows it.
    pub secret: bool,
    /// How an array query parameter is written; `None` for the default, `repeat`.
    pub style: Option<Spanned<QueryStyle>>,
    pub format: Option<Spanned<StringFormat>>,
    pub bounds: Vec<Bound>,
    pub deprecated: Option<Deprecated>,
    pub page_differs: PageDiffers,
    pub loc: Loc,
}

/// How an array query parameter's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryStyle {
    /// `fields=a&fields=b`.
    #[default]
    Repeat,
    /// `fields=a,b`, as a page says "comma-separated".
    Comma,
}

impl QueryStyle {
    pub const ALL: [(&'static str, QueryStyle); 2] =
        [("repeat", QueryStyle::Repeat), ("comma", QueryStyle::Comma)];
}

#[derive(Debug, Clone)]
pub struct Body {
    pub ty: TypeExpr,
    pub variant: Option<Spanned<String>>,
    pub description: Option<String>,
    /// How the body is encoded: JSON unless the page says otherwise.
    pub content_type: BodyEncoding,
    /// Whether every request sends the body; an optional one is set by name.
    pub required: bool,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, Default)]
pub enum BodyEncoding {
    /// `application/json`.
    #[default]
    Json,
    /// `multipart/form-data`: an object type's fields as parts.
    Multipart(Loc),
    /// Another content type (`application/octet-stream`, `text/plain`): a string or bytes
    /// sent as they are.
    Raw(Spanned<String>),
}

impl BodyEncoding {
    pub const JSON: &'static str = "application/json";
    pub const MULTIPART: &'static str = "multipart/form-data";

    /// The content type a request with the body sends (a multipart body adds its boundary).
    pub fn content_type(&self) -> &str {
        match self {
            BodyEncoding::Json => Self::JSON,
            BodyEncoding::Multipart(_) => Self::MULTIPART,
            BodyEncoding::Raw(content_type) => content_type,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ResponseDef {
    pub status: Spanned<u16>,
    /// The result's type; `None` when the response has no body (`204 No Content`).
    pub ty: Option<TypeExpr>,
    pub variant: Option<Spanned<String>>,
    pub description: Option<String>,
    /// The page's name for the result (a "Domain Types" entry), or for each element when
    /// the result is an array.
    pub page_name: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct PaginationRef {
    pub scheme: Spanned<String>,
    pub items: Option<Spanned<String>>,
}

/// A page's example: what it sends and what it answers. JSON values keep their
/// positions so that a mismatch with the declared type is reported where it was written.
#[derive(Debug, Clone)]
pub struct Example {
    pub name: Option<String>,
    pub note: Option<String>,
    pub request: ExampleRequest,
    pub response: ExampleResponse,
    pub page_differs: PageDiffers,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default)]
pub struct ExampleRequest {
    pub path: Vec<(Spanned<String>, Node)>,
    pub query: Vec<(Spanned<String>, Node)>,
    pub headers: Vec<(Spanned<String>, String)>,
    pub body: Option<Node>,
}

#[derive(Debug, Clone)]
pub struct ExampleResponse {
    pub status: Spanned<u16>,
    pub headers: Vec<(Spanned<String>, String)>,
    pub body: Option<Node>,
}
