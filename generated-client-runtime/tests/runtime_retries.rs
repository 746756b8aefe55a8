//! Retries, timeouts and transport failures, against real loopback servers.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use generated_client_runtime::__private::{Client, Method, Request};
use generated_client_runtime::{Error, RetryPolicy, StatusCode};
use serde_json::json;
use support::{Env, Plain, env_client, envelope, plain_client, received};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get(operation: &'static str) -> Request {
    Request::new(Method::GET, operation, "/things".into())
}

async fn mount(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(any()).respond_with(response);
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[tokio::test]
async fn retries_twice_then_succeeds_with_identical_requests() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(503), Some(2)).await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(json!({ "id": 7 }))),
        None,
    )
    .await;
    let client = env_client(&server);
    // PUT: idempotent, so a 503 without Retry-After is retried (a POST would not be).
    let mut request = Request::new(Method::PUT, "env.things.create", "/things".into());
    request.query("a", "b c");
    request.header("X-Op", "1");
    request.json(&json!({ "name": "thing", "nested": { "list": [1, 2, 3] } }));
    let response = client
        .execute::<serde_json::Value>(request)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.value(), &json!({ "id": 7 }));
    assert_eq!(response.status(), StatusCode::OK);

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let headers = |r: &wiremock::Request| {
        let mut all: Vec<(String, Vec<u8>)> = r
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
            .collect();
        all.sort();
        all
    };
    for retry in &requests[1..] {
        assert_eq!(retry.body, requests[0].body);
        assert_eq!(retry.url, requests[0].url);
        assert_eq!(retry.method, requests[0].method);
        assert_eq!(headers(retry), headers(&requests[0]));
    }
}

#[tokio::test]
async fn exhausted_retries_give_the_last_api_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(503).set_body_json(support::failure(10013, "Service unavailable")),
        None,
    )
    .await;
    let error = env_client(&server)
        .execute::<serde_json::Value>(get("env.things.list"))
        .await
        .err();
    let Some(Error::Api(api)) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.attempts(), 3);
    assert_eq!(api.details()[0].code, Some(10013));
    assert_eq!(received(&server).await.len(), 3);
    let error = error.unwrap_or_else(|| unreachable!());
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.status_code(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(error.operation(), Some("env.things.list"));
    assert_eq!(
        error.to_string(),
        format!(
            "env.things.list (GET {}/client/v4/things): HTTP 503 Service Unavailable: [10013] Service unavailable (after 3 attempts)",
            server.uri()
        )
    );
}

#[tokio::test]
async fn no_retry_on_client_errors_or_when_disabled() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(404).set_body_json(support::failure(12000, "Not found")),
        Some(1),
    )
    .await;
    mount(&server, ResponseTemplate::new(500), None).await;
    let client = env_client(&server);
    let error = client
        .execute::<serde_json::Value>(get("env.things.get"))
        .await
        .err();
    assert_eq!(error.as_ref().and_then(Error::status), Some(404));
    assert!(!error.as_ref().is_some_and(Error::is_retryable));
    assert_eq!(received(&server).await.len(), 1);

    let once: Client<Env> = support::builder::<Env>(&server, "")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = once
        .execute::<serde_json::Value>(get("env.things.get"))
        .await
        .err();
    assert_eq!(error.as_ref().and_then(Error::status), Some(500));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_seconds_and_dates_are_honoured() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "0"),
        Some(1),
    )
    .await;
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(10));
    mount(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", past.as_str()),
        Some(1),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(json!([1, 2]))),
        None,
    )
    .await;
    // A long backoff, so that only an honoured Retry-After keeps this fast.
    let client: Client<Env> = support::builder::<Env>(&server, "")
        .retry_policy(RetryPolicy::default().with_initial_backoff(Duration::from_secs(30)))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let response = client.execute::<Vec<u8>>(get("env.things.list")).await;
    assert_eq!(response.map(|r| r.into_value()).ok(), Some(vec![1, 2]));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_not_waited() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "120"),
        None,
    )
    .await;
    let started = Instant::now();
    let error = env_client(&server)
        .execute::<serde_json::Value>(get("env.things.list"))
        .await
        .err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let Some(Error::Api(api)) = error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(api.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(api.attempts(), 1);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_429_waits_for_the_rate_limit_reset() {
    let server = MockServer::start().await;
    let soon = (unix_now() + 3600).to_string();
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("X-Rate-Limit-Reset", soon.as_str()),
        Some(1),
    )
    .await;
    let error = plain_client(&server)
        .execute::<serde_json::Value>(get("plain.things.list"))
        .await
        .err();
    assert_eq!(error.as_ref().and_then(Error::status), Some(429));
    assert_eq!(received(&server).await.len(), 1);

    let past = (unix_now() - 5).to_string();
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("X-Rate-Limit-Reset", past.as_str()),
        Some(1),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({ "ok": true })),
        None,
    )
    .await;
    let response = plain_client(&server)
        .execute::<serde_json::Value>(get("plain.things.list"))
        .await;
    assert_eq!(
        response.map(|r| r.into_value()).ok(),
        Some(json!({ "ok": true }))
    );
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_slow_server_times_out_and_is_retried() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
        Some(1),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(json!("fast"))),
        None,
    )
    .await;
    let client: Client<Env> = support::builder::<Env>(&server, "")
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let response = client.execute::<String>(get("env.things.get")).await;
    assert_eq!(
        response.map(|r| r.into_value()).ok().as_deref(),
        Some("fast")
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(received(&server).await.len(), 2);

    let slow = MockServer::start().await;
    mount(
        &slow,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
        None,
    )
    .await;
    let client: Client<Env> = support::builder::<Env>(&slow, "")
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let error = client.execute::<String>(get("env.things.get")).await.err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(
            error,
            Some(Error::Timeout { ref call, after })
                if call.operation() == "env.things.get" && after == Duration::from_millis(200)
        ),
        "{error:?}"
    );
    let error = error.unwrap_or_else(|| unreachable!());
    assert!(error.is_retryable());
    assert_eq!(
        error.to_string(),
        format!(
            "env.things.get (GET {}/things): no response within 200 ms",
            slow.uri()
        )
    );
}

