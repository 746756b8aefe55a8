//! Successful responses.

use http::{HeaderMap, StatusCode};

use super::RateLimit;

/// A successful response: the decoded result, the service's metadata, and the HTTP
/// details.
#[derive(Debug, Clone)]
pub struct Response<T, M = ()> {
    value: T,
    meta: M,
    parts: ResponseParts,
}

/// A response's HTTP details.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseParts {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The rate limit the response reported.
    pub rate_limit: RateLimit,
}

impl<T, M> Response<T, M> {
    pub(crate) fn new(value: T, meta: M, parts: ResponseParts) -> Self {
        Self { value, meta, parts }
    }

    /// The result.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The result, taken out.
    pub fn into_value(self) -> T {
        self.value
    }

    /// What the response carries besides its result: Cloudflare's envelope minus the
    /// result (`result_info`, `messages`), or `()`.
    pub fn meta(&self) -> &M {
        &self.meta
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.parts.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// The rate limit the response reported.
    pub fn rate_limit(&self) -> &RateLimit {
        &self.parts.rate_limit
    }

    /// The result, the metadata and the HTTP details.
    pub fn into_parts(self) -> (T, M, ResponseParts) {
        (self.value, self.meta, self.parts)
    }

    /// The same response with its result converted.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U, M> {
        Response {
            value: f(self.value),
            meta: self.meta,
            parts: self.parts,
        }
    }
}
