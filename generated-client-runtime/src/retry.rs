//! When and how long to wait before trying a request again.
//!
//! [`decide`] is the whole decision, a pure function of the policy, the attempt and the
//! clock; the client only carries it out (`execute.rs`).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};
use tokio::time::Instant;

/// When a failed request is tried again.
///
/// The default retries twice (three attempts in all) on connection errors, timeouts,
/// `408`, `409`, `429` and `5xx` responses, waiting 500 ms, then 1 s, ... (doubling, at
/// most 8 s), each multiplied by a random factor in `[0.75, 1.0]`. A `Retry-After` header
/// (seconds or an HTTP date), or on a `429` without one the reset time of a service that
/// sends it as a Unix time, is waited instead, but only when it is at most
/// [`max_retry_after`](Self::max_retry_after) (60 s by default): a longer wait is not
/// waited, the error is returned.
///
/// Every retry sends a byte-identical request: the same body bytes, the same headers.
/// A request that is not idempotent (`POST` and `PATCH`, unless the spec says otherwise)
/// is retried only when it never reached the server (the connection was refused) or the
/// server asks for the retry (`429` or `503` with `Retry-After`). All retries fit within
/// the call's deadline ([`ClientBuilder::deadline`](super::ClientBuilder::deadline)).
///
/// Each setting is set by `with_<setting>` and read by `<setting>()`:
///
/// ```
/// use std::time::Duration;
/// use generated_client::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .with_max_retries(5)
///     .with_max_backoff(Duration::from_secs(30))
///     .with_max_retry_after(Duration::from_secs(300));
/// assert_eq!(patient.max_retries(), 5);
/// assert_eq!(patient.initial_backoff(), Duration::from_millis(500));
/// let never = RetryPolicy::none();
/// assert_eq!(never.max_retries(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self::default().with_max_retries(0)
    }

    /// Sets how many times a request is tried again after its first attempt (default 2).
    #[must_use]
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the wait before the first retry (default 500 ms); it doubles with every retry.
    #[must_use]
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between two attempts, before jitter (default 8 s).
    #[must_use]
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Sets the longest wait a server may ask for (`Retry-After`, or a rate-limit reset)
    /// that is still waited (default 60 s). When a server asks for longer, the error is
    /// returned.
    #[must_use]
    pub fn with_max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// How many times a request is tried again after its first attempt.
    pub fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The wait before the first retry, before jitter.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest wait between two attempts, before jitter.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest wait a server may ask for that is still waited.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The wait before retry number `retry` (1 for the first retry); `jitter` in `[0, 1]`
    /// picks the factor in `[0.75, 1.0]` it is multiplied by.
    fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let backoff = self
            .initial_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff);
        let factor = 0.75 + jitter.clamp(0.0, 1.0) * 0.25;
        Duration::try_from_secs_f64(backoff.as_secs_f64() * factor).unwrap_or(backoff)
    }
}

/// What an attempt got, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The connection could not be made: the request never reached the server.
    ConnectFailed,
    /// No complete response within the attempt's timeout.
    TimedOut,
    /// The connection broke once the request may have reached the server.
    ConnectionBroke,
    /// A response with an error status.
    Status {
        /// The status.
        status: StatusCode,
        /// The wait its `Retry-After` header asks for.
        retry_after: Option<Duration>,
        /// On a `429`, the time until the rate limit resets, from a service that sends
        /// the reset as a Unix time.
        rate_limit_reset: Option<Duration>,
    },
    /// What another attempt cannot change: a response that is not HTTP, a redirect, a
    /// body too large, a request that cannot be built.
    Final,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Try again after waiting `after`.
    Retry { after: Duration },
    /// Return the attempt's error.
    Stop { because: Reason },
}

