//! The retry budget on loopback: callers of a client (and its clones) whose every request
//! fails soon send one request each, not three; a few failures are still retried.
//! Requests are counted at the server.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::future::join_all;
use generated_client_runtime::__private::{Client, Method, Request};
use generated_client_runtime::{ClientBuilder, RetryBudget};
use support::{Plain, received};
use tokio::io::AsyncReadExt;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

fn get() -> Request {
    Request::new(Method::GET, "plain.things.get", "/things".into())
}

fn client(base_url: &str, budget: RetryBudget) -> Client<Plain> {
    ClientBuilder::<Plain>::new(support::TOKEN)
        .base_url(base_url)
        .retry_policy(support::fast_retries())
        .retry_budget(budget)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `callers` calls at once; how many succeeded.
async fn call_at_once(client: &Client<Plain>, callers: usize) -> usize {
    let calls = (0..callers).map(|_| client.execute::<serde_json::Value>(get()));
    join_all(calls)
        .await
        .iter()
        .filter(|result| result.is_ok())
        .count()
}

async fn always(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_failing_server_gets_one_request_per_call_once_the_budget_is_spent() {
    let server = always(503).await;
    // Ten retries' worth: 50 tokens at 5 each.
    let client = client(&server.uri(), RetryBudget::default().with_capacity(50));
    assert_eq!(call_at_once(&client, 40).await, 0);
    // 40 first attempts, and the ten retries the budget paid for (not 80).
    assert_eq!(received(&server).await.len(), 50);
    // The budget is the clones' too: with it spent, each call is one request.
    let clone = client.clone();
    assert_eq!(call_at_once(&clone, 40).await, 0);
    assert_eq!(received(&server).await.len(), 90);
}

#[tokio::test]
async fn without_a_budget_every_retry_goes() {
    let server = always(503).await;
    let client = client(&server.uri(), RetryBudget::disabled());
    assert_eq!(call_at_once(&client, 20).await, 0);
    assert_eq!(received(&server).await.len(), 60);
}

/// A server that accepts connections and counts them; each is read, then closed at once,
/// or held without an answer (`hold`).
async fn raw_server(hold: bool) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                if hold {
                    // Until the client gives up and closes it.
                    let _ = socket.read(&mut buffer).await;
                }
            });
        }
    });
    (format!("http://{address}"), count)
}

#[tokio::test]
async fn reset_connections_spend_the_budget_as_errors_do() {
    let (base_url, connections) = raw_server(false).await;
    // Four retries' worth.
    let client = client(&base_url, RetryBudget::default().with_capacity(20));
    assert_eq!(call_at_once(&client, 10).await, 0);
    assert_eq!(connections.load(Ordering::SeqCst), 14);
}

#[tokio::test]
async fn a_retry_after_a_timeout_costs_twice_as_much() {
    let (base_url, connections) = raw_server(true).await;
    // Two retries after a timeout (10 each), where errors would have had four.
    let client = client(&base_url, RetryBudget::default().with_capacity(20));
    assert_eq!(call_at_once(&client, 6).await, 0);
    assert_eq!(connections.load(Ordering::SeqCst), 8);
}

/// Answers `503` to every twentieth request, `200` to the others.
struct OneInTwenty(AtomicUsize);

impl Respond for OneInTwenty {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        if self.0.fetch_add(1, Ordering::SeqCst) % 20 == 19 {
            ResponseTemplate::new(503)
        } else {
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "ok": true }))
        }
    }
}

#[tokio::test]
async fn a_few_failures_are_retried_and_every_call_succeeds() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(OneInTwenty(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    // A small budget, which the successes keep full.
    let client = client(&server.uri(), RetryBudget::default().with_capacity(10));
    for _ in 0..10 {
        assert_eq!(call_at_once(&client, 40).await, 40);
    }
    // 400 calls, 5% of whose requests failed and were retried.
    assert_eq!(received(&server).await.len(), 421);
}
