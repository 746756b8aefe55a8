//! Credentials: an API token, or an account's email and API key; the headers they become,
//! and where `from_env` finds them.

use std::fmt;

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderName, HeaderValue};

use super::{ApiKey, ConfigError, Service, Token};

/// How a client proves who it is: an API token, or an account's email and API key.
///
/// - [`Credentials::token`]: sent as `Authorization: Bearer <token>`; every service takes
///   one.
/// - [`Credentials::api_key`]: an email and an API key, each in a header of its own
///   (Cloudflare's `X-Auth-Email` and `X-Auth-Key`, with its global API key); only a
///   service that has this scheme takes them, a client of another fails to build.
///
/// The token and the key are secrets: `Debug` shows them as `<redacted>`, their header
/// values are marked sensitive, and no error message or trace contains them. The email is
/// not a secret, but no error message or trace contains it either.
///
/// ```
/// use generated_client::cloudflare::Cloudflare;
/// use generated_client::runtime::{ClientBuilder, Credentials};
///
/// let credentials = Credentials::api_key("me@example.com", "c2547eb745079dac9320b638f5e225cf483cc5cfdda41");
/// assert_eq!(
///     format!("{credentials:?}"),
///     r#"Credentials::ApiKey { email: "me@example.com", key: <redacted> }"#
/// );
/// let builder = ClientBuilder::<Cloudflare>::from_credentials(credentials);
/// # let _ = builder;
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials(Scheme);

#[derive(Clone, PartialEq, Eq)]
enum Scheme {
    Token(Token),
    ApiKey { email: Box<str>, key: ApiKey },
}

impl Credentials {
    /// An API token.
    pub fn token(token: impl Into<Token>) -> Self {
        Self(Scheme::Token(token.into()))
    }

    /// An account's email and its API key (Cloudflare's global API key).
    pub fn api_key(email: impl Into<String>, key: impl Into<ApiKey>) -> Self {
        Self(Scheme::ApiKey {
            email: email.into().into_boxed_str(),
            key: key.into(),
        })
    }

    /// Whether these are an email and an API key rather than a token.
    pub fn is_api_key(&self) -> bool {
        matches!(self.0, Scheme::ApiKey { .. })
    }
}

impl From<Token> for Credentials {
    fn from(token: Token) -> Self {
        Self(Scheme::Token(token))
    }
}

/// `Credentials::Token(<redacted>)`, or `Credentials::ApiKey { email: "…", key: <redacted> }`.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Scheme::Token(_) => f.write_str("Credentials::Token(<redacted>)"),
            Scheme::ApiKey { email, .. } => write!(
                f,
                "Credentials::ApiKey {{ email: {email:?}, key: <redacted> }}"
            ),
        }
    }
}

/// A service's scheme of an email and an API key in two headers (Cloudflare's), and the
/// environment variables `from_env` reads them from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiKeyScheme {
    /// The header that carries the account's email (`X-Auth-Email`).
    pub email_header: &'static str,
    /// The header that carries the API key (`X-Auth-Key`).
    pub key_header: &'static str,
    /// The environment variable that holds the email (`CLOUDFLARE_EMAIL`).
    pub email_env: &'static str,
    /// The environment variable that holds the API key (`CLOUDFLARE_API_KEY`).
    pub key_env: &'static str,
}

/// The headers that credentials add to a request that needs them, values marked
/// sensitive. An error names what is wrong, never the value.
pub(crate) fn headers<S: Service>(credentials: &Credentials) -> Result<HeaderMap, ConfigError> {
    let mut headers = HeaderMap::new();
    match &credentials.0 {
        Scheme::Token(token) => {
            if token.expose().trim().is_empty() {
                return Err(ConfigError::new(
                    "the API token is empty",
                    "pass the token itself (was the environment variable empty?)",
                ));
            }
            let value = sensitive(&format!("Bearer {}", token.expose())).ok_or_else(|| {
                ConfigError::new(
                    "the API token has a line break or another character a header cannot carry",
                    "pass the token alone, without the line break it may have been copied with",
                )
            })?;
            headers.insert(AUTHORIZATION, value);
        }
        Scheme::ApiKey { email, key } => {
            let scheme = S::API_KEY.ok_or_else(|| {
                ConfigError::new(
                    format!(
                        "{} takes an API token, not an email and API key",
                        S::CLIENT_NAME
                    ),
                    format!(
                        "build the client with a token: `{}::new(token)`",
                        S::CLIENT_NAME
                    ),
                )
            })?;
            let email = header_value("email", email)?;
            let key = header_value("API key", key.expose())?;
            headers.insert(header_name(scheme.email_header)?, email);
            headers.insert(header_name(scheme.key_header)?, key);
        }
    }
    Ok(headers)
}

