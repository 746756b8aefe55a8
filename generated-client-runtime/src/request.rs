//! Requests as generated code builds them.

use std::fmt;

use bytes::Bytes;
use http::Method;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use super::error::Call;
use super::secret::REDACTED;

/// One HTTP request, built by generated code; the runtime sends it.
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) operation: &'static str,
    pub(crate) path: String,
    /// The path as errors show it, secret segments replaced; `None` when it has none.
    redacted_path: Option<String>,
    pub(crate) query: Vec<(&'static str, String)>,
    /// The query parameters whose values errors never show.
    secret_query: Vec<&'static str>,
    /// Whether the body or the answer may hold a secret field's value.
    holds_secrets: bool,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Bytes>,
    /// The body's content type: `application/json`, a multipart body's with its
    /// boundary, or the one a raw body was given.
    pub(crate) content_type: Option<String>,
    /// Why the request cannot be sent (a body that did not serialize), found while it
    /// was built; the client reports it with the call's URL, and sends nothing.
    pub(crate) invalid: Option<(String, std::sync::Arc<serde_json::Error>)>,
    /// Whether the request carries the client's token (all but the operations that need
    /// none).
    pub(crate) authenticated: bool,
    /// Whether sending it twice has the effect of sending it once, which decides when it
    /// may be retried (`retry::decide`).
    pub(crate) idempotent: bool,
}

impl Request {
    /// A request for `operation` (`cloudflare.triggers.create`).
    ///
    /// `path` is already percent-encoded (see [`path_segment`]), starts with `/`, and is
    /// appended to the base URL.
    /// It is idempotent as its method is (`POST` and `PATCH` are not) unless
    /// [`idempotent`](Self::idempotent) says otherwise.
    pub fn new(method: Method, operation: &'static str, path: String) -> Self {
        let idempotent = method != Method::POST && method != Method::PATCH;
        Self {
            method,
            operation,
            path,
            redacted_path: None,
            query: Vec::new(),
            secret_query: Vec::new(),
            holds_secrets: false,
            headers: Vec::new(),
            body: None,
            content_type: None,
            invalid: None,
            authenticated: true,
            idempotent,
        }
    }

    /// Whether the operation is idempotent, where the spec says so against its method's
    /// default (a `POST` that only reads).
    pub fn idempotent(&mut self, idempotent: bool) {
        self.idempotent = idempotent;
    }

    /// Sends the request without the client's token: the operation needs none, and a
    /// token should not travel where it is not needed.
    pub fn without_token(&mut self) {
        self.authenticated = false;
    }

    /// The path as errors, traces and `Debug` show it: the path with its secret segments
    /// (a deploy hook's ID) written as `<secret>`.
    pub fn redacted_path(&mut self, path: String) {
        self.redacted_path = Some(path);
    }

    /// The request's body or its answer may hold the value of a field the API documents
    /// as secret (a Worker secret's text): an error of the call quotes no text of a
    /// response body.
    pub fn holds_secrets(&mut self) {
        self.holds_secrets = true;
    }

    /// Appends a query parameter (form-urlencoded when sent), in call order.
    pub fn query(&mut self, name: &'static str, value: impl fmt::Display) {
        self.query.push((name, value.to_string()));
    }

    /// Appends a query parameter whose value errors, traces and `Debug` never show.
    pub fn secret_query(&mut self, name: &'static str, value: impl fmt::Display) {
        self.secret_query.push(name);
        self.query(name, value);
    }

