//! Hostile servers on loopback, through the generated clients: endless and oversized
//! bodies, servers that drip, redirect, page forever or cycle cursors, huge error
//! messages, malformed heads, and faults after a request that is not idempotent was
//! sent. Each ends in a typed error, quickly, holding bounded memory, and without a
//! retry that could repeat an effect.

mod wire_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use generated_client::cloudflare::{CloudflareClient, CreateManualBuildRequest};
use generated_client::{Error, PagingProblem, RetryPolicy};
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use wire_support::{
    ACCOUNT, TOKEN, UUID, cloudflare, cloudflare_at, envelope, fast_retries, page, raw_server,
    read_head, received, sample_build, sample_request_body, sample_result,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_with(
    base_url: &str,
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> CloudflareClient {
    let builder = CloudflareClient::builder(TOKEN)
        .base_url(base_url)
        .timeout(Duration::from_secs(2))
        .retry_policy(fast_retries());
    match configure(builder).build() {
        Ok(client) => client,
        Err(e) => panic!("the client does not build: {e}"),
    }
}

type ClientBuilder =
    generated_client::runtime::ClientBuilder<generated_client::cloudflare::Cloudflare>;

fn manual_build_request() -> CreateManualBuildRequest {
    let body = sample_request_body("cloudflare.triggers.create_manual_build");
    match serde_json::from_value(body) {
        Ok(request) => request,
        Err(e) => panic!("the spec's manual build request does not decode: {e}"),
    }
}

// ---- bodies ----

#[tokio::test]
async fn an_endless_body_stops_at_the_limit() {
    const LIMIT: u64 = 1 << 20;
    let written = Arc::new(AtomicU64::new(0));
    let sent = Arc::clone(&written);
    let (base_url, _) = raw_server(move |mut socket| {
        let sent = Arc::clone(&sent);
        async move {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                        Transfer-Encoding: chunked\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            // `{"result":"xxxx…` without end, 64 KiB a chunk, until the client hangs up.
            let mut chunk = format!("{:x}\r\n", 65536).into_bytes();
            chunk.extend(std::iter::repeat_n(b'x', 65536));
            chunk.extend_from_slice(b"\r\n");
            while socket.write_all(&chunk).await.is_ok() {
                sent.fetch_add(65536, Ordering::SeqCst);
            }
        }
    })
    .await;
    let client = client_with(&base_url, |b| b.max_response_size(LIMIT));
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::ResponseTooLarge { .. }) = result else {
        panic!("expected ResponseTooLarge, got {result:?}")
    };
    assert!(!error.is_retryable());
    assert_eq!(error.status(), Some(200));
    assert!(error.to_string().contains("1048576 bytes"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // What the server got rid of is what the client read, plus what the kernel's socket
    // buffers hold: the client held at most the limit.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let written = written.load(Ordering::SeqCst);
    assert!(
        written < LIMIT + (32 << 20),
        "the server wrote {written} bytes: the client kept reading"
    );
}

#[tokio::test]
async fn a_declared_4_gib_body_is_refused_before_reading() {
    let (base_url, _) = raw_server(|mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                    Content-Length: 4294967296\r\n\r\n{\"result\":";
        let _ = socket.write_all(head.as_bytes()).await;
        // Then nothing: a client that waited for the body would time out.
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let client = client_with(&base_url, |b| b);
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, UUID).await;
    assert!(
        matches!(result, Err(Error::ResponseTooLarge { limit, .. }) if limit == 32 << 20),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

// ---- time ----

#[tokio::test]
async fn a_dripping_server_is_cut_at_the_calls_deadline() {
    let (base_url, accepted) = raw_server(|mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                    Content-Length: 100000\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        // One byte every 50 ms: each attempt only ends at its timeout.
        while socket.write_all(b" ").await.is_ok() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let client = client_with(&base_url, |b| {
        b.timeout(Duration::from_millis(400))
            .deadline(Duration::from_secs(1))
    });
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, UUID).await;
    let elapsed = started.elapsed();
    let Err(error @ Error::DeadlineExceeded { .. }) = result else {
        panic!("expected DeadlineExceeded, got {result:?}")
    };
    assert!(!error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("deadline of 1 s passed (3 attempts)"),
        "{error}"
    );
    // Three attempts of 400 ms would take 1.2 s: the last gets only what is left.
    assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

// ---- redirects ----

#[tokio::test]
async fn redirects_are_reported_never_followed() {
    for status in [301u16, 302, 303, 307, 308] {
        let elsewhere = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(sample_build())))
            .mount(&elsewhere)
            .await;
        let origin = MockServer::start().await;
        let location = format!("{}/steal", elsewhere.uri());
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status).insert_header("Location", location.as_str()),
            )
            .mount(&origin)
            .await;
        let client = cloudflare(&origin, fast_retries());
        let result = client
            .triggers()
            .create_manual_build(ACCOUNT, UUID, manual_build_request())
            .await;
        match &result {
            Err(Error::Redirect {
                status: got,
                location: Some(got_location),
                ..
            }) => {
                assert_eq!(got.as_u16(), status);
                assert_eq!(got_location, &location);
            }
            _ => panic!("{status}: expected a redirect error, got {result:?}"),
        }
        let error = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("is the base URL right?"), "{error}");
        assert_eq!(received(&origin).await.len(), 1, "{status}: retried");
        assert!(
            received(&elsewhere).await.is_empty(),
            "{status}: the body went to the redirect's target"
        );
    }
}

#[tokio::test]
async fn a_redirect_loop_is_one_request() {
    let server = MockServer::start().await;
    let location = format!("{}/accounts/{ACCOUNT}/builds/builds/{UUID}", server.uri());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", location.as_str()))
        .mount(&server)
        .await;
    let client = cloudflare(&server, fast_retries());
    let result = client.builds().get(ACCOUNT, UUID).await;
    assert!(
        matches!(&result, Err(Error::Redirect { status, .. }) if status.as_u16() == 302),
        "{result:?}"
    );
    assert_eq!(received(&server).await.len(), 1);
}

// ---- paging ----

fn numbered_build(n: u64) -> Value {
    let mut build = sample_build();
    build["build_uuid"] = json!(format!("build-{n}"));
    build
}

/// A list server answering each request with `respond(page asked for)`.
async fn list_server(respond: impl Fn(u64) -> Value + Send + Sync + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/accounts/{ACCOUNT}/builds/workers/w/builds")))
        .respond_with(move |request: &wiremock::Request| {
            let asked = request
                .url
                .query_pairs()
                .find(|(name, _)| name == "page")
                .and_then(|(_, value)| value.parse().ok())
                .unwrap_or(1);
            ResponseTemplate::new(200).set_body_json(respond(asked))
        })
        .mount(&server)
        .await;
    server
}

async fn list_all(client: &CloudflareClient) -> Result<usize, Error> {
    client
        .builds()
        .list_by_script(ACCOUNT, "w")
        .into_stream()
        .try_collect()
        .await
        .map(|builds| builds.len())
}

fn paging_problem(result: Result<usize, Error>) -> (PagingProblem, u64) {
    match result {
        Err(Error::Paging(error)) => {
            assert_eq!(error.operation(), "cloudflare.builds.list_by_script");
            (error.problem().clone(), error.pages())
        }
        other => panic!("expected a paging error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_that_ignores_the_page_is_stopped_at_the_first_repeat() {
    // The same full first page, whatever is asked, with a page count that never ends.
    let server = list_server(|_| {
        let items = json!([numbered_build(1), numbered_build(2)]);
        let mut body = page(items, 1, 2, 1_000_000);
        body["result_info"]["page"] = Value::Null;
        body
    })
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let (problem, pages) = paging_problem(list_all(&client).await);
    assert_eq!(problem, PagingProblem::PageRepeated { same_as: 1 });
    assert_eq!(pages, 2);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_page_answering_another_page_number_stops_the_stream() {
    let server = list_server(|asked| {
        let items = json!([numbered_build(2 * asked), numbered_build(2 * asked + 1)]);
        page(items, 1, 2, 1_000_000)
    })
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let (problem, pages) = paging_problem(list_all(&client).await);
    assert_eq!(
        problem,
        PagingProblem::WrongPage {
            requested: 2,
            answered: 1
        }
    );
    assert_eq!(pages, 2);
}

#[tokio::test]
async fn a_million_pages_stop_at_the_page_limit() {
    let server = list_server(|asked| {
        let items = json!([numbered_build(2 * asked), numbered_build(2 * asked + 1)]);
        page(items, asked, 2, 1_000_000)
    })
    .await;
    let client = client_with(&server.uri(), |b| b.max_pages(5));
    let (problem, pages) = paging_problem(list_all(&client).await);
    assert_eq!(problem, PagingProblem::TooManyPages { limit: 5 });
    assert_eq!(pages, 5);
    assert_eq!(received(&server).await.len(), 5);
}

#[tokio::test]
async fn cursors_that_cycle_stop_the_stream() {
    // A → B → A: the third page points back to the second.
    let server = MockServer::start().await;
    let logs = format!("/accounts/{ACCOUNT}/builds/builds/{UUID}/logs");
    Mock::given(method("GET"))
        .and(path(logs.as_str()))
        .respond_with(|request: &wiremock::Request| {
            let cursor = request
                .url
                .query_pairs()
                .find(|(name, _)| name == "cursor")
                .map(|(_, value)| value.into_owned());
            let (next, line) = match cursor.as_deref() {
                None => ("A", "first"),
                Some("A") => ("B", "second"),
                _ => ("A", "third"),
            };
            ResponseTemplate::new(200).set_body_json(envelope(json!({
                "cursor": next,
                "lines": [[1_636_472_400, line]],
                "truncated": false,
            })))
        })
        .mount(&server)
        .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let mut stream = client.logs().get(ACCOUNT, UUID).into_stream();
    let mut lines = 0;
    let error = loop {
        match stream.next().await {
            Some(Ok(_)) => lines += 1,
            Some(Err(error)) => break error,
            None => panic!("the stream ended without an error after {lines} lines"),
        }
    };
    assert!(
        matches!(&error, Error::Paging(e) if *e.problem() == PagingProblem::CursorRepeated),
        "{error:?}"
    );
    assert_eq!(lines, 3, "every line fetched comes before the error");
    assert!(stream.next().await.is_none(), "an error ends the stream");
    assert_eq!(received(&server).await.len(), 3);
}

// ---- bounded messages ----

#[tokio::test]
async fn a_huge_string_in_a_bad_response_stays_out_of_the_message() {
    let huge = "x".repeat(5 << 20);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [], "result": huge,
        })))
        .mount(&server)
        .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Decode(error)) = &result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert!(
        error.message().chars().count() <= 300,
        "{}",
        error.message().len()
    );
    assert!(error.excerpt().chars().count() <= 500);
    let shown = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(shown.len() < 2000, "the message is {} bytes", shown.len());
}

