//! The secrets of the credentials: an API token, an API key.

use std::fmt;

/// The API token.
///
/// It is sent as `Authorization: Bearer <token>`, in a header value marked sensitive (so
/// that HTTP/2 never indexes it). It is never shown: its `Debug` prints
/// `Token(<redacted>)`, it has no `Display`, and no error message or trace contains it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(Box<str>);

impl Token {
    /// The token itself, for callers that must hand it to something else.
    ///
    /// Take care not to log or print what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Self(token.into_boxed_str())
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Self {
        Self(token.into())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// An API key (Cloudflare's global API key), sent with the account's email in the
/// service's headers (see [`Credentials::api_key`](crate::Credentials::api_key)).
///
/// Kept as [`Token`] is: its header value is marked sensitive, its `Debug` prints
/// `ApiKey(<redacted>)`, it has no `Display`, and no error message or trace contains it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Box<str>);

impl ApiKey {
    /// The key itself, for callers that must hand it to something else.
    ///
    /// Take care not to log or print what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        Self(key.into_boxed_str())
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        Self(key.into())
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::{ApiKey, Token};

    #[test]
    fn debug_redacts_and_expose_returns_the_token() {
        let token = Token::from("s3cr3t-token");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        assert_eq!(format!("{token:#?}"), "Token(<redacted>)");
        assert_eq!(token.expose(), "s3cr3t-token");
        assert_eq!(Token::from(String::from("x")).expose(), "x");
        let key = ApiKey::from("s3cr3t-key");
        assert_eq!(
            format!("{key:?} {key:#?}"),
            "ApiKey(<redacted>) ApiKey(<redacted>)"
        );
        assert_eq!(key.expose(), "s3cr3t-key");
    }
}
