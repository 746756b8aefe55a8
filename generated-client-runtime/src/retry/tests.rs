//! The retry decision, on an injected clock: no test sleeps.

use super::*;
use http::HeaderValue;

const SECOND: Duration = Duration::from_secs(1);

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::IM_A_TEAPOT)
}

fn answered(code: u16) -> Outcome {
    Outcome::Status {
        status: status(code),
        retry_after: None,
        rate_limit_reset: None,
    }
}

fn asked_to_wait(code: u16, wait: Duration) -> Outcome {
    Outcome::Status {
        status: status(code),
        retry_after: Some(wait),
        rate_limit_reset: None,
    }
}

fn reset_in(wait: Duration) -> Outcome {
    Outcome::Status {
        status: StatusCode::TOO_MANY_REQUESTS,
        retry_after: None,
        rate_limit_reset: Some(wait),
    }
}

/// The decision at a fixed `now`, with a deadline far away and the smallest jitter
/// factor (0.75).
fn decide_at(policy: &RetryPolicy, attempt: u32, idempotent: bool, outcome: Outcome) -> Decision {
    let now = Instant::now();
    decide(
        policy,
        attempt,
        idempotent,
        outcome,
        now,
        now + 1000 * SECOND,
        0.0,
    )
}

fn retry(after: Duration) -> Decision {
    Decision::Retry { after }
}

fn stop(because: Reason) -> Decision {
    Decision::Stop { because }
}

/// Every kind of outcome, idempotent or not, on each attempt of the default policy: the
/// decision the documentation of `RetryPolicy` describes.
#[test]
fn every_outcome_idempotent_or_not_on_every_attempt() {
    let policy = RetryPolicy::default();
    let retryable_statuses = [408, 409, 429, 500, 502, 503, 504, 599];
    let final_statuses = [400, 401, 403, 404, 405, 410, 422];
    let mut outcomes = vec![
        (Outcome::ConnectFailed, true),
        (Outcome::TimedOut, true),
        (Outcome::ConnectionBroke, true),
        (Outcome::Final, false),
    ];
    outcomes.extend(
        retryable_statuses
            .iter()
            .map(|&code| (answered(code), true)),
    );
    outcomes.extend(final_statuses.iter().map(|&code| (answered(code), false)));
    for (outcome, retryable) in outcomes {
        for idempotent in [true, false] {
            for attempt in 1..=4 {
                let decision = decide_at(&policy, attempt, idempotent, outcome);
                // Never reached the server: as safe for a POST as for a GET.
                let safe = idempotent || outcome == Outcome::ConnectFailed;
                let expected = if !retryable {
                    stop(Reason::NotRetryable)
                } else if attempt > 2 {
                    stop(Reason::RetriesExhausted)
                } else if !safe {
                    stop(Reason::NotSafeToRepeat)
                } else {
                    // 500 ms doubling, times the smallest jitter factor.
                    retry(ms(375) * (1 << (attempt - 1)))
                };
                assert_eq!(
                    decision, expected,
                    "{outcome:?}, idempotent {idempotent}, attempt {attempt}"
                );
            }
        }
    }
}

#[test]
fn a_request_that_is_not_idempotent_is_repeated_only_when_the_server_asks() {
    let policy = RetryPolicy::default();
    for code in [429, 503] {
        assert_eq!(
            decide_at(&policy, 1, false, asked_to_wait(code, 2 * SECOND)),
            retry(2 * SECOND),
            "{code}"
        );
        assert_eq!(
            decide_at(&policy, 1, false, answered(code)),
            stop(Reason::NotSafeToRepeat),
            "{code} without Retry-After"
        );
    }
    // Retry-After on another status is not a request to repeat it.
    for code in [500, 502, 504, 408, 409] {
        assert_eq!(
            decide_at(&policy, 1, false, asked_to_wait(code, SECOND)),
            stop(Reason::NotSafeToRepeat),
            "{code}"
        );
        assert_eq!(
            decide_at(&policy, 1, true, asked_to_wait(code, SECOND)),
            retry(SECOND),
            "{code}, idempotent"
        );
    }
    // A 429's rate-limit reset alone is not Retry-After either.
    assert_eq!(
        decide_at(&policy, 1, false, reset_in(SECOND)),
        stop(Reason::NotSafeToRepeat)
    );
}

#[test]
fn the_wait_a_server_asks_for_replaces_the_backoff_within_the_limit() {
    let policy = RetryPolicy::default();
    assert_eq!(
        decide_at(&policy, 1, true, asked_to_wait(503, Duration::ZERO)),
        retry(Duration::ZERO)
    );
    assert_eq!(
        decide_at(&policy, 2, true, asked_to_wait(429, 60 * SECOND)),
        retry(60 * SECOND)
    );
    assert_eq!(
        decide_at(&policy, 1, true, asked_to_wait(429, 61 * SECOND)),
        stop(Reason::WaitTooLong { wait: 61 * SECOND })
    );
    // A reset is waited, but never less than the backoff.
    assert_eq!(
        decide_at(&policy, 1, true, reset_in(10 * SECOND)),
        retry(10 * SECOND)
    );
    assert_eq!(
        decide_at(&policy, 1, true, reset_in(Duration::ZERO)),
        retry(ms(375))
    );
    assert_eq!(
        decide_at(&policy, 1, true, reset_in(61 * SECOND)),
        stop(Reason::WaitTooLong { wait: 61 * SECOND })
    );
    // Retry-After wins over the reset.
    let both = Outcome::Status {
        status: StatusCode::TOO_MANY_REQUESTS,
        retry_after: Some(2 * SECOND),
        rate_limit_reset: Some(30 * SECOND),
    };
    assert_eq!(decide_at(&policy, 1, true, both), retry(2 * SECOND));
    // The limit is the policy's.
    let patient = RetryPolicy::default().with_max_retry_after(300 * SECOND);
    assert_eq!(
        decide_at(&patient, 1, true, asked_to_wait(429, 120 * SECOND)),
        retry(120 * SECOND)
    );
    // It bounds what a server asks for, not the policy's own backoff.
    let slow = RetryPolicy::default()
        .with_initial_backoff(120 * SECOND)
        .with_max_backoff(120 * SECOND);
    assert_eq!(decide_at(&slow, 1, true, answered(503)), retry(90 * SECOND));
}