    /// Adds an operation header. It replaces a service header of the same name (compared
    /// case-insensitively); several calls with one name send every value.
    pub fn header(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name, value.to_string()));
    }

    /// Serializes the JSON body, once: every attempt sends the same bytes, with
    /// `Content-Type: application/json`. A body that does not serialize (a map with
    /// non-string keys) makes the call fail with [`Error::InvalidRequest`] before
    /// anything is sent.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(Bytes::from(bytes));
                self.content_type = Some("application/json".to_owned());
            }
            Err(error) => {
                self.invalid = Some((
                    "the request body does not serialize".to_owned(),
                    std::sync::Arc::new(error),
                ));
            }
        }
    }

    /// A body sent as it is, with `content_type` (`application/octet-stream`,
    /// `text/plain`).
    pub fn raw(&mut self, content_type: &'static str, body: impl Into<Bytes>) {
        self.body = Some(body.into());
        self.content_type = Some(content_type.to_owned());
    }

    /// A `multipart/form-data` body, encoded once with a boundary none of its parts
    /// contains. A JSON part that does not serialize makes the call fail as
    /// [`json`](Self::json) does.
    pub fn multipart<T: super::multipart::Multipart + ?Sized>(&mut self, body: &T) {
        let mut form = super::multipart::Form::default();
        body.write_parts(&mut form);
        match form.take_error() {
            Some(error) => {
                self.invalid = Some((
                    "a part of the request body does not serialize".to_owned(),
                    std::sync::Arc::new(error),
                ));
            }
            None => {
                let (bytes, content_type) = form.encode();
                self.body = Some(bytes);
                self.content_type = Some(content_type);
            }
        }
    }

    /// The operation, e.g. `cloudflare.triggers.create`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, as appended to the base URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The call as errors name it: the URL under `base_url` with secrets redacted.
    pub(crate) fn call(&self, base_url: &str) -> Call {
        let mut url = format!("{base_url}{}", self.shown_path());
        for (index, (name, value)) in self.shown_query().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            url.extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
            url.push('=');
            match value {
                Some(value) => url.extend(url::form_urlencoded::byte_serialize(value.as_bytes())),
                // Written as is, so that it reads as a placeholder, not as a value.
                None => url.push_str(REDACTED),
            }
        }
        Call::new(self.operation, self.method.clone(), url).with_secrets(self.holds_secrets)
    }

    fn shown_path(&self) -> &str {
        self.redacted_path.as_deref().unwrap_or(&self.path)
    }

    /// The query, a secret value as `None`.
    fn shown_query(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> {
        self.query.iter().map(|(name, value)| {
            let shown = (!self.secret_query.contains(name)).then_some(value.as_str());
            (*name, shown)
        })
    }
}

/// Shows the method, operation, path, query and header names, secrets redacted; never
/// header values or the body, which may hold secrets.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("operation", &self.operation)
            .field("path", &self.shown_path())
            .field(
                "query",
                &self
                    .shown_query()
                    .map(|(name, value)| (name, value.unwrap_or(REDACTED)))
                    .collect::<Vec<_>>(),
            )
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .finish()
    }
}

/// Values joined by commas, for an array query parameter a page calls comma-separated:
/// `fields=uuid,name`.
pub fn comma_joined<T: fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    let mut joined = String::new();
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            joined.push(',');
        }
        joined.push_str(&value.to_string());
    }
    joined
}

/// Everything outside RFC 3986's unreserved characters and sub-delims.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// Percent-encodes a value as one path segment.
///
/// `/`, `?`, `#`, `%`, space and everything else outside RFC 3986's unreserved characters
/// and sub-delims is encoded, and `.` and `..` become `%2E` and `%2E%2E`, so that a value
/// can never change which URL is requested: `"../x"`, `"a/b"`, `"a?b"`, `"a#b"` and
/// `"%2F"` all stay inside their segment. (URL parsers still resolve `%2E%2E` as `..`,
/// so the client refuses to send a path with such a segment rather than send it
/// elsewhere.)
pub fn path_segment(value: &impl fmt::Display) -> String {
    let value = value.to_string();
    match value.as_str() {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        other => percent_encoding::utf8_percent_encode(other, SEGMENT).to_string(),
    }
}

/// A request's path, built from its literal parts and its parameters, each parameter
/// percent-encoded as one segment ([`path_segment`]). Generated code builds paths with it
/// rather than `format!`: a few pushes onto one `String`, and less code to compile per
/// operation.
#[derive(Debug, Default)]
pub struct PathBuilder(String);

impl PathBuilder {
    /// A path that starts with `literal`.
    #[inline]
    pub fn new(literal: &str) -> Self {
        Self(literal.to_owned())
    }