#[tokio::test]
async fn an_error_body_with_a_bad_byte_keeps_its_codes_and_a_short_message() {
    let mut body = br#"{"success":false,"errors":[{"code":1000,"message":"bad "#.to_vec();
    body.push(0xFF);
    body.extend_from_slice(br#" byte"},{"code":1001,"message":""#);
    body.extend(std::iter::repeat_n(b'y', 5 << 20));
    body.extend_from_slice(br#""}],"messages":[],"result":null}"#);
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Api(error)) = &result else {
        panic!("expected an API error, got {result:?}")
    };
    assert_eq!(error.codes().collect::<Vec<_>>(), vec![1000, 1001]);
    let shown = error.to_string();
    assert!(
        shown.contains("[1000] bad \u{FFFD} byte"),
        "{}",
        &shown[..200]
    );
    assert!(shown.len() < 2000, "the message is {} bytes", shown.len());
}

// ---- honest kinds ----

#[tokio::test]
async fn a_head_of_ten_thousand_headers_is_a_protocol_error_not_retried() {
    let (base_url, accepted) = raw_server(|mut socket| async move {
        let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        for n in 0..10_000 {
            head.push_str(&format!("X-Filler-{n}: {n}\r\n"));
        }
        head.push_str("\r\n{}");
        let _ = socket.write_all(head.as_bytes()).await;
    })
    .await;
    let client = client_with(&base_url, |b| b);
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Protocol { .. }) = result else {
        panic!("expected a protocol error, got {result:?}")
    };
    assert!(!error.is_retryable());
    assert!(error.to_string().contains("not valid HTTP"), "{error}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

// ---- safe retries ----

#[tokio::test]
async fn a_post_is_not_retried_once_the_connection_broke_after_sending() {
    // The server reads the request, then hangs up: it may have acted on it.
    let (base_url, accepted) = raw_server(|socket| async move { drop(socket) }).await;
    let client = cloudflare_at(&base_url, fast_retries());
    let result = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, manual_build_request())
        .await;
    assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "a POST was sent twice");
}

