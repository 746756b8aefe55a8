//! Shared helpers of the wire tests: the spec's sample bodies, clients of the generated
//! services pointed at a loopback mock server, short retry policies, and a raw loopback
//! server for answers no HTTP mock gives.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use generated_client::RetryPolicy;
use generated_client::buddy::BuddyClient;
use generated_client::cloudflare::CloudflareClient;
use serde_json::{Value, json};
use tests::generated::operations::OPERATIONS;
use tests::replay::{Operation, spec_examples};
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The token every test client sends.
pub const TOKEN: &str = "test-token";

/// A Cloudflare account ID as the pages show it.
pub const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// A UUID as the pages show it.
pub const UUID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/// The spec's examples by operation id.
pub fn examples() -> BTreeMap<String, Vec<codegen_spec::spec::Example>> {
    spec_examples()
}

/// The first example of an operation.
pub fn example(id: &str) -> codegen_spec::spec::Example {
    match examples()
        .remove(id)
        .and_then(|examples| examples.into_iter().next())
    {
        Some(example) => example,
        None => panic!("the spec has no example of {id}"),
    }
}

/// The whole sample response body (envelope included) of an operation's first example.
pub fn sample_body(id: &str) -> Value {
    match &example(id).response.body {
        Some(body) => body.to_json(),
        None => panic!("the first example of {id} has no response body"),
    }
}

/// The request body of an operation's first example.
pub fn sample_request_body(id: &str) -> Value {
    match &example(id).request.body {
        Some(body) => body.to_json(),
        None => panic!("the first example of {id} has no request body"),
    }
}

/// The `result` of a Cloudflare operation's sample response.
pub fn sample_result(id: &str) -> Value {
    sample_body(id)["result"].clone()
}

/// An operation of the replay harness by id.
pub fn operation(id: &str) -> &'static Operation<tests::generated::operations::Clients> {
    match OPERATIONS.iter().find(|op| op.id == id) {
        Some(op) => op,
        None => panic!("no operation {id}"),
    }
}

/// A successful Cloudflare envelope around `result`.
pub fn envelope(result: Value) -> Value {
    json!({ "errors": [], "messages": [], "success": true, "result": result })
}

/// A page of a page-numbered Cloudflare list.
pub fn page(result: Value, page: u64, per_page: u64, total_pages: u64) -> Value {
    let mut body = envelope(result);
    body["result_info"] = json!({
        "page": page,
        "per_page": per_page,
        "total_pages": total_pages,
    });
    body
}

/// Retries as by default (twice), but waiting milliseconds, not seconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

/// A Cloudflare client of `base_url` with a 2 s timeout and `policy`.
pub fn cloudflare_at(base_url: &str, policy: RetryPolicy) -> CloudflareClient {
    match CloudflareClient::builder(TOKEN)
        .base_url(base_url)
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(policy)
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("the Cloudflare client does not build: {e}"),
    }
}

/// A Cloudflare client of the mock server.
pub fn cloudflare(server: &MockServer, policy: RetryPolicy) -> CloudflareClient {
    cloudflare_at(&server.uri(), policy)
}

/// A Buddy client of the mock server.
pub fn buddy(server: &MockServer, policy: RetryPolicy) -> BuddyClient {
    match BuddyClient::builder(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_secs(2))
        .retry_policy(policy)
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("the Buddy client does not build: {e}"),
    }
}

/// Every request the server received.
pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    match server.received_requests().await {
        Some(requests) => requests,
        None => panic!("the mock server does not record requests"),
    }
}

/// The sample build of the docs.
pub fn sample_build() -> Value {
    sample_result("cloudflare.builds.get")
}

/// Mounts `response` for every request, at most `times` times when given.
pub async fn mount(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(any()).respond_with(response);
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

/// A server answering every request with `status` and the JSON `body`.
pub async fn serving_json(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(status).set_body_json(body),
        None,
    )
    .await;
    server
}

/// A server answering every request with `status` and the raw `body`.
pub async fn serving_raw(status: u16, body: &str, content_type: &str) -> MockServer {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        None,
    )
    .await;
    server
}

/// A loopback server that answers each connection with `serve`, after reading the
/// request's head; returns its base URL and the number of connections it accepted.
pub async fn raw_server<F, Fut>(serve: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => panic!("cannot listen on loopback: {e}"),
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(e) => panic!("no local address: {e}"),
    };
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    let serve = Arc::new(serve);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let serve = Arc::clone(&serve);
            tokio::spawn(async move {
                read_head(&mut socket).await;
                serve(socket).await;
            });
        }
    });
    (format!("http://{address}"), accepted)
}

/// Reads until the end of a request's head (and whatever of its body came with it).
pub async fn read_head(socket: &mut TcpStream) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 8192];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}