    /// Appends a parameter as one segment.
    #[inline]
    pub fn segment(mut self, value: &impl fmt::Display) -> Self {
        self.0.push_str(&path_segment(value));
        self
    }

    /// Appends literal text.
    #[inline]
    pub fn literal(mut self, text: &str) -> Self {
        self.0.push_str(text);
        self
    }

    /// The path.
    #[inline]
    pub fn build(self) -> String {
        self.0
    }
}

/// Whether a path segment is one that URL parsers resolve (`.`, `..`, or an encoding).
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_its_literals_and_its_encoded_segments() {
        let path = PathBuilder::new("/accounts/")
            .segment(&"a/b")
            .literal("/values/")
            .segment(&"..")
            .build();
        assert_eq!(path, "/accounts/a%2Fb/values/%2E%2E");
    }

    #[test]
    fn path_segments_stay_inside_their_segment() {
        let cases = [
            ("../x", "..%2Fx"),
            ("a/b", "a%2Fb"),
            ("a?b", "a%3Fb"),
            ("a#b", "a%23b"),
            ("%2F", "%252F"),
            (" ", "%20"),
            ("é", "%C3%A9"),
            (".", "%2E"),
            ("..", "%2E%2E"),
            ("...", "..."),
            ("a\\b", "a%5Cb"),
            ("a:b@c", "a%3Ab%40c"),
            (
                "023e105f4ecef8ad9ca31a8372d0c353",
                "023e105f4ecef8ad9ca31a8372d0c353",
            ),
            ("A-z_0.9~!$&'()*+,;=", "A-z_0.9~!$&'()*+,;="),
            ("", ""),
        ];
        for (value, encoded) in cases {
            assert_eq!(path_segment(&value), encoded, "{value}");
        }
        assert_eq!(path_segment(&42), "42");
    }

    #[test]
    fn dot_segments() {
        for segment in [".", "..", "%2E", "%2e%2E", ".%2E", "%2e."] {
            assert!(is_dot_segment(segment), "{segment}");
        }
        for segment in ["...", "..%2Fx", "a", ""] {
            assert!(!is_dot_segment(segment), "{segment}");
        }
        // Why the client refuses them: the URL parser under the HTTP client resolves even
        // encoded dot segments, so `%2E%2E` would reach the parent resource.
        let resolved =
            reqwest::Url::parse("http://h/api/accounts/%2E%2E/x").map(|u| u.path().to_owned());
        assert_eq!(resolved.ok().as_deref(), Some("/api/x"));
    }

    #[test]
    fn json_serializes_once_and_debug_hides_values() {
        let mut request = Request::new(Method::POST, "test.things.create", "/things".into());
        request.header("X-Secret", "hunter2");
        request.query("q", "visible");
        request.json(&serde_json::json!({ "password": "hunter2" }));
        assert_eq!(
            request.body.as_deref(),
            Some(&br#"{"password":"hunter2"}"#[..])
        );
        let debug = format!("{request:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(
            debug.contains("X-Secret") && debug.contains("visible"),
            "{debug}"
        );

        let mut map = std::collections::HashMap::new();
        map.insert(vec![1u8], 1);
        request.json(&map);
        let invalid = request
            .invalid
            .as_ref()
            .map(|(message, _)| message.as_str());
        assert_eq!(invalid, Some("the request body does not serialize"));
    }

    #[test]
    fn the_call_shows_secrets_redacted() {
        let mut request = Request::new(Method::POST, "test.hooks.run", "/hooks/s3cr3t".into());
        request.redacted_path(format!("/hooks/{REDACTED}"));
        request.query("page", 2);
        request.secret_query("key", "k3y");
        let call = request.call("http://127.0.0.1:9/api");
        assert_eq!(
            call.to_string(),
            "test.hooks.run (POST http://127.0.0.1:9/api/hooks/<secret>?page=2&key=<secret>)"
        );
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("s3cr3t") && !debug.contains("k3y"),
            "{debug}"
        );
    }
}
