//! The resolved model: what the emitters print, with every name already a Rust
//! identifier and every type already a Rust type. It knows nothing of tokens or files.

mod build;
mod graph;

pub use build::build;

use codegen_spec::spec::{Method, Source};

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    pub services: Vec<Service>,
}

#[derive(Debug, Clone)]
pub struct Service {
    /// The spec's name and the module's: `cloudflare`.
    pub name: String,
    /// The marker type implementing the runtime's `Service`: `Cloudflare`.
    pub type_name: String,
    /// `CloudflareClient`.
    pub client_name: String,
    pub title: String,
    pub description: Option<String>,
    pub base_urls: Vec<BaseUrl>,
    pub token_env: String,
    pub base_url_env: String,
    pub auth_description: Option<String>,
    pub headers: Vec<(String, String)>,
    /// Every envelope the service's responses come in, the service's own first.
    pub envelopes: Vec<Envelope>,
    pub error: ErrorBody,
    /// The types of error objects, in an error body or an envelope, that become error
    /// details: the error body's item type first.
    pub error_items: Vec<ErrorItem>,
    pub rate_limit: RateLimit,
    /// The API key scheme, when the service accepts one besides its token.
    pub api_key: Option<ApiKey>,
    /// The error codes the pages document, by name.
    pub error_codes: Vec<ErrorCode>,
    /// Resource modules in name order, then the `types` module if any.
    pub modules: Vec<Module>,
}

/// An account's email and API key, in headers of their own.
#[derive(Debug, Clone)]
pub struct ApiKey {
    pub email_header: String,
    pub key_header: String,
    pub email_env: String,
    pub key_env: String,
    pub description: Option<String>,
}

/// A documented API error code.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: i64,
    /// The variant that names it: `AlreadyExists`.
    pub ident: String,
    pub message: Option<String>,
    pub docs: Docs,
}

impl Service {
    /// The cargo features of the service's resources, each with the features it enables.
    pub fn resource_features(&self) -> Vec<(String, Vec<String>)> {
        self.modules
            .iter()
            .filter_map(|m| Some((m.feature.clone()?, m.needs.clone())))
            .collect()
    }

    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.modules.iter().flat_map(|m| &m.operations)
    }

    pub fn types(&self) -> impl Iterator<Item = &TypeDef> {
        self.modules.iter().flat_map(|m| &m.types)
    }
}

#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// `BASE_URL_EU`.
    pub const_name: String,
    pub url: String,
    /// The `{variables}` of a URL template; a template becomes a function.
    pub variables: Vec<String>,
    pub description: Option<String>,
    pub default: bool,
}

/// How a successful body is wrapped.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub type_name: String,
    /// The type of what a response carries besides its result (`ResponseMeta`); it
    /// implements the runtime's `Envelope`, which unwraps responses.
    pub meta_name: String,
    /// The Rust field of the result; the envelope struct is generic in its type.
    pub result_field: String,
    pub success_field: Option<String>,
    /// The field with the error list, when its items are error items, and whether it is
    /// an `Option`.
    pub errors_field: Option<(String, bool)>,
    /// Every field of the envelope, to rebuild it without its result.
    pub fields: Vec<String>,
    /// The JSON names of its result, success, errors and messages, for mocks that write it.
    pub wire: EnvelopeWire,
    /// The cargo feature that builds its types, when a resource's feature does: the
    /// service's code for it is built with them.
    pub feature: Option<String>,
}

/// The JSON names of an envelope's members.
#[derive(Debug, Clone)]
pub struct EnvelopeWire {
    pub result: String,
    pub success: Option<String>,
    pub errors: Option<String>,
    pub messages: Option<String>,
}

/// The body of an error response.
#[derive(Debug, Clone)]
pub struct ErrorBody {
    pub type_name: String,
    /// The JSON name of its list of error items.
    pub errors_json: String,
    pub item_type: String,
    /// The JSON names of an error item's code (if any) and message.
    pub code_json: Option<String>,
    pub message_json: String,
}

