//! When and how long to wait before trying a request again.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

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
/// ```
/// use std::time::Duration;
/// use generated_client::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_retries(5)
///     .max_backoff(Duration::from_secs(30))
///     .max_retry_after(Duration::from_secs(300));
/// let never = RetryPolicy::none();
/// assert_eq!(never.retries(), 0);
/// # let _ = patient;
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
        Self::default().max_retries(0)
    }

    /// How many times a request is tried again after its first attempt (default 2).
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry (default 500 ms); it doubles with every retry.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts, before jitter (default 8 s).
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest wait a server may ask for (`Retry-After`, or a rate-limit reset) that is
    /// still waited (default 60 s). When a server asks for longer, the error is returned.
    #[must_use]
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// How many times a request is tried again after its first attempt.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The longest server-requested wait that is waited.
    pub fn retry_after_limit(&self) -> Duration {
        self.max_retry_after
    }

    /// The wait before retry number `retry` (1 for the first retry), with jitter.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let backoff = self
            .initial_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff);
        let factor = 0.75 + fastrand::f64() * 0.25;
        Duration::try_from_secs_f64(backoff.as_secs_f64() * factor).unwrap_or(backoff)
    }
}

/// Whether a response with this status is worth trying again.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait a `Retry-After` header asks for: integer seconds or an HTTP date (a date in
/// the past asks for no wait). `None` when absent or malformed.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
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
mod tests {
    use super::*;
    use http::HeaderValue;

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(http::header::RETRY_AFTER, value);
        }
        headers
    }

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let policy = RetryPolicy::default();
        for _ in 0..200 {
            let first = policy.backoff(1);
            assert!(
                first >= Duration::from_millis(375) && first <= Duration::from_millis(500),
                "{first:?}"
            );
            let second = policy.backoff(2);
            assert!(
                second >= Duration::from_millis(750) && second <= Duration::from_secs(1),
                "{second:?}"
            );
            let late = policy.backoff(10);
            assert!(
                late >= Duration::from_secs(6) && late <= Duration::from_secs(8),
                "{late:?}"
            );
        }
        // No overflow, whatever the settings.
        let huge = RetryPolicy::default()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        assert!(huge.backoff(u32::MAX) > Duration::from_secs(1));
        assert_eq!(RetryPolicy::none().retries(), 0);
        assert_eq!(RetryPolicy::default().retries(), 2);
        assert_eq!(
            RetryPolicy::default().retry_after_limit(),
            Duration::from_secs(60)
        );
    }

    #[test]
    fn retryable_statuses() {
        for code in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(
                is_retryable_status(StatusCode::from_u16(code).unwrap_or_default()),
                "{code}"
            );
        }
        for code in [200, 304, 400, 401, 403, 404, 422] {
            assert!(
                !is_retryable_status(StatusCode::from_u16(code).unwrap_or_default()),
                "{code}"
            );
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            retry_after(&with_retry_after("0"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after(&with_retry_after(" 120 "), now),
            Some(Duration::from_secs(120))
        );
        // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480.
        assert_eq!(
            retry_after(&with_retry_after("Wed, 21 Oct 2015 07:28:05 GMT"), now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_after(&with_retry_after("Wed, 21 Oct 2015 07:27:00 GMT"), now),
            Some(Duration::ZERO)
        );
        for bad in ["-1", "1.5", "soon", ""] {
            assert_eq!(retry_after(&with_retry_after(bad), now), None, "{bad}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
