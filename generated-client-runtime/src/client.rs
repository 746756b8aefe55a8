//! The client and its builder.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue};
use tokio::sync::Semaphore;

use super::budget::Bucket;
use super::quota::Quota;
use super::{
    ConfigError, Credentials, Error, RateLimitHeaders, RateLimitPolicy, RetryBudget, RetryPolicy,
    Service, Token, base_url, credentials,
};

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
/// Far above any response of these APIs (a build's log page is well under 1 MiB), far
/// below what would hurt a process that makes many calls at once.
const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;
const DEFAULT_MAX_PAGES: u64 = 10_000;
/// See [`ClientBuilder::max_requests_in_flight`].
const DEFAULT_MAX_REQUESTS_IN_FLIGHT: usize = 64;

/// A client for service `S`. Cheap to clone: clones share one connection pool.
pub struct Client<S: Service> {
    pub(crate) inner: Arc<Inner>,
    service: PhantomData<fn() -> S>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// The base URL without a trailing slash.
    pub(crate) base_url: String,
    /// The base URL's path without a trailing slash (`""` or `/client/v4`).
    pub(crate) base_path: String,
    /// The base URL, parsed once: each request only sets its path.
    pub(crate) base: reqwest::Url,
    /// User-Agent, Accept and the service's headers.
    pub(crate) headers: HeaderMap,
    /// The headers of the credentials (`Authorization: Bearer <token>`, or an email and
    /// API key), values marked sensitive; `None` for a client built without credentials.
    pub(crate) auth: Option<HeaderMap>,
    /// The name of the header of the service's API key, if it has that scheme: an
    /// operation's header of that name is marked sensitive too.
    pub(crate) key_header: Option<HeaderName>,
    pub(crate) timeout: Duration,
    pub(crate) deadline: Duration,
    pub(crate) max_response_size: u64,
    pub(crate) max_pages: u64,
    pub(crate) retry: RetryPolicy,
    /// The retry budget of the client and its clones.
    pub(crate) budget: Bucket,
    /// The rate limit of the client and its clones.
    pub(crate) quota: Quota,
    /// A permit per request in flight, shared by the client and its clones.
    pub(crate) in_flight: Semaphore,
    pub(crate) max_in_flight: usize,
}

impl<S: Service> Client<S> {
    /// The base URL requests go to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The timeout of each attempt.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The time a call may take in all, its retries and the waits between them included.
    pub fn deadline(&self) -> Duration {
        self.inner.deadline
    }

    /// The largest response body read, in bytes.
    pub fn max_response_size(&self) -> u64 {
        self.inner.max_response_size
    }

    /// The most pages a stream fetches.
    pub fn max_pages(&self) -> u64 {
        self.inner.max_pages
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The retry budget this client shares with its clones.
    pub fn retry_budget(&self) -> &RetryBudget {
        self.inner.budget.budget()
    }

    /// What the client does when the rate limit's window is spent.
    pub fn rate_limit_policy(&self) -> &RateLimitPolicy {
        self.inner.quota.policy()
    }

    /// The most requests the client and its clones have in flight at once.
    pub fn max_requests_in_flight(&self) -> usize {
        self.inner.max_in_flight
    }

    /// The requests the client and its clones have in flight now (sent, or being sent,
    /// and not yet read to the end of their response).
    pub fn requests_in_flight(&self) -> usize {
        self.inner
            .max_in_flight
            .saturating_sub(self.inner.in_flight.available_permits())
    }
}

impl<S: Service> Clone for Client<S> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            service: PhantomData,
        }
    }
}

/// Shows the service, base URL, timeout and retry policy; never the credentials.
impl<S: Service> fmt::Debug for Client<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &S::NAME)
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("max_response_size", &self.inner.max_response_size)
            .field("max_pages", &self.inner.max_pages)
            .field("retry_policy", &self.inner.retry)
            .field("retry_budget", self.inner.budget.budget())
            .field("rate_limit_policy", self.inner.quota.policy())
            .field("max_requests_in_flight", &self.inner.max_in_flight)
            .finish_non_exhaustive()
    }
}

/// Configures and builds a client for service `S`.
pub struct ClientBuilder<S: Service> {
    credentials: Option<Credentials>,
    base_url: String,
    connect_timeout: Duration,
    timeout: Duration,
    deadline: Duration,
    max_response_size: u64,
    max_pages: u64,
    retry: RetryPolicy,
    retry_budget: RetryBudget,
    rate_limit: RateLimitPolicy,
    max_in_flight: usize,
    #[cfg(feature = "reqwest-0-13")]
    http: Option<reqwest::Client>,
    user_agent: String,
    service: PhantomData<fn() -> S>,
}

impl<S: Service> ClientBuilder<S> {
    /// A builder with the token, for the service's default base URL.
    pub fn new(token: impl Into<Token>) -> Self {
        Self::with(Some(Credentials::token(token)))
    }

    /// A builder with the credentials (a token, or an email and API key), for the
    /// service's default base URL.
    pub fn from_credentials(credentials: Credentials) -> Self {
        Self::with(Some(credentials))
    }

