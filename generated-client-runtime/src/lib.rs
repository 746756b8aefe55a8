//! The HTTP runtime that the generated service clients are built on.
//!
//! Generated code describes each API as a [`Service`] and hands each call, as a request,
//! to this crate's engine (hidden: only generated code uses it), which does the rest:
//!
//! - **Authentication**: [`Credentials`]: an API [`Token`], sent as
//!   `Authorization: Bearer <token>`, or, for a service that has that scheme
//!   (Cloudflare's global API key), an account's email and [`ApiKey`] in the service's
//!   two headers (`X-Auth-Email`, `X-Auth-Key`). `from_env` reads the token's variable
//!   first, then the email's and key's. Header values are marked sensitive; the token
//!   and the key never appear in `Debug` output, and no error message or trace shows
//!   them or the email. Operations that need no auth send none.
//! - **Timeouts**: 5 s to connect, 60 s per attempt and 120 s per call, retries and waits
//!   included, by default (see [`ClientBuilder`]).
//! - **Retries**: connection errors, timeouts, `408`, `409`, `429` and `5xx` are retried
//!   twice with exponential backoff and jitter, honouring `Retry-After` (see
//!   [`RetryPolicy`]). Every retry sends the same bytes. A request that is not idempotent
//!   (`POST`, `PATCH`) is retried only when it never reached the server or the server asks
//!   for it (`429` or `503` with `Retry-After`). Retries draw on a [`RetryBudget`] that a
//!   client shares with its clones (500 tokens, 5 a retry, 10 after a timeout, put back
//!   by successes): when requests keep failing, each call soon makes one attempt.
//! - **Bounds**: a client and its clones have at most 64 requests in flight
//!   ([`ClientBuilder::max_requests_in_flight`]; calls beyond wait their turn, within
//!   their deadline), so connections and memory stay bounded however many tasks call. A
//!   response body is read up to 32 MiB, a stream fetches up to 10,000 pages and stops
//!   when the server repeats a page or a cursor, redirects are reported, not followed,
//!   and error messages quote at most a few hundred characters of a body.
//! - **Errors**: one [`Error`] type. Each error of a call names the [`Call`]: operation,
//!   method and URL, values documented as secret redacted. A wrongly configured client
//!   gives a [`ConfigError`] that says what would be right; an API's error response
//!   becomes [`ApiError`] with the status, the API's error codes and messages, and the raw
//!   body; a 2xx body that does not match the expected type becomes [`DecodeError`] with
//!   the JSON path of the mismatch.
//! - **Rate limits**: every [`Response`] (and every [`ApiError`]) carries the [`RateLimit`]
//!   the server reported. A client and its clones count what the window still allows
//!   and, once it is spent, wait for its reset before they send rather than collect
//!   `429`s, within each call's deadline ([`RateLimitPolicy`]: wait, the default; fail
//!   at once with [`Error::RateLimited`], which says when the window resets; or ignore
//!   the headers). A new client sends one request to learn the window before the others.
//! - **Paging**: list operations return an [`ItemStream`] that fetches pages on demand.
//! - **Tracing**: each call runs in a `request` span (`service`, `operation`, `attempt`,
//!   `status`); retries, the reasons not to retry (the retry budget spent among them) and
//!   waits for a rate limit's reset are logged at debug level. Headers and credentials
//!   are never recorded.
//!
//! # Other crates' types in the API
//!
//! The HTTP client, reqwest, is not part of the API: a failed exchange is a
//! [`TransportError`] of this crate, whose source is reqwest's error as a `dyn Error`
//! only. Sending through a reqwest client of your own
//! (`ClientBuilder::http_client(reqwest::Client)`) takes the opt-in cargo feature
//! `reqwest-0-13`, named after the version it ties your code to. The types of other
//! crates that the API does name are the ecosystem's shared vocabulary, from crates that
//! have committed to a stable major version or have kept one for years:
//!
//! - [`http`](https://docs.rs/http/1) 1: [`StatusCode`], [`HeaderMap`] (re-exported here)
//!   and `Method`, which reqwest, hyper, axum and tower share;
//! - [`bytes`](https://docs.rs/bytes/1) 1: `Bytes`, the bodies of [`ApiError`],
//!   [`DecodeError`] and [`FilePart`], handed over without a copy;
//! - [`futures-core`](https://docs.rs/futures-core/0.3) 0.3: [`Stream`] (re-exported
//!   here), which [`ItemStream`] implements; unchanged since 2019;
//! - [`serde`](https://docs.rs/serde/1) 1, whose traits the generated types implement;
//! - [`jiff`] 1, [`url`] 2 and [`uuid`] 1, the types [`Timestamp`], [`Url`] and [`Uuid`]
//!   read values as, re-exported so that your code names the same versions.

#![warn(missing_docs)]

mod base_url;
mod budget;
mod client;
mod codec;
mod credentials;
mod error;
mod execute;
mod formatted;
mod json_path;
mod members;
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod paging;
mod quota;
mod rate_limit;
mod request;
mod response;
mod retry;
mod service;
mod token;

// Other crates' types in the API: only stable, shared ones (the crate documentation says
// which, and why); reqwest's stay out of it unless the feature `reqwest-0-13` is on.
pub use futures_core::Stream;
pub use http::{HeaderMap, StatusCode};

pub use budget::RetryBudget;
pub use client::ClientBuilder;
pub use codec::{BoxFuture, UnknownValue};
pub use credentials::Credentials;
pub use error::{
    ApiError, Call, ConfigError, DecodeError, Error, PagingError, PagingProblem, TransportError,
};
pub use formatted::{Format, FormatError, Formatted, Timestamp, Url, Uuid};
pub use multipart::FilePart;
pub use service::{NoContent, Service};
// The crates whose types typed values read as, so that users name the same versions.
pub use paging::ItemStream;
pub use quota::{RateLimitMode, RateLimitPolicy};
pub use rate_limit::RateLimit;
pub use response::{Response, ResponseParts};
pub use retry::RetryPolicy;
pub use service::ErrorDetail;
pub use token::{ApiKey, Token};
pub use {jiff, url, uuid};

/// What only generated code uses: the engine under the service clients, and the helpers
/// their requests, decoding and paging are built from. Not part of the API: it may change
/// in any release.
#[doc(hidden)]
pub mod __private {
    pub use super::client::Client;
    pub use super::codec::{decode_body, decode_text, decode_variant, deserialize_enum};
    pub use super::credentials::ApiKeyScheme;
    pub use super::members::{Key, member, required, skip_member};
    pub use super::multipart::{Form, Multipart, bytes_text, optional_bytes_text};
    pub use super::paging::{PageInfo, PagingLimits, count_from_f64, cursor, page_numbers};
    pub use super::request::{Request, comma_joined, path_segment};
    /// What generated code implements to describe a service; see [`Service`](crate::Service).
    pub use super::service::ServiceDefinition as Service;
    pub use super::service::{DecodeFailure, Envelope, RateLimitHeaders};
    pub use http::Method;
}

pub(crate) use __private::{Client, DecodeFailure, Envelope, RateLimitHeaders, Request};
