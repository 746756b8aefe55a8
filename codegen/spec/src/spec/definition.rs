//! The service definition: base URLs, authentication, headers, envelopes, the error
//! body, rate limits and pagination schemes.

use super::Spanned;
use crate::diagnostics::Loc;

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
