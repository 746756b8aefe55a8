//! What a mock received: every request in arrival order, with its headers and body, for
//! tests that check what was sent and in what order.

use std::fmt;
use std::sync::Arc;

use http::{HeaderMap, Method};

pub(crate) use crate::secret::REDACTED;

/// Headers whose values are credentials: the APIs' tokens and keys (`Authorization`,
/// Cloudflare's `X-Auth-Key` and `X-Auth-User-Service-Key`), and the usual others.
const CREDENTIAL_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "x-auth-key",
    "x-auth-user-service-key",
    "x-auth-token",
    "x-api-key",
    "api-key",
];

/// Whether a header's value is a credential, which messages and `Debug` never show.
pub(crate) fn is_credential_header(name: &str) -> bool {
    CREDENTIAL_HEADERS
        .iter()
        .any(|credential| credential.eq_ignore_ascii_case(name))
}

/// A request a mock received: which operation and stub it was for, its place in the
/// order of arrival, its headers and its body.
///
/// [`MockServer::received`](super::MockServer::received) lists every request in order of
/// arrival, [`MountedStub::received`](super::MountedStub::received) those a stub answered.
/// Credential headers (`Authorization`, `X-Auth-Key`, `X-Auth-User-Service-Key`,
/// `X-Auth-Token`, `X-Api-Key`, `Api-Key`, `Cookie`, `Proxy-Authorization`) are never
/// shown: `Debug` writes `<secret>` for their values, and so does [`header`](Self::header);
/// [`has_header`](Self::has_header) says whether one was sent. `Debug` shows the body's
/// length only, as a body may carry a secret.
///
/// ```
/// use generated_client::cloudflare::mock::CloudflareMock;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), generated_client::Error> {
/// let mock = CloudflareMock::start().await;
/// let get = mock.builds().get().mount();
/// mock.client().builds().get("my-account", "b-1").await?;
/// let request = &get.received()[0];
/// assert_eq!(request.operation(), Some("cloudflare.builds.get"));
/// assert!(request.has_header("authorization"));
/// assert_eq!(request.header("authorization"), Some("<secret>"));
/// assert!(request.header("user-agent").is_some_and(|agent| !agent.is_empty()));
/// assert!(!format!("{request:?}").contains("mock-token"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Received(Arc<Inner>);

struct Inner {
    sequence: usize,
    operation: Option<&'static str>,
    stub: Option<usize>,
    method: Method,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Received {
    pub(crate) fn new(
        sequence: usize,
        operation: Option<&'static str>,
        stub: Option<usize>,
        request: &wiremock::Request,
    ) -> Self {
        Self(Arc::new(Inner {
            sequence,
            operation,
            stub,
            method: request.method.clone(),
            headers: request.headers.clone(),
            body: request.body.clone(),
        }))
    }

    /// The request's place in the order the mock received its requests, from 1.
    pub fn sequence(&self) -> usize {
        self.0.sequence
    }

    /// The operation the request was for: `cloudflare.deploy_hooks.create`; `None` when
    /// no operation of the API has its method and path, or when no stub matched it and
    /// it could be one of several operations.
    pub fn operation(&self) -> Option<&'static str> {
        self.0.operation
    }

    /// The number of the stub that answered it, in mount order from 1 (as
    /// [`MountedStub::number`](super::MountedStub::number) and messages give it: `stub
    /// #2`); `None` when no stub matched it.
    pub fn stub(&self) -> Option<usize> {
        self.0.stub
    }

    /// The HTTP method: `POST`.
    pub fn method(&self) -> &str {
        self.0.method.as_str()
    }

    /// Whether the request has a header `name` (any case): a credential header too.
    pub fn has_header(&self, name: &str) -> bool {
        self.0.headers.contains_key(name)
    }

    /// The value of the header `name` (any case; the first, when it is repeated): `None`
    /// when the request has none or its value is not UTF-8 text. A credential header's
    /// value is `<secret>`.
    pub fn header(&self, name: &str) -> Option<&str> {
        let value = self.0.headers.get(name)?;
        if is_credential_header(name) {
            return Some(REDACTED);
        }
        std::str::from_utf8(value.as_bytes()).ok()
    }

    /// The names of the request's headers, in lower case.
    pub fn header_names(&self) -> impl Iterator<Item = &str> {
        self.0.headers.keys().map(|name| name.as_str())
    }

    /// The body, as sent. [`MountedStub::bodies`](super::MountedStub::bodies) reads a
    /// stub's as the operation's body type.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers = Headers(&self.0.headers);
        f.debug_struct("Received")
            .field("sequence", &self.0.sequence)
            .field("operation", &self.0.operation)
            .field("stub", &self.0.stub)
            .field("method", &self.method())
            .field("headers", &headers)
            .field("body", &format_args!("<{} bytes>", self.0.body.len()))
            .finish()
    }
}

/// Headers with credentials' values redacted.
struct Headers<'a>(&'a HeaderMap);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_credential_header(name.as_str()) || value.is_sensitive() {
                map.entry(&name.as_str(), &format_args!("{REDACTED}"));
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&'static str, &'static str)]) -> wiremock::Request {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, http::HeaderValue::from_static(value));
        }
        wiremock::Request {
            url: url::Url::parse("http://127.0.0.1/x").unwrap_or_else(|e| panic!("{e}")),
            method: Method::POST,
            headers: map,
            body: br#"{"build_token_secret":"s3cr3t"}"#.to_vec(),
        }
    }

    #[test]
    fn credentials_are_present_but_never_shown() {
        let received = Received::new(
            3,
            Some("cloudflare.tokens.create"),
            Some(1),
            &request(&[
                ("Authorization", "Bearer tok-123"),
                ("X-Auth-Key", "key-456"),
                ("X-Auth-Email", "me@example.com"),
                ("content-type", "application/json"),
            ]),
        );
        assert!(received.has_header("authorization") && received.has_header("x-auth-key"));
        assert_eq!(received.header("AUTHORIZATION"), Some(REDACTED));
        assert_eq!(received.header("x-auth-key"), Some(REDACTED));
        assert_eq!(received.header("x-auth-email"), Some("me@example.com"));
        assert_eq!(received.header("content-type"), Some("application/json"));
        assert_eq!(received.header("x-missing"), None);
        assert!(!received.has_header("x-missing") && !received.has_header("not a name"));
        let debug = format!("{received:?}");
        for secret in ["tok-123", "key-456", "s3cr3t"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(
            debug.contains("\"content-type\": \"application/json\""),
            "{debug}"
        );
        assert!(debug.contains("\"authorization\": <secret>, "), "{debug}");
        assert!(debug.contains("body: <31 bytes>"), "{debug}");
    }
}