/// A type of error object, whose code and message make an error detail.
#[derive(Debug, Clone)]
pub struct ErrorItem {
    pub type_name: String,
    /// The code field, its kind, and whether it is an `Option`.
    pub code_field: Option<(String, NumberKind, bool)>,
    /// The message field, and whether it is an `Option`.
    pub message_field: (String, bool),
    /// The cargo feature that builds its type, when a resource's feature does.
    pub feature: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Integer,
    Float,
}

#[derive(Debug, Clone)]
pub enum RateLimit {
    None,
    Separate {
        limit: String,
        remaining: String,
        reset: String,
    },
    Structured {
        header: String,
        policy: Option<String>,
    },
}

/// A generated module: a resource (types and operations) or the service's `types`.
#[derive(Debug, Clone)]
pub struct Module {
    pub name: String,
    pub description: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// `TriggersApi`, when the module has operations.
    pub api_name: Option<String>,
    /// The cargo feature that builds the module (`cloudflare-builds`); `None` for one
    /// built whenever its service is (see `build::features`).
    pub feature: Option<String>,
    /// The features of the other modules whose types this one names.
    pub needs: Vec<String>,
}

/// Documentation of a generated item, as paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    pub fn push(&mut self, paragraph: impl Into<String>) {
        let paragraph = paragraph.into();
        if !paragraph.trim().is_empty() {
            self.0.push(paragraph);
        }
    }

    pub fn with(mut self, paragraph: impl Into<String>) -> Self {
        self.push(paragraph);
        self
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub source: Option<Source>,
    pub kind: TypeKind,
    /// Only generated code uses it (a body the client builds by itself): it is not part
    /// of the API, nor re-exported.
    pub internal: bool,
    /// Which side of the wire the type is on.
    pub side: Side,
}

/// Which side of the wire a type is on: what requests send and responses carry of it.
///
/// `request` and `response` are what users see (the API record): what an operation's
/// method takes and returns, a tagged union's one variant where the operation names
/// it. `in_body` and `received` follow the spec's types as written, every variant
/// included: a type users may build (setters, no read-only fields) and a type the
/// client decodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Side {
    /// Sent: reached from an operation's parameters or the body it sends.
    pub request: bool,
    /// Returned: reached from the result an operation returns, or an envelope or an
    /// envelope's meta type, which every successful response is read as.
    pub response: bool,
    /// Reached from a request body's type.
    pub in_body: bool,
    /// Reached from a response's type, the error body or an envelope.
    pub received: bool,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    Tagged(Tagged),
    Alias(RustType),
}

#[derive(Debug, Clone)]
pub struct Struct {
    /// Fields in spec order; read-only fields of request types are already gone.
    pub fields: Vec<Field>,
    /// The field whose type is the generic parameter `T` (an envelope's result).
    pub generic_field: Option<String>,
    /// Indices into `fields` of which at least one must be set.
    pub one_of: Vec<usize>,
    /// Reachable from a request body: read-only fields were dropped.
    pub is_request: bool,
    /// Sent as a `multipart/form-data` body: each field is a part.
    pub is_multipart: bool,
    /// The struct of required fields `new` takes by name (`CreateTriggerRequired`), when
    /// positional arguments would be easy to mix up; `None` for positional arguments.
    pub required_struct: Option<String>,
}

