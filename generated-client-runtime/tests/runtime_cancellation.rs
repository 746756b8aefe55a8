//! Cancellation leaks nothing: a call's future dropped before it sends, while the body is
//! read, or while it waits to retry, and a stream dropped in the middle of a page, leave
//! no connection (counted at the server: accepted minus closed), no task (the runtime's
//! count) and no place among the requests in flight behind; the client's next call works.

mod support;

use std::future::Future;
use std::time::Duration;

use generated_client_runtime::__private::{self as paging, Client, Method, PageInfo, Request};
use generated_client_runtime::{ClientBuilder, RetryPolicy};
use support::counting::{self, Counts, Reply};
use support::{Plain, TOKEN};

fn get() -> Request {
    Request::new(Method::GET, "plain.things.get", "/things".into())
}

fn ok() -> Reply {
    Reply::json(serde_json::json!([1, 2]))
}

fn client(base_url: &str) -> Client<Plain> {
    ClientBuilder::<Plain>::new(TOKEN)
        .base_url(base_url)
        // A retry waits long enough to be cancelled during the wait.
        .retry_policy(
            RetryPolicy::default()
                .with_initial_backoff(Duration::from_secs(30))
                .with_max_backoff(Duration::from_secs(30)),
        )
        .max_requests_in_flight(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn call(client: &Client<Plain>) {
    let result = client.execute::<Vec<u64>>(get()).await;
    assert_eq!(result.map(|r| r.into_value()).ok(), Some(vec![1, 2]));
}

/// Polls `future` for a short while, then drops it.
async fn cancel_after_a_while<F: Future>(future: F) {
    let result = tokio::time::timeout(Duration::from_millis(200), future).await;
    assert!(result.is_err(), "the call ended before it was cancelled");
}

fn alive_tasks() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

/// Waits (up to 5 s, polling) until the runtime's tasks are back to `tasks`; their count.
async fn tasks_settle(tasks: usize) -> usize {
    for _ in 0..500 {
        if alive_tasks() <= tasks {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    alive_tasks()
}

/// After a call, with its connection idle in the pool: the connections and tasks.
async fn warm(client: &Client<Plain>, counts: &Counts) -> usize {
    call(client).await;
    assert_eq!(counts.settle(1).await, 1);
    alive_tasks()
}

/// What must hold after a cancellation: nothing in flight, at most the pool's idle
/// connection open, the tasks of before, and a next call that works.
async fn nothing_left(client: &Client<Plain>, counts: &Counts, open: usize, tasks: usize) {
    assert_eq!(client.requests_in_flight(), 0);
    assert_eq!(
        counts.settle(open).await,
        open,
        "a connection was left open"
    );
    call(client).await;
    assert_eq!(counts.settle(1).await, 1);
    assert_eq!(tasks_settle(tasks).await, tasks, "a task was left behind");
}

#[tokio::test]
async fn a_call_dropped_before_it_sends() {
    let (base_url, counts) = counting::server(|n| match n {
        1 => Reply::Json {
            body: "[1,2]".to_owned(),
            delay: Duration::from_millis(400),
        },
        _ => ok(),
    })
    .await;
    let client = client(&base_url);
    let tasks = warm(&client, &counts).await;
    // Never polled.
    drop(client.execute::<Vec<u64>>(get()));
    // Waiting for its turn behind a slow call (the bound is 1).
    let slow = client.execute::<Vec<u64>>(get());
    let waiting = cancel_after_a_while(client.execute::<Vec<u64>>(get()));
    let (slow, ()) = tokio::join!(slow, waiting);
    assert!(slow.is_ok(), "{slow:?}");
    assert_eq!(counts.requests(), 2, "a cancelled call was sent");
    nothing_left(&client, &counts, 1, tasks).await;
}

#[tokio::test]
async fn a_call_dropped_while_its_body_is_read() {
    let (base_url, counts) = counting::server(|n| if n == 1 { Reply::Stall } else { ok() }).await;
    let client = client(&base_url);
    let tasks = warm(&client, &counts).await;
    cancel_after_a_while(client.execute::<Vec<u64>>(get())).await;
    // The connection of a body half read cannot be used again: it is closed.
    nothing_left(&client, &counts, 0, tasks).await;
}

#[tokio::test]
async fn a_call_dropped_while_it_waits_to_retry() {
    let (base_url, counts) =
        counting::server(|n| if n % 2 == 1 { Reply::Status(503) } else { ok() }).await;
    let client = client(&base_url);
    let tasks = warm(&client, &counts).await;
    for round in 0..5 {
        // Its 503 read whole, the connection went back to the pool; the call sleeps.
        let retrying = client.execute::<Vec<u64>>(get());
        let in_flight = async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            client.requests_in_flight()
        };
        let ((), in_flight) = tokio::join!(cancel_after_a_while(retrying), in_flight);
        assert_eq!(
            in_flight, 0,
            "a call waiting to retry holds a place in flight"
        );
        assert_eq!(counts.requests(), 2 + 2 * round);
        nothing_left(&client, &counts, 1, tasks).await;
    }
    // Every call and retry used the one connection.
    assert_eq!(counts.accepted(), 1);
}

#[tokio::test]
async fn a_stream_dropped_in_the_middle_of_a_page() {
    let (base_url, counts) = counting::server(|n| if n == 2 { Reply::Stall } else { ok() }).await;
    let client = client(&base_url);
    let tasks = warm(&client, &counts).await;
    let fetcher = client.clone();
    let limits = paging::PagingLimits::new("plain.things.list", 100);
    let mut stream = paging::page_numbers(limits, 1, move |page| {
        let client = fetcher.clone();
        async move {
            let mut request = Request::new(Method::GET, "plain.things.list", "/things".into());
            request.query("page", page);
            let items = client.execute::<Vec<u64>>(request).await?.into_value();
            let info = PageInfo {
                page: Some(page),
                per_page: Some(2),
                total_pages: Some(3),
            };
            Ok((items, info))
        }
    });
    // The first page's items; the second page stalls in its body.
    for expected in [1, 2] {
        let item = stream.next().await.and_then(Result::ok);
        assert_eq!(item, Some(expected));
    }
    cancel_after_a_while(stream.next()).await;
    drop(stream);
    nothing_left(&client, &counts, 0, tasks).await;
}
