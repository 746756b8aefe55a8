//! Sending a request: retries, timeouts, and turning responses into results or errors.

mod waits;

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, PROXY_AUTHORIZATION};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::Instrument;
use tracing::field::Empty;

use super::codec::decode_body;
use super::credentials;
use super::error::{Call, Phase, TransportError, excerpt, is_protocol_error};
use super::request::is_dot_segment;
use super::retry::retry_after;
use super::{
    ApiError, Client, DecodeError, DecodeFailure, Envelope, Error, RateLimit, Request, Response,
    ResponseParts, Service,
};

/// What one attempt got: a whole response, or an error.
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl<S: Service> Client<S> {
    /// Sends the request, retrying as the [`RetryPolicy`](super::RetryPolicy) allows, and
    /// unwraps a 2xx body in the service's envelope ([`Service::Meta`]). Everything else
    /// becomes an [`Error`] that names the call.
    pub async fn execute<T: DeserializeOwned + Send>(
        &self,
        request: Request,
    ) -> Result<Response<T, S::Meta>, Error> {
        self.execute_in::<T, S::Meta>(request).await
    }

    /// As [`execute`](Self::execute), for a response in the envelope `M`
    /// ([`Envelope::split`]): an operation's own, or `()` for a body that is the result.
    pub async fn execute_in<T: DeserializeOwned + Send, M: Envelope>(
        &self,
        request: Request,
    ) -> Result<Response<T, M>, Error> {
        // Only decoding depends on `T`: sending, retrying and the tracing span are
        // compiled once per service, not once per result type, which keeps a large
        // generated client quick to compile.
        let answered = self.send(request).await?;
        match decode_body::<T, M>(&answered.received.body) {
            Ok((value, meta)) => Ok(Response::new(value, meta, answered.into_parts())),
            Err(failure) => Err(answered.into_error(failure)),
        }
    }

    /// Sends the request as [`execute`](Self::execute) does (retries, deadline, rate
    /// limits, and an [`Error`] from a non-2xx answer's JSON error body) and returns a 2xx
    /// body as it arrived: the raw bytes of an operation whose answer is not JSON (a
    /// script's source, a stored value), in no envelope and not decoded, at most
    /// `max_response_size` of them ([`Error::ResponseTooLarge`] past that).
    ///
    /// The request accepts any content type (`Accept: */*`) unless it names one itself:
    /// JSON calls ask for `application/json`, which a raw answer need not be.
    pub async fn execute_bytes(&self, mut request: Request) -> Result<Response<Vec<u8>>, Error> {
        if !request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            request.header("accept", "*/*");
        }
        let mut answered = self.send(request).await?;
        let body = std::mem::take(&mut answered.received.body);
        Ok(Response::new(Vec::from(body), (), answered.into_parts()))
    }

    /// Sends the request in its tracing span, retrying as the policy allows, until a 2xx
    /// response arrives or an error ends it.
    async fn send(&self, request: Request) -> Result<Answered, Error> {
        let span = tracing::info_span!(
            "request",
            service = S::NAME,
            operation = request.operation,
            attempt = Empty,
            status = Empty,
        );
        let call = request.call(&self.inner.base_url);
        let (received, rate_limit, attempts) = self
            .receive(request, &call, span.clone())
            .instrument(span.clone())
            .await?;
        Ok(Answered {
            call,
            received,
            rate_limit,
            attempts,
            span,
        })
    }

    /// Sends the request, retrying as the policy allows, until a 2xx response arrives
    /// (with its rate limit and the attempts it took) or an error ends it.
    async fn receive(
        &self,
        mut request: Request,
        call: &Call,
        span: tracing::Span,
    ) -> Result<(Received, RateLimit, u32), Error> {
        if let Some((message, source)) = request.invalid.take() {
            return Err(Error::InvalidRequest {
                call: call.clone(),
                message,
                source: Some(Box::new(source)),
            });
        }
        let url = self.url(&request, call)?;
        let headers = self.headers(&request, call)?;
        let deadline = Instant::now() + self.inner.deadline;
        let mut attempt: u32 = 0;
        // What this call's retries took from the retry budget.
        let mut spent = 0;
        loop {
            let mut ticket = self.admitted(call, deadline, attempt).await?;
            let permit = self.permit(call, deadline, attempt).await?;
            attempt = attempt.saturating_add(1);
            span.record("attempt", attempt);
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                // The waits for the rate limit or a turn took all the time.
                return Err(Error::DeadlineExceeded {
                    call: call.clone(),
                    after: self.inner.deadline,
                    attempts: attempt - 1,
                });
            }
            let outcome = match self.attempt(&request, &url, &headers, call, left).await {
                Ok(received) => {
                    let rate_limit = RateLimit::from_headers(&S::RATE_LIMIT, &received.headers);
                    self.inner
                        .quota
                        .observe(&mut ticket, &rate_limit, Instant::now());
                    self.classify(received, rate_limit, call, attempt)
                }
                // The attempt's time was the deadline's remainder: the call is over.
                Err(Error::Timeout { call, .. }) if left < self.inner.timeout => {
                    Err(Error::DeadlineExceeded {
                        call,
                        after: self.inner.deadline,
                        attempts: attempt,
                    })
                }
                Err(error) => Err(error),
            };
            drop((permit, ticket));
            let error = match outcome {
                Ok((received, rate_limit)) => {
                    span.record("status", received.status.as_u16());
                    self.inner.budget.on_success(spent);
                    return Ok((received, rate_limit, attempt));
                }
                Err(error) => error,
            };
            if let Some(status) = error.status_code() {
                span.record("status", status.as_u16());
            }
            match self.retry_wait(&error, attempt, request.idempotent, deadline) {
                Some((wait, cost)) => {
                    spent = spent.saturating_add(cost);
                    tokio::time::sleep(wait).await;
                }
                None => return Err(error),
            }
        }
    }

    /// A whole response as a 2xx result with its rate limit, or an API error.
    fn classify(
        &self,
        received: Received,
        rate_limit: RateLimit,
        call: &Call,
        attempts: u32,
    ) -> Result<(Received, RateLimit), Error> {
        if received.status.is_success() {
            return Ok((received, rate_limit));
        }
        Err(Error::Api(Box::new(ApiError {
            call: call.clone(),
            status: received.status,
            details: error_details::<S>(&received.body),
            retry_after: retry_after(&received.headers, SystemTime::now()),
            body: received.body,
            headers: received.headers,
            rate_limit,
            attempts,
        })))
    }

    /// One attempt: send, and read the whole body within the timeout (or the time `left`
    /// before the call's deadline, if shorter), and at most `max_response_size` bytes of it.
    async fn attempt(
        &self,
        request: &Request,
        url: &reqwest::Url,
        headers: &HeaderMap,
        call: &Call,
        left: Duration,
    ) -> Result<Received, Error> {
        let timeout = self.inner.timeout.min(left);
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url.clone())
            .headers(headers.clone())
            .timeout(timeout);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let mut response = builder
            .send()
            .await
            .map_err(|error| transport(call, timeout, Phase::Request, error))?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(http::header::LOCATION)
                .map(|value| excerpt(value.as_bytes(), 300));
            return Err(Error::Redirect {
                call: call.clone(),
                status,
                location,
            });
        }
        let too_large = || Error::ResponseTooLarge {
            call: call.clone(),
            status,
            limit: self.inner.max_response_size,
        };
        let limit = self.inner.max_response_size;
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(too_large());
        }
        let headers = std::mem::take(response.headers_mut());
        // Read chunk by chunk, so that a body past the limit is never held whole.
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| transport(call, timeout, Phase::Body, error))?
        {
            let length = u64::try_from(body.len().saturating_add(chunk.len())).unwrap_or(u64::MAX);
            if length > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Received {
            status,
            headers,
            body: body.freeze(),
        })
    }

    /// The base URL, the request's path and its query.
    fn url(&self, request: &Request, call: &Call) -> Result<reqwest::Url, Error> {
        let path = request.path.as_str();
        let invalid = |message: String| Error::invalid_request(call.clone(), message);
        if !path.is_empty() && !path.starts_with('/') {
            return Err(invalid(format!(
                "the path {path:?} does not start with '/'"
            )));
        }
        if path.split('/').any(is_dot_segment) {
            return Err(invalid(
                "the path has a `.` or `..` segment, which URL parsers resolve: it would reach \
                 another URL"
                    .to_owned(),
            ));
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
            return Err(invalid(
                "the path would not be sent as written (it has characters that must be \
                 percent-encoded)"
                    .to_owned(),
            ));
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
    fn headers(&self, request: &Request, call: &Call) -> Result<HeaderMap, Error> {
        let mut headers = self.inner.headers.clone();
        if request.authenticated {
            let auth = self.inner.auth.as_ref();
            let auth = auth.ok_or_else(|| credentials::missing::<S>(call.operation()))?;
            for (name, value) in auth {
                headers.insert(name.clone(), value.clone());
            }
        }
        if let Some(content_type) = &request.content_type {
            let value = HeaderValue::try_from(content_type.as_str()).map_err(|error| {
                Error::InvalidRequest {
                    call: call.clone(),
                    message: format!("the content type {content_type:?} cannot be sent"),
                    source: Some(Box::new(error)),
                }
            })?;
            headers.insert(CONTENT_TYPE, value);
        }
        let mut replaced: Vec<HeaderName> = Vec::new();
        for (name, value) in &request.headers {
            let invalid = |message: String, source: http::Error| Error::InvalidRequest {
                call: call.clone(),
                message,
                source: Some(Box::new(source)),
            };
            let name = HeaderName::try_from(*name)
                .map_err(|e| invalid(format!("invalid header name {name:?}"), e.into()))?;
            let mut value = HeaderValue::try_from(value.as_str()).map_err(|e| {
                invalid(
                    format!(
                        "the value of header {name} cannot be sent: it has a line break or \
                         another control character"
                    ),
                    e.into(),
                )
            })?;
            if [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE].contains(&name)
                || self.inner.key_header.as_ref() == Some(&name)
            {
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

/// A 2xx response, waiting to be decoded.
struct Answered {
    call: Call,
    received: Received,
    rate_limit: RateLimit,
    attempts: u32,
    span: tracing::Span,
}

impl Answered {
    fn into_parts(self) -> ResponseParts {
        ResponseParts {
            status: self.received.status,
            headers: self.received.headers,
            rate_limit: self.rate_limit,
        }
    }

    /// Why the body gave no result, as the error the call returns.
    fn into_error(self, failure: DecodeFailure) -> Error {
        let Received {
            status,
            headers,
            body,
        } = self.received;
        match failure {
            DecodeFailure::Unsuccessful(details) => Error::Api(Box::new(ApiError {
                call: self.call,
                status,
                details,
                body,
                headers,
                rate_limit: self.rate_limit,
                retry_after: None,
                attempts: self.attempts,
            })),
            DecodeFailure::Json { path, message } => {
                let _entered = self.span.enter();
                tracing::debug!(path = %path, "the response body does not match the expected type");
                Error::Decode(Box::new(DecodeError {
                    call: self.call,
                    status,
                    path: excerpt(path.as_bytes(), 300),
                    message: excerpt(message.as_bytes(), 300),
                    excerpt: excerpt(&body, 500),
                    body,
                }))
            }
        }
    }
}

/// The details of an error body. One bad byte in it does not lose them: the body is read
/// again with invalid UTF-8 replaced.
fn error_details<S: Service>(body: &[u8]) -> Vec<super::ErrorDetail> {
    S::error_details(body)
        .or_else(|| match std::str::from_utf8(body) {
            Ok(_) => None,
            Err(_) => S::error_details(String::from_utf8_lossy(body).as_bytes()),
        })
        .unwrap_or_default()
}

/// The error of a failed exchange in `phase`.
fn transport(call: &Call, timeout: Duration, phase: Phase, error: reqwest::Error) -> Error {
    let call = call.clone();
    if is_protocol_error(&error) {
        return Error::Protocol {
            call,
            source: TransportError::new(Phase::Protocol, error),
        };
    }
    if error.is_builder() {
        return Error::InvalidRequest {
            call,
            message: "the HTTP client could not build the request".to_owned(),
            source: Some(Box::new(error.without_url())),
        };
    }
    // A connection not made in time is a connect error: the request never left.
    if error.is_timeout() && !error.is_connect() {
        return Error::Timeout {
            call,
            after: timeout,
        };
    }
    Error::Transport {
        call,
        source: TransportError::new(phase, error),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
