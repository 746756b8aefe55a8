//! The client's errors.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::retry::is_retryable_status;
use super::{ErrorDetail, RateLimit};

/// Why a call failed.
///
/// No error ever shows the API token.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (bad configuration, missing environment variable,
    /// body serialization).
    Build {
        /// What went wrong.
        message: String,
        /// The underlying error, if any.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The request failed on the way (connection refused, reset or closed).
    Transport {
        /// The operation, e.g. `cloudflare.triggers.get`.
        operation: &'static str,
        /// The HTTP client's error.
        source: reqwest::Error,
    },
    /// No response within the timeout.
    Timeout {
        /// The operation, e.g. `cloudflare.triggers.get`.
        operation: &'static str,
    },
    /// The server answered with an error status, or with `success: false`.
    Api(Box<ApiError>),
    /// A 2xx body that does not match the expected type.
    Decode(Box<DecodeError>),
}

impl Error {
    pub(crate) fn build(message: impl Into<String>) -> Self {
        Self::Build {
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn build_with(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self::Build {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// Whether trying the same request again may succeed: connection errors, timeouts,
    /// and `408`, `409`, `429` and `5xx` responses. The client has already retried these
    /// as its [`RetryPolicy`](super::RetryPolicy) allows.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } => true,
            Self::Api(error) => is_retryable_status(error.status),
            Self::Build { .. } | Self::Decode(_) => false,
        }
    }

    /// The operation that failed, e.g. `cloudflare.triggers.get`.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Build { .. } => None,
            Self::Transport { operation, .. } | Self::Timeout { operation } => Some(operation),
            Self::Api(error) => Some(error.operation),
            Self::Decode(error) => Some(error.operation),
        }
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build { message, .. } => write!(f, "could not build the request: {message}"),
            Self::Transport { operation, source } => {
                let what = if source.is_connect() {
                    "could not connect to the server"
                } else {
                    "the connection failed before the response was complete"
                };
                write!(f, "{operation}: {what}")
            }
            Self::Timeout { operation } => write!(f, "{operation}: no response within the timeout"),
            Self::Api(error) => error.fmt(f),
            Self::Decode(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build { source, .. } => source
                .as_deref()
                .map(|source| source as &(dyn std::error::Error + 'static)),
            Self::Transport { source, .. } => Some(source),
            // Their Display is this error's own: no source, so that a report of the error
            // chain does not say it twice.
            Self::Api(_) | Self::Decode(_) | Self::Timeout { .. } => None,
        }
    }
}

/// An error response from the server: an error status, or `success: false`.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub(crate) operation: &'static str,
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
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
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

/// `cloudflare.triggers.get: HTTP 404 Not Found: [12000] Not found`
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, StatusDisplay(self.status))?;
        if self.status.is_success() {
            f.write_str(" (unsuccessful)")?;
        }
        if !self.details.is_empty() {
            for (index, detail) in self.details.iter().enumerate() {
                f.write_str(if index == 0 { ": " } else { "; " })?;
                detail.fmt(f)?;
            }
        } else {
            let excerpt = one_line_excerpt(&self.body, 300);
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

impl std::error::Error for ApiError {}

/// A 2xx response whose body does not match the expected type.
#[derive(Debug, Clone)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) excerpt: String,
    pub(crate) body: Bytes,
}

impl DecodeError {
    /// The operation, e.g. `cloudflare.builds.get`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The JSON path of the value that did not match, e.g. `result[3].build_outcome`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The deserializer's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The start of the body (at most 500 characters, invalid UTF-8 replaced).
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
            self.operation,
            StatusDisplay(self.status),
            self.path,
            self.message
        )
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

/// At most `max` characters of the body: invalid UTF-8 replaced, cut on a character
/// boundary with `…` marking the cut.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let head = &body[..body.len().min(max.saturating_mul(4))];
    let text = String::from_utf8_lossy(head);
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() || head.len() < body.len() {
        out.pop();
        out.push('…');
    }
    out
}