/// A value marked sensitive, so that HTTP/2 never indexes it and `Debug` hides it.
fn sensitive(value: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::try_from(value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

fn header_value(what: &str, value: &str) -> Result<HeaderValue, ConfigError> {
    if value.trim().is_empty() {
        return Err(ConfigError::new(
            format!("the {what} is empty"),
            format!("pass the {what} itself (was the environment variable empty?)"),
        ));
    }
    sensitive(value).ok_or_else(|| {
        ConfigError::new(
            format!("the {what} has a line break or another character a header cannot carry"),
            format!("pass the {what} alone, without the line break it may have been copied with"),
        )
    })
}

fn header_name(name: &'static str) -> Result<HeaderName, ConfigError> {
    // The generator checks these; a failure here is a generator bug.
    HeaderName::try_from(name).map_err(|error| {
        ConfigError::new(
            format!("the service's authentication header {name:?} cannot be sent"),
            "regenerate the client from a spec with a valid header",
        )
        .with_source(error)
    })
}

/// The credentials in the environment, as `lookup` reads a variable (`None` when unset or
/// empty): the token variable first, then the service's email and key variables.
pub(crate) fn from_env<S: Service>(
    lookup: impl Fn(&str) -> Result<Option<String>, ConfigError>,
) -> Result<Credentials, ConfigError> {
    if let Some(token) = lookup(S::TOKEN_ENV)? {
        return Ok(Credentials::token(token));
    }
    let Some(scheme) = S::API_KEY else {
        return Err(ConfigError::new(
            format!("the environment variable {} is not set", S::TOKEN_ENV),
            format!(
                "set it to your API token, or pass the token to `{}::new`",
                S::CLIENT_NAME
            ),
        ));
    };
    match (lookup(scheme.email_env)?, lookup(scheme.key_env)?) {
        (Some(email), Some(key)) => Ok(Credentials::api_key(email, key)),
        (None, None) => Err(ConfigError::new(
            format!(
                "none of the environment variables {}, {} and {} is set",
                S::TOKEN_ENV,
                scheme.email_env,
                scheme.key_env
            ),
            format!(
                "set {} to your API token, or {} and {} to your account's email and API \
                 key; or pass credentials to `{}::new`",
                S::TOKEN_ENV,
                scheme.email_env,
                scheme.key_env,
                S::CLIENT_NAME
            ),
        )),
        (Some(_), None) => Err(half_set(scheme.email_env, scheme.key_env, "API key")),
        (None, Some(_)) => Err(half_set(scheme.key_env, scheme.email_env, "email")),
    }
}

/// One of the key scheme's two variables is set, the other not.
fn half_set(set: &str, unset: &str, what: &str) -> ConfigError {
    ConfigError::new(
        format!("the environment variable {set} is set, but {unset} is not"),
        format!("set {unset} to your account's {what} too (or use an API token instead)"),
    )
}

/// The auth the client can send, for the message of a call that needs credentials the
/// client lacks.
pub(crate) fn missing<S: Service>(operation: &'static str) -> ConfigError {
    let problem = format!("{operation} needs an API token, and this client was built without one");
    let fix = match S::API_KEY {
        None => format!(
            "build the client with a token: `{}::new(token)`, or `from_env()` with {} set",
            S::CLIENT_NAME,
            S::TOKEN_ENV
        ),
        Some(scheme) => format!(
            "build the client with a token: `{}::new(token)`, or an email and API key: \
             `{}::with_api_key(email, key)`; or `from_env()` with {} set, or {} and {}",
            S::CLIENT_NAME,
            S::CLIENT_NAME,
            S::TOKEN_ENV,
            scheme.email_env,
            scheme.key_env
        ),
    };
    ConfigError::new(problem, fix).of_operation(operation)
}

#[cfg(test)]
mod tests;
