//! The rate limit as a client tracks it between calls: how many requests its window still
//! allows, and when it resets, from what the server's rate-limit headers say; so that a
//! client waits for the reset rather than collecting `429`s.
//!
//! The count is kept locally: every request admitted takes one from what the window
//! allows, and each response can only lower it (other clients may share the quota). A
//! response counts only for the window its request was admitted in, so that a late answer
//! from before a reset never speaks for the next window.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use super::RateLimit;

/// What a client does when a response says the rate limit's window is (nearly) spent.
///
/// - [`wait`](Self::wait) (the default): later calls of the client and its clones wait
///   for the window to reset before they send, within their deadline; a wait that would
///   not fit fails at once with [`Error::RateLimited`](crate::Error::RateLimited).
/// - [`fail`](Self::fail): such a call fails at once with `Error::RateLimited`, which
///   says when the window resets, and sends nothing.
/// - [`ignore`](Self::ignore): the headers are not acted on; a server's `429` is retried
///   as the [`RetryPolicy`](crate::RetryPolicy) says.
///
/// A window is spent when the requests it still allows are at most the
/// [`reserve`](Self::reserve) (0 by default; raise it to leave requests to other programs
/// that share the quota).
///
/// ```
/// use generated_client::runtime::{RateLimitMode, RateLimitPolicy};
///
/// let policy = RateLimitPolicy::default();
/// assert_eq!((policy.mode(), policy.reserve()), (RateLimitMode::Wait, 0));
/// let polite = RateLimitPolicy::wait().with_reserve(10);
/// let strict = RateLimitPolicy::fail();
/// # let _ = (polite, strict);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitPolicy {
    mode: RateLimitMode,
    reserve: u64,
}

/// What a client does when the rate limit's window is spent; see [`RateLimitPolicy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateLimitMode {
    /// Wait for the window to reset, within the call's deadline.
    Wait,
    /// Fail at once with [`Error::RateLimited`](crate::Error::RateLimited).
    Fail,
    /// Send anyway: the rate-limit headers are not acted on.
    Ignore,
}

impl Default for RateLimitPolicy {
    fn default() -> Self {
        Self::wait()
    }
}

impl RateLimitPolicy {
    /// Wait for the window to reset (the default).
    pub fn wait() -> Self {
        Self {
            mode: RateLimitMode::Wait,
            reserve: 0,
        }
    }

    /// Fail at once with [`Error::RateLimited`](crate::Error::RateLimited).
    pub fn fail() -> Self {
        Self {
            mode: RateLimitMode::Fail,
            ..Self::wait()
        }
    }

    /// Do not act on the rate-limit headers.
    pub fn ignore() -> Self {
        Self {
            mode: RateLimitMode::Ignore,
            ..Self::wait()
        }
    }

    /// Sets how many of a window's requests the client leaves unused (default 0).
    #[must_use]
    pub fn with_reserve(mut self, requests: u64) -> Self {
        self.reserve = requests;
        self
    }

    /// What the client does when the window is spent.
    pub fn mode(&self) -> RateLimitMode {
        self.mode
    }

    /// How many of a window's requests the client leaves unused.
    pub fn reserve(&self) -> u64 {
        self.reserve
    }
}

/// The rate limit of a client and its clones.
#[derive(Debug)]
pub(crate) struct Quota {
    policy: RateLimitPolicy,
    /// Off when the policy ignores the headers, or the service sends none.
    tracking: bool,
    state: Mutex<State>,
    /// Woken when a response arrives or a request ends: what a waiter waits for when the
    /// window's end is not known yet.
    news: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Bumped at each reset: responses count only for the window they were sent in.
    epoch: u64,
    window: Window,
    /// Requests admitted and not yet answered.
    in_flight: u64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Window {
    /// Nothing known yet (a new client, or a reset with no limit known): one request at
    /// a time goes until a response says more.
    #[default]
    Unknown,
    /// The last response said nothing of the rate limit: requests go freely.
    Unmetered,
    /// The window in progress.
    Known {
        /// The requests the client may still start in it.
        remaining: u64,
        /// When it resets; `None` for a window just begun whose end no response has said.
        resets_at: Option<Instant>,
        /// The requests a window allows, when the server says.
        limit: Option<u64>,
    },
}

/// Whether a request may go now.
#[derive(Debug)]
pub(crate) enum Admission<'a> {
    /// It may: the ticket counts it as in flight until dropped.
    Go(Ticket<'a>),
    /// Not before the window resets, at this instant.
    WaitUntil(Instant),
    /// Not before a request in flight is answered, which will say when.
    WaitForNews,
}

/// A request admitted: in flight until dropped (answered, failed, or cancelled).
#[derive(Debug)]
pub(crate) struct Ticket<'a> {
    quota: &'a Quota,
    epoch: u64,
    counted: bool,
    answered: bool,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if !self.counted {
            return;
        }
        let mut state = self.quota.state();
        state.in_flight = state.in_flight.saturating_sub(1);
        // A request that found out nothing (no answer, or cancelled): the others need
        // not wait for one that may never come. Without an answer there is no limit to
        // keep to either.
        if !self.answered && state.window == Window::Unknown && self.epoch == state.epoch {
            state.window = Window::Unmetered;
        }
        drop(state);
        self.quota.news.notify_waiters();
    }
}

