//! Errors that come with a response: an API error, and a 2xx body that does not decode.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::Call;
use super::excerpt::one_line_excerpt;
use crate::secret::{DebugBody, quotable_body};
use crate::{ErrorDetail, RateLimit};

/// An error response from the server: an error status, or `success: false`.
///
/// For an operation whose bodies may hold a secret (a Worker secret's text), its message
/// quotes the body's JSON with each string as `<secret>` (and nothing of a body that is
/// not JSON), and `Debug` shows the body's length.
#[derive(Clone)]
pub struct ApiError {
    pub(crate) call: Call,
    pub(crate) status: StatusCode,
    pub(crate) details: Vec<ErrorDetail>,
    pub(crate) body: Bytes,
    pub(crate) headers: HeaderMap,
    pub(crate) rate_limit: RateLimit,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) attempts: u32,
}

impl ApiError {
    /// The operation, e.g. `cloudflare.triggers.get`.
    pub fn operation(&self) -> &'static str {
        self.call.operation()
    }

    /// The call: its operation, method and URL.
    pub fn call(&self) -> &Call {
        &self.call
    }

    /// The HTTP status, as a number: `error.status() == 404`.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The HTTP status, as a [`StatusCode`](crate::StatusCode), for its names and
    /// classes (`is_client_error()`).
    pub fn status_code(&self) -> StatusCode {
        self.status
    }

    /// The errors the body lists; empty when the body does not have the service's error
    /// shape (an HTML error page, say).
    pub fn details(&self) -> &[ErrorDetail] {
        &self.details
    }

    /// The error codes of [`details`](Self::details), for matching on.
    pub fn codes(&self) -> impl Iterator<Item = i64> + '_ {
        self.details.iter().filter_map(|detail| detail.code)
    }

    /// The raw response body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate limit the response reported.
    pub fn rate_limit(&self) -> &RateLimit {
        &self.rate_limit
    }

    /// The wait the server asked for (`Retry-After`), if any.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// How many attempts were made, retries included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// How many of an error's details its message shows.
const SHOWN_DETAILS: usize = 5;

/// `cloudflare.triggers.get (GET https://…/triggers/t1): HTTP 404 Not Found: [12000] Not found`
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.call, StatusDisplay(self.status))?;
        if self.status.is_success() {
            f.write_str(" (unsuccessful)")?;
        }
        if !self.details.is_empty() {
            // A server may list any number: the message shows the first few.
            for (index, detail) in self.details.iter().take(SHOWN_DETAILS).enumerate() {
                f.write_str(if index == 0 { ": " } else { "; " })?;
                detail.fmt(f)?;
            }
            if let Some(more) = self
                .details
                .len()
                .checked_sub(SHOWN_DETAILS)
                .filter(|n| *n > 0)
            {
                write!(f, "; and {more} more")?;
            }
        } else {
            let body = quotable_body(&self.body, self.call.holds_secrets());
            let excerpt = one_line_excerpt(&body, 300);
            if !excerpt.is_empty() {
                write!(f, ": {excerpt}")?;
            }
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = DebugBody {
            body: &self.body,
            secret: self.call.holds_secrets(),
        };
        f.debug_struct("ApiError")
            .field("call", &self.call)
            .field("status", &self.status)
            .field("details", &self.details)
            .field("body", &body)
            .field("headers", &self.headers)
            .field("rate_limit", &self.rate_limit)
            .field("retry_after", &self.retry_after)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// A 2xx response whose body does not match the expected type.
///
/// For an operation whose bodies may hold a secret (a Worker secret's text), the message
/// and the excerpt quote no string of the body, and `Debug` shows the body's length.
#[derive(Clone)]
pub struct DecodeError {
    pub(crate) call: Call,
    pub(crate) status: StatusCode,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) excerpt: String,
    pub(crate) body: Bytes,
}

impl DecodeError {
    /// The operation, e.g. `cloudflare.builds.get`.
    pub fn operation(&self) -> &'static str {
        self.call.operation()
    }

    /// The call: its operation, method and URL.
    pub fn call(&self) -> &Call {
        &self.call
    }

    /// The HTTP status (a 2xx), as a number.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The HTTP status, as a [`StatusCode`](crate::StatusCode).
    pub fn status_code(&self) -> StatusCode {
        self.status
    }

    /// The JSON path of the value that did not match, e.g. `result[3].build_outcome` (at
    /// most 300 characters: its keys are the server's).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The deserializer's message, at most 300 characters (it may quote the value, but
    /// not a string of an operation whose bodies may hold a secret).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The start of the body (at most 500 characters, invalid UTF-8 replaced); for an
    /// operation whose bodies may hold a secret, its JSON with each string as `<secret>`,
    /// and empty when such a body is not JSON.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// The raw response body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {}: unexpected response body at `{}`: {}",
            self.call,
            StatusDisplay(self.status),
            self.path,
            self.message
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = DebugBody {
            body: &self.body,
            secret: self.call.holds_secrets(),
        };
        f.debug_struct("DecodeError")
            .field("call", &self.call)
            .field("status", &self.status)
            .field("path", &self.path)
            .field("message", &self.message)
            .field("excerpt", &self.excerpt)
            .field("body", &body)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

struct StatusDisplay(StatusCode);

impl fmt::Display for StatusDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.canonical_reason() {
            Some(reason) => write!(f, "{} {reason}", self.0.as_u16()),
            None => write!(f, "{}", self.0.as_u16()),
        }
    }
}
