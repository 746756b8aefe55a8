//! The description of one API that generated code gives the runtime.

use std::fmt;

use super::credentials::ApiKeyScheme;

/// An API the generated code describes: `generated_client::cloudflare::Cloudflare` and
/// `generated_client::buddy::Buddy`, the `S` of [`ClientBuilder<S>`](super::ClientBuilder).
///
/// Name it to write code generic over the services, such as settings every client of a
/// program shares:
///
/// ```
/// use std::time::Duration;
///
/// use generated_client::buddy::BuddyClient;
/// use generated_client::cloudflare::CloudflareClient;
/// use generated_client::runtime::{ClientBuilder, RetryPolicy, Service};
///
/// /// The settings of every client of this program, whichever API it calls.
/// fn configured<S: Service>(builder: ClientBuilder<S>) -> ClientBuilder<S> {
///     builder
///         .timeout(Duration::from_secs(10))
///         .retry_policy(RetryPolicy::default().with_max_retries(4))
/// }
///
/// # fn main() -> Result<(), generated_client::Error> {
/// let cloudflare: CloudflareClient = configured(CloudflareClient::builder("token"))
///     .base_url("http://127.0.0.1:8080/client/v4")
///     .build()?;
/// let buddy: BuddyClient = configured(BuddyClient::builder("token"))
///     .base_url("http://127.0.0.1:8081")
///     .build()?;
/// # let _ = (cloudflare, buddy);
/// # Ok(())
/// # }
/// ```
///
/// It is sealed: only generated code provides services (through a hidden trait that is
/// not part of the API, and may change in any release), so no implementation elsewhere
/// can break when the runtime needs more of a service:
///
/// ```compile_fail
/// struct Mine;
/// impl generated_client::runtime::Service for Mine {}
/// ```
pub trait Service: ServiceDefinition {}

impl<S: ServiceDefinition> Service for S {}

/// What the runtime reads of an API: generated code implements it on a zero-sized marker
/// type per service (as `__private::Service`), which makes that type a [`Service`].
///
/// Everything the runtime needs to know about an API is here: where it lives, which
/// environment variables configure it, which headers every request carries, how its
/// rate-limit headers look, and how its response bodies are shaped.
pub trait ServiceDefinition: Sized + Send + Sync + 'static {
    /// The service's name, as in operation names and traces (`"cloudflare"`).
    const NAME: &'static str;
    /// The client type's name, for messages that say how to build one
    /// (`"CloudflareClient"`).
    const CLIENT_NAME: &'static str;
    /// The `User-Agent` requests carry unless configured otherwise: the SDK's name and the
    /// version of the crate that holds the generated code (`generated-client/0.2.0`).
    const USER_AGENT: &'static str;
    /// The base URL requests go to unless configured otherwise.
    const DEFAULT_BASE_URL: &'static str;
    /// The environment variable that holds the API token.
    const TOKEN_ENV: &'static str;
    /// The environment variable that overrides the base URL, when set.
    const BASE_URL_ENV: &'static str;
    /// The service's other authentication scheme, an account's email and an API key in
    /// two headers (Cloudflare's `X-Auth-Email` and `X-Auth-Key`), with the environment
    /// variables `from_env` reads them from when the token's is unset; `None` (the
    /// default) for a service that takes a token only.
    const API_KEY: Option<ApiKeyScheme> = None;
    /// Headers sent on every request, e.g. `[("X-Buddy-Media-Type", "buddy.v1.1.0")]`.
    const HEADERS: &'static [(&'static str, &'static str)];
    /// How the service reports its rate limits.
    const RATE_LIMIT: RateLimitHeaders;
    /// What most of the service's responses carry besides their result, which unwraps
    /// them (its envelope's metadata, or `()`); operations in another envelope name theirs.
    type Meta: Envelope;
    /// The service's client type, built by [`ClientBuilder::build`](super::ClientBuilder::build).
    type Client: From<super::Client<Self>>;
    /// The error details of an error response body, if it has the service's error shape.
    fn error_details(body: &[u8]) -> Option<Vec<ErrorDetail>>;
}

