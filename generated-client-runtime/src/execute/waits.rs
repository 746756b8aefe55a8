//! What a call waits for: the rate limit's reset, its turn among the requests in flight,
//! and the wait before a retry.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};
use tokio::sync::SemaphorePermit;
use tokio::time::Instant;

use super::millis;
use crate::error::Call;
use crate::quota::{self, Admission, Ticket};
use crate::rate_limit::until_unix_seconds;
use crate::retry::{self, Decision, Outcome, Reason};
use crate::{Client, Error, RateLimitHeaders, RateLimitMode, Service};

impl<S: Service> Client<S> {
    /// Waits until the rate limit lets the next attempt go (`attempts` made so far), within
    /// the deadline; the ticket counts it as in flight until dropped.
    pub(super) async fn admitted(
        &self,
        call: &Call,
        deadline: Instant,
        attempts: u32,
    ) -> Result<Ticket<'_>, Error> {
        let quota = &self.inner.quota;
        loop {
            // Listening before asking, so that no answer in between is missed.
            let news = quota.news();
            tokio::pin!(news);
            news.as_mut().enable();
            let now = Instant::now();
            match quota.admit(now) {
                Admission::Go(ticket) => return Ok(ticket),
                Admission::WaitUntil(reset) => {
                    if quota.policy().mode() == RateLimitMode::Fail || reset >= deadline {
                        return Err(Error::RateLimited {
                            call: call.clone(),
                            resets_in: quota::until(reset, now),
                        });
                    }
                    tracing::debug!(
                        wait_ms = millis(quota::until(reset, now)),
                        "waiting for the rate limit's window to reset"
                    );
                    tokio::time::sleep_until(reset).await;
                }
                // A short wait: until a request in flight is answered.
                Admission::WaitForNews => {
                    if tokio::time::timeout_at(deadline, news).await.is_err() {
                        return Err(Error::DeadlineExceeded {
                            call: call.clone(),
                            after: self.inner.deadline,
                            attempts,
                        });
                    }
                }
            }
        }
    }

    /// A place among the client's requests in flight, within the deadline (`attempts` made
    /// so far). `None` only if the semaphore were closed, which it never is.
    pub(super) async fn permit(
        &self,
        call: &Call,
        deadline: Instant,
        attempts: u32,
    ) -> Result<Option<SemaphorePermit<'_>>, Error> {
        match tokio::time::timeout_at(deadline, self.inner.in_flight.acquire()).await {
            Ok(permit) => Ok(permit.ok()),
            Err(_) => Err(Error::DeadlineExceeded {
                call: call.clone(),
                after: self.inner.deadline,
                attempts,
            }),
        }
    }

    /// After a failed attempt: the wait before the next, and what it took from the retry
    /// budget; `None` when the call ends with `error`. The decision is
    /// [`retry::decide`]'s; this carries it out.
    pub(super) fn retry_wait(
        &self,
        error: &Error,
        attempt: u32,
        idempotent: bool,
        deadline: Instant,
    ) -> Option<(Duration, u32)> {
        let outcome = self.outcome(error, SystemTime::now());
        let decision = retry::decide(
            &self.inner.retry,
            attempt,
            idempotent,
            outcome,
            Instant::now(),
            deadline,
            fastrand::f64(),
        );
        let wait = match decision {
            Decision::Retry { after } => after,
            Decision::Stop { because } => {
                if because != Reason::NotRetryable {
                    tracing::debug!(attempt, error = %error, "{}", because.describe());
                }
                return None;
            }
        };
        let Some(cost) = self.inner.budget.try_spend(outcome == Outcome::TimedOut) else {
            tracing::debug!(
                attempt,
                error = %error,
                "not retrying: the client's retry budget is spent (requests keep failing)"
            );
            return None;
        };
        tracing::debug!(attempt, delay_ms = millis(wait), error = %error, "retrying");
        Some((wait, cost))
    }

    /// What a failed attempt got, as the retry decision sees it.
    fn outcome(&self, error: &Error, now: SystemTime) -> Outcome {
        match error {
            Error::Transport { source, .. } if source.is_connect() => Outcome::ConnectFailed,
            Error::Transport { .. } => Outcome::ConnectionBroke,
            Error::Timeout { .. } => Outcome::TimedOut,
            Error::Api(api) => Outcome::Status {
                status: api.status,
                retry_after: api.retry_after,
                rate_limit_reset: self.reset_wait(api.status, &api.headers, now),
            },
            _ => Outcome::Final,
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
}