/// Why a failed attempt is not tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Another attempt would fail the same way.
    NotRetryable,
    /// The request is not idempotent and may have reached the server.
    NotSafeToRepeat,
    /// The policy's retries are used up.
    RetriesExhausted,
    /// The server asks for a longer wait than the policy allows.
    WaitTooLong { wait: Duration },
    /// The wait would leave no time before the call's deadline.
    DeadlineNear { wait: Duration },
}

impl Reason {
    /// Why, as a trace says it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::NotRetryable => "not retrying: another attempt would fail the same way",
            Self::NotSafeToRepeat => {
                "not retrying: the request is not idempotent and may have reached the server"
            }
            Self::RetriesExhausted => "not retrying: the retry policy's retries are used up",
            Self::WaitTooLong { .. } => {
                "not retrying: the server asks for a longer wait than the retry policy allows"
            }
            Self::DeadlineNear { .. } => "not retrying: the call's deadline is near",
        }
    }
}

/// Whether attempt number `attempt` (1 for the first) of a request that got `outcome` is
/// tried again, and after which wait, at `now` for a call that must end by `deadline`.
/// `jitter`, in `[0, 1]`, is the random draw that spreads the backoff; passing it in keeps
/// this function deterministic.
pub(crate) fn decide(
    policy: &RetryPolicy,
    attempt: u32,
    idempotent: bool,
    outcome: Outcome,
    now: Instant,
    deadline: Instant,
    jitter: f64,
) -> Decision {
    let stop = |because| Decision::Stop { because };
    if !is_retryable(outcome) {
        return stop(Reason::NotRetryable);
    }
    if attempt > policy.max_retries {
        return stop(Reason::RetriesExhausted);
    }
    if !idempotent && !safe_to_repeat(outcome) {
        return stop(Reason::NotSafeToRepeat);
    }
    let backoff = policy.backoff(attempt, jitter);
    let wait = match outcome {
        Outcome::Status {
            retry_after: Some(wait),
            ..
        } => Some(wait),
        Outcome::Status {
            rate_limit_reset: Some(reset),
            ..
        } => Some(reset.max(backoff)),
        _ => None,
    };
    if let Some(wait) = wait.filter(|wait| *wait > policy.max_retry_after) {
        return stop(Reason::WaitTooLong { wait });
    }
    let wait = wait.unwrap_or(backoff);
    // A retry must have time left after its wait.
    if now.checked_add(wait).is_none_or(|ready| ready >= deadline) {
        return stop(Reason::DeadlineNear { wait });
    }
    Decision::Retry { after: wait }
}

/// Whether another attempt may get another answer.
fn is_retryable(outcome: Outcome) -> bool {
    match outcome {
        Outcome::ConnectFailed | Outcome::TimedOut | Outcome::ConnectionBroke => true,
        Outcome::Status { status, .. } => is_retryable_status(status),
        Outcome::Final => false,
    }
}

/// Whether a request that is not idempotent may be sent again: only when it never reached
/// the server, or when the server asks for the retry (`429` or `503` with `Retry-After`).
/// After a timeout or a broken connection the server may have acted on it.
fn safe_to_repeat(outcome: Outcome) -> bool {
    match outcome {
        Outcome::ConnectFailed => true,
        Outcome::Status {
            status,
            retry_after,
            ..
        } => matches!(status.as_u16(), 429 | 503) && retry_after.is_some(),
        Outcome::TimedOut | Outcome::ConnectionBroke | Outcome::Final => false,
    }
}

/// Whether a response with this status is worth trying again.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait a server asks for: `Retry-After-Ms` (milliseconds, as SDKs generated by
/// Stainless read it) when it is a non-negative number, else `Retry-After`: integer seconds or an HTTP date (a date in the past asks for no
/// wait). `None` when both are absent or malformed.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let millis = headers
        .get("retry-after-ms")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<f64>().ok())
        .and_then(|millis| Duration::try_from_secs_f64(millis / 1000.0).ok());
    if millis.is_some() {
        return millis;
    }
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests;
