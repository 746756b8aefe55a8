//! The API token.

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

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn debug_redacts_and_expose_returns_the_token() {
        let token = Token::from("s3cr3t-token");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        assert_eq!(format!("{token:#?}"), "Token(<redacted>)");
        assert_eq!(token.expose(), "s3cr3t-token");
        assert_eq!(Token::from(String::from("x")).expose(), "x");
    }
}