#[tokio::test]
async fn connection_refused_is_a_retryable_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    drop(listener);
    let client: Client<Plain> = support::builder::<Plain>(&MockServer::start().await, "")
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client
        .execute::<serde_json::Value>(get("plain.things.list"))
        .await
        .err();
    let Some(error @ Error::Transport { .. }) = error else {
        panic!("expected a transport error, got {error:?}")
    };
    let Error::Transport { source, .. } = &error else {
        unreachable!()
    };
    assert!(source.is_connect() && !source.is_timeout());
    assert!(!source.is_request() && !source.is_body());
    assert_eq!(source.to_string(), "could not connect to the server");
    // The HTTP client's error is the next link of the chain, as a `dyn Error` only.
    let next = std::error::Error::source(&error);
    assert!(
        next.is_some_and(|next| next.is::<reqwest::Error>()),
        "{next:?}"
    );
    assert!(error.is_retryable());
    assert_eq!(error.operation(), Some("plain.things.list"));
    assert_eq!(error.status(), None);
    assert!(std::error::Error::source(&error).is_some());
    assert_eq!(
        error.to_string(),
        format!(
            "plain.things.list (GET http://127.0.0.1:{port}/things): could not connect to the server"
        )
    );
}

/// A server that answers each connection with `reply` and closes it; counts connections.
async fn raw_server(
    reply: &'static [u8],
) -> (String, Arc<AtomicUsize>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let task = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket.write_all(reply).await;
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{address}"), count, task)
}

#[tokio::test]
async fn closed_connections_and_cut_bodies_are_retried_transport_errors() {
    for reply in [
        &b""[..],
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"succ",
    ] {
        let (base, count, task) = raw_server(reply).await;
        let client: Client<Env> = support::builder::<Env>(&MockServer::start().await, "")
            .base_url(base)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let error = client
            .execute::<serde_json::Value>(get("env.things.list"))
            .await
            .err();
        task.abort();
        let Some(Error::Transport { source, .. }) = &error else {
            panic!("{reply:?}: expected a transport error, got {error:?}")
        };
        // Closed before any answer: the request may have arrived. Cut in the body: the
        // server had begun to answer.
        let in_body = !reply.is_empty();
        assert_eq!(
            (source.is_connect(), source.is_request(), source.is_body()),
            (false, !in_body, in_body),
            "{reply:?}: {source:?}"
        );
        assert!(error.is_some_and(|e| e.is_retryable()));
        assert_eq!(count.load(Ordering::SeqCst), 3, "{reply:?}");
    }
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_protocol_error_not_retried() {
    let (base, count, task) = raw_server(b"garbage that is not HTTP\r\n\r\n").await;
    let client: Client<Env> = support::builder::<Env>(&MockServer::start().await, "")
        .base_url(base)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = client
        .execute::<serde_json::Value>(get("env.things.list"))
        .await
        .err();
    task.abort();
    let Some(Error::Protocol { source, .. }) = &error else {
        panic!("expected a protocol error, got {error:?}")
    };
    assert!(!source.is_connect() && !source.is_body());
    // What the HTTP stack found wrong is said.
    assert!(
        source
            .to_string()
            .starts_with("the response is not valid HTTP ("),
        "{source}"
    );
    assert!(error.is_some_and(|e| !e.is_retryable()));
    assert_eq!(count.load(Ordering::SeqCst), 1);
}