/// Like [`excerpt`], as one line: runs of whitespace and control characters (an HTML
/// page's newlines) are made one space.
pub(crate) fn one_line_excerpt(body: &[u8], max: usize) -> String {
    // Look at no more than needed: a character is at most 4 bytes.
    let head = &body[..body.len().min(max.saturating_mul(4).saturating_add(4))];
    let text = String::from_utf8_lossy(head);
    let mut out = String::new();
    let mut count = 0;
    let mut pending_space = false;
    let mut cut = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        let needed = usize::from(pending_space) + 1;
        if count + needed > max {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        count += needed;
    }
    if !cut && head.len() < body.len() {
        cut = true;
    }
    if cut && max > 0 {
        while count + 1 > max {
            if out.pop().is_none() {
                break;
            }
            count -= 1;
        }
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_char_safe() {
        assert_eq!(one_line_excerpt(b"", 300), "");
        assert_eq!(excerpt(b"", 500), "");
        assert_eq!(excerpt(b"{\n  \"a\": 1\n}", 500), "{\n  \"a\": 1\n}");
        let cut = excerpt("é".repeat(600).as_bytes(), 500);
        assert_eq!(cut.chars().count(), 500);
        assert!(cut.ends_with("é…"));
        assert_eq!(excerpt(&[b'a'; 2001], 500).chars().count(), 500);
        assert_eq!(
            one_line_excerpt(b"  <html>\n\n  <body>Bad gateway</body>\r\n</html>  ", 300),
            "<html> <body>Bad gateway</body> </html>"
        );
        let long = "é".repeat(1000);
        let cut = one_line_excerpt(long.as_bytes(), 300);
        assert_eq!(cut.chars().count(), 300);
        assert!(cut.ends_with('…'));
        let short = one_line_excerpt(&[0xff, b'a', 0xfe], 300);
        assert_eq!(short, "\u{fffd}a\u{fffd}");
        // A multi-byte character split by the byte window is never split in the output.
        let mut bytes = "x".repeat(10).into_bytes();
        bytes.extend_from_slice("€".as_bytes());
        assert_eq!(one_line_excerpt(&bytes, 5), "xxxx…");
        assert_eq!(one_line_excerpt(&bytes, 11), "xxxxxxxxxx€");
        assert_eq!(excerpt(&bytes, 5), "xxxx…");
        assert_eq!(excerpt(&bytes, 11), "xxxxxxxxxx€");
    }

    #[test]
    fn api_error_display() {
        let mut error = ApiError {
            operation: "cloudflare.triggers.get",
            status: StatusCode::NOT_FOUND,
            details: vec![ErrorDetail::new(Some(12000), Some("Not found".into()))],
            body: Bytes::new(),
            headers: HeaderMap::new(),
            rate_limit: RateLimit::default(),
            retry_after: None,
            attempts: 1,
        };
        assert_eq!(
            error.to_string(),
            "cloudflare.triggers.get: HTTP 404 Not Found: [12000] Not found"
        );
        error
            .details
            .push(ErrorDetail::new(None, Some("again".into())));
        assert_eq!(
            error.to_string(),
            "cloudflare.triggers.get: HTTP 404 Not Found: [12000] Not found; again"
        );
        error.details.clear();
        error.status = StatusCode::BAD_GATEWAY;
        error.body = Bytes::from(format!("<html>{}</html>", "x".repeat(1000)));
        error.attempts = 3;
        let text = error.to_string();
        assert!(
            text.starts_with("cloudflare.triggers.get: HTTP 502 Bad Gateway: <html>xxx"),
            "{text}"
        );
        assert!(text.ends_with("… (after 3 attempts)"), "{text}");
        assert!(text.len() < 400);
        assert_eq!(codes(&error), Vec::<i64>::new());
    }

    fn codes(error: &ApiError) -> Vec<i64> {
        error.codes().collect()
    }
}
