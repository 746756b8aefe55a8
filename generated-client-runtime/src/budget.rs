//! The retry budget: a token bucket shared by a client and its clones, so that a server
//! that fails every request does not get every request three times.

use std::sync::atomic::{AtomicU32, Ordering};

/// How many retries a client (and its clones, together) may make while requests fail.
///
/// Each retry takes tokens from a bucket the client and its clones share: 5 after an
/// error, 10 after a timeout (a server that does not answer is likelier to be overloaded
/// than one that answers with an error). A call that succeeds puts back what its retries
/// took, or 1 token when it needed none, up to the capacity of 500. When the bucket
/// cannot pay for a retry, the call returns its error at once, and the trace says that
/// the budget is spent (a `not retrying` event at debug level).
///
/// So while a server is healthy, retries are as the [`RetryPolicy`](crate::RetryPolicy)
/// says; when it fails every request, a client's callers soon send one request each
/// instead of three, which gives the server room to recover. These are the figures of
/// the AWS SDKs' standard retry mode.
///
/// ```
/// use generated_client::runtime::RetryBudget;
///
/// let budget = RetryBudget::default();
/// assert_eq!((budget.capacity(), budget.retry_cost(), budget.timeout_cost()), (500, 5, 10));
/// let small = RetryBudget::default().with_capacity(50);
/// let unlimited = RetryBudget::disabled();
/// assert!(!unlimited.is_enabled());
/// # let _ = small;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryBudget {
    enabled: bool,
    capacity: u32,
    retry_cost: u32,
    timeout_cost: u32,
    success_refund: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self {
            enabled: true,
            capacity: 500,
            retry_cost: 5,
            timeout_cost: 10,
            success_refund: 1,
        }
    }
}

impl RetryBudget {
    /// No budget: every retry the policy allows is made.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// Sets the bucket's size, and the tokens it starts with (default 500).
    #[must_use]
    pub fn with_capacity(mut self, tokens: u32) -> Self {
        self.capacity = tokens;
        self
    }

    /// Sets what a retry after an error costs (default 5).
    #[must_use]
    pub fn with_retry_cost(mut self, tokens: u32) -> Self {
        self.retry_cost = tokens;
        self
    }

    /// Sets what a retry after a timeout costs (default 10).
    #[must_use]
    pub fn with_timeout_cost(mut self, tokens: u32) -> Self {
        self.timeout_cost = tokens;
        self
    }

    /// Sets what a call that succeeds without a retry puts back (default 1).
    #[must_use]
    pub fn with_success_refund(mut self, tokens: u32) -> Self {
        self.success_refund = tokens;
        self
    }

    /// Whether retries are limited by the budget.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The bucket's size.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// What a retry after an error costs.
    pub fn retry_cost(&self) -> u32 {
        self.retry_cost
    }

    /// What a retry after a timeout costs.
    pub fn timeout_cost(&self) -> u32 {
        self.timeout_cost
    }

    /// What a call that succeeds without a retry puts back.
    pub fn success_refund(&self) -> u32 {
        self.success_refund
    }
}

/// The bucket of a client and its clones.
#[derive(Debug)]
pub(crate) struct Bucket {
    budget: RetryBudget,
    tokens: AtomicU32,
}

impl Bucket {
    pub(crate) fn new(budget: RetryBudget) -> Self {
        let tokens = AtomicU32::new(budget.capacity);
        Self { budget, tokens }
    }

    pub(crate) fn budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// Takes the cost of a retry after a timeout (`timed_out`) or another error; `None`
    /// when the bucket cannot pay. Returns what was taken (nothing, when disabled).
    pub(crate) fn try_spend(&self, timed_out: bool) -> Option<u32> {
        if !self.budget.enabled {
            return Some(0);
        }
        let cost = if timed_out {
            self.budget.timeout_cost
        } else {
            self.budget.retry_cost
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }

    /// After a call succeeded: puts back what its retries took (`spent`), or the refund
    /// of a call that needed none, up to the capacity.
    pub(crate) fn on_success(&self, spent: u32) {
        if !self.budget.enabled {
            return;
        }
        let refund = if spent > 0 {
            spent
        } else {
            self.budget.success_refund
        };
        let capacity = self.budget.capacity;
        // Never fails: the closure always returns a value.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(refund).min(capacity))
            });
    }

    #[cfg(test)]
    fn tokens(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_spend_until_the_bucket_cannot_pay() {
        let bucket = Bucket::new(RetryBudget::default().with_capacity(23));
        assert_eq!(bucket.try_spend(false), Some(5));
        assert_eq!(bucket.try_spend(true), Some(10));
        assert_eq!(bucket.tokens(), 8);
        assert_eq!(bucket.try_spend(true), None, "a timeout costs 10");
        assert_eq!(bucket.try_spend(false), Some(5));
        assert_eq!(bucket.try_spend(false), None);
        assert_eq!(bucket.tokens(), 3);
    }

    #[test]
    fn successes_refund_up_to_the_capacity() {
        let bucket = Bucket::new(RetryBudget::default().with_capacity(12));
        assert_eq!(bucket.try_spend(true), Some(10));
        bucket.on_success(0);
        assert_eq!(bucket.tokens(), 3, "a success without retries puts back 1");
        bucket.on_success(10);
        assert_eq!(
            bucket.tokens(),
            12,
            "one after retries puts back what they took"
        );
        bucket.on_success(0);
        assert_eq!(bucket.tokens(), 12, "never past the capacity");
    }

    #[test]
    fn a_disabled_budget_always_pays() {
        let bucket = Bucket::new(RetryBudget::disabled().with_capacity(0));
        for timed_out in [false, true, false] {
            assert_eq!(bucket.try_spend(timed_out), Some(0));
        }
        bucket.on_success(0);
        assert_eq!(bucket.tokens(), 0);
    }

    #[test]
    fn settings_read_back_as_set() {
        let budget = RetryBudget::default()
            .with_capacity(1)
            .with_retry_cost(2)
            .with_timeout_cost(3)
            .with_success_refund(4);
        assert_eq!(
            (
                budget.is_enabled(),
                budget.capacity(),
                budget.retry_cost(),
                budget.timeout_cost(),
                budget.success_refund()
            ),
            (true, 1, 2, 3, 4)
        );
        assert_eq!(RetryBudget::default().success_refund(), 1);
    }
}