    /// A builder for a client without credentials, which can call only the operations
    /// that need none (a Cloudflare deploy hook's trigger); the others fail without
    /// sending anything.
    pub fn without_token() -> Self {
        Self::with(None)
    }

    fn with(credentials: Option<Credentials>) -> Self {
        Self {
            credentials,
            base_url: S::DEFAULT_BASE_URL.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            max_pages: DEFAULT_MAX_PAGES,
            retry: RetryPolicy::default(),
            retry_budget: RetryBudget::default(),
            rate_limit: RateLimitPolicy::default(),
            max_in_flight: DEFAULT_MAX_REQUESTS_IN_FLIGHT,
            #[cfg(feature = "reqwest-0-13")]
            http: None,
            user_agent: S::USER_AGENT.to_owned(),
            service: PhantomData,
        }
    }

    /// A builder configured from the environment: the credentials, and the base URL from
    /// `S::BASE_URL_ENV` when it is set.
    ///
    /// The token's variable (`S::TOKEN_ENV`, Cloudflare's `CLOUDFLARE_API_TOKEN`) is read
    /// first. When it is unset and the service also takes an email and API key, their two
    /// variables are read instead (Cloudflare's `CLOUDFLARE_EMAIL` and
    /// `CLOUDFLARE_API_KEY`), both required. A missing variable is an [`Error::Config`]
    /// that says which to set.
    pub fn from_env() -> Result<Self, Error> {
        let credentials = credentials::from_env::<S>(env_var)?;
        let mut builder = Self::from_credentials(credentials);
        if let Some(base_url) = env_var(S::BASE_URL_ENV)? {
            builder.base_url = base_url;
        }
        Ok(builder)
    }

    /// Replaces the credentials: a token ([`Credentials::token`]) or, for a service that
    /// takes them (Cloudflare), an account's email and API key
    /// ([`Credentials::api_key`]), which [`build`](Self::build) refuses for another.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The base URL (an absolute `http` or `https` URL, which may have a path such as
    /// `/api`); checked by [`build`](Self::build).
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The time allowed to connect (default 5 s); past it, the attempt fails with an
    /// [`Error::Transport`] whose [`is_connect`](crate::TransportError::is_connect) and
    /// [`is_timeout`](crate::TransportError::is_timeout) are true. Not used with a client
    /// of your own (`http_client`, feature `reqwest-0-13`), whose own setting applies.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time allowed for each attempt, from sending the request to reading the whole
    /// response (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time a call may take in all: every attempt, and the waits between them
    /// (default 120 s). A call returns within it: a retry that would not fit is not
    /// made, and the last attempt gets only the time left ([`Error::DeadlineExceeded`]).
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The largest response body the client reads, in bytes (default 32 MiB). The limit
    /// holds while the body arrives, so a longer one is never held in memory: the call
    /// fails with [`Error::ResponseTooLarge`].
    #[must_use]
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The most pages one stream (`into_stream`) fetches (default 10,000); the stream
    /// then ends with [`Error::Paging`] rather than run on with a server that never
    /// says it is done.
    #[must_use]
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// When failed requests are tried again (default [`RetryPolicy::default`]).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// How many retries the client and its clones may make in all while requests fail
    /// (default [`RetryBudget::default`]: 500 tokens, 5 a retry, 10 after a timeout);
    /// [`RetryBudget::disabled`] lets every retry the policy allows go.
    #[must_use]
    pub fn retry_budget(mut self, budget: RetryBudget) -> Self {
        self.retry_budget = budget;
        self
    }

    /// What the client and its clones do when a response says the rate limit's window is
    /// spent (default [`RateLimitPolicy::wait`]: later calls wait for the reset, within
    /// their deadline, rather than collect `429`s).
    #[must_use]
    pub fn rate_limit_policy(mut self, policy: RateLimitPolicy) -> Self {
        self.rate_limit = policy;
        self
    }

    /// The most requests the client and its clones have in flight at once (default 64);
    /// a call beyond it waits for one to end, within its deadline. It bounds the
    /// connections (each request in flight holds one HTTP/1.1 connection, a socket and its
    /// buffers) and the response bodies held at once, however many tasks call.
    ///
    /// Why 64: far above what these APIs let a client use (Cloudflare's quota is 1,200
    /// requests per 5 minutes; at a few hundred milliseconds a call, a handful in flight
    /// already spend it faster than it refills), so it never slows a program the rate
    /// limit would not; and far below the 1,024 open files a Linux process gets by
    /// default, so that a program calling from thousands of tasks keeps its sockets, and
    /// its memory, bounded.
    #[must_use]
    pub fn max_requests_in_flight(mut self, requests: usize) -> Self {
        self.max_in_flight = requests;
        self
    }