impl Struct {
    /// Whether every field is an `Option` the user may leave empty (nothing to construct
    /// it from). A one-of group has no empty value: it does not count.
    pub fn is_all_optional(&self) -> bool {
        self.one_of.is_empty()
            && self
                .fields
                .iter()
                .all(|f| f.is_wrapped() && f.constant.is_none() && !f.flatten)
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub json_name: String,
    /// The identifier as written, possibly raw: `r#type`.
    pub ident: String,
    pub ty: RustType,
    /// `Option<T>`: absent (or null) on the wire is `None`.
    pub optional: bool,
    /// `None` is written as `null` rather than left out.
    pub nullable: bool,
    pub read_only: bool,
    pub flatten: bool,
    pub unique_items: bool,
    /// Always this value on the wire; the field is private and set by the constructor.
    pub constant: Option<serde_json::Value>,
    /// One of the `one_of` group: private, with a getter.
    pub in_one_of: bool,
    pub deprecated: Option<Deprecation>,
    pub docs: Docs,
}

/// A deprecation: `#[deprecated]`, with the page's notice when it gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    pub note: Option<String>,
}

impl Field {
    /// Whether the constructor takes this field.
    pub fn is_constructor_arg(&self) -> bool {
        !self.optional && self.constant.is_none() && !self.in_one_of
    }

    pub fn is_public(&self) -> bool {
        self.constant.is_none() && !self.in_one_of
    }

    /// Whether its Rust type is `Option<T>`: absent, or `null` where the field is nullable.
    pub fn is_wrapped(&self) -> bool {
        self.optional || self.nullable || self.in_one_of
    }
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub value: String,
    pub ident: String,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub ident: String,
    pub ty: RustType,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct Tagged {
    pub tag: String,
    pub variants: Vec<TaggedVariant>,
    pub fallback: bool,
}

#[derive(Debug, Clone)]
pub struct TaggedVariant {
    pub value: String,
    pub ident: String,
    /// The variant's struct; boxed when the variant is part of a type cycle.
    pub ty: RustType,
    pub docs: Docs,
}

/// A Rust type, before `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    I64,
    F64,
    Bool,
    /// Any JSON: `serde_json::Value`.
    Json,
    /// A generated type of the same service.
    Named(String),
    Vec(Box<RustType>),
    Map(Box<RustType>),
    /// A type that is part of a cycle.
    Boxed(Box<RustType>),
    /// The envelope's generic result parameter.
    Generic,
    /// Text in a format the runtime reads into a typed value.
    Formatted(codegen_spec::spec::StringFormat),
    /// Raw bytes, a body sent as they are, a raw answer or a multipart part: `Vec<u8>`.
    Bytes,
    /// A file part of a multipart body: the runtime's `FilePart`.
    File,
    /// No value: the result of a response without a body.
    Unit,
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// The spec's id and the method's name: `list_by_script`.
    pub id: String,
    /// `cloudflare.builds.list_by_script`.
    pub full_id: String,
    /// `ListByScriptBuilder`.
    pub builder_name: String,
    pub method: Method,
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub summary: String,
    pub description: Option<String>,
    pub scopes: Vec<String>,
    /// The token permissions that allow the call, any one of them.
    pub permissions: Vec<String>,
    pub deprecated: Option<Deprecation>,
    pub headers: Vec<(String, String)>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: RustType,
    /// The page's name for the result (or for each element of a list result).
    pub response_page_name: Option<String>,
    /// The tag a variant result leaves out (its union's), when the result is one variant.
    pub response_tag: Option<String>,
    /// The envelope's meta type (`ResponseMeta`), when the response comes in an envelope.
    pub envelope: Option<String>,
    /// The envelope's JSON field holding the result, likewise.
    pub envelope_result: Option<String>,
    /// Whether the request carries the client's token.
    pub authenticated: bool,
    /// Whether the operation may be retried after it may have reached the server, when
    /// that differs from its method's default: `Some(true)` for a `POST` that only reads.
    pub idempotent_override: Option<bool>,
    pub status: u16,
    pub pagination: Option<Pagination>,
    /// The first example's JSON, for the doc example's argument values.
    pub example: Option<OperationExample>,
    /// The documented errors the operation's examples answer with.
    pub errors: Vec<DocumentedError>,
}