/// How a 2xx body is unwrapped: implemented by what a response in an envelope carries
/// besides its result (a service's `ResponseMeta`), and by `()` for a body that is the
/// result itself. Services whose resources answer in different envelopes have one such
/// type per envelope.
///
/// Splitting is not generic over the result type: the envelope is read once with its
/// result kept as raw JSON text, which [`decode_body`](super::__private::decode_body)
/// then decodes as the operation's result.
pub trait Envelope: Sized + Send + Sync + fmt::Debug + 'static {
    /// Where the result sits, for the message when it is missing (`"result"`).
    const RESULT: &'static str;

    /// Splits a 2xx response body into the JSON text of its result (`None` when it is
    /// absent or `null`) and the rest; an envelope that says the call failed is
    /// [`DecodeFailure::Unsuccessful`].
    fn split(body: &str) -> Result<(Option<&str>, Self), DecodeFailure>;
}

/// What a response without a body (`204 No Content`) carries: nothing, and its result is
/// `()`. Whatever body such a response has anyway is not read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

impl Envelope for NoContent {
    const RESULT: &'static str = ".";

    fn split(_body: &str) -> Result<(Option<&str>, Self), DecodeFailure> {
        // `()` reads from `null`; any other result type is a generator error, reported as
        // a decode failure rather than a panic.
        Ok((None, NoContent))
    }
}

/// A body that is the result itself; an empty body is `null`.
impl Envelope for () {
    const RESULT: &'static str = ".";

    fn split(body: &str) -> Result<(Option<&str>, Self), DecodeFailure> {
        let result = (!body.trim_ascii().is_empty()).then_some(body);
        Ok((result, ()))
    }
}

/// The headers in which a service reports its rate limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitHeaders {
    /// The service sends no rate-limit headers.
    None,
    /// One header per figure; reset is a Unix time in seconds (Buddy).
    Separate {
        /// The header with the number of requests allowed in a window.
        limit: &'static str,
        /// The header with the number of requests left in the current window.
        remaining: &'static str,
        /// The header with the Unix time (seconds) at which the window resets.
        reset: &'static str,
    },
    /// The IETF `RateLimit` header (`"default";r=50;t=30`, also the older
    /// `limit=100, remaining=50, reset=30` form) and its policy header
    /// (`"default";q=1200;w=300`) (Cloudflare).
    Structured {
        /// The `RateLimit` header's name.
        header: &'static str,
        /// The `RateLimit-Policy` header's name, if the service sends one.
        policy: Option<&'static str>,
    },
}

/// Why a 2xx body did not give a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeFailure {
    /// The JSON did not match the expected type.
    Json {
        /// The JSON path of the failing value, e.g. `result[3].build_outcome`.
        path: String,
        /// The deserializer's message.
        message: String,
    },
    /// An envelope said `success: false` (Cloudflare does this even under HTTP 200).
    Unsuccessful(Vec<ErrorDetail>),
}

/// One error of an API error response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The API's error code, if it gives one (Cloudflare's `12000`, ...).
    pub code: Option<i64>,
    /// The API's message.
    pub message: Option<String>,
}

impl ErrorDetail {
    /// An error detail with the given code and message.
    pub fn new(code: Option<i64>, message: Option<String>) -> Self {
        Self { code, message }
    }
}

/// `[12000] Not found`, or just the message when there is no code.
impl fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The message is the server's: shown as one line of at most 300 characters.
        let message = self
            .message
            .as_deref()
            .map(|message| super::error::one_line_excerpt(message.as_bytes(), 300));
        match (self.code, message) {
            (Some(code), Some(message)) => write!(f, "[{code}] {message}"),
            (Some(code), None) => write!(f, "[{code}]"),
            (None, Some(message)) => f.write_str(&message),
            (None, None) => f.write_str("(no message)"),
        }
    }
}