    /// Sends requests with your own `reqwest` client (proxies, certificates, ...). Its
    /// connect timeout applies; the per-attempt [`timeout`](Self::timeout) still does.
    ///
    /// Its redirect policy applies too: build it with
    /// `.redirect(reqwest::redirect::Policy::none())` to keep the guarantee of the
    /// client's own, which never follows a redirect ([`Error::Redirect`]).
    ///
    /// Only with the cargo feature `reqwest-0-13`, which makes reqwest 0.13 part of the
    /// API you use: a release of this crate that moves to another major version of
    /// reqwest renames the feature, and code that calls this method must follow. Without
    /// the feature, no type of reqwest is part of this crate's API.
    #[cfg(feature = "reqwest-0-13")]
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The `User-Agent` header (default `generated-client/<version>`).
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Checks the configuration and builds the client. A configuration error
    /// ([`Error::Config`]) says what is wrong and how to fix it.
    pub fn build(self) -> Result<S::Client, Error> {
        let base = base_url::check(&self.base_url, S::DEFAULT_BASE_URL)?;
        if self.max_in_flight == 0 {
            return Err(ConfigError::new(
                "max_requests_in_flight is 0, which would let no request go",
                "allow at least 1 (the default is 64)",
            )
            .into());
        }
        let max_in_flight = self.max_in_flight.min(Semaphore::MAX_PERMITS);
        let mut headers = HeaderMap::new();
        let auth = self
            .credentials
            .as_ref()
            .map(credentials::headers::<S>)
            .transpose()?;
        let key_header = S::API_KEY.and_then(|scheme| HeaderName::try_from(scheme.key_header).ok());
        let user_agent = HeaderValue::try_from(self.user_agent.as_str()).map_err(|error| {
            ConfigError::new(
                format!("invalid User-Agent {:?}", self.user_agent),
                "use visible ASCII characters and spaces only",
            )
            .with_source(error)
        })?;
        headers.insert(USER_AGENT, user_agent);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in S::HEADERS {
            // The generator checks these; a failure here is a generator bug.
            let header = HeaderName::try_from(*name)
                .map_err(http::Error::from)
                .and_then(|name| Ok((name, HeaderValue::try_from(*value)?)));
            let (name, value) = header.map_err(|error| {
                ConfigError::new(
                    format!("the service header {name:?} cannot be sent"),
                    "regenerate the client from a spec with a valid header",
                )
                .with_source(error)
            })?;
            headers.insert(name, value);
        }
        #[cfg(feature = "reqwest-0-13")]
        let http = match self.http {
            Some(http) => http,
            None => default_http_client(self.connect_timeout)?,
        };
        #[cfg(not(feature = "reqwest-0-13"))]
        let http = default_http_client(self.connect_timeout)?;
        let client = Client {
            inner: Arc::new(Inner {
                http,
                base_url: base.text,
                base_path: base.path,
                base: base.parsed,
                headers,
                auth,
                key_header,
                timeout: self.timeout,
                deadline: self.deadline,
                max_response_size: self.max_response_size,
                max_pages: self.max_pages,
                retry: self.retry,
                budget: Bucket::new(self.retry_budget),
                quota: Quota::new(self.rate_limit, S::RATE_LIMIT != RateLimitHeaders::None),
                in_flight: Semaphore::new(max_in_flight),
                max_in_flight,
            }),
            service: PhantomData,
        };
        Ok(S::Client::from(client))
    }
}

/// Shows everything but the secrets.
impl<S: Service> fmt::Debug for ClientBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ClientBuilder");
        debug
            .field("service", &S::NAME)
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_response_size", &self.max_response_size)
            .field("max_pages", &self.max_pages)
            .field("retry_policy", &self.retry)
            .field("retry_budget", &self.retry_budget)
            .field("rate_limit_policy", &self.rate_limit)
            .field("max_requests_in_flight", &self.max_in_flight);
        #[cfg(feature = "reqwest-0-13")]
        debug.field("http_client", &self.http.is_some());
        debug.field("user_agent", &self.user_agent).finish()
    }
}

/// The HTTP client a builder makes when it is given none.
fn default_http_client(connect_timeout: Duration) -> Result<reqwest::Client, ConfigError> {
    #[cfg(all(feature = "tls-ring", not(feature = "tls-aws-lc-rs")))]
    install_ring_provider();
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        // These APIs do not redirect: a redirect means a wrong base URL, or a server that
        // should not get the body and token of the next request.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| {
            ConfigError::new(
                "could not create the HTTP client (its TLS setup failed)",
                "check that the system's root certificates can be read, or build with the \
                 other TLS feature (tls-aws-lc-rs or tls-ring)",
            )
            .with_source(error)
        })
}

/// With ring as the only crypto provider, reqwest takes the process's default provider:
/// ring's is installed unless the program installed one of its own.
#[cfg(all(feature = "tls-ring", not(feature = "tls-aws-lc-rs")))]
fn install_ring_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one first: whichever it is then serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// A set, non-empty environment variable; `None` when unset or empty.
fn env_var(name: &str) -> Result<Option<String>, ConfigError> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value.trim().to_owned())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(error @ std::env::VarError::NotUnicode(_)) => Err(ConfigError::new(
            format!("the environment variable {name} is not valid UTF-8"),
            "set it to the value itself, in plain text",
        )
        .with_source(error)),
    }
}