#[test]
fn a_retry_must_fit_before_the_deadline() {
    let policy = RetryPolicy::default();
    let now = Instant::now();
    let outcome = asked_to_wait(503, 2 * SECOND);
    let at = |deadline: Instant| decide(&policy, 1, true, outcome, now, deadline, 0.0);
    assert_eq!(
        at(now + 2 * SECOND + Duration::from_nanos(1)),
        retry(2 * SECOND)
    );
    let near = stop(Reason::DeadlineNear { wait: 2 * SECOND });
    assert_eq!(at(now + 2 * SECOND), near);
    assert_eq!(at(now + SECOND), near);
    // A deadline already passed.
    assert_eq!(at(now), near);
    // The clock, not the attempt count, decides: the same attempt later is too late.
    let deadline = now + 10 * SECOND;
    assert_eq!(
        decide(&policy, 1, true, outcome, now + 7 * SECOND, deadline, 0.0),
        retry(2 * SECOND)
    );
    assert_eq!(
        decide(&policy, 1, true, outcome, now + 8 * SECOND, deadline, 0.0),
        near
    );
    // A wait too long to add to the clock does not overflow.
    let forever = RetryPolicy::default()
        .with_initial_backoff(Duration::MAX)
        .with_max_backoff(Duration::MAX);
    assert!(matches!(
        decide(&forever, 1, true, Outcome::TimedOut, now, deadline, 1.0),
        Decision::Stop {
            because: Reason::DeadlineNear { .. }
        }
    ));
}

#[test]
fn backoff_doubles_caps_and_jitters() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.backoff(1, 0.0), ms(375));
    assert_eq!(policy.backoff(1, 1.0), ms(500));
    assert_eq!(policy.backoff(2, 0.0), ms(750));
    assert_eq!(policy.backoff(2, 1.0), SECOND);
    assert_eq!(policy.backoff(3, 1.0), 2 * SECOND);
    assert_eq!(policy.backoff(10, 0.0), 6 * SECOND);
    assert_eq!(policy.backoff(10, 1.0), 8 * SECOND);
    // Out-of-range draws are clamped.
    assert_eq!(policy.backoff(1, -3.0), ms(375));
    assert_eq!(policy.backoff(1, 7.0), ms(500));
    // No overflow, whatever the settings.
    let huge = RetryPolicy::default()
        .with_initial_backoff(Duration::MAX)
        .with_max_backoff(Duration::MAX);
    assert!(huge.backoff(u32::MAX, 0.5) > SECOND);
    assert_eq!(
        RetryPolicy::default()
            .with_initial_backoff(Duration::ZERO)
            .backoff(5, 1.0),
        Duration::ZERO
    );
}

#[test]
fn settings_read_back_as_set() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_retries(), 2);
    assert_eq!(policy.initial_backoff(), ms(500));
    assert_eq!(policy.max_backoff(), 8 * SECOND);
    assert_eq!(policy.max_retry_after(), 60 * SECOND);
    let policy = RetryPolicy::default()
        .with_max_retries(7)
        .with_initial_backoff(ms(10))
        .with_max_backoff(ms(20))
        .with_max_retry_after(ms(30));
    assert_eq!(
        (
            policy.max_retries(),
            policy.initial_backoff(),
            policy.max_backoff(),
            policy.max_retry_after()
        ),
        (7, ms(10), ms(20), ms(30))
    );
    assert_eq!(RetryPolicy::none().max_retries(), 0);
    assert_eq!(
        decide_at(&RetryPolicy::none(), 1, true, Outcome::TimedOut),
        stop(Reason::RetriesExhausted)
    );
}

#[test]
fn retryable_statuses() {
    for code in [408, 409, 429, 500, 502, 503, 504, 599] {
        assert!(is_retryable_status(status(code)), "{code}");
    }
    for code in [200, 304, 400, 401, 403, 404, 422] {
        assert!(!is_retryable_status(status(code)), "{code}");
    }
}

fn with_retry_after(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(http::header::RETRY_AFTER, value);
    }
    headers
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

#[test]
fn retry_after_ms_is_preferred_when_it_is_a_wait() {
    let now = SystemTime::UNIX_EPOCH;
    let with_millis = |millis: &str, seconds: Option<&str>| {
        let mut headers = seconds.map(with_retry_after).unwrap_or_default();
        if let Ok(value) = HeaderValue::from_str(millis) {
            headers.insert("retry-after-ms", value);
        }
        retry_after(&headers, now)
    };
    assert_eq!(
        with_millis("250", Some("1")),
        Some(Duration::from_millis(250))
    );
    assert_eq!(
        with_millis(" 1500 ", None),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(with_millis("0", Some("1")), Some(Duration::ZERO));
    assert_eq!(
        with_millis("12.5", None),
        Some(Duration::from_micros(12_500))
    );
    // Not a wait: `Retry-After` decides.
    for bad in ["-5", "soon", "NaN", "inf", "1e400", ""] {
        assert_eq!(
            with_millis(bad, Some("2")),
            Some(Duration::from_secs(2)),
            "{bad}"
        );
        assert_eq!(with_millis(bad, None), None, "{bad}");
    }
}