#[tokio::test]
async fn a_post_that_times_out_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(sample_build()))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let client = client_with(&server.uri(), |b| b.timeout(Duration::from_millis(150)));
    let result = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, manual_build_request())
        .await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    assert_eq!(received(&server).await.len(), 1);
}

/// A server answering 503 (with `retry_after`, if any) once, then the call's result.
async fn unavailable_once(retry_after: Option<&str>, result: Value) -> MockServer {
    let server = MockServer::start().await;
    let mut unavailable = ResponseTemplate::new(503);
    if let Some(wait) = retry_after {
        unavailable = unavailable.insert_header("Retry-After", wait);
    }
    Mock::given(method("POST"))
        .respond_with(unavailable)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(result)))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_server_asks() {
    let result = sample_result("cloudflare.triggers.create_manual_build");
    let server = unavailable_once(None, result.clone()).await;
    let client = cloudflare(&server, fast_retries());
    let call = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, manual_build_request())
        .await;
    assert!(
        matches!(&call, Err(Error::Api(e)) if e.status() == 503 && e.attempts() == 1),
        "{call:?}"
    );
    assert_eq!(received(&server).await.len(), 1);

    let server = unavailable_once(Some("0"), result).await;
    let client = cloudflare(&server, fast_retries());
    let call = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, manual_build_request())
        .await;
    assert!(call.is_ok(), "{call:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_post_the_spec_marks_idempotent_is_retried_like_a_get() {
    let server =
        unavailable_once(None, sample_result("cloudflare.triggers.purge_build_cache")).await;
    let client = cloudflare(&server, fast_retries());
    let call = client.triggers().purge_build_cache(ACCOUNT, UUID).await;
    assert!(call.is_ok(), "{call:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_was_refused() {
    // A port with nothing listening, where a server starts while the client waits to
    // retry: the first attempt never reached anyone.
    let address = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener.local_addr(),
        Err(e) => panic!("cannot listen on loopback: {e}"),
    };
    let address = match address {
        Ok(address) => address,
        Err(e) => panic!("no local address: {e}"),
    };
    let server = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let listener = match TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(e) => panic!("cannot listen on {address} again: {e}"),
        };
        if let Ok((mut socket, _)) = listener.accept().await {
            read_head(&mut socket).await;
            let body =
                envelope(sample_result("cloudflare.triggers.create_manual_build")).to_string();
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        }
    });
    let policy = RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(400))
        .with_max_backoff(Duration::from_millis(400));
    let client = cloudflare_at(&format!("http://{address}"), policy);
    let call = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, manual_build_request())
        .await;
    server.abort();
    assert!(call.is_ok(), "{call:?}");
}
