//! Rate limits respected before they bite: against a loopback server that enforces a
//! scaled-down window with the services' own headers, callers of one client wait for the
//! reset rather than collect `429`s; or fail at once, when told to or when the wait would
//! not fit in the deadline; or ignore the headers.

mod support;

use std::time::Duration;

use futures_util::future::join_all;
use generated_client_runtime::__private::{Client, Method, Request, Service};
use generated_client_runtime::{ClientBuilder, Error, RateLimitPolicy, RetryPolicy};
use support::limited::{self, Style};
use support::{Env, Plain, TOKEN};
use wiremock::MockServer;

const SECOND: Duration = Duration::from_secs(1);

fn get() -> Request {
    Request::new(Method::GET, "test.things.get", "/things".into())
}

/// A client that never retries, so that any `429` the server sends reaches the caller.
fn client<S: Service<Client = Client<S>>>(
    server: &MockServer,
    policy: RateLimitPolicy,
) -> Client<S> {
    ClientBuilder::<S>::new(TOKEN)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .rate_limit_policy(policy)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `callers` tasks of clones of `client` making `calls` calls between them; the errors.
async fn calls_from<S: Service<Client = Client<S>>>(
    client: &Client<S>,
    callers: usize,
    calls: usize,
) -> Vec<Error> {
    let tasks = (0..callers).map(|caller| {
        let client = client.clone();
        let share = calls / callers + usize::from(caller < calls % callers);
        async move {
            let mut errors = Vec::new();
            for _ in 0..share {
                if let Err(error) = client.execute::<serde_json::Value>(get()).await {
                    errors.push(error);
                }
            }
            errors
        }
    });
    join_all(tasks).await.into_iter().flatten().collect()
}

async fn no_429_reaches_a_caller<S: Service<Client = Client<S>>>(style: Style) {
    // Ten requests a second; 25 calls from four callers take three windows.
    let (server, counts) = limited::server(style, 10, SECOND).await;
    let client = client::<S>(&server, RateLimitPolicy::wait());
    let errors = calls_from(&client, 4, 25).await;
    assert!(
        errors.is_empty(),
        "{style:?}: {} calls failed, the first with {:?}",
        errors.len(),
        errors.first().map(ToString::to_string)
    );
    assert_eq!((counts.served(), counts.rejected()), (25, 0), "{style:?}");
}

#[tokio::test]
async fn callers_wait_for_the_reset_of_a_structured_rate_limit() {
    no_429_reaches_a_caller::<Env>(Style::Structured).await;
}

#[tokio::test]
async fn callers_wait_for_the_reset_of_a_unix_time_rate_limit() {
    no_429_reaches_a_caller::<Plain>(Style::Separate).await;
}

/// Two calls spend a window of two requests (three seconds, so that it has not reset
/// when the third call is made); the third call's error.
async fn third_call<S: Service<Client = Client<S>>>(
    style: Style,
    client: impl Fn(&MockServer) -> Client<S>,
) -> (Result<serde_json::Value, Error>, usize) {
    let (server, counts) = limited::server(style, 2, 3 * SECOND).await;
    let client = client(&server);
    for _ in 0..2 {
        let result = client.execute::<serde_json::Value>(get()).await;
        assert!(result.is_ok(), "{result:?}");
    }
    // A clone shares what the client learned.
    let third = client.clone().execute::<serde_json::Value>(get()).await;
    (
        third.map(|r| r.into_value()),
        counts.served() + counts.rejected(),
    )
}

fn resets_in(result: &Result<serde_json::Value, Error>) -> Duration {
    match result {
        Err(Error::RateLimited { resets_in, .. }) => *resets_in,
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

async fn fails_at_once<S: Service<Client = Client<S>>>(style: Style) {
    let (result, sent) = third_call::<S>(style, |s| client::<S>(s, RateLimitPolicy::fail())).await;
    assert_eq!(sent, 2, "{style:?}: the third call was sent");
    let wait = resets_in(&result);
    // The server's window ends 2 to 3 s after its start (on a whole second); its `t` is
    // rounded up to a whole second.
    assert!(wait > SECOND && wait <= 3 * SECOND, "{style:?}: {wait:?}");
    let error = result.err().unwrap_or_else(|| unreachable!());
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    let message = error.to_string();
    assert!(
        message.starts_with("test.things.get (GET http://127.0.0.1:")
            && message.contains(
                "/things): not sent: the rate limit allows no more requests until its \
                 window resets in "
            ),
        "{message}"
    );
}

#[tokio::test]
async fn told_to_fail_a_call_fails_at_once_and_says_when_the_window_resets() {
    fails_at_once::<Env>(Style::Structured).await;
    fails_at_once::<Plain>(Style::Separate).await;
}

#[tokio::test]
async fn a_wait_that_would_not_fit_in_the_deadline_fails_at_once() {
    let deadline = |server: &MockServer| {
        ClientBuilder::<Plain>::new(TOKEN)
            .base_url(server.uri())
            .retry_policy(RetryPolicy::none())
            .deadline(Duration::from_millis(500))
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (result, sent) = third_call::<Plain>(Style::Separate, deadline).await;
    assert_eq!(sent, 2, "the third call was sent");
    assert!(resets_in(&result) > Duration::from_millis(500));
}

#[tokio::test]
async fn ignoring_the_headers_sends_and_gets_the_429() {
    let (result, sent) = third_call::<Env>(Style::Structured, |s| {
        client::<Env>(s, RateLimitPolicy::ignore())
    })
    .await;
    assert_eq!(sent, 3);
    let status = result.as_ref().err().and_then(Error::status);
    assert_eq!(status, Some(429), "{result:?}");
}
