//! The client's errors.
//!
//! Every error of a call names the call: its operation, method and URL (with values the
//! API documents as secret replaced by `<secret>`); none ever shows the API token.

mod config;
mod excerpt;
mod paging;
mod response;
mod transport;

use std::fmt;
use std::time::Duration;

use http::{Method, StatusCode};

pub use config::ConfigError;
pub(crate) use excerpt::{excerpt, one_line_excerpt};
pub use paging::{PagingError, PagingProblem};
pub use response::{ApiError, DecodeError};
pub use transport::TransportError;
pub(crate) use transport::{Phase, is_protocol_error};

use super::retry::is_retryable_status;

/// Why a call failed.
///
/// Match on the kind to decide what to do: [`Config`](Self::Config) is fixed in the
/// program or its environment, [`Api`](Self::Api) carries what the server said, and
/// [`is_retryable`](Self::is_retryable) says whether trying again may help.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client is configured wrongly (base URL, token, environment variable, user
    /// agent); its message says how to fix it. Nothing was sent.
    Config(ConfigError),
    /// The request could not be built from the values given (a body that does not
    /// serialize, a header value with a line break). Nothing was sent.
    InvalidRequest {
        /// The call.
        call: Call,
        /// What is wrong.
        message: String,
        /// The underlying error, if any.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The connection could not be made, or failed (reset or closed) before the response
    /// was complete; [`TransportError::is_connect`] tells the two apart.
    Transport {
        /// The call.
        call: Call,
        /// What failed.
        source: TransportError,
    },
    /// The server's answer is not HTTP the client accepts: a response head too large
    /// (more than 100 headers, say) or malformed. Not retried: the same server would
    /// answer the same way.
    Protocol {
        /// The call.
        call: Call,
        /// What is wrong with the answer.
        source: TransportError,
    },
    /// No response within the timeout of an attempt.
    Timeout {
        /// The call.
        call: Call,
        /// The time allowed.
        after: Duration,
    },
    /// The call's deadline passed: its attempts and the waits between them took all the
    /// time it allows ([`ClientBuilder::deadline`](super::ClientBuilder::deadline)).
    DeadlineExceeded {
        /// The call.
        call: Call,
        /// The deadline.
        after: Duration,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The rate limit's window is spent, and the call was not sent: the
    /// [`RateLimitPolicy`](super::RateLimitPolicy) says to fail rather than wait, or the
    /// wait for the reset would not fit in the call's deadline.
    RateLimited {
        /// The call.
        call: Call,
        /// The time until the window resets, as of the error.
        resets_in: Duration,
    },
    /// The response body is longer than the client reads
    /// ([`ClientBuilder::max_response_size`](super::ClientBuilder::max_response_size));
    /// reading stopped at the limit.
    ResponseTooLarge {
        /// The call.
        call: Call,
        /// The response's status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The server answered with a redirect, which the client does not follow: these APIs
    /// do not redirect, so the base URL is likely wrong (`http` for `https`, a missing
    /// path), and a request's body and token must not go where it points.
    Redirect {
        /// The call.
        call: Call,
        /// The redirect's status (301, 302, 303, 307, 308).
        status: StatusCode,
        /// Where it points (its `Location` header, at most 300 characters); `None`
        /// without one.
        location: Option<String>,
    },
    /// A stream of pages stopped: the server repeated a page or a cursor, or the stream
    /// reached its page limit.
    Paging(Box<PagingError>),
    /// The server answered with an error status, or with `success: false`.
    Api(Box<ApiError>),
    /// A 2xx body that does not match the expected type.
    Decode(Box<DecodeError>),
}

/// The call an error is about: the operation, the HTTP method and the URL, with values
/// the API documents as secret (a deploy hook's ID) replaced by `<secret>`.
///
/// Shown as `cloudflare.builds.get (GET https://api.cloudflare.com/client/v4/…)`.
#[derive(Clone, PartialEq, Eq)]
pub struct Call {
    operation: &'static str,
    method: Method,
    url: String,
    /// Whether the operation's bodies may hold a secret field's value: errors then quote
    /// none of their text.
    holds_secrets: bool,
}

impl Call {
    pub(crate) fn new(operation: &'static str, method: Method, url: String) -> Self {
        Self {
            operation,
            method,
            url,
            holds_secrets: false,
        }
    }

    pub(crate) fn with_secrets(mut self, holds_secrets: bool) -> Self {
        self.holds_secrets = holds_secrets;
        self
    }

    /// Whether the operation's request or response bodies may hold a secret field's value.
    pub(crate) fn holds_secrets(&self) -> bool {
        self.holds_secrets
    }

    /// The operation, e.g. `cloudflare.triggers.get`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL requested, secrets redacted.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// As derived, without whether the bodies hold secrets, which only decides what errors
/// quote.
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("url", &self.url)
            .finish()
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} {})", self.operation, self.method, self.url)
    }
}

impl Error {
    pub(crate) fn invalid_request(call: Call, message: impl Into<String>) -> Self {
        Self::InvalidRequest {
            call,
            message: message.into(),
            source: None,
        }
    }

    /// The HTTP status of the response, if there was one, as a number:
    /// `error.status() == Some(404)`.
    ///
    /// ```
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// mock.builds().get().respond_error(404, Some(12000), "Not found").mount();
    /// let error = mock.client().builds().get("my-account", "gone").await.unwrap_err();
    /// assert_eq!(error.status(), Some(404));
    /// assert!(error.status_code().is_some_and(|status| status.is_client_error()));
    /// # }
    /// ```
    pub fn status(&self) -> Option<u16> {
        self.status_code().map(|status| status.as_u16())
    }

