//! The bound on requests in flight: however many tasks call a client and its clones, the
//! server never has more than the bound at once; calls beyond it wait their turn.

mod support;

use std::time::Duration;

use futures_util::future::join_all;
use generated_client_runtime::__private::{Client, Method, Request};
use generated_client_runtime::{ClientBuilder, Error};
use support::counting::{self, Reply};
use support::{Plain, TOKEN};

fn get() -> Request {
    Request::new(Method::GET, "plain.things.get", "/things".into())
}

fn slow() -> Reply {
    Reply::Json {
        body: "{\"ok\":true}".to_owned(),
        delay: Duration::from_millis(50),
    }
}

#[tokio::test]
async fn no_more_than_the_bound_are_in_flight_across_clones() {
    let (base_url, counts) = counting::server(|_| slow()).await;
    let client: Client<Plain> = ClientBuilder::<Plain>::new(TOKEN)
        .base_url(base_url)
        .max_requests_in_flight(4)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(client.max_requests_in_flight(), 4);
    let clone = client.clone();
    let calls = (0..40).map(|n| {
        let client = if n % 2 == 0 { &client } else { &clone };
        client.execute::<serde_json::Value>(get())
    });
    let results = join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(counts.requests(), 40);
    assert_eq!(counts.peak_in_flight(), 4);
    // Each request in flight held one connection, and no more were opened.
    assert_eq!(counts.accepted(), 4);
    assert_eq!(client.requests_in_flight(), 0);
}

#[test]
fn a_bound_of_zero_is_a_configuration_error() {
    let result = ClientBuilder::<Plain>::new(TOKEN)
        .max_requests_in_flight(0)
        .build();
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.to_string(),
        "max_requests_in_flight is 0, which would let no request go; allow at least 1 (the \
         default is 64)"
    );
}
