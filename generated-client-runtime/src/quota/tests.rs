//! The client's count of its rate limit, on an injected clock: no test sleeps.

use super::*;

const SECOND: Duration = Duration::from_secs(1);

fn said(remaining: u64, reset: Duration, limit: Option<u64>) -> RateLimit {
    RateLimit {
        limit,
        remaining: Some(remaining),
        reset: Some(reset),
        window: None,
    }
}

fn go(admission: Admission<'_>) -> Ticket<'_> {
    match admission {
        Admission::Go(ticket) => ticket,
        other => panic!("expected to go, got {other:?}"),
    }
}

fn is_wait_until(admission: &Admission<'_>, at: Instant) -> bool {
    matches!(admission, Admission::WaitUntil(until) if *until == at)
}

#[test]
fn one_request_finds_out_then_the_window_is_counted_down() {
    let quota = Quota::new(RateLimitPolicy::wait(), true);
    let now = Instant::now();
    let mut first = go(quota.admit(now));
    assert!(matches!(quota.admit(now), Admission::WaitForNews));
    quota.observe(&mut first, &said(3, SECOND, Some(4)), now);
    drop(first);
    let mut tickets: Vec<_> = (0..3).map(|_| go(quota.admit(now))).collect();
    let spent = quota.admit(now);
    assert!(is_wait_until(&spent, now + SECOND), "{spent:?}");
    // Answers can only lower the count.
    quota.observe(&mut tickets[0], &said(2, SECOND, Some(4)), now);
    assert!(matches!(quota.admit(now), Admission::WaitUntil(_)));
    drop(tickets);
    // At the reset, a window's worth goes again: the limit is known.
    let later = now + SECOND;
    let mut next: Vec<_> = (0..4).map(|_| go(quota.admit(later))).collect();
    // Its end is not known until an answer says it.
    assert!(matches!(quota.admit(later), Admission::WaitForNews));
    quota.observe(&mut next[0], &said(0, 2 * SECOND, None), later);
    assert!(is_wait_until(&quota.admit(later), later + 2 * SECOND));
}

#[test]
fn a_late_answer_from_before_the_reset_does_not_speak_for_the_next_window() {
    let quota = Quota::new(RateLimitPolicy::wait(), true);
    let now = Instant::now();
    let mut probe = go(quota.admit(now));
    quota.observe(&mut probe, &said(2, SECOND, Some(3)), now);
    drop(probe);
    let mut late = go(quota.admit(now));
    let later = now + SECOND;
    // The reset: the request still in flight may count in the new window.
    let mut new: Vec<_> = (0..2).map(|_| go(quota.admit(later))).collect();
    assert!(matches!(quota.admit(later), Admission::WaitForNews));
    // The old window's last answer says it is spent and resets now: not about this one.
    quota.observe(&mut late, &said(0, Duration::ZERO, Some(3)), later);
    drop(late);
    assert!(matches!(quota.admit(later), Admission::WaitForNews));
    // The new window's answer gives its end; the count stays the client's, which counted
    // the late request in it, to be safe.
    quota.observe(&mut new[0], &said(1, SECOND, Some(3)), later);
    assert!(is_wait_until(&quota.admit(later), later + SECOND));
    drop(new);
}

#[test]
fn those_in_flight_when_a_window_is_first_learned_are_counted_in_it() {
    let quota = Quota::new(RateLimitPolicy::wait(), true);
    let now = Instant::now();
    let mut probe = go(quota.admit(now));
    quota.observe(&mut probe, &RateLimit::default(), now);
    // No figures: requests go freely...
    let mut free: Vec<_> = (0..5).map(|_| go(quota.admit(now))).collect();
    // ...until an answer has them, which may not count the five others in flight.
    quota.observe(&mut free[0], &said(10, SECOND, None), now);
    let rest: Vec<_> = (0..5).map(|_| go(quota.admit(now))).collect();
    assert!(matches!(quota.admit(now), Admission::WaitUntil(_)));
    drop((probe, free, rest));
}

#[test]
fn a_spent_window_whose_end_no_answer_will_say_is_forgotten() {
    let quota = Quota::new(RateLimitPolicy::wait(), true);
    let now = Instant::now();
    let mut probe = go(quota.admit(now));
    quota.observe(&mut probe, &said(0, SECOND, Some(1)), now);
    drop(probe);
    let later = now + SECOND;
    let only = go(quota.admit(later));
    assert!(matches!(quota.admit(later), Admission::WaitForNews));
    // Its request failed without an answer: nothing will say when the window ends.
    drop(only);
    let mut probe = go(quota.admit(later));
    assert!(matches!(quota.admit(later), Admission::WaitForNews));
    quota.observe(&mut probe, &said(0, SECOND, None), later);
    assert!(matches!(quota.admit(later), Admission::WaitUntil(_)));
    drop(probe);
}

#[test]
fn a_probe_that_gets_no_answer_lets_the_others_go() {
    // No answer, no limit to keep to: the others need not wait one by one.
    let quota = Quota::new(RateLimitPolicy::wait(), true);
    let now = Instant::now();
    let probe = go(quota.admit(now));
    assert!(matches!(quota.admit(now), Admission::WaitForNews));
    drop(probe);
    let free: Vec<_> = (0..3).map(|_| go(quota.admit(now))).collect();
    drop(free);
}

#[test]
fn the_reserve_is_left_unused() {
    let quota = Quota::new(RateLimitPolicy::wait().with_reserve(2), true);
    let now = Instant::now();
    let mut probe = go(quota.admit(now));
    quota.observe(&mut probe, &said(5, SECOND, None), now);
    let three: Vec<_> = (0..3).map(|_| go(quota.admit(now))).collect();
    assert!(matches!(quota.admit(now), Admission::WaitUntil(_)));
    drop((probe, three));
}

#[test]
fn ignoring_or_unmetered_services_admit_everything() {
    let now = Instant::now();
    for quota in [
        Quota::new(RateLimitPolicy::ignore(), true),
        Quota::new(RateLimitPolicy::wait(), false),
    ] {
        let tickets: Vec<_> = (0..10)
            .map(|_| {
                let mut ticket = go(quota.admit(now));
                quota.observe(&mut ticket, &said(0, 60 * SECOND, Some(1)), now);
                ticket
            })
            .collect();
        assert_eq!(quota.state().in_flight, 0);
        drop(tickets);
    }
}

#[test]
fn tickets_leave_the_count_when_dropped() {
    let quota = Quota::new(RateLimitPolicy::fail(), true);
    let now = Instant::now();
    let mut probe = go(quota.admit(now));
    quota.observe(&mut probe, &RateLimit::default(), now);
    let tickets: Vec<_> = (0..3).map(|_| go(quota.admit(now))).collect();
    assert_eq!(quota.state().in_flight, 4);
    drop(tickets);
    drop(probe);
    assert_eq!(quota.state().in_flight, 0);
    assert_eq!(quota.policy().mode(), RateLimitMode::Fail);
}