    /// The HTTP status of the response, if there was one, as a [`StatusCode`](crate::StatusCode), for
    /// its names and classes (`is_client_error()`).
    pub fn status_code(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            Self::ResponseTooLarge { status, .. } | Self::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying the same request again may succeed: connection errors, timeouts,
    /// `408`, `409`, `429` and `5xx` responses, and a spent rate limit (after its reset). The client has already retried these
    /// as its [`RetryPolicy`](super::RetryPolicy) allows, and only where a retry is safe:
    /// a request that is not idempotent (a `POST` that creates something) is retried
    /// only when it never reached the server, or when the server asked for the retry.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } | Self::RateLimited { .. } => true,
            Self::Api(error) => is_retryable_status(error.status),
            Self::Config(_)
            | Self::InvalidRequest { .. }
            | Self::Protocol { .. }
            | Self::DeadlineExceeded { .. }
            | Self::ResponseTooLarge { .. }
            | Self::Redirect { .. }
            | Self::Paging(_)
            | Self::Decode(_) => false,
        }
    }

    /// The call that failed; `None` for a configuration error and a paging error (which
    /// is about a sequence of calls).
    pub fn call(&self) -> Option<&Call> {
        match self {
            Self::Config(_) => None,
            Self::InvalidRequest { call, .. }
            | Self::Transport { call, .. }
            | Self::Protocol { call, .. }
            | Self::Timeout { call, .. }
            | Self::DeadlineExceeded { call, .. }
            | Self::RateLimited { call, .. }
            | Self::ResponseTooLarge { call, .. }
            | Self::Redirect { call, .. } => Some(call),
            Self::Paging(_) => None,
            Self::Api(error) => Some(&error.call),
            Self::Decode(error) => Some(&error.call),
        }
    }

    /// The operation that failed, e.g. `cloudflare.triggers.get`.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Config(error) => error.operation,
            Self::Paging(error) => Some(error.operation()),
            _ => self.call().map(Call::operation),
        }
    }

    /// The configuration error, if the client is configured wrongly.
    pub fn as_config(&self) -> Option<&ConfigError> {
        match self {
            Self::Config(error) => Some(error),
            _ => None,
        }
    }

    /// Whether the API answered with this error code (any of its errors): a service's
    /// named code (`ErrorCode::AlreadyExists`) or the number. `false` for an error that is
    /// not the API's.
    pub fn has_code(&self, code: impl Into<i64>) -> bool {
        let code = code.into();
        self.as_api()
            .is_some_and(|api| api.codes().any(|c| c == code))
    }

    /// The API error, if the server answered with one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The decode error, if a 2xx body did not match the expected type.
    pub fn as_decode(&self) -> Option<&DecodeError> {
        match self {
            Self::Decode(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Self::Config(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(error) => error.fmt(f),
            Self::InvalidRequest { call, message, .. } => write!(f, "{call}: {message}"),
            Self::Transport { call, source } | Self::Protocol { call, source } => {
                write!(f, "{call}: {source}")
            }
            Self::Timeout { call, after } => {
                write!(f, "{call}: no response within {}", Seconds(*after))
            }
            Self::DeadlineExceeded {
                call,
                after,
                attempts,
            } => {
                write!(
                    f,
                    "{call}: the call's deadline of {} passed ({attempts} attempt{})",
                    Seconds(*after),
                    if *attempts == 1 { "" } else { "s" }
                )
            }
            Self::RateLimited { call, resets_in } => write!(
                f,
                "{call}: not sent: the rate limit allows no more requests until its window \
                 resets in {}",
                Seconds(*resets_in)
            ),
            Self::ResponseTooLarge {
                call,
                status,
                limit,
            } => write!(
                f,
                "{call}: HTTP {}: the response body is longer than the {limit} bytes the client reads (raise `max_response_size` if this is expected)",
                status.as_u16()
            ),
            Self::Redirect {
                call,
                status,
                location,
            } => {
                write!(f, "{call}: HTTP {}: a redirect", status.as_u16())?;
                match location {
                    Some(location) => write!(f, " to {location}")?,
                    None => f.write_str(" without a Location")?,
                }
                f.write_str(", which the client does not follow (is the base URL right?)")
            }
            Self::Paging(error) => error.fmt(f),
            Self::Api(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Config(error) => std::error::Error::source(error),
            Self::InvalidRequest { source, .. } => source
                .as_deref()
                .map(|source| source as &(dyn std::error::Error + 'static)),
            // The transport error's Display is this error's own: its source, the HTTP
            // client's error, is the next link of the chain.
            Self::Transport { source, .. } | Self::Protocol { source, .. } => {
                std::error::Error::source(source)
            }
            // Their Display is this error's own: no source, so that a report of the error
            // chain does not say it twice.
            Self::Api(_)
            | Self::Decode(_)
            | Self::Timeout { .. }
            | Self::DeadlineExceeded { .. }
            | Self::RateLimited { .. }
            | Self::ResponseTooLarge { .. }
            | Self::Redirect { .. }
            | Self::Paging(_) => None,
        }
    }
}

/// `60 s`, `1.5 s`, `250 ms`.
struct Seconds(Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis < 1000 {
            write!(f, "{millis} ms")
        } else if millis.is_multiple_of(1000) {
            write!(f, "{} s", millis / 1000)
        } else {
            write!(f, "{} s", self.0.as_secs_f64())
        }
    }
}

#[cfg(test)]
mod tests;
