//! Sending a request: retries, timeouts, and turning responses into results or errors.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, PROXY_AUTHORIZATION};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use tracing::field::Empty;

use super::error::excerpt;
use super::rate_limit::until_unix_seconds;
use super::request::is_dot_segment;
use super::retry::{is_retryable_status, retry_after};
use super::{
    ApiError, Client, DecodeError, DecodeFailure, Error, RateLimit, RateLimitHeaders, Request,
    Response, ResponseParts, Service,
};

/// What one attempt got: a whole response, or an error.
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl<S: Service> Client<S> {
    /// Sends the request, retrying as the [`RetryPolicy`](super::RetryPolicy) allows, and
    /// decodes a 2xx body with [`Service::decode`]. Everything else becomes an [`Error`].
    pub async fn execute<T: DeserializeOwned + Send>(
        &self,
        request: Request,
    ) -> Result<Response<T, S::Meta>, Error> {
        let span = tracing::info_span!(
            "request",
            service = S::NAME,
            operation = request.operation,
            attempt = Empty,
            status = Empty,
        );
        let operation = request.operation;
        // Only decoding depends on `T`: the retry loop is compiled once per service, not
        // once per result type, which keeps a large generated client quick to compile.
        async {
            let (received, rate_limit, attempts) = self.receive(request, span.clone()).await?;
            decode::<S, T>(operation, received, rate_limit, attempts)
        }
        .instrument(span.clone())
        .await
    }

    /// Sends the request, retrying as the policy allows, until a 2xx response arrives
    /// (with its rate limit and the attempts it took) or an error ends it.
    async fn receive(
        &self,
        request: Request,
        span: tracing::Span,
    ) -> Result<(Received, RateLimit, u32), Error> {
        let operation = request.operation;
        let url = self.url(&request)?;
        let headers = self.headers(&request)?;
        let policy = &self.inner.retry;
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            span.record("attempt", attempt);
            let retries_left = attempt <= policy.retries();
            let received = match self.attempt(&request, &url, &headers, operation).await {
                Ok(received) => received,
                Err(error) if retries_left && error.is_retryable() => {
                    let delay = policy.backoff(attempt);
                    tracing::debug!(attempt, delay_ms = millis(delay), error = %error, "retrying");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                Err(error) => return Err(error),
            };
            let status = received.status;
            span.record("status", status.as_u16());
            let rate_limit = RateLimit::from_headers(&S::RATE_LIMIT, &received.headers);
            if status.is_success() {
                return Ok((received, rate_limit, attempt));
            }
            let now = SystemTime::now();
            let retry_after = retry_after(&received.headers, now);
            let error = ApiError {
                operation,
                status,
                details: S::error_details(&received.body).unwrap_or_default(),
                body: received.body,
                headers: received.headers,
                rate_limit,
                retry_after,
                attempts: attempt,
            };
            if !retries_left || !is_retryable_status(status) {
                return Err(Error::Api(Box::new(error)));
            }
            let backoff = policy.backoff(attempt);
            let delay = match (retry_after, self.reset_wait(status, &error.headers, now)) {
                (Some(wait), _) => wait,
                (None, Some(wait)) => wait.max(backoff),
                (None, None) => backoff,
            };
            if delay > policy.retry_after_limit() {
                tracing::debug!(
                    attempt,
                    status = status.as_u16(),
                    wait_ms = millis(delay),
                    "not retrying: the server asks for a longer wait than the retry policy allows"
                );
                return Err(Error::Api(Box::new(error)));
            }
            tracing::debug!(
                attempt,
                status = status.as_u16(),
                delay_ms = millis(delay),
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// On a 429 without `Retry-After`, the wait until the reset a `Separate`-style service
    /// gives as a Unix time.
    fn reset_wait(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Option<Duration> {
        let RateLimitHeaders::Separate { reset, .. } = S::RATE_LIMIT else {
            return None;
        };
        if status != StatusCode::TOO_MANY_REQUESTS {
            return None;
        }
        let at = headers.get(reset)?.to_str().ok()?.trim().parse().ok()?;
        Some(until_unix_seconds(at, now))
    }

    /// One attempt: send, and read the whole body within the timeout.
    async fn attempt(
        &self,
        request: &Request,
        url: &reqwest::Url,
        headers: &HeaderMap,
        operation: &'static str,
    ) -> Result<Received, Error> {
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url.clone())
            .headers(headers.clone())
            .timeout(self.inner.timeout);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        // A secret URL stays out of the HTTP client's error messages.
        let transport = |error: reqwest::Error| {
            let error = if request.secret_url {
                error.without_url()
            } else {
                error
            };
            transport(operation, error)
        };
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(transport)?;
        Ok(Received {
            status,
            headers,
            body,
        })
    }

    /// The base URL, the request's path and its query.
    fn url(&self, request: &Request) -> Result<reqwest::Url, Error> {
        let operation = request.operation;
        let path = request.path.as_str();
        if !path.is_empty() && !path.starts_with('/') {
            return Err(Error::build(format!(
                "{operation}: the path {path:?} does not start with '/'"
            )));
        }
        if path.split('/').any(is_dot_segment) {
            return Err(Error::build(format!(
                "{operation}: the path {path:?} has a `.` or `..` segment, which URL parsers \
                 resolve; it would reach another URL"
            )));
        }
        let expected = format!("{}{path}", self.inner.base_path);
        let expected = if expected.is_empty() {
            "/"
        } else {
            expected.as_str()
        };
        // The base URL is parsed once; a request only parses its path.
        let mut url = self.inner.base.clone();
        url.set_path(expected);
        if url.path() != expected {
            return Err(Error::build(format!(
                "{operation}: the path {path:?} would not be sent as written \
                 (it has characters that must be percent-encoded)"
            )));
        }
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(
                request
                    .query
                    .iter()
                    .map(|(name, value)| (*name, value.as_str())),
            );
        }
        Ok(url)
    }

    /// The client's headers, `Content-Type` when there is a body, then the request's own,
    /// which replace any of the same name.
    fn headers(&self, request: &Request) -> Result<HeaderMap, Error> {
        let operation = request.operation;
        let mut headers = self.inner.headers.clone();
        if request.authenticated {
            let authorization = self.inner.authorization.clone().ok_or_else(|| {
                Error::build(format!(
                    "{operation} needs an API token, and this client was built without one"
                ))
            })?;
            headers.insert(AUTHORIZATION, authorization);
        }
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let mut replaced: Vec<HeaderName> = Vec::new();
        for (name, value) in &request.headers {
            let name = HeaderName::try_from(*name).map_err(|error| {
                Error::build_with(format!("{operation}: invalid header name {name:?}"), error)
            })?;
            let mut value = HeaderValue::try_from(value.as_str()).map_err(|error| {
                Error::build_with(
                    format!("{operation}: invalid value of header {name}"),
                    error,
                )
            })?;
            if [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE].contains(&name) {
                value.set_sensitive(true);
            }
            if replaced.contains(&name) {
                headers.append(name, value);
            } else {
                headers.insert(name.clone(), value);
                replaced.push(name);
            }
        }
        Ok(headers)
    }
}

/// A 2xx response's result, or why there is none.
fn decode<S: Service, T: DeserializeOwned>(
    operation: &'static str,
    received: Received,
    rate_limit: RateLimit,
    attempts: u32,
) -> Result<Response<T, S::Meta>, Error> {
    let Received {
        status,
        headers,
        body,
    } = received;
    match S::decode::<T>(&body) {
        Ok((value, meta)) => Ok(Response::new(
            value,
            meta,
            ResponseParts {
                status,
                headers,
                rate_limit,
            },
        )),
        Err(DecodeFailure::Unsuccessful(details)) => Err(Error::Api(Box::new(ApiError {
            operation,
            status,
            details,
            body,
            headers,
            rate_limit,
            retry_after: None,
            attempts,
        }))),
        Err(DecodeFailure::Json { path, message }) => {
            tracing::debug!(path = %path, "the response body does not match the expected type");
            Err(Error::Decode(Box::new(DecodeError {
                operation,
                status,
                path,
                message,
                excerpt: excerpt(&body, 500),
                body,
            })))
        }
    }
}

fn transport(operation: &'static str, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout { operation }
    } else if error.is_builder() {
        Error::build_with(format!("{operation}: could not build the request"), error)
    } else {
        Error::Transport {
            operation,
            source: error,
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