/// An error an operation's page documents with an example: its status and the named code
/// and message of its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedError {
    pub status: u16,
    pub code: i64,
    /// The service's name of the code: `NotFound`.
    pub name: String,
    pub message: String,
}

impl Operation {
    /// Whether the answer is the response's raw body, in no envelope: the result is
    /// `Vec<u8>`, as the spec's `"type": "bytes"` says.
    pub fn answers_raw(&self) -> bool {
        self.response == RustType::Bytes
    }

    /// The arguments of the method: path parameters in template order, required query
    /// and header parameters, then the body.
    pub fn required_params(&self) -> impl Iterator<Item = &Param> {
        let path = self.path_parts.iter().filter_map(|part| match part {
            PathPart::Param(i) => Some(&self.params[*i]),
            PathPart::Literal(_) => None,
        });
        let others = self
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path && p.required);
        path.chain(others)
    }

    pub fn optional_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| !p.required)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// An index into `params`.
    Param(usize),
}

pub use codegen_spec::spec::ParamLocation;

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ident: String,
    pub ty: RustType,
    pub location: ParamLocation,
    pub required: bool,
    /// The value is a secret: errors show `<secret>` in its place.
    pub secret: bool,
    /// How an array query parameter is written.
    pub style: codegen_spec::spec::QueryStyle,
    pub deprecated: Option<Deprecation>,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub struct Body {
    /// What the method takes.
    pub ty: RustType,
    /// A tagged-union variant: the body is sent as `Union::Variant(body)`.
    pub variant_of: Option<(String, String)>,
    /// The body type has nothing to set: the method builds it with `new()`.
    pub implicit: bool,
    pub description: Option<String>,
    pub encoding: BodyEncoding,
    /// An optional body is set with the builder's `body`, not passed to the method.
    pub required: bool,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    /// `multipart/form-data`: the body type's fields are its parts.
    Multipart,
    /// Text or bytes sent as they are, with this content type.
    Raw(String),
}

#[derive(Debug, Clone)]
pub enum Pagination {
    /// Numbered pages from 1.
    Page {
        page_param: String,
        /// `page` is a number (f64) or an integer (i64) query parameter.
        page_kind: NumberKind,
        /// The page-size parameter: what was asked for tells a short page when the response
        /// does not say its size.
        per_page_param: String,
        per_page_kind: NumberKind,
        item: RustType,
        items: Items,
        /// The envelope's paging information, when the scheme reads it.
        info: Option<PageFigures>,
    },
    /// Pages linked by a cursor.
    Cursor {
        cursor_param: String,
        item: RustType,
        items: Items,
        cursor: CursorSource,
    },
}

/// Where a page's items are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Items {
    /// The result is the array of items.
    Result,
    /// An array field of the result object, and whether it is an `Option`.
    Field { field: String, optional: bool },
}

/// The figures of the envelope's paging information a page-numbered stream reads.
#[derive(Debug, Clone)]
pub struct PageFigures {
    /// The envelope field that holds them, and whether it is an `Option`.
    pub info_field: String,
    pub info_optional: bool,
    /// Each figure's field, and whether it is an `Option`.
    pub page: Option<(String, bool)>,
    pub per_page: Option<(String, bool)>,
    pub total_pages: Option<(String, bool)>,
    pub kind: NumberKind,
}

/// Where a cursor-paginated response gives the next cursor.
#[derive(Debug, Clone)]
pub enum CursorSource {
    /// A field of the result, and whether it is an `Option`.
    Result { field: String, optional: bool },
    /// A field of the envelope's paging information (`result_info.cursor`).
    Info {
        info_field: String,
        info_optional: bool,
        field: String,
        optional: bool,
    },
}

/// An example's values for the doc example.
#[derive(Debug, Clone)]
pub struct OperationExample {
    pub params: Vec<(String, serde_json::Value)>,
    pub body: Option<serde_json::Value>,
    /// The example response's status and body: what a mock answers by default.
    pub response: (u16, Option<serde_json::Value>),
}
