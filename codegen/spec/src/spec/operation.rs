//! Operations: methods, parameters and where they go, bodies, responses, pagination and
//! the pages' examples.

use super::{
    Bound, Deprecated, EnvelopeChoice, Header, PageDiffers, Primitive, Spanned, StringFormat,
    TypeExpr, TypeExprKind,
};
use crate::diagnostics::Loc;
use crate::json::Node;

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

impl ResponseDef {
    /// Whether the answer's body is the result's raw bytes (`"type": "bytes"`), in no
    /// envelope, whatever the file's or the service's.
    pub fn is_raw(&self) -> bool {
        self.ty
            .as_ref()
            .is_some_and(|ty| ty.kind == TypeExprKind::Primitive(Primitive::Bytes))
    }
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