impl Quota {
    /// `metered`: whether the service sends rate-limit headers at all.
    pub(crate) fn new(policy: RateLimitPolicy, metered: bool) -> Self {
        Self {
            policy,
            tracking: metered && policy.mode != RateLimitMode::Ignore,
            state: Mutex::new(State::default()),
            news: Notify::new(),
        }
    }

    pub(crate) fn policy(&self) -> &RateLimitPolicy {
        &self.policy
    }

    /// The future a waiter for news awaits; create it before [`admit`](Self::admit) so
    /// that no news between the two is missed.
    pub(crate) fn news(&self) -> tokio::sync::futures::Notified<'_> {
        self.news.notified()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state stays consistent whatever panicked while holding it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a request may go at `now`.
    pub(crate) fn admit(&self, now: Instant) -> Admission<'_> {
        if !self.tracking {
            return Admission::Go(Ticket {
                quota: self,
                epoch: 0,
                counted: false,
                answered: false,
            });
        }
        let mut state = self.state();
        state.roll_over(now);
        let in_flight = state.in_flight;
        let admitted = match &mut state.window {
            Window::Unmetered => true,
            // One request finds out; with none in flight, nothing else will.
            Window::Unknown => in_flight == 0,
            Window::Known { remaining, .. } if *remaining > self.policy.reserve => {
                *remaining -= 1;
                true
            }
            Window::Known {
                resets_at: Some(at),
                ..
            } => return Admission::WaitUntil(*at),
            Window::Known {
                resets_at: None, ..
            } if in_flight == 0 => {
                // Spent, its end unknown, and no answer to come that would say it.
                state.window = Window::Unknown;
                true
            }
            Window::Known { .. } => false,
        };
        if !admitted {
            return Admission::WaitForNews;
        }
        state.in_flight += 1;
        Admission::Go(Ticket {
            quota: self,
            epoch: state.epoch,
            counted: true,
            answered: false,
        })
    }

    /// What the response to the request of `ticket` said of the rate limit, at `now`.
    pub(crate) fn observe(&self, ticket: &mut Ticket<'_>, rate_limit: &RateLimit, now: Instant) {
        if !ticket.counted {
            return;
        }
        ticket.answered = true;
        let mut state = self.state();
        if ticket.epoch == state.epoch {
            state.learn(rate_limit, now);
        }
        drop(state);
        self.news.notify_waiters();
    }
}

impl State {
    /// At the reset, a new window: as many requests as a window allows (less those in
    /// flight, which it may count), its end unknown until a response says it.
    fn roll_over(&mut self, now: Instant) {
        let Window::Known {
            resets_at: Some(at),
            limit,
            ..
        } = self.window
        else {
            return;
        };
        if now < at {
            return;
        }
        self.epoch += 1;
        self.window = match limit {
            Some(limit) => Window::Known {
                remaining: limit.saturating_sub(self.in_flight),
                resets_at: None,
                limit: Some(limit),
            },
            None => Window::Unknown,
        };
    }

    /// A response of this window: what it says can only lower the count, and its reset
    /// is the latest word on the window's end.
    fn learn(&mut self, rate_limit: &RateLimit, now: Instant) {
        let (Some(reported), Some(reset)) = (rate_limit.remaining, rate_limit.reset) else {
            if self.window == Window::Unknown {
                self.window = Window::Unmetered;
            }
            return;
        };
        let resets_at = now.checked_add(reset);
        self.window = match self.window {
            Window::Known {
                remaining, limit, ..
            } => Window::Known {
                remaining: remaining.min(reported),
                resets_at,
                limit: rate_limit.limit.or(limit),
            },
            // The others in flight may be counted after this one.
            Window::Unknown | Window::Unmetered => Window::Known {
                remaining: reported.saturating_sub(self.in_flight.saturating_sub(1)),
                resets_at,
                limit: rate_limit.limit,
            },
        };
    }
}

/// The wait until `at`, as an error says it.
pub(crate) fn until(at: Instant, now: Instant) -> Duration {
    at.saturating_duration_since(now)
}

#[cfg(test)]
mod tests;
